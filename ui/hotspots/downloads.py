"""The analysed layer for download: GeoJSON, GeoPackage, CSV, Excel, built when clicked."""

from __future__ import annotations

import streamlit as st

from est_geo.core.periods import Period
from est_geo.hotspots import layers as hl
from est_geo.hotspots.layers import HotspotLayer
from ui.context import t


def show_downloads(layer: HotspotLayer, mode: str, period: Period) -> None:
    """Four download buttons; each file is made only when its button is clicked."""
    st.subheader(t("hotspots.download"))
    st.caption(t("hotspots.download.help"))
    stem = f"hotspots_{mode}_{period.start.isoformat()}_{period.last_day.isoformat()}"
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button(
        t("hotspots.download.geojson"),
        lambda: hl.export_geojson(layer),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
        key="hs_dl_geojson",
    )
    d2.download_button(
        t("hotspots.download.gpkg"),
        lambda: hl.export_gpkg(layer),
        file_name=f"{stem}.gpkg",
        mime="application/geopackage+sqlite3",
        key="hs_dl_gpkg",
    )
    d3.download_button(
        t("hotspots.download.csv"),
        lambda: hl.export_csv(layer),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="hs_dl_csv",
    )
    d4.download_button(
        t("hotspots.download.xlsx"),
        lambda: hl.export_xlsx(layer),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="hs_dl_xlsx",
    )
