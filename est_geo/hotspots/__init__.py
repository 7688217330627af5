"""Hot spot analysis on plain arrays: grids, Gi*, KDE, emerging hot spots, concentration.

Inputs are numpy arrays of x, y in SWEREF 99 TM metres (EPSG:3006) and numpy
``datetime64`` times, so the package is independent of the storage layer and of the UI
(it never imports streamlit). See ``docs/hotspots.md`` for the rules and defaults.
"""

from est_geo.core.timeprofile import TimeProfile
from est_geo.hotspots.clusters import (
    HotCluster,
    count_hot_cells,
    count_places,
    hot_clusters,
    nearest_places,
    place_changes,
)
from est_geo.hotspots.concentration import (
    ConcentrationLevel,
    ConcentrationResult,
    concentration,
    pai,
)
from est_geo.hotspots.emerging import (
    EMERGING_CATEGORIES,
    EmergingResult,
    MannKendall,
    classify_emerging,
    emerging_hotspots,
    mann_kendall,
    step_starts,
)
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
from est_geo.hotspots.timeprofile import (
    TimeWindow,
    format_window,
    top_time_windows,
    weekday_hour_matrix,
)
from est_geo.hotspots.topn import TopCell, place_names, top_cells

__all__ = [
    "CLASS_LEVELS",
    "DEFAULT_CELL_SIZE",
    "EMERGING_CATEGORIES",
    "HOTSPOT_CLASSES",
    "CellCounts",
    "ConcentrationLevel",
    "ConcentrationResult",
    "EmergingResult",
    "GiStarResult",
    "Grid",
    "HotCluster",
    "KdeSurface",
    "MannKendall",
    "TimeProfile",
    "TimeWindow",
    "TopCell",
    "bh_adjust",
    "classify",
    "classify_emerging",
    "concentration",
    "count_hot_cells",
    "count_places",
    "count_points",
    "emerging_hotspots",
    "format_window",
    "gistar_grid",
    "gistar_irregular",
    "hot_clusters",
    "kde_surface",
    "mann_kendall",
    "nearest_places",
    "pai",
    "place_changes",
    "place_names",
    "silverman_bandwidth",
    "step_starts",
    "top_cells",
    "top_time_windows",
    "two_sided_p",
    "weekday_hour_matrix",
]
