"""Cell ids, the cell a click or tooltip names, and one cell's detail (counts, months).

Never imports streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from est_geo.core.crs import from_wgs84
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import CategoryTree
from est_geo.hotspots import (
    Grid,
    TimeProfile,
    TimeWindow,
    top_time_windows,
    weekday_hour_matrix,
)
from est_geo.hotspots.layers._layer import _cell_ids, _check_frame
from est_geo.hotspots.layers._params import _CELL_ID_RE

__all__ = [
    "CellDetail",
    "cell_at",
    "cell_bounds",
    "cell_detail",
    "clicked_cell",
    "parse_cell_id",
]


# ------------------------------------------------------------------------------ cells
def parse_cell_id(cell_id: str) -> tuple[int, int, int]:
    """``"100m_E5648_N64931"`` → ``(100, 5648, 64931)``; bad ids raise ValidationError."""
    match = _CELL_ID_RE.match(cell_id.strip())
    if match is None:
        raise ValidationError([Problem.keyed(None, "cell_id", cell_id, "hotspots.problem.cell_id")])
    return int(match[1]), int(match[2]), int(match[3])


def cell_bounds(cell_id: str) -> tuple[float, float, float, float]:
    """EPSG:3006 bounds ``(minx, miny, maxx, maxy)`` of a cell id."""
    size, ix, iy = parse_cell_id(cell_id)
    return (ix * size, iy * size, (ix + 1) * size, (iy + 1) * size)


def cell_at(grid: Grid, lon: float, lat: float) -> str | None:
    """Id of the cell of ``grid`` containing a WGS84 point (a map click), or ``None``."""
    x, y = from_wgs84(np.array([lon], dtype=np.float64), np.array([lat], dtype=np.float64))
    flat, inside = grid.locate(x, y)
    if not bool(inside[0]):
        return None
    return str(_cell_ids(grid, flat[:1])[0])


#: A cell id as it appears in a map tooltip (``100m_E5645_N64927``).
_CELL_IN_TOOLTIP = re.compile(r"\d+m_E-?\d+_N-?\d+")


def clicked_cell(
    grid: Grid, point: Mapping[str, Any] | None, tooltip: object
) -> tuple[str | None, str | None]:
    """What a map click names: ``(click, cell_id)``, both ``None`` without a click.

    ``click`` identifies the click itself (``"lat,lng"``, else the cell id in the
    tooltip): st_folium repeats its last click on every rerun, so a click is new when
    this changes. The cell is the grid cell under the point, else the one a clicked
    tooltip names (a click on a cell's edge or label may carry no point inside the grid).
    """
    click = cell_id = None
    if point and "lat" in point and "lng" in point:
        click = f"{point['lat']},{point['lng']}"
        cell_id = cell_at(grid, float(point["lng"]), float(point["lat"]))
    if cell_id is None and (found := _CELL_IN_TOOLTIP.search(str(tooltip or ""))):
        cell_id = found.group(0)
        click = click or cell_id
    return click, cell_id


@dataclass(frozen=True, eq=False)
class CellDetail:
    """What happened in one cell: by category, by month, by weekday × hour."""

    cell_id: str
    bounds: tuple[float, float, float, float]
    total: int
    by_category: pd.DataFrame  # main, main_label, category, label, count (most first)
    monthly: pd.DataFrame  # month (first day, datetime64), count; empty months included
    profile: TimeProfile
    windows: list[TimeWindow]


def cell_detail(
    incidents: pd.DataFrame,
    cell_id: str,
    tree: CategoryTree,
    *,
    lang: str = "sv",
    months: tuple[date, date] | None = None,
) -> CellDetail:
    """Counts by category, monthly trend and weekday × hour profile of one cell.

    ``incidents`` may be any frame; only rows inside the cell are used (a cell includes
    its west and south edges, as in :class:`~est_geo.hotspots.Grid`). ``months`` =
    ``(start, end)`` fixes the trend's range so empty months show as zeros; by default it
    spans the incidents' months.
    """
    _check_frame(incidents, "incidents")
    minx, miny, maxx, maxy = cell_bounds(cell_id)
    x, y = incidents["x"], incidents["y"]
    inside = incidents[(x >= minx) & (x < maxx) & (y >= miny) & (y < maxy)]
    cats = inside["category"].astype(str) if "category" in inside else pd.Series(dtype=str)
    counts = cats.value_counts()
    rows = []
    for key, n in counts.items():
        k = str(key)
        main = tree.main_of(k) if k in tree else k
        rows.append(
            {
                "main": main,
                "main_label": tree.label(main, lang),
                "category": k,
                "label": tree.label(k, lang),
                "count": int(n),
            }
        )
    by_category = pd.DataFrame(rows, columns=["main", "main_label", "category", "label", "count"])
    times = pd.to_datetime(inside["occurred_at"])
    monthly = _monthly(times, months)
    has_time = inside["has_time"].to_numpy(bool) if "has_time" in inside else None
    profile = weekday_hour_matrix(times.to_numpy("datetime64[ns]"), has_time)
    windows = top_time_windows(profile, hours=4, n=3) if profile.matrix.sum() else []
    return CellDetail(
        cell_id=cell_id,
        bounds=(minx, miny, maxx, maxy),
        total=len(inside),
        by_category=by_category,
        monthly=monthly,
        profile=profile,
        windows=[w for w in windows if w.count > 0],
    )


def _monthly(times: pd.Series, months: tuple[date, date] | None) -> pd.DataFrame:
    per = times.dt.to_period("M")
    if months is not None:
        first = pd.Period(months[0], "M")
        last = pd.Period(months[1] - timedelta(days=1), "M")
    elif len(per):
        first, last = per.min(), per.max()
    else:
        return pd.DataFrame({"month": pd.to_datetime([]), "count": np.array([], dtype=int)})
    index = pd.period_range(first, last, freq="M")
    counts = per.value_counts().reindex(index, fill_value=0)
    return pd.DataFrame({"month": index.to_timestamp(), "count": counts.to_numpy(dtype=np.int64)})
