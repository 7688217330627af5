"""The Hotspots analysis of the current choices, and what the page says about its result."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period
from est_geo.hotspots import count_hot_cells, count_places
from est_geo.hotspots.layers import HotspotLayer
from est_geo.hotspots.run import HotspotRequest, HotspotRun, hotspot_request
from est_geo.hotspots.view import HotspotViewOptions
from est_geo.maps.mapdata import DEFAULT_MAX_POINTS
from ui import context, queries
from ui.context import t
from ui.filters import Selection


def run(
    mode: str,
    options: HotspotViewOptions,
    areas: pd.DataFrame,
    chosen_areas: list[str],
    selection: Selection,
    tree: CategoryTree,
) -> tuple[HotspotRequest, HotspotRun]:
    """The request for the current choices and its run (shared by every session)."""
    try:
        request = hotspot_request(
            mode=mode,
            options=options,
            areas=areas,
            area_names=chosen_areas or None,
            period=selection.period,
            base_query=selection.query,
        )
        return request, queries.hotspot_run(request, tree)
    except EstGeoError as exc:
        context.fail(exc)


def show_summary(layer: HotspotLayer, incidents: pd.DataFrame, mode: str, period: Period) -> None:
    """Notes, the summary sentence, a comparison, and what the mode's map means."""
    if layer.note:
        st.warning(md(layer.note.text(context.config().language)), icon="⚠️")
    if len(incidents) == 0:
        st.info(t("hotspots.none"))
    elif len(layer.cells) == 0 and layer.points is None:
        st.info(t("hotspots.empty_layer"))
    # Hot cells are counted as the places they form (the list below names the first ten).
    hot = 0 if layer.gistar is None else count_hot_cells(layer.gistar)
    n_places = 0 if layer.gistar is None else count_places(layer.gistar)
    st.markdown(
        t(
            "hotspots.summary",
            n=layer.n_incidents,
            period=period.label(),
            cell=layer.grid.cell_size,
            hot=hot,
            places=n_places,
        )
    )
    if layer.comparison is not None:
        st.markdown(layer.comparison.sentence(context.config().language))
    if layer.coarsened_from:
        st.caption(t("hotspots.coarsened", asked=layer.coarsened_from, used=layer.grid.cell_size))
    if layer.n_hidden:
        st.caption(t("hotspots.hidden", n=layer.n_hidden))
    if mode == "tathet":
        bw = "–" if layer.kde is None else f"{layer.kde.bandwidth:.0f}"
        st.markdown(t("hotspots.explain.tathet", bandwidth=bw))
    elif mode == "emerging":
        em = layer.emerging
        step = t(f"hotspots.step.{em.step}") if em is not None else "–"
        steps = 0 if em is None else em.steps.size
        st.markdown(t("hotspots.explain.emerging", step=step, steps=steps))
    else:
        st.markdown(
            t(f"hotspots.explain.{mode}", max=DEFAULT_MAX_POINTS, cell=layer.grid.cell_size)
        )
