"""Generic clutter shapes found by the quality audit (issue #3), each with traps that must survive.

Every example is invented: the rules describe shapes that recur across sites
(readers' comments, comment forms, newsletter prompts, credit lines), so the
tests use made-up sites, names and headlines, plus prose of the same shape
that is real content.
"""

from __future__ import annotations

import pytest

import declutter

HEADLINE = "Harbour bus lanes to stay for another year"
BODY = ["The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year.",
        "Officials said the cost of the project had risen by almost a third since the first estimate was published.",
        "Residents who spoke at the meeting were divided, with shop owners warning that deliveries would suffer."]
PROSE = ("Engineers expect the work to begin in the spring, once the ground has thawed and the contracts are "
         "signed, and they say the first section of the lane could open before the summer holidays begin. "
         "The rest will follow in the autumn.")
TAIL = ["The mayor is expected to sign the order on Friday, her office said in a short statement.",
        "A second vote on the northern section will take place in March, after a public consultation.",
        "Bus operators welcomed the decision and said they would add two routes in the new year.",
        "Cyclists asked for a separate lane, which the council said it would study before the summer."]
COMMENT = ("I have lived on the harbour road for thirty years and these lanes have made my mornings far worse, "
           "so I hope the council listens to us this time.")


def doc(*blocks: str) -> str:
    return "\n\n".join(blocks) + "\n"


def reasons(text: str) -> set[str]:
    return {r.reason for r in declutter.clean_and_explain(text).removals}


# --- readers' comments opened early, with evidence ---------------------------------------------------------

@pytest.mark.parametrize(("heading", "stamp"), [
    ("2 Comments", "Jane Roe August 17, 2019 - 2:19 pm"),
    ("Top Rated Comments", "3 days ago at 07:52 am"),
    ("Comments", "harbourfan says:"),
    ("Reader comments (14)", "Tom Smith 12/03/2019 at 18:04"),
])
def test_comments_heading_with_a_stamp_opens_the_comments_anywhere_after_prose(heading: str, stamp: str) -> None:
    text = doc(HEADLINE, *BODY, PROSE, heading, stamp, COMMENT, "Reply", *TAIL)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(HEADLINE, *BODY, PROSE)
    assert "promo.comments" in {r.reason for r in result.removals}


def test_responses_heading_quoting_the_headline_opens_the_comments() -> None:
    text = doc(HEADLINE, *BODY, PROSE, f"17 responses to “{HEADLINE}”", COMMENT, *TAIL)
    assert declutter.clean(text) == doc(HEADLINE, *BODY, PROSE)


def test_comment_counter_near_the_byline_is_not_the_comments() -> None:
    # A counter and a date at the top are a byline area: no prose before them.
    text = doc(HEADLINE, "12 Comments", "November 19, 2019 at 12:28 pm", *BODY, PROSE, *TAIL)
    assert "promo.comments" not in reasons(text)
    assert all(p in declutter.clean(text) for p in (*BODY, PROSE, *TAIL))


def test_comments_heading_without_evidence_keeps_the_rest_of_the_article() -> None:
    text = doc(HEADLINE, *BODY, PROSE, "Comments", *TAIL, "The vote is due on 12/03/2019, officials said.")
    assert "promo.comments" not in reasons(text)
    text = doc(HEADLINE, *BODY, "17 responses to “A different story”", PROSE, *TAIL)
    assert "promo.comments" not in reasons(text)


def test_a_dated_line_in_prose_is_not_a_comment_stamp() -> None:
    # "Comments" as a word in a heading of the article, then a sentence holding a date and time.
    text = doc(HEADLINE, *BODY, PROSE, "Comments",
               "On November 19, 2019 at 12:28 pm the first bus used the lane, and drivers said the trip took "
               "half as long as before.", *TAIL)
    assert "promo.comments" not in reasons(text)
