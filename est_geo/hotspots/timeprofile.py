"""When do incidents happen: weekday × hour profile and the busiest time windows.

Times are local wall-clock times (Europe/Stockholm) as reported, given as naive
``datetime64``. Many EST reports only carry a date; their time is meaningless (often
00:00), so a ``has_time`` mask marks the incidents whose hour is known. The others are
left out of the hour profile and counted in ``n_without_time`` — silently putting them
at midnight would invent a night problem.

The week is Monday first (Swedish convention), hours 0–23. A time window is a run of
consecutive hours on the 168-hour weekly clock, wrapping across midnight and from
Sunday to Monday, so "fredag 21 – lördag 01" is one window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.timeprofile import HOURS_PER_WEEK, TimeProfile
from est_geo.i18n import translate


@dataclass(frozen=True)
class TimeWindow:
    """A run of ``hours`` consecutive hours starting at ``weekday`` (0=Mon) ``start_hour``."""

    weekday: int
    start_hour: int
    hours: int
    count: int
    share: float

    def label(self, lang: str = "sv") -> str:
        """The window in ``lang``, e.g. ``"fre–lör 21–01"`` (see :func:`format_window`)."""
        return format_window(self, lang)


def weekday_hour_matrix(times: ArrayLike, has_time: ArrayLike | None = None) -> TimeProfile:
    """Count incidents per weekday × hour (Monday first).

    Parameters
    ----------
    times
        Local times, anything ``np.asarray(..., dtype="datetime64[ns]")`` accepts.
    has_time
        Boolean mask, true where the time of day is known (default: all known).
    """
    t = np.asarray(times, dtype="datetime64[ns]").ravel()
    known = _has_time_mask(has_time, t.size)
    valid = ~np.isnat(t)
    minutes = t[valid].astype("datetime64[m]").astype(np.int64)
    days = np.floor_divide(minutes, 1440)
    # 1970-01-01 was a Thursday: (days + 3) % 7 is 0 on Mondays.
    weekday = (days + 3) % 7
    hour = np.floor_divide(minutes - days * 1440, 60)
    timed = known[valid]
    cells = weekday[timed] * 24 + hour[timed]
    matrix = np.bincount(cells, minlength=HOURS_PER_WEEK).reshape(7, 24)
    return TimeProfile(
        matrix=matrix.astype(np.int64),
        by_weekday=np.bincount(weekday, minlength=7).astype(np.int64),
        n_total=int(t.size),
        n_without_time=int(np.count_nonzero(valid & ~known)),
        n_invalid=int(np.count_nonzero(~valid)),
    )


def top_time_windows(
    profile: TimeProfile | ArrayLike, *, hours: int = 4, n: int = 3
) -> list[TimeWindow]:
    """The ``n`` non-overlapping ``hours``-long windows holding the most incidents.

    Greedy: take the window with the highest count (earliest start on ties), drop every
    window overlapping it, repeat. Windows wrap across midnight and Sunday → Monday.
    Windows without incidents are never returned, so the list may be shorter than ``n``.
    """
    matrix = profile.matrix if isinstance(profile, TimeProfile) else np.asarray(profile)
    _check_window_args(matrix, hours, n)
    weekly = np.asarray(matrix, dtype=np.int64).ravel()
    sums = _circular_window_sums(weekly, hours)
    total = int(weekly.sum())
    available = np.ones(HOURS_PER_WEEK, dtype=bool)
    windows: list[TimeWindow] = []
    while len(windows) < n:
        candidates = np.where(available, sums, -1)
        start = int(np.argmax(candidates))
        if candidates[start] <= 0:
            break
        count = int(sums[start])
        windows.append(TimeWindow(start // 24, start % 24, hours, count, count / total))
        available &= _circular_distance(np.arange(HOURS_PER_WEEK), start) >= hours
    return windows


def weekday_short(day: int, lang: str = "sv") -> str:
    """Short weekday name, Monday = 0: ``"mån"`` / ``"Mon"`` (from the catalogue)."""
    return translate(f"hotspots.weekday.{day}", lang)


def format_window(window: TimeWindow, lang: str = "sv") -> str:
    """``"fre 18–22"`` within a day, ``"fre–lör 21–01"`` across midnight (in ``lang``).

    The end hour is exclusive (``21–01`` is 21:00–00:59); a window ending exactly at
    midnight of its start day reads ``"fre 20–24"``.
    """
    start = window.weekday * 24 + window.start_hour
    end = start + window.hours
    last_day = ((end - 1) // 24) % 7
    end_hour = end % 24
    end_text = "24" if end_hour == 0 else f"{end_hour:02d}"
    days = weekday_short(window.weekday, lang)
    if last_day != window.weekday or window.hours > 24:
        days += f"–{weekday_short(last_day, lang)}"
    return f"{days} {window.start_hour:02d}–{end_text}"


def _circular_window_sums(weekly: NDArray[np.int64], hours: int) -> NDArray[np.int64]:
    """Sum of ``hours`` consecutive entries starting at each hour, wrapping around."""
    extended = np.concatenate([weekly, weekly[: hours - 1]])
    csum = np.concatenate([[0], np.cumsum(extended)])
    sums: NDArray[np.int64] = csum[hours : hours + HOURS_PER_WEEK] - csum[:HOURS_PER_WEEK]
    return sums


def _circular_distance(a: NDArray[np.int64], b: int) -> NDArray[np.int64]:
    d = np.abs(a - b) % HOURS_PER_WEEK
    dist: NDArray[np.int64] = np.minimum(d, HOURS_PER_WEEK - d)
    return dist


def _has_time_mask(has_time: ArrayLike | None, size: int) -> NDArray[np.bool_]:
    if has_time is None:
        return np.ones(size, dtype=bool)
    mask = np.asarray(has_time).ravel()
    if mask.dtype != np.bool_ or mask.size != size:
        raise ValidationError(
            [
                Problem.keyed(
                    None, "has_time", str(mask.shape), "hotspots.problem.bool_mask", shape=(size,)
                )
            ]
        )
    return mask


def _check_window_args(matrix: NDArray[np.generic], hours: int, n: int) -> None:
    problems: list[Problem] = []
    if matrix.shape != (7, 24):
        problems.append(
            Problem.keyed(None, "profile", str(matrix.shape), "hotspots.problem.week_profile")
        )
    if not 1 <= hours <= HOURS_PER_WEEK // 2:
        problems.append(Problem.keyed(None, "hours", str(hours), "hotspots.problem.window_hours"))
    if n < 1:
        problems.append(Problem.keyed(None, "n", str(n), "hotspots.problem.at_least_one"))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.windows")
