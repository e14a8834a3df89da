"""What every filter shares: the selection type and small text measures.

A filter is any callable ``filter(blocks, config) -> Iterable[Selection]``.
``blocks`` are the blocks still in the document, in order; the filter yields
the ones it would remove, each with a stable reason code. It never edits text
and never removes anything itself: the pipeline does that and records why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

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


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with a full stop, question or exclamation mark."""
    return _SENTENCE_END.search(text) is not None


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
