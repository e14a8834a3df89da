"""Documentation stays true: every CLI option, filter and Config field is in the README."""

from __future__ import annotations

import dataclasses
import importlib
import re
from pathlib import Path

import declutter
from declutter.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
# The reference lives in README.md and docs/*.md.
README = "\n".join(path.read_text(encoding="utf-8")
                   for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def test_every_cli_option_is_documented() -> None:
    options = {o for action in build_parser()._actions for o in action.option_strings if o.startswith("--")}
    missing = sorted(o for o in options - {"--help"} if f"`{o}" not in README)
    assert not missing, f"options missing from README.md: {missing}"


def test_every_filter_and_reason_is_documented() -> None:
    for name in declutter.FILTERS:
        assert f"**{name}**" in README, name
    for name in ("chrome", "bylines", "captions", "duplicates", "promos", "patterns", "site"):
        module = importlib.import_module(f"declutter.filters.{name}")
        for reason in module.Reason:
            assert f"`{reason.value}`" in README, reason.value


def test_every_config_field_is_documented() -> None:
    for field in dataclasses.fields(declutter.Config):
        assert f"`{field.name}`" in README, field.name


def test_readme_opens_with_install_and_test_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    first, second = block.group(1).strip().splitlines()[:2]
    assert first.startswith("pip install -e . && declutter seeds/")
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci
