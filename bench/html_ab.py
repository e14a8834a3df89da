"""A/B of HTML mode's speed: ``clean_html`` of two checkouts, and each one's cost next to ``trafilatura.extract``.

Usage::

    python bench/html_ab.py OLD_CHECKOUT [NEW_CHECKOUT] [--rounds 7]   # NEW defaults to this checkout

Each checkout runs in its own process (its package first on ``sys.path``),
warmed by one pass over the pages; then the rounds alternate the two
processes (which goes first swaps every round), each timing
``trafilatura.extract`` and ``clean_html`` over corpus/aeb's pages in CPU
seconds. On a shared machine only figures of one run compare: the printed
ratios are medians of per-round ratios.
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "corpus" / "aeb" / "html"


def worker() -> None:
    """Run inside a checkout: time what stdin asks for (``extract`` or ``clean``), print CPU seconds."""
    import trafilatura

    import declutter

    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(PAGES.glob("*.html.gz"))]
    for html in htmls:
        declutter.clean_html(html)
        trafilatura.extract(html)
    print(f"ready {declutter.__file__}", flush=True)
    for line in sys.stdin:
        run = trafilatura.extract if line.strip() == "extract" else declutter.clean_html
        start = time.process_time()
        for html in htmls:
            run(html)
        print(f"{time.process_time() - start:.4f}", flush=True)


def start(checkout: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    proc = subprocess.Popen([sys.executable, __file__, "--worker"], cwd=checkout, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    print(f"  {checkout}: {proc.stdout.readline().strip()}")
    return proc


def ask(proc: subprocess.Popen[str], what: str) -> float:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(what + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the checkout to compare against (a worktree of main)")
    parser.add_argument("new", type=Path, nargs="?", default=REPO, help="the checkout measured (default: this one)")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    if argv is None and sys.argv[1:] == ["--worker"]:
        worker()
        return 0
    args = parser.parse_args(argv)
    procs = {"old": start(args.old.resolve()), "new": start(args.new.resolve())}
    times: dict[tuple[str, str], list[float]] = {(n, w): [] for n in procs for w in ("extract", "clean")}
    for round_ in range(args.rounds):
        order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
        for what in ("extract", "clean"):
            for name in order:
                times[(name, what)].append(ask(procs[name], what))
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    for name in procs:
        ratios = [c / e for c, e in zip(times[(name, "clean")], times[(name, "extract")], strict=True)]
        print(f"  {name}: clean_html / trafilatura.extract {statistics.median(ratios):.3f} "
              f"(rounds {', '.join(f'{r:.3f}' for r in ratios)}); clean_html "
              f"{statistics.median(times[(name, 'clean')]):.3f} s CPU")
    per_round = [n / o for n, o in zip(times[("new", "clean")], times[("old", "clean")], strict=True)]
    print(f"  new / old clean_html CPU: {statistics.median(per_round):.3f} "
          f"(rounds {', '.join(f'{r:.3f}' for r in per_round)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
