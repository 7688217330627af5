"""``est-geo i18n export-po|import-po``: the catalogue as a .po file for translators.

The Python catalogue (``est_geo/i18n/``) stays the source of truth; the .po round-trip
lets a municipal translator use Poedit or Weblate (see :mod:`est_geo.cli.po`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from est_geo.cli.po import (
    apply_translations,
    catalogue_paths,
    export_po,
    read_translations_file,
)
from est_geo.core.config import configured_language
from est_geo.i18n import LANGUAGES, MESSAGES, translate


def register(sub: Any) -> None:
    """Attach ``i18n`` and its two sub-commands."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("i18n", help=translate("cli.i18n.help", lang))
    actions = p.add_subparsers(dest="i18n_command", required=True)
    export = actions.add_parser("export-po", help=translate("cli.i18n.export.help", lang))
    imp = actions.add_parser("import-po", help=translate("cli.i18n.import.help", lang))
    for action in (export, imp):
        action.add_argument(
            "--lang", choices=LANGUAGES, required=True, help=translate("cli.i18n.lang.help", lang)
        )
        action.add_argument("file", type=Path, help=translate("cli.i18n.file.help", lang))
    imp.add_argument("--check", action="store_true", help=translate("cli.i18n.check.help", lang))
    export.set_defaults(func=run_export)
    imp.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Write the .po file."""
    with args.file.open("wb") as out:
        n = export_po(args.lang, out)
    print(
        translate(
            "cli.i18n.exported", configured_language(), n=n, path=args.file, language=args.lang
        )
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Check the .po file and write changed translations into the catalogue modules."""
    ui = configured_language()
    found = read_translations_file(args.file, args.lang, ui)
    if args.check:
        print(translate("cli.i18n.checked", ui, n=len(found.translations)))
        return 0
    changed = apply_translations(found.translations, args.lang, catalogue_paths())
    same = sum(1 for k, v in found.translations.items() if MESSAGES[k].get(args.lang) == v)
    print(translate("cli.i18n.imported", ui, changed=changed, same=same, empty=found.empty))
    return 0
