"""Drawings of interventions: browser GeoJSON parsed into store-CRS shapes, checks, repair, zoom.

Drawings arrive from the browser as GeoJSON in WGS84 (``st_folium``'s ``all_drawings``).
:func:`parse_drawings` turns them into shapely geometries in the store CRS (SWEREF 99 TM,
EPSG:3006) and keeps the id of a saved intervention loaded into the draw layer, so edits
and deletions can be matched to stored rows. :func:`check_drawing` names every problem
(a polygon that crosses itself, a shape without area or length, a shape outside the
municipality); :func:`repair` (``shapely.make_valid``) runs **only when the user asks**: a
silent repair can turn a bow-tie into two triangles the user never drew. Never imports
streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from est_geo.core.crs import from_wgs84, to_wgs84
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import AreaLevel
from est_geo.core.text import Text

__all__ = [
    "DEFAULT_EVAL_BUFFER_M",
    "DEFAULT_RING_M",
    "DEFAULT_ROUTE_BUFFER_M",
    "MAX_CONTROL_RING_M",
    "MIN_AREA_M2",
    "MIN_CONTROL_RING_M",
    "MIN_LENGTH_M",
    "Drawing",
    "DrawingIssue",
    "changed_geometries",
    "check_drawing",
    "geometry_to_wgs84",
    "municipality_of",
    "parse_drawings",
    "parse_feature",
    "repair",
    "same_geometry",
    "shape_bounds_wgs84",
    "zoom_for_bounds",
]


#: Scope of a route or point: the street a guard walks, the square a camera sees.
DEFAULT_ROUTE_BUFFER_M = 50.0
#: Width of the ring around a shape used for comparison in the scope analysis.
DEFAULT_RING_M = 200.0
#: Width of the displacement buffer in an evaluation (a couple of blocks: Bowers &
#: Johnson 2003 and Guerette 2009 use buffers of about this size around small targets).
DEFAULT_EVAL_BUFFER_M = 200.0
#: Narrowest and widest default control ring (each): wide enough not to be a sliver,
#: narrow enough to stay in the same part of town as the target.
MIN_CONTROL_RING_M = 50.0
MAX_CONTROL_RING_M = 1500.0
#: Below this a drawn polygon has no area worth analysing (a double click, a line).
MIN_AREA_M2 = 1.0
#: Below this a drawn route has no length worth analysing.
MIN_LENGTH_M = 1.0
#: Tolerance for "the same shape" after a WGS84 round trip with 7 decimals (≈ 1 cm).
SAME_GEOMETRY_TOLERANCE_M = 0.1
#: Decimals of WGS84 coordinates sent to the editable draw layer: 7 ≈ 1 cm, so a shape
#: that was not edited comes back equal to the stored one within the tolerance above.
EDIT_PRECISION = 7

POLYGONAL = frozenset({"Polygon", "MultiPolygon"})
_LINEAR = frozenset({"LineString", "MultiLineString"})
_PUNTAL = frozenset({"Point", "MultiPoint"})


# --------------------------------------------------------------------------- drawings


@dataclass(frozen=True)
class Drawing:
    """One shape from the draw layer, in the store CRS.

    ``intervention_id`` is set when the shape is a saved intervention that was loaded
    into the draw layer (its GeoJSON ``properties.intervention_id``); ``None`` for a new
    drawing.
    """

    geometry: BaseGeometry
    intervention_id: int | None = None

    @property
    def shape_kind(self) -> str:
        """``"polygon"``, ``"line"`` or ``"point"`` (how its scope is formed)."""
        return _shape_kind(self.geometry)


def _shape_kind(geometry: BaseGeometry) -> str:
    if geometry.geom_type in POLYGONAL:
        return "polygon"
    if geometry.geom_type in _LINEAR:
        return "line"
    return "point"


def _lonlat_problem(coords: NDArray[np.float64], where: int | None) -> Problem | None:
    if coords.size == 0:
        return Problem.keyed(where, "geometry", "", "interventions.drawing.no_coordinates")
    if not np.isfinite(coords).all():
        return Problem.keyed(where, "geometry", "NaN", "interventions.drawing.not_numbers")
    lon, lat = coords[:, 0], coords[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        return Problem.keyed(where, "geometry", "WGS84", "interventions.drawing.not_lonlat")
    return None


def parse_feature(feature: Mapping[str, Any], *, row: int | None = None) -> Drawing:
    """One GeoJSON feature (WGS84 lon/lat, as Leaflet.draw gives it) → :class:`Drawing`.

    Raises :class:`ValidationError` when the feature has no usable geometry. Validity
    (self-intersection, area, municipality) is *not* judged here: see
    :func:`check_drawing`, because the user must see those problems and choose.
    """
    raw = feature.get("geometry") if isinstance(feature, Mapping) else None
    if not isinstance(raw, Mapping) or "type" not in raw:
        raise ValidationError(
            [Problem.keyed(row, "geometry", "", "interventions.drawing.no_geometry")]
        )
    kind = str(raw.get("type"))
    if kind not in POLYGONAL | _LINEAR | _PUNTAL:
        raise ValidationError(
            [Problem.keyed(row, "geometry", kind, "interventions.drawing.unsupported")]
        )
    try:
        geom_wgs84 = shape(raw)
        coords = np.asarray(shapely.get_coordinates(geom_wgs84), dtype=np.float64)
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise ValidationError(
            [Problem.keyed(row, "geometry", kind, "interventions.drawing.unparsable", error=exc)]
        ) from None
    problem = _lonlat_problem(coords, row)
    if problem is not None:
        raise ValidationError([problem])
    geometry = shapely.transform(geom_wgs84, _to_store_xy)
    props = feature.get("properties") or {}
    iv_id = props.get("intervention_id") if isinstance(props, Mapping) else None
    return Drawing(geometry, _int_or_none(iv_id))


def parse_drawings(features: Iterable[Mapping[str, Any]] | None) -> list[Drawing]:
    """Every feature of ``all_drawings`` → drawings; all unreadable ones reported at once."""
    drawings: list[Drawing] = []
    problems: list[Problem] = []
    for i, feature in enumerate(features or [], start=1):
        try:
            drawings.append(parse_feature(feature, row=i))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems, key="interventions.drawing.unreadable")
    return drawings


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _to_store_xy(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = from_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([x, y])


def _to_wgs84_xy(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    lon, lat = to_wgs84(coords[:, 0], coords[:, 1])
    return np.column_stack([lon, lat])


def geometry_to_wgs84(geometry: BaseGeometry, *, precision: int = EDIT_PRECISION) -> BaseGeometry:
    """Store-CRS geometry → WGS84 lon/lat rounded to ``precision`` decimals (for the map)."""
    out: BaseGeometry = shapely.transform(geometry, _to_wgs84_xy)
    return shapely.set_precision(out, 10.0**-precision, mode="pointwise")


def same_geometry(
    a: BaseGeometry, b: BaseGeometry, *, tolerance_m: float = SAME_GEOMETRY_TOLERANCE_M
) -> bool:
    """True when two store-CRS shapes are the same drawing up to ``tolerance_m`` metres.

    Uses the Hausdorff distance, so a moved vertex counts as a change and a coordinate
    round trip through the browser does not.
    """
    if a.geom_type != b.geom_type:
        return False
    if a.is_empty or b.is_empty:
        return bool(a.is_empty and b.is_empty)
    distance = float(shapely.hausdorff_distance(a, b))
    return distance <= tolerance_m


def changed_geometries(
    drawings: Sequence[Drawing], stored: Mapping[int, BaseGeometry]
) -> tuple[list[Drawing], dict[int, BaseGeometry], list[int]]:
    """Split the draw layer's content into new, edited and deleted shapes.

    ``all_drawings`` is the whole draw layer after the last event, so a saved shape
    missing from it was deleted with the toolbar, and one whose geometry differs was
    edited. Returns ``(new drawings, {id: edited geometry}, deleted ids)``.
    """
    new = [d for d in drawings if d.intervention_id is None]
    seen = {d.intervention_id: d.geometry for d in drawings if d.intervention_id is not None}
    edited = {
        iv_id: geom
        for iv_id, geom in seen.items()
        if iv_id in stored and not same_geometry(geom, stored[iv_id])
    }
    deleted = sorted(iv_id for iv_id in stored if iv_id not in seen)
    return new, edited, deleted


# --------------------------------------------------------------------------- checks


@dataclass(frozen=True)
class DrawingIssue:
    """A problem with a drawing, for the user.

    ``code`` is stable (``self_intersection``, ``invalid``, ``zero_area``,
    ``zero_length``, ``outside_municipality``, ``partly_outside_municipality``,
    ``empty``); ``message`` is the catalogue text, :meth:`text` words it in the reader's
    language; ``repairable`` says whether :func:`repair` may fix it (only with the user's
    consent).
    """

    code: str
    message: Text
    repairable: bool = False

    @classmethod
    def keyed(
        cls, code: str, key: str, *, repairable: bool = False, **params: object
    ) -> DrawingIssue:
        """An issue whose message is the catalogue text ``key`` with ``params``."""
        return cls(code, Text.of(key, **params), repairable)

    def text(self, lang: str = "sv") -> str:
        """The message in ``lang``."""
        return self.message.text(lang)


def municipality_of(areas: gpd.GeoDataFrame) -> BaseGeometry | None:
    """Union of the kommun-level areas (store CRS), or ``None`` when there are none."""
    if areas.empty or "level" not in areas.columns:
        return None
    kommun = areas[areas["level"] == AreaLevel.KOMMUN.value]
    if kommun.empty:
        return None
    union: BaseGeometry = shapely.union_all(kommun.geometry.to_numpy())
    return union


def _where(point: BaseGeometry | None) -> dict[str, str]:
    """``lat`` and ``lon`` of ``point`` for an issue's text; none when it is unknown."""
    if point is None or point.is_empty:
        return {}
    lon, lat = to_wgs84(np.array([point.x]), np.array([point.y]))
    return {"lat": f"{lat[0]:.5f}", "lon": f"{lon[0]:.5f}"}


def _location_of_reason(geometry: BaseGeometry) -> BaseGeometry | None:
    """Point where GEOS finds the invalidity, parsed from ``is_valid_reason``."""
    reason = shapely.is_valid_reason(geometry)
    if "[" in reason and "]" in reason:
        inner = reason[reason.index("[") + 1 : reason.index("]")].split()
        try:
            return Point(float(inner[0]), float(inner[1]))
        except (ValueError, IndexError):
            return None
    return None


def check_drawing(
    geometry: BaseGeometry, *, municipality: BaseGeometry | None = None
) -> list[DrawingIssue]:
    """Every problem of a drawing (store CRS), with a Swedish message each.

    Checks, in order: empty; invalid polygon (self-intersection and other GEOS reasons,
    repairable); polygon without area; route without length; outside (or partly outside)
    the municipality, when its outline is known. An empty list means the drawing is fine.
    """
    if geometry.is_empty:
        return [DrawingIssue.keyed("empty", "interventions.drawing.empty")]
    issues: list[DrawingIssue] = []
    kind = _shape_kind(geometry)
    # Lines are "invalid" in GEOS only when degenerate: reported as zero length below.
    if kind == "polygon" and not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        where = _where(_location_of_reason(geometry))
        at = "_at" if where else ""
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            key = f"interventions.drawing.self_intersection{at}"
            issues.append(DrawingIssue.keyed("self_intersection", key, repairable=True, **where))
        else:
            key = f"interventions.drawing.invalid{at}"
            issues.append(
                DrawingIssue.keyed("invalid", key, repairable=True, reason=reason, **where)
            )
    # A bow-tie's signed area is 0; judge the area of its valid form instead.
    valid_form = geometry if geometry.is_valid else shapely.make_valid(geometry)
    if kind == "polygon" and valid_form.area < MIN_AREA_M2:
        issues.append(DrawingIssue.keyed("zero_area", "interventions.drawing.zero_area"))
    if kind == "line" and geometry.length < MIN_LENGTH_M:
        issues.append(DrawingIssue.keyed("zero_length", "interventions.drawing.zero_length"))
    if municipality is not None and not municipality.is_empty:
        probe = valid_form
        if not probe.intersects(municipality):
            issues.append(
                DrawingIssue.keyed(
                    "outside_municipality", "interventions.drawing.outside_municipality"
                )
            )
        elif not (probe.buffer(-0.01) if kind == "polygon" else probe).within(municipality):
            issues.append(
                DrawingIssue.keyed(
                    "partly_outside_municipality",
                    "interventions.drawing.partly_outside_municipality",
                )
            )
    return issues


def repair(geometry: BaseGeometry) -> BaseGeometry:
    """Make an invalid drawing valid with ``shapely.make_valid``: call only with consent.

    A self-intersecting polygon becomes a (multi)polygon of its valid parts; pieces of
    lower dimension that ``make_valid`` may produce (the crossing point, a dangling edge)
    are dropped, because an intervention area drawn as a polygon must stay an area.

    Raises :class:`ValidationError` when nothing of the drawing's dimension remains.
    """
    if geometry.is_valid:
        return geometry
    fixed = shapely.make_valid(geometry)
    kind = _shape_kind(geometry)
    wanted = {"polygon": POLYGONAL, "line": _LINEAR, "point": _PUNTAL}[kind]
    parts = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in wanted]
    if fixed.geom_type in wanted:
        parts = [fixed]
    if not parts:
        raise ValidationError(
            [
                Problem.keyed(
                    None, "geometry", geometry.geom_type, "interventions.drawing.not_repairable"
                )
            ]
        )
    result: BaseGeometry = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    if kind == "polygon" and result.area < MIN_AREA_M2:
        raise ValidationError(
            [Problem.keyed(None, "geometry", "area 0", "interventions.drawing.nothing_left")]
        )
    return result


def shape_bounds_wgs84(geometry: BaseGeometry) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) of a store-CRS geometry, for zooming the map."""
    minx, miny, maxx, maxy = geometry.bounds
    lon, lat = to_wgs84(np.array([minx, maxx]), np.array([miny, maxy]))
    return (float(lat[0]), float(lon[0])), (float(lat[1]), float(lon[1]))


def zoom_for_bounds(
    bounds: tuple[tuple[float, float], tuple[float, float]],
    *,
    width_px: int = 800,
    height_px: int = 600,
    max_zoom: int = 18,
) -> int:
    """Highest web-mercator zoom at which ``bounds`` fit in a map of the given size.

    ``st_folium`` can move the view with ``center``/``zoom`` without remounting the map
    (changing ``fit_bounds`` in the base map would remount it), so the page zooms to a
    chosen intervention with this.
    """
    (south, west), (north, east) = bounds
    lon_span = max(east - west, 1e-9)
    y1 = math.log(math.tan(math.pi / 4 + math.radians(north) / 2))
    y0 = math.log(math.tan(math.pi / 4 + math.radians(south) / 2))
    lat_span = max(abs(y1 - y0), 1e-12)
    zoom_x = math.log2(width_px * 360.0 / (256.0 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (256.0 * lat_span))
    return int(max(4, min(max_zoom, math.floor(min(zoom_x, zoom_y)))))
