"""Crime concentration at places (Weisburd 2015) and the Predictive Accuracy Index.

The "law of crime concentration" says a small share of places holds a large share of
crime (typically ~50 % of incidents at 2–6 % of street segments). For an EST area this
answers "how focused can our actions be?".

Rules, chosen so the figures are comparable between areas and periods:

* The units are the cells (or areas) of the **study area** — ``in_area`` selects them;
  cells outside it are ignored entirely. Cells **with zero incidents are included** in
  the denominators: leaving them out would make every area look less concentrated the
  emptier it is.
* Cells are ranked by count, highest first (equal counts: smaller area first, so the
  area share is the smallest possible). The share of cells needed for a share ``q`` of
  incidents is ``m / n`` for the smallest ``m`` whose cumulative count reaches ``q · N``
  (whole cells, no interpolation, as Weisburd counts places).
* PAI (Chainey et al. 2008) = (share of incidents in the hot spot set) / (share of the
  study area it covers); 1 means no better than chance, higher is better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from est_geo.core.errors import AnalysisError, Problem, ValidationError, keyed_error

FloatArray = NDArray[np.float64]

#: Default incident shares reported (Weisburd's 25 % and 50 %).
DEFAULT_SHARES: tuple[float, ...] = (0.25, 0.5)


@dataclass(frozen=True)
class ConcentrationLevel:
    """How few cells hold ``share`` of the incidents."""

    share: float
    cells_needed: int
    share_of_cells: float
    share_of_area: float


@dataclass(frozen=True)
class ConcentrationResult:
    """Crime concentration over the cells of a study area.

    Attributes
    ----------
    levels
        One :class:`ConcentrationLevel` per requested incident share.
    n_incidents, n_cells, total_area
        Totals over the study area (zero-count cells included).
    share_of_cells_with_incidents
        Share of the study area's cells with at least one incident.
    """

    levels: tuple[ConcentrationLevel, ...]
    n_incidents: float
    n_cells: int
    total_area: float
    share_of_cells_with_incidents: float

    def level(self, share: float) -> ConcentrationLevel:
        """The level for incident share ``share`` (e.g. 0.5)."""
        for lvl in self.levels:
            if abs(lvl.share - share) < 1e-12:
                return lvl
        raise KeyError(share)


def concentration(
    counts: ArrayLike,
    *,
    in_area: ArrayLike | None = None,
    cell_area: ArrayLike | float = 1.0,
    shares: Sequence[float] = DEFAULT_SHARES,
) -> ConcentrationResult:
    """Share of cells (and of area) holding each share of incidents (see module rules).

    Parameters
    ----------
    counts
        Incidents per cell (any shape, e.g. a ``(ny, nx)`` grid or one value per area).
    in_area
        Boolean mask of the cells that belong to the study area (default: all).
    cell_area
        Area per cell (scalar or same shape as ``counts``), for the area shares when
        cells differ in size (e.g. cells clipped to the area boundary, or districts).
    shares
        Incident shares in (0, 1].

    Raises
    ------
    AnalysisError
        No incidents in the study area.
    """
    y, area = _study_cells(counts, in_area, cell_area)
    _check_shares(shares)
    total = float(y.sum())
    if total <= 0:
        raise keyed_error(AnalysisError, "hotspots.analysis.no_incidents_concentration")
    order = np.lexsort((area, -y))
    cum = np.cumsum(y[order])
    cum_area = np.cumsum(area[order])
    levels = []
    for q in shares:
        # Tolerance so that exact shares (e.g. 10 of 20) are not lost to rounding.
        m = int(np.searchsorted(cum, q * total * (1 - 1e-12), side="left")) + 1
        levels.append(
            ConcentrationLevel(
                share=float(q),
                cells_needed=m,
                share_of_cells=m / y.size,
                share_of_area=float(cum_area[m - 1] / area.sum()),
            )
        )
    return ConcentrationResult(
        levels=tuple(levels),
        n_incidents=total,
        n_cells=int(y.size),
        total_area=float(area.sum()),
        share_of_cells_with_incidents=float(np.count_nonzero(y > 0) / y.size),
    )


def pai(
    counts: ArrayLike,
    hotspots: ArrayLike,
    *,
    in_area: ArrayLike | None = None,
    cell_area: ArrayLike | float = 1.0,
) -> float:
    """Predictive Accuracy Index of the hot spot set ``hotspots`` (boolean mask).

    ``PAI = (n_hot / N) / (a_hot / A)`` over the study area's cells. Typically ``counts``
    are incidents of a *later* period than the one that defined the hot spots, to measure
    how well the map would have predicted them.

    Raises
    ------
    AnalysisError
        No incidents, or an empty hot spot set, in the study area.
    """
    y, area = _study_cells(counts, in_area, cell_area)
    hot = _mask_like(hotspots, counts, "hotspots")[_area_mask(counts, in_area)]
    if y.sum() <= 0:
        raise keyed_error(AnalysisError, "hotspots.analysis.no_incidents_pai")
    if not hot.any():
        raise keyed_error(AnalysisError, "hotspots.analysis.no_hotspots_pai")
    hit_rate = float(y[hot].sum() / y.sum())
    area_share = float(area[hot].sum() / area.sum())
    return hit_rate / area_share


def _study_cells(
    counts: ArrayLike, in_area: ArrayLike | None, cell_area: ArrayLike | float
) -> tuple[FloatArray, FloatArray]:
    """Counts and areas of the study-area cells as flat arrays, validated."""
    y_all = np.asarray(counts, dtype=np.float64)
    mask = _area_mask(counts, in_area)
    area_all = np.broadcast_to(np.asarray(cell_area, dtype=np.float64), y_all.shape)
    problems: list[Problem] = []
    if not np.all(np.isfinite(y_all)) or np.any(y_all < 0):
        problems.append(Problem.keyed(None, "counts", "", "hotspots.problem.finite_non_negative"))
    if not np.all(np.isfinite(area_all)) or np.any(area_all <= 0):
        problems.append(Problem.keyed(None, "cell_area", "", "hotspots.problem.finite_positive"))
    if not mask.any():
        problems.append(Problem.keyed(None, "in_area", "", "hotspots.problem.no_cells_in_area"))
    if problems:
        raise ValidationError(problems, key="hotspots.invalid.concentration")
    return y_all[mask], np.asarray(area_all[mask], dtype=np.float64)


def _area_mask(counts: ArrayLike, in_area: ArrayLike | None) -> NDArray[np.bool_]:
    shape = np.shape(counts)
    if in_area is None:
        return np.ones(shape, dtype=bool)
    return _mask_like(in_area, counts, "in_area")


def _mask_like(mask: ArrayLike, counts: ArrayLike, name: str) -> NDArray[np.bool_]:
    m = np.asarray(mask)
    if m.shape != np.shape(counts) or m.dtype != np.bool_:
        raise ValidationError(
            [
                Problem.keyed(
                    None, name, str(m.shape), "hotspots.problem.bool_mask", shape=np.shape(counts)
                )
            ]
        )
    return m


def _check_shares(shares: Sequence[float]) -> None:
    bad = [q for q in shares if not 0 < q <= 1]
    if bad or not shares:
        raise ValidationError(
            [Problem.keyed(None, "shares", str(list(shares)), "hotspots.problem.shares")]
        )
