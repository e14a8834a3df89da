"""site: blocks a site repeats on its pages (navigation, footers, newsletter boxes).

Needs a learned :class:`~declutter.sitemodel.SiteModel` (``declutter fit``) in
``Config.site_model`` and the page's address in ``Config.url``; without
either, or for a domain the model does not know, it selects nothing. A block
is selected when its normalised text is one the model saw on at least the
fit's threshold share of the domain's pages; the detail says on how many::

    before: Home | World | Business           (on 48 of 50 pages of example.com)
            The council met on Monday.
            Sign up for our daily newsletter  (on 41 of 50 pages)
    after:  The council met on Monday.

The pipeline runs this filter first whenever a site model is set: a block
the whole site repeats is chrome, whatever else it looks like.

    >>> from dataclasses import replace
    >>> from declutter.blocks import split_text
    >>> from declutter.sitemodel import fit
    >>> pages = [(f"https://example.com/{n}", f"Home | World\\n\\nStory {n} ran today.\\n") for n in range(5)]
    >>> config = replace(Config(), site_model=fit(pages, min_pages=5), url="https://example.com/new")
    >>> page = split_text("Home | World\\n\\nA new story.\\n")
    >>> [(s.block.text, str(s.reason), s.detail) for s in site(page.blocks, config)]
    [('Home | World', 'site.boilerplate', 'on 5 of 5 pages of example.com (100%)')]
    >>> list(site(split_text("Home | World\\n").blocks, replace(config, url="https://other.org/a")))
    []
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from declutter.blocks import Block
from declutter.config import Config
from declutter.filters.base import Selection
from declutter.sitemodel import block_hash


class Reason(StrEnum):
    BOILERPLATE = "site.boilerplate"


def site(blocks: Sequence[Block], config: Config) -> Iterator[Selection]:
    """Select blocks the site model lists for the page's domain."""
    if config.site_model is None:
        return
    found = config.site_model.lookup(config.url)
    if found is None:
        return
    domain, model = found
    for block in blocks:
        digest = block_hash(block.text)
        count = model.blocks.get(digest) if digest else None
        if count:
            share = round(100 * count / model.pages)
            yield Selection(block, Reason.BOILERPLATE, f"on {count} of {model.pages} pages of {domain} ({share}%)")
