"""A gated page must not be reachable by typing its URL, in public mode or logged out."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, wait_until_idle

from est_geo.access.roles import PAGES, PUBLIC_PAGES
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import create_store

pytestmark = pytest.mark.browser

GATED = sorted(set(PAGES) - PUBLIC_PAGES - {"login"})


def _visit(page: Any, url: str, shows: str) -> str:
    """The page's text once ``shows`` is on it and the run that drew it has ended.

    What must be absent is read only then: the text of a page still drawing (or of a run
    a forward replaces) proves nothing either way.
    """
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text(shows).first.wait_for(timeout=60_000)
    wait_until_idle(page)
    return str(page.inner_text("body"))


def test_gated_urls_show_the_public_start_page(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=2_000, end_date=date(2026, 11, 1))
    env = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "EST_GEO_MODE": "public"}
    url = streamlit_server("app.py", env=env)
    for page_id in GATED:
        browser_page.goto("about:blank")  # a fresh first visit each time
        body = _visit(browser_page, f"{url}/{page_id}", "Läget i området")
        assert "Läget i området" in body, page_id
        # Neither the gated page nor a file-name navigation ("app", "admin", …) appears.
        assert "Demokonto" not in body, page_id
        assert "\nadmin\n" not in body, page_id
        assert "Administration" not in body, page_id
    assert not browser_log.blocked


def test_logged_out_visitor_cannot_open_internal_pages_by_url(
    streamlit_server: Any, browser_page: Any, tmp_path: Path
) -> None:
    db = tmp_path / "real.gpkg"
    create_store(str(db))  # not demo data: no demo accounts, a visitor is anonymous
    env = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    url = streamlit_server("app.py", env=env)
    for page_id in ("karta", "admin", "data", "atgarder"):
        browser_page.goto("about:blank")
        body = _visit(browser_page, f"{url}/{page_id}", "Logga in")
        assert "Logga in" in body, page_id
        assert "händelser visas" not in body, page_id
        assert "\nadmin\n" not in body, page_id


def test_start_pages_keep_their_own_paths(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    """A bookmark of a start page (/oversikt, /karta) opens it without a "not found" notice.

    Streamlit serves its default page only at ``/``; the app's default is a hidden page
    that forwards to the start page (or the page a ``?page=`` link names), so every real
    page keeps its own path.
    """
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=2_000, end_date=date(2026, 11, 1))
    public = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "EST_GEO_MODE": "public"}
    url = streamlit_server("app.py", env=public)
    for path in ("/oversikt", "/", "/?page=om"):
        browser_page.goto("about:blank")
        expected = "Om EST Geo" if "om" in path else "Läget i området"
        body = _visit(browser_page, f"{url}{path}", expected)
        assert "Page not found" not in body and "does not seem to exist" not in body, path
        assert expected in body, path
    internal = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    url = streamlit_server("app.py", env=internal)
    for path, expected in (
        ("/karta", "händelser visas"),
        ("/?page=hotspots&mode=rutnat", "Visning"),
    ):
        browser_page.goto("about:blank")
        body = _visit(browser_page, f"{url}{path}", expected)
        assert "Page not found" not in body, path
    assert "/hotspots" in browser_page.evaluate("location.pathname")
    assert "mode=rutnat" in browser_page.evaluate("location.search")
    assert not browser_log.blocked


def _no_english_not_found(page: Any, path: str) -> None:
    body = str(page.inner_text("body"))
    assert "Page not found" not in body and "does not seem to exist" not in body, path
    assert page.locator('[role="dialog"]').count() == 0, path


def test_link_to_a_missing_page_gives_a_swedish_notice_and_the_start_page(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    """Issue 13 item 6: an internal link on the public site, or a page the role lacks.

    Streamlit answers an unregistered path with an English "Page not found" dialog over
    its default page; every page id the role or mode lacks has a hidden stand-in instead
    that shows a Swedish notice over the start page (docs/auth.md).
    """
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=2_000, end_date=date(2026, 11, 1))
    public = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none", "EST_GEO_MODE": "public"}
    url = streamlit_server("app.py", env=public)
    for path in ("/karta?page=karta&area=NKP-KLO", "/?page=karta&area=NKP-KLO", "/admin"):
        browser_page.goto("about:blank")
        browser_page.goto(f"{url}{path}", wait_until="domcontentloaded")
        browser_page.get_by_text("finns bara i EST-gruppens interna verktyg").wait_for(
            timeout=60_000
        )
        browser_page.get_by_role("heading", name="Läget i området").wait_for(timeout=60_000)
        wait_until_idle(browser_page)  # a "not found" dialog would be drawn by now
        _no_english_not_found(browser_page, path)
        assert browser_page.evaluate("location.pathname") == "/oversikt", path
    internal = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    url = streamlit_server("app.py", env=internal)
    browser_page.goto("about:blank")
    browser_page.goto(f"{url}/admin", wait_until="domcontentloaded")  # demo: analytiker
    browser_page.get_by_text("ingår inte i din roll").wait_for(timeout=60_000)
    browser_page.get_by_text("händelser visas").first.wait_for(timeout=60_000)
    wait_until_idle(browser_page)
    _no_english_not_found(browser_page, "/admin")
    assert browser_page.evaluate("location.pathname") == "/karta"
    assert not browser_log.blocked
