"""EST Geo's tables, declared once for both stores, and the schema version adding each.

Why one declaration: the embedded store (:mod:`est_geo.store.schema`) and the shared
one (:mod:`est_geo.store.postgis_schema`) render these tables through their dialect
(:mod:`est_geo.store.ddl`), so a column added, renamed or retyped is changed in one
place. Each backend adds only what is its own: the GeoPackage's registration tables,
R*Tree and row triggers; PostgreSQL's version table, per-cell counts and statement
triggers. :data:`ADDED` says which tables each schema version brings; a backend's step
``v → v + 1`` creates ``ADDED[v + 1]`` and then runs its own statements of that step.

A table's meaning is documented here; a step's reason in the backend's schema module.
"""

from __future__ import annotations

from typing import Final

from est_geo.store.ddl import Column, Table

__all__ = ["ADDED", "SCHEMA_VERSION"]

#: EST Geo's schema version, the same number on both backends.
SCHEMA_VERSION = 11


def _text(name: str, *, null: bool = False, default: str | None = None) -> Column:
    return Column(name, "text", null=null, default=default)


def _real_copy(name: str) -> Column:
    return Column(name, "real", geometry_copy=True)


#: Key/value metadata (municipality, demo flag, created_at; the GeoPackage's schema
#: version; the incidents' edit count of schema 8).
EST_META = Table(
    "est_meta",
    (Column("key", "text", primary_key=True), _text("value")),
    layer="EST Geo metadata",
)

#: An area is identified by (level, code, version) since schema 10: SCB revises DeSO and
#: RegSO as a whole and the versions share codes (``est_geo.store.area_versions``);
#: ``version`` is the version year, 0 for an area without one (a file import, an own
#: area, every area before schema 10).
AREAS = Table(
    "areas",
    (
        Column("fid", "id"),
        Column(
            "geom",
            "multipolygon",
            check=("areas_geom_valid", "ST_IsValid(geom) AND NOT ST_IsEmpty(geom)"),
        ),
        Column("code", "text", check=("areas_code_nonempty", "code <> ''")),
        _text("name"),
        _text("level"),
        _text("parent_code", null=True),
        Column("version", "int", default=0),
        *(_real_copy(name) for name in ("minx", "miny", "maxx", "maxy")),
    ),
    constraints=(("areas_identity", "UNIQUE (level, code, version)"),),
    layer="Områden (kommun, område, delområde, DeSO/RegSO)",
)

#: ``occurred_at`` is wall-clock time in Sweden; ``has_time`` false for a date alone.
#: Boxes are found by the spatial index (the GeoPackage's R*Tree, PostGIS's GiST), so
#: there is no B-tree on x/y (the GeoPackage's ``incidents_xy`` until schema 11).
INCIDENTS = Table(
    "incidents",
    (
        Column("fid", "id"),
        Column(
            "geom",
            "point",
            check=("incidents_geom_finite", "NOT ST_IsEmpty(geom) AND ST_IsValid(geom)"),
        ),
        _real_copy("x"),
        _real_copy("y"),
        Column("occurred_at", "time"),
        Column("has_time", "bool"),
        _text("category"),
        _text("actor"),
        _text("precision"),
        _text("description", null=True),
        _text("source"),
        _text("source_id"),
        _text("batch_id"),
    ),
    constraints=(("incidents_source_key", "UNIQUE (source, source_id)"),),
    indexes=(("incidents_time", ("occurred_at", "fid")),),
    layer="EST-rapporter (händelser)",
)

INTERVENTIONS = Table(
    "interventions",
    (
        Column("fid", "id"),
        Column("geom", "geometry", check=("interventions_geom_nonempty", "NOT ST_IsEmpty(geom)")),
        _text("name"),
        _text("kind"),
        _text("status"),
        _text("owner_actor"),
        Column("start_date", "date", null=True),
        Column("end_date", "date", null=True),
        _text("description", default="''"),
        Column("public", "bool", default=False),
        Column("cost", "real", null=True, check=("interventions_cost", "cost >= 0")),
        Column("buffer_m", "real", default=50, check=("interventions_buffer", "buffer_m >= 0")),
        Column("created_at", "stamp"),
        Column("updated_at", "stamp"),
    ),
    constraints=(("interventions_dates", "CHECK (end_date >= start_date)"),),
    layer="Åtgärder",
)

CATEGORIES = Table(
    "categories",
    (
        Column("key", "text", primary_key=True),
        _text("name_sv"),
        _text("name_en"),
        _text("parent", null=True),
        Column("sort", "int"),
    ),
    layer="Kategoriträd",
)

INDICATOR_DEFINITIONS = Table(
    "indicator_definitions",
    (
        Column("key", "text", primary_key=True),
        _text("name_sv"),
        _text("name_en"),
        _text("unit"),
        Column("higher_is_better", "bool"),
        _text("source"),
        _text("area_level"),
        _text("notes", default="''"),
    ),
    ordered=True,
    layer="Indikatorkatalog",
)

INDICATOR_VALUES = Table(
    "indicator_values",
    (
        Column("indicator_key", "text", references="indicator_definitions(key)"),
        _text("area_code"),
        _text("period"),
        Column("value", "real"),
        Column("n", "real", null=True),
        #: The version of the areas the value belongs to (schema 10; 0: without one).
        Column("area_version", "int", default=0),
    ),
    primary_key=("indicator_key", "area_code", "period", "area_version"),
    layer="Indikatorvärden per område och period",
)

IMPORT_BATCHES = Table(
    "import_batches",
    (
        Column("batch_id", "text", primary_key=True),
        _text("source"),
        Column("at", "stamp"),
        _text("username"),
        Column("rows_read", "int"),
        Column("rows_inserted", "int"),
        Column("rows_duplicate", "int"),
    ),
    layer="Importer",
)

#: Every write: who (``username``, schema 9 in the GeoPackage), what, before and after.
AUDIT_LOG = Table(
    "audit_log",
    (
        Column("id", "id_always"),
        Column("at", "stamp"),
        _text("username"),
        _text("action"),
        _text("entity"),
        _text("entity_id", null=True),
        Column("before", "json", null=True),
        Column("after", "json", null=True),
    ),
    layer="Ändringslogg",
)

#: Local accounts. ``password_hash`` is an argon2id PHC string (salt and cost inside
#: it) or NULL for accounts that only sign in through the identity provider;
#: ``username`` is the login name or the IdP's e-mail. No layer: the account list is
#: no map layer for QGIS.
USERS = Table(
    "users",
    (
        Column("username", "text", primary_key=True),
        _text("display_name", default="''"),
        _text("role"),
        _text("password_hash", null=True),
        Column("disabled", "bool", default=False),
        Column("created_at", "stamp"),
        Column("updated_at", "stamp"),
        Column("last_login", "stamp", null=True),
    ),
)

#: Polisen's events as a context layer. No geometry on purpose: an event's position is
#: the municipality's centre, so it must never become a point on a hotspot map;
#: ``area_codes`` is a JSON array of the areas its text mentions.
CONTEXT_EVENTS = Table(
    "context_events",
    (
        Column("fid", "id"),
        _text("source"),
        _text("source_id"),
        Column("occurred_at", "time"),
        _text("type"),
        _text("category", null=True),
        _text("name"),
        _text("summary"),
        _text("url", null=True),
        _text("location_name"),
        Column("lat", "real", null=True),
        Column("lon", "real", null=True),
        Column("area_codes", "jsonb", default="'[]'"),
        _text("batch_id"),
    ),
    constraints=(("context_events_source_key", "UNIQUE (source, source_id)"),),
    indexes=(("context_events_time", ("occurred_at",)),),
    layer="Polisens händelser (kontext på kommunnivå, aldrig punkter)",
)

#: Import mappings remembered per source: the JSON of an
#: :class:`est_geo.io.ColumnMapping`, keyed by (source, kind).
IMPORT_MAPPINGS = Table(
    "import_mappings",
    (
        _text("source"),
        _text("kind"),
        Column("mapping", "json"),
        Column("updated_at", "stamp"),
        _text("username"),
    ),
    primary_key=("source", "kind"),
)

#: The handlingsplan: what, where (area code, a drawn shape as WKT in EPSG:3006, or an
#: intervention id), who (actor), due date, status, deciding meeting, notes; its
#: history is the audit trail. Listed as a layer so it can be read in QGIS.
ACTION_ITEMS = Table(
    "action_items",
    (
        Column("id", "id"),
        _text("title"),
        _text("actor"),
        _text("status"),
        Column("due_date", "date", null=True),
        _text("area_code", null=True),
        _text("shape_wkt", null=True),
        Column("intervention_id", "bigint", null=True),
        _text("meeting", default="''"),
        Column("meeting_date", "date", null=True),
        _text("notes", default="''"),
        Column("created_at", "stamp"),
        _text("created_by"),
        Column("updated_at", "stamp"),
        _text("updated_by"),
    ),
    indexes=(("action_items_area", ("area_code",)),),
    layer="Handlingsplan (åtgärdspunkter)",
)

#: A saved view: its link's query string (``state``).
SAVED_VIEWS = Table(
    "saved_views",
    (
        Column("id", "id"),
        _text("name"),
        _text("area_code", null=True),
        _text("state"),
        Column("created_at", "stamp"),
        _text("created_by"),
    ),
)

#: A meeting's agenda: ``view_ids``, a JSON array of saved view ids in meeting order.
AGENDAS = Table(
    "agendas",
    (
        Column("id", "id"),
        _text("name"),
        _text("area_code", null=True),
        Column("view_ids", "jsonb", default="'[]'"),
        _text("notes", default="''"),
        Column("updated_at", "stamp"),
        _text("updated_by"),
    ),
)

#: Stored code keys between area levels, e.g. SCB's DeSO → RegSO key, so values can be
#: rolled up without the key file at hand. One row per child code and parent level;
#: the child's areas need not be stored.
AREA_KEYS = Table(
    "area_keys",
    (
        _text("child_level"),
        _text("child_code"),
        _text("parent_level"),
        _text("parent_code"),
        _text("parent_name", default="''"),
        #: The children's version (schema 10; 0: a key file's, without one).
        Column("version", "int", default=0),
    ),
    primary_key=("child_level", "child_code", "parent_level", "version"),
    layer="Kodnycklar mellan områdesnivåer (DeSO → RegSO)",
)

#: One fetched delivery of SCB's areas: level, version year, municipality, request
#: address, fetch time and number of areas, written in the areas' transaction.
AREA_VERSIONS = Table(
    "area_versions",
    (
        _text("level"),
        Column("version", "int"),
        _text("kommun"),
        _text("source_url"),
        _text("fetched_at"),
        Column("areas", "int"),
    ),
    primary_key=("level", "version", "kommun"),
    layer="Hämtade områdesversioner (DeSO/RegSO)",
)

#: The tables each schema version adds, on both backends. Version 1's are in the
#: GeoPackage's layer order (``est_meta`` last).
ADDED: Final[dict[int, tuple[Table, ...]]] = {
    1: (
        AREAS,
        INCIDENTS,
        INTERVENTIONS,
        CATEGORIES,
        INDICATOR_DEFINITIONS,
        INDICATOR_VALUES,
        IMPORT_BATCHES,
        AUDIT_LOG,
        EST_META,
    ),
    2: (USERS,),
    3: (CONTEXT_EVENTS, IMPORT_MAPPINGS),
    4: (ACTION_ITEMS, SAVED_VIEWS, AGENDAS),
    6: (AREA_KEYS,),
    10: (AREA_VERSIONS,),
}
