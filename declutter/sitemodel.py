"""Site-wide boilerplate: learn the blocks a site repeats on its pages, then drop them.

Navigation labels, footers, "More from <site>" blocks and newsletter boxes are
the same on most pages of a site, while an article's paragraphs are on one
page only. :func:`fit` counts, per domain, on how many *distinct* pages each
normalised block occurs and keeps the blocks seen on at least ``threshold``
of the domain's pages (domains with fewer than ``min_pages`` pages are left
out: too little evidence). The model ships only hashes of the blocks, never
their text, so it is small and holds no page content::

    >>> pages = [(f"https://example.com/{n}", f"Home | News\\n\\nStory number {n} is here.\\n\\nSign up today")
    ...          for n in range(5)]
    >>> model = fit(pages, threshold=0.8, min_pages=5)
    >>> model.domains["example.com"].pages, len(model.domains["example.com"].blocks)
    (5, 2)

The ``site`` filter (:mod:`declutter.filters.site`) then removes those
blocks from pages of the same domain: ``Config.site_model`` holds the model
and ``Config.url`` the page's address, so filtering stays a pure function of
the document and its config.

Determinism: a page is identified by the set of its block hashes, so the
same pages give the same model in any order, and a page fetched twice (or
under two URLs of one domain) counts once: a crawl full of copies of one
article cannot make that article look like site chrome. Hashes are blake2b
of :func:`declutter.filters.duplicates.normalize`'d text, stable across
runs and machines (never Python's salted ``hash()``).
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from hashlib import blake2b
from urllib.parse import urlsplit

from declutter.blocks import split_text
from declutter.errors import ConfigError
from declutter.text import normalize

#: The model file's format tag; bump it when the file layout changes.
FORMAT = "declutter.site-model/1"
#: How block keys are hashed; bump it when :func:`normalize` changes meaning.
HASH = "blake2b-64/normalize-1"
DEFAULT_THRESHOLD = 0.5
DEFAULT_MIN_PAGES = 5

_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*")
#: ``(domain, page fingerprint, sorted block hashes)``: all that leaves a worker.
PageEntry = tuple[str, str, tuple[str, ...]]


def domain_of(url: str | None) -> str | None:
    """The site a URL belongs to: its host name, lower-cased, without ``www.``.

    >>> domain_of("https://WWW.Example.com:8080/a?b=1"), domain_of("example.org/x"), domain_of("no url")
    ('example.com', 'example.org', None)
    """
    if not url or not isinstance(url, str):
        return None
    parts = urlsplit(url if "//" in url else f"//{url}")
    try:
        host = parts.hostname
    except ValueError:
        return None
    if not host or not _HOST.fullmatch(host):
        return None
    return host.removeprefix("www.")


def block_hash(text: str) -> str | None:
    """The stable hash of a block's normalised key, or None for a block with no words.

    >>> block_hash("Sign up today!") == block_hash("sign up, TODAY")
    True
    """
    key = normalize(text)
    if not key:
        return None
    return blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def page_entry(url: str | None, text: str) -> PageEntry | None:
    """The hashes one page contributes to a fit, or None when it has no domain or no words."""
    domain = domain_of(url)
    if domain is None or not isinstance(text, str):
        return None
    hashes = tuple(sorted({h for b in split_text(text).blocks if (h := block_hash(b.text))}))
    if not hashes:
        return None
    fingerprint = blake2b(" ".join(hashes).encode("ascii"), digest_size=8).hexdigest()
    return domain, fingerprint, hashes


@dataclass(frozen=True, eq=False)
class DomainModel:
    """One domain's boilerplate: ``blocks`` maps a block hash to the number of pages it is on."""

    pages: int
    blocks: Mapping[str, int]


@dataclass(frozen=True, eq=False)
class SiteModel:
    """Per-domain boilerplate hashes and the settings they were learned with."""

    domains: Mapping[str, DomainModel]
    threshold: float = DEFAULT_THRESHOLD
    min_pages: int = DEFAULT_MIN_PAGES

    def lookup(self, url: str | None) -> tuple[str, DomainModel] | None:
        """The domain and its model for a page URL, or None (the page is then left alone)."""
        domain = domain_of(url)
        if domain is None or domain not in self.domains:
            return None
        return domain, self.domains[domain]

    def as_dict(self) -> dict[str, object]:
        """The JSON-ready model, with domains and hashes sorted (same model, same bytes)."""
        return {
            "format": FORMAT, "hash": HASH, "threshold": self.threshold, "min_pages": self.min_pages,
            "domains": {d: {"pages": m.pages, "blocks": dict(sorted(m.blocks.items()))}
                        for d, m in sorted(self.domains.items())},
        }

    def save(self, path: str) -> None:
        """Write the model as JSON (atomically: a temporary file renamed over ``path``)."""
        tmp = f"{path}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, indent=1, sort_keys=False)
            handle.write("\n")
        os.replace(tmp, path)


def build_model(page_counts: Mapping[str, int], block_counts: Mapping[tuple[str, str], int],
                threshold: float = DEFAULT_THRESHOLD, min_pages: int = DEFAULT_MIN_PAGES) -> SiteModel:
    """The model from counts: pages per domain and pages per ``(domain, hash)``.

    Shared by :func:`fit` and the Dask fit, so both give the same model.
    """
    check_settings(threshold, min_pages)
    kept: dict[str, dict[str, int]] = {}
    for (domain, digest), count in block_counts.items():
        pages = page_counts.get(domain, 0)
        if pages >= min_pages and count >= threshold * pages:
            kept.setdefault(domain, {})[digest] = count
    domains = {d: DomainModel(page_counts[d], dict(sorted(b.items()))) for d, b in sorted(kept.items())}
    return SiteModel(domains, threshold, min_pages)


def check_settings(threshold: float, min_pages: int) -> None:
    """Reject a threshold outside (0, 1] or a minimum page count below 2."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) or not 0 < threshold <= 1:
        raise ConfigError(f"site model threshold must be a share of pages in (0, 1], got {threshold!r}")
    if isinstance(min_pages, bool) or not isinstance(min_pages, int) or min_pages < 2:
        raise ConfigError(f"site model min_pages must be an integer of at least 2, got {min_pages!r}")


def count_entries(entries: Iterable[PageEntry | None]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    """Pages per domain and pages per ``(domain, hash)``, each distinct page once."""
    pages: Counter[str] = Counter()
    blocks: Counter[tuple[str, str]] = Counter()
    for domain, _fingerprint, hashes in {e for e in entries if e is not None}:
        pages[domain] += 1
        blocks.update((domain, h) for h in hashes)
    return pages, blocks


def fit(pages: Iterable[tuple[str | None, str]], threshold: float = DEFAULT_THRESHOLD,
        min_pages: int = DEFAULT_MIN_PAGES) -> SiteModel:
    """Learn a site model from ``(url, text)`` pairs (see the module docstring)."""
    check_settings(threshold, min_pages)
    page_counts, block_counts = count_entries(page_entry(url, text) for url, text in pages)
    return build_model(page_counts, block_counts, threshold, min_pages)


def load_model(path: str) -> SiteModel:
    """Read a model file; a missing, unreadable or malformed file is a :class:`ConfigError`."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise ConfigError(f"site model {path}: cannot read it: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigError(f"site model {path}: not valid JSON ({exc})") from None
    return model_from_dict(data, path)


def model_from_dict(data: object, source: str = "<data>") -> SiteModel:
    """Validate a decoded model file and build the :class:`SiteModel`."""
    def bad(problem: str) -> ConfigError:
        return _bad(source, problem)

    if not isinstance(data, dict):
        raise bad(f"expected a JSON object, got {type(data).__name__}")
    if data.get("format") != FORMAT:
        raise bad(f"format is {data.get('format')!r}, expected {FORMAT!r} (fit the model again with this version)")
    if data.get("hash") != HASH:
        raise bad(f"hash scheme is {data.get('hash')!r}, expected {HASH!r} (fit the model again)")
    try:
        check_settings(data.get("threshold"), data.get("min_pages"))  # type: ignore[arg-type]
    except ConfigError as exc:
        raise bad(str(exc)) from None
    domains = data.get("domains")
    if not isinstance(domains, dict):
        raise bad("'domains' must be an object mapping each domain to its pages and blocks")
    return SiteModel({d: _domain_from_dict(d, m, source) for d, m in domains.items()},
                     float(data["threshold"]), int(data["min_pages"]))


def _bad(source: str, problem: str) -> ConfigError:
    return ConfigError(f"site model {source}: {problem}")


def _domain_from_dict(domain: str, data: object, source: str) -> DomainModel:
    def bad(problem: str) -> ConfigError:
        return _bad(source, f"domain {domain!r}: {problem}")

    if not isinstance(data, dict) or not isinstance(data.get("blocks"), dict):
        raise bad("expected an object with 'pages' and 'blocks'")
    pages = data.get("pages")
    if isinstance(pages, bool) or not isinstance(pages, int) or pages < 1:
        raise bad(f"'pages' must be a positive integer, got {pages!r}")
    blocks = data["blocks"]
    for digest, count in blocks.items():
        if len(digest) != 16 or any(c not in "0123456789abcdef" for c in digest):
            raise bad(f"{digest!r} is not a block hash (16 hex digits)")
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= pages:
            raise bad(f"block {digest} is on {count!r} pages, expected 1 to {pages}")
    return DomainModel(pages, dict(blocks))
