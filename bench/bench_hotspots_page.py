"""Benchmark of the Hotspots page with 1,000,000 incidents in the embedded store.

Run: ``.venv/bin/python bench/bench_hotspots_page.py`` (creates the demo database with
``est_geo.demo.bootstrap.create_demo_database(n_incidents=1_000_000)`` in a temp directory
first, a few minutes; ``--db PATH`` reuses one made earlier, ``--keep`` keeps it).

For each filter change it times what the page's script does on the server, end to end,
with the same functions the page calls and no Streamlit cache (a new selection is a
cache miss): the store query (plus the history query for emerging hot spots and the
comparison query), :func:`est_geo.hotspots.layers.run_layer`, the folium layer
(:func:`est_geo.hotspots.map.hotspot_group`) serialised by ``streamlit_folium.st_folium``
exactly as for the browser (its component call is replaced by a recorder), and the three
downloads the page prepares (GeoJSON, GeoPackage, CSV). It prints the time of each step
and the bytes sent to the browser: the serialised layer (``feature_group``, what changes
on a filter change) and the whole component payload (base map script and HTML too).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
import streamlit_folium

from est_geo.core.periods import preset_period
from est_geo.demo.bootstrap import create_demo_database
from est_geo.hotspots import layers as hl
from est_geo.hotspots.map import hotspot_group
from est_geo.maps import area_outlines, base_map
from est_geo.maps.mapdata import areas_for_display, default_view
from est_geo.store import IncidentQuery, Store, open_store

END = date(2026, 11, 1)
N_INCIDENTS = 1_000_000


@dataclass(frozen=True)
class Scenario:
    label: str
    mode: str
    areas: tuple[str, ...] | None
    preset: str
    comparison: str | None = None
    cell_size: int = 100


SCENARIOS = (
    Scenario("Gi*, Klockaretorpet, kvartal", "gistar", ("Klockaretorpet",), "kvartal"),
    Scenario(
        "Gi*, Klockaretorpet, kvartal, jämförelse",
        "gistar",
        ("Klockaretorpet",),
        "kvartal",
        "previous",
    ),
    Scenario("punkter, Klockaretorpet, vecka", "punkter", ("Klockaretorpet",), "vecka"),
    Scenario("täthet, Klockaretorpet, år", "tathet", ("Klockaretorpet",), "ar"),
    Scenario("nya & växande, Klockaretorpet, år", "emerging", ("Klockaretorpet",), "ar"),
    Scenario("Gi*, hela kommunen, år", "gistar", None, "ar"),
    Scenario("rutnät, hela kommunen, år", "rutnat", None, "ar"),
    Scenario("täthet, hela kommunen, år, 25 m", "tathet", None, "ar", cell_size=25),
    Scenario("nya & växande, hela kommunen, år", "emerging", None, "ar"),
)


def _recorder() -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def record(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return kwargs["default"]

    streamlit_folium._component_func = record  # type: ignore[attr-defined]
    return calls


def run_once(store: Store, sc: Scenario, calls: list[dict[str, Any]]) -> dict[str, float]:
    """One filter change, as the page does it; returns times (ms) and bytes."""
    t: dict[str, float] = {}
    start = time.perf_counter()
    areas = store.areas()
    tree = store.category_tree()
    period = preset_period(sc.preset, today=END)
    bbox, names = hl.analysis_bbox(areas, sc.areas)
    query = IncidentQuery(start=period.start, end=period.end, bbox=bbox)
    history = None
    if sc.mode == "emerging":
        w_start, _, _ = hl.emerging_window(period.start, period.end)
        history = store.incidents(IncidentQuery(start=w_start, end=period.end, bbox=bbox))
        incidents = history[history["occurred_at"] >= pd.Timestamp(period.start)]
    else:
        incidents = store.incidents(query)
    reference = comparison = None
    if sc.comparison:
        c_start, c_end = hl.comparison_period(period.start, period.end, sc.comparison)
        comparison = (sc.comparison, c_start, c_end)
        reference = store.incidents(IncidentQuery(start=c_start, end=c_end, bbox=bbox))
    t["query_ms"] = (time.perf_counter() - start) * 1000
    t["n_incidents"] = len(incidents if history is None else history)

    mark = time.perf_counter()
    layer = hl.run_layer(
        incidents,
        bbox,
        hl.HotspotParams(mode=sc.mode, cell_size=sc.cell_size),
        period=(period.start, period.end),
        history=history,
        reference=reference,
        comparison=comparison,
        filters={**query.describe(), "areas": names},
        tree=tree,
    )
    t["analysis_ms"] = (time.perf_counter() - mark) * 1000

    mark = time.perf_counter()
    (south, west), (north, east) = view = default_view(areas, "Klockaretorpet")
    fmap = base_map((south + north) / 2, (west + east) / 2, 15, None, bounds=view)
    area_outlines(areas_for_display(areas)).add_to(fmap)
    group = hotspot_group(layer, tree=tree, title="Hot spots")
    calls.clear()
    streamlit_folium.st_folium(fmap, feature_group_to_add=[group], key="hotspots_map")
    args = calls[0]
    t["layer_ms"] = (time.perf_counter() - mark) * 1000
    t["layer_bytes"] = len(str(args["feature_group"]).encode("utf-8"))
    t["payload_bytes"] = sum(
        len(str(args[k]).encode("utf-8")) for k in ("script", "html", "header", "feature_group")
    )

    t["total_ms"] = (time.perf_counter() - start) * 1000
    # Downloads are built only when a button is clicked (callables), not on a filter
    # change; timed apart.
    mark = time.perf_counter()
    sizes = [len(hl.export_geojson(layer)), len(hl.export_gpkg(layer)), len(hl.export_csv(layer))]
    t["exports_ms"] = (time.perf_counter() - mark) * 1000
    t["export_bytes"] = sum(sizes)
    t["features"] = len(layer.cells) if layer.points is None else len(layer.points.lat)
    t["cell_size"] = layer.grid.cell_size
    t["grid_cells"] = layer.grid.n_cells
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="reuse this demo database")
    parser.add_argument("--keep", action="store_true", help="keep the created database")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per scenario")
    args = parser.parse_args()

    tmp = None
    if args.db is not None and args.db.exists():
        db = args.db
    else:
        tmp = tempfile.mkdtemp(prefix="est-bench-")
        db = args.db or Path(tmp) / "demo-1m.gpkg"
        started = time.perf_counter()
        create_demo_database(str(db), n_incidents=N_INCIDENTS, end_date=END)
        print(
            f"created {db} with {N_INCIDENTS:,} incidents in {time.perf_counter() - started:.0f} s"
        )
    store = open_store(str(db))
    print(f"store: {store.count_incidents():,} incidents; cpus: {os.cpu_count()}")
    calls = _recorder()
    header = (
        f"{'scenario':<44} {'incid.':>8} {'cell':>5} {'feat.':>6} {'query':>7} "
        f"{'analys':>7} {'layer':>7} {'total':>7} {'layer KB':>9} {'sent KB':>8} {'export*':>8}"
    )
    print(header)
    for sc in SCENARIOS:
        run_once(store, sc, calls)  # warm-up: imports, page cache of SQLite
        runs = [run_once(store, sc, calls) for _ in range(args.repeats)]

        def med(key: str, runs: list[dict[str, float]] = runs) -> float:
            return statistics.median(r[key] for r in runs)

        print(
            f"{sc.label:<44} {med('n_incidents'):>8,.0f} {med('cell_size'):>5.0f} "
            f"{med('features'):>6.0f} {med('query_ms'):>7.0f} {med('analysis_ms'):>7.0f} "
            f"{med('layer_ms'):>7.0f} {med('total_ms'):>7.0f} "
            f"{med('layer_bytes') / 1024:>9.1f} {med('payload_bytes') / 1024:>8.1f} "
            f"{med('exports_ms'):>8.0f}"
        )
    print(
        "times in ms (median of runs); total = query + analysis + layer (a filter change); "
        "KB = 1024 bytes; sent = layer + base map script/HTML; export* = building the three "
        "downloads, done only on click"
    )
    if tmp is not None and not args.keep:
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        os.rmdir(tmp)
    elif tmp is not None:
        print(f"kept {db}")


if __name__ == "__main__":
    main()
