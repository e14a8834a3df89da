"""--stats, --progress and several input files: summaries and bars go to stderr, stdout never changes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import declutter
from declutter.cli import main
from declutter.stats import Stats

BODY = "The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year."
PAGE = f"By Jane Doe\n\n{BODY}\n\nRelated: Council approves budget\n"
HTML = (f"<html><body><nav><a href='/'>Home</a> <a href='/n'>News</a></nav><article><h1>Bus lanes</h1>"
        f"<p class='byline'>By Jane Doe</p><p>{BODY}</p><p>{BODY.replace('Tuesday', 'Monday')}</p>"
        f"</article></body></html>")


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run(argv: list[str], data: bytes = b"", stderr: io.StringIO | None = None) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), stderr if stderr is not None else io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def jsonl(count: int = 30) -> bytes:
    records = [{"id": i, "text": PAGE if i % 3 == 0 else BODY} for i in range(count)]
    return "".join(json.dumps(r) + "\n" for r in records).encode() + b"{oops\n\n"


@pytest.mark.parametrize("mode", [["--jsonl"], ["--jsonl", "--jobs", "2"], ["--jsonl", "--explain-key", "x"], [],
                                  ["--diff"], ["--html"]])
@pytest.mark.parametrize("flags", [["--stats"], ["--stats=json"], ["--progress"], ["--no-progress"],
                                   ["--stats", "--progress"]])
def test_stdout_is_byte_identical_with_stats_and_progress(mode: list[str], flags: list[str]) -> None:
    data = jsonl() if "--jsonl" in mode else HTML.encode() if "--html" in mode else PAGE.encode()
    plain = run(mode, data)
    flagged = run(mode + flags, data)
    assert flagged[:2] == plain[:2]
    assert plain[1]  # something was written: the comparison is not of two empty outputs


def test_stats_json_counts_what_explain_reports() -> None:
    data = jsonl()
    code, _, err = run(["--jsonl", "--explain", "--stats=json"], data)
    *explained, summary = err.splitlines()
    removals = [json.loads(line) for line in explained if line.startswith("{")]
    stats = json.loads(summary)
    assert code == 1  # the bad line is reported
    assert stats["records"] == 31 and stats["passed_through"] == 1
    assert stats["changed"] == len({r["record"] for r in removals}) == 10
    assert stats["blocks_removed"] == len(removals)
    assert stats["chars_removed"] == sum(len(r["text"]) for r in removals)
    by_reason = {(name, reason): entry["blocks"] for name, f in stats["filters"].items()
                 for reason, entry in f["reasons"].items()}
    assert by_reason == {("bylines", "byline.byline"): 10, ("promos", "promo.inline"): 10}
    assert stats["chars_kept"] == sum(len(BODY) + (i % 3 == 0) for i in range(30))  # PAGE keeps its newline


def test_stats_text_summary_and_jobs_agree() -> None:
    one = run(["--jsonl", "--stats=json"], jsonl(200))[2].splitlines()[-1]
    two = run(["--jsonl", "--stats=json", "--jobs", "2"], jsonl(200))[2].splitlines()[-1]
    assert json.loads(one) == json.loads(two)
    err = run(["--jsonl", "--stats"], jsonl())[2]
    assert "declutter: 31 records, 10 changed (32.3%), 1 passed through unchanged" in err
    assert "removed 20 blocks" in err
    assert [line.split()[1:3] for line in err.splitlines() if "byline.byline" in line] == [["bylines",
                                                                                            "byline.byline"]]


def test_stats_does_not_swallow_the_file_after_it(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    code, out, err = run(["--stats", str(page)])
    assert (code, out) == (0, f"{BODY}\n".encode())
    assert "1 record, 1 changed" in err


def test_stats_for_one_text_page_and_html() -> None:
    assert "removed 2 blocks" in run(["--stats"], PAGE.encode())[2]
    stats = json.loads(run(["--html", "--stats=json"], HTML.encode())[2])
    assert stats["records"] == 1 and stats["changed"] == 1 and stats["blocks_removed"] >= 1


def test_progress_is_on_for_a_terminal_and_off_otherwise() -> None:
    data = jsonl()
    assert run(["--jsonl"], data, Terminal())[2].count("records") >= 1  # default on a terminal
    assert "records" not in run(["--jsonl"], data)[2]  # default off for a file or pipe
    assert "records" not in run(["--jsonl", "--no-progress"], data, Terminal())[2]
    bar = run(["--jsonl", "--progress"], data)[2]
    assert "31 records" in bar and "% removed" in bar and "B/s" in bar
    assert "records" not in run([], PAGE.encode(), Terminal())[2]  # one text page: no bar


def test_progress_keeps_reports_readable() -> None:
    err = run(["--jsonl", "--progress"], jsonl())[2]
    report = [line for line in err.replace("\r", "\n").splitlines() if "not valid JSON" in line]
    assert len(report) == 1 and report[0].startswith("declutter: line 31: not valid JSON")


def test_python_stats_match_the_removals() -> None:
    stats = Stats()
    results = [declutter.clean_and_explain(page) for page in (PAGE, BODY, PAGE + "Advertisement\n")]
    for result in results:
        stats.add(result)
    removals = [r for result in results for r in result.removals]
    assert (stats.records, stats.changed, stats.blocks_removed) == (3, 2, len(removals))
    assert stats.chars_removed == sum(len(r.text) for r in removals)
    assert stats.chars_kept == sum(len(result.text) for result in results)
    assert stats.as_dict()["filters"]["promos"]["blocks"] == 3
    assert 0 < stats.share_removed < 1
    assert Stats().share_removed == 0.0 and "0 records" in Stats().format()


def test_several_text_files_need_an_output_dir(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(PAGE)
    second.write_text(BODY + "\n")
    code, _, err = run([str(first), str(second)])
    assert code == 2 and "--output-dir" in err
    out = tmp_path / "out"
    out.mkdir()
    code, stdout, err = run([str(first), str(second), "--output-dir", str(out), "--stats"])
    assert (code, stdout) == (0, b"")
    assert (out / "a.txt").read_text() == f"{BODY}\n" and (out / "b.txt").read_text() == f"{BODY}\n"
    assert "2 records, 1 changed" in err


@pytest.mark.parametrize("argv, message", [
    (["-", "--output-dir", "{out}"], "not '-'"),
    (["{a}", "--output-dir", "{tmp}"], "write over the input"),
    (["{a}", "--output-dir", "{out}", "-o", "x"], "not both"),
    (["{a}", "--output-dir", "{tmp}/missing"], "not a directory"),
    (["{a}", "{out}/../a.txt", "--output-dir", "{out}"], "several input files are named a.txt"),
    (["{a}", "{a}", "--jsonl", "--url", "https://x.test/"], "--url names one page"),
])
def test_output_dir_usage_errors(tmp_path: Path, argv: list[str], message: str) -> None:
    (tmp_path / "a.txt").write_text(PAGE)
    (tmp_path / "out").mkdir()
    names = {"out": tmp_path / "out", "tmp": tmp_path, "a": tmp_path / "a.txt"}
    code, _, err = run([arg.format(**names) for arg in argv])
    assert code == 2 and message in err


def test_several_jsonl_files_are_read_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_bytes(b'{"text": "By Jane Doe\\n\\nOne."}\n{oops')  # last line without a newline
    second.write_bytes(b'{"text": "Two."}\n')
    code, out, err = run(["--jsonl", "--explain", str(first), str(second)])
    assert code == 1
    assert out == b'{"text": "One."}\n{oops\n{"text": "Two."}\n'
    assert f"declutter: {first}: line 2: not valid JSON" in err
    assert json.loads(err.splitlines()[0])["file"] == str(first)
    with_dir = tmp_path / "out"
    with_dir.mkdir()
    assert run(["--jsonl", str(first), str(second), "--output-dir", str(with_dir)])[0] == 1
    assert (with_dir / "a.jsonl").read_bytes() == b'{"text": "One."}\n{oops'
    assert (with_dir / "b.jsonl").read_bytes() == second.read_bytes()


def test_stats_format_names() -> None:
    assert "1 record" in run(["--stats=text"], PAGE.encode())[2]
    code, _, err = run(["--stats=xml"], PAGE.encode())
    assert code == 2 and "--stats" in err
    assert json.loads(run(["--stats=json", "--", "-"], PAGE.encode())[2])["records"] == 1
