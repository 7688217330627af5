"""UI strings of the Data page (import, Polisen events, export) and the Rapportera page."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.data": {"sv": "Data", "en": "Data"},
    "page.rapportera": {"sv": "Rapportera", "en": "Report"},
    # -- Data page ---------------------------------------------------------------------
    "data.intro": {
        "sv": "Läs in rapporter från aktörernas system. Inget skrivs förrän du har sett "
        "kolumner, koordinatsystem och alla fel och valt att importera; importen sker i "
        "en enda transaktion och samma fil två gånger ger inga dubbletter.",
        "en": "Load reports from the actors' systems. Nothing is written until you have "
        "seen the columns, coordinate system and every problem and chosen to import; the "
        "import is one transaction and the same file twice adds no duplicates.",
    },
    "data.tab.import": {"sv": "Importera händelser", "en": "Import incidents"},
    "data.tab.polisen": {"sv": "Polisens händelser", "en": "Police events"},
    "data.tab.export": {"sv": "Exportera", "en": "Export"},
    "data.upload": {"sv": "Fil med händelser", "en": "File of incidents"},
    "data.upload_help": {
        "sv": "CSV (alla vanliga avgränsare och teckenkodningar), XLSX, GeoJSON, GeoPackage "
        "eller zippad Shapefile, högst {mb} MB. Större filer: kommandot est-geo import.",
        "en": "CSV (any common delimiter and encoding), XLSX, GeoJSON, GeoPackage or zipped "
        "Shapefile, at most {mb} MB. Larger files: the est-geo import command.",
    },
    "data.upload_hint": {
        "sv": "Välj en fil för att se hur den tolkas. Inget sparas ännu.",
        "en": "Choose a file to see how it is read. Nothing is saved yet.",
    },
    "data.refused": {"sv": "Filen kan inte tas emot.", "en": "The file cannot be accepted."},
    "data.unreadable": {"sv": "Filen kan inte läsas.", "en": "The file cannot be read."},
    "data.file_info": {
        "sv": "{name}: format {format}, teckenkodning {encoding}, avgränsare {delimiter}, "
        "{rows} {rows:rad|rader}.",
        "en": "{name}: format {format}, encoding {encoding}, delimiter {delimiter}, {rows} "
        "{rows:row|rows}.",
    },
    "data.source": {"sv": "Källa (system)", "en": "Source (system)"},
    "data.source_help": {
        "sv": "Namnet på systemet filen kommer från. Kolumn- och kategorimappningen sparas "
        "per källa, och dubbletter känns igen inom samma källa.",
        "en": "The name of the system the file comes from. Column and category mappings are "
        "remembered per source, and duplicates are recognised within a source.",
    },
    "data.remembered": {
        "sv": "En sparad mappning för källan {source} används.",
        "en": "A remembered mapping for the source {source} is used.",
    },
    "data.mapping": {"sv": "Kolumner", "en": "Columns"},
    "data.no_column": {"sv": "(ingen kolumn)", "en": "(no column)"},
    "data.geom_x": {"sv": "(geometri, x)", "en": "(geometry, x)"},
    "data.geom_y": {"sv": "(geometri, y)", "en": "(geometry, y)"},
    "data.field.x": {"sv": "X / östlig / longitud", "en": "X / easting / longitude"},
    "data.field.y": {"sv": "Y / nordlig / latitud", "en": "Y / northing / latitude"},
    "data.field.datetime": {"sv": "Datum (och tid)", "en": "Date (and time)"},
    "data.field.time": {"sv": "Klockslag (egen kolumn)", "en": "Time of day (own column)"},
    "data.field.category": {"sv": "Kategori", "en": "Category"},
    "data.field.actor": {"sv": "Aktör", "en": "Actor"},
    "data.field.description": {"sv": "Beskrivning", "en": "Description"},
    "data.field.id": {"sv": "Id", "en": "Id"},
    "data.field.precision": {"sv": "Lägesnoggrannhet", "en": "Location precision"},
    "data.default_actor": {
        "sv": "Aktör för alla rader (filen har ingen aktörskolumn)",
        "en": "Actor for every row (the file has no actor column)",
    },
    "data.crs": {"sv": "Koordinatsystem", "en": "Coordinate system"},
    "data.crs_help": {
        "sv": "Automatiskt använder filens eget system eller gissar från värdena. Välj ett "
        "annat om gissningen är fel.",
        "en": "Automatic uses the file's own system or guesses from the values. Choose "
        "another if the guess is wrong.",
    },
    "data.crs.auto": {"sv": "Automatiskt", "en": "Automatic"},
    "data.crs.wgs84": {"sv": "WGS84 (lat/lon)", "en": "WGS84 (lat/lon)"},
    "data.crs.sweref": {"sv": "SWEREF 99 TM", "en": "SWEREF 99 TM"},
    "data.crs.rt90": {"sv": "RT 90 2,5 gon V", "en": "RT 90 2.5 gon V"},
    "data.crs_detected": {
        "sv": "Koordinatsystem: {crs}. Stämmer det?",
        "en": "Coordinate system: {crs}. Is that right?",
    },
    "data.swapped": {
        "sv": "Koordinatkolumnerna verkar omkastade (lat/lon eller X/Y) och har bytts plats. "
        "Kontrollera att punkterna hamnar rätt.",
        "en": "The coordinate columns look swapped (lat/lon or X/Y) and have been exchanged. "
        "Check that the points land in the right place.",
    },
    "data.categories": {"sv": "Okända kategorier", "en": "Unknown categories"},
    "data.categories_help": {
        "sv": "Välj vilken EST-kategori varje etikett betyder. Valet sparas för källan.",
        "en": "Choose which EST category each label means. The choice is remembered for "
        "the source.",
    },
    "data.category_for": {"sv": "{label} ({n} {n:rad|rader})", "en": "{label} ({n} {n:row|rows})"},
    "data.pick_category": {"sv": "– välj kategori –", "en": "– choose a category –"},
    "data.problems_title": {"sv": "Fel i filen", "en": "Problems in the file"},
    "data.problems": {
        "sv": "{n} problem på {rows} {rows:rad|rader}.",
        "en": "{n} {n:problem|problems} on {rows} {rows:row|rows}.",
    },
    "data.download_errors": {
        "sv": "Ladda ner felrapport (CSV)",
        "en": "Download error report (CSV)",
    },
    "data.download_rejected": {
        "sv": "Ladda ner avvisade rader (CSV)",
        "en": "Download rejected rows (CSV)",
    },
    "data.download_errors_xlsx": {
        "sv": "Ladda ner felrapport (Excel)",
        "en": "Download error report (Excel)",
    },
    "data.download_rejected_xlsx": {
        "sv": "Ladda ner avvisade rader (Excel)",
        "en": "Download rejected rows (Excel)",
    },
    # the name of the downloaded file (before '_<source>') and of its Excel sheet
    "data.errors_file": {"sv": "fel", "en": "errors"},
    "data.rejected_file": {"sv": "avvisade", "en": "rejected"},
    "data.fatal": {
        "sv": "Filen kan inte importeras som den är. Rätta felen ovan (eller kolumnvalen) "
        "och försök igen. Inget har sparats.",
        "en": "The file cannot be imported as it is. Fix the problems above (or the column "
        "choices) and try again. Nothing has been saved.",
    },
    "data.choice": {"sv": "Vad vill du göra?", "en": "What do you want to do?"},
    "data.choice.fix": {
        "sv": "Rätta filen (inget skrivs)",
        "en": "Fix the file (nothing is written)",
    },
    "data.choice.valid": {
        "sv": "Importera bara giltiga rader ({n} st)",
        "en": "Import only valid rows ({n})",
    },
    "data.fix_hint": {
        "sv": "Rätta raderna i felrapporten och ladda upp filen igen. Inget har sparats.",
        "en": "Fix the rows in the error report and upload the file again. Nothing has been saved.",
    },
    "data.import_button": {"sv": "Importera {n} {n:rad|rader}", "en": "Import {n} {n:row|rows}"},
    "data.progress": {"sv": "Importerar … {stage}", "en": "Importing … {stage}"},
    "data.import_failed": {
        "sv": "Importen avbröts, inget har sparats.",
        "en": "The import was stopped, nothing has been saved.",
    },
    "data.done": {
        "sv": "Importen är klar (källa {source}, batch {batch}).",
        "en": "The import is done (source {source}, batch {batch}).",
    },
    "data.read": {"sv": "Lästa rader", "en": "Rows read"},
    "data.imported": {"sv": "Importerade", "en": "Imported"},
    "data.duplicates": {"sv": "Dubbletter (hoppades över)", "en": "Duplicates (skipped)"},
    "data.rejected": {"sv": "Avvisade", "en": "Rejected"},
    "data.polisen_intro": {
        "sv": "Ett sparat svar från Polisens öppna API (polisen.se/api/events). Händelserna "
        "blir ett sammanhangslager på kommunnivå – aldrig punkter på kartan, eftersom "
        "deras position är kommunens mitt. Områdesnamn i texten kopplas till områdena.",
        "en": "A saved response from the police's open API (polisen.se/api/events). The "
        "events become a context layer at municipality level – never points on the map, "
        "because their position is the municipality's centre. Area names in the text are "
        "linked to the areas.",
    },
    "data.polisen_upload": {"sv": "JSON-fil från Polisen", "en": "JSON file from the police"},
    "data.polisen_import": {"sv": "Importera händelserna", "en": "Import the events"},
    "data.polisen_done": {
        "sv": "{read} {read:händelse|händelser} lästa, {imported} nya, {duplicates} fanns redan; "
        "{linked} kopplade till områden, {categorised} med EST-kategori.",
        "en": "{read} {read:event|events} read, {imported} new, {duplicates} already there; "
        "{linked} linked to areas, {categorised} with an EST category.",
    },
    "data.events_title": {
        "sv": "Senaste händelser från Polisen per område",
        "en": "Recent police events per area",
    },
    "data.events_days": {"sv": "Senaste antal dagar", "en": "Last number of days"},
    "data.events_none": {
        "sv": "Inga händelser från Polisen under perioden.",
        "en": "No police events in the period.",
    },
    "data.events_area": {"sv": "Område", "en": "Area"},
    "data.events_all": {"sv": "Alla områden", "en": "All areas"},
    "data.events_shown": {
        "sv": "{shown} av {total} {total:händelse|händelser} visas.",
        "en": "{shown} of {total} {total:event|events} shown.",
    },
    "data.col.area": {"sv": "Område", "en": "Area"},
    "data.col.areas": {"sv": "Områden", "en": "Areas"},
    "data.col.time": {"sv": "Tid", "en": "Time"},
    "data.col.type": {"sv": "Typ (Polisen)", "en": "Type (police)"},
    "data.col.title": {"sv": "Rubrik", "en": "Title"},
    "data.col.summary": {"sv": "Sammanfattning", "en": "Summary"},
    "data.export_intro": {
        "sv": "GeoPackage (SWEREF 99 TM, öppnas i QGIS), GeoJSON (WGS84), CSV eller Excel "
        "(tabell med x/y i SWEREF 99 TM och lat/lon). Filen skapas när du klickar.",
        "en": "GeoPackage (SWEREF 99 TM, opens in QGIS), GeoJSON (WGS84), CSV or Excel "
        "(table with x/y in SWEREF 99 TM and lat/lon). The file is made when you click.",
    },
    "data.export_what": {"sv": "Vad", "en": "What"},
    "data.export_format": {"sv": "Format", "en": "Format"},
    "data.what.incidents": {"sv": "Händelser", "en": "Incidents"},
    "data.what.areas": {"sv": "Områden", "en": "Areas"},
    "data.what.interventions": {"sv": "Åtgärder", "en": "Interventions"},
    "data.format.gpkg": {"sv": "GeoPackage", "en": "GeoPackage"},
    "data.format.geojson": {"sv": "GeoJSON", "en": "GeoJSON"},
    "data.format.csv": {"sv": "CSV", "en": "CSV"},
    "data.format.xlsx": {"sv": "Excel (XLSX)", "en": "Excel (XLSX)"},
    "data.export_filtered": {
        "sv": "{n} {n:händelse|händelser} enligt filtren i sidopanelen ({period}).",
        "en": "{n} {n:incident|incidents} matching the sidebar filters ({period}).",
    },
    "data.export_button": {"sv": "Ladda ner", "en": "Download"},
    # -- Rapportera page ---------------------------------------------------------------
    "rapportera.no_access": {
        "sv": "Din roll får inte rapportera händelser.",
        "en": "Your role may not report incidents.",
    },
    "rapportera.intro": {
        "sv": "Rapportera en händelse: klicka på platsen på kartan (eller skriv en "
        "koordinat), välj kategori, tid och aktör och skriv en kort intern beskrivning.",
        "en": "Report one incident: click the place on the map (or type a coordinate), "
        "choose category, time and actor and write a short internal description.",
    },
    "rapportera.map_help": {
        "sv": "Klicka på kartan där händelsen inträffade.",
        "en": "Click on the map where the incident happened.",
    },
    "rapportera.here": {"sv": "Rapporterad plats", "en": "Reported place"},
    "rapportera.coordinate": {"sv": "Koordinat", "en": "Coordinate"},
    "rapportera.coordinate_help": {
        "sv": "Fylls i när du klickar på kartan. Eller skriv lat, lon i WGS84 "
        "(58.5876, 16.1824) eller E, N i SWEREF 99 TM (568300, 6493100).",
        "en": "Filled in when you click the map. Or type lat, lon in WGS84 "
        "(58.5876, 16.1824) or E, N in SWEREF 99 TM (568300, 6493100).",
    },
    "rapportera.system": {"sv": "Koordinatsystem", "en": "Coordinate system"},
    "rapportera.system.auto": {"sv": "Automatiskt", "en": "Automatic"},
    "rapportera.system.wgs84": {"sv": "WGS84 (lat, lon)", "en": "WGS84 (lat, lon)"},
    "rapportera.system.sweref": {"sv": "SWEREF 99 TM (E, N)", "en": "SWEREF 99 TM (E, N)"},
    "rapportera.read_as": {
        "sv": "Tolkat som {system}: {lat}, {lon} · SWEREF 99 TM E {x}, N {y}",
        "en": "Read as {system}: {lat}, {lon} · SWEREF 99 TM E {x}, N {y}",
    },
    "rapportera.pick": {"sv": "Välj …", "en": "Choose …"},
    "rapportera.category_help": {
        "sv": "Huvudkategori › underkategori. Välj huvudkategorin om ingen underkategori passar.",
        "en": "Main category › sub-category. Choose the main category if no sub-category fits.",
    },
    "rapportera.actor": {"sv": "Aktör", "en": "Actor"},
    "rapportera.date": {"sv": "Datum", "en": "Date"},
    "rapportera.time_known": {"sv": "Klockslaget är känt", "en": "The time is known"},
    "rapportera.time": {"sv": "Klockslag", "en": "Time"},
    "rapportera.precision": {"sv": "Lägesnoggrannhet", "en": "Location precision"},
    "rapportera.precision.exact": {"sv": "Exakt plats", "en": "Exact place"},
    "rapportera.precision.address": {"sv": "Adress/byggnad", "en": "Address/building"},
    "rapportera.precision.street": {"sv": "Gatuavsnitt", "en": "Street segment"},
    "rapportera.precision.area": {"sv": "Bara området", "en": "Area only"},
    "rapportera.description": {"sv": "Kort intern beskrivning", "en": "Short internal description"},
    "rapportera.description_help": {
        "sv": "Syns bara internt. Skriv inga namn eller personnummer.",
        "en": "Internal only. Do not write names or personal identity numbers.",
    },
    "rapportera.save": {"sv": "Spara rapport", "en": "Save report"},
    "rapportera.invalid": {
        "sv": "Rapporten sparades inte ({n} problem):",
        "en": "The report was not saved ({n} {n:problem|problems}):",
    },
    "rapportera.saved": {"sv": "Rapporten är sparad:", "en": "The report is saved:"},
    "rapportera.already_saved": {
        "sv": "Rapporten var redan sparad (inget nytt skrevs):",
        "en": "The report was already saved (nothing new written):",
    },
    "rapportera.when": {"sv": "Tid", "en": "Time"},
    "rapportera.place": {"sv": "Plats", "en": "Place"},
    "rapportera.id": {"sv": "Källa / id", "en": "Source / id"},
    "data.polisen_location": {
        "sv": "Plats att hämta händelser för (tom: hela Sverige)",
        "en": "Location to fetch events for (empty: all of Sweden)",
    },
    "data.polisen_fetch": {
        "sv": "Hämta senaste händelserna från polisen.se",
        "en": "Fetch the latest events from polisen.se",
    },
    "data.polisen_working": {"sv": "Hämtar och importerar …", "en": "Fetching and importing …"},
    "data.polisen_fetch_off": {
        "sv": "Att hämta direkt från polisen.se är avstängt: ange inställningen "
        "EST_GEO_POLISEN_USER_AGENT (kommunens namn och en kontaktadress). Sparade "
        "JSON-svar kan alltid importeras ovan.",
        "en": "Fetching from polisen.se is off: set EST_GEO_POLISEN_USER_AGENT (the "
        "municipality's name and a contact address). Saved JSON responses can always be "
        "imported above.",
    },
    "crs.name.4326": {"sv": "WGS84 (lat/lon)", "en": "WGS84 (lat/lon)"},
    "crs.name.3006": {"sv": "SWEREF 99 TM", "en": "SWEREF 99 TM"},
    "crs.name.3021": {"sv": "RT 90 2,5 gon V", "en": "RT 90 2.5 gon V"},
    "crs.origin.user": {"sv": "angivet", "en": "given"},
    "crs.origin.file": {"sv": "från filen", "en": "from the file"},
    "crs.origin.values": {"sv": "gissat från värdena", "en": "guessed from the values"},
    "crs.share_fits": {
        "sv": "{share} av raderna passar",
        "en": "{share} of the rows fit",
    },
    "crs.swapped": {
        "sv": "KOLUMNERNA ÄR OMKASTADE (x/y eller lat/lon) och har bytts",
        "en": "THE COLUMNS ARE SWAPPED (x/y or lat/lon) and have been switched",
    },
}
