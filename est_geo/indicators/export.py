"""Downloads of indicator layers: the joined table (CSV, XLSX) and the layer (GeoPackage, GeoJSON).

Column names are the indicator keys (``trygghetsindex``, ``trygghetsindex_n``,
``trygghetsindex_rang``) so a file downloaded from the page joins back to the catalogue in
a notebook or in QGIS. Flagged values stay in the file with their flag: the download is for
analysts who should see what the map hides.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from est_geo.core.model import DISPLAY_EPSG
from est_geo.indicators.join import IndicatorLayer
from est_geo.io.csvout import frame_to_csv
from est_geo.io.export import table_to_xlsx

__all__ = ["joined_table", "layer_geojson", "layer_gpkg", "table_csv", "table_xlsx"]


def joined_table(first: IndicatorLayer, second: IndicatorLayer | None = None) -> gpd.GeoDataFrame:
    """One row per area with value, ``n``, small-n flag and rank of each layer.

    Keeps the areas' geometry and CRS (drop it for a table). With two layers of the
    same indicator the second's columns get the suffix ``_b``.
    """

    def cols(layer: IndicatorLayer, suffix: str) -> pd.DataFrame:
        key = layer.definition.key + suffix
        f = layer.frame
        return pd.DataFrame(
            {
                f"{key}": f["value"].to_numpy(),
                f"{key}_n": f["n"].to_numpy(),
                f"{key}_fa_underlag": f["small_n"].to_numpy(),
                f"{key}_rang": f["rank"].to_numpy(),
            },
            index=f["code"].to_numpy(),
        )

    base = first.frame[["code", "name", "level", "geometry"]].copy()
    base.insert(3, "period", first.period)
    out = base.join(cols(first, ""), on="code")
    if second is not None:
        suffix = "_b" if second.definition.key == first.definition.key else ""
        out = out.join(cols(second, suffix), on="code")
        if second.period != first.period:
            out.insert(4, "period_b", second.period)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=first.frame.crs)


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM (Excel opens it with å, ä, ö intact), no geometry."""
    table = pd.DataFrame(frame.drop(columns="geometry", errors="ignore"))
    return frame_to_csv(table)


def table_xlsx(frame: pd.DataFrame, *, sheet: str = "indikatorer") -> bytes:
    """An XLSX workbook of the table (no geometry).

    Written by :func:`est_geo.io.export.table_to_xlsx`, like every other table export,
    so an area name starting with "=" stays text instead of becoming a formula.
    """
    return table_to_xlsx(pd.DataFrame(frame.drop(columns="geometry", errors="ignore")), sheet=sheet)


def layer_geojson(frame: gpd.GeoDataFrame) -> bytes:
    """GeoJSON in WGS84 (RFC 7946 allows no other CRS)."""
    text: str = frame.to_crs(epsg=DISPLAY_EPSG).to_json(drop_id=True)
    return text.encode("utf-8")


def layer_gpkg(frame: gpd.GeoDataFrame, *, layer: str = "indikatorer") -> bytes:
    """A GeoPackage with one layer, in the frame's CRS (the store's SWEREF 99 TM)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lager.gpkg"
        frame.to_file(path, layer=layer, driver="GPKG")
        return path.read_bytes()
