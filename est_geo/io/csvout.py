"""The one CSV writer of every export: text cells can never become spreadsheet formulas.

Why: a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel and LibreOffice (``=HYPERLINK(…)`` leaks data when clicked,
``=cmd|…`` asks to start a program). Descriptions, place names, column headers and the
values in an error report are the user's text, so every CSV the application writes
(``est-geo export``, the Data page's error report and rejected rows, the Indikatorer
and Hotspots tables, the join report) goes through :func:`frame_to_csv` or
:func:`rows_to_csv`, which prefix such a text cell with a single quote — the OWASP
"CSV Injection" advice (https://owasp.org/www-community/attacks/CSV_Injection). The
quote shows in the cell, so the reader sees the text exactly as typed, never its result.

Numbers are left alone: values of numeric columns, non-text values, and text that is
just a number (``-1.5``, ``+46``, ``1,5e3``), which a spreadsheet cannot run.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

import pandas as pd

__all__ = ["FORMULA_STARTS", "frame_to_csv", "neutralise_cell", "rows_to_csv", "safe_frame"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
#: What Swedish Excel opens with å, ä, ö intact.
BOM = "\ufeff"


def neutralise_cell(value: object) -> object:
    """``value`` with a leading ``'`` when it is text a spreadsheet would run."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are neutralised.

    Only columns that can hold text (object, string, categorical) are looked at, so
    numeric columns keep their dtype and their negative numbers.
    """
    out = pd.DataFrame(frame, copy=True)
    for name in out.columns:
        column = out[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out[name] = column.map(neutralise_cell)
    out.columns = [str(neutralise_cell(str(c))) for c in out.columns]
    return out


def frame_to_csv(
    frame: pd.DataFrame,
    *,
    sep: str = ",",
    comments: Iterable[str] = (),
    bom: bool = True,
) -> bytes:
    """``frame`` as UTF-8 CSV bytes (with BOM, CRLF lines), text cells neutralised.

    ``comments`` are written first as ``# …`` lines (``pandas.read_csv(comment="#")``
    skips them); they start with ``#``, which no spreadsheet runs.
    """
    out = io.StringIO()
    for line in comments:
        out.write("# " + " ".join(line.splitlines()) + "\r\n")
    # CRLF lines, as Excel writes them: the csv module then also quotes a lone "\r" in a
    # cell, which with "\n" lines it leaves bare (a broken row in every reader).
    safe_frame(frame).to_csv(
        out, sep=sep, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    return ((BOM if bom else "") + out.getvalue()).encode("utf-8")


def rows_to_csv(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, sep: str = ";"
) -> bytes:
    """Plain rows as UTF-8 CSV bytes with BOM (CRLF lines, as Excel writes them)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow([neutralise_cell(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_cell(v) for v in row])
    return (BOM + out.getvalue()).encode("utf-8")
