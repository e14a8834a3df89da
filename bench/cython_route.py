"""Would compiling the hot modules with Cython make ``clean`` faster, alone and in the crawl loop? (issue #11)

    python bench/cython_route.py                      # the hot modules, 3 alternating pairs; about 6 minutes
    python bench/cython_route.py --modules declutter/pipeline.py,declutter/scan.py --pairs 2
    python bench/cython_route.py --no-annotation-typing

Cython's pure-Python mode: the ``.py`` files are compiled as they are (``cythonize -i``, language level 3), with
a few source changes in the copy (:data:`SOURCE_FIXES`); the copy's extension modules then shadow its ``.py``
files. Like ``bench/mypyc_route.py`` (whose copy, hash and timing steps this reuses): the checkout's tracked files
(and its built ``_speedups``/``_build``) are copied to a temporary folder, compiled there, the output of both trees
is hashed (``clean_and_explain`` over ``corpus/extracted`` and the WCXB trafilatura extractions: both must print
the same), and ``clean``'s CPU time on corpus/aeb's extractions, alone and in the crawl loop (``trafilatura.extract``
then ``clean``), is timed in alternating processes of the two trees. ``--no-annotation-typing`` compiles with the
directive ``annotation_typing=False`` (Cython then ignores the type annotations instead of checking and using them).
Nothing is written to the checkout. Only ratios of one run are meaningful; see docs/performance.md, "Round eight".
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import mypyc_route  # bench/mypyc_route.py: the copy, the output hashes and the alternating timings

REPO = Path(__file__).resolve().parent.parent
#: mypyc_route's ten hot modules and the language detection.
HOT = (*mypyc_route.HOT, "declutter/detect.py")
#: The source changes Cython 3.3 needs, applied to the copy (same values, written so that Cython keeps Python's
#: semantics): it refuses a starred item in a list display ("starred expression is not allowed here"), and it types
#: ``len()`` and an ``enumerate`` counter as C integers, so ``1 << len(gates)`` became a C shift that overflows past
#: bit 31 (the gates' mask ``own`` came out 3 instead of 2**34 - 1, and the output changed): the shifted 1 is made a
#: Python object (``_ONE``, a module global) there.
SOURCE_FIXES = (
    ("declutter/scan.py", "max([self.always, *self.id_bits])", "max([self.always] + self.id_bits)"),
    ("declutter/scan.py", "1 << number", "_ONE << number"),
    ("declutter/scan.py", "1 << (len(gates)", "_ONE << (len(gates)"),
    ("declutter/scan.py", "(1 << len(gates)) - 1", "(_ONE << len(gates)) - 1"),
    ("declutter/scan.py", "\nCASE_FORMS = 16\n", "\nCASE_FORMS = 16\n_ONE = 1\n"),
)


def fix_sources(target: Path, modules: Sequence[str]) -> None:
    for name, old, new in SOURCE_FIXES:
        if name in modules:
            path = target / name
            source = path.read_text(encoding="utf-8")
            if old not in source:
                sys.exit(f"{name}: {old!r} not found (update SOURCE_FIXES)")
            path.write_text(source.replace(old, new), encoding="utf-8")


def build(target: Path, modules: Sequence[str], annotation_typing: bool) -> tuple[float, float]:
    """Compile ``modules`` in place in ``target``: (CPU seconds of the build's processes, wall seconds)."""
    before = os.times()
    start = time.perf_counter()
    directives = ["-X", f"annotation_typing={annotation_typing}"]
    done = subprocess.run([sys.executable, "-m", "Cython.Build.Cythonize",
                           "-i", "-3", "-q", *directives, *modules], cwd=target, capture_output=True, text=True,
                          check=False)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode:
        sys.exit(f"cythonize failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return after.children_user + after.children_system - before.children_user - before.children_system, wall


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--modules", default=",".join(HOT), help="files to compile, comma-separated")
    parser.add_argument("--pairs", type=int, default=3, help="alternating pure/compiled process pairs")
    parser.add_argument("--rounds", type=int, default=4, help="alone + loop rounds in each process (best counts)")
    parser.add_argument("--no-annotation-typing", action="store_true", help="compile with annotation_typing=False")
    parser.add_argument("--keep", action="store_true", help="keep the compiled copy (its path is printed)")
    args = parser.parse_args(argv)
    modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    target = Path(tempfile.mkdtemp(prefix="declutter-cython-"))

    def build_copy() -> tuple[float, float]:
        mypyc_route.copy_tree(target)
        for built in (REPO / "declutter").glob("_build*.so"):
            shutil.copy2(built, target / "declutter" / built.name)
        fix_sources(target, modules)
        return build(target, modules, not args.no_annotation_typing)

    return mypyc_route.compare(target, f"Cython build of {len(modules)} modules", build_copy, args)


if __name__ == "__main__":
    sys.exit(main())
