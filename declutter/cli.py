"""The ``declutter`` command: a thin layer over the library.

``main(argv) -> int`` never calls ``sys.exit`` so tests run it in-process.
Text is read as bytes and decoded as UTF-8 with ``surrogateescape``: bytes
that are not UTF-8 pass through to the output unchanged. Exit status: 0 ok,
1 bad input, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, redirect_stderr
from dataclasses import replace
from typing import IO, BinaryIO

from declutter import __version__, list_filters, scan
from declutter.batch import Batch
from declutter.config import DEFAULT_FILTERS, Config
from declutter.errors import ConfigError, DeclutterError, InputError
from declutter.parallel import Options, clean_lines, clean_record
from declutter.pipeline import Removal, Result
from declutter.rules import Kind, check_selector, load_rules
from declutter.sitemodel import load_model
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
        epilog="Exit status: 0 ok, 1 bad input, 2 usage error. See README.md for every option.")
    parser.add_argument("file", nargs="?", default="-", help="input file; '-' or nothing reads stdin")
    parser.add_argument("-o", "--output", help="write here (atomically) instead of stdout")
    parser.add_argument("--explain", action="store_true", help="write each removal to stderr as a JSON line")
    parser.add_argument("--diff", action="store_true", help="print removed blocks marked in context instead")
    parser.add_argument("--html", action="store_true",
                        help="input is an HTML page: print its main text without clutter")
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
            args = build_parser().parse_args(argv)
        job = Batch(config_from_args(args), load_rules(args.rules) if args.rules else None)
        if args.model and not (args.jsonl or args.url):
            raise ConfigError("--model needs each page's URL: give --url URL, or use --jsonl with a URL field")
        if args.html and (args.jsonl or args.diff):
            raise ConfigError("--html cannot be combined with --jsonl or --diff")
    except SystemExit as exc:
        return int(exc.code or 0)
    except DeclutterError as exc:
        return _fail(stderr, exc, USAGE)
    if args.list_filters:
        return _list_filters(stdout)
    if args.jobs > 1 and not args.jsonl:
        return _fail(stderr, ConfigError("--jobs needs --jsonl (a single document is cleaned in one process)"), USAGE)
    status = _guarded_run(args, job, stdin, stdout, stderr)
    if status in (OK, BAD_INPUT):
        _report_unmatched(job, stderr)
    return status


def _report_unmatched(job: Batch, stderr: IO[str]) -> None:
    """Write each rule that matched nothing in this run to stderr."""
    for rule in job.unmatched():
        note = " (selectors apply to HTML input only)" if rule.kind == Kind.SELECTOR else ""
        stderr.write(f"declutter: warning: rule matched nothing in this run: {rule.describe()}{note}\n")


def _guarded_run(args: argparse.Namespace, job: Batch, stdin: BinaryIO, stdout: BinaryIO,
                 stderr: IO[str]) -> int:
    """Run, turning interrupts, broken pipes and input errors into exit codes."""
    try:
        return _run(args, job, stdin, stdout, stderr)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return OK
    except (DeclutterError, OSError) as exc:
        return _fail(stderr, exc, BAD_INPUT)


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


def _run(args: argparse.Namespace, job: Batch, stdin: BinaryIO, stdout: BinaryIO,
         stderr: IO[str]) -> int:
    with _open_input(args.file, stdin) as source, _open_output(args.output, stdout) as sink:
        if args.jsonl:
            return run_jsonl(source, sink, stderr, job, args)
        if args.html:
            return _run_html(source, sink, stderr, job, args)
        text = source.read().decode(ENCODING, ERRORS)
        result = job.explain(text, args.url)
        sink.write((render_diff(text, result) if args.diff else result.text).encode(ENCODING, ERRORS))
        if args.explain:
            _write_explain(stderr, result.removals)
    return OK


def _run_html(source: BinaryIO, sink: BinaryIO, stderr: IO[str], job: Batch, args: argparse.Namespace) -> int:
    """Clean one HTML page (bytes: its charset is detected); the text ends with a newline."""
    result = job.explain_html(source.read(), args.url)
    text = result.text if not result.text or result.text.endswith("\n") else result.text + "\n"
    sink.write(text.encode(ENCODING, ERRORS))
    if args.explain:
        _write_explain(stderr, result.removals)
    return OK


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


def _write_explain(stderr: IO[str], removals: Sequence[Removal], record: int | None = None) -> None:
    for removal in removals:
        data = removal.as_dict()
        if record is not None:
            data = {"record": record, **data}
        stderr.write(json.dumps(data, ensure_ascii=False) + "\n")


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


def run_jsonl(source: BinaryIO, sink: BinaryIO, stderr: IO[str], job: Batch,
              args: argparse.Namespace) -> int:
    """Clean one field of every JSON record; pass bad records through, reported.

    The input is read line by line (memory does not grow with the stream);
    ``--jobs N`` spreads the records over N processes, output order unchanged.
    Every input line becomes exactly one output line, in order: a record that
    cannot be cleaned (bad JSON, bad field, too long) is written unchanged
    and reported on stderr with its line number.
    """
    limit = args.max_record_mb << 20
    options = Options(job.config, args.field, args.explain_key, args.url_field, job.rules, args.explain, limit)
    problems = 0
    lines = iter(lambda: source.readline(limit + 1), b"")
    for result in clean_lines(lines, options, getattr(args, "jobs", 1), job):
        job.report.seen.update(result.matched)
        if result.oversize:
            size = len(result.line) + _copy_line(source, sink, result.line)
            problems += _report(stderr, result.number,
                                f"line of {size} bytes is over --max-record-mb {args.max_record_mb}")
            continue
        if result.problem is not None:
            problems += _report(stderr, result.number, result.problem)
        sink.write(result.line)
        if args.explain:
            _write_explain(stderr, result.removals, result.number)
    return BAD_INPUT if problems and not args.errors_ok else OK


def _report(stderr: IO[str], number: int, problem: str) -> int:
    stderr.write(f"declutter: line {number}: {problem}; record passed through unchanged\n")
    return 1


def _copy_line(source: BinaryIO, sink: BinaryIO, head: bytes) -> int:
    """Write ``head`` and the rest of its line, in chunks; return the bytes copied after ``head``."""
    sink.write(head)
    copied = 0
    while chunk := source.readline(_CHUNK):
        sink.write(chunk)
        copied += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return copied


__all__ = ["build_parser", "clean_record", "config_from_args", "main", "render_diff", "run_jsonl"]


def entry_point() -> None:
    """Console-script entry: ``sys.exit(main())``."""
    sys.exit(main())


if __name__ == "__main__":
    entry_point()
