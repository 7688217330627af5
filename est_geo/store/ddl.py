"""How a table is declared once and written as each database's ``CREATE TABLE``.

Why: the two stores keep the same tables, and declaring each table twice (once in
SQLite's words, once in PostgreSQL's) let the two drift: the audit column had two
names for eight schema versions. A :class:`Table` names its columns with *logical*
types (``stamp``: when something was written; ``time``: a wall-clock time; ``id``: a
key the database numbers; ``point``: a geometry …) and :func:`create_table` asks the
backend's :class:`~est_geo.store.dialect.Dialect` what each is called there. What
really differs is the dialect's: type names, the default of a write time, whether
CHECKs are enforced and constraints named, the spatial index, copies of coordinates a
database cannot compute from the geometry (the GeoPackage's x/y and bounding boxes).
The tables themselves are declared in :mod:`est_geo.store.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass

from est_geo.store.dialect import Dialect

__all__ = ["Column", "Table", "create_table"]

#: Logical types of a geometry column (the GeoPackage's names, in lower case).
GEOMETRY_TYPES = frozenset({"multipolygon", "point", "geometry"})


@dataclass(frozen=True)
class Column:
    """One column; ``type`` is a key of :attr:`Dialect.types`."""

    name: str
    type: str
    #: ``NULL`` allowed (most columns are ``NOT NULL``).
    null: bool = False
    #: SQL as written in both databases (``"''"``, ``50``), or a bool (each one's literal).
    default: str | int | bool | None = None
    unique: bool = False
    primary_key: bool = False
    references: str | None = None
    #: ``(name, condition)`` of a CHECK, where the dialect enforces checks.
    check: tuple[str, str] | None = None
    #: A copy of what the geometry says (x, y, a bounding box), kept only where the
    #: dialect cannot compute it from the geometry (:attr:`Dialect.geometry_copies`).
    geometry_copy: bool = False


@dataclass(frozen=True)
class Table:
    """One table: columns, table constraints and indexes, and its map layer."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    #: ``(name, "UNIQUE (…)" or "CHECK (…)")``; names and CHECKs as the dialect allows.
    constraints: tuple[tuple[str, str], ...] = ()
    #: ``(name, columns)``; written where the dialect has every column of it.
    indexes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Rows are read back in the order they were added (:attr:`Dialect.insertion_order`).
    ordered: bool = False
    #: The GeoPackage's description of the table as a layer; ``None``: not listed.
    layer: str | None = None

    @property
    def geometry(self) -> Column | None:
        """The geometry column, if the table has one."""
        return next((c for c in self.columns if c.type in GEOMETRY_TYPES), None)


def _default(column: Column, dialect: Dialect) -> str | None:
    if isinstance(column.default, bool):
        return dialect.booleans[column.default]
    if column.default is not None:
        return str(column.default)
    if column.type == "stamp" and not column.null:
        return dialect.stamp_default
    return None


def _column(column: Column, dialect: Dialect) -> str:
    parts = [column.name, dialect.types[column.type]]
    if not (column.null or column.primary_key or column.type.startswith("id")):
        parts.append("NOT NULL")
    default = _default(column, dialect)
    if default:
        parts.append(f"DEFAULT {default}")
    if column.primary_key:
        parts.append("PRIMARY KEY")
    if column.unique:
        parts.append("UNIQUE")
    if column.references:
        parts.append(f"REFERENCES {column.references}")
    if column.check and dialect.constraints:
        parts.append(f"CONSTRAINT {column.check[0]} CHECK ({column.check[1]})")
    return " ".join(parts)


def _constraint(name: str, body: str, dialect: Dialect) -> str | None:
    if dialect.constraints:
        return f"CONSTRAINT {name} {body}"
    return None if body.startswith("CHECK") else body


def create_table(table: Table, dialect: Dialect, *, if_not_exists: bool = False) -> list[str]:
    """``CREATE TABLE`` of ``table`` and ``CREATE INDEX`` of its indexes, in ``dialect``;
    with ``if_not_exists`` each skips what is there already (``IF NOT EXISTS``), so a
    step that creates them can run again."""
    create = "CREATE TABLE IF NOT EXISTS" if if_not_exists else "CREATE TABLE"
    index = "CREATE INDEX IF NOT EXISTS" if if_not_exists else "CREATE INDEX"
    kept = [c for c in table.columns if dialect.geometry_copies or not c.geometry_copy]
    lines = [_column(c, dialect) for c in kept]
    if table.ordered and dialect.insertion_column:
        lines.append(dialect.insertion_column)
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    lines += [
        c for c in (_constraint(n, b, dialect) for n, b in table.constraints) if c is not None
    ]
    statements = [f"{create} {table.name} (\n  " + ",\n  ".join(lines) + ")"]
    geometry = table.geometry
    if geometry is not None and dialect.spatial_index:
        spatial = dialect.spatial_index.replace("CREATE INDEX", index, 1)
        statements.append(spatial.format(table=table.name, column=geometry.name))
    names = {c.name for c in kept}
    for name, columns in table.indexes:
        if not set(columns) <= names:
            continue
        key = next((c.name for c in kept if c.type.startswith("id")), None)
        if dialect.index_ends_in_key and len(columns) > 1 and columns[-1] == key:
            columns = columns[:-1]
        statements.append(f"{index} {name} ON {table.name} ({', '.join(columns)})")
    return statements
