"""Derived layers of the Indikatorer page: names, percent change, what the public loses."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from est_geo.core.model import CategoryTree, IndicatorDefinition
from est_geo.indicators.derived_layers import add_derived_layers, change_layers
from tests.test_indicators import _areas, _incidents

TRYGG = IndicatorDefinition("trygghet", "Trygghetsindex", "Safety index", "index", True, "t")


def _values(*rows: tuple[str, str, float, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [("trygghet", a, p, v, n) for a, p, v, n in rows],
        columns=["indicator_key", "area_code", "period", "value", "n"],
    )


def test_change_and_percent_change_by_hand() -> None:
    # A: 4 → 5 (+1, +25 %); B: 0 → 3 (+3, no percent of nothing); C only one period.
    values = _values(
        ("A", "2024", 4.0, 40), ("A", "2025", 5.0, 50),
        ("B", "2024", 0.0, 10), ("B", "2025", 3.0, 12),
        ("C", "2025", 9.0, 30),
    )  # fmt: skip
    out = change_layers(values, {"trygghet": TRYGG}, hidden={})
    by = out.values.set_index(["indicator_key", "area_code"])
    assert by.loc[("forandring:trygghet", "A"), "value"] == 1.0
    assert by.loc[("forandring_pct:trygghet", "A"), "value"] == pytest.approx(25.0)
    assert by.loc[("forandring:trygghet", "B"), "value"] == 3.0
    assert math.isnan(by.loc[("forandring_pct:trygghet", "B"), "value"])
    assert ("forandring:trygghet", "C") not in by.index  # nothing to compare with
    assert by.loc[("forandring_pct:trygghet", "A"), "n"] == 50  # rests on this period's n
    pct = out.definitions["forandring_pct:trygghet"]
    assert (pct.unit, pct.higher_is_better) == ("%", True)
    assert pct.name_sv == "Förändring i procent Trygghetsindex mot föregående period"
    assert pct.name_en == "Change in percent Safety index vs previous period"
    assert out.definitions["forandring:trygghet"].unit == "index"


def test_shares_named_from_the_catalogue_and_blanked_for_the_public() -> None:
    # tests.test_indicators._incidents: in 2024 A has 5 reports, B 1, C 1 (C inside A).
    out = add_derived_layers(
        _values(),
        {},
        incidents=_incidents(),
        areas=_areas(),
        tree=CategoryTree.default(),
        periods=["2024"],
        hidden={},
        public_k=3,
    )
    share = out.definitions["andel:skadegorelse"]
    assert (share.name_sv, share.name_en) == ("Andel Skadegörelse", "Share Vandalism")
    rows = out.values[out.values["indicator_key"] == "andel:skadegorelse"].set_index("area_code")
    # 3 of 5 (see test_category_shares), published as counts rounded to a multiple of
    # k = 3: 3 of 6 = 50 %, so share × n gives the published 3, never an exact count.
    assert rows.loc["A", "value"] == pytest.approx(50.0)
    assert rows.loc["A", "n"] == 6
    assert math.isnan(rows.loc["B", "value"])  # 1 report < k = 3: blanked, count too
    assert ("B", "2024") in out.hidden["andel:skadegorelse"]
    assert "andel:skadegorelse" in out.from_incidents


def test_a_change_resting_on_a_blanked_value_is_hidden_too() -> None:
    values = _values(("A", "2024", 4.0, 1), ("A", "2025", 5.0, 50))
    out = add_derived_layers(
        values,
        {"trygghet": TRYGG},
        incidents=None,
        areas=_areas(),
        tree=CategoryTree.default(),
        periods=[],
        hidden={"trygghet": frozenset({("A", "2024")})},
        public_k=3,
        incident_keys=("trygghet",),
    )
    assert out.hidden["forandring:trygghet"] == frozenset({("A", "2025")})
    assert out.hidden["forandring_pct:trygghet"] == frozenset({("A", "2025")})
    assert {"trygghet", "forandring:trygghet", "forandring_pct:trygghet"} <= out.from_incidents
