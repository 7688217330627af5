"""Handlingsplan: the joint action plan — who does what, where, by when; with history.

Members read; analysts and administrators add and edit (checked again in
``est_geo.meeting.handlingsplan`` before anything is written). Wiring only: filters, table,
history and forms are in :mod:`ui.handlingsplan`.
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.store.meeting import MeetingStore
from ui import banner, context, filters, page, queries
from ui.context import t
from ui.handlingsplan import form, places, table

role = page.open_page("handlingsplan")
store = context.store()
st.title(t("plan.title"))
if not isinstance(store, MeetingStore):
    context.fail(keyed_error(EstGeoError, "plan.error.no_plan"))

where = places.load(store, queries.areas())
today = filters.anchor_date()
items = store.action_items()
shown = table.filtered(items, where, today)
table.show_table(shown, where, today)
form.edit_or_read(store, role, items, shown, where)
banner.data_footer()
