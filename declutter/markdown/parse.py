"""Markdown as blocks: markdown-it-py's block tokens and line maps, the visible text of each block.

A block is a top-level heading, paragraph, list item (a top-level list's
item, with whatever it nests), table, fenced or indented code block,
blockquote, HTML block or thematic break. Lines that no token covers (link
reference definitions, say) are one block of kind ``other``. Every block
keeps two texts:

* its **source**, the input's lines it spans, byte for byte (without the
  last line break): what the output is made of;
* its **visible text**, what a reader sees: link text and image alt text,
  never URLs, no Markdown syntax, soft line breaks as spaces. This is the
  :class:`~declutter.blocks.Block` text the filters read.

    >>> doc = parse_markdown("# Title\\n\\n* [Home](/)\\n* [News](/news)\\n\\nSee [the report](http://x.org/r).\\n")
    >>> [b.text for b in doc.blocks]
    ['Title', 'Home', 'News', 'See the report.']
    >>> doc.sources[1], str(doc.features[1].kind), doc.features[1].link_words
    ('* [Home](/)', 'item', 1)
    >>> doc.render([0, 3])
    '# Title\\n\\nSee [the report](http://x.org/r).\\n'

Code blocks (and any block that holds one, such as a list item or quote
with a fence inside) are :attr:`~declutter.blocks.Document.protected`:
never removed, never split.
"""

from __future__ import annotations

import gc
import html
import logging
import re
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, Literal

from declutter.blocks import Document, tagged_blocks
from declutter.scan import speedups

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.utils import EnvType

_BREAK = re.compile(r"\r\n|\r|\n")
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


class Kind(StrEnum):
    """What a block is; also its :attr:`~declutter.blocks.Block.tag`."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    TABLE = "table"
    CODE = "code"
    QUOTE = "quote"
    HTML = "html"
    RULE = "rule"
    OTHER = "other"


_KINDS = {"heading_open": Kind.HEADING, "paragraph_open": Kind.PARAGRAPH, "table_open": Kind.TABLE,
          "fence": Kind.CODE, "code_block": Kind.CODE, "blockquote_open": Kind.QUOTE, "html_block": Kind.HTML,
          "hr": Kind.RULE, "list_item_open": Kind.ITEM}
_LISTS = ("bullet_list_open", "ordered_list_open")


@dataclass(frozen=True, slots=True)
class Features:
    """What Markdown says about a block beyond its visible text.

    ``words`` counts the visible words outside images; ``link_words`` those
    inside links; ``alt_words`` the words of image alt texts. ``links`` and
    ``images`` count links and images, ``anchors`` the links to a place on
    the same page (``#main``). ``level`` is a heading's level (1-6), else 0.
    ``code`` is true for a code block or a block that holds one.
    """

    kind: Kind
    level: int = 0
    words: int = 0
    link_words: int = 0
    alt_words: int = 0
    links: int = 0
    images: int = 0
    anchors: int = 0
    code: bool = False

    @property
    def link_share(self) -> float:
        """Share of the visible words (outside images) that are link text; 0 for a block with none."""
        return self.link_words / self.words if self.words else 0.0

    @property
    def link_only(self) -> bool:
        """Every visible word is link text (and there is at least one link)."""
        return self.links > 0 and self.link_words == self.words

    @property
    def image_only(self) -> bool:
        """Images and nothing else a reader sees (linked images included)."""
        return self.images > 0 and self.words == 0


@dataclass(frozen=True, slots=True)
class MarkdownDocument(Document):
    """A Markdown input as blocks: visible text for the filters, source slices for the output."""

    sources: tuple[str, ...] = ()
    features: tuple[Features, ...] = ()

    def render(self, keep: Iterable[int]) -> str:
        """Rebuild the Markdown from the sources of the blocks in ``keep``."""
        return self.render_sorted(sorted(set(keep)))

    def render_sorted(self, kept: list[int]) -> str:
        """:meth:`render` for indexes already sorted and unique (the pipeline calls this one)."""
        if not kept:
            return self.prefix + self.suffix
        parts = [self.prefix, self.sources[kept[0]]]
        for prev, cur in pairwise(kept):
            parts.append(widest(self.separators[prev:cur]))
            parts.append(self.sources[cur])
        parts.append(self.suffix)
        return "".join(parts)


def widest(separators: Sequence[str]) -> str:
    """The separator with the most line breaks (the first one on ties), as text mode joins blocks."""
    if len(separators) == 1:
        return separators[0]
    return max(separators, key=lambda s: s.count("\n") + s.count("\r") - s.count("\r\n"))


@lru_cache(maxsize=8)
def parser(skip: frozenset[str] = frozenset()) -> MarkdownIt:
    """CommonMark with GFM tables and strikethrough (what crawlers' converters write).

    ``skip`` names block rules that cannot match the document at hand (see
    :func:`needless_rules`): they are left out of this parser's chains, and
    ``lheading`` is left as the one thing it does when it finds no underline.
    """
    from markdown_it import MarkdownIt

    # Block tokens and line maps only: the inline parser (links, emphasis) is three quarters of
    # markdown-it's time, and :func:`visible` reads what a reader sees of inline Markdown directly.
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])
    ruler = md.block.ruler
    for rule in ruler.__rules__:
        rule.fn = _no_underline if rule.name == "lheading" and rule.name in skip else _quiet(rule.fn)
    ruler.__compile__()
    chains = ruler.__cache__ or {}
    ruler.__cache__ = {chain: [_by_first_character([(rule.name, rule.fn) for rule in ruler.__rules__
                                                     if rule.enabled and (not chain or chain in rule.alt)
                                                     and rule.name not in skip - {"lheading"}])]
                       for chain in chains}
    _quick_tokens(md)
    _quick_normalize(md)
    return md


def _quick_normalize(md: MarkdownIt) -> None:
    """markdown-it's ``normalize`` core rule, run only on input it changes.

    It rewrites ``\\r\\n`` and ``\\r`` as ``\\n`` and NUL as U+FFFD with two
    regular expression passes over the whole input; most Markdown holds
    neither, and those passes were a tenth of the parse's own time.
    """
    for rule in md.core.ruler.__rules__:
        if rule.name == "normalize":
            rule.fn = _normalize_if_needed(rule.fn)
    md.core.ruler.__compile__()


def _normalize_if_needed(normalize: Callable[[StateCore], None]) -> Callable[[StateCore], None]:
    def quick(state: StateCore) -> None:
        if "\r" in state.src or "\0" in state.src:
            normalize(state)

    return quick


#: A line that can underline a setext heading: ``=`` or ``-`` marks alone, after any indent or quote marks
#: (in text without ``\r``). The first line is :data:`_FIRST_UNDERLINE`'s; every other one follows a ``\n``,
#: which the search jumps to in C (``^`` with ``re.MULTILINE`` is tried at every character).
_UNDERLINE = re.compile(r"\n[ \t>]*(?:=+|-+)[ \t]*(?=\n|\Z)")
_FIRST_UNDERLINE = re.compile(r"[ \t>]*(?:=+|-+)[ \t]*(?=\n|\Z)")


def needless_rules(md: str) -> frozenset[str]:
    """markdown-it block rules that no line of ``md`` can match, so :func:`parser` may leave them out.

    A table's header row holds a ``|``; a link reference definition holds
    ``]:``; a setext heading needs an underline (:data:`_UNDERLINE`; with
    ``\\r`` line breaks, which markdown-it rewrites first, the rule stays).
    Each rule gives up on other documents line after line: a table is tried
    on every line of every paragraph. The tokens are the same either way.

    >>> sorted(needless_rules("# T\\n\\nText\\n")), sorted(needless_rules("a | b\\n---|---\\n"))
    (['lheading', 'reference', 'table'], ['lheading', 'reference'])
    """
    skip = set()
    if "|" not in md:
        skip.add("table")
    if "]:" not in md:
        skip.add("reference")
    if "\r" not in md and not _FIRST_UNDERLINE.match(md) and not _UNDERLINE.search(md):
        skip.add("lheading")
    return frozenset(skip)


def _no_underline(state: StateBlock, line: int, end: int, silent: bool) -> bool:
    """markdown-it's ``lheading`` where no line is an underline: it fails, and (outside code) leaves
    ``state.parentType`` at ``"paragraph"`` as the rule does when it fails, so the parser's state
    after it is the rule's (the rules that read ``parentType`` set it first, but a plugin might not)."""
    if not state.is_code_block(line):
        state.parentType = "paragraph"
    return False


#: The fields of markdown-it's ``Token``, in order, that :func:`_quick_tokens` knows how to fill.
_TOKEN_FIELDS = ("type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup", "info",
                 "meta", "block", "hidden")


def _quick_tokens(md: MarkdownIt) -> None:
    """Make ``md``'s block parser push its tokens through :class:`_QuickState` (when ``Token`` still has the
    fields that class fills; otherwise markdown-it's own state is kept)."""
    import dataclasses

    from markdown_it.token import Token

    if tuple(f.name for f in dataclasses.fields(Token)) != _TOKEN_FIELDS:
        return
    block = md.block

    def parse(src: str, md: MarkdownIt, env: EnvType, outTokens: list[Token]) -> list[Token] | None:
        if not src:  # markdown-it's ParserBlock.parse, with the quicker state
            return None
        state = _state_class()(src, md, env, outTokens)
        block.tokenize(state, state.line, state.lineMax)
        return state.tokens

    block.parse = parse  # type: ignore[method-assign]


@lru_cache(maxsize=1)
def _state_class() -> type[StateBlock]:
    """markdown-it's block state with a quicker ``push`` (see :class:`_QuickState`)."""
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

    new = object.__new__

    class _QuickState(StateBlock):
        """markdown-it's block state whose ``push`` fills a new token's fields itself.

        ``Token(type, tag, nesting)`` runs a dataclass ``__init__`` with two
        dict factories and a ``__post_init__`` that turns its empty attrs
        into another empty dict: a third of the block parser's time on
        whole pages (a million tokens). The token is the same, field by
        field (the fields are checked in :func:`_quick_tokens`).
        """

        def push(self, ttype: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
            token = new(Token)
            token.type, token.tag, token.nesting, token.attrs, token.map = ttype, tag, nesting, {}, None
            token.children, token.content, token.markup, token.info = None, "", "", ""
            token.meta, token.block, token.hidden = {}, True, False
            if nesting < 0:
                self.level -= 1  # closing tag
            token.level = self.level
            if nesting > 0:
                self.level += 1  # opening tag
            self.tokens.append(token)
            return token

        def getLines(self, begin: int, end: int, indent: int, keepLastLF: bool) -> str:
            """markdown-it's ``getLines``; without an indent to take off, the lines' slices as they are
            (its loop over each line's leading whitespace stops at once then)."""
            if indent or begin >= end:
                return StateBlock.getLines(self, begin, end, indent, keepLastLF)
            src, starts, ends, last = self.src, self.bMarks, self.eMarks, end - 1
            tail = src[starts[last]:ends[last] + 1 if keepLastLF else ends[last]]
            if begin == last:
                return tail
            return "".join([src[starts[line]:ends[line] + 1] for line in range(begin, last)]) + tail

    if _quick_markers_fit(StateBlock, _QuickState):
        _QuickState.__init__ = _quick_init  # type: ignore[method-assign]
    return _QuickState


def _quick_init(self: StateBlock, src: str, md: MarkdownIt, env: EnvType, tokens: list[Token]) -> None:
    """markdown-it's ``StateBlock.__init__`` with the line markers from :func:`line_markers`.

    markdown-it finds each line's start, end and indent with a Python loop
    over every line and its leading whitespace; :func:`line_markers` gets
    the same lists from ``str.split`` and ``str.lstrip``. The other fields
    are markdown-it's starting values (:func:`_quick_markers_fit` checks
    that a state built by markdown-it has the same fields, equal ones).
    """
    self.src, self.md, self.env, self.tokens = src, md, env, tokens
    self.bMarks, self.eMarks, self.tShift, self.sCount, self.bsCount = line_markers(src)
    self.blkIndent, self.line, self.lineMax, self.tight, self.ddIndent, self.listIndent = 0, 0, 0, False, -1, -1
    self.parentType, self.level, self.result = "root", 0, ""
    self.lineMax = len(self.bMarks) - 1  # the last entry is markdown-it's fake line
    self._code_enabled = "code" in md.block.ruler.get_active_rules()


#: Texts whose markers :func:`_quick_markers_fit` compares (tabs, blank and whitespace-only last lines).
_MARKER_SAMPLES = ("", "a", "a\n", " \t a\n\tb\n  \n", "x\n \t", "  # t\n\n\t\t- i\n   \t\n>q")


def _quick_markers_fit(base: type[StateBlock], quick: type[StateBlock]) -> bool:
    """Whether :func:`_quick_init` builds the state markdown-it's ``__init__`` builds, field by field,
    on :data:`_MARKER_SAMPLES` (if markdown-it changes its state, its own ``__init__`` is kept)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    for sample in _MARKER_SAMPLES:
        theirs, ours = object.__new__(quick), object.__new__(quick)
        base.__init__(theirs, sample, md, {}, [])
        _quick_init(ours, sample, md, {}, [])
        if vars(theirs) != vars(ours):
            return False
    return True


def line_markers(src: str) -> tuple[list[int], list[int], list[int], list[int], list[int]]:
    """markdown-it's line markers of ``src``: each line's start and end offsets, its indent in characters
    and in columns (tabs to the next multiple of four), and zeros; then one fake line at the end.

    A last line of only spaces and tabs without a line break gets no marker, as in markdown-it.

    >>> line_markers("a\\n\\tb\\n")
    ([0, 2, 5], [1, 4, 5], [0, 1, 0], [0, 4, 0], [0, 0, 0])
    """
    pieces = src.split("\n")
    if not pieces[-1].strip(" \t"):
        pieces.pop()  # the empty text after a last line break, or a whitespace-only last line
    length = len(src)
    begins = [0]
    for piece in pieces:
        begins.append(begins[-1] + len(piece) + 1)
    begins[-1] = length
    ends = [begin + len(piece) for begin, piece in zip(begins, pieces, strict=False)] + [length]
    shifts = [len(piece) - len(piece.lstrip(" \t")) for piece in pieces]
    columns = [_columns(p[:shift]) for p, shift in zip(pieces, shifts, strict=True)] if "\t" in src else shifts
    return begins, ends, [*shifts, 0], [*columns, 0], [0] * len(begins)


def _columns(indent: str) -> int:
    """The width of an indent of spaces and tabs, a tab reaching the next multiple of four."""
    offset = 0
    for character in indent:
        offset += 4 - offset % 4 if character == "\t" else 1
    return offset


#: The characters a line (after its indent) must start with for each of markdown-it's block rules to
#: match it; rules not named here can match any line.
_FIRST = {"fence": "~`", "blockquote": ">", "hr": "*-_", "list": "*-+0123456789", "reference": "[",
          "html_block": "<", "heading": "#"}


def _by_first_character(rules: Sequence[tuple[str, Callable[..., bool]]]) -> Callable[..., bool]:
    """One rule that tries, in order, only those of ``rules`` that can match the line's first character.

    markdown-it tries every block rule on every line (and every terminating
    rule on every line of a paragraph or list) until one matches; each rule
    that needs a ``#``, ``>``, ``<``, a list marker or a fence first looks
    at the line's first character and gives up. Asking first skips those
    calls: the same rules match the same lines, a third fewer calls in all.
    """
    always = tuple(rule for name, rule in rules if name not in _FIRST)
    chosen = {char: tuple(rule for name, rule in rules if char in _FIRST.get(name, char))
              for char in "".join(_FIRST.get(name, "") for name, _ in rules)}

    def dispatch(state: StateBlock, line: int, end: int, silent: bool) -> bool:
        start = state.bMarks[line] + state.tShift[line]
        for rule in chosen.get(state.src[start:start + 1], always):  # noqa: SIM110 (any() and a generator: slower)
            if rule(state, line, end, silent):
                return True
        return False

    return dispatch


class _NoLog:
    """A logger that drops debug records without a call into :mod:`logging`."""

    def debug(self, *args: object) -> None:
        pass


def _quiet(rule: Callable[..., bool]) -> Callable[..., bool]:
    """``rule`` reading a logger that drops debug records: markdown-it's block rules log every entry
    unguarded (``LOGGER.debug(...)``, some millions of calls on a few hundred pages, a tenth of its
    time). The copy is this parser's own; markdown-it's module and other parsers keep their logging."""
    if not isinstance(rule, types.FunctionType) or not isinstance(rule.__globals__.get("LOGGER"), logging.Logger):
        return rule
    return types.FunctionType(rule.__code__, {**rule.__globals__, "LOGGER": _NoLog()}, rule.__name__,
                              rule.__defaults__, rule.__closure__)


def block_tokens(md: str) -> list[Token]:
    """:func:`parser`'s tokens of ``md``, with the cyclic garbage collector paused meanwhile."""
    with collector_paused():
        return parser(needless_rules(md)).parse(md)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a parse, as it was before afterwards.

    markdown-it makes a token (with its own dict and list) per block, and
    parsing makes a block, its features and texts; the collections those
    allocations set off walk every live object again and again: a third of
    markdown-it's time on whole pages. None of them holds a cycle, so nothing
    is left for the collector; it runs again as before once the parse
    returns (a caller that had paused it keeps it paused).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: A top-level block: its kind, its first line and the line after its last (markdown-it's numbering), its
#: tokens. A plain tuple: made for every block of every page, a dataclass cost five times as much.
_Segment = tuple["Kind", int, int, "Sequence[Token]"]
#: Kinds the hot loops test, as module constants (a lookup through the enum's metaclass costs ten times a
#: global name's).
_OTHER, _ITEM = Kind.OTHER, Kind.ITEM


def segments(tokens: Sequence[Token]) -> Iterator[_Segment]:
    """Top-level blocks in order: each top-level token range, each item of a top-level list.

    One pass over the tokens: a top-level block opens and closes at level 0
    (markdown-it's ``level`` counts the blocks open around a token), an item
    of a top-level list at level 1.
    """
    start = item = 0
    in_list = False
    kinds = _KINDS
    for position, token in enumerate(tokens):
        level = token.level
        if level > 1 or (level == 1 and not in_list):
            continue
        nesting = token.nesting
        if nesting == 1:
            if level:
                item = position
            else:
                start, in_list = position, token.type in _LISTS
        elif nesting == 0:
            if not level and token.map is not None:
                yield kinds.get(token.type, _OTHER), token.map[0], token.map[1], [token]
        elif level:
            opening = tokens[item]
            if opening.type == "list_item_open" and opening.map is not None:
                yield _ITEM, opening.map[0], opening.map[1], tokens[item:position + 1]
        else:
            opening = tokens[start]
            if not in_list and opening.map is not None:
                yield kinds.get(opening.type, _OTHER), opening.map[0], opening.map[1], tokens[start:position + 1]
            in_list = False


def parse_markdown(md: str) -> MarkdownDocument:
    """Split Markdown into blocks (see the module docstring); rendering all of them gives ``md`` back."""
    with collector_paused():
        return _parse(md)


def _parse(md: str) -> MarkdownDocument:
    source_lines = lines(md)
    offsets = list(accumulate(map(len, source_lines), initial=0))  # where each line starts in md
    texts: list[str] = []
    numbers: list[int] = []
    tags: list[str] = []
    sources: list[str] = []
    features: list[Features] = []
    separators: list[str] = []
    protected: set[int] = set()
    body_end, prefix = 0, ""  # where the last block's source ends (before its line breaks)
    shared: dict[_Values, Features] = {}
    count, compiled = word_counter(), compiled_scanner()
    for kind, start, end, tokens in spans(block_tokens(md), source_lines):
        begin = offsets[start]
        body = md[begin:offsets[end]].rstrip("\r\n")
        if texts:
            separators.append(md[body_end:begin])
        else:
            prefix = md[:begin]
        body_end = begin + len(body)
        text, feats = describe(kind, tokens, shared, count, compiled)
        if feats.code or feats.kind is _OTHER:
            protected.add(len(texts))
        texts.append(text)
        numbers.append(start + 1)
        tags.append(str(feats.kind))
        sources.append(body)
        features.append(feats)
    if not texts:
        return MarkdownDocument((), (), md, "")
    blocks = tagged_blocks(texts, numbers, tags)
    return MarkdownDocument(blocks, tuple(separators), prefix, md[body_end:],
                            protected=frozenset(protected), sources=tuple(sources), features=tuple(features))


def lines(md: str) -> list[str]:
    """The lines of ``md`` with their line breaks, numbered as markdown-it numbers them."""
    if "\r" not in md:
        lines = md.split("\n")
        last = lines.pop()
        return [line + "\n" for line in lines] + ([last] if last else [])
    lines = []
    start = 0
    for match in _BREAK.finditer(md):
        lines.append(md[start:match.end()])
        start = match.end()
    if start < len(md):
        lines.append(md[start:])
    return lines


def _blank(line: str) -> bool:
    """Blank as CommonMark sees it: spaces and tabs only."""
    return not line.strip(" \t\r\n")


def spans(tokens: Sequence[Token], lines: Sequence[str]) -> Iterator[_Segment]:
    """The segments with trailing blank lines trimmed, in order, without overlaps; lines no token
    covers that hold more than whitespace become ``other`` segments."""
    covered = 0
    for kind, first, stop, block in segments(tokens):
        start, end = max(first, covered), stop
        while end > start and not lines[end - 1].strip(" \t\r\n"):  # _blank, inline: a call per block
            end -= 1
        if end <= start:
            continue
        # One blank line between two segments (the most common gap) leaves nothing uncovered.
        if start > covered and (start > covered + 1 or lines[covered].strip(" \t\r\n")):
            yield from _uncovered(lines, covered, start)
        yield kind, start, end, block
        covered = end
    yield from _uncovered(lines, covered, len(lines))


def _uncovered(lines: Sequence[str], start: int, stop: int) -> Iterator[_Segment]:
    """Runs of non-blank lines between ``start`` and ``stop`` (link reference definitions, mostly)."""
    run_start = None
    for number in range(start, stop + 1):
        blank = number == stop or _blank(lines[number])
        if blank and run_start is not None:
            yield _OTHER, run_start, number, ()
            run_start = None
        elif not blank and run_start is None:
            run_start = number


def _count_words_python(text: str) -> int:
    return len(_WORD.findall(text))


def word_counter() -> Callable[[str], int]:
    """What counts a text's ``\\w+`` words: the compiled ``count_words`` where it was built (it makes no
    list of the words), else ``len(re.findall(...))``; the same counts."""
    compiled = speedups()
    return _count_words_python if compiled is None else compiled.count_words


#: What the compiled scanner gives for inline Markdown: its visible text and its counts (see :func:`visible`).
Seen = tuple[str, int, int, int, int, int, int]
#: The compiled scanner of inline Markdown: ``(content, html.unescape) -> Seen | None``.
Scan = Callable[[str, Callable[[str], str]], Seen | None]


def compiled_scanner() -> types.ModuleType | None:
    """The compiled helpers whose ``block_visible`` and ``inline_visible`` read inline Markdown, else None.

    They read inline Markdown made of plain text, links and images (with
    titles, escapes, emphasis and entities: most of it, menus, teasers,
    prose) in one pass in C and give back what :func:`visible` gathers (the
    visible text, the word, link-word and alt-word counts, links, images,
    anchors); ``block_visible`` also reads a block of one paragraph or
    heading whole (:func:`describe`). For anything else (code spans, tags,
    autolinks, reference links, escaped brackets, orphan link tails) they
    give None and :func:`visible` reads the text: the same output, which
    ``tests/test_markdown_scan.py`` checks.
    """
    return speedups()


@dataclass(slots=True)
class _Counts:
    """Visible text and word counts gathered while walking a block's tokens."""

    #: Counts the ``\w+`` words of a text (:func:`word_counter`).
    count: Callable[[str], int]
    parts: list[str] = field(default_factory=list)
    words: int = 0
    link_words: int = 0
    alt_words: int = 0
    links: int = 0
    images: int = 0
    anchors: int = 0
    code: bool = False

    def add(self, text: str, link: bool = False) -> None:
        """Visible text outside images (inside a link when ``link``)."""
        words = self.count(text)
        self.words += words
        self.link_words += words if link else 0
        self.parts.append(text)

    def inline(self, content: str, scan: Scan | None) -> None:
        """The visible text of inline Markdown ``content``: the compiled scanner's, or :func:`visible`'s."""
        seen = None if scan is None else scan(content, html.unescape)
        if seen is None:
            visible(content, self)
            return
        text, words, link_words, alt_words, links, images, anchors = seen
        self.parts.append(text)
        self.words += words
        self.link_words += link_words
        self.alt_words += alt_words
        self.links += links
        self.images += images
        self.anchors += anchors


#: ``Kind.TABLE`` as a module constant (a lookup through the enum's metaclass costs ten times a global name's).
_TABLE = Kind.TABLE
#: The token types :func:`describe` reads; it passes over the others.
_READ = frozenset({"inline", "code_block", "fence", "html_block", "heading_open"})
#: A :class:`Features`' fields, in order.
_Values = tuple[Kind, int, int, int, int, int, int, int, bool]


def describe(kind: Kind, tokens: Sequence[Token], shared: dict[_Values, Features],
             count: Callable[[str], int] = _count_words_python,
             compiled: types.ModuleType | None = None) -> tuple[str, Features]:
    """The visible text of a segment (its kind and tokens, see :func:`segments`) and its :class:`Features`.

    ``shared`` holds the document's features by value: most blocks of a page
    have the same features as an earlier one (a menu's items, short
    paragraphs without links), and a frozen :class:`Features` is slow to
    build, so equal ones are one object. It lives as long as one parse.
    ``count`` counts words (:func:`word_counter`); ``compiled`` holds the
    compiled scanners of inline Markdown (:func:`compiled_scanner`), if any:
    a block of one paragraph or heading is then read in one call.
    """
    quick = None
    if compiled is not None and kind is not _TABLE:
        quick = compiled.block_visible(tokens, kind, html.unescape)
    if quick is None:
        quick = _described(kind, tokens, count, None if compiled is None else compiled.inline_visible)
    text, values = quick
    feats = shared.get(values)
    if feats is None:
        feats = shared[values] = Features(*values)
    return text, feats


def _described(kind: Kind, tokens: Sequence[Token], count: Callable[[str], int],
               scan: Scan | None) -> tuple[str, _Values]:
    """The visible text and the :class:`Features` values of a segment, token by token."""
    counts = _Counts(count)
    level = 0
    for token in tokens:
        ttype = token.type
        if ttype not in _READ:
            continue  # opening and closing tokens of paragraphs, items, lists, quotes, tables
        if ttype == "inline":
            counts.inline(token.content, scan)
            counts.parts.append(" | " if kind is _TABLE else " ")
        elif ttype == "code_block" and is_indented_list(token.content):
            kind = _ITEM  # a converter's nested list indented by four spaces, not code
            for line in token.content.splitlines():
                counts.inline(_MARKER.sub("", line, count=1), scan)
                counts.parts.append(" ")
        elif ttype in ("fence", "code_block"):
            counts.code = True
            counts.add(token.content)
        elif ttype == "html_block":
            counts.add(_unescape(_TAG.sub(" ", token.content)))
        elif ttype == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
    text = " ".join("".join(counts.parts).split())  # runs of whitespace as one space, none at the ends
    text = text.strip(" |") if kind is _TABLE else text
    return text, (kind, level, counts.words, counts.link_words, counts.alt_words, counts.links, counts.images,
                  counts.anchors, counts.code)


#: A list item's marker or a heading's marks at the start of a line.
_MARKER = re.compile(r"^[ \t]*(?:[*+-]|\d{1,9}[.)]|#{1,6})(?=[ \t]|$)")
#: A line of Markdown, not code: a list item, a heading or a link (or image) first.
_MARKDOWN_LINE = re.compile(r"^[ \t]*(?:(?:[*+-]|\d{1,9}[.)]|#{1,6})(?:[ \t]|$)|!?\[)")


def is_indented_list(content: str) -> bool:
    """An indented code block that is a converter's Markdown (a nested list of links), not code.

    html2text and trafilatura indent nested lists and link lines by four
    spaces; after a blank line CommonMark reads that as an indented code
    block. It is Markdown when every line opens with a list marker, a
    heading mark or a link, and at least half the lines hold a Markdown
    link. A fenced block is always code.

    >>> is_indented_list("* [Home](/)\\n  * [News](/news)\\n"), is_indented_list("x = [1](2)\\n")
    (True, False)
    """
    rows = [line for line in content.splitlines() if line.strip()]
    if not rows or not all(_MARKDOWN_LINE.match(line) for line in rows):
        return False
    return sum("](" in line for line in rows) * 2 >= len(rows)


_DEST = r"(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*"
_BRACKETED = r"\[((?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\])*)\]"
#: Inline syntax that changes what a reader sees: code spans, images, links (inline and reference),
#: autolinks and raw tags; and escapes, so that ``\\[a\\](x)`` is text, not a link. Everything else is text.
#: Each alternative's first character (a backslash, a backtick, ``!``, ``[`` or ``<``) stands before its
#: named group, so the compiled pattern skips to the next of those characters at C speed instead of trying
#: every position; the alternative that matched is ``match.lastgroup``.
_INLINE = re.compile(
    r"\\(?P<escape>[!-/:-@\[-`{-~])"
    rf"|`(?P<code>(?P<ticks>`*)(?P<codetext>.+?)(?<!`)`(?P=ticks)(?!`))"
    rf"|!(?P<image>{_BRACKETED}(?:\({_DEST}\)|\[[^\]\n]*\]))"
    rf"|\[(?P<link>{_BRACKETED.replace('(', '(?P<text>', 1)[2:]}(?:\((?P<dest>{_DEST})\)|\[[^\]\n]*\]))"
    r"|<(?P<auto>(?:[a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>)"
    r"|<(?P<tag>/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)", re.DOTALL)
#: The group of an image's alt text (the first group inside ``image``).
_ALT = _INLINE.groupindex["image"] + 1
#: Whether a text may hold what :data:`_INLINE` matches (a quick test that skips most plain text).
_MAY_HOLD_SYNTAX = re.compile(r"[\\`\[<]").search
#: Whether a text may be other than what a reader sees: inline syntax, an orphan link tail (``]``), a line
#: break, emphasis marks or an entity. Text without any of those is its own visible text (most link texts).
_MAY_NOT_BE_PLAIN = re.compile(r"[\\`\[<\]\n*_~&]").search
_ORPHAN = re.compile(rf"(?<!\\)\]\({_DEST}\)")
#: Emphasis marks: a run of ``*``/``~`` or of ``_`` that opens (no word character or mark before it, text after
#: it) or closes (text before it, no word character or mark after it). Each alternative opens with its mark as a
#: literal and asserts what stood before the run once past its first mark (``(?<!\w.)``: not a word character
#: before that mark), so the compiled pattern skips to the next mark in C instead of trying every position.
#: The same matches as ``(?<![\w*~])[*~]+(?=\S)|(?<=\S)[*~]+(?![\w*~])|(?<!\w)_+(?=\S)|(?<=\S)_+(?!\w)``.
_EMPHASIS = re.compile(r"\*(?<![\w*~].)[*~]*(?=\S)|~(?<![\w*~].)[*~]*(?=\S)"
                       r"|\*(?<=\S.)[*~]*(?![\w*~])|~(?<=\S.)[*~]*(?![\w*~])"
                       r"|_(?<!\w.)_*(?=\S)|_(?<=\S.)_*(?!\w)")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")


def visible(content: str, counts: _Counts, link: bool = False) -> None:
    """Add the visible text of inline Markdown ``content`` to ``counts``: link text, image alt text,
    code span text; never URLs, tags or emphasis marks."""
    if not _MAY_HOLD_SYNTAX(content):
        _text(content, counts, link)
        return
    position = 0
    for match in _INLINE.finditer(content):
        syntax = match.lastgroup
        if syntax == "escape":
            continue  # a literal character: part of the text around it
        start = match.start()
        if start > position:
            _text(content[position:start], counts, link)
        position = match.end()
        if syntax == "code":
            counts.add(match.group("codetext").strip(), link)
        elif syntax == "image":
            counts.images += 1
            alt = _plain(match.group(_ALT))
            counts.alt_words += counts.count(alt)
            counts.parts.append(alt)
        elif syntax == "link":
            counts.links += 1
            counts.anchors += (match.group("dest") or "").lstrip("<").startswith("#")
            visible(match.group("text"), counts, link=True)
        elif syntax == "auto":
            counts.links += 1
    if position < len(content):
        _text(content[position:], counts, link)


def _text(text: str, counts: _Counts, link: bool) -> None:
    """Plain inline text; the text before an orphan link tail (``Help](/help)``, a converter's
    link whose ``[`` went missing) is that link's text, and the tail is not visible."""
    if not _MAY_NOT_BE_PLAIN(text):
        counts.add(text, link)  # what _plain would give back, without its call
        return
    if "](" not in text:
        counts.add(_plain(text), link)
        return
    position = 0
    for match in _ORPHAN.finditer(text):
        counts.links += 1
        counts.add(_plain(text[position:match.start()]), link=True)
        position = match.end()
    counts.add(_plain(text[position:]), link)


def _plain(text: str) -> str:
    """Text without emphasis marks and escapes, with entities decoded."""
    if "\n" in text:
        text = _HARD_BREAK.sub(" ", text).replace("\n", " ")
    if "\\" in text:  # escaped characters are literal: emphasis marks go around them only
        pieces = _ESCAPE.split(text)
        text = "".join(_EMPHASIS.sub("", piece) if i % 2 == 0 else piece for i, piece in enumerate(pieces))
    elif "*" in text or "_" in text or "~" in text:
        text = _EMPHASIS.sub("", text)
    return _unescape(text)


def _unescape(text: str) -> str:
    return html.unescape(text) if "&" in text else text
