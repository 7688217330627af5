"""Colour ramps and class breaks (hard-coded expected values on tiny inputs)."""

from __future__ import annotations

import pytest

from est_geo.maps import VIRIDIS, YLORRD, class_breaks, classify, ramp, range_labels


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
