"""``est-geo import KEY --kind regso-key --indicator K``: DeSO values aggregated to RegSO."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from est_geo.cli.import_indicators import main as import_main
from est_geo.indicators import ensure_default_catalogue
from est_geo.store import Store, create_store
from est_geo.store.area_keys import AreaKeyStore


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store with two RegSO areas and DeSO values for befolkning and trygghetsindex."""
    s = create_store(str(tmp_path / "regso.gpkg"))
    areas = gpd.GeoDataFrame(
        {
            "code": ["0581R001", "0581R002"],
            "name": ["Norr", "Söder"],
            "level": ["regso", "regso"],
            "parent_code": [None, None],
        },
        geometry=[
            box(565_000, 6_493_000, 565_500, 6_493_500),
            box(565_500, 6_493_000, 566_000, 6_493_500),
        ],
        crs="EPSG:3006",
    )
    s.add_areas(areas, user="t")
    ensure_default_catalogue(s, user="t")
    values = pd.DataFrame(
        [
            ("befolkning", "0581C1010", "2024", 1000.0, None),
            ("befolkning", "0581C1020", "2024", 1500.0, None),
            ("befolkning", "0581C1030", "2024", 800.0, None),
            ("befolkning", "0581C1010", "2023", 900.0, None),
            ("trygghetsindex", "0581C1010", "2024", 2.0, 100.0),
            ("trygghetsindex", "0581C1020", "2024", 3.0, 50.0),
            ("trygghetsindex", "0581C1030", "2024", 1.5, 20.0),
        ],
        columns=["indicator_key", "area_code", "period", "value", "n"],
    )
    values["n"] = values["n"].astype(object).where(values["n"].notna(), None)
    s.add_indicator_values(values, user="t")
    return s


def _key(tmp_path: Path, rows: str, header: str = "DeSO;RegSO") -> Path:
    path = tmp_path / "nyckel.csv"
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    return path


_GOOD = "0581C1010;0581R001\n0581C1020;0581R001\n0581C1030;0581R002\n"


def _regso(store: Store, key: str) -> dict[tuple[str, str], tuple[float, object]]:
    v = store.indicator_values(key)
    v = v[v["area_code"].str.contains("R")]
    return {(a, p): (val, n) for a, p, val, n in v[["area_code", "period", "value", "n"]].values}


def test_counts_are_summed_and_rates_weighted_by_n(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(tmp_path, _GOOD)
    rc = import_main([str(key), "--kind", "regso-key", "--indicator", "befolkning",
                      "--db", store.url])  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "Aggregerade befolkning till 3 RegSO-värden (summa" in out
    got = _regso(store, "befolkning")
    # R001 2024: 1000 + 1500 = 2500; R002 2024: 800; R001 2023: only 0581C1010 = 900
    assert got[("0581R001", "2024")][0] == pytest.approx(2500.0)
    assert got[("0581R002", "2024")][0] == pytest.approx(800.0)
    assert got[("0581R001", "2023")][0] == pytest.approx(900.0)

    rc = import_main([str(key), "--kind", "regso-key", "--indicator", "trygghetsindex",
                      "--db", store.url])  # fmt: skip
    assert rc == 0
    assert "medelvärde vägt med n" in capsys.readouterr().out
    got = _regso(store, "trygghetsindex")
    # R001: (2.0·100 + 3.0·50) / (100 + 50) = 350 / 150 = 2.3333…, n = 150
    assert got[("0581R001", "2024")][0] == pytest.approx(350 / 150)
    assert got[("0581R001", "2024")][1] == pytest.approx(150.0)
    # R002: the one DeSO, 1.5 with n = 20
    assert got[("0581R002", "2024")] == (pytest.approx(1.5), pytest.approx(20.0))


def test_custom_columns_and_regso_without_area_reported(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _key(
        tmp_path,
        "0581C1010,0581R001\n0581C1020,0581R001\n0581C1030,0581R009\n",
        header="kod_deso,kod_regso",
    )
    rc = import_main([str(key), "--kind", "regso-key", "--indicator", "befolkning",
                      "--deso-column", "kod_deso", "--regso-column", "kod_regso",
                      "--db", store.url])  # fmt: skip
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "1 kod i filen saknar område: 0581R009" in out
    assert "1 område saknar värde: 0581R002" in out
    got = _regso(store, "befolkning")
    assert set(got) == {("0581R001", "2024"), ("0581R001", "2023")}  # R009 not written


def test_bad_input_lists_every_problem_and_writes_nothing(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    before = store.indicator_values()
    # lost leading zero, missing RegSO, a DeSO with two RegSO (no --indicator: the key
    # alone is stored, so it alone is checked)
    key = _key(tmp_path, "581C1010;0581R001\n0581C1020;\n0581C1030;0581R001\n0581C1030;0581R002\n")
    rc = import_main([str(key), "--kind", "regso-key", "--db", store.url])
    err = capsys.readouterr().err
    assert rc == 2
    assert "rad 1" in err and "rad 2" in err and "rad 4" in err
    assert "(3 problem)" in err
    pd.testing.assert_frame_equal(store.indicator_values(), before)
    assert isinstance(store, AreaKeyStore)
    assert store.area_key(child_level="deso", parent_level="regso").empty

    # a stored DeSO value whose code is missing from the key; wrong column name
    key = _key(tmp_path, "0581C1010;0581R001\n0581C1020;0581R001\n")
    rc = import_main([str(key), "--kind", "regso-key", "--indicator", "befolkning",
                      "--db", store.url])  # fmt: skip
    err = capsys.readouterr().err
    assert rc == 2 and "0581C1030" in err and "saknas i kodnyckeln" in err
    rc = import_main([str(key), "--kind", "regso-key", "--indicator", "befolkning",
                      "--deso-column", "X", "--db", store.url])  # fmt: skip
    assert rc == 2 and "kolumnen hittas inte" in capsys.readouterr().err
    pd.testing.assert_frame_equal(store.indicator_values(), before)


def test_key_columns_are_found_by_their_codes_when_names_differ(tmp_path: Path) -> None:
    """A key laid out like the public DeSO 2018 → RegSO 2020 file for Norrköping: the
    column named ``RegSO_2020`` holds names, the codes are in ``RegSOkod_2020``."""
    from est_geo.indicators.io import key_columns, read_regso_key

    path = tmp_path / "nyckel.csv"
    path.write_text(
        "Kommun,Kommunnamn,DeSO_2018,RegSO_2020,RegSOkod_2020,socioekonomiskt_index\n"
        "581,Norrkoping,0581C1290,Borgs villastad-Kneippen,0581R001,4\n"
        "581,Norrkoping,0581A0060,Djuron-Ljunga-Tingstad,0581R002,4\n"
        "581,Norrkoping,0581C1330,Djaknepark-Gustav Adolf,0581R003,3\n"
        "581,Norrkoping,0581C1350,Djaknepark-Gustav Adolf,0581R003,3\n",
        encoding="utf-8",
    )
    frame = pd.read_csv(path, dtype=str)
    assert key_columns(frame) == {
        "deso": "DeSO_2018",
        "regso": "RegSOkod_2020",
        "regso_name": "RegSO_2020",
    }
    key = read_regso_key(path)
    assert key.parent_of["0581C1350"] == "0581R003"
    assert key.parent_names["0581R003"] == "Djaknepark-Gustav Adolf"


def test_one_period_for_every_row(tmp_path: Path) -> None:
    from est_geo.core.errors import ValidationError
    from est_geo.indicators.io import read_indicator_values

    path = tmp_path / "scb.csv"
    path.write_text("deso;år;värde\n0581C1010;2021;1\n0581C1020;2021;2\n", encoding="utf-8")
    read = read_indicator_values(
        path, known_indicators=["befolkning"], indicator="befolkning", period="2022"
    )
    assert read.values["period"].tolist() == ["2022", "2022"]
    with pytest.raises(ValidationError, match="antingen en period eller en periodkolumn"):
        read_indicator_values(
            path, known_indicators=["befolkning"], indicator="befolkning",
            period="2022", period_column="år",
        )  # fmt: skip
    with pytest.raises(ValidationError) as err:
        read_indicator_values(
            path, known_indicators=["befolkning"], indicator="befolkning", period="22"
        )
    assert [p.field for p in err.value.problems] == ["period"]
