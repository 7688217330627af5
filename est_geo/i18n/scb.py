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
}
