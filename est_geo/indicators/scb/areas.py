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

from est_geo.core.errors import EstGeoError
from est_geo.core.model import AreaLevel
from est_geo.indicators.codes import AreaKey
from est_geo.indicators.io import AreaKeyImport, read_areas, store_area_key
from est_geo.indicators.scb.client import ScbClient
from est_geo.indicators.scb.jsonstat import ScbFormatError
from est_geo.store import Store
from est_geo.store.area_keys import AreaKeyStore
from est_geo.store.area_versions import AreaReplaceStore

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
    key: AreaKeyImport | None


def check_request(kommun: str, level: str, year: int) -> None:
    """Refuse a malformed request before any call is made."""
    if not KOMMUN_PATTERN.match(kommun):
        raise EstGeoError(f"Kommunkoden ska vara fyra siffror, t.ex. 0581 (fick {kommun!r}).")
    if level not in LEVELS:
        raise EstGeoError(f"Nivån ska vara deso eller regso (fick {level!r}).")
    if not 2018 <= year <= 2100:
        raise EstGeoError(f"Versionsåret ska vara 2018 eller senare (fick {year}).")


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
        raise ScbFormatError("SCB:s geodatatjänst svarade inte med GeoJSON-objekt.")
    if not doc["features"]:
        raise EstGeoError(f"SCB:s geodatatjänst har inga {level}-områden för kommun {kommun}.")
    matched = doc.get("numberMatched", doc.get("totalFeatures"))
    if isinstance(matched, int) and matched > len(doc["features"]):
        raise ScbFormatError(
            f"SCB:s geodatatjänst gav {len(doc['features'])} av {matched} områden "
            "(svaret är avkortat); inget har sparats."
        )
    features = []
    swap = _northing_first(doc["features"])
    for i, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, Mapping) or not isinstance(feature.get("geometry"), Mapping):
            raise ScbFormatError(f"Objekt {i} från SCB är inget GeoJSON-objekt med geometri.")
        props = feature.get("properties") or {}
        if swap:
            feature = {**feature, "geometry": _swapped(feature["geometry"])}
        code = _prop(props, _CODE[level])
        if code is None:
            raise ScbFormatError(
                f"Objekt {i} från SCB saknar {_CODE[level][0]} (attribut: {', '.join(props)}); "
                "har lagret ändrats?"
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


def _merged_key(store: Store, pairs: gpd.GeoDataFrame) -> AreaKey:
    """The stored DeSO → RegSO key with this fetch's pairs laid over it.

    Storing a key replaces the whole key, so a second municipality's fetch must not drop
    the first one's pairs; where a DeSO is in both, the fetch (the newer word) wins.
    """
    children = pairs["code"].astype(str).tolist()
    parents = pairs["parent_code"].astype(str).tolist()
    names = pairs["regso_name"].fillna("").astype(str).tolist()
    if isinstance(store, AreaKeyStore):
        stored = store.area_key(
            child_level=AreaLevel.DESO.value, parent_level=AreaLevel.REGSO.value
        )
        old = stored[~stored["child_code"].astype(str).isin(set(children))]
        children += old["child_code"].astype(str).tolist()
        parents += old["parent_code"].astype(str).tolist()
        names += old["parent_name"].fillna("").astype(str).tolist()
    return AreaKey.from_pairs(children, parents, parent_names=names)


def meta_key(level: str, kommun: str) -> str:
    """The database metadata key of one municipality's fetched areas of one level."""
    return f"scb.areas.{level}.{kommun}"


def stored_area_version(store: Store, kommun: str, level: str) -> int | None:
    """The version year of the municipality's stored SCB areas of ``level``, if fetched."""
    raw = store.meta().get(meta_key(level, kommun))
    if not raw:
        return None
    try:
        year = json.loads(raw).get("year")
    except (ValueError, AttributeError):
        return None
    return int(year) if isinstance(year, int) else None


def check_same_version(store: Store, fetched: AreasFetch) -> None:
    """Refuse a fetch of another area version than the one stored (nothing written).

    Areas are keyed by code alone, and DeSO 2018 and DeSO 2025 share most codes with
    different shapes: storing 2018 over 2025 (or back) would replace the shared codes and
    keep each version's own codes beside them, a map of two versions at once. Until areas
    carry their version in the key, one version per municipality and level is kept.
    """
    stored = stored_area_version(store, fetched.kommun, fetched.level)
    if stored is not None and stored != fetched.year:
        raise EstGeoError(
            f"Databasen har redan {fetched.level}-områden av version {stored} för kommun "
            f"{fetched.kommun}; version {fetched.year} kan inte läggas bredvid (områden "
            f"nycklas på kod, och versionerna delar koder). Hämta version {stored} igen, "
            "eller använd en ny databas för den andra versionen. Inget har sparats."
        )


def store_fetched_areas(store: Store, fetched: AreasFetch, *, user: str) -> AreasStored:
    """Store the fetched areas, fill the DeSO → RegSO key, and record the version year,
    source and fetch date in the database's metadata.

    New codes are added; a code already stored gets the fetched shape, name and parent in
    place (:mod:`est_geo.store.area_versions`: indicator values stay keyed to it), so a
    re-fetch replaces the delivery and never duplicates it. All areas are written in one
    transaction, or none. A DeSO's ``parent_code`` is kept only when its RegSO polygon is
    stored (the store refuses unknown parents); the key holds the link either way. A
    fetch of another version than the stored one is refused (:func:`check_same_version`).
    """
    check_same_version(store, fetched)
    areas = fetched.areas.copy()
    # The store keeps parent_code only for a parent it holds; the key below always links.
    regso = set(store.areas(levels=[AreaLevel.REGSO.value])["code"].astype(str))
    areas["parent_code"] = [p if p in regso else None for p in areas["parent_code"]]
    columns = ["code", "name", "level", "parent_code", "geometry"]
    if isinstance(store, AreaReplaceStore):
        inserted, replaced = store.replace_areas(areas[columns], user=user)
    else:  # a store without replacement: add the new codes, leave the rest
        have = set(store.areas(levels=[fetched.level])["code"].astype(str))
        new = areas[~areas["code"].astype(str).isin(have)]
        inserted = store.add_areas(new[columns], user=user) if len(new) else 0
        replaced = 0
    key: AreaKeyImport | None = None
    if fetched.level == AreaLevel.DESO.value:
        pairs = fetched.areas.dropna(subset=["parent_code"])  # every DeSO's RegSO
        if len(pairs):
            key = store_area_key(store, _merged_key(store, pairs), user=user)
    record = {
        "year": fetched.year,
        "source": fetched.source_url,
        "fetched_at": fetched.fetched_at,
        "areas": len(areas),
    }
    store.set_meta({meta_key(fetched.level, fetched.kommun): json.dumps(record)}, user=user)
    return AreasStored(inserted=inserted, replaced=replaced, key=key)
