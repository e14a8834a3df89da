"""Quality of declutter on real extractor output: the benchmark table and the over-removal audit.

For every extractor (installed, or with a committed cache in ``corpus/extracted``),
score its raw output and ``declutter.clean(output)`` against the hand-made
ground truth of the 181 article-extraction-benchmark pages, with the
benchmark's own metric (``bench/metric.py``)::

    python bench/quality.py                 # every extractor, table + audit
    python bench/quality.py --html          # also HTML mode, beside trafilatura alone
    python bench/quality.py trafilatura readability --audit-limit 50

The **over-removal audit** lists every removed block whose text is in the
ground truth more often than it is left in the output: real content that
declutter took away. Removals the mission asks for but the annotators kept
(photo credits, "(Reporting by …)", copyright lines, a repeated pull quote)
are listed apart as "removed by design". The count of over-removed blocks,
over the ground truth's blocks, is the headline precision-of-removal figure.

Floors for these figures live in ``bench/floors.json``; ``tests/test_quality.py``
checks a fast subset of pages against them, ``--check-floors`` the full run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402
from declutter.text import normalize  # noqa: E402

metric = importlib.import_module("bench.metric")
extractors = importlib.import_module("bench.extractors")

FLOORS = REPO / "bench" / "floors.json"
#: Reasons the mission removes even where the annotators kept the text.
BY_DESIGN = ("caption.", "byline.credits", "byline.copyright", "byline.contact", "byline.byline",
             "byline.timestamp", "byline.reading_time", "duplicate.contained", "promo.affiliate")
_TOKENS = re.compile(r"\w+")


class AuditEntry(NamedTuple):
    """A removed block whose text the ground truth holds."""

    extractor: str
    page: str
    filter: str
    reason: str
    text: str
    by_design: bool


@dataclass
class Row:
    """One extractor's scores before and after declutter, and its audit."""

    name: str
    before: Any
    after: Any
    audit: list[AuditEntry] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def over_removed(self) -> int:
        return sum(not e.by_design for e in self.audit)


def truth_blocks(truth: dict[str, str]) -> int:
    """Number of ground-truth blocks (non-blank lines) over all pages."""
    return sum(1 for body in truth.values() for line in body.splitlines() if line.strip())


def _shingle_set(text: str) -> set[tuple[str, ...]]:
    words = _TOKENS.findall(text)
    return {tuple(words[i:i + 4]) for i in range(max(1, len(words) - 3))} if words else set()


def _occurrences(key: str, text_key: str) -> int:
    return f" {text_key} ".count(f" {key} ") if key else 0


def audit_page(extractor: str, page: str, truth: str, result: declutter.Result) -> list[AuditEntry]:
    """Removed blocks whose text the ground truth holds more often than the output does."""
    truth_shingles = _shingle_set(truth)
    truth_key, out_key = normalize(truth), normalize(result.text)
    entries = []
    for removal in result.removals:
        shingles = _shingle_set(removal.text)
        if not shingles or len(shingles & truth_shingles) * 2 < len(shingles):
            continue
        key = normalize(removal.text)
        if _occurrences(key, out_key) >= max(1, _occurrences(key, truth_key)):
            continue
        by_design = removal.reason.startswith(BY_DESIGN)
        entries.append(AuditEntry(extractor, page, removal.filter, removal.reason, removal.text, by_design))
    return entries


def evaluate(name: str, outputs: dict[str, str], truth: dict[str, str],
             clean: Callable[[str], declutter.Result] = declutter.clean_and_explain) -> Row:
    """Score one extractor's outputs before and after cleaning, and audit the removals."""
    pairs_before, pairs_after, audit = [], [], []
    start = time.perf_counter()
    for page, body in truth.items():
        raw = outputs.get(page, "")
        result = clean(raw)
        pairs_before.append((body, raw))
        pairs_after.append((body, result.text))
        audit.extend(audit_page(name, page, body, result))
    seconds = time.perf_counter() - start
    return Row(name, metric.score(pairs_before), metric.score(pairs_after), audit, seconds)


def load_outputs(name: str, ids: list[str], refresh: bool = False) -> dict[str, str] | None:
    """Cached (or freshly extracted) outputs of ``name``, None when unavailable."""
    try:
        outputs: dict[str, str] = extractors.extract_all(name, extractors.CORPUS_DIR, extractors.CACHE_DIR,
                                                         refresh=refresh)
    except extractors.ExtractorUnavailable:
        return None
    return {pid: outputs.get(pid, "") for pid in ids}


def format_table(rows: Iterable[Row], gt_blocks: int) -> str:
    """The before/after table, one line per extractor."""
    head = (f"{'extractor':<24} {'P':>6} {'R':>6} {'F1':>6}  | {'P':>6} {'R':>6} {'F1':>6}  | "
            f"{'dF1':>7} {'dR':>7} | over-removed")
    lines = [f"{'':<24} {'before':^20}  | {'after declutter':^20}  |", head, "-" * len(head)]
    for row in rows:
        b, a = row.before, row.after
        share = 100 * row.over_removed / gt_blocks if gt_blocks else 0.0
        lines.append(f"{row.name:<24} {b.precision:6.4f} {b.recall:6.4f} {b.f1:6.4f}  | "
                     f"{a.precision:6.4f} {a.recall:6.4f} {a.f1:6.4f}  | {a.f1 - b.f1:+7.4f} "
                     f"{a.recall - b.recall:+7.4f} | {row.over_removed} ({share:.2f}%)")
    return "\n".join(lines)


def format_audit(rows: Iterable[Row], limit: int) -> str:
    """The over-removal audit: the to-do list for precision."""
    entries = [e for row in rows for e in row.audit]
    lines = []
    for title, design in (("OVER-REMOVED (ground-truth content that declutter removed)", False),
                          ("REMOVED BY DESIGN (the mission removes it; the annotators kept it)", True)):
        chosen = [e for e in entries if e.by_design is design]
        lines.append(f"\n{title}: {len(chosen)} blocks")
        for e in chosen[:limit]:
            lines.append(f"  {e.extractor:<22} {e.page[:10]} {e.reason:<22} {e.text[:110]!r}")
        if len(chosen) > limit:
            lines.append(f"  … {len(chosen) - limit} more (use --audit-limit)")
    return "\n".join(lines)


def html_row(truth: dict[str, str], pages: dict[str, str]) -> list[Row]:
    """trafilatura alone and declutter's HTML mode, measured in the same run."""
    clean_html = declutter.clean_html_and_explain
    import trafilatura

    rows = []
    for name, run in (("trafilatura (html)", lambda h: trafilatura.extract(h, include_comments=False) or ""),
                      ("declutter --html", lambda h: clean_html(h).text)):
        start = time.perf_counter()
        outputs = {pid: run(pages[pid]) for pid in truth}
        pairs = [(truth[pid], outputs[pid]) for pid in truth]
        score = metric.score(pairs)
        rows.append(Row(name, score, score, [], time.perf_counter() - start))
    return rows


def check_floors(rows: list[Row], gt_blocks: int, floors: dict[str, Any]) -> list[str]:
    """Failures of the full run against ``bench/floors.json`` (empty when all hold)."""
    failures = []
    for row in rows:
        floor = floors.get("full", {}).get(row.name)
        if row.after.f1 < row.before.f1:
            failures.append(f"{row.name}: F1 fell from {row.before.f1:.4f} to {row.after.f1:.4f}")
        if floor and row.after.f1 < floor["f1_after"]:
            failures.append(f"{row.name}: F1 {row.after.f1:.4f} below floor {floor['f1_after']}")
    total = sum(row.over_removed for row in rows)
    ceiling = floors.get("full_over_removed_max")
    if ceiling is not None and total > ceiling:
        failures.append(f"over-removed blocks {total} above ceiling {ceiling}")
    return failures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="extractors (default: every one with output)")
    parser.add_argument("--refresh", action="store_true", help="re-extract even when the cache is current")
    parser.add_argument("--html", action="store_true", help="also measure HTML mode against trafilatura alone")
    parser.add_argument("--audit-limit", type=int, default=40, help="audit lines to print per list")
    parser.add_argument("--check-floors", action="store_true", help="exit 1 if a floor in bench/floors.json fails")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    truth = extractors.load_ground_truth()
    ids = list(truth)
    rows = []
    for name in args.names or list(extractors.REGISTRY):
        outputs = load_outputs(name, ids, args.refresh)
        if outputs is None:
            print(f"{name}: not installed and not cached, skipped")
            continue
        rows.append(evaluate(name, outputs, truth))
    gt_blocks = truth_blocks(truth)
    print(f"declutter {declutter.__version__} on {len(ids)} pages, {gt_blocks} ground-truth blocks\n")
    print(format_table(rows, gt_blocks))
    total = sum(r.over_removed for r in rows)
    share = 100 * total / (gt_blocks * max(1, len(rows)))
    print(f"\nover-removed ground-truth blocks, all extractors: {total} of {gt_blocks} x {len(rows)} "
          f"= {share:.3f}% (target <= 0.3%)")
    if args.html:
        _print_html(truth)
    print(format_audit(rows, args.audit_limit))
    failures = check_floors(rows, gt_blocks, json.loads(FLOORS.read_text())) if args.check_floors else []
    for failure in failures:
        print(f"FLOOR FAILED: {failure}")
    return 1 if failures else 0


def _print_html(truth: dict[str, str]) -> None:
    rows = html_row(truth, extractors.load_pages())
    print("\nHTML mode (same run, same pages):")
    for row in rows:
        s = row.after
        print(f"  {row.name:<22} P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f}   {row.seconds:6.1f} s")


if __name__ == "__main__":
    sys.exit(main())
