"""Small PMTiles archives built in the tests themselves (no downloaded data).

Raster: PNG tiles drawn with PIL, one flat colour per zoom plus a dark cross, so a
browser test can tell a drawn basemap tile from the empty map background. Vector: Mapbox
Vector Tiles encoded here by hand (the protobuf wire format is small), gzip-compressed as
Protomaps' own builds are: a minimal ``earth`` + ``roads`` tile; a tile and metadata with
the layer and field names of the Protomaps basemap schema v4 (today's builds,
:func:`protomaps_v4_archive`); and the same scene in the 2023 schema (``pmap:kind``,
:func:`protomaps_2023_archive`), which the vendored style cannot draw streets from.
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


def _points(points: list[tuple[int, int]]) -> bytes:
    cmds = [(len(points) << 3) | 1]  # MoveTo n
    cx = cy = 0
    for x, y in points:
        cmds += [_zigzag(x - cx), _zigzag(y - cy)]
        cx, cy = x, y
    return b"".join(_varint(c) for c in cmds)


#: A feature: geometry type (1 point, 2 line, 3 polygon), encoded geometry, properties.
Feature = tuple[int, bytes, dict[str, str | int]]


def _value(value: str | int) -> bytes:
    if isinstance(value, int):
        return _field(4, 2, _field(5, 0, _varint(value)))  # Value.uint_value
    return _field(4, 2, _field(1, 2, value.encode()))  # Value.string_value


def _features_layer(name: str, features: list[Feature]) -> bytes:
    """One MVT layer (spec 2.1): keys and values are shared tables, features index them."""
    keys: list[str] = []
    values: list[str | int] = []
    body = _field(15, 0, _varint(2)) + _field(1, 2, name.encode())
    for number, (geom_type, geometry, props) in enumerate(features, start=1):
        tags = b""
        for key, value in props.items():
            if key not in keys:
                keys.append(key)
            if value not in values:
                values.append(value)
            tags += _varint(keys.index(key)) + _varint(values.index(value))
        feature = _field(1, 0, _varint(number))
        if tags:
            feature += _field(2, 2, tags)
        feature += _field(3, 0, _varint(geom_type)) + _field(4, 2, geometry)
        body += _field(2, 2, feature)
    body += b"".join(_field(3, 2, key.encode()) for key in keys)
    body += b"".join(_value(value) for value in values)
    body += _field(5, 0, _varint(4096))
    return _field(3, 2, body)


def _layer(name: str, geom_type: int, geometry: bytes, kind: str | None) -> bytes:
    return _features_layer(name, [(geom_type, geometry, {} if kind is None else {"kind": kind})])


def mvt_tile() -> bytes:
    """One vector tile: land everywhere, a major road across it (Protomaps schema)."""
    earth = _layer(
        "earth", 3, _geometry([[(0, 0), (0, 4096), (4096, 4096), (4096, 0)]], polygon=True), None
    )
    road = _layer("roads", 2, _geometry([[(0, 2048), (4096, 2100)]], polygon=False), "major_road")
    return earth + road


# ------------------------------------------- the real schemas, as Protomaps builds write them

#: Layer and field names of the Protomaps basemap schema v4, as protomaps/basemaps writes
#: them (tiles/src/main/java/com/protomaps/basemap/layers/{Earth,Water,Landuse,Roads,
#: Buildings,Places}.java at "Tiles 4.15.2": LAYER_NAME and the setAttr(...) names); the
#: metadata's "version" is that release's Basemap.version().
PROTOMAPS_V4_VERSION = "4.15.2"
PROTOMAPS_V4_FIELDS: dict[str, dict[str, str]] = {
    "earth": {"kind": "String", "min_zoom": "Number"},
    "water": {"kind": "String", "kind_detail": "String", "name": "String", "min_zoom": "Number"},
    "landuse": {"kind": "String", "sort_rank": "Number"},
    "roads": {
        "kind": "String",
        "kind_detail": "String",
        "name": "String",
        "min_zoom": "Number",
        "ref": "String",
        "sort_rank": "Number",
    },
    "buildings": {"kind": "String", "sort_rank": "Number"},
    "places": {
        "kind": "String",
        "kind_detail": "String",
        "name": "String",
        "min_zoom": "Number",
        "population": "Number",
        "population_rank": "Number",
    },
}
#: Names of the v4 test tile's features (a browser test reads them off the map).
V4_PLACE_NAME = "Testby"
V4_STREET_NAME = "Storgatan"


def protomaps_v4_tile() -> bytes:
    """A tile in the v4 schema: land; a lake in the south-east; a park; two streets, a
    building block; one town (``locality``) with its name at the tile's centre."""
    full = _geometry([[(0, 0), (0, 4096), (4096, 4096), (4096, 0)]], polygon=True)
    lake = _geometry([[(2600, 2600), (2600, 4096), (4096, 4096), (4096, 2600)]], polygon=True)
    park = _geometry([[(300, 2700), (300, 3800), (1400, 3800), (1400, 2700)]], polygon=True)
    block = _geometry([[(2300, 500), (2300, 900), (2900, 900), (2900, 500)]], polygon=True)
    return b"".join(
        (
            _features_layer("earth", [(3, full, {"kind": "earth", "min_zoom": 0})]),
            _features_layer("landuse", [(3, park, {"kind": "park", "sort_rank": 1})]),
            _features_layer("water", [(3, lake, {"kind": "lake", "min_zoom": 5})]),
            _features_layer(
                "roads",
                [
                    (
                        2,
                        _geometry([[(0, 1200), (4096, 1260)]], polygon=False),
                        {
                            "kind": "major_road",
                            "kind_detail": "primary",
                            "name": V4_STREET_NAME,
                            "min_zoom": 7,
                            "sort_rank": 400,
                        },
                    ),
                    (
                        2,
                        _geometry([[(1800, 0), (1850, 4096)]], polygon=False),
                        {
                            "kind": "highway",
                            "kind_detail": "motorway",
                            "ref": "E4",
                            "min_zoom": 3,
                            "sort_rank": 400,
                        },
                    ),
                ],
            ),
            _features_layer("buildings", [(3, block, {"kind": "building", "sort_rank": 400})]),
            _features_layer(
                "places",
                [
                    (
                        1,
                        _points([(2048, 2048)]),
                        {
                            "kind": "locality",
                            "kind_detail": "town",
                            "name": V4_PLACE_NAME,
                            "min_zoom": 6,
                            "population": 20000,
                            "population_rank": 9,
                        },
                    )
                ],
            ),
        )
    )


#: Layer and field names of the 2023 Protomaps build sampled in protomaps/PMTiles
#: (spec/v3/protomaps(vector)ODbL_firenze.pmtiles as of 2023-01-18, its metadata's
#: vector_layers): the schema before v4, "pmap:kind" where v4 has "kind".
PROTOMAPS_2023_FIELDS: dict[str, dict[str, str]] = {
    "earth": {},
    "natural": {"natural": "string", "name": "string"},
    "land": {"pmap:kind": "string", "landuse": "string", "name": "string"},
    "water": {"natural": "string", "water": "string", "name": "string"},
    "physical_line": {"natural": "string", "waterway": "string"},
    "buildings": {"height": "number", "name": "string"},
    "physical_point": {"name": "string", "place": "string"},
    "places": {"pmap:kind": "string", "pmap:rank": "string", "name": "string"},
    "roads": {"pmap:kind": "string", "highway": "string", "ref": "string"},
    "transit": {"pmap:kind": "string", "railway": "string"},
    "pois": {"amenity": "string", "name": "string"},
    "boundaries": {"pmap:min_admin_level": "number"},
    "mask": {},
}


def protomaps_2023_tile() -> bytes:
    """The same scene as :func:`protomaps_v4_tile` in the 2023 schema (``pmap:kind``)."""
    full = _geometry([[(0, 0), (0, 4096), (4096, 4096), (4096, 0)]], polygon=True)
    lake = _geometry([[(2600, 2600), (2600, 4096), (4096, 4096), (4096, 2600)]], polygon=True)
    return b"".join(
        (
            _features_layer("earth", [(3, full, {})]),
            _features_layer("water", [(3, lake, {"natural": "water"})]),
            _features_layer(
                "roads",
                [
                    (
                        2,
                        _geometry([[(0, 1200), (4096, 1260)]], polygon=False),
                        {"pmap:kind": "major_road", "highway": "primary"},
                    )
                ],
            ),
            _features_layer(
                "places",
                [(1, _points([(2048, 2048)]), {"pmap:kind": "city", "name": V4_PLACE_NAME})],
            ),
        )
    )


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


def _schema_archive(
    path: Path,
    tile: bytes,
    metadata: dict[str, object],
    *,
    min_zoom: int,
    max_zoom: int,
    bbox: tuple[float, float, float, float],
) -> Path:
    data = gzip.compress(tile, mtime=0)
    tiles = {
        zxy_to_tileid(z, x, y): data
        for z in range(min_zoom, max_zoom + 1)
        for x, y in _tiles_in(bbox, z)
    }
    return _write(
        path,
        tiles,
        tile_type=TileType.MVT,
        compression=Compression.GZIP,
        metadata=metadata,
        bbox=bbox,
    )


def protomaps_v4_archive(
    path: Path, *, min_zoom: int = 8, max_zoom: int = 13, bbox: tuple[float, ...] = BBOX
) -> Path:
    """An archive whose tiles and metadata follow the Protomaps basemap schema v4."""
    meta: dict[str, object] = {
        "name": "Protomaps Basemap",
        "version": PROTOMAPS_V4_VERSION,
        "type": "baselayer",
        "attribution": ATTRIBUTION,
        "vector_layers": [{"id": k, "fields": v} for k, v in PROTOMAPS_V4_FIELDS.items()],
    }
    box = (bbox[0], bbox[1], bbox[2], bbox[3])
    return _schema_archive(
        path, protomaps_v4_tile(), meta, min_zoom=min_zoom, max_zoom=max_zoom, bbox=box
    )


def protomaps_2023_archive(
    path: Path, *, min_zoom: int = 8, max_zoom: int = 13, bbox: tuple[float, ...] = BBOX
) -> Path:
    """An archive whose tiles and metadata follow the 2023 (pre-v4) Protomaps schema."""
    meta: dict[str, object] = {
        "name": "protomaps 2023-01-18T07:49:39Z",
        "type": "baselayer",
        "attribution": ATTRIBUTION,
        "vector_layers": [{"id": k, "fields": v} for k, v in PROTOMAPS_2023_FIELDS.items()],
    }
    box = (bbox[0], bbox[1], bbox[2], bbox[3])
    return _schema_archive(
        path, protomaps_2023_tile(), meta, min_zoom=min_zoom, max_zoom=max_zoom, bbox=box
    )
