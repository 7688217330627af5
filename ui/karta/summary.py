"""Below Karta's map: the notice or count legend, the count sentence, the table per category."""

from __future__ import annotations

import streamlit as st

from est_geo.core.markup import escape_markdown
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period
from est_geo.maps.legend import Legend
from est_geo.maps.mapdata import CellData, PointData, counts_by_main_category
from est_geo.store.columns import Selection
from ui.context import t


def show_counts(
    chosen: Selection,
    everything: Selection,
    shown: PointData | CellData,
    count_legend: Legend | None,
    *,
    area_name: str,
    period: Period,
    no_tiles: bool,
) -> None:
    """How many incidents the map shows, of how many selected, and how they are drawn."""
    total = len(chosen)
    if total == 0:
        st.info(t("map.none"))
    elif count_legend is not None and isinstance(shown, CellData):
        st.caption(t("map.aggregated", cell=shown.cell_size))
        st.html(count_legend.html)
    st.markdown(
        t(
            "map.shown",
            shown=total,
            total=len(everything),
            area=escape_markdown(area_name),
            period=period.label(),
        )
    )
    if no_tiles:
        st.caption(t("map.no_tiles"))


def show_table(chosen: Selection, tree: CategoryTree, lang: str) -> None:
    """The chosen area's incidents per main category, most first."""
    if not len(chosen):
        return
    ranked = counts_by_main_category(chosen.by_category(), tree)
    st.subheader(t("table.by_category"))
    st.dataframe(
        {
            t("col.category"): [tree.label(k, lang) for k, _ in ranked],
            t("col.count"): [n for _, n in ranked],
        },
        hide_index=True,
    )
