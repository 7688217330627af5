"""Offline assets: folium classes point at static/vendor, and external_urls finds leaks."""

from __future__ import annotations

from pathlib import Path

import folium
import folium.plugins
import pytest

from est_geo.maps import TileConfig, asset_links, base_map, draw_control, external_urls
from est_geo.maps.offline import PLUGINS, plugin_assets, use_local_assets

REPO = Path(__file__).resolve().parents[1]
LOCAL = "/app/static/vendor/"


@pytest.fixture(autouse=True)
def _default_assets():
    use_local_assets()
    yield
    use_local_assets()


@pytest.mark.parametrize(
    "cls",
    [
        folium.Map,
        folium.plugins.MarkerCluster,
        folium.plugins.FastMarkerCluster,
        folium.plugins.Draw,
        folium.plugins.HeatMap,
        folium.plugins.DualMap,
    ],
)
def test_classes_load_only_vendored_files_that_exist(cls):
    urls = [url for _, url in cls.default_js + cls.default_css]
    assert urls
    for url in urls:
        assert url.startswith(LOCAL), url
        assert (REPO / "static" / "vendor" / url.removeprefix(LOCAL)).is_file(), url


def test_map_drops_jquery_bootstrap_and_icon_fonts():
    names = [name for name, _ in folium.Map.default_js + folium.Map.default_css]
    assert names == ["leaflet", "leaflet_css"]


def test_use_local_assets_is_idempotent_and_last_base_wins():
    use_local_assets()
    first = list(folium.Map.default_js)
    use_local_assets()
    assert folium.Map.default_js == first
    use_local_assets("/est/app/static/vendor/")
    assert folium.Map.default_js == [("leaflet", "/est/app/static/vendor/leaflet/leaflet.js")]


@pytest.mark.parametrize("bad", ["", "https://cdn.example/vendor", "//cdn.example/vendor"])
def test_use_local_assets_refuses_remote_base(bad):
    with pytest.raises(ValueError, match="base_url"):
        use_local_assets(bad)


def test_vendored_css_loads_nothing_remote():
    for css in (REPO / "static" / "vendor").rglob("*.css"):
        assert external_urls(f"<style>{css.read_text()}</style>") == [], css


def test_plugin_assets_rejects_unknown_names():
    with pytest.raises(ValueError, match="leaflet-fullscreen"):
        plugin_assets(["markercluster", "leaflet-fullscreen"])
    assert set(PLUGINS) == {"markercluster", "draw", "heat"}


def test_base_map_without_tiles_loads_nothing_external():
    m = base_map(58.59, 16.18, 12, None, plugins=("markercluster", "heat", "draw"))
    draw_control().add_to(m)
    html = m.get_root().render()
    assert external_urls(html) == []
    assert all(url.startswith(LOCAL) for url in asset_links(m))
    assert f'<script src="{LOCAL}leaflet/leaflet.js">' in html
    assert f"{LOCAL}leaflet.heat/leaflet-heat.js" in html
    assert "tileLayer" not in html
    assert '"attributionControl": false' in html


def test_base_map_with_tiles_loads_only_the_tile_host():
    tiles = TileConfig("https://tiles.example.se/{z}/{x}/{y}.png", "© Exempel & Co")
    m = base_map(58.59, 16.18, 12, tiles)
    html = m.get_root().render()
    assert external_urls(html) == ["https://tiles.example.se/{z}/{x}/{y}.png"]
    assert external_urls(html, ["tiles.example.se"]) == []
    assert external_urls(html, ["https://tiles.example.se/"]) == []
    assert "Exempel \\u0026amp; Co" in html  # escaped, then JSON-encoded


def test_dual_map_and_heat_map_are_local():
    use_local_assets()
    dual = folium.plugins.DualMap(location=(58.6, 16.2), tiles=None)
    folium.plugins.HeatMap([[58.6, 16.2, 1.0]]).add_to(dual.m1)
    html = dual.get_root().render()
    assert external_urls(html) == []
    assert f"{LOCAL}leaflet.sync/L.Map.Sync.js" in asset_links(dual)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"url": "https://t.example/{z}/{x}/{y}.png", "attribution": None}, "attribution"),
        ({"url": "ftp://t.example/{z}.png", "attribution": "x"}, "http"),
        ({"url": " ", "attribution": "x"}, "empty"),
        ({"url": None, "attribution": None, "max_zoom": 40}, "max_zoom"),
    ],
)
def test_tile_config_validation(bad, message):
    with pytest.raises(ValueError, match=message):
        TileConfig(**bad)


# --- external_urls on hand-written HTML ------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<script src="https://cdn.example/x.js"></script>', ["https://cdn.example/x.js"]),
        ("<link rel='stylesheet' href='//cdn.example/x.css'/>", ["//cdn.example/x.css"]),
        ('<img src=http://img.example/a.png alt="">', ["http://img.example/a.png"]),
        ('<img srcset="https://a.example/1.png 1x, /local.png 2x">', ["https://a.example/1.png"]),
        (
            "<style>.a{background:url('https://f.example/bg.png')}</style>",
            ["https://f.example/bg.png"],
        ),
        ('<style>@import "https://f.example/x.css";</style>', ["https://f.example/x.css"]),
        (
            '<div style="background: url(https://f.example/i.png)"></div>',
            ["https://f.example/i.png"],
        ),
        (
            '<script>L.tileLayer("https://{s}.t.example/{z}.png").addTo(m)</script>',
            ["https://{s}.t.example/{z}.png"],
        ),
        # Not loads: links, attribution links inside script strings, local and data URLs.
        ('<a href="https://leafletjs.com">Leaflet</a>', []),
        (
            '<script>var a = {"attribution": "\\u003ca href=\\"https://osm.example/c\\"\\u003e"};</script>',
            [],
        ),
        ('<script src="/app/static/vendor/leaflet/leaflet.js"></script>', []),
        ('<img src="data:image/png;base64,AAAA">', []),
        ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', []),
    ],
)
def test_external_urls_cases(html, expected):
    assert external_urls(html) == expected


def test_external_urls_scans_a_bare_script_and_deduplicates():
    script = 'L.tileLayer("https://t.example/{z}.png"); L.tileLayer("https://t.example/{z}.png");'
    assert external_urls(script, script=True) == ["https://t.example/{z}.png"]
    assert external_urls(script) == []  # as HTML it is only text


def test_external_urls_allowed_host_is_exact():
    html = '<script src="https://evil-t.example/x.js"></script>'
    assert external_urls(html, ["t.example"]) == ["https://evil-t.example/x.js"]
