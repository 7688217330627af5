"""The folium map the way every page draws it: fitted to a view, drawn full width.

Pages differ in what they put on a map, not in how the map is made or handed to
``st_folium``; that part is written here once so a setting (the tile source, the asset
server, the frame's width) cannot drift between pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import folium
from streamlit_folium import st_folium

from est_geo.core.config import Config
from est_geo.maps import base_map, tiles_for

#: WGS84 bounds ``((south, west), (north, east))``.
Bounds = tuple[tuple[float, float], tuple[float, float]]


def fitted_map(
    cfg: Config,
    view: Bounds,
    zoom: int,
    *,
    plugins: Iterable[str] = ("markercluster",),
    keep_fitted: bool = False,
) -> folium.Map:
    """A base map that fits ``view``, with this deployment's tiles and asset server.

    ``zoom`` is only where the map starts before it fits the bounds in the browser.
    """
    (south, west), (north, east) = view
    return base_map(
        (south + north) / 2,
        (west + east) / 2,
        zoom,
        tiles_for(cfg),
        bounds=view,
        plugins=plugins,
        asset_base_url=cfg.static_url,
        keep_fitted=keep_fitted,
    )


def draw_map(
    fmap: folium.MacroElement,
    *,
    key: str,
    height: int,
    layers: Sequence[folium.FeatureGroup] | None = None,
    returned: Sequence[str] = (),
    width: str | None = None,
    center: tuple[float, float] | None = None,
    zoom: int | None = None,
) -> Any:
    """Draw ``fmap`` through ``st_folium`` and return what it sends back.

    ``layers`` go in as ``feature_group_to_add`` (they change without remounting the
    map); ``returned`` names what the browser reports back (nothing by default, so
    panning does not rerun the page); ``width`` ``None`` fills the container;
    ``center``/``zoom`` move the map (a ``setView``) without remounting it.
    """
    return st_folium(
        fmap,
        key=key,
        height=height,
        width=width,
        use_container_width=width is None,
        feature_group_to_add=None if layers is None else list(layers),
        returned_objects=list(returned),
        center=center,
        zoom=zoom,
    )
