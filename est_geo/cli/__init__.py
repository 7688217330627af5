"""Command-line interface: ``python -m est_geo`` / ``est-geo``.

Each sub-command lives in its own ``cmd_*.py`` module exposing ``register(subparsers)``;
``register`` attaches a handler ``func(args) -> int``. User errors (:class:`EstGeoError`)
are printed without a traceback and give exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from est_geo.errors import EstGeoError

from . import (
    cmd_demo,
    cmd_evaluate,
    cmd_evaluate_counts,
    cmd_export,
    cmd_hotspots,
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
]


def build_parser() -> argparse.ArgumentParser:
    """Build the top-level parser with every registered sub-command."""
    parser = argparse.ArgumentParser(prog="est-geo", description="EST Geo command line")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in _COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except EstGeoError as exc:
        print(f"est-geo: fel: {exc}", file=sys.stderr)
        return 2
