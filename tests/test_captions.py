"""captions: credited captions and credit lines go; prose that mentions an agency stays."""

from __future__ import annotations

from dataclasses import replace

import pytest

import declutter
from declutter import Block, Config
from declutter.filters.captions import Reason, classify

BODY = "The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year."


@pytest.mark.parametrize(("text", "reason"), [
    ("ORENBURG, RUSSIA- SEPTEMBER 19: Putin talks to officers. (Photo by Sasha Mordovets/Getty Images)",
     Reason.CREDITED),
    ("President Biden speaks in the Rose Garden. (AP Photo/Evan Vucci)", Reason.CREDITED),
    ("Firefighters work at the scene in Lisbon, Portugal, July 12, 2022. REUTERS/Pedro Nunes", Reason.CREDITED),
    ("Demonstrators gather outside parliament. Photograph: Leon Neal/Getty Images", Reason.CREDITED),
    ("A lorry on the bridge. (Sasha Mordovets/Getty Images)", Reason.CREDITED),
    ("FILE - In this Sept. 2, 2019, file photo, workers repair a road in Miami.", Reason.FILE_PHOTO),
    ("Photo credit: Sasha Mordovets/Getty Images", Reason.CREDIT_LINE),
    ("Image: AP", Reason.CREDIT_LINE),
    ("Credit: Reuters", Reason.CREDIT_LINE),
    ("Photograph: Leon Neal", Reason.CREDIT_LINE),
    ("Sasha Mordovets/Getty Images", Reason.CREDIT_LINE),
    ("Getty Images", Reason.CREDIT_LINE),
    ("Photo by Jane Roe on Unsplash", Reason.CREDIT_LINE),
])
def test_captions_and_credits_are_recognised(text: str, reason: Reason) -> None:
    assert classify(Block(0, text), Config()) is reason


@pytest.mark.parametrize("text", [
    "Speaking in Berlin, Merkel warned of mass killings, Reuters reported her as saying.",
    "“The reality is Russia has done nothing against ISIS,” said a diplomat, according to AFP.",
    "Getty Images reported a rise in licensing revenue for the third quarter in a row.",
    "The photographer, who has worked for Reuters and the AP, said the image was not staged.",
    "British Prime Minister David Cameron told CBS This Morning that it would not work.",
    "He took the photo by the river before sunrise, when the light was still grey.",
    "Image quality has improved a lot since the first cameras were put on phones.",
])
def test_prose_mentioning_agencies_is_not_a_caption(text: str) -> None:
    assert classify(Block(0, text), Config()) is None
    assert declutter.clean(f"{BODY}\n\n{text}\n") == f"{BODY}\n\n{text}\n"


def test_all_copies_removed_by_default_and_first_kept_with_keep_captions() -> None:
    cap = "President Biden speaks in the Rose Garden. (AP Photo/Evan Vucci)"
    text = f"{cap}\n{cap}\n{cap}\n\n{BODY}\n"
    assert declutter.clean(text) == f"{BODY}\n"
    kept = declutter.clean_and_explain(text, replace(Config(), keep_captions=True))
    assert kept.text == f"{cap}\n\n{BODY}\n"
    assert [r.reason for r in kept.removals] == ["duplicate.exact", "duplicate.exact"]


def test_keep_captions_still_removes_credit_lines() -> None:
    text = f"{BODY}\n\nPhoto credit: Sasha Mordovets/Getty Images\n"
    assert declutter.clean(text, replace(Config(), keep_captions=True)) == f"{BODY}\n"


def test_figcaption_element_hint() -> None:
    assert classify(Block(0, "A view of the harbour.", tag="figcaption"), Config()) is Reason.ELEMENT
    assert classify(Block(0, "A view of the harbour.", tag="p"), Config()) is None
