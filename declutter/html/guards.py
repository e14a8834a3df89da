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
  the paragraph text when the page has some (:attr:`GuardReason.SHARE`);
* lies inside trafilatura's node and holds :data:`CONTENT_SHARE` of it, is no chrome
  tag and not mostly links (:attr:`GuardReason.CONTENT`): the bulk of what
  trafilatura would extract, whatever its class or id says.

A guarded element can still hold clutter: the elements inside it are looked
at one by one. When a filter selects a guarded element the removal is
refused and recorded as a :class:`~declutter.html.report.Note`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

from declutter.html.bodypaths import PathTest, compile_paths, first_match
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
#: An element inside the content node (trafilatura's pick) holding at least this share of that node's prose is
#: the bulk of what trafilatura extracts: a hint never removes it (``<div id="map-and-related">`` holding
#: three quarters of an article's text).
CONTENT_SHARE = 0.5
#: …when at least this share of the element's text lies outside links (a link list is a menu, whatever its size).
LINK_SHARE = 0.5
#: Elements that name the content.
MAIN_XPATH = "//main | //*[@role='main'] | //*[@itemprop='articleBody']"


class GuardReason(StrEnum):
    """Why an element is kept whatever its hints say (the ``reason`` of a refusal note)."""

    MAIN = "guard.main"
    HEADING = "guard.heading"
    EXTRACTION = "guard.extraction"
    SHARE = "guard.share"
    CONTENT = "guard.content"


def prose_chars(element: HtmlElement) -> int:
    """Characters of the element's text outside links, scripts and styles (white space not counted)."""
    total = sum(len(text.strip()) for text in element.itertext())
    links = sum(len(text.strip()) for link in element.iter("a") for text in link.itertext())
    code = sum(len((node.text or "").strip()) for node in element.iter("script", "style"))
    return max(0, total - links - code)


#: Elements whose text a reader never sees.
NO_TEXT_TAGS = frozenset({"script", "style", "template", "noscript"})
#: Elements whose text is no prose: links, scripts and styles.
_HIDDEN_TAGS = frozenset({"a", "script", "style"})


class TextIndex:
    """Characters of text of every element of a page, counted in one pass (white space not counted).

    ``prose``: text outside links, scripts and styles; ``paragraphs``: text
    inside ``p``; :attr:`whole`: the page's text, links included (as
    :func:`~declutter.html.extract.text_chars` counts it). The guards, the page
    type and the rescues ask for these many times; an element added after the
    count is measured directly.

    The nodes are read once in reverse document order, so that each
    element's descendants come before it and its count is final when it is
    reached; it then goes to its parent's (with its tail, the parent's text).
    """

    def __init__(self, root: HtmlElement) -> None:
        self._prose: dict[HtmlElement, int] = {}
        self._paragraphs: dict[HtmlElement, int] = {}
        #: Counts of the elements' descendants so far (text, hidden text, paragraph text), by element.
        below: dict[HtmlElement, list[int]] = {}
        code = 0  # the text of script, style, template and noscript elements (their own, not their children's)
        for node in reversed(list(root.iter())):
            tag = node.tag if isinstance(node.tag, str) else ""
            total = len((node.text or "").strip()) if tag else 0
            if tag in NO_TEXT_TAGS:
                code += total
            counts = below.pop(node, None)
            hidden = para = 0
            if counts is not None:
                total += counts[0]
                hidden, para = counts[1], counts[2]
            if tag in _HIDDEN_TAGS:
                hidden = total
            if tag == "p":
                para = total
            self._prose[node] = total - hidden
            self._paragraphs[node] = para
            if node is root:
                break
            total += len((node.tail or "").strip())  # the tail is the parent's text
            parent = node.getparent()
            found = below.get(parent)
            if found is None:
                below[parent] = [total, hidden, para]
            else:
                found[0] += total
                found[1] += hidden
                found[2] += para
        #: The whole page's text outside links, scripts and styles.
        self.page = self._prose.get(root, 0)
        #: The whole page's text, links included, the text of scripts, styles, templates and noscripts not.
        self.whole = total - code

    def prose(self, element: HtmlElement) -> int:
        """Characters of the element's text outside links, scripts and styles."""
        found = self._prose.get(element)
        return prose_chars(element) if found is None else found

    def paragraphs(self, element: HtmlElement) -> int:
        """Characters of the element's text inside ``p``."""
        found = self._paragraphs.get(element)
        if found is None:
            return sum(len(text.strip()) for p in element.iter("p") for text in p.itertext())
        return found


@dataclass
class Guards:
    """The guarded elements of one page, its text index and totals."""

    index: TextIndex
    kept: dict[HtmlElement, GuardReason] = field(default_factory=dict)
    page_prose: int = 0
    page_paragraphs: int = 0
    #: The content node (trafilatura's pick, see :attr:`GuardReason.EXTRACTION`) and its prose, when found.
    content: HtmlElement | None = None
    content_prose: int = 0
    content_paragraphs: int = 0

    def reason(self, element: HtmlElement, tag: str) -> str:
        """The guard that keeps ``element`` (a reason code), or "" when none does."""
        if element in self.kept:
            return self.kept[element].value
        return (self.share_reason(self.index.prose(element), self.index.paragraphs(element), tag)
                or self.content_reason(element, tag))

    def share_reason(self, prose: int, paragraphs: int, tag: str) -> str:
        """The share guard that keeps an element (or a group of alike elements measured as one) of this much
        text outside links (``prose``) and inside ``p`` (``paragraphs``), or "" when none does."""
        if self.page_prose and prose >= PROSE_SHARE * self.page_prose:
            return GuardReason.SHARE.value
        if (self.page_paragraphs and tag not in CHROME_TAGS and paragraphs >= CONTAINER_SHARE * self.page_paragraphs
                and paragraphs >= MIN_PARAGRAPH_SHARE * self.page_prose):
            return GuardReason.SHARE.value
        return ""

    def content_reason(self, element: HtmlElement, tag: str) -> str:
        """:attr:`GuardReason.CONTENT` when ``element`` is the bulk of the content node's text, else ""."""
        if self.content is None or tag in CHROME_TAGS or not _inside(element, self.content):
            return ""
        if self.content_paragraphs >= MIN_PARAGRAPH_SHARE * self.content_prose:  # measured in paragraphs
            share = self.index.paragraphs(element) >= CONTENT_SHARE * self.content_paragraphs
        else:
            share = self.index.prose(element) >= CONTENT_SHARE * self.content_prose
        if share and self.index.prose(element) >= LINK_SHARE * _text_chars(element):
            return GuardReason.CONTENT.value
        return ""


def _text_chars(element: HtmlElement) -> int:
    """Characters of the element's whole text, links included (white space not counted)."""
    return sum(len(text.strip()) for text in element.itertext())


def _inside(element: HtmlElement, node: HtmlElement) -> bool:
    """Whether ``element`` is ``node``'s descendant."""
    return any(ancestor is node for ancestor in element.iterancestors())


def find_guards(tree: HtmlElement, meta: PageMeta, index: TextIndex | None = None) -> Guards:
    """The guards of a parsed page (scripts already dropped)."""
    index = index or TextIndex(tree)
    guards = Guards(index, page_prose=index.prose(tree), page_paragraphs=index.paragraphs(tree))
    content = list(_extraction_node(tree, index))
    if content:
        guards.content = content[0]
        guards.content_prose, guards.content_paragraphs = index.prose(content[0]), index.paragraphs(content[0])
    for reason, nodes in ((GuardReason.MAIN, _main_nodes(tree)),
                          (GuardReason.HEADING, _main_heading(tree, meta)),
                          (GuardReason.EXTRACTION, content)):
        for node in nodes:
            for element in (node, *node.iterancestors()) if reason is not GuardReason.HEADING \
                    else node.iterancestors():
                guards.kept.setdefault(element, reason)
    return guards


def _main_nodes(tree: HtmlElement) -> list[HtmlElement]:
    """The elements :data:`MAIN_XPATH` finds (the whole document's, in document order), read in one walk: libxml2
    takes a third longer for the three steps over every element."""
    return [element for element in tree.getroottree().getroot().iter(etree.Element)
            if element.tag == "main" or element.get("role") == "main" or element.get("itemprop") == "articleBody"]


def _main_heading(tree: HtmlElement, meta: PageMeta) -> list[HtmlElement]:
    """The ``h1`` that repeats the page title, else the page's only ``h1``."""
    headings = [h for h in tree.iter("h1") if h.text_content().strip()]
    for heading in headings:
        if matches_any(heading.text_content(), meta.titles):
            return [heading]
    return headings[:1] if len(headings) == 1 else []


@cache
def _body_paths() -> tuple[PathTest | etree.XPath, ...]:
    """trafilatura's body XPaths, each read as a test where it can be (:mod:`declutter.html.bodypaths`: same
    node, a walk that stops at it instead of a node set); () without them."""
    try:
        from trafilatura.xpaths import BODY_XPATH
    except ImportError:  # an internal of trafilatura: without it this guard is off
        return ()
    return tuple(compile_paths(BODY_XPATH))


def _extraction_node(tree: HtmlElement, index: TextIndex) -> Iterator[HtmlElement]:
    """The first node of trafilatura's body XPaths that holds a fair share of the page's prose."""
    for expr in _body_paths():
        if isinstance(expr, PathTest):
            node = first_match(tree, expr)
        else:
            node = next((n for n in expr(tree) if n is not None), None)
        if node is not None and index.prose(node) >= EXTRACTION_SHARE * index.prose(tree):
            yield node
            return
