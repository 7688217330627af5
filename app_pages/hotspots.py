"""Hotspots: where and when incidents concentrate — points, density, grid, Gi*, emerging.

Wiring only: widgets (``ui.hotspots.choices``) → the analysis, shared by every session
(``ui.hotspots.analysis`` over :mod:`est_geo.hotspots.run` and
:mod:`est_geo.hotspots.layers`) → map, summary, places, cell detail and downloads
(``ui.hotspots``). The base map never changes between reruns; the mode's layer and legend
travel in ``feature_group_to_add`` so a filter or mode change does not remount the map.
Area, period, filters, mode, centre and zoom are in the URL (``ui.shared_view``): a
copied link or a saved view opens this view.
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.views import ViewState
from ui import banner, context, filters, page, queries, shared_view
from ui.context import t
from ui.hotspots import analysis, cell, choices, downloads, places
from ui.hotspots.map import PAGE, show_map

role = page.open_page(PAGE)
cfg = context.config()
tree = context.store().category_tree()
areas = queries.areas()
names = choices.area_names(areas)

linked = shared_view.linked_state(PAGE)
if linked is not None:  # a link sets the widgets once, before they are drawn
    choices.apply_link(linked, names)
selection = filters.sidebar_selection()
chosen_areas, options = choices.sidebar(names)

st.title(t("page.hotspots"))
st.caption(t("hotspots.intro"))
mode = choices.mode()
options = choices.bandwidth(options, mode)

request, run = analysis.run(mode, options, areas, chosen_areas, selection, tree)
layer, period = run.layer, selection.period
chosen_codes = sorted(names.code_of[n] for n in chosen_areas)
out, center, zoom = show_map(
    cfg,
    areas,
    layer,
    tree,
    mode=mode,
    linked=linked,
    chosen_codes=chosen_codes,
    bbox=request.bbox,
)
analysis.show_summary(layer, run.incidents, mode, period)

top = places.show_places(layer, areas)
place_of = places.place_of_cells(top)
cell_id = cell.pick(out, layer, top, place_of)
if cell_id:
    cell.show_cell(cell_id, run.incidents, tree, request.query, period, place_of)

downloads.show_downloads(layer, mode, period)

state = ViewState(
    page=PAGE,
    area=chosen_codes[0] if chosen_codes else None,
    areas=tuple(chosen_codes[1:]),
    period=selection.period_code,
    categories=selection.categories,
    actors=selection.actors,
    layers=("omraden", "hotspots"),
    mode=mode,
    center=center,
    zoom=zoom,
    options=options.to_options(),
)
area_label = ", ".join(chosen_areas) or t("filter.all")
shared_view.views_panel(state, role=role, area_name=area_label, key="hs")
banner.data_footer()
