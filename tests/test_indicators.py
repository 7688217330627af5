"""Indicator library: periods, DeSO codes, classification vs mapclassify, joins, derived
rates on constructed data, correlation vs scipy, small-n flags."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from shapely.geometry import box

from est_geo.core.errors import AnalysisError, ValidationError
from est_geo.core.model import CategoryTree, IndicatorDefinition
from est_geo.indicators import (
    AreaKey,
    Method,
    aggregate_upwards,
    bivariate,
    category_shares,
    change_vs_previous,
    class_colors,
    classify,
    code_problems,
    correlate,
    deso_problem,
    incident_counts,
    indicator_layer,
    join_report,
    parse_indicator_period,
    previous_indicator_period,
    rank_values,
    rate_per_1000,
    small_n_mask,
    suppress_small_counts,
)
from est_geo.indicators.classify import PALETTES
from est_geo.indicators.derived import covered_periods

# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2024", "2024-01-01", "2025-01-01", "2023"),
        ("2024-Q1", "2024-01-01", "2024-04-01", "2023-Q4"),
        ("2024-Q4", "2024-10-01", "2025-01-01", "2024-Q3"),
        ("2024-05", "2024-05-01", "2024-06-01", "2024-04"),
        ("2024-01", "2024-01-01", "2024-02-01", "2023-12"),
        ("2024-12", "2024-12-01", "2025-01-01", "2024-11"),
    ],
)
def test_periods(text: str, start: str, end: str, previous: str) -> None:
    p = parse_indicator_period(text)
    assert (p.start.isoformat(), p.end.isoformat()) == (start, end)
    assert previous_indicator_period(text) == previous


@pytest.mark.parametrize(
    "bad", ["24", "2024-Q5", "2024-13", "2024-5", "2024Q1", "", "år 2024", "2024-q1", "２０２４"]
)
def test_bad_periods_raise(bad: str) -> None:
    with pytest.raises(ValueError, match="ogiltig period"):
        parse_indicator_period(bad)


# ------------------------------------------------------------------ DeSO codes


@pytest.mark.parametrize("code", ["0581C1290", "0581A0010", "0180B1234", "2584C1000"])
def test_valid_deso(code: str) -> None:
    assert deso_problem(code) is None


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("581C1290", "inledande nolla"),
        ("0581c1290", "versal"),
        ("0581D1290", "formatet"),
        ("0581C129", "8 tecken"),
        ("0581C12900", "10 tecken"),
        ("0581R001", "8 tecken"),
        ("", "saknas"),
    ],
)
def test_invalid_deso_names_the_reason(code: str, reason: str) -> None:
    problem = deso_problem(code)
    assert problem is not None and reason in problem


def test_code_problems_collects_every_row() -> None:
    problems = code_problems(["0581C1290", "581C1290", "0581C1290", None], "deso")
    rows = [(p.row, p.reason) for p in problems]
    assert rows[0][0] == 2 and "nolla" in rows[0][1]
    assert rows[1] == (3, "koden förekommer flera gånger (först på rad 1)")
    assert rows[2] == (4, "kod saknas")


def test_area_key_and_aggregation() -> None:
    key = AreaKey.from_pairs(
        ["0581C1010", "0581C1020", "0581C1030", "0581C1010"],
        ["0581R001", "0581R001", "0581R002", "0581R001"],  # a repeated row is fine
    )
    values = pd.DataFrame(
        {
            "area_code": ["0581C1010", "0581C1020", "0581C1030"],
            "period": ["2024"] * 3,
            "value": [2.0, 4.0, 3.0],
            "n": [10.0, 30.0, 5.0],
        }
    )
    summed = aggregate_upwards(values, key, how="sum")
    assert summed.set_index("area_code")["value"].to_dict() == {"0581R001": 6.0, "0581R002": 3.0}
    mean = aggregate_upwards(values, key, how="weighted_mean").set_index("area_code")
    # R001: (2·10 + 4·30) / (10 + 30) = 140 / 40 = 3.5
    assert mean.loc["0581R001", "value"] == pytest.approx(3.5)
    assert mean.loc["0581R001", "n"] == 40.0


def test_area_key_refuses_two_parents_and_bad_codes() -> None:
    with pytest.raises(ValidationError) as err:
        AreaKey.from_pairs(["0581C1010", "0581C1010", "581C1020"], ["0581R001", "0581R002", ""])
    text = str(err.value)
    assert "två överordnade" in text and "nolla" in text and "saknas" in text


# ------------------------------------------------------------------ classification

VALUES = np.array([1.0, 2.0, 2.5, 3.0, 4.0, 7.0, 7.5, 8.0, 12.0, 20.0, 21.0, 35.0])


@pytest.mark.parametrize("k", [2, 3, 4, 5, 7])
def test_quantiles_match_mapclassify(k: int) -> None:
    ours = classify(VALUES, Method.QUANTILES, k)
    ref = mapclassify.Quantiles(VALUES, k=k)
    np.testing.assert_allclose(ours.bins, ref.bins)
    np.testing.assert_array_equal(ours.yb, ref.yb)


@pytest.mark.parametrize("k", [2, 3, 5, 7])
def test_equal_interval_matches_mapclassify(k: int) -> None:
    ours = classify(VALUES, Method.EQUAL_INTERVAL, k)
    ref = mapclassify.EqualInterval(VALUES, k=k)
    np.testing.assert_allclose(ours.bins, ref.bins)
    np.testing.assert_array_equal(ours.yb, ref.yb)


@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize("k", [2, 3, 5])
def test_natural_breaks_match_mapclassify(k: int) -> None:
    ours = classify(VALUES, Method.NATURAL_BREAKS, k)
    ref = mapclassify.FisherJenks(VALUES, k=k)
    np.testing.assert_allclose(ours.bins, ref.bins)
    np.testing.assert_array_equal(ours.yb, ref.yb)


def test_classify_keeps_nan_and_few_distinct_values() -> None:
    c = classify([1.0, np.nan, 1.0, 2.0], Method.QUANTILES, 5)
    assert c.k == 2  # only two distinct values: two classes, no warning
    assert c.yb.tolist() == [0, -1, 0, 1]
    assert c.labels() == ["1", "1–2"]  # fewest decimals that keep bounds distinct
    assert c.labels(decimals=1) == ["1,0", "1,0–2,0"]
    # Tercile bounds of 1.71, 1.74, 2.0 (linear percentiles): 1.73, 1.8267, 2.0 —
    # one decimal would print 1,7 / 1,8 / 2,0 for 1.71–1.73, so two are used.
    labels = classify([1.71, 1.74, 2.0], Method.QUANTILES, 3).labels()
    assert labels == ["1,71–1,73", "1,73–1,83", "1,83–2,00"]
    with pytest.raises(ValueError, match="no finite"):
        classify([np.nan], Method.QUANTILES, 3)


def test_palette_direction_follows_higher_is_better() -> None:
    worse_first = PALETTES["sekventiell"]
    low_is_bad = class_colors(5, higher_is_better=True)
    high_is_bad = class_colors(5, higher_is_better=False)
    assert low_is_bad[0] == worse_first[0]  # lowest class = darkest when higher is better
    assert high_is_bad[-1] == worse_first[0]
    assert high_is_bad == low_is_bad[::-1]


def test_ranks_best_first() -> None:
    assert rank_values([3.0, 1.0, np.nan, 3.0], higher_is_better=True)[[0, 1, 3]].tolist() == [
        1.0,
        3.0,
        1.0,
    ]
    assert rank_values([3.0, 1.0, 2.0], higher_is_better=False).tolist() == [3.0, 1.0, 2.0]


def test_bivariate_orients_worse_to_two() -> None:
    a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # higher is better → 1, 2 are the worse third
    b = [6.0, 5.0, 4.0, 3.0, 2.0, 1.0]  # higher is worse → 6, 5 are the worse third
    biv = bivariate(a, b, a_higher_is_better=True, b_higher_is_better=False)
    assert biv.a_class.tolist() == [2, 2, 1, 1, 0, 0]
    assert biv.b_class.tolist() == [2, 2, 1, 1, 0, 0]
    assert biv.code.tolist() == [8, 8, 4, 4, 0, 0]


# ------------------------------------------------------------------ correlation


def test_correlation_matches_scipy() -> None:
    rng = np.random.default_rng(5)
    a = rng.normal(size=30)
    b = 0.6 * a + rng.normal(size=30)
    b[3] = np.nan  # dropped pairwise
    c = correlate(a, b)
    ok = np.isfinite(b)
    assert c.n == 29 and c.alternative == "two-sided"
    pr = stats.pearsonr(a[ok], b[ok])
    sr = stats.spearmanr(a[ok], b[ok])
    assert c.pearson_r == pytest.approx(pr.statistic)
    assert c.pearson_p == pytest.approx(pr.pvalue)
    assert c.spearman_rho == pytest.approx(sr.statistic)
    assert c.spearman_p == pytest.approx(sr.pvalue)


def test_correlation_refuses_degenerate_input() -> None:
    with pytest.raises(AnalysisError, match="minst 3"):
        correlate([1.0, 2.0], [1.0, 3.0])
    with pytest.raises(AnalysisError, match="samma värde"):
        correlate([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])


def test_small_n_mask() -> None:
    assert small_n_mask([10, None, 30, np.nan, 29.9], 30).tolist() == [
        True,
        False,
        False,
        False,
        True,
    ]


# ------------------------------------------------------------------ join


def _areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "code": ["A", "B", "C", "K"],
            "name": ["Ann", "Bo", "Centrum", "Kommun"],
            "level": ["omrade", "omrade", "delomrade", "kommun"],
        },
        geometry=[
            box(0, 0, 100, 100),
            box(100, 0, 200, 100),
            box(10, 10, 20, 20),  # inside A
            box(0, 0, 200, 100),
        ],
        crs="EPSG:3006",
    )


def _definition(key: str = "trygghetsindex", hib: bool = False) -> IndicatorDefinition:
    return IndicatorDefinition(key, key, key, "index", hib, "test")


def test_join_report_lists_both_sides() -> None:
    report = join_report(["A", "B", "C"], ["B", "C", "X", "Y"])
    assert report.codes_without_area == ("X", "Y")
    assert report.areas_without_value == ("A",)
    assert report.matched == 2 and not report.complete
    assert report.to_frame()["problem"].tolist() == [
        "kod i tabellen utan område",
        "kod i tabellen utan område",
        "område utan värde",
    ]


def test_indicator_layer_keeps_unmatched_and_flags_small_n() -> None:
    values = pd.DataFrame(
        {
            "indicator_key": ["trygghetsindex"] * 4 + ["befolkning"],
            "area_code": ["A", "C", "ZZ", "B", "A"],
            "period": ["2024", "2024", "2024", "2023", "2024"],
            "value": [2.0, 3.0, 1.0, 5.0, 1000.0],
            "n": [100.0, 12.0, 50.0, 80.0, None],
        }
    )
    layer = indicator_layer(
        _areas(), values, _definition(), "2024", levels=["omrade", "delomrade"], min_n=30
    )
    f = layer.frame.set_index("code")
    assert layer.report.codes_without_area == ("ZZ",)
    assert layer.report.areas_without_value == ("B",)  # B has 2023 only
    assert math.isnan(f.loc["B", "value"])
    assert bool(f.loc["C", "small_n"]) and not bool(f.loc["A", "small_n"])
    assert f.loc["A", "rank"] == 1.0 and math.isnan(f.loc["C", "rank"])
    assert "K" not in f.index


# ------------------------------------------------------------------ derived


def _incidents() -> pd.DataFrame:
    # Four incidents in A in 2024 (one on A's shared edge with B at x = 100), one in B in
    # 2024, one in A in 2023, one in C (inside A) in 2024.
    return pd.DataFrame(
        {
            "x": [50.0, 60.0, 70.0, 100.0, 150.0, 50.0, 15.0],
            "y": [50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 15.0],
            "occurred_at": pd.to_datetime(
                [
                    "2024-02-01 10:00",
                    "2024-06-01 00:00",
                    "2024-12-31 23:59",
                    "2024-03-01 00:00",
                    "2024-07-01 00:00",
                    "2023-12-31 23:00",
                    "2024-05-05 00:00",
                ]
            ),
            "category": [
                "skadegorelse.klotter",
                "skadegorelse.glaskross",
                "ordning.brak",
                "ordning.brak",
                "arrangemang",
                "skadegorelse.klotter",
                "skadegorelse.klotter",
            ],
        }
    )


def test_incident_counts_and_rate_per_1000() -> None:
    areas = _areas()
    counts = incident_counts(_incidents(), areas, ["2023", "2024"]).set_index(
        ["area_code", "period"]
    )["count"]
    # A (0..100 × 0..100) in 2024: (50,50) (60,50) (70,50) (100,50 on the edge) (15,15) = 5
    # B (100..200) in 2024: (100,50 on the edge) (150,50) = 2; C: (15,15) = 1; K: all 6.
    assert counts[("A", "2024")] == 5
    assert counts[("B", "2024")] == 2
    assert counts[("C", "2024")] == 1
    assert counts[("K", "2024")] == 6
    assert counts[("A", "2023")] == 1 and counts[("B", "2023")] == 0
    pop = pd.DataFrame(
        {
            "indicator_key": "befolkning",
            "area_code": ["A", "B", "C"],
            "period": ["2024", "2024", "2024"],
            "value": [2500.0, 400.0, 0.0],
            "n": None,
        }
    )
    result = rate_per_1000(counts.rename("count").reset_index(), pop)
    rates = result.values.set_index(["area_code", "period"])
    # A: 1000 · 5 / 2500 = 2.0 ; B: 1000 · 2 / 400 = 5.0 ; n = the count
    assert rates.loc[("A", "2024"), "value"] == pytest.approx(2.0)
    assert rates.loc[("B", "2024"), "value"] == pytest.approx(5.0)
    assert rates.loc[("A", "2024"), "n"] == 5.0
    # C has population 0, K and every 2023 pair none: listed, never a rate.
    assert ("C", "2024") in result.missing_population
    assert ("K", "2024") in result.missing_population
    assert ("A", "2023") in result.missing_population


def test_category_shares() -> None:
    shares = category_shares(_incidents(), _areas(), "2024", CategoryTree.default())
    a = shares[shares["area_code"] == "A"].set_index("category")
    # A in 2024: klotter, glaskross, klotter (C) → skadegörelse 3; bråk ×2 → ordning 2; of 5
    assert a.loc["skadegorelse", "count"] == 3 and a.loc["skadegorelse", "total"] == 5
    assert a.loc["skadegorelse", "share"] == pytest.approx(60.0)
    assert a.loc["ordning", "share"] == pytest.approx(40.0)
    assert a.loc["arrangemang", "share"] == 0.0


def test_change_vs_previous() -> None:
    values = pd.DataFrame(
        {
            "area_code": ["A", "A", "A", "B"],
            "period": ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q1"],
            "value": [4.0, 5.0, 0.0, 3.0],
        }
    )
    out = change_vs_previous(values).set_index(["area_code", "period"])
    # A 2025-Q1 vs 2024-Q4: 5 − 4 = 1, 1 / 4 = 25 %
    assert out.loc[("A", "2025-Q1"), "change"] == 1.0
    assert out.loc[("A", "2025-Q1"), "change_pct"] == pytest.approx(25.0)
    # A 2025-Q2 vs Q1: 0 − 5 = −5, −100 %
    assert out.loc[("A", "2025-Q2"), "change_pct"] == pytest.approx(-100.0)
    assert math.isnan(out.loc[("B", "2025-Q1"), "change"])  # no 2024-Q4 for B


def test_suppress_small_counts_for_public() -> None:
    frame = pd.DataFrame({"area_code": ["A", "B"], "value": [2.0, 5.0], "n": [5.0, 2.0]})
    out = suppress_small_counts(frame, count_column="n", k=3)
    assert out["suppressed"].tolist() == [False, True]
    assert math.isnan(out.loc[1, "value"]) and math.isnan(out.loc[1, "n"])
    assert frame.loc[1, "value"] == 5.0  # caller's frame untouched


def test_covered_periods() -> None:
    from datetime import date

    got = covered_periods(["2023", "2024", "2025"], date(2023, 11, 2), date(2025, 12, 31))
    assert got == ["2024", "2025"]


def _map_frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ["A", "B", "C"],
            "value": [1.5, 2.5, 3.5],
            "value_a": [1.0, 2.0, 3.0],
            "value_b": [3.0, 2.0, 1.0],
            "n": [40.0, 50.0, 60.0],
            "small_n": [True, False, False],
            "rank": [3.0, 2.0, 1.0],
        },
        geometry=[box(16.0 + i / 10, 58.5, 16.05 + i / 10, 58.55) for i in range(3)],
        crs="EPSG:4326",
    )


@pytest.mark.parametrize(
    ("lang", "rank", "legend", "small"),
    [
        ("sv", "rang 1 av 3 (1 = bäst)", "Två lager, 3 × 3", "för få underlag"),
        ("en", "rank 1 of 3 (1 = best)", "Two layers, 3 × 3", "too small a base"),
    ],
)
def test_indicator_maps_speak_the_readers_language(
    lang: str, rank: str, legend: str, small: str
) -> None:
    """The rank in a choropleth's tooltip, the small-base label and the bivariate legend
    follow ``lang``."""
    import folium

    from est_geo.indicators.choropleth import bivariate_layer, choropleth_layer

    frame = _map_frame()
    cls = classify(frame["value"].to_numpy(), "quantiles", 3)
    colors = class_colors(cls.k, higher_is_better=True)
    m = folium.Map()
    choropleth_layer(frame, cls, colors, title="T", unit="%", lang=lang).add_to(m)
    biv = bivariate(frame["value_a"], frame["value_b"], a_higher_is_better=True,
                    b_higher_is_better=True)  # fmt: skip
    bivariate_layer(frame, biv, a_title="A", b_title="B", lang=lang).add_to(m)
    html = m.get_root().render()  # texts sit in JSON, non-ASCII as \uXXXX
    assert json.dumps(rank)[1:-1] in html and json.dumps(legend)[1:-1] in html
    assert json.dumps(small)[1:-1] in html
