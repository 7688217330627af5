"""Saving a meeting agenda (an ordered list of saved views) from the Lägesbild page."""

from __future__ import annotations

import streamlit as st

from est_geo.access.roles import Action, Role, allowed
from est_geo.core.errors import EstGeoError
from est_geo.core.views import Agenda
from est_geo.store import Store
from est_geo.store.meeting import MeetingStore
from ui.context import error_md, t
from ui.lagesbild import view


def agenda_form(store: Store, role: Role, area_code: str) -> None:
    """The agenda form, for roles that save views, once any view is saved."""
    if not (
        isinstance(store, MeetingStore) and allowed(role, Action.SAVE_VIEWS) and not store.read_only
    ):
        return
    all_views = store.saved_views()
    if not all_views:
        return
    with st.form("save_agenda", clear_on_submit=True):
        st.markdown(f"**{t('views.agenda')}**")
        agenda_name = st.text_input(t("views.agenda_name"))
        by_id = {v.id: v for v in all_views if v.id is not None}
        chosen = st.multiselect(
            t("views.agenda_views"),
            list(by_id),
            format_func=lambda i: by_id[i].name,
            select_all=False,
            placeholder=t("filter.choose"),
        )
        if st.form_submit_button(t("views.save")):
            try:
                store.save_agenda(
                    Agenda(agenda_name, tuple(chosen), area_code=area_code),
                    user=view.current_user(),
                )
            except EstGeoError as exc:
                st.error(error_md(exc))
            else:
                st.success(t("views.agenda_saved"))
