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
from collections import Counter
from collections.abc import Iterator, Sequence
from enum import StrEnum
from itertools import chain, islice
from operator import attrgetter

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection, ends_like_sentence
from declutter.filters.captions import is_caption
from declutter.scan import speedups
from declutter.text import normalize

#: Consecutive repeated blocks that make a repeated run (a page printed twice).
RUN_BLOCKS = 3
#: Words of a sentence start used as the hash key for truncation/containment.
START_WORDS = 5
#: Blocks whose sentences start like a block that are checked for holding it,
#: in document order. Real pages have a handful; a page of thousands of lines
#: that all open alike ("The council voted on Tuesday to approve item 1…")
#: would otherwise compare every line with every other. A holder beyond them is
#: missed and the block kept: when unsure, keep.
MAX_HOLDERS = 64
#: Holders of a head looked at for copies of a block's key before listing it again.
_COPY_WINDOW = 64
# The lookbehinds only skip start positions inside a run of spaces or dots,
# where a match cannot begin leftmost anyway; without them ``search`` rescans
# the rest of the run from every position (quadratic on "x" + 10**5 spaces + "y").
_ELLIPSIS = re.compile(r"(?<!\s)\s*(?:…|(?<!\.)\.{3,}|\[…\]|\[\.\.\.\])['\"”’)\]]*\s*$")
#: A sentence boundary: its stop, closing quotes and spaces (never the line
#: breaks that separate blocks); all of it is non-word, so cutting it out
#: leaves the keys unchanged.
_SENTENCE_MARK = re.compile(r"[.!?…:;]['\"”’)\]]*[^\S\n]+")
#: What ``normalize`` turns into spaces, bar white space (``str.split`` deals
#: with it, far faster than replacing every gap between words) and sentence
#: marks; underscores are replaced beforehand (one character class is faster).
_NON_WORD_LINE = re.compile(r"[^\w\s\x00]+")
#: Punctuation that keeps English text from being ASCII (all of it non-word, or white space).
_TYPOGRAPHIC = "’‘“”–—…«»•·\xa0"
#: ``_NON_WORD_LINE`` as a byte table: ASCII bytes it matches become spaces.
_ASCII_TABLE = bytes(32 if code < 128 and _NON_WORD_LINE.match(chr(code)) else code for code in range(256))


_TEXT = attrgetter("text")


class Reason(StrEnum):
    EXACT = "duplicate.exact"
    TRUNCATED = "duplicate.truncated"
    CONTAINED = "duplicate.contained"


def duplicates(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select exact, truncated and contained copies (see the module docstring).

    Removing copies can make another copy clutter (a paragraph printed three
    times is printed twice once the adjacent copy is gone), so rounds repeat
    on the blocks left until one selects nothing: running the filter again on
    its own output selects nothing, and the keys are computed only once.
    """
    keys, sentence_heads = _document_keys(blocks)
    alive = list(range(len(blocks)))
    while alive:
        round_blocks, round_keys = [blocks[p] for p in alive], [keys[p] for p in alive]
        round_heads = [sentence_heads[p] for p in alive]
        if not _may_select(round_blocks, round_keys, round_heads):
            return
        found = list(_one_round(round_blocks, round_keys, round_heads, config))
        if not found:
            return
        yield from found
        gone = {selection.block.index for selection in found}
        alive = [p for p in alive if blocks[p].index not in gone]


def _may_select(blocks: list[Block], keys: list[str], sentence_heads: list[list[str]]) -> bool:
    """:func:`_may_select_python`, in C where the compiled helpers were built (same answer)."""
    compiled = speedups()
    if compiled is not None:
        answer: bool = compiled.may_select(list(map(_TEXT, blocks)), keys, sentence_heads, START_WORDS, _cut_short)
        return answer
    return _may_select_python(blocks, keys, sentence_heads)


def _may_select_python(blocks: list[Block], keys: list[str], sentence_heads: list[list[str]]) -> bool:
    """Cheap necessary condition for a round to select anything: two blocks share a key, or a block may
    be held by another (its text is cut short, or its key's first START_WORDS words open a sentence of
    some other block). Most pages have neither, and skip the round's lists and lookups.

    A block whose first sentence has START_WORDS words opens its key with that sentence's head, which
    it holds itself: it may be held only where some head is held twice. An ellipsis inside a block
    ("Well... we'll see.") changes nothing: only a text cut short at its end is looked up by another key.
    """
    present = [key for key in keys if key]
    if len(set(present)) < len(present):
        return True
    every_head = list(chain.from_iterable(sentence_heads))
    distinct = set(every_head)
    held: Counter[str] | None = None
    if len(distinct) < len(every_head):  # some head is held twice (or more): count them
        held = Counter(every_head)
    for block, key, heads in zip(blocks, keys, sentence_heads, strict=True):
        if not key:
            continue
        if _cut_short(block.text):
            return True  # its truncated key may open a longer block's
        first = heads[0] if heads else ""
        long_first = first.count(" ") >= START_WORDS - 1
        if held is None and long_first:
            continue  # its head is its own, held once
        head = first if long_first else " ".join(key.split(" ", START_WORDS)[:START_WORDS])
        count = (1 if head in distinct else 0) if held is None else held.get(head, 0)
        if count > 1 or (count == 1 and head not in heads):
            return True
    return False


def _one_round(blocks: list[Block], keys: list[str], sentence_heads: list[list[str]],
               config: Config) -> Iterator[Selection]:
    removed: set[int] = set()
    yield from _exact(blocks, keys, config, removed)
    starts, found = _held_copies(blocks, keys, sentence_heads, removed)
    for position, other in found:
        block = blocks[position]
        if other < 0:  # its text holds an ellipsis: it may be cut short
            held = _longer_copy(block, keys, position, starts, config)
        else:
            held = (Reason.CONTAINED, other) if _eligible(block, keys[position], config) else None
        if held is not None:
            yield Selection(block, held[0], f"text kept in block {blocks[held[1]].index}")


def _held_copies(blocks: list[Block], keys: list[str], sentence_heads: list[list[str]],
                 removed: set[int]) -> tuple[dict[str, list[int]], list[tuple[int, int]]]:
    """:func:`_held_copies_python`, in C where the compiled helpers were built (same answer)."""
    compiled = speedups()
    if compiled is not None:
        answer: tuple[dict[str, list[int]], list[tuple[int, int]]] = compiled.held_copies(
            list(map(_TEXT, blocks)), keys, sentence_heads, removed, START_WORDS, MAX_HOLDERS, _COPY_WINDOW)
        return answer
    return _held_copies_python(blocks, keys, sentence_heads, removed)


def _held_copies_python(blocks: list[Block], keys: list[str], sentence_heads: list[list[str]],
                        removed: set[int]) -> tuple[dict[str, list[int]], list[tuple[int, int]]]:
    """The sentence starts of a round (:func:`_sentence_starts`), and the blocks left (not in ``removed``)
    that another block may hold: ``(position, other)`` where ``other`` holds the block's whole key, or
    ``(position, -1)`` for a text holding an ellipsis, which :func:`_longer_copy` looks at in full (it
    may be cut short). Eligibility is left to the caller."""
    starts = _sentence_starts(sentence_heads, keys, removed)
    found: list[tuple[int, int]] = []
    for position, block in enumerate(blocks):
        if position in removed or not keys[position] or not _may_be_held(block, sentence_heads[position], starts):
            continue
        if "…" in block.text or "..." in block.text:
            found.append((position, -1))
            continue
        other = _holder(keys, position, keys[position], starts)
        if other is not None:
            found.append((position, other))
    return starts, found


def _may_be_held(block: Block, heads: list[str], starts: dict[str, list[int]]) -> bool:
    """Cheap necessary condition for :func:`_longer_copy`: another block holds a
    sentence that starts like this block.

    A block's key opens with its first sentence's head when that sentence has
    START_WORDS words or more; a block only that head's own holder cannot be
    inside another one. Shorter first sentences and texts cut short ("…")
    are always checked in full.
    """
    first = heads[0] if heads else ""
    if first.count(" ") < START_WORDS - 1 or "…" in block.text or "..." in block.text:
        return True
    return len(starts.get(first, ())) > 1


def _document_keys(blocks: Sequence[Block]) -> tuple[list[str], list[list[str]]]:
    """Every block's key, and the first START_WORDS words of each of its sentences.

    The compiled helper (:mod:`declutter._speedups`, built with the package
    where a C compiler is at hand) computes exactly what
    :func:`_document_keys_python` does, some five times faster; the engine
    ``re`` (see :mod:`declutter.scan`) keeps to pure Python.
    """
    compiled = speedups()
    if compiled is not None:
        keys: tuple[list[str], list[list[str]]] = compiled.document_keys([block.text for block in blocks], START_WORDS)
        return keys
    return _document_keys_python(blocks)


def _document_keys_python(blocks: Sequence[Block]) -> tuple[list[str], list[list[str]]]:
    """:func:`_document_keys` in Python: a few passes over the whole text
    instead of regexes per block and per sentence; the keys equal
    ``normalize`` of each block."""
    joined = "\n".join(block.text.replace("\n", " ") for block in blocks)
    marked = _SENTENCE_MARK.sub("\x00", joined.replace("_", " ").replace("\x00", " "))
    lines = _words_and_spaces(marked).split("\n")
    sentence_keys = [[" ".join(part.split(None, START_WORDS)[:START_WORDS]) for part in line.split("\x00")]
                     for line in lines]
    keys = [" ".join(line.replace("\x00", " ").split()) for line in lines]
    return keys, sentence_keys


def _words_and_spaces(text: str) -> str:
    """``text`` case-folded, with every character that is neither a word
    character, white space nor NUL turned into a space.

    The runs of spaces this leaves differ from what ``_NON_WORD_LINE.sub``
    leaves, but every caller splits on white space, so the words are the
    same. Most texts are ASCII once their typographic quotes and dashes are
    blanked; for those a byte table does the work some three times faster
    than the regular expression.
    """
    for char in _TYPOGRAPHIC:
        if char in text:
            text = text.replace(char, " ")
    if text.isascii():
        return text.lower().encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    return _NON_WORD_LINE.sub(" ", text.casefold())


def _exact(blocks: Sequence[Block], keys: list[str], config: Config, removed: set[int]) -> Iterator[Selection]:
    # Each key's first position (filled backwards, so the first one is written last), without a call per key.
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    copies = [(position, first[key]) for position, key in enumerate(keys) if key and first[key] != position]
    copies = [(position, original) for position, original in copies
              if _eligible(blocks[position], keys[position], config)]
    if not copies:
        return
    counts = Counter(keys)
    in_run = _in_runs([position for position, _ in copies])
    for position, original in copies:
        why = _why_clutter(blocks, keys, position, counts, in_run, config)
        if why:
            removed.add(position)
            yield Selection(blocks[position], Reason.EXACT, f"copy of block {blocks[original].index} ({why})")


def _why_clutter(blocks: Sequence[Block], keys: list[str], position: int, counts: Counter[str],
                 in_run: set[int], config: Config) -> str:
    """Why a repeated block is clutter, or "" when it is natural repetition.

    Copies that stand together, a run of blocks repeated as a whole, a long
    paragraph printed exactly twice and captions are clutter; a line that
    recurs between different content (a questionnaire's question) is content,
    and so is a long line that is not a sentence and follows the same short
    label both times (a meal plan's "Breakfast" line on two days).
    """
    key = keys[position]
    if keys[position - 1] == key:
        return "next to its copy"
    if position in in_run:
        return "in a repeated run"
    if counts[key] == 2 and key.count(" ") + 1 >= config.duplicate_far_words \
            and not _structured_line(blocks[position], keys, position):
        return "long paragraph repeated"
    if is_caption(blocks[position], config):
        return "caption"
    return ""


#: A label ("Breakfast", "Day 2") has fewer words than this.
_LABEL_WORDS = 10


def _structured_line(block: Block, keys: list[str], position: int) -> bool:
    """A line of structured content, not a repeated lead: it is no sentence, and
    both copies follow the same short label (a meal plan's "Breakfast" line)."""
    label = keys[position - 1] if position else ""
    if not label or label.count(" ") + 1 >= _LABEL_WORDS or ends_like_sentence(block.text.strip()):
        return False
    first = keys.index(keys[position])
    return first > 0 and keys[first - 1] == label


def _eligible(block: Block, key: str, config: Config) -> bool:
    """Long enough to be clutter when repeated, or a caption."""
    return key.count(" ") + 1 >= config.duplicate_min_words or is_caption(block, config)


def _in_runs(copies: list[int]) -> set[int]:
    """Positions that belong to a run of at least RUN_BLOCKS consecutive copies."""
    found: set[int] = set()
    run: list[int] = []
    for position in [*copies, -2]:
        if run and position != run[-1] + 1:
            if len(run) >= RUN_BLOCKS:
                found.update(run)
            run = []
        run.append(position)
    return found


def _sentence_starts(sentence_heads: list[list[str]], keys: list[str], removed: set[int]) -> dict[str, list[int]]:
    """Map the first START_WORDS words of every sentence to the blocks holding it.

    A block is not listed under a head whose recent holders already hold
    two copies of its key: copies all answer :func:`_longer_copy` alike, and
    listing each of a line repeated thousands of times ("Reply") made every
    copy scan all the others, quadratic in the document. Two, because one may
    be the block asking.
    """
    starts: dict[str, list[int]] = {}
    for position, heads in enumerate(sentence_heads):
        if position in removed:
            continue
        for head in heads:
            holders = starts.setdefault(head, [])
            if holders and holders[-1] == position:
                continue
            # Short lists (nearly all) are taken as they are: a third copy only matters in long ones.
            recent = holders[-_COPY_WINDOW:]
            if len(holders) < 4 or sum(1 for other in recent if keys[other] == keys[position]) < 2:
                holders.append(position)
    return starts


def _longer_copy(block: Block, keys: list[str], position: int, starts: dict[str, list[int]],
                 config: Config) -> tuple[Reason, int] | None:
    """A (reason, position) of a longer block that holds this block's text."""
    reason, key = Reason.CONTAINED, keys[position]
    truncated = _cut_short(block.text)
    if truncated:
        reason, key = Reason.TRUNCATED, _truncated_key(block.text, truncated.start())
    if not key:
        return None
    other = _holder(keys, position, key, starts)
    if other is None:
        return None
    return (reason, other) if _eligible(block, key, config) else None


def _holder(keys: list[str], position: int, key: str, starts: dict[str, list[int]]) -> int | None:
    """The first block listed under ``key``'s head (of MAX_HOLDERS) that is longer and holds its words."""
    head = " ".join(key.split(" ", START_WORDS)[:START_WORDS])
    padded = f" {key} "
    for other in islice(starts.get(head, ()), MAX_HOLDERS):
        if other != position and len(keys[other]) > len(key) and padded in f" {keys[other]} ":
            return other
    return None


def _cut_short(text: str) -> re.Match[str] | None:
    """The trailing ellipsis of a text cut short, if any.

    Every ``_ELLIPSIS`` match holds "…" or "..."; testing for those first is
    some 30 times cheaper than the search (which starts with ``\\s*`` and so
    is tried at every space) and skips it for almost every block.
    """
    if "…" not in text and "..." not in text:
        return None
    return _ELLIPSIS.search(text)


def _truncated_key(text: str, cut: int) -> str:
    """The key of ``text[:cut]``, a text cut short: a word cut in half is dropped.

    >>> _truncated_key("meant to pu…", 11), _truncated_key("meant to …", 8)
    ('meant to', 'meant to')
    """
    key = normalize(text[:cut])
    if cut and text[cut - 1].isalnum() and not text[cut].isspace():
        key = key.rpartition(" ")[0]
    return key
