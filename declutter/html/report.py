"""Explanation of HTML mode as data: the result type and its notes (page type, refusals, rescues).

A :class:`Removal` says what was removed. HTML mode also decides things
that remove nothing: which kind of page it is, which removals its guards
refused, which rescue replaced a short extraction. Those are :class:`Note`
records on an :class:`HtmlResult`, which unpacks like any
:class:`~declutter.pipeline.Result` (``text, removals = result``) so the
Removal contract (every removal listed, ``replay`` rebuilds the text stage)
is unchanged::

    >>> result = HtmlResult("Body.", (), (Note(NoteKind.PAGE_TYPE, "page_type.article"),))
    >>> text, removals = result
    >>> text, removals, [note.reason for note in result.notes]
    ('Body.', (), ['page_type.article'])
    >>> result.notes[0].as_dict()["note"]
    'page_type'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from declutter.pipeline import Removal, Result


class NoteKind(StrEnum):
    """What a note records."""

    #: The page type HTML mode decided, with its signals in ``detail``.
    PAGE_TYPE = "page_type"
    #: An element filter selected an element that a guard kept: nothing was removed.
    REFUSED = "refused"
    #: The extraction was replaced or extended by a rescue.
    RESCUE = "rescue"


@dataclass(frozen=True, slots=True)
class Note:
    """One decision of HTML mode that removed nothing.

    ``reason`` is a code (``page_type.forum``, ``guard.share``,
    ``rescue.sections``…); ``index`` the element's position in document order
    when the note is about one element (else -1); ``text`` that element's (or
    the rescued) text; ``detail`` a human note: the signals of a page type, or
    the filter, reason and element a refusal stopped.
    """

    kind: NoteKind
    reason: str
    index: int = -1
    text: str = ""
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (an ``--explain`` record; its ``note`` key tells it from a removal)."""
        return {"note": self.kind.value, "reason": self.reason, "index": self.index, "text": self.text,
                "detail": self.detail}


class HtmlResult(Result):
    """HTML mode's result: the text, every removal and the notes (page type, refusals, rescues).

    A :class:`~declutter.pipeline.Result` (it unpacks as ``text, removals``
    and compares as one) with one more attribute, :attr:`notes`.
    """

    notes: tuple[Note, ...] = ()

    def __new__(cls, text: str, removals: tuple[Removal, ...], notes: tuple[Note, ...] = ()) -> HtmlResult:
        self = super().__new__(cls, text, removals)
        self.notes = notes
        return self

    def __getnewargs__(self) -> tuple[str, tuple[Removal, ...], tuple[Note, ...]]:
        return (self.text, self.removals, self.notes)

    @property
    def page_type(self) -> str:
        """The decided page type (``article`` when no note says otherwise)."""
        for note in self.notes:
            if note.kind is NoteKind.PAGE_TYPE:
                return note.reason.removeprefix("page_type.")
        return "article"
