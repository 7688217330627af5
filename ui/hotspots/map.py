"""The Hotspots map: a base map that never changes between reruns, the mode's layer on top.

The mode's layer and legend travel in ``feature_group_to_add``, so a filter or mode
change does not remount the map. The view follows the chosen areas (or a link) through
st_folium's ``center``/``zoom`` (a setView in the browser); the base map starts there as
the page is entered and then stays identical.

The map is built and rendered once per analysis run and view (:func:`_map_payload`) and
only sent on later runs: a visit is three page runs (the map reports its centre and zoom
once drawn, then again once it has settled), and building the folium map, reprojecting
the outlines and rendering it all to Leaflet script on each of them was the largest part
of a Hotspots run's server CPU (issue 18, py-spy of returning visits on 1M incidents).
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import streamlit as st

from est_geo.core.config import Config
from est_geo.core.model import CategoryTree
from est_geo.core.views import ViewState, fit_view
from est_geo.hotspots import layers as hl
from est_geo.hotspots.layers import HotspotLayer
from est_geo.hotspots.map import hotspot_group
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.maps.mapdata import areas_for_display
from ui import context, folium_payload, queries, shared_view
from ui.context import t

PAGE = "hotspots"


def show_map(
    cfg: Config,
    areas: gpd.GeoDataFrame,
    layer: HotspotLayer,
    tree: CategoryTree,
    *,
    mode: str,
    linked: ViewState | None,
    chosen_codes: list[str],
    bbox: tuple[float, float, float, float],
) -> tuple[dict[str, Any] | None, tuple[float, float], int]:
    """Draw the map; return st_folium's value and the map's current centre and zoom."""
    requested = shared_view.requested_view(
        PAGE, linked, ",".join(chosen_codes), fit_view(hl.wgs84_bounds(bbox))
    )
    base = shared_view.base_view(PAGE, requested)
    _held, payload = _map_payload(
        id(layer),
        mode,
        base,
        shared_view.view_to_send(PAGE, base, requested),
        cfg.static_url,
        repr(tiles_for(cfg)),
        cfg.language,
        queries.areas_generation(),
        repr(tree),
        _layer=layer,
        _areas=areas,
        _tree=tree,
    )
    out = folium_payload.draw(payload)
    center, zoom = shared_view.current_position(out, requested)
    return out, center, zoom


Center = tuple[float, float]


@st.cache_resource(ttl=300, max_entries=32, show_spinner=False)
def _map_payload(
    layer_id: int,
    mode: str,
    base: tuple[Center, int],
    sent: tuple[Center | None, int | None],
    static_url: str,
    tiles: str,
    lang: str,
    areas: int,
    tree: str,
    *,
    _layer: HotspotLayer,
    _areas: gpd.GeoDataFrame,
    _tree: CategoryTree,
) -> tuple[HotspotLayer, dict[str, Any]]:
    """The map's recorded arguments, keyed by its layer (``id(layer)``), the base view,
    the view sent (:func:`ui.shared_view.view_to_send`), the tiles, the language the
    legend and tooltips are worded in, the outlined areas' generation (``areas``,
    :func:`ui.queries.areas_generation`: an area import is seen on the next run) and the
    category tree.

    Why the id is a safe key: the entry holds its layer (the first item returned, kept
    for that alone), so no other live object can have that id while the entry exists;
    and a layer is only ever cached with the store's data stamp
    (:func:`ui.queries.hotspot_run`), so new data is a new layer and a new map.
    """
    cfg = context.config()
    return _layer, _map_args(cfg, _layer, _tree, mode, base, sent, _areas)


def _map_args(
    cfg: Config,
    layer: HotspotLayer,
    tree: CategoryTree,
    mode: str,
    base: tuple[Center, int],
    sent: tuple[Center | None, int | None],
    areas: gpd.GeoDataFrame,
) -> dict[str, Any]:
    """Build the folium map (base view, outlines, the mode's layer and legend) and record
    what ``st_folium`` sends for it."""
    (base_lat, base_lon), base_zoom = base
    fmap = base_map(
        base_lat,
        base_lon,
        base_zoom,
        tiles_for(cfg),
        plugins=("markercluster",),
        asset_base_url=cfg.static_url,
    )
    area_outlines(areas_for_display(areas)).add_to(fmap)
    group = hotspot_group(layer, tree=tree, title=t(f"hotspots.legend.{mode}"), lang=cfg.language)
    return folium_payload.record(
        fmap,
        key="hotspots_map",
        height=600,
        layers=[group],
        returned=["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"],
        center=sent[0],
        zoom=sent[1],
    )
