"""Documents as ordered blocks: the one model shared by text and HTML input.

A text document is split at line breaks (``\\n``, ``\\r\\n`` or ``\\r``). Every line
that holds more than whitespace is a :class:`Block`; everything between two
blocks (line breaks and blank lines) is a *separator* and is kept verbatim, as
are the leading and trailing whitespace of the document.

Rendering a document with some blocks left out joins the kept blocks with the
widest original separator that stood between them, so removing three caption
lines between two paragraphs leaves exactly one blank line, as in the input::

    >>> doc = split_text("Title\\n\\nCaption\\nCaption\\n\\nBody\\n")
    >>> [b.text for b in doc.blocks]
    ['Title', 'Caption', 'Caption', 'Body']
    >>> doc.render([0, 3])
    'Title\\n\\nBody\\n'

Every character of the output is a character of the input, in input order:
blocks are never edited, only left out.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from itertools import pairwise
from typing import Any

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


_NO_HINTS: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a document: a line of text, or a block-level HTML element.

    ``index`` is the block's position in the input document (0-based) and is
    what removals refer to. ``text`` is exactly as in the input. ``tag`` and
    ``hints`` (class/id tokens, lower-cased) are set in HTML mode only.
    """

    index: int
    text: str
    line: int = 0
    tag: str | None = None
    #: One shared empty set by default (frozen, so sharing is safe; cheaper than a factory per block).
    hints: frozenset[str] = _NO_HINTS


@dataclass(frozen=True, slots=True)
class Document:
    """An input split into blocks, plus the whitespace needed to rebuild it."""

    blocks: tuple[Block, ...]
    separators: tuple[str, ...]
    prefix: str = ""
    suffix: str = ""
    #: Indices of blocks the input format says are never removed (Markdown code blocks).
    protected: frozenset[int] = frozenset()

    def render(self, keep: Iterable[int]) -> str:
        """Rebuild the text from the blocks whose index is in ``keep``.

        Keeping every block gives back the input byte for byte.
        """
        return self.render_sorted(sorted(set(keep)))

    def render_sorted(self, kept: list[int]) -> str:
        """:meth:`render` for indexes already sorted and unique."""
        if not kept:
            return self.prefix + self.suffix
        blocks, separators = self.blocks, self.separators
        parts = [self.prefix, blocks[kept[0]].text]
        for prev, cur in pairwise(kept):
            parts.append(separators[prev] if cur == prev + 1 else _widest(separators[prev:cur]))
            parts.append(blocks[cur].text)
        parts.append(self.suffix)
        return "".join(parts)


def _widest(separators: tuple[str, ...]) -> str:
    """The separator with the most line breaks (the first one on ties)."""
    if len(separators) == 1:
        return separators[0]
    return max(separators, key=_line_breaks)


def _line_breaks(separator: str) -> int:
    return separator.count("\n") + separator.count("\r") - separator.count("\r\n")


def split_text(text: str) -> Document:
    """Split plain text into line blocks and the separators between them."""
    if "\r" in text:
        return _split_any_breaks(text)
    return _split_lf(text)


def _split_lf(text: str) -> Document:
    """:func:`split_text` for text whose only line break is ``\\n`` (nearly all
    text): ``str.split`` instead of a regular expression, some twice as fast."""
    lines = text.split("\n")
    numbers = [number for number, piece in enumerate(lines) if piece and not piece.isspace()]  # (no strip copy)
    if not numbers:
        return Document((), (), text, "")
    separators = ["\n" if number == previous + 1 else "\n" + "\n".join(lines[previous + 1:number]) + "\n"
                  for previous, number in pairwise(numbers)]
    prefix = "".join(blank + "\n" for blank in lines[:numbers[0]])
    last = numbers[-1]
    suffix = "\n" + "\n".join(lines[last + 1:]) if last + 1 < len(lines) else ""
    return Document(_line_blocks(lines, numbers), tuple(separators), prefix, suffix)


def _line_blocks(lines: list[str], numbers: list[int]) -> tuple[Block, ...]:
    """``Block(i, lines[number], number + 1)`` for the i-th of ``numbers``: in C where the compiled
    helpers were built (``_speedups.line_blocks``, the same blocks), else :func:`_line_blocks_python`."""
    scan = sys.modules.get("declutter.scan")  # not imported here: it imports this module
    compiled = scan.speedups() if scan is not None else None
    if compiled is not None:
        made: tuple[Block, ...] = compiled.line_blocks(Block, _SLOTS, lines, numbers, _NO_HINTS)
        return made
    return _line_blocks_python(lines, numbers)


def _line_blocks_python(lines: list[str], numbers: list[int]) -> tuple[Block, ...]:
    """:func:`_line_blocks`, made without the dataclass's ``__init__`` (a frozen dataclass sets each field
    through ``object.__setattr__``, which was most of the cost of splitting): some 40% cheaper."""
    new, index, text, line, tag, hints = _MAKE
    blocks = []
    for position, number in enumerate(numbers):
        block = new(Block)
        index(block, position)
        text(block, lines[number])
        line(block, number + 1)
        tag(block, None)
        hints(block, _NO_HINTS)
        blocks.append(block)
    return tuple(blocks)


def tagged_blocks(texts: Sequence[str], lines: Sequence[int], tags: Sequence[str]) -> tuple[Block, ...]:
    """Blocks numbered from 0 with these texts, line numbers and tags, made as :func:`_line_blocks_python`
    makes them (half the cost of the dataclass's ``__init__``)."""
    new, index, text, line, tag, hints = _MAKE
    blocks = []
    for position, (body, number, name) in enumerate(zip(texts, lines, tags, strict=True)):
        block = new(Block)
        index(block, position)
        text(block, body)
        line(block, number)
        tag(block, name)
        hints(block, _NO_HINTS)
        blocks.append(block)
    return tuple(blocks)


#: What :func:`_line_blocks` makes a block with: ``Block.__new__``, and each field's slot setter in field order.
_MAKE: tuple[Any, ...] = (Block.__new__, *(getattr(Block, field.name).__set__ for field in fields(Block)))
#: The slots of Block's fields, in field order, for the compiled ``line_blocks``.
_SLOTS = tuple(getattr(Block, field.name) for field in fields(Block))


def _split_any_breaks(text: str) -> Document:
    """:func:`split_text` for any mix of ``\\n``, ``\\r\\n`` and ``\\r``."""
    pieces = _LINE_BREAK.split(text)
    blocks: list[Block] = []
    separators: list[str] = []
    pending: list[str] = []
    prefix = ""
    line = 1
    for position, piece in enumerate(pieces):
        if position % 2 or not piece.strip():
            pending.append(piece)
            if position % 2:
                line += 1
            continue
        gap = "".join(pending)
        pending.clear()
        if blocks:
            separators.append(gap)
        else:
            prefix = gap
        blocks.append(Block(len(blocks), piece, line))
    suffix = "".join(pending)
    if not blocks:
        return Document((), (), text, "")
    return Document(tuple(blocks), tuple(separators), prefix, suffix)
