"""AppTest: Karta's counts and table cover the chosen area, not the whole municipality.

Issue 13 item 2: with "Klockaretorpet centrum" chosen the page said "401 av 401 händelser
visas" and "Per kategori" counted the whole municipality, while the map only moved. The
expected figures are computed here independently of the page (shapely over the stored
incidents and the stored polygon).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from est_geo.store import IncidentQuery, open_store
from tests.test_app_smoke import APP, demo_db  # noqa: F401  (session fixture)

PERIOD = "2026-10-01..2026-10-31"


@pytest.fixture
def app_env(point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str) -> pytest.MonkeyPatch:  # noqa: F811
    return point_app(demo_db)


def _expected(db: str, code: str) -> tuple[int, int, Counter[str]]:
    """Incidents of October 2026: in the area's polygon, in all, and per main category."""
    store = open_store(db)
    frame = store.incidents(IncidentQuery(start=datetime(2026, 10, 1), end=datetime(2026, 11, 1)))
    areas = store.areas()
    polygon = areas.geometry[areas["code"] == code].iloc[0]
    inside = shapely.intersects_xy(polygon, frame["x"].to_numpy(), frame["y"].to_numpy())
    tree = store.category_tree()
    mains = Counter(tree.main_of(c) for c in frame.loc[inside, "category"])
    labelled = Counter({tree.label(k, "sv"): n for k, n in mains.items()})
    return int(inside.sum()), len(frame), labelled


@pytest.mark.parametrize("code", ["NKP-KLO-C", "NKP-NAV"])
def test_counts_and_table_follow_the_chosen_area(
    app_env: pytest.MonkeyPatch,
    demo_db: str,  # noqa: F811
    code: str,
) -> None:
    n_in, n_all, by_category = _expected(demo_db, code)
    assert 0 < n_in < n_all  # the case of the issue: the area holds part of the incidents
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"page": "karta", "area": code, "period": PERIOD})
    at.run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="karta_area").value == code
    sentence = next(m.value for m in at.markdown if "händelser visas" in m.value)
    assert sentence.startswith(f"{n_in} av {n_all} händelser visas"), sentence
    table = at.dataframe[0].value
    shown = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert shown == dict(by_category)

    # Another area: the figures follow it.
    at.sidebar.selectbox(key="karta_area").set_value("0581").run()
    n_kommun, _, _ = _expected(demo_db, "0581")
    sentence = next(m.value for m in at.markdown if "händelser visas" in m.value)
    assert sentence.startswith(f"{n_kommun} av {n_all} händelser visas"), sentence


def _map_args(at: AppTest) -> dict[str, Any]:
    maps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    assert len(maps) == 1
    args: dict[str, Any] = json.loads(maps[0].proto.json_args)
    return args


def _karta(code: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"page": "karta", "area": code, "period": PERIOD})
    at.run()
    assert not at.exception, at.exception
    return at


def test_view_computed_and_map_built_once_until_the_data_change(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reruns and other visitors of one Karta view get its incidents counted into the
    map's cells and the map built once (issue 18: ~0.45 s of server CPU a run for the
    municipality, two runs a visit); another area is its own view; another tool deleting
    incidents gives the next visitor new figures and a new map."""
    from ui.karta import map as karta_map
    from ui.karta import view

    drawn: list[int] = []
    counted: list[int] = []
    real_layer, real_display = karta_map._incident_layer, view.selection_display

    def layer(*args: Any, **kwargs: Any) -> Any:
        drawn.append(1)
        return real_layer(*args, **kwargs)

    def display(*args: Any, **kwargs: Any) -> Any:
        counted.append(1)
        return real_display(*args, **kwargs)

    monkeypatch.setattr(karta_map, "_incident_layer", layer)
    monkeypatch.setattr(view, "selection_display", display)
    db = demo_copy(5_000)
    first = _karta("0581")
    first.run()  # the rerun a drawn map causes
    again = _karta("0581")
    assert (len(counted), len(drawn)) == (1, 1)
    assert _map_args(first) == _map_args(again)
    sentence = next(m.value for m in again.markdown if "händelser visas" in m.value)

    again.sidebar.selectbox(key="karta_area").set_value("NKP-KLO").run()
    assert not again.exception, again.exception
    assert (len(counted), len(drawn)) == (2, 2)

    with sqlite3.connect(db) as con:  # another tool (QGIS) deletes half the incidents
        con.execute("DELETE FROM incidents WHERE fid % 2 = 0")
    con.close()
    emptied = _karta("0581")
    assert (len(counted), len(drawn)) == (3, 3)
    assert _map_args(emptied) != _map_args(first)
    after = next(m.value for m in emptied.markdown if "händelser visas" in m.value)
    assert after != sentence, after
