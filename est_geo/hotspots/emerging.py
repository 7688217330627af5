"""Emerging hot spots: how each cell's Gi* hot/cold status evolves over time steps.

Method (after Esri's *Emerging Hot Spot Analysis*, see ``docs/hotspots.md``):

1. Bin incidents into a ``(T, ny, nx)`` cube of counts: a fixed grid × calendar months
   (or ISO weeks). Empty steps inside the period are kept: a quiet month is data.
2. Gi* per time step on the grid (purely spatial neighbourhood; Esri additionally pools
   neighbouring time steps, which we do not, so each month stands on its own). A step in
   which every cell is equal (e.g. no incidents) gives z = 0 everywhere.
3. A bin is a significant hot (cold) spot when z > 0 (< 0) and its p-value — by default
   Benjamini–Hochberg adjusted within the time step, as Esri does — is ≤ ``alpha``.
4. Mann–Kendall trend test on each cell's series of Gi* z-scores: is the clustering
   intensity rising or falling?
5. Each cell gets one category by the first matching rule (``H`` = set of significant hot
   steps, ``n`` = number of steps, "trend" = Mann–Kendall p ≤ ``alpha``):

   * ``|H| ≥ 0.9 n``: final step not hot → **historical**; otherwise rising trend →
     **intensifying**, falling trend → **diminishing**, no trend → **persistent**;
   * final step hot and some earlier step significantly cold → **oscillating**;
   * final step hot and it is the only hot step → **new**;
   * final step hot, the hot steps are exactly one uninterrupted final run of ≥ 2 steps
     and nothing before it was significant → **consecutive**;
   * final step hot otherwise (hot on and off, never cold) → **sporadic**;
   * cold categories mirror these with the signs swapped (a *falling* z trend
     intensifies a cold spot). The "≥ 90 %" rules of both sides are tried before the
     final-step rules, so a cell cold in ≥ 90 % of steps but hot in the last one is a
     historical cold spot, not an oscillating hot spot (the two sides cannot both match
     a rule of the same group);
   * anything else → ``no_pattern``.

   Esri states most of these with "less than 90 % of steps hot"; that is implied here by
   the order of the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Literal, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from est_geo.core.errors import AnalysisError, Problem, ValidationError, keyed_error
from est_geo.hotspots.gistar import (
    MAX_K,
    _box_sum,
    _card_factor,
    _window_len,
    classify,
    two_sided_p,
)
from est_geo.hotspots.grid import Grid

FloatArray = NDArray[np.float64]
_T = TypeVar("_T", bound=np.generic)
BoolArray = NDArray[np.bool_]

#: Share of time steps that makes a location persistently hot/cold (Esri: 90 %).
PERSISTENT_SHARE = 0.9
#: Categories in legend order.
EMERGING_CATEGORIES: tuple[str, ...] = (
    "new_hot",
    "consecutive_hot",
    "intensifying_hot",
    "persistent_hot",
    "diminishing_hot",
    "sporadic_hot",
    "oscillating_hot",
    "historical_hot",
    "new_cold",
    "consecutive_cold",
    "intensifying_cold",
    "persistent_cold",
    "diminishing_cold",
    "sporadic_cold",
    "oscillating_cold",
    "historical_cold",
    "no_pattern",
)

#: ``"7d"``: whole 7-day steps counted back from ``end`` (a lägesbild ending on a Monday
#: must not end its trend with a one-day "week" that looks like a collapse).
Step = Literal["month", "week", "7d"]


@dataclass(frozen=True, eq=False)
class MannKendall:
    """Mann–Kendall trend test results, one value per series.

    Attributes
    ----------
    s
        Kendall's S = Σ_{i<j} sign(x_j − x_i).
    tau
        Kendall's τ-b between time and value (equals ``scipy.stats.kendalltau(t, x)``).
    z, p
        Normal approximation of S with tie-corrected variance; two-sided p-value.
    """

    s: FloatArray
    tau: FloatArray
    z: FloatArray
    p: FloatArray


@dataclass(frozen=True, eq=False)
class _SparseCube:
    """The ``(T, ny, nx)`` count cube as its non-zero bins only.

    Why: a municipality year is 25 steps × 464,526 cells (93 MB as int64) of which
    ~70,000 bins hold an incident; the dense cube was built, copied to float and kept in
    every cached result.

    Attributes
    ----------
    bins
        Flat index ``step * ny * nx + row * nx + col`` of each non-zero bin, ascending.
    counts
        Incidents in each of those bins.
    """

    shape: tuple[int, int, int]
    bins: NDArray[np.int64]
    counts: NDArray[np.int64]

    @property
    def n_steps(self) -> int:
        return self.shape[0]

    def step(self, i: int) -> NDArray[np.int64]:
        """Dense ``(ny, nx)`` counts of step ``i``."""
        n = self.shape[1] * self.shape[2]
        lo, hi = np.searchsorted(self.bins, [i * n, (i + 1) * n])
        out = np.zeros(n, dtype=np.int64)
        out[self.bins[lo:hi] - i * n] = self.counts[lo:hi]
        return out.reshape(self.shape[1:])

    def dense(self) -> NDArray[np.int64]:
        """The whole cube, ``(T, ny, nx)``."""
        out = np.zeros(int(np.prod(self.shape)), dtype=np.int64)
        out[self.bins] = self.counts
        return out.reshape(self.shape)

    def has_data(self) -> BoolArray:
        """``(ny, nx)``: cells with at least one incident in some step."""
        n = self.shape[1] * self.shape[2]
        out = np.zeros(n, dtype=bool)
        out[self.bins % n] = True
        return out.reshape(self.shape[1:])


@dataclass(frozen=True, eq=False)
class _Units:
    """The distinct Gi* series of a grid: informative cells, and one per quiet kind.

    Why: a municipality has ~464,000 cells at 100 m and most never see an incident. A
    cell with no incident in its ``(2k+1)²`` block in any step (a *quiet* cell) has local
    sum 0 throughout, so its z series depends only on its number of neighbours ``W``
    (fewer at the grid's edge). Every quiet cell with the same ``W`` thus has the same z,
    p, trend and category: computing them once per ``W`` and once per informative cell
    gives exactly the values of the whole-grid computation, at a fraction of the work.

    Attributes
    ----------
    column
        ``(ny*nx,)`` unit of each cell (flat row-major): informative cells first, in
        flat order, then one unit per distinct ``W`` of quiet cells.
    rows, cols
        Grid position of each informative unit.
    card
        ``W`` of every unit.
    weights
        Number of cells each unit stands for (1 for an informative cell).
    """

    shape: tuple[int, int]
    column: NDArray[np.int64]
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    card: FloatArray
    weights: NDArray[np.int64]

    @classmethod
    def of(cls, has_data: BoolArray, k: int) -> _Units:
        ny, nx = has_data.shape
        card = np.outer(_window_len(ny, k), _window_len(nx, k)).astype(np.float64).ravel()
        informative = (_box_sum(has_data.astype(np.float64), k) > 0).ravel()
        flat = np.flatnonzero(informative)
        quiet_cards, quiet_unit, quiet_n = np.unique(
            card[~informative], return_inverse=True, return_counts=True
        )
        column = np.empty(ny * nx, dtype=np.int64)
        column[flat] = np.arange(flat.size)
        column[~informative] = flat.size + quiet_unit.ravel()
        rows, cols = np.divmod(flat, nx)
        return cls(
            shape=(ny, nx),
            column=column,
            rows=rows,
            cols=cols,
            card=np.concatenate([card[flat], quiet_cards]),
            weights=np.concatenate([np.ones(flat.size, dtype=np.int64), quiet_n]),
        )

    def z_stack(self, cube: _SparseCube, k: int) -> tuple[FloatArray, BoolArray]:
        """Gi* z of every unit and step, ``(T, n_units)``: :func:`grid_z_stack`'s values;
        and which informative units have an incident in their block, ``(T, n_informative)``.

        Same formula and operation order as :func:`grid_z_stack` on the dense cube. The
        block sums are scattered from the cube's non-zero bins (each adds its count to
        the units of the ``(2k+1)²`` cells around it, all informative by definition)
        instead of gathered for every informative cell and step: a municipality year has
        ~70,000 non-zero bins against 25 × 118,000 unit steps. Sums of whole counts are
        exact in float64 whatever the order, so the values are identical. Mean and
        standard deviation are numpy's over every cell of one step at a time (the same
        pairwise sums as over the stack, without paging in a 93 MB float cube).
        """
        ny, nx = self.shape
        n_steps = cube.n_steps
        mean, std = np.zeros((n_steps, 1)), np.zeros((n_steps, 1))
        for i in range(n_steps):
            step = cube.step(i).astype(np.float64)
            mean[i, 0], std[i, 0] = step.mean(), step.std()
        n_informative = self.rows.size
        full = np.zeros((n_steps, self.card.size))
        full[:, :n_informative] = self._block_sums(cube, k, n_informative)
        num = full - self.card * mean
        den = std * _card_factor(self.card, ny * nx)
        z: FloatArray = np.divide(num, den, out=np.zeros(num.shape), where=den > 0)
        return z, full[:, :n_informative] > 0

    def bh_by_step(self, p: FloatArray, touched: BoolArray) -> FloatArray:
        """:func:`bh_adjust` of each step over every cell, ``(T, n_units)``.

        Why: an informative cell with no incident in its block in a step has the z (so
        the p-value) of every other such cell with the same number of neighbours; the
        sort behind BH only needs one entry per such group, weighted by its size. Tied
        p-values get the same q-value whichever entry stands for them
        (:func:`_bh_weighted`), so the values are identical; a municipality's step sorts
        ~20,000 entries instead of 118,000.
        """
        n_informative = self.rows.size
        quiet = np.arange(n_informative, self.card.size)
        card = self.card[:n_informative].astype(np.int64)
        out = np.empty(p.shape)
        for i, (row, hit) in enumerate(zip(p, touched, strict=True)):
            idle = np.flatnonzero(~hit)
            size = np.bincount(card[idle], minlength=int(card.max(initial=0)) + 1)
            groups = np.flatnonzero(size)
            stand_in = np.zeros(size.size, dtype=np.int64)
            stand_in[card[idle]] = idle  # any member: they share one p-value
            own = np.concatenate([np.flatnonzero(hit), quiet])
            q = _bh_weighted(
                np.concatenate([row[own], row[stand_in[groups]]]),
                np.concatenate([self.weights[own], size[groups]]),
            )
            out[i, own] = q[: own.size]
            group_q = np.zeros(size.size)
            group_q[groups] = q[own.size :]
            out[i, idle] = group_q[card[idle]]
        return out

    def _block_sums(self, cube: _SparseCube, k: int, n_informative: int) -> FloatArray:
        """``(T, n_informative)`` sums over each informative cell's block, per step."""
        ny, nx = self.shape
        step, cell = np.divmod(cube.bins, ny * nx)
        row, col = np.divmod(cell, nx)
        values = cube.counts.astype(np.float64)
        targets, weights = [], []
        for dy in range(-k, k + 1):
            for dx in range(-k, k + 1):
                r, c = row + dy, col + dx
                ok = (r >= 0) & (r < ny) & (c >= 0) & (c < nx)
                targets.append(step[ok] * n_informative + self.column[r[ok] * nx + c[ok]])
                weights.append(values[ok])
        sums = np.bincount(
            np.concatenate(targets),
            weights=np.concatenate(weights),
            minlength=cube.n_steps * n_informative,
        )
        return np.asarray(sums.reshape(cube.n_steps, n_informative), dtype=np.float64)

    def expand(self, values: NDArray[_T]) -> NDArray[_T]:
        """Per-unit values (last axis) back onto the grid: shape ``(..., ny, nx)``."""
        out = np.take(values, self.column, axis=-1)
        return np.asarray(out.reshape(*values.shape[:-1], *self.shape))


@dataclass(frozen=True, eq=False)
class EmergingResult:
    """Per-step Gi* cube and per-cell emerging hot spot category.

    Arrays over time have shape ``(T, ny, nx)``; per-cell arrays ``(ny, nx)``.
    ``steps`` holds the start of each step (``datetime64[D]``). ``has_data`` marks cells
    with at least one incident in the period (Esri only reports those locations; a UI
    may hide the others). Parameters are recorded as in :class:`GiStarResult`.

    The per-step arrays ``z``, ``p``, ``p_adjusted`` and ``bins`` are spread onto the
    grid when first read: the analysis holds one series per informative cell and per
    kind of quiet cell (:class:`_Units`), and a lägesbild never reads them cell by cell
    (for a municipality they are 12 × 464,000 values each; ``bins`` alone 150 MB), nor
    the dense ``counts`` cube (kept as its non-zero bins, :class:`_SparseCube`).
    """

    grid: Grid
    steps: NDArray[np.datetime64]
    cube: _SparseCube
    units: _Units
    unit_z: FloatArray
    unit_p: FloatArray
    unit_p_adjusted: FloatArray | None
    trend: MannKendall
    categories: NDArray[np.str_]
    has_data: BoolArray
    step: Step
    k: int
    alpha: float
    fdr: bool
    n_ignored: int
    alternative: Literal["two-sided"] = "two-sided"
    filters: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    @cached_property
    def counts(self) -> NDArray[np.int64]:
        """Incidents per step and cell, ``(T, ny, nx)``."""
        return self.cube.dense()

    @cached_property
    def z(self) -> FloatArray:
        """Gi* z of every cell and step, ``(T, ny, nx)``."""
        return self.units.expand(self.unit_z)

    @cached_property
    def p(self) -> FloatArray:
        """Two-sided p-value of every cell and step."""
        return self.units.expand(self.unit_p)

    @cached_property
    def p_adjusted(self) -> FloatArray | None:
        """Benjamini–Hochberg q-value within each step (``None`` without FDR)."""
        adjusted = self.unit_p_adjusted
        return None if adjusted is None else self.units.expand(adjusted)

    @cached_property
    def bins(self) -> NDArray[np.str_]:
        """Hot/cold class of every cell and step (FDR-adjusted p when ``fdr``)."""
        p_use = self.unit_p if self.unit_p_adjusted is None else self.unit_p_adjusted
        return self.units.expand(classify(self.unit_z, p_use))

    def count(self, category: str) -> int:
        """Number of cells in ``category`` (e.g. ``"new_hot"``)."""
        return int(np.count_nonzero(self.categories == category))


def mann_kendall(series: ArrayLike, *, continuity: bool = True) -> MannKendall:
    """Mann–Kendall test along axis 0 of ``series`` (time first), vectorised over the rest.

    ``Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18`` with ``t`` the sizes of groups of
    tied values, and ``z = (S − sign S) / sqrt(Var S)`` with the usual continuity
    correction (``continuity=False`` drops it, which is what ``kendalltau`` reports).
    """
    x = np.asarray(series, dtype=np.float64)
    n = x.shape[0]
    if n < 2:
        raise keyed_error(AnalysisError, "hotspots.analysis.trend_two_steps")
    s = np.zeros(x.shape[1:])
    for i in range(n - 1):
        s += np.sign(x[i + 1 :] - x[i]).sum(axis=0)
    ties_var, ties_pairs = _tie_terms(x)
    var = (n * (n - 1) * (2 * n + 5) - ties_var) / 18.0
    pairs = n * (n - 1) / 2.0
    tau_den = np.sqrt((pairs - ties_pairs) * pairs)
    tau = np.divide(s, tau_den, out=np.zeros_like(s), where=tau_den > 0)
    num = s - np.sign(s) if continuity else s
    z = np.divide(num, np.sqrt(var), out=np.zeros_like(s), where=var > 0)
    return MannKendall(s=s, tau=tau, z=z, p=two_sided_p(z))


def _tie_terms(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``Σ t(t−1)(2t+5)`` and ``Σ t(t−1)/2`` over groups of equal values along axis 0."""
    xs = np.sort(x, axis=0)
    run = np.ones(x.shape[1:])
    var_terms = np.zeros(x.shape[1:])
    pair_terms = np.zeros(x.shape[1:])
    for i in range(1, x.shape[0] + 1):
        same = xs[i] == xs[i - 1] if i < x.shape[0] else np.zeros(x.shape[1:], dtype=bool)
        ended = ~same
        var_terms += np.where(ended, run * (run - 1) * (2 * run + 5), 0.0)
        pair_terms += np.where(ended, run * (run - 1) / 2.0, 0.0)
        run = np.where(same, run + 1, 1.0)
    return var_terms, pair_terms


def classify_emerging(
    hot: ArrayLike, cold: ArrayLike, trend_p: ArrayLike, trend_tau: ArrayLike, alpha: float
) -> NDArray[np.str_]:
    """Emerging hot spot category per location (rules in the module docstring).

    Parameters
    ----------
    hot, cold
        Boolean ``(T, ...)`` arrays: step t is a significant hot / cold spot.
    trend_p, trend_tau
        Mann–Kendall p-value and τ of the z series, shape ``(...)``.
    alpha
        Trend significance level.
    """
    h = np.asarray(hot, dtype=bool)
    c = np.asarray(cold, dtype=bool)
    tp = np.asarray(trend_p, dtype=np.float64)
    tt = np.asarray(trend_tau, dtype=np.float64)
    rising, falling = (tp <= alpha) & (tt > 0), (tp <= alpha) & (tt < 0)
    out = np.full(h.shape[1:], "no_pattern", dtype="<U17")
    hot_mostly, hot_final = _side_rules(h, c, rising, falling, "hot")
    cold_mostly, cold_final = _side_rules(c, h, falling, rising, "cold")
    # "≥ 90 %" rules first; they cannot hold for both sides, nor can the final-step rules.
    # Applied from the last to the first so that earlier rules win.
    for name, mask in reversed(hot_mostly + cold_mostly + hot_final + cold_final):
        out[mask] = name
    return out


def _side_rules(
    sig: BoolArray, other: BoolArray, stronger: BoolArray, weaker: BoolArray, side: str
) -> tuple[list[tuple[str, BoolArray]], list[tuple[str, BoolArray]]]:
    """The ordered (category, mask) rules for one side: "≥ 90 %" rules, final-step rules."""
    n = sig.shape[0]
    n_sig = sig.sum(axis=0)
    final = sig[-1]
    mostly = n_sig >= PERSISTENT_SHARE * n
    run = _trailing_run(sig)
    before_run = np.arange(n).reshape((n,) + (1,) * (sig.ndim - 1)) < (n - run)
    quiet_before = ~((sig | other) & before_run).any(axis=0)
    prior_other = other[:-1].any(axis=0)
    mostly_rules = [
        (f"historical_{side}", mostly & ~final),
        (f"intensifying_{side}", mostly & stronger),
        (f"diminishing_{side}", mostly & weaker),
        (f"persistent_{side}", mostly),
    ]
    final_rules = [
        (f"oscillating_{side}", final & prior_other),
        (f"new_{side}", final & (n_sig == 1)),
        (f"consecutive_{side}", final & (run >= 2) & quiet_before),
        (f"sporadic_{side}", final),
    ]
    return mostly_rules, final_rules


def _trailing_run(sig: BoolArray) -> NDArray[np.int64]:
    """Length of the run of True values that ends at the last step."""
    n = sig.shape[0]
    first_false_from_end = np.argmax(~sig[::-1], axis=0)
    run: NDArray[np.int64] = np.where(sig.all(axis=0), n, first_false_from_end).astype(np.int64)
    return run


def emerging_hotspots(
    grid: Grid,
    x: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    *,
    step: Step = "month",
    start: np.datetime64 | None = None,
    end: np.datetime64 | None = None,
    k: int = 1,
    alpha: float = 0.05,
    fdr: bool = True,
    filters: Mapping[str, object] | None = None,
) -> EmergingResult:
    """Emerging hot spot analysis of incidents on ``grid`` (see module docstring).

    Parameters
    ----------
    grid
        The fixed grid; incidents outside it are ignored (counted in ``n_ignored``).
    x, y, t
        Coordinates (EPSG:3006 metres) and times (``datetime64``; NaT is ignored).
    step
        ``"month"`` (calendar months), ``"week"`` (ISO weeks, Monday first) or ``"7d"``
        (7-day steps ending on ``end``; needs ``start`` and ``end``; a part-week left
        before the first whole step is ignored).
    start, end
        Period to analyse (inclusive dates); default the first and last incident's step.
        Fixing them keeps empty months at the ends in the series.
    k
        Gi* neighbourhood radius in cells (1 = 3×3).
    alpha
        Significance level for hot/cold bins and for the trend test (default 0.05).
    fdr
        Benjamini–Hochberg within each time step before comparing with ``alpha``
        (default true, as in Esri's tool, since every step tests every cell).
    filters
        Description of the selection, recorded in the result.

    Raises
    ------
    AnalysisError
        Fewer than two time steps, or no incidents inside grid and period.
    """
    _check_params(alpha, k)
    cube, steps, n_ignored = _sparse_cube(grid, x, y, t, step, start, end)
    has_data = cube.has_data()
    units = _Units.of(has_data, k)
    z, touched = units.z_stack(cube, k)
    p = two_sided_p(z)
    p_adj = units.bh_by_step(p, touched) if fdr else None
    p_use = p if p_adj is None else p_adj
    hot, cold = (p_use <= alpha) & (z > 0), (p_use <= alpha) & (z < 0)
    trend = mann_kendall(z)
    return EmergingResult(
        grid=grid,
        steps=steps,
        cube=cube,
        units=units,
        unit_z=z,
        unit_p=p,
        unit_p_adjusted=p_adj,
        trend=MannKendall(*(units.expand(a) for a in (trend.s, trend.tau, trend.z, trend.p))),
        categories=units.expand(classify_emerging(hot, cold, trend.p, trend.tau, alpha)),
        has_data=has_data,
        step=step,
        k=k,
        alpha=alpha,
        fdr=fdr,
        n_ignored=n_ignored,
        filters=MappingProxyType(dict(filters or {})),
    )


def _bh_weighted(p: FloatArray, weights: NDArray[np.int64]) -> FloatArray:
    """:func:`bh_adjust` of a step where unit ``i`` stands for ``weights[i]`` equal p-values.

    Tied p-values get the same q-value (that of the last of them in rank order, ``m p /
    j`` with ``j`` their last rank), so each unit's q is computed at its last rank, the
    cumulative weight; same arithmetic as :func:`bh_adjust`, so the same values.
    """
    m = int(weights.sum())
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.cumsum(weights[order])
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(p.size, dtype=np.float64)
    out[order] = adjusted
    return out


def step_starts(t: ArrayLike, step: Step) -> NDArray[np.datetime64]:
    """Start date (``datetime64[D]``) of the month or ISO week containing each time."""
    days: NDArray[np.datetime64] = np.asarray(t, dtype="datetime64[ns]").astype("datetime64[D]")
    if step == "month":
        months: NDArray[np.datetime64] = days.astype("datetime64[M]").astype("datetime64[D]")
        return months
    if step == "week":
        # 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
        offset = (days.astype(np.int64) + 3) % 7
        mondays: NDArray[np.datetime64] = np.asarray(days - offset.astype("timedelta64[D]"))
        return mondays
    raise ValidationError([Problem.keyed(None, "step", str(step), "hotspots.problem.step")])


def _build_cube(
    grid: Grid,
    x: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    step: Step,
    start: np.datetime64 | None,
    end: np.datetime64 | None,
) -> tuple[NDArray[np.int64], NDArray[np.datetime64], int]:
    """The dense ``(T, ny, nx)`` count cube, its step starts and the ignored incidents."""
    cube, steps, n_ignored = _sparse_cube(grid, x, y, t, step, start, end)
    return cube.dense(), steps, n_ignored


def _sparse_cube(
    grid: Grid,
    x: ArrayLike,
    y: ArrayLike,
    t: ArrayLike,
    step: Step,
    start: np.datetime64 | None,
    end: np.datetime64 | None,
) -> tuple[_SparseCube, NDArray[np.datetime64], int]:
    ta = np.asarray(t, dtype="datetime64[ns]").ravel()
    flat, inside = grid.locate(x, y)
    if ta.shape != flat.shape:
        raise ValidationError(
            [Problem.keyed(None, "t", str(ta.size), "hotspots.problem.x_length_short", n=flat.size)]
        )
    valid = ~np.isnat(ta)
    if step == "7d":
        steps, idx = _trailing_weeks(ta, valid, start, end)
    else:
        starts = step_starts(ta[valid], step)
        steps = _step_range(starts, step, start, end)
        idx = np.full(ta.shape, -1, dtype=np.int64)
        idx[valid] = np.searchsorted(steps, starts, side="right") - 1
    in_period = valid & (idx >= 0)
    if end is not None:
        in_period &= ta <= _end_of_day(end)
    keep = in_period & inside
    if steps.size < 2 or not keep.any():
        raise keyed_error(AnalysisError, "hotspots.analysis.emerging_two_steps")
    bins, counts = np.unique(idx[keep] * grid.n_cells + flat[keep], return_counts=True)
    cube = _SparseCube((steps.size, *grid.shape), bins, counts.astype(np.int64))
    return cube, steps, int((~keep).sum())


def _trailing_weeks(
    ta: NDArray[np.datetime64],
    valid: NDArray[np.bool_],
    start: np.datetime64 | None,
    end: np.datetime64 | None,
) -> tuple[NDArray[np.datetime64], NDArray[np.int64]]:
    """Starts of whole 7-day steps ending on ``end``, and each time's step (-1 = outside)."""
    if start is None or end is None:
        raise ValidationError(
            [Problem.keyed(None, "step", "7d", "hotspots.problem.seven_day_dates")]
        )
    last = np.asarray(end).astype("datetime64[D]")
    span_days = int((last - np.asarray(start).astype("datetime64[D]")).astype(np.int64)) + 1
    n_steps = max(span_days // 7, 0)
    first = last - np.timedelta64(7 * n_steps - 1, "D")
    offsets = (np.arange(n_steps) * 7).astype("timedelta64[D]")
    steps: NDArray[np.datetime64] = np.asarray(first + offsets, dtype="datetime64[D]")
    idx = np.full(ta.shape, -1, dtype=np.int64)
    days = (ta[valid].astype("datetime64[D]") - first).astype(np.int64)
    idx[valid] = np.where((days >= 0) & (days < 7 * n_steps), days // 7, -1)
    return steps, idx


def _step_range(
    starts: NDArray[np.datetime64],
    step: Step,
    start: np.datetime64 | None,
    end: np.datetime64 | None,
) -> NDArray[np.datetime64]:
    if starts.size == 0 and (start is None or end is None):
        return np.array([], dtype="datetime64[D]")
    first = step_starts([start], step)[0] if start is not None else starts.min()
    last = step_starts([end], step)[0] if end is not None else starts.max()
    if step == "month":
        months = np.arange(first.astype("datetime64[M]"), last.astype("datetime64[M]") + 1)
        return months.astype("datetime64[D]")
    weeks: NDArray[np.datetime64] = np.arange(first, last + 1, 7).astype("datetime64[D]")
    return weeks


def _end_of_day(end: np.datetime64) -> NDArray[np.datetime64]:
    """Last nanosecond of the day of ``end``, so ``end`` is an inclusive date."""
    day = np.asarray(end).astype("datetime64[D]")
    last = (day + 1).astype("datetime64[ns]") - np.timedelta64(1, "ns")
    return np.asarray(last, dtype="datetime64[ns]")


def _check_params(alpha: float, k: int) -> None:
    problems: list[Problem] = []
    if not 0 < alpha < 1:
        problems.append(Problem.keyed(None, "alpha", str(alpha), "hotspots.problem.open_unit"))
    if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 1 <= k <= MAX_K:
        problems.append(Problem.keyed(None, "k", str(k), "hotspots.problem.int_range", max=MAX_K))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.emerging")
