"""The statistics of an evaluation: normal approximations, the relative effect, WDQ.

The numbers only; what they mean in words is in :mod:`._verdict`. Never imports
streamlit.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import NamedTuple

from est_geo.i18n import translate
from est_geo.interventions.evaluation._counts import (
    _Z_CRIT,
    MIN_CELL_COUNT,
    MIN_TARGET_TOTAL,
    Counts,
)

__all__ = [
    "wdq_band",
]


# --------------------------------------------------------------------------- statistics


class _Normal(NamedTuple):
    """A normally approximated estimate with its 95 % interval."""

    estimate: int
    se: float
    z: float | None
    ci_low: float
    ci_high: float
    p: float | None


def _two_sided_p(z: float) -> float:
    """Two-sided p-value of a standard-normal z (erfc keeps precision in the tail)."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def _normal_estimate(estimate: int, variance: int) -> _Normal:
    """Wald statistics for a count difference with a known Poisson variance.

    With zero variance (all counts zero) z and p are undefined and returned as ``None``;
    the interval collapses to the estimate.
    """
    se = math.sqrt(variance)
    if variance == 0:
        return _Normal(estimate, 0.0, None, float(estimate), float(estimate), None)
    z = estimate / se
    half = _Z_CRIT * se
    return _Normal(estimate, se, z, estimate - half, estimate + half, _two_sided_p(z))


class _Ratio(NamedTuple):
    """A relative effect size with its log-normal 95 % interval."""

    value: float | None
    ci_low: float | None
    ci_high: float | None
    p: float | None
    reason: str | None
    exact: Fraction | None


def _relative_effect(
    t_before: int, t_after: int, c_before: int, c_after: int, lang: str = "sv"
) -> _Ratio:
    """RES = (t_before * c_after) / (t_after * c_before) with Var(ln RES) = sum of 1/count.

    All four counts must be positive: a zero makes either the ratio or its logarithm
    undefined. No continuity correction is applied (it would invent crimes).
    """
    zero = [
        translate(f"evaluation.reason.where.{name}", lang)
        for name, value in (
            ("target_before", t_before),
            ("target_after", t_after),
            ("control_before", c_before),
            ("control_after", c_after),
        )
        if value == 0
    ]
    if zero:
        reason = translate("evaluation.reason.res_undefined", lang, where=", ".join(zero))
        return _Ratio(None, None, None, None, reason, None)
    exact = Fraction(t_before * c_after, t_after * c_before)
    log_res = math.log(t_before * c_after) - math.log(t_after * c_before)
    se = math.sqrt(1 / t_before + 1 / t_after + 1 / c_before + 1 / c_after)
    return _Ratio(
        float(exact),
        math.exp(log_res - _Z_CRIT * se),
        math.exp(log_res + _Z_CRIT * se),
        _two_sided_p(log_res / se),
        None,
        exact,
    )


def _percent_change(before: int, after: int) -> float | None:
    """100 * (after - before) / before, or ``None`` when there was nothing before."""
    if before == 0:
        return None
    return float(Fraction(100 * (after - before), before))


def wdq_band(wdq: float | Fraction) -> str:
    """Band of a WDQ value as in [G2009]_ appendix C (only for an interpretable WDQ).

    ``> 1`` diffusion greater than the direct effect; ``0 < WDQ <= 1`` diffusion;
    ``0`` neither; ``-1 <= WDQ < 0`` displacement smaller than the direct benefit;
    ``< -1`` displacement greater than the direct benefit (the scheme backfired).
    Exact fractions are accepted so that the boundaries 0 and ±1 are classified exactly.
    """
    if wdq > 1:
        return "diffusion_greater_than_direct_effect"
    if wdq > 0:
        return "diffusion"
    if wdq == 0:
        return "no_displacement_or_diffusion"
    if wdq >= -1:
        return "displacement_less_than_direct_effect"
    return "displacement_greater_than_direct_effect"


class _Wdq(NamedTuple):
    value: float | None
    reason: str | None
    band: str | None
    success: Fraction | None
    buffer: Fraction | None


def _wdq(c: Counts, lang: str = "sv") -> _Wdq:
    """WDQ of [BJ2003]_ in exact arithmetic, with the interpretability check."""
    if c.control_before == 0 or c.control_after == 0:
        return _Wdq(
            None,
            translate("evaluation.reason.wdq_no_control", lang),
            None,
            None,
            None,
        )
    success = Fraction(c.target_after, c.control_after) - Fraction(
        c.target_before, c.control_before
    )
    buffer = Fraction(c.buffer_after, c.control_after) - Fraction(c.buffer_before, c.control_before)
    if success == 0:
        return _Wdq(
            None,
            translate("evaluation.reason.wdq_no_success", lang),
            None,
            success,
            buffer,
        )
    if success > 0:
        return _Wdq(
            None,
            translate("evaluation.reason.wdq_not_interpretable", lang),
            None,
            success,
            buffer,
        )
    value = buffer / success
    return _Wdq(float(value), None, wdq_band(value), success, buffer)


def _small_count_warnings(c: Counts, lang: str = "sv") -> list[str]:
    """Apply the documented small-count rule; one message in ``lang`` per reason."""
    dc_before, dc_after = c.effective_buffer_control
    used = {
        "target_before": c.target_before,
        "target_after": c.target_after,
        "control_before": c.control_before,
        "control_after": c.control_after,
        "buffer_before": c.buffer_before,
        "buffer_after": c.buffer_after,
    }
    if not c.buffer_control_from_control:
        used["buffer_control_before"] = dc_before
        used["buffer_control_after"] = dc_after
    messages = []
    low = [
        f"{translate(f'evaluation.warning.count.{name}', lang)} ({value})"
        for name, value in used.items()
        if value < MIN_CELL_COUNT
    ]
    if low:
        messages.append(
            translate("evaluation.warning.few", lang, min=MIN_CELL_COUNT, where=", ".join(low))
        )
    target_total = c.target_before + c.target_after
    if target_total < MIN_TARGET_TOTAL:
        messages.append(
            translate("evaluation.warning.target_total", lang, n=target_total, min=MIN_TARGET_TOTAL)
        )
    return messages


def _warnings(c: Counts, lang: str = "sv") -> list[str]:
    """Every warning beside a result, in ``lang``: small counts, a borrowed buffer
    control, and why WDQ or RES is undefined."""
    messages = _small_count_warnings(c, lang)
    if c.buffer_control_from_control:
        messages.append(translate("evaluation.warning.buffer_control_from_control", lang))
    wdq = _wdq(c, lang)
    res = _relative_effect(c.target_before, c.target_after, c.control_before, c.control_after, lang)
    for measure, reason in (("WDQ", wdq.reason), ("RES", res.reason)):
        if reason is not None:
            messages.append(
                translate("evaluation.warning.measure", lang, measure=measure, reason=reason)
            )
    return messages
