"""HTML in, Markdown out: the Markdown stage of ``clean_html(..., output_format="markdown")``.

HTML mode cleans the page's tree, then has trafilatura extract the main
content; with ``output_format="markdown"`` trafilatura writes it as
Markdown (headings, lists, links, images, tables) and the Markdown mode
cleans that, as :func:`declutter.clean_markdown` would, with HTML mode's
headline filter in front and without the main-content region (the
extraction already is the main content).

The Markdown follows the text output's decisions (a :class:`Rescued`):

* on a forum page the readers' replies are extracted and kept, as in text;
* when a rescue replaced or extended a short extraction (cards, sections,
  the unpruned page, a product's description), or trafilatura's Markdown
  extraction simply holds other words than its text extraction (images and
  links change what it keeps), the Markdown must agree with the text the
  text output is cleaned from: if it does not (:func:`agreeing_markdown`),
  that text becomes the Markdown, one paragraph a line, escaped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from declutter.config import Config
from declutter.errors import ConfigError
from declutter.filters import FilterFunc
from declutter.markdown import Step, run_markdown
from declutter.markdown.parse import parse_markdown
from declutter.pipeline import Result

#: The output formats of ``clean_html``.
OUTPUT_FORMATS = ("text", "markdown")
#: The Markdown agrees with the text extraction when its visible words and the text's share this F1 or more.
AGREEMENT = 0.9
_WORD = re.compile(r"\w+")
#: Characters that may start inline Markdown syntax.
_INLINE_SYNTAX = re.compile(r"([\\`*_\[\]<>|~!&])")
#: What makes a line open a block other than a paragraph (heading, quote, list, setext underline, break).
_BLOCK_START = re.compile(r"^([#>+=-])|^(\d{1,9})([.)])")


@dataclass(frozen=True, slots=True)
class Rescued:
    """What the text output of a page was cleaned from, for the Markdown output to follow.

    ``text`` is the text stage's input (trafilatura's extraction after the
    rescues); ``forum`` says the readers' replies are content (extracted);
    ``adjust`` turns the text filters into the page type's (a forum's promos
    filter keeps readers' comments, a docs page runs no duplicates filter);
    ``unpruned`` holds the page as parsed, when the text was taken from it
    (the unpruned or moved rescue), else None.
    """

    text: str
    forum: bool = False
    unpruned: Any = None
    adjust: Callable[[Sequence[Step]], list[Step]] | None = None


def check_output_format(output_format: str) -> str:
    """``output_format`` when it is one of :data:`OUTPUT_FORMATS`; else a :class:`ConfigError`."""
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"output_format must be one of {', '.join(map(repr, OUTPUT_FORMATS))}, "
                          f"got {output_format!r}")
    return output_format


def extract_markdown(tree: Any, url: str | None, comments: bool = False) -> str:
    """trafilatura's main content of ``tree`` as Markdown, links and images kept (readers' comments too
    when ``comments``)."""
    import trafilatura

    return trafilatura.extract(tree, url=url, include_comments=comments, output_format="markdown",
                               include_links=True, include_images=True) or ""


def text_as_markdown(text: str) -> str:
    """Plain text as Markdown that reads as the same text: one paragraph a line, syntax escaped.

    >>> print(text_as_markdown("# 1 [a] *b*\\n2. Step two\\n\\n- dash"))
    \\# 1 \\[a\\] \\*b\\*
    <BLANKLINE>
    2\\. Step two
    <BLANKLINE>
    \\- dash
    """
    paragraphs = []
    for line in text.splitlines():
        escaped = _INLINE_SYNTAX.sub(r"\\\1", line.strip())
        if escaped:
            paragraphs.append(_BLOCK_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped))
    return "\n\n".join(paragraphs) + ("\n" if paragraphs else "")


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def agreement(markdown: str, text: str) -> float:
    """F1 of the visible words of ``markdown`` against the words of ``text`` (1.0 when both are empty)."""
    md_bag = _bag(" ".join(b.text for b in parse_markdown(markdown).blocks))
    text_bag = _bag(text)
    if not md_bag or not text_bag:
        return float(md_bag == text_bag)
    overlap = sum((md_bag & text_bag).values())
    return 2 * overlap / (md_bag.total() + text_bag.total())


def agreeing_markdown(markdown: str, text: str) -> str:
    """``markdown`` when it holds the words of ``text`` (:data:`AGREEMENT`), else ``text`` as Markdown."""
    return markdown if agreement(markdown, text) >= AGREEMENT else text_as_markdown(text)


def rescued_markdown(tree: Any, url: str | None, rescued: Rescued) -> str:
    """The main content as Markdown, agreeing with the text the text output is cleaned from."""
    source = tree if rescued.unpruned is None else rescued.unpruned
    return agreeing_markdown(extract_markdown(source, url, comments=rescued.forum), rescued.text)


def markdown_stage(tree: Any, url: str | None, headline: FilterFunc, config: Config, rescued: Rescued) -> Result:
    """Extract the main content of the cleaned ``tree`` as Markdown and clean it (``headline`` first).

    The extraction is already the page's main content, so the Markdown mode's own main-content
    region (made for whole-page Markdown) is left out: on a long article with lists of links it
    would cut real sections. The Markdown follows the text output's decisions (``rescued``).
    """
    md = rescued_markdown(tree, url, rescued)
    return run_markdown(parse_markdown(md), config, before=(headline,), region=False, adjust=rescued.adjust)
