"""Square analysis grid aligned to a fixed origin in SWEREF 99 TM (EPSG:3006).

Every grid, whatever the query, is cut from the same infinite lattice of ``cell_size``
squares whose corners lie on multiples of ``cell_size`` metres from (0, 0). A cell thus
keeps the same identity (and id string) in every query, so this week's hot spot can be
compared with last quarter's, and a cell id stored in a meeting note stays meaningful.

Cell ids have the form ``"{cell_size}m_E{ix}_N{iy}"`` where ``ix = floor(x / cell_size)``
and ``iy = floor(y / cell_size)`` are the integer lattice indices of the cell's lower-left
corner: ``"100m_E5648_N64931"`` is the 100 m cell whose lower-left corner is
(564 800, 6 493 100). Arrays over a grid have shape ``(ny, nx)``; row ``r`` is the cell row
``iy0 + r`` (south to north) and column ``c`` is ``ix0 + c`` (west to east).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely
from numpy.typing import ArrayLike, NDArray

from est_geo.core.errors import Problem, ValidationError

#: Default cell size in metres: a block or a courtyard, the scale EST groups act on.
DEFAULT_CELL_SIZE = 100
#: Smallest and largest allowed cell size in metres.
MIN_CELL_SIZE = 25
MAX_CELL_SIZE = 1000
#: Upper bound on cells per grid, so a typo in a bounding box cannot exhaust memory.
MAX_CELLS = 16_000_000

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]


@dataclass(frozen=True)
class Grid:
    """A rectangle of lattice cells: ``nx`` by ``ny`` cells starting at index (ix0, iy0).

    Parameters
    ----------
    cell_size
        Cell side in whole metres, 25..1000 (default 100).
    ix0, iy0
        Lattice index of the south-west cell (``floor(x / cell_size)``).
    nx, ny
        Number of cell columns and rows, both at least 1.
    """

    cell_size: int = DEFAULT_CELL_SIZE
    ix0: int = 0
    iy0: int = 0
    nx: int = 1
    ny: int = 1

    def __post_init__(self) -> None:
        problems = _grid_problems(self.cell_size, self.nx, self.ny)
        if problems:
            raise ValidationError(problems, key="hotspots.invalid.grid")

    @classmethod
    def covering(
        cls, bbox: tuple[float, float, float, float], cell_size: int = DEFAULT_CELL_SIZE
    ) -> Grid:
        """Return the smallest lattice grid that contains ``bbox = (minx, miny, maxx, maxy)``.

        A point exactly on ``maxx``/``maxy`` belongs to the cell starting there, so that
        cell is included: every point inside the closed bbox falls in the grid.
        """
        _check_bbox(bbox)
        _check_cell_size(cell_size)
        minx, miny, maxx, maxy = bbox
        ix0, iy0 = math.floor(minx / cell_size), math.floor(miny / cell_size)
        ix1, iy1 = math.floor(maxx / cell_size), math.floor(maxy / cell_size)
        return cls(cell_size, ix0, iy0, ix1 - ix0 + 1, iy1 - iy0 + 1)

    @property
    def shape(self) -> tuple[int, int]:
        """Array shape ``(ny, nx)`` of every per-cell array over this grid."""
        return (self.ny, self.nx)

    @property
    def n_cells(self) -> int:
        """Number of cells in the rectangle."""
        return self.nx * self.ny

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """Outer edges ``(minx, miny, maxx, maxy)`` of the grid in metres."""
        cs = self.cell_size
        return (
            float(self.ix0 * cs),
            float(self.iy0 * cs),
            float((self.ix0 + self.nx) * cs),
            float((self.iy0 + self.ny) * cs),
        )

    @property
    def cell_area(self) -> float:
        """Area of one cell in square metres."""
        return float(self.cell_size) ** 2

    def indices(self) -> tuple[IntArray, IntArray]:
        """Lattice indices ``(ix, iy)`` of every cell, each of shape ``(ny, nx)``."""
        ix = np.arange(self.ix0, self.ix0 + self.nx, dtype=np.int64)
        iy = np.arange(self.iy0, self.iy0 + self.ny, dtype=np.int64)
        gx, gy = np.meshgrid(ix, iy)
        return gx, gy

    def cell_ids(self) -> NDArray[np.str_]:
        """Stable string id of every cell (see module docstring), shape ``(ny, nx)``."""
        gx, gy = self.indices()
        prefix = f"{self.cell_size}m_E"
        ids = np.char.add(np.char.add(prefix, gx.astype(str)), "_N")
        return np.asarray(np.char.add(ids, gy.astype(str)), dtype=np.str_)

    def centroids(self) -> tuple[FloatArray, FloatArray]:
        """Cell centre coordinates ``(cx, cy)`` in metres, each of shape ``(ny, nx)``."""
        gx, gy = self.indices()
        cs = float(self.cell_size)
        cx = np.asarray(gx * cs + cs / 2.0, dtype=np.float64)
        cy = np.asarray(gy * cs + cs / 2.0, dtype=np.float64)
        return cx, cy

    def cell_polygons(self) -> NDArray[np.object_]:
        """Shapely squares of every cell in EPSG:3006, object array of shape ``(ny, nx)``."""
        gx, gy = self.indices()
        cs = float(self.cell_size)
        boxes = shapely.box(gx * cs, gy * cs, (gx + 1) * cs, (gy + 1) * cs)
        return np.asarray(boxes, dtype=object)

    def ids_at(self, rows: ArrayLike, cols: ArrayLike) -> list[str]:
        """Ids of the cells at ``(rows, cols)`` only, same text as :meth:`cell_ids`.

        Why: :meth:`cell_ids` builds every id of the rectangle — 464,000 strings for a
        municipality at 100 m — while a table or a map lists a few hundred cells.
        """
        ix, iy = self._lattice_at(rows, cols)
        prefix = f"{self.cell_size}m_E"
        return [f"{prefix}{i}_N{j}" for i, j in zip(ix.tolist(), iy.tolist(), strict=True)]

    def centroids_at(self, rows: ArrayLike, cols: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """Centres ``(cx, cy)`` in metres of the cells at ``(rows, cols)`` only."""
        ix, iy = self._lattice_at(rows, cols)
        half = self.cell_size / 2.0
        cx = np.asarray(ix * self.cell_size + half, dtype=np.float64)
        return cx, np.asarray(iy * self.cell_size + half, dtype=np.float64)

    def _lattice_at(self, rows: ArrayLike, cols: ArrayLike) -> tuple[IntArray, IntArray]:
        """Lattice indices ``(ix, iy)`` of grid cells; rejects cells outside the grid."""
        r = np.asarray(rows, dtype=np.int64).ravel()
        c = np.asarray(cols, dtype=np.int64).ravel()
        outside = (r.shape != c.shape) or bool(
            np.any((r < 0) | (r >= self.ny) | (c < 0) | (c >= self.nx))
        )
        if outside:
            raise ValidationError(
                [
                    Problem.keyed(
                        None, "rows/cols", f"{r.size}/{c.size}", "hotspots.problem.cells_outside"
                    )
                ]
            )
        return c + self.ix0, r + self.iy0

    def locate(self, x: ArrayLike, y: ArrayLike) -> tuple[IntArray, NDArray[np.bool_]]:
        """Flat row-major cell index of each point, and a mask of points inside the grid.

        Indices of points outside (or with non-finite coordinates) are set to -1.
        """
        xa, ya = _as_coords(x, y)
        cs = float(self.cell_size)
        with np.errstate(invalid="ignore"):
            col = np.floor(xa / cs) - self.ix0
            row = np.floor(ya / cs) - self.iy0
        inside = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny)
        flat = np.full(xa.shape, -1, dtype=np.int64)
        flat[inside] = row[inside].astype(np.int64) * self.nx + col[inside].astype(np.int64)
        return flat, inside


@dataclass(frozen=True)
class CellCounts:
    """Points binned into a grid.

    Attributes
    ----------
    counts
        ``(ny, nx)`` array: int64 counts, or float64 sums when weights were given.
    n_outside
        Points that fell outside the grid (or had non-finite coordinates) and were
        ignored; a caller can show "n händelser utanför analysområdet".
    """

    grid: Grid
    counts: NDArray[np.int64] | FloatArray
    n_outside: int

    @property
    def total(self) -> float:
        """Sum over all cells (number of incidents, or sum of weights)."""
        return float(self.counts.sum())


def count_points(
    grid: Grid, x: ArrayLike, y: ArrayLike, weights: ArrayLike | None = None
) -> CellCounts:
    """Count (or sum ``weights`` of) points per cell with one ``np.bincount``.

    Points outside the grid are not an error: a grid is often a map window, so they are
    ignored and reported in :attr:`CellCounts.n_outside`.
    """
    flat, inside = grid.locate(x, y)
    n_outside = int(flat.size - np.count_nonzero(inside))
    if weights is None:
        counts = np.bincount(flat[inside], minlength=grid.n_cells).astype(np.int64)
        return CellCounts(grid, counts.reshape(grid.shape), n_outside)
    w = np.asarray(weights, dtype=np.float64).ravel()
    if w.shape != flat.shape or not np.all(np.isfinite(w)):
        raise ValidationError(
            [Problem.keyed(None, "weights", str(w.size), "hotspots.problem.finite_per_point")]
        )
    sums = np.bincount(flat[inside], weights=w[inside], minlength=grid.n_cells)
    return CellCounts(grid, sums.reshape(grid.shape), n_outside)


def _as_coords(x: ArrayLike, y: ArrayLike) -> tuple[FloatArray, FloatArray]:
    xa = np.asarray(x, dtype=np.float64).ravel()
    ya = np.asarray(y, dtype=np.float64).ravel()
    if xa.shape != ya.shape:
        raise ValidationError(
            [Problem.keyed(None, "y", str(ya.size), "hotspots.problem.x_length", n=xa.size)]
        )
    return xa, ya


def _grid_problems(cell_size: int, nx: int, ny: int) -> list[Problem]:
    problems = _cell_size_problems(cell_size)
    for name, value in (("nx", nx), ("ny", ny)):
        if not isinstance(value, int | np.integer) or value < 1:
            problems.append(
                Problem.keyed(None, name, str(value), "hotspots.problem.int_at_least_one")
            )
    if not problems and nx * ny > MAX_CELLS:
        problems.append(
            Problem.keyed(None, "nx*ny", str(nx * ny), "hotspots.problem.max_cells", max=MAX_CELLS)
        )
    return problems


def _cell_size_problems(cell_size: int) -> list[Problem]:
    ok = isinstance(cell_size, int | np.integer) and not isinstance(cell_size, bool)
    if not ok or not MIN_CELL_SIZE <= cell_size <= MAX_CELL_SIZE:
        key = "hotspots.problem.cell_size_metres"
        return [
            Problem.keyed(
                None, "cell_size", str(cell_size), key, min=MIN_CELL_SIZE, max=MAX_CELL_SIZE
            )
        ]
    return []


def _check_cell_size(cell_size: int) -> None:
    problems = _cell_size_problems(cell_size)
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.cell_size")


def _check_bbox(bbox: tuple[float, float, float, float]) -> None:
    values = [float(v) for v in bbox]
    problems: list[Problem] = []
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        problems.append(Problem.keyed(None, "bbox", str(bbox), "hotspots.problem.bbox_four"))
    elif values[0] > values[2] or values[1] > values[3]:
        problems.append(Problem.keyed(None, "bbox", str(bbox), "hotspots.problem.bbox_order"))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.bbox")
