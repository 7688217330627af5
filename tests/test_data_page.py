"""AppTest tests of the Data and Rapportera pages on a private copy of the demo database.

Uploads go through ``at.file_uploader(...).set_value`` (supported by this Streamlit's
AppTest), so the page reads the same bytes a browser would send. The map click of
Rapportera cannot be simulated here; it fills the same coordinate field that these tests
type into (the browser side is ``tests/browser/test_data_upload.py``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date, time
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.io.manual import MANUAL_SOURCE
from est_geo.store import IncidentQuery, open_store
from tests.conftest import log_in_locally

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DATA = str(ROOT / "app_pages" / "data.py")
RAPPORTERA = str(ROOT / "app_pages" / "rapportera.py")

# Inside the demo municipality (Klockaretorpet, SWEREF 99 TM).
GOOD = "568300;6493100"
CSV_ONE_BAD = (
    "id;x;y;datum;kategori;aktör;beskrivning\n"
    f"A1;{GOOD};2026-10-01 21:30;Klotter;Bostadsbolag;vägg\n"
    f"A2;{GOOD};inte ett datum;Klotter;Bostadsbolag;dörr\n"
    f"A3;{GOOD};2026-10-02;Glaskross;Polisen;fönster\n"
).encode()


@pytest.fixture
def db(demo_copy: Callable[[int], Path]) -> Path:
    """A private copy of the demo database per test (the tests write)."""
    return demo_copy(3_000)


def _page(script: str, role: Role = Role.ANALYTIKER) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    log_in_locally(at, role)
    at.run()
    at.switch_page(script)
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(elements: Any) -> str:
    """Element texts joined, with markdown escapes removed (the page escapes user text)."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def _upload(at: AppTest, name: str, content: bytes, key: str = "data_upload") -> AppTest:
    at.file_uploader(key=key).set_value((name, content, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def _count(db: Path, source: str) -> int:
    df = open_store(str(db), read_only=True).incidents(IncidentQuery())
    return int((df["source"] == source).sum())


def _by_prefix(widgets: Any, prefix: str) -> Any:
    """The one widget whose key starts with ``prefix`` (keys carry the upload's file id)."""
    found = [w for w in widgets if str(w.key).startswith(prefix)]
    assert len(found) == 1, f"{len(found)} widgets {prefix}…"
    return found[0]


def test_data_page_starts_with_upload_hint(db: Path) -> None:
    at = _page(DATA)
    assert at.title[0].value == "Data"
    assert "Välj en fil" in _texts(at.info)
    assert at.file_uploader(key="data_upload")


def test_one_bad_row_listed_then_valid_rows_imported(db: Path) -> None:
    at = _upload(_page(DATA), "hyresvard.csv", CSV_ONE_BAD)
    caption = _texts(at.caption)
    assert "csv" in caption and "utf-8" in caption and "';'" in caption and "3 rader" in caption
    assert "SWEREF 99 TM" in _texts(at.info)
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert problems["rad"].tolist() == [3]  # header is row 1: the second data row
    assert "datumet kan inte tolkas" in problems["orsak"].iloc[0]
    # Default choice: fix the file — no import button, nothing written.
    assert not [b for b in at.button if b.key == "data_import"]
    assert _count(db, "hyresvard") == 0
    _by_prefix(at.radio, "data_choice_").set_value("valid").run()
    at.button(key="data_import").click().run()
    assert not at.exception, at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Lästa rader": "3",
        "Importerade": "2",
        "Dubbletter (hoppades över)": "0",
        "Avvisade": "1",
    }
    assert _count(db, "hyresvard") == 2
    # The same file again: everything is a duplicate.
    at.button(key="data_import").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Importerade"] == "0" and metrics["Dubbletter (hoppades över)"] == "2"
    assert _count(db, "hyresvard") == 2


def test_clean_file_imports_without_choice(db: Path) -> None:
    clean = b"\n".join(CSV_ONE_BAD.splitlines()[:2]) + b"\n"
    at = _upload(_page(DATA), "ren.csv", clean)
    assert not [r for r in at.radio if str(r.key).startswith("data_choice_")]
    at.button(key="data_import").click().run()
    assert {m.label: m.value for m in at.metric}["Importerade"] == "1"
    assert _count(db, "ren") == 1


def test_unknown_category_mapped_and_remembered(db: Path) -> None:
    content = (
        "x;y;datum;händelse;aktör\n"
        f"{GOOD};2026-10-01;Sprayfärg på vägg;Bostadsbolag\n"
        f"{GOOD};2026-10-03;Sprayfärg på vägg;Bostadsbolag\n"
    ).encode()
    at = _upload(_page(DATA), "hv.csv", content)
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert problems["rad"].tolist() == [2, 3]
    assert "okänd kategori" in problems["orsak"].iloc[0]
    _by_prefix(at.selectbox, "data_cat_").set_value("skadegorelse.klotter").run()
    assert not [f for f in _frames(at) if "orsak" in f.columns]
    at.button(key="data_import").click().run()
    assert _count(db, "hv") == 2
    remembered = open_store(str(db)).import_mapping("hv", "incidents")
    assert remembered is not None
    assert remembered["categories"] == {"Sprayfärg på vägg": "skadegorelse.klotter"}


def test_column_choice_and_crs_override(db: Path) -> None:
    # "plats_n"/"plats_e" are not detected: the file is unusable until mapped.
    content = (
        "plats_e;plats_n;datum;kategori;aktör\n16.1824;58.5876;2026-10-01;Klotter;Polisen\n"
    ).encode()
    at = _upload(_page(DATA), "wgs.csv", content)
    assert "kan inte importeras som den är" in _texts(at.error)
    _by_prefix(at.selectbox, "data_col_x_").set_value("plats_e").run()
    _by_prefix(at.selectbox, "data_col_y_").set_value("plats_n").run()
    assert "WGS84" in _texts(at.info)
    assert [b for b in at.button if b.key == "data_import"]
    # Forcing SWEREF 99 TM on degrees: one problem saying the values look like WGS84.
    _by_prefix(at.radio, "data_crs_").set_value("sweref").run()
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert "passar WGS84" in problems["orsak"].iloc[0]


def test_no_column_unsets_a_detected_column_and_is_remembered(db: Path) -> None:
    at = _upload(_page(DATA), "utantext.csv", b"\n".join(CSV_ONE_BAD.splitlines()[:2]) + b"\n")
    description = _by_prefix(at.selectbox, "data_col_description_")
    assert description.value == "beskrivning"  # detected
    description.select_index(0).run()  # "(ingen kolumn)"
    assert not at.exception, at.exception
    assert _by_prefix(at.selectbox, "data_col_description_").value is None
    at.button(key="data_import").click().run()
    df = open_store(str(db), read_only=True).incidents(IncidentQuery(with_text=True))
    assert df.loc[df["source"] == "utantext", "description"].isna().all()
    remembered = open_store(str(db)).import_mapping("utantext", "incidents")
    assert remembered is not None and remembered["unset"] == ["description"]
    # The next upload from the same source starts with the column unset.
    again = _upload(_page(DATA), "utantext.csv", CSV_ONE_BAD)
    assert _by_prefix(again.selectbox, "data_col_description_").value is None


def test_swapped_columns_warn(db: Path) -> None:
    content = b"lat;lon;datum;kategori;akt\xc3\xb6r\n16.1824;58.5876;2026-10-01;Klotter;Polisen\n"
    at = _upload(_page(DATA), "omkastad.csv", content)
    assert "omkastade" in _texts(at.warning)


def test_unreadable_file_is_a_message(db: Path) -> None:
    at = _upload(_page(DATA), "trasig.xlsx", b"PK\x03\x04 not really a workbook")
    assert "kan inte läsas" in _texts(at.error)


def test_user_text_in_problems_stays_text(db: Path) -> None:
    evil = "![x](https://evil.example/x.png)"
    content = f"x;y;datum;kategori;aktör\n{GOOD};2026-10-01;{evil};Polisen\n".encode()
    at = _upload(_page(DATA), "evil.csv", content)
    label = _by_prefix(at.selectbox, "data_cat_").label
    assert "evil" in label and "![x](" not in label  # escaped in the widget label
    assert not any("](https://evil" in m.value for m in at.markdown)


def test_polisen_events_import_and_panel(db: Path) -> None:
    events = [
        {
            "id": 9000 + i,
            "datetime": f"2026-10-2{i} 7:32:06 +02:00",
            "name": f"2{i} oktober 07:30, Bråk, Norrköping",
            "summary": "Bråk vid centrum i Hageby <script>x</script>",
            "url": "/aktuellt/handelser/x/",
            "type": "Bråk",
            "location": {"name": "Norrköping", "gps": "58.587745,16.192421"},
        }
        for i in range(3)
    ]
    at = _page(DATA)
    at.file_uploader(key="data_polisen_upload").set_value(
        ("events.json", json.dumps(events).encode(), "application/json")
    ).run()
    at.button(key="data_polisen_import").click().run()
    assert not at.exception, at.exception
    assert "3 händelser lästa, 3 nya" in _texts(at.success)
    at.selectbox(key="data_events_days").set_value(365).run()
    tables = _frames(at)
    per_area = next(f for f in tables if "Område" in f.columns)
    assert per_area.set_index("Område")["Antal"].to_dict() == {"Hageby": 3}
    listing = next(f for f in tables if "Sammanfattning" in f.columns)
    assert len(listing) == 3
    assert listing["Sammanfattning"].iloc[0].endswith("<script>x</script>")  # grid text


def test_export_offers_download(db: Path) -> None:
    at = _page(DATA)
    assert "händelser enligt filtren" in _texts(at.caption)
    at.selectbox(key="data_export_what").set_value("areas").run()
    at.selectbox(key="data_export_format").set_value("geojson").run()
    assert not at.exception
    assert at.get("download_button")
    at.selectbox(key="data_export_what").set_value("incidents").run()
    at.selectbox(key="data_export_format").set_value("xlsx").run()
    assert not at.exception, at.exception
    assert "Excel (XLSX)" in at.selectbox(key="data_export_format").options
    assert at.get("download_button")


def test_problems_offer_csv_and_xlsx_reports(db: Path) -> None:
    at = _upload(_page(DATA), "hyresvard.csv", CSV_ONE_BAD)
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert "Ladda ner felrapport (CSV)" in labels and "Ladda ner felrapport (Excel)" in labels
    _by_prefix(at.radio, "data_choice_").set_value("valid").run()
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert "Ladda ner avvisade rader (Excel)" in labels


def _downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """File name → first sheet's name (or '' for a CSV) of every download button drawn."""
    from streamlit.delta_generator import DeltaGenerator

    drawn: dict[str, str] = {}
    real = DeltaGenerator.download_button

    def record(self: DeltaGenerator, label: str, data: Any, *args: Any, **kwargs: Any) -> Any:
        name = str(kwargs["file_name"])
        if name.endswith(".xlsx"):
            drawn[name] = openpyxl.load_workbook(io.BytesIO(data())).sheetnames[0]
        else:
            drawn[name] = ""
        return real(self, label, data, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", record)
    return drawn


@pytest.mark.parametrize(
    ("lang", "rejected", "errors"), [("sv", "avvisade", "fel"), ("en", "rejected", "errors")]
)
def test_problem_downloads_are_named_in_the_readers_language(
    db: Path, monkeypatch: pytest.MonkeyPatch, lang: str, rejected: str, errors: str
) -> None:
    """The rejected rows' file and sheet were 'avvisade' (and the error report's 'fel')
    for every reader; they are named from the catalogue, the Swedish names unchanged."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", lang)
    drawn = _downloads(monkeypatch)
    at = _upload(_page(DATA), "hyresvard.csv", CSV_ONE_BAD)
    _by_prefix(at.radio, "data_choice_").set_value("valid").run()
    assert not at.exception, at.exception
    assert drawn == {
        f"{errors}_hyresvard.csv": "",
        f"{errors}_hyresvard.xlsx": errors,
        f"{rejected}_hyresvard.csv": "",
        f"{rejected}_hyresvard.xlsx": rejected,
    }


# -- Rapportera --------------------------------------------------------------------------


def _fill(at: AppTest, coordinate: str, description: str = "") -> AppTest:
    at.text_input(key="rapportera_coord").input(coordinate)
    at.selectbox(key="rapportera_category").set_value("skadegorelse.klotter")
    at.selectbox(key="rapportera_actor").set_value("bostadsbolag")
    at.date_input(key="rapportera_date").set_value(date(2026, 10, 5))
    at.time_input(key="rapportera_time").set_value(time(22, 15))
    at.text_area(key="rapportera_description").input(description)
    return at.run()


def test_rapportera_saves_and_confirms_escaped(db: Path) -> None:
    at = _page(RAPPORTERA)
    assert at.title[0].value == "Rapportera"
    desc = "Klotter *fett* [länk](https://evil.example) <b>x</b>"
    at = _fill(at, "58.5876, 16.1824", desc)
    assert "Tolkat som WGS84" in _texts(at.caption)
    at.button(key="rapportera_save").click().run()
    assert not at.exception, at.exception
    assert "Rapporten är sparad" in _texts(at.success)
    confirmation = " ".join(m.value for m in at.markdown)  # raw markdown, escapes kept
    assert "Skadegörelse › Klotter" in confirmation
    assert "2026\\-10\\-05 22\\:15" in confirmation
    assert "[länk](https" not in confirmation and "\\[länk\\]" in confirmation
    df = open_store(str(db)).incidents(IncidentQuery(with_text=True))
    mine = df[df["source"] == MANUAL_SOURCE]
    assert len(mine) == 1
    assert mine["description"].iloc[0] == desc
    assert mine["occurred_at"].iloc[0] == pd.Timestamp("2026-10-05 22:15")
    # The form is cleared for the next report.
    assert at.text_input(key="rapportera_coord").value == ""


def test_rapportera_lists_every_problem(db: Path) -> None:
    at = _page(RAPPORTERA)
    at.text_input(key="rapportera_coord").input("59.33, 18.06").run()  # Stockholm
    at.button(key="rapportera_save").click().run()
    assert not at.exception, at.exception
    assert "sparades inte (3 problem)" in _texts(at.error)
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert sorted(problems["fält"]) == ["aktör", "kategori", "koordinat"]
    assert _count(db, MANUAL_SOURCE) == 0


def test_rapportera_sweref_coordinate(db: Path) -> None:
    at = _fill(_page(RAPPORTERA), "6493100 568300")
    at.radio(key="rapportera_system").set_value("sweref").run()
    assert "SWEREF 99 TM (E, N)" in _texts(at.caption)
    at.button(key="rapportera_save").click().run()
    df = open_store(str(db)).incidents(IncidentQuery())
    mine = df[df["source"] == MANUAL_SOURCE]
    assert (round(mine["x"].iloc[0]), round(mine["y"].iloc[0])) == (568300, 6493100)
