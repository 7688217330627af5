"""The CLI's ``--help`` texts: descriptions, option help and metavars of every sub-command.

Built in the configured language when the parser is built (``EST_GEO_LANGUAGE``), so
``est-geo <cmd> --help`` reads in the interface language like the app does.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "cli.description": {"sv": "EST Geo på kommandoraden", "en": "EST Geo command line"},
    # shared by several commands
    "cli.db.help": {"sv": "databas (URL eller sökväg)", "en": "database (URL or path)"},
    "cli.db.file.help": {
        "sv": "databasfil (URL eller sökväg)",
        "en": "database file (URL or path)",
    },
    "cli.json.help": {"sv": "skriv ut som JSON", "en": "print as JSON"},
    "cli.json.result.help": {
        "sv": "skriv ut resultatet som ett JSON-objekt",
        "en": "print the result as one JSON object",
    },
    "cli.metavar.date": {"sv": "ÅÅÅÅ-MM-DD", "en": "YYYY-MM-DD"},
    "cli.metavar.metres": {"sv": "METER", "en": "METRES"},
    # demo
    "cli.demo.help": {
        "sv": "skapa demodatabasen (fiktiva händelser i Norrköping)",
        "en": "create the demo database (fictitious incidents in Norrköping)",
    },
    "cli.demo.db.help": {
        "sv": "databas: filsökväg eller postgresql://… (en tom databas får EST Geo-tabellerna)",
        "en": "database: file path or postgresql://… (an empty database gets the EST Geo tables)",
    },
    "cli.demo.incidents.help": {"sv": "antal händelser", "en": "number of incidents"},
    "cli.demo.seed.help": {
        "sv": "slumpfrö (samma frö ⇒ samma data)",
        "en": "random seed (same seed ⇒ same data)",
    },
    "cli.demo.end_date.help": {"sv": "sista dag (YYYY-MM-DD)", "en": "last day (YYYY-MM-DD)"},
    "cli.demo.replace.help": {
        "sv": "ersätt en befintlig databas (PostgreSQL: bara EST Geo-tabellerna)",
        "en": "replace an existing database (PostgreSQL: only the EST Geo tables)",
    },
    # info
    "cli.info.help": {"sv": "visa innehållet i en databas", "en": "show what a database holds"},
    # export
    "cli.export.help": {"sv": "exportera en tabell till fil", "en": "export a table to a file"},
    "cli.export.out.help": {"sv": "utfil", "en": "output file"},
    "cli.export.what.help": {"sv": "vilken tabell", "en": "which table"},
    "cli.export.format.help": {
        "sv": "filformat (csv och xlsx är tabeller utan geometri)",
        "en": "file format (csv and xlsx are tables without geometry)",
    },
    # user
    "cli.user.help": {"sv": "hantera lokala konton", "en": "manage local accounts"},
    "cli.user.add.help": {"sv": "skapa ett konto", "en": "create an account"},
    "cli.user.name.help": {"sv": "visningsnamn", "en": "display name"},
    "cli.user.password_stdin.help": {
        "sv": "läs lösenordet från standard in",
        "en": "read the password from standard input",
    },
    "cli.user.no_password.help": {
        "sv": "konto utan lösenord (loggar bara in via identitetsleverantören)",
        "en": "account without a password (signs in only through the identity provider)",
    },
    "cli.user.list.help": {"sv": "lista konton", "en": "list accounts"},
    "cli.user.set_role.help": {"sv": "byt roll", "en": "change the role"},
    "cli.user.set_password.help": {"sv": "byt lösenord", "en": "change the password"},
    "cli.user.disable.help": {"sv": "stäng av kontot", "en": "disable the account"},
    "cli.user.enable.help": {"sv": "aktivera kontot", "en": "enable the account"},
    # lagesbild
    "cli.lagesbild.help": {
        "sv": "skriv lägesbilden för ett område och en period som PDF",
        "en": "write the situation picture of an area and a period as a PDF",
    },
    "cli.lagesbild.area.help": {
        "sv": "områdets namn eller kod, t.ex. NKP-KLO",
        "en": "the area's name or code, e.g. NKP-KLO",
    },
    "cli.lagesbild.period.help": {
        "sv": "YYYY-Www (vecka), YYYY-MM (månad), YYYY-Qn (kvartal) eller YYYY (år)",
        "en": "YYYY-Www (week), YYYY-MM (month), YYYY-Qn (quarter) or YYYY (year)",
    },
    "cli.lagesbild.out.help": {"sv": "PDF-fil att skriva", "en": "PDF file to write"},
    # basemap
    "cli.basemap.help": {
        "sv": "kontrollera eller skär ut en bakgrundskarta (PMTiles)",
        "en": "check or cut out a background map (PMTiles)",
    },
    "cli.basemap.check.help": {
        "sv": "visa typ, utbredning, zoomnivåer och täckning",
        "en": "show type, extent, zoom levels and coverage",
    },
    "cli.basemap.file.help": {"sv": "PMTiles-fil", "en": "PMTiles file"},
    "cli.basemap.check.db.help": {
        "sv": "databas vars områden ska täckas",
        "en": "database whose areas must be covered",
    },
    "cli.basemap.extract.help": {
        "sv": "skär ut en ruta och ett zoomintervall",
        "en": "cut out a box and a zoom range",
    },
    "cli.basemap.input.help": {
        "sv": "stor PMTiles-fil (t.ex. Sverige)",
        "en": "large PMTiles file (e.g. Sweden)",
    },
    "cli.basemap.output.help": {"sv": "ny PMTiles-fil", "en": "new PMTiles file"},
    "cli.basemap.bbox.help": {
        "sv": "väster,söder,öster,norr i grader (WGS 84), t.ex. 15.9,58.5,16.4,58.7",
        "en": "west,south,east,north in degrees (WGS 84), e.g. 15.9,58.5,16.4,58.7",
    },
    "cli.basemap.kommun.help": {
        "sv": "rutan kring databasens områden (+ ca 2 km)",
        "en": "the box around the database's areas (+ about 2 km)",
    },
    "cli.basemap.extract.db.help": {
        "sv": "databas (med --kommun)",
        "en": "database (with --kommun)",
    },
    "cli.basemap.minzoom.help": {
        "sv": "lägsta zoomnivå (standard 0)",
        "en": "lowest zoom level (default 0)",
    },
    "cli.basemap.maxzoom.help": {
        "sv": "högsta zoomnivå (standard 15)",
        "en": "highest zoom level (default 15)",
    },
    # fetch
    "cli.fetch.help": {"sv": "hämta data från SCB", "en": "fetch data from Statistics Sweden"},
    "cli.fetch.areas.help": {
        "sv": "DeSO-/RegSO-områden från SCB:s geodata",
        "en": "DeSO/RegSO areas from Statistics Sweden's geodata",
    },
    "cli.fetch.year.help": {"sv": "DeSO-/RegSO-version (år)", "en": "DeSO/RegSO version (year)"},
    "cli.fetch.indicators.help": {
        "sv": "indikator per DeSO från SCB:s statistik",
        "en": "indicator per DeSO from Statistics Sweden's statistics",
    },
    "cli.fetch.indicator.help": {
        "sv": "nyckel i katalogen (docs/import.md)",
        "en": "key in the catalogue (docs/import.md)",
    },
    "cli.fetch.recipe.help": {
        "sv": "TOML-recept för valfri tabell",
        "en": "TOML recipe for any table",
    },
    "cli.fetch.period.help": {
        "sv": "tabellens tidskod, t.ex. 2024 (standard: senaste)",
        "en": "the table's time code, e.g. 2024 (default: latest)",
    },
    "cli.fetch.indicators.year.help": {
        "sv": "DeSO-/RegSO-version (år; standard: de hämtade områdenas, annars nyaste)",
        "en": "DeSO/RegSO version (year; default: that of the fetched areas, else the newest)",
    },
    "cli.fetch.table.help": {
        "sv": "visa en SCB-tabells variabler, koder och perioder (för recept)",
        "en": "show a Statistics Sweden table's variables, codes and periods (for recipes)",
    },
    "cli.fetch.table.table.help": {
        "sv": "tabell-id, t.ex. TAB6574, eller en indikator i katalogen",
        "en": "table id, e.g. TAB6574, or an indicator in the catalogue",
    },
    "cli.fetch.codes.help": {
        "sv": "koder som visas per variabel",
        "en": "codes shown per variable",
    },
    "cli.fetch.kommun.help": {
        "sv": "kommunkod, fyra siffror (t.ex. 0581)",
        "en": "municipality code, four digits (e.g. 0581)",
    },
    "cli.fetch.level.help": {"sv": "områdesnivå", "en": "area level"},
    # polisen
    "cli.polisen.help": {
        "sv": "hämta Polisens senaste händelser från polisen.se och importera dem",
        "en": "fetch the Swedish Police's latest events from polisen.se and import them",
    },
    "cli.polisen.location.help": {
        "sv": "platsnamn, t.ex. Norrköping (standard: inställningen)",
        "en": "place name, e.g. Norrköping (default: the setting)",
    },
    "cli.polisen.user_agent.help": {
        "sv": "vem som frågar, med kontakt (standard: inställningen)",
        "en": "who is asking, with a contact (default: the setting)",
    },
    "cli.polisen.api_url.help": {
        "sv": "API:ets adress (standard: inställningen)",
        "en": "the API's address (default: the setting)",
    },
    # hotspots
    "cli.hotspots.help": {
        "sv": "Gi* hot spots per rutnätsruta som GeoJSON (WGS84)",
        "en": "Gi* hot spots per grid cell as GeoJSON (WGS84)",
    },
    "cli.hotspots.description": {
        "sv": "Beräknar Getis–Ord Gi* på ett rutnät över de valda områdenas rektangel och "
        "skriver en GeoJSON-fil med en ruta per objekt (även tomma rutor).",
        "en": "Computes Getis–Ord Gi* on a grid over the chosen areas' rectangle and writes "
        "a GeoJSON file with one cell per feature (empty cells too).",
    },
    "cli.hotspots.area.metavar": {"sv": "NAMN_ELLER_KOD", "en": "NAME_OR_CODE"},
    "cli.hotspots.area.help": {
        "sv": "område (namn eller kod); kan upprepas. Utan: alla områden",
        "en": "area (name or code); may be repeated. Without: every area",
    },
    "cli.hotspots.from.help": {"sv": "första dagen", "en": "first day"},
    "cli.hotspots.to.help": {"sv": "sista dagen (inklusive)", "en": "last day (inclusive)"},
    "cli.hotspots.category.metavar": {"sv": "KATEGORI", "en": "CATEGORY"},
    "cli.hotspots.category.help": {
        "sv": "kategorinyckel eller namn (huvudkategori tar med underkategorier)",
        "en": "category key or name (a main category includes its subcategories)",
    },
    "cli.hotspots.actor.metavar": {"sv": "AKTÖR", "en": "ACTOR"},
    "cli.hotspots.actor.help": {"sv": "aktör", "en": "actor"},
    "cli.hotspots.cell_size.help": {
        "sv": "rutstorlek i meter, 25–1000 (standard {default})",
        "en": "cell size in metres, 25–1000 (default {default})",
    },
    "cli.hotspots.fdr.help": {
        "sv": "Benjamini–Hochberg-korrigerade p-värden",
        "en": "Benjamini–Hochberg corrected p-values",
    },
    "cli.hotspots.out.help": {"sv": "GeoJSON-fil att skriva", "en": "GeoJSON file to write"},
    # evaluate
    "cli.evaluate.help": {
        "sv": "utvärdera en sparad åtgärd på lagrade händelser (WDD, WDQ, RES)",
        "en": "evaluate a saved intervention on the stored incidents (WDD, WDQ, RES)",
    },
    "cli.evaluate.description": {
        "sv": "Räknar händelser i åtgärdens område, i en buffertring runt det och i "
        "kontrollringar utanför den (lika många brott före starten som målområdet "
        "respektive bufferten) före och efter starten, och utvärderar med WDD, WDQ "
        "och RES som evaluate-counts.",
        "en": "Counts incidents in the intervention's area, in a buffer ring around it and "
        "in control rings beyond it (as many crimes before the start as the target area "
        "and the buffer respectively) before and after the start, and evaluates with WDD, "
        "WDQ and RES like evaluate-counts.",
    },
    "cli.evaluate.db.help": {"sv": "databas (sökväg eller URL)", "en": "database (path or URL)"},
    "cli.evaluate.intervention.help": {"sv": "åtgärdens id", "en": "the intervention's id"},
    "cli.evaluate.date.help": {"sv": "inklusive", "en": "inclusive"},
    "cli.evaluate.buffer.help": {
        "sv": "buffertringens bredd (standard {default} m)",
        "en": "width of the buffer ring (default {default} m)",
    },
    "cli.evaluate.implementation_days.help": {
        "sv": "dagar efter start som inte räknas (standardperioder)",
        "en": "days after the start that are not counted (default periods)",
    },
    # evaluate-counts
    "cli.evaluate_counts.help": {
        "sv": "utvärdera en insats från antal brott före/efter (WDD, WDQ, RES)",
        "en": "evaluate an intervention from crime counts before/after (WDD, WDQ, RES)",
    },
    "cli.evaluate_counts.description": {
        "sv": "Utvärdera en insats med Weighted Displacement Difference (Wheeler & Ratcliffe "
        "2018), Weighted Displacement Quotient (Bowers & Johnson 2003) och Relative "
        "Effect Size (Farrington & Welsh). Negativ WDD = färre brott än kontrollerna.",
        "en": "Evaluate an intervention with the Weighted Displacement Difference (Wheeler & "
        "Ratcliffe 2018), the Weighted Displacement Quotient (Bowers & Johnson 2003) and "
        "the Relative Effect Size (Farrington & Welsh). Negative WDD = fewer crimes than "
        "the controls.",
    },
    "cli.evaluate_counts.target_before.help": {
        "sv": "brott i målområdet före insatsen",
        "en": "crimes in the target area before the intervention",
    },
    "cli.evaluate_counts.target_after.help": {
        "sv": "brott i målområdet efter insatsen",
        "en": "crimes in the target area after the intervention",
    },
    "cli.evaluate_counts.control_before.help": {
        "sv": "brott i kontrollområdet före",
        "en": "crimes in the control area before",
    },
    "cli.evaluate_counts.control_after.help": {
        "sv": "brott i kontrollområdet efter",
        "en": "crimes in the control area after",
    },
    "cli.evaluate_counts.buffer_before.help": {
        "sv": "brott i buffertområdet före",
        "en": "crimes in the buffer area before",
    },
    "cli.evaluate_counts.buffer_after.help": {
        "sv": "brott i buffertområdet efter",
        "en": "crimes in the buffer area after",
    },
    "cli.evaluate_counts.buffer_control_before.help": {
        "sv": "brott i buffertens kontrollområde före (utelämnas: kontrollområdet används)",
        "en": "crimes in the buffer's control area before (left out: the control area is used)",
    },
    "cli.evaluate_counts.buffer_control_after.help": {
        "sv": "brott i buffertens kontrollområde efter",
        "en": "crimes in the buffer's control area after",
    },
    # import
    "cli.import.help": {
        "sv": "importera en fil till databasen",
        "en": "import a file into the database",
    },
    "cli.import.file.help": {
        "sv": "CSV, XLSX, GeoJSON, GeoPackage, zippad Shapefile eller JSON",
        "en": "CSV, XLSX, GeoJSON, GeoPackage, zipped Shapefile or JSON",
    },
    "cli.import.kind.help": {"sv": "vad filen innehåller", "en": "what the file holds"},
    "cli.import.crs.help": {
        "sv": "filens koordinatsystem, t.ex. EPSG:3006",
        "en": "the file's coordinate system, e.g. EPSG:3006",
    },
    "cli.import.mapping.help": {
        "sv": "TOML-fil med kolumn-/kategorimappning",
        "en": "TOML file with a column/category mapping",
    },
    "cli.import.source.help": {
        "sv": "källans namn (standard: filnamnet)",
        "en": "the source's name (default: the file name)",
    },
    "cli.import.valid_rows_only.help": {
        "sv": "importera giltiga rader, rapportera resten",
        "en": "import the valid rows, report the rest",
    },
    "cli.import.areas.group": {"sv": "--kind areas (områden)", "en": "--kind areas"},
    "cli.import.code_column.help": {
        "sv": "kolumnen med områdeskoden (krävs för areas)",
        "en": "the column with the area code (required for areas)",
    },
    "cli.import.name_column.help": {
        "sv": "kolumnen med områdets namn (standard: koden)",
        "en": "the column with the area's name (default: the code)",
    },
    "cli.import.level.help": {"sv": "områdesnivå", "en": "area level"},
    "cli.import.layer.help": {
        "sv": "lager i en GeoPackage med flera lager",
        "en": "layer in a GeoPackage with several layers",
    },
    "cli.import.parent_column.help": {
        "sv": "kolumn med överordnat områdes kod (t.ex. RegSO)",
        "en": "column with the parent area's code (e.g. RegSO)",
    },
    "cli.import.indicators.group": {
        "sv": "--kind indicators (indikatorvärden)",
        "en": "--kind indicators (indicator values)",
    },
    "cli.import.indicator.help": {
        "sv": "indikatorns nyckel när tabellen saknar indikatorkolumn",
        "en": "the indicator's key when the table has no indicator column",
    },
    "cli.import.period_column.help": {
        "sv": "kolumnen med perioden (2024, 2024-Q1, 2024-05)",
        "en": "the column with the period (2024, 2024-Q1, 2024-05)",
    },
    "cli.import.period.help": {
        "sv": "samma period för alla rader, när tabellen saknar periodkolumn (2022)",
        "en": "one period for every row, when the table has no period column (2022)",
    },
    "cli.import.area_column.help": {
        "sv": "kolumnen med områdeskoden",
        "en": "the column with the area code",
    },
    "cli.import.value_column.help": {
        "sv": "kolumnen med värdet",
        "en": "the column with the value",
    },
    "cli.import.n_column.help": {
        "sv": "kolumnen med underlaget n (svarande, barn …)",
        "en": "the column with the base n (respondents, children …)",
    },
    "cli.import.sheet.help": {
        "sv": "blad i en XLSX-fil (standard: det första)",
        "en": "sheet in an XLSX file (default: the first)",
    },
    "cli.import.regso_key.group": {
        "sv": "--kind regso-key (DeSO→RegSO-nyckel; sparas, och med --indicator aggregeras "
        "den indikatorn till RegSO)",
        "en": "--kind regso-key (DeSO→RegSO key; stored, and with --indicator that indicator "
        "is aggregated to RegSO)",
    },
    "cli.import.deso_column.help": {
        "sv": "nyckelns kolumn med DeSO-kod (standard: deso)",
        "en": "the key's column with the DeSO code (default: deso)",
    },
    "cli.import.regso_column.help": {
        "sv": "nyckelns kolumn med RegSO-kod (standard: regso)",
        "en": "the key's column with the RegSO code (default: regso)",
    },
    "cli.import.regso_name_column.help": {
        "sv": "nyckelns kolumn med RegSO-namn (standard: regsonamn)",
        "en": "the key's column with the RegSO name (default: regsonamn)",
    },
    "cli.import.standalone.description": {
        "sv": "importera områden/indikatorer",
        "en": "import areas/indicators",
    },
    "cli.import.standalone.file.help": {"sv": "filen att importera", "en": "the file to import"},
    "cli.import.standalone.db.help": {"sv": "databasfil", "en": "database file"},
}
