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
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, ClassVar, Final, cast

import pandas as pd
import psycopg
import shapely
from psycopg import errors as pg_errors
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import ConnectionPool, PoolTimeout
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    Problem,
    ReadOnlyError,
    SchemaVersionError,
    StoreError,
    ValidationError,
    keyed_error,
)
from est_geo.core.model import STORE_EPSG, CategoryTree
from est_geo.store.base import (
    IncidentQuery,
)
from est_geo.store.common import (
    now_text,
    read_only_error,
    refuse_schema,
    text_list,
)
from est_geo.store.demo_mode import DemoModeMixin
from est_geo.store.dialect import POSTGRES
from est_geo.store.login_throttle import LoginThrottleMixin
from est_geo.store.meeting import SQLMeetingMixin
from est_geo.store.postgis_grid import PostGISGridMixin
from est_geo.store.postgis_schema import (
    BOOKKEEPING_TABLES,
    EST_TABLES,
    GRANT_READABLE,
    PG_MIGRATIONS,
    PG_SCHEMA_V1,
    READABLE_TABLES,
    SCHEMA_LOCK,
)
from est_geo.store.schema import SCHEMA_VERSION
from est_geo.store.sql_core import SQLCoreMixin
from est_geo.store.urls import is_postgres_url

__all__ = [
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


class PostGISStore(
    SQLCoreMixin,
    PostGISGridMixin,
    SQLMeetingMixin,
    DemoModeMixin,
    LoginThrottleMixin,
):
    """The shared backend. Open with :func:`est_geo.store.open_store` (``postgresql://…``)."""

    backend = "postgis"
    _dialect = POSTGRES
    _VERSION_SQL = "SELECT max(version) FROM est_schema_version"
    _XYT_SQL = "ST_X(geom), ST_Y(geom), extract(epoch FROM occurred_at)::bigint"
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
            raise keyed_error(StoreError, "store.error.not_postgres_url", url=redact_url(url))
        if statement_timeout_ms <= 0 or pool_size <= 0:
            raise keyed_error(StoreError, "store.error.pool_settings")
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

    def _shown_url(self) -> str:
        return redact_url(self.url)

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
            raise keyed_error(
                ReadOnlyError, "store.error.read_only_connection", reason=exc.diag.message_primary
            ) from exc
        except pg_errors.QueryCanceled as exc:
            seconds = f"{self.statement_timeout_ms / 1000:g}"
            raise keyed_error(StoreError, "store.error.timeout", seconds=seconds) from exc
        except pg_errors.IntegrityError as exc:
            raise ValidationError(
                [Problem(None, exc.diag.constraint_name or "", "", exc.diag.message_primary or "")],
                key="store.invalid.refused",
            ) from exc
        except PoolTimeout as exc:
            raise keyed_error(
                StoreError, "store.error.pool_timeout", url=redact_url(self.url), cause=exc
            ) from exc
        except psycopg.OperationalError as exc:
            raise keyed_error(
                StoreError, "store.error.unreachable", url=redact_url(self.url), cause=exc
            ) from exc

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
            raise read_only_error()
        with self._connect() as con, con.transaction():
            yield con

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
                raise keyed_error(
                    DatabaseMissingError, "store.error.pg_missing", url=redact_url(url)
                ) from exc
            raise keyed_error(
                StoreError, "store.error.cannot_connect", url=redact_url(url), cause=text.strip()
            ) from exc

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
            raise keyed_error(
                StoreError, "store.error.schema_not_created", url=redact_url(url), cause=exc
            ) from exc
        finally:
            con.close()
        store = cls(url, statement_timeout_ms=statement_timeout_ms, pool_size=pool_size)
        store.replace_categories(categories or CategoryTree.default(), user="system")
        return store

    @staticmethod
    def _create_schema(con: Connection, url: str) -> None:
        """Create every table at :data:`SCHEMA_VERSION` in ``con``'s open transaction."""
        con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        if con.execute("SELECT to_regclass('est_meta')").fetchone() != (None,):
            raise keyed_error(StoreError, "store.error.pg_exists", url=redact_url(url))
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
                con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                store._pinned = con
                yield store
        except psycopg.Error as exc:
            raise keyed_error(
                StoreError, "store.error.write_aborted", url=redact_url(url), cause=exc
            ) from exc
        finally:
            store._pinned = None
            con.close()

    def create_schema_here(self, categories: CategoryTree | None = None) -> None:
        """Inside :meth:`one_transaction`: what :meth:`create` does, in that transaction."""
        if self._pinned is None:
            raise keyed_error(
                StoreError, "store.error.only_in_transaction", method="create_schema_here"
            )
        with self._errors():
            self._create_schema(self._pinned, self.url)
        self.replace_categories(categories or CategoryTree.default(), user="system")

    def drop_est_tables_here(self) -> None:
        """Inside :meth:`one_transaction`: :func:`drop_est_tables`, undone if it rolls back."""
        if self._pinned is None:
            raise keyed_error(
                StoreError, "store.error.only_in_transaction", method="drop_est_tables_here"
            )
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
            version = cls._checked_version(con, url, read_only=read_only)
            if version < SCHEMA_VERSION:
                with con.transaction():
                    con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
                    # Another replica may have migrated while we waited for the lock.
                    current = cls._checked_version(con, url)
                    cls._apply_migrations(con, current)
                    if current < SCHEMA_VERSION:
                        before = {"from": current}
                        cls._audit(con, "system", "migrate", "schema", None, before, None)
        except psycopg.Error as exc:
            raise keyed_error(
                StoreError, "store.error.cannot_open", url=redact_url(url), cause=exc
            ) from exc
        finally:
            con.close()
        return cls(
            url,
            read_only=read_only,
            statement_timeout_ms=statement_timeout_ms,
            pool_size=pool_size,
        )

    @staticmethod
    def _checked_version(con: Connection, url: str, *, read_only: bool = False) -> int:
        has_meta, has_version = con.execute(
            "SELECT to_regclass('est_meta') IS NOT NULL, "
            "to_regclass('est_schema_version') IS NOT NULL"
        ).fetchone() or (False, False)
        if not has_meta:
            raise keyed_error(
                DatabaseMissingError, "store.error.no_est_tables", url=redact_url(url)
            )
        if not has_version:
            raise keyed_error(CorruptDatabaseError, "store.error.incomplete", url=redact_url(url))
        row = con.execute("SELECT max(version) FROM est_schema_version").fetchone()
        if row is None or row[0] is None:
            raise keyed_error(CorruptDatabaseError, "store.error.incomplete", url=redact_url(url))
        version = int(row[0])
        refuse_schema(version, redact_url(url), read_only=read_only)
        return version

    @staticmethod
    def _apply_migrations(con: Connection, version: int) -> None:
        # A step may rewrite or count every incident (version 5 on 10⁷ rows takes
        # minutes): the interactive statement timeout would abort it half-way.
        con.execute("SELECT set_config('statement_timeout', %s, true)", (str(IMPORT_TIMEOUT_MS),))
        for v in range(version, SCHEMA_VERSION):
            if v not in PG_MIGRATIONS:
                raise keyed_error(
                    SchemaVersionError, "store.error.missing_migration", version=v, next=v + 1
                )
            for stmt in PG_MIGRATIONS[v]:
                con.execute(cast(Any, stmt))
            con.execute("INSERT INTO est_schema_version (version) VALUES (%s)", (v + 1,))
        if version < SCHEMA_VERSION:
            con.execute(sql.SQL(GRANT_READABLE).format(tables=sql.Literal(list(READABLE_TABLES))))

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
        tables = [t for t in EST_TABLES if t not in BOOKKEEPING_TABLES]
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
    # -- categories ----------------------------------------------------------------------
    # -- areas ---------------------------------------------------------------------------
    # -- incidents -----------------------------------------------------------------------
    def _import_transaction(self, rows: int) -> AbstractContextManager[Connection]:
        return self._write()

    def _load_incidents(self, con: Connection, df: pd.DataFrame, batch_id: str) -> int:
        """Rows travel by binary COPY into a staging table dropped at commit; the final
        ``INSERT … ON CONFLICT DO NOTHING`` makes a concurrent import of the same rows
        wait for ours and then skip them instead of failing or duplicating."""
        batch = batch_id
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
            text_list(df["source"]),
            text_list(df["source_id"]),
            strict=True,
        )
        con.execute("SELECT set_config('statement_timeout', %s, true)", (str(IMPORT_TIMEOUT_MS),))
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
        return max(cur.rowcount, 0)

    def _incident_filters(self, query: IncidentQuery) -> list[tuple[str, list[Any]]]:
        filters: list[tuple[str, list[Any]]] = []
        if query.bbox is not None:
            # && finds candidates on the GiST index, whose boxes are float4 rounded
            # outwards (a point centimetres beyond the edge matched); the stored x/y
            # decide exactly, as the embedded store and the columns do.
            box = [float(v) for v in query.bbox]
            envelope = f"geom && ST_MakeEnvelope(?, ?, ?, ?, {STORE_EPSG})"
            filters.append((f"{envelope} AND x >= ? AND y >= ? AND x <= ? AND y <= ?", box * 2))
        if query.weekdays is not None:
            days = sorted(int(d) for d in query.weekdays)
            filters.append(("(extract(isodow FROM occurred_at)::int - 1) = ANY(?::int[])", [days]))
        if query.hours is not None:
            hours = sorted(int(h) for h in query.hours)
            filters.append(("has_time AND extract(hour FROM occurred_at)::int = ANY(?::int[])",
                            [hours]))  # fmt: skip
        return filters

    #: SQL expressions of the :data:`COUNT_KEYS`.
    _COUNT_SQL: Final = {"category": "category", "month": "to_char(occurred_at, 'YYYY-MM')"}
    _PROFILE_SQL: Final = (
        "has_time, extract(isodow FROM occurred_at)::int - 1, extract(hour FROM occurred_at)::int"
    )

    def _covered(
        self, query: IncidentQuery | None, polygon: BaseGeometry | None
    ) -> tuple[str, list[Any]]:
        """``_where`` plus ``ST_Covers(polygon, geom)`` (GiST-indexed, boundary inside)."""
        where, params = self._where(query or IncidentQuery())
        if polygon is None:
            return where, params
        covers = f"ST_Covers(ST_GeomFromWKB(%s, {STORE_EPSG}), geom)"
        where = f"{where} AND {covers}" if where else f" WHERE {covers}"
        return where, [*params, shapely.to_wkb(polygon)]

    def _counted_within(
        self, polygon: BaseGeometry, keys: tuple[str, ...], query: IncidentQuery
    ) -> Iterable[tuple[Any, ...]]:
        """Grouped in SQL."""
        statement, params = self._counts_within_sql(polygon, keys, query)
        with self._connect() as con:
            return con.execute(cast(Any, statement), params).fetchall()

    def _counts_within_sql(
        self, polygon: BaseGeometry, keys: tuple[str, ...], query: IncidentQuery | None
    ) -> tuple[str, list[Any]]:
        """The statement of :meth:`counts_within` (``ST_Covers`` on the GiST index; the
        plan is tested) and its parameters."""
        where, params = self._covered(query, polygon)
        columns = "".join(f"{self._COUNT_SQL[k]}, " for k in keys)
        group = f" GROUP BY {', '.join(str(i + 1) for i in range(len(keys)))}" if keys else ""
        return f"SELECT {columns}count(*) FROM incidents{where}{group}", params

    def _profile_rows(
        self, polygon: BaseGeometry | None, query: IncidentQuery
    ) -> list[tuple[int, int, int, int]]:
        """Aggregated in SQL (at most 2 × 168 rows leave)."""
        where, params = self._covered(query, polygon)
        statement = f"SELECT {self._PROFILE_SQL}, count(*) FROM incidents{where} GROUP BY 1, 2, 3"
        with self._connect() as con:
            rows = con.execute(cast(Any, statement), params).fetchall()
        return [(int(h), d, hh, n) for h, d, hh, n in rows]


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
            [Problem.keyed(None, "role_name", role_name, "store.problem.role_name")],
            key="store.invalid.role",
        )
    if not password:
        raise ValidationError(
            [Problem.keyed(None, "password", "", "store.problem.no_password")],
            key="store.invalid.role",
        )
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
        raise keyed_error(
            StoreError, "store.error.role_not_created", role=role_name, cause=exc
        ) from exc
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
        raise keyed_error(
            StoreError, "store.error.cannot_read", url=redact_url(url), cause=exc
        ) from exc
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
        raise keyed_error(
            StoreError, "store.error.tables_not_dropped", url=redact_url(url), cause=exc
        ) from exc
    finally:
        con.close()


def _drop_est_tables(con: Connection, url: str) -> None:
    """:func:`drop_est_tables` in ``con``'s open transaction (refusals as there)."""
    con.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
    if con.execute("SELECT to_regclass('est_meta')").fetchone() == (None,):
        raise keyed_error(StoreError, "store.error.not_est_database", url=redact_url(url))
    names = sql.SQL(", ").join(sql.Identifier(t) for t in EST_TABLES)
    try:
        with con.transaction():
            con.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(names))
    except pg_errors.DependentObjectsStillExist as exc:
        raise keyed_error(
            StoreError,
            "store.error.tables_in_use",
            url=redact_url(url),
            detail=exc.diag.message_detail or exc,
        ) from exc
