"""Class/id hints for HTML mode: whole-token matching with guards, and the element filters.

Sites name their boxes in ``class`` and ``id``; matching those names as
substrings is what makes extractors drop real paragraphs ("author" inside
``author-jane-doe``, "related" inside ``unrelated``, "ad" inside ``head``).
Here every class token and the id are matched as *whole tokens*:

* a token is normalised (camelCase and ``_`` become ``-``, lower case), so
  ``relatedPosts``, ``related_posts`` and ``related-posts`` are one name;
* its hints are the token itself, each of its ``-`` parts and each pair of
  adjacent parts, so ``single-related-posts`` hints ``related``, ``posts``
  and ``related-posts``; ``unrelated-thing`` hints ``unrelated`` and
  ``thing``, never ``related``;
* guards decide which parts count on their own (see :data:`FIRST_ONLY`,
  :data:`POSITION_WORDS`, :data:`WHOLE_ONLY`, :data:`LABEL_PREFIXES`).

    >>> sorted(hint_tokens("c-related-posts unrelated", None))
    ['c', 'c-related', 'c-related-posts', 'posts', 'related', 'related-posts', 'unrelated']
    >>> "author" in hint_tokens("author-jane-doe", None), "author" in hint_tokens("author", None)
    (False, True)
    >>> sorted(hint_tokens("ad-slot head", None))
    ['ad', 'ad-slot', 'head', 'slot']

The element filters below are ordinary filters (``(blocks, config) ->
selections``) that the pipeline runs over the element blocks of a page; they
read the hint sets kept as data in the text filters
(:data:`~declutter.filters.captions.CAPTION_HINTS`,
:data:`~declutter.filters.bylines.BYLINE_HINTS`,
:data:`~declutter.filters.promos.PROMO_HINTS`) plus :data:`CHROME_HINTS` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection, word_count
from declutter.filters.bylines import BYLINE_HINTS
from declutter.filters.bylines import Reason as BylineReason
from declutter.filters.captions import CAPTION_HINTS, CAPTION_TAGS
from declutter.filters.captions import Reason as CaptionReason
from declutter.filters.promos import PROMO_HINTS
from declutter.filters.promos import Reason as PromoReason
from declutter.memo import once_per_text

#: Words that mark an ad or promo box only as the first or last part of a token:
#: ``ad-slot``, ``ads``, ``event-promo`` count; ``load-ads-more`` does not. ``sidebar``
#: counts first or after a :data:`POSITION_WORDS` word.
FIRST_ONLY = frozenset({"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "sponsor",
                        "sponsored", "promo", "promos", "promoted", "sidebar"})
#: Words after which ``sidebar`` counts too (``left-sidebar``, ``widget-sidebar``).
POSITION_WORDS = frozenset({"left", "right", "primary", "secondary", "main", "widget", "site", "page"})
#: Words that count only as the whole token: ``author`` is a byline box, but
#: ``author-jane-doe`` is a taxonomy class; a box is named ``author-bio`` etc.
WHOLE_ONLY = frozenset({"author", "authors", "meta", "widget", "title", "headline", "info", "tools"})
#: First parts that make a token a label, not a box: taxonomy and state classes
#: (``tag-related``, ``category-share``, ``has-sidebar``, ``no-comments``,
#: ``postid-12``). Such a token hints only itself.
LABEL_PREFIXES = frozenset({"tag", "category", "cat", "categories", "term", "topic", "postid", "post-id", "format",
                            "type", "status", "template", "page-id", "parent-pageid", "has", "with", "without", "no",
                            "not", "is", "show", "hide", "hidden", "enable", "disable", "elementor",
                            "wp-block", "toggle", "lang", "theme", "layout", "color", "bg", "text", "font"})
#: Chrome words that name a box only as the head of a class token: its last part, or followed by
#: box words only (``site-nav``, ``nav-bar``, ``menu-wrapper``, ``modal-dialog-inner``). In
#: ``p-navSticky`` or ``lm_navSource`` "nav" describes something else.
HEAD_ONLY = frozenset({"nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "masthead", "modal",
                       "popup", "dialog", "toolbar", "topbar", "pagination", "pager",
                       "tooltip", "popover", "hovercard", "rollover", "login", "signin", "tags"})
#: :data:`HEAD_ONLY` words of a box that pops up over a word of the text (a tooltip, a popover). After ``data``
#: the token names what carries the popup's text, as the ``data-tooltip`` attribute does, not the popup:
#: ``js-dataTooltip`` on a table whose items show their tooltips is the table (see :func:`_part_counts`).
POPUP_WORDS = frozenset({"tooltip", "popover", "hovercard", "rollover"})
#: Words that may follow a :data:`HEAD_ONLY` word in a token that still names that box.
BOX_WORDS = frozenset({"bar", "bars", "wrapper", "wrap", "container", "inner", "outer", "area", "block", "box",
                       "holder", "section", "panel", "region", "list", "links", "items", "item", "menu", "nav",
                       "main", "primary", "secondary", "top", "bottom", "mobile", "desktop", "overlay", "dialog",
                       "backdrop", "root", "module", "widget", "group", "row", "col", "column",
                       "left", "right", "header", "footer", "global", "site", "page", "link", "toggle",
                       "trigger", "button", "btn", "icon", "close", "body", "content", "dropdown", "sub", "level"})
#: Words of readers' discussion that count only when no :data:`CONTENT_WORDS` word comes before them:
#: ``testimonials-comments`` and ``review-comments`` hold what customers said, which is content.
DISCUSSION_WORDS = frozenset({"comments", "comment", "replies", "reply"})
CONTENT_WORDS = frozenset({"testimonial", "testimonials", "review", "reviews", "rating", "ratings", "faq", "faqs",
                           "question", "questions", "answer", "answers", "customer", "customers"})
#: Words naming a product's or item's own text: the parts after one (``product-details-modal``,
#: ``content-toggle-product-details-read-more``) say how that text is shown, so they hint nothing.
DETAIL_WORDS = frozenset({"details", "description", "specs", "specifications"})
#: Words naming the text a "Read more" toggle reveals: after ``read-more`` (or ``readmore``) one of them makes
#: the token that hidden text (``read-more__text``, ``read-more-content``, ``ReadMoreAnswer_answerText``), not a
#: "Read more" box of links to other pages, so the token hints only itself.
REVEALED_WORDS = frozenset({"text", "content", "body", "answer", "copy", "description"})
#: Last parts that make a token a page or widget *state*, not a box (``xb-canvas-menuActive``,
#: ``menu-open``, ``p-navSticky``): such a token hints only itself.
STATE_WORDS = frozenset({"active", "sticky", "open", "opened", "fixed", "visible", "expanded", "collapsed",
                         "shown", "enabled", "disabled", "selected", "current", "loaded", "loading", "scrolled",
                         "toggled", "locked", "stuck", "pinned", "transparent", "dark", "light", "on", "off"})
#: Site chrome: navigation, breadcrumbs, consent and modal boxes, tag lists, pagers.
CHROME_HINTS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "site-header", "site-footer", "masthead",
    "page-footer", "global-header", "global-footer", "cookie", "cookies", "consent", "gdpr", "cookie-banner",
    "modal", "popup", "dialog", "toolbar", "topbar", "skip-link", "skiplink", "tag-cloud", "tagcloud", "tags",
    "tag-list", "taglist", "post-tags", "article-tags", "category-list", "filed-under", "posted-in", "pagination",
    "pager", "pdf-link", "end-slate", "endslate", "print-link", "sidebar",
    "widget-area", "skip-to-content", "back-to-top", "login", "signin", "sign-in", "log-in", "paywall-prompt",
    "tooltip", "popover", "hovercard", "rollover",
})
#: Overlays: a dialog (``<dialog>``, ``role="dialog"`` or ``alertdialog``, ``aria-modal``), a modal or a consent
#: box. Its text sits over the page, never in it, however much of it there is (a consent manager's vendor list,
#: a terms-of-service modal, an ad's "Why you're seeing this ad" boxes): the share guard does not keep it.
OVERLAY_ROLES = frozenset({"dialog", "alertdialog"})
OVERLAY_HINTS = frozenset({"modal", "dialog", "popup", "cookie", "cookies", "consent", "gdpr", "cookie-banner"})
#: HTML tags that are chrome wherever they stand.
CHROME_TAGS = frozenset({"nav", "aside", "menu", "dialog"})
#: ARIA roles and itemtypes of chrome.
CHROME_ROLES = frozenset({"navigation", "dialog", "alertdialog", "menu", "menubar", "search"})
CHROME_ITEMTYPES = ("schema.org/breadcrumblist", "schema.org/sitenavigationelement", "schema.org/wpheader",
                    "schema.org/wpfooter", "schema.org/wpsidebar", "schema.org/wpadblock")
#: Marker hints the HTML reader adds for attributes and context (never class tokens: they hold "@").
HIDDEN, ROLE_CHROME, ITEMTYPE_CHROME, OUTER_HEADER, HEADLINE, DECK, NESTED_ARTICLE, PROMO_HEADING, TEASER = (
    "@hidden", "@role-chrome", "@itemtype-chrome", "@outer-header", "@headline", "@deck", "@nested-article",
    "@promo-heading", "@teaser")
#: Marker of per-post chrome on a forum page (see :data:`FORUM_CHROME_HINTS`).
POST_CHROME = "@post-chrome"
#: On a forum page, readers' posts are the content: these hints remove nothing there.
FORUM_KEPT_HINTS = frozenset({"comments", "comment", "comment-list", "disqus"})
#: Per-post chrome of forums and Q&A sites (XenForo, Discourse, phpBB, vBulletin, Stack Exchange):
#: signatures, user badges and stats, votes, reaction and action bars, "Click to expand" links,
#: suggested topics. Removed on forum pages only.
FORUM_CHROME_HINTS = frozenset({
    "signature", "user-extras", "user-title", "user-banner", "user-stats", "user-badges", "badges",
    "expand-link", "reactions", "reactions-bar", "reaction-bar", "action-bar", "actionbar", "post-menu-area",
    "post-controls", "post-actions", "post-buttons", "postprofile", "voting-container", "votecell",
    "vote-buttons", "like-button", "reply-button", "quote-button", "post-menu", "topic-map", "suggested-topics",
    "more-topics", "similar-threads", "back2top", "comment-user", "comment-date",
})
#: Marker of customers' reviews on a product page (see :data:`REVIEW_HINTS`).
REVIEWS = "@reviews"
#: Customers' reviews and ratings on a product page (Steam's ``app_reviews_area``, Amazon's
#: ``customerReviews``, Okendo's ``okeReviews``, WooCommerce's ``woocommerce-product-rating``): the product's
#: description and specifications are the content, what buyers say about it is another text beside it.
#: Removed on product pages only, and not when the box also names the product's own text
#: (:data:`REVIEW_KEPT_HINTS`).
REVIEW_HINTS = frozenset({"reviews", "ratings", "product-rating", "star-rating", "review-stars", "write-review"})
#: A review box that is also one of these is the seller's or the press's text about the product (Amazon's
#: ``editorialReviews``, Steam's press quotes in a ``game_area_description``, a course's testimonials).
REVIEW_KEPT_HINTS = frozenset({"editorial", "description", "details", "specs", "testimonial", "testimonials"})
#: Class tokens of a deck (standfirst) under the headline.
#: Not "summary", "intro" or "lede": those boxes often hold the article's first paragraph.
DECK_HINTS = frozenset({"dek", "deck", "standfirst", "subtitle", "sub-title", "subhead", "sub-head", "subheadline",
                        "sub-headline", "strapline", "article-dek"})
#: A byline or caption box longer than this holds more than a byline or caption: keep it.
ELEMENT_MAX_WORDS = 120
#: Class tokens of the article headline and itemprop names that mark it.
HEADLINE_HINTS = frozenset({"headline", "entry-title", "article-title", "post-title", "story-title",
                            "article-headline", "post-headline", "story-headline", "article-header-title",
                            "page-title", "title"})
#: Tags whose class-token hits make them chrome or promo (inline tags never are).
BOX_TAGS = frozenset({"div", "section", "aside", "header", "footer", "nav", "ul", "ol", "li", "p", "figure",
                      "figcaption", "form", "table", "dl", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6",
                      "article", "iframe", "details", "address", "menu", "dialog", "blockquote", "time"})

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS = re.compile(r"[-_\s.:]+")
_SPACE = re.compile(r"\s+")


def normalise(token: str) -> str:
    """``relatedPosts``, ``related_posts``, ``Related--Posts`` -> ``related-posts``."""
    return _SEPARATORS.sub("-", _CAMEL.sub("-", token).lower()).strip("-")


#: A class token or id of this many parts is the slug of a heading or sentence
#: (``sign-up-for-twilio-and-get-a-phone-number-section``, an anchor), not a box's name: it hints nothing.
SLUG_PARTS = 7


def token_hints(token: str) -> set[str]:
    """The hints of one class token or id (see the module docstring).

    A BEM modifier (``content-header--publish-date-bottom``) says how a box
    looks, not what it is: it hints nothing (its block class stands beside it).
    """
    if "--" in token.strip("-"):
        return set()
    norm = once_per_text(normalise, token)
    if not norm:
        return set()
    parts = norm.split("-")
    if len(parts) >= SLUG_PARTS:  # a heading's slug (an anchor id), not a box's name
        return set()
    found = {norm}
    if (len(parts) == 1 or parts[0] in LABEL_PREFIXES or "-".join(parts[:2]) in LABEL_PREFIXES
            or parts[-1] in STATE_WORDS or _revealed_text(parts)):
        return found
    for i, part in enumerate(parts):
        if i and parts[i - 1] in DETAIL_WORDS:  # product-details-modal: where the details show, not chrome
            break
        if _part_counts(parts, i):
            found.add(part)
        if i:
            found.add(f"{parts[i - 1]}-{part}")
    return found


def _revealed_text(parts: list[str]) -> bool:
    """Whether the parts name the text a "Read more" toggle reveals (see :data:`REVEALED_WORDS`)."""
    for i, part in enumerate(parts):
        opener = part == "readmore" or (part == "more" and i and parts[i - 1] == "read")
        if opener and not REVEALED_WORDS.isdisjoint(parts[i + 1:]):
            return True
    return False


def _part_counts(parts: list[str], i: int) -> bool:
    part = parts[i]
    if part in WHOLE_ONLY or part.isdigit():
        return False
    if part == "sidebar":
        return i == 0 or parts[i - 1] in POSITION_WORDS
    if part in FIRST_ONLY:
        return i in (0, len(parts) - 1)
    if part in HEAD_ONLY:
        carries_popup = part in POPUP_WORDS and i > 0 and parts[i - 1] == "data"  # data-tooltip: is no tooltip
        return not carries_popup and all(rest in BOX_WORDS or rest.isdigit() for rest in parts[i + 1:])
    if part in DISCUSSION_WORDS:
        return CONTENT_WORDS.isdisjoint(parts[:i])
    return True


def hint_tokens(class_attr: str | None, id_attr: str | None) -> frozenset[str]:
    """The hints of an element's ``class`` tokens and ``id``, each tested on its own."""
    found = once_per_text(value_hints, class_attr) if class_attr else _NO_HINTS
    return found | once_per_text(value_hints, id_attr) if id_attr else found


_NO_HINTS: frozenset[str] = frozenset()


def value_hints(value: str) -> frozenset[str]:
    """The hints of the tokens of one ``class`` or ``id`` value: a page repeats its values hundreds of times,
    so this is asked once per value and page (:func:`declutter.memo.once_per_text`), each token once too."""
    found: set[str] = set()
    for token in value.split():
        found |= once_per_text(_frozen_hints, token)
    return frozenset(found)


def _frozen_hints(token: str) -> frozenset[str]:
    """:func:`token_hints` as a frozenset: a pure function of the token, asked for each element of a page, so
    it is computed once per token and page (:func:`declutter.memo.once_per_text`, inside ``clean_html``'s
    document scope; nothing is kept across pages)."""
    return frozenset(token_hints(token))


class ChromeReason(StrEnum):
    """Reason codes of :func:`chrome_elements`."""

    TAG = "chrome.tag"
    NESTED_ARTICLE = "chrome.nested_article"
    HINT = "chrome.hint"
    HIDDEN = "chrome.hidden"
    ROLE = "chrome.role"
    HEADER = "chrome.header"
    POST_CHROME = "chrome.post"
    REVIEWS = "chrome.reviews"


class HeadlineReason(StrEnum):
    """Reason code of :func:`headline_elements`."""

    ELEMENT = "headline.element"
    DECK = "headline.deck"


def _boxed(block: Block) -> bool:
    return block.tag in BOX_TAGS


def caption_elements(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """``figcaption`` and caption/credit-marked boxes (kept with ``keep_captions``).

    before: ``<figure><img><figcaption>Jane at the vote (Photo: AP)</figcaption></figure><p>Body.</p>``
    after:  ``Body.``
    """
    if config.keep_captions:
        return
    for block in blocks:
        if word_count(block.text) > ELEMENT_MAX_WORDS:
            continue
        if block.tag in CAPTION_TAGS or (_boxed(block) and not CAPTION_HINTS.isdisjoint(block.hints)):
            yield Selection(block, CaptionReason.ELEMENT)


def byline_elements(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Byline, author-box and post-meta boxes (``class="byline"``, ``author-bio``).

    before: ``<div class="byline">By Jane Doe</div><p>Body.</p>``   after: ``Body.``
    """
    for block in blocks:
        if _boxed(block) and not BYLINE_HINTS.isdisjoint(block.hints) and word_count(block.text) <= ELEMENT_MAX_WORDS:
            yield Selection(block, BylineReason.ELEMENT)


def promo_elements(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Related, newsletter, share, comments and ad boxes; promo headings and their link lines.

    A promo heading ("Don't miss", "Related") goes with the run of link-only
    siblings right after it (the HTML reader marks both); the first sibling
    that is not a link ends the run, so the article resumes there.

    before: ``<p>Body.</p><section class="related-posts">…</section>``   after: ``Body.``
    """
    for block in blocks:
        if PROMO_HEADING in block.hints:
            yield Selection(block, PromoReason.HEADING)
        elif TEASER in block.hints:
            yield Selection(block, PromoReason.SECTION, "a link-only line after a promo heading")
        elif _boxed(block) and not PROMO_HINTS.isdisjoint(block.hints):
            yield Selection(block, PromoReason.ELEMENT)


def chrome_elements(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Navigation, page headers, consent boxes, hidden elements, tag lists.

    before: ``<nav>Home World</nav><p>Body.</p>``   after: ``Body.``
    """
    for block in blocks:
        reason = _chrome_reason(block)
        if reason is not None:
            yield Selection(block, reason)


def _chrome_reason(block: Block) -> ChromeReason | None:
    if block.tag in CHROME_TAGS:
        return ChromeReason.TAG
    for marker, reason in _MARKER_REASONS:
        if marker in block.hints:
            return reason
    if _boxed(block) and not CHROME_HINTS.isdisjoint(block.hints):
        return ChromeReason.HINT
    return None


_MARKER_REASONS = ((HIDDEN, ChromeReason.HIDDEN), (ROLE_CHROME, ChromeReason.ROLE),
                   (ITEMTYPE_CHROME, ChromeReason.ROLE), (OUTER_HEADER, ChromeReason.HEADER),
                   (NESTED_ARTICLE, ChromeReason.NESTED_ARTICLE), (POST_CHROME, ChromeReason.POST_CHROME),
                   (REVIEWS, ChromeReason.REVIEWS))


def headline_elements(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """The article headline, which the page's metadata already holds.

    The HTML reader marks a short heading whose words match the page title
    (or that ``itemprop="headline"`` names) with a marker hint.

    before: ``<h1>Council backs budget</h1><p>Body.</p>``   after: ``Body.``
    """
    for block in blocks:
        if HEADLINE in block.hints:
            yield Selection(block, HeadlineReason.ELEMENT)
        elif DECK in block.hints:
            yield Selection(block, HeadlineReason.DECK)


def _named(func: object, name: str) -> None:
    func.filter_name = name  # type: ignore[attr-defined]


for _func, _name in ((headline_elements, "html.headline"), (chrome_elements, "html.chrome"),
                     (caption_elements, "html.captions"), (byline_elements, "html.bylines"),
                     (promo_elements, "html.promos")):
    _named(_func, _name)

#: The element filters, in the order the HTML stage runs them.
ELEMENT_FILTERS = (headline_elements, chrome_elements, caption_elements, byline_elements, promo_elements)

#: Every class hint some element filter looks at (lets the reader skip the rest cheaply).
ALL_HINTS = CAPTION_HINTS | BYLINE_HINTS | PROMO_HINTS | CHROME_HINTS
