"""Correlation between two indicator layers and the small-area flag.

Both are about honesty in the meeting room: a correlation comes with its n, method and
p-value (two-sided, recorded), and a value based on few persons or events is flagged
instead of being painted like any other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from est_geo.core.errors import AnalysisError, keyed_error

__all__ = ["DEFAULT_MIN_N", "Correlation", "correlate", "small_n_mask"]

#: Default threshold on ``n`` (respondents, children, events) below which a value is
#: flagged as based on too few: 30 is the usual rule of thumb for survey shares.
DEFAULT_MIN_N = 30


@dataclass(frozen=True)
class Correlation:
    """Pearson and Spearman correlation of paired values (pairs with a NaN dropped).

    Attributes are named as in scipy; ``alternative`` records the test used.
    """

    n: int
    pearson_r: float
    pearson_p: float
    spearman_rho: float
    spearman_p: float
    alternative: str = "two-sided"


def correlate(
    a: Sequence[float] | NDArray[np.float64], b: Sequence[float] | NDArray[np.float64]
) -> Correlation:
    """Pearson's r and Spearman's ρ with two-sided p-values (scipy).

    Raises :class:`AnalysisError` (a message for the user) with fewer than 3 complete
    pairs or when a layer is constant, where a correlation is undefined.
    """
    from scipy import stats

    x = np.asarray(a, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    if x.shape != y.shape:
        raise ValueError(f"a has {x.size} values, b has {y.size}")
    ok = np.isfinite(x) & np.isfinite(y)
    x, y = x[ok], y[ok]
    if x.size < 3:
        raise keyed_error(AnalysisError, "indicators.error.correlation_few", n=int(x.size))
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        raise keyed_error(AnalysisError, "indicators.error.correlation_flat")
    pr = stats.pearsonr(x, y, alternative="two-sided")
    sr = stats.spearmanr(x, y, alternative="two-sided")
    return Correlation(
        n=int(x.size),
        pearson_r=float(pr.statistic),
        pearson_p=float(pr.pvalue),
        spearman_rho=float(sr.statistic),
        spearman_p=float(sr.pvalue),
    )


def small_n_mask(
    n: Sequence[float | None] | NDArray[np.float64], threshold: float
) -> NDArray[np.bool_]:
    """True where ``n`` is known and below ``threshold``.

    A missing ``n`` (population, registers) is not flagged: the flag is about sampling
    noise, and a value without an ``n`` was not sampled.
    """
    if threshold < 0:
        raise ValueError(f"threshold must be ≥ 0, got {threshold}")
    arr = np.asarray([np.nan if v is None else v for v in n], dtype=np.float64)
    return np.isfinite(arr) & (arr < threshold)
