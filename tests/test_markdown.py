"""Markdown mode: blocks and visible text, each kind of Markdown evidence with its traps, the region."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import declutter
from declutter import ConfigError, InputError, scan
from declutter.markdown import glued_blocks, replay_markdown
from declutter.markdown.parse import Kind, is_indented_list, parse_markdown

PROSE = ("The council voted on Monday to back the budget after a long debate that ran late into the night, "
         "and the mayor said the money would go to the harbour, the schools and the bus lanes first.")
PROSE2 = ("Opponents say they will appeal the decision in court next week, and their lawyer said the council had "
          "ignored the objections of more than two hundred residents who wrote to the planning office.")
MENU = "* [Home](/)\n* [News](/news)\n* [Sport](/sport)\n* [About us](/about)"


def removed(md: str) -> list[tuple[str, str]]:
    """(reason, removed source) of each removal."""
    return [(r.reason, r.text) for r in declutter.clean_markdown_and_explain(md).removals]


# --------------------------------------------------------------- blocks


def test_blocks_visible_text_and_features() -> None:
    md = ("# Title *here*\n\nSee [the **report**](http://x.org/r \"t\") and ![a chart](c.png) "
          "`code [x](y)` \\*not emphasis\\* &amp; more.\n\n| a | [b](c) |\n|---|---|\n| 1 | 2 |\n")
    doc = parse_markdown(md)
    assert [b.text for b in doc.blocks] == [
        "Title here", "See the report and a chart code [x](y) *not emphasis* & more.", "a | b | 1 | 2"]
    assert [str(f.kind) for f in doc.features] == ["heading", "paragraph", "table"]
    assert doc.features[0].level == 1
    report = doc.features[1]
    assert (report.links, report.images, report.link_words, report.alt_words) == (1, 1, 2, 2)
    assert doc.render(range(3)) == md


def test_urls_are_never_visible_text() -> None:
    doc = parse_markdown("[Home](https://example.org/home) <https://example.org> Help](https://example.org/help)\n")
    assert doc.blocks[0].text == "Home Help"
    assert "example" not in doc.blocks[0].text


def test_list_items_are_blocks_with_what_they_nest() -> None:
    doc = parse_markdown("- one\n  - one.a\n  - one.b\n- two\n\n1. first\n2. second\n")
    assert [b.text for b in doc.blocks] == ["one one.a one.b", "two", "first", "second"]
    assert all(f.kind is Kind.ITEM for f in doc.features)


@pytest.mark.parametrize("md", ["", "\n\n", "a", "# T\r\n\r\nBody.\r\n", "x\ry\r\rz", "  \n> q\nlazy\n\n", "\x00"])
def test_rendering_every_block_gives_the_input_back(md: str) -> None:
    doc = parse_markdown(md)
    assert doc.render(range(len(doc.blocks))) == md
    assert declutter.clean_markdown(md) == md if not doc.blocks else True


PARSER_TRAPS = ("# T\n\n* a\n  * b\n\n    code\n\n> q\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[r]: /x\n\n"
                "<div>\nx\n</div>\n\n```\nf\n```\n\n---\nText\n===\n")


def test_block_tokens_are_markdown_its_and_leave_logging_and_the_collector_as_they_were(
        caplog: pytest.LogCaptureFixture) -> None:
    import gc

    from markdown_it import MarkdownIt

    from declutter.markdown.parse import block_tokens

    plain = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
    assert block_tokens(PARSER_TRAPS) == plain.parse(PARSER_TRAPS)  # every field of every token
    with caplog.at_level("DEBUG", logger="markdown_it"):
        block_tokens(PARSER_TRAPS)
        assert not caplog.records  # this parser's rules do not log
        plain.parse(PARSER_TRAPS)
        assert caplog.records  # markdown-it's own still do
    assert gc.isenabled()
    gc.disable()
    try:
        block_tokens(PARSER_TRAPS)
        assert not gc.isenabled()  # a caller's paused collector stays paused
    finally:
        gc.enable()


@pytest.mark.parametrize(("md", "skipped"), [
    ("# T\n\n* a\n  * b\n\n    code\n\n> q\nlazy\n2. x\n\nText\n-- -\n", {"table", "reference", "lheading"}),
    ("p\n\n> a\n1. x\n\nq\n> b\n* \n\n[r] : /x\n\nnot | a table\n", {"reference", "lheading"}),
    ("Title\n  ===  \n\n> Quote\n> ---\n", {"table", "reference"}),
    ("Text\r\n---\r\n[r]: /x\r\n", {"table"}),
    (" ===\n\nText\n", {"table", "reference"}),  # an underline on the first line
    ("Text\n-", {"table", "reference"}),  # on the last line, without a line break
    ("a = b\n\nx -- y\n>  == z\n", {"table", "reference", "lheading"}),
    ("Nul\0here\n\n# T\n", {"table", "reference", "lheading"}),  # normalised (U+FFFD) as markdown-it does
])
def test_rules_a_document_cannot_need_are_skipped_with_the_same_tokens(md: str, skipped: set[str]) -> None:
    from markdown_it import MarkdownIt

    from declutter.markdown.parse import block_tokens, needless_rules

    plain = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
    assert needless_rules(md) == skipped
    assert block_tokens(md) == plain.parse(md)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\na#>-")) | st.text())
@example(" \t a\n\tb\n  \n\t")
def test_the_quick_block_state_is_the_one_markdown_it_builds(src: str) -> None:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

    from declutter.markdown.parse import _quick_init, _state_class

    md = MarkdownIt("commonmark")
    theirs, ours = object.__new__(_state_class()), object.__new__(_state_class())
    StateBlock.__init__(theirs, src, md, {}, [])
    _quick_init(ours, src, md, {}, [])
    assert vars(ours) == vars(theirs)
    assert _state_class().__init__ is _quick_init  # markdown-it's state still fits: the quick one is in use


_PIECES = [" ", "\t", "\n", "a", "#", "> ", "- ", "1. ", "|", "---", "```", "    "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES)).map("".join))
@example("> a\n> b\nc\n\n- x\n  y\n\n  z\n")
def test_the_quick_parser_makes_markdown_it_s_tokens(md: str) -> None:
    from markdown_it import MarkdownIt

    from declutter.markdown.parse import block_tokens

    plain = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
    assert block_tokens(md) == plain.parse(md)


#: Emphasis marks as first written: lookbehinds first, tried at every position of the text.
_EMPHASIS_AS_WRITTEN = r"(?<![\w*~])[*~]+(?=\S)|(?<=\S)[*~]+(?![\w*~])|(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("*~_ a1.\t\né-")) | st.text())
@example("**Bold** and _it_ ~~gone~~ a_b *x * y** _ __init__ ~")
def test_emphasis_marks_are_the_ones_the_pattern_as_written_finds(text: str) -> None:
    import re

    from declutter.markdown.parse import _EMPHASIS

    assert _EMPHASIS.sub("", text) == re.sub(_EMPHASIS_AS_WRITTEN, "", text)


def test_code_blocks_and_reference_definitions_are_protected() -> None:
    doc = parse_markdown("```\nRelated posts\n```\n\n    indented code\n\n[ref]: https://x.org\n\n"
                         "- item\n\n  ```\n  x\n  ```\n")
    assert [str(f.kind) for f in doc.features] == ["code", "code", "other", "item"]
    assert doc.protected == frozenset({0, 1, 2, 3})


def test_an_indented_list_of_links_is_markdown_not_code() -> None:
    assert is_indented_list("* [Home](/)\n  * [News](/news)\n* [About](/about)\n")
    assert is_indented_list("[Emmanuel Oyibo](https://example.org/authors/eo)\n")
    # Traps: real code, and code whose lines are not all Markdown lines.
    assert not is_indented_list("x = [1](2)\nprint(x)\n")
    assert not is_indented_list("* [Home](/)\nreturn items\n")
    assert not is_indented_list("* one\n* two\n* three\n")
    doc = parse_markdown("Menu\n\n    * [Home](/)\n    * [News](/news)\n")
    assert str(doc.features[1].kind) == "item" and not doc.features[1].code
    fenced = parse_markdown("```\n* [Home](/)\n* [News](/news)\n```\n")
    assert fenced.features[0].code


def test_non_strings_are_refused() -> None:
    with pytest.raises(InputError, match="takes a str"):
        declutter.clean_markdown(b"# bytes")  # type: ignore[arg-type]


# ------------------------------------------------------------- evidence


def test_skip_link_at_the_top_goes_but_a_table_of_contents_stays() -> None:
    md = f"[Skip to content](#main)\n\n# Guide\n\n* [Install](#install)\n* [Usage](#usage)\n\n{PROSE}\n"
    assert removed(md) == [("markdown.anchor", "[Skip to content](#main)")]


def test_a_row_of_linked_badges_goes_but_a_figure_stays() -> None:
    badges = "[![Build](https://ci.x/b.svg)](https://ci.x) [![PyPI](https://x/p.svg)](https://pypi.org/p)"
    figure = "[![The flooded market square on Sunday morning](/img/square.jpg)](/img/square-large.jpg)"
    md = f"# Title of it\n\n{badges}\n\n{PROSE}\n\n{figure}\n\n{PROSE2}\n"
    assert removed(md) == [("markdown.icons", badges)]


def test_a_run_of_link_only_items_goes() -> None:
    md = f"# Budget passes\n\n{PROSE}\n\n{MENU}\n\n{PROSE2}\n"
    assert [reason for reason, _ in removed(md)] == ["markdown.link_run"] * 4
    # At the top of a whole page (a site's menus: eight menu blocks or more) the region takes the menu first.
    page = removed(whole_page(f"# Budget passes\n\n{PROSE}"))
    assert [reason for reason, text in page if text in MENU.splitlines()] == ["region.header"] * 4
    # A lone run of menu items on main content is a link run.
    assert [reason for reason, _ in removed(f"{MENU}\n\n# Budget passes\n\n{PROSE}\n")] == ["markdown.link_run"] * 4


def test_a_list_of_links_a_sentence_announces_stays() -> None:
    md = f"# Budget passes\n\n{PROSE}\n\nThe council published these documents:\n\n{MENU}\n\n{PROSE2}\n"
    assert removed(md) == []


def test_a_list_of_long_links_stays() -> None:
    """Headlines, book or product titles: the content of a listing page."""
    items = "\n".join(f"* [{t}](/b/{i})" for i, t in enumerate((
        "Illustrated catalogue of general hardware and tools", "Price list of drawbar attachments for ploughs",
        "Special catalogue of builders' hardware from Saint Louis")))
    md = f"# Hardware catalogues\n\n{items}\n"
    assert removed(md) == []


def test_a_line_of_short_links_goes_but_prose_with_links_stays() -> None:
    nav = "[Home](/) | [About](/about) | [Contact](/contact) | [Blog](/blog)"
    prose = ("The [council](/c) met the [mayor](/m) and the [harbour board](/h) on Monday to agree on the budget, "
             "which passed by one vote.")
    md = f"{nav}\n\n# Budget\n\n{prose}\n\n{PROSE}\n"
    assert removed(md) == [("markdown.link_line", nav)]


def test_a_promo_heading_goes_with_its_teasers_up_to_the_next_heading() -> None:
    md = (f"# Budget\n\n{PROSE}\n\n## Related posts\n\n* [Harbour plan approved after long debate](/a)\n"
          f"* [Bus lanes stay until next year](/b)\n\n## What happens next\n\n{PROSE2}\n")
    assert [reason for reason, _ in removed(md)] == ["markdown.promo_section"] * 3
    assert "What happens next" in declutter.clean_markdown(md)


def test_on_a_listing_a_promo_section_is_content() -> None:
    """A page of teasers (headline and summary inside each link): "In case you missed it" is one more section."""
    def teasers(*titles: str) -> str:
        return "\n\n".join(f"[{t}: the council explains what changes for residents next year](/{i})"
                             for i, t in enumerate(titles))

    md = (f"# Technology\n\n{teasers('Chips', 'Robots', 'Phones')}\n\n"
          f"## In case you missed it\n\n{teasers('Drones', 'Tablets')}\n")
    assert removed(md) == [("promo.heading", "## In case you missed it")]  # the text filter's rule for the line
    article = f"# Budget\n\n{PROSE}\n\n{PROSE2}\n\n## In case you missed it\n\n{teasers('Drones', 'Tablets')}\n"
    assert [reason for reason, _ in removed(article)] == ["markdown.promo_section"] * 3


@pytest.mark.parametrize("heading", ["Related posts", "Don't miss", "Watch", "More from the Gazette", "Our budget"])
def test_promo_headings_are_found_alike_with_and_without_the_first_pass(heading: str) -> None:
    """A promo heading is asked of the line patterns only where the first pass's mask lets them match, and of
    the label (a bare inline label: "Don't miss", not a gate of the first pass) always."""
    md = (f"# Budget\n\n{PROSE}\n\n## {heading}\n\n* [Harbour plan approved after long debate](/a)\n"
          f"* [Bus lanes stay until next year](/b)\n\n## What happens next\n\n{PROSE2}\n")
    with scan.using("re"):
        slow = removed(md)
    with scan.using("hyperscan", warmup=0):
        fast = removed(md)
    assert fast == slow
    assert ([reason for reason, _ in fast] == ["markdown.promo_section"] * 3) is (heading != "Our budget")


def test_prose_under_a_promo_heading_stays() -> None:
    md = f"# Budget\n\n{PROSE}\n\n## You may also like\n\n{PROSE2}\n"
    out = declutter.clean_markdown(md)
    assert PROSE2 in out and PROSE in out


def test_a_promo_section_opened_by_a_line_ends_at_the_next_heading() -> None:
    md = (f"# Budget\n\n{PROSE}\n\nMore from the Gazette\n\n[Harbour plan approved](/a)\n\n"
          f"## The home of the council\n\nWhat the council does, in short.\n\n### Budgets\n\nHow money is spent.\n")
    out = declutter.clean_markdown(md)
    assert "More from the Gazette" not in out and "Harbour plan approved" not in out
    assert "## The home of the council" in out and "How money is spent." in out


def test_the_title_repeated_goes_but_a_sentence_naming_it_stays() -> None:
    md = (f"[Council backs budget](/story)\n\n# Council backs budget\n\n{PROSE}\n\n"
          f"The headline Council backs budget ran on every front page.\n\n## Council backs budget\n\n{PROSE2}\n")
    assert removed(md) == [("markdown.title", "[Council backs budget](/story)"),
                           ("markdown.title", "## Council backs budget")]


def test_text_filters_read_the_visible_text() -> None:
    md = f"# Budget\n\n**By [Jane Doe](/authors/jane)**\n\n{PROSE}\n"
    assert removed(md) == [("byline.byline", "**By [Jane Doe](/authors/jane)**")]


# --------------------------------------------------------------- region


def whole_page(body: str) -> str:
    header = f"[Logo](/)\n\n{MENU}\n\n[Log in](/login) | [Sign up](/join) | [Cart](/cart)"
    footer = ("## Company\n\n* [About](/about)\n* [Careers](/jobs)\n* [Press](/press)\n\n"
              "## Help\n\n* [FAQ](/faq)\n* [Returns](/returns)\n* [Contact](/contact)\n\n"
              "Made with care in Lisbon\n\n© 2024 Example Ltd")
    return f"{header}\n\n{body}\n\n{footer}\n"


def test_a_whole_page_loses_its_header_and_footer() -> None:
    body = f"# Council backs budget\n\n{PROSE}\n\n{PROSE2}"
    out = declutter.clean_markdown(whole_page(body))
    assert out.strip() == body
    reasons = {r.reason for r in declutter.clean_markdown_and_explain(whole_page(body)).removals}
    assert "region.footer" in reasons


def test_prose_outside_the_region_stays() -> None:
    md = whole_page(f"# Council backs budget\n\n{PROSE}\n\n{PROSE2}").replace(
        "Made with care in Lisbon", "The footer says this page was written by people who care, with many "
        "words of prose about the company and its long history in the city.")
    assert "long history in the city." in declutter.clean_markdown(md)


def test_main_content_is_left_alone_by_the_region() -> None:
    """No menu: the input is main content already (trafilatura's Markdown); short lines stay."""
    specs = "\n\n".join(("Ideal for:", "Hot sleepers", "Fabric Content", "100% long-staple cotton",
                         "Thread Count (TC)", "270 TC"))
    md = f"# Classic Percale\n\n{PROSE}\n\n{specs}\n\n[Size guide](/size)\n"
    assert declutter.clean_markdown(md) == md


def test_main_content_with_one_short_run_of_links_is_left_alone_by_the_region() -> None:
    """A product's variants as a run of three links is one menu-like run, not a site's menus: the short
    lines after it (its specification) are content, and the region does not cut them."""
    specs = "\n\n".join(("Ideal for:", "Hot sleepers", "Fabric Content", "100% long-staple cotton",
                         "Thread Count (TC)", "270 TC", "Weave", "Percale"))
    variants = "* [Twin](/p/twin)\n* [Queen](/p/queen)\n* [King](/p/king)"
    md = f"# Classic Percale\n\n{PROSE}\n\n{variants}\n\n{specs}\n"
    result = declutter.clean_markdown_and_explain(md)
    assert not [r for r in result.removals if r.filter == "region"]
    assert specs in result.text


def test_the_title_opens_the_region_when_prose_follows_it() -> None:
    """Link lists between the title and the densest prose: the article began at its title (it says so in a
    paragraph), so nothing from the title on is the site's header, however far back the title lies."""
    lead = ("This guide lists every free course we could find this year, and we keep it up to date as the "
            "universities add new ones, so come back to it often.")
    lists = "\n\n".join(f"## Provider {n}\n\n" + "\n".join(f"- [Course {n}{i}](/c/{n}/{i})" for i in range(6))
                        for n in range(8))
    body = f"# Free courses of the year\n\n{lead}\n\n{lists}\n\n{PROSE}\n\n{PROSE2}\n\n{PROSE}"
    result = declutter.clean_markdown_and_explain(whole_page(body))
    headers = [r.text for r in result.removals if r.reason == "region.header"]
    assert headers and all(text in whole_page("") for text in headers)  # the site's header went, nothing after
    assert "# Free courses of the year" in result.text and lead in result.text


def test_a_title_far_before_the_region_with_no_prose_between_stays_outside() -> None:
    """Without a paragraph between them, a title more than region.TITLE_REACH blocks before the densest
    prose does not open the region: what lies between is the site's (a shop's filters, a grid)."""
    grid = "\n\n".join(f"[Item {i}](/p/{i})" for i in range(20))
    body = f"# Shop\n\n{grid}\n\n{PROSE}\n\n{PROSE2}\n\n{PROSE}"
    reasons = removed(whole_page(body))
    assert ("region.header", "# Shop") in reasons


@pytest.mark.xfail(strict=True, reason="known: a tutorial whose modules are announced lists of short links holds "
                   "a site's worth of menu blocks, so the region takes it for a whole page and cuts its last modules")
def test_a_tutorial_made_of_link_lists_is_main_content() -> None:
    modules = [("Data preparation", ["Cleaning data", "Feature scaling", "Train test split"]),
               ("Supervised learning", ["Linear regression", "Decision trees", "Random forests"]),
               ("Deployment", ["Serving with Flask", "Model monitoring", "Batch scoring"])]
    parts = ["# Machine learning tutorial", PROSE]
    for number, (title, lessons) in enumerate(modules, 1):
        parts += [f"## Module {number}: {title}", "Each lesson below has code you can run:",
                  "\n".join(f"- [{lesson}](/ml/{number}/{i})" for i, lesson in enumerate(lessons))]
    md = "\n\n".join(parts) + "\n"
    assert declutter.clean_markdown(md) == md


def test_a_whole_page_holds_a_run_of_menu_blocks_and_eight_in_all() -> None:
    from declutter.markdown.region import whole_page

    one_run = parse_markdown(f"{MENU}\n\n# Budget\n\n{PROSE}\n").features
    assert not whole_page(one_run)
    footer = "\n\n".join(f"[{label}](/{label.lower()}) | [Help](/help)" for label in ("About", "Jobs", "Press", "FAQ"))
    assert whole_page(parse_markdown(f"{MENU}\n\n# Budget\n\n{PROSE}\n\n{footer}\n").features)
    scattered = "\n\n".join(f"{PROSE}\n\n[More](/m{i}) | [Share](/s{i})" for i in range(8))
    assert not whole_page(parse_markdown(scattered).features)  # eight menu blocks, but never a run


def test_a_listing_page_keeps_its_listing() -> None:
    """Long links are the content; a page without one dense region is left alone by the region."""
    cards = "\n\n".join(f"### [{t}](/item/{i})\n\n{t.split()[0]} and more, from $1{i}."
                        for i, t in enumerate(("Rain jacket for hikers", "Down vest for cold days",
                                               "Trail shoes with deep lugs", "Wool socks in three sizes",
                                               "Headlamp with red light")))
    out = declutter.clean_markdown(whole_page(f"# Outdoor gear\n\n{cards}"))
    for title in ("Rain jacket for hikers", "Headlamp with red light", "Wool socks in three sizes"):
        assert title in out


# ----------------------------------------------------------- mechanics


def test_a_removal_that_would_glue_two_blocks_is_not_made() -> None:
    md = f"The vote was close, the clerk said.\n## Related posts\n{PROSE2}\n"
    doc = parse_markdown(md)
    assert glued_blocks(doc, [0, 2]) == frozenset({1})
    assert declutter.clean_markdown(md) == md
    spaced = md.replace("\n", "\n\n")
    assert declutter.clean_markdown(spaced) == f"The vote was close, the clerk said.\n\n{PROSE2}\n\n"


def test_replay_rebuilds_the_output_and_refuses_foreign_removals() -> None:
    md = whole_page(f"# Council backs budget\n\n{PROSE}")
    result = declutter.clean_markdown_and_explain(md)
    assert replay_markdown(md, result.removals) == result.text
    assert declutter.replay_markdown(md, result.removals) == result.text
    with pytest.raises(ConfigError, match="does not match"):
        replay_markdown(md.replace("Home", "Start"), result.removals)


def test_removals_carry_source_and_line() -> None:
    md = "\n[Skip to content](#main)\n\n# Title\n\nBody.\n\n[Skip to content](#main)\n"
    result = declutter.clean_markdown_and_explain(md)
    assert [(r.filter, r.reason, r.index, r.line, r.text) for r in result.removals] == [
        ("markdown", "markdown.anchor", 0, 2, "[Skip to content](#main)"),
        ("chrome", "chrome.ui", 3, 8, "[Skip to content](#main)")]


def test_protect_patterns_apply_to_visible_text() -> None:
    md = f"{MENU}\n\n# Budget\n\n{PROSE}\n"
    out = declutter.clean_markdown(md, declutter.Config(protect_patterns=("^News$",)))
    assert "* [News](/news)" in out and "* [Home](/)" not in out


# ------------------------------------------------------------- HTML mode


PAGE = ("<html><head><title>Council backs budget | Gazette</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Council backs budget</h1>"
        f"<p>{PROSE} <a href='https://example.org/minutes'>The minutes</a> are online.</p>"
        "<h2>What happens next</h2><ul><li>The budget goes to the regional board.</li>"
        "<li>Work on the harbour starts in May.</li></ul>"
        f"<p>{PROSE2}</p></article></body></html>")


def test_clean_html_gives_markdown() -> None:
    out = declutter.clean_html(PAGE, output_format="markdown")
    assert "[The minutes](https://example.org/minutes)" in out
    assert "## What happens next" in out
    assert "- The budget goes to the regional board." in out
    assert "Home" not in out
    text = declutter.clean_html(PAGE)
    assert "[" not in text and "The minutes are online." in text


def test_clean_html_refuses_an_unknown_output_format() -> None:
    with pytest.raises(ConfigError, match="output_format"):
        declutter.clean_html(PAGE, output_format="rst")


def test_a_short_article_on_a_whole_page_is_not_cut() -> None:
    """Too little prose for a region: the page is kept rather than its article lost."""
    md = "* [Home](/)\n* [News](/news)\n* [Sport](/sport)\n\n# Budget\n\nThe council backed it.\n\nShort, too.\n"
    out = declutter.clean_markdown(md)
    assert "The council backed it." in out and "Short, too." in out


def test_the_region_can_be_left_out_for_main_content() -> None:
    """run_markdown(region=False): what only the region would cut stays; the other evidence still acts."""
    from declutter.markdown import run_markdown

    md = whole_page(f"# Council backs budget\n\n{PROSE}\n\n{PROSE2}")
    assert "[Logo](/)" not in declutter.clean_markdown(md)
    result = run_markdown(parse_markdown(md), declutter.Config(), region=False)
    assert "[Logo](/)" in result.text and "Made with care in Lisbon" in result.text
    assert not [r for r in result.removals if r.filter == "region"]
    assert "[Sport](/sport)" not in result.text  # the menu is still a link run


def test_clean_html_markdown_does_not_run_the_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTML mode's extraction is the main content already: the Markdown stage leaves the region out."""
    from declutter.markdown import from_html

    md = whole_page(f"# Council backs budget\n\n{PROSE}\n\n{PROSE2}")
    monkeypatch.setattr(from_html, "extract_markdown", lambda tree, url, comments=False: md)
    monkeypatch.setattr(from_html, "AGREEMENT", 0.0)  # taken whatever the text extraction holds
    result = declutter.clean_html_and_explain(PAGE, output_format="markdown")
    assert "[Logo](/)" in result.text and PROSE in result.text
    assert not [r for r in result.removals if r.filter == "region"]


def test_an_author_list_of_links_stays_but_a_menu_line_goes() -> None:
    authors = "[Ann Lee](/a/lee), [Bo Chen](/a/chen), [Cy Diaz](/a/diaz) and [Di Ng](/a/ng)"
    md = f"# Paper\n\n{authors}\n\n{PROSE}\n"
    assert declutter.clean_markdown(md) == md
    menu = "[Home](/) | [About](/about) | [Contact](/contact) | [Jobs](/jobs)"
    assert removed(f"# Paper\n\n{menu}\n\n{PROSE}\n") == [("markdown.link_line", menu)]


def test_clean_html_markdown_keeps_a_forums_replies_as_text_does() -> None:
    """On a forum page the replies are the content in both outputs: extracted, and kept by the promos filter."""
    from tests.test_html_modern import POSTS, xenforo_thread

    url = "https://forums.example.com/threads/storage.123/"
    result = declutter.clean_html_and_explain(xenforo_thread(), url=url, output_format="markdown")
    assert result.page_type == "forum"
    for post in POSTS:
        assert post in result.text
    assert "Senior member" not in result.text


def test_clean_html_markdown_takes_the_text_when_the_markdown_disagrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's Markdown extraction holding other words than its text extraction (or than a rescue):
    the text the plain output is cleaned from becomes the Markdown, escaped, one paragraph a line."""
    from declutter.markdown import from_html

    monkeypatch.setattr(from_html, "extract_markdown", lambda tree, url, comments=False: "# Other\n\nUnrelated.\n")
    out = declutter.clean_html(PAGE, output_format="markdown")
    assert PROSE in out and "Unrelated" not in out
    assert "\\- The budget goes to the regional board." in out  # the text's "- " item, read as text


def test_text_as_markdown_reads_as_the_text() -> None:
    from declutter.markdown.from_html import text_as_markdown

    lines = ["# not a heading", "1. not a list", "- nor this", "> nor a quote", "[not](a link) *or* `code` <b>",
             "a | b", "===", "    indented", "2) done \\ back"]
    doc = parse_markdown(text_as_markdown("\n".join(lines)))
    assert [b.text for b in doc.blocks] == [line.strip() for line in lines]
    assert {str(f.kind) for f in doc.features} == {"paragraph"} and not any(f.links for f in doc.features)


def test_escaped_brackets_are_text_not_a_link() -> None:
    doc = parse_markdown("\\[a\\](x) and [b](y)\n")
    assert doc.blocks[0].text == "[a](x) and b"
    assert doc.features[0].links == 1 and doc.features[0].link_words == 1


def test_a_paragraph_of_pipes_keeps_its_text() -> None:
    assert [b.text for b in parse_markdown("|\n\n| |\n").blocks] == ["|", "| |"]
