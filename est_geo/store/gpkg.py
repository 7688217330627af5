"""Embedded store: one GeoPackage file (SQLite) that QGIS can open directly.

Connections are opened per operation: SQLite connections are cheap, and this keeps the
store safe to share between Streamlit's session threads. WAL journaling plus a busy
timeout lets readers and a writer work at the same time. Read-only stores are opened with
``mode=ro`` at the connection level, so a public instance cannot write even through a bug.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, contextmanager
from pathlib import Path
from typing import Any, Final

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
    StoreError,
    keyed_error,
)
from est_geo.core.model import CategoryTree
from est_geo.store import gpkg_bulk
from est_geo.store.base import (
    ColumnBatch,
    IncidentQuery,
)
from est_geo.store.common import (
    iso_text,
    read_only_error,
    refuse_schema,
)
from est_geo.store.common import now_text as _now
from est_geo.store.demo_mode import DemoModeMixin
from est_geo.store.dialect import SQLITE
from est_geo.store.gpkg_bulk import IncidentBatch, insert_incidents
from est_geo.store.login_throttle import LoginThrottleMixin
from est_geo.store.meeting import SQLMeetingMixin
from est_geo.store.schema import (
    GPKG_APPLICATION_ID,
    MIGRATIONS,
    REBUILT_V10,
    RTREE_DAYS,
    SCHEMA_VERSION,
    create_statements,
)
from est_geo.store.sql_core import SQLCoreMixin

_BUSY_TIMEOUT_MS = 30_000
#: Mode of a new database file: owner read/write only (it holds password hashes).
_FILE_MODE = 0o600
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


_RENAME_COLUMN: Final = re.compile(r"ALTER TABLE (\w+) RENAME COLUMN (\w+) TO (\w+)")


def _renamed_already(con: sqlite3.Connection, statement: str) -> bool:
    """Whether ``statement`` renames a column that is already renamed.

    Keeps every step rerunnable (a file whose version number was set back, as the
    upgrade tests do, still upgrades); SQLite has no ``RENAME COLUMN IF EXISTS``.
    """
    match = _RENAME_COLUMN.fullmatch(statement)
    if match is None:
        return False
    table, old, _ = match.groups()
    columns = {row[1] for row in con.execute(f"PRAGMA table_info({table})")}
    return old not in columns


def _done_already(con: sqlite3.Connection, statement: str) -> bool:
    """Whether ``statement`` is a step already done in this file: a column renamed
    already, or a rebuild of version 10 (``schema.REBUILT_V10``) of a table that has its
    new column already. (A step's new tables and layer entries skip themselves: ``IF NOT
    EXISTS``, ``INSERT OR IGNORE``.)"""
    if _renamed_already(con, statement):
        return True
    rebuilt = REBUILT_V10.get(statement)
    if rebuilt is None:
        return False
    table, column = rebuilt
    return column in {row[1] for row in con.execute(f"PRAGMA table_info({table})")}


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


#: A bounding box is looked up in the R*Tree when it holds fewer candidates than the
#: rows of the query's period over this (and at least :data:`_MIN_TREE_PROBE`); the
#: other route reads those rows by the time index, or all rows by a scan. Why not
#: always the tree: a candidate it returns costs several times a row the other route
#: passes, so the whole municipality over a year read 40 % slower through it, while a
#: 500 m square over a year reads 3× faster (bench/bench_box_reads.py).
_TREE_SHARE: Final = 8
_MIN_TREE_PROBE: Final = 5_000


def _tree_where(
    bbox: tuple[float, float, float, float], query: IncidentQuery, table: str = ""
) -> tuple[str, list[Any]]:
    """The R*Tree's overlap test of ``bbox`` and ``query``'s period, and its parameters
    (``table`` prefixes the tree's columns, as ``"r."`` when it is joined).

    The R*Tree's boxes are 32-bit floats rounded outwards, so it is asked for overlap;
    the stored x/y and ``_where``'s period test decide exactly.
    """
    minx, miny, maxx, maxy = (float(v) for v in bbox)
    r = table
    tree = [f"{r}maxx >= ? AND {r}minx <= ? AND {r}maxy >= ? AND {r}miny <= ?"]
    params: list[Any] = [minx, maxx, miny, maxy]
    if query.start is not None:
        tree.append(f"{r}maxt >= {RTREE_DAYS.format('?')}")
        params.append(iso_text(query.start))
    if query.end is not None:
        tree.append(f"{r}mint <= {RTREE_DAYS.format('?')}")
        params.append(iso_text(query.end))
    return " AND ".join(tree), params


def _period_share(con: sqlite3.Connection, query: IncidentQuery) -> float:
    """The share of the stored time span that ``query``'s period covers (1 without one).

    An estimate of the period's share of the rows from two index lookups (the first
    and last time), as if the incidents were spread evenly over time; counting them
    would cost ~10 ms a year of the demo.
    """
    if query.start is None and query.end is None:
        return 1.0
    lo, hi, start, end = con.execute(
        "SELECT julianday(first), julianday(last), julianday(?), julianday(?) FROM "
        "(SELECT (SELECT min(occurred_at) FROM incidents) AS first, "
        "(SELECT max(occurred_at) FROM incidents) AS last)",
        [None if b is None else iso_text(b) for b in (query.start, query.end)],
    ).fetchone()
    if lo is None or hi <= lo:
        return 1.0
    start = lo if start is None else max(start, lo)
    end = hi if end is None else min(end, hi)
    return float(max(end - start, 0.0) / (hi - lo))


def _box_uses_tree(
    con: sqlite3.Connection, tree: str, params: list[Any], query: IncidentQuery
) -> bool:
    """Whether the R*Tree finds few enough candidates (see :data:`_TREE_SHARE`).

    Counts at most the limit's candidates (a few ms); the table's rows come from
    ``ANALYZE``'s statistics, or the tree is used when there are none.
    """
    stat = con.execute(
        "SELECT stat FROM sqlite_stat1 WHERE tbl = 'incidents' AND idx = 'incidents_time'"
    ).fetchone()
    if stat is None:
        return True
    rows = int(str(stat[0]).split()[0]) * _period_share(con, query)
    limit = max(int(rows) // _TREE_SHARE, _MIN_TREE_PROBE)
    probe = f"SELECT count(*) FROM (SELECT 1 FROM incidents_rtree WHERE {tree} LIMIT ?)"
    return int(con.execute(probe, [*params, limit]).fetchone()[0]) < limit


class GeoPackageStore(SQLCoreMixin, SQLMeetingMixin, DemoModeMixin, LoginThrottleMixin):
    """The default, embedded backend. Create with :func:`est_geo.store.open_store`."""

    backend = "geopackage"
    _dialect = SQLITE
    _AREA_BOUNDS = True
    _XYT_SQL = f"x, y, {_EPOCH_SQL}"
    #: The row count too, so another tool's edits (QGIS) change the stamp even where
    #: they keep the highest fid.
    _STAMP_PARTS = (*SQLCoreMixin._STAMP_PARTS, "(SELECT count(*) FROM incidents)")

    def _layer_changed(self, con: sqlite3.Connection, table: str) -> None:
        self._touch_extent(con, table)

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        self.url = str(path)
        self.read_only = read_only

    # -- lifecycle ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, *, categories: CategoryTree | None = None) -> GeoPackageStore:
        """Create a new, empty database file; refuses to overwrite an existing file."""
        if path.exists():
            raise keyed_error(StoreError, "store.error.file_exists", path=path)
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
            raise keyed_error(DatabaseMissingError, "store.error.file_missing", path=path)
        store = cls(path, read_only=read_only)
        version = store._checked_version()
        if version < SCHEMA_VERSION:
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
            raise keyed_error(
                CorruptDatabaseError, "store.error.not_est_file", path=self.path, cause=exc
            ) from exc
        if app_id != GPKG_APPLICATION_ID or row is None:
            raise keyed_error(CorruptDatabaseError, "store.error.no_est_metadata", path=self.path)
        version = int(row[0])
        refuse_schema(version, self.path, read_only=self.read_only)
        return version

    def _migrate(self, version: int) -> None:
        with self._write() as con:
            for v in range(version, SCHEMA_VERSION):
                for sql in MIGRATIONS[v]:
                    if not _done_already(con, sql):
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
            raise read_only_error()
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

    # -- meta ----------------------------------------------------------------------------
    # -- categories ----------------------------------------------------------------------
    # -- areas ---------------------------------------------------------------------------
    @staticmethod
    def _set_extent(con: sqlite3.Connection, table: str, extent: Sequence[float | None]) -> None:
        """Record ``table``'s extent and the time of its change in ``gpkg_contents``
        (what QGIS reads to zoom to a layer)."""
        con.execute(
            "UPDATE gpkg_contents SET min_x=?, min_y=?, max_x=?, max_y=?, "
            "last_change=strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name=?",
            (*extent, table),
        )

    @staticmethod
    def _touch_extent(con: sqlite3.Connection, table: str) -> None:
        if table == "incidents":
            ext = con.execute("SELECT min(x), min(y), max(x), max(y) FROM incidents").fetchone()
        else:
            ext = con.execute(
                f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {table}"
            ).fetchone()
        GeoPackageStore._set_extent(con, table, ext)

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
        GeoPackageStore._set_extent(con, table, ext)

    # -- incidents -----------------------------------------------------------------------
    def _import_transaction(self, rows: int) -> AbstractContextManager[sqlite3.Connection]:
        return self._write(bulk=rows >= gpkg_bulk.BULK_MIN_ROWS)

    def _load_incidents(self, con: sqlite3.Connection, df: pd.DataFrame, batch_id: str) -> int:
        """Insert (bulk when large, :mod:`est_geo.store.gpkg_bulk`) and grow the extent."""
        rows = IncidentBatch.of(df)
        existing = int(con.execute("SELECT count(*) FROM incidents").fetchone()[0])
        inserted = insert_incidents(con, rows, batch_id, existing)
        if inserted == len(df) and inserted:
            # Every row went in, so the new extent is the stored one grown by the
            # batch's box: exact, without scanning the whole table for min/max.
            box = (rows.x.min(), rows.y.min(), rows.x.max(), rows.y.max())
            self._grow_extent(con, "incidents", box, existing == 0)
        elif inserted:  # skipped duplicates may lie elsewhere: measure what is stored
            self._touch_extent(con, "incidents")
        return inserted

    def _incident_filters(self, query: IncidentQuery) -> list[tuple[str, list[Any]]]:
        filters: list[tuple[str, list[Any]]] = []
        if query.bbox is not None:
            filters.append(self._box_filter(query.bbox, query))
        if query.weekdays is not None:
            # SQLite's %w: 0 = Sunday; ours: 0 = Monday.
            days = sorted(str((d + 1) % 7) for d in query.weekdays)
            marks = ",".join("?" * len(days))
            filters.append((f"strftime('%w', occurred_at) IN ({marks})", days))
        if query.hours is not None:
            hours = sorted(f"{h:02d}" for h in query.hours)
            marks = ",".join("?" * len(hours))
            filters.append((f"has_time = 1 AND strftime('%H', occurred_at) IN ({marks})", hours))
        return filters

    def _box_filter(
        self, bbox: tuple[float, float, float, float], query: IncidentQuery
    ) -> tuple[str, list[Any]]:
        """The clause of ``bbox``: candidates from the R*Tree when few, then x/y exactly.

        The file has no B-tree on x/y since schema 11 (the R*Tree answers boxes in both
        dimensions; the B-tree only narrowed x). A box holding many of the rows is
        tested on x/y alone, beside the time index or a scan (:data:`_TREE_SHARE`);
        either way the stored x/y decide, as PostGIS's ``&&`` plus stored x/y do.
        """
        exact = "x >= ? AND y >= ? AND x <= ? AND y <= ?"
        box = [float(v) for v in bbox]
        tree, params = _tree_where(bbox, query)
        with self._connect() as con:
            if not _box_uses_tree(con, tree, params, query):
                return exact, box
        return f"fid IN (SELECT id FROM incidents_rtree WHERE {tree}) AND {exact}", [*params, *box]

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
        tree, box = _tree_where((minx, miny, maxx, maxy), query, "r.")
        both = f"{tree} AND x >= ? AND x <= ? AND y >= ? AND y <= ?"
        where = f"{where} AND {both}" if where else f" WHERE {both}"
        sql = (
            f"SELECT x, y, {columns} FROM incidents_rtree AS r "
            f"CROSS JOIN incidents ON incidents.fid = r.id{where}"
        )
        return sql, [*params, *box, minx, maxx, miny, maxy]

    def _counted_within(
        self, polygon: BaseGeometry, keys: tuple[str, ...], query: IncidentQuery
    ) -> Iterable[tuple[Any, ...]]:
        columns = ", ".join([*(self._COUNT_SQL[k] for k in keys), "1"])
        counter = Counter(tuple(r[: len(keys)]) for r in self._within(polygon, columns, query))
        return ((*k, n) for k, n in counter.items())

    def _profile_rows(
        self, polygon: BaseGeometry | None, query: IncidentQuery
    ) -> list[tuple[int, int, int, int]]:
        if polygon is not None:
            return [(*r, 1) for r in self._within(polygon, self._PROFILE_SQL, query)]
        where, params = self._where(query)
        with self._connect() as con:
            return con.execute(
                f"SELECT {self._PROFILE_SQL}, count(*) FROM incidents{where} GROUP BY 1, 2, 3",
                params,
            ).fetchall()

    # -- interventions -------------------------------------------------------------------
    # -- indicators ----------------------------------------------------------------------
    # -- audit ---------------------------------------------------------------------------
    # -- context events (Polisen) and remembered import mappings -------------------------
    # -- users ---------------------------------------------------------------------------
