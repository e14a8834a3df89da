"""captions: image captions and photo credits.

Extractors copy a picture's caption into the text once per place the page
holds it (alt text, figcaption, lightbox), and credit lines with it. This
filter removes a block when it *is* a caption or credit, judged by the credit
formula agencies and newsrooms use, never by the mere mention of an agency::

    before: ORENBURG, RUSSIA- SEPTEMBER 19: Putin talks to officers. (Photo by Sasha Mordovets/Getty Images)
            Photo credit: Sasha Mordovets/Getty Images
            "It's over," Fabius told Reuters.
    after:  "It's over," Fabius told Reuters.

Reason codes:

* ``caption.credited``: a caption that carries a picture credit ("(Photo by
  X/Getty Images)", "(AP Photo/X)", "REUTERS/X", "Photograph: X/Agency",
  "(X via AP)", "… 2019. Jane Roe / AFP", "Photo: X / Copyright 2019 Y",
  "(credit: X)", or a credit glued to the caption: "in MayCredit: X",
  "in New York.Reuters").
* ``caption.credit_line``: a short line that is only a credit ("Photo credit:
  X", "Image: AP", "X/Getty Images").
* ``caption.file_photo``: an agency "FILE - In this … file photo" caption.
* ``caption.element``: in HTML mode, a ``figcaption`` or caption-marked element.

With ``Config.keep_captions`` the captions themselves stay (the duplicates
filter still removes their second and third copies); credit lines still go.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter

import declutter.scan as scan  # noqa: PLR0402  (not "from declutter import": the package imports the filters)
from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import resolve_lang
from declutter.filters.base import Selection, sentence_count, word_count
from declutter.memo import scoped_table
from declutter.vocab import (
    NAME,
    UP,
    LazyPattern,
    alternation,
    any_of,
    fragments_for,
    max_width,
    parse_languages,
)

#: HTML tags and class/id tokens that mark a caption or a credit.
CAPTION_TAGS = frozenset({"figcaption"})
CAPTION_HINTS = frozenset({"caption", "captions", "figcaption", "wp-caption-text", "image-caption", "photo-caption",
                           "media-caption", "credit", "credits", "image-credit", "photo-credit", "img-credit",
                           "media-credit", "photo-credits"})
#: A credit at the end of a caption lies within its last this many characters.
TAIL_CHARS = 400
#: A credit line longer than this many words is treated as prose.
CREDIT_LINE_MAX_WORDS = 30
#: A question this far from the end, in a block of this many sentences, makes it an FAQ answer, not a caption.
QUESTION_TAIL_CHARS = 80
FAQ_MIN_SENTENCES = 4
_GLUED_END = re.compile(r"[a-z]\.[A-Z][\w ]{1,30}$")


class Reason(StrEnum):
    CREDITED = "caption.credited"
    CREDIT_LINE = "caption.credit_line"
    FILE_PHOTO = "caption.file_photo"
    ELEMENT = "caption.element"


class Patterns:
    """The compiled caption patterns of one language set."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        f = fragments_for(languages)
        label, photo = alternation(f["captions.credit_label"]), alternation(f["captions.photo_word"])
        photo_by = alternation(f["captions.photo_by"])
        agency, agency_photo = alternation(f["captions.agency"]), alternation(f["captions.agency_photo"])
        where = f"caption vocabulary {','.join(languages)}"
        self.credit_line = LazyPattern(
            rf"^(?:{label})\s*[:：|]\s*\S|^\(?[^\n():!?]{{0,60}}/\s*{agency}\s*\)?$|^\(?{agency}\)?$"
            rf"|^{photo_by} (?:{UP}|@)[^\n]{{0,80}}$", where)  # "Photo by Jane Roe", not "Photo by photo, the…"
        # Credits end the caption, so these are searched in its last TAIL_CHARS only. They are
        # four patterns, each behind a cheap test of what every match of it holds.
        self.credited_paren = LazyPattern("|".join((  # the caption ends with a bracket
            rf"[(\[](?:{photo_by}|{photo}s?\s?:|(?i:credits?)\s?:)\s*[^()\[\]\n]{{1,150}}[)\]]\s*$",
            rf"\(\s*{agency_photo}\s*/\s*[^()\n]{{1,100}}\)\s*$",
            rf"\(\s*[^()\n]{{0,100}}/\s*{agency}\s*\)\s*$",
            rf"\(\s*[^()\n]{{1,60}}\bvia {agency}\s*\)\s*$",
        )), where)
        lead = rf"(?:{photo}|Photograph|Credit|Foto)\s?"
        self.credited_colon = LazyPattern("|".join((  # a colon in the tail, after a photo word
            rf"{lead}:\s*[^\n]{{1,100}}/\s*{agency}\s*$",
            rf"{lead}:\s*[^\n/]{{1,80}}/\s*(?:Copyright|©)[^\n]{{0,120}}$",
        )), where)
        label_lead = rf"(?:(?:^|\s)(?:{photo}|Credit)|(?<=[a-z])Credit)\s?"
        self.credited_label = LazyPattern(  # a colon in the tail (apart: each is searched faster alone)
            rf"{label_lead}:\s*(?:{NAME}/)?(?:{NAME}|{agency})\s*$", where)
        #: Both colon forms start at most this many characters before their colon (None: unknown).
        widths = (max_width(lead), max_width(label_lead))
        self.colon_reach = None if None in widths else max(w for w in widths if w is not None)
        # The other forms run only where _ends_with_credit allows, each behind its own test.
        self.credited_slash_end = LazyPattern(  # a slash in the tail
            rf"(?<=[.!?”\"])\s+{NAME}\s*/\s*{agency}(?: via {agency})?\s*$", where)
        self.credited_glued = LazyPattern(rf"(?<=[a-z]\.){agency}\s*$", where)
        self.credited_copyright = LazyPattern(  # © or (c) in the tail
            r",?\s(?i:photos?|photographs?|images?|pictures?)\s*(?:©|\((?i:c)\))\s*[^\n©]{1,60}$", where)
        self.credited_stock = LazyPattern(  # "Unsplash" or "Pexels"
            rf"\b{photo_by} [^\n]{{1,60}} on (?:Unsplash|Pexels)\s*$", where)
        # "AP Photo/Name", "REUTERS/Name" can stand anywhere; they always hold a slash.
        self.credited_slash = LazyPattern(rf"\b(?:AP Photo|AP PHOTO|AFP PHOTO|AFP Photo|REUTERS|EPA)\s*/\s*{NAME}",
                                              where)
        self.file_photo = LazyPattern(rf"^{alternation(f['captions.file_photo'])}", where)
        #: Either line pattern: one cheap test before telling them apart.
        self.any_line = any_of((self.credit_line, self.file_photo), where)


@lru_cache(maxsize=32)
def patterns_for(lang: str) -> Patterns:
    """Compiled patterns for a ``Config.lang`` value (built once per value)."""
    return Patterns(parse_languages(lang))


#: The patterns tested on every line: the two line forms (``match``) and the credits (``search``).
_LINE_GATES = ("credit_line", "file_photo")
_CREDIT_GATES = ("credited_paren", "credited_colon", "credited_label", "credited_slash_end", "credited_glued",
                 "credited_copyright", "credited_stock", "credited_slash")


def _gates(lang: str) -> tuple[scan.Gate, ...]:
    """The patterns tested on every line, for the first pass (:mod:`declutter.scan`)."""
    pats = patterns_for(lang)
    return (*(scan.Gate(f"captions.{name}", getattr(pats, name).pattern, True) for name in _LINE_GATES),
            *(scan.Gate(f"captions.{name}", getattr(pats, name).pattern, False) for name in _CREDIT_GATES))


scan.register("captions", _gates)


class _Bits:
    """Each gate's bit in the first pass's masks of one language set (every bit for "no first pass")."""

    def __init__(self, lang: str | None) -> None:
        table = scan.gate_bits(lang) if lang is not None else {}
        for name in (*_LINE_GATES, *_CREDIT_GATES):
            setattr(self, name, table.get(f"captions.{name}", -1))
        self.line = self.credit_line | self.file_photo
        self.credited = sum(table.get(f"captions.{name}", 0) for name in _CREDIT_GATES) if table else -1

    credit_line: int
    file_photo: int
    credited_paren: int
    credited_colon: int
    credited_label: int
    credited_slash_end: int
    credited_glued: int
    credited_copyright: int
    credited_stock: int
    credited_slash: int


_ALL = _Bits(None)
_bits_for = lru_cache(maxsize=32)(_Bits)


def classify(block: Block, config: Config, pats: Patterns | None = None, may: int = -1,
             bits: _Bits = _ALL) -> Reason | None:
    """The caption reason for ``block``, or None when it is not a caption.

    ``may`` is the block's mask from the first pass (:mod:`declutter.scan`),
    with the bits of ``bits``: a pattern whose bit is off cannot match.

    >>> classify(Block(0, "Photo credit: Jane Roe/Getty Images"), Config())
    <Reason.CREDIT_LINE: 'caption.credit_line'>
    >>> classify(Block(0, "The deal was first reported by Getty Images staff."), Config()) is None
    True
    """
    if block.tag in CAPTION_TAGS or not CAPTION_HINTS.isdisjoint(block.hints):
        return Reason.ELEMENT
    text = block.text.strip()
    pats = pats or patterns_for(resolve_lang(config.lang, (block,)))
    line = _line_form(text, pats) if may & bits.line else None
    if line is not None or not may & bits.credited:
        return line
    credited = _ends_with_credit(text, pats, may, bits) or (
        may & bits.credited_slash and "/" in text and pats.credited_slash.search(text) is not None)
    return Reason.CREDITED if credited and not _answers_a_question(text) else None


def _answers_a_question(text: str) -> bool:
    """A question and a paragraph of answer ("How do I charge on long trips? Most charging… Photo: X/Getty
    Images"): an FAQ entry that a picture credit was glued to, not a caption, which describes a picture and
    asks nothing.

    >>> _answers_a_question("How do I charge on a trip? Most charging is at home. Use fast chargers. "
    ...                     "Plan stops. Photo: Jane Roe/Getty Images")
    True
    """
    question = text.find("?")
    return 0 <= question < len(text) - QUESTION_TAIL_CHARS and sentence_count(text) >= FAQ_MIN_SENTENCES


def _line_form(text: str, pats: Patterns) -> Reason | None:
    """A credit line ("Photo credit: X") or an agency "FILE - In this … file photo" caption."""
    if not pats.any_line.match(text):
        return None
    if pats.credit_line.match(text) and word_count(text) <= CREDIT_LINE_MAX_WORDS:
        return Reason.CREDIT_LINE
    return Reason.FILE_PHOTO if pats.file_photo.match(text) else None


def _ends_with_credit(text: str, pats: Patterns, may: int = -1, bits: _Bits = _ALL) -> bool:
    """A picture credit ends the (stripped) caption, within its last TAIL_CHARS.

    Each credit pattern runs only when the text holds what every match of it
    holds: a closing bracket at the very end, a colon in the tail, and for
    the other forms see :func:`_ends_with_other_credit`. One search of all
    forms at once cost some four times more: it tried every form at each
    position of the tail.
    """
    start = max(0, len(text) - TAIL_CHARS)
    bracket = text[-1:] in (")", "]")
    if bracket and may & bits.credited_paren and pats.credited_paren.search(text, start):
        return True
    colon = text.find(":", start)
    if colon >= 0:
        # A match starts at most colon_reach characters before its colon, which is at or after this one.
        begin = start if pats.colon_reach is None else max(start, colon - pats.colon_reach)
        if (may & bits.credited_colon and pats.credited_colon.search(text, begin)) \
                or (may & bits.credited_label and pats.credited_label.search(text, begin)):
            return True
    return (bracket or colon >= 0 or _may_end_otherwise(text)) and _ends_with_other_credit(text, start, pats, may,
                                                                                            bits)


def _ends_with_other_credit(text: str, start: int, pats: Patterns, may: int, bits: _Bits) -> bool:
    """The forms without a bracket or colon, each behind a test of what its
    matches hold: a slash or a © in the tail, a stock photo site's name."""
    if may & bits.credited_slash_end and text.find("/", start) >= 0 and pats.credited_slash_end.search(text, start):
        return True
    if may & bits.credited_glued and pats.credited_glued.search(text, start):
        return True
    if may & bits.credited_copyright \
            and (text.find("©", start) >= 0 or text.find("(c)", start) >= 0 or text.find("(C)", start) >= 0) \
            and pats.credited_copyright.search(text, start):
        return True
    return bool(may & bits.credited_stock) and ("Unsplash" in text or "Pexels" in text) \
        and pats.credited_stock.search(text, start) is not None


def _may_end_otherwise(text: str) -> bool:
    """When a caption that neither ends with a bracket nor holds a colon in
    its tail may end with a credit: a © near the end, a stock photo site, or
    a last word that is a name after a slash or glued to the full stop
    ("in New York.Reuters")."""
    size = len(text)
    if text.find("©", max(0, size - 80)) >= 0 or "Unsplash" in text or "Pexels" in text:
        return True
    return text[-1:].isalpha() and (text.find("/", max(0, size - 60)) >= 0
                                    or _GLUED_END.search(text, max(0, size - 40)) is not None)


def captions(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select captions and credit lines (see the module docstring).

    Only the lines the first pass (:mod:`declutter.scan`) lets through are
    tested; without it, every line is.
    """
    lang = resolve_lang(config.lang, blocks)
    pats = patterns_for(lang)
    may = scan.masks(lang, blocks)
    if may is None:
        looked: Iterable[tuple[Block, int]] = ((block, -1) for block in blocks)
        bits = _ALL
    else:
        bits = _bits_for(lang)
        gates = bits.line | bits.credited
        if any(map(_HINTS, blocks)) or any(map(_TAG, blocks)):  # (HTML mode has hints and tags)
            looked = [(block, mask) for block, mask in zip(blocks, may, strict=True)
                      if mask & gates or block.hints or block.tag]
        else:
            looked = [(blocks[position], may[position]) for position in scan.positions(may, gates, len(blocks))]
    for block, mask in looked:
        reason = classify(block, config, pats, mask, bits)
        if reason is None:
            continue
        if config.keep_captions and reason is not Reason.CREDIT_LINE:
            continue
        yield Selection(block, reason)


_HINTS, _TAG = attrgetter("hints"), attrgetter("tag")


def is_caption(block: Block, config: Config) -> bool:
    """True when ``block`` is a caption or credit (used as evidence elsewhere).

    Inside a document scope a plain line's answer is kept per text and
    language setting (classify reads nothing else of it): the duplicates
    filter asks again for every copy of a repeated line.
    """
    if block.tag is not None or block.hints:
        return classify(block, config) is not None
    known = scoped_table(("is_caption", config.lang))
    if known is None:
        return classify(block, config) is not None
    answer = known.get(block.text)
    if answer is None:
        answer = known[block.text] = _classify_scanned(block, config) is not None
    return bool(answer)


def _classify_scanned(block: Block, config: Config) -> Reason | None:
    """:func:`classify` of a plain line, with its first-pass mask where the document's scan holds one
    (the same answer: only patterns that cannot match are skipped; the duplicates filter asks this of
    thousands of repeated lines on a page of comments)."""
    lang = resolve_lang(config.lang, (block,))
    mask = scan.known_mask(lang, block.text)
    if mask is None:
        return classify(block, config)
    return classify(block, config, patterns_for(lang), mask, _bits_for(lang))

