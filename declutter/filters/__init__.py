"""The built-in filters, registered by name.

Each filter is a function ``(blocks, config) -> Iterable[Selection]``; see
:mod:`declutter.filters.base`. ``FILTERS`` maps names to functions in their
default order.
"""

from __future__ import annotations

from declutter.filters.base import FilterFunc, Selection
from declutter.filters.bylines import bylines
from declutter.filters.captions import captions
from declutter.filters.chrome import chrome
from declutter.filters.duplicates import duplicates
from declutter.filters.patterns import patterns
from declutter.filters.promos import promos
from declutter.filters.site import site

FILTERS: dict[str, FilterFunc] = {
    "chrome": chrome,
    "captions": captions,
    "bylines": bylines,
    "promos": promos,
    "duplicates": duplicates,
    "patterns": patterns,
    "site": site,
}

__all__ = ["FILTERS", "FilterFunc", "Selection"]
