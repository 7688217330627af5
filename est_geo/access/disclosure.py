"""Statistical disclosure control for the public site: which counts may be published.

Why a module of its own: the public site promises that no single incident can be learned
from it, whatever a visitor combines — any period, category, area, cell size, share,
chart or download, on any two days (issue 14). A rule that holds for one table but not for
the differences between tables breaks that promise, so every public number (Läget i
området and the public Indikatorer) passes through the same four rules here.

The method is the classic one of national statistical offices for frequency tables —
suppression ("prickning") with complementary cells, and rounding to a base — as in SCB's
röjandekontroll practice (SCB, *Skyddsmetoder för röjandekontroll*; since 2025 SCB's
population statistics add the Cell Key Method's noise instead, https://www.scb.se/FAQ-CKM)
and Hundepool et al., *Statistical Disclosure Control* (Wiley 2012, ch. 5, frequency
tables); and police.uk's practice of publishing crime data once a month for the closed
month only, at anonymised locations (https://data.police.uk/about/#location-anonymisation):

1. **Fixed closed periods.** Only calendar months, quarters and years that have ended are
   published (:func:`closed_periods`), never a window ending today, so two visits on two
   days see the same figures for a period and cannot be differenced into one day.
2. **Primary suppression.** A count below ``k`` is not published ("färre än k"); zero is
   suppressed too, so "färre än k" says nothing about whether anything happened.
3. **Secondary (complementary) suppression.** In every *line* — parts that add up to a
   total a visitor can know or work out (the main categories of an area and "Alla"; the
   areas of a category; the months of a period) — a suppressed part never stands alone:
   when exactly one part is suppressed, the smallest published part is suppressed with it
   (:func:`secondary_suppression`), so "total minus the shown parts" is a sum of at least
   two hidden cells.
4. **Rounding.** Every published count is rounded to the nearest multiple of ``k``
   (:func:`published_count`; SCB's "avrundning till bas"), and every published ratio is
   computed from published counts only. Relations the lines above do not cover (grid
   cells of three sizes against areas, a year against its quarters, one period's table
   published again after a late report was added) leave an uncertainty of ``± k/2`` per
   published cell, so a difference of published figures never pins an exact count below
   ``k``.

``tests/test_public_attacks.py`` plays the attacks of issue 14 and an exhaustive
differencing search (with an LP audit) against :mod:`est_geo.public.release`.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeVar

from est_geo.core.errors import EstGeoError, keyed_error

__all__ = [
    "PERIOD_KINDS",
    "ClosedPeriod",
    "check_k",
    "closed_periods",
    "published_count",
    "rounding_interval",
    "secondary_suppression",
]

#: Period kinds the public may see ("manad" only as the months of a chosen period).
PERIOD_KINDS: Final = ("kvartal", "ar", "manad")
_MONTHS_OF: Final = {"manad": 1, "kvartal": 3, "ar": 12}
Key = TypeVar("Key", bound=Hashable)


def check_k(k: int) -> None:
    """Refuse a ``k`` that is not a whole number ≥ 1 (a bool is not a number here)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k!r}")


def published_count(n: int, k: int) -> int | None:
    """The published form of a count: None below ``k``, else rounded to a multiple of k.

    Halves round up (7.5 → 10 for k = 5), so the result is never below ``k`` and the true
    count lies in :func:`rounding_interval` of it.
    """
    check_k(k)
    if n < k:
        return None
    return int((2 * n + k) // (2 * k)) * k


def rounding_interval(published: int, k: int) -> tuple[int, int]:
    """Every true count ≥ k that :func:`published_count` turns into ``published``."""
    check_k(k)
    low = published - k // 2
    high = published + (k - 1) // 2
    return max(low, k), high


def secondary_suppression(
    counts: Mapping[Key, int],
    suppressed: Iterable[Key],
    lines: Iterable[Sequence[Key]],
) -> frozenset[Key]:
    """Suppressed cells after complementary suppression along every line.

    ``counts`` holds the true count of every cell, ``suppressed`` the primary suppressions
    and ``lines`` the groups of cells whose sum a visitor can know (each line's total is
    treated as known even when it is not shown: a safe assumption, since totals can often
    be worked out from another table). Whenever a line holds exactly one suppressed cell,
    its smallest published cell (first in line order on a tie) is suppressed too; this is
    repeated until no line changes, which ends because cells are only ever added.
    """
    hidden = set(suppressed)
    groups = [list(line) for line in lines if len(line) > 1]
    changed = True
    while changed:
        changed = False
        for line in groups:
            if sum(1 for cell in line if cell in hidden) != 1:
                continue
            shown = [cell for cell in line if cell not in hidden]
            if shown:
                hidden.add(min(shown, key=lambda cell: counts[cell]))
                changed = True
    return frozenset(hidden)


@dataclass(frozen=True, order=True)
class ClosedPeriod:
    """A calendar month, quarter or year, half-open ``[start, end)``."""

    start: date
    kind: str

    def __post_init__(self) -> None:
        if self.kind not in _MONTHS_OF:
            raise keyed_error(
                EstGeoError, "disclosure.unknown_kind", kind=self.kind, known=PERIOD_KINDS
            )
        if self.start.day != 1 or (self.start.month - 1) % _MONTHS_OF[self.kind]:
            raise keyed_error(
                EstGeoError, "disclosure.not_a_start", start=self.start, kind=self.kind
            )

    @property
    def end(self) -> date:
        """First day after the period."""
        months = self.start.year * 12 + self.start.month - 1 + _MONTHS_OF[self.kind]
        return date(months // 12, months % 12 + 1, 1)

    @property
    def key(self) -> str:
        """Stable text key: ``2026``, ``2026-Q3`` or ``2026-07``."""
        if self.kind == "ar":
            return str(self.start.year)
        if self.kind == "kvartal":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def number(self) -> int:
        """Quarter (1–4) or month (1–12) within the year; 1 for a year."""
        return (self.start.month - 1) // _MONTHS_OF[self.kind] + 1

    def months(self) -> list[ClosedPeriod]:
        """The calendar months of the period, in order."""
        out = []
        current = ClosedPeriod(self.start, "manad")
        while current.start < self.end:
            out.append(current)
            current = ClosedPeriod(current.end, "manad")
        return out

    def is_closed(self, today: date) -> bool:
        """True once the period has ended: published from the day after its last day."""
        return self.end <= today


def _period_containing(day: date, kind: str) -> ClosedPeriod:
    step = _MONTHS_OF[kind]
    return ClosedPeriod(date(day.year, (day.month - 1) // step * step + 1, 1), kind)


def closed_periods(kind: str, *, today: date, first_day: date, limit: int) -> list[ClosedPeriod]:
    """Periods of ``kind`` that ended before ``today`` and reach ``first_day``, newest first.

    At most ``limit`` are returned. The period holding ``today`` is never among them: it
    has not ended, so its figures would change from one day to the next.
    """
    if kind not in _MONTHS_OF:
        raise keyed_error(EstGeoError, "disclosure.unknown_kind", kind=kind, known=PERIOD_KINDS)
    out: list[ClosedPeriod] = []
    current = _period_containing(today, kind)
    while len(out) < limit:
        months = current.start.year * 12 + current.start.month - 1 - _MONTHS_OF[kind]
        current = ClosedPeriod(date(months // 12, months % 12 + 1, 1), kind)
        if current.end <= first_day:
            break
        out.append(current)
    return out
