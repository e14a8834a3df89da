"""trafilatura's body XPaths read as Python tests: the first element each one finds, found in one walk that stops.

The extraction guard (:mod:`declutter.html.guards`) asks, for each of
trafilatura's ``BODY_XPATH`` expressions in turn, for the first element it
finds. libxml2 answers ``.//*[self::div or …][…][1]`` by testing every
element against every predicate (with a call back into Python for each
``re:test``) and building the whole node set: about 1 ms a page on corpus/aeb,
7% of ``trafilatura.extract``'s time, to take one node. Every expression there
has the same shape: the first descendant, in document order, that passes a
test of its tag and attributes. So each is read once (at import) into such a
test, and a page is walked only until the first element that passes (some
six times faster on corpus/aeb).

Only a small part of XPath is read: a union of steps ``.//TAG`` or ``.//*``
with predicates made of ``or``-ed terms (``self::TAG``, ``@a='v'``,
``re:test(@a, 'p'[, 'i'])``, ``contains(@a, 's')``, ``contains(translate(@a,
'AB', 'ab'), 's')``, ``starts-with(@a, 's')``), a ``[1]`` after the last
predicate or after a parenthesised step. Each term is what XPath 1.0 and
lxml's EXSLT ``re:test`` (Python's ``re.search``, ``re.IGNORECASE`` for
``'i'``) make of it, a missing attribute read as "". The first node of such
an expression is the first element that passes its test: the ``[1]``
(first among its siblings, or first of all) and the union keep it. An
expression written any other way gives ``None`` from :func:`compile_path`,
and the guard evaluates it with lxml as before; ``tests/test_html_bodypaths.py``
checks both give the same node on every corpus page.

>>> test = compile_path("(.//*[self::div or self::section][@id='main' or re:test(@class, 'post-?body')])[1]")
>>> from lxml.html import fromstring
>>> page = fromstring('<html><body><div class="nav"></div><section class="a postbody"></section></body></html>')
>>> first_match(page, test).get("class")
'a postbody'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement


@dataclass(frozen=True, slots=True)
class AttributeTerms:
    """The ``or``-ed terms of one predicate that read one attribute: its values (``@a='v'``), its patterns
    (``re:test``) and its substring tests (``contains``, ``starts-with``: translation table, string, at start)."""

    attr: str
    values: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    parts: tuple[tuple[dict[int, int | None], str, bool], ...] = ()
    #: Whether one of the terms is true of an element without the attribute (XPath reads it as "").
    empty: bool = False

    def passes(self, value: str) -> bool:
        """Whether one of the terms is true of an attribute of this ``value``."""
        if value in self.values:
            return True
        for pattern in self.patterns:
            if pattern.search(value) is not None:
                return True
        for table, part, at_start in self.parts:
            text = value.translate(table) if table else value
            if text.startswith(part) if at_start else part in text:
                return True
        return False


def attribute_terms(attr: str, values: Sequence[str], patterns: Sequence[re.Pattern[str]],
                    parts: Sequence[tuple[dict[int, int | None], str, bool]]) -> AttributeTerms:
    """The terms on one attribute, with :attr:`AttributeTerms.empty` worked out."""
    empty = AttributeTerms(attr, frozenset(), tuple(patterns), tuple(parts)).passes("")
    return AttributeTerms(attr, frozenset(values), tuple(patterns), tuple(parts), empty)


#: One predicate: its ``or``-ed terms, grouped by attribute.
Predicate = tuple[AttributeTerms, ...]


@dataclass(frozen=True, slots=True)
class PathTest:
    """What one expression looks for: elements of ``tags`` (every element when empty) passing every one of
    ``predicates``, or, for a union, any of ``alternatives``."""

    tags: frozenset[str] = frozenset()
    predicates: tuple[Predicate, ...] = ()
    alternatives: tuple[PathTest, ...] = ()

    def scope(self) -> tuple[str, ...]:
        """The tags of the elements the expression may find, sorted; () when any element may be found."""
        if self.alternatives:
            scopes = [alt.scope() for alt in self.alternatives]
            return () if not all(scopes) else tuple(sorted({tag for scope in scopes for tag in scope}))
        return tuple(sorted(self.tags))

    def passes(self, element: HtmlElement) -> bool:
        """Whether ``element`` is one the expression finds."""
        if self.alternatives:
            return any(alt.passes(element) for alt in self.alternatives)
        if self.tags and element.tag not in self.tags:
            return False
        get = element.get
        for terms in self.predicates:
            for term in terms:
                value = get(term.attr)
                if value is None:
                    if term.empty:
                        break
                elif term.passes(value):
                    break
            else:
                return False
        return True


def first_match(tree: HtmlElement, test: PathTest) -> HtmlElement | None:
    """The first descendant of ``tree`` in document order that ``test`` finds (``tree`` itself is not looked at)."""
    for element in tree.iterdescendants(*(test.scope() or (etree.Element,))):
        if test.passes(element):
            return element
    return None


_TOKEN = re.compile(r"\s*(?:'([^']*)'|\"([^\"]*)\"|(\.//|[()\[\]|,=])|([@A-Za-z_*][\w:*-]*|\d+))")


class _Unread(Exception):
    """The expression uses XPath this module does not read."""


def _tokens(path: str) -> list[tuple[str, str]]:
    """``(kind, text)`` pairs: ``str`` for a string literal, ``op`` for punctuation, ``name`` for the rest."""
    tokens, position = [], 0
    while path[position:].strip():
        match = _TOKEN.match(path, position)
        if match is None:
            raise _Unread(path[position:])
        single, double, op, name = match.groups()
        if op is not None:
            tokens.append(("op", op))
        elif name is not None:
            tokens.append(("name", name))
        else:
            tokens.append(("str", single if single is not None else double))
        position = match.end()
    return tokens


class _Reader:
    """A recursive-descent reader of the XPath subset (see the module docstring) over :func:`_tokens`."""

    def __init__(self, path: str) -> None:
        self.tokens = _tokens(path)
        self.at = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, kind: str, text: str | None = None) -> str:
        found_kind, found = self.peek()
        if found_kind != kind or (text is not None and found != text):
            raise _Unread(f"{kind} {text!r} expected, {found_kind} {found!r} found")
        self.at += 1
        return found

    def union(self) -> PathTest:
        parts = [self.part()]
        while self.peek() == ("op", "|"):
            self.take("op", "|")
            parts.append(self.part())
        self.take("end")
        return parts[0] if len(parts) == 1 else PathTest(alternatives=tuple(parts))

    def part(self) -> PathTest:
        if self.peek() != ("op", "("):
            return self.step()
        self.take("op", "(")
        test = self.step()
        self.take("op", ")")
        if self.peek() == ("op", "["):
            self.first()
        return test

    def first(self) -> None:
        """A ``[1]``: it must be the last predicate."""
        self.take("op", "[")
        self.take("name", "1")
        self.take("op", "]")

    def step(self) -> PathTest:
        self.take("op", ".//")
        name = self.take("name")
        tags = frozenset() if name == "*" else frozenset({_tag(name)})
        predicates: list[Predicate] = []
        while self.peek() == ("op", "["):
            if self.tokens[self.at + 1:self.at + 3] == [("name", "1"), ("op", "]")]:
                self.first()
                break
            self.take("op", "[")
            tag_terms, terms = self.terms()
            self.take("op", "]")
            if tag_terms and terms:
                raise _Unread("tag and attribute tests in one predicate")
            if tag_terms:
                tags = tag_terms if not tags else tags & tag_terms
            else:
                predicates.append(_grouped(terms))
        return PathTest(tags, tuple(predicates))

    def terms(self) -> tuple[frozenset[str], list[_Term]]:
        tags: set[str] = set()
        terms: list[_Term] = []
        while True:
            kind, text = self.peek()
            if kind == "name" and text.startswith("self::"):
                self.take("name")
                tags.add(_tag(text.removeprefix("self::")))
            else:
                terms.append(self.term())
            if self.peek() != ("name", "or"):
                return frozenset(tags), terms
            self.take("name", "or")

    def attribute(self) -> str:
        name = self.take("name")
        if not name.startswith("@") or not _NAME.fullmatch(name[1:]):
            raise _Unread(f"attribute expected, {name!r} found")
        return name[1:]

    def term(self) -> _Term:
        kind, text = self.peek()
        if kind == "name" and text.startswith("@"):
            attr = self.attribute()
            self.take("op", "=")
            return attr, self.take("str")
        function = self.take("name")
        self.take("op", "(")
        term = self.call(function)
        self.take("op", ")")
        return term

    def call(self, function: str) -> _Term:
        if function == "re:test":
            attr = self.attribute()
            self.take("op", ",")
            pattern = self.take("str")
            flags = ""
            if self.peek() == ("op", ","):
                self.take("op", ",")
                flags = self.take("str")
            return attr, re.compile(pattern, re.IGNORECASE if "i" in flags else 0)
        if function in ("contains", "starts-with"):
            attr, table = self.value()
            self.take("op", ",")
            return attr, (table, self.take("str"), function == "starts-with")
        raise _Unread(f"function {function!r}")

    def value(self) -> tuple[str, dict[int, int | None]]:
        """An attribute, or ``translate(@a, 'from', 'to')``: the attribute and the translation table."""
        if self.peek() != ("name", "translate"):
            return self.attribute(), {}
        self.take("name", "translate")
        self.take("op", "(")
        attr = self.attribute()
        self.take("op", ",")
        source = self.take("str")
        self.take("op", ",")
        target = self.take("str")
        self.take("op", ")")
        return attr, _translation(source, target)


#: One term as read: the attribute, and a value (``@a='v'``), a pattern or a substring test.
_Term = tuple[str, "str | re.Pattern[str] | tuple[dict[int, int | None], str, bool]"]


def _grouped(terms: list[_Term]) -> Predicate:
    """A predicate's terms grouped by attribute, in the order the attributes first come."""
    groups: dict[str, list[_Term]] = {}
    for term in terms:
        groups.setdefault(term[0], []).append(term)
    return tuple(attribute_terms(attr, [t for _, t in group if isinstance(t, str)],
                                 [t for _, t in group if isinstance(t, re.Pattern)],
                                 [t for _, t in group if isinstance(t, tuple)])
                 for attr, group in groups.items())


_NAME = re.compile(r"[A-Za-z_][\w.-]*")


def _tag(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise _Unread(f"tag name expected, {name!r} found")
    return name


def _translation(source: str, target: str) -> dict[int, int | None]:
    """XPath's ``translate``: each character of ``source`` becomes the one at its place in ``target``, or goes
    when ``target`` is shorter; a character's first place counts."""
    table: dict[int, int | None] = {}
    for position, char in enumerate(source):
        table.setdefault(ord(char), ord(target[position]) if position < len(target) else None)
    return table


def compile_path(path: str) -> PathTest | None:
    """The test of one expression (see the module docstring), or None when it is written another way."""
    try:
        return _Reader(path).union()
    except (_Unread, IndexError):
        return None


def compile_paths(paths: Sequence[etree.XPath]) -> list[PathTest | etree.XPath]:
    """Each expression's test, or the compiled expression itself where it cannot be read."""
    return [compile_path(expr.path) or expr for expr in paths]
