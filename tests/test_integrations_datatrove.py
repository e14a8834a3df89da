"""The datatrove step, against the real datatrove, in a LocalPipelineExecutor run."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from declutter import Config
from declutter.integrations.datatrove import DeclutterStep

RAW = "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n\nRelated: Council budget row deepens\n"


def test_step_cleans_text_and_keeps_removals_in_metadata():
    step = DeclutterStep()
    docs = [Document(text=RAW, id="a", metadata={"url": "https://example.com/a"}), Document(text="Plain.", id="b")]
    out = list(step.run(iter(docs)))
    assert [d.text for d in out] == ["The council met on Monday to vote on the budget.\n", "Plain."]
    assert [r["filter"] for r in out[0].metadata["declutter_removals"]] == ["bylines", "promos"]
    assert out[1].metadata["declutter_removals"] == []
    stats = step.stats.to_dict() if hasattr(step.stats, "to_dict") else step.stats
    text = json.dumps(stats, default=str)
    for counter in ("documents_changed", "blocks_removed", "removed.bylines", "removed.promos"):
        assert counter in text


def test_step_pickles_with_its_config():
    step = DeclutterStep(Config(filters=("promos",)), metadata_key="cut")
    copy = pickle.loads(pickle.dumps(step))
    (doc,) = copy.run(iter([Document(text=RAW, id="a")]))
    assert doc.text == "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n"
    assert [r["reason"] for r in doc.metadata["cut"]] == ["promo.inline"]


def test_local_executor_run(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    with open(source / "pages.jsonl", "w") as handle:
        for n in range(6):
            text = f"By Jane Doe\n\nStory {n}: the council met on Monday.\n\nRelated: Budget row {n}\n"
            handle.write(json.dumps({"id": str(n), "text": text, "url": f"https://example.com/{n}"}) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(source)), DeclutterStep(), JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=1, logging_dir=str(tmp_path / "logs"))
    executor.run()
    records = []
    for path in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        with gzip.open(path, "rt") as handle:
            records += [json.loads(line) for line in handle]
    assert sorted(r["text"] for r in records) == [f"Story {n}: the council met on Monday.\n" for n in range(6)]
    assert all([x["filter"] for x in r["metadata"]["declutter_removals"]] == ["bylines", "promos"] for r in records)
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step_stats = next(s for s in stats if "declutter" in s["name"])
    totals = {k: v if isinstance(v, int) else v["total"] for k, v in step_stats["stats"].items()}
    assert (totals["documents"], totals["documents_changed"], totals["blocks_removed"]) == (6, 6, 12)
    assert (totals["removed.bylines"], totals["removed.promos"]) == (6, 6)
