"""Storage of the meeting's own data: handlingsplan items, saved views and agendas.

Kept apart from the core :class:`~est_geo.store.base.Store` contract (like
``UserStore``) so each backend adds it as one piece: :class:`MeetingStore` is the
contract, :class:`GeoPackageMeetingMixin` the embedded implementation that
:class:`~est_geo.store.gpkg.GeoPackageStore` inherits. The tables come with schema
version 4 (``est_geo.store.schema``).

Every write runs in one transaction with its audit entry (entity ``action_items``,
``saved_views`` or ``agendas``; entity id = the row id), so the audit trail *is* an action
item's history. Saved view states are stored as their URL query string, the very text of
a link, so a view and its link can never disagree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from est_geo.errors import NotFoundError, Problem, ValidationError
from est_geo.handlingsplan import ActionItem
from est_geo.store.base import Store
from est_geo.views import Agenda, SavedView, decode_state, encode_state

__all__ = [
    "GeoPackageMeetingMixin",
    "MeetingStore",
    "agenda_from_row",
    "item_from_row",
    "state_from_text",
    "state_to_text",
]

#: Column order of ``action_items`` as read by :func:`item_from_row`.
ITEM_COLUMNS = (
    "id, title, actor, status, due_date, area_code, shape_wkt, intervention_id, meeting, "
    "meeting_date, notes, created_at, created_by, updated_at, updated_by"
)
VIEW_COLUMNS = "id, name, area_code, state, created_at, created_by"
AGENDA_COLUMNS = "id, name, area_code, view_ids, notes, updated_at, updated_by"


@runtime_checkable
class MeetingStore(Store, Protocol):
    """A store that also keeps the handlingsplan, saved views and agendas."""

    def action_items(self, *, area_codes: Iterable[str] | None = None) -> list[ActionItem]:
        """Items, optionally only those linked to one of ``area_codes``, by id."""
        ...

    def get_action_item(self, item_id: int) -> ActionItem:
        """One item (NotFoundError if missing)."""
        ...

    def add_action_item(self, item: ActionItem, *, user: str) -> int:
        """Insert an item (its ``id`` is ignored) and return the new id."""
        ...

    def update_action_item(self, item: ActionItem, *, user: str) -> None:
        """Replace the item with ``item.id`` (NotFoundError if missing)."""
        ...

    def action_item_history(self, item_id: int) -> pd.DataFrame:
        """Audit entries of one item, oldest first: at, user, action, before, after."""
        ...

    def saved_views(self, *, area_code: str | None = None) -> list[SavedView]:
        """Saved views by name; with ``area_code`` only that area's."""
        ...

    def get_saved_view(self, view_id: int) -> SavedView:
        """One saved view (NotFoundError if missing)."""
        ...

    def add_saved_view(self, view: SavedView, *, user: str) -> int:
        """Insert a view and return its id."""
        ...

    def delete_saved_view(self, view_id: int, *, user: str) -> None:
        """Delete a view (it stays in the audit trail)."""
        ...

    def agendas(self) -> list[Agenda]:
        """Agendas by name."""
        ...

    def get_agenda(self, agenda_id: int) -> Agenda:
        """One agenda (NotFoundError if missing)."""
        ...

    def save_agenda(self, agenda: Agenda, *, user: str) -> int:
        """Insert (``id`` None) or replace an agenda; returns its id."""
        ...


def state_to_text(view: SavedView) -> str:
    """The stored form of a view's state: its link's query string."""
    return urlencode(encode_state(view.state))


def state_from_text(text: str) -> SavedView:
    """Inverse of :func:`state_to_text` (wrapped in a nameless view)."""
    return SavedView(name="", state=decode_state(dict(parse_qsl(text))))


def _opt_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def item_from_row(row: tuple[Any, ...]) -> ActionItem:
    """An :class:`ActionItem` from a row in :data:`ITEM_COLUMNS` order."""
    return ActionItem(
        id=int(row[0]),
        title=row[1],
        actor=row[2],
        status=row[3],
        due_date=_opt_date(row[4]),
        area_code=row[5],
        shape_wkt=row[6],
        intervention_id=None if row[7] is None else int(row[7]),
        meeting=row[8],
        meeting_date=_opt_date(row[9]),
        notes=row[10],
        created_at=row[11],
        created_by=row[12],
        updated_at=row[13],
        updated_by=row[14],
    )


def view_from_row(row: tuple[Any, ...]) -> SavedView:
    """A :class:`SavedView` from a row in :data:`VIEW_COLUMNS` order."""
    state = state_from_text(row[3]).state
    return SavedView(
        id=int(row[0]),
        name=row[1],
        area_code=row[2],
        state=state,
        created_at=row[4],
        created_by=row[5],
    )


def agenda_from_row(row: tuple[Any, ...]) -> Agenda:
    """An :class:`Agenda` from a row in :data:`AGENDA_COLUMNS` order."""
    return Agenda(
        id=int(row[0]),
        name=row[1],
        area_code=row[2],
        view_ids=tuple(int(v) for v in json.loads(row[3])),
        notes=row[4],
        updated_at=row[5],
        updated_by=row[6],
    )


def item_audit(item: ActionItem) -> dict[str, Any]:
    """What the audit trail keeps of an item (all fields, dates as ISO text)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(item).items()}


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class GeoPackageMeetingMixin:
    """:class:`MeetingStore` methods for the embedded GeoPackage store (sqlite3)."""

    if TYPE_CHECKING:

        def _connect(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...

        @staticmethod
        def _audit(
            con: sqlite3.Connection,
            user: str,
            action: str,
            entity: str,
            entity_id: str | None,
            before: dict[str, Any] | None,
            after: dict[str, Any] | None,
        ) -> None: ...

    # -- handlingsplan -------------------------------------------------------------------
    @staticmethod
    def _item_params(item: ActionItem) -> tuple[Any, ...]:
        return (
            item.title.strip(),
            item.actor,
            item.status,
            _iso(item.due_date),
            item.area_code or None,
            item.shape_wkt or None,
            item.intervention_id,
            item.meeting.strip(),
            _iso(item.meeting_date),
            item.notes,
        )

    def action_items(self, *, area_codes: Iterable[str] | None = None) -> list[ActionItem]:
        """Items by id, optionally only those of the given areas."""
        sql = f"SELECT {ITEM_COLUMNS} FROM action_items"
        params: list[str] = []
        if area_codes is not None:
            params = list(area_codes)
            sql += f" WHERE area_code IN ({','.join('?' * len(params))})" if params else " WHERE 0"
        with self._connect() as con:
            rows = con.execute(sql + " ORDER BY id", params).fetchall()
        return [item_from_row(r) for r in rows]

    def _item_row(self, con: sqlite3.Connection, item_id: int) -> ActionItem:
        row = con.execute(
            f"SELECT {ITEM_COLUMNS} FROM action_items WHERE id = ?", (item_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Punkt {item_id} i handlingsplanen finns inte.")
        return item_from_row(row)

    def get_action_item(self, item_id: int) -> ActionItem:
        """One item by id."""
        with self._connect() as con:
            return self._item_row(con, item_id)

    def add_action_item(self, item: ActionItem, *, user: str) -> int:
        """Validate and insert; the audit entry holds the whole item."""
        item.validate()
        now = _now()
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO action_items (title, actor, status, due_date, area_code, shape_wkt, "
                "intervention_id, meeting, meeting_date, notes, created_at, created_by, "
                "updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*self._item_params(item), now, user, now, user),
            )
            new_id = int(cur.lastrowid or 0)
            stored = self._item_row(con, new_id)
            self._audit(con, user, "insert", "action_items", str(new_id), None, item_audit(stored))
        return new_id

    def update_action_item(self, item: ActionItem, *, user: str) -> None:
        """Replace the fields of an existing item; before and after go to the audit trail."""
        if item.id is None:
            raise NotFoundError("Punkten i handlingsplanen saknar id.")
        item.validate()
        with self._write() as con:
            before = self._item_row(con, item.id)
            con.execute(
                "UPDATE action_items SET title=?, actor=?, status=?, due_date=?, area_code=?, "
                "shape_wkt=?, intervention_id=?, meeting=?, meeting_date=?, notes=?, "
                "updated_at=?, updated_by=? WHERE id=?",
                (*self._item_params(item), _now(), user, item.id),
            )
            after = self._item_row(con, item.id)
            self._audit(
                con,
                user,
                "update",
                "action_items",
                str(item.id),
                item_audit(before),
                item_audit(after),
            )

    def action_item_history(self, item_id: int) -> pd.DataFrame:
        """The item's audit entries, oldest first, with before/after decoded."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT at, user, action, before, after FROM audit_log "
                "WHERE entity = 'action_items' AND entity_id = ? ORDER BY id",
                (str(item_id),),
            ).fetchall()
        return pd.DataFrame(
            [(a, u, act, _json(b), _json(af)) for a, u, act, b, af in rows],
            columns=["at", "user", "action", "before", "after"],
        )

    # -- saved views ---------------------------------------------------------------------
    def saved_views(self, *, area_code: str | None = None) -> list[SavedView]:
        """Saved views ordered by name (then id); with ``area_code`` only that area's."""
        sql = f"SELECT {VIEW_COLUMNS} FROM saved_views"
        params: tuple[str, ...] = ()
        if area_code is not None:
            sql += " WHERE area_code = ?"
            params = (area_code,)
        with self._connect() as con:
            rows = con.execute(sql + " ORDER BY name COLLATE NOCASE, id", params).fetchall()
        return [view_from_row(r) for r in rows]

    def get_saved_view(self, view_id: int) -> SavedView:
        """One saved view by id."""
        with self._connect() as con:
            row = con.execute(
                f"SELECT {VIEW_COLUMNS} FROM saved_views WHERE id = ?", (view_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"Den sparade vyn {view_id} finns inte.")
        return view_from_row(row)

    def add_saved_view(self, view: SavedView, *, user: str) -> int:
        """Validate and insert a view; returns its id."""
        problems = view.problems()
        if problems:
            raise ValidationError(problems, "Ogiltig vy")
        text = state_to_text(view)
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO saved_views (name, area_code, state, created_at, created_by) "
                "VALUES (?,?,?,?,?)",
                (view.name.strip(), view.area_code, text, _now(), user),
            )
            new_id = int(cur.lastrowid or 0)
            after = {"name": view.name.strip(), "area_code": view.area_code, "state": text}
            self._audit(con, user, "insert", "saved_views", str(new_id), None, after)
        return new_id

    def delete_saved_view(self, view_id: int, *, user: str) -> None:
        """Delete a view; agendas simply skip ids that no longer exist."""
        before = self.get_saved_view(view_id)
        with self._write() as con:
            con.execute("DELETE FROM saved_views WHERE id = ?", (view_id,))
            old = {"name": before.name, "area_code": before.area_code}
            self._audit(con, user, "delete", "saved_views", str(view_id), old, None)

    # -- agendas -------------------------------------------------------------------------
    def agendas(self) -> list[Agenda]:
        """Agendas ordered by name (then id)."""
        with self._connect() as con:
            rows = con.execute(
                f"SELECT {AGENDA_COLUMNS} FROM agendas ORDER BY name COLLATE NOCASE, id"
            ).fetchall()
        return [agenda_from_row(r) for r in rows]

    def get_agenda(self, agenda_id: int) -> Agenda:
        """One agenda by id."""
        with self._connect() as con:
            row = con.execute(
                f"SELECT {AGENDA_COLUMNS} FROM agendas WHERE id = ?", (agenda_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"Dagordningen {agenda_id} finns inte.")
        return agenda_from_row(row)

    def save_agenda(self, agenda: Agenda, *, user: str) -> int:
        """Insert or replace an agenda (every view id must exist)."""
        problems = agenda.problems()
        with self._connect() as con:
            known = {int(r[0]) for r in con.execute("SELECT id FROM saved_views").fetchall()}
        problems += [
            Problem(None, "view_ids", str(v), "okänd vy") for v in agenda.view_ids if v not in known
        ]
        if problems:
            raise ValidationError(problems, "Ogiltig dagordning")
        ids = json.dumps(list(agenda.view_ids))
        values = (agenda.name.strip(), agenda.area_code, ids, agenda.notes, _now(), user)
        after = {"name": agenda.name.strip(), "area_code": agenda.area_code, "view_ids": ids}
        with self._write() as con:
            if agenda.id is None:
                cur = con.execute(
                    "INSERT INTO agendas (name, area_code, view_ids, notes, updated_at, "
                    "updated_by) VALUES (?,?,?,?,?,?)",
                    values,
                )
                agenda_id = int(cur.lastrowid or 0)
                self._audit(con, user, "insert", "agendas", str(agenda_id), None, after)
                return agenda_id
            old = con.execute(
                f"SELECT {AGENDA_COLUMNS} FROM agendas WHERE id = ?", (agenda.id,)
            ).fetchone()
            if old is None:
                raise NotFoundError(f"Dagordningen {agenda.id} finns inte.")
            con.execute(
                "UPDATE agendas SET name=?, area_code=?, view_ids=?, notes=?, updated_at=?, "
                "updated_by=? WHERE id=?",
                (*values, agenda.id),
            )
            before = asdict(agenda_from_row(old))
            self._audit(con, user, "update", "agendas", str(agenda.id), before, after)
            return agenda.id


def _json(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else None
