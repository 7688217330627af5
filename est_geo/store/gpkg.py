"""Embedded store: one GeoPackage file (SQLite) that QGIS can open directly.

Connections are opened per operation: SQLite connections are cheap, and this keeps the
store safe to share between Streamlit's session threads. WAL journaling plus a busy
timeout lets readers and a writer work at the same time. Read-only stores are opened with
``mode=ro`` at the connection level, so a public instance cannot write even through a bug.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, Final

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import shapely
from numpy.typing import NDArray
from pyogrio.errors import DataLayerError, DataSourceError
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    NotFoundError,
    ReadOnlyError,
    SchemaVersionError,
    StoreError,
)
from est_geo.core.model import STORE_EPSG, CategoryTree, IndicatorDefinition, Intervention
from est_geo.hotspots.timeprofile import TimeProfile
from est_geo.store import geom, gpkg_bulk
from est_geo.store.area_keys import SQLAreaKeyMixin
from est_geo.store.area_versions import replacement_rows
from est_geo.store.base import (
    CONTEXT_EVENT_COLUMNS,
    ColumnBatch,
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
    profile_from_cells,
    refuse_read_only,
    usable_areas,
    user_audit,
    user_change_audit,
    user_from_row,
    validate_context_events,
    validate_incidents,
)
from est_geo.store.common import now_text as _now
from est_geo.store.demo_mode import DemoModeMixin
from est_geo.store.gpkg_bulk import IncidentBatch, insert_incidents
from est_geo.store.login_throttle import LoginThrottleMixin
from est_geo.store.meeting import GeoPackageMeetingMixin
from est_geo.store.schema import (
    GPKG_APPLICATION_ID,
    LAYERS,
    MIGRATIONS,
    RTREE_DAYS,
    SCHEMA_VERSION,
    create_statements,
)

_BUSY_TIMEOUT_MS = 30_000
#: Mode of a new database file: owner read/write only (it holds password hashes).
_FILE_MODE = 0o600
#: A new random token per incident write: a counter could read the same again in a file
#: rebuilt and renamed by ``est-geo demo``, a token cannot.
#: The token it replaces is kept as ``data_version_prev``: a cache holding exactly that
#: state may read only the rows added since (:func:`est_geo.store.columns.incident_columns`).
_BUMP_DATA_VERSION: Final = (
    "INSERT OR REPLACE INTO est_meta "
    "SELECT 'data_version_prev', value FROM est_meta WHERE key = 'data_version'",
    "INSERT OR REPLACE INTO est_meta VALUES ('data_version', ?)",
)
#: Seconds since 1970 of the stored ISO text: ``unixepoch`` (SQLite 3.38+) is as quick
#: as reading the text, ``strftime('%s')`` a third slower.
_EPOCH_SQL: Final = (
    "unixepoch(occurred_at)"
    if sqlite3.sqlite_version_info >= (3, 38)
    else "CAST(strftime('%s', occurred_at) AS INTEGER)"
)
#: ``_EPOCH_SQL`` for GDAL's own SQLite (``unixepoch`` where it has it: not known here,
#: so the reader falls back to sqlite3 when the statement fails).
_EPOCH_GDAL_SQL: Final = "unixepoch(occurred_at)"


def _arrow_batch(batch: Any) -> ColumnBatch:
    """A :class:`ColumnBatch` of one Arrow record batch of ``incident_column_batches``."""

    def numbers(name: str, dtype: type) -> NDArray[Any]:
        column = pc.cast(batch.column(name), pa.float64())
        return np.asarray(column.to_numpy(zero_copy_only=False)).astype(dtype)

    texts = []
    for name in ("category", "actor", "precision"):
        encoded = pc.dictionary_encode(pc.cast(batch.column(name), pa.string()))
        codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
        texts.append((codes, tuple(str(v) for v in encoded.dictionary.to_pylist())))
    return ColumnBatch(
        fid=numbers("fid_", np.int64),
        x=numbers("x", np.float64),
        y=numbers("y", np.float64),
        t=numbers("t", np.int64),
        has_time=numbers("has_time", np.float64) != 0,
        texts=tuple(texts),
    )


_STAMP_SQL: Final = (
    "SELECT (SELECT value FROM est_meta WHERE key = 'data_version'), "
    "(SELECT value FROM est_meta WHERE key = 'incidents_edits'), "
    "(SELECT max(fid) FROM incidents), (SELECT count(*) FROM incidents)"
)


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat()


class GeoPackageStore(GeoPackageMeetingMixin, SQLAreaKeyMixin, DemoModeMixin, LoginThrottleMixin):
    """The default, embedded backend. Create with :func:`est_geo.store.open_store`."""

    backend = "geopackage"

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.url = str(path)
        self.read_only = read_only

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, *, categories: CategoryTree | None = None) -> GeoPackageStore:
        """Create a new, empty database file; refuses to overwrite an existing file."""
        if path.exists():
            raise StoreError(f"Databasen {path} finns redan; den skrivs inte över.")
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".creating")
        tmp.unlink(missing_ok=True)
        # Owner-only from the first byte: the file holds password hashes and every
        # incident's description. SQLite gives its -wal/-shm files the same mode.
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE))
        con = sqlite3.connect(tmp)
        try:
            for sql, params in create_statements():
                con.execute(sql, params)
            con.execute(
                "INSERT INTO est_meta VALUES ('schema_version', ?), ('created_at', ?), "
                "('demo', 'false')",
                (str(SCHEMA_VERSION), _now()),
            )
            con.commit()
            con.execute("PRAGMA journal_mode=WAL")
        finally:
            con.close()
        tmp.rename(path)
        store = cls(path)
        store.replace_categories(categories or CategoryTree.default(), user="system")
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> GeoPackageStore:
        """Open an existing file, checking that it is ours and of a version we know."""
        if not path.exists():
            raise DatabaseMissingError(
                f"Databasen {path} finns inte. Skapa den med `est-geo demo --db {path}` "
                "eller ange rätt sökväg i EST_GEO_DATABASE_URL."
            )
        store = cls(path, read_only=read_only)
        version = store._checked_version()
        if version < SCHEMA_VERSION:
            if read_only:
                raise SchemaVersionError(
                    f"Databasen {path} har schemaversion {version} men {SCHEMA_VERSION} krävs; "
                    "öppna den en gång med skrivrätt (`est-geo info`) för att uppgradera."
                )
            store._migrate(version)
        return store

    def _checked_version(self) -> int:
        try:
            with self._connect() as con:
                app_id = con.execute("PRAGMA application_id").fetchone()[0]
                row = con.execute(
                    "SELECT value FROM est_meta WHERE key = 'schema_version'"
                ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(
                f"Filen {self.path} är inte en EST Geo-databas eller är skadad ({exc}). "
                "Återställ från säkerhetskopia; filen har inte ändrats."
            ) from exc
        if app_id != GPKG_APPLICATION_ID or row is None:
            raise CorruptDatabaseError(
                f"Filen {self.path} är ingen EST Geo-databas (saknar GeoPackage-/EST-metadata)."
            )
        version = int(row[0])
        if version > SCHEMA_VERSION:
            raise SchemaVersionError(
                f"Databasen {self.path} har schemaversion {version}, nyare än denna EST Geo "
                f"({SCHEMA_VERSION}). Uppgradera EST Geo; databasen har inte ändrats."
            )
        return version

    def _migrate(self, version: int) -> None:
        with self._write() as con:
            for v in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS[v]:
                    con.execute(sql)
            con.execute(
                "UPDATE est_meta SET value = ? WHERE key = 'schema_version'",
                (str(SCHEMA_VERSION),),
            )
            self._audit(con, "system", "migrate", "schema", None, {"from": version}, None)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            uri = f"file:{self.path.resolve()}?mode=ro"
            con = sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT_MS / 1000)
        else:
            con = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000)
        try:
            con.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            yield con
        finally:
            con.close()

    @contextmanager
    def _write(self, *, bulk: bool = False) -> Iterator[sqlite3.Connection]:
        """One write transaction: commit on success, roll back on any error.

        ``bulk``: the commit does not wait for the WAL to reach the disk
        (``synchronous = NORMAL``, set before the transaction as SQLite requires). The
        transaction stays atomic; a power cut right after it may lose it whole, which a
        repeated import recovers, while a bulk import saves the flush of a WAL of
        hundreds of MB.
        """
        if self.read_only:
            raise ReadOnlyError(READ_ONLY_MESSAGE)
        with self._connect() as con:
            if bulk:
                con.execute("PRAGMA synchronous = NORMAL")
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    @staticmethod
    def _audit(
        con: sqlite3.Connection,
        user: str,
        action: str,
        entity: str,
        entity_id: str | None,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> None:
        con.execute(
            "INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) "
            "VALUES (?,?,?,?,?,?,?)",
            (
                _now(),
                user,
                action,
                entity,
                entity_id,
                audit_json(before),
                audit_json(after),
            ),
        )

    # -- meta ----------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        """All metadata key/values."""
        with self._connect() as con:
            return dict(con.execute("SELECT key, value FROM est_meta").fetchall())

    def set_meta(self, values: dict[str, str], *, user: str) -> None:
        """Set metadata keys."""
        with self._write() as con:
            before = dict(con.execute("SELECT key, value FROM est_meta").fetchall())
            con.executemany("INSERT OR REPLACE INTO est_meta VALUES (?, ?)", values.items())
            old = {k: before.get(k) for k in values}
            self._audit(con, user, "update", "meta", None, old, dict(values))

    def is_demo(self) -> bool:
        """True when the database holds the synthetic demo data."""
        return self.meta().get("demo") == "true"

    def info(self) -> StoreInfo:
        """Counts per table, version and CRS."""
        with self._connect() as con:
            counts = {
                table: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table, _, _ in LAYERS
                if table != "est_meta"
            }
            lo, hi = con.execute(
                "SELECT min(occurred_at), max(occurred_at) FROM incidents"
            ).fetchone()
        meta = self.meta()
        return StoreInfo(
            url=self.url,
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
            con.executemany(
                "INSERT INTO categories VALUES (?,?,?,?,?)",
                [(c.key, c.name_sv, c.name_en, c.parent, i) for i, c in enumerate(tree.categories)],
            )
            after = {"keys": [c.key for c in tree.categories]}
            self._audit(
                con, user, "replace", "categories", None, {"keys": [r[0] for r in before]}, after
            )

    # -- areas ---------------------------------------------------------------------------
    def areas(self, *, levels: Iterable[str] | None = None) -> gpd.GeoDataFrame:
        """Areas in EPSG:3006, ordered by level then name; a shape that cannot be drawn is left out
        (:func:`~est_geo.store.common.usable_areas`)."""
        return usable_areas(self._stored_areas(levels))

    def _stored_areas(self, levels: Iterable[str] | None) -> gpd.GeoDataFrame:
        sql = "SELECT fid, code, name, level, parent_code, geom FROM areas"
        params: list[str] = []
        if levels is not None:
            wanted = list(levels)
            sql += f" WHERE level IN ({','.join('?' * len(wanted))})"
            params = wanted
        with self._connect() as con:
            rows = con.execute(sql + " ORDER BY fid", params).fetchall()
        frame = pd.DataFrame(
            [r[:5] for r in rows], columns=["fid", "code", "name", "level", "parent_code"]
        )
        geoms = geom.decode_many([r[5] for r in rows])
        return gpd.GeoDataFrame(frame, geometry=geoms, crs=f"EPSG:{STORE_EPSG}")

    def add_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> int:
        """Insert areas; every problem is reported and nothing written on failure."""
        rows = [
            (geom.encode(multi, STORE_EPSG), *fields, *multi.bounds)
            for multi, *fields in area_rows(areas, self._stored_areas(None)["code"])
        ]
        with self._write() as con:
            con.executemany(
                "INSERT INTO areas (geom, code, name, level, parent_code, minx, miny, maxx, maxy)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                rows,
            )
            self._audit(con, user, "insert", "areas", None, None, {"codes": [r[1] for r in rows]})
            self._end_demo(con, user, "areas")
            self._touch_extent(con, "areas")
        return len(rows)

    def replace_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> tuple[int, int]:
        """Insert new codes, replace shape, name and parent of stored ones (one transaction)."""
        new, old = replacement_rows(areas, self._stored_areas(None))
        with self._write() as con:
            con.executemany(
                "INSERT INTO areas (geom, code, name, level, parent_code, minx, miny, maxx, maxy)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [(geom.encode(m, STORE_EPSG), *f, *m.bounds) for m, *f in new],
            )
            con.executemany(
                "UPDATE areas SET geom=?, name=?, parent_code=?, minx=?, miny=?, maxx=?, maxy=?"
                " WHERE code=?",
                [(geom.encode(m, STORE_EPSG), n, p, *m.bounds, c) for m, c, n, _, p in old],
            )
            after = {"inserted": [r[1] for r in new], "replaced": [r[1] for r in old]}
            self._audit(con, user, "replace", "areas", None, None, after)
            self._end_demo(con, user, "areas")
            self._touch_extent(con, "areas")
        return len(new), len(old)

    @staticmethod
    def _touch_extent(con: sqlite3.Connection, table: str) -> None:
        if table == "incidents":
            ext = con.execute("SELECT min(x), min(y), max(x), max(y) FROM incidents").fetchone()
        else:
            ext = con.execute(
                f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {table}"
            ).fetchone()
        con.execute(
            "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
            "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
            (*ext, table),
        )

    @staticmethod
    def _grow_extent(
        con: sqlite3.Connection,
        table: str,
        box: tuple[float, float, float, float],
        table_was_empty: bool,
    ) -> None:
        """Set the extent of ``table`` to the stored one grown by ``box`` (all rows of
        ``box`` were inserted), instead of a min/max scan over the whole table.

        A missing stored extent on a table that already had rows (written by another
        tool) cannot be grown, so that case falls back to the scan.
        """
        stored = con.execute(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?",
            (table,),
        ).fetchone()
        if table_was_empty:
            ext = tuple(float(v) for v in box)
        elif stored is None or None in stored:
            GeoPackageStore._touch_extent(con, table)
            return
        else:
            ext = (
                min(stored[0], float(box[0])),
                min(stored[1], float(box[1])),
                max(stored[2], float(box[2])),
                max(stored[3], float(box[3])),
            )
        con.execute(
            "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
            "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
            (*ext, table),
        )

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
        """
        refuse_read_only(self.read_only)
        df = self._validate_incidents(incidents)
        n = len(df)
        batch = batch_id or uuid.uuid4().hex[:12]
        rows = IncidentBatch.of(df)
        sources = rows.sources
        x, y = rows.x, rows.y
        with self._write(bulk=n >= gpkg_bulk.BULK_MIN_ROWS) as con:
            existing = int(con.execute("SELECT count(*) FROM incidents").fetchone()[0])
            inserted = insert_incidents(con, rows, batch, existing)
            result = ImportResult(batch, n, inserted, n - inserted)
            con.execute(
                "INSERT INTO import_batches VALUES (?,?,?,?,?,?,?)",
                (
                    batch,
                    ",".join(sorted(set(sources))),
                    _now(),
                    user,
                    n,
                    inserted,
                    result.duplicates,
                ),
            )
            self._audit(con, user, "import", "incidents", batch, None, result.__dict__)
            self._end_demo(con, user, "incidents")
            if inserted:
                con.execute(_BUMP_DATA_VERSION[0])
                con.execute(_BUMP_DATA_VERSION[1], (uuid.uuid4().hex,))
            if inserted == n and n:
                # Every row went in, so the new extent is the stored one grown by the
                # batch's box: exact, without scanning the whole table for min/max.
                self._grow_extent(
                    con, "incidents", (x.min(), y.min(), x.max(), y.max()), existing == 0
                )
            elif inserted:  # skipped duplicates may lie elsewhere: measure what is stored
                self._touch_extent(con, "incidents")
            if remember is not None:
                self._save_mapping(con, remember, user)
        return result

    @staticmethod
    def _where(query: IncidentQuery) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if query.start is not None:
            clauses.append("occurred_at >= ?")
            params.append(_iso(query.start))
        if query.end is not None:
            clauses.append("occurred_at < ?")
            params.append(_iso(query.end))
        for column, values in (("category", query.categories), ("actor", query.actors)):
            if values is not None:
                clauses.append(f"{column} IN ({','.join('?' * len(values))})" if values else "0")
                params.extend(sorted(values))
        if query.bbox is not None:
            clauses.append("x >= ? AND y >= ? AND x <= ? AND y <= ?")
            params.extend(query.bbox)
        if query.weekdays is not None:
            # SQLite's %w: 0 = Sunday; ours: 0 = Monday.
            days = sorted(str((d + 1) % 7) for d in query.weekdays)
            clauses.append(f"strftime('%w', occurred_at) IN ({','.join('?' * len(days))})")
            params.extend(days)
        if query.hours is not None:
            hours = sorted(f"{h:02d}" for h in query.hours)
            clauses.append(
                f"has_time = 1 AND strftime('%H', occurred_at) IN ({','.join('?' * len(hours))})"
            )
            params.extend(hours)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def incidents(self, query: IncidentQuery | None = None) -> pd.DataFrame:
        """Incidents as a DataFrame (x/y in EPSG:3006, occurred_at as datetime64)."""
        query = query or IncidentQuery()
        where, params = self._where(query)
        cols = (
            "fid, x, y, occurred_at, has_time, category, actor, precision, source, source_id, "
            "batch_id"
        )
        if query.with_text:
            cols += ", description"
        with self._connect() as con:
            cur = con.execute(f"SELECT {cols} FROM incidents{where} ORDER BY occurred_at", params)
            names = [d[0] for d in cur.description]
            frame = pd.DataFrame(cur.fetchall(), columns=names)
        frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], format="ISO8601")
        frame["has_time"] = frame["has_time"].astype(bool)
        frame[["x", "y"]] = frame[["x", "y"]].astype(float)
        return frame

    def count_incidents(self, query: IncidentQuery | None = None) -> int:
        """Count matching incidents in SQL (no rows transferred)."""
        where, params = self._where(query or IncidentQuery())
        with self._connect() as con:
            return int(con.execute(f"SELECT count(*) FROM incidents{where}", params).fetchone()[0])

    def data_stamp(self) -> str:
        """Changes whenever the stored incidents change (see :meth:`Store.data_stamp`).

        The token written by every incident write, the count of rows changed or
        deleted by any tool (kept by triggers, schema 8), the highest fid and the row
        count, so another tool's edits (QGIS) change it too.
        """
        with self._connect() as con:
            row = con.execute(_STAMP_SQL).fetchone()
        return ":".join("" if v is None else str(v) for v in row)

    def incident_column_chunks(
        self, *, after_fid: int | None = None, chunk_rows: int = 200_000
    ) -> Iterator[list[ColumnRow]]:
        """Incidents (those with fid > ``after_fid``) as :data:`ColumnRow` tuples, in chunks."""
        with self._connect() as con:
            cur = con.execute(
                f"SELECT fid, x, y, {_EPOCH_SQL}, has_time, category, actor, precision "
                "FROM incidents WHERE fid > ?",
                (-1 if after_fid is None else int(after_fid),),
            )
            while rows := cur.fetchmany(chunk_rows):
                yield rows

    def incident_column_batches(
        self, *, after_fid: int | None = None, chunk_rows: int = 200_000
    ) -> Iterator[ColumnBatch]:
        """:meth:`incident_column_chunks` as arrays, read by GDAL's Arrow reader.

        Why: ``fetchmany`` makes a Python object of every value (8 a row) and turning
        them into arrays costs as much again: about 2.3 s of CPU for a million rows,
        against 0.5 s for GDAL reading the same statement into Arrow columns in C
        (bench/bench_read_path.py). Same SQL, so the same values: numbers go through
        REAL (exact below 2**53) so GDAL cannot guess a narrower integer type from the
        first row. If GDAL cannot run the statement (an older SQLite without
        ``unixepoch``, a file it refuses), the rows come through sqlite3 as before.
        """
        after = -1 if after_fid is None else int(after_fid)
        sql = (
            f"SELECT fid * 1.0 AS fid_, x, y, {_EPOCH_GDAL_SQL} * 1.0 AS t, has_time, "
            f"category, actor, precision FROM incidents WHERE fid > {after}"
        )
        with ExitStack() as stack:
            try:
                _, reader = stack.enter_context(
                    pyogrio.raw.open_arrow(
                        str(self.path),
                        sql=sql,
                        read_geometry=False,
                        batch_size=chunk_rows,
                        use_pyarrow=True,
                    )
                )
            except (DataSourceError, DataLayerError):
                reader = None
            if reader is None:
                for chunk in self.incident_column_chunks(
                    after_fid=after_fid, chunk_rows=chunk_rows
                ):
                    yield ColumnBatch.from_rows(chunk)
                return
            for batch in reader:
                if batch.num_rows:
                    yield _arrow_batch(batch)

    #: SQLite expressions of the :data:`COUNT_KEYS` (``occurred_at`` is ISO 8601 text).
    _COUNT_SQL: Final = {"category": "category", "month": "strftime('%Y-%m', occurred_at)"}
    _PROFILE_SQL: Final = (
        "has_time, (CAST(strftime('%w', occurred_at) AS INTEGER) + 6) % 7, "
        "CAST(strftime('%H', occurred_at) AS INTEGER)"
    )

    def _within(
        self, polygon: BaseGeometry, columns: str, query: IncidentQuery | None
    ) -> list[tuple[Any, ...]]:
        """``columns`` of the incidents covered by ``polygon`` (bbox in SQL, then exact).

        The R*Tree (``incidents_rtree``) finds the incidents in the polygon's bounding box
        (overlap, since it rounds outwards; the exact x/y box follows), ``CROSS JOIN``
        keeping it the outer loop; ``intersects_xy`` then keeps points inside or on the
        boundary, the rule PostGIS's ``ST_Covers`` applies.
        """
        sql, params = self._within_sql(polygon, columns, query)
        with self._connect() as con:
            rows = con.execute(sql, params).fetchall()
        if not rows:
            return []
        xy = np.asarray([r[:2] for r in rows], dtype=float)
        shapely.prepare(polygon)
        inside = shapely.intersects_xy(polygon, xy[:, 0], xy[:, 1])
        return [r[2:] for r, keep in zip(rows, inside, strict=True) if keep]

    def _within_sql(
        self, polygon: BaseGeometry, columns: str, query: IncidentQuery | None
    ) -> tuple[str, list[Any]]:
        """The statement of :meth:`_within` and its parameters (the plan is tested)."""
        query = query or IncidentQuery()
        where, params = self._where(query)
        minx, miny, maxx, maxy = polygon.bounds
        clauses = [
            "r.maxx >= ? AND r.minx <= ? AND r.maxy >= ? AND r.miny <= ?",
            "x >= ? AND x <= ? AND y >= ? AND y <= ?",
        ]
        box: list[Any] = [minx, maxx, miny, maxy, minx, maxx, miny, maxy]
        if query.start is not None:
            clauses.append(f"r.maxt >= {RTREE_DAYS.format('?')}")
            box.append(_iso(query.start))
        if query.end is not None:
            clauses.append(f"r.mint <= {RTREE_DAYS.format('?')}")
            box.append(_iso(query.end))
        both = " AND ".join(clauses)
        where = f"{where} AND {both}" if where else f" WHERE {both}"
        sql = (
            f"SELECT x, y, {columns} FROM incidents_rtree AS r "
            f"CROSS JOIN incidents ON incidents.fid = r.id{where}"
        )
        return sql, [*params, *box]

    def counts_within(
        self,
        polygon: BaseGeometry,
        *,
        by: tuple[str, ...] = ("category",),
        query: IncidentQuery | None = None,
    ) -> pd.DataFrame:
        """Incidents covered by ``polygon`` per ``by`` (see :meth:`Store.counts_within`)."""
        keys = check_count_keys(by)
        check_count_polygon(polygon)
        columns = ", ".join([*(self._COUNT_SQL[k] for k in keys), "1"])
        counter = Counter(tuple(r[: len(keys)]) for r in self._within(polygon, columns, query))
        return counts_frame(((*k, n) for k, n in counter.items()), keys)

    def weekday_hour_profile(
        self, polygon: BaseGeometry | None = None, *, query: IncidentQuery | None = None
    ) -> TimeProfile:
        """Weekday × hour counts (see :meth:`Store.weekday_hour_profile`)."""
        if polygon is None:
            where, params = self._where(query or IncidentQuery())
            with self._connect() as con:
                rows = con.execute(
                    f"SELECT {self._PROFILE_SQL}, count(*) FROM incidents{where} GROUP BY 1, 2, 3",
                    params,
                ).fetchall()
        else:
            check_count_polygon(polygon)
            rows = [(*r, 1) for r in self._within(polygon, self._PROFILE_SQL, query)]
        cells = np.asarray(rows, dtype=np.int64).reshape(-1, 4)
        return profile_from_cells(cells[:, 0] != 0, cells[:, 1], cells[:, 2], cells[:, 3])

    # -- interventions -------------------------------------------------------------------
    _IV_COLS = (
        "fid, name, kind, status, owner_actor, start_date, end_date, description, public, "
        "cost, buffer_m, geom"
    )

    @staticmethod
    def _iv_from_row(row: tuple[Any, ...]) -> Intervention:
        return intervention_from_row(row, geom.decode(row[11]))

    @staticmethod
    def _iv_params(iv: Intervention) -> tuple[Any, ...]:
        return (
            iv.name,
            iv.kind,
            iv.status,
            iv.owner_actor,
            _iso(iv.start_date),
            _iso(iv.end_date),
            iv.description,
            int(iv.public),
            iv.cost,
            iv.buffer_m,
            geom.encode(iv.geometry, STORE_EPSG),
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
                f"SELECT {self._IV_COLS} FROM interventions WHERE fid = ?", (intervention_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"Åtgärd {intervention_id} finns inte.")
        return self._iv_from_row(row)

    def add_intervention(self, intervention: Intervention, *, user: str) -> int:
        """Validate and insert; returns the new id."""
        intervention.validate()
        with self._write() as con:
            cur = con.execute(
                "INSERT INTO interventions (name, kind, status, owner_actor, start_date, "
                "end_date, description, public, cost, buffer_m, geom, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*self._iv_params(intervention), _now(), _now()),
            )
            new_id = int(cur.lastrowid or 0)
            after = intervention_audit(intervention) | {"id": new_id}
            self._audit(con, user, "insert", "interventions", str(new_id), None, after)
        return new_id

    def update_intervention(self, intervention: Intervention, *, user: str) -> None:
        """Replace an intervention's fields and geometry."""
        if intervention.id is None:
            raise NotFoundError("Åtgärden saknar id.")
        intervention.validate()
        before = intervention_audit(self.get_intervention(intervention.id))
        with self._write() as con:
            con.execute(
                "UPDATE interventions SET name=?, kind=?, status=?, owner_actor=?, start_date=?, "
                "end_date=?, description=?, public=?, cost=?, buffer_m=?, geom=?, updated_at=? "
                "WHERE fid=?",
                (*self._iv_params(intervention), _now(), intervention.id),
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
        before = intervention_audit(self.get_intervention(intervention_id))
        with self._write() as con:
            con.execute("DELETE FROM interventions WHERE fid = ?", (intervention_id,))
            self._audit(con, user, "delete", "interventions", str(intervention_id), before, None)

    # -- indicators ----------------------------------------------------------------------
    def indicator_definitions(self) -> list[IndicatorDefinition]:
        """The indicator catalogue, ordered by key insertion."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT key, name_sv, name_en, unit, higher_is_better, source, area_level, notes "
                "FROM indicator_definitions ORDER BY rowid"
            ).fetchall()
        return [
            IndicatorDefinition(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows
        ]

    def upsert_indicator_definition(self, definition: IndicatorDefinition, *, user: str) -> None:
        """Insert or replace one catalogue entry."""
        d = definition
        with self._write() as con:
            con.execute(
                "INSERT INTO indicator_definitions VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(key) DO "
                "UPDATE SET name_sv=excluded.name_sv, name_en=excluded.name_en, unit=excluded.unit,"
                " higher_is_better=excluded.higher_is_better, source=excluded.source, "
                "area_level=excluded.area_level, notes=excluded.notes",
                (
                    d.key,
                    d.name_sv,
                    d.name_en,
                    d.unit,
                    int(d.higher_is_better),
                    d.source,
                    d.area_level,
                    d.notes,
                ),
            )
            self._audit(con, user, "upsert", "indicator_definitions", d.key, None, d.__dict__)

    def indicator_values(self, indicator_key: str | None = None) -> pd.DataFrame:
        """Indicator values, optionally for one indicator."""
        sql = "SELECT indicator_key, area_code, period, value, n FROM indicator_values"
        params: tuple[str, ...] = ()
        if indicator_key is not None:
            sql += " WHERE indicator_key = ?"
            params = (indicator_key,)
        with self._connect() as con:
            rows = con.execute(
                sql + " ORDER BY indicator_key, area_code, period", params
            ).fetchall()
        return pd.DataFrame(rows, columns=["indicator_key", "area_code", "period", "value", "n"])

    def add_indicator_values(self, values: pd.DataFrame, *, user: str) -> int:
        """Insert or replace values in one transaction (keys must be in the catalogue)."""
        rows = indicator_value_rows(values, {d.key for d in self.indicator_definitions()})
        with self._write() as con:
            con.executemany("INSERT OR REPLACE INTO indicator_values VALUES (?,?,?,?,?)", rows)
            self._audit(con, user, "upsert", "indicator_values", None, None, {"rows": len(rows)})
            self._end_demo(con, user, "indicator_values")
        return len(rows)

    # -- audit ---------------------------------------------------------------------------
    def audit_log(self, *, limit: int = 1000) -> pd.DataFrame:
        """Newest first."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT id, at, user, action, entity, entity_id, before, after FROM audit_log "
                "ORDER BY id DESC LIMIT ?",
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
        rows = context_event_rows(df, times, batch, lambda t: t.strftime("%Y-%m-%dT%H:%M:%S"))
        with self._write() as con:
            before = con.total_changes
            con.executemany(
                "INSERT OR IGNORE INTO context_events (source, source_id, occurred_at, type, "
                "category, name, summary, url, location_name, lat, lon, area_codes, batch_id) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            inserted = con.total_changes - before
            result = ImportResult(batch, len(rows), inserted, len(rows) - inserted)
            sources = ",".join(sorted(set(df["source"].astype(str))))
            con.execute(
                "INSERT INTO import_batches VALUES (?,?,?,?,?,?,?)",
                (batch, sources, _now(), user, len(rows), inserted, result.duplicates),
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
        """Context events, newest first; ``area_codes`` as a tuple per row."""
        clauses: list[str] = []
        params: list[Any] = []
        if start is not None:
            clauses.append("occurred_at >= ?")
            params.append(_iso(start))
        if end is not None:
            clauses.append("occurred_at < ?")
            params.append(_iso(end))
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cols = ["fid", *CONTEXT_EVENT_COLUMNS, "batch_id"]
        with self._connect() as con:
            rows = con.execute(
                f"SELECT {', '.join(cols)} FROM context_events{where} "
                "ORDER BY occurred_at DESC, fid DESC",
                params,
            ).fetchall()
        frame = pd.DataFrame(rows, columns=cols)
        frame["area_codes"] = [tuple(json.loads(v)) for v in frame["area_codes"]]
        if area_codes is not None:
            wanted = set(area_codes)
            frame = frame[[bool(wanted.intersection(v)) for v in frame["area_codes"]]]
            frame = frame.reset_index(drop=True)
        frame["occurred_at"] = pd.to_datetime(frame["occurred_at"], format="ISO8601")
        frame[["lat", "lon"]] = frame[["lat", "lon"]].astype(float)
        return frame

    def import_mapping(self, source: str, kind: str) -> dict[str, Any] | None:
        """The mapping remembered for (source, kind), or ``None``."""
        with self._connect() as con:
            row = con.execute(
                "SELECT mapping FROM import_mappings WHERE source = ? AND kind = ?", (source, kind)
            ).fetchone()
        if row is None:
            return None
        value = json.loads(row[0])
        return value if isinstance(value, dict) else None

    def save_import_mapping(
        self, source: str, kind: str, mapping: dict[str, Any], *, user: str
    ) -> None:
        """Insert or replace the remembered mapping for (source, kind)."""
        with self._write() as con:
            self._save_mapping(con, RememberedMapping(source, kind, mapping), user)

    def _save_mapping(self, con: sqlite3.Connection, saved: RememberedMapping, user: str) -> None:
        source, kind = saved.source, saved.kind
        text = json.dumps(saved.mapping, ensure_ascii=False, sort_keys=True)
        old = con.execute(
            "SELECT mapping FROM import_mappings WHERE source = ? AND kind = ?", (source, kind)
        ).fetchone()
        con.execute(
            "INSERT OR REPLACE INTO import_mappings VALUES (?,?,?,?,?)",
            (source, kind, text, _now(), user),
        )
        self._audit(
            con,
            user,
            "upsert",
            "import_mappings",
            f"{source}/{kind}",
            json.loads(old[0]) if old else None,
            saved.mapping,
        )

    # -- users ---------------------------------------------------------------------------
    _USER_COLS = (
        "username, role, display_name, password_hash, disabled, created_at, updated_at, last_login"
    )

    def users(self) -> list[UserRecord]:
        """Every account, ordered by username."""
        with self._connect() as con:
            rows = con.execute(f"SELECT {self._USER_COLS} FROM users ORDER BY username").fetchall()
        return [user_from_row(r) for r in rows]

    def get_user(self, username: str) -> UserRecord | None:
        """One account by exact username, or ``None``."""
        with self._connect() as con:
            row = con.execute(
                f"SELECT {self._USER_COLS} FROM users WHERE username = ?", (username,)
            ).fetchone()
        return None if row is None else user_from_row(row)

    def add_user(self, record: UserRecord, *, user: str) -> None:
        """Insert a new account; a taken username is an error, not an overwrite."""
        now = _now()
        with self._write() as con:
            exists = con.execute(
                "SELECT 1 FROM users WHERE username = ?", (record.username,)
            ).fetchone()
            if exists:
                raise StoreError(f"Användaren '{record.username}' finns redan.")
            con.execute(
                f"INSERT INTO users ({self._USER_COLS}) VALUES (?,?,?,?,?,?,?,?)",
                (
                    record.username,
                    record.role,
                    record.display_name,
                    record.password_hash,
                    int(record.disabled),
                    now,
                    now,
                    None,
                ),
            )
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
                f"SELECT {self._USER_COLS} FROM users WHERE username = ?", (username,)
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
                "UPDATE users SET role=?, display_name=?, password_hash=?, disabled=?, "
                "updated_at=? WHERE username=?",
                (
                    after.role,
                    after.display_name,
                    after.password_hash,
                    int(after.disabled),
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
                con.execute(
                    "UPDATE users SET last_login = ? WHERE username = ?", (_now(), username)
                )
            action = "login" if success else "login_failed"
            self._audit(con, username, action, "session", username, None, {"method": method})
