"""Rolling DeSO values up a stored DeSO → RegSO key (est_geo.indicators.rollup).

Expected values are derived by hand next to each assertion; the weighted means are also
checked against ``numpy.average`` (the reference implementation of a weighted mean).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from est_geo.cli.import_indicators import main as import_main
from est_geo.core.model import DEFAULT_INDICATORS
from est_geo.i18n import MESSAGES
from est_geo.indicators import ensure_default_catalogue
from est_geo.indicators.codes import AreaKey
from est_geo.indicators.rollup import key_from_frame, roll_up
from est_geo.store import create_store
from est_geo.store.area_keys import AreaKeyStore

KEY = AreaKey(
    {
        "0581C1010": "0581R001",
        "0581C1020": "0581R001",
        "0581C1030": "0581R002",
        "0581C1040": "0581R002",
    },
    {"0581R001": "Norr"},
)


X0, Y0 = 565_000, 6_493_000


def _areas() -> gpd.GeoDataFrame:
    """Four DeSO squares and a stored polygon for RegSO R002 (none for R001)."""
    return gpd.GeoDataFrame(
        {
            "code": ["0581C1010", "0581C1020", "0581C1030", "0581C1040", "0581R002"],
            "name": ["a", "b", "c", "d", "Söder"],
            "level": ["deso"] * 4 + ["regso"],
            "parent_code": [None] * 5,
        },
        # Squares near Norrköping: a store refuses shapes outside EPSG:3006's area of use.
        geometry=[
            box(X0 + x0, Y0 + y0, X0 + x1, Y0 + y1)
            for x0, y0, x1, y1 in [
                (0, 0, 100, 100),
                (100, 0, 200, 100),
                (0, 200, 100, 300),
                (100, 200, 200, 300),
                (0, 200, 200, 300),
            ]
        ],
        crs="EPSG:3006",
    )


def _values(*rows: tuple[str, str, str, float, float | None]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_key", "area_code", "period", "value", "n"])


VALUES = _values(
    ("befolkning", "0581C1010", "2024", 1000.0, None),
    ("befolkning", "0581C1020", "2024", 1500.0, None),
    ("befolkning", "0581C1030", "2024", 800.0, None),
    ("befolkning", "0581C1040", "2024", 1200.0, None),
    ("befolkning", "0581C1010", "2023", 900.0, None),  # 2023: C1020 missing
    ("trygghetsindex", "0581C1010", "2024", 2.0, 100.0),
    ("trygghetsindex", "0581C1020", "2024", 3.0, 50.0),
    ("trygghetsindex", "0581C1030", "2024", 1.5, None),  # no n: weighed by population
    ("trygghetsindex", "0581C1040", "2024", 2.5, None),
    ("kundnojdhet", "0581C1030", "2024", 70.0, 40.0),
    ("kundnojdhet", "0581C1040", "2024", 60.0, 60.0),
    ("kundnojdhet", "0581R002", "2024", 66.0, 90.0),  # stored RegSO value: kept
)


def _by(result: pd.DataFrame) -> dict[tuple[str, str, str], tuple[float, object]]:
    return {
        (k, a, p): (v, n)
        for k, a, p, v, n in result[["indicator_key", "area_code", "period", "value", "n"]].values
    }


def test_counts_are_summed_and_means_weighted() -> None:
    rolled = roll_up(VALUES, DEFAULT_INDICATORS, KEY, areas=_areas(), parent_level="regso")
    got = _by(rolled.values)
    # befolkning (unit personer) is a count: R001 = 1000 + 1500, R002 = 800 + 1200.
    assert got[("befolkning", "0581R001", "2024")][0] == 2500.0
    assert got[("befolkning", "0581R002", "2024")][0] == 2000.0
    # trygghetsindex R001: weighted by n, (2.0·100 + 3.0·50) / 150 = 350 / 150.
    value, n = got[("trygghetsindex", "0581R001", "2024")]
    assert value == pytest.approx(350 / 150)
    assert value == pytest.approx(np.average([2.0, 3.0], weights=[100, 50]))
    assert n == 150.0
    # R002 has no n: weighted by the DeSOs' population (1.5·800 + 2.5·1200) / 2000 = 2.1;
    # its n stays unknown (a population is not a number of respondents).
    value, n = got[("trygghetsindex", "0581R002", "2024")]
    assert value == pytest.approx(2.1)
    assert value == pytest.approx(np.average([1.5, 2.5], weights=[800, 1200]))
    assert n is None
    # kundnöjdhet R002 2024 was imported for the RegSO itself: never replaced or doubled.
    assert ("kundnojdhet", "0581R002", "2024") not in got


def test_incomplete_parents_get_no_value_and_are_named() -> None:
    rolled = roll_up(VALUES, DEFAULT_INDICATORS, KEY, areas=_areas(), parent_level="regso")
    got = _by(rolled.values)
    # 2023: only C1010 of R001's two DeSOs has a population; a sum of one would be a
    # false low, so R001 gets none, and the note says which and why.
    assert ("befolkning", "0581R001", "2023") not in got
    (note,) = [x for x in rolled.notes if x.period == "2023"]
    assert note.indicator_key == "befolkning" and note.parents == ("0581R001",)
    assert note.reason == "incomplete"
    _worded(note.reason)


def _worded(reason: str) -> None:
    """A note's reason is a code the catalogue words in both languages (the page shows it)."""
    entry = MESSAGES[f"indikatorer.rollup.reason.{reason}"]
    assert entry["sv"] and entry["en"] and entry["sv"] != entry["en"]


def test_a_mean_without_n_or_population_is_not_made_up() -> None:
    values = _values(
        ("trygghetsindex", "0581C1010", "2024", 2.0, None),
        ("trygghetsindex", "0581C1020", "2024", 3.0, None),
    )
    rolled = roll_up(values, DEFAULT_INDICATORS, KEY, areas=_areas(), parent_level="regso")
    assert rolled.values.empty
    (note,) = rolled.notes
    assert note.parents == ("0581R001",) and note.reason == "no_weight"
    _worded(note.reason)


def test_missing_parent_polygons_are_the_union_of_their_deso() -> None:
    rolled = roll_up(VALUES, DEFAULT_INDICATORS, KEY, areas=_areas(), parent_level="regso")
    made = rolled.areas.set_index("code")
    # R001 had no polygon: union of its two 100 m squares, named from the key.
    assert list(made.index) == ["0581R001"]
    assert made.loc["0581R001", "name"] == "Norr" and made.loc["0581R001", "level"] == "regso"
    assert made.loc["0581R001", "geometry"].area == pytest.approx(20_000.0)
    assert made.loc["0581R001", "geometry"].geom_type == "MultiPolygon"
    # Without DeSO polygons there is nothing to draw R001 with, so no value either.
    no_deso = _areas()[lambda a: a["level"] == "regso"]
    rolled = roll_up(VALUES, DEFAULT_INDICATORS, KEY, areas=no_deso, parent_level="regso")
    assert set(rolled.values["area_code"]) == {"0581R002"} and rolled.areas.empty


def test_the_stored_key_from_the_cli_rolls_up_like_the_materialised_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``import --kind regso-key`` stores the key; the page's roll-up of it gives the same
    RegSO populations as the materialised ``--indicator befolkning`` import."""
    store = create_store(str(tmp_path / "k.gpkg"))
    store.add_areas(_areas(), user="t")
    ensure_default_catalogue(store, user="t")
    store.add_indicator_values(VALUES, user="t")
    key_file = tmp_path / "nyckel.csv"
    key_file.write_text(
        "DeSO;RegSO;RegSO-namn\n0581C1010;0581R001;Norr\n0581C1020;0581R001;Norr\n"
        "0581C1030;0581R002;Söder\n0581C1040;0581R002;Söder\n",
        encoding="utf-8",
    )
    rc = import_main([str(key_file), "--kind", "regso-key", "--db", store.url])
    out = capsys.readouterr().out
    assert rc == 0, out
    assert "Sparade kodnyckeln: 4 DeSO i 2 RegSO (2 med namn)" in out
    assert isinstance(store, AreaKeyStore)
    key = key_from_frame(store.area_key(child_level="deso", parent_level="regso"))
    assert key.parent_of == KEY.parent_of and key.parent_names["0581R002"] == "Söder"
    rolled = _by(
        roll_up(
            store.indicator_values(), store.indicator_definitions(), key,
            areas=store.areas(), parent_level="regso",
        ).values
    )  # fmt: skip
    rc = import_main([str(key_file), "--kind", "regso-key", "--indicator", "befolkning",
                      "--db", store.url])  # fmt: skip
    assert rc == 0
    stored = store.indicator_values("befolkning").set_index(["area_code", "period"])["value"]
    # Only R002 has a stored polygon, so the materialised import writes R002 only.
    assert stored[("0581R002", "2024")] == rolled[("befolkning", "0581R002", "2024")][0]


def test_a_bad_key_file_writes_neither_key_nor_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = create_store(str(tmp_path / "k.gpkg"))
    ensure_default_catalogue(store, user="t")
    store.add_indicator_values(VALUES, user="t")
    before = store.indicator_values()
    key_file = tmp_path / "nyckel.csv"
    key_file.write_text("DeSO;RegSO\n0581C1010;0581R001\n581C1020;0581R001\n", encoding="utf-8")
    rc = import_main([str(key_file), "--kind", "regso-key", "--indicator", "befolkning",
                      "--db", store.url])  # fmt: skip
    out = capsys.readouterr()
    assert rc != 0
    assert "581C1020" in out.out + out.err
    assert isinstance(store, AreaKeyStore)
    assert store.area_key(child_level="deso", parent_level="regso").empty
    pd.testing.assert_frame_equal(store.indicator_values(), before)
