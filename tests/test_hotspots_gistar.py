"""Getis–Ord Gi*: equality with PySAL esda, invariants, FDR and classes."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import shapely
from esda.getisord import G_Local
from hypothesis import given, settings
from hypothesis import strategies as st
from libpysal.weights import Queen, W, lat2W
from scipy import sparse, stats

from est_geo.core.errors import AnalysisError, ValidationError
from est_geo.hotspots import (
    Grid,
    bh_adjust,
    classify,
    gistar_grid,
    gistar_irregular,
    two_sided_p,
)


def _esda_zs(y: np.ndarray, w: W) -> np.ndarray:
    """Reference: esda's analytic Gi* z with binary weights and self included."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # esda divides by 0 where W_i = n (nan)
        g = G_Local(y.ravel(), w, transform="B", star=True, permutations=0)
    return np.asarray(g.Zs)


def _block_w(ny: int, nx: int, k: int) -> W:
    """(2k+1)² block neighbours of a row-major lattice, built independently of the library."""
    neighbors: dict[int, list[int]] = {}
    for r in range(ny):
        for c in range(nx):
            neighbors[r * nx + c] = [
                rr * nx + cc
                for rr in range(max(0, r - k), min(ny, r + k + 1))
                for cc in range(max(0, c - k), min(nx, c + k + 1))
                if (rr, cc) != (r, c)
            ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 1×1 / disconnected warnings
        return W(neighbors)


@pytest.mark.parametrize(
    ("ny", "nx", "rate"),
    [(1, 40, 0.7), (3, 3, 1.0), (4, 4, 0.5), (37, 53, 0.2), (53, 37, 0.05), (10, 1, 2.0)],
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_matches_esda_queen_lattice(ny: int, nx: int, rate: float, seed: int) -> None:
    y = np.random.default_rng(seed).poisson(rate, (ny, nx)).astype(float)
    if y.std() == 0:
        y[0, 0] += 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = lat2W(ny, nx, rook=False)  # libpysal ids are row-major like ours
    ref = _esda_zs(y, w)
    z = gistar_grid(y).z.ravel()
    defined = np.isfinite(ref)
    np.testing.assert_allclose(z[defined], ref[defined], rtol=0, atol=1e-9)
    # Where esda is undefined (neighbourhood = whole grid) we document z = 0.
    assert np.all(z[~defined] == 0.0)


@pytest.mark.parametrize(("ny", "nx", "k"), [(9, 11, 2), (6, 30, 3), (1, 12, 2)])
def test_matches_esda_larger_blocks(ny: int, nx: int, k: int) -> None:
    y = np.random.default_rng(k).poisson(0.4, (ny, nx)).astype(float)
    ref = _esda_zs(y, _block_w(ny, nx, k))
    np.testing.assert_allclose(gistar_grid(y, k=k).z.ravel(), ref, rtol=0, atol=1e-9)


def test_edges_and_corners_have_fewer_neighbours() -> None:
    # A single incident in the corner of a 5×5 grid: the corner's neighbourhood has 4
    # cells, so W_i = 4 there, and the hand-computed z follows from the module formula:
    # n=25, ybar=1/25, s²=1/25-1/625=24/625, z=(1-4/25)/(sqrt(24/625)·sqrt((100-16)/24)).
    y = np.zeros((5, 5))
    y[0, 0] = 1.0
    expected = (1 - 4 / 25) / (np.sqrt(24 / 625) * np.sqrt((25 * 4 - 16) / 24))
    assert gistar_grid(y).z[0, 0] == pytest.approx(expected, abs=1e-12)


def test_single_peak_is_hot_there() -> None:
    y = np.zeros((21, 21))
    y[10, 10] = 30.0
    y[0, 0] = 1.0  # unrelated noise
    res = gistar_grid(y)
    assert res.classes[10, 10] == "hot_99"
    assert set(np.unique(res.classes[9:12, 9:12])) == {"hot_99"}
    assert res.z[10, 10] == res.z.max()


@settings(max_examples=40, deadline=None)
@given(
    st.integers(0, 10_000),
    st.floats(0.01, 1e4, allow_nan=False),
    st.floats(-1e3, 1e3, allow_nan=False),
)
def test_z_invariant_to_scale_and_shift(seed: int, scale: float, shift: float) -> None:
    y = np.random.default_rng(seed).poisson(0.8, (12, 17)).astype(float)
    y[0, 0] += 1  # never constant
    base = gistar_grid(y).z
    np.testing.assert_allclose(gistar_grid(y * scale + shift).z, base, atol=1e-7)


def test_constant_grid_raises_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="samma"):
        gistar_grid(np.zeros((5, 5)))
    with pytest.raises(AnalysisError):
        gistar_grid(np.full((5, 5), 3.0))


def test_bad_input_reports_all_problems() -> None:
    with pytest.raises(ValidationError) as info:
        gistar_grid(np.array([[1.0, np.nan]]), grid=Grid(100, 0, 0, 3, 3), k=0)
    assert {p.field for p in info.value.problems} == {"values", "grid", "k"}


def test_result_records_parameters() -> None:
    grid = Grid(250, 100, 200, 6, 4)
    y = np.arange(24.0).reshape(4, 6)
    res = gistar_grid(y, grid=grid, k=2, fdr=True, filters={"kategori": "klotter"})
    assert (res.cell_size, res.k, res.fdr, res.alternative) == (250, 2, True, "two-sided")
    assert res.filters == {"kategori": "klotter"}
    assert res.grid is grid
    assert res.p_adjusted is not None
    assert res.z.shape == res.p.shape == res.classes.shape == (4, 6)
    assert np.all((res.p > 0) & (res.p <= 1))


@pytest.mark.parametrize("seed", range(5))
def test_bh_matches_scipy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = np.concatenate([rng.uniform(size=200), rng.uniform(0, 1e-3, 20), [0.05, 0.05, 1.0]])
    rng.shuffle(p)
    # Reference: scipy.stats.false_discovery_control(method="bh") (SciPy ≥ 1.11).
    np.testing.assert_allclose(bh_adjust(p), stats.false_discovery_control(p), atol=1e-15)
    np.testing.assert_allclose(
        bh_adjust(p.reshape(-1, 1)).ravel(), stats.false_discovery_control(p), atol=1e-15
    )


def test_bh_hand_example() -> None:
    # m=4, sorted p = .01 .02 .03 .5 → m·p/rank = .04 .04 .04 .5, running min from the top.
    np.testing.assert_allclose(bh_adjust([0.03, 0.5, 0.01, 0.02]), [0.04, 0.5, 0.04, 0.04])


def test_classify_levels() -> None:
    z = np.array([3.0, 2.0, 1.7, 1.0, -1.7, -2.0, -3.0])
    p = 2 * stats.norm.sf(np.abs(z))
    assert list(classify(z, p)) == [
        "hot_99",
        "hot_95",
        "hot_90",
        "none",
        "cold_90",
        "cold_95",
        "cold_99",
    ]


def test_fdr_is_never_more_permissive() -> None:
    y = np.random.default_rng(3).poisson(0.5, (40, 40)).astype(float)
    y[20:23, 20:23] += 4
    raw, adj = gistar_grid(y), gistar_grid(y, fdr=True)
    assert adj.p_adjusted is not None
    assert np.all(adj.p_adjusted >= raw.p)
    assert adj.count("none") >= raw.count("none")
    assert adj.classes[21, 21] == "hot_99"


def _polygons() -> list[shapely.Polygon]:
    """Eight irregular areas: a 3×2 block split unevenly plus an L-shape and an island."""
    return [
        shapely.box(0, 0, 1, 1),
        shapely.box(1, 0, 2.5, 1),
        shapely.box(2.5, 0, 3, 2),
        shapely.box(0, 1, 1.2, 2),
        shapely.box(1.2, 1, 2.5, 2),
        shapely.Polygon([(0, 2), (3, 2), (3, 3), (1, 3), (1, 4), (0, 4)]),
        shapely.box(1, 3, 3, 4),
        shapely.box(10, 10, 11, 11),  # island: only itself in its neighbourhood
    ]


def test_irregular_matches_esda_queen() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # island warning
        w = Queen.from_iterable(_polygons())
    y = np.array([3.0, 0.0, 7.0, 1.0, 2.0, 0.0, 5.0, 4.0])
    ref = _esda_zs(y, w)
    neighbours = [list(w.neighbors[i]) for i in w.id_order]
    res = gistar_irregular(y, neighbours)
    np.testing.assert_allclose(res.z, ref, rtol=0, atol=1e-9)
    # Same from a scipy sparse contiguity matrix (no diagonal, weights ignored).
    res_sparse = gistar_irregular(y, sparse.csr_array(w.sparse) * 2.5)
    np.testing.assert_allclose(res_sparse.z, ref, rtol=0, atol=1e-9)
    assert res.cell_size is None
    assert res.k is None


def test_irregular_rejects_bad_neighbours() -> None:
    with pytest.raises(ValidationError) as info:
        gistar_irregular([1.0, 2.0, 3.0], [[1, 7], [0], [-1]])
    assert len(info.value.problems) == 2


def test_grid_agrees_with_irregular_on_lattice() -> None:
    y = np.random.default_rng(9).poisson(1.0, (6, 7)).astype(float)
    neighbours = [list(v) for v in _block_w(6, 7, 1).neighbors.values()]
    np.testing.assert_allclose(
        gistar_grid(y).z.ravel(), gistar_irregular(y.ravel(), neighbours).z, atol=1e-12
    )


def test_two_sided_p_matches_scipy_norm_sf() -> None:
    z = np.array([-40.0, -8.0, -1.96, -0.5, 0.0, 0.5, 1.6449, 3.0, 12.0])
    # Reference: 2·scipy.stats.norm.sf(|z|), as the brief specifies.
    np.testing.assert_allclose(two_sided_p(z), 2 * stats.norm.sf(np.abs(z)), rtol=1e-14)
