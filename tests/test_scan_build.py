"""Building the first pass's databases (declutter/scan.py): the redundant-literal prune is the same in C and in
Python and keeps exactly what its definition keeps; a database handed from one process to another scans the
same; ``--jobs`` workers build each language set once and wait for the others' builds."""

from __future__ import annotations

import ctypes
import json
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter.filters  # noqa: F401 (registers the filters' gates with the first pass)
from declutter import Config, parallel, scan
from declutter.blocks import Block
from declutter.memo import document_scope

HYPERSCAN = pytest.mark.skipif(not scan._available("hyperscan"), reason="hyperscan is not installed")
COMPILED = pytest.mark.skipif(scan._BUILD is None, reason="declutter._build is not built (no C compiler)")
LINES = ["By Jane Doe and John Roe, Reuters", "Photo credit: Sasha Mordovets/Getty Images", "Share this article",
         "The council met on Monday to vote on the harbour bus lanes.", "5 min read", "12 comments",
         "Von Hans Müller, dpa", "Lesezeit: 4 Minuten"]

# ---------------------------------------------------------------- the prune

LITERALS = st.lists(st.binary(min_size=1, max_size=6).map(lambda data: bytes(b % 4 + 97 for b in data)),
                    max_size=40, unique=True).map(sorted)


def _brute_contained(ordered: list[bytes]) -> list[list[int]]:
    return [[number for number, other in enumerate(ordered) if other in literal] for literal in ordered]


@given(LITERALS)
def test_contained_in_python_finds_every_literal_inside_each(ordered):
    with _without_compiled():
        assert [sorted(set(numbers)) for numbers in scan.contained(ordered)] == _brute_contained(ordered)


@COMPILED
@given(LITERALS)
def test_contained_in_c_equals_the_python_one(ordered):
    compiled = [sorted(set(numbers)) for numbers in scan.contained(ordered)]
    with _without_compiled():
        assert compiled == [sorted(set(numbers)) for numbers in scan.contained(ordered)]


@COMPILED
def test_contained_in_c_refuses_unsorted_or_other_input():
    assert scan._BUILD is not None
    with pytest.raises(ValueError, match="sorted"):
        scan._BUILD.contained([b"b", b"a"])
    with pytest.raises(TypeError):
        scan._BUILD.contained([b"a", "b"])
    with pytest.raises(TypeError):
        scan._BUILD.contained((b"a",))
    assert scan._BUILD.contained([]) == []


def _brute_pruned(found: dict[tuple[bytes, bool], int]) -> dict[tuple[bytes, bool], int]:
    """The prune's definition: in sorted order, a literal goes when a kept one inside it (case aside) is
    found wherever it is, for all of its gates."""
    kept = dict(found)
    for key in sorted(found):
        if any(other[0].lower() in key[0].lower() and scan._covers(other, key, kept, found) for other in found):
            del kept[key]
    return kept


KEYS = st.dictionaries(st.tuples(st.binary(min_size=1, max_size=5).map(lambda data: bytes(b"aAb\n "[b % 5]
                                                                                          for b in data)),
                                 st.booleans()),
                       st.integers(1, 7), max_size=30)


@given(KEYS)
@settings(max_examples=200)
def test_the_prune_keeps_what_its_definition_keeps(found):
    assert scan._pruned(found) == _brute_pruned(found)
    with _without_compiled():
        assert scan._pruned(found) == _brute_pruned(found)


def test_the_prune_drops_a_literal_another_one_finds_for_the_same_gates():
    found = {(b"may", True): 1, (b" may", True): 1, (b"\nmay", False): 3, (b"MAY", False): 1}
    assert scan._pruned(found) == {(b"may", True): 1, (b"\nmay", False): 3}


@contextmanager
def _without_compiled() -> Iterator[None]:
    compiled = scan._BUILD
    scan._BUILD = None
    try:
        yield
    finally:
        scan._BUILD = compiled


# ------------------------------------------------------ handing a database on


@contextmanager
def _fresh_process_state() -> Iterator[None]:
    """This process as a worker that has built nothing yet (restored after)."""
    databases, seen, built = dict(scan._databases), dict(scan._seen), list(scan._built_here)
    scan._databases.clear()
    scan._built_here.clear()
    try:
        yield
    finally:
        scan._databases.clear()
        scan._databases.update(databases)
        scan._seen.clear()
        scan._seen.update(seen)
        scan._built_here[:] = built


@HYPERSCAN
def test_an_installed_database_scans_like_the_one_built():
    with scan.using("hyperscan", warmup=10**12):
        built = scan.database_for("de,en")
        data = scan.export("de,en")
        assert built is not None and data is not None
        with _fresh_process_state():
            assert scan.install("de,en", data)
            installed = scan.database_for("de,en")
            assert installed is not built and installed is not None
            assert installed.masks(LINES) == built.masks(LINES)
            assert any(installed.masks(LINES))
            assert scan._seen["de,en"] >= 10**12  # counted warm: masks from the next document on
            assert "de,en" in scan.held() and scan.built_here() == []
            with document_scope():
                assert scan.masks("de,en", [Block(0, "By Jane Doe")]) is not None


@HYPERSCAN
def test_a_database_is_installed_only_for_the_gates_it_was_built_for():
    with scan.using("hyperscan"):
        data = scan.export("de,en") if scan.database_for("de,en") else None
        assert data is not None
        with _fresh_process_state():
            assert not scan.install("en", data)  # other gates (patterns): ignored, "en" is built when due
            assert not scan.install("de,en", b"not a database")
            assert "en" not in scan._databases and "de,en" not in scan._databases
            scan.database_for("de,en")
            assert not scan.install("de,en", data)  # held already
            assert scan.built_here() == ["de,en"]


def test_nothing_is_installed_with_engine_re():
    with scan.using("re"):
        assert not scan.install("en", b"anything")
    assert scan.export("no such set") is None


# ---------------------------------------------------------------- workers


def test_a_set_is_claimed_by_one_worker():
    claims = multiprocessing.get_context().Array(ctypes.c_char, 32)
    assert parallel._claim(claims, "de,en")
    assert not parallel._claim(claims, "de,en")
    assert parallel._claim(claims, "en")
    assert not parallel._claim(claims, "en")
    assert parallel._claim(claims, "en,it")  # "en" is claimed, not every set that holds it
    assert parallel._claim(claims, "x" * 40) and parallel._claim(claims, "x" * 40)  # full: each builds its own


@HYPERSCAN
def test_a_worker_waits_for_a_set_another_one_claimed(monkeypatch):
    monkeypatch.setattr(scan, "WAIT_CHARS", 20)
    asked: list[str] = []

    def claimed_elsewhere(lang: str) -> bool:
        asked.append(lang)
        return False

    with scan.using("hyperscan", warmup=0), _fresh_process_state():
        scan.claim_with(claimed_elsewhere, 2)
        try:
            with document_scope():
                assert scan.masks("en", [Block(0, "By Jane")]) is None  # 7 characters waited
            with document_scope():
                assert scan.masks("en", [Block(0, "By Jane Doe and John")]) is not None  # 27: built after all
            assert asked == ["en"]
        finally:
            scan.claim_with(None)


def test_a_worker_warms_up_on_its_share_of_the_stream():
    before = dict(scan._state)
    try:
        scan._state["warmup"] = scan.WARMUP_CHARS
        scan.claim_with(None, 2)
        assert scan._state["warmup"] == scan.WARMUP_CHARS // 2
    finally:
        scan._state.update(before)


def test_the_parent_sends_a_database_until_every_worker_holds_it():
    shared = parallel.Shared(2)
    assert shared.payload() == {}
    outcome = parallel.Outcome(1, b"{}\n")
    assert shared.take(([outcome], parallel.Report(11, frozenset({"en"}), {"de,en": b"DE"})), [(1, b"{}\n")]) \
        == [outcome]
    assert shared.payload() == {"de,en": b"DE"}
    shared.take(([], parallel.Report(11, frozenset({"en", "de,en"}), {"de,en": b"OTHER"})), [])
    assert shared.payload() == {"de,en": b"DE"}  # the first one stays; worker 12 lacks it still
    shared.take(([], parallel.Report(12, frozenset({"de,en"}), {})), [])
    assert shared.payload() == {}
    shared.new_pool()
    assert shared.payload() == {"de,en": b"DE"}
    shared.offer("en", None)
    assert "en" not in shared.payload()


def test_two_jobs_clean_a_long_stream_like_one():
    """Past the warm-up (the parent builds English, the workers what else they meet), the same bytes."""
    texts = ["By Jane Doe\n\n" + "The council met on Monday to vote on the harbour bus lanes and more. " * 8
             + "\n\nShare this",
             "Von Hans Müller\n\n" + "Der Stadtrat hat am Montag über die neuen Busspuren im Hafen abgestimmt, und "
             "die Bürger waren dabei. " * 8 + "\n\nLesezeit: 4 Minuten"]
    lines = [json.dumps({"id": n, "text": texts[n % 2]}).encode() + b"\n" for n in range(400)]
    one = [o.line for o in parallel.clean_lines(lines, parallel.Options(Config()), jobs=1)]
    two = [o.line for o in parallel.clean_lines(lines, parallel.Options(Config()), jobs=2)]
    assert two == one
    assert any(b"Share this" not in line for line in one)


def test_a_record_written_back_as_it_came_travels_back_empty():
    chunk = [(1, json.dumps({"text": "By Jane Doe\n\nThe council met on Monday."}).encode() + b"\n"),
             (2, json.dumps({"text": "The council met on Monday."}).encode() + b"\n"), (3, b"{not json\n")]
    parallel._init_worker(parallel.Options(Config()))
    try:
        outcomes, report = parallel._clean_shared(chunk, {})
    finally:
        scan.claim_with(None)
    assert report.unchanged == (1, 2) and [o.line for o in outcomes[1:]] == [b"", b""]
    assert b"By Jane Doe" not in outcomes[0].line
    taken = parallel.Shared(1).take((outcomes, report), chunk)
    assert [o.line for o in taken[1:]] == [raw for _, raw in chunk[1:]] and taken[2].problem is not None
