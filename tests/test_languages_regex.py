"""Every language's compiled patterns finish quickly on adversarial input.

A fragment with nested unbounded quantifiers over overlapping classes can take
exponential time on a long run of the characters it repeats. Each pattern is
run (with ``match`` and ``search``) on such runs, in a daemon thread bounded by
a generous timeout: the test fails on a hang, not on a slow machine.
"""

from __future__ import annotations

import importlib
import re
import threading

import pytest

from declutter.vocab import LazyPattern, available_languages

N = 20_000
ADVERSARIAL = (
    " " * N, "\t" * N, "a" * N, "A" * N, "1" * N, "-" * N, "." * N, "(" * N, "a@" * (N // 2), "x/" * (N // 2),
    "a " * (N // 2), "Aa " * (N // 3), "A." * (N // 2), "5 " * (N // 2),
    "By " + "A" * N, "By " + "Ab, " * (N // 4), "Von " + "Aa " * (N // 3), "Par " + "Ab " * (N // 3),
    "Por " + "Ab y " * (N // 4), "di " + "Ab " * (N // 3), "Door Jan " + "van " * (N // 4), "Autor:\t" + "\t" * N,
    "Foto: " + "x" * N, "(Photo by " + "a" * N, "Beeld " + "Ab " * (N // 3), "Twitter: " + "@" * N,
    "Jan Kowalski ist " + "a " * (N // 2), "Jane Doe is a " + "staff " * (N // 6), "Mehr aus " + "a" * N,
    "Lesezeit: " + "1" * N, "ARCHIV - " + "1." * (N // 2), "Con información de " + "AB " * (N // 3),
)
TIMEOUT_SECONDS = 60.0


def compiled_patterns(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for module in ("bylines", "captions", "promos"):
        pats = importlib.import_module(f"declutter.filters.{module}").patterns_for(lang)
        found += [(f"{module}.{name}", p.compiled() if isinstance(p, LazyPattern) else p)
                  for name, p in vars(pats).items() if isinstance(p, re.Pattern | LazyPattern)]
    return found


@pytest.mark.parametrize("lang", [*available_languages(), ",".join(available_languages())])
def test_patterns_finish_on_adversarial_strings(lang: str) -> None:
    patterns = compiled_patterns(lang)
    assert len(patterns) >= 8
    done = threading.Event()

    def run() -> None:
        for _, pattern in patterns:
            for text in ADVERSARIAL:
                pattern.match(text)
                pattern.search(text)
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(TIMEOUT_SECONDS), f"a {lang} pattern did not finish within {TIMEOUT_SECONDS}s"
