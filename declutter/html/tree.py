"""Tree rules of HTML mode: which elements of the parsed page are clutter, and removing them.

Elements that name themselves as clutter (a ``figcaption``, ``<nav>``,
``class="related-posts"``, a heading that repeats the page title) become
element blocks with hint sets (see :mod:`declutter.html.hints`); the element
filters select among them through the ordinary pipeline, and the selected
elements are dropped from the tree before extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from lxml import etree
from lxml.html import HtmlElement

from declutter.blocks import Block, Document
from declutter.config import Config
from declutter.filters.base import word_count
from declutter.filters.captions import CAPTION_TAGS
from declutter.filters.promos import HEADING_MAX_WORDS
from declutter.filters.promos import Patterns as PromoPatterns
from declutter.filters.promos import Reason as PromoReason
from declutter.filters.promos import line_reason as promo_line_reason
from declutter.filters.promos import patterns_for as promo_patterns
from declutter.html.hints import (
    ALL_HINTS,
    BOX_TAGS,
    CHROME_ITEMTYPES,
    CHROME_ROLES,
    CHROME_TAGS,
    DECK,
    DECK_HINTS,
    ELEMENT_FILTERS,
    HEADLINE,
    HIDDEN,
    ITEMTYPE_CHROME,
    NESTED_ARTICLE,
    OUTER_HEADER,
    PROMO_HEADING,
    ROLE_CHROME,
    TEASER,
    hint_tokens,
    normalise,
)
from declutter.html.page import HEADLINE_MAX_WORDS, PageMeta, matches_any
from declutter.html.selectors import element_text, touches, user_selectors
from declutter.pipeline import Pipeline, Removal

#: An element holding at least this share of the page's paragraph text is the
#: article's container: its own class names never remove it.
CONTAINER_SHARE = 0.5
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
#: Class names of the chunks of an article body that sites split around ads
#: (WIRED's ``article__body``, NYT's ``StoryBodyCompanionColumn``), normalised.
BODY_CHUNK_CLASSES = frozenset({"article-body", "body-container", "story-body-companion-column", "article-body-text",
                                "articlebody", "story-body"})
#: Elements that are never removed: the page itself.
NEVER_REMOVED = frozenset({"html", "body", "main", "head"})
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Candidate:
    element: HtmlElement
    position: int
    tag: str
    hints: frozenset[str]


def _markers(element: HtmlElement, tag: str, hints: set[str], meta: PageMeta) -> set[str]:
    """Hints that come from attributes and context rather than class names."""
    found = set()
    if element.get("hidden") is not None:
        found.add(HIDDEN)
    if (element.get("role") or "").lower() in CHROME_ROLES:
        found.add(ROLE_CHROME)
    itemtype = (element.get("itemtype") or "").lower()
    if itemtype and any(kind in itemtype for kind in CHROME_ITEMTYPES):
        found.add(ITEMTYPE_CHROME)
    if tag == "header" and _site_header(element):
        found.add(OUTER_HEADER)
    if tag == "article" and any(a.tag == "article" for a in element.iterancestors()):
        found.add(NESTED_ARTICLE)
    if tag in HEADING_TAGS or element.get("itemprop") == "headline" or not DECK_HINTS.isdisjoint(hints):
        found |= _headline_markers(element, tag, meta)
    return found


def _headline_markers(element: HtmlElement, tag: str, meta: PageMeta) -> set[str]:
    """HEADLINE for a short heading that repeats the title, DECK for one that repeats the description."""
    text = element.text_content()
    if word_count(text) > HEADLINE_MAX_WORDS:
        return set()
    if (tag in ("h1", "h2") and matches_any(text, meta.titles)) or element.get("itemprop") == "headline":
        return {HEADLINE}
    if matches_any(text, meta.descriptions, cover=0.8):
        return {DECK}
    return set()


def _site_header(element: HtmlElement) -> bool:
    """A ``header`` outside article/main that is navigation (links or a nav), not the article's own header."""
    if any(a.tag in ("article", "main") for a in element.iterancestors()):
        return False
    if element.find(".//nav") is not None or element.find(".//ul") is not None:
        return True
    text = len(element.text_content().strip())
    links = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return text > 0 and links >= 0.5 * text


#: Tags of a promo heading and of the teaser lines after it.
PROMO_RUN_TAGS = ("p", "h2", "h3", "h4", "h5", "h6")
#: A teaser line is a link: at least this share of its text is link text.
TEASER_LINK_SHARE = 0.75


def promo_runs(tree: HtmlElement, config: Config) -> dict[HtmlElement, str]:
    """Promo headings ("Don't miss") with the link-only siblings that follow them.

    Only headings followed by at least one link-only sibling count: a
    heading alone is left to the text filters.
    """
    pats = promo_patterns(config.lang)
    marks: dict[HtmlElement, str] = {}
    for element in tree.iter(*PROMO_RUN_TAGS):
        if element in marks:
            continue
        text = _SPACE.sub(" ", element.text_content()).strip()
        if _is_promo_heading(text, pats):
            run = list(_teaser_run(element)) if len(element) <= 2 else []
            if run:
                marks[element] = PROMO_HEADING
                marks.update(dict.fromkeys(run, TEASER))
        elif len(element) and _is_promo_heading(_first_line(element), pats) and _link_share(element) >= 0.6:
            marks[element] = PROMO_HEADING
    return marks


def _is_promo_heading(text: str, pats: PromoPatterns) -> bool:
    return bool(text) and word_count(text) <= HEADING_MAX_WORDS and (
        promo_line_reason(text, pats) is PromoReason.HEADING or pats.label.match(text) is not None)


def _first_line(element: HtmlElement) -> str:
    """The element's text up to its first child, or its first child's text when it opens with one."""
    own = str(element.text or "").strip()
    if own:
        return own
    return _SPACE.sub(" ", str(element[0].text_content())).strip() if isinstance(element[0].tag, str) else ""


def _link_share(element: HtmlElement) -> float:
    text = len("".join(element.itertext()).strip())
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return links / text if text else 0.0


def _teaser_run(heading: HtmlElement) -> Iterator[HtmlElement]:
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str) or (sibling.tail or "").strip():
            return
        if _link_share(sibling) < TEASER_LINK_SHARE:
            return
        yield sibling


def _candidates(tree: HtmlElement, meta: PageMeta, marks: dict[HtmlElement, str]) -> Iterator[_Candidate]:
    """Elements some element filter may select, outermost only, in document order."""
    skip_to = -1
    for position, element in enumerate(tree.iter(etree.Element)):
        if position <= skip_to:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in NEVER_REMOVED:
            continue
        hints = set(hint_tokens(element.get("class"), element.get("id"))) if tag in BOX_TAGS else set()
        hints |= _markers(element, tag, hints, meta)
        if element in marks:
            hints.add(marks[element])
        if not (tag in CHROME_TAGS or tag in CAPTION_TAGS or (hints and not ALL_HINTS.isdisjoint(hints))
                or any(h.startswith("@") for h in hints)):
            continue
        yield _Candidate(element, position, tag, frozenset(hints))
        skip_to = position + sum(1 for _ in element.iter(etree.Element)) - 1


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(text) for p in element.iter("p") for text in p.itertext())


def _describe(element: HtmlElement) -> str:
    parts = [element.tag if isinstance(element.tag, str) else "?"]
    for attr in ("id", "class"):
        if element.get(attr):
            parts.append(f'{attr}="{_SPACE.sub(" ", element.get(attr, "")).strip()}"')
    return "<" + " ".join(parts) + ">"



def drop_scripts(tree: HtmlElement) -> None:
    """Remove scripts and styles (JSON-LD stays): code, never text, yet ``text_content`` reads it."""
    for element in tree.xpath("//script[not(@type='application/ld+json')]|//style"):
        element.drop_tree()


def merge_split_body(tree: HtmlElement) -> None:
    """Move the later chunks of a body split around ads into the first chunk.

    Sites cut an article into several ``article__body`` boxes with ads
    between them; an extractor that takes the first body box then stops
    after a few paragraphs. The chunks' children are appended, in order, to
    the first chunk (nothing is dropped or reordered among the chunks), when
    two or more chunks with the same class share their nearest ``article``
    or ``main`` (or their parent when there is none).
    """
    groups: dict[tuple[str, int], list[HtmlElement]] = {}
    for element in tree.iter("div", "section"):
        for token in (element.get("class") or "").split():
            name = normalise(token)
            if name in BODY_CHUNK_CLASSES:
                home = next((a for a in element.iterancestors("article", "main")), element.getparent())
                groups.setdefault((name, id(home)), []).append(element)
                break
    for chunks in groups.values():
        outer = [c for c in chunks if not any(a in chunks for a in c.iterancestors())]
        if len(outer) < 2:
            continue
        first = outer[0]
        for chunk in outer[1:]:
            if chunk.text and chunk.text.strip():
                wrapper = first.makeelement("p", {})
                wrapper.text = chunk.text
                first.append(wrapper)
            for child in list(chunk):
                first.append(child)


def clean_tree(tree: HtmlElement, meta: PageMeta, config: Config) -> tuple[Removal, ...]:
    """Remove clutter elements from ``tree`` in place; return their removals.

    Runs :data:`~declutter.html_hints.ELEMENT_FILTERS` through the pipeline
    over the candidate elements (user ``protect_patterns`` apply to each
    element's text). An element holding half the page's paragraph text is
    the article's container and is never a candidate.
    """
    selected, protected = user_selectors(tree, config)
    total = _paragraph_chars(tree)
    candidates = []
    for cand in _candidates(tree, meta, promo_runs(tree, config)):
        if total and cand.tag not in CHROME_TAGS and _paragraph_chars(cand.element) >= CONTAINER_SHARE * total:
            continue
        if touches(cand.element, protected) or touches(cand.element, set(selected)):
            continue
        candidates.append(cand)
    blocks = tuple(Block(i, _SPACE.sub(" ", " ".join(c.element.itertext())).strip(), 0, c.tag, c.hints)
                   for i, c in enumerate(candidates))
    doc = Document(blocks, tuple(" " for _ in blocks[1:]))
    steps = list(ELEMENT_FILTERS)
    result = Pipeline(steps, replace(config, remove_patterns=())).run(doc)
    removals = []
    for removal in result.removals:
        cand = candidates[removal.index]
        removals.append(replace(removal, index=cand.position, detail=_describe(cand.element)))
    for removal_index in sorted({r.index for r in result.removals}, reverse=True):
        candidates[removal_index].element.drop_tree()
    user = [Removal("patterns", "pattern.selector", position, element_text(element), 0,
                    f"{selector} {_describe(element)}") for element, (position, selector) in selected.items()]
    for element in selected:
        element.drop_tree()
    return tuple(sorted(user + removals, key=lambda r: r.index))

