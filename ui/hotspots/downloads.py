"""The analysed layer for download: GeoJSON, GeoPackage, CSV, Excel, built when clicked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from est_geo.core.periods import Period
from est_geo.hotspots import layers as hl
from est_geo.hotspots.layers import HotspotLayer
from ui.context import config, t

#: (file extension, exporter, MIME type) of each download, left to right.
_FORMATS: tuple[tuple[str, Callable[[HotspotLayer], bytes], str], ...] = (
    ("geojson", hl.export_geojson, "application/geo+json"),
    ("gpkg", hl.export_gpkg, "application/geopackage+sqlite3"),
    ("csv", hl.export_csv, "text/csv"),
    ("xlsx", hl.export_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


def show_downloads(layer: HotspotLayer, mode: str, period: Period) -> None:
    """Four download buttons; each file is made only when its button is clicked."""
    st.subheader(t("hotspots.download"))
    st.caption(t("hotspots.download.help"))
    stem = f"hotspots_{mode}_{period.start.isoformat()}_{period.last_day.isoformat()}"
    lang = config().language
    for column, (fmt, export, mime) in zip(st.columns(len(_FORMATS)), _FORMATS, strict=True):
        made = partial(hl.export_xlsx, layer, lang) if fmt == "xlsx" else partial(export, layer)
        column.download_button(
            t(f"hotspots.download.{fmt}"),
            made,  # the file is made only when clicked
            file_name=f"{stem}.{fmt}",
            mime=mime,
            key=f"hs_dl_{fmt}",
        )
