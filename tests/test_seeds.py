"""Golden files: every seed in seeds/ must come out exactly as its .expected.txt says."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import declutter
from declutter.cli import main

SEEDS = sorted(p for p in (Path(__file__).parent.parent / "seeds").glob("*.txt") if ".expected" not in p.name)
SEED = Path(__file__).parent.parent / "seeds" / "000_182fc0aef669f16c.txt"


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_matches_golden_file(seed: Path) -> None:
    expected = seed.with_name(seed.stem + ".expected.txt")
    assert declutter.clean(read(seed)) == read(expected)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_cli_prints_golden_file(seed: Path) -> None:
    out = io.BytesIO()
    assert main([str(seed)], stdout=out, stderr=io.StringIO()) == 0
    assert out.getvalue() == seed.with_name(seed.stem + ".expected.txt").read_bytes()


def _removed() -> dict[str, list[str]]:
    by_reason: dict[str, list[str]] = {}
    for r in declutter.clean_and_explain(read(SEED)).removals:
        by_reason.setdefault(r.reason, []).append(r.text)
    return by_reason


def test_seed_removals_are_the_ones_asked_for() -> None:
    removed = _removed()
    assert len(removed["caption.credited"]) == 3
    assert all(t.endswith("(Photo by Sasha Mordovets/Getty Images)") for t in removed["caption.credited"])
    assert removed["caption.credit_line"] == ["Photo credit: Sasha Mordovets/Getty Images"]
    assert removed["byline.bio"] == [
        "Colum Lynch was a staff writer at Foreign Policy between 2010 and 2022. Twitter:\xa0@columlynch"]
    assert removed["promo.heading"] == ["More from Foreign Policy"]
    assert removed["promo.section"][-1].startswith("China, Russia, and their autocratic friends")
    assert len(removed["duplicate.exact"]) == 1
    assert removed["duplicate.exact"][0].startswith("Russian President Vladimir Putin says his growing")


def test_seed_traps_survive() -> None:
    out = declutter.clean(read(SEED))
    for trap in ["said a diplomat whose country", "Reuters reported her as saying.", "told CBS This Morning",
                 "Putin says his main goal in Syria", "exasperated and disbelieving world leaders demanded"]:
        assert trap in out
    lead = "Russian President Vladimir Putin says his growing military adventure"
    assert out.count(lead) == 1
    assert out.startswith("World to Vlad: Put Up or Shut Up in Anti-Terror Fight\n\nPutin says")
    assert out.endswith("Reuters reported her as saying.")
    assert "\n\n\n" not in out
