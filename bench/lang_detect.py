"""Cost of language detection (``lang="auto"``) per document, and clean() throughput with and without it.

Run from the repository root::

    PYTHONPATH=$PWD python bench/lang_detect.py [FILES...]

Without arguments it uses the seed documents plus one synthetic article per
language (built from tests/test_languages.py when present). It prints the
median and worst time of ``resolve_lang("auto", blocks)`` per document and the MB/s of
``clean()`` with ``lang="en"`` and ``lang="auto"``. Figures, not pass/fail.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from declutter import Config, clean  # noqa: E402
from declutter.blocks import split_text  # noqa: E402
from declutter.detect import resolve_lang  # noqa: E402


def documents(paths: list[str]) -> list[str]:
    """The texts to measure: the given files, or the seeds and the test articles."""
    if paths:
        return [Path(p).read_text(encoding="utf-8", errors="replace") for p in paths]
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))
            if not p.name.endswith(".expected.txt")]
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from test_languages import ARTICLES
    except ImportError:
        return docs
    return docs + [article.text() * 5 for article in ARTICLES.values()]


def best_of(repeat: int, func: object, *args: object) -> float:
    """The fastest of ``repeat`` timed calls, in seconds (least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str]) -> None:
    docs = documents(argv)
    size = sum(len(d.encode("utf-8")) for d in docs)
    split = [split_text(d).blocks for d in docs]
    per_doc = sorted(best_of(20, resolve_lang, "auto", blocks) for blocks in split)
    print(f"{len(docs)} documents, {size / 1e3:.0f} kB")
    print(f"detection (resolve_lang('auto', blocks)), best of 20 per document: "
          f"median {statistics.median(per_doc) * 1e6:.1f} µs, max {per_doc[-1] * 1e6:.1f} µs")
    for lang in ("en", "auto"):
        config = Config(lang=lang)
        seconds = best_of(5, lambda c=config: [clean(d, c) for d in docs])
        print(f"clean() lang={lang}: {size / seconds / 1e6:.1f} MB/s ({seconds / len(docs) * 1e3:.2f} ms per document)")


if __name__ == "__main__":
    main(sys.argv[1:])
