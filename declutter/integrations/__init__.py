"""Adapters for crawling and data pipelines; each one imports its library only when imported.

* :mod:`declutter.integrations.scrapy`: ``DeclutterPipeline``, a Scrapy item pipeline
  (``pip install 'declutter-text[scrapy]'``).
* :mod:`declutter.integrations.langchain`: ``DeclutterTransformer``, a LangChain
  document transformer (``pip install 'declutter-text[langchain]'``).
* :mod:`declutter.integrations.datatrove`: ``DeclutterStep``, a datatrove pipeline
  step (``pip install 'declutter-text[datatrove]'``).
* :mod:`declutter.integrations.dask`: site-model fit and cleaning on ``dask.bag``
  (``pip install 'declutter-text[dask]'``).

``import declutter`` never imports any of these libraries.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, extra: str) -> ModuleType:
    """Import an optional library, or raise ImportError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        needs = f"this declutter integration needs {module!r}"
        raise ImportError(f"{needs}: pip install 'declutter-text[{extra}]'") from exc
