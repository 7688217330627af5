"""Benchmark of the Åtgärder scope analysis ("Vad händer här?") on the embedded store.

Run: ``.venv/bin/python bench/bench_scope.py`` (creates a demo database with 1,000,000
incidents via ``est_geo.demo.bootstrap.create_demo_database`` in a temp directory first, a few
minutes; ``--db PATH`` reuses one made earlier, ``--keep`` keeps it; ``--n`` changes the
size). Opening an older file for writing upgrades it (schema 7 builds the R*Tree); the
time of that one-off step is printed too.

What a closed polygon costs on the server: :func:`est_geo.interventions.scope.analyse_scope`
for a ≈ 6.9 ha polygon at Klockaretorpet centrum (the shape of issue 13) and for a
≈ 0.8 km² one, with the sidebar's default period (4 weeks) and with a year — counts by
category and the weekday × hour profile over the period, counts by month over the
12-month trend, for the shape and its 200 m ring — counted two ways in the same run on
the same file: by the store (six queries on the R*Tree, what the command line does) and
from the shared in-memory columns (:func:`est_geo.store.columns.incident_columns`, what
the Åtgärder page does; loaded once per process, its load time printed). Then
:func:`est_geo.interventions.zones.evaluate_intervention` with the default control rings
(incidents up to ~3.2 km around the target read for both periods) for both shapes, the
same two ways. Every columnar result is checked equal to the store's. ``--strip`` adds
the statement the store used before schema 7 (a bounding box on the x/y B-tree, which can
only narrow x, so it walks a strip the full height of the municipality) as a third peer.
Medians of 3 runs after a warm-up, wall and process CPU time, with the load average: the
machine is shared, and under load wall time includes waiting for a CPU.
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
from est_geo.core.model import Intervention
from est_geo.core.periods import Period, preset_period
from est_geo.demo.bootstrap import create_demo_database
from est_geo.interventions.scope import analyse_scope
from est_geo.interventions.zones import EvaluationPeriods, evaluate_intervention
from est_geo.store import IncidentQuery, open_store
from est_geo.store.columns import IncidentColumns, incident_columns
from est_geo.store.gpkg import GeoPackageStore

END = date(2026, 11, 1)
YEAR = Period(date(2025, 11, 1), END)
PERIODS = {"4 veckor": preset_period("4veckor", today=END), "år": YEAR}
#: Before/after half-years around a start in May 2026 (within the demo's two years).
EVAL_START = date(2026, 5, 1)
EVAL_PERIODS = EvaluationPeriods(Period(date(2025, 11, 1), EVAL_START), Period(EVAL_START, END))
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


def _scope_rows(store: GeoPackageStore, cols: IncidentColumns, kinds: tuple[str, ...]) -> None:
    """Scope analysis per shape and period: store (R*Tree), columns, optionally strip."""
    print(f"{'shape':<19}{'period':<10}{'counted by':<11}{'n inside':>9}{'wall s':>9}{'CPU s':>8}")
    for label, shape in _shapes(store).items():
        for name, period in PERIODS.items():
            figures = {}
            for kind in kinds:
                with _statement("strip" if kind == "strip" else "rtree"):
                    use = cols if kind == "columns" else None
                    result = analyse_scope(store, shape, period, columns=use)
                    figures[kind] = timed(
                        lambda s=shape, p=period, c=use: analyse_scope(store, s, p, columns=c),
                        RUNS,
                    )
                if kind == "columns" and not _same_scope(result, store, shape, period):
                    raise SystemExit("columnar scope analysis differs from the store's")
                wall, cpu = figures[kind]
                n = result.target.n
                print(f"{label:<19}{name:<10}{kind:<11}{n:>9,}{wall:>9.3f}{cpu:>8.3f}")
            for peer in (k for k in kinds if k != "columns"):
                wall_x = figures[peer][0] / figures["columns"][0]
                cpu_x = figures[peer][1] / figures["columns"][1]
                print(
                    f"{'':<29}columns {wall_x:.1f}× faster than {peer} (wall), {cpu_x:.1f}× (CPU)"
                )


def _same_scope(got: Any, store: GeoPackageStore, shape: BaseGeometry, period: Period) -> bool:
    want = analyse_scope(store, shape, period)
    return all(
        (a.n, a.by_category, a.monthly.tolist(), a.matrix.tolist())
        == (b.n, b.by_category, b.monthly.tolist(), b.matrix.tolist())
        for a, b in ((got.target, want.target), (got.ring, want.ring))
    )


def _evaluation_rows(store: GeoPackageStore, cols: IncidentColumns) -> None:
    """Evaluation with the default control rings: store vs columns."""
    print(
        f"evaluation, default rings, before {EVAL_PERIODS.before.label()}, "
        f"after {EVAL_PERIODS.after.label()}"
    )
    print(f"{'shape':<19}{'counted by':<11}{'target b/a':>13}{'wall s':>9}{'CPU s':>8}")
    for label, shape in _shapes(store).items():
        iv = Intervention(
            name="bench",
            kind="belysning",
            status="pagar",
            owner_actor="kommun",
            start_date=EVAL_START,
            end_date=None,
            geometry=shape,
        )
        results = {}
        for kind, use in (("store", None), ("columns", cols)):
            ev = evaluate_intervention(store, iv, periods=EVAL_PERIODS, columns=use)
            results[kind] = ev.counts
            wall, cpu = timed(
                lambda i=iv, c=use: evaluate_intervention(
                    store, i, periods=EVAL_PERIODS, columns=c
                ),
                RUNS,
            )
            target = f"{ev.counts.target_before}/{ev.counts.target_after}"
            print(f"{label:<19}{kind:<11}{target:>13}{wall:>9.3f}{cpu:>8.3f}")
        if results["store"] != results["columns"]:
            raise SystemExit("columnar evaluation counts differ from the store's")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="demo database to reuse (created if missing)")
    parser.add_argument("--keep", action="store_true", help="keep a database made here")
    parser.add_argument("--n", type=int, default=N_INCIDENTS, help="incidents in a new database")
    parser.add_argument("--strip", action="store_true", help="also time the schema 6 statement")
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
    w0, c0 = time.perf_counter(), time.process_time()
    cols = incident_columns(store)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(
        f"columns loaded once per process: {wall:.1f} s wall, {cpu:.1f} s CPU, "
        f"{cols.nbytes / 1e6:.0f} MB"
    )
    kinds = ("rtree", "columns", "strip") if args.strip else ("rtree", "columns")
    _scope_rows(store, cols, kinds)
    _evaluation_rows(store, cols)
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
