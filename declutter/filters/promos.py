"""promos: "More from X" sections, inline promos, newsletter and share prompts.

A promo *heading* ("More from Foreign Policy", "Related", "You may also
like", "Most popular") opens a section of teasers. Where it runs depends on
what follows:

* if no article prose follows, the section runs to the end of the document
  and everything in it goes (teaser headlines, deks, image alt texts);
* if article prose resumes (a block that :func:`~declutter.filters.base.is_prose`
  accepts, or three sentence-like blocks in a row), the heading and the headline-like blocks right after it go, and
  the first sentence-like block and everything after it stay: when unsure,
  keep.

A one-line promo ("Related: Some headline", "READ MORE: …", "Sign up for
our newsletter", "Share this article", "12 comments", "Advertisement") is
removed alone; the paragraphs around it stay::

    before: The vote was close.
            Related: Council approves budget
            Opponents say they will appeal.
    after:  The vote was close.
            Opponents say they will appeal.

Readers' comments are prose, so no prose rule can end them: a comments
heading ("34 responses to “Title”") or the first "Name on <date> at
<time> said:" line in the second half of the
document opens a section that runs to the end (``promo.comments``). Earlier
in the document, after the article's first prose, a comments heading opens
them only with evidence: a stamp that dates a comment ("2 days ago at
07:52 am", "Jane Roe August 17, 2019 - 2:19 pm"; "Jane says:" alone is not
evidence, articles quote "The mayor said:" the same way) within the next
three blocks, or, for "34 responses to “Title”", the document's own headline
quoted; a short heading such as "12 Comments" or "Top Rated Comments" needs
the stamp wherever it stands, and "Responses" or "Reactions" needs a number::

    before: The council backed the budget after a long debate on Monday night.
            2 Comments
            Jane Roe August 17, 2019 - 2:19 pm
            Great news for the harbour!
    after:  The council backed the budget after a long debate on Monday night.

Three or more readers' name lines ("Jane Roe says") after the article's prose
open the comments at the first of them. An affiliate or trust note ("Advertiser
Disclosure", "We may earn a commission…") goes alone (``promo.affiliate``).

Reason codes: ``promo.affiliate``, ``promo.comments``, ``promo.heading``, ``promo.section`` (a block inside a section,
detail names the heading's block), ``promo.inline``, ``promo.line``, and
``promo.element`` (HTML elements marked related/newsletter/share/comments).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter

import declutter.scan as scan  # noqa: PLR0402  (not "from declutter import": the package imports the filters)
from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import resolve_lang
from declutter.filters.base import (
    ChromeEvidence,
    Selection,
    ends_like_sentence,
    is_prose,
    is_title_case,
    narrowing,
    word_count,
)
from declutter.filters.chrome import patterns_for as chrome_patterns_for
from declutter.memo import once_per_text
from declutter.vocab import LazyPattern, alternation, any_of, fragments_for, parse_languages

#: HTML class/id tokens of promo boxes.
#: In HTML mode class/id tokens are matched whole and by their ``-`` parts, and
#: "ad"/"promo"/"sponsored" count only as a token's first part (see :mod:`declutter.html.hints`).
PROMO_HINTS = frozenset({
    "related", "related-articles", "related-posts", "related-stories", "more-stories", "more-from", "more-news",
    "you-may-like", "may-like", "also-like", "newsletter", "newsletters", "subscribe", "subscription", "signup",
    "sign-up", "share", "sharing", "shares", "social-share", "share-buttons", "sharethis", "addthis", "social-links",
    "social-icons", "social-buttons", "social-tools", "social-bar", "social-follow", "social-media-links",
    "comments", "comment", "comment-list", "disqus", "recommended", "recommendations", "recommend", "most-popular",
    "most-read", "most-viewed", "popular", "trending", "top-stories", "outbrain", "taboola", "mgid", "revcontent",
    "zergnet", "read-more", "readmore", "promo", "promos", "promoted", "ad", "ads", "adv", "advert",
    "advertisement", "advertising", "sponsor", "sponsored", "recirc", "recirculation", "latest-news", "latest-stories",
    "latest-posts", "latest-articles", "latest-headlines"})
#: A heading with more words than this is a sentence, not a heading.
HEADING_MAX_WORDS = 12
#: A promo line with more words than this is prose.
LINE_MAX_WORDS = 40
#: An affiliate or trust note with more words than this is an article's own paragraph about money.
AFFILIATE_MAX_WORDS = 80
#: A heading repeated this many times in its section, at most this many blocks apart, labels cards.
CARD_LABELS = 3
CARD_SPACING = 4
#: Readers' name lines ("Jane says") that make a run of comments; such a line is at most this long.
COMMENT_AUTHORS = 3
AUTHOR_MAX_CHARS = 80
#: A comment stamp must follow a comments heading within this many blocks.
STAMP_WINDOW = 3
#: A comment stamp line has at most this many words.
STAMP_MAX_WORDS = 12
#: Blocks at the top of a document where its headline stands.
HEADLINE_BLOCKS = 3
#: Consecutive distinct sentence-like blocks that show article prose has resumed.
SENTENCE_RUN = 3
#: Consecutive field lines with distinct labels ("Memory: 4 GB RAM", "Storage: 60 GB") that show a spec
#: sheet has resumed: the page's own data, which a teaser list does not hold. At least FIELD_FIGURES of them
#: hold a figure and as many have a short value (at most FIELD_VALUE_WORDS words): a run of headlines with
#: kickers ("Flights: Passengers can fly for up to 80 percent less by travelling on this day") is teasers.
FIELD_RUN, FIELD_FIGURES, FIELD_VALUE_WORDS = 3, 2, 6
#: A field line's label has at most this many words, the whole line at most this many.
FIELD_LABEL_WORDS, FIELD_MAX_WORDS = 4, 24
#: A field line: an optional list marker, a label (a letter first, no sentence mark), a colon, a value.
_FIGURE, _FIELD_SPLIT = re.compile(r"\d"), re.compile("[:：]")
_FIELD = re.compile(r"^[-•·*\s]*+([^\W\d_][^:.!?\n]{0,40}?)\s*+\*?\s*+[:：]\s++\S")
#: Punctuation a heading may end with: "Related:", "More from X »". The
#: quantifiers are possessive (the classes do not overlap, so this matches
#: exactly what ``\s*[…]*\s*$`` would) because two greedy ``\s*`` in a row
#: backtrack quadratically on a long run of spaces that ends in another character.
_HEADING_END = r"\s*+[:：.…»›>|\-–—]*+\s*+$"


class Reason(StrEnum):
    HEADING = "promo.heading"
    SECTION = "promo.section"
    INLINE = "promo.inline"
    LINE = "promo.line"
    ELEMENT = "promo.element"
    COMMENTS = "promo.comments"
    AFFILIATE = "promo.affiliate"


class Patterns:
    """The compiled promo patterns of one language set."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        f = fragments_for(languages)
        where = f"promo vocabulary {','.join(languages)}"
        self.comments = LazyPattern(rf"^{alternation(f['promos.comments'])}{_HEADING_END}", where)
        #: "12 Comments": a comments heading only when a comment stamp follows it.
        self.comment_heading = LazyPattern(rf"^{alternation(f['promos.comment_heading'])}{_HEADING_END}", where)
        self.comment_stamp = LazyPattern(rf"^{alternation(f['promos.comment_stamp'])}\s*$", where)
        #: A reader's name over a comment: "Jane Roe says", "Jane says:".
        self.comment_author = LazyPattern(rf"^{alternation(f['promos.comment_author'])}\s*:?\s*$", where)
        self.section = LazyPattern(rf"^{alternation(f['promos.section'])}{_HEADING_END}", where)
        self.line = LazyPattern(rf"^{alternation(f['promos.line'])}{_HEADING_END}", where)
        #: A bare inline label ("Don't miss"): a heading only with other evidence (HTML links).
        self.label = LazyPattern(rf"^{alternation(f['promos.inline'])}{_HEADING_END}", where)
        self.inline = LazyPattern(rf"^[\[(]?{alternation(f['promos.inline'])}\s*[:：|»›>]\s*\S", where)
        #: An affiliate or trust note ("Advertiser Disclosure", "We may earn a commission…"): a whole block.
        self.affiliate = LazyPattern(rf"^{alternation(f['promos.affiliate'])}{_HEADING_END}", where)
        #: Any of the line patterns: one cheap test before the detailed ones (all are ^-anchored).
        self.any = any_of((self.comments, self.comment_heading, self.section, self.line, self.inline,
                           self.affiliate, self.comment_author), where)

    def may_match(self, text: str) -> bool:
        """``any`` matches: asked once per text and run (see :func:`~declutter.memo.once_per_text`),
        as the fixpoint runs the filter again over mostly the same blocks."""
        return self.any.match(text) is not None


@lru_cache(maxsize=32)
def patterns_for(lang: str) -> Patterns:
    """Compiled patterns for a ``Config.lang`` value (built once per value)."""
    return Patterns(parse_languages(lang))


#: The line patterns, tested on every line (behind ``Patterns.any``).
_LINE_GATES = ("comments", "comment_heading", "section", "line", "inline", "affiliate", "comment_author")


def _gates(lang: str) -> tuple[scan.Gate, ...]:
    """The patterns tested on every line, for the first pass (:mod:`declutter.scan`)."""
    pats = patterns_for(lang)
    return tuple(scan.Gate(f"promos.{name}", getattr(pats, name).pattern, True) for name in _LINE_GATES)


scan.register("promos", _gates)


def line_reason(text: str, pats: Patterns) -> Reason | None:
    """The reason a single block is a promo, or None.

    >>> line_reason("More from Foreign Policy", patterns_for("en"))
    <Reason.HEADING: 'promo.heading'>
    >>> line_reason("Related: Council approves budget", patterns_for("en"))
    <Reason.INLINE: 'promo.inline'>
    >>> line_reason("More from the interview is below, and it runs on for a good many words.",
    ...             patterns_for("en")) is None
    True
    """
    if not pats.any.match(text):
        return None
    if pats.section.match(text):
        words = word_count(text)
        if words <= HEADING_MAX_WORDS and not _sentence(text, words):
            return Reason.HEADING
    if pats.affiliate.match(text):
        return Reason.AFFILIATE if word_count(text) <= AFFILIATE_MAX_WORDS else None
    if pats.line.match(text):
        reason = Reason.LINE
    elif pats.inline.match(text):
        reason = Reason.INLINE
    else:
        return None
    return reason if word_count(text) <= LINE_MAX_WORDS else None


def _sentence(text: str, words: int) -> bool:
    """"More from the interview is below." is a sentence; "More from X." is a heading."""
    return words > 4 and text.endswith(".") and not text.endswith("..")


@lru_cache(maxsize=32)
def _line_bits(lang: str) -> int:
    return scan.bits(lang, *(f"promos.{name}" for name in _LINE_GATES))


def may_have_line_reason(lang: str, mask: int | None) -> bool:
    """Whether a text whose first-pass mask is ``mask`` (None: no first pass) may have a :func:`line_reason`:
    without a bit of the line gates, no line pattern (hence not ``Patterns.any``) can match it."""
    return mask is None or bool(mask & _line_bits(lang))


def promos(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select promo headings with their sections, and promo lines.

    Only the lines the first pass (:mod:`declutter.scan`) lets through are
    tested against the line patterns; without it, every line is.
    """
    lang = resolve_lang(config.lang, blocks)
    pats, lone = patterns_for(lang), chrome_patterns_for(lang).lone
    evidence = _Evidence(blocks, config, pats)
    chrome_evidence: ChromeEvidence | None = None
    position = 0
    may = scan.masks(lang, blocks)
    for candidate in _looked(blocks, lang, may):
        if candidate < position:
            continue  # inside a section already selected
        position = candidate
        block = blocks[position]
        text = block.text.strip()
        if not PROMO_HINTS.isdisjoint(block.hints):
            yield Selection(block, Reason.ELEMENT)
            position += 1
            continue
        view = pats if may is None else _narrowed(lang, may[position] & _line_bits(lang))
        if not once_per_text(view.may_match, text):
            position += 1
            continue
        if _opens_comments(blocks, position, text, pats, evidence):
            yield from _comment_section(blocks, position)
            return
        reason = line_reason(text, view)
        if reason is Reason.HEADING:
            end = evidence.section_end(position, text)
            yield Selection(block, reason)
            for inner in blocks[position + 1:end]:
                yield Selection(inner, Reason.SECTION, f"in the section opened by block {block.index}")
            position = max(end, position + 1)
            continue
        if reason is Reason.LINE and lone.match(text):  # "Share", "Print": only where chrome stands
            chrome_evidence = chrome_evidence or ChromeEvidence(blocks, config.edge_blocks)
            reason = reason if chrome_evidence(position) else None
        if reason is not None:
            yield Selection(block, reason)
        position += 1


#: Only for a line's own tests, not for what other lines tell about it.
_narrowed = narrowing("promos", patterns_for, _LINE_GATES)


def _looked(blocks: Sequence[Block], lang: str, may: list[int] | None) -> Sequence[int]:
    """The positions worth a look: with HTML hints, or that the first pass (masks ``may``) lets through
    (all without it)."""
    if may is None:
        return range(len(blocks))
    line_bits = _line_bits(lang)
    if any(map(_HINTS, blocks)):
        return [p for p, (mask, block) in enumerate(zip(may, blocks, strict=True)) if mask & line_bits or block.hints]
    return scan.positions(may, line_bits, len(blocks))


_HINTS = attrgetter("hints")


class _Evidence:
    """What the filter learns about the whole document, each found once per run
    and only when a candidate line asks: where the first prose stands (asking
    every candidate heading to scan the blocks before it was quadratic on a
    page of short lines), where prose resumes, and where readers' names
    stand ("Jane says")."""

    def __init__(self, blocks: Sequence[Block], config: Config, pats: Patterns) -> None:
        self.blocks, self.config, self.pats = blocks, config, pats
        self.found: int | None = None
        self.first_sentence: int | None = None
        #: Where prose next resumes, for the positions asked so far (see :meth:`resumes_after`).
        self.prose_after: dict[int, int] = {}
        self.authors: list[int] | None = None

    def before(self, position: int) -> bool:
        """Some prose block stands before ``position``."""
        if self.found is None:
            self.found = next((i for i, block in enumerate(self.blocks) if is_prose(block.text.strip(), self.config)),
                              len(self.blocks))
        return self.found < position

    def sentence_before(self, position: int) -> bool:
        """Some sentence of prose (see :func:`_sentence_like`) stands before ``position``."""
        if self.first_sentence is None:
            self.first_sentence = next((i for i, block in enumerate(self.blocks)
                                        if _sentence_like(block.text.strip())), len(self.blocks))
        return self.first_sentence < position

    def section_end(self, position: int, text: str) -> int:
        """Where the section opened by the heading ``text`` at ``position`` ends (exclusive).

        Only the heading goes when it is a link rather than a heading: it ends
        with a full stop ("Read more." under a cut description), or no sentence
        stands before it and no prose after it (a
        schedule, a spec sheet, a product grid has no article for teasers to
        follow).
        """
        if text.endswith(".") and not text.endswith(".."):
            return position + 1
        resumes = self.resumes_after(position)
        if resumes == len(self.blocks) and not self.sentence_before(position):
            return position + 1
        end = _section_end(self.blocks, position, resumes)
        return position + 1 if _card_label(self.blocks, position) else end

    def resumes_after(self, position: int) -> int:
        """The first position after ``position`` where article prose resumes (:func:`_prose_resumes`),
        or the length. Each answer found is kept for every position it was looked for from, so the
        blocks are walked once however many headings ask (as when it was listed for all blocks at once)."""
        known, count = self.prose_after, len(self.blocks)
        walked: list[int] = []
        found = count
        for after in range(position, count):
            if after in known:
                found = known[after]
                break
            walked.append(after)
            if after + 1 < count and _prose_resumes(self.blocks, after + 1, self.config):
                found = after + 1
                break
        known.update(dict.fromkeys(walked, found))
        return found

    def authors_from(self, position: int) -> int:
        """How many readers' name lines ("Jane says") stand at or after ``position``."""
        if self.authors is None:
            self.authors = [i for i, block in enumerate(self.blocks) if _comment_author(block.text.strip(), self.pats)]
        return sum(1 for i in self.authors if i >= position)


def _card_label(blocks: Sequence[Block], position: int) -> bool:
    """The heading's text recurs in a chain of more than ``CARD_LABELS`` copies, each at most ``CARD_SPACING``
    blocks from the next: the "Read More" under each card of a list, a link, not a heading. The chain counts
    copies before the heading too, so the label under the last cards is still a label (counted forward only,
    it opened a section over the last cards)."""
    key = _label_key(blocks[position].text)
    chain = [position]
    back = position - 1
    while back >= max(0, chain[0] - CARD_SPACING):
        if _label_key(blocks[back].text) == key:
            chain.insert(0, back)
        back -= 1
    ahead = position + 1
    while ahead < min(len(blocks), chain[-1] + CARD_SPACING + 1):
        if _label_key(blocks[ahead].text) == key:
            chain.append(ahead)
        ahead += 1
    return len(chain) > CARD_LABELS


def _label_key(text: str) -> str:
    return text.strip().lower().rstrip(":：.…»›> ")


def _comment_author(text: str, pats: Patterns) -> bool:
    return len(text) <= AUTHOR_MAX_CHARS and pats.comment_author.match(text) is not None


def _opens_comments(blocks: Sequence[Block], position: int, text: str, pats: Patterns,
                    evidence: _Evidence) -> bool:
    """Whether the block at ``position`` (its stripped ``text``) opens readers' comments.

    A comments heading in the second half does; earlier, or for a bare
    "12 Comments", only after some article prose and with evidence (a comment
    stamp right after it, or the headline quoted in "34 responses to “Title”"),
    since a comment counter near the byline is a link, not the comments.
    A reader's name line ("Jane says") opens them after some prose when at
    least ``COMMENT_AUTHORS`` such lines follow: one is a quote, a run of them
    is a comment thread.
    """
    if word_count(text) > LINE_MAX_WORDS:
        return False
    if _comment_author(text, pats):
        return evidence.before(position) and evidence.authors_from(position) >= COMMENT_AUTHORS
    strong = pats.comments.match(text) is not None
    if strong and position * 2 >= len(blocks):
        return True
    if not strong and not pats.comment_heading.match(text):
        return False
    if not evidence.before(position):
        return False
    return _stamp_follows(blocks, position, pats) or (strong and _quotes_headline(blocks, position, text))


def _stamp_follows(blocks: Sequence[Block], position: int, pats: Patterns) -> bool:
    for block in blocks[position + 1:position + 1 + STAMP_WINDOW]:
        text = block.text.strip()
        if word_count(text) <= STAMP_MAX_WORDS and pats.comment_stamp.match(text):
            return True
    return False


def _quotes_headline(blocks: Sequence[Block], position: int, text: str) -> bool:
    """"34 responses to “Anthony Lynn: ‘We won’”" quotes a headline at the document's top."""
    start = min((i for i in (text.find(q) for q in "“\"«‘'") if i >= 0), default=-1)
    quoted = text[start + 1:].rstrip("”\"»’' ") if start >= 0 else ""
    if word_count(quoted) < 2:
        return False
    return any(block.text.strip().startswith(quoted) for block in blocks[:min(position, HEADLINE_BLOCKS)])


def _comment_section(blocks: Sequence[Block], start: int) -> Iterator[Selection]:
    """Readers' comments: from their heading (or first "X on <date> said:") to the end."""
    yield Selection(blocks[start], Reason.COMMENTS)
    for block in blocks[start + 1:]:
        yield Selection(block, Reason.COMMENTS, f"in the comments opened by block {blocks[start].index}")


def _prose_resumes(blocks: Sequence[Block], position: int, config: Config) -> bool:
    """Article prose resumes at ``position``: a block :func:`is_prose` accepts, or the first of
    three consecutive, distinct sentence-like blocks (tabloids write in
    one-sentence paragraphs; teaser grids alternate headlines and deks).
    """
    text = blocks[position].text.strip()
    return is_prose(text, config) or _sentence_run(blocks, position) or _field_run(blocks, position)


def _sentence_run(blocks: Sequence[Block], start: int) -> bool:
    run = [block.text.strip() for block in blocks[start:start + SENTENCE_RUN]]
    return len(run) == SENTENCE_RUN and all(once_per_text(_sentence_like, text) for text in run) \
        and len(set(run)) == SENTENCE_RUN


def _field_run(blocks: Sequence[Block], start: int) -> bool:
    """A spec sheet resumes at ``start``: :data:`FIELD_RUN` field lines with distinct labels.

    A promo heading that stands above a product's data ("Recommended:" above
    "Memory: 8 GB RAM", "Storage: 110 GB", "DirectX: Version 12") opens no
    teaser list; the section stops where the fields begin.
    """
    texts = [block.text.strip() for block in blocks[start:start + FIELD_RUN]]
    labels = [once_per_text(_field_label, text) for text in texts]
    if len(labels) < FIELD_RUN or "" in labels or len(set(labels)) < FIELD_RUN:
        return False
    short = sum(word_count(_FIELD_SPLIT.split(text, maxsplit=1)[-1]) <= FIELD_VALUE_WORDS for text in texts)
    figures = sum(_FIGURE.search(text) is not None for text in texts)
    return short >= FIELD_FIGURES and figures >= FIELD_FIGURES


def _field_label(text: str) -> str:
    """The lower-cased label of a field line ("Memory: 4 GB RAM" -> "memory"), or "" for any other line."""
    match = _FIELD.match(text)
    if match is None or word_count(text) > FIELD_MAX_WORDS:
        return ""
    label = match.group(1).strip()
    return label.lower() if word_count(label) <= FIELD_LABEL_WORDS else ""


def _sentence_like(text: str) -> bool:
    """A sentence of prose: ends with a stop, has some words, is not Title Case."""
    return ends_like_sentence(text) and word_count(text) >= 8 and not is_title_case(text)


def _section_end(blocks: Sequence[Block], start: int, resumes: int) -> int:
    """Where the section opened at ``start`` ends (exclusive).

    To the end of the document when no prose follows (``resumes`` is the
    length); otherwise only the run of headline-like blocks after the heading.
    """
    if resumes == len(blocks):
        return resumes
    if _field_run(blocks, resumes):  # the spec sheet's first lines may have long values: "OS: Windows 10 or higher"
        while resumes > start + 1 and once_per_text(_field_label, blocks[resumes - 1].text.strip()):
            resumes -= 1
    end = start + 1
    while end < resumes and _headline_like(blocks[end].text):
        end += 1
    return end


def _headline_like(text: str) -> bool:
    """A teaser headline: no closing full stop, or only a few words."""
    return not ends_like_sentence(text) or word_count(text) <= 6
