"""The plan's filters (sidebar), the count line and the table of the items shown."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from est_geo.core.model import ActionItem, ActionStatus, Actor
from est_geo.i18n import label
from est_geo.meeting.handlingsplan import filter_items
from ui.context import config, t
from ui.filters import any_of
from ui.handlingsplan.places import Places

ACTOR_KEYS = [a.value for a in Actor]
STATUS_KEYS = [s.value for s in ActionStatus]


def filtered(items: list[ActionItem], places: Places, today: date) -> list[ActionItem]:
    """The sidebar's filters applied to ``items``; the count line says how many of how many."""
    st.sidebar.header(t("filter.header"))
    f_areas = any_of(
        st.sidebar,
        t("plan.filter.area"),
        list(places.names),
        format_func=lambda c: places.names[c],
    )
    f_actors = any_of(
        st.sidebar,
        t("plan.filter.actor"),
        ACTOR_KEYS,
        format_func=lambda a: label("actor", a, config().language),
    )
    f_status = any_of(
        st.sidebar,
        t("plan.filter.status"),
        STATUS_KEYS,
        format_func=lambda s: label("action.status", s, config().language),
    )
    f_overdue = st.sidebar.checkbox(t("plan.filter.overdue"))
    shown = filter_items(
        items,
        today=today,
        area_codes=f_areas or None,
        actors=f_actors or None,
        statuses=f_status or None,
        overdue_only=f_overdue,
    )
    overdue = sum(i.is_overdue(today) for i in items)
    st.markdown(t("plan.count", shown=len(shown), total=len(items), overdue=overdue))
    return shown


def show_table(shown: list[ActionItem], places: Places, today: date) -> None:
    """The items shown, one row each (or that there are none)."""
    if not shown:
        st.info(t("plan.empty"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "#": i.id,
                    t("plan.col.what"): i.title,
                    t("plan.col.where"): places.where(i),
                    t("plan.col.who"): label("actor", i.actor, config().language),
                    t("plan.col.due"): i.due_date,
                    t("plan.col.status"): label("action.status", i.status, config().language),
                    t("plan.col.overdue"): i.is_overdue(today),
                    t("plan.col.meeting"): i.meeting,
                    t("plan.col.notes"): i.notes,
                }
                for i in shown
            ]
        ),
        hide_index=True,
        width="stretch",
    )
