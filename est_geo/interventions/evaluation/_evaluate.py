"""evaluate_counts: counts in, statistics and verdict out.

Never imports streamlit.
"""

from __future__ import annotations

from fractions import Fraction

from est_geo.i18n import translate
from est_geo.interventions.evaluation._counts import Counts
from est_geo.interventions.evaluation._result import EvaluationResult
from est_geo.interventions.evaluation._statistics import (
    _normal_estimate,
    _percent_change,
    _relative_effect,
    _small_count_warnings,
    _warnings,
    _wdq,
)
from est_geo.interventions.evaluation._verdict import (
    _comparability,
    _outcome,
    _verdict,
    headline,
    wdq_band_label,
)

__all__ = [
    "evaluate_counts",
]


# --------------------------------------------------------------------------- main


def evaluate_counts(counts: Counts) -> EvaluationResult:
    """Evaluate an intervention from before/after counts (WDD, WDQ, RES, verdict).

    Parameters
    ----------
    counts
        Validated counts (see :class:`Counts`). Build it with ``Counts(...)`` or
        :meth:`Counts.from_mapping`; both raise
        :class:`~est_geo.core.errors.ValidationError` naming every bad field.

    Returns
    -------
    EvaluationResult
        Frozen result; :meth:`EvaluationResult.to_dict` gives JSON-safe output.

    Notes
    -----
    When no buffer-control counts are given the control counts stand in for them
    (``buffer_control_from_control``). The same control crimes then enter the total WDD
    twice, ``WDD = ΔR + ΔD - 2ΔC``, so its Poisson variance counts them four times:
    ``Var = Rb + Ra + Db + Da + 4 (Cb + Ca)``. Simply summing eight counts would count
    them twice and understate the standard error. Local and displacement parts keep the
    plain four-count variance of [WR2018]_.

    Examples
    --------
    The worked example of [WR2018]_ (control 308 → 318, treated 207 → 110, displacement
    control 150 → 140, displacement 178 → 157):

    >>> r = evaluate_counts(Counts(207, 110, 308, 318, 178, 157, 150, 140))
    >>> r.wdd, r.wdd_se ** 2, round(r.wdd_z, 2)
    (-118, 1568.0, -2.98)
    """
    c = counts
    dc_before, dc_after = c.effective_buffer_control
    delta_r = c.target_after - c.target_before
    delta_c = c.control_after - c.control_before
    delta_d = c.buffer_after - c.buffer_before
    delta_dc = dc_after - dc_before

    local = _normal_estimate(
        delta_r - delta_c, c.target_before + c.target_after + c.control_before + c.control_after
    )
    disp = _normal_estimate(
        delta_d - delta_dc, c.buffer_before + c.buffer_after + dc_before + dc_after
    )
    total_variance = c.target_before + c.target_after + c.buffer_before + c.buffer_after
    if c.buffer_control_from_control:
        # the control crimes enter twice (as C and as DC): Var(2 ΔC) = 4 (Cb + Ca)
        total_variance += 4 * (c.control_before + c.control_after)
    else:
        total_variance += c.control_before + c.control_after + dc_before + dc_after
    total = _normal_estimate(local.estimate + disp.estimate, total_variance)
    wdd_reason = None if total.z is not None else translate("evaluation.reason.wdd_undefined", "sv")

    wdq = _wdq(c)
    res = _relative_effect(c.target_before, c.target_after, c.control_before, c.control_after)
    res_total = _relative_effect(
        c.target_before + c.buffer_before,
        c.target_after + c.buffer_after,
        c.control_before,
        c.control_after,
    )
    net_effect = None if res.exact is None else float(100 * (1 / res.exact - 1))
    total_net_effect = None if res_total.exact is None else float(100 * (1 / res_total.exact - 1))
    if c.control_before == 0:
        tne_crimes = None
    else:
        trend = Fraction(c.control_after, c.control_before)
        tne_crimes = float(
            (c.target_before * trend - c.target_after) + (c.buffer_before * trend - c.buffer_after)
        )
    gross = _percent_change(c.target_before, c.target_after)

    small = bool(_small_count_warnings(c))
    warnings = _warnings(c)

    comp = _comparability(c)
    outcome, reason = _outcome(c, res, local, small, comp)
    verdict = _verdict(c, total, local, disp, wdq, res, net_effect, small, comp)
    return EvaluationResult(
        target_before=c.target_before,
        target_after=c.target_after,
        control_before=c.control_before,
        control_after=c.control_after,
        buffer_before=c.buffer_before,
        buffer_after=c.buffer_after,
        buffer_control_before=dc_before,
        buffer_control_after=dc_after,
        buffer_control_from_control=c.buffer_control_from_control,
        wdd=total.estimate,
        wdd_se=total.se,
        wdd_z=total.z,
        wdd_ci_low=total.ci_low,
        wdd_ci_high=total.ci_high,
        wdd_p=total.p,
        wdd_reason=wdd_reason,
        wdd_local=local.estimate,
        wdd_local_se=local.se,
        wdd_local_z=local.z,
        wdd_local_ci_low=local.ci_low,
        wdd_local_ci_high=local.ci_high,
        wdd_local_p=local.p,
        wdd_displacement=disp.estimate,
        wdd_displacement_se=disp.se,
        wdd_displacement_z=disp.z,
        wdd_displacement_ci_low=disp.ci_low,
        wdd_displacement_ci_high=disp.ci_high,
        wdd_displacement_p=disp.p,
        wdq=wdq.value,
        wdq_reason=wdq.reason,
        wdq_band=wdq.band,
        wdq_band_sv=None if wdq.band is None else wdq_band_label(wdq.band),
        wdq_success_measure=None if wdq.success is None else float(wdq.success),
        wdq_buffer_measure=None if wdq.buffer is None else float(wdq.buffer),
        res=res.value,
        res_ci_low=res.ci_low,
        res_ci_high=res.ci_high,
        res_p=res.p,
        res_reason=res.reason,
        res_total=res_total.value,
        res_total_ci_low=res_total.ci_low,
        res_total_ci_high=res_total.ci_high,
        res_total_reason=res_total.reason,
        gross_effect=gross,
        gross_effect_reason=(
            None if gross is not None else translate("evaluation.reason.gross_effect", "sv")
        ),
        net_effect=net_effect,
        total_net_effect=total_net_effect,
        total_net_effect_crimes=tne_crimes,
        buffer_change=_percent_change(c.buffer_before, c.buffer_after),
        control_change=_percent_change(c.control_before, c.control_after),
        control_ratio=comp.control_ratio,
        control_comparable=comp.control,
        buffer_control_ratio=comp.buffer_ratio,
        buffer_control_comparable=comp.buffer,
        outcome=outcome,
        outcome_reason=reason,
        small_counts=small,
        warnings=tuple(warnings),
        verdict_sv=verdict,
        headline_sv=headline(outcome, reason, c.target_before, c.target_after),
    )
