"""``est-geo hotspots``: Gi* hot spots of a selection as a GeoJSON grid (WGS84).

One feature per cell of the analysed rectangle — zero-count cells included, since Gi*
treats them as units too and a GIS user must see the whole study area — with properties
``cell_id``, ``count``, ``gi_z``, ``gi_p``, ``gi_class`` (``gi_p_fdr`` too with
``--fdr``), and the run's parameters in a top-level ``"parameters"`` member. The same
code as the Hotspots page computes it (:mod:`est_geo.hotspots.layers`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import AnalysisError, EstGeoError, Problem, ValidationError, keyed_error
from est_geo.core.model import Actor, CategoryTree
from est_geo.hotspots import DEFAULT_CELL_SIZE
from est_geo.i18n import translate


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser(
        "hotspots",
        help=translate("cli.hotspots.help", lang),
        description=translate("cli.hotspots.description", lang),
    )
    p.add_argument("--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.help", lang))
    p.add_argument(
        "--area",
        action="append",
        metavar=translate("cli.hotspots.area.metavar", lang),
        help=translate("cli.hotspots.area.help", lang),
    )
    day = translate("cli.metavar.date", lang)
    p.add_argument(
        "--from", dest="start", metavar=day, help=translate("cli.hotspots.from.help", lang)
    )
    p.add_argument("--to", dest="end", metavar=day, help=translate("cli.hotspots.to.help", lang))
    p.add_argument(
        "--category",
        nargs="+",
        action="extend",
        metavar=translate("cli.hotspots.category.metavar", lang),
        help=translate("cli.hotspots.category.help", lang),
    )
    p.add_argument(
        "--actor",
        nargs="+",
        action="extend",
        metavar=translate("cli.hotspots.actor.metavar", lang),
        help=translate("cli.hotspots.actor.help", lang),
    )
    p.add_argument(
        "--cell-size",
        type=int,
        default=DEFAULT_CELL_SIZE,
        metavar=translate("cli.metavar.metres", lang),
        help=translate("cli.hotspots.cell_size.help", lang, default=DEFAULT_CELL_SIZE),
    )
    p.add_argument("--fdr", action="store_true", help=translate("cli.hotspots.fdr.help", lang))
    p.add_argument("--out", required=True, type=Path, help=translate("cli.hotspots.out.help", lang))
    p.set_defaults(func=run)


def _date(text: str | None, flag: str, problems: list[Problem]) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        reason = translate("cli.arg.date_format", configured_language())
        problems.append(Problem(None, flag, text, reason))
        return None


def resolve_categories(tree: CategoryTree, wanted: list[str], lang: str = "sv") -> frozenset[str]:
    """Category keys for keys or Swedish/English names (case-insensitive), expanded.

    Raises ValidationError naming every unknown one and listing the valid keys (with
    their names in ``lang``).
    """
    lookup: dict[str, str] = {}
    for c in tree.categories:
        for name in (c.key, c.name_sv, c.name_en):
            lookup.setdefault(name.casefold(), c.key)
    unknown = [w for w in wanted if w.strip().casefold() not in lookup]
    if unknown:
        valid = ", ".join(
            f"{c.key} ({c.name_en if lang == 'en' and c.name_en else c.name_sv})"
            for c in tree.categories
        )
        reason = translate("cli.arg.unknown_category", lang)
        raise ValidationError(
            [Problem(None, "--category", u, reason) for u in unknown],
            translate("cli.arg.unknown_category.summary", lang, valid=valid),
        )
    return frozenset(tree.expand(lookup[w.strip().casefold()] for w in wanted))


def resolve_actors(wanted: list[str], lang: str = "sv") -> frozenset[str]:
    """Actor values, checked against :class:`Actor` (every unknown one listed)."""
    valid = [a.value for a in Actor]
    unknown = [w for w in wanted if w.strip().casefold() not in valid]
    if unknown:
        reason = translate("cli.arg.unknown_actor", lang)
        raise ValidationError(
            [Problem(None, "--actor", u, reason) for u in unknown],
            translate("cli.arg.unknown_actor.summary", lang, valid=", ".join(valid)),
        )
    return frozenset(w.strip().casefold() for w in wanted)


def run(args: argparse.Namespace) -> int:
    """Analyse and write the file."""
    from est_geo.hotspots import layers as hl
    from est_geo.store import IncidentQuery, open_store

    lang = configured_language()
    problems: list[Problem] = []
    start = _date(args.start, "--from", problems)
    last = _date(args.end, "--to", problems)
    if start and last and last < start:
        reason = translate("cli.arg.ends_before_from", lang)
        problems.append(Problem(None, "--to", args.end, reason))
    if problems:
        raise ValidationError(problems, translate("cli.arg.invalid", lang))
    params = hl.HotspotParams(mode="gistar", cell_size=args.cell_size, fdr=args.fdr)

    store = open_store(args.db)
    tree = store.category_tree()
    categories = resolve_categories(tree, args.category, lang) if args.category else None
    actors = resolve_actors(args.actor, lang) if args.actor else None
    bbox, names = hl.analysis_bbox(store.areas(), args.area)
    end = last + timedelta(days=1) if last else None
    query = IncidentQuery(
        start=datetime.combine(start, datetime.min.time()) if start else None,
        end=datetime.combine(end, datetime.min.time()) if end else None,
        categories=categories,
        actors=actors,
        bbox=bbox,
    )
    incidents = store.incidents(query)
    period = (start, end) if start and end else None
    layer = hl.run_layer(
        incidents,
        bbox,
        params,
        period=period,
        filters={**query.describe(), "areas": names},
        max_features=sys.maxsize,
    )
    if layer.gistar is None:
        raise keyed_error(AnalysisError, "cli.hotspots.flat", n=layer.n_incidents)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with args.out.open("w", encoding="utf-8") as fp:
            n = hl.write_feature_collection(layer, fp, everything=True)
    except OSError as exc:
        raise keyed_error(
            EstGeoError, "cli.hotspots.write_failed", path=args.out, reason=exc
        ) from exc
    hot = sum(layer.gistar.count(c) for c in ("hot_99", "hot_95", "hot_90"))
    print(
        translate(
            "cli.hotspots.written",
            lang,
            n=n,
            size=layer.grid.cell_size,
            incidents=layer.n_incidents,
            hot=hot,
            path=args.out,
        )
    )
    if layer.coarsened_from:
        print(
            translate(
                "cli.hotspots.coarsened", lang, old=layer.coarsened_from, new=layer.grid.cell_size
            ),
            file=sys.stderr,
        )
    if layer.note:
        print(translate("cli.note", lang, text=layer.note.text(lang)), file=sys.stderr)
    return 0
