"""User rules: per-site rule files, CSS selector settings, and the report of rules that matched nothing."""

from __future__ import annotations

import io
import json

import pytest

from declutter import Config, ConfigError, clean
from declutter.cli import main
from declutter.rules import RuleReport, load_rules, page_config, rules_from_dict, unmatched_rules

RULES_TOML = """
[sites."example.com"]
remove = ["^Weather:", "^Never seen anywhere$"]
protect = ["^Related: Our methodology"]
remove_selectors = [".newsletter"]

[sites."*"]
remove = ["^Editor picks"]
"""

ARTICLE = ("Weather: sunny in Leeds\n\nThe council met on Monday to vote on the budget.\n\n"
           "Related: Our methodology\n\nEditor picks of the week\n")


@pytest.fixture
def rules_file(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES_TOML)
    return path


def test_site_rules_apply_to_the_domain_and_its_subdomains(rules_file):
    rules = load_rules(str(rules_file))
    for url in ("https://example.com/a", "https://news.example.com/b"):
        assert clean(ARTICLE, page_config(Config(), url, rules)) == (
            "The council met on Monday to vote on the budget.\n\nRelated: Our methodology\n")
    other = clean(ARTICLE, page_config(Config(), "https://notexample.com/a", rules))
    # no site rules here: the weather line stays, the promo goes (automatic), the "*" rule still applies
    assert other == "Weather: sunny in Leeds\n\nThe council met on Monday to vote on the budget.\n"


def test_rules_work_together_with_the_automatic_filters(rules_file):
    rules = load_rules(str(rules_file))
    text = "By Jane Doe\n\nWeather: rain\n\nThe council met.\n"
    assert clean(text, page_config(Config(), "https://example.com/a", rules)) == "The council met.\n"


def test_json_rules_file_equals_toml(tmp_path, rules_file):
    import tomllib

    path = tmp_path / "rules.json"
    path.write_text(json.dumps(tomllib.loads(RULES_TOML)))
    assert load_rules(str(path)) == load_rules(str(rules_file)).__class__(
        tuple(r.__class__(r.action, r.kind, r.value, r.site, str(path)) for r in load_rules(str(rules_file)).rules))


@pytest.mark.parametrize(("content", "problem"), [
    ("[sites.\"example.com\"]\nremove = \"^x\"\n", "remove must be a list of strings"),
    ("[sites.\"example.com\"]\nstrip = [\"^x\"]\n", "unknown key strip"),
    ("[sites.\"not a domain\"]\nremove = [\"^x\"]\n", "not a domain name"),
    ("[sites.\"example.com\"]\nremove = [\"(\"]\n", "invalid regular expression"),
    ("[sites.\"example.com\"]\nremove_selectors = [\"div[\"]\n", "invalid CSS selector"),
    ("remove = [\"^x\"]\n", "expected a 'sites' table"),
    ("[sites\n", "not valid TOML"),
])
def test_bad_rules_files_name_the_file_and_problem(tmp_path, content, problem):
    path = tmp_path / "rules.toml"
    path.write_text(content)
    if "CSS" in problem:
        pytest.importorskip("cssselect")
    with pytest.raises(ConfigError) as caught:
        load_rules(str(path))
    assert f"rules file {path}" in str(caught.value) and problem in str(caught.value)


def test_unmatched_rules_over_a_batch(rules_file):
    rules = load_rules(str(rules_file))
    config = Config(remove_patterns=("^Sponsored$",), protect_patterns=("^Ingredients$",))
    pages = [("https://example.com/a", ARTICLE), ("https://other.org/b", "Sponsored\n\nText.\n")]
    left = unmatched_rules(pages, config, rules)
    assert [(r.action, r.kind, r.value, r.site) for r in left] == [
        ("protect", "pattern", "^Ingredients$", "*"),
        ("remove", "pattern", "^Never seen anywhere$", "example.com"),
        ("remove", "selector", ".newsletter", "example.com"),
    ]
    report = RuleReport(config, rules)
    report.note("Ingredients\n\nNever seen anywhere\n", "https://other.org/c")  # wrong site for the second
    assert "^Never seen anywhere$" in [r.value for r in report.unmatched()]
    assert "^Ingredients$" not in [r.value for r in report.unmatched()]


def run(argv, stdin=b""):
    out, err = io.BytesIO(), io.StringIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err)
    return status, out.getvalue().decode(), err.getvalue()


def test_cli_rules_file_and_report_at_the_end(rules_file, tmp_path):
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"url": "https://example.com/a", "text": ARTICLE}) + "\n")
    status, out, err = run(["--jsonl", "--rules", str(rules_file), "--remove", "^Nothing$", str(pages)])
    assert status == 0
    assert json.loads(out)["text"] == "The council met on Monday to vote on the budget.\n\nRelated: Our methodology\n"
    warnings = [line for line in err.splitlines() if "matched nothing" in line]
    assert warnings == [
        "declutter: warning: rule matched nothing in this run: remove pattern '^Nothing$' for all sites "
        "(command line)",
        f"declutter: warning: rule matched nothing in this run: remove pattern '^Never seen anywhere$' for "
        f"example.com ({rules_file})",
        f"declutter: warning: rule matched nothing in this run: remove selector '.newsletter' for example.com "
        f"({rules_file}) (selectors apply to HTML input only)",
    ]


def test_cli_single_file_uses_url_for_site_rules(rules_file):
    status, out, _ = run(["--rules", str(rules_file), "--url", "https://example.com/a"], ARTICLE.encode())
    assert status == 0 and not out.startswith("Weather")
    status, out, _ = run(["--rules", str(rules_file)], ARTICLE.encode())
    assert out.startswith("Weather") and "Editor picks" not in out  # no URL: only the "*" rules apply


def test_cli_bad_rules_file_is_a_usage_error(tmp_path):
    status, _, err = run(["--rules", str(tmp_path / "missing.toml")], b"x\n")
    assert status == 2 and "rules file" in err and "cannot read" in err


def test_selectors_reach_the_config():
    status, _, err = run(["--remove-selector", ".promo", "--protect-selector", "figure"], b"Text.\n")
    assert status == 0
    assert "remove selector '.promo'" in err and "protect selector 'figure'" in err
    config = Config(remove_selectors=(".promo",), protect_selectors=("figure",))
    assert (config.remove_selectors, config.protect_selectors) == ((".promo",), ("figure",))
    with pytest.raises(ConfigError, match="remove_selectors must be a tuple"):
        Config(remove_selectors=".promo")  # type: ignore[arg-type]


def test_cli_rejects_a_bad_selector():
    pytest.importorskip("cssselect")
    status, _, err = run(["--remove-selector", "div["], b"x\n")
    assert status == 2 and "invalid CSS selector 'div['" in err


def test_selector_rules_match_html_pages():
    pytest.importorskip("cssselect")
    report = RuleReport(Config(remove_selectors=(".newsletter", ".absent")))
    report.note("Text.", "https://example.com/a", html="<div><p class='newsletter'>Sign up</p><p>Text.</p></div>")
    assert [r.value for r in report.unmatched()] == [".absent"]


def test_html_mode_honours_remove_and_protect_selectors():
    from declutter.batch import Batch

    html = ("<html><body><article><p>The council met on Monday to vote on the budget.</p>"
            "<div class='newsletter'><p>Sign up for our newsletter</p></div>"
            "<aside class='related keep'><p>Related: Our methodology</p></aside></article></body></html>")
    config = Config(remove_selectors=(".newsletter",), protect_selectors=(".keep",))
    result = Batch(config).explain_html(html, "https://example.com/a")
    assert "Sign up" not in result.text
    assert "Related: Our methodology" in result.text
    assert "The council met on Monday" in result.text


def test_rules_from_dict_accepts_json_shape():
    rules = rules_from_dict({"sites": {"www.Example.com": {"protect": ["^Ingredients$"]}}})
    assert [(r.site, r.action) for r in rules.rules] == [("example.com", "protect")]
