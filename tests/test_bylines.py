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


PL = patterns_for("pl")
PL_LEAD = ("Radni z Krakowa spotkali się w poniedziałek, aby omówić nowy plan budowy linii tramwajowej przez "
           "centrum miasta. Łącznie trzy dzielnice mają zyskać nowe przystanki do końca przyszłego roku.")
PL_MORE = ("Prezydent miasta zapowiedział, że pierwsze prace ruszą wiosną, a mieszkańcy będą mogli zgłaszać uwagi "
           "do projektu przez cały miesiąc. Koszt inwestycji oszacowano na miliard złotych.")
PL_END = ("Opozycja w radzie zapowiada, że będzie domagać się dokładnych wyliczeń kosztów utrzymania nowej linii, "
          "zanim ruszą przetargi. Głosowanie zaplanowano na czerwiec.")
PL_LAST = ("Mieszkańcy Podgórza od lat czekają na szybkie połączenie z centrum, dlatego wielu z nich z ulgą przyjęło "
           "te zapowiedzi. Część obawia się jednak hałasu.")


@pytest.mark.parametrize("text", ["Napisał Jan Kowalski", "Napisała Anna Nowak-Wiśniewska", "Rozmawiała Anna Nowak",
                                  "Rozmawiał: Jan Kowalski", "Opracował Jan Kowalski", "Opracowała PAP",
                                  "Autor tekstu: Jan Kowalski", "Tekst i zdjęcia: Anna Nowak"])
def test_polish_bylines_without_a_label(text: str) -> None:
    assert line_reason(text, PL) is Reason.BYLINE


@pytest.mark.parametrize("text", ["Napisał Mickiewicz w liście do brata, że wróci.", "Napisał do nas Jan Kowalski",
                                  "Rozmawiała z nim Anna Nowak.", "Opracował go Jan Kowalski z Gdańska.",
                                  "Napisał Jan Kowalski w swojej książce o Krakowie.", "Rozmawiali długo"])
def test_polish_sentences_that_open_with_a_byline_verb_stay(text: str) -> None:
    assert line_reason(text, PL) is None


@pytest.mark.parametrize("signature", ["Jan Kowalski, dziennikarz Onetu", "Anna Nowak, redaktorka naczelna",
                                       "Jan Kowalski, korespondent RMF FM w Brukseli"])
def test_polish_name_and_role_is_a_byline_at_the_head_or_tail(signature: str) -> None:
    head = declutter.clean_and_explain(doc("Nowy plan dla Krakowa", signature, PL_LEAD, PL_MORE, PL_END),
                                       declutter.Config(lang="pl"))
    tail = declutter.clean_and_explain(doc(PL_LEAD, PL_MORE, PL_END, signature), declutter.Config(lang="pl"))
    assert [(r.reason, r.text) for r in head.removals] == [("byline.byline", signature)]
    assert [(r.reason, r.text) for r in tail.removals] == [("byline.byline", signature)]


def test_polish_name_and_role_stays_in_the_middle_in_an_announced_list_and_in_prose() -> None:
    middle = doc(PL_LEAD, PL_MORE, PL_END, "Jan Kowalski, dziennikarz Onetu", PL_LAST, "Tak.", "Nie.", "Może.")
    announced = doc("Nowy plan dla Krakowa", "W debacie udział wzięli:", "Jan Kowalski, dziennikarz Onetu",
                    "Anna Nowak, redaktorka naczelna", PL_LEAD, PL_MORE)
    prose = doc("Jan Kowalski, dziennikarz Onetu, napisał w poniedziałek, że plan jest gotowy.", PL_LEAD, PL_MORE)
    for text in (middle, announced, prose):
        assert declutter.clean(text, declutter.Config(lang="pl")) == text


def test_english_name_and_role_at_the_head_goes_but_not_in_a_speakers_list() -> None:
    body = doc(*BODY)
    assert declutter.clean(doc("Jane Doe, staff writer", *BODY)) == body
    listed = doc("The panel:", "Jane Doe, staff writer", "John Roe, senior editor", *BODY)
    assert declutter.clean(listed) == listed


LIVE_BLOG = [
    "Storm live: harbour road closed",
    "November 19, 2019 at 10:32 am",
    "Police have closed the harbour road after waves flooded the lower lanes this morning.",
    "November 19, 2019 at 11:05 am",
    "The ferry company says all crossings are cancelled until the wind drops this evening.",
    "November 19, 2019 at 11:40 am",
    "Schools along the coast will close early, the council has told parents in a letter.",
    "Sign up for our newsletter",
]


def test_times_of_a_live_blog_stay() -> None:
    result = declutter.clean_and_explain(doc(*LIVE_BLOG))
    assert result.text == doc(*LIVE_BLOG[:-1])
    assert [r.reason for r in result.removals] == ["promo.line"]  # the clutter around the entries still goes


def test_times_of_a_changelog_stay() -> None:
    log = ["Changes", "2019-11-19 10:32", "Fixed the crash when a page held no paragraphs at all.",
           "2019-11-12 09:15", "Added a setting that keeps the first copy of each caption.",
           "2019-11-05 16:40", "Sped up the cleaning of very long lines by a third."]
    assert declutter.clean(doc(*log)) == doc(*log)


def test_a_lone_timestamp_and_the_dates_of_a_teaser_list_still_go() -> None:
    lone = declutter.clean_and_explain(doc("November 19, 2019 at 10:32 am", *BODY))
    assert [r.reason for r in lone.removals] == ["byline.timestamp"]
    teasers = [line for n in range(3) for line in (f"Harbour Story Number {n} Headline", f"20 Nov 2019, {n + 1}:42am")]
    listed = declutter.clean_and_explain(doc(*BODY, *teasers))
    assert [r.text for r in listed.removals if r.reason == "byline.timestamp"] == teasers[1::2]
    two = declutter.clean_and_explain(doc(*LIVE_BLOG[:5]))  # only two entries: no run
    assert [r.reason for r in two.removals] == ["byline.timestamp", "byline.timestamp"]
