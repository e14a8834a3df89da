"""Generic clutter shapes found by the quality audit (issue #3), each with traps that must survive.

Every example is invented: the rules describe shapes that recur across sites
(readers' comments, comment forms, newsletter prompts, credit lines), so the
tests use made-up sites, names and headlines, plus prose of the same shape
that is real content.
"""

from __future__ import annotations

import pytest

import declutter
from tests.articles import BODY as ARTICLE
from tests.articles import PROSE

HEADLINE = "Harbour bus lanes to stay for another year"
BODY = list(ARTICLE[:3])
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
    ("Comments", "harbourfan says:\n\n3 days ago"),  # the name, then when: "says:" alone is no evidence
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


@pytest.mark.parametrize(("heading", "stamp"), [
    ("Reactions", "The mayor said:"),
    ("Reactions", "Opposition leader Jane Roe wrote:"),
    ("Responses", "The bus operators' union replied:"),
    ("Replies", "The minister says:"),
    ("Comments", "A spokesman for the ministry said:"),
])
def test_a_reactions_section_quoting_people_is_not_the_comments(heading: str, stamp: str) -> None:
    # News articles have "Reactions" sections that open with "X said:" and a quote; a
    # "says:" line alone is no evidence of readers' comments (their stamps carry a date).
    quote = "“This is a great day for the harbour and for everyone who uses the buses,” she told the chamber."
    text = doc(HEADLINE, *BODY, PROSE, heading, stamp, quote, *TAIL)
    assert "promo.comments" not in reasons(text)
    assert all(p in declutter.clean(text) for p in (stamp, quote, *TAIL))


def test_a_dated_line_in_prose_is_not_a_comment_stamp() -> None:
    # "Comments" as a word in a heading of the article, then a sentence holding a date and time.
    text = doc(HEADLINE, *BODY, PROSE, "Comments",
               "On November 19, 2019 at 12:28 pm the first bus used the lane, and drivers said the trip took "
               "half as long as before.", *TAIL)
    assert "promo.comments" not in reasons(text)


# --- one-line clutter: comment forms, newsletter and subscription prompts, leaked markup ---------------------

@pytest.mark.parametrize(("line", "reason"), [
    ("Your email address will not be published. Required fields are marked *", "chrome.ui"),
    ("Save my name, email, and website in this browser for the next time I comment.", "chrome.ui"),
    ("Please log in using one of these methods to post your comment:", "chrome.ui"),
    ("You must be logged in to leave a comment. Not a member? Register now!", "chrome.ui"),
    ("We've detected you are using an outdated browser. For the best Gazette experience, please update.", "chrome.ui"),
    ('<img height="1" width="1" style="display:none" src="https://pixel.example.net/p?c1=2&amp;c2=99">', "chrome.ui"),
    ("https://cdn.example.org/images/2020/harbour-bus-lane-500x250.jpg", "chrome.ui"),
    ('[button link="https://example.org/tips" type="big"] Send us YOUR tips[/button]', "chrome.ui"),
    ("Get the morning's top stories delivered to your inbox every day by signing up for our newsletter.",
     "promo.line"),
    ("Get Harbour Weekly delivered through your letterbox every month. 12 issues for £9.99.", "promo.line"),
    ("Get breaking news alerts and special reports. The stories that matter, delivered weekday mornings.",
     "promo.line"),
    ('Want more boats? Subscribe to our sister title "Harbour Life" for the latest news from the docks!',
     "promo.line"),
    ("There was a problem subscribing you to the newsletter. Double check your email and try again.", "promo.line"),
    ("By subscribing, you agree to our terms of use and privacy policy.", "promo.line"),
    ("Also on example.com Ferry strike called off after late-night talks", "promo.line"),
    ("Follow AP's full coverage of the harbour elections at https://example.org/harbour", "promo.line"),
    ("Filed under: Politics, Harbour, Buses", "promo.line"),
    ("Filed under politics , harbour , buses", "promo.line"),
    ("Note: Comments are moderated and may take a day to appear.", "chrome.ui"),
    ("Email: jane.roe@example.org", "byline.contact"),
    ("Phone: +41 41 544 78 00", "byline.contact"),
    ("Twitter: @janeroe", "byline.contact"),
    ("Photo by Jane Roe/Getty Images", "caption.credit_line"),
    ("Reporting by Jane Roe; Editing by John Doe", "byline.credits"),
    ("Jane Roe can be reached at jane.roe@example.org", "byline.contact"),
])
def test_one_line_clutter_goes_and_the_article_stays(line: str, reason: str) -> None:
    text = doc(HEADLINE, BODY[0], line, BODY[1], BODY[2])
    result = declutter.clean_and_explain(text)
    assert result.text == doc(HEADLINE, *BODY)
    assert [r.reason for r in result.removals] == [reason]


@pytest.mark.parametrize("line", [
    # Same words, real content: sentences about inboxes, subscriptions, browsers, pictures and markup.
    "Gmail now sorts the mail delivered to your inbox by how urgent it looks, the company said on Monday.",
    "Have you ever had a scam message sent to your inbox? Here is what to do next.",
    "Have a look at the documents sent to your email before the hearing, the judge told the lawyers.",
    "Receive the results sent to your email within three days, the clinic promised its patients.",
    "Get your groceries delivered to your door within the hour, the company promises its customers.",
    "Filed under the Freedom of Information Act, the request was denied in March.",
    "Please note: comments made at the hearing will be published in the minutes.",
    "Twitter: the company said it would appeal the ruling.",
    "Email: the most common way scammers reach their victims.",
    "Contact: none, according to the ship's log.",
    "Photo by photo, the exhibition traces the harbour's history from the first pier to the new lanes.",
    "Reporting by the Gazette found that the lanes were blocked by parked vans on most mornings.",
    "Jane Doe can be reached at the harbour office most mornings, her colleagues said.",
    "The council said residents would get the new timetable delivered to their door before the summer.",
    "Subscribers to our sister title complained that the price had doubled in two years, the report found.",
    "Readers who want to comment must be logged in, a rule the editors introduced after a flood of spam.",
    "The photo, posted as harbour.jpg on the council's website, showed the lane before the markings were painted.",
    "Use the <img> tag with an alt attribute, the accessibility guide says, so screen readers can describe it.",
    '<div class="container">',  # a tutorial's code line: layout tags are not taken for leaked markup
    '<p>Hello, world!</p>',
    "Also on the agenda: the harbour master's report and a vote on mooring fees for the winter season.",
    "Follow the money, the auditor told the committee, and you will find where the overruns began.",
    "By subscribing to the bond issue, the pension fund agreed to hold the debt for at least ten years.",
])
def test_same_words_in_prose_stay(line: str) -> None:
    text = doc(HEADLINE, BODY[0], line, BODY[1], BODY[2])
    assert declutter.clean(text) == text


@pytest.mark.parametrize("text", [
    "O governo anunciou nesta segunda-feira um novo plano para as estradas do estado, com obras em dez cidades.\n\n"
    "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *\n",
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nach einer langen Debatte über die neuen Busspuren.\n\n"
    "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert\n",
    "Le conseil municipal a voté mardi le budget de la ville, après un long débat sur les nouvelles voies de bus.\n\n"
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *\n",
])
def test_comment_form_lines_in_other_languages(text: str) -> None:
    result = declutter.clean_and_explain(text)
    assert [r.reason for r in result.removals] == ["chrome.ui"]
    assert result.text == text.split("\n\n", maxsplit=1)[0] + "\n"


# --- tag lists, meta lines, stamps, notices, teasers, affiliate disclosures ------------------------------------

@pytest.mark.parametrize(("lines", "reasons"), [
    (["Tags", "bus lanes, harbour road, city council"], ["chrome.tags", "chrome.tags"]),
    (["Tags: budget, harbour, transport"], ["chrome.tags"]),
    (["12/03/2020 - Posted by: Jane Roe - Category: Transport - Tags: buses"], ["chrome.ui"]),
    (["Tuesday, March 3, 2020 at 4:02 pm"], ["byline.timestamp"]),
    (["2020-03-03T16:02:11+01:00"], ["byline.timestamp"]),
    (["This copy is for your personal, non-commercial use only. To order copies, visit our reprints page."],
     ["chrome.ui"]),
    (["As you comment, please be respectful of other readers and stay on topic."], ["chrome.ui"]),
    (["Comments are moderated and may take a day to appear."], ["chrome.ui"]),
    (["An error has occurred, please try again later."], ["chrome.ui"]),
    (["Ferry strike called off after late-night talks [VIDEO]"], ["promo.line"]),
    (["The Gazette may earn a commission if you buy something through links on this page."], ["promo.affiliate"]),
    (["If you buy something through this post, the Gazette may get a share of the sale."], ["promo.affiliate"]),
    (["This post may contain affiliate links. Please see our disclosure page."], ["promo.affiliate"]),
    (["More AP transport news: https://example.org/transport"], ["promo.line"]),
])
def test_clutter_lines_go(lines: list[str], reasons: list[str]) -> None:
    text = doc(HEADLINE, *BODY, PROSE, *lines, *TAIL)
    result = declutter.clean_and_explain(text)
    assert result.text == doc(HEADLINE, *BODY, PROSE, *TAIL)
    assert [r.reason for r in result.removals] == reasons


@pytest.mark.parametrize("lines", [
    ["Topics", "Bus lanes and harbour roads."],
    ["The category: fiction - tags: none of the judges liked it, she said in her speech."],
    ["March 3, 2020"],  # a timeline's date heading has no time of day
    ["On March 3, 2020 at 4:02 pm the first bus used the lane, drivers said."],
    ["Comments made by the minister will be published in full next week."],
    ["Amazon said creators may earn a commission of up to 10 percent on sales, the company said."],
    ["The mayor showed a video of the ferry [VIDEO] at the meeting, and the crowd cheered loudly when it ended."],
])
def test_same_shape_content_stays(lines: list[str]) -> None:
    text = doc(HEADLINE, *BODY, PROSE, *lines, *TAIL)
    assert declutter.clean(text) == text


def test_a_sentence_after_a_tags_label_is_not_a_tag_list() -> None:
    sentence = "The council will decide the tags for the new buses on Monday, she said."
    result = declutter.clean_and_explain(doc(HEADLINE, *BODY, PROSE, "Tags", sentence, *TAIL))
    assert sentence in result.text
    assert "chrome.tags" not in {r.reason for r in result.removals}


@pytest.mark.parametrize("caption", [
    "Passengers board the first ferry of the season in MayCredit: Harbour Times",
    "The new terminal is displayed outside the harbour office in Portsmouth.Reuters",
    "The mayor speaks at the harbour on Tuesday, March 3, 2020. (Harbour TV via AP)",
    "A ferry leaves the harbour at dawn on March 3, 2020. Jane ROE / AFP",
    "The mayor speaks with a driver in Portsmouth. Photo: Jane Roe, AP / Copyright 2020 The Associated Press.",
    "The core of the new terminal, seen from the pier. (credit: Harbour Board/Jane Roe)",
    "The old lighthouse, installation views, photos © Jane Roe, 2020",
])
def test_credited_captions_go(caption: str) -> None:
    result = declutter.clean_and_explain(doc(HEADLINE, *BODY, caption, PROSE))
    assert result.text == doc(HEADLINE, *BODY, PROSE)
    assert [r.reason for r in result.removals] == ["caption.credited"]


@pytest.mark.parametrize("prose", [
    "The harbour master said the figures were wrong, she told Reuters.",
    "He moved to the city in 2019. She works for AP.",
    "Ticket prices rose by a third in May, according to the harbour board and the operators.",
    "The painter signed the canvas with a small © and the year, a habit she kept all her life.",
])
def test_prose_naming_agencies_stays(prose: str) -> None:
    text = doc(HEADLINE, *BODY, prose, PROSE)
    assert declutter.clean(text) == text
