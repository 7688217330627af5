"""The public map: every public area fitted on first view, counts coloured, legend on it."""

from __future__ import annotations

import geopandas as gpd
from streamlit_folium import st_folium

from est_geo.maps import (
    area_outlines,
    base_map,
    count_cells,
    grouped_breaks,
    legend,
    ramp,
    tiles_for,
)
from est_geo.maps.mapdata import areas_for_display, default_view
from est_geo.public.release import PublicCounts, legend_words, public_areas, public_view
from ui import context

#: Area the map falls back to when no public area has a shape.
DEFAULT_AREA = "Klockaretorpet centrum"


def draw(counts: PublicCounts, all_areas: gpd.GeoDataFrame) -> None:
    """Draw the map of ``counts`` over the outlines of the public areas.

    The view is fitted to every public area and kept fitted when the frame resizes or
    the legend appears (``keep_fitted``); the counts and their legend travel in one
    feature group, so a new choice replaces them without remounting the map.
    """
    t = context.t
    cfg = context.config()
    tiles = tiles_for(cfg)
    view = public_view(all_areas) or default_view(all_areas, DEFAULT_AREA, margin_m=1500)
    (south, west), (north, east) = view
    fmap = base_map(
        (south + north) / 2,
        (west + east) / 2,
        14,
        tiles,
        bounds=view,
        asset_base_url=cfg.static_url,
        keep_fitted=True,
    )
    area_outlines(
        areas_for_display(public_areas(all_areas)),
        name=t("map.legend.areas"),
        labels=tiles is None,
    ).add_to(fmap)
    shown = counts.frame[counts.frame["count"].notna()]
    layers = []
    if len(shown):
        values = [float(v) for v in shown["count"]]
        breaks = grouped_breaks(values)
        cells = count_cells(
            shown.assign(count=values),
            breaks=breaks,
            name=t("public.legend"),
            tooltip_format=t("public.tooltip"),
        )
        words = legend_words(breaks, cfg.language)
        legend(t("public.legend"), list(zip(ramp(len(breaks)), words, strict=True))).add_to(cells)
        layers.append(cells)
    st_folium(
        fmap,
        feature_group_to_add=layers,
        key="oversikt_map",
        height=520,
        use_container_width=True,
        returned_objects=[],
    )
