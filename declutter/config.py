"""Typed, frozen configuration shared by every filter.

Change a setting with :func:`dataclasses.replace`::

    >>> from dataclasses import replace
    >>> cfg = replace(Config(), keep_captions=True)
    >>> cfg.keep_captions
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from declutter.errors import ConfigError
from declutter.vocab import is_auto, parse_languages

if TYPE_CHECKING:
    from declutter.sitemodel import SiteModel

#: Default filter order. Chrome (menus, cookie notices) goes first so that the
#: others see the article. Captions, bylines and promos go next because they
#: know *what* a block is; duplicates runs last so that it only compares the
#: blocks that survived (a caption removed as a caption is not reported again
#: as a duplicate, and a duplicate is only dropped while its twin is kept).
DEFAULT_FILTERS: tuple[str, ...] = ("chrome", "captions", "bylines", "promos", "duplicates")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for one cleaning run. All fields have safe defaults.

    Attributes:
        filters: names of the filters to run, in order (see ``list_filters()``).
        lang: vocabulary language(s): ``"auto"`` (the default) detects each
            document's language from its stop words and uses that vocabulary
            plus English (English alone when unsure; see
            :mod:`declutter.detect`); or a code such as ``"de"``, or a
            comma-separated list such as ``"en,de"``. ``"auto"`` is the default
            because English documents resolve to ``"en"`` (so English output is
            the same as with ``lang="en"``) while other languages get their own
            vocabulary without configuration, for tens of microseconds per
            document.
        keep_captions: keep the first copy of each image caption instead of
            removing captions (later copies are still removed as duplicates;
            stand-alone credit lines such as "Photo credit: X" still go).
        duplicate_min_words: a repeated block shorter than this many words is
            kept (a chorus, "Stir well.", "Yes."), unless it is a caption or
            credit, whose repetition is never content.
        duplicate_far_words: a copy that stands apart from its original (not
            next to it, not in a repeated run of blocks) is removed only if it
            has at least this many words and the text occurs exactly twice: a
            repeated lead. A line that recurs three or more times between
            different content (a questionnaire's question) is content, and so
            is a long line that is no sentence and follows the same short
            label both times (a meal plan's "Breakfast" line on two days).
        edge_blocks: how many blocks at the head and tail of a document count
            as its edges, where author bios and contact lines are removed.
        prose_min_words: a promo section ("More from X", "Related") ends where a
            block of at least this many words that ends like a sentence
            appears: article prose has resumed.
        remove_patterns: extra regular expressions; a block whose stripped text
            matches one (``re.search``) is removed by the ``patterns`` filter.
        protect_patterns: regular expressions; a block whose stripped text
            matches one is never removed, whatever a filter says.
        remove_selectors: CSS selectors; in HTML mode an element matching one
            is removed. Text input has no elements: there they match nothing
            (and a run reports them as unmatched rules).
        protect_selectors: CSS selectors; in HTML mode an element matching
            one, and what it contains, is never removed.
        site_model: a learned :class:`~declutter.sitemodel.SiteModel`
            (``declutter fit``); when set, the ``site`` filter runs first and
            removes the blocks the page's site repeats on its pages.
        url: the address of the document being cleaned; the site model and
            per-site rules (:mod:`declutter.rules`) use its domain. Set it per
            document with ``dataclasses.replace``.
    """

    filters: tuple[str, ...] = DEFAULT_FILTERS
    lang: str = "auto"
    keep_captions: bool = False
    duplicate_min_words: int = 10
    duplicate_far_words: int = 25
    edge_blocks: int = 3
    prose_min_words: int = 35
    remove_patterns: tuple[str, ...] = ()
    protect_patterns: tuple[str, ...] = ()
    remove_selectors: tuple[str, ...] = ()
    protect_selectors: tuple[str, ...] = ()
    site_model: SiteModel | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        _check_positive("duplicate_min_words", self.duplicate_min_words)
        _check_positive("duplicate_far_words", self.duplicate_far_words)
        _check_positive("edge_blocks", self.edge_blocks)
        _check_positive("prose_min_words", self.prose_min_words)
        for name in ("filters", "remove_patterns", "protect_patterns", "remove_selectors", "protect_selectors"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, tuple):
                raise ConfigError(f"Config.{name} must be a tuple of strings, got {value!r}")
        if not isinstance(self.lang, str):
            raise ConfigError(f"Config.lang must be a string such as 'auto', 'en' or 'en,de', got {self.lang!r}")
        if not is_auto(self.lang):
            parse_languages(self.lang)
        _check_site(self.site_model, self.url)


def _check_site(site_model: object, url: object) -> None:
    from declutter.sitemodel import SiteModel

    if site_model is not None and not isinstance(site_model, SiteModel):
        raise ConfigError(f"Config.site_model must be a SiteModel (see declutter.sitemodel.load_model), "
                          f"got {type(site_model).__name__}")
    if url is not None and not isinstance(url, str):
        raise ConfigError(f"Config.url must be a string or None, got {url!r}")


def _check_positive(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"Config.{name} must be a positive integer, got {value!r}")
