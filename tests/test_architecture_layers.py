"""docs/architecture.md's layer list is exactly the import-linter contract.

Like datasette's test that its docs list every setting: the picture a newcomer reads and
the rule CI enforces (pyproject.toml ``[tool.importlinter]``) cannot drift apart.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MARKER = "<!-- layers: the contract's `layers`, one line each -->"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _contract_layers() -> list[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["containers"] == ["est_geo"]
    return [" | ".join(p.strip() for p in str(line).split("|")) for line in layers["layers"]]


def _documented_layers(text: str) -> list[str]:
    after = text.split(_MARKER, 1)[1]
    block = re.match(r"\s*```text\n(.*?)\n```", after, re.DOTALL)
    assert block, "the layer list must follow the marker as a ```text block"
    return [" | ".join(p.strip() for p in line.split("|")) for line in block[1].splitlines()]


def test_docs_list_the_contract_layers() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert _MARKER in text
    assert _documented_layers(text) == _contract_layers()


def test_every_top_level_package_is_in_a_layer() -> None:
    """A new package must be placed in the rule (the contract is exhaustive too)."""
    named = {p.strip() for line in _contract_layers() for p in line.split("|")}
    packages = {p.name for p in (ROOT / "est_geo").iterdir() if (p / "__init__.py").is_file()}
    assert packages == named


def test_doc_check_sees_a_difference() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    swapped = text.replace("\nstore\ncore\n", "\ncore\nstore\n", 1)
    assert swapped != text
    assert _documented_layers(swapped) != _contract_layers()


def test_the_contracts_hold() -> None:
    """The same check `make lint` runs, so a plain pytest run sees a broken layer too."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_sees_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_in_est_geo() -> None:
    """Layers only order packages; modules inside one package must not loop either.

    grimp counts imports inside functions too, so a late import cannot hide a cycle.
    """
    import grimp

    graph = grimp.build_graph("est_geo")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    assert _cycles(edges) == []


#: Where an est_geo import may sit inside a function: the CLI keeps ``--help`` light,
#: and the PostGIS backend (psycopg) loads only when a postgresql:// URL is used.
_LATE_IMPORT_ALLOWED = ("est_geo/cli/",)
_LATE_IMPORT_MODULES_ALLOWED = ("est_geo.store.postgis",)


def test_no_late_imports_in_est_geo() -> None:
    late = []
    for path in sorted((ROOT / "est_geo").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(_LATE_IMPORT_ALLOWED):
            continue
        for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if (
                    isinstance(node, ast.ImportFrom)
                    and (node.module or "").startswith("est_geo")
                    and node.module not in _LATE_IMPORT_MODULES_ALLOWED
                ):
                    late.append(f"{rel}:{node.lineno} {node.module}")
    assert late == []
