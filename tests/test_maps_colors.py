"""Colour ramps and class breaks (hard-coded expected values on tiny inputs)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from est_geo.maps import (
    VIRIDIS,
    YLORRD,
    class_breaks,
    class_ranges,
    classify,
    grouped_breaks,
    ramp,
    range_labels,
)


def test_ramp_spreads_over_the_palette_and_skips_the_lightest_end():
    assert ramp(9) == list(YLORRD)
    assert ramp(3) == ["#ffeda0", "#fd8d3c", "#800026"]  # indices 1, 4, 8
    assert ramp(1, VIRIDIS) == ["#21918c"]
    with pytest.raises(ValueError, match=r"1\.\.9"):
        ramp(10)


def test_class_breaks_are_data_values_and_increasing():
    # quantiles 0.2..1.0 of 1..10 with method "higher": 3, 5, 7, 9, 10
    assert class_breaks(range(1, 11), 5) == [3.0, 5.0, 7.0, 9.0, 10.0]
    assert class_breaks([1, 1, 1, 1, 8], 4) == [1.0, 8.0]  # ties collapse classes
    assert class_breaks([], 5) == []
    assert class_breaks([float("nan"), 2.0], 2) == [2.0]


def test_classify_uses_upper_inclusive_classes():
    breaks = [3.0, 5.0, 10.0]
    assert classify([1, 3, 4, 5, 10, 99], breaks, ["a", "b", "c"]) == ["a", "a", "b", "b", "c", "c"]
    with pytest.raises(ValueError, match="one colour per break"):
        classify([1], breaks, ["a"])
    with pytest.raises(ValueError, match="finite"):
        classify([float("inf")], breaks, ["a", "b", "c"])


def test_range_labels_for_counts_and_floats():
    assert range_labels([3, 5, 10], minimum=1) == ["1–3", "4–5", "6–10"]
    assert range_labels([1, 4], minimum=1) == ["1", "2–4"]
    assert range_labels([0.5, 1.5], minimum=-0.5, integer=False) == ["−0.5–0.5", "0.5–1.5"]


def test_palettes_are_valid_hex():
    for colour in YLORRD + VIRIDIS:
        assert len(colour) == 7
        int(colour[1:], 16)


def test_grouped_breaks_never_make_a_class_of_one_value():
    """Issue 15 item 4: the public legend showed a class "201". Few distinct values give
    fewer classes (expected values worked out by hand from the quantile breaks)."""
    assert range_labels(class_breaks([201, 201]), 201) == ["201"]  # the old legend
    assert grouped_breaks([201, 201, 201]) == [201.0]  # 1 distinct value: one class
    assert grouped_breaks([5, 201]) == [201.0]  # 2 distinct values: one class
    assert grouped_breaks([5, 10, 201]) == [201.0]  # 3: still one (two would leave one lone)
    assert grouped_breaks([5, 10, 15, 201]) == [10.0, 201.0]  # 4: two classes of two
    assert grouped_breaks([]) == []
    assert class_ranges([201.0]) == [(None, 201.0)]
    assert class_ranges([10.0, 20.0, 201.0]) == [(None, 10.0), (10.0, 20.0), (20.0, None)]


@given(st.lists(st.integers(min_value=0, max_value=60).map(lambda v: v * 5), max_size=60))
def test_grouped_breaks_classes_hold_two_values_and_their_words_are_true(values):
    breaks = grouped_breaks(values)
    distinct = sorted(set(values))
    if not values:
        assert breaks == []
        return
    assert breaks == sorted(set(breaks)) and breaks[-1] == max(values)
    assert len(breaks) <= 5
    colours = ramp(len(breaks))
    ranges = class_ranges(breaks)
    for value, colour in zip(values, classify(values, breaks, colours), strict=True):
        more_than, at_most = ranges[colours.index(colour)]
        assert more_than is None or value > more_than  # "mer än a" is true
        assert at_most is None or value <= at_most  # "upp till b" is true
    for i, colour in enumerate(colours):
        members = {
            v for v, c in zip(values, classify(values, breaks, colours), strict=True) if c == colour
        }
        assert len(members) >= 2 or len(distinct) == 1, (i, breaks)
