"""What every filter shares: the selection type and small text measures.

A filter is any callable ``filter(blocks, config) -> Iterable[Selection]``.
``blocks`` are the blocks still in the document, in order; the filter yields
the ones it would remove, each with a stable reason code. It never edits text
and never removes anything itself: the pipeline does that and records why.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple, TypeVar

import declutter.scan as scan  # noqa: PLR0402  (as the filters import it)
from declutter.blocks import Block
from declutter.config import Config
from declutter.memo import once_per_text
from declutter.vocab import LOWER, UP


class Selection(NamedTuple):
    """A block a filter wants removed, the reason code, and optional detail."""

    block: Block
    reason: str
    detail: str = ""


FilterFunc = Callable[[Sequence[Block], Config], Iterable[Selection | tuple[Block, str]]]

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’»)\]]*\s*$")
# A sentence boundary: lower-case letter or digit, end mark, space, capital, in any
# Latin, Greek or Cyrillic alphabet ("rok. Łódź", "είπε. Ο", "году. Он").
# "U.S. Army" is not a boundary; "said. Then" is.
_BOUNDARY = re.compile(rf"[{LOWER[1:-1]}\d][.!?]['\"”’»)]*\s+['\"“‘«(]?{UP}")


def word_count(text: str) -> int:
    """Number of ``\\w+`` words, the unit every length threshold uses."""
    return once_per_text(_count_words, text)


def _count_words(text: str) -> int:
    return len(_WORD.findall(text))


#: What :data:`_SENTENCE_END` matches, told apart by stripping from the end: its marks and closers.
_SENTENCE_MARKS, _CLOSERS = ".!?…。！？", "'\"”’»)]"


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with a full stop, question or exclamation mark.

    Exactly where :data:`_SENTENCE_END` matches (a mark, closing quotes or
    brackets, white space, the end), found by stripping from the end instead
    of searching the whole text (``tests/test_perf_fixpoint.py`` checks it).

    >>> ends_like_sentence("He left.” "), ends_like_sentence("U.S. Army"), ends_like_sentence(". )")
    (True, False, False)
    """
    end = text.rstrip().rstrip(_CLOSERS)
    return bool(end) and end[-1] in _SENTENCE_MARKS


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def is_title_case(text: str) -> bool:
    """Most words of four letters or more are capitalised: a headline.

    >>> is_title_case("Is Netflix's 'The Diplomat' Factual or Farcical?"), is_title_case("He said it was over.")
    (True, False)
    """
    words = _LONG_WORD.findall(text)
    return bool(words) and sum(w[0].isupper() for w in words) * 10 >= len(words) * 6


def sentence_count(text: str) -> int:
    """A cautious count of sentences: abbreviations do not split."""
    return 1 + len(_BOUNDARY.findall(text))


def is_prose(text: str, config: Config) -> bool:
    """Looks like article prose: long, or two real sentences, ending with a stop.

    >>> is_prose("The Battle for Eurasia", Config())
    False
    """
    if not ends_like_sentence(text):
        return False
    words = word_count(text)
    return words >= config.prose_min_words or (words >= 20 and sentence_count(text) >= 2)


#: A short line (a menu label, a share button, a headline): at most this many words and characters, no sentence end.
SHORT_LINE_WORDS, SHORT_LINE_CHARS = 5, 80
#: A block of prose around a subheading: a sentence of at least this many words.
PROSE_LIKE_WORDS = 8
#: A list an article announces ("It offers these buttons:") has fewer short lines than this; a longer run
#: after a colon ("Follow us online:" and forty links) is the site's.
ANNOUNCED_LIST_MAX = 8


def _short_line(text: str) -> bool:
    return (len(text) <= SHORT_LINE_CHARS and not text.endswith(":") and not ends_like_sentence(text)
            and word_count(text) <= SHORT_LINE_WORDS)


class ChromeEvidence:
    """Whether a lone interface word ("Share", "Print", "Next", "Search") stands where chrome stands.

    It does among the first or last ``edge`` blocks of the page, and right
    where a block was already removed as clutter (a share bar under a photo
    credit or a byline). Elsewhere it does unless it stands as the article's
    own text: a subheading (a paragraph of prose on either side) or an item of
    a list a line of the article announces ("The app has three buttons:", not
    itself among short lines, then a run of fewer than
    :data:`ANNOUNCED_LIST_MAX` short lines). The runs of
    short lines are found once, on first use, in linear time::

        >>> from declutter.blocks import split_text
        >>> prose = "The council met on Monday to vote on the harbour bus lanes again."
        >>> lines = ["Title", "x", prose, "Search", prose, "Share", "Facebook", prose, "It offers these buttons:",
        ...          "Print", "Share", prose, "y", "z"]
        >>> evidence = ChromeEvidence(split_text("\\n".join(lines)).blocks, edge=2)
        >>> evidence(3), evidence(5), evidence(9), evidence(0)
        (False, True, False, True)

    Evidence only ever grows as blocks are removed, so a word kept at the end
    of a run is kept again when the output is cleaned again (idempotence).
    """

    def __init__(self, blocks: Sequence[Block], edge: int, texts: Sequence[str] | None = None) -> None:
        self.blocks, self.edge = blocks, edge
        self.texts = texts if texts is not None else [block.text.strip() for block in blocks]
        self.runs: tuple[list[int], list[int]] | None = None

    def __call__(self, position: int) -> bool:
        blocks, texts = self.blocks, self.texts
        if position < self.edge or position >= len(texts) - self.edge:
            return True
        if blocks[position - 1].index != blocks[position].index - 1 or \
                blocks[position + 1].index != blocks[position].index + 1:
            return True  # clutter was removed right beside it
        if _prose_like(texts[position - 1]) and _prose_like(texts[position + 1]):
            return False  # a subheading
        if self.runs is None:
            self.runs = _short_runs(texts)
        start, end = self.runs[0][position], self.runs[1][position]
        return not (end - start + 1 < ANNOUNCED_LIST_MAX and _announces(texts, start - 1))


def _announces(texts: Sequence[str], position: int) -> bool:
    """The line at ``position`` announces a list: it ends with a colon, has three words or more, and does not
    itself stand among short lines ("ZDNet around the globe:" in a run of site links)."""
    if position < 0 or not texts[position].endswith(":") or word_count(texts[position]) < 3:
        return False
    return position == 0 or not _short_line(texts[position - 1])


def _prose_like(text: str) -> bool:
    return ends_like_sentence(text) and word_count(text) >= PROSE_LIKE_WORDS


def _short_runs(texts: Sequence[str]) -> tuple[list[int], list[int]]:
    """For each position, the first and last position of its run of short lines (itself if it is not short)."""
    short = [_short_line(text) for text in texts]
    starts, ends = list(range(len(texts))), list(range(len(texts)))
    for position in range(1, len(texts)):
        if short[position] and short[position - 1]:
            starts[position] = starts[position - 1]
    for position in range(len(texts) - 2, -1, -1):
        if short[position] and short[position + 1]:
            ends[position] = ends[position + 1]
    return starts, ends


class _Never:
    """A pattern that matches nothing: what a line gate's pattern is on a line where the first pass
    (:mod:`declutter.scan`) found none of its literals."""

    pattern = "(?!)"

    def match(self, text: str, pos: int = 0) -> None:
        return None

    def search(self, text: str, pos: int = 0) -> None:
        return None

    def fullmatch(self, text: str, pos: int = 0) -> None:
        return None


NEVER = _Never()
_P = TypeVar("_P")


def narrowed(pats: _P, gates: Sequence[str], held: Sequence[bool]) -> _P:
    """A copy of a filter's patterns in which each line gate not ``held`` (its bit is not in the line's
    first-pass mask, so it cannot match there) is :data:`NEVER`, and the combined pre-test ``any`` is the one
    held gate's own pattern when there is only one. A line's reason is the same with the copy, and the
    patterns that cannot match are not run: ``any`` tests every gate's alternatives, one gate's are fewer.

    >>> class Pats:
    ...     any, a, b = re.compile("^(?:x|y)"), re.compile("^x"), re.compile("^y")
    >>> view = narrowed(Pats(), ("a", "b"), (False, True))
    >>> view.a.match("x") is None, view.any.pattern
    (True, '^y')
    """
    view = copy.copy(pats)
    for name, on in zip(gates, held, strict=True):
        if not on:
            setattr(view, name, NEVER)
    kept = [name for name, on in zip(gates, held, strict=True) if on]
    if len(kept) == 1:
        setattr(view, "any", getattr(pats, kept[0]))  # noqa: B010 (the pre-test of whatever class pats is)
    return view


def narrowing(filter_name: str, patterns_for: Callable[[str], _P], gates: Sequence[str]) -> Callable[[str, int], _P]:
    """A filter's ``(lang, held) -> patterns``: :func:`narrowed` patterns of ``lang`` for a line whose first-pass
    mask holds the line-gate bits ``held`` (gates registered as ``filter_name.gate``), built once per
    language and set of bits: the same reason, fewer patterns run."""

    @lru_cache(maxsize=256)
    def view(lang: str, held: int) -> _P:
        bits = [scan.bits(lang, f"{filter_name}.{name}") for name in gates]
        return narrowed(patterns_for(lang), gates, [bool(held & bit) for bit in bits])

    return view
