"""Tree rules of HTML mode: which elements of the parsed page are clutter, and removing them.

Elements that name themselves as clutter (a ``figcaption``, ``<nav>``,
``class="related-posts"``, a heading that repeats the page title) become
element blocks with hint sets (see :mod:`declutter.html.hints`); the element
filters select among them through the ordinary pipeline, and the selected
elements are dropped from the tree before extraction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import islice

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
from declutter.html.guards import GuardReason, Guards, TextIndex, find_guards
from declutter.html.hints import (
    ALL_HINTS,
    BOX_TAGS,
    CHROME_ITEMTYPES,
    CHROME_ROLES,
    CHROME_TAGS,
    DECK,
    DECK_HINTS,
    ELEMENT_FILTERS,
    FORUM_CHROME_HINTS,
    FORUM_KEPT_HINTS,
    HEADLINE,
    HIDDEN,
    ITEMTYPE_CHROME,
    NESTED_ARTICLE,
    OUTER_HEADER,
    OVERLAY_HINTS,
    OVERLAY_ROLES,
    POST_CHROME,
    PROMO_HEADING,
    REVIEW_HINTS,
    REVIEW_KEPT_HINTS,
    REVIEWS,
    ROLE_CHROME,
    TEASER,
    hint_tokens,
    normalise,
)
from declutter.html.page import HEADLINE_MAX_WORDS, PageMeta, matches_any
from declutter.html.pagetype import PageType
from declutter.html.report import Note, NoteKind
from declutter.html.selectors import PRUNED_TAGS, element_text, touches, user_selectors
from declutter.memo import once_per_text
from declutter.pipeline import Pipeline, Removal

#: A ``hidden`` element with this much text outside links is content waiting to be shown
#: (a tab panel, a collapsed answer, a streamed React block), not chrome; a hidden
#: ``role="tabpanel"`` is one of a set of tabs (one per language or platform) whatever its length.
HIDDEN_MAX_PROSE = 200
#: A ``header`` holding this share of the page's text outside links is a hero (a service page's
#: pitch, a listing's intro), not the site's header, whatever links or lists it has.
HEADER_MAX_SHARE = 0.2
#: A nested ``article`` holding less than this share of the outer one's text (alone, and together
#: with the other articles in it) is a teaser card.
NESTED_BODY_SHARE = 0.5
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
ALL_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Class names of the chunks of an article body that sites split around ads
#: (WIRED's ``article__body``, NYT's ``StoryBodyCompanionColumn``), normalised.
BODY_CHUNK_CLASSES = frozenset({"article-body", "body-container", "story-body-companion-column", "article-body-text",
                                "articlebody", "story-body"})
#: Code: never removed for its class or tag, nor anything inside it.
CODE_TAGS = frozenset({"pre", "code"})
#: Elements that are never removed: the page itself.
NEVER_REMOVED = frozenset({"html", "body", "main", "head"})
_SPACE = re.compile(r"\s+")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Candidate:
    element: HtmlElement
    position: int
    tag: str
    hints: frozenset[str]
    #: The guard that keeps this element whatever its hints say (a reason code), or "".
    guard: str = ""


def _markers(element: HtmlElement, tag: str, hints: set[str], meta: PageMeta, index: TextIndex) -> set[str]:
    """Hints that come from attributes and context rather than class names."""
    found = set()
    role = (element.get("role") or "").lower()
    if element.get("hidden") is not None and role != "tabpanel" and index.prose(element) < HIDDEN_MAX_PROSE:
        found.add(HIDDEN)
    if role in CHROME_ROLES:
        found.add(ROLE_CHROME)
    itemtype = (element.get("itemtype") or "").lower()
    if itemtype and any(kind in itemtype for kind in CHROME_ITEMTYPES):
        found.add(ITEMTYPE_CHROME)
    if tag == "header" and _site_header(element) and index.prose(element) < HEADER_MAX_SHARE * index.page:
        found.add(OUTER_HEADER)
    if tag in HEADING_TAGS or element.get("itemprop") == "headline" or not DECK_HINTS.isdisjoint(hints):
        found |= _headline_markers(element, tag, meta)
    return found


def _headline_markers(element: HtmlElement, tag: str, meta: PageMeta) -> set[str]:
    """HEADLINE for a short heading that repeats the title, DECK for one that repeats the description.

    An ``h1``/``h2`` repeating the title *inside* an ``article`` is left in the tree: the text stage's
    headline filter drops it when it leads the extracted text, and deeper in the text it is the
    article's own heading (measured on ``corpus/aeb``: over-removed blocks 31 -> 27, F1 0.9817 -> 0.9818).
    """
    text = element.text_content()
    if word_count(text) > HEADLINE_MAX_WORDS:
        return set()
    if tag in ("h1", "h2") and matches_any(text, meta.titles):
        return set() if _in_article(element) else {HEADLINE}
    if element.get("itemprop") == "headline":
        return {HEADLINE}
    if matches_any(text, meta.descriptions, cover=0.8):
        return {DECK}
    return set()


def _in_article(element: HtmlElement) -> bool:
    """Whether the element stands inside an ``article``."""
    return next(element.iterancestors("article"), None) is not None


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
        raw = element.text_content()  # a paragraph of prose is no heading: its words are not all counted
        text = "" if _more_words(raw, HEADING_MAX_WORDS) else _SPACE.sub(" ", raw).strip()
        if _is_promo_heading(text, pats):
            run = list(_teaser_run(element)) if len(element) <= 2 else []
            if run:
                marks[element] = PROMO_HEADING
                marks.update(dict.fromkeys(run, TEASER))
        elif len(element) and _is_promo_heading(_first_line(element), pats) and _link_share(element) >= 0.6:
            marks[element] = PROMO_HEADING
    return marks


def _more_words(text: str, most: int) -> bool:
    """Whether ``text`` has more than ``most`` words (``\\w+``, as :func:`word_count`), read no further."""
    return next(islice(_WORDS.finditer(text), most, None), None) is not None


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


def teaser_articles(tree: HtmlElement, guards: Guards) -> dict[HtmlElement, str]:
    """``article`` elements inside another that are teaser cards, not parts of the outer one.

    A nested article is no teaser when it holds most of the outer article's
    text (a forum post's body: XenForo's ``article.message-body`` inside
    ``article.message``), or when the outer one is the page's content (a
    guarded element) and the articles inside it together hold most of its
    text (a listicle's sections, a thread's posts). A box of teasers for
    other posts, beside the article, stays a box of teasers.
    """
    groups: dict[HtmlElement, list[HtmlElement]] = {}
    for element in tree.iter("article"):
        outer = next(element.iterancestors("article"), None)
        if outer is not None:
            groups.setdefault(outer, []).append(element)
    marks = {}
    for outer, inner in groups.items():
        outer_chars = guards.index.prose(outer)
        sizes = [guards.index.prose(a) for a in inner]
        if outer in guards.kept and sum(sizes) >= NESTED_BODY_SHARE * outer_chars:
            continue
        marks.update({a: NESTED_ARTICLE for a, size in zip(inner, sizes, strict=True)
                      if size < NESTED_BODY_SHARE * outer_chars})
    return marks


#: The number of elements inside an element (comments and processing instructions not counted), in C.
_DESCENDANT_COUNT = etree.XPath("count(descendant::*)")


def _descendants(element: HtmlElement) -> int:
    """How many elements ``element`` holds: the positions in document order its subtree takes after it."""
    return int(_DESCENDANT_COUNT(element))  # count() gives a float


def _candidates(tree: HtmlElement, meta: PageMeta, marks: dict[HtmlElement, str],
                guards: Guards, kind: PageType) -> Iterator[_Candidate]:
    """Elements some element filter may select, outermost only, in document order.

    A guarded element is a candidate too (so that a filter's selection of it
    can be refused and explained), and the elements inside it are looked at.
    On a forum page comment boxes are posts (not candidates), and per-post
    chrome is; on a product page, customers' reviews and ratings are no content.
    """
    skip_to = -1
    for position, element in enumerate(tree.iter(etree.Element)):
        if position <= skip_to:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in CODE_TAGS:  # code is content, its highlighting spans too (<span class="syntax-comment">)
            skip_to = position + _descendants(element)
            continue
        if tag in NEVER_REMOVED:
            continue
        hints = set(hint_tokens(element.get("class"), element.get("id"))) if _box(element, tag) else set()
        hints |= _markers(element, tag, hints, meta, guards.index)
        if hints:  # the kind's markers are hints of hints: none without some
            if kind is PageType.FORUM:
                hints -= FORUM_KEPT_HINTS
            hints |= _kind_markers(hints, kind, tag)
        if element in marks:
            hints.add(marks[element])
        if not (tag in CHROME_TAGS or tag in CAPTION_TAGS
                or (hints and (not ALL_HINTS.isdisjoint(hints) or any(h.startswith("@") for h in hints)))):
            continue
        guard = _guard(guards, element, tag, hints)
        yield _Candidate(element, position, tag, frozenset(hints), guard)
        if not guard:
            skip_to = position + _descendants(element)


#: Markers whose elements the share guard does not keep: customers' reviews that outweigh a short
#: product description are still reviews (the main, heading and extraction guards still apply).
SHARE_EXEMPT = frozenset({REVIEWS})
#: The guards that measure an element's share of the text (the ones :data:`SHARE_EXEMPT` and overlays escape).
SHARE_GUARDS = frozenset({GuardReason.SHARE.value, GuardReason.CONTENT.value})


#: Markers the content guard leaves to the filters too: a forum's per-post chrome (a signature can outweigh a
#: short post, and trafilatura's pick of a thread can be the signature's box).
CONTENT_EXEMPT = frozenset({POST_CHROME})


def _guard(guards: Guards, element: HtmlElement, tag: str, hints: set[str]) -> str:
    """The guard that keeps the element, or "" (see :data:`SHARE_EXEMPT`, :data:`CONTENT_EXEMPT` and
    :func:`is_overlay`)."""
    guard = guards.reason(element, tag)
    if guard == GuardReason.CONTENT.value and not CONTENT_EXEMPT.isdisjoint(hints):
        return ""
    return "" if guard in SHARE_GUARDS and _share_exempt(element, tag, hints) else guard


def _share_exempt(element: HtmlElement, tag: str, hints: set[str] | frozenset[str]) -> bool:
    """Whether the share guard leaves the element to the filters: a product's reviews, an overlay."""
    return not SHARE_EXEMPT.isdisjoint(hints) or is_overlay(element, tag, hints)


def is_overlay(element: HtmlElement, tag: str, hints: set[str] | frozenset[str]) -> bool:
    """Whether the element is a dialog, a modal or a consent box (see :data:`~declutter.html.hints.OVERLAY_HINTS`)."""
    return (tag == "dialog" or (element.get("role") or "").lower() in OVERLAY_ROLES
            or (element.get("aria-modal") or "").lower() == "true" or not OVERLAY_HINTS.isdisjoint(hints))


def _kind_markers(hints: set[str], kind: PageType, tag: str) -> set[str]:
    """The markers a page's kind adds to an element's hints: per-post chrome on a forum, customers' reviews on a
    product page (a box, not a heading whose id is its slug, ``h-glowing-customer-reviews``, nor a box that also
    names the product's own text, ``editorialReviews``)."""
    if kind is PageType.FORUM and not FORUM_CHROME_HINTS.isdisjoint(hints):
        return {POST_CHROME}
    if (kind is PageType.PRODUCT and tag not in ALL_HEADING_TAGS and not REVIEW_HINTS.isdisjoint(hints)
            and REVIEW_KEPT_HINTS.isdisjoint(hints)):
        return {REVIEWS}
    return set()


#: Inline tags: one inside a sentence (words follow it in the same line of text) is part of the sentence.
INLINE_TAGS = frozenset({"a", "span", "time"})
_WORD = re.compile(r"\w")


def _box(element: HtmlElement, tag: str) -> bool:
    """Whether the element's class and id name a box: never an inline word of a sentence.

    ``<a class="glossary-tooltip">Pods</a> run your app`` is a word of the
    text, not a tooltip box: removing it would rewrite the sentence.
    """
    if tag not in BOX_TAGS:
        return False
    return not (tag in INLINE_TAGS and _WORD.search(element.tail or ""))


def _describe(element: HtmlElement) -> str:
    parts = [element.tag if isinstance(element.tag, str) else "?"]
    for attr in ("id", "class"):
        if element.get(attr):
            parts.append(f'{attr}="{_SPACE.sub(" ", element.get(attr, "")).strip()}"')
    return "<" + " ".join(parts) + ">"



#: Scripts (but JSON-LD) and styles of the whole document; ``/descendant-or-self::`` is ``//`` in one step.
_SCRIPTS = etree.XPath("/descendant-or-self::script[not(@type='application/ld+json')]|/descendant-or-self::style")


def drop_scripts(tree: HtmlElement) -> None:
    """Remove scripts and styles (JSON-LD stays): code, never text, yet ``text_content`` reads it."""
    for element in _SCRIPTS(tree):
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
            name = once_per_text(normalise, token)
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


#: The guards of elements measured with their alike neighbours: none, or the content guard (an element kept as
#: the bulk of the content node leaves its alike siblings to be measured with it, not alone).
GROUPED_GUARDS = frozenset({"", GuardReason.CONTENT.value})


def _large_groups(removals: Sequence[Removal], candidates: Sequence[_Candidate],
                  guards: Guards) -> dict[int, str]:
    """Selections refused together: alike elements (same reason, tag and class) holding most of the page.

    One ``content-nav-section`` box is a small part of a page; eight of them
    can be all of its content. Each alone passes the share guard, so the
    group is measured as one (:meth:`~declutter.html.guards.Guards.share_reason`:
    half the page's text outside links or, for boxes that share a class
    name, half its paragraph text). Returns candidate index -> guard reason.
    """
    groups: dict[tuple[str, str, str], list[int]] = {}
    for removal in removals:
        cand = candidates[removal.index]
        if cand.guard in GROUPED_GUARDS and not _share_exempt(cand.element, cand.tag, cand.hints):
            groups.setdefault((removal.reason, cand.tag, cand.element.get("class") or ""), []).append(removal.index)
    refused = {}
    for (_, tag, name), members in groups.items():
        if len(members) < 2:
            continue
        elements = [candidates[i].element for i in members]
        # Boxes alike by their class name are measured on paragraphs too; plain tags alike only by their tag on
        # the text outside links (a page's hidden streamed chunks, <div hidden id="S:0">, are no alike boxes).
        paragraphs = sum(guards.index.paragraphs(e) for e in elements) if name.strip() else 0
        guard = guards.share_reason(sum(guards.index.prose(e) for e in elements), paragraphs, tag)
        if guard:
            refused.update(dict.fromkeys(members, guard))
    return refused


def clean_tree(tree: HtmlElement, meta: PageMeta, config: Config, kind: PageType = PageType.ARTICLE,
               index: TextIndex | None = None) -> tuple[tuple[Removal, ...], tuple[Note, ...]]:
    """Remove clutter elements from ``tree`` in place; return their removals and the refused ones.

    Runs :data:`~declutter.html.hints.ELEMENT_FILTERS` through the pipeline
    over the candidate elements (user ``protect_patterns`` apply to each
    element's text). A selected element that a guard keeps (see
    :mod:`declutter.html.guards`) stays, and the refusal becomes a note.
    On a forum page (``kind``) comment boxes stay and per-post chrome goes.
    """
    selected, protected = user_selectors(tree, config)
    guards = find_guards(tree, meta, index)
    marks = {**teaser_articles(tree, guards), **promo_runs(tree, config)}
    candidates = [cand for cand in _candidates(tree, meta, marks, guards, kind)
                  if not touches(cand.element, protected) and not touches(cand.element, set(selected))]
    blocks = tuple(Block(i, _SPACE.sub(" ", " ".join(c.element.itertext())).strip(), 0, c.tag, c.hints)
                   for i, c in enumerate(candidates))
    doc = Document(blocks, tuple(" " for _ in blocks[1:]))
    result = Pipeline(list(ELEMENT_FILTERS), replace(config, remove_patterns=())).run(doc)
    group_guard = _large_groups(result.removals, candidates, guards)
    removals, refusals, dropped = [], [], []
    for removal in result.removals:
        cand = candidates[removal.index]
        guard = cand.guard or group_guard.get(removal.index, "")
        if guard:
            refusals.append(Note(NoteKind.REFUSED, guard, cand.position, removal.text,
                                 f"{removal.filter} {removal.reason} {_describe(cand.element)}"))
            if cand.tag in PRUNED_TAGS:  # trafilatura would drop the kept element on sight
                cand.element.tag = "div"
            continue
        removals.append(replace(removal, index=cand.position, detail=_describe(cand.element)))
        dropped.append(cand.element)
    for element in reversed(dropped):
        element.drop_tree()
    user = [Removal("patterns", "pattern.selector", position, element_text(element), 0,
                    f"{selector} {_describe(element)}") for element, (position, selector) in selected.items()]
    for element in selected:
        element.drop_tree()
    return tuple(sorted(user + removals, key=lambda r: r.index)), tuple(refusals)

