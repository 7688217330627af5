"""Memory per process and per session on the read path: Karta and Hotspots, 1M incidents.

Run: ``.venv/bin/python bench/bench_sessions_memory.py [--db /tmp/bench1m.gpkg] [--sessions 10]``
(creates the demo database like ``bench_read_path.py`` when missing).

Opens ``--sessions`` Streamlit sessions one after another in this process with
``streamlit.testing.v1.AppTest`` (the app's own script runs, no browser), each showing
Karta for a year and then Hotspots Gi* for the whole municipality (Norrköping, 0581)
over a year (with ``--lagesbild`` also the municipality's Lägesbild for 2026), and
keeps them all open. Prints the process RSS before the first session,
after each, and the server seconds of each session's two page runs. The peer is the
first session: every later one should add little, since the incidents' columns are one
copy per process (:mod:`est_geo.store.columns`), not one per session.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench._common import demo_parser, ensure_demo, rss_mb  # noqa: E402

APP = str(ROOT / "app.py")
MUNICIPALITY_NAME = "Norrköping"
MUNICIPALITY_CODE = "0581"
#: The demo's data end on 2026-11-01: the calendar year holds ten months of reports.
LAGESBILD_PERIOD = "2026"


def lagesbild(at: Any) -> float:
    """The Lägesbild of the whole municipality for the year so far, as a link opens it
    (seconds); its result is shared by every session (``ui.lagesbild.view``)."""
    start = time.perf_counter()
    at.query_params.clear()
    at.query_params["area"] = MUNICIPALITY_CODE
    at.query_params["period"] = LAGESBILD_PERIOD
    at.switch_page(str(ROOT / "app_pages" / "lagesbild.py"))
    at.run()
    if at.exception or MUNICIPALITY_NAME not in at.title[0].value:
        raise RuntimeError(f"Lägesbild: {at.exception or at.title[0].value}")
    return time.perf_counter() - start


def open_session() -> tuple[Any, float, float]:
    """One session: Karta for a year, then Hotspots Gi* for the municipality."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=900)
    start = time.perf_counter()
    at.run()
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    karta = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"Karta: {at.exception}")
    start = time.perf_counter()
    at.switch_page(str(ROOT / "app_pages" / "hotspots.py"))
    at.run()
    at.sidebar.multiselect(key="hs_areas").set_value([MUNICIPALITY_NAME]).run()
    hotspots = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"Hotspots: {at.exception}")
    return at, karta, hotspots


def main() -> None:
    parser = demo_parser(__doc__)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument(
        "--lagesbild",
        action="store_true",
        help="each session also opens the municipality's Lägesbild for 2026",
    )
    args = parser.parse_args()
    ensure_demo(args.db, args.incidents)
    os.environ["EST_GEO_DATABASE_URL"] = str(args.db)
    os.environ["EST_GEO_TILE_URL"] = "none"
    print(f"load average before: {os.getloadavg()}")
    print(f"RSS before any session: {rss_mb():.0f} MB")
    kept = []
    for i in range(args.sessions):
        at, karta, hotspots = open_session()
        kept.append(at)
        also = f", Lägesbild (municipality, 2026) {lagesbild(at):6.2f} s" if args.lagesbild else ""
        print(
            f"session {i + 1:>2}: Karta (year) {karta:6.2f} s, Hotspots Gi* (municipality, "
            f"year) {hotspots:6.2f} s{also}; RSS {rss_mb():.0f} MB",
            flush=True,
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
