"""The ``declutter`` command: a thin layer over the library.

``main(argv) -> int`` never calls ``sys.exit`` so tests run it in-process.
Text is read as bytes and decoded as UTF-8 with ``surrogateescape``: bytes
that are not UTF-8 pass through to the output unchanged. Exit status: 0 ok,
1 bad input, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr
from dataclasses import dataclass, replace
from typing import IO, BinaryIO

from declutter import __version__, list_filters, scan
from declutter.batch import Batch
from declutter.config import DEFAULT_FILTERS, Config
from declutter.errors import ConfigError, DeclutterError, InputError
from declutter.parallel import Options, clean_lines, clean_record
from declutter.pipeline import Removal, Result
from declutter.progress import Progress
from declutter.rules import Kind, check_selector, load_rules
from declutter.sitemodel import load_model
from declutter.stats import Stats, Summary
from declutter.vocab import AUTO, available_languages

OK, BAD_INPUT, USAGE, INTERRUPTED = 0, 1, 2, 130
ENCODING, ERRORS = "utf-8", "surrogateescape"
#: Default size limit of one JSON Lines record, in MiB (``--max-record-mb``).
MAX_RECORD_MB = 100
_CHUNK = 1 << 20


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="declutter",
        description="Remove duplicated captions, repeated leads, bylines and promo sections from scraped text.",
        epilog="Exit status: 0 ok, 1 bad input, 2 usage error, 130 interrupted. See docs/cli.md for every option.")
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="input file(s); '-' or nothing reads stdin. Several text or HTML files need "
                             "--output-dir; several --jsonl files are read one after the other")
    parser.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    parser.add_argument("--output-dir", metavar="DIR",
                        help="write each FILE's output to DIR under the same file name (atomically)")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar on stderr for --jsonl and several files (default: only "
                             "when stderr is a terminal)")
    parser.add_argument("--stats", action="store_const", const="text",
                        help="print a summary on stderr at the end: records, changed, removed blocks and "
                             "characters per filter and reason; --stats=json prints one JSON object")
    parser.add_argument("--stats-format", choices=("text", "json"), help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help="write each removal to stderr as a JSON line")
    parser.add_argument("--diff", action="store_true", help="print removed blocks marked in context instead")
    parser.add_argument("--html", action="store_true",
                        help="input is an HTML page: print its main text without clutter")
    parser.add_argument("--markdown", action="store_true",
                        help="input is Markdown: print it without clutter, as Markdown; "
                             "with --html: print the page's main content as Markdown")
    parser.add_argument("--jsonl", action="store_true", help="input is JSON Lines; clean one field per record")
    parser.add_argument("--field", default="text", help="JSON Lines field to clean (default: text)")
    parser.add_argument("--explain-key", metavar="KEY", help="JSON Lines: add the removals to each record here")
    parser.add_argument("--jobs", type=_jobs, default=1, metavar="N",
                        help="JSON Lines: clean in N processes, order kept (0: one per CPU; default 1)")
    parser.add_argument("--errors-ok", action="store_true",
                        help="JSON Lines: exit 0 even if some records were passed through unchanged and reported")
    parser.add_argument("--max-record-mb", type=_positive_int, default=MAX_RECORD_MB, metavar="N",
                        help=f"JSON Lines: pass longer lines through unchanged, reported (default {MAX_RECORD_MB})")
    parser.add_argument("--filters", help=f"comma-separated filters to run (default: {','.join(DEFAULT_FILTERS)})")
    parser.add_argument("--disable", help="comma-separated filters to leave out")
    parser.add_argument("--keep-captions", action="store_true", help="keep the first copy of each caption")
    parser.add_argument("--lang", default=AUTO,
                        help=f"vocabulary language(s): 'auto' (default: detect per document, always with en), "
                             f"a code or a comma-separated list of: {', '.join(available_languages())}")
    parser.add_argument("--remove", action="append", default=[], metavar="REGEX",
                        help="also remove blocks matching REGEX (repeatable)")
    parser.add_argument("--protect", action="append", default=[], metavar="REGEX",
                        help="never remove blocks matching REGEX (repeatable)")
    parser.add_argument("--remove-selector", action="append", default=[], metavar="CSS",
                        help="HTML mode: also remove elements matching CSS (repeatable)")
    parser.add_argument("--protect-selector", action="append", default=[], metavar="CSS",
                        help="HTML mode: never remove elements matching CSS (repeatable)")
    parser.add_argument("--rules", metavar="FILE", help="per-site remove/protect rules (TOML or JSON)")
    parser.add_argument("--model", metavar="FILE", help="site model from 'declutter fit': drop site-wide blocks")
    parser.add_argument("--url", help="the input's URL (for --model and --rules on a single file)")
    parser.add_argument("--url-field", default="url", help="JSON Lines field holding the page URL (default: url)")
    parser.add_argument("--list-filters", action="store_true", help="list the filters and exit")
    parser.add_argument("--version", action="version",
                        version=f"declutter {__version__} (engine: {scan.engine_description()})")
    return parser


def config_from_args(args: argparse.Namespace) -> Config:
    """The :class:`Config` the command-line options describe."""
    filters = _names(args.filters) if args.filters else DEFAULT_FILTERS
    disabled = set(_names(args.disable or ""))
    unknown = (set(filters) | disabled) - set(list_filters())
    if unknown:
        raise ConfigError(f"unknown filter {', '.join(sorted(unknown))}; available: {', '.join(list_filters())}")
    for selector in args.remove_selector + args.protect_selector:
        check_selector(selector, "command line")
    return replace(Config(), filters=tuple(f for f in filters if f not in disabled), lang=args.lang,
                   keep_captions=args.keep_captions, remove_patterns=tuple(args.remove),
                   protect_patterns=tuple(args.protect), remove_selectors=tuple(args.remove_selector),
                   protect_selectors=tuple(args.protect_selector),
                   site_model=load_model(args.model) if args.model and "site" not in disabled else None)


def _jobs(value: str) -> int:
    """``--jobs`` value: a count of processes, 0 meaning one per CPU."""
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {value!r}") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per CPU) or more, got {jobs}")
    return jobs or os.cpu_count() or 1


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {value!r}")
    return int(value)


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def main(argv: Sequence[str] | None = None, stdin: BinaryIO | None = None,
         stdout: BinaryIO | None = None, stderr: IO[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    stderr = stderr or sys.stderr
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["fit"]:
        from declutter import cli_fit

        return cli_fit.main(argv[1:], stdin, stderr)
    try:
        with redirect_stderr(stderr):  # usage errors go where the caller asked, not to sys.stderr
            args = build_parser().parse_args(_stats_format(argv))
        job = Batch(config_from_args(args), load_rules(args.rules) if args.rules else None)
        _check_args(args)
    except SystemExit as exc:
        return int(exc.code or 0)
    except DeclutterError as exc:
        return _fail(stderr, exc, USAGE)
    if args.list_filters:
        return _list_filters(stdout)
    status = _guarded_run(args, job, stdin, stdout, stderr)
    if status in (OK, BAD_INPUT):
        _report_unmatched(job, stderr)
    return status


def _stats_format(argv: list[str]) -> list[str]:
    """``--stats=json`` as ``--stats --stats-format=json``: a plain ``--stats`` must not take the FILE after it."""
    out: list[str] = []
    for position, arg in enumerate(argv):
        if arg == "--":
            return out + argv[position:]
        form = arg.partition("=")[2] if arg.startswith("--stats=") else None
        out.extend(["--stats", f"--stats-format={form}"] if form in ("text", "json") else [arg])
    return out


def _check_args(args: argparse.Namespace) -> None:
    """Refuse option combinations that cannot work, before any input is read."""
    args.files = args.files or ["-"]
    args.stats = args.stats_format or args.stats
    several = len(args.files) > 1
    if args.model and not (args.jsonl or args.url):
        raise ConfigError("--model needs each page's URL: give --url URL, or use --jsonl with a URL field")
    if args.html and (args.jsonl or args.diff):
        raise ConfigError("--html cannot be combined with --jsonl or --diff")
    if args.jobs > 1 and not args.jsonl:
        raise ConfigError("--jobs needs --jsonl (a single document is cleaned in one process)")
    if several and not (args.jsonl or args.output_dir):
        raise ConfigError("several text or HTML files need --output-dir DIR (each file is cleaned on its own; "
                          "documents are never joined)")
    if several and args.url:
        raise ConfigError("--url names one page; with several files use --jsonl and a URL field")
    if args.output_dir:
        _check_output_dir(args)


def _check_output_dir(args: argparse.Namespace) -> None:
    if args.output:
        raise ConfigError("give either -o FILE or --output-dir DIR, not both")
    if "-" in args.files:
        raise ConfigError("--output-dir needs named input files, not '-' (stdin has no file name)")
    if not os.path.isdir(args.output_dir):
        raise ConfigError(f"--output-dir {args.output_dir}: not a directory")
    names = [os.path.basename(path) for path in args.files]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ConfigError(f"--output-dir: several input files are named {', '.join(twice)}")
    for path in args.files:
        if os.path.realpath(os.path.dirname(path) or ".") == os.path.realpath(args.output_dir):
            raise ConfigError(f"--output-dir would write over the input {path}; choose another folder")


def _report_unmatched(job: Batch, stderr: IO[str]) -> None:
    """Write each rule that matched nothing in this run to stderr."""
    for rule in job.unmatched():
        note = " (selectors apply to HTML input only)" if rule.kind == Kind.SELECTOR else ""
        stderr.write(f"declutter: warning: rule matched nothing in this run: {rule.describe()}{note}\n")


def _guarded_run(args: argparse.Namespace, job: Batch, stdin: BinaryIO, stdout: BinaryIO,
                 stderr: IO[str]) -> int:
    """Run, turning interrupts, broken pipes and input errors into exit codes; then print ``--stats``."""
    progress = Progress(stderr, _progress_on(args, stderr), _total_size(args.files))
    run = _Run(args, job, progress.wrap(stderr), Stats(), progress)
    try:
        status = _run(stdin, stdout, run)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return OK
    except (DeclutterError, OSError) as exc:
        return _fail(stderr, exc, BAD_INPUT)
    finally:
        run.progress.close()
    if args.stats:
        _write_stats(stderr, run.stats, args.stats)
    return status


@dataclass
class _Run:
    """One run's settings, where its messages go, the summary so far and the progress bar."""

    args: argparse.Namespace
    job: Batch
    stderr: IO[str]
    stats: Stats
    progress: Progress
    #: The file being read, named in reports and explanations when a run reads several.
    name: str | None = None

    def done(self, nbytes: int, result: Result | None = None, summary: Summary | None = None) -> None:
        """One record done (``nbytes`` of input): count its result, or count it as passed through."""
        if result is not None:
            self.stats.add(result)
        elif summary is not None:
            self.stats.add_summary(summary)
        else:
            self.stats.add_passed_through()
        self.progress.update(nbytes, self.stats)


def _progress_on(args: argparse.Namespace, stderr: IO[str]) -> bool:
    """``--progress``/``--no-progress``, else on when stderr is a terminal; only for --jsonl or several files."""
    if not (args.jsonl or len(args.files) > 1):
        return False
    if args.progress is not None:
        return bool(args.progress)
    try:
        return stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _total_size(paths: Sequence[str]) -> int | None:
    """The inputs' total size in bytes, when every one is a regular file."""
    try:
        sizes = [os.stat(path).st_size for path in paths if path != "-" and os.path.isfile(path)]
    except OSError:
        return None
    return sum(sizes) if len(sizes) == len(paths) else None


def _write_stats(stderr: IO[str], stats: Stats, form: str) -> None:
    if form == "json":
        stderr.write(json.dumps(stats.as_dict()) + "\n")
    else:
        stderr.write("".join(f"declutter: {line}\n" for line in stats.format().splitlines()))


def _list_filters(stdout: BinaryIO) -> int:
    for name, summary in list_filters().items():
        stdout.write(f"{name:12} {summary}\n".encode())
    return OK


def _fail(stderr: IO[str], exc: Exception, status: int) -> int:
    stderr.write(f"declutter: error: {exc}\n")
    return status


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at devnull so exit does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _run(stdin: BinaryIO, stdout: BinaryIO, run: _Run) -> int:
    """Clean every input file in turn: each to its own file with --output-dir, else all to one output."""
    status, args = OK, run.args
    if args.output_dir:
        for path in args.files:
            target = os.path.join(args.output_dir, os.path.basename(path))
            with _open_input(path, stdin) as source, _open_output(target, stdout) as output:
                status = max(status, _run_one(path, source, _Sink(output), run))
        return status
    with _open_output(args.output, stdout) as output:
        sink = _Sink(output)
        for path in args.files:
            if sink.open_line:  # the last record of the file before had no newline: keep records apart
                sink.write(b"\n")
            with _open_input(path, stdin) as source:
                status = max(status, _run_one(path, source, sink, run))
    return status


class _Sink:
    """An output that remembers whether its last byte ended a line."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.open_line = False

    def write(self, data: bytes) -> int:
        if data:
            self.open_line = not data.endswith(b"\n")
        return self.raw.write(data)


def _clean_text(text: str, job: Batch, args: argparse.Namespace) -> tuple[str, Result]:
    """What to write for one text (or, with --markdown, Markdown) input, and its result."""
    if args.markdown:
        result = job.explain_markdown(text, args.url)
        return (render_markdown_diff(text, result) if args.diff else result.text), result
    result = job.explain(text, args.url)
    return (render_diff(text, result) if args.diff else result.text), result


def _run_one(path: str, source: BinaryIO, sink: _Sink, run: _Run) -> int:
    args = run.args
    if args.jsonl:
        run.name = path if len(args.files) > 1 else None
        return run_jsonl(source, sink, run.stderr, run.job, args, run)
    data = source.read()
    if args.html:
        result = run.job.explain_html(data, args.url, "markdown" if args.markdown else "text")
        out = result.text if not result.text or result.text.endswith("\n") else result.text + "\n"
    else:
        out, result = _clean_text(data.decode(ENCODING, ERRORS), run.job, args)
    sink.write(out.encode(ENCODING, ERRORS))
    if args.explain:
        _write_notes(run.stderr, result)
        _write_explain(run.stderr, result.removals, raw_text=not args.html)
    run.done(len(data), result)
    return OK


def _write_notes(stderr: IO[str], result: Result) -> None:
    """HTML mode's notes (page type, refused removals, rescues: records with a ``note`` key), before the removals."""
    for note in getattr(result, "notes", ()):
        stderr.write(json.dumps(note.as_dict(), ensure_ascii=False) + "\n")


@contextmanager
def _open_input(path: str, stdin: BinaryIO) -> Iterator[BinaryIO]:
    if path == "-":
        yield stdin
        return
    if os.path.isdir(path):
        raise InputError(f"{path}: is a directory, not a file")
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; open errors need their own message)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        yield handle


@contextmanager
def _open_output(path: str | None, stdout: BinaryIO) -> Iterator[BinaryIO]:
    """stdout, or a temporary file renamed over ``path`` only on success."""
    if path is None:
        yield stdout
        stdout.flush()
        return
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".declutter-", dir=folder)
    try:
        os.chmod(tmp, _output_mode(path))
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _output_mode(path: str) -> int:
    """The mode the output file should get: its current one, else 0o666 less the umask.

    ``mkstemp`` creates files readable by their owner only; without this an
    output file would lose the permissions a plain ``>`` redirect gives.
    """
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _write_explain(stderr: IO[str], removals: Sequence[Removal], record: int | None = None,
                   raw_text: bool = False, name: str | None = None) -> None:
    """One JSON object per removal; see :func:`explain_json` for text that held non-UTF-8 bytes."""
    for removal in removals:
        data = removal.as_dict()
        if record is not None:
            data = {"record": record, **data}
            if name is not None:
                data = {"file": name, **data}
        stderr.write(explain_json(data, raw_text) + "\n")


_SURROGATE = re.compile("[\ud800-\udfff]")


def explain_json(data: dict[str, object], raw_text: bool = False) -> str:
    """``data`` as one line of strict JSON (valid UTF-8, no lone surrogates).

    Text input is decoded with ``surrogateescape``, so a byte that is not
    UTF-8 is a lone surrogate in a removal's text, which strict JSON readers
    reject. With ``raw_text``, such a string is written with U+FFFD for each
    of those bytes, and its exact bytes go beside it, base64-encoded, under
    the key plus ``_base64``::

        >>> explain_json({"text": "caf\\udce9"}, raw_text=True)
        '{"text": "caf\ufffd", "text_base64": "Y2Fm6Q=="}'

    Elsewhere (JSON Lines, whose strings may hold a ``\\ud800`` escape) a lone
    surrogate is written back as the same JSON escape.
    """
    line = json.dumps(_with_bytes(data) if raw_text else data, ensure_ascii=False)
    if _SURROGATE.search(line) is None:
        return line
    return line.encode(ENCODING, "backslashreplace").decode(ENCODING)


def _with_bytes(data: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raw = value.encode(ENCODING, ERRORS)
            out[key] = raw.decode(ENCODING, "replace")
            out[f"{key}_base64"] = base64.b64encode(raw).decode("ascii")
        else:
            out[key] = value
    return out


def render_diff(text: str, result: Result) -> str:
    """The input with removed blocks marked ``-`` and their reason, kept ones indented."""
    from declutter.blocks import split_text

    removed = {r.index: r for r in result.removals}
    lines = []
    for block in split_text(text).blocks:
        removal = removed.get(block.index)
        if removal is None:
            lines.append(f"  {block.text}")
        else:
            lines.append(f"- {block.text}    [{removal.filter}: {removal.reason}]")
    return "\n".join(lines) + "\n" if lines else ""


def render_markdown_diff(md: str, result: Result) -> str:
    """The Markdown input, block by block: removed blocks' lines marked ``-`` (the first with the
    filter and reason), kept ones indented."""
    from declutter.markdown.parse import parse_markdown

    removed = {r.index: r for r in result.removals}
    lines: list[str] = []
    for index, source in enumerate(parse_markdown(md).sources):
        removal = removed.get(index)
        rows = source.splitlines() or [""]
        if removal is None:
            lines.extend(f"  {row}" for row in rows)
        else:
            lines.append(f"- {rows[0]}    [{removal.filter}: {removal.reason}]")
            lines.extend(f"- {row}" for row in rows[1:])
    return "\n".join(lines) + "\n" if lines else ""


def run_jsonl(source: BinaryIO, sink: BinaryIO | _Sink, stderr: IO[str], job: Batch,
              args: argparse.Namespace, run: _Run | None = None) -> int:
    """Clean one field of every JSON record; pass bad records through, reported.

    The input is read line by line (memory does not grow with the stream);
    ``--jobs N`` spreads the records over N processes, output order unchanged.
    Every input line becomes exactly one output line, in order: a record that
    cannot be cleaned (bad JSON, bad field, too long) is written unchanged
    and reported on stderr with its line number (and the file's name, when
    a run reads several files).
    """
    run = run or _Run(args, job, stderr, Stats(), Progress(stderr, False))
    name = run.name
    limit = args.max_record_mb << 20
    options = Options(job.config, args.field, args.explain_key, args.url_field, job.rules, args.explain, limit,
                      getattr(args, "markdown", False))
    problems = 0
    read = _Counted(iter(lambda: source.readline(limit + 1), b""))
    where = f"{name}: " if name else ""
    for result in clean_lines(read, options, getattr(args, "jobs", 1), job):
        job.report.seen.update(result.matched)
        if result.oversize:
            copied = _copy_line(source, sink, result.line)
            read.size += copied
            problems += _report(stderr, where, result.number,
                                f"line of {len(result.line) + copied} bytes is over --max-record-mb "
                                f"{args.max_record_mb}")
        else:
            if result.problem is not None:
                problems += _report(stderr, where, result.number, result.problem)
            sink.write(result.line)
            if args.explain:
                _write_explain(stderr, result.removals, result.number, name=name)
        if result.problem is not None or result.summary is not None:
            run.done(read.take(), summary=result.summary)
    run.progress.update(read.take(), run.stats)
    return BAD_INPUT if problems and not args.errors_ok else OK


class _Counted:
    """Lines from ``lines``, counting the bytes read; ``take()`` returns those not yet counted."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self.lines, self.size, self.taken = lines, 0, 0

    def __iter__(self) -> Iterator[bytes]:
        for line in self.lines:
            self.size += len(line)
            yield line

    def take(self) -> int:
        new, self.taken = self.size - self.taken, self.size
        return new


def _report(stderr: IO[str], where: str, number: int, problem: str) -> int:
    stderr.write(f"declutter: {where}line {number}: {problem}; record passed through unchanged\n")
    return 1


def _copy_line(source: BinaryIO, sink: BinaryIO | _Sink, head: bytes) -> int:
    """Write ``head`` and the rest of its line, in chunks; return the bytes copied after ``head``."""
    sink.write(head)
    copied = 0
    while chunk := source.readline(_CHUNK):
        sink.write(chunk)
        copied += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return copied


__all__ = ["build_parser", "clean_record", "config_from_args", "main", "render_diff", "render_markdown_diff",
           "run_jsonl"]


def entry_point() -> None:
    """Console-script entry of earlier installs: ``sys.exit(main())``, 130 on Ctrl-C.

    The command now starts at :func:`declutter._command.entry_point`, which
    also catches a Ctrl-C that arrives while this module loads.
    """
    try:
        status = main()
    except KeyboardInterrupt:
        status = INTERRUPTED
    sys.exit(status)


if __name__ == "__main__":
    entry_point()
