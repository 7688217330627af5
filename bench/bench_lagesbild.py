"""Lägesbild on the server (issue 18): the whole municipality over a year, 1M incidents.

Run: ``.venv/bin/python bench/bench_lagesbild.py [--db PATH]`` (default
``/tmp/est-geo-bench/demo-1m.gpkg``, made with ``est-geo demo --incidents 1000000`` if
missing; ``bench_browser.py`` uses the same file).

Prints, with the load average:

* the one-time load of the shared incident columns (once per process and data change);
* :func:`est_geo.meeting.lagesbild.build_lagesbild` for the municipality (``0581``) over the
  last 365 days and four weeks, and for Klockaretorpet (``NKP-KLO``), median of
  ``--repeat`` runs with the columns loaded — what the page waits for behind
  "Beräknar lägesbilden …" once the process has the columns;
* emerging hot spots on the lägesbild's own grid and window, as now (one series per
  informative cell and per kind of quiet cell) and the peer measured in the same run:
  the whole-grid computation it replaced (every cell its own Gi* series, BH over every
  cell, ``bins`` for every cell and step), with a check that both give the same values.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import est_geo.store  # noqa: E402, F401  (before lagesbild: store → views → lagesbild)
from est_geo.core.periods import ReportPeriod, rolling_period  # noqa: E402
from est_geo.hotspots import Grid, emerging_hotspots  # noqa: E402
from est_geo.hotspots.emerging import _build_cube, classify_emerging, mann_kendall  # noqa: E402
from est_geo.hotspots.gistar import bh_adjust, classify, grid_z_stack, two_sided_p  # noqa: E402
from est_geo.meeting import lagesbild as lb  # noqa: E402
from est_geo.store import open_store  # noqa: E402
from est_geo.store.base import IncidentQuery  # noqa: E402
from est_geo.store.columns import incident_columns  # noqa: E402

DEFAULT_DB = Path("/tmp/est-geo-bench/demo-1m.gpkg")


def timed(fn: Callable[[], Any], repeat: int) -> tuple[str, Any]:
    """Median wall and CPU seconds of ``repeat`` calls (as text), and the last result.

    CPU time (this process's) is the better guide on the shared two cores: wall time
    includes waiting for a CPU."""
    times, cpu, out = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        out = fn()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return f"{statistics.median(times):6.2f} s (CPU {statistics.median(cpu):.2f} s)", out


def whole_grid(grid: Grid, x: Any, y: Any, t: Any, **kw: Any) -> dict[str, Any]:
    """The emerging computation before issue 18: every cell its own series."""
    cube, _, _ = _build_cube(grid, x, y, t, kw["step"], kw["start"], kw["end"])
    z = grid_z_stack(cube.astype(np.float64), 1)
    p = two_sided_p(z)
    q = np.stack([bh_adjust(s) for s in p])
    hot, cold = (q <= 0.05) & (z > 0), (q <= 0.05) & (z < 0)
    mk = mann_kendall(z)
    cats = classify_emerging(hot, cold, mk.p, mk.tau, 0.05)
    return {"z": z, "q": q, "bins": classify(z, q), "trend": mk.z, "categories": cats}


def emerging_inputs(store: Any, area: str, period: ReportPeriod) -> tuple[Grid, dict[str, Any]]:
    """The lägesbild's grid, window and incidents for its emerging analysis."""
    geometry = lb.find_area(store.areas(), area)["geometry"]
    start, step = lb._emerging_window(period)
    grid = Grid.covering(geometry.bounds, 100)
    query = IncidentQuery(
        start=datetime.combine(start, datetime.min.time()),
        end=datetime.combine(period.period.end, datetime.min.time()),
        bbox=geometry.bounds,
    )
    sel = incident_columns(store).select(query, within=geometry)
    kw = {
        "x": sel.x,
        "y": sel.y,
        "t": sel.t.astype("datetime64[s]"),
        "step": step,
        "start": np.datetime64(start, "D"),
        "end": np.datetime64(period.period.last_day, "D"),
    }
    return grid, kw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "est_geo", "demo", "--incidents", "1000000"]
        subprocess.run([*command, "--db", str(args.db)], cwd=ROOT, check=True, timeout=900)
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    store = open_store(str(args.db))
    end = date.fromisoformat(store.meta().get("demo_end_date") or date.today().isoformat())
    start = time.perf_counter()
    cols = incident_columns(store)
    print(
        f"incident columns, loaded once per process: {time.perf_counter() - start:.2f} s "
        f"({len(cols):,} incidents, {cols.nbytes / 1e6:.0f} MB)"
    )
    for area, preset in (("0581", "ar"), ("0581", "4veckor"), ("NKP-KLO", "ar")):
        period = rolling_period(preset, today=end)
        seconds, built = timed(
            lambda area=area, period=period: lb.build_lagesbild(store, area, period, today=end),
            args.repeat,
        )
        print(
            f"build_lagesbild {area} {preset:<8}: {seconds} (median of {args.repeat}; "
            f"{built.total.current:,} reports, {len(built.hotspots)} hot cells, "
            f"{len(built.growing)} new/growing)"
        )
    period = rolling_period("ar", today=end)
    grid, kw = emerging_inputs(store, "0581", period)
    now_s, now = timed(lambda: emerging_hotspots(grid, **kw), args.repeat)
    peer_s, peer = timed(lambda: whole_grid(grid, **kw), args.repeat)
    same = all(
        np.array_equal(a, b)
        for a, b in (
            (now.z, peer["z"]),
            (now.p_adjusted, peer["q"]),
            (now.trend.z, peer["trend"]),
            (now.categories, peer["categories"]),
        )
    )
    n_units = now.units.card.size
    print(
        f"emerging 0581 year ({grid.n_cells:,} cells, {len(now.steps)} steps, {n_units:,} "
        f"series): {now_s}; peer whole grid: {peer_s}; identical values: {same}"
    )
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
