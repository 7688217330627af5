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
