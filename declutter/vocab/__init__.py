r"""Language vocabularies: data files compiled into the patterns filters use.

Each language is one TOML file beside this module (``en.toml``, ``de.toml``…),
with the same sections and keys; every value is a list of regular-expression
fragments (the ``[detect] stopwords`` list holds plain words for
:mod:`declutter.detect`). :func:`load` merges the files of the languages asked
for and each filter module builds its patterns once per language set. Both
are pure functions of the language list, so their results are memoised: the
memo holds compiled data files, never anything derived from documents.

    >>> any(f.startswith("(?i:more from)") for f in fragments_for(("en",))["promos.section"])
    True
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from importlib import resources

from declutter.errors import ConfigError

#: The sections and keys every language file must have.
SCHEMA: dict[str, tuple[str, ...]] = {
    "captions": ("credit_label", "photo_word", "photo_by", "agency", "agency_photo", "file_photo"),
    "bylines": ("by", "name_joiner", "not_name", "role", "bio_verb", "contact", "credits", "timestamp", "copyright",
                "reading_time"),
    "promos": ("section", "line", "inline", "comments", "comment_heading", "comment_stamp", "comment_author",
               "affiliate"),
    "chrome": ("nav", "ui", "cookies", "consent", "tags", "cta", "prompt", "banner", "shop", "forum", "forum_button",
               "lone"),
    "detect": ("stopwords",),
}

Fragments = dict[str, tuple[str, ...]]


#: The ``Config.lang`` value that asks for per-document detection.
AUTO = "auto"


def is_auto(lang: str) -> bool:
    """True when ``lang`` asks for detection (``"auto"``, any case)."""
    return lang == AUTO or (len(lang) >= len(AUTO) and lang.strip().lower() == AUTO)


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """Codes of the languages that ship a vocabulary file, sorted."""
    files = resources.files(__package__).iterdir()
    return tuple(sorted(f.name[:-5] for f in files if f.name.endswith(".toml")))


@lru_cache(maxsize=64)
def parse_languages(lang: str) -> tuple[str, ...]:
    """Turn ``"en, de"`` into ``("de", "en")``, rejecting unknown codes.

    ``"auto"`` is not a language: resolve it first (see :mod:`declutter.detect`).
    """
    if AUTO in (code.strip().lower() for code in lang.split(",")):
        raise ConfigError(f"language {lang!r}: 'auto' must stand alone (it detects the language of each "
                          f"document); otherwise list codes from: {', '.join(available_languages())}")
    codes = tuple(sorted({code.strip().lower() for code in lang.split(",") if code.strip()}))
    known = available_languages()
    unknown = [code for code in codes if code not in known]
    if not codes or unknown:
        bad = ", ".join(unknown) or repr(lang)
        raise ConfigError(f"unknown language {bad}; available: {', '.join(known)}")
    return codes


def load(languages: tuple[str, ...]) -> Fragments:
    """Read and merge the fragment lists of ``languages`` (keys ``section.key``)."""
    merged: dict[str, list[str]] = {f"{s}.{k}": [] for s, keys in SCHEMA.items() for k in keys}
    for code in languages:
        for name, fragments in _read(code).items():
            merged[name].extend(f for f in fragments if f not in merged[name])
    return {name: tuple(fragments) for name, fragments in merged.items()}


def _read(code: str) -> Fragments:
    text = resources.files(__package__).joinpath(f"{code}.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    found: Fragments = {}
    for section, keys in SCHEMA.items():
        for key in keys:
            values = data.get(section, {}).get(key)
            where = f"vocabulary {code}.toml [{section}] {key}"
            if not isinstance(values, list) or not values:
                raise ConfigError(f"{where}: missing or empty list")
            if not all(isinstance(v, str) and v.strip() for v in values):
                raise ConfigError(f"{where}: every entry must be a non-empty string")
            found[f"{section}.{key}"] = tuple(values)
    return found


def _letter_class(categories: tuple[str, ...]) -> str:
    """A character class of the letters of these Unicode categories below U+2000."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x41, 0x2000):
        if unicodedata.category(chr(code)) in categories:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    body = "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in ranges)
    return f"[{body}]"


#: One upper- or title-case letter of any Latin, Greek or Cyrillic alphabet.
UP = _letter_class(("Lu", "Lt"))
#: One lower-case letter of those alphabets.
LOWER = _letter_class(("Ll",))
_NAME_WORD = rf"{UP}[\w'’.\-]*+"
_PARTICLE = r"(?:de|da|das|del|della|di|do|dos|du|van|von|der|den|ten|ter|zu|la|le|bin|ibn|al|el|y|e)"
#: One to five capitalised words (up to two particles between them: "Jan van der Berg").
NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}{_NAME_WORD}){{0,4}}"
#: A look-ahead for the {TWO} placeholder: at least two capitalised words
#: ("Von Peter Müller") or an upper-case agency ("Por EFE"). A short opener
#: that is also a common preposition ("Von", "Por", "Di") needs it, so that
#: "Von Berlin aus" or a lone "Di Maio" is not taken for a byline.
#: Conjunctions are not particles here: "Di Maio e Salvini" is not a byline.
_NAME_PARTICLE = r"(?:de|da|das|del|della|di|do|dos|du|van|von|der|den|ten|ter|zu|la|le)"
TWO = rf"(?=:?[ \t]+(?:{_NAME_WORD}[ \t]+(?:{_NAME_PARTICLE}[ \t]+){{0,2}}{UP}|[A-Z]{{2,}}\b))"


def alternation(fragments: tuple[str, ...]) -> str:
    """Join fragments as ``(?:a|b)``, expanding the {UP}, {NAME} and {TWO} placeholders."""
    expanded = [f.replace("{NAME}", NAME).replace("{UP}", UP).replace("{TWO}", TWO) for f in fragments]
    return "(?:" + "|".join(expanded) + ")"


def compile_pattern(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """Compile ``pattern``, turning a syntax error into a :class:`ConfigError`."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"invalid regular expression in {where}: {exc}") from None


class LazyPattern:
    """A vocabulary pattern compiled on first use.

    Compiling a language set's vocabulary costs more than cleaning a page,
    and most detailed patterns only run on the few lines their filter's
    combined pre-test (:func:`any_of`, compiled at once) let through, so a
    process (a command-line run, each ``--jobs`` worker, each language set
    met) compiles only the ones it needs. Matching is that of the compiled
    pattern::

        >>> lazy = LazyPattern("^By [A-Z][a-z]+", "example")
        >>> bool(lazy.match("By Jane")), lazy.pattern
        (True, '^By [A-Z][a-z]+')
    """

    __slots__ = ("_compiled", "pattern", "where")

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern = pattern
        self.where = where
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (a :class:`ConfigError` if the vocabulary's regex is invalid)."""
        if self._compiled is None:
            self._compiled = compile_pattern(self.pattern, self.where)
        return self._compiled

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        compiled = self._compiled  # read directly: one call less on a path taken for every candidate line
        return (compiled if compiled is not None else self.compiled()).match(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        compiled = self._compiled
        return (compiled if compiled is not None else self.compiled()).search(text, pos)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}…, {self.where!r})"


def any_of(patterns: tuple[re.Pattern[str] | LazyPattern, ...], where: str) -> re.Pattern[str]:
    """One pattern matching where any of ``patterns`` does: a single cheap test
    to run before the detailed ones (for ``^``-anchored patterns)."""
    return compile_pattern("|".join(p.pattern for p in patterns), where)


def max_width(pattern: str) -> int | None:
    r"""The most characters a match of ``pattern`` can span, or None when that
    is unbounded or cannot be known.

    It asks the parser of ``re`` itself (the width ``re`` checks look-behinds
    with); that module is private, so without it the answer is None and
    callers fall back to the unbounded case.

    >>> max_width(r"(?:Photo(?:graph)?s?|Credit)\s?"), max_width(r"\w+")
    (12, None)
    """
    try:
        from re import _parser  # type: ignore[attr-defined]

        width = int(_parser.parse(pattern).getwidth()[1])
    except Exception:  # any failure means: not known
        return None
    return width if width < _UNBOUNDED else None


_UNBOUNDED = 1 << 16


@lru_cache(maxsize=32)
def fragments_for(languages: tuple[str, ...]) -> Fragments:
    """The merged fragments of ``languages``, read once per language set."""
    return load(languages)
