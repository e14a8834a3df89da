"""A Scrapy item pipeline that declutters text fields of scraped items.

Enable it in ``settings.py``::

    ITEM_PIPELINES = {"declutter.integrations.scrapy.DeclutterPipeline": 300}
    DECLUTTER_FIELDS = ["text"]             # item fields to clean (default: ["text"])
    DECLUTTER_EXPLAIN_FIELD = "removed"     # put the removals here (default: unset, not stored)
    DECLUTTER_FILTERS = ["captions", "bylines", "promos", "duplicates"]  # default: all
    DECLUTTER_HTML_FIELD = "html"           # HTML mode: clean this field into DECLUTTER_FIELDS[0]
    DECLUTTER_SITE_MODEL = "site-model.json"  # from 'declutter fit'
    DECLUTTER_RULES = "rules.toml"          # per-site remove/protect rules
    DECLUTTER_URL_FIELD = "url"             # the field the model and rules take the domain from
    DECLUTTER_ENABLED = True

Items may be dicts, ``scrapy.Item`` subclasses, dataclasses or attrs classes
(through ``itemadapter``)::

    before: {"url": "https://example.com/a", "text": "By Jane Doe\\n\\nThe council met on Monday.\\n"}
    after:  {"url": "https://example.com/a", "text": "The council met on Monday.\\n"}

``process_item(item, spider=None)`` takes the spider as an optional argument,
so old Scrapy (which passes it) and new Scrapy (which warns about pipelines
that require it) both call it without a deprecation warning. When the spider
closes, rules that matched nothing in the crawl are logged as warnings.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from declutter.batch import Batch
from declutter.config import DEFAULT_FILTERS, Config
from declutter.errors import ConfigError
from declutter.integrations import require
from declutter.pipeline import Removal
from declutter.rules import load_rules
from declutter.sitemodel import load_model

require("scrapy", "scrapy")
from itemadapter import ItemAdapter  # noqa: E402 (after the check that names the extra)
from scrapy.exceptions import NotConfigured  # noqa: E402

logger = logging.getLogger(__name__)


class DeclutterPipeline:
    """Clean ``fields`` of every item; optionally store the removals in ``explain_field``."""

    def __init__(self, config: Config | None = None, fields: Sequence[str] = ("text",),
                 html_field: str | None = None, explain_field: str | None = None,
                 url_field: str = "url", rules_file: str | None = None) -> None:
        if isinstance(fields, str) or not fields:
            raise ConfigError(f"DECLUTTER_FIELDS must be a non-empty list of field names, got {fields!r}")
        self.batch = Batch(config or Config(), load_rules(rules_file) if rules_file else None)
        self.fields = tuple(fields)
        self.html_field = html_field
        self.explain_field = explain_field
        self.url_field = url_field

    @classmethod
    def from_crawler(cls, crawler: Any) -> DeclutterPipeline:
        """Build the pipeline from the crawler's ``DECLUTTER_*`` settings."""
        settings = crawler.settings
        if not settings.getbool("DECLUTTER_ENABLED", True):
            raise NotConfigured("DECLUTTER_ENABLED is False")
        model = settings.get("DECLUTTER_SITE_MODEL")
        config = replace(Config(), filters=tuple(settings.getlist("DECLUTTER_FILTERS") or DEFAULT_FILTERS),
                         lang=settings.get("DECLUTTER_LANG", "en"),
                         site_model=load_model(model) if model else None)
        return cls(config, settings.getlist("DECLUTTER_FIELDS") or ["text"],
                   settings.get("DECLUTTER_HTML_FIELD") or None, settings.get("DECLUTTER_EXPLAIN_FIELD") or None,
                   settings.get("DECLUTTER_URL_FIELD", "url"), settings.get("DECLUTTER_RULES") or None)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Clean the item's text fields in place and return it."""
        adapter = ItemAdapter(item)
        url = adapter.get(self.url_field)
        url = url if isinstance(url, str) else None
        removals: list[dict[str, object]] = []
        html = adapter.get(self.html_field) if self.html_field else None
        if isinstance(html, str):
            result = self.batch.explain_html(html, url)
            adapter[self.fields[0]] = result.text
            removals.extend(_records(self.html_field or "", result.removals))
        for name in self.fields[1 if isinstance(html, str) else 0:]:
            value = adapter.get(name)
            if isinstance(value, str):
                result = self.batch.explain(value, url)
                adapter[name] = result.text
                removals.extend(_records(name, result.removals))
        if self.explain_field:
            _store(adapter, self.explain_field, removals)
        return item

    def close_spider(self, spider: Any = None) -> None:
        """Log the rules that matched nothing during the crawl."""
        for rule in self.batch.unmatched():
            logger.warning("declutter rule matched nothing in this crawl: %s", rule.describe())


def _records(field: str, removals: Sequence[Removal]) -> list[dict[str, object]]:
    return [{"field": field, **removal.as_dict()} for removal in removals]


def _store(adapter: Any, field: str, removals: list[dict[str, object]]) -> None:
    try:
        adapter[field] = removals
    except KeyError:
        raise ConfigError(f"DECLUTTER_EXPLAIN_FIELD {field!r} is not a field of "
                          f"{type(adapter.item).__name__}; declare it on the item class") from None
