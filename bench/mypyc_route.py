"""Would compiling the hot modules with mypyc make ``clean`` faster? (issue #11: the route never measured)

    python bench/mypyc_route.py                    # the ten hot modules, 3 alternating pairs; about 5 minutes
    python bench/mypyc_route.py --modules declutter/pipeline.py,declutter/scan.py --pairs 2

Copies the checkout's tracked files (and its built ``_speedups`` extension, if any) to a temporary folder, compiles
the modules there with ``mypyc`` (needs ``mypy``; a C compiler), then runs the same child in alternating
subprocesses, once with the checkout on ``PYTHONPATH`` (pure Python) and once with the compiled copy:

* the output and removals of ``clean_and_explain`` over ``corpus/extracted`` and the WCXB dev split's trafilatura
  extractions (``$DECLUTTER_BENCH_CACHE/wcxb/trafilatura``), as one hash each: both trees must print the same;
* ``clean``'s CPU time (``time.process_time``) on the trafilatura extractions of ``corpus/aeb``, alone (one text
  after the other) and in the crawl loop (``trafilatura.extract`` of the page, then ``clean`` of its text), the
  best of ``--rounds`` in a warm process (every language set's database built first, as in ``bench/speed.py``).

One change to the sources is needed, and the copy gets it: the filters' ``Patterns`` classes are copied by
``filters.base.narrowed`` (``copy.copy``, then a gate set to ``NEVER``), which a mypyc native class refuses
(``__init__() missing required argument``), so they are marked ``@mypyc_attr(native_class=False)``. Nothing is
written to the checkout. Only ratios of one run are meaningful; see docs/performance.md, "The mypyc route".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOT = ("declutter/filters/base.py", "declutter/filters/chrome.py", "declutter/filters/bylines.py",
       "declutter/filters/promos.py", "declutter/filters/duplicates.py", "declutter/filters/captions.py",
       "declutter/blocks.py", "declutter/pipeline.py", "declutter/memo.py", "declutter/scan.py")
#: The modules whose ``Patterns`` class ``narrowed`` copies: it must stay a regular Python class.
COPIED_PATTERNS = ("declutter/filters/bylines.py", "declutter/filters/chrome.py", "declutter/filters/promos.py",
                   "declutter/filters/captions.py")

CHILD = r'''
import gzip, hashlib, os, sys, time
from pathlib import Path
tree, mode, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
import declutter
from declutter import pipeline, scan
assert declutter.__file__.startswith(tree), declutter.__file__
compiled = pipeline.__file__.endswith(".so")
warm = scan.using(scan.engine(), warmup=0)  # kept: the settings come back when it is collected
warm.__enter__()
if mode == "hash":
    cache = Path(os.environ.get("DECLUTTER_BENCH_CACHE") or Path(tree) / "bench" / ".cache")
    corpora = {"corpus/extracted": sorted(Path(tree, "corpus", "extracted").glob("*/*.txt")),
               "WCXB trafilatura": sorted((cache / "wcxb" / "trafilatura").glob("*.txt"))}
    for label, paths in corpora.items():
        digest = hashlib.sha256()
        for path in paths:
            result = declutter.clean_and_explain(path.read_text(encoding="utf-8"))
            digest.update(repr((result.text, [r.as_dict() for r in result.removals])).encode())
        print(f"{label} ({len(paths)} texts) {digest.hexdigest()[:16]}")
    sys.exit()
import trafilatura
pages = sorted(Path(tree, "corpus", "aeb", "html").glob("*.html.gz"))
htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
texts = [trafilatura.extract(h) or "" for h in htmls]
for _ in range(2):
    for t in texts:
        declutter.clean(t)
clock = time.process_time
def run(extract):
    spent = 0.0
    for h, t in zip(htmls, texts):
        if extract:
            trafilatura.extract(h)
        start = clock(); declutter.clean(t); spent += clock() - start
    return spent
alone, loop = [], []
for _ in range(rounds):
    alone.append(run(False)); loop.append(run(True))
print(compiled, min(alone), min(loop), sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6)
'''


def copy_tree(target: Path) -> None:
    """The checkout's tracked files, and its in-place ``_speedups`` build if there is one."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    for built in (REPO / "declutter").glob("_speedups*.so"):
        shutil.copy2(built, target / "declutter" / built.name)


def mark_patterns_non_native(target: Path, modules: Sequence[str]) -> None:
    for name in set(modules) & set(COPIED_PATTERNS):
        path = target / name
        source = path.read_text(encoding="utf-8")
        source = source.replace("from __future__ import annotations\n",
                                "from __future__ import annotations\n\nfrom mypy_extensions import mypyc_attr\n", 1)
        source = re.sub(r"^class Patterns:", "@mypyc_attr(native_class=False)\nclass Patterns:", source, count=1,
                        flags=re.MULTILINE)
        path.write_text(source, encoding="utf-8")


def build(target: Path, modules: Sequence[str]) -> tuple[float, float]:
    """Compile ``modules`` in place in ``target``: (CPU seconds of the build's processes, wall seconds)."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "mypyc", *modules], cwd=target, capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode:
        sys.exit(f"mypyc failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return after.children_user + after.children_system - before.children_user - before.children_system, wall


def child(tree: Path, mode: str, rounds: int) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), mode, str(rounds)], cwd=tree, env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"child failed in {tree}:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def same_output(trees: dict[str, Path]) -> None:
    print("same output (clean_and_explain text and removals, sha256):")
    found = {name: child(tree, "hash", 0) for name, tree in trees.items()}
    for name, lines in found.items():
        print(f"  {name:9s} " + " | ".join(lines.splitlines()))
    print("  identical" if len(set(found.values())) == 1 else "  DIFFERENT")


def timings(trees: dict[str, Path], pairs: int, rounds: int) -> None:
    """Alternating subprocesses; each prints its best round; the median over the pairs is printed."""
    seen: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
    size = 0.0
    for _ in range(pairs):
        for name, tree in trees.items():
            compiled, alone, loop, megabytes = child(tree, "time", rounds).split()
            assert (compiled == "True") == (name == "compiled"), (name, compiled)
            seen[name].append((float(alone), float(loop)))
            size = float(megabytes)
    print(f"clean's CPU time on corpus/aeb's trafilatura extractions ({size:.2f} MB), best of {rounds} rounds, "
          f"median of {pairs} processes each:")
    medians = {name: [statistics.median(v) for v in zip(*values, strict=True)] for name, values in seen.items()}
    for column, label in enumerate(("alone", "crawl loop")):
        pure, compiled = medians["pure"][column], medians["compiled"][column]
        print(f"  {label:10s} pure {pure * 1e3:6.1f} ms ({size / pure:5.1f} MB/s)   compiled {compiled * 1e3:6.1f} ms "
              f"({size / compiled:5.1f} MB/s)   speed-up {pure / compiled:.2f}x")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", default=",".join(HOT), help="files to compile, comma-separated")
    parser.add_argument("--pairs", type=int, default=3, help="alternating pure/compiled process pairs")
    parser.add_argument("--rounds", type=int, default=4, help="alone + loop rounds in each process (best counts)")
    parser.add_argument("--keep", action="store_true", help="keep the compiled copy (its path is printed)")
    args = parser.parse_args(argv)
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    target = Path(tempfile.mkdtemp(prefix="declutter-mypyc-"))

    def build_copy() -> tuple[float, float]:
        copy_tree(target)
        mark_patterns_non_native(target, modules)
        return build(target, modules)

    return compare(target, f"mypyc build of {len(modules)} modules", build_copy, args)


def compare(target: Path, label: str, build_copy: Callable[[], tuple[float, float]], args: argparse.Namespace) -> int:
    """Build the compiled copy in ``target``, check it gives the same output, time both trees; ``--keep`` keeps it."""
    try:
        cpu, wall = build_copy()
        print(f"{label}: {cpu:.1f} s CPU, {wall:.1f} s wall")
        trees = {"pure": REPO, "compiled": target}
        same_output(trees)
        timings(trees, args.pairs, args.rounds)
    finally:
        if args.keep:
            print(f"compiled copy kept in {target}")
        else:
            shutil.rmtree(target, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
