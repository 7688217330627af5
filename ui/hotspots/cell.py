"""One cell: picked on the map or in the list; what happened there, by category and time."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pandas as pd
import plotly.express as px
import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period
from est_geo.hotspots import HotCluster
from est_geo.hotspots import layers as hl
from est_geo.hotspots.layers import HotspotLayer
from est_geo.maps.charts import PLOTLY_CONFIG, incomplete_note, monthly_line
from est_geo.store import IncidentQuery
from ui import queries
from ui.context import config, t


def pick(
    out: dict[str, Any] | None,
    layer: HotspotLayer,
    places: list[HotCluster],
    place_of: dict[str, str],
) -> str | None:
    """The cell to show: a new map click opens its cell, else the one picked in the list.

    A new click opens its cell, even the cell clicked last after another was picked in
    the list: st_folium repeats its last click on every rerun, so a click is new when
    the point is, not when the cell is.
    """
    click = clicked_id = None
    if out:
        click, clicked_id = hl.clicked_cell(
            layer.grid, out.get("last_object_clicked"), out.get("last_object_clicked_tooltip")
        )
    if clicked_id and click != st.session_state.get("hs_last_click"):
        st.session_state["hs_last_click"] = click
        st.session_state["hs_cell"] = clicked_id
    # The busiest cell of each place, after a clicked cell.
    options = list(
        dict.fromkeys([*([clicked_id] if clicked_id else []), *(c.cell_ids[0] for c in places)])
    )
    if st.session_state.get("hs_cell") not in (*options, None):
        st.session_state["hs_cell"] = None
    st.caption(t("hotspots.click_hint"))

    def label(cell: str | None) -> str:
        """A cell of a place is offered with the place's name, any other by its code."""
        if cell is None:
            return "–"
        if cell in place_of:
            return t("hotspots.cell.option", cell=cell, place=place_of[cell])
        return cell

    chosen: str | None = st.selectbox(
        t("hotspots.cell.pick"), [None, *options], format_func=label, key="hs_cell"
    )
    return chosen


def show_cell(
    cell_id: str,
    incidents: pd.DataFrame,
    tree: CategoryTree,
    query: IncidentQuery,
    period: Period,
    place_of: dict[str, str],
) -> None:
    """The cell's incidents by category, its monthly trend over a year, weekday × hour."""
    lang = config().language
    st.subheader(t("hotspots.cell.title", cell=cell_id))
    detail = hl.cell_detail(incidents, cell_id, tree, lang=lang)
    trend_start = (period.end - timedelta(days=365)).replace(day=1)
    cell_query = replace(query, start=trend_start, bbox=hl.cell_bounds(cell_id))
    trend = hl.cell_detail(
        queries.incidents(cell_query), cell_id, tree, months=(trend_start, period.end)
    )
    place = place_of.get(cell_id)
    st.markdown(t("hotspots.cell.total", n=detail.total, place=f" – {md(place)}" if place else ""))
    col1, col2 = st.columns(2)
    with col1:
        _by_category(detail)
    with col2:
        _trend(trend, lang)
    if detail.profile.matrix.sum():
        _weekday_hour(detail)
    if detail.windows:
        st.caption(
            t(
                "hotspots.cell.windows",
                windows=", ".join(w.label(config().language) for w in detail.windows),
            )
        )
    if detail.profile.n_without_time:
        st.caption(t("hotspots.cell.no_time", n=detail.profile.n_without_time))


def _by_category(detail: hl.CellDetail) -> None:
    st.markdown(f"**{t('hotspots.cell.by_category')}**")
    if not detail.total:
        st.caption(t("hotspots.cell.empty"))
        return
    fig = px.bar(
        detail.by_category,
        x="count",
        y="label",
        orientation="h",
        labels={"count": t("hotspots.col.count"), "label": t("hotspots.col.category")},
    )
    fig.update_layout(height=300, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    st.plotly_chart(fig, width="stretch", key="hs_fig_cat")


def _trend(trend: hl.CellDetail, lang: str) -> None:
    st.markdown(f"**{t('hotspots.cell.trend')}**")
    fig, running = monthly_line(
        [m.date() for m in pd.to_datetime(trend.monthly["month"])],
        trend.monthly["count"].tolist(),
        today=date.today(),
        name=t("hotspots.col.count"),
        y_title=t("hotspots.col.count"),
        x_title=t("hotspots.col.month"),
        lang=lang,
    )
    st.plotly_chart(fig, width="stretch", key="hs_fig_trend", config=PLOTLY_CONFIG)
    if running:
        st.caption(incomplete_note("month", lang))


def _weekday_hour(detail: hl.CellDetail) -> None:
    st.markdown(f"**{t('hotspots.cell.weekday_hour')}**")
    heat = pd.DataFrame(
        detail.profile.matrix,
        index=[t(f"hotspots.weekday.{d}") for d in range(7)],
        columns=list(range(24)),
    )
    fig = px.imshow(
        heat,
        aspect="auto",
        color_continuous_scale="YlOrRd",
        labels={"x": t("hotspots.col.hour"), "y": t("hotspots.col.weekday"), "color": "n"},
    )
    fig.update_layout(height=280, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    st.plotly_chart(fig, width="stretch", key="hs_fig_heat")
