"""``est-geo export``: incidents, areas or interventions to GeoPackage, GeoJSON, CSV or XLSX.

CSV and XLSX are tables (x/y in SWEREF 99 TM plus lat/lon); see :mod:`est_geo.io.export`.
"""

from __future__ import annotations

import argparse
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.i18n import translate
from est_geo.io.export import FORMATS, WHATS


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("export", help=translate("cli.export.help", lang))
    p.add_argument("out", help=translate("cli.export.out.help", lang))
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.help", lang))
    p.add_argument(
        "--what", required=True, choices=WHATS, help=translate("cli.export.what.help", lang)
    )
    p.add_argument(
        "--format",
        required=True,
        choices=FORMATS,
        help=translate("cli.export.format.help", lang),
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Export read-only: the database is opened with mode=ro."""
    from est_geo.io import export_layer
    from est_geo.store import open_store

    n = export_layer(open_store(args.db, read_only=True), args.what, args.format, args.out)
    print(
        translate(
            "cli.export.written",
            configured_language(),
            n=n,
            what=args.what,
            format=args.format,
            path=args.out,
        )
    )
    return 0
