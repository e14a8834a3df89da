"""The LangChain document transformer, against the real langchain-core."""

from __future__ import annotations

import asyncio

import pytest

pytest.importorskip("langchain_core")

from langchain_core.documents import BaseDocumentTransformer, Document

from declutter import Config
from declutter.integrations.langchain import DeclutterTransformer
from declutter.rules import rules_from_dict

RAW = "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n\nRelated: Council budget row deepens\n"


def test_transform_cleans_page_content_and_records_removals_in_metadata():
    doc = Document(RAW, metadata={"source": "https://example.com/a", "title": "Budget"}, id="d1")
    (out,) = DeclutterTransformer().transform_documents([doc])
    assert isinstance(DeclutterTransformer(), BaseDocumentTransformer)
    assert out.page_content == "The council met on Monday to vote on the budget.\n"
    assert out.id == "d1" and out.metadata["title"] == "Budget"
    assert [(r["filter"], r["reason"], r["index"]) for r in out.metadata["declutter_removals"]] == [
        ("bylines", "byline.byline", 0), ("promos", "promo.inline", 2)]
    assert doc.page_content == RAW and "declutter_removals" not in doc.metadata  # input untouched


def test_async_transform_gives_the_same_documents():
    docs = [Document(RAW), Document("Nothing to remove here.\n")]
    transformer = DeclutterTransformer(Config(filters=("promos",)), metadata_key="cut")
    out = asyncio.run(transformer.atransform_documents(docs))
    assert [d.page_content for d in out] == [
        "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n", "Nothing to remove here.\n"]
    assert [len(d.metadata["cut"]) for d in out] == [1, 0]


def test_site_rules_use_the_source_url():
    rules = rules_from_dict({"sites": {"example.com": {"remove": ["^Council budget"]}}})
    doc = Document("Council budget: a primer\n\nThe council met.\n", metadata={"source": "https://news.example.com/x"})
    other = Document("Council budget: a primer\n\nThe council met.\n", metadata={"source": "https://other.org/x"})
    out = DeclutterTransformer(rules=rules).transform_documents([doc, other])
    assert [d.page_content for d in out] == ["The council met.\n", "Council budget: a primer\n\nThe council met.\n"]
