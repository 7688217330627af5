"""Area and indicator-value import (files built here, in a temp dir) and the CLI handlers."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box

from est_geo.access.roles import Role
from est_geo.cli.import_indicators import main as import_main
from est_geo.core.errors import PermissionDeniedError, ValidationError
from est_geo.core.model import IndicatorDefinition
from est_geo.indicators import save_definition
from est_geo.indicators.io import read_areas, read_indicator_values
from est_geo.store import Store, create_store


def _deso_layer(crs: str = "EPSG:3006") -> gpd.GeoDataFrame:
    frame = gpd.GeoDataFrame(
        {"Deso": ["0581C1010", "0581C1020"], "Namn": ["Norr", "Söder"], "RegSO": ["0581R001"] * 2},
        geometry=[
            box(565_000, 6_493_000, 565_500, 6_493_500),
            box(565_500, 6_493_000, 566_000, 6_493_500),
        ],
        crs="EPSG:3006",
    )
    return frame.to_crs(crs)


def _zip_shapefile(frame: gpd.GeoDataFrame, directory: Path, *, with_prj: bool = True) -> Path:
    shp = directory / "deso.shp"
    frame.to_file(shp)
    archive = directory / "deso.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for suffix in (".shp", ".shx", ".dbf", ".cpg") + ((".prj",) if with_prj else ()):
            part = shp.with_suffix(suffix)
            if part.exists():
                zf.write(part, part.name)
    return archive


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "zip"])
def test_read_areas_from_each_format(tmp_path: Path, fmt: str) -> None:
    frame = _deso_layer("EPSG:4326" if fmt == "geojson" else "EPSG:3006")
    if fmt == "zip":
        path = _zip_shapefile(frame, tmp_path)
    else:
        path = tmp_path / f"deso.{fmt}"
        frame.to_file(path)
    areas = read_areas(
        path, code_column="Deso", name_column="Namn", level="deso", parent_column="RegSO"
    )
    assert areas.crs.to_epsg() == 3006
    assert areas["code"].tolist() == ["0581C1010", "0581C1020"]
    assert areas["parent_code"].tolist() == ["0581R001", "0581R001"]
    assert areas.geometry.iloc[0].bounds[0] == pytest.approx(565_000, abs=0.01)


def test_read_areas_lists_every_problem(tmp_path: Path) -> None:
    frame = _deso_layer()
    frame.loc[1, "Deso"] = "581C1020"
    frame.loc[1, "Namn"] = ""
    frame = pd.concat(
        [frame, gpd.GeoDataFrame({"Deso": ["0581C1030"], "Namn": ["Punkt"], "RegSO": ["x"]},
                                 geometry=[Point(565_000, 6_493_000)], crs="EPSG:3006")],
        ignore_index=True,
    )  # fmt: skip
    path = tmp_path / "bad.gpkg"
    gpd.GeoDataFrame(frame, crs="EPSG:3006").to_file(path)
    with pytest.raises(ValidationError) as err:
        read_areas(path, code_column="Deso", name_column="Namn", level="deso")
    reasons = [(p.row, p.field) for p in err.value.problems]
    assert (2, "code") in reasons and (2, "name") in reasons and (3, "geometry") in reasons


def test_read_areas_words_an_invalid_shape_for_the_reader(tmp_path: Path) -> None:
    """An invalid area was 'ogiltig' (Swedish) with shapely's English reason for everyone."""
    frame = _deso_layer()
    frame.loc[0, "geometry"] = Polygon(
        [(565_000, 6_493_000), (565_010, 6_493_010), (565_010, 6_493_000), (565_000, 6_493_010)]
    )
    path = tmp_path / "bowtie.gpkg"
    frame.to_file(path)
    with pytest.raises(ValidationError) as err:
        read_areas(path, code_column="Deso", name_column="Namn", level="deso")
    (problem,) = err.value.problems
    assert str(problem) == (
        "rad 1, fält 'geometry' = 'ogiltig': gränsen korsar sig själv vid (565005, 6493005)"
    )
    assert problem.text("en") == (
        "row 1, field 'geometry' = 'invalid': the boundary crosses itself at (565005, 6493005)"
    )


def test_read_areas_unknown_column_and_missing_crs(tmp_path: Path) -> None:
    path = _zip_shapefile(_deso_layer(), tmp_path, with_prj=False)
    with pytest.raises(ValidationError) as err:
        read_areas(path, code_column="KOD", name_column="Namn", level="deso")
    text = str(err.value)
    assert "kolumnen finns inte; filen har Deso, Namn, RegSO" in text
    assert "koordinatsystem" in text


def test_read_values_csv_semicolon_cp1252_and_xlsx(tmp_path: Path) -> None:
    table = pd.DataFrame(
        {"DeSO": ["0581C1010", "0581C1020"], "År": ["2024", "2024"], "Värde": ["2,5", "3"],
         "Underlag": ["40", "12"]}
    )  # fmt: skip
    csv_path = tmp_path / "v.csv"
    csv_path.write_bytes(table.to_csv(sep=";", index=False).encode("cp1252"))
    xlsx_path = tmp_path / "v.xlsx"
    xl = table.assign(År=[2024, 2024], Värde=[2.5, 3.0], Underlag=[40, 12])
    xl.to_excel(xlsx_path, index=False)
    for path in (csv_path, xlsx_path):
        read = read_indicator_values(
            path, known_indicators=["trygghetsindex"], indicator="trygghetsindex"
        )
        v = read.values
        assert v["area_code"].tolist() == ["0581C1010", "0581C1020"]
        assert v["period"].tolist() == ["2024", "2024"]
        assert v["value"].tolist() == [2.5, 3.0]
        assert v["n"].tolist() == [40.0, 12.0]


def test_read_values_lists_every_bad_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator_key,area_code,period,value,n\n"
        "trygghetsindex,0581C1010,2024,2.1,50\n"
        "trygghetsindex,581C1020,2024,2.2,50\n"
        "okand,0581C1030,2024-Q5,x,-1\n"
        "trygghetsindex,0581C1010,2024,2.3,50\n"
        "rapporter_per_1000,0581C1040,2024-05,1,\n",
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as err:
        read_indicator_values(path, known_indicators=["trygghetsindex", "rapporter_per_1000"])
    found = {(p.row, p.field) for p in err.value.problems}
    assert found == {
        (3, "area_code"),  # lost leading zero
        (4, "indicator"),
        (4, "period"),
        (4, "value"),
        (4, "n"),
        (5, "area_code"),  # same area and period as row 2
        (6, "indicator"),  # derived indicator: computed, not imported
    }


# ------------------------------------------------------------------ CLI


@pytest.fixture
def gpkg_store(tmp_path: Path) -> Store:
    """An empty embedded store: the CLI opens its own by path, as a user would."""
    return create_store(str(tmp_path / "cli.gpkg"))


def _csv(tmp_path: Path) -> Path:
    path = tmp_path / "tr.csv"
    path.write_text(
        "deso;period;värde;n\n0581C1010;2024-Q1;2,1;45\n0581C1099;2024-Q1;2,9;33\n",
        encoding="utf-8",
    )
    return path


def test_cli_imports_areas_then_values_with_report(
    tmp_path: Path, gpkg_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store = gpkg_store
    layer = tmp_path / "deso.gpkg"
    _deso_layer().to_file(layer)
    rc = import_main(
        [str(layer), "--kind", "areas", "--code-column", "Deso", "--name-column", "Namn",
         "--level", "deso", "--db", store.url]
    )  # fmt: skip
    assert rc == 0
    assert "Importerade 2 områden (nivå deso)" in capsys.readouterr().out
    assert sorted(store.areas()["code"]) == ["0581C1010", "0581C1020"]

    rc = import_main(
        [str(_csv(tmp_path)), "--kind", "indicators", "--indicator", "trygghetsindex",
         "--period-column", "period", "--db", store.url]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0
    assert "Importerade 2 värden (trygghetsindex; perioder 2024-Q1)" in out
    assert "1 kod i filen saknar område: 0581C1099" in out
    assert "1 område saknar värde: 0581C1020" in out
    assert len(store.indicator_values("trygghetsindex")) == 2


def test_cli_unusable_file_writes_nothing(
    tmp_path: Path, gpkg_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store = gpkg_store
    bad = tmp_path / "bad.csv"
    bad.write_text("deso,år,värde\n0581C1010,2024,1\n581C1020,2024,x\n,20244,2\n", "utf-8")
    rc = import_main(
        [str(bad), "--kind", "indicators", "--indicator", "trygghetsindex", "--db", store.url]
    )
    err = capsys.readouterr().err
    assert rc == 2
    assert "(4 problem)" in err
    assert "rad 3" in err and "rad 4" in err
    assert store.indicator_values().empty
    assert store.indicator_definitions() == []  # not even the catalogue defaults

    layer = tmp_path / "dup.gpkg"
    dup = _deso_layer()
    dup.loc[1, "Deso"] = "0581C1010"
    dup.to_file(layer)
    rc = import_main(
        [str(layer), "--kind", "areas", "--code-column", "Deso", "--level", "deso",
         "--db", store.url]
    )  # fmt: skip
    assert rc == 2
    assert "flera gånger" in capsys.readouterr().err
    assert store.areas().empty


def test_cli_unknown_indicator_and_missing_code_column(
    tmp_path: Path, gpkg_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store = gpkg_store
    rc = import_main([str(_csv(tmp_path)), "--kind", "indicators", "--indicator", "nope",
                      "--db", store.url])  # fmt: skip
    assert rc == 2 and "finns inte i katalogen" in capsys.readouterr().err
    layer = tmp_path / "deso.gpkg"
    _deso_layer().to_file(layer)
    rc = import_main([str(layer), "--kind", "areas", "--db", store.url])
    assert rc == 2 and "--code-column" in capsys.readouterr().err


def test_catalogue_edit_needs_admin(store_factory: Callable[[], Store]) -> None:
    store = store_factory()
    d = IndicatorDefinition(" elevnarvaro ", "Elevnärvaro", "Attendance", "%", True, "Skolan")
    with pytest.raises(PermissionDeniedError):
        save_definition(store, d, role=Role.ANALYTIKER, user="t")
    saved = save_definition(store, d, role=Role.ADMIN, user="t")
    assert saved.key == "elevnarvaro"
    assert [x.key for x in store.indicator_definitions()] == ["elevnarvaro"]
    with pytest.raises(ValidationError) as err:
        save_definition(
            store,
            IndicatorDefinition("Bad Key", "", "x", "", True, "s", area_level="planet"),
            role=Role.ADMIN,
            user="t",
        )
    assert {p.field for p in err.value.problems} == {"key", "name_sv", "unit", "area_level"}


def test_table_xlsx_drops_geometry_and_keeps_formula_like_text_as_text() -> None:
    import io

    from openpyxl import load_workbook

    from est_geo.indicators.export import table_xlsx

    frame = gpd.GeoDataFrame(
        {"area_name": ["=1+1", "Söder"], "trygghetsindex": [0.5, None]},
        geometry=[Point(0, 0), Point(1, 1)],
        crs="EPSG:3006",
    )
    data = table_xlsx(frame)
    back = pd.read_excel(io.BytesIO(data), sheet_name="indikatorer")
    assert list(back.columns) == ["area_name", "trygghetsindex"]
    assert back["area_name"].tolist() == ["=1+1", "Söder"]
    assert back["trygghetsindex"].isna().tolist() == [False, True]
    cell = load_workbook(io.BytesIO(data))["indikatorer"]["A2"]
    assert cell.data_type == "s"
