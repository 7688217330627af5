"""Errors of the basemap archives (``est_geo.maps.basemap``): reading, serving, extracting.

The app shows them when ``EST_GEO_BASEMAP`` names an unusable archive; the CLI's
``est-geo basemap`` shows them for its own arguments.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "basemap.not_pmtiles": {
        "sv": "{path}: inte en PMTiles-fil (version 3) ({reason})",
        "en": "{path}: not a PMTiles file (version 3) ({reason})",
    },
    "basemap.compression": {
        "sv": "PMTiles-katalogen är komprimerad med {method}; bara gzip eller ingen stöds",
        "en": "the PMTiles directory is compressed with {method}; only gzip or none is supported",
    },
    "basemap.no_file": {"sv": "{path}: filen finns inte", "en": "{path}: the file does not exist"},
    "basemap.tile_type": {
        "sv": "{path}: tiltypen {kind} kan inte visas (MVT, PNG, JPEG, WebP)",
        "en": "{path}: the tile type {kind} cannot be shown (MVT, PNG, JPEG, WebP)",
    },
    "basemap.too_large": {
        "sv": "{path}: {mb:.0f} MB; appen serverar högst {most} MB. Skär ut kommunen med "
        "`est-geo basemap extract`.",
        "en": "{path}: {mb:.0f} MB; the app serves at most {most} MB. Cut out the "
        "municipality with `est-geo basemap extract`.",
    },
    "basemap.unreadable": {
        "sv": "EST_GEO_BASEMAP: {path} kan inte läsas ({reason})",
        "en": "EST_GEO_BASEMAP: {path} cannot be read ({reason})",
    },
    "basemap.bad_bbox": {
        "sv": "--bbox {bbox}: väster < öster och söder < norr i grader (WGS 84)",
        "en": "--bbox {bbox}: west < east and south < north in degrees (WGS 84)",
    },
    "basemap.no_zooms": {
        "sv": "zoomnivåerna finns inte i arkivet (det har {low}–{high})",
        "en": "the zoom levels are not in the archive (it has {low}–{high})",
    },
    "basemap.too_many_tiles": {
        "sv": "{n} tiles i rutan; högst {most}. Välj en mindre ruta eller lägre --maxzoom.",
        "en": "{n} tiles in the box; at most {most}. Choose a smaller box or a lower --maxzoom.",
    },
    "basemap.no_tiles": {
        "sv": "inga tiles i rutan: arkivet täcker inte den",
        "en": "no tiles in the box: the archive does not cover it",
    },
}
