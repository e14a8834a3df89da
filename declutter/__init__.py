"""declutter: remove the clutter scrapers leave in article text.

    >>> import declutter
    >>> declutter.clean("By Jane Doe\\n\\nThe council met on Monday.\\n")
    'The council met on Monday.\\n'

``clean`` is the fast path; ``clean_and_explain`` also returns every removal
(filter, reason, block index, text); ``Pipeline`` composes filters; ``Config``
holds the settings. ``clean_html`` and ``clean_html_and_explain`` take a whole
HTML page instead (see :mod:`declutter.html`).
"""

from __future__ import annotations

from declutter.blocks import Block, Document, split_text
from declutter.config import DEFAULT_FILTERS, Config
from declutter.errors import ConfigError, DeclutterError, InputError
from declutter.filters import FILTERS, Selection
from declutter.pipeline import Pipeline, Removal, Result, pipeline_for, replay

__version__ = "0.1.0"


def clean_html(html: str | bytes, url: str | None = None, config: Config | None = None) -> str:
    """Return the main text of an HTML page without clutter (see :mod:`declutter.html`)."""
    from declutter.html import clean_html as _clean_html

    return _clean_html(html, url, config)


def clean_html_and_explain(html: str | bytes, url: str | None = None, config: Config | None = None) -> Result:
    """Return the main text of an HTML page and every removal (see :mod:`declutter.html`)."""
    from declutter.html import clean_html_and_explain as _explain

    return _explain(html, url, config)


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` without duplicated captions, bylines, promos and repeats."""
    if not isinstance(text, str):
        raise InputError(f"clean() takes a str, got {type(text).__name__}; decode bytes first")
    return pipeline_for(config or Config()).clean(text)


def clean_and_explain(text: str, config: Config | None = None) -> Result:
    """Return the cleaned text and the removals that produced it."""
    if not isinstance(text, str):
        raise InputError(f"clean() takes a str, got {type(text).__name__}; decode bytes first")
    return pipeline_for(config or Config()).explain(text)


def list_filters() -> dict[str, str]:
    """Names of the registered filters and the first line of each one's module docstring."""
    import sys

    def summary(func: object) -> str:
        module = sys.modules.get(getattr(func, "__module__", ""), None)
        doc = (getattr(module, "__doc__", None) or getattr(func, "__doc__", None) or "").strip()
        return doc.splitlines()[0] if doc else ""

    return {name: summary(func) for name, func in FILTERS.items()}


__all__ = [
    "DEFAULT_FILTERS", "FILTERS", "Block", "Config", "ConfigError", "DeclutterError", "Document", "InputError",
    "Pipeline", "Removal", "Result", "Selection", "__version__", "clean", "clean_and_explain", "clean_html",
    "clean_html_and_explain", "list_filters", "replay", "split_text",
]
