"""AppTest of the Hotspots page: every mode renders, filters rerun, cell detail, downloads."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.demo.bootstrap import create_demo_database
from est_geo.hotspots.layers import MODES
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = str(ROOT / PAGE_FILES["hotspots"][0])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("hs") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=8_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture
def app_env(point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str) -> pytest.MonkeyPatch:
    return point_app(demo_db)


def _page(role: Role = Role.ANALYTIKER) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = role.value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " " + " ".join(c.value for c in at.caption)


def test_every_mode_renders_with_legend_text_and_downloads(app_env: pytest.MonkeyPatch) -> None:
    at = _page()
    assert at.title[0].value == "Hotspots"
    # A quarter of reports gives enough for inference; the top list has place names.
    at.sidebar.selectbox(key="f_period").set_value("kvartal").run()
    for mode in MODES:
        at.session_state["hs_mode"] = mode
        at.run()
        assert not at.exception, (mode, at.exception)
        text = _texts(at)
        assert "händelser i analysområdet" in text, mode
        assert len(at.get("download_button")) == 4, mode  # GeoJSON, GeoPackage, CSV, Excel
    at.session_state["hs_mode"] = "tathet"
    at.run()
    at.sidebar.number_input(key="hs_bandwidth").set_value(300).run()
    assert not at.exception and "bandbredd 300 m" in _texts(at)
    at.session_state["hs_mode"] = "gistar"
    at.run()
    assert "Hot spot, 99 % säkerhet" in _texts(at)  # class meanings written out
    tables = at.dataframe
    assert tables, "top-N list missing"
    places = tables[0].value.iloc[:, 1].tolist()
    assert any(p in {"Klockaretorpet", "Klockaretorpet centrum"} for p in places), places


def test_too_few_note_and_filters(app_env: pytest.MonkeyPatch) -> None:
    at = _page()
    at.sidebar.selectbox(key="f_period").set_value("vecka").run()
    at.sidebar.multiselect(key="hs_weekdays").set_value([6]).run()
    assert not at.exception
    assert any("För få händelser" in w.value for w in at.warning), [w.value for w in at.warning]
    # Other widgets rerun without error: hours, cell size, FDR, comparison.
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    at.sidebar.multiselect(key="hs_weekdays").set_value([]).run()
    at.sidebar.slider(key="hs_hours").set_value((18, 23)).run()
    at.sidebar.select_slider(key="hs_cell_size").set_value(50).run()
    at.sidebar.toggle(key="hs_fdr").set_value(True).run()
    at.sidebar.radio(key="hs_comparison").set_value("last_year").run()
    assert not at.exception, at.exception
    assert "samma period förra året" in _texts(at)


def test_cell_detail_from_the_list(app_env: pytest.MonkeyPatch) -> None:
    at = _page()
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    box = at.selectbox(key="hs_cell")
    # Offered as "<cell id> (<place>)": the busiest cell of each hot spot place.
    cells = [o.split(" ")[0] for o in box.options if o and o != "–"]
    assert cells, "no hot spot cells to pick"
    assert all("(" in o for o in box.options if o != "–"), box.options
    box.set_value(cells[0]).run()
    assert not at.exception, at.exception
    assert any(h.value.startswith("Ruta ") for h in at.subheader)
    assert "händelser i rutan" in _texts(at)
    charts = at.get("plotly_chart")
    assert len(charts) == 3  # by category, monthly trend, weekday × hour


def test_hot_spot_list_ranks_named_places_by_incidents(app_env: pytest.MonkeyPatch) -> None:
    """Issue 13 item 3: the list named grid codes and ranked empty cells first ("Hot spot,
    99 % säkerhet" with 0 incidents). Now: places (touching significant cells), most
    incidents first, named by area, with the explanation that Gi* marks neighbourhoods;
    the grid codes stay as the last column."""
    at = _page()
    at.sidebar.selectbox(key="f_period").set_value("kvartal").run()
    assert not at.exception, at.exception
    assert "Gi* markerar grannskap" in _texts(at)
    # The summary counts the places the list shows, next to the marked cells.
    assert re.search(r"\d+ rut(a|or) markerade som hot spot .* i \d+ plats(er)?\.", _texts(at))
    table = at.dataframe[0].value
    assert list(table.columns[:4]) == ["Nr", "Plats", "Närmaste område", "Antal"], table.columns
    counts = table["Antal"].tolist()
    assert counts == sorted(counts, reverse=True) and counts[0] > 0, counts
    assert not table["Plats"].str.contains(r"\d+m_E", regex=True).any()
    assert table.columns[-1] == "Rut-id"
    ids = [i for cell in table["Rut-id"] for i in cell.split(", ")]
    assert all(i.startswith("100m_E") for i in ids) and len(ids) >= table["Rutor"].sum()


def test_public_role_is_refused(app_env: pytest.MonkeyPatch) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["est_geo_role"] = Role.PUBLIC.value
    at.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE).run()


def _map_args(at: AppTest) -> dict[str, Any]:
    """The Hotspots map's component arguments in ``at``'s last run."""
    maps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    assert len(maps) == 1
    args: dict[str, Any] = json.loads(maps[0].proto.json_args)
    return args


def test_map_built_once_per_view_until_the_data_change(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reruns of one view and other visitors of it get the map built and rendered once
    (issue 18: a returning visit is three page runs, and building the folium map,
    reprojecting the outlines and rendering them to Leaflet script on each was the
    largest part of a run's server CPU); another mode builds its own map; another tool
    emptying the incidents gives the next run a new map."""
    from ui.hotspots import map as hotspots_map

    built: list[str] = []
    real = hotspots_map.hotspot_group

    def counted(*args: Any, **kwargs: Any) -> Any:
        built.append(str(kwargs.get("title")))
        return real(*args, **kwargs)

    monkeypatch.setattr(hotspots_map, "hotspot_group", counted)
    db = demo_copy(5_000)
    first = _page()
    first.run()  # the rerun a drawn map causes
    again = _page()  # another visitor of the same view
    assert not first.exception and not again.exception
    assert len(built) == 1, built
    assert _map_args(first) == _map_args(again)
    assert _map_args(again)["feature_group"]  # the mode's layer and legend

    again.session_state["hs_mode"] = "rutnat"
    again.run()
    assert not again.exception, again.exception
    assert len(built) == 2 and _map_args(again) != _map_args(first)

    with sqlite3.connect(db) as con:  # another tool (QGIS) empties the layer
        con.execute("DELETE FROM incidents")
    con.close()
    emptied = _page()
    assert not emptied.exception, emptied.exception
    assert len(built) == 3 and _map_args(emptied) != _map_args(first)


def test_map_is_not_told_to_move_where_it_already_is(app_env: pytest.MonkeyPatch) -> None:
    """The map starts at the chosen area, so it gets no centre or zoom until another area
    is chosen (issue 18: streamlit-folium calls ``setView`` for any centre it has not
    applied, and the move reported the position again, a third page run every visit);
    from then on it always does, so going back to the first area moves the map back."""
    at = _page()
    first = _map_args(at)
    assert first["center"] is None and first["zoom"] is None, first["center"]
    chosen = at.sidebar.multiselect(key="hs_areas")
    start = list(chosen.value)
    other = next(o for o in chosen.options if o not in start)
    chosen.set_value([other]).run()
    assert not at.exception, at.exception
    moved = _map_args(at)
    assert moved["center"] is not None and moved["zoom"] is not None
    at.sidebar.multiselect(key="hs_areas").set_value(start).run()
    back = _map_args(at)
    assert back["center"] is not None and back["center"] != moved["center"]
    assert _map_args(at)["script"] == first["script"]  # the same base map: no remount
