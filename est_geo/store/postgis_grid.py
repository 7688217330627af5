"""The hotspot grid pushed down into PostgreSQL (:meth:`PostGISGridMixin.grid_counts`).

Why a module of its own: the grid is the one analysis the shared store answers in the
database rather than by sending rows, and its two exact routes (per-cell totals kept by
triggers, ``incident_cells`` of schema 5, or grouping the stored x/y) are PostgreSQL
only; the embedded store reads its grid from the in-memory columns.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final, cast

import numpy as np
import pandas as pd
import psycopg
from numpy.typing import NDArray

from est_geo.core.errors import Problem, ValidationError
from est_geo.store.base import IncidentQuery
from est_geo.store.postgis_schema import SUMMARY_CELL

__all__ = ["PostGISGridMixin"]

Connection = psycopg.Connection[tuple[Any, ...]]


class PostGISGridMixin:
    """``grid_counts`` for :class:`~est_geo.store.postgis.PostGISStore`."""

    if TYPE_CHECKING:
        from contextlib import AbstractContextManager

        _pinned: Connection | None

        def _connect(self) -> AbstractContextManager[Connection]: ...

        def _where(self, query: IncidentQuery) -> tuple[str, list[Any]]: ...

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
                [Problem.keyed(None, "grid", f"{cell_size}/{nx}x{ny}", "store.problem.empty_grid")],
                key="store.invalid.grid",
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
    # -- indicators ----------------------------------------------------------------------
    # -- audit ---------------------------------------------------------------------------
    # -- context events (Polisen) and remembered import mappings -------------------------
    # -- users (the UserStore protocol) -------------------------------------------------


def _naive(value: date | datetime | None) -> date | datetime | None:
    # The stored times are local wall-clock times without zone (as in the embedded store).
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


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
