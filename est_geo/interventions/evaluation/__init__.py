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

from est_geo.interventions.evaluation._counts import (
    CI_LEVEL,
    COMPARABLE_FACTOR,
    MAX_COUNT,
    MIN_CELL_COUNT,
    MIN_TARGET_TOTAL,
    OUTCOMES,
    Counts,
)
from est_geo.interventions.evaluation._evaluate import (
    evaluate_counts,
)
from est_geo.interventions.evaluation._result import (
    EvaluationResult,
)
from est_geo.interventions.evaluation._statistics import (
    wdq_band,
)
from est_geo.interventions.evaluation._verdict import (
    comparable,
    headline,
    reason_text,
    verdict,
    warning_texts,
    wdq_band_label,
)

__all__ = [
    "CI_LEVEL",
    "COMPARABLE_FACTOR",
    "MAX_COUNT",
    "MIN_CELL_COUNT",
    "MIN_TARGET_TOTAL",
    "OUTCOMES",
    "Counts",
    "EvaluationResult",
    "comparable",
    "evaluate_counts",
    "headline",
    "reason_text",
    "verdict",
    "warning_texts",
    "wdq_band",
    "wdq_band_label",
]
