"""Command-line strings (the ``est-geo i18n`` translator tools, CLI error frame)."""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "cli.error": {"sv": "est-geo: fel: {message}", "en": "est-geo: error: {message}"},
    "cli.i18n.help": {
        "sv": "översättning: katalogen som gettext-fil (.po) för översättarverktyg",
        "en": "translation: the catalogue as a gettext file (.po) for translation tools",
    },
    "cli.i18n.export.help": {
        "sv": "skriv katalogen för ett språk som .po-fil",
        "en": "write the catalogue for one language as a .po file",
    },
    "cli.i18n.import.help": {
        "sv": "läs en översatt .po-fil och skriv ändrade texter till katalogen",
        "en": "read a translated .po file and write changed texts into the catalogue",
    },
    "cli.i18n.lang.help": {"sv": "språk (sv eller en)", "en": "language (sv or en)"},
    "cli.i18n.file.help": {"sv": ".po-fil", "en": ".po file"},
    "cli.i18n.check.help": {
        "sv": "kontrollera bara filen, skriv ingenting",
        "en": "only check the file, write nothing",
    },
    "cli.i18n.exported": {
        "sv": "{n} {n:text|texter} skrivna till {path} ({language}).",
        "en": "{n} {n:text|texts} written to {path} ({language}).",
    },
    "cli.i18n.imported": {
        "sv": "{changed} {changed:text|texter} ändrade i katalogen, {same} oförändrade, "
        "{empty} tomma eller osäkra (fuzzy) hoppades över.",
        "en": "{changed} {changed:text|texts} changed in the catalogue, {same} unchanged, "
        "{empty} empty or fuzzy skipped.",
    },
    "cli.i18n.checked": {
        "sv": "Filen är giltig: {n} {n:översättning|översättningar}, inget skrevs.",
        "en": "The file is valid: {n} {n:translation|translations}, nothing was written.",
    },
    "po.error.lang": {
        "sv": "okänt språk ”{language}” (kända: {known})",
        "en": "unknown language ”{language}” (known: {known})",
    },
    "po.error.size": {
        "sv": ".po-filen är större än {mb} MB",
        "en": "the .po file is larger than {mb} MB",
    },
    "po.error.unreadable": {
        "sv": "ingen läsbar .po-fil: {reason}",
        "en": "not a readable .po file: {reason}",
    },
    "po.error.summary": {
        "sv": "Felaktiga poster i .po-filen; ingenting skrevs",
        "en": "Bad entries in the .po file; nothing was written",
    },
    "po.error.unknown_key": {
        "sv": "okänd nyckel (msgctxt)",
        "en": "unknown key (msgctxt)",
    },
    "po.error.placeholders": {
        "sv": "platshållarna ska vara {want}, som i den svenska texten",
        "en": "the placeholders must be {want}, as in the Swedish text",
    },
}
