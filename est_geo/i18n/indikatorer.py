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
        "en": "{name}: {n} {n:code|codes} in the table have no area: {codes}",
    },
    "indikatorer.report.areas_without_value": {
        "sv": "{name}: {n} {n:område|områden} saknar värde: {areas}",
        "en": "{name}: {n} {n:area|areas} have no value: {areas}",
    },
    "indikatorer.small_n.note": {
        "sv": "{name}: {n} {n:område|områden} bygger på färre än {min_n} och visas som ”för få "
        "underlag”.",
        "en": "{name}: {n} {n:area|areas} rest on fewer than {min_n} and are shown as 'too small "
        "a base'.",
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
        "en": "{n} {n:area|areas} lack a value or have too small a base and are left out.",
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
    "indikatorer.catalogue.source": {"sv": "Källa", "en": "Source"},
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
}
