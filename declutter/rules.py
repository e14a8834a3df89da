"""User rules: remove and protect lists, global or per site, and which of them matched.

Rules add to the automatic filters, never replace them. A rule is a regular
expression on a block's stripped text (``re.search``) or, in HTML mode, a CSS
selector; it either removes what it matches or protects it from every filter.
``--remove``/``--protect`` give global rules; a rules file (``--rules FILE``,
TOML or JSON) gives rules per site. A site entry applies to its domain and
its subdomains; ``"*"`` applies everywhere::

    # rules.toml
    [sites."example.com"]
    remove = ["^Advertisement$", "^Sign up for"]
    protect = ["^Ingredients$"]
    remove_selectors = [".newsletter"]      # HTML mode only
    protect_selectors = ["figure.chart"]

    [sites."*"]
    remove = ["^Share this article$"]

:func:`page_config` folds the rules that apply to a page into its
:class:`~declutter.config.Config` (with ``url`` set), so filtering stays
stateless. A rule that never matches is usually a typo or a site redesign, so
:func:`unmatched_rules` reports, over a whole batch, the rules that matched
no block of any page they applied to::

    >>> cfg = Config(remove_patterns=("^Advertisement$", "^Sponsored$"))
    >>> [r.value for r in unmatched_rules([("https://a.example/1", "Advertisement\\nText.")], cfg)]
    ['^Sponsored$']
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from declutter.blocks import split_text
from declutter.config import Config
from declutter.errors import ConfigError
from declutter.filters.patterns import compile_user_patterns
from declutter.sitemodel import domain_of

ANY_SITE = "*"


class Action(StrEnum):
    REMOVE = "remove"
    PROTECT = "protect"


class Kind(StrEnum):
    PATTERN = "pattern"
    SELECTOR = "selector"


#: Keys of a site entry: (action, kind) of the rules each one lists.
_KEYS = {"remove": (Action.REMOVE, Kind.PATTERN), "protect": (Action.PROTECT, Kind.PATTERN),
         "remove_selectors": (Action.REMOVE, Kind.SELECTOR), "protect_selectors": (Action.PROTECT, Kind.SELECTOR)}
#: Where each (action, kind) goes in Config.
_FIELDS = {(Action.REMOVE, Kind.PATTERN): "remove_patterns", (Action.PROTECT, Kind.PATTERN): "protect_patterns",
           (Action.REMOVE, Kind.SELECTOR): "remove_selectors", (Action.PROTECT, Kind.SELECTOR): "protect_selectors"}


@dataclass(frozen=True, slots=True)
class Rule:
    """One remove or protect rule: a regex (``pattern``) or a CSS ``selector``, for a site or ``*``."""

    action: Action
    kind: Kind
    value: str
    site: str = ANY_SITE
    source: str = "command line"

    def applies_to(self, domain: str | None) -> bool:
        """True for ``*`` rules, and for a page of the rule's domain or one of its subdomains."""
        if self.site == ANY_SITE:
            return True
        return domain is not None and (domain == self.site or domain.endswith(f".{self.site}"))

    def describe(self) -> str:
        """A one-line description naming the rule, its site and where it came from."""
        where = "all sites" if self.site == ANY_SITE else self.site
        return f"{self.action} {self.kind} {self.value!r} for {where} ({self.source})"


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of a rules file, in file order."""

    rules: tuple[Rule, ...] = ()

    def for_url(self, url: str | None) -> tuple[Rule, ...]:
        """The rules that apply to a page at ``url`` (``*`` rules apply to every page)."""
        domain = domain_of(url)
        return tuple(r for r in self.rules if r.applies_to(domain))


def config_rules(config: Config) -> tuple[Rule, ...]:
    """The global rules a Config already holds (``--remove``, ``--protect``, selectors)."""
    return tuple(Rule(action, kind, value) for (action, kind), name in _FIELDS.items()
                 for value in getattr(config, name))


def page_config(config: Config, url: str | None = None, rules: RuleSet | None = None) -> Config:
    """The Config for one page: ``url`` set and the page's site rules added to the global ones."""
    extra = rules.for_url(url) if rules is not None else ()
    changes: dict[str, object] = {"url": url}
    for key, name in _FIELDS.items():
        added = tuple(r.value for r in extra if (r.action, r.kind) == key)
        if added:
            current: tuple[str, ...] = getattr(config, name)
            changes[name] = current + tuple(v for v in dict.fromkeys(added) if v not in current)
    return replace(config, **changes)  # type: ignore[arg-type]


def matched_rules(text: str, config: Config, rules: RuleSet | None = None, url: str | None = None,
                  html: str | None = None) -> frozenset[Rule]:
    """The rules that match at least one block of this page (selectors: one element of ``html``).

    Pattern rules are tried on the text's blocks; selector rules need the
    page's HTML and match nothing without it.
    """
    applicable = config_rules(config) + (rules.for_url(url) if rules is not None else ())
    stripped = [b.text.strip() for b in split_text(text).blocks]
    found = set()
    for rule in applicable:
        if rule.kind == Kind.PATTERN:
            (pattern,) = compile_user_patterns((rule.value,), rule.action)
            if any(pattern.search(t) for t in stripped):
                found.add(rule)
        elif html is not None and _selector_matches(rule.value, html):
            found.add(rule)
    return frozenset(found)


def unmatched_rules(pages: Iterable[tuple[str | None, str]], config: Config,
                    rules: RuleSet | None = None) -> tuple[Rule, ...]:
    """The rules (global and per site) that matched no block in any of the ``(url, text)`` pages."""
    report = RuleReport(config, rules)
    for url, text in pages:
        report.note(text, url)
    return report.unmatched()


@dataclass
class RuleReport:
    """Which rules of a run matched so far: feed it each page, ask for the unmatched rules at the end.

    It belongs to the caller's run (a CLI invocation, a crawl), never to a
    pipeline: cleaning does not read it.
    """

    config: Config
    rules: RuleSet | None = None
    seen: set[Rule] = field(default_factory=set)

    def note(self, text: str, url: str | None = None, html: str | None = None) -> None:
        """Record the rules that match this page."""
        if self.rules is not None or any(getattr(self.config, name) for name in _FIELDS.values()):
            self.seen |= matched_rules(text, self.config, self.rules, url, html)

    def unmatched(self) -> tuple[Rule, ...]:
        """The rules that matched no page noted so far, in the order they were given."""
        return tuple(r for r in all_rules(self.config, self.rules) if r not in self.seen)


def all_rules(config: Config, rules: RuleSet | None = None) -> tuple[Rule, ...]:
    """Every rule of a run, once each: the global ones from ``config``, then the rules file's."""
    return tuple(dict.fromkeys(config_rules(config) + (rules.rules if rules is not None else ())))


def _selector_matches(selector: str, html: str) -> bool:
    import lxml.html

    try:
        import cssselect  # noqa: F401 (lxml's cssselect needs it)
    except ImportError:
        raise ConfigError("CSS selector rules need the cssselect package: pip install cssselect") from None
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return False
    return bool(tree.cssselect(selector))


def check_selector(selector: str, where: str) -> None:
    """Reject a CSS selector that does not parse, naming it and where it came from."""
    try:
        from cssselect import GenericTranslator, SelectorError
    except ImportError:
        return
    try:
        GenericTranslator().css_to_xpath(selector)
    except SelectorError as exc:
        raise ConfigError(f"{where}: invalid CSS selector {selector!r}: {exc}") from None


def load_rules(path: str) -> RuleSet:
    """Read a TOML (``.toml``) or JSON rules file; any problem is a ConfigError naming the file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:
        raise ConfigError(f"rules file {path}: cannot read it: {exc.strerror}") from None
    try:
        data = json.loads(raw) if not path.endswith(".toml") else tomllib.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        kind = "TOML" if path.endswith(".toml") else "JSON"
        raise ConfigError(f"rules file {path}: not valid {kind} ({exc})") from None
    return rules_from_dict(data, path)


def rules_from_dict(data: object, source: str = "<rules>") -> RuleSet:
    """Validate decoded rules (``{"sites": {domain: {remove: [...], ...}}}``) and build the set."""
    if not isinstance(data, dict) or not isinstance(data.get("sites"), dict) or set(data) - {"sites", "format"}:
        raise ConfigError(f"rules file {source}: expected a 'sites' table mapping domains to rules "
                          f"(e.g. [sites.\"example.com\"] remove = [\"^Advertisement$\"])")
    rules: list[Rule] = []
    for site, entry in data["sites"].items():
        rules.extend(_site_rules(site, entry, source))
    return RuleSet(tuple(rules))


def _site_rules(site: str, entry: object, source: str) -> list[Rule]:
    where = f"rules file {source}, site {site!r}"
    if site != ANY_SITE and domain_of(site) != site.lower().removeprefix("www."):
        raise ConfigError(f"{where}: not a domain name (use e.g. 'example.com', or '*' for all sites)")
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table of rule lists")
    unknown = set(entry) - set(_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(sorted(unknown))}; expected {', '.join(_KEYS)}")
    rules = []
    for key, values in entry.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{where}: {key} must be a list of strings")
        action, kind = _KEYS[key]
        for value in values:
            if kind == Kind.PATTERN:
                compile_user_patterns((value,), f"{where}: {action}")
            else:
                check_selector(value, where)
            rules.append(Rule(action, kind, value, site if site == ANY_SITE else domain_of(site) or site, source))
    return rules
