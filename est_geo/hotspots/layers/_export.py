"""Exports of a Hotspots layer: GeoJSON, GeoPackage, CSV and XLSX.

Never imports streamlit.
"""

from __future__ import annotations

import io
import json
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from est_geo.core.crs import to_wgs84
from est_geo.hotspots.layers._cells import parse_cell_id
from est_geo.hotspots.layers._layer import (
    HotspotLayer,
    _attribute_columns,
    _corner_lonlat,
    _export_mask,
    cells_frame,
)
from est_geo.i18n import translate
from est_geo.io.csvout import frame_to_csv
from est_geo.io.export import table_to_xlsx

__all__ = [
    "cells_table",
    "export_csv",
    "export_geojson",
    "export_gpkg",
    "export_xlsx",
    "feature_collection",
    "write_feature_collection",
]


# ------------------------------------------------------------------------------ exports
def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def write_feature_collection(
    layer: HotspotLayer,
    fp: io.TextIOBase | Any,
    *,
    everything: bool = False,
    drop: Sequence[str] = ("layer_class",),
    chunk: int = 50_000,
) -> int:
    """Stream a GeoJSON FeatureCollection (WGS84) with a ``parameters`` member to ``fp``.

    Writes the cells in chunks, so a whole-municipality rectangle of half a million cells
    (``everything=True``, as ``est-geo hotspots`` writes) never sits in memory as Python
    dicts. Each feature has ``id`` = ``cell_id``. Returns the number of features.
    """
    flat_all = np.flatnonzero(_export_mask(layer, everything).ravel()).astype(np.int64)
    decimals = layer.precision
    fp.write('{"type":"FeatureCollection","parameters":')
    fp.write(json.dumps(layer.parameters, ensure_ascii=False, separators=(",", ":")))
    fp.write(',"features":[')
    first = True
    for start in range(0, flat_all.size, chunk):
        flat = flat_all[start : start + chunk]
        rows, cols_idx = np.divmod(flat, layer.grid.nx)
        rings = np.round(_corner_lonlat(layer.grid, rows, cols_idx), decimals).tolist()
        cols = _attribute_columns(
            layer.grid, flat, layer, layer.reference_counts, layer.params.mode
        )
        names = [c for c in cols if c not in drop]
        values = {c: np.asarray(cols[c]).tolist() for c in names}
        for i, ring in enumerate(rings):
            props = {c: _clean(values[c][i]) for c in names}
            feature = {
                "type": "Feature",
                "id": props["cell_id"],
                "properties": props,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            fp.write(
                ("" if first else ",")
                + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
            )
            first = False
    fp.write("]}")
    return int(flat_all.size)


def feature_collection(layer: HotspotLayer, *, everything: bool = False) -> dict[str, Any]:
    """GeoJSON FeatureCollection (WGS84) of the export cells with a ``parameters`` member."""
    out = io.StringIO()
    write_feature_collection(layer, out, everything=everything)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def export_geojson(layer: HotspotLayer, *, everything: bool = False) -> bytes:
    """The layer as GeoJSON bytes (WGS84, RFC 7946), the run's parameters included."""
    data = feature_collection(layer, everything=everything)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def export_gpkg(layer: HotspotLayer) -> bytes:
    """The layer as a GeoPackage: table ``hotspot_cells`` (WGS84) and ``parameters``.

    ``parameters`` is a plain attribute table (key, value as JSON text), which QGIS
    shows next to the layer.
    """
    frame = cells_frame(layer).drop(columns=["layer_class"])
    params = pd.DataFrame(
        {
            "key": list(layer.parameters),
            "value": [json.dumps(v, ensure_ascii=False) for v in layer.parameters.values()],
        }
    )
    import pyogrio

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hotspots.gpkg"
        pyogrio.write_dataframe(frame, path, layer="hotspot_cells", driver="GPKG")
        pyogrio.write_dataframe(params, path, layer="parameters", driver="GPKG", append=True)
        return path.read_bytes()


def cells_table(layer: HotspotLayer) -> pd.DataFrame:
    """The layer's cells as a plain table: one row per cell, no geometry.

    The cell centre is given in both EPSG:3006 (``x``, ``y``) and WGS84 (``lat``, ``lon``)
    so the table opens in Excel and is still placeable in a GIS.
    """
    frame = cells_frame(layer).drop(columns=["layer_class"])
    sizes, ixs, iys = (
        zip(*(parse_cell_id(c) for c in frame["cell_id"]), strict=True)
        if len(frame)
        else ((), (), ())
    )
    size_a = np.asarray(sizes, dtype=np.float64)
    cx = (np.asarray(ixs, dtype=np.float64) + 0.5) * size_a
    cy = (np.asarray(iys, dtype=np.float64) + 0.5) * size_a
    lon, lat = to_wgs84(cx, cy) if len(frame) else (np.array([]), np.array([]))
    table = pd.DataFrame(frame.drop(columns="geometry"))
    table["x"] = cx
    table["y"] = cy
    table["lat"] = np.round(lat, 6)
    table["lon"] = np.round(lon, 6)
    return table


def export_csv(layer: HotspotLayer) -> bytes:
    """The layer as CSV (UTF-8 with BOM for Excel): :func:`cells_table`.

    The run's parameters come first as ``#`` comment lines (``pandas.read_csv(...,
    comment="#")`` skips them).
    """
    return frame_to_csv(
        cells_table(layer),
        comments=(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in layer.parameters.items()),
    )


def export_xlsx(layer: HotspotLayer, lang: str = "sv") -> bytes:
    """The layer as an Excel workbook: the cells, then the run's parameters.

    Sheet "rutor" ("cells") is :func:`cells_table`; sheet "parametrar" ("parameters")
    holds each parameter as key and JSON value, so the numbers keep their meaning when
    the file is forwarded. The sheets are named in ``lang``; the columns are the same
    identifiers as in the CSV and GeoPackage for every reader.
    """
    parameters = pd.DataFrame(
        {
            "parameter": list(layer.parameters),
            "value": [json.dumps(v, ensure_ascii=False) for v in layer.parameters.values()],
        }
    )
    sheet = translate("hotspots.sheet.cells", lang)
    extra = {translate("hotspots.sheet.parameters", lang): parameters}
    return table_to_xlsx(cells_table(layer), sheet=sheet, extra_sheets=extra)
