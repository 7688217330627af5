"""Every period type and period parser of EST Geo: presets, report and indicator periods.

A period is half-open ``[start, end)`` in whole days, so consecutive periods never share a
day and counts add up.

Two kinds of period text are parsed here, on purpose under different rules, from one
reading of the calendar units (:class:`CalendarUnit`):

- a **report period** (:func:`parse_report_period`) is what a person types or a link
  carries for the Lägesbild, saved views and Hotspots: ``2026-W44``, ``2026-10`` (also
  ``2026-1``), ``2026-q3``, ``2026`` or a date range; it is turned into its canonical code
  and compared with the periods before it;
- an **indicator period** (:func:`parse_indicator_period`) is the period column of a
  stored indicator table: a year ``2024``, quarter ``2024-Q1`` or month ``2024-05``, only
  in that canonical spelling (it is stored as text, so it must sort and join with the
  previous period's text), years 1900–2100.

Errors carry catalogue keys (``period.*``, :mod:`est_geo.i18n.periods`), so they read in
the reader's language where they are shown; a period's name for a reader is made in
:mod:`est_geo.meeting.period_names`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.i18n import translate

#: Preset key → length in days (``egen`` = user-chosen dates).
PRESETS: dict[str, int] = {"vecka": 7, "4veckor": 28, "kvartal": 91, "ar": 365}
PRESET_ORDER: tuple[str, ...] = ("vecka", "4veckor", "kvartal", "ar", "egen")


@dataclass(frozen=True)
class Period:
    """Half-open date range ``[start, end)``."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise keyed_error(
                EstGeoError, "period.end_before_start", start=self.start, end=self.end
            )

    @property
    def days(self) -> int:
        """Length in days."""
        return (self.end - self.start).days

    @property
    def last_day(self) -> date:
        """Inclusive last day, for display."""
        return self.end - timedelta(days=1)

    def previous(self) -> Period:
        """The period of equal length just before this one."""
        return Period(self.start - timedelta(days=self.days), self.start)

    def same_last_year(self) -> Period:
        """The same dates one year earlier (364 days back keeps weekdays aligned)."""
        return Period(self.start - timedelta(days=364), self.end - timedelta(days=364))

    def label(self) -> str:
        """The dates, first and last day included: '2026-10-27 – 2026-11-23'."""
        return f"{self.start.isoformat()} – {self.last_day.isoformat()}"


def preset_period(preset: str, *, today: date) -> Period:
    """The preset period ending with (and including) ``today``."""
    if preset not in PRESETS:
        raise keyed_error(
            EstGeoError, "period.unknown_preset", preset=preset, valid=", ".join(PRESETS)
        )
    end = today + timedelta(days=1)
    return Period(end - timedelta(days=PRESETS[preset]), end)


def is_incomplete(end: date, *, today: date) -> bool:
    """True when a period ending (exclusive) at ``end`` has not ended by the end of ``today``.

    Today counts as running (its reports are still coming in), so a period whose last
    day is today is incomplete, and so is any period in the future.
    """
    return end > today


def month_end(month_start: date) -> date:
    """First day of the month after ``month_start``'s month (the period's exclusive end)."""
    if month_start.month == 12:
        return date(month_start.year + 1, 1, 1)
    return date(month_start.year, month_start.month + 1, 1)


def incomplete_flags(ends: Sequence[date], *, today: date) -> list[bool]:
    """:func:`is_incomplete` for each period's exclusive end."""
    return [is_incomplete(e, today=today) for e in ends]


# ------------------------------------------------------------------------------ calendar units
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
_QUARTER_RE = re.compile(r"^(\d{4})-Q(\d)$", re.IGNORECASE)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR_RE = re.compile(r"^(\d{4})$")
_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
#: Unit kind → the regex that reads it, in the order they are tried.
_UNIT_RES = (("vecka", _WEEK_RE), ("kvartal", _QUARTER_RE), ("manad", _MONTH_RE), ("ar", _YEAR_RE))


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """The calendar month ``delta`` months from ``year``-``month`` (negative: earlier)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_period(year: int, month: int, n_months: int = 1) -> Period:
    end_year, end_month = shift_months(year, month, n_months)
    return Period(date(year, month, 1), date(end_year, end_month, 1))


def _iso_weeks(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True)
class CalendarUnit:
    """An ISO week, quarter, calendar month or year as written: ``kind``, ``year``, ``number``.

    ``kind`` is ``vecka``, ``kvartal``, ``manad`` or ``ar``; ``number`` is the week,
    quarter or month (1 for a year). Read by :func:`calendar_unit` without any range
    check, so each parser applies its own rules (:meth:`problem`, its years).
    """

    kind: str
    year: int
    number: int = 1

    @property
    def code(self) -> str:
        """Canonical text: ``2026-W05``, ``2026-Q3``, ``2026-01``, ``2026``."""
        if self.kind == "vecka":
            return f"{self.year:04d}-W{self.number:02d}"
        if self.kind == "kvartal":
            return f"{self.year:04d}-Q{self.number}"
        if self.kind == "manad":
            return f"{self.year:04d}-{self.number:02d}"
        return f"{self.year:04d}"

    def problem(self) -> tuple[str, dict[str, object]] | None:
        """Why the number does not exist in that year (week 54, month 13), or None.

        As the last part of a ``period.invalid.*`` catalogue key and its values.
        """
        if self.kind == "vecka" and not 1 <= self.number <= _iso_weeks(self.year):
            return "week", {"year": self.year, "weeks": _iso_weeks(self.year)}
        if self.kind == "kvartal" and not 1 <= self.number <= 4:
            return "quarter", {}
        if self.kind == "manad" and not 1 <= self.number <= 12:
            return "month", {}
        return None

    def period(self) -> Period:
        """The days of the unit (a valid one: see :meth:`problem`)."""
        if self.kind == "vecka":
            start = date.fromisocalendar(self.year, self.number, 1)
            return Period(start, start + timedelta(days=7))
        if self.kind == "kvartal":
            return _month_period(self.year, 3 * self.number - 2, 3)
        if self.kind == "manad":
            return _month_period(self.year, self.number)
        return _month_period(self.year, 1, 12)

    def previous(self) -> CalendarUnit:
        """The unit of the same kind just before this one (week 1's is last year's last)."""
        if self.kind == "vecka":
            year, week, _ = (self.period().start - timedelta(days=7)).isocalendar()
            return CalendarUnit("vecka", year, week)
        if self.kind in ("kvartal", "manad"):
            step = 3 if self.kind == "kvartal" else 1
            year, month = shift_months(self.year, step * (self.number - 1) + 1, -step)
            return CalendarUnit(self.kind, year, (month - 1) // step + 1)
        return CalendarUnit("ar", self.year - 1)


def calendar_unit(text: str) -> CalendarUnit | None:
    """The week, quarter, month or year ``text`` is written as (no range checks), else None."""
    for kind, regex in _UNIT_RES:
        if m := regex.match(text):
            return CalendarUnit(kind, int(m[1]), int(m[2]) if kind != "ar" else 1)
    return None


# ------------------------------------------------------------------------------ report periods
# Every period the user writes (lägesbild, saved views, Hotspots) is parsed here.
_MIN_YEAR, _MAX_YEAR = 1900, 2999


@dataclass(frozen=True)
class ReportPeriod:
    """A period of the lägesbild with the two periods it is compared with.

    Attributes
    ----------
    kind
        ``vecka``, ``manad``, ``kvartal``, ``ar`` (calendar units), ``egen`` (a date
        range) or the rolling preset it was made from (``4veckor`` …).
    code
        Canonical text that :func:`parse_report_period` turns back into this period.
    period, previous, last_year
        This period, the one just before it (same kind: the previous week, month …) and
        the same period one year earlier.
    """

    kind: str
    code: str
    period: Period
    previous: Period
    last_year: Period


def _bad_period(
    text: str, reason: str = "", values: dict[str, object] | None = None
) -> EstGeoError:
    """'Ogiltig period …' naming the accepted formats, with ``reason`` (a key's last part)."""
    key = f"period.invalid.{reason}" if reason else "period.invalid"
    return keyed_error(EstGeoError, key, text=text, **(values or {}))


def _check_year(text: str, year: int) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _bad_period(text, "year", {"year": year, "low": _MIN_YEAR, "high": _MAX_YEAR})


def _last_year(unit: CalendarUnit) -> Period:
    """The same unit a year earlier; ISO week 53 without a week 53 then: 52 weeks back."""
    before = CalendarUnit(unit.kind, unit.year - 1, unit.number)
    if before.problem() is not None:
        return unit.period().same_last_year()
    return before.period()


def parse_report_period(text: str) -> ReportPeriod:
    """Turn ``YYYY-Www``, ``YYYY-MM``, ``YYYY-Qn``, ``YYYY`` or ``D1..D2`` into a period.

    The comparison periods follow the unit: the previous ISO week / calendar month /
    quarter / year, and the same unit one year earlier (ISO week 53 of a year whose
    predecessor has only 52 falls back to the 52 weeks before it). A date range
    ``YYYY-MM-DD..YYYY-MM-DD`` (both days included) is compared with the equally long
    range just before it and the same days 364 days earlier (weekdays stay aligned).

    Raises
    ------
    EstGeoError
        With the accepted formats, for anything else (including week 54 or month 13).
    """
    raw = text.strip()
    if unit := calendar_unit(raw):
        _check_year(raw, unit.year)
        if problem := unit.problem():
            raise _bad_period(raw, *problem)
        # A year's previous period is last year's period: the same object twice.
        previous = unit.previous().period()
        last_year = previous if unit.kind == "ar" else _last_year(unit)
        return ReportPeriod(unit.kind, unit.code, unit.period(), previous, last_year)
    if m := _RANGE_RE.match(raw):
        return _date_range(raw, m[1], m[2])
    raise _bad_period(raw)


def _date_range(raw: str, first: str, last: str) -> ReportPeriod:
    """``first..last`` (both days included), compared with the days before and 364 days back."""
    try:
        first_day, last_day = date.fromisoformat(first), date.fromisoformat(last)
    except ValueError as exc:
        raise _bad_period(raw, "date") from exc
    if last_day < first_day:
        raise _bad_period(raw, "end_before_start")
    _check_year(raw, first_day.year)
    _check_year(raw, last_day.year)
    period = Period(first_day, last_day + timedelta(days=1))
    return ReportPeriod(
        "egen", f"{first_day}..{last_day}", period, period.previous(), period.same_last_year()
    )


def rolling_period(preset: str, *, today: date) -> ReportPeriod:
    """A rolling preset (``vecka``, ``4veckor``, ``kvartal``, ``ar``) ending with ``today``.

    Its code is the explicit date range, so a link made today still shows these days
    tomorrow.
    """
    period = preset_period(preset, today=today)
    parsed = parse_report_period(f"{period.start}..{period.last_day}")
    return ReportPeriod(preset, parsed.code, parsed.period, parsed.previous, parsed.last_year)


# ------------------------------------------------------------------------------ indicator periods
_INDICATOR_KINDS: dict[str, str] = {"ar": "year", "kvartal": "quarter", "manad": "month"}
_INDICATOR_YEARS = (1900, 2100)


class PeriodKind(StrEnum):
    """Length of an indicator period."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class IndicatorPeriod:
    """A parsed indicator period: ``[start, end)`` in whole days, plus its kind and text."""

    start: date
    end: date
    kind: PeriodKind
    text: str

    def previous(self) -> IndicatorPeriod:
        """The period of the same kind just before this one."""
        unit = calendar_unit(self.text)
        if unit is None:  # unreachable: text is what parse_indicator_period accepted
            raise ValueError(f"{self.text!r}: not a calendar period")
        return parse_indicator_period(unit.previous().code)


def _indicator_unit(text: object) -> tuple[CalendarUnit | None, tuple[str, dict[str, object]]]:
    """The unit an indicator period text stands for, or None and why not (key, values)."""
    if not isinstance(text, str):
        return None, ("period.indicator.not_text", {})
    value = text.strip()
    unit = calendar_unit(value)
    if (
        unit is None
        or unit.kind not in _INDICATOR_KINDS
        or unit.code != value  # stored as text: only the canonical spelling sorts and joins
        or unit.problem() is not None
    ):
        return None, ("period.indicator.invalid", {})
    low, high = _INDICATOR_YEARS
    if not low <= unit.year <= high:
        return None, ("period.indicator.year", {"low": low, "high": high})
    return unit, ("", {})


def indicator_period_reason(text: object) -> tuple[str, dict[str, object]] | None:
    """Why ``text`` is not a valid indicator period (catalogue key, values), or ``None``.

    A key, not a text, so importers that collect every bad row word each problem in the
    reader's language (:meth:`est_geo.core.errors.Problem.keyed`).
    """
    unit, reason = _indicator_unit(text)
    return None if unit is not None else reason


def parse_indicator_period(text: str) -> IndicatorPeriod:
    """Parse an indicator period text; ``ValueError`` with a Swedish reason when it is not one."""
    unit, (key, values) = _indicator_unit(text)
    if unit is None:
        raise ValueError(f"{text!r}: {translate(key, 'sv', **values)}")
    period = unit.period()
    return IndicatorPeriod(
        period.start, period.end, PeriodKind(_INDICATOR_KINDS[unit.kind]), unit.code
    )


def previous_indicator_period(text: str) -> str:
    """Text of the indicator period before ``text`` (``"2024-Q1"`` → ``"2023-Q4"``)."""
    return parse_indicator_period(text).previous().text


def normalise_indicator_period(value: object) -> str:
    """Period text from a spreadsheet cell: ``2024`` (int or ``2024.0``) becomes ``"2024"``.

    Excel stores a year column as numbers; without this every year would be a bad row.
    """
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
