"""Weekday × hour profile and top time windows on constructed timestamps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from est_geo.core.errors import ValidationError
from est_geo.hotspots import (
    TimeWindow,
    format_window,
    top_time_windows,
    weekday_hour_matrix,
)

# 2024-03-04 is a Monday; 2024-03-08 a Friday; 2024-03-10 a Sunday.


def test_matrix_monday_first_and_hours() -> None:
    t = np.array(
        ["2024-03-04T00:30", "2024-03-08T21:15", "2024-03-10T23:59", "2024-03-09T00:05"],
        dtype="datetime64[m]",
    )
    prof = weekday_hour_matrix(t)
    assert prof.matrix.shape == (7, 24)
    assert prof.matrix[0, 0] == 1  # Monday 00
    assert prof.matrix[4, 21] == 1  # Friday 21
    assert prof.matrix[6, 23] == 1  # Sunday 23
    assert prof.matrix[5, 0] == 1  # Saturday 00
    assert prof.matrix.sum() == 4


def test_date_only_incidents_are_reported_not_put_at_midnight() -> None:
    t = np.array(["2024-03-04T00:00", "2024-03-05T13:00", "NaT"], dtype="datetime64[m]")
    prof = weekday_hour_matrix(t, has_time=np.array([False, True, True]))
    assert prof.matrix.sum() == 1
    assert prof.matrix[1, 13] == 1
    assert prof.matrix[0, 0] == 0
    assert (prof.n_total, prof.n_without_time, prof.n_invalid) == (3, 1, 1)
    assert list(prof.by_weekday) == [1, 1, 0, 0, 0, 0, 0]


def _at(day: str, hours: list[int], each: int) -> list[np.datetime64]:
    base = np.datetime64(day, "h")
    return [base + np.timedelta64(h, "h") for h in hours for _ in range(each)]


def test_top_window_wraps_midnight() -> None:
    # Friday 21–24 and Saturday 00–01 are busy: the best 4-hour window is fre 21 → lör 01.
    t = _at("2024-03-08", [21, 22, 23], 5) + _at("2024-03-09", [0], 5)
    t += _at("2024-03-05", [10], 3)  # a smaller Tuesday peak
    windows = top_time_windows(weekday_hour_matrix(np.array(t)), hours=4, n=2)
    assert windows[0] == TimeWindow(4, 21, 4, 20, 20 / 23)
    assert windows[0].label() == "fre–lör 21–01"
    assert windows[1].weekday == 1
    assert windows[1].count == 3
    assert windows[1].start_hour <= 10 < windows[1].start_hour + 4  # earliest tie start


def test_top_window_wraps_sunday_to_monday() -> None:
    t = _at("2024-03-10", [22, 23], 2) + _at("2024-03-11", [0, 1], 2)
    (w,) = top_time_windows(weekday_hour_matrix(np.array(t)), hours=4, n=3)
    assert (w.weekday, w.start_hour, w.count) == (6, 22, 8)
    assert w.label() == "sön–mån 22–02"


def test_windows_do_not_overlap_and_stop_when_empty() -> None:
    t = _at("2024-03-06", list(range(8, 20)), 1)
    windows = top_time_windows(weekday_hour_matrix(np.array(t)), hours=4, n=5)
    assert [w.start_hour for w in windows] == [8, 12, 16]  # 12 busy hours → 3 windows
    assert sum(w.count for w in windows) == 12


@pytest.mark.parametrize(
    ("window", "label"),
    [
        (TimeWindow(4, 18, 4, 1, 1.0), "fre 18–22"),
        (TimeWindow(4, 20, 4, 1, 1.0), "fre 20–24"),
        (TimeWindow(4, 21, 4, 1, 1.0), "fre–lör 21–01"),
        (TimeWindow(0, 0, 24, 1, 1.0), "mån 00–24"),
        (TimeWindow(6, 23, 1, 1, 1.0), "sön 23–24"),
        (TimeWindow(2, 7, 1, 1, 1.0), "ons 07–08"),
    ],
)
def test_swedish_labels(window: TimeWindow, label: str) -> None:
    assert format_window(window) == label


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(0, 167), min_size=1, max_size=60),
    st.integers(1, 12),
)
def test_best_window_is_the_brute_force_maximum(hours_of_week: list[int], length: int) -> None:
    weekly = np.bincount(hours_of_week, minlength=168)
    # Brute force over all 168 starts with explicit modular indexing.
    brute = max(sum(weekly[(s + i) % 168] for i in range(length)) for s in range(168))
    (best,) = top_time_windows(weekly.reshape(7, 24), hours=length, n=1)
    assert best.count == brute


def test_bad_arguments() -> None:
    with pytest.raises(ValidationError) as info:
        top_time_windows(np.zeros((7, 23)), hours=0, n=0)
    assert len(info.value.problems) == 3
    with pytest.raises(ValidationError):
        weekday_hour_matrix(np.array(["2024-03-04"], "datetime64[D]"), has_time=[1, 0])
