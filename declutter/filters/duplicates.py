"""duplicates: repeated blocks anywhere in the document.

Blocks are compared by a *key*: the text case-folded, with punctuation and
runs of spaces reduced to one space, so "Yes, sir!" and "yes sir" share a key.
The filter finds, in one pass and with hashing only (no pairwise
similarity, so the cost grows linearly with the document):

* ``duplicate.exact``: a block whose key equals an earlier block's key. The
  first copy stays.
* ``duplicate.truncated``: a block cut short with "…" or "..." whose key opens
  (or opens a sentence of) a longer block. The longer block stays, wherever
  it stands.
* ``duplicate.contained``: a block whose whole key appears, from a sentence
  start, inside a longer block (a caption repeated inside a teaser, a pull
  quote). The longer block stays.

Natural repetition is content: a chorus, "Stir well.", "Yes.". The rule is
that a repeated block is removed only when it has at least
``Config.duplicate_min_words`` words (default 10), or when it is a caption
or credit (see :mod:`declutter.filters.captions`), whose repetition is never
content. A block is only ever removed while a block holding its whole text
stays, so no words are lost::

    before: Putin says his war is meant to hurt the Islamic State, and that is all.
            Putin says his war is meant to hurt the Islamic State, and that is all.
            Stir well.
            Stir well.
    after:  Putin says his war is meant to hurt the Islamic State, and that is all.
            Stir well.
            Stir well.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from enum import StrEnum

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection
from declutter.filters.captions import is_caption

#: Words of a sentence start used as the hash key for truncation/containment.
START_WORDS = 5
_NON_WORD = re.compile(r"[\W_]+")
# The lookbehinds only skip start positions inside a run of spaces or dots,
# where a match cannot begin leftmost anyway; without them ``search`` rescans
# the rest of the run from every position (quadratic on "x" + 10**5 spaces + "y").
_ELLIPSIS = re.compile(r"(?<!\s)\s*(?:…|(?<!\.)\.{3,}|\[…\]|\[\.\.\.\])['\"”’)\]]*\s*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…:;])['\"”’)\]]*\s+")


class Reason(StrEnum):
    EXACT = "duplicate.exact"
    TRUNCATED = "duplicate.truncated"
    CONTAINED = "duplicate.contained"


def normalize(text: str) -> str:
    """The comparison key of ``text``.

    >>> normalize("  Yes, SIR!  ")
    'yes sir'
    """
    return _NON_WORD.sub(" ", text.casefold()).strip()


def duplicates(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select exact, truncated and contained copies (see the module docstring)."""
    keys = [normalize(block.text) for block in blocks]
    removed: set[int] = set()
    yield from _exact(blocks, keys, config, removed)
    starts = _sentence_starts(blocks, removed)
    for position, block in enumerate(blocks):
        if position in removed or not keys[position]:
            continue
        found = _longer_copy(block, keys, position, starts, config)
        if found is not None:
            reason, other = found
            yield Selection(block, reason, f"text kept in block {blocks[other].index}")


def _exact(blocks: Sequence[Block], keys: list[str], config: Config, removed: set[int]) -> Iterator[Selection]:
    first: dict[str, int] = {}
    for position, key in enumerate(keys):
        if not key:
            continue
        original = first.setdefault(key, position)
        if original != position and _eligible(blocks[position], key, config):
            removed.add(position)
            yield Selection(blocks[position], Reason.EXACT, f"copy of block {blocks[original].index}")


def _eligible(block: Block, key: str, config: Config) -> bool:
    """Long enough to be clutter when repeated, or a caption."""
    return key.count(" ") + 1 >= config.duplicate_min_words or is_caption(block, config)


def _sentence_starts(blocks: Sequence[Block], removed: set[int]) -> dict[str, list[int]]:
    """Map the first START_WORDS words of every sentence to the blocks holding it."""
    starts: dict[str, list[int]] = {}
    for position, block in enumerate(blocks):
        if position in removed:
            continue
        for sentence in _SENTENCE_SPLIT.split(block.text):
            head = " ".join(normalize(sentence).split(" ", START_WORDS)[:START_WORDS])
            holders = starts.setdefault(head, [])
            if not holders or holders[-1] != position:
                holders.append(position)
    return starts


def _longer_copy(block: Block, keys: list[str], position: int, starts: dict[str, list[int]],
                 config: Config) -> tuple[Reason, int] | None:
    """A (reason, position) of a longer block that holds this block's text."""
    reason, key = Reason.CONTAINED, keys[position]
    truncated = _ELLIPSIS.search(block.text)
    if truncated:
        reason, key = Reason.TRUNCATED, _truncated_key(block.text, truncated.start())
    if not key or not _eligible(block, key, config):
        return None
    head = " ".join(key.split(" ", START_WORDS)[:START_WORDS])
    padded = f" {key} "
    for other in starts.get(head, ()):
        if other != position and len(keys[other]) > len(key) and padded in f" {keys[other]} ":
            return reason, other
    return None


def _truncated_key(text: str, cut: int) -> str:
    """The key of ``text[:cut]``, a text cut short: a word cut in half is dropped.

    >>> _truncated_key("meant to pu…", 11), _truncated_key("meant to …", 8)
    ('meant to', 'meant to')
    """
    key = normalize(text[:cut])
    if cut and text[cut - 1].isalnum() and not text[cut].isspace():
        key = key.rpartition(" ")[0]
    return key
