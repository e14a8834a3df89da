"""Mutation check: break declutter on purpose, and see which test names the promise that broke.

Each mutant is one small edit to a copy of the package (in a temporary folder;
the checkout is never touched): a filter that selects nothing, one that
removes everything, the fixpoint run once, a promo section that runs to the
end, a caption rule that takes any block ending in ")", a filter that raises
a DeclutterError, and more (``--list``). For each, the fast suite runs on the
copy (``PYTHONPATH`` at the copy, ``-x``, ``-m 'not slow'``, the files in
:data:`SUBSET`), restricted with ``-k`` to the tests that name the promise the
mutant breaks (``test_keeps_content_*``, ``test_removes_clutter_*``,
``test_idempotent_*``, ``test_accounts_*``, ``test_deterministic_*``,
``test_never_raises_*``), and the first such test that fails is the one that
caught it. A mutant no promise test catches fails the run::

    python bench/mutants.py                     # every mutant, then the table; exit 1 if one is not caught
    python bench/mutants.py --list              # the mutants and what each breaks
    python bench/mutants.py fixpoint-once caption-bracket

Hypothesis runs with the ``mutants`` profile (``tests/conftest.py``): a fixed
seed, no example database, no shrinking, so the table is the same each run.
An unmutated copy runs first: if it fails, the table would mean nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: Test files the mutants are run against (the promise tests and each filter's own tests).
SUBSET = ("tests/test_properties.py", "tests/test_reliability_fuzz.py", "tests/test_duplicates.py",
          "tests/test_promos.py", "tests/test_bylines.py", "tests/test_captions.py", "tests/test_chrome.py",
          "tests/test_pipeline.py", "tests/test_seeds.py")
#: What the copy holds besides the package (data folders are linked, not copied).
COPIED = ("tests", "conftest.py", "pyproject.toml")
LINKED = ("seeds", "corpus")
#: The promises, as the words test names carry.
PROMISES = ("keeps_content", "removes_clutter", "idempotent", "accounts", "deterministic", "never_raises")
TIMEOUT = 900


@dataclass(frozen=True)
class Mutant:
    """One edit: in ``path`` (under the repository), ``old`` (found exactly once) becomes ``new``."""

    name: str
    promise: str
    what: str
    path: str
    old: str
    new: str


def _signature(name: str) -> str:
    """A filter's first line: mutants go right after it (before the docstring, which stays valid Python)."""
    return f"def {name}(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:"


def _selects_nothing(name: str) -> Mutant:
    return Mutant(f"{name}-selects-nothing", "removes_clutter", f"the {name} filter selects nothing",
                  f"declutter/filters/{name}.py", _signature(name), f"{_signature(name)}\n    return")


MUTANTS: tuple[Mutant, ...] = (
    _selects_nothing("chrome"),
    _selects_nothing("captions"),
    _selects_nothing("bylines"),
    _selects_nothing("promos"),
    Mutant("duplicates-selects-nothing", "removes_clutter", "the duplicates filter selects nothing",
           "declutter/filters/duplicates.py", "    keys, sentence_heads = _document_keys(blocks)\n",
           "    return\n    keys, sentence_heads = _document_keys(blocks)\n"),
    Mutant("bylines-removes-everything", "keeps_content", "the bylines filter selects every block",
           "declutter/filters/bylines.py", _signature("bylines"),
           _signature("bylines")
           + "\n    yield from (Selection(block, Reason.BYLINE) for block in blocks)\n    return"),
    Mutant("fixpoint-once", "idempotent", "the pipeline runs the filters once instead of to their fixpoint",
           "declutter/pipeline.py", "        while changed:\n            changed = False\n",
           "        for _ in range(1):\n            changed = False\n"),
    Mutant("promo-section-to-the-end", "keeps_content", "prose never resumes: every promo section runs to the end",
           "declutter/filters/promos.py",
           "        if is_prose(texts[position], config) or _sentence_run(texts, sentence, position):",
           "        if False:"),
    Mutant("promo-heading-deletes-the-rest", "keeps_content", "a promo heading deletes everything after it",
           "declutter/filters/promos.py", "            end = evidence.section_end(position, text)",
           "            end = len(blocks)"),
    Mutant("caption-bracket", "keeps_content", "any block ending in ')' is a credited caption",
           "declutter/filters/captions.py", "    text = block.text.strip()\n    pats = pats or",
           "    text = block.text.strip()\n    if text.endswith(')'):\n        return Reason.CREDITED\n"
           "    pats = pats or"),
    Mutant("filter-raises", "never_raises", "the bylines filter raises ConfigError on any text with 'By '",
           "declutter/filters/bylines.py", _signature("bylines"),
           _signature("bylines") + "\n    from declutter.errors import ConfigError\n\n"
           "    if any('By ' in block.text for block in blocks):\n        raise ConfigError('mutant')"),
    Mutant("inline-promo-takes-the-next-block", "keeps_content",
           "a one-line promo takes the block after it too", "declutter/filters/promos.py",
           "        if reason is not None:\n            yield Selection(block, reason)\n        position += 1",
           "        if reason is not None:\n            yield Selection(block, reason)\n"
           "            if reason is Reason.INLINE and position + 1 < len(blocks):\n"
           "                yield Selection(blocks[position + 1], reason)\n"
           "                position += 1\n        position += 1"),
    Mutant("bio-anywhere", "keeps_content", "an author bio is removed anywhere, not only in the tail",
           "declutter/filters/bylines.py", "position >= tail_start and _is_bio(text, pats)",
           "_is_bio(text, pats)"),
    Mutant("short-repeats-removed", "keeps_content", "a repeated block of any length is clutter (a chorus goes)",
           "declutter/filters/duplicates.py",
           '    """Long enough to be clutter when repeated, or a caption."""\n',
           '    """Long enough to be clutter when repeated, or a caption."""\n    return True\n'),
    Mutant("menu-takes-the-whole-run", "keeps_content", "a menu takes its whole run of short lines",
           "declutter/filters/chrome.py", "    span = range(labels[0], labels[-1] + 1)",
           "    span = range(start, end)"),
    Mutant("removal-text-stripped", "accounts", "a removal records the block's text stripped",
           "declutter/pipeline.py", "block.index, block.text, block.line",
           "block.index, block.text.strip(), block.line"),
    Mutant("promo-removals-unrecorded", "accounts", "removals by the promos filter are not recorded",
           "declutter/pipeline.py",
           "        self.chosen.append((name, chosen))",
           "        if name != 'promos':\n            self.chosen.append((name, chosen))"),
    Mutant("output-reversed", "keeps_content", "the kept blocks come out in reverse order",
           "declutter/blocks.py", '        return "".join(parts)',
           '        return "".join([parts[0], *reversed(parts[1:-1]), parts[-1]])'),
    Mutant("output-stripped", "keeps_content", "kept blocks are written with their spaces stripped",
           "declutter/blocks.py", "            parts.append(blocks[cur].text)",
           "            parts.append(blocks[cur].text.strip())"),
    Mutant("hidden-state", "deterministic", "duplicates remembers the blocks of earlier documents",
           "declutter/filters/duplicates.py", "    keys, sentence_heads = _document_keys(blocks)\n",
           "    keys, sentence_heads = _document_keys(blocks)\n"
           "    for block, key in zip(blocks, keys, strict=True):\n"
           "        if key in _SEEN and key.count(' ') >= 3:\n"
           "            yield Selection(block, Reason.EXACT)\n"
           "    _SEEN.update(keys)\n"),
)
#: Module-level state the ``hidden-state`` mutant needs.
_EXTRA = {"hidden-state": ("declutter/filters/duplicates.py", "\n_SEEN: set[str] = set()\n")}


def copy_repository(target: Path) -> None:
    """The package, the tests and the config, copied; the data folders linked."""
    shutil.copytree(REPO / "declutter", target / "declutter", ignore=shutil.ignore_patterns("__pycache__"))
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        else:
            shutil.copy2(source, target / name)
    for name in LINKED:
        (target / name).symlink_to(REPO / name, target_is_directory=True)


def apply(mutant: Mutant, root: Path) -> None:
    """Write the mutant into the copy at ``root``; the snippet must be found exactly once."""
    path = root / mutant.path
    text = path.read_text(encoding="utf-8")
    found = text.count(mutant.old)
    if found != 1:
        raise SystemExit(f"mutant {mutant.name}: its snippet is found {found} times in {mutant.path} "
                         f"(the code changed: update the mutant)")
    text = text.replace(mutant.old, mutant.new)
    if mutant.name in _EXTRA:
        text += _EXTRA[mutant.name][1]
    path.write_text(text, encoding="utf-8")


_FAILED = re.compile(r"^FAILED (\S+)", re.M)


def run_suite(root: Path, keyword: str) -> tuple[str | None, float, str]:
    """(the first failing test, seconds, pytest's tail) of the subset run on the copy at ``root``."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-rf", "-p", "no:cacheprovider", "-m", "not slow",
               "-k", keyword, *SUBSET]
    env = {**os.environ, "PYTHONPATH": str(root), "HYPOTHESIS_PROFILE": "mutants", "PYTHONDONTWRITEBYTECODE": "1"}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                              check=False)
    except subprocess.TimeoutExpired:
        return None, time.perf_counter() - start, f"timed out after {TIMEOUT} s"
    seconds = time.perf_counter() - start
    failed = _FAILED.search(done.stdout)
    return (failed.group(1) if failed else None), seconds, done.stdout[-1500:] + done.stderr[-1500:]


def check(mutant: Mutant, workdir: Path) -> tuple[str | None, float]:
    """Apply ``mutant`` to a fresh copy of the package and run the promise tests on it."""
    package = workdir / "declutter"
    shutil.rmtree(package)
    shutil.copytree(REPO / "declutter", package, ignore=shutil.ignore_patterns("__pycache__"))
    apply(mutant, workdir)
    caught, seconds, _ = run_suite(workdir, mutant.promise)
    if caught is not None and mutant.promise not in caught.rpartition("::")[2]:
        caught = None  # caught, but not by a test naming the promise
    return caught, seconds


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="mutants to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--no-baseline", action="store_true", help="skip the run of the unmutated copy")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    known = {m.name: m for m in MUTANTS}
    if args.list:
        for m in MUTANTS:
            print(f"{m.name:<34} breaks {m.promise:<16} {m.what}")
        return 0
    unknown = [n for n in args.names if n not in known]
    if unknown:
        raise SystemExit(f"unknown mutant(s) {', '.join(unknown)}; --list shows them")
    chosen = [known[n] for n in args.names] if args.names else list(MUTANTS)
    rows = []
    with tempfile.TemporaryDirectory(prefix="declutter-mutants-") as tmp:
        workdir = Path(tmp)
        copy_repository(workdir)
        if not args.no_baseline:
            failed, seconds, tail = run_suite(workdir, " or ".join(PROMISES))
            print(f"unmutated copy: {'FAILS ' + failed if failed else 'passes'} ({seconds:.0f} s)", flush=True)
            if failed:
                print(tail)
                return 1
        for mutant in chosen:
            caught, seconds = check(mutant, workdir)
            rows.append((mutant, caught, seconds))
            print(f"  {mutant.name}: {'caught by ' + caught if caught else 'NOT CAUGHT'} ({seconds:.0f} s)",
                  flush=True)
    print("\n" + format_table(rows))
    missed = [m.name for m, caught, _ in rows if caught is None]
    print(f"\n{len(rows) - len(missed)} of {len(rows)} mutants caught" + (f"; NOT caught: {', '.join(missed)}"
                                                                          if missed else ""))
    return 1 if missed else 0


def format_table(rows: list[tuple[Mutant, str | None, float]]) -> str:
    lines = ["| mutant | breaks | caught by | seconds |", "|---|---|---|---|"]
    for mutant, caught, seconds in rows:
        lines.append(f"| {mutant.name} | {mutant.promise} | {caught or 'NOT CAUGHT'} | {seconds:.0f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
