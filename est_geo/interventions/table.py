"""The interventions table of the Åtgärder page: areas each touches, and its filters.

Never imports streamlit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from est_geo.core.model import AreaLevel
from est_geo.core.periods import Period
from est_geo.interventions.drawing import DEFAULT_ROUTE_BUFFER_M
from est_geo.interventions.scope import scope_of

__all__ = [
    "InterventionFilter",
    "filter_interventions",
    "intervention_table",
]


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
