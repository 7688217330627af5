"""Benchmark of a public visit to Läget i området (issue 18: ≤ 0.25 s server CPU per visit).

Run: ``.venv/bin/python bench/bench_public_visit.py`` (creates a demo database with
``--incidents`` rows, default 200,000, in a temp directory first; ``--db PATH`` reuses
one made earlier).

Each visit is a new ``AppTest`` session of ``app.py`` in public mode (the page's whole
script: widgets, the release's tables, the folium map, the chart). Process CPU time is
measured around each run (the script runs in a thread of this process). Three figures:

* **cold** — the first visit of the process: builds the period's release (one per closed
  period and data change, ``ui.public_data``) and every other cache;
* **warm** — later visits (new sessions) that find the release in the process-wide cache:
  the figure issue 18 asks about;
* **peer** — the same visit with the release cache cleared before each run, i.e. the
  aggregates computed per visit as before this change, measured in the same run;
* **map peer** — the same visit with the map's recorded payload cleared before each run
  (``ui.oversikt.public_map``), i.e. the folium map built and rendered per visit as
  before the payload cache, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from est_geo.demo.bootstrap import create_demo_database  # noqa: E402

END = date(2026, 11, 1)


def _visit() -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    start = time.process_time()
    at.run()
    spent = time.process_time() - start
    if at.exception:
        raise RuntimeError(str(at.exception))
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="existing demo database (else one is created)")
    parser.add_argument("--incidents", type=int, default=200_000)
    parser.add_argument("--visits", type=int, default=7)
    args = parser.parse_args()
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "public.gpkg")
        print(f"creating demo database with {args.incidents:,} incidents …", flush=True)
        create_demo_database(db, n_incidents=args.incidents, end_date=END)
    os.environ.update(EST_GEO_DATABASE_URL=db, EST_GEO_MODE="public", EST_GEO_TILE_URL="none")

    from ui import public_data
    from ui.oversikt import public_map

    cold = _visit()
    warm = [_visit() for _ in range(args.visits)]
    peer = []
    for _ in range(args.visits):
        public_data._release.clear()
        peer.append(_visit())
    map_peer = []
    for _ in range(args.visits):
        public_map._payload.clear()
        map_peer.append(_visit())
    print(f"load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}, nproc {os.cpu_count()}")
    print(f"cold visit (builds the release):      {cold:.3f} s CPU")
    print(f"warm visit, median of {args.visits}:             {statistics.median(warm):.3f} s CPU")
    print(f"peer (release per visit), median:     {statistics.median(peer):.3f} s CPU")
    print(f"map peer (map per visit), median:     {statistics.median(map_peer):.3f} s CPU")


if __name__ == "__main__":
    main()
