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

#: Filters whose verdict on a block depends on that block and the config
#: alone, never on the other blocks or the block's position. Run on fewer
#: blocks, such a filter selects nothing it did not select before, so the
#: pipeline runs it once per document instead of once per fixpoint pass.
#: A user filter says the same with a true ``context_free`` attribute.
#: ``tests/test_perf_fixpoint.py`` checks the claim for every filter listed.
CONTEXT_FREE: frozenset[FilterFunc] = frozenset({captions, patterns})

#: Filters that run to their own fixpoint: run again on the blocks they left,
#: they select nothing, so the pipeline does not rerun them after their own
#: removals (only after another filter's). A user filter says the same with a
#: true ``settled`` attribute; ``tests/test_perf_fixpoint.py`` checks the claim.
SETTLED: frozenset[FilterFunc] = frozenset({duplicates})

__all__ = ["CONTEXT_FREE", "FILTERS", "SETTLED", "FilterFunc", "Selection"]
