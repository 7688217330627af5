"""Benchmark of est_geo.hotspots against reference implementations, in one run.

Run: ``.venv/bin/python bench/bench_hotspots.py``. Prints medians of repeated runs.

* Gi* on a 250 × 400 = 100,000-cell grid vs PySAL ``esda.G_Local(transform="B",
  star=True, permutations=0)`` with the same queen lattice weights (weights built
  before timing; only the statistic is timed), plus the largest |Δz|.
* Binned FFT KDE, 1,000,000 points on a 512 × 512 grid, vs ``scipy.stats.gaussian_kde``
  measured on 2,000 points × 4,096 evaluation cells and scaled linearly to
  1,000,000 points × 262,144 cells (exact KDE costs points × cells kernel evaluations).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import timed
from est_geo.hotspots import Grid, gistar_grid, kde_surface


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls, in milliseconds (after one warm-up call).

    Also records the median CPU time of this process in ``LAST_CPU_MS``: on a shared,
    loaded machine wall time includes waiting for a CPU, CPU time does not.
    """
    wall, cpu = timed(fn, repeats)
    LAST_CPU_MS[0] = cpu * 1000
    return wall * 1000


LAST_CPU_MS = [0.0]


def cpu() -> str:
    return f"(CPU {LAST_CPU_MS[0]:.2f} ms)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def bench_gistar() -> None:
    from esda.getisord import G_Local
    from libpysal.weights import lat2W

    ny, nx = 250, 400
    y = np.random.default_rng(0).poisson(0.3, (ny, nx)).astype(float)
    ours = median_ms(lambda: gistar_grid(y), repeats=21)
    ours_cpu = cpu()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        w = lat2W(ny, nx, rook=False)
        ref_ms = median_ms(
            lambda: G_Local(y.ravel(), w, transform="B", star=True, permutations=0), repeats=3
        )
        ref_cpu = cpu()
        ref = G_Local(y.ravel(), w, transform="B", star=True, permutations=0)
    dz = float(np.max(np.abs(gistar_grid(y).z.ravel() - ref.Zs)))
    print(f"Gi* {ny}x{nx} = {ny * nx:,} cells, 3x3 queen, Poisson(0.3) counts")
    print(f"  est_geo gistar_grid (z, p, classes): {ours:8.2f} ms  (median of 21) {ours_cpu}")
    print(f"  esda G_Local(permutations=0):        {ref_ms:8.2f} ms  (median of 3) {ref_cpu}")
    print(f"  speed-up: {ref_ms / ours:.1f}x   max |dz| vs esda: {dz:.2e}")


def bench_kde() -> None:
    grid = Grid(25, 20_000, 260_000, 512, 512)
    x0, y0, x1, y1 = grid.bounds
    rng = np.random.default_rng(1)
    n = 1_000_000
    centres = rng.uniform([x0, y0], [x1, y1], (40, 2))
    pick = rng.integers(0, 40, n)
    x = np.clip(centres[pick, 0] + rng.normal(0, 300, n), x0, x1 - 1e-6)
    y = np.clip(centres[pick, 1] + rng.normal(0, 300, n), y0, y1 - 1e-6)
    ours = median_ms(lambda: kde_surface(grid, x, y), repeats=7)
    ours_cpu = cpu()
    surf = kde_surface(grid, x, y)
    n_sub, n_eval = 2_000, 4_096
    sub = np.vstack([x[:n_sub], y[:n_sub]])
    pts = rng.uniform([x0, y0], [x1, y1], (n_eval, 2)).T
    kde = stats.gaussian_kde(sub)
    ref_ms = median_ms(lambda: kde(pts), repeats=5)
    per_pair_ns = ref_ms * 1e6 / (n_sub * n_eval)
    scaled_s = per_pair_ns * n * grid.n_cells / 1e9
    print(f"KDE {n:,} points on 512x512 cells of 25 m (bandwidth {surf.bandwidth:.0f} m, auto)")
    print(f"  est_geo kde_surface (binned FFT):    {ours:8.2f} ms  (median of 7) {ours_cpu}")
    print(f"  mass: surface sum / points = {surf.total / surf.n_points:.6f}")
    print(
        f"  scipy gaussian_kde, {n_sub:,} pts x {n_eval:,} cells: {ref_ms:.1f} ms"
        f" = {per_pair_ns:.2f} ns per point x cell"
    )
    print(
        f"  scaled to {n:,} pts x {grid.n_cells:,} cells: {scaled_s:,.0f} s"
        f"  -> speed-up ~{scaled_s * 1000 / ours:,.0f}x"
    )


def main() -> None:
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}; numpy {np.__version__}")
    print(f"load average (1 min) at start: {load:.2f}  (wall times suffer above ~1)")
    bench_gistar()
    bench_kde()


if __name__ == "__main__":
    main()
