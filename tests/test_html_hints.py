"""Whole-token class/id matching and its guards (declutter.html.hints)."""

from __future__ import annotations

import pytest

from declutter.filters.bylines import BYLINE_HINTS
from declutter.filters.captions import CAPTION_HINTS
from declutter.filters.promos import PROMO_HINTS
from declutter.html.hints import ALL_HINTS, CHROME_HINTS, hint_tokens, normalise


def hits(class_attr: str | None, id_attr: str | None = None) -> frozenset[str]:
    return hint_tokens(class_attr, id_attr) & ALL_HINTS


@pytest.mark.parametrize(("raw", "expected"), [
    ("relatedPosts", "related-posts"), ("related_posts", "related-posts"), ("Related--Posts", "related-posts"),
    ("article__body", "article-body"), ("StoryBodyCompanionColumn", "story-body-companion-column"),
])
def test_normalise_joins_spellings(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize("class_attr", ["related", "related-posts", "single-related-posts-wrap", "relatedArticles",
                                        "c-related_stories"])
def test_related_tokens_hit(class_attr: str) -> None:
    assert "related" in hits(class_attr)


@pytest.mark.parametrize("class_attr", ["unrelated", "unrelated-thing", "correlated-data", "relatedness"])
def test_related_is_never_a_substring_match(class_attr: str) -> None:
    assert not hits(class_attr) & PROMO_HINTS


def test_author_counts_only_whole_or_as_a_box() -> None:
    assert "author" in hits("author")
    assert hits("author-bio") & BYLINE_HINTS
    assert not hits("author-jane-doe") & BYLINE_HINTS
    assert not hits("post-author-jane") - {"post-author"}


def test_taxonomy_and_state_classes_hint_only_themselves() -> None:
    for label in ("tag-related", "category-share", "has-sidebar", "with-comments", "no-comments", "postid-12",
                  "format-standard"):
        assert hint_tokens(label, None) == {normalise(label)}, label
        assert not hits(label), label


def test_ad_words_count_only_at_the_edges_of_a_token() -> None:
    assert hits("ad-slot") & PROMO_HINTS
    assert hits("header-ad") & PROMO_HINTS
    assert hits("ads") & PROMO_HINTS
    assert not hits("load-ads-more") & PROMO_HINTS
    assert not hits("head") & PROMO_HINTS
    assert not hits("thread-header")


def test_sidebar_needs_a_position() -> None:
    assert hits("sidebar") & CHROME_HINTS
    assert hits("left-sidebar") & CHROME_HINTS
    assert hits("sidebar-widgets") & CHROME_HINTS
    assert not hits("with-sidebar")
    assert not hits("content-sidebar-wrap") & CHROME_HINTS


def test_bem_modifiers_hint_nothing() -> None:
    assert hint_tokens("content-header--publish-date-bottom", None) == frozenset()
    assert hits("ad ad--in-content") & PROMO_HINTS


def test_a_headings_slug_hints_nothing_but_a_long_box_name_still_does() -> None:
    assert hits(None, "sign-up-for-twilio-and-get-a-phone-number-section") == frozenset()
    assert hits(None, "how-to-share-your-screen-in-a-call") == frozenset()
    assert hits("post-related-articles-section-wrapper") & PROMO_HINTS


def test_words_after_a_product_details_word_say_how_the_text_shows_and_hint_nothing() -> None:
    assert hits(None, "content-toggle-product-details-read-more") == frozenset()
    assert hits("pipf-product-details-modal") == frozenset()
    assert hits("related-details") & PROMO_HINTS


def test_the_text_a_read_more_toggle_reveals_hints_nothing() -> None:
    assert hits("read-more__text") == frozenset()
    assert hits("_read-more-content-js-div-1") == frozenset()
    assert hits("ReadMoreAnswer_answerText__Ypm3r") == frozenset()
    assert hits("read-more") & PROMO_HINTS and hits("read-more-links") & PROMO_HINTS and hits("readmore")


def test_a_popup_word_after_data_names_what_carries_the_popup_not_the_popup() -> None:
    assert hits("js-dataTooltip") == frozenset() and hits("data-popover") == frozenset()
    assert "tooltip" in hits("tooltip") and "tooltip" in hits("cui-tooltip") and "tooltip" in hits("tooltip-wrapper")


def test_id_and_class_are_tested_separately() -> None:
    assert hits("story", "newsletter-signup") & PROMO_HINTS
    assert hits(None, "comments") & PROMO_HINTS
    assert not hits("x", "xcomments")


def test_captions_and_bylines_hint() -> None:
    assert hits("wp-caption-text") & CAPTION_HINTS
    assert hits("article__image-caption") & CAPTION_HINTS
    assert hits("c-byline") & BYLINE_HINTS


def test_empty_and_odd_attributes() -> None:
    assert hint_tokens(None, None) == frozenset()
    assert hint_tokens("   ", "") == frozenset()
    assert hint_tokens("-- __ ..", None) == frozenset()
