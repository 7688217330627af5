"""Validation of geometries and tables before they reach the store.

Checks collect every problem (row, field, value, reason) and raise one ValidationError, so
an analyst fixing a file sees all 37 bad rows at once, not one per attempt.
"""

from __future__ import annotations

import re
from dataclasses import replace

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from est_geo.core.crs import crs_extent, outside_extent
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import STORE_EPSG, AreaLevel, length_problems
from est_geo.core.text import Text

_REQUIRED_AREA_COLUMNS = ("code", "name", "level", "parent_code", "geometry")


def extent_problems(
    geometries: gpd.GeoSeries, *, field: str = "geometry", first_row: int = 1
) -> list[Problem]:
    """One problem per shape whose coordinates cannot be where its CRS says they are.

    Checked against :func:`~est_geo.core.crs.crs_extent` of the series' CRS (its area of use
    and Sweden): a coordinate of 1e12 m, or degrees in a file declared as SWEREF 99 TM,
    would otherwise be stored and break every map that draws it. Missing or empty shapes
    are left to the caller's own checks.
    """
    if geometries.crs is None or len(geometries) == 0:
        return []
    epsg = geometries.crs.to_epsg()
    crs = f"EPSG:{epsg}" if epsg else str(geometries.crs.name)
    extent = crs_extent(geometries.crs.to_wkt() if epsg is None else crs)
    present = (geometries.notna() & ~geometries.is_empty).to_numpy()
    bounds = np.asarray(geometries.bounds, dtype=float)
    bad = outside_extent(bounds, extent) & present
    where = ""
    if extent is not None:
        where = f" ({_box_text(extent)})"
    projected = not geometries.crs.is_geographic
    problems = []
    for i in np.flatnonzero(bad):
        minx, miny, maxx, maxy = bounds[i]
        key = "core.extent.outside_check_crs"
        if projected and max(abs(minx), abs(maxx)) <= 180 and max(abs(miny), abs(maxy)) <= 90:
            key = "core.extent.outside_degrees"
        problems.append(
            Problem.keyed(
                int(i) + first_row,
                field,
                _box_text((minx, miny, maxx, maxy)),
                key,
                crs=crs,
                where=where,
            )
        )
    return problems


def _number(value: float) -> str:
    """Metres as whole numbers, degrees and absurd values in short form."""
    return f"{value:.0f}" if 1_000 <= abs(value) < 1e9 else f"{value:.6g}"


def _box_text(box: tuple[float, float, float, float]) -> str:
    minx, miny, maxx, maxy = (_number(float(v)) for v in box)
    return f"x {minx}…{maxx}, y {miny}…{maxy}"


#: GEOS's reasons for an invalid shape (``shapely.is_valid_reason``) → catalogue keys.
_GEOS_REASONS = {
    "Self-intersection": "core.geometry.self_intersection",
    "Ring Self-intersection": "core.geometry.ring_self_intersection",
    "Too few points in geometry component": "core.geometry.too_few_points",
    "Hole lies outside shell": "core.geometry.hole_outside",
    "Holes are nested": "core.geometry.nested_holes",
    "Nested shells": "core.geometry.nested_shells",
    "Interior is disconnected": "core.geometry.disconnected",
    "Duplicate Rings": "core.geometry.duplicate_rings",
    "Invalid Coordinate": "core.geometry.invalid_coordinate",
    "Ring is not closed": "core.geometry.not_closed",
    "Repeated Point": "core.geometry.repeated_point",
}
_AT_POINT = re.compile(r"(?P<what>[^\[]+)\[(?P<x>\S+) (?P<y>\S+)\]")


def shape_problem(row: int, shape: BaseGeometry | None, not_polygon: str) -> Problem | None:
    """Why an area's ``shape`` in ``row`` cannot be stored, or None.

    Missing, empty or not a (multi)polygon: the catalogue text ``not_polygon`` (each area
    importer has its own); invalid: :func:`invalid_reason`. The value names what the shape
    is ("tom" / "empty", "LineString", "ogiltig" / "invalid") in the reader's language.
    """
    if shape is None or shape.is_empty:
        return Problem.keyed(row, "geometry", Text.of("core.geometry.empty"), not_polygon)
    if shape.geom_type not in {"Polygon", "MultiPolygon"}:
        return Problem.keyed(row, "geometry", shape.geom_type, not_polygon)
    if not shape.is_valid:
        return Problem(row, "geometry", Text.of("core.geometry.invalid"), invalid_reason(shape))
    return None


def invalid_reason(shape: BaseGeometry) -> Text:
    """Why GEOS finds ``shape`` invalid, worded in the reader's language.

    ``shapely.is_valid_reason`` answers in GEOS's English ("Self-intersection[1 1]"); a
    reason the catalogue knows is worded at the point GEOS names, any other is shown as
    GEOS wrote it but said to be shapely's words, not ours.
    """
    said = shapely.is_valid_reason(shape)
    found = _AT_POINT.fullmatch(said)
    key = _GEOS_REASONS.get(found["what"] if found else said)
    if key is None:
        return Text.of("core.geometry.shapely_said", reason=said)
    if found is None:
        return Text.of(key)
    return Text.of("core.geometry.at_point", what=Text.of(key), x=found["x"], y=found["y"])


def validate_areas(areas: gpd.GeoDataFrame, *, existing_codes: set[str]) -> gpd.GeoDataFrame:
    """Check an area table and return it in the store CRS.

    Geometries must be valid (multi)polygons within their CRS's plausible extent
    (:func:`extent_problems`); codes unique and new; levels known; a parent code must
    exist among the new or existing areas.
    """
    missing = [c for c in _REQUIRED_AREA_COLUMNS if c not in areas.columns]
    if missing:
        problems = [Problem.keyed(None, c, "", "core.areas.no_column") for c in missing]
        raise ValidationError(problems)
    if areas.crs is None:
        raise ValidationError([Problem.keyed(None, "geometry", "", "core.areas.no_crs")])
    problems = extent_problems(areas.geometry.reset_index(drop=True))
    out = areas.to_crs(epsg=STORE_EPSG).reset_index(drop=True)
    codes = set(existing_codes)
    all_codes = existing_codes | set(out["code"].astype(str))
    levels = {lv.value for lv in AreaLevel}
    for i, rec in enumerate(out.itertuples(index=False), start=1):
        g = rec.geometry
        code = str(rec.code).strip()
        if not code:
            problems.append(Problem.keyed(i, "code", code, "core.areas.no_code"))
        elif code in codes:
            problems.append(Problem.keyed(i, "code", code, "core.areas.duplicate_code"))
        codes.add(code)
        if not str(rec.name).strip():
            problems.append(Problem.keyed(i, "name", str(rec.name), "core.problem.name_missing"))
        problems += [replace(p, row=i) for p in length_problems({"name": str(rec.name)})]
        if rec.level not in levels:
            known = ", ".join(levels)
            problems.append(
                Problem.keyed(i, "level", str(rec.level), "core.areas.unknown_level", known=known)
            )
        parent = rec.parent_code
        if parent is not None and parent == parent and parent not in all_codes:
            problems.append(
                Problem.keyed(i, "parent_code", str(parent), "core.areas.unknown_parent")
            )
        if shape := shape_problem(i, g, "core.areas.not_polygon"):
            problems.append(shape)
    if problems:
        problems.sort(key=lambda p: p.row or 0)
        raise ValidationError(problems, key="core.areas.summary")
    out["code"] = out["code"].astype(str).str.strip()
    out["parent_code"] = out["parent_code"].where(out["parent_code"].notna(), None)
    return out
