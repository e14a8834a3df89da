"""Markdown mode: Markdown in, Markdown out.

Crawlers hand LLM and RAG pipelines web pages as Markdown (html2text,
markdownify, crawl4ai, Firecrawl, Jina Reader, trafilatura's
``output_format="markdown"``). :func:`clean_markdown` removes the clutter
from it and returns Markdown: the input's blocks, in order, byte for byte,
minus the removed ones::

    >>> md = ("[Skip to content](#main)\\n\\n* [Home](/)\\n* [News](/news)\\n* [Sport](/sport)\\n\\n"
    ...       "# Council backs budget\\n\\nThe council backed the budget, [the minutes](/m) show.\\n\\n"
    ...       "## Related posts\\n\\n* [Harbour plan approved](/a)\\n* [Bus lanes stay](/b)\\n")
    >>> print(clean_markdown(md))
    # Council backs budget
    <BLANKLINE>
    The council backed the budget, [the minutes](/m) show.
    <BLANKLINE>

Blocks come from markdown-it-py's block tokens (see
:mod:`declutter.markdown.parse`). The text filters read each block's
*visible* text (link text and image alt text, never URLs); the Markdown
filters (:mod:`declutter.markdown.evidence`) add what Markdown shows: link
density, runs of link-only list items, icon lines, promo headings, the
page's title repeated, and the main-content region of a whole page
(:mod:`declutter.markdown.region`). Code blocks are never removed;
a table is kept or removed whole.

Removals are explained as in text mode; a removal's ``text`` is the
block's Markdown source, its ``line`` the block's first line, so
:func:`replay_markdown` rebuilds the output from the input and the removals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import pairwise

from declutter.config import Config
from declutter.errors import ConfigError, InputError
from declutter.filters import FilterFunc
from declutter.markdown.evidence import markdown_filters, sectioned_promos
from declutter.markdown.parse import (
    Features,
    Kind,
    MarkdownDocument,
    block_tokens,
    lines,
    parse_markdown,
    spans,
    widest,
)
from declutter.pipeline import Pipeline, Removal, Result

Step = str | FilterFunc


def clean_markdown(md: str, config: Config | None = None) -> str:
    """Markdown without clutter (see the module docstring)."""
    return clean_markdown_and_explain(md, config).text


def clean_markdown_and_explain(md: str, config: Config | None = None) -> Result:
    """The cleaned Markdown and every removal (``text`` is the removed block's Markdown source)."""
    if not isinstance(md, str):
        raise InputError(f"clean_markdown() takes a str, got {type(md).__name__}; decode bytes first")
    return run_markdown(parse_markdown(md), config or Config())


#: Most extra rounds of cleaning an output again (see :func:`run_markdown`).
MAX_ROUNDS = 4


def run_markdown(doc: MarkdownDocument, config: Config, before: Sequence[Step] = (), region: bool = True,
                 adjust: Callable[[Sequence[Step]], list[Step]] | None = None) -> Result:
    """Clean a parsed Markdown document: ``before`` (extra filters), the Markdown filters, then ``config.filters``.

    ``region=False`` leaves out the main-content region (:mod:`declutter.markdown.region`): the
    Markdown is already a page's main content (HTML mode's extraction). ``adjust`` turns
    ``config.filters`` into a page type's (HTML mode: a forum keeps readers' comments, a docs page runs no
    duplicates filter, as in text).

    A removal that would glue the blocks around it into one (a heading
    between two paragraphs set one line apart: without it they read as one
    paragraph) is not made: those blocks are kept and the filters run
    again, so the output parses into exactly the blocks it kept. Keeping
    such a block can leave an output the filters would clean further, so
    then the output is cleaned again (at most :data:`MAX_ROUNDS` times)
    until nothing more goes: cleaning stays idempotent.
    """
    steps = _steps(doc, config, before, region, adjust)
    result, held = _run_once(doc, config, steps)
    removals = list(result.removals)
    rounds = 0
    while held and result.removals and rounds < MAX_ROUNDS:
        rounds += 1
        gone = {r.index for r in removals}
        kept = [i for i in range(len(doc.blocks)) if i not in gone]
        again = parse_markdown(result.text)
        result, held = _run_once(again, config, _steps(again, config, before, region, adjust))
        removals.extend(replace(r, index=kept[r.index], line=doc.blocks[kept[r.index]].line) for r in result.removals)
    return Result(result.text, tuple(sorted(removals, key=lambda r: r.index)))


def _steps(doc: MarkdownDocument, config: Config, before: Sequence[Step], region: bool,
           adjust: Callable[[Sequence[Step]], list[Step]] | None) -> list[Step]:
    """``before``, the Markdown filters of ``doc``, then the text filters (promos sectioned by headings)."""
    promos = sectioned_promos(doc.features)
    text_steps = [promos if step == "promos" else step for step in config.filters]
    return [*before, *markdown_filters(doc, region), *(adjust(text_steps) if adjust else text_steps)]


def _run_once(doc: MarkdownDocument, config: Config, steps: Sequence[Step]) -> tuple[Result, frozenset[int]]:
    """One pipeline run to its fixpoint with the glue guard; the result and the blocks the guard kept."""
    pipeline = Pipeline(steps, config)
    held: frozenset[int] = frozenset()
    while True:
        result = pipeline.run(replace(doc, protected=doc.protected | held))
        gone = {r.index for r in result.removals}
        glued = glued_blocks(doc, [b.index for b in doc.blocks if b.index not in gone])
        if not glued:
            break
        held |= glued
    sources = doc.sources
    removals = tuple(Removal(r.filter, r.reason, r.index, sources[r.index], r.line, r.detail) for r in result.removals)
    return Result(result.text, removals), held


def glued_blocks(doc: MarkdownDocument, kept: Sequence[int]) -> frozenset[int]:
    """The removed blocks between two kept blocks that would parse as something else once joined."""
    glued: set[int] = set()
    for prev, cur in pairwise(kept):
        if cur == prev + 1:
            continue
        separator = widest(doc.separators[prev:cur])
        if _blank_between(doc, prev, separator, cur):
            continue
        if not _stay_apart(doc.sources[prev], separator, doc.sources[cur]):
            glued.update(range(prev + 1, cur))
    return frozenset(glued)


def _blank_between(doc: MarkdownDocument, prev: int, separator: str, cur: int) -> bool:
    """A blank line ends every block but a list item (which an indented line continues) and an open
    HTML or fenced block (which runs to the end of the input, so it is never followed by a block): two
    blocks with a blank line between, the second not indented, stay apart without asking the parser.
    A run of ``other`` lines is left to the parser."""
    return (_breaks(separator) >= 2 and doc.sources[cur][:1] not in (" ", "\t")
            and doc.features[prev].kind is not Kind.OTHER)


def _stay_apart(first: str, separator: str, second: str) -> bool:
    """``first`` and ``second`` joined by ``separator`` still parse as two blocks, the second where it starts."""
    text = first + separator + second
    starts = [start for _, start, _, _ in spans(block_tokens(text), lines(text))]
    line = sum(text.count(mark) for mark in ("\n", "\r")) - text.count("\r\n") - _breaks(second)
    return len(starts) == 2 and starts[1] == line


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def replay_markdown(md: str, removals: Iterable[Removal]) -> str:
    """Rebuild the output from the Markdown input and the removals alone.

    ``replay_markdown(md, clean_markdown_and_explain(md).removals) == clean_markdown(md)``.
    Raises :class:`ConfigError` when a removal does not match the input's block at its index.
    """
    doc = parse_markdown(md)
    gone = set()
    for removal in removals:
        if not 0 <= removal.index < len(doc.sources) or doc.sources[removal.index] != removal.text:
            raise ConfigError(f"removal at block {removal.index} does not match the Markdown input")
        gone.add(removal.index)
    return doc.render(i for i in range(len(doc.blocks)) if i not in gone)


__all__ = ["Features", "Kind", "MarkdownDocument", "Step", "clean_markdown", "clean_markdown_and_explain",
           "glued_blocks", "parse_markdown", "replay_markdown", "run_markdown"]
