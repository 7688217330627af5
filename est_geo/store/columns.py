"""Incidents held in memory as a few columns, for filters and counts at municipality scale.

Why: every analysis page asks the same thing of the incidents — which of them lie in
this period, these categories, this box or polygon, and how many per category, month,
weekday × hour or grid cell. Reading the period's rows from the store every time (every
column, sorted, turned into pandas objects) costs seconds for 300,000 rows. Here the
columns that every page needs are loaded once per process and per store *state*
(:meth:`Store.data_stamp`), about 27 bytes an incident:

========== ============ ===========================================================
column     dtype        meaning
========== ============ ===========================================================
``x, y``   float64      SWEREF 99 TM metres, exact as stored (float32 would move a
                        point up to 0.5 m and so across a cell edge)
``t``      int64        whole seconds since 1970-01-01 00:00 of the stored local
                        wall-clock time (no zone, as stored); rows sorted by it
``category``, ``actor``  uint16 codes into :attr:`IncidentColumns.categories` /
                        :attr:`IncidentColumns.actors`
``precision`` uint8     code into :attr:`IncidentColumns.precisions`
``has_time`` bool       the time of day is known
========== ============ ===========================================================

Filters are vectorised masks over the period's slice (rows are sorted by time, so the
period is two binary searches) and counts are ``np.bincount``. The answers are the
store's own: :meth:`IncidentColumns.select` keeps exactly the rows
:meth:`Store.incidents` returns for the same :class:`IncidentQuery`, and
:meth:`Selection.counts` / :meth:`Selection.weekday_hour_profile` equal
:meth:`Store.counts_within` / :meth:`Store.weekday_hour_profile` (tested on both
backends). The GeoPackage (or PostGIS) stays the store of record; this is a cache.

Use :func:`incident_columns` (one copy per process and store URL, shared by every
session and thread; when the stamp changes, the rows of the one write since are added
(:func:`extend_columns`), anything else loads everything again)::

    cols = incident_columns(store)
    sel = cols.select(IncidentQuery(start=..., end=..., categories=...), within=polygon)
    len(sel); sel.counts(("category",)); sel.cell_counts(grid); sel.frame()
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import EstGeoError
from est_geo.core.timeprofile import TimeProfile
from est_geo.store.base import ColumnBatch, IncidentQuery, Store
from est_geo.store.common import (
    check_count_keys,
    check_count_polygon,
    counts_frame,
    profile_from_cells,
)

__all__ = [
    "IncidentColumns",
    "Selection",
    "clear_cache",
    "extend_columns",
    "incident_columns",
    "load_columns",
    "warm_columns",
]

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Bool = NDArray[np.bool_]
_DAY = 86_400
_HOUR = 3_600
#: 1970-01-01 was a Thursday: weekday (0 = Monday) of day 0 is 3.
_EPOCH_WEEKDAY = 3


class _GridLike(Protocol):
    """What :meth:`Selection.cell_counts` needs of :class:`est_geo.hotspots.grid.Grid`."""

    @property
    def shape(self) -> tuple[int, int]: ...

    @property
    def n_cells(self) -> int: ...

    def locate(self, x: F64, y: F64) -> tuple[I64, Bool]: ...


def _seconds(value: date | datetime) -> int:
    """Whole seconds since 1970 of a bound, as the stores compare it (wall-clock time,
    any zone dropped, fractions of a second cut)."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    naive = value.replace(tzinfo=None, microsecond=0)
    return int((naive - datetime(1970, 1, 1)).total_seconds())


@dataclass(frozen=True, eq=False)
class IncidentColumns:
    """Every stored incident as a few arrays, sorted by time (see module docstring)."""

    stamp: str
    #: The store's write token (``est_meta.data_version``) and count of edited rows
    #: (``incidents_edits``) when read, and the highest fid read: what
    #: :func:`extend_columns` needs to add only the rows written since.
    token: str
    edits: str
    max_fid: int
    x: F64
    y: F64
    t: I64
    has_time: Bool
    category: NDArray[np.uint16]
    actor: NDArray[np.uint16]
    precision: NDArray[np.uint8]
    categories: tuple[str, ...]
    actors: tuple[str, ...]
    precisions: tuple[str, ...]

    def __len__(self) -> int:
        return int(self.t.size)

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays (what one process keeps for all its sessions)."""
        arrays = (self.x, self.y, self.t, self.has_time, self.category, self.actor)
        return int(sum(a.nbytes for a in arrays) + self.precision.nbytes)

    def period_slice(
        self, start: date | datetime | None, end: date | datetime | None
    ) -> tuple[int, int]:
        """Row range ``[lo, hi)`` of ``start <= t < end`` (two binary searches)."""
        lo = 0 if start is None else int(np.searchsorted(self.t, _seconds(start), "left"))
        hi = len(self) if end is None else int(np.searchsorted(self.t, _seconds(end), "left"))
        return lo, max(lo, hi)

    def select(
        self, query: IncidentQuery | None = None, *, within: BaseGeometry | None = None
    ) -> Selection:
        """The incidents matching ``query`` (and covered by ``within``, if given).

        Same rows as :meth:`Store.incidents` for ``query``; ``within`` keeps points
        inside or on the boundary of a valid (Multi)Polygon, the rule of
        :meth:`Store.counts_within` (ValidationError for another geometry).
        """
        query = query or IncidentQuery()
        lo, hi = self.period_slice(query.start, query.end)
        part = slice(lo, hi)
        mask = np.ones(hi - lo, dtype=bool)
        if query.categories is not None:
            mask &= _member(self.category[part], self.categories, query.categories)
        if query.actors is not None:
            mask &= _member(self.actor[part], self.actors, query.actors)
        if query.bbox is not None:
            minx, miny, maxx, maxy = (float(v) for v in query.bbox)
            x, y = self.x[part], self.y[part]
            mask &= (x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy)
        if query.weekdays is not None:
            mask &= _lookup(7, query.weekdays)[_weekday(self.t[part])]
        if query.hours is not None:
            hours = (self.t[part] // _HOUR) % 24
            mask &= self.has_time[part] & _lookup(24, query.hours)[hours]
        rows = np.flatnonzero(mask) + lo
        selection = Selection(self, rows)
        return selection if within is None else selection.within(within)


def _lookup(size: int, wanted: Iterable[int]) -> Bool:
    table = np.zeros(size, dtype=bool)
    chosen = [int(v) for v in wanted if 0 <= int(v) < size]
    table[chosen] = True
    return table


def _member(codes: NDArray[np.integer], names: tuple[str, ...], wanted: frozenset[str]) -> Bool:
    """``codes`` whose name is in ``wanted`` (names never stored match nothing)."""
    table = np.fromiter((n in wanted for n in names), dtype=bool, count=len(names))
    return table[codes] if table.size else np.zeros(codes.shape, dtype=bool)


def _weekday(t: I64) -> I64:
    return np.asarray((t // _DAY + _EPOCH_WEEKDAY) % 7, dtype=np.int64)


@dataclass(frozen=True, eq=False)
class Selection:
    """Some rows of :class:`IncidentColumns` (indices ascending, so in time order)."""

    columns: IncidentColumns
    rows: I64

    def __len__(self) -> int:
        return int(self.rows.size)

    @property
    def x(self) -> F64:
        """Easting of the selected incidents (metres, EPSG:3006)."""
        return self.columns.x[self.rows]

    @property
    def y(self) -> F64:
        """Northing of the selected incidents (metres, EPSG:3006)."""
        return self.columns.y[self.rows]

    @property
    def t(self) -> I64:
        """Seconds since 1970 of the selected incidents' wall-clock times."""
        return self.columns.t[self.rows]

    def within(self, polygon: BaseGeometry) -> Selection:
        """The rows covered by ``polygon`` (boundary inside, holes outside).

        The polygon's bounding box narrows first; the exact test runs on the prepared
        polygon only for points in that box.
        """
        check_count_polygon(polygon)
        minx, miny, maxx, maxy = polygon.bounds
        x, y = self.x, self.y
        near = np.flatnonzero((x >= minx) & (x <= maxx) & (y >= miny) & (y <= maxy))
        shapely.prepare(polygon)
        inside = shapely.intersects_xy(polygon, x[near], y[near])
        return Selection(self.columns, self.rows[near[inside]])

    def by_category(self) -> dict[str, int]:
        """Number of incidents per stored category (those with at least one)."""
        counts = np.bincount(
            self.columns.category[self.rows], minlength=len(self.columns.categories)
        )
        return {self.columns.categories[i]: int(counts[i]) for i in np.flatnonzero(counts)}

    def months(self) -> I64:
        """Calendar month of every selected incident, as months since 1970-01."""
        stamps = self.t.astype("datetime64[s]").astype("datetime64[M]")
        return np.asarray(stamps.astype(np.int64), dtype=np.int64)

    def by_month(self) -> dict[str, int]:
        """Number of incidents per calendar month ``"YYYY-MM"`` (those with any)."""
        months = self.months()
        if months.size == 0:
            return {}
        first = int(months.min())
        counts = np.bincount(months - first)
        return {_month_label(first + int(i)): int(counts[i]) for i in np.flatnonzero(counts)}

    def counts(self, by: tuple[str, ...] = ("category",)) -> pd.DataFrame:
        """Counts per ``by`` as :meth:`Store.counts_within` gives them (same frame)."""
        keys = check_count_keys(by)
        if not keys:
            return counts_frame([(len(self),)], ())
        parts: list[tuple[I64, list[str]]] = []
        for key in keys:
            if key == "category":
                names = list(self.columns.categories)
                parts.append((self.columns.category[self.rows].astype(np.int64), names))
            else:
                months = self.months()
                first = int(months.min()) if months.size else 0
                size = int(months.max()) - first + 1 if months.size else 1
                parts.append((months - first, [_month_label(first + i) for i in range(size)]))
        combined = np.zeros(len(self), dtype=np.int64)
        for codes, names in parts:
            combined = combined * len(names) + codes
        found, n = np.unique(combined, return_counts=True)
        rows = []
        for value, count in zip(found.tolist(), n.tolist(), strict=True):
            labels: list[str] = []
            for _, names in reversed(parts):
                value, code = divmod(value, len(names))
                labels.append(names[code])
            rows.append((*reversed(labels), count))
        return counts_frame(rows, keys)

    def weekday_hour_profile(self) -> TimeProfile:
        """Weekday × hour counts, as :meth:`Store.weekday_hour_profile` gives them."""
        t = self.t
        ones = np.ones(t.size, dtype=np.int64)
        return profile_from_cells(
            self.columns.has_time[self.rows], _weekday(t), (t // _HOUR) % 24, ones
        )

    def cell_counts(self, grid: _GridLike) -> I64:
        """Incidents per cell of ``grid`` (shape ``grid.shape``; points outside ignored)."""
        flat, inside = grid.locate(self.x, self.y)
        counts = np.bincount(flat[inside], minlength=grid.n_cells)
        return np.asarray(counts, dtype=np.int64).reshape(grid.shape)

    def frame(self) -> pd.DataFrame:
        """The selected incidents as a DataFrame in time order.

        Columns x, y, occurred_at (datetime64), has_time, category, actor, precision:
        the analysis columns of :meth:`Store.incidents` (without fid, source ids and
        text, which this cache does not hold).
        """
        cols, rows = self.columns, self.rows
        return pd.DataFrame(
            {
                "x": cols.x[rows],
                "y": cols.y[rows],
                "occurred_at": pd.to_datetime(cols.t[rows].astype("datetime64[s]")),
                "has_time": cols.has_time[rows],
                "category": _names(cols.categories)[cols.category[rows]],
                "actor": _names(cols.actors)[cols.actor[rows]],
                "precision": _names(cols.precisions)[cols.precision[rows]],
            }
        )


def _names(values: tuple[str, ...]) -> NDArray[np.object_]:
    return np.asarray(values, dtype=object) if values else np.empty(0, dtype=object)


def _month_label(months_since_1970: int) -> str:
    year, month = divmod(months_since_1970, 12)
    return f"{1970 + year:04d}-{month + 1:02d}"


# --------------------------------------------------------------------------- loading
class _Codes:
    """Strings → small integer codes, growing across chunks."""

    def __init__(self, names: tuple[str, ...] = ()) -> None:
        self.index: dict[str, int] = {n: i for i, n in enumerate(names)}

    def encode(self, local: tuple[I64, tuple[str, ...]]) -> I64:
        """Codes of a batch's ``(codes, names)`` in this growing dictionary."""
        codes, names = local
        table = np.fromiter(
            (self.index.setdefault(n, len(self.index)) for n in names),
            dtype=np.int64,
            count=len(names),
        )
        return np.asarray(table[codes], dtype=np.int64)

    def names(self, what: str) -> tuple[str, ...]:
        if len(self.index) > np.iinfo(np.uint16).max:
            raise OverflowError(f"more than 65,535 distinct values of {what}")
        return tuple(self.index)


@dataclass
class _Rows:
    """Rows read from the store, in read order, with codes into growing dictionaries."""

    x: F64
    y: F64
    t: I64
    has_time: Bool
    category: I64
    actor: I64
    precision: I64
    max_fid: int


def _batches(store: Store, after_fid: int | None) -> Iterator[ColumnBatch]:
    """The store's columns as arrays: whole columns where the backend offers them
    (``incident_column_batches``), else its row chunks turned into arrays."""
    batches = getattr(store, "incident_column_batches", None)
    if batches is not None:
        yield from batches(after_fid=after_fid)
        return
    for chunk in store.incident_column_chunks(after_fid=after_fid):
        yield ColumnBatch.from_rows(chunk)


def _read(store: Store, codes: tuple[_Codes, _Codes, _Codes], after_fid: int | None) -> _Rows:
    parts = [_batch_arrays(batch, *codes) for batch in _batches(store, after_fid)]
    if not parts:
        empty = np.empty(0, dtype=np.int64)
        return _Rows(np.empty(0), np.empty(0), empty, np.empty(0, bool), empty, empty, empty, -1)
    fid, x, y, t, has_time, cat, act, prec = (np.concatenate(p) for p in zip(*parts, strict=True))
    return _Rows(x, y, t, has_time, cat, act, prec, int(fid.max()) if fid.size else -1)


def load_columns(store: Store, *, stamp: str | None = None) -> IncidentColumns:
    """Read every incident's analysis columns from ``store`` (chunk by chunk).

    ``stamp`` (the store's :meth:`~Store.data_stamp`) and the write token are taken
    *before* reading, so a write during the read makes the next call look again rather
    than keep a mix under a stamp that does not describe it.
    """
    stamp = store.data_stamp() if stamp is None else stamp
    meta = store.meta()
    token, edits = meta.get("data_version", ""), meta.get("incidents_edits", "")
    codes = (_Codes(), _Codes(), _Codes())
    rows = _read(store, codes, None)
    order = np.argsort(rows.t, kind="stable")
    return IncidentColumns(
        stamp=stamp,
        token=token,
        edits=edits,
        max_fid=rows.max_fid,
        x=np.ascontiguousarray(rows.x[order], dtype=np.float64),
        y=np.ascontiguousarray(rows.y[order], dtype=np.float64),
        t=np.ascontiguousarray(rows.t[order], dtype=np.int64),
        has_time=np.ascontiguousarray(rows.has_time[order], dtype=bool),
        category=rows.category[order].astype(np.uint16),
        actor=rows.actor[order].astype(np.uint16),
        precision=rows.precision[order].astype(np.uint8),
        categories=codes[0].names("category"),
        actors=codes[1].names("actor"),
        precisions=codes[2].names("precision"),
    )


def extend_columns(old: IncidentColumns, store: Store, *, stamp: str) -> IncidentColumns | None:
    """``old`` plus the rows written since, or ``None`` when that is not known to be
    exactly the store's state (then load everything again).

    Why: after a reported incident, reading a million rows again costs seconds for the
    next visitor; reading the new ones costs milliseconds. Safe only when the one state
    ``old`` was read from is the state this write started from (the write token it
    replaced, ``data_version_prev``, is ``old``'s token: not a file renamed over it, not
    tables made anew), nothing was changed in place (the edit count ``old`` was read at)
    and nothing was deleted or left uncommitted (the store's count is ``old``'s plus the
    rows read).
    """
    meta = store.meta()
    if not old.token or meta.get("data_version_prev") != old.token:
        return None
    if meta.get("incidents_edits", "") != old.edits:  # another tool changed rows in place
        return None
    token = meta.get("data_version", "")
    codes = (_Codes(old.categories), _Codes(old.actors), _Codes(old.precisions))
    rows = _read(store, codes, old.max_fid)
    if store.count_incidents() != len(old) + rows.t.size:
        return None
    order = np.argsort(rows.t, kind="stable")
    at = np.searchsorted(old.t, rows.t[order], side="right")

    def merged(current: NDArray[Any], added: NDArray[Any], dtype: type) -> NDArray[Any]:
        return np.insert(current, at, added[order].astype(dtype))

    return IncidentColumns(
        stamp=stamp,
        token=token,
        edits=old.edits,
        max_fid=max(old.max_fid, rows.max_fid),
        x=merged(old.x, rows.x, np.float64),
        y=merged(old.y, rows.y, np.float64),
        t=merged(old.t, rows.t, np.int64),
        has_time=merged(old.has_time, rows.has_time, np.bool_),
        category=merged(old.category, rows.category, np.uint16),
        actor=merged(old.actor, rows.actor, np.uint16),
        precision=merged(old.precision, rows.precision, np.uint8),
        categories=codes[0].names("category"),
        actors=codes[1].names("actor"),
        precisions=codes[2].names("precision"),
    )


def _batch_arrays(
    batch: ColumnBatch, cats: _Codes, actors: _Codes, precs: _Codes
) -> tuple[I64, F64, F64, I64, Bool, I64, I64, I64]:
    category, actor, precision = batch.texts
    return (
        batch.fid,
        batch.x,
        batch.y,
        batch.t,
        batch.has_time,
        cats.encode(category),
        actors.encode(actor),
        precs.encode(precision),
    )


# --------------------------------------------------------------------------- the cache
_CACHE: dict[str, IncidentColumns] = {}
_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()
_WARMERS: dict[str, threading.Thread] = {}
_log = logging.getLogger(__name__)


def incident_columns(store: Store) -> IncidentColumns:
    """The columns of ``store``'s incidents, loaded once per process and store state.

    Keyed by the store's URL and :meth:`~Store.data_stamp` (one cheap query per call),
    so every session and thread of a process shares one copy, a write anywhere (this
    process, another replica, the CLI) is seen on the next call, and the previous copy
    is dropped. After one append-only write the new rows are read alone
    (:func:`extend_columns`); otherwise everything is read again. One lock per URL:
    ten sessions opening at once load it once.
    """
    stamp = store.data_stamp()
    cached = _CACHE.get(store.url)
    if cached is not None and cached.stamp == stamp:
        return cached
    with _LOCKS_GUARD:
        lock = _LOCKS.setdefault(store.url, threading.Lock())
    with lock:
        stamp = store.data_stamp()  # a load we waited for may have read a newer state
        cached = _CACHE.get(store.url)
        if cached is not None and cached.stamp == stamp:
            return cached
        loaded = None if cached is None else extend_columns(cached, store, stamp=stamp)
        if loaded is None:
            _CACHE.pop(store.url, None)  # free the old copy before building the new one
            loaded = load_columns(store, stamp=stamp)
        _CACHE[store.url] = loaded
        return loaded


def warm_columns(store: Store, *, every: float | None = None) -> threading.Thread | None:
    """Load ``store``'s columns in a daemon thread now (and, with ``every``, again within
    that many seconds of any later change), so a visitor finds them ready.

    Why: a cold load of a million incidents takes seconds of a shared CPU; done when
    the app starts, and again as soon as another process's write that is not a simple
    append is seen, no visitor waits for it. The thread calls :func:`incident_columns`,
    so it takes the same per-URL lock: a session asking meanwhile waits for this load
    instead of starting a second one. One warmer per store URL and process (``None``
    when one is already running). It holds the store weakly and stops once the store
    is dropped (a cache cleared, a test ended) or a load fails with a store error,
    which the next page run then shows.
    """
    with _LOCKS_GUARD:
        running = _WARMERS.get(store.url)
        if running is not None and running.is_alive():
            return None
        thread = threading.Thread(
            target=_warm, args=(weakref.ref(store), every), name="est-geo-warm", daemon=True
        )
        _WARMERS[store.url] = thread
        thread.start()
    return thread


def _warm(ref: weakref.ref[Store], every: float | None) -> None:
    while (store := ref()) is not None:
        try:
            incident_columns(store)
        except EstGeoError as exc:
            _log.warning("warming the incident columns of %s failed: %s", store.url, exc)
            return
        del store  # only the weak reference between rounds
        if every is None:
            return
        time.sleep(every)


def clear_cache() -> None:
    """Forget every cached copy (tests; a process that wants its memory back)."""
    _CACHE.clear()
