"""Extraction stage of HTML mode: trafilatura picks the main text, and rescues step in when it is short.

trafilatura extracts from the cleaned tree (with readers' comments on a
forum page, where the replies are the content). When its text is *short*,
under :data:`SHORT_SHARE` of the page's text outside links, rescues offer
other text from the same page:

* ``rescue.unpruned``: trafilatura on the page as parsed, before the tree
  rules ran, without the lines of the removed elements (a tree rule, or
  trafilatura's own pick on the cleaned tree, went wrong: removing a site
  header can move trafilatura off the content). Where the cards rescue is on
  offer it is tried at the cards' share too, and when it wins it is taken
  first: trafilatura's own pick goes before a guess at the page's cards;
* ``rescue.main`` (where ``rescue.cards`` is on offer, and on forum pages):
  the text of the page's ``main`` element (:func:`main_text`), when
  trafilatura's pick inside it is short: one post of a thread, the intro of
  a listing. A ``main`` that is mostly links lists the site and gives nothing;
* ``rescue.sections`` (service pages): the page's content ``section``\\ s in
  order, skipping one that mostly repeats one already taken;
* ``rescue.cards`` (listing, collection and service pages, and pages of
  unknown kind: no signal says article; when the extraction is under
  :data:`CARDS_SHORT_SHARE` of the page's text): the
  largest run of at least :data:`MIN_CARDS` sibling cards of
  :data:`MIN_CARD_WORDS` words or more that the extraction does not hold yet
  (:data:`HELD_SHARE` of a card's word trigrams in it: the card is held, and
  does not count), after the extraction (listings, grids, and threads whose
  platform was not recognised: an intro and its cards);
* ``rescue.teasers`` (where ``rescue.cards`` is on offer, and on articles
  whose article signals are weak): the same cards when they are a listing's
  teasers (:func:`teaser_text`: linked, mostly unpriced, no comments, not in
  the site's frame), when the extraction is under
  :data:`TEASERS_SHORT_SHARE` of the page's *whole* text, links included (a
  listing's items are mostly links to them), with no cap on the growth.

Separately, on a page of a known kind other than article, an extraction that
is not short but barely shares words with trafilatura's pick of the page as
parsed has moved off the content, and that pick replaces it
(``rescue.moved``, :func:`moved_rescue`).

A rescue is kept only when it wins clearly: its text is at least
:data:`WIN_FACTOR` times as long as the extraction (and not more than
:data:`MAX_GROWTH` times, or :data:`GROWTH_FLOOR` characters). Separately, on a product
page the JSON-LD ``description`` is put first when the extraction is short
or barely shares its words (``rescue.description``). Each rescue kept is a
:class:`~declutter.html.report.Note`; the rescued text then goes through the
text stage like any extraction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from declutter.html.guards import NO_TEXT_TAGS, prose_chars
from declutter.html.pagetype import PRICE_TEXT, PageType
from declutter.html.report import Note, NoteKind

#: An extraction with less than this share of the page's text outside links is short.
SHORT_SHARE = 0.25
#: …for the cards rescue, which only takes repeated cards of some length, this share.
CARDS_SHORT_SHARE = 0.4
#: …for the main-element rescue on a forum page, this share: a thread whose extraction kept the first post
#: (or a few) while ``main`` holds all the replies is short even when that post is long.
FORUM_MAIN_SHORT_SHARE = 0.5
#: A rescue replaces the extraction only with at least this many times its length…
WIN_FACTOR = 2.0
#: …and at most this many times (or GROWTH_FLOOR characters): a rescue ten times the size of a fair
#: extraction has found the page's grid of everything, not its content.
MAX_GROWTH, GROWTH_FLOOR = 8.0, 6000
#: Listing rescue: at least this many sibling cards, each of at least this many words.
MIN_CARDS, MIN_CARD_WORDS = 3, 15
#: A card whose word trigrams are at least this share in the extraction already is held by it.
HELD_SHARE = 0.95
#: Service rescue: a section needs this many words; one sharing this share of its words with
#: the sections already taken repeats them.
MIN_SECTION_WORDS, SECTION_OVERLAP = 12, 0.7
#: Product rescue: the JSON-LD description is used when it has at least this many characters and the
#: extraction is under SHORT_DESCRIPTION_CHARS, or under LOW_OVERLAP_CHARS sharing under LOW_OVERLAP of its words.
MIN_DESCRIPTION_CHARS, SHORT_DESCRIPTION_CHARS, LOW_OVERLAP_CHARS, LOW_OVERLAP = 100, 100, 500, 0.2
#: Moved-off check: on a page of a known kind other than article, an extraction holding under this share of
#: the words of trafilatura's pick of the page as parsed has moved off the content…
MOVED_SHARE = 0.4
#: …when that pick is at least this share of the extraction's length (not a stub).
MOVED_MIN_LENGTH = 0.3
#: The kinds the moved-off check skips: articles (they behave as before page types) and service pages (a
#: marketing page is a row of sections of equal standing, and trafilatura picking another one on the page as
#: parsed says nothing about which is the content; on the WCXB dev split the check fired on one service page,
#: a pricing page, and swapped its plans for a panel of add-ons).
MOVED_SKIPS = frozenset({PageType.ARTICLE, PageType.SERVICE})
#: Tags that start a new line of text.
BLOCK_TAGS = frozenset({"p", "div", "section", "article", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                        "blockquote", "pre", "table", "tr", "td", "th", "dt", "dd", "dl", "header", "footer",
                        "figure", "figcaption", "br", "main", "aside", "nav", "form", "details", "summary", "address",
                        "hr", "caption", "tbody", "thead", "fieldset", "label", "option", "select", "button"})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Extraction:
    """The extracted text and the rescue notes behind it."""

    text: str
    notes: tuple[Note, ...] = ()


def extract_text(tree: HtmlElement, url: str | None, comments: bool = False) -> str:
    """trafilatura's main text of the (cleaned) tree; empty when it finds none."""
    import trafilatura

    return trafilatura.extract(tree, url=url, include_comments=comments) or ""


class Offer(NamedTuple):
    """A rescue on offer: its reason code, the thunk that computes its text, and when the extraction is short
    enough for it (a share of the page's text outside links)."""

    reason: str
    make: Callable[[], str]
    short: float = SHORT_SHARE
    #: The rescue's lines go after the extraction (those it does not hold yet) instead of replacing it.
    adds: bool = False
    #: When it wins it is taken, before any later offer is computed (trafilatura's own pick of the page
    #: as parsed goes before a guess at its cards).
    preferred: bool = False
    #: The page measure ``short`` is a share of, in characters: 0 means the page's text outside links; the
    #: teasers rescue gives the page's whole text (a listing's items are mostly the links to them).
    basis: int = 0
    #: Whether the rescue may grow the extraction at most MAX_GROWTH times (or GROWTH_FLOOR characters).
    capped: bool = True


def rescue(text: str, kind: PageType, page_prose: int, offers: Iterable[Offer]) -> Extraction:
    """The extraction, or the longest offered rescue that wins clearly when the extraction is short.

    A thunk is only called when the extraction is short for its offer, so a
    page that extracts well pays nothing.
    """
    best, best_reason = text, ""
    for reason, make, short, adds, preferred, basis, capped in offers:
        if len(text) >= short * (basis or page_prose):
            continue
        candidate = _appended(text, make()) if adds else make()
        if (_wins(len(text), len(candidate), capped)
                and (preferred or len(candidate) > len(best))):
            best, best_reason = candidate, reason
            if preferred:
                break
    if not best_reason:
        return Extraction(text)
    detail = f"{kind.value} page: extraction of {len(text)} characters, rescue of {len(best)}"
    return Extraction(best, (Note(NoteKind.RESCUE, best_reason, -1, best, detail),))


def _wins(extracted: int, rescued: int, capped: bool) -> bool:
    """Whether a rescue of ``rescued`` characters wins clearly over an extraction of ``extracted``."""
    if rescued < WIN_FACTOR * max(extracted, 1):
        return False
    return not capped or rescued <= max(MAX_GROWTH * extracted, GROWTH_FLOOR)


def moved_rescue(extraction: Extraction, kind: PageType, unpruned: Callable[[], str]) -> Extraction:
    """trafilatura's pick of the page as parsed, when the extraction of the cleaned tree has moved off it.

    Removing an element (a hidden panel, the site header) can move
    trafilatura's pick to another part of the page: a product's reviews
    instead of its details, a forum's app banner instead of its posts. The
    extraction is then not short, but it barely shares words with
    trafilatura's pick of the page as parsed (``rescue.moved``). Looked at on
    pages of a known kind other than article and service (:data:`MOVED_SKIPS`),
    when no other rescue fired; articles behave as before page types.
    """
    if extraction.notes or kind in MOVED_SKIPS:
        return extraction
    text, other = extraction.text, unpruned()
    words = _words(other)
    if not words or len(other) < MOVED_MIN_LENGTH * len(text):
        return extraction
    shared = len(words & _words(text)) / len(words)
    if shared >= MOVED_SHARE:
        return extraction
    detail = (f"{kind.value} page: extraction of {len(text)} characters holding {shared:.0%} of the words of "
              f"trafilatura's pick of the page as parsed ({len(other)} characters)")
    return Extraction(other, (Note(NoteKind.RESCUE, "rescue.moved", -1, other, detail),))


def _appended(text: str, more: str) -> str:
    """``text`` followed by the lines of ``more`` it does not hold yet."""
    held = set(text.splitlines())
    new = [line for line in more.splitlines() if line not in held]
    return "\n".join([text, *new]) if text else "\n".join(new)


def element_lines(element: HtmlElement) -> list[str]:
    """The element's text as lines, one per block-level element (runs of white space made single spaces).

    Two inline elements that follow each other with nothing between them are
    two words, not one (``<span>Data</span><span>Shopify</span>``: a tag list,
    a price and its label): a space joins them. Text that runs on inside or
    around an element stays one word (``un<em>believ</em>able``).
    """
    lines: list[str] = []
    current: list[str] = []
    #: An inline element has just ended and no text followed it yet.
    after_element = False

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    for event, node, tag in _shown_events(element):
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            elif after_element and tag:
                current.append(" ")
            after_element = False
            if node.text and tag:
                current.append(node.text)
        else:
            if tag in BLOCK_TAGS:
                flush()
            after_element = bool(tag) and node is not element and not node.tail
            if node is not element and node.tail:
                current.append(node.tail)
    flush()
    return lines


def _shown_events(element: HtmlElement) -> Iterator[tuple[str, HtmlElement, str]]:
    """``iterwalk``'s start and end events with each node's tag ("" for comments), without what lies inside
    elements that show no text (:data:`NO_TEXT_TAGS`: a script's JSON, a style sheet); their end events stay,
    for the text after them."""
    hidden = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in NO_TEXT_TAGS:
            hidden += 1 if event == "start" else -1
            if event == "start" or hidden:
                continue
        elif hidden:
            continue
        yield event, node, tag


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def section_text(tree: HtmlElement) -> str:
    """Service rescue: the content sections of the page, in order, without near-repeats."""
    taken: list[str] = []
    seen: set[str] = set()
    for section in tree.iter("section"):
        if any(a.tag == "section" for a in section.iterancestors()):
            continue
        text = "\n".join(element_lines(section))
        words = _words(text)
        if len(_WORD.findall(text)) < MIN_SECTION_WORDS or len(words & seen) >= SECTION_OVERLAP * len(words):
            continue
        taken.append(text)
        seen |= words
    return "\n".join(taken)


#: The page's own statement of where its main content is: ``main`` or ``[role=main]``.
MAIN_XPATH = "//main | //*[@role='main']"
#: A main element with less than this share of its text outside links is a menu of the site's pages or
#: products (a shop's grid of links, a news front page), not the content: the main rescue skips it.
MAIN_MIN_PROSE = 0.3
#: A main whose lines new to the extraction share at least this share of their word trigrams with it repeats
#: the extraction: the items are there already, and the main adds each one's "Add to your Loves", size picker
#: and star rating around their names (on the WCXB dev split, 58% on the one page the main rescue so lowered,
#: at most 45% on the pages it raised; the cards rescue refuses at :data:`REPEATED_SHARE`, since a card run
#: adds after the extraction while a main replaces it and holds its items' names and blurbs by design).
MAIN_REPEATED_SHARE = 0.5


def main_text(tree: HtmlElement, held: str = "") -> str:
    """Main-element rescue: the text of the page's outermost ``main`` (or ``[role=main]``) elements, in order.

    The page says where its content is; trafilatura's pick inside it can be
    one card of a listing, the intro of a grid or the first post of a thread.
    The tree rules have already taken the chrome out of it. A main element
    that is mostly links (under :data:`MAIN_MIN_PROSE` of its text outside
    them) lists the site, and gives nothing. A ``footer`` or ``nav`` inside
    it (:data:`MAIN_FRAME_TAGS`) is the site's frame, and is left out; a run
    of lines shown twice in a row is said once (:func:`without_repeated_runs`). A main
    whose added lines mostly repeat the extraction ``held``
    (:data:`MAIN_REPEATED_SHARE`) gives nothing either: the extraction has
    the items already, and the main would add each one's controls and
    ratings around them.
    """
    found = tree.xpath(MAIN_XPATH)
    chosen = set(found)
    outer = [e for e in found if not any(a in chosen for a in e.iterancestors())]
    total = sum(len(text.strip()) for element in outer for text in element.itertext())
    if not total or sum(prose_chars(element) for element in outer) < MAIN_MIN_PROSE * total:
        return ""
    lines = [line for element in outer for line in element_lines(_without_frame(without_widgets(element)))]
    text = "\n".join(without_repeated_runs(lines))
    return "" if repeats_extraction(text, held, MAIN_REPEATED_SHARE) else text


#: A run of this many lines or more (up to MAX_RUN_LINES) that follows an identical run is a copy of it.
MIN_RUN_LINES, MAX_RUN_LINES = 2, 8


def without_repeated_runs(lines: list[str]) -> list[str]:
    """``lines`` without each run of :data:`MIN_RUN_LINES` to :data:`MAX_RUN_LINES` lines that repeats the run
    just before it.

    A card with a hover overlay shows its title, blurb and call to action
    twice, front and back, one right after the other; a reader sees it once.
    One line repeated (a "Sold out" under each item, a comparison row's
    "Yes" in four columns, even side by side) or the same label on several
    cards with other lines between them is no copy and stays.

    >>> without_repeated_runs(["Appeal", "A museum campaign.", "Appeal", "A museum campaign.", "Next"])
    ['Appeal', 'A museum campaign.', 'Next']
    >>> without_repeated_runs(["Sets", "Ends 4/30", "Explore", "Sets", "Ends 4/30", "Discover"])
    ['Sets', 'Ends 4/30', 'Explore', 'Sets', 'Ends 4/30', 'Discover']
    >>> without_repeated_runs(["Plan", "Yes", "Yes", "Yes", "Yes"])
    ['Plan', 'Yes', 'Yes', 'Yes', 'Yes']
    """
    kept: list[str] = []
    i = 0
    while i < len(lines):
        run = next((size for size in range(MIN_RUN_LINES, MAX_RUN_LINES + 1)
                    if len(kept) >= size and kept[-size:] == lines[i:i + size] and len(set(kept[-size:])) > 1), 0)
        if run:
            i += run
        else:
            kept.append(lines[i])
            i += 1
    return kept


#: Tags inside a ``main`` that are the site's frame all the same: a footer (address, copyright, sitemap link)
#: or a menu some themes put inside ``main``.
MAIN_FRAME_TAGS = ("footer", "nav")


def _without_frame(element: HtmlElement) -> HtmlElement:
    """``element`` (a copy: :func:`without_widgets`) without the footers and menus inside it."""
    for frame in list(element.iter(*MAIN_FRAME_TAGS)):
        if frame is not element and frame.getparent() is not None:
            frame.drop_tree()
    return element


#: Tags whose text is an interface, never what the page says: a drop-down's options (a sort order, a size),
#: a text box, an icon's name.
WIDGET_TAGS = frozenset({"select", "option", "optgroup", "datalist", "textarea", "svg"})
#: A button with at most this many words is a control ("Add to cart", "Apply filters"); a longer one is often
#: an accordion's question, which is content.
MAX_BUTTON_WORDS = 3
#: A label holding one of these inputs is a choice to tick (a filter facet, a swatch), not a sentence.
CHOICE_INPUTS = frozenset({"checkbox", "radio"})


def is_widget(element: HtmlElement) -> bool:
    """Whether the element is a form control or an icon: a drop-down, a text box, an ``svg``, a short
    ``button``, a ``label`` of a check box or radio button (a filter facet, a swatch to pick)."""
    tag = element.tag
    if tag in WIDGET_TAGS:
        return True
    if tag == "button":
        return len(_WORD.findall(" ".join(element.itertext()))) <= MAX_BUTTON_WORDS
    if tag == "label":
        return any((box.get("type") or "").lower() in CHOICE_INPUTS for box in element.iter("input"))
    return False


def without_widgets(element: HtmlElement) -> HtmlElement:
    """A copy of ``element`` without its widgets (:func:`is_widget`), the text after each kept.

    The main-element rescue takes a whole region of the page, and with it the
    page's controls: a listing's filter and sort panels, a thread's sort
    drop-down, the icons' names of a post's buttons. Their text is no
    content; the prose around them is kept as it was.
    """
    copy = deepcopy(element)
    for widget in [e for e in copy.iter(etree.Element) if e is not copy and is_widget(e)]:
        if widget.getparent() is not None and not any(is_widget(a) for a in widget.iterancestors()):
            widget.drop_tree()
    return copy


def card_text(tree: HtmlElement, held: str = "") -> str:
    """Listing rescue: the largest run of sibling cards (same tag and class) with enough words each.

    Cards the extraction ``held`` already holds (:data:`HELD_SHARE` of their
    word trigrams) are no news: they neither count toward :data:`MIN_CARDS`
    nor come back, so the rescue fires only on at least that many new cards.
    New cards that repeat the extraction in part (:func:`repeats_extraction`)
    are the details of items it lists already, and give nothing.
    """
    text = "\n".join(line for _, lines in card_run(tree, held) for line in lines)
    return "" if repeats_extraction(text, held) else text


#: New cards sharing at least this share of their word trigrams with the extraction repeat it: the extraction
#: lists those items already (their names, a product's title and blurb) and the cards bring their details.
REPEATED_SHARE = 0.25


def repeats_extraction(text: str, held: str, share: float = REPEATED_SHARE) -> bool:
    """Whether the lines the new cards' ``text`` adds to the extraction ``held`` (those it does not hold yet,
    as :func:`rescue` adds them) share ``share`` (:data:`REPEATED_SHARE`) of their word trigrams with it.

    A card held whole (:data:`HELD_SHARE`) is left out already; cards whose
    names or blurbs the extraction holds while their prices, ratings and
    swatches it does not are held in part, card by card under that share,
    and together well over this one: the extraction has the items, the
    rescue would add each one's details after them. The new cards of a
    listing whose intro the extraction kept share a few phrases with it at
    most (on the WCXB dev split, at most 22% on the pages the cards rescue
    raised; 28-48% on four it lowered: product grids and a product's
    carousels after an extraction that had them).
    """
    lines = set(held.splitlines())
    grams = _trigrams("\n".join(line for line in text.splitlines() if line not in lines))
    return bool(held and grams) and len(grams & _trigrams(held)) >= share * len(grams)


def card_run(tree: HtmlElement, held: str = "") -> list[tuple[HtmlElement, list[str]]]:
    """The cards of :func:`card_text`, each with its lines (empty when there is no run of new cards).

    Elements that show no text (``script``, ``style``, ``template``: a page's
    JSON data in ``<script type="application/json">``) are never cards.
    """
    held_grams = _trigrams(held)
    best: list[tuple[HtmlElement, list[str]]] = []
    best_words = 0
    for parent in tree.iter(etree.Element):
        groups: dict[tuple[str, str], list[HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in NO_TEXT_TAGS:
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for cards in groups.values():
            if len(cards) < MIN_CARDS:
                continue
            new = list(_new_cards(cards, held_grams))
            total = sum(len(_WORD.findall(" ".join(lines))) for _, lines in new)
            if len(new) >= MIN_CARDS and total > best_words and not in_frame(cards[0]):
                best, best_words = new, total
    return best


#: Teasers: at least this share of the cards hold a link (the item's page), under this share show a
#: price (a product grid, whose prices, ratings and swatches the cards rescue would bring along)…
TEASER_LINKED, TEASER_PRICED = 0.75, 0.5
#: …and the teasers rescue is offered when the extraction is under this share of the page's whole text.
TEASERS_SHORT_SHARE = 0.25
#: On a page with article evidence (a date, an author), the new teasers must hold at least this many times
#: the extraction's text: a story's rail of other stories is a fraction of the story, a listing's items
#: are its bulk.
DATED_TEASERS_GROWTH = 2.0
#: Class tokens of a card that is a reader's comment, not an item of a listing.
_COMMENT_TOKENS = frozenset({"comment", "comments", "reply", "replies"})
#: Tags of the site's own frame: a run of cards inside one is the site's menu or footer, not the page's list.
_FRAME_TAGS = frozenset({"footer", "header", "nav", "aside"})


def teaser_text(tree: HtmlElement, held: str = "", least: float = 0.0) -> str:
    """Teasers rescue: the cards of :func:`card_text` when they are a listing's teasers, else "".

    A listing (news section, course catalogue, job board, award list) shows
    its items as teasers: each a card with a link to the item's page, a title
    and often a snippet. The title is the link, so most of a listing's text is
    link text, and its extraction can look long against the page's text
    outside links while it holds one item or the intro. Teasers are told from
    a product grid (:data:`TEASER_PRICED` of the cards show a price), from a
    thread's comments (a comment class) and from the site's menu or footer
    (inside ``footer``, ``header``, ``nav`` or ``aside``). Teasers holding
    under ``least`` times the text of ``held`` give nothing (on a dated page:
    :data:`DATED_TEASERS_GROWTH`).
    """
    run = card_run(tree, held)
    if not run or not is_teaser_run([card for card, _ in run]):
        return ""
    text = "\n".join(line for _, lines in run for line in lines)
    if repeats_extraction(text, held):
        return ""
    return text if len(text) >= least * len(held) else ""


def in_frame(element: HtmlElement) -> bool:
    """Whether the element stands in the site's frame (``footer``, ``header``, ``nav`` or ``aside``)."""
    return any(a.tag in _FRAME_TAGS for a in element.iterancestors())


def is_teaser_run(cards: list[HtmlElement]) -> bool:
    """Whether the cards are a listing's teasers (see :func:`teaser_text`; :func:`card_run` never gives a run in
    the site's frame)."""
    first = cards[0]
    if not _COMMENT_TOKENS.isdisjoint((first.get("class") or "").lower().split()):
        return False
    linked = sum(1 for card in cards if card.tag == "a" or card.find(".//a") is not None)
    priced = sum(1 for card in cards if PRICE_TEXT.search(card.text_content()))
    return linked >= TEASER_LINKED * len(cards) and priced < TEASER_PRICED * len(cards)


def text_chars(element: HtmlElement) -> int:
    """Characters of the element's text, links included, scripts and styles not (white space not counted; a
    page's whole is counted by :class:`~declutter.html.guards.TextIndex` too, as ``whole``)."""
    total = sum(len(text.strip()) for text in element.itertext())
    return total - sum(len((node.text or "").strip()) for node in element.iter(*NO_TEXT_TAGS))


def _new_cards(cards: Iterable[HtmlElement],
               held_grams: set[tuple[str, ...]]) -> Iterable[tuple[HtmlElement, list[str]]]:
    """Each card with enough words that the extraction does not hold yet, with its lines."""
    for card in cards:
        if len(_WORD.findall(" ".join(card.itertext()))) < MIN_CARD_WORDS:
            continue
        lines = element_lines(card)
        grams = _trigrams(" ".join(lines))
        if held_grams and grams and len(grams & held_grams) >= HELD_SHARE * len(grams):
            continue
        yield card, lines


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = [w.lower() for w in _WORD.findall(text)]
    return set(zip(words, words[1:], words[2:], strict=False))


def unpruned_text(tree: HtmlElement, url: str | None, comments: bool) -> str:
    """trafilatura on a copy of the page as parsed (before the tree rules)."""
    return extract_text(deepcopy(tree), url, comments)


def description_rescue(text: str, description: str) -> Extraction:
    """Product rescue: the JSON-LD description first when the extraction is short or barely shares its words."""
    if len(description) < MIN_DESCRIPTION_CHARS or description in text:
        return Extraction(text)
    words = _words(description)
    shared = len(words & _words(text)) / len(words) if words else 1.0
    if len(text) >= LOW_OVERLAP_CHARS or (len(text) >= SHORT_DESCRIPTION_CHARS and shared >= LOW_OVERLAP):
        return Extraction(text)
    detail = f"product page: extraction of {len(text)} characters sharing {shared:.0%} of the description's words"
    joined = description.strip() + ("\n" + text if text else "")
    return Extraction(joined, (Note(NoteKind.RESCUE, "rescue.description", -1, description.strip(), detail),))


def without_removed(text: str, removed: Iterable[str]) -> str:
    """``text`` without the lines that stand inside an element the tree rules removed.

    The unpruned rescue extracts from the page as parsed; this takes the tree
    rules' removals back out of it, so the rescue undoes trafilatura's pick
    on the cleaned tree, not the removals (which stay listed as they are).
    """
    haystack = "\n".join(_SPACE.sub(" ", t).strip().lower() for t in removed if t.strip())
    if not haystack:
        return text
    kept = [line for line in text.splitlines()
            if not (stripped := _SPACE.sub(" ", line).strip().lower()) or stripped not in haystack]
    return "\n".join(kept)
