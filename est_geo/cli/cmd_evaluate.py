"""``est-geo evaluate``: evaluate a stored intervention on the stored incidents.

The same statistics as ``evaluate-counts`` (WDD, WDQ, RES, Swedish verdict), but the
counts come from the database: the intervention's scope is the target, a ring of
``--buffer`` metres around it the buffer, and rings beyond it with as many crimes before
the start the controls (see :func:`est_geo.interventions.zones.evaluate_intervention`).
Periods default to equally long periods on each side of the start date; give all four
``--before-*``/``--after-*`` dates (inclusive, ``YYYY-MM-DD``) to choose them. ``--json``
prints the keys of ``evaluate-counts --json`` plus ``periods``, ``areas`` and the
intervention's id/name.
The database is opened read-only: evaluating never writes.
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from typing import Any

from est_geo.cli.cmd_evaluate_counts import _summary
from est_geo.core.config import configured_language
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.periods import Period
from est_geo.i18n import translate
from est_geo.interventions.drawing import DEFAULT_EVAL_BUFFER_M
from est_geo.interventions.zones import (
    EvaluationPeriods,
    StoredEvaluation,
    evaluate_intervention,
    ring_warnings,
)
from est_geo.store import open_store

_DATES = ("before_from", "before_to", "after_from", "after_to")


def _date(text: str) -> date:
    """argparse type: an ISO date (argparse adds the flag name to the message)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.evaluate.not_a_date", configured_language(), text=repr(text))
        ) from None


def _metres(text: str) -> float:
    """argparse type: a positive distance in metres."""
    try:
        value = float(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.evaluate.not_a_number", configured_language(), text=repr(text))
        ) from None
    if not 0 < value <= 10_000:
        raise argparse.ArgumentTypeError(
            translate("cli.evaluate.buffer_range", configured_language(), value=f"{value:g}")
        )
    return value


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser(
        "evaluate",
        help=translate("cli.evaluate.help", lang),
        description=translate("cli.evaluate.description", lang),
    )
    p.add_argument(
        "--db", required=True, metavar="URL", help=translate("cli.evaluate.db.help", lang)
    )
    p.add_argument(
        "--intervention",
        required=True,
        type=int,
        metavar="ID",
        help=translate("cli.evaluate.intervention.help", lang),
    )
    day = translate("cli.metavar.date", lang)
    for name in _DATES:
        flag = "--" + name.replace("_", "-")
        p.add_argument(
            flag, dest=name, type=_date, metavar=day, help=translate("cli.evaluate.date.help", lang)
        )
    p.add_argument(
        "--buffer",
        type=_metres,
        default=DEFAULT_EVAL_BUFFER_M,
        metavar=translate("cli.metavar.metres", lang),
        help=translate("cli.evaluate.buffer.help", lang, default=f"{DEFAULT_EVAL_BUFFER_M:g}"),
    )
    p.add_argument(
        "--implementation-days",
        type=int,
        default=0,
        metavar="N",
        help=translate("cli.evaluate.implementation_days.help", lang),
    )
    p.add_argument("--json", action="store_true", help=translate("cli.json.result.help", lang))
    p.set_defaults(func=run)


def _periods(args: argparse.Namespace) -> EvaluationPeriods | None:
    """The four dates as periods, or ``None`` when none is given (use the defaults)."""
    given = {name: getattr(args, name) for name in _DATES}
    if all(v is None for v in given.values()):
        return None
    lang = configured_language()
    missing = [name for name, v in given.items() if v is None]
    if missing:
        value, reason = (
            translate("cli.arg.missing", lang),
            translate("cli.arg.all_four_dates", lang),
        )
        raise ValidationError(
            [Problem(None, "--" + m.replace("_", "-"), value, reason) for m in missing],
            translate("cli.arg.incomplete_periods", lang),
        )
    reason = translate("cli.arg.ends_before_start", lang)
    problems = [
        Problem(None, f"--{side}-to", str(given[f"{side}_to"]), reason)
        for side in ("before", "after")
        if given[f"{side}_to"] < given[f"{side}_from"]
    ]
    if problems:
        raise ValidationError(problems, translate("cli.arg.invalid_periods", lang))
    return EvaluationPeriods(
        Period(given["before_from"], given["before_to"] + timedelta(days=1)),
        Period(given["after_from"], given["after_to"] + timedelta(days=1)),
    )


def _text(ev: StoredEvaluation, lang: str = "sv") -> str:
    p, z = ev.periods, ev.zones
    head = [
        translate("cli.evaluate.head", lang, id=ev.intervention_id, name=ev.intervention_name),
        translate("cli.evaluate.before", lang, period=p.before.label(), days=p.before.days),
        translate("cli.evaluate.after", lang, period=p.after.label(), days=p.after.days),
        translate(
            "cli.evaluate.zones", lang, metres=f"{z.buffer_m:g}", control=z.control_text(lang)
        ),
        "",
    ]
    warnings = [
        translate("cli.evaluate.warning", lang, text=w) for w in ring_warnings(z, ev.result, lang)
    ]
    tail = ["", *warnings] if warnings else []
    return "\n".join(head) + _summary(ev.result, lang) + "\n".join(tail)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; user errors propagate to :func:`est_geo.cli.main` (exit 2)."""
    periods = _periods(args)
    store = open_store(args.db, read_only=True)
    intervention = store.get_intervention(args.intervention)
    evaluation = evaluate_intervention(
        store,
        intervention,
        periods=periods,
        implementation_days=args.implementation_days,
        buffer_m=args.buffer,
    )
    if args.json:
        print(json.dumps(evaluation.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        print(_text(evaluation, configured_language()))
    return 0
