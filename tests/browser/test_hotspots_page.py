"""The Hotspots page in a real Chromium: mode switches keep the map, clicks give details."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import FOLIUM_IFRAME, BrowserLog, wait_for_leaflet

from est_geo.bootstrap import create_demo_database

pytestmark = pytest.mark.browser

#: Legend title per mode, as the page writes it (est_geo/i18n/hotspots.py).
MODES = [
    ("Täthet", "Täthet"),
    ("Rutnät", "Händelser per ruta"),
    ("Nya & växande", "Nya & växande"),
    ("Punkter", "Kategori"),
    ("Gi*", "Gi* hot spots"),
]


@pytest.fixture
def demo_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=20_000, end_date=date(2026, 11, 1))
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}


def _legend(frame: Any) -> str:
    return str(frame.evaluate("() => document.querySelector('.est-legend')?.innerText || ''"))


def test_modes_switch_without_remount_and_cell_click_shows_detail(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_env: dict[str, str],
) -> None:
    url = streamlit_server("app.py", env=demo_env)
    started = time.monotonic()
    browser_page.goto(f"{url}/hotspots", wait_until="domcontentloaded")
    frame = wait_for_leaflet(browser_page, timeout=90_000)
    print(f"\nHotspots: map visible {time.monotonic() - started:.1f} s after navigation")
    frame.wait_for_function(
        "() => (document.querySelector('.est-legend')?.innerText || '').includes('Hot spot')",
        timeout=30_000,
    )
    assert "Hot spot, 99 % säkerhet" in _legend(frame)
    browser_page.get_by_text("händelser i analysområdet").first.wait_for()
    screenshot(browser_page, "gistar")

    # Mark the map's JS context; a remount would create a new iframe document without it.
    frame.evaluate("() => { window.__estMounted = 'ja'; }")
    for button, legend_title in MODES:
        # Streamlit's segmented control: buttons with role "radio".
        browser_page.get_by_role("radio", name=button, exact=True).click()
        frame.wait_for_function(
            "(title) => (document.querySelector('.est-legend')?.innerText || '').startsWith(title)",
            arg=legend_title,
            timeout=60_000,
        )
        assert frame.evaluate("() => window.__estMounted") == "ja", button
        label = button.replace("*", "star").replace(" & ", "-").lower()
        screenshot(browser_page, label)
    frame = wait_for_leaflet(browser_page)
    assert frame.evaluate("() => window.__estMounted") == "ja"

    # Back in Gi* mode: click the strongest hot spot cell → its detail below the map.
    frame.locator('path.leaflet-interactive[fill="#d62f27"]').first.wait_for(timeout=30_000)
    iframe = browser_page.locator(FOLIUM_IFRAME).first
    iframe.scroll_into_view_if_needed()
    box = iframe.bounding_box()
    # A real mouse click at the cell's centre (Locator.click on an SVG path in the iframe
    # does not reach Leaflet's handler).
    # The busiest 99 % cell, read from the tooltips ("Hot spot, 99 % säkerhet · 26 …").
    x, y = frame.evaluate(
        """() => {
            let best = null, most = -1;
            Object.values(window.map._layers).forEach(l => {
                if (!(l instanceof L.Polygon) || !l.getTooltip()) return;
                const text = String(l.getTooltip().getContent());
                const m = text.match(/99 % säkerhet · (\\d+)/);
                if (m && Number(m[1]) > most) { most = Number(m[1]); best = l; }
            });
            const r = best._path.getBoundingClientRect();
            return [r.x + r.width / 2, r.y + r.height / 2]; }"""
    )
    browser_page.mouse.click(box["x"] + x, box["y"] + y)
    browser_page.get_by_text("händelser i rutan").first.wait_for(timeout=60_000)
    # By category, monthly trend, weekday × hour.
    browser_page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length >= 3",
        timeout=60_000,
    )
    assert frame.evaluate("() => window.__estMounted") == "ja"
    screenshot(browser_page, "cell-detail")

    assert browser_log.page_errors == []
    assert not browser_log.blocked
    assert all(
        r.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))
        for r in browser_log.requests
    ), sorted({r for r in browser_log.requests if "127.0.0.1" not in r})
