"""The Data page's "Områden och indikatorer" tab in a real Chromium, offline, on a fresh
demo database.

Three files go in through the file inputs the way a user's file picker delivers them:
a GeoJSON of two DeSO polygons (imported, drawn on the preview map from our own assets),
a CSV of ``trygghetsindex`` values with one code that has no area (the join report on
the page must name it, and its value is stored, not dropped), and a CSV with one value
that is not a number (the row is listed, nothing is written). The store is checked
afterwards; the harness fails the test on any request off loopback.
"""

from __future__ import annotations

import csv
import io
import json
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

pytestmark = pytest.mark.browser

CODES = ("0581C1010", "0581C1020")  # the demo's areas have codes like NKP-HAG: no clash
NAMES = ("Norra testområdet", "Södra testområdet")
MISSING = "0581C9999"


def _square(x: float, y: float, side: float = 500.0) -> list[list[list[float]]]:
    return [[[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]]]


# Two DeSO polygons in SWEREF 99 TM near Norrköping (x=567000, y=6494000).
GEOJSON = {
    "type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
    "features": [
        {
            "type": "Feature",
            "properties": {"deso": code, "namn": name},
            "geometry": {"type": "Polygon", "coordinates": _square(567_000 + 500 * i, 6_494_000)},
        }
        for i, (code, name) in enumerate(zip(CODES, NAMES, strict=True))
    ],
}
VALUES = f"deso;år;värde;n\n{CODES[0]};2024;2,1;45\n{CODES[1]};2024;2,7;52\n{MISSING};2024;3,0;50\n"
# Row 3 (header is row 1) has a value that is not a number.
BAD_VALUES = f"deso;år;värde;n\n{CODES[0]};2025;1,9;40\n{CODES[1]};2025;ej svar;38\n"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=1_000, end_date=date(2026, 11, 1))
    return db


def _file_input(page: Any, key: str) -> Any:
    return page.locator(f'.st-key-{key} [data-testid="stFileUploader"] input[type="file"]')


def test_areas_then_values_with_join_report_then_a_bad_row(
    streamlit_server: Any,
    browser_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    demo_db: Path,
    tmp_path: Path,
) -> None:
    url = streamlit_server(
        "app.py",
        env={
            "EST_GEO_DATABASE_URL": str(demo_db),
            "EST_GEO_TILE_URL": "none",
            "EST_GEO_DEMO": "false",
        },
    )
    page = browser_page
    # Importing real data ends demo mode (and the demo accounts): a local analyst does it.
    log_in(page, url, *local_account(demo_db))
    page.get_by_text("Demodata – fiktiva händelser").first.wait_for(timeout=60_000)
    open_page(page, "Data")  # clicks again if a rerun of the start page overtakes the click
    open_tab(page, "Områden och indikatorer", "Välj en fil med områden")
    values_before = len(open_store(str(demo_db), read_only=True).indicator_values())

    # -- areas ---------------------------------------------------------------------------
    areas_file = tmp_path / "deso_test.geojson"
    areas_file.write_text(json.dumps(GEOJSON), encoding="utf-8")
    _file_input(page, "area_upload").set_input_files(str(areas_file))
    page.get_by_text("SWEREF99 TM (EPSG:3006)").first.wait_for(timeout=60_000)
    page.get_by_text("2 objekt").first.wait_for(timeout=60_000)
    # The preview map, from /app/static only: both polygons drawn (looked up again if the
    # map's first report reran the page and remounted it).
    wait_for_map_frame(
        page, "document.querySelectorAll('.leaflet-container path.leaflet-interactive').length >= 2"
    )
    screenshot(page, "areas-preview")
    wait_until_idle(page)  # the map's report reruns the page: click the button that stays
    page.get_by_role("button", name="Importera områden").click()
    page.get_by_text("2 områden importerade (nivå DeSO)").first.wait_for(timeout=60_000)
    stored = open_store(str(demo_db), read_only=True).areas(levels=["deso"])
    assert sorted(stored["code"]) == list(CODES)
    assert sorted(stored["name"]) == list(NAMES)

    # -- values with a code that has no area ----------------------------------------------
    values_file = tmp_path / "trygghetsindex.csv"
    values_file.write_bytes(VALUES.encode("cp1252"))  # as Swedish Excel saves it
    _file_input(page, "values_upload").set_input_files(str(values_file))
    page.get_by_text("3 rader, kolumner").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    # Preselected from the file name.
    indicator = page.get_by_role("combobox", name="Indikator *")
    assert indicator.input_value() == "Trygghetsindex (trygghetsindex)"
    page.get_by_role("button", name="Importera värden").click()
    page.get_by_text("3 värden importerade (trygghetsindex; perioder 2024)").first.wait_for(
        timeout=60_000
    )
    report = page.get_by_text("1 kod i tabellen saknar område").first
    report.wait_for(timeout=60_000)
    assert MISSING in report.inner_text()
    screenshot(page, "join-report")
    values = open_store(str(demo_db), read_only=True).indicator_values("trygghetsindex")
    mine = values[values["area_code"].isin([*CODES, MISSING])]
    assert sorted(mine["area_code"]) == sorted([*CODES, MISSING])  # stored, never dropped
    assert sorted(mine["value"]) == [2.1, 2.7, 3.0]
    assert len(open_store(str(demo_db), read_only=True).indicator_values()) == values_before + 3

    # -- one bad row: listed, nothing written ----------------------------------------------
    bad_file = tmp_path / "trygghetsindex_2025.csv"
    bad_file.write_text(BAD_VALUES, encoding="utf-8")
    _file_input(page, "values_upload").set_input_files(str(bad_file))
    page.get_by_text("2 rader, kolumner").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Importera värden").click()
    page.get_by_text("Inget har sparats: filen har 1 problem").first.wait_for(timeout=60_000)
    # Click the download button of the run that stays (a replaced run's file is gone).
    wait_until_idle(page)
    # The grid draws on a canvas: its rows are read from the error report it offers.
    with page.expect_download() as download:
        page.locator(".st-key-values_import_errors_csv").get_by_role("button").click()
    text = Path(download.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["rad", "fält", "värde", "orsak"]
    assert rows[1:] == [["3", "värde", "ej svar", "inte ett tal"]]
    screenshot(page, "bad-row")
    after = open_store(str(demo_db), read_only=True).indicator_values()
    assert len(after) == values_before + 3
    mine = after[after["area_code"].isin(CODES)]
    assert sorted(mine["period"].astype(str)) == ["2024", "2024"]  # no 2025 row written

    assert browser_log.page_errors == []
    assert not browser_log.dialogs
    assert not browser_log.blocked
