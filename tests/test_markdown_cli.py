"""``declutter --markdown``, in-process: stdout, --explain, --diff, --jsonl with --jobs, --html --markdown."""

from __future__ import annotations

import io
import json
from pathlib import Path

from declutter.cli import main

PROSE = ("The council voted on Monday to back the budget after a long debate that ran late into the night, "
         "and the mayor said the money would go to the harbour, the schools and the bus lanes first.")
PAGE = f"[Skip to content](#main)\r\n\r\n# Council backs budget\r\n\r\n{PROSE}\r\n\r\n## Related posts\r\n\r\n" \
       "* [Harbour plan approved](/a)\r\n* [Bus lanes stay](/b)"
CLEAN = f"# Council backs budget\r\n\r\n{PROSE}"


def run(argv: list[str], data: bytes = b"") -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_markdown_in_markdown_out_keeps_line_endings() -> None:
    assert run(["--markdown"], PAGE.encode()) == (0, CLEAN.encode(), "")


def test_markdown_explain_lists_sources_and_lines() -> None:
    code, out, err = run(["--markdown", "--explain"], PAGE.encode())
    records = [json.loads(line) for line in err.splitlines()]
    assert code == 0 and out == CLEAN.encode()
    assert [(r["filter"], r["reason"], r["line"], r["text"]) for r in records] == [
        ("markdown", "markdown.anchor", 1, "[Skip to content](#main)"),
        ("markdown", "markdown.promo_section", 7, "## Related posts"),
        ("markdown", "markdown.promo_section", 9, "* [Harbour plan approved](/a)"),
        ("markdown", "markdown.promo_section", 10, "* [Bus lanes stay](/b)")]


def test_markdown_diff_marks_removed_blocks() -> None:
    out = run(["--markdown", "--diff"], PAGE.encode())[1].decode().splitlines()
    assert out[0] == "- [Skip to content](#main)    [markdown: markdown.anchor]"
    assert out[1:3] == ["  # Council backs budget", f"  {PROSE}"]
    assert out[3] == "- ## Related posts    [markdown: markdown.promo_section]"


def test_markdown_jsonl_in_two_processes_keeps_order() -> None:
    records = [{"id": i, "text": PAGE if i % 2 else PROSE} for i in range(6)]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    code, out, _ = run(["--markdown", "--jsonl", "--jobs", "2", "--explain-key", "removed"], data)
    got = [json.loads(line) for line in out.decode().splitlines()]
    assert code == 0 and [r["id"] for r in got] == list(range(6))
    assert [r["text"] for r in got] == [PROSE, CLEAN] * 3
    assert [len(r["removed"]) for r in got] == [0, 4] * 3


def test_text_mode_is_unchanged_by_markdown_syntax() -> None:
    """Without --markdown the Markdown is text: the link lines are not read as links."""
    code, out, _ = run([], PAGE.encode())
    assert code == 0 and b"# Council backs budget" in out


def test_html_markdown_gives_markdown_out() -> None:
    html = (f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Budget</h1><p>{PROSE} "
            "<a href='https://example.org/m'>The minutes</a> are online.</p><h2>What happens next</h2><p>"
            f"{PROSE.replace('Monday', 'Friday')}</p></article></body></html>")
    code, out, _ = run(["--html", "--markdown"], html.encode())
    assert code == 0
    text = out.decode()
    assert "[The minutes](https://example.org/m)" in text and "## What happens next" in text and text.endswith("\n")
    assert "[The minutes]" not in run(["--html"], html.encode())[1].decode()


def test_markdown_jsonl_explain_numbers_the_records() -> None:
    data = (json.dumps({"text": PROSE}) + "\n" + json.dumps({"text": PAGE}) + "\n").encode()
    code, out, err = run(["--markdown", "--jsonl", "--explain", "--jobs", "2"], data)
    records = [json.loads(line) for line in err.splitlines()]
    assert code == 0 and [json.loads(line)["text"] for line in out.decode().splitlines()] == [PROSE, CLEAN]
    assert {r["record"] for r in records} == {2} and len(records) == 4
    assert records[0]["reason"] == "markdown.anchor"


def test_markdown_diff_with_explain_writes_both() -> None:
    code, out, err = run(["--markdown", "--diff", "--explain"], PAGE.encode())
    assert code == 0 and out.decode().startswith("- [Skip to content](#main)")
    assert [json.loads(line)["reason"] for line in err.splitlines()] == ["markdown.anchor"] + \
        ["markdown.promo_section"] * 3


def test_markdown_several_files_each_to_its_own_output(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    first.write_bytes(PAGE.encode())
    second.write_bytes(PROSE.encode())
    outdir = tmp_path / "out"
    outdir.mkdir()
    code, _, _ = run(["--markdown", "--output-dir", str(outdir), str(first), str(second)])
    assert code == 0
    assert (outdir / "a.md").read_bytes() == CLEAN.encode()
    assert (outdir / "b.md").read_bytes() == PROSE.encode()


def test_html_markdown_explain_lists_both_stages() -> None:
    html = (f"<html><body><article><h1>Budget</h1><div class='byline'>By Jane Doe</div><p>{PROSE}</p>"
            "<div class='related-posts'><p>Other story about the council</p></div></article></body></html>")
    code, out, err = run(["--html", "--markdown", "--explain"], html.encode())
    records = [json.loads(line) for line in err.splitlines()]
    assert code == 0 and out.decode() == f"# Budget\n\n{PROSE}\n"
    assert [(r["filter"], r["text"]) for r in records if "filter" in r] == [
        ("html.bylines", "By Jane Doe"), ("html.promos", "Other story about the council")]
    assert [(r["note"], r["reason"]) for r in records if "note" in r] == [("page_type", "page_type.article")]
