"""HTML mode on today's pages: guards that keep content, page types, rescues, and their explanation as data."""

from __future__ import annotations

import io
import json
import pickle

import pytest
from lxml.html import HtmlElement, document_fromstring

import declutter
from declutter.cli import main
from declutter.html import HtmlResult, NoteKind, clean_html_and_explain, parse_html
from declutter.html.assemble import _offers
from declutter.html.extract import (
    WIN_FACTOR,
    Extraction,
    Offer,
    card_text,
    element_lines,
    main_text,
    moved_rescue,
    rescue,
    section_text,
    without_widgets,
)
from declutter.html.hints import hint_tokens
from declutter.html.pagetype import PageType, PageTypeDecision, Signal, article_evidence, decide_page_type

POSTS = [
    "I switched the sync off last week, yet the storage page still says the messages take sixteen gigabytes.",
    "Did you open the messages entry in the storage list and choose to disable and delete the copies there?",
    "Keep in mind that you need to turn it off on every device that uses it, or the data stays in the cloud.",
    "That was it, thank you. The space came back an hour later and the phone kept every message it had.",
]
PROSE = [
    "Our team plans, builds and maintains gardens for schools, hospitals and small offices across the region.",
    "Every project starts with a walk around the site, a soil test and a conversation about how the space is used.",
    "We plant native species that need little water, and we come back each season to prune, mulch and repair.",
    "Schools can book a free workshop in which pupils sow seeds, build a compost bin and map the birds they see.",
]


def html_page(body: str, title: str = "A page", head: str = "") -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def xenforo_thread() -> str:
    posts = "".join(
        f'<article class="message message--post"><div class="message-inner">'
        f'<div class="message-cell message-cell--user"><h4 class="message-name">user{i}</h4>'
        f'<h5 class="userTitle message-userTitle">Senior member</h5>'
        f'<div class="message-userExtras"><dl><dt>Joined</dt><dd>Jan 1, 2020</dd></dl></div></div>'
        f'<div class="message-cell message-cell--main">'
        f'<article class="message-body js-selectToQuote"><div class="bbWrapper">{text}</div></article>'
        f'<div class="reactionsBar js-reactionsList">Like Reply Quote</div></div></div></article>'
        for i, text in enumerate(POSTS))
    return html_page('<div id="XF"><div class="p-body"><div class="block--messages">' + posts + "</div></div></div>",
                     title="Messages still use storage | Forums")


# ------------------------------------------------------------------ guards


def test_a_xenforo_thread_keeps_every_post_and_drops_per_post_chrome() -> None:
    result = clean_html_and_explain(xenforo_thread(), url="https://forums.example.com/threads/storage.123/")
    for post in POSTS:
        assert post in result.text
    assert "Jan 1, 2020" not in result.text and "Senior member" not in result.text
    assert result.page_type == "forum"
    assert any(r.reason == "chrome.post" for r in result.removals)
    assert not any(r.reason == "chrome.nested_article" for r in result.removals)


def test_a_nested_teaser_article_beside_the_article_still_goes() -> None:
    teasers = "".join(f'<article class="teaser"><h3><a href="/other-{i}">Another story {i}</a></h3></article>'
                      for i in range(3))
    body = f"<article>{paragraphs(PROSE)}<aside-box><article>{paragraphs(PROSE[:1])}{teasers}</article>"
    result = clean_html_and_explain(html_page(body + "</aside-box></article>"))
    assert any(r.reason == "chrome.nested_article" for r in result.removals)


def test_state_and_modifier_tokens_are_not_chrome_names() -> None:
    assert "nav" not in hint_tokens("p-navSticky p-navSticky--primary", None)
    assert "menu" not in hint_tokens("xb-canvas-menuActive", None)
    assert "nav" not in hint_tokens("lm_navSource", None)
    assert "nav" in hint_tokens("site-nav", None) and "menu" in hint_tokens("main-menu-wrapper", None)


def test_a_p_nav_sticky_wrapper_keeps_its_content() -> None:
    body = ('<div class="p-navSticky p-navSticky--primary"><nav class="p-nav"><a href="/">Forums</a></nav>'
            f'<div class="p-title">{paragraphs(PROSE[:1])}</div></div>'
            f'<div class="p-body">{paragraphs(PROSE[1:])}</div>')
    result = clean_html_and_explain(html_page(body))
    for line in PROSE:
        assert line in result.text
    assert any(r.reason == "chrome.tag" and r.detail == '<nav class="p-nav">' for r in result.removals)


def test_a_hero_header_on_a_service_page_stays() -> None:
    hero = ('<header class="hero"><h1>Gardens for schools</h1><ul><li>Native plants</li><li>Seasonal care</li></ul>'
            f"{paragraphs(PROSE[:1])}</header>")
    body = f'<nav><a href="/">Home</a> <a href="/about">About</a></nav>{hero}<section>{paragraphs(PROSE[1:])}</section>'
    result = clean_html_and_explain(html_page(body, title="Gardens for schools | Greenworks"))
    for line in PROSE:
        assert line in result.text
    assert not any(r.reason == "chrome.header" for r in result.removals)


def test_a_header_holding_the_main_heading_is_kept_by_a_guard() -> None:
    hero = ('<header class="hero"><h1>Gardens for schools</h1><nav><a href="/">Home</a> <a href="/a">About</a></nav>'
            '</header>')
    result = clean_html_and_explain(html_page(hero + paragraphs(PROSE), title="Gardens for schools | Greenworks"))
    assert any(n.reason == "guard.heading" and "chrome.header" in n.detail for n in result.notes)
    assert any(r.reason == "chrome.tag" and r.detail == "<nav>" for r in result.removals)


def test_an_aside_that_holds_the_content_stays_and_the_refusal_is_explained() -> None:
    body = (f'<nav><a href="/">Home</a></nav><aside class="content-column">{paragraphs(PROSE)}</aside>'
            '<footer><a href="/privacy">Privacy</a></footer>')
    result = clean_html_and_explain(html_page(body))
    for line in PROSE:
        assert line in result.text
    refusals = [n for n in result.notes if n.kind is NoteKind.REFUSED]
    assert refusals and refusals[0].reason == "guard.share" and "chrome.tag <aside" in refusals[0].detail
    assert not any("<aside" in r.detail for r in result.removals)


def test_testimonials_on_a_product_page_stay() -> None:
    quotes = ["The course walked me through my first pull request and the review that followed it, step by step.",
              "I had never contributed to an open project before; three weeks later my first patch was merged.",
              "Clear lessons, honest exercises and a final project that I could show at my next job interview."]
    head = ('<script type="application/ld+json">{"@type": "Product", "name": "Beginner course"}</script>'
            '<meta property="og:type" content="product">')
    body = (f"<main><h1>Beginner course</h1>{paragraphs(PROSE)}"
            f'<section class="pdp_fundamentals-testimonials-comments">{paragraphs(quotes)}</section></main>')
    result = clean_html_and_explain(html_page(body, title="Beginner course", head=head))
    assert result.page_type == "product"
    for quote in quotes:
        assert quote in result.text


CONSENT = ["We and our 644 partners store and access personal data, like browsing data or unique identifiers.",
           "These technologies are necessary for the website to function and cannot be disabled in our systems.",
           "These technologies help us understand how our site is used, which sites users visit before and after.",
           "These technologies are used by advertising partners to build a profile of your interests over time.",
           "Information about your activity on this service can be stored and combined with other information.",
           "Your device might be distinguished from other devices based on information it sends automatically."]


@pytest.mark.parametrize("overlay", ['<div id="onetrust-consent-sdk">{}</div>', '<div role="dialog">{}</div>',
                                     "<dialog open>{}</dialog>"])
def test_an_overlay_that_outweighs_a_short_page_still_goes(overlay: str) -> None:
    body = f"<div class=\"thread\">{paragraphs(POSTS[:2])}</div>" + overlay.format(paragraphs(CONSENT))
    result = clean_html_and_explain(html_page(body))
    assert POSTS[0] in result.text and POSTS[1] in result.text
    assert not any(line in result.text for line in CONSENT)
    assert not any(n.kind is NoteKind.REFUSED for n in result.notes)

def test_a_removal_of_alike_boxes_that_together_hold_the_page_is_refused() -> None:
    boxes = "".join(f'<div class="content-nav-section"><p>{text}</p></div>' for text in PROSE)
    result = clean_html_and_explain(html_page(f'<nav><a href="/">Home</a></nav>{boxes}'))
    for line in PROSE:
        assert line in result.text
    assert sum(1 for n in result.notes if n.kind is NoteKind.REFUSED) == len(PROSE)


def test_a_real_menu_still_goes() -> None:
    body = f'<div class="main-menu-wrapper"><a href="/a">Alpha</a> <a href="/b">Beta</a></div>{paragraphs(PROSE)}'
    result = clean_html_and_explain(html_page(body))
    assert any(r.reason == "chrome.hint" and "main-menu-wrapper" in r.detail for r in result.removals)
    assert not [n for n in result.notes if n.kind is NoteKind.REFUSED]


ANSWERS = ["Most small gardens need a visit in spring and one in autumn, with a short check after any summer storm.",
           "A school garden can be planted in a single week, and pupils can take part in every step of the work."]


@pytest.mark.parametrize("token", ["read-more__text", "read-more-content", "ReadMoreAnswer_answerText__Ypm3r"])
def test_the_text_a_read_more_toggle_reveals_stays(token: str) -> None:
    revealed = "".join(f'<div class="{token}"><p>{text}</p></div>' for text in ANSWERS)
    result = clean_html_and_explain(html_page(f"<article>{paragraphs(PROSE)}{revealed}</article>"))
    for line in ANSWERS:
        assert line in result.text, result.removals
    assert not any(token in r.detail for r in result.removals)


def test_a_read_more_box_of_links_still_goes() -> None:
    box = ('<div class="read-more-links"><h3>Read more</h3><a href="/a">Another garden we planted</a> '
           '<a href="/b">How we test the soil</a></div>')
    result = clean_html_and_explain(html_page(f"<article>{paragraphs(PROSE)}{box}</article>"))
    assert "Another garden we planted" not in result.text
    assert any(r.reason == "promo.element" and "read-more-links" in r.detail for r in result.removals)


def test_a_table_whose_items_carry_tooltips_stays_and_a_tooltip_still_goes() -> None:
    rows = "".join(f'<tr><td>{n}</td><td><a href="/b/{n}">Book {n}</a> by Author {n}<br>'
                   f"{text}</td></tr>" for n, text in enumerate(PROSE, 1))
    table = f'<table class="tableList js-dataTooltip">{rows}</table>'
    tip = '<div class="tooltip">Opens in a new window. Read our policy on external links and tracking.</div>'
    intro = paragraphs(ANSWERS)
    result = clean_html_and_explain(html_page(f"<main>{intro}{table}{tip}{paragraphs(POSTS)}</main>"))
    for line in PROSE:
        assert line in result.text, result.removals
    assert not any("js-dataTooltip" in r.detail for r in result.removals)
    assert "Opens in a new window" not in result.text
    assert any(r.reason == "chrome.hint" and r.detail == '<div class="tooltip">' for r in result.removals)


# --------------------------------------------------------------- page type


def decide(body: str = "<p>x</p>", head: str = "", url: str | None = None) -> tuple[str, list[str]]:
    tree = parse_html(html_page(body, head=head))
    assert tree is not None
    from declutter.html.page import json_ld
    decision = decide_page_type(tree, url, list(json_ld(tree)))
    return decision.type.value, [s.source for s in decision.signals]


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


@pytest.mark.parametrize(("head", "body", "url", "expected", "signal"), [
    (ld({"@type": "DiscussionForumPosting"}), "", None, "forum", "json-ld:discussionforumposting"),
    (ld({"@type": "QAPage", "mainEntity": {"@type": "Question"}}), "", None, "forum", "json-ld:qapage"),
    (ld({"@type": "Product", "offers": {"@type": "Offer"}}), "", None, "product", "json-ld:product"),
    (ld({"@type": "ItemList", "itemListElement": [{"@type": "Product"}] * 3}), "", None, "collection",
     "json-ld:3xproduct"),
    (ld({"@type": "TechArticle"}), "", None, "documentation", "json-ld:techarticle"),
    (ld({"@type": "NewsArticle"}), "", None, "article", "json-ld:newsarticle"),
    ('<meta property="og:type" content="product">', "", None, "product", "og:type=product"),
    ("", '<div itemscope itemtype="https://schema.org/Product"><p>x</p></div>', None, "product", "itemtype:product"),
    ("", '<div id="XF"><p>x</p></div>', None, "forum", "platform:xenforo"),
    ('<meta name="generator" content="Discourse 3.2">', "", None, "forum", "platform:discourse"),
    ("", '<form action="/cart/add"></form><body-wrap></body-wrap>', "https://shop.example.com/products/mug", "product",
     "platform:shopify-product"),
    ("", '<h2>Intro<a class="headerlink" href="#intro">¶</a></h2>', None, "documentation", "platform:sphinx"),
    ('<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.5">', "", None, "documentation",
     "platform:mkdocs"),
    ("", "", "https://example.com/questions/123/how-do-i", "forum", "url:question"),
    ("", "<pre><code>pip install x</code></pre>" * 3, "https://docs.example.com/start", "documentation",
     "dom:3xcode"),
    ("", "<pre><code>pip install x</code></pre>" * 15, None, "documentation", "dom:15xcode"),
    ("", "", "https://developer.example.com/get-started/overview", "documentation", "url:docs"),
])
def test_each_signal_decides_its_type(head: str, body: str, url: str | None, expected: str, signal: str) -> None:
    kind, signals = decide(body or "<p>x</p>", head, url)
    assert signal in signals
    assert kind == expected


def test_the_variants_of_a_product_group_are_one_product_not_a_collection() -> None:
    variants = [{"@type": "Product", "name": f"Jacket, size {size}"} for size in ("S", "M", "L", "XL")]
    kind, signals = decide(head=ld({"@type": "ProductGroup", "name": "Jacket", "hasVariant": variants}))
    assert kind == "product" and "json-ld:productgroup" in signals
    assert not any(s.endswith("xproduct") for s in signals)


def test_no_signal_or_a_weak_one_is_an_article() -> None:
    assert decide() == ("article", [])
    kind, signals = decide(url="https://example.com/forums/general")
    assert signals == ["url:forum"] and kind == "article"


@pytest.mark.parametrize(("kind", "runs_duplicates"), [(PageType.DOCUMENTATION, False), (PageType.ARTICLE, True),
                                                     (PageType.FORUM, True), (PageType.SERVICE, True)])
def test_a_docs_page_keeps_the_steps_repeated_in_its_tabs(kind: PageType, runs_duplicates: bool) -> None:
    from declutter.html.assemble import _text_steps
    from declutter.pipeline import resolve

    names = [resolve(step)[0] for step in _text_steps(kind, declutter.Config().filters)]
    assert ("duplicates" in names) == runs_duplicates
    assert [n for n in names if n != "duplicates"] == [n for n in declutter.Config().filters if n != "duplicates"]


def test_a_few_code_blocks_alone_or_many_against_an_article_signal_leave_an_article() -> None:
    assert decide("<pre><code>pip install x</code></pre>" * 14)[0] == "article"
    assert decide("<pre><code>pip install x</code></pre>" * 15, head=ld({"@type": "BlogPosting"}))[0] == "article"


def test_conflicting_signals_without_a_clear_lead_are_an_article() -> None:
    kind, _ = decide(head=ld({"@type": "Product"}) + ld({"@type": "NewsArticle"}))
    assert kind == "article"


def test_comments_that_hold_most_of_the_page_point_to_a_forum() -> None:
    comments = "".join(f'<div class="comment"><p>{text}</p></div>' for text in POSTS * 2)
    kind, signals = decide(f"<p>Short story.</p>{comments}", url="https://example.com/forums/x")
    assert any(s.startswith("dom:comments hold") for s in signals) and kind == "forum"


def test_comments_that_hold_nearly_all_the_page_are_a_discussion_without_any_other_signal() -> None:
    story = "<p>" + " ".join(PROSE[:2]) + "</p>"
    comments = "".join(f'<div class="comment"><p>{text}</p></div>' for text in POSTS * 6)
    kind, signals = decide(story + comments, head='<meta property="og:type" content="article">')
    assert kind == "forum", signals
    page = html_page(story + comments, head='<meta property="og:type" content="article">')
    result = declutter.clean_html_and_explain(page)
    assert all(post in result.text for post in POSTS)


def test_a_blog_post_with_a_long_open_thread_stays_an_article() -> None:
    story = "".join(f"<p>{text}</p>" for text in PROSE * 3)
    comments = "".join(f'<div class="comment"><p>{text}</p></div>' for text in POSTS * 5)
    kind, signals = decide(story + comments)
    assert any(s.startswith("dom:comments hold") for s in signals) and kind == "article"


# ----------------------------------------------------------------- rescues


def test_a_rescue_fires_when_the_extraction_is_short_and_it_wins_clearly() -> None:
    long_text = "\n".join(PROSE)
    done = rescue("Book now", PageType.SERVICE, len(long_text), [Offer("rescue.sections", lambda: long_text)])
    assert done.text == long_text
    assert [n.reason for n in done.notes] == ["rescue.sections"]
    assert "service page" in done.notes[0].detail


def test_a_rescue_that_does_not_win_clearly_is_not_kept() -> None:
    text = PROSE[0]
    candidate = "x" * int(len(text) * (WIN_FACTOR - 0.5))
    done = rescue(text, PageType.SERVICE, 10 * len(text), [Offer("rescue.sections", lambda: candidate)])
    assert done.text == text and done.notes == ()


def test_a_rescue_many_times_the_size_of_a_fair_extraction_is_not_kept() -> None:
    text = "\n".join(PROSE) * 3
    grid = "A card of the page's grid of everything.\n" * (len(text) * 20 // 40)
    done = rescue(text, PageType.LISTING, 100 * len(text), [Offer("rescue.cards", lambda: grid, 0.4)])
    assert done.text == text and done.notes == ()


def test_a_preferred_rescue_that_wins_is_taken_before_a_longer_guess() -> None:
    text = PROSE[0]
    unpruned = "\n".join(PROSE)

    def never() -> str:
        raise AssertionError("the cards were computed although trafilatura's own pick won")

    offers = [Offer("rescue.unpruned", lambda: unpruned, 0.4, preferred=True),
              Offer("rescue.cards", never, 0.4, adds=True)]
    done = rescue(text, PageType.COLLECTION, 10 * len(unpruned), offers)
    assert done.text == unpruned and [n.reason for n in done.notes] == ["rescue.unpruned"]


def test_a_preferred_rescue_that_does_not_win_leaves_the_others_their_turn() -> None:
    text = "\n".join(PROSE[:2])
    cards = "\n".join(PROSE[2:] + [p.upper() for p in PROSE])
    offers = [Offer("rescue.unpruned", lambda: text + " more", 0.4, preferred=True),
              Offer("rescue.cards", lambda: cards, 0.4, adds=True)]
    done = rescue(text, PageType.COLLECTION, 10 * len(cards), offers)
    assert [n.reason for n in done.notes] == ["rescue.cards"]


REVIEWS = "Great shelf, easy to put together.\nLove it, bought two more for the kids' room.\nSturdy and cheap."


def test_an_extraction_that_moved_off_the_content_gives_way_to_trafilaturas_pick_of_the_page() -> None:
    details = "\n".join(PROSE)
    done = moved_rescue(Extraction(REVIEWS * 3), PageType.PRODUCT, lambda: details)
    assert done.text == details and [n.reason for n in done.notes] == ["rescue.moved"]
    assert "holding" in done.notes[0].detail


@pytest.mark.parametrize("case", ["article", "service", "overlaps", "stub", "rescued"])
def test_the_moved_off_check_leaves_articles_service_pages_overlaps_stubs_and_rescues_alone(case: str) -> None:
    details = "\n".join(PROSE)
    extraction = Extraction(REVIEWS * 3)
    kind, other = PageType.PRODUCT, details
    if case in ("article", "service"):
        kind = PageType(case)
    elif case == "overlaps":
        other = "\n".join([REVIEWS, PROSE[0]])
    elif case == "stub":
        other = PROSE[0][:30]
    else:
        extraction = rescue(REVIEWS, PageType.LISTING, 100 * len(details), [Offer("rescue.cards", lambda: details)])
    done = moved_rescue(extraction, kind, lambda: other)
    assert done == extraction


def test_no_rescue_is_tried_when_the_extraction_is_not_short() -> None:
    def never() -> str:
        raise AssertionError("a rescue was computed for a page that extracted well")

    done = rescue("\n".join(PROSE), PageType.LISTING, len("\n".join(PROSE)), [Offer("rescue.cards", never, 0.4)])
    assert done.notes == ()


def test_a_normal_article_gets_no_rescue_and_is_an_article() -> None:
    result = clean_html_and_explain(html_page(f"<article><h1>A page</h1>{paragraphs(PROSE)}</article>"))
    assert result.page_type == "article"
    assert [n.kind for n in result.notes] == [NoteKind.PAGE_TYPE]


def test_sections_rescue_takes_sections_in_order_and_skips_repeats() -> None:
    tree = document_fromstring("<html><body>" + "".join(
        f"<section><h2>Part {i}</h2><p>{text}</p></section>" for i, text in enumerate(PROSE + PROSE[:1]))
        + "<section><p>Too short.</p></section></body></html>")
    lines = section_text(tree).splitlines()
    assert lines == [line for i, text in enumerate(PROSE) for line in (f"Part {i}", text)]


def test_cards_rescue_takes_the_largest_run_of_alike_cards() -> None:
    cards = "".join(f'<li class="card"><h3>Course {i}</h3><p>{text}</p></li>' for i, text in enumerate(PROSE))
    tree = document_fromstring(f'<html><body><ul class="nav"><li>A</li><li>B</li><li>C</li></ul><ul>{cards}</ul>'
                               "</body></html>")
    assert card_text(tree).splitlines() == [line for i, text in enumerate(PROSE) for line in (f"Course {i}", text)]


def test_main_rescue_takes_the_outermost_main_elements_in_order() -> None:
    tree = document_fromstring(
        f'<html><body><div class="intro"><p>Outside main.</p></div><main><h1>Threads</h1>{paragraphs(POSTS[:2])}'
        f'<div role="main"><p>{POSTS[2]}</p></div></main><div role="main"><p>{POSTS[3]}</p></div></body></html>')
    assert main_text(tree).splitlines() == ["Threads", *POSTS]


def test_a_main_element_that_is_mostly_links_gives_no_rescue() -> None:
    links = "".join(f'<li><a href="/c/{i}">Category number {i} of the shop</a></li>' for i in range(20))
    menu = document_fromstring(f"<html><body><main><p>Shop by category.</p><ul>{links}</ul></main></body></html>")
    assert main_text(menu) == ""
    # the trap: the same links beside real text are part of the content
    prose = document_fromstring(f"<html><body><main>{paragraphs(PROSE * 2)}<ul>{links}</ul></main></body></html>")
    assert main_text(prose).splitlines()[:4] == PROSE


def test_the_main_rescue_leaves_out_the_page_controls() -> None:
    facets = "".join(f'<li><label><input type="checkbox" name="c">{colour}</label></li>' for colour in ("black", "red"))
    tree = document_fromstring(
        f'<html><body><main><form><ul>{facets}</ul><button>Apply filters</button></form>'
        f'<select><option>Featured</option><option>Best selling</option></select>'
        f'<p><svg><title>message-square</title></svg>{POSTS[0]}</p>{paragraphs(POSTS[1:])}</main></body></html>')
    assert main_text(tree).splitlines() == POSTS


def test_the_main_rescue_leaves_out_a_footer_or_menu_inside_main() -> None:
    # some themes close main after the footer: its address, copyright and sitemap link are the site's frame
    tree = document_fromstring(
        f'<html><body><main><nav><a href="/">Home</a> <a href="/work">Work</a></nav>{paragraphs(POSTS)}'
        "<footer><p>520 E Douglas Ave</p><p>Sitemap</p><p>Privacy Policy</p></footer>"
        f"<p>{PROSE[0]}</p></main></body></html>")
    assert main_text(tree).splitlines() == [*POSTS, PROSE[0]]  # the text after the footer stays


def test_the_main_rescue_leaves_out_scripts_and_styles_but_not_the_text_after_them() -> None:
    # A shop's main element holds its JSON-LD; the rescue once gave the page's JSON back as text.
    tree = document_fromstring(
        '<html><body><main><script type="application/ld+json">{"@type": "ItemList", "name": "Best apps"}</script>'
        f'<style>.card {{ color: red }}</style><noscript><p>Turn on JavaScript.</p></noscript>{POSTS[0]}'
        f'<p><template><b>Slot</b></template>{POSTS[1]}</p></main></body></html>')
    assert main_text(tree).splitlines() == POSTS[:2]


def test_controls_that_say_something_stay_in_the_main_rescue() -> None:
    # the traps: an accordion's question is a long button, a label of a text box is a sentence, text after a
    # control stays
    question = "Will beard oil make my beard grow thicker over time?"
    tree = document_fromstring(
        f'<html><body><main><button aria-expanded="false">{question}</button><p>{POSTS[0]}</p>'
        f'<label>Your e-mail address, never shared <input type="email"></label>'
        f'<p><button>Play</button> {POSTS[1]}</p></main></body></html>')
    assert main_text(tree).splitlines() == [question, POSTS[0], "Your e-mail address, never shared", POSTS[1]]


def test_leaving_out_the_controls_leaves_the_page_as_it_was() -> None:
    tree = document_fromstring(f"<html><body><main><select><option>A</option></select>{paragraphs(POSTS)}</main>"
                               "</body></html>")
    main = tree.xpath("//main")[0]
    assert [e.tag for e in without_widgets(main)] == ["p"] * len(POSTS)
    assert main.find("select") is not None


def test_a_main_that_adds_only_each_listed_item_s_controls_gives_no_rescue() -> None:
    # The extraction lists the items already; the main would add "Add … to your Loves" and a rating around each
    # name, and little else.
    names = [f"Lulus Striped Midi Dress number {n} with pockets" for n in range(6)]
    held = "\n".join(f"- {name} $59" for name in names)
    cards = "".join(f"<div><p>Add {name} to your Loves.</p><p>{name}</p><p>$59</p>"
                    f"<p>Product {name} Rating: 4.2 of 5 stars</p></div>" for name in names)
    tree = document_fromstring(f"<html><body><main>{cards}</main></body></html>")
    assert main_text(tree) != ""  # without the extraction it is a rescue like any other
    assert main_text(tree, held) == ""
    # the trap: a thread whose extraction kept the first post; the main's replies are new text
    thread = document_fromstring(f"<html><body><main>{paragraphs(POSTS)}</main></body></html>")
    assert main_text(thread, POSTS[0]).splitlines() == POSTS


def test_the_main_rescue_says_a_card_shown_twice_once() -> None:
    # a card with a hover overlay repeats its title, blurb and call to action right after them
    cards = "".join(f'<div class="card"><h3>Case {n}</h3><p>{text}</p></div>' * 2
                    for n, text in enumerate(PROSE))
    tree = document_fromstring(f"<html><body><main>{cards}</main></body></html>")
    assert main_text(tree).splitlines() == [line for n, text in enumerate(PROSE) for line in (f"Case {n}", text)]
    # the trap: one label repeated on several cards with other lines between them stays on each
    label = "".join(f"<div><p>Watercolors &amp; Sets</p><p>Ends 4/30</p><p>{text}</p></div>" for text in PROSE)
    labelled = document_fromstring(f"<html><body><main>{label}</main></body></html>")
    assert main_text(labelled).splitlines().count("Ends 4/30") == len(PROSE)
    # and one line repeated side by side (a comparison row's "Yes" in four columns) is no copy of a run
    row = "<table><tr><th>Backups</th>" + "<td>Yes</td>" * 4 + "</tr></table>"
    grid = document_fromstring(f"<html><body><main>{paragraphs(PROSE)}{row}</main></body></html>")
    assert main_text(grid).splitlines().count("Yes") == 4


def test_a_page_without_main_gives_no_main_rescue() -> None:
    assert main_text(document_fromstring(f"<html><body>{paragraphs(PROSE)}</body></html>")) == ""


@pytest.mark.parametrize(("kind", "signal", "offered"), [
    (PageType.FORUM, PageType.FORUM, True),
    (PageType.LISTING, PageType.LISTING, True),
    (PageType.COLLECTION, PageType.COLLECTION, True),
    (PageType.SERVICE, PageType.SERVICE, True),
    (PageType.ARTICLE, None, True),  # a page of unknown kind
    (PageType.ARTICLE, PageType.ARTICLE, False),  # an article keeps trafilatura's pick
    (PageType.PRODUCT, PageType.PRODUCT, False),
    (PageType.DOCUMENTATION, PageType.DOCUMENTATION, False),
])
def test_the_main_rescue_is_offered_where_the_content_is_many_items(kind: PageType, signal: PageType | None,
                                                                    offered: bool) -> None:
    signals = (Signal(signal, 3.0, "test"),) if signal else ()
    tree = document_fromstring(f"<html><body><main>{paragraphs(PROSE)}</main></body></html>")
    offers = _offers(lambda: "", PageTypeDecision(kind, signals), tree, "")
    assert ("rescue.main" in [offer.reason for offer in offers]) is offered


def test_a_thread_whose_extraction_kept_one_post_is_rescued_by_its_main_element() -> None:
    text = POSTS[1]
    done = rescue(text, PageType.FORUM, 10 * len(text),
                  [Offer("rescue.main", lambda: "\n".join(POSTS + PROSE))])
    assert done.text.splitlines() == POSTS + PROSE
    assert [(n.reason, n.detail) for n in done.notes] == [
        ("rescue.main", f"forum page: extraction of {len(text)} characters, rescue of {len(done.text)}")]


@pytest.mark.parametrize(("share", "rescued"), [(0.2, True), (0.45, True), (0.55, False), (0.8, False)])
def test_a_thread_whose_first_post_is_long_is_rescued_while_under_half_the_page(share: float, rescued: bool) -> None:
    """On a forum the replies are the content: a long opening post can hold up to half the page's prose and
    the thread is still short of its replies; above half, a ``main`` could only double it with link text."""
    tree = document_fromstring(f"<html><body><main>{paragraphs(POSTS + PROSE)}</main></body></html>")
    text = POSTS[0]
    decision = PageTypeDecision(PageType.FORUM, (Signal(PageType.FORUM, 3.0, "test"),))
    done = rescue(text, PageType.FORUM, round(len(text) / share), _offers(lambda: "", decision, tree, text))
    assert (done.text.splitlines() == POSTS + PROSE) is rescued
    assert [n.reason for n in done.notes] == (["rescue.main"] if rescued else [])


def cards_tree(texts: list[str]) -> object:
    cards = "".join(f'<li class="card"><h3>Course {i}</h3><p>{text}</p></li>' for i, text in enumerate(texts))
    return document_fromstring(f"<html><body><ul>{cards}</ul></body></html>")


def test_cards_the_extraction_already_holds_are_not_rescued_again() -> None:
    held = f"Course 0\n{PROSE[0]}\nCourse 1 {PROSE[1]}"  # the extraction's lines need not be the cards' lines
    fresh = [text.replace("a", "o") for text in PROSE]
    lines = card_text(cards_tree(PROSE[:2] + fresh), held).splitlines()
    assert PROSE[0] not in lines and PROSE[1] not in lines
    assert [line for line in lines if not line.startswith("Course")] == fresh


def test_cards_rescue_needs_three_new_cards_not_three_cards() -> None:
    held = f"Course 0\n{PROSE[0]}\nCourse 1\n{PROSE[1]}"
    assert card_text(cards_tree(PROSE), "") != ""
    assert card_text(cards_tree(PROSE), held) == ""


def test_element_lines_break_at_blocks_only() -> None:
    tree = document_fromstring("<html><body><div>One <b>bold</b> line<p>Two</p>tail<br>Three</div></body></html>")
    assert element_lines(tree.find(".//div")) == ["One bold line", "Two", "tail", "Three"]


@pytest.mark.parametrize(("html", "expected"), [
    ("<div><span>Data analytics</span><span>Shopify</span></div>", ["Data analytics Shopify"]),
    ("<div><b>$10</b><span>our price</span> today</div>", ["$10 our price today"]),
    ("<div>un<em>believ</em>able, <b>W</b>ord</div>", ["unbelievable, Word"]),
    ("<div><span>One</span><!-- c --><span>Two</span><img alt='x'></div>", ["One Two"]),
])
def test_element_lines_keep_adjacent_inline_elements_apart(html: str, expected: list[str]) -> None:
    tree = document_fromstring(f"<html><body>{html}</body></html>")
    assert element_lines(tree.find(".//div")) == expected


def product_page(description: str, dom: str) -> str:
    head = ld({"@type": "Product", "name": "Trail bottle", "description": description})
    return html_page(f"<main><h1>Trail bottle</h1>{dom}</main>", title="Trail bottle", head=head)


def test_a_product_page_uses_the_json_ld_description_when_the_dom_has_little() -> None:
    description = " ".join(PROSE)
    shipping = ("Free returns within thirty days. Ships from our warehouse in two business days, with tracking "
                "for every order placed online.")
    result = clean_html_and_explain(product_page(description, f"<p>{shipping}</p>"))
    assert result.page_type == "product"
    assert result.text.startswith(description) and shipping in result.text
    assert [n.reason for n in result.notes if n.kind is NoteKind.RESCUE] == ["rescue.description"]


def test_a_product_page_whose_dom_holds_the_description_is_left_alone() -> None:
    description = " ".join(PROSE)
    result = clean_html_and_explain(product_page(description, paragraphs(PROSE)))
    assert not [n for n in result.notes if n.kind is NoteKind.RESCUE]
    assert result.text.count(PROSE[0]) == 1


CUSTOMER_REVIEWS = ["Bought two of these for the office and they keep coffee hot through the whole afternoon meeting.",
           "The lid leaked a little in my bag at first, but tightening the inner ring fixed it for good.",
           "Third one I own now; the paint has held up after a year of daily trips in the car and on hikes.",
           "Great size for the cup holder, though I wish the handle folded flat when it sits in a drawer."]


def reviews_box(css: str = "product-reviews") -> str:
    reviews = "".join(f'<div class="review"><p>{t}</p><span>Verified buyer</span></div>' for t in CUSTOMER_REVIEWS)
    return (f'<section class="{css}"><h2>Customer reviews</h2><div class="review-stars">4.7 out of 5 stars</div>'
            f"{reviews}</section>")


def test_customer_reviews_on_a_product_page_go_even_when_they_outweigh_the_description() -> None:
    result = clean_html_and_explain(product_page(PROSE[0], f"<p>{PROSE[0]}</p><p>{PROSE[1]}</p>{reviews_box()}"))
    assert result.page_type == "product"
    assert PROSE[0] in result.text and PROSE[1] in result.text
    assert not any(review in result.text for review in CUSTOMER_REVIEWS)
    assert any(r.reason == "chrome.reviews" and "product-reviews" in r.detail for r in result.removals)


def test_editorial_reviews_on_a_product_page_stay() -> None:
    result = clean_html_and_explain(product_page(PROSE[0], paragraphs(PROSE) + reviews_box("editorialReviews")))
    assert all(review in result.text for review in CUSTOMER_REVIEWS)
    assert not any("editorialReviews" in r.detail for r in result.removals)


def test_a_heading_whose_id_is_its_slug_is_no_review_box() -> None:
    heading = '<h2 id="h-glowing-customer-reviews">Glowing Customer Reviews</h2>'
    dom = f"{paragraphs(PROSE[:2])}{heading}{paragraphs(PROSE[2:])}"
    result = clean_html_and_explain(product_page(PROSE[0], dom))
    assert "Glowing Customer Reviews" in result.text


def test_reviews_stay_on_a_page_that_is_not_a_product() -> None:
    result = clean_html_and_explain(html_page(f"<article>{paragraphs(PROSE)}{reviews_box()}</article>"))
    assert result.page_type == "article"
    assert all(review in result.text for review in CUSTOMER_REVIEWS)


def stack_exchange_question() -> str:
    comments = "".join(
        f'<li class="comment js-comment"><div class="comment-body"><span class="comment-copy">{text}</span>'
        f' – <a class="comment-user" href="/users/{i}">commenter{i}</a>'
        f' <span class="comment-date"><span>Commented</span> <span>Mar {i + 1}, 2016 at 13:23</span></span></div></li>'
        for i, text in enumerate(POSTS[2:]))
    answer = (f'<div id="answers"><div class="answer"><div class="s-prose">{paragraphs(POSTS[1:2])}</div>'
              f'<div class="comments"><ul class="comments-list">{comments}</ul></div></div></div>')
    body = (f'<div id="mainbar"><div id="question"><h1>Messages still use storage</h1>'
            f'<div class="s-prose">{paragraphs(POSTS[:1])}</div></div>{answer}</div>')
    return html_page(body, title="Messages still use storage - Super User")


def test_comment_bylines_on_a_q_and_a_page_go_and_the_comments_stay() -> None:
    result = clean_html_and_explain(stack_exchange_question(), url="https://superuser.com/questions/1/storage")
    assert result.page_type == "forum"
    for post in POSTS:
        assert post in result.text
    assert "commenter" not in result.text and "Commented" not in result.text
    assert any(r.reason == "chrome.post" and "comment-user" in r.detail for r in result.removals)

# ------------------------------------------------------ explanation as data


def test_the_result_unpacks_like_any_result_and_carries_notes() -> None:
    result = clean_html_and_explain(xenforo_thread())
    text, removals = result
    assert isinstance(result, declutter.Result) and isinstance(result, HtmlResult)
    assert text == result.text and removals == result.removals
    assert result.notes[0].kind is NoteKind.PAGE_TYPE and result.notes[0].reason == "page_type.forum"
    assert "platform:xenforo" in result.notes[0].detail
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again.notes == result.notes


def test_notes_are_never_removals_and_replay_still_holds_for_the_text_stage() -> None:
    body = f'<nav><a href="/">Home</a></nav><aside class="content-column">{paragraphs(PROSE)}</aside>'
    result = clean_html_and_explain(html_page(body))
    assert {type(r).__name__ for r in result.removals} <= {"Removal"}
    assert all(n.as_dict()["note"] in {"page_type", "refused", "rescue"} for n in result.notes)


def test_cli_explain_writes_the_notes_before_the_removals() -> None:
    out, err = io.BytesIO(), io.StringIO()
    code = main(["--html", "--explain", "--url", "https://forums.example.com/threads/x.1/"],
                stdin=io.BytesIO(xenforo_thread().encode()), stdout=out, stderr=err)
    assert code == 0
    records = [json.loads(line) for line in err.getvalue().splitlines()]
    assert records[0]["note"] == "page_type" and records[0]["reason"] == "page_type.forum"
    notes = [r for r in records if "note" in r]
    assert records[:len(notes)] == notes
    assert all("filter" in r for r in records[len(notes):]) and len(records) > len(notes)
    assert POSTS[0] in out.getvalue().decode()


# ----------------------------------------------------------- DOM shapes


def feature_sections(cta: str = '<a class="button" href="/demo">Book a demo</a>') -> str:
    """A planted marketing page: a hero, three feature sections each with a heading and a button."""
    hero = '<section class="hero"><h1>Payroll for teams</h1><a href="/start">Get started</a></section>'
    return hero + "".join(f'<section><h2>Feature {n}</h2><p>{PROSE[n]}</p>{cta}</section>' for n in range(3))


def test_feature_sections_with_calls_to_action_decide_a_service_page() -> None:
    kind, signals = decide(feature_sections())
    assert signals == ["dom:3 feature sections, 2 calls to action, no article evidence"]  # the h1 hero is not one
    assert kind == "service"


def test_an_article_with_a_call_to_action_and_its_date_stays_an_article() -> None:
    dated = '<p>By Ann Lee, <time datetime="2025-03-02">March 2, 2025</time></p>' + feature_sections()
    assert decide(dated) == ("article", [])
    author = '<meta name="author" content="Ann Lee">'
    assert decide(feature_sections(), head=author) == ("article", [])
    body = ld({"@type": "WebPage", "articleBody": "Text"})
    assert decide(feature_sections(), head=body) == ("article", [])


def test_one_call_to_action_or_plain_links_are_not_a_service_page() -> None:
    plain = '<a href="/more">Our story</a>'
    assert decide(feature_sections(cta=plain)) == ("article", [])
    assert article_evidence(parse_tree(feature_sections()), []) == ""


def product_grid(cards: int, price: str = "$24.00") -> str:
    return '<ul class="grid">' + "".join(
        f'<li class="card"><a href="/p/{n}"><img src="{n}.jpg"></a><a href="/p/{n}">Mug {n}</a>'
        f'<span>{price}</span></li>' for n in range(cards)) + "</ul>"


def test_a_grid_of_priced_cards_points_to_a_collection() -> None:
    kind, signals = decide(product_grid(6))
    assert signals == ["dom:6 priced cards, no article evidence"]
    assert kind == "article"  # 1.5: not enough alone
    kind, signals = decide(product_grid(6), url="https://shop.example.com/collections/mugs")
    assert signals == ["url:collection", "dom:6 priced cards, no article evidence"]
    assert kind == "collection"


def test_a_few_cards_without_prices_or_a_dated_gift_guide_are_not_a_collection() -> None:
    assert decide(product_grid(5)) == ("article", [])
    assert decide(product_grid(8, price="handmade")) == ("article", [])
    guide = '<meta property="article:published_time" content="2025-11-20">'
    assert decide(product_grid(8), head=guide) == ("article", [])


def test_the_service_signal_is_explained_in_the_notes() -> None:
    page = html_page(feature_sections())
    result = clean_html_and_explain(page)
    assert result.page_type == "service"
    assert "feature sections" in result.notes[0].detail


def parse_tree(body: str) -> HtmlElement:
    tree = parse_html(html_page(body))
    assert tree is not None
    return tree
