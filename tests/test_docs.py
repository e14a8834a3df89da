"""Documentation stays true: every CLI option, filter, reason code and Config field is documented, the README stays
a short tour whose links resolve, and every ``>>>`` example in README.md and docs/ runs as written."""

from __future__ import annotations

import argparse
import dataclasses
import doctest
import importlib
import re
from pathlib import Path

import pytest

import declutter
from declutter.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOC_FILES = sorted((ROOT / "docs").glob("*.md"))
DOCS = README + "\n".join(path.read_text(encoding="utf-8") for path in DOC_FILES)
#: The README is a tour, the reference lives in docs/.
README_MAX_WORDS = 2000


def test_every_cli_option_is_documented() -> None:
    options = {o for action in build_parser()._actions if action.help != argparse.SUPPRESS
               for o in action.option_strings if o.startswith("--")}
    missing = sorted(o for o in options - {"--help"} if f"`{o}" not in DOCS)
    assert not missing, f"options missing from README.md and docs/: {missing}"


def test_every_filter_and_reason_is_documented() -> None:
    for name in declutter.FILTERS:
        assert f"**{name}**" in DOCS, name
    for name in ("chrome", "bylines", "captions", "duplicates", "promos", "patterns", "site"):
        module = importlib.import_module(f"declutter.filters.{name}")
        for reason in module.Reason:
            assert f"`{reason.value}`" in DOCS, reason.value


def test_every_config_field_is_documented() -> None:
    for field in dataclasses.fields(declutter.Config):
        assert f"`{field.name}`" in DOCS, field.name


def test_readme_opens_with_install_and_test_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert block is not None
    first, second = block.group(1).strip().splitlines()[:2]
    assert first.startswith("pip install -e . && declutter seeds/")
    assert "pytest" in second
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci


def test_readme_is_a_short_tour_and_docs_hold_the_reference() -> None:
    assert len(README.split()) <= README_MAX_WORDS
    assert len(DOC_FILES) >= 4


def test_links_to_local_files_resolve() -> None:
    for path in [ROOT / "README.md", *DOC_FILES]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            assert (path.parent / target).exists(), f"{path.name}: broken link {target}"


def _python_blocks(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    return [(text[:m.start()].count("\n") + 2, m.group(1)) for m in re.finditer(r"```python\n(.*?)```", text, re.S)
            if ">>>" in m.group(1)]


def _examples() -> list[tuple[Path, int, str]]:
    return [(path, line, block) for path in [ROOT / "README.md", *DOC_FILES] for line, block in _python_blocks(path)]


@pytest.mark.parametrize(("path", "line", "block"), _examples(),
                         ids=[f"{p.relative_to(ROOT)}:{n}" for p, n, _ in _examples()])
def test_doc_examples_run(path: Path, line: int, block: str) -> None:
    """Each ```python block with ``>>>`` prompts is a doctest; the blocks of one file do not share names."""
    test = doctest.DocTestParser().get_doctest(block, {"declutter": declutter}, str(path), str(path), line)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    failures: list[str] = []
    runner.run(test, out=failures.append)
    assert runner.failures == 0, "".join(failures)
