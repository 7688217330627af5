"""The Indikatorer page in Chromium: side-by-side maps render offline and stay in sync."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, stage_script, wait_for_map_frame, wait_until_idle

from est_geo.demo.bootstrap import create_demo_database

pytestmark = pytest.mark.browser

# Centre of each map of the DualMap inside the streamlit-folium iframe (map_div and
# map_div2 are the variables streamlit-folium gives the two Leaflet maps).
_CENTRES = """() => [window.map_div, window.map_div2].map(m => {
    const c = m.getCenter(); return [c.lat, c.lng, m.getZoom()];
})"""


#: JS (arg: tolerance in degrees): both maps show the same centre and zoom.
_IN_STEP = """(tol) => {
    const [a, b] = [window.map_div, window.map_div2];
    return a.getZoom() === b.getZoom()
        && Math.abs(a.getCenter().lat - b.getCenter().lat) <= tol
        && Math.abs(a.getCenter().lng - b.getCenter().lng) <= tol;
}"""


def _choose_layout(page: Any, layout: str) -> None:
    """Pick the map layout ``layout`` once the page's first run has ended.

    The radio may not be drawn yet right after the page opens (a first render on a loaded
    machine takes tens of seconds), and a click during that run can be lost.
    """
    option = page.get_by_text(layout)
    option.wait_for(timeout=60_000)
    wait_until_idle(page)
    option.click()


@pytest.fixture
def demo_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=3_000, end_date=date(2026, 11, 1))
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}


def test_side_by_side_maps_render_offline_and_follow_each_other(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_env: dict[str, str],
    tmp_path: Path,
) -> None:
    url = streamlit_server(stage_script("app_pages/indikatorer.py", tmp_path / "app"), env=demo_env)
    browser_page.goto(url, wait_until="domcontentloaded")
    _choose_layout(browser_page, "Två lager sida vid sida")
    browser_page.get_by_text("Kartorna följer varandra").first.wait_for(timeout=60_000)

    frame = wait_for_map_frame(
        browser_page,
        "window.map_div && window.map_div2"
        " && document.querySelectorAll('.leaflet-container').length === 2"
        " && document.querySelectorAll('#map_div path.leaflet-interactive').length > 0"
        " && document.querySelectorAll('#map_div2 path.leaflet-interactive').length > 0"
        " && document.querySelectorAll('.est-legend').length === 2",
    )
    # fitBounds has settled when the two views agree (asserted exactly below).
    frame.wait_for_function(_IN_STEP, arg=1e-9, timeout=30_000)
    # Both maps drew the areas, hatched small-n areas included, and a legend each.
    legends = frame.locator(".est-legend")
    assert legends.count() == 2
    assert "Trygghetsindex" in legends.nth(0).inner_text()
    assert "EST-rapporter per 1 000 invånare" in legends.nth(1).inner_text()
    assert frame.locator("#map_div path[fill^='url(#est-hatch)']").count() >= 1
    assert frame.locator("#map_div pattern#est-hatch").count() == 1
    iframe = frame.frame_element()
    iframe.scroll_into_view_if_needed()
    screenshot(iframe, "side-by-side")

    (lat1, lng1, z1), (lat2, lng2, z2) = frame.evaluate(_CENTRES)
    assert (lat1, lng1, z1) == pytest.approx((lat2, lng2, z2), abs=1e-9)

    # Drag the left map with the mouse: the right map's centre must follow.
    box = frame.locator("#map_div").bounding_box()
    x, y = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5
    browser_page.mouse.move(x, y)
    browser_page.mouse.down()
    for step in range(1, 11):
        browser_page.mouse.move(x - 15 * step, y - 8 * step)
    browser_page.mouse.up()
    # Wait for the pan to reach the right map (asserted below), not for a time.
    frame.wait_for_function(
        "([lat, lng, tol]) => (Math.abs(window.map_div.getCenter().lat - lat) > tol"
        " || Math.abs(window.map_div.getCenter().lng - lng) > tol)"
        " && (" + _IN_STEP + ")(tol)",
        arg=[lat1, lng1, 1e-6],
        timeout=30_000,
    )
    (a_lat, a_lng, a_z), (b_lat, b_lng, b_z) = frame.evaluate(_CENTRES)
    assert (a_lat, a_lng) != pytest.approx((lat1, lng1), abs=1e-6), "left map did not pan"
    assert (b_lat, b_lng, b_z) == pytest.approx((a_lat, a_lng, a_z), abs=1e-6)

    # Zoom the right map: the left one follows.
    frame.evaluate("() => window.map_div2.setZoom(window.map_div2.getZoom() + 1, {animate: false})")
    frame.wait_for_function(
        "([z, tol]) => window.map_div.getZoom() === z && (" + _IN_STEP + ")(tol)",
        arg=[a_z + 1, 1e-6],
        timeout=30_000,
    )
    (c_lat, c_lng, c_z), (d_lat, d_lng, d_z) = frame.evaluate(_CENTRES)
    assert c_z == d_z == a_z + 1
    assert (c_lat, c_lng) == pytest.approx((d_lat, d_lng), abs=1e-6)
    screenshot(browser_page, "after-pan-zoom")

    # Every asset came from our server, Leaflet.Sync included; nothing left loopback.
    assert any("/app/static/vendor/leaflet.sync/L.Map.Sync.js" in u for u in browser_log.requests)
    assert any("/app/static/vendor/leaflet/leaflet.js" in u for u in browser_log.requests)
    assert browser_log.blocked == []
    assert browser_log.page_errors == []


def test_bivariate_map_renders_offline_in_the_nine_colours(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_env: dict[str, str],
    tmp_path: Path,
) -> None:
    from est_geo.indicators.choropleth import MISSING_FILL
    from est_geo.indicators.classify import BIVARIATE_COLORS

    url = streamlit_server(stage_script("app_pages/indikatorer.py", tmp_path / "app"), env=demo_env)
    browser_page.goto(url, wait_until="domcontentloaded")
    _choose_layout(browser_page, "Två lager i en karta (3 × 3)")
    frame = wait_for_map_frame(
        browser_page,
        "document.querySelectorAll('path.leaflet-interactive').length > 0"
        " && document.querySelector('.est-legend')"
        " && document.querySelector('.est-legend').innerText.includes('3 × 3')",
    )
    legend = frame.locator(".est-legend").first
    assert "Två lager, 3 × 3" in legend.inner_text()
    # The legend is the 3 × 3 grid of the palette; the areas are filled from it only
    # (or hatched / grey where a value is missing or rests on too few).
    swatches = frame.evaluate(
        "() => [...document.querySelectorAll('.est-legend div[style*=\"width:18px\"]')]"
        ".map(d => getComputedStyle(d).backgroundColor)"
    )
    assert len(swatches) == 9 and len(set(swatches)) == 9
    fills = frame.evaluate(
        "() => [...document.querySelectorAll('path.leaflet-interactive')]"
        ".filter(p => parseFloat(p.getAttribute('fill-opacity') || '0') > 0)"  # not outlines
        ".map(p => p.getAttribute('fill'))"
    )
    palette = {c.lower() for c in BIVARIATE_COLORS}
    coloured = {f.lower() for f in fills if f and not f.startswith("url(")} - {MISSING_FILL.lower()}
    assert coloured <= palette, coloured - palette
    assert len(coloured) >= 2, fills
    iframe = frame.frame_element()
    iframe.scroll_into_view_if_needed()
    screenshot(iframe, "bivariate")
    assert browser_log.blocked == []
    assert browser_log.page_errors == []
