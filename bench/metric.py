"""The article-extraction-benchmark metric, reimplemented with the stdlib only.

This follows ``evaluate.py`` of scrapinghub/article-extraction-benchmark (MIT),
reconstructed here because the script is not published as a package:

* text is tokenised with the regex ``\\w+`` (Unicode, case kept as is);
* each text becomes a multiset of 4-token shingles; a text with fewer than
  4 tokens (but at least one) yields the single shorter tuple of all its
  tokens, and an empty text yields no shingles;
* per page, ``tp`` is the size of the multiset intersection, ``fp`` the
  predicted shingles in excess of the truth, ``fn`` the truth shingles missing
  from the prediction; the three are divided by their sum so that long pages
  weigh no more than short ones (all three stay 0 when the sum is 0);
* per-page precision ``tp / (tp + fp)`` and recall ``tp / (tp + fn)``, with the
  same edge rules as ``evaluate.py``: a page with ``fp == fn == 0`` (identical
  shingles, including both texts empty) scores 1 for both, and ``0/0``
  otherwise scores 0;
* the benchmark precision is the mean per-page precision over pages that
  predicted something (``tp + fp > 0``) and the benchmark recall is the mean
  per-page recall over pages whose truth has something (``tp + fn > 0``);
  the F1 is the harmonic mean of those two means.

Example:
    >>> s = score([("the cat sat on the mat", "the cat sat on the mat")])
    >>> (s.precision, s.recall, s.f1, s.pages)
    (1.0, 1.0, 1.0, 1)
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

NGRAM_N = 4
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)

Shingle = tuple[str, ...]


class Scores(NamedTuple):
    """Benchmark-level scores: mean precision, mean recall, their F1, page count."""

    precision: float
    recall: float
    f1: float
    pages: int


def tokenize(text: str | None) -> list[str]:
    """Split text into ``\\w+`` tokens, case kept.

    >>> tokenize("Hello, wörld! 42")
    ['Hello', 'wörld', '42']
    """
    return _TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = NGRAM_N) -> Counter[Shingle]:
    """Multiset of ``n``-token shingles of ``text``.

    A text shorter than ``n`` tokens gives one shorter shingle; an empty text
    gives none.

    >>> shingles("a b c d a b c d")[("a", "b", "c", "d")]
    2
    >>> shingles("just two")
    Counter({('just', 'two'): 1})
    >>> shingles("")
    Counter()
    """
    tokens = tokenize(text)
    count = max(1, len(tokens) - n + 1)
    return Counter(tuple(tokens[i : i + n]) for i in range(count) if tokens[i : i + n])


def page_counts(truth: str | None, pred: str | None) -> tuple[float, float, float]:
    """Normalised ``(tp, fp, fn)`` shingle counts for one page.

    The three counts are divided by their sum (left at 0 when the sum is 0).

    >>> page_counts("a b c d e", "a b c d")
    (0.5, 0.0, 0.5)
    """
    true_sh = shingles(truth)
    pred_sh = shingles(pred)
    tp = float(sum((true_sh & pred_sh).values()))
    fp = float(sum((pred_sh - true_sh).values()))
    fn = float(sum((true_sh - pred_sh).values()))
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def precision_from_counts(tp: float, fp: float, fn: float) -> float:
    """Per-page precision with evaluate.py's edge rules.

    >>> precision_from_counts(0.0, 0.0, 0.0), precision_from_counts(0.0, 0.0, 1.0)
    (1.0, 0.0)
    """
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_from_counts(tp: float, fp: float, fn: float) -> float:
    """Per-page recall with evaluate.py's edge rules.

    >>> recall_from_counts(0.0, 0.0, 0.0), recall_from_counts(0.0, 1.0, 0.0)
    (1.0, 0.0)
    """
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def page_scores(truth: str | None, pred: str | None) -> tuple[float, float]:
    """Per-page ``(precision, recall)``.

    Two empty texts score ``(1.0, 1.0)``; an empty prediction against a
    non-empty truth scores ``(0.0, 0.0)`` here, but ``score`` leaves such a
    page out of the precision mean, as the benchmark does.

    >>> page_scores("a b c d e", "a b c d")
    (1.0, 0.5)
    >>> page_scores("a b c d", "")
    (0.0, 0.0)
    """
    counts = page_counts(truth, pred)
    return precision_from_counts(*counts), recall_from_counts(*counts)


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0 when both are 0).

    >>> f1_score(1.0, 0.5)
    0.6666666666666666
    """
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _mean(values: list[float]) -> float:
    return statistics.mean(values) if values else 0.0


def score_counts(counts: Iterable[tuple[float, float, float]]) -> Scores:
    """Benchmark scores from per-page normalised ``(tp, fp, fn)`` triples.

    Precision is averaged over pages with ``tp + fp > 0`` (something was
    predicted) and recall over pages with ``tp + fn > 0`` (the truth has
    text), exactly as evaluate.py's ``metrics_from_tp_fp_fns``; an empty
    selection averages to 0.

    >>> score_counts([(1.0, 0.0, 0.0), (0.0, 0.0, 1.0)])
    Scores(precision=1.0, recall=0.5, f1=0.6666666666666666, pages=2)
    """
    triples = list(counts)
    precision = _mean([precision_from_counts(*c) for c in triples if c[0] + c[1] > 0])
    recall = _mean([recall_from_counts(*c) for c in triples if c[0] + c[2] > 0])
    return Scores(precision, recall, f1_score(precision, recall), len(triples))


def score(pairs: Iterable[tuple[str | None, str | None]]) -> Scores:
    """Benchmark scores for ``(truth, pred)`` text pairs, one pair per page.

    >>> score([("a b c d e", "a b c d"), ("x y z w", "x y z w junk")])
    Scores(precision=0.75, recall=0.75, f1=0.75, pages=2)
    """
    return score_counts(page_counts(truth, pred) for truth, pred in pairs)
