"""The Hotspots map: a base map that never changes between reruns, the mode's layer on top.

The mode's layer and legend travel in ``feature_group_to_add``, so a filter or mode
change does not remount the map. The view follows the chosen areas (or a link) through
st_folium's ``center``/``zoom`` (a setView in the browser); the base map starts there as
the page is entered and then stays identical.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from est_geo.core.config import Config
from est_geo.core.model import CategoryTree
from est_geo.core.views import ViewState, fit_view
from est_geo.hotspots import layers as hl
from est_geo.hotspots.layers import HotspotLayer
from est_geo.hotspots.map import hotspot_group
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.maps.mapdata import areas_for_display
from ui import context, shared_view
from ui.context import t
from ui.maps import draw_map

PAGE = "hotspots"


def show_map(
    cfg: Config,
    areas: pd.DataFrame,
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
    (base_lat, base_lon), base_zoom = shared_view.base_view(PAGE, requested)
    fmap = base_map(
        base_lat,
        base_lon,
        base_zoom,
        tiles_for(cfg),
        plugins=("markercluster",),
        asset_base_url=cfg.static_url,
    )
    area_outlines(areas_for_display(areas)).add_to(fmap)
    group = hotspot_group(
        layer, tree=tree, title=t(f"hotspots.legend.{mode}"), lang=context.config().language
    )
    out = draw_map(
        fmap,
        key="hotspots_map",
        height=600,
        layers=[group],
        returned=["last_object_clicked", "last_object_clicked_tooltip", "center", "zoom"],
        center=requested[0],
        zoom=requested[1],
    )
    center, zoom = shared_view.current_position(out, requested)
    return out, center, zoom
