"""Stored code keys between area levels, such as SCB's DeSO → RegSO key.

SCB publishes statistics per DeSO and a separate key saying which RegSO each DeSO lies
in. Kept in the store, the key lets the Indikatorer page roll DeSO values up to RegSO at
any time (:mod:`est_geo.indicators.rollup`) instead of only once, at import, from a file
the analyst must still have. Like the meeting tables, the methods are written once in the
SQL both databases understand (:class:`SQLAreaKeyMixin`, the base of the areas' mixin in
:mod:`est_geo.store.sql_areas`, whose fetched deliveries write their pairs through the
same function) and each backend supplies its dialect. The table comes with schema
version 6.

A key is replaced as a whole per (child level, parent level): SCB revises its keys in
full (DeSO 2018 → 2025), and a half-old key would put a DeSO under a RegSO it no longer
belongs to. A fetched delivery replaces only its municipality's pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from est_geo.core.errors import Problem, ValidationError
from est_geo.store.base import Store
from est_geo.store.sql_mixin import SQLMixin

__all__ = ["KEY_COLUMNS", "AreaKeyStore", "SQLAreaKeyMixin", "key_rows"]

#: Columns of a key as :meth:`AreaKeyStore.area_key` returns it.
KEY_COLUMNS = ("child_code", "parent_code", "parent_name")


@runtime_checkable
class AreaKeyStore(Store, Protocol):
    """A store that also keeps code keys between area levels."""

    def area_key(self, *, child_level: str, parent_level: str, version: int = 0) -> pd.DataFrame:
        """The key ``child_code, parent_code, parent_name`` of the children's version
        (0 = areas without a version; empty if none is stored)."""
        ...

    def replace_area_key(
        self,
        key: pd.DataFrame,
        *,
        child_level: str,
        parent_level: str,
        user: str,
        version: int = 0,
    ) -> int:
        """Replace the whole key of these two levels and version (all or nothing)."""
        ...


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def key_rows(
    key: pd.DataFrame, *, child_level: str, parent_level: str
) -> list[tuple[str, str, str, str, str]]:
    """Validated rows ``(child_level, child_code, parent_level, parent_code, parent_name)``.

    Every problem is collected (row numbers count from 1): missing columns, empty codes,
    a child listed twice, equal or empty levels. A child with two parents would be
    counted twice when values are summed upwards, so it is refused here too, not only by
    the file reader.
    """
    problems: list[Problem] = []
    if not child_level or not parent_level or child_level == parent_level:
        problems.append(
            Problem.keyed(
                None, "level", f"{child_level}→{parent_level}", "store.problem.two_levels"
            )
        )
    missing = [c for c in KEY_COLUMNS[:2] if c not in key.columns]
    if missing:
        problems += [Problem.keyed(None, c, "", "store.problem.no_column") for c in missing]
        raise ValidationError(problems, key="store.invalid.key_not_saved")
    names = key["parent_name"] if "parent_name" in key.columns else [""] * len(key)
    rows: list[tuple[str, str, str, str, str]] = []
    seen: dict[str, int] = {}
    for i, (child, parent, name) in enumerate(
        zip(key["child_code"], key["parent_code"], names, strict=True), start=1
    ):
        c, p = _text(child), _text(parent)
        if not c:
            problems.append(Problem.keyed(i, "child_code", "", "store.problem.no_code"))
        if not p:
            problems.append(Problem.keyed(i, "parent_code", "", "store.problem.no_parent"))
        if c and c in seen:
            problems.append(
                Problem.keyed(i, "child_code", c, "store.problem.child_twice", first=seen[c])
            )
        seen.setdefault(c, i)
        rows.append((child_level, c, parent_level, p, _text(name)))
    if problems:
        raise ValidationError(problems, key="store.invalid.key_not_saved")
    return rows


class SQLAreaKeyMixin(SQLMixin):
    """:class:`AreaKeyStore` methods in SQL common to SQLite and PostgreSQL."""

    def area_key(self, *, child_level: str, parent_level: str, version: int = 0) -> pd.DataFrame:
        """The stored key of two levels and one version, by child code (empty when none)."""
        with self._connect() as con:
            rows = self._run(
                con,
                "SELECT child_code, parent_code, parent_name FROM area_keys "
                "WHERE child_level = ? AND parent_level = ? AND version = ? "
                "ORDER BY child_code",
                (child_level, parent_level, version),
            ).fetchall()
        return pd.DataFrame([tuple(r) for r in rows], columns=list(KEY_COLUMNS))

    def replace_area_key(
        self,
        key: pd.DataFrame,
        *,
        child_level: str,
        parent_level: str,
        user: str,
        version: int = 0,
    ) -> int:
        """Replace the key of ``child_level`` → ``parent_level`` of one version (that of
        the children; 0 = without a version, as a key file gives it) in one transaction.

        Validation (:func:`key_rows`) runs before the transaction, so a bad key leaves
        the stored one untouched. The audit entry records how many rows went and came.
        """
        rows = key_rows(key, child_level=child_level, parent_level=parent_level)
        with self._write() as con:
            old = self._replace_key_rows(
                con, rows, child_level=child_level, parent_level=parent_level, version=version
            )
            self._audit(
                con,
                user,
                "replace",
                "area_keys",
                f"{child_level}>{parent_level}" + (f"@{version}" if version else ""),
                {"rows": old},
                {"rows": len(rows)},
            )
            self._end_demo(con, user, "area_keys")
        return len(rows)

    def _replace_key_rows(
        self,
        con: Any,
        rows: Sequence[tuple[str, ...]],
        *,
        child_level: str,
        parent_level: str,
        version: int,
        kommun: str | None = None,
    ) -> int:
        """Replace, in the caller's transaction ``con``, the stored pairs of two levels
        and one version by ``rows`` (:func:`key_rows`); with ``kommun`` only the pairs of
        that municipality's children (an SCB delivery; other municipalities keep
        theirs). Returns how many pairs were removed.

        Why one function: a key file (:meth:`replace_area_key`) and a fetched delivery
        (``replace_area_delivery``) write the same table and must not drift apart.
        """
        scope = " AND substr(child_code, 1, 4) = ?" if kommun is not None else ""
        removed = self._run(
            con,
            "DELETE FROM area_keys WHERE child_level = ? AND parent_level = ? AND version = ?"
            + scope,
            (child_level, parent_level, version, *([kommun] if kommun is not None else [])),
        ).rowcount
        self._many(
            con,
            "INSERT INTO area_keys (child_level, child_code, parent_level, parent_code, "
            "parent_name, version) VALUES (?, ?, ?, ?, ?, ?)",
            [(*r, version) for r in rows],
        )
        return int(removed)
