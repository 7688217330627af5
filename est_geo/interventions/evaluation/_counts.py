"""The evaluation's input: before/after counts of the target, buffer and control, and limits.

Never imports streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral

from est_geo.core.errors import Problem, ValidationError

__all__ = [
    "CI_LEVEL",
    "COMPARABLE_FACTOR",
    "MAX_COUNT",
    "MIN_CELL_COUNT",
    "MIN_TARGET_TOTAL",
    "OUTCOMES",
    "Counts",
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

# --------------------------------------------------------------------------- input


def _check_count(name: str, value: object, *, required: bool) -> tuple[int | None, Problem | None]:
    """Normalise one count to ``int`` or describe why it is unusable."""
    if value is None:
        if required:
            return None, Problem.keyed(None, name, "None", "evaluation.counts.missing")
        return None, None
    if isinstance(value, bool):
        return None, Problem.keyed(None, name, repr(value), "evaluation.counts.boolean")
    if isinstance(value, Integral) or (
        isinstance(value, float) and math.isfinite(value) and value.is_integer()
    ):
        number = int(value)
    else:
        return None, Problem.keyed(None, name, repr(value), "evaluation.counts.not_whole")
    if number < 0:
        return None, Problem.keyed(None, name, str(number), "evaluation.counts.negative")
    if number > MAX_COUNT:
        return None, Problem.keyed(
            None, name, str(number), "evaluation.counts.too_large", max=MAX_COUNT
        )
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
                Problem.keyed(None, missing, "None", "evaluation.counts.buffer_control_pair")
            )
        if problems:
            raise ValidationError(problems, key="evaluation.counts.invalid")

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> Counts:
        """Build from a mapping (a form, a JSON object); unknown keys are problems too."""
        known = set(_REQUIRED + _OPTIONAL)
        unknown = [
            Problem.keyed(None, str(k), repr(v), "evaluation.counts.unknown_field")
            for k, v in data.items()
            if k not in known
        ]
        try:
            counts = cls(**{name: data.get(name) for name in _REQUIRED + _OPTIONAL})  # type: ignore[arg-type]
        except ValidationError as exc:
            raise ValidationError(
                [*unknown, *exc.problems], key="evaluation.counts.invalid"
            ) from None
        if unknown:
            raise ValidationError(unknown, key="evaluation.counts.invalid")
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
