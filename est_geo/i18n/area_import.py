"""UI strings of the Data page's tab "Områden och indikatorer" (``ui/data/area_import.py``)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "area_import.tab": {"sv": "Områden och indikatorer", "en": "Areas and indicators"},
    "area_import.intro": {
        "sv": "Läs in egna områdesindelningar (DeSO, RegSO, stadsdelar, egna områden) och "
        "indikatorvärden per område och period. Inget skrivs förrän du trycker på "
        "importknappen, och en fil med fel skrivs inte alls: alla fel listas så att filen "
        "kan rättas på en gång.",
        "en": "Load your own area layers (DeSO, RegSO, districts, custom areas) and indicator "
        "values per area and period. Nothing is written until you press the import button, "
        "and a file with problems is not written at all: every problem is listed so the file "
        "can be fixed in one go.",
    },
    "area_import.working": {"sv": "Importerar …", "en": "Importing …"},
    "area_import.failed": {
        "sv": "Inget har sparats: filen har {n} problem. Rätta filen och försök igen.",
        "en": "Nothing was saved: the file has {n} {n:problem|problems}. Fix the file and try "
        "again.",
    },
    "area_import.preview": {"sv": "Förhandsvisning", "en": "Preview"},
    # -- areas --------------------------------------------------------------------------
    "area_import.areas_title": {"sv": "Områden", "en": "Areas"},
    "area_import.areas_upload": {
        "sv": "Fil med områdespolygoner",
        "en": "File of area polygons",
    },
    "area_import.areas_upload_help": {
        "sv": "GeoPackage, GeoJSON eller zippad Shapefile (med .prj), högst {mb} MB. "
        "Koordinatsystemet läses från filen.",
        "en": "GeoPackage, GeoJSON or zipped Shapefile (with .prj), at most {mb} MB. The "
        "coordinate system is read from the file.",
    },
    "area_import.areas_hint": {
        "sv": "Välj en fil med områden för att se hur den tolkas. Inget sparas ännu.",
        "en": "Choose a file of areas to see how it is read. Nothing is saved yet.",
    },
    "area_import.layer": {"sv": "Lager", "en": "Layer"},
    "area_import.layer_help": {
        "sv": "GeoPackage-filen har {n} lager; välj det som innehåller områdena.",
        "en": "The GeoPackage has {n} layers; choose the one holding the areas.",
    },
    "area_import.file_info": {
        "sv": "{name}: lager {layer}, {n} objekt, geometrityp {geometry}.",
        "en": "{name}: layer {layer}, {n} {n:feature|features}, geometry type {geometry}.",
    },
    "area_import.crs": {
        "sv": "Koordinatsystem i filen: {crs}. Områdena lagras i SWEREF 99 TM.",
        "en": "Coordinate system of the file: {crs}. The areas are stored in SWEREF 99 TM.",
    },
    "area_import.no_crs": {
        "sv": "Filen saknar koordinatsystem (i en zippad Shapefile saknas ofta .prj-filen). "
        "Områdena kan inte importeras förrän filen har ett.",
        "en": "The file has no coordinate system (a zipped Shapefile often lacks its .prj "
        "file). The areas cannot be imported until it has one.",
    },
    "area_import.no_columns": {
        "sv": "Lagret har inga attributkolumner, alltså ingen kolumn med områdeskod.",
        "en": "The layer has no attribute columns, so no column with an area code.",
    },
    "area_import.code_column": {"sv": "Kolumn med områdeskod", "en": "Area code column"},
    "area_import.name_column": {"sv": "Kolumn med namn", "en": "Name column"},
    "area_import.parent_column": {
        "sv": "Kolumn med överordnat område (valfri)",
        "en": "Parent area column (optional)",
    },
    "area_import.name_is_code": {
        "sv": "Utan namnkolumn får varje område sin kod som namn.",
        "en": "Without a name column every area gets its code as its name.",
    },
    "area_import.level": {"sv": "Områdesnivå", "en": "Area level"},
    "area_import.level_help": {
        "sv": "DeSO- och RegSO-koder kontrolleras mot SCB:s format.",
        "en": "DeSO and RegSO codes are checked against SCB's format.",
    },
    "area_import.level.deso": {"sv": "DeSO", "en": "DeSO"},
    "area_import.level.regso": {"sv": "RegSO", "en": "RegSO"},
    "area_import.level.district": {"sv": "Stadsdel/distrikt", "en": "District"},
    "area_import.level.custom": {"sv": "Eget område", "en": "Custom area"},
    "area_import.bounds": {
        "sv": "Utbredning i filens koordinatsystem: x {minx} – {maxx}, y {miny} – {maxy}.",
        "en": "Extent in the file's coordinate system: x {minx} – {maxx}, y {miny} – {maxy}.",
    },
    "area_import.map_layer": {"sv": "Områden i filen", "en": "Areas in the file"},
    "area_import.map_first": {
        "sv": "Kartan visar de första {shown} av {total} områdena.",
        "en": "The map shows the first {shown} of {total} {total:area|areas}.",
    },
    "area_import.areas_button": {"sv": "Importera områden", "en": "Import areas"},
    "area_import.areas_done": {
        "sv": "{n} {n:område|områden} importerade (nivå {level}). Koordinatsystem i filen: {crs}; "
        "lagrade i SWEREF 99 TM.",
        "en": "{n} {n:area|areas} imported (level {level}). Coordinate system of the file: {crs}; "
        "stored in SWEREF 99 TM.",
    },
    # -- indicator values ---------------------------------------------------------------
    "area_import.values_title": {"sv": "Indikatorvärden", "en": "Indicator values"},
    "area_import.values_upload": {
        "sv": "Tabell med indikatorvärden (CSV eller XLSX)",
        "en": "Table of indicator values (CSV or XLSX)",
    },
    "area_import.values_upload_help": {
        "sv": "En rad per område och period: områdeskod, period (2024, 2024-Q1 eller "
        "2024-05), värde och gärna underlaget n. CSV med valfri vanlig avgränsare och "
        "teckenkodning, eller XLSX (första bladet), högst {mb} MB.",
        "en": "One row per area and period: area code, period (2024, 2024-Q1 or 2024-05), "
        "value and preferably the base n. CSV with any common delimiter and encoding, or "
        "XLSX (first sheet), at most {mb} MB.",
    },
    "area_import.values_hint": {
        "sv": "Välj en tabell för att se hur den tolkas. Inget sparas ännu.",
        "en": "Choose a table to see how it is read. Nothing is saved yet.",
    },
    "area_import.table_info": {
        "sv": "{name}: {rows} {rows:rad|rader}, kolumner: {columns}.",
        "en": "{name}: {rows} {rows:row|rows}, columns: {columns}.",
    },
    "area_import.indicator": {"sv": "Indikator", "en": "Indicator"},
    "area_import.indicator_pick": {"sv": "Välj indikator", "en": "Choose an indicator"},
    "area_import.indicator_help": {
        "sv": "Vilken indikator värdena gäller. En lång tabell med flera indikatorer har "
        "indikatorns nyckel i en egen kolumn. Nya indikatorer läggs till i katalogen på "
        "sidan Indikatorer.",
        "en": "Which indicator the values are for. A long table with several indicators has "
        "the indicator's key in a column of its own. New indicators are added to the "
        "catalogue on the Indicators page.",
    },
    "area_import.indicator_column": {
        "sv": "Kolumn i filen ({col})",
        "en": "Column in the file ({col})",
    },
    "area_import.field.area": {"sv": "Områdeskod", "en": "Area code"},
    "area_import.field.period": {"sv": "Period", "en": "Period"},
    "area_import.field.value": {"sv": "Värde", "en": "Value"},
    "area_import.field.n": {"sv": "Underlag n (valfri)", "en": "Base n (optional)"},
    "area_import.auto": {"sv": "(auto: {col})", "en": "(auto: {col})"},
    "area_import.auto_none": {"sv": "(auto: hittas inte)", "en": "(auto: not found)"},
    "area_import.values_button": {"sv": "Importera värden", "en": "Import values"},
    "area_import.values_done": {
        "sv": "{n} {n:värde|värden} importerade ({indicators}; perioder {periods}).",
        "en": "{n} {n:value|values} imported ({indicators}; periods {periods}).",
    },
    # -- join report --------------------------------------------------------------------
    "area_import.join_title": {"sv": "Matchning mot områden", "en": "Match against areas"},
    "area_import.join_matched": {"sv": "Områden med värde", "en": "Areas with a value"},
    "area_import.join_codes_without_area": {
        "sv": "Koder utan område",
        "en": "Codes without an area",
    },
    "area_import.join_areas_without_value": {
        "sv": "Områden utan värde",
        "en": "Areas without a value",
    },
    "area_import.join_complete": {
        "sv": "Alla koder i tabellen har ett område och alla områden har ett värde.",
        "en": "Every code in the table has an area and every area has a value.",
    },
    "area_import.codes_without_area": {
        "sv": "{n} {n:kod|koder} i tabellen saknar område. Värdena är sparade men syns "
        "inte på kartan "
        "förrän områdena finns (fel kod, tappad inledande nolla eller en annan indelning?). "
        "Koder: {codes}",
        "en": "{n} {n:code|codes} in the table {n:has|have} no area. The values are saved but do "
        "not show on "
        "the map until the areas exist (wrong code, lost leading zero or another division?). "
        "Codes: {codes}",
    },
    "area_import.all_codes_matched": {
        "sv": "Alla koder i tabellen har ett område.",
        "en": "Every code in the table has an area.",
    },
    "area_import.areas_without_value": {
        "sv": "{n} {n:område|områden} i databasen saknar värde i tabellen: {codes}",
        "en": "{n} {n:area|areas} in the database {n:has|have} no value in the table: {codes}",
    },
    "area_import.and_more": {"sv": " … och {n} till", "en": " … and {n} more"},
    "area_import.col.code": {"sv": "Kod i tabellen utan område", "en": "Code without an area"},
    "area_import.col.area": {"sv": "Område utan värde", "en": "Area without a value"},
    "area_import.join_download": {
        "sv": "Ladda ner matchningsrapport (CSV)",
        "en": "Download match report (CSV)",
    },
    "area_import.join_file": {"sv": "matchning", "en": "match_report"},  # its file's name
    "area_import.key_title": {"sv": "Kodnyckel DeSO → RegSO", "en": "DeSO → RegSO key"},
    "area_import.key_intro": {
        "sv": "SCB:s nyckel säger vilket RegSO varje DeSO ligger i. Sparad nyckel låter "
        "sidan Indikatorer visa RegSO beräknat från DeSO-värden. En ny nyckel ersätter "
        "den gamla helt.",
        "en": "SCB's key says which RegSO each DeSO lies in. A stored key lets the "
        "Indicators page show RegSO computed from DeSO values. A new key replaces the old "
        "one completely.",
    },
    "area_import.key_none": {
        "sv": "Ingen kodnyckel är sparad.",
        "en": "No key is stored.",
    },
    "area_import.key_stored": {
        "sv": "Sparad kodnyckel: {n} DeSO i {parents} RegSO.",
        "en": "Stored key: {n} DeSO in {parents} RegSO.",
    },
    "area_import.key_upload": {
        "sv": "Kodnyckel (CSV eller XLSX)",
        "en": "Key table (CSV or XLSX)",
    },
    "area_import.key_field.deso": {"sv": "DeSO-kod", "en": "DeSO code"},
    "area_import.key_field.regso": {"sv": "RegSO-kod", "en": "RegSO code"},
    "area_import.key_field.regso_name": {"sv": "RegSO-namn", "en": "RegSO name"},
    "area_import.key_button": {"sv": "Spara kodnyckeln", "en": "Save the key"},
    "area_import.key_done": {
        "sv": "Kodnyckeln sparad: {n} DeSO i {parents} RegSO ({named} med namn).",
        "en": "Key saved: {n} DeSO in {parents} RegSO ({named} with names).",
    },
    "area_import.fixed_period": {
        "sv": "Period för alla rader (om tabellen saknar periodkolumn)",
        "en": "Period for every row (if the table has no period column)",
    },
    "area_import.fixed_period_help": {
        "sv": "T.ex. 2022, 2024-Q1 eller 2024-05. SCB:s uttag har ofta året i "
        "kolumnrubriken i stället för en egen kolumn.",
        "en": "E.g. 2022, 2024-Q1 or 2024-05. SCB's exports often put the year in the "
        "column header instead of a column of its own.",
    },
    "area_import.key_upload_help": {
        "sv": "En rad per DeSO: DeSO-kod, RegSO-kod och gärna RegSO-namn (SCB:s nyckel). "
        "CSV eller XLSX, högst {mb} MB.",
        "en": "One row per DeSO: DeSO code, RegSO code and preferably the RegSO name "
        "(SCB's key). CSV or XLSX, at most {mb} MB.",
    },
}
