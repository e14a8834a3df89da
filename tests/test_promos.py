"""promos: sections to the end or until prose resumes; inline promos alone."""

from __future__ import annotations

import pytest

import declutter
from declutter.filters.promos import Reason, line_reason, patterns_for
from tests.articles import BODY as ARTICLE
from tests.articles import PROSE

BODY = list(ARTICLE[:3])
PATS = patterns_for("en")


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("heading", [
    "More from Foreign Policy", "Related", "Related:", "Related stories", "Read more", "Read next", "Recommended",
    "You may also like", "You might also like", "Most popular", "MOST READ", "More from The Gazette »",
])
def test_section_headings(heading: str) -> None:
    assert line_reason(heading, PATS) is Reason.HEADING


@pytest.mark.parametrize(("text", "reason"), [
    ("Related: Council approves new budget for schools", Reason.INLINE),
    ("READ MORE: Five things to know about the flood", Reason.INLINE),
    ("Read more: Why bus lanes matter", Reason.INLINE),
    ("Sign up for our newsletter", Reason.LINE),
    ("Sign up for our daily newsletter to get the best stories every morning.", Reason.LINE),
    ("Subscribe", Reason.LINE),
    ("Share this article", Reason.LINE),
    ("12 comments", Reason.LINE),
    ("Advertisement", Reason.LINE),
])
def test_promo_lines(text: str, reason: Reason) -> None:
    assert line_reason(text, PATS) is reason


@pytest.mark.parametrize("text", [
    "More from the interview is below, and it is long enough to be a sentence about the talks.",
    "Related questions about the budget will be answered at the next meeting, the mayor said.",
    "Residents said they would subscribe to any plan that kept the buses running on time.",
    "She shared the article with colleagues before the meeting began.",
    "Most popular among the proposals was a plan to plant trees along the road.",
])
def test_prose_is_not_a_promo(text: str) -> None:
    assert line_reason(text, PATS) is None
    assert declutter.clean(doc(BODY[0], text, BODY[1])) == doc(BODY[0], text, BODY[1])


def test_section_runs_to_the_end_when_no_prose_follows() -> None:
    teasers = ["Russians Are Unraveling Before Our Eyes",
               "A wave of fresh humiliations has the Kremlin struggling to control the narrative.",
               "The Battle for Eurasia"]
    result = declutter.clean_and_explain(doc(*BODY, "More from Foreign Policy", *teasers))
    assert result.text == doc(*BODY)
    assert [r.reason for r in result.removals] == ["promo.heading"] + ["promo.section"] * 3


def test_section_stops_where_prose_resumes() -> None:
    text = doc(BODY[0], "Related", "Council approves new budget", "Five things to know about the flood",
               "The short paragraph that follows is kept because it is a sentence.", PROSE, BODY[1])
    expected = doc(BODY[0], "The short paragraph that follows is kept because it is a sentence.", PROSE, BODY[1])
    assert declutter.clean(text) == expected


SPECS = ["- OS: Windows 10 version 18362.0 or higher", "- Processor: Intel i5-8400 or AMD Ryzen 5 1500X",
         "- Memory: 16 GB RAM", "- DirectX: Version 12", "- Network: Broadband Internet connection",
         "- Storage: 110 GB available space"]


def test_section_stops_where_a_spec_sheet_begins() -> None:
    # A store page: "Recommended:" (promo vocabulary) heads the game's recommended requirements, and no prose follows.
    text = doc(*BODY, "Minimum:", *SPECS, "Recommended:", "- Requires a 64-bit processor", *SPECS)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(*BODY, "Minimum:", *SPECS, *SPECS)
    assert [r.reason for r in result.removals] == ["promo.heading", "promo.section"]


def test_kicker_headlines_are_teasers_not_a_spec_sheet() -> None:
    # "Label: value" headlines, with figures, but long values: a teaser list, removed to the end as before.
    teasers = ["UK weather forecast: Terrifying map shows COLLAPSED polar vortex freezing UK in December",
               "Flights: Passengers can fly for up to 80 percent less by travelling on this day",
               "Royal wedding 2020: Will Princess Beatrice be allowed to wear a royal tiara?",
               "Iran protests: At least 106 dead in violent clashes as Tehran reaches boiling point"]
    assert declutter.clean(doc(*BODY, "Most popular", *teasers)) == doc(*BODY)


def test_field_lines_without_figures_stay_teasers() -> None:
    teasers = ["Ask the Experts: Five Ways to Help", "Cues to Care: A Garden That Looks Cultivated",
               "Yes, Deer: How to Live With a Garden Foe"]
    assert declutter.clean(doc(*BODY, "Related stories", *teasers)) == doc(*BODY)


def test_inline_promo_removes_only_its_line() -> None:
    text = doc(BODY[0], "Related: Council approves new budget for schools", BODY[1])
    result = declutter.clean_and_explain(text)
    assert result.text == doc(BODY[0], BODY[1])
    assert [(r.reason, r.index) for r in result.removals] == [("promo.inline", 1)]


def test_tabloid_short_paragraphs_end_a_mid_article_section() -> None:
    shorts = ["Authorities in the west of the country instituted a quarantine to stop the disease spreading.",
              "Tourists from six countries were marooned in the town as a result of the closure.",
              "Plague is caused by a bacteria usually found in small mammals and their fleas.",
              "Nowadays the disease is easily treated with antibiotics if it is caught early."]
    text = doc(BODY[0], "Most read in world news", "SCORES QUARANTINED Tourists Trapped [PICTURES]",
               "Holidaymakers die after eating marmot [INSIGHT]", *shorts)
    assert declutter.clean(text) == doc(BODY[0], *shorts)


@pytest.mark.parametrize(("text", "reason"), [
    ("Top Rated Comments", Reason.LINE),
    ("Loading comments...", Reason.LINE),
    ("Leave a Reply", Reason.LINE),
    ("Want to join the discussion?", Reason.LINE),
    ("Filed under: Politics |", Reason.LINE),
    ("Like this story? Share it with a friend!", Reason.LINE),
    ("[Related: Salesforce Dreamforce Keynote: AI, Integration]", Reason.INLINE),
    ("Related post: Pickled Brussels Sprouts Recipe", Reason.INLINE),
    ("SEE MORE: Hong Kong protests: 800 students under siege", Reason.INLINE),
    ("Most read in world news", Reason.HEADING),
])
def test_comment_and_more_promo_lines(text: str, reason: Reason) -> None:
    assert line_reason(text, PATS) is reason


def test_readers_comments_run_to_the_end_from_the_second_half() -> None:
    comments = ["34 responses to “Council backs the bus lanes”",
                "Milan Griffes on September 12, 2018 at 4:47 pm said:",
                "This is a long comment from a reader who disagrees with the whole plan and explains why at length, "
                "with several sentences of prose. It should go with the rest of the comments.", "Reply"]
    text = doc(*BODY, PROSE, *comments)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(*BODY, PROSE)
    assert {r.reason for r in result.removals} <= {"promo.comments", "chrome.ui"}
    assert [r.reason for r in result.removals][:3] == ["promo.comments"] * 3


def test_comment_author_line_opens_the_comments() -> None:
    text = doc(*BODY, PROSE, "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", "Hi Milan, thanks.")
    assert declutter.clean(text) == doc(*BODY, PROSE)


def test_comments_heading_in_the_first_half_is_not_a_section() -> None:
    text = doc(BODY[0], "12 responses to “Council backs the bus lanes”", BODY[1], BODY[2], PROSE, BODY[0] + " Again.")
    assert "promo.comments" not in {r.reason for r in declutter.clean_and_explain(text).removals}
