"""The map to click a report's place on; a click fills the coordinate field.

The base map stays identical between reruns; the marker goes through
``feature_group_to_add``, so clicking does not remount the map.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.core.config import Config
from est_geo.io.manual import CoordinateSystem, ParsedPoint, click_coordinate
from est_geo.maps import area_outlines, tiles_for
from est_geo.maps.mapdata import areas_for_display, default_view
from est_geo.meeting.report_map import report_marker
from ui.context import t
from ui.maps import draw_map, fitted_map
from ui.rapportera.state import CLICK_KEY, COORD_KEY, SYSTEM_KEY

DEFAULT_AREA = "Klockaretorpet centrum"


def show_map(cfg: Config, areas: pd.DataFrame, point: ParsedPoint | None) -> None:
    """The map with the typed point marked; a new click fills the field and reruns."""
    fmap = fitted_map(cfg, default_view(areas, DEFAULT_AREA), 16)
    area_outlines(areas_for_display(areas)).add_to(fmap)
    marker = (
        [report_marker(point.lat, point.lon, t("rapportera.here"), name=t("rapportera.here"))]
        if point is not None
        else []
    )
    st.caption(t("rapportera.map_help"))
    clicked = draw_map(
        fmap,
        key="rapportera_map",
        height=460,
        layers=marker,
        returned=["last_clicked"],
        width="stretch",
    )
    click = (clicked or {}).get("last_clicked")
    if click and click != st.session_state.get(CLICK_KEY):
        st.session_state[CLICK_KEY] = click
        st.session_state[COORD_KEY] = click_coordinate(click["lat"], click["lng"])
        st.session_state[SYSTEM_KEY] = CoordinateSystem.AUTO.value
        st.rerun()  # draw the marker and fill the field from the click
    if tiles_for(cfg) is None:
        st.caption(t("map.no_tiles"))
