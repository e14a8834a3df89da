r"""The first pass: which vocabulary patterns can match which lines, for the whole document at once.

Each line filter tests every line against its vocabulary patterns with
``re``, and almost every test fails. This pass finds, per line, the few
patterns that *can* match there, so that the filters run ``re`` on those
lines only. Every pattern a filter tests on every line is a *gate*
(:class:`Gate`); the filters register theirs (:func:`register`). For each
gate, :mod:`declutter.literals` reads off the pattern the plain strings one
of which every match must hold ("Getty", "photo by", "newsletter"), some of
them at the start of the line. All of those, for all gates of the language
set, go into one database of a compiled engine, which scans the document in
one call; each hit marks its line as a candidate of the gates it belongs to.
A gate with a branch that holds no such string is a candidate everywhere.

The filters then confirm each candidate with the very ``re`` pattern they
always used, so the output is the same, byte for byte, with or without this
pass; it only skips tests that cannot succeed. ``tests/test_scan.py`` checks
that no line a pattern matches is ever left out, and that both engines clean
the corpus identically.

Engines (``DECLUTTER_ENGINE``, else the first one available):

* ``hyperscan``: the `hyperscan` package (wheels for Linux x86_64, installed
  with declutter there);
* ``re``: no first pass; every filter tests every line, as before.

A language set's database is built once per process, and only once that set
has cleaned :data:`WARMUP_CHARS` characters: building it costs some tenths
of a second, more than cleaning a few pages, so short runs never pay it.
``declutter --jsonl --jobs N`` builds each set once a run: the first worker
to claim it builds it and the others install a copy (:func:`claim_with`,
:func:`export`, :func:`install`; see :mod:`declutter.parallel`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from itertools import product
from operator import attrgetter
from types import ModuleType
from typing import Any, NamedTuple

from declutter.blocks import Block
from declutter.literals import DECORATION, Literals, Trigger, literals
from declutter.memo import scoped_table

#: The environment variable that chooses the engine.
ENGINE_VARIABLE = "DECLUTTER_ENGINE"
#: Engines, best first.
ENGINES = ("hyperscan", "re")
#: Characters a language set cleans before its database is built (see the module docstring).
WARMUP_CHARS = 64_000
#: A literal with case ignored is written out in at most this many case forms of its non-ASCII letters.
CASE_FORMS = 16


class Gate(NamedTuple):
    """A vocabulary pattern a filter tests on every line: its name, its
    source, and whether it is used with ``match`` on the stripped line
    (``anchored``) or with ``search``."""

    name: str
    pattern: str
    anchored: bool


#: Who lists the gates of a language set: one function per filter module, in registration order.
_PROVIDERS: dict[str, Callable[[str], Sequence[Gate]]] = {}


def register(owner: str, provider: Callable[[str], Sequence[Gate]]) -> None:
    """Let the first pass know the gates ``provider(lang)`` lists for a concrete language value."""
    _PROVIDERS[owner] = provider


# ---------------------------------------------------------------- the engine


#: The engine in use (None: not chosen yet) and the warm-up in force.
_state: dict[str, Any] = {"engine": None, "warmup": WARMUP_CHARS, "pure": False, "claim": None}
_seen: dict[str, int] = {}
_seen_lock = threading.Lock()


def _available(name: str) -> bool:
    if name == "re":
        return True
    if name == "hyperscan":
        try:
            import hyperscan  # noqa: F401
        except ImportError:
            return False
        return True
    return False


def engine() -> str:
    """The engine in use: ``DECLUTTER_ENGINE`` when set and available, else the best available.

    An unknown or unavailable name falls back to the best available engine
    (the output is the same with every engine).
    """
    chosen: str | None = _state["engine"]
    if chosen is None:
        wanted = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
        chosen = wanted if wanted in ENGINES and _available(wanted) else next(e for e in ENGINES if _available(e))
        _state["engine"], _state["pure"] = chosen, wanted == "re"
    return chosen


def speedups() -> ModuleType | None:
    """The compiled helpers (:mod:`declutter._speedups`), or None where they were not
    built or ``DECLUTTER_ENGINE=re`` asks for pure Python."""
    if _state["engine"] is None:  # (asked some twenty times per document: no call once chosen)
        engine()
    return None if _state["pure"] else _SPEEDUPS


#: What the compiled helpers must offer; a build that lacks one (left over from an older version) is not used.
_COMPILED = ("document_keys", "make_stopwords", "word_totals", "positions", "may_select", "held_copies", "menu_flags",
             "line_masks", "record_hit", "line_blocks", "scan_data", "count_words", "inline_visible",
             "block_visible")
_SPEEDUPS: ModuleType | None
try:
    import declutter._speedups as _SPEEDUPS  # not "from declutter import": see the filters' import of scan
except ImportError:  # not built (no C compiler at install time): pure Python, same output
    _SPEEDUPS = None


def _usable(module: object) -> bool:
    """Whether a compiled helpers module offers every function this version calls."""
    return module is not None and all(hasattr(module, name) for name in _COMPILED)


if not _usable(_SPEEDUPS):
    _SPEEDUPS = None  # not built, or a stale build of an older declutter: pure Python, same output

_BUILD: ModuleType | None
try:
    import declutter._build as _BUILD  # building the databases (declutter/_build.c)
except ImportError:  # not built: the same in Python
    _BUILD = None


def engine_description() -> str:
    """The engine in use, for ``declutter --version``.

    >>> engine_description().startswith(("hyperscan", "re"))
    True
    """
    name = engine()
    if name == "hyperscan":
        import hyperscan

        first = f"hyperscan {getattr(hyperscan, '__version__', '')}".strip() + " first pass"
    else:
        first = "re (no first pass)"
    keys = "compiled keys" if speedups() is not None else "pure-Python keys"
    return f"{first}, {keys}"


@contextmanager
def using(name: str, warmup: int | None = None) -> Iterator[None]:
    """Use engine ``name`` (and optionally another warm-up) inside the block; for tests and benches."""
    if name not in ENGINES or not _available(name):
        raise ValueError(f"engine {name!r} is not available; available: "
                         f"{', '.join(e for e in ENGINES if _available(e))}")
    engine()
    before = dict(_state)
    _state["engine"], _state["pure"] = name, name == "re"
    if warmup is not None:
        _state["warmup"] = warmup
    try:
        yield
    finally:
        _state.update(before)


# ----------------------------------------------------------------- the masks


def masks(lang: str, blocks: Sequence[Block]) -> list[int] | None:
    """Per block, the bits of the gates that may match its (stripped) text, or
    None when there is no first pass (engine ``re``, or the language set is
    still warming up): then every gate is a candidate everywhere.

    Inside a document scope (see :mod:`declutter.memo`), each text is
    scanned once per language set, however many filters and passes ask, and
    the filters of one pass, which see the very same blocks, share one list
    (read it, never change it).
    """
    if engine() == "re" or not _PROVIDERS:
        return None  # no first pass (or no filter has said what to look for yet)
    last = scoped_table(("scan-last", lang))
    if last is not None and last.get("blocks") is blocks:
        return last["masks"]  # type: ignore[no-any-return]  # what this function returned for these blocks
    found = _masks(lang, blocks)
    if last is not None:
        last["blocks"], last["masks"] = blocks, found
    return found


def _masks(lang: str, blocks: Sequence[Block]) -> list[int] | None:
    """:func:`masks`, asked again of other blocks than last time."""
    texts = list(map(_TEXT, blocks))
    if not _warm(lang, texts) or not _may_build(lang, texts):
        return None
    database = database_for(lang)
    if database is None:
        return None
    table = scoped_table(("scan", lang))
    if not table:  # outside a scope, or the document's first ask
        found_now = database.masks([text.strip() for text in texts])
        if table is not None:
            table.update(zip(texts, found_now, strict=True))
        return found_now
    found: list[int | None] = list(map(table.get, texts))
    if None in found:
        missing = list(dict.fromkeys(text for text, mask in zip(texts, found, strict=True) if mask is None))
        table.update(zip(missing, database.masks([text.strip() for text in missing]), strict=True))
        found = list(map(table.get, texts))
    return found  # type: ignore[return-value]  # every text is in the table now


_TEXT = attrgetter("text")


def known_mask(lang: str, text: str) -> int | None:
    """The mask :func:`masks` found for a block text of this document scope (None when it was not scanned
    with ``lang``: outside a scope, engine ``re``, a language set still warming up, or another text)."""
    table = scoped_table(("scan", lang))
    return table.get(text) if table else None


def positions(may: list[int] | None, bits: int, count: int) -> Sequence[int]:
    """The positions whose mask in ``may`` has one of ``bits``; all ``count`` of them without a first pass.

    In C where the compiled helpers were built (:func:`positions_python` otherwise, same list):
    every line filter asks this of every block, several times per document.
    """
    if may is None:
        return range(count)
    compiled = speedups()
    if compiled is not None:
        found: list[int] = compiled.positions(may, bits)
        return found
    return positions_python(may, bits)


def positions_python(may: list[int], bits: int) -> list[int]:
    """:func:`positions` in Python."""
    return [position for position, mask in enumerate(may) if mask & bits]


def bits(lang: str, *names: str) -> int:
    """The bits of gates ``names`` in the masks of ``lang``."""
    table = gate_bits(lang)
    return sum(table[name] for name in names)


def gates(lang: str) -> list[Gate]:
    """Every registered gate of a concrete ``Config.lang`` value, in the order of their bits.

    The built-in filters register theirs when :mod:`declutter.filters` is
    imported (all at once: the package imports every filter module).
    """
    return [gate for provider in _PROVIDERS.values() for gate in provider(lang)]


@lru_cache(maxsize=32)
def gate_bits(lang: str) -> dict[str, int]:
    """Each gate's bit in the masks of ``lang``."""
    return {gate.name: 1 << number for number, gate in enumerate(gates(lang))}


def _warm(lang: str, texts: Sequence[str]) -> bool:
    """Count the characters ``lang`` has been asked for; True once past the warm-up (or built).

    Inside a document scope a document counts once, however many filters and passes ask.
    """
    warmup = _state["warmup"]
    if not warmup or _seen.get(lang, 0) >= warmup:
        return True
    return bool(_count(_seen, "warm-up", lang, texts) >= warmup)


def _count(counts: dict[str, int], name: str, lang: str, texts: Sequence[str]) -> int:
    """Add the characters of ``texts`` to ``counts[lang]`` (a document once, inside a document scope,
    however many filters and passes ask); the total."""
    counted = scoped_table((name, lang))
    if counted is not None:
        if counted:
            return counts.get(lang, 0)  # this document counted already
        counted["counted"] = True
    with _seen_lock:
        counts[lang] = total = counts.get(lang, 0) + sum(map(len, texts))
    return total


#: Characters of a set a process cleans without its database, once another process claimed the build
#: (see :func:`claim_with`), before it builds its own after all (the other one died or is slow).
WAIT_CHARS = 16 * WARMUP_CHARS
#: Per language set another process claimed, the characters cleaned since.
_waiting: dict[str, int] = {}


def claim_with(claim: Callable[[str], bool] | None, workers: int = 1) -> None:
    """Ask ``claim(lang)`` before building a set's database once it warmed up: False means another
    process builds it and hands it over (:func:`install`), so this one goes on without it for up to
    :data:`WAIT_CHARS` of the set's characters. ``--jobs`` workers share their builds this way.

    Each of ``workers`` processes that share a stream sees a share of it: the warm-up in force is divided
    among them, so that a set is built where one process alone would build it in the stream."""
    _state["claim"] = claim
    if workers > 1:
        _state["warmup"] = -(-_state["warmup"] // workers)
    _waiting.clear()


def _may_build(lang: str, texts: Sequence[str]) -> bool:
    """Whether this process builds the database of ``lang`` (warmed up) now: see :func:`claim_with`."""
    claim = _state["claim"]
    if claim is None or lang in _databases:
        return True
    if lang not in _waiting:
        if claim(lang):
            return True
        _waiting[lang] = 0
    return _count(_waiting, "wait", lang, texts) >= WAIT_CHARS


def prebuild(lang: str) -> None:
    """Build the database of ``lang`` now and count the set as warmed up: a process about to fork workers
    builds it once for all of them (each inherits it) instead of once in each. Nothing to do with the
    ``re`` engine, or before the filters registered their gates."""
    if engine() != "hyperscan" or database_for(lang) is None:
        return
    with _seen_lock:
        _seen[lang] = max(_seen.get(lang, 0), _state["warmup"])


def database_for(lang: str) -> Database | None:
    """The database of a concrete ``Config.lang`` value (built once; None if the engine cannot build it,
    or before any filter registered its gates: :mod:`declutter.filters` not imported yet)."""
    if not _PROVIDERS:
        return None
    try:
        return _databases[lang]
    except KeyError:
        pass
    with _build_lock:
        if lang not in _databases:
            _databases[lang] = _build(lang)
            _built_here.append(lang)
    return _databases[lang]


#: The databases of this process, by language set (built here, inherited, or installed, see :func:`install`).
_databases: dict[str, Database | None] = {}
#: The sets built in this process that :func:`built_here` has not reported yet.
_built_here: list[str] = []
_build_lock = threading.Lock()


def _build(lang: str) -> Database | None:
    try:
        return Database(gates(lang))
    except Exception:  # an engine that fails to build leaves the re path: same output, slower
        return None


def built_here() -> list[str]:
    """The language sets whose database this process built since the last call (not those installed)."""
    with _build_lock:
        found = list(_built_here)
        _built_here.clear()
    return found


def held() -> frozenset[str]:
    """The language sets this process has a database for."""
    return frozenset(lang for lang, database in list(_databases.items()) if database is not None)


def export(lang: str) -> bytes | None:
    """The database of ``lang`` built in this process, as bytes another process of the same machine and
    version can :func:`install` (the engine's own serialised form: a copy, not a rebuild); None if there
    is none. ``--jobs`` hands a set one worker built to the others, so each set is built once a run."""
    database = _databases.get(lang)
    return None if database is None else pickle.dumps(database, protocol=pickle.HIGHEST_PROTOCOL)


def install(lang: str, data: bytes) -> bool:
    """Take the database :func:`export` made in another process as this process's database of ``lang``,
    and count the set as warmed up; False (nothing changes) when this process has one already, when the
    gates it was built for are not this process's gates of ``lang``, or when the engine cannot load it."""
    if lang in _databases or engine() != "hyperscan" or not _PROVIDERS:
        return False
    try:
        database = pickle.loads(data)  # bytes export made in a worker of this run
    except Exception:  # another engine version, another machine: this process builds its own when due
        return False
    if not isinstance(database, Database) or database.signature != signature(gates(lang)):
        return False
    with _build_lock:
        if lang in _databases:
            return False
        _databases[lang] = database
    with _seen_lock:
        _seen[lang] = max(_seen.get(lang, 0), _state["warmup"])
    return True


def signature(gates: Sequence[Gate]) -> str:
    """A digest of ``gates`` (names, patterns, anchoring) the same in every process: a database is used only
    for the gates it was built for."""
    digest = hashlib.sha256()
    for gate in gates:
        digest.update(repr(tuple(gate)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class Database:
    """The compiled literals of a language set's gates."""

    def __init__(self, gates: Sequence[Gate]) -> None:
        import hyperscan

        self.bits = {gate.name: 1 << number for number, gate in enumerate(gates)}
        #: Bits of gates that are candidates on every line (a branch with no literal).
        self.always = 0
        #: Gates with a second test (``Literals.required``): (bit of a trigger, bit of a required literal,
        #: the gate's bit), the first two counted in the bits above the gates' own.
        self.pairs: list[tuple[int, int, int]] = []
        found: dict[tuple[bytes, bool], int] = {}
        for gate in gates:
            known: Literals = literals(gate.pattern, gate.anchored)
            written = None if known.always else _written(known.triggers)
            if written is None:
                self.always |= self.bits[gate.name]
                continue
            required = _written(known.required)
            bit = self.bits[gate.name]
            if required:  # a line is a candidate where it holds a trigger and a required literal
                first, second = 1 << (len(gates) + 2 * len(self.pairs)), 1 << (len(gates) + 2 * len(self.pairs) + 1)
                self.pairs.append((first >> len(gates), second >> len(gates), bit))
                bit = first
                for key in required:
                    found[key] = found.get(key, 0) | second
            for key in written:
                found[key] = found.get(key, 0) | bit
        found = _pruned(found)
        keys = sorted(found)
        #: Literal numbers from here on are the characters the text is folded for (see :func:`_tables`).
        self.folds = len(keys)
        folded = [chr(code).encode("utf-8") for code in sorted(_tables().to_ascii)]
        #: Per literal, its gates' bits, and above them its bits of the two-literal tests.
        self.id_bits = [found[key] for key in keys] + [0] * len(folded)
        #: The bits of the gates (masks above them hold bits of the two-literal tests until those are settled).
        self.own = (1 << len(gates)) - 1
        self._db = hyperscan.Database()
        if keys:
            expressions = [key[0] for key in keys] + folded
            self._db.compile(expressions=expressions, ids=list(range(len(expressions))), elements=len(expressions),
                             flags=[hyperscan.HS_FLAG_CASELESS if key[1] else 0 for key in keys] + [0] * len(folded),
                             literal=True)
        self._empty = not keys
        #: Every mask fits 64 bits, as the compiled ``line_masks`` needs.
        self.narrow = max([self.always, *self.id_bits]).bit_length() < 64
        self._lock = threading.Lock()
        #: :meth:`_pair_gates` of each combination of two-literal bits met (a few dozen; a dict's
        #: item assignment is atomic, so threads may share it).
        self._settled: dict[int, int] = {}
        #: The gates it was built for (:func:`signature`), checked by :func:`install`.
        self.signature = signature(gates)

    def __getstate__(self) -> dict[str, Any]:
        """What :func:`export` sends: every field, the compiled database in the engine's serialised form."""
        import hyperscan

        state = {name: value for name, value in self.__dict__.items() if name != "_lock"}
        state["_db"] = None if self._empty else hyperscan.dumpb(self._db)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        import hyperscan

        data = state.pop("_db")
        self.__dict__.update(state)
        self._db = hyperscan.Database()
        if data is not None:
            self._db = hyperscan.loadb(data, hyperscan.HS_MODE_BLOCK)
            self._db.scratch = hyperscan.Scratch(self._db)  # loadb leaves the scan without its scratch space
        self._lock = threading.Lock()

    def _scan(self, data: bytes) -> list[int]:
        """The literal numbers found in ``data``, each followed by where its match ends, in the order of the
        ends (one flat list: the compiled handler, where built, appends to it without a Python call)."""
        hits: list[int] = []
        compiled = speedups()
        with self._lock:
            self._db.scan(data, match_event_handler=_on_match if compiled is None else compiled.record_hit,
                          context=hits)
        return hits

    def masks(self, texts: Sequence[str]) -> list[int]:
        """Per text, the bits of the gates that may match it.

        The text is scanned as it is; only where the scan finds a character
        to fold (a non-ASCII digit, a dotless ı) is it folded and scanned
        again, which spares the common case a pass over the text in Python.
        """
        result = [self.always] * len(texts)
        if self._empty or not texts:
            return result
        data, extra, always = _scan_data(texts)
        hits = self._scan(data)
        if hits and max(hits[::2]) >= self.folds:
            data = _scan_text(texts)[0].translate(_tables().to_ascii).encode("utf-8", "surrogatepass")
            hits = self._scan(data)
        compiled = speedups() if self.narrow else None
        if compiled is not None:
            result, hit = compiled.line_masks(data, hits, self.id_bits, self.always, len(texts), extra, self.own)
        else:
            hit = self._line_masks_python(data, hits, extra, result)
        if self.pairs:
            self._settle_pairs(result, set(hit))
        for position in always:
            result[position] = -1
        return result

    def _line_masks_python(self, data: bytes, hits: list[int], extra: list[int], result: list[int]) -> list[int]:
        """Add each hit's bits to the mask in ``result`` of the text whose line holds it; the positions hit.
        In C where the compiled helpers were built (``line_masks``: same masks, and of the positions only
        those a two-literal test may concern)."""
        count, id_bits, size = data.count, self.id_bits, len(result)
        line, done = -1, 0
        hit: list[int] = []
        for number, end in zip(hits[::2], hits[1::2], strict=True):
            line += count(b"\n", done, end)  # matches come in the order of their ends
            done = end
            where = line if line < size else extra[line - size]
            result[where] |= id_bits[number]
            hit.append(where)
        return hit

    def _settle_pairs(self, result: list[int], hit: set[int]) -> None:
        """Turn the bits of the two-literal tests in ``result`` into their gates' bits, where both literals
        were found (only the positions ``hit`` can hold such bits)."""
        own, shift, settled = self.own, self.own.bit_length(), self._settled
        for where in hit:
            mask = result[where]
            if mask > own:
                held = mask >> shift
                gates = settled.get(held)
                if gates is None:
                    gates = settled[held] = self._pair_gates(held)
                result[where] = mask & own | gates

    def _pair_gates(self, held: int) -> int:
        """The gates' bits of the two-literal tests both of whose literals are in ``held`` (a function of
        the database and ``held`` alone: :meth:`_settle_pairs` keeps each answer in ``_settled``)."""
        return sum(bit for first, second, bit in self.pairs if held & first and held & second)


def _on_match(number: int, start: int, end: int, flags: int, hits: Any) -> None:
    """The match handler of :meth:`Database._scan` in Python (``_speedups.record_hit`` in C)."""
    hits.extend((number, end))


def _written(triggers: Sequence[Trigger]) -> list[tuple[bytes, bool]] | None:
    """The engine's literals of all ``triggers`` (:func:`_expressions`), or None when one cannot be written."""
    written: list[tuple[bytes, bool]] = []
    for trigger in triggers:
        keys = _expressions(trigger)
        if keys is None:
            return None
        written.extend(keys)
    return written


def _pruned(found: dict[tuple[bytes, bool], int]) -> dict[tuple[bytes, bool], int]:
    """``found`` without the literals another one makes redundant: a line holding " may" holds "may", so
    " may" need not be looked for when "may" is, for the same gates or more (fewer matches to report).
    A literal whose case is ignored stands for its case forms; one whose case counts, for itself."""
    by_lower: dict[bytes, list[tuple[bytes, bool]]] = {}
    for key in found:
        by_lower.setdefault(key[0].lower(), []).append(key)
    ordered = sorted(by_lower)
    inside = dict(zip(ordered, contained(ordered), strict=True))
    kept = dict(found)
    for key in sorted(found):
        candidates = (other for number in inside[key[0].lower()] for other in by_lower[ordered[number]])
        if any(_covers(other, key, kept, found) for other in candidates):
            del kept[key]
    return kept


def contained(ordered: list[bytes]) -> list[list[int]]:
    """For each of the distinct, sorted ``ordered``, the positions of those it contains (itself included;
    a position comes once for each place it stands at).

    >>> [sorted(numbers) for numbers in contained([b"a", b"ab", b"b", b"cab"])]
    [[0], [0, 1, 2], [2], [0, 1, 2, 3]]

    In C where the compiled helpers were built (``_build.contained``, a third of a build in Python), else
    in Python, the same way: a literal contained in ``x`` starts some
    suffix of ``x``; the greatest literal not above that suffix is found by bisection, and every literal
    that starts the suffix is that one or one of its own beginnings (any literal between a beginning of the
    suffix and the suffix itself starts with that beginning), so the chain "the longest literal that
    begins this one" lists them all.
    """
    if _BUILD is not None:
        compiled: list[list[int]] = _BUILD.contained(ordered)
        return compiled
    up: list[int] = []
    stack: list[int] = []
    for number, literal in enumerate(ordered):
        while stack and not literal.startswith(ordered[stack[-1]]):
            stack.pop()
        up.append(stack[-1] if stack else -1)
        stack.append(number)
    found: list[list[int]] = []
    for literal in ordered:
        numbers: list[int] = []
        for start in range(len(literal)):
            rest = literal[start:]
            number = bisect_right(ordered, rest) - 1
            while number >= 0 and not rest.startswith(ordered[number]):
                number = up[number]
            while number >= 0:
                numbers.append(number)
                number = up[number]
        found.append(numbers)
    return found


def _covers(other: tuple[bytes, bool], key: tuple[bytes, bool], kept: dict[tuple[bytes, bool], int],
            found: dict[tuple[bytes, bool], int]) -> bool:
    """Whether literal ``other`` (still kept) is found wherever ``key`` is, for all of ``key``'s gates."""
    if other == key or other not in kept or found[other] | found[key] != found[other]:
        return False
    if other[0] == key[0] and other > key:
        return False  # the same literal twice: the first one stays
    return other[1] or (not key[1] and other[0] in key[0])


def _scan_data(texts: Sequence[str]) -> tuple[bytes, list[int], list[int]]:
    """:func:`_scan_text` with the text in UTF-8: made in C where the compiled helpers were built
    (``_speedups.scan_data``, the same bytes without the joined str, a search and an encoding pass)."""
    compiled = speedups()
    if compiled is not None:
        made: tuple[bytes, list[int], list[int]] = compiled.scan_data(
            texts if isinstance(texts, list) else list(texts), _DECORATION_CHARS)
        return made
    joined, extra, always = _scan_text(texts)
    return joined.encode("utf-8", "surrogatepass"), extra, always


def _scan_text(texts: Sequence[str]) -> tuple[str, list[int], list[int]]:
    """The text to scan: each text on a line of its own, each line opened by a
    line break (anchored literals start with it); then, for each text that
    opens with :data:`DECORATION` characters, a copy with them stripped
    (anchored literals stand at a line start after them). Also which text
    each such copy stands for, and the texts with line breaks of their own
    (HTML mode), left out and candidates of every gate."""
    joined = "\n".join(("", *texts))
    always: list[int] = []
    if joined.count("\n") != len(texts):
        always = [position for position, text in enumerate(texts) if "\n" in text]
        joined = "\n".join(("", *("" if "\n" in text else text for text in texts)))
    extra: list[int] = []
    if _DECORATED.search(joined):
        extra = [position for position, text in enumerate(texts) if text[:1] in DECORATION and "\n" not in text]
        joined += "".join("\n" + texts[position].lstrip(_DECORATION_CHARS) for position in extra)
    return joined, extra, always


_DECORATION_CHARS = "".join(sorted(DECORATION))
#: A line that opens with a decoration character (a literal first: a fast search).
_DECORATED = re.compile("\n[" + re.escape("".join(sorted(DECORATION - {"\n"}))) + "]")


# ------------------------------------------------------------ literal bytes


class _Tables(NamedTuple):
    """Case tables for the engine, read off ``re`` itself.

    ``to_ascii`` maps each non-ASCII character that ``re`` takes as equal to
    an ASCII letter when ignoring case (dotless ı, İ, long ſ, the Kelvin sign)
    to that letter, and each other decimal digit ``\\d`` matches ("٣", "३")
    to its ASCII digit (literals hold ``\\d`` as the ten ASCII digits, see
    :data:`declutter.literals.DIGITS`); the engine's own case folding covers
    ASCII letters, and the scanned text goes through this table when it holds
    one of them (the database looks for them too, :meth:`Database.masks`).
    ``forms(char)`` lists every character ``re`` takes as equal to ``char``.
    """

    to_ascii: dict[int, str]
    plane: str


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    plane = "".join(map(chr, range(0x10000)))  # case partners of the vocabulary's letters all lie here
    to_ascii: dict[int, str] = {}
    for char in set(re.findall("(?i)[a-z]", plane)):
        if not char.isascii():
            to_ascii[ord(char)] = next(letter for letter in "abcdefghijklmnopqrstuvwxyz"
                                       if re.fullmatch(f"(?i){letter}", char))
    for code in range(0x80, sys.maxunicode + 1):
        if chr(code).isdecimal():  # what re's \d matches (str patterns)
            to_ascii[code] = str(unicodedata.decimal(chr(code)))
    return _Tables(to_ascii, plane)


@lru_cache(maxsize=4096)
def _forms(char: str) -> tuple[str, ...]:
    """Every character ``re`` takes as equal to ``char`` when ignoring case, through ``to_ascii``."""
    tables = _tables()
    found = {char, *re.findall("(?i)" + re.escape(char), tables.plane)}
    return tuple(sorted({form.translate(tables.to_ascii) for form in found}))


def _expressions(trigger: Trigger) -> list[tuple[bytes, bool]] | None:
    """The engine's literals for a trigger, ``(bytes, ignore ASCII case)``, or None when it cannot
    be written as literals (its gate is then a candidate everywhere).

    Anchored literals start with the line break before their line. A literal
    with case ignored is written out in each case form of its non-ASCII
    letters; where that makes too many, its longest run of ASCII characters
    stands for it (a match holds that run too).
    """
    tables = _tables()
    text = trigger.text.translate(tables.to_ascii)
    head = "\n" if trigger.anchored else ""
    if not trigger.ignore_case or text.isascii():
        return [((head + text).encode("utf-8", "surrogatepass"), trigger.ignore_case)]
    options = [(ch,) if ch.isascii() else _forms(ch) for ch in text]
    count = 1
    for choice in options:
        count *= len(choice)
    if count <= CASE_FORMS:
        return [((head + "".join(chosen)).encode("utf-8", "surrogatepass"), True) for chosen in product(*options)]
    longest = max(re.findall(r"[\x00-\x7f]+", text), key=len, default="")
    if not longest:
        return None
    anchored = trigger.anchored and text.startswith(longest)
    return [((("\n" if anchored else "") + longest).encode("utf-8"), True)]
