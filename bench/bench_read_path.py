"""Read path benchmark: the in-memory columns vs the store read vs DuckDB, in one run.

Run: ``.venv/bin/python bench/bench_read_path.py [--db /tmp/bench1m.gpkg] [--incidents N]``.
Creates the demo database with ``est-geo demo --incidents N`` when the file is missing
(1,000,000 by default), then times, for the whole municipality (area ``0581``) over
the last 365 days of the data:

* **store read** (what the pages did): ``Store.incidents`` of the period and the
  municipality's box, then counts per category, per month, per 100 m cell and the
  weekday × hour profile from that frame; and ``Store.counts_within`` of the
  municipality polygon;
* **columns** (:mod:`est_geo.store.columns`): ``select`` and the same four counts from
  ``np.bincount``, ``select(within=polygon)``, and ``Selection.frame()`` (the frame
  Hotspots analyses);
* **DuckDB** over the same columns (a table built from the arrays, not timed), the same
  four counts as ``GROUP BY`` queries — only when ``duckdb`` can be imported (it is not
  a dependency; ``pip install --target DIR duckdb`` and ``PYTHONPATH=DIR`` to compare).

Prints medians (wall and this process's CPU), the one-off load time and bytes of the
columns, and the load average before and after (2 shared cores: wall time includes
waiting for a CPU, CPU time does not).
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import demo_parser, open_demo, rss_mb, timed
from est_geo.core.periods import Period
from est_geo.hotspots import top_cells
from est_geo.hotspots.grid import Grid, count_points
from est_geo.hotspots.map import count_cell_group
from est_geo.hotspots.run import hotspot_request, run_request
from est_geo.hotspots.timeprofile import weekday_hour_matrix
from est_geo.hotspots.view import HotspotViewOptions
from est_geo.maps import base_map, class_breaks, range_labels
from est_geo.maps.mapdata import CellData, selection_display
from est_geo.store import IncidentQuery, Store, open_store
from est_geo.store.base import INCIDENT_COLUMNS
from est_geo.store.columns import IncidentColumns, extend_columns, load_columns

MUNICIPALITY = "0581"
KLOCKARETORPET = "NKP-KLO"


def show(label: str, result: tuple[float, float]) -> None:
    print(f"  {label:<58} {result[0]:8.3f} s  (CPU {result[1]:.3f} s)")


def store_counts(store: object, query: IncidentQuery, grid: Grid) -> int:
    frame = store.incidents(query)  # type: ignore[attr-defined]
    frame.groupby("category").size()
    frame["occurred_at"].dt.strftime("%Y-%m").value_counts()
    count_points(grid, frame["x"].to_numpy(float), frame["y"].to_numpy(float))
    weekday_hour_matrix(frame["occurred_at"], frame["has_time"])
    return len(frame)


def column_counts(cols: IncidentColumns, query: IncidentQuery, grid: Grid) -> int:
    sel = cols.select(query)
    sel.by_category()
    sel.by_month()
    sel.cell_counts(grid)
    sel.weekday_hour_profile()
    return len(sel)


def duckdb_runner(cols: IncidentColumns) -> Callable[[IncidentQuery, Grid], int] | None:
    try:
        import duckdb
    except ImportError:
        return None
    import pandas as pd

    con = duckdb.connect()
    table = pd.DataFrame(
        {
            "x": cols.x,
            "y": cols.y,
            "t": cols.t,
            "has_time": cols.has_time,
            "category": cols.category.astype(np.int32),
        }
    )
    con.register("frame", table)
    con.execute("CREATE TABLE inc AS SELECT * FROM frame")
    con.unregister("frame")

    def run(query: IncidentQuery, grid: Grid) -> int:
        start = int((query.start - datetime(1970, 1, 1)).total_seconds())  # type: ignore[operator]
        end = int((query.end - datetime(1970, 1, 1)).total_seconds())  # type: ignore[operator]
        minx, miny, maxx, maxy = query.bbox  # type: ignore[misc]
        where = (
            f"t >= {start} AND t < {end} AND x >= {minx} AND x <= {maxx} "
            f"AND y >= {miny} AND y <= {maxy}"
        )
        cs = grid.cell_size
        n = con.execute(f"SELECT count(*) FROM inc WHERE {where}").fetchone()[0]
        con.execute(f"SELECT category, count(*) FROM inc WHERE {where} GROUP BY 1").fetchall()
        con.execute(
            f"SELECT strftime(to_timestamp(t), '%Y-%m'), count(*) FROM inc WHERE {where} GROUP BY 1"
        ).fetchall()
        con.execute(
            f"SELECT floor(x / {cs})::BIGINT, floor(y / {cs})::BIGINT, count(*) FROM inc "
            f"WHERE {where} GROUP BY 1, 2"
        ).fetchnumpy()
        con.execute(
            f"SELECT has_time, (((t // 86400) + 3) % 7), ((t // 3600) % 24), count(*) "
            f"FROM inc WHERE {where} GROUP BY 1, 2, 3"
        ).fetchall()
        return int(n)

    return run


def main() -> None:
    parser = demo_parser(__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    store = open_demo(args)
    areas = store.areas()
    kommun = areas[areas["code"] == MUNICIPALITY].geometry.iloc[0]
    _, last = store.info().incident_range
    end = datetime.fromisoformat(str(last)).replace(hour=0, minute=0, second=0) + timedelta(1)
    bbox = tuple(float(v) for v in kommun.bounds)
    query = IncidentQuery(start=end - timedelta(days=365), end=end, bbox=bbox)  # type: ignore[arg-type]
    grid = Grid.covering(bbox, 100)  # type: ignore[arg-type]

    rss_before = rss_mb()
    start, start_cpu = time.perf_counter(), time.process_time()
    cols = load_columns(store)
    load = (time.perf_counter() - start, time.process_time() - start_cpu)
    print(
        f"{len(cols):,} incidents in {args.db}; columns: {cols.nbytes / 1e6:.1f} MB "
        f"({cols.nbytes / max(1, len(cols)):.0f} bytes an incident); process RSS "
        f"{rss_before:.0f} MB before the load, {rss_mb():.0f} MB after"
    )
    show("columns: one-off load (per process and data stamp)", load)
    n = column_counts(cols, query, grid)
    print(f"whole municipality {MUNICIPALITY}, 365 days: {n:,} incidents, grid {grid.shape}")

    reps = args.repeats
    print("filter + count (category, month, 100 m cell, weekday × hour):")
    show(
        "store read: Store.incidents + pandas/numpy counts",
        timed(lambda: store_counts(store, query, grid), max(1, reps // 2)),
    )
    show(
        "columns: select + bincount counts",
        timed(lambda: column_counts(cols, query, grid), reps * 4),
    )
    runner = duckdb_runner(cols)
    if runner is None:
        print("  DuckDB: not installed (optional peer; see the docstring)")
    else:
        assert runner(query, grid) == n
        show(
            "DuckDB over the same columns: five GROUP BY queries",
            timed(lambda: runner(query, grid), reps * 4),
        )
    print("inside the municipality polygon, counts per category:")
    polygon_query = IncidentQuery(start=query.start, end=query.end)
    show(
        "store: Store.counts_within(polygon)",
        timed(lambda: store.counts_within(kommun, query=polygon_query), max(1, reps // 2)),
    )
    show(
        "columns: select(within=polygon).counts()",
        timed(lambda: cols.select(polygon_query, within=kommun).counts(), reps),
    )
    print("the frame Hotspots analyses (x, y, time, category, actor, precision):")
    show("store read: Store.incidents", timed(lambda: store.incidents(query), max(1, reps // 2)))
    show("columns: select(query).frame()", timed(lambda: cols.select(query).frame(), reps))
    pages(store, cols, areas, kommun, end, reps)
    after_a_report(args.db, reps)
    print(f"load average after: {os.getloadavg()}")


def after_a_report(db: Path, reps: int) -> None:
    """What the next visitor waits for after one reported incident: the new row added
    to the cached columns vs reading all of them again (on a copy of the database)."""
    copy = db.with_name(db.stem + "_write_copy.gpkg")
    shutil.copy(db, copy)
    try:
        store = open_store(str(copy))
        first = datetime.fromisoformat(str(store.info().incident_range[0]))
        one = store.incidents(IncidentQuery(start=first, end=first + timedelta(1))).head(1)
        one = one.assign(description=None, source="bench", source_id="0")
        store.add_incidents(one[list(INCIDENT_COLUMNS)], user="bench")  # sets a token
        cached = load_columns(store)
        times: list[float] = []
        for i in range(1, reps + 1):
            row = one.assign(source_id=str(i))[list(INCIDENT_COLUMNS)]
            store.add_incidents(row, user="bench")
            start = time.perf_counter()
            extended = extend_columns(cached, store, stamp=store.data_stamp())
            times.append(time.perf_counter() - start)
            assert extended is not None
            assert len(extended) == len(cached) + 1
            cached = extended
        print("after one reported incident (1M cached):")
        print(
            f"  {'columns: extend_columns (the new row only)':<58} "
            f"{statistics.median(times):8.3f} s"
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        load_columns(store)
        show(
            "columns: load_columns (everything again)",
            (time.perf_counter() - start, time.process_time() - start_cpu),
        )
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(str(copy) + suffix).unlink(missing_ok=True)


def layer_for(shown: CellData) -> Any:
    """Karta's count layer as the page builds it (compact rows, classes of the legend)."""
    values = shown.cells["count"].tolist()
    breaks = class_breaks(values)
    labels = range_labels(breaks, min(values))
    return count_cell_group(shown.cells, breaks, labels, name="Antal per ruta", unit="st")


def pages(
    store: Store, cols: IncidentColumns, areas: object, kommun: object, end: datetime, reps: int
) -> None:
    """Server-side work of Hotspots (Gi*, whole municipality) and Karta, both paths."""
    period = Period((end - timedelta(days=365)).date(), end.date())
    base = IncidentQuery(start=end - timedelta(days=365), end=end)
    name = str(areas.loc[areas["code"] == MUNICIPALITY, "name"].iloc[0])  # type: ignore[attr-defined]
    request = hotspot_request(
        mode="gistar",
        options=HotspotViewOptions(),
        areas=areas,  # type: ignore[arg-type]
        area_names=[name],
        period=period,
        base_query=base,
    )
    tree = store.category_tree()

    def gistar(fetch: Callable[[IncidentQuery], object]) -> None:
        run = run_request(request, fetch=fetch, tree=tree)  # type: ignore[arg-type]
        if run.layer.gistar is not None:
            top_cells(run.layer.gistar, run.layer.counts, n=10, areas=areas, name_column="name")

    print("Hotspots, Gi* for the whole municipality (read, analyse, layer, top 10):")
    show(
        "store read: fetch = Store.incidents",
        timed(lambda: gistar(store.incidents), max(1, reps // 2)),
    )
    show(
        "columns: fetch = select(query).frame()",
        timed(lambda: gistar(lambda q: cols.select(q).frame()), reps),
    )

    print("Hotspots from the columns (a filter change: read, analyse, layer, top 10):")
    for code in (MUNICIPALITY, KLOCKARETORPET):
        for mode in ("gistar", "emerging"):
            label = str(areas.loc[areas["code"] == code, "name"].iloc[0])  # type: ignore[attr-defined]
            asked = hotspot_request(
                mode=mode,
                options=HotspotViewOptions(),
                areas=areas,  # type: ignore[arg-type]
                area_names=[label],
                period=period,
                base_query=base,
            )

            def analyse(asked: Any = asked) -> None:
                run = run_request(asked, fetch=lambda q: cols.select(q).frame(), tree=tree)
                if run.layer.gistar is not None:
                    top_cells(
                        run.layer.gistar, run.layer.counts, n=10, areas=areas, name_column="name"
                    )

            show(f"{mode}, {label}, 365 days", timed(analyse, reps))

    def karta(query: IncidentQuery = base) -> int:
        shown = selection_display(cols.select(query), tree)
        assert isinstance(shown, CellData)
        layer_for(shown)
        return len(shown.cells)

    shown = selection_display(cols.select(base), tree)
    assert isinstance(shown, CellData)
    fmap = base_map(58.59, 16.18, 10, None, prefer_canvas=True)
    layer_for(shown).add_to(fmap)
    size = len(fmap.get_root().render().encode())
    print(
        f"Karta, whole municipality, 365 days: {len(shown.cells):,} cells of "
        f"{shown.cell_size} m, map HTML {size / 1e6:.2f} MB"
    )
    show("columns: select + cells + count layer", timed(karta, reps))
    klo = areas.loc[areas["code"] == KLOCKARETORPET].geometry.iloc[0]  # type: ignore[attr-defined]
    klo_query = replace(base, bbox=tuple(float(v) for v in klo.bounds))
    show(
        f"Karta, Klockaretorpet ({len(cols.select(klo_query)):,} incidents in its box)",
        timed(lambda: karta(klo_query), reps),
    )


if __name__ == "__main__":
    main()
