"""Lägesbild's key figures in a real browser (issue 13 item 12): long category names are
shown whole (not "Otrygghetsskapa…"), and a fall keeps its true minus sign; its chart is
an SVG image and no Plotly chunk is requested (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, serve_demo, wait_until_idle

pytestmark = pytest.mark.browser

#: Elements of metric labels whose text is cut (wider than their box, overflow hidden).
CUT_LABELS = """() => [...document.querySelectorAll('[data-testid="stMetricLabel"] *')]
    .filter(e => e.scrollWidth > e.clientWidth + 1
        && getComputedStyle(e).overflow !== 'visible')
    .map(e => e.textContent)"""


def test_metric_labels_are_whole_and_minus_is_true(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    url = serve_demo(streamlit_server, tmp_path, n_incidents=5_000)
    browser_page.goto(f"{url}/lagesbild", wait_until="domcontentloaded")
    labels = browser_page.locator('[data-testid="stMetricLabel"]')
    labels.first.wait_for(timeout=90_000)
    labels.nth(2).wait_for(timeout=60_000)  # the total and the top categories
    # Widths are measured once every figure is drawn (the run has ended) in its font.
    wait_until_idle(browser_page)
    browser_page.evaluate("() => document.fonts.ready.then(() => true)")
    assert browser_page.evaluate(CUT_LABELS) == []
    deltas = browser_page.locator('[data-testid="stMetricDelta"]').all_inner_texts()
    assert deltas and not any("-" in d for d in deltas), deltas  # U+2212, never a hyphen
    # The chart is the PDF's figure as an SVG image, drawn, with its content in words;
    # the page no longer loads Plotly's chunk (issue 18: it held up the whole page).
    chart = browser_page.locator('img[alt^="Stapeldiagram"]')
    chart.wait_for(timeout=60_000)
    drawn = "e => e.complete && e.naturalWidth > 0 && e.getBoundingClientRect().width > 500"
    assert chart.evaluate(drawn)
    assert "Denna period:" in (chart.get_attribute("alt") or "")
    assert [u for u in browser_log.requests if "plotly" in u.lower()] == []
    assert not browser_log.blocked
