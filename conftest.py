"""Collection rules for the whole repository (the fixtures live in tests/conftest.py).

The integration modules import their library when imported, so pytest can
collect their doctests only where the extra is installed. Without it they are
left out of collection, and ``tests/test_integrations_*.py`` report the skip
("could not import 'scrapy'"), instead of four doctest collection errors.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

#: Integration module -> the library its extra installs.
NEEDS = {"scrapy.py": "scrapy", "langchain.py": "langchain_core", "datatrove.py": "datatrove", "dask.py": "dask.bag"}
INTEGRATIONS = Path(__file__).resolve().parent / "declutter" / "integrations"


def _missing(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is None
    except ModuleNotFoundError:  # the parent package is missing
        return True


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    if collection_path.parent == INTEGRATIONS and collection_path.name in NEEDS:
        return True if _missing(NEEDS[collection_path.name]) else None
    return None
