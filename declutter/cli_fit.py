"""``declutter fit``: learn a site model from a JSON Lines file of pages.

    declutter fit --jsonl pages.jsonl --url-field url --field text --out site-model.json
    declutter --jsonl --model site-model.json pages.jsonl > clean.jsonl

Each record needs a URL (its domain names the site) and the page text.
Records that are not JSON objects or lack either field are reported on
stderr by line number and left out; the model is still written, and the
exit status is then 1. ``main`` in :mod:`declutter.cli` dispatches here when
the first argument is ``fit``, so ``declutter FILE`` keeps working (a file
that is itself named ``fit`` is cleaned with ``declutter ./fit``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr
from typing import IO, BinaryIO

from declutter.errors import DeclutterError, InputError
from declutter.sitemodel import (
    DEFAULT_MIN_PAGES,
    DEFAULT_THRESHOLD,
    build_model,
    check_settings,
    count_entries,
    page_entry,
)

OK, BAD_INPUT, USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="declutter fit",
        description="Learn the blocks each site repeats on its pages (navigation, footers, newsletter boxes) "
                    "and write them as a site model for 'declutter --model'.")
    parser.add_argument("--jsonl", required=True, metavar="FILE", help="pages as JSON Lines; '-' reads stdin")
    parser.add_argument("--field", default="text", help="field holding the page text (default: text)")
    parser.add_argument("--url-field", default="url", help="field holding the page URL (default: url)")
    parser.add_argument("--out", required=True, metavar="FILE", help="where to write the model (JSON)")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help=f"share of a domain's pages a block must be on (default: {DEFAULT_THRESHOLD})")
    parser.add_argument("--min-pages", type=int, default=DEFAULT_MIN_PAGES,
                        help=f"domains with fewer distinct pages are left out (default: {DEFAULT_MIN_PAGES})")
    return parser


def main(argv: Sequence[str], stdin: BinaryIO, stderr: IO[str]) -> int:
    """Run ``declutter fit``; returns the exit status."""
    try:
        with redirect_stderr(stderr):  # usage errors go where the caller asked, not to sys.stderr
            args = build_parser().parse_args(argv)
        check_settings(args.threshold, args.min_pages)
    except SystemExit as exc:
        return int(exc.code or 0)
    except DeclutterError as exc:
        stderr.write(f"declutter: error: {exc}\n")
        return USAGE
    try:
        return _fit(args, stdin, stderr)
    except (DeclutterError, OSError) as exc:
        stderr.write(f"declutter: error: {exc}\n")
        return BAD_INPUT


def _fit(args: argparse.Namespace, stdin: BinaryIO, stderr: IO[str]) -> int:
    problems: list[int] = []
    if args.jsonl == "-":
        pages, blocks = count_entries(_entries(stdin, args, stderr, problems))
    else:
        try:
            handle = open(args.jsonl, "rb")  # noqa: SIM115 (closed below; open errors need their own message)
        except OSError as exc:
            raise InputError(f"cannot read {args.jsonl}: {exc.strerror}") from None
        with handle:
            pages, blocks = count_entries(_entries(handle, args, stderr, problems))
    model = build_model(pages, blocks, args.threshold, args.min_pages)
    model.save(args.out)
    kept = sum(len(m.blocks) for m in model.domains.values())
    stderr.write(f"declutter fit: {sum(pages.values())} distinct pages of {len(pages)} domains; "
                 f"{len(model.domains)} domains with at least {args.min_pages} pages; "
                 f"{kept} boilerplate blocks written to {args.out}\n")
    return BAD_INPUT if problems else OK


def _entries(source: BinaryIO, args: argparse.Namespace, stderr: IO[str],
             problems: list[int]) -> Iterator[tuple[str, str, tuple[str, ...]] | None]:
    for number, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError as exc:
            record = exc
        if not isinstance(record, dict) or not isinstance(record.get(args.field), str) \
                or not isinstance(record.get(args.url_field), str):
            problems.append(number)
            stderr.write(f"declutter fit: line {number}: not a JSON object with string fields "
                         f"{args.url_field!r} and {args.field!r}; left out\n")
            continue
        yield page_entry(record[args.url_field], record[args.field])
