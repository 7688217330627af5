"""One Hotspots run: the bounded map layer, its classes, notes on small numbers, parameters.

Never imports streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import NDArray

from est_geo.core.crs import to_wgs84
from est_geo.core.errors import AnalysisError, Problem, ValidationError
from est_geo.core.model import DISPLAY_EPSG, CategoryTree
from est_geo.core.text import Text
from est_geo.hotspots import (
    EmergingResult,
    GiStarResult,
    Grid,
    KdeSurface,
    count_points,
    emerging_hotspots,
    gistar_grid,
    kde_surface,
)
from est_geo.hotspots.grid import MAX_CELL_SIZE
from est_geo.hotspots.layers._params import (
    _COUNT_COLORS,
    _MAX_ANALYSIS_CELLS,
    _MAX_CUBE_CELLS,
    KDE_LEVELS,
    MAX_LAYER_FEATURES,
    MIN_CELLS_FOR_INFERENCE,
    MIN_INCIDENTS_FOR_INFERENCE,
    MIN_STEPS_FOR_EMERGING,
    Comparison,
    HotspotParams,
    emerging_window,
    precision_for,
)
from est_geo.i18n import translate
from est_geo.maps.mapdata import DEFAULT_MAX_POINTS, PointData, incident_display

__all__ = [
    "HotspotLayer",
    "cells_frame",
    "count_breaks",
    "count_class_labels",
    "inference_note",
    "run_layer",
]


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
    note: Text | None
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


def inference_note(
    n_incidents: int, n_nonempty_cells: int, *, mode: str, n_steps: int | None = None
) -> Text | None:
    """A note when counts are too small for inference (rule in the module doc)."""
    if n_incidents < MIN_INCIDENTS_FOR_INFERENCE:
        return Text(
            "hotspots.note.few_incidents", {"n": n_incidents, "least": MIN_INCIDENTS_FOR_INFERENCE}
        )
    if mode in ("gistar", "emerging") and n_nonempty_cells < MIN_CELLS_FOR_INFERENCE:
        return Text(
            "hotspots.note.few_cells", {"n": n_nonempty_cells, "least": MIN_CELLS_FOR_INFERENCE}
        )
    if mode == "emerging" and n_steps is not None and n_steps < MIN_STEPS_FOR_EMERGING:
        return Text("hotspots.note.few_steps", {"n": n_steps, "least": MIN_STEPS_FOR_EMERGING})
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
        note = Text("hotspots.note.all_equal")
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
            [Problem.keyed(None, name, ", ".join(missing), "hotspots.problem.columns_missing")],
            key="hotspots.invalid.selection",
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
