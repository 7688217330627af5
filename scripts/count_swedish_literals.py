"""Count Swedish interface literals outside the translation catalogue (issue 17 item 4).

Why a script: "one path for every text a user reads" is only checkable if the remaining
Swedish text in code can be counted the same way before and after. It walks the Python
source of ``est_geo/`` (except the catalogue ``est_geo/i18n/``), ``ui/`` and
``app_pages/`` with ``ast`` and reports every string literal (f-string parts included)
that reads as Swedish prose: it holds å/ä/ö or one of a few common Swedish words.

Left out, because they are not interface text: docstrings, comments (not in the AST),
identifier-like strings without spaces (column names, keys, slugs such as
``"brottskategori"``), strings used as dictionary keys or subscripts, and arguments of
``logging`` calls; the demo's fictitious data (see ``EXCLUDED``). Also counted:
module-level tables named ``*_SV``/``*_EN`` and functions named ``*_sv``.

Usage: ``python scripts/count_swedish_literals.py [--list] [--by-file]``.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("est_geo", "ui", "app_pages")
#: The catalogue itself, and the demo's fictitious data (incident descriptions, agenda
#: items), which is data written into the database, not interface text.
EXCLUDED = ("est_geo/i18n/", "est_geo/demo/generate.py", "est_geo/demo/meeting.py", "est_geo/demo/")

_SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
_SWEDISH_WORDS = re.compile(
    r"\b(och|inte|eller|för|med|som|till|saknas|finns|kan|ska|skall|vid|utan|alla|"
    r"ingen|inga|inget|rad|rader|fel|kolumn|kolumnen|område|områden|händelser|"
    r"vecka|veckor|dag|dagar|timme|timmar|ruta|rutor|antal|ange|välj|visa|sidan|"
    r"den|det|de|en|ett|är|var|har|hade|blir|blev|mot|från|efter|före|under|över)\b",
    re.IGNORECASE,
)
_IDENTIFIER_LIKE = re.compile(r"^[\wåäöÅÄÖ.:/\-]*$")
_LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}


@dataclass(frozen=True)
class Literal:
    """One Swedish-looking string: where it is and what it says."""

    path: str
    line: int
    text: str


def _is_swedish(text: str) -> bool:
    """True for prose a Swedish reader would read (not a key, slug or column name)."""
    stripped = text.strip()
    if not stripped or (_IDENTIFIER_LIKE.match(stripped) and " " not in stripped):
        return False
    return bool(_SWEDISH_LETTERS.search(stripped) or _SWEDISH_WORDS.search(stripped))


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _data_ids(tree: ast.AST) -> set[int]:
    """Strings used as data: dictionary keys, subscripts and log-message arguments."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            ids.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.Subscript):
            ids.update(id(n) for n in ast.walk(node.slice))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOG_METHODS
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"log", "logger", "LOG", "_log", "_LOG", "logging"}
        ):
            ids.update(id(n) for arg in node.args for n in ast.walk(arg))
    return ids


def literals_in(path: Path) -> Iterator[Literal]:
    """Every Swedish interface literal in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_ids(tree) | _data_ids(tree) | _f_string_parts(tree)
    rel = path.relative_to(ROOT).as_posix()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value if isinstance(v, ast.Constant) else "{}"
                for v in node.values
                if isinstance(v, ast.Constant | ast.FormattedValue)
            )
            if _is_swedish(text):
                yield Literal(rel, node.lineno, text)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and _is_swedish(node.value)
        ):
            yield Literal(rel, node.lineno, node.value)


def _f_string_parts(tree: ast.AST) -> set[int]:
    """Pieces of f-strings, counted once as the whole f-string instead."""
    return {
        id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values
    }


def sources() -> list[Path]:
    """The Python files scanned, the catalogue excluded."""
    files = [p for d in SOURCE_DIRS for p in sorted(ROOT.joinpath(d).rglob("*.py"))]
    return [f for f in files if not f.relative_to(ROOT).as_posix().startswith(EXCLUDED)]


def scan() -> tuple[list[Literal], list[str], list[str]]:
    """(literals, ``*_SV``/``*_EN`` tables, ``*_sv`` functions) over all sources."""
    found: list[Literal] = []
    tables: list[str] = []
    functions: list[str] = []
    for path in sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(ROOT).as_posix()
        found.extend(literals_in(path))
        for node in ast.walk(tree):
            for name in _assigned_names(node):
                if re.search(r"_(SV|EN)$", name):
                    tables.append(f"{rel}:{name}")
            if isinstance(node, ast.FunctionDef) and node.name.endswith("_sv"):
                functions.append(f"{rel}:{node.name}")
    return found, tables, functions


def _assigned_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="print every literal found")
    parser.add_argument("--by-file", action="store_true", help="print counts per file")
    args = parser.parse_args(argv)
    found, tables, functions = scan()
    if args.list:
        for lit in found:
            print(f"{lit.path}:{lit.line}: {lit.text!r}")
    if args.by_file:
        for path, n in Counter(lit.path for lit in found).most_common():
            print(f"{n:5d}  {path}")
    print(f"Swedish literals outside the catalogue: {len(found)}")
    print(f"*_SV/*_EN tables: {len(tables)} {' '.join(tables)}")
    print(f"*_sv functions: {len(functions)} {' '.join(functions)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
