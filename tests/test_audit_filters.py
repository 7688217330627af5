"""Admin audit filters (est_geo.access.audit): a date-range widget's value as bounds."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from est_geo.access.audit import date_bounds, filter_audit

D1, D2 = date(2026, 10, 1), date(2026, 10, 31)


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ((), (None, None)),  # untouched
        ((D1,), (D1, None)),  # second day not picked yet
        ((D1, D2), (D1, D2)),
        (D1, (None, None)),  # not a range: restricts nothing
        (None, (None, None)),
    ],
)
def test_date_bounds_of_a_range_widget(value: object, bounds: tuple[object, object]) -> None:
    assert date_bounds(value) == bounds


def test_bounds_filter_inclusive_days() -> None:
    log = pd.DataFrame(
        {
            "at": ["2026-09-30T23:59:59", "2026-10-01T00:00:00", "2026-10-31T23:59", "2026-11-01"],
            "user": ["a"] * 4,
            "entity": ["e"] * 4,
            "action": ["x"] * 4,
            "entity_id": [None] * 4,
            "before": [None] * 4,
            "after": [None] * 4,
        }
    )
    start, end = date_bounds((D1, D2))
    assert filter_audit(log, start=start, end=end)["at"].tolist() == log["at"][1:3].tolist()
    start, end = date_bounds((D1,))
    assert len(filter_audit(log, start=start, end=end)) == 3
