"""Schema of the embedded store: a GeoPackage plus EST Geo's own tables, versioned.

The GeoPackage core tables make the file open in QGIS (areas, incidents and
interventions are layers in SWEREF 99 TM). ``est_meta.schema_version`` holds EST Geo's own
schema version; :data:`MIGRATIONS` lists the steps from one version to the next and is
applied in one transaction when a store is opened for writing. A file from a *newer*
version is refused rather than touched.
"""

from __future__ import annotations

from pyproj import CRS

from est_geo.core.model import STORE_EPSG

#: GeoPackage's application id ("GPKG") and version 1.4 in PRAGMA user_version.
GPKG_APPLICATION_ID = 0x47504B47
GPKG_USER_VERSION = 10400

SCHEMA_VERSION = 9

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

_EST_TABLES_V1 = """
CREATE TABLE est_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE areas (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON NOT NULL,
  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL);
CREATE TABLE incidents (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, occurred_at TEXT NOT NULL, has_time INTEGER NOT NULL,
  category TEXT NOT NULL, actor TEXT NOT NULL, precision TEXT NOT NULL,
  description TEXT, source TEXT NOT NULL, source_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  UNIQUE (source, source_id));
CREATE INDEX incidents_time ON incidents (occurred_at);
CREATE INDEX incidents_xy ON incidents (x, y);
CREATE TABLE interventions (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, owner_actor TEXT NOT NULL,
  start_date TEXT, end_date TEXT, description TEXT NOT NULL DEFAULT '',
  public INTEGER NOT NULL DEFAULT 0, cost REAL, buffer_m REAL NOT NULL DEFAULT 50,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE categories (
  key TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL, parent TEXT,
  sort INTEGER NOT NULL);
CREATE TABLE indicator_definitions (
  key TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL,
  higher_is_better INTEGER NOT NULL, source TEXT NOT NULL, area_level TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '');
CREATE TABLE indicator_values (
  indicator_key TEXT NOT NULL REFERENCES indicator_definitions(key),
  area_code TEXT NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, n REAL,
  PRIMARY KEY (indicator_key, area_code, period));
CREATE TABLE import_batches (
  batch_id TEXT PRIMARY KEY, source TEXT NOT NULL, at TEXT NOT NULL, user TEXT NOT NULL,
  rows_read INTEGER NOT NULL, rows_inserted INTEGER NOT NULL, rows_duplicate INTEGER NOT NULL);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, before TEXT, after TEXT);
"""

#: (table, description, geometry column type or None for attribute tables)
LAYERS: tuple[tuple[str, str, str | None], ...] = (
    ("areas", "Områden (kommun, område, delområde, DeSO/RegSO)", "MULTIPOLYGON"),
    ("incidents", "EST-rapporter (händelser)", "POINT"),
    ("interventions", "Åtgärder", "GEOMETRY"),
    ("categories", "Kategoriträd", None),
    ("indicator_definitions", "Indikatorkatalog", None),
    ("indicator_values", "Indikatorvärden per område och period", None),
    ("import_batches", "Importer", None),
    ("audit_log", "Ändringslogg", None),
    ("est_meta", "EST Geo metadata", None),
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


def create_statements() -> list[tuple[str, tuple[object, ...]]]:
    """SQL (with parameters) creating a fresh database at :data:`SCHEMA_VERSION`."""
    stmts: list[tuple[str, tuple[object, ...]]] = [
        (f"PRAGMA application_id = {GPKG_APPLICATION_ID}", ()),
        (f"PRAGMA user_version = {GPKG_USER_VERSION}", ()),
    ]
    stmts += [(s.strip(), ()) for s in (_GPKG_CORE + _EST_TABLES_V1).split(";") if s.strip()]
    stmts += [(sql, ()) for sql in all_migration_statements()]
    stmts += [
        ("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", tuple(r)) for r in _srs_rows()
    ]
    for table, description, geom_type in LAYERS:
        data_type = "features" if geom_type else "attributes"
        srs = STORE_EPSG if geom_type else None
        stmts.append(
            (
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                "srs_id) VALUES (?,?,?,?,?)",
                (table, data_type, table, description, srs),
            )
        )
        if geom_type:
            stmts.append(
                (
                    "INSERT INTO gpkg_geometry_columns VALUES (?,?,?,?,0,0)",
                    (table, "geom", geom_type, STORE_EPSG),
                )
            )
    return stmts


#: Version 1 → 2: local user accounts. ``password_hash`` is an argon2id PHC string (salt
#: and cost inside it) or NULL for accounts that only sign in through the identity
#: provider; ``username`` is the login name or the IdP's e-mail. Deliberately not
#: registered in ``gpkg_contents``: the account list is no map layer for QGIS.
_USERS_V2 = [
    """CREATE TABLE users (
  username TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL,
  password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, last_login TEXT)""",
]

#: Version 2 → 3: Polisen's events as a context layer and import mappings remembered per
#: source. ``context_events`` has no geometry on purpose: an event's position is the
#: municipality's centre, so it must never become a point on a hotspot map; ``area_codes``
#: is a JSON array of the areas its text mentions. ``import_mappings.mapping`` is the JSON
#: of an :class:`est_geo.io.ColumnMapping`, keyed by (source, kind).
_IO_V3 = [
    """CREATE TABLE context_events (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, source_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL, type TEXT NOT NULL, category TEXT, name TEXT NOT NULL,
  summary TEXT NOT NULL, url TEXT, location_name TEXT NOT NULL, lat REAL, lon REAL,
  area_codes TEXT NOT NULL DEFAULT '[]', batch_id TEXT NOT NULL,
  UNIQUE (source, source_id))""",
    "CREATE INDEX context_events_time ON context_events (occurred_at)",
    """CREATE TABLE import_mappings (
  source TEXT NOT NULL, kind TEXT NOT NULL, mapping TEXT NOT NULL, updated_at TEXT NOT NULL,
  user TEXT NOT NULL, PRIMARY KEY (source, kind))""",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
    "('context_events', 'attributes', 'context_events', "
    "'Polisens händelser (kontext på kommunnivå, aldrig punkter)')",
]

#: Version 3 → 4: the meeting's own data (``est_geo.store.meeting``). ``action_items`` is
#: the handlingsplan: what, where (area code, a drawn shape as WKT in EPSG:3006, or an
#: intervention id), who (actor), due date, status, deciding meeting, notes; its history
#: is the audit trail. ``saved_views.state`` is the view's link query string;
#: ``agendas.view_ids`` a JSON array of saved view ids in meeting order. The action plan is
#: listed in ``gpkg_contents`` so it can be read in QGIS next to the map layers.
_MEETING_V4 = [
    """CREATE TABLE action_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, actor TEXT NOT NULL,
  status TEXT NOT NULL, due_date TEXT, area_code TEXT, shape_wkt TEXT, intervention_id INTEGER,
  meeting TEXT NOT NULL DEFAULT '', meeting_date TEXT, notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL, created_by TEXT NOT NULL, updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL)""",
    "CREATE INDEX action_items_area ON action_items (area_code)",
    """CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, area_code TEXT,
  state TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)""",
    """CREATE TABLE agendas (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, area_code TEXT,
  view_ids TEXT NOT NULL, notes TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL)""",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
    "('action_items', 'attributes', 'action_items', 'Handlingsplan (åtgärdspunkter)')",
]

#: MIGRATIONS[v] upgrades a database at schema version v to v + 1. A fresh database is
#: created at version 1 and runs every step (see :func:`all_migration_statements`), so
#: a new file and an upgraded one have the same tables.
#: Version 4 → 5: nothing in the embedded store. The step exists because the PostGIS
#: store gained stored x/y, a covering time index and per-cell counts for the hotspot
#: grid (``est_geo.store.postgis_schema._PG_GRID_V5``); both backends keep one version number,
#: and this file already stores x/y with an index.
_GRID_V5: list[str] = []

#: Version 5 → 6: stored code keys between area levels, e.g. SCB's DeSO → RegSO key, so
#: the Indikatorer page can roll DeSO values up to RegSO without the key file at hand.
#: One row per child code and parent level; the child's areas need not be stored (values
#: may be keyed by DeSO codes whose polygons were never imported).
_AREA_KEYS_V6 = [
    """CREATE TABLE area_keys (
  child_level TEXT NOT NULL, child_code TEXT NOT NULL, parent_level TEXT NOT NULL,
  parent_code TEXT NOT NULL, parent_name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (child_level, child_code, parent_level))""",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
    "('area_keys', 'attributes', 'area_keys', 'Kodnycklar mellan områdesnivåer (DeSO → RegSO)')",
]

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
#: 3.25+; the rows stay as they are).
_AUDIT_USERNAME_V9 = [
    f"ALTER TABLE {table} RENAME COLUMN user TO username"
    for table in ("audit_log", "import_batches", "import_mappings")
]

MIGRATIONS: dict[int, list[str]] = {
    1: _USERS_V2,
    2: _IO_V3,
    3: _MEETING_V4,
    4: _GRID_V5,
    5: _AREA_KEYS_V6,
    6: _INCIDENTS_RTREE_V7,
    7: _INCIDENTS_EDITS_V8,
    8: _AUDIT_USERNAME_V9,
}


def all_migration_statements() -> list[str]:
    """Every migration statement from version 1 up to :data:`SCHEMA_VERSION`, in order."""
    return [sql for v in range(1, SCHEMA_VERSION) for sql in MIGRATIONS[v]]
