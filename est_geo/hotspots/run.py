"""One Hotspots analysis, from the page's widgets or from a saved view — the same cells.

Why: the Hotspots page and the meeting (Möte) must show the *same* map for the same
view. Both describe the analysis as (mode, settings, areas, period, filters) and hand it
to :func:`hotspot_request`, which decides which incidents are read (the period, and for
emerging hot spots the trend window; the comparison period) and with what parameters;
:func:`run_request` reads them through the caller's (cached) fetch function and runs
:func:`est_geo.hotspots.layers.run_layer`. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

import geopandas as gpd
import pandas as pd

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period, parse_report_period
from est_geo.core.views import ViewState
from est_geo.hotspots import layers as hl
from est_geo.hotspots.view import HotspotViewOptions
from est_geo.store import IncidentQuery

__all__ = ["HotspotRequest", "HotspotRun", "hotspot_request", "request_for_view", "run_request"]

Fetch = Callable[[IncidentQuery], pd.DataFrame]


@dataclass(frozen=True)
class HotspotRequest:
    """What one analysis reads and how it runs (see :func:`hotspot_request`)."""

    params: hl.HotspotParams
    bbox: tuple[float, float, float, float]
    area_names: tuple[str, ...]
    period: Period
    #: The period's incidents (area box, weekdays, hours, categories, actors).
    query: IncidentQuery
    #: Emerging hot spots: the whole trend window, of which the period is the tail.
    history_query: IncidentQuery | None
    #: The comparison period's incidents, when a comparison is asked for.
    reference_query: IncidentQuery | None
    comparison: tuple[str, date, date] | None


@dataclass(frozen=True)
class HotspotRun:
    """The layer, the period's incidents it was computed from, and the request."""

    layer: hl.HotspotLayer
    incidents: pd.DataFrame
    request: HotspotRequest


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def hotspot_request(
    *,
    mode: str,
    options: HotspotViewOptions,
    areas: gpd.GeoDataFrame,
    area_names: Sequence[str] | None,
    period: Period,
    base_query: IncidentQuery,
) -> HotspotRequest:
    """The analysis of ``mode`` with ``options`` over ``area_names`` in ``period``.

    ``base_query`` carries the period and the category/actor filters; the area's box,
    weekdays and hours are added here. Raises the project's errors for bad settings or
    unknown areas (every problem at once, from :class:`~est_geo.hotspots.layers.HotspotParams`
    and :func:`~est_geo.hotspots.layers.analysis_bbox`).
    """
    bbox, names = hl.analysis_bbox(areas, list(area_names) if area_names else None)
    params = hl.HotspotParams(
        mode=mode,
        cell_size=int(options.cell_size),
        fdr=bool(options.fdr),
        bandwidth=float(options.bandwidth) if options.bandwidth else None,
    )
    first, last = options.hours
    query = replace(
        base_query,
        bbox=bbox,
        weekdays=frozenset(options.weekdays) if options.weekdays else None,
        hours=None if (first, last) == (0, 23) else frozenset(range(first, last + 1)),
    )
    history_query = None
    if mode == "emerging":
        w_start, _, _ = hl.emerging_window(period.start, period.end)
        history_query = replace(query, start=_midnight(w_start))
    reference_query = None
    comparison = None
    if options.comparison != "none":
        c_start, c_end = hl.comparison_period(period.start, period.end, options.comparison)
        comparison = (options.comparison, c_start, c_end)
        reference_query = replace(query, start=_midnight(c_start), end=_midnight(c_end))
    return HotspotRequest(
        params, bbox, tuple(names), period, query, history_query, reference_query, comparison
    )


def request_for_view(
    state: ViewState, *, areas: gpd.GeoDataFrame, tree: CategoryTree
) -> HotspotRequest:
    """The request a saved Hotspots view stands for (its area(s), period, filters, options).

    Areas are named in views by code; the analysis takes names, as the page's widget.
    """
    if state.period is None:
        raise ValidationError(
            [Problem.keyed(None, "period", "", "hotspots.problem.view_period")],
            key="hotspots.invalid.view",
        )
    by_code = dict(zip(areas["code"].astype(str), areas["name"].astype(str), strict=True))
    codes = [c for c in (state.area, *state.areas) if c]
    names = [by_code.get(c, c) for c in codes]
    period = parse_report_period(state.period).period
    base = IncidentQuery(
        start=_midnight(period.start),
        end=_midnight(period.end),
        categories=frozenset(tree.expand(state.categories)) if state.categories else None,
        actors=frozenset(state.actors) if state.actors else None,
    )
    return hotspot_request(
        mode=state.mode,
        options=HotspotViewOptions.from_options(state.options),
        areas=areas,
        area_names=names or None,
        period=period,
        base_query=base,
    )


def run_request(request: HotspotRequest, *, fetch: Fetch, tree: CategoryTree) -> HotspotRun:
    """Read the request's incidents with ``fetch`` (the caller's cache) and compute its
    layer; the layer's exports describe the selection and the areas."""
    if request.history_query is not None:
        history = fetch(request.history_query)
        incidents = history[history["occurred_at"] >= pd.Timestamp(request.period.start)]
    else:
        history = None
        incidents = fetch(request.query)
    reference = fetch(request.reference_query) if request.reference_query is not None else None
    layer = hl.run_layer(
        incidents,
        request.bbox,
        request.params,
        period=(request.period.start, request.period.end),
        history=history,
        reference=reference,
        comparison=request.comparison,
        filters={**request.query.describe(), "areas": list(request.area_names)},
        tree=tree,
    )
    return HotspotRun(layer, incidents, request)
