"""Command-line interface: ``python -m est_geo`` / ``est-geo``.

Each sub-command lives in its own ``cmd_*.py`` module exposing ``register(subparsers)``;
``register`` attaches a handler ``func(args) -> int``. User errors (:class:`EstGeoError`)
are printed without a traceback and give exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from est_geo.core.config import configured_language
from est_geo.core.errors import EstGeoError, error_text
from est_geo.i18n import translate

from . import (
    cmd_basemap,
    cmd_demo,
    cmd_evaluate,
    cmd_evaluate_counts,
    cmd_export,
    cmd_fetch,
    cmd_hotspots,
    cmd_i18n,
    cmd_import,
    cmd_info,
    cmd_lagesbild,
    cmd_polisen,
    cmd_user,
)

_COMMANDS = [
    cmd_demo,
    cmd_info,
    cmd_evaluate_counts,
    cmd_evaluate,
    cmd_user,
    cmd_import,
    cmd_polisen,
    cmd_export,
    cmd_lagesbild,
    cmd_hotspots,
    cmd_fetch,
    cmd_basemap,
    cmd_i18n,
]


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="est-geo", description=translate("cli.description", configured_language())
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _COMMANDS:
        module.register(sub)
    return parser


#: Sub-commands that bring real data into a database (and so end demo mode).
_IMPORTS = frozenset({"import", "polisen", "fetch"})


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        # ``fetch scb-table`` only reads SCB's metadata: it has no database.
        was_demo = args.command in _IMPORTS and hasattr(args, "db") and _is_demo(args.db)
        code = int(args.func(args))
        if was_demo and not _is_demo(args.db):
            print(translate("cli.demo_ended", configured_language()))
        return code
    except EstGeoError as exc:
        message = error_text(exc, configured_language())
        print(translate("cli.error", configured_language(), message=message), file=sys.stderr)
        return 2


def _is_demo(url: str) -> bool:
    """Whether the database at ``url`` is in demo mode (read-only look)."""
    from est_geo.store import open_store

    return open_store(url, read_only=True).is_demo()
