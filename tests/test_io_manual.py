"""Hand-entered incidents (est_geo.io.manual): coordinate parsing and the one-row import.

Reference points: 58.5876 N, 16.1824 E lies in Norrköping; SWEREF 99 TM E 568300,
N 6493100 is in the demo's Klockaretorpet. Conversions are checked against pyproj via
:func:`est_geo.core.crs.from_wgs84` (the same transformation the import path uses).
"""

from __future__ import annotations

from datetime import date, datetime, time

import numpy as np
import pytest

from est_geo.access.roles import Role
from est_geo.core.crs import from_wgs84
from est_geo.core.errors import PermissionDeniedError, ValidationError
from est_geo.io.manual import (
    COL_COORD,
    MANUAL_SOURCE,
    MAX_DESCRIPTION,
    CoordinateSystem,
    ManualReport,
    click_coordinate,
    parse_coordinate,
    plan_manual_report,
    preview_point,
    report_frame,
    save_manual_report,
)
from est_geo.store import IncidentQuery, Store

NOW = datetime(2026, 11, 1, 12, 0)
LAT, LON = 58.5876, 16.1824
X_REF, Y_REF = (float(v[0]) for v in from_wgs84(np.array([LON]), np.array([LAT])))
# Inside the test kommun of tests/conftest.py (box 560000–575000 × 6488000–6500000).
INSIDE = "6493100, 565000"


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("58.5876, 16.1824", "auto"),
        ("58,5876, 16,1824", "auto"),  # decimal commas, comma separator
        ("58,5876;16,1824", "auto"),
        ("16.1824 58.5876", "auto"),  # lon, lat: the ranges tell
        ("lat 58.5876 lon 16.1824", "auto"),
        ("58.5876, 16.1824", "wgs84"),
        ("16.1824, 58.5876", "wgs84"),
    ],
)
def test_wgs84_text_is_converted_to_sweref(text: str, system: str) -> None:
    p = parse_coordinate(text, system)
    assert p.epsg == 4326
    assert p.x == pytest.approx(X_REF, abs=0.01)
    assert p.y == pytest.approx(Y_REF, abs=0.01)
    assert (p.lat, p.lon) == pytest.approx((LAT, LON), abs=1e-9)


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("568300, 6493100", "auto"),  # E, N
        ("6493100, 568300", "auto"),  # N, E (the surveyors' order)
        ("N 6493100 E 568300", "auto"),
        ("568300 6493100", "sweref"),
        ("568300,5 6493100,25", "sweref"),
    ],
)
def test_sweref_text_is_kept(text: str, system: str) -> None:
    p = parse_coordinate(text, system)
    assert p.epsg == 3006
    assert round(p.x) == 568300
    assert round(p.y) == 6493100


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "saknas"),
        ("   ", "saknas"),
        ("Storgatan 5", "två tal"),
        ("58.5", "två tal"),
        ("1 2 3", "två tal"),
        ("58°35'N 16°10'E", "två tal"),
        ("1, 2", "passar varken"),  # auto: no Swedish system fits
        ("40.7, -74.0", "passar varken"),
    ],
)
def test_bad_coordinate_text_is_one_clear_problem(text: str, reason: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_coordinate(text, CoordinateSystem.AUTO)
    (problem,) = err.value.problems
    assert problem.field == COL_COORD
    assert reason in problem.reason


def test_explicit_system_converts_even_outside_sweden() -> None:
    # The import path, not the parser, reports "outside Sweden" for a given system.
    p = parse_coordinate("1, 2", CoordinateSystem.SWEREF)
    assert (p.x, p.y) == (1.0, 2.0)


def test_report_frame_is_one_text_row() -> None:
    r = ManualReport("", "ordning", "polis", date(2026, 10, 3), time(7, 5), "  hej ")
    frame = report_frame(r, parse_coordinate(INSIDE))
    assert len(frame) == 1
    assert frame.loc[0, "datum"] == "2026-10-03 07:05"
    assert frame.loc[0, "har_tid"] == "1"
    assert frame.loc[0, "beskrivning"] == "hej"
    assert frame.loc[0, "id"] == r.report_id
    date_only = report_frame(ManualReport("", "ordning", "polis", date(2026, 10, 3)), None)
    assert date_only.loc[0, "datum"] == "2026-10-03"
    assert date_only.loc[0, "har_tid"] == "0"
    assert date_only.loc[0, "östlig"] == ""


def test_valid_report_saves_one_row_once(store: Store) -> None:
    r = ManualReport(INSIDE, "skadegorelse.klotter", "bostadsbolag", date(2026, 10, 1),
                     time(21, 30), "Klotter <b>x</b> [l](http://x)")  # fmt: skip
    before = store.count_incidents()
    saved = save_manual_report(store, r, user="anna", role=Role.ANALYTIKER, now=NOW)
    assert saved.inserted
    assert saved.row["source"] == MANUAL_SOURCE
    assert saved.row["source_id"] == r.report_id
    assert saved.row["occurred_at"] == datetime(2026, 10, 1, 21, 30)
    assert saved.row["has_time"] is True
    assert store.count_incidents() == before + 1
    got = store.incidents(IncidentQuery(with_text=True))
    row = got[got["source_id"] == r.report_id].iloc[0]
    assert row["description"] == "Klotter <b>x</b> [l](http://x)"  # stored verbatim
    assert (round(row["x"]), round(row["y"])) == (565000, 6493100)
    again = save_manual_report(store, r, user="anna", role=Role.ANALYTIKER, now=NOW)
    assert not again.inserted  # a double click writes once
    assert store.count_incidents() == before + 1


def test_every_problem_is_reported_and_nothing_written(store: Store) -> None:
    r = ManualReport("abc", "finns_inte", "", date(2030, 1, 1), None, "x" * (MAX_DESCRIPTION + 1))
    before = store.count_incidents()
    checked = plan_manual_report(store, r, now=NOW)
    fields = sorted(p.field for p in checked.problems)
    assert fields == ["aktör", "beskrivning", "datum", "kategori", "koordinat"]
    assert all(p.row is None for p in checked.problems)
    with pytest.raises(ValidationError):
        save_manual_report(store, r, user="anna", role=Role.ANALYTIKER, now=NOW)
    assert store.count_incidents() == before


def test_point_outside_the_municipality_names_the_typed_coordinate(store: Store) -> None:
    r = ManualReport("59.33, 18.06", "ordning", "polis", date(2026, 10, 1))  # Stockholm
    (problem,) = plan_manual_report(store, r, now=NOW).problems
    assert problem.field == COL_COORD
    assert problem.value == "59.33, 18.06"
    assert "utanför kommunen" in problem.reason


def test_missing_date_is_reported(store: Store) -> None:
    r = ManualReport(INSIDE, "ordning", "polis", None)
    assert [p.reason for p in plan_manual_report(store, r, now=NOW).problems] == ["datum saknas"]


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.MEDLEM])
def test_roles_without_report_permission_cannot_save(store: Store, role: Role) -> None:
    r = ManualReport(INSIDE, "ordning", "polis", date(2026, 10, 1))
    before = store.count_incidents()
    with pytest.raises(PermissionDeniedError):
        save_manual_report(store, r, user="x", role=role, now=NOW)
    assert store.count_incidents() == before


@pytest.mark.parametrize("text", ["", "   ", "58.5", "58,58 16,18 17", "Storgatan 3"])
def test_preview_point_is_none_for_blank_or_unreadable_text(text: str) -> None:
    assert preview_point(text, CoordinateSystem.AUTO) is None


def test_preview_point_and_click_text_read_back_the_same_point() -> None:
    """A map click written into the field is read back as the clicked point."""
    text = click_coordinate(58.5876123, 16.1824987)
    assert text == "58.587612, 16.182499"
    point = preview_point(text, CoordinateSystem.AUTO)
    assert point is not None and point.epsg == 4326
    assert point.lat == pytest.approx(58.587612, abs=1e-9)
    assert point.lon == pytest.approx(16.182499, abs=1e-9)
