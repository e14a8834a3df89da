"""Which part of clean's working set makes the first clean after ``trafilatura.extract`` slow? (issue #11)

    python bench/loop_attribution.py [--rounds 3]

The crawl loop of ``bench/loop_cold.py`` (extract a page, clean its text), with one more step between the two,
outside the timed region: a *pre-warm* that touches one component of clean's working set, so that the timed
``clean`` finds that component warm and everything else as the extraction left it. The share of the first clean's
loss (its time minus that of a second clean of the same text right after) that a pre-warm recovers says how much
that component is worth:

* ``none``: nothing between extract and clean (the loop as it is);
* ``(a) hyperscan``: one prose line scanned with every first-pass database held (their tables and scratch);
* ``(a+) first pass of this text``: the page's own first pass, ``Database.masks`` of its lines (the Hyperscan
  tables this very scan reads, and the text's bytes);
* ``(b) re patterns``: one ``search`` of a prose line with every compiled pattern declutter made (found as the
  ``re.Pattern`` objects that appeared in the process while declutter cleaned, trafilatura's excluded);
* ``(c) vocab + detection``: the language detection of a prose sample (the stop-word table, the C word count);
* ``(d) pipeline code``: ``clean`` of a two-line document (the Python code of the pipeline and every filter's
  entry, with almost no data);
* ``(e) everything``: ``clean`` of a small document that every filter selects from (chrome, captions, bylines,
  promos, duplicates);
* ``(f) memory sweep only``: no extract at all, but 16 MB of memory read between cleans (data caches evicted, code
  and branch predictors left warm), a control for what the extraction evicts;
* ``(g) type cache cleared only``: no extract, the interpreter's type attribute cache cleared between cleans
  (``sys._clear_type_cache``: trafilatura's Python code may push declutter's entries out of it);
* ``(h) sweep + type cache``: (f) and (g) together;
* ``second clean``: ``clean`` of the same text (everything warm: the loop_cold bench's second clean);
* ``alone``: the texts cleaned one after the other, no extract.

Then, per page, the first clean's loss against the page's size (a fixed cost per document, or one per byte?), the
loop with the cleaning done in batches of 16 extracted pages, and a probe of what one cold Python function costs
(100 distinct small generated functions called after each extract, against the same calls with nothing between).

Every variant runs over the 181 corpus/aeb pages once per round, the variants in a rotating order, CPU time
(``time.process_time``) of the timed ``clean`` only; the best round is printed. Only ratios of one run compare on
a shared machine. See docs/performance.md, "Round eight".
"""

from __future__ import annotations

import argparse
import gc
import gzip
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROSE = ("The council voted on Tuesday to widen the harbour road, and the work will start in the spring after "
         "a long debate about the cost of the new bus lanes and who should pay for them.")
#: A small document each built-in filter selects from (checked at start-up: see :func:`_check_everything`).
EVERYTHING = "\n\n".join((
    "Skip to main content", "Home\nNews\nSports\nAbout Us\nContact",
    "By Jane Doe, Staff Writer", "Updated: March 3, 2024",
    PROSE, "Photo: Getty Images",
    "The mayor said the plan was the best the city could afford, and that the first lanes would open in June.",
    "Related: Harbour works to start in May", "Sign up for our newsletter",
    "Share this article", "Accept all cookies", PROSE,
))
TINY = "A short note.\n\nThe end of it."
Prewarm = Callable[[str], object]


def _declutter_patterns(before: set[int]) -> list[re.Pattern[str]]:
    """The compiled patterns that exist now and did not at ``before`` (ids of the patterns then)."""
    return [obj for obj in gc.get_objects() if isinstance(obj, re.Pattern) and id(obj) not in before
            and isinstance(obj.pattern, str)]


def _pattern_ids() -> set[int]:
    return {id(obj) for obj in gc.get_objects() if isinstance(obj, re.Pattern)}


def prewarms(patterns: list[re.Pattern[str]]) -> dict[str, Prewarm | None]:
    import declutter
    from declutter import detect, scan

    sample = " ".join([PROSE] * 8)

    def hyperscan(_text: str) -> None:
        for database in list(scan._databases.values()):
            if database is not None:
                database.masks([PROSE])

    def first_pass(text: str) -> None:
        lines = [line.strip() for line in text.split("\n")]
        for database in list(scan._databases.values()):
            if database is not None:
                database.masks(lines)

    def re_patterns(_text: str) -> None:
        for pattern in patterns:
            pattern.search(PROSE)

    return {
        "none": None,
        "(a) hyperscan": hyperscan,
        "(a+) first pass of this text": first_pass,
        "(b) re patterns": re_patterns,
        "(c) vocab + detection": lambda _text: detect.detect_languages(sample),
        "(d) pipeline code": lambda _text: declutter.clean(TINY),
        "(e) everything": lambda _text: declutter.clean(EVERYTHING),
        "second clean": declutter.clean,
    }


def _check_everything() -> list[str]:
    import declutter

    return sorted({removal.filter for removal in declutter.clean_and_explain(EVERYTHING).removals})


def loop_round(htmls: list[str], prewarm: Prewarm | None) -> float:
    import trafilatura

    import declutter

    clock = time.process_time
    spent = 0.0
    for html in htmls:
        text = trafilatura.extract(html) or ""
        if prewarm is not None:
            prewarm(text)
        start = clock()
        declutter.clean(text)
        spent += clock() - start
    return spent


_SWEEP = bytearray(16 << 20)


def sweep_round(texts: list[str], sweep: bool = True, type_cache: bool = False) -> float:
    """No extract: 16 MB of memory read between two cleans (one byte per 64-byte line), and/or the
    interpreter's type attribute cache cleared."""
    import declutter

    clock = time.process_time
    spent = 0.0
    for text in texts:
        if sweep:
            sum(memoryview(_SWEEP)[::64])
        if type_cache:
            sys._clear_type_cache()
        start = clock()
        declutter.clean(text)
        spent += clock() - start
    return spent


def alone_round(texts: list[str]) -> float:
    import declutter

    clock = time.process_time
    start = clock()
    for text in texts:
        declutter.clean(text)
    return clock() - start


def per_page(htmls: list[str], rounds: int) -> None:
    """Each page's first clean after its extract and its second clean right after (best of ``rounds``), and the
    least-squares line of the loss (first - second) against the page's size: a fixed cost per document or one
    per byte?"""
    import trafilatura

    import declutter

    clock = time.process_time
    first, second, sizes = [float("inf")] * len(htmls), [float("inf")] * len(htmls), [0] * len(htmls)
    for _ in range(rounds):
        for number, html in enumerate(htmls):
            text = trafilatura.extract(html) or ""
            start = clock()
            declutter.clean(text)
            middle = clock()
            declutter.clean(text)
            first[number] = min(first[number], middle - start)
            second[number] = min(second[number], clock() - middle)
            sizes[number] = len(text.encode("utf-8", "surrogatepass"))
    loss = [a - b for a, b in zip(first, second, strict=True)]
    slope, fixed = _line(sizes, loss)
    print(f"per page (best of {rounds}): first {sum(first) * 1e3:.1f} ms, second {sum(second) * 1e3:.1f} ms, "
          f"loss {sum(loss) * 1e3:.1f} ms = {fixed * 1e6:.0f} us a page + {slope * 1e9:.2f} ns a byte "
          f"(mean page {statistics.mean(sizes) / 1e3:.1f} KB)")
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    for quarter in range(4):
        part = order[quarter * len(order) // 4:(quarter + 1) * len(order) // 4]
        print(f"  size quarter {quarter + 1}: {statistics.mean(sizes[i] for i in part) / 1e3:5.1f} KB, first "
              f"{statistics.mean(first[i] for i in part) * 1e6:4.0f} us, second "
              f"{statistics.mean(second[i] for i in part) * 1e6:4.0f} us, loss "
              f"{statistics.mean(loss[i] for i in part) * 1e6:4.0f} us")


def batched(htmls: list[str], rounds: int, size: int = 16) -> None:
    """The crawl loop with the cleaning batched: extract ``size`` pages, then clean their texts one after the
    other (clean's working set is cold for the first of each batch only), against cleaning each page right after
    its extract. CPU time of the cleans only, best of ``rounds``."""
    import trafilatura

    import declutter

    clock = time.process_time
    best = {"each page after its extract": float("inf"), f"batches of {size}": float("inf")}
    for _ in range(rounds):
        best["each page after its extract"] = min(best["each page after its extract"], loop_round(htmls, None))
        spent = 0.0
        for first in range(0, len(htmls), size):
            texts = [trafilatura.extract(html) or "" for html in htmls[first:first + size]]
            start = clock()
            for text in texts:
                declutter.clean(text)
            spent += clock() - start
        best[f"batches of {size}"] = min(best[f"batches of {size}"], spent)
    print(", ".join(f"{name} {seconds * 1e3:.1f} ms" for name, seconds in best.items()))


def _line(xs: list[int], ys: list[float]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line through the points."""
    mx, my = statistics.mean(xs), statistics.mean(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)
    return slope, my - slope * mx


def _functions(count: int) -> list[Callable[[list[str]], int]]:
    """``count`` distinct small functions (each its own code object and globals), of the kind a filter holds."""
    made: list[Callable[[list[str]], int]] = []
    for number in range(count):
        space: dict[str, object] = {}
        exec(f"def f{number}(lines):\n"  # generated probe functions, no input
             f"    total = {number}\n"
             f"    for line in lines:\n"
             f"        if line.startswith('x{number}') or len(line) > {100 + number}:\n"
             f"            total += line.count(' ')\n"
             f"    return total\n", space)
        made.append(space[f"f{number}"])  # type: ignore[arg-type]
    return made


def cold_functions(htmls: list[str], rounds: int, count: int = 100) -> None:
    """What one cold Python function costs: ``count`` distinct small functions called on three lines right
    after each extract, against the same calls with nothing between."""
    import trafilatura

    clock = time.process_time
    functions = _functions(count)
    lines = ["A short line of text.", "Another one, a bit longer than that.", "x"]
    best = {"after extract": float("inf"), "nothing between": float("inf")}
    for _ in range(rounds):
        for name in list(best):
            spent = 0.0
            for html in htmls:
                if name == "after extract":
                    trafilatura.extract(html)
                start = clock()
                for function in functions:
                    function(lines)
                spent += clock() - start
            best[name] = min(best[name], spent)
    cold, warm = best["after extract"], best["nothing between"]
    print(f"{count} distinct small Python functions a page: {cold * 1e3:.1f} ms after extract, {warm * 1e3:.1f} ms "
          f"with nothing between: {(cold - warm) / count / len(htmls) * 1e9:.0f} ns more per function and page")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds (best is printed)")
    parser.add_argument("--skip-variants", action="store_true", help="only the per-page split and the probe")
    args = parser.parse_args(argv)
    import trafilatura

    from declutter import scan

    pages = sorted((REPO / "corpus/aeb/html").glob("*.html.gz"))
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    texts = [trafilatura.extract(html) or "" for html in htmls]
    before = _pattern_ids()
    with scan.using(scan.engine(), warmup=0):  # every database built before the clock runs
        if not args.skip_variants:
            run(args.rounds, htmls, texts, before)
        per_page(htmls, args.rounds)
        batched(htmls, args.rounds)
    cold_functions(htmls, args.rounds)
    return 0


def run(rounds: int, htmls: list[str], texts: list[str], before: set[int]) -> None:
    import declutter
    from declutter import scan

    for _ in range(2):
        for text in texts:
            declutter.clean(text)
    print(f"filters selecting from the '(e) everything' document: {', '.join(_check_everything())}")
    patterns = _declutter_patterns(before)
    table = prewarms(patterns)
    size = sum(len(text.encode("utf-8", "surrogatepass")) for text in texts) / 1e6
    print(f"clean's CPU ms over {len(texts)} aeb extractions ({size:.2f} MB), engine {scan.engine()}, "
          f"{len(patterns)} declutter patterns, {len(scan.held())} databases; best of {rounds} rounds")
    names = [*table, "(f) memory sweep only", "(g) type cache cleared only", "(h) sweep + type cache", "alone"]
    best: dict[str, float] = {}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            if name == "alone":
                seconds = alone_round(texts)
            elif name[:3] in ("(f)", "(g)", "(h)"):
                seconds = sweep_round(texts, sweep=name[1] != "g", type_cache=name[1] != "f")
            else:
                seconds = loop_round(htmls, table[name])
            best[name] = min(seconds, best.get(name, seconds))
    report(best, size)


def report(best: dict[str, float], size: float) -> None:
    """Loop variants: the share of the loss (none - second clean) they recover; the no-extract controls: their
    cost over ``alone`` as a share of that loss."""
    cold, warm, alone = best["none"], best["second clean"], best["alone"]
    loss = cold - warm
    print(f"{'variant':32s} {'ms':>7s} {'MB/s':>6s}  share of the loss")
    for name, seconds in best.items():
        if name[:3] in ("(f)", "(g)", "(h)"):
            note = f"{(seconds - alone) / loss:5.0%} (its cost over alone)"
        elif name == "alone":
            note = ""
        else:
            note = f"{(cold - seconds) / loss:5.0%} recovered"
        print(f"{name:32s} {seconds * 1e3:7.1f} {size / seconds:6.1f}  {note}")


if __name__ == "__main__":
    sys.exit(main())
