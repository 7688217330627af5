"""The general ``est-geo import`` dispatches --kind areas|indicators to the indicator handlers."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from est_geo.cli import main
from est_geo.store import create_store, open_store


def test_import_areas_then_indicators_through_the_general_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.gpkg"
    create_store(str(db))
    areas = gpd.GeoDataFrame(
        {"KOD": ["0581C1010", "0581C1020"], "NAMN": ["Norr", "Söder"]},
        geometry=[
            box(568_000, 6_494_000, 569_000, 6_495_000),
            box(568_000, 6_493_000, 569_000, 6_494_000),
        ],
        crs="EPSG:3006",
    )
    path = tmp_path / "deso.geojson"
    areas.to_file(path)
    args = [
        "import",
        str(path),
        "--db",
        str(db),
        "--kind",
        "areas",
        "--code-column",
        "KOD",
        "--name-column",
        "NAMN",
        "--level",
        "deso",
    ]
    assert main(args) == 0
    assert sorted(open_store(str(db)).areas()["name"]) == ["Norr", "Söder"]

    values = tmp_path / "befolkning.csv"
    values.write_text("deso;ar;varde\n0581C1010;2024;1200\n0581C9999;2024;5\n", encoding="cp1252")
    args = [
        "import",
        str(values),
        "--db",
        str(db),
        "--kind",
        "indicators",
        "--indicator",
        "befolkning",
        "--area-column",
        "deso",
        "--period-column",
        "ar",
        "--value-column",
        "varde",
    ]
    code = main(args)
    out = capsys.readouterr()
    assert code == 0, out.err
    # The join report names the code without an area and the area without a value.
    assert "0581C9999" in out.out
    assert "0581C1020" in out.out


def test_import_areas_without_code_column_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.gpkg"
    create_store(str(db))
    path = tmp_path / "a.geojson"
    gpd.GeoDataFrame({"n": ["a"]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:3006").to_file(path)
    assert main(["import", str(path), "--db", str(db), "--kind", "areas"]) == 2
    assert "--code-column" in capsys.readouterr().err
    assert len(open_store(str(db)).areas()) == 0
