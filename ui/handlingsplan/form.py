"""Adding and editing items (analysts, administrators), or reading the history (members)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from est_geo.access.roles import Action, Role, allowed
from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import ActionItem
from est_geo.i18n import label
from est_geo.meeting.handlingsplan import add_item, shape_label, update_item
from est_geo.store.meeting import MeetingStore
from ui.context import config, error_md, t
from ui.handlingsplan.history import show_history
from ui.handlingsplan.places import Places
from ui.handlingsplan.table import ACTOR_KEYS, STATUS_KEYS
from ui.lagesbild.view import current_user

#: Session key: the title of the item just added, confirmed once after the rerun.
_ADDED = "plan_added_title"


def edit_or_read(
    store: MeetingStore,
    role: Role,
    items: list[ActionItem],
    shown: list[ActionItem],
    places: Places,
) -> None:
    """New and edit tabs for roles that edit the plan; otherwise an item's history."""
    if allowed(role, Action.EDIT_ACTION_PLAN) and not store.read_only:
        new_tab, edit_tab = st.tabs([t("plan.new"), t("plan.edit")])
        with new_tab:
            _new(store, role, places)
        with edit_tab:
            _edit(store, role, items, places)
        return
    st.info(t("plan.readonly"))
    if shown:
        by_id = {i.id: i for i in shown if i.id is not None}
        pick = st.selectbox(
            t("plan.history"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}"
        )
        show_history(store, pick, places)


def _new(store: MeetingStore, role: Role, places: Places) -> None:
    blank = ActionItem(
        title="", actor="kommun", area_code="NKP-KLO" if "NKP-KLO" in places.names else None
    )
    added = st.session_state.pop(_ADDED, None)
    if added:
        st.success(t("plan.added_named", title=md(added)))
    created = _form(blank, places, key="plan_new", submit=t("plan.add"), clear=True)
    if created is not None:
        try:
            add_item(store, created, role=role, user=current_user())
        except EstGeoError as exc:
            st.error(error_md(exc))
        else:
            st.session_state[_ADDED] = created.title  # said after the rerun
            st.rerun()


def _edit(store: MeetingStore, role: Role, items: list[ActionItem], places: Places) -> None:
    by_id = {i.id: i for i in items if i.id is not None}
    if not by_id:
        st.info(t("plan.empty"))
        return
    pick = st.selectbox(t("plan.pick"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}")
    edited = _form(by_id[pick], places, key=f"plan_edit_{pick}", submit=t("plan.update"))
    if edited is not None:
        try:
            update_item(store, edited, role=role, user=current_user())
        except EstGeoError as exc:
            st.error(error_md(exc))
        else:
            st.success(t("plan.updated"))
            st.rerun()
    with st.expander(t("plan.history")):
        show_history(store, pick, places)


def _form(
    item: ActionItem, places: Places, *, key: str, submit: str, clear: bool = False
) -> ActionItem | None:
    """Fields of an item; returns the edited item when the form is submitted.

    ``clear`` empties the fields after a submit (a new item), so the next one starts blank.
    """
    names, iv_names, shape_by_key = places.names, places.iv_names, places.shape_by_key
    with st.form(key, clear_on_submit=clear):
        title = st.text_input(t("plan.what"), value=item.title)
        area_opts = ["", *names]
        area = st.selectbox(
            t("plan.where_area"),
            area_opts,
            index=area_opts.index(item.area_code or ""),
            format_func=lambda c: names.get(c, t("plan.none")),
        )
        iv_opts: list[int | None] = [None, *iv_names]
        iv = st.selectbox(
            t("plan.where_intervention"),
            iv_opts,
            index=iv_opts.index(item.intervention_id) if item.intervention_id in iv_opts else 0,
            format_func=lambda i: t("plan.none") if i is None else iv_names[i],
        )
        current = shape_label(item.shape_wkt, places.shapes)
        shape_opts = [
            "",
            *(["current"] if item.shape_wkt and current is None else []),
            *shape_by_key,
        ]
        chosen = next((k for k, s in shape_by_key.items() if s.label == current), None)
        shape_key = st.selectbox(
            t("plan.where_shape"),
            shape_opts,
            index=shape_opts.index(chosen or ("current" if "current" in shape_opts else "")),
            format_func=lambda k: (
                {"": t("plan.none"), "current": t("plan.shape")}.get(k) or shape_by_key[k].label
            ),
            help=t("plan.where_shape.help"),
        )
        c1, c2 = st.columns(2)
        actor = c1.selectbox(
            t("plan.who"),
            ACTOR_KEYS,
            index=ACTOR_KEYS.index(item.actor) if item.actor in ACTOR_KEYS else 0,
            format_func=lambda a: label("actor", a, config().language),
        )
        status = c2.selectbox(
            t("plan.status"),
            STATUS_KEYS,
            index=STATUS_KEYS.index(item.status) if item.status in STATUS_KEYS else 0,
            format_func=lambda s: label("action.status", s, config().language),
        )
        due = c1.date_input(t("plan.due"), value=item.due_date, format="YYYY-MM-DD")
        meeting_date = c2.date_input(
            t("plan.meeting_date"), value=item.meeting_date, format="YYYY-MM-DD"
        )
        meeting = st.text_input(t("plan.meeting"), value=item.meeting)
        notes = st.text_area(t("plan.notes"), value=item.notes)
        if not st.form_submit_button(submit):
            return None
    return replace(
        item,
        title=title,
        area_code=area or None,
        shape_wkt=item.shape_wkt
        if shape_key == "current"
        else (shape_by_key[shape_key].wkt if shape_key else None),
        intervention_id=iv,
        actor=actor,
        status=status,
        due_date=due if not isinstance(due, tuple) else None,
        meeting_date=meeting_date if not isinstance(meeting_date, tuple) else None,
        meeting=meeting,
        notes=notes,
    )
