"""Which stored indicator values belong with one DeSO version (est_geo.indicators.versions)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from est_geo.core.model import deso_version_of, level_version
from est_geo.indicators.versions import values_of_version

ROWS = [  # area_code, area_version
    ("0581A0010", 2018),  # DeSO 2018
    ("0581A0010", 2025),  # its 2025 namesake
    ("0581R001", 2020),  # RegSO 2020, built on DeSO 2018
    ("0581R001", 2025),
    ("0581A0010", 0),  # a DeSO value imported from a file: no version
    ("0581", 0),  # the municipality: SCB does not revise it
    ("T-OMR", 0),  # an own area
]
VALUES = pd.DataFrame(
    [("befolkning", code, "2024", float(i), None, v) for i, (code, v) in enumerate(ROWS)],
    columns=["indicator_key", "area_code", "period", "value", "n", "area_version"],
)


def _kept(version: int) -> list[tuple[str, int]]:
    got = values_of_version(VALUES, version)
    return list(zip(got["area_code"], got["area_version"], strict=True))


def test_each_version_keeps_its_own_deso_and_regso_and_the_unversioned_areas() -> None:
    assert _kept(2018) == [("0581A0010", 2018), ("0581R001", 2020), ("0581", 0), ("T-OMR", 0)]
    assert _kept(2025) == [("0581A0010", 2025), ("0581R001", 2025), ("0581", 0), ("T-OMR", 0)]
    assert _kept(0) == [("0581A0010", 0), ("0581", 0), ("T-OMR", 0)]


@given(st.sampled_from([0, 2018, 2025, 2031]))
def test_no_code_is_kept_twice_and_versions_pair_back(version: int) -> None:
    """Whatever version is chosen, no (code, period) comes twice, so no join can mix."""
    got = values_of_version(VALUES, version)
    assert not got.duplicated(["indicator_key", "area_code", "period"]).any()
    for level in ("deso", "regso"):
        assert deso_version_of(level, level_version(level, version)) == version


def test_a_values_file_and_a_key_file_join_the_version_shown(
    store_factory: object, tmp_path: object
) -> None:
    """A file names no area version. With DeSO 2025 fetched, a values file and a key
    file are stored under 2025 — the version the join report compares with and the
    Indikatorer page shows — instead of "without a version", where the page (showing
    2025) would never draw them although the report said every code matched."""
    from pathlib import Path

    import geopandas as gpd
    from shapely.geometry import box

    from est_geo.indicators.io import import_area_key, import_indicator_values
    from est_geo.store.area_versions import AreaDelivery

    store = store_factory()  # type: ignore[operator]
    codes = ["0581A0010", "0581A0020"]
    deso = gpd.GeoDataFrame(
        {"code": codes, "name": codes, "level": ["deso"] * 2, "parent_code": [None] * 2},
        geometry=[box(567_000, 6_494_000, 568_000, 6_495_000),
                  box(568_000, 6_494_000, 569_000, 6_495_000)], crs="EPSG:3006",
    )  # fmt: skip
    store.replace_area_delivery(  # type: ignore[attr-defined]
        AreaDelivery(deso, "deso", 2025, "0581", "http://x", "2026-01-01"), user="t"
    )
    folder = Path(str(tmp_path))
    (folder / "v.csv").write_text(
        "area_code,period,value\n0581A0010,2024,10\n0581A0020,2024,20\n", encoding="utf-8"
    )
    result = import_indicator_values(store, folder / "v.csv", indicator="befolkning", user="t")
    assert result.report.matched == 2
    stored = store.indicator_values("befolkning").set_index("area_code")["area_version"]
    assert stored.to_dict() == {"0581A0010": 2025, "0581A0020": 2025}
    shown = values_of_version(store.indicator_values("befolkning"), 2025)
    assert sorted(shown["area_code"]) == codes
    (folder / "k.csv").write_text("deso,regso\n0581A0010,0581R001\n0581A0020,0581R001\n")
    import_area_key(store, folder / "k.csv", user="t")
    key = store.area_key(child_level="deso", parent_level="regso", version=2025)  # type: ignore[attr-defined]
    assert key["child_code"].tolist() == codes
