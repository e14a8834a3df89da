"""declutter: remove the clutter scrapers leave in article text.

    >>> import declutter
    >>> declutter.clean("By Jane Doe\\n\\nThe council met on Monday.\\n")
    'The council met on Monday.\\n'

``clean`` is the fast path; ``clean_and_explain`` also returns every removal
(filter, reason, block index, text); ``Pipeline`` composes filters; ``Config``
holds the settings. ``clean_html`` and ``clean_html_and_explain`` take a whole
HTML page instead (see :mod:`declutter.html`); ``clean_markdown`` and
``clean_markdown_and_explain`` take Markdown and return Markdown (see
:mod:`declutter.markdown`); ``Stats`` sums up a batch of results (see
:mod:`declutter.stats`).

The names are imported on first use, so that ``import declutter`` costs next
to nothing: the command line can then catch Ctrl-C while the rest loads
(``declutter._command``) and exit 130 without a traceback.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from collections.abc import Iterable

    from declutter.blocks import Block, Document, split_text
    from declutter.config import DEFAULT_FILTERS, Config
    from declutter.errors import ConfigError, DeclutterError, InputError
    from declutter.filters import FILTERS, Selection
    from declutter.pipeline import Pipeline, Removal, Result, replay
    from declutter.stats import Stats

__version__ = "0.1.0"

#: Where each lazily imported public name lives.
_HOMES = {
    "Block": "declutter.blocks", "Document": "declutter.blocks", "split_text": "declutter.blocks",
    "DEFAULT_FILTERS": "declutter.config", "Config": "declutter.config",
    "ConfigError": "declutter.errors", "DeclutterError": "declutter.errors", "InputError": "declutter.errors",
    "FILTERS": "declutter.filters", "Selection": "declutter.filters",
    "Pipeline": "declutter.pipeline", "Removal": "declutter.pipeline", "Result": "declutter.pipeline",
    "replay": "declutter.pipeline", "Stats": "declutter.stats",
}


def __getattr__(name: str) -> object:
    """Import a public name on first use (PEP 562) and keep it."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'declutter' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})


def clean_html(html: str | bytes, url: str | None = None, config: Config | None = None,
               output_format: str = "text") -> str:
    """Return the main text of an HTML page without clutter (see :mod:`declutter.html`);
    ``output_format="markdown"`` returns it as Markdown (see :mod:`declutter.markdown`)."""
    from declutter.html import clean_html as _clean_html

    return _clean_html(html, url, config, output_format)


def clean_html_and_explain(html: str | bytes, url: str | None = None, config: Config | None = None,
                           output_format: str = "text") -> Result:
    """Return the main text (or Markdown) of an HTML page and every removal (see :mod:`declutter.html`)."""
    from declutter.html import clean_html_and_explain as _explain

    return _explain(html, url, config, output_format)


def clean_markdown(md: str, config: Config | None = None) -> str:
    """Return Markdown without clutter: its blocks, byte for byte, minus the removed ones
    (see :mod:`declutter.markdown`)."""
    from declutter.markdown import clean_markdown as _clean_markdown

    return _clean_markdown(md, config)


def clean_markdown_and_explain(md: str, config: Config | None = None) -> Result:
    """Return the cleaned Markdown and every removal (see :mod:`declutter.markdown`)."""
    from declutter.markdown import clean_markdown_and_explain as _explain

    return _explain(md, config)


def replay_markdown(md: str, removals: Iterable[Removal]) -> str:
    """Rebuild ``clean_markdown``'s output from the Markdown input and the removals."""
    from declutter.markdown import replay_markdown as _replay

    return _replay(md, removals)


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` without duplicated captions, bylines, promos and repeats."""
    if not isinstance(text, str):
        _refuse(text)
    return _pipeline(config).clean(text)


def clean_and_explain(text: str, config: Config | None = None) -> Result:
    """Return the cleaned text and the removals that produced it."""
    if not isinstance(text, str):
        _refuse(text)
    return _pipeline(config).explain(text)


#: ``declutter.pipeline``'s ``default_pipeline`` and ``pipeline_for``, imported on the first clean (an import
#: statement in ``clean`` itself cost some 2 µs a call, 3% of cleaning a short page).
_PIPELINES: list[Any] = []


def _pipeline(config: Config | None) -> Pipeline:
    if not _PIPELINES:
        from declutter.pipeline import default_pipeline, pipeline_for

        _PIPELINES.extend((default_pipeline, pipeline_for))
    return _PIPELINES[0]() if config is None else _PIPELINES[1](config)  # type: ignore[no-any-return]


def _refuse(text: object) -> NoReturn:
    from declutter.errors import InputError

    raise InputError(f"clean() takes a str, got {type(text).__name__}; decode bytes first")


def list_filters() -> dict[str, str]:
    """Names of the registered filters and the first line of each one's module docstring."""
    import sys

    from declutter.filters import FILTERS

    def summary(func: object) -> str:
        module = sys.modules.get(getattr(func, "__module__", ""), None)
        doc = (getattr(module, "__doc__", None) or getattr(func, "__doc__", None) or "").strip()
        return doc.splitlines()[0] if doc else ""

    return {name: summary(func) for name, func in FILTERS.items()}


__all__ = [
    "DEFAULT_FILTERS", "FILTERS", "Block", "Config", "ConfigError", "DeclutterError", "Document", "InputError",
    "Pipeline", "Removal", "Result", "Selection", "Stats", "__version__", "clean", "clean_and_explain",
    "clean_html", "clean_html_and_explain", "clean_markdown", "clean_markdown_and_explain", "list_filters", "replay",
    "replay_markdown", "split_text",
]
