"""Evaluate a place-based intervention from before/after crime counts.

An EST group that has run an intervention in a *target* area (R) wants to know three
things: did crime fall there compared with a comparable *control* area (C), did it move
to (or did the benefit spread to) the surrounding *buffer* area (D), and how sure can we
be? This module answers with the standard statistics of the field, all computed from
eight (or six) counts, and a plain-language Swedish verdict, because the people who read
the result are coordinators, not statisticians.

Notation: ``b`` = before, ``a`` = after; R = target, C = control, D = buffer
(displacement area), DC = control area for the buffer.

* **Weighted Displacement Difference** ([WR2018]_)::

      WDD = (Ra - Rb) - (Ca - Cb) + (Da - Db) - (DCa - DCb)

  A difference-in-differences in *crime counts*; negative means fewer crimes than the
  controls' trend suggests. Under a Poisson model each count's variance equals the count,
  so Var(WDD) is the sum of the counts, which gives a standard error, z, a 95 %
  confidence interval and a two-sided p-value. It is split into a local part
  ``(Ra - Rb) - (Ca - Cb)`` and a displacement part ``(Da - Db) - (DCa - DCb)``.
* **Weighted Displacement Quotient** ([BJ2003]_, [G2009]_ appendix B)::

      WDQ = (Da/Ca - Db/Cb) / (Ra/Ca - Rb/Cb)

  numerator = *buffer displacement measure*, denominator = *success measure*. It is read
  with the bands of [G2009]_ appendix C and is only interpretable when the success
  measure is negative (the target improved relative to the control): [BJ2003]_ stress
  that displacement can only be attributed to an intervention that reduced crime.
* **Relative Effect Size** ([FGWA2007]_ appendix, after Welsh & Farrington)::

      RES = (Rb * Ca) / (Ra * Cb),   Var(ln RES) = 1/Ra + 1/Rb + 1/Ca + 1/Cb

  RES > 1 means the target did better than the control.

Sign conventions used in the result (all "changes" are after minus before):

* ``gross_effect``: % change in the target area, ``100 * (Ra - Rb) / Rb``.
* ``net_effect``: % change in the target *relative to the control*,
  ``100 * (1/RES - 1) = 100 * ((Ra/Rb) / (Ca/Cb) - 1)``. Farrington & Welsh report the
  *reduction* ``1 - 1/RES``; ``net_effect`` is its negative so that, like
  ``gross_effect`` and WDD, a negative number always means fewer crimes.
* ``total_net_effect``: the same as ``net_effect`` for target and buffer together,
  i.e. computed from ``RES_total = ((Rb + Db) * Ca) / ((Ra + Da) * Cb)``.
* ``total_net_effect_crimes``: the count version of [G2009]_ appendix B, eq. (4),
  ``TNE = [Rb*(Ca/Cb) - Ra] + [Db*(Ca/Cb) - Da]``, in Guerette's own sign: the number of
  crimes *prevented* (positive = fewer crimes than the control trend predicts).

Note that Guerette's *gross effect* ``GE = Rb - Ra`` and *net effect*
``NE = Rb/Cb - Ra/Ca`` are counts/ratios with positive = decrease; this module's
percentage fields deliberately use the opposite sign (see above) and say so in the key
documentation of :class:`EvaluationResult`.

Comparability and the reading (docs/interventions.md, "Evaluation rules"): WDD subtracts
counts, so a WDD part is stated as a finding only when its control's before-count is
within :data:`COMPARABLE_FACTOR` of the area it controls for ([WR2018]_ use matched
controls); RES and WDQ are ratio measures and apply to any control. The verdict always
opens with what happened in the target itself, and :func:`headline` gives the meeting one
line — improved / no clear change / worsened — that never calls a target whose count did
not fall improved.

Undefined quantities (a zero denominator, a logarithm of zero, no variance at all) are
``None`` together with a Swedish ``*_reason`` string; no result ever contains ``inf`` or
``NaN``, so :meth:`EvaluationResult.to_dict` is always valid JSON.

Small counts: the normal approximations behind z, p and the confidence intervals are poor
for small Poisson counts (the familiar rule of thumb of at least 5 per cell), and with
few crimes in the target area no realistic effect can be told apart from chance
([WR2018]_ discuss this power problem). This module therefore flags ``small_counts`` when
**any count used is below 5, or the target area has fewer than 20 crimes in both periods
together**, and the verdict then tells the reader not to draw conclusions.

All variances assume Poisson counts. Crime counts are often over-dispersed, in which case
the standard errors here are too small; [FGWA2007]_ discuss an inflation factor for this.
It is not applied here, so the intervals are, if anything, optimistic.

References
----------
.. [WR2018] Wheeler, A. P. & Ratcliffe, J. H. (2018). A simple weighted displacement
   difference test to evaluate place based crime interventions. *Crime Science* 7:11.
   https://doi.org/10.1186/s40163-018-0085-5
.. [BJ2003] Bowers, K. J. & Johnson, S. D. (2003). Measuring the geographical
   displacement and diffusion of benefit effects of crime prevention activity.
   *Journal of Quantitative Criminology* 19(3), 275-301.
   https://doi.org/10.1023/A:1024909009240
.. [G2009] Guerette, R. T. (2009). *Analyzing Crime Displacement and Diffusion.*
   Problem-Oriented Guides for Police, Problem-Solving Tools Series, Guide No. 10.
   Center for Problem-Oriented Policing. Appendix B (formulas), appendix C
   (interpretation). https://popcenter.asu.edu/tools/displacement/10
.. [FGWA2007] Farrington, D. P., Gill, M., Waples, S. J. & Argomaniz, J. (2007). The
   effects of closed-circuit television on crime: meta-analysis of an English national
   quasi-experimental multi-site evaluation. *Journal of Experimental Criminology*.
   https://doi.org/10.1007/s11292-007-9024-2 (appendix "Measuring effect sizes").
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from fractions import Fraction
from numbers import Integral
from typing import Any, NamedTuple

from est_geo.core.errors import Problem, ValidationError
from est_geo.i18n import translate
from est_geo.i18n.numbers import number, percent

__all__ = [
    "CI_LEVEL",
    "COMPARABLE_FACTOR",
    "MAX_COUNT",
    "MIN_CELL_COUNT",
    "MIN_TARGET_TOTAL",
    "OUTCOMES",
    "WDQ_BANDS_SV",
    "Counts",
    "EvaluationResult",
    "comparable",
    "evaluate_counts",
    "headline",
    "wdq_band",
]

#: Confidence level of every interval in the result (recorded in the result too).
CI_LEVEL = 0.95
#: Two-sided normal quantile for :data:`CI_LEVEL`, ``NormalDist().inv_cdf(0.975)``.
_Z_CRIT = 1.959963984540054
#: Small-count rule: any count below this makes ``small_counts`` true.
MIN_CELL_COUNT = 5
#: Small-count rule: fewer crimes than this in the target area (before + after).
MIN_TARGET_TOTAL = 20
#: A control is *comparable* when its before-count is within this factor (either way) of
#: the before-count of the area it controls for. WDD subtracts crime counts, so it only
#: means something when both areas have similar levels ([WR2018]_ match controls with
#: similar counts); the factor itself is EST Geo's choice, stated in
#: docs/interventions.md.
COMPARABLE_FACTOR = 3.0
#: The three one-line readings for the meeting (:attr:`EvaluationResult.outcome`).
OUTCOMES = ("improved", "no_clear_change", "worsened")
#: Upper bound for a single count. Far above any real area/period, it keeps every
#: derived number finite (products of counts stay well inside float range).
MAX_COUNT = 10**9

_REQUIRED = (
    "target_before",
    "target_after",
    "control_before",
    "control_after",
    "buffer_before",
    "buffer_after",
)
_OPTIONAL = ("buffer_control_before", "buffer_control_after")

#: Swedish labels for the WDQ bands of [G2009]_ appendix C.
WDQ_BANDS_SV: dict[str, str] = {
    "diffusion_greater_than_direct_effect": (
        "spridning av positiva effekter, större än den direkta effekten"
    ),
    "diffusion": "spridning av positiva effekter till buffertområdet",
    "no_displacement_or_diffusion": "varken förflyttning eller spridning",
    "displacement_less_than_direct_effect": (
        "viss förflyttning, men mindre än den direkta vinsten"
    ),
    "displacement_greater_than_direct_effect": (
        "förflyttning större än den direkta vinsten (insatsen slog bakut)"
    ),
}


# --------------------------------------------------------------------------- input


def _check_count(name: str, value: object, *, required: bool) -> tuple[int | None, Problem | None]:
    """Normalise one count to ``int`` or describe why it is unusable."""
    if value is None:
        if required:
            return None, Problem(None, name, "None", "saknas (antal brott krävs)")
        return None, None
    if isinstance(value, bool):
        return None, Problem(None, name, repr(value), "måste vara ett heltal, inte sant/falskt")
    if isinstance(value, Integral) or (
        isinstance(value, float) and math.isfinite(value) and value.is_integer()
    ):
        number = int(value)
    else:
        return None, Problem(None, name, repr(value), "måste vara ett heltal ≥ 0")
    if number < 0:
        return None, Problem(None, name, str(number), "får inte vara negativt")
    if number > MAX_COUNT:
        return None, Problem(None, name, str(number), f"orimligt stort (högst {MAX_COUNT})")
    return number, None


@dataclass(frozen=True)
class Counts:
    """Crime counts for one before/after evaluation.

    Every instance is valid: construction checks all fields at once and raises one
    :class:`~est_geo.core.errors.ValidationError` listing *every* bad field (missing, negative,
    not a whole number, absurdly large), so an analyst fixes them in one go.

    Parameters
    ----------
    target_before, target_after
        Crimes in the target (response) area R before and after the intervention.
    control_before, control_after
        Crimes in the control area C, comparable to R, in the same periods.
    buffer_before, buffer_after
        Crimes in the buffer (displacement) area D around R.
    buffer_control_before, buffer_control_after
        Crimes in a control area for the buffer (DC, [WR2018]_). Give both or neither;
        when neither is given the control area is used for the buffer as well and the
        result records ``buffer_control_from_control = True``.

    Notes
    -----
    Whole-number floats (``3.0``, as pandas produces for columns with gaps) are accepted
    and stored as ``int``; ``NaN``, fractions and booleans are refused.
    """

    target_before: int
    target_after: int
    control_before: int
    control_after: int
    buffer_before: int
    buffer_after: int
    buffer_control_before: int | None = None
    buffer_control_after: int | None = None

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        for name in _REQUIRED + _OPTIONAL:
            number, problem = _check_count(name, getattr(self, name), required=name in _REQUIRED)
            if problem is not None:
                problems.append(problem)
            else:
                object.__setattr__(self, name, number)
        given = [getattr(self, n) is not None for n in _OPTIONAL]
        if any(given) and not all(given) and not problems:
            missing = _OPTIONAL[given.index(False)]
            problems.append(
                Problem(
                    None,
                    missing,
                    "None",
                    "kontrollområdet för bufferten kräver både före- och efter-antal",
                )
            )
        if problems:
            raise ValidationError(problems, summary="Ogiltiga antal brott")

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Counts:
        """Build from a mapping (a form, a JSON object); unknown keys are problems too."""
        known = set(_REQUIRED + _OPTIONAL)
        unknown = [
            Problem(None, str(k), repr(v), "okänt fält") for k, v in data.items() if k not in known
        ]
        try:
            counts = cls(**{name: data.get(name) for name in _REQUIRED + _OPTIONAL})  # type: ignore[arg-type]
        except ValidationError as exc:
            raise ValidationError(
                [*unknown, *exc.problems], summary="Ogiltiga antal brott"
            ) from None
        if unknown:
            raise ValidationError(unknown, summary="Ogiltiga antal brott")
        return counts

    @property
    def buffer_control_from_control(self) -> bool:
        """True when no separate buffer-control counts were given."""
        return self.buffer_control_before is None

    @property
    def effective_buffer_control(self) -> tuple[int, int]:
        """(before, after) used for DC: the given counts, else the control counts."""
        if self.buffer_control_before is None or self.buffer_control_after is None:
            return self.control_before, self.control_after
        return self.buffer_control_before, self.buffer_control_after


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


def _relative_effect(t_before: int, t_after: int, c_before: int, c_after: int) -> _Ratio:
    """RES = (t_before * c_after) / (t_after * c_before) with Var(ln RES) = sum of 1/count.

    All four counts must be positive: a zero makes either the ratio or its logarithm
    undefined. No continuity correction is applied (it would invent crimes).
    """
    zero = [
        name
        for name, value in (
            ("före i målområdet", t_before),
            ("efter i målområdet", t_after),
            ("före i kontrollområdet", c_before),
            ("efter i kontrollområdet", c_after),
        )
        if value == 0
    ]
    if zero:
        reason = "odefinierad: 0 brott " + ", ".join(zero) + " (kvot eller logaritm av 0)"
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


def _wdq(c: Counts) -> _Wdq:
    """WDQ of [BJ2003]_ in exact arithmetic, with the interpretability check."""
    if c.control_before == 0 or c.control_after == 0:
        return _Wdq(
            None,
            "odefinierad: kontrollområdet har 0 brott i en period (division med 0)",
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
            "odefinierad: målområdet förändrades exakt som kontrollområdet "
            "(framgångsmåttet är 0, division med 0)",
            None,
            success,
            buffer,
        )
    if success > 0:
        return _Wdq(
            None,
            "kan inte tolkas: målområdet förbättrades inte jämfört med kontrollområdet "
            "(framgångsmåttet är positivt), så förändringar i bufferten kan inte "
            "tillskrivas insatsen (Bowers & Johnson 2003)",
            None,
            success,
            buffer,
        )
    value = buffer / success
    return _Wdq(float(value), None, wdq_band(value), success, buffer)


def _small_count_warnings(c: Counts) -> list[str]:
    """Apply the documented small-count rule; one Swedish message per reason."""
    dc_before, dc_after = c.effective_buffer_control
    used = {
        "målområdet före": c.target_before,
        "målområdet efter": c.target_after,
        "kontrollområdet före": c.control_before,
        "kontrollområdet efter": c.control_after,
        "buffertområdet före": c.buffer_before,
        "buffertområdet efter": c.buffer_after,
    }
    if not c.buffer_control_from_control:
        used["buffertens kontrollområde före"] = dc_before
        used["buffertens kontrollområde efter"] = dc_after
    messages = []
    low = [f"{name} ({value})" for name, value in used.items() if value < MIN_CELL_COUNT]
    if low:
        messages.append(
            f"Färre än {MIN_CELL_COUNT} brott i: " + ", ".join(low) + ". Normal-"
            "approximationen bakom z, p och konfidensintervall är då opålitlig."
        )
    target_total = c.target_before + c.target_after
    if target_total < MIN_TARGET_TOTAL:
        messages.append(
            f"Målområdet har bara {target_total} brott totalt (före + efter, gräns "
            f"{MIN_TARGET_TOTAL}); så få brott räcker inte för att skilja en effekt från slumpen."
        )
    return messages


# --------------------------------------------------------------------------- verdict


def _change_sv(before: int, after: int) -> str:
    """'från 40 till 30 brott (−25,0 %)' in Swedish, with no verb (the caller adds none)."""
    pct = _percent_change(before, after)
    if pct is None:
        tail = ""  # no percentage of nothing
    elif pct == 0:
        tail = ", oförändrat"
    else:
        tail = f" ({percent(pct / 100, digits=1, signed=True)})"
    return f"från {before} till {after} brott{tail}"


def _target_change(before: int, after: int, lang: str = "sv") -> str:
    """What happened in the target itself, e.g. 'i målområdet ökade antalet brott från 12
    till 16 (+33,3 %)' — the absolute change, never relative to a control."""
    pct = _percent_change(before, after)
    tail = "" if pct is None else f" ({percent(pct / 100, lang, 1, signed=pct != 0)})"
    if after < before:
        key = "atgarder.outcome.target_fell"
    elif after > before:
        key = "atgarder.outcome.target_rose"
    else:
        key = "atgarder.outcome.target_same"
    return translate(key, lang, before=before, after=after, pct=tail)


def comparable(reference: int, other: int) -> tuple[float | None, bool]:
    """(``other / reference``, whether that is within :data:`COMPARABLE_FACTOR`).

    ``reference`` is the before-count of the area being controlled for (target or
    buffer), ``other`` its control's. With ``reference == 0`` there is no ratio and no
    control can be comparable in counts.
    """
    if reference == 0:
        return None, False
    ratio = other / reference
    return ratio, 1 / COMPARABLE_FACTOR <= ratio <= COMPARABLE_FACTOR


class _Comparability(NamedTuple):
    control_ratio: float | None
    control: bool
    buffer_ratio: float | None
    buffer: bool


def _comparability(c: Counts) -> _Comparability:
    dc_before, _ = c.effective_buffer_control
    c_ratio, c_ok = comparable(c.target_before, c.control_before)
    b_ratio, b_ok = comparable(c.buffer_before, dc_before)
    return _Comparability(c_ratio, c_ok, b_ratio, b_ok)


def _outcome(
    c: Counts, res: _Ratio, local: _Normal, small: bool, comp: _Comparability
) -> tuple[str, str]:
    """The meeting's reading and why: improved / no_clear_change / worsened.

    *Improved* needs all of: fewer crimes in the target itself, the RES 95 % interval
    above 1 (a rate comparison, valid for a control of any size), the local WDD interval
    below 0 when the control is comparable (so the WDD is reported), and no small-count
    warning. *Worsened* mirrors it. Anything else is *no clear change*, with the reason.
    """
    if small:
        return "no_clear_change", "small_counts"
    if res.ci_low is None or res.ci_high is None:
        return "no_clear_change", "no_comparison"
    better = res.ci_low > 1 and (not comp.control or local.ci_high < 0)
    worse = res.ci_high < 1 and (not comp.control or local.ci_low > 0)
    if better and c.target_after < c.target_before:
        return "improved", "significant"
    if worse and c.target_after > c.target_before:
        return "worsened", "significant"
    if better or worse:
        return "no_clear_change", "relative_only"
    return "no_clear_change", "not_significant"


def headline(
    outcome: str, reason: str, target_before: int, target_after: int, *, lang: str = "sv"
) -> str:
    """The one-line reading for the meeting, e.g. 'Ingen tydlig förändring: i
    målområdet ökade antalet brott från 12 till 16 (+33,3 %); skillnaden mot
    kontrollområdets utveckling är inte statistiskt säker.'

    It names the outcome (with its confidence when it is one of the sure ones), then what
    happened in the target itself, then why; ``lang`` is ``"sv"`` or ``"en"``.
    """
    label = translate(f"atgarder.outcome.{outcome}", lang)
    if reason == "significant":
        label += translate("atgarder.outcome.sure", lang)
        why = translate(f"atgarder.outcome.why.{outcome}", lang)
    elif reason == "relative_only":
        side = "better" if target_after >= target_before else "worse"
        why = translate(f"atgarder.outcome.why.relative_{side}", lang)
    else:
        why = translate(f"atgarder.outcome.why.{reason}", lang)
    return f"{label}: {_target_change(target_before, target_after, lang)}; {why}."


_WDQ_SENTENCE_SV = {
    "diffusion_greater_than_direct_effect": (
        "Relativt kontrollområdet utvecklades även buffertområdet bättre, och mer än "
        "målområdet: tecken på spridning av positiva effekter som är större än den direkta "
        "effekten"
    ),
    "diffusion": (
        "Relativt kontrollområdet utvecklades även buffertområdet bättre: tecken på "
        "spridning av positiva effekter, inte förflyttning"
    ),
    "no_displacement_or_diffusion": (
        "Buffertområdet utvecklades som kontrollområdet: inga tecken på förflyttning "
        "eller spridning"
    ),
    "displacement_less_than_direct_effect": (
        "En del brott verkar ha flyttat till buffertområdet, men färre än målområdet vann "
        "relativt kontrollområdet"
    ),
    "displacement_greater_than_direct_effect": (
        "Brott verkar ha flyttat till buffertområdet i större omfattning än vad "
        "målområdet vann relativt kontrollområdet: insatsen kan sammantaget ha slagit bakut"
    ),
}


def _mismatch_sv(control: str, area: str, ratio: float | None) -> str:
    """Why a control is not comparable in counts, in one Swedish sentence."""
    if ratio is None:
        return (
            f"{area.capitalize()} hade inga brott före åtgärden, så {control} kan inte vara "
            "jämförbart i antal."
        )
    if ratio == 0:
        return f"{control.capitalize()} hade inga brott före åtgärden, men {area} hade det."
    return (
        f"{control.capitalize()} hade {number(ratio)} gånger så många brott som {area} före "
        f"åtgärden (jämförbart: högst {number(COMPARABLE_FACTOR, digits=0)} gånger åt något håll)."
    )


def _sure_sv(z: float | None) -> str:
    return "statistiskt säkert" if z is not None and abs(z) > _Z_CRIT else "inte statistiskt säkert"


def _wdd_sentences(total: _Normal, local: _Normal, comp: _Comparability) -> list[str]:
    """The WDD findings, or — for a control of another size — why there are none."""
    if not comp.control:
        return [
            _mismatch_sv("kontrollområdet", "målområdet", comp.control_ratio)
            + " Skillnader i antal brott (WDD) mellan så olika områden säger inget om "
            "åtgärden och redovisas inte som resultat; jämförelsen bygger i stället på "
            "andelar (RES)."
        ]
    if local.estimate == 0:
        s = ["Räknat i antal (lokal WDD) förändrades målområdet lika mycket som kontrollområdet."]
    else:
        word = "färre" if local.estimate < 0 else "fler"
        s = [
            f"Räknat i antal (lokal WDD) blev det {abs(local.estimate)} brott {word} i "
            f"målområdet än kontrollområdets utveckling skulle ge ({_sure_sv(local.z)} på "
            "95 %-nivån)."
        ]
    if not comp.buffer:
        s.append(
            _mismatch_sv("buffertens kontroll", "buffertområdet", comp.buffer_ratio)
            + " Den sammanlagda WDD:n för mål- och buffertområdet redovisas därför inte."
        )
    elif total.z is not None:
        word = "färre" if total.estimate < 0 else "fler"
        inside = "inte innehåller 0" if abs(total.z) > _Z_CRIT else "innehåller 0"
        s.append(
            f"Sammantaget (mål- och buffertområde) blev det {abs(total.estimate)} brott "
            f"{word} än kontrollernas utveckling skulle ge: "
            f"WDD = {number(total.estimate, digits=0)}, "
            f"95 %-intervall {number(total.ci_low)} till {number(total.ci_high)}, som {inside} "
            f"(z = {number(total.z, digits=2)}), {_sure_sv(total.z)} på 95 %-nivån."
        )
    return s


def _res_sentences(c: Counts, res: _Ratio, net_effect: float | None) -> list[str]:
    """The rate comparison: what the target would have had on the control's trend."""
    if res.value is None or net_effect is None or res.ci_low is None or res.ci_high is None:
        return ["Jämförelsen i andelar (RES) går inte att beräkna: någon period har 0 brott."]
    expected = c.target_before * c.control_after / c.control_before
    if net_effect == 0:
        how = "precis så många"
    else:
        share = percent(abs(net_effect) / 100, digits=1)
        how = f"{share} {'färre' if net_effect < 0 else 'fler'} än så"
    sure = (
        "statistiskt säker på 95 %-nivån (RES-intervallet innehåller inte 1)"
        if res.ci_low > 1 or res.ci_high < 1
        else "inte statistiskt säker (RES-intervallet innehåller 1)"
    )
    return [
        f"Om målområdet hade följt kontrollområdets utveckling hade det haft "
        f"{number(expected)} brott efter åtgärden; det hade {c.target_after} brott, {how} "
        f"(RES = {number(res.value, digits=2)}, 95 %-intervall {number(res.ci_low, digits=2)}–"
        f"{number(res.ci_high, digits=2)}). Skillnaden är {sure}."
    ]


def _buffer_sentences(disp: _Normal, wdq: _Wdq, comp: _Comparability) -> list[str]:
    """Displacement or diffusion: WDQ (a rate measure) or, failing that, the counts."""
    if wdq.band is not None and wdq.value is not None:
        sentence = f"{_WDQ_SENTENCE_SV[wdq.band]}; WDQ = {number(wdq.value, digits=2)}."
        if wdq.band != "no_displacement_or_diffusion":
            if not comp.buffer:
                sentence += (
                    " Hur säker buffertens förändring är går inte att säga: buffertens "
                    "kontroll är inte jämförbar i antal."
                )
            elif disp.z is None or abs(disp.z) <= _Z_CRIT:
                sentence += " Buffertens förändring är dock inte statistiskt säker."
        return [sentence]
    if not comp.buffer:
        return []
    if disp.estimate > 0:
        text = f"Buffertområdet fick {disp.estimate} brott fler än sin kontroll"
        if wdq.success is not None and wdq.success > 0:
            text += (
                ", men eftersom målområdet inte utvecklades bättre än kontrollområdet kan "
                "det inte kallas förflyttning"
            )
        return [text + "."]
    if disp.estimate < 0:
        return [f"Buffertområdet fick {-disp.estimate} brott färre än sin kontroll."]
    return ["Buffertområdet förändrades som sin kontroll."]


def _verdict_sv(
    c: Counts,
    total: _Normal,
    local: _Normal,
    disp: _Normal,
    wdq: _Wdq,
    res: _Ratio,
    net_effect: float | None,
    small: bool,
    comp: _Comparability,
) -> str:
    """Plain-language Swedish summary, the target's own change first.

    Order: what happened in the target itself (never relative); the buffer's and the
    control's counts; the count comparison (WDD) only for comparable controls, else why
    not; the rate comparison (RES); displacement (WDQ); caveats.
    """
    first = _target_change(c.target_before, c.target_after)
    s: list[str] = [
        first[0].upper() + first[1:] + ".",
        f"Buffertområdet gick {_change_sv(c.buffer_before, c.buffer_after)} och "
        f"kontrollområdet {_change_sv(c.control_before, c.control_after)}.",
    ]
    s += _wdd_sentences(total, local, comp)
    s += _res_sentences(c, res, net_effect)
    s += _buffer_sentences(disp, wdq, comp)
    if total.z is None:
        s.append("Hur säkert resultatet är går inte att beräkna: det finns inga brott alls.")
    if c.buffer_control_from_control:
        s.append("Kontrollområdet användes även som jämförelse för buffertområdet.")
    if small:
        s.append(
            "Varning: antalen är för små för säkra slutsatser; se resultatet som en "
            "fingervisning, inte som belägg."
        )
    s.append("Jämförelsen visar samband i tid och rum, inte bevis för att insatsen var orsaken.")
    return " ".join(s)


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
    wdd_reason = (
        None if total.z is not None else "z och p odefinierade: alla antal är 0 (varians 0)"
    )

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

    warnings = _small_count_warnings(c)
    small = bool(warnings)
    if c.buffer_control_from_control:
        warnings.append(
            "Inget separat kontrollområde för bufferten angavs; kontrollområdets antal "
            "användes även för bufferten."
        )
    if wdq.reason is not None:
        warnings.append(f"WDQ {wdq.reason}.")
    if res.reason is not None:
        warnings.append(f"RES {res.reason}.")

    comp = _comparability(c)
    outcome, reason = _outcome(c, res, local, small, comp)
    verdict = _verdict_sv(c, total, local, disp, wdq, res, net_effect, small, comp)
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
        wdq_band_sv=None if wdq.band is None else WDQ_BANDS_SV[wdq.band],
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
        gross_effect_reason=None if gross is not None else "odefinierad: 0 brott före i målområdet",
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
