"""Storage of the meeting's own data: handlingsplan items, saved views and agendas.

Kept apart from the core :class:`~est_geo.store.base.Store` contract (like
``UserStore``) so each backend adds it as one piece: :class:`MeetingStore` is the
contract, :class:`SQLMeetingMixin` its one implementation, written once in the SQL both
databases understand. The two backends differ only in their
:class:`~est_geo.store.dialect.Dialect`: the parameter marker and row locking. Keeping
one implementation is what makes the two backends return identical items, views,
agendas and histories. The tables come with schema version 4 (``est_geo.store.schema``
and ``PG_MIGRATIONS``).

Every write runs in one transaction with its audit entry (entity ``action_items``,
``saved_views`` or ``agendas``; entity id = the row id), so the audit trail *is* an action
item's history. Saved view states are stored as their URL query string, the very text of
a link, so a view and its link can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any, Protocol, runtime_checkable
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from est_geo.core.errors import NotFoundError, Problem, ValidationError, keyed_error
from est_geo.core.model import ActionItem
from est_geo.core.views import Agenda, SavedView, decode_state, encode_state
from est_geo.store.base import Store
from est_geo.store.common import as_date
from est_geo.store.common import now_text as _now
from est_geo.store.sql_mixin import SQLMixin

__all__ = [
    "MeetingStore",
    "SQLMeetingMixin",
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


# -- backend-neutral conversions ----------------------------------------------------------
# The drivers hand back different Python types for the same column (sqlite3: ISO text;
# psycopg: date, aware datetime, parsed JSON). These functions accept both, so a row
# becomes the same object whichever database it came from.


def state_to_text(view: SavedView) -> str:
    """The stored form of a view's state: its link's query string."""
    return urlencode(encode_state(view.state))


def state_from_text(text: str) -> SavedView:
    """Inverse of :func:`state_to_text` (wrapped in a nameless view)."""
    return SavedView(name="", state=decode_state(dict(parse_qsl(text))))


def utc_text(value: datetime | str | None) -> str | None:
    """A stored time in the embedded store's text form ``YYYY-MM-DDTHH:MM:SSZ``.

    PostgreSQL's ``timestamptz`` arrives as an aware datetime; the embedded store keeps
    that very text. Both read back as the same string.
    """
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def json_value(value: object) -> Any:
    """A JSON column's value: text (sqlite3) is parsed, already-parsed values (psycopg) kept."""
    if isinstance(value, str | bytes):
        return json.loads(value) if value else None
    return value


def item_from_row(row: Sequence[Any]) -> ActionItem:
    """An :class:`ActionItem` from a row in :data:`ITEM_COLUMNS` order."""
    return ActionItem(
        id=int(row[0]),
        title=row[1],
        actor=row[2],
        status=row[3],
        due_date=as_date(row[4]),
        area_code=row[5],
        shape_wkt=row[6],
        intervention_id=None if row[7] is None else int(row[7]),
        meeting=row[8],
        meeting_date=as_date(row[9]),
        notes=row[10],
        created_at=utc_text(row[11]),
        created_by=row[12],
        updated_at=utc_text(row[13]),
        updated_by=row[14],
    )


def view_from_row(row: Sequence[Any]) -> SavedView:
    """A :class:`SavedView` from a row in :data:`VIEW_COLUMNS` order."""
    state = state_from_text(row[3]).state
    return SavedView(
        id=int(row[0]),
        name=row[1],
        area_code=row[2],
        state=state,
        created_at=utc_text(row[4]),
        created_by=row[5],
    )


def agenda_from_row(row: Sequence[Any]) -> Agenda:
    """An :class:`Agenda` from a row in :data:`AGENDA_COLUMNS` order."""
    return Agenda(
        id=int(row[0]),
        name=row[1],
        area_code=row[2],
        view_ids=tuple(int(v) for v in json_value(row[3]) or ()),
        notes=row[4],
        updated_at=utc_text(row[5]),
        updated_by=row[6],
    )


def item_audit(item: ActionItem) -> dict[str, Any]:
    """What the audit trail keeps of an item (all fields, dates as ISO text)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(item).items()}


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


_ASCII_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _by_name(name: str, row_id: int | None) -> tuple[str, int]:
    """Sort key of views and agendas: SQLite's ``COLLATE NOCASE`` (ASCII-only folding).

    Sorted in Python rather than SQL because PostgreSQL has no such collation and its
    ``lower()`` follows the server's locale; these lists are short.
    """
    return name.translate(_ASCII_FOLD), row_id or 0


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


class _Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class _Connection(Protocol):
    def execute(self, query: Any, params: Any = ..., /) -> Any: ...


class SQLMeetingMixin(SQLMixin):
    """:class:`MeetingStore` methods in SQL common to SQLite and PostgreSQL.

    Statements are written with ``?`` markers and passed through :meth:`_q`; values are
    ISO text (dates, times, JSON), which SQLite stores as is and PostgreSQL casts to the
    column's type. New ids come from ``RETURNING id`` (SQLite ≥ 3.35, PostgreSQL).
    """

    def _one(self, con: _Connection, statement: str, params: Sequence[Any]) -> Any:
        cur: _Cursor = con.execute(self._q(statement), params)
        return cur.fetchone()

    def _all(self, con: _Connection, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        cur: _Cursor = con.execute(self._q(statement), params)
        return cur.fetchall()

    def _new_id(self, con: _Connection, statement: str, params: Sequence[Any]) -> int:
        row = self._one(con, statement + " RETURNING id", params)
        return int(row[0])

    # -- handlingsplan -------------------------------------------------------------------
    def action_items(self, *, area_codes: Iterable[str] | None = None) -> list[ActionItem]:
        """Items by id, optionally only those of the given areas."""
        statement = f"SELECT {ITEM_COLUMNS} FROM action_items"
        params: list[str] = []
        if area_codes is not None:
            params = list(area_codes)
            if not params:
                return []
            statement += f" WHERE area_code IN ({','.join('?' * len(params))})"
        with self._connect() as con:
            rows = self._all(con, statement + " ORDER BY id", params)
        return [item_from_row(r) for r in rows]

    def _item_row(self, con: _Connection, item_id: int, *, lock: bool = False) -> ActionItem:
        row = self._one(
            con,
            f"SELECT {ITEM_COLUMNS} FROM action_items WHERE id = ?"
            + (self._dialect.row_lock if lock else ""),
            (item_id,),
        )
        if row is None:
            raise keyed_error(NotFoundError, "store.error.no_action_item", id=item_id)
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
            new_id = self._new_id(
                con,
                "INSERT INTO action_items (title, actor, status, due_date, area_code, shape_wkt, "
                "intervention_id, meeting, meeting_date, notes, created_at, created_by, "
                "updated_at, updated_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*_item_params(item), now, user, now, user),
            )
            stored = self._item_row(con, new_id)
            self._audit(con, user, "insert", "action_items", str(new_id), None, item_audit(stored))
        return new_id

    def update_action_item(self, item: ActionItem, *, user: str) -> None:
        """Replace the fields of an existing item; before and after go to the audit trail."""
        if item.id is None:
            raise keyed_error(NotFoundError, "store.error.action_item_no_id")
        item.validate()
        with self._write() as con:
            before = self._item_row(con, item.id, lock=True)
            con.execute(
                self._q(
                    "UPDATE action_items SET title=?, actor=?, status=?, due_date=?, "
                    "area_code=?, shape_wkt=?, intervention_id=?, meeting=?, meeting_date=?, "
                    "notes=?, updated_at=?, updated_by=? WHERE id=?"
                ),
                (*_item_params(item), _now(), user, item.id),
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
            rows = self._all(
                con,
                "SELECT at, username, action, before, after FROM audit_log "
                "WHERE entity = 'action_items' AND entity_id = ? ORDER BY id",
                (str(item_id),),
            )
        return pd.DataFrame(
            [(utc_text(a), u, act, _json_dict(b), _json_dict(af)) for a, u, act, b, af in rows],
            columns=["at", "user", "action", "before", "after"],
        )

    # -- saved views ---------------------------------------------------------------------
    def saved_views(self, *, area_code: str | None = None) -> list[SavedView]:
        """Saved views ordered by name (case-insensitively, then id); optionally one area's."""
        statement = f"SELECT {VIEW_COLUMNS} FROM saved_views"
        params: tuple[str, ...] = ()
        if area_code is not None:
            statement += " WHERE area_code = ?"
            params = (area_code,)
        with self._connect() as con:
            rows = self._all(con, statement, params)
        views = [view_from_row(r) for r in rows]
        return sorted(views, key=lambda v: _by_name(v.name, v.id))

    def get_saved_view(self, view_id: int) -> SavedView:
        """One saved view by id."""
        with self._connect() as con:
            row = self._one(con, f"SELECT {VIEW_COLUMNS} FROM saved_views WHERE id = ?", (view_id,))
        if row is None:
            raise keyed_error(NotFoundError, "store.error.no_view", id=view_id)
        return view_from_row(row)

    def add_saved_view(self, view: SavedView, *, user: str) -> int:
        """Validate and insert a view; returns its id."""
        problems = view.problems()
        if problems:
            raise ValidationError(problems, key="core.view.summary")
        text = state_to_text(view)
        with self._write() as con:
            new_id = self._new_id(
                con,
                "INSERT INTO saved_views (name, area_code, state, created_at, created_by) "
                "VALUES (?,?,?,?,?)",
                (view.name.strip(), view.area_code, text, _now(), user),
            )
            after = {"name": view.name.strip(), "area_code": view.area_code, "state": text}
            self._audit(con, user, "insert", "saved_views", str(new_id), None, after)
        return new_id

    def delete_saved_view(self, view_id: int, *, user: str) -> None:
        """Delete a view; agendas simply skip ids that no longer exist."""
        with self._write() as con:
            row = self._one(
                con,
                f"SELECT {VIEW_COLUMNS} FROM saved_views WHERE id = ?{self._dialect.row_lock}",
                (view_id,),
            )
            if row is None:
                raise keyed_error(NotFoundError, "store.error.no_view", id=view_id)
            before = view_from_row(row)
            con.execute(self._q("DELETE FROM saved_views WHERE id = ?"), (view_id,))
            old = {"name": before.name, "area_code": before.area_code}
            self._audit(con, user, "delete", "saved_views", str(view_id), old, None)

    # -- agendas -------------------------------------------------------------------------
    def agendas(self) -> list[Agenda]:
        """Agendas ordered by name (case-insensitively, then id)."""
        with self._connect() as con:
            rows = self._all(con, f"SELECT {AGENDA_COLUMNS} FROM agendas")
        return sorted((agenda_from_row(r) for r in rows), key=lambda a: _by_name(a.name, a.id))

    def get_agenda(self, agenda_id: int) -> Agenda:
        """One agenda by id."""
        with self._connect() as con:
            row = self._one(con, f"SELECT {AGENDA_COLUMNS} FROM agendas WHERE id = ?", (agenda_id,))
        if row is None:
            raise keyed_error(NotFoundError, "store.error.no_agenda", id=agenda_id)
        return agenda_from_row(row)

    def save_agenda(self, agenda: Agenda, *, user: str) -> int:
        """Insert or replace an agenda (every view id must exist)."""
        problems = agenda.problems()
        with self._connect() as con:
            known = {int(r[0]) for r in self._all(con, "SELECT id FROM saved_views")}
        problems += [
            Problem.keyed(None, "view_ids", str(v), "store.problem.unknown_view")
            for v in agenda.view_ids
            if v not in known
        ]
        if problems:
            raise ValidationError(problems, key="store.invalid.agenda")
        ids = json.dumps(list(agenda.view_ids))
        values = (agenda.name.strip(), agenda.area_code, ids, agenda.notes, _now(), user)
        after = {"name": agenda.name.strip(), "area_code": agenda.area_code, "view_ids": ids}
        with self._write() as con:
            if agenda.id is None:
                agenda_id = self._new_id(
                    con,
                    "INSERT INTO agendas (name, area_code, view_ids, notes, updated_at, "
                    "updated_by) VALUES (?,?,?,?,?,?)",
                    values,
                )
                self._audit(con, user, "insert", "agendas", str(agenda_id), None, after)
                return agenda_id
            old = self._one(
                con,
                f"SELECT {AGENDA_COLUMNS} FROM agendas WHERE id = ?{self._dialect.row_lock}",
                (agenda.id,),
            )
            if old is None:
                raise keyed_error(NotFoundError, "store.error.no_agenda", id=agenda.id)
            con.execute(
                self._q(
                    "UPDATE agendas SET name=?, area_code=?, view_ids=?, notes=?, updated_at=?, "
                    "updated_by=? WHERE id=?"
                ),
                (*values, agenda.id),
            )
            before = asdict(agenda_from_row(old))
            self._audit(con, user, "update", "agendas", str(agenda.id), before, after)
            return agenda.id


def _json_dict(value: object) -> dict[str, Any] | None:
    parsed = json_value(value)
    return parsed if isinstance(parsed, dict) else None
