"""Reliability: no vocabulary or filter pattern backtracks catastrophically; user patterns fail clearly.

The adversarial inputs and the pattern discovery live in ``bench/regex_safety.py``
(which prints the full timing table); this test checks growth: for each pattern,
its slowest adversarial cases at n characters, then at 8n. Linear code grows
about 8x, quadratic about 64x; the bound (24x plus 50 ms) leaves room for noise.
"""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter
from declutter import Config, ConfigError, Pipeline
from declutter.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _load_bench():
    spec = importlib.util.spec_from_file_location("regex_safety", ROOT / "bench" / "regex_safety.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("regex_safety", module)
    spec.loader.exec_module(module)
    return module


BENCH = _load_bench()
PATTERNS = BENCH.compiled_patterns()
SMALL, LARGE = 1000, 8000


def test_discovery_finds_the_vocabulary_patterns():
    names = set(PATTERNS)
    for expected in ("promos.en.section", "promos.en.line", "bylines.en.reading_time", "captions.en.credited_paren",
                     "duplicates._ELLIPSIS", "base._SENTENCE_END"):
        assert expected in names


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_pattern_time_is_linear_in_input_length(name):
    pattern = PATTERNS[name]
    for _, case in BENCH.worst_cases(pattern, SMALL, keep=2):
        small, large = (BENCH.timed(pattern, BENCH.build(case, n), 3) for n in (SMALL, LARGE))
        assert large <= 24 * small + 0.05, f"{name} grows {large / small:.0f}x from n={SMALL} to {LARGE} on {case!r}"


# Regression inputs for the three patterns that were quadratic (or worse) before.
@pytest.mark.parametrize("text", [
    "x" + " " * 100_000 + "y",                       # duplicates: ellipsis search rescanned the spaces
    "x" + "." * 100_000 + "\x00",                    # duplicates: ... and the dots
    "More from" + " " * 100_000 + "\x00",            # promos: \s*[:]*\s*$ after [^\n]{1,60}
    "Share on Facebook" + "\t" * 100_000 + "!",      # promos: the same heading end
    "Listen to this article" + " " * 100_000 + "!",  # bylines: reading time \s*[·]?\s*
    "Reading time" + " " * 100_000 + "!",
])
def test_former_slow_lines_clean_quickly(text):
    # Quadratic behaviour took minutes here; linear takes well under a second.
    assert declutter.clean(text) == text


# The pattern texts before the fix: the fixed ones must match exactly the same.
_OLD_ELLIPSIS = re.compile(r"\s*(?:…|\.{3,}|\[…\]|\[\.\.\.\])['\"”’)\]]*\s*$")
_OLD_HEADING_END = r"\s*[:：.…»›>|\-–—]*\s*$"
_TAIL = st.lists(st.sampled_from([" ", "\t", ".", "…", "[", "]", "'", ")", "x", "A", ":", "»", "-", "|", "·", "1",
                                  "min", "m", "s", " read"]), max_size=14).map("".join)


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(["", "Related", "More from X", "Share on Facebook", "Comments", "Listen to this article",
                        "Reading time", "x"]), _TAIL)
def test_fixed_patterns_match_what_they_matched_before(head, tail):
    from declutter.vocab import alternation, fragments_for

    text = head + tail
    duplicates = importlib.import_module("declutter.filters.duplicates")
    assert _span(duplicates._ELLIPSIS.search(text)) == _span(_OLD_ELLIPSIS.search(text))
    fragments = fragments_for(("en",))
    promos = importlib.import_module("declutter.filters.promos").patterns_for("en")
    for key, new in (("promos.section", promos.section), ("promos.line", promos.line)):
        old = re.compile(rf"^{alternation(fragments[key])}{_OLD_HEADING_END}")
        assert _span(new.match(text)) == _span(old.match(text))
    bylines = importlib.import_module("declutter.filters.bylines").patterns_for("en")
    old_reading = tuple(f.replace(r"\s*+", r"\s*") for f in fragments["bylines.reading_time"])
    old = re.compile(rf"^{alternation(old_reading)}[.\s]*$")
    assert _span(bylines.reading_time.match(text)) == _span(old.match(text))


# User patterns: compiled up front, with an error naming the pattern.
@pytest.mark.parametrize("field", ["remove_patterns", "protect_patterns"])
def test_invalid_user_pattern_is_a_config_error_naming_it(field):
    config = Config(**{field: ("ok", "(unclosed")})
    with pytest.raises(ConfigError, match=r"\(unclosed"):
        Pipeline(config=config)
    with pytest.raises(ConfigError, match="missing \\)"):
        declutter.clean("text\n", config)


@pytest.mark.parametrize("option", ["--remove", "--protect"])
def test_cli_invalid_pattern_exits_2_naming_it(option):
    out, err = io.BytesIO(), io.StringIO()
    status = main([option, "[a-", "-"], stdin=io.BytesIO(b"Body.\n"), stdout=out, stderr=err)
    assert status == 2
    assert err.getvalue().startswith("declutter: error: ")
    assert "'[a-'" in err.getvalue() and option.lstrip("-") in err.getvalue()
    assert "Traceback" not in err.getvalue()
    assert out.getvalue() == b""
