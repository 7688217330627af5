"""Indikatorer's map opens with every area on screen and none under the legend (issue 13
item 10). Measured in the browser: each area's drawn path against the map frame and the
legend box."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, serve_demo, wait_for_leaflet

pytestmark = pytest.mark.browser

#: True when every area path lies inside the map and clear of the legend.
ALL_AREAS_CLEAR = """() => {
    const box = document.querySelector('.leaflet-container');
    const legend = document.querySelector('.leaflet-bottom.leaflet-right .est-legend');
    if (!box || !legend) { return false; }
    const b = box.getBoundingClientRect(), l = legend.getBoundingClientRect();
    // The municipality's outline surrounds the view by design: every other path is an area.
    const paths = [...document.querySelectorAll('path.leaflet-interactive')].filter(p => {
        const r = p.getBoundingClientRect();
        return !(r.left <= b.left && r.right >= b.right && r.top <= b.top && r.bottom >= b.bottom);
    });
    if (paths.length < 5) { return false; }
    return paths.every(p => {
        const r = p.getBoundingClientRect();
        const inside = r.left >= b.left - 1 && r.right <= b.right + 1
            && r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
        const underLegend = r.right > l.left && r.left < l.right
            && r.bottom > l.top && r.top < l.bottom;
        return inside && !underLegend;
    });
}"""


def test_indikatorer_map_shows_every_area_clear_of_the_legend(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    url = serve_demo(streamlit_server, tmp_path, n_incidents=2_000)
    browser_page.goto(f"{url}/indikatorer", wait_until="domcontentloaded")
    frame = wait_for_leaflet(browser_page, timeout=90_000)
    frame.locator(".est-legend").first.wait_for(timeout=60_000)
    frame.wait_for_function(ALL_AREAS_CLEAR, timeout=60_000)
    assert not browser_log.blocked


#: True when the public map's view holds every polygon whole, clear of a legend. Measured
#: in Leaflet's own coordinates: drawn SVG paths are clipped to the view, so their boxes
#: cannot show an area that is cut off.
PUBLIC_AREAS_INSIDE = """(expected) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    if (!map) { return false; }
    const polygons = [];
    map.eachLayer(l => { if (l instanceof L.Polygon) { polygons.push(l); } });
    if (polygons.length < expected) { return false; }
    const view = map.getBounds();
    const box = map.getContainer().getBoundingClientRect();
    const legend = map.getContainer().querySelector('.leaflet-bottom.leaflet-right .est-legend');
    const l = legend ? legend.getBoundingClientRect() : null;
    return polygons.every(p => {
        const b = p.getBounds();
        if (!view.contains(b)) { return false; }
        if (l === null) { return true; }
        const sw = map.latLngToContainerPoint(b.getSouthWest());
        const ne = map.latLngToContainerPoint(b.getNorthEast());
        const left = box.left + sw.x, right = box.left + ne.x;
        const top = box.top + ne.y, bottom = box.top + sw.y;
        return !(right > l.left && left < l.right && bottom > l.top && top < l.bottom);
    });
}"""


def test_public_map_opens_on_every_area(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    """Läget i området opens fitted to all public areas, none under the legend on the map
    (issue 15 item 4): before, a view 1.5 km around one area cut the others off at the
    edge, worst at phone width, and the legend sat beneath the map."""
    url = serve_demo(streamlit_server, tmp_path, n_incidents=2_000)
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(f"{url}/oversikt", wait_until="domcontentloaded")
    frame = wait_for_leaflet(browser_page, timeout=90_000)
    # The legend is on the map (it sat beneath it), its classes in words.
    frame.locator(".est-legend").first.wait_for(timeout=60_000)
    assert "upp till" in frame.locator(".est-legend").first.inner_text()
    frame.wait_for_function(PUBLIC_AREAS_INSIDE, arg=7, timeout=60_000)
    assert not browser_log.blocked
