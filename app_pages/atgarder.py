"""Åtgärder: draw interventions, keep them, see what happens inside, evaluate the effect.

Map behaviour (see docs/interventions.md): saved interventions live in the Draw
plugin's own feature group on the base map, so they can be edited there; the base map
therefore changes — and remounts — only when the saved set changes (save, shape edit,
deletion), which also clears unsaved drawings. Zones of the current shape go through
``feature_group_to_add`` and zooming through ``center``/``zoom``: neither remounts.
Drawings are read from ``all_drawings`` (the whole draw layer after the last event), so
edits and toolbar deletions of saved shapes are seen, not just the last new shape.

This script is the wiring only; the sections are in ``ui.atgarder`` (state and session
keys, table, map, map edits and checks, form, analysis) and the logic in ``est_geo``.
"""

from __future__ import annotations

import streamlit as st

from ui import banner, filters, page
from ui.atgarder import analysis as atgarder_analysis
from ui.atgarder import edits as atgarder_edits
from ui.atgarder import form as atgarder_form
from ui.atgarder import map as atgarder_map
from ui.atgarder import state
from ui.atgarder import table as atgarder_table
from ui.context import t

role = page.open_page("atgarder")
selection = filters.sidebar_selection()

st.title(t("page.atgarder"))
ctx = state.load(role)
st.caption(t("atgarder.intro" if ctx.can_edit else "atgarder.intro_view"))
state.apply_pending_pick(ctx.by_id)  # before the pick box is drawn

atgarder_table.show_table(ctx)
pick = atgarder_table.pick_intervention(ctx)

# The map's last value (drawings) is read before the map is drawn, see ui.atgarder.map.
selected = atgarder_map.selected(ctx, pick)
ring_m, route_buffer = atgarder_map.zone_sizes(selected)
atgarder_map.show_map(ctx, selected, ring_m=ring_m, route_buffer=route_buffer)
atgarder_edits.show_map_edits(ctx, selected)
atgarder_edits.show_checks(ctx, selected)

atgarder_form.show_form(ctx, selected)
state.show_flash()

if selected.geometry is None:
    # Stopped rather than skipped: Streamlit keeps the values of widgets a *stopped* run
    # did not draw (ring width, evaluation settings), so they are back with the next shape.
    banner.data_footer()
    st.stop()
atgarder_analysis.show_analysis(ctx, selected, selection, ring_m=ring_m, route_buffer=route_buffer)
banner.data_footer()
