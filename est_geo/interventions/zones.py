"""Evaluation of a stored intervention: periods, target/buffer/control zones, counts.

:func:`evaluate_intervention` takes before/after periods around the start date, the
target, a buffer ring and a control area, counts the stored incidents in each and hands
the counts to :func:`est_geo.interventions.evaluation.evaluate_counts` (WDD, WDQ, RES and
the verdict). Never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import AnalysisError, Problem, ValidationError, keyed_error
from est_geo.core.model import Intervention
from est_geo.core.periods import Period
from est_geo.i18n import translate
from est_geo.interventions.drawing import (
    DEFAULT_EVAL_BUFFER_M,
    MAX_CONTROL_RING_M,
    MIN_AREA_M2,
    MIN_CONTROL_RING_M,
)
from est_geo.interventions.evaluation import Counts, EvaluationResult, evaluate_counts
from est_geo.interventions.scope import as_datetime, covered, ring_around
from est_geo.store import IncidentQuery, Store
from est_geo.store.columns import IncidentColumns

__all__ = [
    "ControlRings",
    "EvaluationPeriods",
    "EvaluationZones",
    "StoredEvaluation",
    "control_rings",
    "default_periods",
    "evaluate_intervention",
    "evaluation_zones",
    "incident_date_range",
    "ring_warnings",
]


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
            [
                Problem.keyed(
                    None,
                    "implementation_days",
                    str(implementation_days),
                    "evaluation.problem.at_least_zero",
                )
            ]
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
        key = "evaluation.error.no_data_after" + ("_implementation" if implementation_days else "")
        raise keyed_error(
            AnalysisError,
            key,
            start=start.isoformat(),
            days=implementation_days,
            last=last.isoformat(),
        )
    if length <= 0:
        raise keyed_error(
            AnalysisError,
            "evaluation.error.no_data_before",
            start=start.isoformat(),
            first=first.isoformat(),
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

    def control_text(self, lang: str = "sv") -> str:
        """The control as a reader names it, in ``lang``; ``control_label`` is the Swedish.

        An area's name is data and stays as stored.
        """
        if self.control_source == "drawn":
            return translate("evaluation.control.drawn", lang)
        if self.control_source == "ring" and self.rings is not None:
            return _ring_label(self.buffer_m, self.rings, lang)
        return self.control_label

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


def _ring_label(buffer_m: float, rings: ControlRings, lang: str) -> str:
    """'ring 200–410 m runt åtgärden (buffertens kontroll: 410–700 m)' in ``lang``."""
    return translate(
        "evaluation.control.ring",
        lang,
        inner=f"{buffer_m:g}",
        outer=f"{rings.control_outer_m:g}",
        dc_outer=f"{rings.buffer_control_outer_m:g}",
    )


def _ring_zones(target: BaseGeometry, buffer_m: float, rings: ControlRings) -> EvaluationZones:
    """Target, buffer, control ring and buffer-control ring, each disjoint."""
    inner = target.buffer(buffer_m)
    middle = target.buffer(rings.control_outer_m)
    return EvaluationZones(
        target=target,
        buffer=ring_around(target, buffer_m),
        control=middle.difference(inner),
        buffer_m=buffer_m,
        control_label=_ring_label(buffer_m, rings, "sv"),
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
                [Problem.keyed(None, "control", control, "evaluation.problem.unknown_control")]
            )
        control_geom = match.geometry.iloc[0].difference(excluded)
        label, code, source = str(match["name"].iloc[0]), control, "area"
    else:
        control_geom = control.difference(excluded)
        label, source = translate("evaluation.control.drawn", "sv"), "drawn"
    if control_geom.is_empty or control_geom.area < MIN_AREA_M2:
        raise keyed_error(AnalysisError, "evaluation.error.control_empty")
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
        start=as_datetime(periods.before.start),
        end=as_datetime(periods.after.end),
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
        inside = covered(frame, zone) & ~taken
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
        raise keyed_error(AnalysisError, "evaluation.error.no_start")
    if periods is None:
        data_range = incident_date_range(store)
        if data_range is None:
            raise keyed_error(AnalysisError, "evaluation.error.no_incidents")
        periods = default_periods(
            intervention.start_date,
            data_range=data_range,
            end=intervention.end_date,
            implementation_days=implementation_days,
        )
    elif periods.before.end > periods.after.start:
        raise ValidationError(
            [
                Problem.keyed(
                    None,
                    "periods",
                    f"{periods.before.label()} / {periods.after.label()}",
                    "evaluation.problem.period_order",
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
        warnings=ring_warnings(zones, result),
    )


def ring_warnings(
    zones: EvaluationZones, result: EvaluationResult, lang: str = "sv"
) -> tuple[str, ...]:
    """What to do when the widest default rings still are not comparable in counts.

    A ring that stopped at :data:`MAX_CONTROL_RING_M` short of the count it aimed at may
    still be within the comparability factor; only a control that is not comparable
    calls for another choice. ``StoredEvaluation.warnings`` holds these in Swedish; a page
    asks again in its reader's language.
    """
    if zones.rings is None or zones.rings.found:
        return ()
    if result.control_comparable and result.buffer_control_comparable:
        return ()
    return (translate("evaluation.warning.rings", lang, m=f"{MAX_CONTROL_RING_M:g}"),)
