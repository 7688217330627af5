"""Indikatorer: choropleths of indicator layers, two layers compared, scatter, trend, table.

This script is the wiring only; the sections are in ``ui.indikatorer`` (stored and
derived values and the joins, choices, map, notes, tabs, catalogue) and the logic in
``est_geo.indicators``.
"""

from __future__ import annotations

import streamlit as st

from ui import banner, page
from ui.context import t
from ui.indikatorer import catalogue as indikatorer_catalogue
from ui.indikatorer import choices as indikatorer_choices
from ui.indikatorer import maps as indikatorer_maps
from ui.indikatorer import notes as indikatorer_notes
from ui.indikatorer import state
from ui.indikatorer import tabs as indikatorer_tabs

role = page.open_page("indikatorer")

st.title(t("page.indikatorer"))
st.caption(t("indikatorer.intro"))

ind = state.load(indikatorer_choices.area_version())
if not ind.available or ind.areas.empty:
    st.info(t("indikatorer.none"))
    banner.data_footer()
    st.stop()

choices = indikatorer_choices.choose(ind)
if not choices.levels:
    st.info(t("indikatorer.pick_level"))
    banner.data_footer()
    st.stop()

layer_a, layer_b = state.build_layers(ind, choices)
indikatorer_maps.show_map(ind, choices, layer_a, layer_b)
indikatorer_notes.show_notes(ind, layer_a, layer_b, choices.min_n)
indikatorer_tabs.show_tabs(ind, choices, layer_a, layer_b)
indikatorer_catalogue.show_catalogue(ind, role)
banner.data_footer()
