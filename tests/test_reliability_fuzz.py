"""Bounded fuzzing of clean() and the CLI (the long campaigns are bench/fuzz_atheris.py).

Properties, for any ``str`` input: nothing is raised at all (not even a
DeclutterError: every str is a document clean() must take); cleaning is
idempotent; the output blocks are the input blocks minus the removed ones,
in order; every removal names its block; replay rebuilds the output; the CLI
never loses a JSON Lines record.
"""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import declutter
from declutter import replay, split_text
from declutter.cli import main

CLUTTER = ["By Jane Doe", "Related: Other story", "More from The Gazette", "Photo credit: X/Getty Images",
           "Sign up for our newsletter", "5 min read", "Advertisement", "Jane Doe is a staff writer at the Gazette.",
           "FILE - In this file photo, a man walks.", "(Reporting by A; Editing by B)", "Twitter: @jane", "Share",
           "The council met on Monday and voted to keep the library open after a long debate.",
           "Stir well.", "...", "…", "", " ", "\t", "\ufeff", "\x00", "\ud800", "\udcff", "🎉", "e\u0301", "中文",
           "עברית", "x" + " " * 300 + "y", "." * 300]
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"]
documents = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(st.sampled_from(CLUTTER) | st.text(max_size=40), st.sampled_from(NEWLINES)),
             max_size=25).map(lambda parts: "".join(a + b for a, b in parts)),
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> None:
    out, removals = declutter.clean_and_explain(text)  # any exception fails, DeclutterError included
    assert declutter.clean(out) == out
    before = [b.text for b in split_text(text).blocks]
    after = [b.text for b in split_text(out).blocks]
    removed = {r.index for r in removals}
    assert len(removed) == len(removals)
    assert all(before[r.index] == r.text for r in removals)
    assert [t for i, t in enumerate(before) if i not in removed] == after
    assert replay(text, removals) == out


@FAST
@given(documents)
@example("By Jane Doe\r\n\r\nBody.\r\n\r\nRelated: x")
@example("\ufeffBy Jane Doe\n\nBody.")
@example("By Jane Doe\n\ufeff\n")  # found by this test: a BOM lifted out of the first block broke it
@example("By Jane Doe\n\ufeffRelated: x")
@example("x" + " " * 5000 + "y")
def test_never_raises_and_accounts_for_every_removal_on_any_text(text):
    check(text)


@FAST
@given(st.binary(max_size=400))
def test_cli_text_mode_on_any_bytes(data):
    out, err = io.BytesIO(), io.StringIO()
    assert main(["-"], stdin=io.BytesIO(data), stdout=out, stderr=err) == 0
    expected = declutter.clean(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
    assert out.getvalue() == expected


def _records(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
                           | st.text(max_size=30), lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
jsonl_lines = st.one_of(
    st.binary(max_size=60),
    st.builds(lambda text, extra: json.dumps({"text": text, **extra}, ensure_ascii=False).encode("utf-8",
                                                                                               "surrogatepass"),
              documents, st.dictionaries(st.text(max_size=5), json_values, max_size=2)),
    json_values.map(lambda v: json.dumps(v).encode()),
)


@FAST
@given(st.lists(st.tuples(jsonl_lines, st.sampled_from([b"\n", b"\r\n"])), max_size=8), st.booleans())
def test_cli_jsonl_never_loses_a_record(lines, final_newline):
    data = b"".join(line.replace(b"\n", b" ") + end for line, end in lines)
    if not final_newline:
        data = data.rstrip(b"\r\n")
    out, err = io.BytesIO(), io.StringIO()
    status = main(["--jsonl", "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert status in (0, 1)
    assert _records(out.getvalue()) == _records(data)
    reported = [line for line in err.getvalue().splitlines() if line.startswith("declutter: line ")]
    assert (status == 1) == bool(reported)
    for got, sent in zip(out.getvalue().split(b"\n"), data.split(b"\n"), strict=True):
        if got != sent:  # a changed record is valid JSON with the same keys and line ending
            assert got.endswith(b"\r") == sent.endswith(b"\r")
            assert json.loads(got).keys() == json.loads(sent).keys()
