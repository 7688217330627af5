"""The Lägesbild's PDF in a real Chromium: built when its button is clicked (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import serve_demo, wait_until_idle

pytestmark = pytest.mark.browser


def test_pdf_is_downloaded_when_the_button_is_clicked(
    streamlit_server: Any, browser_page: Any, tmp_path: Path
) -> None:
    """The page no longer builds the PDF on every run; a click must still deliver it."""
    url = serve_demo(streamlit_server, tmp_path, n_incidents=5_000)
    browser_page.goto(f"{url}/lagesbild?page=lagesbild&area=NKP-KLO&period=2026-10")
    button = browser_page.get_by_role("button", name="Ladda ner lägesbilden som PDF")
    button.wait_for(timeout=90_000)
    # The map, charts and tables keep arriving after the button shows and move it: read its
    # position for the mouse only once the page's run has ended.
    wait_until_idle(browser_page)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    with browser_page.expect_download(timeout=90_000) as info:
        browser_page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    download = info.value
    assert download.suggested_filename == "lagesbild-NKP-KLO-2026-10.pdf"
    assert Path(download.path()).read_bytes()[:5] == b"%PDF-"
