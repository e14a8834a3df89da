"""The four promises, property-tested with hypothesis."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import declutter
from declutter import replay, split_text
from tests.strategies import Planted, clean_documents, cluttered_documents


def block_texts(text: str) -> list[str]:
    return [b.text for b in split_text(text).blocks]


@given(cluttered_documents())
@settings(max_examples=300, deadline=None)
def test_idempotent(doc: Planted) -> None:
    once = declutter.clean(doc.text)
    assert declutter.clean(once) == once


@given(cluttered_documents())
@settings(max_examples=300, deadline=None)
def test_content_kept_and_planted_clutter_removed(doc: Planted) -> None:
    # The output's blocks are exactly the planted content paragraphs, in order, unchanged.
    assert block_texts(declutter.clean(doc.text)) == doc.content


@given(cluttered_documents())
@settings(max_examples=200, deadline=None)
def test_every_block_is_output_or_removal(doc: Planted) -> None:
    result = declutter.clean_and_explain(doc.text)
    blocks = split_text(doc.text).blocks
    removed = {r.index for r in result.removals}
    assert len(removed) == len(result.removals), "a block was removed twice"
    for r in result.removals:
        assert blocks[r.index].text == r.text
        assert r.filter in declutter.FILTERS and r.reason
    kept = [b.text for b in blocks if b.index not in removed]
    assert block_texts(result.text) == kept
    assert replay(doc.text, result.removals) == result.text


@given(clean_documents())
@settings(max_examples=300, deadline=None)
def test_prose_passes_through_byte_for_byte(doc: Planted) -> None:
    assert declutter.clean(doc.text) == doc.text


@given(st.text())
@settings(max_examples=500, deadline=None)
@example("")
@example(" \n\t\r\n ")
@example("\r\r\n\n")
@example("By Jane Doe")
@example("Related\n")
@example("x…\nx")
def test_never_crashes_and_idempotent_on_any_text(text: str) -> None:
    once = declutter.clean(text)
    assert isinstance(once, str)
    assert declutter.clean(once) == once
    assert block_texts(once) == [t for t in block_texts(text) if t in set(block_texts(once))]


PIECES = ["a", "b", " ", ".", "…", "\n", "\r", "Related", "By ", "A", "(Photo: X)", "Stir well.", ": "]


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_deterministic_and_subsequence_on_clutter_alphabet(text: str) -> None:
    first = declutter.clean_and_explain(text)
    assert declutter.clean_and_explain(text) == first
    out = iter(block_texts(text))
    assert all(any(t == o for o in out) for t in block_texts(first.text)), "output is not a subsequence"


def test_whitespace_only_and_empty_input_unchanged() -> None:
    for text in ["", " ", "\n", "\r\n\r\n", "  \t \n\n  "]:
        assert declutter.clean(text) == text


def test_lone_lead_paragraph_kept() -> None:
    lead = ("Russian President Vladimir Putin says his growing military adventure in Syria is meant to put "
            "the hurt on the Islamic State.")
    for text in [lead, lead + "\n", lead + "\r\n", "\n\n" + lead + "\n\n"]:
        assert declutter.clean(text) == text


def test_crlf_and_missing_final_newline_preserved() -> None:
    text = "Title\r\n\r\nBy Jane Doe\r\n\r\nThe council met on Monday."
    assert declutter.clean(text) == "Title\r\n\r\nThe council met on Monday."


def test_no_hidden_state_between_calls() -> None:
    lead = "The council voted on Tuesday to extend the bus lanes along the harbour road until next year."
    first = declutter.clean(f"{lead}\n")
    declutter.clean(f"{lead}\n{lead}\n")  # a document with a duplicate must not affect the next call
    assert declutter.clean(f"{lead}\n") == first == f"{lead}\n"
