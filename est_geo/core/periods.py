"""Time periods used in EST meetings: presets, comparison periods, labels.

A period is half-open ``[start, end)`` in whole days, so consecutive periods never share a
day and counts add up.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from est_geo.core.errors import EstGeoError

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
            raise EstGeoError(
                f"Perioden måste sluta efter att den börjar ({self.start}–{self.end})."
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
        """Swedish label like '2026-10-27 – 2026-11-23'."""
        return f"{self.start.isoformat()} – {self.last_day.isoformat()}"


def preset_period(preset: str, *, today: date) -> Period:
    """The preset period ending with (and including) ``today``."""
    if preset not in PRESETS:
        raise EstGeoError(f"Okänd period '{preset}'. Välj en av: {', '.join(PRESETS)}.")
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


# ------------------------------------------------------------------------------ report periods
# Every period the user writes (lägesbild, saved views, Hotspots) is parsed here.
#: How to write a period, for error messages and help texts.
PERIOD_HELP = (
    "YYYY-Www (ISO-vecka, t.ex. 2026-W44), YYYY-MM (månad, t.ex. 2026-10), "
    "YYYY-Qn (kvartal, t.ex. 2026-Q3) eller YYYY (år, t.ex. 2026)"
)
_MONTHS_SV = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{1,2})$", re.IGNORECASE)
_MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER_RE = re.compile(r"^(\d{4})-Q(\d)$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(\d{4})$")
_RANGE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")
_MIN_YEAR, _MAX_YEAR = 1900, 2999


# ------------------------------------------------------------------------------ periods
@dataclass(frozen=True)
class ReportPeriod:
    """A period of the lägesbild with the two periods it is compared with.

    Attributes
    ----------
    kind
        ``vecka``, ``manad``, ``kvartal``, ``ar`` (calendar units) or ``egen`` (a date
        range, e.g. a rolling preset).
    code
        Canonical text that :func:`parse_period` turns back into this period.
    label
        Swedish label for titles ("vecka 44 2026", "oktober 2026").
    period, previous, last_year
        This period, the one just before it (same kind: the previous week, month …) and
        the same period one year earlier.
    """

    kind: str
    code: str
    label: str
    period: Period
    previous: Period
    last_year: Period


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """The calendar month ``delta`` months from ``year``-``month`` (negative: earlier)."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_period(year: int, month: int, n_months: int = 1) -> Period:
    end_year, end_month = shift_months(year, month, n_months)
    return Period(date(year, month, 1), date(end_year, end_month, 1))


def _week_period(year: int, week: int) -> Period:
    start = date.fromisocalendar(year, week, 1)
    return Period(start, start + timedelta(days=7))


def _iso_weeks(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def _bad_period(text: str, reason: str = "") -> EstGeoError:
    why = f" ({reason})" if reason else ""
    return EstGeoError(f"Ogiltig period '{text}'{why}. Skriv {PERIOD_HELP}.")


def _check_year(text: str, year: int) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise _bad_period(text, f"år {year} ligger utanför {_MIN_YEAR}–{_MAX_YEAR}")


def parse_period(text: str) -> ReportPeriod:
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
    if m := _WEEK_RE.match(raw):
        year, week = int(m[1]), int(m[2])
        _check_year(raw, year)
        if not 1 <= week <= _iso_weeks(year):
            raise _bad_period(raw, f"år {year} har veckorna 1–{_iso_weeks(year)}")
        period = _week_period(year, week)
        previous = period.previous()
        last = (
            _week_period(year - 1, week)
            if week <= _iso_weeks(year - 1)
            else period.same_last_year()
        )
        return ReportPeriod(
            "vecka", f"{year}-W{week:02d}", f"vecka {week} {year}", period, previous, last
        )
    if m := _QUARTER_RE.match(raw):
        year, quarter = int(m[1]), int(m[2])
        _check_year(raw, year)
        if not 1 <= quarter <= 4:
            raise _bad_period(raw, "kvartal 1–4")
        first = 3 * (quarter - 1) + 1
        prev_year, prev_month = shift_months(year, first, -3)
        return ReportPeriod(
            "kvartal",
            f"{year}-Q{quarter}",
            f"kvartal {quarter} {year}",
            _month_period(year, first, 3),
            _month_period(prev_year, prev_month, 3),
            _month_period(year - 1, first, 3),
        )
    if m := _MONTH_RE.match(raw):
        year, month = int(m[1]), int(m[2])
        _check_year(raw, year)
        if not 1 <= month <= 12:
            raise _bad_period(raw, "månad 01–12")
        prev_year, prev_month = shift_months(year, month, -1)
        return ReportPeriod(
            "manad",
            f"{year}-{month:02d}",
            f"{_MONTHS_SV[month - 1]} {year}",
            _month_period(year, month),
            _month_period(prev_year, prev_month),
            _month_period(year - 1, month),
        )
    if m := _YEAR_RE.match(raw):
        year = int(m[1])
        _check_year(raw, year)
        last = _month_period(year - 1, 1, 12)
        return ReportPeriod("ar", str(year), str(year), _month_period(year, 1, 12), last, last)
    if m := _RANGE_RE.match(raw):
        try:
            first_day, last_day = date.fromisoformat(m[1]), date.fromisoformat(m[2])
        except ValueError as exc:
            raise _bad_period(raw, "ogiltigt datum") from exc
        if last_day < first_day:
            raise _bad_period(raw, "slutdatum före startdatum")
        _check_year(raw, first_day.year)
        _check_year(raw, last_day.year)
        period = Period(first_day, last_day + timedelta(days=1))
        return ReportPeriod(
            "egen", f"{first_day}..{last_day}", period.label(), period, period.previous(),
            period.same_last_year(),
        )  # fmt: skip
    raise _bad_period(raw)


def rolling_period(preset: str, *, today: date) -> ReportPeriod:
    """A rolling preset (``vecka``, ``4veckor``, ``kvartal``, ``ar``) ending with ``today``.

    Its code is the explicit date range, so a link made today still shows these days
    tomorrow.
    """
    period = preset_period(preset, today=today)
    parsed = parse_period(f"{period.start}..{period.last_day}")
    return ReportPeriod(
        preset, parsed.code, parsed.label, parsed.period, parsed.previous, parsed.last_year
    )
