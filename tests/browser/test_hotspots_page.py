"""The Hotspots page in a real Chromium: mode switches keep the map, clicks give details."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    FOLIUM_IFRAME,
    BrowserLog,
    choose_in,
    wait_for_leaflet,
    wait_for_map_frame,
    wait_until_idle,
)

from est_geo.demo.bootstrap import create_demo_database

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
        timeout=60_000,
    )
    assert "Hot spot, 99 % säkerhet" in _legend(frame)
    browser_page.get_by_text("händelser i analysområdet").first.wait_for(timeout=60_000)
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
    frame.locator('path.leaflet-interactive[fill="#d62f27"]').first.wait_for(timeout=60_000)
    wait_until_idle(browser_page)  # the cells of the run that stays, where they stay
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


#: Screen position (in the iframe's document) and id of every hot cell drawn, busiest
#: first: the cell's centre through Leaflet's latLngToContainerPoint plus the map
#: container's offset in the frame.
_HOT_CELLS = """() => {
    const map = window.map, box = map.getContainer().getBoundingClientRect();
    const size = map.getSize(), out = [];
    Object.values(map._layers).forEach(l => {
        if (!(l instanceof L.Polygon) || !l.getTooltip()) return;
        const text = String(l.getTooltip().getContent());
        const m = text.match(/^Hot spot[^·]*· (\\d+)[^]*?(\\d+m_E-?\\d+_N-?\\d+)/);
        if (!m) return;
        const p = map.latLngToContainerPoint(l.getBounds().getCenter());
        if (p.x < 20 || p.y < 20 || p.x > size.x - 20 || p.y > size.y - 20) return;
        const hit = document.elementFromPoint(box.x + p.x, box.y + p.y);
        out.push({id: m[2], n: Number(m[1]), x: box.x + p.x, y: box.y + p.y,
                  onTop: hit === l._path});
    });
    return out.sort((a, b) => b.n - a.n);
}"""


@pytest.mark.parametrize("area", ["NKP-KLO", "0581"])
def test_real_mouse_click_on_a_gistar_cell_opens_its_detail(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_env: dict[str, str],
    area: str,
) -> None:
    """Issue 13 item 5: a person's click on a hot cell opens the cell's detail.

    A full-map shape (the municipality's outline at street zoom) lay in the same pane as
    the cells; the cells now have a pane of their own above every outline. The click is a
    real mouse event at the cell's screen position, twice (the second after the rerun the
    first caused, with the iframe looked up again). Then another cell is picked in the
    list and the last clicked cell clicked again: that click used to do nothing (the
    page compared cell ids, and st_folium repeats its last click on every rerun).
    """
    url = streamlit_server("app.py", env=demo_env)
    # The whole municipality over a year, at street zoom over its busiest part: the
    # municipality's outline then covers the whole map.
    view = "&period=2025-11-03..2026-11-01&lat=58.5704&lon=16.1098&z=15" if area == "0581" else ""
    browser_page.goto(f"{url}/hotspots?page=hotspots&area={area}&mode=gistar{view}")
    browser_page.get_by_text("händelser i analysområdet").first.wait_for(timeout=90_000)
    # The cells' pane lies above the overlay pane that holds the area outlines.
    wait_for_map_frame(
        browser_page,
        "(document.querySelector('.est-legend')?.innerText || '').startsWith('Gi*')"
        " && document.querySelector('.leaflet-estCells-pane path.leaflet-interactive')"
        " && Number(getComputedStyle(window.map.getPane('estCells')).zIndex)"
        " > Number(getComputedStyle(window.map.getPane('overlayPane')).zIndex)",
        timeout=90_000,
    )

    for attempt in range(2):
        # Looked up again after every rerun, once that run has ended (cells still being
        # drawn, or the map's own report of its view, would move them under the mouse).
        wait_until_idle(browser_page)
        frame = wait_for_leaflet(browser_page)
        iframe = browser_page.locator(FOLIUM_IFRAME).first
        iframe.scroll_into_view_if_needed()
        box = iframe.bounding_box()
        cells = frame.evaluate(_HOT_CELLS)
        assert len(cells) > attempt, cells
        cell = cells[attempt]
        assert cell["onTop"], cell  # nothing lies over the cell where a person clicks
        browser_page.mouse.move(box["x"] + cell["x"], box["y"] + cell["y"], steps=5)
        browser_page.mouse.click(box["x"] + cell["x"], box["y"] + cell["y"])
        browser_page.get_by_text(f"Ruta {cell['id']}").first.wait_for(timeout=60_000)
        browser_page.get_by_text("händelser i rutan").first.wait_for(timeout=60_000)
    # Another cell chosen in the list, then the last clicked cell clicked again (a few
    # pixels from the first click): the detail follows the click, not the list choice.
    clicked, other = cells[1], cells[0]
    wait_until_idle(browser_page)
    choose_in(
        browser_page,
        browser_page.get_by_role("combobox", name="Ruta", exact=True),
        browser_page.get_by_role("option", name=re.compile(rf"^{re.escape(other['id'])}( |$)")),
    )
    browser_page.get_by_text(f"Ruta {other['id']}").first.wait_for(timeout=60_000)
    wait_until_idle(browser_page)
    frame = wait_for_leaflet(browser_page)
    iframe = browser_page.locator(FOLIUM_IFRAME).first
    iframe.scroll_into_view_if_needed()
    box = iframe.bounding_box()
    again = next(c for c in frame.evaluate(_HOT_CELLS) if c["id"] == clicked["id"])
    browser_page.mouse.click(box["x"] + again["x"] + 3, box["y"] + again["y"] + 3)
    browser_page.get_by_text(f"Ruta {clicked['id']}").first.wait_for(timeout=60_000)
    screenshot(browser_page, f"clicked-{area}")
    assert browser_log.page_errors == []
