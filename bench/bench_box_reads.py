"""Bounding-box reads of the GeoPackage: the route the store picks, the R*Tree, x/y alone.

Run: ``.venv/bin/python bench/bench_box_reads.py [--db /tmp/bench1m.gpkg] [--repeats 3]``
(creates the 1M demo database with ``est-geo demo`` when the file is missing).

Since schema 11 the file has no B-tree on x/y: a box is answered either from the R*Tree
(``fid IN (SELECT id FROM incidents_rtree …)``, with the period's time dimension) or by
testing x/y beside the time index or a scan; the store probes the R*Tree with a
``LIMIT`` and takes it when it finds fewer than an eighth of the period's rows
(``est_geo.store.gpkg._TREE_SHARE``; the period's rows estimated from the stored time
span). This prints, for boxes from a 500 m square to the
whole municipality and periods from four weeks to all time, the median CPU seconds of
``Store.incidents`` and ``Store.count_incidents`` by the route picked and by each route
forced, in the same run, so the rule can be judged against both; and the load average
(2 shared cores: CPU, not wall, is the figure to compare).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._common import demo_parser, open_demo, timed
from est_geo.store import IncidentQuery
from est_geo.store import gpkg as gpkg_module
from est_geo.store.gpkg import GeoPackageStore

ROUTES = {"picked": None, "R*Tree": (10**12, 1), "x/y only": (1, 10**12)}


@contextmanager
def route(limits: tuple[int, int] | None) -> Iterator[None]:
    """Force a route by the probe's least limit and share (``None``: the store's rule)."""
    saved = gpkg_module._MIN_TREE_PROBE, gpkg_module._TREE_SHARE
    if limits is not None:
        gpkg_module._MIN_TREE_PROBE, gpkg_module._TREE_SHARE = limits
    try:
        yield
    finally:
        gpkg_module._MIN_TREE_PROBE, gpkg_module._TREE_SHARE = saved


def cases(store: GeoPackageStore) -> dict[str, IncidentQuery]:
    """Boxes × periods on the demo: the municipality, Klockaretorpet, a 500 m square."""
    areas = store.areas()
    bounds = {
        code: areas[areas["code"] == code].geometry.iloc[0].bounds for code in ("0581", "NKP-KLO")
    }
    _, last = store.info().incident_range
    end = datetime.fromisoformat(str(last)).replace(hour=0, minute=0, second=0) + timedelta(1)
    x0, y0 = 564_500.0, 6_492_500.0
    boxes = {
        "municipality": bounds["0581"],
        "Klockaretorpet": bounds["NKP-KLO"],
        "500 m square": (x0, y0, x0 + 500, y0 + 500),
    }
    periods = {"4 weeks": timedelta(days=28), "365 days": timedelta(days=365), "all time": None}
    return {
        f"{box}, {period}": IncidentQuery(
            bbox=bbox, start=None if span is None else end - span, end=None if span is None else end
        )
        for box, bbox in boxes.items()
        for period, span in periods.items()
    }


def main() -> None:
    parser = demo_parser(__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    store = open_demo(args)
    if not isinstance(store, GeoPackageStore):
        raise SystemExit("a GeoPackage is needed")
    print(f"{'box, period':<32} {'rows':>9}  " + "  ".join(f"{r:>20}" for r in ROUTES))
    for label, query in cases(store).items():
        for what, call in (
            ("incidents", lambda q=query: store.incidents(q)),
            ("count", lambda q=query: store.count_incidents(q)),
        ):
            figures = []
            for limits in ROUTES.values():
                with route(limits):
                    fn: Callable[[], object] = call
                    figures.append(timed(fn, args.repeats)[1])
            rows = store.count_incidents(query)
            print(
                f"{label + ': ' + what:<32} {rows:>9,}  "
                + "  ".join(f"{cpu:>16.3f} CPU" for cpu in figures)
            )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
