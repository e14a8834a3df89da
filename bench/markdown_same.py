"""Same Markdown output? One digest of ``clean_markdown_and_explain`` over every cached Markdown conversion.

A speed change to Markdown mode must not change what it outputs or why: run this on the branch
before and after and compare the digests (``--pages FILE`` also writes one digest per page, so
two runs can be diffed to find the pages that differ)::

    DECLUTTER_BENCH_CACHE=/work/bench-cache python bench/markdown_same.py
    python bench/markdown_same.py --pages /tmp/after.txt   # one line per page: converter/page digest

The conversions are the ones bench/markdown.py cached (``$DECLUTTER_BENCH_CACHE/markdown/*/*.md``,
every third WCXB page through each converter); each page's digest covers the output text and the
``repr`` of every removal (filter, reason, index, text, line, detail).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import declutter  # noqa: E402

markdown_bench = importlib.import_module("bench.markdown")


def page_digest(md: str) -> str:
    """The first 16 hex digits of the sha256 of the output and the removals' ``repr``."""
    result = declutter.clean_markdown_and_explain(md)
    digest = hashlib.sha256(result.text.encode("utf-8", "surrogatepass"))
    digest.update(repr(result.removals).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, help="also write one 'converter/page digest' line per page here")
    args = parser.parse_args(argv)
    files = sorted(markdown_bench.cache_root().glob("*/*.md"))
    if not files:
        print(f"no cached conversions under {markdown_bench.cache_root()}: run bench/markdown.py first")
        return 1
    lines = [f"{path.parent.name}/{path.name} "
             f"{page_digest(path.read_text(encoding='utf-8', errors='surrogatepass'))}" for path in files]
    total = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    if args.pages:
        args.pages.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(files)} Markdown conversions, clean_markdown_and_explain digest {total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
