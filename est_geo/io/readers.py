"""Readers: any supported file → a :class:`RawTable` of text columns.

Every format is reduced to the same shape (a DataFrame of strings, plus ``__x__``/``__y__``
float columns when the file carries point geometries) so that column mapping, CRS
detection and validation are written once. Values stay text until the incident pipeline
parses them, because only there do we know which column means what and can report a bad
value with its row and column.

Reading never raises anything but :class:`~est_geo.core.errors.ValidationError`: a file a user
uploads can contain anything, and the app and CLI must answer with a readable message,
not a traceback.
"""

from __future__ import annotations

import io
import re
import tempfile
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.text import Text, worded
from est_geo.io.crsdetect import geojson_crs_problem
from est_geo.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_columns,
    check_layer,
    check_rows,
    check_sheet,
    check_text,
    check_zip,
    count_sheet_rows,
    sheet_limits,
)


@dataclass(frozen=True)
class Note:
    """A remark about a file that does not stop its import (shown beside the preview).

    A note of EST Geo's own holds its ``message`` as a :class:`Text`, so the page or
    command that shows it words it in the reader's language; a warning a library gave
    (GDAL) is its own words.
    """

    message: Text | str

    @classmethod
    def keyed(cls, key: str, **params: object) -> Note:
        """The note whose text is the catalogue text ``key`` with ``params``."""
        return cls(Text.of(key, **params))

    @property
    def key(self) -> str | None:
        """The catalogue key of the note (None for a library's words): branch on this."""
        return self.message.key if isinstance(self.message, Text) else None

    def text(self, lang: str = "sv") -> str:
        """The note in ``lang`` (a library's own words as they are)."""
        return worded(self.message, lang)

    def __str__(self) -> str:
        return self.text("sv")


#: Column names the geo readers give the point coordinates (in the file's CRS).
GEOM_X = "__x__"
GEOM_Y = "__y__"

#: Delimiters tried when sniffing a CSV file, in order of preference on a tie.
DELIMITERS: tuple[str, ...] = (";", ",", "\t", "|")

_TEXT_SUFFIXES = {".csv", ".txt", ".tsv", ".tab"}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
_GEO_SUFFIXES = {".geojson", ".json", ".gpkg", ".zip", ".shp"}
_SNIFF_LINES = 50
#: Characters looked at for the delimiter: 50 lines of up to ~5,000 characters each.
_SNIFF_CHARS = 262_144


@dataclass(frozen=True)
class RawTable:
    """A file's rows as text, with what the reader learned about the file.

    ``first_row`` is the row number the user sees for the first data row (2 in a CSV or
    spreadsheet, after the header; 1 for the first feature of a geo file), so problems
    point at the row the user opens in Excel or QGIS.
    """

    frame: pd.DataFrame
    format: str
    crs_epsg: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    first_row: int = 2
    warnings: tuple[Note, ...] = ()

    @property
    def has_geometry(self) -> bool:
        """True when the file carried point geometries (``__x__``/``__y__`` columns)."""
        return GEOM_X in self.frame.columns


def _fail(key: str, field: str = "fil", value: str = "", **params: object) -> ValidationError:
    """The file cannot be read: one problem, the catalogue text ``key`` with ``params``."""
    problem = Problem.keyed(None, field, value, key, **params)
    return ValidationError([problem], key="io.read.summary")


def read_table(
    source: Path | str | bytes,
    *,
    filename: str | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> RawTable:
    """Read a CSV, XLSX, GeoJSON, GeoPackage or zipped Shapefile.

    ``source`` is a path or the file's bytes (an upload); ``filename`` names the format
    when bytes are given (its suffix decides the reader). ``limits`` bound lines,
    columns, rows and unpacked size before parsing (:mod:`est_geo.io.limits`).
    """
    if isinstance(source, bytes):
        data = source
        name = filename or "upload.csv"
    else:
        path = Path(source)
        name = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise _fail(
                "io.read.cannot_open", value=str(path), reason=str(exc.strerror or exc)
            ) from exc
    suffix = Path(name).suffix.lower()
    if suffix in _TEXT_SUFFIXES:
        return read_csv_bytes(data, limits=limits)
    if suffix in _XLSX_SUFFIXES:
        return read_xlsx_bytes(data, limits=limits)
    if suffix in _GEO_SUFFIXES:
        return read_geo_bytes(data, suffix=suffix, limits=limits)
    raise _fail("io.read.unknown_format", value=name)


# -- CSV ---------------------------------------------------------------------------------
def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1252.

    Windows-1252 is what Swedish Excel writes for "CSV (semikolonavgränsad)". It is tried
    after strict UTF-8 because valid UTF-8 with å/ä/ö is practically never valid-looking
    Windows-1252 by accident, while the reverse fails fast on the first non-ASCII byte.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, encoding
    raise _fail("io.read.encoding")


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter among ``; , TAB |`` that splits the first lines most evenly.

    A candidate must occur in the header; among those, the one whose count per line is
    the same on most lines wins, then the one giving more columns. Quoted fields can
    make counts uneven, which only lowers a candidate's score, never breaks reading.
    """
    # Only the head of the text is split: splitting a million-row file to look at its
    # first lines cost ~0.4 s. A line cut off at the end of the head is dropped.
    head = text[:_SNIFF_CHARS]
    lines = head.splitlines()
    if len(head) < len(text) and len(lines) > 1:
        lines.pop()
    lines = [ln for ln in lines[:_SNIFF_LINES] if ln.strip()]
    if not lines:
        return ","
    best: tuple[float, int, int] = (-1.0, 0, 0)
    choice = ","
    for rank, delim in enumerate(DELIMITERS):
        counts = [ln.count(delim) for ln in lines]
        if counts[0] == 0:
            continue
        consistent = sum(c == counts[0] for c in counts) / len(counts)
        score = (consistent, counts[0], -rank)
        if score > best:
            best, choice = score, delim
    return choice


_BAD_LINE = re.compile(r"line (\d+)")
_FAST_MIN_BYTES = 1_000_000


def _read_fast(text: str, delim: str) -> pd.DataFrame | None:
    """Arrow's multi-threaded CSV reader for big files (about 6x faster than pandas' C
    parser here); ``None`` on anything unusual, and the C parser then gives the
    precise error (line numbers) or handles what Arrow does not (newlines in quotes).
    """
    try:
        return pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            sep=delim,
            header=None,
            dtype=str,
            keep_default_na=False,
            engine="pyarrow",
        )
    except (ValueError, ImportError, pd.errors.ParserError):
        return None


def read_csv_bytes(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read delimited text: detect encoding and delimiter, keep every value as text."""
    check_text(data, limits)
    text, encoding = decode_text(data)
    if not text.strip():
        raise _fail("io.read.empty")
    delim = sniff_delimiter(text)
    # The header is the first non-blank line (blank lines are skipped below).
    head = text.lstrip("\r\n")
    header_end = head.find("\n")
    check_columns(head[: header_end if header_end >= 0 else len(head)].count(delim) + 1, limits)
    frame = _read_fast(text, delim) if len(data) > _FAST_MIN_BYTES else None
    try:
        if frame is None:
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delim,
                header=None,  # the header is row 0: rows longer than it then fail loudly
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                engine="c",
            )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError, OverflowError) as exc:
        match = _BAD_LINE.search(str(exc))
        row = int(match.group(1)) if match else None
        problem = Problem.keyed(row, "fil", "", "io.read.bad_line", reason=str(exc))
        raise ValidationError([problem], key="io.read.summary") from exc
    frame = frame.fillna("")
    check_columns(frame.shape[1], limits)  # what the parser made of it, whatever came first
    header = [str(c).strip() or f"kolumn_{i + 1}" for i, c in enumerate(frame.iloc[0])]
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise _fail("io.read.duplicate_columns", field="rubrik", value=", ".join(dup))
    frame = frame.iloc[1:].reset_index(drop=True)
    frame.columns = header
    return RawTable(frame, "csv", encoding=encoding, delimiter=delim, first_row=2)


# -- XLSX --------------------------------------------------------------------------------
def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _bounded_rows(sheet: Any, limits: ReadLimits) -> list[list[str]]:
    """The sheet's rows as text, refused as soon as the declared dimension, the number of
    rows or a row's width passes ``limits`` (a dimension may be missing or lie)."""
    check_sheet(sheet, limits, count_rows=False)
    rows: list[list[str]] = []
    most = sheet_limits(limits)
    for values in sheet.iter_rows(values_only=True):
        if len(rows) > most.max_rows:
            check_rows(len(rows), most)
        check_columns(len(values), limits)
        rows.append([_cell_text(v) for v in values])
    return rows


def read_xlsx_bytes(data: bytes, *, limits: ReadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read the first sheet of an Excel workbook; the first non-empty row is the header."""
    import openpyxl

    check_zip(data, limits)
    count_sheet_rows(data, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                rows = _bounded_rows(book.worksheets[0], limits)
            finally:
                book.close()
    except ValidationError:
        raise
    # openpyxl raises a wide, undocumented range of exceptions on damaged files (zip,
    # XML, KeyError, TypeError …); any of them means "this is not a readable workbook".
    except Exception as exc:
        raise _fail("io.read.excel", reason=type(exc).__name__) from exc
    rows = [r for r in rows if any(v != "" for v in r)]
    if not rows:
        raise _fail("io.read.empty_sheet")
    width = max(len(r) for r in rows)
    header = [rows[0][i] if i < len(rows[0]) else "" for i in range(width)]
    header = [h or f"kolumn_{i + 1}" for i, h in enumerate(header)]
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise _fail("io.read.duplicate_columns", field="rubrik", value=", ".join(dup))
    body = [r + [""] * (width - len(r)) for r in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    return RawTable(frame, "xlsx", first_row=2)


# -- GeoJSON, GeoPackage, zipped Shapefile -----------------------------------------------
def _pick_layer(layers: np.ndarray[Any, Any]) -> str | None:
    if len(layers) == 0:
        return None
    names = [str(n) for n in layers[:, 0]]
    if "incidents" in names:
        return "incidents"
    for name, geom_type in layers:
        if geom_type is not None and "Point" in str(geom_type):
            return str(name)
    return names[0]


def _column_text(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        text: pd.Series = series.dt.strftime("%Y-%m-%dT%H:%M:%S")
        return pd.Series(text.where(series.notna(), "").astype(str), index=series.index)
    values = [_cell_text(v) if not (isinstance(v, float) and np.isnan(v)) else "" for v in series]
    return pd.Series(values, index=series.index, dtype=str)


def read_geo_bytes(data: bytes, *, suffix: str, limits: ReadLimits = DEFAULT_LIMITS) -> RawTable:
    """Read a geo file with GDAL (pyogrio); points become ``__x__``/``__y__`` columns.

    Non-point features get empty coordinates (reported per row later). A CRS that has
    no EPSG code is converted to SWEREF 99 TM here, so later steps only see EPSG codes.
    """
    import geopandas as gpd
    import pyogrio

    if suffix == ".shp":
        raise _fail("io.read.shapefile_parts")
    if suffix in {".geojson", ".json"} and (problem := geojson_crs_problem(data)) is not None:
        raise ValidationError([problem], key="io.read.summary")
    if suffix == ".zip":
        check_zip(data, limits)
    try:
        with (
            warnings.catch_warnings(record=True) as caught,
            tempfile.TemporaryDirectory(prefix="est_geo_read_") as tmp,
        ):
            warnings.simplefilter("always")
            # One file on disk for listing *and* reading: handed bytes twice, pyogrio
            # makes two in-memory files with different names, and a GeoJSON without a
            # top-level "name" has its layer named after the first, which the second
            # then lacks ("Layer 'pyogrio_…' could not be opened").
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(data)
            layer = _pick_layer(pyogrio.list_layers(path))
            if layer is None:
                raise _fail("io.read.no_layers")
            check_layer(pyogrio.read_info(path, layer=layer), limits)
            gdf = pyogrio.read_dataframe(path, layer=layer)
    except ValidationError:
        raise
    # GDAL reports damaged input through several exception types (DataSourceError,
    # DataLayerError, FieldTypeError, plain RuntimeError …); all mean "unreadable file".
    except Exception as exc:
        raise _fail("io.read.geodata", reason=str(exc).strip()) from exc
    notes = tuple(Note(str(w.message)) for w in caught)
    fmt = {".gpkg": "gpkg", ".zip": "shapefile"}.get(suffix, "geojson")
    if not isinstance(gdf, gpd.GeoDataFrame):
        # A table without geometry (a GeoPackage attribute table): its columns may still
        # hold coordinates, which the mapping then finds like a CSV's.
        text = pd.DataFrame({str(c): _column_text(gdf[c]) for c in gdf.columns})
        notes += (Note.keyed("io.note.no_geometry", layer=layer),)
        return RawTable(text.reset_index(drop=True), fmt, first_row=1, warnings=notes)
    crs_epsg: int | None = None
    if gdf.crs is not None:
        crs_epsg = gdf.crs.to_epsg()
        if crs_epsg is None:
            try:
                gdf = gdf.to_crs(epsg=3006)
            except Exception as exc:  # pyproj raises several types for odd definitions
                raise _fail("io.read.crs", reason=str(exc)) from exc
            crs_epsg = 3006
    geoms = gdf.geometry
    is_point = (geoms.geom_type == "Point").to_numpy() & ~geoms.is_empty.to_numpy()
    xs = np.full(len(gdf), np.nan)
    ys = np.full(len(gdf), np.nan)
    if is_point.any():
        xs[is_point] = geoms[is_point].x.to_numpy()
        ys[is_point] = geoms[is_point].y.to_numpy()
    attrs = pd.DataFrame(
        {str(c): _column_text(gdf[c]) for c in gdf.columns if c != gdf.geometry.name},
        index=gdf.index,
    )
    attrs[GEOM_X] = xs
    attrs[GEOM_Y] = ys
    if not is_point.all():
        notes += (Note.keyed("io.note.not_points", n=int((~is_point).sum())),)
    return RawTable(
        attrs.reset_index(drop=True), fmt, crs_epsg=crs_epsg, first_row=1, warnings=notes
    )


def is_zip(data: bytes) -> bool:
    """True when ``data`` looks like a zip archive (used to route uploads)."""
    return zipfile.is_zipfile(io.BytesIO(data))
