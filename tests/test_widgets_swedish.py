"""Streamlit widgets show no English of their own (issue 13 item 11).

Streamlit's defaults are English: a multiselect says "Choose options" and offers
"Select all", a date input shows "yyyy / mm / dd". Every call in ``ui/`` and
``app_pages/`` must pass a translated ``placeholder`` and ``select_all=False``, or
``format="YYYY-MM-DD"``; this walks the source so a new widget cannot slip through.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*ROOT.joinpath("ui").rglob("*.py"), *ROOT.joinpath("app_pages").rglob("*.py")])


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
            ):
                found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def test_the_walk_finds_the_widgets() -> None:
    # The "nothing chosen means all" boxes of every page share ui.filters.any_of, so few
    # calls remain; what the walk must see is each of the known ones.
    assert len(_calls("multiselect")) >= 4 and len(_calls("date_input")) >= 5


@pytest.mark.parametrize(("where", "call"), _calls("multiselect"))
def test_multiselect_has_a_swedish_placeholder_and_no_select_all(
    where: str, call: ast.Call
) -> None:
    placeholder = _keyword(call, "placeholder")
    assert placeholder is not None, f"{where}: placeholder missing ('Choose options')"
    assert not isinstance(placeholder, ast.Constant), f"{where}: placeholder not translated"
    select_all = _keyword(call, "select_all")
    assert isinstance(select_all, ast.Constant) and select_all.value is False, (
        f"{where}: select_all=False missing ('Select all')"
    )


@pytest.mark.parametrize(("where", "call"), _calls("date_input"))
def test_date_input_shows_iso_dates(where: str, call: ast.Call) -> None:
    fmt = _keyword(call, "format")
    assert isinstance(fmt, ast.Constant) and fmt.value == "YYYY-MM-DD", (
        f"{where}: format='YYYY-MM-DD' missing ('yyyy / mm / dd')"
    )
