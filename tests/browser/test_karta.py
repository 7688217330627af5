"""The real app in a real Chromium: the Karta page on demo data, fully offline."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, choose_option, wait_for_leaflet, wait_until_idle

from est_geo.demo.bootstrap import create_demo_database

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=20_000, end_date=date(2026, 11, 1))
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}


#: Number of polygons (outlines and count cells) on the folium map in a frame: a canvas
#: renderer leaves no element per shape in the page, so ask Leaflet.
POLYGONS = """() => {
  const maps = Object.keys(window).filter(k => k.startsWith('map_') && window[k] instanceof L.Map);
  let n = 0;
  for (const k of maps) { window[k].eachLayer(l => { if (l instanceof L.Polygon) n += 1; }); }
  return n;
}"""


def test_karta_shows_outlines_offline_and_filters_without_remount(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_env: dict[str, str],
) -> None:
    url = streamlit_server("app.py", env=demo_env)
    started = time.monotonic()
    browser_page.goto(url, wait_until="domcontentloaded")
    frame = wait_for_leaflet(browser_page, timeout=60_000)
    print(f"\nKarta: map visible {time.monotonic() - started:.1f} s after navigation")

    browser_page.get_by_text("Demodata – fiktiva händelser").first.wait_for(timeout=60_000)
    # Area outlines (Klockaretorpet, its centrum, ...) are vector layers of the map,
    # drawn on its one canvas (preferCanvas: thousands of count cells draw quickly).
    frame.wait_for_function(
        f"() => ({POLYGONS})() >= 2 && document.querySelector('.est-legend')", timeout=60_000
    )
    assert frame.locator(".leaflet-container canvas").count() >= 1
    assert frame.evaluate(POLYGONS) >= 2
    assert frame.locator(".est-legend").count() == 1
    assert "Skadegörelse" in frame.locator(".est-legend").inner_text()
    browser_page.get_by_text("händelser visas").first.wait_for(timeout=60_000)
    assert browser_log.page_errors == []
    screenshot(browser_page, "karta")

    # A filter change reruns the page; the map (its JS context) must survive.
    frame.evaluate("() => { window.__estMounted = 'ja'; }")
    # The count before is the one the page settles on (the map's first report of its
    # view reruns the page), so the change waited for below is the filter's.
    wait_until_idle(browser_page)
    before = browser_page.get_by_text("händelser visas").first.inner_text()
    choose_option(browser_page, "Period", "Senaste året")
    browser_page.wait_for_function(
        "(old) => [...document.querySelectorAll('p')].some("
        "p => p.innerText.includes('händelser visas') && p.innerText !== old)",
        arg=before,
        timeout=60_000,
    )
    # The whole municipality over a year is too many points: the layer switches to
    # counts per cell. Choosing another area moves the view; the map stays mounted.
    wait_until_idle(browser_page)
    before = browser_page.get_by_text("händelser visas").first.inner_text()
    choose_option(browser_page, "Område", "Norrköping (0581)")
    browser_page.wait_for_function(
        "(old) => [...document.querySelectorAll('p')].some("
        "p => p.innerText.includes('händelser visas') && p.innerText !== old)",
        arg=before,
        timeout=60_000,
    )
    frame = wait_for_leaflet(browser_page)
    frame.wait_for_function(f"() => ({POLYGONS})() > 50", timeout=60_000)
    assert frame.evaluate("() => window.__estMounted") == "ja"
    browser_page.get_by_text("Antal per ruta").first.wait_for(timeout=60_000)
    screenshot(browser_page, "karta-ar")
    assert not browser_log.blocked
