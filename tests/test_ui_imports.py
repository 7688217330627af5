"""The ui/ glue imports one way: no two ui modules import each other, no late ui imports.

Why: ``ui.auth`` and ``ui.navigation`` used to import each other, held apart by imports
inside functions (issue 17 item 5); a late import hides a cycle instead of removing it.
Read from the source (ast), so the test needs no Streamlit run.
"""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"


def _module(path: Path) -> str:
    parts = path.relative_to(UI.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _ui_imports(node: ast.AST) -> list[str]:
    """ui modules named by one import statement."""
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module == "ui":
            return [f"ui.{a.name}" for a in node.names]
        if node.module.startswith("ui."):
            return [node.module]
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("ui.")]
    return []


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    graph: dict[str, set[str]] = {}
    late: list[tuple[str, str]] = []
    for path in sorted(UI.rglob("*.py")):
        name = _module(path)
        tree = ast.parse(path.read_text("utf-8"))
        top = {id(n) for n in tree.body}
        graph[name] = set()
        for node in ast.walk(tree):
            for target in _ui_imports(node):
                graph[name].add(target)
                if id(node) not in top and not _under_type_checking(tree, node):
                    late.append((name, target))
    return graph, late


def _under_type_checking(tree: ast.Module, node: ast.AST) -> bool:
    return any(
        isinstance(n, ast.If)
        and isinstance(n.test, ast.Name)
        and n.test.id == "TYPE_CHECKING"
        and node in list(ast.walk(n))
        for n in tree.body
    )


def test_no_ui_module_imports_inside_a_function() -> None:
    _, late = _graph()
    assert late == []


def test_ui_modules_have_no_import_cycle() -> None:
    graph, _ = _graph()
    # A module's package is imported with it; only module → module edges count.
    edges = {a: {b for b in deps if b in graph and b != a} for a, deps in graph.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycle.extend([*path[path.index(nxt) :], nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*path, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(edges):
        if state.get(start) is None and visit(start, [start]):
            break
    assert cycle == [], " → ".join(cycle)
    assert "ui.navigation" not in graph["ui.auth"]
