"""The Data page's tab "Hämta från SCB" in a real Chromium, against the SCB stand-in on
loopback (tests/scb_standin.py, speaking the WFS and PxWebApi 2 shapes; never scb.se).

An analyst types the municipality code, fetches the DeSO areas, reads the table's periods,
picks one and fetches an indicator: the progress bar, the join report naming the DeSO SCB
publishes no figure for, and the preview map drawing the values as a choropleth must show;
then the layer is offered on Indikatorer. The harness fails the test on any browser
request off loopback.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    BrowserLog,
    local_account,
    log_in,
    open_page,
    open_tab,
    wait_for_map_frame,
    wait_until_idle,
)

from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store
from tests.scb_standin import DESO, Handler, standin

pytestmark = pytest.mark.browser


def _choose(page: Any, key: str, option: str, *, attempts: int = 6) -> None:
    """Pick ``option`` in the select box with widget key ``key`` (labels such as
    "Indikator" or "Period" recur on the page), reopening the list if a rerun closed it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    box.wait_for(timeout=60_000)  # a box a fetch's rerun draws can take a while
    wait_until_idle(page)
    for _ in range(attempts):
        box.click()
        choice = page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(state="visible", timeout=5_000)
            choice.click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
    raise AssertionError(f"option {option!r} of {key!r} never showed")


#: JS: record the text of every progress bar that appears from now on. The bar lives only
#: while its fetch runs (the rerun after it draws the outcome without it), and a fetch
#: from the local stand-in can be over before any poll would see it, so it is watched.
_WATCH_PROGRESS = """() => {
  window.__progressSeen = [];
  const seen = () => document.querySelectorAll('[data-testid="stProgress"]').forEach(
    (bar) => window.__progressSeen.includes(bar.innerText)
      || window.__progressSeen.push(bar.innerText));
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true,
                                                     characterData: true});
}"""


def _watch_progress(page: Any) -> None:
    page.evaluate(_WATCH_PROGRESS)


def _progress_seen(page: Any) -> str:
    """The texts of the progress bars seen since :func:`_watch_progress`, joined."""
    return " | ".join(page.evaluate("() => window.__progressSeen"))


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=500, end_date=date(2026, 11, 1))
    return db


def test_fetch_areas_and_an_indicator_then_find_it_on_indikatorer(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_db: Path,
) -> None:
    with standin() as root:
        url = streamlit_server(
            "app.py",
            env={
                "EST_GEO_DATABASE_URL": str(demo_db),
                "EST_GEO_TILE_URL": "none",
                "EST_GEO_DEMO": "false",  # fetched areas end demo mode: a local analyst
                "EST_GEO_SCB_GEODATA_URL": f"{root}/geoserver/stat/wfs",
                "EST_GEO_SCB_PXWEB_URL": f"{root}/api/v2",
            },
        )
        page = browser_page
        log_in(page, url, *local_account(demo_db))
        open_page(page, "Data")
        open_tab(page, "Hämta från SCB", "Kommunkod (fyra siffror)")
        page.get_by_label("Kommunkod (fyra siffror)").fill("0581")
        page.get_by_label("Kommunkod (fyra siffror)").press("Enter")
        assert not Handler.calls  # nothing asked of SCB before a click

        # -- areas -----------------------------------------------------------------------
        wait_until_idle(page)  # the code's rerun has ended: the button is the one that stays
        _watch_progress(page)
        page.get_by_role("button", name="Hämta områden från SCB").click()
        page.get_by_text("4 områden hämtade: 4 nya, 0 ersatta").first.wait_for(timeout=60_000)
        assert "Hämtar från SCB" in _progress_seen(page)
        stored = open_store(str(demo_db), read_only=True).areas(levels=["deso"])
        assert set(DESO) <= set(stored["code"])

        # -- periods from the table's metadata, then the indicator ------------------------
        _choose(page, "data_scb_indicator", "Andel 65 år och äldre")
        page.get_by_role("button", name="Läs tabellens perioder från SCB").wait_for(timeout=60_000)
        wait_until_idle(page)  # the choice's rerun has ended
        page.get_by_role("button", name="Läs tabellens perioder från SCB").click()
        _choose(page, "data_scb_period_TAB6574", "2024")
        wait_until_idle(page)
        _watch_progress(page)
        page.get_by_role("button", name="Hämta indikatorn från SCB").click()
        done = "andel_65_plus, period 2024: 3 värden sparade, 3 områden fick ett värde"
        page.get_by_text(done).first.wait_for(timeout=60_000)
        assert "Hämtar från SCB" in _progress_seen(page)
        report = page.get_by_text("SCB publicerar ingen siffra").first
        report.wait_for(timeout=60_000)
        assert "0581C0040" in report.inner_text()  # the suppressed cell, named

        # -- the preview map: the values as a choropleth with its legend -----------------
        fills = (
            "new Set([...document.querySelectorAll('path.leaflet-interactive')]"
            ".map(p => p.getAttribute('fill'))).size"
        )
        # Coloured by class (class colours and the grey of 0581C0040), not outlines: the
        # condition is checked in the frame found now (a remount may replace a kept one).
        wait_for_map_frame(
            page,
            f"document.querySelectorAll('path.leaflet-interactive').length >= 4 && {fills} >= 3",
        )
        screenshot(page, "scb-preview")

    # -- the layer on Indikatorer ----------------------------------------------------------
    open_page(page, "Indikatorer")
    _choose(page, "ind_a", "Andel 65 år och äldre")
    _choose(page, "ind_levels", "DeSO")
    # The layer drawn on Indikatorer's map, its legend named after the fetched indicator.
    wait_for_map_frame(
        page,
        "[...document.querySelectorAll('.est-legend')].some(e => "
        "e.innerText.includes('Andel 65 år och äldre'))",
    )
    screenshot(page, "indikatorer")
    assert not browser_log.blocked
