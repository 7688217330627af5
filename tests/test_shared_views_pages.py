"""AppTest of shared views on the Karta and Hotspots pages, and opening them from Möte.

Round trip per page: a link's query parameters set the widgets; a widget change writes
the query parameters back (so the address bar is always a link to the view); a saved
view is listed for its area and opens its own page from a meeting agenda.
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore

# The meeting pages' demo database, environment and page opener (fixtures by import).
from tests.test_meeting_pages import _page, env, meeting_db  # noqa: F401

pytestmark = pytest.mark.usefixtures("env")

KARTA_LINK = {
    "area": "NKP-NAV",
    "period": "2026-10-01..2026-10-31",
    "cat": "skadegorelse",
    "actor": "polis",
    "lat": "58.57100",
    "lon": "16.20300",
    "z": "15",
}


def _param(at: AppTest, key: str) -> str | None:
    value = at.query_params.get(key)
    if isinstance(value, list):
        return value[-1] if value else None
    return value


def test_karta_link_sets_the_filters_and_a_change_updates_the_link() -> None:
    at = _page("karta", **KARTA_LINK)
    assert at.sidebar.selectbox(key="karta_area").value == "NKP-NAV"
    assert at.sidebar.selectbox(key="f_period").value == "egen"
    assert at.sidebar.date_input(key="f_dates").value == (date(2026, 10, 1), date(2026, 10, 31))
    assert at.sidebar.multiselect(key="f_categories").value == ["skadegorelse"]
    assert at.sidebar.multiselect(key="f_actors").value == ["polis"]
    assert not [w for w in at.warning if "Länken" in w.value]  # no "bad link" warning
    # The URL written back is the same view (the map has not reported a pan yet).
    for key, value in KARTA_LINK.items():
        assert _param(at, key) == value, key
    assert _param(at, "mode") == "handelser"

    at.sidebar.multiselect(key="f_actors").set_value(["kommun"]).run()
    assert not at.exception, at.exception
    assert _param(at, "actor") == "kommun"
    assert _param(at, "area") == "NKP-NAV"
    assert _param(at, "lat") == "58.57100"  # the centre is kept while the area is
    at.sidebar.selectbox(key="karta_area").set_value("NKP-KLO").run()
    assert _param(at, "area") == "NKP-KLO"
    assert _param(at, "lat") != "58.57100"  # another area: the map fits it instead


def test_karta_saves_a_view_listed_for_its_area() -> None:
    at = _page("karta", **KARTA_LINK)
    at.text_input(key="karta_view_name").input("Navestad oktober på kartan")
    at.button(key="FormSubmitter:save_view-Spara vyn").click()
    at.run()
    assert not at.exception, at.exception
    store = open_store(os.environ["EST_GEO_DATABASE_URL"])
    assert isinstance(store, MeetingStore)
    saved = [v for v in store.saved_views(area_code="NKP-NAV") if v.name.endswith("kartan")]
    assert len(saved) == 1
    state = saved[0].state
    assert (state.page, state.period, state.categories, state.actors) == (
        "karta",
        "2026-10-01..2026-10-31",
        ("skadegorelse",),
        ("polis",),
    )
    assert (state.center, state.zoom) == ((58.571, 16.203), 15)
    assert any("Navestad oktober på kartan" in m.value for m in at.markdown)
    # A member may save too; the public role never sees the page (see access.py).
    member = _page("karta", Role.MEDLEM, area="NKP-NAV")
    assert member.text_input(key="karta_view_name") is not None


def test_hotspots_link_sets_areas_and_mode_and_a_change_updates_the_link() -> None:
    at = _page(
        "hotspots",
        area="NKP-KLO",
        areas="NKP-NAV",
        period="2026-08-01..2026-10-31",
        mode="rutnat",
        lat="58.56000",
        lon="16.15000",
        z="14",
    )
    assert at.sidebar.multiselect(key="hs_areas").value == ["Klockaretorpet", "Navestad"]
    assert at.segmented_control(key="hs_mode").value == "rutnat"
    assert at.sidebar.date_input(key="f_dates").value == (date(2026, 8, 1), date(2026, 10, 31))
    assert (_param(at, "area"), _param(at, "areas")) == ("NKP-KLO", "NKP-NAV")
    assert (_param(at, "lat"), _param(at, "lon"), _param(at, "z")) == (
        "58.56000",
        "16.15000",
        "14",
    )

    at.segmented_control(key="hs_mode").set_value("gistar").run()
    assert not at.exception, at.exception
    assert _param(at, "mode") == "gistar"
    assert _param(at, "period") == "2026-08-01..2026-10-31"
    at.sidebar.multiselect(key="hs_areas").set_value(["Navestad"]).run()
    assert _param(at, "area") == "NKP-NAV"
    assert _param(at, "areas") is None


def test_hotspots_link_carries_the_analysis_settings() -> None:
    # Cell size, FDR, weekdays, hours, comparison and bandwidth are part of the view.
    at = _page(
        "hotspots",
        area="NKP-KLO",
        period="2026-08-01..2026-10-31",
        mode="tathet",
        **{"o.cell": "200", "o.fdr": "1", "o.days": "4,5", "o.hours": "18-23"},
        **{"o.cmp": "previous", "o.bw": "150"},
    )
    assert not at.exception, at.exception
    assert not [w.value for w in at.warning if "Länken" in w.value or "o." in w.value]
    assert at.sidebar.select_slider(key="hs_cell_size").value == 200
    assert at.sidebar.toggle(key="hs_fdr").value is True
    assert at.sidebar.multiselect(key="hs_weekdays").value == [4, 5]
    assert at.sidebar.slider(key="hs_hours").value == (18, 23)
    assert at.sidebar.radio(key="hs_comparison").value == "previous"
    assert at.sidebar.number_input(key="hs_bandwidth").value == 150
    for key, value in (("o.cell", "200"), ("o.days", "4,5"), ("o.hours", "18-23")):
        assert _param(at, key) == value, key

    # A change is in the link at once; back at the default it leaves the link.
    at.sidebar.select_slider(key="hs_cell_size").set_value(100).run()
    assert _param(at, "o.cell") is None and _param(at, "o.bw") == "150"

    # A bad setting is named, and the page falls back to its defaults.
    at = _page("hotspots", area="NKP-KLO", **{"o.cell": "7"})
    assert any("o.cell" in w.value.replace("\\", "") for w in at.warning)
    assert at.sidebar.select_slider(key="hs_cell_size").value == 100


def test_mote_draws_a_karta_view_and_links_a_density_view() -> None:
    store = open_store(os.environ["EST_GEO_DATABASE_URL"])
    assert isinstance(store, MeetingStore)
    karta = ViewState(
        page="karta",
        area="NKP-HAG",
        period="2026-09",
        layers=("omraden", "handelser"),
        mode="handelser",
        center=(58.5601, 16.2102),
        zoom=16,
    )
    density = ViewState(page="hotspots", area="NKP-HAG", period="2026-09", mode="tathet")
    first = store.add_saved_view(SavedView("Hageby på kartan", karta), user="test")
    second = store.add_saved_view(SavedView("Hageby täthet", density), user="test")
    agenda_id = store.save_agenda(Agenda("Kartmöte", (first, second)), user="test")

    # The reports map of one area and period is the meeting's own picture: drawn here.
    at = _page("mote", agenda=str(agenda_id), steg="1")
    assert not at.exception
    assert at.title[0].value == "Hageby på kartan"
    assert at.get("metric") and not at.get("page_link")

    # A density map exists only on the Hotspots page: a link to it there instead.
    at = _page("mote", agenda=str(agenda_id), steg="2")
    links = at.get("page_link")
    assert len(links) == 1
    link = links[0].proto
    assert link.label == "Öppna vyn på sidan Hotspots"
    assert "area=NKP-HAG" in link.query_string and "mode=tathet" in link.query_string
    assert f"vy={second}" in link.query_string
    assert not at.get("metric")
