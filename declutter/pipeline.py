"""The pipeline: runs filters in order and is the only code that removes blocks.

Each filter sees the blocks that are still in the document and selects some;
the pipeline drops them at once and records a :class:`Removal` for each. The
whole sequence runs again until a pass removes nothing, so that cleaning is
idempotent by construction: ``clean(clean(x)) == clean(x)`` (a byline that
becomes the last block only once the promo section after it is gone is
caught on the second pass, not on a second call).

    >>> result = Pipeline().explain("Body text.\\n\\nRelated: Other story\\n")
    >>> result.text
    'Body text.\\n'
    >>> [(r.filter, r.reason, r.index) for r in result.removals]
    [('promos', 'promo.inline', 1)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple, TypeAlias

from declutter.blocks import Block, Document, split_text
from declutter.config import Config
from declutter.detect import detect_languages, sample_text, widen
from declutter.errors import ConfigError
from declutter.filters import CONTEXT_FREE, FILTERS, SETTLED, FilterFunc, Selection
from declutter.filters.patterns import compile_user_patterns
from declutter.memo import document_scope
from declutter.vocab import is_auto


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed block: which filter, why, where, and its exact text.

    ``index`` is the block's position in the input (0-based), ``line`` its
    1-based line in text input (0 in HTML mode), ``detail`` a human note
    such as which block holds the kept copy.
    """

    filter: str
    reason: str
    index: int
    text: str
    line: int = 0
    detail: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the ``--explain`` record)."""
        return {"filter": self.filter, "reason": self.reason, "index": self.index, "text": self.text,
                "line": self.line, "detail": self.detail}


class Result(NamedTuple):
    """The cleaned text and every removal, in document order.

    Unpacks like ftfy's result: ``text, removals = clean_and_explain(raw)``.
    """

    text: str
    removals: tuple[Removal, ...]


Step: TypeAlias = str | FilterFunc


@dataclass(frozen=True)
class Pipeline:
    """An ordered tuple of named filters and the config they read.

    ``filters`` takes names of built-in filters or any callable with the
    filter signature ``(blocks, config) -> Iterable[Selection]``; ``None``
    means ``config.filters``. A callable is named by its ``filter_name``
    attribute, else its ``__name__``.
    """

    filters: Sequence[Step] | None = None
    config: Config = field(default_factory=Config)
    steps: tuple[tuple[str, FilterFunc], ...] = field(init=False, repr=False)
    #: Per step: (context-free, settled); see :class:`_RunState` and :data:`~declutter.filters.SETTLED`.
    kinds: tuple[tuple[bool, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        chosen = self.config.filters if self.filters is None else tuple(self.filters)
        steps = [resolve(step) for step in chosen]
        if self.config.remove_patterns and all(name != "patterns" for name, _ in steps):
            steps.append(("patterns", FILTERS["patterns"]))
        if self.config.site_model is not None and all(name != "site" for name, _ in steps):
            steps.insert(0, ("site", FILTERS["site"]))
        object.__setattr__(self, "steps", tuple(steps))
        object.__setattr__(self, "kinds", tuple((_is_context_free(func), _is_settled(func)) for _, func in steps))
        compile_user_patterns(self.config.protect_patterns, "protect")
        compile_user_patterns(self.config.remove_patterns, "remove")

    def clean(self, text: str) -> str:
        """The text with clutter removed (the removals are not kept)."""
        doc = split_text(text)
        state = self._settle(doc)
        if not state.gone:
            return text  # every block kept: rendering them gives back the input, byte for byte
        return doc.render_sorted([block.index for block in state.alive])

    def explain(self, text: str) -> Result:
        """The cleaned text and the list of removals."""
        return self.run(split_text(text))

    def run(self, doc: Document) -> Result:
        """Clean a document already split into blocks (text or HTML); see :meth:`_settle`."""
        state = self._settle(doc)
        return Result(doc.render_sorted([block.index for block in state.alive]), state.sorted_removals())

    def _settle(self, doc: Document) -> _RunState:
        """Run the filters on ``doc`` to their fixpoint.

        With ``lang="auto"`` the language is detected once, the filters run
        to their fixpoint with it, and if the blocks left then show a language
        not yet in use, it is added and the filters run again. The languages
        only grow, so the output is also a fixpoint for the languages its own
        text shows, which keeps cleaning idempotent.
        """
        state = _RunState(doc, _protected(doc.blocks, self.config) | doc.protected)
        with document_scope():  # text measures are computed once per run, not per filter and pass
            if not is_auto(self.config.lang):
                self._fixpoint(state, self.config)
            else:
                sample = sample_text(state.alive)
                config = with_lang(self.config, ",".join(detect_languages(sample)))
                while True:
                    self._fixpoint(state, config)
                    if not state.version:
                        break  # nothing removed: the sample is the same
                    sample, before = sample_text(state.alive), sample
                    wider = config.lang if sample == before else widen(config.lang, sample)
                    if wider == config.lang:
                        break
                    config = with_lang(config, wider)
        return state

    def _fixpoint(self, state: _RunState, config: Config) -> None:
        """Run the steps until a pass removes nothing, skipping runs that cannot select anything new."""
        last_run = [-1] * len(self.steps)
        changed = True
        while changed:
            changed = False
            for step, ((name, func), (context_free, settled)) in enumerate(zip(self.steps, self.kinds, strict=True)):
                if last_run[step] == state.version or (context_free and last_run[step] >= 0):
                    continue  # it would select nothing new: see _RunState
                last_run[step] = state.version
                if state.apply(name, func(state.alive, config)):
                    changed = True
                    if settled and not state.spared:
                        last_run[step] = state.version  # its own removals give it nothing new


class _RunState:
    """The live blocks of one run, and the removals so far.

    The fixpoint loop stops when a whole pass of the filters removes nothing,
    which makes cleaning idempotent. ``version`` counts the removals applied:
    a filter that last ran at the current version would see the very blocks
    it saw then and select nothing new (filters are deterministic, and what
    it selected then is gone or protected), so the loop skips it; a
    context-free filter (see :data:`~declutter.filters.CONTEXT_FREE`) never
    selects anything new on fewer blocks, so it runs once. Skipping only
    no-op runs leaves the result exactly as if every filter ran every pass.
    """

    def __init__(self, doc: Document, protected: frozenset[int]) -> None:
        self.blocks = doc.blocks
        self.protected = protected
        self.alive = doc.blocks
        self.gone: set[int] = set()
        #: What each apply removed: the filter's name and its selections (Removals are made on demand).
        self.chosen: list[tuple[str, dict[int, Selection]]] = []
        self.version = 0
        #: The last apply left a selected block in place (it was protected).
        self.spared = False

    def apply(self, name: str, selections: Iterable[Selection | tuple[Block, str]]) -> bool:
        """Remove the filter's first selection of each live, unprotected block."""
        chosen: dict[int, Selection] = {}
        self.spared = False
        for item in selections:
            sel = item if isinstance(item, Selection) else Selection(*item)
            index = sel.block.index
            if not self._is_live(sel.block):
                raise ConfigError(f"filter {name!r} selected a block that is not in the document: {sel.block!r}")
            if index in self.protected:
                self.spared = True
            elif index not in chosen:
                chosen[index] = sel
        if not chosen:
            return False
        self.alive = tuple(b for b in self.alive if b.index not in chosen)
        self.gone.update(chosen)
        self.chosen.append((name, chosen))
        self.version += 1
        return True

    def _is_live(self, block: Block) -> bool:
        index = block.index
        return (isinstance(index, int) and 0 <= index < len(self.blocks) and self.blocks[index] is block
                and index not in self.gone)

    def sorted_removals(self) -> tuple[Removal, ...]:
        removals = [_removal(name, sel) for name, chosen in self.chosen for sel in chosen.values()]
        return tuple(sorted(removals, key=lambda r: r.index))


def _is_context_free(func: FilterFunc) -> bool:
    return func in CONTEXT_FREE or getattr(func, "context_free", False) is True


def _is_settled(func: FilterFunc) -> bool:
    return func in SETTLED or getattr(func, "settled", False) is True


@lru_cache(maxsize=256)
def _cached_with_lang(config: Config, lang: str) -> Config:
    return replace(config, lang=lang)


def with_lang(config: Config, lang: str) -> Config:
    """``replace(config, lang=lang)``, made once per config and language list
    (validating a Config costs more than some filters' whole run on a page)."""
    try:
        return _cached_with_lang(config, lang)
    except TypeError:  # a config that cannot be hashed
        return replace(config, lang=lang)


@lru_cache(maxsize=16)
def _cached_pipeline(config: Config) -> Pipeline:
    return Pipeline(config=config)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline of the default ``Config()``: ``clean(text)`` without a config takes it as it is,
    without making and hashing a new Config per call (a tenth of cleaning a short page)."""
    return pipeline_for(Config())


def pipeline_for(config: Config) -> Pipeline:
    """The default pipeline for ``config``, built once per config value.

    A :class:`Pipeline` is immutable and holds no document data, so sharing
    one between calls keeps cleaning stateless; building it (validating the
    language list, resolving filters, compiling user patterns) costs about a
    fifth of the time of cleaning a typical page. A config that cannot be
    hashed gets a fresh pipeline.
    """
    try:
        return _cached_pipeline(config)
    except TypeError:
        return Pipeline(config=config)


def resolve(step: Step) -> tuple[str, FilterFunc]:
    """Turn a filter name or callable into a ``(name, function)`` pair."""
    if isinstance(step, str):
        if step not in FILTERS:
            raise ConfigError(f"unknown filter {step!r}; available: {', '.join(FILTERS)}")
        return step, FILTERS[step]
    if callable(step):
        return str(getattr(step, "filter_name", None) or getattr(step, "__name__", type(step).__name__)), step
    raise ConfigError(f"a filter must be a name or a callable, not {type(step).__name__}")


def _protected(blocks: Iterable[Block], config: Config) -> frozenset[int]:
    patterns = compile_user_patterns(config.protect_patterns, "protect")
    if not patterns:
        return frozenset()
    return frozenset(b.index for b in blocks if any(p.search(b.text.strip()) for p in patterns))


def _removal(name: str, sel: Selection) -> Removal:
    block = sel.block
    return Removal(name, str(sel.reason), block.index, block.text, block.line, sel.detail)


def replay(text: str, removals: Iterable[Removal]) -> str:
    """Rebuild the output from the input and the removals alone.

    ``replay(x, clean_and_explain(x).removals) == clean(x)``: the explanation
    is complete. Raises :class:`ConfigError` when a removal does not match
    the input's block at that index.
    """
    doc = split_text(text)
    gone = set()
    for removal in removals:
        if not 0 <= removal.index < len(doc.blocks) or doc.blocks[removal.index].text != removal.text:
            raise ConfigError(f"removal at block {removal.index} does not match the input text")
        gone.add(removal.index)
    return doc.render(b.index for b in doc.blocks if b.index not in gone)

