"""Åtgärder in Chromium as a medlem: the saved interventions, but no drawing tools.

Issue 13 item 7: a medlem was offered Leaflet.draw's toolbar on Åtgärder, drew, and was
then told to save, which the role may not do. The demo session starts as analytiker
(toolbar present); the test switches role in the sidebar as a person does and waits for
the remounted map: saved shapes drawn, no ``.leaflet-draw`` control anywhere in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, choose_in, serve_demo, wait_for_map_frame, wait_until_idle

pytestmark = pytest.mark.browser

SHAPES_DRAWN = "document.querySelector('.leaflet-container path.leaflet-interactive')"


def test_medlem_sees_interventions_without_drawing_tools(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    base_url = serve_demo(streamlit_server, tmp_path, n_incidents=2_000)
    page = browser_page
    page.goto(f"{base_url}/atgarder", wait_until="domcontentloaded")
    wait_for_map_frame(
        page, f"{SHAPES_DRAWN} && document.querySelector('.leaflet-draw-draw-polygon')", 90_000
    )

    sidebar = page.locator('[data-testid="stSidebar"]')
    switch = sidebar.locator('[data-testid="stSelectbox"]').filter(has_text="prova en annan roll")
    # The map's report of its view reruns the page and may close the list: reopened then.
    choose_in(page, switch, page.get_by_role("option", name="Chefssamråd (medlem)"))

    frame = wait_for_map_frame(
        page, f"{SHAPES_DRAWN} && !document.querySelector('.leaflet-draw')", 90_000
    )
    page.get_by_text("Kartan visar de sparade åtgärderna").wait_for(timeout=60_000)
    # Until its run ends the page still shows the analytiker run's elements (Streamlit
    # removes them then): read what is absent only once it has.
    wait_until_idle(page)
    frame = wait_for_map_frame(
        page, f"{SHAPES_DRAWN} && !document.querySelector('.leaflet-draw')", 60_000
    )
    screenshot(page, "medlem")
    assert frame.locator(".leaflet-draw-toolbar").count() == 0
    assert page.get_by_text("Rita först åtgärdens plats").count() == 0
    assert page.get_by_text("Verktygen uppe till vänster").count() == 0
    assert page.get_by_role("button", name="Spara åtgärd").count() == 0
