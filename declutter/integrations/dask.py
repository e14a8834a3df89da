"""Site-model fit and cleaning on ``dask.bag``: the way past one machine.

The fit is the same count as :func:`declutter.sitemodel.fit`, as two
``foldby`` reductions over page entries, so only hashes travel between
workers, never page text:

1. each page becomes ``(domain, fingerprint, block hashes)``
   (:func:`declutter.sitemodel.page_entry`), and ``distinct`` keeps each
   distinct page once;
2. ``foldby(domain)`` counts pages per domain, and
   ``foldby((domain, hash))`` counts pages per block; each is folded inside
   partitions first, then the partial counts are combined.

The driver turns the two count tables into the model with
:func:`declutter.sitemodel.build_model`, so Dask and the CLI give the same
model for the same pages. The block table has one entry per distinct
``(domain, hash)`` (about 100 bytes each in the final combine): fine to tens
of millions of distinct blocks; past that, use the Spark recipe, whose
``groupBy`` is shuffled across the cluster::

    import dask.bag as db, json
    from declutter.integrations.dask import fit_bag, clean_bag

    pages = db.read_text("pages-*.jsonl").map(json.loads)
    model = fit_bag(pages, threshold=0.5, min_pages=5)
    model.save("site-model.json")
    clean_bag(pages, model).map(json.dumps).to_textfiles("clean-*.jsonl")

With Spark the same two counts are a ``groupBy``: explode each page into
``(domain, hash)`` rows after a ``dropDuplicates(["domain", "fingerprint"])``,
then ``groupBy("domain").count()`` for pages and
``groupBy("domain", "hash").count()`` for blocks (see README.md).
"""

from __future__ import annotations

from dataclasses import replace
from operator import add
from typing import Any

from declutter.batch import Batch
from declutter.config import Config
from declutter.integrations import require
from declutter.rules import RuleSet
from declutter.sitemodel import (
    DEFAULT_MIN_PAGES,
    DEFAULT_THRESHOLD,
    PageEntry,
    SiteModel,
    build_model,
    check_settings,
    page_entry,
)

_dask = require("dask", "dask")
require("dask.bag", "dask")


def _entry(record: Any, url_field: str, text_field: str) -> PageEntry | None:
    if not isinstance(record, dict):
        return None
    url, text = record.get(url_field), record.get(text_field)
    return page_entry(url, text) if isinstance(url, str) and isinstance(text, str) else None


def _block_keys(entry: PageEntry) -> list[tuple[str, str]]:
    return [(entry[0], digest) for digest in entry[2]]


def _count(total: int, _item: object) -> int:
    return total + 1


def _domain(entry: PageEntry) -> str:
    return entry[0]


def _identity(key: tuple[str, str]) -> tuple[str, str]:
    return key


def fit_bag(records: Any, threshold: float = DEFAULT_THRESHOLD, min_pages: int = DEFAULT_MIN_PAGES,
            url_field: str = "url", text_field: str = "text") -> SiteModel:
    """Learn a site model from a bag of dict records (see the module docstring)."""
    check_settings(threshold, min_pages)
    entries = records.map(_entry, url_field, text_field).filter(lambda e: e is not None).distinct()
    pages = entries.foldby(_domain, _count, 0, add, 0)
    blocks = entries.map(_block_keys).flatten().foldby(_identity, _count, 0, add, 0)
    page_counts, block_counts = _dask.compute(pages, blocks)
    return build_model(dict(page_counts), dict(block_counts), threshold, min_pages)


def _clean(record: Any, config: Config, rules: RuleSet | None, url_field: str, text_field: str) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
        return record
    url = record.get(url_field)
    result = Batch(config, rules).explain(record[text_field], url if isinstance(url, str) else None)
    return {**record, text_field: result.text, "declutter_removals": [r.as_dict() for r in result.removals]}


def clean_bag(records: Any, model: SiteModel | None = None, config: Config | None = None,
              rules: RuleSet | None = None, url_field: str = "url", text_field: str = "text") -> Any:
    """A bag of the records with ``text_field`` cleaned and the removals under ``declutter_removals``."""
    config = replace(config or Config(), site_model=model) if model is not None else (config or Config())
    return records.map(_clean, config, rules, url_field, text_field)
