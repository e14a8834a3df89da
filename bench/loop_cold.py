"""Is clean slower in a crawl loop because of its own work or because of cold caches?

    python bench/loop_cold.py [--rounds 3]

Each page is extracted with ``trafilatura.extract`` and then cleaned twice in a row: the first clean meets the
caches as the extraction left them, the second (same text, a moment later) finds them warm. Also printed: the same
texts cleaned with nothing in between, and the first clean with the cyclic collector paused. CPU time, hyperscan or
whatever ``DECLUTTER_ENGINE`` names. See docs/performance.md, "Where it stands".
"""

from __future__ import annotations

import argparse
import gc
import gzip
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import declutter
from declutter import scan

REPO = Path(__file__).resolve().parent.parent


def one_round(htmls: list[str], texts: list[str]) -> dict[str, float]:
    """CPU seconds of each way of cleaning the pages, one round."""
    import trafilatura

    clock = time.process_time
    spent = dict.fromkeys(("first clean after extract", "second clean right after", "alone, nothing between",
                           "first clean, collector paused"), 0.0)
    for html in htmls:
        text = trafilatura.extract(html) or ""
        start = clock()
        declutter.clean(text)
        middle = clock()
        declutter.clean(text)
        spent["first clean after extract"] += middle - start
        spent["second clean right after"] += clock() - middle
    start = clock()
    for text in texts:
        declutter.clean(text)
    spent["alone, nothing between"] = clock() - start
    for html in htmls:
        text = trafilatura.extract(html) or ""
        gc.disable()
        start = clock()
        declutter.clean(text)
        spent["first clean, collector paused"] += clock() - start
        gc.enable()
    return spent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds, each printed")
    args = parser.parse_args(argv)
    with scan.using(scan.engine(), warmup=0):  # every database built before the clock runs
        run(args.rounds)
    return 0


def run(rounds: int) -> None:
    import trafilatura

    pages = sorted((REPO / "corpus/aeb/html").glob("*.html.gz"))
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    texts = [trafilatura.extract(html) or "" for html in htmls]
    for text in texts:
        declutter.clean(text)
    size = sum(len(text.encode("utf-8", "surrogatepass")) for text in texts) / 1e6
    print(f"clean's MB/s (CPU time) over {len(texts)} aeb extractions, {size:.2f} MB, engine {scan.engine()}")
    for number in range(1, rounds + 1):
        figures = ", ".join(f"{name} {size / seconds:.1f}" for name, seconds in one_round(htmls, texts).items())
        print(f"round {number}: {figures}")


if __name__ == "__main__":
    sys.exit(main())
