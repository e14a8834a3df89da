"""HTML in, Markdown out: the Markdown stage of ``clean_html(..., output_format="markdown")``.

HTML mode cleans the page's tree, then has trafilatura extract the main
content; with ``output_format="markdown"`` trafilatura writes it as
Markdown (headings, lists, links, images, tables) and the Markdown mode
cleans that, as :func:`declutter.clean_markdown` would, with HTML mode's
headline filter in front and without the main-content region (the
extraction already is the main content).
"""

from __future__ import annotations

from typing import Any

from declutter.config import Config
from declutter.errors import ConfigError
from declutter.filters import FilterFunc
from declutter.markdown import run_markdown
from declutter.markdown.parse import parse_markdown
from declutter.pipeline import Result

#: The output formats of ``clean_html``.
OUTPUT_FORMATS = ("text", "markdown")


def check_output_format(output_format: str) -> str:
    """``output_format`` when it is one of :data:`OUTPUT_FORMATS`; else a :class:`ConfigError`."""
    if output_format not in OUTPUT_FORMATS:
        raise ConfigError(f"output_format must be one of {', '.join(map(repr, OUTPUT_FORMATS))}, "
                          f"got {output_format!r}")
    return output_format


def extract_markdown(tree: Any, url: str | None) -> str:
    """trafilatura's main content of ``tree`` as Markdown, links and images kept."""
    import trafilatura

    return trafilatura.extract(tree, url=url, include_comments=False, output_format="markdown",
                               include_links=True, include_images=True) or ""


def markdown_stage(tree: Any, url: str | None, headline: FilterFunc, config: Config) -> Result:
    """Extract the main content of the cleaned ``tree`` as Markdown and clean it (``headline`` first).

    The extraction is already the page's main content, so the Markdown mode's own main-content
    region (made for whole-page Markdown) is left out: on a long article with lists of links it
    would cut real sections.
    """
    return run_markdown(parse_markdown(extract_markdown(tree, url)), config, before=(headline,), region=False)
