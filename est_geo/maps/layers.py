"""Data layers, one builder per layer, each returning a ``folium.FeatureGroup``.

Pass the groups to ``st_folium(..., feature_group_to_add=[...])`` so that changing data
never remounts the map. Every text shown is escaped with :func:`escape_text`; coordinates
are rounded to ``precision`` decimals; point layers refuse more than ``max_points``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
from folium.utilities import JsCode

from est_geo.maps.colors import YLORRD, class_breaks, classify, ramp
from est_geo.maps.text import DEFAULT_PRECISION, escape_text, round_coords, round_geometry

__all__ = [
    "LEVEL_STYLES",
    "area_outlines",
    "check_frame",
    "count_cells",
    "feature_collection",
    "incident_points",
]

_WGS84 = 4326

#: Outline style per area level (coarse levels thicker and darker), coarse to fine: finer
#: levels are drawn on top. Unknown levels get the ``"custom"`` style.
LEVEL_STYLES: Mapping[str, Mapping[str, Any]] = {
    "kommun": {"color": "#222222", "weight": 3.0, "dashArray": None},
    "district": {"color": "#444444", "weight": 2.5, "dashArray": "6 4"},
    "regso": {"color": "#555555", "weight": 2.0, "dashArray": "6 4"},
    "omrade": {"color": "#1f4e79", "weight": 2.0, "dashArray": None},
    "delomrade": {"color": "#2e75b6", "weight": 1.5, "dashArray": None},
    "deso": {"color": "#6b6b6b", "weight": 1.0, "dashArray": "2 3"},
    "custom": {"color": "#7030a0", "weight": 2.0, "dashArray": None},
}

_TOOLTIP_STYLE = "font-size: 0.85rem;"


def check_frame(frame: gpd.GeoDataFrame, argument: str, columns: Sequence[str]) -> None:
    """Refuse a frame a layer cannot draw: not a GeoDataFrame, not WGS84, columns missing."""
    problems: list[str] = []
    if not isinstance(frame, gpd.GeoDataFrame):
        raise TypeError(f"{argument} must be a GeoDataFrame, got {type(frame).__name__}")
    if len(frame) and (frame.crs is None or frame.crs.to_epsg() != _WGS84):
        problems.append(f"CRS must be EPSG:4326 (display), got {frame.crs}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems.append(f"missing columns {missing}")
    if problems:
        raise ValueError(f"{argument}: " + "; ".join(problems))


def feature_collection(
    frame: gpd.GeoDataFrame,
    properties: Sequence[dict[str, Any]],
    precision: int,
    simplify_tolerance: float | None = None,
) -> dict[str, Any]:
    """GeoJSON FeatureCollection with rounded coordinates and string ids ``"0".."n-1"``.

    ``simplify_tolerance`` (degrees) simplifies the shapes first; empty shapes are left
    out, their ids with them, so ids still name the frame's rows.
    """
    shapes = frame.geometry
    if simplify_tolerance is not None and len(frame):
        shapes = shapes.simplify(simplify_tolerance)
    geoms = round_geometry(shapes.to_numpy(), precision)
    features = [
        {"type": "Feature", "id": str(i), "properties": props, "geometry": geom.__geo_interface__}
        for i, (geom, props) in enumerate(zip(geoms, properties, strict=True))
        if geom is not None and not geom.is_empty
    ]
    return {"type": "FeatureCollection", "features": features}


def _geojson(
    data: dict[str, Any],
    style: Any,
    *,
    name: str,
    highlight: Mapping[str, Any] | None = None,
) -> folium.GeoJson:
    tooltip = folium.GeoJsonTooltip(fields=["tooltip"], labels=False, style=_TOOLTIP_STYLE)
    return folium.GeoJson(
        data,
        name=name,
        style_function=style,
        highlight_function=(lambda _f: dict(highlight)) if highlight else None,
        # GeoJsonTooltip on an empty collection makes folium raise; no features, no tooltip.
        tooltip=tooltip if data["features"] else None,
        smooth_factor=1.0,
        zoom_on_click=False,
    )


def area_outlines(
    areas: gpd.GeoDataFrame,
    *,
    name: str = "Områden",
    simplify_tolerance: float | None = 0.0001,
    precision: int = DEFAULT_PRECISION,
    labels: bool = False,
) -> folium.FeatureGroup:
    """Outlines of areas (no fill), styled by level, with the area's name as tooltip.

    Parameters
    ----------
    areas
        EPSG:4326 polygons with columns ``name``, ``code`` and ``level`` (an
        ``AreaLevel`` value such as ``"kommun"``, ``"omrade"``, ``"deso"``).
    name
        Layer name (for a layer control).
    simplify_tolerance
        Douglas–Peucker tolerance in degrees (0.0001° ≈ 11 m north–south) to keep the
        payload small; ``None`` keeps every vertex.
    precision
        Decimals kept in coordinates (5 ≈ 1 m, at most 6).
    labels
        Also write each area's name on the map (for maps without a basemap, where nothing
        else says which outline is which). Skipped above :data:`MAX_AREA_LABELS` areas,
        where names would cover each other.
    """
    check_frame(areas, "areas", ("name", "code", "level"))
    # Coarse levels first, so finer areas lie on top and keep their hover tooltip.
    rank = {level: i for i, level in enumerate(LEVEL_STYLES)}
    order = sorted(
        range(len(areas)), key=lambda i: rank.get(str(areas["level"].iloc[i]), len(rank))
    )
    frame = areas.iloc[order]
    if simplify_tolerance is not None and len(frame):
        frame = frame.set_geometry(frame.geometry.simplify(simplify_tolerance))
    props = [
        {
            "tooltip": f"{escape_text(n)} <small>({escape_text(c)})</small>",
            "level": str(lv),
        }
        for n, c, lv in zip(frame["name"], frame["code"], frame["level"], strict=True)
    ]
    data = feature_collection(frame, props, precision)

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        level = feature["properties"]["level"]
        s = LEVEL_STYLES.get(level, LEVEL_STYLES["custom"])
        return {"fill": True, "fillOpacity": 0.0, "opacity": 0.9, **s}

    group = folium.FeatureGroup(name=escape_text(name))
    _geojson(
        data, style, name=escape_text(name), highlight={"weight": 4, "fillOpacity": 0.05}
    ).add_to(group)
    if labels and 0 < len(frame) <= MAX_AREA_LABELS:
        _area_labels(frame, precision).add_to(group)
    return group


#: Most area names written on a map (``area_outlines(labels=True)``).
MAX_AREA_LABELS = 60
_LABEL_STYLE = (
    "font: 600 12px/1.2 sans-serif; color: #333; white-space: nowrap; text-align: center;"
    " text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff;"
)


def _area_labels(frame: gpd.GeoDataFrame, precision: int) -> folium.FeatureGroup:
    """Each area's name at a point inside it; not interactive (clicks pass through)."""
    group = folium.FeatureGroup(name="Områdesnamn", control=False)
    points = frame.geometry.representative_point()
    for label, point in zip(frame["name"], points, strict=True):
        if point is None or point.is_empty:
            continue
        html = f'<div style="{_LABEL_STYLE}">{escape_text(label)}</div>'
        folium.Marker(
            (round(float(point.y), precision), round(float(point.x), precision)),
            icon=folium.DivIcon(
                html=html, icon_size=(200, 16), icon_anchor=(100, 8), class_name="est-area-label"
            ),
            interactive=False,
            keyboard=False,
        ).add_to(group)
    return group


#: Cluster icons in neutral grey: Leaflet.markercluster's default green/yellow/orange
#: would read as category colours next to the points' own legend.
CLUSTER_ICON_JS = """function (cluster) {
    var n = cluster.getChildCount();
    return L.divIcon({
        html: '<div style="background:rgba(55,55,55,0.78);color:#fff;">'
            + '<span>' + n + '</span></div>',
        className: 'marker-cluster est-cluster',
        iconSize: L.point(40, 40)
    });
}"""


class _ClusteredCircles(folium.plugins.MarkerCluster):  # type: ignore[misc]
    """A MarkerCluster of circle markers built in the browser from compact arrays.

    One row ``[lat, lon, colour index, label index]`` per point instead of one folium
    element each: about 30 bytes a point instead of about 700. Inherits MarkerCluster's
    scripts, so :func:`use_local_assets` serves them locally.
    """

    _template = folium.template.Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = L.markerClusterGroup(
                {{ this.options|tojavascript }}
            );
            (function (group) {
                var rows = {{ this.rows|tojson }};
                var colors = {{ this.colors|tojson }};
                var labels = {{ this.labels|tojson }};
                var style = {{ this.marker_style|tojson }};
                var markers = rows.map(function (r) {
                    var m = L.circleMarker([r[0], r[1]],
                        Object.assign({}, style, {fillColor: colors[r[2]]}));
                    if (r[3] >= 0) { m.bindTooltip(labels[r[3]], {sticky: true}); }
                    return m;
                });
                group.addLayers(markers);
            })({{ this.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self,
        rows: list[list[float | int]],
        colors: list[str],
        labels: list[str],
        marker_style: Mapping[str, Any],
        *,
        name: str,
    ) -> None:
        super().__init__(  # type: ignore[no-untyped-call]
            name=name,
            options={
                "chunkedLoading": True,
                "showCoverageOnHover": False,
                "iconCreateFunction": JsCode(CLUSTER_ICON_JS),
            },
        )
        self._name = "ClusteredCircles"
        self.rows = rows
        self.colors = colors
        self.labels = labels
        self.marker_style = dict(marker_style)


def _intern(values: Sequence[str]) -> tuple[list[int], list[str]]:
    table: dict[str, int] = {}
    idx = [table.setdefault(v, len(table)) for v in values]
    return idx, list(table)


def incident_points(
    lat: Sequence[float],
    lon: Sequence[float],
    labels: Sequence[str] | None,
    colors: str | Sequence[str],
    *,
    max_points: int,
    name: str = "Händelser",
    radius: float = 6.0,
    precision: int = DEFAULT_PRECISION,
) -> folium.FeatureGroup:
    """Incidents as clustered circle markers, with an optional tooltip each.

    Parameters
    ----------
    lat, lon
        WGS 84 degrees, same length.
    labels
        Tooltip text per point (plain text, escaped here) or ``None`` for no tooltips.
    colors
        One colour for all points or one per point (e.g. by category).
    max_points
        Upper bound on the payload: more points raise ``ValueError``; aggregate them
        (:func:`count_cells`) or pick a sample before calling.
    name
        Layer name (for a layer control).
    radius
        Marker radius in pixels.
    precision
        Decimals kept in coordinates (5 ≈ 1 m, at most 6).

    Raises
    ------
    ValueError
        Listing every problem at once: lengths that differ, coordinates that are not
        finite or outside WGS 84, too many points.
    """
    lat_a = np.asarray(lat, dtype=np.float64)
    lon_a = np.asarray(lon, dtype=np.float64)
    n = len(lat_a)
    color_list = [colors] * n if isinstance(colors, str) else list(colors)
    problems: list[str] = []
    if len(lon_a) != n:
        problems.append(f"lon has {len(lon_a)} values, lat has {n}")
    if labels is not None and len(labels) != n:
        problems.append(f"labels has {len(labels)} values, lat has {n}")
    if len(color_list) != n:
        problems.append(f"colors has {len(color_list)} values, lat has {n}")
    if n > max_points:
        problems.append(
            f"{n} points exceed max_points={max_points}; aggregate or sample them first"
        )
    if not problems:
        bad = ~(np.isfinite(lat_a) & np.isfinite(lon_a))
        bad |= (np.abs(lat_a) > 90) | (np.abs(lon_a) > 180)
        if bad.any():
            bad_rows = np.flatnonzero(bad)
            shown = ", ".join(str(int(i)) for i in bad_rows[:10])
            problems.append(f"{len(bad_rows)} points have invalid coordinates (rows {shown})")
    if problems:
        raise ValueError("incident_points: " + "; ".join(problems))

    color_idx, color_table = _intern([escape_text(c) for c in color_list])
    label_idx: list[int] = [-1] * n
    label_table: list[str] = []
    if labels is not None:
        label_idx, label_table = _intern([escape_text(s) for s in labels])
    rlat = round_coords(lat_a, precision).tolist()
    rlon = round_coords(lon_a, precision).tolist()
    rows: list[list[float | int]] = [
        [la, lo, ci, li] for la, lo, ci, li in zip(rlat, rlon, color_idx, label_idx, strict=True)
    ]
    style = {
        "radius": radius,
        "color": "#333333",
        "weight": 1,
        "opacity": 0.9,
        "fillOpacity": 0.85,
    }
    group = folium.FeatureGroup(name=escape_text(name))
    _ClusteredCircles(rows, color_table, label_table, style, name=escape_text(name)).add_to(group)
    return group


def count_cells(
    cells: gpd.GeoDataFrame,
    *,
    value_column: str = "count",
    breaks: Sequence[float] | None = None,
    palette: Sequence[str] = YLORRD,
    n_classes: int = 5,
    tooltip: Callable[[float], str] | None = None,
    name: str = "Antal per ruta",
    fill_opacity: float = 0.7,
    precision: int = DEFAULT_PRECISION,
) -> folium.FeatureGroup:
    """Choropleth of grid cells (or any polygons), coloured by a count we classify here.

    Parameters
    ----------
    cells
        EPSG:4326 polygons with a numeric ``value_column``.
    value_column
        Column with the value to colour by.
    breaks
        Upper class bounds (increasing); default: :func:`class_breaks` quantiles of the
        data with ``n_classes`` classes. Pass the same breaks to the legend.
    palette
        Sequential colour list to spread over the classes (default YlOrRd).
    n_classes
        Number of classes when ``breaks`` is not given.
    tooltip
        A cell's value in words, e.g. ``1 620 händelser``: the caller's, so the number is
        written and the noun inflected the reader's way (default: the bare value). The
        result is escaped.
    name
        Layer name (for a layer control).
    fill_opacity
        Opacity of the cell fill (0–1).
    precision
        Decimals kept in coordinates (5 ≈ 1 m, at most 6).
    """
    check_frame(cells, "cells", (value_column,))
    values = [float(v) for v in cells[value_column]]
    bad = [i for i, v in enumerate(values) if not math.isfinite(v)]
    if bad:
        raise ValueError(f"cells: {value_column} is not a finite number in rows {bad[:10]}")
    if breaks is None:
        breaks = class_breaks(values, n_classes)
    colors = classify(values, breaks, ramp(len(breaks), palette)) if values else []
    props = [
        {"tooltip": escape_text(tooltip(v) if tooltip else f"{v:g}"), "color": c}
        for v, c in zip(values, colors, strict=True)
    ]
    data = feature_collection(cells, props, precision)

    def style(feature: dict[str, Any]) -> dict[str, Any]:
        return {
            "fillColor": feature["properties"]["color"],
            "fillOpacity": fill_opacity,
            "color": "#555555",
            "weight": 0.5,
            "opacity": 0.6,
        }

    group = folium.FeatureGroup(name=escape_text(name))
    _geojson(
        data, style, name=escape_text(name), highlight={"weight": 2, "color": "#000000"}
    ).add_to(group)
    return group
