"""Strings of the Indikatorer page (indicator layers), Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "page.indikatorer": {"sv": "Indikatorer", "en": "Indicators"},
    "indikatorer.intro": {
        "sv": "Indikatorer per område och period: trygghet, kundnöjdhet, föreningsliv, "
        "rapporter per 1 000 invånare. Mörkare färg betyder alltid sämre.",
        "en": "Indicators per area and period: safety, satisfaction, associations, reports "
        "per 1,000 inhabitants. A darker colour always means worse.",
    },
    "indikatorer.none": {
        "sv": "Det finns inga indikatorvärden eller områden ännu. Importera med "
        "`est-geo import FIL --kind indicators`.",
        "en": "There are no indicator values or areas yet. Import with "
        "`est-geo import FILE --kind indicators`.",
    },
    "indikatorer.mode": {"sv": "Visa", "en": "Show"},
    "indikatorer.area_version": {"sv": "DeSO-/RegSO-version", "en": "DeSO/RegSO version"},
    "indikatorer.area_version.none": {"sv": "utan version", "en": "without a version"},
    "indikatorer.area_version.help": {
        "sv": "SCB reviderar DeSO och RegSO (t.ex. 2018 → 2025). Kartan, värdena och "
        "summeringen till RegSO visar en version i taget; senaste är förvald.",
        "en": "SCB revises DeSO and RegSO (e.g. 2018 → 2025). The map, the values and the "
        "roll-up to RegSO show one version at a time; the newest is preselected.",
    },
    "indikatorer.mode.one": {"sv": "Ett lager", "en": "One layer"},
    "indikatorer.mode.side": {"sv": "Två lager sida vid sida", "en": "Two layers side by side"},
    "indikatorer.mode.bivariate": {
        "sv": "Två lager i en karta (3 × 3)",
        "en": "Two layers in one map (3 × 3)",
    },
    "indikatorer.layer_a": {"sv": "Lager A", "en": "Layer A"},
    "indikatorer.layer_b": {"sv": "Lager B", "en": "Layer B"},
    "indikatorer.period": {"sv": "Period", "en": "Period"},
    "indikatorer.levels": {"sv": "Områdesnivåer", "en": "Area levels"},
    "indikatorer.pick_level": {
        "sv": "Välj minst en områdesnivå.",
        "en": "Choose at least one area level.",
    },
    "indikatorer.level.kommun": {"sv": "Kommun", "en": "Municipality"},
    "indikatorer.level.omrade": {"sv": "Område", "en": "Area"},
    "indikatorer.level.delomrade": {"sv": "Delområde", "en": "Sub-area"},
    "indikatorer.level.deso": {"sv": "DeSO", "en": "DeSO"},
    "indikatorer.level.regso": {"sv": "RegSO", "en": "RegSO"},
    "indikatorer.level.district": {"sv": "Stadsdel", "en": "District"},
    "indikatorer.level.custom": {"sv": "Eget område", "en": "Custom area"},
    "indikatorer.settings": {"sv": "Klassning och färger", "en": "Classes and colours"},
    "indikatorer.method": {"sv": "Klassindelning", "en": "Classification"},
    "indikatorer.method.quantiles": {"sv": "Kvantiler", "en": "Quantiles"},
    "indikatorer.method.natural_breaks": {
        "sv": "Naturliga brytpunkter (Fisher–Jenks)",
        "en": "Natural breaks (Fisher–Jenks)",
    },
    "indikatorer.method.equal_interval": {"sv": "Lika intervall", "en": "Equal intervals"},
    "indikatorer.classes": {"sv": "Antal klasser", "en": "Number of classes"},
    "indikatorer.palette": {"sv": "Färgskala", "en": "Colour scale"},
    "indikatorer.palette.sekventiell": {"sv": "Gul–röd", "en": "Yellow–red"},
    "indikatorer.palette.divergerande": {"sv": "Orange–lila", "en": "Orange–purple"},
    "indikatorer.palette.viridis": {"sv": "Viridis", "en": "Viridis"},
    "indikatorer.min_n": {"sv": "Minsta underlag (n)", "en": "Minimum base (n)"},
    "indikatorer.min_n.help": {
        "sv": "Värden som bygger på färre svarande, barn eller händelser visas randiga "
        "som ”för få underlag” i stället för med en färg.",
        "en": "Values based on fewer respondents, children or events are hatched as "
        "'too small a base' instead of coloured.",
    },
    "indikatorer.darker_worse": {"sv": "mörkare = sämre", "en": "darker = worse"},
    "indikatorer.small_n": {"sv": "för få underlag", "en": "too small a base"},
    "indikatorer.missing": {"sv": "saknar värde", "en": "no value"},
    "indikatorer.side.caption": {
        "sv": "Vänster: {a}. Höger: {b}. Kartorna följer varandra när du panorerar och zoomar.",
        "en": "Left: {a}. Right: {b}. The maps follow each other when you pan and zoom.",
    },
    "indikatorer.bivariate.too_few": {
        "sv": "För få områden har tillförlitliga värden i båda lagren för en 3 × 3-karta.",
        "en": "Too few areas have reliable values of both layers for a 3 × 3 map.",
    },
    "indikatorer.report.codes_without_area": {
        "sv": "{name}: {n} {n:kod|koder} i tabellen saknar område: {codes}",
        "en": "{name}: {n} {n:code|codes} in the table {n:has|have} no area: {codes}",
    },
    "indikatorer.report.areas_without_value": {
        "sv": "{name}: {n} {n:område|områden} saknar värde: {areas}",
        "en": "{name}: {n} {n:area has|areas have} no value: {areas}",
    },
    "indikatorer.small_n.note": {
        "sv": "{name}: {n} {n:område|områden} bygger på färre än {min_n} och visas som ”för få "
        "underlag”.",
        "en": "{name}: {n} {n:area rests|areas rest} on fewer than {min_n} and {n:is|are} shown "
        "as 'too small a base'.",
    },
    "indikatorer.derived.note": {
        "sv": "Rapporter per 1 000 invånare beräknas ur EST-rapporterna och befolkningen, "
        "bara för hela perioder med data ({periods}).",
        "en": "Reports per 1,000 inhabitants are computed from EST reports and population, "
        "only for complete periods of data ({periods}).",
    },
    "indikatorer.public.suppressed": {
        "sv": "Områden med färre än {k} {k:rapport|rapporter} visas inte med värde; "
        "övriga värden räknas från antal avrundade till närmaste multipel av {k}, och en "
        "andel visas bara när den egna kategorin har minst {k}.",
        "en": "Areas with fewer than {k} {k:report|reports} are not shown with a value; "
        "other values are computed from counts rounded to the nearest multiple of {k}, "
        "and a share is shown only when its own category has at least {k}.",
    },
    "indikatorer.tab.table": {"sv": "Tabell", "en": "Table"},
    "indikatorer.tab.scatter": {"sv": "Samband A och B", "en": "A versus B"},
    "indikatorer.tab.trend": {"sv": "Utveckling", "en": "Trend"},
    "indikatorer.tab.download": {"sv": "Ladda ner", "en": "Download"},
    "indikatorer.col.area": {"sv": "Område", "en": "Area"},
    "indikatorer.col.code": {"sv": "Kod", "en": "Code"},
    "indikatorer.col.rank": {"sv": "Rang", "en": "Rank"},
    "indikatorer.col.small_n": {"sv": "För få underlag", "en": "Too small a base"},
    "indikatorer.table.help": {
        "sv": "Rang 1 = bäst. Klicka på en kolumnrubrik för att sortera.",
        "en": "Rank 1 = best. Click a column header to sort.",
    },
    "indikatorer.corr": {
        "sv": "Pearson r = {r} (p = {rp}), Spearman ρ = {rho} (p = {sp}), {n} {n:område|områden}, "
        "tvåsidigt test. Ett samband är inget orsakssamband.",
        "en": "Pearson r = {r} (p = {rp}), Spearman ρ = {rho} (p = {sp}), {n} {n:area|areas}, "
        "two-sided test. Correlation is not causation.",
    },
    "indikatorer.scatter.excluded": {
        "sv": "{n} {n:område|områden} saknar värde eller har för få underlag och är inte med.",
        "en": "{n} {n:area lacks|areas lack} a value or {n:has|have} too small a base and "
        "{n:is|are} left out.",
    },
    "indikatorer.trend.highlight": {"sv": "Markera områden", "en": "Highlight areas"},
    "indikatorer.trend.help": {
        "sv": "Grå linjer: övriga områden på valda nivåer.",
        "en": "Grey lines: the other areas of the chosen levels.",
    },
    "indikatorer.download.help": {
        "sv": "Tabellen (CSV/XLSX) och lagret (GeoPackage i SWEREF 99 TM, GeoJSON i WGS 84), "
        "med flagga för för få underlag.",
        "en": "The table (CSV/XLSX) and the layer (GeoPackage in SWEREF 99 TM, GeoJSON in "
        "WGS 84), with the small-base flag.",
    },
    "indikatorer.catalogue": {
        "sv": "Indikatorkatalog (administratör)",
        "en": "Indicator catalogue (administrator)",
    },
    "indikatorer.catalogue.pick": {"sv": "Redigera", "en": "Edit"},
    "indikatorer.catalogue.new": {"sv": "Ny indikator …", "en": "New indicator …"},
    "indikatorer.catalogue.key": {"sv": "Nyckel (a–z, 0–9, _)", "en": "Key (a–z, 0–9, _)"},
    "indikatorer.catalogue.name_sv": {"sv": "Namn (svenska)", "en": "Name (Swedish)"},
    "indikatorer.catalogue.name_en": {"sv": "Namn (engelska)", "en": "Name (English)"},
    "indikatorer.catalogue.unit": {"sv": "Enhet", "en": "Unit"},
    "indikatorer.catalogue.hib": {"sv": "Högre värde är bättre", "en": "Higher is better"},
    "indikatorer.catalogue.hib.True": {"sv": "ja", "en": "yes"},
    "indikatorer.catalogue.hib.False": {"sv": "nej", "en": "no"},
    "indikatorer.catalogue.source": {"sv": "Källa", "en": "Source"},
    "indikatorer.source.note": {
        "sv": "{name} – källa: {source}",
        "en": "{name} – source: {source}",
    },
    "indikatorer.catalogue.level": {"sv": "Områdesnivå", "en": "Area level"},
    "indikatorer.catalogue.notes": {"sv": "Licens och anteckningar", "en": "Licence and notes"},
    "indikatorer.catalogue.save": {"sv": "Spara", "en": "Save"},
    "indikatorer.catalogue.saved": {"sv": "Sparade {name}.", "en": "Saved {name}."},
    "indikatorer.derived.share": {"sv": "Andel {category}", "en": "Share {category}"},
    "indikatorer.derived.change": {
        "sv": "Förändring {name} mot föregående period",
        "en": "Change {name} vs previous period",
    },
    "indikatorer.derived.change_pct": {
        "sv": "Förändring i procent {name} mot föregående period",
        "en": "Change in percent {name} vs previous period",
    },
    "indikatorer.rollup.note": {
        "sv": "{name}: {n} RegSO-värden är beräknade från DeSO med den sparade kodnyckeln ({how}).",
        "en": "{name}: {n} RegSO values are computed from DeSO with the stored key ({how}).",
    },
    "indikatorer.rollup.sum": {"sv": "summa", "en": "sum"},
    "indikatorer.rollup.weighted_mean": {
        "sv": "medelvärde vägt med n, annars med befolkning",
        "en": "mean weighted by n, otherwise by population",
    },
    "indikatorer.rollup.skipped": {
        "sv": "{name}: inget RegSO-värde för {codes} — {reason}.",
        "en": "{name}: no RegSO value for {codes} — {reason}.",
    },
    "indikatorer.rollup.reason.incomplete": {
        "sv": "värde saknas för någon DeSO i området",
        "en": "a DeSO in the area has no value",
    },
    "indikatorer.rollup.reason.no_weight": {
        "sv": "någon DeSO saknar både n och befolkning att väga med",
        "en": "a DeSO has neither n nor a population to weigh by",
    },
    # -- errors of the indicator readers, codes and catalogue (est_geo.indicators) ------
    "indicators.error.cannot_read": {"sv": "Kan inte läsa", "en": "Cannot read"},
    "indicators.error.cannot_read_areas": {
        "sv": "Kan inte läsa områden",
        "en": "Cannot read the areas",
    },
    "indicators.error.cannot_read_table": {
        "sv": "Kan inte läsa tabell",
        "en": "Cannot read the table",
    },
    "indicators.error.table_unusable": {
        "sv": "Tabellen kan inte användas",
        "en": "The table cannot be used",
    },
    "indicators.error.invalid_values": {
        "sv": "Ogiltiga indikatorvärden i {file}",
        "en": "Invalid indicator values in {file}",
    },
    "indicators.error.invalid_areas": {
        "sv": "Ogiltiga områden i {file}",
        "en": "Invalid areas in {file}",
    },
    "indicators.error.implausible": {
        "sv": "Orimliga koordinater i {file}",
        "en": "Implausible coordinates in {file}",
    },
    "indicators.error.key_unusable": {
        "sv": "Kodnyckeln kan inte användas",
        "en": "The code key cannot be used",
    },
    "indicators.error.cannot_read_key": {
        "sv": "Kan inte läsa kodnyckeln {file}",
        "en": "Cannot read the code key {file}",
    },
    "indicators.error.key_not_saved": {
        "sv": "Kodnyckeln kan inte sparas",
        "en": "The code key cannot be saved",
    },
    "indicators.error.cannot_aggregate": {
        "sv": "Kan inte aggregera till RegSO med {file}",
        "en": "Cannot aggregate to RegSO with {file}",
    },
    "indicators.error.invalid_key": {"sv": "Ogiltig kodnyckel", "en": "Invalid code key"},
    "indicators.error.codes_without_parent": {
        "sv": "Koder utan överordnat område",
        "en": "Codes without a parent area",
    },
    "indicators.error.cannot_weigh": {
        "sv": "Kan inte väga samman värden",
        "en": "Cannot combine the values by weight",
    },
    "indicators.error.invalid_indicator": {"sv": "Ogiltig indikator", "en": "Invalid indicator"},
    "indicators.error.unknown_indicator": {"sv": "Okänd indikator", "en": "Unknown indicator"},
    "indicators.error.correlation_few": {
        "sv": "Korrelation kräver minst 3 områden med värden för båda lagren (har {n}).",
        "en": "A correlation needs at least 3 areas with values for both layers (has {n}).",
    },
    "indicators.error.correlation_flat": {
        "sv": "Korrelation saknar mening när ett lager har samma värde överallt.",
        "en": "A correlation has no meaning when one layer has the same value everywhere.",
    },
    "indicators.problem.no_file": {"sv": "filen finns inte", "en": "the file does not exist"},
    "indicators.problem.unknown_format": {
        "sv": "okänt filformat; använd {suffixes}",
        "en": "unknown file format; use {suffixes}",
    },
    "indicators.problem.unsupported_type": {
        "sv": "filtypen stöds inte; använd {suffixes}",
        "en": "the file type is not supported; use {suffixes}",
    },
    "indicators.problem.not_geodata": {
        "sv": "kan inte öppnas som geodata: {error}",
        "en": "cannot be opened as geodata: {error}",
    },
    "indicators.problem.no_geometry": {
        "sv": "lagret {layer} har ingen geometri (en tabell utan former)",
        "en": "the layer {layer} has no geometry (a table without shapes)",
    },
    "indicators.problem.no_layers": {
        "sv": "filen innehåller inga lager (skadad eller tom fil?)",
        "en": "the file holds no layers (a damaged or empty file?)",
    },
    "indicators.problem.file_no_layers": {
        "sv": "filen har inga lager",
        "en": "the file has no layers",
    },
    "indicators.problem.several_layers": {
        "sv": "filen har flera lager; välj ett av {layers}",
        "en": "the file has several layers; choose one of {layers}",
    },
    "indicators.problem.no_such_layer": {
        "sv": "lagret finns inte; lager: {layers}",
        "en": "no such layer; layers: {layers}",
    },
    "indicators.problem.unreadable": {
        "sv": "kan inte läsas: {error}",
        "en": "cannot be read: {error}",
    },
    "indicators.problem.choose_one": {
        "sv": "välj en av {choices}",
        "en": "choose one of {choices}",
    },
    "indicators.problem.no_column_file": {
        "sv": "kolumnen finns inte; filen har {columns}",
        "en": "no such column; the file has {columns}",
    },
    "indicators.problem.no_column_table": {
        "sv": "kolumnen finns inte; tabellen har {columns}",
        "en": "no such column; the table has {columns}",
    },
    "indicators.problem.column_not_found": {
        "sv": "kolumnen hittas inte; tabellen har {columns}",
        "en": "column not found; the table has {columns}",
    },
    "indicators.problem.no_crs": {
        "sv": "filen saknar koordinatsystem (t.ex. .prj saknas i zip)",
        "en": "the file has no coordinate system (e.g. no .prj in the zip)",
    },
    "indicators.problem.no_name": {"sv": "namn saknas", "en": "name missing"},
    "indicators.problem.not_polygon": {"sv": "måste vara en polygon", "en": "must be a polygon"},
    "indicators.problem.not_excel": {
        "sv": "kan inte läsas som Excel: {error}",
        "en": "cannot be read as Excel: {error}",
    },
    "indicators.problem.encoding": {
        "sv": "okänd teckenkodning (använd UTF-8)",
        "en": "unknown character encoding (use UTF-8)",
    },
    "indicators.problem.not_csv": {
        "sv": "kan inte tolkas som CSV: {error}",
        "en": "cannot be parsed as CSV: {error}",
    },
    "indicators.problem.indicator_needed": {
        "sv": "ange --indicator eller en kolumn indicator_key",
        "en": "give --indicator or a column indicator_key",
    },
    "indicators.problem.period_or_column": {
        "sv": "ange antingen en period eller en periodkolumn",
        "en": "give either a period or a period column",
    },
    "indicators.problem.unknown_indicator": {
        "sv": "okänd indikator (lägg till i katalogen)",
        "en": "unknown indicator (add it to the catalogue)",
    },
    "indicators.problem.derived_import": {
        "sv": "beräknas av EST Geo, importeras inte",
        "en": "computed by EST Geo, not imported",
    },
    "indicators.problem.derived_aggregate": {
        "sv": "beräknas av EST Geo, aggregeras inte",
        "en": "computed by EST Geo, not aggregated",
    },
    "indicators.problem.no_area_code": {"sv": "områdeskod saknas", "en": "area code missing"},
    "indicators.problem.not_a_number": {"sv": "inte ett tal", "en": "not a number"},
    "indicators.problem.n_negative": {
        "sv": "n måste vara ett tal ≥ 0",
        "en": "n must be a number ≥ 0",
    },
    "indicators.problem.same_area_period": {
        "sv": "samma område och period som rad {first}",
        "en": "same area and period as row {first}",
    },
    "indicators.problem.no_rows": {"sv": "tabellen har inga rader", "en": "the table has no rows"},
    "indicators.problem.key_no_rows": {
        "sv": "kodnyckeln har inga rader",
        "en": "the code key has no rows",
    },
    "indicators.problem.store_no_keys": {
        "sv": "databasen kan inte spara kodnycklar",
        "en": "the database cannot store code keys",
    },
    "indicators.problem.regso_key_needs": {
        "sv": "krävs för --kind regso-key",
        "en": "required for --kind regso-key",
    },
    "indicators.problem.no_deso_values": {
        "sv": "inga lagrade DeSO-värden att aggregera",
        "en": "no stored DeSO values to aggregate",
    },
    "indicators.code.deso_missing": {"sv": "DeSO-kod saknas", "en": "DeSO code missing"},
    "indicators.code.deso_lost_zero": {
        "sv": "8 tecken: kommunkoden har tappat sin inledande nolla",
        "en": "8 characters: the municipality code has lost its leading zero",
    },
    "indicators.code.deso_lower_case": {
        "sv": "bokstaven ska vara versal (A, B eller C)",
        "en": "the letter must be upper case (A, B or C)",
    },
    "indicators.code.deso_length": {
        "sv": "{n} tecken; en DeSO-kod har 9 (4 siffror, A/B/C, 4 siffror)",
        "en": "{n} {n:character|characters}; a DeSO code has 9 (4 digits, A/B/C, 4 digits)",
    },
    "indicators.code.deso_format": {
        "sv": "formatet är 4 siffror (kommunkod), A/B/C och 4 siffror, t.ex. 0581C1290",
        "en": "the format is 4 digits (municipality code), A/B/C and 4 digits, e.g. 0581C1290",
    },
    "indicators.code.missing": {"sv": "kod saknas", "en": "code missing"},
    "indicators.code.regso_format": {
        "sv": "RegSO-kod har formatet 4 siffror, R, 3 siffror",
        "en": "a RegSO code has the format 4 digits, R, 3 digits",
    },
    "indicators.code.duplicate": {
        "sv": "koden förekommer flera gånger (först på rad {first})",
        "en": "the code occurs more than once (first in row {first})",
    },
    "indicators.code.parent_missing": {
        "sv": "överordnad kod saknas",
        "en": "parent code missing",
    },
    "indicators.code.two_parents": {
        "sv": "har två överordnade koder ({first}, {second})",
        "en": "has two parent codes ({first}, {second})",
    },
    "indicators.code.not_in_key": {"sv": "saknas i kodnyckeln", "en": "missing from the code key"},
    "indicators.code.bad_weight": {
        "sv": "vikt saknas eller är negativ",
        "en": "weight missing or negative",
    },
    "indicators.catalogue.key_format": {
        "sv": "nyckeln ska börja med a–z och bara ha a–z, 0–9 och _",
        "en": "the key must start with a–z and hold only a–z, 0–9 and _",
    },
    "indicators.catalogue.empty_field": {"sv": "får inte vara tomt", "en": "must not be empty"},
    "indicators.catalogue.unknown_level": {
        "sv": "okänd nivå ({levels})",
        "en": "unknown level ({levels})",
    },
    "indicators.catalogue.yes_no": {"sv": "ja eller nej", "en": "yes or no"},
    "indicators.catalogue.not_found": {
        "sv": "finns inte i katalogen; kända: {known}",
        "en": "not in the catalogue; known: {known}",
    },
    "indicators.catalogue.not_found_empty": {
        "sv": "finns inte i katalogen; kända: (katalogen är tom)",
        "en": "not in the catalogue; known: (the catalogue is empty)",
    },
    # -- the indicator maps' tooltips and legends (est_geo.indicators.choropleth) --------
    "indicators.map.rank": {
        "sv": "rang {rank} av {total} (1 = bäst)",
        "en": "rank {rank} of {total} (1 = best)",
    },
    "indicators.map.two_layers": {"sv": "Två lager", "en": "Two layers"},
    "indicators.map.bivariate_title": {"sv": "Två lager, 3 × 3", "en": "Two layers, 3 × 3"},
    "indicators.map.worse_up": {"sv": "↑ {title} sämre", "en": "↑ {title} worse"},
    "indicators.map.worse_right": {"sv": "{title} sämre →", "en": "{title} worse →"},
    "indicators.map.thirds": {
        "sv": "tredjedelar; mörkast = båda sämst",
        "en": "thirds; darkest = both worst",
    },
    # -- the join report of a value table against the areas (est_geo.indicators.join) ---
    "indicators.join.code_without_area": {
        "sv": "kod i tabellen utan område",
        "en": "code in the table without an area",
    },
    "indicators.join.area_without_value": {
        "sv": "område utan värde",
        "en": "area without a value",
    },
    "indicators.join.col.code": {"sv": "kod", "en": "code"},
    "indicators.join.col.problem": {"sv": "problem", "en": "problem"},
}
