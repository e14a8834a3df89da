"""Assembly and explanation of HTML mode: parse, clean the tree, extract, run the text stage, report it all."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from functools import cache, partial

from lxml.html import HtmlElement

from declutter.blocks import Block
from declutter.config import Config
from declutter.detect import SAMPLE_CHARS, detect_languages
from declutter.filters import FilterFunc
from declutter.filters.base import Selection, word_count
from declutter.filters.promos import Reason as PromoReason
from declutter.html.extract import (
    CARDS_SHORT_SHARE,
    DATED_TEASERS_GROWTH,
    FORUM_MAIN_SHORT_SHARE,
    SHORT_SHARE,
    TEASERS_SHORT_SHARE,
    Extraction,
    Offer,
    card_text,
    description_rescue,
    extract_text,
    main_text,
    moved_rescue,
    rescue,
    section_text,
    teaser_text,
    without_removed,
)
from declutter.html.guards import TextIndex
from declutter.html.page import HEADLINE_MAX_WORDS, PageMeta, json_ld, matches_any, page_meta, product_description
from declutter.html.pagetype import MIN_SCORE, PageType, PageTypeDecision, article_evidence, decide_page_type
from declutter.html.parse import parse_html
from declutter.html.report import HtmlResult, Note, NoteKind
from declutter.html.selectors import protect_for_extraction
from declutter.html.tree import clean_tree, drop_scripts, merge_split_body
from declutter.memo import document_scope
from declutter.pipeline import Pipeline, Step, resolve
from declutter.vocab import is_auto

#: Leading text blocks among which a headline or deck line is looked for.
HEADLINE_WINDOW = 3


def headline_filter(meta: PageMeta) -> FilterFunc:
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
                           output_format: str = "text") -> HtmlResult:
    """The page's cleaned main text, every removal and the notes, HTML stage first (see :mod:`declutter.html`).

    ``output_format="markdown"`` gives the main content as Markdown (headings, lists, links, images,
    tables), cleaned by the Markdown mode (:mod:`declutter.markdown.from_html`), following the text
    output's decisions (the rescues, a forum's replies: a :class:`~declutter.markdown.from_html.Rescued`).
    """
    from declutter.markdown.from_html import check_output_format

    check_output_format(output_format)
    with document_scope():  # per-page measures (class tokens' hints) are computed once and dropped after
        return _clean_page(html, url, config or Config(), output_format)


def _clean_page(html: str | bytes, url: str | None, config: Config, output_format: str) -> HtmlResult:
    from declutter.markdown.from_html import Rescued, markdown_stage

    tree = parse_html(html)
    if tree is None:
        return HtmlResult("", ())
    objects = list(json_ld(tree))
    meta = page_meta(tree, objects)
    drop_scripts(tree)
    merge_split_body(tree)
    index = TextIndex(tree)
    decision = decide_page_type(tree, url, objects, index)
    kind = decision.type
    prose = index.prose(tree)
    whole = index.whole  # text_chars(tree), counted with the index
    dated = teasers_offered(decision) and bool(article_evidence(tree, objects))
    html_removals, refusals = clean_tree(tree, meta, _tree_lang(tree, config), kind, index)
    kept = protect_for_extraction(tree, config)
    forum = kind is PageType.FORUM
    text = extract_text(tree, url, comments=forum)
    unpruned = _unpruned(html, url, forum, [r.text for r in html_removals])
    extraction = rescue(text, kind, prose, _offers(unpruned, decision, tree, text, whole, dated))
    extraction = moved_rescue(extraction, kind, unpruned)
    if kind is PageType.PRODUCT:
        described = description_rescue(extraction.text, product_description(objects))
        extraction = Extraction(described.text, extraction.notes + described.notes)
    notes = (_type_note(decision), *refusals, *extraction.notes)
    if output_format == "markdown":
        rescued = Rescued(extraction.text, forum, _unpruned_tree(html, extraction), partial(_text_steps, kind))
        md_config = replace(config, protect_patterns=config.protect_patterns + kept)
        md_result = markdown_stage(tree, url, headline_filter(meta), md_config, rescued)
        return HtmlResult(md_result.text, html_removals + md_result.removals, notes)
    steps: list[Step] = [headline_filter(meta), *_text_steps(kind, config.filters)]
    text_config = replace(config, protect_patterns=config.protect_patterns + kept)
    text_result = Pipeline(steps, text_config).explain(extraction.text)
    return HtmlResult(text_result.text, html_removals + text_result.removals, notes)


def _unpruned(html: str | bytes, url: str | None, forum: bool, removed: Sequence[str]) -> Callable[[], str]:
    """trafilatura on the page as parsed, without the lines of the removed elements: computed once, when asked."""

    @cache
    def unpruned() -> str:
        raw = parse_html(html)
        if raw is None:
            return ""
        drop_scripts(raw)
        merge_split_body(raw)
        return without_removed(extract_text(raw, url, comments=forum), removed)

    return unpruned


def _offers(unpruned: Callable[[], str], decision: PageTypeDecision, tree: HtmlElement,
            extracted: str, whole: int = 0, dated: bool = False) -> list[Offer]:
    """The rescues offered for a short extraction of a page of this kind (see :mod:`declutter.html.extract`).

    The cards rescue is offered on listing, collection and service pages, and
    on an "article" that no signal calls one (a page of unknown kind); never
    on a page with article evidence, a forum, a product or a docs page. The
    main-element rescue is offered on the same pages and on forums (a thread
    whose extraction kept one post). The teasers rescue is offered where
    :func:`teasers_offered` says; its gate is a share of the page's ``whole`` text, links included
    (0: not measured, and the page's text outside links stands in). On a
    ``dated`` page (article evidence) the teasers must outweigh the extraction
    (:data:`~declutter.html.extract.DATED_TEASERS_GROWTH`).
    """
    kind = decision.type
    unknown = kind is PageType.ARTICLE and not any(s.type is PageType.ARTICLE for s in decision.signals)
    cards = unknown or kind in (PageType.LISTING, PageType.COLLECTION, PageType.SERVICE)
    offers = [Offer("rescue.unpruned", unpruned, CARDS_SHORT_SHARE if cards else SHORT_SHARE, preferred=True)]
    if kind is PageType.SERVICE:
        offers.append(Offer("rescue.sections", lambda: section_text(tree)))
    if cards or kind is PageType.FORUM:
        main_short = CARDS_SHORT_SHARE if cards else FORUM_MAIN_SHORT_SHARE
        offers.append(Offer("rescue.main", lambda: main_text(tree, extracted), main_short))
    if cards:
        offers.append(Offer("rescue.cards", lambda: card_text(tree, extracted), CARDS_SHORT_SHARE, adds=True))
    if teasers_offered(decision):
        least = DATED_TEASERS_GROWTH if dated else 0.0
        offers.append(Offer("rescue.teasers", lambda: teaser_text(tree, extracted, least), TEASERS_SHORT_SHARE,
                            adds=True, basis=whole, capped=False))
    return offers


#: The kinds of page on which the teasers rescue is offered (and articles whose article signals are weak).
TEASER_KINDS = frozenset({PageType.LISTING, PageType.COLLECTION, PageType.SERVICE})


def teasers_offered(decision: PageTypeDecision) -> bool:
    """Whether the teasers rescue is offered: on listing, collection and service pages, and on articles whose
    article signals add up to less than :data:`~declutter.html.pagetype.MIN_SCORE` (an ``og:type`` of
    ``article`` or a dated URL alone, which news sections and catalogues carry too)."""
    if decision.type in TEASER_KINDS:
        return True
    weight = sum(s.weight for s in decision.signals if s.type is PageType.ARTICLE)
    return decision.type is PageType.ARTICLE and weight < MIN_SCORE


#: Rescues whose text is trafilatura's pick of the page as parsed: the Markdown comes from that page too.
UNPRUNED_RESCUES = frozenset({"rescue.unpruned", "rescue.moved"})


def _unpruned_tree(html: str | bytes, extraction: Extraction) -> HtmlElement | None:
    """The page as parsed (scripts out), when a rescue took its text from it (:data:`UNPRUNED_RESCUES`)."""
    if not any(note.reason in UNPRUNED_RESCUES for note in extraction.notes):
        return None
    raw = parse_html(html)
    if raw is not None:
        drop_scripts(raw)
        merge_split_body(raw)
    return raw


def _type_note(decision: PageTypeDecision) -> Note:
    signals = "; ".join(f"{s.source} -> {s.type.value} {s.weight:g}" for s in decision.signals)
    return Note(NoteKind.PAGE_TYPE, f"page_type.{decision.type.value}", -1, "", signals or "no signal: article")


def _text_steps(kind: PageType, steps: Sequence[Step]) -> list[Step]:
    """The text filters for a page of this kind.

    On a forum the promos filter keeps readers' comments; on a documentation
    page the duplicates filter does not run: the same steps repeated in tabs,
    one per language or platform, are the page's content.
    """
    if kind is PageType.FORUM:
        return [_keep_comments(step) for step in steps]
    if kind is PageType.DOCUMENTATION:
        return [step for step in steps if resolve(step)[0] != "duplicates"]
    return list(steps)


def _keep_comments(step: Step) -> Step:
    """On a forum page the promos filter keeps readers' comments: the replies are the content."""
    name, func = resolve(step)
    if name != "promos":
        return step

    def promos(blocks: Sequence[Block], config: Config) -> Iterator[Selection | tuple[Block, str]]:
        return (s for s in func(blocks, config) if s[1] != PromoReason.COMMENTS)

    promos.filter_name = "promos"  # type: ignore[attr-defined]
    return promos


def _tree_lang(tree: HtmlElement, config: Config) -> Config:
    """With ``lang="auto"``, the languages of the page's paragraphs, for the HTML stage."""
    if not is_auto(config.lang):
        return config
    texts, size = [], 0
    for paragraph in tree.iter("p"):  # only until the sample is full
        texts.append(paragraph.text_content())
        size += len(texts[-1]) + 1
        if size > SAMPLE_CHARS:
            break
    sample = " ".join(texts)[:SAMPLE_CHARS]
    return replace(config, lang=",".join(detect_languages(sample)))


def clean_html(html: str | bytes, url: str | None = None, config: Config | None = None,
               output_format: str = "text") -> str:
    """The page's main text (or Markdown) without clutter (see :func:`clean_html_and_explain`)."""
    return clean_html_and_explain(html, url, config, output_format).text

