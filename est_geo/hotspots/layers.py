"""From an incident selection to a map-ready hot spot layer, its exports and cell details.

The statistics live in :mod:`est_geo.hotspots`; this module decides what the Hotspots
page, its downloads and ``est-geo hotspots`` show, so all three say the same thing:

* **one analysis per selection**: incidents (EPSG:3006) inside the rectangle covering the
  chosen areas, on the fixed-origin grid; Gi* is always computed (the top-N list and the
  exports need it in every mode), the mode adds a KDE surface or emerging categories;
* **a bounded map layer**: only cells that carry information are drawn (count > 0 in
  *rutnät*, a significant class in *Gi\\**, inside the 90 % volume in *täthet*, a pattern in
  *nya & växande*); if that is still more than :data:`MAX_LAYER_FEATURES`, the analysis
  is re-run on cells twice as large (up to 1,000 m) and the coarsening is stated; at
  1,000 m the strongest cells are kept and the rest counted. Coordinates are rounded to
  what the cell size needs (:func:`precision_for`);
* **honest small numbers**: :func:`inference_note` (rule below) gives a Swedish note when
  counts are too small for a hot spot test to mean anything; the layer is still drawn,
  the note says how to read it;
* **comparisons** with the previous period and the same period last year on the *same*
  grid (cell ids are stable, so a cell's change is well defined).

Too few for inference (the rule)
--------------------------------
A Gi* or emerging map is flagged when **fewer than 30 incidents** fall in the rectangle
(the minimum Esri's *Optimized Hot Spot Analysis* demands), or when they occupy **fewer
than 10 cells** (then Gi* only restates where the few reports were). The emerging mode
also flags **fewer than 10 time steps** (Esri's recommendation). Counts, density and
points are descriptive, so they are flagged only when there are fewer than 30
incidents (a pattern in a handful of reports is chance).

KDE classes
-----------
The density surface is shown as *percent-volume* classes, as in home-range analysis: the
densest cells that together hold 25 %, 50 %, 75 % and 90 % of the surface's mass
(expected incidents). "Det tätaste område där hälften av händelserna finns" reads
plainly in a meeting and does not depend on the colour scale; cells outside the 90 %
volume are not drawn.
"""

from __future__ import annotations

import io
import json
import math
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from est_geo.core.crs import from_wgs84, to_wgs84
from est_geo.core.errors import AnalysisError, Problem, ValidationError
from est_geo.core.model import DISPLAY_EPSG, STORE_EPSG, CategoryTree
from est_geo.hotspots import (
    DEFAULT_CELL_SIZE,
    EmergingResult,
    GiStarResult,
    Grid,
    KdeSurface,
    TimeProfile,
    TimeWindow,
    count_points,
    emerging_hotspots,
    gistar_grid,
    kde_surface,
    top_time_windows,
    weekday_hour_matrix,
)
from est_geo.hotspots.grid import MAX_CELL_SIZE, MIN_CELL_SIZE
from est_geo.i18n import translate
from est_geo.io.csvout import frame_to_csv
from est_geo.io.export import table_to_xlsx
from est_geo.maps.mapdata import DEFAULT_MAX_POINTS, PointData, incident_display

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
    "CellDetail",
    "Comparison",
    "HotspotLayer",
    "HotspotParams",
    "analysis_bbox",
    "cell_at",
    "cell_bounds",
    "cell_detail",
    "cells_frame",
    "cells_table",
    "comparison_period",
    "count_breaks",
    "count_class_labels",
    "emerging_window",
    "export_csv",
    "export_geojson",
    "export_gpkg",
    "export_xlsx",
    "feature_collection",
    "inference_note",
    "parse_cell_id",
    "precision_for",
    "run_layer",
    "wgs84_bounds",
    "write_feature_collection",
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
            problems.append(Problem(None, "mode", self.mode, f"välj en av {', '.join(MODES)}"))
        if not (
            isinstance(self.cell_size, int) and MIN_CELL_SIZE <= self.cell_size <= MAX_CELL_SIZE
        ):
            problems.append(
                Problem(
                    None,
                    "cell_size",
                    str(self.cell_size),
                    f"rutstorleken måste vara hela meter {MIN_CELL_SIZE}–{MAX_CELL_SIZE}",
                )
            )
        if not 1 <= self.k <= 5:
            problems.append(Problem(None, "k", str(self.k), "grannskapet måste vara 1–5 rutor"))
        if self.bandwidth is not None and not (
            math.isfinite(self.bandwidth) and 0 < self.bandwidth <= 5000
        ):
            problems.append(Problem(None, "bandwidth", str(self.bandwidth), "bandbredd 0–5 000 m"))
        if problems:
            raise ValidationError(problems, "Ogiltiga inställningar för hot spot-analysen")


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

    def sentence_sv(self) -> str:
        """Plain Swedish sentence, e.g. '42 händelser mot 30 föregående period (+12, +40 %).'"""
        what = "föregående period" if self.kind == "previous" else "samma period förra året"
        pct = self.change_pct
        pct_text = "" if pct is None else f", {pct:+.0f} %".replace("-", "−")
        sign = f"{self.change:+d}".replace("-", "−")
        return (
            f"{self.total_current} händelser mot {self.total_reference} {what} "
            f"({self.start.isoformat()} – {(self.end - timedelta(days=1)).isoformat()}): "
            f"{sign}{pct_text}."
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
        [Problem(None, "comparison", kind, f"välj en av {', '.join(COMPARISONS)}")]
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
                [Problem(None, "area", u, "okänt område") for u in unknown],
                f"Okänt område. Giltiga områden: {valid}",
            )
        chosen = areas[mask]
    if chosen.empty:
        raise AnalysisError("Det finns inga områden att analysera. Importera områden först.")
    minx, miny, maxx, maxy = (float(v) for v in chosen.total_bounds)
    return (minx, miny, maxx, maxy), [str(n) for n in chosen["name"]]


def wgs84_bounds(
    bbox: tuple[float, float, float, float],
) -> tuple[tuple[float, float], tuple[float, float]]:
    """((south, west), (north, east)) in WGS84 of an EPSG:3006 bbox (for the map view)."""
    minx, miny, maxx, maxy = bbox
    xs = np.array([minx, maxx, minx, maxx], dtype=np.float64)
    ys = np.array([miny, miny, maxy, maxy], dtype=np.float64)
    lon, lat = to_wgs84(xs, ys)
    return (float(lat.min()), float(lon.min())), (float(lat.max()), float(lon.max()))


# ------------------------------------------------------------------------------ result
@dataclass(frozen=True, eq=False)
class HotspotLayer:
    """One analysed selection: arrays over the grid, the bounded map layer, the notes.

    Attributes
    ----------
    params
        The settings asked for (``params.cell_size`` may differ from ``grid.cell_size``
        when the layer had to be coarsened, see ``coarsened_from``).
    grid, counts
        The grid analysed and the incident count per cell, ``(ny, nx)``.
    gistar
        Gi* on ``counts`` (``None`` when every cell has the same count).
    kde, kde_class
        Density surface and its percent-volume class per cell (``"kde_25"`` … or ``""``),
        in *täthet* mode.
    emerging
        Emerging hot spot result in *nya & växande* mode.
    reference_counts, comparison
        Counts per cell and totals of the comparison period, if one was asked for.
    cells
        The map layer: WGS84 polygons of the cells to draw (never more than
        :data:`MAX_LAYER_FEATURES`), columns ``cell_id``, ``count``, ``gi_z``, ``gi_p``,
        ``gi_class``, ``layer_class`` (what colours the cell in this mode) and the mode's
        extra columns.
    points
        Individual incidents for *punkter* mode when few enough to draw
        (:data:`est_geo.maps.mapdata.DEFAULT_MAX_POINTS`), else ``None`` and ``cells`` holds
        counts.
    note
        "too few for inference" note (:func:`inference_note`), or ``None``.
    coarsened_from, n_hidden
        Cell size asked for when the layer had to use larger cells; cells left off the map
        at the largest cell size because there were still too many.
    parameters
        Everything needed to reproduce the run (recorded in every export).
    """

    params: HotspotParams
    grid: Grid
    counts: NDArray[np.int64]
    n_incidents: int
    n_outside: int
    gistar: GiStarResult | None
    kde: KdeSurface | None
    kde_class: NDArray[np.str_] | None
    emerging: EmergingResult | None
    reference_counts: NDArray[np.int64] | None
    comparison: Comparison | None
    cells: gpd.GeoDataFrame
    points: PointData | None
    note: Note | None
    coarsened_from: int | None
    n_hidden: int
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def precision(self) -> int:
        """Decimals kept in this layer's WGS84 coordinates."""
        return precision_for(self.grid.cell_size)

    @property
    def too_few(self) -> bool:
        """True when :func:`inference_note` flagged this selection."""
        return self.note is not None

    @property
    def n_nonempty(self) -> int:
        """Cells with at least one incident."""
        return int(np.count_nonzero(self.counts))


@dataclass(frozen=True)
class Note:
    """A note on a result as a catalogue key and its values, worded where it is shown."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str = "sv") -> str:
        """The note in ``lang``."""
        return translate(self.key, lang, **self.params)


def inference_note(
    n_incidents: int, n_nonempty_cells: int, *, mode: str, n_steps: int | None = None
) -> Note | None:
    """A note when counts are too small for inference (rule in the module doc)."""
    if n_incidents < MIN_INCIDENTS_FOR_INFERENCE:
        return Note(
            "hotspots.note.few_incidents", {"n": n_incidents, "least": MIN_INCIDENTS_FOR_INFERENCE}
        )
    if mode in ("gistar", "emerging") and n_nonempty_cells < MIN_CELLS_FOR_INFERENCE:
        return Note(
            "hotspots.note.few_cells", {"n": n_nonempty_cells, "least": MIN_CELLS_FOR_INFERENCE}
        )
    if mode == "emerging" and n_steps is not None and n_steps < MIN_STEPS_FOR_EMERGING:
        return Note("hotspots.note.few_steps", {"n": n_steps, "least": MIN_STEPS_FOR_EMERGING})
    return None


def run_layer(
    incidents: pd.DataFrame,
    bbox: tuple[float, float, float, float],
    params: HotspotParams,
    *,
    period: tuple[date, date] | None = None,
    history: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    comparison: tuple[str, date, date] | None = None,
    filters: Mapping[str, object] | None = None,
    tree: CategoryTree | None = None,
    max_features: int = MAX_LAYER_FEATURES,
) -> HotspotLayer:
    """Analyse a selection and build its bounded map layer.

    Parameters
    ----------
    incidents
        The selected incidents (columns ``x``, ``y`` in EPSG:3006, ``occurred_at``,
        ``has_time``, ``category``), already filtered by period, category, actor, weekday
        and hour. Incidents outside ``bbox`` are ignored and counted.
    bbox
        ``(minx, miny, maxx, maxy)`` in EPSG:3006, usually :func:`analysis_bbox`.
    params
        Mode and settings.
    period
        ``(start, end)`` of the selection, end exclusive; recorded, and the emerging
        window ends there.
    history
        Incidents over :func:`emerging_window` for *nya & växande* (default: ``incidents``).
    reference, comparison
        Incidents of the comparison period (same filters) and ``(kind, start, end)``.
    filters
        Description of the selection (period, categories …) recorded in the parameters.
    tree
        Category tree, for point labels in *punkter* mode (default tree if ``None``).
    max_features
        Upper bound on drawn cells (tests use a small one).
    """
    _check_frame(incidents, "incidents")
    x = incidents["x"].to_numpy(np.float64)
    y = incidents["y"].to_numpy(np.float64)
    cell_size = _upfront_cell_size(bbox, params, period)
    coarsened_from: int | None = None if cell_size == params.cell_size else params.cell_size
    while True:
        grid = Grid.covering(bbox, cell_size)
        state = _analyse(grid, x, y, incidents, params, period, history)
        mask = _layer_mask(params.mode, state)
        n_layer = int(np.count_nonzero(mask))
        if n_layer <= max_features or cell_size >= MAX_CELL_SIZE:
            break
        coarsened_from = coarsened_from or params.cell_size
        cell_size = min(MAX_CELL_SIZE, cell_size * 2)
    n_hidden = 0
    if n_layer > max_features:
        mask, n_hidden = _keep_strongest(mask, state, max_features, params.mode)

    ref_counts: NDArray[np.int64] | None = None
    comp: Comparison | None = None
    if reference is not None and comparison is not None:
        _check_frame(reference, "reference")
        ref = count_points(
            grid, reference["x"].to_numpy(np.float64), reference["y"].to_numpy(np.float64)
        )
        ref_counts = np.asarray(ref.counts, dtype=np.int64)
        kind, c_start, c_end = comparison
        comp = Comparison(
            kind=kind,
            start=c_start,
            end=c_end,
            total_current=int(state.counts.sum()),
            total_reference=int(ref_counts.sum()),
        )

    n_in = int(state.counts.sum())
    n_steps = None if state.emerging is None else int(state.emerging.steps.size)
    note = inference_note(
        n_in, int(np.count_nonzero(state.counts)), mode=params.mode, n_steps=n_steps
    )
    if state.gistar is None and note is None and params.mode in ("gistar", "emerging"):
        note = Note("hotspots.note.all_equal")
    points: PointData | None = None
    if params.mode == "punkter" and 0 < len(incidents) <= DEFAULT_MAX_POINTS:
        inside = _inside_bbox(incidents, bbox)
        shown = incident_display(inside, tree or CategoryTree.default())
        points = shown if isinstance(shown, PointData) else None

    layer_cells = _cells_gdf(grid, mask, state, ref_counts, params.mode)
    parameters = _parameters(
        params, grid, state, bbox, period, comparison, filters, n_in, coarsened_from, n_hidden
    )
    return HotspotLayer(
        params=params,
        grid=grid,
        counts=state.counts,
        n_incidents=n_in,
        n_outside=state.n_outside,
        gistar=state.gistar,
        kde=state.kde,
        kde_class=state.kde_class,
        emerging=state.emerging,
        reference_counts=ref_counts,
        comparison=comp,
        cells=layer_cells,
        points=points,
        note=note,
        coarsened_from=coarsened_from,
        n_hidden=n_hidden,
        parameters=parameters,
    )


@dataclass(frozen=True, eq=False)
class _State:
    counts: NDArray[np.int64]
    n_outside: int
    gistar: GiStarResult | None
    kde: KdeSurface | None
    kde_class: NDArray[np.str_] | None
    emerging: EmergingResult | None


def _check_frame(frame: pd.DataFrame, name: str) -> None:
    missing = [c for c in ("x", "y", "occurred_at") if c not in frame.columns]
    if missing:
        raise ValidationError(
            [Problem(None, name, ", ".join(missing), "kolumner saknas")], "Ogiltigt urval"
        )


def _inside_bbox(frame: pd.DataFrame, bbox: tuple[float, float, float, float]) -> pd.DataFrame:
    x, y = frame["x"], frame["y"]
    kept: pd.DataFrame = frame[(x >= bbox[0]) & (x <= bbox[2]) & (y >= bbox[1]) & (y <= bbox[3])]
    return kept


def _upfront_cell_size(
    bbox: tuple[float, float, float, float], params: HotspotParams, period: tuple[date, date] | None
) -> int:
    """Coarsen before analysing when the grid (or the emerging cube) would be too large."""
    size = params.cell_size
    steps = 1
    if params.mode == "emerging" and period is not None:
        w_start, w_end, step = emerging_window(*period)
        days = (w_end - w_start).days
        steps = max(1, days // 7 + 1) if step == "week" else max(1, days // 28 + 1)
    limit = _MAX_CUBE_CELLS if params.mode == "emerging" else _MAX_ANALYSIS_CELLS
    while size < MAX_CELL_SIZE:
        grid = Grid.covering(bbox, size)
        if grid.n_cells * steps <= limit and grid.n_cells <= _MAX_ANALYSIS_CELLS:
            break
        size = min(MAX_CELL_SIZE, size * 2)
    return size


def _analyse(
    grid: Grid,
    x: NDArray[np.float64],
    y: NDArray[np.float64],
    incidents: pd.DataFrame,
    params: HotspotParams,
    period: tuple[date, date] | None,
    history: pd.DataFrame | None,
) -> _State:
    binned = count_points(grid, x, y)
    counts = np.asarray(binned.counts, dtype=np.int64)
    try:
        gi: GiStarResult | None = gistar_grid(counts, grid=grid, k=params.k, fdr=params.fdr)
    except AnalysisError:
        gi = None
    kde: KdeSurface | None = None
    kde_cls: NDArray[np.str_] | None = None
    emerging: EmergingResult | None = None
    if params.mode == "tathet" and counts.sum() >= 2:
        try:
            kde = kde_surface(grid, x, y, bandwidth=params.bandwidth)
        except AnalysisError:
            kde = None
        if kde is not None:
            kde_cls = _volume_classes(kde.values)
    if params.mode == "emerging":
        emerging = _run_emerging(grid, incidents if history is None else history, params, period)
    return _State(counts, binned.n_outside, gi, kde, kde_cls, emerging)


def _run_emerging(
    grid: Grid, frame: pd.DataFrame, params: HotspotParams, period: tuple[date, date] | None
) -> EmergingResult | None:
    if frame.empty:
        return None
    start = end = None
    step: Literal["month", "week"] = "month"
    if period is not None:
        w_start, w_end, step = emerging_window(*period)
        start = np.datetime64(w_start, "D")
        end = np.datetime64(w_end - timedelta(days=1), "D")
    try:
        return emerging_hotspots(
            grid,
            frame["x"].to_numpy(np.float64),
            frame["y"].to_numpy(np.float64),
            frame["occurred_at"].to_numpy("datetime64[ns]"),
            step=step,
            start=start,
            end=end,
            k=params.k,
            fdr=True,
        )
    except AnalysisError:
        return None


def _volume_classes(values: NDArray[np.float64]) -> NDArray[np.str_]:
    """Percent-volume class of each cell (``""`` outside the largest level)."""
    flat = values.ravel()
    total = float(flat.sum())
    out = np.full(flat.shape, "", dtype="<U6")
    if total <= 0:
        return out.reshape(values.shape)
    order = np.argsort(flat)[::-1]
    cum = np.cumsum(flat[order]) / total
    # A cell belongs to level q if the mass *before* it is still below q.
    before = cum - flat[order] / total
    for level in sorted(KDE_LEVELS, reverse=True):
        chosen = order[before < level - 1e-12]
        out[chosen] = f"kde_{round(level * 100)}"
    return out.reshape(values.shape)


def _layer_mask(mode: str, state: _State) -> NDArray[np.bool_]:
    if mode == "gistar":
        if state.gistar is None:
            return np.zeros(state.counts.shape, dtype=bool)
        return np.asarray(state.gistar.classes != "none")
    if mode == "tathet":
        if state.kde_class is None:
            return np.zeros(state.counts.shape, dtype=bool)
        return np.asarray(state.kde_class != "")
    if mode == "emerging":
        em = state.emerging
        if em is None:
            return np.zeros(state.counts.shape, dtype=bool)
        return np.asarray((em.categories != "no_pattern") & em.has_data)
    return np.asarray(state.counts > 0)


def _keep_strongest(
    mask: NDArray[np.bool_], state: _State, limit: int, mode: str
) -> tuple[NDArray[np.bool_], int]:
    """Keep the ``limit`` strongest cells of ``mask``; count the rest.

    Strongest = highest density (täthet), highest |z| then count (Gi*, emerging), highest
    count (rutnät, punkter): the cells a reader would look at first.
    """
    strength = state.counts.astype(np.float64)
    if state.kde is not None:
        strength = state.kde.values
    elif mode in ("gistar", "emerging") and state.gistar is not None:
        strength = np.abs(state.gistar.z) * 1e6 + strength
    flat = np.flatnonzero(mask.ravel())
    keep = flat[np.argsort(strength.ravel()[flat])[::-1][:limit]]
    out = np.zeros(mask.size, dtype=bool)
    out[keep] = True
    return out.reshape(mask.shape), int(flat.size - keep.size)


def _corner_lonlat(
    grid: Grid, rows: NDArray[np.int64], cols: NDArray[np.int64]
) -> NDArray[np.float64]:
    """``(n, 5, 2)`` closed rings of cell corners in (lon, lat), counter-clockwise."""
    cs = float(grid.cell_size)
    x0 = (cols + grid.ix0) * cs
    y0 = (rows + grid.iy0) * cs
    xs = np.stack([x0, x0 + cs, x0 + cs, x0, x0], axis=1)
    ys = np.stack([y0, y0, y0 + cs, y0 + cs, y0], axis=1)
    lon, lat = to_wgs84(xs.ravel(), ys.ravel())
    return np.stack([lon, lat], axis=1).reshape(len(rows), 5, 2)


def _cell_ids(grid: Grid, flat: NDArray[np.int64]) -> NDArray[np.str_]:
    """Ids of the cells at flat indices ``flat`` only (:meth:`Grid.ids_at`)."""
    rows, cols = np.divmod(np.asarray(flat, dtype=np.int64), grid.nx)
    return np.asarray(grid.ids_at(rows, cols), dtype=np.str_)


def _attribute_columns(
    grid: Grid,
    flat: NDArray[np.int64],
    state: _State | HotspotLayer,
    ref_counts: NDArray[np.int64] | None,
    mode: str,
) -> dict[str, Any]:
    ids = _cell_ids(grid, flat)
    counts = state.counts.ravel()[flat].astype(np.int64)
    cols: dict[str, Any] = {"cell_id": ids.astype(str), "count": counts}
    gi = state.gistar
    if gi is not None:
        cols["gi_z"] = np.round(gi.z.ravel()[flat], 4)
        cols["gi_p"] = gi.p.ravel()[flat]
        if gi.p_adjusted is not None:
            cols["gi_p_fdr"] = gi.p_adjusted.ravel()[flat]
        cols["gi_class"] = gi.classes.ravel()[flat].astype(str)
    else:
        cols["gi_z"] = np.zeros(flat.size)
        cols["gi_p"] = np.ones(flat.size)
        cols["gi_class"] = np.full(flat.size, "none")
    layer_class = cols["gi_class"]
    if mode == "tathet" and state.kde is not None and state.kde_class is not None:
        cols["density"] = np.round(state.kde.values.ravel()[flat], 4)
        cols["density_km2"] = np.round(state.kde.density_per_km2.ravel()[flat], 2)
        cols["kde_class"] = state.kde_class.ravel()[flat].astype(str)
        layer_class = cols["kde_class"]
    elif mode == "emerging" and state.emerging is not None:
        cols["emerging"] = state.emerging.categories.ravel()[flat].astype(str)
        layer_class = cols["emerging"]
    elif mode in ("rutnat", "punkter"):
        layer_class = _count_classes(counts, state.counts)
    cols["layer_class"] = np.asarray(layer_class, dtype=str)
    if ref_counts is not None:
        ref = ref_counts.ravel()[flat].astype(np.int64)
        cols["count_ref"] = ref
        cols["change"] = counts - ref
    return cols


def _count_classes(values: NDArray[np.int64], all_counts: NDArray[np.int64]) -> NDArray[np.str_]:
    """Count class ``n1``…``n5`` from quantile breaks of the non-empty cells."""
    breaks = count_breaks(all_counts)
    idx = np.minimum(np.searchsorted(np.asarray(breaks), values, side="left"), len(breaks) - 1)
    return np.asarray([f"n{i + 1}" for i in idx], dtype=np.str_)


def count_breaks(counts: NDArray[np.int64]) -> list[int]:
    """Upper class bounds (≤ 5 quantile classes) of the non-empty cells' counts."""
    nonzero = counts[counts > 0]
    if nonzero.size == 0:
        return [1]
    qs = np.linspace(0.2, 1.0, 5)
    return [int(b) for b in np.unique(np.quantile(nonzero, qs, method="higher"))]


def count_class_labels(counts: NDArray[np.int64], lang: str = "sv") -> list[tuple[str, str, str]]:
    """``(class, colour, label)`` for the count classes, e.g. ``("n2", "#fecc5c", "2–3")``."""
    breaks = count_breaks(counts)
    out: list[tuple[str, str, str]] = []
    low = 1
    colors = _COUNT_COLORS[-len(breaks) :] if len(breaks) < len(_COUNT_COLORS) else _COUNT_COLORS
    for i, high in enumerate(breaks):
        label = f"{low}" if low == high else f"{low}–{high}"
        text = translate("hotspots.count_class", lang, range=label, high=high)
        out.append((f"n{i + 1}", colors[i], text))
        low = high + 1
    return out


def _cells_gdf(
    grid: Grid,
    mask: NDArray[np.bool_],
    state: _State | HotspotLayer,
    ref_counts: NDArray[np.int64] | None,
    mode: str,
) -> gpd.GeoDataFrame:
    flat = np.flatnonzero(mask.ravel()).astype(np.int64)
    rows, cols_idx = np.divmod(flat, grid.nx)
    rings = np.round(_corner_lonlat(grid, rows, cols_idx), precision_for(grid.cell_size))
    geoms = shapely.polygons(rings) if flat.size else np.array([], dtype=object)
    cols = _attribute_columns(grid, flat, state, ref_counts, mode)
    return gpd.GeoDataFrame(cols, geometry=geoms, crs=f"EPSG:{DISPLAY_EPSG}")


def cells_frame(layer: HotspotLayer, *, everything: bool = False) -> gpd.GeoDataFrame:
    """Cells of ``layer`` for export, WGS84: informative cells, or ``everything``.

    Informative = a count, a significant class or (in the mode) a density class or
    emerging pattern — at the grid the layer used, so nothing is hidden by the map's
    feature bound. ``everything`` gives one row per cell of the rectangle, zeros included.
    """
    mask = _export_mask(layer, everything)
    return _cells_gdf(layer.grid, mask, layer, layer.reference_counts, layer.params.mode)


def _parameters(
    params: HotspotParams,
    grid: Grid,
    state: _State,
    bbox: tuple[float, float, float, float],
    period: tuple[date, date] | None,
    comparison: tuple[str, date, date] | None,
    filters: Mapping[str, object] | None,
    n_incidents: int,
    coarsened_from: int | None,
    n_hidden: int,
) -> dict[str, Any]:
    p: dict[str, Any] = {
        "mode": params.mode,
        "cell_size_m": grid.cell_size,
        "cell_size_requested_m": params.cell_size,
        "grid_origin": "EPSG:3006 (0, 0); cell_id = '{size}m_E{ix}_N{iy}' of the lower-left corner",
        "grid": {"ix0": grid.ix0, "iy0": grid.iy0, "nx": grid.nx, "ny": grid.ny},
        "bbox_epsg3006": [round(v, 1) for v in bbox],
        "statistic": "Getis-Ord Gi* (binary weights, self included), analytic z",
        "neighbourhood": None if state.gistar is None else state.gistar.neighbourhood,
        "k": params.k,
        "fdr": params.fdr,
        "alternative": "two-sided",
        "classes": "hot/cold at 90/95/99 % (p ≤ 0.10/0.05/0.01)"
        + (", Benjamini-Hochberg adjusted p" if params.fdr else ""),
        "period": None
        if period is None
        else {"start": period[0].isoformat(), "end_exclusive": period[1].isoformat()},
        "comparison": None
        if comparison is None
        else {
            "kind": comparison[0],
            "start": comparison[1].isoformat(),
            "end_exclusive": comparison[2].isoformat(),
        },
        "filters": _jsonable(dict(filters or {})),
        "n_incidents": n_incidents,
        "n_outside": state.n_outside,
        "coarsened_from_m": coarsened_from,
        "cells_not_drawn": n_hidden,
        "crs": f"EPSG:{DISPLAY_EPSG}",
    }
    if state.kde is not None:
        p["kde"] = {
            "bandwidth_m": round(state.kde.bandwidth, 1),
            "bandwidth_rule": state.kde.bandwidth_rule,
            "bandwidth_clamped": state.kde.bandwidth_clamped,
            "classes": "percent volume 25/50/75/90 %",
        }
    if state.emerging is not None:
        em = state.emerging
        p["emerging"] = {
            "step": em.step,
            "steps": int(em.steps.size),
            "first_step": str(em.steps[0]),
            "alpha": em.alpha,
            "fdr_within_step": em.fdr,
            "trend": "Mann-Kendall on Gi* z",
        }
    return p


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(str(v) for v in value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


# ------------------------------------------------------------------------------ cells
def parse_cell_id(cell_id: str) -> tuple[int, int, int]:
    """``"100m_E5648_N64931"`` → ``(100, 5648, 64931)``; bad ids raise ValidationError."""
    match = _CELL_ID_RE.match(cell_id.strip())
    if match is None:
        raise ValidationError(
            [Problem(None, "cell_id", cell_id, "väntade t.ex. '100m_E5648_N64931'")]
        )
    return int(match[1]), int(match[2]), int(match[3])


def cell_bounds(cell_id: str) -> tuple[float, float, float, float]:
    """EPSG:3006 bounds ``(minx, miny, maxx, maxy)`` of a cell id."""
    size, ix, iy = parse_cell_id(cell_id)
    return (ix * size, iy * size, (ix + 1) * size, (iy + 1) * size)


def cell_at(grid: Grid, lon: float, lat: float) -> str | None:
    """Id of the cell of ``grid`` containing a WGS84 point (a map click), or ``None``."""
    x, y = from_wgs84(np.array([lon], dtype=np.float64), np.array([lat], dtype=np.float64))
    flat, inside = grid.locate(x, y)
    if not bool(inside[0]):
        return None
    return str(_cell_ids(grid, flat[:1])[0])


#: A cell id as it appears in a map tooltip (``100m_E5645_N64927``).
_CELL_IN_TOOLTIP = re.compile(r"\d+m_E-?\d+_N-?\d+")


def clicked_cell(
    grid: Grid, point: Mapping[str, Any] | None, tooltip: object
) -> tuple[str | None, str | None]:
    """What a map click names: ``(click, cell_id)``, both ``None`` without a click.

    ``click`` identifies the click itself (``"lat,lng"``, else the cell id in the
    tooltip): st_folium repeats its last click on every rerun, so a click is new when
    this changes. The cell is the grid cell under the point, else the one a clicked
    tooltip names (a click on a cell's edge or label may carry no point inside the grid).
    """
    click = cell_id = None
    if point and "lat" in point and "lng" in point:
        click = f"{point['lat']},{point['lng']}"
        cell_id = cell_at(grid, float(point["lng"]), float(point["lat"]))
    if cell_id is None and (found := _CELL_IN_TOOLTIP.search(str(tooltip or ""))):
        cell_id = found.group(0)
        click = click or cell_id
    return click, cell_id


@dataclass(frozen=True, eq=False)
class CellDetail:
    """What happened in one cell: by category, by month, by weekday × hour."""

    cell_id: str
    bounds: tuple[float, float, float, float]
    total: int
    by_category: pd.DataFrame  # main, main_label, category, label, count (most first)
    monthly: pd.DataFrame  # month (first day, datetime64), count; empty months included
    profile: TimeProfile
    windows: list[TimeWindow]


def cell_detail(
    incidents: pd.DataFrame,
    cell_id: str,
    tree: CategoryTree,
    *,
    lang: str = "sv",
    months: tuple[date, date] | None = None,
) -> CellDetail:
    """Counts by category, monthly trend and weekday × hour profile of one cell.

    ``incidents`` may be any frame; only rows inside the cell are used (a cell includes
    its west and south edges, as in :class:`~est_geo.hotspots.Grid`). ``months`` =
    ``(start, end)`` fixes the trend's range so empty months show as zeros; by default it
    spans the incidents' months.
    """
    _check_frame(incidents, "incidents")
    minx, miny, maxx, maxy = cell_bounds(cell_id)
    x, y = incidents["x"], incidents["y"]
    inside = incidents[(x >= minx) & (x < maxx) & (y >= miny) & (y < maxy)]
    cats = inside["category"].astype(str) if "category" in inside else pd.Series(dtype=str)
    counts = cats.value_counts()
    rows = []
    for key, n in counts.items():
        k = str(key)
        main = tree.main_of(k) if k in tree else k
        rows.append(
            {
                "main": main,
                "main_label": tree.label(main, lang),
                "category": k,
                "label": tree.label(k, lang),
                "count": int(n),
            }
        )
    by_category = pd.DataFrame(rows, columns=["main", "main_label", "category", "label", "count"])
    times = pd.to_datetime(inside["occurred_at"])
    monthly = _monthly(times, months)
    has_time = inside["has_time"].to_numpy(bool) if "has_time" in inside else None
    profile = weekday_hour_matrix(times.to_numpy("datetime64[ns]"), has_time)
    windows = top_time_windows(profile, hours=4, n=3) if profile.matrix.sum() else []
    return CellDetail(
        cell_id=cell_id,
        bounds=(minx, miny, maxx, maxy),
        total=len(inside),
        by_category=by_category,
        monthly=monthly,
        profile=profile,
        windows=[w for w in windows if w.count > 0],
    )


def _monthly(times: pd.Series, months: tuple[date, date] | None) -> pd.DataFrame:
    per = times.dt.to_period("M")
    if months is not None:
        first = pd.Period(months[0], "M")
        last = pd.Period(months[1] - timedelta(days=1), "M")
    elif len(per):
        first, last = per.min(), per.max()
    else:
        return pd.DataFrame({"month": pd.to_datetime([]), "count": np.array([], dtype=int)})
    index = pd.period_range(first, last, freq="M")
    counts = per.value_counts().reindex(index, fill_value=0)
    return pd.DataFrame({"month": index.to_timestamp(), "count": counts.to_numpy(dtype=np.int64)})


# ------------------------------------------------------------------------------ exports
def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _export_mask(layer: HotspotLayer, everything: bool) -> NDArray[np.bool_]:
    if everything:
        return np.ones(layer.counts.shape, dtype=bool)
    mask = layer.counts > 0
    if layer.gistar is not None:
        mask |= layer.gistar.classes != "none"
    if layer.kde_class is not None:
        mask |= layer.kde_class != ""
    if layer.emerging is not None:
        mask |= (layer.emerging.categories != "no_pattern") & layer.emerging.has_data
    return np.asarray(mask)


def write_feature_collection(
    layer: HotspotLayer,
    fp: io.TextIOBase | Any,
    *,
    everything: bool = False,
    drop: Sequence[str] = ("layer_class",),
    chunk: int = 50_000,
) -> int:
    """Stream a GeoJSON FeatureCollection (WGS84) with a ``parameters`` member to ``fp``.

    Writes the cells in chunks, so a whole-municipality rectangle of half a million cells
    (``everything=True``, as ``est-geo hotspots`` writes) never sits in memory as Python
    dicts. Each feature has ``id`` = ``cell_id``. Returns the number of features.
    """
    flat_all = np.flatnonzero(_export_mask(layer, everything).ravel()).astype(np.int64)
    decimals = layer.precision
    fp.write('{"type":"FeatureCollection","parameters":')
    fp.write(json.dumps(layer.parameters, ensure_ascii=False, separators=(",", ":")))
    fp.write(',"features":[')
    first = True
    for start in range(0, flat_all.size, chunk):
        flat = flat_all[start : start + chunk]
        rows, cols_idx = np.divmod(flat, layer.grid.nx)
        rings = np.round(_corner_lonlat(layer.grid, rows, cols_idx), decimals).tolist()
        cols = _attribute_columns(
            layer.grid, flat, layer, layer.reference_counts, layer.params.mode
        )
        names = [c for c in cols if c not in drop]
        values = {c: np.asarray(cols[c]).tolist() for c in names}
        for i, ring in enumerate(rings):
            props = {c: _clean(values[c][i]) for c in names}
            feature = {
                "type": "Feature",
                "id": props["cell_id"],
                "properties": props,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            fp.write(
                ("" if first else ",")
                + json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
            )
            first = False
    fp.write("]}")
    return int(flat_all.size)


def feature_collection(layer: HotspotLayer, *, everything: bool = False) -> dict[str, Any]:
    """GeoJSON FeatureCollection (WGS84) of the export cells with a ``parameters`` member."""
    out = io.StringIO()
    write_feature_collection(layer, out, everything=everything)
    data: dict[str, Any] = json.loads(out.getvalue())
    return data


def export_geojson(layer: HotspotLayer, *, everything: bool = False) -> bytes:
    """The layer as GeoJSON bytes (WGS84, RFC 7946), the run's parameters included."""
    data = feature_collection(layer, everything=everything)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def export_gpkg(layer: HotspotLayer) -> bytes:
    """The layer as a GeoPackage: table ``hotspot_cells`` (WGS84) and ``parameters``.

    ``parameters`` is a plain attribute table (key, value as JSON text), which QGIS
    shows next to the layer.
    """
    frame = cells_frame(layer).drop(columns=["layer_class"])
    params = pd.DataFrame(
        {
            "key": list(layer.parameters),
            "value": [json.dumps(v, ensure_ascii=False) for v in layer.parameters.values()],
        }
    )
    import pyogrio

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hotspots.gpkg"
        pyogrio.write_dataframe(frame, path, layer="hotspot_cells", driver="GPKG")
        pyogrio.write_dataframe(params, path, layer="parameters", driver="GPKG", append=True)
        return path.read_bytes()


def cells_table(layer: HotspotLayer) -> pd.DataFrame:
    """The layer's cells as a plain table: one row per cell, no geometry.

    The cell centre is given in both EPSG:3006 (``x``, ``y``) and WGS84 (``lat``, ``lon``)
    so the table opens in Excel and is still placeable in a GIS.
    """
    frame = cells_frame(layer).drop(columns=["layer_class"])
    sizes, ixs, iys = (
        zip(*(parse_cell_id(c) for c in frame["cell_id"]), strict=True)
        if len(frame)
        else ((), (), ())
    )
    size_a = np.asarray(sizes, dtype=np.float64)
    cx = (np.asarray(ixs, dtype=np.float64) + 0.5) * size_a
    cy = (np.asarray(iys, dtype=np.float64) + 0.5) * size_a
    lon, lat = to_wgs84(cx, cy) if len(frame) else (np.array([]), np.array([]))
    table = pd.DataFrame(frame.drop(columns="geometry"))
    table["x"] = cx
    table["y"] = cy
    table["lat"] = np.round(lat, 6)
    table["lon"] = np.round(lon, 6)
    return table


def export_csv(layer: HotspotLayer) -> bytes:
    """The layer as CSV (UTF-8 with BOM for Excel): :func:`cells_table`.

    The run's parameters come first as ``#`` comment lines (``pandas.read_csv(...,
    comment="#")`` skips them).
    """
    return frame_to_csv(
        cells_table(layer),
        comments=(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in layer.parameters.items()),
    )


def export_xlsx(layer: HotspotLayer) -> bytes:
    """The layer as an Excel workbook: the cells, then the run's parameters.

    Sheet "rutor" is :func:`cells_table`; sheet "parametrar" holds each parameter as
    key and JSON value, so the numbers keep their meaning when the file is forwarded.
    """
    parameters = pd.DataFrame(
        {
            "parameter": list(layer.parameters),
            "value": [json.dumps(v, ensure_ascii=False) for v in layer.parameters.values()],
        }
    )
    return table_to_xlsx(cells_table(layer), sheet="rutor", extra_sheets={"parametrar": parameters})
