"""Clicking the active mode button keeps it active (issue 13 item 12).

Streamlit's segmented control deselects the active button on a second click unless it is
``required``; the Hotspots page then showed no mode highlighted while still drawing Gi*.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, serve_demo, wait_for_leaflet, wait_until_idle

pytestmark = pytest.mark.browser


def test_clicking_the_active_mode_keeps_it_highlighted(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    url = serve_demo(streamlit_server, tmp_path, n_incidents=3_000)
    browser_page.goto(f"{url}/hotspots", wait_until="domcontentloaded")
    wait_for_leaflet(browser_page, timeout=90_000)
    active = browser_page.get_by_role("radio", name="Gi*", exact=True)
    active.wait_for(timeout=60_000)
    # The button where it stays: the map's first report of its view reruns the page.
    wait_until_idle(browser_page)
    assert active.get_attribute("aria-checked") == "true"
    box = active.bounding_box()
    assert box is not None
    # A person clicks the button that is already highlighted.
    browser_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    # The click's rerun has ended (the status widget's absence also held before it began:
    # it shows only after 500 ms of a run). A deselected button would be unchecked then.
    wait_until_idle(browser_page)
    checked = browser_page.locator('[role="radio"][aria-checked="true"]')
    checked.first.wait_for(timeout=60_000)
    assert checked.count() == 1
    assert (
        browser_page.get_by_role("radio", name="Gi*", exact=True).get_attribute("aria-checked")
        == "true"
    )
    assert not browser_log.blocked
