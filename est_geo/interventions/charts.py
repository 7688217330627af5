"""Charts and tables for the Åtgärder page: scope trend, weekday × hour, evaluation.

Builders only (plotly figures, plain rows); the page decides where they go. Swedish
number format (decimal comma, true minus sign) because the readers are Swedish
coordinators; labels come from the caller so the page's translation layer stays the one
place for UI text. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from est_geo.hotspots.timeprofile import weekday_short
from est_geo.i18n.numbers import number_or_dash as num
from est_geo.interventions.evaluation import EvaluationResult
from est_geo.interventions.scope import ScopeAnalysis
from est_geo.interventions.zones import StoredEvaluation

__all__ = [
    "evaluation_figure",
    "evaluation_rows",
    "heatmap_figure",
    "trend_figure",
]

_TARGET = "#0072B2"
_RING = "#E69F00"
_CONTROL = "#7F7F7F"


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 15}},
        height=height,
        margin={"l": 40, "r": 10, "t": 40, "b": 40},
        legend={"orientation": "h", "y": -0.2},
        separators=", ",
    )
    return fig


def trend_figure(analysis: ScopeAnalysis, labels: Mapping[str, str]) -> go.Figure:
    """Monthly incidents in the shape and in the ring (``labels``: title/target/ring/y)."""
    fig = go.Figure()
    for profile, name, color in (
        (analysis.target, labels["target"], _TARGET),
        (analysis.ring, labels["ring"], _RING),
    ):
        fig.add_trace(
            go.Scatter(
                x=list(profile.monthly.index),
                y=[int(v) for v in profile.monthly.to_numpy()],
                mode="lines+markers",
                name=name,
                line={"color": color},
            )
        )
    fig.update_yaxes(title=labels["y"], rangemode="tozero")
    fig.update_xaxes(dtick="M1", tickformat="%Y-%m")
    return _layout(fig, labels["title"], 320)


def heatmap_figure(
    matrix: Any,
    title: str,
    *,
    hour_label: str = "Timme",
    empty: str = "Inga händelser",
    lang: str = "sv",
) -> go.Figure:
    """Weekday × hour counts (Monday on top), viridis so it reads in grey as well.

    With no incidents at all the figure says ``empty`` instead: a colour scale over only
    zeros would paint one solid block that reads as "the same everywhere".
    """
    if not any(int(v) for row in matrix for v in row):
        fig = go.Figure()
        fig.add_annotation(text=empty, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                           font={"size": 16, "color": "#555"})  # fmt: skip
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        return _layout(fig, title, 300)
    fig = go.Figure(
        go.Heatmap(
            z=[[int(v) for v in row] for row in matrix],
            x=[f"{h:02d}" for h in range(24)],
            y=[weekday_short(d, lang) for d in range(7)],
            colorscale="Viridis",
            hovertemplate="%{y} %{x}:00 – %{z}<extra></extra>",
            colorbar={"title": {"text": "antal"}},
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=hour_label)
    return _layout(fig, title, 300)


def evaluation_figure(evaluation: StoredEvaluation, labels: Mapping[str, str]) -> go.Figure:
    """Grouped bars before/after for target, buffer, control (and the buffer's control
    when it is a zone of its own, as the default rings are)."""
    c = evaluation.counts
    zones = [labels["target"], labels["buffer"], labels["control"]]
    before = [c.target_before, c.buffer_before, c.control_before]
    after = [c.target_after, c.buffer_after, c.control_after]
    if c.buffer_control_before is not None and c.buffer_control_after is not None:
        zones.append(labels["buffer_control"])
        before.append(c.buffer_control_before)
        after.append(c.buffer_control_after)
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=zones,
            y=before,
            name=labels["before"],
            marker_color="#9ecae1",
        )
    )
    fig.add_trace(
        go.Bar(
            x=zones,
            y=after,
            name=labels["after"],
            marker_color=_TARGET,
        )
    )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=labels["y"], rangemode="tozero")
    return _layout(fig, labels["title"], 320)


def _ci(low: float | None, high: float | None, digits: int = 1) -> str:
    if low is None or high is None:
        return "–"
    return f"{num(low, digits=digits)} till {num(high, digits=digits)}"


def evaluation_rows(r: EvaluationResult) -> list[dict[str, str]]:
    """The result table: one row per measure with estimate, SE, z, 95 % CI, p, reading.

    Column keys are Swedish headings. WDD rows are counts (negative = fewer crimes than
    the controls' trend), RES is an odds ratio (> 1 = target did better), WDQ is read with
    Guerette's bands.
    """

    def row(
        name: str,
        value: str,
        se: str = "–",
        z: str = "–",
        ci: str = "–",
        p: str = "–",
        note: str = "",
    ) -> dict[str, str]:
        return {
            "Mått": name,
            "Värde": value,
            "SE": se,
            "z": z,
            "95 %-KI": ci,
            "p": p,
            "Tolkning": note,
        }

    rows = [
        row(
            "WDD totalt",
            num(r.wdd, digits=2),
            num(r.wdd_se, digits=2),
            num(r.wdd_z, digits=2),
            _ci(r.wdd_ci_low, r.wdd_ci_high),
            num(r.wdd_p, digits=4),
            "antal brott; negativt = färre än kontrollernas utveckling",
        ),
        row(
            "WDD lokalt (mål − kontroll)",
            num(r.wdd_local, digits=2),
            num(r.wdd_local_se, digits=2),
            num(r.wdd_local_z, digits=2),
            _ci(r.wdd_local_ci_low, r.wdd_local_ci_high),
            num(r.wdd_local_p, digits=4),
        ),
        row(
            "WDD förflyttning (buffert − kontroll)",
            num(r.wdd_displacement, digits=2),
            num(r.wdd_displacement_se, digits=2),
            num(r.wdd_displacement_z, digits=2),
            _ci(r.wdd_displacement_ci_low, r.wdd_displacement_ci_high),
            num(r.wdd_displacement_p, digits=4),
            "positivt = fler brott i bufferten (förflyttning)",
        ),
        row("WDQ", num(r.wdq, digits=2), note=r.wdq_band_sv or r.wdq_reason or ""),
        row(
            "RES (oddskvot)",
            num(r.res, digits=2),
            ci=_ci(r.res_ci_low, r.res_ci_high, 2),
            p=num(r.res_p, digits=4),
            note=r.res_reason or "> 1 = målområdet utvecklades bättre än kontrollen",
        ),
        row(
            "RES mål + buffert",
            num(r.res_total, digits=2),
            ci=_ci(r.res_total_ci_low, r.res_total_ci_high, 2),
            note=r.res_total_reason or "",
        ),
        row(
            "Bruttoeffekt (%)",
            num(r.gross_effect, digits=1),
            note=r.gross_effect_reason or "",
        ),
        row(
            "Nettoeffekt (%)",
            num(r.net_effect, digits=1),
            note="relativt kontrollområdet",
        ),
        row(
            "Total nettoeffekt (%)",
            num(r.total_net_effect, digits=1),
            note="mål + buffert",
        ),
    ]
    # A count difference between areas of very different size is no finding: blank it
    # and say why (rows 0-2 are WDD total, local, displacement).
    hidden = {
        0: not (r.control_comparable and r.buffer_control_comparable),
        1: not r.control_comparable,
        2: not r.buffer_control_comparable,
    }
    for index, hide in hidden.items():
        if hide:
            rows[index] = row(rows[index]["Mått"], "–", note=_not_comparable_note(r, index))
    return rows


def _not_comparable_note(r: EvaluationResult, index: int) -> str:
    """Why a WDD row is blank: which control is of another size, and by how much."""
    if index != 2 and not r.control_comparable:
        ratio, what = r.control_ratio, "kontrollområdet/målområdet"
    else:
        ratio, what = r.buffer_control_ratio, "buffertens kontroll/bufferten"
    size = "går inte att jämföra (0 brott före)" if ratio is None else f"{num(ratio, digits=1)} ×"
    return f"redovisas inte: kontrollen är inte jämförbar i antal ({what} före: {size})"
