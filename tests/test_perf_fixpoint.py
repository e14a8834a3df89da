"""The speed-ups change nothing: the fixpoint skips only no-op runs, memos stay in their run."""

from __future__ import annotations

import importlib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter
from declutter import Config, ConfigError, Pipeline, Removal, split_text
from declutter.blocks import _split_any_breaks, _split_lf
from declutter.filters import CONTEXT_FREE, FILTERS, SETTLED, Selection
from declutter.filters.duplicates import _ELLIPSIS, _NON_WORD_LINE, _cut_short, _words_and_spaces
from declutter.memo import _TABLES, document_scope
from declutter.pipeline import _removal
from declutter.vocab import LazyPattern
from tests.strategies import CAPTIONS, Planted, cluttered_documents

bylines_module = importlib.import_module("declutter.filters.bylines")  # the package exports the function
CONFIGS = [Config(), Config(keep_captions=True), Config(protect_patterns=("Reuters", "^By"), duplicate_min_words=3),
           Config(remove_patterns=("budget",), edge_blocks=6)]


def reference(text: str, config: Config) -> tuple[str, tuple[Removal, ...]]:
    """The plain fixpoint: every filter, every pass, until a pass removes nothing."""
    doc = split_text(text)
    pipeline = Pipeline(config=config)
    protected = {b.index for b in doc.blocks
                 if any(re.search(p, b.text.strip()) for p in config.protect_patterns)}
    alive, removals, changed = list(doc.blocks), [], True
    while changed:
        changed = False
        for name, func in pipeline.steps:
            chosen: dict[int, Selection] = {}
            for sel in func(tuple(alive), config):
                if sel.block.index not in protected:
                    chosen.setdefault(sel.block.index, Selection(*sel))
            if chosen:
                alive = [b for b in alive if b.index not in chosen]
                removals.extend(_removal(name, sel) for sel in chosen.values())
                changed = True
    return doc.render(b.index for b in alive), tuple(sorted(removals, key=lambda r: r.index))


@st.composite
def noisy_documents(draw: st.DrawFn) -> str:
    """Planted documents with extra copies, captions and cut-short repeats mixed in."""
    doc: Planted = draw(cluttered_documents())
    blocks = [b.text for b in split_text(doc.text).blocks]
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(blocks)))
        kind = draw(st.sampled_from(["copy", "cut", "caption"]))
        source = draw(st.sampled_from(blocks)) if blocks else "Stir well."
        blocks.insert(where, {"copy": source, "cut": source[: len(source) // 2] + "…",
                              "caption": draw(st.sampled_from(CAPTIONS))}[kind])
    return "\n\n".join(blocks) + "\n"


@given(noisy_documents(), st.sampled_from(CONFIGS))
@settings(max_examples=200, deadline=None)
def test_pipeline_equals_the_plain_fixpoint(text: str, config: Config) -> None:
    result = Pipeline(config=config).explain(text)
    assert (result.text, result.removals) == reference(text, config)


@given(noisy_documents(), st.sampled_from(CONFIGS), st.data())
@settings(max_examples=200, deadline=None)
def test_context_free_filters_judge_each_block_alone(text: str, config: Config, data: st.DataObject) -> None:
    blocks = split_text(text).blocks
    subset = tuple(b for b in blocks if data.draw(st.booleans()))
    for name, func in FILTERS.items():
        if func in CONTEXT_FREE:
            whole = {(s[0].index, s[1]) for s in func(blocks, config)}
            part = {(s[0].index, s[1]) for s in func(subset, config)}
            kept = {b.index for b in subset}
            assert part == {(i, r) for i, r in whole if i in kept}, name


@given(noisy_documents(), st.sampled_from(CONFIGS))
@settings(max_examples=200, deadline=None)
def test_settled_filters_select_nothing_on_what_they_left(text: str, config: Config) -> None:
    blocks = split_text(text).blocks
    for name, func in FILTERS.items():
        if func in SETTLED:
            gone = {s[0].index for s in func(blocks, config)}
            left = tuple(b for b in blocks if b.index not in gone)
            assert list(func(left, config)) == [], name


@given(noisy_documents())
@settings(max_examples=100, deadline=None)
def test_idempotent_and_memo_scoped_to_the_run(text: str) -> None:
    once = declutter.clean(text)
    assert declutter.clean(once) == once
    assert _TABLES.get() is None  # nothing outlives a run
    with document_scope():
        assert declutter.clean(text) == once  # a surrounding scope changes nothing


@given(st.text(alphabet=" .…[]'\")”’xa\t", max_size=12))
def test_ellipsis_guard_skips_only_texts_without_an_ellipsis(text: str) -> None:
    found, guarded = _ELLIPSIS.search(text), _cut_short(text)
    assert (found is None) == (guarded is None)
    assert found is None or guarded is None or found.span() == guarded.span()


@given(st.text(alphabet=st.sampled_from(list("aZ9_ .,'!?\n\t\x00\x1c\xa0’‘“”–—…«»•·éßİẞ\u2028Ωж")) | st.characters(),
               max_size=40))
def test_fast_key_path_gives_the_words_of_the_regular_expression(text: str) -> None:
    fast = [line.split() for line in _words_and_spaces(text).split("\n")]
    slow = [line.split() for line in _NON_WORD_LINE.sub(" ", text.casefold()).split("\n")]
    assert fast == slow


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\x0b\x0c\x1c\x85\u2028.")), max_size=30))
def test_splitting_at_line_feeds_equals_the_general_splitter(text: str) -> None:
    assert _split_lf(text) == _split_any_breaks(text)


def test_detailed_vocabulary_patterns_compile_on_first_use_only() -> None:
    pats = bylines_module.Patterns(("en",))
    assert pats.credits._compiled is None and pats.bio._compiled is None  # only the pre-test is compiled
    assert bylines_module.line_reason("(Reporting by Jane Roe; Editing by John Doe)", pats) is not None
    assert pats.credits._compiled is not None
    assert pats.bio._compiled is None


def test_an_invalid_lazy_pattern_fails_clearly_when_used() -> None:
    lazy = LazyPattern("(unclosed", "vocabulary xx.toml [bylines] by")
    with pytest.raises(ConfigError, match=r"invalid regular expression in vocabulary xx\.toml \[bylines\] by"):
        lazy.match("text")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(".!?…。！？'\"”’»)] \t\n\u2009\xa0a(")), max_size=12)
       | st.text(max_size=12))
def test_ends_like_sentence_is_the_pattern(text):
    from declutter.filters.base import _SENTENCE_END, ends_like_sentence

    assert ends_like_sentence(text) == (_SENTENCE_END.search(text) is not None)
