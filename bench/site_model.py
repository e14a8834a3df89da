"""How much the site model removes from realistic multi-page sites, and that it removes no content.

The corpus (``corpus/aeb/``) has 181 real pages of 126 domains: too few pages
per site to learn site chrome from. So this benchmark builds sites from them:

1. **Synthetic sites with real chrome.** Pages (in page-id order) are grouped
   into sites of ``--site-size`` pages. Each site gets chrome made of *real*
   clutter lines: lines of the extractor outputs that are not in any page's
   ground truth (newsletter prompts, "Comments are closed", share bars,
   copyright lines...). Each site draws ``--chrome`` such lines; three go
   above the article and the rest below, each present on a fixed share of the
   site's pages (100%, 100%, 90%, 70%, 50%...). The site model is fitted on
   the site pages and applied to them with only the ``site`` filter.
2. **Real domains.** The corpus's own domains that have two pages, fitted with
   ``min_pages=2`` and ``threshold=1``: what real pages of one site repeat.

A *content block* is a block whose normalised text occurs (on word boundaries)
in the page's ground-truth ``articleBody``; a planted chrome line is never
counted as content. The report gives planted chrome removed (recall),
content blocks removed (must be 0) and other blocks removed, per threshold.

    python bench/site_model.py                      # corpus/ of this checkout
    python bench/site_model.py --root /path/to/repo --extractor readability --dask
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from declutter import Config, Pipeline  # noqa: E402
from declutter.blocks import split_text  # noqa: E402
from declutter.sitemodel import domain_of, fit  # noqa: E402
from declutter.text import normalize  # noqa: E402

#: Share of a site's pages each chrome line is on, in draw order.
RATES = (1.0, 1.0, 0.9, 0.7, 0.5, 1.0, 0.9, 0.6)


@dataclass
class Page:
    """One page of a benchmark site: its URL, text, ground truth and planted chrome keys."""

    url: str
    text: str
    truth: str
    planted: frozenset[str] = frozenset()


def load_corpus(root: Path, extractor: str) -> list[tuple[str, str, str, str]]:
    """``(page id, url, extracted text, ground truth)`` for every page with an extractor output."""
    folder = root / "corpus/extracted" / extractor
    if not (root / "corpus/aeb/ground-truth.json").exists() or not folder.is_dir():
        sys.exit(f"site_model.py: no corpus/aeb/ground-truth.json or {folder.relative_to(root)} under {root}; "
                 f"give --root of a checkout that has the corpus")
    truth = json.loads((root / "corpus/aeb/ground-truth.json").read_text(encoding="utf-8"))
    rows = []
    for page_id in sorted(truth):
        path = folder / f"{page_id}.txt"
        if path.exists():
            rows.append((page_id, truth[page_id]["url"], path.read_text(encoding="utf-8"),
                         truth[page_id]["articleBody"]))
    return rows


def is_content(block: str, truth_key: str) -> bool:
    key = normalize(block)
    return bool(key) and f" {key} " in truth_key


def clutter_pool(rows: list[tuple[str, str, str, str]]) -> list[str]:
    """Real clutter lines: short lines of extractor output found in no page's ground truth."""
    every_truth = " " + " ".join(normalize(row[3]) for row in rows) + " "
    pool: dict[str, str] = {}
    for _pid, _url, text, _truth in rows:
        for block in split_text(text).blocks:
            key = normalize(block.text)
            if key and len(key.split()) <= 25 and f" {key} " not in every_truth:
                pool.setdefault(key, block.text.strip())
    return [pool[k] for k in sorted(pool)]


def synthetic_sites(rows: list[tuple[str, str, str, str]], size: int, chrome: int, seed: int) -> list[Page]:
    """Group pages into sites of ``size`` and wrap each page in its site's (real) chrome."""
    pool = clutter_pool(rows)
    rng = random.Random(seed)
    pages = []
    for start in range(0, len(rows), size):
        site = start // size
        lines = rng.sample(pool, chrome)
        for offset, (page_id, _url, text, truth) in enumerate(rows[start:start + size]):
            present = [line for n, line in enumerate(lines) if rng.random() < RATES[n % len(RATES)]]
            head = [line for line in present if lines.index(line) < 3]
            tail = [line for line in present if lines.index(line) >= 3]
            body = "\n\n".join([*head, text.strip(), *tail]) + "\n"
            url = f"https://site{site:02d}.example/{offset}/{page_id[:12]}"
            pages.append(Page(url, body, truth, frozenset(normalize(line) for line in present)))
    return pages


def real_domains(rows: list[tuple[str, str, str, str]]) -> list[Page]:
    """The corpus pages as they are, under their real URLs."""
    return [Page(url, text, truth) for _pid, url, text, truth in rows]


def measure(pages: list[Page], threshold: float, min_pages: int) -> dict[str, object]:
    """Fit on the pages, clean them with the site filter alone, and count what went."""
    started = time.perf_counter()
    model = fit(((p.url, p.text) for p in pages), threshold=threshold, min_pages=min_pages)
    fitted = time.perf_counter()
    base = Config(filters=("site",), site_model=model)
    counts = {"blocks": 0, "content": 0, "planted": 0, "removed": 0, "removed_planted": 0,
              "removed_content": 0, "removed_other": 0, "chars": 0, "chars_removed": 0}
    content_lost: list[str] = []
    other_removed: list[str] = []
    for page in pages:
        truth_key = f" {normalize(page.truth)} "
        removed = {r.index for r in Pipeline(config=replace(base, url=page.url)).explain(page.text).removals}
        for block in split_text(page.text).blocks:
            kind = _kind(block.text, page, truth_key)
            counts["blocks"] += 1
            counts[kind] = counts.get(kind, 0) + (kind != "other")
            counts["chars"] += len(block.text)
            if block.index in removed:
                counts["removed"] += 1
                counts[f"removed_{kind}"] += 1
                counts["chars_removed"] += len(block.text)
                (content_lost if kind == "content" else other_removed if kind == "other" else []).append(
                    block.text[:70])
    applied = time.perf_counter()
    return {**counts, "domains": len(model.domains), "model_blocks": sum(len(m.blocks) for m in model.domains.values()),
            "fit_s": fitted - started, "apply_s": applied - fitted, "content_lost": content_lost,
            "other_removed": other_removed}


def _kind(text: str, page: Page, truth_key: str) -> str:
    if normalize(text) in page.planted:
        return "planted"
    return "content" if is_content(text, truth_key) else "other"


def report(title: str, pages: list[Page], thresholds: tuple[float, ...], min_pages: int) -> list[dict[str, object]]:
    """Print one table row per threshold; return the measurements."""
    print(f"\n## {title}: {len(pages)} pages, {len({domain_of(p.url) for p in pages})} domains, "
          f"min_pages={min_pages}")
    print("| threshold | domains modelled | model blocks | planted chrome removed | content blocks removed "
          "| other blocks removed | chars removed | fit s | apply s |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows = []
    for threshold in thresholds:
        m = measure(pages, threshold, min_pages)
        planted = f"{m['removed_planted']}/{m['planted']}" if m["planted"] else "n/a"
        share = 100 * int(m["chars_removed"]) / max(1, int(m["chars"]))  # type: ignore[call-overload]
        print(f"| {threshold} | {m['domains']} | {m['model_blocks']} | {planted} | "
              f"{m['removed_content']}/{m['content']} | {m['removed_other']} | {share:.1f}% | "
              f"{m['fit_s']:.2f} | {m['apply_s']:.2f} |")
        _examples("content removed", m["content_lost"])  # type: ignore[arg-type]
        _examples("other removed", m["other_removed"])  # type: ignore[arg-type]
        rows.append({"threshold": threshold, **m})
    return rows


def _examples(label: str, texts: list[str], limit: int = 8) -> None:
    distinct = sorted(set(texts))
    if distinct:
        more = f" (+{len(distinct) - limit} more)" if len(distinct) > limit else ""
        print(f"    {label}, distinct texts: {'; '.join(repr(t) for t in distinct[:limit])}{more}")


def dask_run(pages: list[Page], threshold: float, min_pages: int, workers: int) -> None:
    """Fit the same model on a local dask.distributed cluster and check it equals the local fit."""
    import dask.bag as db
    from distributed import Client, LocalCluster

    from declutter.integrations.dask import fit_bag

    records = [{"url": p.url, "text": p.text} for p in pages]
    local = fit(((r["url"], r["text"]) for r in records), threshold=threshold, min_pages=min_pages)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        started = time.perf_counter()
        model = fit_bag(db.from_sequence(records, npartitions=4 * workers), threshold=threshold, min_pages=min_pages)
        elapsed = time.perf_counter() - started
    same = model.as_dict() == local.as_dict()
    print(f"\n## Dask: fit_bag on a LocalCluster of {workers} worker processes, {len(records)} pages in "
          f"{4 * workers} partitions: {elapsed:.2f} s; {len(model.domains)} domains, "
          f"{sum(len(m.blocks) for m in model.domains.values())} blocks; identical to the local fit: {same}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root holding corpus/ (default: here)")
    parser.add_argument("--extractor", default="trafilatura",
                        help="corpus/extracted/<extractor> (default: trafilatura)")
    parser.add_argument("--site-size", type=int, default=12, help="pages per synthetic site (default: 12)")
    parser.add_argument("--chrome", type=int, default=6, help="chrome lines per synthetic site (default: 6)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for the chrome (default: 1)")
    parser.add_argument("--dask", type=int, default=0, metavar="N", help="also fit on a Dask cluster of N workers")
    args = parser.parse_args()
    rows = load_corpus(args.root, args.extractor)
    print(f"# Site model on corpus/aeb, extractor {args.extractor}: {len(rows)} pages")
    sites = synthetic_sites(rows, args.site_size, args.chrome, args.seed)
    report(f"Synthetic sites of {args.site_size} real pages with {args.chrome} real chrome lines each",
           sites, (0.3, 0.5, 0.8), 5)
    report("Real domains of the corpus (pages as extracted)", real_domains(rows), (1.0,), 2)
    if args.dask:
        dask_run(sites, 0.5, 5, args.dask)


if __name__ == "__main__":
    main()
