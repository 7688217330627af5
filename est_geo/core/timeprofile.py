"""The weekday × hour bins of incidents: the record a store fills and the analyses read.

It sits in core because both sides use it: the store computes the bins in SQL
(:meth:`est_geo.store.base.Store.weekday_hour_profile`) and the time-profile analysis
(:mod:`est_geo.hotspots.timeprofile`) computes the same bins from arrays and finds the
busiest windows in them. Keeping the record here lets the store import no analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

#: Hours on the weekly clock (7 × 24).
HOURS_PER_WEEK = 168


@dataclass(frozen=True, eq=False)
class TimeProfile:
    """Incident counts by weekday and hour.

    Attributes
    ----------
    matrix
        ``(7, 24)`` int64 counts; row 0 is Monday, column h is hh:00–hh:59.
    by_weekday
        ``(7,)`` counts by weekday of *all* incidents with a date, time known or not.
    n_total
        Incidents given (including those without time or with NaT).
    n_without_time
        Incidents with a date but no known time (left out of ``matrix``).
    n_invalid
        Incidents without a date (NaT), left out of everything.
    """

    matrix: NDArray[np.int64]
    by_weekday: NDArray[np.int64]
    n_total: int
    n_without_time: int
    n_invalid: int
