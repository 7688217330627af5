"""What the public deployment may show: aggregates only, small counts suppressed.

Why a module of its own: the public site exists for transparency, and it must never let
anyone work out where a single incident happened, what was written about it or who
reported it (EST.md, "Publishing for the public"). Every number the public pages show is
computed *here, on the server*, from incidents that never leave this module; the page
receives only counts per area or per grid cell of at least :data:`MIN_CELL_SIZE` metres,
with counts below ``k`` replaced by "färre än k". No coordinates of incidents, no free
text, no actors, no intervention names or descriptions cross this boundary.

Decisions
---------
- Areas are always all listed, so "färre än k" (which includes zero) says nothing about
  whether anything happened there.
- Grid cells below ``k`` are *left out* instead of being drawn as "färre än k": a drawn
  100 m cell with "färre än 5" would tell that at least one incident happened in that
  square. The legend says so.
- Only main categories and fixed periods (quarter, year) are offered by the page, which
  limits differencing between overlapping selections.
- Grid cells lie on a fixed lattice (multiples of the cell size in SWEREF 99 TM), so a cell
  corner is never an incident's position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from est_geo.hotspots.grid import Grid, count_points
from est_geo.model import DISPLAY_EPSG, INTERVENTION_LABELS_SV, STATUS_LABELS_SV, STORE_EPSG

__all__ = [
    "CELL_SIZES",
    "MIN_CELL_SIZE",
    "PublicCounts",
    "area_counts",
    "grid_counts",
    "monthly_counts",
    "public_interventions",
    "suppressed_label",
]

#: Smallest grid cell the public may see, in metres (issue 7).
MIN_CELL_SIZE: Final = 100
#: Cell sizes the public page offers.
CELL_SIZES: Final = (250, 500, 100)


def suppressed_label(k: int, lang: str = "sv") -> str:
    """The text shown instead of a count below ``k``."""
    return f"färre än {k}" if lang == "sv" else f"fewer than {k}"


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k!r}")


@dataclass(frozen=True)
class PublicCounts:
    """Counts that may be published. ``shown`` is the text for each count."""

    frame: gpd.GeoDataFrame  # columns: label, count (None if suppressed), shown, geometry
    k: int
    total_shown: int  # sum of the counts that are shown
    n_suppressed: int  # how many units are suppressed or left out


def _xy(incidents: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return incidents["x"].to_numpy(float), incidents["y"].to_numpy(float)


def _display(text: int | None, k: int, lang: str) -> str:
    return suppressed_label(k, lang) if text is None else str(text)


def area_counts(
    incidents: pd.DataFrame,
    areas: gpd.GeoDataFrame,
    *,
    k: int,
    lang: str = "sv",
) -> PublicCounts:
    """Incidents per area (EPSG:3006 in, WGS84 out); counts below ``k`` suppressed.

    An incident inside several of the given areas counts in each (areas of one level do
    not overlap). Returns every area, also those with no incidents.
    """
    _check_k(k)
    x, y = _xy(incidents)
    points = shapely.points(x, y) if len(x) else np.array([], dtype=object)
    counts: list[int] = []
    for geom in areas.geometry:
        if len(points) == 0 or geom is None:
            counts.append(0)
            continue
        shapely.prepare(geom)
        counts.append(int(np.count_nonzero(shapely.contains_xy(geom, x, y))))
    shown_counts: list[int | None] = [c if c >= k else None for c in counts]
    frame = gpd.GeoDataFrame(
        {
            "label": [str(n) for n in areas["name"]],
            "count": pd.array(shown_counts, dtype="Int64"),
            "shown": [_display(c, k, lang) for c in shown_counts],
        },
        geometry=list(areas.geometry),
        crs=areas.crs or f"EPSG:{STORE_EPSG}",
    ).to_crs(epsg=DISPLAY_EPSG)
    return PublicCounts(
        frame=frame,
        k=k,
        total_shown=sum(c for c in shown_counts if c is not None),
        n_suppressed=sum(1 for c in shown_counts if c is None),
    )


def grid_counts(
    incidents: pd.DataFrame,
    *,
    cell_size: int,
    k: int,
    lang: str = "sv",
) -> PublicCounts:
    """Incidents per lattice cell of ``cell_size`` ≥ 100 m; only cells with ≥ ``k`` kept."""
    _check_k(k)
    if cell_size < MIN_CELL_SIZE:
        raise ValueError(f"public grid cells must be at least {MIN_CELL_SIZE} m, got {cell_size}")
    x, y = _xy(incidents)
    empty = gpd.GeoDataFrame(
        {"label": [], "count": pd.array([], dtype="Int64"), "shown": []},
        geometry=[],
        crs=f"EPSG:{DISPLAY_EPSG}",
    )
    if len(x) == 0:
        return PublicCounts(empty, k, 0, 0)
    grid = Grid.covering((x.min(), y.min(), x.max(), y.max()), cell_size)
    counts = count_points(grid, x, y).counts.ravel().astype(int)
    keep = np.flatnonzero(counts >= k)
    n_left_out = int(np.count_nonzero((counts > 0) & (counts < k)))
    if len(keep) == 0:
        return PublicCounts(empty, k, 0, n_left_out)
    kept = counts[keep]
    frame = gpd.GeoDataFrame(
        {
            "label": [str(c) for c in grid.cell_ids().ravel()[keep]],
            "count": pd.array(kept.tolist(), dtype="Int64"),
            "shown": [str(int(c)) for c in kept],
        },
        geometry=grid.cell_polygons().ravel()[keep],
        crs=f"EPSG:{STORE_EPSG}",
    ).to_crs(epsg=DISPLAY_EPSG)
    return PublicCounts(frame, k, int(kept.sum()), n_left_out)


def monthly_counts(incidents: pd.DataFrame, *, k: int, lang: str = "sv") -> pd.DataFrame:
    """Incidents per calendar month (``month``, ``count`` or None, ``shown``)."""
    _check_k(k)
    if incidents.empty:
        return pd.DataFrame({"month": [], "count": pd.array([], dtype="Int64"), "shown": []})
    months = incidents["occurred_at"].dt.strftime("%Y-%m")
    per = months.value_counts().sort_index()
    shown: list[int | None] = [int(c) if c >= k else None for c in per]
    return pd.DataFrame(
        {
            "month": per.index.tolist(),
            "count": pd.array(shown, dtype="Int64"),
            "shown": [_display(c, k, lang) for c in shown],
        }
    )


def _period(start: object, end: object) -> str:
    def fmt(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
            return "…"
        return value.isoformat() if isinstance(value, date) else str(value)[:10]

    return f"{fmt(start)} – {fmt(end)}"


def public_interventions(
    interventions: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    *,
    kind_labels: Mapping[str, str] = INTERVENTION_LABELS_SV,
    status_labels: Mapping[str, str] = STATUS_LABELS_SV,
) -> pd.DataFrame:
    """The interventions marked public, as kind, area, period and status ("vad görs").

    Names, descriptions, owners, costs and geometries are *not* returned: names and
    descriptions are free text that may identify people or places, and owners are actor
    identities. The area is the smallest given area containing the intervention's
    representative point ("–" when none does).
    """
    columns = ["kind", "area", "period", "status"]
    if interventions.empty:
        return pd.DataFrame({c: [] for c in columns})
    public = interventions[interventions["public"].astype(bool)]
    order = areas.assign(_size=areas.geometry.area).sort_values("_size")
    rows = []
    for rec in public.itertuples(index=False):
        point = rec.geometry.representative_point() if rec.geometry is not None else None
        area = "–"
        if point is not None:
            inside = order[order.geometry.contains(point)]
            if not inside.empty:
                area = str(inside["name"].iloc[0])
        rows.append(
            {
                "kind": kind_labels.get(str(rec.kind), str(rec.kind)),
                "area": area,
                "period": _period(rec.start_date, rec.end_date),
                "status": status_labels.get(str(rec.status), str(rec.status)),
            }
        )
    return pd.DataFrame(rows, columns=columns)
