"""Charts and tables for the Åtgärder page: scope trend, weekday × hour, evaluation.

Builders only (plotly figures, plain rows); the page decides where they go. Numbers are
formatted for the reader's language by :mod:`est_geo.i18n.numbers`; chart labels come
from the caller, the result table's words from the catalogue (``evaluation.table.*``).
Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from est_geo.hotspots.timeprofile import weekday_short
from est_geo.i18n import translate
from est_geo.i18n.numbers import number_or_dash as num
from est_geo.interventions.evaluation import EvaluationResult, reason_text, wdq_band_label
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
    hour_label: str | None = None,
    empty: str | None = None,
    lang: str = "sv",
) -> go.Figure:
    """Weekday × hour counts (Monday on top), viridis so it reads in grey as well.

    With no incidents at all the figure says ``empty`` instead: a colour scale over only
    zeros would paint one solid block that reads as "the same everywhere".
    """
    hour_label = hour_label or translate("interventions.chart.hour", lang)
    empty = empty or translate("interventions.chart.empty", lang)
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
            colorbar={"title": {"text": translate("interventions.chart.count", lang)}},
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


def _ci(low: float | None, high: float | None, lang: str, digits: int = 1) -> str:
    if low is None or high is None:
        return "–"
    return translate(
        "evaluation.table.ci",
        lang,
        low=num(low, lang, digits),
        high=num(high, lang, digits),
    )


def evaluation_rows(r: EvaluationResult, lang: str = "sv") -> list[dict[str, str]]:
    """The result table: one row per measure with estimate, SE, z, 95 % CI, p, reading.

    Column keys are the headings in ``lang``. WDD rows are counts (negative = fewer crimes
    than the controls' trend), RES is an odds ratio (> 1 = target did better), WDQ is read
    with Guerette's bands.
    """
    col = {c: translate(f"evaluation.table.col.{c}", lang) for c in _COLUMNS}

    def row(
        name: str,
        value: str,
        se: str = "–",
        z: str = "–",
        ci: str = "–",
        p: str = "–",
        note: str = "",
    ) -> dict[str, str]:
        cells = (translate(f"evaluation.table.{name}", lang), value, se, z, ci, p, note)
        return dict(zip(col.values(), cells, strict=True))

    def note(key: str) -> str:
        return translate(f"evaluation.table.note.{key}", lang)

    def wdd_row(name: str, note_text: str = "") -> dict[str, str]:
        # The three WDD measures share one field scheme (EvaluationResult's doc):
        # ``name``, ``name_se``, ``name_z``, ``name_ci_low``/``_high``, ``name_p``.
        def field(suffix: str) -> Any:
            return getattr(r, name + suffix)

        return row(
            name,
            num(field(""), lang, 2),
            num(field("_se"), lang, 2),
            num(field("_z"), lang, 2),
            _ci(field("_ci_low"), field("_ci_high"), lang),
            num(field("_p"), lang, 4),
            note_text,
        )

    rows = [
        wdd_row("wdd", note("wdd")),
        wdd_row("wdd_local"),
        wdd_row("wdd_displacement", note("wdd_displacement")),
        row(
            "wdq",
            num(r.wdq, lang, 2),
            note=wdq_band_label(r.wdq_band, lang)
            if r.wdq_band
            else reason_text(r, "wdq", lang) or "",
        ),
        row(
            "res",
            num(r.res, lang, 2),
            ci=_ci(r.res_ci_low, r.res_ci_high, lang, 2),
            p=num(r.res_p, lang, 4),
            note=reason_text(r, "res", lang) or note("res"),
        ),
        row(
            "res_total",
            num(r.res_total, lang, 2),
            ci=_ci(r.res_total_ci_low, r.res_total_ci_high, lang, 2),
            note=reason_text(r, "res_total", lang) or "",
        ),
        row(
            "gross_effect",
            num(r.gross_effect, lang, 1),
            note=reason_text(r, "gross_effect", lang) or "",
        ),
        row("net_effect", num(r.net_effect, lang, 1), note=note("net_effect")),
        row("total_net_effect", num(r.total_net_effect, lang, 1), note=note("total_net_effect")),
    ]
    # A count difference between areas of very different size is no finding: blank it
    # and say why (rows 0-2 are WDD total, local, displacement).
    hidden = {
        0: not (r.control_comparable and r.buffer_control_comparable),
        1: not r.control_comparable,
        2: not r.buffer_control_comparable,
    }
    measure = col["measure"]
    for index, hide in hidden.items():
        if hide:
            blank = dict.fromkeys(col.values(), "–")
            blank[measure] = rows[index][measure]
            blank[col["note"]] = _not_comparable_note(r, index, lang)
            rows[index] = blank
    return rows


#: The table's columns, in order (catalogue ``evaluation.table.col.<name>``).
_COLUMNS = ("measure", "value", "se", "z", "ci", "p", "note")


def _not_comparable_note(r: EvaluationResult, index: int, lang: str) -> str:
    """Why a WDD row is blank: which control is of another size, and by how much."""
    if index != 2 and not r.control_comparable:
        ratio, what = r.control_ratio, "control"
    else:
        ratio, what = r.buffer_control_ratio, "buffer_control"
    size = (
        translate("evaluation.table.no_crimes_before", lang)
        if ratio is None
        else f"{num(ratio, lang, 1)} ×"
    )
    return translate(
        "evaluation.table.not_comparable",
        lang,
        what=translate(f"evaluation.table.pair.{what}", lang),
        size=size,
    )
