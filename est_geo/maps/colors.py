"""Colour ramps and class breaks computed by us (no branca colormap: it pulls d3 from a CDN).

Both ramps are sequential and colour-blind safe: ColorBrewer YlOrRd (light to dark, reads
as "more") and viridis (perceptually uniform).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

__all__ = [
    "VIRIDIS",
    "YLORRD",
    "class_breaks",
    "class_ranges",
    "classify",
    "grouped_breaks",
    "ramp",
    "range_labels",
]

#: ColorBrewer YlOrRd, 9 classes.
YLORRD: tuple[str, ...] = (
    "#ffffcc",
    "#ffeda0",
    "#fed976",
    "#feb24c",
    "#fd8d3c",
    "#fc4e2a",
    "#e31a1c",
    "#bd0026",
    "#800026",
)
#: matplotlib viridis sampled at 9 even steps.
VIRIDIS: tuple[str, ...] = (
    "#440154",
    "#472d7b",
    "#3b528b",
    "#2c728e",
    "#21918c",
    "#28ae80",
    "#5ec962",
    "#addc30",
    "#fde725",
)


def ramp(n: int, palette: Sequence[str] = YLORRD) -> list[str]:
    """Return ``n`` colours spread evenly over ``palette`` (1 ≤ n ≤ len(palette)).

    With fewer classes the light end is skipped, so the first class stays visible on a
    light background.
    """
    if not 1 <= n <= len(palette):
        raise ValueError(f"n must be 1..{len(palette)}, got {n}")
    if n == 1:
        return [palette[len(palette) // 2]]
    start = 1 if n < len(palette) else 0
    idx = np.linspace(start, len(palette) - 1, n).round().astype(int)
    return [palette[i] for i in idx]


def class_breaks(values: Sequence[float], n_classes: int = 5) -> list[float]:
    """Upper bounds of at most ``n_classes`` quantile classes of ``values``.

    Bounds are actual data values (so integer counts give integer bounds), strictly
    increasing, the last one is the maximum. Empty input gives ``[]``.
    """
    if n_classes < 1:
        raise ValueError(f"n_classes must be at least 1, got {n_classes}")
    arr = np.asarray(values, dtype=np.float64)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return []
    qs = np.linspace(1 / n_classes, 1, n_classes)
    bounds = np.unique(np.quantile(arr, qs, method="higher"))
    return [float(b) for b in bounds]


def grouped_breaks(values: Sequence[float], n_classes: int = 5) -> list[float]:
    """Quantile breaks like :func:`class_breaks`, but no class holds just one value.

    A class of one value (a legend reading "201") says more than the map can: with few
    distinct values there are fewer classes, each holding at least two distinct values
    (one class when there is only one value). Bounds are data values, the last the maximum.
    """
    arr = np.asarray(values, dtype=np.float64)
    arr = arr[np.isfinite(arr)]
    distinct = np.unique(arr)
    if distinct.size == 0:
        return []
    breaks = class_breaks(arr.tolist(), max(1, min(n_classes, distinct.size // 2)))
    while len(breaks) > 1:
        sizes = np.diff(np.searchsorted(distinct, breaks, side="right"), prepend=0)
        single = [i for i, size in enumerate(sizes) if size < 2]
        if not single:
            break
        i = single[0]
        if i < len(breaks) - 1:
            del breaks[i]  # a lone class joins its upper neighbour
        else:
            _widen_last(breaks, distinct)
    return breaks


def _widen_last(breaks: list[float], distinct: np.ndarray) -> None:
    """Give a lone last class the value below it, or merge it when that leaves one lone."""
    j = int(np.searchsorted(distinct, breaks[-2]))
    floor = breaks[-3] if len(breaks) > 2 else -np.inf
    kept = np.count_nonzero((distinct > floor) & (distinct < breaks[-2]))
    if kept >= 2:
        breaks[-2] = float(distinct[j - 1])
    else:
        del breaks[-2]


def class_ranges(breaks: Sequence[float]) -> list[tuple[float | None, float | None]]:
    """Each class of ``breaks`` as ``(more_than, at_most)`` for a legend in words.

    The first class is "up to" its break (``more_than`` None), the last "more than" the
    previous break (``at_most`` None), those between "more than a, at most b". One class
    is "up to" the maximum. Every value classified by :func:`classify` satisfies its
    class's words.
    """
    if not breaks:
        return []
    if len(breaks) == 1:
        return [(None, float(breaks[0]))]
    ranges: list[tuple[float | None, float | None]] = [(None, float(breaks[0]))]
    ranges += [(float(lo), float(hi)) for lo, hi in pairwise(breaks[:-1])]
    ranges.append((float(breaks[-2]), None))
    return ranges


def classify(values: Sequence[float], breaks: Sequence[float], colors: Sequence[str]) -> list[str]:
    """Colour of each value: class ``i`` holds values ``≤ breaks[i]`` (above the previous).

    Values above the last break take the last colour; non-finite values raise.
    """
    if len(colors) != len(breaks) or not breaks:
        raise ValueError(
            f"need one colour per break, got {len(colors)} colours for {len(breaks)} breaks"
        )
    arr = np.asarray(values, dtype=np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("values must be finite numbers")
    idx = np.minimum(np.searchsorted(np.asarray(breaks), arr, side="left"), len(breaks) - 1)
    return [colors[i] for i in idx]


def _fmt(value: float) -> str:
    return f"{value:g}".replace("-", "−")


def range_labels(breaks: Sequence[float], minimum: float, *, integer: bool = True) -> list[str]:
    """Legend labels such as ``"1–3"``, ``"4–9"``, ``"10–42"`` for :func:`classify` classes.

    ``minimum`` is the smallest value of the data (lower end of the first class). With
    ``integer`` each class after the first starts at the previous break + 1.
    """
    labels: list[str] = []
    low = minimum
    for high in breaks:
        labels.append(_fmt(low) if low == high else f"{_fmt(low)}–{_fmt(high)}")
        low = high + 1 if integer else high
    return labels
