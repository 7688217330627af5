"""PostgreSQL schema of the shared store: version 1 and every migration step, the table lists.

Kept apart from :mod:`est_geo.store.postgis` (the store itself) because it is data the
backend, the administration functions and the tests read; the embedded store's schema
is :mod:`est_geo.store.schema`, numbered the same. EST Geo's tables are declared once
for both (:mod:`est_geo.store.tables`) and written here in PostgreSQL's words (the
:data:`~est_geo.store.dialect.POSTGRES` dialect: typed geometry columns with CHECKs and
GiST indexes, identity keys, ``timestamptz``); what is PostgreSQL's own is here: the
version table, the stored x/y and per-cell counts of the hotspot grid, the statement
triggers, the grants.
"""

from __future__ import annotations

import re
from typing import Final

from est_geo.store.ddl import Column, Table, create_table
from est_geo.store.dialect import POSTGRES
from est_geo.store.tables import ADDED, SCHEMA_VERSION

__all__ = [
    "BOOKKEEPING_TABLES",
    "EST_TABLES",
    "GRANT_READABLE",
    "PG_MIGRATIONS",
    "PG_SCHEMA_V1",
    "READABLE_TABLES",
    "SCHEMA_LOCK",
    "SUMMARY_CELL",
]

#: Key of the advisory lock that serialises schema creation and migrations.
SCHEMA_LOCK: Final = 0x4553_5447  # "ESTG"

#: Which schema versions a database has passed, when and by whom (the GeoPackage keeps
#: its version in ``est_meta``).
SCHEMA_VERSIONS = Table(
    "est_schema_version",
    (
        Column("version", "int", primary_key=True),
        Column("applied_at", "stamp"),
        Column("applied_by", "text", default="current_user"),
    ),
)


def _created(version: int) -> tuple[str, ...]:
    """The tables schema version ``version`` adds (:data:`~est_geo.store.tables.ADDED`)."""
    return tuple(s for table in ADDED.get(version, ()) for s in create_table(table, POSTGRES))


#: Version 1 of the schema: the version table and the tables of
#: :mod:`est_geo.store.tables` in PostgreSQL's words (typed geometry columns with
#: CHECKs and GiST indexes, identity keys, ``timestamptz``); x/y live only in the point
#: geometry until version 5 stores copies.
PG_SCHEMA_V1: Final[tuple[str, ...]] = (*create_table(SCHEMA_VERSIONS, POSTGRES), *_created(1))

#: Side in metres of the cells :data:`_PG_GRID_V5` keeps counts for. Grids whose cell is
#: this times a power of two are summed from it exactly: ``floor(x / (100 * 2**j))`` equals
#: ``floor(x / 100) >> j`` in IEEE doubles, because dividing by a power of two is exact.
SUMMARY_CELL: Final = 100

#: Incidents per category and :data:`SUMMARY_CELL` cell over all time (version 5).
INCIDENT_CELLS = Table(
    "incident_cells",
    (
        Column("category", "text"),
        Column("cx", "int"),
        Column("cy", "int"),
        Column("n", "bigint", check=("incident_cells_n", "n >= 0")),
    ),
    primary_key=("category", "cx", "cy"),
)

#: Version 4 → 5: what makes the municipality-wide hotspot grid fast on 10⁷ incidents
#: (the embedded store's step 4 → 5 changes nothing: it already stores x/y). ``x``/``y``
#: are stored copies of the point's coordinates (the very doubles ``ST_X``/``ST_Y``
#: return, so ``floor(x / cell)`` equals the embedded store's), covered by an index on
#: time, so a grid over a period is an index-only scan instead of decoding every
#: geometry. ``incident_cells`` counts incidents per category and 100 m cell over all
#: time; statement-level triggers keep it in the writing transaction (it cannot drift
#: from ``incidents``), and a grid over all time, or over most of it, is summed from it
#: (minus the few rows outside the period). Existing rows are counted once here.
_PG_GRID_V5: Final[tuple[str, ...]] = (
    """ALTER TABLE incidents
         ADD COLUMN IF NOT EXISTS x double precision GENERATED ALWAYS AS (ST_X(geom)) STORED,
         ADD COLUMN IF NOT EXISTS y double precision GENERATED ALWAYS AS (ST_Y(geom)) STORED""",
    "CREATE INDEX IF NOT EXISTS incidents_time_xy ON incidents (occurred_at) "
    "INCLUDE (category, x, y)",
    *create_table(INCIDENT_CELLS, POSTGRES),
    f"""CREATE OR REPLACE FUNCTION est_incident_cells_sync() RETURNS trigger
       LANGUAGE plpgsql AS $fn$
       BEGIN
         -- Keys are upserted in sorted order so concurrent imports lock cells in the
         -- same order and cannot deadlock on each other.
         -- A removed row's cell is always there (its insert counted it); n >= 0 makes
         -- any drift fail the write instead of going unnoticed.
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           UPDATE incident_cells AS c SET n = c.n - o.n
             FROM (SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer AS cx,
                          floor(ST_Y(geom) / {SUMMARY_CELL})::integer AS cy, count(*) AS n
                   FROM old_rows GROUP BY 1, 2, 3) AS o
             WHERE (c.category, c.cx, c.cy) = (o.category, o.cx, o.cy);
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO incident_cells AS c (category, cx, cy, n)
             SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer,
                    floor(ST_Y(geom) / {SUMMARY_CELL})::integer, count(*)
             FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
             ON CONFLICT (category, cx, cy) DO UPDATE SET n = c.n + excluded.n;
         END IF;
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           DELETE FROM incident_cells AS c USING old_rows AS o
             WHERE c.n = 0 AND c.category = o.category
               AND c.cx = floor(ST_X(o.geom) / {SUMMARY_CELL})::integer
               AND c.cy = floor(ST_Y(o.geom) / {SUMMARY_CELL})::integer;
         END IF;
         RETURN NULL;
       END
       $fn$""",
    "DROP TRIGGER IF EXISTS incidents_cells_insert ON incidents",
    "CREATE TRIGGER incidents_cells_insert AFTER INSERT ON incidents "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "DROP TRIGGER IF EXISTS incidents_cells_delete ON incidents",
    "CREATE TRIGGER incidents_cells_delete AFTER DELETE ON incidents "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "DROP TRIGGER IF EXISTS incidents_cells_update ON incidents",
    "CREATE TRIGGER incidents_cells_update AFTER UPDATE ON incidents "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT "
    "EXECUTE FUNCTION est_incident_cells_sync()",
    "TRUNCATE incident_cells",
    f"""INSERT INTO incident_cells (category, cx, cy, n)
         SELECT category, floor(ST_X(geom) / {SUMMARY_CELL})::integer,
                floor(ST_Y(geom) / {SUMMARY_CELL})::integer, count(*)
         FROM incidents GROUP BY 1, 2, 3""",
)

#: Run after every upgrade: each table of :data:`READABLE_TABLES` is granted to every role
#: that may already read ``areas`` (the public site's role of :func:`create_readonly_role`),
#: so a public site keeps working through an upgrade that adds a table it reads (e.g.
#: ``area_keys`` in version 6) instead of failing on a missing grant. ``users`` is never
#: in that list. The migrating role owns the tables, so it may grant them.
GRANT_READABLE: Final = """DO $$ DECLARE r record; tbl text; BEGIN
  FOR r IN SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
           JOIN pg_tables t ON t.tablename = g.table_name AND t.schemaname = g.table_schema
           WHERE g.table_name = 'areas' AND g.privilege_type = 'SELECT'
             AND g.table_schema = current_schema()
             AND g.grantee <> t.tableowner AND g.grantee <> 'PUBLIC'
  LOOP
    FOREACH tbl IN ARRAY {tables}::text[] LOOP
      EXECUTE format('GRANT SELECT ON %I TO %I', tbl, r.grantee);
    END LOOP;
  END LOOP;
END $$"""

#: Version 6 → 7: the GeoPackage gained an R*Tree for its incidents; PostGIS has had its
#: GiST index (``incidents_geom_gist``) from the start, which the scope queries use through
#: ``ST_Covers``. What the step adds here is fresh planner statistics.
_PG_STATS_V7: Final[tuple[str, ...]] = ("ANALYZE incidents",)

#: Version 7 → 8: any UPDATE, DELETE or TRUNCATE of incidents, by whatever tool, counts
#: in ``est_meta.incidents_edits``, which :meth:`PostGISStore.data_stamp` reads (see
#: ``est_geo.store.schema._INCIDENTS_EDITS_V8``). One count per statement.
_PG_EDITS_V8: Final[tuple[str, ...]] = (
    "INSERT INTO est_meta VALUES ('incidents_edits', '0') ON CONFLICT (key) DO NOTHING",
    """CREATE OR REPLACE FUNCTION est_incidents_edited() RETURNS trigger
       LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE est_meta SET value = (value::bigint + 1)::text WHERE key = 'incidents_edits';
  RETURN NULL;
END $fn$""",
    "DROP TRIGGER IF EXISTS incidents_edits ON incidents",
    "CREATE TRIGGER incidents_edits AFTER UPDATE OR DELETE OR TRUNCATE ON incidents "
    "FOR EACH STATEMENT EXECUTE FUNCTION est_incidents_edited()",
)

#: Version 8 → 9: the embedded store's audit, import batch and mapping tables renamed
#: their ``user`` column to ``username``, the name this schema has had from version 1;
#: since then both backends share every statement about it
#: (:mod:`est_geo.store.sql_core`). Nothing to change here.
_PG_AUDIT_USERNAME_V9: Final[tuple[str, ...]] = ()

#: Version 9 → 10: DeSO/RegSO versions side by side (``est_geo.store.area_versions``):
#: (level, code, version) identifies an area instead of its code, values and the key
#: name their area version, and ``area_versions`` (created from its declaration) records
#: each delivery; public data, so it is in :data:`READABLE_TABLES`. Rerunnable: a fresh
#: database, whose tables are declared so already, passes it unchanged.
_PG_AREA_VERSIONS_V10: Final[tuple[str, ...]] = (
    """ALTER TABLE areas ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0,
         DROP CONSTRAINT IF EXISTS areas_code_key,
         DROP CONSTRAINT IF EXISTS areas_identity,
         ADD CONSTRAINT areas_identity UNIQUE (level, code, version)""",
    """ALTER TABLE indicator_values
         ADD COLUMN IF NOT EXISTS area_version integer NOT NULL DEFAULT 0,
         DROP CONSTRAINT IF EXISTS indicator_values_pkey,
         ADD PRIMARY KEY (indicator_key, area_code, period, area_version)""",
    """ALTER TABLE area_keys ADD COLUMN IF NOT EXISTS version integer NOT NULL DEFAULT 0,
         DROP CONSTRAINT IF EXISTS area_keys_pkey,
         ADD PRIMARY KEY (child_level, child_code, parent_level, version)""",
)

#: Version 10 → 11: the GeoPackage dropped its (x, y) B-tree, its R*Tree answering boxes.
#: PostgreSQL never had one (x/y are stored since version 5 only for the hotspot grid;
#: boxes use the GiST index), so nothing changes here.
_PG_XY_INDEX_V11: Final[tuple[str, ...]] = ()

_OWN_STEPS: Final[dict[int, tuple[str, ...]]] = {
    4: _PG_GRID_V5,
    6: _PG_STATS_V7,
    7: _PG_EDITS_V8,
    8: _PG_AUDIT_USERNAME_V9,
    9: _PG_AREA_VERSIONS_V10,
    10: _PG_XY_INDEX_V11,
}

#: PG_MIGRATIONS[v] upgrades a PostGIS database at schema version v to v + 1: the tables
#: the step adds on both backends, then PostgreSQL's own statements of it; one entry per
#: entry of :data:`est_geo.store.schema.MIGRATIONS` (same numbering, same meaning). A
#: fresh database is created at version 1 and runs every step, like the embedded one.
#: Steps 1 → 2, 2 → 3, 3 → 4 and 5 → 6 only add tables (users; Polisen's events and
#: import mappings; the meeting's tables; code keys between area levels, public data
#: granted by :data:`GRANT_READABLE` on upgrade).
PG_MIGRATIONS: Final[dict[int, tuple[str, ...]]] = {
    v: (*_created(v + 1), *_OWN_STEPS.get(v, ())) for v in range(1, SCHEMA_VERSION)
}

#: Every table EST Geo creates, read from the schema statements themselves, so a table
#: added by a later migration is covered without a second list to keep in step. These
#: and only these are dropped by :func:`drop_est_tables` (``est-geo demo --replace``).
EST_TABLES: Final[tuple[str, ...]] = tuple(
    dict.fromkeys(
        re.findall(
            r"CREATE TABLE (\w+)",
            "\n".join((*PG_SCHEMA_V1, *(s for step in PG_MIGRATIONS.values() for s in step))),
        )
    )
)
#: Tables a new, empty EST Geo database already fills (schema version, metadata, the
#: default category tree, the audit entry of creating it); rows anywhere else are data.
BOOKKEEPING_TABLES: Final = frozenset(
    {"est_schema_version", "est_meta", "categories", "audit_log", "import_batches"}
)

#: Tables the SELECT-only role may read. An allow-list, not "all tables": ``users``
#: holds password hashes, and a table added by a later migration stays private until
#: it is listed here and :func:`create_readonly_role` is run again.
READABLE_TABLES: Final[tuple[str, ...]] = (
    "est_schema_version",
    "est_meta",
    "areas",
    "incidents",
    "interventions",
    "categories",
    "indicator_definitions",
    "indicator_values",
    "import_batches",
    "audit_log",
    "context_events",
    "incident_cells",
    "area_keys",
    "area_versions",
)
