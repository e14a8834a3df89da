"""Regex safety benchmark: every compiled pattern of every filter runs in linear time.

A pattern with nested or adjacent quantifiers over the same characters (``\\s*\\s*$``,
``(a+)+``) can take quadratic or exponential time on a long run of the
characters it repeats, followed by one that makes the match fail. Scraped text
holds such runs (a line of 10,000 spaces, a row of dots), so one bad line could
stall a whole batch. This script finds every compiled pattern (module-level
patterns of ``declutter.blocks`` and ``declutter.filters.*``, and the per-language
``Patterns`` of each filter, for every shipped vocabulary), feeds each one
adversarial strings ``opener + unit * k + tail`` and prints, per pattern, the
time of its slowest case at n, 2n, 4n and 8n characters and the ratio
t(8n)/t(n): about 8 is linear, about 64 quadratic.

Run it from the repository root::

    PYTHONPATH=$PWD python bench/regex_safety.py            # n = 4000
    PYTHONPATH=$PWD python bench/regex_safety.py --n 20000

``tests/test_reliability_regex.py`` imports :func:`compiled_patterns`,
:func:`adversarial_cases` and :func:`worst_cases` from this file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Callable, Iterator

#: Text that reaches the repeated part of the vocabulary patterns: the start
#: of a byline, a promo heading, a caption credit, a contact line...
OPENERS = ("", "By Jane Doe", "Related", "More from", "Photo by", "(Photo by", "(", "(AP Photo/", "FILE - In this",
           "Jane Doe is a", "(Reporting by", "Twitter:", "5 min", "Reading time:", "Courtesy of",
           "Follow Jane Doe on Twitter", "Contact Jane Doe at", "Sign up for our", "Share on Facebook", "x.",
           "Jane Doe can be reached at", "Listen to this article")
#: Units repeated to length n: the characters the patterns repeat.
UNITS = (" ", "\t", "a", "A", "Ab ", "A. ", ".", "x.", ". ", "/", "-", "@", "a@", "a.", "1", ":", "(", "…", "'",
         "Jane and ", "A a ", "de ", "a ", "! ", "Ab, ", "a-")
#: Tails that make the match fail at the very end (or let it succeed).
TAILS = ("", "\x00", "!")

Case = tuple[str, str, str]


def compiled_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern the filters and the block splitter use, by name."""
    import declutter.blocks
    import declutter.filters
    from declutter.vocab import LazyPattern, available_languages

    modules = [declutter.blocks] + [importlib.import_module(f"declutter.filters.{info.name}")
                                    for info in pkgutil.iter_modules(declutter.filters.__path__)]
    found: dict[str, re.Pattern[str]] = {}
    for module in modules:
        short = module.__name__.rsplit(".", 1)[-1]
        found.update({f"{short}.{name}": value for name, value in vars(module).items()
                      if isinstance(value, re.Pattern)})
        patterns_for = getattr(module, "patterns_for", None)
        if patterns_for is None:
            continue
        for lang in available_languages():
            found.update({f"{short}.{lang}.{name}": value.compiled() if isinstance(value, LazyPattern) else value
                          for name, value in vars(patterns_for(lang)).items()
                          if isinstance(value, re.Pattern | LazyPattern)})
    return found


def adversarial_cases() -> Iterator[Case]:
    """Every (opener, unit, tail) combination."""
    for opener in OPENERS:
        for unit in UNITS:
            for tail in TAILS:
                yield opener, unit, tail


def build(case: Case, n: int) -> str:
    """The adversarial string of about ``n`` characters for ``case``."""
    opener, unit, tail = case
    return opener + unit * max(1, n // len(unit)) + tail


def timed(pattern: re.Pattern[str], text: str, repeat: int = 1) -> float:
    """Seconds for ``search`` plus ``match`` of ``text`` (best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        pattern.search(text)
        pattern.match(text)
        best = min(best, time.perf_counter() - start)
    return best


def worst_cases(pattern: re.Pattern[str], n: int, keep: int = 3) -> list[tuple[float, Case]]:
    """The ``keep`` slowest cases for ``pattern`` at length ``n``."""
    scored = [(timed(pattern, build(case, n)), case) for case in adversarial_cases()]
    scored.sort(key=lambda item: item[0], reverse=True)
    return scored[:keep]


def growth(pattern: re.Pattern[str], case: Case, n: int, steps: int = 4,
           clock: Callable[[re.Pattern[str], str, int], float] = timed) -> list[float]:
    """Times at n, 2n, 4n, ... (best of 3 each)."""
    return [clock(pattern, build(case, n * 2 ** step), 3) for step in range(steps)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=4000, help="base input length (default 4000)")
    args = parser.parse_args(argv)
    patterns = compiled_patterns()
    print(f"{len(patterns)} patterns, {sum(1 for _ in adversarial_cases())} adversarial cases each, n={args.n}")
    print(f"{'pattern':34} {'t(n) ms':>9} {'t(2n) ms':>9} {'t(4n) ms':>9} {'t(8n) ms':>9} {'8n/n':>6}  worst case")
    worst_ratio = 0.0
    for name, pattern in patterns.items():
        _, case = worst_cases(pattern, args.n, keep=1)[0]
        times = growth(pattern, case, args.n)
        ratio = times[-1] / max(times[0], 1e-9)
        worst_ratio = max(worst_ratio, ratio)
        cells = " ".join(f"{t * 1000:9.3f}" for t in times)
        print(f"{name:34} {cells} {ratio:6.1f}  {case[0]!r} + {case[1]!r}*k + {case[2]!r}")
    print(f"worst 8n/n ratio: {worst_ratio:.1f} (linear ~8, quadratic ~64)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
