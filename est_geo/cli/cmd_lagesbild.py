"""``est-geo lagesbild``: write the lägesbild of an area and period as a PDF.

For the minutes of a meeting, or a scheduled job that mails the week's picture. A bad
area or period is a user error (exit code 2) with a message listing what is valid, and
it is checked before anything is computed or written.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import EstGeoError, keyed_error
from est_geo.i18n import translate


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser(
        "lagesbild", help=translate("cli.lagesbild.help", lang)
    )
    p.add_argument(
        "--db", default=str(DEFAULT_DATABASE_PATH), help=translate("cli.db.file.help", lang)
    )
    p.add_argument("--area", required=True, help=translate("cli.lagesbild.area.help", lang))
    p.add_argument(
        "--period",
        required=True,
        help=translate("cli.lagesbild.period.help", lang),
    )
    p.add_argument(
        "--out", required=True, type=Path, help=translate("cli.lagesbild.out.help", lang)
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the period, open the store, compute, write the PDF; print what was written."""
    from est_geo.core.periods import parse_report_period
    from est_geo.meeting.lagesbild import build_lagesbild
    from est_geo.meeting.pdf import lagesbild_pdf
    from est_geo.meeting.period_names import period_label
    from est_geo.store import open_store

    period = parse_report_period(args.period)  # before opening anything: fail fast
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise keyed_error(EstGeoError, "cli.lagesbild.not_pdf", path=out)
    if not out.parent.exists():
        raise keyed_error(EstGeoError, "cli.lagesbild.no_folder", path=out.parent)
    store = open_store(args.db, read_only=True)
    lb = build_lagesbild(store, args.area, period)
    lang = configured_language()
    data = lagesbild_pdf(lb, areas=store.areas(), lang=lang)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out)
    total = lb.total
    print(
        translate(
            "cli.lagesbild.written",
            lang,
            path=out,
            kb=len(data) // 1024,
            area=lb.area_name,
            period=period_label(period, lang),
            n=total.current,
            previous=total.previous,
            last_year=total.last_year,
        )
    )
    return 0
