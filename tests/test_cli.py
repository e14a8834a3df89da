"""The command line, run in-process with stdin fed by the test."""

from __future__ import annotations

import io
import json
from pathlib import Path

from declutter.cli import main

BODY = "The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year."
TEXT = f"By Jane Doe\r\n\r\n{BODY}\r\n\r\nRelated: Council approves budget"


def run(argv: list[str], data: bytes = b"") -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    code = main(argv, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_stdin_to_stdout_preserves_crlf_and_missing_final_newline() -> None:
    code, out, err = run([], TEXT.encode())
    assert (code, out, err) == (0, BODY.encode(), "")
    assert run(["-"], TEXT.encode())[1] == BODY.encode()


def test_invalid_utf8_bytes_pass_through() -> None:
    data = b"caf\xe9 au lait\n\nBy Jane Doe\n"
    assert run([], data)[1] == b"caf\xe9 au lait\n"


def test_explain_writes_json_lines_to_stderr() -> None:
    _, out, err = run(["--explain"], TEXT.encode())
    records = [json.loads(line) for line in err.splitlines()]
    assert [(r["filter"], r["reason"], r["index"]) for r in records] == [
        ("bylines", "byline.byline", 0), ("promos", "promo.inline", 2)]
    assert records[0]["text"] == "By Jane Doe"
    assert out == BODY.encode()


def test_diff_marks_removed_blocks_in_context() -> None:
    out = run(["--diff"], TEXT.encode())[1].decode()
    assert out.splitlines() == ["- By Jane Doe    [bylines: byline.byline]", f"  {BODY}",
                                "- Related: Council approves budget    [promos: promo.inline]"]


def test_jsonl_cleans_one_field_and_keeps_the_others() -> None:
    lines = [json.dumps({"id": 1, "text": TEXT, "url": "https://x.test/a"}), json.dumps({"id": 2, "text": BODY})]
    code, out, _ = run(["--jsonl", "--explain-key", "declutter"], ("\n".join(lines) + "\n").encode())
    first, second = (json.loads(line) for line in out.decode().splitlines())
    assert code == 0
    assert first["text"] == BODY and first["id"] == 1 and first["url"] == "https://x.test/a"
    assert [r["reason"] for r in first["declutter"]] == ["byline.byline", "promo.inline"]
    assert second == {"id": 2, "text": BODY, "declutter": []}


def test_jsonl_other_field_and_untouched_records_pass_byte_for_byte() -> None:
    line = '{"body":  "By Jane Doe\\n\\nHello there.",   "n": 1.50}\n'
    code, out, _ = run(["--jsonl", "--field", "body"], line.encode() + b'{"body": "Hello."}\n')
    assert code == 0
    assert json.loads(out.splitlines()[0]) == {"body": "Hello there.", "n": 1.5}
    assert out.splitlines()[1] == b'{"body": "Hello."}'


def test_jsonl_bad_records_pass_through_reported_with_line_numbers() -> None:
    data = b'{"text": "ok"}\nnot json\n{"other": 1}\n{"text": null}\n[1, 2]\n{"text": 5}\n'
    code, out, err = run(["--jsonl"], data)
    assert code == 1
    assert out == data
    assert [line.split(":")[1].strip() for line in err.splitlines()] == ["line 2", "line 3", "line 4", "line 5",
                                                                         "line 6"]
    assert "field 'text' is missing" in err and "is null" in err and "expected a JSON object" in err


def test_filters_and_disable_options() -> None:
    assert run(["--filters", "promos"], TEXT.encode())[1] == f"By Jane Doe\r\n\r\n{BODY}".encode()
    assert run(["--disable", "bylines"], TEXT.encode())[1] == f"By Jane Doe\r\n\r\n{BODY}".encode()


def test_usage_errors_exit_2_with_a_message() -> None:
    code, _, err = run(["--filters", "nope"])
    assert code == 2 and "unknown filter nope" in err and "captions" in err
    code, _, err = run(["--remove", "(bad"])
    assert code == 2 and "remove pattern '(bad'" in err
    assert run(["--lang", "xx"])[0] == 2
    assert run(["--no-such-option"])[0] == 2


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    code, _, err = run([str(tmp_path / "missing.txt")])
    assert code == 1 and err.startswith("declutter: error: cannot read") and "missing.txt" in err
    code, _, err = run([str(tmp_path)])
    assert code == 1 and "is a directory" in err


def test_output_file_is_written(tmp_path: Path) -> None:
    src, dst = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_bytes(TEXT.encode())
    assert run([str(src), "-o", str(dst)])[0] == 0
    assert dst.read_bytes() == BODY.encode()
    assert src.read_bytes() == TEXT.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_list_filters_and_version() -> None:
    out = run(["--list-filters"])[1].decode()
    assert [line.split()[0] for line in out.splitlines()][:5] == ["chrome", "captions", "bylines", "promos",
                                                                          "duplicates"]
    assert run(["--version"])[0] == 0


def test_keep_captions_and_protect_options() -> None:
    cap = "Workers on the bridge. (AP Photo/Evan Vucci)"
    text = f"{cap}\n{cap}\n{BODY}\n"
    assert run(["--keep-captions"], text.encode())[1] == f"{cap}\n{BODY}\n".encode()
    assert run(["--protect", "Workers"], text.encode())[1] == text.encode()


def test_fit_usage_errors_go_to_the_given_stream(capsys) -> None:
    err = io.StringIO()
    status = main(["fit", "--threshold", "lots"], stdin=io.BytesIO(b""), stdout=io.BytesIO(), stderr=err)
    assert status == 2
    assert "--threshold" in err.getvalue()
    assert capsys.readouterr().err == ""


def test_explain_writes_non_utf8_bytes_as_strict_json_that_round_trips() -> None:
    import base64

    data = b"Related: Caf\xe9 owners \xff\xfe protest\n\nThe council voted on Tuesday to extend the bus lanes.\n"
    _, out, err = run(["--explain"], data)
    assert out == b"The council voted on Tuesday to extend the bus lanes.\n"
    line = err.splitlines()[0]
    line.encode("utf-8")  # strict: no lone surrogate reaches the stream
    assert "\\ud" not in line  # ...nor a surrogate escape, which strict readers reject
    record = json.loads(line)
    assert record["text"] == "Related: Caf\ufffd owners \ufffd\ufffd protest"
    assert base64.b64decode(record["text_base64"]) == data.split(b"\n")[0]


def test_explain_of_utf8_text_has_no_base64_key() -> None:
    record = json.loads(run(["--explain"], "Related: Café news\n\nBody.\n".encode())[2].splitlines()[0])
    assert record["text"] == "Related: Café news" and "text_base64" not in record


def test_jsonl_explain_writes_a_lone_surrogate_escape_back_as_an_escape() -> None:
    line = b'{"text": "Related: a \\ud800 b\\n\\nBody text here."}\n'
    _, out, err = run(["--jsonl", "--explain"], line)
    assert json.loads(out) == {"text": "Body text here."}
    assert '"text": "Related: a \\ud800 b"' in err
    assert json.loads(err)["text"] == "Related: a \ud800 b"
