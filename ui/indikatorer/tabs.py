"""The Indikatorer page's tabs: table, scatter (two layers), trend over periods, download.

The table and the downloads hold the same joined table (``joined_table``), so what an
analyst downloads is what the page ranks. The scatter and the correlation leave out the
areas below the small-n threshold, and say how many, as the maps do.
"""

from __future__ import annotations

from datetime import date

import geopandas as gpd
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.periods import is_incomplete, parse_indicator_period
from est_geo.i18n.numbers import chart_separators, number
from est_geo.indicators import correlate
from est_geo.indicators.export import (
    joined_table,
    layer_geojson,
    layer_gpkg,
    table_csv,
    table_xlsx,
)
from est_geo.indicators.join import IndicatorLayer, pair_layers
from est_geo.maps.charts import PLOTLY_CONFIG, incomplete_line, incomplete_note
from ui.context import config, error_md, t
from ui.indikatorer.state import Choices, IndikatorerData

#: One look for every chart on the page.
CHART_MARGIN = {"l": 10, "r": 10, "t": 30, "b": 10}
CHART_CONFIG = PLOTLY_CONFIG


def _separators() -> str:
    """Plotly's decimal and thousands marks in the interface language ("1,5" / "1.5")."""
    return chart_separators(config().language)


def _decimal(value: float, digits: int) -> str:
    """A number as the interface language writes it (Babel: decimal comma, true minus)."""
    return number(value, config().language, digits)


def _table_tab(ind: IndikatorerData, choices: Choices, table: gpd.GeoDataFrame, two: bool) -> None:
    """The joined table with readable column names, best rank first."""
    key_a, key_b = choices.key_a, choices.key_b
    view_cols = {
        "name": t("indikatorer.col.area"),
        "code": t("indikatorer.col.code"),
        key_a: f"{ind.label(key_a)} {choices.period_a}",
        f"{key_a}_n": "n",
        f"{key_a}_rang": t("indikatorer.col.rank"),
        f"{key_a}_fa_underlag": t("indikatorer.col.small_n"),
    }
    if two and key_b:
        kb = key_b if key_b != key_a else f"{key_b}_b"
        view_cols |= {
            kb: f"{ind.label(key_b)} {choices.period_b}",
            f"{kb}_n": "n (B)",
            f"{kb}_rang": f"{t('indikatorer.col.rank')} (B)",
        }
    shown_table = pd.DataFrame(table.drop(columns="geometry"))[list(view_cols)].rename(
        columns=view_cols
    )
    st.dataframe(
        _dashes(shown_table.sort_values(t("indikatorer.col.rank"), na_position="last")),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("indikatorer.table.help"))


def _dashes(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing numbers as '–' (Streamlit writes an English "None" in the cell).

    Only columns with a gap become text; whole numbers stay whole ("3"), others get a
    Swedish decimal comma. The table is already sorted, so text order does not matter.
    """
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not (pd.api.types.is_numeric_dtype(values) and values.isna().any()):
            continue
        out[column] = [
            "–"
            if pd.isna(v)
            else (str(int(v)) if float(v).is_integer() else number(v, config().language, 2))
            for v in values
        ]
    return out


def _scatter_tab(ind: IndikatorerData, layer_a: IndicatorLayer, layer_b: IndicatorLayer) -> None:
    """Correlation (Pearson and Spearman) and a scatter of the areas with reliable values."""
    pair = pair_layers(layer_a, layer_b)
    reliable = pair[pair["value_a"].notna() & pair["value_b"].notna() & ~pair["small_n"]]
    try:
        corr = correlate(reliable["value_a"].to_numpy(), reliable["value_b"].to_numpy())
        st.markdown(
            t(
                "indikatorer.corr",
                r=_decimal(corr.pearson_r, 2),
                rp=_decimal(corr.pearson_p, 3),
                rho=_decimal(corr.spearman_rho, 2),
                sp=_decimal(corr.spearman_p, 3),
                n=corr.n,
            )
        )
    except EstGeoError as exc:
        st.info(error_md(exc))
    fig = px.scatter(
        reliable,
        x="value_a",
        y="value_b",
        text="name",
        labels={"value_a": ind.title(layer_a), "value_b": ind.title(layer_b)},
    )
    fig.update_traces(textposition="top center", marker={"size": 10, "color": "#0072B2"})
    fig.update_layout(height=480, margin=CHART_MARGIN, separators=_separators())  # 1,5 / 1.5
    st.plotly_chart(fig, width="stretch", config=CHART_CONFIG)
    excluded = len(pair) - len(reliable)
    if excluded:
        st.caption(t("indikatorer.scatter.excluded", n=excluded))


def _trend_series(ind: IndikatorerData, choices: Choices) -> pd.DataFrame:
    """Layer A's values of every period in the chosen levels, public blanks left out."""
    key_a = choices.key_a
    series = ind.values[ind.values["indicator_key"] == key_a]
    names = ind.areas.set_index("code")["name"]
    in_levels = set(ind.areas.loc[ind.areas["level"].isin(choices.levels), "code"])
    series = series[series["area_code"].isin(in_levels)].copy()
    hidden_pairs = ind.hidden.get(key_a, frozenset())
    series = series[
        [
            (a, p) not in hidden_pairs
            for a, p in zip(series["area_code"], series["period"], strict=True)
        ]
    ]
    series["area"] = series["area_code"].map(names)
    return series


def _trend_tab(ind: IndikatorerData, choices: Choices) -> None:
    """Every area's line in grey, the highlighted areas strong (Klockaretorpet first)."""
    series = _trend_series(ind, choices)
    options = sorted(series["area"].dropna().unique())
    highlight = st.multiselect(
        t("indikatorer.trend.highlight"),
        options,
        default=[a for a in options if a.startswith("Klockaretorpet")][:2],
        key="ind_highlight",
        placeholder=t("filter.choose"),
        select_all=False,
    )
    fig = go.Figure()
    today = date.today()
    periods = sorted(series["period"].unique(), key=lambda p: parse_indicator_period(str(p)))
    running = {p for p in periods if is_incomplete(parse_indicator_period(str(p)).end, today=today)}
    unit = parse_indicator_period(str(periods[-1])).kind.value if periods else "period"
    note = incomplete_note(unit, config().language)
    for area_name, part in series.sort_values("period").groupby("area"):
        strong = area_name in highlight
        fig.add_traces(
            incomplete_line(
                part["period"].tolist(),
                part["value"].tolist(),
                [p in running for p in part["period"]],
                name=str(area_name),
                line={"width": 3.5 if strong else 1.2, "color": None if strong else "#b0b0b0"},
                hover=note,
                opacity=1.0 if strong else 0.7,
                showlegend=strong,
            )
        )
    key_a = choices.key_a
    fig.update_layout(
        separators=_separators(),
        height=420,
        yaxis_title=f"{ind.label(key_a)} ({ind.unit(key_a)})",
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": periods},
        margin=CHART_MARGIN,
    )
    st.plotly_chart(fig, width="stretch", config=CHART_CONFIG)
    st.caption(t("indikatorer.trend.help") + (f" {note}" if running else ""))


def _download_tab(choices: Choices, table: gpd.GeoDataFrame, two: bool) -> None:
    """The joined table as CSV and XLSX, the layer as GeoPackage and GeoJSON."""
    stem = f"{choices.key_a}_{choices.period_a}" + (
        f"_{choices.key_b}_{choices.period_b}" if two else ""
    )
    d1, d2, d3, d4 = st.columns(4)
    d1.download_button("CSV", table_csv(table), f"{stem}.csv", "text/csv", key="ind_dl_csv")
    d2.download_button(
        "XLSX",
        table_xlsx(table),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ind_dl_xlsx",
    )
    d3.download_button(
        "GeoPackage",
        layer_gpkg(table),
        f"{stem}.gpkg",
        "application/geopackage+sqlite3",
        key="ind_dl_gpkg",
    )
    d4.download_button(
        "GeoJSON",
        layer_geojson(table),
        f"{stem}.geojson",
        "application/geo+json",
        key="ind_dl_geojson",
    )
    st.caption(t("indikatorer.download.help"))


def show_tabs(
    ind: IndikatorerData,
    choices: Choices,
    layer_a: IndicatorLayer,
    layer_b: IndicatorLayer | None,
) -> None:
    """Table, scatter (only with layer B), trend and download, in that order."""
    tab_names = [t("indikatorer.tab.table"), t("indikatorer.tab.trend")]
    if layer_b is not None:
        tab_names.insert(1, t("indikatorer.tab.scatter"))
    tab_names.append(t("indikatorer.tab.download"))
    tabs = dict(zip(tab_names, st.tabs(tab_names), strict=True))
    two = layer_b is not None
    table = joined_table(layer_a, layer_b)
    with tabs[t("indikatorer.tab.table")]:
        _table_tab(ind, choices, table, two)
    if layer_b is not None:
        with tabs[t("indikatorer.tab.scatter")]:
            _scatter_tab(ind, layer_a, layer_b)
    with tabs[t("indikatorer.tab.trend")]:
        _trend_tab(ind, choices)
    with tabs[t("indikatorer.tab.download")]:
        _download_tab(choices, table, two)
