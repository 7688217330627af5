"""Preparing data for browser maps: WGS84, bounded payload, rounded coordinates.

The store and the analysis work in SWEREF 99 TM; a browser map needs WGS84, as few bytes
as the scale allows, and never more features than it can draw smoothly. This module is
where those decisions live, so every page makes them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from est_geo.core.crs import to_wgs84
from est_geo.core.model import DISPLAY_EPSG, CategoryTree
from est_geo.store.columns import Selection

#: Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
_OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442")
#: Above this many incidents the map shows counts per grid cell instead of points.
DEFAULT_MAX_POINTS = 3_000
#: Decimal places for WGS84 coordinates: 5 ≈ 1 m, plenty at street scale.
COORD_DECIMALS = 5
#: Most cells a count map draws: about 200 bytes of GeoJSON each, so ≤ 1 MB sent and a
#: canvas the browser draws in well under a second.
MAX_DRAWN_CELLS = 5_000
#: Cell sizes (metres) tried in turn until the non-empty cells fit :data:`MAX_DRAWN_CELLS`:
#: a block for a neighbourhood, a kilometre for a whole municipality.
DISPLAY_CELL_SIZES: tuple[int, ...] = (100, 200, 500, 1000)


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
    max_cells: int = MAX_DRAWN_CELLS,
) -> PointData | CellData:
    """Points when there are few incidents, counts per cell when there are many.

    Keeps what is sent to the browser bounded whatever the number of incidents.
    """
    if len(incidents) <= max_points:
        return _points(incidents, tree, lang)
    return cell_display(
        incidents["x"].to_numpy(float), incidents["y"].to_numpy(float), max_cells=max_cells
    )


def selection_display(
    selection: Selection,
    tree: CategoryTree,
    *,
    lang: str = "sv",
    max_points: int = DEFAULT_MAX_POINTS,
    max_cells: int = MAX_DRAWN_CELLS,
) -> PointData | CellData:
    """:func:`incident_display` of an in-memory selection: a frame is built only for the
    few incidents drawn as points; counts come straight from the coordinate arrays."""
    if len(selection) <= max_points:
        return _points(selection.frame(), tree, lang)
    return cell_display(selection.x, selection.y, max_cells=max_cells)


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


def _lattice_counts(
    x: NDArray[np.float64], y: NDArray[np.float64], cell_size: int
) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """Lattice indices ``(ix, iy)`` of the non-empty cells and their counts.

    Only occupied cells exist here (one sort of the points' packed indices): no dense
    grid over the extent, so one stray incident far away costs nothing.
    """
    ix = np.floor(x / cell_size).astype(np.int64)
    iy = np.floor(y / cell_size).astype(np.int64)
    packed = (ix << 32) + (iy - np.int64(-(2**31)))
    keys, counts = np.unique(packed, return_counts=True)
    return keys >> 32, (keys & 0xFFFFFFFF) + np.int64(-(2**31)), counts.astype(np.int64)


def cell_display(
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    *,
    sizes: tuple[int, ...] = DISPLAY_CELL_SIZES,
    max_cells: int = MAX_DRAWN_CELLS,
) -> CellData:
    """Counts per cell of the smallest size in ``sizes`` whose non-empty cells number at
    most ``max_cells`` (else the largest size), as WGS84 squares.

    Boxes are built for the non-empty cells only, in one vectorised call.
    """
    for cell_size in sizes:
        ix, iy, counts = _lattice_counts(x, y, cell_size)
        if counts.size <= max_cells:
            break
    cs = float(cell_size)
    boxes = shapely.box(ix * cs, iy * cs, (ix + 1) * cs, (iy + 1) * cs)
    ids = [f"{cell_size}m_E{a}_N{b}" for a, b in zip(ix.tolist(), iy.tolist(), strict=True)]
    cells = gpd.GeoDataFrame(
        {"cell_id": ids, "count": counts.astype(int)}, geometry=boxes, crs="EPSG:3006"
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


def counts_by_main_category(
    by_category: Mapping[str, int], tree: CategoryTree
) -> list[tuple[str, int]]:
    """Incidents per main category, most first (ties in the order first met).

    Why: Karta's table names the main categories a reader knows, while the store counts
    per stored (sub)category; the sum is made here so the page only draws it.
    """
    by_main: dict[str, int] = {}
    for key, n in by_category.items():
        main = tree.main_of(key)
        by_main[main] = by_main.get(main, 0) + n
    return sorted(by_main.items(), key=lambda kv: -kv[1])
