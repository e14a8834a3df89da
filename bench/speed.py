"""How fast declutter is, next to the targets of issue #4.

Run from the repository root (a fresh clone works; needs trafilatura)::

    python bench/speed.py                      # all figures, about 3-5 minutes on 2 cores
    python bench/speed.py --stream-mb 100      # a shorter memory run
    python bench/speed.py --corpus PATH        # another folder of *.html.gz pages

Every figure is printed next to its target. Figures that compare two things
(declutter against trafilatura, 100x a document against 1x, 2 jobs against
1) are measured in the same run, alternating, so machine noise cancels; each
is the median of several repeats. In-process timings are CPU time of this
process (``time.process_time``); command-line timings are wall time.

1. relative cost: ``declutter.clean`` on trafilatura's output / ``trafilatura.extract`` on the same pages
2. throughput: MB of extracted text per CPU second for ``clean``; documents per second through ``declutter --jsonl``
3. scaling: time for documents of N, 10N and 100N blocks (real paragraphs, planted clutter and duplicates)
4. memory: peak RSS of ``declutter --jsonl`` over a generated JSON Lines stream fed through a pipe
5. parallelism: ``declutter --jsonl --jobs 2`` against ``--jobs 1``, end to end on two stream lengths,
   and once started (the longer stream's extra records alone, so start-up does not count)
6. HTML mode: ``declutter.clean_html`` / ``trafilatura.extract`` (when ``clean_html`` exists)
7. floor: blocks split plus one combined regex scan of the whole vocabulary, and clean / floor

Last, where ``clean``'s time goes: splitting, language detection and each
filter (all of its runs in the fixpoint), as CPU milliseconds over the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import declutter  # noqa: E402 (the checkout's package, not an installed one)
from declutter.vocab import alternation, fragments_for  # noqa: E402

CLUTTER = (
    "By Jane Doe and John Roe, Reuters", "Related: Council approves budget for next year",
    "Photo credit: Sasha Mordovets/Getty Images", "Sign up for our newsletter", "Share this article",
    "5 min read", "(Reporting by Jane Doe; Editing by John Roe)", "Advertisement", "Twitter: @janedoe",
    "FILE - In this file photo, a man walks past the building. (AP Photo/John Roe)", "12 comments",
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="corpus/aeb/html", help="folder of *.html.gz pages, relative to the repo")
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each timing (median is printed)")
    parser.add_argument("--stream-mb", type=int, default=1024, help="size of the generated JSONL stream (MB)")
    args = parser.parse_args(argv)
    corpus = REPO / args.corpus
    pages = sorted(corpus.glob("*.html.gz"))
    if not pages:
        parser.error(f"no *.html.gz pages in {corpus}")
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    print(f"declutter {declutter.__version__}, {len(htmls)} pages from {args.corpus}, "
          f"{os.cpu_count()} CPUs, median of {args.repeats} repeats")
    texts = relative_cost(htmls, args.repeats)
    walls = jsonl_walls(texts, args.repeats)
    records, one, _ = walls[SHORT]
    report(f"declutter --jsonl, end to end ({records} records)", f"{records / one:.0f} docs/s")
    scaling(texts, args.repeats)
    memory(htmls, texts, args.stream_mb)
    parallelism(walls)
    html_mode(htmls, args.repeats)
    floor(texts, args.repeats)
    breakdown(texts, args.repeats)
    return 0


def parallelism(walls: dict[int, tuple[int, float, float]]) -> None:
    records, one, two = walls[SHORT]
    more, long_one, long_two = walls[LONG]
    print("5. parallelism (wall time, same input)")
    report("declutter --jsonl --jobs 2", f"{records / two:.0f} docs/s")
    report(f"speed-up of --jobs 2 over --jobs 1, {records} records", f"{one / two:.2f}x")
    report(f"speed-up of --jobs 2 over --jobs 1, {more} records", f"{long_one / long_two:.2f}x")
    steady = (long_one - one) / (long_two - two)
    report("speed-up once started (the extra records alone)", f"{steady:.2f}x", "target >= 1.8x on 2 cores",
           steady >= 1.8)
    startup = one - (long_one - one) * records / (more - records)
    report("fixed start-up cost, one job (start, compiling)", f"{startup:.2f} s")


def report(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {label:<52} {value:>16}   {target}{verdict}")


def cpu_time(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def alternate(repeats: int, **runs: Callable[[], object]) -> dict[str, float]:
    """Median CPU seconds of each run, the runs alternating within every repeat."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            times[name].append(cpu_time(run))
    return {name: statistics.median(values) for name, values in times.items()}


def relative_cost(htmls: list[str], repeats: int) -> list[str]:
    import trafilatura

    texts = [trafilatura.extract(html) or "" for html in htmls]
    clean_repeats = max(repeats, 5)
    med = alternate(repeats, extract=lambda: [trafilatura.extract(h) for h in htmls],
                    clean=lambda: [declutter.clean(t) for _ in range(clean_repeats // repeats) for t in texts])
    clean_s = med["clean"] / (clean_repeats // repeats)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print("1. relative cost (CPU time over the corpus)")
    report("trafilatura.extract", f"{med['extract']:.2f} s")
    report("declutter.clean on its output", f"{clean_s * 1e3:.0f} ms")
    report("clean / extract", f"{clean_s / med['extract']:.3f}", "target <= 0.03", clean_s / med["extract"] <= 0.03)
    print("2. throughput")
    report(f"clean: MB of text per CPU second ({megabytes:.2f} MB)", f"{megabytes / clean_s:.1f} MB/s",
           "target >= 20 MB/s per core", megabytes / clean_s >= 20)
    return texts


def run_cli(args: list[str], stdin_path: Path) -> float:
    """Wall seconds of ``python -m declutter ARGS < stdin_path`` (output discarded)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with stdin_path.open("rb") as source:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "declutter", *args], stdin=source, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, check=False)
        return time.perf_counter() - start


#: Copies of the corpus in the two JSON Lines streams of figure 5. The speed-up
#: of a crawl is that of its records once the processes run: the difference
#: between the two streams leaves out the start-up (Python, imports, compiling
#: the vocabularies of each language set met), which one long crawl pays once.
SHORT, LONG = 30, 90


def jsonl_walls(texts: list[str], repeats: int) -> dict[int, tuple[int, float, float]]:
    """For each stream length: records, and median wall seconds with one and with two jobs (alternating)."""
    found: dict[int, tuple[int, float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for copies in (SHORT, LONG):
            path = Path(folder) / f"pages-{copies}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for copy in range(copies):
                    for number, text in enumerate(texts):
                        out.write(json.dumps({"id": f"{copy}-{number}", "text": text}, ensure_ascii=False) + "\n")
            walls: dict[int, list[float]] = {1: [], 2: []}
            for _ in range(repeats):
                for jobs, values in walls.items():
                    values.append(run_cli(["--jsonl", "--jobs", str(jobs)], path))
            found[copies] = (copies * len(texts), statistics.median(walls[1]), statistics.median(walls[2]))
    return found


def planted_document(paragraphs: list[str], blocks: int, rng: random.Random) -> str:
    """Real paragraphs, each used once, with clutter and copies planted throughout."""
    pool = iter(rng.sample(paragraphs, len(paragraphs)))
    out: list[str] = []
    while len(out) < blocks:
        roll = rng.random()
        if roll < 0.10:
            out.append(rng.choice(CLUTTER))
        elif roll < 0.20 and out:
            out.append(out[max(0, len(out) - rng.randint(1, 30))])  # a duplicate of a recent block
        elif roll < 0.25 and out:
            source = out[-rng.randint(1, min(len(out), 30))]
            out.append(source[: max(1, len(source) // 2)] + "…")  # a truncated copy
        else:
            out.append(next(pool))
    return "\n\n".join(out) + "\n"


def scaling(texts: list[str], repeats: int) -> None:
    paragraphs = sorted({line.strip() for text in texts for line in text.splitlines() if len(line.split()) >= 8})
    base = 20
    rng = random.Random(4)
    docs = {factor: planted_document(paragraphs, base * factor, rng) for factor in (1, 10, 100)}
    loops = {1: 100, 10: 10, 100: 1}
    med = alternate(max(repeats, 5), **{
        str(factor): (lambda doc=doc, n=loops[factor]: [declutter.clean(doc) for _ in range(n)])
        for factor, doc in docs.items()})
    each = {factor: med[str(factor)] / loops[factor] for factor in docs}
    print(f"3. scaling (documents of {base}, {base * 10} and {base * 100} blocks; CPU time per document)")
    for factor in docs:
        report(f"{base * factor} blocks", f"{each[factor] * 1e3:.2f} ms")
    ratio10, ratio100 = each[10] / each[1], each[100] / each[1]
    report("10x blocks costs", f"{ratio10:.1f}x", "target <= 11x", ratio10 <= 11)
    report("100x blocks costs", f"{ratio100:.1f}x", "target <= 110x", ratio100 <= 110)


def rss_kb(pid: int) -> tuple[int, int]:
    """(current, peak) resident set size of a process, in kB, from /proc."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def stream_records(htmls: list[str], texts: list[str]) -> Iterator[bytes]:
    """Crawl-like records (page HTML plus extracted text) forever, as JSON lines."""
    number = 0
    while True:
        for html, text in zip(htmls, texts, strict=True):
            number += 1
            yield (json.dumps({"id": number, "html": html, "text": text}, ensure_ascii=False) + "\n").encode()


def memory(htmls: list[str], texts: list[str], stream_mb: int) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "declutter", "--jsonl"], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdin is not None
    marks = sorted({min(100, stream_mb), stream_mb})
    seen: dict[int, tuple[int, int]] = {}
    peak = [0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            try:
                peak[0] = max(peak[0], rss_kb(proc.pid)[1])
            except (OSError, KeyError):
                return

    threading.Thread(target=watch, daemon=True).start()
    start, written = time.perf_counter(), 0
    for line in stream_records(htmls, texts):
        proc.stdin.write(line)
        written += len(line)
        while marks and written >= marks[0] * 1_000_000:
            seen[marks.pop(0)] = rss_kb(proc.pid)
        if not marks:
            break
    proc.stdin.close()
    proc.wait()
    done.set()
    print(f"4. memory (declutter --jsonl over a generated stream of page HTML + text, piped; "
          f"{time.perf_counter() - start:.0f} s)")
    for mark, (_, hwm) in seen.items():
        report(f"peak RSS after {mark} MB of input", f"{hwm / 1024:.0f} MB", "target <= 150 MB", hwm / 1024 <= 150)
    report("peak RSS over the whole stream", f"{peak[0] / 1024:.0f} MB", "target <= 150 MB", peak[0] / 1024 <= 150)


def html_mode(htmls: list[str], repeats: int) -> None:
    print("6. HTML mode")
    import trafilatura

    med = alternate(repeats, extract=lambda: [trafilatura.extract(h) for h in htmls],
                    clean_html=lambda: [declutter.clean_html(h) for h in htmls])
    ratio = med["clean_html"] / med["extract"]
    report("clean_html / trafilatura.extract", f"{ratio:.3f}", "target <= 1.10", ratio <= 1.10)


def floor_pass(pattern: re.Pattern[str], text: str) -> int:
    """The cheapest conceivable pass: split into blocks, one combined regex scan."""
    doc = declutter.split_text(text)
    return len(doc.blocks) + sum(1 for _ in pattern.finditer(text))


def floor(texts: list[str], repeats: int) -> None:
    fragments = {k: v for k, v in fragments_for(("en",)).items() if not k.startswith("detect.")}
    pattern = re.compile("|".join(f"^\\s*{alternation(values)}" for values in fragments.values()), re.MULTILINE)
    loops = 5
    med = alternate(max(repeats, 5), floor=lambda: [floor_pass(pattern, t) for _ in range(loops) for t in texts],
                    clean=lambda: [declutter.clean(t) for _ in range(loops) for t in texts])
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print("7. floor (split into blocks + one combined, line-anchored regex scan of the whole vocabulary)")
    report("floor throughput", f"{megabytes * loops / med['floor']:.1f} MB/s")
    report("clean / floor", f"{med['clean'] / med['floor']:.1f}x")


def _timed_step(name: str, func: Callable[..., object], spent: dict[str, float]) -> Callable[..., object]:
    """``func`` with its CPU time added to ``spent[name]`` (its flags kept, so the fixpoint runs it as before)."""
    from declutter.pipeline import _is_context_free, _is_settled

    def step(blocks: object, config: object) -> list[object]:
        start = time.process_time()
        selected = list(func(blocks, config))
        spent[name] += time.process_time() - start
        return selected

    step.context_free = _is_context_free(func)
    step.settled = _is_settled(func)
    step.filter_name = name
    return step


def breakdown(texts: list[str], repeats: int) -> None:
    """CPU time of each stage of ``clean`` over the corpus (default Config), best of the repeats."""
    from declutter import pipeline as pipeline_module

    config = declutter.Config()
    best: dict[str, float] = {}
    for _ in range(max(repeats, 5)):
        spent: dict[str, float] = dict.fromkeys(["split", "language detection"], 0.0)
        spent.update(dict.fromkeys(config.filters, 0.0))
        steps = [_timed_step(name, pipeline_module.FILTERS[name], spent) for name in config.filters]
        pipe = declutter.Pipeline(steps, config)
        split, detect = pipeline_module.split_text, pipeline_module.detect_languages
        pipeline_module.split_text = _timed_call(split, "split", spent)
        pipeline_module.detect_languages = _timed_call(detect, "language detection", spent)
        try:
            start = time.process_time()
            for text in texts:
                pipe.clean(text)
            total = time.process_time() - start
        finally:
            pipeline_module.split_text, pipeline_module.detect_languages = split, detect
        spent["everything else"] = total - sum(spent.values())
        spent["total"] = total
        best = {name: min(value, best.get(name, value)) for name, value in spent.items()}
    print("where clean's time goes (CPU ms over the corpus, default Config, best of the repeats)")
    for name, seconds in best.items():
        report(name, f"{seconds * 1e3:.1f} ms")


def _timed_call(func: Callable[..., object], name: str, spent: dict[str, float]) -> Callable[..., object]:
    def timed(*args: object) -> object:
        start = time.process_time()
        result = func(*args)
        spent[name] += time.process_time() - start
        return result

    return timed


if __name__ == "__main__":
    sys.exit(main())
