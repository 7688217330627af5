"""Numbers, percentages and dates for a reader, formatted by Babel (CLDR) per language.

One place for the format, so a chart, a table and a sentence never disagree ("-1,7" next
to "−1,7", "100%" next to "100 %"). Babel gives each language its own conventions from
the Unicode CLDR instead of hand-written rules: Swedish ``sv_SE`` writes ``1 234,5`` and
``12 %``, English ``en`` writes ``1,234.5`` and ``12%``.

Two deliberate Swedish choices, as a Swedish typesetter makes them (Språkrådet, *Svenska
skrivregler*; they match CLDR's sv symbols):

- the thousands separator is the non-breaking space U+00A0 (a space, so "1 234"; a fixed
  one, so a number never breaks across two lines; the same space sits before "%");
- the minus sign is the true minus U+2212, not a hyphen. Babel 2.18 knows the symbol
  (``get_minus_sign_symbol('sv_SE')``) but still writes a hyphen-minus from its patterns,
  so :func:`number` puts the locale's own sign in. English keeps CLDR's hyphen-minus.

The PDF font (DejaVu Sans) has both glyphs, so the report prints them too.
"""

from __future__ import annotations

import datetime as dt
import math

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, get_minus_sign_symbol

__all__ = [
    "LOCALES",
    "MINUS",
    "chart_separators",
    "date_text",
    "day_text",
    "locale_of",
    "month_text",
    "number",
    "number_or_dash",
    "percent",
]

#: Babel locale of each interface language.
LOCALES = {"sv": "sv_SE", "en": "en"}

MINUS = "\u2212"


def locale_of(lang: str) -> str:
    """The Babel locale of an interface language (Swedish for anything unknown)."""
    return LOCALES.get(lang, LOCALES["sv"])


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def number(value: float, lang: str = "sv", digits: int = 1, *, signed: bool = False) -> str:
    """``-1234.56`` → ``'−1 234,6'`` (sv) / ``'-1,234.6'`` (en).

    ``signed`` writes ``'+1,7'`` for a rise and ``'±0,0'`` for a figure that rounds to zero,
    so a change reads as a change.
    """
    locale = locale_of(lang)
    text = format_decimal(abs(value), format=_pattern(digits), locale=locale)
    if format_decimal(0, format=_pattern(digits), locale=locale) == text:
        return f"±{text}" if signed else text
    if value < 0:
        return f"{get_minus_sign_symbol(locale)}{text}"
    return f"+{text}" if signed else text


def chart_separators(lang: str = "sv") -> str:
    """Plotly's ``separators`` (decimal mark, then thousands mark) for ``lang``'s axes.

    Plotly writes axis ticks and hover values itself, in its own English default
    (``".,"``): a Swedish chart sets ``", "`` ("1,5", "1 234"), an English one keeps
    ``".,"`` ("1.5", "1,234") - never the Swedish marks on an English page.
    """
    return ", " if lang == "sv" else ".,"


def percent(share: float, lang: str = "sv", digits: int = 0, *, signed: bool = False) -> str:
    """A share (0.5) as a percentage: ``'50 %'`` (sv, non-breaking space) / ``'50%'`` (en)."""
    figure = number(share * 100, lang, digits, signed=signed)
    return f"{figure}{Locale.parse(locale_of(lang)).percent_formats[None].suffix[0]}"


def date_text(value: dt.date, lang: str = "sv", form: str = "long") -> str:
    """A date as the language writes it: ``'2 mars 2026'`` / ``'March 2, 2026'``."""
    return str(format_date(value, form, locale=locale_of(lang)))


def day_text(value: dt.date, lang: str = "sv") -> str:
    """Day and short month, as the language orders them: ``'3 okt.'`` / ``'Oct 3'``.

    For axis ticks: '03/10' reads as 3 October in Sweden and as March 10 in the US.
    """
    return str(format_skeleton("MMMd", value, locale=locale_of(lang)))


def month_text(value: dt.date, lang: str = "sv") -> str:
    """The month and year: ``'mars 2026'`` / ``'March 2026'``."""
    return str(format_date(value, "LLLL y", locale=locale_of(lang)))


def number_or_dash(value: float | None, lang: str = "sv", digits: int = 1) -> str:
    """:func:`number`, or ``'–'`` for a value that is undefined (None, NaN, infinite)."""
    if value is None or not math.isfinite(value):
        return "–"
    return number(value, lang, digits)
