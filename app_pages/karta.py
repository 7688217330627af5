"""Karta: area outlines and this period's EST reports, with filters and a legend.

Points, counts and the table cover the chosen area (its polygon); the count sentence
says how many of the whole selection that is.

The whole view (area, period, filters, centre, zoom) is in the URL (``ui.shared_view``),
so a copied link or a saved view opens exactly this map for everyone.
"""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from est_geo.core.markup import escape_markdown
from est_geo.core.views import ViewState, fit_view
from est_geo.hotspots.layers import analysis_bbox, wgs84_bounds
from est_geo.hotspots.map import count_cell_group
from est_geo.maps import (
    area_outlines,
    base_map,
    class_breaks,
    incident_points,
    legend,
    ramp,
    range_labels,
    tiles_for,
)
from est_geo.maps.mapdata import (
    DEFAULT_MAX_POINTS,
    CellData,
    areas_for_display,
    category_colors,
    selection_display,
)
from ui import banner, context, filters, page, queries, shared_view

PAGE = "karta"
DEFAULT_AREA = "Klockaretorpet centrum"

role = page.open_page(PAGE)
cfg = context.config()
t = context.t
store = context.store()
tree = store.category_tree()
areas = queries.areas()
codes = [str(c) for c in areas["code"]]
names = dict(zip(codes, (str(n) for n in areas["name"]), strict=True))

# A link (query parameters) sets the widgets once, before they are drawn.
linked = shared_view.linked_state(PAGE)
if linked is not None:
    filters.apply_view(linked)
    if linked.area in names:
        st.session_state["karta_area"] = linked.area
selection = filters.sidebar_selection()
default_code = next((c for c in codes if names[c] == DEFAULT_AREA), codes[0])
area = st.sidebar.selectbox(
    t("views.area"),
    codes,
    # The session's value as default (never setdefault): see filters.session_default.
    index=codes.index(filters.session_default("karta_area", default_code)),
    format_func=lambda c: f"{names[c]} ({c})",
    key="karta_area",
)

st.title(t("page.karta"))
# Filtered and counted in the process's shared in-memory columns (no store read). The
# map, the counts and the table follow the chosen area: the incidents inside its polygon.
everything = queries.selection(selection.query)
chosen = everything.within(areas.geometry.iloc[codes.index(area)])
shown = selection_display(chosen, tree, lang=cfg.language)

colors = category_colors(tree)
tiles = tiles_for(cfg)
display_areas = areas_for_display(areas)
# The map starts where the link (or the area) points and keeps that base while the user
# stays here; another area or link moves it through st_folium's center/zoom instead.
requested = shared_view.requested_view(
    PAGE, linked, area, fit_view(wgs84_bounds(analysis_bbox(areas, [area])[0]))
)
(base_lat, base_lon), base_zoom = shared_view.base_view(PAGE, requested)
fmap = base_map(
    base_lat, base_lon, base_zoom, tiles, asset_base_url=cfg.static_url, prefer_canvas=True
)
area_outlines(display_areas, labels=tiles is None).add_to(fmap)
legend(
    t("map.legend.incidents"),
    [(colors[c.key], c.label(cfg.language)) for c in tree.main_categories()],
).add_to(fmap)

count_legend = None
if isinstance(shown, CellData):
    values = shown.cells["count"].tolist()
    breaks = class_breaks(values)
    labels = range_labels(breaks, min(values))
    # Compact rows the browser turns into squares: ~110 bytes a cell, not ~265 as GeoJSON.
    layer = count_cell_group(
        shown.cells, breaks, labels, name=t("map.legend.count"), unit=t("map.cell_unit")
    )
    count_legend = legend(t("map.legend.count"), list(zip(ramp(len(breaks)), labels, strict=True)))
else:
    layer = incident_points(
        shown.lat, shown.lon, shown.labels, shown.colors, max_points=DEFAULT_MAX_POINTS
    )

out = st_folium(
    fmap,
    feature_group_to_add=[layer],
    center=requested[0],
    zoom=requested[1],
    key="karta_map",
    height=620,
    use_container_width=True,
    returned_objects=["center", "zoom"],
)
center, zoom = shared_view.current_position(out, requested)

total = len(chosen)
if total == 0:
    st.info(t("map.none"))
elif count_legend is not None:
    st.caption(t("map.aggregated", cell=shown.cell_size))
    st.html(count_legend.html)
st.markdown(
    t(
        "map.shown",
        shown=total,
        total=len(everything),
        area=escape_markdown(names[area]),
        period=selection.period.label(),
    )
)
if tiles is None:
    st.caption(t("map.no_tiles"))

if total:
    by_main: dict[str, int] = {}
    for key, n in chosen.by_category().items():
        by_main[tree.main_of(key)] = by_main.get(tree.main_of(key), 0) + n
    ranked = sorted(by_main.items(), key=lambda kv: -kv[1])
    st.subheader(t("table.by_category"))
    st.dataframe(
        {
            t("col.category"): [tree.label(k, cfg.language) for k, _ in ranked],
            t("col.count"): [n for _, n in ranked],
        },
        hide_index=True,
    )

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
