"""Registry of third-party text extractors and a per-page on-disk cache of their output.

Every extractor is a function ``html (str) -> plain text (str)`` keyed by a
stable name; its library is imported only when it is first used. The cache
lets the benchmark (and a fresh clone, or the test suite) compare against
extractor outputs without installing the extractors::

    cache_dir/<name>/<page_id>.txt     exact output, UTF-8
    cache_dir/<name>/MANIFEST.json     library, versions, failures, seconds

Run ``python bench/extractors.py [--refresh] [names...]`` to (re)build the
cache and print each extractor's raw score against the ground truth.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import importlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

ExtractFn = Callable[[str], str]

REPO_DIR = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_DIR / "corpus" / "aeb"
CACHE_DIR = REPO_DIR / "corpus" / "extracted"
MANIFEST = "MANIFEST.json"


class ExtractorUnavailable(RuntimeError):
    """The extractor's library does not import and no usable cache exists."""


@dataclass(frozen=True)
class Extractor:
    """One registered extractor.

    ``distributions`` are the PyPI distributions whose versions decide whether
    a cache is current (the first one is "the library"); ``revision`` is bumped
    whenever the wrapper code below changes its output.
    """

    name: str
    distributions: tuple[str, ...]
    build: Callable[[], ExtractFn]
    revision: int = 1

    @property
    def library(self) -> str:
        return self.distributions[0]


# ---------------------------------------------------------------- extractors
# Each builder imports its library and returns the extraction function.


def _build_trafilatura() -> ExtractFn:
    import trafilatura

    def extract(html: str) -> str:
        return trafilatura.extract(html) or ""

    return extract


def _build_trafilatura_precision() -> ExtractFn:
    import trafilatura

    def extract(html: str) -> str:
        return trafilatura.extract(html, favor_precision=True) or ""

    return extract


def _build_trafilatura_no_comments() -> ExtractFn:
    import trafilatura

    def extract(html: str) -> str:
        return trafilatura.extract(html, include_comments=False) or ""

    return extract


def _build_readability() -> ExtractFn:
    import html_text
    from readability import Document

    def extract(html: str) -> str:
        summary = Document(html).summary(html_partial=True)
        return html_text.extract_text(summary) if summary else ""

    return extract


def _build_newspaper4k() -> ExtractFn:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "nltk is not installed" at import
        from newspaper import Article, Config

    config = Config()
    config.fetch_images = False  # else it downloads images for top_image: slow, no network
    config.memorize_articles = False

    def extract(html: str) -> str:
        article = Article("https://example.com/article", config=config)
        article.download(input_html=html)  # sets the html, no network
        article.parse()
        return article.text or ""

    return extract


def _build_goose3() -> ExtractFn:
    from goose3 import Goose

    goose = Goose()

    def extract(html: str) -> str:
        return goose.extract(raw_html=html).cleaned_text or ""

    return extract


def _build_justext() -> ExtractFn:
    import justext

    stoplist = justext.get_stoplist("English")

    def extract(html: str) -> str:
        paragraphs = justext.justext(html, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return extract


def _build_resiliparse() -> ExtractFn:
    from resiliparse.extract.html2text import extract_plain_text

    def extract(html: str) -> str:
        return extract_plain_text(html, main_content=True) or ""

    return extract


def _build_html_text() -> ExtractFn:
    import html_text

    def extract(html: str) -> str:
        return html_text.extract_text(html) or ""

    return extract


def _build_inscriptis() -> ExtractFn:
    import inscriptis

    def extract(html: str) -> str:
        return inscriptis.get_text(html) or ""

    return extract


REGISTRY: dict[str, Extractor] = {
    e.name: e
    for e in (
        Extractor("trafilatura", ("trafilatura",), _build_trafilatura),
        Extractor("trafilatura_precision", ("trafilatura",), _build_trafilatura_precision),
        Extractor("trafilatura_no_comments", ("trafilatura",), _build_trafilatura_no_comments),
        Extractor("readability", ("readability-lxml", "html-text"), _build_readability),
        Extractor("newspaper4k", ("newspaper4k",), _build_newspaper4k, revision=2),
        Extractor("goose3", ("goose3",), _build_goose3),
        Extractor("justext", ("justext",), _build_justext),
        Extractor("resiliparse", ("resiliparse",), _build_resiliparse),
        Extractor("html_text", ("html-text",), _build_html_text),
        Extractor("inscriptis", ("inscriptis",), _build_inscriptis),
    )
}


@functools.cache
def get_extractor(name: str) -> ExtractFn | None:
    """The extraction function for ``name``, or None if its library does not import."""
    try:
        return REGISTRY[name].build()
    except ImportError:
        return None


def available() -> list[str]:
    """Names of the registered extractors whose libraries import."""
    return [name for name in REGISTRY if get_extractor(name) is not None]


def library_versions(name: str) -> dict[str, str] | None:
    """Installed versions of the extractor's distributions, None if any is missing."""
    try:
        return {d: metadata.version(d) for d in REGISTRY[name].distributions}
    except metadata.PackageNotFoundError:
        return None


# -------------------------------------------------------------------- corpus


def page_id(path: Path) -> str:
    """Page id of a corpus file: ``html/<id>.html.gz`` -> ``<id>``."""
    return path.name.split(".", 1)[0]


def read_html(path: Path) -> str:
    """Decode one gzipped corpus page (UTF-8, undecodable bytes replaced)."""
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")


def page_paths(corpus_dir: Path = CORPUS_DIR) -> dict[str, Path]:
    """Corpus pages by id, sorted by id."""
    paths = sorted(Path(corpus_dir, "html").glob("*.html.gz"))
    return {page_id(p): p for p in paths}


def load_pages(corpus_dir: Path = CORPUS_DIR) -> dict[str, str]:
    """Decoded HTML of every corpus page, by id."""
    return {pid: read_html(p) for pid, p in page_paths(corpus_dir).items()}


def load_ground_truth(corpus_dir: Path = CORPUS_DIR) -> dict[str, str]:
    """Ground-truth ``articleBody`` of every page, by id."""
    with open(Path(corpus_dir, "ground-truth.json"), encoding="utf-8") as f:
        data: dict[str, dict[str, str]] = json.load(f)
    return {pid: data[pid].get("articleBody", "") for pid in sorted(data)}


# --------------------------------------------------------------------- cache


def read_manifest(name: str, cache_dir: Path = CACHE_DIR) -> dict[str, Any] | None:
    """The cache manifest of extractor ``name``, or None if absent or unreadable."""
    try:
        with open(Path(cache_dir, name, MANIFEST), encoding="utf-8") as f:
            manifest: dict[str, Any] = json.load(f)
    except (OSError, ValueError):
        return None
    return manifest


def _read_text(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def read_cache(name: str, ids: list[str], cache_dir: Path = CACHE_DIR) -> dict[str, str] | None:
    """Cached outputs for ``ids``, or None unless every page and the manifest are there."""
    out_dir = Path(cache_dir, name)
    if read_manifest(name, cache_dir) is None:
        return None
    if not all((out_dir / f"{pid}.txt").is_file() for pid in ids):
        return None
    return {pid: _read_text(out_dir / f"{pid}.txt") for pid in ids}


def cache_is_current(name: str, cache_dir: Path = CACHE_DIR) -> bool:
    """Whether the cache was made with the installed library versions and wrapper revision."""
    manifest = read_manifest(name, cache_dir)
    if manifest is None:
        return False
    return manifest.get("versions") == library_versions(name) and manifest.get("revision") == REGISTRY[name].revision


def cache_is_usable(name: str, cache_dir: Path = CACHE_DIR) -> bool:
    """Whether ``extract_all`` may serve the cache: it is current or the library is missing."""
    return cache_is_current(name, cache_dir) or get_extractor(name) is None


def run_extractor(fn: ExtractFn, html: str) -> tuple[str, str | None, float]:
    """``(text, error, seconds)`` for one page; an exception gives ``("", repr, s)``."""
    start = time.perf_counter()
    try:
        text, error = fn(html), None
    except Exception as exc:  # any extractor failure is recorded, never raised
        text, error = "", f"{type(exc).__name__}: {exc}"[:500]
    return text, error, time.perf_counter() - start


def _manifest(name: str, failures: dict[str, str], seconds: float, pages: int) -> dict[str, Any]:
    versions = library_versions(name) or {}
    extractor = REGISTRY[name]
    return {
        "extractor": name,
        "library": extractor.library,
        "version": versions.get(extractor.library),
        "versions": versions,
        "revision": extractor.revision,
        "python": platform.python_version(),
        "pages": pages,
        "failures": failures,
        "seconds": round(seconds, 3),
    }


def extract_pages(name: str, corpus_dir: Path, cache_dir: Path) -> dict[str, str]:
    """Run extractor ``name`` on every page and rewrite its cache directory."""
    fn = get_extractor(name)
    if fn is None:
        raise ExtractorUnavailable(f"{name}: {REGISTRY[name].library} is not installed")
    out_dir = Path(cache_dir, name)
    # Build the new cache beside the old one and swap it in at the end, so a reader (or a second run at the same
    # time) never sees a half-written cache.
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work_dir = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=out_dir.parent))
    outputs: dict[str, str] = {}
    failures: dict[str, str] = {}
    seconds = 0.0
    for pid, path in page_paths(corpus_dir).items():
        text, error, elapsed = run_extractor(fn, read_html(path))
        seconds += elapsed
        if error is not None:
            failures[pid] = error
        outputs[pid] = text
        _write_text(work_dir / f"{pid}.txt", text)
    manifest = _manifest(name, failures, seconds, len(outputs))
    _write_text(work_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _swap_in(work_dir, out_dir)
    return outputs


def _swap_in(new_dir: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` with ``new_dir`` (two renames; the old folder is deleted afterwards)."""
    old_dir = out_dir.with_name(f".{out_dir.name}-old-{os.getpid()}")
    if out_dir.exists():
        out_dir.rename(old_dir)
    new_dir.rename(out_dir)
    shutil.rmtree(old_dir, ignore_errors=True)


def extract_all(
    name: str,
    corpus_dir: Path = CORPUS_DIR,
    cache_dir: Path = CACHE_DIR,
    refresh: bool = False,
) -> dict[str, str]:
    """Outputs of extractor ``name`` for every corpus page, by page id.

    The cache is used when it is complete and either matches the installed
    library versions or the library is not installed at all (so a clone
    without the extractors still gets their committed outputs). Otherwise, or
    with ``refresh=True``, the pages are extracted again and the cache is
    rewritten; a page whose extraction raises gets ``""`` and is listed under
    ``failures`` in the manifest. Raises ``ExtractorUnavailable`` when there
    is neither a usable cache nor the library, ``KeyError`` for an unknown name.
    """
    if name not in REGISTRY:
        raise KeyError(f"unknown extractor {name!r}; known: {', '.join(REGISTRY)}")
    if not refresh and cache_is_usable(name, cache_dir):
        cached = read_cache(name, list(page_paths(corpus_dir)), cache_dir)
        if cached is not None:
            return cached
    return extract_pages(name, corpus_dir, cache_dir)


# ----------------------------------------------------------------------- CLI


def _metric_module() -> Any:
    try:
        return importlib.import_module("bench.metric")
    except ImportError:  # run as ``python bench/extractors.py``
        return importlib.import_module("metric")


def report(name: str, corpus_dir: Path, cache_dir: Path, refresh: bool) -> str:
    """One CLI line: pages, failures, seconds and raw P/R/F1 of extractor ``name``."""
    metric = _metric_module()
    fresh = refresh or not cache_is_usable(name, cache_dir)
    try:
        outputs = extract_all(name, corpus_dir, cache_dir, refresh)
    except ExtractorUnavailable as exc:
        return f"{name:<24} unavailable ({exc})"
    manifest = read_manifest(name, cache_dir) or {}
    truth = load_ground_truth(corpus_dir)
    scores = metric.score((truth[pid], outputs.get(pid, "")) for pid in truth)
    cached = "fresh" if fresh else "cached"
    return (
        f"{name:<24} pages={len(outputs):<4} failures={len(manifest.get('failures', {})):<3} "
        f"seconds={float(manifest.get('seconds', 0.0)):7.2f} ({cached})  "
        f"P={scores.precision:.3f} R={scores.recall:.3f} F1={scores.f1:.3f}  "
        f"{manifest.get('library')}=={manifest.get('version')}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"extractors (default: all): {', '.join(REGISTRY)}")
    parser.add_argument("--refresh", action="store_true", help="re-extract even if cached")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--cache", type=Path, default=CACHE_DIR)
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in REGISTRY]
    if unknown:
        parser.error(f"unknown extractor(s): {', '.join(unknown)}")
    for name in args.names or list(REGISTRY):
        print(report(name, args.corpus, args.cache, args.refresh), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
