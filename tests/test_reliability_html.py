"""Reliability of HTML input: hostile pages are cleaned or refused with an InputError, never a crash.

They test ``declutter.clean_html`` and the CLI's ``--html``, and accept
either outcome the README promises: a cleaned result, or an :class:`InputError`
whose message says what is wrong. Anything else (another exception, a
traceback, a hang) fails.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter
from declutter import InputError
from declutter.cli import main

ROOT = Path(__file__).resolve().parents[1]
clean_html = declutter.clean_html

ARTICLE = ("<html><head><title>T</title></head><body><article><p class='byline'>By Jane Doe</p>"
           "<p>The council met on Monday and voted to keep the library open after a long debate.</p>"
           "<aside class='related'><h3>Related</h3><a href='/x'>Other story</a></aside></article></body></html>")


def outcome(document: str | bytes) -> str | None:
    """The cleaned text, or None when clean_html refused the input with a clear InputError."""
    assert clean_html is not None
    try:
        result = clean_html(document)
    except InputError as exc:
        assert str(exc).strip(), "an InputError must say what is wrong"
        return None
    text = result if isinstance(result, str) else getattr(result, "text", None)
    assert isinstance(text, str), f"clean_html returned {type(result).__name__}"
    return text


HOSTILE = {
    "empty string": "",
    "whitespace": " \n\t ",
    "empty bytes": b"",
    "binary garbage": bytes(range(256)) * 40,
    "nul bytes": "<p>a\x00b</p>\x00" * 10,
    "deep nesting div": "<div>" * 20_000 + "text" + "</div>" * 20_000,
    "deep nesting unclosed": "<span><b>" * 10_000 + "text",
    "deep nesting table": "<table><tr><td>" * 5_000 + "cell",
    "unclosed tags": "<html><body><p>One<p>Two<div><span>Three<ul><li>Four",
    "stray closers": "</p></div></body></html>text</td>",
    "only a comment": "<!-- nothing here -->",
    "unterminated comment": "<p>before</p><!-- never closed " + "x" * 10_000,
    "cdata and pi": "<?xml version='1.0'?><![CDATA[x]]><p>y</p>",
    "script only": "<script>" + "var a = '</p>';" * 1000 + "</script>",
    "lone surrogate text": "<p>half \ud800 pair</p>",
    "wrong charset utf16 declared": b"<meta charset='utf-16'><p>Caf\xc3\xa9 au lait, said the owner.</p>",
    "unknown charset": b"<meta charset='x-no-such-charset'><p>Plain text here.</p>",
    "latin1 bytes declared utf8": b"<meta charset='utf-8'><p>Caf\xe9 au lait.</p>",
    "shift_jis declared, latin1 given": b"<meta http-equiv='Content-Type' content='text/html; charset=shift_jis'>"
                                        b"<p>\xe9\xe8\xe0 \xff\xfe</p>",
    "bom and other declared": b"\xef\xbb\xbf<meta charset='windows-1252'><p>\xe2\x80\x9cquoted\xe2\x80\x9d</p>",
    "utf16 bytes": "<p>Café</p>".encode("utf-16"),
    "huge attribute": "<p title='" + "a" * 1_000_000 + "'>x</p>",
    "many attributes": "<p " + " ".join(f"a{i}=x" for i in range(20_000)) + ">x</p>",
    "entity flood": "<p>" + "&amp;&lt;&#x1F600;&#0;&#xD800;&bogus;" * 5_000 + "</p>",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_html_is_cleaned_or_refused_clearly(name):
    outcome(HOSTILE[name])


def test_a_normal_article_is_cleaned():
    text = outcome(ARTICLE)
    assert text is not None
    assert "The council met on Monday" in text
    assert "By Jane Doe" not in text


@pytest.mark.parametrize("document", [ARTICLE, ARTICLE.encode("utf-8")])
def test_cleaning_a_page_is_deterministic(document):
    assert outcome(document) == outcome(document)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400),
                 st.lists(st.sampled_from(["<p>", "</p>", "<div class='related'>", "</div>", "<figcaption>",
                                           "By Jane Doe", "Related", "text", "<br>", "<!--", "-->", "&amp;",
                                           "<script>", "</script>", "\n", "<table><tr><td>"]),
                          max_size=60).map("".join)))
def test_fuzzed_html_never_raises_anything_but_input_error(document):
    outcome(document)


@pytest.mark.slow
def test_30_mb_page_does_not_hang(tmp_path):
    """A 30 MB page (350,000 paragraphs) is cleaned or refused within two minutes, in a child process.

    Measured on the html branch before merging: about 10 minutes, most of it
    in trafilatura's extractor, which grows faster than linearly with page size.
    """
    paragraph = "<p>The council met on Monday and voted to keep the library open after a debate.</p>\n"
    page = tmp_path / "big.html"
    page.write_text("<html><body><article>" + paragraph * (30_000_000 // len(paragraph)) + "</article></body></html>")
    code = ("import sys, declutter\ntry:\n    declutter.clean_html(open(sys.argv[1], 'rb').read())\n"
            "except declutter.InputError as exc:\n    print('refused:', exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, timeout=120, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")})
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]


@pytest.mark.parametrize("name", ["empty bytes", "binary garbage", "deep nesting div", "unclosed tags",
                                  "wrong charset utf16 declared", "unknown charset", "utf16 bytes"])
def test_cli_html_hostile_input_exits_cleanly(name):
    data = HOSTILE[name]
    data = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    out, err = io.BytesIO(), io.StringIO()
    status = main(["--html", "-"], stdin=io.BytesIO(data), stdout=out, stderr=err)
    assert status in (0, 1)
    if status == 1:
        assert err.getvalue().startswith("declutter: error: ")
    assert "Traceback" not in err.getvalue()


def test_cli_html_in_a_real_process_never_shows_a_traceback(tmp_path):
    page = tmp_path / "deep.html"
    page.write_bytes(b"<div>" * 20_000 + b"\xff\xfe text" + b"</div>" * 5)
    done = subprocess.run([sys.executable, "-m", "declutter", "--html", str(page)], capture_output=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": os.environ.get("PATH", "")}, timeout=120,
                          check=False)
    assert done.returncode in (0, 1)
    assert b"Traceback" not in done.stderr
