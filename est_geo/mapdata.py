"""Preparing data for browser maps: WGS84, bounded payload, rounded coordinates.

The store and the analysis work in SWEREF 99 TM; a browser map needs WGS84, as few bytes
as the scale allows, and never more features than it can draw smoothly. This module is
where those decisions live, so every page makes them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from est_geo.crs import to_wgs84
from est_geo.hotspots.grid import Grid, count_points
from est_geo.model import DISPLAY_EPSG, CategoryTree

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
_OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442")
#: Above this many incidents the map shows counts per grid cell instead of points.
DEFAULT_MAX_POINTS = 3_000
#: Decimal places for WGS84 coordinates: 5 ≈ 1 m, plenty at street scale.
COORD_DECIMALS = 5


def category_colors(tree: CategoryTree) -> dict[str, str]:
    """Colour per main category, stable in the tree's order."""
    mains = tree.main_categories()
    return {c.key: _OKABE_ITO[i % len(_OKABE_ITO)] for i, c in enumerate(mains)}


def areas_for_display(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Areas reprojected to WGS84 (the map builders simplify and round them)."""
    return areas[["code", "name", "level", "geometry"]].to_crs(epsg=DISPLAY_EPSG)


@dataclass(frozen=True)
class PointData:
    """Incidents to draw one by one."""

    lat: list[float]
    lon: list[float]
    labels: list[str]
    colors: list[str]


@dataclass(frozen=True)
class CellData:
    """Incident counts per grid cell (only cells with incidents), in WGS84."""

    cells: gpd.GeoDataFrame  # columns cell_id, count, geometry
    cell_size: int


def incident_display(
    incidents: pd.DataFrame,
    tree: CategoryTree,
    *,
    lang: str = "sv",
    max_points: int = DEFAULT_MAX_POINTS,
    cell_size: int = 100,
) -> PointData | CellData:
    """Points when there are few incidents, counts per cell when there are many.

    Keeps what is sent to the browser bounded whatever the number of incidents.
    """
    if len(incidents) <= max_points:
        return _points(incidents, tree, lang)
    return _cells(incidents, cell_size)


def _points(incidents: pd.DataFrame, tree: CategoryTree, lang: str) -> PointData:
    lon, lat = to_wgs84(incidents["x"].to_numpy(float), incidents["y"].to_numpy(float))
    colors_by_main = category_colors(tree)
    cats = incidents["category"].tolist()
    when = incidents["occurred_at"].dt.strftime("%Y-%m-%d %H:%M")
    when = when.where(incidents["has_time"], incidents["occurred_at"].dt.strftime("%Y-%m-%d"))
    labels = [f"{tree.label(c, lang)} – {w}" for c, w in zip(cats, when, strict=True)]
    colors = [colors_by_main.get(tree.main_of(c) if c in tree else c, "#555555") for c in cats]
    return PointData(
        lat=np.round(lat, COORD_DECIMALS).tolist(),
        lon=np.round(lon, COORD_DECIMALS).tolist(),
        labels=labels,
        colors=colors,
    )


def _cells(incidents: pd.DataFrame, cell_size: int) -> CellData:
    x = incidents["x"].to_numpy(float)
    y = incidents["y"].to_numpy(float)
    grid = Grid.covering((x.min(), y.min(), x.max(), y.max()), cell_size)
    counts = count_points(grid, x, y).counts.ravel()
    nonzero = np.flatnonzero(counts)
    cells = gpd.GeoDataFrame(
        {"cell_id": grid.cell_ids().ravel()[nonzero], "count": counts[nonzero].astype(int)},
        geometry=grid.cell_polygons().ravel()[nonzero],
        crs="EPSG:3006",
    ).to_crs(epsg=DISPLAY_EPSG)
    return CellData(cells=cells, cell_size=cell_size)


def default_view(
    areas: gpd.GeoDataFrame, preferred_name: str, *, margin_m: float = 400.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """WGS84 bounds ((south, west), (north, east)) around the preferred area.

    ``areas`` are in the store CRS; the view extends ``margin_m`` metres beyond the area so
    its surroundings (where displacement would show) are on screen too. Falls back to all
    areas when no area has that name.
    """
    chosen = areas[areas["name"] == preferred_name]
    if chosen.empty:
        chosen = areas
    minx, miny, maxx, maxy = (float(v) for v in chosen.total_bounds)
    lon, lat = to_wgs84(
        np.array([minx - margin_m, maxx + margin_m]), np.array([miny - margin_m, maxy + margin_m])
    )
    return (float(lat[0]), float(lon[0])), (float(lat[1]), float(lon[1]))
