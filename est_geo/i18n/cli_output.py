"""What the CLI's commands print: summary lines and notices, in the configured language.

Labels of aligned summaries (``est-geo info``) are keys of their own; the command pads
them to the longest label of the language, so both languages line up.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "cli.demo_ended": {
        "sv": "Obs: databasen var en demodatabas. Importen avslutade demoläget för gott: "
        "demokontona finns inte längre (logga in med egna konton, `est-geo user add`), "
        "men de fiktiva demohändelserna (källa ”demo”) ligger kvar – för riktigt bruk, "
        "börja hellre från en tom databas.",
        "en": "Note: the database was a demo database. The import ended demo mode for good: "
        "the demo accounts are gone (sign in with your own accounts, `est-geo user add`), "
        "but the fictitious demo incidents (source “demo”) remain – for real use, rather "
        "start from an empty database.",
    },
    # demo
    "cli.demo.created": {
        "sv": "Demodatabas skapad: {url} ({incidents} {incidents:händelse|händelser}, "
        "{areas} {areas:område|områden}) på {seconds} s",
        "en": "Demo database created: {url} ({incidents} {incidents:incident|incidents}, "
        "{areas} {areas:area|areas}) in {seconds} s",
    },
    "cli.demo.at_least_one": {"sv": "måste vara minst 1", "en": "must be at least 1"},
    # info
    "cli.info.database": {"sv": "Databas", "en": "Database"},
    "cli.info.schema": {"sv": "Schemaversion", "en": "Schema version"},
    "cli.info.crs": {"sv": "Koordinatsys.", "en": "CRS"},
    "cli.info.demo": {"sv": "Demodata", "en": "Demo data"},
    "cli.info.incidents": {"sv": "Händelser", "en": "Incidents"},
    "cli.info.demo.yes": {
        "sv": "ja – fiktiva händelser, demokonton aktiva",
        "en": "yes – fictitious incidents, demo accounts active",
    },
    "cli.info.demo.no": {"sv": "nej", "en": "no"},
    "cli.info.demo.ended": {
        "sv": "nej – demoläget avslutades {at} av {by} ({command}); demokontona finns inte "
        "längre, de fiktiva demohändelserna (källa ”demo”) ligger kvar",
        "en": "no – demo mode ended {at} by {by} ({command}); the demo accounts are gone, "
        "the fictitious demo incidents (source “demo”) remain",
    },
    # export
    "cli.export.written": {
        "sv": "Skrev {n} {n:rad|rader} ({what}, {format}) till {path}",
        "en": "Wrote {n} {n:row|rows} ({what}, {format}) to {path}",
    },
    # user
    "cli.user.no_store": {
        "sv": "Den här databastypen har ännu inga lokala konton.",
        "en": "This kind of database has no local accounts yet.",
    },
    "cli.user.no_terminal": {
        "sv": "Ingen terminal för lösenordsfrågan: använd --password-stdin.",
        "en": "No terminal to ask for the password: use --password-stdin.",
    },
    "cli.user.password.prompt": {"sv": "Lösenord: ", "en": "Password: "},
    "cli.user.password.again": {"sv": "Upprepa lösenordet: ", "en": "Repeat the password: "},
    "cli.user.password.differ": {
        "sv": "Lösenorden är inte lika.",
        "en": "The passwords do not match.",
    },
    "cli.user.created": {"sv": "Skapade {user} ({role}).", "en": "Created {user} ({role})."},
    "cli.user.none": {"sv": "Inga konton.", "en": "No accounts."},
    "cli.user.col.user": {"sv": "användare", "en": "user"},
    "cli.user.col.role": {"sv": "roll", "en": "role"},
    "cli.user.col.status": {"sv": "status", "en": "status"},
    "cli.user.col.password": {"sv": "lösenord", "en": "password"},
    "cli.user.col.last_login": {"sv": "senaste inloggning", "en": "last login"},
    "cli.user.disabled": {"sv": "avstängd", "en": "disabled"},
    "cli.user.active": {"sv": "aktiv", "en": "active"},
    "cli.user.has_password": {"sv": "ja", "en": "yes"},
    "cli.user.idp_only": {"sv": "nej (IdP)", "en": "no (IdP)"},
    "cli.user.role_set": {
        "sv": "{user} har nu rollen {role}.",
        "en": "{user} now has the role {role}.",
    },
    "cli.user.password_set": {
        "sv": "Nytt lösenord satt för {user}.",
        "en": "New password set for {user}.",
    },
    "cli.user.state": {"sv": "{user} är {state}.", "en": "{user} is {state}."},
    # import (labels of the summary; the command lines them up)
    "cli.import.source": {"sv": "Källa", "en": "Source"},
    "cli.import.crs": {"sv": "Koordinatsystem", "en": "Coordinate system"},
    "cli.import.warning": {"sv": "Varning", "en": "Warning"},
    "cli.import.rows_read": {"sv": "Lästa rader", "en": "Rows read"},
    "cli.import.imported": {"sv": "Importerade", "en": "Imported"},
    "cli.import.duplicates": {"sv": "Dubbletter (hoppade)", "en": "Duplicates (skipped)"},
    "cli.import.rejected": {"sv": "Avvisade", "en": "Rejected"},
    "cli.import.unknown_categories": {"sv": "Okända kategorier", "en": "Unknown categories"},
    "cli.import.events_read": {"sv": "Lästa händelser", "en": "Events read"},
    "cli.import.categorised": {"sv": "Med EST-kategori", "en": "With an EST category"},
    "cli.import.linked": {"sv": "Kopplade till område", "en": "Linked to an area"},
    "cli.import.nothing_written": {
        "sv": "est-geo: {message} – inget har skrivits.",
        "en": "est-geo: {message} – nothing was written.",
    },
    # evaluate-counts (labels are padded by the command: 22 and 18 wide)
    "cli.eval.title": {
        "sv": "Utvärdering av insats (antal brott före → efter)",
        "en": "Evaluation of the intervention (number of crimes before → after)",
    },
    "cli.eval.target": {"sv": "Målområde:", "en": "Target area:"},
    "cli.eval.buffer": {"sv": "Buffertområde:", "en": "Buffer area:"},
    "cli.eval.control": {"sv": "Kontrollområde:", "en": "Control area:"},
    "cli.eval.buffer_control": {"sv": "Buffertens kontroll:", "en": "Buffer's control:"},
    "cli.eval.from_control": {"sv": " (kontrollområdet)", "en": " (the control area)"},
    "cli.eval.wdd_total": {"sv": "WDD totalt:", "en": "WDD total:"},
    "cli.eval.wdd_local": {"sv": "WDD lokalt:", "en": "WDD local:"},
    "cli.eval.wdd_displacement": {"sv": "WDD förflyttning:", "en": "WDD displacement:"},
    "cli.eval.wdd_ci": {
        "sv": "{wdd} (SE {se}, 95 %-KI {low} till {high}, z {z}, p {p})",
        "en": "{wdd} (SE {se}, 95% CI {low} to {high}, z {z}, p {p})",
    },
    "cli.eval.res_ci": {
        "sv": "{res} (95 %-KI {low} till {high})",
        "en": "{res} (95% CI {low} to {high})",
    },
    "cli.eval.effects": {
        "sv": "Bruttoeffekt:     {gross} %   Nettoeffekt: {net} %   Total nettoeffekt: {total} %",
        "en": "Gross effect:     {gross}%   Net effect: {net}%   Total net effect: {total}%",
    },
    "cli.eval.not_comparable": {
        "sv": " – inget resultat: kontrollen är inte jämförbar i antal",
        "en": " – no result: the control is not comparable in size",
    },
    "cli.eval.warnings": {"sv": "Varningar:", "en": "Warnings:"},
    # lagesbild
    "cli.lagesbild.not_pdf": {
        "sv": "Utfilen {path} ska sluta på .pdf.",
        "en": "The output file {path} must end in .pdf.",
    },
    "cli.lagesbild.no_folder": {
        "sv": "Mappen {path} finns inte.",
        "en": "The folder {path} does not exist.",
    },
    "cli.lagesbild.written": {
        "sv": "Skrev {path} ({kb} kB): {area}, {period}, {n} {n:rapport|rapporter} "
        "(föregående period {previous}, förra året {last_year})",
        "en": "Wrote {path} ({kb} kB): {area}, {period}, {n} {n:report|reports} "
        "(previous period {previous}, last year {last_year})",
    },
    # basemap (labels padded by the command to one column)
    "cli.basemap.file": {"sv": "Fil", "en": "File"},
    "cli.basemap.type": {"sv": "Typ", "en": "Type"},
    "cli.basemap.bounds": {"sv": "Utbredning", "en": "Extent"},
    "cli.basemap.zooms": {"sv": "Zoomnivåer", "en": "Zoom levels"},
    "cli.basemap.tiles": {"sv": "Kartplattor", "en": "Tiles"},
    "cli.basemap.size": {"sv": "Storlek", "en": "Size"},
    "cli.basemap.attribution": {"sv": "Upphov", "en": "Attribution"},
    "cli.basemap.areas": {"sv": "Områden", "en": "Areas"},
    "cli.basemap.vector": {"sv": "vektor (MVT)", "en": "vector (MVT)"},
    "cli.basemap.schema": {"sv": "Schema", "en": "Schema"},
    "cli.basemap.schema.protomaps": {
        "sv": "Protomaps basemap {version}– gator, vatten, byggnader och namn ritas",
        "en": "Protomaps basemap {version}– streets, water, buildings and names are drawn",
    },
    "cli.basemap.schema.protomaps-old": {
        "sv": "Protomaps basemap före v4 (med lagren {layers}) – kartans stil "
        "(protomaps-leaflet 5) ritar bara land, vatten och byggnader, inga gator och inga "
        "namn. Hämta en aktuell build (docs/deployment.md).",
        "en": "Protomaps basemap before v4 (with the layers {layers}) – the map style "
        "(protomaps-leaflet 5) draws only land, water and buildings, no streets and no "
        "names. Get a current build (docs/deployment.md).",
    },
    "cli.basemap.schema.other": {
        "sv": "inte Protomaps basemap-schemat (lager {layers}) – kartans stil känner bara "
        "Protomaps lager och ritar inget av detta. Använd en Protomaps-build "
        "(docs/deployment.md).",
        "en": "not the Protomaps basemap schema (layers {layers}) – the map style knows only "
        "Protomaps layers and draws none of this. Use a Protomaps build (docs/deployment.md).",
    },
    "cli.basemap.schema.unknown": {
        "sv": "okänt – metadata listar inga lager (vector_layers); se efter i kartan att gator "
        "och namn ritas",
        "en": "unknown – the metadata lists no layers (vector_layers); check on the map that "
        "streets and names are drawn",
    },
    "cli.basemap.raster": {"sv": "raster ({kind})", "en": "raster ({kind})"},
    "cli.basemap.bounds.value": {
        "sv": "{box} (väster, söder, öster, norr)",
        "en": "{box} (west, south, east, north)",
    },
    "cli.basemap.no_attribution": {"sv": "(saknas i metadata)", "en": "(missing in the metadata)"},
    "cli.basemap.too_big": {
        "sv": "Obs: större än 200 MB – appen kan inte servera filen; skär ut kommunen först.",
        "en": "Note: larger than 200 MB – the app cannot serve the file; cut out the "
        "municipality first.",
    },
    "cli.basemap.areas.unreadable": {
        "sv": "kan inte läsas ({reason})",
        "en": "cannot be read ({reason})",
    },
    "cli.basemap.areas.none": {
        "sv": "databasen har inga områden",
        "en": "the database has no areas",
    },
    "cli.basemap.areas.covered": {"sv": "täcks ({box})", "en": "covered ({box})"},
    "cli.basemap.areas.not_covered": {"sv": "TÄCKS INTE ({box})", "en": "NOT COVERED ({box})"},
    "cli.basemap.bad_bbox": {
        "sv": "--bbox {text}: ange fyra tal väster,söder,öster,norr (t.ex. 15.9,58.5,16.4,58.7)",
        "en": "--bbox {text}: give four numbers west,south,east,north (e.g. 15.9,58.5,16.4,58.7)",
    },
    "cli.basemap.no_areas": {
        "sv": "{db}: databasen har inga områden; ange --bbox",
        "en": "{db}: the database has no areas; give --bbox",
    },
    "cli.basemap.bad_zoom": {
        "sv": "--minzoom och --maxzoom: 0 ≤ minzoom ≤ maxzoom ≤ 24",
        "en": "--minzoom and --maxzoom: 0 ≤ minzoom ≤ maxzoom ≤ 24",
    },
    "cli.basemap.written": {
        "sv": "Skrev {path}: {tiles} tiles, zoom {zooms}, {mb} MB, utbredning {box}",
        "en": "Wrote {path}: {tiles} {tiles:tile|tiles}, zoom {zooms}, {mb} MB, extent {box}",
    },
    # hotspots
    "cli.hotspots.flat": {
        "sv": "Gi* kan inte beräknas: {n} {n:händelse|händelser} i analysområdet och alla "
        "rutor har samma antal. Välj en längre period, fler kategorier eller ett annat område.",
        "en": "Gi* cannot be computed: {n} {n:incident|incidents} in the analysis area and "
        "every cell has the same count. Choose a longer period, more categories or another area.",
    },
    "cli.hotspots.write_failed": {
        "sv": "Kunde inte skriva {path}: {reason}",
        "en": "Could not write {path}: {reason}",
    },
    "cli.hotspots.written": {
        "sv": "Skrev {n} {n:ruta|rutor} om {size} m ({incidents} {incidents:händelse|händelser}, "
        "{hot} hot spots) till {path}",
        "en": "Wrote {n} {n:cell|cells} of {size} m ({incidents} {incidents:incident|incidents}, "
        "{hot} hot spots) to {path}",
    },
    "cli.hotspots.coarsened": {
        "sv": "Obs: rutnätet blev för stort; rutstorleken höjdes från {old} m till {new} m.",
        "en": "Note: the grid became too large; the cell size was raised from {old} m to {new} m.",
    },
    "cli.note": {"sv": "Obs: {text}", "en": "Note: {text}"},
    # evaluate
    "cli.evaluate.head": {"sv": "Åtgärd {id}: {name}", "en": "Intervention {id}: {name}"},
    "cli.evaluate.before": {
        "sv": "  Före:  {period} ({days} {days:dag|dagar})",
        "en": "  Before: {period} ({days} {days:day|days})",
    },
    "cli.evaluate.after": {
        "sv": "  Efter: {period} ({days} {days:dag|dagar})",
        "en": "  After:  {period} ({days} {days:day|days})",
    },
    "cli.evaluate.zones": {
        "sv": "  Buffert: {metres} m; kontroll: {control}",
        "en": "  Buffer: {metres} m; control: {control}",
    },
    "cli.evaluate.warning": {"sv": "Varning: {text}", "en": "Warning: {text}"},
    "cli.evaluate.not_a_date": {
        "sv": "{text} är inget datum (ÅÅÅÅ-MM-DD)",
        "en": "{text} is not a date (YYYY-MM-DD)",
    },
    "cli.evaluate.not_a_number": {
        "sv": "{text} är inget tal (meter)",
        "en": "{text} is not a number (metres)",
    },
    "cli.evaluate.buffer_range": {
        "sv": "{value} m: bufferten måste vara 0–10 000 m",
        "en": "{value} m: the buffer must be 0–10,000 m",
    },
    "cli.eval.not_an_integer": {
        "sv": "{text} är inget heltal; ange antal brott som ett heltal ≥ 0",
        "en": "{text} is not a whole number; give the number of crimes as a whole number ≥ 0",
    },
    "cli.eval.negative": {
        "sv": "{value} är negativt; antal brott måste vara ≥ 0",
        "en": "{value} is negative; the number of crimes must be ≥ 0",
    },
    # import --kind areas|indicators|regso-key
    "cli.ind.matched": {
        "sv": "  {n} {n:område|områden} fick värden",
        "en": "  {n} {n:area|areas} got values",
    },
    "cli.ind.codes_without_area": {
        "sv": "  {n} {n:kod|koder} i filen saknar område: {shown}",
        "en": "  {n} {n:code|codes} in the file {n:has|have} no area: {shown}",
    },
    "cli.ind.more": {"sv": " … och {n} till", "en": " … and {n} more"},
    "cli.ind.areas_without_value": {
        "sv": "  {n} {n:område|områden} saknar värde: {shown}",
        "en": "  {n} {n:area has|areas have} no value: {shown}",
    },
    "cli.ind.code_column_required": {
        "sv": "krävs för --kind areas",
        "en": "required for --kind areas",
    },
    "cli.ind.missing_options": {"sv": "Saknade flaggor", "en": "Missing options"},
    "cli.ind.areas_imported": {
        "sv": "Importerade {n} {n:område|områden} (nivå {level}) från {path}; koordinatsystem "
        "i filen: {crs}, lagrat i SWEREF 99 TM.",
        "en": "Imported {n} {n:area|areas} (level {level}) from {path}; coordinate system in "
        "the file: {crs}, stored in SWEREF 99 TM.",
    },
    "cli.ind.values_imported": {
        "sv": "Importerade {n} {n:värde|värden} ({indicators}; perioder {periods}) från {path}.",
        "en": "Imported {n} {n:value|values} ({indicators}; periods {periods}) from {path}.",
    },
    "cli.ind.how.sum": {"sv": "summa", "en": "sum"},
    "cli.ind.how.weighted": {"sv": "medelvärde vägt med n", "en": "mean weighted by n"},
    "cli.ind.aggregated": {
        "sv": "Aggregerade {indicator} till {n} RegSO-värden ({how}; perioder {periods}) med "
        "{rows} DeSO i {path}.",
        "en": "Aggregated {indicator} to {n} RegSO values ({how}; periods {periods}) with "
        "{rows} DeSO in {path}.",
    },
    "cli.ind.unsaved": {
        "sv": "  (värden för RegSO-koder utan område har inte sparats)",
        "en": "  (values for RegSO codes without an area were not saved)",
    },
    "cli.ind.key_saved": {
        "sv": "Sparade kodnyckeln: {rows} DeSO i {parents} RegSO ({named} med namn); "
        "Indikatorer-sidan visar RegSO summerat från DeSO.",
        "en": "Saved the code key: {rows} DeSO in {parents} RegSO ({named} with names); the "
        "Indicators page shows RegSO summed from DeSO.",
    },
    # fetch (labels padded by the command to one column)
    "cli.fetch.areas_fetched": {
        "sv": "Hämtade {n} {level}-{n:område|områden} ({year}) för {kommun}",
        "en": "Fetched {n} {level} {n:area|areas} ({year}) for {kommun}",
    },
    "cli.fetch.new": {"sv": "Nya", "en": "New"},
    "cli.fetch.replaced": {"sv": "Ersatta", "en": "Replaced"},
    "cli.fetch.removed": {"sv": "Borttagna (ej längre hos SCB)", "en": "Removed (gone at SCB)"},
    "cli.fetch.key": {"sv": "Kodnyckel DeSO→RegSO", "en": "Code key DeSO→RegSO"},
    "cli.fetch.key.value": {
        "sv": "{rows} {n:rad|rader}, {parents} RegSO",
        "en": "{rows} {n:row|rows}, {parents} RegSO",
    },
    "cli.fetch.source": {"sv": "Källa", "en": "Source"},
    "cli.fetch.source.value": {"sv": "{url} (hämtad {at})", "en": "{url} (fetched {at})"},
    "cli.fetch.indicator": {"sv": "Indikator", "en": "Indicator"},
    "cli.fetch.version": {"sv": "Områdesversion", "en": "Area version"},
    "cli.fetch.written": {"sv": "Skrivna värden", "en": "Values written"},
    "cli.fetch.written.value": {
        "sv": "{n} ({queries} {queries:fråga|frågor} till SCB)",
        "en": "{n} ({queries} {queries:query|queries} to SCB)",
    },
    "cli.fetch.matched": {"sv": "Områden med värde", "en": "Areas with a value"},
    "cli.fetch.missing": {"sv": "Utan siffra hos SCB", "en": "No figure at SCB"},
    "cli.fetch.without_value": {"sv": "Områden utan värde", "en": "Areas without a value"},
    "cli.fetch.codes_without_area": {"sv": "Koder utan område", "en": "Codes without an area"},
    "cli.fetch.table": {"sv": "Tabell {table}", "en": "Table {table}"},
    "cli.fetch.more_codes": {"sv": " … ({n} koder)", "en": " … ({n} codes)"},
    "cli.fetch.periods": {"sv": "Perioder ({var}): {periods}", "en": "Periods ({var}): {periods}"},
    "cli.fetch.unknown_indicator": {
        "sv": "Okänd indikator {name}; katalogen har {known} (eller ange --recipe).",
        "en": "Unknown indicator {name}; the catalogue has {known} (or give --recipe).",
    },
    # polisen
    "cli.polisen.no_user_agent": {
        "sv": "Ange --user-agent eller inställningen EST_GEO_POLISEN_USER_AGENT (kommunens "
        "namn och en kontaktadress, som Polisen ber om).",
        "en": "Give --user-agent or the setting EST_GEO_POLISEN_USER_AGENT (the "
        "municipality's name and a contact address, as the Police ask).",
    },
    # argument problems of hotspots and evaluate (shown in ValidationError's frame)
    "cli.arg.date_format": {
        "sv": "datum ska skrivas ÅÅÅÅ-MM-DD",
        "en": "dates are written YYYY-MM-DD",
    },
    "cli.arg.ends_before_from": {"sv": "slutar före --from", "en": "ends before --from"},
    "cli.arg.invalid": {"sv": "Ogiltiga argument", "en": "Invalid arguments"},
    "cli.arg.unknown_category": {"sv": "okänd kategori", "en": "unknown category"},
    "cli.arg.unknown_category.summary": {
        "sv": "Okänd kategori. Giltiga kategorier: {valid}",
        "en": "Unknown category. Valid categories: {valid}",
    },
    "cli.arg.unknown_actor": {"sv": "okänd aktör", "en": "unknown actor"},
    "cli.arg.unknown_actor.summary": {
        "sv": "Okänd aktör. Giltiga aktörer: {valid}",
        "en": "Unknown actor. Valid actors: {valid}",
    },
    "cli.arg.missing": {"sv": "saknas", "en": "missing"},
    "cli.arg.all_four_dates": {"sv": "ange alla fyra datum", "en": "give all four dates"},
    "cli.arg.incomplete_periods": {"sv": "Ofullständiga perioder", "en": "Incomplete periods"},
    "cli.arg.ends_before_start": {"sv": "slutar före sin början", "en": "ends before it begins"},
    "cli.arg.invalid_periods": {"sv": "Ogiltiga perioder", "en": "Invalid periods"},
}
