"""A/B of ``clean``'s speed: two checkouts, the same texts, alternating fresh processes.

Usage::

    python bench/clean_ab.py OLD_CHECKOUT [NEW_CHECKOUT] [--texts aeb|wcxb|loop] [--engine hyperscan]
                             [--rounds 6] [--repeats 5]

``aeb``: ``clean`` over trafilatura's extractions of corpus/aeb's pages;
``wcxb``: over the WCXB dev extractions in ``$DECLUTTER_BENCH_CACHE``;
``loop``: the crawl loop (extract a page, clean it, the next page), timing
``clean`` only. Each round runs each checkout in a new process (its package
first on ``sys.path``, its databases built at once, warmed by one pass) that
prints the best CPU time of ``--repeats`` passes; which goes first swaps
every round. On a shared machine only the figures of one run compare: the
printed ratio is the median of the per-round ratios.
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


def _texts(kind: str) -> list[str]:
    if kind == "wcxb":
        root = os.environ.get("DECLUTTER_BENCH_CACHE")
        folder = (Path(root) if root else REPO / "bench" / ".cache") / "wcxb" / "trafilatura"
        texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
        if not texts:
            raise SystemExit(f"no WCXB extractions in {folder} (see bench/wcxb.py and $DECLUTTER_BENCH_CACHE)")
        return texts
    import trafilatura

    return [trafilatura.extract(html) or "" for html in _htmls()]


def _htmls() -> list[str]:
    return [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in sorted(PAGES.glob("*.html.gz"))]


def worker(checkout: str, kind: str, engine: str, repeats: int) -> None:
    """Run inside a checkout: print the best CPU milliseconds of ``clean`` over ``repeats`` passes."""
    import declutter
    from declutter import scan

    if not declutter.__file__ or not declutter.__file__.startswith(checkout):
        raise SystemExit(f"declutter was imported from {declutter.__file__}, not from {checkout}")

    if kind == "loop":
        import trafilatura

        htmls = _htmls()

        def run() -> float:
            spent = 0.0
            for html in htmls:
                text = trafilatura.extract(html) or ""
                start = time.process_time()
                declutter.clean(text)
                spent += time.process_time() - start
            return spent
    else:
        texts = _texts(kind)

        def run() -> float:
            start = time.process_time()
            for text in texts:
                declutter.clean(text)
            return time.process_time() - start

    with scan.using(engine, warmup=0):
        run()
        print(f"{min(run() for _ in range(repeats)) * 1e3:.2f}")


def _one(checkout: Path, args: argparse.Namespace) -> float:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    code = (f"import sys; sys.path.insert(0, {str(checkout)!r}); sys.path.insert(1, {str(REPO / 'bench')!r}); "
            f"import clean_ab; clean_ab.worker({str(checkout)!r}, {args.texts!r}, {args.engine!r}, {args.repeats})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return float(done.stdout.split()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the checkout to compare against")
    parser.add_argument("new", type=Path, nargs="?", default=REPO, help="the checkout compared (default: this one)")
    parser.add_argument("--texts", choices=("aeb", "wcxb", "loop"), default="aeb")
    parser.add_argument("--engine", default="hyperscan")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    times: dict[Path, list[float]] = {args.old: [], args.new: []}
    for number in range(args.rounds):
        for checkout in (args.old, args.new) if number % 2 == 0 else (args.new, args.old):
            times[checkout].append(_one(checkout.resolve(), args))
    ratios = [new / old for new, old in zip(times[args.new], times[args.old], strict=True)]
    print(f"{args.texts}, {args.engine}: old {times[args.old]} ms, new {times[args.new]} ms")
    print(f"median old {statistics.median(times[args.old]):.1f} ms, new {statistics.median(times[args.new]):.1f} ms; "
          f"new / old, median of the rounds: {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
