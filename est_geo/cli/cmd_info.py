"""``est-geo info``: counts per table, schema version and CRS of a database."""

from __future__ import annotations

import argparse
import json
from typing import Any

from est_geo.config import DEFAULT_DATABASE_PATH


def register(sub: Any) -> None:
    """Attach the sub-command."""
    p: argparse.ArgumentParser = sub.add_parser("info", help="visa innehållet i en databas")
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help="databasfil (URL eller sökväg)")
    p.add_argument("--json", action="store_true", help="skriv ut som JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the summary."""
    from est_geo.store import open_store

    info = open_store(args.db).info()
    if args.json:
        print(json.dumps(info.__dict__, ensure_ascii=False, indent=2))
        return 0
    print(f"Databas:       {info.url} ({info.backend})")
    print(f"Schemaversion: {info.schema_version}")
    print(f"Koordinatsys.: {info.crs}")
    print(f"Demodata:      {'ja – fiktiva händelser' if info.demo else 'nej'}")
    lo, hi = info.incident_range
    print(f"Händelser:     {lo or '–'} – {hi or '–'}")
    for table, count in info.counts.items():
        print(f"  {table:<22} {count:>10}")
    return 0
