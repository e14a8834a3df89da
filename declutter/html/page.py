"""What the page says about itself: title variants, descriptions (decks) and JSON-LD objects."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml.html import HtmlElement

#: A heading or leading line with more words than this is not a headline or deck.
HEADLINE_MAX_WORDS = 40
_WORD = re.compile(r"\w+")
_TITLE_SPLIT = re.compile(r"\s+[|–—•·:»-]+\s+|\s*::\s*")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself: title variants and descriptions (decks)."""

    titles: tuple[frozenset[str], ...] = ()
    descriptions: tuple[frozenset[str], ...] = ()


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in _WORD.findall(text))


def page_meta(tree: HtmlElement, objects: Sequence[dict[str, object]] | None = None) -> PageMeta:
    """Title variants (``<title>`` and its segments, og/twitter title, JSON-LD headline) and decks.

    ``objects``: the page's :func:`json_ld` objects, when they have been read already.
    """
    titles: list[str] = [" ".join(tree.xpath("//head/title//text()"))]
    descriptions: list[str] = []
    for meta in tree.iterfind(".//head/meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = meta.get("content") or ""
        if key in ("og:title", "twitter:title"):
            titles.append(content)
        elif key in ("og:description", "twitter:description", "description"):
            descriptions.append(content)
    for data in json_ld(tree) if objects is None else objects:
        for key, bucket in (("headline", titles), ("alternativeHeadline", titles), ("description", descriptions)):
            value = data.get(key)
            if isinstance(value, str):
                bucket.append(value)
    segments = [seg for title in titles for seg in _TITLE_SPLIT.split(title)]
    return PageMeta(_distinct(titles + segments), _distinct(descriptions))


def _distinct(texts: Sequence[str]) -> tuple[frozenset[str], ...]:
    seen: list[frozenset[str]] = []
    for text in texts:
        tokens = _tokens(text)
        if len(tokens) >= 2 and tokens not in seen:
            seen.append(tokens)
    return tuple(seen)


def json_ld(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """The JSON-LD objects of the page (``@graph`` members too); bad JSON is skipped.

    Control characters inside strings (raw tabs and newlines, common in
    hand-written JSON-LD) are accepted.
    """
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for k, v in item.items() if k == "@graph")


def matches_any(text: str, variants: Sequence[frozenset[str]], cover: float = 0.6) -> bool:
    """True when ``text``'s words are (≥80%) words of a variant covering ≥``cover`` of it.

    >>> matches_any("Council backs budget", (frozenset({"council", "backs", "budget", "gazette"}),))
    True
    >>> matches_any("The council met", (frozenset({"council", "backs", "budget", "gazette"}),))
    False
    """
    words = _tokens(text)
    if len(words) < 2:
        return False
    for variant in variants:
        shared = len(words & variant)
        if shared >= 0.8 * len(words) and shared >= cover * len(variant):
            return True
    return False



#: JSON-LD types whose ``description`` describes the product on the page.
PRODUCT_TYPES = frozenset({"product", "productgroup", "individualproduct"})


def product_description(objects: Sequence[dict[str, object]]) -> str:
    """The longest ``description`` of a JSON-LD ``Product`` (or ``ProductGroup``), "" when none."""
    best = ""
    for data in objects:
        kinds = data.get("@type")
        names = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
        value = data.get("description")
        if (PRODUCT_TYPES.intersection(str(n).lower() for n in names) and isinstance(value, str)
                and len(value) > len(best)):
            best = value
    return best
