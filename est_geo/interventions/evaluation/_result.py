"""The result of an evaluation: WDD, WDQ, RES with intervals, outcome and the verdict text.

Never imports streamlit.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from est_geo.interventions.evaluation._counts import CI_LEVEL, COMPARABLE_FACTOR

__all__ = [
    "EvaluationResult",
]


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class EvaluationResult:
    """Everything :func:`evaluate_counts` found, ready for a page, a CLI or JSON.

    Counts (``target_before`` … ``buffer_control_after``) are the values *used*;
    when ``buffer_control_from_control`` is true the buffer-control counts are copies of
    the control counts. Effect sizes are ``None`` when undefined, with a Swedish reason
    in the matching ``*_reason`` field.

    WDD fields (counts of crimes; negative = fewer crimes than the controls' trend):
    ``wdd`` (total), ``wdd_local``, ``wdd_displacement``, each with ``_se``, ``_z``,
    ``_ci_low``/``_ci_high`` (95 %) and ``_p`` (two-sided, normal approximation).

    WDQ fields: ``wdq``, ``wdq_success_measure`` (denominator, negative = target improved
    relative to control), ``wdq_buffer_measure`` (numerator, positive = possible
    displacement, negative = possible diffusion), ``wdq_band`` (English code) and
    ``wdq_band_sv`` (Swedish label) per [G2009]_ appendix C.

    RES fields: ``res`` (> 1 = target did better than control), ``res_ci_low``,
    ``res_ci_high``, ``res_p``; ``res_total`` etc. for target + buffer against control.

    Percentages (negative = fewer crimes): ``gross_effect``, ``net_effect``,
    ``total_net_effect``, ``buffer_change``, ``control_change``.
    ``total_net_effect_crimes`` is Guerette's TNE (positive = crimes prevented).

    Comparability: ``control_ratio`` = Cb / Rb and ``buffer_control_ratio`` = DCb / Db
    (``None`` when the denominator is 0); ``*_comparable`` when the ratio is within
    :data:`COMPARABLE_FACTOR` either way. A WDD part is only stated as a finding in the
    verdict when its control is comparable.

    ``outcome`` is the meeting's reading (one of :data:`OUTCOMES`) and ``outcome_reason``
    why (``significant``, ``not_significant``, ``small_counts``, ``no_comparison``,
    ``relative_only``); ``headline_sv`` says both in one Swedish line, see :func:`headline`.
    """

    # inputs actually used
    target_before: int
    target_after: int
    control_before: int
    control_after: int
    buffer_before: int
    buffer_after: int
    buffer_control_before: int
    buffer_control_after: int
    buffer_control_from_control: bool
    # WDD
    wdd: int
    wdd_se: float
    wdd_z: float | None
    wdd_ci_low: float
    wdd_ci_high: float
    wdd_p: float | None
    wdd_reason: str | None
    wdd_local: int
    wdd_local_se: float
    wdd_local_z: float | None
    wdd_local_ci_low: float
    wdd_local_ci_high: float
    wdd_local_p: float | None
    wdd_displacement: int
    wdd_displacement_se: float
    wdd_displacement_z: float | None
    wdd_displacement_ci_low: float
    wdd_displacement_ci_high: float
    wdd_displacement_p: float | None
    # WDQ
    wdq: float | None
    wdq_reason: str | None
    wdq_band: str | None
    wdq_band_sv: str | None
    wdq_success_measure: float | None
    wdq_buffer_measure: float | None
    # RES
    res: float | None
    res_ci_low: float | None
    res_ci_high: float | None
    res_p: float | None
    res_reason: str | None
    res_total: float | None
    res_total_ci_low: float | None
    res_total_ci_high: float | None
    res_total_reason: str | None
    # percentages and counts of effect
    gross_effect: float | None
    gross_effect_reason: str | None
    net_effect: float | None
    total_net_effect: float | None
    total_net_effect_crimes: float | None
    buffer_change: float | None
    control_change: float | None
    # comparability of the controls (WDD is reported only for comparable ones)
    control_ratio: float | None
    control_comparable: bool
    buffer_control_ratio: float | None
    buffer_control_comparable: bool
    # the meeting's one-line reading
    outcome: str
    outcome_reason: str
    # reading aids
    small_counts: bool
    warnings: tuple[str, ...]
    verdict_sv: str
    headline_sv: str
    comparable_factor: float = COMPARABLE_FACTOR
    ci_level: float = CI_LEVEL
    p_alternative: str = "two-sided"
    variance_model: str = "poisson"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict: plain ints, finite floats, strings, bools, ``None``, lists."""
        out = asdict(self)
        out["warnings"] = list(self.warnings)
        for key, value in out.items():
            if isinstance(value, float) and not math.isfinite(value):
                # Unreachable by construction; refuse loudly rather than emit bad JSON.
                raise ValueError(f"non-finite value in evaluation result: {key}={value}")
        return out
