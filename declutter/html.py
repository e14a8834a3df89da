"""HTML mode: clean the page's tree, extract the main text with trafilatura, then clean the text.

The page is parsed once. Elements that name themselves as clutter (a
``figcaption``, ``<nav>``, ``class="related-posts"``, ``id="newsletter"``, a
heading that repeats the page title) are removed from the tree *before*
trafilatura picks the main text, so its own heuristics never see them; then
the text filters run over trafilatura's output as in text mode::

    >>> page = ('<html><head><title>Council backs budget | Gazette</title></head><body>'
    ...         '<article><h1>Council backs budget</h1><div class="byline">By Jane Doe</div>'
    ...         '<p>The council voted on Monday to back the budget after a long debate.</p>'
    ...         '<div class="related-posts"><p>Other story about the council and its budget</p></div>'
    ...         '</article></body></html>')
    >>> clean_html(page)
    'The council voted on Monday to back the budget after a long debate.'

Every removal is explained, in two stages (see :func:`clean_html_and_explain`):

* HTML stage: ``filter`` is ``html.<name>`` (``html.promos``, ``html.chrome``…),
  ``index`` is the element's position in document order among all elements
  of the parsed tree (0 is ``<html>``), ``text`` the element's text with runs
  of whitespace made single spaces, ``detail`` the element's tag, class and id.
  A removed element takes its descendants with it; they are not listed again.
* Text stage: the text filters (``captions``, ``bylines``…, plus ``headline``
  for a leading title or deck line) with ``index`` the block's position in
  trafilatura's extracted text, as in text mode.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from declutter.blocks import Block, Document
from declutter.config import Config
from declutter.detect import SAMPLE_CHARS, detect_languages
from declutter.errors import ConfigError, InputError
from declutter.filters.base import Selection, word_count
from declutter.filters.captions import CAPTION_TAGS
from declutter.filters.promos import HEADING_MAX_WORDS
from declutter.filters.promos import Patterns as PromoPatterns
from declutter.filters.promos import Reason as PromoReason
from declutter.filters.promos import line_reason as promo_line_reason
from declutter.filters.promos import patterns_for as promo_patterns
from declutter.html_hints import (
    ALL_HINTS,
    BOX_TAGS,
    CHROME_ITEMTYPES,
    CHROME_ROLES,
    CHROME_TAGS,
    DECK,
    DECK_HINTS,
    ELEMENT_FILTERS,
    HEADLINE,
    HIDDEN,
    ITEMTYPE_CHROME,
    NESTED_ARTICLE,
    OUTER_HEADER,
    PROMO_HEADING,
    ROLE_CHROME,
    TEASER,
    hint_tokens,
    normalise,
)
from declutter.pipeline import Pipeline, Removal, Result
from declutter.vocab import is_auto

#: A heading or leading line with more words than this is not a headline or deck.
HEADLINE_MAX_WORDS = 40
#: Leading text blocks among which a headline or deck line is looked for.
HEADLINE_WINDOW = 3
#: An element holding at least this share of the page's paragraph text is the
#: article's container: its own class names never remove it.
CONTAINER_SHARE = 0.5
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4"})
#: Class names of the chunks of an article body that sites split around ads
#: (WIRED's ``article__body``, NYT's ``StoryBodyCompanionColumn``), normalised.
BODY_CHUNK_CLASSES = frozenset({"article-body", "body-container", "story-body-companion-column", "article-body-text",
                                "articlebody", "story-body"})
#: Elements that are never removed: the page itself.
NEVER_REMOVED = frozenset({"html", "body", "main", "head"})
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                     remove_pis=True)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_TITLE_SPLIT = re.compile(r"\s+[|–—•·:»-]+\s+|\s*::\s*")
_SPACE = re.compile(r"\s+")


def decode_html(data: bytes) -> str:
    """Decode page bytes: BOM, else valid UTF-8, else the declared charset, else cp1252.

    Strict UTF-8 goes before the declared charset because pages that declare
    latin-1 and are UTF-8 are common, while non-UTF-8 text that happens to be
    valid UTF-8 is rare.

    >>> decode_html('<p>caf\\u00e9</p>'.encode('utf-8'))
    '<p>café</p>'
    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    '<meta charset="iso-8859-1"><p>café</p>'
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace").lstrip("\ufeff")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


#: Larger pages are refused with an InputError: trafilatura's extraction time
#: grows faster than linearly (1 MB 0.6 s, 4 MB 4 s, 30 MB about 10 minutes), and
#: real article pages are far smaller.
MAX_HTML_BYTES = 8_000_000


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page into an lxml tree; None when it holds nothing but whitespace.

    Raises :class:`InputError` for input of the wrong type, binary data, a
    page over :data:`MAX_HTML_BYTES`, and input lxml cannot turn into a document.
    """
    if isinstance(html, str | bytes | bytearray) and len(html) > MAX_HTML_BYTES:
        raise InputError(f"page of {len(html) / 1e6:.1f} MB is over the HTML mode limit of "
                         f"{MAX_HTML_BYTES / 1e6:.0f} MB (trafilatura's extraction grows faster than the page); "
                         f"extract its text another way and clean that with declutter.clean")
    if isinstance(html, bytes | bytearray):
        html = decode_html(bytes(html))
    if not isinstance(html, str):
        raise InputError(f"clean_html() takes HTML as str or bytes, got {type(html).__name__}")
    if not html.strip():
        return None
    if html.count("\x00") > len(html) // 10:
        raise InputError("input looks like binary data (NUL bytes), not HTML")
    try:
        tree = document_fromstring(html.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"cannot parse the input as HTML: {exc}") from None
    return tree if isinstance(tree, HtmlElement) else None


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What the page says about itself: title variants and descriptions (decks)."""

    titles: tuple[frozenset[str], ...] = ()
    descriptions: tuple[frozenset[str], ...] = ()


def _tokens(text: str) -> frozenset[str]:
    return frozenset(t.lower() for t in _WORD.findall(text))


def page_meta(tree: HtmlElement) -> PageMeta:
    """Title variants (``<title>`` and its segments, og/twitter title, JSON-LD headline) and decks."""
    titles: list[str] = [" ".join(tree.xpath("//head/title//text()"))]
    descriptions: list[str] = []
    for meta in tree.iterfind(".//head/meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = meta.get("content") or ""
        if key in ("og:title", "twitter:title"):
            titles.append(content)
        elif key in ("og:description", "twitter:description", "description"):
            descriptions.append(content)
    for data in _json_ld(tree):
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


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """The JSON-LD objects of the page (``@graph`` members too); bad JSON is skipped."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
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


@dataclass(frozen=True, slots=True)
class _Candidate:
    element: HtmlElement
    position: int
    tag: str
    hints: frozenset[str]


def _markers(element: HtmlElement, tag: str, hints: set[str], meta: PageMeta) -> set[str]:
    """Hints that come from attributes and context rather than class names."""
    found = set()
    if element.get("hidden") is not None:
        found.add(HIDDEN)
    if (element.get("role") or "").lower() in CHROME_ROLES:
        found.add(ROLE_CHROME)
    itemtype = (element.get("itemtype") or "").lower()
    if itemtype and any(kind in itemtype for kind in CHROME_ITEMTYPES):
        found.add(ITEMTYPE_CHROME)
    if tag == "header" and _site_header(element):
        found.add(OUTER_HEADER)
    if tag == "article" and any(a.tag == "article" for a in element.iterancestors()):
        found.add(NESTED_ARTICLE)
    if tag in HEADING_TAGS or element.get("itemprop") == "headline" or not DECK_HINTS.isdisjoint(hints):
        found |= _headline_markers(element, tag, meta)
    return found


def _headline_markers(element: HtmlElement, tag: str, meta: PageMeta) -> set[str]:
    """HEADLINE for a short heading that repeats the title, DECK for one that repeats the description."""
    text = element.text_content()
    if word_count(text) > HEADLINE_MAX_WORDS:
        return set()
    if (tag in ("h1", "h2") and matches_any(text, meta.titles)) or element.get("itemprop") == "headline":
        return {HEADLINE}
    if matches_any(text, meta.descriptions, cover=0.8):
        return {DECK}
    return set()


def _site_header(element: HtmlElement) -> bool:
    """A ``header`` outside article/main that is navigation (links or a nav), not the article's own header."""
    if any(a.tag in ("article", "main") for a in element.iterancestors()):
        return False
    if element.find(".//nav") is not None or element.find(".//ul") is not None:
        return True
    text = len(element.text_content().strip())
    links = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return text > 0 and links >= 0.5 * text


#: Tags of a promo heading and of the teaser lines after it.
PROMO_RUN_TAGS = ("p", "h2", "h3", "h4", "h5", "h6")
#: A teaser line is a link: at least this share of its text is link text.
TEASER_LINK_SHARE = 0.75


def promo_runs(tree: HtmlElement, config: Config) -> dict[HtmlElement, str]:
    """Promo headings ("Don't miss") with the link-only siblings that follow them.

    Only headings followed by at least one link-only sibling count: a
    heading alone is left to the text filters.
    """
    pats = promo_patterns(config.lang)
    marks: dict[HtmlElement, str] = {}
    for element in tree.iter(*PROMO_RUN_TAGS):
        if element in marks:
            continue
        text = _SPACE.sub(" ", element.text_content()).strip()
        if _is_promo_heading(text, pats):
            run = list(_teaser_run(element)) if len(element) <= 2 else []
            if run:
                marks[element] = PROMO_HEADING
                marks.update(dict.fromkeys(run, TEASER))
        elif len(element) and _is_promo_heading(_first_line(element), pats) and _link_share(element) >= 0.6:
            marks[element] = PROMO_HEADING
    return marks


def _is_promo_heading(text: str, pats: PromoPatterns) -> bool:
    return bool(text) and word_count(text) <= HEADING_MAX_WORDS and (
        promo_line_reason(text, pats) is PromoReason.HEADING or pats.label.match(text) is not None)


def _first_line(element: HtmlElement) -> str:
    """The element's text up to its first child, or its first child's text when it opens with one."""
    own = str(element.text or "").strip()
    if own:
        return own
    return _SPACE.sub(" ", str(element[0].text_content())).strip() if isinstance(element[0].tag, str) else ""


def _link_share(element: HtmlElement) -> float:
    text = len("".join(element.itertext()).strip())
    links = sum(len("".join(a.itertext()).strip()) for a in element.iter("a"))
    return links / text if text else 0.0


def _teaser_run(heading: HtmlElement) -> Iterator[HtmlElement]:
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str) or (sibling.tail or "").strip():
            return
        if _link_share(sibling) < TEASER_LINK_SHARE:
            return
        yield sibling


def _candidates(tree: HtmlElement, meta: PageMeta, marks: dict[HtmlElement, str]) -> Iterator[_Candidate]:
    """Elements some element filter may select, outermost only, in document order."""
    skip_to = -1
    for position, element in enumerate(tree.iter(etree.Element)):
        if position <= skip_to:
            continue
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in NEVER_REMOVED:
            continue
        hints = set(hint_tokens(element.get("class"), element.get("id"))) if tag in BOX_TAGS else set()
        hints |= _markers(element, tag, hints, meta)
        if element in marks:
            hints.add(marks[element])
        if not (tag in CHROME_TAGS or tag in CAPTION_TAGS or (hints and not ALL_HINTS.isdisjoint(hints))
                or any(h.startswith("@") for h in hints)):
            continue
        yield _Candidate(element, position, tag, frozenset(hints))
        skip_to = position + sum(1 for _ in element.iter(etree.Element)) - 1


def _paragraph_chars(element: HtmlElement) -> int:
    return sum(len(text) for p in element.iter("p") for text in p.itertext())


def _describe(element: HtmlElement) -> str:
    parts = [element.tag if isinstance(element.tag, str) else "?"]
    for attr in ("id", "class"):
        if element.get(attr):
            parts.append(f'{attr}="{_SPACE.sub(" ", element.get(attr, "")).strip()}"')
    return "<" + " ".join(parts) + ">"


def drop_scripts(tree: HtmlElement) -> None:
    """Remove scripts and styles (JSON-LD stays): code, never text, yet ``text_content`` reads it."""
    for element in tree.xpath("//script[not(@type='application/ld+json')]|//style"):
        element.drop_tree()


def merge_split_body(tree: HtmlElement) -> None:
    """Move the later chunks of a body split around ads into the first chunk.

    Sites cut an article into several ``article__body`` boxes with ads
    between them; an extractor that takes the first body box then stops
    after a few paragraphs. The chunks' children are appended, in order, to
    the first chunk (nothing is dropped or reordered among the chunks), when
    two or more chunks with the same class share their nearest ``article``
    or ``main`` (or their parent when there is none).
    """
    groups: dict[tuple[str, int], list[HtmlElement]] = {}
    for element in tree.iter("div", "section"):
        for token in (element.get("class") or "").split():
            name = normalise(token)
            if name in BODY_CHUNK_CLASSES:
                home = next((a for a in element.iterancestors("article", "main")), element.getparent())
                groups.setdefault((name, id(home)), []).append(element)
                break
    for chunks in groups.values():
        outer = [c for c in chunks if not any(a in chunks for a in c.iterancestors())]
        if len(outer) < 2:
            continue
        first = outer[0]
        for chunk in outer[1:]:
            if chunk.text and chunk.text.strip():
                wrapper = first.makeelement("p", {})
                wrapper.text = chunk.text
                first.append(wrapper)
            for child in list(chunk):
                first.append(child)


def clean_tree(tree: HtmlElement, meta: PageMeta, config: Config) -> tuple[Removal, ...]:
    """Remove clutter elements from ``tree`` in place; return their removals.

    Runs :data:`~declutter.html_hints.ELEMENT_FILTERS` through the pipeline
    over the candidate elements (user ``protect_patterns`` apply to each
    element's text). An element holding half the page's paragraph text is
    the article's container and is never a candidate.
    """
    selected, protected = _user_selectors(tree, config)
    total = _paragraph_chars(tree)
    candidates = []
    for cand in _candidates(tree, meta, promo_runs(tree, config)):
        if total and cand.tag not in CHROME_TAGS and _paragraph_chars(cand.element) >= CONTAINER_SHARE * total:
            continue
        if _touches(cand.element, protected) or _touches(cand.element, set(selected)):
            continue
        candidates.append(cand)
    blocks = tuple(Block(i, _SPACE.sub(" ", " ".join(c.element.itertext())).strip(), 0, c.tag, c.hints)
                   for i, c in enumerate(candidates))
    doc = Document(blocks, tuple(" " for _ in blocks[1:]))
    steps = list(ELEMENT_FILTERS)
    result = Pipeline(steps, replace(config, remove_patterns=())).run(doc)
    removals = []
    for removal in result.removals:
        cand = candidates[removal.index]
        removals.append(replace(removal, index=cand.position, detail=_describe(cand.element)))
    for removal_index in sorted({r.index for r in result.removals}, reverse=True):
        candidates[removal_index].element.drop_tree()
    user = [Removal("patterns", "pattern.selector", position, _element_text(element), 0,
                    f"{selector} {_describe(element)}") for element, (position, selector) in selected.items()]
    for element in selected:
        element.drop_tree()
    return tuple(sorted(user + removals, key=lambda r: r.index))


def _user_selectors(tree: HtmlElement, config: Config) -> tuple[dict[HtmlElement, tuple[int, str]], set[HtmlElement]]:
    """Elements the user's ``remove_selectors`` select (outermost, with position and selector),
    and the elements ``protect_selectors`` protect. A protected element is never removed."""
    if not config.remove_selectors and not config.protect_selectors:
        return {}, set()
    protected = {el for selector in config.protect_selectors for el in _select(tree, selector)}
    positions = {el: i for i, el in enumerate(tree.iter(etree.Element))}
    selected: dict[HtmlElement, tuple[int, str]] = {}
    for selector in config.remove_selectors:
        for element in _select(tree, selector):
            if element not in selected and not _touches(element, protected):
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
        for element in _select(tree, selector):
            if element.tag in _PRUNED_TAGS:
                element.tag = "div"
            for attribute in ("class", "id", "role"):
                element.attrib.pop(attribute, None)
            lines = (_element_text(part) for part in element.iter(etree.Element))
            patterns.extend(rf"^{re.escape(line)}$" for line in lines if line)
    return tuple(dict.fromkeys(patterns))


def _select(tree: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        found: list[HtmlElement] = tree.cssselect(selector)
    except ImportError:
        raise ConfigError("CSS selectors need the cssselect package: pip install cssselect") from None
    except Exception as exc:  # cssselect raises its own SelectorError family
        raise ConfigError(f"invalid CSS selector {selector!r}: {exc}") from None
    return found


def _touches(element: HtmlElement, marked: set[HtmlElement]) -> bool:
    """The element is marked, inside a marked element, or holds one."""
    if not marked:
        return False
    if element in marked or any(a in marked for a in element.iterancestors()):
        return True
    return any(d in marked for d in element.iterdescendants())


def _element_text(element: HtmlElement) -> str:
    return _SPACE.sub(" ", " ".join(element.itertext())).strip()


def headline_filter(meta: PageMeta) -> object:
    """A text filter that drops a leading headline or deck line the page's metadata holds.

    Only the first :data:`HEADLINE_WINDOW` blocks of the extracted text are
    looked at; a deck must match a description closely (it is often the
    article's own first sentence, so a near-copy only).
    """

    def headline(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
        for block in blocks:
            if block.index >= HEADLINE_WINDOW:
                break
            text = block.text.strip()
            if word_count(text) > HEADLINE_MAX_WORDS:
                continue
            if matches_any(text, meta.titles):
                yield Selection(block, "headline.title")

    headline.filter_name = "headline"  # type: ignore[attr-defined]
    return headline


def clean_html_and_explain(html: str | bytes, url: str | None = None, config: Config | None = None,
                           output_format: str = "text") -> Result:
    """The page's cleaned main text and every removal, HTML stage first (see the module docstring).

    ``output_format="markdown"`` gives the main content as Markdown (headings, lists, links, images,
    tables), cleaned by the Markdown mode (:mod:`declutter.markdown`).
    """
    import trafilatura

    from declutter.markdown.from_html import check_output_format, markdown_stage

    config = config or Config()
    check_output_format(output_format)
    tree = parse_html(html)
    if tree is None:
        return Result("", ())
    meta = page_meta(tree)
    drop_scripts(tree)
    merge_split_body(tree)
    html_removals = clean_tree(tree, meta, _tree_lang(tree, config))
    kept = protect_for_extraction(tree, config)
    text_config = replace(config, protect_patterns=config.protect_patterns + kept)
    if output_format == "markdown":
        text_result = markdown_stage(tree, url, headline_filter(meta), text_config)  # type: ignore[arg-type]
        return Result(text_result.text, html_removals + text_result.removals)
    text = trafilatura.extract(tree, url=url, include_comments=False) or ""
    steps = [headline_filter(meta), *config.filters]
    text_result = Pipeline(steps, text_config).explain(text)  # type: ignore[arg-type]
    return Result(text_result.text, html_removals + text_result.removals)


def _tree_lang(tree: HtmlElement, config: Config) -> Config:
    """With ``lang="auto"``, the languages of the page's paragraphs, for the HTML stage."""
    if not is_auto(config.lang):
        return config
    sample = " ".join(p.text_content() for p in tree.iter("p"))[:SAMPLE_CHARS]
    return replace(config, lang=",".join(detect_languages(sample)))


def clean_html(html: str | bytes, url: str | None = None, config: Config | None = None,
               output_format: str = "text") -> str:
    """The page's main text (or Markdown) without clutter (see :func:`clean_html_and_explain`)."""
    return clean_html_and_explain(html, url, config, output_format).text
