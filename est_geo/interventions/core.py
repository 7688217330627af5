"""Interventions on the map: drawings, their scope, what happens there, and evaluation.

In an EST meeting someone draws where barriers go up or the route a guard walks; the
group then wants to see what happens inside that shape and when, and later whether the
intervention worked. This module is the non-UI half of that:

* **Drawings** arrive from the browser as GeoJSON in WGS84 (``st_folium``'s
  ``all_drawings``). :func:`parse_drawings` turns them into shapely geometries in the
  store CRS (SWEREF 99 TM, EPSG:3006) and keeps the id of a saved intervention that was
  loaded into the draw layer, so edits and deletions can be matched to stored rows.
* **Checks** (:func:`check_drawing`) name every problem in Swedish: a polygon that
  crosses itself, a shape without area or length, a shape outside the municipality. A
  broken polygon is repaired by :func:`repair` (``shapely.make_valid``) **only when the
  user asks**: a silent repair can turn a bow-tie into two triangles the user never drew.
* **Scope**: polygons count as drawn; routes and points cover a buffer around them
  (default :data:`DEFAULT_ROUTE_BUFFER_M`), as a guard round affects the street it walks.
* **Scope analysis** (:func:`analyse_scope`) for any shape, saved or not: incidents inside
  by category, the monthly trend, the weekday × hour profile with its busiest windows, and
  the same for the surrounding ring, because "many incidents" only means something next
  to the neighbourhood's level.
* **Evaluation** (:func:`evaluate_intervention`) on stored incidents: before/after periods
  around the start date, the target, a buffer ring and a control area → counts →
  :func:`est_geo.interventions.evaluation.evaluate_counts` (WDD, WDQ, RES and the Swedish verdict).
* **Writes** (:func:`save_intervention`, :func:`delete_intervention`) check the role
  before touching the store, so a page bug cannot write for a reader.

Never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from est_geo.access.roles import Action, Role, require
from est_geo.core.crs import from_wgs84, to_wgs84
from est_geo.core.errors import AnalysisError, Problem, ValidationError
from est_geo.core.model import AreaLevel, CategoryTree, Intervention
from est_geo.core.periods import Period
from est_geo.hotspots.timeprofile import TimeWindow, top_time_windows, weekday_hour_matrix
from est_geo.i18n.numbers import number
from est_geo.interventions.evaluation import Counts, EvaluationResult, evaluate_counts
from est_geo.store import IncidentQuery, Store
from est_geo.store.columns import IncidentColumns

__all__ = [
    "DEFAULT_EVAL_BUFFER_M",
    "DEFAULT_RING_M",
    "DEFAULT_ROUTE_BUFFER_M",
    "MAX_CONTROL_RING_M",
    "MIN_AREA_M2",
    "MIN_CONTROL_RING_M",
    "MIN_LENGTH_M",
    "ControlRings",
    "Drawing",
    "DrawingIssue",
    "EvaluationPeriods",
    "EvaluationZones",
    "InterventionFilter",
    "ScopeAnalysis",
    "StoredEvaluation",
    "ZoneProfile",
    "analyse_scope",
    "changed_geometries",
    "check_drawing",
    "control_rings",
    "default_periods",
    "delete_intervention",
    "evaluate_intervention",
    "evaluation_zones",
    "filter_interventions",
    "geometry_to_wgs84",
    "incident_date_range",
    "intervention_table",
    "municipality_of",
    "parse_drawings",
    "parse_feature",
    "repair",
    "ring_around",
    "same_geometry",
    "save_intervention",
    "scope_of",
    "shape_bounds_wgs84",
    "update_geometry",
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

_POLYGONAL = frozenset({"Polygon", "MultiPolygon"})
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
    if geometry.geom_type in _POLYGONAL:
        return "polygon"
    if geometry.geom_type in _LINEAR:
        return "line"
    return "point"


def _lonlat_problem(coords: NDArray[np.float64], where: int | None) -> Problem | None:
    if coords.size == 0:
        return Problem(where, "geometry", "tom", "formen saknar koordinater")
    if not np.isfinite(coords).all():
        return Problem(where, "geometry", "NaN", "koordinaterna är inte tal")
    lon, lat = coords[:, 0], coords[:, 1]
    if (np.abs(lon) > 180).any() or (np.abs(lat) > 90).any():
        return Problem(where, "geometry", "utanför WGS84", "koordinaterna är inte lon/lat i grader")
    return None


def parse_feature(feature: Mapping[str, Any], *, row: int | None = None) -> Drawing:
    """One GeoJSON feature (WGS84 lon/lat, as Leaflet.draw gives it) → :class:`Drawing`.

    Raises :class:`ValidationError` when the feature has no usable geometry. Validity
    (self-intersection, area, municipality) is *not* judged here: see
    :func:`check_drawing`, because the user must see those problems and choose.
    """
    raw = feature.get("geometry") if isinstance(feature, Mapping) else None
    if not isinstance(raw, Mapping) or "type" not in raw:
        raise ValidationError([Problem(row, "geometry", "saknas", "ritningen saknar geometri")])
    kind = str(raw.get("type"))
    if kind not in _POLYGONAL | _LINEAR | _PUNTAL:
        raise ValidationError(
            [Problem(row, "geometry", kind, "bara ytor, linjer (rutter) och punkter stöds")]
        )
    try:
        geom_wgs84 = shape(raw)
        coords = np.asarray(shapely.get_coordinates(geom_wgs84), dtype=np.float64)
    except (ValueError, TypeError, AttributeError, shapely.errors.GEOSException) as exc:
        raise ValidationError(
            [Problem(row, "geometry", kind, f"kunde inte läsa geometrin ({exc})")]
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
        raise ValidationError(problems, "Ritningarna kunde inte läsas")
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
    ``empty``); ``message`` is Swedish; ``repairable`` says whether :func:`repair` may fix
    it (only with the user's consent).
    """

    code: str
    message: str
    repairable: bool = False


def municipality_of(areas: gpd.GeoDataFrame) -> BaseGeometry | None:
    """Union of the kommun-level areas (store CRS), or ``None`` when there are none."""
    if areas.empty or "level" not in areas.columns:
        return None
    kommun = areas[areas["level"] == AreaLevel.KOMMUN.value]
    if kommun.empty:
        return None
    union: BaseGeometry = shapely.union_all(kommun.geometry.to_numpy())
    return union


def _where(point: BaseGeometry | None) -> str:
    if point is None or point.is_empty:
        return ""
    lon, lat = to_wgs84(np.array([point.x]), np.array([point.y]))
    return f" (nära {lat[0]:.5f}° N, {lon[0]:.5f}° E)"


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
        return [DrawingIssue("empty", "Formen är tom. Rita en yta, en rutt eller en punkt.")]
    issues: list[DrawingIssue] = []
    kind = _shape_kind(geometry)
    # Lines are "invalid" in GEOS only when degenerate: reported as zero length below.
    if kind == "polygon" and not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        where = _where(_location_of_reason(geometry))
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            issues.append(
                DrawingIssue(
                    "self_intersection",
                    f"Ytan korsar sig själv{where}. Rita om den, eller låt EST Geo reparera "
                    "den (den delas då upp i giltiga delar – kontrollera resultatet).",
                    repairable=True,
                )
            )
        else:
            issues.append(
                DrawingIssue(
                    "invalid",
                    f"Formen är ogiltig{where} ({reason}). Rita om den, eller låt EST Geo "
                    "reparera den.",
                    repairable=True,
                )
            )
    # A bow-tie's signed area is 0; judge the area of its valid form instead.
    valid_form = geometry if geometry.is_valid else shapely.make_valid(geometry)
    if kind == "polygon" and valid_form.area < MIN_AREA_M2:
        issues.append(
            DrawingIssue(
                "zero_area",
                "Ytan har ingen area (alla hörn ligger på en linje eller i samma punkt). "
                "Rita en yta med minst tre hörn som inte ligger på rad.",
            )
        )
    if kind == "line" and geometry.length < MIN_LENGTH_M:
        issues.append(
            DrawingIssue(
                "zero_length",
                "Rutten har ingen längd. Rita en linje med minst två olika punkter.",
            )
        )
    if municipality is not None and not municipality.is_empty:
        probe = valid_form
        if not probe.intersects(municipality):
            issues.append(
                DrawingIssue(
                    "outside_municipality",
                    "Formen ligger utanför kommunen. Rita den inom kommungränsen.",
                )
            )
        elif not (probe.buffer(-0.01) if kind == "polygon" else probe).within(municipality):
            issues.append(
                DrawingIssue(
                    "partly_outside_municipality",
                    "Formen ligger delvis utanför kommunen. Rita den inom kommungränsen.",
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
    wanted = {"polygon": _POLYGONAL, "line": _LINEAR, "point": _PUNTAL}[kind]
    parts = [g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in wanted]
    if fixed.geom_type in wanted:
        parts = [fixed]
    if not parts:
        raise ValidationError(
            [Problem(None, "geometry", geometry.geom_type, "formen kunde inte repareras")]
        )
    result: BaseGeometry = parts[0] if len(parts) == 1 else shapely.union_all(parts)
    if kind == "polygon" and result.area < MIN_AREA_M2:
        raise ValidationError(
            [Problem(None, "geometry", "area 0", "efter reparationen finns ingen yta kvar")]
        )
    return result


# --------------------------------------------------------------------------- scope


def scope_of(geometry: BaseGeometry, *, buffer_m: float = DEFAULT_ROUTE_BUFFER_M) -> BaseGeometry:
    """The area a drawing covers: polygons as drawn, routes and points buffered.

    Matches :meth:`est_geo.core.model.Intervention.scope`, for shapes not saved yet.
    """
    if geometry.geom_type in _POLYGONAL:
        return geometry
    if buffer_m <= 0:
        raise ValidationError(
            [Problem(None, "buffer_m", str(buffer_m), "en rutt eller punkt behöver buffert > 0 m")]
        )
    scope: BaseGeometry = geometry.buffer(buffer_m)
    return scope


def ring_around(scope: BaseGeometry, width_m: float) -> BaseGeometry:
    """The ring of ``width_m`` metres around ``scope``, the scope itself excluded."""
    if width_m <= 0:
        raise ValidationError(
            [Problem(None, "ring_m", str(width_m), "ringens bredd måste vara > 0 m")]
        )
    ring: BaseGeometry = scope.buffer(width_m).difference(scope)
    return ring


def _covered(incidents: pd.DataFrame, zone: BaseGeometry) -> NDArray[np.bool_]:
    """Points in ``zone`` or on its boundary (as :meth:`Store.counts_within` counts)."""
    if incidents.empty or zone.is_empty:
        return np.zeros(len(incidents), dtype=bool)
    shapely.prepare(zone)
    mask: NDArray[np.bool_] = shapely.intersects_xy(
        zone, incidents["x"].to_numpy(float), incidents["y"].to_numpy(float)
    )
    return mask


@dataclass(frozen=True, eq=False)
class ZoneProfile:
    """What happened in one zone (target or ring) in the analysed period.

    ``monthly`` counts incidents per calendar month over the trend period (months
    without incidents are 0, so the line does not skip them); ``by_category`` counts per
    main category, largest first; ``matrix`` is weekday × hour (Monday first) of the
    incidents with a known time, ``top_windows`` its busiest 4-hour windows.
    """

    name: str
    area_m2: float
    n: int
    by_category: dict[str, int]
    monthly: pd.Series
    matrix: NDArray[np.int64]
    top_windows: list[TimeWindow]
    n_without_time: int

    @property
    def per_km2(self) -> float:
        """Incidents per km², so zones of different size can be compared."""
        return self.n / (self.area_m2 / 1e6) if self.area_m2 > 0 else 0.0

    def top_windows_text(self) -> str:
        """``"flest händelser fre–lör 21–01, lör 22–02"`` or a note that there are none."""
        if not self.top_windows:
            return "inga händelser med känd tidpunkt"
        return "flest händelser " + ", ".join(w.label() for w in self.top_windows)


@dataclass(frozen=True, eq=False)
class ScopeAnalysis:
    """Scope analysis of one shape: the target zone and its ring, same period and filter."""

    target: ZoneProfile
    ring: ZoneProfile
    period: Period
    trend_period: Period
    ring_m: float
    query: dict[str, object] = field(default_factory=dict)

    def ratio_text(self) -> str:
        """Swedish sentence comparing the densities of target and ring."""
        t, r = self.target.per_km2, self.ring.per_km2
        if self.target.n == 0:
            return "Inga händelser inom formen under perioden."
        if r == 0:
            return "Händelser inom formen men inga i ringen runt omkring."
        ratio = t / r
        text = number(ratio)
        if ratio >= 1.25:
            return f"Inom formen sker {text} gånger så många händelser per km² som i ringen."
        if ratio <= 0.8:
            return f"Inom formen sker färre händelser per km² än i ringen ({text} gånger)."
        return "Ungefär lika många händelser per km² inom formen som i ringen."


def _monthly(counts: pd.DataFrame, trend: Period) -> pd.Series:
    """Per-month counts over ``trend`` from :meth:`Store.counts_within` by ``month``."""
    months = pd.period_range(trend.start, trend.last_day, freq="M")
    observed = dict(zip(counts["month"].astype(str), counts["n"].astype("int64"), strict=True))
    values = [int(observed.get(str(m), 0)) for m in months]
    return pd.Series(np.asarray(values, dtype="int64"), index=months.to_timestamp())


def _profile(
    name: str,
    zone: BaseGeometry,
    store: Store,
    in_period: IncidentQuery,
    in_trend: IncidentQuery,
    trend: Period,
    tree: CategoryTree,
    *,
    window_hours: int,
    columns: IncidentColumns | None = None,
) -> ZoneProfile:
    """One zone's profile, counted by the store (pushed down to SQL on PostGIS) or, when
    given, by the shared in-memory ``columns`` (no store read: the store would read every
    row the spatial index finds, seconds for a year on 1M incidents).

    Inside = covered by the zone (:meth:`Store.counts_within`, the rule
    :meth:`IncidentColumns.select` applies too): an incident exactly on the line between
    the shape and its ring counts in both.
    """
    if zone.is_empty:
        by_cat = pd.DataFrame({"category": [], "n": []})
        monthly_counts = pd.DataFrame({"month": [], "n": []})
        profile = weekday_hour_matrix(np.array([], dtype="datetime64[ns]"))
    elif columns is not None:
        in_zone = columns.select(in_period, within=zone)
        by_cat = in_zone.counts(("category",))
        monthly_counts = columns.select(in_trend, within=zone).counts(("month",))
        profile = in_zone.weekday_hour_profile()
    else:
        by_cat = store.counts_within(zone, by=("category",), query=in_period)
        monthly_counts = store.counts_within(zone, by=("month",), query=in_trend)
        profile = store.weekday_hour_profile(zone, query=in_period)
    mains: dict[str, int] = {}
    for category, n in zip(by_cat["category"], by_cat["n"], strict=True):
        main = tree.main_of(category) if category in tree else str(category)
        mains[main] = mains.get(main, 0) + int(n)
    ordered = sorted(mains.items(), key=lambda kv: -kv[1])  # stable: ties keep key order
    return ZoneProfile(
        name=name,
        area_m2=float(zone.area),
        n=profile.n_total,
        by_category=dict(ordered),
        monthly=_monthly(monthly_counts, trend),
        matrix=profile.matrix,
        top_windows=top_time_windows(profile, hours=window_hours, n=3),
        n_without_time=profile.n_without_time,
    )


def _as_datetime(d: date) -> datetime:
    return datetime.combine(d, datetime.min.time())


def analyse_scope(
    store: Store,
    geometry: BaseGeometry,
    period: Period,
    *,
    buffer_m: float = DEFAULT_ROUTE_BUFFER_M,
    ring_m: float = DEFAULT_RING_M,
    categories: frozenset[str] | None = None,
    actors: frozenset[str] | None = None,
    trend_months: int = 12,
    window_hours: int = 4,
    columns: IncidentColumns | None = None,
) -> ScopeAnalysis:
    """What happens inside a shape and in the ring around it.

    Parameters
    ----------
    store
        Where the incidents are.
    geometry
        The drawn or saved shape in the store CRS; routes/points get ``buffer_m``.
    period
        Period of the counts, categories and weekday × hour profile.
    ring_m
        Width of the comparison ring around the scope (default 200 m).
    categories, actors
        Optional filters, as in the sidebar (``None`` = all).
    trend_months
        The monthly trend covers this many months up to the end of ``period`` (at least
        the period itself): a trend needs more than a few weeks.
    window_hours
        Length of the busiest time windows (4 h: a typical guard shift or patrol).
    columns
        The store's shared in-memory columns (:func:`est_geo.store.columns.incident_columns`)
        to count from instead of querying the store; the same counts (tested on both
        backends), without reading rows: what keeps the app under a second after a
        polygon is closed. ``None`` counts with the store (the command line).
    """
    scope = scope_of(geometry, buffer_m=buffer_m)
    ring = ring_around(scope, ring_m)
    trend_start = min(
        period.start, (pd.Timestamp(period.end) - pd.DateOffset(months=trend_months)).date()
    )
    trend_start = trend_start.replace(day=1)
    trend = Period(trend_start, period.end)
    in_trend = IncidentQuery(
        start=_as_datetime(trend.start),
        end=_as_datetime(trend.end),
        categories=categories,
        actors=actors,
    )
    in_period = IncidentQuery(
        start=_as_datetime(period.start),
        end=_as_datetime(period.end),
        categories=categories,
        actors=actors,
    )
    tree = store.category_tree()
    zones = (("Formen", scope), (f"Ringen {ring_m:g} m", ring))
    target, ring_profile = (
        _profile(
            label,
            zone,
            store,
            in_period,
            in_trend,
            trend,
            tree,
            window_hours=window_hours,
            columns=columns,
        )
        for label, zone in zones
    )
    return ScopeAnalysis(
        target=target,
        ring=ring_profile,
        period=period,
        trend_period=trend,
        ring_m=ring_m,
        query=in_trend.describe(),
    )


# --------------------------------------------------------------------------- evaluation


def incident_date_range(store: Store) -> tuple[date, date] | None:
    """First and last day with incidents in the store, or ``None`` when it is empty."""
    lo, hi = store.info().incident_range
    if not lo or not hi:
        return None
    return date.fromisoformat(str(lo)[:10]), date.fromisoformat(str(hi)[:10])


@dataclass(frozen=True)
class EvaluationPeriods:
    """Before and after periods (half-open), with the implementation days left out."""

    before: Period
    after: Period
    implementation_days: int = 0

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly: inclusive first and last days, as people read periods."""
        return {
            "before_from": self.before.start.isoformat(),
            "before_to": self.before.last_day.isoformat(),
            "before_days": self.before.days,
            "after_from": self.after.start.isoformat(),
            "after_to": self.after.last_day.isoformat(),
            "after_days": self.after.days,
            "implementation_days": self.implementation_days,
        }


def default_periods(
    start: date,
    *,
    data_range: tuple[date, date],
    end: date | None = None,
    implementation_days: int = 0,
    max_days: int | None = None,
) -> EvaluationPeriods:
    """Equal before and after periods on each side of the start date.

    The after period begins when the implementation period (``implementation_days``
    from ``start``, left out of both periods because the intervention is only partly in
    place) is over and runs to the intervention's ``end`` or the last day with data,
    whichever comes first. The before period has the same length and ends the day before
    ``start``; both are shortened to what the data covers, so the comparison is always
    between equally long periods with data (``max_days`` caps them further).

    Raises :class:`AnalysisError` when there is no data on one side of the start.
    """
    if implementation_days < 0:
        raise ValidationError(
            [Problem(None, "implementation_days", str(implementation_days), "måste vara ≥ 0")]
        )
    first, last = data_range
    after_start = start + timedelta(days=implementation_days)
    after_end = last + timedelta(days=1)
    if end is not None:
        after_end = min(after_end, end + timedelta(days=1))
    after_days = (after_end - after_start).days
    before_days = (start - first).days
    length = min(after_days, before_days)
    if max_days is not None:
        length = min(length, max_days)
    if after_days <= 0:
        impl_text = (
            f" och genomförandeperioden på {implementation_days} dagar"
            if implementation_days
            else ""
        )
        raise AnalysisError(
            f"Det finns inga uppgifter efter åtgärdens start {start.isoformat()}"
            + impl_text
            + f" (senaste händelse {last.isoformat()}); effekten kan inte utvärderas ännu."
        )
    if length <= 0:
        raise AnalysisError(
            f"Det finns inga uppgifter före åtgärdens start {start.isoformat()} (första "
            f"händelse {first.isoformat()}); en före-period saknas."
        )
    return EvaluationPeriods(
        before=Period(start - timedelta(days=length), start),
        after=Period(after_start, after_start + timedelta(days=length)),
        implementation_days=implementation_days,
    )


@dataclass(frozen=True, eq=False)
class EvaluationZones:
    """Target (R), buffer ring (D) and control (C) in the store CRS, each disjoint."""

    target: BaseGeometry
    buffer: BaseGeometry
    control: BaseGeometry
    buffer_m: float
    control_label: str
    control_source: str  # "ring" (the default), "area" or "drawn"
    control_code: str | None = None
    #: The buffer's own control (DC); ``None`` = the control stands in for it.
    buffer_control: BaseGeometry | None = None
    rings: ControlRings | None = None

    def to_dict(self) -> dict[str, object]:
        """JSON-friendly description (areas in m², the control's origin)."""
        return {
            "target_area_m2": round(float(self.target.area), 1),
            "buffer_m": self.buffer_m,
            "buffer_area_m2": round(float(self.buffer.area), 1),
            "control": self.control_label,
            "control_source": self.control_source,
            "control_code": self.control_code,
            "control_area_m2": round(float(self.control.area), 1),
            "buffer_control_area_m2": (
                None if self.buffer_control is None else round(float(self.buffer_control.area), 1)
            ),
            "control_ring_m": (
                None if self.rings is None else [self.buffer_m, self.rings.control_outer_m]
            ),
            "buffer_control_ring_m": (
                None
                if self.rings is None
                else [self.rings.control_outer_m, self.rings.buffer_control_outer_m]
            ),
        }


@dataclass(frozen=True)
class ControlRings:
    """Outer radii (metres from the target) of the default control rings.

    The control C is the ring from the buffer's edge out to ``control_outer_m``, the
    buffer's own control DC the ring beyond it out to ``buffer_control_outer_m``. Each is
    made just wide enough to hold as many crimes before the start as the area it controls
    for (target, buffer), so WDD compares areas of similar level ([WR2018] in
    :mod:`est_geo.interventions.evaluation`). ``found`` is false when a ring reached
    :data:`MAX_CONTROL_RING_M` with fewer crimes than that.
    """

    control_outer_m: float
    buffer_control_outer_m: float
    found: bool = True


def _ring_radius(distances: NDArray[np.float64], inner_m: float, need: int) -> tuple[float, bool]:
    """Smallest radius (whole 10 m) beyond ``inner_m`` holding ``need`` of ``distances``."""
    beyond = np.sort(distances[distances > inner_m])
    wanted = max(need, 1)
    if len(beyond) < wanted:
        return inner_m + MAX_CONTROL_RING_M, False
    radius = max(inner_m + MIN_CONTROL_RING_M, float(beyond[wanted - 1]))
    radius = math.ceil(radius / 10.0) * 10.0
    if radius > inner_m + MAX_CONTROL_RING_M:
        return inner_m + MAX_CONTROL_RING_M, False
    return radius, True


def control_rings(
    target: BaseGeometry,
    buffer_m: float,
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    *,
    target_before: int,
    buffer_before: int,
) -> ControlRings:
    """The default control rings for ``target`` from the before-period crimes at ``x, y``.

    Rings rather than "the rest of the neighbourhood": a neighbourhood holds tens of times
    the crimes of a block-sized target, and a difference of counts (WDD) between areas of
    such different size measures their size, not the intervention. A ring next to the
    buffer has the same surroundings and, by construction, a comparable count.
    """
    distances = np.asarray(
        shapely.distance(target, shapely.points(np.asarray(x, float), np.asarray(y, float))),
        dtype=np.float64,
    )
    c_outer, c_found = _ring_radius(distances, buffer_m, target_before)
    dc_outer, dc_found = _ring_radius(distances, c_outer, buffer_before)
    return ControlRings(c_outer, dc_outer, c_found and dc_found)


def _ring_zones(target: BaseGeometry, buffer_m: float, rings: ControlRings) -> EvaluationZones:
    """Target, buffer, control ring and buffer-control ring, each disjoint."""
    inner = target.buffer(buffer_m)
    middle = target.buffer(rings.control_outer_m)
    return EvaluationZones(
        target=target,
        buffer=ring_around(target, buffer_m),
        control=middle.difference(inner),
        buffer_m=buffer_m,
        control_label=(
            f"ring {buffer_m:g}–{rings.control_outer_m:g} m runt åtgärden (buffertens "
            f"kontroll: {rings.control_outer_m:g}–{rings.buffer_control_outer_m:g} m)"
        ),
        control_source="ring",
        buffer_control=target.buffer(rings.buffer_control_outer_m).difference(middle),
        rings=rings,
    )


def evaluation_zones(
    target: BaseGeometry,
    areas: gpd.GeoDataFrame,
    *,
    buffer_m: float = DEFAULT_EVAL_BUFFER_M,
    control: str | BaseGeometry,
) -> EvaluationZones:
    """Target, buffer ring and a chosen control, made disjoint so no incident counts twice.

    ``target`` is the intervention's scope; ``control`` an area code from ``areas`` or a
    drawn geometry, losing any part that overlaps the target or the buffer. (The default
    control depends on the crimes around the target: see :func:`control_rings`.)
    """
    buffer = ring_around(target, buffer_m)
    excluded = target.buffer(buffer_m)
    code: str | None = None
    if isinstance(control, str):
        match = areas[areas["code"] == control]
        if match.empty:
            raise ValidationError(
                [Problem(None, "control", control, "okänt område (ange ett områdes kod)")]
            )
        control_geom = match.geometry.iloc[0].difference(excluded)
        label, code, source = str(match["name"].iloc[0]), control, "area"
    else:
        control_geom = control.difference(excluded)
        label, source = "ritat kontrollområde", "drawn"
    if control_geom.is_empty or control_geom.area < MIN_AREA_M2:
        raise AnalysisError(
            "Kontrollområdet blir tomt när mål- och buffertområdet tas bort; välj ett annat."
        )
    return EvaluationZones(target, buffer, control_geom, buffer_m, label, source, code)


@dataclass(frozen=True, eq=False)
class StoredEvaluation:
    """An evaluation on stored data: the statistics plus what they were computed from."""

    result: EvaluationResult
    counts: Counts
    periods: EvaluationPeriods
    zones: EvaluationZones
    categories: frozenset[str] | None
    intervention_id: int | None = None
    intervention_name: str | None = None
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The keys of :meth:`EvaluationResult.to_dict` plus ``periods``/``areas`` used."""
        out = self.result.to_dict()
        out["intervention_id"] = self.intervention_id
        out["intervention_name"] = self.intervention_name
        out["periods"] = self.periods.to_dict()
        out["areas"] = self.zones.to_dict()
        out["categories"] = sorted(self.categories) if self.categories is not None else None
        out["warnings"] = [*out["warnings"], *self.warnings]
        return out


def _incidents_in(
    store: Store,
    region: BaseGeometry,
    periods: EvaluationPeriods,
    categories: frozenset[str] | None,
    actors: frozenset[str] | None,
    columns: IncidentColumns | None = None,
) -> pd.DataFrame:
    """The incidents of both periods within ``region``'s bounding box.

    Only ``x``, ``y`` and ``occurred_at`` are used. From ``columns`` when given (the same
    rows as :meth:`Store.incidents`, see :meth:`IncidentColumns.select`, without reading
    the store: the default control rings reach about 3 km around the target), otherwise
    from the store.
    """
    minx, miny, maxx, maxy = region.bounds
    query = IncidentQuery(
        start=_as_datetime(periods.before.start),
        end=_as_datetime(periods.after.end),
        categories=categories,
        actors=actors,
        bbox=(minx, miny, maxx, maxy),
    )
    if columns is None:
        return store.incidents(query)
    found = columns.select(query)
    return pd.DataFrame(
        {"x": found.x, "y": found.y, "occurred_at": found.t.astype("datetime64[s]")}
    )


def _in_period(frame: pd.DataFrame, p: Period) -> NDArray[np.bool_]:
    times = frame["occurred_at"].to_numpy(dtype="datetime64[ns]")
    lo, hi = np.datetime64(p.start, "ns"), np.datetime64(p.end, "ns")
    mask: NDArray[np.bool_] = (times >= lo) & (times < hi)
    return mask


def _zone_counts(
    frame: pd.DataFrame, zones: Sequence[tuple[str, BaseGeometry]], periods: EvaluationPeriods
) -> dict[str, int]:
    """``{zone}_before`` / ``{zone}_after`` counts, each incident in at most one zone.

    Boundary included, first zone wins: a report exactly on the line between the target
    and its ring counts once, in the target (as the scope analysis counts it), and no
    report on a shared edge is lost from every zone.
    """
    before, after = _in_period(frame, periods.before), _in_period(frame, periods.after)
    counts: dict[str, int] = {}
    taken = np.zeros(len(frame), dtype=bool)
    for name, zone in zones:
        inside = _covered(frame, zone) & ~taken
        taken |= inside
        counts[f"{name}_before"] = int(np.count_nonzero(inside & before))
        counts[f"{name}_after"] = int(np.count_nonzero(inside & after))
    return counts


def _count_zones(frame: pd.DataFrame, zones: EvaluationZones, periods: EvaluationPeriods) -> Counts:
    named = [("target", zones.target), ("buffer", zones.buffer), ("control", zones.control)]
    if zones.buffer_control is not None:
        named.append(("buffer_control", zones.buffer_control))
    return Counts(**_zone_counts(frame, named, periods))


def _default_zones(
    frame: pd.DataFrame, scope: BaseGeometry, buffer_m: float, periods: EvaluationPeriods
) -> EvaluationZones:
    """Control rings sized on the before period's crimes (see :func:`control_rings`)."""
    near = _zone_counts(
        frame, [("target", scope), ("buffer", ring_around(scope, buffer_m))], periods
    )
    before = frame[_in_period(frame, periods.before)]
    rings = control_rings(
        scope,
        buffer_m,
        before["x"].to_numpy(float),
        before["y"].to_numpy(float),
        target_before=near["target_before"],
        buffer_before=near["buffer_before"],
    )
    return _ring_zones(scope, buffer_m, rings)


def evaluate_intervention(
    store: Store,
    intervention: Intervention,
    *,
    periods: EvaluationPeriods | None = None,
    implementation_days: int = 0,
    buffer_m: float = DEFAULT_EVAL_BUFFER_M,
    control: str | BaseGeometry | None = None,
    categories: frozenset[str] | None = None,
    actors: frozenset[str] | None = None,
    areas: gpd.GeoDataFrame | None = None,
    columns: IncidentColumns | None = None,
) -> StoredEvaluation:
    """Evaluate an intervention (saved or not) on the incidents in ``store``.

    Counts incidents in the target (the intervention's scope), the buffer ring of
    ``buffer_m`` metres and the control before and after, then calls
    :func:`~est_geo.interventions.evaluation.evaluate_counts`. ``periods`` default to
    :func:`default_periods` around the start date.

    ``control`` ``None`` (the default) uses rings around the buffer sized to hold about as
    many crimes before the start as the target (control) and the buffer (the buffer's own
    control), see :func:`control_rings`. An area code or a drawn geometry is used as
    given, and then also serves as the buffer's control (DC = C, recorded in the result);
    the result says whether each control is comparable in counts.

    ``columns`` (the store's shared in-memory columns) counts without reading the store,
    with the same result; ``None`` reads the incidents from the store.
    """
    if intervention.start_date is None:
        raise AnalysisError("Åtgärden har inget startdatum; ange det för att kunna utvärdera.")
    if periods is None:
        data_range = incident_date_range(store)
        if data_range is None:
            raise AnalysisError("Databasen har inga händelser att utvärdera med.")
        periods = default_periods(
            intervention.start_date,
            data_range=data_range,
            end=intervention.end_date,
            implementation_days=implementation_days,
        )
    elif periods.before.end > periods.after.start:
        raise ValidationError(
            [
                Problem(
                    None,
                    "periods",
                    f"{periods.before.label()} / {periods.after.label()}",
                    "före-perioden måste sluta innan efter-perioden börjar",
                )
            ]
        )
    scope = intervention.scope()
    if control is None:
        reach = buffer_m + 2 * MAX_CONTROL_RING_M
        frame = _incidents_in(
            store, scope.buffer(reach), periods, categories, actors, columns=columns
        )
        zones = _default_zones(frame, scope, buffer_m, periods)
    else:
        zones = evaluation_zones(
            scope, store.areas() if areas is None else areas, buffer_m=buffer_m, control=control
        )
        everything = shapely.union_all([zones.target, zones.buffer, zones.control])
        frame = _incidents_in(store, everything, periods, categories, actors, columns=columns)
    counts = _count_zones(frame, zones, periods)
    result = evaluate_counts(counts)
    return StoredEvaluation(
        result=result,
        counts=counts,
        periods=periods,
        zones=zones,
        categories=categories,
        intervention_id=intervention.id,
        intervention_name=intervention.name,
        warnings=_ring_warnings(zones, result),
    )


def _ring_warnings(zones: EvaluationZones, result: EvaluationResult) -> tuple[str, ...]:
    """What to do when the widest default rings still are not comparable in counts.

    A ring that stopped at :data:`MAX_CONTROL_RING_M` short of the count it aimed at may
    still be within the comparability factor; only a control that is not comparable
    calls for another choice.
    """
    if zones.rings is None or zones.rings.found:
        return ()
    if result.control_comparable and result.buffer_control_comparable:
        return ()
    return (
        f"Inom {MAX_CONTROL_RING_M:g} m utanför bufferten (och lika långt till för buffertens "
        "kontroll) fanns för få brott före starten för en jämförbar kontroll. Välj ett "
        "kontrollområde eller rita ett.",
    )


# --------------------------------------------------------------------------- writes


def _check_for_save(intervention: Intervention, municipality: BaseGeometry | None) -> None:
    blocking = check_drawing(intervention.geometry, municipality=municipality)
    if blocking:
        raise ValidationError(
            [Problem(None, "geometry", i.code, i.message) for i in blocking], "Ogiltig form"
        )


def save_intervention(store: Store, intervention: Intervention, *, role: Role, user: str) -> int:
    """Insert (``id is None``) or update an intervention after checking role and shape.

    The role is checked first so a reader's request never reaches the store; the shape
    must pass :func:`check_drawing` (a broken drawing has to be repaired with the user's
    consent *before* saving). Every write lands in the audit trail with ``user``.
    Returns the intervention's id.
    """
    require(role, Action.EDIT_INTERVENTIONS)
    intervention.validate()
    _check_for_save(intervention, municipality_of(store.areas(levels=[AreaLevel.KOMMUN.value])))
    if intervention.id is None:
        return store.add_intervention(intervention, user=user)
    store.update_intervention(intervention, user=user)
    return intervention.id


def update_geometry(
    store: Store, intervention_id: int, geometry: BaseGeometry, *, role: Role, user: str
) -> None:
    """Replace only the shape of a saved intervention (an edit on the map)."""
    require(role, Action.EDIT_INTERVENTIONS)
    current = store.get_intervention(intervention_id)
    save_intervention(store, replace(current, geometry=geometry), role=role, user=user)


def delete_intervention(store: Store, intervention_id: int, *, role: Role, user: str) -> None:
    """Delete a saved intervention (kept in the audit trail) after checking the role."""
    require(role, Action.EDIT_INTERVENTIONS)
    store.delete_intervention(intervention_id, user=user)


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


# --------------------------------------------------------------------------- listing


@dataclass(frozen=True)
class InterventionFilter:
    """Filters of the interventions table; empty sets and ``None`` mean "all".

    ``period`` keeps interventions active at some day of it (started before it ends and
    not ended before it starts); one without a start date counts as always active.
    """

    areas: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()
    period: Period | None = None


def _area_names(scopes: gpd.GeoSeries, areas: gpd.GeoDataFrame) -> list[str]:
    """Name of the område holding each scope's representative point ("" when none)."""
    omraden = areas[areas["level"] == AreaLevel.OMRADE.value] if len(areas) else areas
    names: list[str] = []
    for scope in scopes:
        point = scope.representative_point() if not scope.is_empty else None
        hit = omraden[omraden.geometry.contains(point)] if point is not None else omraden.iloc[0:0]
        names.append(str(hit["name"].iloc[0]) if len(hit) else "")
    return names


def intervention_table(interventions: gpd.GeoDataFrame, areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """Interventions with their scope's område (``area``) and scope geometry, for listing."""
    frame = pd.DataFrame(interventions.drop(columns="geometry"))
    if frame.empty:
        frame["area"] = pd.Series([], dtype=object)
        return frame
    scopes = gpd.GeoSeries(
        [
            scope_of(g, buffer_m=b if b > 0 else DEFAULT_ROUTE_BUFFER_M)
            for g, b in zip(interventions.geometry, interventions["buffer_m"], strict=True)
        ],
        crs=interventions.crs,
    )
    frame["area"] = _area_names(scopes, areas)
    return frame


def filter_interventions(table: pd.DataFrame, flt: InterventionFilter) -> pd.DataFrame:
    """Rows of :func:`intervention_table` that pass ``flt``."""
    keep = pd.Series(True, index=table.index)
    for column, wanted in (
        ("area", flt.areas),
        ("kind", flt.kinds),
        ("status", flt.statuses),
        ("owner_actor", flt.owners),
    ):
        if wanted:
            keep &= table[column].isin(wanted)
    if flt.period is not None and len(table):
        start = table["start_date"].map(lambda d: d if isinstance(d, date) else None)
        end = table["end_date"].map(lambda d: d if isinstance(d, date) else None)
        period = flt.period
        starts_ok = start.map(lambda d: d is None or d < period.end)
        ends_ok = end.map(lambda d: d is None or d >= period.start)
        keep &= starts_ok.astype(bool) & ends_ok.astype(bool)
    return table[keep]
