"""HTML mode against trafilatura alone on the article-extraction benchmark.

For every page of ``corpus/aeb`` (181 gzipped pages and ``ground-truth.json``)
this runs, in the same process and interleaved page by page so that machine
load hits both alike:

* ``trafilatura.extract(html, include_comments=False)`` (the benchmark
  harness's call), and
* ``declutter.clean_html(html)``,

then prints precision, recall and F1 of each (4-gram shingle metric of the
benchmark, see :func:`score`) and the ratio of their total run times. Needs
only trafilatura (a declutter dependency)::

    python bench/html_quality.py [--corpus corpus/aeb] [--repeat 3] [--pages N] [--worst 10]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_counts(truth: str, pred: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page, as the benchmark's evaluate.py computes them."""
    true_sh, pred_sh = _shingles(truth), _shingles(pred)
    tp = sum((true_sh & pred_sh).values())
    fp = sum((pred_sh - true_sh).values())
    fn = sum((true_sh - pred_sh).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(part: float, other: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return part / (part + other) if part + other else 0.0


def score(counts: Iterable[tuple[float, float, float]]) -> tuple[float, float, float]:
    """Mean precision (pages that predicted something), mean recall (pages with truth), F1 of the means."""
    triples = list(counts)
    precisions = [_ratio(tp, fp, fp, fn) for tp, fp, fn in triples if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp, fn) for tp, fp, fn in triples if tp + fn > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def load_corpus(corpus: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """``(page_id, html, truth)`` for each page, html decoded as UTF-8 as the harness does."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        with gzip.open(corpus / "html" / f"{page_id}.html.gz") as handle:
            html = handle.read().decode("utf-8", errors="replace")
        pages.append((page_id, html, truth[page_id]["articleBody"]))
    return pages


def run(pages: list[tuple[str, str, str]], systems: dict[str, Callable[[str], str]],
        repeat: int) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Outputs of each system and its best total time over ``repeat`` rounds."""
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    best = {name: float("inf") for name in systems}
    for round_no in range(repeat):
        spent = dict.fromkeys(systems, 0.0)
        for _, html, _ in pages:
            for name, func in systems.items():
                start = time.perf_counter()
                out = func(html)
                spent[name] += time.perf_counter() - start
                if round_no == 0:
                    outputs[name].append(out)
        for name in systems:
            best[name] = min(best[name], spent[name])
    return outputs, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus" / "aeb")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds; the best is kept (default 3)")
    parser.add_argument("--pages", type=int, default=None, help="only the first N pages (sorted by id)")
    parser.add_argument("--worst", type=int, default=0, help="also list the N pages where clean_html loses most F1")
    args = parser.parse_args(argv)
    if not (args.corpus / "ground-truth.json").is_file():
        parser.error(f"no ground-truth.json under {args.corpus}; pass --corpus DIR")

    import trafilatura

    import declutter

    systems: dict[str, Callable[[str], str]] = {
        "trafilatura.extract": lambda h: trafilatura.extract(h, include_comments=False) or "",
        "declutter.clean_html": declutter.clean_html,
    }
    pages = load_corpus(args.corpus, args.pages)
    outputs, best = run(pages, systems, args.repeat)
    print(f"{len(pages)} pages, trafilatura {trafilatura.__version__}, declutter {declutter.__version__}")
    print(f"{'system':24} {'P':>7} {'R':>7} {'F1':>7} {'seconds':>8}")
    per_page = {}
    for name in systems:
        counts = [page_counts(truth, out) for (_, _, truth), out in zip(pages, outputs[name], strict=True)]
        per_page[name] = counts
        p, r, f1 = score(counts)
        print(f"{name:24} {p:7.4f} {r:7.4f} {f1:7.4f} {best[name]:8.2f}")
    base, ours = systems
    print(f"time ratio clean_html / trafilatura.extract: {best[ours] / best[base]:.3f}")
    if args.worst:
        _print_worst(pages, per_page[base], per_page[ours], args.worst)
    return 0


def _print_worst(pages: list[tuple[str, str, str]], base: list[tuple[float, float, float]],
                 ours: list[tuple[float, float, float]], count: int) -> None:
    deltas = sorted((o[0] - b[0], page_id) for (page_id, _, _), b, o in zip(pages, base, ours, strict=True))
    print("pages where clean_html's normalised tp changed most (ours - trafilatura):")
    for delta, page_id in deltas[:count] + deltas[-count:]:
        print(f"  {delta:+.3f} {page_id}")


if __name__ == "__main__":
    raise SystemExit(main())
