"""Parameters of a Hotspots analysis: modes, colours, limits, comparison periods, the area box.

Never imports streamlit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import geopandas as gpd
import numpy as np

from est_geo.core.crs import to_wgs84
from est_geo.core.errors import AnalysisError, Problem, ValidationError, keyed_error
from est_geo.core.model import STORE_EPSG
from est_geo.hotspots import (
    DEFAULT_CELL_SIZE,
)
from est_geo.hotspots.grid import MAX_CELL_SIZE, MIN_CELL_SIZE
from est_geo.i18n import translate
from est_geo.i18n.numbers import number

__all__ = [
    "COMPARISONS",
    "EMERGING_COLORS",
    "GI_CLASS_COLORS",
    "KDE_CLASS_COLORS",
    "KDE_LEVELS",
    "MAX_LAYER_FEATURES",
    "MIN_CELLS_FOR_INFERENCE",
    "MIN_INCIDENTS_FOR_INFERENCE",
    "MIN_STEPS_FOR_EMERGING",
    "MODES",
    "Comparison",
    "HotspotParams",
    "Mode",
    "analysis_bbox",
    "comparison_period",
    "emerging_window",
    "precision_for",
    "wgs84_bounds",
]


Mode = Literal["punkter", "tathet", "rutnat", "gistar", "emerging"]
#: Page modes in menu order: points, density, grid counts, Gi*, new & growing.
MODES: tuple[Mode, ...] = ("punkter", "tathet", "rutnat", "gistar", "emerging")
#: Comparison periods offered next to the selected one.
COMPARISONS: tuple[str, ...] = ("previous", "last_year")

#: No map layer sends more features than this (browsers draw ~10,000 polygons smoothly).
MAX_LAYER_FEATURES = 10_000
#: Fewer incidents than this: a hot spot test means nothing (Esri's minimum is 30).
MIN_INCIDENTS_FOR_INFERENCE = 30
#: Fewer non-empty cells than this: Gi* only restates where the few reports were.
MIN_CELLS_FOR_INFERENCE = 10
#: Fewer time steps than this: the Mann–Kendall trend is weak (Esri recommends ≥ 10).
MIN_STEPS_FOR_EMERGING = 10
#: Percent-volume levels of the KDE classes (share of incidents in the densest cells).
KDE_LEVELS: tuple[float, ...] = (0.25, 0.5, 0.75, 0.9)
#: Cells per grid the analysis accepts before coarsening up front (memory and time);
#: for emerging hot spots the bound is on cells × time steps.
_MAX_ANALYSIS_CELLS = 4_000_000
_MAX_CUBE_CELLS = 24_000_000

#: Esri's Hot Spot Analysis colours (red hot, blue cold); "none" is not drawn.
GI_CLASS_COLORS: Mapping[str, str] = {
    "hot_99": "#d62f27",
    "hot_95": "#ed7551",
    "hot_90": "#fab984",
    "none": "#eeeeee",
    "cold_90": "#b5c9df",
    "cold_95": "#7599c1",
    "cold_99": "#4575b5",
}
KDE_CLASS_COLORS: Mapping[str, str] = {
    "kde_25": "#bd0026",
    "kde_50": "#f03b20",
    "kde_75": "#fd8d3c",
    "kde_90": "#fecc5c",
}
#: Emerging categories: hot ones in reds/oranges, cold ones in blues (no pattern: hidden).
EMERGING_COLORS: Mapping[str, str] = {
    "new_hot": "#67000d",
    "consecutive_hot": "#a50f15",
    "intensifying_hot": "#d7301f",
    "persistent_hot": "#ef6548",
    "diminishing_hot": "#fc8d59",
    "sporadic_hot": "#fdbb84",
    "oscillating_hot": "#c51b8a",
    "historical_hot": "#bcbddc",
    "new_cold": "#08306b",
    "consecutive_cold": "#08519c",
    "intensifying_cold": "#2171b5",
    "persistent_cold": "#4292c6",
    "diminishing_cold": "#6baed6",
    "sporadic_cold": "#9ecae1",
    "oscillating_cold": "#807dba",
    "historical_cold": "#c6dbef",
    "no_pattern": "#eeeeee",
}
_COUNT_COLORS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
_CELL_ID_RE = re.compile(r"^(\d+)m_E(-?\d+)_N(-?\d+)$")


# ------------------------------------------------------------------------------ params
@dataclass(frozen=True)
class HotspotParams:
    """What the user chose: mode and analysis settings (validated, every problem at once).

    Attributes
    ----------
    mode
        One of :data:`MODES`.
    cell_size
        Grid cell side in whole metres, 25–1,000 (default 100).
    fdr
        Classify Gi* by Benjamini–Hochberg adjusted p-values (default off, as Esri).
    k
        Gi* neighbourhood radius in cells (1 = the cell and its 8 queen neighbours).
    bandwidth
        KDE standard deviation in metres; ``None`` for the documented automatic rule.
    """

    mode: str = "gistar"
    cell_size: int = DEFAULT_CELL_SIZE
    fdr: bool = False
    k: int = 1
    bandwidth: float | None = None

    def __post_init__(self) -> None:
        problems: list[Problem] = []
        if self.mode not in MODES:
            choices = ", ".join(MODES)
            problems.append(
                Problem.keyed(
                    None, "mode", self.mode, "hotspots.problem.choose_one", choices=choices
                )
            )
        if not (
            isinstance(self.cell_size, int) and MIN_CELL_SIZE <= self.cell_size <= MAX_CELL_SIZE
        ):
            problems.append(
                Problem.keyed(
                    None,
                    "cell_size",
                    str(self.cell_size),
                    "hotspots.problem.cell_size_whole",
                    min=MIN_CELL_SIZE,
                    max=MAX_CELL_SIZE,
                )
            )
        if not 1 <= self.k <= 5:
            problems.append(Problem.keyed(None, "k", str(self.k), "hotspots.problem.neighbourhood"))
        if self.bandwidth is not None and not (
            math.isfinite(self.bandwidth) and 0 < self.bandwidth <= 5000
        ):
            problems.append(
                Problem.keyed(
                    None, "bandwidth", str(self.bandwidth), "hotspots.problem.bandwidth_5000"
                )
            )
        if problems:
            raise ValidationError(problems, key="hotspots.invalid.params")


@dataclass(frozen=True)
class Comparison:
    """Totals of the selection and of one comparison period (same filters, same grid)."""

    kind: str  # "previous" | "last_year"
    start: date
    end: date  # exclusive
    total_current: int
    total_reference: int

    @property
    def change(self) -> int:
        """Current minus reference."""
        return self.total_current - self.total_reference

    @property
    def change_pct(self) -> float | None:
        """Change in per cent of the reference (``None`` when the reference is 0)."""
        if self.total_reference == 0:
            return None
        return 100.0 * self.change / self.total_reference

    def sentence(self, lang: str = "sv") -> str:
        """One plain sentence in ``lang``, e.g. '42 händelser mot 30 föregående period
        (2026-01-01 – 2026-01-31): +12, +40 %.' / '42 incidents against 30 in the previous
        period (…): +12, +40%.' Dates stay ISO, the same in every language."""
        pct = self.change_pct
        pct_text = (
            ""
            if pct is None
            else translate("hotspots.comparison.pct", lang, pct=number(pct, lang, 0, signed=True))
        )
        return translate(
            f"hotspots.comparison.sentence.{self.kind}",
            lang,
            current=number(self.total_current, lang, 0),
            reference=number(self.total_reference, lang, 0),
            start=self.start.isoformat(),
            end=(self.end - timedelta(days=1)).isoformat(),
            change=number(self.change, lang, 0, signed=True),
            pct=pct_text,
        )


def comparison_period(start: date, end: date, kind: str) -> tuple[date, date]:
    """The comparison period of ``[start, end)``: the one just before, or 364 days earlier.

    364 days (52 weeks) keeps weekdays aligned, which matters for weekend-heavy reports.
    """
    days = (end - start).days
    if kind == "previous":
        return start - timedelta(days=days), start
    if kind == "last_year":
        return start - timedelta(days=364), end - timedelta(days=364)
    raise ValidationError(
        [
            Problem.keyed(
                None,
                "comparison",
                kind,
                "hotspots.problem.choose_one",
                choices=", ".join(COMPARISONS),
            )
        ]
    )


def emerging_window(start: date, end: date) -> tuple[date, date, Literal["month", "week"]]:
    """Window and time step for the emerging analysis of the period ``[start, end)``.

    A trend needs a series: periods of 300 days or more use calendar months from the
    period's start; shorter periods use ISO weeks over at least the 12 weeks ending with
    the period (so "senaste 4 veckorna" still gives a 12-step series ending now).
    Returns ``(window_start, end, step)``; ``end`` stays exclusive.
    """
    if (end - start).days >= 300:
        return start, end, "month"
    last_day = end - timedelta(days=1)
    monday_last = last_day - timedelta(days=last_day.weekday())
    twelve = monday_last - timedelta(weeks=11)
    first = min(start - timedelta(days=start.weekday()), twelve)
    return first, end, "week"


def precision_for(cell_size: int) -> int:
    """Decimals of a degree needed for a cell's corners: 5 (≈ 1 m) below 250 m, else 4.

    The rounding error must stay a small fraction of the cell side; 4 decimals (≈ 11 m)
    are fine for cells of 250 m and more and save a fifth of the bytes.
    """
    return 5 if cell_size < 250 else 4


def analysis_bbox(
    areas: gpd.GeoDataFrame, names_or_codes: Sequence[str] | None = None
) -> tuple[tuple[float, float, float, float], list[str]]:
    """Bounding box (EPSG:3006) of the chosen areas, and their names.

    ``names_or_codes`` match an area's code or name, case-insensitively; ``None`` or empty
    means all areas. Unknown names raise :class:`ValidationError` listing the valid ones.
    """
    if areas.crs is not None and areas.crs.to_epsg() != STORE_EPSG:
        areas = areas.to_crs(epsg=STORE_EPSG)
    if not names_or_codes:
        chosen = areas
    else:
        codes = areas["code"].astype(str).str.casefold()
        names = areas["name"].astype(str).str.casefold()
        mask = np.zeros(len(areas), dtype=bool)
        unknown: list[str] = []
        for wanted in names_or_codes:
            hit = (codes == wanted.strip().casefold()) | (names == wanted.strip().casefold())
            if not hit.any():
                unknown.append(wanted)
            mask |= hit.to_numpy()
        if unknown:
            valid = "; ".join(
                f"{n} ({c})" for c, n in zip(areas["code"], areas["name"], strict=True)
            )
            raise ValidationError(
                [Problem.keyed(None, "area", u, "hotspots.problem.unknown_area") for u in unknown],
                key="hotspots.invalid.unknown_area",
                valid=valid,
            )
        chosen = areas[mask]
    if chosen.empty:
        raise keyed_error(AnalysisError, "hotspots.analysis.no_areas")
    minx, miny, maxx, maxy = (float(v) for v in chosen.total_bounds)
    return (minx, miny, maxx, maxy), [str(n) for n in chosen["name"]]


@lru_cache(maxsize=256)
def wgs84_bounds(
    bbox: tuple[float, float, float, float],
) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) in WGS84 of an EPSG:3006 bbox (for the map view).

    Remembered per box: the page asks on every run, and PROJ builds its transformation
    again in each new thread (Streamlit runs each script run in a new one), ~20 ms.
    """
    minx, miny, maxx, maxy = bbox
    xs = np.array([minx, maxx, minx, maxx], dtype=np.float64)
    ys = np.array([miny, miny, maxy, maxy], dtype=np.float64)
    lon, lat = to_wgs84(xs, ys)
    return (float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max()))
