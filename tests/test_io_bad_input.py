"""Files from outside GDAL and files built to hurt: each is read, or refused clearly.

Hand-written and third-party GeoJSON (no top-level ``name``, a ``crs`` member, null
properties), out-of-range coordinates, oversized lines, headers and sheets, broken
geometries and non-spatial tables. The answer is always either a correct import or one
:class:`~est_geo.core.errors.EstGeoError` naming what is wrong, with nothing written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from est_geo.core.errors import ValidationError
from est_geo.io import import_incidents
from est_geo.io.limits import ReadLimits
from est_geo.io.readers import read_table
from est_geo.store import Store, create_store, open_store
from tests.conftest import small_areas


@pytest.fixture
def gpkg_store(tmp_path: Path) -> Store:
    store = create_store(str(tmp_path / "bad.gpkg"))
    store.add_areas(small_areas(), user="test")
    return store


# -- GeoJSON as people and other programs write it ----------------------------------------
def _feature(coords: list[float], **props: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": coords},
        "properties": props,
    }


#: Two incidents in the test centrum (EPSG:3006 564900/6493100 and 564950/6493150).
LONLAT = [[16.11589629, 58.57348298], [16.1167701, 58.57392449]]
SWEREF = [[564_900.0, 6_493_100.0], [564_950.0, 6_493_150.0]]


def _collection(points: list[list[float]], **extra: Any) -> bytes:
    features = [
        _feature(p, datum=f"2025-03-0{i + 1} 21:15", kategori="Klotter", aktor="Polisen", note=None)
        for i, p in enumerate(points)
    ]
    return json.dumps({"type": "FeatureCollection", **extra, "features": features}).encode()


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (_collection(LONLAT), "no name, no crs (RFC 7946)"),
        (_collection(LONLAT, name="händelser"), "with a name"),
        (
            _collection(
                SWEREF, crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
            ),
            "crs member EPSG:3006 (QGIS/ogr2ogr 2008 style)",
        ),
        (
            _collection(
                LONLAT,
                crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
            ),
            "crs member CRS84",
        ),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "id": i + 1,
                            "geometry": {"type": "Point", "coordinates": p},
                            "properties": {
                                "datum": f"2025-03-0{i + 1}",
                                "kategori": "Klotter",
                                "aktor": "Polisen",
                                "beskrivning": None,
                                "antal": None,
                            },
                        }
                        for i, p in enumerate(LONLAT)
                    ],
                },
                indent=2,
            ).encode(),
            "hand-written, ids and null properties",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_geojson_from_outside_gdal_is_imported(gpkg_store: Store, data: bytes, label: str) -> None:
    report = import_incidents(gpkg_store, data, filename="handskriven.geojson", user="t")
    assert report.imported == 2, label
    stored = gpkg_store.incidents().sort_values("x").reset_index(drop=True)
    assert stored["x"].tolist() == pytest.approx([564_900.0, 564_950.0], abs=0.01)
    assert stored["y"].tolist() == pytest.approx([6_493_100.0, 6_493_150.0], abs=0.01)
    assert set(stored["category"]) == {"skadegorelse.klotter"}


def test_geojson_reader_reads_a_collection_without_name() -> None:
    table = read_table(_collection(LONLAT), filename="x.json")
    assert table.format == "geojson"
    assert table.crs_epsg == 4326
    assert len(table.frame) == 2
    assert table.frame["note"].tolist() == ["", ""]


# -- one transaction for rows and remembered mapping ---------------------------------------
def _refuse_mapping_writes(store: Store) -> None:
    """Make every write to ``import_mappings`` fail, as if the process died right there."""
    if store.backend == "geopackage":
        import sqlite3

        con = sqlite3.connect(store.path)  # type: ignore[attr-defined]
        con.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON import_mappings "
            "BEGIN SELECT RAISE(ABORT, 'boom'); END"
        )
        con.commit()
        con.close()
        return
    import psycopg

    with psycopg.connect(store.url, autocommit=True) as con:  # type: ignore[attr-defined]
        con.execute(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'boom'; END $$"
        )
        con.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON import_mappings "
            "FOR EACH ROW EXECUTE FUNCTION boom()"
        )


CSV_OK = (
    "x;y;datum;kategori;aktör\n"
    "564900;6493100;2025-03-01 21:15;Klotter;Polisen\n"
    "564950;6493150;2025-03-02 21:15;Klotter;Polisen\n"
).encode()


def test_incidents_and_their_mapping_are_one_transaction(store: Store) -> None:
    _refuse_mapping_writes(store)
    with pytest.raises(Exception, match="boom"):
        import_incidents(store, CSV_OK, filename="rapporter.csv", user="t")
    assert store.count_incidents() == 0
    assert store.import_mapping("rapporter", "incidents") is None


def test_incidents_and_their_mapping_are_both_written(store: Store) -> None:
    report = import_incidents(store, CSV_OK, filename="rapporter.csv", user="t")
    assert report.imported == 2
    assert store.import_mapping("rapporter", "incidents") is not None
    actions = store.audit_log()
    assert {"import_mappings", "incidents"} <= set(actions["entity"])


# -- the database file is the owner's alone ------------------------------------------------
def test_new_database_file_is_owner_only(tmp_path: Path) -> None:
    import stat

    store = create_store(str(tmp_path / "ny.gpkg"))
    import_incidents(store, CSV_OK, filename="rapporter.csv", user="t")  # -wal/-shm exist now
    for name in ("ny.gpkg", "ny.gpkg-wal", "ny.gpkg-shm"):
        path = tmp_path / name
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, name


def test_demo_database_file_is_owner_only(tmp_path: Path) -> None:
    import stat

    from est_geo.demo.bootstrap import create_demo_database

    create_demo_database(str(tmp_path / "demo.gpkg"), n_incidents=50)
    assert stat.S_IMODE((tmp_path / "demo.gpkg").stat().st_mode) == 0o600


# -- damaged geodata is a clear error, never a traceback ----------------------------------
def _ring_of_two(path: Path) -> Path:
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}},
        "features": [
            {
                "type": "Feature",
                "properties": {"kod": "A1", "namn": "Två punkter"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[565_000, 6_493_000], [565_100, 6_493_100]]],
                },
            }
        ],
    }
    path.write_text(json.dumps(doc))
    return path


def _garbage_shapefile_zip(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("omr.shp", b"\x00\x00\x27\x0a" + b"garbage" * 50)
        archive.writestr("omr.shx", b"junk")
        archive.writestr("omr.dbf", b"junk")
    return path


def _table_gpkg(path: Path) -> Path:
    import pandas as pd
    import pyogrio

    pyogrio.write_dataframe(pd.DataFrame({"kod": ["A1"], "namn": ["x"]}), path, layer="tabell")
    return path


def _unknown_crs_geojson(path: Path) -> Path:
    doc = json.loads(_collection(LONLAT))
    doc["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::99999"}}
    for feature in doc["features"]:
        feature["properties"].update(kod="A1", namn="x")
    path.write_text(json.dumps(doc))
    return path


BROKEN_GEODATA = {
    "ring of two points": (_ring_of_two, "omr.geojson", "LinearRing"),
    "garbage Shapefile in a zip": (_garbage_shapefile_zip, "omr.zip", "inga lager"),
    "GeoPackage with a table only": (_table_gpkg, "omr.gpkg", "ingen geometri"),
    "GeoJSON with an unknown CRS": (_unknown_crs_geojson, "omr.geojson", "koordinatsystem"),
}


@pytest.mark.parametrize("case", BROKEN_GEODATA, ids=list(BROKEN_GEODATA))
def test_broken_area_file_is_a_clear_error_in_the_cli(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from est_geo.cli import main

    make, name, words = BROKEN_GEODATA[case]
    db = tmp_path / "x.gpkg"
    create_store(str(db))
    path = make(tmp_path / name)
    args = ["import", str(path), "--db", str(db), "--kind", "areas", "--code-column", "kod"]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
    assert len(open_store(str(db)).areas()) == 0


@pytest.mark.parametrize("case", BROKEN_GEODATA, ids=list(BROKEN_GEODATA))
def test_broken_area_file_is_a_clear_error_in_the_preview(tmp_path: Path, case: str) -> None:
    from est_geo.indicators.area_upload import area_layers, preview_area_file

    make, name, words = BROKEN_GEODATA[case]
    path = make(tmp_path / name)
    with pytest.raises(ValidationError) as caught:
        preview_area_file(path, area_layers(path)[0])
    assert words in str(caught.value)


@pytest.mark.parametrize("case", BROKEN_GEODATA, ids=list(BROKEN_GEODATA))
def test_broken_geodata_as_incidents_is_a_clear_error(
    gpkg_store: Store, tmp_path: Path, case: str
) -> None:
    make, name, _ = BROKEN_GEODATA[case]
    data = make(tmp_path / name).read_bytes()
    with pytest.raises(ValidationError):
        import_incidents(gpkg_store, data, filename=name, user="t")
    assert gpkg_store.count_incidents() == 0


def test_unknown_geojson_crs_is_named(gpkg_store: Store, tmp_path: Path) -> None:
    data = _unknown_crs_geojson(tmp_path / "x.geojson").read_bytes()
    with pytest.raises(ValidationError) as caught:
        import_incidents(gpkg_store, data, filename="x.geojson", user="t")
    problem = caught.value.problems[0]
    assert problem.field == "crs"
    assert "EPSG::99999" in problem.value


def test_geopackage_attribute_table_of_coordinates_reads_as_a_table(tmp_path: Path) -> None:
    import pandas as pd
    import pyogrio

    path = tmp_path / "t.gpkg"
    frame = pd.DataFrame({"lat": [58.57348298], "lon": [16.11589629], "datum": ["2025-03-01"]})
    pyogrio.write_dataframe(frame, path, layer="rader")
    table = read_table(path)
    assert not table.has_geometry
    assert table.frame["lat"].tolist() == ["58.57348298"]


# -- coordinates that cannot be where the CRS says ----------------------------------------
def _area_file(path: Path, boxes: list[tuple[float, float, float, float]], crs: str) -> Path:
    import geopandas as gpd
    from shapely.geometry import box

    frame = gpd.GeoDataFrame(
        {"kod": [f"A{i + 1}" for i in range(len(boxes))], "namn": ["x"] * len(boxes)},
        geometry=[box(*b) for b in boxes],
        crs=crs,
    )
    frame.to_file(path, engine="pyogrio")
    return path


GOOD_BOX = (564_000.0, 6_492_500.0, 566_000.0, 6_494_000.0)
HUGE_BOX = (564_000.0, 6_492_500.0, 1e12, 1e12 + 1_000)
DEGREES_BOX = (16.1, 58.5, 16.2, 58.6)


@pytest.mark.parametrize(
    ("bad", "label"), [(HUGE_BOX, "1e12 m"), (DEGREES_BOX, "degrees declared as EPSG:3006")]
)
def test_area_outside_its_crs_is_refused_naming_the_row(
    tmp_path: Path, bad: tuple[float, float, float, float], label: str
) -> None:
    from est_geo.indicators.io import import_areas

    store = create_store(str(tmp_path / "a.gpkg"))
    path = _area_file(tmp_path / "omr.gpkg", [GOOD_BOX, bad], "EPSG:3006")
    with pytest.raises(ValidationError) as caught:
        import_areas(store, path, code_column="kod", name_column="namn", user="t")
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (2, "geometry"), label
    assert "EPSG:3006" in problem.reason
    assert ("grader" in problem.reason) == (bad == DEGREES_BOX)
    assert len(store.areas()) == 0


def test_store_refuses_an_area_outside_its_crs(store: Store) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    bad = gpd.GeoDataFrame(
        {"code": ["X"], "name": ["x"], "level": ["custom"], "parent_code": [None]},
        geometry=[box(*HUGE_BOX)],
        crs="EPSG:3006",
    )
    with pytest.raises(ValidationError, match="utanför"):
        store.add_areas(bad, user="t")


def test_area_preview_refuses_coordinates_outside_the_crs(tmp_path: Path) -> None:
    from est_geo.indicators.area_upload import preview_area_file

    path = _area_file(tmp_path / "omr.geojson", [GOOD_BOX, HUGE_BOX], "EPSG:3006")
    with pytest.raises(ValidationError) as caught:
        preview_area_file(path, "omr")
    assert [p.row for p in caught.value.problems] == [2]


def test_incident_degrees_declared_as_sweref_are_one_clear_error(gpkg_store: Store) -> None:
    data = (
        "lat;lon;datum;kategori;aktör\n"
        "58.57348298;16.11589629;2025-03-01 21:15;Klotter;Polisen\n"
        "58.57392449;16.1167701;2025-03-02 21:15;Klotter;Polisen\n"
    ).encode()
    with pytest.raises(ValidationError) as caught:
        import_incidents(gpkg_store, data, filename="r.csv", crs="EPSG:3006", user="t")
    [problem] = caught.value.problems
    assert problem.field == "crs"
    assert "WGS84" in problem.reason


# -- one bad stored shape breaks no page ---------------------------------------------------
def _store_bad_area(store: Store, code: str = "TRASIG") -> None:
    """Write an area with a 1e12 m corner past every check, as an old version could."""
    from shapely.geometry import MultiPolygon, box

    shape = MultiPolygon([box(*HUGE_BOX)])
    if store.backend == "geopackage":
        import sqlite3

        from est_geo.store import geom

        con = sqlite3.connect(store.path)  # type: ignore[attr-defined]
        con.execute(
            "INSERT INTO areas (geom, code, name, level, parent_code, minx, miny, maxx, maxy) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (geom.encode(shape, 3006), code, "Trasig", "omrade", None, *shape.bounds),
        )
        con.commit()
        con.close()
        return
    import psycopg

    with psycopg.connect(store.url, autocommit=True) as con:  # type: ignore[attr-defined]
        con.execute(
            "INSERT INTO areas (geom, code, name, level, parent_code) "
            "VALUES (ST_GeomFromText(%s, 3006), %s, 'Trasig', 'omrade', NULL)",
            (shape.wkt, code),
        )


def test_store_leaves_out_an_unusable_stored_area(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    from est_geo.store.common import UNUSABLE_AREAS

    _store_bad_area(store)
    with caplog.at_level("WARNING", logger="est_geo.store.common"):
        areas = store.areas()
    # The operator's log is English like the code (it was Swedish, outside the catalogue).
    said = "Areas with an unusable geometry are left out: TRASIG"
    assert said in caplog.messages, caplog.messages
    assert "TRASIG" not in set(areas["code"])
    assert len(areas) == len(small_areas())
    assert areas.attrs[UNUSABLE_AREAS] == ["TRASIG"]
    assert store.areas(levels=["kommun"]).attrs[UNUSABLE_AREAS] == []


@pytest.mark.parametrize("page", ["karta", "hotspots", "lagesbild", "atgarder", "mote"])
def test_pages_survive_one_unusable_stored_area(demo_copy: Any, page: str) -> None:
    from streamlit.testing.v1 import AppTest

    from est_geo.access.roles import Role
    from ui.page_files import PAGE_FILES

    root = Path(__file__).resolve().parent.parent
    db = demo_copy(2_000)
    _store_bad_area(open_store(str(db)))
    at = AppTest.from_file(str(root / "app.py"), default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(root / PAGE_FILES[page][0])).run()
    assert not at.exception, at.exception
    assert any("TRASIG" in w.value for w in at.warning)


# -- small files that would cost minutes and gigabytes ------------------------------------
# Built small: most cases lower the limits through ReadLimits; the cases at the default
# limits are refused before any parser runs, which is what keeps them fast.
def _xlsx(rows: list[list[object]], *, dimension: str | None) -> bytes:
    """A workbook whose sheet declares ``dimension`` (``None``: no <dimension> at all)."""
    import io
    import re
    import zipfile

    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                new = "" if dimension is None else f'<dimension ref="{dimension}"/>'
                text = re.sub(r"<dimension [^>]*/>", new, text)
                data = text.encode()
            dst.writestr(info.filename, data)
    return out.getvalue()


ROWS = [["x", "y", "datum"], *[[564_900 + i, 6_493_100, "2025-03-01"] for i in range(30)]]


def test_one_line_csv_is_refused_before_parsing_at_default_limits(gpkg_store: Store) -> None:
    data = ";".join(["x"] * 100_000).encode()  # 200 kB on one line, 100,000 "columns"
    with pytest.raises(ValidationError, match="byte lång") as caught:
        import_incidents(gpkg_store, data, filename="en_rad.csv", user="t")
    assert caught.value.problems[0].row == 1
    assert gpkg_store.count_incidents() == 0


def test_wide_header_is_refused_at_default_limits() -> None:
    data = (",".join(f"k{i}" for i in range(600)) + "\n" + "1," * 599 + "1\n").encode()
    with pytest.raises(ValidationError, match="600 kolumner"):
        read_table(data, filename="bred.csv")


@pytest.mark.parametrize(
    ("limits", "data", "words"),
    [
        (ReadLimits(max_line_bytes=50), b"a;b\n" + b"1;" + b"x" * 60 + b"\n", "rad 2 är"),
        (ReadLimits(max_columns=5), b"a,b,c,d,e,f\n1,2,3,4,5,6\n", "6 kolumner"),
        (ReadLimits(max_rows=10), b"a;b\n" + b"1;2\n" * 20, "21 rader"),
    ],
    ids=["line", "columns", "rows"],
)
def test_csv_limits(limits: ReadLimits, data: bytes, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        read_table(data, filename="f.csv", limits=limits)


def test_csv_within_limits_reads() -> None:
    limits = ReadLimits(max_line_bytes=20, max_columns=2, max_rows=20)
    table = read_table(b"a;b\n" + b"1;2\n" * 20, filename="f.csv", limits=limits)
    assert table.frame.shape == (20, 2)


def test_xlsx_declaring_two_million_rows_is_refused_at_default_limits() -> None:
    data = _xlsx(ROWS[:3], dimension="A1:C2000001")  # more than Excel allows
    with pytest.raises(ValidationError, match="2,000,001 rader"):
        read_table(data, filename="stor.xlsx")


def test_xlsx_without_dimension_is_counted_while_streaming() -> None:
    data = _xlsx(ROWS, dimension=None)
    with pytest.raises(ValidationError, match="högst 10 tillåts"):
        read_table(data, filename="f.xlsx", limits=ReadLimits(max_rows=10))
    assert len(read_table(data, filename="f.xlsx", limits=ReadLimits(max_rows=30)).frame) == 30


def test_xlsx_declaring_every_excel_column_is_refused_at_default_limits() -> None:
    data = _xlsx(ROWS[:3], dimension="A1:XFD3")
    with pytest.raises(ValidationError, match="16,384 kolumner"):
        read_table(data, filename="bred.xlsx")


def test_xlsx_without_dimension_is_measured_in_width_while_streaming() -> None:
    data = _xlsx(ROWS, dimension=None)
    with pytest.raises(ValidationError, match="3 kolumner"):
        read_table(data, filename="f.xlsx", limits=ReadLimits(max_columns=2))


def test_zip_unpacking_beyond_the_limit_is_refused() -> None:
    data = _xlsx(ROWS, dimension="A1:C31")
    with pytest.raises(ValidationError, match="packas upp"):
        read_table(data, filename="f.xlsx", limits=ReadLimits(max_uncompressed_bytes=1_000))


def test_geo_layer_with_too_many_features_is_refused() -> None:
    data = _collection(LONLAT * 10)
    with pytest.raises(ValidationError, match="minst 20 rader"):
        read_table(data, filename="f.geojson", limits=ReadLimits(max_rows=10))


def test_indicator_tables_are_bounded_too(tmp_path: Path) -> None:
    from est_geo.indicators.io import read_table as read_indicator_table

    line = tmp_path / "en_rad.csv"
    line.write_bytes(";".join(["1"] * 100_000).encode())
    with pytest.raises(ValidationError, match="byte lång"):
        read_indicator_table(line)
    sheet = tmp_path / "stor.xlsx"
    sheet.write_bytes(_xlsx(ROWS[:3], dimension="A1:C2000001"))
    with pytest.raises(ValidationError, match="2,000,001 rader"):
        read_indicator_table(sheet)
    unsized = tmp_path / "utan.xlsx"
    unsized.write_bytes(_xlsx(ROWS, dimension=None))
    with pytest.raises(ValidationError, match="högst 10 tillåts"):
        read_indicator_table(unsized, limits=ReadLimits(max_rows=10))


def test_xlsx_of_a_million_empty_rows_without_dimension_fails_before_parsing() -> None:
    import io
    import re
    import zipfile

    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 1_100_001))  # > Excel's 1,048,576
    src = zipfile.ZipFile(io.BytesIO(_xlsx(ROWS[:2], dimension=None)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", data
                )
            dst.writestr(info.filename, data)
    assert len(out.getvalue()) < 3_000_000  # a small upload
    with pytest.raises(ValidationError, match="högst 1,048,576 tillåts"):
        read_table(out.getvalue(), filename="tomma_rader.xlsx")


# -- names and free text have a length --------------------------------------------------
def test_incident_description_over_the_limit_names_the_row(gpkg_store: Store) -> None:
    from est_geo.core.model import MAX_TEXT_CHARS

    long_text = "x" * (MAX_TEXT_CHARS + 1)
    data = (
        "x;y;datum;kategori;aktör;beskrivning\n"
        "564900;6493100;2025-03-01 21:15;Klotter;Polisen;kort\n"
        f"564950;6493150;2025-03-02 21:15;Klotter;Polisen;{long_text}\n"
    ).encode()
    with pytest.raises(ValidationError) as caught:
        import_incidents(gpkg_store, data, filename="r.csv", user="t")
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (3, "beskrivning")
    assert len(problem.value) <= 200
    assert gpkg_store.count_incidents() == 0


def test_store_refuses_an_over_long_description(store: Store) -> None:
    from est_geo.core.model import MAX_TEXT_CHARS
    from tests.conftest import small_incidents

    rows = small_incidents(2)
    rows["description"] = ["ok", "y" * (MAX_TEXT_CHARS + 1)]
    with pytest.raises(ValidationError) as caught:
        store.add_incidents(rows, user="t")
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "description")]
    assert store.count_incidents() == 0


def test_area_name_over_the_limit_names_the_row(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    from est_geo.core.model import MAX_NAME_CHARS
    from est_geo.indicators.io import import_areas

    store = create_store(str(tmp_path / "a.gpkg"))
    frame = gpd.GeoDataFrame(
        {"kod": ["A1", "A2"], "namn": ["Norr", "N" * (MAX_NAME_CHARS + 1)]},
        geometry=[box(*GOOD_BOX), box(*GOOD_BOX)],
        crs="EPSG:3006",
    )
    frame.to_file(tmp_path / "omr.gpkg", engine="pyogrio")
    with pytest.raises(ValidationError) as caught:
        import_areas(store, tmp_path / "omr.gpkg", code_column="kod", name_column="namn", user="t")
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "name")]
    assert len(store.areas()) == 0


def test_names_of_views_agendas_and_interventions_are_bounded() -> None:
    from datetime import date

    from shapely.geometry import Point

    from est_geo.core.model import MAX_NAME_CHARS, MAX_TEXT_CHARS, Intervention
    from est_geo.core.views import Agenda, SavedView, ViewState

    name = "n" * (MAX_NAME_CHARS + 1)
    assert [p.field for p in SavedView(name, ViewState(page="karta")).problems()] == ["name"]
    assert [p.field for p in Agenda(name, (1,)).problems()] == ["name"]
    notes = Agenda("Möte", (1,), notes="n" * (MAX_TEXT_CHARS + 1)).problems()
    assert [p.field for p in notes] == ["notes"]
    assert SavedView("n" * MAX_NAME_CHARS, ViewState(page="karta")).problems() == []
    iv = Intervention(
        name=name,
        kind="bom",
        status="planerad",
        owner_actor="kommun",
        start_date=date(2025, 1, 1),
        end_date=None,
        geometry=Point(564_900, 6_493_100),
        description="d" * (MAX_TEXT_CHARS + 1),
    )
    with pytest.raises(ValidationError) as caught:
        iv.validate()
    assert {p.field for p in caught.value.problems} == {"name", "description"}


# -- limits hold for any shape of text ------------------------------------------------------
@settings(max_examples=120, deadline=None, database=None)
@given(
    st.lists(
        st.lists(st.text('ab1;,\t"', max_size=12), min_size=1, max_size=8),
        min_size=1,
        max_size=30,
    ),
    st.integers(1, 40),
    st.integers(1, 8),
    st.integers(1, 30),
)
@example([[""], ["", ""]], 1, 1, 1)  # b"\n;": a blank first line hid the 2-column header
def test_fuzz_csv_limits(rows: list[list[str]], line: int, columns: int, most: int) -> None:
    """Either the table is read and lies within every limit, or a ValidationError comes back."""
    data = "\n".join(";".join(r) for r in rows).encode()
    limits = ReadLimits(max_line_bytes=line, max_columns=columns, max_rows=most)
    try:
        table = read_table(data, filename="f.csv", limits=limits)
    except ValidationError:
        return  # the project's own error: refused (or unreadable), never a crash
    assert len(table.frame) <= most
    assert len(table.frame.columns) <= columns
    assert max(len(x) for x in data.split(b"\n")) <= line


def test_column_limit_counts_the_header_after_blank_lines() -> None:
    """Blank lines before the header are skipped by the parser, so the column check must
    look at the first non-blank line (found by the fuzz test: ``b"\\n;"`` gave 2 columns
    under a limit of 1)."""
    limits = ReadLimits(max_line_bytes=100, max_columns=1, max_rows=10)
    with pytest.raises(ValidationError, match="kolumner"):
        read_table(b"\n\na;b\n1;2\n", filename="f.csv", limits=limits)
