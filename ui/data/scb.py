"""The Data page's tab "Hämta från SCB": DeSO/RegSO areas and catalogue indicators fetched
from SCB on a button press (:mod:`est_geo.indicators.scb`, the same functions as
``est-geo fetch``), with a progress bar, the join report and a preview map: the fetched
areas outlined, or the fetched values as a choropleth. The period list comes from the
table's metadata, read on its own button press (nothing is asked of SCB before a click).
Any failure shows its message and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from est_geo.access.roles import Action, require
from est_geo.core.config import Config
from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import deso_version_of
from est_geo.indicators import Method, class_colors, classify
from est_geo.indicators.choropleth import choropleth_layer
from est_geo.indicators.join import indicator_layer
from est_geo.indicators.scb import (
    CATALOGUE,
    ScbClient,
    describe_table,
    fetch_areas,
    fetch_indicator,
    store_fetched_areas,
    store_fetched_indicator,
)
from est_geo.maps import area_outlines
from est_geo.store import Store
from ui import context, indicator_data, queries
from ui.context import error_md, t
from ui.data.state import DataContext, show_problems
from ui.maps import draw_map, fitted_map

__all__ = ["show_scb"]

OUTCOME_KEY = "data_scb_outcome"
PERIODS_KEY = "data_scb_periods"
_CODES_SHOWN = 30


@dataclass(frozen=True)
class _Outcome:
    """What the last fetch of this session did, and which areas to show on the map; an
    indicator fetch also keeps its values, drawn as a choropleth."""

    messages: tuple[str, ...]
    notes: tuple[str, ...]
    codes: tuple[str, ...]
    source: str
    indicator: str | None = None
    values: pd.DataFrame | None = None
    #: The DeSO version fetched: the preview shows that version's shapes, not the
    #: newest stored one's (DeSO 2018 and 2025 share codes).
    version: int | None = None


def _codes(codes: tuple[str, ...] | list[str]) -> str:
    shown = md(", ".join(codes[:_CODES_SHOWN]))  # codes come from SCB
    return shown + (" …" if len(codes) > _CODES_SHOWN else "")


def _run(ctx: DataContext, work: Callable[[], _Outcome]) -> None:
    """Run one fetch; keep its outcome, or show why nothing was written."""
    require(ctx.role, Action.IMPORT_DATA)
    try:
        outcome = work()
    except ValidationError as exc:
        st.error(error_md(exc).splitlines()[0])
        show_problems(exc.problems, name="scb")
    except EstGeoError as exc:
        st.error(error_md(exc))
    else:
        st.session_state[OUTCOME_KEY] = outcome
        queries.clear_areas()
        indicator_data.clear()


def _fetch_areas(ctx: DataContext, kommun: str, level: str, year: int) -> _Outcome:
    bar = st.progress(0.0, text=t("scb.progress"))
    with ScbClient() as client:
        fetched = fetch_areas(
            client, ctx.cfg.scb_geodata_url, kommun=kommun, level=level, year=year
        )
    bar.progress(0.7, text=t("scb.progress"))
    stored = store_fetched_areas(ctx.store, fetched, user=ctx.user)
    bar.progress(1.0, text=t("scb.progress"))
    messages = [t("scb.areas_done", total=len(fetched.areas), new=stored.inserted,
                  old=stored.replaced)]  # fmt: skip
    if stored.removed:
        messages.append(t("scb.areas_removed", year=fetched.year, codes=", ".join(stored.removed)))
    if stored.key_rows:
        messages.append(t("scb.key_done", rows=stored.key_rows, parents=stored.key_parents))
    codes = tuple(fetched.areas["code"].astype(str))
    version = deso_version_of(level, fetched.year)
    return _Outcome(tuple(messages), (), codes, fetched.source_url, version=version)


def _fetch_indicator(
    ctx: DataContext, kommun: str, level: str, key: str, period: str | None, version: int
) -> _Outcome:
    bar = st.progress(0.0, text=t("scb.progress"))
    with ScbClient() as client:
        fetched = fetch_indicator(
            client, ctx.cfg.scb_pxweb_url, CATALOGUE[key], kommun=kommun, level=level,
            period=period, version=version,
            progress=lambda share: bar.progress(share, text=t("scb.progress")),
        )  # fmt: skip
    stored = store_fetched_indicator(ctx.store, fetched, user=ctx.user)
    report = stored.report
    notes = []
    if fetched.missing:
        notes.append(t("scb.missing", codes=_codes(list(fetched.missing))))
    if report.areas_without_value:
        notes.append(t("scb.without_value", codes=_codes(list(report.areas_without_value))))
    if report.codes_without_area:
        notes.append(t("scb.without_area", codes=_codes(list(report.codes_without_area))))
    message = t("scb.indicator_done", indicator=key, period=fetched.period, written=stored.written,
                matched=report.matched)  # fmt: skip
    # The map shows SCB's unpublished areas too (grey, "saknar värde"), as the report names them.
    codes = (*fetched.values["area_code"].astype(str), *fetched.missing)
    shown = None if fetched.version is None else deso_version_of(level, fetched.version)
    return _Outcome((message,), tuple(notes), codes, fetched.source_url, key, fetched.values, shown)


def _periods(ctx: DataContext, key: str) -> None:
    """Read the indicator's table metadata once and keep its periods for the list."""
    require(ctx.role, Action.IMPORT_DATA)
    table = CATALOGUE[key].table
    try:
        with ScbClient() as client:
            dims = describe_table(client, ctx.cfg.scb_pxweb_url, table)
    except EstGeoError as exc:
        st.error(error_md(exc))
        return
    times = dims.categories.get(CATALOGUE[key].time_variable, ())
    st.session_state.setdefault(PERIODS_KEY, {})[table] = tuple(times)


def _choropleth(
    shown: gpd.GeoDataFrame, outcome: _Outcome, lang: str
) -> folium.FeatureGroup | None:
    """The fetched values on the fetched areas, classed as on the Indikatorer page."""
    if outcome.indicator is None or outcome.values is None or outcome.values.empty:
        return None
    recipe = CATALOGUE[outcome.indicator]
    definition = recipe.definition(outcome.source)
    period = str(outcome.values["period"].iloc[0])
    layer = indicator_layer(shown, outcome.values, definition, period, min_n=0)
    reliable = layer.frame["value"]
    if not reliable.notna().any():
        return None
    cls = classify(reliable.to_numpy(), Method.QUANTILES, 5)
    colors = class_colors(cls.k, higher_is_better=definition.higher_is_better)
    name = recipe.name_sv if lang == "sv" else recipe.name_en
    return choropleth_layer(
        layer.frame.to_crs(epsg=4326), cls, colors, title=f"{name} {period}",
        unit=definition.unit, subtitle=t("indikatorer.darker_worse"),
        small_n_label=t("indikatorer.small_n"), missing_label=t("indikatorer.missing"),
        name=t("scb.map_values"), lang=lang,
    )  # fmt: skip


def preview_areas(store: Store, codes: tuple[str, ...], version: int | None) -> gpd.GeoDataFrame:
    """The stored areas of ``codes`` in the fetched DeSO version (None: the one shown)."""
    areas = store.areas(version=version)
    return areas[areas["code"].astype(str).isin(set(codes))]


def _preview(cfg: Config, outcome: _Outcome) -> None:
    """The fetched areas that are stored, on a small map: the values as a choropleth
    after an indicator fetch, the outlines after an area fetch."""
    shown = preview_areas(context.store(), outcome.codes, outcome.version)
    if shown.empty:
        return
    wgs: gpd.GeoDataFrame = shown.to_crs(epsg=4326)
    west, south, east, north = (float(v) for v in wgs.total_bounds)
    fmap = fitted_map(cfg, ((south, west), (north, east)), 11, plugins=())
    layer = _choropleth(shown, outcome, cfg.language)
    if layer is None:
        layer = area_outlines(wgs, name=t("scb.map_layer"))
    layer.add_to(fmap)
    draw_map(fmap, key="data_scb_map", height=320)


def _show_outcome(cfg: Config) -> None:
    outcome: _Outcome | None = st.session_state.get(OUTCOME_KEY)
    if outcome is None:
        return
    for message in outcome.messages:  # numbers and catalogue keys only
        st.success(message)
    for note in outcome.notes:  # the codes in them are escaped by _codes
        st.warning(note)
    st.caption(t("scb.source", url=md(outcome.source)))
    _preview(cfg, outcome)


def show_scb(ctx: DataContext) -> None:
    """The whole tab: municipality and level, then areas, then a catalogue indicator."""
    st.caption(t("scb.intro"))
    kommun = st.text_input(t("scb.kommun"), value="", max_chars=4, key="data_scb_kommun")
    level = st.selectbox(t("scb.level"), ["deso", "regso"], key="data_scb_level")
    st.subheader(t("scb.areas_title"))
    year = int(st.number_input(t("scb.year"), min_value=2018, max_value=2100, value=2025,
                               step=1, key="data_scb_year"))  # fmt: skip
    if st.button(t("scb.fetch_areas"), key="data_scb_fetch_areas"):
        _run(ctx, lambda: _fetch_areas(ctx, kommun.strip(), level, year))
    st.subheader(t("scb.indicators_title"))
    lang = ctx.cfg.language
    key = st.selectbox(
        t("scb.indicator"),
        sorted(CATALOGUE),
        format_func=lambda k: CATALOGUE[k].name_sv if lang == "sv" else CATALOGUE[k].name_en,
        key="data_scb_indicator",
    )
    table = CATALOGUE[key].table
    if st.button(t("scb.load_periods"), key="data_scb_load_periods"):
        _periods(ctx, key)
    known: tuple[str, ...] = st.session_state.get(PERIODS_KEY, {}).get(table, ())
    period = st.selectbox(
        t("scb.period"), ["", *reversed(known)], key=f"data_scb_period_{table}",
        format_func=lambda p: p or t("scb.latest"),
    )  # fmt: skip
    if st.button(t("scb.fetch_indicator"), key="data_scb_fetch_indicator"):
        _run(ctx, lambda: _fetch_indicator(ctx, kommun.strip(), level, key, period or None, year))
    _show_outcome(ctx.cfg)
