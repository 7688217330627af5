"""The upload flow of the Data page in a real Chromium, on a fresh demo database, offline.

A small CSV with one bad row goes in through the file input the way a user's file
picker would deliver it; the page must list the bad row with its row number, write
nothing until "Importera bara giltiga rader" is chosen, then write exactly the valid
rows and show the summary. The harness fails the test on any request off loopback.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, open_page, wait_until_idle

from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import IncidentQuery, open_store

pytestmark = pytest.mark.browser

SOURCE = "vecka_42"
# Inside the demo municipality (Klockaretorpet, SWEREF 99 TM); row 4 has a bad date.
CSV = (
    "id;x;y;datum;kategori;aktör;beskrivning\n"
    "V1;568300;6493100;2026-10-01 21:30;Klotter;Bostadsbolag;vägg vid port 3\n"
    "V2;568310;6493110;2026-10-02 22:10;Glaskross;Bostadsbolag;ruta i trapphus\n"
    "V3;568320;6493120;32/13/2026;Klotter;Bostadsbolag;<b>ej html</b>\n"
    "V4;568330;6493130;2026-10-04;Bråk;Polisen;\n"
)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=3_000, end_date=date(2026, 11, 1))
    return db


def _rows(db: Path) -> list[str]:
    df = open_store(str(db), read_only=True).incidents(IncidentQuery())
    return sorted(df.loc[df["source"] == SOURCE, "source_id"].tolist())


def _wait(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def test_upload_one_bad_row_then_import_only_valid_rows(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_db: Path,
    tmp_path: Path,
) -> None:
    url = streamlit_server(
        "app.py", env={"EST_GEO_DATABASE_URL": str(demo_db), "EST_GEO_TILE_URL": "none"}
    )
    page = browser_page
    # In through the start page and the navigation, as a user: a deep link would make
    # (Before the scripts moved to app_pages/, a direct URL ran the script without app.py.)
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("Demodata – fiktiva händelser").first.wait_for(timeout=60_000)
    open_page(page, "Data")  # clicks again if a rerun of the start page overtakes the click
    page.get_by_text("Demokonto", exact=True).first.wait_for(timeout=60_000)  # app.py's sidebar
    before = open_store(str(demo_db), read_only=True).count_incidents()

    upload = tmp_path / f"{SOURCE}.csv"
    upload.write_bytes(CSV.encode("cp1252"))  # as Swedish Excel saves "CSV (semikolon)"
    page.locator('[data-testid="stFileUploader"] input[type="file"]').first.set_input_files(
        str(upload)
    )

    # The preview: format, CRS for confirmation, and the bad row with its row number.
    page.get_by_text("teckenkodning cp1252").first.wait_for(timeout=60_000)
    page.get_by_text("SWEREF 99 TM (EPSG:3006)").first.wait_for(timeout=60_000)
    page.get_by_text("1 problem på 1 rad").first.wait_for(timeout=60_000)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=60_000)
    # Click the download button of the run that stays: a run the page replaces takes its
    # file with it ("Deferred file … not found", as the Lägesbild PDF did in CI).
    wait_until_idle(page)
    # The grid draws on a canvas, so its text is read from the error report it offers:
    # the same problems, downloaded as a user would.
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner felrapport (CSV)").click()
    report = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(report), delimiter=";"))
    assert rows[0] == ["rad", "fält", "värde", "orsak"]
    assert len(rows) == 2
    assert rows[1][:3] == ["4", "datum", "32/13/2026"]  # header is row 1
    assert "datumet kan inte tolkas" in rows[1][3]
    screenshot(page, "problems")
    assert _rows(demo_db) == []  # nothing written by the preview

    # Default is "Rätta filen": no import button. Choose valid rows only.
    wait_until_idle(page)  # the download reran the page; its run has drawn what it shows
    assert page.get_by_role("button", name="Importera 3 rader").count() == 0
    page.get_by_text("Importera bara giltiga rader (3 st)").click()
    import_button = page.get_by_role("button", name="Importera 3 rader")
    import_button.wait_for(timeout=60_000)
    wait_until_idle(page)  # the button of the run that stays
    import_button.click()

    summary = page.locator('[data-testid="stMetric"]')
    page.get_by_text("Importen är klar").first.wait_for(timeout=60_000)
    wait_until_idle(page)  # every figure of the summary drawn
    _wait(lambda: summary.count() == 4)
    metrics = {
        summary.nth(i).locator('[data-testid="stMetricLabel"]').inner_text().strip(): summary.nth(i)
        .locator('[data-testid="stMetricValue"]')
        .inner_text()
        .strip()
        for i in range(4)
    }
    assert metrics == {
        "Lästa rader": "4",
        "Importerade": "3",
        "Dubbletter (hoppades över)": "0",
        "Avvisade": "1",
    }
    screenshot(page, "summary")

    assert _rows(demo_db) == ["V1", "V2", "V4"]
    assert open_store(str(demo_db), read_only=True).count_incidents() == before + 3
    assert browser_log.page_errors == []
    assert not browser_log.dialogs
    assert not browser_log.blocked
