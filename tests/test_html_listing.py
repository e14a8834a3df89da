"""HTML mode on listing pages: the teasers rescue (``rescue.teasers``) gives a listing's items back.

A listing (a news section, a course catalogue, a job board, an award list)
shows its items as teasers: cards whose title links to the item's page. Its
text is mostly link text, so trafilatura's pick (the intro, or one item) can
look long against the page's text outside links while it misses the list.
"""

from __future__ import annotations

import pytest
from lxml.html import document_fromstring

from declutter.html import clean_html_and_explain
from declutter.html.assemble import _offers
from declutter.html.extract import REPEATED_SHARE, Offer, card_text, repeats_extraction, rescue, teaser_text, text_chars
from declutter.html.pagetype import PageType, PageTypeDecision, Signal

INTRO = ("Award-winning faculty and a global reputation: our certificate programs combine research with practical "
         "insight from industry, so that engineers and managers can solve problems and lead change at work. "
         "Choose a program below and read what it covers.")
TOPICS = ["Chief Digital Officer", "Chief Technology Officer", "Sustainability Leadership", "Product Management",
          "Machine Learning in Practice", "Biomanufacturing Processes", "Innovation and Technology Strategy",
          "Systems Engineering Foundations"]


def teaser(topic: str, cls: str = "field__item", extra: str = "") -> str:
    """A card wrapped in its link, as Drupal and many news sites build them: the whole item is link text."""
    return (f'<div class="{cls}"><a href="/programs/{topic.lower().replace(" ", "-")}"><h3>Certificate: {topic}</h3>'
            f"<div>Learn the skills you need to lead in {topic.lower()}, with four courses taught on campus "
            f"and online by the faculty who shaped the field.{extra}</div></a></div>")


def listing_page(cards: str, head: str = '<meta property="og:type" content="article">') -> str:
    return (f"<!DOCTYPE html><html><head><title>Certificate programs</title>{head}</head><body>"
            f'<nav><a href="/">Home</a> <a href="/about">About</a></nav>'
            f'<div class="content"><h1>Certificate programs</h1><p>{INTRO}</p><div class="list">{cards}</div></div>'
            "</body></html>")


def cards_of(html: str) -> object:
    return document_fromstring(html)


def test_a_listing_whose_extraction_kept_the_intro_gets_its_teasers_back() -> None:
    result = clean_html_and_explain(listing_page("".join(teaser(t) for t in TOPICS)))
    assert [n.reason for n in result.notes if n.kind.value == "rescue"] == ["rescue.teasers"]
    assert INTRO[:40] in result.text
    assert all(f"Certificate: {topic}" in result.text for topic in TOPICS)


def test_a_strong_article_signal_leaves_the_extraction_alone() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Programs"}</script>'
    result = clean_html_and_explain(listing_page("".join(teaser(t) for t in TOPICS), head))
    assert [n.reason for n in result.notes if n.kind.value == "rescue"] == []
    assert "Certificate: Chief Digital Officer" not in result.text


@pytest.mark.parametrize(("signals", "offered"), [
    ((), True),                                            # a page of unknown kind
    ((Signal(PageType.ARTICLE, 0.5, "og:type=article"),), True),  # a weak article signal, as on news sections
    ((Signal(PageType.ARTICLE, 0.5, "og"), Signal(PageType.ARTICLE, 1.0, "url:dated")), True),
    ((Signal(PageType.ARTICLE, 2.5, "json-ld:newsarticle"),), False),
])
def test_the_teasers_rescue_is_offered_unless_the_page_says_it_is_an_article(
        signals: tuple[Signal, ...], offered: bool) -> None:
    tree = document_fromstring("<html><body><p>x</p></body></html>")
    offers = _offers(lambda: "", PageTypeDecision(PageType.ARTICLE, signals), tree, "", 1000)
    assert ("rescue.teasers" in [offer.reason for offer in offers]) is offered


@pytest.mark.parametrize("kind", [PageType.FORUM, PageType.PRODUCT, PageType.DOCUMENTATION])
def test_the_teasers_rescue_is_not_offered_on_forum_product_or_docs_pages(kind: PageType) -> None:
    tree = document_fromstring("<html><body><p>x</p></body></html>")
    offers = _offers(lambda: "", PageTypeDecision(kind, (Signal(kind, 3.0, "test"),)), tree, "", 1000)
    assert "rescue.teasers" not in [offer.reason for offer in offers]


def test_the_teasers_gate_is_a_share_of_the_whole_text_and_its_growth_is_not_capped() -> None:
    text = INTRO
    teasers = "\n".join(f"Certificate: {topic} and what it covers, course by course." for topic in TOPICS * 12)
    offer = Offer("rescue.teasers", lambda: teasers, 0.25, adds=True, basis=5 * len(teasers), capped=False)
    # the page's text outside links is the intro alone: a share of it would call the extraction long
    done = rescue(text, PageType.ARTICLE, len(text), [offer])
    assert [n.reason for n in done.notes] == ["rescue.teasers"]
    assert len(done.text) > max(8 * len(text), 6000)  # more than a capped rescue may grow
    capped = rescue(text, PageType.ARTICLE, len(text), [offer._replace(capped=True)])
    assert capped.notes == ()
    # an extraction over a quarter of the whole text is not short
    assert rescue(text, PageType.ARTICLE, len(text), [offer._replace(basis=2 * len(text))]).notes == ()


def test_teasers_are_linked_cards_not_a_product_grid_comments_or_a_footer() -> None:
    linked = "".join(teaser(t) for t in TOPICS)
    assert teaser_text(cards_of(listing_page(linked))).count("Certificate:") == len(TOPICS)
    priced = "".join(teaser(t, extra=" From $1,299.") for t in TOPICS)
    assert card_text(cards_of(listing_page(priced))) != ""  # the cards rescue still sees them…
    assert teaser_text(cards_of(listing_page(priced))) == ""  # …but a product grid is no listing of teasers
    comments = "".join(teaser(t, cls="comment") for t in TOPICS)
    assert teaser_text(cards_of(listing_page(comments))) == ""
    footer = listing_page("").replace("</body>", f'<footer><div class="widgets">{linked}</div></footer></body>')
    assert card_text(cards_of(footer)) == "" and teaser_text(cards_of(footer)) == ""
    unlinked = linked.replace('<a href="', '<span data-href="').replace("</a>", "</span>")
    assert teaser_text(cards_of(listing_page(unlinked))) == ""


def test_scripts_are_never_cards() -> None:
    data = "".join(f'<script type="application/json">{{"name": "{t}", "text": "{INTRO}"}}</script>' for t in TOPICS)
    tree = document_fromstring(f"<html><body><div>{data}</div><p>{INTRO}</p></body></html>")
    assert card_text(tree) == ""
    assert text_chars(tree) == len(INTRO)


STORY = [
    "The council voted on Monday to back the budget after a debate that ran long into the night at the town hall.",
    "Opponents said the plan would cut the library's opening hours and leave two parks without a gardener.",
    "The mayor answered that the savings were needed to repair the bridge, which has been closed since March.",
    "A final vote on the bridge contract is expected next month, after the engineers have delivered their report.",
    "Residents who spoke at the meeting asked the council to publish the engineers' report before that vote.",
]


#: A blurb of another story in the rail (its own words: a rail that repeated the story's sentences would repeat
#: the extraction, and give nothing).
BLURB = "Market traders on the square number {} want longer hours, and the parking rules changed"


def story_page(dated: bool) -> str:
    """A story with a rail of other stories (teasers) and a long site menu (links, removed as chrome)."""
    rail = "".join(f'<li><a href="/news/{i}">Other story number {i} of the day about the town</a>'
                   f"<span>{BLURB.format(i)}...</span></li>" for i, _ in enumerate(STORY))
    menu = "".join(f'<li><a href="/section/{i}">Section {i} of the site and its pages</a></li>' for i in range(80))
    time = '<time datetime="2025-03-02">March 2, 2025</time>' if dated else ""
    return (f'<!DOCTYPE html><html><head><title>Council backs budget</title>'
            f'<meta property="og:type" content="article"></head><body><nav><ul>{menu}</ul></nav>'
            f'<div class="story"><h1>Council backs budget</h1>{time}'
            + "".join(f"<p>{text}</p>" for text in STORY)
            + f'</div><div class="breaking"><ul>{rail}</ul></div></body></html>')


@pytest.mark.parametrize(("dated", "rescued"), [(False, True), (True, False)])
def test_on_a_dated_page_the_teasers_must_outweigh_the_extraction(dated: bool, rescued: bool) -> None:
    """A story's rail of other stories is a fraction of the story; a listing's items are its bulk."""
    result = clean_html_and_explain(story_page(dated))
    assert STORY[0] in result.text
    assert ([n.reason for n in result.notes if n.kind.value == "rescue"] == ["rescue.teasers"]) is rescued
    assert ("Other story number 1" in result.text) is rescued


def test_teaser_text_gives_nothing_under_the_least_growth() -> None:
    tree = cards_of(listing_page("".join(teaser(t) for t in TOPICS)))
    teasers = teaser_text(tree)
    assert teaser_text(tree, INTRO, least=len(teasers) / len(INTRO) - 0.1) == teasers
    assert teaser_text(tree, INTRO, least=len(teasers) / len(INTRO) + 0.1) == ""


def test_a_run_of_cards_in_the_site_frame_gives_way_to_the_runs_in_the_page() -> None:
    # the footer's run is the larger (more cards, more words), but it is the site's footer, not the page's list
    few = "".join(teaser(t) for t in TOPICS[:3])
    many = "".join(teaser(t, cls="widget") for t in TOPICS)
    page = listing_page(few).replace("</body>", f"<footer><div>{many}</div></footer></body>")
    assert card_text(cards_of(page)).count("Certificate:") == 3
    assert teaser_text(cards_of(page)).count("Certificate:") == 3


def product_card(topic: str) -> str:
    """A product grid's card: the name and blurb, then its price, rating and stock."""
    return (f'<li class="product"><a href="/p/{topic.lower().replace(" ", "-")}"><h3>{topic}</h3></a>'
            f"<p>A course kit on {topic.lower()} with workbook, videos and a certificate of completion.</p>"
            "<p>Rated 4.8 out of 5 by 120 buyers</p><p>Only 3 left in stock, ships in 2 days</p></li>")


def test_cards_whose_new_lines_repeat_the_extraction_are_not_rescued() -> None:
    grid = "".join(product_card(t) for t in TOPICS)
    tree = document_fromstring(f"<html><body><ul>{grid}</ul></body></html>")
    # the extraction lists the products already (name and blurb); the cards would add their ratings and stock
    listed = "\n".join(f"{t}: a course kit on {t.lower()} with workbook, videos and a certificate of completion."
                       for t in TOPICS)
    assert card_text(tree, INTRO) != ""  # an extraction that kept the intro gets the grid…
    assert repeats_extraction(card_text(tree, INTRO), listed)
    assert card_text(tree, listed) == ""  # …one that lists the products does not get their details
    assert teaser_text(tree, listed) == ""


def test_repeats_extraction_measures_only_the_lines_the_rescue_adds() -> None:
    added = "Rated 4.8 out of 5 by 120 buyers and shipped within two days"
    held = "A long intro line the cards repeat word for word, with nothing else in it"
    # the held line comes back in the cards' text but the rescue would not add it again: it does not count
    assert not repeats_extraction(f"{held}\n{added}", held)
    half = " ".join(held.split()[:7])
    assert repeats_extraction(f"{half} {added}", held)
    assert 0 < REPEATED_SHARE < 1
