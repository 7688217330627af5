"""Messages of the database layer (est_geo.store), Swedish and English.

Errors a user meets when a database cannot be opened, created or written, and the
reasons of the store's own input checks (rows of incidents, indicator values, context
events, code keys, agendas).
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    # -- the store's input checks (est_geo.store.common, area_keys, area_versions, meeting)
    "store.read_only": {
        "sv": "Databasen är öppnad skrivskyddad (publikt läge).",
        "en": "The database is open read-only (public mode).",
    },
    "store.problem.not_a_number": {
        "sv": "saknas eller är inte ett tal",
        "en": "missing or not a number",
    },
    "store.problem.bad_time": {"sv": "ogiltig tidpunkt", "en": "invalid time"},
    "store.problem.unknown_category": {"sv": "okänd kategori", "en": "unknown category"},
    "store.problem.unknown_actor": {"sv": "okänd aktör", "en": "unknown actor"},
    "store.problem.unknown_precision": {
        "sv": "okänd lägesnoggrannhet",
        "en": "unknown location precision",
    },
    "store.problem.no_source": {"sv": "källa saknas", "en": "source missing"},
    "store.problem.no_source_id": {"sv": "käll-id saknas", "en": "source id missing"},
    "store.problem.too_long": {
        "sv": "högst {max} tecken",
        "en": "at most {max} characters",
    },
    "store.problem.duplicate": {"sv": "dubblett i filen", "en": "duplicate in the file"},
    "store.problem.no_column": {"sv": "kolumnen saknas", "en": "column missing"},
    "store.problem.unknown_indicator": {"sv": "okänd indikator", "en": "unknown indicator"},
    "store.problem.not_number": {"sv": "inte ett tal", "en": "not a number"},
    "store.problem.no_value": {"sv": "värde saknas", "en": "value missing"},
    "store.problem.not_polygon": {"sv": "måste vara en polygon", "en": "must be a polygon"},
    "store.problem.empty_polygon": {"sv": "polygonen är tom", "en": "the polygon is empty"},
    "store.problem.invalid_polygon": {
        "sv": "ogiltig geometri (laga den först)",
        "en": "invalid geometry (repair it first)",
    },
    "store.problem.count_keys": {
        "sv": "tillåtna nycklar: {keys}",
        "en": "allowed keys: {keys}",
    },
    "store.problem.two_levels": {
        "sv": "två olika nivåer krävs",
        "en": "two different levels are required",
    },
    "store.problem.no_code": {"sv": "kod saknas", "en": "code missing"},
    "store.problem.no_parent": {"sv": "överordnad kod saknas", "en": "parent code missing"},
    "store.problem.child_twice": {
        "sv": "finns redan på rad {first}",
        "en": "already in row {first}",
    },
    "store.problem.code_other_level": {
        "sv": "koden {code} finns redan som {level}",
        "en": "the code {code} already exists as {level}",
    },
    "store.problem.unknown_view": {"sv": "okänd vy", "en": "unknown view"},
    "store.problem.empty_grid": {"sv": "tomt rutnät", "en": "empty grid"},
    "store.invalid.incidents": {"sv": "Ogiltiga händelser", "en": "Invalid incidents"},
    "store.invalid.indicator_values": {
        "sv": "Ogiltiga indikatorvärden",
        "en": "Invalid indicator values",
    },
    "store.invalid.context_events": {
        "sv": "Ogiltiga kontexthändelser",
        "en": "Invalid context events",
    },
    "store.invalid.count_area": {
        "sv": "Ogiltigt område för räkning",
        "en": "Invalid area to count in",
    },
    "store.invalid.grouping": {"sv": "Ogiltig gruppering", "en": "Invalid grouping"},
    "store.invalid.key_not_saved": {
        "sv": "Kodnyckeln kan inte sparas",
        "en": "The code key cannot be saved",
    },
    "store.invalid.areas_not_replaced": {
        "sv": "Områdena kan inte ersättas",
        "en": "The areas cannot be replaced",
    },
    "store.invalid.agenda": {"sv": "Ogiltig dagordning", "en": "Invalid agenda"},
    "store.invalid.grid": {"sv": "Ogiltigt rutnät", "en": "Invalid grid"},
    # -- records that are not there, or already are (sql_core, meeting) ----------------
    "store.error.schema_version_fixed": {
        "sv": "schema_version ändras bara av migreringar.",
        "en": "schema_version is changed by migrations only.",
    },
    # -- est-geo demo refusing to overwrite (est_geo.demo.bootstrap) --------------------
    "store.error.demo_exists": {
        "sv": "Databasen {path} finns redan. Använd --replace för att ersätta den.",
        "en": "The database {path} already exists. Use --replace to replace it.",
    },
    "store.error.demo_foreign": {
        "sv": "Databasen {url} har redan tabeller med EST Geo:s namn ({tables}) men är ingen "
        "EST Geo-databas; de skrivs inte över.",
        "en": "The database {url} already has tables with EST Geo's names ({tables}) but is "
        "no EST Geo database; they are not overwritten.",
    },
    "store.error.demo_data": {
        "sv": "Databasen {url} finns redan och innehåller data ({tables}). Använd --replace "
        "för att ersätta EST Geo:s tabeller (databasens övriga tabeller lämnas orörda).",
        "en": "The database {url} already exists and holds data ({tables}). Use --replace "
        "to replace EST Geo's tables (the database's other tables are left untouched).",
    },
    "store.error.no_intervention": {
        "sv": "Åtgärd {id} finns inte.",
        "en": "Intervention {id} does not exist.",
    },
    "store.error.intervention_no_id": {
        "sv": "Åtgärden saknar id.",
        "en": "The intervention has no id.",
    },
    "store.error.user_exists": {
        "sv": "Användaren '{username}' finns redan.",
        "en": "The user '{username}' already exists.",
    },
    "store.error.no_user": {
        "sv": "Användaren '{username}' finns inte.",
        "en": "The user '{username}' does not exist.",
    },
    "store.error.no_action_item": {
        "sv": "Punkt {id} i handlingsplanen finns inte.",
        "en": "Item {id} of the action plan does not exist.",
    },
    "store.error.action_item_no_id": {
        "sv": "Punkten i handlingsplanen saknar id.",
        "en": "The action plan item has no id.",
    },
    "store.error.no_view": {
        "sv": "Den sparade vyn {id} finns inte.",
        "en": "The saved view {id} does not exist.",
    },
    "store.error.no_agenda": {
        "sv": "Dagordningen {id} finns inte.",
        "en": "The agenda {id} does not exist.",
    },
    "store.error.corrupt_geometry": {
        "sv": "ogiltig geometri i databasen (inte en GeoPackage-geometri)",
        "en": "invalid geometry in the database (not a GeoPackage geometry)",
    },
    # -- opening and creating databases (gpkg, postgis, urls) -------------------------
    "store.error.no_file_path": {
        "sv": "En PostgreSQL-databas har ingen filsökväg (den är en server).",
        "en": "A PostgreSQL database has no file path (it is a server).",
    },
    "store.error.unsupported_scheme": {
        "sv": "Databastypen '{scheme}' stöds inte. Använd en filsökväg (inbyggd "
        "GeoPackage-databas) eller postgresql://… (delad PostGIS-databas).",
        "en": "The database type '{scheme}' is not supported. Use a file path (embedded "
        "GeoPackage database) or postgresql://… (shared PostGIS database).",
    },
    "store.error.file_exists": {
        "sv": "Databasen {path} finns redan; den skrivs inte över.",
        "en": "The database {path} already exists; it is not overwritten.",
    },
    "store.error.file_missing": {
        "sv": "Databasen {path} finns inte. Skapa den med `est-geo demo --db {path}` eller "
        "ange rätt sökväg i EST_GEO_DATABASE_URL.",
        "en": "The database {path} does not exist. Create it with `est-geo demo --db {path}` "
        "or give the right path in EST_GEO_DATABASE_URL.",
    },
    "store.error.needs_upgrade": {
        "sv": "Databasen {path} har schemaversion {version} men {required} krävs; öppna den "
        "en gång med skrivrätt (`est-geo info`) för att uppgradera.",
        "en": "The database {path} has schema version {version} but {required} is "
        "required; open it once with write access (`est-geo info`) to upgrade it.",
    },
    "store.error.newer_schema": {
        "sv": "Databasen {path} har schemaversion {version}, nyare än denna EST Geo "
        "({required}). Uppgradera EST Geo; databasen har inte ändrats.",
        "en": "The database {path} has schema version {version}, newer than this EST Geo "
        "({required}). Upgrade EST Geo; the database has not been changed.",
    },
    "store.error.not_est_file": {
        "sv": "Filen {path} är inte en EST Geo-databas eller är skadad ({cause}). Återställ "
        "från säkerhetskopia; filen har inte ändrats.",
        "en": "The file {path} is not an EST Geo database or is damaged ({cause}). Restore "
        "it from a backup; the file has not been changed.",
    },
    "store.error.no_est_metadata": {
        "sv": "Filen {path} är ingen EST Geo-databas (saknar GeoPackage-/EST-metadata).",
        "en": "The file {path} is not an EST Geo database (no GeoPackage/EST metadata).",
    },
    "store.error.not_postgres_url": {
        "sv": "'{url}' är ingen PostgreSQL-adress (postgresql://…).",
        "en": "'{url}' is not a PostgreSQL address (postgresql://…).",
    },
    "store.error.pool_settings": {
        "sv": "statement_timeout_ms och pool_size måste vara positiva.",
        "en": "statement_timeout_ms and pool_size must be positive.",
    },
    "store.error.read_only_connection": {
        "sv": "Databasen tillåter inte ändringar för denna anslutning ({reason}).",
        "en": "The database allows no changes for this connection ({reason}).",
    },
    "store.error.timeout": {
        "sv": "Databasfrågan avbröts efter {seconds} s (statement_timeout). Begränsa urvalet "
        "och försök igen.",
        "en": "The database query was stopped after {seconds} s (statement_timeout). "
        "Narrow the selection and try again.",
    },
    "store.invalid.refused": {
        "sv": "Databasen vägrade skriva",
        "en": "The database refused the write",
    },
    "store.error.pool_timeout": {
        "sv": "Ingen ledig anslutning till {url} inom 30 s ({cause}).",
        "en": "No free connection to {url} within 30 s ({cause}).",
    },
    "store.error.unreachable": {
        "sv": "Databasen {url} kan inte nås: {cause}",
        "en": "The database {url} cannot be reached: {cause}",
    },
    "store.error.pg_missing": {
        "sv": "Databasen {url} finns inte. Be databasadministratören skapa den (CREATE "
        "DATABASE) och kör sedan `est-geo demo --db …` eller create_store().",
        "en": "The database {url} does not exist. Ask the database administrator to create "
        "it (CREATE DATABASE), then run `est-geo demo --db …` or create_store().",
    },
    "store.error.cannot_connect": {
        "sv": "Kan inte ansluta till {url}: {cause}",
        "en": "Cannot connect to {url}: {cause}",
    },
    "store.error.schema_not_created": {
        "sv": "EST Geo-schemat kunde inte skapas i {url}: {cause}",
        "en": "The EST Geo schema could not be created in {url}: {cause}",
    },
    "store.error.pg_exists": {
        "sv": "Databasen {url} finns redan (har EST Geo-tabeller); den skrivs inte över.",
        "en": "The database {url} already exists (it has EST Geo tables); it is not overwritten.",
    },
    "store.error.write_aborted": {
        "sv": "Skrivningen till {url} avbröts: {cause}",
        "en": "The write to {url} was aborted: {cause}",
    },
    "store.error.only_in_transaction": {
        "sv": "{method} gäller bara inom one_transaction().",
        "en": "{method} applies only inside one_transaction().",
    },
    "store.error.cannot_open": {
        "sv": "Databasen {url} kunde inte öppnas: {cause}",
        "en": "The database {url} could not be opened: {cause}",
    },
    "store.error.no_est_tables": {
        "sv": "Databasen {url} har inga EST Geo-tabeller. Skapa dem med `est-geo demo --db "
        "…` eller create_store().",
        "en": "The database {url} has no EST Geo tables. Create them with `est-geo demo "
        "--db …` or create_store().",
    },
    "store.error.incomplete": {
        "sv": "Databasen {url} är ingen fullständig EST Geo-databas (schemaversion saknas).",
        "en": "The database {url} is not a complete EST Geo database (no schema version).",
    },
    "store.error.missing_migration": {
        "sv": "PostGIS-schemat saknar migreringen {version} → {next} som den inbyggda "
        "databasen har; uppdatera est_geo.store.postgis.PG_MIGRATIONS.",
        "en": "The PostGIS schema lacks the migration {version} → {next} that the "
        "embedded database has; update est_geo.store.postgis.PG_MIGRATIONS.",
    },
    "store.problem.role_name": {"sv": "bara a–z, 0–9 och _", "en": "only a–z, 0–9 and _"},
    "store.problem.no_password": {"sv": "lösenord saknas", "en": "password missing"},
    "store.invalid.role": {"sv": "Ogiltig roll", "en": "Invalid role"},
    "store.error.role_not_created": {
        "sv": "Rollen {role} kunde inte skapas: {cause}",
        "en": "The role {role} could not be created: {cause}",
    },
    "store.error.cannot_read": {
        "sv": "Databasen {url} kunde inte läsas: {cause}",
        "en": "The database {url} could not be read: {cause}",
    },
    "store.error.tables_not_dropped": {
        "sv": "EST Geo-tabellerna i {url} kunde inte tas bort: {cause}",
        "en": "The EST Geo tables in {url} could not be dropped: {cause}",
    },
    "store.error.not_est_database": {
        "sv": "Databasen {url} är ingen EST Geo-databas; inga tabeller tas bort.",
        "en": "The database {url} is not an EST Geo database; no tables are dropped.",
    },
    "store.error.tables_in_use": {
        "sv": "EST Geo-tabellerna i {url} används av andra objekt ({detail}); inget har "
        "tagits bort.",
        "en": "The EST Geo tables in {url} are used by other objects ({detail}); nothing "
        "has been dropped.",
    },
}
