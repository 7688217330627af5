"""Exports: incidents, areas and interventions as GeoPackage, GeoJSON or CSV.

GeoPackage keeps the store CRS (SWEREF 99 TM) so QGIS users measure in metres; GeoJSON
is WGS84 because RFC 7946 says so; CSV carries both (x/y in SWEREF 99 TM and lat/lon)
so one file serves both the GIS analyst and a spreadsheet. Incident exports include
``source``/``source_id`` and ``has_time``: importing an export again — into this store
or another — gives identical rows and no duplicates.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import points

from est_geo.crs import to_wgs84
from est_geo.errors import EstGeoError
from est_geo.model import STORE_EPSG
from est_geo.store.base import IncidentQuery, Store

FORMATS = ("gpkg", "geojson", "csv")
WHATS = ("incidents", "areas", "interventions")

_INCIDENT_EXPORT = (
    "source",
    "source_id",
    "occurred_at",
    "has_time",
    "category",
    "actor",
    "precision",
    "description",
    "x",
    "y",
)


def incident_export_frame(store: Store, query: IncidentQuery | None = None) -> pd.DataFrame:
    """Incidents as text-friendly columns (time as ISO text, date only when no time)."""
    q = query or IncidentQuery()
    df = store.incidents(
        IncidentQuery(
            start=q.start,
            end=q.end,
            categories=q.categories,
            actors=q.actors,
            bbox=q.bbox,
            weekdays=q.weekdays,
            hours=q.hours,
            with_text=True,
        )
    )
    stamp = df["occurred_at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
    day = df["occurred_at"].dt.strftime("%Y-%m-%d")
    out = df.loc[:, list(_INCIDENT_EXPORT)].copy()
    out["occurred_at"] = stamp.where(df["has_time"].to_numpy(), day)
    out["has_time"] = df["has_time"].astype(int)
    return out


def _frame(store: Store, what: str, query: IncidentQuery | None) -> gpd.GeoDataFrame:
    if what == "incidents":
        df = incident_export_frame(store, query)
        geom = points(df["x"].to_numpy(float), df["y"].to_numpy(float))
        return gpd.GeoDataFrame(df, geometry=geom, crs=f"EPSG:{STORE_EPSG}")
    if what == "areas":
        areas = store.areas().drop(columns=["fid"], errors="ignore")
        return gpd.GeoDataFrame(areas, geometry="geometry", crs=f"EPSG:{STORE_EPSG}")
    if what == "interventions":
        iv = store.interventions()
        for col in ("start_date", "end_date"):
            iv[col] = iv[col].map(lambda d: d.isoformat() if d is not None else None)
        return iv
    raise EstGeoError(f"Okänd export '{what}' (välj {', '.join(WHATS)}).")


def export_layer(
    store: Store,
    what: str,
    fmt: str,
    out: Path | str,
    *,
    query: IncidentQuery | None = None,
) -> int:
    """Write one table to ``out`` and return the number of rows written.

    An existing file is replaced (an export is a snapshot, not a database).
    """
    if fmt not in FORMATS:
        raise EstGeoError(f"Okänt format '{fmt}' (välj {', '.join(FORMATS)}).")
    gdf = _frame(store, what, query)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    if fmt == "csv":
        table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        if what == "incidents":
            lon, lat = to_wgs84(table["x"].to_numpy(float), table["y"].to_numpy(float))
        else:
            centre = gdf.geometry.representative_point()
            table["x"], table["y"] = centre.x.to_numpy(), centre.y.to_numpy()
            lon, lat = to_wgs84(table["x"].to_numpy(float), table["y"].to_numpy(float))
            table["wkt"] = gdf.geometry.to_wkt().to_numpy()
        table["lat"], table["lon"] = np.round(lat, 7), np.round(lon, 7)
        table.to_csv(path, index=False, encoding="utf-8-sig")
    elif fmt == "geojson":
        gdf.to_crs(epsg=4326).to_file(path, driver="GeoJSON", engine="pyogrio")
    else:
        gdf.to_file(path, driver="GPKG", layer=what, engine="pyogrio")
    return len(gdf)
