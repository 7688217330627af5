"""Hot spot *places*: contiguous significant Gi* cells grouped, ranked by incidents, named.

Why: Gi* marks neighbourhoods, not cells. A cell is "hot" when it *and its neighbours*
together hold more incidents than expected, so an empty cell next to a busy one is often
significant at 99 % — a list of the "strongest cells" then ranks empty squares first and
names them by grid code (``100m_E5646_N64928``), which no meeting recognises. Here the
significant hot cells that touch (the 8 queen neighbours, the same neighbourhood as
Gi*'s default ``k = 1``) form one cluster; clusters are ranked by the incidents inside
them and named by the smallest stored area that covers their busiest cell, plus the
nearest other named area and its distance, so the list reads "Klockaretorpet centrum,
12 rutor, 64 händelser". Never imports streamlit.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from scipy import ndimage

from est_geo.core.errors import Problem, ValidationError
from est_geo.hotspots.gistar import GiStarResult
from est_geo.hotspots.topn import Areas, place_names, split_areas

__all__ = ["HotCluster", "count_places", "hot_clusters", "nearest_places"]

#: Strength order of the hot classes (strongest first).
_HOT_ORDER = ("hot_99", "hot_95", "hot_90")
#: Queen (8-neighbour) connectivity, as Gi*'s default neighbourhood.
_QUEEN = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True)
class HotCluster:
    """One hot spot place: touching significant hot cells, ranked from 1.

    Attributes
    ----------
    rank
        1 = most incidents (ties: higher peak z, then more cells).
    count
        Incidents in the cluster's cells.
    n_cells, area_m2
        Number of cells and the area they cover.
    hot_class
        The strongest class among the cells (``hot_99`` > ``hot_95`` > ``hot_90``).
    max_z
        The highest Gi* z of the cells.
    cell_ids, rows, cols
        Every cell of the cluster, busiest first (ties: higher z).
    x, y
        Centre of the busiest cell (EPSG:3006): always inside the cluster, where the
        incidents are; the names below describe this point.
    area
        Smallest given area covering that point, ``None`` outside every area.
    near, near_m
        Nearest given area *not* covering the point and the distance to its edge
        (metres, rounded to 10), ``None`` when there is no other area.
    """

    rank: int
    count: int
    n_cells: int
    area_m2: float
    hot_class: str
    max_z: float
    cell_ids: tuple[str, ...]
    rows: tuple[int, ...]
    cols: tuple[int, ...]
    x: float
    y: float
    area: str | None
    near: str | None
    near_m: float | None


def hot_clusters(
    result: GiStarResult,
    counts: ArrayLike,
    *,
    n: int | None = 10,
    areas: Areas | None = None,
    name_column: str = "name",
) -> list[HotCluster]:
    """The ``n`` hot spot places with most incidents (all when ``n`` is ``None``).

    Parameters
    ----------
    result
        A grid Gi* result (it must carry its :class:`~est_geo.hotspots.Grid`).
    counts
        The ``(ny, nx)`` counts the result was computed from.
    areas
        Named areas in EPSG:3006 (``(name, polygon)`` pairs or a GeoDataFrame with
        ``name_column``); ``None`` leaves the names empty.
    """
    grid = result.grid
    c = np.asarray(counts, dtype=np.float64)
    if grid is None or c.shape != result.z.shape or (n is not None and n < 1):
        raise ValidationError(
            [Problem.keyed(None, "result", str(c.shape), "hotspots.problem.gistar_result")]
        )
    hot = np.char.startswith(result.classes.astype(str), "hot_")
    labels, found = ndimage.label(hot, structure=_QUEEN)
    if found == 0:
        return []
    members = _members(labels, found, c, result.z)
    ranked = sorted(members, key=lambda m: (-m[1], -m[2], -m[0].size))
    if n is not None:
        ranked = ranked[:n]
    flat = np.concatenate([m[0] for m in ranked])
    rows_all, cols_all = np.divmod(flat, grid.nx)
    ids_all = grid.ids_at(rows_all, cols_all)
    first = np.array([m[0][0] for m in ranked], dtype=np.int64)
    xs, ys = grid.centroids_at(*np.divmod(first, grid.nx))
    names: list[str | None] = [None] * len(ranked)
    near: list[tuple[str | None, float | None]] = [(None, None)] * len(ranked)
    if areas is not None:
        names = place_names(xs, ys, areas, name_column=name_column)
        near = nearest_places(xs, ys, areas, name_column=name_column)
    classes = result.classes.ravel()
    out: list[HotCluster] = []
    start = 0
    for i, (cells, total, peak) in enumerate(ranked):
        stop = start + cells.size
        present = {str(k) for k in classes[cells]}
        out.append(
            HotCluster(
                rank=i + 1,
                count=round(total),
                n_cells=int(cells.size),
                area_m2=float(cells.size * grid.cell_size**2),
                hot_class=next(k for k in _HOT_ORDER if k in present),
                max_z=float(peak),
                cell_ids=tuple(ids_all[start:stop]),
                rows=tuple(int(r) for r in rows_all[start:stop]),
                cols=tuple(int(k) for k in cols_all[start:stop]),
                x=float(xs[i]),
                y=float(ys[i]),
                area=names[i],
                near=near[i][0],
                near_m=near[i][1],
            )
        )
        start = stop
    return out


def count_places(result: GiStarResult) -> int:
    """Number of hot spot places (touching significant hot cells) in ``result``: what
    the page and the meeting say next to the number of hot cells."""
    hot = np.char.startswith(result.classes.astype(str), "hot_")
    return int(ndimage.label(hot, structure=_QUEEN)[1])


def count_hot_cells(result: GiStarResult) -> int:
    """Number of cells classed as a hot spot at any level in ``result``."""
    return int(np.char.startswith(result.classes, "hot_").sum())


def place_changes(
    counts: NDArray[np.int64], reference: NDArray[np.int64], places: Sequence[HotCluster]
) -> list[int]:
    """Per place, its incidents now minus in the comparison period, over the place's cells."""
    diff = counts - reference
    return [int(diff[list(c.rows), list(c.cols)].sum()) for c in places]


def _members(
    labels: NDArray[np.int32], found: int, counts: NDArray[np.float64], z: NDArray[np.float64]
) -> list[tuple[NDArray[np.int64], float, float]]:
    """Per cluster: its flat cell indices (busiest first, ties higher z), incidents, peak z."""
    flat_labels = labels.ravel()
    cells = np.flatnonzero(flat_labels)
    c = counts.ravel()[cells]
    zz = z.ravel()[cells]
    # Group by label; inside a label busiest first, then higher z.
    order = np.lexsort((-zz, -c, flat_labels[cells]))
    cells, c, zz = cells[order], c[order], zz[order]
    bounds = np.searchsorted(flat_labels[cells], np.arange(1, found + 2))
    return [
        (cells[lo:hi].astype(np.int64), float(c[lo:hi].sum()), float(zz[lo:hi].max()))
        for lo, hi in itertools.pairwise(bounds)
    ]


def nearest_places(
    x: ArrayLike, y: ArrayLike, areas: Areas, *, name_column: str = "name"
) -> list[tuple[str | None, float | None]]:
    """For each point, the nearest area that does not cover it and the distance (m).

    The distance is to the area's edge, rounded to 10 m: "200 m från Ringdansen" tells
    a meeting where a place in a large area is. ``(None, None)`` when every area covers
    the point or there are none.
    """
    names, geoms = split_areas(areas, name_column)
    pts = shapely.points(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
    out: list[tuple[str | None, float | None]] = [(None, None)] * len(pts)
    if not names:
        return out
    for i, pt in enumerate(pts):
        distances = shapely.distance(geoms, pt)
        outside = np.flatnonzero(~shapely.covers(geoms, pt))
        if outside.size:
            best = outside[np.argmin(distances[outside])]
            out[i] = (names[int(best)], float(round(distances[best], -1)))
    return out
