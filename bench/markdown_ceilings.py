"""How far clean_markdown could lift trafilatura's Markdown, and what generic Markdown rules would give (issue 12).

On the cached ``trafilatura`` conversions of ``bench/markdown.py`` (every third WCXB dev page), on top of
``clean_markdown``'s output::

    python bench/markdown_ceilings.py            # ceilings by block kind, removals by reason, candidate routes
    python bench/markdown_ceilings.py --edges    # also the best head and tail cut per page (slower)

* **ceilings**: an oracle drops every kept block of which fewer than half the rendered words occur in the page's
  ground truth, one block kind at a time (headings, link-only list items and lines, images, short blocks,
  long blocks, tables); pages with an empty ground truth are counted apart (only an empty output scores there);
* **removals by reason**: a reason's removals put back together, page by page: the net worth, and the F1 lost on
  the pages where they cost;
* **routes**: candidate rules applied blind (no ground truth) to the kept blocks, with pages won and lost.

Scoring is bench/markdown.py's (rendered words, bag-of-words F1, mean over pages).
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402
from declutter.markdown.parse import Kind, MarkdownDocument, parse_markdown  # noqa: E402

bm = importlib.import_module("bench.markdown")

_WORD = re.compile(r"\w+")
#: A block of prose: this many words outside links.
PROSE_WORDS = 20


@dataclass
class PageRun:
    """One page: its truth, the parsed conversion, the blocks clean_markdown kept and the reasons of the rest."""

    page: Any  # bench.wcxb.Page
    doc: MarkdownDocument
    kept: list[int]
    gone: dict[int, str]
    f1: float
    inside: list[float]
    words: list[int]

    @property
    def empty_truth(self) -> bool:
        return not _WORD.search(self.page.truth)

    def score(self, keep: Sequence[int]) -> float:
        return f1(self.page, self.doc.render(keep))


def f1(page: Any, md: str) -> float:
    return float(bm.page_scores(page.truth, bm.render_words(md))[2])


def run_page(page: Any, md: str) -> PageRun:
    doc = parse_markdown(md)
    result = declutter.clean_markdown_and_explain(md)
    gone = {r.index: r.reason for r in result.removals}
    truth = set(_WORD.findall(page.truth.lower()))
    inside, words = [], []
    for source in doc.sources:
        found = _WORD.findall(bm.render_words(source).lower())
        inside.append(sum(w in truth for w in found) / len(found) if found else 1.0)
        words.append(len(found))
    kept = [i for i in range(len(doc.sources)) if i not in gone]
    return PageRun(page, doc, kept, gone, f1(page, result.text), inside, words)


def block_kind(run: PageRun, i: int) -> str:
    """The kind of block a ceiling is measured for."""
    feat, words = run.doc.features[i], run.words[i]
    if feat.code or feat.kind in (Kind.OTHER, Kind.TABLE, Kind.HEADING):
        return "code" if feat.code else str(feat.kind)
    if feat.images and not feat.words:
        return "image"
    if feat.link_only:
        return "link-only item" if feat.kind == Kind.ITEM else "link-only line"
    return "short <= 4 words" if words <= 4 else "short 5-12 words" if words <= 12 else "long"


KINDS = ("heading", "link-only item", "link-only line", "image", "short <= 4 words", "short 5-12 words", "long",
         "table")


def oracle(runs: Sequence[PageRun], select: Callable[[PageRun, int], bool]) -> tuple[float, int]:
    """F1 gained by dropping every selected kept block mostly outside the truth (pages with a truth only)."""
    gain, blocks = 0.0, 0
    for run in runs:
        drop = {i for i in run.kept if run.inside[i] < 0.5 and select(run, i)} if not run.empty_truth else set()
        if drop:
            blocks += len(drop)
            gain += run.score([i for i in run.kept if i not in drop]) - run.f1
    return gain / len(runs), blocks


def _of_kind(kind: str) -> Callable[[PageRun, int], bool]:
    return lambda run, i: block_kind(run, i) == kind


def print_ceilings(runs: Sequence[PageRun]) -> None:
    print("\nOracle on top of clean_markdown (drop kept blocks with fewer than half their words in the truth):")
    print("| blocks | F1 gained | blocks dropped |\n|---|---|---|")
    rows: list[tuple[str, Callable[[PageRun, int], bool]]] = [
        ("every kind (no code, no `other`)", lambda r, i: block_kind(r, i) not in ("code", "other"))]
    rows += [(kind, _of_kind(kind)) for kind in KINDS]
    rows.append(("every block of at most 12 words", lambda r, i: r.words[i] <= 12 and block_kind(r, i) not in (
        "code", "other", "table")))
    for label, select in rows:
        gain, blocks = oracle(runs, select)
        print(f"| {label} | {gain:+.4f} | {blocks} |")
    empty = [r for r in runs if r.empty_truth]
    print(f"| pages with an empty truth, output emptied ({len(empty)}) | "
          f"{sum(1 - r.f1 for r in empty) / len(runs):+.4f} | |")


def edges(runs: Sequence[PageRun], most: int = 30) -> float:
    """F1 gained by each page's best head cut, then its best tail cut (up to ``most`` kept blocks each)."""
    gain = 0.0
    for run in runs:
        if run.empty_truth or not run.kept:
            continue
        kept = run.kept
        head = max(range(min(most, len(kept)) + 1), key=lambda h: run.score(kept[h:]))
        rest = kept[head:]
        best = max(run.score(rest[:len(rest) - t]) for t in range(min(most, len(rest)) + 1))
        gain += max(0.0, best - run.f1)
    return gain / len(runs)


def print_reasons(runs: Sequence[PageRun]) -> None:
    net: defaultdict[str, float] = defaultdict(float)
    cost: defaultdict[str, float] = defaultdict(float)
    count: Counter[str] = Counter(reason for run in runs for reason in run.gone.values())
    for run in runs:
        for reason in set(run.gone.values()):
            back = run.score(sorted([*run.kept, *(i for i, r in run.gone.items() if r == reason)]))
            net[reason] += run.f1 - back
            cost[reason] += min(0.0, run.f1 - back)
    print("\nclean_markdown's removals by reason (put back together, page by page):")
    print("| reason | removals | net worth | lost where it costs |\n|---|---|---|---|")
    for reason in sorted(net, key=net.__getitem__):
        print(f"| `{reason}` | {count[reason]} | {net[reason] / len(runs):+.5f} | {cost[reason] / len(runs):+.5f} |")


# ------------------------------------------------------------------ routes


def _prose(run: PageRun, i: int) -> bool:
    feat = run.doc.features[i]
    return feat.kind in (Kind.PARAGRAPH, Kind.ITEM, Kind.QUOTE) and run.words[i] - feat.link_words >= PROSE_WORDS


def _loose(run: PageRun, i: int) -> bool:
    feat = run.doc.features[i]
    return not feat.code and feat.kind not in (Kind.TABLE, Kind.OTHER)


def _short_link(run: PageRun, i: int, most: int = 4) -> bool:
    feat = run.doc.features[i]
    return feat.link_only and run.words[i] <= most and feat.kind != Kind.HEADING


def after_last_prose(run: PageRun) -> set[int]:
    prose = [i for i in run.kept if _prose(run, i)]
    return {i for i in run.kept if prose and i > prose[-1] and _loose(run, i)}


def before_first_prose(run: PageRun) -> set[int]:
    opened = [i for i in run.kept if _prose(run, i) or run.doc.features[i].kind == Kind.HEADING]
    return {i for i in run.kept if opened and i < opened[0] and _loose(run, i)}


def link_dense_runs(run: PageRun, least: int = 3) -> set[int]:
    out: set[int] = set()
    current: list[int] = []
    for i in [*run.kept, -1]:
        feat = run.doc.features[i] if i >= 0 else None
        if feat is not None and feat.link_share >= 0.8 and feat.kind in (Kind.ITEM, Kind.PARAGRAPH):
            current.append(i)
            continue
        if len(current) >= least:
            out.update(current)
        current = []
    return out


def bare_headings(run: PageRun) -> set[int]:
    """Headings followed by a heading of the same or a higher level, or by nothing."""
    out = set()
    for here, after in zip(run.kept, [*run.kept[1:], -1], strict=False):
        feat = run.doc.features[here]
        nxt = run.doc.features[after] if after >= 0 else None
        if feat.kind == Kind.HEADING and (nxt is None or (nxt.kind == Kind.HEADING and nxt.level <= feat.level)):
            out.add(here)
    return out


def last_section_of_links(run: PageRun) -> set[int]:
    """The last heading and what follows it, when that holds no prose and is mostly link-dense blocks."""
    headings = [i for i in run.kept if run.doc.features[i].kind == Kind.HEADING]
    after = [i for i in run.kept if headings and i > headings[-1]]
    if not after or any(_prose(run, i) or not _loose(run, i) for i in after):
        return set()
    dense = sum(run.doc.features[i].link_share >= 0.5 for i in after)
    return {headings[-1], *after} if 2 * dense >= len(after) else set()


def adjacent_short_links(run: PageRun) -> set[int]:
    kept = set(run.kept)
    return {i for i in kept for j in (i - 1, i + 1) if j in kept and _short_link(run, i) and _short_link(run, j)}


ROUTES: dict[str, Callable[[PageRun], set[int]]] = {
    "every block after the last block of prose": after_last_prose,
    "every block before the first heading or prose": before_first_prose,
    "runs of 3+ link-dense items/paragraphs (80% link words)": link_dense_runs,
    "runs of 2+ link-dense items/paragraphs": lambda run: link_dense_runs(run, 2),
    "headings with nothing under them": bare_headings,
    "the last heading's section when it is links, no prose": last_section_of_links,
    "link-only blocks of at most 4 words": lambda run: {i for i in run.kept if _short_link(run, i)},
    "... only paragraphs": lambda run: {i for i in run.kept if _short_link(run, i)
                                        and run.doc.features[i].kind == Kind.PARAGRAPH},
    "... only list items": lambda run: {i for i in run.kept if _short_link(run, i)
                                        and run.doc.features[i].kind == Kind.ITEM},
    "... only after the last prose": lambda run: {i for i in after_last_prose(run) if _short_link(run, i)},
    "... only two side by side": adjacent_short_links,
    "link-only blocks of at most 2 words": lambda run: {i for i in run.kept if _short_link(run, i, 2)},
}


def print_routes(runs: Sequence[PageRun]) -> None:
    print("\nCandidate rules on top of clean_markdown (blind):")
    print("| route | F1 | blocks | pages won | pages lost |\n|---|---|---|---|---|")
    for label, route in ROUTES.items():
        gain, blocks, won, lost = 0.0, 0, 0, 0
        for run in runs:
            drop = route(run)
            if drop:
                delta = run.score([i for i in run.kept if i not in drop]) - run.f1
                gain, blocks = gain + delta, blocks + len(drop)
                won, lost = won + (delta > 1e-9), lost + (delta < -1e-9)
        print(f"| {label} | {gain / len(runs):+.5f} | {blocks} | {won} | {lost} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--every", type=int, default=3, help="every N-th page (default 3)")
    parser.add_argument("--edges", action="store_true", help="also each page's best head and tail cut (slow)")
    args = parser.parse_args(argv)
    pages = bm.load_pages(bm.data_dir(), every=args.every)
    markdown = bm.converted("trafilatura", pages)
    if markdown is None:
        raise SystemExit("trafilatura is not installed: pip install -e '.[bench]'")
    runs = [run_page(page, markdown[page.id]) for page in pages]
    before = statistics.fmean(f1(p, markdown[p.id]) for p in pages)
    after = statistics.fmean(run.f1 for run in runs)
    print(f"{len(runs)} pages: trafilatura Markdown {before:.4f}, after clean_markdown {after:.4f} "
          f"({after - before:+.4f})")
    print_ceilings(runs)
    if args.edges:
        print(f"\nBest head cut then best tail cut per page (up to 30 kept blocks each): {edges(runs):+.4f}")
    print_reasons(runs)
    print_routes(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
