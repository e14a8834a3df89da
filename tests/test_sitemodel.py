"""Site-wide boilerplate: fitting the model, the model file, the ``site`` filter and the CLI."""

from __future__ import annotations

import doctest
import io
import json
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import declutter
from declutter import Config, ConfigError, clean, clean_and_explain
from declutter.cli import main
from declutter.sitemodel import FORMAT, block_hash, domain_of, fit, load_model, model_from_dict

NAV = "Home | World | Business | Sport"
NEWSLETTER = "Sign up for our daily newsletter"
FOOTER = "Example Media is an independent newsroom owned by its readers."


def story(n: int) -> str:
    return f"Story {n} tells how the council met on Monday and voted on budget line {n} after a long debate."


def site_pages(count: int = 10, domain: str = "example.com") -> list[tuple[str, str]]:
    """A site whose pages share chrome; the footer is on only 40% of them."""
    pages = []
    for n in range(count):
        blocks = [NAV, story(n), f"Second paragraph of story {n}.", NEWSLETTER]
        if n % 5 < 2:
            blocks.append(FOOTER)
        pages.append((f"https://www.{domain}/news/{n}", "\n\n".join(blocks) + "\n"))
    return pages


def test_fit_keeps_blocks_above_the_threshold_share():
    model = fit(site_pages(), threshold=0.5, min_pages=5)
    site = model.domains["example.com"]
    assert site.pages == 10
    assert site.blocks == {block_hash(NAV): 10, block_hash(NEWSLETTER): 10}
    lower = fit(site_pages(), threshold=0.4, min_pages=5).domains["example.com"]
    assert lower.blocks[block_hash(FOOTER)] == 4


def test_model_ships_hashes_not_text():
    text = json.dumps(fit(site_pages(), min_pages=5).as_dict())
    assert "Sign up" not in text and "Home" not in text
    assert block_hash(NEWSLETTER) in text


def test_same_pages_same_model_in_any_order():
    pages = site_pages() + site_pages(7, "other.org")
    expected = json.dumps(fit(pages).as_dict())
    for seed in range(5):
        shuffled = pages[:]
        random.Random(seed).shuffle(shuffled)
        assert json.dumps(fit(shuffled).as_dict()) == expected


def test_copies_of_one_page_count_once():
    """A crawl that fetched one article ten times must not make that article 'site chrome'."""
    same = [(f"https://example.com/a?utm={n}", f"{NAV}\n\n{story(1)}\n") for n in range(10)]
    model = fit(same + site_pages(3), min_pages=5)
    assert "example.com" not in model.domains  # 4 distinct pages: below min_pages


def test_small_domains_are_left_out():
    assert fit(site_pages(4), min_pages=5).domains == {}


@pytest.mark.parametrize(("threshold", "min_pages"), [(0, 5), (1.5, 5), (0.5, 1), (0.5, 2.5), (True, 5)])
def test_bad_settings_are_config_errors(threshold, min_pages):
    with pytest.raises(ConfigError, match="site model"):
        fit(site_pages(), threshold=threshold, min_pages=min_pages)


def test_domain_of():
    assert domain_of("https://www.Example.COM/x") == "example.com"
    assert domain_of("http://news.example.com") == "news.example.com"
    assert domain_of("not a url at all") is None
    assert domain_of(None) is None


def test_site_filter_removes_chrome_with_frequency_in_the_explanation():
    model = fit(site_pages(), min_pages=5)
    config = replace(Config(), site_model=model, url="https://example.com/news/new")
    text = f"{NAV}\n\n{story(99)}\n\n{NEWSLETTER}\n"
    result = clean_and_explain(text, config)
    assert result.text == f"{story(99)}\n"
    assert [(r.filter, r.reason, r.detail) for r in result.removals] == [
        ("site", "site.boilerplate", "on 10 of 10 pages of example.com (100%)")] * 2


def test_pages_of_other_domains_and_pages_without_url_are_untouched():
    model = fit(site_pages(), min_pages=5)
    text = f"{NAV}\n\n{story(99)}\n"
    assert clean(text, replace(Config(), site_model=model, url="https://elsewhere.org/a")) == text
    assert clean(text, replace(Config(), site_model=model)) == text


def test_protect_patterns_beat_the_site_model():
    model = fit(site_pages(), min_pages=5)
    config = replace(Config(), site_model=model, url="https://example.com/x", protect_patterns=("^Home",))
    assert clean(f"{NAV}\n\n{story(1)}\n", config) == f"{NAV}\n\n{story(1)}\n"


paragraphs = st.lists(st.text(alphabet="abcdefghij ", min_size=12, max_size=60).filter(lambda s: s.strip()),
                      min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(paragraphs, st.lists(st.sampled_from([NAV, NEWSLETTER, FOOTER]), max_size=4))
def test_site_cleaning_is_idempotent_and_keeps_unknown_blocks(body, chrome):
    model = fit(site_pages(), threshold=0.4, min_pages=5)
    config = replace(Config(filters=("site",)), site_model=model, url="https://example.com/p")
    text = "\n\n".join(chrome + body) + "\n"
    once = clean(text, config)
    assert clean(once, config) == once
    known = {block_hash(b) for b in (NAV, NEWSLETTER, FOOTER)}
    expected = [line for line in text.split("\n") if line.strip() and block_hash(line) not in known]
    assert [line for line in once.split("\n") if line.strip()] == expected


def test_model_file_round_trip(tmp_path):
    model = fit(site_pages(), min_pages=5)
    path = tmp_path / "m.json"
    model.save(str(path))
    assert load_model(str(path)).as_dict() == model.as_dict()
    assert json.loads(path.read_text())["format"] == FORMAT


@pytest.mark.parametrize(("change", "problem"), [
    ({"format": "something/9"}, "format is 'something/9'"),
    ({"hash": "md5"}, "hash scheme"),
    ({"threshold": 3}, "threshold"),
    ({"domains": []}, "'domains' must be an object"),
    ({"domains": {"a.com": {"pages": 0, "blocks": {}}}}, "'pages' must be a positive integer"),
    ({"domains": {"a.com": {"pages": 5, "blocks": {"xyz": 1}}}}, "not a block hash"),
    ({"domains": {"a.com": {"pages": 5, "blocks": {"0123456789abcdef": 9}}}}, "expected 1 to 5"),
])
def test_bad_model_files_are_rejected_naming_file_and_problem(tmp_path, change, problem):
    data = {**fit(site_pages(), min_pages=5).as_dict(), **change}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ConfigError, match=f"site model {path}: .*{problem}"):
        load_model(str(path))


def test_unreadable_and_non_json_model_files(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_model(str(tmp_path / "missing.json"))
    (tmp_path / "x.json").write_text("{nope")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_model(str(tmp_path / "x.json"))
    with pytest.raises(ConfigError, match="expected a JSON object"):
        model_from_dict([1, 2])


def test_config_rejects_a_model_that_is_not_a_site_model():
    with pytest.raises(ConfigError, match=r"Config\.site_model must be a SiteModel"):
        Config(site_model={"domains": {}})  # type: ignore[arg-type]


def run(argv, stdin=b""):
    out, err = io.BytesIO(), io.StringIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue().decode(), err.getvalue()


def write_jsonl(path, pages):
    path.write_text("".join(json.dumps({"url": u, "text": t}) + "\n" for u, t in pages))


def test_cli_fit_then_apply(tmp_path):
    pages = [*site_pages(), ("https://elsewhere.org/1", f"{NAV}\n\n{story(5)}\n")]
    write_jsonl(tmp_path / "pages.jsonl", pages)
    model = tmp_path / "site-model.json"
    status, _, err = run(["fit", "--jsonl", str(tmp_path / "pages.jsonl"), "--url-field", "url",
                          "--out", str(model)])
    assert status == 0, err
    assert "2 boilerplate blocks" in err
    assert load_model(str(model)).as_dict() == fit(pages).as_dict()
    status, out, err = run(["--jsonl", "--model", str(model), "--explain", str(tmp_path / "pages.jsonl")])
    assert status == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["text"] == f"{story(0)}\n\nSecond paragraph of story 0.\n\n{FOOTER}\n"
    assert records[-1]["text"] == f"{NAV}\n\n{story(5)}\n"  # not in the model
    assert '"detail": "on 10 of 10 pages of example.com (100%)"' in err


def test_cli_fit_reports_bad_records_by_line_and_still_writes(tmp_path):
    write_jsonl(tmp_path / "pages.jsonl", site_pages())
    with open(tmp_path / "pages.jsonl", "a") as handle:
        handle.write("not json\n{\"url\": 3, \"text\": \"x\"}\n")
    status, _, err = run(["fit", "--jsonl", str(tmp_path / "pages.jsonl"), "--out", str(tmp_path / "m.json")])
    assert status == 1
    assert "line 11:" in err and "line 12:" in err
    assert load_model(str(tmp_path / "m.json")).domains["example.com"].pages == 10


def test_cli_fit_from_stdin_and_usage_errors(tmp_path):
    stdin = "".join(json.dumps({"url": u, "text": t}) + "\n" for u, t in site_pages()).encode()
    status, _, err = run(["fit", "--jsonl", "-", "--out", str(tmp_path / "m.json"), "--min-pages", "3"], stdin)
    assert status == 0, err
    assert run(["fit", "--jsonl", "-", "--out", "x.json", "--threshold", "2"])[0] == 2
    assert run(["fit", "--out", "x.json"])[0] == 2
    status, _, err = run(["fit", "--jsonl", str(tmp_path / "missing.jsonl"), "--out", "x.json"])
    assert status == 1 and "cannot read" in err


def test_cli_model_on_a_single_file_needs_url(tmp_path):
    model = tmp_path / "m.json"
    fit(site_pages()).save(str(model))
    text = f"{NAV}\n\n{story(3)}\n".encode()
    status, _, err = run(["--model", str(model)], text)
    assert status == 2 and "--model needs each page's URL" in err
    assert run(["--model", str(model), "--url", "https://example.com/z"], text)[1] == f"{story(3)}\n"


def test_cli_disable_site_ignores_the_model(tmp_path):
    model = tmp_path / "m.json"
    fit(site_pages()).save(str(model))
    text = f"{NAV}\n\n{story(3)}\n"
    argv = ["--model", str(model), "--url", "https://example.com/z", "--disable", "site"]
    assert run(argv, text.encode())[1] == text


def test_cli_bad_model_file_is_a_usage_error(tmp_path):
    (tmp_path / "m.json").write_text('{"format": "declutter.site-model/0"}')
    status, _, err = run(["--model", str(tmp_path / "m.json"), "--url", "https://a.com"], b"x\n")
    assert status == 2
    assert err.startswith("declutter: error: site model ") and "format is 'declutter.site-model/0'" in err


def test_cli_file_named_fit_still_needs_dispatch_only_on_first_arg(tmp_path):
    """``declutter FILE`` keeps working next to the ``fit`` subcommand."""
    path = tmp_path / "article.txt"
    path.write_text("By Jane Doe\n\nThe council met.\n")
    assert run([str(path)])[1] == "The council met.\n"
    assert run(["--list-filters"])[1].count("site") >= 1


@pytest.mark.parametrize("module", ["declutter.sitemodel", "declutter.rules", "declutter.batch",
                                    "declutter.filters.site"])
def test_module_examples(module):
    import importlib

    failures, attempted = doctest.testmod(importlib.import_module(module), optionflags=doctest.NORMALIZE_WHITESPACE)
    assert attempted > 0, f"{module} has no examples to run"
    assert failures == 0


def test_declutter_import_pulls_no_integration_library():
    import subprocess
    import sys

    code = ("import sys, declutter, declutter.cli; "
            "print(sorted(m for m in ('scrapy', 'dask', 'datatrove', 'langchain_core') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(__import__("pathlib").Path(declutter.__file__).parents[1])})
    assert done.stdout.strip() == "[]"
