"""Meeting mode in a real Chromium: step through two saved views, fully offline."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, wait_for_leaflet, wait_for_map_frame, wait_until_idle
from playwright.sync_api import expect

from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore

pytestmark = pytest.mark.browser


@pytest.fixture
def meeting_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=8_000, end_date=date(2026, 11, 1))
    store = open_store(str(db))
    assert isinstance(store, MeetingStore)
    first = store.add_saved_view(
        SavedView("Klockaretorpet oktober", ViewState(area="NKP-KLO", period="2026-10")),
        user="test",
    )
    second = store.add_saved_view(
        SavedView("Navestad kvartal 3", ViewState(area="NKP-NAV", period="2026-Q3")),
        user="test",
    )
    agenda = store.save_agenda(Agenda("Chefssamråd november", (first, second)), user="test")
    # The demo brings an agenda of its own; the link names ours.
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "AGENDA": str(agenda)}


def test_meeting_mode_steps_through_two_views(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    meeting_env: dict[str, str],
) -> None:
    url = streamlit_server("app.py", env=meeting_env)
    browser_page.goto(f"{url}/mote?agenda={meeting_env['AGENDA']}", wait_until="domcontentloaded")
    heading = browser_page.locator("h1")
    heading.filter(has_text="Klockaretorpet oktober").first.wait_for(timeout=90_000)
    browser_page.get_by_text("Punkt 1 av 2").first.wait_for(timeout=60_000)
    wait_for_map_frame(  # the map drawn, with its legend
        browser_page,
        "document.querySelector('.est-legend') && (document.querySelector("
        "'.leaflet-container path.leaflet-interactive, .leaflet-container canvas'))",
    )
    # Meeting mode: the sidebar starts collapsed and the figures are large. Collapsing
    # slides the sidebar away: its width is read once the page's run has ended and the
    # slide is over (a width that never falls below 10 px still fails).
    wait_until_idle(browser_page)
    sidebar = browser_page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_attribute("data-collapsed") == "true"
    browser_page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stSidebar\"]')"
        ".getBoundingClientRect().width < 10",
        timeout=30_000,
    )
    # The size the digits are drawn in: the innermost element holding the text.
    size = browser_page.locator('[data-testid="stMetricValue"]').first.evaluate(
        "e => { let n = e; while (n.firstElementChild) n = n.firstElementChild;"
        " return parseFloat(getComputedStyle(n).fontSize); }"
    )
    assert size >= 48
    screenshot(browser_page, "mote-1")

    browser_page.get_by_role("button", name="Nästa ▶").click()  # the page is idle (above)
    heading.filter(has_text="Navestad kvartal 3").first.wait_for(timeout=60_000)
    browser_page.get_by_text("Punkt 2 av 2").first.wait_for(timeout=60_000)
    browser_page.wait_for_function("() => location.search.includes('steg=2')", timeout=60_000)
    assert "steg=2" in browser_page.url
    wait_for_leaflet(browser_page, timeout=60_000)
    # Until the step's run has drawn it, the button may still be step 1's (enabled).
    expect(browser_page.get_by_role("button", name="Nästa ▶")).to_be_disabled(timeout=60_000)
    screenshot(browser_page, "mote-2")

    wait_until_idle(browser_page)  # the button of the run that stays
    browser_page.get_by_role("button", name="◀ Föregående").click()
    heading.filter(has_text="Klockaretorpet oktober").first.wait_for(timeout=60_000)
    assert browser_log.page_errors == []
    assert not browser_log.blocked


def test_meeting_mode_draws_a_hotspots_grid_view_offline(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    """A saved Hotspots grid view is drawn in the meeting itself (cells and the grid's
    legend, from vendored assets only), not only linked to the Hotspots page."""
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=8_000, end_date=date(2026, 11, 1))
    store = open_store(str(db))
    assert isinstance(store, MeetingStore)
    grid = store.add_saved_view(
        SavedView(
            "Rutnät Klockaretorpet",
            ViewState(page="hotspots", area="NKP-KLO", period="2026-10", mode="rutnat",
                      options=(("cell", "200"),)),
        ),
        user="test",
    )  # fmt: skip
    agenda = store.save_agenda(Agenda("Hotspots i mötet", (grid,)), user="test")
    env = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    url = streamlit_server("app.py", env=env)
    browser_page.goto(f"{url}/mote?agenda={agenda}", wait_until="domcontentloaded")
    browser_page.locator("h1").filter(has_text="Rutnät Klockaretorpet").first.wait_for(
        timeout=90_000
    )
    wait_for_map_frame(
        browser_page,
        "document.querySelectorAll('path.leaflet-interactive').length > 1"
        " && (document.querySelector('.est-legend')?.innerText || '')"
        ".includes('Händelser per ruta')",
        timeout=90_000,
    )
    browser_page.get_by_text("händelser i analysområdet").first.wait_for(timeout=60_000)
    wait_until_idle(browser_page)  # the whole step drawn: now its absent notice means it
    assert browser_page.get_by_text("Den här punkten är en vy på sidan").count() == 0
    screenshot(browser_page, "mote-grid")
    assert browser_log.page_errors == []
    assert not browser_log.blocked
