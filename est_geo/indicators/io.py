"""Reading area layers, indicator tables and code keys from the files users bring.

Areas: GeoPackage, GeoJSON or a (zipped) Shapefile, CRS taken from the file, a chosen code
and name column, an area level; DeSO/RegSO codes are checked against SCB's format.
Indicator values: CSV (any common encoding and delimiter) or XLSX keyed by area code and
period. Every reader collects *every* problem and raises one
:class:`~est_geo.core.errors.ValidationError`, so an analyst fixes a file in one go, and the
import functions write nothing unless the whole file is usable.
"""

from __future__ import annotations

import csv
import io as _io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import DEFAULT_INDICATORS, STORE_EPSG, AreaLevel, IndicatorDefinition
from est_geo.core.validate import extent_problems
from est_geo.indicators.catalogue import DERIVED_KEYS, ensure_default_catalogue, find_definition
from est_geo.indicators.codes import (
    DESO_PATTERN,
    REGSO_PATTERN,
    AreaKey,
    aggregate_upwards,
    code_problems,
    deso_problem,
    is_deso,
)
from est_geo.indicators.join import JoinReport, join_report
from est_geo.indicators.periods import normalise_period, period_problem
from est_geo.indicators.rollup import COUNT_UNITS, aggregation_for
from est_geo.io.crsdetect import geojson_crs_problem
from est_geo.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_columns,
    check_layer,
    check_sheet,
    check_text,
    check_zip,
    count_sheet_rows,
)
from est_geo.store import Store
from est_geo.store.area_keys import AreaKeyStore

__all__ = [
    "AREA_FILE_SUFFIXES",
    "COUNT_UNITS",
    "IMPORT_LEVELS",
    "TABLE_FILE_SUFFIXES",
    "AreaKeyImport",
    "AreasImport",
    "RegsoImportResult",
    "ValuesImport",
    "aggregation_for",
    "import_area_key",
    "import_areas",
    "import_indicator_values",
    "import_regso_values",
    "key_columns",
    "read_area_key",
    "read_areas",
    "read_indicator_values",
    "read_regso_key",
    "read_table",
    "store_area_key",
    "vector_layers",
]

AREA_FILE_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".zip")
TABLE_FILE_SUFFIXES = (".csv", ".txt", ".xlsx")
#: Levels an imported area layer may have (own levels of the demo are not imported).
IMPORT_LEVELS: tuple[str, ...] = (
    AreaLevel.DESO.value,
    AreaLevel.REGSO.value,
    AreaLevel.DISTRICT.value,
    AreaLevel.CUSTOM.value,
)
_ENCODINGS = ("utf-8-sig", "cp1252")

# Column names recognised when the user does not name the column (lower case).
_AREA_NAMES = ("area_code", "code", "kod", "omradeskod", "områdeskod", "deso", "regso", "regsokod")
_PERIOD_NAMES = ("period", "år", "ar", "year", "tid", "kvartal", "månad", "manad")
_VALUE_NAMES = ("value", "värde", "varde")
_N_NAMES = ("n", "underlag", "antal_svar", "antal")
_KEY_NAMES = ("indicator_key", "indikator", "indicator")


def _problem_error(problems: Sequence[Problem], summary: str) -> ValidationError:
    return ValidationError(list(problems), summary)


# --------------------------------------------------------------------------- areas


def _check_file(path: Path, suffixes: Sequence[str]) -> None:
    if not path.exists():
        raise _problem_error([Problem(None, "fil", str(path), "filen finns inte")], "Kan inte läsa")
    if path.suffix.lower() not in suffixes:
        raise _problem_error(
            [Problem(None, "fil", path.name, f"okänt filformat; använd {', '.join(suffixes)}")],
            "Kan inte läsa",
        )


def vector_layers(path: Path) -> list[str]:
    """The layers of a vector file; a file that is no geodata is a ValidationError."""
    import pyogrio

    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as exc:
        raise _problem_error(
            [Problem(None, "fil", path.name, f"kan inte öppnas som geodata: {exc}")],
            "Kan inte läsa områden",
        ) from exc


def _unreadable(path: Path, reason: str) -> ValidationError:
    return _problem_error([Problem(None, "fil", path.name, reason)], "Kan inte läsa områden")


def check_vector_file(path: Path) -> None:
    """Refuse what GDAL would misread: a GeoJSON whose declared CRS PROJ does not know
    (GDAL takes it for WGS84 without a word)."""
    if path.suffix.lower() in {".geojson", ".json"}:
        problem = geojson_crs_problem(path.read_bytes())
        if problem is not None:
            raise _problem_error([problem], "Kan inte läsa områden")


def require_geometry(frame: pd.DataFrame, path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """``frame`` as a GeoDataFrame, or a clear error for a table without geometry."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise _unreadable(path, f"lagret {layer or ''} har ingen geometri (en tabell utan former)")
    return frame


def _read_vector(
    path: Path, layer: str | None, limits: ReadLimits = DEFAULT_LIMITS
) -> gpd.GeoDataFrame:
    import pyogrio

    check_vector_file(path)
    if path.suffix.lower() == ".zip":
        check_zip(path.read_bytes(), limits)
    layers = vector_layers(path)
    if not layers:
        raise _unreadable(path, "filen innehåller inga lager (skadad eller tom fil?)")
    if layer is None and len(layers) > 1:
        raise _problem_error(
            [Problem(None, "layer", "", f"filen har flera lager; välj ett av {layers}")],
            "Kan inte läsa områden",
        )
    if layer is not None and layer not in layers:
        raise _problem_error(
            [Problem(None, "layer", layer, f"lagret finns inte; lager: {layers}")],
            "Kan inte läsa områden",
        )
    chosen = layer or layers[0]
    try:
        with warnings.catch_warnings(record=True):  # GDAL's notes; its errors raise below
            warnings.simplefilter("always")
            check_layer(pyogrio.read_info(path, layer=chosen), limits)
            frame = gpd.read_file(path, layer=chosen)
    except ValidationError:
        raise
    # GDAL and GEOS report a damaged file through many exception types (DataSourceError,
    # DataLayerError, GEOSException for a ring of two points, IndexError, RuntimeError …);
    # every one of them means "this file cannot be read".
    except Exception as exc:
        raise _unreadable(path, f"kan inte läsas: {exc}") from exc
    return require_geometry(frame, path, chosen)


def read_areas(
    path: str | Path,
    *,
    code_column: str,
    name_column: str | None = None,
    level: str = AreaLevel.CUSTOM.value,
    layer: str | None = None,
    parent_column: str | None = None,
) -> gpd.GeoDataFrame:
    """Read polygons and return them as a store-ready area table in EPSG:3006.

    Parameters
    ----------
    path
        ``.gpkg``, ``.geojson``/``.json``, ``.shp`` or a ``.zip`` holding a Shapefile.
    code_column, name_column
        Which attribute holds the code and which the display name (default: the code).
    level
        ``deso``, ``regso``, ``district`` or ``custom``. DeSO and RegSO codes are
        checked against SCB's formats.
    layer
        Layer of a multi-layer GeoPackage (required when there are several).
    parent_column
        Optional column with the parent area's code (e.g. the RegSO of a DeSO).

    Returns
    -------
    GeoDataFrame
        ``code, name, level, parent_code, geometry`` in EPSG:3006, 2-D (multi)polygons.

    Raises
    ------
    ValidationError
        Listing every problem: unknown columns (with the columns the file has), missing
        CRS, bad or duplicate codes, empty names, non-polygon or invalid geometries.
    """
    p = Path(path)
    _check_file(p, AREA_FILE_SUFFIXES)
    problems: list[Problem] = []
    if level not in IMPORT_LEVELS:
        problems.append(Problem(None, "level", level, f"välj en av {', '.join(IMPORT_LEVELS)}"))
    raw = _read_vector(p, layer)
    columns = [c for c in raw.columns if c != raw.geometry.name]
    for role, col in (("code", code_column), ("name", name_column), ("parent", parent_column)):
        if col is not None and col not in raw.columns:
            problems.append(
                Problem(None, role, col, f"kolumnen finns inte; filen har {', '.join(columns)}")
            )
    if raw.crs is None:
        problems.append(
            Problem(None, "crs", "", "filen saknar koordinatsystem (t.ex. .prj saknas i zip)")
        )
    if problems:
        raise _problem_error(problems, "Kan inte läsa områden")
    codes = [None if pd.isna(c) else str(c).strip() for c in raw[code_column]]
    problems += code_problems(codes, level)
    names_src = raw[name_column] if name_column else raw[code_column]
    names = ["" if pd.isna(n) else str(n).strip() for n in names_src]
    problems += [Problem(i, "name", "", "namn saknas") for i, n in enumerate(names, 1) if not n]
    problems += extent_problems(raw.geometry.reset_index(drop=True))
    geoms = shapely.force_2d(raw.geometry.to_numpy())
    for i, g in enumerate(geoms, start=1):
        if g is None or g.is_empty or g.geom_type not in {"Polygon", "MultiPolygon"}:
            kind = "tom" if g is None or g.is_empty else g.geom_type
            problems.append(Problem(i, "geometry", kind, "måste vara en polygon"))
        elif not g.is_valid:
            problems.append(Problem(i, "geometry", "ogiltig", shapely.is_valid_reason(g)))
    if problems:
        raise _problem_error(problems, f"Ogiltiga områden i {p.name}")
    parents: list[str | None] = [None] * len(raw)
    if parent_column:
        parents = [None if pd.isna(v) else str(v).strip() or None for v in raw[parent_column]]
    out = gpd.GeoDataFrame(
        {"code": codes, "name": names, "level": level, "parent_code": parents},
        geometry=geoms,
        crs=raw.crs,
    )
    return out.to_crs(epsg=STORE_EPSG)


@dataclass(frozen=True)
class AreasImport:
    """What an area import did."""

    inserted: int
    source_crs: str
    level: str


def import_areas(
    store: Store,
    path: str | Path,
    *,
    code_column: str,
    name_column: str | None = None,
    level: str = AreaLevel.CUSTOM.value,
    layer: str | None = None,
    parent_column: str | None = None,
    user: str,
) -> AreasImport:
    """Read, validate and store an area layer, all or nothing.

    Codes already in the store are reported together with every other problem (areas
    are never silently replaced: values are keyed by code).
    """
    p = Path(path)
    areas = read_areas(
        p,
        code_column=code_column,
        name_column=name_column,
        level=level,
        layer=layer,
        parent_column=parent_column,
    )
    import pyogrio

    info = pyogrio.read_info(p, layer=layer)
    inserted = store.add_areas(areas, user=user)
    return AreasImport(inserted=inserted, source_crs=str(info.get("crs")), level=level)


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
                [Problem(None, "fil", p.name, f"kan inte läsas som Excel: {exc}")],
                "Kan inte läsa tabell",
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
            [Problem(None, "fil", p.name, "okänd teckenkodning (använd UTF-8)")],
            "Kan inte läsa tabell",
        )
    delimiter = _sniff_delimiter(text)
    header_end = text.find("\n")
    check_columns(text[: header_end if header_end >= 0 else None].count(delimiter) + 1, limits)
    try:
        frame = pd.read_csv(_io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise _problem_error(
            [Problem(None, "fil", p.name, f"kan inte tolkas som CSV: {exc}")],
            "Kan inte läsa tabell",
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
        "area": (_pick(frame, area_column, _AREA_NAMES), area_column, "area_code"),
        "period": (
            _pick(frame, period_column, _PERIOD_NAMES) if period is None else "",
            period_column,
            "period",
        ),
        "value": (_pick(frame, value_column, _VALUE_NAMES), value_column, "value"),
    }
    available = ", ".join(str(c) for c in frame.columns)
    for role, (found, given, default) in cols.items():
        if found is None:
            problems.append(
                Problem(
                    None, role, given or default, f"kolumnen hittas inte; tabellen har {available}"
                )
            )
    key_col = None if indicator else _pick(frame, None, _KEY_NAMES)
    if indicator is None and key_col is None:
        problems.append(
            Problem(None, "indicator", "", "ange --indicator eller en kolumn indicator_key")
        )
    n_col = _pick(frame, n_column, _N_NAMES)
    if n_column is not None and n_col is None:
        problems.append(
            Problem(None, "n", n_column, f"kolumnen hittas inte; tabellen har {available}")
        )
    fixed = ""
    if period is not None:
        fixed = normalise_period(period)
        if period_column is not None:
            problems.append(
                Problem(None, "period", period, "ange antingen en period eller en periodkolumn")
            )
        elif reason := period_problem(fixed):
            problems.append(Problem(None, "period", period, reason))
    if problems:
        raise _problem_error(problems, "Tabellen kan inte användas")
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
            problems.append(Problem(i, "indicator", key, "okänd indikator (lägg till i katalogen)"))
        elif key in DERIVED_KEYS:
            problems.append(Problem(i, "indicator", key, "beräknas av EST Geo, importeras inte"))
        code_cell = rec[a_col]
        code = "" if code_cell is None or pd.isna(code_cell) else str(code_cell).strip()
        if not code:
            problems.append(Problem(i, a_col, "", "områdeskod saknas"))
        elif code_level == "deso" and (reason := deso_problem(code)):
            problems.append(Problem(i, a_col, code, reason))
        row_period = fixed if period is not None else normalise_period(rec[p_col])
        reason = period_problem(row_period) if period is None else None
        if reason:
            problems.append(Problem(i, p_col, row_period, reason))
        value = _number(rec[v_col])
        if value is None or not np.isfinite(value):
            problems.append(Problem(i, v_col, str(rec[v_col]), "inte ett tal"))
        n_val = _number(rec[n_col]) if n_col else None
        if n_val is not None and (not np.isfinite(n_val) or n_val < 0):
            problems.append(Problem(i, str(n_col), str(rec[n_col]), "n måste vara ett tal ≥ 0"))
        ident = (key, code, row_period)
        if ident in seen:
            problems.append(
                Problem(i, a_col, code, f"samma område och period som rad {seen[ident]}")
            )
        seen.setdefault(ident, i)
        rows.append((key, code, row_period, value if value is not None else float("nan"), n_val))
    if not rows:
        problems.append(Problem(None, "fil", str(path), "tabellen har inga rader"))
    if problems:
        raise _problem_error(problems, f"Ogiltiga indikatorvärden i {Path(path).name}")
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
    written = store.add_indicator_values(read.values, user=user)
    report = join_report(store.areas()["code"], read.values["area_code"])
    return ValuesImportResult(
        written=written,
        indicators=tuple(sorted(set(read.values["indicator_key"]))),
        periods=tuple(sorted(set(read.values["period"]))),
        report=report,
    )


def read_area_key(
    path: str | Path,
    *,
    child_column: str,
    parent_column: str,
    parent_name_column: str | None = None,
    child_level: str = AreaLevel.DESO.value,
) -> AreaKey:
    """Read a child → parent code key such as SCB's DeSO → RegSO table.

    SCB's key repeats the RegSO name per DeSO; ``parent_name_column`` keeps it. DeSO
    codes are validated; a child listed with two parents is an error.
    """
    frame = read_table(path)
    missing = [
        Problem(None, role, col, f"kolumnen finns inte; tabellen har {', '.join(frame.columns)}")
        for role, col in (
            ("child", child_column),
            ("parent", parent_column),
            ("parent_name", parent_name_column),
        )
        if col is not None and col not in frame.columns
    ]
    if missing:
        raise _problem_error(missing, "Kodnyckeln kan inte användas")
    names = frame[parent_name_column].tolist() if parent_name_column else None
    return AreaKey.from_pairs(
        frame[child_column].tolist(),
        frame[parent_column].tolist(),
        parent_names=names,
        child_level=child_level,
    )


_DESO_KEY_NAMES = ("deso", "desokod", "deso_kod", "deso_code")
_REGSO_KEY_NAMES = ("regso", "regsokod", "regso_kod", "regso_code")
_REGSO_NAME_NAMES = ("regsonamn", "regso_namn", "regso-namn", "regsoname", "regso_name")


@dataclass(frozen=True)
class AreaKeyImport:
    """What ``import_area_key`` stored: key rows, parents, and named parents."""

    rows: int
    parents: int
    named: int


def _share_matching(series: pd.Series, pattern: re.Pattern[str]) -> float:
    text = series.dropna().astype(str).str.strip()
    return float(text.map(lambda v: bool(pattern.match(v))).mean()) if len(text) else 0.0


def _by_content(frame: pd.DataFrame, pattern: re.Pattern[str]) -> str | None:
    """The column whose values most often match ``pattern`` (at least 80 %), if any.

    Real keys name their columns freely (``DeSO_2018``, ``RegSOkod_2020``, and
    ``RegSO_2020`` holding *names*), but the codes themselves have SCB's fixed formats.
    """
    best, share = None, 0.8
    for col in frame.columns:
        found = _share_matching(frame[col], pattern)
        if found >= share:
            best, share = str(col), found
    return best


def key_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """The columns :func:`read_regso_key` uses when none are given: SCB's names first
    (``deso``, ``regso``, ``regsonamn``), else the columns whose values are DeSO and
    RegSO codes, and as the name a ``regso…`` column that holds no codes."""
    deso = _pick(frame, None, _DESO_KEY_NAMES) or _by_content(frame, DESO_PATTERN)
    regso = _pick(frame, None, _REGSO_KEY_NAMES) or _by_content(frame, REGSO_PATTERN)
    name = _pick(frame, None, _REGSO_NAME_NAMES)
    if name is None:
        name = next(
            (
                str(c)
                for c in frame.columns
                if str(c).lower().startswith("regso")
                and str(c) not in {deso, regso}
                and _share_matching(frame[c], REGSO_PATTERN) == 0.0
            ),
            None,
        )
    return {"deso": deso, "regso": regso, "regso_name": name}


def read_regso_key(
    path: str | Path,
    *,
    deso_column: str | None = None,
    regso_column: str | None = None,
    name_column: str | None = None,
) -> AreaKey:
    """Read and validate a DeSO → RegSO key file (columns found by SCB's names).

    Raises one ValidationError with every problem: missing columns (naming the columns
    the file has), an empty file, malformed DeSO codes, a DeSO with two RegSOs.
    """
    problems: list[Problem] = []
    frame = read_table(path)
    available = ", ".join(str(c) for c in frame.columns)
    guessed = key_columns(frame)
    d_col = _pick(frame, deso_column, ()) if deso_column else guessed["deso"]
    r_col = _pick(frame, regso_column, ()) if regso_column else guessed["regso"]
    n_col = _pick(frame, name_column, ()) if name_column else guessed["regso_name"]
    for role, found, given in (
        ("deso", d_col, deso_column),
        ("regso", r_col, regso_column),
        ("regso_name", n_col if name_column else "", name_column),
    ):
        if found is None:
            problems.append(
                Problem(None, role, given or "", f"kolumnen hittas inte; tabellen har {available}")
            )
    if not problems and frame.empty:
        problems.append(Problem(None, "fil", str(path), "kodnyckeln har inga rader"))
    if problems:
        raise _problem_error(problems, f"Kan inte läsa kodnyckeln {Path(path).name}")
    names = frame[n_col].tolist() if n_col else None
    return AreaKey.from_pairs(
        frame[str(d_col)].tolist(), frame[str(r_col)].tolist(), parent_names=names
    )


def import_area_key(
    store: Store,
    path: str | Path,
    *,
    deso_column: str | None = None,
    regso_column: str | None = None,
    name_column: str | None = None,
    user: str,
) -> AreaKeyImport:
    """Store a DeSO → RegSO key file, replacing the stored key (all or nothing).

    The key is what lets the Indikatorer page roll DeSO values up to RegSO
    (:mod:`est_geo.indicators.rollup`); RegSO names from SCB's key name RegSO polygons
    the page makes from DeSO polygons.
    """
    key = read_regso_key(
        path, deso_column=deso_column, regso_column=regso_column, name_column=name_column
    )
    return store_area_key(store, key, user=user)


def store_area_key(store: Store, key: AreaKey, *, user: str) -> AreaKeyImport:
    """Store a validated DeSO → RegSO key, replacing the stored one."""
    if not isinstance(store, AreaKeyStore):
        raise ValidationError(
            [Problem(None, "db", store.url, "databasen kan inte spara kodnycklar")],
            "Kodnyckeln kan inte sparas",
        )
    codes = sorted(key.parent_of)
    frame = pd.DataFrame(
        {
            "child_code": codes,
            "parent_code": [key.parent_of[c] for c in codes],
            "parent_name": [key.parent_names.get(key.parent_of[c], "") for c in codes],
        }
    )
    rows = store.replace_area_key(
        frame, child_level=AreaLevel.DESO.value, parent_level=AreaLevel.REGSO.value, user=user
    )
    parents = set(key.parent_of.values())
    return AreaKeyImport(rows, len(parents), len(parents & set(key.parent_names)))


@dataclass(frozen=True)
class RegsoImportResult:
    """What ``--kind regso-key`` wrote, and the RegSO codes that had no area (not written)."""

    written: int
    how: str
    key_rows: int
    periods: tuple[str, ...]
    report: JoinReport


def import_regso_values(
    store: Store,
    path: str | Path,
    *,
    indicator: str | None,
    deso_column: str | None = None,
    regso_column: str | None = None,
    user: str,
) -> RegsoImportResult:
    """Aggregate an indicator's stored DeSO values to RegSO with a DeSO → RegSO key file.

    Counts are summed, other indicators averaged weighted by ``n``
    (:func:`~est_geo.indicators.codes.aggregate_upwards`, :func:`aggregation_for`). Values
    are written only for RegSO codes that exist as areas of level ``regso``; the other
    codes are listed in the report. Every problem (missing flag or column, bad key row,
    unknown or derived indicator, DeSO values missing from the key or without ``n`` for a
    weighted mean) is collected into one ValidationError and nothing is written.
    """
    problems: list[Problem] = []
    definition: IndicatorDefinition | None = None
    if not indicator:
        problems.append(Problem(None, "--indicator", "", "krävs för --kind regso-key"))
    else:
        definitions = [*store.indicator_definitions()]
        have = {d.key for d in definitions}
        definitions += [d for d in DEFAULT_INDICATORS if d.key not in have]
        try:
            definition = find_definition(definitions, indicator)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if indicator in DERIVED_KEYS:
            problems.append(
                Problem(None, "--indicator", indicator, "beräknas av EST Geo, aggregeras inte")
            )
            definition = None
    key: AreaKey | None = None
    try:
        frame = read_table(path)
    except ValidationError as exc:
        problems.extend(exc.problems)
    else:
        available = ", ".join(str(c) for c in frame.columns)
        guessed = key_columns(frame)
        d_col = _pick(frame, deso_column, ()) if deso_column else guessed["deso"]
        r_col = _pick(frame, regso_column, ()) if regso_column else guessed["regso"]
        for role, found, given in (("deso", d_col, deso_column), ("regso", r_col, regso_column)):
            if found is None:
                problems.append(
                    Problem(
                        None, role, given or "", f"kolumnen hittas inte; tabellen har {available}"
                    )
                )
        if d_col is not None and r_col is not None:
            if frame.empty:
                problems.append(Problem(None, "fil", str(path), "kodnyckeln har inga rader"))
            try:
                key = AreaKey.from_pairs(frame[d_col].tolist(), frame[r_col].tolist())
            except ValidationError as exc:
                problems.extend(exc.problems)
    aggregated = pd.DataFrame()
    how = "sum"
    if definition is not None and key is not None:
        how = aggregation_for(definition)
        values = store.indicator_values(definition.key)
        values = values[[is_deso(c) for c in values["area_code"].astype(str)]]
        if values.empty:
            problems.append(
                Problem(
                    None, "--indicator", definition.key, "inga lagrade DeSO-värden att aggregera"
                )
            )
        else:
            try:
                aggregated = aggregate_upwards(
                    values[["area_code", "period", "value", "n"]], key, how=how
                )
            except ValidationError as exc:
                problems.extend(exc.problems)
    if problems:
        raise _problem_error(problems, f"Kan inte aggregera till RegSO med {Path(path).name}")
    assert definition is not None
    assert key is not None
    regso_areas = store.areas(levels=[AreaLevel.REGSO.value])["code"].astype(str)
    report = join_report(regso_areas, aggregated["area_code"])
    keep = aggregated[aggregated["area_code"].isin(set(regso_areas))]
    out = pd.DataFrame(
        {
            "indicator_key": definition.key,
            "area_code": keep["area_code"].astype(str).to_numpy(),
            "period": keep["period"].astype(str).to_numpy(),
            "value": keep["value"].to_numpy(float),
            "n": [None if pd.isna(v) else float(v) for v in keep["n"]],
        }
    )
    written = store.add_indicator_values(out, user=user) if len(out) else 0
    return RegsoImportResult(
        written=written,
        how=how,
        key_rows=len(key.parent_of),
        periods=tuple(sorted(set(out["period"]))),
        report=report,
    )
