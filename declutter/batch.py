"""Cleaning many pages with one run's settings: site model, per-site rules, rule report.

The CLI and the Scrapy, LangChain and datatrove adapters all clean through a
:class:`Batch`, so a page is cleaned the same way whichever door it came in
by. Each page gets its own :class:`~declutter.config.Config` (its URL, its
site's rules) from :func:`declutter.rules.page_config`; the batch only keeps
the run's :class:`~declutter.rules.RuleReport`, which never changes output::

    >>> batch = Batch(Config(remove_patterns=("^Advertisement$", "^Sponsored$")))
    >>> batch.explain("Advertisement\\nThe council met.\\n", url="https://example.com/a").text
    'The council met.\\n'
    >>> [rule.value for rule in batch.unmatched()]
    ['^Sponsored$']
"""

from __future__ import annotations

from dataclasses import dataclass, field

from declutter.config import Config
from declutter.pipeline import Pipeline, Result, pipeline_for
from declutter.rules import Rule, RuleReport, RuleSet, page_config


@dataclass
class Batch:
    """One run's base Config and rules file, and which rules have matched so far."""

    config: Config = field(default_factory=Config)
    rules: RuleSet | None = None
    report: RuleReport = field(init=False)

    def __post_init__(self) -> None:
        Pipeline(config=self.config)
        self.report = RuleReport(self.config, self.rules)

    def config_for(self, url: str | None) -> Config:
        """The Config one page is cleaned with (its URL set, its site's rules added)."""
        return page_config(self.config, url, self.rules)

    def explain(self, text: str, url: str | None = None) -> Result:
        """Clean one text page and note which rules matched it."""
        result = pipeline_for(self.config_for(url)).explain(text)
        self.report.note(text, url)
        return result

    def explain_markdown(self, md: str, url: str | None = None) -> Result:
        """Clean one Markdown page (:func:`declutter.markdown.clean_markdown_and_explain`)."""
        from declutter.markdown import clean_markdown_and_explain

        result = clean_markdown_and_explain(md, self.config_for(url))
        self.report.note(md, url)
        return result

    def explain_html(self, html: str | bytes, url: str | None = None, output_format: str = "text") -> Result:
        """Clean one HTML page with HTML mode (:func:`declutter.html.clean_html_and_explain`)."""
        from declutter.html import clean_html_and_explain

        result = clean_html_and_explain(html, url=url, config=self.config_for(url), output_format=output_format)
        seen = "\n".join([result.text, *(removal.text for removal in result.removals)])
        self.report.note(seen, url, html if isinstance(html, str) else html.decode("utf-8", "replace"))
        return result

    def unmatched(self) -> tuple[Rule, ...]:
        """The rules that matched nothing so far in this run."""
        return self.report.unmatched()
