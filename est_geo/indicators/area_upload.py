"""The small pure pieces of the Data page's area and indicator-value upload (no streamlit).

The page (``ui/data/area_import.py``) only collects choices and shows results; these helpers
decide what it offers: which column is picked before the user chooses (the same names
:mod:`est_geo.indicators.io` recognises), which area level a layer probably is, which
indicators may be chosen, how an uploaded file reaches the readers (they take a path, so
the bytes go to a temporary file named like the upload: a zipped Shapefile stays a
``.zip``) and what the preview of an area file shows (layer, CRS, count, first rows,
bounds, a few features in WGS84 for a map). Nothing here writes to a store; the import
itself is :func:`~est_geo.indicators.io.import_areas` /
:func:`~est_geo.indicators.io.import_indicator_values`.
"""

from __future__ import annotations

import math
import re
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import DEFAULT_INDICATORS, DISPLAY_EPSG, AreaLevel, IndicatorDefinition
from est_geo.core.validate import extent_problems
from est_geo.i18n import translate
from est_geo.indicators.catalogue import DERIVED_KEYS
from est_geo.indicators.codes import DESO_PATTERN, REGSO_PATTERN
from est_geo.indicators.io import (
    AREA_NAMES,
    KEY_NAMES,
    N_NAMES,
    PERIOD_NAMES,
    VALUE_NAMES,
    check_vector_file,
    require_geometry,
    vector_layers,
)
from est_geo.indicators.join import JoinReport
from est_geo.io.csvout import frame_to_csv

__all__ = [
    "AREA_TYPES",
    "MAP_FEATURES",
    "PREVIEW_ROWS",
    "VALUE_TYPES",
    "AreaColumns",
    "AreaFilePreview",
    "area_layers",
    "guess_area_columns",
    "guess_column",
    "guess_indicator",
    "guess_level",
    "guess_value_columns",
    "indicator_choices",
    "join_report_csv",
    "preview_area_file",
    "shown_codes",
    "upload_as_file",
]

#: File types of the area upload (``st.file_uploader`` refuses others in the browser).
AREA_TYPES: tuple[str, ...] = ("gpkg", "geojson", "json", "zip")
#: File types of the indicator-value upload.
VALUE_TYPES: tuple[str, ...] = ("csv", "xlsx")
#: Rows of the attribute preview.
PREVIEW_ROWS = 10
#: Features drawn on the preview map at most (a whole country of DeSO would be megabytes).
MAP_FEATURES = 2_000

#: Column names taken as an area layer's code, name and parent, in this order of
#: preference (compared in lower case). SCB's RegSO layer calls the code ``regsokod`` and
#: the *name* ``regso``, so ``regso`` comes last as a code and is a name candidate too.
AREA_CODE_NAMES: tuple[str, ...] = (
    "deso",
    "desokod",
    "deso_kod",
    "regsokod",
    "regso_kod",
    "kod",
    "code",
    "area_code",
    "omradeskod",
    "områdeskod",
    "regso",
)
AREA_NAME_NAMES: tuple[str, ...] = (
    "namn",
    "name",
    "områdesnamn",
    "omradesnamn",
    "desonamn",
    "deso_namn",
    "regsonamn",
    "regso_namn",
    "regso",
)
#: Parent columns; the RegSO columns only for a DeSO layer (a DeSO's parent is its RegSO).
PARENT_NAMES: tuple[str, ...] = ("parent_code", "parent", "overordnad", "överordnad")
DESO_PARENT_NAMES: tuple[str, ...] = ("regsokod", "regso_kod", "regso")

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def guess_column(
    columns: Iterable[object], candidates: Sequence[str], *, exclude: Iterable[str] = ()
) -> str | None:
    """The first of ``candidates`` that is a column (case-insensitive), or ``None``.

    The same rule as the indicator reader's own detection: exact names, lower case, in
    the candidates' order. ``exclude`` names columns already used for something else.
    """
    skip = {str(c) for c in exclude}
    lower: dict[str, str] = {}
    for column in columns:
        name = str(column)
        if name not in skip:
            lower.setdefault(name.lower(), name)
    for candidate in candidates:
        if candidate in lower:
            return lower[candidate]
    return None


def _cell_text(value: object) -> str:
    """A cell as stripped text; "" for a missing value (None, NaN, NA)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def guess_level(codes: Iterable[object], column: str | None = None) -> str:
    """``deso``/``regso`` when every code has SCB's format, else by column name, else custom."""
    texts = [text for text in (_cell_text(c) for c in codes) if text]
    if texts and all(DESO_PATTERN.match(c) for c in texts):
        return AreaLevel.DESO.value
    if texts and all(REGSO_PATTERN.match(c) for c in texts):
        return AreaLevel.REGSO.value
    name = (column or "").lower()
    if name.startswith("deso"):
        return AreaLevel.DESO.value
    if name.startswith("regso"):
        return AreaLevel.REGSO.value
    return AreaLevel.CUSTOM.value


@dataclass(frozen=True)
class AreaColumns:
    """Preselected choices for an area layer (``None`` = no such column)."""

    code: str | None
    name: str | None
    parent: str | None
    level: str


def guess_area_columns(
    frame: pd.DataFrame, *, known_codes: Iterable[object] | None = None
) -> AreaColumns:
    """Code, name and parent column and the level an area layer probably has.

    ``frame`` holds (some of) the layer's attribute rows; the level is read from the
    code values, so a DeSO file is recognised whatever its code column is called.
    ``known_codes`` are the codes already stored: a parent must be one of them or an area
    of the same file (the import refuses other parents), so a parent column whose codes
    are not all known is not preselected — the user may still choose it.
    """
    columns = [str(c) for c in frame.columns if str(c) != "geometry"]
    code = guess_column(columns, AREA_CODE_NAMES)
    level = guess_level(frame[code] if code is not None else (), code)
    parent_names = PARENT_NAMES + (DESO_PARENT_NAMES if level == AreaLevel.DESO.value else ())
    parent = guess_column(columns, parent_names, exclude=[c for c in (code,) if c])
    if parent is not None and known_codes is not None:
        known = {_cell_text(c) for c in known_codes}
        if code is not None:
            known |= {_cell_text(c) for c in frame[code]}
        if not {_cell_text(v) for v in frame[parent]} - {""} <= known:
            parent = None
    name = guess_column(columns, AREA_NAME_NAMES, exclude=[c for c in (code, parent) if c])
    return AreaColumns(code=code, name=name, parent=parent, level=level)


def guess_value_columns(columns: Iterable[object]) -> dict[str, str | None]:
    """What the indicator reader finds when a column is left to it ("(auto)").

    Keys ``area``, ``period``, ``value``, ``n`` and ``indicator`` (the long table's
    indicator column); the names are the reader's own lists, so the page shows exactly
    the column the import will use.
    """
    cols = [str(c) for c in columns]
    return {
        "area": guess_column(cols, AREA_NAMES),
        "period": guess_column(cols, PERIOD_NAMES),
        "value": guess_column(cols, VALUE_NAMES),
        "n": guess_column(cols, N_NAMES),
        "indicator": guess_column(cols, KEY_NAMES),
    }


def indicator_choices(
    stored: Sequence[IndicatorDefinition],
    defaults: Sequence[IndicatorDefinition] = DEFAULT_INDICATORS,
) -> list[IndicatorDefinition]:
    """Indicators values may be imported for: the catalogue, then missing defaults.

    The import adds the defaults to a catalogue that lacks them, so they are offered
    too; derived indicators (``rapporter_per_1000``) are computed, never imported.
    """
    have = {d.key for d in stored}
    chosen = [*stored, *(d for d in defaults if d.key not in have)]
    return [d for d in chosen if d.key not in DERIVED_KEYS]


def guess_indicator(keys: Sequence[str], filename: str, columns: Iterable[object]) -> str | None:
    """The indicator to preselect: ``""`` for a long table (it has an indicator column),
    a key the file name contains (longest match), or ``None`` (the user must choose)."""
    if guess_column([str(c) for c in columns], KEY_NAMES) is not None:
        return ""
    stem = Path(filename).stem.lower()
    found = [k for k in keys if k and k.lower() in stem]
    return max(found, key=len) if found else None


def _safe_name(filename: str, allowed: Sequence[str]) -> str:
    """A file name for the temp copy: the upload's, without path or odd characters."""
    name = Path(filename.replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    stem = _SAFE.sub("_", Path(name).stem).strip("._") or "upload"
    if suffix.lstrip(".") not in allowed:
        raise ValidationError(
            [
                Problem.keyed(
                    None,
                    "fil",
                    filename,
                    "indicators.problem.unsupported_type",
                    suffixes=", ".join(allowed),
                )
            ],
            key="indicators.error.cannot_read",
        )
    return f"{stem[:100]}{suffix}"


@contextmanager
def upload_as_file(filename: str, data: bytes, *, allowed: Sequence[str]) -> Iterator[Path]:
    """The uploaded bytes as a file in a fresh temporary directory, removed afterwards.

    The file keeps the upload's name (made safe) and suffix: the readers choose the
    format by suffix (a ``.zip`` is opened as a zipped Shapefile) and name the file in
    their messages.
    """
    name = _safe_name(filename, allowed)
    with tempfile.TemporaryDirectory(prefix="est_geo_upload_") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        yield path


def area_layers(path: str | Path) -> list[str]:
    """The layers of a vector file (one for GeoJSON and Shapefile, any number for GPKG)."""
    p = Path(path)
    layers = vector_layers(p)
    if not layers:
        raise ValidationError(
            [Problem.keyed(None, "fil", p.name, "indicators.problem.file_no_layers")],
            key="indicators.error.cannot_read_areas",
        )
    return layers


@dataclass(frozen=True)
class AreaFilePreview:
    """What the page shows of one layer of an area file before anything is imported.

    Attributes
    ----------
    layer
        The layer read.
    columns
        Attribute columns (no geometry).
    crs
        The layer's CRS as text (``"SWEREF99 TM (EPSG:3006)"``), ``None`` when missing.
    features
        Number of features in the layer.
    geometry_type
        As GDAL reports it (``Polygon``, ``MultiPolygon``, ``Point`` …).
    head
        The first :data:`PREVIEW_ROWS` attribute rows, as text.
    bounds
        ``(minx, miny, maxx, maxy)`` in the file's CRS, ``None`` when empty.
    display
        The first :data:`MAP_FEATURES` features in WGS84 with every attribute as text
        (``None`` without a CRS: nothing can be placed on a map).
    """

    layer: str
    columns: tuple[str, ...]
    crs: str | None
    features: int
    geometry_type: str
    head: pd.DataFrame
    bounds: tuple[float, float, float, float] | None
    display: gpd.GeoDataFrame | None

    @property
    def wgs84_bounds(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """``((south, west), (north, east))`` of the drawn features, for a map view."""
        if self.display is None or self.display.empty:
            return None
        west, south, east, north = (float(v) for v in self.display.total_bounds)
        return (south, west), (north, east)


def _describe_crs(crs: object) -> str | None:
    if crs is None:
        return None
    from pyproj import CRS

    parsed = CRS.from_user_input(crs)
    epsg = parsed.to_epsg()
    return f"{parsed.name} (EPSG:{epsg})" if epsg else str(parsed.name)


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as text (missing = ""), so the grid shows what the file holds."""
    return pd.DataFrame({c: [_cell_text(v) for v in frame[c]] for c in frame.columns})


def _bounds(raw: object) -> tuple[float, float, float, float] | None:
    """GDAL's total bounds, ``None`` for an empty layer (GDAL gives NaN or nothing)."""
    if raw is None:
        return None
    values = [float(v) for v in raw]  # type: ignore[attr-defined]
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        return None
    return values[0], values[1], values[2], values[3]


def _check_extent(first: gpd.GeoDataFrame, total: object, path: Path) -> None:
    """Refuse a layer whose coordinates cannot be in its CRS before drawing anything:
    the rows among the features read, else the layer's bounds (a bad row further on)."""
    problems = extent_problems(first.geometry.reset_index(drop=True))
    if not problems and first.crs is not None and (box := _bounds(total)) is not None:
        whole = gpd.GeoSeries([shapely.box(*box)], crs=first.crs)
        problems = [replace(p, row=None) for p in extent_problems(whole, field="lager")]
    if problems:
        raise ValidationError(problems, key="indicators.error.implausible", file=path.name)


def preview_area_file(
    path: str | Path,
    layer: str,
    *,
    rows: int = PREVIEW_ROWS,
    map_features: int = MAP_FEATURES,
) -> AreaFilePreview:
    """Read what the preview needs: the layer's metadata and its first features.

    Raises
    ------
    ValidationError
        When the layer cannot be read (named with GDAL's reason).
    """
    import pyogrio

    p = Path(path)
    check_vector_file(p)
    try:
        with warnings.catch_warnings(record=True):  # GDAL's notes; its errors raise below
            warnings.simplefilter("always")
            info = pyogrio.read_info(
                p, layer=layer, force_feature_count=True, force_total_bounds=True
            )
            first = gpd.read_file(p, layer=layer, max_features=max(rows, map_features))
    # As in the area reader: GDAL and GEOS fail on damaged files in many ways.
    except Exception as exc:
        raise ValidationError(
            [Problem.keyed(None, "fil", p.name, "indicators.problem.unreadable", error=exc)],
            key="indicators.error.cannot_read_areas",
        ) from exc
    first = require_geometry(first, p, layer)
    _check_extent(first, info.get("total_bounds"), p)
    geometry = first.geometry.name
    attributes = pd.DataFrame(first.drop(columns=geometry))
    bounds = info.get("total_bounds")
    display: gpd.GeoDataFrame | None = None
    if first.crs is not None:
        shown = first.iloc[:map_features]
        shown = shown[shown.geometry.notna() & ~shown.geometry.is_empty]
        display = gpd.GeoDataFrame(
            _as_text(pd.DataFrame(shown.drop(columns=geometry))),
            geometry=shown.geometry.to_crs(epsg=DISPLAY_EPSG).to_numpy(),
            crs=DISPLAY_EPSG,
        )
    return AreaFilePreview(
        layer=layer,
        columns=tuple(str(c) for c in attributes.columns),
        crs=_describe_crs(first.crs),
        features=int(info.get("features") or 0),
        geometry_type=str(info.get("geometry_type") or ""),
        head=_as_text(attributes.head(rows)).reset_index(drop=True),
        bounds=_bounds(bounds),
        display=display,
    )


def shown_codes(codes: Sequence[str], limit: int = 50) -> tuple[str, int]:
    """The first ``limit`` codes joined with ", " and how many more there are."""
    return ", ".join(codes[:limit]), max(len(codes) - limit, 0)


def join_report_csv(report: JoinReport, lang: str = "sv") -> bytes:
    """The join report as CSV bytes that Swedish Excel opens (BOM, semicolons), its
    headers and reasons in ``lang``."""
    columns = {c: translate(f"indicators.join.col.{c}", lang) for c in ("code", "problem")}
    frame = report.to_frame(lang).rename(columns=columns)
    return frame_to_csv(frame, sep=";")
