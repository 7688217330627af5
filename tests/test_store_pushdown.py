"""Push-down contract: counts within a polygon and the weekday × hour profile.

Both backends must give *identical* results: PostGIS aggregates in SQL (``ST_Covers``
with the GiST index, ``extract(isodow/hour)``, ``to_char``), the embedded store
prefilters on the bounding box in SQL and decides exactly with shapely. The rule for
"inside" is *covered by*: a point on an edge, on a vertex or on a hole's ring counts; a
point strictly inside a hole does not.

The constructed points sit exactly on edges (axis-parallel and diagonal), on vertices,
on a hole's ring, half a metre off a diagonal on either side, and in the polygon's
bounding box but outside it; the times sit on month, day and week boundaries.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from est_geo.core.errors import ValidationError
from est_geo.core.timeprofile import TimeProfile
from est_geo.hotspots.timeprofile import weekday_hour_matrix
from est_geo.store import IncidentQuery, Store, create_store
from tests.conftest import ThrowawayCluster, small_areas

KLOTTER = "skadegorelse.klotter"
BRAK = "ordning.brak"

#: A pentagon with a square hole; the top is a roof of two 45° edges.
SHELL = [
    (564_000, 6_492_000),
    (565_000, 6_492_000),
    (565_000, 6_493_000),
    (564_500, 6_493_500),
    (564_000, 6_493_000),
]
HOLE = [(564_200, 6_492_200), (564_400, 6_492_200), (564_400, 6_492_400), (564_200, 6_492_400)]
POLYGON = Polygon(SHELL, [HOLE])

#: label: (x, y, inside?) — inside = covered by POLYGON.
POINTS: dict[str, tuple[float, float, bool]] = {
    "interior": (564_500, 6_492_500, True),
    "bottom_edge": (564_300, 6_492_000, True),
    "right_edge": (565_000, 6_492_700, True),
    "corner": (565_000, 6_492_000, True),
    "apex": (564_500, 6_493_500, True),
    "roof_edge": (564_750, 6_493_250, True),  # on the diagonal x + y = 12 058 000
    "under_roof": (564_749.5, 6_493_250, True),
    "over_roof": (564_750.5, 6_493_250, False),
    "in_hole": (564_300, 6_492_300, False),
    "hole_edge": (564_200, 6_492_300, True),
    "hole_corner": (564_400, 6_492_400, True),
    "left_outside": (563_999.999, 6_492_500, False),
    "in_bbox_outside": (564_100, 6_493_400, False),  # above the left roof edge
    "far_away": (570_000, 6_495_000, False),
}

#: label: (time, has_time, category). Sunday 2025-02-02, Monday 2025-02-03.
TIMES: dict[str, tuple[str, bool, str]] = {
    "interior": ("2025-01-31 23:59:59", True, KLOTTER),
    "bottom_edge": ("2025-02-01 00:00:00", True, KLOTTER),
    "right_edge": ("2025-02-02 23:30:00", True, BRAK),
    "corner": ("2025-02-03 00:00:00", True, BRAK),
    "apex": ("2025-02-03 00:00:00", False, KLOTTER),
    "roof_edge": ("2025-03-15 12:00:00", True, BRAK),
    "under_roof": ("2025-03-15 12:59:59", True, KLOTTER),
    "over_roof": ("2025-03-15 13:00:00", True, KLOTTER),
    "in_hole": ("2025-01-10 08:00:00", True, KLOTTER),
    "hole_edge": ("2025-12-31 23:00:00", True, KLOTTER),
    "hole_corner": ("2026-01-01 00:00:00", False, BRAK),
    "left_outside": ("2025-02-01 01:00:00", True, BRAK),
    "in_bbox_outside": ("2025-02-01 02:00:00", True, KLOTTER),
    "far_away": ("2025-02-01 03:00:00", True, BRAK),
}


def _frame(
    points: dict[str, tuple[float, float, bool]], times: dict[str, tuple[str, bool, str]]
) -> pd.DataFrame:
    labels = list(points)
    return pd.DataFrame(
        {
            "x": [float(points[k][0]) for k in labels],
            "y": [float(points[k][1]) for k in labels],
            "occurred_at": pd.to_datetime([times[k][0] for k in labels]),
            "has_time": [times[k][1] for k in labels],
            "category": [times[k][2] for k in labels],
            "actor": ["bostadsbolag"] * len(labels),
            "precision": ["exact"] * len(labels),
            "description": labels,
            "source": ["pushdown"] * len(labels),
            "source_id": labels,
        }
    )


def constructed() -> pd.DataFrame:
    """The hand-made incidents of :data:`POINTS` / :data:`TIMES`."""
    return _frame(POINTS, TIMES)


def reference_counts(
    store: Store, polygon: Polygon | MultiPolygon, by: tuple[str, ...]
) -> pd.DataFrame:
    """What the push-down must equal: pull every row, decide in Python (covered-by)."""
    rows = store.incidents()
    inside = rows[shapely.covers(polygon, shapely.points(rows["x"], rows["y"]))].copy()
    inside["month"] = inside["occurred_at"].dt.strftime("%Y-%m")
    if not by:
        return pd.DataFrame({"n": np.array([len(inside)], dtype=np.int64)})
    out = inside.groupby(list(by)).size().rename("n").reset_index()
    out["n"] = out["n"].astype(np.int64)
    for key in by:
        out[key] = out[key].astype(str)
    return out.sort_values(list(by), kind="stable").reset_index(drop=True)


def _profile_tuple(profile: TimeProfile) -> tuple[object, ...]:
    return (
        profile.matrix.tolist(),
        profile.by_weekday.tolist(),
        profile.n_total,
        profile.n_without_time,
        profile.n_invalid,
    )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.add_incidents(constructed(), user="test")
    return store


EXPECTED_INSIDE = sorted(k for k, (_, _, inside) in POINTS.items() if inside)


def test_boundary_rule_covered_by_is_inside(loaded: Store) -> None:
    total = loaded.counts_within(POLYGON, by=())
    assert total["n"].tolist() == [len(EXPECTED_INSIDE)]
    # which ones: one category per label via a query per point would be slow; use tiny
    # squares around each point instead — a point on the boundary of POLYGON is inside.
    for label, (x, y, inside) in POINTS.items():
        zone = POLYGON.intersection(box(x - 0.25, y - 0.25, x + 0.25, y + 0.25))
        if zone.is_empty or zone.geom_type not in {"Polygon", "MultiPolygon"}:
            assert not inside, label
            continue
        n = int(loaded.counts_within(zone, by=())["n"].iloc[0])
        assert n == int(inside), label


def test_counts_by_category_and_month(loaded: Store) -> None:
    got = loaded.counts_within(POLYGON, by=("category", "month"))
    expected = pd.DataFrame(
        [
            (BRAK, "2025-02", 2),  # right edge, corner
            (BRAK, "2025-03", 1),  # on the roof
            (BRAK, "2026-01", 1),  # hole corner
            (KLOTTER, "2025-01", 1),  # interior, 23:59:59 on the 31st
            (KLOTTER, "2025-02", 2),  # bottom edge at 00:00 on the 1st, apex
            (KLOTTER, "2025-03", 1),  # under the roof
            (KLOTTER, "2025-12", 1),  # hole edge
        ],
        columns=["category", "month", "n"],
    ).astype({"n": np.int64})
    pd.testing.assert_frame_equal(got, expected)
    pd.testing.assert_frame_equal(got, reference_counts(loaded, POLYGON, ("category", "month")))
    for by in [("category",), ("month",), ("month", "category"), ()]:
        pd.testing.assert_frame_equal(
            loaded.counts_within(POLYGON, by=by), reference_counts(loaded, POLYGON, by)
        )
    assert list(loaded.counts_within(POLYGON).columns) == ["category", "n"]


def test_counts_respect_the_query(loaded: Store) -> None:
    query = IncidentQuery(
        start=pd.Timestamp("2025-02-01").to_pydatetime(), categories=frozenset({BRAK})
    )
    got = loaded.counts_within(POLYGON, by=("month",), query=query)
    assert got.to_dict("list") == {"month": ["2025-02", "2025-03", "2026-01"], "n": [2, 1, 1]}
    none = loaded.counts_within(POLYGON, by=("category",), query=IncidentQuery(actors=frozenset()))
    assert list(none.columns) == ["category", "n"] and none.empty
    assert loaded.counts_within(POLYGON, by=(), query=IncidentQuery(actors=frozenset()))[
        "n"
    ].tolist() == [0]


def test_multipolygon_and_empty_area(loaded: Store) -> None:
    far = box(569_990, 6_494_990, 570_000, 6_495_000)  # far_away sits on its corner
    multi = MultiPolygon([POLYGON, far])
    pd.testing.assert_frame_equal(
        loaded.counts_within(multi, by=("category",)),
        reference_counts(loaded, multi, ("category",)),
    )
    assert int(loaded.counts_within(multi, by=())["n"].iloc[0]) == len(EXPECTED_INSIDE) + 1
    nothing = box(580_000, 6_480_000, 580_010, 6_480_010)
    assert loaded.counts_within(nothing).empty
    assert loaded.weekday_hour_profile(nothing).n_total == 0


def test_weekday_hour_profile(loaded: Store) -> None:
    profile = loaded.weekday_hour_profile(POLYGON)
    rows = loaded.incidents()
    inside = rows[shapely.covers(POLYGON, shapely.points(rows["x"], rows["y"]))]
    expected = weekday_hour_matrix(inside["occurred_at"].to_numpy(), inside["has_time"].to_numpy())
    assert _profile_tuple(profile) == _profile_tuple(expected)
    assert profile.n_total == len(EXPECTED_INSIDE) and profile.n_without_time == 2
    assert profile.matrix[6, 23] == 1  # Sunday 23:30 on the right edge
    assert profile.matrix[0, 0] == 1  # Monday 00:00 on the corner (apex has no time)
    assert profile.matrix[4, 23] == 1  # Friday 2025-01-31 23:59:59
    assert profile.matrix[5, 12] == 2  # Saturday 2025-03-15 12:00 and 12:59:59
    everywhere = loaded.weekday_hour_profile()
    all_rows = weekday_hour_matrix(rows["occurred_at"].to_numpy(), rows["has_time"].to_numpy())
    assert _profile_tuple(everywhere) == _profile_tuple(all_rows)
    morning = loaded.weekday_hour_profile(POLYGON, query=IncidentQuery(hours=frozenset({0})))
    assert morning.n_total == 2 and morning.matrix.sum() == 2  # hours filter: timed only


@pytest.mark.parametrize(
    "bad",
    [
        Point(564_500, 6_492_500),
        LineString([(564_000, 6_492_000), (565_000, 6_493_000)]),
        Polygon(),
        Polygon([(0, 0), (10, 10), (10, 0), (0, 10)]),  # bow-tie: invalid
    ],
)
def test_bad_polygons_are_refused(loaded: Store, bad: object) -> None:
    with pytest.raises(ValidationError):
        loaded.counts_within(bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        loaded.weekday_hour_profile(bad)  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        loaded.counts_within(POLYGON, by=("weekday",))


# --------------------------------------------------------------------------- cross-backend


def _random_incidents(seed: int, n: int) -> pd.DataFrame:
    """Points around POLYGON, a third snapped onto its vertices/edges, random times."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(563_900, 565_100, n).round(1)
    y = rng.uniform(6_491_900, 6_493_600, n).round(1)
    snap = rng.random(n) < 0.33
    vertices = np.asarray(SHELL + HOLE, dtype=float)
    pick = rng.integers(0, len(vertices), n)
    x[snap], y[snap] = vertices[pick[snap], 0], vertices[pick[snap], 1]
    on_edge = rng.random(n) < 0.15
    x[on_edge] = 565_000.0
    on_roof = rng.random(n) < 0.1
    x[on_roof] = rng.integers(564_500, 565_001, int(on_roof.sum())).astype(float)
    y[on_roof] = 12_058_000.0 - x[on_roof]
    seconds = rng.integers(0, 2 * 365 * 86_400, n)
    times = pd.Timestamp("2024-12-01") + pd.to_timedelta(seconds, unit="s")
    return pd.DataFrame(
        {
            "x": x,
            "y": y,
            "occurred_at": times,
            "has_time": rng.random(n) < 0.8,
            "category": np.where(rng.random(n) < 0.5, KLOTTER, BRAK),
            "actor": ["bostadsbolag"] * n,
            "precision": ["exact"] * n,
            "description": [""] * n,
            "source": ["random"] * n,
            "source_id": [f"r{i}" for i in range(n)],
        }
    )


@pytest.mark.postgis
def test_identical_on_both_backends(postgis_cluster: ThrowawayCluster, tmp_path: Path) -> None:
    """The same data in both stores: every push-down result is equal, frame for frame."""
    url = postgis_cluster.new_database()
    stores: list[Store] = [create_store(str(tmp_path / "same.gpkg")), create_store(url)]
    try:
        data = pd.concat([constructed(), _random_incidents(7, 4_000)], ignore_index=True)
        for s in stores:
            s.add_areas(small_areas(), user="test")
            s.add_incidents(data, user="test")
        zones: list[Polygon | MultiPolygon] = [
            POLYGON,
            MultiPolygon([POLYGON, box(569_990, 6_494_990, 570_000, 6_495_000)]),
            box(564_000, 6_492_000, 565_000, 6_493_000),
            POLYGON.buffer(-50),
        ]
        queries = [
            None,
            IncidentQuery(categories=frozenset({KLOTTER})),
            IncidentQuery(
                start=pd.Timestamp("2025-06-01").to_pydatetime(), hours=frozenset({22, 23})
            ),
            IncidentQuery(weekdays=frozenset({5, 6})),
        ]
        calls: list[Callable[[Store], object]] = []
        for zone in zones:
            for q in queries:
                for by in [("category", "month"), ("month",), ()]:
                    calls.append(lambda s, z=zone, q=q, by=by: s.counts_within(z, by=by, query=q))
                calls.append(
                    lambda s, z=zone, q=q: _profile_tuple(s.weekday_hour_profile(z, query=q))
                )
        calls.append(lambda s: _profile_tuple(s.weekday_hour_profile()))
        for call in calls:
            gpkg, pg = (call(s) for s in stores)
            if isinstance(gpkg, pd.DataFrame):
                assert isinstance(pg, pd.DataFrame)
                pd.testing.assert_frame_equal(gpkg, pg)
            else:
                assert gpkg == pg
        pd.testing.assert_frame_equal(
            stores[1].counts_within(POLYGON, by=("category", "month")),
            reference_counts(stores[0], POLYGON, ("category", "month")),
        )
    finally:
        close = getattr(stores[1], "close", None)
        if close is not None:
            close()
        postgis_cluster.drop_database(url)
