"""Page type: what kind of page this is (forum, product, collection, listing, documentation, service, article).

HTML mode treats a forum thread, a product page or a docs page differently
from a news article (replies are content on a forum; a product's description
may sit only in its JSON-LD). The type is decided from cheap signals, each
with a weight and recorded as data, so the decision can be explained:

* JSON-LD ``@type`` (``DiscussionForumPosting``, ``QAPage``, ``Product``,
  ``CollectionPage``, ``TechArticle``, ``NewsArticle``…) and ``og:type``;
* microdata ``itemtype``;
* platform markers (XenForo, Discourse, phpBB, vBulletin, Stack Exchange,
  Shopify, WooCommerce, Sphinx, MkDocs, Docusaurus…);
* the URL's shape (``/threads/``, ``/products/``, ``/collections/``, ``docs.``);
* DOM counts (repeated posts, price tags, code blocks);
* DOM shapes, on a page with no article evidence (no date, author or article
  body: :func:`article_evidence`): a marketing page's feature sections, each with
  a heading, and its call-to-action buttons; a product grid's repeated cards, each
  with an image, a link and a price.

The weights of each type are added up; a type wins with at least
:data:`MIN_SCORE` and a lead of :data:`MIN_LEAD` over the runner-up, else the
page is an article (HTML mode's behaviour before page types)::

    >>> from lxml.html import document_fromstring
    >>> page = document_fromstring('<html><body><div id="XF"><article class="message">Hi</article></div></body></html>')
    >>> decision = decide_page_type(page, "https://example.com/threads/help.123/")
    >>> decision.type.value, [s.source for s in decision.signals]
    ('forum', ['platform:xenforo', 'url:thread'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from lxml import etree
from lxml.html import HtmlElement

from declutter.html.guards import TextIndex
from declutter.html.hints import hint_tokens
from declutter.vocab import alternation, available_languages, fragments_for


class PageType(StrEnum):
    """The seven kinds of page HTML mode tells apart."""

    ARTICLE = "article"
    FORUM = "forum"
    PRODUCT = "product"
    COLLECTION = "collection"
    LISTING = "listing"
    DOCUMENTATION = "documentation"
    SERVICE = "service"


@dataclass(frozen=True, slots=True)
class Signal:
    """One piece of evidence: the type it points to, its weight and where it came from."""

    type: PageType
    weight: float
    source: str


@dataclass(frozen=True, slots=True)
class PageTypeDecision:
    """The decided type, the signals that were found and the score of each type."""

    type: PageType
    signals: tuple[Signal, ...] = ()
    scores: tuple[tuple[PageType, float], ...] = ()

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the ``page_type`` note of ``--explain``)."""
        return {"type": self.type.value,
                "signals": [f"{s.source} -> {s.type.value} {s.weight:g}" for s in self.signals],
                "scores": {t.value: round(score, 2) for t, score in self.scores}}


#: A type needs at least this score to win over the default (article)…
MIN_SCORE = 2.0
#: …and this lead over the runner-up.
MIN_LEAD = 1.0

F, P, C, L, D, S, A = (PageType.FORUM, PageType.PRODUCT, PageType.COLLECTION, PageType.LISTING,
                       PageType.DOCUMENTATION, PageType.SERVICE, PageType.ARTICLE)

#: JSON-LD ``@type`` values and the (type, weight) they point to.
JSON_LD_TYPES: dict[str, tuple[PageType, float]] = {
    "discussionforumposting": (F, 3.0), "qapage": (F, 3.0), "socialmediaposting": (F, 1.5),
    "product": (P, 2.5), "productgroup": (P, 2.0), "individualproduct": (P, 2.5),
    "collectionpage": (C, 1.5), "offercatalog": (C, 2.0), "searchresultspage": (L, 2.0),
    "techarticle": (D, 2.5), "apireference": (D, 3.0), "softwaresourcecode": (D, 1.0),
    "newsarticle": (A, 2.5), "blogposting": (A, 2.5), "article": (A, 2.0), "reportagenewsarticle": (A, 2.5),
    "opinionnewsarticle": (A, 2.5), "analysisnewsarticle": (A, 2.5), "recipe": (A, 2.0), "review": (A, 0.5),
    "service": (S, 2.0), "professionalservice": (S, 1.5), "jobposting": (L, 1.0), "course": (L, 0.5),
}
#: ``og:type`` values.
OG_TYPES: dict[str, tuple[PageType, float]] = {
    "product": (P, 2.5), "og:product": (P, 2.5), "product.item": (P, 2.5), "ebay-objects:item": (P, 2.5),
    "product.group": (C, 2.0), "article": (A, 0.5), "blog": (A, 1.0),
}
#: Microdata ``itemtype`` endings.
ITEMTYPES: dict[str, tuple[PageType, float]] = {
    "discussionforumposting": (F, 2.5), "qapage": (F, 3.0), "question": (F, 1.0), "answer": (F, 1.0),
    "product": (P, 2.0), "techarticle": (D, 2.0), "newsarticle": (A, 2.0), "blogposting": (A, 2.0),
}
#: URL path shapes (regex on the lower-cased URL), each with its type and weight.
URL_SHAPES: tuple[tuple[str, re.Pattern[str], PageType, float], ...] = tuple(
    (name, re.compile(pattern), kind, weight) for name, pattern, kind, weight in (
        ("thread", r"/threads?/|showthread|viewtopic|/topic/|/topics/|/t/[^/]+/\d+", F, 1.5),
        ("question", r"/questions/\d+", F, 2.0),
        ("comments", r"/r/[^/]+/comments/|/comments/\w+/", F, 2.0),
        ("forum", r"/forums?/|/community/|discuss\.|forum\.|community\.", F, 1.0),
        ("product", r"/products?/[^/?#]+|/dp/[a-z0-9]{10}|/itm/|/p/\d+", P, 1.5),
        ("collection", r"/collections/[^/?#]+/?(?:$|\?)|/categor(?:y|ies)/|/shop/|/c/", C, 1.0),
        ("docs", r"://(?:docs?|developers?)\.|/docs?/|/documentation/|/api/|/reference/|readthedocs|/manual/|/sdk/",
         D, 2.0),
        ("dated", r"/20\d\d/\d\d?/|/blog/|/news/", A, 1.0),
        ("service", r"/services?/|/solutions?/|/pricing|/features?/", S, 1.0),
        ("listing", r"/jobs/?$|/careers/?$|/courses/?$|/events/?$|/listings?/|/directory/", L, 1.0),
    ))


def decide_page_type(tree: HtmlElement, url: str | None, json_ld: Iterable[dict[str, object]] = (),
                     index: TextIndex | None = None) -> PageTypeDecision:
    """The page's type with the signals that decided it (see the module docstring)."""
    json_ld = list(json_ld)  # read twice: its types, then its article evidence
    signals = [*_json_ld_signals(json_ld), *_meta_signals(tree), *_platform_signals(tree),
               *_url_signals(url or ""), *_dom_signals(tree, index or TextIndex(tree)),
               *_shape_signals(tree, json_ld)]
    totals: dict[PageType, float] = {}
    for signal in signals:
        totals[signal.type] = totals.get(signal.type, 0.0) + signal.weight
    ranked = sorted(totals.items(), key=lambda item: (-item[1], list(PageType).index(item[0])))
    chosen = PageType.ARTICLE
    if ranked and ranked[0][1] >= MIN_SCORE:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] - runner_up >= MIN_LEAD:
            chosen = ranked[0][0]
    return PageTypeDecision(chosen, tuple(signals), tuple(ranked))


def _type_names(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value.rsplit("/", 1)[-1].lower()
    elif isinstance(value, list):
        for item in value:
            yield from _type_names(item)


#: How deep JSON-LD objects are looked into for their types (``mainEntity``, ``itemListElement``…).
JSON_LD_DEPTH = 4


def json_ld_type_counts(objects: Iterable[dict[str, object]]) -> dict[str, int]:
    """How often each ``@type`` occurs in the JSON-LD objects, nested ones too (lower-cased)."""
    counts: dict[str, int] = {}
    stack: list[tuple[object, int]] = [(data, 0) for data in objects]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, list):
            stack.extend((child, depth) for child in item)
        elif isinstance(item, dict) and depth <= JSON_LD_DEPTH:
            for name in _type_names(item.get("@type")):
                counts[name] = counts.get(name, 0) + 1
            stack.extend((child, depth + 1) for key, child in item.items() if key != "@graph")
    return counts


def _json_ld_signals(objects: Iterable[dict[str, object]]) -> Iterator[Signal]:
    """One signal per distinct JSON-LD type (products: several of them make a collection, unless a
    ``ProductGroup`` holds them: they are the variants of one product, a size or a colour each)."""
    counts = json_ld_type_counts(objects)
    for name, count in counts.items():
        if name == "product" and count >= 3 and "productgroup" not in counts:
            yield Signal(C, 2.0, f"json-ld:{count}xproduct")
        elif name == "itemlist" and counts.get("product", 0) != 1:
            yield Signal(C, 1.0, "json-ld:itemlist")
        elif name in JSON_LD_TYPES:
            kind, weight = JSON_LD_TYPES[name]
            yield Signal(kind, weight, f"json-ld:{name}")


#: Whole-document XPaths, compiled once; ``/descendant-or-self::`` is ``//`` in one step (libxml2 makes no node set
#: of every node first).
_OUTER_ITEMTYPES = etree.XPath("/descendant-or-self::*[@itemtype][not(ancestor::*[@itemtype])]")
_CODE_BLOCKS = etree.XPath("/descendant-or-self::pre[.//code or string-length(normalize-space(.)) > 20]")


def _meta_signals(tree: HtmlElement) -> Iterator[Signal]:
    """``og:type`` and microdata ``itemtype`` (each distinct value once)."""
    for meta in tree.iterfind(".//head/meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == "og:type":
            value = (meta.get("content") or "").strip().lower()
            if value in OG_TYPES:
                kind, weight = OG_TYPES[value]
                yield Signal(kind, weight, f"og:type={value}")
            break
    seen = set()
    for element in _OUTER_ITEMTYPES(tree):
        name = (element.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].lower()
        if name in ITEMTYPES and name not in seen:
            seen.add(name)
            kind, weight = ITEMTYPES[name]
            yield Signal(kind, weight, f"itemtype:{name}")


#: Platform markers: (name, type, weight, alternatives). A platform is found when every marker of one
#: alternative is on the page; markers are ``id:X``, ``class:X`` (a class token), ``body:X`` (a class
#: token of ``body``), ``generator:X`` (the first word of the generator meta, lower case), ``template:X``
#: (``data-template``), ``form:cart-add`` (a form posting to ``/cart/add``), ``headerlink`` (Sphinx's
#: heading permalinks).
PLATFORMS: tuple[tuple[str, PageType, float, tuple[frozenset[str], ...]], ...] = tuple(
    (name, kind, weight, tuple(frozenset(alt.split()) for alt in alts)) for name, kind, weight, alts in (
        ("xenforo", F, 3.0, ("id:XF", "template:thread_view", "class:block--messages")),
        ("discourse", F, 3.0, ("generator:discourse", "id:data-preloaded", "class:topic-post")),
        ("phpbb", F, 2.5, ("id:phpbb", "class:postprofile", "class:topictitle")),
        ("vbulletin", F, 3.0, ("generator:vbulletin", "class:postbitlegacy", "id:postlist")),
        ("stack-exchange", F, 3.0, ("id:mainbar id:question", "id:answers class:answer")),
        ("shopify-product", P, 1.5, ("class:product__description", "form:cart-add")),
        ("woocommerce-product", P, 2.5, ("body:single-product",)),
        ("woocommerce-shop", C, 2.5, ("body:tax-product_cat", "body:post-type-archive-product")),
        ("sphinx", D, 2.5, ("class:sphinxsidebar", "headerlink")),
        ("mkdocs", D, 2.5, ("generator:mkdocs", "class:md-content")),
        ("docusaurus", D, 2.5, ("generator:docusaurus", "class:theme-doc-markdown")),
        ("rustdoc", D, 3.0, ("generator:rustdoc",)),
        ("mdn", D, 2.0, ("id:main-page-content", "class:main-page-content")),
        ("gitbook", D, 2.0, ("generator:gitbook",)),
    ))


#: Attribute values of every element, read by XPath in C (plain strings: no link back to the element).
_IDS, _CLASSES, _TEMPLATES, _BODY_CLASSES, _LINK_CLASSES, _FORM_ACTIONS = (
    etree.XPath(f"descendant-or-self::{step}", smart_strings=False)
    for step in ("*/@id", "*/@class", "*/@data-template", "body/@class", "a/@class", "form/@action"))


def page_markers(tree: HtmlElement) -> frozenset[str]:
    """The platform markers on the page (see :data:`PLATFORMS`).

    Every element is looked at, so the attributes are read by XPath steps
    (in C, no Python object per element), each distinct ``class`` value split once.
    """
    found = {f"id:{value}" for value in _IDS(tree)}
    found.update(f"template:{value}" for value in _TEMPLATES(tree))
    found.update(f"class:{token}" for value in set(_CLASSES(tree)) for token in value.split())
    found.update(f"body:{token}" for value in _BODY_CLASSES(tree) for token in value.split())
    for meta in tree.iter("meta"):
        if (meta.get("name") or "").lower() == "generator":
            words = (meta.get("content") or "").lower().split()
            if words:
                found.add(f"generator:{words[0].split('-')[0]}")
    if any("/cart/add" in action for action in _FORM_ACTIONS(tree)):
        found.add("form:cart-add")
    if any("headerlink" in value.split() for value in set(_LINK_CLASSES(tree))):
        found.add("headerlink")
    return frozenset(found)


def _platform_signals(tree: HtmlElement) -> Iterator[Signal]:
    markers = page_markers(tree)
    for name, kind, weight, alternatives in PLATFORMS:
        if any(alternative <= markers for alternative in alternatives):
            yield Signal(kind, weight, f"platform:{name}")


def _url_signals(url: str) -> Iterator[Signal]:
    lowered = url.lower()
    for name, pattern, kind, weight in URL_SHAPES:
        if pattern.search(lowered):
            yield Signal(kind, weight, f"url:{name}")


#: Class tokens of a price (product cards carry one each).
_PRICE = re.compile(r"(?:^|[\s_-])(?:price|product-price|price-item|amount)(?:$|[\s_-])", re.IGNORECASE)
#: A collection page shows at least this many prices; a documentation page this many code blocks…
MIN_PRICES, MIN_CODE_BLOCKS = 8, 3
#: …and a page with this many is documentation on that evidence alone (on the WCXB dev split: 37 of the 91
#: docs pages, 7 of the 793 articles, which keep their article signals).
MANY_CODE_BLOCKS = 15


#: Discussion: at least this many comment boxes holding this share of the page's text outside links…
MIN_COMMENTS, COMMENT_SHARE = 5, 0.5
#: …and holding nearly all of it (the story is a link or a stub: the discussion is the page).
DISCUSSION_SHARE = 0.9
_COMMENT_HINTS = frozenset({"comment", "comments", "reply", "replies"})
_COMMENTISH = re.compile(r"comment|repl", re.IGNORECASE)


def _comment_signal(tree: HtmlElement, index: TextIndex) -> Iterator[Signal]:
    """Comment boxes that hold most of the page: a discussion (Slashdot, Lobsters, Hacker News)."""
    boxes = [el for el in tree.iter("div", "li", "article", "section")
             if _COMMENTISH.search(el.get("class") or "")
             and not _COMMENT_HINTS.isdisjoint(hint_tokens(el.get("class"), None))]
    outer = set(boxes)
    top = [el for el in boxes if not any(a in outer for a in el.iterancestors())]
    if len(top) < MIN_COMMENTS and sum(1 for _ in boxes) < MIN_COMMENTS:
        return
    share = sum(index.prose(el) for el in top) / max(index.prose(tree), 1)
    if share >= COMMENT_SHARE:
        yield Signal(F, 2.5 if share >= DISCUSSION_SHARE else 1.5, f"dom:comments hold {share:.0%}")


def _dom_signals(tree: HtmlElement, index: TextIndex) -> Iterator[Signal]:
    """Repeated priced cards (collection), code blocks (documentation), comments holding the page (forum)."""
    yield from _comment_signal(tree, index)
    prices = sum(1 for el in tree.iter("span", "div", "p", "strong", "bdi", "ins")
                 if _PRICE.search(el.get("class") or ""))
    if prices >= MIN_PRICES:
        yield Signal(C, 1.0, f"dom:{prices}xprice")
    code = len(_CODE_BLOCKS(tree))
    if code >= MIN_CODE_BLOCKS:
        yield Signal(D, 2.0 if code >= MANY_CODE_BLOCKS else 1.0, f"dom:{code}xcode")


#: A marketing page: at least this many outermost ``section``s holding a heading, and this many distinct
#: call-to-action buttons ("Get started", "Book a demo": ``chrome.cta`` of every language's vocabulary)…
#: (the shape signals are looked at only on a page with no article evidence: :func:`article_evidence`).
MIN_FEATURE_SECTIONS, MIN_CTAS = 3, 2
_HEADINGS = ("h2", "h3")
#: A product grid: at least this many sibling cards (same tag and class) that each hold an image, a link and a price.
MIN_PRICED_CARDS = 6
PRICE_TEXT = re.compile(r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d\d)?\s?(?:€|zł|kr|usd|eur|gbp)\b)", re.IGNORECASE)
_DATE_TEXT = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? 20\d\d\b|"
                        r"\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? 20\d\d\b|"
                        r"\b20\d\d-\d\d-\d\d\b", re.IGNORECASE)
_ARTICLE_META = frozenset({"article:published_time", "article:author", "author", "date", "pubdate"})


@cache
def _cta_pattern() -> re.Pattern[str]:
    """A whole button text that is a call to action in any language (compiled once: data, not documents)."""
    fragments = fragments_for(available_languages())["chrome.cta"]
    return re.compile(rf"^\W*{alternation(fragments)}\W*$", re.IGNORECASE)


def article_evidence(tree: HtmlElement, objects: Iterable[dict[str, object]]) -> str:
    """Why the page looks like a dated, signed piece of writing ("" when it does not).

    A ``<time>`` element, an ``article:published_time`` or author meta, a JSON-LD
    ``datePublished``, ``author`` or ``articleBody``, or a date in the text.
    """
    return _marked_evidence(tree, objects) or _text_evidence(tree)


def _marked_evidence(tree: HtmlElement, objects: Iterable[dict[str, object]]) -> str:
    """The evidence of :func:`article_evidence` in the markup: a ``<time>``, a meta, a JSON-LD key (cheap)."""
    if tree.find(".//time") is not None:
        return "time element"
    for meta in tree.iterfind(".//meta"):
        if (meta.get("property") or meta.get("name") or "").lower() in _ARTICLE_META:
            return "date or author meta"
    for data in objects:
        found = _ld_keys(data) & {"datePublished", "author", "articleBody"}
        if found:
            return f"json-ld {min(found)}"
    return ""


def _text_evidence(tree: HtmlElement) -> str:
    """The evidence of :func:`article_evidence` in the text: a date (reads the whole body)."""
    body = tree.find("body")
    if body is not None and _DATE_TEXT.search(body.text_content()):
        return "a date in the text"
    return ""


def _ld_keys(data: object, depth: int = 0) -> set[str]:
    if isinstance(data, list):
        return set().union(*(_ld_keys(item, depth) for item in data)) if data else set()
    if not isinstance(data, dict) or depth > JSON_LD_DEPTH:
        return set()
    keys = set(data)
    for value in data.values():
        keys |= _ld_keys(value, depth + 1)
    return keys


def _shape_signals(tree: HtmlElement, objects: Iterable[dict[str, object]]) -> Iterator[Signal]:
    """A marketing page's feature sections and buttons, a product grid's priced cards: looked at only on a
    page with no article evidence (a dated, signed article with a row of product cards stays an article)."""
    if _marked_evidence(tree, objects):  # first: the card count below walks every element's children
        return
    sections = sum(1 for el in tree.iter("section") if not any(a.tag == "section" for a in el.iterancestors())
                   and any(True for _ in el.iter(*_HEADINGS)))
    priced = _largest_run(tree, _priced_card, MIN_PRICED_CARDS)
    if (sections < MIN_FEATURE_SECTIONS and priced < MIN_PRICED_CARDS) or _text_evidence(tree):
        return
    ctas = _calls_to_action(tree) if sections >= MIN_FEATURE_SECTIONS else set()
    if len(ctas) >= MIN_CTAS:
        yield Signal(S, 2.0, f"dom:{sections} feature sections, {len(ctas)} calls to action, no article evidence")
    if priced >= MIN_PRICED_CARDS:
        yield Signal(C, 1.5, f"dom:{priced} priced cards, no article evidence")


def _priced_card(card: HtmlElement) -> bool:
    """A card holding an image, a link and a price."""
    return (card.find(".//img") is not None and card.find(".//a") is not None
            and bool(PRICE_TEXT.search(card.text_content())))


#: A button's text is at most this long.
CTA_MAX_CHARS = 60


def _calls_to_action(tree: HtmlElement) -> set[str]:
    """The distinct texts of the page's links and buttons that are calls to action (``chrome.cta``)."""
    cta = _cta_pattern()
    texts = (" ".join(el.text_content().split()) for el in tree.iter("a", "button"))
    return {text.lower() for text in texts if 0 < len(text) <= CTA_MAX_CHARS and cta.match(text)}


def _largest_run(tree: HtmlElement, holds: Callable[[HtmlElement], bool], least: int) -> int:
    """The most sibling elements of one tag and class under one parent for which ``holds`` is true
    (runs of fewer than ``least`` siblings are not looked into)."""
    best = 0
    for parent in tree.iter(etree.Element):
        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for child in parent.iterchildren(etree.Element):
            if child.get("class"):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for run in groups.values():
            if len(run) >= max(least, best + 1):
                best = max(best, sum(1 for card in run if holds(card)))
    return best
