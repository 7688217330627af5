"""Handlingsplan: the joint action plan — who does what, where, by when; with history.

Members read; analysts and administrators add and edit (checked again in
``est_geo.handlingsplan`` before anything is written).
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from est_geo.access import Action, allowed
from est_geo.audit import changes_text, code_label
from est_geo.errors import EstGeoError
from est_geo.handlingsplan import (
    STATUS_LABELS_SV,
    ActionItem,
    add_item,
    drawn_shapes,
    filter_items,
    shape_label,
    update_item,
)
from est_geo.markup import escape_markdown as md
from est_geo.model import ACTOR_LABELS_SV, Actor
from est_geo.store.meeting import MeetingStore
from ui import banner, context, data, filters, page
from ui.lagesbild.view import current_user

role = page.open_page("handlingsplan")
t = context.t
store = context.store()
st.title(t("plan.title"))
if not isinstance(store, MeetingStore):
    context.fail(EstGeoError("Databasen har ingen handlingsplan (uppgradera EST Geo)."))

areas = data.areas()
names = dict(zip((str(c) for c in areas["code"]), (str(n) for n in areas["name"]), strict=True))
actor_keys = [a.value for a in Actor]
status_keys = list(STATUS_LABELS_SV)
today = filters.anchor_date()

# -- filters ---------------------------------------------------------------------------
st.sidebar.header(t("filter.header"))
f_areas = st.sidebar.multiselect(
    t("plan.filter.area"),
    list(names),
    format_func=lambda c: names[c],
    placeholder=t("filter.all"),
    select_all=False,
)
f_actors = st.sidebar.multiselect(
    t("plan.filter.actor"),
    actor_keys,
    format_func=lambda a: ACTOR_LABELS_SV.get(a, a),
    placeholder=t("filter.all"),
    select_all=False,
)
f_status = st.sidebar.multiselect(
    t("plan.filter.status"),
    status_keys,
    format_func=lambda s: STATUS_LABELS_SV[s],
    placeholder=t("filter.all"),
    select_all=False,
)
f_overdue = st.sidebar.checkbox(t("plan.filter.overdue"))

items = store.action_items()
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
interventions = store.interventions()
iv_names = {int(i): str(n) for i, n in zip(interventions["id"], interventions["name"], strict=True)}
# The drawings saved on the Åtgärder page, offered (and shown) as an item's drawn "where".
shapes = drawn_shapes(store.get_intervention(i) for i in iv_names)


def _where(item: ActionItem) -> str:
    parts = []
    if item.area_code:
        parts.append(names.get(item.area_code, item.area_code))
    if item.intervention_id is not None:
        parts.append(
            iv_names.get(item.intervention_id)
            or t("plan.intervention_gone", id=item.intervention_id)
        )
    if item.shape_wkt:
        label = shape_label(item.shape_wkt, shapes)
        parts.append(t("plan.shape_named", name=label) if label else t("plan.shape"))
    return ", ".join(parts)


if shown:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "#": i.id,
                    t("plan.col.what"): i.title,
                    t("plan.col.where"): _where(i),
                    t("plan.col.who"): i.actor_label,
                    t("plan.col.due"): i.due_date,
                    t("plan.col.status"): i.status_label,
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
else:
    st.info(t("plan.empty"))

shape_by_key = {str(s.intervention_id): s for s in shapes}


def _shown(field: str, value: object) -> str:
    """An audited field's value as the page shows it (labels, names), for the history."""
    labels: dict[str, dict[str, str]] = {
        "actor": dict(ACTOR_LABELS_SV),
        "status": dict(STATUS_LABELS_SV),
        "area_code": names,
    }
    if field in labels:
        return labels[field].get(str(value), str(value))
    if field == "intervention_id":
        return iv_names.get(int(str(value)), t("plan.intervention_gone", id=value))
    if field == "shape_wkt":
        return t("plan.shape")
    return str(value)


def _history(item_id: int) -> None:
    """The item's audit trail in words: when, who, what happened, what changed."""
    lang = context.config().language
    h = store.action_item_history(item_id)
    st.dataframe(
        pd.DataFrame(
            {
                t("audit.col.at"): h["at"],
                t("audit.col.user"): h["user"],
                t("audit.col.action"): [code_label("action", a, lang) for a in h["action"]],
                t("audit.col.changes"): [
                    changes_text(b, a, lang=lang, shown=_shown)
                    for b, a in zip(h["before"], h["after"], strict=True)
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )


#: Session key: the title of the item just added, confirmed once after the rerun.
_ADDED = "plan_added_title"


def _form(item: ActionItem, *, key: str, submit: str, clear: bool = False) -> ActionItem | None:
    """Fields of an item; returns the edited item when the form is submitted.

    ``clear`` empties the fields after a submit (a new item), so the next one starts blank.
    """
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
        current = shape_label(item.shape_wkt, shapes)
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
            actor_keys,
            index=actor_keys.index(item.actor) if item.actor in actor_keys else 0,
            format_func=lambda a: ACTOR_LABELS_SV.get(a, a),
        )
        status = c2.selectbox(
            t("plan.status"),
            status_keys,
            index=status_keys.index(item.status) if item.status in status_keys else 0,
            format_func=lambda s: STATUS_LABELS_SV[s],
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


if allowed(role, Action.EDIT_ACTION_PLAN) and not store.read_only:
    new_tab, edit_tab = st.tabs([t("plan.new"), t("plan.edit")])
    with new_tab:
        blank = ActionItem(
            title="", actor="kommun", area_code="NKP-KLO" if "NKP-KLO" in names else None
        )
        added = st.session_state.pop(_ADDED, None)
        if added:
            st.success(t("plan.added_named", title=md(added)))
        created = _form(blank, key="plan_new", submit=t("plan.add"), clear=True)
        if created is not None:
            try:
                add_item(store, created, role=role, user=current_user())
            except EstGeoError as exc:
                st.error(md(exc))
            else:
                st.session_state[_ADDED] = created.title  # said after the rerun
                st.rerun()
    with edit_tab:
        by_id = {i.id: i for i in items if i.id is not None}
        if by_id:
            pick = st.selectbox(
                t("plan.pick"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}"
            )
            edited = _form(by_id[pick], key=f"plan_edit_{pick}", submit=t("plan.update"))
            if edited is not None:
                try:
                    update_item(store, edited, role=role, user=current_user())
                except EstGeoError as exc:
                    st.error(md(exc))
                else:
                    st.success(t("plan.updated"))
                    st.rerun()
            with st.expander(t("plan.history")):
                _history(pick)
        else:
            st.info(t("plan.empty"))
else:
    st.info(t("plan.readonly"))
    if shown:
        by_id = {i.id: i for i in shown if i.id is not None}
        pick = st.selectbox(
            t("plan.history"), list(by_id), format_func=lambda i: f"#{i} {by_id[i].title}"
        )
        _history(pick)
banner.data_footer()
