"""Self-hosted basemap: EST_GEO_BASEMAP, PMTiles archives, the map layer, the CLI."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pmtiles.reader import MmapSource, Reader, all_tiles

from est_geo.cli import main
from est_geo.core.config import OSM_TILES, load_config
from est_geo.core.errors import ConfigError
from est_geo.maps import base_map, external_urls
from est_geo.maps.basemap import (
    BasemapError,
    extract,
    publish_archive,
    read_archive,
    tiles_for,
    vector_schema,
)
from est_geo.store import create_store
from tests.conftest import small_areas
from tests.pmtiles_archives import (
    PROTOMAPS_V4_VERSION,
    RASTER_RGB,
    mvt_tile,
    protomaps_2023_archive,
    protomaps_v4_archive,
    raster_archive,
    vector_archive,
)

# ---------------------------------------------------------------- EST_GEO_BASEMAP


def _cfg(tmp_path: Path, **env: str):  # type: ignore[no-untyped-def]
    return load_config({f"EST_GEO_{k.upper()}": v for k, v in env.items()}, cwd=tmp_path)


def test_auto_keeps_tile_url_behaviour(tmp_path: Path) -> None:
    assert _cfg(tmp_path).tile_url == OSM_TILES
    assert _cfg(tmp_path, mode="public").tile_url is None  # no third party by default
    assert _cfg(tmp_path, tile_url="none").tile_url is None
    assert _cfg(tmp_path).basemap is None


def test_basemap_values(tmp_path: Path) -> None:
    # The operator naming OSM gets it, also in public mode.
    assert _cfg(tmp_path, basemap="osm", mode="public").tile_url == OSM_TILES
    assert _cfg(tmp_path, basemap="none").tile_url is None
    url = "https://minkarta.lantmateriet.se/{z}/{y}/{x}.png"
    assert _cfg(tmp_path, basemap=url).tile_url == url
    archive = raster_archive(tmp_path / "k.pmtiles")
    cfg = _cfg(tmp_path, basemap=str(archive), mode="public")
    assert cfg.basemap == str(archive.resolve())
    assert cfg.tile_url is None


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"basemap": "none", "tile_url": "none"}, "bara den ena"),
        ({"basemap": "/saknas/karta.pmtiles"}, "finns inte"),
        ({"basemap": "karta.mbtiles"}, ".pmtiles"),
        ({"basemap": "https://tiles.example.se/karta.png"}, "{z}"),
    ],
)
def test_bad_basemap_is_a_clear_config_error(
    tmp_path: Path, env: dict[str, str], needle: str
) -> None:
    with pytest.raises(ConfigError, match="basemap") as exc:
        _cfg(tmp_path, **env)
    assert needle in str(exc.value)


# ---------------------------------------------------------------- archives


def test_read_archive_raster_and_vector(tmp_path: Path) -> None:
    raster = read_archive(raster_archive(tmp_path / "r.pmtiles", min_zoom=8, max_zoom=12))
    assert (raster.tile_type, raster.vector, raster.min_zoom, raster.max_zoom) == (
        "png",
        False,
        8,
        12,
    )
    assert raster.bounds == pytest.approx((15.9, 58.5, 16.4, 58.7))
    # Tags of the metadata's HTML dropped, entities decoded (escaped again on output).
    assert raster.attribution == "© Testkarta & bidragsgivare"
    vector = read_archive(vector_archive(tmp_path / "v.pmtiles"))
    assert vector.vector and vector.tile_type == "mvt"


def test_vector_schema_tells_v4_from_older_and_foreign_schemas(tmp_path: Path) -> None:
    # protomaps-leaflet 5 draws only the v4 schema (its CHANGELOG, 5.0.0): a 2023 file
    # (the Florence sample's layer/field names) or an OpenMapTiles one must be named.
    v4 = read_archive(protomaps_v4_archive(tmp_path / "v4.pmtiles"))
    assert (v4.schema, v4.schema_version) == ("protomaps", PROTOMAPS_V4_VERSION)
    assert read_archive(protomaps_2023_archive(tmp_path / "old.pmtiles")).schema == (
        "protomaps-old"
    )
    assert read_archive(raster_archive(tmp_path / "r.pmtiles")).schema is None
    openmaptiles = [{"id": n, "fields": {}} for n in ("water", "transportation", "place")]
    assert vector_schema({"vector_layers": openmaptiles}) == "other"
    # tilestats only (the oldest builds), a v3 version, a pmap: field: each says "old".
    assert vector_schema({"tilestats": {"layers": [{"layer": "earth"}, {"layer": "land"}]}}) == (
        "protomaps-old"
    )
    earth = [{"id": "earth", "fields": {}}, {"id": "roads", "fields": {"kind": "String"}}]
    assert vector_schema({"version": "3.7.1", "vector_layers": earth}) == "protomaps-old"
    pmap = [{"id": "earth", "fields": {}}, {"id": "roads", "fields": {"pmap:kind": "String"}}]
    assert vector_schema({"vector_layers": pmap}) == "protomaps-old"
    assert vector_schema({"vector_layers": earth}) == "protomaps"
    # v4 still registers an empty "transit" layer (Transit.java): a build listing it is v4.
    transit = [*earth, {"id": "transit", "fields": {}}]
    assert vector_schema({"version": "4.15.2", "vector_layers": transit}) == "protomaps"
    assert vector_schema({"vector_layers": transit}) == "protomaps"
    assert vector_schema({}) == "unknown"


def test_old_schema_archive_is_drawn_but_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import est_geo.maps.basemap as bm

    monkeypatch.setattr(bm, "STATIC_DIR", tmp_path / "static")
    archive = protomaps_2023_archive(tmp_path / "old.pmtiles")
    with caplog.at_level("WARNING", logger="est_geo.maps.basemap"):
        tiles = tiles_for(_cfg(tmp_path, basemap=str(archive), mode="public"))
    assert tiles is not None and tiles.kind == "pmtiles-vector"
    assert "no streets or names" in caplog.text and "physical_line" in caplog.text


def test_not_an_archive_is_a_basemap_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pmtiles"
    bad.write_bytes(b"MBTiles" + bytes(200))
    with pytest.raises(BasemapError, match="inte en PMTiles-fil"):
        read_archive(bad)


def test_configured_file_that_is_no_archive_fails_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "karta.pmtiles"
    bad.write_text("<html>not found</html>")
    with pytest.raises(BasemapError, match="inte en PMTiles-fil"):
        tiles_for(_cfg(tmp_path, basemap=str(bad)))


def test_publish_links_into_static_and_replaces_older(tmp_path: Path) -> None:
    static = tmp_path / "static"
    first = raster_archive(tmp_path / "a.pmtiles")
    name = publish_archive(first, static)
    served = static / "basemap" / name
    assert served.read_bytes() == first.read_bytes()
    assert publish_archive(first, static) == name  # stable
    second = vector_archive(tmp_path / "b.pmtiles")
    name2 = publish_archive(second, static)
    assert name2 != name
    assert sorted(p.name for p in (static / "basemap").iterdir()) == [name2]
    # Already inside static/basemap: served as it is.
    assert publish_archive(static / "basemap" / name2, static) == name2


def test_publish_refuses_what_streamlit_will_not_serve(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import est_geo.maps.basemap as bm

    monkeypatch.setattr(bm, "MAX_SERVED_BYTES", 100)
    with pytest.raises(BasemapError, match="est-geo basemap extract"):
        publish_archive(raster_archive(tmp_path / "big.pmtiles"), tmp_path / "static")


def _tiles(path: Path) -> dict[tuple[int, int, int], bytes]:
    with path.open("rb") as fh:
        return dict(all_tiles(MmapSource(fh)))


def test_extract_cuts_box_and_zooms_byte_for_byte(tmp_path: Path) -> None:
    source = vector_archive(tmp_path / "v.pmtiles", min_zoom=6, max_zoom=13)
    out = extract(source, tmp_path / "cut.pmtiles", (16.0, 58.55, 16.2, 58.65), 9, 11)
    assert (out.min_zoom, out.max_zoom, out.tile_type) == (9, 11, "mvt")
    assert out.bounds == pytest.approx((16.0, 58.55, 16.2, 58.65))
    cut = _tiles(out.path)
    whole = _tiles(source)
    assert cut and {z for z, _, _ in cut} == {9, 10, 11}
    assert all(whole[key] == data for key, data in cut.items())
    assert gzip.decompress(next(iter(cut.values()))) == mvt_tile()
    # The tiles left out are those outside the box: at z11 the box spans 2 columns.
    assert sorted({x for z, x, _ in cut if z == 11}) == [1115, 1116]
    with out.path.open("rb") as fh:
        assert Reader(MmapSource(fh)).metadata()["attribution"].startswith("<a href")


def test_extract_outside_the_archive_writes_nothing(tmp_path: Path) -> None:
    source = raster_archive(tmp_path / "r.pmtiles")
    with pytest.raises(BasemapError, match="täcker inte"):
        extract(source, tmp_path / "cut.pmtiles", (11.0, 57.0, 11.5, 57.5), 8, 12)
    assert not (tmp_path / "cut.pmtiles").exists()
    with pytest.raises(BasemapError, match="väster < öster"):
        extract(source, tmp_path / "cut.pmtiles", (16.4, 58.5, 15.9, 58.7), 8, 12)


# ---------------------------------------------------------------- the map


def test_map_draws_archive_from_own_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import est_geo.maps.basemap as bm

    monkeypatch.setattr(bm, "STATIC_DIR", tmp_path / "static")
    for build, vector in ((raster_archive, False), (vector_archive, True)):
        archive = build(tmp_path / f"k{vector}.pmtiles")
        cfg = _cfg(tmp_path, basemap=str(archive), mode="public")
        tiles = tiles_for(cfg)
        assert tiles is not None
        assert tiles.kind == ("pmtiles-vector" if vector else "pmtiles-raster")
        assert tiles.url is not None and tiles.url.startswith("/app/static/basemap/")
        html = base_map(58.6, 16.1, 11, tiles).get_root().render()
        assert "/app/static/vendor/pmtiles/pmtiles.js" in html
        assert "/app/static/vendor/protomaps-leaflet/protomaps-leaflet.js" in html
        assert ("protomapsL.leafletLayer" in html) is vector
        assert ("pmtiles.leafletRasterLayer" in html) is not vector
        assert tiles.url in html
        # The archive's attribution is escaped (its HTML is shown as text, never markup).
        assert "<b>bidragsgivare" not in html and "Testkarta" in html
        assert external_urls(html) == []
        assert (tmp_path / "static" / "basemap" / tiles.url.rsplit("/", 1)[1]).is_file()


def test_maps_without_archive_load_no_pmtiles_script(tmp_path: Path) -> None:
    html = base_map(58.6, 16.1, 11, tiles_for(_cfg(tmp_path, basemap="none"))).get_root().render()
    assert "pmtiles" not in html


# ---------------------------------------------------------------- CLI


def test_cli_check_reports_and_checks_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.gpkg"
    store = create_store(str(db))
    store.add_areas(small_areas(), user="test")
    archive = raster_archive(tmp_path / "r.pmtiles")
    assert main(["basemap", "check", str(archive), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "raster (png)" in out and "8–13" in out and "Områden:      täcks" in out
    small = extract(archive, tmp_path / "small.pmtiles", (16.0, 58.55, 16.1, 58.6), 8, 13)
    assert main(["basemap", "check", str(small.path), "--db", str(db)]) == 1
    assert "TÄCKS INTE" in capsys.readouterr().out


def test_cli_check_names_the_schema_and_fails_on_an_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.gpkg"
    create_store(str(db)).add_areas(small_areas(), user="test")
    v4 = protomaps_v4_archive(tmp_path / "v4.pmtiles")
    assert main(["basemap", "check", str(v4), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"Schema:       Protomaps basemap {PROTOMAPS_V4_VERSION} – gator, vatten" in out
    old = protomaps_2023_archive(tmp_path / "old.pmtiles")
    assert main(["basemap", "check", str(old), "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "före v4 (med lagren natural, land, physical_line" in out
    assert "inga gator och inga namn" in out


def test_cli_extract_kommun_and_bbox(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.gpkg"
    create_store(str(db)).add_areas(small_areas(), user="test")
    archive = vector_archive(tmp_path / "v.pmtiles")
    out = tmp_path / "kommun.pmtiles"
    args = ["basemap", "extract", str(archive), str(out), "--kommun", "--db", str(db)]
    assert main([*args, "--maxzoom", "12"]) == 0
    info = read_archive(out)
    assert info.max_zoom == 12 and info.covers(16.0303, 58.5261, 16.2918, 58.6361)
    assert "Skrev" in capsys.readouterr().out
    bad = ["basemap", "extract", str(archive), str(out), "--bbox", "16,58"]
    assert main(bad) == 2
    assert "fyra tal" in capsys.readouterr().err


def test_raster_fixture_colour_is_not_the_map_background() -> None:
    from est_geo.maps import NO_TILES_BACKGROUND

    assert "#{:02x}{:02x}{:02x}".format(*RASTER_RGB) != NO_TILES_BACKGROUND


# ---------------------------------------------------------------- no basemap: names


def test_area_names_written_on_a_map_without_basemap() -> None:
    from est_geo.maps import area_outlines

    areas = small_areas().to_crs(4326)
    areas.loc[1, "name"] = "<img src=x onerror=alert(1)>Öst"
    html = base_map(58.6, 16.1, 11, None).add_child(area_outlines(areas, labels=True))
    rendered = html.get_root().render()
    assert rendered.count('"className": "est-area-label"') == len(areas)
    # Escaped once as text, then JSON-encoded by folium (& → \u0026, < → \u003c).
    assert "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;\\u00d6st\\u003c/div" in rendered
    assert "\\u003cimg" not in rendered and "<img src=x" not in rendered
    assert '"interactive": false' in rendered
    plain = base_map(58.6, 16.1, 11, None).add_child(area_outlines(areas))
    assert "est-area-label" not in plain.get_root().render()


def test_too_many_area_names_are_not_written() -> None:
    import pandas as pd

    from est_geo.maps import area_outlines
    from est_geo.maps.layers import MAX_AREA_LABELS

    one = small_areas().to_crs(4326).iloc[[2]]
    many = pd.concat([one] * (MAX_AREA_LABELS + 1), ignore_index=True)
    many["code"] = [f"A{i}" for i in range(len(many))]
    m = base_map(58.6, 16.1, 11, None).add_child(area_outlines(many, labels=True))
    assert "est-area-label" not in m.get_root().render()


def test_every_page_takes_its_basemap_from_tiles_for() -> None:
    """A page building its tiles from ``tile_url`` itself would ignore EST_GEO_BASEMAP."""
    root = Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for folder in ("ui", "app_pages")
        for path in sorted((root / folder).rglob("*.py"))
        if "tile_url" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@settings(max_examples=200, deadline=None)
@given(
    west=st.floats(-179.0, 178.0),
    south=st.floats(-84.0, 83.0),
    width=st.floats(0.0001, 1.0),
    height=st.floats(0.0001, 1.0),
    z=st.integers(0, 18),
)
def test_tile_range_covers_every_corner_of_the_box(
    west: float, south: float, width: float, height: float, z: int
) -> None:
    """Any point of the box lies in a tile of the range, and the range is no wider."""
    import math

    from est_geo.maps.basemap import _tile_range

    east, north = west + width, south + height
    x0, x1, y0, y1 = _tile_range(z, west, south, east, north)
    n = 2**z
    for lon, lat in ((west, south), (west, north), (east, south), (east, north)):
        x = min(n - 1, int((lon + 180) / 360 * n))
        y = min(n - 1, int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n))
        assert x0 <= x <= x1 and y0 <= y <= y1
    assert 0 <= x0 <= x1 < n and 0 <= y0 <= y1 < n
    assert x1 - x0 <= math.ceil(width / 360 * n) + 1


def _payload(tile_id: int) -> bytes:
    # Lengths vary at random with the id, so the directory does not compress away.
    import random

    return f"tile {tile_id}".encode().ljust(random.Random(tile_id).randrange(16, 300), b".")


def test_extract_follows_leaf_directories(tmp_path: Path) -> None:
    """Large archives (all real ones) keep most entries in leaf directories."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    source = tmp_path / "big.pmtiles"
    ids = sorted(zxy_to_tileid(12, x, y) for x in range(2200, 2300) for y in range(1150, 1350))
    with source.open("wb") as fh:
        writer = Writer(fh)
        for tile_id in ids:
            writer.write_tile(tile_id, _payload(tile_id))  # distinct: no run-lengths
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_lon_e7": 100_000_000,
                "min_lat_e7": 550_000_000,
                "max_lon_e7": 250_000_000,
                "max_lat_e7": 700_000_000,
                "center_zoom": 12,
                "center_lon_e7": 160_000_000,
                "center_lat_e7": 586_000_000,
            },
            {"attribution": "test"},
        )
    with source.open("rb") as fh:
        assert Reader(MmapSource(fh)).header()["leaf_directory_length"] > 0
    out = extract(source, tmp_path / "cut.pmtiles", (16.0, 58.55, 16.2, 58.65), 12, 12)
    cut = _tiles(out.path)
    assert cut
    assert all(data == _payload(zxy_to_tileid(*key)) for key, data in cut.items())
    # Every tile of the box is there: lon 16.0–16.2 is x 2230.04–2232.31 at z12.
    assert sorted({x for _, x, _ in cut}) == [2230, 2231, 2232]
    assert len(cut) == 3 * len({y for _, _, y in cut})
