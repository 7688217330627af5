"""The Åtgärder page's form: describe, save and delete an intervention (or just read it).

Every widget key ends in the pick (``0`` for a new intervention), so switching between
interventions never carries one's typed values into another's form. Saving validates the
whole intervention in ``est_geo`` and lists every problem; deleting asks first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import Actor, Intervention, InterventionKind, InterventionStatus
from est_geo.interventions.drawing import DEFAULT_ROUTE_BUFFER_M
from est_geo.interventions.persistence import delete_intervention, save_intervention
from ui.atgarder.state import (
    CONFIRM_KEY,
    DRAFT_KEY,
    NEW,
    REPAIRED_KEY,
    AtgarderContext,
    Selected,
    fail_soft,
    finish_write,
    kind_label,
    status_label,
)
from ui.context import error_md, t

POLYGONS = frozenset({"Polygon", "MultiPolygon"})


@dataclass(frozen=True)
class _FormValues:
    """What the form's widgets held when it was submitted."""

    name: str
    kind: str
    status: str
    owner: str
    start: object
    end: object
    cost: float | None
    description: str
    buffer_m: float
    public: bool

    def intervention(self, shape: BaseGeometry, iv_id: int | None) -> Intervention:
        """The intervention to save; polygons have their scope as drawn (no buffer)."""
        return Intervention(
            name=self.name.strip(),
            kind=self.kind,
            status=self.status,
            owner_actor=self.owner,
            start_date=self.start if isinstance(self.start, date) else None,
            end_date=self.end if isinstance(self.end, date) else None,
            geometry=shape,
            description=self.description.strip(),
            public=self.public,
            cost=float(self.cost) if self.cost is not None else None,
            buffer_m=0.0 if shape.geom_type in POLYGONS else float(self.buffer_m),
            id=iv_id,
        )


def _choices(ctx: AtgarderContext, iv0: Intervention | None, suffix: str) -> list[str]:
    """Kind, owner and status in a row: codes shown by name, preset to the stored ones."""
    fields: list[tuple[str, list[str], str | None, Callable[[str], str], str]] = [
        ("atgarder.kind", [k.value for k in InterventionKind], iv0.kind if iv0 else None,
         kind_label, "iv_kind"),
        ("atgarder.owner", [a.value for a in Actor], iv0.owner_actor if iv0 else None,
         ctx.actor_label, "iv_owner"),
        ("atgarder.status", [s.value for s in InterventionStatus], iv0.status if iv0 else None,
         status_label, "iv_status"),
    ]  # fmt: skip
    chosen: list[str] = []
    for column, (label_key, options, stored, format_func, key) in zip(
        st.columns(3), fields, strict=True
    ):
        chosen.append(
            column.selectbox(
                t(label_key),
                options,
                index=options.index(stored) if stored in options else 0,
                format_func=format_func,
                key=f"{key}_{suffix}",
            )
        )
    return chosen


def _form_widgets(ctx: AtgarderContext, iv0: Intervention | None, suffix: str) -> _FormValues:
    """The form's fields, preset from ``iv0`` (``None``: a new intervention)."""
    name = st.text_input(
        t("atgarder.col.name"), value=iv0.name if iv0 else "", key=f"iv_name_{suffix}"
    )
    kind, owner, status = _choices(ctx, iv0, suffix)
    d1, d2, d3 = st.columns(3)
    start = d1.date_input(
        t("atgarder.start"),
        format="YYYY-MM-DD",
        value=iv0.start_date if iv0 else None,
        key=f"iv_start_{suffix}",
    )
    end = d2.date_input(
        t("atgarder.end"),
        format="YYYY-MM-DD",
        value=iv0.end_date if iv0 else None,
        key=f"iv_end_{suffix}",
    )
    cost = d3.number_input(
        t("atgarder.cost"),
        value=iv0.cost if iv0 else None,
        min_value=0.0,
        step=1000.0,
        key=f"iv_cost_{suffix}",
    )
    description = st.text_area(
        t("atgarder.description"), value=iv0.description if iv0 else "", key=f"iv_desc_{suffix}"
    )
    e1, e2 = st.columns(2)
    buffer_m = e1.number_input(
        t("atgarder.buffer"),
        value=float(iv0.buffer_m if iv0 and iv0.buffer_m > 0 else DEFAULT_ROUTE_BUFFER_M),
        min_value=1.0,
        max_value=1000.0,
        step=10.0,
        help=t("atgarder.buffer_help"),
        key=f"iv_buffer_{suffix}",
    )
    public = e2.checkbox(
        t("atgarder.public"),
        value=bool(iv0.public) if iv0 else False,
        key=f"iv_public_{suffix}",
    )
    return _FormValues(
        name=name,
        kind=kind,
        status=status,
        owner=owner,
        start=start,
        end=end,
        cost=cost,
        description=description,
        buffer_m=buffer_m,
        public=public,
    )


def _save(ctx: AtgarderContext, candidate: Intervention) -> None:
    """Store the intervention and select it; a refusal is shown and the form stays."""
    try:
        new_id = save_intervention(ctx.store, candidate, role=ctx.role, user=ctx.user)
    except ValidationError as exc:
        st.error(error_md(exc))
    except EstGeoError as exc:
        fail_soft(exc)
    else:
        st.session_state.pop(DRAFT_KEY, None)
        st.session_state.pop(REPAIRED_KEY, None)
        finish_write(pick=new_id, flash=t("atgarder.saved", name=md(candidate.name)))


def _edit_form(ctx: AtgarderContext, sel: Selected) -> None:
    """The form; on submit, the drawn shape (or the saved one) is saved with its fields."""
    iv0 = sel.intervention
    suffix = str(sel.pick)
    with st.form(f"iv_form_{suffix}"):
        values = _form_widgets(ctx, iv0, suffix)
        submitted = st.form_submit_button(
            t("atgarder.save_new") if iv0 is None else t("atgarder.save_edit"), type="primary"
        )
    if not submitted:
        return
    shape = sel.geometry if sel.geometry is not None else (iv0.geometry if iv0 else None)
    if shape is None:
        st.error(t("atgarder.draw_first"))
    else:
        _save(ctx, values.intervention(shape, iv0.id if iv0 else None))


def _delete_controls(ctx: AtgarderContext, iv0: Intervention, iv_id: int, suffix: str) -> None:
    """Delete button, then a yes/no question: a deletion cannot be undone."""
    if st.button(t("atgarder.delete"), key=f"iv_delete_{suffix}"):
        st.session_state[CONFIRM_KEY] = iv_id
    if st.session_state.get(CONFIRM_KEY) != iv_id:
        return
    st.warning(t("atgarder.delete_question", name=md(iv0.name)))
    y, n = st.columns(2)
    if y.button(t("atgarder.delete_yes"), key=f"iv_delete_yes_{suffix}", type="primary"):
        try:
            delete_intervention(ctx.store, iv_id, role=ctx.role, user=ctx.user)
        except EstGeoError as exc:
            fail_soft(exc)
        else:
            st.session_state.pop(CONFIRM_KEY, None)
            finish_write(pick=NEW, flash=t("atgarder.deleted", name=md(iv0.name)))
    if n.button(t("atgarder.delete_no"), key=f"iv_delete_no_{suffix}"):
        st.session_state.pop(CONFIRM_KEY, None)
        st.rerun()


def _summary(ctx: AtgarderContext, iv: Intervention) -> None:
    """The picked intervention, read-only (for roles that may not edit)."""
    st.markdown(
        f"**{md(iv.name)}** – {kind_label(iv.kind)}, {status_label(iv.status)}, "
        f"{ctx.actor_label(iv.owner_actor)}; "
        f"{iv.start_date or '–'} – {iv.end_date or '–'}"
    )
    st.text(iv.description)


def show_form(ctx: AtgarderContext, sel: Selected) -> None:
    """Form to save a new or picked intervention, or a read-only summary without rights."""
    current = sel.intervention
    if not ctx.can_edit and current is None:
        st.info(t("atgarder.pick_to_view"))  # no drawing, no saving for this role
        return
    st.subheader(t("atgarder.form_new") if current is None else t("atgarder.form_edit"))
    if current is None and sel.geometry is None:
        st.info(t("atgarder.draw_first"))
    if ctx.can_edit and (current is not None or sel.geometry is not None):
        _edit_form(ctx, sel)
        if current is not None and current.id is not None:
            _delete_controls(ctx, current, current.id, str(sel.pick))
    elif current is not None:
        _summary(ctx, current)
