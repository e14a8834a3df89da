r"""Required literals: plain strings that every match of a regular expression contains.

The first pass over a document (:mod:`declutter.scan`) needs, for each
vocabulary pattern, a few plain strings such that the pattern can only match
a line holding one of them. This module reads them off the pattern's syntax
tree (the parser of :mod:`re` itself), so they follow the vocabulary files as
they change: nothing is listed by hand. Where some branch of a pattern holds
no such string (a branch of a name and free text), the answer says so and
the pattern is a candidate on every line: the result may let too many lines
through, never too few.

A :class:`Trigger` is a literal and where it stands: an ``anchored`` one
starts the (stripped) line, after any :data:`DECORATION` characters; the
others may stand anywhere. Letters of an ``ignore_case`` literal match in any
case::

    >>> [t.text for t in literals(r"^(?i:more from) [^\n]{1,60}", anchored=True).triggers]
    ['more from ']
    >>> literals(r"^[A-Z][a-z]+ says$", anchored=True).triggers
    (Trigger(text=' says', anchored=False, ignore_case=False),)
    >>> literals(r"^\w+$", anchored=True).always
    True

How it reads a pattern: for each piece it keeps the set of all strings the
piece matches when that set is small (``exact``; ``\d`` stands for the ten ASCII digits, the first
pass folds the other decimal digits to them), the strings every match
starts and ends with (``prefix``, ``suffix``), and a ``cover``, strings one of
which every match contains. A row of pieces takes the rarest cover among its
pieces' covers and the joints of one's suffixes with the next's prefixes;
alternatives take the union. Look-arounds and anchors match no text and add
nothing; anything it cannot read (``\w``, ``.``, a back-reference) is unknown.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

try:  # the parser of ``re`` is private: without it no literal is known, and every pattern is always a candidate
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a Python without them
    _c = _parser = None

_IGNORECASE = int(re.IGNORECASE)
#: An exact, prefix or suffix set built as a product larger than this is given up.
SET_LIMIT = 256
#: A union of alternatives' sets larger than this is given up.
UNION_LIMIT = 4096
#: Alternatives followed one by one from the start of a pattern, at most.
BRANCH_LIMIT = 2048
#: Characters of a class listed one by one, at most.
CLASS_LIMIT = 24
#: What standing at the line start adds to a literal's weight (see :func:`_char_weight`): about two
#: letters' worth, so an anchored literal wins over one anywhere that is up to two letters longer.
ANCHOR_WEIGHT = 4


class Trigger(NamedTuple):
    """A literal some match must contain: at the line start (``anchored``) or anywhere."""

    text: str
    anchored: bool
    ignore_case: bool


@dataclass(frozen=True)
class Literals:
    """What the matches of a pattern contain.

    ``always`` means some branch holds no literal at all: the pattern is a
    candidate on every line. Otherwise a line can only match if one of
    ``triggers`` is found in it.
    """

    triggers: tuple[Trigger, ...]
    always: bool
    #: A second test, where one helps: a line can only match if it also holds one of these (each branch
    #: of the pattern gives a cover of its own besides its triggers, from another piece where it can;
    #: empty: no second test).
    required: tuple[Trigger, ...] = ()


def _whitespace() -> frozenset[str]:
    r"""The characters ``\s`` matches (all below U+3001; ``tests/test_scan.py`` checks the rest)."""
    return frozenset(re.findall(r"\s", "".join(map(chr, range(0x3001)))))


WHITESPACE = _whitespace()
#: Characters an anchored literal may stand after: white space and the decoration runs that open
#: chrome patterns ("| Close", "» More"). A line is also looked at with them stripped from its start.
DECORATION = WHITESPACE | frozenset("|•·»›>:-–—*#")


def literals(pattern: str, anchored: bool) -> Literals:
    """The :class:`Literals` of ``pattern``, used with ``match`` (``anchored``) or ``search``."""
    if _parser is None:
        return Literals((), True)
    try:
        tree = _parser.parse(pattern)
    except Exception:  # not a pattern re can read: always a candidate (re will say what is wrong)
        return Literals((), True)
    flags = int(tree.state.flags)
    required: set[Trigger] = set()
    with _MEMO_LOCK:  # the same piece is read again and again (each branch's rest, the second covers)
        _MEMO[0] = {}
        try:
            found = _triggers([(op, av, flags) for op, av in tree], anchored, _NOTHING, [BRANCH_LIMIT], required)
        finally:
            _MEMO[0] = None
    if found is None:
        return Literals((), True)
    return Literals(tuple(sorted(found)), False, () if required <= found else tuple(sorted(required)))


# ------------------------------------------------------------------ literals

#: A literal under construction: its text as written, whether case is ignored
#: somewhere in it, and how rare it is (its weight, see :func:`_char_weight`).
#: Plain tuples: the products of :func:`_product` build many of them.
_Lit = tuple[str, bool, int]
LitSet = frozenset[_Lit]
_EMPTY: _Lit = ("", False, 0)
#: Punctuation common in prose: a literal made of these picks many lines.
_COMMON_MARKS = frozenset(" .,;:!?'\"()-/")


@lru_cache(maxsize=4096)
def _lit(char: str, ignore_case: bool) -> _Lit:
    """One character of a literal (case matters for it only if it is a letter)."""
    ci = ignore_case and not (char.isascii() and not char.isalpha())
    return (char, ci, _char_weight(char, ci))


def _char_weight(char: str, ignore_case: bool) -> int:
    """How much a character adds to a literal's rarity in web text: little for
    a space or common punctuation, more for a letter or digit, more still for
    a capital that must match as such, most for anything else ("©", "@")."""
    if char in _COMMON_MARKS:
        return 1
    if char.isascii() and (char.isdigit() or char.islower() or (char.isalpha() and ignore_case)):
        return 2
    if char.isascii() and char.isupper():
        return 3
    return 4


def _join(run: list[_Lit]) -> _Lit:
    return "".join(lit[0] for lit in run), any(lit[1] for lit in run), sum(lit[2] for lit in run)


def _product(a: LitSet | None, b: LitSet | None, limit: int = SET_LIMIT) -> LitSet | None:
    """Every literal of ``a`` followed by every literal of ``b`` (None when unknown or too many)."""
    if a is None or b is None or len(a) * len(b) > limit:
        return None
    return frozenset((x[0] + y[0], x[1] or y[1], x[2] + y[2]) for x in a for y in b)


@lru_cache(maxsize=8192)
def _score(cover: LitSet | None) -> tuple[int, int]:
    """How well a cover picks lines: the weight of its weakest literal, then the fewer the better."""
    if not cover:
        return (-1, 0)
    weakest = min(lit[2] for lit in cover)
    return (weakest if weakest > 0 else -1, -len(cover))


def _product_score(a: LitSet | None, b: LitSet | None) -> tuple[int, int]:
    """The :func:`_score` of :func:`_product` of ``a`` and ``b``, without building it."""
    if not a or not b or len(a) * len(b) > SET_LIMIT:
        return (-1, 0)
    weakest = min(x[2] for x in a) + min(y[2] for y in b)
    return (weakest if weakest > 0 else -1, -len(a) * len(b))


def _has_empty(lits: LitSet | None) -> bool:
    return lits is None or any(not lit[0] for lit in lits)


# ------------------------------------------------------------------ analysis


class _Info(NamedTuple):
    """What is known of a piece of pattern (see the module docstring); None: not known."""

    exact: LitSet | None
    prefix: LitSet | None
    suffix: LitSet | None
    cover: LitSet | None


_UNKNOWN = _Info(None, None, None, None)
_NOTHING = _Info(frozenset({_EMPTY}), frozenset({_EMPTY}), frozenset({_EMPTY}), None)


def _set_info(lits: LitSet) -> _Info:
    return _Info(lits, lits, lits, None if _has_empty(lits) else lits)


def _concat(a: _Info, b: _Info) -> _Info:
    """What is known of ``a`` followed by ``b``."""
    exact = _product(a.exact, b.exact)
    prefix = (_product(a.exact, b.prefix) or a.exact) if a.exact is not None else a.prefix
    suffix = (_product(a.suffix, b.exact) or b.exact) if b.exact is not None else b.suffix
    cover = max((exact, a.cover, b.cover), key=_score)
    if _product_score(a.suffix, b.prefix) > _score(cover):
        cover = _product(a.suffix, b.prefix)
    return _Info(exact, prefix, suffix, cover if _score(cover)[0] > 0 else None)


def _union(a: LitSet | None, b: LitSet | None, limit: int) -> LitSet | None:
    if a is None or b is None or len(a) + len(b) > limit:
        return None
    return a | b


def _alternatives(infos: list[_Info]) -> _Info:
    exact, prefix, suffix, cover = infos[0]
    for info in infos[1:]:
        exact = _union(exact, info.exact, SET_LIMIT)
        prefix = _union(prefix, info.prefix, UNION_LIMIT)
        suffix = _union(suffix, info.suffix, UNION_LIMIT)
        cover = _union(cover, info.cover, UNION_LIMIT)
    return _Info(exact, prefix, suffix, None if _has_empty(cover) else cover)


#: What ``\d`` stands for here. Other decimal digits ("٣", "३") match ``\d`` too: the first pass
#: (:mod:`declutter.scan`) folds them to these before it scans.
DIGITS = "0123456789"


def _class_chars(items: list[tuple[Any, Any]]) -> list[str] | None:
    """The characters a class (``IN``) matches, when it lists a few of them plainly (``\\d``: :data:`DIGITS`)."""
    if len(items) > CLASS_LIMIT:
        return None
    chars: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < CLASS_LIMIT:
            chars.extend(map(chr, range(av[0], av[1] + 1)))
        elif op is _c.CATEGORY and av is _c.CATEGORY_DIGIT:
            chars.extend(DIGITS)
        else:
            return None  # a category, a negation or a wide range
    return chars if len(chars) <= CLASS_LIMIT else None


#: While :func:`literals` reads a pattern: what :func:`_node` found for each node of its tree, by the
#: node's operator, the identity of its argument (the tree is alive meanwhile) and its flags.
_MEMO: list[dict[tuple[Any, int, int], _Info] | None] = [None]
_MEMO_LOCK = threading.Lock()


def _node(op: Any, av: Any, flags: int) -> _Info:
    """What is known of one node of the parser's tree (once per node and flags while a pattern is read)."""
    memo = _MEMO[0]
    if memo is None:
        return _read_node(op, av, flags)
    key = (op, id(av), flags)
    known = memo.get(key)
    if known is None:
        known = memo[key] = _read_node(op, av, flags)
    return known


def _read_node(op: Any, av: Any, flags: int) -> _Info:
    """:func:`_node`, read."""
    if op is _c.IN:
        chars = _class_chars(av)
        ignore_case = bool(flags & _IGNORECASE)
        return _UNKNOWN if chars is None else _set_info(frozenset(_lit(ch, ignore_case) for ch in chars))
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _NOTHING  # zero-width: it asks something of the text but matches none of it
    if op in (_c.SUBPATTERN, _c.ATOMIC_GROUP):  # an atomic group matches a subset of the plain one's matches
        sub, sub_flags = (av, flags) if op is _c.ATOMIC_GROUP else (av[3], (flags | av[1]) & ~av[2])
        return _chain((o, a, sub_flags) for o, a in sub)
    if op is _c.BRANCH:
        return _alternatives([_chain((o, a, flags) for o, a in branch) for branch in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _repeat(av[0], av[1], _chain((o, a, flags) for o, a in av[2]))
    return _UNKNOWN  # any character, a negated one, a category, a back-reference…


def _repeat(low: int, high: int, item: _Info) -> _Info:
    """``item`` repeated ``low`` to ``high`` times (a possessive or lazy repeat matches no more strings)."""
    if high == 0:
        return _NOTHING
    if low == 0:
        if high == 1 and item.exact is not None:
            options = item.exact | {_EMPTY}
            return _Info(options, options, options, None)
        return _UNKNOWN
    exact = None
    if low == high and item.exact is not None:
        exact = item.exact
        for _ in range(low - 1):
            exact = _product(exact, item.exact)
    return _Info(exact, item.prefix, item.suffix, item.cover)


def _chain(items: Iterable[tuple[Any, Any, int]]) -> _Info:
    """What is known of items in a row; runs of single characters are joined first (fewer products)."""
    info = _NOTHING
    run: list[_Lit] = []
    for op, av, flags in items:
        if op is _c.LITERAL:
            run.append(_lit(chr(av), bool(flags & _IGNORECASE)))
            continue
        if run:
            info, run = _concat(info, _set_info(frozenset({_join(run)}))), []
        info = _concat(info, _node(op, av, flags))
    if run:
        info = _concat(info, _set_info(frozenset({_join(run)})))
    return info


# ------------------------------------------------------------------ triggers

_Item = tuple[Any, Any, int]


def _open(items: list[_Item]) -> list[_Item]:
    """Open the groups that start ``items`` (each item keeps its own flags), so that
    a branch at the start of a group can be followed branch by branch."""
    while items and items[0][0] in (_c.SUBPATTERN, _c.ATOMIC_GROUP):
        op, av, flags = items[0]
        if op is _c.ATOMIC_GROUP:
            head = [(o, a, flags) for o, a in av]
        else:
            head = [(o, a, (flags | av[1]) & ~av[2]) for o, a in av[3]]
        items = head + items[1:]
    return items


def _is_decoration(op: Any, av: Any) -> bool:
    r"""Whether a node is an optional run of :data:`DECORATION` characters (``[\s|•]*``)."""
    if op not in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) or av[0] != 0 or len(av[2]) != 1:
        return False
    inner_op, inner_av = av[2][0]
    if inner_op is _c.LITERAL:
        return chr(inner_av) in DECORATION
    if inner_op is not _c.IN:
        return False
    for item_op, item_av in inner_av:
        if item_op is _c.CATEGORY:
            if item_av not in (_c.CATEGORY_SPACE, _c.CATEGORY_UNI_SPACE):
                return False
            continue
        listed = _class_chars([(item_op, item_av)])
        if listed is None or not DECORATION.issuperset(listed):
            return False
    return True


def _strip_start(items: list[_Item]) -> list[_Item]:
    """Drop what may open an anchored match before its first literal: ``^``,
    look-arounds, optional decoration runs."""
    while True:
        items = _open(items)
        if not items:
            return items
        op, av, _ = items[0]
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT) or _is_decoration(op, av):
            items = items[1:]
            continue
        return items


def _triggers(items: list[_Item], anchored: bool, tail: _Info, budget: list[int],
              required: set[Trigger], after: tuple[_Item, ...] = ()) -> set[Trigger] | None:
    """The triggers of ``items`` followed by what ``tail`` describes, branch by
    branch where a branch opens ``items``; None when some branch has none.
    Each branch adds its second cover to ``required`` (see :func:`_second`); ``after`` are the items
    ``tail`` describes."""
    items = _strip_start(items) if anchored else _open(items)
    if anchored and items and _is_optional(items[0]) and budget[0] >= 2:
        # "X?Y" opens with X or with Y: followed both ways, each may find a literal at the line start
        budget[0] -= 2
        _, av, flags = items[0]
        with_it = _triggers([(o, a, flags) for o, a in av[2]] + items[1:], anchored, tail, budget, required, after)
        without = _triggers(items[1:], anchored, tail, budget, required, after)
        return None if with_it is None or without is None else with_it | without
    if items and items[0][0] is _c.BRANCH and budget[0] >= len(items[0][1][1]):
        _, av, flags = items[0]
        budget[0] -= len(av[1])
        rest = _concat(_chain(items[1:]), tail)
        found: set[Trigger] = set()
        for branch in av[1]:
            more = _triggers([(o, a, flags) for o, a in branch], anchored, rest, budget, required, (*items[1:], *after))
            if more is None:
                return None
            found |= more
        return found
    info = _concat(_chain(items), tail)
    if _use_prefix(info, anchored):
        found = {Trigger(lit[0], True, lit[1]) for lit in info.prefix or ()}
        weight = _score(info.prefix)[0] + ANCHOR_WEIGHT
    elif info.cover is None:
        return None
    else:
        found = {Trigger(lit[0], False, lit[1]) for lit in info.cover}
        weight = _score(info.cover)[0]
    required |= _second([*items, *after], found) if weight < STRONG_WEIGHT else found
    return found


#: Triggers whose weakest literal weighs this much (some five letters) pick few lines: their branch
#: needs no second test (each second literal costs the scan a report wherever it stands).
STRONG_WEIGHT = 10
#: A second cover is used only when its weakest literal weighs at least this much (about three letters):
#: lighter ones hold on too many lines to tell anything.
SECOND_WEIGHT = 6


def _second(row: list[_Item], found: set[Trigger]) -> set[Trigger]:
    """A cover of a branch (its items in a ``row``) other than its triggers ``found``: the best-picking
    cover of its first k pieces or of the rest that tells something ``found`` does not; ``found`` itself
    where there is none. Every match of the branch holds one of each, whatever part they come from."""
    texts = {trigger.text for trigger in found}
    best: LitSet | None = None
    rights = [_NOTHING]
    for item in reversed(row[1:]):
        rights.append(_concat(_node_or_char(item), rights[-1]))
    left = _NOTHING
    for cut in range(1, len(row)):
        left = _concat(left, _node_or_char(row[cut - 1]))
        for part in (left.cover, rights[len(row) - cut].cover):
            if _score(part) > _score(best) and _score(part)[0] >= SECOND_WEIGHT and _apart(part, texts):
                best = part
    if best is None:
        return found
    return {Trigger(lit[0], False, lit[1]) for lit in best}


def _node_or_char(item: _Item) -> _Info:
    op, av, flags = item
    if op is _c.LITERAL:
        return _set_info(frozenset({_lit(chr(av), bool(flags & _IGNORECASE))}))
    return _node(op, av, flags)


def _apart(part: LitSet | None, texts: set[str]) -> bool:
    """Some trigger text holds no literal of ``part`` (else the second test would tell nothing new)."""
    if not part:
        return False
    lower = {lit[0].lower() for lit in part}
    return any(not any(lit in text for lit in lower) for text in map(str.lower, texts))


def _use_prefix(info: _Info, anchored: bool) -> bool:
    """Whether the line-start literals (``info.prefix``) pick lines better than the literals anywhere
    (``info.cover``): standing at the line start is worth :data:`ANCHOR_WEIGHT` more, so "\\n1" (any line
    that opens with a digit) loses to " comments" and "\\nshare" wins over "share"."""
    if not anchored or _has_empty(info.prefix) or not all(_first_char_free(lit[0]) for lit in info.prefix or ()):
        return False
    weakest, count = _score(info.prefix)
    return info.cover is None or (weakest + ANCHOR_WEIGHT, count) >= _score(info.cover)


def _is_optional(item: _Item) -> bool:
    """A ``{0,1}`` repeat (``X?``)."""
    op, av, _ = item
    return op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] == 0 and av[1] == 1


def _first_char_free(text: str) -> bool:
    """The literal's first character is no :data:`DECORATION`, in any case."""
    first = text[0]
    return first not in DECORATION and first.lower() not in DECORATION and first.upper() not in DECORATION
