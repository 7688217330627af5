"""Classes and colours for choropleths: quantiles, natural breaks, equal intervals; 3 × 3.

Class bounds follow mapclassify's definitions (upper bounds; a value belongs to the first
class whose bound is ≥ the value), so a map here and a map made in QGIS/mapclassify from the
same numbers agree. Natural breaks are Fisher–Jenks, computed by mapclassify itself (exact
dynamic programme); quantiles and equal intervals are a few lines of numpy.

Colours: every palette is colour-blind safe (ColorBrewer OrRd and PuOr, viridis) and its
direction follows the indicator's ``higher_is_better``: the strongest colour always means
*worse*, so "dark = problem" reads the same on every layer of the page.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from est_geo.i18n.numbers import number
from est_geo.maps.colors import VIRIDIS

__all__ = [
    "BIVARIATE_COLORS",
    "PALETTES",
    "Bivariate",
    "Classification",
    "Method",
    "bivariate",
    "class_colors",
    "classify",
    "rank_values",
]


class Method(StrEnum):
    """Classification methods offered on the page."""

    QUANTILES = "quantiles"
    NATURAL_BREAKS = "natural_breaks"
    EQUAL_INTERVAL = "equal_interval"


#: Palettes ordered from *worse* to *better* (the strong end first).
PALETTES: dict[str, tuple[str, ...]] = {
    # ColorBrewer OrRd (9), dark red = worse.
    "sekventiell": (
        "#7f0000",
        "#b30000",
        "#d7301f",
        "#ef6548",
        "#fc8d59",
        "#fdbb84",
        "#fdd49e",
        "#fee8c8",
        "#fff7ec",
    ),
    # ColorBrewer PuOr (9), orange = worse, purple = better.
    "divergerande": (
        "#b35806",
        "#e08214",
        "#fdb863",
        "#fee0b6",
        "#f7f7f7",
        "#d8daeb",
        "#b2abd2",
        "#8073ac",
        "#542788",
    ),
    # viridis (9), the maps' own, dark blue-purple = worse, yellow = better.
    "viridis": VIRIDIS,
}

#: 3 × 3 bivariate colours (Joshua Stevens' red–blue scheme), index ``3 * a + b`` where
#: ``a`` and ``b`` are the classes 0 (better third) … 2 (worse third) of layers A and B.
BIVARIATE_COLORS: tuple[str, ...] = (
    "#e8e8e8",  # A better, B better
    "#b0d5df",
    "#64acbe",  # A better, B worse
    "#e4acac",
    "#ad9ea5",
    "#627f8c",
    "#c85a5a",  # A worse, B better
    "#985356",
    "#574249",  # both worse
)


@dataclass(frozen=True)
class Classification:
    """Result of classifying the finite values of a layer.

    Attributes
    ----------
    method
        How the bounds were found.
    bins
        Upper bound of each class, increasing; the last is the maximum.
    yb
        Class index (0-based) per input value; ``-1`` for a missing (NaN) value.
    minimum
        Smallest finite value (lower end of the first class, for the legend).
    k_requested
        Classes asked for; ``len(bins)`` is smaller when the data has fewer distinct values.
    """

    method: Method
    bins: tuple[float, ...]
    yb: NDArray[np.int64]
    minimum: float
    k_requested: int

    @property
    def k(self) -> int:
        """Number of classes actually formed."""
        return len(self.bins)

    def labels(self, *, decimals: int | None = None, lang: str = "sv") -> list[str]:
        """Range labels in ``lang``, e.g. ``"1,2–3,4"`` in Swedish (Babel's number format).

        ``decimals=None`` picks the fewest decimals (0–3) that keep every bound distinct,
        so close quantile bounds do not print as the same number.
        """
        if decimals is None:
            edges = [self.minimum, *self.bins]
            decimals = next(
                (
                    d
                    for d in range(4)
                    if len({number(b, lang, d) for b in edges}) == len(set(edges))
                ),
                3,
            )
        out: list[str] = []
        low = self.minimum
        for high in self.bins:
            lo, hi = number(low, lang, decimals), number(high, lang, decimals)
            out.append(lo if lo == hi else f"{lo}–{hi}")
            low = high
        return out


def _finite(
    values: Sequence[float] | NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    arr = np.asarray(values, dtype=np.float64)
    return arr, np.isfinite(arr)


def _bins(y: NDArray[np.float64], method: Method, k: int) -> NDArray[np.float64]:
    """Upper class bounds of the finite, non-empty ``y`` (mapclassify's definitions)."""
    n_unique = len(np.unique(y))
    k = max(1, min(k, n_unique))
    if k == 1:
        return np.array([y.max()])
    if method is Method.QUANTILES:
        # mapclassify.quantile: percentiles 100/k, 200/k, …, 100 with linear interpolation.
        pct = np.arange(1, k + 1) * (100.0 / k)
        pct[-1] = 100.0
        return np.unique(np.percentile(y, pct))
    if method is Method.EQUAL_INTERVAL:
        lo, hi = float(y.min()), float(y.max())
        bins = lo + (hi - lo) * np.arange(1, k + 1) / k
        bins[-1] = hi
        return bins
    import mapclassify  # heavy import, only for natural breaks

    with warnings.catch_warnings():
        # Without numba mapclassify falls back to its pure-Python loop and says so; the
        # result is identical and our layers have at most a few thousand areas.
        warnings.filterwarnings("ignore", message="Numba not installed", category=UserWarning)
        fj = mapclassify.FisherJenks(y, k=k)
    return np.asarray(fj.bins, dtype=np.float64)


def classify(
    values: Sequence[float] | NDArray[np.float64], method: Method | str, k: int = 5
) -> Classification:
    """Classify ``values`` into at most ``k`` classes; NaN values get class ``-1``.

    Fewer distinct values than ``k`` give fewer classes (never empty classes or a
    warning). Raises ``ValueError`` for an unknown method, ``k`` outside 1..9 or no
    finite value at all.
    """
    m = Method(method)
    if not 1 <= k <= 9:
        raise ValueError(f"k must be 1..9 (the palettes have 9 colours), got {k}")
    arr, ok = _finite(values)
    if not ok.any():
        raise ValueError("no finite values to classify")
    y = arr[ok]
    bins = _bins(y, m, k)
    yb = np.full(arr.shape, -1, dtype=np.int64)
    yb[ok] = np.minimum(np.searchsorted(bins, y, side="left"), len(bins) - 1)
    return Classification(m, tuple(float(b) for b in bins), yb, float(y.min()), k)


def _sample(palette: Sequence[str], k: int, *, skip_light_end: bool) -> list[str]:
    """``k`` colours spread over ``palette`` (first = worse)."""
    if k == 1:
        return [palette[len(palette) // 3]]
    stop = len(palette) - 1 - (1 if skip_light_end and k < len(palette) else 0)
    idx = np.linspace(0, stop, k).round().astype(int)
    return [palette[i] for i in idx]


def class_colors(k: int, *, higher_is_better: bool, palette: str = "sekventiell") -> list[str]:
    """Colour of each class in increasing value order, strongest colour = worse.

    With ``higher_is_better`` the lowest class gets the strong colour; otherwise the
    highest. The very light end of the sequential palette is skipped for fewer than 9
    classes so the best class stays visible on a light background.
    """
    if palette not in PALETTES:
        raise ValueError(f"unknown palette {palette!r}; known: {sorted(PALETTES)}")
    if not 1 <= k <= 9:
        raise ValueError(f"k must be 1..9, got {k}")
    worse_first = _sample(PALETTES[palette], k, skip_light_end=palette == "sekventiell")
    return worse_first if higher_is_better else worse_first[::-1]


def rank_values(
    values: Sequence[float] | NDArray[np.float64], *, higher_is_better: bool
) -> NDArray[np.float64]:
    """Rank 1 = best (ties share the best rank); NaN stays NaN."""
    arr, ok = _finite(values)
    ranks = np.full(arr.shape, np.nan)
    if ok.any():
        y = arr[ok]
        key = -y if higher_is_better else y
        order = np.sort(key)
        ranks[ok] = np.searchsorted(order, key, side="left") + 1
    return ranks


@dataclass(frozen=True)
class Bivariate:
    """3 × 3 classes of two layers.

    Attributes
    ----------
    a_class, b_class
        Tercile 0 (better) … 2 (worse) per area; -1 where a value is missing.
    code
        ``3 * a_class + b_class`` (index into :data:`BIVARIATE_COLORS`); -1 if missing.
    a_bins, b_bins
        Tercile upper bounds (in value order) of A and B.
    """

    a_class: NDArray[np.int64]
    b_class: NDArray[np.int64]
    code: NDArray[np.int64]
    a_bins: tuple[float, ...]
    b_bins: tuple[float, ...]


def _tercile_worse(
    values: NDArray[np.float64], higher_is_better: bool
) -> tuple[NDArray[np.int64], tuple[float, ...]]:
    c = classify(values, Method.QUANTILES, 3)
    yb = c.yb.copy()
    if c.k < 3:
        # Few distinct values: spread the classes formed over 0..2 so the ends stay ends.
        spread = np.array([0, 2]) if c.k == 2 else np.array([1])
        yb = np.where(yb >= 0, spread[np.clip(yb, 0, c.k - 1)], -1)
    if higher_is_better:
        yb = np.where(yb >= 0, 2 - yb, -1)
    return yb.astype(np.int64), c.bins


def bivariate(
    a: Sequence[float] | NDArray[np.float64],
    b: Sequence[float] | NDArray[np.float64],
    *,
    a_higher_is_better: bool,
    b_higher_is_better: bool,
) -> Bivariate:
    """Tercile classes of A and B oriented so that 2 means the worse third of each."""
    a_arr, a_ok = _finite(a)
    b_arr, b_ok = _finite(b)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a has {a_arr.size} values, b has {b_arr.size}")
    both = a_ok & b_ok
    if not both.any():
        raise ValueError("no area has values of both layers")
    a_cls = np.full(a_arr.shape, -1, dtype=np.int64)
    b_cls = np.full(b_arr.shape, -1, dtype=np.int64)
    a_part, a_bins = _tercile_worse(a_arr[both], a_higher_is_better)
    b_part, b_bins = _tercile_worse(b_arr[both], b_higher_is_better)
    a_cls[both] = a_part
    b_cls[both] = b_part
    code = np.where(both, 3 * a_cls + b_cls, -1).astype(np.int64)
    return Bivariate(a_cls, b_cls, code, a_bins, b_bins)
