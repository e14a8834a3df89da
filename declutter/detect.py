"""detect: which vocabularies a document needs, from its short function words.

With ``Config.lang = "auto"`` the pipeline looks at the start of each
document (the first :data:`SAMPLE_CHARS` characters of its sentence-like
blocks) and counts the words found in each language's ``[detect] stopwords``
list. A word several languages list ("de", "in", "la") counts for each of
them in part, so the distinctive words decide. The result always includes
English, because English chrome ("Share", "Advertisement") turns up on pages
in every language; when the counts are too low or too close to call, the
result is English alone::

    before: "Von Anfang an war klar, dass die Stadt den Haushalt nicht mehr ..."
    after:  ("de", "en")

It is a pure function of the text: no model, no download, no randomness, no
state kept between documents. It costs tens of microseconds per document
(``python bench/lang_detect.py`` prints the figure).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from math import lcm
from types import ModuleType

from declutter.blocks import Block
from declutter.scan import speedups
from declutter.vocab import available_languages, fragments_for, is_auto, parse_languages

#: How much of a document is read to guess its language.
SAMPLE_CHARS = 2000
#: A guess needs at least this many (weighted) stop-word hits...
MIN_SCORE = 4.0
#: ...and hits on at least this share of the sample's words.
MIN_SHARE = 0.1
#: Another language is added when it scores at least this share of the best
#: (a mixed document, or two close languages such as Spanish and Portuguese).
ALSO_SHARE = 0.5
#: The language every result includes, and the answer when unsure.
FALLBACK = "en"
#: A block with fewer spaces than this is a label or a name, not a sentence.
_SENTENCE_SPACES = 4


@lru_cache(maxsize=1)
def _scale() -> int:
    """Weights are whole multiples of ``1 / _scale()``: a word listed by k
    languages weighs ``_scale() // k`` in each, so sums are exact integers and
    do not depend on the order they are added in (float sums taken in hash
    order could differ between processes right at a threshold)."""
    return lcm(*range(1, len(available_languages()) + 1))


@lru_cache(maxsize=1)
def _weights() -> dict[str, tuple[tuple[str, int], ...]]:
    """Each stop word, with the languages that list it and its weight in each."""
    owners: dict[str, list[str]] = {}
    for code in available_languages():
        for word in fragments_for((code,))["detect.stopwords"]:
            codes = owners.setdefault(word.strip().lower(), [])
            if code not in codes:
                codes.append(code)
    scale = _scale()
    return {word: tuple((code, scale // len(codes)) for code in codes) for word, codes in owners.items()}


def scores(text: str) -> dict[str, float]:
    """Weighted stop-word hits per language in ``text`` (all of it).

    Words are split on white space only (a regular-expression tokenizer costs
    five times more); a stop word glued to punctuation ("dass,") is missed,
    which the other words of a paragraph make up for.

    >>> scores("the cat and the dog")["en"]
    3.0
    """
    scale = _scale()
    return {code: total / scale for code, total in _totals(text)[0].items()}


#: Bits of each language's field in a packed weight (see :func:`_packed`).
_FIELD_BITS = 40


@lru_cache(maxsize=1)
def _packed() -> dict[str, int]:
    """Each stop word's weights in all languages as one integer, a field of
    :data:`_FIELD_BITS` bits per language (in :func:`available_languages`
    order): the sum of a text's packed weights holds every language's total
    at once, summed in C. A field cannot overflow into the next: a total is
    at most ``_scale()`` per word, far below ``2 ** _FIELD_BITS``."""
    shift = {code: _FIELD_BITS * number for number, code in enumerate(available_languages())}
    return {word: sum(weight << shift[code] for code, weight in owners) for word, owners in _weights().items()}


def _scores(words: list[str]) -> dict[str, int]:
    """Weighted hits per language, in units of ``1 / _scale()``."""
    packed = _packed()
    total = sum(map(packed.__getitem__, filter(packed.__contains__, words)))
    mask = (1 << _FIELD_BITS) - 1
    return {code: (total >> (_FIELD_BITS * number)) & mask for number, code in enumerate(available_languages())}


def _totals(text: str) -> tuple[dict[str, int], int]:
    """The weighted hits per language among the words of ``text.lower().split()``, and how many words
    there are: counted in C where the compiled helpers are built (:mod:`declutter._speedups`; the same
    numbers, some five times faster), else by :func:`_scores`."""
    compiled = speedups()
    if compiled is not None:
        totals, count = compiled.word_totals(text, _stopword_table(compiled))
        return dict(zip(available_languages(), totals, strict=True)), count
    words = text.lower().split()
    return _scores(words), len(words)


@lru_cache(maxsize=1)
def _stopword_table(compiled: ModuleType) -> object:
    """The stop words and their weight in each language, as the compiled helper's table."""
    codes = available_languages()
    words = list(_weights())
    weights = [tuple(dict(_weights()[word]).get(code, 0) for code in codes) for word in words]
    return compiled.make_stopwords(words, weights)


def detect_languages(text: str) -> tuple[str, ...]:
    """The vocabularies ``text`` needs, sorted, English always among them.

    Only the first :data:`SAMPLE_CHARS` characters are read.

    >>> detect_languages("Por otro lado, el Gobierno ha dicho que no hay una fecha para las elecciones.")
    ('en', 'es')
    >>> detect_languages("Stir well.")
    ('en',)
    """
    totals, words = _totals(text[:SAMPLE_CHARS])
    ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    best = ranked[0][1] / _scale()
    if best < MIN_SCORE or best < MIN_SHARE * words:
        return (FALLBACK,)
    chosen = {code for code, score in ranked[:2] if score / _scale() >= ALSO_SHARE * best}
    return tuple(sorted(chosen | {FALLBACK}))


def sample_text(blocks: Sequence[Block]) -> str:
    """The start of the document's sentence-like blocks (all blocks if none is)."""
    parts: list[str] = []
    size = 0
    for block in blocks:
        if block.text.count(" ") >= _SENTENCE_SPACES:
            parts.append(block.text)
            size += len(block.text) + 1
            if size >= SAMPLE_CHARS:
                break
    if not parts:
        parts = [block.text for block in blocks[:50]]
    return "\n".join(parts)[:SAMPLE_CHARS]


def resolve_lang(lang: str, blocks: Sequence[Block]) -> str:
    """A concrete ``Config.lang`` value: ``lang`` itself, or the detected list for ``"auto"``.

    >>> resolve_lang("en,de", ())
    'en,de'
    >>> resolve_lang("auto", (Block(0, "Door de regen van vannacht is het water in de rivier flink gestegen."),))
    'en,nl'
    """
    if not is_auto(lang):
        return lang
    return ",".join(detect_languages(sample_text(blocks)))


def widen(lang: str, sample: str) -> str:
    """``lang`` plus the languages detected in ``sample`` (``lang`` itself if none is new).

    The pipeline calls this when removing blocks changed the document's
    sample: the languages in use only grow, which keeps
    ``clean(clean(x)) == clean(x)`` under ``"auto"``.

    >>> widen("en", "Door de regen van vannacht is het water in de rivier flink gestegen.")
    'en,nl'
    """
    have = set(parse_languages(lang))
    found = set(detect_languages(sample))
    if found <= have:
        return lang
    return ",".join(sorted(have | found))
