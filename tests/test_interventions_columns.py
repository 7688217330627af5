"""Scope analysis and evaluation counted from the shared columns equal the store's counts.

:func:`analyse_scope` and :func:`evaluate_intervention` count from
:func:`est_geo.store.columns.incident_columns` when given them (the app does, so a closed
polygon is analysed without reading rows from the store). For random polygons whose
vertices and edges sit exactly on stored incidents (a 10 m lattice of them), every
figure must equal the store's own counts on both backends: covered = inside or on the
boundary for the scope and its ring, and "boundary included, first zone wins" for the
evaluation's target, buffer and control zones.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from est_geo.core.model import Intervention
from est_geo.core.periods import Period
from est_geo.interventions.scope import ScopeAnalysis, ZoneProfile, analyse_scope
from est_geo.interventions.zones import EvaluationPeriods, evaluate_intervention
from est_geo.store import Store
from est_geo.store.columns import clear_cache, incident_columns

X0, Y0, STEP, SIDE = 564_800.0, 6_493_000.0, 10.0, 21
START = date(2025, 3, 1)
PERIODS = EvaluationPeriods(Period(date(2025, 1, 1), START), Period(START, date(2025, 4, 29)))
CATEGORIES = ("skadegorelse.klotter", "ordning.brak", "ordning.vald")


def _incidents(seed: int = 11) -> pd.DataFrame:
    """A 10 m lattice of incidents (21 × 21, on every edge through lattice points) and
    scattered ones up to ~2 km around it, over the first half of 2025."""
    rng = np.random.default_rng(seed)
    ix, iy = np.meshgrid(np.arange(SIDE), np.arange(SIDE))
    lattice_x, lattice_y = X0 + STEP * ix.ravel(), Y0 + STEP * iy.ravel()
    n_far = 600
    x = np.concatenate([lattice_x, X0 + 100 + rng.uniform(-2_000, 2_000, n_far)])
    y = np.concatenate([lattice_y, Y0 + 100 + rng.uniform(-2_000, 2_000, n_far)])
    n = x.size
    seconds = rng.integers(0, 180 * 86_400, n)
    seconds[::7] = (seconds[::7] // 86_400) * 86_400  # some at midnight
    return pd.DataFrame(
        {
            "x": x,
            "y": y,
            "occurred_at": pd.Timestamp("2025-01-01") + pd.to_timedelta(seconds, unit="s"),
            "has_time": rng.random(n) > 0.2,
            "category": rng.choice(CATEGORIES, n),
            "actor": rng.choice(("polis", "kommun"), n),
            "precision": "exact",
            "description": [f"l{i}" for i in range(n)],
            "source": "lattice",
            "source_id": [f"l{i}" for i in range(n)],
        }
    )


@pytest.fixture
def lattice(store: Store) -> Store:
    store.add_incidents(_incidents(), user="test")
    clear_cache()
    return store


def _vertex(i: int, j: int) -> tuple[float, float]:
    return X0 + STEP * i, Y0 + STEP * j


@st.composite
def lattice_polygons(draw: st.DrawFn) -> Polygon:
    """A box or a polygon with vertices on lattice incidents (edges through others)."""
    index = st.integers(0, SIDE - 1)
    if draw(st.booleans()):
        i0, i1 = sorted(draw(st.tuples(index, index)))
        j0, j1 = sorted(draw(st.tuples(index, index)))
        assume(i0 < i1 and j0 < j1)
        return box(*_vertex(i0, j0), *_vertex(i1, j1))
    corners = draw(st.lists(st.tuples(index, index), min_size=3, max_size=6, unique=True))
    shape = Polygon([_vertex(i, j) for i, j in corners])
    if not shape.is_valid:
        shape = shapely.convex_hull(shape)
    assume(isinstance(shape, Polygon) and shape.area > 0)
    return shape


_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _same_zone(a: ZoneProfile, b: ZoneProfile) -> None:
    assert (a.n, a.n_without_time, a.area_m2) == (b.n, b.n_without_time, b.area_m2)
    assert a.by_category == b.by_category
    pd.testing.assert_series_equal(a.monthly, b.monthly)
    assert a.matrix.tolist() == b.matrix.tolist()
    assert a.top_windows == b.top_windows


def _same(a: ScopeAnalysis, b: ScopeAnalysis) -> None:
    _same_zone(a.target, b.target)
    _same_zone(a.ring, b.ring)
    assert (a.period, a.trend_period, a.query) == (b.period, b.trend_period, b.query)


@_SETTINGS
@given(
    shape=lattice_polygons(),
    ring_m=st.sampled_from([10.0, 25.0, 200.0]),
    categories=st.none() | st.frozensets(st.sampled_from(CATEGORIES), min_size=1, max_size=2),
)
def test_scope_from_columns_equals_the_store(
    lattice: Store, shape: Polygon, ring_m: float, categories: frozenset[str] | None
) -> None:
    period = Period(date(2025, 3, 1), date(2025, 5, 1))
    by_store = analyse_scope(lattice, shape, period, ring_m=ring_m, categories=categories)
    columns = incident_columns(lattice)
    by_columns = analyse_scope(
        lattice, shape, period, ring_m=ring_m, categories=categories, columns=columns
    )
    _same(by_columns, by_store)


def _iv(geometry: Polygon) -> Intervention:
    return Intervention(
        name="Belysning",
        kind="belysning",
        status="pagar",
        owner_actor="kommun",
        start_date=START,
        end_date=None,
        geometry=geometry,
    )


@_SETTINGS
@given(
    shape=lattice_polygons(),
    buffer_m=st.sampled_from([10.0, 50.0, 200.0]),
    control=st.sampled_from([None, "T-OMR", "drawn"]),
)
def test_evaluation_from_columns_equals_the_store(
    lattice: Store, shape: Polygon, buffer_m: float, control: str | None
) -> None:
    """Same counts per zone (points on shared edges in the first zone only), same rings."""
    # A drawn control on lattice lines next to the target: it shares edges with the
    # buffer ring's lattice points and covers lattice points on its own boundary.
    drawn = box(*_vertex(0, 0), *_vertex(SIDE - 1, SIDE - 1)).buffer(
        buffer_m + 30, join_style="mitre"
    )
    chosen = drawn if control == "drawn" else control
    kwargs = {"periods": PERIODS, "buffer_m": buffer_m, "control": chosen}
    by_store = evaluate_intervention(lattice, _iv(shape), **kwargs)  # type: ignore[arg-type]
    by_columns = evaluate_intervention(
        lattice,
        _iv(shape),
        columns=incident_columns(lattice),
        **kwargs,  # type: ignore[arg-type]
    )
    assert by_columns.counts == by_store.counts
    assert by_columns.zones.rings == by_store.zones.rings
    assert by_columns.result == by_store.result
    assert by_columns.warnings == by_store.warnings


def test_columns_path_reads_no_incidents_from_the_store(
    lattice: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With columns, neither the scope analysis nor the evaluation queries incidents."""
    columns = incident_columns(lattice)
    expected_scope = analyse_scope(lattice, box(*_vertex(2, 2), *_vertex(9, 7)), PERIODS.after)
    expected_counts = evaluate_intervention(
        lattice, _iv(box(*_vertex(2, 2), *_vertex(9, 7))), periods=PERIODS
    ).counts

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the store was asked for incidents")

    for name in ("counts_within", "weekday_hour_profile", "incidents"):
        monkeypatch.setattr(lattice, name, refuse)
    shape = box(*_vertex(2, 2), *_vertex(9, 7))
    got = analyse_scope(lattice, shape, PERIODS.after, columns=columns)
    _same(got, expected_scope)
    ev = evaluate_intervention(lattice, _iv(shape), periods=PERIODS, columns=columns)
    assert ev.counts == expected_counts
    assert ev.counts.target_before + ev.counts.target_after > 0
