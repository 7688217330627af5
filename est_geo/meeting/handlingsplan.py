"""Handlingsplan: the joint action plan a chefssamråd or EST group decides and follows up.

An action item says *what* is to be done, *where* (an area, a shape drawn on the map, or
an existing intervention), *who* (the responsible actor), by *when*, its *status*, the
*meeting* that decided it and free notes. Items live in the store; every change is
audited there (who, when, before/after), which is the item's history.

Analysts and administrators edit, members of the group read: every write here calls
:func:`est_geo.access.roles.require` first, so a page bug cannot write for a reader. Never
imports streamlit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

import shapely
from shapely.errors import ShapelyError

from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import NotFoundError, Problem, ValidationError, keyed_error
from est_geo.core.model import DONE_STATUSES, ActionItem, Intervention

if TYPE_CHECKING:
    import pandas as pd

    from est_geo.store.meeting import MeetingStore

__all__ = [
    "DrawnShape",
    "add_item",
    "drawn_shapes",
    "filter_items",
    "item_history",
    "items_for_report",
    "shape_label",
    "update_item",
]


@dataclass(frozen=True)
class DrawnShape:
    """A shape drawn and saved on the Åtgärder page, offered as an item's "where".

    ``wkt`` is the area the drawing covers (polygons as drawn, routes and points with
    their buffer) in EPSG:3006. An item stores a copy of it, not a reference, so the
    item keeps its place when the intervention is later redrawn or deleted.
    """

    intervention_id: int
    label: str
    wkt: str


def drawn_shapes(interventions: Iterable[Intervention]) -> list[DrawnShape]:
    """The saved drawings of ``interventions`` (those with an id), ordered by name."""
    shapes = [
        DrawnShape(iv.id, iv.name, shapely.to_wkt(iv.scope(), rounding_precision=2))
        for iv in interventions
        if iv.id is not None and not iv.geometry.is_empty
    ]
    return sorted(shapes, key=lambda s: (s.label.casefold(), s.intervention_id))


def shape_label(wkt: str | None, shapes: Sequence[DrawnShape]) -> str | None:
    """Name of the saved drawing an item's shape was taken from; ``None`` if none matches.

    Compared as geometries to within 5 cm (a WKT round trip may change the last digits);
    a shape whose drawing has since changed or been deleted no longer matches.
    """
    if not wkt:
        return None
    try:
        mine = shapely.from_wkt(wkt)
    except ShapelyError:
        return None
    for candidate in shapes:
        other = shapely.from_wkt(candidate.wkt)
        if mine.geom_type == other.geom_type and mine.equals_exact(other, 0.05):
            return candidate.label
    return None


def _check_links(store: MeetingStore, item: ActionItem) -> list[Problem]:
    out: list[Problem] = []
    if item.area_code:
        codes = set(store.areas()["code"].astype(str))
        if item.area_code not in codes:
            out.append(
                Problem.keyed(None, "area_code", item.area_code, "handlingsplan.unknown_area")
            )
    if item.intervention_id is not None:
        try:
            store.get_intervention(item.intervention_id)
        except NotFoundError:
            iv_id = str(item.intervention_id)
            out.append(
                Problem.keyed(None, "intervention_id", iv_id, "handlingsplan.unknown_intervention")
            )
    return out


def _checked(store: MeetingStore, item: ActionItem) -> None:
    found = item.problems() + _check_links(store, item)
    if found:
        raise ValidationError(found, key="core.action.summary")


def add_item(store: MeetingStore, item: ActionItem, *, role: Role, user: str) -> int:
    """Check the role and the item, then insert it; returns the new id."""
    require(role, Action.EDIT_ACTION_PLAN)
    _checked(store, item)
    return store.add_action_item(replace(item, id=None), user=user)


def update_item(store: MeetingStore, item: ActionItem, *, role: Role, user: str) -> None:
    """Check the role and the item, then replace the stored item with the same id."""
    require(role, Action.EDIT_ACTION_PLAN)
    if item.id is None:
        raise keyed_error(NotFoundError, "store.error.action_item_no_id")
    _checked(store, item)
    store.update_action_item(item, user=user)


def item_history(store: MeetingStore, item_id: int) -> pd.DataFrame:
    """Every recorded change of one item, oldest first (at, user, action, before, after)."""
    return store.action_item_history(item_id)


def filter_items(
    items: Iterable[ActionItem],
    *,
    today: date,
    area_codes: Iterable[str] | None = None,
    actors: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    overdue_only: bool = False,
) -> list[ActionItem]:
    """Items matching every given filter (``None`` = no restriction), due date first.

    Items without a due date come last; among equal dates, lower ids first.
    """
    areas = None if area_codes is None else set(area_codes)
    who = None if actors is None else set(actors)
    states = None if statuses is None else set(statuses)
    kept = [
        i
        for i in items
        if (areas is None or i.area_code in areas)
        and (who is None or i.actor in who)
        and (states is None or i.status in states)
        and (not overdue_only or i.is_overdue(today))
    ]
    return sorted(kept, key=lambda i: (i.due_date is None, i.due_date or today, i.id or 0))


def items_for_report(
    items: Sequence[ActionItem], area_codes: Iterable[str], *, start: date, end: date
) -> list[ActionItem]:
    """Items of a lägesbild: the area's open items, plus those due within ``[start, end)``.

    A closed item still belongs in the minutes of the period it was due in.
    """
    codes = set(area_codes)
    mine = [i for i in items if i.area_code in codes]
    return [
        i
        for i in filter_items(mine, today=end)
        if i.status not in DONE_STATUSES or (i.due_date is not None and start <= i.due_date < end)
    ]
