"""The JSON Lines command streams: it reads a line, writes its record, reads on."""

from __future__ import annotations

import io
import json

from declutter import parallel
from declutter.cli import main
from tests.strategies import SENTENCES


class CountingSource(io.BytesIO):
    """stdin that counts the lines handed out and refuses to be read whole."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.lines_read = 0

    def __next__(self) -> bytes:
        line = super().__next__()
        self.lines_read += 1
        return line

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        if line:
            self.lines_read += 1
        return line

    def read(self, size: int | None = -1) -> bytes:
        raise AssertionError("the JSON Lines mode must not read its input whole")


class WatchingSink(io.BytesIO):
    """stdout that notes how many input lines were read at its first write."""

    def __init__(self, source: CountingSource) -> None:
        super().__init__()
        self.source = source
        self.read_at_first_write: int | None = None

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.read_at_first_write is None:
            self.read_at_first_write = self.source.lines_read
        return super().write(data)


def records(count: int) -> bytes:
    text = f"{SENTENCES[0]}\n\nRelated: Council approves budget\n"
    return b"".join(json.dumps({"id": n, "text": text}).encode() + b"\n" for n in range(count))


def test_one_job_writes_each_record_before_reading_the_next() -> None:
    source = CountingSource(records(500))
    sink = WatchingSink(source)
    assert main(["--jsonl"], stdin=source, stdout=sink, stderr=io.StringIO()) == 0
    assert sink.read_at_first_write == 1
    assert len(sink.getvalue().splitlines()) == 500 and b"Related:" not in sink.getvalue()


def test_jobs_read_ahead_at_most_a_bounded_window() -> None:
    source = CountingSource(records(2000))
    sink = WatchingSink(source)
    assert main(["--jsonl", "--jobs", "2"], stdin=source, stdout=sink, stderr=io.StringIO()) == 0
    window = 2 * parallel.WINDOW_PER_JOB * parallel.CHUNK_RECORDS
    assert sink.read_at_first_write is not None and sink.read_at_first_write <= window
    assert len(sink.getvalue().splitlines()) == 2000
