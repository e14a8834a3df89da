"""The over-removal audit, by content: which removed blocks were real content?

Any benchmark with a ground truth can call :func:`audit` with the texts of the
blocks a run removed, the page's ground-truth text and the run's output. A
removed block counts when its text is *mostly in the ground truth* and the
ground truth holds it more often than the output still does, whatever filter
or reason removed it:

* a block of four words or more: at least half of its 4-word shingles (``\\w+``
  tokens, case-folded) are shingles of the ground truth;
* a shorter block: it is a whole line of the ground truth.

Each counted block is then either **over-removed** or **removed by design**.
By design means the mission removes it although annotators often keep it, and
a block earns that place only through a check on its *text* (never the reason
code a filter gave): a picture credit looks like a credit, a copyright line
like a copyright line, a "Read more:" line like a promo label, and so on (see
:data:`CHECKS`). The checks are written
here, small and apart from the filters' own patterns, so that a filter that
mislabels a paragraph cannot hide it.

    >>> truth = "By Jane Doe\\nThe council voted on Monday to keep the library open.\\nStir well."
    >>> removed = ["By Jane Doe", "The council voted on Monday to keep the library open.", "Stir well."]
    >>> [(e.text[:20], e.design) for e in audit(removed, truth, output="")]
    [('By Jane Doe', 'byline'), ('The council voted on', ''), ('Stir well.', '')]
    >>> summary(audit(removed, truth, output=""))
    (3, 2, 1)

The WCXB ground truth is plain text (its metric is a bag of words); the same
function applies, as its text keeps its lines and word order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

_WORD = re.compile(r"\w+")
_NON_WORD = re.compile(r"[\W_]+")
#: Shingle size of the aeb metric; shorter blocks must match a whole line.
SHINGLE = 4


class Entry(NamedTuple):
    """A removed block whose text the ground truth holds: ``index`` is its position in the
    ``removed`` list given to :func:`audit`; ``design`` names the text check it passed
    ("credit", "copyright"…), or is "" when it is over-removed content."""

    index: int
    text: str
    design: str

    @property
    def over_removed(self) -> bool:
        return not self.design


def key(text: str) -> str:
    """Comparison key: case-folded words, one space apart.

    >>> key("  Yes, SIR!  ")
    'yes sir'
    """
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class Truth:
    """A ground-truth text prepared for the audit's look-ups (build it once per page)."""

    def __init__(self, text: str) -> None:
        self.key = f" {key(text)} "
        self.shingles = _shingles(_WORD.findall(text.casefold()))
        self.lines = Counter(k for k in (key(line) for line in text.splitlines()) if k)

    def holds(self, text: str) -> bool:
        """``text`` is mostly in the ground truth (see the module docstring)."""
        words = _WORD.findall(text.casefold())
        if not words:
            return False
        if len(words) < SHINGLE:
            return self.lines[key(text)] > 0
        mine = _shingles(words)
        return 2 * len(mine & self.shingles) >= len(mine)

    def copies(self, text: str) -> int:
        """How many times the ground truth holds ``text`` (as a line when it is short)."""
        k = key(text)
        if len(k.split()) < SHINGLE:
            return self.lines[k]
        return max(1, self.key.count(f" {k} "))


def _copies_in(output: str, text: str) -> int:
    k = key(text)
    if not k:
        return 0
    if len(k.split()) < SHINGLE:
        return sum(1 for line in output.splitlines() if key(line) == k)
    return f" {key(output)} ".count(f" {k} ")


# ------------------------------------------------------------------ text checks
# Each takes a removed block's stripped text and says whether it *is* that kind
# of clutter. They are deliberately plain and written apart from the filters.

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_CREDIT_WORD = re.compile(r"(?i)\b(?:photo(?:graph)?s?|pictures?|images?|credits?|illustrations?|foto)\b"
                          r"\s*(?:by\b|:|/)")
_AGENCY = re.compile(r"(?i)(?:/|\bvia\b|\(|^)\s*(?:getty images|ap photo|ap|afp|reuters|epa(?:-efe)?|shutterstock|"
                     r"alamy|associated press|bloomberg|pa wire|xinhua|anadolu|sipa|zuma|unsplash|pexels|istock)\b")
_FILE_PHOTO = re.compile(r"(?i)^file\s*[-–—]+.*\bfile (?:photo|image|picture)\b")
_COPYRIGHT = re.compile(r"(?i)©|\bcopyright\b|\ball rights reserved\b|^\(c\)")
_BYLINE = re.compile(r"^(?i:by|written by|words by|story by|text by|von|par|por|di|door|autor(?:in)?:)\s+"
                     r"(?:[A-ZÀ-Þ@]|[a-z]+ [A-Z])")
_HANDLE = re.compile(r"(?:^|\s)@\w{2,}|[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{7,}\d|https?://|www\.")
_NETWORK = re.compile(r"(?i)\b(?:twitter|facebook|instagram|linkedin|e-?mail|phone|tel|bluesky|mastodon|threads)\b")
_WIRE = re.compile(r"(?i)\b(?:reporting|editing|writing|additional reporting|compiled|edited|research)\s+by\b|"
                   r"\bcontributed (?:reporting|to this)|^\W*with (?:[\w.]+ )?(?:wires?|wire services|agencies)\W*$")
_PROMO_LABEL = re.compile(r"(?i)^\W*(?:related(?: stories| articles| posts| reading| content)?|read (?:more|also|next)|"
                          r"also read|see also|more on this|recommended(?: reading)?|don'?t miss|must read|"
                          r"leggi anche|lire aussi|à lire aussi|lesen sie auch|mehr zum thema|lee también|"
                          r"leia também|lees ook|czytaj (?:też|także|również))\b\s*(?:[:|»›>–-]\s*\S.*|\W*)$")
_READING = re.compile(r"(?i)\b\d{1,3}\s*min(?:ute)?s?\.?\s*(?:read|reading)\b|\breading time\b|\blisten to this\b")
_DATE_BITS = re.compile(rf"(?i)\b(?:\d{{1,4}}(?:st|nd|rd|th)?|{_MONTH}|(?:mon|tues?|wed|thu(?:rs)?|fri|sat|sun)"
                        r"[a-z]*\.?|a\.?m\.?|p\.?m\.?|at|on|updated|published|posted|modified|last|first|date|"
                        r"utc|gmt|[ecmp][sd]?t|t\d\d)\b|[\d:.,/|+()–-]+")
_HAS_DATE = re.compile(rf"(?i)\b\d{{1,2}}:\d\d\b|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}|\b\d{{4}}-\d\d-\d\d\b")
_CALL_TO_ACTION = re.compile(r"(?i)^\W*(?:buy now|shop now|order now|add to (?:cart|bag|basket)|sign up|"
                             r"subscribe(?: now)?|get started|learn more|start (?:a|your) free trial|"
                             r"try (?:it )?for free|"
                             r"book (?:a demo|now)|download now|contact us)\W*$")
_AFFILIATE = re.compile(r"(?i)\b(?:may|might|could) (?:earn|receive|get) (?:an? )?(?:small )?(?:affiliate )?"
                        r"(?:commission|share of (?:the )?sales|compensation)|\baffiliate (?:links?|disclosure)\b|"
                        r"\badvertiser disclosure\b")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def is_credit(text: str) -> bool:
    """A picture caption that carries a credit, or a credit line.

    >>> is_credit("Workers repair a road in Miami. (AP Photo/Evan Vucci)"), is_credit("Photo: Jane Roe")
    (True, True)
    >>> is_credit("Add the milk (or 1 tsp. nut butter and 8 oz. water)")
    False
    """
    tail = text[-120:]
    return bool(_CREDIT_WORD.search(tail) or _AGENCY.search(tail) or _FILE_PHOTO.search(text))


def is_copyright(text: str) -> bool:
    """A copyright or rights notice of at most 40 words.

    >>> is_copyright("Copyright 2019 The Gazette. All rights reserved."), is_copyright("The law on copyright changed.")
    (True, False)
    """
    return _words(text) <= 40 and bool(_COPYRIGHT.search(text)) and not text.lower().startswith("the ")


def is_byline(text: str) -> bool:
    """'By Jane Doe', short, not a sentence.

    >>> is_byline("By Jane Doe, Staff Writer"), is_byline("By Monday, the talks had failed.")
    (True, False)
    """
    return _words(text) <= 15 and bool(_BYLINE.match(text)) and not re.search(r"[a-z]{3}[.!?]$", text)


def is_contact(text: str) -> bool:
    """A short line with a handle, address, number or link, or that names a network to follow.

    >>> is_contact("Twitter: @janedoe"), is_contact("Follow Jane Doe on Twitter"), is_contact("She left.")
    (True, True, False)
    """
    if _words(text) > 30:
        return False
    return bool(_HANDLE.search(text) or (_NETWORK.search(text) and re.search(r"(?i)\bfollow\b|:", text)))


def is_wire_credit(text: str) -> bool:
    """'(Reporting by X; Editing by Y)', 'X contributed reporting.'

    >>> is_wire_credit("(Reporting by Jane Doe; Editing by John Roe)")
    True
    """
    return _words(text) <= 60 and bool(_WIRE.search(text))


def is_promo_label(text: str) -> bool:
    """A "Read more" label, alone or before a linked headline, in one of the eight languages.

    >>> is_promo_label("Also Read: Ten things to know"), is_promo_label("Leggi anche")
    (True, True)
    >>> is_promo_label("Read more about the vote in our report, which came out on Monday.")
    False
    """
    return _words(text) <= 25 and bool(_PROMO_LABEL.match(text))


def is_reading_time(text: str) -> bool:
    """'5 min read'.

    >>> is_reading_time("5 min read"), is_reading_time("She waited five minutes to read it.")
    (True, False)
    """
    return _words(text) <= 8 and bool(_READING.search(text))


def is_timestamp(text: str) -> bool:
    """A short line that is a date or time and little else.

    >>> is_timestamp("Updated at 1:23 p.m. ET, March 3, 2020"), is_timestamp("On March 3 the vote failed.")
    (True, False)
    """
    if _words(text) > 14 or not _HAS_DATE.search(text):
        return False
    return _words(_DATE_BITS.sub(" ", text)) <= 1


def is_call_to_action(text: str) -> bool:
    """A button's words and nothing else: 'Buy Now', 'Sign up', 'Add to cart'.

    >>> is_call_to_action("Buy Now"), is_call_to_action("Buy now, she said, before prices rise.")
    (True, False)
    """
    return _words(text) <= 5 and bool(_CALL_TO_ACTION.match(text))


def is_affiliate_disclosure(text: str) -> bool:
    """A short note that the site earns from links on the page.

    >>> is_affiliate_disclosure("Disclosure: ZDNet may earn a commission from some of the products featured here.")
    True
    >>> is_affiliate_disclosure("The agency may earn more from the sale of the land.")
    False
    """
    return _words(text) <= 60 and bool(_AFFILIATE.search(text))


def copy_kept(text: str, output: str) -> bool:
    """A longer block of the output still holds the text: a pull quote or a caption repeated inside a
    paragraph lost no words. (A block printed again on its own, as a meal plan's line is on two days,
    is not by design: the ground truth holding it twice says both are content.)

    >>> copy_kept("The vote was close.", "Intro. The vote was close. More.")
    True
    >>> copy_kept("The vote was close.", "Intro.\\nThe vote was close.\\nMore.")
    False
    """
    k = key(text)
    if not k or f" {k} " not in f" {key(output)} ":
        return False
    return any(k in line and k != line for line in (key(line) for line in output.splitlines()))


#: The text checks, in the order they are tried; the first that holds names the entry.
CHECKS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("credit", is_credit), ("copyright", is_copyright), ("byline", is_byline), ("contact", is_contact),
    ("wire credit", is_wire_credit), ("reading time", is_reading_time), ("timestamp", is_timestamp),
    ("promo label", is_promo_label), ("call to action", is_call_to_action),
    ("affiliate disclosure", is_affiliate_disclosure),
)


def design(text: str, output: str = "") -> str:
    """The name of the text check ``text`` passes ("" when none does: over-removed)."""
    stripped = text.strip()
    for name, check in CHECKS:
        if check(stripped):
            return name
    return "copy kept" if copy_kept(stripped, output) else ""


def audit(removed: Sequence[str], truth: str | Truth, output: str = "") -> list[Entry]:
    """The removed texts that are real content by the ground truth, in order, each with its by-design check.

    ``removed`` are the removed blocks' texts, ``truth`` the ground-truth text
    (or a prepared :class:`Truth`), ``output`` what the run kept. When the
    ground truth holds a text N times and the output M times, at most N - M of
    its removed copies count.
    """
    prepared = truth if isinstance(truth, Truth) else Truth(truth)
    budget: dict[str, int] = {}
    entries = []
    for index, text in enumerate(removed):
        if not prepared.holds(text):
            continue
        k = key(text)
        if k not in budget:
            budget[k] = prepared.copies(text) - _copies_in(output, text)
        if budget[k] <= 0:
            continue
        budget[k] -= 1
        entries.append(Entry(index, text, design(text, output)))
    return entries


def summary(entries: Sequence[Entry]) -> tuple[int, int, int]:
    """(ground-truth blocks removed, over-removed, removed by design)."""
    over = sum(e.over_removed for e in entries)
    return len(entries), over, len(entries) - over
