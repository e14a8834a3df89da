"""HTML mode on a fixed subset of WCXB (5 pages of each of its 7 page types), with pinned floors.

The pages (see tests/data/wcxb/README.md for how they were chosen, and its
LICENSE: CC-BY-4.0, Murrough Foley 2026) ship with the tests. This scores
``declutter.clean_html(html, url=url)`` and ``trafilatura.extract(html)``
with the benchmark's metric (bag-of-words F1, :mod:`bench.wcxb`) and checks:

* clean_html's mean F1, overall and per page type, against the floors in
  tests/floors.json (``wcxb_subset``; raise them when HTML mode improves);
* no page is wiped (trafilatura scores F1 >= 0.5 and clean_html keeps less
  than half of trafilatura's recall);
* clean_html is not below trafilatura on the page types where it leads on the
  whole split (``wcxb_subset_at_least_trafilatura``).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import pytest

import declutter

HERE = Path(__file__).resolve().parent
SUBSET = HERE / "data" / "wcxb"
sys.path.insert(0, str(HERE.parent))

from bench.wcxb import load_pages, page_scores  # noqa: E402

FLOORS = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, str, tuple[float, float, float], tuple[float, float, float]]]:
    """(page id, page type, clean_html's P/R/F1, trafilatura's P/R/F1) of every subset page."""
    trafilatura = pytest.importorskip("trafilatura")
    rows = []
    for page in load_pages(SUBSET):
        html = page.html()
        ours = declutter.clean_html(html, url=page.url or None)
        theirs = trafilatura.extract(html) or ""
        rows.append((page.id, page.type, page_scores(page.truth, ours), page_scores(page.truth, theirs)))
    return rows


def test_subset_is_the_pinned_one() -> None:
    pages = load_pages(SUBSET)
    assert len(pages) == 35
    assert {kind: sum(1 for p in pages if p.type == kind) for kind in {p.type for p in pages}} == {
        "article": 5, "collection": 5, "documentation": 5, "forum": 5, "listing": 5, "product": 5, "service": 5}


def test_f1_overall_and_per_type_holds_its_floor(scored: list) -> None:
    floors = FLOORS["wcxb_subset"]
    found = {"all": statistics.fmean(row[2][2] for row in scored)}
    for kind in {row[1] for row in scored}:
        found[kind] = statistics.fmean(row[2][2] for row in scored if row[1] == kind)
    low = {key: f"{found[key]:.4f} < {floor}" for key, floor in floors.items() if found[key] < floor}
    assert not low, f"clean_html F1 fell below its floor: {low}"


def test_no_page_is_wiped(scored: list) -> None:
    wiped = [page_id for page_id, _, ours, theirs in scored if theirs[2] >= 0.5 and ours[1] < 0.5 * theirs[1]]
    assert wiped == []


def test_not_below_trafilatura_where_it_leads_on_the_split(scored: list) -> None:
    for kind in FLOORS["wcxb_subset_at_least_trafilatura"]:
        ours = statistics.fmean(row[2][2] for row in scored if row[1] == kind)
        theirs = statistics.fmean(row[3][2] for row in scored if row[1] == kind)
        assert ours >= theirs - 1e-9, f"{kind}: clean_html {ours:.4f} < trafilatura {theirs:.4f}"
