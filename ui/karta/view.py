"""What Karta shows for a view, computed once per data, filters, area and language.

Why: a Karta visit is two page runs (the map reports its position once drawn) and every
visitor of a shared link asks for the same picture; each run took the chosen area's
incidents out of the selection (a polygon test), counted them into cells and rebuilt and
rendered the whole folium map again: ~0.45 s of server CPU a run for the municipality
over a year (issue 18, py-spy of returning visits on 1M incidents). The chosen
incidents, what is drawn and the map's recorded arguments are cached process-wide under
one key (:func:`view_key`: database, the columns' data stamp, the query, the area and
the areas' generation, the category tree and language), so a rerun only sends them.
"""

from __future__ import annotations

import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import CategoryTree
from est_geo.maps.mapdata import CellData, PointData, selection_display
from est_geo.store import IncidentQuery
from est_geo.store.columns import Selection
from ui import context, queries


def view_key(everything: Selection, query: IncidentQuery, area: str, tree: CategoryTree) -> str:
    """The key of everything cached for this view (new data is a new key)."""
    cfg = context.config()
    return "|".join(
        (
            cfg.database_url,
            everything.columns.stamp,
            repr(query),
            area,
            str(queries.areas_generation()),
            repr(tree),
            cfg.language,
        )
    )


def chosen_and_shown(
    key: str, everything: Selection, polygon: BaseGeometry, tree: CategoryTree
) -> tuple[Selection, PointData | CellData]:
    """The incidents inside the chosen area and what the map draws of them (points or
    counts per cell), shared by every session asking for view ``key``."""
    return _chosen_and_shown(key, context.config().language, everything, polygon, tree)


@st.cache_resource(ttl=300, max_entries=16, show_spinner=False)
def _chosen_and_shown(
    key: str,
    lang: str,
    _everything: Selection,
    _polygon: BaseGeometry,
    _tree: CategoryTree,
) -> tuple[Selection, PointData | CellData]:
    chosen = _everything.within(_polygon)
    return chosen, selection_display(chosen, _tree, lang=lang)
