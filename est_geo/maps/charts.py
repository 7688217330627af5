"""Plotly helpers shared by every chart of counts over time: periods still running.

A month (week, day) that has not ended holds only part of its reports, so drawn like the
finished ones it reads as a drop. Every such chart marks it the same way: a lighter,
hatched bar, or a dashed last line segment ending in an open marker, with the note
"pågående månad, ofullständig" (:func:`incomplete_note`). Builders only; never imports
streamlit. Pages pass the figures to ``st.plotly_chart`` with :data:`PLOTLY_CONFIG`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import plotly.graph_objects as go

from est_geo.core.periods import incomplete_flags, is_incomplete, month_end
from est_geo.i18n import translate
from est_geo.i18n.numbers import chart_separators

__all__ = [
    "PLOTLY_CONFIG",
    "incomplete_flags",
    "incomplete_line",
    "incomplete_note",
    "is_incomplete",
    "month_end",
    "month_label",
    "monthly_line",
]

#: ``config`` for ``st.plotly_chart``: no plotly logo. No ``locale``: Streamlit's plotly
#: bundle registers only English, so date labels are written here in Swedish
#: (:func:`month_label`) on category axes, and layouts set
#: ``separators`` from :func:`est_geo.i18n.numbers.chart_separators` (the decimal comma in
#: Swedish, the point in English).
PLOTLY_CONFIG: dict[str, Any] = {"displaylogo": False}


def incomplete_note(unit: str = "period", lang: str = "sv", *, mark: str = "line") -> str:
    """The note under a chart with a running period: 'pågående månad, ofullständig'.

    ``unit`` is ``day``, ``week``, ``month``, ``quarter``, ``year`` or ``period``;
    ``mark`` is how the chart draws the running period, ``bar`` (lighter, hatched) or
    ``line`` (dashed), so the note names only what the reader can see.
    """
    unit_text = translate(f"chart.unit.{unit}", lang)
    return translate(f"chart.incomplete.{mark}", lang, unit=unit_text)


def incomplete_line(
    x: Sequence[Any],
    y: Sequence[float],
    flags: Sequence[bool],
    *,
    name: str,
    line: dict[str, Any],
    hover: str,
    **scatter: Any,
) -> list[go.Scatter]:
    """One line drawn solid over finished periods and dashed into the running ones.

    Returns one or two traces: the finished points (solid), and — when some periods are
    incomplete — a dashed trace from the last finished point through the incomplete ones,
    with open markers, under the same legend entry. Incomplete periods must come last.
    """
    if len(x) != len(y) or len(x) != len(flags):
        raise ValueError("x, y and flags must be as long")
    first_open = next((i for i, f in enumerate(flags) if f), len(flags))
    if any(not f for f in flags[first_open:]):
        raise ValueError("incomplete periods must come last")
    solid = go.Scatter(
        x=list(x[:first_open]),
        y=list(y[:first_open]),
        mode="lines+markers",
        name=name,
        legendgroup=name,
        line=line,
        **scatter,
    )
    if first_open == len(flags):
        return [solid]
    tail_from = max(0, first_open - 1)
    dashed = go.Scatter(
        x=list(x[tail_from:]),
        y=list(y[tail_from:]),
        mode="lines+markers",
        name=name,
        legendgroup=name,
        showlegend=False,
        line={**line, "dash": "dash"},
        marker={"symbol": ["circle" if not f else "circle-open" for f in flags[tail_from:]]},
        customdata=["" if not f else hover for f in flags[tail_from:]],
        hovertemplate="%{x}: %{y}<br>%{customdata}<extra>%{fullData.name}</extra>",
        **{k: v for k, v in scatter.items() if k != "showlegend"},
    )
    return [solid, dashed]


def _months(lang: str) -> list[str]:
    return translate("chart.months_short", lang).split()


def month_label(month_start: date, lang: str = "sv") -> str:
    """Axis label of a month: 'jan 2026'."""
    return f"{_months(lang)[month_start.month - 1]} {month_start.year}"


def monthly_line(
    months: Sequence[date],
    counts: Sequence[float],
    *,
    today: date,
    name: str,
    y_title: str,
    x_title: str = "",
    lang: str = "sv",
    height: int = 300,
) -> tuple[go.Figure, bool]:
    """Counts per month as a line: Swedish month labels, the running month dashed.

    Returns the figure and whether a month is still running (then show
    :func:`incomplete_note` ``("month")`` under it). For any page with a monthly series
    (Hotspots' cell trend, the public page's months).
    """
    flags = incomplete_flags([month_end(m) for m in months], today=today)
    labels = [month_label(m, lang) for m in months]
    fig = go.Figure(
        incomplete_line(
            labels,
            list(counts),
            flags,
            name=name,
            line={"color": "#1f4e79", "width": 2.5},
            hover=incomplete_note("month", lang),
            showlegend=False,
        )
    )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
        xaxis_title=x_title,
        yaxis_title=y_title,
        yaxis_rangemode="tozero",
        separators=chart_separators(lang),
    )
    return fig, any(flags)
