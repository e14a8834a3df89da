"""JSON Lines cleaning, one record at a time or spread over worker processes.

``declutter --jsonl --jobs N`` cleans records in ``N`` processes and writes
them in input order. Memory stays bounded whatever the stream's length: the
input is read line by line, sent to the workers in chunks of at most
``CHUNK_RECORDS`` records or ``CHUNK_BYTES`` bytes, and at most
``WINDOW_PER_JOB`` chunks per worker are in flight; a chunk's results are
written as soon as every chunk before it is done.

No record is ever lost. A record that is not usable (bad JSON, the field is
missing) or whose cleaning raised is written through unchanged and reported
with its line number, exactly as with one process; if a worker process
dies, the records of its chunk are cleaned again one by one in fresh
processes, so only the record that kills its worker is passed through
unchanged and reported, and a fresh pool takes the rest::

    $ declutter --jsonl --jobs 2 < pages.jsonl > clean.jsonl
"""

from __future__ import annotations

import ctypes
import json
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import chain
from typing import Any, NamedTuple

import declutter.scan as scan  # noqa: PLR0402 (as the filters import it)
from declutter.batch import Batch
from declutter.config import Config
from declutter.detect import FALLBACK
from declutter.errors import InputError
from declutter.pipeline import Removal, Result
from declutter.rules import Rule, RuleSet
from declutter.stats import Summary
from declutter.vocab import is_auto

ENCODING, ERRORS = "utf-8", "surrogateescape"
#: Most records and bytes sent to a worker at once.
CHUNK_RECORDS, CHUNK_BYTES = 64, 1 << 20
#: Chunks in flight per worker: enough to keep every worker busy.
WINDOW_PER_JOB = 3


class Options(NamedTuple):
    """What a worker needs to clean a record (picklable)."""

    config: Config
    field: str = "text"
    explain_key: str | None = None
    url_field: str = "url"
    rules: RuleSet | None = None
    #: Return each record's removals (for ``--explain``); without them the
    #: outcomes workers send back are a fraction of the size.
    keep_removals: bool = True
    #: Lines longer than this are passed through unparsed (``--max-record-mb``);
    #: the caller reads lines with ``readline(max_record_bytes + 1)``.
    max_record_bytes: int | None = None
    #: The field holds Markdown: clean it with the Markdown mode (``--markdown``).
    markdown: bool = False


class Outcome(NamedTuple):
    """One input line's result: the line to write, its removals, or why it passed through."""

    number: int
    line: bytes
    removals: tuple[Removal, ...] = ()
    problem: str | None = None
    matched: tuple[Rule, ...] = ()
    #: The line goes on past ``line`` (it is over the size limit): the writer
    #: copies the rest of it from the input, unread, as it comes.
    oversize: bool = False
    #: What the record adds to the run's :class:`~declutter.stats.Stats`;
    #: None for a blank line or a record passed through (see ``problem``).
    summary: Summary | None = None


Numbered = tuple[int, bytes]


def clean_lines(lines: Iterable[bytes], options: Options, jobs: int = 1,
                batch: Batch | None = None) -> Iterator[Outcome]:
    """The outcome of every line of a JSON Lines stream, in input order.

    Each outcome lists the user rules its record matched (``matched``), so
    the caller can report rules that matched nothing in the whole run.
    """
    numbered = enumerate(lines, start=1)
    if jobs <= 1:
        batch = batch or Batch(options.config, options.rules)
        for number, raw in numbered:
            yield _oversize(number, raw) if _too_long(raw, options) else outcome(number, raw, batch, options)
        return
    yield from _parallel(numbered, options, jobs)


def _too_long(raw: bytes, options: Options) -> bool:
    """A line read up to the limit that did not end: the record is over it."""
    return options.max_record_bytes is not None and len(raw) > options.max_record_bytes and not raw.endswith(b"\n")


def _oversize(number: int, raw: bytes) -> Outcome:
    return Outcome(number, raw, (), "over the record size limit", oversize=True)


def outcome(number: int, raw: bytes, batch: Batch, options: Options) -> Outcome:
    """Clean one line; a bad record or a failure passes the line through, reported."""
    seen = set(batch.report.seen)
    try:
        line, result = _clean_record(raw, batch, options.field, options.explain_key, options.url_field,
                                     options.markdown)
    except InputError as exc:
        return Outcome(number, raw, (), str(exc))
    except Exception as exc:  # a bug must not lose the record or stop the stream
        return Outcome(number, raw, (), f"cleaning failed ({type(exc).__name__}: {exc})")
    matched = tuple(r for r in batch.report.seen if r not in seen)
    if result is None:
        return Outcome(number, line, (), None, matched)
    removals = result.removals if options.keep_removals else ()
    return Outcome(number, line, removals, None, matched, summary=Summary.of(result))


def clean_record(raw: bytes, batch: Batch, field: str, explain_key: str | None,
                 url_field: str = "url", markdown: bool = False) -> tuple[bytes, tuple[Removal, ...]]:
    """The cleaned JSON line (with its original line ending) and its removals.

    The record's ``url_field``, when it holds a string, is the page URL the
    site model and per-site rules go by. With ``markdown`` the field is
    cleaned as Markdown.
    """
    line, result = _clean_record(raw, batch, field, explain_key, url_field, markdown)
    return line, result.removals if result is not None else ()


def _clean_record(raw: bytes, batch: Batch, field: str, explain_key: str | None,
                  url_field: str, markdown: bool = False) -> tuple[bytes, Result | None]:
    """:func:`clean_record`, with the whole result (None for a blank line)."""
    body = raw.rstrip(b"\r\n")
    ending = raw[len(body):]
    if not body.strip():
        return raw, None
    text = _decode(body)
    record = _parse(text)
    value = record.get(field)
    if not isinstance(value, str):
        got = "missing" if field not in record else f"a {type(value).__name__}" if value is not None else "null"
        raise InputError(f"field {field!r} is {got}, not a string")
    url = record.get(url_field)
    explain = batch.explain_markdown if markdown else batch.explain
    result = explain(value, url if isinstance(url, str) else None)
    if not result.removals and explain_key is None:
        return raw, result
    changes: dict[str, object] = {field: result.text}
    if explain_key is not None:
        changes[explain_key] = [r.as_dict() for r in result.removals]
    # A lone surrogate ("\\ud800" in the input) cannot be UTF-8: write it back as
    # the same JSON escape.
    return splice(text, changes).encode(ENCODING, "backslashreplace") + ending, result


def _decode(body: bytes) -> str:
    try:
        return body.decode(ENCODING)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {body[exc.start]:#04x} at column {exc.start + 1})") from None


def _parse(text: str) -> dict[str, object]:
    try:
        record = json.loads(text)
    except ValueError as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise InputError("JSON nested too deeply to read") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, got {type(record).__name__}")
    return record


_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def splice(text: str, changes: dict[str, object]) -> str:
    """The JSON object ``text`` with new values for the keys of ``changes``; all else byte for byte.

    A key's last occurrence (the one a JSON reader keeps) gets the new value,
    a key the object lacks is added at its end; every other member, its
    spacing, its number format and any duplicate key stay as they were::

        >>> splice('{"text": "Old.",  "n": 1.50, "n": 2 }', {"text": "New.", "x": []})
        '{"text": "New.",  "n": 1.50, "n": 2, "x": [] }'

    ``text`` must be a JSON object (the caller has parsed it already).
    """
    spans, last = _member_spans(text)
    parts, position = [], 0
    for start, end, key in sorted((*spans[key], key) for key in changes if key in spans):
        parts += [text[position:start], json.dumps(changes[key], ensure_ascii=False)]
        position = end
    parts.append(text[position:last])
    parts += [f", {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
              for key, value in changes.items() if key not in spans]
    parts.append(text[last:])
    return "".join(parts)


def _member_spans(text: str) -> tuple[dict[str, tuple[int, int]], int]:
    """Where each top-level key's last value starts and ends, and where the last value ends."""
    spans: dict[str, tuple[int, int]] = {}
    position = last = _skip(text, 0) + 1  # past "{"
    while text[_skip(text, position)] != "}":
        key, position = _DECODER.raw_decode(text, _skip(text, position))
        start = _skip(text, _skip(text, position) + 1)  # past ":"
        last = _DECODER.raw_decode(text, start)[1]
        spans[key] = (start, last)
        position = _skip(text, last)
        position += text[position] == ","
    return spans, last


def _skip(text: str, position: int) -> int:
    """The position of the first non-space character from ``position``."""
    match = _SPACE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _chunks(numbered: Iterator[Numbered], options: Options) -> Iterator[list[Numbered] | Outcome]:
    """Lists of lines for the workers; a line over the size limit comes alone, as its Outcome."""
    chunk: list[Numbered] = []
    size = 0
    for number, raw in numbered:
        if _too_long(raw, options):
            if chunk:
                yield chunk
                chunk, size = [], 0
            yield _oversize(number, raw)
            continue
        chunk.append((number, raw))
        size += len(raw)
        if len(chunk) >= CHUNK_RECORDS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _parallel(numbered: Iterator[Numbered], options: Options, jobs: int) -> Iterator[Outcome]:
    """Clean chunks in a process pool, in order, with a bounded window in flight.

    When the first chunk alone is past the first pass's warm-up, the stream is long enough for the
    database of the base language set (English with ``auto``) to pay: it is built here, before the workers
    fork, so they inherit one instead of each building its own.

    An over-long line stops the reading: the chunks before it are finished and
    written, then its outcome is handed over while the input stands right
    after its first part, so the writer can copy the rest of it in order.
    """
    chunks = _chunks(numbered, options)
    first = next(chunks, None)
    shared = Shared(jobs)
    if isinstance(first, list) and sum(len(raw) for _, raw in first) >= scan.WARMUP_CHARS:
        base = FALLBACK if is_auto(options.config.lang) else options.config.lang
        scan.prebuild(base)
        shared.offer(base, scan.export(base))  # workers that do not fork from here (spawn) take it too
    chunks = chain(() if first is None else (first,), chunks)
    window: deque[tuple[list[Numbered], Future[Cleaned]]] = deque()
    pool = _pool(options, jobs)
    waiting: Outcome | None = None
    try:
        while True:
            while waiting is None and len(window) < jobs * WINDOW_PER_JOB:
                item = next(chunks, None)
                if item is None:
                    break
                if isinstance(item, Outcome):
                    waiting = item
                else:
                    window.append((item, _submit(pool, item, shared)))
            if not window:
                if waiting is None:
                    return
                yield waiting
                waiting = None
                continue
            chunk, future = window.popleft()
            try:
                yield from shared.take(future.result(), chunk)
            except BrokenProcessPool:
                pool.shutdown(wait=False, cancel_futures=True)
                yield from _rescue(chunk, options)
                pool = _pool(options, jobs)
                shared.new_pool()
                window = deque((c, _submit(pool, c, shared)) for c, _ in window)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(options: Options, jobs: int) -> ProcessPoolExecutor:
    _warm(options)
    context = multiprocessing.get_context()
    claims = context.Array(ctypes.c_char, CLAIMS_BYTES)
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(options, claims, jobs))


def _submit(pool: ProcessPoolExecutor, chunk: list[Numbered], shared: Shared) -> Future[Cleaned]:
    return pool.submit(_clean_shared, chunk, shared.payload())


def _rescue(chunk: list[Numbered], options: Options) -> Iterator[Outcome]:
    """Clean a chunk whose worker died one record at a time, each in a fresh
    process: the record that kills its worker is passed through, reported;
    the others are cleaned as usual."""
    pool = _pool(options, 1)
    shared = Shared(1)
    try:
        for item in chunk:
            try:
                yield from shared.take(_submit(pool, [item], shared).result(), [item])
            except BrokenProcessPool:
                yield Outcome(item[0], item[1], (), "a worker process died while cleaning it")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(options, 1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _warm(options: Options) -> None:
    """Compile the configured vocabulary (English with ``auto``) before the
    workers fork, so that each inherits it instead of compiling its own."""
    Batch(options.config, options.rules).explain("Warm up.\n\nBy Jane Doe\n\nRelated: x\n")


_WORKER: tuple[Batch, Options] | None = None


def _init_worker(options: Options, claims: Any = None, jobs: int = 1) -> None:
    """Build the worker's pipeline once (it holds no document data); with ``claims`` (a shared
    ``ctypes.c_char`` array), build each language set's database only if no other of the ``jobs``
    workers claimed it."""
    global _WORKER  # noqa: PLW0603 (one pipeline per worker process, set by the pool's initializer)
    _WORKER = (Batch(options.config, options.rules), options)
    scan.built_here()  # what the parent built before the fork is not this worker's to hand on
    scan.claim_with(None if claims is None else partial(_claim, claims), jobs)


#: Bytes of the array where the workers claim the language sets they build ("\nde,en\nen,it\n").
CLAIMS_BYTES = 4096


def _claim(claims: Any, lang: str) -> bool:
    """Claim the build of ``lang``'s database; False if another worker of the pool claimed it first
    (it hands the database on, see :class:`Shared`). True when the array is full: this worker builds."""
    entry = lang.encode(ENCODING, ERRORS) + b"\n"
    with claims.get_lock():
        listed = claims.value
        if b"\n" + entry in b"\n" + listed:
            return False
        if len(listed) + len(entry) < len(claims):  # room left for the closing NUL
            claims.value = listed + entry
    return True


def _clean_chunk(chunk: list[Numbered]) -> list[Outcome]:
    assert _WORKER is not None, "worker not initialised"
    batch, options = _WORKER
    return [outcome(number, raw, batch, options) for number, raw in chunk]


class Report(NamedTuple):
    """What a worker says after a chunk: who it is, the language sets it has a database for, and the
    databases it built while cleaning the chunk (:func:`declutter.scan.export`), for the other workers."""

    worker: int
    held: frozenset[str]
    built: dict[str, bytes]
    #: Positions in the chunk of the records written back as they came: sent back empty (see ``Shared.take``).
    unchanged: tuple[int, ...] = ()


Cleaned = tuple[list[Outcome], Report]


def _clean_shared(chunk: list[Numbered], shipped: dict[str, bytes]) -> Cleaned:
    """Install the databases other workers built, clean the chunk, and report (see :class:`Shared`)."""
    for lang, data in shipped.items():
        scan.install(lang, data)
    outcomes = _clean_chunk(chunk)
    exported = {lang: scan.export(lang) for lang in scan.built_here()}
    built = {lang: data for lang, data in exported.items() if data is not None}
    # a record written back as it came (most are) goes back empty: the parent has its line
    unchanged = tuple(position for position, (outcome, (_, raw)) in enumerate(zip(outcomes, chunk, strict=True))
                      if outcome.line is raw)
    for position in unchanged:
        outcomes[position] = outcomes[position]._replace(line=b"")
    return outcomes, Report(os.getpid(), scan.held(), built, unchanged)


class Shared:
    """The first pass's databases the workers built, handed on to the workers that lack them.

    A language set's database costs some tenths of a second to build, and each worker would build every
    set it meets past the warm-up. The first worker to build one sends it back with its chunk's results
    (the engine's serialised form: a copy loads in a millisecond); the parent sends it along with the
    next chunks until every worker has said it holds it. So a set is built once a run, not once per
    worker (twice at most, when two workers pass its warm-up at the same time). The output is the same
    with or without a database: it only skips tests that cannot succeed.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.data: dict[str, bytes] = {}
        self.holders: dict[str, set[int]] = {}

    def offer(self, lang: str, data: bytes | None) -> None:
        """Hand on the database of ``lang`` (unless there is none, or one is handed on already)."""
        if data is not None and lang not in self.data:
            self.data[lang] = data
            self.holders[lang] = set()

    def payload(self) -> dict[str, bytes]:
        """The databases to send with the next chunk: those some worker may still lack."""
        return {lang: data for lang, data in self.data.items() if len(self.holders[lang]) < self.jobs}

    def take(self, cleaned: Cleaned, chunk: list[Numbered]) -> list[Outcome]:
        """The outcomes of ``chunk``, each record sent back empty given its line again; what the worker
        reported is noted."""
        outcomes, report = cleaned
        for position in report.unchanged:
            outcomes[position] = outcomes[position]._replace(line=chunk[position][1])
        for lang, data in report.built.items():
            self.offer(lang, data)
        for lang in report.held & self.holders.keys():
            self.holders[lang].add(report.worker)
        return outcomes

    def new_pool(self) -> None:
        """The workers were replaced: none of the new ones holds anything yet."""
        for holders in self.holders.values():
            holders.clear()
