"""AppTest of the Indikatorer page's DeSO version choice: two versions of the same DeSO
codes are stored; the newest is shown unless the user picks the other, and the values
shown are always those of the version shown (never the other version's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import streamlit as st
from shapely.geometry import box
from streamlit.testing.v1 import AppTest

from est_geo.core.model import IndicatorDefinition
from est_geo.store import create_store
from est_geo.store.area_versions import AreaDelivery

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "indikatorer.py")
CODES = ["0581A0010", "0581A0020", "0581C0030"]
#: Values per version: a DeSO 2018 value is 1000 more than its 2025 namesake's.
VALUES = {2018: [1100.0, 1200.0, 1300.0], 2025: [100.0, 200.0, 300.0]}


def _deso(shift: float) -> gpd.GeoDataFrame:
    shapes = [box(567_000 + 1000 * i + shift, 6_494_000, 568_000 + 1000 * i + shift, 6_495_000)
              for i in range(len(CODES))]  # fmt: skip
    return gpd.GeoDataFrame(
        {"code": CODES, "name": CODES, "level": ["deso"] * 3, "parent_code": [None] * 3},
        geometry=shapes, crs="EPSG:3006",
    )  # fmt: skip


@pytest.fixture
def two_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    path = str(tmp_path / "versions.gpkg")
    store = create_store(path)
    store.upsert_indicator_definition(
        IndicatorDefinition("befolkning", "Befolkning", "Population", "personer", True, "SCB",
                            "deso"), user="t",
    )  # fmt: skip
    for version, shift in ((2018, 100.0), (2025, 0.0)):
        delivery = AreaDelivery(_deso(shift), "deso", version, "0581", "http://x", "2026-01-01")
        store.replace_area_delivery(delivery, user="t")  # type: ignore[attr-defined]
        store.add_indicator_values(
            pd.DataFrame({"indicator_key": "befolkning", "area_code": CODES, "period": "2024",
                          "value": VALUES[version], "n": VALUES[version],
                          "area_version": version}), user="t",
        )  # fmt: skip
    monkeypatch.setenv("EST_GEO_DATABASE_URL", path)
    monkeypatch.setenv("EST_GEO_TILE_URL", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def _shown_values(at: AppTest) -> list[float]:
    table = at.dataframe[0].value
    column = next(c for c in table.columns if str(c).startswith("Befolkning"))
    return sorted(float(v) for v in table[column])


def test_the_newest_version_is_shown_and_the_other_can_be_picked(two_versions: str) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["est_geo_role"] = "analytiker"
    at.run()
    assert not at.exception, at.exception
    picker = at.selectbox(key="ind_area_version")
    assert picker.options == ["2025", "2018"] and picker.value == 2025
    assert _shown_values(at) == VALUES[2025]
    picker.set_value(2018).run()
    assert not at.exception, at.exception
    assert _shown_values(at) == VALUES[2018]


def test_the_data_pages_preview_shows_the_fetched_versions_shapes(two_versions: str) -> None:
    """After fetching DeSO 2018 beside a stored 2025, the Data page's preview outlines the
    2018 shapes it fetched, not the 2025 namesakes the rest of the app shows."""
    from est_geo.store import open_store
    from ui.data.scb import preview_areas

    store = open_store(two_versions)
    old = preview_areas(store, tuple(CODES), 2018).set_index("code")
    new = preview_areas(store, tuple(CODES), 2025).set_index("code")
    for i, code in enumerate(CODES):
        assert old.loc[code].geometry.bounds[0] == 567_000 + 1000 * i + 100
        assert new.loc[code].geometry.bounds[0] == 567_000 + 1000 * i
