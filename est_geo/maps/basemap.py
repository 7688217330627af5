"""The self-hosted basemap: one PMTiles archive, read here and served by the app itself.

A PMTiles file holds every tile of a basemap plus a directory; a browser reads it with
HTTP range requests, so no tile server is needed and no visitor's view reaches a third
party. Streamlit serves ``static/`` at ``/app/static/`` (with ``Range`` support) but only
files inside that folder, so :func:`publish_archive` hard-links (or copies) the operator's
archive into ``static/basemap/``. :func:`tiles_for` turns the configuration into the
:class:`~est_geo.maps.base.TileConfig` every map is built with; :func:`read_archive` and
:func:`extract` back ``est-geo basemap check`` / ``extract``.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import html
import json
import logging
import math
import mmap
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmtiles.tile import (
    Compression,
    MagicNumberNotFound,
    SpecVersionUnsupported,
    TileType,
    deserialize_directory,
    deserialize_header,
    find_tile,
    zxy_to_tileid,
)
from pmtiles.writer import Writer

from est_geo.core.config import PROJECT_ROOT, Config
from est_geo.core.errors import ConfigError, EstGeoError, keyed_error
from est_geo.maps.base import TileConfig

__all__ = [
    "MAX_SERVED_BYTES",
    "PRE_V4_LAYERS",
    "PROTOMAPS_V4_LAYERS",
    "ArchiveInfo",
    "BasemapError",
    "extract",
    "publish_archive",
    "read_archive",
    "tiles_for",
    "vector_schema",
]

#: Streamlit serves no single static file above 200 MB (MAX_APP_STATIC_FILE_SIZE).
MAX_SERVED_BYTES = 200 * 1024 * 1024
#: The folder Streamlit serves at /app/static/ (``static/`` next to app.py).
STATIC_DIR = PROJECT_ROOT / "static"
#: Folder under ``static/`` the archive is published into (served at /app/static/basemap/).
SERVED_FOLDER = "basemap"
#: An extract larger than this many tiles is refused before any tile is read.
MAX_EXTRACT_TILES = 5_000_000
_RASTER = {TileType.PNG: "png", TileType.JPEG: "jpeg", TileType.WEBP: "webp", TileType.AVIF: "avif"}
_TAG_RE = re.compile(r"<[^>]*>")
_LAT_LIMIT = 85.0511287798
_log = logging.getLogger(__name__)

#: Layers of the Protomaps basemap schema v4 (protomaps/basemaps, tiles 4.x), the only
#: schema the vendored protomaps-leaflet 5 draws: "Now only works with the protomaps
#: basemap tileset v4.0 and above" (protomaps-leaflet CHANGELOG, 5.0.0).
PROTOMAPS_V4_LAYERS = frozenset(
    {"boundaries", "buildings", "earth", "landcover", "landuse", "places", "pois", "roads", "water"}
)
#: Layers only the schemas before v4 have ("remove `physical_point`, `natural` and
#: `physical_line` layers": basemaps CHANGELOG, tiles v4.0.0-alpha.3; ``land`` and
#: ``mask``: tiles 2.x, e.g. the 2023 Florence sample in protomaps/PMTiles ``spec/v3``).
#: Their fields are ``pmap:kind``, where the style reads ``kind`` ("remove all `pmap:`
#: prefixes", tiles v4.0.0-alpha.3). Not ``transit``: v4 moved its features into
#: ``roads`` but still registers the (empty) layer (``Transit.java``, tiles 4.15.2).
PRE_V4_LAYERS = frozenset({"land", "mask", "natural", "physical_line", "physical_point"})


class BasemapError(EstGeoError):
    """A PMTiles archive cannot be read, served or cut."""


@dataclass(frozen=True)
class ArchiveInfo:
    """What ``est-geo basemap check`` reports and the map needs of an archive."""

    path: Path
    size: int
    tile_type: str  # "mvt", "png", "jpeg", "webp", "avif"
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float]  # west, south, east, north (degrees)
    attribution: str  # plain text (tags of the metadata's HTML removed)
    tiles: int  # addressed tiles
    #: Vector archives: "protomaps" (basemap schema v4, drawn in full), "protomaps-old"
    #: (before v4: land, water and buildings only), "other" (not the Protomaps schema:
    #: nothing the style knows), "unknown" (the metadata lists no layers); None: raster.
    schema: str | None = None
    schema_version: str = ""  # the metadata's "version" (Protomaps builds: "4.x.y")
    layers: tuple[str, ...] = ()  # vector layer names listed in the metadata

    @property
    def vector(self) -> bool:
        """True for vector tiles (drawn with protomaps-leaflet)."""
        return self.tile_type == "mvt"

    def covers(self, west: float, south: float, east: float, north: float) -> bool:
        """Whether the archive's bounds contain the box ``west, south, east, north``."""
        w, s, e, n = self.bounds
        return w <= west and s <= south and e >= east and n >= north


def _open_bytes(path: Path) -> Callable[[int, int], bytes]:
    def get_bytes(offset: int, length: int) -> bytes:
        with path.open("rb") as fh:
            fh.seek(offset)
            return fh.read(length)

    return get_bytes


def _header(path: Path, get_bytes: Callable[[int, int], bytes]) -> dict[str, Any]:
    try:
        return dict(deserialize_header(get_bytes(0, 127)))
    except (MagicNumberNotFound, SpecVersionUnsupported, ValueError, IndexError) as exc:
        # ValueError: an unknown enum code, or magic bytes that are not UTF-8.
        raise keyed_error(BasemapError, "basemap.not_pmtiles", path=path, reason=repr(exc)) from exc


def _metadata(header: dict[str, Any], get_bytes: Callable[[int, int], bytes]) -> dict[str, Any]:
    raw = get_bytes(header["metadata_offset"], header["metadata_length"])
    if header["internal_compression"] == Compression.GZIP:
        raw = gzip.decompress(raw)
    elif header["internal_compression"] != Compression.NONE:
        raise keyed_error(
            BasemapError, "basemap.compression", method=header["internal_compression"].name
        )
    data = json.loads(raw or b"{}")
    return data if isinstance(data, dict) else {}


def _plain(text: object) -> str:
    """Attribution as plain text: HTML tags dropped, entities decoded (escaped on output)."""
    return " ".join(html.unescape(_TAG_RE.sub("", str(text or ""))).split())


def _layer_names(meta: dict[str, Any]) -> tuple[list[str], set[str]]:
    """Layer names and field names listed in the metadata (``vector_layers``/``tilestats``)."""
    layers: list[str] = []
    fields: set[str] = set()
    for layer in meta.get("vector_layers") or []:
        if isinstance(layer, dict) and isinstance(layer.get("id"), str):
            layers.append(layer["id"])
            if isinstance(layer.get("fields"), dict):
                fields.update(str(name) for name in layer["fields"])
    stats = meta.get("tilestats")
    if not layers and isinstance(stats, dict):
        layers = [
            str(layer["layer"])
            for layer in stats.get("layers") or []
            if isinstance(layer, dict) and "layer" in layer
        ]
    return layers, fields


def _major(version: str) -> int | None:
    match = re.match(r"v?(\d+)\.", version)
    return int(match.group(1)) if match else None


def vector_schema(meta: dict[str, Any]) -> str:
    """Which tile schema a vector archive's metadata describes (see :attr:`ArchiveInfo.schema`).

    Why: protomaps-leaflet 5 styles only the Protomaps basemap schema v4; an older
    Protomaps file is drawn without a single street or name (tried on the 2023 Florence
    sample, docs/deployment.md), so ``est-geo basemap check`` must say so before an
    operator ships it.
    """
    layers, fields = _layer_names(meta)
    names = set(layers)
    if not names:
        return "unknown"
    major = _major(str(meta.get("version") or ""))
    if "earth" in names and major is not None:  # a Protomaps build names its version
        return "protomaps" if major >= 4 else "protomaps-old"
    if names & PRE_V4_LAYERS or any(name.startswith("pmap:") for name in fields):
        return "protomaps-old"
    if "earth" in names and names <= PROTOMAPS_V4_LAYERS | {"transit"}:
        return "protomaps"
    return "other"


def read_archive(path: Path) -> ArchiveInfo:
    """Read an archive's header and metadata (nothing else); raise BasemapError if unusable."""
    path = Path(path)
    if not path.is_file():
        raise keyed_error(BasemapError, "basemap.no_file", path=path)
    get_bytes = _open_bytes(path)
    header = _header(path, get_bytes)
    tile_type = header["tile_type"]
    if tile_type == TileType.MVT:
        kind = "mvt"
    elif tile_type in _RASTER:
        kind = _RASTER[tile_type]
    else:
        raise keyed_error(BasemapError, "basemap.tile_type", path=path, kind=tile_type.name)
    meta = _metadata(header, get_bytes)
    layers, _fields = _layer_names(meta)
    return ArchiveInfo(
        path=path,
        size=path.stat().st_size,
        tile_type=kind,
        min_zoom=header["min_zoom"],
        max_zoom=header["max_zoom"],
        bounds=(
            header["min_lon_e7"] / 1e7,
            header["min_lat_e7"] / 1e7,
            header["max_lon_e7"] / 1e7,
            header["max_lat_e7"] / 1e7,
        ),
        attribution=_plain(meta.get("attribution")),
        tiles=header["addressed_tiles_count"],
        schema=vector_schema(meta) if kind == "mvt" else None,
        schema_version=str(meta.get("version") or "") if kind == "mvt" else "",
        layers=tuple(layers),
    )


def publish_archive(path: Path, static_dir: Path | None = None) -> str:
    """Put ``path`` under ``static_dir/basemap/`` and return its name there.

    Why: Streamlit serves only files inside ``static/`` (it resolves symlinks and refuses
    any that lead outside), and none above 200 MB. The file is hard-linked when it is on
    the same file system, else copied; its name carries a digest of path, size and
    modification time, so a replaced archive gets a new URL (no stale browser cache).
    Older archives in the folder are removed: Streamlit turns all static serving off
    when ``static/`` grows above 1 GB. An archive already in ``static/basemap/`` is
    served where it is (for deployments whose app folder is read-only).
    """
    folder = (STATIC_DIR if static_dir is None else static_dir) / SERVED_FOLDER
    if path.resolve().parent == folder.resolve():
        return path.name  # the operator put it there: serve it as it is (read-only apps)
    stat = path.stat()
    if stat.st_size > MAX_SERVED_BYTES:
        raise keyed_error(
            BasemapError,
            "basemap.too_large",
            path=path,
            mb=stat.st_size / 1e6,
            most=MAX_SERVED_BYTES // (1024 * 1024),
        )
    digest = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem)[:40] or "basemap"
    name = f"{stem}-{digest.hexdigest()[:12]}.pmtiles"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.exists():
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        try:
            os.link(path, tmp)
        except OSError:
            shutil.copyfile(path, tmp)
        os.replace(tmp, target)
    for old in folder.glob("*.pmtiles"):
        if old.name != name:
            old.unlink(missing_ok=True)
    return name


@functools.lru_cache(maxsize=8)
def _archive_tiles(
    path: str, _mtime_ns: int, _size: int, static_url: str, fallback_attribution: str | None
) -> TileConfig:
    info = read_archive(Path(path))
    if info.schema in ("protomaps-old", "other"):
        # The operator chose this file; draw it, but say why streets or names are missing.
        _log.warning(
            "%s: vector tiles not in the Protomaps basemap schema v4 (%s; layers %s): "
            "the map style draws no streets or names from it; see `est-geo basemap check`",
            path,
            info.schema,
            ", ".join(info.layers),
        )
    name = publish_archive(info.path)
    # static_url is where static/vendor is served (/app/static/vendor): its parent is static/.
    url = posixpath.join(posixpath.dirname(static_url.rstrip("/")), SERVED_FOLDER, name)
    return TileConfig(
        url=url,
        attribution=info.attribution or fallback_attribution or "© OpenStreetMap contributors",
        max_zoom=max(info.max_zoom, 19),
        kind="pmtiles-vector" if info.vector else "pmtiles-raster",
        native_max_zoom=info.max_zoom,
    )


def tiles_for(cfg: Config) -> TileConfig | None:
    """The tile source every map of this deployment draws (``None``: no basemap).

    A PMTiles archive (``EST_GEO_BASEMAP=/path/x.pmtiles``) is published into ``static/``
    on first use and drawn from there; its attribution comes from the archive's metadata
    (``EST_GEO_TILE_ATTRIBUTION`` only when the archive names none).
    """
    if cfg.basemap is not None:
        path = Path(cfg.basemap)
        try:
            stat = path.stat()
        except OSError as exc:
            raise keyed_error(
                ConfigError, "basemap.unreadable", path=path, reason=str(exc)
            ) from exc
        return _archive_tiles(
            str(path), stat.st_mtime_ns, stat.st_size, cfg.static_url, cfg.tile_attribution
        )
    return TileConfig(cfg.tile_url, cfg.tile_attribution) if cfg.tile_url else None


def _tile_range(
    z: int, west: float, south: float, east: float, north: float
) -> tuple[int, int, int, int]:
    """Web Mercator tile columns and rows ``x0, x1, y0, y1`` (inclusive) covering a box."""
    n = 2**z

    def col(lon: float) -> int:
        return int(min(n - 1, max(0, int((lon + 180.0) / 360.0 * n))))

    def row(lat: float) -> int:
        lat = max(-_LAT_LIMIT, min(_LAT_LIMIT, lat))
        rad = math.radians(lat)
        return int(min(n - 1, max(0, int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * n))))

    return col(west), col(east), row(north), row(south)


def _tile_ids(
    bbox: tuple[float, float, float, float], min_zoom: int, max_zoom: int
) -> Iterator[int]:
    for z in range(min_zoom, max_zoom + 1):
        x0, x1, y0, y1 = _tile_range(z, *bbox)
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                yield zxy_to_tileid(z, x, y)


def _tile_getter(
    header: dict[str, Any], get_bytes: Callable[[int, int], bytes]
) -> Callable[[int], bytes | None]:
    """Look a tile id up through the root and leaf directories (up to depth 4)."""
    cache: dict[tuple[int, int], list[Any]] = {}

    def directory(offset: int, length: int) -> list[Any]:
        key = (offset, length)
        if key not in cache:
            if len(cache) > 256:
                cache.clear()
            cache[key] = deserialize_directory(get_bytes(offset, length))
        return cache[key]

    def get(tile_id: int) -> bytes | None:
        offset, length = header["root_offset"], header["root_length"]
        for _depth in range(4):
            entry = find_tile(directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length > 0:
                return get_bytes(header["tile_data_offset"] + entry.offset, entry.length)
            offset = header["leaf_directory_offset"] + entry.offset
            length = entry.length
        return None

    return get


def extract(
    source: Path,
    target: Path,
    bbox: tuple[float, float, float, float],
    min_zoom: int,
    max_zoom: int,
) -> ArchiveInfo:
    """Write the tiles of ``source`` inside ``bbox`` (west, south, east, north) and zooms.

    Tiles are copied byte for byte (still compressed as in the source), so vector and
    raster archives both work; the header keeps the source's tile type and compression
    and gets the new bounds and zooms; the metadata (attribution, layers) is kept.
    """
    west, south, east, north = bbox
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise keyed_error(BasemapError, "basemap.bad_bbox", bbox=bbox)
    info = read_archive(source)
    min_zoom, max_zoom = max(min_zoom, info.min_zoom), min(max_zoom, info.max_zoom)
    if min_zoom > max_zoom:
        raise keyed_error(BasemapError, "basemap.no_zooms", low=info.min_zoom, high=info.max_zoom)
    count = sum(
        (x1 - x0 + 1) * (y1 - y0 + 1)
        for x0, x1, y0, y1 in (_tile_range(z, *bbox) for z in range(min_zoom, max_zoom + 1))
    )
    if count > MAX_EXTRACT_TILES:
        raise keyed_error(BasemapError, "basemap.too_many_tiles", n=count, most=MAX_EXTRACT_TILES)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    # One mapping of the (possibly many-GB) source for all reads: pages come in on demand.
    with source.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:

        def get_bytes(offset: int, length: int) -> bytes:
            return mm[offset : offset + length]

        header = _header(source, get_bytes)
        metadata = _metadata(header, get_bytes)
        get = _tile_getter(header, get_bytes)
        try:
            written = _write_extract(tmp, header, metadata, get, bbox, min_zoom, max_zoom)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    if not written:
        tmp.unlink(missing_ok=True)
        raise keyed_error(BasemapError, "basemap.no_tiles")
    os.replace(tmp, target)
    return read_archive(target)


def _write_extract(
    tmp: Path,
    header: dict[str, Any],
    metadata: dict[str, Any],
    get: Callable[[int], bytes | None],
    bbox: tuple[float, float, float, float],
    min_zoom: int,
    max_zoom: int,
) -> int:
    """Write the tiles found in the box to ``tmp``; return how many (0: nothing written)."""
    west, south, east, north = bbox
    written = 0
    with tmp.open("wb") as fh:
        writer = Writer(fh)  # type: ignore[no-untyped-call]
        try:
            for tile_id in sorted(_tile_ids(bbox, min_zoom, max_zoom)):
                data = get(tile_id)
                if data:
                    writer.write_tile(tile_id, data)  # type: ignore[no-untyped-call]
                    written += 1
            if written:
                new_header = dict(header)
                new_header.update(
                    min_lon_e7=int(west * 1e7),
                    min_lat_e7=int(south * 1e7),
                    max_lon_e7=int(east * 1e7),
                    max_lat_e7=int(north * 1e7),
                    center_zoom=min_zoom,
                    center_lon_e7=int((west + east) / 2 * 1e7),
                    center_lat_e7=int((south + north) / 2 * 1e7),
                )
                writer.finalize(new_header, metadata)  # type: ignore[no-untyped-call]
        finally:
            writer.tile_f.close()  # its temporary file of tile data
    return written
