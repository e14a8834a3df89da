"""promos: "More from X" sections, inline promos, newsletter and share prompts.

A promo *heading* ("More from Foreign Policy", "Related", "You may also
like", "Most popular") opens a section of teasers. Where it runs depends on
what follows:

* if no article prose follows, the section runs to the end of the document
  and everything in it goes (teaser headlines, deks, image alt texts);
* if article prose resumes (a block that :func:`~declutter.filters.base.is_prose`
  accepts), the heading and the headline-like blocks right after it go, and
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

Reason codes: ``promo.heading``, ``promo.section`` (a block inside a section,
detail names the heading's block), ``promo.inline``, ``promo.line``, and
``promo.element`` (HTML elements marked related/newsletter/share/comments).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import lru_cache

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection, ends_like_sentence, is_prose, word_count
from declutter.vocab import alternation, compile_pattern, fragments_for, parse_languages

#: HTML class/id tokens of promo boxes.
PROMO_HINTS = frozenset({"related", "related-articles", "related-posts", "related-stories", "more-stories",
                         "newsletter", "newsletter-signup", "share", "sharing", "social-share", "share-buttons",
                         "comments", "comment-list", "recommended", "recommendations", "most-popular",
                         "trending", "outbrain", "taboola", "read-more", "promo", "subscribe"})
#: A heading with more words than this is a sentence, not a heading.
HEADING_MAX_WORDS = 12
#: A promo line with more words than this is prose.
LINE_MAX_WORDS = 40
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


class Patterns:
    """The compiled promo patterns of one language set."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        f = fragments_for(languages)
        where = f"promo vocabulary {','.join(languages)}"
        self.section = compile_pattern(rf"^{alternation(f['promos.section'])}{_HEADING_END}", where)
        self.line = compile_pattern(rf"^{alternation(f['promos.line'])}{_HEADING_END}", where)
        self.inline = compile_pattern(rf"^{alternation(f['promos.inline'])}\s*[:：|»›>]\s*\S", where)


@lru_cache(maxsize=32)
def patterns_for(lang: str) -> Patterns:
    """Compiled patterns for a ``Config.lang`` value (built once per value)."""
    return Patterns(parse_languages(lang))


def line_reason(text: str, pats: Patterns) -> Reason | None:
    """The reason a single block is a promo, or None.

    >>> line_reason("More from Foreign Policy", patterns_for("en"))
    <Reason.HEADING: 'promo.heading'>
    >>> line_reason("Related: Council approves budget", patterns_for("en"))
    <Reason.INLINE: 'promo.inline'>
    >>> line_reason("More from the interview is below, and it is long.", patterns_for("en")) is None
    True
    """
    words = word_count(text)
    if words <= HEADING_MAX_WORDS and pats.section.match(text):
        return Reason.HEADING
    if words > LINE_MAX_WORDS:
        return None
    if pats.line.match(text):
        return Reason.LINE
    if pats.inline.match(text):
        return Reason.INLINE
    return None


def promos(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select promo headings with their sections, and promo lines."""
    pats = patterns_for(config.lang)
    prose_after: list[int] | None = None
    position = 0
    while position < len(blocks):
        block = blocks[position]
        if not PROMO_HINTS.isdisjoint(block.hints):
            yield Selection(block, Reason.ELEMENT)
            position += 1
            continue
        reason = line_reason(block.text.strip(), pats)
        if reason is Reason.HEADING:
            if prose_after is None:
                prose_after = _next_prose(blocks, config)
            end = _section_end(blocks, position, prose_after[position])
            yield Selection(block, reason)
            for inner in blocks[position + 1:end]:
                yield Selection(inner, Reason.SECTION, f"in the section opened by block {block.index}")
            position = max(end, position + 1)
            continue
        if reason is not None:
            yield Selection(block, reason)
        position += 1


def _next_prose(blocks: Sequence[Block], config: Config) -> list[int]:
    """For each position, the position of the first prose block after it."""
    after = [len(blocks)] * len(blocks)
    following = len(blocks)
    for position in range(len(blocks) - 1, -1, -1):
        after[position] = following
        if is_prose(blocks[position].text, config):
            following = position
    return after


def _section_end(blocks: Sequence[Block], start: int, resumes: int) -> int:
    """Where the section opened at ``start`` ends (exclusive).

    To the end of the document when no prose follows (``resumes`` is the
    length); otherwise only the run of headline-like blocks after the heading.
    """
    if resumes == len(blocks):
        return resumes
    end = start + 1
    while end < resumes and _headline_like(blocks[end].text):
        end += 1
    return end


def _headline_like(text: str) -> bool:
    """A teaser headline: no closing full stop, or only a few words."""
    return not ends_like_sentence(text) or word_count(text) <= 6
