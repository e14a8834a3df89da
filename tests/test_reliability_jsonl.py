"""Reliability of ``--jsonl``: every record in comes out, in order; bad ones unchanged and reported.

Rules under test (README "Bad input"): a line that cannot be cleaned (not JSON,
not UTF-8, not an object, the field missing or not a string, longer than
``--max-record-mb``) is written unchanged and reported on stderr with its line
number; the exit status is 1 if anything was reported, 0 with ``--errors-ok``.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from declutter.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLUTTERED = "By Jane Doe\n\nThe council met on Monday.\n"
CLEANED = "The council met on Monday.\n"


def run(data: bytes, *options: str) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    status = main(["--jsonl", *options, "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def record(text: object, **extra: object) -> bytes:
    return json.dumps({"id": 1, "text": text, **extra}).encode() + b"\n"


def lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


BAD_LINES = {
    "malformed": (b'{"text": "unclosed\n', "not valid JSON"),
    "missing field": (b'{"id": 7}\n', "field 'text' is missing"),
    "null field": (b'{"text": null}\n', "field 'text' is null"),
    "number field": (b'{"text": 12}\n', "field 'text' is a int"),
    "list field": (b'{"text": ["a", "b"]}\n', "field 'text' is a list"),
    "top-level array": (b'["By Jane Doe"]\n', "expected a JSON object, got list"),
    "top-level number": (b"42\n", "expected a JSON object, got int"),
    "top-level string": (b'"By Jane Doe"\n', "expected a JSON object, got str"),
    "invalid UTF-8": (b'{"text": "caf\xe9"}\n', "not valid UTF-8 (byte 0xe9 at column 14)"),
    "NUL byte": (b'{"text": "a\x00b"}\n', "not valid JSON"),
    "deep nesting": (b"[" * 100_000 + b"\n", "nested too deeply"),
    "huge number": (b'{"text": 1' + b"0" * 5000 + b"}\n", "not valid JSON"),
}


@pytest.mark.parametrize("name", sorted(BAD_LINES))
def test_bad_record_passes_through_unchanged_and_is_reported(name):
    bad, message = BAD_LINES[name]
    data = record(CLUTTERED) + bad + record(CLUTTERED)
    status, out, err = run(data)
    assert status == 1
    assert lines(out) == [record(CLEANED), bad, record(CLEANED)]
    assert err.startswith("declutter: line 2: ")
    assert message in err
    assert "passed through unchanged" in err
    assert err.count("\n") == 1


def test_the_documented_example_exactly():
    """docs/bad-input.md: the console example, byte for byte."""
    status, out, err = run(b'{"text": "By Jane Doe\\n\\nBody."}\n{oops\n{"text": null}\n')
    assert status == 1
    assert out == b'{"text": "Body."}\n{oops\n{"text": null}\n'
    assert err == ("declutter: line 2: not valid JSON (Expecting property name enclosed in double quotes: line 1 "
                   "column 2 (char 1)); record passed through unchanged\n"
                   "declutter: line 3: field 'text' is null, not a string; record passed through unchanged\n")


def test_errors_ok_makes_exit_zero_but_still_reports():
    status, out, err = run(record(CLUTTERED) + b"not json\n", "--errors-ok")
    assert status == 0
    assert lines(out) == [record(CLEANED), b"not json\n"]
    assert "line 2" in err


def test_clean_input_exits_zero_silently():
    status, out, err = run(record(CLUTTERED) + record("Plain text."))
    assert (status, err) == (0, "")
    assert lines(out) == [record(CLEANED), record("Plain text.")]


def test_every_problem_is_reported_with_its_line_number():
    data = b"".join([record("ok"), b"x\n", record("ok"), b"{}\n", b"[]\n"])
    status, out, err = run(data)
    assert status == 1
    assert out == data
    assert [e.split(":")[1].strip() for e in err.splitlines()] == ["line 2", "line 4", "line 5"]


def test_lone_surrogate_escape_does_not_break_output():
    data = b'{"text": "By Jane Doe\\n\\nHalf a pair \\ud800 here.\\n"}\n'
    status, out, err = run(data)
    assert (status, err) == (0, "")
    assert out == b'{"text": "Half a pair \\ud800 here.\\n"}\n'
    assert json.loads(out)["text"] == "Half a pair \ud800 here.\n"


def test_lone_surrogate_in_unchanged_record_is_byte_identical():
    data = b'{"text": "No clutter \\udc80 at all."}\n'
    assert run(data) == (0, data, "")


def test_surrogate_pair_and_non_ascii_survive():
    data = record(CLUTTERED + "😀 é 中文 עברית") + record("Related: x\n\nBody.")
    status, out, _ = run(data)
    assert status == 0
    assert [json.loads(line)["text"] for line in lines(out)] == [CLEANED + "😀 é 中文 עברית", "Body."]


def test_blank_lines_are_kept_as_blank_lines_without_report():
    data = record(CLUTTERED) + b"\n" + b"   \n" + b"\r\n" + record(CLUTTERED)
    status, out, err = run(data)
    assert (status, err) == (0, "")
    assert lines(out) == [record(CLEANED), b"\n", b"   \n", b"\r\n", record(CLEANED)]


def test_final_line_without_newline_stays_without_newline():
    data = record(CLUTTERED) + record(CLUTTERED).rstrip(b"\n")
    status, out, _ = run(data)
    assert status == 0
    assert out == record(CLEANED) + record(CLEANED).rstrip(b"\n")


def test_final_bad_line_without_newline_is_kept():
    status, out, _ = run(record(CLUTTERED) + b"{broken")
    assert status == 1
    assert out == record(CLEANED) + b"{broken"


def test_crlf_line_endings_are_kept():
    data = record(CLUTTERED).replace(b"\n", b"\r\n") + record("Plain.").replace(b"\n", b"\r\n")
    status, out, _ = run(data)
    assert status == 0
    assert out == record(CLEANED).replace(b"\n", b"\r\n") + record("Plain.").replace(b"\n", b"\r\n")


def test_empty_input_gives_empty_output():
    assert run(b"") == (0, b"", "")


def test_explain_numbers_records_by_line():
    out, err = io.BytesIO(), io.StringIO()
    data = b"junk\n" + record(CLUTTERED)
    status = main(["--jsonl", "--explain", "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert status == 1
    explained = [json.loads(line) for line in err.getvalue().splitlines() if line.startswith("{")]
    assert [(e["record"], e["reason"]) for e in explained] == [(2, "byline.byline")]


def test_line_over_the_limit_passes_through_unchanged_in_bounded_pieces():
    big = b'{"text": "' + b"By Jane Doe " * 200_000 + b'"}\n'  # 2.4 MB, limit 1 MiB
    data = record(CLUTTERED) + big + record(CLUTTERED)
    status, out, err = run(data, "--max-record-mb", "1")
    assert status == 1
    assert lines(out) == [record(CLEANED), big, record(CLEANED)]
    assert f"declutter: line 2: line of {len(big)} bytes is over --max-record-mb 1" in err


def test_oversized_last_line_without_newline():
    big = b"x" * (3 << 20)
    status, out, err = run(big, "--max-record-mb", "1")
    assert (status, out) == (1, big)
    assert "line 1" in err


def test_line_just_under_the_limit_is_cleaned():
    text = CLUTTERED + "word " * 100_000
    line = record(text)
    assert len(line) <= 1 << 20
    status, out, _ = run(line, "--max-record-mb", "1")
    assert status == 0
    assert json.loads(out)["text"] == text.replace("By Jane Doe\n\n", "")


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "lots"])
def test_bad_max_record_mb_is_a_usage_error(value, capsys):
    out, err = io.BytesIO(), io.StringIO()
    status = main(["--jsonl", f"--max-record-mb={value}", "-"], stdin=io.BytesIO(b""), stdout=out, stderr=err)
    assert status == 2
    assert "--max-record-mb" in err.getvalue()  # the usage error goes to the stream main() was given
    assert capsys.readouterr().err == ""


@pytest.mark.slow
def test_line_over_100_mb_default_limit():
    """The default limit (100 MiB): a 101 MiB line is copied through, never parsed."""
    big = b'{"text": "' + b"a" * (101 << 20) + b'"}\n'
    data = record(CLUTTERED) + big + record(CLUTTERED)
    status, out, err = run(data)
    assert status == 1
    assert out == record(CLEANED) + big + record(CLEANED)
    assert "line 2: line of" in err and "over --max-record-mb 100" in err


def test_records_in_equal_records_out_in_a_real_process(tmp_path):
    source = tmp_path / "in.jsonl"
    parts = [record(CLUTTERED), b"oops\n", b"\n", record(None), record(CLUTTERED)]
    source.write_bytes(b"".join(parts))
    done = subprocess.run([sys.executable, "-m", "declutter", "--jsonl", str(source)], check=False,
                          capture_output=True, env={"PYTHONPATH": str(ROOT), "PATH": ""}, timeout=60)
    assert done.returncode == 1
    assert len(lines(done.stdout)) == len(parts)
    assert b"Traceback" not in done.stderr


def test_jobs_loses_no_record_even_with_bad_ones(tmp_path):
    parts = [record(CLUTTERED) if i % 7 else b"bad json\n" for i in range(200)]
    status, out, err = run(b"".join(parts), "--jobs", "2")
    assert status == 1
    assert lines(out) == [b"bad json\n" if i % 7 == 0 else record(CLEANED) for i in range(200)]
    assert err.count("passed through unchanged") == len(range(0, 200, 7))


def test_jobs_worker_crash_loses_no_record(tmp_path):
    """A worker process that dies (os._exit in a filter) must not lose records.

    The crashing filter is registered by a ``sitecustomize`` module, so every
    process (parent and workers, forked or spawned) knows it.
    """
    (tmp_path / "sitecustomize.py").write_text(
        "import os\nfrom declutter.filters import FILTERS\n\n"
        "def crashy(blocks, config):\n"
        "    if any('CRASH' in b.text for b in blocks):\n        os._exit(3)\n    return ()\n\n"
        "FILTERS['crashy'] = crashy\n")
    parts = [record("CRASH here.") if i == 5 else record(CLUTTERED) for i in range(20)]
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(parts))
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "declutter", "--jsonl", "--jobs", "2", "--filters",
                           "bylines,crashy", str(source)], check=False, capture_output=True, env=env, timeout=120)
    assert lines(done.stdout) == [parts[5] if i == 5 else record(CLEANED) for i in range(20)]
    assert done.returncode != 0
    assert b"line 6" in done.stderr


def test_changed_record_keeps_duplicate_keys_and_formatting():
    data = (b'{"id": 1, "id": 2,  "text": "By Jane Doe\\n\\nThe council met on Monday.\\n", "n": 1.50,'
            b' "meta": {"a": 1, "a": 2}, "s": "caf\\u00e9"}\n')
    status, out, _ = run(data)
    assert status == 0
    assert out == (b'{"id": 1, "id": 2,  "text": "The council met on Monday.\\n", "n": 1.50,'
                   b' "meta": {"a": 1, "a": 2}, "s": "caf\\u00e9"}\n')


def test_duplicate_field_cleans_the_value_a_reader_sees():
    """A JSON reader keeps the last of duplicate keys: that one is cleaned, the first stays as it was."""
    data = b'{"text": "Related: x\\n\\nFirst.", "text": "By Jane Doe\\n\\nSecond."}\n'
    status, out, _ = run(data)
    assert (status, out) == (0, b'{"text": "Related: x\\n\\nFirst.", "text": "Second."}\n')
    assert json.loads(out)["text"] == "Second."


def test_explain_key_replaces_an_existing_key_in_place_or_is_added_at_the_end():
    present = b'{"d": "old", "text": "By Jane Doe\\n\\nBody." }\n'
    out = run(present, "--explain-key", "d")[1]
    assert out.startswith(b'{"d": [{"filter": "bylines"') and out.endswith(b'"text": "Body." }\n')
    absent = run(b'{"text": "Body."}\n', "--explain-key", "d")[1]
    assert absent == b'{"text": "Body.", "d": []}\n'


_KEYS = st.sampled_from(["a", "b", "text", "é", "x y", "d"])
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                                    max_size=3), max_leaves=6)
_SPACES = st.sampled_from(["", " ", "  ", "\t", "\n "])


@given(pairs=st.lists(st.tuples(_KEYS, _VALUES), min_size=1, max_size=6), space=_SPACES,
       changes=st.dictionaries(_KEYS, _VALUES, max_size=3))
def test_splice_changes_only_the_last_occurrence_of_each_key(pairs, space, changes):
    from declutter.parallel import splice

    text = "{" + space + ("," + space).join(f"{json.dumps(k)}{space}:{space}{json.dumps(v)}" for k, v in pairs)
    text += space + "}"
    spliced = splice(text, changes)
    last = {key: position for position, (key, _) in enumerate(pairs)}
    expected = [(k, changes[k] if k in changes and last[k] == i else v) for i, (k, v) in enumerate(pairs)]
    expected += [(k, v) for k, v in changes.items() if k not in last]
    assert json.loads(spliced, object_pairs_hook=lambda items: items) == _as_pairs(expected)


def _as_pairs(pairs):
    """What ``object_pairs_hook=list`` reads back for these pairs (nested objects as pair lists too)."""
    def convert(value):
        if isinstance(value, dict):
            return [(k, convert(v)) for k, v in value.items()]
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value
    return [(k, convert(v)) for k, v in pairs]
