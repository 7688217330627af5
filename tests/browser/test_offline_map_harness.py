"""The offline map stack end to end: Streamlit + streamlit-folium + vendored Leaflet in Chromium.

Proves that a map with outlines, clustered points, a legend and the Draw toolbar renders
with no request leaving loopback, that escaped names stay text, and that changing a
``feature_group_to_add`` layer does not remount the map.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

try:  # tests/browser has no __init__.py: its conftest is the top-level module "conftest"
    from conftest import BrowserLog, stage_script, wait_for_leaflet, wait_until_idle
except ImportError:  # pragma: no cover - if tests/browser becomes a package
    from tests.browser.conftest import BrowserLog, stage_script, wait_for_leaflet, wait_until_idle

pytestmark = pytest.mark.browser

APP = "tests/browser/_harness_app.py"


def test_offline_map_renders_and_updates_without_remount(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    base_url = streamlit_server(stage_script(APP, tmp_path / "app"))
    started = time.monotonic()
    browser_page.goto(base_url, wait_until="domcontentloaded")
    frame = wait_for_leaflet(browser_page, timeout=60_000)
    # The layers passed as feature_group_to_add are added after the map itself: wait for
    # outlines, clusters and legend together (each asserted below).
    frame.wait_for_function(
        "() => document.querySelectorAll('path.leaflet-interactive').length >= 2"
        " && document.querySelector('.marker-cluster') && document.querySelector('.est-legend')",
        timeout=60_000,
    )
    seconds = time.monotonic() - started
    print(f"\nmap visible {seconds:.1f} s after navigation")

    # Outlines (2 areas) and circle markers or clusters are drawn as SVG paths.
    assert frame.locator("path.leaflet-interactive").count() >= 2
    assert frame.locator(".leaflet-draw-toolbar a.leaflet-draw-draw-polygon").count() == 1
    assert frame.locator(".marker-cluster").count() >= 1
    legend = frame.locator(".est-legend")
    assert legend.count() == 1
    assert "<script>alert(1)</script>" in legend.inner_text()  # shown as text, not run
    assert frame.locator(".est-legend script").count() == 0
    assert browser_log.dialogs == []
    assert browser_log.page_errors == []

    # Everything came from our server, the vendored Leaflet included.
    assert any("/app/static/vendor/leaflet/leaflet.js" in url for url in browser_log.requests)
    assert any(
        "/app/static/vendor/leaflet-draw/leaflet.draw.js" in url for url in browser_log.requests
    )
    screenshot(browser_page, "initial")

    # Tooltips show names as text: the inner (finer) area lies on top of the kommun.
    inner = frame.locator("path.leaflet-interactive[stroke='#1f4e79']")
    inner.hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=30_000)
    assert "Centrum <script>alert(1)</script> (T1)" in tooltip.inner_text()
    label = frame.evaluate(
        """() => new Promise(resolve => {
            let group = null;
            window.map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) group = l; });
            const marker = group.getLayers()[0];
            group.zoomToShowLayer(marker, () => {
                marker.openTooltip();
                resolve(marker.getTooltip().getElement().innerText);
            });
        })"""
    )
    assert label == "Händelse 0 <script>alert(1)</script>"
    assert browser_log.dialogs == []

    # Changing a feature group reruns the app but keeps the same Leaflet instance.
    frame.evaluate("() => { window.__estMounted = 'yes'; }")
    wait_until_idle(browser_page)  # the button of the run that stays
    browser_page.get_by_role("button", name="Byt data").click()
    browser_page.get_by_text("Variant 1: 60 punkter").wait_for(timeout=60_000)
    frame.wait_for_function("() => window.__GLOBAL_DATA__.last_feature_group !== null")
    # The frontend has applied the new feature group once the map holds its 60 markers
    # (in this same frame: a remount would have detached it, and that fails here).
    n_markers = """() => {
            let n = 0;
            window.map.eachLayer(l => {
                if (l instanceof L.MarkerClusterGroup) n += l.getLayers().length;
            });
            return n;
        }"""
    frame.wait_for_function(f"() => ({n_markers})() === 60", timeout=60_000)
    assert frame.evaluate("() => window.__estMounted") == "yes", "map iframe was remounted"
    assert frame.locator(".est-legend").count() == 1
    assert frame.locator(".leaflet-draw-toolbar").count() >= 1
    assert frame.evaluate(n_markers) == 60
    assert browser_log.page_errors == []
    screenshot(browser_page, "after-update")
