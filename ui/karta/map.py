"""The Karta map: area outlines, a category legend, and the incidents as points or counts.

The base map starts where the link (or the area) points and keeps that base while the
user stays on the page; another area or link moves it through st_folium's
``center``/``zoom``. The incidents travel in ``feature_group_to_add`` so a filter change
does not remount the map.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from folium import FeatureGroup

from est_geo.core.config import Config
from est_geo.core.model import CategoryTree
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
from est_geo.maps.base import TileConfig
from est_geo.maps.legend import Legend
from est_geo.maps.mapdata import (
    DEFAULT_MAX_POINTS,
    CellData,
    PointData,
    areas_for_display,
    category_colors,
)
from ui import context, folium_payload, shared_view
from ui.context import t
from ui.karta.choices import PAGE


def show_map(
    cfg: Config,
    areas: pd.DataFrame,
    area: str,
    shown: PointData | CellData,
    tree: CategoryTree,
    linked: ViewState | None,
    tiles: TileConfig | None,
    *,
    key: str,
) -> tuple[tuple[float, float], int, Legend | None]:
    """Draw the map; return its current centre and zoom, and the count legend (or None).

    ``key`` names the view ``shown`` was computed for (:func:`ui.karta.view.view_key`):
    the map is built and rendered once per view, base view and view sent
    (:func:`_map_payload`), then only sent.
    """
    requested = shared_view.requested_view(
        PAGE, linked, area, fit_view(wgs84_bounds(analysis_bbox(areas, [area])[0]))
    )
    base = shared_view.base_view(PAGE, requested)
    sent = shared_view.view_to_send(PAGE, base, requested)
    payload, count_legend = _map_payload(
        key, base, sent, repr(tiles), cfg.static_url, _shown=shown, _areas=areas, _tree=tree
    )
    out = folium_payload.draw(payload)
    center, zoom = shared_view.current_position(out, requested)
    return center, zoom, count_legend


Center = tuple[float, float]


@st.cache_resource(ttl=300, max_entries=16, show_spinner=False)
def _map_payload(
    key: str,
    base: tuple[Center, int],
    sent: tuple[Center | None, int | None],
    tiles: str,
    static_url: str,
    *,
    _shown: PointData | CellData,
    _areas: pd.DataFrame,
    _tree: CategoryTree,
) -> tuple[dict[str, Any], Legend | None]:
    """The map's recorded arguments and its count legend for view ``key`` (whose data,
    area, tree and language ``_shown`` and ``_areas`` are), started at ``base``, told to
    go to ``sent``, with ``tiles`` (``repr`` of the tile configuration) from
    ``static_url``'s assets."""
    cfg = context.config()
    tile_config = tiles_for(cfg)
    (base_lat, base_lon), base_zoom = base
    fmap = base_map(
        base_lat,
        base_lon,
        base_zoom,
        tile_config,
        asset_base_url=cfg.static_url,
        prefer_canvas=True,
    )
    area_outlines(areas_for_display(_areas), labels=tile_config is None).add_to(fmap)
    colors = category_colors(_tree)
    legend(
        t("map.legend.incidents"),
        [(colors[c.key], c.label(cfg.language)) for c in _tree.main_categories()],
    ).add_to(fmap)
    layer, count_legend = _incident_layer(_shown)
    payload = folium_payload.record(
        fmap,
        key="karta_map",
        height=620,
        layers=[layer],
        returned=["center", "zoom"],
        center=sent[0],
        zoom=sent[1],
    )
    return payload, count_legend


def _incident_layer(shown: PointData | CellData) -> tuple[FeatureGroup, Legend | None]:
    """The incidents' layer, and the legend of counts when they are shown per cell."""
    if isinstance(shown, CellData):
        values = shown.cells["count"].tolist()
        breaks = class_breaks(values)
        labels = range_labels(breaks, min(values))
        # Compact rows the browser turns into squares: ~110 bytes a cell, not ~265 as GeoJSON.
        layer = count_cell_group(
            shown.cells, breaks, labels, name=t("map.legend.count"), unit=t("map.cell_unit")
        )
        count_legend = legend(
            t("map.legend.count"), list(zip(ramp(len(breaks)), labels, strict=True))
        )
        return layer, count_legend
    points = incident_points(
        shown.lat, shown.lon, shown.labels, shown.colors, max_points=DEFAULT_MAX_POINTS
    )
    return points, None
