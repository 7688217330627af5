"""Läget i området on a phone (390 px wide, issue 15 item 4): the map fitted to the areas
with its legend on it, the tables and the monthly chart all within the screen, and no
horizontal scrolling anywhere on the page or inside a table."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import FOLIUM_IFRAME, BrowserLog, wait_for_leaflet, wait_until_idle
from test_map_fit import PUBLIC_AREAS_INSIDE

from est_geo.demo.bootstrap import create_demo_database

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

#: Elements of the page (outside iframes) reaching past the screen's sides, and scroll
#: areas wider than their box: the page itself, Streamlit's main block, table scrollers.
OVERFLOW = """() => {
    const width = window.innerWidth;
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const out = [];
    for (const el of main.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) { continue; }
        if (r.left < -1 || r.right > width + 1) {
            out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
    }
    const scrollers = [document.documentElement, main,
        ...document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')];
    for (const s of scrollers) {
        if (s.scrollWidth > s.clientWidth + 1) {
            out.push(`scroll ${s.tagName}.${s.className} ${s.scrollWidth} > ${s.clientWidth}`);
        }
    }
    return out.slice(0, 20);
}"""

#: The legend box lies inside the map's box.
LEGEND_ON_MAP = """() => {
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const l = document.querySelector('.est-legend').getBoundingClientRect();
    return l.width > 0 && l.left >= map.left && l.right <= map.right
        && l.top >= map.top && l.bottom <= map.bottom;
}"""


#: Share of the map's width or height the public areas' joint box spans (Leaflet's own
#: coordinates). Fitted at whole zoom levels, the binding side spans over half of the room
#: left beside the legend; one level less halves it.
AREAS_SPAN = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    let joint = null;
    map.eachLayer(l => {
        if (l instanceof L.Polygon) {
            joint = joint ? joint.extend(l.getBounds()) : L.latLngBounds(l.getBounds());
        }
    });
    const sw = map.latLngToContainerPoint(joint.getSouthWest());
    const ne = map.latLngToContainerPoint(joint.getNorthEast());
    const size = map.getSize();
    return Math.max((ne.x - sw.x) / size.x, (sw.y - ne.y) / size.y);
}"""


def test_public_page_fits_a_phone(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.gpkg"
    # Counts in the hundreds, as a municipality's quarter has: the legend's words
    # ("fler än 135, högst 245") are as wide as they get.
    create_demo_database(str(db), n_incidents=20_000, end_date=date(2026, 11, 1))
    url = streamlit_server(
        "app.py",
        env={
            "EST_GEO_DATABASE_URL": str(db),
            "EST_GEO_TILE_URL": "none",
            "EST_GEO_MODE": "public",
        },
    )
    page = browser_page
    page.set_viewport_size(PHONE)
    page.goto(url, wait_until="domcontentloaded")
    frame = wait_for_leaflet(page, timeout=90_000)
    frame.locator(".est-legend").first.wait_for(timeout=60_000)
    frame.wait_for_function(PUBLIC_AREAS_INSIDE, arg=7, timeout=60_000)
    assert frame.evaluate(LEGEND_ON_MAP)

    # Everything below the map has been drawn: both tables and the monthly chart.
    area_table = page.locator('[data-testid="stTable"]').first
    area_table.wait_for(timeout=60_000)
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    chart = page.locator('[data-testid="stVegaLiteChart"], [data-testid="stArrowVegaLiteChart"]')
    chart.first.locator("canvas, svg").first.wait_for(timeout=60_000)
    # Measured once the run has ended: a page still drawing grows and re-lays out.
    wait_until_idle(page)
    iframe = page.locator(FOLIUM_IFRAME).first.bounding_box()
    assert iframe is not None and iframe["x"] >= 0 and iframe["x"] + iframe["width"] <= 390
    tables = page.locator('[data-testid="stTable"], [data-testid="stDataFrame"]').all()
    for item in (chart.first, *tables):
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 391, box
    overflow = page.evaluate(OVERFLOW)
    screenshot(page, "phone")
    assert overflow == [], overflow
    # Fitted again with the legend at its final size (a phone turned, a window resized):
    # the areas fill the map clear of the legend, not a corner of it. Leaving the legend's
    # width free on the right left them a quarter of a phone's map width; on a narrow map
    # its height is left free below them instead.
    page.set_viewport_size({"width": PHONE["width"] - 6, "height": PHONE["height"]})
    frame = wait_for_leaflet(page, timeout=60_000)
    frame.wait_for_function(f"({AREAS_SPAN})() >= 0.4", timeout=20_000)
    assert frame.evaluate(PUBLIC_AREAS_INSIDE, 7)
    page.set_viewport_size(PHONE)
    # A visitor taps "Antal" to sort: the counts stay largest first, "färre än" last. As
    # an interactive grid of text the tap sorted them as text (1095, 1280, 1620, 355…).
    header = area_table.locator("th", has_text="Antal").first
    header.scroll_into_view_if_needed()
    box = header.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    wait_until_idle(page)
    shown = [
        v.strip().replace("\u00a0", "")  # "1 620" → "1620"
        for v in area_table.locator("tbody tr td:last-child").all_inner_texts()
    ]
    counts = [int(v) for v in shown if v.isdigit()]
    assert len(counts) >= 2 and counts == sorted(counts, reverse=True), shown
    assert shown[: len(counts)] == [str(c) for c in counts], shown  # hidden ones last
    # The check sees a page wider than the phone (so it can fail): one 500 px block.
    page.evaluate(
        """() => { const d = document.createElement('div'); d.style.width = '500px';
        d.style.height = '10px'; d.id = 'too-wide';
        document.querySelector('[data-testid="stMain"]').appendChild(d); }"""
    )
    assert page.evaluate(OVERFLOW) != []
    assert not browser_log.blocked
