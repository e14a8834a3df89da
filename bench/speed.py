"""How fast declutter is, next to the targets of issues #4 and #11, for each engine.

Run from the repository root (a fresh clone works; needs trafilatura)::

    python bench/speed.py                      # all figures, about 5-8 minutes on 2 cores
    python bench/speed.py --stream-mb 100      # a shorter memory run
    python bench/speed.py --engines re         # one engine only
    python bench/speed.py --corpus PATH        # another folder of *.html.gz pages

The engines (see ``declutter/scan.py``): ``hyperscan``, the first pass that
finds each line's candidate patterns in one compiled scan (with the compiled
duplicates keys), and ``re``, pure Python, the fallback. Both give the same
output; the first figure checks that on every text the bench reads.

Every figure is printed next to its target. Figures that compare two things
(two engines, declutter against trafilatura, 100x a document against 1x, 2
jobs against 1) are measured in the same run, alternating, so machine noise
cancels; each is the median of several repeats. In-process timings are CPU
time of this process (``time.process_time``); command-line timings are wall
time. In-process figures are those of a process that has already cleaned the
pages once: each language set's database is built (``build`` below gives
that one-time cost, and the first clean in a new process).

0. same output: both engines' output and removals over every text below, as one hash each
1. relative cost: ``declutter.clean`` on trafilatura's output / ``trafilatura.extract`` on the same pages
2. throughput: MB of extracted text per CPU second for ``clean``, on the corpus's trafilatura extractions and
   on the WCXB dev split's (``$DECLUTTER_BENCH_CACHE/wcxb/trafilatura``, made by ``bench/wcxb.py``); the crawl
   loop (extract a page, clean it, the next page, in one process); documents per second through
   ``declutter --jsonl``; one-time costs
3. scaling: time for documents of N, 10N and 100N blocks (real paragraphs, planted clutter and duplicates)
4. memory: peak RSS of ``declutter --jsonl`` over a generated JSON Lines stream fed through a pipe
5. parallelism: ``declutter --jsonl --jobs 2`` against ``--jobs 1``, end to end on two stream lengths,
   and once started (the longer stream's extra records alone, so start-up does not count)
6. HTML mode: ``declutter.clean_html`` / ``trafilatura.extract``
7. floor: what no cleaning can go below: the blocks split, plus the vocabulary matched once per line
   (``re``: each filter's combined pattern, once per block; ``hyperscan``: the one compiled scan)
8. selectivity of the first pass: the share of lines it lets through to some gate, on both corpora, and the
   gates that let through the most (each candidate line costs the filters a ``re`` test)

Last, for each engine, where ``clean``'s time goes: splitting, language
detection, the first pass and each filter (all of its runs in the fixpoint),
as CPU milliseconds over the corpus.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import declutter  # noqa: E402 (the checkout's package, not an installed one)
from declutter import scan  # noqa: E402

CLUTTER = (
    "By Jane Doe and John Roe, Reuters", "Related: Council approves budget for next year",
    "Photo credit: Sasha Mordovets/Getty Images", "Sign up for our newsletter", "Share this article",
    "5 min read", "(Reporting by Jane Doe; Editing by John Roe)", "Advertisement", "Twitter: @janedoe",
    "FILE - In this file photo, a man walks past the building. (AP Photo/John Roe)", "12 comments",
)
TARGET_MBS = 20.0
TARGET_RATIO = 0.03


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="corpus/aeb/html", help="folder of *.html.gz pages, relative to the repo")
    parser.add_argument("--repeats", type=int, default=3, help="repeats of each timing (median is printed)")
    parser.add_argument("--stream-mb", type=int, default=1024, help="size of the generated JSONL stream (MB)")
    parser.add_argument("--engines", default=",".join(e for e in scan.ENGINES if scan._available(e)),
                        help="engines to measure, comma-separated (default: every available one)")
    args = parser.parse_args(argv)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = [e for e in engines if e not in scan.ENGINES or not scan._available(e)]
    if unknown or not engines:
        parser.error(f"engine(s) not available: {', '.join(unknown) or '(none given)'}; available: "
                     f"{', '.join(e for e in scan.ENGINES if scan._available(e))}")
    corpus = REPO / args.corpus
    pages = sorted(corpus.glob("*.html.gz"))
    if not pages:
        parser.error(f"no *.html.gz pages in {corpus}")
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    print(f"declutter {declutter.__version__}, {len(htmls)} pages from {args.corpus}, {os.cpu_count()} CPUs, "
          f"median of {args.repeats} repeats; engines: "
          + "; ".join(f"{e} = {described(e)}" for e in engines))
    import trafilatura

    texts = [trafilatura.extract(html) or "" for html in htmls]
    wcxb = wcxb_texts()
    same_output(engines, {"corpus/extracted (all extractors)": corpus_extractions(), "WCXB dev, trafilatura": wcxb})
    relative_cost(htmls, texts, engines, args.repeats)
    print("2. throughput")
    throughput(f"corpus/aeb, trafilatura ({megabytes(texts):.2f} MB)", texts, engines, args.repeats)
    if wcxb:
        throughput(f"WCXB dev, trafilatura ({megabytes(wcxb):.1f} MB)", wcxb, engines, args.repeats)
    crawl_loop(htmls, engines, args.repeats)
    walls = jsonl_walls(texts, args.repeats)
    records, one, *_ = walls[SHORT]
    report(f"declutter --jsonl, end to end ({records} records)", f"{records / one:.0f} docs/s")
    one_time(engines, texts)
    scaling(texts, args.repeats)
    memory(htmls, texts, args.stream_mb)
    parallelism(walls)
    html_mode(htmls, args.repeats)
    floor(texts, engines, args.repeats)
    if "hyperscan" in engines:
        selectivity({"corpus/aeb": texts, "WCXB dev": wcxb})
    for engine in engines:
        breakdown(texts, engine, args.repeats)
    return 0


def described(engine: str) -> str:
    with scan.using(engine):
        return scan.engine_description()


def using(engine: str) -> AbstractContextManager[None]:
    """Engine ``engine``, its databases built at once (the figures are those of a warm process)."""
    return scan.using(engine, warmup=0)


def megabytes(texts: Sequence[str]) -> float:
    return sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6


def corpus_extractions() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus" / "extracted").glob("*/*.txt"))]


def wcxb_texts() -> list[str]:
    """trafilatura's extractions of the WCXB dev pages, as ``bench/wcxb.py`` caches them (or none, said why)."""
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    folder = (Path(root) if root else REPO / "bench" / ".cache") / "wcxb" / "trafilatura"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        print(f"  (no WCXB dev extractions in {folder}: make them with `python bench/wcxb.py --rows trafilatura`, "
              f"which reads the pages from $DECLUTTER_WCXB, and set $DECLUTTER_BENCH_CACHE to where it writes)")
        return []
    return [path.read_text(encoding="utf-8") for path in paths]


def same_output(engines: list[str], corpora: dict[str, list[str]]) -> None:
    print("0. same output from every engine (text and removals, sha256 of all of them)")
    for label, texts in corpora.items():
        if not texts:
            continue
        digests = {}
        for engine in engines:
            digest = hashlib.sha256()
            with using(engine):
                for text in texts:
                    result = declutter.clean_and_explain(text)
                    digest.update(repr((result.text, [r.as_dict() for r in result.removals])).encode())
            digests[engine] = digest.hexdigest()[:16]
        same = len(set(digests.values())) == 1
        report(f"{label} ({len(texts)} texts)", " = ".join(digests.values()), "identical", same)


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


def clean_all(engine: str, texts: Sequence[str], loops: int = 1) -> Callable[[], object]:
    def run() -> None:
        with using(engine):
            for _ in range(loops):
                for text in texts:
                    declutter.clean(text)

    return run


def report(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
    verdict = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"  {label:<56} {value:>18}   {target}{verdict}")


def relative_cost(htmls: list[str], texts: list[str], engines: list[str], repeats: int) -> None:
    import trafilatura

    for engine in engines:
        clean_all(engine, texts)()  # warm: databases built, patterns compiled
    loops = 3
    med = alternate(repeats, extract=lambda: [trafilatura.extract(h) for h in htmls],
                    **{engine: clean_all(engine, texts, loops) for engine in engines})
    print("1. relative cost (CPU time over the corpus)")
    report("trafilatura.extract", f"{med['extract']:.2f} s")
    for engine in engines:
        ratio = med[engine] / loops / med["extract"]
        report(f"clean ({engine}) / extract", f"{med[engine] / loops * 1e3:.0f} ms = {ratio:.3f}",
               f"target <= {TARGET_RATIO}", ratio <= TARGET_RATIO)


def throughput(label: str, texts: list[str], engines: list[str], repeats: int) -> None:
    for engine in engines:
        clean_all(engine, texts)()
    med = alternate(max(repeats, 5), **{engine: clean_all(engine, texts) for engine in engines})
    for engine in engines:
        rate = megabytes(texts) / med[engine]
        report(f"clean ({engine}), {label}", f"{rate:.1f} MB/s", f"target >= {TARGET_MBS:.0f} MB/s per core",
               rate >= TARGET_MBS)


def crawl_loop(htmls: list[str], engines: list[str], repeats: int) -> None:
    """Extract a page, clean it, the next page: the figures of clean inside that loop, in one warm process."""
    import trafilatura

    spent: dict[str, list[tuple[float, float, float]]] = {engine: [] for engine in engines}
    for _ in range(repeats):
        for engine in engines:
            extract_s = clean_s = size = 0.0
            with using(engine):
                for html in htmls:
                    start = time.process_time()
                    text = trafilatura.extract(html) or ""
                    middle = time.process_time()
                    declutter.clean(text)
                    extract_s, clean_s = extract_s + middle - start, clean_s + time.process_time() - middle
                    size += len(text.encode("utf-8", "surrogatepass"))
            spent[engine].append((extract_s, clean_s, size / 1e6))
    for engine in engines:
        extract_s, clean_s, size = (statistics.median(values) for values in zip(*spent[engine], strict=True))
        rate = size / clean_s
        report(f"crawl loop ({engine}): clean, in the loop", f"{rate:.1f} MB/s", f"target >= {TARGET_MBS:.0f} MB/s",
               rate >= TARGET_MBS)
        report(f"crawl loop ({engine}): clean's share of the loop, clean / extract",
               f"{clean_s / (clean_s + extract_s):.1%}, {clean_s / extract_s:.3f}", f"target <= {TARGET_RATIO}",
               clean_s / extract_s <= TARGET_RATIO)


def one_time(engines: list[str], texts: list[str]) -> None:
    """What a process pays once: its first clean, and each language set's database (built after a warm-up)."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[1]); start = time.perf_counter(); import declutter; "
            "declutter.clean(open(sys.argv[2], encoding='utf-8').read()); print(time.perf_counter() - start)")
    seed = REPO / "seeds" / "000_182fc0aef669f16c.txt"
    for engine in engines:
        env = {**os.environ, "PYTHONPATH": str(REPO), scan.ENGINE_VARIABLE: engine}
        runs = [float(subprocess.run([sys.executable, "-c", code, str(REPO), str(seed)], capture_output=True,
                                     text=True, env=env, check=True).stdout) for _ in range(3)]
        report(f"first clean in a process, import included ({engine})", f"{statistics.median(runs) * 1e3:.0f} ms")
    build = ("import sys, time; sys.path.insert(0, sys.argv[1]); from declutter import scan, filters; "
             "start = time.process_time(); scan.database_for(sys.argv[2]); print(time.process_time() - start)")
    if "hyperscan" in engines:
        for lang in ("en", "de,en"):
            seconds = float(subprocess.run([sys.executable, "-c", build, str(REPO), lang], capture_output=True,
                                           text=True, check=True).stdout)
            report(f"building the first pass's database, lang={lang} (once)", f"{seconds * 1e3:.0f} ms",
                   f"after {scan.WARMUP_CHARS:,} characters of that set")


def parallelism(walls: dict[int, tuple[int, float, float, float, float]]) -> None:
    records, one, two, cpu_one, cpu_two = walls[SHORT]
    more, long_one, long_two, long_cpu_one, long_cpu_two = walls[LONG]
    print(f"5. parallelism (wall time, same input, engine {scan.engine()})")
    report("declutter --jsonl --jobs 2", f"{records / two:.0f} docs/s")
    report(f"speed-up of --jobs 2 over --jobs 1, {records} records", f"{one / two:.2f}x")
    report(f"speed-up of --jobs 2 over --jobs 1, {more} records", f"{long_one / long_two:.2f}x")
    steady = (long_one - one) / (long_two - two)
    report("speed-up once started (the extra records alone)", f"{steady:.2f}x", "target >= 1.8x on 2 cores",
           steady >= 1.8)
    startup = one - (long_one - one) * records / (more - records)
    report("fixed start-up cost, one job (start, compiling)", f"{startup:.2f} s")
    # CPU seconds of the command and its workers: what the extra records cost, whatever else the machine runs
    extra_one, extra_two = long_cpu_one - cpu_one, long_cpu_two - cpu_two
    report("CPU of the extra records, parent + workers: 1 job, 2 jobs", f"{extra_one:.2f} s, {extra_two:.2f} s",
           "2 jobs can at best be 2 x (1 job) / (2 jobs) faster on 2 free cores")
    report("speed-up once started, from CPU time (load-independent bound)", f"{2 * extra_one / extra_two:.2f}x",
           "target >= 1.8x on 2 cores", 2 * extra_one / extra_two >= 1.8)
    report("fixed start-up CPU, one job; two jobs", f"{cpu_one - extra_one * records / (more - records):.2f} s; "
           f"{cpu_two - extra_two * records / (more - records):.2f} s")


def run_cli(args: list[str], stdin_path: Path) -> tuple[float, float]:
    """Wall seconds of ``python -m declutter ARGS < stdin_path`` (output discarded), and the CPU seconds of it
    and of its worker processes (which it waits for, so their time is counted in its own children's)."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with stdin_path.open("rb") as source:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "declutter", *args], stdin=source, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


#: Copies of the corpus in the two JSON Lines streams of figure 5. The speed-up
#: of a crawl is that of its records once the processes run: the difference
#: between the two streams leaves out the start-up (Python, imports, compiling
#: the vocabularies of each language set met), which one long crawl pays once.
SHORT, LONG = 30, 90


def jsonl_walls(texts: list[str], repeats: int) -> dict[int, tuple[int, float, float, float, float]]:
    """For each stream length: records, median wall seconds with one and with two jobs (alternating), and
    median CPU seconds (the command and its workers) with one and with two jobs."""
    found: dict[int, tuple[int, float, float, float, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for copies in (SHORT, LONG):
            path = Path(folder) / f"pages-{copies}.jsonl"
            with path.open("w", encoding="utf-8") as out:
                for copy in range(copies):
                    for number, text in enumerate(texts):
                        out.write(json.dumps({"id": f"{copy}-{number}", "text": text}, ensure_ascii=False) + "\n")
            runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
            for _ in range(repeats):
                for jobs, values in runs.items():
                    values.append(run_cli(["--jsonl", "--jobs", str(jobs)], path))
            walls = {jobs: statistics.median(wall for wall, _ in values) for jobs, values in runs.items()}
            cpus = {jobs: statistics.median(cpu for _, cpu in values) for jobs, values in runs.items()}
            found[copies] = (copies * len(texts), walls[1], walls[2], cpus[1], cpus[2])
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

    for html in htmls:  # warm: HTML mode's first page of a language compiles its patterns (once per process)
        declutter.clean_html(html)
    med = alternate(repeats, extract=lambda: [trafilatura.extract(h) for h in htmls],
                    clean_html=lambda: [declutter.clean_html(h) for h in htmls])
    ratio = med["clean_html"] / med["extract"]
    report("clean_html / trafilatura.extract", f"{ratio:.3f}", "target <= 1.10", ratio <= 1.10)


def floor_pass(engine: str, text: str) -> int:
    """The cheapest honest pass: split into blocks, then the vocabulary matched once per line, no decisions.

    ``re``: each filter's combined line pattern (its pre-test), once per block. ``hyperscan``: the one compiled
    scan of the first pass, which finds every line each pattern can match.
    """
    blocks = declutter.split_text(text).blocks
    lang = "en"
    texts = [block.text.strip() for block in blocks]
    if engine == "hyperscan":
        database = scan.database_for(lang)
        return sum(database.masks(texts)) if database is not None else 0
    patterns = _floor_patterns(lang)
    return sum(1 for line in texts for pattern in patterns if pattern.match(line))


def _floor_patterns(lang: str) -> list[re.Pattern[str]]:
    """Each line filter's combined pre-test: the vocabulary it matches at every line."""
    import importlib

    chrome, captions, bylines, promos = (importlib.import_module(f"declutter.filters.{name}")
                                         for name in ("chrome", "captions", "bylines", "promos"))
    return [chrome.patterns_for(lang).any, captions.patterns_for(lang).any_line, bylines.patterns_for(lang).any,
            promos.patterns_for(lang).any]


def floor(texts: list[str], engines: list[str], repeats: int) -> None:
    loops = 3
    runs: dict[str, Callable[[], object]] = {}
    for engine in engines:
        runs[f"floor {engine}"] = lambda engine=engine: [floor_pass(engine, t) for _ in range(loops) for t in texts]
        runs[f"clean {engine}"] = clean_all(engine, texts, loops)
        runs[f"floor {engine}"]()
    med = alternate(max(repeats, 5), **runs)
    print("7. floor (split into blocks + the vocabulary matched once per line, no decisions; lang=en)")
    for engine in engines:
        rate = megabytes(texts) * loops / med[f"floor {engine}"]
        report(f"floor ({engine})", f"{rate:.1f} MB/s")
        report(f"clean / floor ({engine})", f"{med[f'clean {engine}'] / med[f'floor {engine}']:.1f}x")


def selectivity(corpora: dict[str, list[str]], lang: str = "en", top: int = 4) -> None:
    """The share of lines the first pass lets through to some gate (the fewer, the less ``re`` runs), and the
    gates that let through the most."""
    print(f"8. first-pass selectivity (share of non-empty lines that are a candidate of some gate; lang={lang})")
    import declutter.filters  # the filters register their gates

    with using("hyperscan"):
        database = scan.database_for(lang)
        if database is None:
            return
        for label, texts in corpora.items():
            lines = [block.text.strip() for text in texts for block in declutter.split_text(text).blocks]
            lines = [line for line in lines if line]
            if not lines:
                continue
            found = database.masks(lines)
            shares = {name: sum(1 for mask in found if mask & bit) / len(lines) for name, bit in database.bits.items()}
            worst = sorted(shares, key=shares.__getitem__, reverse=True)[:top]
            report(f"{label} ({len(lines)} lines)", f"{sum(1 for mask in found if mask) / len(lines):.1%}",
                   "most: " + ", ".join(f"{name} {shares[name]:.1%}" for name in worst))


def _timed_step(name: str, func: Callable[..., object], spent: dict[str, float],
                current: list[str]) -> Callable[..., object]:
    """``func`` with its CPU time added to ``spent[name]`` (its flags kept, so the fixpoint runs it as before)."""
    from declutter.pipeline import _is_context_free, _is_settled

    def step(blocks: object, config: object) -> list[object]:
        current[0] = name
        start = time.process_time()
        selected = list(func(blocks, config))  # type: ignore[operator]
        spent[name] += time.process_time() - start
        return selected

    step.context_free = _is_context_free(func)
    step.settled = _is_settled(func)
    step.filter_name = name
    return step


def breakdown(texts: list[str], engine: str, repeats: int) -> None:
    """CPU time of each stage of ``clean`` over the corpus (default Config), best of the repeats."""
    from declutter import pipeline as pipeline_module

    config = declutter.Config()
    best: dict[str, float] = {}
    with using(engine):
        for text in texts:
            declutter.clean(text)
        for _ in range(max(repeats, 5)):
            spent = _breakdown_once(pipeline_module, config, texts)
            best = {name: min(value, best.get(name, value)) for name, value in spent.items()}
    print(f"where clean's time goes with {engine} (CPU ms over the corpus, default Config, best of the repeats)")
    for name, seconds in best.items():
        report(name, f"{seconds * 1e3:.1f} ms")


def _breakdown_once(pipeline_module: object, config: declutter.Config, texts: list[str]) -> dict[str, float]:
    spent: dict[str, float] = dict.fromkeys(["split", "language detection", "first pass"], 0.0)
    spent.update(dict.fromkeys(config.filters, 0.0))
    current = ["first pass"]
    steps = [_timed_step(name, pipeline_module.FILTERS[name], spent, current)  # type: ignore[attr-defined]
             for name in config.filters]
    pipe = declutter.Pipeline(steps, config)
    saved = pipeline_module.split_text, pipeline_module.detect_languages, scan.masks  # type: ignore[attr-defined]
    pipeline_module.split_text = _timed_call(saved[0], "split", spent)  # type: ignore[attr-defined]
    pipeline_module.detect_languages = _timed_call(saved[1], "language detection", spent)  # type: ignore[attr-defined]
    scan.masks = _timed_masks(saved[2], spent, current)  # type: ignore[assignment]
    try:
        start = time.process_time()
        for text in texts:
            pipe.clean(text)
        total = time.process_time() - start
    finally:
        pipeline_module.split_text, pipeline_module.detect_languages, scan.masks = saved  # type: ignore[attr-defined]
    if not spent["first pass"]:
        del spent["first pass"]
    spent["everything else"] = total - sum(spent.values())
    spent["total"] = total
    return spent


def _timed_masks(masks: Callable[..., object], spent: dict[str, float], current: list[str]) -> Callable[..., object]:
    """``scan.masks`` with its CPU time moved from the filter that asked to "first pass"."""
    def timed(*args: object) -> object:
        start = time.process_time()
        result = masks(*args)
        elapsed = time.process_time() - start
        spent["first pass"] += elapsed
        spent[current[0]] -= elapsed
        return result

    return timed


def _timed_call(func: Callable[..., object], name: str, spent: dict[str, float]) -> Callable[..., object]:
    def timed(*args: object) -> object:
        start = time.process_time()
        result = func(*args)
        spent[name] += time.process_time() - start
        return result

    return timed


if __name__ == "__main__":
    sys.exit(main())
