"""Incident import: validation of every problem, valid-rows-only, dedup, round trips."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from est_geo.core.errors import ValidationError
from est_geo.io import (
    ColumnMapping,
    export_layer,
    export_table,
    import_incidents,
    parse_datetimes,
    parse_numbers,
    problems_to_csv,
    table_to_xlsx,
)
from est_geo.io.csvout import frame_to_csv
from est_geo.io.export import _frame as _export_frame
from est_geo.store import IncidentQuery, Store
from tests.conftest import small_incidents

HEADER = "Datum;Tid;Kategori;Aktör;Latitud;Longitud;Beskrivning\n"
GOOD = (
    "2025-01-06;21:30;Klotter;Hyresbostäder;58,57402;16,11578;klotter på vägg\n"
    "2025-01-07;;Skadegörelse/Glaskross;Polisen;58.5741;16.1159;\n"
)


def _incident_layer(store: Store) -> pd.DataFrame:
    return _export_frame(store, "incidents", None)


def _csv(body: str, enc: str = "utf-8") -> bytes:
    return (HEADER + body).encode(enc)


def test_import_swedish_excel_csv(store: Store) -> None:
    report = import_incidents(store, _csv(GOOD, "cp1252"), filename="hb.csv", user="t")
    assert (report.rows_read, report.imported, report.duplicates, report.rejected) == (2, 2, 0, 0)
    assert report.source == "hb"
    assert report.plan.crs is not None and report.plan.crs.epsg == 4326
    df = store.incidents(IncidentQuery(with_text=True))
    assert df["category"].tolist() == ["skadegorelse.klotter", "skadegorelse.glaskross"]
    assert df["actor"].tolist() == ["bostadsbolag", "polis"]
    assert df["has_time"].tolist() == [True, False]
    assert df["occurred_at"].iloc[0] == pd.Timestamp("2025-01-06 21:30")
    assert pd.isna(df["description"].iloc[1])
    assert 564_800 < df["x"].iloc[0] < 565_000


def test_reimport_creates_no_duplicates_and_mapping_is_remembered(store: Store) -> None:
    mapping = ColumnMapping(categories={"Sprayat": "skadegorelse.klotter"})
    body = GOOD + "2025-01-08;10:00;Sprayat;Polisen;58.5742;16.1160;\n"
    first = import_incidents(
        store, _csv(body), filename="a.csv", source="hb", user="t", mapping=mapping
    )
    assert first.imported == 3
    again = import_incidents(store, _csv(body), filename="b.csv", source="hb", user="t")
    assert (again.imported, again.duplicates) == (0, 3)  # remembered category mapping used
    overlap = GOOD.splitlines()[1] + "\n2025-01-09;11:00;Bråk;Polisen;58.5743;16.1161;\n"
    third = import_incidents(store, _csv(overlap), filename="c.csv", source="hb", user="t")
    assert (third.imported, third.duplicates) == (1, 1)
    assert store.count_incidents() == 4
    saved = store.import_mapping("hb", "incidents")
    assert saved is not None and saved["categories"] == {"Sprayat": "skadegorelse.klotter"}


def test_unset_column_is_not_imported_and_is_remembered(store: Store) -> None:
    mapping = ColumnMapping(unset=frozenset({"description"}))
    first = import_incidents(
        store, _csv(GOOD), filename="a.csv", source="hb", user="t", mapping=mapping
    )
    assert first.plan.mapping.description is None
    assert store.incidents(IncidentQuery(with_text=True))["description"].isna().all()
    saved = store.import_mapping("hb", "incidents")
    assert saved is not None and saved["unset"] == ["description"]
    # Next file from the same source: detection would find "Beskrivning", the
    # remembered unset wins; a user mapping that names the column wins over that.
    body = "2025-01-10;12:00;Klotter;Polisen;58.5744;16.1162;ny text\n"
    again = import_incidents(store, _csv(body), filename="b.csv", source="hb", user="t")
    assert again.plan.mapping.description is None
    back = ColumnMapping(description="Beskrivning")
    body = "2025-01-11;12:00;Klotter;Polisen;58.5745;16.1163;med text\n"
    third = import_incidents(
        store, _csv(body), filename="c.csv", source="hb", user="t", mapping=back
    )
    assert third.plan.mapping.description == "Beskrivning"
    texts = store.incidents(IncidentQuery(with_text=True))["description"].dropna().tolist()
    assert texts == ["med text"]


def test_every_problem_is_reported_and_nothing_written(store: Store) -> None:
    body = (
        "2025-13-01;;Klotter;Polisen;58.57;16.11;\n"  # bad date
        "2025-01-06;;Påhittad;Polisen;58.57;16.11;\n"  # unknown category
        "2025-01-06;;Klotter;Marsmänniska;58.57;16.11;\n"  # unknown actor
        "2025-01-06;;Klotter;Polisen;nan;16.11;\n"  # NaN
        "2025-01-06;;Klotter;Polisen;1e300;16.11;\n"  # huge
        "2025-01-06;;Klotter;Polisen;;16.11;\n"  # empty
        "2025-01-06;;Klotter;Polisen;59.33;18.07;\n"  # Stockholm: outside the kommun
        "2025-01-06;;Klotter;Polisen;52.52;13.40;\n"  # Berlin: outside Sweden
        "2099-01-06;;Klotter;Polisen;58.57;16.11;\n"  # future
        "2025-01-06;;;Polisen;58.57;16.11;\n"  # empty category
    )
    before = store.info().counts
    with pytest.raises(ValidationError) as err:
        import_incidents(store, _csv(body), filename="bad.csv", user="t")
    got = {(p.row, p.reason.split(" (")[0]) for p in err.value.problems}
    assert got >= {
        (2, "datumet kan inte tolkas"),
        (3, "okänd kategori"),
        (4, "okänd aktör"),
        (5, "inte ett ändligt tal"),
        (6, "orimligt stort tal"),
        (7, "värde saknas"),
        (8, "punkten ligger utanför kommunen"),
        (9, "punkten ligger utanför Sverige"),
        (10, "datumet ligger i framtiden"),
        (11, "kategori saknas"),
    }
    assert store.info().counts == before
    assert store.import_mapping("bad", "incidents") is None


def test_valid_rows_only(store: Store) -> None:
    body = GOOD + "inte ett datum;;Klotter;Polisen;58.57;16.11;x\n"
    report = import_incidents(store, _csv(body), filename="v.csv", user="t", valid_rows_only=True)
    assert (report.imported, report.rejected) == (2, 1)
    rej = report.plan.rejected_in("sv")
    assert rej["rad"].tolist() == [4]
    assert "datumet kan inte tolkas" in rej["problem"].iloc[0]
    assert rej["Beskrivning"].iloc[0] == "x"
    english = report.plan.rejected_in("en")
    assert english["row"].tolist() == [4] and "rad" not in english.columns
    (reasons,) = english["problem"].tolist()
    assert "the date cannot be read" in reasons and "datumet" not in reasons, reasons
    assert english["Beskrivning"].iloc[0] == "x"  # the file's own columns stay as they are


#: The rejected rows' download as it was when the Swedish text was stored with the rows.
REJECTED_SV = (
    "\ufeffrad;Datum;Tid;Kategori;Aktör;Latitud;Longitud;Beskrivning;problem\r\n"
    "4;inte ett datum;;Klotter;Polisen;58.57;16.11;x;"
    "Datum: datumet kan inte tolkas (använd t.ex. 2025-06-07 21:30)\r\n"
    "5;2025-01-08;;Okänt;Polisen;nej;16.11;'=1+1;"
    '"Latitud: inte ett tal; Kategori: okänd kategori (mappa den till en EST-kategori)"\r\n'
)


def test_rejected_rows_keep_their_problems_once_and_are_worded_per_reader(store: Store) -> None:
    """The problems are kept once, as Problems; the download's text is worded from them."""
    body = GOOD + "inte ett datum;;Klotter;Polisen;58.57;16.11;x\n"
    body += "2025-01-08;;Okänt;Polisen;nej;16.11;=1+1\n"
    report = import_incidents(store, _csv(body), filename="v.csv", user="t", valid_rows_only=True)
    plan = report.plan
    assert list(plan.rejected.columns) == HEADER.strip().split(";")  # the file's rows as read
    assert [[p.field for p in found] for found in plan.rejected_problems] == [
        ["Datum"],
        ["Latitud", "Kategori"],
    ]
    assert frame_to_csv(plan.rejected_in("sv"), sep=";").decode("utf-8") == REJECTED_SV
    english = frame_to_csv(plan.rejected_in("en"), sep=";").decode("utf-8")
    assert english.splitlines()[2].endswith(
        '"Latitud: not a number; Kategori: unknown category (map it to an EST category)"'
    ), english
    with pytest.raises(ValueError, match="problems of every rejected row"):
        replace(plan, rejected_problems=plan.rejected_problems[:1])


def test_a_file_with_its_own_row_and_problem_columns_can_be_rejected(store: Store) -> None:
    """A file with a 'rad' column made the rejected rows' download raise a bare ValueError."""
    head = "Datum;Tid;Kategori;Aktör;Latitud;Longitud;rad;problem\n"
    body = head + "2025-01-06;21:30;Klotter;Polisen;58,57402;16,11578;1;ingen\n"
    body += "inte ett datum;;Klotter;Polisen;58.57;16.11;2;inget\n"
    report = import_incidents(
        store, body.encode(), filename="r.csv", user="t", valid_rows_only=True
    )
    rej = report.plan.rejected_in("sv")
    assert list(rej.columns) == ["rad", *head.strip().split(";"), "problem"]
    first = rej.iloc[0].tolist()
    assert first[0] == 3 and first[-3:-1] == ["2", "inget"]
    assert first[-1] == "Datum: datumet kan inte tolkas (använd t.ex. 2025-06-07 21:30)"


def test_coordinates_no_system_fits_are_worded_for_the_reader(store: Store) -> None:
    """The example of the coordinates that fit no system was worded in Swedish where it was
    found ('t.ex. 2.0, 1.0'), so an English reader's error report showed Swedish in its
    value column; it is a catalogue text worded where the problem is shown."""
    body = "2025-01-06;;Klotter;Polisen;1;2;\n"
    with pytest.raises(ValidationError) as err:
        import_incidents(store, _csv(body), filename="nofit.csv", user="t")
    (problem,) = [p for p in err.value.problems if p.key == "io.incidents.no_crs_fits"]
    assert problem.value_in("sv") == "t.ex. 2.0, 1.0"  # the Swedish text as it was
    assert problem.value_in("en") == "e.g. 2.0, 1.0"
    assert str(problem) == (
        "fält 'Longitud/Latitud' = 't.ex. 2.0, 1.0': koordinaterna passar varken WGS84, "
        "SWEREF 99 TM eller RT 90; ange --crs"
    )
    english = problems_to_csv([problem], "en").decode("utf-8-sig").splitlines()
    assert english[1] == (
        ';Longitud/Latitud;e.g. 2.0, 1.0;"'
        'the coordinates fit neither WGS84, SWEREF 99 TM nor RT 90; give --crs"'
    ), english


def test_missing_columns_are_fatal_even_for_valid_rows_only(store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        import_incidents(store, b"a;b\n1;2\n", filename="x.csv", user="t", valid_rows_only=True)
    assert {p.field for p in err.value.problems} >= {"x", "y", "datetime", "category", "actor"}


def test_duplicate_id_within_file(store: Store) -> None:
    data = (
        "id,datum,kategori,aktör,x,y\n"
        "7,2025-01-06,Klotter,polis,564900,6493100\n"
        "7,2025-01-07,Klotter,polis,564901,6493101\n"
    ).encode()
    with pytest.raises(ValidationError) as err:
        import_incidents(store, data, filename="d.csv", user="t")
    assert [(p.row, p.field) for p in err.value.problems] == [(3, "id")]


def test_swapped_sweref_columns_are_flagged_and_fixed(store: Store) -> None:
    # Surveyors' X = northing: the "X" column holds 6.49M.
    data = "X;Y;datum;kategori;aktör\n6493100;564900;2025-01-06 21:00;Bråk;polis\n".encode()
    report = import_incidents(store, data, filename="s.csv", user="t")
    assert report.plan.crs is not None and report.plan.crs.swapped
    assert any("omkastade" in w.text() for w in report.plan.warnings)
    assert any("seem to be swapped" in w.text("en") for w in report.plan.warnings)
    assert store.incidents()["x"].iloc[0] == 564900.0


def test_explicit_crs_and_default_actor(store: Store) -> None:
    data = b"e;n;datum;kategori\n564900;6493100;2025-01-06;Klotter\n"
    mapping = ColumnMapping(default_actor="Bostadsbolag")
    report = import_incidents(
        store, data, filename="e.csv", user="t", crs="EPSG:3006", mapping=mapping
    )
    assert report.plan.crs is not None and report.plan.crs.origin == "user"
    assert store.incidents()["actor"].tolist() == ["bostadsbolag"]


def test_content_hash_is_stable_and_counts_identical_rows(store: Store) -> None:
    row = "2025-01-06;21:30;Klotter;Polisen;58.57402;16.11578;\n"
    first = import_incidents(store, _csv(row * 2), filename="h.csv", user="t")
    assert first.imported == 2
    ids = sorted(store.incidents()["source_id"])
    assert ids[1] == ids[0] + "-2"
    again = import_incidents(store, _csv(row * 3), filename="h.csv", user="t")
    assert (again.imported, again.duplicates) == (1, 2)


@pytest.mark.parametrize("fmt", ["csv", "gpkg", "geojson", "xlsx"])
def test_export_import_round_trip(fmt: str, store: Store, store_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inc = small_incidents(6)
    inc.loc[2, "has_time"] = False
    inc.loc[2, "occurred_at"] = pd.Timestamp("2025-01-08")
    inc.loc[3, "occurred_at"] = pd.Timestamp("2025-01-09 00:00")  # midnight with a time
    inc.loc[4, "description"] = None
    inc.loc[5, "description"] = 'citat "och" semikolon; å ä ö'
    store.add_incidents(inc, user="t")
    out = tmp_path / f"inc.{fmt}"
    assert export_layer(store, "incidents", fmt, out) == 6
    target = store_factory()
    report = import_incidents(target, out, user="t")
    assert report.imported == 6
    q = IncidentQuery(with_text=True)
    a = store.incidents(q).drop(columns=["fid", "batch_id"])
    b = target.incidents(q).drop(columns=["fid", "batch_id"])
    tol = 1e-6 if fmt == "geojson" else 0.0
    pd.testing.assert_frame_equal(a.drop(columns=["x", "y"]), b.drop(columns=["x", "y"]))
    assert np.allclose(a[["x", "y"]], b[["x", "y"]], rtol=0, atol=tol)
    if fmt != "geojson":
        assert (a[["x", "y"]].to_numpy() == b[["x", "y"]].to_numpy()).all()
    # importing the export into the original store adds nothing
    back = import_incidents(store, out, user="t")
    assert (back.imported, back.duplicates) == (0, 6)


def test_csv_export_has_sweref_and_wgs84(store: Store, tmp_path: Path) -> None:
    store.add_incidents(small_incidents(2), user="t")
    export_layer(store, "incidents", "csv", tmp_path / "i.csv")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "i.csv").read_text("utf-8-sig"))))
    assert {"x", "y", "lat", "lon", "source_id"} <= set(rows[0])
    assert 58 < float(rows[0]["lat"]) < 59


def test_xlsx_export_reads_back_equal_with_pandas(store: Store, tmp_path: Path) -> None:
    inc = small_incidents(4)
    inc.loc[1, "has_time"] = False
    inc.loc[1, "occurred_at"] = pd.Timestamp("2025-01-07")
    inc.loc[2, "description"] = None
    inc.loc[3, "description"] = '=HYPERLINK("https://evil.example")\x07 å'
    store.add_incidents(inc, user="t")
    out = tmp_path / "i.xlsx"
    assert export_layer(store, "incidents", "xlsx", out) == 4
    expected = export_table(
        _incident_layer(store), "incidents", with_wkt=False
    )  # the same table the CSV export writes
    got = pd.read_excel(out, sheet_name="incidents", dtype={"source_id": str})
    assert list(got.columns) == list(expected.columns)
    assert {"x", "y", "lat", "lon"} <= set(got.columns) and "wkt" not in got.columns
    expected["description"] = expected["description"].str.replace("\x07", "", regex=False)
    pd.testing.assert_frame_equal(got, expected.astype({"description": object}), check_dtype=False)
    # User text that looks like a formula stays text in Excel.
    from openpyxl import load_workbook

    cell = load_workbook(out)["incidents"]["H5"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("https://evil.example") å', "s")


def test_xlsx_export_of_areas_and_interventions_is_a_table(store: Store, tmp_path: Path) -> None:
    assert export_layer(store, "areas", "xlsx", tmp_path / "a.xlsx") == 3
    areas = pd.read_excel(tmp_path / "a.xlsx")
    assert list(areas["code"].astype(str)) == ["0581", "T-OMR", "T-OMR-C"]
    assert {"x", "y", "lat", "lon"} <= set(areas.columns) and "wkt" not in areas.columns
    assert export_layer(store, "interventions", "xlsx", tmp_path / "iv.xlsx") == 0
    assert "name" in pd.read_excel(tmp_path / "iv.xlsx").columns


def test_table_to_xlsx_refuses_more_rows_than_excel_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from est_geo.core.errors import EstGeoError
    from est_geo.io import export

    monkeypatch.setattr(export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(EstGeoError, match="ryms inte"):
        table_to_xlsx(pd.DataFrame({"a": [1, 2, 3]}))
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]})
    back = pd.read_excel(io.BytesIO(table_to_xlsx(frame, sheet="t")), sheet_name="t")
    pd.testing.assert_frame_equal(back, frame.astype({"b": object}), check_dtype=False)


def test_areas_and_interventions_export(store: Store, tmp_path: Path) -> None:
    import pyogrio

    assert export_layer(store, "areas", "gpkg", tmp_path / "a.gpkg") == 3
    info = pyogrio.read_info(tmp_path / "a.gpkg", layer="areas")
    assert "3006" in str(info["crs"])
    assert export_layer(store, "areas", "geojson", tmp_path / "a.geojson") == 3
    assert export_layer(store, "interventions", "csv", tmp_path / "iv.csv") == 0


def test_problems_to_csv() -> None:
    from est_geo.core.errors import Problem

    data = problems_to_csv([Problem(3, "datum", "x;y", "ogiltig"), Problem(None, "fil", "", "tom")])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["rad", "fält", "värde", "orsak"],
        ["3", "datum", "x;y", "ogiltig"],
        ["", "fil", "", "tom"],
    ]


def test_parse_helpers() -> None:
    nums = parse_numbers(pd.Series(["6 493 100,5", "1.5", "−2,5", "abc", "", "inf"]))
    assert nums[:3].tolist() == [6493100.5, 1.5, -2.5]
    assert np.isnan(nums[3]) and np.isnan(nums[4]) and np.isinf(nums[5])
    stamps, has_time = parse_datetimes(
        pd.Series(
            ["2025-06-07 7:32", "07.06.2025", "2025-06-07T05:32:06Z", "2025-06-07 00:00:00", "x"]
        )
    )
    assert stamps.iloc[0] == pd.Timestamp("2025-06-07 07:32")
    assert stamps.iloc[1] == pd.Timestamp("2025-06-07")
    assert stamps.iloc[2] == pd.Timestamp("2025-06-07 07:32:06")  # UTC → Swedish summer time
    assert pd.isna(stamps.iloc[4])
    assert has_time.tolist() == [True, False, True, False, False]
