"""Extraction stage of HTML mode: trafilatura picks the main text from the cleaned tree."""

from __future__ import annotations

from lxml.html import HtmlElement


def extract_text(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's main text of the (cleaned) tree; empty when it finds none."""
    import trafilatura

    return trafilatura.extract(tree, url=url, include_comments=False) or ""
