"""Core UI strings (app frame, filters, Karta page), Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "app.title": {"sv": "EST Geo", "en": "EST Geo"},
    "app.tagline": {
        "sv": "Gemensam lägesbild för Effektiv samordning för trygghet",
        "en": "A shared situation picture for Effective Coordination for Safety",
    },
    "demo.ended_banner": {
        "sv": "Demoläget avslutades {at} när riktiga data importerades: demokontona finns "
        "inte längre, men de fiktiva demohändelserna (källa ”demo”) ligger kvar bredvid "
        "de importerade.",
        "en": "Demo mode ended {at} when real data was imported: the demo accounts are "
        "gone, but the fictitious demo incidents (source “demo”) remain next to the "
        "imported ones.",
    },
    "demo.banner": {
        "sv": "Demodata – fiktiva händelser. Inget på kartan har hänt på riktigt.",
        "en": "Demo data – fictitious incidents. Nothing on the map really happened.",
    },
    "areas.unusable": {
        "sv": "{n} {n:område|områden} visas inte eftersom deras koordinater är orimliga (t.ex. fel "
        "koordinatsystem vid importen): {codes}. Importera dem på nytt med rätt "
        "koordinatsystem.",
        "en": "{n} {n:area|areas} are not shown because their coordinates are implausible (e.g. "
        "the "
        "wrong coordinate system at import): {codes}. Import them again with the right "
        "coordinate system.",
    },
    "page.no_access": {
        "sv": "Du har inte behörighet till den här sidan.",
        "en": "You do not have access to this page.",
    },
    "page.unavailable_public": {
        "sv": "Sidan du följde en länk till finns bara i EST-gruppens interna verktyg, "
        "inte på den offentliga webbplatsen. Här är startsidan.",
        "en": "The page that link leads to exists only in the EST group's internal tool, "
        "not on the public site. This is the start page.",
    },
    "page.unavailable_login": {
        "sv": "Logga in för att öppna sidan ”{page}”.",
        "en": "Log in to open the page “{page}”.",
    },
    "page.unavailable_role": {
        "sv": "Sidan ”{page}” ingår inte i din roll. Här är din startsida.",
        "en": "The page “{page}” is not part of your role. This is your start page.",
    },
    "chart.incomplete": {
        "sv": "Ljusare, randig stapel eller streckad linje: pågående {unit}, ofullständig.",
        "en": "Lighter hatched bar or dashed line: {unit} still running, incomplete.",
    },
    "chart.months_short": {
        "sv": "jan feb mar apr maj jun jul aug sep okt nov dec",
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    },
    "chart.unit.day": {"sv": "dag", "en": "day"},
    "chart.unit.week": {"sv": "vecka", "en": "week"},
    "chart.unit.month": {"sv": "månad", "en": "month"},
    "chart.unit.quarter": {"sv": "kvartal", "en": "quarter"},
    "chart.unit.year": {"sv": "år", "en": "year"},
    "chart.unit.period": {"sv": "period", "en": "period"},
    "filter.choose": {"sv": "Välj …", "en": "Choose …"},
    "upload.button": {"sv": "Välj fil", "en": "Choose file"},
    "upload.limits": {
        "sv": "Dra en fil hit eller välj den. Högst {mb} MB per fil · {types}",
        "en": "Drag a file here or choose it. At most {mb} MB per file · {types}",
    },
    "page.karta": {"sv": "Karta", "en": "Map"},
    "page.om": {"sv": "Om EST Geo", "en": "About EST Geo"},
    "role.label": {"sv": "Roll", "en": "Role"},
    "role.public": {"sv": "Allmänheten", "en": "Public"},
    "role.medlem": {"sv": "Chefssamråd (medlem)", "en": "Leadership group (member)"},
    "role.analytiker": {"sv": "Analytiker", "en": "Analyst"},
    "role.admin": {"sv": "Administratör", "en": "Administrator"},
    "role.demo_switch": {
        "sv": "Demokonto – prova en annan roll",
        "en": "Demo account – try another role",
    },
    "filter.header": {"sv": "Urval", "en": "Filters"},
    "filter.period": {"sv": "Period", "en": "Period"},
    "filter.period.vecka": {"sv": "Senaste veckan", "en": "Last week"},
    "filter.period.4veckor": {"sv": "Senaste 4 veckorna", "en": "Last 4 weeks"},
    "filter.period.kvartal": {"sv": "Senaste kvartalet", "en": "Last quarter"},
    "filter.period.ar": {"sv": "Senaste året", "en": "Last year"},
    "filter.period.egen": {"sv": "Egen period", "en": "Custom period"},
    "filter.dates": {"sv": "Från och med – till och med", "en": "From – to (inclusive)"},
    "filter.categories": {"sv": "Kategorier", "en": "Categories"},
    "filter.categories.help": {
        "sv": "Välj huvudkategorier eller underkategorier. Tomt = alla.",
        "en": "Choose main or sub-categories. Empty = all.",
    },
    "filter.all": {"sv": "Alla", "en": "All"},
    "filter.actors": {"sv": "Rapporterande aktör", "en": "Reporting actor"},
    "filter.area": {"sv": "Område", "en": "Area"},
    "map.shown": {
        "sv": "{shown} av {total} {total:händelse|händelser} visas: de i {area} ({period}).",
        "en": "{shown} of {total} {total:incident|incidents} shown: those in {area} ({period}).",
    },
    "map.aggregated": {
        "sv": "Många händelser: visas som antal per ruta om {cell} m så att kartan är snabb.",
        "en": "Many incidents: shown as counts per {cell} m cell to keep the map fast.",
    },
    "map.none": {
        "sv": "Inga händelser i urvalet.",
        "en": "No incidents match the filters.",
    },
    "map.legend.areas": {"sv": "Områden", "en": "Areas"},
    "map.legend.incidents": {"sv": "Kategori (punkter)", "en": "Category (points)"},
    "map.legend.count": {"sv": "Antal per ruta", "en": "Count per cell"},
    "map.cell_unit": {"sv": "händelser", "en": "incidents"},
    "map.no_tiles": {
        "sv": "Ingen bakgrundskarta är konfigurerad; områden och händelser visas ändå.",
        "en": "No basemap configured; areas and incidents are still shown.",
    },
    "table.by_category": {"sv": "Per kategori", "en": "By category"},
    "col.category": {"sv": "Kategori", "en": "Category"},
    "col.count": {"sv": "Antal", "en": "Count"},
    "error.title": {"sv": "EST Geo kan inte starta", "en": "EST Geo cannot start"},
    "error.what_to_do": {
        "sv": "Rätta felet ovan och starta om appen. Ingen data har ändrats.",
        "en": "Fix the error above and restart the app. No data has been changed.",
    },
    "footer.data": {
        "sv": "Data: {source}. Senast uppdaterad {updated}.",
        "en": "Data: {source}. Last updated {updated}.",
    },
    # -- validation problems (est_geo.core.errors) ---------------------------------------
    "problem.summary": {"sv": "Ogiltig indata", "en": "Invalid input"},
    "problem.heading": {
        "sv": "{summary} ({n} problem):",
        "en": "{summary} ({n} {n:problem|problems}):",
    },
    "problem.line_row": {
        "sv": "rad {row}, fält '{field}' = {value}: {reason}",
        "en": "row {row}, field '{field}' = {value}: {reason}",
    },
    "problem.line": {
        "sv": "fält '{field}' = {value}: {reason}",
        "en": "field '{field}' = {value}: {reason}",
    },
    "problem.more": {"sv": "… och {n} till", "en": "… and {n} more"},
    "problem.column.row": {"sv": "rad", "en": "row"},
    "problem.column.field": {"sv": "fält", "en": "field"},
    "problem.column.value": {"sv": "värde", "en": "value"},
    "problem.column.reason": {"sv": "orsak", "en": "reason"},
}
