"""What clean keeps of trafilatura's output that the WCXB ground truth leaves out, and what each removal is worth.

A to-do list for the text filters on the WCXB development split (issue 10), read from the cached trafilatura
outputs (``$DECLUTTER_BENCH_CACHE/wcxb/trafilatura``, filled by ``bench/wcxb.py``)::

    python bench/kept_outside.py                 # shapes, oracle buckets, worth of each reason
    python bench/kept_outside.py --pages 30      # and the 30 pages with the largest oracle gain, block by block

A kept block is *outside* when more than half of its words are not in the page's ground truth and its words are not
a run of the ground truth's. The report groups outside blocks by shape (position, length, form), splits the gain of
an oracle that drops every outside block by how much each page gains (most of it is on pages where trafilatura took
the wrong part of the page, which no block filter repairs), and gives each removal reason's net worth in F1 (F1 with
all removals minus F1 with that reason's removals put back; negative: the reason costs more content than clutter).
The ground truth is model-drafted and reviewed; a block "outside" it is a lead to read, not a verdict.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402
from declutter.blocks import split_text  # noqa: E402

wcxb = importlib.import_module("bench.wcxb")
_WORD = re.compile(r"\w+")
#: Gain buckets of the oracle, by how much one page gains.
BUCKETS = ((0.3, "> 0.3"), (0.1, "0.1-0.3"), (0.03, "0.03-0.1"), (float("-inf"), "< 0.03"))


@dataclass(frozen=True)
class Kept:
    """One block of clean's output: its text, its shape and whether it is outside the ground truth."""

    text: str
    words: int
    shape: str
    outside: bool


def shape(text: str, position: int, count: int) -> str:
    """``position/length/form``: top, middle or bottom 15%; short (<= 4 words), medium (<= 12), long; list item,
    sentence (ends with . ! ? or :) or fragment."""
    edge = max(2, count * 0.15)
    where = "top" if position < edge else "bottom" if position >= count - edge else "middle"
    words = len(_WORD.findall(text))
    length = "short" if words <= 4 else "medium" if words <= 12 else "long"
    stripped = text.strip()
    form = "list" if re.match(r"(?:[-*•]|\d+[.)])\s", stripped) else (
        "sentence" if stripped[-1:] in ".!?:" else "fragment")
    return f"{where}/{length}/{form}"


def kept_blocks(output: str, truth: str) -> list[Kept]:
    bag, run = Counter(_WORD.findall(truth.lower())), " ".join(_WORD.findall(truth.lower()))
    blocks = [b for b in split_text(output).blocks if _WORD.search(b.text)]
    kept = []
    for position, block in enumerate(blocks):
        words = _WORD.findall(block.text.lower())
        out = sum(word not in bag for word in words) * 2 > len(words) and " ".join(words) not in run
        kept.append(Kept(block.text, len(words), shape(block.text, position, len(blocks)), out))
    return kept


def f1(truth: str, words: Counter[str]) -> float:
    return wcxb.page_scores(truth, " ".join(words.elements()))[2]


def bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


class Report:
    """The tallies over all pages."""

    def __init__(self) -> None:
        self.shapes: Counter[str] = Counter()
        self.shape_blocks: Counter[str] = Counter()
        self.buckets: Counter[str] = Counter()
        self.worth: Counter[str] = Counter()
        self.pages: list[tuple[float, str, str, list[Kept]]] = []
        self.count = 0

    def add(self, page: wcxb.Page, output: str, removals: list[declutter.Removal]) -> None:
        self.count += 1
        kept = kept_blocks(output, page.truth)
        for block in kept:
            if block.outside:
                self.shapes[block.shape] += block.words
                self.shape_blocks[block.shape] += 1
        everything = bag(output)
        inside = bag("\n".join(block.text for block in kept if not block.outside))
        gain = f1(page.truth, inside) - f1(page.truth, everything)
        self.buckets[next(name for floor, name in BUCKETS if gain > floor)] += gain
        self.pages.append((gain, page.id, page.type, kept))
        by_reason: dict[str, Counter[str]] = defaultdict(Counter)
        for removal in removals:
            by_reason[removal.reason].update(bag(removal.text))
        base = f1(page.truth, everything)
        for reason, words in by_reason.items():
            self.worth[reason] += base - f1(page.truth, everything + words)

    def print(self, pages: int) -> None:
        n = self.count or 1
        print(f"{n} pages; kept blocks mostly outside the ground truth, by shape (words, blocks):")
        for name, words in self.shapes.most_common():
            print(f"  {name:24} {words:7} {self.shape_blocks[name]:6}")
        print(f"oracle (drop every outside block): {sum(self.buckets.values()) / n:+.4f} F1, by the page's gain:")
        for _, name in BUCKETS:
            print(f"  pages gaining {name:9} {self.buckets[name] / n:+.4f}")
        print("net worth of each removal reason (F1, mean over pages):")
        for reason, worth in sorted(self.worth.items(), key=lambda item: item[1]):
            print(f"  {reason:26} {worth / n:+.5f}")
        for gain, pid, kind, kept in sorted(self.pages, reverse=True)[:pages]:
            print(f"\n== {pid} {kind} oracle gain {gain:+.3f}")
            for position, block in enumerate(kept):
                if block.outside:
                    print(f"  [{position}/{len(kept)}] {block.text.strip()[:110]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=None, help="the split's folder (as bench/wcxb.py)")
    parser.add_argument("--pages", type=int, default=0, help="list the N pages the oracle helps most")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages")
    args = parser.parse_args(argv)
    folder = wcxb.data_dir(args.data)
    outputs = wcxb.cache_dir(folder) / "trafilatura"
    report = Report()
    for page in wcxb.load_pages(folder, limit=args.limit):
        path = outputs / f"{page.id}.txt"
        if path.is_file():
            result = declutter.clean_and_explain(path.read_text(encoding="utf-8"))
            report.add(page, result.text, list(result.removals))
    if not report.count:
        raise SystemExit(f"kept_outside: no cached trafilatura outputs in {outputs}; run bench/wcxb.py first")
    report.print(args.pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
