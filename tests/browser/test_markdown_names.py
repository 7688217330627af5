"""Names written as markdown stay text in a real browser: no outside fetch, no live link.

Issue 14, item 8: an agenda named ``![x](http://203.0.113.5/track.png)`` made every
viewer's browser fetch that address, and a view named ``[LOGGA IN HÄR](…)`` became a link
on the meeting screen. The harness blocks and records every request off loopback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, wait_until_idle

from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore

pytestmark = pytest.mark.browser

IMAGE = "![x](http://203.0.113.5/track.png)"
LINK = "[LOGGA IN HÄR](http://evil.example/login)"


@pytest.fixture
def evil_env(tmp_path: Path) -> dict[str, str]:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=3_000, end_date=date(2026, 11, 1))
    store = open_store(str(db))
    assert isinstance(store, MeetingStore)
    areas = store.areas()
    evil = areas[areas["code"] == "NKP-NAV"].copy()
    evil["code"], evil["name"] = "NKP-EVIL", IMAGE
    store.add_areas(evil, user="test")
    view = store.add_saved_view(
        SavedView(LINK, ViewState(area="NKP-EVIL", period="2026-Q3"), area_code="NKP-EVIL"),
        user="test",
    )
    agenda = store.save_agenda(Agenda(IMAGE, (view,)), user="test")
    # Adding an area ended demo mode; this database stands for a demo whose names came out
    # like this, so demo mode goes back on and the demo analyst opens the pages directly.
    store.set_meta({"demo": "true"}, user="test")
    return {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "AGENDA": str(agenda)}


def _assert_inert(page: Any) -> None:
    # Read once the page's run has ended: before, part of the page is not drawn yet and
    # its absence of links and images would prove nothing.
    wait_until_idle(page)
    links = page.locator('a[href*="evil.example"]')
    shown = [links.nth(i).evaluate("e => e.parentElement.outerHTML") for i in range(links.count())]
    assert shown == []
    assert page.locator('img[src*="203.0.113.5"]').count() == 0


def test_markdown_names_make_no_outside_request(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    evil_env: dict[str, str],
) -> None:
    url = streamlit_server("app.py", env=evil_env)
    browser_page.goto(f"{url}/mote?agenda={evil_env['AGENDA']}", wait_until="domcontentloaded")
    # The names appear as the characters typed (plus invisible word joiners in addresses).
    browser_page.locator("h1").filter(has_text="[LOGGA IN HÄR](http:").first.wait_for(
        timeout=90_000
    )
    browser_page.get_by_text("![x](http:").first.wait_for(timeout=60_000)
    _assert_inert(browser_page)

    browser_page.goto(
        f"{url}/lagesbild?area=NKP-EVIL&period=2026-Q3", wait_until="domcontentloaded"
    )
    browser_page.locator("h1").filter(has_text="![x](http:").first.wait_for(timeout=90_000)
    browser_page.get_by_text("[LOGGA IN HÄR](http:").first.wait_for(timeout=60_000)
    _assert_inert(browser_page)
    assert browser_log.blocked == []
