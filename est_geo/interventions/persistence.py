"""Writes of interventions: every write checks the role before touching the store.

So a page bug cannot write for a reader; a shape is checked against the municipality
before it is saved. Never imports streamlit.
"""

from __future__ import annotations

from dataclasses import replace

from shapely.geometry.base import BaseGeometry

from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import AreaLevel, Intervention
from est_geo.interventions.drawing import check_drawing, municipality_of
from est_geo.store import Store

__all__ = [
    "delete_intervention",
    "save_intervention",
    "update_geometry",
]


# --------------------------------------------------------------------------- writes


def _check_for_save(intervention: Intervention, municipality: BaseGeometry | None) -> None:
    blocking = check_drawing(intervention.geometry, municipality=municipality)
    if blocking:
        raise ValidationError(
            [Problem(None, "geometry", i.code, i.message) for i in blocking],
            key="interventions.drawing.invalid_shape",
        )


def save_intervention(store: Store, intervention: Intervention, *, role: Role, user: str) -> int:
    """Insert (``id is None``) or update an intervention after checking role and shape.

    The role is checked first so a reader's request never reaches the store; the shape
    must pass :func:`check_drawing` (a broken drawing has to be repaired with the user's
    consent *before* saving). Every write lands in the audit trail with ``user``.
    Returns the intervention's id.
    """
    require(role, Action.EDIT_INTERVENTIONS)
    intervention.validate()
    _check_for_save(intervention, municipality_of(store.areas(levels=[AreaLevel.KOMMUN.value])))
    if intervention.id is None:
        return store.add_intervention(intervention, user=user)
    store.update_intervention(intervention, user=user)
    return intervention.id


def update_geometry(
    store: Store, intervention_id: int, geometry: BaseGeometry, *, role: Role, user: str
) -> None:
    """Replace only the shape of a saved intervention (an edit on the map)."""
    require(role, Action.EDIT_INTERVENTIONS)
    current = store.get_intervention(intervention_id)
    save_intervention(store, replace(current, geometry=geometry), role=role, user=user)


def delete_intervention(store: Store, intervention_id: int, *, role: Role, user: str) -> None:
    """Delete a saved intervention (kept in the audit trail) after checking the role."""
    require(role, Action.EDIT_INTERVENTIONS)
    store.delete_intervention(intervention_id, user=user)
