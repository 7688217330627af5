"""A public instance with a PMTiles basemap draws streets from the app alone (issue 15).

The archives are built by the test (tests/pmtiles_archives.py). The browser may reach only
loopback (``browser_page`` aborts and fails on anything else); the archive is read with
HTTP range requests answered by the app's own static serving.
"""

from __future__ import annotations

import urllib.request
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, map_evaluate

from est_geo.demo.bootstrap import create_demo_database
from tests.pmtiles_archives import RASTER_RGB, protomaps_v4_archive, raster_archive

pytestmark = pytest.mark.browser

#: Demo areas (15.36–16.71 E, 58.37–58.90 N) and a margin.
DEMO_BOX = (15.2, 58.3, 16.9, 58.95)


def _range(url: str, start: int, end: int) -> tuple[int, bytes, str]:
    req = urllib.request.Request(url, headers={"Range": f"bytes={start}-{end}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read(), resp.headers.get("Content-Range", "")


def _start(streamlit_server: Any, tmp_path: Path, archive: Path) -> str:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=1_000, end_date=date(2026, 11, 1))
    env = {
        "EST_GEO_DATABASE_URL": str(db),
        "EST_GEO_MODE": "public",
        "EST_GEO_BASEMAP": str(archive),
    }
    return str(streamlit_server("app.py", env=env))


def _archive_urls(browser_log: BrowserLog) -> list[str]:
    return [u for u in browser_log.requests if "/app/static/basemap/" in u]


def test_public_raster_basemap_is_drawn_from_the_app(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    archive = raster_archive(tmp_path / "raster.pmtiles", min_zoom=5, max_zoom=11, bbox=DEMO_BOX)
    url = _start(streamlit_server, tmp_path, archive)
    browser_page.goto(url, wait_until="domcontentloaded")
    tile_drawn = (
        "[...document.querySelectorAll('.leaflet-tile-pane img.leaflet-tile')]"
        ".some(i => i.complete && i.naturalWidth === 256 && i.src.startsWith('blob:'))"
    )
    # The tile's pixels are the archive's colour, not the empty map background. Each read
    # looks the map frame up again (with its condition), in case the map was remounted.
    colour = map_evaluate(
        browser_page,
        tile_drawn,
        """() => {
            const img = [...document.querySelectorAll('.leaflet-tile-pane img.leaflet-tile')]
                .find(i => i.complete && i.naturalWidth === 256);
            const c = document.createElement('canvas'); c.width = 256; c.height = 256;
            const g = c.getContext('2d'); g.drawImage(img, 0, 0);
            return Array.from(g.getImageData(40, 40, 1, 1).data.slice(0, 3));
        }""",
    )
    assert tuple(colour) == RASTER_RGB
    attribution, bold = map_evaluate(
        browser_page,
        tile_drawn,
        "() => { const a = document.querySelector('.leaflet-control-attribution');"
        " return [a.innerText, a.querySelectorAll('b').length]; }",
    )
    assert "© Testkarta & bidragsgivare" in attribution
    assert bold == 0  # escaped
    served = _archive_urls(browser_log)
    assert served, "the archive was not requested from the app"
    # Range requests are answered by the app with exactly the archive's bytes.
    data = archive.read_bytes()
    status, body, content_range = _range(served[0], 0, 126)
    assert (status, body) == (206, data[:127])
    assert content_range == f"bytes 0-126/{len(data)}"
    status, body, _ = _range(served[0], 1000, 1999)
    assert (status, body) == (206, data[1000:2000])
    assert not browser_log.blocked


#: Grey levels of protomaps-leaflet 5.1.0's ``grayscale`` flavour (its bundled
#: @protomaps/basemaps colours): earth #cccccc, water #a3a3a3, roads #ebebeb (major) and
#: the town name #474747 (``city_label``); street names are #8f8f8f, lighter than 110.
_GREY_COUNTS = """() => {
    const n = {earth: 0, water: 0, road: 0, name: 0};
    for (const c of document.querySelectorAll('.leaflet-tile-pane canvas.leaflet-tile')) {
        if (!c.width) { continue; }
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 0; i < d.length; i += 4) {
            const v = d[i];
            // Opaque greys only: a canvas not painted yet is transparent black.
            if (d[i + 3] !== 255 || v !== d[i + 1] || v !== d[i + 2]) { continue; }
            if (v === 204) { n.earth++; } else if (v === 163) { n.water++; }
            else if (v >= 230 && v <= 240) { n.road++; } else if (v < 110) { n.name++; }
        }
    }
    return n;
}"""


def test_public_vector_basemap_draws_streets_water_and_names(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    """An archive in the Protomaps basemap schema v4 (the schema of today's builds, layer
    and field names from protomaps/basemaps) is drawn with land, water, streets and the
    town's name: the style's rules match the real schema, not only a road of our own."""
    archive = protomaps_v4_archive(
        tmp_path / "vector.pmtiles", min_zoom=5, max_zoom=13, bbox=DEMO_BOX
    )
    url = _start(streamlit_server, tmp_path, archive)
    browser_page.goto(url, wait_until="domcontentloaded")
    # protomaps-leaflet paints each tile on a canvas, labels last: wait for a town name.
    counts = map_evaluate(
        browser_page,
        f"({_GREY_COUNTS})().name > 0",
        _GREY_COUNTS,
    )
    assert counts["earth"] > 0 and counts["water"] > 0, counts
    assert counts["road"] > 0, counts  # the streets
    attribution = map_evaluate(
        browser_page,
        "document.querySelector('.leaflet-control-attribution')",
        "() => document.querySelector('.leaflet-control-attribution').innerText",
    )
    assert "Testkarta" in attribution
    assert _archive_urls(browser_log)
    assert not browser_log.blocked


def test_public_map_without_basemap_names_its_areas(
    streamlit_server: Any, browser_page: Any, browser_log: BrowserLog, tmp_path: Path
) -> None:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=1_000, end_date=date(2026, 11, 1))
    env = {"EST_GEO_DATABASE_URL": str(db), "EST_GEO_MODE": "public", "EST_GEO_BASEMAP": "none"}
    url = streamlit_server("app.py", env=env)
    browser_page.goto(url, wait_until="domcontentloaded")
    names, tiles, pointer = map_evaluate(
        browser_page,
        # Leaflet's stylesheet (it makes non-interactive markers let the mouse through)
        # is a <link> that can load after the labels are drawn: read styles once it has.
        "document.querySelectorAll('.est-area-label').length >= 2 && [...document.styleSheets]"
        ".some(s => (s.href || '').endsWith('/leaflet.css') && s.cssRules.length > 0)",
        """() => [
            [...document.querySelectorAll('.est-area-label')]
                .map(e => e.textContent.trim()).filter(Boolean),
            document.querySelectorAll('.leaflet-tile-pane img').length,
            getComputedStyle(document.querySelector('.est-area-label')).pointerEvents,
        ]""",
    )
    assert len(names) >= 2, names
    assert tiles == 0  # no basemap at all
    # The names do not catch the mouse: a click at a label reaches the map below.
    assert pointer == "none"
    assert not browser_log.blocked
