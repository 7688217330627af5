"""Indicator value tables (CSV, XLSX): read within limits, validated row by row, imported.

Never imports streamlit.
"""

from __future__ import annotations

import csv
import io as _io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from est_geo.core.errors import Problem
from est_geo.core.model import DEFAULT_INDICATORS
from est_geo.core.periods import indicator_period_reason, normalise_indicator_period
from est_geo.indicators.catalogue import DERIVED_KEYS, ensure_default_catalogue, find_definition
from est_geo.indicators.codes import (
    deso_reason,
    is_deso,
)
from est_geo.indicators.io._areas import (
    _ENCODINGS,
    AREA_NAMES,
    KEY_NAMES,
    N_NAMES,
    PERIOD_NAMES,
    TABLE_FILE_SUFFIXES,
    VALUE_NAMES,
    _check_file,
    _problem_error,
)
from est_geo.indicators.join import JoinReport, join_report
from est_geo.indicators.versions import area_versions_of, shown_version
from est_geo.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_columns,
    check_sheet,
    check_text,
    check_zip,
    count_sheet_rows,
)
from est_geo.store import Store

__all__ = [
    "ValuesImport",
    "ValuesImportResult",
    "import_indicator_values",
    "read_indicator_values",
    "read_table",
]


# --------------------------------------------------------------------------- tables


def _sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _check_xlsx(data: bytes, sheet: str | None, limits: ReadLimits) -> None:
    """Unpacked size and the sheet's dimension (or counted rows) before pandas loads it."""
    import openpyxl

    check_zip(data, limits)
    count_sheet_rows(data, limits, sheet=sheet)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    # A damaged workbook: pandas reads it next and reports why, as it always did.
    except Exception:  # openpyxl raises zip, XML, KeyError, TypeError … on damaged files
        return
    try:
        if sheet is None or sheet in book.sheetnames:
            ws = book[sheet] if sheet is not None else book.worksheets[0]
            check_sheet(ws, limits, count_rows=True)
    finally:
        book.close()


def read_table(
    path: str | Path, *, sheet: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> pd.DataFrame:
    """Read a CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or XLSX as text cells.

    Everything is read as text so codes keep their leading zeros (``0581…``); numbers
    are parsed later, per column, with the row of every bad cell reported. ``limits``
    are checked before parsing (:mod:`est_geo.io.limits`).
    """
    p = Path(path)
    _check_file(p, TABLE_FILE_SUFFIXES)
    data = p.read_bytes()
    if p.suffix.lower() == ".xlsx":
        _check_xlsx(data, sheet, limits)
        try:
            frame = pd.read_excel(p, sheet_name=sheet or 0, dtype=object)
        except (ValueError, KeyError, OSError) as exc:
            raise _problem_error(
                [Problem.keyed(None, "fil", p.name, "indicators.problem.not_excel", error=exc)],
                "indicators.error.cannot_read_table",
            ) from exc
        return frame.rename(columns=lambda c: str(c).strip())
    check_text(data, limits)
    text: str | None = None
    for encoding in _ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        raise _problem_error(
            [Problem.keyed(None, "fil", p.name, "indicators.problem.encoding")],
            "indicators.error.cannot_read_table",
        )
    delimiter = _sniff_delimiter(text)
    header_end = text.find("\n")
    check_columns(text[: header_end if header_end >= 0 else None].count(delimiter) + 1, limits)
    try:
        frame = pd.read_csv(_io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _problem_error(
            [Problem.keyed(None, "fil", p.name, "indicators.problem.not_csv", error=exc)],
            "indicators.error.cannot_read_table",
        ) from exc
    return frame.rename(columns=lambda c: str(c).strip())


def _pick(frame: pd.DataFrame, given: str | None, candidates: Sequence[str]) -> str | None:
    if given is not None:
        return given if given in frame.columns else None
    lower = {str(c).lower(): str(c) for c in frame.columns}
    for name in candidates:
        if name in lower:
            return lower[name]
    return None


def _missing_columns(
    frame: pd.DataFrame, wanted: Sequence[tuple[str, str | None, str]]
) -> list[Problem]:
    """One problem per column looked for and not found, naming the columns there are.

    ``wanted`` holds ``(role, column found or None, name to report)``; every reader of a
    table says a missing column the same way.
    """
    available = ", ".join(str(c) for c in frame.columns)
    return [
        Problem.keyed(None, role, name, "indicators.problem.column_not_found", columns=available)
        for role, found, name in wanted
        if found is None
    ]


def _number(cell: object) -> float | None:
    """A number from a cell, accepting a decimal comma and spaces as thousands separators."""
    if cell is None or (isinstance(cell, float) and np.isnan(cell)):
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    text = str(cell).strip().replace("\u00a0", "").replace(" ", "").replace("−", "-")
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return float("nan")


@dataclass(frozen=True)
class ValuesImport:
    """Indicator values read from a table (columns of :meth:`Store.add_indicator_values`)."""

    values: pd.DataFrame
    area_column: str
    period_column: str


def read_indicator_values(
    path: str | Path,
    *,
    known_indicators: Sequence[str],
    indicator: str | None = None,
    area_column: str | None = None,
    period_column: str | None = None,
    value_column: str | None = None,
    n_column: str | None = None,
    sheet: str | None = None,
    code_level: str | None = None,
    period: str | None = None,
) -> ValuesImport:
    """Read indicator values keyed by area code and period.

    Two shapes are accepted: a long table with an indicator column
    (``indicator_key, area_code, period, value[, n]``), or a table for one indicator
    given with ``indicator`` (then no indicator column is needed). Column names are
    recognised in Swedish and English when not given.

    Raises
    ------
    ValidationError
        Listing every bad row: unknown indicator, missing code, bad period (year
        ``2024``, quarter ``2024-Q1`` or month ``2024-05``), value that is not a number,
        negative ``n``, the same area and period twice, a malformed DeSO code. Values of
        derived indicators (``rapporter_per_1000``) are refused: EST Geo computes those.

    ``period`` gives every row the same period, for tables that have none of their own
    (SCB's exports put the year in the column header); it cannot be combined with
    ``period_column``.

    Notes
    -----
    ``code_level="deso"`` checks every code against SCB's DeSO format. When not given,
    the check is switched on if most codes are DeSO codes: then the odd one out is a
    typo or a lost leading zero (``581A0040``), not an area of another kind.
    """
    frame = read_table(path, sheet=sheet)
    problems: list[Problem] = []
    cols = {
        "area": (_pick(frame, area_column, AREA_NAMES), area_column, "area_code"),
        "period": (
            _pick(frame, period_column, PERIOD_NAMES) if period is None else "",
            period_column,
            "period",
        ),
        "value": (_pick(frame, value_column, VALUE_NAMES), value_column, "value"),
    }
    problems += _missing_columns(
        frame, [(role, found, given or default) for role, (found, given, default) in cols.items()]
    )
    key_col = None if indicator else _pick(frame, None, KEY_NAMES)
    if indicator is None and key_col is None:
        problems.append(Problem.keyed(None, "indicator", "", "indicators.problem.indicator_needed"))
    n_col = _pick(frame, n_column, N_NAMES)
    if n_column is not None:
        problems += _missing_columns(frame, [("n", n_col, n_column)])
    fixed = ""
    if period is not None:
        fixed = normalise_indicator_period(period)
        if period_column is not None:
            problems.append(
                Problem.keyed(None, "period", period, "indicators.problem.period_or_column")
            )
        elif bad := indicator_period_reason(fixed):
            problems.append(Problem.keyed(None, "period", period, bad[0], **bad[1]))
    if problems:
        raise _problem_error(problems, "indicators.error.table_unusable")
    a_col, p_col, v_col = (str(cols[r][0]) for r in ("area", "period", "value"))
    raw_codes = ["" if c is None or pd.isna(c) else str(c).strip() for c in frame[a_col]]
    if code_level is None:
        filled = [c for c in raw_codes if c]
        n_deso = sum(is_deso(c) for c in filled)
        code_level = "deso" if filled and n_deso * 2 >= len(filled) else None
    known = set(known_indicators)
    rows: list[tuple[str, str, str, float, float | None]] = []
    seen: dict[tuple[str, str, str], int] = {}
    for i, rec in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        key = indicator if indicator else str(rec[key_col] or "").strip()  # type: ignore[index]
        if key not in known:
            problems.append(
                Problem.keyed(i, "indicator", key, "indicators.problem.unknown_indicator")
            )
        elif key in DERIVED_KEYS:
            problems.append(Problem.keyed(i, "indicator", key, "indicators.problem.derived_import"))
        code_cell = rec[a_col]
        code = "" if code_cell is None or pd.isna(code_cell) else str(code_cell).strip()
        if not code:
            problems.append(Problem.keyed(i, a_col, "", "indicators.problem.no_area_code"))
        elif code_level == "deso" and (issue := deso_reason(code)):
            problems.append(Problem.keyed(i, a_col, code, issue[0], **issue[1]))
        row_period = fixed if period is not None else normalise_indicator_period(rec[p_col])
        bad = indicator_period_reason(row_period) if period is None else None
        if bad:
            problems.append(Problem.keyed(i, p_col, row_period, bad[0], **bad[1]))
        value = _number(rec[v_col])
        if value is None or not np.isfinite(value):
            problems.append(
                Problem.keyed(i, v_col, str(rec[v_col]), "indicators.problem.not_a_number")
            )
        n_val = _number(rec[n_col]) if n_col else None
        if n_val is not None and (not np.isfinite(n_val) or n_val < 0):
            problems.append(
                Problem.keyed(i, str(n_col), str(rec[n_col]), "indicators.problem.n_negative")
            )
        ident = (key, code, row_period)
        if ident in seen:
            problems.append(
                Problem.keyed(
                    i, a_col, code, "indicators.problem.same_area_period", first=seen[ident]
                )
            )
        seen.setdefault(ident, i)
        rows.append((key, code, row_period, value if value is not None else float("nan"), n_val))
    if not rows:
        problems.append(Problem.keyed(None, "fil", str(path), "indicators.problem.no_rows"))
    if problems:
        raise _problem_error(problems, "indicators.error.invalid_values", file=Path(path).name)
    values = pd.DataFrame(rows, columns=["indicator_key", "area_code", "period", "value", "n"])
    values["n"] = values["n"].astype(object).where(values["n"].notna(), None)
    return ValuesImport(values, a_col, p_col)


@dataclass(frozen=True)
class ValuesImportResult:
    """What an indicator import did, with the join report against the stored areas."""

    written: int
    indicators: tuple[str, ...]
    periods: tuple[str, ...]
    report: JoinReport


def import_indicator_values(
    store: Store,
    path: str | Path,
    *,
    indicator: str | None = None,
    area_column: str | None = None,
    period_column: str | None = None,
    value_column: str | None = None,
    n_column: str | None = None,
    sheet: str | None = None,
    period: str | None = None,
    user: str,
) -> ValuesImportResult:
    """Read, validate and store indicator values (all or nothing); report unmatched codes.

    The catalogue's defaults are added first if the store lacks them, so a fresh
    database accepts ``befolkning``, ``trygghetsindex`` … at once. Codes without an area
    are stored (the areas may come later) and listed in the report, never dropped.
    """
    # The defaults count as known: they are added below, in the same import.
    definitions = [*store.indicator_definitions()]
    have = {d.key for d in definitions}
    definitions += [d for d in DEFAULT_INDICATORS if d.key not in have]
    if indicator is not None:
        find_definition(definitions, indicator)
    read = read_indicator_values(
        path,
        known_indicators=[d.key for d in definitions],
        indicator=indicator,
        area_column=area_column,
        period_column=period_column,
        value_column=value_column,
        n_column=n_column,
        sheet=sheet,
        period=period,
    )
    ensure_default_catalogue(store, user=user)
    # A file names no area version: its values belong to the version shown (and
    # reported against below), never silently to another one.
    version = shown_version(store)
    values = read.values.assign(area_version=area_versions_of(read.values["area_code"], version))
    written = store.add_indicator_values(values, user=user)
    report = join_report(store.areas(version=version)["code"], read.values["area_code"])
    return ValuesImportResult(
        written=written,
        indicators=tuple(sorted(set(read.values["indicator_key"]))),
        periods=tuple(sorted(set(read.values["period"]))),
        report=report,
    )
