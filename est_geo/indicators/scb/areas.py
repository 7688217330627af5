"""DeSO and RegSO boundaries of one municipality from SCB's geodata WFS.

SCB publishes the boundaries as open geodata through GeoServer
(``https://geodata.scb.se/geoserver/stat/wfs``, layers ``stat:DeSO_<year>`` and
``stat:RegSO_<year>``). One GetFeature call asks for the municipality's features as
GeoJSON in SWEREF 99 TM (EPSG:3006, the store's CRS); the answer then goes through the
same reader and checks as an uploaded area file (:func:`est_geo.indicators.io.read_areas`),
so a fetched layer is held to exactly the rules of an imported one. A DeSO carries its
RegSO code, which fills the DeSO → RegSO key the Indikatorer page rolls values up with.

Identifiers as public projects use them (no call to scb.se was made to check): the
address and ``stat:DeSO_2025``/``stat:DeSO_2018``/``stat:RegSO_2025`` in Region Uppsala's
socioindex and Region Dalarna's delivery scripts (GetFeature, ``CQL_FILTER`` on
``lanskod``); the attributes ``desokod``, ``regsokod``, ``kommunkod``, ``lanskod`` of a
DeSO feature and ``regsokod``, ``regsonamn`` of a RegSO feature in the same scripts and
in Karlstad's open-data fetch. Other years' layer names are assumed to follow the pattern.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.core.model import AreaLevel, deso_version_of, level_version
from est_geo.indicators.io import read_areas
from est_geo.indicators.scb.client import ScbClient
from est_geo.indicators.scb.jsonstat import ScbFormatError
from est_geo.store import Store
from est_geo.store.area_versions import AreaDelivery, AreaDeliveryStore, refuse_unknown_store

__all__ = ["KOMMUN_PATTERN", "AreasFetch", "fetch_areas", "store_fetched_areas", "wfs_params"]

KOMMUN_PATTERN = re.compile(r"^\d{4}$")
LEVELS = (AreaLevel.DESO.value, AreaLevel.REGSO.value)
#: Attribute names SCB uses (compared case-insensitively).
_CODE = {"deso": ("desokod", "deso"), "regso": ("regsokod", "regso")}
_REGSO_NAME = ("regsonamn", "regso_namn", "regsoname")
_KOMMUN = "kommunkod"
#: Features asked for in one call; Stockholm, the largest municipality, has under 600 DeSO.
MAX_FEATURES = 5000


@dataclass(frozen=True)
class AreasFetch:
    """Store-ready areas of one municipality and level, with where they came from."""

    areas: gpd.GeoDataFrame
    level: str
    kommun: str
    year: int
    source_url: str
    fetched_at: str


@dataclass(frozen=True)
class AreasStored:
    """What :func:`store_fetched_areas` wrote."""

    inserted: int
    replaced: int
    #: Codes SCB no longer delivers for this municipality and version (removed).
    removed: tuple[str, ...]
    #: DeSO → RegSO pairs stored with the areas, and the RegSO they name.
    key_rows: int
    key_parents: int


def check_request(kommun: str, level: str, year: int) -> None:
    """Refuse a malformed request before any call is made."""
    if not KOMMUN_PATTERN.match(kommun):
        raise keyed_error(EstGeoError, "scb.error.kommun", given=repr(kommun))
    if level not in LEVELS:
        raise keyed_error(EstGeoError, "scb.error.level", given=repr(level))
    if not 2018 <= year <= 2100:
        raise keyed_error(EstGeoError, "scb.error.year", given=year)


def wfs_params(kommun: str, level: str, year: int) -> dict[str, str]:
    """The GetFeature query: one municipality's features as GeoJSON in EPSG:3006."""
    layer = f"stat:{'DeSO' if level == 'deso' else 'RegSO'}_{year}"
    return {
        "service": "WFS",
        "version": "2.0.0",
        "request": "GetFeature",
        "typeNames": layer,
        "outputFormat": "application/json",
        "srsName": "EPSG:3006",
        "count": str(MAX_FEATURES),
        "CQL_FILTER": f"{_KOMMUN}='{kommun}'",
    }


def _prop(props: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    lower = {str(k).lower(): v for k, v in props.items()}
    for name in names:
        value = lower.get(name)
        if value not in (None, ""):
            return str(value).strip()
    return None


def _first_point(coords: Any) -> tuple[float, float] | None:
    while isinstance(coords, list) and coords and isinstance(coords[0], list):
        coords = coords[0]
    if isinstance(coords, list) and len(coords) >= 2:
        return float(coords[0]), float(coords[1])
    return None


def _northing_first(features: list[Any]) -> bool:
    """Whether the coordinates come northing first.

    EPSG:3006 officially orders its axes northing, easting, and a WFS 2.0 server may
    follow that; GeoJSON readers take easting first. In Sweden a SWEREF 99 TM northing
    (6.1–7.7 million m) always exceeds the easting (0.2–1.0 million m), so the order is
    plain from any point.
    """
    for feature in features:
        geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
        point = _first_point(geometry.get("coordinates")) if isinstance(geometry, Mapping) else None
        if point is not None:
            return point[0] > point[1]
    return False


def _swapped(geometry: Mapping[str, Any]) -> dict[str, Any]:
    def swap(coords: Any) -> Any:
        if isinstance(coords, list) and coords and isinstance(coords[0], list):
            return [swap(c) for c in coords]
        return [coords[1], coords[0], *coords[2:]]

    return {**geometry, "coordinates": swap(geometry.get("coordinates"))}


def _normalise(doc: Any, level: str, kommun: str) -> dict[str, Any]:
    """The FeatureCollection with ``code``, ``name`` and ``parent`` properties, or a clear
    error when the layer has changed (no features, missing attributes)."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("features"), list):
        raise keyed_error(ScbFormatError, "scb.error.not_geojson")
    if not doc["features"]:
        raise keyed_error(EstGeoError, "scb.error.no_areas", level=level, kommun=kommun)
    matched = doc.get("numberMatched", doc.get("totalFeatures"))
    if isinstance(matched, int) and matched > len(doc["features"]):
        raise keyed_error(
            ScbFormatError, "scb.error.truncated", got=len(doc["features"]), matched=matched
        )
    features = []
    swap = _northing_first(doc["features"])
    for i, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, Mapping) or not isinstance(feature.get("geometry"), Mapping):
            raise keyed_error(ScbFormatError, "scb.error.feature_no_geometry", n=i)
        props = feature.get("properties") or {}
        if swap:
            feature = {**feature, "geometry": _swapped(feature["geometry"])}
        code = _prop(props, _CODE[level])
        if code is None:
            raise keyed_error(
                ScbFormatError,
                "scb.error.feature_no_code",
                n=i,
                attribute=_CODE[level][0],
                attributes=", ".join(props),
            )
        parent = _prop(props, _CODE["regso"]) if level == "deso" else None
        regso_name = _prop(props, _REGSO_NAME)
        name = regso_name if level == "regso" and regso_name else code
        new_props = {"code": code, "name": name, "parent": parent, "regso_name": regso_name}
        features.append({**feature, "properties": new_props})
    return {**doc, "features": features}


def fetch_areas(
    client: ScbClient, wfs_url: str, *, kommun: str, level: str, year: int
) -> AreasFetch:
    """Fetch and validate one municipality's DeSO or RegSO polygons (nothing is stored)."""
    check_request(kommun, level, year)
    doc = _normalise(client.get_json(wfs_url, wfs_params(kommun, level, year)), level, kommun)
    with tempfile.TemporaryDirectory(prefix="est_geo_scb_") as tmp:
        path = Path(tmp) / f"{level}_{kommun}.geojson"
        path.write_text(json.dumps(doc), encoding="utf-8")
        areas = read_areas(
            path,
            code_column="code",
            name_column="name",
            level=level,
            parent_column="parent" if level == "deso" else None,
        )
        names = gpd.read_file(path)["regso_name"] if level == "deso" else None
    if names is not None:
        areas["regso_name"] = names.to_numpy()
    return AreasFetch(
        areas=areas,
        level=level,
        kommun=kommun,
        year=year,
        source_url=str(client_url(wfs_url, wfs_params(kommun, level, year))),
        fetched_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def client_url(base: str, params: Mapping[str, str]) -> str:
    """The full request address, recorded as the layer's source."""
    import httpx

    return str(httpx.URL(base, params=dict(params)))


def stored_area_version(store: Store, kommun: str, level: str) -> int | None:
    """The newest version of the municipality's fetched SCB areas of ``level``, if any."""
    if not isinstance(store, AreaDeliveryStore):
        return None
    records = store.area_deliveries()
    mine = records[(records["kommun"] == kommun) & (records["level"] == level)]
    return int(mine["version"].max()) if len(mine) else None


def delivery_of(store: AreaDeliveryStore, fetched: AreasFetch) -> AreaDelivery:
    """The fetch as one delivery for the store: areas of the fetched version, the parent
    RegSO kept where the RegSO of the same division is stored (the store refuses unknown
    parents; the key below links every DeSO either way), and the DeSO → RegSO pairs.
    Only the stored RegSO codes are read, not their shapes."""
    areas = fetched.areas.copy()
    regso = AreaLevel.REGSO.value
    have = store.area_codes(
        regso, level_version(regso, deso_version_of(fetched.level, fetched.year))
    )
    areas["parent_code"] = [p if p in have else None for p in areas["parent_code"]]
    key = None
    if fetched.level == AreaLevel.DESO.value:
        pairs = fetched.areas.dropna(subset=["parent_code"])  # every DeSO's RegSO
        key = pd.DataFrame(
            {
                "child_code": pairs["code"].astype(str),
                "parent_code": pairs["parent_code"].astype(str),
                "parent_name": pairs["regso_name"].fillna("").astype(str),
            }
        )
    return AreaDelivery(
        areas=areas[["code", "name", "level", "parent_code", "geometry"]],
        level=fetched.level,
        version=fetched.year,
        kommun=fetched.kommun,
        source_url=fetched.source_url,
        fetched_at=fetched.fetched_at,
        key=key,
    )


def store_fetched_areas(store: Store, fetched: AreasFetch, *, user: str) -> AreasStored:
    """Store the fetched areas as version ``fetched.year`` beside any other version.

    One transaction (:meth:`~est_geo.store.area_versions.AreaDeliveryStore.replace_area_delivery`)
    replaces the municipality's areas of this level and version: a code delivered again
    gets the new shape, name and parent in place (indicator values stay keyed to it), a
    code SCB no longer delivers is removed, and the DeSO → RegSO pairs and the version
    record (year, source address, fetch date) are written with them, or nothing is.
    """
    target = refuse_unknown_store(store)
    delivery = delivery_of(target, fetched)
    result = target.replace_area_delivery(delivery, user=user)
    parents = 0 if delivery.key is None else delivery.key["parent_code"].nunique()
    return AreasStored(
        inserted=result.inserted,
        replaced=result.replaced,
        removed=result.removed,
        key_rows=result.key_rows,
        key_parents=int(parents),
    )
