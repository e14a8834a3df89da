"""Where clean's time goes alone and in a crawl loop: per-stage CPU time, each page cleaned right after
``trafilatura.extract`` of the next one (the loop) or with nothing in between (alone).

    python bench/loop_stages.py [--rounds 3]

The two runs alternate in one process and the best of the rounds is printed, so a loaded machine moves both
alike; compare the columns, not one run's figures with another's. See docs/performance.md, "The crawl loop".
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections.abc import Sequence
from pathlib import Path

import speed  # bench/speed.py: the per-stage timing of its breakdown

import declutter
from declutter import pipeline as pipeline_module
from declutter import scan

REPO = Path(__file__).resolve().parent.parent


def stages(htmls: list[str], texts: list[str], extract: bool) -> dict[str, float]:
    """CPU seconds of each stage of clean over ``texts``, each page after ``trafilatura.extract`` if asked."""
    import trafilatura

    config = declutter.Config()
    total: dict[str, float] = {}
    for html, text in zip(htmls, texts, strict=True):
        if extract:
            trafilatura.extract(html)
        for name, seconds in speed._breakdown_once(pipeline_module, config, [text]).items():
            total[name] = total.get(name, 0.0) + seconds
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (best is printed)")
    args = parser.parse_args(argv)
    import trafilatura

    pages = sorted((REPO / "corpus/aeb/html").glob("*.html.gz"))
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    texts = [trafilatura.extract(html) or "" for html in htmls]
    for text in texts:
        declutter.clean(text)
    best: dict[bool, dict[str, float]] = {False: {}, True: {}}
    for _ in range(args.rounds):
        for extract in (False, True):
            found = stages(htmls, texts, extract)
            best[extract] = {name: min(value, best[extract].get(name, value)) for name, value in found.items()}
    print(f"clean's CPU ms per stage over {len(texts)} pages, engine {scan.engine()}, best of {args.rounds}")
    print(f"{'stage':24s} {'alone':>8s} {'loop':>8s} {'ratio':>6s}")
    for name, alone in best[False].items():
        loop = best[True][name]
        print(f"{name:24s} {alone * 1e3:8.1f} {loop * 1e3:8.1f} {loop / alone if alone else 0:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
