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
}
