"""The compiled duplicates keys (declutter/_speedups.c) are exactly the pure-Python ones."""

from __future__ import annotations

import importlib
import re
import types
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from declutter import scan, split_text
from declutter.blocks import Block

duplicates_module = importlib.import_module("declutter.filters.duplicates")
ROOT = Path(__file__).resolve().parents[1]
COMPILED = pytest.mark.skipif(scan._SPEEDUPS is None, reason="declutter._speedups is not built (no C compiler)")
#: Characters where the two could part: sentence marks, closers, white space of all kinds, case folding
#: that changes length (ß, ŉ, ǰ, ﬁ), İ with its combining dot, digits of other scripts, NUL, "_", line breaks.
TRICKY = "ab Z.!?…:;'\"”’)]_\n\r\x00\t\xa0\u2009\u3000ßİŉǰ\u0345ﬁÉ1²٣-,«»“"


def python_keys(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    return duplicates_module._document_keys_python([Block(i, text) for i, text in enumerate(texts)])


def compiled_keys(texts: list[str]) -> tuple[list[str], list[list[str]]]:
    keys, heads = scan._SPEEDUPS.document_keys(texts, duplicates_module.START_WORDS)
    return list(keys), [list(h) for h in heads]


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(TRICKY)) | st.text(), max_size=6))
@example([])
@example(["He said. Then: “Yes!” — and left…", "ÉTÉ Straße İstanbul ﬁne", "x.\u2009y", "a.\x00b"])
def test_compiled_keys_equal_the_python_keys(texts):
    assert compiled_keys(texts) == python_keys(texts)


@COMPILED
def test_compiled_keys_equal_the_python_keys_on_the_corpus():
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt")):
        texts = [block.text for block in split_text(path.read_text(encoding="utf-8")).blocks]
        assert compiled_keys(texts) == python_keys(texts), path


@COMPILED
def test_compiled_keys_refuse_what_is_not_text():
    with pytest.raises(TypeError):
        scan._SPEEDUPS.document_keys(["ok", b"bytes"], 5)
    with pytest.raises(TypeError):
        scan._SPEEDUPS.document_keys(("a", "tuple"), 5)


def test_engine_re_uses_the_python_keys(monkeypatch):
    calls = []
    monkeypatch.setattr(duplicates_module, "_document_keys_python",
                        lambda blocks: calls.append(len(blocks)) or ([""] * len(blocks), [[""]] * len(blocks)))
    with scan.using("re"):
        duplicates_module._document_keys([Block(0, "a"), Block(1, "b")])
    assert calls == [2]


detect_module = importlib.import_module("declutter.detect")
#: Characters where lower-casing and splitting could part: İ (two characters in lower case), Σ (final
#: sigma), white space of all kinds, and words of the stop-word lists in other cases.
WORDY = ["the", "THE", "Die", "dass", "İN", "ΟΔΟΣ", "σ", "für", "FÜR", "też", "\u2009", " ", "\xa0", "\x1c", "\n",
         "x" * 70, "de", "la", "Ñ"]


def python_totals(text: str) -> tuple[dict[str, int], int]:
    words = text.lower().split()
    return detect_module._scores(words), len(words)


def compiled_totals(text: str) -> tuple[dict[str, int], int]:
    with scan.using("hyperscan" if scan._available("hyperscan") else "re"):
        return detect_module._totals(text)


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(WORDY) | st.text(max_size=4), max_size=30).map("".join))
@example("İN the ΟΔΟΣ dass für\u2009la")
def test_compiled_stop_word_counts_equal_the_python_ones(text):
    assert compiled_totals(text) == python_totals(text)


@COMPILED
def test_compiled_stop_word_counts_equal_the_python_ones_on_the_corpus():
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt")):
        text = path.read_text(encoding="utf-8")
        assert compiled_totals(text[:2000]) == python_totals(text[:2000]), path


# ------------------------------------------------------ per-block bookkeeping


@COMPILED
@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(min_value=-1, max_value=2**40) | st.integers(min_value=2**64, max_value=2**80)),
       st.integers(min_value=0, max_value=2**40) | st.integers(min_value=2**64, max_value=2**70))
@example([0, 5, -1, 2**65], 4)
def test_compiled_positions_equal_the_python_ones(masks, bits):
    assert scan._SPEEDUPS.positions(masks, bits) == scan.positions_python(masks, bits)


def _may_select_both(texts: list[str]) -> tuple[bool, bool]:
    blocks = [Block(i, text) for i, text in enumerate(texts)]
    keys, heads = python_keys(texts)
    compiled = scan._SPEEDUPS.may_select(texts, keys, heads, duplicates_module.START_WORDS,
                                          duplicates_module._cut_short)
    return compiled, duplicates_module._may_select_python(blocks, keys, heads)


#: Sentences that open alike, so that generated blocks hold each other's heads.
SENTENCES = ("The council met on Monday to vote.", "Well... we will see about that one.", "Cut short in the mid…",
             "The council met on Monday to vote on the lanes.", "Stir well.",
             "Yes.", "He said it was cut…", "One two three four five six.", "One two three four five", "a...",
             "The council met", "")


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), max_size=3).map(" ".join)
                | st.text(alphabet=st.sampled_from(TRICKY)), min_size=1, max_size=6))
@example(["One two three four five six.", "One two three four five six. And more."])
def test_compiled_may_select_equals_the_python_one(texts):
    compiled, python = _may_select_both(texts)
    assert compiled is python


@COMPILED
def test_compiled_may_select_equals_the_python_one_on_the_corpus():
    answers = set()
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))[::3]:
        texts = [block.text for block in split_text(path.read_text(encoding="utf-8")).blocks]
        if not texts:
            continue  # (the filter never asks about no blocks)
        compiled, python = _may_select_both(texts)
        assert compiled is python, path
        answers.add(python)
    assert answers == {True, False}  # both answers met


def _held_copies_both(texts: list[str], removed: set[int]) -> tuple[object, object]:
    blocks = [Block(i, text) for i, text in enumerate(texts)]
    keys, heads = python_keys(texts)
    compiled = scan._SPEEDUPS.held_copies(texts, keys, heads, set(removed), duplicates_module.START_WORDS,
                                          duplicates_module.MAX_HOLDERS, duplicates_module._COPY_WINDOW)
    return compiled, duplicates_module._held_copies_python(blocks, keys, heads, set(removed))


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SENTENCES), max_size=3).map(" ".join)
                | st.text(alphabet=st.sampled_from(TRICKY)), min_size=1, max_size=8),
       st.sets(st.integers(min_value=0, max_value=7), max_size=3))
@example(["One two three four five six.", "One two three four five six. And more."], set())
@example(["One two three four five six.", "One two three four five six. And more."], {1})
@example(["Stir well. The council met on Monday to vote."] * 6 + ["The council met on Monday to vote."], set())
def test_compiled_held_copies_equal_the_python_ones(texts, removed):
    compiled, python = _held_copies_both(texts, removed)
    assert compiled == python


@COMPILED
def test_compiled_held_copies_equal_the_python_ones_on_the_corpus():
    found = 0
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))[::2]:
        texts = [block.text for block in split_text(path.read_text(encoding="utf-8")).blocks]
        if not texts:
            continue  # (the filter never asks about no blocks)
        compiled, python = _held_copies_both(texts, set(range(0, len(texts), 7)))
        assert compiled == python, path
        found += len(python[1])
    assert found  # some block is held by another one


chrome_module = importlib.import_module("declutter.filters.chrome")
#: Menu labels, sentences, words of \w of other scripts, stops after three lower-case letters and not.
MENU_BITS = ["Home", "News", "Sport", "The vote is on Monday, she said.", "abc.", "ABC.", "ab.", "end.)", "end.”\n",
             "x" * 81, "naïve", "٣", "_", "a_b c", "Ünï", "one two three four five six", "", "Us.", "and!'"]


def _menu_runs_both(texts: list[str]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    compiled = scan._SPEEDUPS.menu_flags(texts, chrome_module.NAV_MAX_CHARS, chrome_module.NAV_MAX_WORDS)
    assert all(flag == chrome_module._menu_line(text) for flag, text in zip(compiled, texts, strict=True))
    return list(chrome_module._runs(compiled)), list(chrome_module._runs(chrome_module._menu_flags_python(texts)))


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(MENU_BITS), max_size=3).map(" ".join) | st.text(max_size=12), max_size=12))
@example(["Home", "News", "Sport", "abc."])
def test_compiled_menu_lines_equal_the_python_ones(texts):
    compiled, python = _menu_runs_both(texts)
    assert compiled == python


@COMPILED
def test_compiled_menu_lines_equal_the_python_ones_on_the_corpus():
    runs = 0
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))[::2]:
        texts = [block.text.strip() for block in split_text(path.read_text(encoding="utf-8")).blocks]
        compiled, python = _menu_runs_both(texts)
        assert compiled == python, path
        runs += len(python)
    assert runs  # some pages have runs of short lines


@COMPILED
def test_compiled_bookkeeping_refuses_what_it_cannot_read():
    with pytest.raises(TypeError):
        scan._SPEEDUPS.positions((1, 2), 1)
    with pytest.raises(ValueError, match="one length"):
        scan._SPEEDUPS.may_select(["a"], ["a", "b"], [[], []], 5, bool)
    with pytest.raises(TypeError):
        scan._SPEEDUPS.may_select([b"a"], ["a"], [["a"]], 5, bool)
    with pytest.raises(ValueError, match="one length"):
        scan._SPEEDUPS.held_copies(["a"], ["a", "b"], [[], []], set(), 5, 64, 64)
    with pytest.raises(TypeError):
        scan._SPEEDUPS.held_copies(["a"], ["a"], [[b"a"]], set(), 5, 64, 64)
    with pytest.raises(TypeError):
        scan._SPEEDUPS.menu_flags(["a", b"b"], 80, 5)


def test_a_stale_build_without_the_new_helpers_is_not_used():
    """An older _speedups (say, built by a previous version and still on the path) lacks positions and
    may_select: declutter then runs the pure-Python code rather than failing on the first clean."""
    old = types.SimpleNamespace(document_keys=len, make_stopwords=len, word_totals=len)
    assert not scan._usable(old)
    assert not scan._usable(None)
    assert scan._SPEEDUPS is None or scan._usable(scan._SPEEDUPS)


#: Lines where the first pass's bookkeeping could part: decorated line starts (scanned twice), characters
#: folded before a second scan (ſ, ٣), a text with line breaks of its own (HTML mode), an empty text.
FIRST_PASS_TRAPS = ["• Photo: Getty Images", "| Sign up for our newsletter", "ſign up for our newsletter",
                    "٣ comments", "Share this\nArticle", "", "Read more: The best of the week", "By Jane Roe"]


def _first_pass_both(database: scan.Database, texts: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    compiled = database.masks(texts)
    with monkeypatch.context() as patch:
        patch.setattr(scan, "_SPEEDUPS", None)
        python = database.masks(texts)
    return compiled, python


@COMPILED
@pytest.mark.skipif(not scan._available("hyperscan"), reason="hyperscan is not installed")
def test_compiled_first_pass_masks_equal_the_python_ones(monkeypatch):
    import declutter.filters  # noqa: F401  # registers the gates

    database = scan.database_for("de,en")
    assert database is not None and database.narrow
    paths = sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))[::5]
    documents = [[block.text.strip() for block in split_text(path.read_text(encoding="utf-8")).blocks]
                 for path in paths]
    for texts in [FIRST_PASS_TRAPS, *documents]:
        compiled, python = _first_pass_both(database, texts, monkeypatch)
        assert compiled == python, texts[:3]
    assert any(mask not in (0, -1) for mask in _first_pass_both(database, FIRST_PASS_TRAPS, monkeypatch)[0])


@COMPILED
def test_compiled_line_masks_refuse_hits_outside_the_text():
    with pytest.raises(ValueError):
        scan._SPEEDUPS.line_masks(b"\nab", [0, 9], [1], 0, 1, [], 1)  # a match ending past the data
    with pytest.raises(ValueError):
        scan._SPEEDUPS.line_masks(b"\na\nb", [0, 4], [1], 0, 1, [], 1)  # a line past the texts, no copy of it
    assert scan._SPEEDUPS.line_masks(b"\na\nb", [0, 2, 0, 4], [1 << 3], 1, 2, [], 1) == ([9, 9], [0, 1])


@COMPILED
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t\xa0\u2009é")))
@example("\n\n  first\n\nsecond  \n \nthird\n")
def test_compiled_line_blocks_equal_the_python_ones(text):
    import declutter.blocks as blocks_module

    lines = text.split("\n")
    numbers = [number for number, piece in enumerate(lines) if piece.strip()]
    compiled = scan._SPEEDUPS.line_blocks(Block, blocks_module._SLOTS, lines, numbers, blocks_module._NO_HINTS)
    python = blocks_module._line_blocks_python(lines, numbers)
    assert compiled == python
    assert [(type(b), b.index, b.text, b.line, b.tag, b.hints) for b in compiled] == \
        [(Block, b.index, b.text, b.line, b.tag, b.hints) for b in python]


@COMPILED
def test_compiled_line_blocks_refuse_other_fields():
    import declutter.blocks as blocks_module

    with pytest.raises(TypeError):
        scan._SPEEDUPS.line_blocks(Block, blocks_module._SLOTS[:4], ["a"], [0], frozenset())
    with pytest.raises(TypeError):
        scan._SPEEDUPS.line_blocks(Block, (Block.index, Block.text, Block.line, Block.tag, Block.__init__),
                                   ["a"], [0], frozenset())
    with pytest.raises(IndexError):
        scan._SPEEDUPS.line_blocks(Block, blocks_module._SLOTS, ["a"], [1], frozenset())


#: Decorations, line breaks, lone surrogates and characters of every UTF-8 length.
SCAN_BITS = "ab \n•|-*>\t\u00e9\u4e2d\ud800\U0001F600:#–—»›·x"


def _scan_data_python(texts: list[str]) -> tuple[bytes, list[int], list[int]]:
    joined, extra, always = scan._scan_text(texts)
    return joined.encode("utf-8", "surrogatepass"), extra, always


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(SCAN_BITS), max_size=8) | st.text(max_size=8), max_size=6))
@example(["• Share", "ok", "x\ny", "»» Next", ""])
def test_compiled_scan_data_equals_the_python_text(texts):
    assert scan._SPEEDUPS.scan_data(texts, scan._DECORATION_CHARS) == _scan_data_python(texts)


@COMPILED
def test_compiled_scan_data_equals_the_python_text_on_the_corpus():
    decorated = 0
    for path in sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))[::3]:
        texts = [block.text.strip() for block in split_text(path.read_text(encoding="utf-8")).blocks]
        compiled = scan._SPEEDUPS.scan_data(texts, scan._DECORATION_CHARS)
        assert compiled == _scan_data_python(texts), path
        decorated += bool(compiled[1])
    assert decorated  # some page has lines that open with a decoration


@COMPILED
@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(TRICKY)) | st.text())
@example("été_Straße İstanbul ²٣ x\u0345y ﬁne\x00ab\xaa\xb5\xba\u2009")
def test_compiled_word_counts_equal_re_findall(text):
    from declutter.markdown.parse import _count_words_python

    assert scan._SPEEDUPS.count_words(text) == _count_words_python(text) == len(re.findall(r"\w+", text))


@COMPILED
def test_compiled_word_counts_agree_on_every_character():
    """Each code point alone: one word exactly where ``re`` reads it as ``\\w`` (Latin-1 has its own table)."""
    count = scan._SPEEDUPS.count_words
    assert [cp for cp in range(0x110000) if count(chr(cp)) != bool(re.match(r"\w", chr(cp)))] == []
    with pytest.raises(TypeError):
        count(b"bytes")


def test_markdown_counts_words_in_python_with_engine_re():
    from declutter.markdown import parse

    with scan.using("re"):
        assert parse.word_counter() is parse._count_words_python
    assert parse.word_counter() is (parse._count_words_python if scan._SPEEDUPS is None
                                    else scan._SPEEDUPS.count_words)
