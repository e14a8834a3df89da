"""``declutter --jsonl --jobs N``: same output as one process, in order, nothing lost."""

from __future__ import annotations

import io
import json
import multiprocessing
import os

import pytest

from declutter import Config, parallel
from declutter.batch import Batch
from declutter.cli import main
from declutter.pipeline import Result
from tests.strategies import SENTENCES

BODY = " ".join(SENTENCES[:2])
CLUTTERED = f"By Jane Doe\n\n{BODY}\n\nRelated: Council approves budget\n"


def run(argv: list[str], data: bytes) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def stream(records: int = 150) -> bytes:
    """Records spanning several chunks, with bad ones at known line numbers."""
    lines = []
    for number in range(1, records + 1):
        if number == 7:
            lines.append(b"{not json")
        elif number == 70:
            lines.append(json.dumps({"id": number, "body": "no text field"}).encode())
        elif number == 100:
            lines.append(b"[1, 2]")
        elif number == 120:
            lines.append(b"")
        else:
            text = CLUTTERED if number % 3 else BODY
            lines.append(json.dumps({"id": number, "text": f"{SENTENCES[number % len(SENTENCES)]}\n\n{text}"}).encode())
    return b"\n".join(lines) + b"\n"


def test_two_jobs_write_the_same_bytes_in_the_same_order_as_one() -> None:
    data = stream()
    one = run(["--jsonl", "--explain"], data)
    two = run(["--jsonl", "--explain", "--jobs", "2"], data)
    assert two == one
    ids = [json.loads(line)["id"] for line in two[1].splitlines() if line.startswith(b'{"id"')]
    assert ids == sorted(ids) and len(ids) == 147
    assert b"Related: Council" not in two[1] and two[1].count(b"By Jane Doe") == 0


def test_bad_records_pass_through_unchanged_and_are_reported_with_their_line() -> None:
    data = stream()
    code, out, err = run(["--jsonl", "--jobs", "2"], data)
    assert code == 1
    assert out.splitlines()[6] == b"{not json" and out.splitlines()[99] == b"[1, 2]"
    assert json.loads(out.splitlines()[69]) == {"id": 70, "body": "no text field"}
    reported = [line.split(":")[1].strip() for line in err.splitlines()]
    assert reported == ["line 7", "line 70", "line 100"]
    assert all(line.endswith("record passed through unchanged") for line in err.splitlines())


def test_a_record_whose_cleaning_raises_passes_through_reported() -> None:
    class Broken(Batch):
        def explain(self, text: str, url: str | None = None) -> Result:
            raise RuntimeError("boom")

    raw = json.dumps({"text": CLUTTERED}).encode() + b"\n"
    result = parallel.outcome(5, raw, Broken(Config()), parallel.Options(Config()))
    assert result.line == raw and result.number == 5
    assert result.problem == "cleaning failed (RuntimeError: boom)"


def _crash_on_marker(chunk: list[tuple[int, bytes]]) -> list[parallel.Outcome]:
    if any(b"CRASH" in raw for _, raw in chunk):
        os._exit(3)  # a worker dying mid-chunk (segfault, OOM kill)
    return _REAL_CLEAN_CHUNK(chunk)


_REAL_CLEAN_CHUNK = parallel._clean_chunk


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="patching workers needs fork")
def test_a_dead_worker_loses_no_record(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "_clean_chunk", _crash_on_marker)
    lines = [json.dumps({"id": n, "text": "CRASH" if n == 80 else CLUTTERED}).encode() + b"\n" for n in range(200)]
    outcomes = list(parallel.clean_lines(lines, parallel.Options(Config()), jobs=2))
    assert [o.number for o in outcomes] == list(range(1, 201))
    lost = [o for o in outcomes if o.problem is not None]
    assert 81 in [o.number for o in lost]  # the chunk with the crashing record
    assert all(o.line == lines[o.number - 1] for o in lost)
    assert all(b"By Jane Doe" not in o.line for o in outcomes if o.problem is None)
    assert len(lost) < 200  # a fresh pool took the rest


def test_jobs_needs_jsonl_and_a_count() -> None:
    code, _, err = run(["--jobs", "2"], b"text\n")
    assert code == 2 and "--jobs needs --jsonl" in err
    assert run(["--jsonl", "--jobs", "many"], b"")[0] == 2
    assert run(["--jsonl", "--jobs", "-1"], b"")[0] == 2
    assert run(["--jsonl", "--jobs", "0"], json.dumps({"text": BODY}).encode())[0] == 0
