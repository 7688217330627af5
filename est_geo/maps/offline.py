"""Serve every map asset from our own server: no CDN, no third-party request at run time.

folium and its plugins declare the scripts and stylesheets they need as class attributes
(``default_js`` / ``default_css``) pointing at public CDNs; streamlit-folium collects them
from every element of the map (feature groups passed with ``feature_group_to_add``
included) and injects them into the component iframe. :func:`use_local_assets` points those
attributes at the copies vendored in ``static/vendor/`` (see its README), which Streamlit
serves at ``/app/static/vendor/`` when ``server.enableStaticServing`` is on.

:func:`external_urls` finds what a rendered map would still load from elsewhere; tests use
it to keep the promise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import branca.colormap
import folium
import folium.plugins
from folium.elements import JSCSSMixin

from est_geo.maps.pmtiles_layer import PMTILES_JS, PROTOMAPS_LEAFLET_JS, PMTilesLayer

__all__ = [
    "DEFAULT_ASSET_BASE_URL",
    "asset_links",
    "external_urls",
    "use_local_assets",
]

#: Where Streamlit serves ``static/vendor/`` (``server.enableStaticServing = true``).
DEFAULT_ASSET_BASE_URL = "/app/static/vendor"

# (class, js files, css files); paths relative to the vendor base URL. Names are folium's
# own keys, so a later ``add_js_link(name, ...)`` keeps replacing the same entry.
_LEAFLET_JS = [("leaflet", "leaflet/leaflet.js")]
_LEAFLET_CSS = [("leaflet_css", "leaflet/leaflet.css")]
_MARKERCLUSTER_JS = [("markerclusterjs", "leaflet.markercluster/leaflet.markercluster.js")]
_MARKERCLUSTER_CSS = [
    ("markerclustercss", "leaflet.markercluster/MarkerCluster.css"),
    ("markerclusterdefaultcss", "leaflet.markercluster/MarkerCluster.Default.css"),
]
_ASSETS: tuple[tuple[type[Any], list[tuple[str, str]], list[tuple[str, str]]], ...] = (
    # jQuery, Bootstrap, glyphicons, Font Awesome and awesome-markers are dropped: they
    # serve icon markers and folium.Popup (whose template calls jQuery's ``$``), which
    # EST Geo does not use. Tooltips need none of them.
    (folium.Map, _LEAFLET_JS, _LEAFLET_CSS),
    (folium.plugins.MarkerCluster, _MARKERCLUSTER_JS, _MARKERCLUSTER_CSS),
    (folium.plugins.FastMarkerCluster, _MARKERCLUSTER_JS, _MARKERCLUSTER_CSS),
    (
        folium.plugins.Draw,
        [("leaflet_draw_js", "leaflet-draw/leaflet.draw.js")],
        [("leaflet_draw_css", "leaflet-draw/leaflet.draw.css")],
    ),
    (folium.plugins.HeatMap, [("leaflet-heat.js", "leaflet.heat/leaflet-heat.js")], []),
    (folium.plugins.DualMap, [("Leaflet.Sync", "leaflet.sync/L.Map.Sync.js")], []),
    # The self-hosted basemap (est_geo.maps.basemap): only maps that draw one load these.
    (PMTilesLayer, [PMTILES_JS, PROTOMAPS_LEAFLET_JS], []),
)

#: Plugin names accepted by :func:`plugin_assets` (to preload scripts on the base map).
PLUGINS: dict[str, type[Any]] = {
    "markercluster": folium.plugins.MarkerCluster,
    "draw": folium.plugins.Draw,
    "heat": folium.plugins.HeatMap,
}


def _join(base_url: str, path: str) -> str:
    return f"{base_url.rstrip('/')}/{path}"


def use_local_assets(base_url: str = DEFAULT_ASSET_BASE_URL) -> None:
    """Point folium's map and plugin classes at the vendored copies under ``base_url``.

    Sets ``default_js`` and ``default_css`` at class level (new lists, so folium's module
    lists are not mutated) on ``folium.Map``, ``MarkerCluster``, ``FastMarkerCluster``,
    ``Draw``, ``HeatMap``, ``DualMap`` and the PMTiles basemap layer. Idempotent; the
    last ``base_url`` wins. Call it before rendering (``base_map`` does).

    Parameters
    ----------
    base_url
        URL path where ``static/vendor/`` is served. Change it only when Streamlit runs
        under ``server.baseUrlPath`` (then ``/<base>/app/static/vendor``).
    """
    if not base_url or "://" in base_url or base_url.startswith("//"):
        raise ValueError(
            f"base_url must be a path on our own server such as '/app/static/vendor', "
            f"got {base_url!r}"
        )
    for cls, js, css in _ASSETS:
        cls.default_js = [(name, _join(base_url, path)) for name, path in js]
        cls.default_css = [(name, _join(base_url, path)) for name, path in css]


class _PreloadAssets(JSCSSMixin):  # type: ignore[misc]
    """Invisible element that only declares scripts and stylesheets to load.

    streamlit-folium loads scripts once, when its iframe first mounts; a plugin that first
    appears later in ``feature_group_to_add`` would find its script missing. Putting this
    element on the base map loads the plugins' scripts from the start.
    """

    def __init__(self, classes: Iterable[type[Any]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PreloadAssets"
        js: list[tuple[str, str]] = []
        css: list[tuple[str, str]] = []
        for cls in classes:
            js += [pair for pair in cls.default_js if pair not in js]
            css += [pair for pair in cls.default_css if pair not in css]
        self.default_js = js
        self.default_css = css


def plugin_assets(plugins: Iterable[str]) -> JSCSSMixin:
    """Return an element that makes a map load the scripts of ``plugins`` up front.

    ``plugins`` are keys of :data:`PLUGINS` (``"markercluster"``, ``"draw"``, ``"heat"``).
    Call after :func:`use_local_assets`, which this does not do itself.
    """
    names = list(plugins)
    unknown = [name for name in names if name not in PLUGINS]
    if unknown:
        raise ValueError(f"unknown plugins {unknown}; known: {sorted(PLUGINS)}")
    return _PreloadAssets(PLUGINS[name] for name in names)


def _walk(element: Any) -> Iterator[Any]:
    yield element
    if isinstance(element, folium.plugins.DualMap):
        yield from _walk(element.m1)
        yield from _walk(element.m2)
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def asset_links(element: Any) -> list[str]:
    """Script and stylesheet URLs streamlit-folium would inject for ``element``.

    Mirrors streamlit-folium's own walk: ``default_js`` and ``default_css`` of every
    element below ``element``, plus the two d3 URLs it adds for any branca colormap.
    """
    links: list[str] = []
    for elem in _walk(element):
        if isinstance(elem, branca.colormap.ColorMap):
            links += ["https://d3js.org/d3.v4.min.js"]  # what streamlit-folium adds
        links += [url for _, url in getattr(elem, "default_js", [])]
        links += [url for _, url in getattr(elem, "default_css", [])]
    return list(dict.fromkeys(links))


# Markup attributes that make a browser fetch something. <a href> is navigation, not a load.
_TAG_RE = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)\b(?P<attrs>[^>]*)>", re.DOTALL)
_ATTR_RE = re.compile(
    r"""\b(?P<name>src|href|data|poster|srcset|background)\s*=\s*
        (?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""",
    re.IGNORECASE | re.VERBOSE,
)
_CSS_URL_RE = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])(?P<url>[^"')\s]+)""", re.IGNORECASE)
_SCRIPT_RE = re.compile(r"<script\b[^>]*>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
# A string literal in script that starts with an absolute or protocol-relative URL,
# e.g. a tile URL template. Links inside HTML strings (attribution) follow ``href=``.
_JS_URL_RE = re.compile(
    r"""(?P<before>href=\\?["']|href=\\u0022|)(?<![\w.])(?P<url>(?:https?:)?//[^\s"'`\\<>)]+)""",
    re.IGNORECASE,
)


def _is_external(url: str) -> bool:
    url = url.strip()
    return url.lower().startswith(("http://", "https://", "//"))


def _allowed(url: str, allowed: list[str]) -> bool:
    host = urlsplit(url if "://" in url else "https:" + url).hostname or ""
    for entry in allowed:
        if "://" in entry or entry.startswith("//"):
            if url.startswith(entry):
                return True
        elif host == entry.lower():
            return True
    return False


def external_urls(html: str, allowed: Iterable[str] = (), *, script: bool = False) -> list[str]:
    """Return every third-party URL that ``html`` would make a browser load.

    Looked at: ``src``/``href``/``data``/``poster``/``srcset`` attributes of every tag
    except ``<a>`` (a link is followed only when clicked), CSS ``url(...)`` and
    ``@import``, and URL string literals inside ``<script>`` (tile URL templates,
    injected links). A URL that only appears as ``href=`` inside a script string — an
    attribution link — is not a load. Relative and ``data:`` URLs are ours.

    Parameters
    ----------
    html
        Rendered HTML (``Figure.render()``), or any of the strings streamlit-folium sends.
    allowed
        Entries that are not reported: a hostname (``"tiles.example.se"``) or a URL
        prefix (``"https://tiles.example.se/osm/"``).
    script
        ``html`` is bare JavaScript (the map script or feature-group script that
        streamlit-folium sends), scanned like the body of a ``<script>``.

    Returns
    -------
    list[str]
        Offending URLs in order of first appearance, without duplicates.
    """
    allow = list(allowed)
    found: list[str] = []
    for match in () if script else _TAG_RE.finditer(html):
        if match["tag"].lower() == "a":
            continue
        for attr in _ATTR_RE.finditer(match["attrs"]):
            value = attr["dq"] or attr["sq"] or attr["bare"] or ""
            if attr["name"].lower() == "srcset":
                found += [part.split()[0] for part in value.split(",") if part.strip()]
            else:
                found.append(value)
    found += [m["url"] for m in _CSS_URL_RE.finditer(html)]
    bodies = [html] if script else [m["body"] for m in _SCRIPT_RE.finditer(html)]
    for body in bodies:
        found += [m["url"] for m in _JS_URL_RE.finditer(body) if not m["before"]]
    external = [url.strip() for url in found if _is_external(url)]
    return list(dict.fromkeys(url for url in external if not _allowed(url, allow)))
