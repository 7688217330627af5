"""Karta: area outlines and this period's EST reports, with filters and a legend."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from est_geo.mapdata import (
    DEFAULT_MAX_POINTS,
    CellData,
    areas_for_display,
    category_colors,
    default_view,
    incident_display,
)
from est_geo.maps import (
    TileConfig,
    area_outlines,
    base_map,
    class_breaks,
    count_cells,
    incident_points,
    legend,
    ramp,
    range_labels,
)
from ui import banner, context, data, filters, page

DEFAULT_AREA = "Klockaretorpet centrum"

page.open_page("karta")
selection = filters.sidebar_selection()
cfg = context.config()
t = context.t
store = context.store()
tree = store.category_tree()

st.title(t("page.karta"))
areas = data.areas()
incidents = data.incidents(selection.query)
shown = incident_display(incidents, tree, lang=cfg.language)

colors = category_colors(tree)
tiles = TileConfig(cfg.tile_url, cfg.tile_attribution) if cfg.tile_url else None
display_areas = areas_for_display(areas)
(south, west), (north, east) = view = default_view(areas, DEFAULT_AREA)
fmap = base_map(
    (south + north) / 2,
    (west + east) / 2,
    16,
    tiles,
    bounds=view,
    asset_base_url=cfg.static_url,
)
area_outlines(display_areas).add_to(fmap)
legend(
    t("map.legend.incidents"),
    [(colors[c.key], c.label(cfg.language)) for c in tree.main_categories()],
).add_to(fmap)

count_legend = None
if isinstance(shown, CellData):
    values = shown.cells["count"].tolist()
    breaks = class_breaks(values)
    layer = count_cells(
        shown.cells, breaks=breaks, name=t("map.legend.count"), tooltip_format="{value:g} st"
    )
    count_legend = legend(
        t("map.legend.count"),
        list(zip(ramp(len(breaks)), range_labels(breaks, min(values)), strict=True)),
    )
else:
    layer = incident_points(
        shown.lat, shown.lon, shown.labels, shown.colors, max_points=DEFAULT_MAX_POINTS
    )

st_folium(
    fmap,
    feature_group_to_add=[layer],
    key="karta_map",
    height=620,
    use_container_width=True,
    returned_objects=[],
)

total = len(incidents)
if total == 0:
    st.info(t("map.none"))
elif count_legend is not None:
    st.caption(t("map.aggregated", cell=shown.cell_size))
    st.html(count_legend.html)
st.markdown(t("map.shown", shown=total, total=total, period=selection.period.label()))
if tiles is None:
    st.caption(t("map.no_tiles"))

if total:
    by_cat = (
        incidents.assign(main=incidents["category"].map(tree.main_of))
        .groupby("main")
        .size()
        .sort_values(ascending=False)
    )
    st.subheader(t("table.by_category"))
    st.dataframe(
        {
            t("col.category"): [tree.label(k, cfg.language) for k in by_cat.index],
            t("col.count"): by_cat.to_list(),
        },
        hide_index=True,
    )
banner.data_footer()
