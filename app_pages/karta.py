"""Karta: area outlines and this period's EST reports, with filters and a legend.

Points, counts and the table cover the chosen area (its polygon); the count sentence
says how many of the whole selection that is. Wiring only: the area choice, the map and
what is below it are in :mod:`ui.karta`, the map data in :mod:`est_geo.maps.mapdata`.

The whole view (area, period, filters, centre, zoom) is in the URL (``ui.shared_view``),
so a copied link or a saved view opens exactly this map for everyone.
"""

from __future__ import annotations

import streamlit as st

from est_geo.core.views import ViewState
from est_geo.maps import tiles_for
from ui import banner, context, filters, page, queries, shared_view
from ui.context import t
from ui.karta import choices, summary, view
from ui.karta.choices import PAGE
from ui.karta.map import show_map

role = page.open_page(PAGE)
cfg = context.config()
tree = context.store().category_tree()
areas = queries.areas()
names = choices.area_names(areas)

linked = shared_view.linked_state(PAGE)
if linked is not None:  # a link sets the widgets once, before they are drawn
    choices.apply_link(linked, names)
selection = filters.sidebar_selection()
area = choices.area(names)

st.title(t("page.karta"))
# Filtered and counted in the process's shared in-memory columns (no store read). The
# map, the counts and the table follow the chosen area: the incidents inside its polygon.
everything = queries.selection(selection.query)
key = view.view_key(everything, selection.query, area, tree)
polygon = areas.geometry.iloc[list(names).index(area)]
chosen, shown = view.chosen_and_shown(key, everything, polygon, tree)

tiles = tiles_for(cfg)
center, zoom, count_legend = show_map(cfg, areas, area, shown, tree, linked, tiles, key=key)
summary.show_counts(
    chosen,
    everything,
    shown,
    count_legend,
    area_name=names[area],
    period=selection.period,
    no_tiles=tiles is None,
)
summary.show_table(chosen, tree, cfg.language)

state = ViewState(
    page=PAGE,
    area=area,
    period=selection.period_code,
    categories=selection.categories,
    actors=selection.actors,
    layers=("omraden", "handelser"),
    mode="handelser",
    center=center,
    zoom=zoom,
)
shared_view.views_panel(state, role=role, area_name=names[area], key=PAGE)
banner.data_footer()
