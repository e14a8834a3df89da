"""Quality of declutter on real extractor output: the benchmark table and the over-removal audit.

For every extractor (installed, or with a committed cache in ``corpus/extracted``),
score its raw output and ``declutter.clean(output)`` against the hand-made
ground truth of the 181 article-extraction-benchmark pages, with the
benchmark's own metric (``bench/metric.py``)::

    python bench/quality.py                 # every extractor, table + audit
    python bench/quality.py --html          # also HTML mode, beside trafilatura alone
    python bench/quality.py trafilatura readability --audit-limit 50

The **over-removal audit** counts by content (``bench/audit.py``): every
removed block whose text is mostly in the ground truth, and more often than the
output still holds it, whatever filter or reason removed it. Each such block is
either *over-removed* or *removed by design*; a block is by design only when
its text passes one of the audit's own text checks (a credit looks like a
credit, a copyright line like a copyright line…), never by its reason code.
Both counts are the headline.

Extractor outputs come from the committed cache in ``corpus/extracted`` (no
extractor needs installing); ``--refresh`` re-extracts with the installed
extractors and rewrites the cache. The table says which rows are cached and
which fresh.

Floors live in ``bench/floors.json``; ``tests/test_quality.py`` checks a fast
subset of pages against them, ``--check-floors`` the full run and HTML mode
(``.ci/run`` runs it). A floor row with no result fails, and each row's F1
before declutter must equal the recorded one, so drift in the cached inputs
shows.
"""

from __future__ import annotations

import argparse
import importlib
import json
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

metric = importlib.import_module("bench.metric")
extractors = importlib.import_module("bench.extractors")
audit = importlib.import_module("bench.audit")

FLOORS = REPO / "bench" / "floors.json"
#: F1 before declutter is compared with the floor file to this many places.
DRIFT_PLACES = 4


class AuditEntry(NamedTuple):
    """A removed block whose text the ground truth holds; ``design`` is the text check it passed, or ""."""

    extractor: str
    page: str
    filter: str
    reason: str
    text: str
    design: str

    @property
    def by_design(self) -> bool:
        return bool(self.design)


@dataclass
class Row:
    """One extractor's scores before and after declutter, and its audit."""

    name: str
    before: Any
    after: Any
    audit: list[AuditEntry] = field(default_factory=list)
    seconds: float = 0.0
    source: str = "cached"

    @property
    def over_removed(self) -> int:
        return sum(not e.by_design for e in self.audit)

    @property
    def removed_by_design(self) -> int:
        return sum(e.by_design for e in self.audit)


def truth_blocks(truth: dict[str, str]) -> int:
    """Number of ground-truth blocks (non-blank lines) over all pages."""
    return sum(1 for body in truth.values() for line in body.splitlines() if line.strip())


def audit_page(extractor: str, page: str, truth: str, result: declutter.Result) -> list[AuditEntry]:
    """Removed blocks whose text the ground truth holds more often than the output does (see bench/audit.py)."""
    removals = result.removals
    return [AuditEntry(extractor, page, removals[e.index].filter, removals[e.index].reason, e.text, e.design)
            for e in audit.audit([r.text for r in removals], truth, result.text)]


def evaluate(name: str, outputs: dict[str, str], truth: dict[str, str],
             clean: Callable[[str], declutter.Result] = declutter.clean_and_explain, source: str = "cached") -> Row:
    """Score one extractor's outputs before and after cleaning, and audit the removals."""
    pairs_before, pairs_after, entries = [], [], []
    start = time.perf_counter()
    for page, body in truth.items():
        raw = outputs.get(page, "")
        result = clean(raw)
        pairs_before.append((body, raw))
        pairs_after.append((body, result.text))
        entries.extend(audit_page(name, page, body, result))
    seconds = time.perf_counter() - start
    return Row(name, metric.score(pairs_before), metric.score(pairs_after), entries, seconds, source)


def load_outputs(name: str, ids: list[str], refresh: bool = False) -> tuple[dict[str, str], str] | None:
    """The extractor's outputs and where they come from ("cached", "fresh"), None when there are none.

    Only ``refresh`` re-extracts (and rewrites ``corpus/extracted/<name>``);
    otherwise the committed cache is read as it is, whatever is installed, and
    a cache made with other library versions than the installed ones is
    noted, not replaced.
    """
    if refresh and extractors.get_extractor(name) is not None:
        outputs = extractors.extract_pages(name, extractors.CORPUS_DIR, extractors.CACHE_DIR)
        return {pid: outputs.get(pid, "") for pid in ids}, "fresh"
    cached = extractors.read_cache(name, ids)
    if cached is None:
        return None
    source = "cached"
    installed = extractors.library_versions(name)
    if installed is not None and not extractors.cache_is_current(name):
        made = (extractors.read_manifest(name) or {}).get("versions")
        source = f"cached (made with {made}, installed {installed})"
    return cached, source


def format_table(rows: Iterable[Row], gt_blocks: int) -> str:
    """The before/after table, one line per extractor."""
    head = (f"{'extractor':<24} {'P':>6} {'R':>6} {'F1':>6}  | {'P':>6} {'R':>6} {'F1':>6}  | "
            f"{'dF1':>7} {'dR':>7} | {'over-removed':>12} {'by design':>9} | source")
    lines = [f"{'':<24} {'before':^20}  | {'after declutter':^20}  |", head, "-" * len(head)]
    for row in rows:
        b, a = row.before, row.after
        lines.append(f"{row.name:<24} {b.precision:6.4f} {b.recall:6.4f} {b.f1:6.4f}  | "
                     f"{a.precision:6.4f} {a.recall:6.4f} {a.f1:6.4f}  | {a.f1 - b.f1:+7.4f} "
                     f"{a.recall - b.recall:+7.4f} | {row.over_removed:>12} {row.removed_by_design:>9} | {row.source}")
    return "\n".join(lines)


def headline(rows: list[Row], gt_blocks: int) -> str:
    """Both audit counts over every extractor: over-removed and removed by design."""
    over = sum(r.over_removed for r in rows)
    design = sum(r.removed_by_design for r in rows)
    total = gt_blocks * max(1, len(rows))
    return (f"ground-truth blocks removed, all extractors, counted by content: {over + design} of {gt_blocks} x "
            f"{len(rows)}\n  over-removed (content): {over} = {100 * over / total:.3f}% (target <= 0.3%)\n"
            f"  removed by design (the text is a credit, byline, copyright, contact, timestamp, promo label,"
            f" button… line, or a copy stays): {design} = {100 * design / total:.3f}%")


def format_audit(rows: Iterable[Row], limit: int) -> str:
    """The over-removal audit: the to-do list for precision."""
    entries = [e for row in rows for e in row.audit]
    lines = []
    for title, design in (("OVER-REMOVED (ground-truth content that declutter removed)", False),
                          ("REMOVED BY DESIGN (the text passes a check: a credit, byline, copyright… line)", True)):
        chosen = [e for e in entries if e.by_design is design]
        lines.append(f"\n{title}: {len(chosen)} blocks")
        for e in chosen[:limit]:
            label = f"{e.design}<-{e.reason}" if design else e.reason
            lines.append(f"  {e.extractor:<22} {e.page[:10]} {label:<34} {e.text[:100]!r}")
        if len(chosen) > limit:
            lines.append(f"  … {len(chosen) - limit} more (use --audit-limit)")
    return "\n".join(lines)


def html_rows(truth: dict[str, str], pages: dict[str, str]) -> list[Row]:
    """trafilatura alone and declutter's HTML mode, measured in the same run (HTML mode audited too)."""
    import trafilatura

    rows = []
    for name, run in (("trafilatura (html)", lambda h: declutter.Result(
                          trafilatura.extract(h, include_comments=False) or "", ())),
                      ("declutter --html", declutter.clean_html_and_explain)):
        start = time.perf_counter()
        results = {pid: run(pages[pid]) for pid in truth}
        score = metric.score((truth[pid], results[pid].text) for pid in truth)
        entries = [e for pid in truth for e in audit_page(name, pid, truth[pid], results[pid])]
        rows.append(Row(name, score, score, entries, time.perf_counter() - start, "fresh"))
    return rows


def _drift(row: Row, floor: dict[str, Any]) -> str | None:
    recorded = floor.get("f1_before")
    if recorded is None or round(row.before.f1, DRIFT_PLACES) == round(recorded, DRIFT_PLACES):
        return None
    return (f"{row.name}: F1 before declutter is {row.before.f1:.4f}, the floor file records {recorded}: the "
            f"extractor outputs changed ({row.source}); re-measure and update bench/floors.json on purpose")


def check_floors(rows: list[Row], floors: dict[str, Any], html: list[Row] | None = None) -> list[str]:
    """Failures of the full run against ``bench/floors.json`` (empty when all hold).

    Every extractor the floor file lists must have a row; its F1 before must
    be the recorded one, its F1 after at least the floor and never below its
    F1 before; the over-removed and by-design totals must stay under their
    ceilings; with ``html`` rows, HTML mode must meet its floor.
    """
    failures = []
    by_name = {row.name: row for row in rows}
    for name, floor in floors.get("full", {}).items():
        row = by_name.get(name)
        if row is None:
            failures.append(f"{name}: no result (neither a cached output in corpus/extracted nor --refresh)")
            continue
        drift = _drift(row, floor)
        if drift:
            failures.append(drift)
        if row.after.f1 < row.before.f1:
            failures.append(f"{name}: F1 fell from {row.before.f1:.4f} to {row.after.f1:.4f}")
        if row.after.f1 < floor["f1_after"]:
            failures.append(f"{name}: F1 {row.after.f1:.4f} below floor {floor['f1_after']}")
    for key, count in (("full_over_removed_max", sum(r.over_removed for r in rows)),
                       ("full_by_design_max", sum(r.removed_by_design for r in rows))):
        ceiling = floors.get(key)
        if ceiling is None:
            failures.append(f"{key}: missing from bench/floors.json")
        elif count > ceiling:
            failures.append(f"{key}: {count} blocks, above the ceiling {ceiling}")
    failures.extend(_check_html(html, floors.get("html")))
    return failures


def _check_html(rows: list[Row] | None, floor: dict[str, Any] | None) -> list[str]:
    if floor is None:
        return ["html: no HTML-mode floor in bench/floors.json"]
    if not rows:
        return ["html: HTML mode was not measured"]
    ours = next(row for row in rows if row.name == "declutter --html")
    import trafilatura

    note = f" (floor measured with {floor.get('measured_with')}, this run trafilatura {trafilatura.__version__})"
    failures = []
    if ours.after.f1 < floor["f1"]:
        failures.append(f"html: clean_html F1 {ours.after.f1:.4f} below floor {floor['f1']}{note}")
    if ours.over_removed > floor["over_removed_max"]:
        failures.append(f"html: {ours.over_removed} over-removed blocks, above the ceiling "
                        f"{floor['over_removed_max']}{note}")
    return failures


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="extractors (default: every one with output)")
    parser.add_argument("--refresh", action="store_true",
                        help="re-extract with the installed extractors and rewrite corpus/extracted")
    parser.add_argument("--html", action="store_true", help="also measure HTML mode against trafilatura alone")
    parser.add_argument("--audit-limit", type=int, default=40, help="audit lines to print per list")
    parser.add_argument("--check-floors", action="store_true",
                        help="exit 1 if a floor in bench/floors.json fails (implies --html)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    truth = extractors.load_ground_truth()
    ids = list(truth)
    rows = []
    for name in args.names or list(extractors.REGISTRY):
        loaded = load_outputs(name, ids, args.refresh)
        if loaded is None:
            print(f"{name}: no committed output in corpus/extracted/{name} and not installed: skipped")
            continue
        outputs, source = loaded
        rows.append(evaluate(name, outputs, truth, source=source))
    gt_blocks = truth_blocks(truth)
    print(f"declutter {declutter.__version__} on {len(ids)} pages, {gt_blocks} ground-truth blocks\n")
    print(format_table(rows, gt_blocks))
    print("\n" + headline(rows, gt_blocks))
    html = html_rows(truth, extractors.load_pages()) if args.html or args.check_floors else None
    if html:
        _print_html(html)
    print(format_audit(rows + (html or []), args.audit_limit))
    if not args.check_floors:
        return 0
    failures = check_floors(rows, json.loads(FLOORS.read_text()), html)
    for failure in failures:
        print(f"FLOOR FAILED: {failure}")
    print("\nfloors: " + ("all met" if not failures else f"{len(failures)} failed"))
    return 1 if failures else 0


def _print_html(rows: list[Row]) -> None:
    print("\nHTML mode (same run, same pages):")
    for row in rows:
        s = row.after
        print(f"  {row.name:<22} P {s.precision:.4f} R {s.recall:.4f} F1 {s.f1:.4f}   {row.seconds:6.1f} s   "
              f"over-removed {row.over_removed}, by design {row.removed_by_design}")


if __name__ == "__main__":
    sys.exit(main())
