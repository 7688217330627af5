"""The sidebar filters shared by the map pages: period, categories, actors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import streamlit as st

from est_geo.model import ACTOR_LABELS_EN, ACTOR_LABELS_SV, Actor
from est_geo.periods import PRESET_ORDER, Period, preset_period
from est_geo.store import IncidentQuery
from ui import context


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar."""

    period: Period
    query: IncidentQuery


def anchor_date() -> date:
    """The day 'this period' ends: today, or the last day of demo data."""
    meta = context.store().meta()
    if meta.get("demo") == "true" and meta.get("demo_end_date"):
        return min(date.today(), date.fromisoformat(meta["demo_end_date"]))
    return date.today()


def _period_widget(today: date) -> Period:
    t = context.t
    preset = st.sidebar.selectbox(
        t("filter.period"),
        PRESET_ORDER,
        index=1,
        format_func=lambda k: t(f"filter.period.{k}"),
        key="f_period",
    )
    if preset != "egen":
        return preset_period(preset, today=today)
    default = (today - timedelta(days=27), today)
    picked = st.sidebar.date_input(t("filter.dates"), value=default, key="f_dates")
    if isinstance(picked, tuple) and len(picked) == 2:
        return Period(picked[0], picked[1] + timedelta(days=1))
    return preset_period("4veckor", today=today)


def _category_widget() -> frozenset[str] | None:
    tree = context.store().category_tree()
    lang = context.config().language
    keys = [c.key for c in tree.categories]
    chosen = st.sidebar.multiselect(
        context.t("filter.categories"),
        keys,
        format_func=lambda k: tree.label(k, lang),
        help=context.t("filter.categories.help"),
        placeholder=context.t("filter.all"),
        key="f_categories",
    )
    return frozenset(tree.expand(chosen)) if chosen else None


def _actor_widget() -> frozenset[str] | None:
    labels = ACTOR_LABELS_EN if context.config().language == "en" else ACTOR_LABELS_SV
    chosen = st.sidebar.multiselect(
        context.t("filter.actors"),
        [a.value for a in Actor],
        format_func=lambda a: labels.get(a, a),
        placeholder=context.t("filter.all"),
        key="f_actors",
    )
    return frozenset(chosen) if chosen else None


def sidebar_selection() -> Selection:
    """Render the filters and return the selection as a store query."""
    st.sidebar.header(context.t("filter.header"))
    period = _period_widget(anchor_date())
    query = IncidentQuery(
        start=datetime.combine(period.start, datetime.min.time()),
        end=datetime.combine(period.end, datetime.min.time()),
        categories=_category_widget(),
        actors=_actor_widget(),
    )
    return Selection(period=period, query=query)
