"""Reliability of plain-text input: odd bytes, odd newlines, odd scripts and big inputs.

The CLI reads bytes and decodes them as UTF-8 with ``surrogateescape``: a byte
that is not UTF-8 becomes a lone surrogate, passes through the cleaner like
any character and is written back as the same byte. The library takes ``str``
and never changes a character it keeps.
"""

from __future__ import annotations

import base64
import io
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import declutter
from declutter import InputError
from declutter.cli import main

BYLINE = "By Jane Doe"
BODY = "The council met on Monday and voted to keep the library open."


def cli(data: bytes, *options: str) -> tuple[int, bytes, str]:
    out, err = io.BytesIO(), io.StringIO()
    status = main([*options, "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


# Invalid UTF-8 -----------------------------------------------------------------------------------

@pytest.mark.parametrize("junk", [b"\xff", b"\xfe\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80abc\xbf", b"\xf4\x90\x80\x80"])
def test_invalid_utf8_bytes_round_trip_through_the_cli(junk):
    data = b"By Jane Doe\n\nCaf" + junk + b" opens today.\n" + junk + b"\n"
    status, out, err = cli(data)
    assert (status, err) == (0, "")
    assert out == b"Caf" + junk + b" opens today.\n" + junk + b"\n"


def test_invalid_utf8_in_a_removed_block_is_removed_whole():
    status, out, _ = cli(b"Related: Caf\xe9 news\n\n" + BODY.encode() + b"\n")
    assert status == 0
    assert out == BODY.encode() + b"\n"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_come_back_as_the_cleaned_bytes(data):
    status, out, _ = cli(data)
    assert status == 0
    assert out == declutter.clean(data.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
    _, removals = declutter.clean_and_explain(data.decode("utf-8", "surrogateescape"))
    if not removals:
        assert out == data


def test_explain_with_undecodable_bytes_does_not_crash():
    status, _, err = cli(b"Related: Caf\xe9 news\n\nBody text here.\n", "--explain")
    assert status == 0
    assert '"reason": "promo.inline"' in err and "Caf\ufffd news" in err  # strict JSON; bytes in text_base64
    assert base64.b64decode(json.loads(err)["text_base64"]) == b"Related: Caf\xe9 news"


# Control characters, BOM, newlines ---------------------------------------------------------------

def test_nul_bytes_are_ordinary_characters():
    text = f"{BYLINE}\n\nNUL\x00inside\x00.\n\x00\n"
    assert declutter.clean(text) == "NUL\x00inside\x00.\n\x00\n"
    status, out, _ = cli(text.encode())
    assert (status, out) == (0, b"NUL\x00inside\x00.\n\x00\n")


def test_a_bom_is_an_ordinary_character_of_the_first_line():
    # Decision: the BOM is kept where it is, as part of the first block. Lifting it out of the first
    # block would let a later block gain or lose it as the first line changes, which breaks
    # idempotence ("By Jane Doe\n\ufeffRelated: x"); so a byline right after a BOM is kept.
    text = f"\ufeff{BODY}\n\n{BYLINE}\n\nOpponents said they would appeal.\n"
    assert declutter.clean(text) == f"\ufeff{BODY}\n\nOpponents said they would appeal.\n"
    status, out, _ = cli(text.encode())
    assert (status, out) == (0, declutter.clean(text).encode())
    assert out.startswith(b"\xef\xbb\xbf")
    first = f"\ufeff{BYLINE}\n\n{BODY}\n"
    assert declutter.clean(first) == first
    assert declutter.clean(declutter.clean(f"{BYLINE}\n\ufeffRelated: x\n")) == declutter.clean(
        f"{BYLINE}\n\ufeffRelated: x\n")


@pytest.mark.parametrize("text", ["\ufeff", "\ufeff\n\n", f"\ufeff{BODY}", f"\ufeff\r\n{BODY}\r\n"])
def test_bom_only_and_bom_with_content_unchanged(text):
    assert declutter.clean(text) == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings_are_preserved(newline):
    text = newline.join([BYLINE, "", BODY, "", "Related: Other story", "", "Last line."]) + newline
    expected = newline.join([BODY, "", "Last line."]) + newline
    assert declutter.clean(text) == expected


def test_mixed_line_endings_are_preserved_verbatim():
    text = f"{BYLINE}\r\n\r\n{BODY}\n\rSecond line.\r\nRelated: x\n\nThird line.\r"
    # Each separator in the output is one of the input's; where blocks went, the widest one around them.
    assert declutter.clean(text) == f"{BODY}\n\rSecond line.\n\nThird line.\r"
    plain = "a\r\nb\rc\n\r\nd\r"
    assert declutter.clean(plain) == plain


@pytest.mark.parametrize("text", ["", " ", "\n", "\n\n\n", "\r\n", "\r", " \t \n\t\r\n  ", "\x0b\x0c", "\u3000\n"])
def test_empty_and_whitespace_only_input_is_unchanged(text):
    assert declutter.clean(text) == text
    assert declutter.clean_and_explain(text).removals == ()
    status, out, _ = cli(text.encode())
    assert (status, out) == (0, text.encode())


@pytest.mark.parametrize("value", [b"bytes", None, 12, ["list"]])
def test_non_str_input_is_an_input_error(value):
    with pytest.raises(InputError) as caught:
        declutter.clean(value)
    assert str(caught.value) == f"clean() takes a str, got {type(value).__name__}; decode bytes first"


def test_control_characters_are_ordinary_characters():
    controls = "".join(chr(c) for c in range(32) if chr(c) not in "\n\r\x0b\x0c\x1c\x1d\x1e") + "\x7f"
    text = f"{BYLINE}\n\n{BODY} {controls}\n\n{controls}\n"
    assert declutter.clean(text) == f"{BODY} {controls}\n\n{controls}\n"
    status, out, _ = cli(text.encode())
    assert (status, out) == (0, declutter.clean(text).encode())


# Scripts ------------------------------------------------------------------------------------------

SCRIPTS = {
    "hebrew": "הממשלה אישרה היום את התקציב לשנה הבאה לאחר דיון ארוך.",
    "arabic": "وافق المجلس على الميزانية بعد نقاش طويل استمر حتى الليل.",
    "rtl marks": "\u202bמשפט עם סימני כיווון\u202c ו-\u200fסוף.",
    "chinese": "市议会周一投票决定保留图书馆，反对者表示将提出上诉。",
    "japanese": "市議会は月曜日、図書館の存続を決定した。",
    "korean": "시의회는 월요일에 도서관을 유지하기로 결정했다.",
    "emoji": "The crowd cheered 🎉🎉 and the mayor waved 👋🏽 from the 🏛️ steps 👨‍👩‍👧.",
    "combining": "Cafe\u0301 owners in Zu\u0308rich said n\u0303 and a\u0308\u0301\u0323 are fine.",
    "zalgo": "T\u0336\u0321h\u0337\u0322e\u0335\u0328 " * 50,
}


@pytest.mark.parametrize("name", sorted(SCRIPTS))
def test_other_scripts_pass_through_and_clutter_around_them_goes(name):
    body = SCRIPTS[name]
    assert declutter.clean(body + "\n") == body + "\n"
    text = f"{BYLINE}\n\n{body}\n\n{body}\n\nRelated: Other story\n"
    out = declutter.clean(text)
    assert out.startswith(body + "\n")
    assert BYLINE not in out and "Related:" not in out
    assert declutter.clean(out) == out
    status, raw, _ = cli(text.encode())
    assert (status, raw) == (0, out.encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_unicode_text_is_cleaned_without_error_and_idempotently(text):
    out = declutter.clean(text)
    assert declutter.clean(out) == out


# Big inputs (generated at run time) ---------------------------------------------------------------

def test_long_runs_of_one_character_are_linear():
    for text in ("x" + " " * 2_000_000 + "y", "." * 2_000_000 + "x", "By " + "Jane " * 400_000):
        assert declutter.clean(text) == text


@pytest.mark.parametrize("lines", [
    # A page of reader comments repeats "Reply" and comment counters thousands of times.
    lambda n: ["12 Comments", "Great post, thanks", "Reply"] * n,
    # Thousands of lines that open alike, whole or cut short.
    lambda n: [f"The council voted on Tuesday to approve item {i} of the plan." for i in range(3 * n)],
    lambda n: [f"The council voted on Tuesday to approve item {i} of the long harbour plan…" for i in range(3 * n)],
], ids=["repeated", "alike", "cut-short"])
def test_many_similar_short_lines_cost_linear_time(lines):
    # Each such line used to be compared with every other (duplicates), and each comments
    # heading scanned every block before it. Linear code grows about 8x here, quadratic 64x.
    def seconds(n: int) -> float:
        text = "\n".join(lines(n)) + "\n"
        start = time.process_time()
        declutter.clean(text)
        return time.process_time() - start

    seconds(100)  # compile the vocabulary first
    small, large = seconds(1000), seconds(8000)
    assert large <= 24 * small + 0.5, f"8x the lines cost {large / small:.0f}x the time"


@pytest.mark.slow
def test_50_mb_single_line():
    line = ("By Jane Doe and the council met. " * 1_600_000)[:50_000_000]
    assert declutter.clean(line) == line
    status, out, _ = cli(line.encode())
    assert status == 0 and out == line.encode()


@pytest.mark.slow
def test_a_million_one_word_lines():
    text = "".join(f"w{i % 1000}\n" for i in range(1_000_000))
    assert declutter.clean(text) == text  # one-word repeats are natural repetition: kept
