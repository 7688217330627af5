"""Time periods used in EST meetings: presets, comparison periods, labels.

A period is half-open ``[start, end)`` in whole days, so consecutive periods never share a
day and counts add up.
"""

from __future__ import annotations

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
