"""``est-geo info``: counts per table, schema version and CRS of a database."""

from __future__ import annotations

import argparse
import json
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.i18n import translate
from est_geo.store.demo_mode import demo_ended


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("info", help=translate("cli.info.help", lang))
    p.add_argument(
        "--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.file.help", lang)
    )
    p.add_argument("--json", action="store_true", help=translate("cli.json.help", lang))
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary."""
    from est_geo.store import open_store

    store = open_store(args.db)
    info = store.info()
    ended = demo_ended(store.meta())
    if args.json:
        print(json.dumps(info.__dict__ | {"demo_ended": ended}, ensure_ascii=False, indent=2))
        return 0
    lang = configured_language()
    lo, hi = info.incident_range
    lines = {
        "database": f"{info.url} ({info.backend})",
        "schema": str(info.schema_version),
        "crs": str(info.crs),
        "demo": _demo_line(info.demo, ended, lang),
        "incidents": f"{lo or '–'} – {hi or '–'}",
    }
    labels = {key: translate(f"cli.info.{key}", lang) + ":" for key in lines}
    width = max(len(label) for label in labels.values())
    for key, value in lines.items():
        print(f"{labels[key]:<{width}} {value}")
    for table, count in info.counts.items():
        print(f"  {table:<22} {count:>10}")
    return 0


def _demo_line(demo: bool, ended: dict[str, str] | None, lang: str) -> str:
    if demo:
        return translate("cli.info.demo.yes", lang)
    if ended is None:
        return translate("cli.info.demo.no", lang)
    return translate(
        "cli.info.demo.ended", lang, at=ended["at"], by=ended["by"], command=ended["with"]
    )
