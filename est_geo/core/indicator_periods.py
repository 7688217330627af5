"""Indicator periods: a year ``"2024"``, a quarter ``"2024-Q1"`` or a month ``"2024-05"``.

Indicator tables from SCB, surveys and the actors' own registers come per year, quarter or
month. The period is stored as this short text so it sorts and reads well in a table; this
module is the one place that parses it, knows the dates it covers and which period came
before (for "change vs previous period").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["IndicatorPeriod", "PeriodKind", "parse_period", "period_problem", "previous_period"]

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


class PeriodKind(StrEnum):
    """Length of an indicator period."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class IndicatorPeriod:
    """A parsed period: ``[start, end)`` in whole days, plus its kind and text."""

    start: date
    end: date
    kind: PeriodKind
    text: str

    def previous(self) -> IndicatorPeriod:
        """The period of the same kind just before this one."""
        if self.kind is PeriodKind.YEAR:
            return parse_period(str(self.start.year - 1))
        if self.kind is PeriodKind.QUARTER:
            q = (self.start.month - 1) // 3 + 1
            year, q = (self.start.year - 1, 4) if q == 1 else (self.start.year, q - 1)
            return parse_period(f"{year}-Q{q}")
        year, month = self.start.year, self.start.month - 1
        if month == 0:
            year, month = year - 1, 12
        return parse_period(f"{year:04d}-{month:02d}")


def period_problem(text: object) -> str | None:
    """Why ``text`` is not a valid period, or ``None`` when it is.

    Used by importers that collect every bad row instead of stopping at the first.
    """
    if not isinstance(text, str):
        return "perioden måste vara text som 2024, 2024-Q1 eller 2024-05"
    value = text.strip()
    if _YEAR.match(value) or _QUARTER.match(value) or _MONTH.match(value):
        year = int(value[:4])
        if not 1900 <= year <= 2100:
            return "året måste ligga mellan 1900 och 2100"
        return None
    return "ogiltig period; använd år (2024), kvartal (2024-Q1) eller månad (2024-05)"


def parse_period(text: str) -> IndicatorPeriod:
    """Parse a period text; ``ValueError`` with a Swedish reason when it is not one."""
    problem = period_problem(text)
    if problem is not None:
        raise ValueError(f"{text!r}: {problem}")
    value = text.strip()
    if m := _YEAR.match(value):
        year = int(m[1])
        return IndicatorPeriod(date(year, 1, 1), date(year + 1, 1, 1), PeriodKind.YEAR, value)
    if m := _QUARTER.match(value):
        year, q = int(m[1]), int(m[2])
        start = date(year, 3 * q - 2, 1)
        end = date(year + 1, 1, 1) if q == 4 else date(year, 3 * q + 1, 1)
        return IndicatorPeriod(start, end, PeriodKind.QUARTER, value)
    m = _MONTH.match(value)
    if m is None:  # unreachable after period_problem, kept for the type checker
        raise ValueError(f"{text!r}: ogiltig period")
    year, month = int(m[1]), int(m[2])
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return IndicatorPeriod(date(year, month, 1), end, PeriodKind.MONTH, value)


def previous_period(text: str) -> str:
    """Text of the period before ``text`` (``"2024-Q1"`` → ``"2023-Q4"``)."""
    return parse_period(text).previous().text


def normalise_period(value: object) -> str:
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
