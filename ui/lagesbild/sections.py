"""The Lägesbild's sections below the figures: map, priorities, growing places, tables."""

from __future__ import annotations

import streamlit as st

from est_geo.core.markup import escape_markdown as md
from est_geo.core.periods import ReportPeriod
from est_geo.core.views import ViewState
from est_geo.i18n import label
from est_geo.meeting.lagesbild import Lagesbild
from est_geo.meeting.period_names import period_label
from ui import context, filters
from ui.context import t
from ui.lagesbild import view


def heading(lb: Lagesbild, period: ReportPeriod) -> None:
    """Title and the periods compared, then the figures."""
    st.html(view.ROOM_CSS)
    st.title(t("lagesbild.title", area=md(lb.area_name)))
    st.markdown(
        t(
            "lagesbild.subtitle",
            period=f"**{md(period_label(period, context.config().language))}**",
            previous=period.previous.label(),
            last_year=period.last_year.label(),
        )
    )
    view.figures(lb)


def map_and_priorities(
    lb: Lagesbild, lb_key: view.LagesbildKey, state: ViewState
) -> tuple[tuple[float, float] | None, int | None]:
    """The map with its notes beside the priorities and growing places; the map's position
    (``None`` until the map has reported one)."""
    left, right = st.columns([3, 2])
    with left:
        st.subheader(t("lagesbild.map"))
        center, zoom = view.lagesbild_map(lb, lb_key, state, key="lagesbild_map")
        st.caption(t("lagesbild.map.caption", cell=lb.parameters.get("cell_size", 100)))
        for note in lb.notes:
            st.caption(md(note))
    with right:
        view.priorities(lb)
        st.subheader(t("lagesbild.growing"))
        if lb.growing:
            view.table(
                [
                    {
                        t("lagesbild.col.place"): c.place or "–",
                        t("lagesbild.col.pattern"): c.emerging_label(context.config().language),
                        t("lagesbild.col.reports"): c.count,
                    }
                    for c in lb.growing[:8]
                ]
            )
        else:
            st.info(t("lagesbild.no_growing"))
    return center, zoom


def series(lb: Lagesbild, lb_key: view.LagesbildKey) -> None:
    """Reports over time, this period against the comparison periods."""
    st.subheader(t("lagesbild.series"))
    view.series_chart(lb, lb_key)


def interventions_and_indicators(lb: Lagesbild) -> None:
    """Interventions in the area beside its indicators with a verdict each."""
    lang = context.config().language
    c1, c2 = st.columns(2)
    with c1:
        st.subheader(t("lagesbild.interventions"))
        if lb.interventions:
            view.table(
                [
                    {
                        t("lagesbild.col.name"): r.name,
                        t("lagesbild.col.kind"): label("intervention.kind", r.kind, lang),
                        t("lagesbild.col.status"): label("intervention.status", r.status, lang),
                        t("lagesbild.col.owner"): label("actor", r.owner_actor, lang),
                    }
                    for r in lb.interventions
                ]
            )
        else:
            st.info(t("lagesbild.no_interventions"))
    with c2:
        st.subheader(t("lagesbild.indicators"))
        if lb.indicators:
            verdicts = {True: t("lagesbild.better"), False: t("lagesbild.worse"), None: "–"}
            view.table(
                [
                    {
                        t("lagesbild.col.indicator"): f"{i.name_in(lang)} ({i.unit_in(lang)})",
                        t("lagesbild.col.value"): i.value,
                        t("lagesbild.col.period"): i.period,
                        t("lagesbild.col.previous"): i.previous_value,
                        t("lagesbild.col.verdict"): verdicts[i.better],
                    }
                    for i in lb.indicators
                ]
            )
        else:
            st.info(t("lagesbild.no_indicators"))


def action_plan(lb: Lagesbild) -> None:
    """The action plan's items for the area, overdue ones marked."""
    st.subheader(t("lagesbild.plan"))
    if not lb.action_items:
        st.info(t("lagesbild.no_plan"))
        return
    view.table(
        [
            {
                t("plan.col.what"): i.title,
                t("plan.col.who"): label("actor", i.actor, context.config().language),
                t("plan.col.due"): i.due_date,
                t("plan.col.status"): label("action.status", i.status, context.config().language),
                t("plan.col.overdue"): i.is_overdue(filters.anchor_date()),
            }
            for i in lb.action_items
        ]
    )
