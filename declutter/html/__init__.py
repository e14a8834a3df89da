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

One module per stage:

* :mod:`declutter.html.parse`: decode bytes, refuse what is not a page, parse;
* :mod:`declutter.html.page`: what the page says about itself (titles, decks, JSON-LD);
* :mod:`declutter.html.hints` and :mod:`declutter.html.tree`: the tree rules
  (class/id hints, element filters) and the removal of clutter elements;
  :mod:`declutter.html.selectors`: the user's CSS selectors;
* :mod:`declutter.html.extract`: trafilatura's extraction;
* :mod:`declutter.html.assemble`: the whole run and its explanation.
"""

from __future__ import annotations

from declutter.html.assemble import HEADLINE_WINDOW, clean_html, clean_html_and_explain, headline_filter
from declutter.html.page import HEADLINE_MAX_WORDS, PageMeta, matches_any, page_meta
from declutter.html.parse import MAX_HTML_BYTES, decode_html, parse_html
from declutter.html.selectors import protect_for_extraction
from declutter.html.tree import CONTAINER_SHARE, clean_tree, drop_scripts, merge_split_body, promo_runs

__all__ = [
    "CONTAINER_SHARE", "HEADLINE_MAX_WORDS", "HEADLINE_WINDOW", "MAX_HTML_BYTES", "PageMeta", "clean_html",
    "clean_html_and_explain", "clean_tree", "decode_html", "drop_scripts", "headline_filter", "matches_any",
    "merge_split_body", "page_meta", "parse_html", "promo_runs", "protect_for_extraction",
]
