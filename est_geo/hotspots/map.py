"""Folium layers for the Hotspots page: classed grid cells and their legend, compactly.

A hot spot layer can hold up to :data:`~est_geo.hotspots.layers.MAX_LAYER_FEATURES`
cells. As GeoJSON with a tooltip each that is ~260 bytes a cell (2.6 MB for 10,000);
here every cell is one array row ``[lat, lon × 4 corners, class, count, id]`` and the
browser builds the polygons, about 110 bytes a cell, so a full layer stays well under
the 2 MB budget of the page. Class colours and Swedish labels travel once per layer.

Every text is escaped (:func:`est_geo.maps.escape_text`); the layer and its legend live
in one ``FeatureGroup`` so ``st_folium(feature_group_to_add=...)`` swaps both together
without remounting the map. Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import folium
import geopandas as gpd
import numpy as np
import shapely
from folium.template import Template

from est_geo.core.model import CategoryTree
from est_geo.hotspots import EMERGING_CATEGORIES
from est_geo.hotspots.layers import (
    EMERGING_COLORS,
    GI_CLASS_COLORS,
    KDE_CLASS_COLORS,
    HotspotLayer,
    count_class_labels,
)
from est_geo.i18n import label, translate
from est_geo.maps import escape_text, incident_points, legend, ramp
from est_geo.maps.mapdata import DEFAULT_MAX_POINTS, category_colors

__all__ = [
    "CELL_PANE",
    "CELL_PANE_Z_INDEX",
    "CellLayer",
    "count_cell_group",
    "hotspot_group",
    "legend_items",
]

#: Above this many cells the browser draws on one canvas instead of one SVG path each.
_CANVAS_FROM = 3_000
#: The Leaflet pane the cells are drawn in, and its z-index: above the overlay pane (400,
#: area outlines) and below markers (600) and tooltips (650), so a click on a cell always
#: reaches the cell.
CELL_PANE = "estCells"
CELL_PANE_Z_INDEX = 450


class CellLayer(folium.MacroElement):  # type: ignore[misc]
    """Grid cells built in the browser from compact rows; add it to a ``FeatureGroup``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (group) {
                var rows = {{ this.rows|tojson }};
                var colors = {{ this.colors|tojson }};
                var labels = {{ this.labels|tojson }};
                var unit = {{ this.unit|tojson }};
                var paneName = {{ this.pane|tojson }};
                function build(map) {
                    // Cells get a pane of their own above the overlay pane, so no area
                    // outline or other full-map shape can take the mouse press meant
                    // for a cell, whatever order the layers were added in.
                    if (!map.getPane(paneName)) {
                        map.createPane(paneName).style.zIndex = {{ this.pane_z }};
                    }
                    var renderer = rows.length > {{ this.canvas_from }}
                        ? L.canvas({pane: paneName}) : null;
                    var base = {color: "#444444", weight: 0.6, opacity: 0.7,
                                fillOpacity: {{ this.fill_opacity }}, pane: paneName};
                    rows.forEach(function (r) {
                        var style = Object.assign({}, base, {fillColor: colors[r[8]]});
                        if (renderer) { style.renderer = renderer; }
                        var cell = L.polygon(
                            [[r[0], r[1]], [r[2], r[3]], [r[4], r[5]], [r[6], r[7]]], style);
                        cell.bindTooltip(labels[r[8]] + " · " + r[9] + " " + unit +
                            "<br><small>" + r[10] + "</small>", {sticky: true});
                        cell.on("mouseover", function () { cell.setStyle({weight: 2}); });
                        cell.on("mouseout", function () { cell.setStyle({weight: 0.6}); });
                        group.addLayer(cell);
                    });
                }
                if (group._map) { build(group._map); }
                else { group.once("add", function () { build(group._map); }); }
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: list[list[float | int | str]],
        colors: Sequence[str],
        labels: Sequence[str],
        *,
        unit: str,
        fill_opacity: float = 0.7,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "CellLayer"
        self.rows = rows
        self.colors = [escape_text(c) for c in colors]
        self.labels = [escape_text(s) for s in labels]
        self.unit = escape_text(unit)
        self.fill_opacity = float(fill_opacity)
        self.canvas_from = _CANVAS_FROM
        self.pane = CELL_PANE
        self.pane_z = CELL_PANE_Z_INDEX


def _palette(layer: HotspotLayer, lang: str = "sv") -> list[tuple[str, str, str]]:
    """``(class, colour, label)`` of every class this layer's mode can show, in order."""
    mode = layer.params.mode
    if mode == "gistar":
        return [(c, col, label("hotspots.class", c, lang)) for c, col in GI_CLASS_COLORS.items()]
    if mode == "tathet":
        return [(c, col, label("hotspots.class", c, lang)) for c, col in KDE_CLASS_COLORS.items()]
    if mode == "emerging":
        return [
            (c, EMERGING_COLORS[c], label("hotspots.class", c, lang)) for c in EMERGING_CATEGORIES
        ]
    return count_class_labels(layer.counts, lang)


def legend_items(layer: HotspotLayer, lang: str = "sv") -> list[tuple[str, str]]:
    """Legend ``(colour, label)`` pairs for the classes present in the layer.

    Gi* always lists the three hot levels (what the colours mean matters most when none is
    on the map) and says that non-significant cells are not drawn.
    """
    present = set(layer.cells["layer_class"]) if len(layer.cells) else set()
    mode = layer.params.mode
    items: list[tuple[str, str]] = []
    for cls, color, text in _palette(layer, lang):
        if cls in ("none", "no_pattern"):
            continue
        always = mode == "gistar" and cls.startswith("hot_")
        if mode in ("rutnat", "punkter", "tathet") or always or cls in present:
            items.append((color, text))
    if mode == "gistar":
        items.append(("#ffffff", translate("hotspots.class.none_hidden", lang)))
    if mode == "emerging":
        items.append(("#ffffff", translate("hotspots.class.no_pattern_hidden", lang)))
    return items


def _rows(layer: HotspotLayer, index: Mapping[str, int]) -> list[list[float | int | str]]:
    cells = layer.cells
    if not len(cells):
        return []
    classes = [index.get(c, 0) for c in cells["layer_class"]]
    return _cell_rows(cells, classes, layer.precision)


def _cell_rows(
    cells: gpd.GeoDataFrame, classes: Sequence[int], precision: int
) -> list[list[float | int | str]]:
    """``[lat, lon × 4 corners, class, count, id]`` of WGS84 square ``cells``."""
    coords = shapely.get_coordinates(cells.geometry.to_numpy()).reshape(-1, 5, 2)[:, :4, :]
    latlon = np.round(coords[:, :, ::-1].reshape(-1, 8), precision).tolist()
    counts = cells["count"].astype(int).tolist()
    ids = [escape_text(c) for c in cells["cell_id"]]
    return [
        [*ll, int(cls), n, cid]
        for ll, cls, n, cid in zip(latlon, classes, counts, ids, strict=True)
    ]


def count_cell_group(
    cells: gpd.GeoDataFrame,
    breaks: Sequence[float],
    labels: Sequence[str],
    *,
    name: str,
    unit: str,
    precision: int = 5,
) -> folium.FeatureGroup:
    """Counts per grid cell (Karta) as compact rows built into polygons by the browser.

    ``cells`` are WGS84 squares with ``count`` and ``cell_id`` (:class:`~est_geo.maps.mapdata.
    CellData`); class ``i`` holds counts ≤ ``breaks[i]`` (as :func:`est_geo.maps.classify`)
    and is labelled ``labels[i]``. About 110 bytes a cell instead of ~265 as GeoJSON with
    a tooltip each, so a municipality's 5,000 cells stay near half a megabyte.
    """
    group = folium.FeatureGroup(name=escape_text(name))
    if len(cells) and breaks:
        values = cells["count"].to_numpy(np.float64)
        index = np.minimum(
            np.searchsorted(np.asarray(breaks, dtype=np.float64), values, side="left"),
            len(breaks) - 1,
        )
        CellLayer(
            _cell_rows(cells, index.tolist(), precision),
            ramp(len(breaks)),
            labels,
            unit=unit,
        ).add_to(group)
    return group


def hotspot_group(
    layer: HotspotLayer,
    *,
    tree: CategoryTree | None = None,
    title: str,
    name: str = "Hot spots",
    unit: str | None = None,
    lang: str = "sv",
) -> folium.FeatureGroup:
    """The layer to pass to ``st_folium(feature_group_to_add=...)``, legend included.

    In *punkter* mode with few enough incidents the points are drawn (clustered) with a
    category legend; otherwise the classed cells of ``layer.cells``.
    """
    group = folium.FeatureGroup(name=escape_text(name))
    if layer.points is not None:
        pts = layer.points
        incident_points(
            pts.lat, pts.lon, pts.labels, pts.colors, max_points=DEFAULT_MAX_POINTS
        ).add_to(group)
        colors = category_colors(tree or CategoryTree.default())
        cats = (tree or CategoryTree.default()).main_categories()
        legend(title, [(colors[c.key], c.label(lang)) for c in cats]).add_to(group)
        return group
    palette = _palette(layer, lang)
    index = {cls: i for i, (cls, _, _) in enumerate(palette)}
    CellLayer(
        _rows(layer, index),
        [c for _, c, _ in palette],
        [lbl for _, _, lbl in palette],
        unit=translate("hotspots.unit", lang) if unit is None else unit,
    ).add_to(group)
    legend(title, legend_items(layer, lang)).add_to(group)
    return group
