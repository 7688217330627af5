"""Hotspots: where and when incidents concentrate — points, density, grid, Gi*, emerging.

Thin page: widgets → :mod:`est_geo.hotspot_layers` (analysis, layer, exports, cell
detail) → :mod:`est_geo.hotspot_map` (folium group) → render. The base map never changes
between reruns; the mode's layer and legend travel in ``feature_group_to_add`` so a
filter or mode change does not remount the map. Area, period, filters, mode, centre and
zoom are in the URL (``ui.shared_view``): a copied link or a saved view opens this view.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st
from streamlit_folium import st_folium

from est_geo import hotspot_layers as hl
from est_geo.charts import PLOTLY_CONFIG, incomplete_note, monthly_line
from est_geo.errors import EstGeoError
from est_geo.hotspot_map import hotspot_group
from est_geo.hotspot_run import hotspot_request
from est_geo.hotspot_view import CELL_SIZES, HotspotViewOptions
from est_geo.hotspots import WEEKDAYS_SV, count_places, hot_clusters
from est_geo.mapdata import DEFAULT_MAX_POINTS, areas_for_display
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.markup import escape_markdown as md
from est_geo.views import ViewState, fit_view
from ui import banner, context, data, filters, page, shared_view

PAGE = "hotspots"
DEFAULT_AREA = "Klockaretorpet"
_CELL_IN_TOOLTIP = re.compile(r"\d+m_E-?\d+_N-?\d+")

role = page.open_page(PAGE)
t = context.t

cfg = context.config()
store = context.store()
tree = store.category_tree()
areas = data.areas()
area_names = list(dict.fromkeys(str(n) for n in areas["name"]))
# Views name areas by code; the area widget by name (first code of each name).
code_of: dict[str, str] = {}
for c, n in zip(areas["code"], areas["name"], strict=True):
    code_of.setdefault(str(n), str(c))
name_of = {c: n for n, c in code_of.items()}

# A link (query parameters) sets the widgets once, before they are drawn.
linked = shared_view.linked_state(PAGE)
if linked is not None:
    filters.apply_view(linked)
    linked_codes = [c for c in (linked.area, *linked.areas) if c in name_of]
    if linked_codes:
        st.session_state["hs_areas"] = [name_of[c] for c in linked_codes]
    if linked.mode in hl.MODES:
        st.session_state["hs_mode"] = linked.mode
    try:
        opts = HotspotViewOptions.from_options(linked.options)
    except EstGeoError as exc:
        st.warning(md(exc))
        opts = HotspotViewOptions()
    st.session_state.update(
        hs_cell_size=opts.cell_size,
        hs_fdr=opts.fdr,
        hs_weekdays=list(opts.weekdays),
        hs_hours=opts.hours,
        hs_comparison=opts.comparison,
        hs_bandwidth=opts.bandwidth,
    )
selection = filters.sidebar_selection()

# --------------------------------------------------------------------------- widgets
# Every widget is created with its session value as default (filters.session_default):
# no setdefault, which let a fresh session open with 25 m cells (issue 13 item 9).
_defaults = HotspotViewOptions()
default = filters.session_default
chosen_areas = st.sidebar.multiselect(
    t("hotspots.area"),
    area_names,
    default=default("hs_areas", [DEFAULT_AREA] if DEFAULT_AREA in area_names else area_names[:1]),
    help=t("hotspots.area.help"),
    key="hs_areas",
    placeholder=t("filter.all"),
    select_all=False,
)
weekdays = st.sidebar.multiselect(
    t("hotspots.weekdays"),
    list(range(7)),
    default=default("hs_weekdays", list(_defaults.weekdays)),
    format_func=lambda d: WEEKDAYS_SV[d],
    placeholder=t("filter.all"),
    key="hs_weekdays",
    select_all=False,
)
hours = st.sidebar.slider(
    t("hotspots.hours"),
    0,
    23,
    default("hs_hours", _defaults.hours),
    help=t("hotspots.hours.help"),
    key="hs_hours",
)
cell_size = st.sidebar.select_slider(
    t("hotspots.cell_size"),
    options=CELL_SIZES,
    value=default("hs_cell_size", _defaults.cell_size),
    key="hs_cell_size",
)
fdr = st.sidebar.toggle(
    t("hotspots.fdr"), default("hs_fdr", _defaults.fdr), help=t("hotspots.fdr.help"), key="hs_fdr"
)
_comparisons = ("none", *hl.COMPARISONS)
comparison_kind = st.sidebar.radio(
    t("hotspots.comparison"),
    _comparisons,
    index=_comparisons.index(default("hs_comparison", _defaults.comparison)),
    format_func=lambda k: t(f"hotspots.comparison.{k}"),
    key="hs_comparison",
)

st.title(t("page.hotspots"))
st.caption(t("hotspots.intro"))
mode = st.segmented_control(
    t("hotspots.mode"),
    hl.MODES,
    default=default("hs_mode", "gistar"),
    format_func=lambda m: t(f"hotspots.mode.{m}"),
    key="hs_mode",
    required=True,  # clicking the active mode keeps it (not: no mode highlighted)
)
mode = mode or "gistar"
bandwidth = 0
if mode == "tathet":
    bandwidth = st.sidebar.number_input(
        t("hotspots.bandwidth"),
        min_value=0,
        max_value=5000,
        value=default("hs_bandwidth", _defaults.bandwidth),
        step=25,
        help=t("hotspots.bandwidth.help"),
        key="hs_bandwidth",
    )

# --------------------------------------------------------------------------- analysis
period = selection.period
analysis = HotspotViewOptions(
    cell_size=int(cell_size),
    fdr=bool(fdr),
    weekdays=tuple(weekdays),
    hours=(int(hours[0]), int(hours[1])),
    comparison=str(comparison_kind),
    bandwidth=int(bandwidth),
)
try:
    request = hotspot_request(
        mode=mode,
        options=analysis,
        areas=areas,
        area_names=chosen_areas or None,
        period=period,
        base_query=selection.query,
    )
    run = data.hotspot_run(request, tree)
except EstGeoError as exc:
    context.fail(exc)
layer, incidents, bbox, query = run.layer, run.incidents, request.bbox, request.query

# --------------------------------------------------------------------------- map
tiles = tiles_for(cfg)
# The view follows the chosen areas (or a link) through st_folium's center/zoom (a
# setView in the browser); the base map starts there as the page is entered and then
# stays identical.
chosen_codes = sorted(code_of[n] for n in chosen_areas)
requested = shared_view.requested_view(
    PAGE, linked, ",".join(chosen_codes), fit_view(hl.wgs84_bounds(bbox))
)
(base_lat, base_lon), base_zoom = shared_view.base_view(PAGE, requested)
fmap = base_map(
    base_lat,
    base_lon,
    base_zoom,
    tiles,
    plugins=("markercluster",),
    asset_base_url=cfg.static_url,
)
area_outlines(areas_for_display(areas)).add_to(fmap)
group = hotspot_group(layer, tree=tree, title=t(f"hotspots.legend.{mode}"))
out = st_folium(
    fmap,
    feature_group_to_add=[group],
    center=requested[0],
    zoom=requested[1],
    key="hotspots_map",
    height=600,
    use_container_width=True,
    returned_objects=["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"],
)
center, zoom = shared_view.current_position(out, requested)

if layer.note:
    st.warning(md(layer.note), icon="⚠️")
if len(incidents) == 0:
    st.info(t("hotspots.none"))
elif len(layer.cells) == 0 and layer.points is None:
    st.info(t("hotspots.empty_layer"))
hot = 0 if layer.gistar is None else int(np.char.startswith(layer.gistar.classes, "hot_").sum())
# Hot cells are counted as the places they form (the list below names the first ten).
n_places = 0 if layer.gistar is None else count_places(layer.gistar)
st.markdown(
    t(
        "hotspots.summary",
        n=layer.n_incidents,
        period=period.label(),
        cell=layer.grid.cell_size,
        hot=hot,
        places=n_places,
    )
)
if layer.comparison is not None:
    st.markdown(layer.comparison.sentence_sv())
if layer.coarsened_from:
    st.caption(t("hotspots.coarsened", asked=layer.coarsened_from, used=layer.grid.cell_size))
if layer.n_hidden:
    st.caption(t("hotspots.hidden", n=layer.n_hidden))
if mode == "tathet":
    bw = "–" if layer.kde is None else f"{layer.kde.bandwidth:.0f}"
    st.markdown(t("hotspots.explain.tathet", bandwidth=bw))
elif mode == "emerging":
    em = layer.emerging
    step = t(f"hotspots.step.{em.step}") if em is not None else "–"
    st.markdown(t("hotspots.explain.emerging", step=step, steps=0 if em is None else em.steps.size))
else:
    st.markdown(t(f"hotspots.explain.{mode}", max=DEFAULT_MAX_POINTS, cell=layer.grid.cell_size))

# --------------------------------------------------------------------------- top list
# Places, not cells: touching significant cells joined, ranked by incidents, named.
places = (
    hot_clusters(layer.gistar, layer.counts, n=10, areas=areas, name_column="name")
    if layer.gistar is not None
    else []
)
st.subheader(t("hotspots.top.title"))
st.caption(t("hotspots.top.explain"))
if places:
    table = {
        t("hotspots.col.rank"): [c.rank for c in places],
        t("hotspots.col.place"): [c.area or t("hotspots.outside_area") for c in places],
        t("hotspots.col.near"): [
            t("hotspots.near", metres=f"{c.near_m:.0f}", place=c.near) if c.near else "–"
            for c in places
        ],
        t("hotspots.col.count"): [c.count for c in places],
        t("hotspots.col.cells"): [c.n_cells for c in places],
        t("hotspots.col.hectares"): [round(c.area_m2 / 10_000, 2) for c in places],
        t("hotspots.col.level"): [hl.GI_CLASS_LABELS_SV[c.hot_class] for c in places],
    }
    if layer.reference_counts is not None:
        diff = layer.counts - layer.reference_counts
        table[t("hotspots.col.change")] = [
            int(diff[list(c.rows), list(c.cols)].sum()) for c in places
        ]
    # The grid codes stay available (and in the table's CSV download) as the last column.
    table[t("hotspots.col.cell_ids")] = [", ".join(c.cell_ids) for c in places]
    st.dataframe(table, hide_index=True)
else:
    st.info(t("hotspots.top.none"))
place_of = {cid: c.area or t("hotspots.outside_area") for c in places for cid in c.cell_ids}

# --------------------------------------------------------------------------- cell detail
clicked_id = None
click = None  # what was clicked, as st_folium reports it (the point, else the tooltip)
if out:
    point = out.get("last_object_clicked")
    if point and "lat" in point and "lng" in point:
        click = f"{point['lat']},{point['lng']}"
        clicked_id = hl.cell_at(layer.grid, float(point["lng"]), float(point["lat"]))
    tip = out.get("last_object_clicked_tooltip") or ""
    if clicked_id is None and (found := _CELL_IN_TOOLTIP.search(str(tip))):
        clicked_id = found.group(0)
        click = click or clicked_id
# A new click opens its cell, even the cell clicked last after another was picked in the
# list: st_folium repeats its last click on every rerun, so a click is new when the
# point is, not when the cell is.
if clicked_id and click != st.session_state.get("hs_last_click"):
    st.session_state["hs_last_click"] = click
    st.session_state["hs_cell"] = clicked_id
# The busiest cell of each place, after a clicked cell.
options = list(
    dict.fromkeys([*([clicked_id] if clicked_id else []), *(c.cell_ids[0] for c in places)])
)
if st.session_state.get("hs_cell") not in (*options, None):
    st.session_state["hs_cell"] = None
st.caption(t("hotspots.click_hint"))


def _option_label(cell: str | None) -> str:
    """A cell of a place is offered with the place's name, any other by its code."""
    if cell is None:
        return "–"
    return t("hotspots.cell.option", cell=cell, place=place_of[cell]) if cell in place_of else cell


cell_id = st.selectbox(
    t("hotspots.cell.pick"), [None, *options], format_func=_option_label, key="hs_cell"
)
if cell_id:
    st.subheader(t("hotspots.cell.title", cell=cell_id))
    detail = hl.cell_detail(incidents, cell_id, tree, lang=cfg.language)
    trend_start = (period.end - timedelta(days=365)).replace(day=1)
    cell_query = replace(query, start=trend_start, bbox=hl.cell_bounds(cell_id))
    trend = hl.cell_detail(
        data.incidents(cell_query), cell_id, tree, months=(trend_start, period.end)
    )
    place = place_of.get(cell_id)
    st.markdown(t("hotspots.cell.total", n=detail.total, place=f" – {md(place)}" if place else ""))
    col1, col2 = st.columns(2)
    with col1:
        st.markdown(f"**{t('hotspots.cell.by_category')}**")
        if not detail.total:
            st.caption(t("hotspots.cell.empty"))
        else:
            fig = px.bar(
                detail.by_category,
                x="count",
                y="label",
                orientation="h",
                labels={"count": t("hotspots.col.count"), "label": t("hotspots.col.category")},
            )
            fig.update_layout(height=300, margin={"l": 0, "r": 0, "t": 10, "b": 0})
            st.plotly_chart(fig, width="stretch", key="hs_fig_cat")
    with col2:
        st.markdown(f"**{t('hotspots.cell.trend')}**")
        fig, running = monthly_line(
            [m.date() for m in pd.to_datetime(trend.monthly["month"])],
            trend.monthly["count"].tolist(),
            today=date.today(),
            name=t("hotspots.col.count"),
            y_title=t("hotspots.col.count"),
            x_title=t("hotspots.col.month"),
            lang=cfg.language,
        )
        st.plotly_chart(fig, width="stretch", key="hs_fig_trend", config=PLOTLY_CONFIG)
        if running:
            st.caption(incomplete_note("month", cfg.language))
    if detail.profile.matrix.sum():
        st.markdown(f"**{t('hotspots.cell.weekday_hour')}**")
        heat = pd.DataFrame(detail.profile.matrix, index=list(WEEKDAYS_SV), columns=list(range(24)))
        fig = px.imshow(
            heat,
            aspect="auto",
            color_continuous_scale="YlOrRd",
            labels={"x": t("hotspots.col.hour"), "y": t("hotspots.col.weekday"), "color": "n"},
        )
        fig.update_layout(height=280, margin={"l": 0, "r": 0, "t": 10, "b": 0})
        st.plotly_chart(fig, width="stretch", key="hs_fig_heat")
    if detail.windows:
        st.caption(
            t("hotspots.cell.windows", windows=", ".join(w.label_sv for w in detail.windows))
        )
    if detail.profile.n_without_time:
        st.caption(t("hotspots.cell.no_time", n=detail.profile.n_without_time))

# --------------------------------------------------------------------------- downloads
st.subheader(t("hotspots.download"))
st.caption(t("hotspots.download.help"))
stem = f"hotspots_{mode}_{period.start.isoformat()}_{period.last_day.isoformat()}"
d1, d2, d3, d4 = st.columns(4)
d1.download_button(
    t("hotspots.download.geojson"),
    lambda: hl.export_geojson(layer),  # built only when clicked
    file_name=f"{stem}.geojson",
    mime="application/geo+json",
    key="hs_dl_geojson",
)
d2.download_button(
    t("hotspots.download.gpkg"),
    lambda: hl.export_gpkg(layer),  # built only when clicked
    file_name=f"{stem}.gpkg",
    mime="application/geopackage+sqlite3",
    key="hs_dl_gpkg",
)
d3.download_button(
    t("hotspots.download.csv"),
    lambda: hl.export_csv(layer),  # built only when clicked
    file_name=f"{stem}.csv",
    mime="text/csv",
    key="hs_dl_csv",
)
d4.download_button(
    t("hotspots.download.xlsx"),
    lambda: hl.export_xlsx(layer),  # built only when clicked
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="hs_dl_xlsx",
)

# --------------------------------------------------------------------------- shared view
main_code = chosen_codes[0] if chosen_codes else None
state = ViewState(
    page=PAGE,
    area=main_code,
    areas=tuple(chosen_codes[1:]),
    period=selection.period_code,
    categories=selection.categories,
    actors=selection.actors,
    layers=("omraden", "hotspots"),
    mode=mode,
    center=center,
    zoom=zoom,
    options=analysis.to_options(),
)
area_label = ", ".join(chosen_areas) or t("filter.all")
shared_view.views_panel(state, role=role, area_name=area_label, key="hs")
banner.data_footer()
