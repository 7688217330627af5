"""``est-geo fetch``: bring SCB's DeSO/RegSO boundaries and statistics into the database.

``fetch scb-areas --kommun 0581`` stores the municipality's DeSO (or RegSO) polygons and
the DeSO → RegSO key; ``fetch scb-indicators --kommun 0581 --indicator befolkning`` (or
``--recipe FILE.toml`` for any table) stores one indicator per DeSO; ``fetch scb-table
TAB6574`` lists a table's variables, value codes and periods for writing a recipe. The service
addresses are the settings ``EST_GEO_SCB_GEODATA_URL`` and ``EST_GEO_SCB_PXWEB_URL``.
On any failure nothing is written and the exit code is 2.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language, load_config
from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.i18n import translate


def register(sub: Any) -> None:
    """Attach ``fetch`` with its sources."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("fetch", help=translate("cli.fetch.help", lang))
    sources = p.add_subparsers(dest="source", required=True)
    areas = sources.add_parser("scb-areas", help=translate("cli.fetch.areas.help", lang))
    _common(areas, lang)
    areas.add_argument(
        "--year", type=int, default=2025, help=translate("cli.fetch.year.help", lang)
    )
    areas.set_defaults(func=run_areas)
    ind = sources.add_parser("scb-indicators", help=translate("cli.fetch.indicators.help", lang))
    _common(ind, lang)
    which = ind.add_mutually_exclusive_group(required=True)
    which.add_argument("--indicator", help=translate("cli.fetch.indicator.help", lang))
    which.add_argument("--recipe", help=translate("cli.fetch.recipe.help", lang))
    ind.add_argument("--period", default=None, help=translate("cli.fetch.period.help", lang))
    ind.add_argument(
        "--year",
        type=int,
        default=None,
        help=translate("cli.fetch.indicators.year.help", lang),
    )
    ind.set_defaults(func=run_indicators)
    table = sources.add_parser("scb-table", help=translate("cli.fetch.table.help", lang))
    table.add_argument("table", help=translate("cli.fetch.table.table.help", lang))
    table.add_argument(
        "--codes", type=int, default=15, help=translate("cli.fetch.codes.help", lang)
    )
    table.set_defaults(func=run_table)


def _common(p: argparse.ArgumentParser, lang: str) -> None:
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.help", lang))
    p.add_argument("--kommun", required=True, help=translate("cli.fetch.kommun.help", lang))
    p.add_argument(
        "--level",
        choices=("deso", "regso"),
        default="deso",
        help=translate("cli.fetch.level.help", lang),
    )


def run_areas(args: argparse.Namespace) -> int:
    """Fetch, validate and store one municipality's areas; print what was written."""
    from est_geo.cli.cmd_import import _user, print_summary
    from est_geo.indicators.scb import ScbClient, fetch_areas, store_fetched_areas
    from est_geo.store import open_store

    cfg = load_config()
    store = open_store(args.db)
    with ScbClient() as client:
        fetched = fetch_areas(
            client, cfg.scb_geodata_url, kommun=args.kommun, level=args.level, year=args.year
        )
    stored = store_fetched_areas(store, fetched, user=_user())
    lang = configured_language()
    print(
        translate(
            "cli.fetch.areas_fetched",
            lang,
            n=len(fetched.areas),
            level=args.level,
            year=fetched.year,
            kommun=args.kommun,
        )
    )
    lines: list[tuple[str, object]] = [("new", stored.inserted), ("replaced", stored.replaced)]
    if stored.removed:
        lines.append(("removed", ", ".join(stored.removed)))
    if stored.key_rows:
        rows, parents = stored.key_rows, stored.key_parents
        key = translate("cli.fetch.key.value", lang, rows=f"{rows:>7}", n=rows, parents=parents)
        lines.append(("key", key))
    at = translate("cli.fetch.source.value", lang, url=fetched.source_url, at=fetched.fetched_at)
    print_summary([*lines, ("source", at)], "cli.fetch")
    return 0


def run_indicators(args: argparse.Namespace) -> int:
    """Fetch one indicator for the municipality's areas, store it, print the join report."""
    from est_geo.cli.cmd_import import _user, print_summary
    from est_geo.indicators.scb import (
        CATALOGUE,
        ScbClient,
        fetch_indicator,
        load_recipe,
        store_fetched_indicator,
    )
    from est_geo.indicators.scb.areas import stored_area_version
    from est_geo.store import open_store

    cfg = load_config()
    if args.recipe:
        recipe = load_recipe(args.recipe)
    elif args.indicator in CATALOGUE:
        recipe = CATALOGUE[args.indicator]
    else:
        raise keyed_error(
            EstGeoError,
            "cli.fetch.unknown_indicator",
            name=repr(args.indicator),
            known=", ".join(sorted(CATALOGUE)),
        )
    store = open_store(args.db)
    # The version of the stored areas, unless named: values for the shapes on the map.
    version = args.year or stored_area_version(store, args.kommun, args.level)
    with ScbClient() as client:
        fetched = fetch_indicator(
            client,
            cfg.scb_pxweb_url,
            recipe,
            kommun=args.kommun,
            level=args.level,
            period=args.period,
            version=version,
        )
    stored = store_fetched_indicator(store, fetched, user=_user())
    report = stored.report
    lang = configured_language()
    name = recipe.name_en if lang == "en" and recipe.name_en else recipe.name_sv
    written = translate("cli.fetch.written.value", lang, n=stored.written, queries=fetched.queries)
    lines: list[tuple[str, object]] = [
        ("indicator", f"{recipe.key} ({name}), period {fetched.period}"),
        ("version", f"{args.level} {fetched.version}"),
        ("written", written),
        ("matched", report.matched),
    ]
    if fetched.missing:
        lines.append(("missing", ", ".join(fetched.missing)))
    if report.areas_without_value:
        lines.append(("without_value", len(report.areas_without_value)))
    if report.codes_without_area:
        lines.append(("codes_without_area", ", ".join(report.codes_without_area[:20])))
    today = date.today().isoformat()
    lines.append(
        ("source", translate("cli.fetch.source.value", lang, url=fetched.source_url, at=today))
    )
    print_summary(lines, "cli.fetch")
    return 0


def run_table(args: argparse.Namespace) -> int:
    """Print a table's variables with their first value codes, and its periods."""
    from est_geo.indicators.scb import CATALOGUE, ScbClient, describe_table

    cfg = load_config()
    table = CATALOGUE[args.table].table if args.table in CATALOGUE else args.table
    with ScbClient() as client:
        dims = describe_table(client, cfg.scb_pxweb_url, table)
    lang = configured_language()
    shown = max(1, int(args.codes))
    print(translate("cli.fetch.table", lang, table=table))
    for var in dims.ids:
        codes = dims.categories[var]
        more = translate("cli.fetch.more_codes", lang, n=len(codes)) if len(codes) > shown else ""
        texts = dims.labels.get(var, {})
        # A code's text where the table gives one: how a recipe's writer tells e.g. a
        # mean from a share among ContentsCode values the catalogue does not name.
        named = [f"{c} ({texts[c]})" if c in texts else c for c in codes[:shown]]
        print(f"  {var}: {', '.join(named)}{more}")
    for var in dims.roles.get("time", ()):
        periods = ", ".join(dims.categories.get(var, ()))
        print(translate("cli.fetch.periods", lang, var=var, periods=periods))
    return 0
