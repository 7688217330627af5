"""Scope of a drawn shape and what happens inside it.

Polygons count as drawn; routes and points cover a buffer around them (default
:data:`est_geo.interventions.drawing.DEFAULT_ROUTE_BUFFER_M`), as a guard round affects
the street it walks. :func:`analyse_scope` works for any shape, saved or not: incidents
inside by category, the monthly trend, the weekday x hour profile with its busiest
windows, and the same for the surrounding ring, because "many incidents" only means
something next to the neighbourhood's level. Never imports streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period
from est_geo.hotspots.timeprofile import TimeWindow, top_time_windows, weekday_hour_matrix
from est_geo.i18n import translate
from est_geo.i18n.numbers import number
from est_geo.interventions.drawing import DEFAULT_RING_M, DEFAULT_ROUTE_BUFFER_M, POLYGONAL
from est_geo.store import IncidentQuery, Store
from est_geo.store.columns import IncidentColumns

__all__ = [
    "ScopeAnalysis",
    "ZoneProfile",
    "analyse_scope",
    "ring_around",
    "scope_of",
]


# --------------------------------------------------------------------------- scope


def scope_of(geometry: BaseGeometry, *, buffer_m: float = DEFAULT_ROUTE_BUFFER_M) -> BaseGeometry:
    """The area a drawing covers: polygons as drawn, routes and points buffered.

    Matches :meth:`est_geo.core.model.Intervention.scope`, for shapes not saved yet.
    """
    if geometry.geom_type in POLYGONAL:
        return geometry
    if buffer_m <= 0:
        raise ValidationError(
            [Problem.keyed(None, "buffer_m", str(buffer_m), "interventions.scope.buffer")]
        )
    scope: BaseGeometry = geometry.buffer(buffer_m)
    return scope


def ring_around(scope: BaseGeometry, width_m: float) -> BaseGeometry:
    """The ring of ``width_m`` metres around ``scope``, the scope itself excluded."""
    if width_m <= 0:
        raise ValidationError(
            [Problem.keyed(None, "ring_m", str(width_m), "interventions.scope.ring")]
        )
    ring: BaseGeometry = scope.buffer(width_m).difference(scope)
    return ring


def covered(incidents: pd.DataFrame, zone: BaseGeometry) -> NDArray[np.bool_]:
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

    def top_windows_text(self, lang: str = "sv") -> str:
        """``"flest händelser fre–lör 21–01, lör 22–02"`` or a note that there are none."""
        if not self.top_windows:
            return translate("interventions.scope.no_time", lang)
        windows = ", ".join(w.label(lang) for w in self.top_windows)
        return translate("interventions.scope.busiest", lang, windows=windows)


@dataclass(frozen=True, eq=False)
class ScopeAnalysis:
    """Scope analysis of one shape: the target zone and its ring, same period and filter."""

    target: ZoneProfile
    ring: ZoneProfile
    period: Period
    trend_period: Period
    ring_m: float
    query: dict[str, object] = field(default_factory=dict)

    def ratio_text(self, lang: str = "sv") -> str:
        """A sentence in ``lang`` comparing the densities of target and ring."""
        t, r = self.target.per_km2, self.ring.per_km2
        if self.target.n == 0:
            return translate("interventions.scope.none_inside", lang)
        if r == 0:
            return translate("interventions.scope.none_in_ring", lang)
        ratio = t / r
        text = number(ratio, lang)
        if ratio >= 1.25:
            return translate("interventions.scope.more", lang, ratio=text)
        if ratio <= 0.8:
            return translate("interventions.scope.fewer", lang, ratio=text)
        return translate("interventions.scope.same", lang)


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


def as_datetime(d: date) -> datetime:
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
        start=as_datetime(trend.start),
        end=as_datetime(trend.end),
        categories=categories,
        actors=actors,
    )
    in_period = IncidentQuery(
        start=as_datetime(period.start),
        end=as_datetime(period.end),
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
