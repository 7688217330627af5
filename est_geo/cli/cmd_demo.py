"""``est-geo demo``: create (or replace) the demo database."""

from __future__ import annotations

import argparse
import time
from datetime import date
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.i18n import translate


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("demo", help=translate("cli.demo.help", lang))
    p.add_argument(
        "--db",
        default=str(DEFAULT_DATABASE_PATH),
        help=translate("cli.demo.db.help", lang),
    )
    p.add_argument(
        "--incidents",
        type=_positive,
        default=20_000,
        help=translate("cli.demo.incidents.help", lang),
    )
    p.add_argument("--seed", type=int, default=2017, help=translate("cli.demo.seed.help", lang))
    p.add_argument(
        "--end-date",
        type=date.fromisoformat,
        default=None,
        help=translate("cli.demo.end_date.help", lang),
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help=translate("cli.demo.replace.help", lang),
    )
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(translate("cli.demo.at_least_one", configured_language()))
    return value


def run(args: argparse.Namespace) -> int:
    """Generate and store the demo data."""
    from est_geo.demo.bootstrap import create_demo_database

    started = time.perf_counter()
    store = create_demo_database(
        args.db,
        seed=args.seed,
        n_incidents=args.incidents,
        end_date=args.end_date,
        replace=args.replace,
    )
    info = store.info()
    print(
        translate(
            "cli.demo.created",
            configured_language(),
            url=info.url,
            incidents=info.counts["incidents"],
            areas=info.counts["areas"],
            seconds=f"{time.perf_counter() - started:.1f}",
        )
    )
    return 0
