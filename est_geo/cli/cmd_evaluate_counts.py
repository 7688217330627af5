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
from est_geo.interventions.evaluation import (
    Counts,
    EvaluationResult,
    evaluate_counts,
    headline,
    reason_text,
    verdict,
    warning_texts,
    wdq_band_label,
)

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
            translate("cli.eval.not_an_integer", configured_language(), text=repr(text))
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            translate("cli.eval.negative", configured_language(), value=value)
        )
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


def _summary(r: EvaluationResult, lang: str = "sv") -> str:
    """Readable summary for the terminal in ``lang``.

    A WDD line whose control is of another size says there is no result (the verdict
    says why).
    """

    def tr(key: str, **values: object) -> str:
        return translate(f"cli.eval.{key}", lang, **values)

    def n(value: float | None, digits: int) -> str:
        return num(value, lang, digits)

    def counts(key: str, before: int, after: int) -> str:
        return f"  {tr(key):<22}{before:>7} → {after}"

    local_note = "" if r.control_comparable else tr("not_comparable")
    disp_note = "" if r.buffer_control_comparable else tr("not_comparable")
    wdd = tr(
        "wdd_ci", wdd=number(r.wdd, lang, digits=0), se=n(r.wdd_se, 2), low=n(r.wdd_ci_low, 1),
        high=n(r.wdd_ci_high, 1), z=n(r.wdd_z, 2), p=n(r.wdd_p, 4),
    )  # fmt: skip
    res_why = reason_text(r, "res", lang)
    wdq_note = wdq_band_label(r.wdq_band, lang) if r.wdq_band else reason_text(r, "wdq", lang)
    res = tr("res_ci", res=n(r.res, 2), low=n(r.res_ci_low, 2), high=n(r.res_ci_high, 2))
    effects = tr(
        "effects", gross=n(r.gross_effect, 1), net=n(r.net_effect, 1),
        total=n(r.total_net_effect, 1),
    )  # fmt: skip
    lines = [
        headline(r.outcome, r.outcome_reason, r.target_before, r.target_after, lang=lang),
        "",
        tr("title"),
        counts("target", r.target_before, r.target_after),
        counts("buffer", r.buffer_before, r.buffer_after),
        counts("control", r.control_before, r.control_after),
        counts("buffer_control", r.buffer_control_before, r.buffer_control_after)
        + (tr("from_control") if r.buffer_control_from_control else ""),
        "",
        f"  {tr('wdd_total'):<18}{wdd}" + (local_note or disp_note),
        f"  {tr('wdd_local'):<18}{number(r.wdd_local, lang, digits=0)} "
        f"(SE {n(r.wdd_local_se, 2)})" + local_note,
        f"  {tr('wdd_displacement'):<18}{number(r.wdd_displacement, lang, digits=0)} "
        f"(SE {n(r.wdd_displacement_se, 2)})" + disp_note,
        f"  {'WDQ:':<18}{n(r.wdq, 2)} – {wdq_note}",
        f"  {'RES:':<18}{res}" + (f" – {res_why}" if res_why else ""),
        f"  {effects}",
        "",
        verdict(r, lang),
    ]
    if told := warning_texts(r, lang):
        lines += ["", tr("warnings")] + [f"  - {w}" for w in told]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; a ValidationError propagates to :func:`est_geo.cli.main`."""
    counts = Counts(**{dest: getattr(args, dest) for _, dest, _ in _COUNT_OPTIONS})
    result = evaluate_counts(counts)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False))
    else:
        print(_summary(result, configured_language()))
    return 0
