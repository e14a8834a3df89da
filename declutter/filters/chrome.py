"""chrome: site navigation menus, interface labels and cookie banners.

Whole-page extractors (html-text, inscriptis, a plain ``get_text()``) keep the
site around the article: menus, "Skip to main content", "Close", cookie
notices. A menu shows up as a run of short lines (at most 5 words and 80 characters), several of which are menu
labels from the vocabulary; the run is removed from its first label to its
last, so a short headline right after a menu is not taken with it. A run that
a line of the article announces ("The survey listed:") is a list, not a menu::

    before: Home
            News
            Sports
            About Us
            The council met on Monday to vote on the harbour bus lanes.
    after:  The council met on Monday to vote on the harbour bus lanes.

A line that is only an interface word that is also an ordinary word
("Search", "Next", "Close"; the ``chrome.lone`` vocabulary) is removed only
where chrome stands: at the page's edges, beside clutter already removed, or
among short lines; as a subheading between paragraphs, or as an item of a
list the article announces, it stays (see
:class:`~declutter.filters.base.ChromeEvidence`; the promos filter applies the
same rule to "Share", "Print", "Facebook").

Today's pages add buttons and notices, each a whole short line of the
language's vocabulary: ``chrome.cta`` (a call to action, "Get started today",
or a reader prompt, "Was this helpful?"), ``chrome.shop`` ("Add to cart",
"Ships from: Israel") and ``chrome.forum`` ("Joined: Mar 2016", "Click to
expand..."; a lone "Like" or "Quote" only beside another button). A sentence
with the same words says more and stays::

    before: Add to cart
            When I click "Add to cart" nothing happens.
    after:  When I click "Add to cart" nothing happens.

Reason codes: ``chrome.navigation`` (a line inside a menu run),
``chrome.ui`` (a line that is only interface text, "Close", "Back to top"),
``chrome.cookies`` (a cookie or consent notice), ``chrome.tags`` (a tag list:
"Tags: budget, council, harbour", or a "Tags" label and the list on the line
after it; items are short and nothing ends like a sentence)::

    before: The rest will follow in the autumn.
            Tags
            bus lanes, harbour road, city council
    after:  The rest will follow in the autumn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import declutter.scan as scan  # noqa: PLR0402  (not "from declutter import": the package imports the filters)
from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import resolve_lang
from declutter.filters.base import ChromeEvidence, Selection, narrowing, word_count
from declutter.memo import once_per_text, scoped_table
from declutter.vocab import LazyPattern, alternation, any_of, fragments_for, parse_languages

#: A menu line has at most this many words.
NAV_MAX_WORDS = 5
#: ...and at most this many characters (a cheap test that spares counting words).
NAV_MAX_CHARS = 80
#: A menu has at least this many lines, and this many of them are menu labels.
NAV_MIN_LINES = 3
NAV_MIN_LABELS = 2
#: Menu labels make up at least this share of the lines between the first and last label.
NAV_LABEL_SHARE = 0.4
#: A cookie notice longer than this is prose about cookies.
COOKIE_MAX_WORDS = 80
#: A block of a cookie dialog (a run of consent text with a ``chrome.cookies`` line in it) has at most this many
#: words, and the run holds at most this share of the document's words (a page about cookies keeps its text).
CONSENT_MAX_WORDS = 300
CONSENT_MAX_SHARE = 0.6
#: Lines of other text that may stand between two blocks of one cookie dialog ("Always on", a toggle's name)
#: have at most this many words; at most this many in a row.
CONSENT_GAP_WORDS = 6
CONSENT_GAP_LINES = 2
#: A tag in a tag list has at most this many words.
TAG_MAX_WORDS = 6
#: A tag-list label ("Tags", "Schlagwörter:") lies within a line's first this many characters.
TAG_LABEL_CHARS = 30
_TAG_SPLIT = re.compile(r"[,|•·;]|\s#")
_DECORATION = r"[\s|•·»›>:\-–—*#]*"
_SENTENCE_STOP = re.compile(r"[a-z]{3}[.!?]['\"”’)]*$")
#: What may close a button line: "Get started →", "Add to cart!", "Book a demo »".
_CLOSING = r"[\s.!?…→›»>*|]*+"
#: A call to action has at most this many words ("Book your free discovery call today").
CTA_MAX_WORDS = 12
#: A reader prompt ("Did you make this recipe? Please leave a star rating…") has at most this many words.
PROMPT_MAX_WORDS = 60
#: A promotional banner (a pitch that ends with its button) has at most this many words.
BANNER_MAX_WORDS = 30
#: A shop or forum chrome line has at most this many words (the longest are notices:
#: "This topic was automatically closed after 30 days. New replies are no longer allowed.").
SHOP_MAX_WORDS = 25
FORUM_MAX_WORDS = 40


class Reason(StrEnum):
    NAVIGATION = "chrome.navigation"
    UI = "chrome.ui"
    COOKIES = "chrome.cookies"
    TAGS = "chrome.tags"
    CTA = "chrome.cta"
    SHOP = "chrome.shop"
    FORUM = "chrome.forum"


class Patterns:
    """The compiled chrome patterns of one language set."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        f = fragments_for(languages)
        where = f"chrome vocabulary {','.join(languages)}"
        label = alternation(f["chrome.nav"])
        self.nav = LazyPattern(rf"^{_DECORATION}{label}(?:(?:\s*[|•·/]\s*|\s+){label}){{0,3}}{_DECORATION}$", where)
        self.ui = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.ui'])}{_DECORATION}$", where)
        self.cookies = LazyPattern(rf"^{alternation(f['chrome.cookies'])}$", where)
        #: Calls to action, shop and forum chrome: a whole short line, decoration and a closing mark around it.
        self.cta = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.cta'])}{_CLOSING}$", where)
        self.prompt = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.prompt'])}{_CLOSING}$", where)
        self.banner = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.banner'])}{_CLOSING}$", where)
        self.shop = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.shop'])}{_CLOSING}$", where)
        self.forum = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.forum'])}{_CLOSING}$", where)
        #: Consent-dialog prose ("These technologies help us…"): chrome only inside a cookie dialog.
        self.consent = LazyPattern(rf"^{alternation(f['chrome.consent'])}$", where)
        #: A lone forum button ("Like", "Quote"): chrome only beside another interface line.
        self.forum_button = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.forum_button'])}{_CLOSING}$", where)
        #: A tag-list label, alone ("Tags") or before the list ("Tags: a, b").
        self.tags = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.tags'])}\s*(?:[:：|]\s*|$)", where)
        #: A lone interface word that is also an ordinary word ("Share", "Next"): chrome only with evidence.
        self.lone = LazyPattern(rf"^{_DECORATION}{alternation(f['chrome.lone'])}{_DECORATION}$", where)
        #: Either line pattern: one cheap test before the detailed ones (both are ^-anchored).
        self.any = any_of((self.ui, self.cookies, self.cta, self.prompt, self.banner, self.shop, self.forum),
                          where)

    def line_reason(self, text: str) -> Reason | None:
        """:func:`line_reason` with these patterns (a pure function of ``text``, for the run's memo)."""
        return line_reason(text, self)


@lru_cache(maxsize=32)
def patterns_for(lang: str) -> Patterns:
    """Compiled patterns for a ``Config.lang`` value (built once per value)."""
    return Patterns(parse_languages(lang))


#: The line patterns of :func:`line_reason`, each a gate of the first pass, with the lone forum button and the
#: tag label (attribute names of :class:`Patterns`).
_LINE_GATES = ("ui", "cookies", "cta", "prompt", "banner", "shop", "forum")


def _gates(lang: str) -> tuple[scan.Gate, ...]:
    """The patterns tested on every line, for the first pass (:mod:`declutter.scan`)."""
    pats = patterns_for(lang)
    return tuple(scan.Gate(f"chrome.{name}", getattr(pats, name).pattern, True)
                 for name in (*_LINE_GATES, "forum_button", "tags", "consent", "nav"))


scan.register("chrome", _gates)
_TEXT = attrgetter("text")


class _Bits(NamedTuple):
    line: int
    button: int
    tags: int
    consent: int
    nav: int


@lru_cache(maxsize=32)
def _gate_bits(lang: str) -> _Bits:
    """The bits of the line gates, the lone forum button and the tag label in the first pass's masks."""
    return _Bits(scan.bits(lang, *(f"chrome.{name}" for name in _LINE_GATES)), scan.bits(lang, "chrome.forum_button"),
                 scan.bits(lang, "chrome.tags"), scan.bits(lang, "chrome.consent", "chrome.cookies"),
                 scan.bits(lang, "chrome.nav"))


_narrowed = narrowing("chrome", patterns_for, _LINE_GATES)


def chrome(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select menu runs, interface lines, buttons and cookie notices.

    A tag list wins over a menu, a menu over a single line's reason. Only
    the lines the first pass (:mod:`declutter.scan`) lets through are tested
    for interface, button and cookie text; without it, every line is.
    """
    lang = resolve_lang(config.lang, blocks)
    pats = patterns_for(lang)
    texts = list(map(str.strip, map(_TEXT, blocks)))
    may = scan.masks(lang, blocks)
    bits = _gate_bits(lang)
    menu = _menu_positions(texts, pats, may, bits.nav)
    tags = _tag_positions(texts, pats, scan.positions(may, bits.tags, len(texts)))
    evidence = ChromeEvidence(blocks, config.edge_blocks, texts)
    reasons: list[Reason | None] = [None] * len(texts)
    lines = scan.positions(may, bits.line, len(texts))
    for position in lines:
        view = pats if may is None else _narrowed(lang, may[position] & bits.line)
        reasons[position] = once_per_text(view.line_reason, texts[position])
    with_reason = {position for position in lines if reasons[position] is not None}
    buttons = _button_positions(texts, reasons, menu | with_reason, pats,
                                scan.positions(may, bits.button, len(texts)))
    anchors = sorted(position for position in with_reason if reasons[position] is Reason.COOKIES)
    if anchors:
        for position in _dialog_positions(texts, reasons, pats, anchors,
                                          scan.positions(may, bits.consent, len(texts))):
            reasons[position] = Reason.COOKIES
            with_reason.add(position)
    for position in sorted(tags | menu | buttons | with_reason):
        block = blocks[position]
        if position in tags:
            yield Selection(block, Reason.TAGS)
            continue
        reason = Reason.NAVIGATION if position in menu else reasons[position]
        if reason is Reason.UI and pats.lone.match(texts[position]) and not evidence(position):
            continue  # "Search" or "Next" between paragraphs: a subheading, not a button
        if reason is None and position in buttons:
            reason = Reason.FORUM
        if reason is not None:
            yield Selection(block, reason)


def line_reason(text: str, pats: Patterns) -> Reason | None:
    """The reason a single line is chrome, or None.

    >>> line_reason("Skip to main content", patterns_for("en"))
    <Reason.UI: 'chrome.ui'>
    >>> line_reason("Search teams worked through the night.", patterns_for("en")) is None
    True
    """
    if not pats.any.match(text):
        return None
    if pats.ui.match(text):
        return Reason.UI
    words = word_count(text)
    if words <= COOKIE_MAX_WORDS and pats.cookies.match(text):
        return Reason.COOKIES
    buttons = ((Reason.CTA, pats.cta, CTA_MAX_WORDS), (Reason.CTA, pats.prompt, PROMPT_MAX_WORDS),
               (Reason.CTA, pats.banner, BANNER_MAX_WORDS),
               (Reason.SHOP, pats.shop, SHOP_MAX_WORDS), (Reason.FORUM, pats.forum, FORUM_MAX_WORDS))
    for reason, pattern, most in buttons:
        if words <= most and pattern.match(text):
            return reason
    return None


def _dialog_positions(texts: list[str], reasons: list[Reason | None], pats: Patterns, anchors: list[int],
                      looked: Sequence[int]) -> list[int]:
    """The blocks of cookie dialogs that no single-line rule took: consent prose beside a cookie notice.

    A dialog is a run of consent blocks (``chrome.consent`` or a long
    ``chrome.cookies`` line, at most :data:`CONSENT_MAX_WORDS` words) with at
    least one line :func:`line_reason` calls a cookie notice; up to
    :data:`CONSENT_GAP_LINES` short lines (a toggle's name) may stand between
    two of its blocks and are kept. A run that holds over
    :data:`CONSENT_MAX_SHARE` of the document's words is the page's own
    text (a cookie policy) and stays. Runs are grown from the notices
    (``anchors``, in order), so a page without one costs nothing; only
    positions ``looked`` are tested.
    """
    member = _DialogMembers(texts, reasons, pats, looked)
    found: list[int] = []
    seen: set[int] = set()
    total = 0
    for anchor in anchors:
        if anchor in seen:
            continue
        run = member.run_from(anchor)
        seen.update(run)
        taken = [position for position in run if reasons[position] is None]
        if not taken:
            continue
        total = total or sum(map(word_count, texts)) or 1
        if sum(word_count(texts[position]) for position in run) <= CONSENT_MAX_SHARE * total:
            found.extend(taken)
    return found


class _DialogMembers:
    """Which blocks belong to a cookie dialog (:func:`_dialog_positions`), each asked once."""

    def __init__(self, texts: list[str], reasons: list[Reason | None], pats: Patterns, looked: Sequence[int]) -> None:
        self.texts, self.reasons, self.pats = texts, reasons, pats
        self.looked = looked if isinstance(looked, range) else set(looked)
        self.known: dict[int, bool] = {}

    def __call__(self, position: int) -> bool:
        answer = self.known.get(position)
        if answer is None:
            reason = self.reasons[position]
            answer = reason is Reason.COOKIES or (reason is None and position in self.looked
                                                  and _is_consent(self.texts[position], self.pats))
            self.known[position] = answer
        return answer

    def run_from(self, anchor: int) -> list[int]:
        """The run holding ``anchor``: members reached step by step, over at most CONSENT_GAP_LINES short lines."""
        run = [anchor]
        for step in (-1, 1):
            position = anchor
            while (position := self._next(position, step)) >= 0:
                run.append(position)
        return sorted(run)

    def _next(self, position: int, step: int) -> int:
        """The next member ``step`` away past short lines, or -1."""
        for _ in range(CONSENT_GAP_LINES + 1):
            position += step
            if not 0 <= position < len(self.texts):
                return -1
            if self(position):
                return position
            if word_count(self.texts[position]) > CONSENT_GAP_WORDS:
                return -1
        return -1


def _is_consent(text: str, pats: Patterns) -> bool:
    if word_count(text) > CONSENT_MAX_WORDS:
        return False
    return bool(pats.consent.match(text) or pats.cookies.match(text))


#: A lone forum button ("Like", "Quote") is at most this long.
BUTTON_MAX_CHARS = 30


def _button_positions(texts: list[str], reasons: list[Reason | None], chrome_lines: set[int], pats: Patterns,
                      looked: Iterable[int]) -> set[int]:
    """Lone forum buttons ("Like", "Quote", "Report") that stand next to another button or chrome line.

    Alone, such a word may be a reply or a heading; beside "Reply" or
    another button it is the row of buttons under a post. Only positions
    ``looked`` are tested (those the first pass lets through); ``chrome_lines``
    are the menu lines and those with a reason.
    """
    found = {position for position in looked if len(texts[position]) <= BUTTON_MAX_CHARS
             and reasons[position] is None and pats.forum_button.match(texts[position])}
    if not found:
        return found
    chrome_lines = found | chrome_lines
    return {position for position in found if position - 1 in chrome_lines or position + 1 in chrome_lines}


def _tag_positions(texts: list[str], pats: Patterns, looked: Iterable[int]) -> set[int]:
    """Positions of tag lists: "Tags: a, b", or a lone "Tags" label and the list after it.

    Only labels at positions ``looked`` count (those the first pass lets through).
    """
    found: set[int] = set()
    for position in looked:
        text = texts[position]
        # A label stands alone or before a colon or bar: skip prose cheaply.
        if len(text) > TAG_LABEL_CHARS and ":" not in text[:TAG_LABEL_CHARS] and "|" not in text[:TAG_LABEL_CHARS]:
            continue
        label = pats.tags.match(text)
        if label is None:
            continue
        rest = text[label.end():]
        if rest and _tag_list(rest, 1):
            found.add(position)
        elif not rest and position + 1 < len(texts) and _tag_list(texts[position + 1], 2):
            found.update((position, position + 1))
    return found


def _tag_list(text: str, least: int) -> bool:
    """At least ``least`` short items between commas, bars or bullets, and no sentence.

    >>> _tag_list("bus lanes, harbour road, city council", 2), _tag_list("The vote is on Monday, she said.", 2)
    (True, False)
    """
    if text.endswith((".", "?", "!", ":")):
        return False
    items = [item for item in _TAG_SPLIT.split(text) if item.strip()]
    return len(items) >= least and all(word_count(item) <= TAG_MAX_WORDS for item in items)


def _menu_positions(texts: list[str], pats: Patterns, may: list[int] | None = None, nav: int = 0) -> set[int]:
    """Positions inside menu runs (from a run's first label to its last).

    A run of menu lines lies within a run of at least NAV_MIN_LINES lines of
    at most NAV_MAX_CHARS characters, which one search over their lengths
    finds; only their lines are looked at more closely (and of them, where the first pass's masks ``may``
    are given, only those with the label gate's bit ``nav`` are matched against the labels).
    """
    found: set[int] = set()
    for start, end in _runs(_menu_flags(texts)):
        found.update(_menu_span(texts, start, end, pats, None if may is None else (may[start:end], nav)))
    return found


def _menu_flags(texts: list[str]) -> bytes:
    """Per text, 1 where it may be a menu line (:func:`_menu_line`), else 0: in C where the compiled
    helpers were built, else only the runs of short lines are looked at in Python (same runs)."""
    compiled = scan.speedups()
    if compiled is not None:
        flags: bytes = compiled.menu_flags(texts, NAV_MAX_CHARS, NAV_MAX_WORDS)
        return flags
    return _menu_flags_python(texts)


def _menu_flags_python(texts: list[str]) -> bytes:
    """:func:`_menu_flags` in Python: a menu line is short, so runs of them lie within runs of short lines."""
    flags = bytearray(len(texts))
    for first, last in _runs(bytes(map(NAV_MAX_CHARS.__ge__, map(len, texts)))):
        flags[first:last] = bytes(map(_menu_line, texts[first:last]))
    return bytes(flags)


_RUN = re.compile(f"\x01{{{NAV_MIN_LINES},}}")


def _runs(flags: bytes) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of at least NAV_MIN_LINES true flags (bytes 1).

    >>> list(_runs(bytes([1, 1, 1, 0, 1, 1])))
    [(0, 3)]
    """
    for run in _RUN.finditer(flags.decode("latin-1")):
        yield run.span()


def _introduced_list(texts: list[str], start: int) -> bool:
    """The run follows a sentence that announces it ("The survey listed:"): a list of the article.

    Menus stand on their own; a line of the article that ends with a colon
    right before the run (or as its first line) introduces a list, such as
    the apps a survey names, which a reader needs.
    """
    for position in (start - 1, start):
        if 0 <= position < len(texts) and texts[position].endswith(":") and word_count(texts[position]) >= 3:
            return True
    return False


def _menu_line(text: str) -> bool:
    return len(text) <= NAV_MAX_CHARS and word_count(text) <= NAV_MAX_WORDS and _SENTENCE_STOP.search(text) is None


def _menu_labels(texts: list[str], pats: Patterns, masks: tuple[list[int], int] | None = None) -> list[bool | None]:
    """Whether each text is a menu label (``pats.nav`` matches it). A text whose first-pass mask (``masks``:
    the texts' masks and the label gate's bit) lacks the bit is none without a test. Inside a document
    scope each text is matched once (a page of menus has tens of thousands of such lines, many alike, and
    the fixpoint asks again after each removal); the label pattern is some 2 µs a line."""
    match = pats.nav.compiled().match  # bound once
    may = [True] * len(texts) if masks is None else [bool(mask & masks[1]) for mask in masks[0]]
    known = scoped_table(pats.nav)
    if known is None:
        return [gated and match(text) is not None for text, gated in zip(texts, may, strict=True)]
    labels: list[bool | None] = list(map(known.get, texts))
    for offset, label in enumerate(labels):
        if label is None:
            labels[offset] = known[texts[offset]] = may[offset] and match(texts[offset]) is not None
    return labels


def _menu_span(texts: list[str], start: int, end: int, pats: Patterns,
               masks: tuple[list[int], int] | None = None) -> range:
    if end - start < NAV_MIN_LINES or _introduced_list(texts, start):
        return range(0)
    labels = [start + offset for offset, label in enumerate(_menu_labels(texts[start:end], pats, masks)) if label]
    if len(labels) < NAV_MIN_LABELS:
        return range(0)
    span = range(labels[0], labels[-1] + 1)
    if len(span) < NAV_MIN_LINES or len(labels) < NAV_LABEL_SHARE * len(span):
        return range(0)
    return span
