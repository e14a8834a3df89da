"""Guards of the tree rules: elements that hold the content are never removed for their class or tag.

Class and tag hints are guesses. A ``<div class="p-navSticky">`` that wraps
a whole forum, a hero ``<header>`` on a service page, an ``<aside>`` that
holds the article: removing them wipes the page. An element is *guarded*,
so no tag or class hint removes it, when it

* is ``main``, ``[role=main]`` or ``[itemprop=articleBody]``, or holds one
  (:attr:`GuardReason.MAIN`);
* holds the page's main heading, the ``h1`` that repeats the title
  (:attr:`GuardReason.HEADING`; the heading itself may still leave as the
  headline);
* is the node trafilatura would extract from, or holds it
  (:attr:`GuardReason.EXTRACTION`);
* holds a large share of the page's text: at least :data:`PROSE_SHARE` of
  the text outside links, or (for non-chrome tags) :data:`CONTAINER_SHARE` of
  the paragraph text when the page has some (:attr:`GuardReason.SHARE`).

A guarded element can still hold clutter: the elements inside it are looked
at one by one. When a filter selects a guarded element the removal is
refused and recorded as a :class:`~declutter.html.report.Note`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from lxml.html import HtmlElement

from declutter.html.hints import CHROME_TAGS
from declutter.html.page import PageMeta, matches_any

#: An element holding at least this share of the page's paragraph text is the
#: article's container: its own class names never remove it (chrome tags excepted).
CONTAINER_SHARE = 0.5
#: …when that paragraph text is at least this share of the page's text outside links (a page with a
#: few stray ``p`` in its menus has no paragraph container).
MIN_PARAGRAPH_SHARE = 0.2
#: An element holding at least this share of the page's text outside links is never removed by a hint.
PROSE_SHARE = 0.5
#: trafilatura's pick counts as the content node when it holds at least this share of the page's prose.
EXTRACTION_SHARE = 0.25
#: Elements that name the content.
MAIN_XPATH = "//main | //*[@role='main'] | //*[@itemprop='articleBody']"


class GuardReason(StrEnum):
    """Why an element is kept whatever its hints say (the ``reason`` of a refusal note)."""

    MAIN = "guard.main"
    HEADING = "guard.heading"
    EXTRACTION = "guard.extraction"
    SHARE = "guard.share"


def prose_chars(element: HtmlElement) -> int:
    """Characters of the element's text outside links, scripts and styles (white space not counted)."""
    total = sum(len(text.strip()) for text in element.itertext())
    links = sum(len(text.strip()) for link in element.iter("a") for text in link.itertext())
    code = sum(len((node.text or "").strip()) for node in element.iter("script", "style"))
    return max(0, total - links - code)


def paragraph_chars(element: HtmlElement) -> int:
    """Characters of the element's ``p`` text."""
    return sum(len(text) for p in element.iter("p") for text in p.itertext())


@dataclass
class Guards:
    """The guarded elements of one page and its text totals."""

    kept: dict[HtmlElement, GuardReason] = field(default_factory=dict)
    page_prose: int = 0
    page_paragraphs: int = 0

    def reason(self, element: HtmlElement, tag: str) -> str:
        """The guard that keeps ``element`` (a reason code), or "" when none does."""
        if element in self.kept:
            return self.kept[element]
        if self.page_prose and prose_chars(element) >= PROSE_SHARE * self.page_prose:
            return GuardReason.SHARE
        if (self.page_paragraphs and tag not in CHROME_TAGS
                and paragraph_chars(element) >= CONTAINER_SHARE * self.page_paragraphs
                and paragraph_chars(element) >= MIN_PARAGRAPH_SHARE * self.page_prose):
            return GuardReason.SHARE
        return ""


def find_guards(tree: HtmlElement, meta: PageMeta) -> Guards:
    """The guards of a parsed page (scripts already dropped)."""
    guards = Guards(page_prose=prose_chars(tree), page_paragraphs=paragraph_chars(tree))
    for reason, nodes in ((GuardReason.MAIN, tree.xpath(MAIN_XPATH)),
                          (GuardReason.HEADING, _main_heading(tree, meta)),
                          (GuardReason.EXTRACTION, _extraction_node(tree, guards.page_prose))):
        for node in nodes:
            for element in (node, *node.iterancestors()) if reason is not GuardReason.HEADING \
                    else node.iterancestors():
                guards.kept.setdefault(element, reason)
    return guards


def _main_heading(tree: HtmlElement, meta: PageMeta) -> list[HtmlElement]:
    """The ``h1`` that repeats the page title, else the page's only ``h1``."""
    headings = [h for h in tree.iter("h1") if h.text_content().strip()]
    for heading in headings:
        if matches_any(heading.text_content(), meta.titles):
            return [heading]
    return headings[:1] if len(headings) == 1 else []


def _extraction_node(tree: HtmlElement, page_prose: int) -> Iterator[HtmlElement]:
    """The first node of trafilatura's body XPaths that holds a fair share of the page's prose."""
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:  # an internal of trafilatura: without it this guard is off
        return
    for expr in BODY_XPATH:
        node = next((n for n in expr(tree) if n is not None), None)
        if node is not None and prose_chars(node) >= EXTRACTION_SHARE * page_prose:
            yield node
            return
