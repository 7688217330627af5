"""The public aggregates: suppression below k, cell size floor, no text or actors out;
and the public-mode store refusing writes at the connection level."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hyp
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from est_geo.access.disclosure import ClosedPeriod, closed_periods
from est_geo.core.errors import ReadOnlyError
from est_geo.core.model import CategoryTree
from est_geo.maps.colors import classify, grouped_breaks, ramp
from est_geo.maps.mapdata import default_view
from est_geo.public.release import (
    ALL,
    MIN_CELL_SIZE,
    PublicCounts,
    PublicRelease,
    area_view,
    build_release,
    by_count,
    count_words,
    done_here,
    grid_view,
    legend_words,
    month_view,
    public_interventions,
    public_view,
)
from est_geo.store import create_store, open_store
from est_geo.store.gpkg import GeoPackageStore
from tests.conftest import small_areas, small_incidents

A = box(564_000, 6_492_000, 564_500, 6_492_500)
B = box(565_000, 6_492_000, 565_500, 6_492_500)


def _areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["A", "B"], "name": ["Område A", "Område B"], "level": ["omrade"] * 2},
        geometry=[A, B],
        crs="EPSG:3006",
    )


def _incidents(n_a: int, n_b: int) -> pd.DataFrame:
    xs = [564_123.4 + i for i in range(n_a)] + [565_321.7 + i for i in range(n_b)]
    ys = [6_492_111.1] * n_a + [6_492_222.2] * n_b
    return pd.DataFrame(
        {
            "x": xs,
            "y": ys,
            "occurred_at": pd.date_range("2026-01-01", periods=len(xs), freq="D"),
            "description": ["hemlig text"] * len(xs),
            "actor": ["polis"] * len(xs),
            "category": ["skadegorelse.klotter"] * len(xs),
        }
    )


Q1 = ClosedPeriod(date(2026, 1, 1), "kvartal")


def _release(n_a: int, n_b: int, k: int = 5) -> PublicRelease:
    return build_release(_incidents(n_a, n_b), _areas(), CategoryTree.default(), Q1, k=k)


def test_area_view_suppresses_below_k_and_rounds() -> None:
    frame = area_view(_release(7, 9)).frame
    assert frame["shown"].tolist() == ["5", "10"]  # rounded to the nearest multiple of k
    assert set(frame.columns) == {"label", "count", "shown", "geometry"}
    assert frame.crs.to_epsg() == 4326
    # 3 is below k; with two areas the other one is hidden with it, or the category's
    # total (known from the months) minus 7 would give the 3.
    view = area_view(_release(7, 3))
    assert view.frame["shown"].tolist() == ["färre än 5", "färre än 5"]
    assert view.frame["count"].isna().tolist() == [True, True]
    assert view.n_suppressed == 2
    # Zero is suppressed too, so an area without "färre än" says nothing about presence.
    none = area_view(_release(0, 0))
    assert none.frame["shown"].tolist() == ["färre än 5", "färre än 5"]
    assert area_view(_release(3, 0, k=3), lang="en").frame["shown"][1] == "fewer than 3"
    # 8 is published as 10: counts are rounded to the nearest multiple of k.
    assert area_view(_release(8, 12)).frame["shown"].tolist() == ["10", "10"]
    # A count in the thousands is written as in the rest of the app ("1620" before).
    many = _incidents(1618, 12)
    many["occurred_at"] = pd.Timestamp("2026-02-01")  # all inside Q1
    many.loc[:1617, "x"] = [564_100.0 + i % 300 for i in range(1618)]  # all inside A
    release = build_release(many, _areas(), CategoryTree.default(), Q1, k=5)
    assert area_view(release).frame["shown"].tolist() == ["1\u00a0620", "10"]
    assert area_view(release, lang="en").frame["shown"][0] == "1,620"


def test_complementary_suppression_in_an_area() -> None:
    """'Alla' minus the shown categories must not give the one hidden category."""
    incidents = _incidents(12, 9)
    incidents["category"] = ["skadegorelse.klotter"] * 11 + ["arrangemang"] + ["ordning.brak"] * 9
    release = build_release(incidents, _areas(), CategoryTree.default(), Q1, k=5)
    counts = {c: release.area_counts[("A", c)] for c in release.categories}
    assert counts["arrangemang"] is None  # 1: primary
    assert counts["skadegorelse"] is None  # 11, hidden with it: complementary
    assert counts[ALL] == 10  # 12, rounded


def test_grid_view_floor_and_left_out_cells() -> None:
    with pytest.raises(ValueError, match="at least 100 m"):
        build_release(_incidents(7, 3), _areas(), CategoryTree.default(), Q1, k=5, cell_sizes=(50,))
    result = grid_view(_release(7, 3), MIN_CELL_SIZE)
    assert result.frame["count"].tolist() == [5]  # 7 rounded; the cell with 3 is left out
    # Cell corners are on the 100 m lattice, never an incident position.
    minx, miny, _, _ = gpd.GeoSeries(result.frame.geometry, crs=4326).to_crs(3006).total_bounds
    assert round(minx) % 100 == 0 and round(miny) % 100 == 0
    assert grid_view(_release(0, 0), 250).frame.empty


def test_k_is_validated() -> None:
    for bad in (0, -1, True):
        with pytest.raises(ValueError):
            _release(1, 1, k=bad)


def test_month_view_holds_only_the_closed_period() -> None:
    frame = month_view(_release(40, 0))  # 1 Jan – 9 Feb: January 31, February 9, March 0
    assert frame["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    # March (0) is hidden; the quarter's total can be known, so February (the smallest
    # shown month) is hidden with it, and January is rounded: 31 → 30.
    assert frame["shown"].tolist() == ["30", "färre än 5", "färre än 5"]


def test_closed_periods_never_hold_today() -> None:
    today = date(2026, 12, 7)
    quarters = closed_periods("kvartal", today=today, first_day=date(2025, 2, 1), limit=8)
    assert [p.key for p in quarters] == [
        "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"
    ]  # fmt: skip
    assert [
        p.key for p in closed_periods("ar", today=today, first_day=date(2020, 1, 1), limit=2)
    ] == [
        "2025",
        "2024",
    ]
    # A quarter is published from the day after its last day.
    first = date(2026, 1, 1)
    on_1_oct = closed_periods("kvartal", today=date(2026, 10, 1), first_day=first, limit=1)
    on_30_sep = closed_periods("kvartal", today=date(2026, 9, 30), first_day=first, limit=1)
    assert (on_1_oct[0].key, on_30_sep[0].key) == ("2026-Q3", "2026-Q2")


def test_public_interventions_only_public_and_no_free_text() -> None:
    ivs = gpd.GeoDataFrame(
        {
            "name": ["Hemligt namn", "Bommar vid <script>"],
            "kind": ["kamerabevakning", "bom"],
            "status": ["pagar", "planerad"],
            "owner_actor": ["polis", "bostadsbolag"],
            "start_date": [date(2026, 1, 1), None],
            "end_date": [None, date(2026, 6, 30)],
            "description": ["intern beskrivning", "text"],
            "public": [False, True],
            "cost": [1.0, 2.0],
        },
        geometry=[Point(564_100, 6_492_100), Point(565_100, 6_492_100)],
        crs="EPSG:3006",
    )
    out = public_interventions(ivs, _areas())
    assert out.to_dict("records") == [
        {
            "kind": "Bom/barriär",
            "area": "Område B",
            "period": "… – 2026-06-30",
            "status": "Planerad",
        }
    ]
    text = out.to_string()
    for secret in ("Hemligt", "<script>", "bostadsbolag", "beskrivning"):
        assert secret not in text


def test_public_store_refuses_writes_even_raw_sql(tmp_path: Path) -> None:
    """The embedded store; PostGIS relies on a SELECT-only role (its own tests)."""
    writable = create_store(str(tmp_path / "pub.gpkg"))
    writable.add_areas(small_areas(), user="test")
    writable.add_incidents(small_incidents(3), user="test")
    ro = open_store(writable.url, read_only=True)
    assert isinstance(ro, GeoPackageStore) and ro.read_only
    with pytest.raises(ReadOnlyError):
        ro.set_meta({"x": "y"}, user="attacker")
    statements = [
        "INSERT INTO est_meta VALUES ('hacked', 'yes')",
        "UPDATE incidents SET description = 'x'",
        "DELETE FROM audit_log",
        "DROP TABLE incidents",
        "CREATE TABLE evil (x)",
        "PRAGMA user_version = 1",
    ]
    for sql in statements:
        with ro._connect() as con, pytest.raises(sqlite3.OperationalError, match="readonly"):
            con.execute(sql)
    assert "hacked" not in ro.meta()
    assert ro.count_incidents() == 3


def test_public_view_fits_every_public_area_and_not_the_kommun() -> None:
    """The public map opens on all public areas (issue 15 item 4): the old view, 1.5 km
    around Klockaretorpet centrum, cut off an area 6 km away."""
    areas = gpd.GeoDataFrame(
        {
            "code": ["K", "A", "B"],
            "name": ["Kommunen", "Klockaretorpet centrum", "Långt bort"],
            "level": ["kommun", "omrade", "omrade"],
        },
        geometry=[
            box(550_000, 6_480_000, 580_000, 6_510_000),
            A,
            box(571_000, 6_495_000, 571_800, 6_495_900),
        ],
        crs="EPSG:3006",
    )
    view = public_view(areas)
    assert view is not None
    (south, west), (north, east) = view
    shown = areas[areas["level"] == "omrade"].to_crs(4326)
    for minx, miny, maxx, maxy in shown.bounds.itertuples(index=False):
        assert west <= minx and maxx <= east and south <= miny and maxy <= north
    # Tight: the view is the areas' own box, not the kommun's.
    w, s, e, n = shown.total_bounds
    assert (south, west, north, east) == pytest.approx((s, w, n, e))
    _, (_, old_east) = default_view(areas, "Klockaretorpet centrum", margin_m=1500)
    far = shown.bounds.iloc[1]
    assert far["maxx"] > old_east  # the view before the fix cut "Långt bort" off
    assert public_view(areas[areas["level"] == "kommun"].iloc[0:0]) is None


def test_by_count_puts_most_first_and_suppressed_last() -> None:
    frame = gpd.GeoDataFrame(
        {
            "label": ["Ö", "B", "A", "C", "D"],
            "count": pd.array([10, None, 30, 10, None], dtype="Int64"),
            "shown": ["10", "färre än 5", "30", "10", "färre än 5"],
        },
        geometry=[A] * 5,
        crs="EPSG:3006",
    )
    table = by_count(PublicCounts(frame, 5, 2))
    assert table["label"].tolist() == ["A", "C", "Ö", "B", "D"]
    assert table["shown"].tolist() == ["30", "10", "10", "färre än 5", "färre än 5"]


def test_the_map_tooltip_writes_a_count_like_the_legend_and_the_table() -> None:
    """The tooltip said "1620 händelser" beside a legend and table writing "1 620"."""
    assert count_words(1620.0) == "1\u00a0620 händelser"
    assert count_words(1.0) == "1 händelse"
    assert count_words(1620.0, "en") == "1,620 incidents"
    assert count_words(1.0, "en") == "1 incident"


def test_legend_words_name_each_class_in_both_languages() -> None:
    """The legend of breaks 20, 45, 90 (classes ≤ 20, 20–45, > 45 as class_ranges)."""
    assert legend_words([20.0, 45.0, 90.0]) == [
        "upp till 20",
        "fler än 20, högst 45",
        "fler än 45",
    ]
    assert legend_words([20.0, 45.0, 90.0], "en") == [
        "up to 20",
        "more than 20, at most 45",
        "more than 45",
    ]
    assert legend_words([7.0]) == ["upp till 7"]
    assert legend_words([]) == []
    # Thousands as the rest of the app writes them (the table said "1620" beside "1095").
    assert legend_words([540.0, 1095.0, 1620.0]) == [
        "upp till 540",
        "fler än 540, högst 1\u00a0095",
        "fler än 1\u00a0095",
    ]
    assert legend_words([1095.0, 1620.0], "en") == ["up to 1,095", "more than 1,095"]


def _words_hold(words: str, value: float) -> bool:
    """Whether ``value`` satisfies a Swedish legend class as a reader reads it."""
    # Swedish groups thousands with a non-breaking space ("1 095").
    numbers = [float(n.replace("\u00a0", "")) for n in re.findall(r"\d+(?:\u00a0\d{3})*", words)]
    if words.startswith("upp till"):
        return value <= numbers[0]
    if "högst" in words:
        return numbers[0] < value <= numbers[1]
    return value > numbers[0]


@settings(max_examples=200, deadline=None)
@given(
    hyp.lists(
        hyp.integers(min_value=0, max_value=5_000).map(lambda v: float(v - v % 5)),
        min_size=1,
        max_size=60,
    )
)
def test_legend_words_true_for_every_count(values: list[float]) -> None:
    """Each published count lies in the words of the class the map colours it with."""
    breaks = grouped_breaks(values)
    words = legend_words(breaks)
    colors = ramp(len(breaks))
    for value, color in zip(values, classify(values, breaks, colors), strict=True):
        assert _words_hold(words[colors.index(color)], value), (value, breaks, words)


def _ivs(
    public: list[object], kinds: list[str], statuses: list[str], shapes: list[BaseGeometry]
) -> gpd.GeoDataFrame:
    n = len(public)
    return gpd.GeoDataFrame(
        {
            "name": [f"Hemligt namn {i}" for i in range(n)],
            "kind": kinds,
            "status": statuses,
            "owner_actor": ["bostadsbolag"] * n,
            "start_date": [date(2026, 1, 1)] * n,
            "end_date": [None] * n,
            "description": ["intern beskrivning"] * n,
            "public": pd.Series(public, dtype=object),
            "cost": [1.0] * n,
        },
        geometry=shapes,
        crs="EPSG:3006",
    )


def test_done_here_one_line_per_area_ongoing_first() -> None:
    """Area A: a camera (ongoing), lighting (planned) and a route crossing into B; B also
    has an internal patrol, which is not named anywhere."""
    route = LineString([(564_400, 6_492_250), (565_200, 6_492_250)])
    ivs = _ivs(
        [True, True, True, False],
        ["belysning", "kamerabevakning", "bom", "vaktarrondering"],
        ["planerad", "pagar", "pagar", "pagar"],
        [Point(564_100, 6_492_100), Point(564_200, 6_492_200), route, Point(565_100, 6_492_100)],
    )
    out = done_here(ivs, _areas())
    assert out.to_dict("records") == [
        {
            "area": "Område A",
            "done": "Bom/barriär (pågår), Kamerabevakning (pågår), Belysning (planerad)",
        },
        {"area": "Område B", "done": "Bom/barriär (pågår)"},
    ]
    assert "Väktarrondering" not in out.to_string()


@pytest.mark.parametrize("flag", [False, 0, None, float("nan"), np.bool_(False)])
def test_internal_intervention_never_shows(flag: object) -> None:
    """An intervention not marked public (or with no flag at all: NULL, NaN) is in neither
    the per-area line nor the list; before, a NaN flag read as public."""
    ivs = _ivs([flag], ["vaktarrondering"], ["pagar"], [Point(564_100, 6_492_100)])
    assert done_here(ivs, _areas()).empty
    assert public_interventions(ivs, _areas()).empty
    shown = _ivs([True], ["vaktarrondering"], ["pagar"], [Point(564_100, 6_492_100)])
    assert done_here(shown, _areas())["done"].tolist() == ["Väktarrondering (pågår)"]
