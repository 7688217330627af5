"""Möte: presentation mode for the meeting room — one saved view at a time, big.

The sidebar starts collapsed, type is large, the map takes the full width, and the
agenda (an ordered list of saved views) is stepped through with Föregående/Nästa; agenda
and step are in the URL. Wiring only: the step bar is :mod:`ui.mote.agenda`, the item
:mod:`ui.mote.item`.
"""

from __future__ import annotations

import streamlit as st

from est_geo.store.meeting import MeetingStore
from ui import banner, context, page
from ui.context import t
from ui.lagesbild import view
from ui.mote import agenda, item

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")
role = page.open_page("mote")
store = context.store()
st.html(view.MEETING_CSS)

agendas = store.agendas() if isinstance(store, MeetingStore) else []
if not isinstance(store, MeetingStore) or not agendas:
    st.title(t("page.mote"))
    st.info(t("mote.no_agenda"))
    st.stop()

step = agenda.choose(store, agendas)
if step.saved is None:
    st.warning(t("mote.missing_view"))
    st.stop()
as_lagesbild = item.show(step.saved, step.view_id, role)
banner.data_footer()
if not as_lagesbild:
    # Stopped, as before: a stopped run keeps the values of widgets it did not draw (the
    # previous item's map, the page before), which a completed run would drop.
    st.stop()
