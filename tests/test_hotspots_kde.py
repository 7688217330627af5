"""Binned FFT kernel density: mass, bandwidth rule and agreement with an exact KDE."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from est_geo.core.errors import AnalysisError, ValidationError
from est_geo.hotspots import Grid, kde_surface, silverman_bandwidth


def _points(n: int, grid: Grid, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    x0, y0, x1, y1 = grid.bounds
    rng = np.random.default_rng(seed)
    # Half uniform, half in a tight cluster at the south-west corner (worst edge loss).
    half = n // 2
    x = np.concatenate([rng.uniform(x0, x1, half), x0 + np.abs(rng.normal(0, 150, n - half))])
    y = np.concatenate([rng.uniform(y0, y1, half), y0 + np.abs(rng.normal(0, 150, n - half))])
    return x, y


@pytest.mark.parametrize("bandwidth", [None, 30.0, 200.0, 1500.0, 5000.0])
def test_mass_is_number_of_incidents(bandwidth: float | None) -> None:
    grid = Grid(25, 20_000, 260_000, 64, 48)
    x, y = _points(5_000, grid)
    surf = kde_surface(grid, x, y, bandwidth=bandwidth)
    assert surf.n_outside == 0
    assert surf.total == pytest.approx(5_000, rel=0.01)
    assert surf.values.min() >= 0


def test_plain_edge_loses_mass_reflection_does_not() -> None:
    grid = Grid(25, 0, 0, 40, 40)
    x, y = np.full(100, 10.0), np.full(100, 10.0)  # in the corner cell
    plain = kde_surface(grid, x, y, bandwidth=200.0, edge="none")
    # About 3/4 of a Gaussian centred 12.5 m (half a cell) from two edges leaves the grid.
    assert plain.total < 40
    assert kde_surface(grid, x, y, bandwidth=200.0).total == pytest.approx(100, rel=1e-9)


def test_matches_exact_gaussian_kde_away_from_edges() -> None:
    grid = Grid(25, 0, 0, 80, 80)
    rng = np.random.default_rng(1)
    x, y = rng.normal(1000, 150, 2000), rng.normal(1000, 150, 2000)
    h = 120.0
    surf = kde_surface(grid, x, y, bandwidth=h, edge="none")
    cx, cy = grid.centroids()
    # Reference: the exact (unbinned) isotropic Gaussian KDE evaluated at cell centres,
    # Σ_i φ((cx-x_i)/h) φ((cy-y_i)/h) / h², times the cell area → incidents per cell.
    # The sum over i of a product of x- and y-factors is a matrix product.
    kx = stats.norm.pdf((cx[0][:, None] - x[None, :]) / h)  # (nx, n)
    ky = stats.norm.pdf((cy[:, 0][:, None] - y[None, :]) / h)  # (ny, n)
    exact = ky @ kx.T / h**2 * grid.cell_area
    peak = exact.max()
    # Binning moves each point ≤ half a cell (12.5 m ≪ h): measured 0.4 % of the peak.
    assert np.max(np.abs(surf.values - exact)) < 0.01 * peak


def test_silverman_rule_and_clamp() -> None:
    rng = np.random.default_rng(2)
    x, y = rng.normal(0, 1000, 4096), rng.normal(0, 1000, 4096)
    # σ ≈ 1000, n^(-1/6) = 4096^(-1/6) = 1/4 → h ≈ 250 m.
    assert silverman_bandwidth(x, y) == pytest.approx(250, rel=0.05)
    grid = Grid.covering((-5000, -5000, 5000, 5000), 100)
    surf = kde_surface(grid, x, y)
    assert surf.bandwidth_rule == "silverman"
    assert surf.bandwidth == pytest.approx(silverman_bandwidth(x, y), rel=0.01)
    wide = kde_surface(grid, x * 10, y * 10)
    assert wide.bandwidth == 500.0
    assert wide.bandwidth_clamped


def test_density_units() -> None:
    grid = Grid(100, 0, 0, 10, 10)
    surf = kde_surface(grid, [500.0], [500.0], bandwidth=100.0)
    assert surf.density_per_km2.sum() == pytest.approx(100.0)  # 1 incident / 0.01 km² cells


def test_errors() -> None:
    grid = Grid(100, 0, 0, 10, 10)
    with pytest.raises(AnalysisError):
        kde_surface(grid, [5.0, 5.0], [5.0, 5.0])
    with pytest.raises(ValidationError):
        kde_surface(grid, [5.0], [5.0], bandwidth=-1.0)
    with pytest.raises(ValidationError):
        kde_surface(grid, [5.0], [5.0], bandwidth=10.0, edge="wrap")  # type: ignore[arg-type]
