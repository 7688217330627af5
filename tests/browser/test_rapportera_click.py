"""Rapportera in Chromium: a click on the map fills the coordinate, draws the marker without
remounting the map, and the saved incident lies where the click was.

Offline, on a fresh demo database; the harness fails the test on any request off loopback.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    FOLIUM_IFRAME,
    BrowserLog,
    choose_in,
    local_account,
    log_in,
    open_page,
    wait_for_leaflet,
    wait_until_idle,
)

from est_geo.core.crs import from_wgs84
from est_geo.demo.bootstrap import create_demo_database
from est_geo.io.manual import MANUAL_SOURCE
from est_geo.store import IncidentQuery, open_store

pytestmark = pytest.mark.browser


def _wait(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_click_places_report_and_saves_it(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    import numpy as np

    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=2_000, end_date=date(2026, 11, 1))
    url = streamlit_server(
        "app.py",
        env={"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "EST_GEO_DEMO": "false"},
    )
    page = browser_page
    # Importing real data ends demo mode (and the demo accounts): a local analyst does it.
    log_in(page, url, *local_account(db))
    page.get_by_text("Demodata – fiktiva händelser").first.wait_for(timeout=60_000)
    open_page(page, "Rapportera")
    frame = wait_for_leaflet(page, timeout=60_000)
    # The map as the page leaves it (its first report of its view reruns the page): the
    # shapes counted before the click are all of them, and the click lands where it stays.
    wait_until_idle(page)
    frame = wait_for_leaflet(page)
    frame.evaluate("() => { window.__estMounted = 'ja'; }")
    paths_before = frame.locator("path.leaflet-interactive").count()

    iframe = page.locator(FOLIUM_IFRAME).first
    iframe.scroll_into_view_if_needed()
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.45)
    field = page.get_by_label("Koordinat", exact=True)
    value = _wait(lambda: field.input_value().strip())
    lat, lon = (float(v) for v in value.split(","))
    frame = wait_for_leaflet(page)
    frame.wait_for_function(
        f"() => document.querySelectorAll('path.leaflet-interactive').length > {paths_before}",
        timeout=60_000,
    )
    assert frame.evaluate("() => window.__estMounted") == "ja"  # not remounted
    page.get_by_text("Tolkat som WGS84").first.wait_for(timeout=60_000)

    # Each choice is made once the page is idle, and again if a rerun closed the list.
    for label, choice in (("Kategori", "Klotter"), ("Aktör", "Bostadsbolag")):
        wait_until_idle(page)
        box = page.get_by_label(label, exact=True)
        choose_in(page, box, page.get_by_role("option", name=choice))
        _wait(lambda read=box.input_value, choice=choice: choice in read())
    note = page.get_by_role("textbox", name="Kort intern beskrivning")
    wait_until_idle(page)
    note.fill("<img src=x onerror=alert(1)> vid port 2")
    note.press("Tab")  # Streamlit takes a text area's value on blur, and reruns
    wait_until_idle(page)  # the rerun that took it has ended: the button is that run's
    page.get_by_role("button", name="Spara rapport").click()
    page.get_by_text("Rapporten är sparad").first.wait_for(timeout=60_000)
    page.get_by_text("<img src=x onerror=alert(1)> vid port 2").first.wait_for(timeout=60_000)
    # The form is ready for the next report; the map stayed mounted throughout.
    _wait(lambda: field.input_value() == "")
    assert note.input_value() == ""
    assert frame.evaluate("() => window.__estMounted") == "ja"
    screenshot(page, "saved")

    df = open_store(str(db), read_only=True).incidents(IncidentQuery(with_text=True))
    mine = df[df["source"] == MANUAL_SOURCE]
    assert len(mine) == 1
    x, y = from_wgs84(np.array([lon]), np.array([lat]))
    assert abs(mine["x"].iloc[0] - x[0]) < 0.5 and abs(mine["y"].iloc[0] - y[0]) < 0.5
    assert mine["category"].iloc[0] == "skadegorelse.klotter"
    assert not browser_log.dialogs  # the description stayed text
    assert browser_log.page_errors == []
    assert not browser_log.blocked
