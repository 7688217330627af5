"""The store's CRUD written once for both databases: audit, categories, incidents'
filters, interventions, remembered import mappings and user accounts (areas and the
indicator values on them: :mod:`est_geo.store.sql_areas`).

Why: :class:`~est_geo.store.gpkg.GeoPackageStore` and
:class:`~est_geo.store.postgis.PostGISStore` must accept, refuse and return the same
things (the contract tests run on both). Written once, a rule changed here changes for
both; what the databases really do differently is asked of the backend's
:class:`~est_geo.store.dialect.Dialect` (markers, row locks, "now", times and JSON as
text, geometry encoding) and of the hook ``_layer_changed`` (the GeoPackage keeps each
layer's extent in ``gpkg_contents``). Incidents stay in the backends: bulk loading
(COPY, a packed R*Tree) and the spatial push-down are what differs most.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from typing import Any, ClassVar, cast

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import NotFoundError, StoreError, keyed_error
from est_geo.core.model import (
    STORE_EPSG,
    CategoryTree,
    Intervention,
)
from est_geo.core.timeprofile import TimeProfile
from est_geo.store.base import (
    CONTEXT_EVENT_COLUMNS,
    ColumnRow,
    ImportResult,
    IncidentQuery,
    RememberedMapping,
    StoreInfo,
    UserRecord,
)
from est_geo.store.common import (
    check_count_keys,
    check_count_polygon,
    context_event_rows,
    counts_frame,
    distinct_texts,
    intervention_audit,
    intervention_from_row,
    interventions_frame,
    iso_text,
    merged_user,
    profile_from_cells,
    refuse_read_only,
    user_audit,
    user_change_audit,
    user_from_row,
    validate_context_events,
    validate_incidents,
)
from est_geo.store.dialect import json_value
from est_geo.store.schema import LAYERS
from est_geo.store.sql_areas import SQLAreasMixin

__all__ = ["SQLCoreMixin"]

_EVENT_FIELDS = (
    "source, source_id, occurred_at, type, category, name, summary, url, location_name, "
    "lat, lon, area_codes, batch_id"
)
#: A new random token per incident write: a counter could read the same again in a file
#: rebuilt and renamed by ``est-geo demo``, a token cannot. The token it replaces is kept
#: as ``data_version_prev``: a cache holding exactly that state may read only the rows
#: added since (:func:`est_geo.store.columns.incident_columns`).
_BUMP_DATA_VERSION = (
    "INSERT INTO est_meta (key, value) SELECT 'data_version_prev', value FROM est_meta "
    "WHERE key = 'data_version' ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "INSERT INTO est_meta (key, value) VALUES ('data_version', ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
)
_AUDIT_COLUMNS = ["id", "at", "user", "action", "entity", "entity_id", "before", "after"]
_IV_FIELDS = (
    "name, kind, status, owner_actor, start_date, end_date, description, public, cost, buffer_m"
)


def _wall_clock_text(t: pd.Timestamp) -> str:
    """A parsed time as stored: wall-clock ISO text to the second."""
    return t.strftime("%Y-%m-%dT%H:%M:%S")


class SQLCoreMixin(SQLAreasMixin):
    """Shared CRUD; a backend supplies ``_dialect`` and the hooks named above."""

    backend: ClassVar[str]
    #: Reads the schema version where it is not an ``est_meta`` key (PostgreSQL).
    _VERSION_SQL: ClassVar[str] = ""
    #: An incident's x, y and seconds since 1970 (:meth:`incident_column_chunks`).
    _XYT_SQL: ClassVar[str]
    #: What :meth:`data_stamp` reads: the token every incident write sets, the count of
    #: rows changed or deleted by any tool (kept by triggers, schema 8) and the highest
    #: fid, all from an index (no count(*), which would scan the table on every page run).
    _STAMP_PARTS: ClassVar[tuple[str, ...]] = (
        "(SELECT value FROM est_meta WHERE key = 'data_version')",
        "(SELECT value FROM est_meta WHERE key = 'incidents_edits')",
        "(SELECT max(fid) FROM incidents)",
    )
    read_only: bool

    def _shown_url(self) -> str:
        """The store's URL as shown to people (PostgreSQL: without the password)."""
        return str(getattr(self, "url", ""))

    def _validate_incidents(self, df: pd.DataFrame) -> pd.DataFrame:
        return validate_incidents(df, self.category_tree())

    # -- meta ----------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """All metadata, ``schema_version`` included."""
        with self._connect() as con:
            values = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM est_meta")}
            if self._VERSION_SQL:
                row = con.execute(self._VERSION_SQL).fetchone()
                values["schema_version"] = str(row[0] if row and row[0] is not None else 0)
        return values

    def set_meta(self, values: dict[str, str], *, user: str) -> None:
        """Set metadata keys; ``schema_version`` belongs to the migrations and is refused."""
        if "schema_version" in values:
            raise keyed_error(StoreError, "store.error.schema_version_fixed")
        with self._write() as con:
            rows = con.execute("SELECT key, value FROM est_meta" + self._dialect.row_lock)
            before = dict(rows.fetchall())
            self._many(
                con,
                "INSERT INTO est_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
            old = {k: before.get(k) for k in values}
            self._audit(con, user, "update", "meta", None, old, dict(values))

    def is_demo(self) -> bool:
        """True when the database holds the synthetic demo data."""
        return self.meta().get("demo") == "true"

    def info(self) -> StoreInfo:
        """Counts per table, version and CRS (the URL without a password)."""
        iso = self._dialect.iso_text
        with self._connect() as con:
            counts = {
                table: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table, _, _ in LAYERS
                if table != "est_meta"
            }
            lo, hi = con.execute(
                f"SELECT {iso.format('min(occurred_at)')}, {iso.format('max(occurred_at)')} "
                "FROM incidents"
            ).fetchone() or (None, None)
        meta = self.meta()
        return StoreInfo(
            url=self._shown_url(),
            backend=self.backend,
            schema_version=int(meta["schema_version"]),
            crs=f"EPSG:{STORE_EPSG}",
            counts=counts,
            demo=meta.get("demo") == "true",
            incident_range=(lo, hi),
            meta=meta,
        )

    def _record_batch(
        self, con: Any, result: ImportResult, sources: Iterable[str], user: str
    ) -> None:
        """The ``import_batches`` row and audit entry of an import."""
        self._run(
            con,
            "INSERT INTO import_batches (batch_id, source, at, username, rows_read, "
            f"rows_inserted, rows_duplicate) VALUES (?, ?, {self._dialect.now}, ?, ?, ?, ?)",
            (result.batch_id, ",".join(sorted(set(sources))), user, result.rows_read,
             result.inserted, result.duplicates),
        )  # fmt: skip

    # -- incidents -----------------------------------------------------------------------
    def add_incidents(
        self,
        incidents: pd.DataFrame,
        *,
        user: str,
        batch_id: str | None = None,
        remember: RememberedMapping | None = None,
    ) -> ImportResult:
        """Insert incidents in one transaction; existing (source, source_id) are skipped.

        ``remember`` (the mapping that read the file) is written in that transaction.
        How the rows travel is the backend's (:meth:`_load_incidents`).
        """
        refuse_read_only(self.read_only)
        df = self._validate_incidents(incidents)
        batch = batch_id or uuid.uuid4().hex[:12]
        n = len(df)
        with self._import_transaction(n) as con:
            inserted = self._load_incidents(con, df, batch)
            result = ImportResult(batch, n, inserted, n - inserted)
            self._record_batch(con, result, distinct_texts(df["source"]), user)
            self._audit(con, user, "import", "incidents", batch, None, result.__dict__)
            self._end_demo(con, user, "incidents")
            if inserted:
                self._run(con, _BUMP_DATA_VERSION[0])
                self._run(con, _BUMP_DATA_VERSION[1], (uuid.uuid4().hex,))
            if remember is not None:
                self._save_mapping(con, remember, user)
        return result

    def _import_transaction(self, rows: int) -> AbstractContextManager[Any]:
        """The write transaction of an import of ``rows`` incidents."""
        raise NotImplementedError

    def _load_incidents(self, con: Any, df: pd.DataFrame, batch_id: str) -> int:
        """Insert validated ``df``'s rows (existing (source, source_id) skipped); inserted."""
        raise NotImplementedError

    def counts_within(
        self,
        polygon: BaseGeometry,
        *,
        by: tuple[str, ...] = ("category",),
        query: IncidentQuery | None = None,
    ) -> pd.DataFrame:
        """Incidents covered by ``polygon`` per ``by`` (see :meth:`Store.counts_within`)."""
        keys = check_count_keys(by)
        rows = self._counted_within(check_count_polygon(polygon), keys, query or IncidentQuery())
        return counts_frame(rows, keys)

    def weekday_hour_profile(
        self, polygon: BaseGeometry | None = None, *, query: IncidentQuery | None = None
    ) -> TimeProfile:
        """Weekday × hour counts (see :meth:`Store.weekday_hour_profile`)."""
        if polygon is not None:
            check_count_polygon(polygon)
        rows = self._profile_rows(polygon, query or IncidentQuery())
        cells = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        return profile_from_cells(cells[:, 0] != 0, cells[:, 1], cells[:, 2], cells[:, 3])

    def _counted_within(
        self, polygon: BaseGeometry, keys: tuple[str, ...], query: IncidentQuery
    ) -> Iterable[tuple[Any, ...]]:
        """(*key values, count) of the incidents ``polygon`` covers."""
        raise NotImplementedError

    def _profile_rows(
        self, polygon: BaseGeometry | None, query: IncidentQuery
    ) -> list[tuple[int, int, int, int]]:
        """(has_time, weekday 0 = Monday, hour, count) of the matching incidents."""
        raise NotImplementedError

    # -- incident filters ----------------------------------------------------------------
    def _where(self, query: IncidentQuery) -> tuple[str, list[Any]]:
        """The ``WHERE`` of ``query`` (empty when it filters nothing) and its parameters.

        Period, categories and actors are the same SQL on both; the bounding box,
        weekdays and hours are asked of the backend (:meth:`_incident_filters`).
        """
        clauses: list[str] = []
        params: list[Any] = []
        for clause, bound in (("occurred_at >= ?", query.start), ("occurred_at < ?", query.end)):
            if bound is not None:
                clauses.append(clause)
                params.append(iso_text(bound))
        for column, values in (("category", query.categories), ("actor", query.actors)):
            if values is not None:
                clauses.append(
                    f"{column} IN ({','.join('?' * len(values))})" if values else "1 = 0"
                )
                params.extend(sorted(values))
        for clause, more in self._incident_filters(query):
            clauses.append(clause)
            params.extend(more)
        return self._q(" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def incidents(self, query: IncidentQuery | None = None) -> pd.DataFrame:
        """Incidents as a DataFrame (x/y in EPSG:3006, occurred_at as datetime64), by time."""
        query = query or IncidentQuery()
        where, params = self._where(query)
        cols = "fid, x, y, occurred_at, has_time, category, actor, precision, source, source_id"
        cols += ", batch_id, description" if query.with_text else ", batch_id"
        with self._connect() as con:
            cur = con.execute(
                f"SELECT {cols} FROM incidents{where} ORDER BY occurred_at, fid", params
            )
            frame = pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])
        times = frame["occurred_at"]
        text = len(times) > 0 and isinstance(times.iloc[0], str)  # sqlite3: ISO text
        frame["occurred_at"] = pd.to_datetime(times, format="ISO8601" if text else None)
        frame["has_time"] = frame["has_time"].astype(bool)
        frame[["x", "y"]] = frame[["x", "y"]].astype(float)
        return frame

    def count_incidents(self, query: IncidentQuery | None = None) -> int:
        """Count matching incidents in SQL (no rows transferred)."""
        where, params = self._where(query or IncidentQuery())
        with self._connect() as con:
            row = con.execute(f"SELECT count(*) FROM incidents{where}", params).fetchone()
        return int(row[0])

    def data_stamp(self) -> str:
        """Changes whenever the stored incidents change (see :meth:`Store.data_stamp`)."""
        with self._connect() as con:
            row = con.execute(f"SELECT {', '.join(self._STAMP_PARTS)}").fetchone()
        return ":".join("" if v is None else str(v) for v in row or ())

    def incident_column_chunks(
        self, *, after_fid: int | None = None, chunk_rows: int = 200_000
    ) -> Iterator[list[ColumnRow]]:
        """Incidents (those with fid > ``after_fid``) as :data:`ColumnRow` tuples, in chunks."""
        with self._connect() as con:
            cur = self._run(
                con,
                f"SELECT fid, {self._XYT_SQL}, has_time, category, actor, precision "
                "FROM incidents WHERE fid > ?",
                (-1 if after_fid is None else int(after_fid),),
            )
            while rows := cur.fetchmany(chunk_rows):
                yield cast(list[ColumnRow], rows)

    def _incident_filters(self, query: IncidentQuery) -> list[tuple[str, list[Any]]]:
        """The backend's clauses (``?`` markers) for bbox, weekdays and hours."""
        raise NotImplementedError

    # -- context events (Polisen) --------------------------------------------------------
    def add_context_events(
        self, events: pd.DataFrame, *, user: str, batch_id: str | None = None
    ) -> ImportResult:
        """Insert context events in one transaction; existing (source, source_id) skipped."""
        refuse_read_only(self.read_only)
        df, times = validate_context_events(events)
        batch = batch_id or uuid.uuid4().hex[:12]
        rows = context_event_rows(df, times, batch, _wall_clock_text)
        with self._write() as con:
            inserted = 0
            for row in rows:  # a few hundred a fetch: counted one by one on both drivers
                cur = self._run(
                    con,
                    f"INSERT INTO context_events ({_EVENT_FIELDS}) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (source, source_id) DO NOTHING",
                    row,
                )
                inserted += max(cur.rowcount, 0)
            result = ImportResult(batch, len(rows), inserted, len(rows) - inserted)
            self._record_batch(con, result, distinct_texts(df["source"]), user)
            self._audit(con, user, "import", "context_events", batch, None, result.__dict__)
            self._end_demo(con, user, "context_events")
        return result

    def context_events(
        self,
        *,
        start: datetime | date | None = None,
        end: datetime | date | None = None,
        area_codes: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Context events, newest first; ``area_codes`` as a tuple per row.

        PostgreSQL filters the areas in SQL, so a municipality's years of events are not
        pulled to find one area's; SQLite filters the rows it read.
        """
        clauses: list[str] = []
        params: list[Any] = []
        for clause, bound in (("occurred_at >= ?", start), ("occurred_at < ?", end)):
            if bound is not None:
                clauses.append(clause)
                params.append(iso_text(bound))
        any_code = self._dialect.json_any
        wanted = None if area_codes is None else [str(c) for c in area_codes]
        if wanted is not None and any_code is not None:
            clauses.append(any_code.format("area_codes"))
            params.append(wanted)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cols = ["fid", *CONTEXT_EVENT_COLUMNS, "batch_id"]
        with self._connect() as con:
            rows = self._run(
                con,
                f"SELECT {', '.join(cols)} FROM context_events{where} "
                "ORDER BY occurred_at DESC, fid DESC",
                params,
            ).fetchall()
        frame = pd.DataFrame(rows, columns=cols)
        frame["area_codes"] = [tuple(json_value(v)) for v in frame["area_codes"]]
        if wanted is not None and any_code is None:
            keep = [bool(set(wanted).intersection(v)) for v in frame["area_codes"]]
            frame = frame[keep].reset_index(drop=True)
        frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], format="ISO8601")
        frame[["lat", "lon"]] = frame[["lat", "lon"]].astype(float)
        return frame

    # -- audit ---------------------------------------------------------------------------
    def audit_log(self, *, limit: int = 1000) -> pd.DataFrame:
        """Newest first."""
        d = self._dialect
        with self._connect() as con:
            rows = self._run(
                con,
                f"SELECT id, {d.utc_text.format('at')}, username, action, entity, entity_id, "
                f"{d.json_text.format('before')}, {d.json_text.format('after')} FROM audit_log "
                "ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return pd.DataFrame(rows, columns=_AUDIT_COLUMNS)

    # -- categories ----------------------------------------------------------------------
    def category_tree(self) -> CategoryTree:
        """The stored category tree."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT key, name_sv, name_en, parent FROM categories ORDER BY sort"
            ).fetchall()
        return CategoryTree.from_records(rows) if rows else CategoryTree.default()

    def replace_categories(self, tree: CategoryTree, *, user: str) -> None:
        """Replace the category tree (all or nothing)."""
        with self._write() as con:
            before = con.execute("SELECT key FROM categories ORDER BY sort").fetchall()
            con.execute("DELETE FROM categories")
            self._many(
                con,
                "INSERT INTO categories (key, name_sv, name_en, parent, sort) VALUES (?,?,?,?,?)",
                [(c.key, c.name_sv, c.name_en, c.parent, i) for i, c in enumerate(tree.categories)],
            )
            after = {"keys": [c.key for c in tree.categories]}
            self._audit(
                con, user, "replace", "categories", None, {"keys": [r[0] for r in before]}, after
            )

    # -- interventions -------------------------------------------------------------------
    def _iv_select(self) -> str:
        geom_col = self._dialect.geom_column.format("geom")
        return f"SELECT fid, {_IV_FIELDS}, {geom_col} FROM interventions"

    def _iv_from_row(self, row: Sequence[Any]) -> Intervention:
        return intervention_from_row(row, self._dialect.decode_geom(row[11]))

    def _iv_params(self, iv: Intervention) -> tuple[Any, ...]:
        return (
            iv.name,
            iv.kind,
            iv.status,
            iv.owner_actor,
            iso_text(iv.start_date),
            iso_text(iv.end_date),
            iv.description,
            bool(iv.public),
            iv.cost,
            iv.buffer_m,
            self._dialect.encode_geom(iv.geometry),
        )

    def interventions(self) -> gpd.GeoDataFrame:
        """All interventions as a GeoDataFrame in EPSG:3006."""
        with self._connect() as con:
            rows = con.execute(self._iv_select() + " ORDER BY fid").fetchall()
        return interventions_frame([self._iv_from_row(r) for r in rows])

    def _intervention(self, con: Any, intervention_id: int, lock: str = "") -> Intervention:
        row = self._run(con, self._iv_select() + " WHERE fid = ?" + lock, (intervention_id,))
        found = row.fetchone()
        if found is None:
            raise keyed_error(NotFoundError, "store.error.no_intervention", id=intervention_id)
        return self._iv_from_row(found)

    def get_intervention(self, intervention_id: int) -> Intervention:
        """One intervention by id."""
        with self._connect() as con:
            return self._intervention(con, intervention_id)

    def add_intervention(self, intervention: Intervention, *, user: str) -> int:
        """Validate and insert; returns the new id."""
        intervention.validate()
        d = self._dialect
        with self._write() as con:
            row = self._run(
                con,
                f"INSERT INTO interventions ({_IV_FIELDS}, geom, created_at, updated_at) "
                f"VALUES (?,?,?,?,?,?,?,?,?,?,{d.geom_param},{d.now},{d.now}) RETURNING fid",
                self._iv_params(intervention),
            ).fetchone()
            new_id = int(row[0])
            after = intervention_audit(intervention) | {"id": new_id}
            self._audit(con, user, "insert", "interventions", str(new_id), None, after)
        return new_id

    def update_intervention(self, intervention: Intervention, *, user: str) -> None:
        """Replace an intervention's fields and geometry."""
        if intervention.id is None:
            raise keyed_error(NotFoundError, "store.error.intervention_no_id")
        intervention.validate()
        d = self._dialect
        with self._write() as con:
            old = self._intervention(con, intervention.id, d.row_lock)
            self._run(
                con,
                "UPDATE interventions SET name=?, kind=?, status=?, owner_actor=?, start_date=?, "
                "end_date=?, description=?, public=?, cost=?, buffer_m=?, "
                f"geom={d.geom_param}, updated_at={d.now} WHERE fid=?",
                (*self._iv_params(intervention), intervention.id),
            )
            new = intervention_audit(intervention)
            ident = str(intervention.id)
            self._audit(con, user, "update", "interventions", ident, intervention_audit(old), new)

    def delete_intervention(self, intervention_id: int, *, user: str) -> None:
        """Delete an intervention (kept in the audit trail)."""
        with self._write() as con:
            old = self._intervention(con, intervention_id, self._dialect.row_lock)
            self._run(con, "DELETE FROM interventions WHERE fid = ?", (intervention_id,))
            before = intervention_audit(old)
            self._audit(con, user, "delete", "interventions", str(intervention_id), before, None)

    # -- remembered import mappings ------------------------------------------------------
    def import_mapping(self, source: str, kind: str) -> dict[str, Any] | None:
        """The mapping remembered for (source, kind), or ``None``."""
        with self._connect() as con:
            row = self._run(
                con,
                "SELECT mapping FROM import_mappings WHERE source = ? AND kind = ?",
                (source, kind),
            ).fetchone()
        value = None if row is None else json_value(row[0])
        return value if isinstance(value, dict) else None

    def save_import_mapping(
        self, source: str, kind: str, mapping: dict[str, Any], *, user: str
    ) -> None:
        """Insert or replace the remembered mapping for (source, kind)."""
        with self._write() as con:
            self._save_mapping(con, RememberedMapping(source, kind, mapping), user)

    def _save_mapping(self, con: Any, saved: RememberedMapping, user: str) -> None:
        d = self._dialect
        source, kind = saved.source, saved.kind
        text = json.dumps(saved.mapping, ensure_ascii=False, sort_keys=True)
        old = self._run(
            con,
            f"SELECT mapping FROM import_mappings WHERE source = ? AND kind = ?{d.row_lock}",
            (source, kind),
        ).fetchone()
        self._run(
            con,
            "INSERT INTO import_mappings (source, kind, mapping, updated_at, username) "
            f"VALUES (?, ?, {d.json_param}, {d.now}, ?) ON CONFLICT (source, kind) DO UPDATE "
            "SET mapping = excluded.mapping, username = excluded.username, "
            "updated_at = excluded.updated_at",
            (source, kind, text, user),
        )
        before = json_value(old[0]) if old else None
        self._audit(
            con, user, "upsert", "import_mappings", f"{source}/{kind}", before, saved.mapping
        )

    # -- users (the UserStore protocol) --------------------------------------------------
    def _user_select(self) -> str:
        times = ", ".join(
            self._dialect.utc_text.format(c) for c in ("created_at", "updated_at", "last_login")
        )
        return f"SELECT username, role, display_name, password_hash, disabled, {times} FROM users"

    def users(self) -> list[UserRecord]:
        """Every account, ordered by username."""
        with self._connect() as con:
            rows = con.execute(self._user_select() + " ORDER BY username").fetchall()
        return [user_from_row(r) for r in rows]

    def get_user(self, username: str) -> UserRecord | None:
        """One account by exact username, or ``None``."""
        with self._connect() as con:
            row = self._run(con, self._user_select() + " WHERE username = ?", (username,))
            found = row.fetchone()
        return None if found is None else user_from_row(found)

    def add_user(self, record: UserRecord, *, user: str) -> None:
        """Insert a new account; a taken username is an error, not an overwrite."""
        now = self._dialect.now
        with self._write() as con:
            cur = self._run(
                con,
                "INSERT INTO users (username, role, display_name, password_hash, disabled, "
                f"created_at, updated_at) VALUES (?, ?, ?, ?, ?, {now}, {now}) "
                "ON CONFLICT (username) DO NOTHING",
                (record.username, record.role, record.display_name, record.password_hash,
                 bool(record.disabled)),
            )  # fmt: skip
            if cur.rowcount != 1:
                raise keyed_error(StoreError, "store.error.user_exists", username=record.username)
            self._audit(con, user, "insert", "users", record.username, None, user_audit(record))

    def update_user(
        self,
        username: str,
        *,
        user: str,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
        display_name: str | None = None,
    ) -> UserRecord:
        """Change the given fields of an account; the audit entry has before and after."""
        with self._write() as con:
            row = self._run(
                con,
                self._user_select() + " WHERE username = ?" + self._dialect.row_lock,
                (username,),
            ).fetchone()
            if row is None:
                raise keyed_error(NotFoundError, "store.error.no_user", username=username)
            before = user_from_row(row)
            after = merged_user(
                before,
                role=role,
                password_hash=password_hash,
                disabled=disabled,
                display_name=display_name,
            )
            self._run(
                con,
                "UPDATE users SET role=?, display_name=?, password_hash=?, disabled=?, "
                "updated_at=? WHERE username=?",
                (after.role, after.display_name, after.password_hash, bool(after.disabled),
                 after.updated_at, username),
            )  # fmt: skip
            old, new = user_change_audit(before, after, password_changed=password_hash is not None)
            self._audit(con, user, "update", "users", username, old, new)
        return after

    def record_login(self, username: str, *, success: bool, method: str) -> None:
        """Audit a login attempt; a success also sets ``last_login``.

        Failed attempts are kept so an administrator can see guessing in the audit trail.
        """
        with self._write() as con:
            if success:
                self._run(
                    con,
                    f"UPDATE users SET last_login = {self._dialect.now} WHERE username = ?",
                    (username,),
                )
            action = "login" if success else "login_failed"
            self._audit(con, username, action, "session", username, None, {"method": method})
