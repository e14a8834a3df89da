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
