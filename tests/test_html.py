"""HTML mode: clean_html / clean_html_and_explain and the --html CLI option."""

from __future__ import annotations

import io
import sys
from dataclasses import replace

import pytest

import declutter
from declutter import Config, InputError, clean, clean_and_explain, clean_html, clean_html_and_explain
from declutter.cli import main
from declutter.html import decode_html, page_meta, parse_html

BODY_1 = "The council voted on Monday to back the budget after a debate that ran late into the night."
BODY_2 = "Opponents of the plan said they would take the decision to the courts before the end of the month."
BODY_3 = "The mayor said the money would go to schools, roads and the new library on the river front."


def page(*parts: str, title: str = "Council backs budget | The Gazette", head: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
            + "".join(parts) + "</body></html>")


def article(*inner: str) -> str:
    return "<article>" + "".join(inner) + "</article>"


def p(text: str, attrs: str = "") -> str:
    return f"<p{attrs}>{text}</p>"


PLAIN = article(p(BODY_1), p(BODY_2), p(BODY_3))


def test_plain_article_text_comes_through() -> None:
    out = clean_html(page(PLAIN))
    for body in (BODY_1, BODY_2, BODY_3):
        assert body in out


@pytest.mark.parametrize(("clutter", "filter_name", "reason"), [
    ("<figure><img src='a.jpg'><figcaption>The chamber on Monday. (Photo: Jane Roe)</figcaption></figure>",
     "html.captions", "caption.element"),
    ("<aside><h3>Most read</h3><p>Another story people read a lot this week, apparently</p></aside>",
     "html.chrome", "chrome.tag"),
    ("<div class='related-posts'><h3>More stories</h3><p>A teaser about a different council and its budget</p>"
     "</div>", "html.promos", "promo.element"),
    ("<div id='newsletter'><p>Get the morning briefing in your inbox every day of the week for free</p></div>",
     "html.promos", "promo.element"),
    ("<div class='c-share-tools'><a href='#'>Facebook</a> <a href='#'>Twitter</a></div>", "html.promos",
     "promo.element"),
    ("<section id='comments'><p>Reader one wrote a long comment about the budget and the library plan</p>"
     "</section>", "html.promos", "promo.element"),
    ("<div class='byline'>By Jane Doe, City Hall reporter</div>", "html.bylines", "byline.element"),
    ("<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>", "html.chrome", "chrome.tag"),
    ("<div class='cookie-banner'><p>We use cookies to improve your experience on this website today</p></div>",
     "html.chrome", "chrome.hint"),
    ("<div hidden><p>This text is hidden from every reader of the page and never shown</p></div>",
     "html.chrome", "chrome.hidden"),
])
def test_clutter_element_is_removed_and_explained(clutter: str, filter_name: str, reason: str) -> None:
    html = page(article(p(BODY_1), clutter, p(BODY_2)))
    result = clean_html_and_explain(html)
    assert BODY_1 in result.text and BODY_2 in result.text
    matching = [r for r in result.removals if r.filter == filter_name and r.reason == reason]
    assert matching, result.removals
    removed_text = matching[0].text
    assert removed_text and removed_text not in result.text


@pytest.mark.parametrize("attrs", [' class="author-jane-doe"', ' class="unrelated"', ' class="tag-related"',
                                   ' class="has-comments"', ' id="unrelated-thing"', ' class="content-sidebar-wrap"',
                                   ' class="post-body post-body--share-bottom"', ' class="thread"'])
def test_real_paragraph_in_misleading_class_survives(attrs: str) -> None:
    planted = "The planted paragraph says the budget grew by four percent, the first rise in a decade."
    html = page(article(p(BODY_1), f"<div{attrs}>{p(planted)}</div>", p(BODY_2)))
    result = clean_html_and_explain(html)
    assert planted in result.text
    assert not any(planted in r.text for r in result.removals)


def test_container_holding_the_article_is_never_removed_by_its_class() -> None:
    html = page(f"<div class='comments-open related'>{PLAIN}</div>", "<div class='related'>A teaser</div>")
    removals = clean_html_and_explain(html).removals
    assert [r.text for r in removals] == ["A teaser"]


def test_headline_matching_the_title_leaves_the_body() -> None:
    html = page("<h1>Council backs budget</h1>", article(p(BODY_1), p(BODY_2)))
    result = clean_html_and_explain(html)
    assert "Council backs budget" not in result.text
    assert [r.reason for r in result.removals if r.filter == "html.headline"] == ["headline.element"]


def test_headline_inside_the_article_is_left_to_the_text_stage() -> None:
    html = page(article("<h1>Council backs budget</h1>", p(BODY_1), p(BODY_2)))
    result = clean_html_and_explain(html)
    assert "Council backs budget" not in result.text and BODY_1 in result.text
    assert [(r.filter, r.reason) for r in result.removals] == [("headline", "headline.title")]


def test_title_heading_deep_inside_the_article_stays() -> None:
    html = page(article(p(BODY_1), p(BODY_2), p(BODY_3), "<h2>Council backs budget</h2>", p(BODY_1[::-1])))
    assert "Council backs budget" in clean_html(html)


def test_heading_that_is_not_the_title_stays() -> None:
    html = page(article(p(BODY_1), "<h2>What the library will cost</h2>", p(BODY_2), p(BODY_3)))
    assert "What the library will cost" in clean_html(html)


def test_deck_matching_the_description_leaves_the_body() -> None:
    deck = "The vote ends a year of argument over schools, roads and a new library."
    head = f'<meta property="og:description" content="{deck}">'
    html = page(article("<h1>Council backs budget</h1>", f"<h2 class='dek'>{deck}</h2>", p(BODY_1), p(BODY_2)),
                head=head)
    result = clean_html_and_explain(html)
    assert deck not in result.text and BODY_1 in result.text
    assert "headline.deck" in {r.reason for r in result.removals}


def test_lead_paragraph_equal_to_the_description_stays() -> None:
    head = f'<meta name="description" content="{BODY_1}">'
    out = clean_html(page(PLAIN, head=head))
    assert BODY_1 in out


def test_split_body_chunks_are_all_extracted() -> None:
    chunk = "<div class='article__body'>{}</div>"
    html = page(article(chunk.format(p(BODY_1)), "<div class='ad'>Advertisement</div>", chunk.format(p(BODY_2)),
                        "<div class='ad'>Advertisement</div>", chunk.format(p(BODY_3))))
    out = clean_html(html)
    assert out.index(BODY_1) < out.index(BODY_2) < out.index(BODY_3)


def test_page_meta_reads_titles_and_descriptions() -> None:
    head = ('<meta property="og:title" content="Council backs the budget">'
            '<script type="application/ld+json">{"@graph": [{"headline": "Budget passes", '
            '"description": "A long night at city hall"}]}</script>')
    tree = parse_html(page(PLAIN, head=head))
    assert tree is not None
    meta = page_meta(tree)
    assert frozenset({"budget", "passes"}) in meta.titles
    assert frozenset({"gazette"}) not in meta.titles  # one-word segments are too weak to match
    assert frozenset({"a", "long", "night", "at", "city", "hall"}) in meta.descriptions


def test_text_pipeline_removes_nothing_from_the_output() -> None:
    clutter = ("<div class='byline'>By Jane Doe</div>" + p("Related: Another story about the council")
               + p("By John Roe") + p("Sign up for our newsletter"))
    for html in (page(PLAIN), page(article(clutter, p(BODY_1), p(BODY_2), p("Share this article")))):
        out = clean_html(html)
        assert clean(out) == out
        assert clean_and_explain(out).removals == ()


def test_text_stage_removals_replay_on_the_extracted_text() -> None:
    html = page(article(p(BODY_1), p("Related: Another story about the council"), p(BODY_2)))
    result = clean_html_and_explain(html)
    text_stage = [r for r in result.removals if not r.filter.startswith("html.")]
    assert [(r.filter, r.reason) for r in text_stage] == [("promos", "promo.inline")]
    assert "Related: Another story" not in result.text


def test_html_removals_are_indexed_by_element_order() -> None:
    html = page(article(p(BODY_1), "<div class='byline'>By Jane Doe</div>", p(BODY_2)))
    tree = parse_html(html)
    assert tree is not None
    elements = list(tree.iter())
    byline = next(r for r in clean_html_and_explain(html).removals if r.filter == "html.bylines")
    assert elements[byline.index].get("class") == "byline"
    assert byline.detail == '<div class="byline">'


def test_protect_patterns_keep_an_element() -> None:
    html = page(article(p(BODY_1), "<div class='byline'>By Jane Doe</div>", p(BODY_2)))
    config = replace(Config(), protect_patterns=("Jane Doe",))
    assert all(r.filter != "html.bylines" for r in clean_html_and_explain(html, config=config).removals)


def test_keep_captions_keeps_figcaptions() -> None:
    html = page(article(p(BODY_1), "<figure><figcaption>The chamber on Monday evening</figcaption></figure>",
                        p(BODY_2)))
    config = replace(Config(), keep_captions=True)
    assert all(r.filter != "html.captions" for r in clean_html_and_explain(html, config=config).removals)


def test_deterministic() -> None:
    html = page(article(p(BODY_1), "<div class='related'>x y z</div>", p(BODY_2)))
    assert clean_html_and_explain(html) == clean_html_and_explain(html)


@pytest.mark.parametrize("html", ["", "   \n", b"", "<html></html>", "<p>", "just some words", "<<<>>>&&&",
                                  "<div><span>unclosed", b"\xff\xfe\x00garbage", "<?xml version='1.0'?><p>x</p>"])
def test_empty_and_garbage_give_text_or_input_error(html: str | bytes) -> None:
    try:
        out = clean_html(html)
    except InputError as exc:
        assert str(exc)
    else:
        assert isinstance(out, str)


def test_binary_input_is_an_input_error() -> None:
    with pytest.raises(InputError, match="binary"):
        clean_html(b"\x00" * 50 + b"<p>x</p>")


def test_wrong_type_is_an_input_error() -> None:
    with pytest.raises(InputError, match="str or bytes"):
        clean_html(42)  # type: ignore[arg-type]


def test_huge_nesting_does_not_crash() -> None:
    depth = 5000
    html = "<html><body>" + "<div>" * depth + p(BODY_1) + "</div>" * depth + "</body></html>"
    assert isinstance(clean_html(html), str)


def test_bytes_are_decoded_by_their_charset() -> None:
    html = page(article(p("Le café était fermé ce jour-là, et le maire a parlé devant la mairie du village."),
                        p(BODY_1)), head='<meta charset="iso-8859-1">')
    assert "café était fermé" in clean_html(html.encode("iso-8859-1"))
    assert "café était fermé" in clean_html(html.encode("utf-8"))
    assert decode_html(b"\xef\xbb\xbf<p>x</p>") == "<p>x</p>"


def test_exported_from_the_package() -> None:
    assert declutter.clean_html is not None and "clean_html_and_explain" in declutter.__all__


def run_cli(argv: list[str], data: bytes) -> tuple[int, str, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue().decode("utf-8"), err.getvalue()


def test_cli_html_prints_the_main_text_and_explains() -> None:
    html = page("<h1>Council backs budget</h1>", article(p(BODY_1), "<div class='byline'>By Jane Doe</div>",
                                                          p(BODY_2))).encode()
    code, out, err = run_cli(["--html", "--explain"], html)
    assert code == 0
    assert out == f"{BODY_1}\n{BODY_2}\n"
    assert '"filter": "html.bylines"' in err and '"filter": "html.headline"' in err


def test_cli_html_rejects_jsonl_and_diff() -> None:
    for flag in ("--jsonl", "--diff"):
        code, _, err = run_cli(["--html", flag], b"<p>x</p>")
        assert code == 2 and "--html cannot be combined" in err


def test_cli_html_binary_input_is_exit_1() -> None:
    code, out, err = run_cli(["--html"], b"\x00" * 100)
    assert code == 1 and out == "" and err.startswith("declutter: error:")


def test_python_version() -> None:
    assert sys.version_info >= (3, 11)


def test_promo_heading_takes_its_link_lines_and_no_more() -> None:
    teasers = "".join(f"<p><a href='/s{i}'>Teaser headline number {i} about something else</a></p>" for i in range(3))
    short_body = "The plague is treatable with antibiotics, doctors said."
    html = page(article(p(BODY_1), "<p><strong>DON'T MISS</strong></p>", teasers, p(short_body), p(BODY_2)))
    result = clean_html_and_explain(html)
    assert "Teaser headline" not in result.text and "DON'T MISS" not in result.text
    assert short_body in result.text and BODY_2 in result.text
    reasons = [r.reason for r in result.removals if r.filter == "html.promos"]
    assert reasons == ["promo.heading", "promo.section", "promo.section", "promo.section"]


def test_promo_heading_and_links_in_one_paragraph() -> None:
    box = ("<p><strong>Related</strong><br><a href='/a'>First other story</a><br>"
           "<a href='/b'>Second other story</a></p>")
    result = clean_html_and_explain(page(article(p(BODY_1), box, p(BODY_2))))
    assert "other story" not in result.text and BODY_2 in result.text


def test_nested_article_is_a_teaser() -> None:
    teaser = "<article><h3>Another story</h3><p>Its teaser paragraph, which is not part of this article.</p></article>"
    result = clean_html_and_explain(page(article(p(BODY_1), p(BODY_2), p(BODY_3), teaser)))
    assert "teaser paragraph" not in result.text
    assert "chrome.nested_article" in {r.reason for r in result.removals}


def test_a_hidden_tab_panel_is_content_waiting_to_be_shown() -> None:
    steps = {"Node.js": "Install Node.js 20 or later, then run npm install to fetch the helper library.",
             "Python": "Install Python 3.12 or later, then run pip install to fetch the helper library."}
    panels = "".join(f'<div role="tabpanel"{"" if n == 0 else " hidden"} class="panel"><p>{text}</p></div>'
                     for n, text in enumerate(steps.values()))
    html = page(article(p(BODY_1), f'<div class="tabs">{panels}</div>', p(BODY_2)))
    result = clean_html_and_explain(html)
    assert all(text in result.text for text in steps.values()), result.removals
    assert not [r for r in result.removals if r.reason == "chrome.hidden"]


@pytest.mark.parametrize("attrs", [' class="glossary-tooltip"', ' class="popover-link"', ' class="share"',
                                   ' class="author"'])
def test_an_inline_word_of_a_sentence_is_never_removed_for_its_class(attrs: str) -> None:
    sentence = "Every service picks its <a{attrs} href='/pods'>Pods</a> by a label selector that you set."
    html = page(article(p(BODY_1), p(sentence.format(attrs=attrs)), p(BODY_2)))
    result = clean_html_and_explain(html)
    assert "Every service picks its Pods by a label selector that you set." in result.text, result.removals


def test_code_and_its_highlighting_spans_are_never_removed_for_their_class() -> None:
    code = ('<pre><code><span class="sp-syntax-comment">// Still the old value!</span>\n'
            'setAge(age + 1);<span class="token comment">// request a re-render</span></code></pre>')
    html = page(article(p(BODY_1), code, p(BODY_2)))
    result = clean_html_and_explain(html)
    assert "// Still the old value!" in result.text and "// request a re-render" in result.text, result.removals
