"""The base map: stable across reruns, so streamlit-folium never remounts it.

Everything that changes with the user's filters goes into feature groups passed to
``st_folium(..., feature_group_to_add=...)``; the map built here holds only what stays
the same (view, tiles, draw toolbar, scripts of the plugins those groups will use).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
import folium.plugins
from branca.element import MacroElement
from folium.template import Template

from est_geo.maps.offline import DEFAULT_ASSET_BASE_URL, plugin_assets, use_local_assets
from est_geo.maps.pmtiles_layer import PMTilesLayer
from est_geo.maps.text import escape_text

__all__ = ["NO_TILES_BACKGROUND", "TileConfig", "base_map", "draw_control", "tile_layer"]

#: Background of a map without tiles: light, so outlines and data stay readable.
NO_TILES_BACKGROUND = "#f4f3ef"

#: Kinds of tile source: an XYZ URL template, or a PMTiles archive on our own server.
TILE_KINDS = ("xyz", "pmtiles-raster", "pmtiles-vector")


@dataclass(frozen=True)
class TileConfig:
    """A raster tile source configured by the operator (there is no default online source).

    Attributes
    ----------
    url
        Leaflet URL template (``https://tiles.example.se/{z}/{x}/{y}.png``) or a path on
        our own server (``/tiles/{z}/{x}/{y}.png``). ``None`` means no tiles.
    attribution
        Plain text shown in the corner (escaped, so no HTML links). Required with a URL:
        tile licences demand it.
    max_zoom
        Highest zoom the map offers.
    kind
        ``"xyz"`` (a URL template), ``"pmtiles-raster"`` or ``"pmtiles-vector"`` (``url``
        is then the path of a PMTiles archive served by the app, see
        :mod:`est_geo.maps.basemap`).
    native_max_zoom
        For a PMTiles archive: its highest zoom; beyond it tiles are scaled up.
    """

    url: str | None
    attribution: str | None
    max_zoom: int = 18
    kind: str = "xyz"
    native_max_zoom: int = 18

    def __post_init__(self) -> None:
        problems = []
        if self.url is not None:
            if not self.url.strip():
                problems.append("url is empty (use None for no tiles)")
            elif not self.url.startswith(("https://", "http://", "/")):
                problems.append(f"url must be http(s):// or a /path, got {self.url!r}")
            if not (self.attribution and self.attribution.strip()):
                problems.append("attribution is required when url is set")
        if self.kind not in TILE_KINDS:
            problems.append(f"kind must be one of {TILE_KINDS}, got {self.kind!r}")
        elif self.kind != "xyz" and not (self.url or "").startswith("/"):
            problems.append("a PMTiles archive must be a path on our own server")
        if not 0 <= self.max_zoom <= 24:
            problems.append(f"max_zoom must be 0..24, got {self.max_zoom}")
        if problems:
            raise ValueError("invalid TileConfig: " + "; ".join(problems))


class _MapStyle(MacroElement):  # type: ignore[misc]
    """A ``<style>`` block in the page header (kept by streamlit-folium)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        """
    )

    def __init__(self, css: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "MapStyle"
        self.css = css


class _MetricScale(MacroElement):  # type: ignore[misc]
    """Leaflet scale bar in metres only, bottom left."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.control.scale({imperial: false, position: "bottomleft"})
                .addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "MetricScale"


class KeepFitted(MacroElement):  # type: ignore[misc]
    """Fit ``bounds`` again whenever the map's frame changes size, until the user moves it.

    Why: a map built in a frame not laid out yet (a hidden tab, a column still growing)
    fits its bounds to the wrong size and opens with areas cut off. The fit also keeps a
    bottom-right legend off the areas: it leaves the legend's width free on the right or
    its height free at the bottom, whichever lets the areas be drawn larger (beside it on
    a wide map; above it on a phone, where the legend's width left the areas a quarter
    of the map). The legend arrives later, with the page's layers, and gets its size when
    the stylesheet is in: its appearance and its resizing refit too. The first press,
    wheel or key in the map ends all of this: the user's view wins.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map, bounds) {
            var box = map.getContainer(), touched = false;
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (ev) {
                box.addEventListener(ev, function () { touched = true; }, {passive: true});
            });
            var sized = null, resized = window.ResizeObserver ? new ResizeObserver(fit) : null;
            function room(right, bottom) {
                return {pad: [right, bottom],
                        zoom: map.getBoundsZoom(bounds, false, L.point(10 + right, 10 + bottom))};
            }
            function fit() {
                if (touched || !box.clientWidth || !box.clientHeight) { return; }
                map.invalidateSize(false);
                var legend = box.querySelector(".leaflet-bottom.leaflet-right .est-legend");
                var best = room(10, 10);
                if (legend && legend.offsetWidth) {
                    if (resized && sized !== legend) { sized = legend; resized.observe(legend); }
                    var b = box.getBoundingClientRect(), l = legend.getBoundingClientRect();
                    var beside = b.right - l.left + 12, above = b.bottom - l.top + 12;
                    var options = [];
                    if (beside <= box.clientWidth / 2) { options.push(room(beside, 10)); }
                    if (above <= box.clientHeight / 2) { options.push(room(10, above)); }
                    // The larger drawing wins; beside, listed first, wins a tie.
                    options.forEach(function (o, i) { if (i === 0 || o.zoom > best.zoom) {
                        best = o;
                    } });
                }
                map.fitBounds(bounds, {paddingTopLeft: [10, 10], paddingBottomRight: best.pad,
                                       animate: false});
            }
            fit();
            if (resized) { resized.observe(box); }
            if (window.MutationObserver) {
                new MutationObserver(fit).observe(box.querySelector(".leaflet-control-container"),
                                                  {childList: true, subtree: true});
            }
        })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: Sequence[Sequence[float]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "KeepFitted"
        (south, west), (north, east) = bounds
        self.bounds = [[float(south), float(west)], [float(north), float(east)]]


def tile_layer(tiles: TileConfig, min_zoom: int) -> folium.TileLayer:
    """The operator's tiles as a Leaflet tile layer, hidden from the layer control."""
    return folium.TileLayer(
        tiles=tiles.url,
        # Entities an operator copies from Leaflet examples ("&copy;") become the
        # character first; everything is then escaped (shown as text, never markup).
        attr=escape_text(html.unescape(tiles.attribution or "")),
        name="Bakgrundskarta",
        max_zoom=tiles.max_zoom,
        min_zoom=min_zoom,
        control=False,
    )


def base_map(
    center_lat: float,
    center_lon: float,
    zoom: int,
    tiles: TileConfig | None,
    *,
    bounds: Sequence[Sequence[float]] | None = None,
    plugins: Iterable[str] = ("markercluster",),
    min_zoom: int = 4,
    asset_base_url: str = DEFAULT_ASSET_BASE_URL,
    prefer_canvas: bool = False,
    keep_fitted: bool = False,
) -> folium.Map:
    """Build the base map, with every asset served from our own server.

    Parameters
    ----------
    center_lat, center_lon
        Initial centre in WGS 84 degrees.
    zoom
        Initial zoom level.
    tiles
        Tile source, or ``None`` for no tiles: a plain light background, no attribution
        control, so nothing is loaded from anywhere.
    bounds
        ``((south, west), (north, east))``: if given the map fits these bounds on load.
    plugins
        Plugins whose scripts to load with the map although no layer of the base map uses
        them yet (``"markercluster"``, ``"heat"``, ``"draw"``): streamlit-folium loads
        scripts only when its iframe mounts, so a plugin first used by a later
        ``feature_group_to_add`` must be declared here.
    min_zoom
        Lowest zoom allowed (4 shows all of Sweden).
    asset_base_url
        Where ``static/vendor`` is served, see :func:`use_local_assets`.
    prefer_canvas
        Draw vector layers (also those added later through ``feature_group_to_add``) on
        one canvas instead of an SVG element each: thousands of count cells draw in a
        fraction of the time.
    keep_fitted
        With ``bounds``: keep fitting them (and leave a bottom-right legend free) until
        the user moves the map (:class:`KeepFitted`). For maps whose view is the areas,
        not a link's centre and zoom.
    """
    use_local_assets(asset_base_url)
    max_zoom = tiles.max_zoom if tiles is not None else 19
    m = folium.Map(
        location=(center_lat, center_lon),
        zoom_start=zoom,
        tiles=None,
        min_zoom=min_zoom,
        max_zoom=max_zoom,
        attribution_control=tiles is not None,
        control_scale=False,  # folium's scale adds feet; ours below is metric only
        prefer_canvas=prefer_canvas,
    )
    # folium gives min/max zoom only to its own tile layer; without tiles Leaflet would
    # have no zoom limits at all.
    m.options["min_zoom"] = min_zoom
    m.options["max_zoom"] = max_zoom
    if tiles is not None and tiles.url is not None and tiles.kind != "xyz":
        # The archive may cover only the municipality: outside it, the light background.
        _MapStyle(f".leaflet-container {{ background: {NO_TILES_BACKGROUND}; }}").add_to(m)
        PMTilesLayer(
            tiles.url,
            vector=tiles.kind == "pmtiles-vector",
            attribution=escape_text(html.unescape(tiles.attribution or "")),
            max_native_zoom=tiles.native_max_zoom,
            max_zoom=tiles.max_zoom,
        ).add_to(m)
    elif tiles is not None and tiles.url is not None:
        tile_layer(tiles, min_zoom).add_to(m)
    else:
        _MapStyle(f".leaflet-container {{ background: {NO_TILES_BACKGROUND}; }}").add_to(m)
    _MetricScale().add_to(m)
    plugin_names = list(plugins)
    if plugin_names:
        plugin_assets(plugin_names).add_to(m)
    if bounds is not None:
        (south, west), (north, east) = bounds
        m.fit_bounds([[south, west], [north, east]])
        if keep_fitted:
            KeepFitted(bounds).add_to(m)
    return m


def draw_control(
    *,
    shapes: Iterable[str] = ("polygon", "rectangle"),
    position: str = "topleft",
) -> folium.plugins.Draw:
    """Draw toolbar for selecting an area by hand; add it to the base map.

    ``shapes`` are Leaflet.draw tools to offer (``polygon``, ``rectangle``, ``circle``,
    ``polyline``, ``marker``, ``circlemarker``); the rest are switched off. Drawings come
    back from ``st_folium`` as ``all_drawings`` / ``last_active_drawing``.
    """
    tools = ("polygon", "rectangle", "circle", "polyline", "marker", "circlemarker")
    wanted = set(shapes)
    unknown = wanted - set(tools)
    if unknown:
        raise ValueError(f"unknown draw shapes {sorted(unknown)}; known: {list(tools)}")
    draw_options = {tool: (tool in wanted) for tool in tools}
    return folium.plugins.Draw(  # type: ignore[no-untyped-call]
        export=False,
        position=position,
        draw_options=draw_options,
        edit_options={"edit": False},
    )
