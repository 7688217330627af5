"""What really differs between the SQL of the two stores, in one small object.

Why: :mod:`est_geo.store.sql_core` (and the meeting, area-key, demo and login mixins)
write every statement once, with ``?`` markers and SQL both SQLite and PostgreSQL
understand (``ON CONFLICT … DO UPDATE``, ``RETURNING``). What cannot be written once —
the parameter marker, row locks, how "now" and a stored time read as text, how JSON
and geometry travel — is asked of the backend's :class:`Dialect`. So are the words of
its table declarations (:mod:`est_geo.store.ddl`): type names, constraints, the
spatial index. Values are passed as
Python ``bool`` and ISO text: sqlite3 stores them as they are (a bool as 0/1), psycopg
sends text untyped so PostgreSQL casts it to the column's ``date``/``timestamptz``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import shapely
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import STORE_EPSG
from est_geo.store import geom

__all__ = ["POSTGRES", "SQLITE", "Dialect", "json_value"]


def json_value(value: object) -> Any:
    """A stored JSON value: text from sqlite3, already parsed from psycopg."""
    return json.loads(value) if isinstance(value, str | bytes) else value


@dataclass(frozen=True)
class Dialect:
    """The differences of one database's SQL; see the module docstring."""

    name: str
    #: The driver's parameter marker.
    marker: str
    #: Appended to a SELECT of rows about to be replaced, so the audit trail's "before"
    #: is the row actually replaced when two sessions edit at once (SQLite's
    #: ``BEGIN IMMEDIATE`` already serialises writers).
    row_lock: str
    #: "Now" as a stored time (UTC; the embedded store's text form).
    now: str
    #: Template reading a stored time column ``{}`` as ``YYYY-MM-DDTHH:MM:SSZ`` text.
    utc_text: str
    #: Template reading a stored wall-clock time ``{}`` as ``YYYY-MM-DDTHH:MM:SS`` text.
    iso_text: str
    #: Condition "JSON array column ``{}`` holds any of the texts in one parameter", or
    #: ``None`` where the database cannot say it (the caller then filters the rows).
    json_any: str | None
    #: Template reading a JSON column ``{}`` as text.
    json_text: str
    #: Marker for a JSON parameter.
    json_param: str
    #: Column that orders rows in the order they were first inserted.
    insertion_order: str
    #: Marker for a geometry parameter (given as :attr:`encode_geom` bytes).
    geom_param: str
    #: Template reading geometry column ``{}`` as what :attr:`decode_geom` takes.
    geom_column: str
    encode_geom: Callable[[BaseGeometry], bytes]
    decode_geom: Callable[[Any], BaseGeometry]
    #: The database's name of each logical column type of :mod:`est_geo.store.ddl`.
    types: Mapping[str, str] = field(compare=False)
    #: The literals of ``False`` and ``True`` in a column default.
    booleans: tuple[str, str]
    #: Default of a write time (``stamp``) that must be set; "" for none.
    stamp_default: str
    #: Whether declared CHECKs are written and constraints named. A GeoPackage's
    #: tables stay as the files already out there have them (SQLite cannot add a
    #: constraint to a table), so there the store's validation is the check.
    constraints: bool
    #: Whether columns that copy the geometry's coordinates are kept (SQLite cannot
    #: compute them from a GeoPackage blob in a query).
    geometry_copies: bool
    #: Column added to a table whose rows are read in insertion order, if any.
    insertion_column: str | None
    #: ``CREATE INDEX`` template (``{table}``, ``{column}``) of a geometry column, if any.
    spatial_index: str | None
    #: Whether every index already ends in the integer key (SQLite's rowid), so a
    #: declared trailing key column is left out.
    index_ends_in_key: bool

    def q(self, statement: str) -> str:
        """``statement`` (written with ``?``) in the driver's parameter style.

        No shared statement has a literal ``?`` or ``%``.
        """
        return statement if self.marker == "?" else statement.replace("?", self.marker)


def _gpkg_blob(shape: BaseGeometry) -> bytes:
    return geom.encode(shape, STORE_EPSG)


def _wkb(shape: BaseGeometry) -> bytes:
    return bytes(shapely.to_wkb(shape))


def _from_wkb(value: Any) -> BaseGeometry:
    return shapely.from_wkb(bytes(value))


SQLITE: Final = Dialect(
    name="sqlite",
    marker="?",
    row_lock="",
    now="strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
    utc_text="{}",
    iso_text="{}",
    json_any=None,
    json_text="{}",
    json_param="?",
    insertion_order="rowid",
    geom_param="?",
    geom_column="{}",
    encode_geom=_gpkg_blob,
    decode_geom=geom.decode,
    types={
        **dict.fromkeys(("text", "date", "time", "stamp", "json", "jsonb"), "TEXT"),
        **dict.fromkeys(("int", "bigint", "bool"), "INTEGER"),
        "real": "REAL",
        "id": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "id_always": "INTEGER PRIMARY KEY AUTOINCREMENT",
        "multipolygon": "MULTIPOLYGON",
        "point": "POINT",
        "geometry": "GEOMETRY",
    },
    booleans=("0", "1"),
    stamp_default="",
    constraints=False,
    geometry_copies=True,
    insertion_column=None,
    spatial_index=None,
    index_ends_in_key=True,
)

POSTGRES: Final = Dialect(
    name="postgresql",
    marker="%s",
    row_lock=" FOR UPDATE",
    now="now()",
    utc_text="to_char({} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')",
    iso_text="to_char({}, 'YYYY-MM-DD\"T\"HH24:MI:SS')",
    json_any="jsonb_exists_any({}, ?::text[])",
    json_text="{}::text",
    json_param="?::json",
    insertion_order="ord",
    geom_param=f"ST_GeomFromWKB(?, {STORE_EPSG})",
    geom_column="ST_AsBinary({})",
    encode_geom=_wkb,
    decode_geom=_from_wkb,
    types={
        "text": "text",
        "date": "date",
        "time": "timestamp(0)",
        "stamp": "timestamptz",
        "json": "json",
        "jsonb": "jsonb",
        "int": "integer",
        "bigint": "bigint",
        "bool": "boolean",
        "real": "double precision",
        "id": "bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        "id_always": "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
        "multipolygon": f"geometry(MultiPolygon, {STORE_EPSG})",
        "point": f"geometry(Point, {STORE_EPSG})",
        "geometry": f"geometry(Geometry, {STORE_EPSG})",
    },
    booleans=("false", "true"),
    stamp_default="now()",
    constraints=True,
    geometry_copies=False,
    insertion_column="ord bigint GENERATED ALWAYS AS IDENTITY",
    spatial_index="CREATE INDEX {table}_{column}_gist ON {table} USING gist ({column})",
    index_ends_in_key=False,
)
