"""Bounds checked before a file is parsed, so a small hostile file fails in seconds.

The parsers' cost is not proportional to the file's size: pandas spent over 300 s and
1.6 GB on a 1 MB CSV written on one line (every value a column), 53 s on a 1 MB header
of 150,000 names, and openpyxl 117 s on a 595 KB workbook of 2 million rows (XML
compresses extremely well). So before any parser runs, the readers measure what they
can measure cheaply — the longest line and the number of lines of a text file, the
number of header names, a zip's uncompressed sizes, a sheet's declared dimension, a
layer's feature and field counts — and refuse with one clear problem when a limit is
passed. What can only be counted while streaming (the rows of a sheet whose dimension
is missing or lies) is counted while streaming, stopping at the limit.

The defaults are far above what EST data needs (an incident export of a municipality
is tens of thousands of rows and a dozen columns) and are documented in
``docs/import.md``; tests lower them through :class:`ReadLimits`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from est_geo.core.errors import Problem, ValidationError

__all__ = [
    "DEFAULT_LIMITS",
    "ReadLimits",
    "check_columns",
    "check_layer",
    "check_rows",
    "check_sheet",
    "check_text",
    "check_zip",
    "count_sheet_rows",
    "dimension_problem",
    "sheet_limits",
]


@dataclass(frozen=True)
class ReadLimits:
    """What a file may hold before it is parsed.

    Attributes
    ----------
    max_line_bytes
        Longest physical line of a text file (a row with a 10,000-character description
        still fits four times over).
    max_columns
        Columns of a table, names in a header, fields of a layer.
    max_rows
        Rows of a table or features of a layer (an Excel sheet holds at most 1,048,576).
    max_uncompressed_bytes
        Total uncompressed size of a zip (XLSX, zipped Shapefile).
    """

    max_line_bytes: int = 100_000
    max_columns: int = 500
    max_rows: int = 2_000_000
    max_uncompressed_bytes: int = 1_000_000_000


DEFAULT_LIMITS = ReadLimits()
#: Rows of one Excel sheet: a workbook claiming more was not written by Excel.
EXCEL_MAX_ROWS = 1_048_576


def _refuse(
    key: str, field: str = "fil", row: int | None = None, **params: object
) -> ValidationError:
    """The file is too large: one problem, the catalogue text ``key`` with ``params``."""
    problem = Problem.keyed(row, field, "", key, **params)
    return ValidationError([problem], key="io.limits.summary")


def check_text(data: bytes, limits: ReadLimits) -> None:
    """Refuse text whose longest line or number of lines passes the limits.

    Vectorised over the bytes (newline positions), so a 100 MB file costs a fraction of
    a second; UTF-16 text is measured in bytes too (its lines are twice as long).
    """
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0x0A)
    lines = len(newlines) + (0 if data.endswith(b"\n") else 1)
    if lines > limits.max_rows + 1:
        raise _refuse("io.limits.rows", n=lines, most=limits.max_rows)
    edges = np.concatenate(([-1], newlines, [len(data)]))
    lengths = np.diff(edges) - 1
    longest = int(lengths.max()) if len(lengths) else 0
    if longest > limits.max_line_bytes:
        row = int(np.argmax(lengths)) + 1
        raise _refuse("io.limits.line", row=row, line=row, n=longest, most=limits.max_line_bytes)


def check_columns(count: int, limits: ReadLimits, *, field: str = "rubrik") -> None:
    """Refuse a table or layer with more columns than the limit."""
    if count > limits.max_columns:
        raise _refuse("io.limits.columns", field=field, n=count, most=limits.max_columns)


def check_rows(count: int, limits: ReadLimits) -> None:
    """Refuse a table or layer with more rows (features) than the limit."""
    if count > limits.max_rows:
        raise _refuse("io.limits.rows_at_least", n=count, most=limits.max_rows)


def check_layer(info: Mapping[str, Any], limits: ReadLimits) -> None:
    """Refuse a geo layer with more features or fields than the limits.

    ``info`` is what ``pyogrio.read_info`` says of the layer, read from its header, so the
    area and geo readers bound a layer the same way before GDAL reads any feature.
    """
    check_rows(int(info.get("features") or 0), limits)
    check_columns(len(info.get("fields", ())), limits)


_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: Workbook parts parsed to find a sheet are small; bigger ones are not looked into.
_PART_MAX_BYTES = 10 * 1024 * 1024


def _sheet_part(archive: zipfile.ZipFile, sheet: str | None) -> str | None:
    """The zip member holding the first (or the named) sheet, from the workbook's parts."""
    from defusedxml import DefusedXmlException, ElementTree  # fpdf2 depends on it too

    try:
        parts = {i.filename: i.file_size for i in archive.infolist()}
        if max(parts.get("xl/workbook.xml", 0), parts.get("xl/_rels/workbook.xml.rels", 0)) > (
            _PART_MAX_BYTES
        ):
            return None
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError, DefusedXmlException, zipfile.BadZipFile, OSError):
        return None
    sheets = book.findall(f"{_NS_MAIN}sheets/{_NS_MAIN}sheet")
    chosen = next((e for e in sheets if sheet is None or e.get("name") == sheet), None)
    if chosen is None:
        return None
    rel_id = chosen.get(f"{_NS_REL}id")
    target = next(
        (r.get("Target") for r in rels.findall(f"{_NS_PKG}Relationship") if r.get("Id") == rel_id),
        None,
    )
    if not target:
        return None
    name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return name if name in parts else None


def count_sheet_rows(data: bytes, limits: ReadLimits, *, sheet: str | None = None) -> None:
    """Refuse a workbook whose first (or named) sheet has more rows than the limit.

    Counts ``<row`` tags while decompressing the sheet's XML in 1 MB pieces, which is
    about a hundred times faster than openpyxl's parse, so a 600 kB workbook of two
    million empty rows is refused in well under a second instead of after two minutes.
    """
    most = sheet_limits(limits)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return
            count = 0
            tail = b""
            with archive.open(part) as stream:
                while chunk := stream.read(1 << 20):
                    piece = tail + chunk
                    count += len(_ROW_TAG.findall(piece))
                    tail = piece[-32:]
                    count -= len(_ROW_TAG.findall(tail))  # counted again with the next piece
                    if count > most.max_rows + 1:
                        check_rows(count - 1, most)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return  # a damaged workbook: the reader names the problem


def check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse a zip whose members would unpack to more than the limit.

    The sizes come from the zip's central directory; a member that lies about its size
    fails in the decompressor's own check (zipfile verifies the size it was told).
    A file that is no zip at all is left to the reader, which names the format.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    if total > limits.max_uncompressed_bytes:
        raise _refuse("io.limits.unzipped", n=total, most=limits.max_uncompressed_bytes)


_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _cell_position(ref: str) -> tuple[int, int] | None:
    """``"XFD1048576"`` → (column 16384, row 1048576); ``None`` when not a cell name."""
    match = _CELL.match(ref.strip().replace("$", "").upper())
    if match is None:
        return None
    column = 0
    for letter in match.group(1):
        column = column * 26 + (ord(letter) - 64)
    return column, int(match.group(2))


def dimension_problem(ref: str | None, limits: ReadLimits) -> ValidationError | None:
    """The error for a sheet whose declared dimension (``"A1:C2000001"``) passes a limit."""
    if not ref:
        return None
    end = _cell_position(ref.split(":")[-1])
    if end is None:
        return None
    columns, rows = end
    most = min(limits.max_rows, EXCEL_MAX_ROWS)
    if rows - 1 > most:
        return _refuse("io.limits.sheet_rows", n=rows, most=most)
    if columns > limits.max_columns:
        return _refuse(
            "io.limits.sheet_columns", field="rubrik", n=columns, most=limits.max_columns
        )
    return None


def check_sheet(sheet: Any, limits: ReadLimits, *, count_rows: bool) -> None:
    """Refuse an openpyxl read-only sheet whose declared dimension passes a limit.

    Without a declared dimension and with ``count_rows``, the rows are counted while
    streaming (nothing kept), stopping as soon as the limit is passed, for readers that
    then load the sheet whole (``pandas.read_excel``).
    """
    try:
        declared: str | None = sheet.calculate_dimension()
    except ValueError:  # openpyxl: "unsized" worksheet, no <dimension> element
        declared = None
    if (refused := dimension_problem(declared, limits)) is not None:
        raise refused
    if declared is None and count_rows:
        for count, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            check_rows(count - 1, sheet_limits(limits))
            check_columns(len(values), limits)


def sheet_limits(limits: ReadLimits) -> ReadLimits:
    """``limits`` with at most :data:`EXCEL_MAX_ROWS` rows, for one sheet."""
    return replace(limits, max_rows=min(limits.max_rows, EXCEL_MAX_ROWS))
