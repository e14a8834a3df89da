"""A/B of ``clean_markdown``'s speed: two checkouts, the same Markdown, alternating fresh processes.

Usage::

    DECLUTTER_BENCH_CACHE=/work/bench-cache python bench/markdown_ab.py OLD_CHECKOUT [NEW_CHECKOUT]
                                                                        [--rounds 4] [--repeats 2] [--every 1]

The texts are the Markdown conversions bench/markdown.py cached (``$DECLUTTER_BENCH_CACHE/markdown/*/*.md``,
every third WCXB page through html2text, markdownify and trafilatura; ``--every N`` takes every N-th file).
Each round runs each checkout in a new process (its package first on ``sys.path``) that warms both modes
with one pass, then times ``repeats`` passes of ``clean_markdown`` and of ``clean`` (text mode) over all
the texts, alternating, and prints the best CPU time of each; which checkout goes first swaps every round.
On a shared machine only the figures of one run compare: the printed ratios are medians of the rounds'.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _texts(every: int) -> list[str]:
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    folder = (Path(root) if root else REPO / "bench" / ".cache") / "markdown"
    files = sorted(folder.glob("*/*.md"))[::every]
    if not files:
        raise SystemExit(f"no cached Markdown conversions under {folder}: run bench/markdown.py first")
    return [path.read_text(encoding="utf-8", errors="surrogatepass") for path in files]


def worker(checkout: str, every: int, repeats: int) -> None:
    """Run inside a checkout: print the best CPU seconds of ``clean_markdown`` and of ``clean``."""
    import declutter

    if not declutter.__file__ or not declutter.__file__.startswith(checkout):
        raise SystemExit(f"declutter was imported from {declutter.__file__}, not from {checkout}")
    texts = _texts(every)

    def timed(clean: object) -> float:
        start = time.process_time()
        for text in texts:
            clean(text)  # type: ignore[operator]
        return time.process_time() - start

    timed(declutter.clean_markdown)
    timed(declutter.clean)
    markdown, plain = [], []
    for _ in range(repeats):
        markdown.append(timed(declutter.clean_markdown))
        plain.append(timed(declutter.clean))
    print(f"{min(markdown):.3f} {min(plain):.3f} {sum(len(t.encode('utf-8', 'surrogatepass')) for t in texts)}")


def _one(checkout: Path, args: argparse.Namespace) -> tuple[float, float, int]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    code = (f"import sys; sys.path.insert(0, {str(checkout)!r}); sys.path.insert(1, {str(REPO / 'bench')!r}); "
            f"import markdown_ab; markdown_ab.worker({str(checkout)!r}, {args.every}, {args.repeats})")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    markdown, plain, size = done.stdout.split()[-3:]
    return float(markdown), float(plain), int(size)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="the checkout to compare against")
    parser.add_argument("new", type=Path, nargs="?", default=REPO, help="the checkout compared (default: this one)")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="time every N-th cached conversion (default: all)")
    args = parser.parse_args(argv)
    times: dict[Path, list[tuple[float, float, int]]] = {args.old: [], args.new: []}
    for number in range(args.rounds):
        for checkout in (args.old, args.new) if number % 2 == 0 else (args.new, args.old):
            times[checkout].append(_one(checkout.resolve(), args))
            print(f"  round {number + 1} {checkout}: clean_markdown {times[checkout][-1][0]:.2f} s, "
                  f"clean {times[checkout][-1][1]:.2f} s", flush=True)
    size = times[args.old][0][2] / 1e6
    for name in (args.old, args.new):
        markdown = statistics.median(t[0] for t in times[name])
        plain = statistics.median(t[1] for t in times[name])
        ratio = statistics.median(t[1] / t[0] for t in times[name])
        print(f"{name}: clean_markdown {markdown:.2f} s ({size / markdown:.2f} MB/s), clean {plain:.2f} s "
              f"({size / plain:.2f} MB/s); clean_markdown's speed / clean's {ratio:.3f}x (medians)")
    ratios = [new[0] / old[0] for new, old in zip(times[args.new], times[args.old], strict=True)]
    print(f"clean_markdown's time, new / old, median of the rounds: {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
