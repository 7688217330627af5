"""UI strings of the Data page's tab "Hämta från SCB" (``ui/data/scb.py``)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "scb.tab": {"sv": "Hämta från SCB", "en": "Fetch from SCB"},
    "scb.intro": {
        "sv": "Kommunens DeSO-/RegSO-områden och färdiga indikatorer hämtas direkt från SCB:s "
        "öppna geodata och statistikdatabas (licens CC BY 4.0, källa: SCB). Inget hämtas "
        "förrän du trycker på en knapp, och inget sparas om hämtningen misslyckas.",
        "en": "The municipality's DeSO/RegSO areas and ready indicators are fetched directly "
        "from SCB's open geodata and statistical database (licence CC BY 4.0, source: SCB). "
        "Nothing is fetched until you press a button, and nothing is saved if fetching fails.",
    },
    "scb.kommun": {"sv": "Kommunkod (fyra siffror)", "en": "Municipality code (four digits)"},
    "scb.level": {"sv": "Områdesnivå", "en": "Area level"},
    "scb.year": {"sv": "Version (år)", "en": "Version (year)"},
    "scb.areas_title": {"sv": "Områden", "en": "Areas"},
    "scb.fetch_areas": {"sv": "Hämta områden från SCB", "en": "Fetch areas from SCB"},
    "scb.areas_done": {
        "sv": "{total} {total:område hämtat|områden hämtade}: {new} {new:ny|nya}, "
        "{old} {old:ersatt|ersatta}.",
        "en": "{total} {total:area|areas} fetched: {new} new, {old} replaced.",
    },
    "scb.areas_removed": {
        "sv": "Borttagna (SCB levererar dem inte längre i version {year}): {codes}",
        "en": "Removed (SCB no longer delivers them in version {year}): {codes}",
    },
    "scb.delivery.not_versioned": {
        "sv": "bara deso och regso har versioner",
        "en": "only deso and regso have versions",
    },
    "scb.delivery.no_year": {"sv": "ett versionsår krävs", "en": "a version year is needed"},
    "scb.delivery.kommun": {"sv": "fyra siffror", "en": "four digits"},
    "scb.delivery.other_level": {
        "sv": "områdena har en annan nivå",
        "en": "the areas have another level",
    },
    "scb.delivery.outside": {
        "sv": "ligger inte i kommun {kommun}",
        "en": "is not in municipality {kommun}",
    },
    "scb.delivery.refused": {
        "sv": "Leveransen kan inte sparas",
        "en": "The delivery cannot be stored",
    },
    "scb.delivery.no_versions": {
        "sv": "Databasen kan inte lagra områdesversioner (schema 10 krävs).",
        "en": "The database cannot store area versions (schema 10 is needed).",
    },
    "scb.key_done": {
        "sv": "Kodnyckeln DeSO → RegSO har {rows} {rows:rad|rader} ({parents} RegSO).",
        "en": "The DeSO → RegSO key has {rows} {rows:row|rows} ({parents} RegSO).",
    },
    "scb.indicators_title": {"sv": "Indikatorer", "en": "Indicators"},
    "scb.indicator": {"sv": "Indikator", "en": "Indicator"},
    "scb.period": {"sv": "Period", "en": "Period"},
    "scb.latest": {"sv": "senaste", "en": "latest"},
    "scb.load_periods": {
        "sv": "Läs tabellens perioder från SCB",
        "en": "Read the table's periods from SCB",
    },
    "scb.fetch_indicator": {
        "sv": "Hämta indikatorn från SCB",
        "en": "Fetch the indicator from SCB",
    },
    "scb.progress": {"sv": "Hämtar från SCB …", "en": "Fetching from SCB …"},
    "scb.indicator_done": {
        "sv": "{indicator}, period {period}: {written} {written:värde|värden} sparade, "
        "{matched} {matched:område|områden} fick ett värde.",
        "en": "{indicator}, period {period}: {written} {written:value|values} saved, {matched} "
        "{matched:area|areas} got a value.",
    },
    "scb.missing": {
        "sv": "SCB publicerar ingen siffra (t.ex. sekretess) för: {codes}",
        "en": "SCB publishes no figure (e.g. confidentiality) for: {codes}",
    },
    "scb.without_value": {
        "sv": "Områden utan värde: {codes}",
        "en": "Areas without a value: {codes}",
    },
    "scb.without_area": {
        "sv": "Koder utan område (sparade ändå): {codes}",
        "en": "Codes without an area (stored anyway): {codes}",
    },
    "scb.map_layer": {"sv": "Hämtade områden", "en": "Fetched areas"},
    "scb.map_values": {"sv": "Hämtade värden", "en": "Fetched values"},
    "scb.source": {"sv": "Källa: {url}", "en": "Source: {url}"},
    # -- errors of the SCB fetches (est_geo.indicators.scb) ------------------------------
    "scb.error.kommun": {
        "sv": "Kommunkoden ska vara fyra siffror, t.ex. 0581 (fick {given}).",
        "en": "The municipality code must be four digits, e.g. 0581 (got {given}).",
    },
    "scb.error.level": {
        "sv": "Nivån ska vara deso eller regso (fick {given}).",
        "en": "The level must be deso or regso (got {given}).",
    },
    "scb.error.year": {
        "sv": "Versionsåret ska vara 2018 eller senare (fick {given}).",
        "en": "The version year must be 2018 or later (got {given}).",
    },
    "scb.error.not_geojson": {
        "sv": "SCB:s geodatatjänst svarade inte med GeoJSON-objekt.",
        "en": "SCB's geodata service did not answer with GeoJSON features.",
    },
    "scb.error.no_areas": {
        "sv": "SCB:s geodatatjänst har inga {level}-områden för kommun {kommun}.",
        "en": "SCB's geodata service has no areas of level {level} for municipality {kommun}.",
    },
    "scb.error.no_variable": {
        "sv": "SCB:s svar saknar variabeln {variable}.",
        "en": "SCB's answer lacks the variable {variable}.",
    },
    "scb.error.truncated": {
        "sv": "SCB:s geodatatjänst gav {got} av {matched} {matched:område|områden} (svaret "
        "är avkortat); inget har sparats.",
        "en": "SCB's geodata service gave {got} of {matched} {matched:area|areas} (the "
        "answer is cut short); nothing has been saved.",
    },
    "scb.error.feature_no_geometry": {
        "sv": "Objekt {n} från SCB är inget GeoJSON-objekt med geometri.",
        "en": "Feature {n} from SCB is not a GeoJSON feature with a geometry.",
    },
    "scb.error.feature_no_code": {
        "sv": "Objekt {n} från SCB saknar {attribute} (attribut: {attributes}); har lagret "
        "ändrats?",
        "en": "Feature {n} from SCB lacks {attribute} (attributes: {attributes}); has the "
        "layer changed?",
    },
    "scb.error.not_json": {
        "sv": "{url} svarade inte med JSON (har tjänsten ändrats?): {cause}",
        "en": "{url} did not answer with JSON (has the service changed?): {cause}",
    },
    "scb.error.http": {
        "sv": "{url} svarade HTTP {status}: {cause}",
        "en": "{url} answered HTTP {status}: {cause}",
    },
    "scb.error.gave_up_http": {
        "sv": "{url} svarar inte efter {tries} försök (HTTP {status}: {cause}); försök igen "
        "senare.",
        "en": "{url} does not answer after {tries} {tries:attempt|attempts} (HTTP {status}: "
        "{cause}); try again later.",
    },
    "scb.error.gave_up_no_contact": {
        "sv": "{url} svarar inte efter {tries} försök (ingen kontakt ({kind}: {cause})); "
        "försök igen senare.",
        "en": "{url} does not answer after {tries} {tries:attempt|attempts} (no contact "
        "({kind}: {cause})); try again later.",
    },
    "scb.error.too_large": {
        "sv": "{url} svarade med mer än {mb} MB.",
        "en": "{url} answered with more than {mb} MB.",
    },
    "scb.error.table_id": {
        "sv": "Tabell-id ska vara bokstäver och siffror, t.ex. TAB6574 ({given}).",
        "en": "A table id must be letters and digits, e.g. TAB6574 ({given}).",
    },
    "scb.error.recipe_unusable": {
        "sv": "Receptet {name} kan inte användas",
        "en": "The recipe {name} cannot be used",
    },
    "scb.error.table_mismatch": {
        "sv": "SCB-tabellen {table} passar inte receptet {recipe} (ändrad?)",
        "en": "The SCB table {table} does not fit the recipe {recipe} (changed?)",
    },
    "scb.error.no_table_areas": {
        "sv": "SCB-tabellen {table} har inga {level}-områden i kommun {kommun}.",
        "en": "The SCB table {table} has no areas of level {level} in municipality {kommun}.",
    },
    "scb.error.no_table_areas_version": {
        "sv": "SCB-tabellen {table} har inga {level}-områden av version {version} i kommun "
        "{kommun}.",
        "en": "The SCB table {table} has no areas of level {level} and version {version} in "
        "municipality {kommun}.",
    },
    "scb.error.value_cells": {
        "sv": "Receptet {recipe} ger {n} celler för {code}; kind = value kräver exakt en "
        "(välj en kod per variabel).",
        "en": "The recipe {recipe} gives {n} cells for {code}; kind = value needs exactly "
        "one (choose one code per variable).",
    },
    "scb.problem.choose_one": {"sv": "välj en av {choices}", "en": "choose one of {choices}"},
    "scb.problem.no_table": {"sv": "tabell-id saknas", "en": "table id missing"},
    "scb.problem.share_variable": {
        "sv": "krävs för kind = share",
        "en": "required for kind = share",
    },
    "scb.problem.share_parts": {
        "sv": "täljare och nämnare krävs",
        "en": "numerator and denominator are required",
    },
    "scb.problem.share_only": {
        "sv": "gäller bara kind = share",
        "en": "applies to kind = share only",
    },
    "scb.problem.chosen_by_est_geo": {
        "sv": "väljs av EST Geo, inte i receptet",
        "en": "chosen by EST Geo, not in the recipe",
    },
    "scb.problem.missing": {"sv": "saknas", "en": "missing"},
    "scb.problem.unknown_key": {"sv": "okänd nyckel", "en": "unknown key"},
    "scb.problem.selection": {
        "sv": 'variabel = ["kod", …]',
        "en": 'variable = ["code", …]',
    },
    "scb.problem.true_false": {"sv": "true eller false", "en": "true or false"},
    "scb.problem.no_variable": {
        "sv": "finns inte i tabellen; den har {have}",
        "en": "not in the table; it has {have}",
    },
    "scb.problem.no_period": {
        "sv": "finns inte; tabellen har {have}",
        "en": "not there; the table has {have}",
    },
    # -- an SCB answer of another shape than JSON-stat 2 (est_geo.indicators.scb.jsonstat)
    "scb.format.no_category": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): dimensionen {dim} saknar category",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the dimension {dim} has no category",
    },
    "scb.format.index_gaps": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): "
        "dimensionen {dim} har luckor i sitt index",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the dimension {dim} has gaps in its index",
    },
    "scb.format.no_index": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): dimensionen {dim} har inget index",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the dimension {dim} has no index",
    },
    "scb.format.size_mismatch": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): "
        "dimensionen {dim} har {n} kategorier men size {size}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the dimension {dim} has {n} {n:category|categories} but size {size}",
    },
    "scb.format.cell_count": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): "
        "{what} har {got} celler men dimensionerna ger {n}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "{what} has {got} {got:cell|cells} but the dimensions give {n}",
    },
    "scb.format.bad_position": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): {what} har positionen {pos}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): {what} has the position {pos}",
    },
    "scb.format.position_outside": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): "
        "{what} har positionen {pos} utanför 0–{last}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "{what} has the position {pos} outside 0–{last}",
    },
    "scb.format.missing": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): {what} saknas",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): {what} missing",
    },
    "scb.format.not_number": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): "
        "värdet på position {pos} är inte ett tal: {cell}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the value at position {pos} is not a number: {cell}",
    },
    "scb.format.not_finite": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): värdet på position {pos} är inte ändligt",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "the value at position {pos} is not finite",
    },
    "scb.format.not_dataset": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): inte ett dataset",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): not a dataset",
    },
    "scb.format.no_id_size": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): id, size eller dimension saknas",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): id, size or dimension missing",
    },
    "scb.format.id_size": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): id och size passar inte ihop",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): id and size do not match",
    },
    "scb.format.too_many": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): {n} celler, fler än gränsen {max}",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): "
        "{n} cells, more than the limit {max}",
    },
    "scb.format.not_object": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): inte ett JSON-objekt",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): not a JSON object",
    },
    "scb.format.no_id": {
        "sv": "SCB:s svar har oväntad form (JSON-stat 2): id eller dimension saknas",
        "en": "SCB's answer has an unexpected shape (JSON-stat 2): id or dimension missing",
    },
}
