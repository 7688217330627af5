"""Areas, their SCB deliveries and the indicator values on them, written once for both
databases.

Why a module of its own: areas carry the most rules of the store's tables (levels, DeSO
versions side by side, a re-delivery replaced all or nothing with its record), and the
indicator values are keyed by them; kept apart from :mod:`est_geo.store.sql_core` so
neither grows past what a reader takes in at once. The GeoPackage keeps each area's
bounding box in columns of its own (``_AREA_BOUNDS``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import geopandas as gpd
import pandas as pd

from est_geo.core.model import (
    STORE_EPSG,
    UNVERSIONED,
    VERSIONED_LEVELS,
    IndicatorDefinition,
    deso_version_of,
    level_version,
)
from est_geo.store.area_keys import SQLAreaKeyMixin, key_rows
from est_geo.store.area_versions import (
    DELIVERY_COLUMNS,
    AreaDelivery,
    DeliveryResult,
    check_delivery,
    removed_codes,
    replacement_rows,
)
from est_geo.store.common import (
    area_rows,
    indicator_value_rows,
    refuse_read_only,
    usable_areas,
)

__all__ = ["SQLAreasMixin"]


class SQLAreasMixin(SQLAreaKeyMixin):
    """Areas, deliveries and indicator values; a backend supplies ``_dialect``."""

    #: Whether ``areas`` has minx, miny, maxx, maxy columns to fill.
    _AREA_BOUNDS: ClassVar[bool] = False

    # -- areas ---------------------------------------------------------------------------
    def areas(
        self, *, levels: Iterable[str] | None = None, version: int | None = None
    ) -> gpd.GeoDataFrame:
        """Areas in EPSG:3006, in insertion order; a shape that cannot be drawn is left out
        (:func:`~est_geo.store.common.usable_areas`).

        DeSO and RegSO areas are those of one DeSO version (``version``, default the
        newest stored; :mod:`est_geo.store.area_versions`), so the same code never comes
        twice; areas of other levels have no version and always come, so the newest
        version is asked for only when a DeSO or RegSO level is.
        """
        wanted = None if levels is None else list(levels)
        if version is None:
            versioned = wanted is None or not set(wanted).isdisjoint(VERSIONED_LEVELS)
            version = self.newest_area_version() if versioned else UNVERSIONED
        return usable_areas(self._stored_areas(wanted, version))

    def area_versions(self) -> list[int]:
        """The DeSO versions stored (areas, values or keys), newest first; 0 = no version."""
        deso, regso = VERSIONED_LEVELS
        statement = (
            "SELECT DISTINCT level, version FROM areas WHERE level IN (?, ?) "
            "UNION SELECT DISTINCT 'deso', version FROM area_keys "
            "UNION SELECT DISTINCT '', area_version FROM indicator_values"
        )
        with self._connect() as con:
            rows = self._run(con, statement, (deso, regso)).fetchall()
        found = {deso_version_of(level or deso, int(v)) for level, v in rows}
        return sorted(found, reverse=True)

    def newest_area_version(self) -> int:
        """The newest DeSO version among the stored DeSO/RegSO areas (0 if none has one)."""
        deso, regso = VERSIONED_LEVELS
        with self._connect() as con:
            rows = self._run(
                con,
                "SELECT DISTINCT level, version FROM areas WHERE level IN (?, ?)",
                (deso, regso),
            ).fetchall()
        return max((deso_version_of(level, int(v)) for level, v in rows), default=UNVERSIONED)

    def area_codes(self, level: str, version: int) -> set[str]:
        """The stored codes of one level and version (``version`` that of the level,
        e.g. RegSO 2020), read without their shapes: what a delivery checks its parents
        against."""
        return self._codes_of([(level, version)])[(level, version)]

    def _stored_areas(self, levels: list[str] | None, version: int) -> gpd.GeoDataFrame:
        """Stored areas of ``levels`` (None: every level), DeSO and RegSO of DeSO version
        ``version`` (:meth:`areas`)."""
        d = self._dialect
        deso, regso = VERSIONED_LEVELS
        statement = (
            f"SELECT fid, code, name, level, parent_code, version, "
            f"{d.geom_column.format('geom')} FROM areas "
            "WHERE (level NOT IN (?, ?) OR (level = ? AND version = ?) "
            "OR (level = ? AND version = ?))"
        )
        params: list[Any] = [deso, regso, deso, level_version(deso, version)]
        params += [regso, level_version(regso, version)]
        if levels is not None:
            statement += f" AND level IN ({','.join('?' * len(levels))})" if levels else " AND 0=1"
            params += levels
        with self._connect() as con:
            rows = self._run(con, statement + " ORDER BY fid", params).fetchall()
        columns = ["fid", "code", "name", "level", "parent_code", "version"]
        frame = pd.DataFrame([r[:6] for r in rows], columns=columns)
        frame["version"] = frame["version"].astype(int)
        geoms = [d.decode_geom(r[6]) for r in rows]
        return gpd.GeoDataFrame(frame, geometry=geoms, crs=f"EPSG:{STORE_EPSG}")

    def _codes_of(
        self, wanted: Sequence[tuple[str | None, int]]
    ) -> dict[tuple[str | None, int], set[str]]:
        """The stored codes of each (level, version) in ``wanted`` (level ``None``: of
        every level), in one query.

        Why not :meth:`_stored_areas`: a write checks codes only (a delivery those of its
        level and version and of the RegSO its parents may name, an import those without
        a version), not every area's shape.
        """
        pairs = list(dict.fromkeys(wanted))
        terms = [f"({'' if lv is None else 'level = ? AND '}version = ?)" for lv, _ in pairs]
        params = [v for pair in pairs for v in (pair if pair[0] is not None else pair[1:])]
        with self._connect() as con:
            rows = self._run(
                con,
                f"SELECT level, version, code FROM areas WHERE {' OR '.join(terms) or '0=1'}",
                params,
            ).fetchall()
        codes: dict[tuple[str | None, int], set[str]] = {pair: set() for pair in pairs}
        for level, version, code in rows:
            for pair in ((level, int(version)), (None, int(version))):
                if pair in codes:
                    codes[pair].add(str(code))
        return codes

    def _area_values(self, multi: Any) -> tuple[Any, ...]:
        bounds = tuple(multi.bounds) if self._AREA_BOUNDS else ()
        return (self._dialect.encode_geom(multi), *bounds)

    def _insert_areas(self, con: Any, rows: Sequence[tuple[Any, ...]], version: int) -> None:
        bounds = ", minx, miny, maxx, maxy" if self._AREA_BOUNDS else ""
        marks = ",?,?,?,?" if self._AREA_BOUNDS else ""
        self._many(
            con,
            f"INSERT INTO areas (code, name, level, parent_code, version, geom{bounds}) "
            f"VALUES (?,?,?,?,?,{self._dialect.geom_param}{marks})",
            [(*fields, version, *self._area_values(multi)) for multi, *fields in rows],
        )

    def add_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> int:
        """Insert areas without a version; every problem is reported and nothing written
        on failure. Codes must be new among the areas without a version."""
        refuse_read_only(self.read_only)
        own = (None, UNVERSIONED)
        rows = area_rows(areas, self._codes_of([own])[own])
        with self._write() as con:
            self._insert_areas(con, rows, UNVERSIONED)
            self._audit(con, user, "insert", "areas", None, None, {"codes": [r[1] for r in rows]})
            self._end_demo(con, user, "areas")
            self._layer_changed(con, "areas")
        return len(rows)

    def replace_area_delivery(self, delivery: AreaDelivery, *, user: str) -> DeliveryResult:
        """Replace one municipality's areas of one level and version, its DeSO → RegSO
        pairs and its delivery record in one transaction
        (:mod:`est_geo.store.area_versions`); any failure leaves all of them as they were."""
        refuse_read_only(self.read_only)
        check_delivery(delivery)
        level, version = delivery.level, delivery.version
        regso = VERSIONED_LEVELS[1]
        parent_version = level_version(regso, deso_version_of(level, version))
        codes = self._codes_of([(level, version), (regso, parent_version)])
        stored = codes[(level, version)]
        new, old = replacement_rows(delivery.areas, stored, codes[(regso, parent_version)])
        gone = removed_codes(stored, delivery.areas, delivery.kommun)
        key = (
            key_rows(delivery.key, child_level=level, parent_level=regso)
            if (delivery.key is not None)
            else []
        )
        bounds = ", minx=?, miny=?, maxx=?, maxy=?" if self._AREA_BOUNDS else ""
        with self._write() as con:
            self._insert_areas(con, new, version)
            self._many(
                con,
                f"UPDATE areas SET name=?, parent_code=?, geom={self._dialect.geom_param}{bounds}"
                " WHERE level=? AND code=? AND version=?",
                [(n, p, *self._area_values(m), lv, c, version) for m, c, n, lv, p in old],
            )
            self._many(
                con,
                "DELETE FROM areas WHERE level=? AND code=? AND version=?",
                [(level, c, version) for c in gone],
            )
            if delivery.key is not None:
                self._replace_key_rows(
                    con,
                    key,
                    child_level=level,
                    parent_level=regso,
                    version=version,
                    kommun=delivery.kommun,
                )
            self._record_delivery(con, delivery)
            after = {
                "version": version,
                "inserted": [r[1] for r in new],
                "replaced": [r[1] for r in old],
                "removed": gone,
            }
            self._audit(con, user, "replace", "areas", f"{level}:{delivery.kommun}", None, after)
            self._end_demo(con, user, "areas")
            self._layer_changed(con, "areas")
        return DeliveryResult(len(new), len(old), tuple(gone), len(key))

    def _record_delivery(self, con: Any, delivery: AreaDelivery) -> None:
        """Write the delivery's record (inside the areas' transaction)."""
        self._run(
            con,
            "INSERT INTO area_versions (level, version, kommun, source_url, fetched_at, areas) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (level, version, kommun) DO UPDATE SET "
            "source_url = excluded.source_url, fetched_at = excluded.fetched_at, "
            "areas = excluded.areas",
            (
                delivery.level,
                delivery.version,
                delivery.kommun,
                delivery.source_url,
                delivery.fetched_at,
                len(delivery.areas),
            ),
        )

    def area_deliveries(self) -> pd.DataFrame:
        """The recorded deliveries, newest version first."""
        with self._connect() as con:
            rows = self._run(
                con,
                f"SELECT {', '.join(DELIVERY_COLUMNS)} FROM area_versions "
                "ORDER BY version DESC, level, kommun",
            ).fetchall()
        return pd.DataFrame([tuple(r) for r in rows], columns=list(DELIVERY_COLUMNS))

    # -- indicators ----------------------------------------------------------------------
    def indicator_definitions(self) -> list[IndicatorDefinition]:
        """The indicator catalogue, in the order entries were first added."""
        with self._connect() as con:
            rows = con.execute(
                "SELECT key, name_sv, name_en, unit, higher_is_better, source, area_level, notes "
                f"FROM indicator_definitions ORDER BY {self._dialect.insertion_order}"
            ).fetchall()
        return [
            IndicatorDefinition(r[0], r[1], r[2], r[3], bool(r[4]), r[5], r[6], r[7]) for r in rows
        ]

    def upsert_indicator_definition(self, definition: IndicatorDefinition, *, user: str) -> None:
        """Insert or replace one catalogue entry."""
        d = definition
        with self._write() as con:
            self._run(
                con,
                "INSERT INTO indicator_definitions (key, name_sv, name_en, unit, "
                "higher_is_better, source, area_level, notes) VALUES (?,?,?,?,?,?,?,?) "
                "ON CONFLICT (key) DO UPDATE SET name_sv=excluded.name_sv, "
                "name_en=excluded.name_en, unit=excluded.unit, "
                "higher_is_better=excluded.higher_is_better, source=excluded.source, "
                "area_level=excluded.area_level, notes=excluded.notes",
                (d.key, d.name_sv, d.name_en, d.unit, bool(d.higher_is_better), d.source,
                 d.area_level, d.notes),
            )  # fmt: skip
            self._audit(con, user, "upsert", "indicator_definitions", d.key, None, d.__dict__)

    def indicator_values(self, indicator_key: str | None = None) -> pd.DataFrame:
        """Indicator values, optionally for one indicator, with the version of the areas
        each belongs to (``area_version``, 0 = areas without a version)."""
        statement = (
            "SELECT indicator_key, area_code, period, value, n, area_version FROM indicator_values"
        )
        params: tuple[str, ...] = ()
        if indicator_key is not None:
            statement += " WHERE indicator_key = ?"
            params = (indicator_key,)
        statement += " ORDER BY indicator_key, area_code, period, area_version"
        with self._connect() as con:
            rows = self._run(con, statement, params).fetchall()
        columns = ["indicator_key", "area_code", "period", "value", "n", "area_version"]
        frame = pd.DataFrame([tuple(r) for r in rows], columns=columns)
        frame["area_version"] = frame["area_version"].astype(int)
        return frame

    def add_indicator_values(self, values: pd.DataFrame, *, user: str) -> int:
        """Insert or replace values in one transaction (keys must be in the catalogue).

        A column ``area_version`` names the version of the areas the values belong to
        (a DeSO 2025 value is another value than a DeSO 2018 one of the same code);
        without it the values belong to areas without a version.
        """
        refuse_read_only(self.read_only)
        rows = indicator_value_rows(values, {d.key for d in self.indicator_definitions()})
        versions = (
            values["area_version"].astype(int).tolist()
            if "area_version" in values.columns
            else [UNVERSIONED] * len(rows)
        )
        with self._write() as con:
            self._many(
                con,
                "INSERT INTO indicator_values (indicator_key, area_code, period, value, n, "
                "area_version) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT (indicator_key, area_code, period, area_version) "
                "DO UPDATE SET value = excluded.value, n = excluded.n",
                [(*r, v) for r, v in zip(rows, versions, strict=True)],
            )
            self._audit(con, user, "upsert", "indicator_values", None, None, {"rows": len(rows)})
            self._end_demo(con, user, "indicator_values")
        return len(rows)
