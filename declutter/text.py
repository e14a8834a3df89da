"""Small text measures shared by the filters, the site model and the benches.

This module sits low in the import graph (it needs only :mod:`declutter.memo`),
so that :mod:`declutter.config`, :mod:`declutter.sitemodel` and the filters can
all use it without importing one another.

    >>> normalize("  Yes, SIR!  ")
    'yes sir'
"""

from __future__ import annotations

import re

from declutter.memo import once_per_text

_NON_WORD = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """The comparison key of ``text``: case-folded, every run of non-word characters one space.

    >>> normalize("Stir well.") == normalize("stir   WELL")
    True
    """
    return once_per_text(_normalize, text)


def _normalize(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()
