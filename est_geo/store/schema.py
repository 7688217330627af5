"""Schema of the embedded store: a GeoPackage plus EST Geo's own tables, versioned.

The GeoPackage core tables make the file open in QGIS (areas, incidents and
interventions are layers in SWEREF 99 TM). EST Geo's tables are declared once for both
stores (:mod:`est_geo.store.tables`) and written here in SQLite's words (the
:data:`~est_geo.store.dialect.SQLITE` dialect); what is the GeoPackage's own is here:
the registration of layers, the incidents' R*Tree and the row triggers.
``est_meta.schema_version`` holds EST Geo's schema version; :data:`MIGRATIONS` lists the
steps from one version to the next and is applied in one transaction when a store is
opened for writing. A file from a *newer* version is refused rather than touched.
"""

from __future__ import annotations

from dataclasses import replace

from pyproj import CRS

from est_geo.core.model import STORE_EPSG
from est_geo.store.ddl import Table, create_table
from est_geo.store.dialect import SQLITE
from est_geo.store.tables import (
    ADDED,
    AREA_KEYS,
    AREAS,
    INDICATOR_VALUES,
    SCHEMA_VERSION,
)

__all__ = [
    "FILL_INCIDENTS_RTREE",
    "GPKG_APPLICATION_ID",
    "INCIDENTS_RTREE_TRIGGERS",
    "LAYERS",
    "MIGRATIONS",
    "REBUILT_V10",
    "RTREE_DAYS",
    "SCHEMA_VERSION",
    "all_migration_statements",
    "create_statements",
]

#: GeoPackage's application id ("GPKG") and version 1.4 in PRAGMA user_version.
GPKG_APPLICATION_ID = 0x47504B47
GPKG_USER_VERSION = 10400

_GPKG_CORE = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
  REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""

#: (table, description, geometry column type or None for attribute tables) of the
#: tables of version 1, in the order ``gpkg_contents`` lists them.
LAYERS: tuple[tuple[str, str, str | None], ...] = tuple(
    (t.name, t.layer or "", t.geometry.type.upper() if t.geometry else None) for t in ADDED[1]
)


def _srs_rows() -> list[tuple[str, int, str, int, str, str]]:
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic"),
    ]
    for epsg in (4326, STORE_EPSG):
        crs = CRS.from_epsg(epsg)
        rows.append((crs.name, epsg, "EPSG", epsg, crs.to_wkt("WKT1_GDAL"), crs.name))
    return rows


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _registration(table: Table) -> list[str]:
    """Lists ``table`` in ``gpkg_contents`` (and its geometry column), if it is a layer
    and not listed already."""
    if table.layer is None:
        return []
    geometry = table.geometry
    name = _literal(table.name)
    kind, srs = ("'features'", str(STORE_EPSG)) if geometry else ("'attributes'", "NULL")
    statements = [
        "INSERT OR IGNORE INTO gpkg_contents "
        "(table_name, data_type, identifier, description, srs_id) "
        f"VALUES ({name}, {kind}, {name}, {_literal(table.layer)}, {srs})"
    ]
    if geometry is not None:
        statements.append(
            "INSERT OR IGNORE INTO gpkg_geometry_columns VALUES "
            f"({name}, {_literal(geometry.name)}, '{geometry.type.upper()}', {STORE_EPSG}, 0, 0)"
        )
    return statements


def _created(version: int) -> list[str]:
    """The tables version ``version`` adds (:data:`~est_geo.store.tables.ADDED`), each
    with its indexes; listed as layers from version 2 on (version 1's are listed by
    :func:`create_statements` once the reference systems are in).

    Each statement skips what a file already has (``IF NOT EXISTS``, ``INSERT OR
    IGNORE``): a file whose version number was set back, or that has a table made since
    from its declaration, reruns the step unharmed. SQLite keeps no ``IF NOT EXISTS`` in
    ``sqlite_master``, so a new and an upgraded file read the same.
    """
    statements = []
    for table in ADDED.get(version, ()):
        statements += create_table(table, SQLITE, if_not_exists=True)
        if version > 1:
            statements += _registration(table)
    return statements


def create_statements() -> list[tuple[str, tuple[object, ...]]]:
    """SQL (with parameters) creating a fresh database at :data:`SCHEMA_VERSION`."""
    stmts: list[tuple[str, tuple[object, ...]]] = [
        (f"PRAGMA application_id = {GPKG_APPLICATION_ID}", ()),
        (f"PRAGMA user_version = {GPKG_USER_VERSION}", ()),
    ]
    stmts += [(s.strip(), ()) for s in _GPKG_CORE.split(";") if s.strip()]
    # The tables are declared with ``username`` and versions already: version 9's
    # renames and version 10's rebuilds are for files made before.
    steps = [
        sql
        for sql in all_migration_statements()
        if sql not in _AUDIT_USERNAME_V9 and sql not in REBUILT_V10
    ]
    stmts += [(sql, ()) for sql in (*_created(1), *steps)]
    stmts += [
        ("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", tuple(r)) for r in _srs_rows()
    ]
    stmts += [(sql, ()) for table in ADDED[1] for sql in _registration(table)]
    return stmts


#: The GeoPackage's own statements of each step, run after the step's new tables
#: (:func:`_created`). Version 1 → 2 (users), 2 → 3 (Polisen's events, import mappings),
#: 3 → 4 (the meeting's tables) and 5 → 6 (code keys between area levels) only add
#: tables. Version 4 → 5 changes nothing here: the PostGIS store gained stored x/y, a
#: covering time index and per-cell counts for the hotspot grid
#: (``est_geo.store.postgis_schema``); this file already stores x/y (with a B-tree on
#: them until version 11).

#: Version 6 → 7: a spatial index of the incidents. The (x, y) B-tree can only narrow a
#: query to an x range, so a small shape's bounding box walked a strip the full height of
#: the municipality, over all time (81 % of the Åtgärder scope analysis, issue 13). An
#: SQLite R*Tree (``incidents_rtree``: one box per incident, ``id`` = ``fid``) over x, y
#: *and time* (:data:`RTREE_DAYS`: days since 2000-01-01 12:00) finds the incidents of a
#: box and a period directly; a year's scope query then reads a third of the rows the
#: box alone would. Triggers keep it current for every write, ours or another tool's
#: (plain SQL on the stored x/y/time, no GeoPackage SQL functions needed); a bulk import
#: indexes its rows in one pass instead (:meth:`GeoPackageStore.add_incidents`).
#: ``ANALYZE`` gives the planner the statistics (``sqlite_stat1``) it had none of. The
#: R*Tree stores 32-bit floats rounded outwards, so it is queried for *overlap* and the
#: exact x/y/time test follows.
RTREE_DAYS = "(julianday({}) - 2451545.0)"
_T_NEW = RTREE_DAYS.format("NEW.occurred_at")
_T_ROW = RTREE_DAYS.format("occurred_at")
INCIDENTS_RTREE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS incidents_rtree_insert AFTER INSERT ON incidents BEGIN
  INSERT INTO incidents_rtree VALUES (NEW.fid, NEW.x, NEW.x, NEW.y, NEW.y, {_T_NEW}, {_T_NEW});
  END""",
    f"""CREATE TRIGGER IF NOT EXISTS incidents_rtree_update AFTER UPDATE OF fid, x, y, occurred_at
  ON incidents BEGIN
  DELETE FROM incidents_rtree WHERE id = OLD.fid;
  INSERT INTO incidents_rtree VALUES (NEW.fid, NEW.x, NEW.x, NEW.y, NEW.y, {_T_NEW}, {_T_NEW});
  END""",
    """CREATE TRIGGER IF NOT EXISTS incidents_rtree_delete AFTER DELETE ON incidents BEGIN
  DELETE FROM incidents_rtree WHERE id = OLD.fid; END""",
]
#: Indexes the incidents above a ``fid`` in 250 m cells, each in time order. Why this
#: order: points sorted by x alone fill the R*Tree with long thin strips whose overlaps
#: make every later insert dearer (slower than even a random order); square cells keep
#: the nodes compact: a quarter less CPU for 300,000 rows, more for a million
#: (bench/README.md, Import).
FILL_INCIDENTS_RTREE = (
    f"INSERT INTO incidents_rtree SELECT fid, x, x, y, y, {_T_ROW}, {_T_ROW} "
    "FROM incidents WHERE fid > ? "
    "ORDER BY CAST(x / 250 AS INTEGER), CAST(y / 250 AS INTEGER), occurred_at"
)
#: Rerunnable: a file whose version number was set back still ends with one exact index.
_INCIDENTS_RTREE_V7 = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS incidents_rtree "
    "USING rtree(id, minx, maxx, miny, maxy, mint, maxt)",
    "DELETE FROM incidents_rtree",
    FILL_INCIDENTS_RTREE.replace("?", "0"),
    *INCIDENTS_RTREE_TRIGGERS,
    "ANALYZE",
]

#: Version 7 → 8: edits by any tool change the data stamp. Rows added or deleted show in
#: the stamp's row count and highest fid, but a row changed in place (QGIS moving a
#: point, a category fixed in DB Browser) left it as it was, and the in-memory columns
#: (:mod:`est_geo.store.columns`) kept the old values. Triggers count every changed or
#: deleted incident row in ``est_meta.incidents_edits``, which the stamp reads. Inserts
#: are not counted (they show in the count and fid), so imports pay nothing per row;
#: EST Geo itself never updates or deletes incidents.
_INCIDENTS_EDITS_V8 = [
    "INSERT OR IGNORE INTO est_meta VALUES ('incidents_edits', '0')",
    *(
        f"""CREATE TRIGGER IF NOT EXISTS incidents_edits_{event.lower()} AFTER {event}
  ON incidents BEGIN
  UPDATE est_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'incidents_edits';
  END"""
        for event in ("UPDATE", "DELETE")
    ),
]

#: Version 8 → 9: one audit schema for both backends. The user who wrote a row was in a
#: column ``user`` here and ``username`` in PostgreSQL (where ``user`` is a reserved word
#: that silently reads the current role), so every statement about it was written twice.
#: The column is ``username`` everywhere now (``ALTER TABLE … RENAME COLUMN``, SQLite
#: 3.25+; the rows stay as they are). Tables created since are declared with
#: ``username`` (:mod:`est_geo.store.tables`), so the store renames only where a file
#: still has ``user`` (``gpkg._renamed_already``).
_AUDIT_USERNAME_V9 = [
    f"ALTER TABLE {table} RENAME COLUMN user TO username"
    for table in ("audit_log", "import_batches", "import_mappings")
]


def _rebuilt(table: Table, column: str) -> list[str]:
    """Statements rebuilding ``table`` as declared, its rows (and fids) kept; ``column``
    is the one it gains, 0 in every old row.

    SQLite cannot drop a UNIQUE or PRIMARY KEY constraint or add one to a table, so a
    table whose identity changes is built anew under a temporary name, filled, and put
    in the old one's place.
    """
    temp = replace(table, name=f"{table.name}_v10")
    kept = ", ".join(c.name for c in table.columns if c.name != column)
    return [
        *create_table(temp, SQLITE),
        f"INSERT INTO {temp.name} ({kept}) SELECT {kept} FROM {table.name}",
        f"DROP TABLE {table.name}",
        f"ALTER TABLE {temp.name} RENAME TO {table.name}",
    ]


#: Version 9 → 10: DeSO/RegSO versions side by side (``est_geo.store.area_versions``).
#: SCB revises its divisions as a whole and the versions share most codes, so an area is
#: identified by (level, code, version year) instead of its code; indicator values
#: (``area_version``) and the key (``version``) name the version of their areas;
#: ``area_versions`` records each delivery (created from its declaration). Rows of an
#: older file keep everything and get version 0, "without a version". :data:`REBUILT_V10`
#: says, per statement, which table and new column it is for: the store skips a statement
#: whose table already has the column (``gpkg._done_already``), so a file whose version
#: number was set back, or a table created since from its declaration, is left as it is.
REBUILT_V10: dict[str, tuple[str, str]] = {
    sql: (table.name, column)
    for table, column in ((AREAS, "version"), (INDICATOR_VALUES, "area_version"),
                          (AREA_KEYS, "version"))
    for sql in _rebuilt(table, column)
}  # fmt: skip

#: Version 10 → 11: the (x, y) B-tree ``incidents_xy`` goes. Since version 7 the R*Tree
#: answers every box (the scope queries, and the bounding box of
#: :meth:`GeoPackageStore.incidents` through ``fid IN (SELECT id FROM incidents_rtree …)``),
#: and the B-tree could only ever narrow x. Keeping it cost every bulk import a rebuild
#: (≈ 1.5 s of CPU for a million rows, a seventh of the import) and ~40 MB of file.
_INCIDENTS_XY_DROPPED_V11 = ["DROP INDEX IF EXISTS incidents_xy"]

_OWN_STEPS: dict[int, list[str]] = {
    6: _INCIDENTS_RTREE_V7,
    7: _INCIDENTS_EDITS_V8,
    8: _AUDIT_USERNAME_V9,
    9: list(REBUILT_V10),
    10: _INCIDENTS_XY_DROPPED_V11,
}

#: MIGRATIONS[v] upgrades a database at schema version v to v + 1. A fresh database is
#: created at version 1 and runs every step (see :func:`all_migration_statements`), so
#: a new file and an upgraded one have the same tables.
MIGRATIONS: dict[int, list[str]] = {
    v: [*_created(v + 1), *_OWN_STEPS.get(v, [])] for v in range(1, SCHEMA_VERSION)
}


def all_migration_statements() -> list[str]:
    """Every migration statement from version 1 up to :data:`SCHEMA_VERSION`, in order."""
    return [sql for v in range(1, SCHEMA_VERSION) for sql in MIGRATIONS[v]]
