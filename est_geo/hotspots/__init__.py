"""Hot spot analysis on plain arrays: grids, Gi*, KDE, emerging hot spots, concentration.

Inputs are numpy arrays of x, y in SWEREF 99 TM metres (EPSG:3006) and numpy
``datetime64`` times, so the package is independent of the storage layer and of the UI
(it never imports streamlit). See ``docs/hotspots.md`` for the rules and defaults.
"""

from est_geo.hotspots.gistar import (
    CLASS_LEVELS,
    HOTSPOT_CLASSES,
    GiStarResult,
    bh_adjust,
    classify,
    gistar_grid,
    gistar_irregular,
    two_sided_p,
)
from est_geo.hotspots.grid import DEFAULT_CELL_SIZE, CellCounts, Grid, count_points
from est_geo.hotspots.kde import KdeSurface, kde_surface, silverman_bandwidth

__all__ = [
    "CLASS_LEVELS",
    "DEFAULT_CELL_SIZE",
    "HOTSPOT_CLASSES",
    "CellCounts",
    "GiStarResult",
    "Grid",
    "KdeSurface",
    "bh_adjust",
    "classify",
    "count_points",
    "gistar_grid",
    "gistar_irregular",
    "kde_surface",
    "silverman_bandwidth",
    "two_sided_p",
]
