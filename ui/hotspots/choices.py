"""The Hotspots page's choices: analysis areas, a link's state, the sidebar, the mode.

Every widget is created with its session value as default (``filters.session_default``):
no ``setdefault``, which let a fresh session open with 25 m cells (issue 13 item 9).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.views import ViewState
from est_geo.hotspots import layers as hl
from est_geo.hotspots.view import CELL_SIZES, HotspotViewOptions
from ui import filters
from ui.context import error_md, t

DEFAULT_AREA = "Klockaretorpet"


@dataclass(frozen=True)
class AreaNames:
    """Area names as the widget offers them, and codes as views name them.

    The area widget offers names; a view names areas by code (the first code of a name).
    """

    names: list[str]
    code_of: dict[str, str]
    name_of: dict[str, str]


def area_names(areas: pd.DataFrame) -> AreaNames:
    """The analysis areas by name (first code of each name) and back."""
    code_of: dict[str, str] = {}
    for c, n in zip(areas["code"], areas["name"], strict=True):
        code_of.setdefault(str(n), str(c))
    return AreaNames(
        names=list(dict.fromkeys(str(n) for n in areas["name"])),
        code_of=code_of,
        name_of={c: n for n, c in code_of.items()},
    )


def apply_link(linked: ViewState, names: AreaNames) -> None:
    """Set the widgets once from a link (query parameters), before they are drawn."""
    filters.apply_view(linked)
    linked_codes = [c for c in (linked.area, *linked.areas) if c in names.name_of]
    if linked_codes:
        st.session_state["hs_areas"] = [names.name_of[c] for c in linked_codes]
    if linked.mode in hl.MODES:
        st.session_state["hs_mode"] = linked.mode
    try:
        opts = HotspotViewOptions.from_options(linked.options)
    except EstGeoError as exc:
        st.warning(error_md(exc))
        opts = HotspotViewOptions()
    st.session_state.update(
        hs_cell_size=opts.cell_size,
        hs_fdr=opts.fdr,
        hs_weekdays=list(opts.weekdays),
        hs_hours=opts.hours,
        hs_comparison=opts.comparison,
        hs_bandwidth=opts.bandwidth,
    )


def sidebar(names: AreaNames) -> tuple[list[str], HotspotViewOptions]:
    """The chosen area names and analysis options (bandwidth: see :func:`bandwidth`)."""
    defaults = HotspotViewOptions()
    default = filters.session_default
    area_list = names.names
    chosen_areas = filters.any_of(
        st.sidebar,
        t("hotspots.area"),
        area_list,
        default=default("hs_areas", [DEFAULT_AREA] if DEFAULT_AREA in area_list else area_list[:1]),
        help=t("hotspots.area.help"),
        key="hs_areas",
    )
    weekdays = filters.any_of(
        st.sidebar,
        t("hotspots.weekdays"),
        list(range(7)),
        default=default("hs_weekdays", list(defaults.weekdays)),
        format_func=lambda d: t(f"hotspots.weekday.{d}"),
        key="hs_weekdays",
    )
    hours = st.sidebar.slider(
        t("hotspots.hours"),
        0,
        23,
        default("hs_hours", defaults.hours),
        help=t("hotspots.hours.help"),
        key="hs_hours",
    )
    cell_size = st.sidebar.select_slider(
        t("hotspots.cell_size"),
        options=CELL_SIZES,
        value=default("hs_cell_size", defaults.cell_size),
        key="hs_cell_size",
    )
    fdr = st.sidebar.toggle(
        t("hotspots.fdr"),
        default("hs_fdr", defaults.fdr),
        help=t("hotspots.fdr.help"),
        key="hs_fdr",
    )
    comparisons = ("none", *hl.COMPARISONS)
    comparison = st.sidebar.radio(
        t("hotspots.comparison"),
        comparisons,
        index=comparisons.index(default("hs_comparison", defaults.comparison)),
        format_func=lambda k: t(f"hotspots.comparison.{k}"),
        key="hs_comparison",
    )
    options = HotspotViewOptions(
        cell_size=int(cell_size),
        fdr=bool(fdr),
        weekdays=tuple(weekdays),
        hours=(int(hours[0]), int(hours[1])),
        comparison=str(comparison),
    )
    return chosen_areas, options


def mode() -> str:
    """The visualisation, above the map; clicking the active mode keeps it."""
    chosen = st.segmented_control(
        t("hotspots.mode"),
        hl.MODES,
        default=filters.session_default("hs_mode", "gistar"),
        format_func=lambda m: t(f"hotspots.mode.{m}"),
        key="hs_mode",
        required=True,  # clicking the active mode keeps it (not: no mode highlighted)
    )
    return chosen or "gistar"


def bandwidth(options: HotspotViewOptions, mode: str) -> HotspotViewOptions:
    """``options`` with the density bandwidth, asked in the sidebar in density mode only."""
    if mode != "tathet":
        return replace(options, bandwidth=0)
    value = st.sidebar.number_input(
        t("hotspots.bandwidth"),
        min_value=0,
        max_value=5000,
        value=filters.session_default("hs_bandwidth", HotspotViewOptions().bandwidth),
        step=25,
        help=t("hotspots.bandwidth.help"),
        key="hs_bandwidth",
    )
    return replace(options, bandwidth=int(value))
