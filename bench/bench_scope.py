"""Benchmark of the Åtgärder scope analysis ("Vad händer här?") on the embedded store.

Run: ``.venv/bin/python bench/bench_scope.py`` (creates a demo database with 1,000,000
incidents via ``est_geo.bootstrap.create_demo_database`` in a temp directory first, a few
minutes; ``--db PATH`` reuses one made earlier, ``--keep`` keeps it; ``--n`` changes the
size). Opening an older file for writing upgrades it (schema 7 builds the R*Tree); the
time of that one-off step is printed too.

What a closed polygon costs on the server: :func:`est_geo.interventions.analyse_scope`
for a ≈ 6.9 ha polygon at Klockaretorpet centrum (the shape of issue 13) and for a
≈ 0.8 km² one, with the sidebar's default period (4 weeks) and with a year — six store
queries (counts by category and the weekday × hour profile over the period, counts by
month over the 12-month trend, for the shape and its 200 m ring). The peer, measured
in the same run on the same file: the same analysis with the
statement the store used before schema 7 (a bounding box on the x/y B-tree, which can
only narrow x, so it walks a strip the full height of the municipality). Medians of 3
runs after a warm-up, wall and process CPU time, with the load average: the machine is
shared, and under load wall time includes waiting for a CPU.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from bench._common import timed
from est_geo.bootstrap import create_demo_database
from est_geo.interventions import analyse_scope
from est_geo.periods import Period, preset_period
from est_geo.store import IncidentQuery, open_store
from est_geo.store.gpkg import GeoPackageStore

END = date(2026, 11, 1)
YEAR = Period(date(2025, 11, 1), END)
PERIODS = {"4 veckor": preset_period("4veckor", today=END), "år": YEAR}
N_INCIDENTS = 1_000_000
RUNS = 3


def _shapes(store: GeoPackageStore) -> dict[str, BaseGeometry]:
    """A 6.9 ha square at Klockaretorpet centrum's centre, and a 0.8 km² one."""
    areas = store.areas()
    centre = areas.loc[areas["name"] == "Klockaretorpet centrum"].geometry.iloc[0].centroid
    sides = {"6,9 ha (issue 13)": 6.9e4**0.5, "0,8 km²": 0.8e6**0.5}
    return {label: centre.buffer(side / 2, cap_style="square") for label, side in sides.items()}


def _strip_sql(
    self: GeoPackageStore, polygon: BaseGeometry, columns: str, query: IncidentQuery | None
) -> tuple[str, list[Any]]:
    """The statement of schema 6: the bounding box on the (x, y) B-tree."""
    where, params = self._where(query or IncidentQuery())
    box_sql = "x >= ? AND x <= ? AND y >= ? AND y <= ?"
    minx, miny, maxx, maxy = polygon.bounds
    where = f"{where} AND {box_sql}" if where else f" WHERE {box_sql}"
    return f"SELECT x, y, {columns} FROM incidents{where}", [*params, minx, maxx, miny, maxy]


@contextmanager
def _statement(kind: str) -> Iterator[None]:
    """Use the R*Tree statement (``rtree``) or the schema 6 one (``strip``) meanwhile."""
    original = GeoPackageStore._within_sql
    if kind == "strip":
        GeoPackageStore._within_sql = _strip_sql  # type: ignore[method-assign]
    try:
        yield
    finally:
        GeoPackageStore._within_sql = original  # type: ignore[method-assign]


def _plan(store: GeoPackageStore, polygon: Polygon) -> str:
    sql, params = store._within_sql(polygon, "category", IncidentQuery())
    with store._connect() as con:
        rows = con.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return "; ".join(str(r[-1]) for r in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="demo database to reuse (created if missing)")
    parser.add_argument("--keep", action="store_true", help="keep a database made here")
    parser.add_argument("--n", type=int, default=N_INCIDENTS, help="incidents in a new database")
    args = parser.parse_args()
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.mkdtemp(prefix="bench-scope-")
        db = Path(tmp) / "demo.gpkg"
    if not db.exists():
        t0 = time.perf_counter()
        create_demo_database(str(db), n_incidents=args.n, end_date=END)
        print(f"created {db} with {args.n:,} incidents in {time.perf_counter() - t0:.0f} s")
    t0 = time.perf_counter()
    store = open_store(str(db))
    print(f"opened (upgrades to schema 7 once) in {time.perf_counter() - t0:.1f} s")
    if not isinstance(store, GeoPackageStore):
        raise SystemExit("bench_scope measures the embedded store (a .gpkg file)")
    print(f"incidents: {store.count_incidents():,}")
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    head = f"{'shape':<19}{'period':<10}{'statement':<10}{'n inside':>9}{'wall s':>9}{'CPU s':>8}"
    print(head)
    for label, shape in _shapes(store).items():
        for name, period in PERIODS.items():
            figures = {}
            for kind in ("rtree", "strip"):
                with _statement(kind):
                    n = analyse_scope(store, shape, period).target.n
                    figures[kind] = timed(
                        lambda s=shape, p=period: analyse_scope(store, s, p), RUNS
                    )
                wall, cpu = figures[kind]
                print(f"{label:<19}{name:<10}{kind:<10}{n:>9,}{wall:>9.3f}{cpu:>8.3f}")
            wall_x = figures["strip"][0] / figures["rtree"][0]
            cpu_x = figures["strip"][1] / figures["rtree"][1]
            print(f"{'':<29}R*Tree {wall_x:.1f}× faster (wall), {cpu_x:.1f}× (CPU)")
    print(f"plan: {_plan(store, next(iter(_shapes(store).values())))}")
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    if tmp is not None and not args.keep:
        db.unlink()
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
