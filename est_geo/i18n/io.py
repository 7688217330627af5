"""Errors and validation problems of reading files (``est_geo.io``): readers, size limits,
column mappings, the incident import, typed coordinates, Polisen's events and exports.

Swedish is what the importer always said; English is for a colleague who reads the same
report. Field names and values (``fil``, ``rubrik``, the file's own columns) are data and
stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    # -- reading a file (est_geo.io.readers) -------------------------------------------
    "io.read.summary": {"sv": "Filen kan inte läsas", "en": "The file cannot be read"},
    "io.read.cannot_open": {
        "sv": "filen kan inte öppnas ({reason})",
        "en": "the file cannot be opened ({reason})",
    },
    "io.read.unknown_format": {
        "sv": "okänt filformat; använd CSV, XLSX, GeoJSON, GeoPackage eller zippad Shapefile",
        "en": "unknown file format; use CSV, XLSX, GeoJSON, GeoPackage or a zipped Shapefile",
    },
    "io.read.encoding": {
        "sv": "filen är ingen text i UTF-8 eller Windows-1252 (spara som CSV UTF-8 från Excel)",
        "en": "the file is not text in UTF-8 or Windows-1252 (save it as CSV UTF-8 from Excel)",
    },
    "io.read.empty": {"sv": "filen är tom", "en": "the file is empty"},
    "io.read.bad_line": {
        "sv": "raden kan inte tolkas ({reason})",
        "en": "the line cannot be parsed ({reason})",
    },
    "io.read.duplicate_columns": {
        "sv": "kolumnnamnen måste vara unika",
        "en": "the column names must be unique",
    },
    "io.read.excel": {
        "sv": "Excel-filen kan inte läsas ({reason})",
        "en": "the Excel file cannot be read ({reason})",
    },
    "io.read.empty_sheet": {"sv": "arbetsbladet är tomt", "en": "the worksheet is empty"},
    "io.read.shapefile_parts": {
        "sv": "en Shapefile består av flera filer; ladda upp dem zippade (.zip)",
        "en": "a Shapefile consists of several files; upload them zipped (.zip)",
    },
    "io.read.no_layers": {
        "sv": "filen innehåller inga lager",
        "en": "the file contains no layers",
    },
    "io.read.geodata": {
        "sv": "filen kan inte läsas som geodata ({reason})",
        "en": "the file cannot be read as geodata ({reason})",
    },
    "io.read.crs": {
        "sv": "filens koordinatsystem kan inte tolkas ({reason})",
        "en": "the file's coordinate system cannot be interpreted ({reason})",
    },
    "io.read.crs_unknown": {
        "sv": "filens koordinatsystem är okänt; spara filen i WGS84 (EPSG:4326) eller "
        "SWEREF 99 TM (EPSG:3006)",
        "en": "the file's coordinate system is unknown; save the file in WGS84 (EPSG:4326) "
        "or SWEREF 99 TM (EPSG:3006)",
    },
    "io.read.json": {"sv": "inte giltig JSON ({reason})", "en": "not valid JSON ({reason})"},
    "io.note.no_geometry": {
        "sv": "lagret {layer} har ingen geometri; koordinaterna läses ur kolumnerna",
        "en": "the layer {layer} has no geometry; the coordinates are read from the columns",
    },
    "io.note.not_points": {
        "sv": "{n} objekt är inte punkter",
        "en": "{n} {n:feature is not a point|features are not points}",
    },
    "io.note.swapped": {
        "sv": "Kolumnerna {x} och {y} verkar omkastade (lat/lon eller X/Y); de har bytts.",
        "en": "The columns {x} and {y} seem to be swapped (lat/lon or X/Y); they have been "
        "swapped back.",
    },
    # -- size limits (est_geo.io.limits, est_geo.io.upload) ----------------------------
    "io.limits.summary": {
        "sv": "Filen är för stor för att läsas",
        "en": "The file is too large to read",
    },
    "io.limits.rows": {
        "sv": "filen har {n:,} rader, högst {most:,} tillåts; dela upp filen",
        "en": "the file has {n:,} rows, at most {most:,} are allowed; split the file",
    },
    "io.limits.line": {
        "sv": "rad {line} är {n:,} byte lång, högst {most:,} tillåts "
        "(är filen en CSV-fil med radbrytningar?)",
        "en": "line {line} is {n:,} bytes long, at most {most:,} are allowed "
        "(is the file a CSV file with line breaks?)",
    },
    "io.limits.columns": {
        "sv": "filen har {n:,} kolumner, högst {most:,} tillåts",
        "en": "the file has {n:,} columns, at most {most:,} are allowed",
    },
    "io.limits.rows_at_least": {
        "sv": "filen har minst {n:,} rader, högst {most:,} tillåts; dela upp filen",
        "en": "the file has at least {n:,} rows, at most {most:,} are allowed; split the file",
    },
    "io.limits.unzipped": {
        "sv": "arkivet packas upp till {n:,} byte, högst {most:,} tillåts",
        "en": "the archive unpacks to {n:,} bytes, at most {most:,} are allowed",
    },
    "io.limits.sheet_rows": {
        "sv": "arbetsbladet har {n:,} rader, högst {most:,} tillåts; dela upp filen",
        "en": "the worksheet has {n:,} rows, at most {most:,} are allowed; split the file",
    },
    "io.limits.sheet_columns": {
        "sv": "arbetsbladet har {n:,} kolumner, högst {most:,} tillåts",
        "en": "the worksheet has {n:,} columns, at most {most:,} are allowed",
    },
    "io.upload.type": {
        "sv": "filtypen stöds inte; använd {types}",
        "en": "the file type is not supported; use {types}",
    },
    "io.upload.size": {
        "sv": "filen är {mb:.0f} MB, största tillåtna är {most} MB; dela upp filen eller "
        "importera den med kommandot est-geo import",
        "en": "the file is {mb:.0f} MB, the largest allowed is {most} MB; split the file or "
        "import it with the command est-geo import",
    },
    # -- coordinate systems (est_geo.io.crsdetect) -------------------------------------
    "io.crs.summary": {"sv": "Ogiltigt koordinatsystem", "en": "Invalid coordinate system"},
    "io.crs.unknown": {
        "sv": "okänt koordinatsystem; ange t.ex. EPSG:3006",
        "en": "unknown coordinate system; give e.g. EPSG:3006",
    },
    "io.crs.transform": {
        "sv": "kan inte räkna om ({reason})",
        "en": "cannot transform ({reason})",
    },
    # -- column mappings (est_geo.io.mapping, est_geo.io.labels) -----------------------
    "io.mapping.summary": {"sv": "Ogiltig mappning", "en": "Invalid mapping"},
    "io.mapping.file_summary": {"sv": "Ogiltig mappningsfil", "en": "Invalid mapping file"},
    "io.mapping.unknown_field": {"sv": "okänt fält", "en": "unknown field"},
    "io.mapping.also_column": {
        "sv": "fältet har också kolumnen '{column}'",
        "en": "the field also has the column '{column}'",
    },
    "io.mapping.not_text": {"sv": "måste vara text", "en": "must be text"},
    "io.mapping.unknown_setting": {"sv": "okänd inställning", "en": "unknown setting"},
    "io.mapping.also_unset": {
        "sv": "fältet står också under unset",
        "en": "the field is also listed under unset",
    },
    "io.mapping.cannot_read": {
        "sv": "filen kan inte läsas ({reason})",
        "en": "the file cannot be read ({reason})",
    },
    "io.mapping.toml": {"sv": "inte giltig TOML ({reason})", "en": "not valid TOML ({reason})"},
    "io.mapping.unknown_key": {"sv": "okänd nyckel", "en": "unknown key"},
    # -- the incident import (est_geo.io.incidents) ------------------------------------
    "io.incidents.summary": {
        "sv": "Filen kan inte importeras",
        "en": "The file cannot be imported",
    },
    "io.incidents.no_such_column": {
        "sv": "kolumnen finns inte i filen ({columns})",
        "en": "the column is not in the file ({columns})",
    },
    "io.incidents.no_x": {
        "sv": "ingen kolumn för x/longitud hittades",
        "en": "no column for x/longitude was found",
    },
    "io.incidents.no_y": {
        "sv": "ingen kolumn för y/latitud hittades",
        "en": "no column for y/latitude was found",
    },
    "io.incidents.no_datetime": {
        "sv": "ingen kolumn för datum hittades",
        "en": "no column for the date was found",
    },
    "io.incidents.no_category": {
        "sv": "ingen kolumn för kategori hittades",
        "en": "no column for the category was found",
    },
    "io.incidents.no_actor": {
        "sv": "ingen kolumn för aktör; ange kolumn eller default_actor",
        "en": "no column for the actor; give a column or default_actor",
    },
    "io.incidents.unknown_actor": {"sv": "okänd aktör", "en": "unknown actor"},
    "io.incidents.no_rows": {
        "sv": "filen innehåller inga rader",
        "en": "the file contains no rows",
    },
    "io.incidents.missing": {"sv": "värde saknas", "en": "value missing"},
    "io.incidents.not_a_number": {"sv": "inte ett tal", "en": "not a number"},
    "io.incidents.not_finite": {
        "sv": "inte ett ändligt tal (NaN/oändligt)",
        "en": "not a finite number (NaN/infinite)",
    },
    "io.incidents.huge": {"sv": "orimligt stort tal", "en": "implausibly large number"},
    "io.incidents.no_crs_fits": {
        "sv": "koordinaterna passar varken WGS84, SWEREF 99 TM eller RT 90; ange --crs",
        "en": "the coordinates fit neither WGS84, SWEREF 99 TM nor RT 90; give --crs",
    },
    "io.incidents.example": {"sv": "t.ex. {a}, {b}", "en": "e.g. {a}, {b}"},
    "io.incidents.outside_sweden": {
        "sv": "punkten ligger utanför Sverige",
        "en": "the point lies outside Sweden",
    },
    "io.incidents.outside_municipality": {
        "sv": "punkten ligger utanför kommunen",
        "en": "the point lies outside the municipality",
    },
    "io.incidents.no_date": {"sv": "datum saknas", "en": "date missing"},
    "io.incidents.bad_date": {
        "sv": "datumet kan inte tolkas (använd t.ex. 2025-06-07 21:30)",
        "en": "the date cannot be read (use e.g. 2025-06-07 21:30)",
    },
    "io.incidents.future": {
        "sv": "datumet ligger i framtiden",
        "en": "the date lies in the future",
    },
    "io.incidents.too_early": {"sv": "orimligt tidigt datum", "en": "implausibly early date"},
    "io.incidents.no_category_value": {"sv": "kategori saknas", "en": "category missing"},
    "io.incidents.unknown_category": {
        "sv": "okänd kategori (mappa den till en EST-kategori)",
        "en": "unknown category (map it to an EST category)",
    },
    "io.incidents.no_actor_value": {"sv": "aktör saknas", "en": "actor missing"},
    "io.incidents.unknown_precision": {"sv": "okänd noggrannhet", "en": "unknown precision"},
    "io.incidents.too_long": {
        "sv": "högst {most:,} tecken",
        "en": "at most {most:,} characters",
    },
    "io.incidents.duplicate_id": {
        "sv": "samma id förekommer tidigare i filen",
        "en": "the same id occurs earlier in the file",
    },
    "io.rejected.problem": {"sv": "problem", "en": "problem"},
    "io.incidents.crs_misfit": {
        "sv": "inga koordinater passar det angivna koordinatsystemet, men {share} passar "
        "{crs} (EPSG:{epsg}); ändra koordinatsystemet",
        "en": "no coordinates fit the given coordinate system, but {share} fit {crs} "
        "(EPSG:{epsg}); change the coordinate system",
    },
    # -- stages of an import, shown with its progress bar (est_geo.io.incidents) -------
    "io.stage.coordinates": {"sv": "koordinater", "en": "coordinates"},
    "io.stage.dates": {"sv": "datum", "en": "dates"},
    "io.stage.categories": {"sv": "kategorier", "en": "categories"},
    "io.stage.ids": {"sv": "id", "en": "ids"},
    "io.stage.ready": {"sv": "klart att skriva", "en": "ready to write"},
    "io.stage.reading": {"sv": "läser filen", "en": "reading the file"},
    "io.stage.writing": {"sv": "skriver", "en": "writing"},
    "io.stage.done": {"sv": "klart", "en": "done"},
    # -- a typed coordinate and a manual report (est_geo.io.manual) --------------------
    "io.manual.coordinate_summary": {"sv": "Ogiltig koordinat", "en": "Invalid coordinate"},
    "io.manual.example": {
        "sv": "skriv två tal, t.ex. 58.5876, 16.1824 (lat, lon) eller 6493100, 568300 (N, E)",
        "en": "type two numbers, e.g. 58.5876, 16.1824 (lat, lon) or 6493100, 568300 (N, E)",
    },
    "io.manual.no_coordinate": {
        "sv": "koordinat saknas; klicka på kartan eller skriv två tal, t.ex. 58.5876, "
        "16.1824 (lat, lon) eller 6493100, 568300 (N, E)",
        "en": "coordinate missing; click on the map or type two numbers, e.g. 58.5876, "
        "16.1824 (lat, lon) or 6493100, 568300 (N, E)",
    },
    "io.manual.not_finite": {"sv": "inte ändliga tal", "en": "not finite numbers"},
    "io.manual.no_system": {
        "sv": "passar varken WGS84 (lat, lon) eller SWEREF 99 TM (E, N) i Sverige",
        "en": "fits neither WGS84 (lat, lon) nor SWEREF 99 TM (E, N) in Sweden",
    },
    "io.manual.too_long": {
        "sv": "högst {most} tecken ({n} skrivna)",
        "en": "at most {most} characters ({n} written)",
    },
    "io.manual.summary": {"sv": "Rapporten kan inte sparas", "en": "The report cannot be saved"},
    # -- Polisen's events (est_geo.io.polisen) -----------------------------------------
    "io.polisen.not_a_list": {
        "sv": "väntade en lista med händelser",
        "en": "expected a list of events",
    },
    "io.polisen.not_an_object": {"sv": "inte ett objekt", "en": "not an object"},
    "io.polisen.no_id": {"sv": "id saknas", "en": "id missing"},
    "io.polisen.bad_time": {"sv": "ogiltig tidpunkt", "en": "invalid time"},
    "io.polisen.not_lat_lon": {"sv": 'inte "lat,lon"', "en": 'not "lat,lon"'},
    "io.polisen.summary": {
        "sv": "Ogiltiga händelser från Polisen",
        "en": "Invalid events from the Police",
    },
    "io.polisen.no_user_agent": {
        "sv": "Ange en User-Agent (t.ex. 'EST Geo Norrköping, kontakt@…').",
        "en": "Give a User-Agent (e.g. 'EST Geo Norrköping, contact@…').",
    },
    "io.polisen.no_answer": {
        "sv": "Polisens API svarar inte ({reason}).",
        "en": "The Police API does not answer ({reason}).",
    },
    # -- exports (est_geo.io.export) ---------------------------------------------------
    "io.export.unknown_what": {
        "sv": "Okänd export '{what}' (välj {known}).",
        "en": "Unknown export '{what}' (choose {known}).",
    },
    "io.export.unknown_format": {
        "sv": "Okänt format '{fmt}' (välj {known}).",
        "en": "Unknown format '{fmt}' (choose {known}).",
    },
    "io.export.xlsx_rows": {
        "sv": "{rows} {rows:rad|rader} ryms inte i ett Excel-blad (högst {most}); "
        "filtrera bort en del eller välj CSV.",
        "en": "{rows} {rows:row does|rows do} not fit in an Excel sheet (at most {most}); "
        "filter some out or choose CSV.",
    },
}
