"""The library API: Pipeline composition, Config, custom filters and patterns, replay."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

import declutter
from declutter import Block, Config, ConfigError, Pipeline, Selection, replay

BODY = "The council voted on Tuesday to extend the bus lanes along the harbour road until the end of next year."
TEXT = f"By Jane Doe\n\n{BODY}\n\nRelated: Council approves budget\n\nAdvertisement\n"


def test_clean_and_explain_unpacks_like_a_tuple() -> None:
    text, removals = declutter.clean_and_explain(TEXT)
    assert text == f"{BODY}\n"
    assert [(r.filter, r.reason, r.index, r.line) for r in removals] == [
        ("bylines", "byline.byline", 0, 1), ("promos", "promo.inline", 2, 5), ("promos", "promo.line", 3, 7)]
    assert removals[0].as_dict()["text"] == "By Jane Doe"


def test_pipeline_by_names_runs_only_those_filters() -> None:
    assert Pipeline(["promos"]).clean(TEXT) == f"By Jane Doe\n\n{BODY}\n"
    assert Pipeline([]).clean(TEXT) == TEXT


def test_config_switches_filters_off() -> None:
    cfg = replace(Config(), filters=("bylines",))
    assert declutter.clean(TEXT, cfg) == f"{BODY}\n\nRelated: Council approves budget\n\nAdvertisement\n"


def test_unknown_filter_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match=r"unknown filter 'promo'.*chrome, captions, bylines, promos, duplicates"):
        Pipeline(["promo"])


def test_custom_callable_filter_is_named_and_explained() -> None:
    def shouting(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        for block in blocks:
            if block.text.isupper():
                yield Selection(block, "custom.shouting", "all capitals")

    result = Pipeline(["promos", shouting]).explain(f"BUY NOW\n\n{BODY}\n")
    assert result.text == f"{BODY}\n"
    assert (result.removals[0].filter, result.removals[0].reason, result.removals[0].detail) == (
        "shouting", "custom.shouting", "all capitals")


def test_plain_tuples_are_accepted_from_custom_filters() -> None:
    def letter_a(blocks: Sequence[Block], config: Config) -> Iterator[tuple[Block, str]]:
        yield from ((b, "custom.a") for b in blocks if b.text == "A")

    result = Pipeline([letter_a]).explain("A\nB\nA\n")
    assert result.text == "B\n"
    assert [(r.filter, r.reason, r.index) for r in result.removals] == [("letter_a", "custom.a", 0),
                                                                       ("letter_a", "custom.a", 2)]


def test_filter_selecting_a_foreign_block_is_an_error() -> None:
    def rogue(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        yield Selection(Block(99, "not here"), "x")

    with pytest.raises(ConfigError, match="rogue"):
        Pipeline([rogue]).clean("A\n")


def test_user_remove_and_protect_patterns() -> None:
    cfg = replace(Config(), remove_patterns=(r"^Advertisement$",), filters=())
    result = declutter.clean_and_explain(TEXT, cfg)
    assert [(r.filter, r.reason, r.detail) for r in result.removals] == [
        ("patterns", "pattern.remove", "^Advertisement$")]
    protect = replace(Config(), protect_patterns=(r"^By Jane",))
    assert declutter.clean(TEXT, protect) == f"By Jane Doe\n\n{BODY}\n"


def test_invalid_user_pattern_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match=r"remove pattern '\(unclosed'"):
        declutter.clean(TEXT, replace(Config(), remove_patterns=("(unclosed",)))


@pytest.mark.parametrize(("field", "value", "message"), [
    ("duplicate_min_words", 0, "positive integer"),
    ("edge_blocks", -1, "positive integer"),
    ("lang", "xx", "unknown language xx"),
    ("filters", "promos", "tuple of strings"),
])
def test_config_validation(field: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        replace(Config(), **{field: value})


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().keep_captions = True  # type: ignore[misc]


def test_replay_reproduces_the_output_and_checks_the_input() -> None:
    result = declutter.clean_and_explain(TEXT)
    assert replay(TEXT, result.removals) == result.text
    with pytest.raises(ConfigError, match="does not match"):
        replay("Something else\n", result.removals)


def test_clean_rejects_bytes_with_a_clear_error() -> None:
    with pytest.raises(declutter.InputError, match="decode bytes first"):
        declutter.clean(b"bytes")  # type: ignore[arg-type]


def test_list_filters_has_a_summary_for_each() -> None:
    filters = declutter.list_filters()
    assert list(filters)[:5] == ["chrome", "captions", "bylines", "promos", "duplicates"]
    assert all(summary for summary in filters.values())


def test_protected_copy_keeps_the_cleaning_idempotent() -> None:
    lead = ("Russian President Vladimir Putin says his growing military adventure in Syria is meant to put the hurt "
            "on the Islamic State, officials said on Tuesday.")
    text = f"{lead}\n\n{lead}\n\n{BODY}\n\n{lead}\n"
    cfg = replace(Config(), protect_patterns=("officials said on Tuesday",))
    once = declutter.clean(text, cfg)
    assert once == text
    assert declutter.clean(once, cfg) == once
