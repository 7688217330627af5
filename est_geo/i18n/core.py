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
        "sv": "{n} {n:område|områden} visas inte eftersom {n:dess|deras} koordinater är orimliga "
        "(t.ex. fel koordinatsystem vid importen): {codes}. Importera {n:det|dem} på nytt med "
        "rätt koordinatsystem.",
        "en": "{n} {n:area is|areas are} not shown because {n:its|their} coordinates are "
        "implausible (e.g. the wrong coordinate system at import): {codes}. Import {n:it|them} "
        "again with the right coordinate system.",
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
    "chart.incomplete.bar": {
        "sv": "Ljusare, randig stapel: pågående {unit}, ofullständig.",
        "en": "Lighter hatched bar: {unit} still running, incomplete.",
    },
    "chart.incomplete.line": {
        "sv": "Streckad linje: pågående {unit}, ofullständig.",
        "en": "Dashed line: {unit} still running, incomplete.",
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
    "footer.source.demo": {"sv": "demodata (fiktiv)", "en": "demo data (fictitious)"},
    "footer.source.est": {"sv": "EST-rapporter", "en": "EST reports"},
    "footer.never_updated": {"sv": "okänt", "en": "unknown"},  # no update recorded yet
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
    # our own names for a problem's field where it is no column of the input (Problem.field_in)
    "problem.field.fil": {"sv": "fil", "en": "file"},
    "problem.field.variabel": {"sv": "variabel", "en": "variable"},
    "problem.field.händelse": {"sv": "händelse", "en": "event"},  # one of Polisen's events
    "problem.field.lager": {"sv": "lager", "en": "layer"},  # a whole layer of a geodata file
    "problem.field.var": {"sv": "var", "en": "where"},  # an action item's place, of any kind
    # -- validation of core records (est_geo.core.model, .validate, .views) -------------
    "core.problem.too_long_count": {
        "sv": "{n:,} tecken, högst {most:,} tillåts",
        "en": "{n:,} characters, at most {most:,} allowed",
    },
    "core.problem.at_most_chars": {"sv": "högst {most} tecken", "en": "at most {most} characters"},
    "core.problem.name_missing": {"sv": "namn saknas", "en": "name missing"},
    "core.problem.unknown_actor": {"sv": "okänd aktör", "en": "unknown actor"},
    "core.problem.unknown_status": {"sv": "okänd status", "en": "unknown status"},
    "core.problem.invalid_value": {"sv": "ogiltigt värde", "en": "invalid value"},
    "core.category.summary": {"sv": "Ogiltigt kategoriträd", "en": "Invalid category tree"},
    "core.category.bad_key": {
        "sv": "nyckeln får bara innehålla a–z, 0–9, _ och .",
        "en": "the key may only contain a–z, 0–9, _ and .",
    },
    "core.category.duplicate_key": {"sv": "nyckeln finns redan", "en": "the key already exists"},
    "core.category.unknown_parent": {"sv": "okänd överkategori", "en": "unknown parent category"},
    "core.category.too_deep": {
        "sv": "högst två nivåer tillåts",
        "en": "at most two levels are allowed",
    },
    "core.intervention.summary": {"sv": "Ogiltig åtgärd", "en": "Invalid intervention"},
    "core.intervention.unknown_kind": {
        "sv": "okänd typ av åtgärd",
        "en": "unknown kind of intervention",
    },
    "core.intervention.end_before_start": {
        "sv": "slutdatum före startdatum",
        "en": "end date before start date",
    },
    "core.intervention.negative_cost": {
        "sv": "kostnaden kan inte vara negativ",
        "en": "the cost cannot be negative",
    },
    "core.intervention.negative_buffer": {
        "sv": "bufferten kan inte vara negativ",
        "en": "the buffer cannot be negative",
    },
    "core.intervention.no_geometry": {"sv": "geometri saknas", "en": "geometry missing"},
    "core.action.summary": {
        "sv": "Ogiltig punkt i handlingsplanen",
        "en": "Invalid item in the action plan",
    },
    "core.action.no_title": {"sv": "vad som ska göras saknas", "en": "what to do is missing"},
    "core.action.no_place": {
        "sv": "ange ett område, en ritad yta eller en åtgärd",
        "en": "give an area, a drawn shape or an intervention",
    },
    "core.action.bad_shape": {"sv": "ogiltig geometri", "en": "invalid geometry"},
    "core.action.empty_shape": {"sv": "tom geometri", "en": "empty geometry"},
    "core.areas.summary": {"sv": "Ogiltiga områden", "en": "Invalid areas"},
    "core.areas.no_column": {"sv": "kolumnen saknas", "en": "the column is missing"},
    "core.areas.no_crs": {
        "sv": "koordinatsystem (CRS) saknas",
        "en": "coordinate system (CRS) missing",
    },
    "core.areas.no_code": {"sv": "kod saknas", "en": "code missing"},
    "core.areas.duplicate_code": {"sv": "koden finns redan", "en": "the code already exists"},
    "core.areas.unknown_level": {
        "sv": "okänd nivå ({known})",
        "en": "unknown level ({known})",
    },
    "core.areas.unknown_parent": {"sv": "okänd överordnad kod", "en": "unknown parent code"},
    "core.areas.not_polygon": {"sv": "måste vara en polygon", "en": "must be a polygon"},
    # -- what an area's shape is, and why GEOS finds it invalid (core.validate) ---------
    "core.geometry.empty": {"sv": "tom", "en": "empty"},
    "core.geometry.invalid": {"sv": "ogiltig", "en": "invalid"},
    "core.geometry.at_point": {"sv": "{what} vid ({x}, {y})", "en": "{what} at ({x}, {y})"},
    "core.geometry.shapely_said": {
        "sv": "ogiltig enligt shapely: {reason}",
        "en": "invalid according to shapely: {reason}",
    },
    "core.geometry.self_intersection": {
        "sv": "gränsen korsar sig själv",
        "en": "the boundary crosses itself",
    },
    "core.geometry.ring_self_intersection": {
        "sv": "en ring korsar sig själv",
        "en": "a ring crosses itself",
    },
    "core.geometry.too_few_points": {
        "sv": "för få punkter i en del av ytan",
        "en": "too few points in a part of the shape",
    },
    "core.geometry.hole_outside": {
        "sv": "ett hål ligger utanför ytterkanten",
        "en": "a hole lies outside the outer boundary",
    },
    "core.geometry.nested_holes": {
        "sv": "hål ligger inuti varandra",
        "en": "holes lie inside each other",
    },
    "core.geometry.nested_shells": {
        "sv": "delytor ligger inuti varandra",
        "en": "parts of the shape lie inside each other",
    },
    "core.geometry.disconnected": {
        "sv": "hålen delar ytan i flera bitar",
        "en": "the holes cut the shape into pieces",
    },
    "core.geometry.duplicate_rings": {"sv": "dubbla ringar", "en": "duplicate rings"},
    "core.geometry.invalid_coordinate": {
        "sv": "ogiltig koordinat",
        "en": "invalid coordinate",
    },
    "core.geometry.not_closed": {"sv": "en ring är inte sluten", "en": "a ring is not closed"},
    "core.geometry.repeated_point": {"sv": "upprepad punkt", "en": "repeated point"},
    "core.extent.outside_check_crs": {
        "sv": "koordinaterna ligger utanför {crs}:s område{where}; "
        "är filens koordinatsystem rätt angivet?",
        "en": "the coordinates lie outside the area of {crs}{where}; "
        "is the file's coordinate system given correctly?",
    },
    "core.extent.outside_degrees": {
        "sv": "koordinaterna ligger utanför {crs}:s område{where}; "
        "värdena ser ut som grader (WGS84, EPSG:4326), inte meter",
        "en": "the coordinates lie outside the area of {crs}{where}; "
        "the values look like degrees (WGS84, EPSG:4326), not metres",
    },
    "core.view.summary": {"sv": "Ogiltig vy", "en": "Invalid view"},
    "core.view.link_summary": {
        "sv": "Länken till vyn är ogiltig",
        "en": "The link to the view is invalid",
    },
    "core.view.bad_page": {"sv": "ogiltig sida", "en": "invalid page"},
    "core.view.bad_area": {"sv": "ogiltig områdeskod", "en": "invalid area code"},
    "core.view.unknown_layer": {
        "sv": "okänt lager (giltiga: {known})",
        "en": "unknown layer (valid: {known})",
    },
    "core.view.unknown_mode": {
        "sv": "okänt läge (giltiga: {known})",
        "en": "unknown mode (valid: {known})",
    },
    "core.view.bad_lat": {"sv": "latitud −90…90", "en": "latitude −90…90"},
    "core.view.bad_lon": {"sv": "longitud −180…180", "en": "longitude −180…180"},
    "core.view.bad_zoom": {"sv": "zoomnivå 1–22", "en": "zoom level 1–22"},
    "core.view.bad_option": {"sv": "ogiltigt inställningsnamn", "en": "invalid setting name"},
    "core.view.not_a_number": {"sv": "inget tal", "en": "not a number"},
    "core.view.lat_and_lon": {"sv": "ange både lat och lon", "en": "give both lat and lon"},
    "core.view.no_views": {"sv": "välj minst en vy", "en": "choose at least one view"},
    # -- configuration (est_geo.core.config) -------------------------------------------
    "config.invalid": {
        "sv": "Felaktig konfiguration:\n  - {problems}",
        "en": "Invalid configuration:\n  - {problems}",
    },
    "config.file_missing": {
        "sv": "Konfigurationsfilen {path} finns inte ({env}).",
        "en": "The configuration file {path} does not exist ({env}).",
    },
    "config.file_toml": {
        "sv": "Konfigurationsfilen {path} är inte giltig TOML: {reason}",
        "en": "The configuration file {path} is not valid TOML: {reason}",
    },
    "config.unknown_setting": {
        "sv": "okänd inställning '{name}' i {path}",
        "en": "unknown setting '{name}' in {path}",
    },
    "config.unknown_env": {
        "sv": "okänd miljövariabel {var}",
        "en": "unknown environment variable {var}",
    },
    "config.origin_default": {"sv": "standardvärde", "en": "default"},
    "config.bad_value": {
        "sv": "{name} = {raw} ({origin}): {reason}",
        "en": "{name} = {raw} ({origin}): {reason}",
    },
    "config.expected_bool": {"sv": "väntade true/false", "en": "expected true/false"},
    "config.choices": {"sv": "tillåtna värden: {known}", "en": "allowed values: {known}"},
    "config.expected_int": {"sv": "väntade ett heltal", "en": "expected a whole number"},
    "config.at_least_one": {"sv": "måste vara minst 1", "en": "must be at least 1"},
    "config.empty": {"sv": "får inte vara tom", "en": "must not be empty"},
    "config.basemap_and_tile_url": {
        "sv": "basemap = {raw} och tile_url = {tile_url}: ange bara den ena "
        "(EST_GEO_BASEMAP ersätter EST_GEO_TILE_URL)",
        "en": "basemap = {raw} and tile_url = {tile_url}: give only one of them "
        "(EST_GEO_BASEMAP replaces EST_GEO_TILE_URL)",
    },
    "config.basemap_missing": {
        "sv": "basemap = {raw}: PMTiles-filen finns inte",
        "en": "basemap = {raw}: the PMTiles file does not exist",
    },
    "config.basemap_bad": {
        "sv": "basemap = {raw}: ange osm, none, en adressmall med {{z}}/{{x}}/{{y}} "
        "eller sökvägen till en .pmtiles-fil",
        "en": "basemap = {raw}: give osm, none, an address template with {{z}}/{{x}}/{{y}} "
        "or the path of a .pmtiles file",
    },
    "context.preparing": {"sv": "Förbereder databasen …", "en": "Preparing the database …"},
}
