"""``est-geo import``: bring a file into the database, all or nothing.

Kinds are a registry (:data:`IMPORTERS`) so other importers (areas, indicators) plug in
by adding one handler, without touching the argument parsing. On unusable input every
problem is printed (row and reason), nothing is written and the exit code is 2.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from est_geo.cli import import_indicators as indicator_cli
from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import ValidationError, error_text
from est_geo.i18n import translate

if TYPE_CHECKING:
    from est_geo.io.polisen import PolisenImportReport

Handler = Callable[[argparse.Namespace], int]


def _user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _incidents(args: argparse.Namespace) -> int:
    from est_geo.io import import_incidents, load_mapping_toml
    from est_geo.store import open_store

    store = open_store(args.db)
    mapping = load_mapping_toml(args.mapping) if args.mapping else None
    report = import_incidents(
        store,
        Path(args.file),
        user=_user(),
        source=args.source,
        mapping=mapping,
        crs=args.crs,
        valid_rows_only=args.valid_rows_only,
    )
    plan = report.plan
    lines: list[tuple[str, object]] = [("source", report.source)]
    if plan.crs is not None:
        lines.append(("crs", plan.crs.describe(configured_language())))
    lines += [("warning", warning.text(configured_language())) for warning in plan.warnings]
    lines += [
        ("rows_read", report.rows_read),
        ("imported", report.imported),
        ("duplicates", f"{report.duplicates:>7}"),
        ("rejected", report.rejected),
    ]
    print_summary(lines)
    for p in plan.problems:
        print(f"  - {p.text(configured_language())}")
    if plan.unknown_categories:
        labels = ", ".join(f"{k!r} ({v})" for k, v in plan.unknown_categories.items())
        print_summary([("unknown_categories", labels)])
    return 0


def print_summary(lines: list[tuple[str, object]], prefix: str = "cli.import") -> None:
    """Print ``label: value`` lines, labels (``<prefix>.<key>``) padded to one column.

    The column is at least 21 wide (the Swedish layout); a longer label widens it.
    """
    lang = configured_language()
    labels = [translate(f"{prefix}.{key}", lang) + ":" for key, _ in lines]
    width = max(21, *(len(label) for label in labels))
    for label, (_, value) in zip(labels, lines, strict=True):
        print(f"{label:<{width}}{value}")


def _polisen(args: argparse.Namespace) -> int:
    from est_geo.io import import_polisen_events
    from est_geo.store import open_store

    print_polisen_report(import_polisen_events(open_store(args.db), Path(args.file), user=_user()))
    return 0


def print_polisen_report(report: PolisenImportReport) -> None:
    """The summary of a Polisen import (a saved file or a live fetch)."""
    print_summary(
        [
            ("events_read", report.rows_read),
            ("imported", report.imported),
            ("duplicates", f"{report.duplicates:>7}"),
            ("categorised", report.categorised),
            ("linked", f"{report.linked:>7}"),
        ]
    )


#: ``--kind`` → handler. Add an entry to support another kind of file.
IMPORTERS: dict[str, Handler] = {
    "incidents": _incidents,
    "polisen": _polisen,
    **indicator_cli.HANDLERS,  # areas, indicators
}


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("import", help=translate("cli.import.help", lang))
    p.add_argument("file", help=translate("cli.import.file.help", lang))
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.help", lang))
    p.add_argument(
        "--kind",
        required=True,
        choices=sorted(IMPORTERS),
        help=translate("cli.import.kind.help", lang),
    )
    p.add_argument("--crs", default=None, help=translate("cli.import.crs.help", lang))
    p.add_argument("--mapping", default=None, help=translate("cli.import.mapping.help", lang))
    p.add_argument("--source", default=None, help=translate("cli.import.source.help", lang))
    p.add_argument(
        "--valid-rows-only",
        action="store_true",
        help=translate("cli.import.valid_rows_only.help", lang),
    )
    indicator_cli.add_arguments(p, lang)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the handler; a validation error prints every problem and exits 2."""
    try:
        return IMPORTERS[args.kind](args)
    except ValidationError as exc:
        lang = configured_language()
        message = error_text(exc, lang)
        print(
            translate("cli.import.nothing_written", lang, message=message.splitlines()[0]),
            file=sys.stderr,
        )
        for problem in exc.problems:
            print(f"  - {problem.text(lang)}", file=sys.stderr)
        return 2
