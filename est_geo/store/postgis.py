"""Shared store: PostgreSQL + PostGIS, for a whole municipality and many app instances.

The same :class:`~est_geo.store.base.Store` contract as the embedded GeoPackage store
(:mod:`est_geo.store.gpkg`, the reference behaviour): same frames, same ordering, same
error classes. What differs is what a server makes possible and necessary:

* **Geometry is checked by the database too.** Columns are typed
  (``geometry(MultiPolygon, 3006)`` …) so a wrong SRID or type cannot be written even by
  hand-written SQL, and areas carry ``CHECK (ST_IsValid(geom))``. GiST indexes serve
  bounding-box and polygon queries.
* **Connections come from a pool** (``psycopg_pool``): Streamlit serves every browser
  session from its own thread, and opening a TLS connection per query would cost more
  than most queries. Every connection gets a ``statement_timeout`` so one runaway query
  cannot hold a replica, and ``idle_in_transaction_session_timeout`` so a crashed client
  cannot hold locks.
* **Read-only is decided where the connection is opened**: ``read_only=True`` sets
  ``default_transaction_read_only=on`` for every pooled connection. A public instance
  should in addition log in as the SELECT-only role made by :func:`create_readonly_role`,
  so even a bug that turned read-only off could not write.
* **Migrations** are applied under an advisory lock, so several replicas starting at
  once upgrade the database exactly once. :data:`PG_MIGRATIONS` mirrors
  :data:`est_geo.store.schema.MIGRATIONS` step by step (a contract test fails when one
  backend gains a schema version the other lacks).
* **Bulk imports use COPY** into a temporary staging table, then one
  ``INSERT … ON CONFLICT DO NOTHING`` deduplicates on ``(source, source_id)``, so
  concurrent imports of overlapping files neither fail nor duplicate rows.

Only bound parameters carry values into SQL. Identifiers (table names from a constant
list, a role name) are composed with :mod:`psycopg.sql`, and the one place where the
server cannot take a parameter (a role's password in ``CREATE ROLE``) uses
:class:`psycopg.sql.Literal`, which quotes on the client.
"""

from __future__ import annotations

import atexit
import json
import re
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, ClassVar, Final, cast

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from numpy.typing import NDArray
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import ConnectionPool, PoolTimeout
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    NotFoundError,
    Problem,
    ReadOnlyError,
    SchemaVersionError,
    StoreError,
    ValidationError,
)
from est_geo.core.model import STORE_EPSG, CategoryTree, IndicatorDefinition, Intervention
from est_geo.hotspots.timeprofile import TimeProfile
from est_geo.store import is_postgres_url
from est_geo.store.area_keys import SQLAreaKeyMixin
from est_geo.store.area_versions import replacement_rows
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
    READ_ONLY_MESSAGE,
    area_rows,
    audit_json,
    check_count_keys,
    check_count_polygon,
    context_event_rows,
    counts_frame,
    indicator_value_rows,
    intervention_audit,
    intervention_from_row,
    interventions_frame,
    merged_user,
    now_text,
    profile_from_cells,
    refuse_read_only,
    usable_areas,
    user_audit,
    user_change_audit,
    user_from_row,
    validate_context_events,
    validate_incidents,
)
from est_geo.store.demo_mode import DemoModeMixin
from est_geo.store.login_throttle import LoginThrottleMixin
from est_geo.store.meeting import PostGISMeetingMixin
from est_geo.store.schema import LAYERS, SCHEMA_VERSION

__all__ = [
    "EST_TABLES",
    "PG_MIGRATIONS",
    "PG_SCHEMA_V1",
    "PostGISStore",
    "create_readonly_role",
    "drop_est_tables",
    "existing_est_tables",
    "redact_url",
]

Row = tuple[Any, ...]
Connection = psycopg.Connection[Row]

#: Defaults; a deployment can pass others to :meth:`PostGISStore.open`.
DEFAULT_STATEMENT_TIMEOUT_MS: Final = 30_000
DEFAULT_POOL_SIZE: Final = 10
#: Bulk imports are deliberate, rare and big (a year of reports): they get their own,
#: longer limit instead of the interactive statement timeout.
IMPORT_TIMEOUT_MS: Final = 15 * 60_000
_CONNECT_TIMEOUT_S: Final = 10
_IDLE_IN_TRANSACTION_MS: Final = 60_000
_LOCK_TIMEOUT_MS: Final = 30_000
#: Key of the advisory lock that serialises schema creation and migrations.
_SCHEMA_LOCK: Final = 0x4553_5447  # "ESTG"

#: Version 1 of the schema. Column names follow the embedded store except ``username``
#: (``user`` is a reserved word in PostgreSQL: ``SELECT user FROM audit_log`` would
#: silently return the current role), and x/y live only in the point geometry.
PG_SCHEMA_V1: Final[tuple[str, ...]] = (
    """CREATE TABLE est_schema_version (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now(),
         applied_by text NOT NULL DEFAULT current_user)""",
    "CREATE TABLE est_meta (key text PRIMARY KEY, value text NOT NULL)",
    f"""CREATE TABLE areas (
         fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
         geom geometry(MultiPolygon, {STORE_EPSG}) NOT NULL
           CONSTRAINT areas_geom_valid CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
         code text NOT NULL UNIQUE CONSTRAINT areas_code_nonempty CHECK (code <> ''),
         name text NOT NULL, level text NOT NULL, parent_code text)""",
    "CREATE INDEX areas_geom_gist ON areas USING gist (geom)",
    f"""CREATE TABLE incidents (
         fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
         geom geometry(Point, {STORE_EPSG}) NOT NULL
           CONSTRAINT incidents_geom_finite CHECK (NOT ST_IsEmpty(geom) AND ST_IsValid(geom)),
         occurred_at timestamp(0) NOT NULL, has_time boolean NOT NULL,
         category text NOT NULL, actor text NOT NULL, precision text NOT NULL,
         description text, source text NOT NULL, source_id text NOT NULL,
         batch_id text NOT NULL,
         CONSTRAINT incidents_source_key UNIQUE (source, source_id))""",
    "CREATE INDEX incidents_geom_gist ON incidents USING gist (geom)",
    "CREATE INDEX incidents_time ON incidents (occurred_at, fid)",
    f"""CREATE TABLE interventions (
         fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
         geom geometry(Geometry, {STORE_EPSG}) NOT NULL
           CONSTRAINT interventions_geom_nonempty CHECK (NOT ST_IsEmpty(geom)),
         name text NOT NULL, kind text NOT NULL, status text NOT NULL,
         owner_actor text NOT NULL, start_date date, end_date date,
         description text NOT NULL DEFAULT '', public boolean NOT NULL DEFAULT false,
         cost double precision CONSTRAINT interventions_cost CHECK (cost >= 0),
         buffer_m double precision NOT NULL DEFAULT 50
           CONSTRAINT interventions_buffer CHECK (buffer_m >= 0),
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT interventions_dates CHECK (end_date >= start_date))""",
    "CREATE INDEX interventions_geom_gist ON interventions USING gist (geom)",
    """CREATE TABLE categories (
         key text PRIMARY KEY, name_sv text NOT NULL, name_en text NOT NULL, parent text,
         sort integer NOT NULL)""",
    """CREATE TABLE indicator_definitions (
         key text PRIMARY KEY, name_sv text NOT NULL, name_en text NOT NULL,
         unit text NOT NULL, higher_is_better boolean NOT NULL, source text NOT NULL,
         area_level text NOT NULL, notes text NOT NULL DEFAULT '',
         ord bigint GENERATED ALWAYS AS IDENTITY)""",
    """CREATE TABLE indicator_values (
         indicator_key text NOT NULL REFERENCES indicator_definitions(key),
         area_code text NOT NULL, period text NOT NULL,
         value double precision NOT NULL, n double precision,
         PRIMARY KEY (indicator_key, area_code, period))""",
    """CREATE TABLE import_batches (
         batch_id text PRIMARY KEY, source text NOT NULL,
         at timestamptz NOT NULL DEFAULT now(), username text NOT NULL,
         rows_read integer NOT NULL, rows_inserted integer NOT NULL,
         rows_duplicate integer NOT NULL)""",
    """CREATE TABLE audit_log (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         at timestamptz NOT NULL DEFAULT now(), username text NOT NULL,
         action text NOT NULL, entity text NOT NULL, entity_id text,
         before json, after json)""",
)

#: Version 1 → 2: local user accounts (mirrors the embedded store's ``users``). Times are
#: ``timestamptz`` here and come back in the embedded store's text form.
_PG_USERS_V2: Final[tuple[str, ...]] = (
    """CREATE TABLE users (
         username text PRIMARY KEY, display_name text NOT NULL DEFAULT '',
         role text NOT NULL, password_hash text, disabled boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now(),
         updated_at timestamptz NOT NULL DEFAULT now(), last_login timestamptz)""",
)

#: Version 2 → 3: Polisen's events as a context layer (no geometry on purpose: their
#: position is a municipality's centre) and import mappings per (source, kind).
_PG_IO_V3: Final[tuple[str, ...]] = (
    """CREATE TABLE context_events (
         fid bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
         source text NOT NULL, source_id text NOT NULL, occurred_at timestamp(0) NOT NULL,
         type text NOT NULL, category text, name text NOT NULL, summary text NOT NULL,
         url text, location_name text NOT NULL, lat double precision, lon double precision,
         area_codes jsonb NOT NULL DEFAULT '[]', batch_id text NOT NULL,
         CONSTRAINT context_events_source_key UNIQUE (source, source_id))""",
    "CREATE INDEX context_events_time ON context_events (occurred_at)",
    """CREATE TABLE import_mappings (
         source text NOT NULL, kind text NOT NULL, mapping json NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(), username text NOT NULL,
         PRIMARY KEY (source, kind))""",
)

#: Version 3 → 4: the meeting's own data: the action plan (handlingsplan), saved views
#: and agendas (see the embedded schema for the meaning of each column).
_PG_MEETING_V4: Final[tuple[str, ...]] = (
    """CREATE TABLE action_items (
         id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, title text NOT NULL,
         actor text NOT NULL, status text NOT NULL, due_date date, area_code text,
         shape_wkt text, intervention_id bigint, meeting text NOT NULL DEFAULT '',
         meeting_date date, notes text NOT NULL DEFAULT '',
         created_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL,
         updated_at timestamptz NOT NULL DEFAULT now(), updated_by text NOT NULL)""",
    "CREATE INDEX action_items_area ON action_items (area_code)",
    """CREATE TABLE saved_views (
         id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL,
         area_code text, state text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL)""",
    """CREATE TABLE agendas (
         id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, name text NOT NULL,
         area_code text, view_ids jsonb NOT NULL DEFAULT '[]', notes text NOT NULL DEFAULT '',
         updated_at timestamptz NOT NULL DEFAULT now(), updated_by text NOT NULL)""",
)

#: Side in metres of the cells :data:`_PG_GRID_V5` keeps counts for. Grids whose cell is
#: this times a power of two are summed from it exactly: ``floor(x / (100 * 2**j))`` equals
#: ``floor(x / 100) >> j`` in IEEE doubles, because dividing by a power of two is exact.
SUMMARY_CELL: Final = 100

#: Version 4 → 5: what makes the municipality-wide hotspot grid fast on 10⁷ incidents
#: (the embedded store's step 4 → 5 changes nothing: it already stores x/y). ``x``/``y``
#: are stored copies of the point's coordinates (the very doubles ``ST_X``/``ST_Y``
#: return, so ``floor(x / cell)`` equals the embedded store's), covered by an index on
#: time, so a grid over a period is an index-only scan instead of decoding every
#: geometry. ``incident_cells`` counts incidents per category and 100 m cell over all
#: time; statement-level triggers keep it in the writing transaction (it cannot drift
#: from ``incidents``), and a grid over all time, or over most of it, is summed from it
#: (minus the few rows outside the period). Existing rows are counted once here.
_PG_GRID_V5: Final[tuple[str, ...]] = (
    """ALTER TABLE incidents
         ADD COLUMN IF NOT EXISTS x double precision GENERATED ALWAYS AS (ST_X(geom)) STORED,
         ADD COLUMN IF NOT EXISTS y double precision GENERATED ALWAYS AS (ST_Y(geom)) STORED""",
    "CREATE INDEX IF NOT EXISTS incidents_time_xy ON incidents (occurred_at) "
    "INCLUDE (category, x, y)",
    """CREATE TABLE incident_cells (
         category text NOT NULL, cx integer NOT NULL, cy integer NOT NULL,
         n bigint NOT NULL CONSTRAINT incident_cells_n CHECK (n >= 0),
         PRIMARY KEY (category, cx, cy))""",
    f"""CREATE OR REPLACE FUNCTION est_incident_cells_sync() RETURNS trigger
       LANGUAGE plpgsql AS $fn$
       BEGIN
         -- Keys are upserted in sorted order so concurrent imports lock cells in the
         -- same order and cannot deadlock on each other.
         -- A removed row's cell is always there (its insert counted it); n >= 0 makes
         -- any drift fail the write instead of going unnoticed.
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           UPDATE incident_cells AS c SET n = c.n - o.n
             FROM (SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer AS cx,
                          floor(ST_Y(geom) / {SUMMARY_CELL})::integer AS cy, count(*) AS n
                   FROM old_rows GROUP BY 1, 2, 3) AS o
             WHERE (c.category, c.cx, c.cy) = (o.category, o.cx, o.cy);
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO incident_cells AS c (category, cx, cy, n)
             SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer,
                    floor(ST_Y(geom) / {SUMMARY_CELL})::integer, count(*)
             FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
             ON CONFLICT (category, cx, cy) DO UPDATE SET n = c.n + excluded.n;
         END IF;
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           DELETE FROM incident_cells AS c USING old_rows AS o
             WHERE c.n = 0 AND c.category = o.category
               AND c.cx = floor(ST_X(o.geom) / {SUMMARY_CELL})::integer
               AND c.cy = floor(ST_Y(o.geom) / {SUMMARY_CELL})::integer;
         END IF;
         RETURN NULL;
       END
       $fn$""",
    "DROP TRIGGER IF EXISTS incidents_cells_insert ON incidents",
    "CREATE TRIGGER incidents_cells_insert AFTER INSERT ON incidents "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "DROP TRIGGER IF EXISTS incidents_cells_delete ON incidents",
    "CREATE TRIGGER incidents_cells_delete AFTER DELETE ON incidents "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "DROP TRIGGER IF EXISTS incidents_cells_update ON incidents",
    "CREATE TRIGGER incidents_cells_update AFTER UPDATE ON incidents "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "TRUNCATE incident_cells",
    f"""INSERT INTO incident_cells (category, cx, cy, n)
         SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer,
                floor(ST_Y(geom) / {SUMMARY_CELL})::integer, count(*)
         FROM incidents GROUP BY 1, 2, 3""",
)

#: Version 5 → 6: code keys between area levels (see ``est_geo.store.schema``); public
#: data, in :data:`READABLE_TABLES` (granted by :data:`_GRANT_READABLE` on upgrade).
_PG_AREA_KEYS_V6: Final[tuple[str, ...]] = (
    """CREATE TABLE area_keys (
         child_level text NOT NULL, child_code text NOT NULL, parent_level text NOT NULL,
         parent_code text NOT NULL, parent_name text NOT NULL DEFAULT '',
         PRIMARY KEY (child_level, child_code, parent_level))""",
)

#: Run after every upgrade: each table of :data:`READABLE_TABLES` is granted to every role
#: that may already read ``areas`` (the public site's role of :func:`create_readonly_role`),
#: so a public site keeps working through an upgrade that adds a table it reads (e.g.
#: ``area_keys`` in version 6) instead of failing on a missing grant. ``users`` is never
#: in that list. The migrating role owns the tables, so it may grant them.
_GRANT_READABLE: Final = """DO $$ DECLARE r record; tbl text; BEGIN
  FOR r IN SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
           JOIN pg_tables t ON t.tablename = g.table_name AND t.schemaname = g.table_schema
           WHERE g.table_name = 'areas' AND g.privilege_type = 'SELECT'
             AND g.table_schema = current_schema()
             AND g.grantee <> t.tableowner AND g.grantee <> 'PUBLIC'
  LOOP
    FOREACH tbl IN ARRAY {tables}::text[] LOOP
      EXECUTE format('GRANT SELECT ON %I TO %I', tbl, r.grantee);
    END LOOP;
  END LOOP;
END $$"""

#: PG_MIGRATIONS[v] upgrades a PostGIS database at schema version v to v + 1; one entry
#: per entry of :data:`est_geo.store.schema.MIGRATIONS` (same numbering, same meaning).
#: A fresh database is created at version 1 and runs every step, like the embedded one.
#: Version 6 → 7: the GeoPackage gained an R*Tree for its incidents; PostGIS has had its
#: GiST index (``incidents_geom_gist``) from the start, which the scope queries use through
#: ``ST_Covers``. What the step adds here is fresh planner statistics.
_PG_STATS_V7: Final[tuple[str, ...]] = ("ANALYZE incidents",)

#: Version 7 → 8: any UPDATE, DELETE or TRUNCATE of incidents, by whatever tool, counts
#: in ``est_meta.incidents_edits``, which :meth:`PostGISStore.data_stamp` reads (see
#: ``est_geo.store.schema._INCIDENTS_EDITS_V8``). One count per statement.
_PG_EDITS_V8: Final[tuple[str, ...]] = (
    "INSERT INTO est_meta VALUES ('incidents_edits', '0') ON CONFLICT (key) DO NOTHING",
    """CREATE OR REPLACE FUNCTION est_incidents_edited() RETURNS trigger
       LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE est_meta SET value = (value::bigint + 1)::text WHERE key = 'incidents_edits';
  RETURN NULL;
END $fn$""",
    "DROP TRIGGER IF EXISTS incidents_edits ON incidents",
    "CREATE TRIGGER incidents_edits AFTER UPDATE OR DELETE OR TRUNCATE ON incidents "
    "FOR EACH STATEMENT EXECUTE FUNCTION est_incidents_edited()",
)

PG_MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    1: _PG_USERS_V2,
    2: _PG_IO_V3,
    3: _PG_MEETING_V4,
    4: _PG_GRID_V5,
    5: _PG_AREA_KEYS_V6,
    6: _PG_STATS_V7,
    7: _PG_EDITS_V8,
}

#: Every table EST Geo creates, read from the schema statements themselves, so a table
#: added by a later migration is covered without a second list to keep in step. These
#: and only these are dropped by :func:`drop_est_tables` (``est-geo demo --replace``).
EST_TABLES: Final[tuple[str, ...]] = tuple(
    dict.fromkeys(
        re.findall(
            r"CREATE TABLE (\w+)",
            "\n".join((*PG_SCHEMA_V1, *(s for step in PG_MIGRATIONS.values() for s in step))),
        )
    )
)
#: Tables a new, empty EST Geo database already fills (schema version, metadata, the
#: default category tree, the audit entry of creating it); rows anywhere else are data.
_BOOKKEEPING_TABLES: Final = frozenset(
    {"est_schema_version", "est_meta", "categories", "audit_log", "import_batches"}
)

#: Tables the SELECT-only role may read. An allow-list, not "all tables": ``users``
#: holds password hashes, and a table added by a later migration stays private until
#: it is listed here and :func:`create_readonly_role` is run again.
READABLE_TABLES: Final[tuple[str, ...]] = (
    "est_schema_version",
    "est_meta",
    "areas",
    "incidents",
    "interventions",
    "categories",
    "indicator_definitions",
    "indicator_values",
    "import_batches",
    "audit_log",
    "context_events",
    "incident_cells",
    "area_keys",
)

_AUDIT_SQL = (
    "INSERT INTO audit_log (username, action, entity, entity_id, before, after) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
_ISO_SECONDS = 'YYYY-MM-DD"T"HH24:MI:SS'
_UTC_TEXT = "to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"


def redact_url(url: str) -> str:
    """``url`` without its password, for messages and ``est-geo info``."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return url.split("://", 1)[0] + "://…"
    host = params.get("host", "")
    port = params.get("port")
    user = params.get("user")
    where = f"{host}:{port}" if port else str(host)
    who = f"{user}@" if user else ""
    return f"postgresql://{who}{where}/{params.get('dbname', '')}"


#: A new random token per incident write (see :meth:`PostGISStore.data_stamp`).
#: The token it replaces is kept as ``data_version_prev``: a cache holding exactly that
#: state may read only the rows added since (:func:`est_geo.store.columns.incident_columns`).
_BUMP_DATA_VERSION: Final = (
    "INSERT INTO est_meta SELECT 'data_version_prev', value FROM est_meta "
    "WHERE key = 'data_version' ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    "INSERT INTO est_meta VALUES ('data_version', %s) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
)


def _naive(value: date | datetime | None) -> date | datetime | None:
    # The stored times are local wall-clock times without zone (as in the embedded store).
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


#: One pool per connection string and process, shared by every store object for it.
#: Held here, not by the store objects, so a pool is never garbage-collected in one of
#: its own worker threads (psycopg_pool cannot join itself there); closed at exit.
_POOLS: dict[str, ConnectionPool[Connection]] = {}
_POOLS_LOCK = threading.Lock()


def _shared_pool(conninfo: str, size: int, label: str) -> ConnectionPool[Connection]:
    with _POOLS_LOCK:
        pool = _POOLS.get(conninfo)
        if pool is None or pool.closed:
            pool = ConnectionPool(
                conninfo,
                min_size=1,
                max_size=size,
                open=True,
                timeout=30.0,
                name=f"est-geo-{label}",
            )
            _POOLS[conninfo] = pool
        return pool


def _close_pool(conninfo: str) -> None:
    with _POOLS_LOCK:
        pool = _POOLS.pop(conninfo, None)
    if pool is not None:
        pool.close()


@atexit.register
def close_all_pools() -> None:
    """Close every pool (at interpreter exit, and for tests that drop databases)."""
    with _POOLS_LOCK:
        pools = list(_POOLS.values())
        _POOLS.clear()
    for pool in pools:
        pool.close()


class PostGISStore(PostGISMeetingMixin, SQLAreaKeyMixin, DemoModeMixin, LoginThrottleMixin):
    """The shared backend. Open with :func:`est_geo.store.open_store` (``postgresql://…``)."""

    backend = "postgis"
    #: Serialises login attempt count-and-record across connections and replicas.
    _LOGIN_LOCK: ClassVar[str] = "SELECT pg_advisory_xact_lock(7305741455101342001)"
    _TEXT_TIMES: ClassVar[bool] = False

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> None:
        if not is_postgres_url(url):
            raise StoreError(f"'{redact_url(url)}' är ingen PostgreSQL-adress (postgresql://…).")
        if statement_timeout_ms <= 0 or pool_size <= 0:
            raise StoreError("statement_timeout_ms och pool_size måste vara positiva.")
        self.url = url
        self.read_only = read_only
        self.statement_timeout_ms = statement_timeout_ms
        self.pool_size = pool_size
        #: Set only inside :meth:`one_transaction`: every query then uses this connection.
        self._pinned: Connection | None = None

    # -- connections ---------------------------------------------------------------------
    def connect_kwargs(self) -> dict[str, Any]:
        """libpq parameters every connection of this store is opened with.

        Server options from the URL's own ``options`` are kept and ours appended, so a
        deployment can still set e.g. ``search_path`` there.
        """
        params = conninfo_to_dict(self.url)
        settings = [
            f"-c statement_timeout={self.statement_timeout_ms}",
            f"-c lock_timeout={_LOCK_TIMEOUT_MS}",
            f"-c idle_in_transaction_session_timeout={_IDLE_IN_TRANSACTION_MS}",
        ]
        if self.read_only:
            settings.append("-c default_transaction_read_only=on")
        options = " ".join([str(params.get("options", "")), *settings]).strip()
        return {
            "options": options,
            "application_name": params.get("application_name", "est-geo"),
            "connect_timeout": params.get("connect_timeout", _CONNECT_TIMEOUT_S),
        }

    def _conninfo(self) -> str:
        return make_conninfo(self.url, **self.connect_kwargs())

    def _pool(self) -> ConnectionPool[Connection]:
        return _shared_pool(self._conninfo(), self.pool_size, redact_url(self.url))

    def close(self) -> None:
        """Close the connections to this database (the store reopens on next use)."""
        _close_pool(self._conninfo())

    def __enter__(self) -> PostGISStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn driver errors a user can cause into EST Geo's errors."""
        try:
            yield
        except (pg_errors.ReadOnlySqlTransaction, pg_errors.InsufficientPrivilege) as exc:
            raise ReadOnlyError(
                "Databasen tillåter inte ändringar för denna anslutning "
                f"({exc.diag.message_primary})."
            ) from exc
        except pg_errors.QueryCanceled as exc:
            raise StoreError(
                f"Databasfrågan avbröts efter {self.statement_timeout_ms / 1000:g} s "
                "(statement_timeout). Begränsa urvalet och försök igen."
            ) from exc
        except pg_errors.IntegrityError as exc:
            raise ValidationError(
                [Problem(None, exc.diag.constraint_name or "", "", exc.diag.message_primary or "")],
                "Databasen vägrade skriva",
            ) from exc
        except PoolTimeout as exc:
            raise StoreError(
                f"Ingen ledig anslutning till {redact_url(self.url)} inom 30 s ({exc})."
            ) from exc
        except psycopg.OperationalError as exc:
            raise StoreError(f"Databasen {redact_url(self.url)} kan inte nås: {exc}") from exc

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A pooled connection; its transaction is committed when the block succeeds.

        Inside :meth:`one_transaction` it is that transaction's connection instead (and
        a write's ``con.transaction()`` becomes a savepoint in it).
        """
        if self._pinned is not None:
            with self._errors():
                yield self._pinned
            return
        with self._errors(), self._pool().connection() as con:
            yield con

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: commit on success, roll back on any error."""
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        with self._connect() as con, con.transaction():
            yield con

    @staticmethod
    def _audit(
        con: Connection,
        user: str,
        action: str,
        entity: str,
        entity_id: str | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        con.execute(
            _AUDIT_SQL, (user, action, entity, entity_id, audit_json(before), audit_json(after))
        )

    # -- lifecycle -----------------------------------------------------------------------
    @classmethod
    def _direct(cls, url: str, *, read_only: bool = False) -> Connection:
        """One unpooled connection, with connection failures turned into clear errors."""
        probe = cls(url, read_only=read_only)
        try:
            return psycopg.connect(probe._conninfo(), autocommit=True)
        except psycopg.OperationalError as exc:
            text = str(exc)
            if exc.sqlstate == "3D000" or ("database" in text and "does not exist" in text):
                raise DatabaseMissingError(
                    f"Databasen {redact_url(url)} finns inte. Be databasadministratören skapa "
                    "den (CREATE DATABASE) och kör sedan `est-geo demo --db …` eller "
                    "create_store()."
                ) from exc
            raise StoreError(f"Kan inte ansluta till {redact_url(url)}: {text.strip()}") from exc

    @classmethod
    def create(
        cls,
        url: str,
        *,
        categories: CategoryTree | None = None,
        statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> PostGISStore:
        """Create EST Geo's schema in an existing, empty database; refuses to overwrite.

        The database itself is created by its administrator (it carries ownership,
        encoding and backups that are theirs to decide). PostGIS is enabled here if it
        is not yet: that needs the right to CREATE EXTENSION (a superuser, or the
        database owner on PostgreSQL 13+ with a trusted extension).
        """
        con = cls._direct(url)
        try:
            with con.transaction():
                cls._create_schema(con, url)
        except psycopg.Error as exc:
            raise StoreError(
                f"EST Geo-schemat kunde inte skapas i {redact_url(url)}: {exc}"
            ) from exc
        finally:
            con.close()
        store = cls(url, statement_timeout_ms=statement_timeout_ms, pool_size=pool_size)
        store.replace_categories(categories or CategoryTree.default(), user="system")
        return store

    @staticmethod
    def _create_schema(con: Connection, url: str) -> None:
        """Create every table at :data:`SCHEMA_VERSION` in ``con``'s open transaction."""
        con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
        if con.execute("SELECT to_regclass('est_meta')").fetchone() != (None,):
            raise StoreError(
                f"Databasen {redact_url(url)} finns redan (har EST Geo-tabeller); "
                "den skrivs inte över."
            )
        con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        for stmt in PG_SCHEMA_V1:
            con.execute(cast(Any, stmt))
        con.execute("INSERT INTO est_schema_version (version) VALUES (1)")
        PostGISStore._apply_migrations(con, 1)
        con.execute(
            "INSERT INTO est_meta VALUES ('created_at', %s), ('demo', 'false')",
            (now_text(),),
        )

    @classmethod
    @contextmanager
    def one_transaction(cls, url: str) -> Iterator[PostGISStore]:
        """A store whose every query runs in one transaction on one connection.

        Committed when the block ends normally, rolled back when it raises, and rolled
        back by the server when the process dies (``kill -9``: the socket closes), so
        what the block writes is there entirely or not at all. ``est-geo demo`` writes
        its schema, tables and data this way. The schema lock is held to the end, so a
        replica starting meanwhile waits instead of migrating a half-made schema, and
        the idle-in-transaction limit is raised for the pauses in which Python builds
        the next batch.
        """
        con = cls._direct(url)
        store = cls(url)
        try:
            with con.transaction():
                con.execute(
                    "SELECT set_config('idle_in_transaction_session_timeout', %s, true)",
                    (str(IMPORT_TIMEOUT_MS),),
                )
                con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                store._pinned = con
                yield store
        except psycopg.Error as exc:
            raise StoreError(f"Skrivningen till {redact_url(url)} avbröts: {exc}") from exc
        finally:
            store._pinned = None
            con.close()

    def create_schema_here(self, categories: CategoryTree | None = None) -> None:
        """Inside :meth:`one_transaction`: what :meth:`create` does, in that transaction."""
        if self._pinned is None:
            raise StoreError("create_schema_here gäller bara inom one_transaction().")
        with self._errors():
            self._create_schema(self._pinned, self.url)
        self.replace_categories(categories or CategoryTree.default(), user="system")

    def drop_est_tables_here(self) -> None:
        """Inside :meth:`one_transaction`: :func:`drop_est_tables`, undone if it rolls back."""
        if self._pinned is None:
            raise StoreError("drop_est_tables_here gäller bara inom one_transaction().")
        _drop_est_tables(self._pinned, self.url)

    @classmethod
    def open(
        cls,
        url: str,
        *,
        read_only: bool = False,
        statement_timeout_ms: int = DEFAULT_STATEMENT_TIMEOUT_MS,
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> PostGISStore:
        """Open an existing EST Geo database, migrating it when it is older and writable."""
        con = cls._direct(url, read_only=read_only)
        try:
            version = cls._checked_version(con, url)
            if version < SCHEMA_VERSION:
                if read_only:
                    raise SchemaVersionError(
                        f"Databasen {redact_url(url)} har schemaversion {version} men "
                        f"{SCHEMA_VERSION} krävs; öppna den en gång med skrivrätt "
                        "(`est-geo info`) för att uppgradera."
                    )
                with con.transaction():
                    con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
                    # Another replica may have migrated while we waited for the lock.
                    current = cls._checked_version(con, url)
                    cls._apply_migrations(con, current)
                    if current < SCHEMA_VERSION:
                        before = {"from": current}
                        cls._audit(con, "system", "migrate", "schema", None, before, None)
        except psycopg.Error as exc:
            raise StoreError(f"Databasen {redact_url(url)} kunde inte öppnas: {exc}") from exc
        finally:
            con.close()
        return cls(
            url,
            read_only=read_only,
            statement_timeout_ms=statement_timeout_ms,
            pool_size=pool_size,
        )

    @staticmethod
    def _checked_version(con: Connection, url: str) -> int:
        has_meta, has_version = con.execute(
            "SELECT to_regclass('est_meta') IS NOT NULL, "
            "to_regclass('est_schema_version') IS NOT NULL"
        ).fetchone() or (False, False)
        if not has_meta:
            raise DatabaseMissingError(
                f"Databasen {redact_url(url)} har inga EST Geo-tabeller. Skapa dem med "
                "`est-geo demo --db …` eller create_store()."
            )
        if not has_version:
            raise CorruptDatabaseError(
                f"Databasen {redact_url(url)} är ingen fullständig EST Geo-databas "
                "(schemaversion saknas)."
            )
        row = con.execute("SELECT max(version) FROM est_schema_version").fetchone()
        if row is None or row[0] is None:
            raise CorruptDatabaseError(
                f"Databasen {redact_url(url)} är ingen fullständig EST Geo-databas "
                "(schemaversion saknas)."
            )
        version = int(row[0])
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"Databasen {redact_url(url)} har schemaversion {version}, nyare än denna "
                f"EST Geo ({SCHEMA_VERSION}). Uppgradera EST Geo; databasen har inte ändrats."
            )
        return version

    @staticmethod
    def _apply_migrations(con: Connection, version: int) -> None:
        # A step may rewrite or count every incident (version 5 on 10⁷ rows takes
        # minutes): the interactive statement timeout would abort it half-way.
        con.execute("SELECT set_config('statement_timeout', %s, true)", (str(IMPORT_TIMEOUT_MS),))
        for v in range(version, SCHEMA_VERSION):
            if v not in PG_MIGRATIONS:
                raise SchemaVersionError(
                    f"PostGIS-schemat saknar migreringen {v} → {v + 1} som den inbyggda "
                    "databasen har; uppdatera est_geo.store.postgis.PG_MIGRATIONS."
                )
            for stmt in PG_MIGRATIONS[v]:
                con.execute(cast(Any, stmt))
            con.execute("INSERT INTO est_schema_version (version) VALUES (%s)", (v + 1,))
        if version < SCHEMA_VERSION:
            con.execute(sql.SQL(_GRANT_READABLE).format(tables=sql.Literal(list(READABLE_TABLES))))

    def schema_version(self) -> int:
        """The database's schema version (from ``est_schema_version``)."""
        with self._connect() as con:
            row = con.execute("SELECT max(version) FROM est_schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def tables_with_data(self) -> list[str]:
        """EST Geo's tables that hold data beyond what an empty database starts with.

        Empty means "safe to fill": ``est-geo demo`` fills such a database (e.g. one an
        administrator made with ``create_store``) but refuses one with real rows.
        """
        tables = [t for t in EST_TABLES if t not in _BOOKKEEPING_TABLES]
        query = sql.SQL(" UNION ALL ").join(
            sql.SQL("SELECT {} FROM (SELECT 1 FROM {} LIMIT 1) AS {}").format(
                sql.Literal(t), sql.Identifier(t), sql.Identifier(f"_{t}")
            )
            for t in tables
        )
        with self._connect() as con:
            rows = con.execute(query).fetchall()
        return [str(r[0]) for r in rows]

    # -- meta ----------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """All metadata, plus ``schema_version`` (kept in its own table here)."""
        with self._connect() as con:
            rows = con.execute("SELECT key, value FROM est_meta").fetchall()
            version = con.execute("SELECT max(version) FROM est_schema_version").fetchone()
        values = {str(k): str(v) for k, v in rows}
        values["schema_version"] = str(version[0] if version else 0)
        return values

    def set_meta(self, values: dict[str, str], *, user: str) -> None:
        """Set metadata keys; ``schema_version`` belongs to the migrations and is refused."""
        if "schema_version" in values:
            raise StoreError("schema_version ändras bara av migreringar.")
        with self._write() as con:
            before = dict(con.execute("SELECT key, value FROM est_meta FOR UPDATE").fetchall())
            con.cursor().executemany(
                "INSERT INTO est_meta VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )
            old = {k: before.get(k) for k in values}
            self._audit(con, user, "update", "meta", None, old, dict(values))

    def is_demo(self) -> bool:
        """True when the database holds the synthetic demo data."""
        return self.meta().get("demo") == "true"

    def info(self) -> StoreInfo:
        """Counts per table, version and CRS (the URL without its password)."""
        with self._connect() as con:
            counts = {}
            for table, _, _ in LAYERS:
                if table == "est_meta":
                    continue
                query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
                counts[table] = int((con.execute(query).fetchone() or (0,))[0])
            lo, hi = con.execute(
                f"SELECT to_char(min(occurred_at), '{_ISO_SECONDS}'), "
                f"to_char(max(occurred_at), '{_ISO_SECONDS}') FROM incidents"
            ).fetchone() or (None, None)
        meta = self.meta()
        return StoreInfo(
            url=redact_url(self.url),
            backend=self.backend,
            schema_version=int(meta["schema_version"]),
            crs=f"EPSG:{STORE_EPSG}",
            counts=counts,
            demo=meta.get("demo") == "true",
            incident_range=(lo, hi),
            meta=meta,
        )

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
            con.cursor().executemany(
                "INSERT INTO categories VALUES (%s, %s, %s, %s, %s)",
                [(c.key, c.name_sv, c.name_en, c.parent, i) for i, c in enumerate(tree.categories)],
            )
            after = {"keys": [c.key for c in tree.categories]}
            self._audit(
                con, user, "replace", "categories", None, {"keys": [r[0] for r in before]}, after
            )

    # -- areas ---------------------------------------------------------------------------
    def areas(self, *, levels: Iterable[str] | None = None) -> gpd.GeoDataFrame:
        """Areas in EPSG:3006, in insertion order; a shape that cannot be drawn is left out
        (:func:`~est_geo.store.common.usable_areas`)."""
        return usable_areas(self._stored_areas(levels))

    def _stored_areas(self, levels: Iterable[str] | None) -> gpd.GeoDataFrame:
        query = "SELECT fid, code, name, level, parent_code, ST_AsBinary(geom) FROM areas"
        params: list[Any] = []
        if levels is not None:
            query += " WHERE level = ANY(%s::text[])"
            params.append(list(levels))
        with self._connect() as con:
            rows = con.execute(cast(Any, query + " ORDER BY fid"), params).fetchall()
        frame = pd.DataFrame(
            [r[:5] for r in rows], columns=["fid", "code", "name", "level", "parent_code"]
        )
        geoms = [shapely.from_wkb(bytes(r[5])) for r in rows]
        return gpd.GeoDataFrame(frame, geometry=geoms, crs=f"EPSG:{STORE_EPSG}")

    def add_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> int:
        """Insert areas; every problem is reported and nothing written on failure."""
        refuse_read_only(self.read_only)
        rows = [
            (shapely.to_wkb(multi), *fields)
            for multi, *fields in area_rows(areas, self._stored_areas(None)["code"])
        ]
        with self._write() as con:
            con.cursor().executemany(
                "INSERT INTO areas (geom, code, name, level, parent_code) "
                f"VALUES (ST_GeomFromWKB(%s, {STORE_EPSG}), %s, %s, %s, %s)",
                rows,
            )
            self._audit(con, user, "insert", "areas", None, None, {"codes": [r[1] for r in rows]})
            self._end_demo(con, user, "areas")
        return len(rows)

    def replace_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> tuple[int, int]:
        """Insert new codes, replace shape, name and parent of stored ones (one transaction)."""
        refuse_read_only(self.read_only)
        new, old = replacement_rows(areas, self._stored_areas(None))
        with self._write() as con:
            cur = con.cursor()
            cur.executemany(
                "INSERT INTO areas (geom, code, name, level, parent_code) "
                f"VALUES (ST_GeomFromWKB(%s, {STORE_EPSG}), %s, %s, %s, %s)",
                [(shapely.to_wkb(m), *f) for m, *f in new],
            )
            cur.executemany(
                f"UPDATE areas SET geom = ST_GeomFromWKB(%s, {STORE_EPSG}), name = %s, "
                "parent_code = %s WHERE code = %s",
                [(shapely.to_wkb(m), n, p, c) for m, c, n, _, p in old],
            )
            after = {"inserted": [r[1] for r in new], "replaced": [r[1] for r in old]}
            self._audit(con, user, "replace", "areas", None, None, after)
            self._end_demo(con, user, "areas")
        return len(new), len(old)

    # -- incidents -----------------------------------------------------------------------
    def _validate_incidents(self, df: pd.DataFrame) -> pd.DataFrame:
        return validate_incidents(df, self.category_tree())

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

        Rows travel by binary COPY into a staging table dropped at commit; the final
        ``INSERT … ON CONFLICT DO NOTHING`` makes a concurrent import of the same rows
        wait for ours and then skip them instead of failing or duplicating.
        """
        refuse_read_only(self.read_only)
        df = self._validate_incidents(incidents)
        batch = batch_id or uuid.uuid4().hex[:12]
        times = df["occurred_at"]
        if getattr(times.dt, "tz", None) is not None:
            times = times.dt.tz_localize(None)
        times = times.dt.floor("s")
        desc = df["description"].astype(object).where(df["description"].notna(), None)
        columns = zip(
            df["x"].to_numpy(float).tolist(),
            df["y"].to_numpy(float).tolist(),
            times.dt.to_pydatetime().tolist(),
            df["has_time"].astype(bool).tolist(),
            df["category"].astype(str).tolist(),
            df["actor"].astype(str).tolist(),
            df["precision"].astype(str).tolist(),
            desc.tolist(),
            df["source"].astype(str).tolist(),
            df["source_id"].astype(str).tolist(),
            strict=True,
        )
        with self._write() as con:
            con.execute(
                "SELECT set_config('statement_timeout', %s, true)", (str(IMPORT_TIMEOUT_MS),)
            )
            # A second import in the same one_transaction() still has the first's table.
            con.execute("DROP TABLE IF EXISTS pg_temp.est_stage")
            con.execute(
                "CREATE TEMP TABLE est_stage (x float8, y float8, occurred_at timestamp, "
                "has_time boolean, category text, actor text, precision text, "
                "description text, source text, source_id text) ON COMMIT DROP"
            )
            with con.cursor().copy("COPY est_stage FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(
                    [
                        "float8",
                        "float8",
                        "timestamp",
                        "bool",
                        "text",
                        "text",
                        "text",
                        "text",
                        "text",
                        "text",
                    ]
                )
                for row in columns:
                    copy.write_row(row)
            cur = con.execute(
                "INSERT INTO incidents (geom, occurred_at, has_time, category, actor, "
                "precision, description, source, source_id, batch_id) "
                f"SELECT ST_SetSRID(ST_MakePoint(x, y), {STORE_EPSG}), occurred_at, has_time, "
                "category, actor, precision, description, source, source_id, %s "
                "FROM est_stage ORDER BY occurred_at "
                "ON CONFLICT (source, source_id) DO NOTHING",
                (batch,),
            )
            inserted = max(cur.rowcount, 0)
            result = ImportResult(batch, len(df), inserted, len(df) - inserted)
            sources = ",".join(sorted(set(df["source"].astype(str))))
            con.execute(
                "INSERT INTO import_batches (batch_id, source, username, rows_read, "
                "rows_inserted, rows_duplicate) VALUES (%s, %s, %s, %s, %s, %s)",
                (batch, sources, user, len(df), inserted, result.duplicates),
            )
            self._audit(con, user, "import", "incidents", batch, None, result.__dict__)
            self._end_demo(con, user, "incidents")
            if remember is not None:
                self._save_mapping(con, remember, user)
            if inserted:
                con.execute(_BUMP_DATA_VERSION[0])
                con.execute(_BUMP_DATA_VERSION[1], (uuid.uuid4().hex,))
        return result

    @staticmethod
    def _where(query: IncidentQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.start is not None:
            clauses.append("occurred_at >= %s::timestamp")
            params.append(_naive(query.start))
        if query.end is not None:
            clauses.append("occurred_at < %s::timestamp")
            params.append(_naive(query.end))
        for column, values in (("category", query.categories), ("actor", query.actors)):
            if values is not None:
                clauses.append(f"{column} = ANY(%s::text[])")
                params.append(sorted(values))
        if query.bbox is not None:
            # && finds candidates on the GiST index, whose boxes are float4 rounded
            # outwards (a point centimetres beyond the edge matched); the stored x/y
            # decide exactly, as the embedded store and the columns do.
            clauses.append(
                f"geom && ST_MakeEnvelope(%s, %s, %s, %s, {STORE_EPSG}) "
                "AND x >= %s AND y >= %s AND x <= %s AND y <= %s"
            )
            params.extend(float(v) for v in (*query.bbox, *query.bbox))
        if query.weekdays is not None:
            clauses.append("(extract(isodow FROM occurred_at)::int - 1) = ANY(%s::int[])")
            params.append(sorted(int(d) for d in query.weekdays))
        if query.hours is not None:
            clauses.append("has_time AND extract(hour FROM occurred_at)::int = ANY(%s::int[])")
            params.append(sorted(int(h) for h in query.hours))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def incidents(self, query: IncidentQuery | None = None) -> pd.DataFrame:
        """Incidents as a DataFrame (x/y in EPSG:3006, occurred_at as datetime64)."""
        query = query or IncidentQuery()
        where, params = self._where(query)
        cols = (
            "fid, ST_X(geom) AS x, ST_Y(geom) AS y, occurred_at, has_time, category, actor, "
            "precision, source, source_id, batch_id"
        )
        if query.with_text:
            cols += ", description"
        with self._connect() as con:
            cur = con.execute(
                cast(Any, f"SELECT {cols} FROM incidents{where} ORDER BY occurred_at, fid"),
                params,
            )
            names = [d.name for d in cur.description or ()]
            frame = pd.DataFrame(cur.fetchall(), columns=names)
        return _incident_dtypes(frame)

    def count_incidents(self, query: IncidentQuery | None = None) -> int:
        """Count matching incidents in SQL (no rows transferred)."""
        where, params = self._where(query or IncidentQuery())
        with self._connect() as con:
            row = con.execute(cast(Any, f"SELECT count(*) FROM incidents{where}"), params)
            return int((row.fetchone() or (0,))[0])

    def data_stamp(self) -> str:
        """Changes whenever the stored incidents change (see :meth:`Store.data_stamp`).

        The token every incident write sets, the count of rows changed or deleted by
        any tool (kept by a trigger) and the highest fid (all read from an index); no
        count(*), which would scan the table on every page run.
        """
        with self._connect() as con:
            row = con.execute(
                "SELECT (SELECT value FROM est_meta WHERE key = 'data_version'), "
                "(SELECT value FROM est_meta WHERE key = 'incidents_edits'), "
                "(SELECT max(fid) FROM incidents)"
            ).fetchone()
        return ":".join("" if v is None else str(v) for v in row or ())

    def incident_column_chunks(
        self, *, after_fid: int | None = None, chunk_rows: int = 200_000
    ) -> Iterator[list[ColumnRow]]:
        """Incidents (those with fid > ``after_fid``) as :data:`ColumnRow` tuples, in chunks."""
        with self._connect() as con:
            cur = con.execute(
                "SELECT fid, ST_X(geom), ST_Y(geom), extract(epoch FROM occurred_at)::bigint, "
                "has_time, category, actor, precision FROM incidents WHERE fid > %s",
                (-1 if after_fid is None else int(after_fid),),
            )
            while rows := cur.fetchmany(chunk_rows):
                yield cast(list[ColumnRow], rows)

    #: SQL expressions of the :data:`COUNT_KEYS`.
    _COUNT_SQL: Final = {"category": "category", "month": "to_char(occurred_at, 'YYYY-MM')"}
    _PROFILE_SQL: Final = (
        "has_time, extract(isodow FROM occurred_at)::int - 1, extract(hour FROM occurred_at)::int"
    )

    @staticmethod
    def _covered(
        query: IncidentQuery | None, polygon: BaseGeometry | None
    ) -> tuple[str, list[Any]]:
        """``_where`` plus ``ST_Covers(polygon, geom)`` (GiST-indexed, boundary inside)."""
        where, params = PostGISStore._where(query or IncidentQuery())
        if polygon is None:
            return where, params
        covers = f"ST_Covers(ST_GeomFromWKB(%s, {STORE_EPSG}), geom)"
        where = f"{where} AND {covers}" if where else f" WHERE {covers}"
        return where, [*params, shapely.to_wkb(polygon)]

    def counts_within(
        self,
        polygon: BaseGeometry,
        *,
        by: tuple[str, ...] = ("category",),
        query: IncidentQuery | None = None,
    ) -> pd.DataFrame:
        """Incidents covered by ``polygon`` per ``by``, grouped in SQL."""
        keys = check_count_keys(by)
        statement, params = self._counts_within_sql(check_count_polygon(polygon), keys, query)
        with self._connect() as con:
            rows = con.execute(cast(Any, statement), params).fetchall()
        return counts_frame(rows, keys)

    def _counts_within_sql(
        self, polygon: BaseGeometry, keys: tuple[str, ...], query: IncidentQuery | None
    ) -> tuple[str, list[Any]]:
        """The statement of :meth:`counts_within` (``ST_Covers`` on the GiST index; the
        plan is tested) and its parameters."""
        where, params = self._covered(query, polygon)
        columns = "".join(f"{self._COUNT_SQL[k]}, " for k in keys)
        group = f" GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}" if keys else ""
        return f"SELECT {columns}count(*) FROM incidents{where}{group}", params

    def weekday_hour_profile(
        self, polygon: BaseGeometry | None = None, *, query: IncidentQuery | None = None
    ) -> TimeProfile:
        """Weekday × hour counts, aggregated in SQL (at most 2 × 168 rows leave)."""
        if polygon is not None:
            check_count_polygon(polygon)
        where, params = self._covered(query, polygon)
        statement = f"SELECT {self._PROFILE_SQL}, count(*) FROM incidents{where} GROUP BY 1, 2, 3"
        with self._connect() as con:
            rows = con.execute(cast(Any, statement), params).fetchall()
        cells = np.asarray([(int(h), d, hh, n) for h, d, hh, n in rows], dtype=np.int64)
        cells = cells.reshape(-1, 4)
        return profile_from_cells(cells[:, 0] != 0, cells[:, 1], cells[:, 2], cells[:, 3])

    def grid_counts(
        self,
        *,
        cell_size: int,
        ix0: int,
        iy0: int,
        nx: int,
        ny: int,
        query: IncidentQuery | None = None,
    ) -> NDArray[np.int64]:
        """Incident counts per lattice cell, aggregated in the database.

        The cells are those of :class:`est_geo.hotspots.grid.Grid` (corners on multiples
        of ``cell_size`` from (0, 0); array shape ``(ny, nx)``, row 0 = southernmost), so
        the result equals ``count_points`` on the pulled rows while only one row per
        non-empty cell leaves the server.

        Two exact routes, because a full pass over 10⁷ incidents cannot meet the 3 s the
        municipality-wide grid is allowed (``bench/bench_postgis.py``):

        * cells of 100 m × 2^j with at most a period and categories as filters are
          summed from ``incident_cells`` (per-cell totals kept by triggers); when a
          period covers most of the stored time span, the incidents outside it are
          subtracted (few rows, read from the covering time index);
        * anything else groups the stored x/y of the matching incidents, an index-only
          scan of ``incidents_time_xy`` when a period narrows the time.

        Both run in one REPEATABLE READ snapshot, so a concurrent import cannot make the
        subtraction see rows the totals did not.
        """
        if cell_size <= 0 or nx <= 0 or ny <= 0:
            raise ValidationError(
                [Problem(None, "grid", f"{cell_size}/{nx}x{ny}", "tomt rutnät")], "Ogiltigt rutnät"
            )
        query = query or IncidentQuery()
        counts = np.zeros((ny, nx), dtype=np.int64)
        grid = (cell_size, ix0, iy0, nx, ny)
        with self._connect() as con:
            if self._pinned is None:  # one_transaction has a snapshot per statement
                con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            # JIT compiling costs ~0.1 s per statement and gains nothing on these
            # aggregations; a 360,000-cell hash table needs ~80 MB instead of spilling.
            con.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)"
            )
            if self._summed(con, counts, grid, query):
                return counts
            self._add_rows(con, counts, grid, query, sign=1)
        return counts

    @staticmethod
    def _summary_shift(cell_size: int) -> int | None:
        """j when ``cell_size`` is SUMMARY_CELL × 2**j, else None (not exact from totals)."""
        ratio, rest = divmod(cell_size, SUMMARY_CELL)
        if rest or ratio <= 0 or ratio & (ratio - 1):
            return None
        return ratio.bit_length() - 1

    def _summed(
        self,
        con: Connection,
        counts: NDArray[np.int64],
        grid: tuple[int, int, int, int, int],
        query: IncidentQuery,
    ) -> bool:
        """Fill ``counts`` from ``incident_cells`` if this grid and query allow; say so."""
        cell_size, ix0, iy0, nx, ny = grid
        shift = self._summary_shift(cell_size)
        others = (query.actors, query.bbox, query.weekdays, query.hours)
        if shift is None or any(f is not None for f in others):
            return False
        start, end = _moment(query.start), _moment(query.end)
        if start is not None or end is not None:
            if start is not None and end is not None and start >= end:
                return False
            if not self._mostly_inside(con, start, end):
                return False
        where = "cx >= %s AND cx < %s AND cy >= %s AND cy < %s"
        params: list[Any] = [ix0 << shift, (ix0 + nx) << shift, iy0 << shift, (iy0 + ny) << shift]
        if query.categories is not None:
            where += " AND category = ANY(%s::text[])"
            params.append(sorted(query.categories))
        statement = (
            f"SELECT (cy >> {shift}) - %s, (cx >> {shift}) - %s, sum(n)::bigint "
            f"FROM incident_cells WHERE {where} GROUP BY 1, 2"
        )
        _add_cells(counts, con, statement, [iy0, ix0, *params])
        for outside in (
            IncidentQuery(end=start, categories=query.categories) if start is not None else None,
            IncidentQuery(start=end, categories=query.categories) if end is not None else None,
        ):
            if outside is not None:
                self._add_rows(con, counts, grid, outside, sign=-1)
        return True

    @staticmethod
    def _mostly_inside(con: Connection, start: datetime | None, end: datetime | None) -> bool:
        """Whether [start, end) spans over half of the stored time range.

        A cheap guess (two index look-ups, incidents assumed even over time) of whether
        subtracting the rows outside the period reads fewer rows than counting those
        inside; both give the same counts.
        """
        first, last = con.execute(
            "SELECT min(occurred_at), max(occurred_at) FROM incidents"
        ).fetchone() or (None, None)
        if first is None or last is None or last <= first:
            return False
        lo = max(first, start) if start is not None else first
        hi = min(last, end) if end is not None else last
        return bool(hi > lo and (hi - lo) * 2 > (last - first))

    def _add_rows(
        self,
        con: Connection,
        counts: NDArray[np.int64],
        grid: tuple[int, int, int, int, int],
        query: IncidentQuery,
        *,
        sign: int,
    ) -> None:
        """Add ``sign`` × the counts per cell of the incidents matching ``query``.

        Groups ``floor(x / cell)`` on the stored coordinates: the same doubles and the
        same IEEE division and floor as numpy's ``count_points``. The x/y range is one
        cell wider than the grid on every side, so rounding at its edge cannot drop a
        point; the exact cut is made on the cell indices.
        """
        cell_size, ix0, iy0, nx, ny = grid
        where, params = self._where(query)
        cs = float(cell_size)
        box = "x >= %s AND x < %s AND y >= %s AND y < %s"
        bounds = [(ix0 - 1) * cs, (ix0 + nx + 1) * cs, (iy0 - 1) * cs, (iy0 + ny + 1) * cs]
        where = f"{where} AND {box}" if where else f" WHERE {box}"
        statement = (
            "SELECT floor(y / %s)::bigint - %s AS r, floor(x / %s)::bigint - %s AS c, "
            f"count(*) FROM incidents{where} GROUP BY 1, 2"
        )
        _add_cells(counts, con, statement, [cs, iy0, cs, ix0, *params, *bounds], sign=sign)

    # -- interventions -------------------------------------------------------------------
    _IV_COLS = (
        "fid, name, kind, status, owner_actor, start_date, end_date, description, public, "
        "cost, buffer_m, ST_AsBinary(geom)"
    )

    @staticmethod
    def _iv_from_row(row: Row) -> Intervention:
        return intervention_from_row(row, shapely.from_wkb(bytes(row[11])))

    @staticmethod
    def _iv_params(iv: Intervention) -> tuple[Any, ...]:
        return (
            iv.name,
            iv.kind,
            iv.status,
            iv.owner_actor,
            iv.start_date,
            iv.end_date,
            iv.description,
            bool(iv.public),
            None if iv.cost is None else float(iv.cost),
            float(iv.buffer_m),
            shapely.to_wkb(iv.geometry),
        )

    def interventions(self) -> gpd.GeoDataFrame:
        """All interventions as a GeoDataFrame in EPSG:3006."""
        with self._connect() as con:
            rows = con.execute(f"SELECT {self._IV_COLS} FROM interventions ORDER BY fid").fetchall()
        return interventions_frame([self._iv_from_row(r) for r in rows])

    def get_intervention(self, intervention_id: int) -> Intervention:
        """One intervention by id."""
        with self._connect() as con:
            row = con.execute(
                f"SELECT {self._IV_COLS} FROM interventions WHERE fid = %s", (intervention_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"Åtgärd {intervention_id} finns inte.")
        return self._iv_from_row(row)

    def add_intervention(self, intervention: Intervention, *, user: str) -> int:
        """Validate and insert; returns the new id."""
        intervention.validate()
        with self._write() as con:
            row = con.execute(
                "INSERT INTO interventions (name, kind, status, owner_actor, start_date, "
                "end_date, description, public, cost, buffer_m, geom) VALUES "
                f"(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, ST_GeomFromWKB(%s, {STORE_EPSG})) "
                "RETURNING fid",
                self._iv_params(intervention),
            ).fetchone()
            new_id = int(row[0]) if row else 0
            after = intervention_audit(intervention) | {"id": new_id}
            self._audit(con, user, "insert", "interventions", str(new_id), None, after)
        return new_id

    def _locked_intervention(self, con: Connection, intervention_id: int) -> Intervention:
        # FOR UPDATE: the "before" in the audit trail is the row we actually replace,
        # even when two sessions edit the same intervention at once.
        row = con.execute(
            f"SELECT {self._IV_COLS} FROM interventions WHERE fid = %s FOR UPDATE",
            (intervention_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Åtgärd {intervention_id} finns inte.")
        return self._iv_from_row(row)

    def update_intervention(self, intervention: Intervention, *, user: str) -> None:
        """Replace an intervention's fields and geometry."""
        if intervention.id is None:
            raise NotFoundError("Åtgärden saknar id.")
        intervention.validate()
        with self._write() as con:
            before = intervention_audit(self._locked_intervention(con, intervention.id))
            con.execute(
                "UPDATE interventions SET name=%s, kind=%s, status=%s, owner_actor=%s, "
                "start_date=%s, end_date=%s, description=%s, public=%s, cost=%s, buffer_m=%s, "
                f"geom=ST_GeomFromWKB(%s, {STORE_EPSG}), updated_at=now() WHERE fid=%s",
                (*self._iv_params(intervention), intervention.id),
            )
            self._audit(
                con,
                user,
                "update",
                "interventions",
                str(intervention.id),
                before,
                intervention_audit(intervention),
            )

    def delete_intervention(self, intervention_id: int, *, user: str) -> None:
        """Delete an intervention (kept in the audit trail)."""
        with self._write() as con:
            before = intervention_audit(self._locked_intervention(con, intervention_id))
            con.execute("DELETE FROM interventions WHERE fid = %s", (intervention_id,))
            self._audit(con, user, "delete", "interventions", str(intervention_id), before, None)

    # -- indicators ----------------------------------------------------------------------
    def indicator_definitions(self) -> list[IndicatorDefinition]:
        """The indicator catalogue, in the order entries were first added."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT key, name_sv, name_en, unit, higher_is_better, source, area_level, notes "
                "FROM indicator_definitions ORDER BY ord"
            ).fetchall()
        return [
            IndicatorDefinition(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows
        ]

    def upsert_indicator_definition(self, definition: IndicatorDefinition, *, user: str) -> None:
        """Insert or replace one catalogue entry."""
        d = definition
        with self._write() as con:
            con.execute(
                "INSERT INTO indicator_definitions (key, name_sv, name_en, unit, "
                "higher_is_better, source, area_level, notes) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET "
                "name_sv=excluded.name_sv, name_en=excluded.name_en, unit=excluded.unit, "
                "higher_is_better=excluded.higher_is_better, source=excluded.source, "
                "area_level=excluded.area_level, notes=excluded.notes",
                (
                    d.key,
                    d.name_sv,
                    d.name_en,
                    d.unit,
                    bool(d.higher_is_better),
                    d.source,
                    d.area_level,
                    d.notes,
                ),
            )
            self._audit(con, user, "upsert", "indicator_definitions", d.key, None, d.__dict__)

    def indicator_values(self, indicator_key: str | None = None) -> pd.DataFrame:
        """Indicator values, optionally for one indicator."""
        query = "SELECT indicator_key, area_code, period, value, n FROM indicator_values"
        params: tuple[str, ...] = ()
        if indicator_key is not None:
            query += " WHERE indicator_key = %s"
            params = (indicator_key,)
        with self._connect() as con:
            rows = con.execute(
                cast(Any, query + " ORDER BY indicator_key, area_code, period"), params
            ).fetchall()
        return pd.DataFrame(rows, columns=["indicator_key", "area_code", "period", "value", "n"])

    def add_indicator_values(self, values: pd.DataFrame, *, user: str) -> int:
        """Insert or replace values in one transaction (keys must be in the catalogue)."""
        refuse_read_only(self.read_only)
        rows = indicator_value_rows(values, {d.key for d in self.indicator_definitions()})
        with self._write() as con:
            con.cursor().executemany(
                "INSERT INTO indicator_values VALUES (%s, %s, %s, %s, %s) "
                "ON CONFLICT (indicator_key, area_code, period) DO UPDATE SET "
                "value = excluded.value, n = excluded.n",
                rows,
            )
            self._audit(con, user, "upsert", "indicator_values", None, None, {"rows": len(rows)})
            self._end_demo(con, user, "indicator_values")
        return len(rows)

    # -- audit ---------------------------------------------------------------------------
    def audit_log(self, *, limit: int = 1000) -> pd.DataFrame:
        """Newest first."""
        with self._connect() as con:
            rows = con.execute(
                f"SELECT id, to_char(at AT TIME ZONE 'UTC', '{_ISO_SECONDS}\"Z\"'), username, "
                "action, entity, entity_id, before::text, after::text FROM audit_log "
                "ORDER BY id DESC LIMIT %s",
                (limit,),
            ).fetchall()
        return pd.DataFrame(
            rows, columns=["id", "at", "user", "action", "entity", "entity_id", "before", "after"]
        )

    # -- context events (Polisen) and remembered import mappings -------------------------
    def add_context_events(
        self, events: pd.DataFrame, *, user: str, batch_id: str | None = None
    ) -> ImportResult:
        """Insert context events in one transaction; existing (source, source_id) skipped."""
        refuse_read_only(self.read_only)
        df, times = validate_context_events(events)
        batch = batch_id or uuid.uuid4().hex[:12]
        rows = context_event_rows(df, times, batch, _wall_clock)
        with self._write() as con:
            inserted = 0
            for row in rows:
                cur = con.execute(
                    "INSERT INTO context_events (source, source_id, occurred_at, type, "
                    "category, name, summary, url, location_name, lat, lon, area_codes, "
                    "batch_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, "
                    "%s) ON CONFLICT (source, source_id) DO NOTHING",
                    row,
                )
                inserted += max(cur.rowcount, 0)
            result = ImportResult(batch, len(rows), inserted, len(rows) - inserted)
            sources = ",".join(sorted(set(df["source"].astype(str))))
            con.execute(
                "INSERT INTO import_batches (batch_id, source, username, rows_read, "
                "rows_inserted, rows_duplicate) VALUES (%s, %s, %s, %s, %s, %s)",
                (batch, sources, user, len(rows), inserted, result.duplicates),
            )
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

        The area filter runs in SQL (``jsonb ?|``), so a municipality's years of events
        are not pulled to find one area's.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if start is not None:
            clauses.append("occurred_at >= %s::timestamp")
            params.append(_naive(start))
        if end is not None:
            clauses.append("occurred_at < %s::timestamp")
            params.append(_naive(end))
        if area_codes is not None:
            clauses.append("area_codes ?| %s::text[]")
            params.append([str(c) for c in area_codes])
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cols = ["fid", *CONTEXT_EVENT_COLUMNS, "batch_id"]
        with self._connect() as con:
            rows = con.execute(
                cast(
                    Any,
                    f"SELECT {', '.join(cols)} FROM context_events{where} "
                    "ORDER BY occurred_at DESC, fid DESC",
                ),
                params,
            ).fetchall()
        frame = pd.DataFrame(rows, columns=cols)
        frame["area_codes"] = [tuple(v) for v in frame["area_codes"]]
        frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
        frame[["lat", "lon"]] = frame[["lat", "lon"]].astype(float)
        return frame

    def import_mapping(self, source: str, kind: str) -> dict[str, Any] | None:
        """The mapping remembered for (source, kind), or ``None``."""
        with self._connect() as con:
            row = con.execute(
                "SELECT mapping FROM import_mappings WHERE source = %s AND kind = %s",
                (source, kind),
            ).fetchone()
        if row is None:
            return None
        return row[0] if isinstance(row[0], dict) else None

    def save_import_mapping(
        self, source: str, kind: str, mapping: dict[str, Any], *, user: str
    ) -> None:
        """Insert or replace the remembered mapping for (source, kind)."""
        with self._write() as con:
            self._save_mapping(con, RememberedMapping(source, kind, mapping), user)

    def _save_mapping(self, con: Connection, saved: RememberedMapping, user: str) -> None:
        source, kind = saved.source, saved.kind
        text = json.dumps(saved.mapping, ensure_ascii=False, sort_keys=True)
        old = con.execute(
            "SELECT mapping FROM import_mappings WHERE source = %s AND kind = %s FOR UPDATE",
            (source, kind),
        ).fetchone()
        con.execute(
            "INSERT INTO import_mappings (source, kind, mapping, username) "
            "VALUES (%s, %s, %s::json, %s) ON CONFLICT (source, kind) DO UPDATE SET "
            "mapping = excluded.mapping, username = excluded.username, updated_at = now()",
            (source, kind, text, user),
        )
        self._audit(
            con,
            user,
            "upsert",
            "import_mappings",
            f"{source}/{kind}",
            old[0] if old else None,
            saved.mapping,
        )

    # -- users (the UserStore protocol) -------------------------------------------------
    _USER_COLS = "username, role, display_name, password_hash, disabled, " + ", ".join(
        _UTC_TEXT.format(c) for c in ("created_at", "updated_at", "last_login")
    )

    def users(self) -> list[UserRecord]:
        """Every account, ordered by username."""
        with self._connect() as con:
            rows = con.execute(
                cast(Any, f"SELECT {self._USER_COLS} FROM users ORDER BY username")
            ).fetchall()
        return [user_from_row(r) for r in rows]

    def get_user(self, username: str) -> UserRecord | None:
        """One account by exact username, or ``None``."""
        with self._connect() as con:
            row = con.execute(
                cast(Any, f"SELECT {self._USER_COLS} FROM users WHERE username = %s"),
                (username,),
            ).fetchone()
        return None if row is None else user_from_row(row)

    def add_user(self, record: UserRecord, *, user: str) -> None:
        """Insert a new account; a taken username is an error, not an overwrite."""
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO users (username, role, display_name, password_hash, disabled) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (username) DO NOTHING",
                (
                    record.username,
                    record.role,
                    record.display_name,
                    record.password_hash,
                    bool(record.disabled),
                ),
            )
            if cur.rowcount != 1:
                raise StoreError(f"Användaren '{record.username}' finns redan.")
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
            row = con.execute(
                cast(Any, f"SELECT {self._USER_COLS} FROM users WHERE username = %s FOR UPDATE"),
                (username,),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Användaren '{username}' finns inte.")
            before = user_from_row(row)
            after = merged_user(
                before,
                role=role,
                password_hash=password_hash,
                disabled=disabled,
                display_name=display_name,
            )
            con.execute(
                "UPDATE users SET role=%s, display_name=%s, password_hash=%s, disabled=%s, "
                "updated_at=%s::timestamptz WHERE username=%s",
                (
                    after.role,
                    after.display_name,
                    after.password_hash,
                    bool(after.disabled),
                    after.updated_at,
                    username,
                ),
            )
            old, new = user_change_audit(before, after, password_changed=password_hash is not None)
            self._audit(con, user, "update", "users", username, old, new)
        return after

    def record_login(self, username: str, *, success: bool, method: str) -> None:
        """Audit a login attempt; a success also sets ``last_login``.

        Failed attempts are kept so an administrator can see guessing in the audit trail.
        """
        with self._write() as con:
            if success:
                con.execute("UPDATE users SET last_login = now() WHERE username = %s", (username,))
            action = "login" if success else "login_failed"
            self._audit(con, username, action, "session", username, None, {"method": method})


def _moment(value: date | datetime | None) -> datetime | None:
    """A period bound as the naive timestamp SQL compares with (a date is its midnight)."""
    naive = _naive(value)
    return None if naive is None else pd.Timestamp(naive).to_pydatetime()


#: One cell of a grid result on the wire: row, column (int4) and count (int8), big-endian.
_CELL_DTYPE: Final = np.dtype([("r", ">i4"), ("c", ">i4"), ("n", ">i8")])


def _add_cells(
    counts: NDArray[np.int64], con: Connection, statement: str, params: list[Any], *, sign: int = 1
) -> None:
    """Run a ``(row, column, n)`` grouping and add the cells inside ``counts``, × ``sign``.

    The cells come back packed into one ``bytea`` and are read with ``np.frombuffer``:
    a municipality's 300,000 cells as Python tuples cost over a second on the client,
    more than the aggregation itself.
    """
    packed = (
        "SELECT string_agg(int4send(g.r::integer) || int4send(g.c::integer) || "
        f"int8send(g.n::bigint), ''::bytea) FROM ({statement}) AS g(r, c, n)"
    )
    row = con.execute(cast(Any, packed), params).fetchone()
    if row is None or row[0] is None:
        return
    cells = np.frombuffer(row[0], dtype=_CELL_DTYPE)
    r, c, n = (cells[k].astype(np.int64) for k in ("r", "c", "n"))
    ny, nx = counts.shape
    keep = (r >= 0) & (r < ny) & (c >= 0) & (c < nx)
    np.add.at(counts, (r[keep], c[keep]), sign * n[keep])


def _wall_clock(t: pd.Timestamp) -> datetime:
    """A timestamp as naive wall-clock time, whole seconds (as the embedded store keeps)."""
    if t.tzinfo is not None:
        t = t.tz_localize(None)
    stamp: datetime = t.floor("s").to_pydatetime()
    return stamp


def _incident_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """The embedded store's column types, so analysis code sees one frame shape."""
    frame["occurred_at"] = pd.to_datetime(frame["occurred_at"])
    frame["has_time"] = frame["has_time"].astype(bool)
    frame[["x", "y"]] = frame[["x", "y"]].astype(float)
    return frame


def create_readonly_role(url: str, role_name: str, password: str) -> None:
    """Create (or reset) a login role that can only SELECT EST Geo's tables.

    For the public instance: log in as this role *and* open the store with
    ``read_only=True``; either alone already refuses writes. Run with an administrator's
    ``url`` (the tables' owner). Only :data:`READABLE_TABLES` are granted (never
    ``users``); an upgrade that adds a table to that list grants it to this role
    by itself.
    The role also gets ``default_transaction_read_only`` and a statement timeout, so a
    leaked password buys a reader and nothing else. Safe to run repeatedly: an existing
    role gets the new password and exactly these grants.
    """
    if not role_name.replace("_", "").isalnum() or not role_name.isascii():
        raise ValidationError(
            [Problem(None, "role_name", role_name, "bara a–z, 0–9 och _")], "Ogiltig roll"
        )
    if not password:
        raise ValidationError([Problem(None, "password", "", "lösenord saknas")], "Ogiltig roll")
    role = sql.Identifier(role_name)
    con = PostGISStore._direct(url)
    try:
        with con.transaction():
            dbname = con.execute("SELECT current_database()").fetchone()
            db = sql.Identifier(str(dbname[0] if dbname else ""))
            exists = con.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role_name,))
            verb = sql.SQL("ALTER" if exists.fetchone() else "CREATE")
            con.execute(
                sql.SQL("{} ROLE {} LOGIN PASSWORD {} NOSUPERUSER NOCREATEDB NOCREATEROLE").format(
                    verb, role, sql.Literal(password)
                )
            )
            statements = (
                "ALTER ROLE {role} SET default_transaction_read_only = on",
                "ALTER ROLE {role} SET statement_timeout = " + str(DEFAULT_STATEMENT_TIMEOUT_MS),
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT CONNECT ON DATABASE {db} TO {role}",
                "GRANT USAGE ON SCHEMA public TO {role}",
                "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role}",
                "GRANT SELECT ON {tables} TO {role}",
                "GRANT SELECT ON spatial_ref_sys, geometry_columns TO {role}",
            )
            tables = sql.SQL(", ").join(sql.Identifier(t) for t in READABLE_TABLES)
            for stmt in statements:
                con.execute(sql.SQL(stmt).format(role=role, db=db, tables=tables))
    except psycopg.Error as exc:
        raise StoreError(f"Rollen {role_name} kunde inte skapas: {exc}") from exc
    finally:
        con.close()


def existing_est_tables(url: str) -> list[str]:
    """Which of :data:`EST_TABLES` exist in the database at ``url`` (on its search path).

    Lets a caller tell an EST Geo database (``est_meta`` among them) from a fresh one
    (none) and from a database whose own tables merely share a name with ours.
    """
    con = PostGISStore._direct(url)
    try:
        rows = con.execute(
            "SELECT t FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, i) "
            "WHERE to_regclass(quote_ident(t)) IS NOT NULL ORDER BY i",
            (list(EST_TABLES),),
        ).fetchall()
    except psycopg.Error as exc:
        raise StoreError(f"Databasen {redact_url(url)} kunde inte läsas: {exc}") from exc
    finally:
        con.close()
    return [str(r[0]) for r in rows]


def drop_est_tables(url: str) -> None:
    """Drop EST Geo's tables (:data:`EST_TABLES`) and nothing else, in one transaction.

    For ``est-geo demo --replace`` on a shared server: the database, its other tables,
    its extensions and roles stay. Refused when the database is not EST Geo's (no
    ``est_meta``), so same-named tables of another application are never touched, and
    refused (nothing dropped) when another object such as a view depends on our tables.
    Grants to the read-only role go with the tables: run :func:`create_readonly_role`
    again afterwards.
    """
    con = PostGISStore._direct(url)
    try:
        with con.transaction():
            _drop_est_tables(con, url)
    except psycopg.Error as exc:
        raise StoreError(
            f"EST Geo-tabellerna i {redact_url(url)} kunde inte tas bort: {exc}"
        ) from exc
    finally:
        con.close()


def _drop_est_tables(con: Connection, url: str) -> None:
    """:func:`drop_est_tables` in ``con``'s open transaction (refusals as there)."""
    con.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
    if con.execute("SELECT to_regclass('est_meta')").fetchone() == (None,):
        raise StoreError(
            f"Databasen {redact_url(url)} är ingen EST Geo-databas; inga tabeller tas bort."
        )
    names = sql.SQL(", ").join(sql.Identifier(t) for t in EST_TABLES)
    try:
        with con.transaction():
            con.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(names))
    except pg_errors.DependentObjectsStillExist as exc:
        raise StoreError(
            f"EST Geo-tabellerna i {redact_url(url)} används av andra objekt "
            f"({exc.diag.message_detail or exc}); inget har tagits bort."
        ) from exc
