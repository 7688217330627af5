"""Small PMTiles archives built in the tests themselves (no downloaded data).

Raster: PNG tiles drawn with PIL, one flat colour per zoom plus a dark cross, so a
browser test can tell a drawn basemap tile from the empty map background. Vector: Mapbox
Vector Tiles encoded here by hand (the protobuf wire format is small), with an ``earth``
polygon and a ``roads`` line in the Protomaps basemap schema, gzip-compressed as
Protomaps' own builds are.
"""

from __future__ import annotations

import gzip
import io
import math
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

#: Colour of the raster tiles (RGB), distinct from the no-tiles background #f4f3ef.
RASTER_RGB = (40, 120, 200)
#: Box of Norrköping's demo areas and a margin (west, south, east, north).
BBOX = (15.9, 58.5, 16.4, 58.7)
ATTRIBUTION = '<a href="https://example.org/">© Testkarta & <b>bidragsgivare</b></a>'


def _tiles_in(bbox: tuple[float, float, float, float], z: int) -> Iterable[tuple[int, int]]:
    west, south, east, north = bbox
    n = 2**z

    def row(lat: float) -> int:
        rad = math.radians(lat)
        return int((1 - math.asinh(math.tan(rad)) / math.pi) / 2 * n)

    for x in range(int((west + 180) / 360 * n), int((east + 180) / 360 * n) + 1):
        for y in range(row(north), row(south) + 1):
            yield x, y


def _png(z: int) -> bytes:
    img = Image.new("RGB", (256, 256), RASTER_RGB)
    draw = ImageDraw.Draw(img)
    draw.line((0, 128, 256, 128), fill=(20, 20, 20), width=6)
    draw.line((128, 0, 128, 256), fill=(20, 20, 20), width=6)
    draw.text((8, 8), f"z{z}", fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


# ---------------------------------------------------------------- minimal MVT encoder


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _field(number: int, wire: int, payload: bytes) -> bytes:
    key = _varint((number << 3) | wire)
    if wire == 2:
        return key + _varint(len(payload)) + payload
    return key + payload


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 31)


def _geometry(rings: list[list[tuple[int, int]]], *, polygon: bool) -> bytes:
    cmds: list[int] = []
    cx = cy = 0
    for ring in rings:
        x, y = ring[0]
        cmds += [(1 << 3) | 1, _zigzag(x - cx), _zigzag(y - cy)]  # MoveTo 1
        cx, cy = x, y
        rest = ring[1:]
        cmds.append((len(rest) << 3) | 2)  # LineTo n
        for x, y in rest:
            cmds += [_zigzag(x - cx), _zigzag(y - cy)]
            cx, cy = x, y
        if polygon:
            cmds.append((1 << 3) | 7)  # ClosePath
    return b"".join(_varint(c) for c in cmds)


def _layer(name: str, geom_type: int, geometry: bytes, kind: str | None) -> bytes:
    feature = _field(1, 0, _varint(1))
    keys = b""
    values = b""
    if kind is not None:
        feature += _field(2, 2, _varint(0) + _varint(0))  # tags: key 0 = value 0
        keys = _field(3, 2, b"kind")
        values = _field(4, 2, _field(1, 2, kind.encode()))  # Value.string_value
    feature += _field(3, 0, _varint(geom_type)) + _field(4, 2, geometry)
    body = (
        _field(15, 0, _varint(2))
        + _field(1, 2, name.encode())
        + _field(2, 2, feature)
        + keys
        + values
        + _field(5, 0, _varint(4096))
    )
    return _field(3, 2, body)


def mvt_tile() -> bytes:
    """One vector tile: land everywhere, a major road across it (Protomaps schema)."""
    earth = _layer(
        "earth", 3, _geometry([[(0, 0), (0, 4096), (4096, 4096), (4096, 0)]], polygon=True), None
    )
    road = _layer("roads", 2, _geometry([[(0, 2048), (4096, 2100)]], polygon=False), "major_road")
    return earth + road


# ---------------------------------------------------------------- archives


def _write(
    path: Path,
    tiles: dict[int, bytes],
    *,
    tile_type: TileType,
    compression: Compression,
    metadata: dict[str, object],
    bbox: tuple[float, float, float, float],
) -> Path:
    with path.open("wb") as fh:
        writer = Writer(fh)
        for tile_id in sorted(tiles):
            writer.write_tile(tile_id, tiles[tile_id])
        west, south, east, north = bbox
        writer.finalize(
            {
                "tile_type": tile_type,
                "tile_compression": compression,
                "min_lon_e7": int(west * 1e7),
                "min_lat_e7": int(south * 1e7),
                "max_lon_e7": int(east * 1e7),
                "max_lat_e7": int(north * 1e7),
                "center_zoom": 10,
                "center_lon_e7": int((west + east) / 2 * 1e7),
                "center_lat_e7": int((south + north) / 2 * 1e7),
            },
            metadata,
        )
    return path


def raster_archive(
    path: Path, *, min_zoom: int = 8, max_zoom: int = 13, bbox: tuple[float, ...] = BBOX
) -> Path:
    """PNG archive covering ``bbox`` at ``min_zoom``..``max_zoom``."""
    box = (bbox[0], bbox[1], bbox[2], bbox[3])
    tiles = {
        zxy_to_tileid(z, x, y): _png(z)
        for z in range(min_zoom, max_zoom + 1)
        for x, y in _tiles_in(box, z)
    }
    meta = {"name": "testraster", "attribution": ATTRIBUTION}
    return _write(
        path, tiles, tile_type=TileType.PNG, compression=Compression.NONE, metadata=meta, bbox=box
    )


def vector_archive(
    path: Path, *, min_zoom: int = 8, max_zoom: int = 13, bbox: tuple[float, ...] = BBOX
) -> Path:
    """Gzip-compressed MVT archive covering ``bbox`` in the Protomaps schema."""
    box = (bbox[0], bbox[1], bbox[2], bbox[3])
    data = gzip.compress(mvt_tile(), mtime=0)
    tiles = {
        zxy_to_tileid(z, x, y): data
        for z in range(min_zoom, max_zoom + 1)
        for x, y in _tiles_in(box, z)
    }
    meta = {
        "name": "testvector",
        "attribution": ATTRIBUTION,
        "vector_layers": [
            {"id": "earth", "fields": {}},
            {"id": "roads", "fields": {"kind": "String"}},
        ],
    }
    return _write(
        path, tiles, tile_type=TileType.MVT, compression=Compression.GZIP, metadata=meta, bbox=box
    )


def _varied_tile(tile_id: int, points: int) -> bytes:
    """A vector tile of its own: the road placed by ``tile_id`` and ``points`` POIs."""
    offset = tile_id % 4000
    earth = _layer(
        "earth", 3, _geometry([[(0, 0), (0, 4096), (4096, 4096), (4096, 0)]], polygon=True), None
    )
    road = _layer(
        "roads", 2, _geometry([[(0, offset), (4096, 4095 - offset)]], polygon=False), "major_road"
    )
    spots = [
        (((tile_id * 7919 + i * 104_729) % 4096), ((tile_id * 15 + i * 31) % 4096))
        for i in range(points)
    ]
    pois = _layer("pois", 2, _geometry([spots], polygon=False), None)
    return gzip.compress(earth + road + pois, mtime=0)


def varied_vector_archive(
    path: Path,
    *,
    bbox: tuple[float, float, float, float],
    min_zoom: int,
    max_zoom: int,
    points: int = 200,
) -> Path:
    """A gzip MVT archive whose tiles all differ, like a real build (no run-length merge).

    For the ``basemap extract`` benchmark: identical tiles would be stored once and
    merged into runs by the writer, so a large archive would be a few KB.
    """
    tiles = {
        tile_id: _varied_tile(tile_id, points)
        for z in range(min_zoom, max_zoom + 1)
        for x, y in _tiles_in(bbox, z)
        for tile_id in (zxy_to_tileid(z, x, y),)
    }
    meta = {"name": "testvector-varied", "attribution": ATTRIBUTION, "vector_layers": []}
    return _write(
        path, tiles, tile_type=TileType.MVT, compression=Compression.GZIP, metadata=meta, bbox=bbox
    )
