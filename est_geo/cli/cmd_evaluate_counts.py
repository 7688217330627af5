"""``est-geo evaluate-counts``: evaluate an intervention from before/after crime counts.

A thin shell around :func:`est_geo.interventions.evaluation.evaluate_counts` so an
analyst can check a result from a terminal or a script: ``--json`` prints one JSON object
(the keys of :meth:`~est_geo.interventions.evaluation.EvaluationResult.to_dict`),
otherwise a short Swedish summary.
Bad counts never reach the statistics: argparse refuses negative or non-integer values
and names the flag; an incomplete buffer-control pair is a
:class:`~est_geo.core.errors.ValidationError` (exit code 2 via :func:`est_geo.cli.main`).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from est_geo.core.config import configured_language
from est_geo.i18n import translate
from est_geo.i18n.numbers import number
from est_geo.i18n.numbers import number_or_dash as num
from est_geo.interventions.evaluation import Counts, EvaluationResult, evaluate_counts

#: (flag, Counts field, required) for every count option; the help text is the catalogue's
#: ``cli.evaluate_counts.<field>.help``.
_COUNT_OPTIONS: tuple[tuple[str, str, bool], ...] = (
    ("--target-before", "target_before", True),
    ("--target-after", "target_after", True),
    ("--control-before", "control_before", True),
    ("--control-after", "control_after", True),
    ("--buffer-before", "buffer_before", True),
    ("--buffer-after", "buffer_after", True),
    ("--buffer-control-before", "buffer_control_before", False),
    ("--buffer-control-after", "buffer_control_after", False),
)


def _count(text: str) -> int:
    """argparse type: a whole number ≥ 0 (argparse adds the flag name to the message)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} är inget heltal; ange antal brott som ett heltal ≥ 0"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{value} är negativt; antal brott måste vara ≥ 0")
    return value


def register(sub: Any) -> None:
    """Attach the sub-command."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser(
        "evaluate-counts",
        help=translate("cli.evaluate_counts.help", lang),
        description=translate("cli.evaluate_counts.description", lang),
    )
    for flag, dest, required in _COUNT_OPTIONS:
        help_text = translate(f"cli.evaluate_counts.{dest}.help", lang)
        p.add_argument(flag, dest=dest, type=_count, required=required, metavar="N", help=help_text)
    p.add_argument("--json", action="store_true", help=translate("cli.json.result.help", lang))
    p.set_defaults(func=run)


#: Marks a WDD line whose control is of another size (see the verdict for why).
_NOT_COMPARABLE = " – inget resultat: kontrollen är inte jämförbar i antal"


def _summary(r: EvaluationResult) -> str:
    """Readable Swedish summary for the terminal."""
    local_note = "" if r.control_comparable else _NOT_COMPARABLE
    disp_note = "" if r.buffer_control_comparable else _NOT_COMPARABLE
    total_note = local_note or disp_note
    lines = [
        r.headline_sv,
        "",
        "Utvärdering av insats (antal brott före → efter)",
        f"  Målområde:            {r.target_before:>7} → {r.target_after}",
        f"  Buffertområde:        {r.buffer_before:>7} → {r.buffer_after}",
        f"  Kontrollområde:       {r.control_before:>7} → {r.control_after}",
        f"  Buffertens kontroll:  {r.buffer_control_before:>7} → {r.buffer_control_after}"
        + (" (kontrollområdet)" if r.buffer_control_from_control else ""),
        "",
        f"  WDD totalt:       {number(r.wdd, digits=0)} (SE {num(r.wdd_se, 'sv', 2)}, "
        f"95 %-KI {num(r.wdd_ci_low, 'sv', 1)} "
        f"till {num(r.wdd_ci_high, 'sv', 1)}, z {num(r.wdd_z, 'sv', 2)}, p {num(r.wdd_p, 'sv', 4)})"
        + total_note,
        f"  WDD lokalt:       {number(r.wdd_local, digits=0)} (SE {num(r.wdd_local_se, 'sv', 2)})"
        + local_note,
        f"  WDD förflyttning: {number(r.wdd_displacement, digits=0)} "
        f"(SE {num(r.wdd_displacement_se, 'sv', 2)})" + disp_note,
        f"  WDQ:              {num(r.wdq, 'sv', 2)}"
        + (f" – {r.wdq_band_sv}" if r.wdq_band_sv else f" – {r.wdq_reason}"),
        f"  RES:              {num(r.res, 'sv', 2)} (95 %-KI {num(r.res_ci_low, 'sv', 2)} till "
        f"{num(r.res_ci_high, 'sv', 2)})" + (f" – {r.res_reason}" if r.res_reason else ""),
        f"  Bruttoeffekt:     {num(r.gross_effect, 'sv', 1)} %   Nettoeffekt: "
        f"{num(r.net_effect, 'sv', 1)} %   "
        f"Total nettoeffekt: {num(r.total_net_effect, 'sv', 1)} %",
        "",
        r.verdict_sv,
    ]
    if r.warnings:
        lines += ["", "Varningar:"] + [f"  - {w}" for w in r.warnings]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; a ValidationError propagates to :func:`est_geo.cli.main`."""
    counts = Counts(**{dest: getattr(args, dest) for _, dest, _ in _COUNT_OPTIONS})
    result = evaluate_counts(counts)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        print(_summary(result))
    return 0
