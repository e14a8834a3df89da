"""The compiled scanner of inline Markdown (``_speedups.inline_visible``) reads what :func:`visible` reads.

Where it gives an answer, its visible text (white space collapsed, as :func:`describe` collapses it) and
its counts are :func:`visible`'s; where it gives None, :func:`visible` reads the text. And a parse with the
compiled helpers equals a parse in pure Python (``DECLUTTER_ENGINE=re``), block by block.
"""

from __future__ import annotations

import html

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from declutter import scan
from declutter.markdown import parse
from declutter.markdown.parse import _count_words_python, _Counts, parse_markdown, visible
from tests.strategies_markdown import markdown_noise, pages

COMPILED = pytest.mark.skipif(scan._SPEEDUPS is None, reason="declutter._speedups is not built (no C compiler)")
#: Pieces of inline Markdown where the two could part: brackets, parentheses, titles, escapes, emphasis
#: marks around words and spaces, entities, line breaks (hard ones too), non-ASCII word characters.
PIECES = ["a", "Bo", " ", "  \n", "\n", "\\\n", "[", "]", "](", "(", ")", "![", "!", "#", "\"t\"", "'t'", " \"t\" ",
          "*", "**", "_", "__", "~", "~~", "\\", "\\*", "\\_", "\\[", "\\]", "\\!", "&amp;", "&", "&#x41;", "é",
          "ß", "\u2009", "\xa0", "/x_y", "<", ">", "`", ":", ".", ",", "|", "\t", "1"]
#: Whole links and images, well formed and not.
LINKS = ["[Home](/)", "[**News**](https://g.example/news \"News\")", "![logo](/l.png)", "[![a](/i.png)](/x)",
         "[![](/i.png) Shop](#top)", "[a](b c)", "[a]( 'b' )", "[a](<b>)", "[a](b(c))", "[a][ref]", "![a]",
         "[[x]](/y)", "[x\\]](/y)", "[a](#)", "[a]()", "Help](/help)", "[_a_](/b_c)", "[a](/b \"c\nd\")"]


def python_seen(content: str) -> tuple[object, ...]:
    counts = _Counts(_count_words_python)
    visible(content, counts)
    return (" ".join("".join(counts.parts).split()), counts.words, counts.link_words, counts.alt_words,
            counts.links, counts.images, counts.anchors)


def compiled_seen(content: str) -> tuple[object, ...] | None:
    seen = scan._SPEEDUPS.inline_visible(content, html.unescape)
    return None if seen is None else (" ".join(seen[0].split()), *seen[1:])


@COMPILED
@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES + LINKS), max_size=14).map("".join) | st.text(max_size=30))
@example("**1\\. High-Protein, Balanced Meals**")
@example("By [Korin Miller](/author/k/ \"Korin Miller\")Published: Jan 29, 2025")
@example("[__](https://x.example/share?u=1&t=How Machine)")
@example("a*b* _c_ __d__ x_y ~~e~~ *~f~* **")
@example("*\\\\\n")  # an escaped backslash before a line break: still a hard break to _plain
@example("[![](/a.png)](/b) [![logo](/c.png \"C\")](/d \"D\")")
def test_compiled_scanner_reads_what_visible_reads(content):
    seen = compiled_seen(content)
    if seen is not None:
        assert seen == python_seen(content)


@COMPILED
def test_compiled_scanner_reads_most_inline_markdown():
    """Plain text, links, images, titles, escapes and emphasis are read in C; code spans and tags are not."""
    read = ["Plain text.", "[Home](/) | [News](/news)", "**By [Jane Doe](/jane \"Jane\")**", "1\\. First",
            "[![logo](/l.png)](/)", "Terms &amp; conditions"]
    assert all(compiled_seen(text) is not None for text in read)
    assert [compiled_seen(text) for text in ("Run `make`.", "<b>x</b>", "See <https://x.example>.", "[a][r]")] \
        == [None] * 4
    assert compiled_seen("[**News**](#top \"News\")") == ("News", 1, 1, 0, 1, 0, 1)


@COMPILED
@settings(max_examples=300, deadline=None)
@given(pages().map(lambda page: page.text) | markdown_noise
       | st.lists(st.sampled_from(PIECES + LINKS + ["\n\n", "\n* ", "\n# ", "\n| a | b |\n|---|---|\n"]),
                  max_size=30).map("".join))
@example("# T\n\n* [Home](/)\n* [News](/news \"N\")\n\n**By [Jo](/jo)** &amp; co\\.\n\n| a | b |\n|---|---|\n"
         "| [x](/x) | y |\n\n    * [Deep](/d)\n    * [Deeper](/e)\n\n> [![i](/i.png)](/) quote\n\n```\n[c](/c)\n```\n")
def test_parse_is_the_same_in_pure_python(md):
    compiled = parse_markdown(md)
    with scan.using("re"):
        assert parse.compiled_scanner() is None
        pure = parse_markdown(md)
    assert compiled == pure
