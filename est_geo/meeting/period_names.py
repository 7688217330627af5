"""A report period's name in the reader's language: 'vecka 44 2026' / 'week 44 2026'.

Why here and not in core: core holds no language (its periods are parsed and compared
there, :mod:`est_geo.core.periods`), and the catalogue may sit above or below core; the
meeting layer is above both, and it is the one that names periods (Lägesbild and Möte
pages, PDF, CLI). Months come from Babel (CLDR) through :func:`est_geo.i18n.numbers.month_text`,
weeks and quarters from the catalogue; a date range is its dates.
"""

from __future__ import annotations

from est_geo.core.errors import EstGeoError
from est_geo.core.periods import ReportPeriod, parse_report_period
from est_geo.i18n import translate
from est_geo.i18n.numbers import month_text

__all__ = ["period_label", "period_text"]


def _whole_name(whole: ReportPeriod, lang: str) -> str:
    """The name of a period as parsed from its code (not cut to today)."""
    start = whole.period.start
    if whole.kind == "vecka":
        week = start.isocalendar()
        return translate("pdf.period.week", lang, week=week.week, year=week.year)
    if whole.kind == "kvartal":
        return translate(
            "pdf.period.quarter", lang, quarter=(start.month + 2) // 3, year=start.year
        )
    if whole.kind == "manad":
        return month_text(start, lang)
    if whole.kind == "ar":
        return str(start.year)
    return whole.period.label()  # a date range: its dates


def period_label(p: ReportPeriod, lang: str = "sv") -> str:
    """The period's name in ``lang``: 'vecka 10 2025' / 'week 10 2025', 'oktober 2026' /
    'October 2026'; a date range as its dates; '… t.o.m. <day>' when cut to today
    (:func:`est_geo.meeting.lagesbild.so_far`).
    """
    try:
        whole = parse_report_period(p.code)
    except EstGeoError:  # not a code of ours: its dates are its name
        return p.period.label()
    name = _whole_name(whole, lang)
    if whole.period != p.period:
        return translate("pdf.period.so_far", lang, period=name, day=p.period.last_day.isoformat())
    return name


def period_text(p: ReportPeriod, lang: str = "sv") -> str:
    """'vecka 10 2025 (2025-03-03 – 2025-03-09)', the dates only once when the label has them."""
    shown = period_label(p, lang)
    dates = p.period.label()
    if dates in shown or p.period.last_day.isoformat() in shown:
        return shown
    return f"{shown} ({dates})"
