"""Charts of counts over time mark the periods still running (issue 13 item 4)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from est_geo.core.periods import incomplete_flags, is_incomplete, month_end
from est_geo.maps.charts import (
    PLOTLY_CONFIG,
    incomplete_line,
    incomplete_note,
    month_label,
    monthly_line,
)


def test_a_period_is_incomplete_until_its_last_day_is_over() -> None:
    today = date(2026, 12, 7)
    assert is_incomplete(date(2027, 1, 1), today=today)  # December 2026 is running
    assert is_incomplete(date(2026, 12, 8), today=today)  # a day ending with today
    assert not is_incomplete(date(2026, 12, 7), today=today)  # yesterday's last day is over
    assert not is_incomplete(date(2026, 12, 1), today=today)  # November
    assert incomplete_flags(
        [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)], today=today
    ) == [
        False,
        False,
        True,
    ]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 1)))
def test_month_end_is_the_first_of_the_next_month(day: date) -> None:
    start = day.replace(day=1)
    end = month_end(start)
    assert end.day == 1 and end > start and (end - start).days in {28, 29, 30, 31}


def test_the_note_says_which_period_is_running() -> None:
    assert incomplete_note("month").endswith("pågående månad, ofullständig.")
    assert incomplete_note("day", "en").endswith("day still running, incomplete.")


def test_the_note_names_only_the_mark_the_chart_draws() -> None:
    """A bar chart's note says nothing of a dashed line, a line chart's nothing of bars
    (Lägesbild's bars said "randig stapel eller streckad linje")."""
    for lang, bar_word, line_word in (("sv", "stapel", "linje"), ("en", "bar", "line")):
        bar = incomplete_note("week", lang, mark="bar")
        line = incomplete_note("month", lang, mark="line")
        assert bar_word in bar and line_word not in bar
        assert line_word in line and bar_word not in line


def test_swedish_axis_labels_and_locale() -> None:
    assert month_label(date(2026, 5, 1)) == "maj 2026"
    assert month_label(date(2026, 10, 1), "en") == "Oct 2026"
    assert (
        "locale" not in PLOTLY_CONFIG
    )  # Streamlit's plotly has no Swedish locale: labels are ours


def test_line_is_dashed_from_the_last_finished_period() -> None:
    traces = incomplete_line(
        ["2026-10", "2026-11", "2026-12"],
        [10.0, 12.0, 3.0],
        [False, False, True],
        name="Klockaretorpet",
        line={"width": 3},
        hover=incomplete_note("month"),
    )
    solid, dashed = traces
    assert list(solid.x) == ["2026-10", "2026-11"] and solid.line.dash is None
    assert list(dashed.x) == ["2026-11", "2026-12"] and list(dashed.y) == [12.0, 3.0]
    assert dashed.line.dash == "dash" and dashed.showlegend is False
    assert list(dashed.marker.symbol) == ["circle", "circle-open"]
    assert dashed.legendgroup == solid.legendgroup == "Klockaretorpet"


def test_line_without_running_periods_is_one_solid_trace() -> None:
    (only,) = incomplete_line(
        ["2024", "2025"], [1.0, 2.0], [False, False], name="a", line={}, hover=""
    )
    assert list(only.x) == ["2024", "2025"]


def test_running_periods_must_come_last() -> None:
    with pytest.raises(ValueError, match="must come last"):
        incomplete_line(["a", "b"], [1.0, 2.0], [True, False], name="a", line={}, hover="")


def test_monthly_line_has_swedish_months_and_dashes_the_running_one() -> None:

    months = [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
    fig, running = monthly_line(
        months, [5, 7, 2], today=date(2026, 12, 7), name="n", y_title="Antal"
    )
    assert running
    solid, dashed = fig.data
    assert list(solid.x) == ["okt 2026", "nov 2026"] and list(dashed.x) == ["nov 2026", "dec 2026"]
    assert dashed.line.dash == "dash"
    fig, running = monthly_line(
        months, [5, 7, 2], today=date(2027, 1, 1), name="n", y_title="Antal"
    )
    assert not running and len(fig.data) == 1


@pytest.mark.parametrize(("lang", "marks"), [("sv", ", "), ("en", ".,")])
def test_monthly_line_writes_numbers_in_the_readers_language(lang: str, marks: str) -> None:
    """The Hotspots cell trend in English had the Swedish decimal comma on its y axis."""
    fig, _ = monthly_line(
        [date(2026, 9, 1), date(2026, 10, 1)], [1.5, 2.5], today=date(2026, 12, 1),
        name="n", y_title="n", lang=lang,
    )  # fmt: skip
    assert fig.layout.separators == marks
