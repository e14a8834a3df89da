"""The Scrapy item pipeline, against the real Scrapy: unit calls and a real crawl of a local server."""

from __future__ import annotations

import dataclasses
import http.server
import json
import os
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import pytest

scrapy = pytest.importorskip("scrapy")

from declutter.errors import ConfigError  # noqa: E402
from declutter.integrations.scrapy import DeclutterPipeline  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n\nRelated: Council budget row deepens\n"
CLEAN = "The council met on Monday to vote on the budget.\n"


def crawler(**settings: object):
    from scrapy.utils.test import get_crawler

    return get_crawler(settings_dict={"ITEM_PIPELINES": {"declutter.integrations.scrapy.DeclutterPipeline": 300},
                                      **settings})


class ArticleItem(scrapy.Item):
    url = scrapy.Field()
    text = scrapy.Field()
    removed = scrapy.Field()


@dataclasses.dataclass
class ArticleData:
    url: str
    text: str
    removed: list[object] = dataclasses.field(default_factory=list)


@pytest.mark.parametrize("make", [dict, ArticleItem, ArticleData],
                         ids=["dict", "Item", "dataclass"])
def test_process_item_cleans_every_item_kind(make):
    pipeline = DeclutterPipeline.from_crawler(crawler(DECLUTTER_EXPLAIN_FIELD="removed"))
    item = make(url="https://example.com/a", text=RAW)
    out = pipeline.process_item(item)
    from itemadapter import ItemAdapter

    adapter = ItemAdapter(out)
    assert adapter["text"] == CLEAN
    assert [(r["field"], r["filter"]) for r in adapter["removed"]] == [("text", "bylines"), ("text", "promos")]


def test_old_style_call_with_spider_still_works():
    pipeline = DeclutterPipeline.from_crawler(crawler())
    assert pipeline.process_item({"text": RAW}, object())["text"] == CLEAN


def test_settings_choose_fields_and_filters():
    pipeline = DeclutterPipeline.from_crawler(crawler(DECLUTTER_FIELDS=["body", "summary"],
                                                      DECLUTTER_FILTERS=["promos"]))
    item = pipeline.process_item({"body": RAW, "summary": "By Jane Doe\n\nShort.", "text": RAW})
    assert item["body"] == "By Jane Doe\n\nThe council met on Monday to vote on the budget.\n"
    assert item["summary"] == "By Jane Doe\n\nShort."
    assert item["text"] == RAW  # not a configured field


def test_disabled_pipeline_is_not_configured():
    from scrapy.exceptions import NotConfigured

    with pytest.raises(NotConfigured):
        DeclutterPipeline.from_crawler(crawler(DECLUTTER_ENABLED=False))


def test_explain_field_missing_from_item_class_is_a_clear_error():
    class Bare(scrapy.Item):
        text = scrapy.Field()

    pipeline = DeclutterPipeline.from_crawler(crawler(DECLUTTER_EXPLAIN_FIELD="removed"))
    with pytest.raises(ConfigError, match="'removed' is not a field of Bare"):
        pipeline.process_item(Bare(text=RAW))


def test_no_deprecation_warning_when_scrapy_loads_the_pipeline():
    from scrapy.pipelines import ItemPipelineManager

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ItemPipelineManager.from_crawler(crawler())
    assert not [w for w in caught if "declutter" in str(w.message) or "DeclutterPipeline" in str(w.message)]


def test_html_field_is_cleaned_into_the_first_text_field():
    pipeline = DeclutterPipeline.from_crawler(crawler(DECLUTTER_HTML_FIELD="html", DECLUTTER_EXPLAIN_FIELD="removed"))
    html = "<html><body><article><p>By Jane Doe</p><p>The council met on Monday.</p></article></body></html>"
    item = pipeline.process_item({"url": "https://example.com/a", "html": html})
    assert "The council met on Monday." in item["text"]
    assert "Jane Doe" not in item["text"]


PAGES = {
    f"/story/{n}": (f"<html><body><nav><p>Home | World | Sport</p></nav><article>"
                    f"<p>By Jane Doe</p><p>Story {n}: the council met on Monday to vote on budget line {n}.</p>"
                    f"<p>Related: Council budget row deepens</p></article>"
                    f"<a href='/story/{(n + 1) % 4}'>next</a></body></html>")
    for n in range(4)
}

SPIDER = '''
import scrapy

class Pages(scrapy.Spider):
    name = "pages"

    async def start(self):
        yield scrapy.Request(self.settings.get("START_URL"))

    def start_requests(self):  # Scrapy < 2.13
        yield scrapy.Request(self.settings.get("START_URL"))

    def parse(self, response):
        yield {"url": response.url, "text": "\\n\\n".join(response.css("p::text").getall())}
        for href in response.css("a::attr(href)").getall():
            yield response.follow(href, self.parse)
'''


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGES.get(self.path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write((body or "not found").encode())

    def log_message(self, *args: object) -> None:
        pass


def test_real_crawl_of_a_local_site_declutters_items(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        (tmp_path / "spider.py").write_text(SPIDER)
        out = tmp_path / "items.jsonl"
        settings = {
            "START_URL": f"http://127.0.0.1:{server.server_port}/story/0",
            "ITEM_PIPELINES": json.dumps({"declutter.integrations.scrapy.DeclutterPipeline": 300}),
            "DECLUTTER_EXPLAIN_FIELD": "removed", "ROBOTSTXT_OBEY": "False", "TELNETCONSOLE_ENABLED": "False",
            "CLOSESPIDER_TIMEOUT": "30", "CLOSESPIDER_PAGECOUNT": "10", "LOG_LEVEL": "WARNING",
        }
        command = [sys.executable, "-m", "scrapy", "runspider", str(tmp_path / "spider.py"), "-o", f"{out}:jsonl"]
        for key, value in settings.items():
            command += ["-s", f"{key}={value}"]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                              check=False)
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 0, done.stderr
    assert "ScrapyDeprecationWarning" not in done.stderr
    items = sorted((json.loads(line) for line in out.read_text().splitlines()), key=lambda i: i["url"])
    assert len(items) == 4
    for n, item in enumerate(items):
        story = f"Story {n}: the council met on Monday to vote on budget line {n}."
        assert item["text"] == f"Home | World | Sport\n\n{story}"
        assert [(r["filter"], r["text"]) for r in item["removed"]] == [
            ("bylines", "By Jane Doe"), ("promos", "Related: Council budget row deepens")]


def test_rules_that_matched_nothing_are_logged_when_the_spider_closes(tmp_path, caplog):
    rules = tmp_path / "rules.toml"
    rules.write_text('[sites."example.com"]\nremove = ["^Weather:", "^Never here$"]\n')
    pipeline = DeclutterPipeline.from_crawler(crawler(DECLUTTER_RULES=str(rules)))
    item = pipeline.process_item({"url": "https://example.com/a", "text": "Weather: rain\n\nThe council met.\n"})
    assert item["text"] == "The council met.\n"
    with caplog.at_level("WARNING", logger="declutter.integrations.scrapy"):
        pipeline.close_spider()
    assert [r.getMessage() for r in caplog.records] == [
        f"declutter rule matched nothing in this crawl: remove pattern '^Never here$' for example.com ({rules})"]
