"""A report period's name in the reader's language: 'vecka 44 2026' / 'week 44 2026'.

Why here and not in core: core holds no language (its periods are parsed and compared
there, :mod:`est_geo.core.periods`), and the catalogue may sit above or below core; the
meeting layer is above both, and it is the one that names periods (Lägesbild and Möte
pages, PDF, CLI). Months come from Babel (CLDR) through :func:`est_geo.i18n.numbers.month_text`,
weeks and quarters from the catalogue; a date range is its dates.
"""

from __future__ import annotations

from est_geo.core.errors import EstGeoError
from est_geo.core.periods import (
    CalendarUnit,
    Period,
    ReportPeriod,
    calendar_unit,
    parse_report_period,
)
from est_geo.i18n import translate
from est_geo.i18n.numbers import month_text

__all__ = ["period_label", "period_text"]


def _unit_name(unit: CalendarUnit, lang: str) -> str:
    """The name of a week, quarter, month or year, from its number as written."""
    if unit.kind == "vecka":
        return translate("pdf.period.week", lang, week=unit.number, year=unit.year)
    if unit.kind == "kvartal":
        return translate("pdf.period.quarter", lang, quarter=unit.number, year=unit.year)
    if unit.kind == "manad":
        return month_text(unit.period().start, lang)
    return str(unit.year)


def _whole(p: ReportPeriod, lang: str) -> tuple[str, Period] | None:
    """The name and days of what ``p``'s code names (before any cut to today), or None
    when the code is not one of ours.

    A calendar unit is read by :func:`~est_geo.core.periods.calendar_unit` (its number
    and year as written, no dates to derive them from again); any other code is a date
    range, named by its dates.
    """
    if (unit := calendar_unit(p.code)) is not None:
        return None if unit.problem() else (_unit_name(unit, lang), unit.period())
    try:
        whole = parse_report_period(p.code).period
    except EstGeoError:
        return None
    return whole.label(), whole


def period_label(p: ReportPeriod, lang: str = "sv") -> str:
    """The period's name in ``lang``: 'vecka 10 2025' / 'week 10 2025', 'oktober 2026' /
    'October 2026'; a date range as its dates; '… t.o.m. <day>' when cut to today
    (:func:`est_geo.meeting.lagesbild.so_far`).
    """
    named = _whole(p, lang)
    if named is None:  # not a code of ours: its dates are its name
        return p.period.label()
    name, whole = named
    if whole != p.period:
        return translate("pdf.period.so_far", lang, period=name, day=p.period.last_day.isoformat())
    return name


def period_text(p: ReportPeriod, lang: str = "sv") -> str:
    """'vecka 10 2025 (2025-03-03 – 2025-03-09)', the dates only once when the label has them."""
    shown = period_label(p, lang)
    dates = p.period.label()
    if dates in shown or p.period.last_day.isoformat() in shown:
        return shown
    return f"{shown} ({dates})"
