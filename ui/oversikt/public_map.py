"""The public map: every public area fitted on first view, counts coloured, legend on it.

Why the map is built once per published table, not per visit: building the folium map
and rendering it to Leaflet script was over half of a warm public visit's server CPU
(issue 18, cProfile on 1M incidents), and it is the same for every visitor of a period,
category and unit. So the arguments ``st_folium`` hands its component are recorded once
(:func:`_recorded`, :mod:`ui.folium_payload`) and cached process-wide
(``st.cache_resource``) with the release's key; a visit only sends them.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import streamlit as st

from est_geo.access.disclosure import ClosedPeriod
from est_geo.maps import (
    area_outlines,
    count_cells,
    grouped_breaks,
    legend,
    ramp,
    tiles_for,
)
from est_geo.maps.mapdata import areas_for_display, default_view
from est_geo.public.release import (
    PublicCounts,
    count_words,
    legend_words,
    public_areas,
    public_view,
)
from ui import context, folium_payload
from ui.maps import fitted_map

#: Area the map falls back to when no public area has a shape.
DEFAULT_AREA = "Klockaretorpet centrum"
MAP_KEY = "oversikt_map"
HEIGHT = 520


def _recorded(fmap: folium.Map, layers: list[folium.FeatureGroup]) -> dict[str, Any]:
    """The component arguments ``st_folium`` would send for this map (nothing is drawn)."""
    return folium_payload.record(fmap, key=MAP_KEY, height=HEIGHT, layers=layers)


def _build(counts: PublicCounts, all_areas: gpd.GeoDataFrame) -> dict[str, Any]:
    """Build the folium map of ``counts`` and record what ``st_folium`` sends for it."""
    t = context.t
    cfg = context.config()
    view = public_view(all_areas) or default_view(all_areas, DEFAULT_AREA, margin_m=1500)
    fmap = fitted_map(cfg, view, 14, keep_fitted=True)
    area_outlines(
        areas_for_display(public_areas(all_areas)),
        name=t("map.legend.areas"),
        labels=tiles_for(cfg) is None,
    ).add_to(fmap)
    shown = counts.frame[counts.frame["count"].notna()]
    layer = folium.FeatureGroup(name=t("public.legend"))
    items: list[tuple[str, str]] = []
    if len(shown):
        values = [float(v) for v in shown["count"]]
        breaks = grouped_breaks(values)
        layer = count_cells(
            shown.assign(count=values),
            breaks=breaks,
            name=t("public.legend"),
            tooltip=lambda v: count_words(v, cfg.language),
        )
        items = list(zip(ramp(len(breaks)), legend_words(breaks, cfg.language), strict=True))
    if counts.n_suppressed:
        # The uncoloured areas have their line on the map too, where the reader looks.
        items.append(("transparent", t("public.legend.hidden", k=counts.k)))
    if not items:
        return _recorded(fmap, [])
    legend(t("public.legend"), items).add_to(layer)
    return _recorded(fmap, [layer])


@st.cache_resource(show_spinner=False, max_entries=64)
def _payload(
    url: str,
    stamp: str,
    period: ClosedPeriod,
    category: str,
    unit: str,
    lang: str,
    _counts: PublicCounts,
    _areas: gpd.GeoDataFrame,
) -> dict[str, Any]:
    return _build(_counts, _areas)


def draw(
    counts: PublicCounts,
    all_areas: gpd.GeoDataFrame,
    *,
    stamp: str,
    period: ClosedPeriod,
    category: str,
    unit: str,
) -> None:
    """Draw the map of ``counts`` over the outlines of the public areas.

    ``counts`` must be the release's table for (``stamp``, ``period``, ``category``,
    ``unit``): those are the cache key. The view is fitted to every public area and kept
    fitted when the frame resizes or the legend appears (``keep_fitted``); the counts and
    their legend travel in one feature group, so a new choice replaces them without
    remounting the map.
    """
    cfg = context.config()
    payload = _payload(
        cfg.database_url, stamp, period, category, unit, cfg.language, counts, all_areas
    )
    folium_payload.draw(payload)
