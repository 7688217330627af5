"""Period errors of :mod:`est_geo.core.periods`: report and indicator periods, presets.

A report period's error names the formats that are accepted; that sentence is the same
in every error, so it is written once per language here and each message is built from it.
"""

from __future__ import annotations

from collections.abc import Mapping

_FORMATS = {
    "sv": "YYYY-Www (ISO-vecka, t.ex. 2026-W44), YYYY-MM (månad, t.ex. 2026-10), "
    "YYYY-Qn (kvartal, t.ex. 2026-Q3) eller YYYY (år, t.ex. 2026)",
    "en": "YYYY-Www (ISO week, e.g. 2026-W44), YYYY-MM (month, e.g. 2026-10), "
    "YYYY-Qn (quarter, e.g. 2026-Q3) or YYYY (year, e.g. 2026)",
}


def _invalid(sv_reason: str = "", en_reason: str = "") -> dict[str, str]:
    """'Ogiltig period '{text}' (reason). Skriv <formats>.' in both languages."""
    sv_why = f" ({sv_reason})" if sv_reason else ""
    en_why = f" ({en_reason})" if en_reason else ""
    return {
        "sv": f"Ogiltig period '{{text}}'{sv_why}. Skriv {_FORMATS['sv']}.",
        "en": f"Invalid period '{{text}}'{en_why}. Write {_FORMATS['en']}.",
    }


MESSAGES: Mapping[str, Mapping[str, str]] = {
    "period.formats": dict(_FORMATS),
    "period.invalid": _invalid(),
    "period.invalid.year": _invalid(
        "år {year} ligger utanför {low}–{high}", "year {year} is outside {low}–{high}"
    ),
    "period.invalid.week": _invalid(
        "år {year} har veckorna 1–{weeks}", "{year} has the weeks 1–{weeks}"
    ),
    "period.invalid.quarter": _invalid("kvartal 1–4", "quarter 1–4"),
    "period.invalid.month": _invalid("månad 01–12", "month 01–12"),
    "period.invalid.date": _invalid("ogiltigt datum", "not a valid date"),
    "period.invalid.end_before_start": _invalid(
        "slutdatum före startdatum", "end date before start date"
    ),
    "period.end_before_start": {
        "sv": "Perioden måste sluta efter att den börjar ({start}–{end}).",
        "en": "The period must end after it starts ({start}–{end}).",
    },
    "period.unknown_preset": {
        "sv": "Okänd period '{preset}'. Välj en av: {valid}.",
        "en": "Unknown period '{preset}'. Choose one of: {valid}.",
    },
    "period.indicator.not_text": {
        "sv": "perioden måste vara text som 2024, 2024-Q1 eller 2024-05",
        "en": "the period must be text such as 2024, 2024-Q1 or 2024-05",
    },
    "period.indicator.invalid": {
        "sv": "ogiltig period; använd år (2024), kvartal (2024-Q1) eller månad (2024-05)",
        "en": "invalid period; use a year (2024), quarter (2024-Q1) or month (2024-05)",
    },
    "period.indicator.year": {
        "sv": "året måste ligga mellan {low} och {high}",
        "en": "the year must be between {low} and {high}",
    },
}
