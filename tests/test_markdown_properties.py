"""The Markdown promises, property-tested: an ordered subset of the input's blocks byte for byte,
idempotent, code blocks untouched, tables whole, every removal explained, planted prose kept."""

from __future__ import annotations

import re

from hypothesis import assume, example, given, settings

import declutter
from declutter.markdown.parse import parse_markdown
from tests.strategies import ABOUT_SOMEONE, Planted, clean_documents, cluttered_documents
from tests.strategies_markdown import Page, markdown_noise, pages


def check_promises(md: str) -> declutter.Result:
    """Every promise that holds for any input; returns the result for more checks."""
    result = declutter.clean_markdown_and_explain(md)
    doc = parse_markdown(md)
    gone = [r.index for r in result.removals]
    assert len(gone) == len(set(gone)), "a block was removed twice"
    kept = [i for i in range(len(doc.blocks)) if i not in set(gone)]
    # Ordered subset, byte for byte: the output is the kept blocks' sources, joined by the input's separators.
    assert result.text == doc.render(kept)
    # ...and it parses into exactly those blocks: nothing glued, split or entered (tables whole).
    assert list(parse_markdown(result.text).sources) == [doc.sources[i] for i in kept]
    # Code blocks are never removed.
    assert not [i for i in gone if doc.features[i].code]
    # Every removal is explained and the explanation is complete.
    for removal in result.removals:
        assert removal.filter and removal.reason and removal.text == doc.sources[removal.index]
    assert declutter.replay_markdown(md, result.removals) == result.text
    # Idempotent.
    assert declutter.clean_markdown(result.text) == result.text
    return result


@given(pages())
@settings(max_examples=150, deadline=None)
def test_promises_on_whole_pages(page: Page) -> None:
    result = check_promises(page.text)
    for code in page.code:
        assert code in result.text
    for paragraph in page.prose:
        assert paragraph in result.text, f"planted prose removed: {paragraph[:60]}"


@given(markdown_noise)
@settings(max_examples=300, deadline=None)
@example("para one\n## Related posts\npara two is here")
@example("- a\n\n    b\n\nc\n\n    d")
@example("x\n\n2. y")
@example("[a]: http://x\n\n[Home](/) | [News](/n) | [About](/a)\n")
@example("\r\n\r\n# T\r\n\r\n\x00\r\n")
def test_promises_on_any_text(md: str) -> None:
    check_promises(md)


def as_markdown(doc: Planted) -> str:
    """The planted blocks as Markdown paragraphs: one blank line between blocks (a bare line break would
    join two lines into one paragraph, which Markdown mode keeps or removes as one block)."""
    return "\n\n".join(_blocks(doc)) + "\n"


def _blocks(doc: Planted) -> list[str]:
    return [line for line in re.split(r"\r?\n", doc.text) if line.strip()]


@given(clean_documents())
@settings(max_examples=150, deadline=None)
def test_keeps_content_of_every_shape_as_markdown(doc: Planted) -> None:
    """The text mode's content of every shape (headings, short lines, list items, code, table rows...),
    as Markdown blocks with no clutter: every block survives, and every promise holds."""
    result = check_promises(as_markdown(doc))
    for block in doc.content:
        assert block in result.text, f"content removed: {block[:60]}"


@given(cluttered_documents())
@settings(max_examples=150, deadline=None)
def test_keeps_content_every_planted_block_survives_as_markdown(doc: Planted) -> None:
    """The text mode's planted documents as Markdown: every content block survives among the clutter.

    The generator keeps a sentence about someone out of the tail by planting three content blocks after it;
    in Markdown, indented code lines separated by blank lines are one code block, so those three lines can be
    a single block and the sentence fall among the last ``Config.edge_blocks`` blocks once the clutter is
    gone, where an author bio is clutter by design (bylines). Such documents are left out."""
    content = parse_markdown("\n\n".join(doc.content) + "\n").sources
    tail = content[-declutter.Config().edge_blocks:]
    assume(not any(about in source for source in tail for about in ABOUT_SOMEONE))
    result = check_promises(as_markdown(doc))
    for block in doc.content:
        assert block in result.text, f"content removed: {block[:60]}"
