"""Benchmark: import a 1,000,000-row CSV into the embedded store (target ≤ 20 s).

Measured in the same run, for scale: geopandas reading the same CSV (``read_file``, with
pyogrio) and writing it as a GeoPackage (``to_file``). Our import does more — column
detection, CRS detection, validation of every row, category mapping, dedup keys, audit —
so the ratio says what that costs on top of plain GDAL I/O.

Usage: ``python bench/bench_import.py [--rows 1000000] [--dir /tmp] [--hash]``
(``--hash`` drops the id column so dedup keys come from the content hash).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from est_geo.io import import_incidents
from est_geo.store import create_store

_LABELS = ["Klotter", "Glaskross", "Bråk", "Trapphus", "Belysning", "Skadegörelse", "Inbrott"]
_ACTORS = ["Polisen", "Hyresbostäder", "Kommunen", "Väktare"]


def make_csv(path: Path, rows: int, *, with_id: bool) -> None:
    """A Swedish-Excel-like file: semicolons, SWEREF 99 TM, date and time, Windows-1252."""
    rng = np.random.default_rng(2017)
    start = np.datetime64("2024-01-01T00:00")
    stamps = start + rng.integers(0, 365 * 24 * 60, rows).astype("timedelta64[m]")
    frame = pd.DataFrame(
        {
            "Datum": np.datetime_as_string(stamps, unit="m").astype(str),
            "Kategori": np.array(_LABELS)[rng.integers(0, len(_LABELS), rows)],
            "Aktör": np.array(_ACTORS)[rng.integers(0, len(_ACTORS), rows)],
            "X": np.round(rng.uniform(560_000, 575_000, rows), 1),
            "Y": np.round(rng.uniform(6_488_000, 6_500_000, rows), 1),
            "Beskrivning": np.where(rng.random(rows) < 0.1, "kort text", ""),
        }
    )
    frame["Datum"] = frame["Datum"].str.replace("T", " ", regex=False)
    if with_id:
        frame.insert(0, "ID", np.arange(1, rows + 1))
    frame.to_csv(path, sep=";", index=False, encoding="cp1252")


def main() -> None:
    """Run both measurements and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dir", default=None, help="working directory (default: system temp)")
    parser.add_argument("--hash", action="store_true", help="no id column: content-hash ids")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="est-bench-", dir=args.dir))
    csv_path = work / "rapporter.csv"
    make_csv(csv_path, args.rows, with_id=not args.hash)
    print(f"{args.rows:,} rader, {csv_path.stat().st_size / 1e6:.0f} MB CSV i {work}")
    print(f"load average före: {os.getloadavg()}")

    store = create_store(str(work / "est.gpkg"))
    stages: list[tuple[float, str]] = []
    t0 = time.perf_counter()
    c0 = time.process_time()
    report = import_incidents(
        store,
        csv_path,
        user="bench",
        source="bench",
        progress=lambda f, msg: stages.append((time.perf_counter() - t0, msg)),
    )
    ours = time.perf_counter() - t0
    ours_cpu = time.process_time() - c0
    assert report.imported == args.rows, report
    for at, msg in stages:
        print(f"  {at:6.2f} s  {msg}")
    print(f"EST Geo import:                {ours:6.2f} s  ({report.imported:,} importerade)")
    # CPU time of this process: on a shared machine wall time includes waiting for a CPU
    # (Arrow's CSV reader uses several threads, so CPU can also exceed wall).
    print(f"  CPU-tid:                     {ours_cpu:6.2f} s")

    import geopandas as gpd

    t1 = time.perf_counter()
    raw = gpd.read_file(csv_path, engine="pyogrio", encoding="cp1252")
    gdf = gpd.GeoDataFrame(
        raw,
        geometry=gpd.points_from_xy(raw["X"].astype(float), raw["Y"].astype(float)),
        crs="EPSG:3006",
    )
    gdf.to_file(work / "geopandas.gpkg", driver="GPKG", engine="pyogrio")
    theirs = time.perf_counter() - t1
    print(f"geopandas read_file + to_file: {theirs:6.2f} s")
    print(f"kvot EST Geo / geopandas:      {ours / theirs:6.2f}")
    print(f"mål ≤ 20 s: {'uppfyllt' if ours <= 20 else 'EJ uppfyllt'}")
    print(f"load average efter: {os.getloadavg()}")


if __name__ == "__main__":
    main()
