"""bylines: bylines anywhere when alone in a block; bios only at the tail."""

from __future__ import annotations

import pytest

import declutter
from declutter.filters.bylines import Reason, line_reason, patterns_for
from tests.articles import BODY as ARTICLE

BODY = list(ARTICLE)
PATS = patterns_for("en")


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(("text", "reason"), [
    ("By Jane Doe", Reason.BYLINE),
    ("BY JANE DOE", Reason.BYLINE),
    ("By Jane Doe, Staff Writer", Reason.BYLINE),
    ("By Jane Doe and John Roe | Updated 5:32 PM ET, Tue September 29, 2015", Reason.BYLINE),
    ("By Jane Q. Doe Jr.", Reason.BYLINE),
    ("Written by Ahmed Khan", Reason.BYLINE),
    ("Twitter: @columlynch", Reason.CONTACT),
    ("Follow Jane Doe on Twitter", Reason.CONTACT),
    ("Jane Doe can be reached at jdoe@example.com.", Reason.CONTACT),
    ("jdoe@example.com", Reason.CONTACT),
    ("(Reporting by Jane Doe; editing by John Roe)", Reason.CREDITS),
    ("Additional reporting by Tom Baker in London", Reason.CREDITS),
    ("5 min read", Reason.READING_TIME),
    ("Reading time: 4 minutes", Reason.READING_TIME),
])
def test_byline_lines_recognised(text: str, reason: Reason) -> None:
    assert line_reason(text, PATS) is reason


@pytest.mark.parametrize("text", [
    "By Monday, the talks had collapsed.",
    "By the time the police arrived, the crowd had gone.",
    "By Jeff Bezos' standards, the gift was modest!",
    "By 2030 the city wants every bus to be electric.",
    "By contrast, the northern ports were quiet.",
    "Speaking in Berlin, Merkel warned of mass killings, Reuters reported her as saying.",
    "“The reality is Russia has done nothing against ISIS,” said a diplomat.",
    "(Reporting from the front line is dangerous work, the editor said.",
])
def test_prose_is_not_a_byline(text: str) -> None:
    assert line_reason(text, PATS) is None
    assert declutter.clean(doc(BODY[0], text, BODY[1])) == doc(BODY[0], text, BODY[1])


def test_byline_alone_in_a_block_removed_anywhere() -> None:
    text = doc(BODY[0], BODY[1], "By Jane Doe", BODY[2], BODY[3])
    assert declutter.clean(text) == doc(*BODY)


def test_bio_removed_at_tail_only() -> None:
    bio = "Jane Doe is a staff writer at The Gazette, where she covers city hall and transport."
    assert declutter.clean(doc(*BODY, bio)) == doc(*BODY)
    # The same sentence in the middle of an article is about someone: it stays.
    middle = doc(BODY[0], bio, BODY[1], BODY[2], BODY[3], BODY[0].replace("Tuesday", "Friday"))
    assert declutter.clean(middle) == middle


def test_bio_before_promo_section_is_at_the_tail() -> None:
    bio = "Colum Lynch was a staff writer at Foreign Policy between 2010 and 2022. Twitter: @columlynch"
    text = doc(*BODY, bio, "More from Foreign Policy", "The Battle for Eurasia", "A short dek about it.")
    result = declutter.clean_and_explain(text)
    assert result.text == doc(*BODY)
    assert result.removals[0].reason == "byline.bio"


def test_long_paragraph_about_a_writer_at_the_tail_stays() -> None:
    long_bio = ("Jane Doe was a staff writer at The Gazette for thirty years, and her reporting on the harbour "
                "scandal " + "led to inquiries, resignations and new laws, " * 12 + "which is why she is remembered.")
    assert declutter.clean(doc(*BODY, long_bio)) == doc(*BODY, long_bio)


@pytest.mark.parametrize(("text", "reason"), [
    ("Keith Bradsher contributed reporting from Hong Kong.", Reason.CREDITS),
    ("Associated Press writers Alan Fram and Zeke Miller contributed to this report.", Reason.CREDITS),
    ("With Post wires", Reason.CREDITS),
    ("Updated at 1:23 p.m.", Reason.TIMESTAMP),
    ("- Published 18 November 2019", Reason.TIMESTAMP),
    ("Last updated: Nov 20, 2019 10:12 IST", Reason.TIMESTAMP),
    ("Copyright 2019 Hawaii News Now. All rights reserved.", Reason.COPYRIGHT),
    ("© Reuters", Reason.COPYRIGHT),
    ("Follow NBC Latino on Facebook, Twitter and Instagram.", Reason.CONTACT),
    ("Have a tip? Amy Kuperinsky may be reached at akuperinsky@example.com.", Reason.CONTACT),
    ("Reach the reporters on Twitter at http://twitter.com/example", Reason.CONTACT),
])
def test_credit_timestamp_and_copyright_lines(text: str, reason: Reason) -> None:
    assert line_reason(text, PATS) is reason


@pytest.mark.parametrize("text", [
    "Updated figures show that the harbour lanes carried more buses than ever in November.",
    "Published in 1851, the novel sold fewer than three thousand copies in its author's lifetime.",
    "Copyright law has not kept up with the way music is shared online, the panel concluded.",
    "Reporters contributed to a fund for the family of the driver, who died in the crash.",
])
def test_prose_that_opens_like_metadata_stays(text: str) -> None:
    assert line_reason(text, PATS) is None


@pytest.mark.parametrize("text", ["(c) the council may delay the vote by one month.", "(c) Other costs",
                                  "© 2019 Reuters"])
def test_enumerated_item_c_is_not_a_copyright_line(text: str) -> None:
    expected = Reason.COPYRIGHT if text.startswith("©") else None
    assert line_reason(text, PATS) is expected


@pytest.mark.parametrize(("text", "reason"), [("X: @columlynch", Reason.CONTACT),
                                              ("x: the unknown in the equation", None),
                                              ("X: 5 points, Y: 3 points", None)])
def test_x_is_a_contact_label_only_before_a_handle(text: str, reason: Reason | None) -> None:
    assert line_reason(text, PATS) is reason
