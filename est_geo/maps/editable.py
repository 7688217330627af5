"""Saved interventions as *editable* shapes of the Draw toolbar, and overlay zones.

Leaflet.draw can only edit layers that sit directly in its feature group, one Leaflet
vector or marker each; a ``folium.GeoJson`` (a group of layers) cannot be edited. So each
saved intervention becomes one ``L.polygon`` / ``L.polyline`` / ``L.marker`` carrying a
GeoJSON ``feature`` with its ``intervention_id``: Leaflet's ``toGeoJSON()`` keeps that
property, so streamlit-folium's ``all_drawings`` tells the page which saved shape was
edited or deleted and which drawings are new.

Remount behaviour (documented in ``docs/interventions.md``): the editable group must be
part of the base map, because the Draw control binds to it when the map is created and
streamlit-folium replaces ``feature_group_to_add`` layers with new objects on every
change. The base map therefore changes (and the map remounts) exactly when the set of
saved interventions changes — a save, an edit or a deletion, which is also when the
unsaved drawings must be cleared. Everything else that changes (zones of the selected
intervention, the drawn scope) goes through ``feature_group_to_add`` and never remounts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import folium
import folium.plugins
from branca.element import MacroElement
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from est_geo.maps.text import escape_text

__all__ = [
    "EditableShape",
    "editable_group",
    "intervention_draw_control",
    "marker_icon_path",
    "zone_outlines",
]

#: Draw tools offered for interventions: areas, rectangles, routes and points.
INTERVENTION_TOOLS = ("polygon", "rectangle", "polyline", "marker")


@dataclass(frozen=True)
class EditableShape:
    """One saved intervention for the draw layer: WGS84 geometry, id, tooltip text."""

    intervention_id: int
    geometry: BaseGeometry  # WGS84 lon/lat, already rounded
    label: str  # plain text; escaped when rendered
    color: str = "#7030a0"


def _latlngs(geometry: BaseGeometry) -> Any:
    """Leaflet's [lat, lon] nesting for a (multi)polygon, (multi)line or point."""
    kind = geometry.geom_type
    if kind == "Point":
        return [geometry.y, geometry.x]
    if kind == "LineString":
        return [[y, x] for x, y in geometry.coords]
    if kind == "Polygon":
        rings = [geometry.exterior, *geometry.interiors]
        # Leaflet closes rings itself; GeoJSON's repeated last vertex would be a 2nd handle.
        return [[[y, x] for x, y in list(ring.coords)[:-1]] for ring in rings]
    if kind in {"MultiPolygon", "MultiLineString"}:
        return [_latlngs(part) for part in geometry.geoms]
    raise ValueError(f"cannot draw {kind} as an editable shape")


class _EditableLayer(MacroElement):  # type: ignore[misc]
    """A Leaflet vector/marker added to the parent feature group, with a GeoJSON feature."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (group) {
                var layer = {{ this.constructor }}({{ this.latlngs|tojson }},
                    {{ this.style|tojson }});
                layer.feature = {type: "Feature", properties: {{ this.properties|tojson }}};
                layer.bindTooltip({{ this.label|tojson }}, {sticky: true});
                group.addLayer(layer);
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, shape: EditableShape) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "EditableLayer"
        kind = shape.geometry.geom_type
        self.constructor = {
            "Point": "L.marker",
            "LineString": "L.polyline",
            "MultiLineString": "L.polyline",
            "Polygon": "L.polygon",
            "MultiPolygon": "L.polygon",
        }.get(kind)
        if self.constructor is None:
            raise ValueError(f"cannot draw {kind} as an editable shape")
        self.latlngs = _latlngs(shape.geometry)
        self.style = (
            {}
            if kind == "Point"
            else {"color": shape.color, "weight": 3, "opacity": 0.9, "fillOpacity": 0.15}
        )
        self.properties = {"intervention_id": int(shape.intervention_id)}
        self.label = escape_text(shape.label)


class _IconPath(MacroElement):  # type: ignore[misc]
    """Sets ``L.Icon.Default.imagePath`` so default markers load our vendored images.

    Leaflet guesses the path from its stylesheet; inside streamlit-folium the stylesheet
    is often not applied yet when the first marker is made, and Leaflet's fallback drops
    a slash (``…/leafletmarker-icon.png``, a 404). Point markers and the Draw toolbar's
    marker tool both use the default icon, so the path is set once, before any marker.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            L.Icon.Default.imagePath = {{ this.path|tojson }};
        {% endmacro %}
        """
    )

    def __init__(self, path: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "IconPath"
        self.path = path


def marker_icon_path(asset_base_url: str) -> MacroElement:
    """Element fixing the default marker icon path under ``asset_base_url`` (add it first)."""
    return _IconPath(f"{asset_base_url.rstrip('/')}/leaflet/images/")


def editable_group(shapes: Sequence[EditableShape], *, name: str) -> folium.FeatureGroup:
    """Feature group with one editable layer per saved intervention (add it to the base map)."""
    group = folium.FeatureGroup(name=escape_text(name))
    for shape in shapes:
        _EditableLayer(shape).add_to(group)
    return group


def intervention_draw_control(group: folium.FeatureGroup) -> folium.plugins.Draw:
    """Draw toolbar (polygon, rectangle, route, point) editing ``group``'s layers too.

    ``group`` must already be on the map. Self-intersecting polygons are *allowed* while
    drawing: the page checks every drawing and explains the problem in Swedish, with a
    repair only on request, which teaches more than a toolbar that silently refuses.
    """
    tools = ("polygon", "rectangle", "circle", "polyline", "marker", "circlemarker")
    draw_options: dict[str, Any] = {tool: (tool in INTERVENTION_TOOLS) for tool in tools}
    draw_options["polygon"] = {"allowIntersection": True, "showArea": False}
    return folium.plugins.Draw(  # type: ignore[no-untyped-call]
        export=False,
        feature_group=group,
        position="topleft",
        show_geometry_on_click=False,
        draw_options=draw_options,
        # Leaflet.draw's own defaults (edit and remove tools on) apply to empty options.
        edit_options={},
    )


def zone_outlines(
    zones: Sequence[tuple[str, BaseGeometry, str, str | None]], *, name: str
) -> folium.FeatureGroup:
    """Outlined zones (target, ring/buffer, control) for ``feature_group_to_add``.

    ``zones`` are ``(label, WGS84 geometry, colour, dash pattern)``; labels are escaped.
    Not interactive beyond a tooltip, and not part of the draw layer, so they can never
    be edited or deleted by mistake.
    """
    group = folium.FeatureGroup(name=escape_text(name))
    for label, geometry, color, dash in zones:
        if geometry.is_empty:
            continue
        data = {
            "type": "Feature",
            "properties": {"tooltip": escape_text(label)},
            "geometry": json.loads(json.dumps(geometry.__geo_interface__)),
        }
        style = {"color": color, "weight": 2, "fillOpacity": 0.08, "dashArray": dash}
        folium.GeoJson(
            data,
            style_function=lambda _f, s=style: s,
            tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
            zoom_on_click=False,
        ).add_to(group)
    return group
