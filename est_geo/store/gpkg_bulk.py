"""Writing a batch of incidents into the GeoPackage, row by row or as a bulk load.

Why a module of its own: a million-row import spends its time here, and what makes it
quick is specific to SQLite — secondary indexes built after the load instead of
updated per row, and the R*Tree written once, packed (:mod:`est_geo.store.rtree_pack`),
instead of a million R*Tree inserts. Everything happens inside the caller's write
transaction, so an import is still all or nothing; the triggers and indexes are back in
place before it commits (bench/README.md, Import, has the figures).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from est_geo.core.model import STORE_EPSG
from est_geo.store import geom
from est_geo.store.common import text_list
from est_geo.store.rtree_pack import (
    PackedRtree,
    pack_rtree,
    rtree_node_size,
    write_packed_rtree,
)
from est_geo.store.schema import FILL_INCIDENTS_RTREE, INCIDENTS_RTREE_TRIGGERS

__all__ = ["BULK_MIN_ROWS", "IncidentBatch", "insert_incidents"]

#: From this many rows a batch is loaded in bulk (indexes and R*Tree built afterwards).
BULK_MIN_ROWS = 50_000
#: Page cache (negative: KiB) of a bulk load: 256 MB. The UNIQUE (source, source_id)
#: index is updated at random places for every row; with SQLite's default 2 MB its pages
#: are evicted and re-read, and dirty ones spilled to the WAL again and again.
_BULK_CACHE_KIB: Final = -262_144
#: Page cache (KiB) while the dropped indexes are built again: 4 MB. SQLite's sorter
#: takes the page cache's size as its memory; with 256 MB it merge-sorts a million keys
#: in one list, missing the CPU caches all the way (≈ 1.0 s for ``incidents_time``),
#: with 4 MB it sorts cache-sized runs and merges them (≈ 0.6 s; bench/README.md).
_SORT_CACHE_KIB: Final = -4_096
#: Julian day number of 1970-01-01 00:00 in milliseconds: SQLite's ``julianday`` is its
#: integer milliseconds divided by 86,400,000 (``computeJD`` in date.c).
_UNIX_EPOCH_JD_MS: Final = 210_866_760_000_000
#: ``RTREE_DAYS``'s origin: 2000-01-01 12:00 as a Julian day.
_RTREE_DAY_ZERO: Final = 2451545.0
_COLUMNS: Final = (
    "geom, x, y, occurred_at, has_time, category, actor, precision, description, source, "
    "source_id, batch_id"
)
_WIDTH: Final = 12
#: Positions in :data:`_COLUMNS` of the columns that are often one value for a whole
#: batch (has_time … source) and of ``batch_id``, which always is.
_MAYBE_SHARED: Final = (4, 5, 6, 7, 9)
_BATCH_ID: Final = 11
#: Rows per ``INSERT`` statement. One statement of many rows costs SQLite the statement
#: setup (and ``AUTOINCREMENT``'s read and write of ``sqlite_sequence``) once per block
#: and ``executemany`` its per-execution work once per block instead of once per row:
#: ≈ 2.7 instead of 3.9 s of CPU for a million rows. 64 × 12 = 768 markers, below the
#: 999 that SQLite allowed before 3.32.
_BLOCK_ROWS: Final = 64
#: Rows flattened at a time into one list the blocks are cut from (memory stays small).
_FLAT_ROWS: Final = 64 * 1024


def _insert_sql(rows: int, shared: tuple[int, ...]) -> str:
    """``INSERT`` of ``rows`` rows whose ``shared`` columns are one parameter for all.

    A shared column's value is bound once per statement (``?1``, ``?2`` … in every row)
    instead of once per row: a batch's ``batch_id`` always, its source, precision and
    the like when every row has the same. The other columns are numbered after them,
    row by row, so a statement's parameters are the shared values and then the rows'.
    """
    varying = [j for j in range(_WIDTH) if j not in shared]
    first = len(shared) + 1
    values = []
    for r in range(rows):
        marks = [""] * _WIDTH
        for k, j in enumerate(shared):
            marks[j] = f"?{k + 1}"
        for k, j in enumerate(varying):
            marks[j] = f"?{first + r * len(varying) + k}"
        values.append("(" + ",".join(marks) + ")")
    return f"INSERT OR IGNORE INTO incidents ({_COLUMNS}) VALUES " + ",".join(values)


def stamp_texts(seconds: NDArray[np.datetime64]) -> list[str]:
    """The stored text (``YYYY-MM-DDTHH:MM:SS``) of each second, as Python strings.

    Arrow formats and hands over a million stamps in ~0.12 s of CPU, numpy's
    ``datetime_as_string`` + ``tolist`` in ~0.29 s; the text is the same.
    """
    text = pc.cast(pa.array(seconds.astype("datetime64[s]")), pa.string())
    return list(pc.utf8_replace_slice(text, 10, 11, "T").to_pylist())


@dataclass(frozen=True)
class IncidentBatch:
    """A validated batch as the columns the ``incidents`` table stores."""

    x: NDArray[np.float64]
    y: NDArray[np.float64]
    #: Wall-clock time to the second, as stored (ISO text without zone).
    seconds: NDArray[np.datetime64]
    frame: pd.DataFrame

    @classmethod
    def of(cls, df: pd.DataFrame) -> IncidentBatch:
        """The batch of a frame that passed ``validate_incidents``."""
        stamps = df["occurred_at"]
        if isinstance(stamps.dtype, pd.DatetimeTZDtype):
            stamps = stamps.dt.tz_localize(None)  # the wall clock is what is stored
        seconds = stamps.to_numpy().astype("datetime64[s]")
        return cls(df["x"].to_numpy(float), df["y"].to_numpy(float), seconds, df)

    @property
    def sources(self) -> list[str]:
        """Every row's source, as text."""
        return text_list(self.frame["source"])

    def rtree_days(self) -> NDArray[np.float64]:
        """``RTREE_DAYS`` of each row, computed as SQLite computes it from the text."""
        millis = self.seconds.astype(np.int64) * 1000 + _UNIX_EPOCH_JD_MS
        return millis / 86_400_000.0 - _RTREE_DAY_ZERO

    def columns(self, batch_id: str) -> list[list[Any]]:
        """The values of every stored column, in :data:`_COLUMNS` order, as lists."""
        df = self.frame
        desc = df["description"].astype(object).where(df["description"].notna(), None)
        # Arrow formats a million stamps ~15x faster than strftime
        return [
            geom.encode_points(self.x, self.y, STORE_EPSG),
            self.x.tolist(),
            self.y.tolist(),
            stamp_texts(self.seconds),
            df["has_time"].astype(bool).astype(int).tolist(),
            df["category"].tolist(),
            df["actor"].tolist(),
            df["precision"].tolist(),
            desc.tolist(),
            self.sources,
            text_list(df["source_id"]),
            [batch_id] * len(df),
        ]


def _blocks(
    head: tuple[Any, ...], columns: list[list[Any]], start: int, stop: int
) -> Iterator[tuple[Any, ...]]:
    """Rows ``start``–``stop`` (a multiple of :data:`_BLOCK_ROWS` apart) of the varying
    ``columns`` as the parameter tuples of one block statement each, in row order, each
    after the shared values ``head``.

    Streamed into ``executemany``: the values are interleaved into a flat list a slice of
    rows at a time (slice assignment, in C) rather than as a million row tuples, whose
    garbage collections alone cost time while they pile up.
    """
    width = len(columns)
    step = _BLOCK_ROWS * width
    for lo in range(start, stop, _FLAT_ROWS):
        hi = min(lo + _FLAT_ROWS, stop)
        flat: list[Any] = [None] * ((hi - lo) * width)
        for j, column in enumerate(columns):
            flat[j::width] = column[lo:hi]
        for i in range(0, len(flat), step):
            yield head + tuple(flat[i : i + step])


def _one_value(column: list[Any]) -> bool:
    """Whether every value of ``column`` equals its first (a non-empty list).

    About a thousand evenly spaced values are compared first, so a column that varies
    (categories, actors) is told in microseconds instead of a million comparisons.
    """
    first = column[0]
    sample = column[:: max(1, len(column) // 1024)]
    return sample.count(first) == len(sample) and column.count(first) == len(column)


def _shared(columns: list[list[Any]]) -> tuple[int, ...]:
    """Positions of the columns with one value in every row (``batch_id`` always)."""
    return (*(j for j in _MAYBE_SHARED if _one_value(columns[j])), _BATCH_ID)


def _insert_rows(con: sqlite3.Connection, batch: IncidentBatch, batch_id: str) -> int:
    """Insert every row of ``batch`` in file order (existing keys skipped); inserted.

    Whole blocks of :data:`_BLOCK_ROWS` rows go in by one multi-row statement each, the
    rest by a statement of one row: either way SQLite inserts the rows in order, so the
    ``fid`` s follow the batch's order as with one row per statement.
    """
    if not len(batch.frame):
        return 0
    columns = batch.columns(batch_id)
    shared = _shared(columns)
    head = tuple(columns[j][0] for j in shared)
    varying = [column for j, column in enumerate(columns) if j not in shared]
    n = len(batch.frame)
    whole = n - n % _BLOCK_ROWS
    inserted = 0
    if whole:
        blocks = _blocks(head, varying, 0, whole)
        inserted += int(con.executemany(_insert_sql(_BLOCK_ROWS, shared), blocks).rowcount)
    if whole < n:
        rest = (head + row for row in zip(*(column[whole:] for column in varying), strict=True))
        inserted += int(con.executemany(_insert_sql(1, shared), rest).rowcount)
    return inserted


def insert_incidents(
    con: sqlite3.Connection, batch: IncidentBatch, batch_id: str, existing: int
) -> int:
    """Insert ``batch`` (existing (source, source_id) skipped); returns the rows inserted.

    A batch of :data:`BULK_MIN_ROWS` or more loads with the R*Tree insert trigger off;
    when it is at least as large as the table, the secondary indexes (the time index
    since schema 11) are dropped and built again afterwards (about three times faster
    than random B-tree updates per row) and the whole R*Tree is rebuilt packed; a
    smaller bulk batch fills the R*Tree with one ``INSERT … SELECT``. The trigger is
    back before this returns.
    """
    n = len(batch.frame)
    if n < BULK_MIN_ROWS:
        return _insert_rows(con, batch, batch_id)
    (cache,) = con.execute("PRAGMA cache_size").fetchone()
    con.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
    try:
        return _bulk_insert(con, batch, batch_id, whole=n >= existing)
    finally:
        con.execute(f"PRAGMA cache_size = {int(cache)}")


def _bulk_insert(
    con: sqlite3.Connection, batch: IncidentBatch, batch_id: str, *, whole: bool
) -> int:
    rebuild: list[tuple[str, str]] = []
    if whole:
        rebuild = con.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'incidents' AND sql IS NOT NULL"
        ).fetchall()
        for name, _ in rebuild:
            con.execute(f'DROP INDEX "{name}"')
    con.execute("DROP TRIGGER incidents_rtree_insert")
    last_fid = int(con.execute("SELECT coalesce(max(fid), 0) FROM incidents").fetchone()[0])
    seq_before = _sequence(con)
    node_size = rtree_node_size(con, "incidents_rtree")
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The packed R*Tree of the stored rows and the batch (assuming every row goes in
        # with the next fids) is computed in numpy beside SQLite's insert and index
        # builds, which let go of the GIL while SQLite works.
        planned = (
            pool.submit(_pack_all, _stored_boxes(con, last_fid), batch, seq_before, node_size)
            if whole
            else None
        )
        inserted = _insert_rows(con, batch, batch_id)
        if rebuild:
            con.execute(f"PRAGMA cache_size = {_SORT_CACHE_KIB}")
            for _, sql in rebuild:
                con.execute(sql)
            con.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
        if planned is None:
            con.execute(FILL_INCIDENTS_RTREE, (last_fid,))
        elif inserted == len(batch.frame) and _sequence(con) - seq_before == inserted:
            write_packed_rtree(con, "incidents_rtree", planned.result())
        else:  # duplicates skipped: the fids are not the planned ones
            write_packed_rtree(con, "incidents_rtree", _repacked(con, node_size))
    con.execute(INCIDENTS_RTREE_TRIGGERS[0])
    con.execute("ANALYZE incidents")
    return inserted


def _sequence(con: sqlite3.Connection) -> int:
    row = con.execute("SELECT seq FROM sqlite_sequence WHERE name = 'incidents'").fetchone()
    return int(row[0]) if row else 0


_BOX_COLUMNS: Final = f"fid, x, y, julianday(occurred_at) - {_RTREE_DAY_ZERO}"
Boxes = tuple[NDArray[np.int64], NDArray[np.float64]]


def _boxes(rows: list[Any]) -> Boxes:
    table = np.array(rows, dtype=np.float64).reshape(-1, 4)
    return table[:, 0].astype(np.int64), table[:, 1:]


def _stored_boxes(con: sqlite3.Connection, last_fid: int) -> Boxes:
    """fid and (x, y, days) of the rows stored before the batch."""
    if not last_fid:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 3))
    sql = f"SELECT {_BOX_COLUMNS} FROM incidents WHERE fid <= ?"
    return _boxes(con.execute(sql, (last_fid,)).fetchall())


def _repacked(con: sqlite3.Connection, node_size: int) -> PackedRtree:
    """The packed tree of every stored row, read back (a batch with skipped duplicates)."""
    ids, xyt = _boxes(con.execute(f"SELECT {_BOX_COLUMNS} FROM incidents").fetchall())
    return pack_rtree(ids, xyt, xyt, node_size)


def _pack_all(stored: Boxes, batch: IncidentBatch, seq_before: int, node_size: int) -> PackedRtree:
    """The packed tree of ``stored`` and the batch's rows, which ``AUTOINCREMENT`` gives
    the fids after the sequence, one by one in order, when every row goes in."""
    new_ids = np.arange(seq_before + 1, seq_before + len(batch.frame) + 1, dtype=np.int64)
    ids = np.concatenate((stored[0], new_ids))
    xyt = np.concatenate((stored[1], np.column_stack((batch.x, batch.y, batch.rtree_days()))))
    return pack_rtree(ids, xyt, xyt, node_size)
