"""AppTest: a widget the browser draws for the first time shows the session's value.

Issue 13 item 9: Hotspots sometimes opened with 25 m cells (``o.cell=25``) in a fresh
session. The race: the page put its defaults into ``st.session_state`` (``setdefault``)
and created the widgets without a default of their own. When a run is stopped by a
rerun (st_folium's first value, the URL update) after that write but before the sidebar
reached the browser, the next run finds the key already in the session: Streamlit then
sends the widget *without* its value (``set_value`` false), and a browser that has not
drawn it yet shows the widget's own default — the first option, 25 m — and sends that
back on the next rerun. AppTest cannot interrupt a run, so the state that run leaves
behind is set up directly: the keys in the session before the page's first run.

What a browser that has never drawn a widget shows is read from the element Streamlit
sends: its value when ``set_value``, else its default.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.periods import PRESET_ORDER
from est_geo.hotspots.view import CELL_SIZES
from tests.test_hotspots_page import demo_db  # noqa: F401  (module fixture)
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture
def app_env(point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str) -> pytest.MonkeyPatch:  # noqa: F811
    return point_app(demo_db)


def _first_draw_index(widget: Any) -> list[int]:
    """Index(es) of the option(s) a browser drawing ``widget`` for the first time shows:
    the value Streamlit sends when ``set_value``, else the widget's own default."""
    proto = widget.proto
    if proto.set_value:
        return [-1]  # the browser is told the value: nothing to compare
    default = proto.default
    return [int(default)] if isinstance(default, int) else [int(i) for i in default]


def _second_run(page: str) -> AppTest:
    """A fresh session's page after its first run — the run that wrote the defaults into
    the session — was stopped before its sidebar reached the browser: the second run is
    the first one the browser draws."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES[page][0]))
    at.run()
    at.run()
    assert not at.exception, at.exception
    return at


def test_hotspots_cell_size_hours_and_period_are_drawn_with_the_session_values(
    app_env: pytest.MonkeyPatch,
) -> None:
    at = _second_run("hotspots")
    cell = at.sidebar.select_slider(key="hs_cell_size")
    assert cell.value == 100
    assert _first_draw_index(cell) in ([CELL_SIZES.index(100)], [-1])  # was [0]: 25 m
    hours = at.sidebar.slider(key="hs_hours")
    assert hours.value == (0, 23)
    assert _first_draw_index(hours) in ([0, 23], [-1])  # was [0]: one hour, not a range
    period = at.sidebar.selectbox(key="f_period")
    assert period.value == "4veckor"
    assert _first_draw_index(period) in ([PRESET_ORDER.index("4veckor")], [-1])  # was 0
    fdr = at.sidebar.toggle(key="hs_fdr")
    assert fdr.value is False and (fdr.proto.default is False or fdr.proto.set_value)
    # Nothing the browser sends back can move the URL to another cell size.
    assert "o.cell" not in at.query_params


def test_karta_area_is_drawn_with_the_session_value(app_env: pytest.MonkeyPatch) -> None:
    at = _second_run("karta")
    area = at.sidebar.selectbox(key="karta_area")
    assert area.value == "NKP-KLO-C"  # the page's default area
    wanted = next(i for i, o in enumerate(area.options) if o.endswith("(NKP-KLO-C)"))
    assert _first_draw_index(area) in ([wanted], [-1])  # was [0]: the whole kommun
