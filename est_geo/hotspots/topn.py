"""Top-N hot spot cells with a place name people in the meeting recognise.

A list "cell 100m_E5648_N64931, z = 5.2" means nothing in a chefssamråd; "Klockaretorpet,
Rektorsgatan" does. Each listed cell is therefore described by the *smallest* named area
(of those given: districts, blocks, school yards …) that contains its centre — the most
specific name available.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import Problem, ValidationError
from est_geo.hotspots.gistar import GiStarResult

#: Areas as ``(name, polygon)`` pairs in EPSG:3006, or a GeoDataFrame-like object with a
#: ``geometry`` column and a name column.
Areas = Sequence[tuple[str, BaseGeometry]] | Any


@dataclass(frozen=True)
class TopCell:
    """One of the top-N cells, ranked from 1."""

    rank: int
    cell_id: str
    row: int
    col: int
    x: float
    y: float
    z: float
    p: float
    hot_class: str
    count: float
    place: str | None


def top_cells(
    result: GiStarResult,
    counts: ArrayLike,
    *,
    n: int = 10,
    by: Literal["z", "count"] = "z",
    only_hot: bool = True,
    areas: Areas | None = None,
    name_column: str = "name",
) -> list[TopCell]:
    """The ``n`` highest cells by Gi* z (ties: higher count) or by count (ties: higher z).

    Parameters
    ----------
    result
        A grid Gi* result (it must carry its :class:`Grid`).
    counts
        The ``(ny, nx)`` counts the result was computed from.
    only_hot
        Keep only cells classed ``hot_*`` (significant at 90 % or more).
    areas
        Named areas for :func:`place_names`; ``None`` leaves ``place`` empty.
    """
    grid = result.grid
    c = np.asarray(counts, dtype=np.float64)
    if grid is None or c.shape != result.z.shape or n < 1 or by not in ("z", "count"):
        raise ValidationError(
            [Problem.keyed(None, "result", str(c.shape), "hotspots.problem.gistar_result_by")]
        )
    keys = (result.z.ravel(), c.ravel()) if by == "z" else (c.ravel(), result.z.ravel())
    order = np.lexsort((keys[1], keys[0]))[::-1]
    chosen = _first_hot(order, result.classes.ravel(), n) if only_hot else order[:n]
    rows, cols = np.divmod(chosen, grid.nx)
    # Centres and ids of the listed cells only: the whole grid's (Grid.centroids,
    # Grid.cell_ids) is 464,000 strings for a municipality at 100 m, for a top 10.
    xs, ys = grid.centroids_at(rows, cols)
    places = place_names(xs, ys, areas, name_column=name_column) if areas is not None else None
    ids = grid.ids_at(rows, cols)
    return [
        TopCell(
            rank=i + 1,
            cell_id=ids[i],
            row=int(r),
            col=int(col),
            x=float(xs[i]),
            y=float(ys[i]),
            z=float(result.z[r, col]),
            p=float(result.p[r, col]),
            hot_class=str(result.classes[r, col]),
            count=float(c[r, col]),
            place=None if places is None else places[i],
        )
        for i, (r, col) in enumerate(zip(rows, cols, strict=True))
    ]


def _first_hot(order: NDArray[np.intp], classes: NDArray[np.str_], n: int) -> NDArray[np.intp]:
    """The first ``n`` entries of ``order`` whose class is ``hot_*``, testing the class
    of a few hundred cells at a time instead of every cell's."""
    found: list[NDArray[np.intp]] = []
    have = 0
    step = max(256, 4 * n)
    for start in range(0, order.size, step):
        part = order[start : start + step]
        hot = part[np.char.startswith(classes[part], "hot_")]
        found.append(hot)
        have += hot.size
        if have >= n:
            break
    return np.concatenate(found)[:n] if found else order[:0]


def place_names(
    x: ArrayLike, y: ArrayLike, areas: Areas, *, name_column: str = "name"
) -> list[str | None]:
    """Name of the smallest area containing each point (``None`` where none does).

    Points on a shared boundary count as inside both areas ("covers"), so a cell centre
    on a street between two blocks still gets a name.
    """
    names, geoms = split_areas(areas, name_column)
    pts = shapely.points(np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64))
    out: list[str | None] = [None] * len(pts)
    if not names:
        return out
    tree = shapely.STRtree(geoms)
    pt_idx, area_idx = tree.query(pts, predicate="covered_by")
    areas_m2 = shapely.area(geoms)[area_idx]
    # Sort by point, then area: the first match of each point is its smallest area.
    order = np.lexsort((areas_m2, pt_idx))
    first = np.unique(pt_idx[order], return_index=True)[1]
    for i in order[first]:
        out[int(pt_idx[i])] = names[int(area_idx[i])]
    return out


def split_areas(areas: Areas, name_column: str) -> tuple[list[str], NDArray[np.object_]]:
    """Names and polygons of ``areas`` (pairs or a GeoDataFrame); every empty or missing
    geometry is named in one error."""
    if hasattr(areas, "geometry"):
        frame: Any = areas  # a GeoDataFrame; duck-typed so geopandas stays optional
        names = [str(v) for v in frame[name_column]]
        geoms = np.asarray(list(frame.geometry), dtype=object)
    else:
        pairs = list(areas)
        names = [str(name) for name, _ in pairs]
        geoms = np.asarray([geom for _, geom in pairs], dtype=object)
    bad = [i for i, g in enumerate(geoms) if not isinstance(g, BaseGeometry) or g.is_empty]
    if bad:
        raise ValidationError(
            [Problem.keyed(i, "geometry", names[i], "hotspots.problem.no_geometry") for i in bad]
        )
    return names, geoms
