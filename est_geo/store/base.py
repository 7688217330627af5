"""The storage contract every backend implements (embedded GeoPackage, later PostGIS).

Geometries cross this boundary in the store CRS, SWEREF 99 TM (EPSG:3006); conversion to
WGS84 for maps happens at the edge (:mod:`est_geo.core.crs`). Incident tables come back as plain
DataFrames with ``x``/``y`` columns rather than GeoDataFrames because analysis works on
coordinate arrays and a million shapely points cost seconds for nothing.

Every write takes ``user`` (recorded in the audit trail) and runs in one transaction:
either all of it lands or none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, Protocol, runtime_checkable

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import CategoryTree, IndicatorDefinition, Intervention
from est_geo.core.timeprofile import TimeProfile

#: Columns of an incident frame handed to :meth:`Store.add_incidents`.
INCIDENT_COLUMNS: tuple[str, ...] = (
    "x",
    "y",
    "occurred_at",
    "has_time",
    "category",
    "actor",
    "precision",
    "description",
    "source",
    "source_id",
)


#: Columns of a context-event frame handed to :meth:`Store.add_context_events`. Events
#: have no geometry: ``lat``/``lon`` is the municipality's centre as Polisen gives it,
#: kept for reference only, never drawn as a point.
CONTEXT_EVENT_COLUMNS: tuple[str, ...] = (
    "source",
    "source_id",
    "occurred_at",
    "type",
    "category",
    "name",
    "summary",
    "url",
    "location_name",
    "lat",
    "lon",
    "area_codes",
)


#: One incident as :meth:`Store.incident_column_chunks` gives it: fid, x, y (EPSG:3006),
#: occurred_at as whole seconds since 1970-01-01 00:00 of the stored wall-clock time
#: (no zone, as stored), has_time (0/1 or bool), category, actor, precision.
ColumnRow = tuple[int, float, float, int, Any, str, str, str]


@dataclass(frozen=True, eq=False)
class ColumnBatch:
    """Some incidents' :data:`ColumnRow` values as arrays: numbers as numpy arrays, each
    text column as codes into its own (batch-local) tuple of names.

    Why: a backend that can hand over whole columns (the GeoPackage through GDAL's
    Arrow reader) skips one Python object per value, most of a cold load's CPU.
    """

    fid: NDArray[np.int64]
    x: NDArray[np.float64]
    y: NDArray[np.float64]
    t: NDArray[np.int64]
    has_time: NDArray[np.bool_]
    #: ``(codes, names)`` of category, actor and precision: value ``names[codes[i]]``.
    texts: tuple[tuple[NDArray[np.int64], tuple[str, ...]], ...]

    @classmethod
    def from_rows(cls, rows: list[ColumnRow]) -> ColumnBatch:
        """The batch of ``rows`` (as :meth:`Store.incident_column_chunks` yields them)."""
        # One 2-D object array in C, then a column at a time: half the time of zip(*rows).
        table = np.array(rows, dtype=object).reshape(len(rows), 8)
        texts = []
        for i in (5, 6, 7):
            # pandas' hash-based factorize: ~15x faster than np.unique's sort of objects.
            codes, names = pd.factorize(np.ascontiguousarray(table[:, i]))
            texts.append((np.asarray(codes, dtype=np.int64), tuple(str(n) for n in names)))
        return cls(
            fid=table[:, 0].astype(np.int64),
            x=table[:, 1].astype(np.float64),
            y=table[:, 2].astype(np.float64),
            t=table[:, 3].astype(np.int64),
            has_time=table[:, 4].astype(bool),
            texts=tuple(texts),
        )


#: Keys :meth:`Store.counts_within` can group by: the stored ``category`` and the
#: calendar ``month`` of ``occurred_at`` as ``"YYYY-MM"``.
COUNT_KEYS: tuple[str, ...] = ("category", "month")


@dataclass(frozen=True)
class IncidentQuery:
    """Filter for incidents. ``end`` is exclusive; ``None`` means no restriction."""

    start: datetime | date | None = None
    end: datetime | date | None = None
    categories: frozenset[str] | None = None
    actors: frozenset[str] | None = None
    bbox: tuple[float, float, float, float] | None = None
    weekdays: frozenset[int] | None = None  # 0 = Monday
    hours: frozenset[int] | None = None
    with_text: bool = False

    def describe(self) -> dict[str, object]:
        """JSON-friendly description, recorded with analysis results."""
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "categories": sorted(self.categories) if self.categories is not None else None,
            "actors": sorted(self.actors) if self.actors is not None else None,
            "weekdays": sorted(self.weekdays) if self.weekdays is not None else None,
            "hours": sorted(self.hours) if self.hours is not None else None,
        }


@dataclass(frozen=True)
class ImportResult:
    """What an incident write did."""

    batch_id: str
    rows_read: int
    inserted: int
    duplicates: int


@dataclass(frozen=True)
class RememberedMapping:
    """A column mapping to remember in the same transaction as the rows it imported.

    Written by :meth:`Store.add_incidents` together with the incidents, so a process
    killed half-way leaves either both or neither, never rows whose mapping is lost.
    """

    source: str
    kind: str
    mapping: dict[str, Any]


@dataclass(frozen=True)
class StoreInfo:
    """Summary printed by ``est-geo info``."""

    url: str
    backend: str
    schema_version: int
    crs: str
    counts: dict[str, int]
    demo: bool
    incident_range: tuple[str | None, str | None]
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class UserRecord:
    """One account as stored (``users`` table). ``password_hash`` is never shown or logged."""

    username: str
    role: str
    display_name: str = ""
    password_hash: str | None = field(default=None, repr=False)
    disabled: bool = False
    created_at: str | None = None
    updated_at: str | None = None
    last_login: str | None = None


@runtime_checkable
class UserStore(Protocol):
    """Account storage, kept apart from :class:`Store` so a backend can add it on its own.

    Every write is audited like the other writes, but a password hash never enters the
    audit trail (only the fact that it changed).
    """

    read_only: bool

    def users(self) -> list[UserRecord]:
        """Every account, ordered by username."""
        ...

    def get_user(self, username: str) -> UserRecord | None:
        """One account, or ``None``."""
        ...

    def add_user(self, record: UserRecord, *, user: str) -> None:
        """Insert a new account (StoreError if the name is taken)."""
        ...

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
        """Change the given fields of an account (NotFoundError if missing)."""
        ...

    def record_login(self, username: str, *, success: bool, method: str) -> None:
        """Record a login attempt in the audit trail (and ``last_login`` on success)."""
        ...

    def begin_login_attempt(
        self,
        username: str,
        source: str,
        *,
        since: datetime,
        max_account: int,
        max_source: int,
    ) -> Literal["ok", "account", "source"]:
        """Count earlier unsuccessful attempts and record this one, atomically
        (``est_geo.store.login_throttle``); refused attempts record nothing."""
        ...

    def record_login_source(self, username: str, source: str) -> None:
        """A successful login from ``source`` (cancels its attempt in the source's count)."""
        ...


@runtime_checkable
class Store(Protocol):
    """Storage contract; see module docstring."""

    url: str
    read_only: bool

    def info(self) -> StoreInfo:
        """Counts per table, schema version, CRS."""
        ...

    def is_demo(self) -> bool:
        """True when the data is the synthetic demo (the UI must say so)."""
        ...

    def set_meta(self, values: dict[str, str], *, user: str) -> None:
        """Set metadata keys (e.g. demo flag, last update)."""
        ...

    def meta(self) -> dict[str, str]:
        """All metadata."""
        ...

    def category_tree(self) -> CategoryTree:
        """The configured category tree."""
        ...

    def replace_categories(self, tree: CategoryTree, *, user: str) -> None:
        """Replace the category tree."""
        ...

    def areas(
        self, *, levels: Iterable[str] | None = None, version: int | None = None
    ) -> gpd.GeoDataFrame:
        """Areas (code, name, level, parent_code, version, geometry) in EPSG:3006; DeSO
        and RegSO of one DeSO version (default the newest stored)."""
        ...

    def add_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> int:
        """Insert areas (all or nothing); codes must be new."""
        ...

    def add_incidents(
        self,
        incidents: pd.DataFrame,
        *,
        user: str,
        batch_id: str | None = None,
        remember: RememberedMapping | None = None,
    ) -> ImportResult:
        """Insert incidents; rows whose (source, source_id) exist are skipped.

        ``remember`` is saved as by :meth:`save_import_mapping`, in the same transaction.
        """
        ...

    def incidents(self, query: IncidentQuery | None = None) -> pd.DataFrame:
        """Incidents matching ``query`` (fid, x, y, occurred_at, has_time, category, actor,
        precision, source, source_id, batch_id; plus description when ``with_text``)."""
        ...

    def count_incidents(self, query: IncidentQuery | None = None) -> int:
        """Number of incidents matching ``query``."""
        ...

    def data_stamp(self) -> str:
        """A short text that changes whenever the stored incidents change.

        Every incident write sets a new random ``est_meta.data_version`` in its own
        transaction (keeping the one it replaces as ``data_version_prev``); the highest
        fid (and in the GeoPackage the row count) is part of it too, and the count of
        incident rows changed or deleted by any tool (``est_meta.incidents_edits``,
        kept by triggers since schema 8). Caches of incidents
        (:mod:`est_geo.store.columns`) are keyed by it: equal stamps, equal incidents.
        """
        ...

    def incident_column_chunks(
        self, *, after_fid: int | None = None, chunk_rows: int = 200_000
    ) -> Iterator[list[ColumnRow]]:
        """The analysis columns (:data:`ColumnRow`) of every incident, or of those with
        fid > ``after_fid`` (fids only grow), ``chunk_rows`` at a time, in no order.

        The input of :func:`est_geo.store.columns.load_columns`.
        """
        ...

    def counts_within(
        self,
        polygon: BaseGeometry,
        *,
        by: tuple[str, ...] = ("category",),
        query: IncidentQuery | None = None,
    ) -> pd.DataFrame:
        """Incidents inside ``polygon`` (EPSG:3006) counted per ``by`` (:data:`COUNT_KEYS`).

        *Inside* means covered by the polygon: a point exactly on its boundary (an edge
        or a vertex) counts, a point in a hole does not (the hole's ring is boundary, so
        a point on it counts). Columns ``[*by, "n"]`` (``n`` int64), one row per group
        with at least one incident, sorted by the keys; ``by=()`` gives one row with the
        total (0 when none). ``query`` filters as in :meth:`incidents`. The polygon must
        be a valid, non-empty Polygon or MultiPolygon (ValidationError otherwise).
        """
        ...

    def weekday_hour_profile(
        self, polygon: BaseGeometry | None = None, *, query: IncidentQuery | None = None
    ) -> TimeProfile:
        """Weekday × hour counts of the incidents matching ``query`` inside ``polygon``.

        Same inside rule as :meth:`counts_within`; ``None`` = everywhere. The result is
        what :func:`est_geo.hotspots.timeprofile.weekday_hour_matrix` gives on the pulled
        rows: ``matrix`` (7 × 24, Monday first) from incidents with ``has_time``,
        ``by_weekday`` from all, ``n_without_time`` those without a known hour.
        """
        ...

    def interventions(self) -> gpd.GeoDataFrame:
        """All interventions in EPSG:3006."""
        ...

    def get_intervention(self, intervention_id: int) -> Intervention:
        """One intervention (NotFoundError if missing)."""
        ...

    def add_intervention(self, intervention: Intervention, *, user: str) -> int:
        """Insert an intervention and return its id."""
        ...

    def update_intervention(self, intervention: Intervention, *, user: str) -> None:
        """Replace an existing intervention (matched by id)."""
        ...

    def delete_intervention(self, intervention_id: int, *, user: str) -> None:
        """Delete an intervention."""
        ...

    def indicator_definitions(self) -> list[IndicatorDefinition]:
        """The indicator catalogue."""
        ...

    def upsert_indicator_definition(self, definition: IndicatorDefinition, *, user: str) -> None:
        """Insert or replace one catalogue entry."""
        ...

    def indicator_values(self, indicator_key: str | None = None) -> pd.DataFrame:
        """Values (indicator_key, area_code, period, value, n, area_version)."""
        ...

    def add_indicator_values(self, values: pd.DataFrame, *, user: str) -> int:
        """Insert or replace values (all or nothing)."""
        ...

    def audit_log(self, *, limit: int = 1000) -> pd.DataFrame:
        """Newest audit entries first."""
        ...

    def add_context_events(
        self, events: pd.DataFrame, *, user: str, batch_id: str | None = None
    ) -> ImportResult:
        """Insert Polisen context events (:data:`CONTEXT_EVENT_COLUMNS`), all or nothing.

        Rows whose (source, source_id) exist are skipped, so a saved API response can be
        imported again without duplicates.
        """
        ...

    def context_events(
        self,
        *,
        start: datetime | date | None = None,
        end: datetime | date | None = None,
        area_codes: Iterable[str] | None = None,
    ) -> pd.DataFrame:
        """Context events, newest first (``fid`` + :data:`CONTEXT_EVENT_COLUMNS` + batch_id).

        ``end`` is exclusive; ``area_codes`` keeps events linked to any of those areas.
        ``area_codes`` comes back as a tuple of codes per row.
        """
        ...

    def import_mapping(self, source: str, kind: str) -> dict[str, Any] | None:
        """The column/category mapping remembered for ``source`` and import ``kind``."""
        ...

    def save_import_mapping(
        self, source: str, kind: str, mapping: dict[str, Any], *, user: str
    ) -> None:
        """Remember (insert or replace) a JSON-serialisable mapping for a source."""
        ...
