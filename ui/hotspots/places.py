"""The top list: places, not cells — touching significant cells joined, ranked, named."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.hotspots import HotCluster, hot_clusters, place_changes
from est_geo.hotspots.layers import HotspotLayer
from ui.context import t


def show_places(layer: HotspotLayer, areas: pd.DataFrame) -> list[HotCluster]:
    """The ten busiest hot spot places as a table (or why there are none); returns them."""
    places = (
        hot_clusters(layer.gistar, layer.counts, n=10, areas=areas, name_column="name")
        if layer.gistar is not None
        else []
    )
    st.subheader(t("hotspots.top.title"))
    st.caption(t("hotspots.top.explain"))
    if places:
        st.dataframe(_table(layer, places), hide_index=True)
    else:
        st.info(t("hotspots.top.none"))
    return places


def _table(layer: HotspotLayer, places: list[HotCluster]) -> dict[str, list[object]]:
    table: dict[str, list[object]] = {
        t("hotspots.col.rank"): [c.rank for c in places],
        t("hotspots.col.place"): [c.area or t("hotspots.outside_area") for c in places],
        t("hotspots.col.near"): [
            t("hotspots.near", metres=f"{c.near_m:.0f}", place=c.near) if c.near else "–"
            for c in places
        ],
        t("hotspots.col.count"): [c.count for c in places],
        t("hotspots.col.cells"): [c.n_cells for c in places],
        t("hotspots.col.hectares"): [round(c.area_m2 / 10_000, 2) for c in places],
        t("hotspots.col.level"): [t(f"hotspots.class.{c.hot_class}") for c in places],
    }
    if layer.reference_counts is not None:
        changes = place_changes(layer.counts, layer.reference_counts, places)
        table[t("hotspots.col.change")] = list(changes)
    # The grid codes stay available (and in the table's CSV download) as the last column.
    table[t("hotspots.col.cell_ids")] = [", ".join(c.cell_ids) for c in places]
    return table


def place_of_cells(places: list[HotCluster]) -> dict[str, str]:
    """Each cell of a place → the place's name (offered with it in the cell list)."""
    return {cid: c.area or t("hotspots.outside_area") for c in places for cid in c.cell_ids}
