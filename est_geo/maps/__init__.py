"""Map builders for EST Geo: a stable base map plus one small builder per data layer.

Never imports streamlit. Every asset is served from our own server (see
:mod:`est_geo.maps.offline`); every text is escaped; coordinates are rounded.
"""

from est_geo.maps.base import NO_TILES_BACKGROUND, TileConfig, base_map, draw_control
from est_geo.maps.basemap import tiles_for
from est_geo.maps.colors import (
    VIRIDIS,
    YLORRD,
    class_breaks,
    class_ranges,
    classify,
    grouped_breaks,
    ramp,
    range_labels,
)
from est_geo.maps.layers import LEVEL_STYLES, area_outlines, count_cells, incident_points
from est_geo.maps.legend import Legend, legend
from est_geo.maps.offline import (
    DEFAULT_ASSET_BASE_URL,
    asset_links,
    external_urls,
    plugin_assets,
    use_local_assets,
)
from est_geo.maps.text import escape_text, round_coords, round_geometry

__all__ = [
    "DEFAULT_ASSET_BASE_URL",
    "LEVEL_STYLES",
    "NO_TILES_BACKGROUND",
    "VIRIDIS",
    "YLORRD",
    "Legend",
    "TileConfig",
    "area_outlines",
    "asset_links",
    "base_map",
    "class_breaks",
    "class_ranges",
    "classify",
    "count_cells",
    "draw_control",
    "escape_text",
    "external_urls",
    "grouped_breaks",
    "incident_points",
    "legend",
    "plugin_assets",
    "ramp",
    "range_labels",
    "round_coords",
    "round_geometry",
    "tiles_for",
    "use_local_assets",
]
