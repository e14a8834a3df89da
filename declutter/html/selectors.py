"""The user's CSS selectors in HTML mode: ``remove_selectors`` and ``protect_selectors``."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from declutter.config import Config
from declutter.errors import ConfigError

_SPACE = re.compile(r"\s+")


def user_selectors(tree: HtmlElement, config: Config) -> tuple[dict[HtmlElement, tuple[int, str]], set[HtmlElement]]:
    """Elements the user's ``remove_selectors`` select (outermost, with position and selector),
    and the elements ``protect_selectors`` protect. A protected element is never removed."""
    if not config.remove_selectors and not config.protect_selectors:
        return {}, set()
    protected = {el for selector in config.protect_selectors for el in select(tree, selector)}
    positions = {el: i for i, el in enumerate(tree.iter(etree.Element))}
    selected: dict[HtmlElement, tuple[int, str]] = {}
    for selector in config.remove_selectors:
        for element in select(tree, selector):
            if element not in selected and not touches(element, protected):
                selected[element] = (positions[element], selector)
    outermost = {el: v for el, v in selected.items() if not any(a in selected for a in el.iterancestors())}
    return outermost, protected


#: Tags trafilatura drops on sight; a protected element of these kinds is handed over as a div.
_PRUNED_TAGS = frozenset({"aside", "nav", "footer", "header", "figure", "figcaption", "menu"})


def protect_for_extraction(tree: HtmlElement, config: Config) -> tuple[str, ...]:
    """Keep ``protect_selectors`` elements through extraction and the text stage.

    trafilatura prunes some tags and class names on its own, so a protected
    element loses them (it becomes a plain ``div``); its lines become literal
    protect patterns for the text filters. Returns those patterns.
    """
    patterns: list[str] = []
    for selector in config.protect_selectors:
        for element in select(tree, selector):
            if element.tag in _PRUNED_TAGS:
                element.tag = "div"
            for attribute in ("class", "id", "role"):
                element.attrib.pop(attribute, None)
            lines = (element_text(part) for part in element.iter(etree.Element))
            patterns.extend(rf"^{re.escape(line)}$" for line in lines if line)
    return tuple(dict.fromkeys(patterns))


def select(tree: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        found: list[HtmlElement] = tree.cssselect(selector)
    except ImportError:
        raise ConfigError("CSS selectors need the cssselect package: pip install cssselect") from None
    except Exception as exc:  # cssselect raises its own SelectorError family
        raise ConfigError(f"invalid CSS selector {selector!r}: {exc}") from None
    return found


def touches(element: HtmlElement, marked: set[HtmlElement]) -> bool:
    """The element is marked, inside a marked element, or holds one."""
    if not marked:
        return False
    if element in marked or any(a in marked for a in element.iterancestors()):
        return True
    return any(d in marked for d in element.iterdescendants())


def element_text(element: HtmlElement) -> str:
    return _SPACE.sub(" ", " ".join(element.itertext())).strip()

