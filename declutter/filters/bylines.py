"""bylines: bylines, author bios, contact, credit and reading-time lines.

Two kinds of evidence, because a name followed by "was a writer" can be the
subject of an article as easily as its author:

* a block that is *nothing but* a byline, contact line, wire credit or
  reading-time line is removed wherever it stands;
* an author bio ("Jane Doe is a staff writer at X") is removed only among the
  last ``Config.edge_blocks`` blocks, where sites print it;
* a name and a role, no sentence ("Jan Kowalski, dziennikarz Onetu", "Jane
  Doe, staff writer"), is a byline only among the first or last
  ``Config.edge_blocks`` blocks, and not as an item of a list a line ending
  with a colon announces ("Udział wzięli:"); elsewhere it is a subheading or
  a list item, and stays;
* a timestamp line goes, unless it dates an entry: when three or more
  timestamps are each followed by a sentence (a live blog, a changelog), they
  all stay.

::

    before: By Jane Doe, Staff Writer
            The council voted on Monday.
            Jane Doe is a staff writer at the Gazette. Twitter: @janedoe
    after:  The council voted on Monday.

Reason codes: ``byline.byline``, ``byline.bio``, ``byline.contact``,
``byline.credits`` ("(Reporting by X; Editing by Y)", "X contributed reporting"),
``byline.reading_time``, ``byline.timestamp`` ("Updated at 1:23 p.m."),
``byline.copyright`` ("Copyright © 2019 X. All rights reserved."),
and ``byline.element`` (HTML elements marked byline/author).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter

import declutter.scan as scan  # noqa: PLR0402  (not "from declutter import": the package imports the filters)
from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import resolve_lang
from declutter.filters.base import Selection, ends_like_sentence, is_title_case, narrowing, word_count
from declutter.memo import once_per_text
from declutter.vocab import NAME, UP, LazyPattern, alternation, any_of, compile_pattern, fragments_for, parse_languages

#: HTML class/id tokens of byline and author boxes.
#: In HTML mode class/id tokens are matched whole and by their ``-`` parts
#: (see :mod:`declutter.html.hints`); "author" alone counts only as a whole token.
BYLINE_HINTS = frozenset({"byline", "bylines", "author", "authors", "author-bio", "author-box", "author-info",
                          "authorbio", "author-card", "author-details", "author-meta", "author-avatar",
                          "author-profile", "about-author", "article-author", "post-author", "entry-author",
                          "contributor", "contributors", "coauthor", "coauthors", "dateline", "post-meta",
                          "entry-meta", "article-meta", "story-meta", "meta-info", "post-info", "article-info",
                          "story-info", "timestamp", "publish-date", "published-date", "post-date", "entry-date",
                          "article-date"})
#: A block-only byline or contact line longer than this is prose.
LINE_MAX_WORDS = 25
_INITIAL_END = compile_pattern(rf"(?:(?:^|[\s.]){UP}|\b[JS]r)\.$", "byline initial")
#: A timestamp or copyright line longer than this is prose.
METADATA_MAX_WORDS = 20
#: A bio longer than this is a paragraph about someone, not a bio box.
BIO_MAX_WORDS = 90
#: A document with this many timestamps that each open an entry is a live blog or changelog: they stay.
ENTRY_STAMPS = 3
#: ...and the block after each is a sentence of at least this many words.
ENTRY_MIN_WORDS = 6
#: A name-and-role signature ("Jan Kowalski, dziennikarz Onetu") has at most this many words.
NAME_ROLE_MAX_WORDS = 15


class Reason(StrEnum):
    BYLINE = "byline.byline"
    BIO = "byline.bio"
    CONTACT = "byline.contact"
    CREDITS = "byline.credits"
    READING_TIME = "byline.reading_time"
    TIMESTAMP = "byline.timestamp"
    COPYRIGHT = "byline.copyright"
    ELEMENT = "byline.element"


class Patterns:
    """The compiled byline patterns of one language set.

    Each language's openers carry that language's own ``not_name`` guard
    ("By" refuses "Monday", "Von" refuses "Montag"), so adding a language
    only ever adds matches: "By Mai Tran" stays a byline when German, whose
    "Mai" is a month, is added.
    """

    def __init__(self, languages: tuple[str, ...]) -> None:
        f = fragments_for(languages)
        where = f"byline vocabulary {','.join(languages)}"
        joiner = alternation(f["bylines.name_joiner"])
        names = rf"{NAME}(?:\s*(?:[,;&]|\b{joiner}\b)\s*{NAME}){{0,5}}"
        tail = r"(?:\s*(?:[,|•·:]|\s[-–—]\s|\bfor\b|\bin\b|\bat\b)\s*[^\n]{0,100})?"
        self.byline = LazyPattern(rf"^{_openers(languages)}{names}{tail}$", where)
        self.bio = LazyPattern(
            rf"^{NAME}[ \t]+{alternation(f['bylines.bio_verb'])}[ \t]+"
            rf"(?:[\w'’-]+[ \t]+){{0,6}}?{alternation(f['bylines.role'])}\b", where)
        #: "Jan Kowalski, dziennikarz Onetu": a name, a comma, up to three words and a role.
        self.name_role = LazyPattern(
            rf"^{NAME},[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?{alternation(f['bylines.role'])}\b[^\n.!?]{{0,80}}$", where)
        self.contact = LazyPattern(rf"^{alternation(f['bylines.contact'])}[.\s]*$", where)
        self.credits = LazyPattern(rf"^{alternation(f['bylines.credits'])}[.\s]*$", where)
        self.timestamp = LazyPattern(rf"^{alternation(f['bylines.timestamp'])}[.\s]*$", where)
        self.copyright = LazyPattern(rf"^{alternation(f['bylines.copyright'])}$", where)
        #: A list item too: "- 11 min read" under a teaser.
        self.reading_time = LazyPattern(rf"^[-•·*\s]*{alternation(f['bylines.reading_time'])}[.\s]*$", where)
        #: Any whole-line pattern: one cheap test before the detailed ones (all are ^-anchored).
        self.any = any_of((self.byline, self.contact, self.credits, self.timestamp, self.copyright,
                           self.reading_time), where)

    def line_reason(self, text: str) -> Reason | None:
        """:func:`line_reason` with these patterns (a pure function of ``text``, for the run's memo)."""
        return line_reason(text, self)


def _openers(languages: tuple[str, ...]) -> str:
    """``(?:By:? (?!Monday…)|Von:? (?!Montag…))``: openers guarded per language."""
    parts = []
    for code in languages:
        own = fragments_for((code,))
        by, not_name = alternation(own["bylines.by"]), alternation(own["bylines.not_name"])
        parts.append(rf"{by}:?[ \t]+(?!{not_name}\b)")
    return "(?:" + "|".join(parts) + ")"


@lru_cache(maxsize=32)
def patterns_for(lang: str) -> Patterns:
    """Compiled patterns for a concrete ``Config.lang`` value (built once per value)."""
    return Patterns(parse_languages(lang))


#: The whole-line patterns, tested on every line (behind ``Patterns.any``).
_LINE_GATES = ("byline", "contact", "credits", "timestamp", "copyright", "reading_time")


def _gates(lang: str) -> tuple[scan.Gate, ...]:
    """The patterns tested on every line, for the first pass (:mod:`declutter.scan`)."""
    pats = patterns_for(lang)
    return tuple(scan.Gate(f"bylines.{name}", getattr(pats, name).pattern, True) for name in _LINE_GATES)


scan.register("bylines", _gates)


def line_reason(text: str, pats: Patterns) -> Reason | None:
    """The reason when ``text`` is nothing but a byline-like line, else None.

    >>> line_reason("By Jane Doe and John Roe, Reuters", patterns_for("en"))
    <Reason.BYLINE: 'byline.byline'>
    >>> line_reason("By Monday, the talks had collapsed.", patterns_for("en")) is None
    True
    """
    if not pats.any.match(text):
        return None
    if pats.credits.match(text) and (text[0] not in "([" or text[-1] in ")]"):
        return Reason.CREDITS
    reason: Reason | None
    if pats.byline.match(text) and not _ends_like_prose(text):
        reason = Reason.BYLINE
    elif pats.contact.match(text):
        reason = Reason.CONTACT
    else:
        reason = _metadata_reason(text, pats)
    return reason if reason is not None and word_count(text) <= LINE_MAX_WORDS else None


def _metadata_reason(text: str, pats: Patterns) -> Reason | None:
    if pats.reading_time.match(text):
        return Reason.READING_TIME
    if pats.timestamp.match(text):
        reason = Reason.TIMESTAMP
    elif pats.copyright.match(text):
        reason = Reason.COPYRIGHT
    else:
        return None
    return reason if word_count(text) <= METADATA_MAX_WORDS else None


@lru_cache(maxsize=32)
def _line_bits(lang: str) -> int:
    return scan.bits(lang, *(f"bylines.{name}" for name in _LINE_GATES))


_narrowed = narrowing("bylines", patterns_for, _LINE_GATES)


def bylines(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select bylines, bios and contact lines (see the module docstring).

    Only the lines the first pass (:mod:`declutter.scan`) lets through are
    tested against the whole-line patterns; without it, every line is.
    """
    lang = resolve_lang(config.lang, blocks)
    pats = patterns_for(lang)
    tail_start = len(blocks) - config.edge_blocks
    reasons, looked = _line_reasons(blocks, lang, pats, config.edge_blocks)
    entries = _entry_stamps(blocks, reasons)
    for position in looked:
        block = blocks[position]
        if not BYLINE_HINTS.isdisjoint(block.hints):
            yield Selection(block, Reason.ELEMENT)
            continue
        reason = reasons[position]
        if reason is None and (position < config.edge_blocks or position >= tail_start):
            reason = _edge_reason(blocks, position, block.text.strip(), pats, tail_start)
        if reason is not None and position not in entries:
            yield Selection(block, reason)


def _line_reasons(blocks: Sequence[Block], lang: str, pats: Patterns,
                  edge: int) -> tuple[list[Reason | None], Sequence[int]]:
    """Each block's whole-line reason (tested only where the first pass lets it), and the positions
    worth a look: those with a reason or HTML hints, and the edges (all positions without a first pass)."""
    may = scan.masks(lang, blocks)
    if may is None:
        return [once_per_text(pats.line_reason, block.text.strip()) for block in blocks], range(len(blocks))
    line_bits = _line_bits(lang)
    reasons: list[Reason | None] = [None] * len(blocks)
    for position in scan.positions(may, line_bits, len(blocks)):
        view = _narrowed(lang, may[position] & line_bits)
        reasons[position] = once_per_text(view.line_reason, blocks[position].text.strip())
    looked = {p for p, reason in enumerate(reasons) if reason is not None}
    looked.update(range(min(edge, len(blocks))), range(max(0, len(blocks) - edge), len(blocks)))
    if any(map(_HINTS, blocks)):
        looked.update(p for p, block in enumerate(blocks) if block.hints)
    return reasons, sorted(looked)


_HINTS = attrgetter("hints")


def _entry_stamps(blocks: Sequence[Block], reasons: list[Reason | None]) -> frozenset[int]:
    """Timestamps that date entries of prose: a live blog's or a changelog's times stay.

    A timestamp is an entry's when the block right after it is a sentence
    (ends with a stop, :data:`ENTRY_MIN_WORDS` words or more, not Title Case);
    with :data:`ENTRY_STAMPS` such timestamps or more, all of them stay. A
    lone "Updated at 1:23 p.m." still goes, and so do the dates of a teaser
    list, where a headline, not a sentence, follows each date.
    """
    stamps = [position for position, reason in enumerate(reasons[:-1])
              if reason is Reason.TIMESTAMP and _entry_text(blocks[position + 1].text.strip())]
    return frozenset(stamps) if len(stamps) >= ENTRY_STAMPS else frozenset()


def _entry_text(text: str) -> bool:
    return ends_like_sentence(text) and word_count(text) >= ENTRY_MIN_WORDS and not is_title_case(text)


def _edge_reason(blocks: Sequence[Block], position: int, text: str, pats: Patterns, tail_start: int) -> Reason | None:
    """A bio (tail only) or a name-and-role signature (head or tail, not in an announced list)."""
    if position >= tail_start and _is_bio(text, pats):
        return Reason.BIO
    if not _is_name_role(text, pats):
        return None
    before = position - 1
    while before >= 0 and _is_name_role(blocks[before].text.strip(), pats):
        before -= 1  # the list's earlier items
    announced = before >= 0 and blocks[before].text.strip().endswith(":")
    return None if announced else Reason.BYLINE


def _is_name_role(text: str, pats: Patterns) -> bool:
    # The pattern fails fast on prose, which then needs no word count.
    return pats.name_role.match(text) is not None and word_count(text) <= NAME_ROLE_MAX_WORDS


def _ends_like_prose(text: str) -> bool:
    """A byline does not end with a sentence mark, bar an initial or "Jr."."""
    if text.endswith(("!", "?")):
        return True
    return text.endswith(".") and _INITIAL_END.search(text) is None


def _is_bio(text: str, pats: Patterns) -> bool:
    return pats.bio.match(text) is not None and word_count(text) <= BIO_MAX_WORDS
