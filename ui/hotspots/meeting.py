"""A saved Hotspots view drawn in the meeting (Möte) as the Hotspots page draws it.

Density, grid and emerging maps used to be only links out of the presentation. The
analysis is the page's own (:mod:`est_geo.hotspots.run` from the saved view's area,
period, filters and settings), so the room sees the same cells as the analyst who saved
the view; the map starts at the view's centre and zoom. Cell detail, top lists and
downloads stay on the Hotspots page, linked beneath.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.views import ViewState, fit_view
from est_geo.hotspots import count_places
from est_geo.hotspots import layers as hl
from est_geo.hotspots.map import hotspot_group
from est_geo.hotspots.run import HotspotRun, request_for_view
from est_geo.maps import area_outlines, base_map, tiles_for
from est_geo.maps.mapdata import areas_for_display
from ui import context, queries
from ui.maps import draw_map


def run_view(state: ViewState) -> HotspotRun:
    """The Hotspots analysis a saved view stands for; stops the page on a user error."""
    tree = context.store().category_tree()
    try:
        request = request_for_view(state, areas=queries.areas(), tree=tree)
        return queries.hotspot_run(request, tree)
    except EstGeoError as exc:
        context.fail(exc)


def render(state: ViewState, *, key: str, height: int = 680) -> HotspotRun:
    """Map of the view's mode (with its legend) and the page's one-line summary."""
    t = context.t
    cfg = context.config()
    run = run_view(state)
    layer = run.layer
    tiles = tiles_for(cfg)
    if state.center is not None and state.zoom is not None:
        (lat, lon), zoom = state.center, state.zoom
    else:
        (lat, lon), zoom = fit_view(hl.wgs84_bounds(run.request.bbox))
    fmap = base_map(
        lat, lon, zoom, tiles, plugins=("markercluster",), asset_base_url=cfg.static_url
    )
    area_outlines(areas_for_display(queries.areas())).add_to(fmap)
    group = hotspot_group(
        layer,
        tree=context.store().category_tree(),
        title=t(f"hotspots.legend.{layer.params.mode}"),
        lang=context.config().language,
    )
    draw_map(fmap, key=key, height=height, layers=[group])
    if layer.note:
        st.warning(md(layer.note.text(context.config().language)), icon="⚠️")
    hot = 0 if layer.gistar is None else int(np.char.startswith(layer.gistar.classes, "hot_").sum())
    st.markdown(
        t(
            "hotspots.summary",
            n=layer.n_incidents,
            period=run.request.period.label(),
            cell=layer.grid.cell_size,
            hot=hot,
            places=0 if layer.gistar is None else count_places(layer.gistar),
        )
    )
    return run
