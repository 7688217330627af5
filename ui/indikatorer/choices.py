"""The Indikatorer page's choices: mode, layer A (and B), periods, levels, classification.

Layer B and its period are offered only when two layers are compared; its period starts
at layer A's period when B has it, so the two maps show the same time.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from est_geo.core.config import Config
from est_geo.core.model import AreaLevel
from est_geo.indicators import PALETTES, Method, periods_of
from est_geo.indicators.join import levels_with_values
from ui import indicator_data
from ui.context import t
from ui.indikatorer.state import Choices, IndikatorerData

MODES = ["one", "side", "bivariate"]
#: Layers preselected when present: the survey index first, then the report rate.
PREFERRED_A = ("trygghetsindex", "rapporter_per_1000")
PREFERRED_B = ("rapporter_per_1000", "kundnojdhet")


def _preferred_index(options: list[str], preferred: tuple[str, ...]) -> int:
    """Position of the first preferred key among ``options`` (0 when none is there)."""
    first = [k for k in preferred if k in options]
    return options.index(first[0]) if first else 0


def _layer_a(column: DeltaGenerator, ind: IndikatorerData) -> tuple[str, str]:
    """Layer A and its period (newest first)."""
    key_a: str = column.selectbox(
        t("indikatorer.layer_a"),
        ind.available,
        index=_preferred_index(ind.available, PREFERRED_A),
        format_func=ind.label,
        key="ind_a",
    )
    periods_a = periods_of(ind.values, key_a)
    period_a: str = column.selectbox(t("indikatorer.period"), periods_a[::-1], key="ind_period_a")
    return key_a, period_a


def _layer_b(
    column: DeltaGenerator, ind: IndikatorerData, key_a: str, period_a: str
) -> tuple[str, str]:
    """Layer B (another layer when there is one) and its period, A's period if B has it."""
    rest = [k for k in ind.available if k != key_a] or ind.available
    key_b: str = column.selectbox(
        t("indikatorer.layer_b"),
        rest,
        index=_preferred_index(rest, PREFERRED_B),
        format_func=ind.label,
        key="ind_b",
    )
    periods_b = periods_of(ind.values, key_b)
    period_b: str = column.selectbox(
        t("indikatorer.period"),
        periods_b[::-1],
        index=periods_b[::-1].index(period_a) if period_a in periods_b else 0,
        key="ind_period_b",
    )
    return key_b, period_b


def _levels(column: DeltaGenerator, ind: IndikatorerData, key_a: str) -> list[str]:
    """Area levels with values of layer A; the municipality only when it is the only one."""
    levels = levels_with_values(ind.areas, ind.values, key_a)
    chosen: list[str] = column.multiselect(
        t("indikatorer.levels"),
        levels,
        default=[lv for lv in levels if lv != AreaLevel.KOMMUN] or levels,
        format_func=lambda lv: t(f"indikatorer.level.{lv}"),
        key="ind_levels",
        placeholder=t("filter.choose"),
        select_all=False,
    )
    return chosen


def _settings(cfg: Config) -> tuple[Method, int, str, int]:
    """Classification method, classes, palette and small-n threshold, folded away."""
    with st.expander(t("indikatorer.settings"), expanded=False):
        s1, s2, s3, s4 = st.columns(4)
        methods: list[Method] = list(Method)
        method: Method = s1.selectbox(
            t("indikatorer.method"),
            methods,
            format_func=lambda m: t(f"indikatorer.method.{m.value}"),
            key="ind_method",
        )
        k = s2.slider(t("indikatorer.classes"), 3, 7, 5, key="ind_k")
        palette: str = s3.selectbox(
            t("indikatorer.palette"),
            list(PALETTES),
            format_func=lambda p: t(f"indikatorer.palette.{p}"),
            key="ind_palette",
        )
        min_n = s4.number_input(
            t("indikatorer.min_n"),
            # The setting is the default; on the public site no visitor may go below it.
            min_value=cfg.indicator_min_n if cfg.public else 0,
            max_value=10_000,
            value=cfg.indicator_min_n,
            step=5,
            help=t("indikatorer.min_n.help"),
            key="ind_min_n",
        )
    return method, k, palette, int(min_n)


def area_version() -> int | None:
    """The DeSO version to show, picked only when the database holds more than one
    (newest first, so the default is the newest); None means the newest."""
    versions = indicator_data.versions()
    if len(versions) < 2:
        return None
    picked: int = st.selectbox(
        t("indikatorer.area_version"),
        versions,
        format_func=lambda v: t("indikatorer.area_version.none") if v == 0 else str(v),
        help=t("indikatorer.area_version.help"),
        key="ind_area_version",
    )
    return picked


def choose(ind: IndikatorerData) -> Choices:
    """Every choice above the map, in the order the page shows them."""
    mode: str = st.radio(
        t("indikatorer.mode"),
        MODES,
        format_func=lambda m: t(f"indikatorer.mode.{m}"),
        horizontal=True,
        key="ind_mode",
    )
    c1, c2, c3 = st.columns(3)
    key_a, period_a = _layer_a(c1, ind)
    key_b = period_b = None
    if mode != "one":
        key_b, period_b = _layer_b(c2, ind, key_a, period_a)
    levels = _levels(c3, ind, key_a)
    method, k, palette, min_n = _settings(ind.cfg)
    return Choices(mode, key_a, period_a, key_b, period_b, levels, method, k, palette, min_n)
