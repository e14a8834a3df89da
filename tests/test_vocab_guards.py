"""Vocabulary guards: a look-ahead at the start of a fragment only states what the fragment needs.

A fragment that opens with a run of any characters (``[^\\n]{0,200}\\bfollow us on …``) costs a
step per character on every line it is tried on; a look-ahead before it (``(?=(?s-i:.{0,200}f)ollow
us on |…)``) lets ``re`` skip to the few places the fragment can match (see ``docs/performance.md``,
"Vocabulary cost"). Such a guard must never refuse a text the rest of the fragment matches: for every
guarded fragment of every language, texts drawn from the fragment without its guard must match with it.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from declutter.vocab import available_languages, fragments_for


def _group_end(text: str, start: int) -> int:
    """The index after the parenthesised group that opens at ``text[start]``."""
    depth, i = 0, start
    while True:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i += 2 if text[i + 1] == "^" else 1
            i += 1  # a "]" right after "[" or "[^" is a member
            while text[i] != "]":
                i += 2 if text[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


def _without_guard(fragment: str) -> str | None:
    """``fragment`` without the look-ahead it opens with (after an optional ``(?i:``), or None."""
    lead = "(?i:" if fragment.startswith("(?i:(?=") else ""
    if not fragment.startswith("(?=", len(lead)):
        return None
    return lead + fragment[_group_end(fragment, len(lead)):]


GUARDED = sorted({(fragment, body) for code in available_languages()
                  for fragments in fragments_for((code,)).values() for fragment in fragments
                  if (body := _without_guard(fragment)) is not None})


def test_the_vocabularies_have_guarded_fragments():
    assert len(GUARDED) >= 40
    assert _without_guard("(?i:(?=a(?:b|c))[^\\n]{0,9}ab)") == "(?i:[^\\n]{0,9}ab)"
    assert _without_guard("(?i:ab)") is None


@pytest.mark.parametrize(("fragment", "body"), GUARDED, ids=[body[:40] for _, body in GUARDED])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_a_guard_never_refuses_what_its_fragment_matches(fragment, body, data):
    text = data.draw(st.from_regex(re.compile(body), fullmatch=True))
    assert re.fullmatch(fragment, text), f"the guard of {fragment[:80]!r} refuses {text!r}"


def test_a_guard_that_forgets_a_word_is_caught():
    fragment = "(?i:(?=(?s-i:.{0,20}f)ollow us on )[^\\n]{0,20}\\b(?:follow|find) us on x)"
    assert not re.fullmatch(fragment, "Find us on X")
    assert re.fullmatch(_without_guard(fragment) or "", "Find us on X")
