"""Möte on the demo agenda (issue 13 item 12): the demo banner is not hidden under
Streamlit's header, and step 2 (a Hotspots Gi* view) is not a copy of step 1 (the
area's lägesbild of the same month)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, serve_demo, wait_until_idle

pytestmark = pytest.mark.browser


def test_demo_agenda_banner_below_header_and_distinct_steps(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    url = serve_demo(streamlit_server, tmp_path, n_incidents=3_000)
    browser_page.goto(f"{url}/mote", wait_until="domcontentloaded")
    browser_page.get_by_text("Punkt 1 av 3").first.wait_for(timeout=90_000)
    banner = browser_page.get_by_text("Demodata – fiktiva händelser").first
    banner.wait_for(timeout=60_000)
    # Boxes and the step's text are read once the step's run has ended: before, the page
    # is still growing and shifting, and a half-drawn step 1 would differ from any step 2.
    wait_until_idle(browser_page)
    header = browser_page.locator('[data-testid="stHeader"]')
    header_box, banner_box = header.bounding_box(), banner.bounding_box()
    assert header_box is not None and banner_box is not None
    assert banner_box["y"] >= header_box["y"] + header_box["height"], (header_box, banner_box)
    step1 = browser_page.locator('[data-testid="stMain"]').inner_text()
    nxt = browser_page.get_by_role("button", name="Nästa ▶")
    box = nxt.bounding_box()
    assert box is not None
    browser_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    browser_page.get_by_text("Punkt 2 av 3").first.wait_for(timeout=60_000)
    # The Hotspots analysis of the view itself: its summary line, not the lägesbild's figures.
    browser_page.get_by_text("händelser i analysområdet").first.wait_for(timeout=90_000)
    wait_until_idle(browser_page)
    step2 = browser_page.locator('[data-testid="stMain"]').inner_text()
    assert step2 != step1
    assert "Tre platser som mest behöver åtgärder" not in step2
    assert not browser_log.blocked
