"""The content guard and the measure of alike groups (issue #10: never lose what trafilatura alone finds)."""

from __future__ import annotations

from declutter.html import HtmlResult, NoteKind, clean_html_and_explain

PROSE = [
    "Our team plans, builds and maintains gardens for schools, hospitals and small offices across the region.",
    "Every project starts with a walk around the site, a soil test and a conversation about how the space is used.",
    "We plant native species that need little water, and we come back each season to prune, mulch and repair.",
    "Schools can book a free workshop in which pupils sow seeds, build a compost bin and map the birds they see.",
]
SITE = [
    "The garden trust was founded by volunteers who wanted every child to grow food at least once a year.",
    "It is funded by members and small grants, and it publishes its accounts every spring for anyone to read.",
    "Volunteers meet on the first Saturday of each month to plan the season and to share seeds and tools.",
    "The trust also lends tools to schools, from spades and rakes to a small greenhouse that fits a yard.",
]


def html_page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>A page</title></head><body>{body}</body></html>"


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def refusals(result: HtmlResult, reason: str) -> list[str]:
    return [n.detail for n in result.notes if n.kind is NoteKind.REFUSED and n.reason == reason]


def test_a_promo_named_box_holding_most_of_the_article_stays() -> None:
    # The box holds three quarters of the article (trafilatura's content node) but only a third of the page:
    # the page-wide share guards do not keep it, the content guard does.
    body = (f'<div class="site-story">{paragraphs(SITE)}</div>'
            f'<article class="post">{paragraphs(PROSE[:1])}<div class="promo-area">{paragraphs(PROSE[1:])}</div>'
            "</article>")
    result = clean_html_and_explain(html_page(body))
    for line in PROSE:
        assert line in result.text
    assert refusals(result, "guard.content") == ['html.promos promo.element <div class="promo-area">']
    assert not result.removals


def test_a_small_promo_box_inside_the_article_still_goes() -> None:
    promo = "Subscribe to our seasonal letter and get ten percent off your first garden visit."
    body = (f'<div class="site-story">{paragraphs(SITE)}</div>'
            f'<article class="post">{paragraphs(PROSE)}<div class="promo-area"><p>{promo}</p></div></article>')
    result = clean_html_and_explain(html_page(body))
    assert promo not in result.text
    assert [r.reason for r in result.removals] == ["promo.element"]


def test_a_link_list_holding_half_the_article_is_no_content() -> None:
    links = "".join(f'<div><a href="/garden/{i}">{text}</a></div>' for i, text in enumerate(SITE))
    body = (f"<div>{PROSE[3]}</div>"
            f'<article class="post"><div>{PROSE[0]}</div><div class="promo-area"><div>{PROSE[1]}</div>{links}</div>'
            "</article>")
    result = clean_html_and_explain(html_page(body))
    assert not refusals(result, "guard.content")
    assert [r.reason for r in result.removals] == ["promo.element"]


def test_alike_boxes_holding_most_of_the_paragraphs_stay_together() -> None:
    # Three alike boxes hold three quarters of the page's paragraph text but less than half its text (the rest is
    # loose text outside paragraphs): measured as one element, the paragraph share guard keeps them.
    facts = "".join(f"<div>{text}</div>" for text in SITE)
    items = "".join(f'<div class="promo-area">{paragraphs([text])}</div>' for text in PROSE[1:])
    result = clean_html_and_explain(html_page(f'<div class="facts">{facts}</div><section>{paragraphs(PROSE[:1])}'
                                              f"{items}</section>"))
    for line in PROSE:
        assert line in result.text
    assert refusals(result, "guard.share") == ['html.promos promo.element <div class="promo-area">'] * 3


def test_an_aside_inside_the_article_is_left_to_the_tag_rule() -> None:
    # nav, aside, menu and dialog name themselves as chrome: the content guard (like the paragraph share guard)
    # does not keep them for their share of the article.
    body = (f'<div class="site-story">{paragraphs(SITE)}</div>'
            f"<article class=\"post\">{paragraphs(PROSE[:1])}<aside>{paragraphs(PROSE[1:])}</aside></article>")
    result = clean_html_and_explain(html_page(body))
    assert not refusals(result, "guard.content")
    assert [r.reason for r in result.removals] == ["chrome.tag"]


def test_plain_hidden_chunks_are_not_alike_boxes_for_the_paragraph_measure() -> None:
    # Tags alike by their tag alone (no class name) are measured on the text outside links only, as before:
    # hidden chunks holding most of the paragraphs but less than half the text still go.
    facts = "".join(f"<div>{text}</div>" for text in SITE)
    chunks = "".join(f"<div hidden>{paragraphs([text])}</div>" for text in PROSE[1:])
    result = clean_html_and_explain(html_page(f'<div class="facts">{facts}</div><section>{paragraphs(PROSE[:1])}'
                                              f"{chunks}</section>"))
    assert not refusals(result, "guard.share")
    assert [r.reason for r in result.removals] == ["chrome.hidden"] * 3
