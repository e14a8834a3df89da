"""A memo for pure text measures, alive for one document's cleaning only.

Several filters measure the same block text (its word count, its comparison
key), and the pipeline runs filters again until nothing changes, so the same
measure of the same text was computed up to five times. Inside
:func:`document_scope` (which :meth:`declutter.Pipeline.run` opens) such a
measure is computed once per distinct text; outside it, every call computes.
The memo is a fresh dict per run, dropped when the run ends, and private to
the thread (a context variable): results never depend on earlier documents,
and sharing a pipeline between threads stays safe::

    >>> from declutter.filters.base import word_count
    >>> with document_scope():
    ...     word_count("Stir well."), word_count("Stir well.")   # counted once
    (2, 2)
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

#: Per scope: a table per measure (keyed by the measure) or per :func:`scoped_table` key.
_TABLES: ContextVar[dict[object, dict[str, Any]] | None] = ContextVar(
    "declutter_document_memo", default=None)


_MISSING = object()


class document_scope:  # a lower-case name: used like a function, ``with document_scope():``
    """Memoise :func:`once_per_text` measures until the block ends.

    A class rather than a generator-based context manager: entered once per
    cleaned document, where the generator's overhead showed.
    """

    __slots__ = ("_token",)

    def __enter__(self) -> None:
        self._token = _TABLES.set({})

    def __exit__(self, *exc: object) -> None:
        _TABLES.reset(self._token)


def scoped_table(key: object) -> dict[str, Any] | None:
    """A dict kept for the rest of the document scope under ``key``, or None outside a scope.

    For per-document results that are not a measure of one text (the first
    pass of :mod:`declutter.scan` keeps its per-line results here).
    """
    tables = _TABLES.get()
    if tables is None:
        return None
    table = tables.get(key)
    if table is None:
        table = tables[key] = {}
    return table


def once_per_text(measure: Callable[[str], T], text: str) -> T:
    """``measure(text)``, computed once per text inside a document scope.

    ``measure`` must be a pure function of ``text`` (module-level constants
    such as compiled patterns are fine; config values are not).
    """
    tables = _TABLES.get()
    if tables is None:
        return measure(text)
    table = tables.get(measure)
    if table is None:
        table = tables[measure] = {}
    value = table.get(text, _MISSING)
    if value is _MISSING:
        value = table[text] = measure(text)
    return value  # type: ignore[no-any-return]  # stored by this very measure
