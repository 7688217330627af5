"""PostGIS store at municipal scale: COPY import, and the hotspot grid pushed down to SQL.

Starts a throwaway PostgreSQL + PostGIS cluster (the test suite's
:class:`tests.conftest.ThrowawayCluster`), imports ``EST_BENCH_PG_ROWS`` synthetic
incidents (default 1,000,000; the issue's target is 10,000,000) through
``PostGISStore.add_incidents`` (binary COPY into a staging table, then one
``INSERT … ON CONFLICT``), and times the 100 m hotspot grid for the whole municipality
two ways in the same run:

* **pushed down**: ``PostGISStore.grid_counts`` (for all time: summed from the per-cell
  totals ``incident_cells``; for a period: ``GROUP BY`` cell on the covering time index);
* **pulled**: ``PostGISStore.incidents`` then ``count_points`` in numpy.

Both results are checked to be identical before the ratio is printed. Prints "skipped"
and exits 0 when PostgreSQL/PostGIS are not installed (``make postgis`` installs them).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from est_geo.hotspots.grid import Grid, count_points
from est_geo.store import IncidentQuery, create_store
from est_geo.store.postgis import PostGISStore
from tests.conftest import ThrowawayCluster

#: Norrköping municipality, roughly (SWEREF 99 TM).
KOMMUN = (540_000.0, 6_455_000.0, 600_000.0, 6_515_000.0)
CELL = 100
CHUNK = 1_000_000


def synthetic(n: int, offset: int, rng: np.random.Generator) -> pd.DataFrame:
    """Clustered incidents: 70 % around 40 hot spots, 30 % spread over the municipality."""
    hot = rng.uniform(KOMMUN[:2], KOMMUN[2:], size=(40, 2))
    k = int(n * 0.7)
    centre = hot[rng.integers(0, 40, size=k)]
    pts = np.vstack(
        [centre + rng.normal(0, 150, size=(k, 2)), rng.uniform(KOMMUN[:2], KOMMUN[2:], (n - k, 2))]
    )
    minutes = rng.integers(0, 5 * 365 * 24 * 60, size=n)
    ids = np.arange(offset, offset + n)
    return pd.DataFrame(
        {
            "x": np.round(pts[:, 0], 1),
            "y": np.round(pts[:, 1], 1),
            "occurred_at": pd.Timestamp("2020-01-01") + pd.to_timedelta(minutes, "min"),
            "has_time": True,
            "category": np.where(ids % 3 == 0, "ordning.brak", "skadegorelse.klotter"),
            "actor": "bostadsbolag",
            "precision": "exact",
            "description": None,
            "source": "bench",
            "source_id": pd.Series(ids).astype(str),
        }
    )


def main() -> int:
    """Run the benchmark; returns the process exit code."""
    bindir = ThrowawayCluster.find_bindir()
    if bindir is None:
        print("skipped: PostgreSQL with PostGIS is not installed (make postgis)")
        return 0
    n = int(os.environ.get("EST_BENCH_PG_ROWS", "1000000"))
    cluster = ThrowawayCluster(bindir)
    cluster.start()
    try:
        store = create_store(cluster.new_database())
        assert isinstance(store, PostGISStore)
        rng = np.random.default_rng(2017)
        t_import = 0.0
        for offset in range(0, n, CHUNK):
            frame = synthetic(min(CHUNK, n - offset), offset, rng)
            t0 = time.perf_counter()
            store.add_incidents(frame, user="bench")
            t_import += time.perf_counter() - t0
        print(f"import {n:,} rows via COPY: {t_import:.1f} s ({n / t_import:,.0f} rows/s)")
        # What autovacuum does after a bulk import (its insert threshold): statistics, and
        # the visibility map that lets the grid read only the covering time index.
        with psycopg.connect(store._conninfo(), autocommit=True) as con:
            con.execute("SET statement_timeout = 0")
            t0 = time.perf_counter()
            con.execute("VACUUM ANALYZE incidents")
            con.execute("ANALYZE incident_cells")
            print(f"VACUUM ANALYZE after the import: {time.perf_counter() - t0:.1f} s")

        grid = Grid.covering(KOMMUN, CELL)
        query = IncidentQuery()
        t0 = time.perf_counter()
        pushed = store.grid_counts(
            cell_size=grid.cell_size,
            ix0=grid.ix0,
            iy0=grid.iy0,
            nx=grid.nx,
            ny=grid.ny,
            query=query,
        )
        t_pushed = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows = store.incidents(query)
        t_fetch = time.perf_counter() - t0
        pulled = count_points(grid, rows["x"], rows["y"]).counts
        t_pulled = time.perf_counter() - t0
        if not np.array_equal(pushed, pulled):
            print("MISMATCH between pushed-down and pulled grid counts")
            return 1
        print(
            f"grid {grid.nx}x{grid.ny} cells of {CELL} m over {n:,} incidents: "
            f"pushed down {t_pushed:.2f} s, pulled {t_pulled:.2f} s "
            f"(of which fetching rows {t_fetch:.2f} s); ratio pulled/pushed "
            f"{t_pulled / t_pushed:.1f}x; identical counts"
        )
        year = IncidentQuery(start=pd.Timestamp("2024-01-01"), end=pd.Timestamp("2025-01-01"))
        t0 = time.perf_counter()
        store.grid_counts(
            cell_size=grid.cell_size,
            ix0=grid.ix0,
            iy0=grid.iy0,
            nx=grid.nx,
            ny=grid.ny,
            query=year,
        )
        print(f"grid for one year (filtered in SQL): {time.perf_counter() - t0:.2f} s")
        since = IncidentQuery(start=pd.Timestamp("2021-01-01"))
        t0 = time.perf_counter()
        late = store.grid_counts(
            cell_size=grid.cell_size,
            ix0=grid.ix0,
            iy0=grid.iy0,
            nx=grid.nx,
            ny=grid.ny,
            query=since,
        )
        t_since = time.perf_counter() - t0
        rows = rows[rows["occurred_at"] >= since.start]
        if not np.array_equal(late, count_points(grid, rows["x"], rows["y"]).counts):
            print("MISMATCH in the grid since 2021")
            return 1
        print(f"grid since 2021 (totals minus the year before): {t_since:.2f} s; identical counts")
        store.close()
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
