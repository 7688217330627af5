"""Tests of the synthetic Norrköping demo data: contract, determinism and realistic structure.

The structure checks (concentration, time of day, intervention effect) guard the reason
the demo exists: the app's hot-spot, trend and evaluation views must have something real
to show.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time

import numpy as np
import pandas as pd
import pytest
import shapely

from est_geo.core.model import (
    DEFAULT_INDICATORS,
    STORE_EPSG,
    Actor,
    AreaLevel,
    CategoryTree,
    InterventionKind,
    InterventionStatus,
    LocationPrecision,
)
from est_geo.demo.generate import DemoData, generate_demo

END = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def demo() -> DemoData:
    return generate_demo(seed=2017, end_date=END)


def _area(demo: DemoData, code: str) -> shapely.Geometry:
    return demo.areas.set_index("code").geometry[code]


def _leaf_keys() -> set[str]:
    tree = CategoryTree.default()
    return {c.key for c in tree.categories if not tree.children(c.key)}


# --- contract -------------------------------------------------------------------------


def test_columns_and_types_follow_the_contract(demo: DemoData) -> None:
    assert list(demo.areas.columns) == ["code", "name", "level", "parent_code", "geometry"]
    assert list(demo.incidents.columns) == [
        "x", "y", "occurred_at", "has_time", "category", "actor", "precision",
        "description", "source", "source_id",
    ]  # fmt: skip
    assert list(demo.interventions.columns) == [
        "name", "kind", "status", "owner_actor", "start_date", "end_date", "description",
        "public", "cost", "buffer_m", "geometry",
    ]  # fmt: skip
    assert list(demo.indicator_values.columns) == [
        "indicator_key", "area_code", "period", "value", "n",
    ]  # fmt: skip
    inc = demo.incidents
    assert inc["x"].dtype == np.float64
    assert inc["y"].dtype == np.float64
    assert inc["occurred_at"].dtype == np.dtype("datetime64[ns]")
    assert inc["has_time"].dtype == np.bool_
    assert demo.areas.crs.to_epsg() == STORE_EPSG
    assert demo.interventions.crs.to_epsg() == STORE_EPSG
    assert demo.end_date == END
    assert demo.seed == 2017


def test_incident_values_are_valid(demo: DemoData) -> None:
    inc = demo.incidents
    assert len(inc) == 20_000
    assert set(inc["category"]) <= _leaf_keys()
    assert set(inc["actor"]) <= {a.value for a in Actor}
    assert set(inc["precision"]) <= {p.value for p in LocationPrecision}
    assert (inc["source"] == "demo").all()
    assert inc["source_id"].is_unique
    assert inc["source_id"].iloc[0] == "demo-000001"
    assert inc["occurred_at"].is_monotonic_increasing
    assert inc["occurred_at"].max() < pd.Timestamp(END + dt.timedelta(days=1))
    assert inc["occurred_at"].min() >= pd.Timestamp(END) - pd.DateOffset(years=3)


def test_precision_is_mostly_exact_or_address(demo: DemoData) -> None:
    share = demo.incidents["precision"].isin(["exact", "address"]).mean()
    assert share > 0.8


def test_date_only_rows_are_a_small_share_at_midnight(demo: DemoData) -> None:
    inc = demo.incidents
    date_only = inc[~inc["has_time"]]
    assert 0.03 < len(date_only) / len(inc) < 0.07
    assert (date_only["occurred_at"] == date_only["occurred_at"].dt.normalize()).all()


def test_descriptions_are_a_minority_of_short_texts(demo: DemoData) -> None:
    desc = demo.incidents["description"]
    assert 0.05 < desc.notna().mean() < 0.25
    texts = desc.dropna()
    assert all(isinstance(t, str) and 0 < len(t) <= 80 for t in texts.unique())
    assert all(d is None for d in desc[desc.isna()])


@pytest.mark.parametrize("n", [0, 1, 1234])
def test_incident_count_is_exact(n: int) -> None:
    inc = generate_demo(seed=5, n_incidents=n, end_date=END).incidents
    assert len(inc) == n
    assert inc["source_id"].is_unique


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="n_incidents"):
        generate_demo(n_incidents=-1, end_date=END)


def test_default_end_date_is_today() -> None:
    assert generate_demo(n_incidents=10).end_date == dt.date.today()


# --- determinism ----------------------------------------------------------------------


def test_same_seed_and_end_date_give_identical_frames(demo: DemoData) -> None:
    again = generate_demo(seed=2017, end_date=END)
    pd.testing.assert_frame_equal(demo.incidents, again.incidents)
    pd.testing.assert_frame_equal(demo.indicator_values, again.indicator_values)
    pd.testing.assert_frame_equal(demo.areas, again.areas)
    pd.testing.assert_frame_equal(demo.interventions, again.interventions)


def test_different_seed_gives_different_incidents(demo: DemoData) -> None:
    other = generate_demo(seed=2018, end_date=END)
    assert len(other.incidents) == len(demo.incidents)
    assert not demo.incidents["x"].equals(other.incidents["x"])
    assert not demo.indicator_values["value"].equals(other.indicator_values["value"])


# --- areas ----------------------------------------------------------------------------


def test_areas_are_valid_and_nested(demo: DemoData) -> None:
    areas = demo.areas
    assert areas["code"].is_unique
    assert areas.is_valid.all()
    assert set(areas["level"]) == {"kommun", "omrade", "delomrade"}
    assert set(areas["level"]) <= {lvl.value for lvl in AreaLevel}
    kommun = areas[areas["level"] == "kommun"]
    assert list(kommun["code"]) == ["0581"]
    assert kommun["parent_code"].iloc[0] is None
    by_code = areas.set_index("code")
    for row in areas[areas["parent_code"].notna()].itertuples():
        assert by_code.geometry[row.parent_code].contains(row.geometry), row.code
    names = set(areas["name"])
    for name in ("Klockaretorpet", "Navestad", "Hageby", "Ljura", "Marielund", "Vilbergen"):
        assert name in names


def test_omraden_do_not_overlap_and_are_plausible_sizes(demo: DemoData) -> None:
    om = demo.areas[demo.areas["level"] == "omrade"]
    for (a, ga), (b, gb) in itertools.combinations(zip(om["code"], om.geometry, strict=True), 2):
        assert ga.intersection(gb).area == 0, (a, b)
    km2 = om.geometry.area / 1e6
    assert ((km2 > 0.5) & (km2 < 3.0)).all()


def test_centrum_lies_inside_klockaretorpet(demo: DemoData) -> None:
    centrum = _area(demo, "NKP-KLO-C")
    assert _area(demo, "NKP-KLO").contains(centrum)
    assert 0.03 < centrum.area / 1e6 < 0.08  # about 250 × 200 m


def test_reference_points_lie_in_their_areas(demo: DemoData) -> None:
    # Lantmäteriet place-name points (SWEREF 99 TM) and the police's representative points.
    points = {
        "NKP-KLO": (564892, 6493160),
        "NKP-NAV": (570704, 6491969),
        "NKP-HAG": (570000, 6493043),
        "NKP-LJU": (569982, 6493971),
        "NKP-MAR": (567876, 6495429),
        "NKP-INN": (568234, 6495120),
    }
    for code, (x, y) in points.items():
        assert _area(demo, code).contains(shapely.Point(x, y)), code


# --- spatial structure ----------------------------------------------------------------


def test_all_points_inside_the_kommun_most_in_omraden(demo: DemoData) -> None:
    x = demo.incidents["x"].to_numpy()
    y = demo.incidents["y"].to_numpy()
    assert shapely.contains_xy(_area(demo, "0581"), x, y).all()
    om = demo.areas[demo.areas["level"] == "omrade"]
    in_om = np.zeros(x.size, dtype=bool)
    for geom in om.geometry:
        in_om |= shapely.contains_xy(geom, x, y)
    assert in_om.mean() > 0.8


def test_incidents_concentrate_in_few_micro_places(demo: DemoData) -> None:
    inc = demo.incidents
    cells = (inc["x"] // 100).astype(np.int64) * 10_000_000 + (inc["y"] // 100).astype(np.int64)
    counts = cells.value_counts()  # descending
    top = max(1, round(len(counts) * 0.01))
    assert counts.iloc[:top].sum() / len(inc) >= 0.15


# --- temporal structure ---------------------------------------------------------------


def test_evening_and_night_outweigh_morning(demo: DemoData) -> None:
    hours = demo.incidents.loc[demo.incidents["has_time"], "occurred_at"].dt.hour
    evening = hours.isin([18, 19, 20, 21, 22, 23, 0, 1]).mean()
    morning = hours.isin(range(6, 14)).mean()
    assert evening > morning


def test_weekend_gatherings_and_summer_outdoor_peaks(demo: DemoData) -> None:
    inc = demo.incidents
    samling = inc[inc["category"] == "samling.utomhus"]["occurred_at"]
    assert samling.dt.day_of_week.isin([4, 5]).mean() > 2 / 7
    summer = samling.dt.month.isin([6, 7, 8]).mean()
    winter = samling.dt.month.isin([12, 1, 2]).mean()
    assert summer > 1.5 * winter


def test_fireworks_spike_around_new_year(demo: DemoData) -> None:
    brand = demo.incidents.loc[demo.incidents["category"] == "skadegorelse.brand", "occurred_at"]
    day = brand.dt.strftime("%m-%d")
    new_year = day.isin(["12-31", "01-01"]).sum()
    assert new_year / 2 > 3 * len(brand) / 1096  # per day, vs the average day


def test_no_time_in_the_spring_forward_gap(demo: DemoData) -> None:
    ts = demo.incidents["occurred_at"]
    local = ts.dt.tz_localize("Europe/Stockholm", nonexistent="NaT", ambiguous=True)
    assert local.notna().all()


# --- interventions --------------------------------------------------------------------


def test_interventions_are_valid(demo: DemoData) -> None:
    iv = demo.interventions
    assert set(iv["kind"]) <= {k.value for k in InterventionKind}
    assert set(iv["status"]) <= {s.value for s in InterventionStatus}
    assert set(iv["owner_actor"]) <= {a.value for a in Actor}
    assert set(iv["status"]) == {"planerad", "pagar", "avslutad"}
    assert set(iv["public"]) == {True, False}
    assert iv.is_valid.all()
    for row in iv.itertuples():
        assert isinstance(row.start_date, dt.date)
        assert row.end_date is None or row.end_date > row.start_date
        assert row.cost is None or isinstance(row.cost, float)
        if row.status == "planerad":
            assert row.start_date > END
        elif row.status == "avslutad":
            assert row.end_date is not None
            assert row.end_date <= END
        else:
            assert row.start_date <= END
            assert row.end_date is None or row.end_date > END
    route = iv[iv["kind"] == "vaktarrondering"].iloc[0]
    assert route.geometry.geom_type == "LineString"
    assert route["buffer_m"] == 50.0


def test_barriers_cut_traffic_and_gatherings_in_the_centrum(demo: DemoData) -> None:
    """Control-normalised before/after in the 12 months around the bommar's start."""
    inc = demo.incidents
    bom = demo.interventions.set_index("name").loc["Bommar Klockaretorpet centrum"]
    start = pd.Timestamp(bom["start_date"])
    assert pd.Timestamp(END) - start > pd.Timedelta(days=365)
    rel = inc[inc["category"].isin(["ordning.olovlig_trafik", "samling.utomhus"])]
    centrum = _area(demo, "NKP-KLO-C")
    x, y = rel["x"].to_numpy(), rel["y"].to_numpy()
    in_r = shapely.contains_xy(centrum, x, y)
    in_c = ~shapely.contains_xy(centrum.buffer(200), x, y)
    t = rel["occurred_at"]
    year = pd.DateOffset(months=12)
    before = ((t >= start - year) & (t < start)).to_numpy()
    after = ((t >= start) & (t < start + year)).to_numpy()
    rb, ra = (in_r & before).sum(), (in_r & after).sum()
    cb, ca = (in_c & before).sum(), (in_c & after).sum()
    assert rb > 100
    relative = (ra / ca) / (rb / cb)
    assert relative <= 0.75, f"centrum fell only to {relative:.2f} of its control-normalised level"


# --- indicators -----------------------------------------------------------------------


def test_indicator_values(demo: DemoData) -> None:
    iv = demo.indicator_values
    known = {d.key for d in DEFAULT_INDICATORS}
    assert set(iv["indicator_key"]) <= known
    assert {"befolkning", "trygghetsindex", "kundnojdhet", "foreningsaktiva_barn"} <= set(
        iv["indicator_key"]
    )
    assert set(iv["area_code"]) <= set(demo.areas["code"])
    assert set(iv["period"]) == {"2022", "2023", "2024", "2025"}
    assert iv["value"].dtype == np.float64
    assert not iv.duplicated(["indicator_key", "area_code", "period"]).any()
    pop = iv[iv["indicator_key"] == "befolkning"]
    assert all(n is None for n in pop["n"])
    assert all(isinstance(n, float) for n in iv.loc[iv["indicator_key"] != "befolkning", "n"])
    tr = iv[iv["indicator_key"] == "trygghetsindex"]
    assert tr["value"].between(0, 6).all()
    assert (tr["n"] < 30).any()  # a small-area case for the warnings
    klo = tr[tr["area_code"] == "NKP-KLO"].sort_values("period")["value"]
    assert klo.iloc[-1] < klo.iloc[0]  # improving (lower = fewer problems)
    vulnerable = tr[tr["area_code"].isin(["NKP-NAV", "NKP-HAG"])]["value"].mean()
    calm = tr[tr["area_code"].isin(["NKP-MAR", "NKP-LJU"])]["value"].mean()
    assert vulnerable > calm
    nki = iv[iv["indicator_key"] == "kundnojdhet"]["value"]
    assert nki.between(0, 100).all()


# --- scale ----------------------------------------------------------------------------


@pytest.mark.slow
def test_one_million_incidents_in_reasonable_time() -> None:
    t0 = time.perf_counter()
    data = generate_demo(seed=1, n_incidents=1_000_000, end_date=END)
    seconds = time.perf_counter() - t0
    print(f"generate_demo(n_incidents=1_000_000): {seconds:.1f} s")
    assert len(data.incidents) == 1_000_000
    assert data.incidents["source_id"].is_unique
    assert seconds < 30


def test_demo_database_has_a_current_handlingsplan_and_an_agenda(tmp_path: object) -> None:
    """Meeting material is dated from the demo's end and links to real demo rows."""
    from pathlib import Path

    from est_geo.core.views import SavedView
    from est_geo.demo.bootstrap import create_demo_database
    from est_geo.meeting.handlingsplan import filter_items
    from est_geo.store.meeting import MeetingStore

    end = dt.date(2026, 11, 23)
    store = create_demo_database(str(Path(str(tmp_path)) / "d.gpkg"), end_date=end, n_incidents=500)
    assert isinstance(store, MeetingStore)
    items = store.action_items()
    assert len(items) == 5
    interventions = set(store.interventions()["id"])
    assert {i.intervention_id for i in items if i.intervention_id} <= interventions
    assert any(i.shape_wkt for i in items)
    overdue = filter_items(items, today=end, overdue_only=True)
    assert [i.due_date for i in overdue] == [end - dt.timedelta(days=5)]
    (agenda,) = store.agendas()
    views = {v.id: v for v in store.saved_views()}
    steps: list[SavedView] = [views[i] for i in agenda.view_ids]
    assert [v.state.page for v in steps] == ["lagesbild", "hotspots", "lagesbild"]
    assert all(not v.problems() for v in steps)
    assert steps[0].state.period == "2026-11" and steps[2].state.period == "2026-Q3"
