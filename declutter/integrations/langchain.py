"""A LangChain document transformer that declutters ``page_content``.

    >>> from langchain_core.documents import Document
    >>> from declutter.integrations.langchain import DeclutterTransformer
    >>> docs = [Document("By Jane Doe\\n\\nThe council met on Monday.\\n", metadata={"source": "https://example.com/a"})]
    >>> out = DeclutterTransformer().transform_documents(docs)
    >>> out[0].page_content
    'The council met on Monday.\\n'
    >>> [(r["filter"], r["reason"]) for r in out[0].metadata["declutter_removals"]]
    [('bylines', 'byline.byline')]

The input documents are not changed: new ones are returned, with the
removals (filter, reason, index, text) in ``metadata[metadata_key]``. The
page URL for a site model or per-site rules is read from
``metadata[url_key]`` (default ``"source"``, which web loaders fill in).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from declutter.batch import Batch
from declutter.config import Config
from declutter.integrations import require
from declutter.rules import RuleSet

require("langchain_core", "langchain")
from langchain_core.documents import BaseDocumentTransformer, Document  # noqa: E402


class DeclutterTransformer(BaseDocumentTransformer):
    """Clean each document's ``page_content``; record the removals in its metadata."""

    def __init__(self, config: Config | None = None, rules: RuleSet | None = None,
                 metadata_key: str = "declutter_removals", url_key: str = "source") -> None:
        self.batch = Batch(config or Config(), rules)
        self.metadata_key = metadata_key
        self.url_key = url_key

    def transform_documents(self, documents: Sequence[Document], **kwargs: Any) -> Sequence[Document]:
        """New documents with clutter removed from ``page_content``."""
        return [self._transform(doc) for doc in documents]

    def _transform(self, doc: Document) -> Document:
        url = doc.metadata.get(self.url_key)
        result = self.batch.explain(doc.page_content, url if isinstance(url, str) else None)
        metadata = {**doc.metadata, self.metadata_key: [r.as_dict() for r in result.removals]}
        return Document(page_content=result.text, metadata=metadata, id=doc.id)
