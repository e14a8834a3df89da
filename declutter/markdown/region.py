"""region: the main content of a whole page, found from its Markdown alone.

A whole page converted to Markdown (html2text, markdownify, a crawler's
"page as Markdown") holds the site around the article: the header's menus
and logo, sidebars, related lists, the footer's link columns. The article
is where prose is dense; the site is where links are. Each block gets a
score: its words outside links count for it, its words inside links
against it (link text is navigation), and every block pays a small toll
(so a run of one-word lines does not add up to prose). The main region is
the run of blocks with the highest total (the maximum-sum run, as the
classic Body Text Extraction method finds it over tags and words). A
level-1 heading shortly before the run opens it, as does one further back
with a paragraph of prose between them: the page's title belongs to the
article.

What lies outside the region is removed block by block, ``region.header``
before it and ``region.footer`` after it, but only blocks that look like
site chrome: link-heavy blocks, short lines, images, headings. Prose
outside the region (a paragraph of sentences with few links) stays, and
so do code blocks and tables: when unsure, keep. On Markdown that is
already the main content (trafilatura's), the region does nothing: such
Markdown rarely holds a site's menus (:func:`whole_page`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters import FilterFunc
from declutter.filters.base import Selection, ends_like_sentence
from declutter.markdown.parse import Features, Kind

#: Weight of a word inside a short link (a menu label) against a word outside links.
LINK_WEIGHT = 2.5
#: Weight of a word inside a long link (a headline, a product or book title): such links are often the content.
LONG_LINK_WEIGHT = 1.0
#: A link of this many words or more is long.
LONG_LINK_WORDS = 5
#: The toll every block pays.
BLOCK_TOLL = 3.0
#: A level-1 heading at most this many blocks before the region opens it.
TITLE_REACH = 15
#: Outside the region, a block with this many words outside links, ending like a sentence, is prose: it stays.
PROSE_WORDS = 20
#: The region must hold this share of the page's content words (words outside links and in long links);
#: a page whose content is spread out (a listing, a catalogue) has no single main region and is left alone.
REGION_SHARE = 0.3
#: A region scoring less than this holds too little prose to tell the article from the site: nothing is cut.
REGION_MIN_SCORE = 20.0
#: A page is whole (not main content already) when it holds a run of this many menu blocks...
MENU_RUN = 3
#: ...and this many menu blocks in all: a site's header and footer menus hold more than one short run.
#: Main content holds one now and then (a product's variants, a short list of related pages) and no more.
MENU_BLOCKS = 8
#: A menu block: links and little else, at most this many words per link.
MENU_WORDS_PER_LINK = 4
#: ...with at least this share of its words inside links.
MENU_LINK_SHARE = 0.9


#: The kinds as module constants: ``Kind.TABLE`` is a lookup through the enum's metaclass (about 130 ns on
#: CPython 3.11, ten times a global name's), and the region asks the kind of every block on every pass.
_HEADING, _TABLE = Kind.HEADING, Kind.TABLE
#: Blocks that never count against the region (with code).
_NEVER_AGAINST = (Kind.TABLE, Kind.OTHER)
#: Blocks that stay outside the region (with code).
_NEVER_CHROME = (Kind.TABLE, Kind.OTHER, Kind.CODE)


class Reason(StrEnum):
    HEADER = "region.header"
    FOOTER = "region.footer"


def _long_links(feat: Features) -> bool:
    return feat.links > 0 and feat.link_words >= LONG_LINK_WORDS * feat.links


def score(feat: Features) -> float:
    """How much a block says "article": words outside links, minus link words and a toll."""
    plain, links = feat.words - feat.link_words, feat.links
    weight = LONG_LINK_WEIGHT if links > 0 and feat.link_words >= LONG_LINK_WORDS * links else LINK_WEIGHT
    if feat.code or feat.kind in _NEVER_AGAINST:
        return max(0.0, plain - weight * feat.link_words)
    return plain - weight * feat.link_words - BLOCK_TOLL


def content_words(feat: Features) -> int:
    """Words that may be the page's content: outside links, or in long links, or in code and tables."""
    if feat.code or feat.kind is _TABLE or _long_links(feat):
        return feat.words
    return feat.words - feat.link_words


def menu_block(feat: Features) -> bool:
    """Short links and little else: a menu's line or item."""
    return (feat.links > 0 and feat.link_words >= MENU_LINK_SHARE * feat.words
            and feat.link_words <= MENU_WORDS_PER_LINK * feat.links)


def whole_page(feats: Sequence[Features]) -> bool:
    """The Markdown is a whole page, site around the article included: it holds a menu (a run of
    :data:`MENU_RUN` menu blocks) and :data:`MENU_BLOCKS` menu blocks in all (a site's menus, in its
    header, sidebars and footer). Main content already (trafilatura's Markdown) holds a short run of
    links now and then (a product's variants, a few related pages), but rarely that many."""
    run = menus = longest = 0
    for feat in feats:
        if menu_block(feat):
            run, menus = run + 1, menus + 1
            longest = max(longest, run)
            if longest >= MENU_RUN and menus >= MENU_BLOCKS:
                return True
        else:
            run = 0
    return False


def main_region(feats: Sequence[Features]) -> tuple[int, int]:
    """``(start, end)``, inclusive positions of the maximum-sum run of block scores, the title included.

    Ties go to the longer run (a run with a zero-sum edge keeps the edge),
    so the region of a region is itself. ``(0, len - 1)``, the whole page,
    when the run scores less than :data:`REGION_MIN_SCORE` or holds less than
    :data:`REGION_SHARE` of the content words.
    """
    if not feats:
        return 0, -1
    best, best_start, best_end = float("-inf"), 0, -1
    total, start = 0.0, 0
    for position, feat in enumerate(feats):
        if total < 0:
            total, start = 0.0, position
        total += score(feat)
        if total >= best:
            best, best_start, best_end = total, start, position
    if best < REGION_MIN_SCORE:
        return 0, len(feats) - 1
    best_start = _with_title(feats, best_start)
    contents = [content_words(f) for f in feats]
    if sum(contents[best_start:best_end + 1]) < REGION_SHARE * sum(contents):
        return 0, len(feats) - 1
    return best_start, best_end


def _with_title(feats: Sequence[Features], start: int) -> int:
    """Where the region opens: at a level-1 heading at most :data:`TITLE_REACH` blocks before ``start``, or
    further back when a paragraph of prose lies between them (the article had begun at its title)."""
    prose_since = False
    for position in range(start - 1, -1, -1):
        feat = feats[position]
        if feat.kind is _HEADING and feat.level == 1:
            return position if prose_since or position >= start - TITLE_REACH else start
        prose_since = prose_since or _prose(feat)
    return start


def _prose(feat: Features) -> bool:
    """Words of a paragraph of prose: :data:`PROSE_WORDS` outside links, and few links."""
    return feat.words - feat.link_words >= PROSE_WORDS and feat.link_words * 4 < feat.words


def _chrome(block: Block, feat: Features) -> bool:
    """Outside the region, the blocks that may go: anything but prose, code, tables and other lines."""
    if feat.code or feat.kind in _NEVER_CHROME:
        return False
    return not (_prose(feat) and ends_like_sentence(block.text.strip()))


def region_filter(features: Sequence[Features]) -> FilterFunc:
    """The ``region`` filter of one document, whose blocks' features are ``features`` (by block index).

    It acts only on a whole page (:func:`whole_page`, asked of the blocks
    still in the document, as everything the filters decide, so that the
    output is a fixpoint): on main content it selects nothing. It runs
    before the other Markdown filters, while the page's menus are there.
    """

    def region(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        feats = [features[b.index] for b in blocks]
        if not whole_page(feats):
            return
        start, end = main_region(feats)
        for position, (block, feat) in enumerate(zip(blocks, feats, strict=True)):
            if start <= position <= end or not _chrome(block, feat):
                continue
            yield Selection(block, Reason.HEADER if position < start else Reason.FOOTER)

    region.filter_name = "region"  # type: ignore[attr-defined]
    return region
