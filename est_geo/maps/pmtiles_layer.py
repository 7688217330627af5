"""Leaflet layer that draws a PMTiles archive served by our own server.

Raster archives (PNG, JPEG, WebP, AVIF) are drawn with the ``pmtiles`` library's
``leafletRasterLayer``; vector archives in the Protomaps basemap schema with
``protomaps-leaflet`` in its ``grayscale`` flavour, a calm grey that lets the data on top
stand out. Both read the one archive file with HTTP range requests: no tile server, and
nothing fetched from anywhere but the app (the scripts come from ``static/vendor/``, see
:func:`est_geo.maps.offline.use_local_assets`).
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

__all__ = ["PMTILES_JS", "PROTOMAPS_LEAFLET_JS", "PMTilesLayer"]

#: Vendored scripts, relative to the vendor base URL (folium ``default_js`` names).
PMTILES_JS = ("pmtiles", "pmtiles/pmtiles.js")
PROTOMAPS_LEAFLET_JS = ("protomaps_leaflet", "protomaps-leaflet/protomaps-leaflet.js")


class PMTilesLayer(JSCSSMixin, MacroElement):  # type: ignore[misc]
    """The basemap drawn from one PMTiles archive at ``url`` (a path on our server).

    ``attribution`` must already be escaped text (it is set as Leaflet's attribution,
    which Leaflet inserts as HTML). ``max_native_zoom`` is the archive's highest zoom:
    beyond it tiles are scaled up rather than requested.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function (map) {
            var layer;
            {% if this.vector %}
                layer = protomapsL.leafletLayer({
                    url: {{ this.url|tojson }}, flavor: "grayscale", lang: "sv",
                    attribution: {{ this.attribution|tojson }},
                    maxDataZoom: {{ this.max_native_zoom }}
                });
            {% else %}
                layer = pmtiles.leafletRasterLayer(new pmtiles.PMTiles({{ this.url|tojson }}), {
                    attribution: {{ this.attribution|tojson }},
                    maxNativeZoom: {{ this.max_native_zoom }},
                    maxZoom: {{ this.max_zoom }}
                });
            {% endif %}
            layer.addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    # RUF012: folium's own attribute, replaced (not mutated) by use_local_assets.
    # Pointed at static/vendor by use_local_assets (class level, like folium's own).
    default_js = [PMTILES_JS, PROTOMAPS_LEAFLET_JS]  # noqa: RUF012

    def __init__(
        self, url: str, *, vector: bool, attribution: str, max_native_zoom: int, max_zoom: int
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "PMTilesLayer"
        self.url = url
        self.vector = vector
        self.attribution = attribution
        self.max_native_zoom = int(max_native_zoom)
        self.max_zoom = int(max_zoom)
