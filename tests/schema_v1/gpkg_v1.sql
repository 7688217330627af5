PRAGMA application_id = 1196444487;
PRAGMA user_version = 10400;
CREATE TABLE areas (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON NOT NULL,
  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user TEXT NOT NULL,
  action TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT, before TEXT, after TEXT);
CREATE TABLE categories (
  key TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL, parent TEXT,
  sort INTEGER NOT NULL);
CREATE TABLE est_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO "est_meta" VALUES('schema_version','1');
INSERT INTO "est_meta" VALUES('created_at','2025-01-01T00:00:00Z');
INSERT INTO "est_meta" VALUES('demo','false');
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
  srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id)
  REFERENCES gpkg_spatial_ref_sys(srs_id));
INSERT INTO "gpkg_contents" VALUES('areas','features','areas','Områden (kommun, område, delområde, DeSO/RegSO)','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,3006);
INSERT INTO "gpkg_contents" VALUES('incidents','features','incidents','EST-rapporter (händelser)','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,3006);
INSERT INTO "gpkg_contents" VALUES('interventions','features','interventions','Åtgärder','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,3006);
INSERT INTO "gpkg_contents" VALUES('categories','attributes','categories','Kategoriträd','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "gpkg_contents" VALUES('indicator_definitions','attributes','indicator_definitions','Indikatorkatalog','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "gpkg_contents" VALUES('indicator_values','attributes','indicator_values','Indikatorvärden per område och period','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "gpkg_contents" VALUES('import_batches','attributes','import_batches','Importer','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "gpkg_contents" VALUES('audit_log','attributes','audit_log','Ändringslogg','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
INSERT INTO "gpkg_contents" VALUES('est_meta','attributes','est_meta','EST Geo metadata','2026-12-07T18:00:30.756Z',NULL,NULL,NULL,NULL,NULL);
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
INSERT INTO "gpkg_geometry_columns" VALUES('areas','geom','MULTIPOLYGON',3006,0,0);
INSERT INTO "gpkg_geometry_columns" VALUES('incidents','geom','POINT',3006,0,0);
INSERT INTO "gpkg_geometry_columns" VALUES('interventions','geom','GEOMETRY',3006,0,0);
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO "gpkg_spatial_ref_sys" VALUES('Undefined cartesian SRS',-1,'NONE',-1,'undefined','undefined cartesian');
INSERT INTO "gpkg_spatial_ref_sys" VALUES('Undefined geographic SRS',0,'NONE',0,'undefined','undefined geographic');
INSERT INTO "gpkg_spatial_ref_sys" VALUES('SWEREF99 TM',3006,'EPSG',3006,'PROJCS["SWEREF99 TM",GEOGCS["SWEREF99",DATUM["SWEREF99",SPHEROID["GRS 1980",6378137,298.257222101,AUTHORITY["EPSG","7019"]],AUTHORITY["EPSG","6619"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4619"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",15],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","3006"]]','SWEREF99 TM');
INSERT INTO "gpkg_spatial_ref_sys" VALUES('WGS 84',4326,'EPSG',4326,'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]','WGS 84');
CREATE TABLE import_batches (
  batch_id TEXT PRIMARY KEY, source TEXT NOT NULL, at TEXT NOT NULL, user TEXT NOT NULL,
  rows_read INTEGER NOT NULL, rows_inserted INTEGER NOT NULL, rows_duplicate INTEGER NOT NULL);
CREATE TABLE incidents (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, occurred_at TEXT NOT NULL, has_time INTEGER NOT NULL,
  category TEXT NOT NULL, actor TEXT NOT NULL, precision TEXT NOT NULL,
  description TEXT, source TEXT NOT NULL, source_id TEXT NOT NULL, batch_id TEXT NOT NULL,
  UNIQUE (source, source_id));
CREATE TABLE indicator_definitions (
  key TEXT PRIMARY KEY, name_sv TEXT NOT NULL, name_en TEXT NOT NULL, unit TEXT NOT NULL,
  higher_is_better INTEGER NOT NULL, source TEXT NOT NULL, area_level TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '');
CREATE TABLE indicator_values (
  indicator_key TEXT NOT NULL REFERENCES indicator_definitions(key),
  area_code TEXT NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, n REAL,
  PRIMARY KEY (indicator_key, area_code, period));
CREATE TABLE interventions (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom GEOMETRY NOT NULL,
  name TEXT NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, owner_actor TEXT NOT NULL,
  start_date TEXT, end_date TEXT, description TEXT NOT NULL DEFAULT '',
  public INTEGER NOT NULL DEFAULT 0, cost REAL, buffer_m REAL NOT NULL DEFAULT 50,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX incidents_time ON incidents (occurred_at);
CREATE INDEX incidents_xy ON incidents (x, y);
DELETE FROM "sqlite_sequence";
