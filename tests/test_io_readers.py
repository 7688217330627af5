"""Readers: encodings, delimiters, XLSX, GeoJSON, GeoPackage, zipped Shapefile."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pytest
from shapely.geometry import Point, box

from est_geo.core.errors import ValidationError
from est_geo.io.readers import GEOM_X, GEOM_Y, decode_text, read_table, sniff_delimiter

ROWS = "Datum;Kategori;Aktör;X;Y\n2025-01-06 21:00;Klotter;Bostadsbolag;564900;6493100\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("cp1252", b"", "cp1252"),
        ("utf-16", b"", "utf-16"),
    ],
)
def test_encodings(encoding: str, prefix: bytes, expected: str) -> None:
    table = read_table(prefix + ROWS.encode(encoding), filename="f.csv")
    assert table.encoding == expected
    assert list(table.frame.columns) == ["Datum", "Kategori", "Aktör", "X", "Y"]
    assert table.frame.loc[0, "Aktör"] == "Bostadsbolag"


def test_windows_1252_keeps_swedish_letters() -> None:
    text, enc = decode_text("Händelse;Åtgärd\nSkadegörelse;ö\n".encode("cp1252"))
    assert enc == "cp1252"
    assert "Skadegörelse" in text


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_delimiters(delim: str) -> None:
    text = ROWS.replace(";", delim)
    assert sniff_delimiter(text) == delim
    assert read_table(text.encode(), filename="f.txt").frame.shape == (1, 5)


def test_sniffing_a_big_file_looks_at_its_head_only() -> None:
    # Lines of 10,000 characters: fewer than 50 fit in the 256 KB head, which ends in
    # the middle of a line; the comma lines after the head are never looked at.
    line = "2025-01-06;Klotter;" + "x" * 10_000 + ";564900,5;6493100,5\n"
    text = "datum;kategori;beskrivning;x;y\n" + line * 100 + "a,b,c,d,e,f,g\n" * 5_000
    assert len(text) > 262_144 * 4
    assert sniff_delimiter(text) == ";"


def test_quoted_field_with_delimiter() -> None:
    data = b'a,b,c\n1,"x, y",3\n2,z,4\n'
    frame = read_table(data, filename="f.csv").frame
    assert frame.loc[0, "b"] == "x, y"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"\x00\x01\x02\x81\x8d", b"a;b\n1;2;3;4\n1;2\n"],
)
def test_unreadable_csv_is_a_validation_error(data: bytes) -> None:
    with pytest.raises(ValidationError):
        read_table(data, filename="f.csv")


def test_unknown_suffix() -> None:
    with pytest.raises(ValidationError, match="okänt filformat"):
        read_table(b"x", filename="f.doc")


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="kan inte öppnas"):
        read_table(tmp_path / "nope.csv")


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_xlsx_values_become_text() -> None:
    from datetime import datetime

    data = _xlsx(
        [
            ["id", "datum", "x", "y"],
            [1, datetime(2025, 1, 6, 21, 0), 564900.5, 6493100],
            [None, None, None, None],
            [2, datetime(2025, 1, 7), 564901, 6493101],
        ]
    )
    frame = read_table(data, filename="r.xlsx").frame
    assert frame["id"].tolist() == ["1", "2"]
    assert frame["datum"].tolist() == ["2025-01-06 21:00:00", "2025-01-07 00:00:00"]
    assert frame["x"].tolist() == ["564900.5", "564901"]


def test_damaged_xlsx() -> None:
    with pytest.raises(ValidationError, match="Excel"):
        read_table(b"PK\x03\x04garbage", filename="r.xlsx")


def _points() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"kategori": ["Klotter", "Bråk"], "datum": ["2025-01-06", "2025-01-07"]},
        geometry=[Point(564900, 6493100), Point(564901, 6493101)],
        crs="EPSG:3006",
    )


def test_geopackage_and_geojson(tmp_path: Path) -> None:
    gdf = _points()
    gdf.to_file(tmp_path / "p.gpkg", layer="punkter", engine="pyogrio")
    table = read_table(tmp_path / "p.gpkg")
    assert table.crs_epsg == 3006
    assert table.frame[GEOM_X].tolist() == [564900.0, 564901.0]
    assert table.first_row == 1
    gdf.to_crs(4326).to_file(tmp_path / "p.geojson", engine="pyogrio")
    gj = read_table(tmp_path / "p.geojson")
    assert gj.crs_epsg == 4326
    assert gj.frame[GEOM_Y].between(58, 59).all()


def test_zipped_shapefile(tmp_path: Path) -> None:
    _points().to_file(tmp_path / "p.shp", engine="pyogrio")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for part in tmp_path.glob("p.*"):
            zf.write(part, part.name)
    table = read_table(buf.getvalue(), filename="p.zip")
    assert table.format == "shapefile"
    assert table.crs_epsg == 3006
    assert len(table.frame) == 2


def test_non_point_features_get_empty_coordinates(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"a": [1]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:3006")
    gdf.to_file(tmp_path / "poly.gpkg", engine="pyogrio")
    table = read_table(tmp_path / "poly.gpkg")
    assert table.frame[GEOM_X].isna().all()
    assert any("inte punkter" in w.text() for w in table.warnings)
    assert any(w.text("en") == "1 feature is not a point" for w in table.warnings)


def test_bare_shp_is_refused() -> None:
    with pytest.raises(ValidationError, match="zippade"):
        read_table(b"x", filename="a.shp")


def test_big_files_use_the_fast_reader_with_the_same_result() -> None:
    body = "id;text;empty\n" + '1;"a;b";\n2;NA;nan\n' * 60_000
    data = body.encode()
    assert len(data) > 1_000_000
    big = read_table(data, filename="big.csv").frame
    small = read_table(body[:60].encode(), filename="small.csv").frame
    assert big.iloc[:2].astype(str).equals(small.iloc[:2].astype(str))
    assert big["empty"].tolist()[:2] == ["", "nan"]
    bad = (body + "3;x;y;z\n").encode()
    with pytest.raises(ValidationError) as err:
        read_table(bad, filename="bad.csv")
    assert err.value.problems[0].row == 120_002
