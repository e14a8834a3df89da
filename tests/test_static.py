"""Static checks run with the tests: ruff (with complexity limits) and strict mypy on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is in the test extra")
def test_ruff_is_clean() -> None:
    result = _run("ruff", "check", "declutter", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    pytest.importorskip("mypy")
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _module_imports(path: Path) -> set[str]:
    """The ``declutter`` modules a module imports, at the top or inside functions
    (a lazy import is still a dependency), but not under ``if TYPE_CHECKING:``."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for stmt in ast.walk(tree)
                   if isinstance(stmt, ast.If) and "TYPE_CHECKING" in ast.dump(stmt.test) for n in ast.walk(stmt)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("declutter"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("declutter"))
    return found


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _find_cycle(graph: dict[str, set[str]]) -> list[str]:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_module_imports_have_no_circle() -> None:
    """No module of the package imports, through others, itself (the import circle
    config -> sitemodel -> filters.duplicates -> config was broken by moving
    ``normalize`` to the low module ``declutter.text``). A package's ``__init__``
    counts as importing its submodules only where it names them, and the implicit
    import of a parent package is not counted."""
    graph = {_module_name(p): _module_imports(p) for p in (ROOT / "declutter").rglob("*.py")}
    graph = {name: {dep for dep in deps if dep in graph and dep != name} for name, deps in graph.items()}
    assert _find_cycle(graph) == []


def test_cycle_finder_finds_a_planted_circle() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
