"""Emerging hot spots: Mann–Kendall, the category rules, and an end-to-end series."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from est_geo.core.errors import AnalysisError, ValidationError
from est_geo.hotspots import (
    EMERGING_CATEGORIES,
    Grid,
    classify_emerging,
    emerging_hotspots,
    mann_kendall,
    step_starts,
)
from est_geo.i18n import MESSAGES

ALPHA = 0.05


def test_mann_kendall_hand_example() -> None:
    # x = 1 3 2 4: the 6 pairs give + + + − + + → S = 4; Var S = 4·3·13/18 = 26/3;
    # z = (4 − 1)/sqrt(26/3) = 1.01905…; τ = 4/6.
    mk = mann_kendall(np.array([1.0, 3.0, 2.0, 4.0]))
    assert float(mk.s) == 4
    assert float(mk.tau) == pytest.approx(4 / 6)
    assert float(mk.z) == pytest.approx(3 / np.sqrt(26 / 3), abs=1e-12)
    assert float(mk.p) == pytest.approx(2 * stats.norm.sf(3 / np.sqrt(26 / 3)), abs=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=3, max_size=40))
def test_mann_kendall_matches_kendalltau(values: list[int]) -> None:
    x = np.array(values, dtype=float)
    if np.all(x == x[0]):
        return
    # Reference: Kendall τ-b of (time, x) and its asymptotic test, which uses the same
    # tie-corrected variance of S without continuity correction.
    ref = stats.kendalltau(np.arange(x.size), x, method="asymptotic")
    mk = mann_kendall(x, continuity=False)
    assert float(mk.tau) == pytest.approx(ref.statistic, abs=1e-12)
    assert float(mk.p) == pytest.approx(ref.pvalue, abs=1e-12)


def test_mann_kendall_is_vectorised_over_cells() -> None:
    x = np.random.default_rng(0).poisson(2.0, (15, 3, 4)).astype(float)
    mk = mann_kendall(x)
    for r in range(3):
        for c in range(4):
            one = mann_kendall(x[:, r, c])
            assert (mk.z[r, c], mk.tau[r, c]) == (float(one.z), float(one.tau))


def _category(series: str, trend: str = "none") -> str:
    """Classify one location: 'H' hot step, 'C' cold step, '.' not significant."""
    hot = np.array([ch == "H" for ch in series])
    cold = np.array([ch == "C" for ch in series])
    tau = {"up": 0.6, "down": -0.6, "none": 0.1}[trend]
    p = 0.001 if trend != "none" else 0.5
    return str(classify_emerging(hot, cold, p, tau, ALPHA))


# One case per category (10 steps; Esri's "≥ 90 %" = at least 9 of 10 steps).
CASES = [
    ("new_hot", ".........H", "none"),
    ("consecutive_hot", ".......HHH", "up"),
    ("intensifying_hot", "HHHHHHHHHH", "up"),
    ("persistent_hot", ".HHHHHHHHH", "none"),
    ("diminishing_hot", "HHHHHHHHHH", "down"),
    ("sporadic_hot", "..H..H...H", "none"),
    ("oscillating_hot", "C....H...H", "none"),
    ("historical_hot", "HHHHHHHHH.", "down"),
    ("new_cold", ".........C", "none"),
    ("consecutive_cold", "........CC", "down"),
    ("intensifying_cold", "CCCCCCCCCC", "down"),
    ("persistent_cold", "CCCCCCCCCC", "none"),
    ("diminishing_cold", "CCCCCCCCCC", "up"),
    ("sporadic_cold", "C...C....C", "none"),
    ("oscillating_cold", "H.......CC", "none"),
    ("historical_cold", "CCCCCCCCC.", "none"),
    ("no_pattern", "..........", "up"),
]


@pytest.mark.parametrize(("expected", "series", "trend"), CASES)
def test_each_category(expected: str, series: str, trend: str) -> None:
    assert _category(series, trend) == expected


@pytest.mark.parametrize(
    ("series", "trend", "expected", "why"),
    [
        ("H........H", "none", "sporadic_hot", "a hot step before the final run"),
        ("H.....HHHH", "none", "sporadic_hot", "consecutive needs nothing before the run"),
        (".C.....HHH", "none", "oscillating_hot", "an earlier cold step beats consecutive"),
        ("C........H", "none", "oscillating_hot", "an earlier cold step beats new"),
        ("HHHH......", "up", "no_pattern", "past hot but < 90 % and not hot now"),
        ("CCCCCCCCCH", "up", "historical_cold", "≥ 90 % rules come before final-step rules"),
        ("HHHHHHHHHH", "none", "persistent_hot", "no significant trend"),
        ("HHH", "up", "intensifying_hot", "short series: 90 % of 3 steps is all 3"),
    ],
)
def test_rule_order(series: str, trend: str, expected: str, why: str) -> None:
    assert _category(series, trend) == expected, why


def test_classification_is_vectorised() -> None:
    hot = np.array([[ch == "H" for ch in s] for _, s, _ in CASES]).T
    cold = np.array([[ch == "C" for ch in s] for _, s, _ in CASES]).T
    tau = np.array([{"up": 0.6, "down": -0.6, "none": 0.1}[t] for *_, t in CASES])
    p = np.where(np.array([t for *_, t in CASES]) == "none", 0.5, 0.001)
    got = classify_emerging(hot, cold, p, tau, ALPHA)
    assert list(got) == [c for c, _, _ in CASES]
    assert all(f"hotspots.class.{c}" in MESSAGES for c in EMERGING_CATEGORIES)


def test_step_starts() -> None:
    t = np.array(["2024-03-31T23:59", "2024-01-01T00:00", "2024-06-16T12:00"], "datetime64[m]")
    months = step_starts(t, "month")
    weeks = step_starts(t, "week")
    assert [str(d) for d in months] == ["2024-03-01", "2024-01-01", "2024-06-01"]
    # 2024-03-31 is a Sunday → week of Monday 25 March; 2024-06-16 is a Sunday too.
    assert [str(d) for d in weeks] == ["2024-03-25", "2024-01-01", "2024-06-10"]


def _incidents(cube: np.ndarray, grid: Grid, months: np.ndarray) -> tuple[np.ndarray, ...]:
    cx, cy = grid.centroids()
    t_idx, r, c = np.nonzero(cube)
    reps = cube[t_idx, r, c]
    x = np.repeat(cx[r, c], reps)
    y = np.repeat(cy[r, c], reps)
    t = np.repeat(months[t_idx] + np.timedelta64(9, "D"), reps).astype("datetime64[s]")
    return x, y, t


GRID = Grid(100, 6000, 64000, 15, 15)
MONTHS = np.arange("2023-01", "2024-01", dtype="datetime64[M]").astype("datetime64[D]")


@pytest.mark.parametrize("seed", [0, 4])
def test_end_to_end_new_consecutive_persistent(seed: int) -> None:
    # Hot spots span a 2×2 block of cells, as a courtyard or a square would; background
    # noise is Poisson(0.3) per cell and month.
    cube = np.random.default_rng(seed).poisson(0.3, (12, 15, 15))
    cube[9:, 2:4, 2:4] += 8  # appears in the last three months
    cube[:, 10:12, 10:12] += (3 + np.arange(12))[:, None, None]  # always there
    cube[11, 2:4, 10:12] += 8  # only in the last month
    x, y, t = _incidents(cube, GRID, MONTHS)
    res = emerging_hotspots(GRID, x, y, t, filters={"kategori": "alla"})
    np.testing.assert_array_equal(res.counts, cube)
    assert res.steps.size == 12
    assert res.categories[3, 3] == "consecutive_hot"
    # Growing counts, but the new clusters in the last months take variance from it,
    # so its z-series has no significant trend: persistent.
    assert res.categories[11, 11] == "persistent_hot"
    assert res.categories[3, 11] == "new_hot"
    assert res.z.shape == res.p.shape == res.bins.shape == (12, 15, 15)
    assert (res.fdr, res.alpha, res.step, res.alternative) == (True, 0.05, "month", "two-sided")
    assert res.filters == {"kategori": "alla"}
    assert res.n_ignored == 0


@pytest.mark.parametrize(("growth", "expected"), [(2, "intensifying_hot"), (-2, "diminishing_hot")])
def test_end_to_end_trend(growth: int, expected: str) -> None:
    cube = np.random.default_rng(1).poisson(0.3, (12, 15, 15))
    cube[:, 10:12, 10:12] += (14 + growth * (np.arange(12) - 5.5)).astype(int)[:, None, None]
    x, y, t = _incidents(cube, GRID, MONTHS)
    res = emerging_hotspots(GRID, x, y, t)
    assert res.categories[11, 11] == expected
    assert res.trend.p[11, 11] <= 0.05


def test_fixed_period_keeps_empty_months_and_ignores_outside() -> None:
    grid = Grid(100, 0, 0, 5, 5)
    x = np.array([50.0, 50.0, 450.0, 9999.0])
    y = np.array([50.0, 150.0, 450.0, 50.0])
    t = np.array(["2024-02-10", "2024-03-05", "2024-05-01", "2024-03-01"], "datetime64[D]")
    res = emerging_hotspots(
        grid, x, y, t, start=np.datetime64("2024-01-15"), end=np.datetime64("2024-04-30")
    )
    assert [str(s) for s in res.steps] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert res.counts.sum() == 2  # May incident outside the period, one point off the grid
    assert res.n_ignored == 2
    assert np.all(res.z[0] == 0)  # January is empty: z = 0, not an error


def test_trailing_seven_day_steps_end_on_the_last_day() -> None:
    # Period Tue 2024-01-02 .. Mon 2024-01-29 (28 days): four whole steps starting on
    # Tuesdays 2, 9, 16 and 23 January, the last one ending on Monday 29 January, so a
    # report on that Monday sits in a full 7-day step, not in a one-day ISO week.
    grid = Grid(100, 0, 0, 3, 3)
    t = np.array(
        [
            "2024-01-01T23:00",
            "2024-01-02T00:00",
            "2024-01-22T23:59",
            "2024-01-23",
            "2024-01-29T23:59",
            "2024-01-30",
        ],
        "datetime64[m]",
    )
    x = np.full(t.size, 50.0)
    res = emerging_hotspots(
        grid, x, x, t, step="7d", start=np.datetime64("2024-01-02"), end=np.datetime64("2024-01-29")
    )
    assert [str(s) for s in res.steps] == ["2024-01-02", "2024-01-09", "2024-01-16", "2024-01-23"]
    assert res.counts[:, 0, 0].tolist() == [1, 0, 1, 2]
    assert res.n_ignored == 2  # 1 January (before the first whole step) and 30 January
    # A start that leaves a part-week drops it: 30 days → 4 whole steps, 2 days ignored.
    res2 = emerging_hotspots(
        grid, x, x, t, step="7d", start=np.datetime64("2023-12-31"), end=np.datetime64("2024-01-29")
    )
    assert str(res2.steps[0]) == "2024-01-02"
    with pytest.raises(ValidationError, match="start- och slutdatum"):
        emerging_hotspots(grid, x, x, t, step="7d")


def test_too_few_steps() -> None:
    grid = Grid(100, 0, 0, 3, 3)
    with pytest.raises(AnalysisError):
        emerging_hotspots(grid, [50.0], [50.0], np.array(["2024-01-05"], "datetime64[D]"))


def test_bad_parameters_are_all_reported() -> None:
    grid = Grid(100, 0, 0, 3, 3)
    t = np.array(["2024-01-05", "2024-02-05"], "datetime64[D]")
    with pytest.raises(ValidationError) as info:
        emerging_hotspots(grid, [50.0, 50.0], [50.0, 50.0], t, alpha=1.5, k=0)
    assert {p.field for p in info.value.problems} == {"alpha", "k"}


def _whole_grid_reference(
    grid: Grid, x: np.ndarray, y: np.ndarray, t: np.ndarray, **kw: object
) -> dict[str, np.ndarray]:
    """The whole-grid computation emerging_hotspots did before it grouped quiet cells."""
    from est_geo.hotspots.emerging import _build_cube
    from est_geo.hotspots.gistar import bh_adjust, classify, grid_z_stack, two_sided_p

    k, alpha, fdr = int(kw["k"]), float(kw["alpha"]), bool(kw["fdr"])  # type: ignore[call-overload, arg-type]
    cube, _, _ = _build_cube(grid, x, y, t, kw["step"], kw["start"], kw["end"])  # type: ignore[arg-type]
    z = grid_z_stack(cube.astype(np.float64), k)
    p = two_sided_p(z)
    p_adj = np.stack([bh_adjust(s) for s in p]) if fdr else None
    p_use = p if p_adj is None else p_adj
    hot, cold = (p_use <= alpha) & (z > 0), (p_use <= alpha) & (z < 0)
    mk = mann_kendall(z)
    ref = {"z": z, "p": p, "bins": classify(z, p_use), "s": mk.s, "tau": mk.tau}
    ref |= {"trend_z": mk.z, "trend_p": mk.p}
    ref["categories"] = classify_emerging(hot, cold, mk.p, mk.tau, alpha)
    if p_adj is not None:
        ref["p_adjusted"] = p_adj
    return ref


@settings(max_examples=30, deadline=None)
@given(
    st.integers(0, 10_000),
    st.integers(1, 2),
    st.booleans(),
    st.sampled_from(["month", "7d"]),
    st.integers(1, 6),
)
def test_quiet_cells_grouped_give_the_whole_grid_values(
    seed: int, k: int, fdr: bool, step: str, n_clusters: int
) -> None:
    """Grouping quiet cells by neighbour count changes no value of the result (issue 18).

    Compared with the whole-grid computation (every cell its own Gi* series), on grids
    with clusters near edges and corners, where quiet cells have 4, 6 or 9 neighbours.
    """
    rng = np.random.default_rng(seed)
    grid = Grid(100, 0, 0, 23, 17)
    centres = rng.integers(0, [23, 17], size=(n_clusters, 2))
    n = int(rng.integers(5, 400))
    which = rng.integers(0, n_clusters, n)
    x = (centres[which, 0] + rng.normal(0, 0.8, n)) * 100 + 50
    y = (centres[which, 1] + rng.normal(0, 0.8, n)) * 100 + 50
    t = np.datetime64("2026-01-01") + rng.integers(0, 180 * 24, n).astype("timedelta64[h]")
    kw = {"k": k, "alpha": ALPHA, "fdr": fdr, "step": step}
    kw |= {"start": np.datetime64("2026-01-01"), "end": np.datetime64("2026-06-29")}
    try:
        ref = _whole_grid_reference(grid, x, y, t, **kw)
    except AnalysisError:
        return
    res = emerging_hotspots(grid, x, y, t, **kw)  # type: ignore[arg-type]
    got = {"z": res.z, "p": res.p, "bins": res.bins, "categories": res.categories}
    got |= {"s": res.trend.s, "tau": res.trend.tau, "trend_z": res.trend.z}
    got["trend_p"] = res.trend.p
    if res.p_adjusted is not None:
        got["p_adjusted"] = res.p_adjusted
    assert got.keys() == ref.keys()
    for name, value in ref.items():
        np.testing.assert_array_equal(got[name], value, err_msg=name)


def test_large_sparse_grid_gives_the_whole_grid_z() -> None:
    """The scattered block sums and per-step mean/std equal the dense stack's (issue 18).

    On a grid large enough that numpy's pairwise summation splits each step's cells
    into many blocks (300 × 401 cells, 13 months), with a few thousand points in
    clusters and scattered: z of every cell and step bit for bit.
    """
    from est_geo.hotspots.emerging import _build_cube
    from est_geo.hotspots.gistar import grid_z_stack

    rng = np.random.default_rng(18)
    grid = Grid(100, 0, 0, 401, 300)
    n = 6_000
    x = np.concatenate([rng.uniform(0, 40_100, n // 2), rng.normal(20_000, 900, n // 2)])
    y = np.concatenate([rng.uniform(0, 30_000, n // 2), rng.normal(15_000, 900, n // 2)])
    t = np.datetime64("2025-01-01") + rng.integers(0, 390, n).astype("timedelta64[D]")
    kw = {"step": "month", "start": np.datetime64("2025-01-01"), "end": np.datetime64("2026-01-25")}
    res = emerging_hotspots(grid, x, y, t, **kw)  # type: ignore[arg-type]
    cube, _, _ = _build_cube(grid, x, y, t, "month", kw["start"], kw["end"])
    np.testing.assert_array_equal(res.counts, cube)
    np.testing.assert_array_equal(res.z, grid_z_stack(cube.astype(np.float64), 1))
