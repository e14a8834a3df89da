"""A datatrove pipeline step that declutters ``doc.text``.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from declutter.integrations.datatrove import DeclutterStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("pages/"),            # records with "text" and, in metadata, "url"
        DeclutterStep(),
        JsonlWriter("clean/"),
    ], tasks=2).run()

Each document's text is cleaned and its removals (filter, reason, index,
text) go to ``doc.metadata[metadata_key]``: the step keeps the explanation,
unlike a step that edits text silently. Stats count documents changed,
blocks and characters removed, and blocks removed per filter
(``removed.<filter>``). The step holds only its Config and rules, so it
pickles for datatrove's executors.

    before: doc.text = "By Jane Doe\\n\\nThe council met on Monday.\\n"
    after:  doc.text = "The council met on Monday.\\n"
            doc.metadata["declutter_removals"] = [{"filter": "bylines", ...}]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from declutter.batch import Batch
from declutter.config import Config
from declutter.integrations import require
from declutter.rules import RuleSet

require("datatrove", "datatrove")
from datatrove.pipeline.base import PipelineStep  # noqa: E402


class DeclutterStep(PipelineStep):
    """Clean ``doc.text``; put the removals in ``doc.metadata``."""

    name = "🧹 declutter"
    type = "✂️ - FORMAT"

    def __init__(self, config: Config | None = None, rules: RuleSet | None = None,
                 metadata_key: str = "declutter_removals", url_key: str = "url") -> None:
        super().__init__()
        self.batch = Batch(config or Config(), rules)
        self.metadata_key = metadata_key
        self.url_key = url_key

    def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        """Clean every document of ``data`` and yield it."""
        for doc in data or ():
            self.stat_update("documents")
            with self.track_time():
                url = doc.metadata.get(self.url_key)
                result = self.batch.explain(doc.text, url if isinstance(url, str) else None)
            if result.removals:
                self._count(result.removals, len(doc.text) - len(result.text))
            doc.text = result.text
            doc.metadata[self.metadata_key] = [r.as_dict() for r in result.removals]
            yield doc

    def _count(self, removals: Any, chars: int) -> None:
        self.stat_update("documents_changed")
        self.stat_update("blocks_removed", value=len(removals))
        self.stat_update("chars_removed", value=chars)
        for name, count in sorted(Counter(r.filter for r in removals).items()):
            self.stat_update(f"removed.{name}", value=count)
