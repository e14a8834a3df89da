"""The first pass with other engines: the same literals, the same per-line masks, how fast.

``declutter/scan.py`` finds each line's candidate gates with one Hyperscan
scan of the whole document. This bench runs the same literals (those of
``lang="en"``) through other multi-pattern engines and checks that they give
the very masks Hyperscan gives, then prints each engine's speed over the
lines of the ``corpus/aeb`` trafilatura extractions and of the WCXB dev
extractions (``$DECLUTTER_BENCH_CACHE/wcxb/trafilatura``, made by
``bench/wcxb.py``). CPU time, best of the repeats; the split into lines is
done beforehand and not counted. Run from the repository root::

    python bench/first_pass_engines.py              # needs trafilatura; google-re2, pyahocorasick if installed

Engines:

* ``hyperscan``: ``scan.Database.masks``, what ``clean`` uses (the scan and the mapping of hits to lines);
* ``re2.Set``: google-re2's ``Set`` of the literals (anchored ones as ``^``), one ``Match`` per line;
* ``pyahocorasick``: two Aho-Corasick automata (case ignored: over the ASCII-lower-cased bytes; case kept:
  over the bytes), one ``iter`` over the joined document, hits mapped to lines as ``scan`` does.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import declutter  # noqa: E402 (the checkout's package)
import declutter.filters  # noqa: E402 (the filters register their gates)
from declutter import scan  # noqa: E402
from declutter.literals import literals  # noqa: E402

Key = tuple[bytes, bool]
Engine = Callable[[list[str]], list[int]]
LANG = "en"


def keys_and_bits(lang: str) -> dict[Key, int]:
    """The literals the first pass looks for, ``(bytes, ignore case)``, and the gate bits of each."""
    bits = scan.gate_bits(lang)
    found: dict[Key, int] = {}
    for gate in scan.gates(lang):
        known = literals(gate.pattern, gate.anchored)
        for trigger in () if known.always else known.triggers:
            for key in scan._expressions(trigger) or ():
                found[key] = found.get(key, 0) | bits[gate.name]
    return scan._pruned(found)


def hyperscan_engine(lang: str) -> Engine:
    database = scan.database_for(lang)
    assert database is not None
    return database.masks


def re2_engine(lang: str) -> Engine | None:
    try:
        import re2
    except ImportError:
        return None
    found = keys_and_bits(lang)
    keys = sorted(found)
    options = re2.Options()
    options.max_mem = 1 << 30
    options.case_sensitive = True
    matcher = re2.Set.SearchSet(options)
    for text, ignore_case in keys:
        literal = re.escape(text.decode("utf-8", "surrogatepass").lstrip("\n"))
        matcher.Add(("(?i)" if ignore_case else "") + ("^" if text.startswith(b"\n") else "") + literal)
    matcher.Compile()
    id_bits = [found[key] for key in keys]
    decorated = scan._DECORATION_CHARS

    def masks(lines: list[str]) -> list[int]:
        result = []
        for line in lines:
            mask = 0
            for text in (line, line.lstrip(decorated)) if line[:1] in decorated else (line,):
                for number in matcher.Match(text.translate(scan._tables().to_ascii)) or ():
                    mask |= id_bits[number]
            result.append(mask)
        return result

    return masks


def aho_engine(lang: str) -> Engine | None:
    try:
        import ahocorasick
    except ImportError:
        return None
    found = keys_and_bits(lang)
    automata = []
    for ignore_case in (True, False):
        automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_SEQUENCE)
        for (text, caseless), bits in found.items():
            if caseless == ignore_case:
                automaton.add_word(tuple(text.lower() if caseless else text), bits)
        automaton.make_automaton()
        automata.append((automaton, ignore_case))

    def masks(lines: list[str]) -> list[int]:
        joined, extra, _ = scan._scan_text(lines)
        data = joined.translate(scan._tables().to_ascii).encode("utf-8", "surrogatepass")
        result = [0] * len(lines)
        for automaton, ignore_case in automata:
            hits = sorted(automaton.iter(tuple(data.lower() if ignore_case else data)))
            line, done = -1, 0
            for end, bits in hits:
                line += data.count(b"\n", done, end + 1)
                done = end + 1
                result[line if line < len(lines) else extra[line - len(lines)]] |= bits
        return result

    return masks


def documents(texts: Sequence[str]) -> list[list[str]]:
    return [[block.text.strip() for block in declutter.split_text(text).blocks] for text in texts]


def best_time(engine: Engine, docs: list[list[str]], repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.process_time()
        for lines in docs:
            engine(lines)
        times.append(time.process_time() - start)
    return min(times)


def corpora() -> dict[str, list[str]]:
    import trafilatura

    pages = sorted((REPO / "corpus" / "aeb" / "html").glob("*.html.gz"))
    found = {"corpus/aeb": [trafilatura.extract(gzip.decompress(p.read_bytes()).decode("utf-8", "replace")) or ""
                            for p in pages]}
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    folder = (Path(root) if root else REPO / "bench" / ".cache") / "wcxb" / "trafilatura"
    wcxb = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]
    if wcxb:
        found["WCXB dev"] = wcxb
    return found


def main() -> int:
    with scan.using("hyperscan", warmup=0):
        engines = {"hyperscan": hyperscan_engine(LANG), "re2.Set": re2_engine(LANG),
                   "pyahocorasick": aho_engine(LANG)}
        print(f"first pass engines, literals of lang={LANG} ({len(keys_and_bits(LANG))} literals); CPU time, best of 5")
        for label, texts in corpora().items():
            docs = documents(texts)
            size = sum(len(line.encode("utf-8", "surrogatepass")) + 1 for lines in docs for line in lines) / 1e6
            expected = [engines["hyperscan"](lines) for lines in docs]  # type: ignore[misc]
            for name, engine in engines.items():
                if engine is None:
                    print(f"  {label:<12} {name:<14} not installed")
                    continue
                same = all(engine(lines) == masks for lines, masks in zip(docs, expected, strict=True))
                seconds = best_time(engine, docs)
                print(f"  {label:<12} {name:<14} {size / seconds:7.1f} MB/s   "
                      f"{'same masks as hyperscan' if same else 'MASKS DIFFER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
