"""Quality floors on real extractor output (a fast subset of bench/quality.py's full run).

The committed extractor outputs in corpus/extracted are cleaned and scored with
the benchmark's metric; F1 after declutter must not fall below the floors in
bench/floors.json, must not be lower than before declutter, and the number of
over-removed ground-truth blocks must not grow.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
quality: Any = importlib.import_module("bench.quality")
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))
SUBSET = FLOORS["subset"]


@pytest.fixture(scope="module")
def truth() -> dict[str, str]:
    everything = quality.extractors.load_ground_truth()
    return {pid: everything[pid] for pid in list(everything)[: SUBSET["pages"]]}


@pytest.mark.parametrize("name", sorted(SUBSET["extractors"]))
def test_subset_meets_floor_and_never_lowers_f1(name: str, truth: dict[str, str]) -> None:
    outputs = quality.extractors.read_cache(name, list(truth))
    assert outputs is not None, f"corpus/extracted/{name} is missing"
    row = quality.evaluate(name, outputs, truth)
    floor = SUBSET["extractors"][name]
    assert row.after.f1 >= row.before.f1
    assert row.after.f1 >= floor["f1_after"], f"{name}: F1 {row.after.f1:.4f} < floor {floor['f1_after']}"
    assert row.over_removed <= floor["over_removed_max"], [e.text for e in row.audit if not e.by_design]


def test_audit_flags_content_and_spares_duplicates() -> None:
    import declutter

    # A sentence before the heading: a promo heading over a page without one removes only itself.
    truth = ("The council met on Monday to vote on the bus lanes.\n"
             "The vote was close, and the mayor said she would appeal.")
    text = ("By Jane Doe\nThe council met on Monday to vote on the bus lanes.\nRelated\n"
            "The vote was close, and the mayor said she would appeal.\n")
    result = declutter.clean_and_explain(text)
    entries = quality.audit_page("x", "p", truth, result)
    assert [(e.reason, e.by_design) for e in entries] == [("promo.section", False)]
    doubled = "The vote was close, and the mayor said she would appeal today in the court of first instance.\n"
    assert quality.audit_page("x", "p", doubled, declutter.clean_and_explain(doubled * 2)) == []


PARAGRAPH_WITH_BRACKET = "The council will vote again in May (the third vote this year)."
CAPTION = "Workers repair the road in Miami. (AP Photo/Evan Vucci)"


def test_audit_counts_by_content_whatever_the_reason() -> None:
    """A reason code cannot hide a paragraph: by design needs text that looks like the clutter."""
    from declutter import Removal, Result

    truth = f"{PARAGRAPH_WITH_BRACKET}\n{CAPTION}\nShort line\nBy Jane Doe"
    texts = [PARAGRAPH_WITH_BRACKET, CAPTION, "Short line", "By Jane Doe", "Not in the truth at all"]
    removals = tuple(Removal("captions", "caption.credited", i, t) for i, t in enumerate(texts))
    entries = quality.audit_page("x", "p", truth, Result("", removals))
    assert [(e.text, e.design) for e in entries] == [
        (PARAGRAPH_WITH_BRACKET, ""), (CAPTION, "credit"), ("Short line", ""), ("By Jane Doe", "byline")]


def test_audit_counts_each_lost_copy_once() -> None:
    audit = quality.audit
    line = "Breakfast: one cup of oats, one cup of milk and a spoon of honey"
    truth = f"Day 1\n{line}\nDay 2\n{line}"
    assert audit.summary(audit.audit([line, line, line], truth, output="")) == (2, 2, 0)
    assert audit.summary(audit.audit([line], truth, output=f"Day 1\n{line}\nDay 2")) == (1, 1, 0)
    quote = "The vote was close, and the mayor said she would appeal."
    kept = f"In the end {quote} Nobody else spoke."
    assert audit.audit([quote], f"{kept}\n{quote}", output=kept) == [audit.Entry(0, quote, "copy kept")]


@pytest.mark.parametrize(("check", "clutter", "content"), [
    ("is_credit", "Photo credit: Jane Roe/Getty Images", "Add the milk (or a spoon of nut butter and water)"),
    ("is_copyright", "© 2019 The Gazette. All rights reserved.", "The copyright of the song was sold in 1990."),
    ("is_byline", "By JOHN SMITH, Associated Press", "By Monday, the talks had collapsed."),
    ("is_contact", "Twitter: @janedoe", "She wrote to the council about the harbour."),
    ("is_wire_credit", "(Reporting by Jane Doe; Editing by John Roe)", "The reporting of the vote was fair."),
    ("is_reading_time", "5 min read", "It takes five minutes to read the report."),
    ("is_timestamp", "Updated March 3, 2020 at 4:02 p.m. ET", "On March 3, 2020 the council met at 4 p.m."),
    ("is_promo_label", "READ MORE: Five things to know about the flood", "Read more slowly, the teacher said."),
])
def test_each_design_check_tells_clutter_from_content(check: str, clutter: str, content: str) -> None:
    func = getattr(quality.audit, check)
    assert func(clutter) and not func(content)


def _row(name: str, before: float, after: float) -> Any:
    score = quality.metric.Scores
    return quality.Row(name, score(before, before, before, 1), score(after, after, after, 1))


def test_check_floors_fails_on_a_missing_row_and_on_drifted_inputs() -> None:
    floors = {"full": {"a": {"f1_after": 0.5, "f1_before": 0.4}, "b": {"f1_after": 0.5, "f1_before": 0.4}},
              "full_over_removed_max": 0, "full_by_design_max": 0, "html": {"f1": 0.9, "over_removed_max": 0}}
    html = [quality.Row("declutter --html", *[quality.metric.Scores(0.95, 0.95, 0.95, 1)] * 2)]
    assert quality.check_floors([_row("a", 0.4, 0.6), _row("b", 0.4, 0.6)], floors, html) == []
    failures = quality.check_floors([_row("a", 0.41, 0.6)], floors, html)
    assert any(f.startswith("a: F1 before declutter is 0.4100") for f in failures)
    assert any(f.startswith("b: no result") for f in failures)
    assert quality.check_floors([_row("a", 0.4, 0.6), _row("b", 0.4, 0.6)], floors, None) == [
        "html: HTML mode was not measured"]


def test_outputs_come_from_the_committed_cache_unless_refreshed() -> None:
    ids = list(quality.extractors.load_ground_truth())[:3]
    loaded = quality.load_outputs("trafilatura", ids)
    assert loaded is not None and loaded[1].startswith("cached") and set(loaded[0]) == set(ids)
