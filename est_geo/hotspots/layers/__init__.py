r"""From an incident selection to a map-ready hot spot layer, its exports and cell details.

The statistics live in :mod:`est_geo.hotspots`; this module decides what the Hotspots
page, its downloads and ``est-geo hotspots`` show, so all three say the same thing:

* **one analysis per selection**: incidents (EPSG:3006) inside the rectangle covering the
  chosen areas, on the fixed-origin grid; Gi* is always computed (the top-N list and the
  exports need it in every mode), the mode adds a KDE surface or emerging categories;
* **a bounded map layer**: only cells that carry information are drawn (count > 0 in
  *rutnät*, a significant class in *Gi\**, inside the 90 % volume in *täthet*, a pattern in
  *nya & växande*); if that is still more than :data:`MAX_LAYER_FEATURES`, the analysis
  is re-run on cells twice as large (up to 1,000 m) and the coarsening is stated; at
  1,000 m the strongest cells are kept and the rest counted. Coordinates are rounded to
  what the cell size needs (:func:`precision_for`);
* **honest small numbers**: :func:`inference_note` (rule below) gives a note (a catalogue
  text, worded where it is shown) when counts are too small for a hot spot test to mean
  anything; the layer is still drawn, the note says how to read it;
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

from est_geo.hotspots.layers._cells import (
    CellDetail,
    cell_at,
    cell_bounds,
    cell_detail,
    clicked_cell,
    parse_cell_id,
)
from est_geo.hotspots.layers._export import (
    cells_table,
    export_csv,
    export_geojson,
    export_gpkg,
    export_xlsx,
    feature_collection,
    write_feature_collection,
)
from est_geo.hotspots.layers._layer import (
    HotspotLayer,
    cells_frame,
    count_breaks,
    count_class_labels,
    inference_note,
    run_layer,
)
from est_geo.hotspots.layers._params import (
    COMPARISONS,
    EMERGING_COLORS,
    GI_CLASS_COLORS,
    KDE_CLASS_COLORS,
    KDE_LEVELS,
    MAX_LAYER_FEATURES,
    MIN_CELLS_FOR_INFERENCE,
    MIN_INCIDENTS_FOR_INFERENCE,
    MIN_STEPS_FOR_EMERGING,
    MODES,
    Comparison,
    HotspotParams,
    Mode,
    analysis_bbox,
    comparison_period,
    emerging_window,
    precision_for,
    wgs84_bounds,
)

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
    "Mode",
    "analysis_bbox",
    "cell_at",
    "cell_bounds",
    "cell_detail",
    "cells_frame",
    "cells_table",
    "clicked_cell",
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
