"""The first pass (declutter.scan) never leaves out a line a vocabulary pattern matches, and both engines
clean every text alike: same output, same removals, byte for byte."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import declutter
import declutter.filters  # registers the filters' gates with the first pass
from declutter import Config, scan
from declutter.blocks import Block
from declutter.cli import main
from declutter.literals import DECORATION, WHITESPACE, Trigger, literals
from declutter.memo import document_scope
from declutter.vocab import available_languages
from tests.strategies import cluttered_documents

ROOT = Path(__file__).resolve().parents[1]
HYPERSCAN = pytest.mark.skipif(not scan._available("hyperscan"), reason="hyperscan is not installed")
#: Language sets whose databases the tests build: one, the common pair, all of them.
LANGUAGE_SETS = ("en", "de,en", ",".join(available_languages()))
#: Each language with English (what ``lang="auto"`` uses), for the patterns' own strings.
WITH_ENGLISH = tuple(sorted({",".join(sorted({code, "en"})) for code in available_languages()}))
ALL_CODE_POINTS = "".join(map(chr, range(0x110000)))


def both_engines(text: str, config: Config | None = None) -> tuple[declutter.Result, declutter.Result]:
    """``clean_and_explain`` with the pure-Python engine and with the first pass (no warm-up)."""
    with scan.using("re"):
        slow = declutter.clean_and_explain(text, config)
    with scan.using("hyperscan", warmup=0):
        fast = declutter.clean_and_explain(text, config)
        assert declutter.clean(text, config) == fast.text
    return slow, fast


# ---------------------------------------------------------------- literals


def test_literals_of_an_anchored_heading():
    found = literals(r"^(?i:more from) [^\n]{1,60}", anchored=True)
    assert found.triggers == (Trigger("more from ", True, True),)


def test_literals_after_an_opening_decoration_are_still_anchored():
    found = literals(r"^[\s|•]*(?i:close|menu)[\s|•]*$", anchored=True)
    assert {t.text for t in found.triggers} == {"close", "menu"}
    assert all(t.anchored and t.ignore_case for t in found.triggers)


def test_a_name_led_branch_falls_back_to_a_literal_anywhere():
    found = literals(r"^[A-Z][a-z]+ (?:was|is) a (?:writer|reporter)", anchored=True)
    assert not found.always and not any(t.anchored for t in found.triggers)
    assert any("writer" in t.text for t in found.triggers) and any("reporter" in t.text for t in found.triggers)


def test_a_branch_with_no_literal_makes_the_pattern_always_a_candidate():
    assert literals(r"^(?:By [A-Z]\w+|\w+ says)$", anchored=True).always is False
    assert literals(r"^(?:By [A-Z]\w+|\w+)$", anchored=True).always is True
    assert literals(r"(", anchored=False).always is True  # unreadable: always a candidate


def test_case_is_kept_where_the_pattern_keeps_it():
    found = literals(r"\b(?:AP|REUTERS)\s*/", anchored=False)
    assert all(not t.ignore_case for t in found.triggers)


def test_whitespace_is_what_re_calls_white_space():
    assert frozenset(re.findall(r"\s", ALL_CODE_POINTS)) == WHITESPACE
    assert WHITESPACE <= DECORATION


# -------------------------------------------------------- case partners


#: Other decimal digits, which ``\\d`` matches as it matches 0-9.
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


def test_digits_are_read_as_the_ten_ascii_digits():
    found = literals(r"^(?i:showing) \d{1,4} of \d{1,6}$", anchored=True)
    assert {t.text for t in found.triggers} == {f"showing {digit}" for digit in "0123456789"}
    assert {t.text for t in literals(r"\d of [\d,]", anchored=False).triggers} == {
        f"{a} of {b}" for a in "0123456789" for b in "0123456789,"}


def test_a_weak_line_start_loses_to_a_stronger_literal_anywhere():
    """An anchored digit picks every line that opens with one; " comments" picks far fewer."""
    found = literals(r"^\d{1,6} (?i:comments?)$", anchored=True)
    assert found.triggers and all(not t.anchored and " comment" in t.text for t in found.triggers)
    found = literals(r"^(?i:share) (?i:this)$", anchored=True)
    assert {(t.text, t.anchored) for t in found.triggers} == {("share this", True)}


def test_a_weak_trigger_gets_a_second_test():
    """"said" alone picks many lines of prose; a comment stamp ("Jane on May 3, 2021 said:") holds a year too.
    Strong triggers need no second test."""
    found = literals(r"^[^\n]{1,80}? on [^\n]{0,40}\b(?:19|20)\d\d\b[^\n]{0,40}(?i:said|says|wrote)\s*:",
                     anchored=True)
    assert {t.text for t in found.triggers} == {"said", "says", "wrote"}
    assert {t.text for t in found.required} == {f"{century}{year:02d}" for century in (19, 20) for year in range(100)}
    assert literals(r"^(?i:more from) [^\n]{1,60}", anchored=True).required == ()


@HYPERSCAN
def test_a_gate_with_a_second_test_needs_both_literals():
    lines = ["The mayor said it was fine.", "Jane Roe on March 3, 2021 at 10:15 said:", "In 2021 it was fine."]
    with scan.using("hyperscan", warmup=0):
        database = scan.database_for("en")
        assert database is not None and database.pairs
        bit = database.bits["promos.comments"]
        assert [bool(mask & bit) for mask in database.masks(lines)] == [False, True, False]
        _check_sound("en", [variant for line in lines for variant in _mutations(line)])


@HYPERSCAN
@pytest.mark.parametrize("line", ["Showing 1-20 of 300 results", "12 comments", "Posted on March 3, 2021 at 10:15",
                                  "5 min read"])
def test_lines_with_other_decimal_digits_are_candidates(line):
    """re's \\d matches "٣" and "३": the scan folds them to ASCII digits, so such lines stay candidates."""
    with scan.using("hyperscan", warmup=0):
        _check_sound("en", [line, line.translate(ARABIC_DIGITS), line.translate(DEVANAGARI_DIGITS),
                            "ı " + line.translate(ARABIC_DIGITS)])
    database = scan.database_for("en")
    assert database is not None
    assert database.masks([line.translate(ARABIC_DIGITS)]) == database.masks([line])


def _vocabulary_letters() -> set[str]:
    letters: set[str] = set()
    for lang in LANGUAGE_SETS:
        for gate in scan.gates(lang):
            for trigger in literals(gate.pattern, gate.anchored).triggers:
                letters.update(ch for ch in trigger.text if trigger.ignore_case and ch.isalpha())
    return letters


@HYPERSCAN
def test_case_partners_of_vocabulary_letters_are_all_known():
    """Every character re takes as equal to a vocabulary letter (ignoring case) is one the engine
    accounts for: the ASCII letters' non-ASCII partners are mapped to ASCII, the rest written out."""
    tables = scan._tables()
    for letter in sorted(_vocabulary_letters()):
        partners = set(re.findall("(?i)" + re.escape(letter), ALL_CODE_POINTS))
        assert all(ord(p) < 0x10000 for p in partners), letter  # the tables look at the first plane only
        if letter.isascii():
            assert {p.translate(tables.to_ascii).lower() for p in partners} == {letter.lower()}
        else:
            assert partners <= set(scan._forms(letter)) | set(tables.to_ascii.values()) | {
                chr(k) for k in tables.to_ascii}


# ------------------------------------------------------------ soundness


def _mutations(text: str) -> list[str]:
    """Case and look-alike variants that re (ignoring case) may still match."""
    swaps = str.maketrans({"i": "ı", "I": "İ", "s": "ſ", "k": "\u212a", "K": "\u212a"})
    return [text, text.upper(), text.lower(), text.title(), text.swapcase(), text.translate(swaps),
            "| " + text, "» " + text.upper(), text.translate(ARABIC_DIGITS), text.translate(DEVANAGARI_DIGITS)]


def _check_sound(lang: str, texts: list[str], only: str | None = None) -> None:
    database = scan.database_for(lang)
    assert database is not None
    gates = [gate for gate in scan.gates(lang) if only in (None, gate.name)]
    stripped = [text.strip() for text in texts]
    masks = database.masks(stripped)
    for gate in gates:
        pattern = re.compile(gate.pattern)
        for text, mask in zip(stripped, masks, strict=True):
            matched = pattern.match(text) if gate.anchored else pattern.search(text)
            assert not matched or mask & database.bits[gate.name], (gate.name, text)


def _generated_sound(lang: str, name: str, data: st.DataObject, most: int) -> None:
    gate = next(gate for gate in scan.gates(lang) if gate.name == name)
    samples = data.draw(st.lists(st.from_regex(gate.pattern), min_size=1, max_size=most))
    with scan.using("hyperscan", warmup=0):
        _check_sound(lang, [variant for sample in samples for variant in _mutations(sample)], name)


@HYPERSCAN
@pytest.mark.parametrize("name", [gate.name for gate in scan.gates("en")])
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_line_a_gate_matches_is_a_candidate(name, data):
    """Strings generated from each vocabulary pattern itself (in any case, with odd white space and
    look-alike letters) are all marked as candidates of that pattern."""
    _generated_sound("en", name, data, 3)


@HYPERSCAN
@pytest.mark.parametrize(("lang", "name"), [(lang, gate.name) for lang in WITH_ENGLISH if lang != "en"
                                            for gate in scan.gates(lang)])
@settings(max_examples=2, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_line_a_gate_matches_is_a_candidate_in_each_language(lang, name, data):
    """The same for each language with English, as ``lang="auto"`` uses them (fewer examples:
    generating strings from their longer patterns is slow)."""
    _generated_sound(lang, name, data, 1)


@HYPERSCAN
def test_corpus_lines_and_their_variants_are_sound():
    lines = [line for path in sorted((ROOT / "corpus" / "extracted" / "trafilatura").glob("*.txt"))[:60]
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with scan.using("hyperscan", warmup=0):
        _check_sound("en", [variant for line in lines for variant in _mutations(line)])


# ---------------------------------------------------------- equivalence


def _removals(result: declutter.Result) -> list[tuple[object, ...]]:
    return [(r.filter, r.reason, r.index, r.line, r.text, r.detail) for r in result.removals]


@HYPERSCAN
@pytest.mark.slow
def test_both_engines_clean_every_corpus_extraction_alike():
    paths = sorted((ROOT / "corpus" / "extracted").glob("*/*.txt"))
    assert len(paths) >= 1800
    for path in paths:
        text = path.read_text(encoding="utf-8")
        slow, fast = both_engines(text)
        assert fast.text == slow.text, path
        assert _removals(fast) == _removals(slow), path


def _wcxb_extractions() -> list[Path]:
    """The WCXB dev extractions ``bench/wcxb.py`` caches (every extractor's), if this machine has them."""
    root = os.environ.get("DECLUTTER_BENCH_CACHE")
    folder = (Path(root) if root else ROOT / "bench" / ".cache") / "wcxb"
    return sorted(folder.glob("*/*.txt"))


@HYPERSCAN
@pytest.mark.slow
@pytest.mark.skipif(not _wcxb_extractions(), reason="no WCXB dev extractions (bench/wcxb.py, $DECLUTTER_BENCH_CACHE)")
def test_both_engines_clean_every_wcxb_extraction_alike():
    """Modern pages (forum, shop and docs chrome; consent banners) from every extractor, 5,988 texts here."""
    for path in _wcxb_extractions():
        slow, fast = both_engines(path.read_text(encoding="utf-8"))
        assert fast.text == slow.text, path
        assert _removals(fast) == _removals(slow), path


LOOK_ALIKES = st.sampled_from(["Photo: AP", "PHOTO CREDIT: GETTY İMAGES", "| Cloſe", "» More from the Gazette",
                               "By JANE DOE", "\u212aeep reading", "Share this artıcle", "12 Comments",
                               "© 2019 Gazette", "Tags: budget, harbour", "5 min read", "Updated 1:23 p.m.",
                               "ADD TO CART", "Joined: Mar 2016", "Like", "Quote", "Reply", "Get started today →",
                               "Advertiser Disclosure", "Jane Roe says:", "Accept all cookies", "Share"])


@HYPERSCAN
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cluttered_documents(), st.lists(LOOK_ALIKES, max_size=4), st.sampled_from(["auto", "en", "de,en"]))
@example(None, ["Photo: AP"], "en")
def test_both_engines_clean_generated_documents_alike(doc, extra, lang):
    text = (doc.text if doc is not None else "The council met.\n") + "\n".join(extra) + "\n"
    slow, fast = both_engines(text, Config(lang=lang))
    assert fast.text == slow.text
    assert _removals(fast) == _removals(slow)


@HYPERSCAN
@settings(max_examples=100, deadline=None)
@given(st.text())
def test_both_engines_clean_any_text_alike(text):
    slow, fast = both_engines(text)
    assert (fast.text, _removals(fast)) == (slow.text, _removals(slow))


# ------------------------------------------------------------- behaviour


@HYPERSCAN
def test_no_first_pass_until_the_language_set_warmed_up():
    with scan.using("hyperscan", warmup=10**9), document_scope():
        assert scan.masks("en", [Block(0, "By Jane Doe")]) is None
    with scan.using("hyperscan", warmup=0), document_scope():
        masks = scan.masks("en", [Block(0, " By Jane Doe "), Block(1, "The council met.")])
        assert masks is not None and masks[0] & scan.bits("en", "bylines.byline")
        assert not masks[1] & scan.bits("en", "bylines.byline")


@HYPERSCAN
def test_a_document_counts_once_towards_the_warm_up():
    """Every filter and fixpoint round asks for the masks; the document's characters count once (they counted
    for each ask, so one 10 kB page built the database a short run should never pay for)."""
    doc = "By Jane Doe\n\n" + "The council met on Monday to vote on the harbour bus lanes.\n\n" * 150 + "Share this\n"
    with scan.using("hyperscan", warmup=10**9):
        before = scan._seen.get("en", 0)
        declutter.clean(doc, Config(lang="en"))
        assert 0 < scan._seen["en"] - before <= len(doc)


@HYPERSCAN
def test_prebuild_builds_the_database_and_counts_the_set_warm():
    """What ``--jobs`` does before forking: the set's masks are there from the first document on."""
    before = dict(scan._seen)
    try:
        with scan.using("hyperscan", warmup=10**12), document_scope():
            scan.prebuild("en")
            assert scan._seen["en"] >= 10**12
            assert scan.masks("en", [Block(0, "By Jane Doe")]) is not None
    finally:
        scan._seen.clear()
        scan._seen.update(before)


def test_prebuild_does_nothing_with_engine_re():
    with scan.using("re"):
        before = dict(scan._seen)
        scan.prebuild("en")
        assert scan._seen == before


def test_engine_re_has_no_first_pass_nor_compiled_keys():
    with scan.using("re"), document_scope():
        assert scan.masks("en", [Block(0, "By Jane Doe")]) is None
        assert scan.speedups() is None
        assert scan.engine_description().startswith("re")


def test_an_unknown_engine_is_refused_in_code():
    with pytest.raises(ValueError, match="not available"), scan.using("no-such-engine"):
        pass


def test_version_names_the_engine(capsys):
    out, err = io.BytesIO(), io.StringIO()
    assert main(["--version"], stdin=io.BytesIO(), stdout=out, stderr=err) == 0
    shown = out.getvalue().decode() + capsys.readouterr().out
    assert "engine:" in shown and scan.engine() in shown


def _pruned_by_every_substring(found: dict[tuple[bytes, bool], int]) -> dict[tuple[bytes, bool], int]:
    """The reference for :func:`scan._pruned`: every substring of every literal looked up among the others."""
    by_lower: dict[bytes, list[tuple[bytes, bool]]] = {}
    for key in found:
        by_lower.setdefault(key[0].lower(), []).append(key)
    kept = dict(found)
    for key in sorted(found):
        lower = key[0].lower()
        pieces = [lower[a:b] for a in range(len(lower)) for b in range(a + 1, len(lower) + 1)]
        if any(scan._covers(o, key, kept, found) for p in pieces for o in by_lower.get(p, ())):
            del kept[key]
    return kept


_LITERAL = st.text(alphabet="aAbB ", min_size=1, max_size=6).map(str.encode)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.tuples(_LITERAL, st.booleans()), st.integers(1, 7), max_size=25))
def test_pruning_keeps_the_literals_the_every_substring_search_keeps(found: dict[tuple[bytes, bool], int]) -> None:
    assert scan._pruned(found) == _pruned_by_every_substring(found)


def test_pruning_drops_a_literal_another_one_inside_it_finds_for_the_same_gates() -> None:
    found = {(b" may", True): 1, (b"may", True): 1, (b"said", False): 2, (b"sai", True): 1}
    assert scan._pruned(found) == {(b"may", True): 1, (b"said", False): 2, (b"sai", True): 1}
