"""The Åtgärder page's map: saved interventions to edit, new drawings, zones of the shape.

Stability rules (docs/interventions.md, "Remount behaviour"): the saved interventions
live in the Draw plugin's own feature group on the *base* map, because the Draw control
binds its edit layer when the map is created. The base map therefore changes — and
remounts — only when the saved set changes (save, shape edit, deletion), which also
clears unsaved drawings. Everything that changes otherwise stays out of the base map:
the zones of the current shape go through ``feature_group_to_add`` and zooming to the
picked intervention through ``center``/``zoom``; neither remounts. Only ``all_drawings``
comes back (the whole draw layer after the last event), so edits and toolbar deletions of
saved shapes are seen, not just the last new shape.
"""

from __future__ import annotations

from typing import Any

import folium
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import ValidationError
from est_geo.core.model import Intervention
from est_geo.interventions.drawing import (
    DEFAULT_RING_M,
    DEFAULT_ROUTE_BUFFER_M,
    Drawing,
    changed_geometries,
    geometry_to_wgs84,
    parse_drawings,
    parse_feature,
    shape_bounds_wgs84,
    zoom_for_bounds,
)
from est_geo.interventions.scope import ring_around, scope_of
from est_geo.maps import area_outlines
from est_geo.maps.editable import (
    EditableShape,
    editable_group,
    intervention_draw_control,
    marker_icon_path,
    zone_outlines,
)
from est_geo.maps.mapdata import areas_for_display, default_view
from ui.atgarder.state import (
    DEFAULT_AREA,
    DRAFT_KEY,
    REPAIRED_KEY,
    RING_KEY,
    AtgarderContext,
    Selected,
    fail_soft,
    kind_label,
    map_key,
)
from ui.context import t
from ui.maps import draw_map, fitted_map

HEIGHT_PX = 560
#: Width assumed when zooming to a shape (the real width is the page's).
WIDTH_PX = 900


def _drawings() -> list[Drawing] | None:
    """The draw layer after the map's last event, ``None`` before it reported anything.

    streamlit-folium copies the map's latest value into ``st.session_state[<key>]``
    *before* the script runs (its on_change), so the drawings are known before the map
    is drawn and the zones can show them in the same run. Writes clear it: after a write
    the base map changes, the map remounts, and the old value would be stale.
    """
    state: dict[str, Any] = st.session_state.get(map_key()) or {}
    features = state.get("all_drawings")
    if features is None:
        return None
    try:
        return parse_drawings(features)
    except ValidationError as exc:
        fail_soft(exc)
        return []


def _current_geometry(
    ctx: AtgarderContext, current: Intervention | None, drawings: list[Drawing] | None
) -> tuple[BaseGeometry | None, str]:
    """The shape the form and the analysis work on, and where it came from."""
    new, edited, _ = (
        changed_geometries(drawings, ctx.stored_geometries()) if drawings else ([], {}, [])
    )
    if current is not None and current.id is not None:
        return edited.get(current.id, current.geometry), "saved"
    if new:
        return new[-1].geometry, "drawn"
    draft = st.session_state.get(DRAFT_KEY)
    if draft:
        try:
            return parse_feature(draft).geometry, "draft"
        except ValidationError as exc:
            fail_soft(exc)
    return None, "none"


def selected(ctx: AtgarderContext, pick: int) -> Selected:
    """The picked intervention and the current shape, repaired if the user agreed to it.

    A repair is kept as (WKB of the broken shape, repaired shape) and used only while the
    drawing is still that broken shape; a new drawing is checked afresh.
    """
    current = ctx.by_id.get(pick)
    drawings = _drawings()
    geometry, origin = _current_geometry(ctx, current, drawings)
    if geometry is not None and origin != "saved":
        repaired = st.session_state.get(REPAIRED_KEY)
        if repaired is not None and repaired[0] == geometry.wkb_hex:
            geometry = repaired[1]
    return Selected(pick, current, geometry, origin, drawings)


def zone_sizes(sel: Selected) -> tuple[float, float]:
    """Ring width and route buffer (m) for the zones on the map.

    Their widgets are drawn below the map (scope tab, form), so the map reads their
    values from the previous run.
    """
    ring_m = float(st.session_state.get(RING_KEY, DEFAULT_RING_M))
    current = sel.intervention
    default_buffer = current.buffer_m if current else DEFAULT_ROUTE_BUFFER_M
    buffer_m = st.session_state.get(f"iv_buffer_{sel.pick}", default_buffer)
    return ring_m, float(buffer_m or DEFAULT_ROUTE_BUFFER_M)


def _base_map(ctx: AtgarderContext) -> folium.Map:
    """Outlines and the saved interventions in the Draw plugin's group (see module doc).

    Built only from what is stored, so it stays identical between reruns until a write.
    A role that may not edit interventions gets the saved shapes without the Draw
    toolbar: offering tools whose result cannot be saved only leads people astray.
    """
    cfg = ctx.cfg
    view = default_view(ctx.areas, DEFAULT_AREA)
    fmap = fitted_map(cfg, view, 16, plugins=("draw",) if ctx.can_edit else ())
    marker_icon_path(cfg.static_url).add_to(fmap)
    area_outlines(areas_for_display(ctx.areas)).add_to(fmap)
    shapes = [
        EditableShape(iv_id, geometry_to_wgs84(iv.geometry), f"{iv.name} ({kind_label(iv.kind)})")
        for iv_id, iv in ctx.by_id.items()
    ]
    group = editable_group(shapes, name=t("page.atgarder"))
    group.add_to(fmap)
    if ctx.can_edit:
        intervention_draw_control(group).add_to(fmap)
    return fmap


def _focus(
    current: Intervention | None, ring_m: float
) -> tuple[tuple[float, float] | None, int | None]:
    """Centre and zoom that show the picked intervention with its ring (``None``: stay)."""
    if current is None:
        return None, None
    bounds = shape_bounds_wgs84(current.scope().buffer(ring_m))
    center = ((bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2)
    return center, zoom_for_bounds(bounds, width_px=WIDTH_PX, height_px=HEIGHT_PX)


def _zone_overlay(
    geometry: BaseGeometry | None, *, ring_m: float, route_buffer: float
) -> folium.FeatureGroup:
    """Scope and ring of the current shape, for ``feature_group_to_add`` (no remount)."""
    zones: list[tuple[str, BaseGeometry, str, str | None]] = []
    if geometry is not None and geometry.is_valid:
        try:
            scope = scope_of(geometry, buffer_m=route_buffer)
            zones.append((t("atgarder.zone.scope"), scope, "#0072B2", None))
            ring = ring_around(scope, ring_m)
            zones.append((t("atgarder.zone.ring", m=int(ring_m)), ring, "#E69F00", "6 4"))
        except ValidationError:
            pass  # no zones for a shape without a scope; its checks say why
    return zone_outlines(
        [(label, geometry_to_wgs84(g, precision=6), c, d) for label, g, c, d in zones],
        name=t("atgarder.zones"),
    )


def show_map(ctx: AtgarderContext, sel: Selected, *, ring_m: float, route_buffer: float) -> None:
    """The map, with the zones of the current shape, and its help line."""
    center, zoom = _focus(sel.intervention, ring_m)
    draw_map(
        _base_map(ctx),
        key=map_key(),
        height=HEIGHT_PX,
        layers=[_zone_overlay(sel.geometry, ring_m=ring_m, route_buffer=route_buffer)],
        returned=["all_drawings"],
        center=center,
        zoom=zoom,
    )
    st.caption(t("atgarder.map_help" if ctx.can_edit else "atgarder.map_help_view"))
