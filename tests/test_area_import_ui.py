"""The Data page's tab "Områden och indikatorer": its pure helpers and AppTest runs.

Helpers (:mod:`est_geo.indicators.area_upload`): column and level guesses, indicator choices,
the temp copy of an upload, the preview of an area file. AppTest uploads through
``at.file_uploader(...).set_value`` (the bytes a browser would send) on a private copy of
the demo database; the real browser side is ``tests/browser/test_area_import_upload.py``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.errors import PermissionDeniedError, ValidationError
from est_geo.core.model import DEFAULT_INDICATORS, IndicatorDefinition
from est_geo.indicators.area_upload import (
    area_layers,
    guess_area_columns,
    guess_column,
    guess_indicator,
    guess_level,
    guess_value_columns,
    indicator_choices,
    join_report_csv,
    preview_area_file,
    shown_codes,
    upload_as_file,
)
from est_geo.indicators.io import read_indicator_values
from est_geo.indicators.join import JoinReport
from est_geo.store import open_store
from tests.conftest import log_in_locally
from ui import context
from ui.data import area_import

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DATA = str(ROOT / "app_pages" / "data.py")

CODES = ("0581C1010", "0581C1020")


def _deso_frame(crs: str | None = "EPSG:3006") -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"DeSO": list(CODES), "Namn": ["Norra", "Södra"], "RegSO": ["0581R001"] * 2},
        geometry=[
            box(567_000, 6_494_000, 567_500, 6_494_500),
            box(567_500, 6_494_000, 568_000, 6_494_500),
        ],
        crs=crs,
    )


def _geojson_bytes() -> bytes:
    text: str = _deso_frame().to_json()
    return text.encode()


# --------------------------------------------------------------------------- guesses


def test_guess_column_is_case_insensitive_in_candidate_order() -> None:
    assert guess_column(["Namn", "KOD", "code"], ("code", "kod")) == "code"
    assert guess_column(["Namn", "KOD"], ("code", "kod")) == "KOD"
    assert guess_column(["Namn"], ("code", "kod")) is None
    assert guess_column(["kod", "code"], ("kod", "code"), exclude=["kod"]) == "code"


@pytest.mark.parametrize(
    ("columns", "rows", "expected"),
    [
        # SCB's DeSO layer: the RegSO column is the parent, not a name.
        (
            ["objektidentitet", "deso", "kommun", "regso"],
            [["1", "0581C1010", "0581", "0581R001"]],
            ("deso", None, "regso", "deso"),
        ),
        # SCB's RegSO layer: "regsokod" is the code and "regso" the name.
        (
            ["regsokod", "regso", "kommunnamn"],
            [["0581R001", "Norrköping - Hageby", "Norrköping"]],
            ("regsokod", "regso", None, "regso"),
        ),
        # A municipality's own districts.
        (
            ["Kod", "Namn", "Överordnad"],
            [["S1", "Centrum", "0581"]],
            ("Kod", "Namn", "Överordnad", "custom"),
        ),
        # DeSO codes under another column name are still DeSO; no code column found.
        (["Code", "name"], [["0581C1010", "x"]], ("Code", "name", None, "deso")),
        (["id", "name"], [["S1", "x"]], (None, "name", None, "custom")),
    ],
)
def test_guess_area_columns(
    columns: list[str], rows: list[list[str]], expected: tuple[Any, ...]
) -> None:
    guess = guess_area_columns(pd.DataFrame(rows, columns=columns))
    assert (guess.code, guess.name, guess.parent, guess.level) == expected


def test_parent_column_preselected_only_when_its_codes_are_known() -> None:
    frame = pd.DataFrame(
        {"deso": ["0581C1010", "0581C1020"], "regso": ["0581R001", None], "namn": ["N", "S"]}
    )
    assert guess_area_columns(frame).parent == "regso"
    assert guess_area_columns(frame, known_codes=["0581", "0581R001"]).parent == "regso"
    unknown = guess_area_columns(frame, known_codes=["0581"])
    assert (unknown.parent, unknown.name) == (None, "namn")


def test_guess_level_reads_codes_then_column_name() -> None:
    assert guess_level(["0581C1010", "0581A0020", None]) == "deso"
    assert guess_level(["0581R001", float("nan")]) == "regso"
    assert guess_level(["0581C1010", "S1"], "deso_kod") == "deso"
    assert guess_level(["S1"], "regso") == "regso"
    assert guess_level(["S1"], "kod") == "custom"
    assert guess_level([]) == "custom"


def test_value_column_guesses_are_what_the_reader_uses(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("År;DeSO;Värde;Antal_svar\n2024;0581C1010;2,5;40\n", encoding="utf-8")
    guess = guess_value_columns(["År", "DeSO", "Värde", "Antal_svar"])
    assert guess == {
        "area": "DeSO",
        "period": "År",
        "value": "Värde",
        "n": "Antal_svar",
        "indicator": None,
    }
    read = read_indicator_values(
        path, known_indicators=["trygghetsindex"], indicator="trygghetsindex"
    )
    assert (read.area_column, read.period_column) == (guess["area"], guess["period"])
    assert read.values["n"].tolist() == [40.0]  # the guessed n column was used
    assert guess_value_columns(["indicator_key", "x"])["indicator"] == "indicator_key"


def test_indicator_choices_add_defaults_and_leave_out_derived() -> None:
    own = IndicatorDefinition("nojdhet", "Nöjdhet", "Satisfaction", "%", True, "Enkät")
    derived = IndicatorDefinition("rapporter_per_1000", "R", "R", "per 1000", False, "EST")
    keys = [d.key for d in indicator_choices([own, derived])]
    assert keys[0] == "nojdhet"
    assert "rapporter_per_1000" not in keys
    assert set(keys) == {"nojdhet"} | {
        d.key for d in DEFAULT_INDICATORS if d.key != "rapporter_per_1000"
    }
    # A stored definition wins over the default of the same key.
    renamed = IndicatorDefinition("befolkning", "Folkmängd", "Pop", "personer", True, "SCB")
    chosen = {d.key: d for d in indicator_choices([renamed])}
    assert chosen["befolkning"].name_sv == "Folkmängd"


def test_guess_indicator() -> None:
    keys = ["befolkning", "trygghetsindex", "index"]
    assert guess_indicator(keys, "data.csv", ["Indikator", "kod"]) == ""  # long table
    assert guess_indicator(keys, "Trygghetsindex_2024.xlsx", ["kod"]) == "trygghetsindex"
    assert guess_indicator(keys, "värden.csv", ["kod"]) is None  # the user must choose


# --------------------------------------------------------------------------- files


def test_upload_as_file_keeps_a_safe_name_and_is_removed() -> None:
    with upload_as_file("../../etc/min fil (1).GeoJSON", b"{}", allowed=("geojson",)) as path:
        assert path.name == "min_fil_1.geojson"
        assert path.read_bytes() == b"{}"
        assert path.parent.name.startswith("est_geo_upload_")
    assert not path.exists()
    with (
        pytest.raises(ValidationError, match="filtypen stöds inte"),
        upload_as_file("a.exe", b"", allowed=("zip",)),
    ):
        pass


def test_preview_of_a_two_layer_geopackage(tmp_path: Path) -> None:
    path = tmp_path / "lager.gpkg"
    _deso_frame().to_file(path, layer="deso")
    gpd.GeoDataFrame({"id": [1]}, geometry=[Point(567_100, 6_494_100)], crs=3006).to_file(
        path, layer="punkter"
    )
    assert area_layers(path) == ["deso", "punkter"]
    preview = preview_area_file(path, "deso")
    assert preview.crs == "SWEREF99 TM (EPSG:3006)"
    assert preview.features == 2
    assert preview.geometry_type == "Polygon"
    assert list(preview.head.columns) == ["DeSO", "Namn", "RegSO"]  # no geometry
    assert preview.head["DeSO"].tolist() == list(CODES)
    assert preview.bounds == (567_000.0, 6_494_000.0, 568_000.0, 6_494_500.0)
    assert preview.display is not None and preview.display.crs.to_epsg() == 4326
    view = preview.wgs84_bounds
    assert view is not None
    (south, west), (north, east) = view
    assert 58.5 < south < north < 58.7 and 16.1 < west < east < 16.3  # Norrköping


def test_preview_of_a_zipped_shapefile_without_prj(tmp_path: Path) -> None:
    shp = tmp_path / "deso.shp"
    _deso_frame().to_file(shp)
    archive = tmp_path / "deso.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for suffix in (".shp", ".shx", ".dbf", ".cpg"):
            if shp.with_suffix(suffix).exists():
                zf.write(shp.with_suffix(suffix), f"deso{suffix}")
    with upload_as_file("DeSO 2024.zip", archive.read_bytes(), allowed=("zip",)) as path:
        assert area_layers(path) == ["deso"]
        preview = preview_area_file(path, "deso")
    assert preview.crs is None and preview.display is None
    assert preview.features == 2


def test_unreadable_area_file_is_a_validation_error(tmp_path: Path) -> None:
    path = tmp_path / "trasig.gpkg"
    path.write_bytes(b"not a geopackage")
    with pytest.raises(ValidationError, match="kan inte öppnas som geodata"):
        area_layers(path)


def test_join_report_csv_and_shown_codes() -> None:
    report = JoinReport(("0581C9999",), ("0581C1020",), 1)
    rows = list(csv.reader(io.StringIO(join_report_csv(report).decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["kod", "problem"],
        ["0581C9999", "kod i tabellen utan område"],
        ["0581C1020", "område utan värde"],
    ]
    english = join_report_csv(report, "en").decode("utf-8-sig").splitlines()
    assert english == [
        "code;problem",
        "0581C9999;code in the table without an area",
        "0581C1020;area without a value",
    ]
    assert shown_codes(["a", "b", "c"], limit=2) == ("a, b", 1)
    assert shown_codes(["a"]) == ("a", 0)


@pytest.mark.parametrize(("lang", "file"), [("sv", "matchning"), ("en", "match_report")])
def test_the_join_report_file_is_named_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, file: str
) -> None:
    """The match report's file was 'matchning_<table>.csv' for every reader."""
    names: list[str] = []

    def download_button(*args: Any, file_name: str, **kwargs: Any) -> bool:
        names.append(file_name)
        return False

    monkeypatch.setattr(context, "config", lambda: SimpleNamespace(language=lang))
    monkeypatch.setattr(area_import.st, "download_button", download_button)
    area_import.show_join_report(JoinReport(("0581C9999",), (), 1), name="trygghet")
    assert names == [f"{file}_trygghet.csv"]


def test_import_checks_the_role_in_the_service_path() -> None:
    from ui.data import area_import

    with pytest.raises(PermissionDeniedError):
        area_import._run_area_import(
            None,  # type: ignore[arg-type]
            None,
            ("f", "deso", "DeSO", None, None, "deso"),
            role=Role.MEDLEM,
            user="x",
        )
    with pytest.raises(PermissionDeniedError):
        area_import._run_values_import(
            None,  # type: ignore[arg-type]
            None,
            ("f", "trygghetsindex", None, None, None, None),
            role=Role.PUBLIC,
            user="x",
        )


# --------------------------------------------------------------------------- AppTest


@pytest.fixture
def db(demo_copy: Callable[[int], Path]) -> Path:
    """A private copy of the demo database per test (the tests write)."""
    return demo_copy(500)


def _page(role: Role = Role.ANALYTIKER) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    log_in_locally(at, role)
    at.run()
    at.switch_page(DATA)
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(elements: Any) -> str:
    """Element texts joined, markdown escapes removed (the page escapes user text)."""
    return " ".join(str(e.value) for e in elements).replace("\\", "")


def _upload(at: AppTest, key: str, name: str, content: bytes) -> AppTest:
    at.file_uploader(key=key).set_value((name, content, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


def _by_prefix(widgets: Any, prefix: str) -> Any:
    found = [w for w in widgets if str(w.key).startswith(prefix)]
    assert len(found) == 1, f"{len(found)} widgets {prefix}…"
    return found[0]


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def test_tab_renders_for_an_analyst(db: Path) -> None:
    at = _page()
    labels = [tab.label for tab in at.tabs]
    assert labels[:2] == ["Importera händelser", "Områden och indikatorer"]
    assert at.file_uploader(key="area_upload")
    assert at.file_uploader(key="values_upload")
    info = _texts(at.info)
    assert "Välj en fil med områden" in info and "Välj en tabell" in info
    assert not [b for b in at.button if b.key in {"area_import_button", "values_import_button"}]


def test_areas_then_values_with_join_report(db: Path) -> None:
    at = _upload(_page(), "area_upload", "deso.geojson", _geojson_bytes())
    assert "SWEREF99 TM (EPSG:3006)" in _texts(at.info)
    assert "2 objekt" in _texts(at.caption)
    assert _by_prefix(at.selectbox, "area_code_").value == "DeSO"
    assert _by_prefix(at.selectbox, "area_name_").value == "Namn"
    # Not preselected: the RegSO 0581R001 is no stored area, the import would refuse it.
    assert _by_prefix(at.selectbox, "area_parent_").value is None
    assert _by_prefix(at.selectbox, "area_level_").value == "deso"
    preview = next(f for f in _frames(at) if "DeSO" in f.columns)
    assert preview["DeSO"].tolist() == list(CODES)
    at.button(key="area_import_button").click().run()
    assert not at.exception, at.exception
    assert "2 områden importerade (nivå DeSO)" in _texts(at.success)
    stored = open_store(str(db), read_only=True).areas(levels=["deso"])
    assert sorted(stored["code"]) == list(CODES)
    assert stored["name"].tolist() == ["Norra", "Södra"]

    csv_bytes = (
        "deso;år;värde;n\n0581C1010;2024;2,1;45\n0581C9999;2024;3,0;50\n"  # one code w/o area
    ).encode()
    at = _upload(at, "values_upload", "trygghetsindex.csv", csv_bytes)
    assert _by_prefix(at.selectbox, "values_indicator_").value == "trygghetsindex"
    assert _by_prefix(at.selectbox, "values_col_area_").value is None  # "(auto: deso)"
    at.button(key="values_import_button").click().run()
    assert not at.exception, at.exception
    assert "2 värden importerade (trygghetsindex; perioder 2024)" in _texts(at.success)
    warnings = _texts(at.warning)
    assert "1 kod i tabellen saknar område" in warnings and "0581C9999" in warnings
    assert "0581C1020" in warnings  # an area without a value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Koder utan område"] == "1"
    codes = next(f for f in _frames(at) if "Kod i tabellen utan område" in f.columns)
    assert codes["Kod i tabellen utan område"].tolist() == ["0581C9999"]
    values = open_store(str(db), read_only=True).indicator_values("trygghetsindex")
    assert set(values["area_code"]) >= {"0581C1010", "0581C9999"}  # stored, never dropped


def test_bad_area_file_lists_every_problem_and_writes_nothing(db: Path) -> None:
    frame = _deso_frame()
    frame["DeSO"] = ["581C1010", "0581C1020"]  # lost leading zero
    at = _upload(_page(), "area_upload", "fel.geojson", frame.to_json().encode())
    _by_prefix(at.selectbox, "area_level_").set_value("deso").run()
    at.button(key="area_import_button").click().run()
    assert not at.exception, at.exception
    assert "Inget har sparats: filen har 1 problem" in _texts(at.error)
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert problems["rad"].tolist() == [1]
    assert "inledande nolla" in problems["orsak"].iloc[0]
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert "Ladda ner felrapport (CSV)" in labels
    assert open_store(str(db), read_only=True).areas(levels=["deso"]).empty


def test_bad_value_row_is_listed_and_nothing_written(db: Path) -> None:
    before = len(open_store(str(db), read_only=True).indicator_values())
    content = b"kod,period,value\nNKP-HAG,2024,2.5\nNKP-NAV,2024,saknas\n"
    at = _upload(_page(), "values_upload", "varden.csv", content)
    assert not [b for b in at.button if b.key == "values_import_button" and not b.disabled]
    _by_prefix(at.selectbox, "values_indicator_").set_value("trygghetsindex").run()
    at.button(key="values_import_button").click().run()
    assert not at.exception, at.exception
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert problems["rad"].tolist() == [3]
    assert problems["värde"].tolist() == ["saknas"]
    assert len(open_store(str(db), read_only=True).indicator_values()) == before


def test_user_text_from_the_file_stays_text(db: Path) -> None:
    evil = "![x](https://evil.example/x.png)"
    at = _upload(_page(), "values_upload", f"{evil}.csv", b"kod;period;value\nA;2024;1\n")
    assert "evil" in _texts(at.caption)
    assert not any("](https://evil" in m.value for m in at.caption)


def test_long_xlsx_table_with_indicator_column(db: Path) -> None:
    buf = io.BytesIO()
    pd.DataFrame(
        {
            "indicator_key": ["befolkning", "kundnojdhet"],
            "area_code": ["NKP-HAG", "NKP-HAG"],
            "period": ["2030", "2030"],
            "value": [5100, 71.5],
        }
    ).to_excel(buf, index=False)
    at = _upload(_page(), "values_upload", "blandat.xlsx", buf.getvalue())
    indicator = _by_prefix(at.selectbox, "values_indicator_")
    assert indicator.value == ""  # "Kolumn i filen (indicator_key)"
    assert "Kolumn i filen (indicator_key)" in indicator.options
    at.button(key="values_import_button").click().run()
    assert not at.exception, at.exception
    assert "2 värden importerade (befolkning, kundnojdhet; perioder 2030)" in _texts(at.success)
    assert "Alla koder i tabellen har ett område" in _texts(at.success)
    values = open_store(str(db), read_only=True).indicator_values()
    assert len(values[values["period"].astype(str) == "2030"]) == 2


def test_regso_key_is_stored_and_a_bad_one_writes_nothing(db: Path) -> None:
    """The DeSO → RegSO key section: SCB's column names found, key stored with names; a
    key with a malformed DeSO code lists the row and leaves the stored key as it was."""
    from est_geo.store.area_keys import AreaKeyStore

    at = _page()
    assert "Ingen kodnyckel är sparad" in _texts(at.caption)
    key_csv = "DeSO;RegSO;RegSO-namn\n0581C1010;0581R001;Norr\n0581C1020;0581R001;Norr\n"
    at = _upload(at, "key_upload", "nyckel.csv", key_csv.encode())
    assert _by_prefix(at.selectbox, "key_col_deso_").value is None  # "(auto: DeSO)"
    assert "auto: DeSO" in _by_prefix(at.selectbox, "key_col_deso_").format_func(None)
    at.button(key="key_import_button").click().run()
    assert not at.exception, at.exception
    assert "Kodnyckeln sparad: 2 DeSO i 1 RegSO (1 med namn)" in _texts(at.success)
    store = open_store(str(db), read_only=True)
    assert isinstance(store, AreaKeyStore)
    stored = store.area_key(child_level="deso", parent_level="regso")
    assert stored.values.tolist() == [
        ["0581C1010", "0581R001", "Norr"],
        ["0581C1020", "0581R001", "Norr"],
    ]

    bad = "DeSO;RegSO\n0581C1010;0581R002\n581C1030;0581R002\n"  # lost leading zero
    at = _upload(at, "key_upload", "fel.csv", bad.encode())
    at.button(key="key_import_button").click().run()
    assert not at.exception, at.exception
    assert "Inget har sparats" in _texts(at.error)
    problems = next(
        f for f in _frames(at) if "DeSO" not in f.columns and "581C1030" in f.astype(str).to_numpy()
    )
    assert len(problems) == 1  # the one bad row, with its reason
    again = open_store(str(db), read_only=True)
    assert isinstance(again, AreaKeyStore)
    pd.testing.assert_frame_equal(again.area_key(child_level="deso", parent_level="regso"), stored)


def test_a_table_without_period_column_takes_one_period_for_all_rows(db: Path) -> None:
    """SCB's exports carry the year in the header: a period typed once applies to every
    row; the same table without it is refused, naming the missing period column."""
    table = "deso;Folkmängd 2022\n0581C1010;1200\n0581C1020;900\n"
    at = _upload(_page(), "values_upload", "befolkning.csv", table.encode())
    _by_prefix(at.selectbox, "values_indicator_").set_value("befolkning").run()
    _by_prefix(at.selectbox, "values_col_value_").set_value("Folkmängd 2022").run()
    at.button(key="values_import_button").click().run()
    assert "Inget har sparats" in _texts(at.error)
    _by_prefix(at.text_input, "values_period_").set_value("2022").run()
    at.button(key="values_import_button").click().run()
    assert not at.exception, at.exception
    assert "2 värden importerade (befolkning; perioder 2022)" in _texts(at.success)
    stored = open_store(str(db), read_only=True).indicator_values("befolkning")
    got = stored[stored["area_code"].str.startswith("0581C")]
    assert sorted(zip(got["area_code"], got["period"], got["value"], strict=True)) == [
        ("0581C1010", "2022", 1200.0),
        ("0581C1020", "2022", 900.0),
    ]


def test_area_file_with_coordinates_outside_its_crs_is_a_message(db: Path) -> None:
    from shapely.geometry import box

    frame = gpd.GeoDataFrame(
        {"kod": ["A1", "A2"], "namn": ["Norr", "Trasig"]},
        geometry=[box(564_000, 6_492_500, 566_000, 6_494_000), box(564_000, 6_492_500, 1e12, 1e12)],
        crs="EPSG:3006",
    )
    at = _upload(_page(), "area_upload", "trasig.geojson", frame.to_json(to_wgs84=False).encode())
    assert "Filen kan inte läsas." in _texts(at.error)
    problems = next(f for f in _frames(at) if "orsak" in f.columns)
    assert problems["rad"].tolist() == [2]
    assert "utanför EPSG:3006" in problems["orsak"].iloc[0]
