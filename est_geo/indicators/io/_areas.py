"""Area files (GeoPackage, GeoJSON, zipped Shapefile): checked, read, validated, imported.

Also the shared column names and file suffixes of the indicator importers. Never imports
streamlit.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import STORE_EPSG, AreaLevel
from est_geo.core.validate import extent_problems, shape_problem
from est_geo.indicators.codes import (
    code_problems,
)
from est_geo.io.crsdetect import geojson_crs_problem
from est_geo.io.limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    check_layer,
    check_zip,
)
from est_geo.store import Store

__all__ = [
    "AREA_FILE_SUFFIXES",
    "AREA_NAMES",
    "IMPORT_LEVELS",
    "KEY_NAMES",
    "N_NAMES",
    "PERIOD_NAMES",
    "TABLE_FILE_SUFFIXES",
    "VALUE_NAMES",
    "AreasImport",
    "check_vector_file",
    "import_areas",
    "read_areas",
    "require_geometry",
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

# Column names recognised when the user does not name the column (lower case); the area
# upload page guesses with the same names.
AREA_NAMES = ("area_code", "code", "kod", "omradeskod", "områdeskod", "deso", "regso", "regsokod")
PERIOD_NAMES = ("period", "år", "ar", "year", "tid", "kvartal", "månad", "manad")
VALUE_NAMES = ("value", "värde", "varde")
N_NAMES = ("n", "underlag", "antal_svar", "antal")
KEY_NAMES = ("indicator_key", "indikator", "indicator")


def _problem_error(problems: Sequence[Problem], key: str, **params: object) -> ValidationError:
    """A ValidationError of ``problems`` summed up by the catalogue text ``key``."""
    return ValidationError(list(problems), None, key=key, **params)


# --------------------------------------------------------------------------- areas


def _check_file(path: Path, suffixes: Sequence[str]) -> None:
    if not path.exists():
        raise _problem_error(
            [Problem.keyed(None, "fil", str(path), "indicators.problem.no_file")],
            "indicators.error.cannot_read",
        )
    if path.suffix.lower() not in suffixes:
        raise _problem_error(
            [
                Problem.keyed(
                    None,
                    "fil",
                    path.name,
                    "indicators.problem.unknown_format",
                    suffixes=", ".join(suffixes),
                )
            ],
            "indicators.error.cannot_read",
        )


def vector_layers(path: Path) -> list[str]:
    """The layers of a vector file; a file that is no geodata is a ValidationError."""
    import pyogrio

    try:
        return [str(row[0]) for row in pyogrio.list_layers(path)]
    except pyogrio.errors.DataSourceError as exc:
        raise _problem_error(
            [Problem.keyed(None, "fil", path.name, "indicators.problem.not_geodata", error=exc)],
            "indicators.error.cannot_read_areas",
        ) from exc


def _unreadable(path: Path, key: str, **params: object) -> ValidationError:
    problem = Problem.keyed(None, "fil", path.name, key, **params)
    return _problem_error([problem], "indicators.error.cannot_read_areas")


def check_vector_file(path: Path) -> None:
    """Refuse what GDAL would misread: a GeoJSON whose declared CRS PROJ does not know
    (GDAL takes it for WGS84 without a word)."""
    if path.suffix.lower() in {".geojson", ".json"}:
        problem = geojson_crs_problem(path.read_bytes())
        if problem is not None:
            raise _problem_error([problem], "indicators.error.cannot_read_areas")


def require_geometry(frame: pd.DataFrame, path: Path, layer: str | None) -> gpd.GeoDataFrame:
    """``frame`` as a GeoDataFrame, or a clear error for a table without geometry."""
    if not isinstance(frame, gpd.GeoDataFrame):
        raise _unreadable(path, "indicators.problem.no_geometry", layer=layer or "")
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
        raise _unreadable(path, "indicators.problem.no_layers")
    if layer is None and len(layers) > 1:
        raise _problem_error(
            [Problem.keyed(None, "layer", "", "indicators.problem.several_layers", layers=layers)],
            "indicators.error.cannot_read_areas",
        )
    if layer is not None and layer not in layers:
        raise _problem_error(
            [
                Problem.keyed(
                    None, "layer", layer, "indicators.problem.no_such_layer", layers=layers
                )
            ],
            "indicators.error.cannot_read_areas",
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
        raise _unreadable(path, "indicators.problem.unreadable", error=exc) from exc
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
        choices = ", ".join(IMPORT_LEVELS)
        problems.append(
            Problem.keyed(None, "level", level, "indicators.problem.choose_one", choices=choices)
        )
    raw = _read_vector(p, layer)
    columns = [c for c in raw.columns if c != raw.geometry.name]
    for role, col in (("code", code_column), ("name", name_column), ("parent", parent_column)):
        if col is not None and col not in raw.columns:
            problems.append(
                Problem.keyed(
                    None, role, col, "indicators.problem.no_column_file", columns=", ".join(columns)
                )
            )
    if raw.crs is None:
        problems.append(Problem.keyed(None, "crs", "", "indicators.problem.no_crs"))
    if problems:
        raise _problem_error(problems, "indicators.error.cannot_read_areas")
    codes = [None if pd.isna(c) else str(c).strip() for c in raw[code_column]]
    problems += code_problems(codes, level)
    names_src = raw[name_column] if name_column else raw[code_column]
    names = ["" if pd.isna(n) else str(n).strip() for n in names_src]
    problems += [
        Problem.keyed(i, "name", "", "indicators.problem.no_name")
        for i, n in enumerate(names, 1)
        if not n
    ]
    problems += extent_problems(raw.geometry.reset_index(drop=True))
    geoms = shapely.force_2d(raw.geometry.to_numpy())
    for i, g in enumerate(geoms, start=1):
        if shape := shape_problem(i, g, "indicators.problem.not_polygon"):
            problems.append(shape)
    if problems:
        raise _problem_error(problems, "indicators.error.invalid_areas", file=p.name)
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
