"""What the user changed on the Åtgärder map, and the checks of the current shape.

Edits and toolbar deletions of saved interventions are only *seen* on the map; nothing is
written until the user confirms below it, and a deletion can be undone by rebuilding the
map from the saved set. A broken drawing is never repaired silently: the user is shown
every problem and asked before ``repair`` runs (docs/interventions.md).
"""

from __future__ import annotations

import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.markup import escape_markdown as md
from est_geo.interventions.drawing import changed_geometries, check_drawing, repair
from est_geo.interventions.persistence import delete_intervention, update_geometry
from ui.atgarder.state import (
    REPAIRED_KEY,
    AtgarderContext,
    Selected,
    fail_soft,
    finish_write,
    remount_map,
)
from ui.context import t


def _edited_shape(ctx: AtgarderContext, iv_id: int, new_geom: BaseGeometry) -> None:
    """A saved shape moved on the map: its checks, and a button to store the new shape."""
    iv = ctx.by_id[iv_id]
    st.info(t("atgarder.edited", name=md(iv.name)))
    for issue in check_drawing(new_geom, municipality=ctx.municipality):
        st.warning(md(issue.text(ctx.cfg.language)))
    if ctx.can_edit and st.button(
        t("atgarder.save_shape", name=md(iv.name)), key=f"iv_save_shape_{iv_id}"
    ):
        try:
            update_geometry(ctx.store, iv_id, new_geom, role=ctx.role, user=ctx.user)
        except EstGeoError as exc:
            fail_soft(exc)
        else:  # show what was just changed
            finish_write(pick=iv_id, flash=t("atgarder.saved", name=md(iv.name)))


def _deleted_shape(ctx: AtgarderContext, iv_id: int) -> None:
    """A saved shape removed with the toolbar: confirm the deletion, or undo it."""
    iv = ctx.by_id[iv_id]
    st.warning(t("atgarder.deleted_on_map", name=md(iv.name)))
    c1, c2 = st.columns(2)
    if ctx.can_edit and c1.button(
        t("atgarder.delete_confirm_button", name=md(iv.name)), key=f"iv_del_map_{iv_id}"
    ):
        try:
            delete_intervention(ctx.store, iv_id, role=ctx.role, user=ctx.user)
        except EstGeoError as exc:
            fail_soft(exc)
        else:
            finish_write()
    if c2.button(t("atgarder.undo"), key=f"iv_undo_{iv_id}"):
        remount_map()


def show_map_edits(ctx: AtgarderContext, sel: Selected) -> None:
    """Every saved shape edited or deleted on the map, and a note on ignored new shapes."""
    if sel.drawings is None:
        return
    new_drawings, edited, deleted = changed_geometries(sel.drawings, ctx.stored_geometries())
    for iv_id, new_geom in edited.items():
        _edited_shape(ctx, iv_id, new_geom)
    for iv_id in deleted:
        _deleted_shape(ctx, iv_id)
    if sel.intervention is not None and new_drawings:
        st.info(t("atgarder.new_while_selected"))


def show_checks(ctx: AtgarderContext, sel: Selected) -> None:
    """Problems of an unsaved shape, and the repair the user may ask for."""
    geometry = sel.geometry
    if geometry is None or sel.origin == "saved":
        return
    issues = check_drawing(geometry, municipality=ctx.municipality)
    for issue in issues:
        st.error(md(issue.text(ctx.cfg.language)))
    if any(i.repairable for i in issues) and st.button(t("atgarder.repair"), key="iv_repair"):
        try:
            st.session_state[REPAIRED_KEY] = (geometry.wkb_hex, repair(geometry))
        except ValidationError as exc:
            fail_soft(exc)
        else:
            st.rerun()
    if (repaired := st.session_state.get(REPAIRED_KEY)) and repaired[1] is geometry:
        st.success(t("atgarder.repaired"))
