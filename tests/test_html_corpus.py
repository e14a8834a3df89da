"""HTML mode on a fixed subset of the article-extraction benchmark, with a pinned F1 floor.

The pages (every 18th page id of scrapinghub/article-extraction-benchmark,
MIT licence, see tests/data/aeb_subset/LICENSE) and their ground truth ship
with the tests. The floor lives in tests/floors.json (``html_mode_subset``):
raise it when HTML mode improves, never lower it.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

import declutter

HERE = Path(__file__).resolve().parent
SUBSET = HERE / "data" / "aeb_subset"
sys.path.insert(0, str(HERE.parent / "bench"))

from html_quality import page_counts, score  # noqa: E402


def pages() -> list[tuple[str, str, str]]:
    truth = json.loads((SUBSET / "ground-truth.json").read_text(encoding="utf-8"))
    found = []
    for page_id in sorted(truth):
        with gzip.open(SUBSET / "html" / f"{page_id}.html.gz") as handle:
            found.append((page_id, handle.read().decode("utf-8", errors="replace"), truth[page_id]["articleBody"]))
    return found


@pytest.fixture(scope="module")
def outputs() -> list[tuple[str, str, declutter.Result]]:
    return [(page_id, truth, declutter.clean_html_and_explain(html)) for page_id, html, truth in pages()]


def test_subset_is_the_pinned_one() -> None:
    assert len(pages()) == 11


def test_f1_does_not_fall_below_the_floor(outputs: list[tuple[str, str, declutter.Result]]) -> None:
    floor = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))["html_mode_subset"]
    precision, recall, f1 = score(page_counts(truth, result.text) for _, truth, result in outputs)
    assert f1 >= floor, f"HTML mode F1 {f1:.4f} (P {precision:.4f}, R {recall:.4f}) fell below the floor {floor}"


def test_output_is_a_fixpoint_of_the_text_pipeline(outputs: list[tuple[str, str, declutter.Result]]) -> None:
    for page_id, _, result in outputs:
        assert declutter.clean_and_explain(result.text).removals == (), page_id


def test_every_removal_is_explained(outputs: list[tuple[str, str, declutter.Result]]) -> None:
    for page_id, _, result in outputs:
        for removal in result.removals:
            assert removal.filter and removal.reason and removal.index >= 0, page_id
            if removal.filter.startswith("html."):
                assert removal.detail.startswith("<"), (page_id, removal)
