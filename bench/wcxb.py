"""declutter on the modern web: the WCXB development split (1,497 pages of 2025-26, seven page types).

Scores each system with the benchmark's own metric (bag of ``\\w+`` words,
lower-cased, counted as a multiset; per-page precision, recall and F1; means
over pages) and its snippet rates (``with`` snippets found, ``without``
snippets left, case-insensitive, averaged per page), overall and per page
type::

    python bench/wcxb.py                       # the table, wiped pages, both snippet audits
    python bench/wcxb.py --every 5 --jobs 2    # every fifth page, two processes
    python bench/wcxb.py --rows trafilatura,clean_html --audit-limit 0
    python bench/wcxb.py --data tests/data/wcxb  # the committed subset

The data are read from ``--data``, else ``$DECLUTTER_WCXB``, else
``../shared/data/wcxb-dev`` beside the repository. Third-party extractor
outputs are cached under ``$DECLUTTER_BENCH_CACHE`` (default
``bench/.cache``) in ``wcxb/<extractor>/``, rebuilt when the library version
changes or with ``--refresh``; declutter's own rows are computed afresh every
run. The extractors are the ``bench`` extra (``pip install -e '.[bench]'``);
a missing one leaves its rows out, with a note.

Rows: an extractor alone and ``+ clean`` (``declutter.clean`` on its output)
for trafilatura, resiliparse, readability and html-text, then
``declutter.clean_html(html, url=url)``. Then:

* **wiped pages**: pages where trafilatura alone scores F1 >= 0.5 and
  clean_html scores less than half of that F1 (the issue's count); also
  printed, the stricter count of pages where clean_html keeps less than half
  of trafilatura's recall;
* **snippet audit of clean on trafilatura's output**: how many boilerplate
  (``without``) snippets trafilatura leaves that clean removes (the ones left
  are the to-do list), and every content (``with``) snippet trafilatura finds
  that clean loses, with the filter and reason of the removal that took it.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402

extractors = importlib.import_module("bench.extractors")
audit = importlib.import_module("bench.audit")

#: Page types in the benchmark's order; ``category`` in the ground truth means collection.
TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
TYPE_ALIASES = {"category": "collection"}
#: Third-party extractors scored with and without clean (names of bench/extractors.py).
EXTRACTORS = ("trafilatura", "resiliparse", "readability", "html_text")
DEFAULT_ROWS = (*EXTRACTORS, "clean_html")
FLOORS = REPO / "bench" / "wcxb_floors.json"
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


# ---------------------------------------------------------------------- data


@dataclass(frozen=True)
class Page:
    """One benchmark page: id, URL, type, ground truth and snippets."""

    id: str
    url: str
    type: str
    truth: str
    with_: tuple[str, ...]
    without: tuple[str, ...]
    html_path: Path

    def html(self) -> str:
        return gzip.decompress(self.html_path.read_bytes()).decode("utf-8", errors="replace")


def data_dir(explicit: Path | None = None) -> Path:
    """The split's folder: ``explicit``, else ``$DECLUTTER_WCXB``, else ``../shared/data/wcxb-dev``."""
    if explicit is not None:
        return explicit
    env = os.environ.get("DECLUTTER_WCXB")
    return Path(env) if env else REPO.parent / "shared" / "data" / "wcxb-dev"


def cache_dir(folder: Path) -> Path:
    """Where extractor outputs of ``folder``'s pages are cached: ``$DECLUTTER_BENCH_CACHE/wcxb`` (default
    ``bench/.cache/wcxb``) for the dev split, ``wcxb-<folder name>`` beside it for another folder (a subset)."""
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    name = "wcxb" if folder.name == "wcxb-dev" else f"wcxb-{folder.name}"
    return (Path(root) if root else REPO / "bench" / ".cache") / name


def page_type(record: dict[str, object]) -> str:
    internal = record.get("_internal")
    primary = "article"
    if isinstance(internal, dict):
        kind = internal.get("page_type")
        if isinstance(kind, dict) and isinstance(kind.get("primary"), str):
            primary = kind["primary"]
    return TYPE_ALIASES.get(primary, primary)


def load_pages(folder: Path, every: int = 1, types: Sequence[str] = (), limit: int | None = None) -> list[Page]:
    """The split's pages in id order: every ``every``-th, of ``types`` (all when empty), at most ``limit``."""
    truth_dir = folder / "ground-truth"
    if not truth_dir.is_dir():
        raise SystemExit(f"wcxb: no ground-truth/ folder in {folder}; set $DECLUTTER_WCXB or pass --data")
    pages = []
    for position, path in enumerate(sorted(truth_dir.glob("*.json"))):
        if position % every:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        truth = record.get("ground_truth", {})
        page = Page(path.stem, record.get("url", ""), page_type(record), truth.get("main_content") or "",
                    tuple(truth.get("with") or ()), tuple(truth.get("without") or ()),
                    folder / "html" / f"{path.stem}.html.gz")
        if types and page.type not in types:
            continue
        pages.append(page)
    return pages[:limit] if limit is not None else pages


# -------------------------------------------------------------------- metric


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def page_scores(truth: str, predicted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one page (the benchmark's bag-of-words metric).

    >>> page_scores("The cat sat", "the cat")
    (1.0, 0.6666666666666666, 0.8)
    >>> page_scores("", ""), page_scores("a", "")
    ((1.0, 1.0, 1.0), (0.0, 0.0, 0.0))
    """
    true_bag, pred_bag = _bag(truth), _bag(predicted)
    if not true_bag and not pred_bag:
        return 1.0, 1.0, 1.0
    if not true_bag or not pred_bag:
        return 0.0, 0.0, 0.0
    overlap = sum((true_bag & pred_bag).values())
    precision = overlap / sum(pred_bag.values())
    recall = overlap / sum(true_bag.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


def squash(text: str) -> str:
    """Lower case with every run of white space one space: how snippets are looked for."""
    return _SPACE.sub(" ", text.lower()).strip()


def snippet_shares(page: Page, predicted: str) -> tuple[float | None, float | None]:
    """Share of ``with`` snippets found and of ``without`` snippets left (None when the page has none)."""
    text = squash(predicted)
    found = [squash(s) in text for s in page.with_ if s.strip()]
    left = [squash(s) in text for s in page.without if s.strip()]
    return (sum(found) / len(found) if found else None, sum(left) / len(left) if left else None)


@dataclass
class PageResult:
    """One system's output on one page, scored."""

    page: Page
    text: str
    scores: tuple[float, float, float]
    with_found: float | None
    without_left: float | None
    removals: tuple[declutter.Removal, ...] = ()
    #: HTML mode's notes as (kind, reason) pairs: page type, refusals, rescues.
    notes: tuple[tuple[str, str], ...] = ()


@dataclass
class RowScore:
    """A system's results over the pages, and the means the table prints."""

    name: str
    results: list[PageResult] = field(default_factory=list)
    seconds: float = 0.0
    note: str = ""

    def mean(self, index: int, kind: str | None = None) -> float:
        values = [r.scores[index] for r in self.results if kind is None or r.page.type == kind]
        return statistics.fmean(values) if values else float("nan")

    def snippet_mean(self, attr: str) -> float:
        values = [getattr(r, attr) for r in self.results if getattr(r, attr) is not None]
        return statistics.fmean(values) if values else float("nan")


def score_page(page: Page, text: str, removals: tuple[declutter.Removal, ...] = ()) -> PageResult:
    found, left = snippet_shares(page, text)
    return PageResult(page, text, page_scores(page.truth, text), found, left, removals)


# ------------------------------------------------------------------- systems


def extractor_outputs(name: str, folder: Path, pages: Sequence[Page], refresh: bool) -> dict[str, str] | None:
    """Cached (or fresh) outputs of a third-party extractor, None when neither exists."""
    try:
        outputs: dict[str, str] = extractors.extract_all(name, folder, cache_dir(folder), refresh)
    except extractors.ExtractorUnavailable:
        return None
    return {p.id: outputs.get(p.id, "") for p in pages}


def _clean_one(text: str) -> tuple[str, tuple[declutter.Removal, ...]]:
    result = declutter.clean_and_explain(text)
    return result.text, result.removals


def _clean_html_one(page: Page) -> tuple[str, tuple[declutter.Removal, ...], tuple[tuple[str, str], ...]]:
    try:
        result = declutter.clean_html_and_explain(page.html(), url=page.url or None)
    except declutter.DeclutterError as exc:
        print(f"wcxb: clean_html refused page {page.id}: {exc}", file=sys.stderr)
        return "", (), ()
    notes = tuple((str(note.kind), note.reason) for note in getattr(result, "notes", ()))
    return result.text, result.removals, notes


def run_parallel(func: Callable[[object], Any], items: Sequence[object], jobs: int) -> list[Any]:
    if jobs <= 1:
        return [func(item) for item in items]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(func, items, chunksize=8))


def score_rows(names: Sequence[str], folder: Path, pages: Sequence[Page], jobs: int,
               refresh: bool) -> list[RowScore]:
    """Every requested row, extractor rows each followed by their ``+ clean`` row."""
    rows = []
    for name in names:
        if name == "clean_html":
            start = time.perf_counter()
            outs = run_parallel(_clean_html_one, pages, jobs)  # type: ignore[arg-type]
            results = [replace(score_page(p, t, r), notes=n) for p, (t, r, n) in zip(pages, outs, strict=True)]
            rows.append(RowScore("declutter.clean_html", results, time.perf_counter() - start))
            continue
        outputs = extractor_outputs(name, folder, pages, refresh)
        if outputs is None:
            rows.append(RowScore(name, note="not installed and not cached: pip install -e '.[bench]'"))
            continue
        texts = [outputs[p.id] for p in pages]
        rows.append(RowScore(name, [score_page(p, t) for p, t in zip(pages, texts, strict=True)]))
        start = time.perf_counter()
        cleaned = run_parallel(_clean_one, texts, jobs)  # type: ignore[arg-type]
        rows.append(RowScore(f"{name} + clean", [score_page(p, t, r) for p, (t, r) in zip(pages, cleaned, strict=True)],
                             time.perf_counter() - start))
    return rows


# --------------------------------------------------------------------- table

_SHORT = {"documentation": "docs"}


def format_table(rows: Iterable[RowScore], pages: Sequence[Page]) -> str:
    counts = Counter(p.type for p in pages)
    kinds = [t for t in TYPES if counts[t]]
    head = (f"{'system (word F1, mean over pages)':<30} {'P':>6} {'R':>6} {'F1':>6}  "
            + " ".join(f"{_SHORT.get(k, k)[:10]:>10}" for k in kinds) + f"  {'with':>6} {'without':>7}")
    sub = f"{'pages':<30} {'':>6} {'':>6} {len(pages):>6}  " + " ".join(f"{counts[k]:>10}" for k in kinds)
    lines = [head, sub, "-" * len(head)]
    for row in rows:
        if not row.results:
            lines.append(f"{row.name:<30} {row.note}")
            continue
        cells = " ".join(f"{row.mean(2, k):>10.3f}" for k in kinds)
        lines.append(f"{row.name:<30} {row.mean(0):>6.3f} {row.mean(1):>6.3f} {row.mean(2):>6.3f}  {cells}  "
                     f"{row.snippet_mean('with_found'):>6.1%} {row.snippet_mean('without_left'):>7.1%}")
    lines.append("with: content snippets found; without: boilerplate snippets left (means over pages that have some)")
    return "\n".join(lines)


# ---------------------------------------------------------------- wiped pages


def wiped_pages(base: RowScore, html: RowScore, measure: int = 2) -> list[tuple[PageResult, PageResult]]:
    """Pages where ``base`` scores F1 >= 0.5 and ``html`` scores under half of ``base`` on ``measure``
    (2: F1, the issue's definition; 1: recall, the stricter one)."""
    return [(b, h) for b, h in zip(base.results, html.results, strict=True)
            if b.scores[2] >= 0.5 and h.scores[measure] < 0.5 * b.scores[measure]]


def _biggest_removals(removals: Sequence[declutter.Removal], count: int = 2) -> str:
    top = sorted(removals, key=lambda r: -len(r.text))[:count]
    return "; ".join(f"{r.reason} {r.detail[:50]} ({len(r.text)} chars)" for r in top)


def format_wiped(wiped: Sequence[tuple[PageResult, PageResult]], halved: int, limit: int) -> str:
    kinds = Counter(b.page.type for b, _ in wiped)
    lines = [f"wiped pages (trafilatura F1 >= 0.5, clean_html F1 < half of it): {len(wiped)}"
             + (f"  ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})" if wiped else ""),
             f"pages where clean_html keeps < half of trafilatura's recall (same F1 gate): {halved}"]
    for base, html in wiped[:limit]:
        lines.append(f"  {base.page.id} {base.page.type:<13} R {base.scores[1]:.2f} -> {html.scores[1]:.2f}  "
                     f"{_biggest_removals(html.removals)}")
    return "\n".join(lines)


# ------------------------------------------------------- page types, rescues


def format_decisions(html: RowScore) -> str:
    """HTML mode's page-type decisions against the annotated types, and how often each rescue and guard fired."""
    kinds = [t for t in TYPES if any(r.page.type == t for r in html.results)]
    decided: dict[str, Counter[str]] = {t: Counter() for t in kinds}
    fired: Counter[tuple[str, str]] = Counter()
    for result in html.results:
        for kind, reason in result.notes:
            if kind == "page_type":
                decided[result.page.type][reason.removeprefix("page_type.")] += 1
            else:
                fired[(kind, reason)] += 1
    label = "annotated/decided"
    head = f"{label:<18}" + " ".join(f"{_SHORT.get(k, k)[:10]:>10}" for k in kinds)
    lines = ["page types (rows: the benchmark's type; columns: HTML mode's decision):", head]
    lines += [f"{kind:<18}" + " ".join(f"{decided[kind][k]:>10}" for k in kinds) for kind in kinds]
    right = sum(decided[k][k] for k in kinds)
    lines.append(f"agreement {right}/{len(html.results)} ({right / max(len(html.results), 1):.0%})")
    pages_with = Counter(reason for result in html.results
                         for reason in {r for k, r in result.notes if k != "page_type"})
    listed = ", ".join(f"{kind} {reason}: {pages_with[reason]} pages ({fired[(kind, reason)]} notes)"
                       for kind, reason in sorted(fired))
    lines.append("notes: " + (listed or "none"))
    return "\n".join(lines)


def format_rescues(base: RowScore, html: RowScore) -> str:
    """Per rescue kind: the pages it fired on, by annotated type, and F1 there against trafilatura alone."""
    base_f1 = {r.page.id: r.scores[2] for r in base.results}
    fired: dict[str, list[PageResult]] = {}
    for result in html.results:
        for reason in sorted({r for k, r in result.notes if k == "rescue"}):
            fired.setdefault(reason, []).append(result)
    lines = ["rescues (pages fired on; F1 on those pages: clean_html against trafilatura alone):"]
    for reason, results in sorted(fired.items()):
        ours = statistics.fmean(r.scores[2] for r in results)
        theirs = statistics.fmean(base_f1[r.page.id] for r in results)
        types = ", ".join(f"{_SHORT.get(t, t)} {n}" for t, n in Counter(r.page.type for r in results).most_common())
        lines.append(f"  {reason:<20} {len(results):>4} pages  F1 {ours:.3f} vs {theirs:.3f}  ({types})")
    return "\n".join(lines if fired else [*lines, "  none fired"])


# ------------------------------------------------------------- snippet audit


@dataclass
class SnippetAudit:
    """What clean did to the snippets an extractor's output holds."""

    boilerplate_present: int = 0
    boilerplate_removed: int = 0
    boilerplate_left: list[tuple[str, str]] = field(default_factory=list)
    content_present: int = 0
    content_lost: list[tuple[str, str, str]] = field(default_factory=list)
    #: Where each boilerplate snippet left stands in the cleaned output (see :func:`where_left`).
    left_where: Counter[str] = field(default_factory=Counter)


_LIST_MARKER = re.compile(r"^\s*(?:[-*•·|]\s+)?")


def where_left(snippet: str, output: str) -> str:
    """Whether a snippet left stands as a whole line of ``output``, as a list item, or inside a longer line
    (which a block filter cannot take without the content beside it).

    >>> [where_left(s, "Intro.\\n- Subscribe\\nSign up $5 off") for s in ("Intro.", "Subscribe", "$5 off")]
    ['whole line', 'list item', 'inside a longer line']
    """
    key, lines = squash(snippet), output.splitlines()
    if key in (squash(line) for line in lines):
        return "whole line"
    if key in (squash(_LIST_MARKER.sub("", line)) for line in lines):
        return "list item"
    return "inside a longer line"


def taker(snippet: str, removals: Sequence[declutter.Removal]) -> str:
    """``filter: reason`` of the removal that holds most of ``snippet``'s words."""
    words = set(_WORD.findall(snippet.lower()))
    best, best_shared = None, 0
    for removal in removals:
        shared = len(words & set(_WORD.findall(removal.text.lower())))
        if shared > best_shared:
            best, best_shared = removal, shared
    return f"{best.filter}: {best.reason}" if best else "?"


def snippet_audit(base: RowScore, cleaned: RowScore) -> SnippetAudit:
    audit = SnippetAudit()
    for before, after in zip(base.results, cleaned.results, strict=True):
        text_before, text_after = squash(before.text), squash(after.text)
        for snippet in before.page.without:
            if snippet.strip() and squash(snippet) in text_before:
                audit.boilerplate_present += 1
                if squash(snippet) in text_after:
                    audit.boilerplate_left.append((before.page.id, snippet))
                    audit.left_where[where_left(snippet, after.text)] += 1
                else:
                    audit.boilerplate_removed += 1
        for snippet in before.page.with_:
            if snippet.strip() and squash(snippet) in text_before:
                audit.content_present += 1
                if squash(snippet) not in text_after:
                    audit.content_lost.append((before.page.id, snippet, taker(snippet, after.removals)))
    return audit


def format_audit(audit: SnippetAudit, name: str, limit: int) -> str:
    removed = audit.boilerplate_removed / audit.boilerplate_present if audit.boilerplate_present else 0.0
    lost = len(audit.content_lost) / audit.content_present if audit.content_present else 0.0
    lines = [f"snippet audit, clean on {name}'s output:",
             f"  boilerplate snippets {name} leaves: {audit.boilerplate_present}; removed by clean "
             f"{audit.boilerplate_removed} ({removed:.0%})",
             f"  content snippets {name} finds: {audit.content_present}; lost by clean {len(audit.content_lost)} "
             f"({lost:.2%})",
             "  boilerplate left: " + ", ".join(f"{where} {n}" for where, n in sorted(audit.left_where.items()))]
    if limit:
        lines.append(f"  to do: content lost (page, snippet, filter: reason), {min(limit, len(audit.content_lost))} "
                     f"of {len(audit.content_lost)}")
        lines += [f"    {pid} {snippet[:70]!r}  {who}" for pid, snippet, who in audit.content_lost[:limit]]
        lines.append(f"  to do: boilerplate left, {min(limit, len(audit.boilerplate_left))} "
                     f"of {len(audit.boilerplate_left)}")
        lines += [f"    {pid} {snippet[:90]!r}" for pid, snippet in audit.boilerplate_left[:limit]]
    return "\n".join(lines)


# ------------------------------------------------------ over-removal by content


def content_audit(row: RowScore) -> list[tuple[str, declutter.Removal, Any]]:
    """``(page id, removal, audit entry)`` for each removed block whose text is mostly in the ground
    truth, whatever its reason (``bench/audit.py``, the same audit as the aeb bench)."""
    found = []
    for result in row.results:
        if not result.removals:
            continue
        entries = audit.audit([r.text for r in result.removals], audit.Truth(result.page.truth), result.text)
        found.extend((result.page.id, result.removals[e.index], e) for e in entries)
    return found


def format_content_audit(rows: Iterable[RowScore], limit: int) -> str:
    """Over-removed and by-design counts of every row that removed something, and its over-removed list."""
    lines = ["over-removal audit by content (removed blocks whose text is mostly in the ground truth; by design "
             "only when the text is a credit, byline, copyright, contact, timestamp, promo label… line, or a copy "
             "stays):"]
    lists = []
    for row in rows:
        found = content_audit(row) if any(r.removals for r in row.results) else []
        if not found and not any(r.removals for r in row.results):
            continue
        over = [(pid, removal) for pid, removal, entry in found if entry.over_removed]
        lines.append(f"  {row.name:<30} over-removed {len(over):>5}   removed by design {len(found) - len(over):>5}")
        lists.append((row.name, over))
    for name, over in lists if limit else []:
        lines.append(f"  to do: over-removed by {name}, {min(limit, len(over))} of {len(over)}")
        lines += [f"    {pid} {r.reason:<22} {r.text[:90]!r}" for pid, r in over[:limit]]
    return "\n".join(lines)


# -------------------------------------------------------------------- floors


def figures(rows: Sequence[RowScore], wiped: int | None) -> dict[str, float]:
    """The figures floors are kept for: F1 overall and per type of each row, and the wiped count."""
    out: dict[str, float] = {}
    for row in rows:
        if not row.results:
            continue
        out[f"{row.name} F1"] = row.mean(2)
        for kind in TYPES:
            if any(r.page.type == kind for r in row.results):
                out[f"{row.name} F1 {kind}"] = row.mean(2, kind)
    if wiped is not None:
        out["wiped pages"] = wiped
    return out


def check_floors(found: dict[str, float], floors: dict[str, float]) -> list[str]:
    """Figures below their floor (``wiped pages`` is a ceiling), and floors with no figure."""
    problems = []
    for key, floor in floors.items():
        if key not in found:
            problems.append(f"{key}: no figure this run (floor {floor})")
        elif key == "wiped pages" and found[key] > floor:
            problems.append(f"{key}: {found[key]:.0f} > ceiling {floor:.0f}")
        elif key != "wiped pages" and found[key] < floor - 1e-9:
            problems.append(f"{key}: {found[key]:.4f} < floor {floor:.4f}")
    return problems


# ----------------------------------------------------------------------- CLI


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="the split's folder (default: $DECLUTTER_WCXB or ../shared/...)")
    parser.add_argument("--rows", default=",".join(DEFAULT_ROWS),
                        help=f"comma-separated systems (default: {','.join(DEFAULT_ROWS)})")
    parser.add_argument("--every", type=int, default=1, help="score every N-th page only (default 1: all)")
    parser.add_argument("--types", default="", help="comma-separated page types only")
    parser.add_argument("--limit", type=int, help="at most N pages")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for declutter's rows")
    parser.add_argument("--refresh", action="store_true", help="re-extract even when the cache is current")
    parser.add_argument("--audit-limit", type=int, default=25, help="lines of each to-do list (0: counts only)")
    parser.add_argument("--check-floors", action="store_true", help=f"exit 1 if a figure is below {FLOORS.name}")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    folder = data_dir(args.data)
    types = [t for t in args.types.split(",") if t]
    pages = load_pages(folder, args.every, types, args.limit)
    names = [n for n in args.rows.split(",") if n]
    unknown = [n for n in names if n not in DEFAULT_ROWS and n not in extractors.REGISTRY]
    if unknown:
        raise SystemExit(f"wcxb: unknown row(s) {', '.join(unknown)}; known: {', '.join(DEFAULT_ROWS)}")
    start = time.perf_counter()
    rows = score_rows(names, folder, pages, args.jobs, args.refresh)
    print(f"WCXB: {len(pages)} pages from {folder} ({time.perf_counter() - start:.0f} s)\n")
    print(format_table(rows, pages))
    by_name = {row.name: row for row in rows if row.results}
    wiped = None
    if "trafilatura" in by_name and "declutter.clean_html" in by_name:
        found = wiped_pages(by_name["trafilatura"], by_name["declutter.clean_html"])
        halved = wiped_pages(by_name["trafilatura"], by_name["declutter.clean_html"], measure=1)
        wiped = len(found)
        print("\n" + format_wiped(found, len(halved), args.audit_limit))
    if "declutter.clean_html" in by_name:
        print("\n" + format_decisions(by_name["declutter.clean_html"]))
        if "trafilatura" in by_name:
            print("\n" + format_rescues(by_name["trafilatura"], by_name["declutter.clean_html"]))
    for name in EXTRACTORS:
        if name in by_name and f"{name} + clean" in by_name and (name == "trafilatura" or args.audit_limit):
            limit = args.audit_limit if name == "trafilatura" else 0
            print("\n" + format_audit(snippet_audit(by_name[name], by_name[f"{name} + clean"]), name, limit))
    print("\n" + format_content_audit(rows, args.audit_limit))
    found_figures = figures(rows, wiped)
    if args.json:
        args.json.write_text(json.dumps(found_figures, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    if args.check_floors:
        floors = json.loads(FLOORS.read_text(encoding="utf-8"))
        problems = check_floors(found_figures, floors)
        print("\nfloors: " + ("all met" if not problems else "MISSED\n  " + "\n  ".join(problems)))
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
