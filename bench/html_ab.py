"""A/B of HTML mode's speed: ``clean_html`` of two checkouts, and each one's cost next to ``trafilatura.extract``.

Usage::

    python bench/html_ab.py OLD_CHECKOUT [NEW_CHECKOUT] [--rounds 7]   # NEW defaults to this checkout

The corpus/aeb case of ``bench/html_overhead.py ab`` (which also takes the
WCXB dev split): each checkout runs in its own process (its package first on
``sys.path``), warmed by one pass over the pages; then the rounds alternate
the two processes (which goes first swaps every round), each timing
``trafilatura.extract`` and ``clean_html`` over corpus/aeb's pages in CPU
seconds. On a shared machine only figures of one run compare: the printed
ratios are medians of per-round ratios.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import html_overhead  # a sibling script


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the checkout to compare against (a worktree of main)")
    parser.add_argument("new", type=Path, nargs="?", default=html_overhead.REPO,
                        help="the checkout measured (default: this one)")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    html_overhead.ab(args.old, args.new, "aeb", 1, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
