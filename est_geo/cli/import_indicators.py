"""Handlers of ``est-geo import FILE --kind areas|indicators|regso-key``.

The general ``import`` command (``est_geo/cli/cmd_import.py``) dispatches on ``--kind``
to a dict of handlers; :data:`HANDLERS` holds this package's two, and
:func:`add_arguments` the options they need. Both read and validate the whole file first
and write nothing when anything is wrong: the :class:`~est_geo.core.errors.ValidationError`
lists every problem and becomes exit code 2 in :func:`est_geo.cli.main`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import Problem, ValidationError, error_text
from est_geo.i18n import translate
from est_geo.indicators.io import (
    IMPORT_LEVELS,
    import_areas,
    import_indicator_values,
    import_regso_values,
    read_regso_key,
    store_area_key,
)
from est_geo.indicators.join import JoinReport
from est_geo.store import Store

__all__ = [
    "HANDLERS",
    "add_arguments",
    "build_parser",
    "main",
    "run_areas",
    "run_indicators",
    "run_regso_key",
]

_USER = "cli"


def add_arguments(parser: argparse.ArgumentParser, lang: str = "sv") -> None:
    """Add the options of the ``areas`` and ``indicators`` kinds to an import parser.

    Options other kinds share (``FILE``, ``--kind``, ``--db``) are the import
    command's; :func:`build_parser` adds them for a stand-alone parser. ``lang`` is the
    language of the help texts.
    """

    def tr(key: str) -> str:
        return translate(f"cli.import.{key}", lang)

    g = parser.add_argument_group(tr("areas.group"))
    g.add_argument("--code-column", help=tr("code_column.help"))
    g.add_argument("--name-column", help=tr("name_column.help"))
    g.add_argument("--level", choices=IMPORT_LEVELS, default="custom", help=tr("level.help"))
    g.add_argument("--layer", help=tr("layer.help"))
    g.add_argument("--parent-column", help=tr("parent_column.help"))
    h = parser.add_argument_group(tr("indicators.group"))
    h.add_argument("--indicator", help=tr("indicator.help"))
    h.add_argument("--period-column", help=tr("period_column.help"))
    h.add_argument("--period", help=tr("period.help"))
    h.add_argument("--area-column", help=tr("area_column.help"))
    h.add_argument("--value-column", help=tr("value_column.help"))
    h.add_argument("--n-column", help=tr("n_column.help"))
    h.add_argument("--sheet", help=tr("sheet.help"))
    r = parser.add_argument_group(tr("regso_key.group"))
    r.add_argument("--deso-column", help=tr("deso_column.help"))
    r.add_argument("--regso-column", help=tr("regso_column.help"))
    r.add_argument("--regso-name-column", help=tr("regso_name_column.help"))


def _report_lines(report: JoinReport, lang: str = "sv") -> list[str]:
    lines = [translate("cli.ind.matched", lang, n=report.matched)]
    if report.codes_without_area:
        shown = ", ".join(report.codes_without_area[:30])
        more = len(report.codes_without_area) - 30
        lines.append(
            translate(
                "cli.ind.codes_without_area", lang, n=len(report.codes_without_area), shown=shown
            )
            + (translate("cli.ind.more", lang, n=more) if more > 0 else "")
        )
    if report.areas_without_value:
        shown = ", ".join(report.areas_without_value[:30])
        n = len(report.areas_without_value)
        lines.append(translate("cli.ind.areas_without_value", lang, n=n, shown=shown))
    return lines


def _store(db: str) -> Store:
    from est_geo.store import open_store

    return open_store(db)


def run_areas(args: argparse.Namespace) -> int:
    """Import an area layer; print what was stored."""
    if not args.code_column:
        lang = configured_language()
        reason = translate("cli.ind.code_column_required", lang)
        raise ValidationError(
            [Problem(None, "--code-column", "", reason)],
            translate("cli.ind.missing_options", lang),
        )
    result = import_areas(
        _store(args.db),
        args.file,
        code_column=args.code_column,
        name_column=args.name_column,
        level=args.level,
        layer=args.layer,
        parent_column=args.parent_column,
        user=_USER,
    )
    print(
        translate(
            "cli.ind.areas_imported",
            configured_language(),
            n=result.inserted,
            level=result.level,
            path=args.file,
            crs=result.source_crs,
        )
    )
    return 0


def run_indicators(args: argparse.Namespace) -> int:
    """Import indicator values; print the join report against the stored areas."""
    result = import_indicator_values(
        _store(args.db),
        args.file,
        indicator=args.indicator,
        area_column=args.area_column,
        period_column=args.period_column,
        period=args.period,
        value_column=args.value_column,
        n_column=args.n_column,
        sheet=args.sheet,
        user=_USER,
    )
    lang = configured_language()
    print(
        translate(
            "cli.ind.values_imported",
            lang,
            n=result.written,
            indicators=", ".join(result.indicators),
            periods=", ".join(result.periods),
            path=args.file,
        )
    )
    print("\n".join(_report_lines(result.report, lang)))
    return 0


def run_regso_key(args: argparse.Namespace) -> int:
    """Store a DeSO → RegSO key; with ``--indicator`` also write that indicator's RegSO
    values (materialised, e.g. for exports). The key is checked before anything is
    written, so a bad key file writes neither."""
    lang = configured_language()
    store = _store(args.db)
    columns = {
        "deso_column": args.deso_column,
        "regso_column": args.regso_column,
        "name_column": args.regso_name_column,
    }
    key = read_regso_key(args.file, **columns)
    if args.indicator is not None:
        result = import_regso_values(
            store,
            args.file,
            indicator=args.indicator,
            deso_column=args.deso_column,
            regso_column=args.regso_column,
            user=_USER,
        )
        how = translate("cli.ind.how.sum" if result.how == "sum" else "cli.ind.how.weighted", lang)
        print(
            translate(
                "cli.ind.aggregated",
                lang,
                indicator=args.indicator,
                n=result.written,
                how=how,
                periods=", ".join(result.periods) or "–",
                rows=result.key_rows,
                path=args.file,
            )
        )
        lines = _report_lines(result.report, lang)
        if result.report.codes_without_area:
            lines.append(translate("cli.ind.unsaved", lang))
        print("\n".join(lines))
    stored = store_area_key(store, key, user=_USER)
    print(
        translate(
            "cli.ind.key_saved",
            lang,
            rows=stored.rows,
            parents=stored.parents,
            named=stored.named,
        )
    )
    return 0


#: ``--kind`` → handler, for the general import command's dispatch dict.
HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "areas": run_areas,
    "indicators": run_indicators,
    "regso-key": run_regso_key,
}


def build_parser() -> argparse.ArgumentParser:
    """A stand-alone ``import`` parser for these two kinds (tests, scripts)."""
    lang = configured_language()
    p = argparse.ArgumentParser(
        prog="est-geo import", description=translate("cli.import.standalone.description", lang)
    )
    p.add_argument("file", help=translate("cli.import.standalone.file.help", lang))
    p.add_argument("--kind", required=True, choices=sorted(HANDLERS))
    p.add_argument(
        "--db",
        default=str(DEFAULT_DATABASE_PATH),
        help=translate("cli.import.standalone.db.help", lang),
    )
    add_arguments(p, lang)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one import; user errors print every problem and give exit code 2."""
    import sys

    from est_geo.core.errors import EstGeoError

    args = build_parser().parse_args(argv)
    try:
        return HANDLERS[args.kind](args)
    except EstGeoError as exc:
        lang = configured_language()
        print(translate("cli.error", lang, message=error_text(exc, lang)), file=sys.stderr)
        return 2
