"""markdown: what Markdown shows about a block that plain text hides.

The Markdown filters read :class:`~declutter.markdown.parse.Features` of each
block (kind, heading level, link and image counts, words inside links) as
well as its visible text. Reason codes:

``markdown.anchor``
    a skip link or menu toggle: a short block that is nothing but links to
    places on the same page (``[Skip to content](#main)``, ``[Menu](#)``),
    before the first heading;
``markdown.icons``
    a row of linked icons or badges: two or more images, each inside a
    link, with at most three words of alt text each, and no other text;
``markdown.link_run``
    a run of three or more list items that are nothing but short links
    (a menu, a related list, a tag cloud), unless a sentence ending with
    a colon announces the list ("Sources:" with three words or more);
``markdown.link_line``
    a line of three or more short links and nothing else (``[Home](/) |
    [About](/about) | [Contact](/contact)``), unless commas set the links
    apart (an author list);
``markdown.promo_section``
    a heading that opens a promo section ("## Related posts", "### You may
    also like", from the ``promos`` vocabulary) and the link-dense blocks
    under it, up to the next heading of the same or a higher level, or
    to the first block of prose; not on a listing, a page whose words are
    mostly in teasers (long links), where those sections are content;
``markdown.title``
    the page's title (its first level-1 heading) repeated: a later block
    with the same words, or a link-only block before it with the same words.

Traps are kept: a list of links a sentence announces, a heading "Related
work" followed by prose, a single linked image (a figure), links inside prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum

from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import resolve_lang
from declutter.filters import FilterFunc
from declutter.filters.base import Selection, ends_like_sentence, word_count
from declutter.filters.promos import HEADING_MAX_WORDS, may_have_line_reason
from declutter.filters.promos import Reason as PromoReason
from declutter.filters.promos import line_reason as promo_line_reason
from declutter.filters.promos import patterns_for as promo_patterns
from declutter.markdown.parse import Features, Kind, MarkdownDocument, word_counter
from declutter.memo import once_per_text, scoped_table
from declutter.scan import masks as first_pass_masks

#: A skip link or menu toggle has at most this many words.
ANCHOR_MAX_WORDS = 4
#: An icon or badge has at most this many words of alt text.
ICON_ALT_WORDS = 3
#: A run of link-only list items is a menu from this many items on.
LINK_RUN_MIN = 3
#: ...whose items have at most this many words each.
LINK_ITEM_MAX_WORDS = 12
#: A block is link-only from this share of its words inside links.
LINK_ONLY_SHARE = 0.9
#: A line of links: this many links or more, at most this many words per link.
LINE_MIN_LINKS = 3
LINE_WORDS_PER_LINK = 4
#: A block under a promo heading is a teaser from this share of words inside links.
TEASER_LINK_SHARE = 0.5
#: A block of prose ends a promo section: this many words outside links, ending like a sentence.
PROSE_WORDS = 12
#: A text promo section ends at a paragraph with this many words outside links that ends like a sentence.
SECTION_PROSE_WORDS = 20
#: A page whose teasers (long links: a headline, often with its summary) hold this share of its words is a
#: listing: the teasers under a promo heading there are the page's content, like the rest of it.
LISTING_SHARE = 0.5
#: A teaser's link has at least this many words on average.
TEASER_LINK_WORDS = 5
#: A repeated title has at least this many words.
TITLE_MIN_WORDS = 2
_NORMAL = re.compile(r"\W+")
#: The kinds as module constants: ``Kind.HEADING`` is a lookup through the enum's metaclass (about 130 ns
#: on CPython 3.11, ten times a global name's), and these filters ask the kind of every block on every pass.
_HEADING, _ITEM = Kind.HEADING, Kind.ITEM
#: The kinds a line reason or a repeated title may select.
_LINE_KINDS = (Kind.PARAGRAPH, Kind.ITEM, Kind.HEADING)
#: The kinds that end a promo section.
_SECTION_ENDS = (Kind.TABLE, Kind.QUOTE, Kind.OTHER)


class Reason(StrEnum):
    ANCHOR = "markdown.anchor"
    ICONS = "markdown.icons"
    LINK_RUN = "markdown.link_run"
    LINK_LINE = "markdown.link_line"
    PROMO_SECTION = "markdown.promo_section"
    TITLE = "markdown.title"


def markdown_filters(doc: MarkdownDocument, region: bool = True) -> list[FilterFunc]:
    """The Markdown filters of one document: ``region`` (while the menus are there), then ``markdown``.

    ``region=False`` leaves the region out, for Markdown that is already a page's main content.
    """
    from declutter.markdown.region import region_filter

    features = doc.features

    def markdown(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        yield from evidence(blocks, [features[b.index] for b in blocks], config)

    markdown.filter_name = "markdown"  # type: ignore[attr-defined]
    return [region_filter(features), markdown] if region else [markdown]


def evidence(blocks: Sequence[Block], feats: Sequence[Features], config: Config) -> Iterator[Selection]:
    """Select blocks by the Markdown evidence (see the module docstring)."""
    yield from _promo_sections(blocks, feats, config)
    yield from _link_runs(blocks, feats)
    yield from _titles(blocks, feats)
    first_heading = next((i for i, f in enumerate(feats) if f.kind is _HEADING), len(blocks))
    for position, feat in enumerate(feats):
        if not feat.links:
            continue  # every line reason asks for a link (most blocks hold none)
        reason = _line_reason(feat, position < first_heading)
        if reason is Reason.LINK_LINE and _enumeration(blocks[position].text, feat):
            continue
        if reason is not None:
            yield Selection(blocks[position], reason)


def _enumeration(text: str, feat: Features) -> bool:
    """Links set apart by commas are named one after another, as in a sentence: an author list
    ("[Ann Lee](…), [Bo Chen](…) and [Cy Diaz](…)"), not a menu (menus set links apart by space, bars or dots)."""
    return text.count(",") + 2 >= feat.links


def _line_reason(feat: Features, top: bool) -> Reason | None:
    """The reason one block goes whatever stands around it, or None."""
    if feat.kind not in _LINE_KINDS:
        return None
    if top and feat.link_only and feat.anchors == feat.links and feat.words <= ANCHOR_MAX_WORDS:
        return Reason.ANCHOR
    if feat.image_only and feat.images >= 2 and feat.links >= feat.images \
            and feat.alt_words <= ICON_ALT_WORDS * feat.images:
        return Reason.ICONS
    if feat.links >= LINE_MIN_LINKS and feat.link_share >= LINK_ONLY_SHARE \
            and feat.words <= LINE_WORDS_PER_LINK * feat.links:
        return Reason.LINK_LINE
    return None


def link_item(feat: Features) -> bool:
    """A list item that is a short link and nothing else (an image may stand in the link).

    Short: at most :data:`LINE_WORDS_PER_LINK` words per link. Lists of long
    links (headlines, book or product titles) are the content of listing pages.
    """
    return (feat.kind is _ITEM and feat.links > 0 and feat.words <= LINE_WORDS_PER_LINK * feat.links
            and (feat.link_share >= LINK_ONLY_SHARE or feat.image_only))


def _link_runs(blocks: Sequence[Block], feats: Sequence[Features]) -> Iterator[Selection]:
    """Runs of link-only list items, unless a sentence ending with a colon announces the run."""
    position = 0
    while position < len(blocks):
        end = position
        while end < len(blocks) and link_item(feats[end]):
            end += 1
        if end - position >= LINK_RUN_MIN and not _announced(blocks, position):
            for block in blocks[position:end]:
                yield Selection(block, Reason.LINK_RUN, f"{end - position} link-only list items")
        position = end + 1


def _announced(blocks: Sequence[Block], start: int) -> bool:
    """The block before ``start`` is a sentence that ends with a colon ("The survey listed:")."""
    if start == 0:
        return False
    text = blocks[start - 1].text.strip()
    return text.endswith(":") and word_count(text) >= 3


def _promo_sections(blocks: Sequence[Block], feats: Sequence[Features], config: Config) -> Iterator[Selection]:
    """A promo heading and the link-dense blocks under it (to the next heading as high, or prose);
    none on a listing (:func:`listing`)."""
    if listing(feats):
        return
    lang = resolve_lang(config.lang, blocks)
    opens = _scoped(("markdown.promo_heading", lang))
    may: list[int] | None = None
    for position, (block, feat) in enumerate(zip(blocks, feats, strict=True)):
        if feat.kind is not _HEADING or feat.words > HEADING_MAX_WORDS:
            continue
        text = block.text.strip()
        opener = opens.get(text)
        if opener is None:
            may = first_pass_masks(lang, blocks) if may is None else may  # the text filters' masks, shared
            opener = opens[text] = _promo_heading(text, lang, None if may is None else may[position])
        if not opener:
            continue
        run = list(_teasers(blocks, feats, position))
        if run:
            yield Selection(block, Reason.PROMO_SECTION)
            for inner in run:
                yield Selection(inner, Reason.PROMO_SECTION, f"under the promo heading at block {block.index}")


def _promo_heading(text: str, lang: str, mask: int | None = None) -> bool:
    """A heading that opens a promo section in the languages ``lang``.

    ``mask`` is the first pass's mask of the text (:func:`declutter.scan.masks`; None without one): where it
    rules out every promo line pattern, only the label is asked (the line patterns' combined test was nine
    tenths of this function's time, and fails on all but one heading in a hundred).
    """
    pats = promo_patterns(lang)
    return ((may_have_line_reason(lang, mask) and promo_line_reason(text, pats) is PromoReason.HEADING)
            or pats.label.match(text) is not None)


def _scoped(key: object) -> dict[str, bool]:
    """A per-document table of one test's answers (the filter runs again on every pass of the pipeline, on
    the same block texts), or a table of this call alone outside a document scope."""
    table = scoped_table(key)
    return {} if table is None else table


def teaser(feat: Features) -> bool:
    """A block that is mostly long links (a headline or a headline and its summary inside a link)."""
    return (feat.links > 0 and feat.link_words >= TEASER_LINK_SHARE * feat.words
            and feat.link_words >= TEASER_LINK_WORDS * feat.links)


def listing(feats: Sequence[Features]) -> bool:
    """Teasers hold :data:`LISTING_SHARE` of the page's words or more: a section page, a listing.

    There "## In case you missed it" and its teasers are as much the content as every other section.
    """
    words = teasers = 0
    for feat in feats:  # one loop; teaser() only where a link is
        words += feat.words
        if feat.links and teaser(feat):
            teasers += feat.words
    return words > 0 and teasers >= LISTING_SHARE * words


def _teasers(blocks: Sequence[Block], feats: Sequence[Features], start: int) -> Iterator[Block]:
    level = feats[start].level
    for block, feat in zip(blocks[start + 1:], feats[start + 1:], strict=True):
        if feat.kind is _HEADING and feat.level <= level:
            return
        if feat.code or feat.kind in _SECTION_ENDS:
            return
        if _prose(block, feat):
            return
        if feat.link_share >= TEASER_LINK_SHARE or feat.image_only or feat.kind is _HEADING:
            yield block
        elif feat.words > ANCHOR_MAX_WORDS:
            return


def _prose(block: Block, feat: Features) -> bool:
    return feat.words - feat.link_words >= PROSE_WORDS and ends_like_sentence(block.text.strip())


def _section_prose(block: Block, feat: Features) -> bool:
    return (feat.words - feat.link_words >= SECTION_PROSE_WORDS and feat.link_words * 2 < feat.words
            and ends_like_sentence(block.text.strip()))


def _normal(text: str) -> str:
    return _NORMAL.sub(" ", text.lower()).strip()


def _titles(blocks: Sequence[Block], feats: Sequence[Features]) -> Iterator[Selection]:
    """Copies of the first level-1 heading: later short blocks, and link-only blocks before it."""
    title_at = next((i for i, f in enumerate(feats) if f.kind is _HEADING and f.level == 1), None)
    if title_at is None:
        return
    title = _normal(blocks[title_at].text)
    words = title.split()
    if len(words) < TITLE_MIN_WORDS:
        return
    key, count = max(words, key=len), word_counter()
    for position in _title_candidates(feats, title_at):
        block = blocks[position]
        # Each word of the normal form is a run of word characters of the lower-cased text, so a block
        # whose lower-cased text lacks the title's longest word, or holds another number of words, is
        # no copy: most blocks, at a fraction of the cost of normalising them.
        lowered = block.text.lower()
        if key in lowered and count(lowered) == len(words) and once_per_text(_normal, block.text) == title:
            yield Selection(block, Reason.TITLE, f"the title at block {blocks[title_at].index}")


def _title_candidates(feats: Sequence[Features], title_at: int) -> Iterator[int]:
    """The positions of the blocks that may repeat the title at ``title_at``: link-only headings, paragraphs
    and items before it, every heading, paragraph and item after it."""
    kinds = _LINE_KINDS
    for position in range(title_at):
        feat = feats[position]
        if feat.kind in kinds and feat.link_only:
            yield position
    for position in range(title_at + 1, len(feats)):
        if feats[position].kind in kinds:
            yield position


def sectioned_promos(features: Sequence[Features]) -> FilterFunc:
    """The text ``promos`` filter, with its promo sections ended by the Markdown's headings.

    In text a promo section ("Trending this week" and the teasers after it)
    runs until prose resumes, or to the end. Markdown shows where sections
    end: at the next heading of the same or a higher level (any heading, when
    the opener is a line of text rather than a heading), and at a paragraph
    of prose (:data:`SECTION_PROSE_WORDS` words outside links, ending like
    a sentence: teasers are links). Selections from there on are dropped.
    """
    from declutter.filters.promos import promos as text_promos

    def promos(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        level: int | None = None
        ended = False
        for selection in text_promos(blocks, config):
            sel = selection if isinstance(selection, Selection) else Selection(*selection)
            feat = features[sel.block.index]
            if sel.reason != PromoReason.SECTION:
                level, ended = (feat.level if feat.kind is _HEADING else 7), False
            elif level is not None and (ended or (feat.kind is _HEADING and feat.level <= level)
                                        or _section_prose(sel.block, feat)):
                ended = True
                continue
            yield sel

    promos.filter_name = "promos"  # type: ignore[attr-defined]
    return promos
