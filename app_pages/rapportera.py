"""Rapportera: an authorised reporter enters one incident — place, category, time, actor, note.

The place is clicked on the map or typed (WGS84 lat, lon or SWEREF 99 TM E, N); both end
in the same coordinate field, so what is saved is what the reporter sees. Validation and
the write are :func:`est_geo.io.manual.save_manual_report`: the same checks as a file
import (inside the municipality, known category, not in the future) with every problem
listed at once. Wiring only: the map, form and confirmation are in :mod:`ui.rapportera`.
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.model import Actor
from est_geo.i18n import label_map
from est_geo.io.manual import preview_point
from ui import auth, banner, context, page, queries
from ui.context import t
from ui.rapportera import form, place, saved, state

role = page.open_page("rapportera")
cfg = context.config()
store = context.store()
user = auth.current_user_name()
tree = store.category_tree()
actor_labels = label_map("actor", [a.value for a in Actor], cfg.language)
state.start()

st.title(t("page.rapportera"))
st.caption(t("rapportera.intro"))
point = preview_point(*state.coordinate())
place.show_map(cfg, queries.areas(), point)

report = form.fields(tree, cfg.language, actor_labels, point)
form.save_button(store, report, user=user, role=role)
saved.show_saved(tree, cfg.language, actor_labels)
banner.data_footer()
