"""Backend-neutral pieces of the two stores: validation, row ↔ object, audit JSON.

:mod:`est_geo.store.gpkg` (SQLite) and :mod:`est_geo.store.postgis` (PostgreSQL) must
accept and refuse the same input and hand back the same objects and frames; the
contract tests run against both. Whatever does not depend on the SQL dialect or the
driver lives here once, so a rule changed in one place changes for both backends. What
stays in the backend modules is only how rows travel to and from each database.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from shapely.geometry import MultiPolygon
from shapely.geometry.base import BaseGeometry

from est_geo.core.crs import outside_extent, store_extent
from est_geo.core.errors import (
    Problem,
    ReadOnlyError,
    SchemaVersionError,
    ValidationError,
    keyed_error,
)
from est_geo.core.model import (
    MAX_TEXT_CHARS,
    STORE_EPSG,
    Actor,
    CategoryTree,
    Intervention,
    LocationPrecision,
)
from est_geo.core.timeprofile import HOURS_PER_WEEK, TimeProfile
from est_geo.core.validate import validate_areas
from est_geo.store.base import (
    CONTEXT_EVENT_COLUMNS,
    COUNT_KEYS,
    INCIDENT_COLUMNS,
    UserRecord,
)
from est_geo.store.tables import SCHEMA_VERSION

__all__ = [
    "INTERVENTION_FRAME_COLUMNS",
    "area_rows",
    "as_date",
    "audit_json",
    "check_count_keys",
    "check_count_polygon",
    "context_event_rows",
    "counts_frame",
    "distinct_texts",
    "indicator_value_rows",
    "intervention_audit",
    "intervention_from_row",
    "interventions_frame",
    "iso_text",
    "merged_user",
    "now_text",
    "opt",
    "profile_from_cells",
    "read_only_error",
    "refuse_read_only",
    "text_list",
    "user_audit",
    "user_change_audit",
    "user_from_row",
    "validate_context_events",
    "validate_incidents",
]


#: Non-geometry columns of :meth:`Store.interventions`, in the frame's order.
INTERVENTION_FRAME_COLUMNS = (
    "name",
    "kind",
    "status",
    "owner_actor",
    "start_date",
    "end_date",
    "description",
    "public",
    "cost",
    "buffer_m",
    "id",
)

#: Column → catalogue key of the reason of the per-row incident checks in
#: :func:`validate_incidents` (and the values of the one reason that has any).
_INCIDENT_REASONS = {
    "x": "store.problem.not_a_number",
    "y": "store.problem.not_a_number",
    "occurred_at": "store.problem.bad_time",
    "category": "store.problem.unknown_category",
    "actor": "store.problem.unknown_actor",
    "precision": "store.problem.unknown_precision",
    "source": "store.problem.no_source",
    "source_id": "store.problem.no_source_id",
    "description": "store.problem.too_long",
}
_INCIDENT_REASON_VALUES: dict[str, dict[str, object]] = {
    "description": {"max": f"{MAX_TEXT_CHARS:,}"}
}


def _too_long(texts: pd.Series) -> np.ndarray:
    """Which cells are text longer than the store keeps.

    Only the filled cells are looked at, in a loop over a list: a million
    ``Series.map`` calls cost ~1 s of a 1M-row import, and most descriptions are empty.
    """
    limit = MAX_TEXT_CHARS
    out = np.zeros(len(texts), dtype=bool)
    filled = np.flatnonzero(texts.notna().to_numpy())
    values = texts.to_numpy(dtype=object)[filled].tolist()
    out[filled] = np.fromiter(
        (isinstance(t, str) and len(t) > limit for t in values), dtype=bool, count=len(filled)
    )
    return out


def _empty_texts(values: pd.Series) -> np.ndarray:
    """Which cells are missing or empty as text (decided once per distinct value)."""
    present = values.dropna().unique()
    empty = [v for v in present if str(v) == ""]
    return values.isna().to_numpy() | values.isin(empty).to_numpy()


_log = logging.getLogger(__name__)


def iso_text(value: date | datetime | None) -> str | None:
    """A date or wall-clock time as the stores compare and store it (ISO, to the second)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    return value.isoformat()


def now_text() -> str:
    """ "Now" as the stores write it: UTC, whole seconds, ``YYYY-MM-DDTHH:MM:SSZ``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def audit_json(value: dict[str, Any] | None) -> str | None:
    """An audit entry's before/after as stored: the same JSON text on both backends."""
    return json.dumps(value, ensure_ascii=False, default=str) if value else None


def text_list(values: pd.Series) -> list[str]:
    """Every value of ``values`` as a Python ``str``, for a driver's rows.

    Why not ``values.astype(str).tolist()``: on pandas 3 ``astype(str)`` builds an Arrow
    string column only for ``tolist`` to make Python strings of it again (~0.2 s per
    million ids). A column of Python strings already, the usual case for the frames
    the importer builds, is returned as it is.
    """
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string":
        return list(values.tolist())
    return list(values.astype(str).tolist())


def distinct_texts(values: pd.Series) -> list[str]:
    """The distinct values of ``values`` as text, sorted (hashing the Python objects
    once, instead of iterating an Arrow column value by value through ``set``)."""
    return sorted({str(v) for v in values.unique()})


def opt(value: Any) -> Any:
    """``None`` for missing values (None or NaN), the value otherwise."""
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else value


def read_only_error() -> ReadOnlyError:
    """The error of a write to a store opened read-only, in the reader's language."""
    return keyed_error(ReadOnlyError, "store.read_only")


def refuse_schema(version: int, where: object, *, read_only: bool) -> None:
    """Refuse a database of a *newer* schema than this release knows (never touched),
    and one of an older schema opened read-only (it cannot be upgraded); ``where`` is
    the file or the address without its password. Both backends refuse in one wording.
    """
    if version > SCHEMA_VERSION:
        key = "store.error.newer_schema"
    elif version < SCHEMA_VERSION and read_only:
        key = "store.error.needs_upgrade"
    else:
        return
    raise keyed_error(SchemaVersionError, key, path=where, version=version, required=SCHEMA_VERSION)


def refuse_read_only(read_only: bool) -> None:
    """Raise before a bulk write's validation work on a read-only store."""
    if read_only:
        raise read_only_error()


def _missing_columns(frame: pd.DataFrame, columns: Sequence[str], key: str) -> None:
    """Refuse ``frame`` without ``columns``, summed up by the catalogue text ``key``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        problems = [Problem.keyed(None, c, "", "store.problem.no_column") for c in missing]
        raise ValidationError(problems, key=key)


# -- incidents ----------------------------------------------------------------------------
def _repeated_source_ids(frame: pd.DataFrame) -> list[Problem]:
    """A problem for each row whose (source, source_id) an earlier row of ``frame``
    has: the store keeps one row per source key, for incidents and context events."""
    repeated = np.flatnonzero(frame.duplicated(["source", "source_id"]).to_numpy())
    return [
        Problem.keyed(
            int(i) + 1, "source_id", str(frame["source_id"].iloc[i]), "store.problem.duplicate"
        )
        for i in repeated
    ]


def validate_incidents(df: pd.DataFrame, tree: CategoryTree) -> pd.DataFrame:
    """The incident columns of ``df`` with parsed times; every bad cell in one error.

    Rows are numbered from 1 as in the file; a (source, source_id) twice in the same
    batch is an error (the same pair already stored is a duplicate, skipped on insert).
    """
    _missing_columns(df, INCIDENT_COLUMNS, "store.invalid.incidents")
    out = df.loc[:, list(INCIDENT_COLUMNS)].reset_index(drop=True)
    out["occurred_at"] = pd.to_datetime(out["occurred_at"], errors="coerce")
    checks = {
        "x": ~np.isfinite(pd.to_numeric(out["x"], errors="coerce").to_numpy(float)),
        "y": ~np.isfinite(pd.to_numeric(out["y"], errors="coerce").to_numpy(float)),
        "occurred_at": out["occurred_at"].isna().to_numpy(),
        "category": ~out["category"].isin([c.key for c in tree.categories]).to_numpy(),
        "actor": ~out["actor"].isin(list(Actor)).to_numpy(),
        "precision": ~out["precision"].isin(list(LocationPrecision)).to_numpy(),
        "source": _empty_texts(out["source"]),
        "source_id": out["source_id"].isna().to_numpy(),
        "description": _too_long(out["description"]),
    }
    problems = [
        Problem.keyed(
            int(i) + 1,
            col,
            str(df[col].iloc[i])[:200],
            _INCIDENT_REASONS[col],
            **_INCIDENT_REASON_VALUES.get(col, {}),
        )
        for col, bad in checks.items()
        for i in np.flatnonzero(bad)
    ]
    problems += _repeated_source_ids(out)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.field))
        raise ValidationError(problems, key="store.invalid.incidents")
    return out


# -- areas --------------------------------------------------------------------------------
def area_rows(
    areas: gpd.GeoDataFrame, existing_codes: Iterable[str]
) -> list[tuple[MultiPolygon, str, str, str, str | None]]:
    """Validated areas as (multipolygon, code, name, level, parent_code) rows.

    Both backends store areas as MultiPolygon (GeoPackage's layer type, PostGIS's
    column type), so a single polygon is wrapped here.
    """
    clean = validate_areas(areas, existing_codes=set(existing_codes))
    rows = []
    for rec in clean.itertuples(index=False):
        g: BaseGeometry = rec.geometry
        multi = g if isinstance(g, MultiPolygon) else MultiPolygon([g])
        rows.append((multi, str(rec.code), str(rec.name), str(rec.level), opt(rec.parent_code)))
    return rows


#: Key in ``GeoDataFrame.attrs`` listing the codes :func:`usable_areas` left out.
UNUSABLE_AREAS = "unusable_area_codes"


def usable_areas(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Stored areas without those whose shape cannot be drawn or analysed.

    Imports refuse such shapes, but a database written by an older version (or by hand)
    may hold one, say with a coordinate of 1e12 m: every map, Hotspots, Lägesbild and
    Möte would raise on it for every user. It is left out instead, logged, and its code
    listed in ``frame.attrs[UNUSABLE_AREAS]`` so pages can say so.
    """
    bounds = np.asarray(frame.geometry.bounds, dtype=float)
    empty = (frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    bad = outside_extent(bounds, store_extent()) | empty
    if not bad.any():
        frame.attrs[UNUSABLE_AREAS] = []
        return frame
    codes = [str(c) for c in frame.loc[bad, "code"]]
    _log.warning("Areas with an unusable geometry are left out: %s", ", ".join(codes))
    kept = gpd.GeoDataFrame(frame.loc[~bad].reset_index(drop=True), crs=frame.crs)
    kept.attrs[UNUSABLE_AREAS] = codes
    return kept


# -- interventions ------------------------------------------------------------------------
def as_date(value: date | str | None) -> date | None:
    """A stored date: ISO text from sqlite3, a ``date`` from psycopg, or missing."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else date.fromisoformat(value)


def intervention_from_row(row: Sequence[Any], geometry: BaseGeometry) -> Intervention:
    """An intervention from a row (fid, name, kind, status, owner_actor, start_date,
    end_date, description, public, cost, buffer_m) and its decoded geometry."""
    return Intervention(
        id=int(row[0]),
        name=row[1],
        kind=row[2],
        status=row[3],
        owner_actor=row[4],
        start_date=as_date(row[5]),
        end_date=as_date(row[6]),
        description=row[7],
        public=bool(row[8]),
        cost=row[9],
        buffer_m=row[10],
        geometry=geometry,
    )


def intervention_audit(iv: Intervention) -> dict[str, Any]:
    """What the audit trail keeps of an intervention: every field, geometry as WKT."""
    data = {k: v for k, v in iv.__dict__.items() if k != "geometry"}
    data["geometry"] = iv.geometry.wkt
    return data


def interventions_frame(items: Sequence[Intervention]) -> gpd.GeoDataFrame:
    """:meth:`Store.interventions`' frame from stored interventions, in EPSG:3006."""
    frame = pd.DataFrame(
        [{k: v for k, v in iv.__dict__.items() if k != "geometry"} for iv in items],
        columns=list(INTERVENTION_FRAME_COLUMNS),
    )
    return gpd.GeoDataFrame(frame, geometry=[iv.geometry for iv in items], crs=f"EPSG:{STORE_EPSG}")


# -- indicators ---------------------------------------------------------------------------
def indicator_value_rows(
    values: pd.DataFrame, known: set[str]
) -> list[tuple[str, str, str, float, float | None]]:
    """Indicator values as (key, area_code, period, value, n) rows, checked.

    Every key must be in the catalogue (``known``) and every value a finite number.
    """
    problems = [
        Problem.keyed(i + 1, "indicator_key", str(k), "store.problem.unknown_indicator")
        for i, k in enumerate(values["indicator_key"])
        if k not in known
    ]
    bad_value = ~np.isfinite(pd.to_numeric(values["value"], errors="coerce").to_numpy(float))
    problems += [
        Problem.keyed(int(i) + 1, "value", str(values["value"].iloc[i]), "store.problem.not_number")
        for i in np.flatnonzero(bad_value)
    ]
    if problems:
        raise ValidationError(problems, key="store.invalid.indicator_values")
    n = values["n"] if "n" in values.columns else pd.Series([None] * len(values))
    return [
        (str(k), str(a), str(p), float(v), None if pd.isna(m) else float(m))
        for k, a, p, v, m in zip(
            values["indicator_key"],
            values["area_code"],
            values["period"],
            values["value"],
            n,
            strict=True,
        )
    ]


# -- context events -----------------------------------------------------------------------
def validate_context_events(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Context events' columns and their parsed times; every problem in one error."""
    title = "store.invalid.context_events"
    _missing_columns(events, CONTEXT_EVENT_COLUMNS, title)
    df = events.loc[:, list(CONTEXT_EVENT_COLUMNS)].reset_index(drop=True)
    times = pd.to_datetime(df["occurred_at"], errors="coerce", format="ISO8601")
    problems = [
        Problem.keyed(
            int(i) + 1, "occurred_at", str(df["occurred_at"].iloc[i]), "store.problem.bad_time"
        )
        for i in np.flatnonzero(times.isna().to_numpy())
    ]
    for col in ("source", "source_id", "type", "name", "location_name"):
        empty = df[col].isna() | (df[col].astype(str).str.strip() == "")
        problems += [
            Problem.keyed(int(i) + 1, col, "", "store.problem.no_value")
            for i in np.flatnonzero(empty)
        ]
    problems += _repeated_source_ids(df)
    if problems:
        raise ValidationError(problems, key=title)
    return df, times


def context_event_rows(
    df: pd.DataFrame, times: pd.Series, batch: str, stamp: Callable[[pd.Timestamp], Any]
) -> list[tuple[Any, ...]]:
    """Rows in ``context_events`` column order (source … area_codes, batch_id).

    ``stamp`` turns a parsed time into what the backend stores (ISO text for SQLite, a
    naive datetime for PostgreSQL); ``area_codes`` becomes sorted JSON text.
    """
    codes: list[Any] = [list(v) if v is not None else [] for v in df["area_codes"]]
    return [
        (
            str(r.source),
            str(r.source_id),
            stamp(t),
            str(r.type),
            opt(r.category),
            str(r.name),
            "" if opt(r.summary) is None else str(r.summary),
            opt(r.url),
            str(r.location_name),
            opt(r.lat),
            opt(r.lon),
            json.dumps(sorted(str(c) for c in code), ensure_ascii=False),
            batch,
        )
        for r, t, code in zip(df.itertuples(index=False), times, codes, strict=True)
    ]


# -- users --------------------------------------------------------------------------------
def user_from_row(row: Sequence[Any]) -> UserRecord:
    """An account from a row in (username, role, display_name, password_hash, disabled,
    created_at, updated_at, last_login) order, times already as text."""
    return UserRecord(
        username=row[0],
        role=row[1],
        display_name=row[2],
        password_hash=row[3],
        disabled=bool(row[4]),
        created_at=row[5],
        updated_at=row[6],
        last_login=row[7],
    )


def user_audit(record: UserRecord) -> dict[str, Any]:
    """What the audit trail keeps of an account: never the hash, only whether one is set."""
    return {
        "username": record.username,
        "role": record.role,
        "display_name": record.display_name,
        "disabled": record.disabled,
        "password": "satt" if record.password_hash else "saknas",
    }


def merged_user(
    before: UserRecord,
    *,
    role: str | None,
    password_hash: str | None,
    disabled: bool | None,
    display_name: str | None,
) -> UserRecord:
    """``before`` with the given fields changed (``None`` = keep) and a new ``updated_at``."""
    return replace(
        before,
        role=before.role if role is None else role,
        display_name=before.display_name if display_name is None else display_name,
        password_hash=before.password_hash if password_hash is None else password_hash,
        disabled=before.disabled if disabled is None else disabled,
        updated_at=now_text(),
    )


def user_change_audit(
    before: UserRecord, after: UserRecord, *, password_changed: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The (before, after) audit entries of an account change."""
    old, new = user_audit(before), user_audit(after)
    if password_changed:
        new["password"] = "ändrat"  # noqa: S105 - a status word, not a secret
    return old, new


# --------------------------------------------------------------------------- push-down


def check_count_polygon(polygon: BaseGeometry) -> BaseGeometry:
    """The polygon of :meth:`Store.counts_within`: valid, non-empty (Multi)Polygon."""
    problems: list[Problem] = []
    kind = getattr(polygon, "geom_type", type(polygon).__name__)
    if kind not in {"Polygon", "MultiPolygon"}:
        problems.append(Problem.keyed(None, "polygon", str(kind), "store.problem.not_polygon"))
    elif polygon.is_empty:
        problems.append(Problem.keyed(None, "polygon", "EMPTY", "store.problem.empty_polygon"))
    elif not polygon.is_valid:
        problems.append(Problem.keyed(None, "polygon", str(kind), "store.problem.invalid_polygon"))
    if problems:
        raise ValidationError(problems, key="store.invalid.count_area")
    return polygon


def check_count_keys(by: Sequence[str]) -> tuple[str, ...]:
    """Grouping keys of :meth:`Store.counts_within` (each of ``COUNT_KEYS`` at most once)."""
    keys = tuple(by)
    bad = [k for k in keys if k not in COUNT_KEYS]
    if bad or len(set(keys)) != len(keys):
        raise ValidationError(
            [
                Problem.keyed(
                    None,
                    "by",
                    ",".join(keys),
                    "store.problem.count_keys",
                    keys=", ".join(COUNT_KEYS),
                )
            ],
            key="store.invalid.grouping",
        )
    return keys


def counts_frame(rows: Iterable[Sequence[Any]], by: tuple[str, ...]) -> pd.DataFrame:
    """``[*by, "n"]`` from ``(key..., n)`` rows: sorted by the keys, ``n`` int64.

    With ``by=()`` one row holding the total, 0 included, as both backends must agree.
    """
    rows_list = list(rows)
    keys = [tuple(str(v) for v in row[: len(by)]) for row in rows_list]
    counts = [int(row[len(by)]) for row in rows_list]
    if not by:
        return pd.DataFrame({"n": np.array([sum(counts)], dtype=np.int64)})
    frame = pd.DataFrame(keys, columns=list(by))
    frame["n"] = counts
    frame = frame[frame["n"] > 0].sort_values(list(by), kind="stable").reset_index(drop=True)
    frame["n"] = frame["n"].astype(np.int64)
    for key in by:
        frame[key] = frame[key].astype(str)
    return frame


def profile_from_cells(
    has_time: ArrayLike, weekday: ArrayLike, hour: ArrayLike, n: ArrayLike
) -> TimeProfile:
    """A :class:`TimeProfile` from ``n`` incidents per (has_time, weekday 0=Mon, hour)."""
    timed = np.asarray(has_time, dtype=bool)
    day = np.asarray(weekday, dtype=np.int64)
    hh = np.asarray(hour, dtype=np.int64)
    w = np.asarray(n, dtype=np.int64)
    cells = day[timed] * 24 + hh[timed]
    matrix = np.bincount(cells, weights=w[timed], minlength=HOURS_PER_WEEK)
    by_weekday = np.bincount(day, weights=w, minlength=7)
    return TimeProfile(
        matrix=matrix.astype(np.int64).reshape(7, 24),
        by_weekday=by_weekday.astype(np.int64),
        n_total=int(w.sum()),
        n_without_time=int(w[~timed].sum()),
        n_invalid=0,
    )
