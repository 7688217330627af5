"""Getis–Ord Gi* hot spot statistic on a grid or on irregular areas.

Convention (the one of Getis & Ord 1992/1995 and of PySAL ``esda.G_Local(y, w,
transform="B", star=True)``): binary weights, the cell itself included (self-weight 1),
and the z-score

.. math::

    z_i = \\frac{\\sum_j w_{ij} y_j - \\bar y\\, W_i}
               {s \\sqrt{(n W_i - W_i^2) / (n - 1)}},
    \\qquad W_i = \\sum_j w_{ij},\\quad s^2 = \\frac1n \\sum_j y_j^2 - \\bar y^2

with :math:`n` the number of cells and :math:`s` the *population* standard deviation.
On a grid the neighbourhood of a cell is the ``(2k+1) × (2k+1)`` block around it (k=1:
the cell and its 8 queen neighbours), clipped at the rectangle's edges, so edge and corner
cells have fewer neighbours. Every cell of the rectangle is a unit of analysis, zero-count
cells included: "nothing happened here" is information.

Two cases have no z-score and are handled explicitly:

* all cells have the same value (``s = 0``, e.g. no incidents at all): there is nothing
  to contrast, so :func:`gistar_grid` raises :class:`~est_geo.core.errors.AnalysisError`
  rather than returning a map of meaningless zeros;
* a cell whose neighbourhood is the whole study area (``W_i = n``, e.g. the centre of a
  3×3 grid): its local sum *is* the global sum, so z is set to 0 (not significant).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy import sparse, special

from est_geo.core.errors import AnalysisError, Problem, ValidationError, keyed_error
from est_geo.hotspots.grid import Grid

FloatArray = NDArray[np.float64]

#: Hot spot classes in display order, as in Esri's Hot Spot Analysis (Gi_Bin +3 … -3).
HOTSPOT_CLASSES: tuple[str, ...] = (
    "hot_99",
    "hot_95",
    "hot_90",
    "none",
    "cold_90",
    "cold_95",
    "cold_99",
)
#: Significance levels behind the classes: 99 % ⇔ p ≤ 0.01, 95 % ⇔ p ≤ 0.05, 90 % ⇔ p ≤ 0.10.
CLASS_LEVELS: tuple[tuple[int, float], ...] = ((99, 0.01), (95, 0.05), (90, 0.10))
#: Largest supported neighbourhood radius in cells (k=5 is an 11×11 block).
MAX_K = 5

_EMPTY_FILTERS: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class GiStarResult:
    """Gi* z-scores, p-values and hot spot classes, with the parameters that made them.

    Arrays have the shape of the input (``(ny, nx)`` on a grid, ``(n,)`` for areas).

    Attributes
    ----------
    z
        Gi* z-score per unit (0 where undefined, see module docstring).
    p
        Two-sided normal p-value ``2 * (1 - Φ(|z|))``.
    p_adjusted
        Benjamini–Hochberg adjusted p-values when ``fdr`` is true, else ``None``.
    classes
        ``"hot_99" … "none" … "cold_99"`` (see :func:`classify`).
    cell_size, neighbourhood, k, fdr, alternative
        The analysis parameters, recorded so a map legend and an exported table can state
        exactly what was computed. ``cell_size`` and ``k`` are ``None`` for irregular areas.
    filters
        Free description of the selection the caller analysed (period, categories …).
    n, mean, std
        Number of units, mean and population standard deviation of the values.
    """

    z: FloatArray
    p: FloatArray
    p_adjusted: FloatArray | None
    classes: NDArray[np.str_]
    neighbourhood: str
    fdr: bool
    n: int
    mean: float
    std: float
    cell_size: int | None = None
    k: int | None = None
    grid: Grid | None = None
    alternative: Literal["two-sided"] = "two-sided"
    filters: Mapping[str, object] = field(default_factory=lambda: _EMPTY_FILTERS)

    def count(self, cls: str) -> int:
        """Number of units in hot spot class ``cls`` (e.g. ``"hot_99"``)."""
        return int(np.count_nonzero(self.classes == cls))


def gistar_grid(
    values: ArrayLike,
    *,
    grid: Grid | None = None,
    k: int = 1,
    fdr: bool = False,
    filters: Mapping[str, object] | None = None,
) -> GiStarResult:
    """Gi* for every cell of a rectangular grid of counts.

    Parameters
    ----------
    values
        ``(ny, nx)`` counts (or any finite values) per cell, e.g. ``count_points(...).counts``.
    grid
        The grid the values belong to; recorded in the result (cell size, ids, centroids).
    k
        Neighbourhood radius in cells: 1 → 3×3 (queen), 2 → 5×5, … up to :data:`MAX_K`.
    fdr
        Classify by Benjamini–Hochberg adjusted p-values instead of raw ones, to keep the
        expected share of false hot spots among those shown below each level.
    filters
        What selection the values come from; stored verbatim in the result.

    Raises
    ------
    ValidationError
        Bad shape, non-finite values, bad ``k`` or a grid of another shape.
    AnalysisError
        All cells have the same value, so no cell can stand out.
    """
    y = _check_grid_values(values, grid, k)
    z = _grid_z(y, k)
    if z is None:
        raise keyed_error(AnalysisError, "hotspots.analysis.flat_grid")
    side = 2 * k + 1
    return _result(
        y,
        z,
        fdr=fdr,
        filters=filters,
        neighbourhood=f"{side}x{side} block (k={k}), binary, self included",
        cell_size=None if grid is None else grid.cell_size,
        k=k,
        grid=grid,
    )


def gistar_irregular(
    values: ArrayLike,
    neighbours: Sequence[Sequence[int]] | sparse.sparray | sparse.spmatrix,
    *,
    fdr: bool = False,
    filters: Mapping[str, object] | None = None,
) -> GiStarResult:
    """Gi* for irregular areas (districts, DeSO) with binary contiguity weights.

    Parameters
    ----------
    values
        One value per area, shape ``(n,)``.
    neighbours
        Either ``neighbours[i]`` = indices of the areas adjacent to area ``i``, or an
        ``n × n`` sparse matrix whose non-zeros mark adjacency. Any stored weight is
        treated as 1 and the area itself is always included (the Gi* convention).
    fdr, filters
        As in :func:`gistar_grid`.

    Raises
    ------
    ValidationError
        Bad values, or neighbour indices outside ``0..n-1``.
    AnalysisError
        All areas have the same value.
    """
    y = _check_values_1d(values)
    w = _binary_star_matrix(neighbours, y.size)
    card = np.asarray(w.sum(axis=1), dtype=np.float64).ravel()
    z = _z_from_sums(y, np.asarray(w @ y, dtype=np.float64), card, y.size)
    if z is None:
        raise keyed_error(AnalysisError, "hotspots.analysis.flat_areas")
    return _result(
        y, z, fdr=fdr, filters=filters, neighbourhood="contiguity, binary, self included"
    )


def two_sided_p(z: ArrayLike) -> FloatArray:
    """Two-sided standard-normal p-value ``2·P(Z > |z|)``.

    Computed as ``2 · ndtr(−|z|)``, the very function ``scipy.stats.norm.sf`` evaluates
    (accurate far into the tails), without the distribution wrapper's overhead.
    """
    return np.asarray(2.0 * special.ndtr(-np.abs(np.asarray(z, dtype=np.float64))))


def bh_adjust(p: ArrayLike) -> FloatArray:
    """Benjamini–Hochberg adjusted p-values (q-values), same shape as ``p``.

    ``q_(i) = min_{j ≥ i} m p_(j) / j`` over the sorted p-values, capped at 1. A unit is
    significant at false discovery rate α exactly when its q-value is ≤ α, which is what
    the BH step-up procedure at level α would reject.
    """
    pa = np.asarray(p, dtype=np.float64)
    flat = pa.ravel()
    m = flat.size
    if m == 0:
        return pa.copy()
    order = np.argsort(flat, kind="stable")
    scaled = flat[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(m, dtype=np.float64)
    out[order] = adjusted
    return out.reshape(pa.shape)


def classify(z: ArrayLike, p: ArrayLike) -> NDArray[np.str_]:
    """Hot/cold class per unit from its z sign and (raw or adjusted) p-value.

    A unit is ``hot_99`` if ``z > 0`` and ``p ≤ 0.01``, else ``hot_95`` if ``p ≤ 0.05``,
    else ``hot_90`` if ``p ≤ 0.10``; ``cold_*`` likewise for ``z < 0``; otherwise
    ``"none"``. With FDR, pass the BH-adjusted p: a cell is then ``hot_95`` when it is
    rejected by BH at q = 0.05 (but not at 0.01), Esri's FDR convention.
    """
    za = np.asarray(z, dtype=np.float64)
    pa = np.asarray(p, dtype=np.float64)
    level = np.zeros(za.shape, dtype=np.int8)  # 0 none, 1 = 90 %, 2 = 95 %, 3 = 99 %
    for _, alpha in CLASS_LEVELS:
        level += pa <= alpha
    signed = np.sign(za).astype(np.int8) * level
    labels = np.asarray(HOTSPOT_CLASSES, dtype="<U7")
    return np.asarray(labels[3 - signed], dtype=np.str_)


def _result(
    y: FloatArray,
    z: FloatArray,
    *,
    fdr: bool,
    filters: Mapping[str, object] | None,
    neighbourhood: str,
    cell_size: int | None = None,
    k: int | None = None,
    grid: Grid | None = None,
) -> GiStarResult:
    p = two_sided_p(z)
    p_adj = bh_adjust(p) if fdr else None
    return GiStarResult(
        z=z,
        p=p,
        p_adjusted=p_adj,
        classes=classify(z, p if p_adj is None else p_adj),
        neighbourhood=neighbourhood,
        fdr=fdr,
        n=int(y.size),
        mean=float(y.mean()),
        std=float(y.std()),
        cell_size=cell_size,
        k=k,
        grid=grid,
        filters=MappingProxyType(dict(filters or {})),
    )


def _grid_z(y: FloatArray, k: int) -> FloatArray | None:
    """Gi* z over the last two axes of ``y`` (2-D grid); ``None`` if the grid is constant."""
    card = np.outer(_window_len(y.shape[-2], k), _window_len(y.shape[-1], k))
    return _z_from_sums(y, _box_sum(y, k), card.astype(np.float64), y.size)


def grid_z_stack(cube: FloatArray, k: int) -> FloatArray:
    """Gi* z for each 2-D slice ``cube[t]`` of a ``(T, ny, nx)`` stack, all at once.

    Used for per-time-step Gi* (emerging hot spots). A slice whose cells are all equal
    (e.g. a month without incidents) has no z-score; its z is set to 0 (not significant).
    """
    ny, nx = cube.shape[-2:]
    n = ny * nx
    card = np.outer(_window_len(ny, k), _window_len(nx, k)).astype(np.float64)
    mean = cube.mean(axis=(-2, -1), keepdims=True)
    std = cube.std(axis=(-2, -1), keepdims=True)
    num = _box_sum(cube, k) - card * mean
    den = std * _card_factor(card, n)
    z: FloatArray = np.divide(num, den, out=np.zeros(cube.shape), where=den > 0)
    return z


def _z_from_sums(y: FloatArray, wy: FloatArray, card: FloatArray, n: int) -> FloatArray | None:
    std = float(y.std())
    if n < 2 or std == 0.0 or not np.isfinite(std):
        return None
    num = wy - card * float(y.mean())
    den = std * _card_factor(card, n)
    return np.divide(num, den, out=np.zeros(num.shape), where=den > 0)


def _card_factor(card: FloatArray, n: int) -> FloatArray:
    """``sqrt((n W_i - W_i²)/(n-1))``; 0 where the neighbourhood is the whole area."""
    return np.sqrt(np.maximum(n * card - card**2, 0.0) / (n - 1))


def _window_len(size: int, k: int) -> NDArray[np.int64]:
    """Number of positions within ``±k`` of each index of an axis of length ``size``."""
    idx = np.arange(size)
    return np.minimum(idx + k, size - 1) - np.maximum(idx - k, 0) + 1


def _box_sum(a: FloatArray, k: int) -> FloatArray:
    """Sum over the ``(2k+1)²`` block around each cell (zeros outside) on the last 2 axes."""
    return _window_sum(_window_sum(a, k, axis=-1), k, axis=-2)


def _window_sum(a: FloatArray, k: int, axis: int) -> FloatArray:
    """Running sum over ``±k`` along ``axis`` via a cumulative sum (O(n), exact for ints)."""
    size = a.shape[axis]
    pad = [(0, 0)] * a.ndim
    pad[axis] = (1, 0)
    csum = np.pad(np.cumsum(a, axis=axis), pad)
    idx = np.arange(size)
    hi = np.minimum(idx + k + 1, size)
    lo = np.maximum(idx - k, 0)
    return np.asarray(np.take(csum, hi, axis=axis) - np.take(csum, lo, axis=axis))


def _check_grid_values(values: ArrayLike, grid: Grid | None, k: int) -> FloatArray:
    y = np.asarray(values, dtype=np.float64)
    problems: list[Problem] = []
    if y.ndim != 2 or y.size == 0:
        problems.append(Problem.keyed(None, "values", str(y.shape), "hotspots.problem.matrix_2d"))
    elif not np.all(np.isfinite(y)):
        problems.append(Problem.keyed(None, "values", "NaN/inf", "hotspots.problem.all_finite"))
    if grid is not None and y.shape != grid.shape:
        problems.append(
            Problem.keyed(
                None, "grid", str(grid.shape), "hotspots.problem.shape_mismatch", shape=y.shape
            )
        )
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k <= MAX_K:
        problems.append(Problem.keyed(None, "k", str(k), "hotspots.problem.int_range", max=MAX_K))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.gistar")
    return y


def _check_values_1d(values: ArrayLike) -> FloatArray:
    y = np.asarray(values, dtype=np.float64)
    if y.ndim != 1 or y.size == 0 or not np.all(np.isfinite(y)):
        raise ValidationError(
            [Problem.keyed(None, "values", str(y.shape), "hotspots.problem.vector")]
        )
    return y


def _binary_star_matrix(
    neighbours: Sequence[Sequence[int]] | sparse.sparray | sparse.spmatrix, n: int
) -> sparse.csr_array:
    """Binary ``n × n`` weights with ones on the diagonal (self included)."""
    if sparse.issparse(neighbours):
        w = sparse.csr_array(neighbours)
        if w.shape != (n, n):
            raise ValidationError(
                [Problem.keyed(None, "neighbours", str(w.shape), "hotspots.problem.square", n=n)]
            )
    else:
        w = _matrix_from_lists(neighbours, n)
    w = sparse.csr_array(abs(w) + sparse.eye_array(n, format="csr"))
    w.data = (w.data != 0).astype(np.float64)
    w.eliminate_zeros()
    return w


def _matrix_from_lists(neighbours: Sequence[Sequence[int]], n: int) -> sparse.csr_array:
    problems: list[Problem] = []
    if len(neighbours) != n:
        problems.append(
            Problem.keyed(None, "neighbours", str(len(neighbours)), "hotspots.problem.n_lists", n=n)
        )
    rows: list[int] = []
    cols: list[int] = []
    for i, nbrs in enumerate(neighbours):
        for j in nbrs:
            if not 0 <= int(j) < n:
                problems.append(
                    Problem.keyed(
                        i, "neighbours", str(j), "hotspots.problem.index_range", max=n - 1
                    )
                )
            else:
                rows.append(i)
                cols.append(int(j))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.neighbours")
    data = np.ones(len(rows), dtype=np.float64)
    return sparse.csr_array((data, (rows, cols)), shape=(n, n))
