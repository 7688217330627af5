"""Shared views in a real Chromium: a Karta link opens the same centre and zoom, and a
saved view's link reproduces the same state — fully offline."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from conftest import BrowserLog, wait_for_leaflet, wait_until_idle

from est_geo.core.views import view_link
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore

pytestmark = pytest.mark.browser

LAT, LON, ZOOM = 58.58321, 16.19874, 14
# Karta is the start page, which Streamlit serves at the root: links name it by page=.
LINK = (
    f"/?page=karta&area=NKP-NAV&period=2026-10-01..2026-10-31&actor=polis"
    f"&lat={LAT:.5f}&lon={LON:.5f}&z={ZOOM}"
)
# Leaflet keeps the centre it was given with setView; 1e-5° is the link's own rounding.
TOLERANCE = 1.5e-5


@pytest.fixture
def views_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=8_000, end_date=date(2026, 11, 1))
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}


def _map_view(frame: Any) -> dict[str, float]:
    """The Leaflet map's own centre and zoom, read in the streamlit-folium iframe."""
    return frame.evaluate(
        "() => ({lat: window.map.getCenter().lat, lng: window.map.getCenter().lng,"
        " zoom: window.map.getZoom()})"
    )


def _wait_for_view(browser_page: Any, lat: float, lon: float, zoom: int) -> dict[str, float]:
    frame = wait_for_leaflet(browser_page, timeout=90_000)
    frame.wait_for_function(
        "([lat, lon, zoom, tol]) => window.map && window.map.getZoom() === zoom"
        " && Math.abs(window.map.getCenter().lat - lat) < tol"
        " && Math.abs(window.map.getCenter().lng - lon) < tol",
        arg=[lat, lon, zoom, TOLERANCE],
        timeout=60_000,
    )
    return _map_view(frame)


def _sidebar_text(browser_page: Any) -> str:
    """The sidebar's text plus the values of its inputs (a selectbox shows its choice there)."""
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    values = sidebar.evaluate("e => [...e.querySelectorAll('input')].map(i => i.value || '')")
    return sidebar.inner_text() + "\n" + "\n".join(values)


def _url_view(browser_page: Any) -> dict[str, str]:
    """Query parameters of the address bar (what a copied link would carry).

    Read in the page: Playwright's ``page.url`` does not follow every ``replaceState``.
    """
    return dict(parse_qsl(str(browser_page.evaluate("() => window.location.search")).lstrip("?")))


def test_karta_link_reproduces_centre_zoom_and_a_saved_view(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    views_env: dict[str, str],
) -> None:
    url = streamlit_server("app.py", env=views_env)
    browser_page.goto(url + LINK, wait_until="domcontentloaded")
    browser_page.get_by_text("händelser visas").first.wait_for(timeout=90_000)
    seen = _wait_for_view(browser_page, LAT, LON, ZOOM)
    assert abs(seen["lat"] - LAT) < TOLERANCE and abs(seen["lng"] - LON) < TOLERANCE
    assert seen["zoom"] == ZOOM
    # Once the map has reported where it is (after a 250 ms debounce, in a rerun), the
    # address bar is still this view: read once that rerun has ended.
    wait_until_idle(browser_page)
    linked = _url_view(browser_page)
    assert (linked["page"], linked["area"], linked["z"]) == ("karta", "NKP-NAV", str(ZOOM))
    # Leaflet recomputes the centre from whole pixels after the frame is sized: ≤ 1e-5°.
    assert abs(float(linked["lat"]) - LAT) < TOLERANCE
    assert abs(float(linked["lon"]) - LON) < TOLERANCE
    assert "Navestad (NKP-NAV)" in _sidebar_text(browser_page)
    screenshot(browser_page, "karta-link")

    # Panning/zooming reaches the URL through st_folium's return value, without a remount.
    frame = wait_for_leaflet(browser_page)
    frame.evaluate("() => { window.__estMounted = 'ja'; }")
    frame.evaluate(f"() => window.map.setView([{LAT + 0.002}, {LON}], {ZOOM + 1})")
    deadline = time.monotonic() + 60
    while _url_view(browser_page).get("z") != str(ZOOM + 1) and time.monotonic() < deadline:
        time.sleep(0.2)
    moved = _url_view(browser_page)
    assert moved["z"] == str(ZOOM + 1)
    assert abs(float(moved["lat"]) - (LAT + 0.002)) < TOLERANCE
    wait_until_idle(browser_page)  # the rerun the move caused has drawn the page again
    assert frame.evaluate("() => window.__estMounted") == "ja"
    assert _map_view(frame)["zoom"] == ZOOM + 1  # not snapped back to the link's view
    frame.evaluate(f"() => window.map.setView([{LAT}, {LON}], {ZOOM})")
    _wait_for_view(browser_page, LAT, LON, ZOOM)
    # The view is saved from what the map last reported: wait until that report has
    # reached the page (the address bar has the view back) and its rerun has ended.
    deadline = time.monotonic() + 60
    while _url_view(browser_page).get("z") != str(ZOOM) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _url_view(browser_page)["z"] == str(ZOOM)
    wait_until_idle(browser_page)

    browser_page.get_by_label("Namn på vyn").fill("Navestad oktober")
    browser_page.get_by_role("button", name="Spara vyn").click()
    browser_page.get_by_text("Vyn sparades").first.wait_for(timeout=60_000)
    store = open_store(views_env["EST_GEO_DATABASE_URL"])
    assert isinstance(store, MeetingStore)
    # The demo brings saved views of its own; ours is the one of that name.
    (saved,) = [v for v in store.saved_views(area_code="NKP-NAV") if v.name == "Navestad oktober"]
    state = saved.state
    assert (state.page, state.period, state.actors) == (
        "karta",
        "2026-10-01..2026-10-31",
        ("polis",),
    )
    assert state.center is not None and state.zoom == ZOOM
    assert abs(state.center[0] - LAT) < TOLERANCE and abs(state.center[1] - LON) < TOLERANCE

    # Someone else opens the saved view's link: the same map, the same filters.
    other = browser_page  # a new load is a new Streamlit session, as for another person
    query = view_link(state, view_id=saved.id).split("?", 1)[1]
    other.goto(f"{url}/?page=karta&{query}", wait_until="domcontentloaded")
    other.get_by_text("Sparad vy: Navestad oktober").first.wait_for(timeout=90_000)
    again = _wait_for_view(other, state.center[0], state.center[1], ZOOM)
    assert again["zoom"] == ZOOM
    wait_until_idle(other)  # the sidebar of the run that stays; no notice drawn later
    shown = _sidebar_text(other)
    assert "Navestad (NKP-NAV)" in shown
    assert "Polisen" in shown
    assert "2026-10-01" in shown.replace("\n", "")
    assert other.get_by_text("Page not found").count() == 0
    screenshot(other, "karta-saved-view")
    assert browser_log.page_errors == []
    assert not browser_log.blocked
