"""Data: import incident files (previewed, validated, all or nothing), area layers and
indicator values (``ui/data/area_import.py``), Polisen events, exports.

The page only collects choices and shows results; reading, mapping, CRS detection,
validation and the one-transaction write are :mod:`est_geo.io`. The preview runs
:func:`plan_incident_import` (writes nothing) with exactly the mapping and CRS that the
import button then hands to :func:`import_incidents`, so what the user confirms is what
gets written. Plans are kept per session for the last few choices, so changing a
selectbox does not re-read a large file.

This script is the wiring only; the tabs are in ``ui.data`` (shared state and the
problem report, incident import and its column choices, SCB, Polisen, export) and
``ui.data.area_import``.
"""

from __future__ import annotations

import streamlit as st

from ui import banner, filters, page
from ui.context import t
from ui.data import area_import, state
from ui.data import export as data_export
from ui.data import incidents as data_incidents
from ui.data import polisen as data_polisen
from ui.data import scb as data_scb

role = page.open_page("data")
selection = filters.sidebar_selection()
ctx = state.load(role, selection)

st.title(t("page.data"))
st.caption(t("data.intro"))

tab_import, tab_areas, tab_scb, tab_polisen, tab_export = st.tabs(
    [
        t("data.tab.import"),
        t("area_import.tab"),
        t("scb.tab"),
        t("data.tab.polisen"),
        t("data.tab.export"),
    ]
)
with tab_import:
    data_incidents.show_import(ctx)
with tab_areas:
    area_import.render(ctx.store, role=role, user=ctx.user)
with tab_scb:
    data_scb.show_scb(ctx)
with tab_polisen:
    data_polisen.show_polisen(ctx)
with tab_export:
    data_export.show_export(ctx)
banner.data_footer()
