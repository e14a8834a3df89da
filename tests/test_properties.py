"""The promises, property-tested with hypothesis on documents that plant content and clutter everywhere.

Test names say the promise they check (``bench/mutants.py`` relies on it):
``test_keeps_content_*``, ``test_removes_clutter_*``, ``test_idempotent_*``,
``test_accounts_*`` and ``test_deterministic_*``.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

import declutter
from declutter import replay, split_text
from tests.articles import BODY, PROSE
from tests.strategies import BIOS, CAPTIONS, Planted, clean_documents, cluttered_documents, planted

#: A bio is removed only in the tail: here it reaches the tail once the lines after it are gone,
#: which takes a second pass of the filters.
BIO_BEHIND_CLUTTER = planted((BODY[0], "content"), (PROSE, "content"), (BIOS[0], "bio"),
                             ("Copyright 2019 The Gazette. All rights reserved.", "copyright"),
                             ("Twitter: @janedoe", "contact"), ("5 min read", "reading time"),
                             ("Advertisement", "inline promo"))
#: Prose resumes after a teaser list: only the heading and the teasers go.
PROSE_AFTER_TEASERS = planted((BODY[0], "content"), ("Related stories", "promo heading"),
                              ("The Battle for Eurasia", "teaser"), (PROSE, "content"), ("Stir well.", "content"),
                              ("- Two cups of flour (sifted)", "content"))
#: Content of other shapes among clutter: lines ending with a bracket, a line cut short on purpose.
SHAPES_AMONG_CLUTTER = planted(("By Jane Doe", "byline"), ("Serves four (or two hungry adults)", "content"),
                               (CAPTIONS[0], "caption"), ("Then the lights went out…", "content"),
                               ("Q: Did you see the water rise?", "content"), ("Related: Other story", "inline promo"),
                               ("A: Yes, it came up the steps within an hour.", "content"))


def block_texts(text: str) -> list[str]:
    return [b.text for b in split_text(text).blocks]


def removed_indices(doc: Planted) -> set[int]:
    result = declutter.clean_and_explain(doc.text)
    return {r.index for r in result.removals}


@given(cluttered_documents())
@settings(max_examples=300, deadline=None)
@example(BIO_BEHIND_CLUTTER)
@example(PROSE_AFTER_TEASERS)
def test_idempotent(doc: Planted) -> None:
    once = declutter.clean(doc.text)
    assert declutter.clean(once) == once


@given(cluttered_documents())
@settings(max_examples=300, deadline=None)
@example(PROSE_AFTER_TEASERS)
@example(SHAPES_AMONG_CLUTTER)
def test_keeps_content_every_planted_block_survives(doc: Planted) -> None:
    gone = removed_indices(doc)
    lost = [(i, doc.roles[i], text) for i, text in enumerate(block_texts(doc.text))
            if i in gone and doc.roles[i] == "content"]
    assert not lost, f"content removed: {lost}"
    assert block_texts(declutter.clean(doc.text)) == doc.content


@given(cluttered_documents())
@settings(max_examples=300, deadline=None)
@example(BIO_BEHIND_CLUTTER)
@example(SHAPES_AMONG_CLUTTER)
def test_removes_clutter_planted_anywhere_at_the_claimed_rate(doc: Planted) -> None:
    """Every planted kind is one the filters claim to remove where it stands: the claimed rate is 100%."""
    gone = removed_indices(doc)
    planted_kinds = Counter(role for role in doc.roles if role != "content")
    left = Counter(doc.roles[i] for i in range(len(doc.roles)) if doc.roles[i] != "content" and i not in gone)
    rates = {kind: 1 - left[kind] / count for kind, count in planted_kinds.items()}
    assert not left, f"clutter left in place (removal rate per kind): {rates}"


@given(cluttered_documents())
@settings(max_examples=200, deadline=None)
@example(BIO_BEHIND_CLUTTER)
def test_accounts_for_every_removal(doc: Planted) -> None:
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
def test_keeps_content_of_every_shape_byte_for_byte(doc: Planted) -> None:
    assert declutter.clean(doc.text) == doc.text


@given(st.text())
@settings(max_examples=500, deadline=None)
@example("")
@example(" \n\t\r\n ")
@example("\r\r\n\n")
@example("By Jane Doe")
@example("Related\n")
@example("x…\nx")
def test_idempotent_and_keeps_content_on_any_text(text: str) -> None:
    once = declutter.clean(text)
    assert isinstance(once, str)
    assert declutter.clean(once) == once
    assert block_texts(once) == [t for t in block_texts(text) if t in set(block_texts(once))]


PIECES = ["a", "b", " ", ".", "…", "\n", "\r", "Related", "By ", "A", "(Photo: X)", "Stir well.", ": "]


@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
@settings(max_examples=500, deadline=None)
def test_deterministic_and_keeps_content_in_order_on_clutter_alphabet(text: str) -> None:
    first = declutter.clean_and_explain(text)
    assert declutter.clean_and_explain(text) == first
    out = iter(block_texts(text))
    assert all(any(t == o for o in out) for t in block_texts(first.text)), "output is not a subsequence"


def test_keeps_content_whitespace_only_and_empty_input_unchanged() -> None:
    for text in ["", " ", "\n", "\r\n\r\n", "  \t \n\n  "]:
        assert declutter.clean(text) == text


def test_keeps_content_lone_lead_paragraph() -> None:
    lead = ("Russian President Vladimir Putin says his growing military adventure in Syria is meant to put "
            "the hurt on the Islamic State.")
    for text in [lead, lead + "\n", lead + "\r\n", "\n\n" + lead + "\n\n"]:
        assert declutter.clean(text) == text


def test_keeps_content_crlf_and_missing_final_newline() -> None:
    text = "Title\r\n\r\nBy Jane Doe\r\n\r\nThe council met on Monday."
    assert declutter.clean(text) == "Title\r\n\r\nThe council met on Monday."


def test_deterministic_no_hidden_state_between_calls() -> None:
    lead = "The council voted on Tuesday to extend the bus lanes along the harbour road until next year."
    first = declutter.clean(f"{lead}\n")
    declutter.clean(f"{lead}\n{lead}\n")  # a document with a duplicate must not affect the next call
    assert declutter.clean(f"{lead}\n") == first == f"{lead}\n"
