"""Cold load of the shared incident columns: GDAL's Arrow reader vs sqlite3 rows, in one run.

Run: ``.venv/bin/python bench/bench_cold_load.py [--db /tmp/bench1m.gpkg] [--repeats 3]``
(creates the 1M demo with ``est-geo demo`` when the file is missing).

What the first visitor after a server start (or after a write that is not a simple
append) used to wait for: :func:`est_geo.store.columns.load_columns` of every incident.
Prints, alternating the two readers ``repeats`` times, the median wall and CPU seconds
of a load through the GeoPackage's ``incident_column_batches`` (GDAL → Arrow columns,
this change) and through ``incident_column_chunks`` (sqlite3 ``fetchmany`` rows, the
peer: the path before it), checks both give the same columns, then what the
background warm-up (:func:`~est_geo.store.columns.warm_columns`) saves: three sessions
asking while it runs, the loads counted and the wait each saw. The load average before
and after is printed (2 shared cores: wall includes waiting for a CPU, CPU does not).
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import demo_parser, open_demo
from est_geo.store import Store
from est_geo.store import columns as columns_module
from est_geo.store.columns import IncidentColumns, incident_columns, load_columns, warm_columns


class RowsOnly:
    """The store without its whole-column reader: loads go through the sqlite3 rows."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __getattr__(self, name: str) -> object:
        if name == "incident_column_batches":
            raise AttributeError(name)
        return getattr(self._store, name)


def timed_load(store: object) -> tuple[float, float, IncidentColumns]:
    start, start_cpu = time.perf_counter(), time.process_time()
    cols = load_columns(store)  # type: ignore[arg-type]
    return time.perf_counter() - start, time.process_time() - start_cpu, cols


def warm_up(store: Store) -> None:
    """Three sessions arrive while the warm-up loads: loads counted, waits shown."""
    columns_module.clear_cache()
    real, loads = columns_module.load_columns, []

    def counted(s: Store, *, stamp: str | None = None) -> IncidentColumns:
        loads.append(1)
        return real(s, stamp=stamp)

    columns_module.load_columns = counted  # type: ignore[assignment]
    try:
        start = time.perf_counter()
        warmer = warm_columns(store)
        waits: list[float] = []

        def session(delay: float) -> None:
            time.sleep(delay)
            asked = time.perf_counter()
            incident_columns(store)
            waits.append(time.perf_counter() - asked)

        sessions = [threading.Thread(target=session, args=(d,)) for d in (0.0, 0.5, 1.0)]
        for thread in sessions:
            thread.start()
        for thread in (*sessions, *([warmer] if warmer else [])):
            thread.join()
        total = time.perf_counter() - start
        late = time.perf_counter()
        incident_columns(store)
        print(
            f"warm-up + 3 sessions asking at 0, 0.5, 1 s: {len(loads)} load(s), "
            f"ready after {total:.2f} s; their waits "
            + ", ".join(f"{w:.2f} s" for w in sorted(waits))
            + f"; a visitor after it: {time.perf_counter() - late:.3f} s"
        )
    finally:
        columns_module.load_columns = real  # type: ignore[assignment]


def main() -> None:
    parser = demo_parser(__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    store = open_demo(args)
    fast: list[tuple[float, float]] = []
    rows: list[tuple[float, float]] = []
    for _ in range(args.repeats):
        wall, cpu, a = timed_load(store)
        fast.append((wall, cpu))
        del a
        wall, cpu, b = timed_load(RowsOnly(store))
        rows.append((wall, cpu))
        del b
    a, b = load_columns(store), load_columns(RowsOnly(store))  # type: ignore[arg-type]
    same = all(
        np.array_equal(getattr(a, n), getattr(b, n))
        for n in ("x", "y", "t", "has_time", "category", "actor", "precision")
    ) and (a.categories, a.actors, a.precisions) == (b.categories, b.actors, b.precisions)
    print(f"{len(a):,} incidents in {args.db}; both readers give the same columns: {same}")
    for label, runs in (
        ("GDAL Arrow columns (incident_column_batches)", fast),
        ("sqlite3 rows (incident_column_chunks, before)", rows),
    ):
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"  load_columns via {label:<48} {wall:7.2f} s  (CPU {cpu:.2f} s)")
    del a, b
    warm_up(store)
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
