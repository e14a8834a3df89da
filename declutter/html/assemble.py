"""Assembly and explanation of HTML mode: parse, clean the tree, extract, run the text stage, report it all."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from lxml.html import HtmlElement

from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import SAMPLE_CHARS, detect_languages
from declutter.filters.base import Selection, word_count
from declutter.html.extract import extract_text
from declutter.html.page import HEADLINE_MAX_WORDS, PageMeta, matches_any, page_meta
from declutter.html.parse import parse_html
from declutter.html.selectors import protect_for_extraction
from declutter.html.tree import clean_tree, drop_scripts, merge_split_body
from declutter.pipeline import Pipeline, Result
from declutter.vocab import is_auto

#: Leading text blocks among which a headline or deck line is looked for.
HEADLINE_WINDOW = 3


def headline_filter(meta: PageMeta) -> object:
    """A text filter that drops a leading headline or deck line the page's metadata holds.

    Only the first :data:`HEADLINE_WINDOW` blocks of the extracted text are
    looked at; a deck must match a description closely (it is often the
    article's own first sentence, so a near-copy only).
    """

    def headline(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        for block in blocks:
            if block.index >= HEADLINE_WINDOW:
                break
            text = block.text.strip()
            if word_count(text) > HEADLINE_MAX_WORDS:
                continue
            if matches_any(text, meta.titles):
                yield Selection(block, "headline.title")

    headline.filter_name = "headline"  # type: ignore[attr-defined]
    return headline


def clean_html_and_explain(html: str | bytes, url: str | None = None, config: Config | None = None) -> Result:
    """The page's cleaned main text and every removal, HTML stage first (see :mod:`declutter.html`)."""
    config = config or Config()
    tree = parse_html(html)
    if tree is None:
        return Result("", ())
    meta = page_meta(tree)
    drop_scripts(tree)
    merge_split_body(tree)
    html_removals = clean_tree(tree, meta, _tree_lang(tree, config))
    kept = protect_for_extraction(tree, config)
    text = extract_text(tree, url)
    steps = [headline_filter(meta), *config.filters]
    text_config = replace(config, protect_patterns=config.protect_patterns + kept)
    text_result = Pipeline(steps, text_config).explain(text)  # type: ignore[arg-type]
    return Result(text_result.text, html_removals + text_result.removals)


def _tree_lang(tree: HtmlElement, config: Config) -> Config:
    """With ``lang="auto"``, the languages of the page's paragraphs, for the HTML stage."""
    if not is_auto(config.lang):
        return config
    sample = " ".join(p.text_content() for p in tree.iter("p"))[:SAMPLE_CHARS]
    return replace(config, lang=",".join(detect_languages(sample)))


def clean_html(html: str | bytes, url: str | None = None, config: Config | None = None) -> str:
    """The page's main text without clutter (see :func:`clean_html_and_explain`)."""
    return clean_html_and_explain(html, url, config).text

