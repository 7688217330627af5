"""A filter change on the Lägesbild redraws its hot spot layer in the map that is already
there (issue 18: "the base map stays mounted when the filter changes").

Why a test: st_folium keys its component by a hash of the base map's script, so a base
map that depended on the filter (fitted to the hot cells, say) would remount the iframe
on every change — Leaflet, its plugins and the tiles loaded again. Karta and Hotspots
have their own checks (``test_karta.py``, ``test_hotspots_page.py``); this is the
Lägesbild's, measured by ``bench/bench_filter_change.py`` on 1M incidents.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    BrowserLog,
    choose_in,
    serve_demo,
    wait_for_leaflet,
    wait_for_map_frame,
    wait_until_idle,
)

from est_geo.core.periods import rolling_period

pytestmark = pytest.mark.browser

#: The feature group st_folium last drew in this frame differs from the one kept in
#: ``window.__estBefore`` (a remounted frame has none kept: the condition holds there
#: too, and the mark check below fails).
LAYER_CHANGED = (
    "window.__GLOBAL_DATA__ && window.__GLOBAL_DATA__.last_feature_group !== window.__estBefore"
)


def test_a_category_filter_redraws_the_layer_without_remounting_the_map(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    url = serve_demo(streamlit_server, tmp_path, n_incidents=5_000)
    year = rolling_period("ar", today=date(2026, 11, 1)).code  # serve_demo's last day
    browser_page.goto(
        f"{url}/lagesbild?page=lagesbild&area=0581&period={year}", wait_until="domcontentloaded"
    )
    wait_for_leaflet(browser_page, timeout=90_000)
    browser_page.get_by_text("Lägesbild – ").first.wait_for(timeout=60_000)
    wait_until_idle(browser_page)  # the map has reported its view; the run that stays
    frame = wait_for_leaflet(browser_page)
    before = frame.evaluate(
        """() => { window.__estMounted = 'ja';
                   window.__estBefore = window.__GLOBAL_DATA__.last_feature_group;
                   return window.__estBefore; }"""
    )
    assert before and "Feature" in before  # the hot cells of the whole municipality

    choose_in(
        browser_page,
        browser_page.get_by_role("combobox", name="Kategorier", exact=True),
        browser_page.get_by_role("option", name="Skadegörelse", exact=True),
    )
    frame = wait_for_map_frame(browser_page, LAYER_CHANGED, timeout=90_000)
    assert frame.evaluate("() => window.__estMounted") == "ja", "the map's iframe was remounted"
    wait_until_idle(browser_page)
    frame = wait_for_map_frame(browser_page, LAYER_CHANGED)
    assert frame.evaluate("() => window.__estMounted") == "ja", "remounted after the change"
    assert not browser_log.blocked
