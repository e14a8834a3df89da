"""clean_html's overhead over trafilatura.extract: two checkouts A/B on corpus/aeb or WCXB pages, and where it goes.

Usage::

    python bench/html_overhead.py ab OLD_CHECKOUT [NEW_CHECKOUT] [--pages aeb|wcxb] [--every 10] [--rounds 5]
    python bench/html_overhead.py stages [--pages aeb|wcxb] [--every 10]     # this checkout's stages

``ab``: each checkout runs in its own process (its package first on
``sys.path``), warmed by one pass; then the rounds alternate the two
processes (which goes first swaps every round), each timing
``trafilatura.extract(html, url=url)`` and ``clean_html(html, url)`` over the
same pages in CPU seconds. Prints each checkout's clean_html / extract per
round and the median, and new / old clean_html CPU. Like
``bench/html_ab.py`` (corpus/aeb only, no URLs), with the WCXB dev split
(every ``--every``-th page, with its URL) as a second page set.

``stages``: CPU time of HTML mode's stages in this checkout, each a share of
``trafilatura.extract``'s time over the same pages (wrappers around the
functions ``declutter.html.assemble`` calls; a stage's time includes what it
calls, so the lines overlap: ``extract_text`` holds the rescue's second
extraction too).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
WCXB = Path(os.environ.get("DECLUTTER_WCXB") or REPO.parent / "shared" / "data" / "wcxb-dev")


def load(pages: str, every: int) -> list[tuple[str, str | None]]:
    """``(html, url)`` of corpus/aeb's pages (no URL), or of every ``every``-th WCXB dev page."""
    if pages == "aeb":
        paths = sorted((REPO / "corpus" / "aeb" / "html").glob("*.html.gz"))
        return [(gzip.decompress(p.read_bytes()).decode("utf-8", "replace"), None) for p in paths]
    found = []
    for path in sorted((WCXB / "ground-truth").glob("*.json"))[::every]:
        url = json.loads(path.read_text(encoding="utf-8")).get("url") or None
        html = gzip.decompress((WCXB / "html" / f"{path.stem}.html.gz").read_bytes()).decode("utf-8", "replace")
        found.append((html, url))
    return found


def worker(pages: str, every: int) -> None:
    """Run inside a checkout: time what stdin asks for (``extract`` or ``clean``), print CPU seconds."""
    import trafilatura

    import declutter

    docs = load(pages, every)
    for html, url in docs:
        declutter.clean_html(html, url)
        trafilatura.extract(html, url=url)
    print(f"ready {declutter.__file__}", flush=True)
    for line in sys.stdin:
        run: Callable[[str, str | None], object] = (
            (lambda h, u: trafilatura.extract(h, url=u)) if line.strip() == "extract" else declutter.clean_html)
        start = time.process_time()
        for html, url in docs:
            run(html, url)
        print(f"{time.process_time() - start:.4f}", flush=True)


def _start(checkout: Path, pages: str, every: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(checkout))
    proc = subprocess.Popen([sys.executable, __file__, "worker", "--pages", pages, "--every", str(every)],
                            cwd=checkout, env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    print(f"  {checkout}: {proc.stdout.readline().strip()}", flush=True)
    return proc


def _ask(proc: subprocess.Popen[str], what: str) -> float:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(what + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def ab(old: Path, new: Path, pages: str, every: int, rounds: int) -> None:
    procs = {"old": _start(old.resolve(), pages, every), "new": _start(new.resolve(), pages, every)}
    times: dict[tuple[str, str], list[float]] = {(n, w): [] for n in procs for w in ("extract", "clean")}
    for round_ in range(rounds):
        order = ("old", "new") if round_ % 2 == 0 else ("new", "old")
        for what in ("extract", "clean"):
            for name in order:
                times[(name, what)].append(_ask(procs[name], what))
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait()
    for name in procs:
        ratios = [c / e for c, e in zip(times[(name, "clean")], times[(name, "extract")], strict=True)]
        print(f"  {name}: clean_html / trafilatura.extract {statistics.median(ratios):.3f} "
              f"(rounds {', '.join(f'{r:.3f}' for r in ratios)}); clean_html "
              f"{statistics.median(times[(name, 'clean')]):.3f} s CPU, extract "
              f"{statistics.median(times[(name, 'extract')]):.3f} s")
    per_round = [n / o for n, o in zip(times[("new", "clean")], times[("old", "clean")], strict=True)]
    print(f"  new / old clean_html CPU: {statistics.median(per_round):.3f} "
          f"(rounds {', '.join(f'{r:.3f}' for r in per_round)})")


#: The functions of declutter.html.assemble timed by ``stages`` (those that exist in the checkout).
STAGES = ("parse_html", "page_meta", "json_ld", "drop_scripts", "merge_split_body", "TextIndex", "decide_page_type",
          "text_chars", "article_evidence", "clean_tree", "_tree_lang", "protect_for_extraction", "extract_text",
          "rescue", "moved_rescue", "_unpruned_tree")


def _timed(func: Callable[..., Any], label: str, spent: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(func)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    return timed


def stages(pages: str, every: int) -> None:
    import trafilatura

    import declutter
    from declutter.html import assemble
    from declutter.pipeline import Pipeline

    spent: dict[str, float] = defaultdict(float)
    for name in STAGES:
        if hasattr(assemble, name):
            setattr(assemble, name, _timed(getattr(assemble, name), name, spent))
    explain = Pipeline.explain
    Pipeline.explain = _timed(explain, "text stage (Pipeline.explain)", spent)  # type: ignore[method-assign]
    docs = load(pages, every)
    for html, url in docs:
        declutter.clean_html(html, url)
    spent.clear()
    start = time.process_time()
    for html, url in docs:
        trafilatura.extract(html, url=url)
    extract = time.process_time() - start
    start = time.process_time()
    for html, url in docs:
        declutter.clean_html(html, url)
    clean = time.process_time() - start
    Pipeline.explain = explain  # type: ignore[method-assign]
    print(f"{len(docs)} pages: trafilatura.extract {extract:.3f} s, clean_html {clean:.3f} s, "
          f"ratio {clean / extract:.3f}")
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {label:32} {seconds * 1000:8.1f} ms  {seconds / extract:6.1%} of extract")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("ab", "stages", "worker"))
    parser.add_argument("old", type=Path, nargs="?", help="ab: the checkout to compare against")
    parser.add_argument("new", type=Path, nargs="?", default=REPO, help="ab: the checkout measured (default: this one)")
    parser.add_argument("--pages", choices=("aeb", "wcxb"), default="aeb")
    parser.add_argument("--every", type=int, default=10, help="wcxb: every N-th page (default 10)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    if args.mode == "worker":
        worker(args.pages, args.every)
    elif args.mode == "stages":
        stages(args.pages, args.every)
    else:
        if args.old is None:
            parser.error("ab needs the checkout to compare against")
        ab(args.old, args.new, args.pages, args.every, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
