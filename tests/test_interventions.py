"""Interventions: drawings, checks, explicit repair, scope analysis, evaluation, writes.

Geometry tests use the small synthetic world of ``tests/conftest.py`` (kommun → område →
centrum, boxes in SWEREF 99 TM). Evaluation tests place incidents in known zones and
periods so every count is known by construction; the demo test checks the fictive
"Bommar Klockaretorpet centrum", generated with a drop in the target and slight
displacement to a 200 m ring (``est_geo/demo/_scenario.py``).
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon, box

from est_geo.access.roles import Role
from est_geo.core.crs import to_wgs84
from est_geo.core.errors import AnalysisError, NotFoundError, PermissionDeniedError, ValidationError
from est_geo.core.model import Intervention
from est_geo.core.periods import Period
from est_geo.demo.bootstrap import create_demo_database
from est_geo.interventions.drawing import (
    DEFAULT_RING_M,
    MAX_CONTROL_RING_M,
    Drawing,
    changed_geometries,
    check_drawing,
    geometry_to_wgs84,
    municipality_of,
    parse_drawings,
    parse_feature,
    repair,
    same_geometry,
    zoom_for_bounds,
)
from est_geo.interventions.evaluation import Counts, evaluate_counts
from est_geo.interventions.persistence import (
    delete_intervention,
    save_intervention,
    update_geometry,
)
from est_geo.interventions.scope import analyse_scope, ring_around, scope_of
from est_geo.interventions.table import InterventionFilter, filter_interventions, intervention_table
from est_geo.interventions.zones import (
    ControlRings,
    EvaluationPeriods,
    control_rings,
    default_periods,
    evaluate_intervention,
    evaluation_zones,
)
from est_geo.store import Store, create_store
from tests.conftest import CENTRUM, KOMMUN, OMRADE, small_areas, small_incidents

# --------------------------------------------------------------------------- helpers


def _feature(geom_3006: shapely.Geometry, **props: object) -> dict[str, object]:
    """A GeoJSON feature in WGS84 as Leaflet.draw sends it (full float precision)."""
    wgs = shapely.transform(geom_3006, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1])))
    return {"type": "Feature", "properties": props, "geometry": wgs.__geo_interface__}


def _iv(geometry: shapely.Geometry, **kw: object) -> Intervention:
    fields: dict[str, object] = {
        "name": "Bommar test",
        "kind": "bom",
        "status": "pagar",
        "owner_actor": "bostadsbolag",
        "start_date": date(2025, 3, 1),
        "end_date": None,
        "geometry": geometry,
    }
    fields.update(kw)
    return Intervention(**fields)  # type: ignore[arg-type]


BOWTIE = Polygon([(564850, 6493050), (564950, 6493150), (564950, 6493050), (564850, 6493150)])

# Points in each zone around CENTRUM (box 564800–565050 × 6493000–6493200) with a 200 m
# buffer: target inside the box, buffer 100 m north of it, control in the område's far
# corner, outside = in the kommun but outside the område.
TARGET_XY = (564_900.0, 6_493_100.0)
BUFFER_XY = (564_900.0, 6_493_300.0)
CONTROL_XY = (564_200.0, 6_492_700.0)
OUTSIDE_XY = (570_000.0, 6_495_000.0)
START = date(2025, 3, 1)
BEFORE = Period(date(2025, 1, 1), START)  # 59 days
AFTER = Period(START, START + timedelta(days=59))


def _incidents_at(xy: tuple[float, float], day: date, n: int, tag: str) -> pd.DataFrame:
    frame = small_incidents(n, start=day.isoformat()) if n else small_incidents(1).iloc[0:0]
    frame = frame.assign(
        x=xy[0],
        y=xy[1],
        occurred_at=pd.date_range(f"{day.isoformat()} 20:00", periods=n, freq="h"),
        source_id=[f"{tag}-{i}" for i in range(n)],
    )
    return frame


def _fill(store: Store, counts: dict[str, int]) -> None:
    """Put ``counts['target_before']`` … incidents in the matching zone and period."""
    places = {"target": TARGET_XY, "buffer": BUFFER_XY, "control": CONTROL_XY}
    days = {"before": date(2025, 1, 10), "after": date(2025, 3, 10)}
    frames = [
        _incidents_at(places[zone], days[when], counts[f"{zone}_{when}"], f"{zone}-{when}")
        for zone in places
        for when in days
    ]
    frames.append(_incidents_at(OUTSIDE_XY, date(2025, 1, 10), 7, "outside"))
    store.add_incidents(pd.concat(frames, ignore_index=True), user="test")


@pytest.fixture
def square_store(store: Store) -> Store:
    return store


# --------------------------------------------------------------------------- drawings


def test_parse_feature_round_trips_to_store_crs_within_a_millimetre() -> None:
    feature = _feature(CENTRUM)
    drawing = parse_feature(feature)
    assert drawing.intervention_id is None
    assert drawing.shape_kind == "polygon"
    assert shapely.hausdorff_distance(drawing.geometry, CENTRUM) < 1e-3


def test_parse_feature_keeps_saved_id_and_kinds() -> None:
    line = LineString([(564_850, 6_493_050), (565_000, 6_493_150)])
    assert parse_feature(_feature(line, intervention_id=7)).intervention_id == 7
    assert parse_feature(_feature(line, intervention_id="8")).intervention_id == 8
    assert parse_feature(_feature(line)).shape_kind == "line"
    assert parse_feature(_feature(Point(564_900, 6_493_100))).shape_kind == "point"


def test_parse_drawings_reports_every_bad_feature_at_once() -> None:
    good = _feature(CENTRUM)
    bad_type = {"type": "Feature", "geometry": {"type": "GeometryCollection", "geometries": []}}
    no_geom = {"type": "Feature", "properties": {}}
    off_earth = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [500.0, 95.0]}}
    with pytest.raises(ValidationError) as err:
        parse_drawings([good, bad_type, no_geom, off_earth])
    assert [p.row for p in err.value.problems] == [2, 3, 4]
    assert parse_drawings(None) == []


def test_changed_geometries_splits_new_edited_deleted() -> None:
    stored = {1: CENTRUM, 2: box(564_100, 6_492_600, 564_200, 6_492_700), 3: BOWTIE.buffer(0)}
    # Saved shapes come back from the browser through 7-decimal WGS84: still "the same".
    same_1 = parse_feature(
        {"type": "Feature", "properties": {"intervention_id": 1},
         "geometry": geometry_to_wgs84(CENTRUM).__geo_interface__}
    )  # fmt: skip
    moved = Polygon([(564_800, 6_493_000), (565_050, 6_493_000), (565_050, 6_493_260),
                     (564_800, 6_493_200)])  # fmt: skip
    edited_2 = Drawing(moved, 2)
    new = Drawing(Point(564_900, 6_493_100))
    new_list, edited, deleted = changed_geometries([same_1, edited_2, new], stored)
    assert new_list == [new]
    assert list(edited) == [2]
    assert deleted == [3]
    assert same_geometry(same_1.geometry, CENTRUM)
    assert not same_geometry(moved, CENTRUM)


# --------------------------------------------------------------------------- checks


def test_valid_drawing_has_no_issues() -> None:
    assert check_drawing(CENTRUM, municipality=KOMMUN) == []


def test_self_intersection_is_named_and_repairable_but_not_repaired() -> None:
    issues = check_drawing(BOWTIE, municipality=KOMMUN)
    assert [i.code for i in issues] == ["self_intersection"]
    assert issues[0].repairable
    assert "korsar sig själv" in issues[0].text() and "° N" in issues[0].text()
    english = issues[0].text("en")
    assert english.startswith("The area crosses itself (near ") and "° N" in english
    assert issues[0].text("sv") == str(issues[0].message)
    assert not BOWTIE.is_valid  # the check did not touch the drawing


def test_repair_only_on_request_gives_valid_area() -> None:
    fixed = repair(BOWTIE)
    assert fixed.is_valid and fixed.geom_type in {"Polygon", "MultiPolygon"}
    assert fixed.area == pytest.approx(5_000.0)  # two triangles, 100 m base × 50 m high
    assert repair(CENTRUM) is CENTRUM


def test_zero_area_and_zero_length() -> None:
    flat = Polygon([(564_900, 6_493_100), (564_950, 6_493_100), (565_000, 6_493_100)])
    assert "zero_area" in [i.code for i in check_drawing(flat)]
    dot = LineString([(564_900, 6_493_100), (564_900, 6_493_100)])
    assert [i.code for i in check_drawing(dot)] == ["zero_length"]


def test_outside_and_partly_outside_the_municipality() -> None:
    far = box(600_000, 6_600_000, 600_100, 6_600_100)
    assert [i.code for i in check_drawing(far, municipality=KOMMUN)] == ["outside_municipality"]
    edge = box(574_950, 6_499_950, 575_050, 6_500_050)
    codes = [i.code for i in check_drawing(edge, municipality=KOMMUN)]
    assert codes == ["partly_outside_municipality"]
    assert "utanför kommunen" in check_drawing(far, municipality=KOMMUN)[0].text()
    assert check_drawing(far, municipality=KOMMUN)[0].text("en") == (
        "The shape lies outside the municipality. Draw it within the municipal border."
    )
    assert municipality_of(small_areas()).equals(KOMMUN)


# --------------------------------------------------------------------------- scope


def test_scope_buffers_routes_and_points_only() -> None:
    line = LineString([(0, 0), (100, 0)])
    assert scope_of(line).area == pytest.approx(100 * 100 + np.pi * 50**2, rel=1e-2)
    assert scope_of(Point(0, 0), buffer_m=10).area == pytest.approx(np.pi * 100, rel=1e-2)
    assert scope_of(CENTRUM) is CENTRUM
    ring = ring_around(CENTRUM, 200)
    assert not ring.intersects(CENTRUM.buffer(-0.01))
    assert ring.area == pytest.approx(CENTRUM.buffer(200).area - CENTRUM.area)
    with pytest.raises(ValidationError):
        scope_of(line, buffer_m=0)


def test_scope_analysis_counts_categories_months_and_time_windows(store: Store) -> None:
    store.add_incidents(small_incidents(10, start="2025-01-06"), user="test")  # Mon 21:00…
    store.add_incidents(
        _incidents_at(BUFFER_XY, date(2025, 2, 3), 4, "ring"), user="test"
    )  # 4 in the ring, 20–23 h
    analysis = analyse_scope(store, CENTRUM, Period(date(2025, 1, 1), date(2025, 3, 1)))
    assert analysis.target.n == 10
    assert analysis.target.by_category == {"skadegorelse": 5, "ordning": 5}
    assert analysis.ring.n == 4
    assert int(analysis.target.matrix.sum()) == 10
    assert int(analysis.target.matrix[:, 21].sum()) == 10  # every one at 21:00
    assert analysis.target.monthly.loc["2025-01-01"] == 10
    assert analysis.target.monthly.sum() == 10
    assert analysis.target.top_windows[0].count >= 2
    assert analysis.target.top_windows_text().startswith("flest händelser ")
    assert analysis.ring_m == DEFAULT_RING_M
    assert "gånger så många" in analysis.ratio_text()
    assert analysis.target.top_windows_text("en").startswith("most incidents ")
    assert "times as many incidents per km²" in analysis.ratio_text("en")


# --------------------------------------------------------------------------- periods/zones


def test_default_periods_equal_lengths_and_implementation_gap() -> None:
    p = default_periods(START, data_range=(date(2024, 1, 1), date(2025, 6, 30)))
    assert p.before.days == p.after.days == (date(2025, 7, 1) - START).days
    assert p.before.end == START
    q = default_periods(
        START, data_range=(date(2024, 1, 1), date(2025, 6, 30)), implementation_days=30
    )
    assert q.after.start == START + timedelta(days=30)
    assert q.before.days == q.after.days and q.before.end == START
    short = default_periods(START, data_range=(date(2025, 2, 1), date(2025, 12, 31)))
    assert short.before.start == date(2025, 2, 1) and short.after.days == short.before.days
    ended = default_periods(
        START, data_range=(date(2024, 1, 1), date(2025, 12, 31)), end=date(2025, 3, 31)
    )
    assert ended.after.last_day == date(2025, 3, 31)


def test_default_periods_refuse_without_data_on_one_side() -> None:
    with pytest.raises(AnalysisError, match="inga uppgifter efter"):
        default_periods(date(2027, 1, 1), data_range=(date(2024, 1, 1), date(2026, 1, 1)))
    with pytest.raises(AnalysisError, match="före-period saknas"):
        default_periods(date(2024, 1, 1), data_range=(date(2024, 1, 1), date(2026, 1, 1)))


def test_zones_are_disjoint_with_the_omrade_as_control() -> None:
    zones = evaluation_zones(CENTRUM, small_areas(), buffer_m=200, control="T-OMR")
    assert zones.control_source == "area" and zones.control_code == "T-OMR"
    assert zones.buffer_control is None  # the control stands in for the buffer's
    assert zones.target.intersection(zones.buffer).area == pytest.approx(0, abs=1e-6)
    assert zones.control.intersection(zones.target.buffer(200)).area == pytest.approx(0, abs=1e-6)
    expected = OMRADE.area - CENTRUM.buffer(200).area
    assert zones.control.area == pytest.approx(expected, rel=1e-3)


def test_zones_control_choices() -> None:
    areas = small_areas()
    chosen = evaluation_zones(CENTRUM, areas, control="0581")
    assert chosen.control_source == "area" and chosen.control.area > OMRADE.area
    drawn = evaluation_zones(CENTRUM, areas, control=box(564_000, 6_492_500, 564_400, 6_492_900))
    assert drawn.control_source == "drawn" and drawn.control.area == pytest.approx(160_000)
    with pytest.raises(ValidationError, match="okänt område"):
        evaluation_zones(CENTRUM, areas, control="NOPE")


def test_control_rings_hold_as_many_crimes_as_target_and_buffer() -> None:
    # Before-period crimes east of CENTRUM (east edge x = 565 050): 4 at 195 m (in the
    # 200 m buffer), 6 at 245 m, 6 at 405 m, 30 at 2 000 m. Target had 5 before, buffer 8.
    xs = np.array([565_245.0] * 4 + [565_295.0] * 6 + [565_455.0] * 6 + [567_050.0] * 30)
    ys = np.full(len(xs), 6_493_100.0)
    rings = control_rings(CENTRUM, 200.0, xs, ys, target_before=5, buffer_before=8)
    # control: the 5th crime beyond 200 m is at 245 m; at least 50 m wide; up to 10 m:
    # 250 m. Buffer control: the 8th beyond 250 m is 30 at 2 000 m > 250 + 1 500: none.
    assert rings == ControlRings(250.0, 250.0 + MAX_CONTROL_RING_M, found=False)
    rings = control_rings(CENTRUM, 200.0, xs, ys, target_before=5, buffer_before=6)
    assert rings == ControlRings(250.0, 410.0, found=True)
    # a quiet target (0 before) still gets a ring of the minimum width
    quiet = control_rings(CENTRUM, 200.0, xs, ys, target_before=0, buffer_before=1)
    assert quiet.control_outer_m == 250.0


def test_widest_rings_warn_only_when_the_control_is_not_comparable() -> None:
    from est_geo.interventions.zones import _ring_zones, ring_warnings

    widest = _ring_zones(CENTRUM, 200.0, ControlRings(1700.0, 3200.0, found=False))
    assert widest.control_label == (
        "ring 200–1700 m runt åtgärden (buffertens kontroll: 1700–3200 m)"
    )
    assert widest.control_text("sv") == widest.control_label
    assert widest.control_text("en") == (
        "ring 200–1700 m around the intervention (the buffer's control: 1700–3200 m)"
    )
    # The 1M demo's "Bommar": the ring stopped at 1 500 m with 42 070 crimes against the
    # target's 42 521 — short of the aim, yet comparable (0.99): no warning.
    near = evaluate_counts(Counts(42_521, 37_583, 42_070, 44_148, 18_713, 22_064, 17_136, 19_441))
    assert ring_warnings(widest, near) == ()
    far = evaluate_counts(Counts(100, 90, 10, 12, 50, 40, 5, 6))  # 0.1x: not comparable
    assert "för få brott" in ring_warnings(widest, far)[0]
    (english,) = ring_warnings(widest, far, "en")
    assert english.startswith("Within 1500 m outside the buffer") and "brott" not in english
    found = _ring_zones(CENTRUM, 200.0, ControlRings(300.0, 710.0, found=True))
    assert ring_warnings(found, far) == ()  # the verdict explains; the rings were full


def test_default_control_rings_on_stored_data_are_comparable(store: Store) -> None:
    # Target 10 → 8, buffer 15 → 15; the ring beyond the buffer holds 10 → 10 at 295 m
    # from the target, the next ring 20 → 20 at 705 m. The default control then is the
    # 200–300 m ring (10 before = the target's 10), the buffer's control the 300–710 m
    # ring (20 before vs the buffer's 15): both comparable, so WDD is a finding.
    east = {"control": (565_345.0, 6_493_100.0), "buffer_control": (565_755.0, 6_493_100.0)}
    places = {"target": TARGET_XY, "buffer": BUFFER_XY, **east}
    wanted = {
        "target": (10, 8),
        "buffer": (15, 15),
        "control": (10, 10),
        "buffer_control": (20, 20),
    }
    frames = [
        _incidents_at(places[zone], day, n, f"{zone}-{day}")
        for zone, (nb, na) in wanted.items()
        for day, n in ((date(2025, 1, 10), nb), (date(2025, 3, 10), na))
    ]
    store.add_incidents(pd.concat(frames, ignore_index=True), user="test")
    ev = evaluate_intervention(store, _iv(CENTRUM), periods=EvaluationPeriods(BEFORE, AFTER))
    assert ev.zones.control_source == "ring"
    assert ev.zones.rings == ControlRings(300.0, 710.0, found=True)
    assert ev.counts == Counts(10, 8, 10, 10, 15, 15, 20, 20)
    assert ev.result.control_comparable and ev.result.buffer_control_comparable
    assert not ev.result.buffer_control_from_control
    assert ev.to_dict()["areas"]["control_ring_m"] == [200.0, 300.0]
    assert ev.warnings == ()
    from est_geo.interventions.charts import evaluation_figure

    labels = dict.fromkeys(["title", "target", "buffer", "control", "before", "after", "y"], "")
    labels.update(target="R", buffer="D", control="C", buffer_control="DC")
    bars = evaluation_figure(ev, labels).data
    assert list(bars[0].x) == ["R", "D", "C", "DC"]  # the buffer's own control is drawn
    assert (list(bars[0].y), list(bars[1].y)) == ([10, 15, 10, 20], [8, 15, 10, 20])


# --------------------------------------------------------------------------- evaluation


def test_stored_evaluation_counts_every_zone_exactly(store: Store) -> None:
    counts = {
        "target_before": 30, "target_after": 12,
        "buffer_before": 10, "buffer_after": 14,
        "control_before": 25, "control_after": 24,
    }  # fmt: skip
    _fill(store, counts)
    iv = _iv(CENTRUM)
    ev = evaluate_intervention(store, iv, periods=EvaluationPeriods(BEFORE, AFTER), control="T-OMR")
    assert ev.counts == Counts(**counts)  # outside incidents are in no zone
    assert ev.result == evaluate_counts(Counts(**counts))
    assert ev.result.wdd_local == (12 - 30) - (24 - 25)
    data = ev.to_dict()
    assert data["periods"]["before_from"] == "2025-01-01"
    assert data["periods"]["after_to"] == AFTER.last_day.isoformat()
    assert data["areas"]["control_code"] == "T-OMR"
    assert data["wdd"] == ev.result.wdd


def test_a_report_on_the_target_edge_counts_once_in_the_target(store: Store) -> None:
    # CENTRUM is the box 564800–565050 × 6493000–6493200: (564 900, 6 493 200) lies on its
    # north edge, which is also the inner edge of the buffer ring. Boundary included,
    # first zone wins: 3 in the target, none in the buffer, none lost.
    edge = _incidents_at((564_900.0, 6_493_200.0), date(2025, 1, 10), 3, "edge")
    store.add_incidents(edge, user="test")
    ev = evaluate_intervention(
        store, _iv(CENTRUM), periods=EvaluationPeriods(BEFORE, AFTER), control="T-OMR"
    )
    assert (ev.counts.target_before, ev.counts.buffer_before, ev.counts.control_before) == (
        3,
        0,
        0,
    )


def test_default_periods_used_on_stored_data(store: Store) -> None:
    counts = dict.fromkeys(
        [f"{z}_{w}" for z in ("target", "buffer", "control") for w in ("before", "after")], 6
    )
    _fill(store, counts)
    ev = evaluate_intervention(store, _iv(CENTRUM), control="T-OMR")
    assert ev.periods.before.days == ev.periods.after.days
    assert ev.periods.before.end == START


def test_evaluation_refuses_overlapping_periods_and_missing_start(store: Store) -> None:
    with pytest.raises(ValidationError, match="före-perioden"):
        evaluate_intervention(store, _iv(CENTRUM), periods=EvaluationPeriods(AFTER, BEFORE))
    with pytest.raises(AnalysisError, match="startdatum"):
        evaluate_intervention(store, _iv(CENTRUM, start_date=None))


_COUNT = st.integers(min_value=0, max_value=25)


def _stored_eval(counts: dict[str, int]) -> Counts:
    with tempfile.TemporaryDirectory() as tmp:
        s = create_store(str(Path(tmp) / "p.gpkg"))
        s.add_areas(small_areas(), user="test")
        _fill(s, counts)
        return evaluate_intervention(
            s, _iv(CENTRUM), periods=EvaluationPeriods(BEFORE, AFTER), control="T-OMR"
        ).counts


@settings(max_examples=12, deadline=None)
@given(rb=_COUNT, ra=_COUNT, db=_COUNT, da=_COUNT, cb=_COUNT, ca=_COUNT)
def test_swapping_before_and_after_in_stored_data_flips_wdd(
    rb: int, ra: int, db: int, da: int, cb: int, ca: int
) -> None:
    forward = {"target_before": rb, "target_after": ra, "buffer_before": db,
               "buffer_after": da, "control_before": cb, "control_after": ca}  # fmt: skip
    backward = {"target_before": ra, "target_after": rb, "buffer_before": da,
                "buffer_after": db, "control_before": ca, "control_after": cb}  # fmt: skip
    a = evaluate_counts(_stored_eval(forward))
    b = evaluate_counts(_stored_eval(backward))
    assert b.wdd == -a.wdd
    assert b.wdd_local == -a.wdd_local
    assert b.wdd_se == pytest.approx(a.wdd_se)


@settings(max_examples=10, deadline=None)
@given(before=st.integers(1, 25), after=st.integers(1, 25), buf=st.integers(0, 10))
def test_control_moving_like_target_in_stored_data_gives_no_effect(
    before: int, after: int, buf: int
) -> None:
    counts = {"target_before": before, "target_after": after, "control_before": before,
              "control_after": after, "buffer_before": buf, "buffer_after": buf}  # fmt: skip
    result = evaluate_counts(_stored_eval(counts))
    assert result.wdd_local == 0
    assert result.wdd_displacement == -(after - before)  # buffer flat, control moved
    assert result.res == pytest.approx(1.0)
    assert result.net_effect == pytest.approx(0.0, abs=1e-9)


# --------------------------------------------------------------------------- writes


def test_writes_check_role_before_touching_the_store(store: Store) -> None:
    with pytest.raises(PermissionDeniedError):
        save_intervention(store, _iv(CENTRUM), role=Role.MEDLEM, user="m")
    assert len(store.interventions()) == 0
    new_id = save_intervention(store, _iv(CENTRUM), role=Role.ANALYTIKER, user="ana")
    with pytest.raises(PermissionDeniedError):
        delete_intervention(store, new_id, role=Role.PUBLIC, user="p")
    with pytest.raises(PermissionDeniedError):
        update_geometry(store, new_id, OMRADE, role=Role.MEDLEM, user="m")
    assert store.get_intervention(new_id).geometry.equals(CENTRUM)


def test_save_update_delete_are_audited_and_broken_shapes_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="korsar sig själv"):
        save_intervention(store, _iv(BOWTIE), role=Role.ANALYTIKER, user="ana")
    with pytest.raises(ValidationError, match="utanför kommunen"):
        save_intervention(
            store, _iv(box(600_000, 6_600_000, 600_100, 6_600_100)), role=Role.ADMIN, user="a"
        )
    new_id = save_intervention(store, _iv(repair(BOWTIE)), role=Role.ANALYTIKER, user="ana")
    update_geometry(store, new_id, CENTRUM, role=Role.ANALYTIKER, user="ana")
    assert store.get_intervention(new_id).geometry.equals(CENTRUM)
    delete_intervention(store, new_id, role=Role.ANALYTIKER, user="ana")
    with pytest.raises(NotFoundError):
        store.get_intervention(new_id)
    log = store.audit_log(limit=10)
    mine = log[log["user"] == "ana"]
    assert len(mine) == 3
    assert set(mine.iloc[:, :].astype(str).to_numpy().ravel()) >= {"ana"}


def test_table_and_filters(store: Store) -> None:
    save_intervention(store, _iv(CENTRUM), role=Role.ADMIN, user="a")
    save_intervention(
        store,
        _iv(
            LineString([(570_000, 6_495_000), (570_200, 6_495_000)]),
            name="Rond", kind="vaktarrondering", status="avslutad",
            start_date=date(2024, 1, 1), end_date=date(2024, 6, 30), buffer_m=50.0,
        ),
        role=Role.ADMIN,
        user="a",
    )  # fmt: skip
    table = intervention_table(store.interventions(), store.areas())
    assert list(table["area"]) == ["Testområdet", ""]
    assert (
        len(filter_interventions(table, InterventionFilter(areas=frozenset({"Testområdet"})))) == 1
    )
    assert len(filter_interventions(table, InterventionFilter(kinds=frozenset({"bom"})))) == 1
    in_2025 = InterventionFilter(period=Period(date(2025, 4, 1), date(2025, 5, 1)))
    assert list(filter_interventions(table, in_2025)["name"]) == ["Bommar test"]
    assert len(filter_interventions(table, InterventionFilter())) == 2


def test_zoom_for_bounds_is_street_level_for_a_block() -> None:
    (s, w), (n, e) = ((58.58, 16.20), (58.582, 16.205))
    assert 15 <= zoom_for_bounds(((s, w), (n, e))) <= 18
    assert zoom_for_bounds(((55.0, 11.0), (69.0, 24.0))) <= 6


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("demo-iv") / "demo.gpkg"
    return create_demo_database(str(path), end_date=date(2026, 11, 1))


def _by_name(store: Store, name: str) -> Intervention:
    ivs = store.interventions()
    return store.get_intervention(int(ivs.loc[ivs["name"] == name, "id"].iloc[0]))


def test_demo_bommar_shows_a_drop_with_slight_displacement(demo_store: Store) -> None:
    iv = _by_name(demo_store, "Bommar Klockaretorpet centrum")
    ev = evaluate_intervention(demo_store, iv)
    r = ev.result
    assert ev.zones.control_source == "ring"
    assert r.target_after < r.target_before
    assert r.wdd_local < 0 and r.gross_effect is not None and r.gross_effect < 0
    assert r.net_effect is not None and r.net_effect < 0
    assert r.buffer_after > r.buffer_before  # the demo's 12 % displacement to the ring
    assert r.verdict_sv.startswith("I målområdet minskade antalet brott")
    assert r.control_comparable  # the default ring holds about the target's crimes
    # On the categories the barriers target, the drop is clear (significant WDD).
    targeted = frozenset({"ordning.olovlig_trafik", "samling.utomhus", "ordning.narkotika"})
    focused = evaluate_intervention(demo_store, iv, categories=targeted).result
    assert focused.wdd_local < 0 and focused.wdd_local_ci_high < 0


def test_demo_scope_analysis_finds_evening_windows(demo_store: Store) -> None:
    iv = _by_name(demo_store, "Bommar Klockaretorpet centrum")
    analysis = analyse_scope(demo_store, iv.geometry, Period(date(2025, 11, 1), date(2026, 11, 2)))
    assert analysis.target.n > 100
    assert analysis.target.per_km2 > analysis.ring.per_km2
    first = analysis.target.top_windows[0]
    assert first.start_hour >= 18 or first.start_hour <= 2  # evenings/nights, as generated


def test_demo_planned_intervention_cannot_be_evaluated_yet(demo_store: Store) -> None:
    iv = _by_name(demo_store, "Kamerabevakning Navestad torg")
    with pytest.raises(AnalysisError, match="kan inte utvärderas ännu"):
        evaluate_intervention(demo_store, iv)


def test_demo_all_saved_shapes_survive_the_browser_round_trip(demo_store: Store) -> None:
    for iv_id in demo_store.interventions()["id"]:
        iv = demo_store.get_intervention(int(iv_id))
        back = parse_feature(
            {"type": "Feature", "properties": {"intervention_id": int(iv_id)},
             "geometry": geometry_to_wgs84(iv.geometry).__geo_interface__}
        )  # fmt: skip
        assert back.intervention_id == iv.id
        assert same_geometry(back.geometry, iv.geometry), iv.name


def test_datetime_helper_is_not_needed_for_naive_times() -> None:
    # Guards the assumption that store times are naive local datetimes (no tz juggling).
    assert pd.Timestamp(datetime(2025, 1, 1, 21)).tz is None
