"""Indikatorer: choropleths of indicator layers, two layers compared, scatter, trend, table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st
from streamlit_folium import st_folium

from est_geo.access import Action, allowed
from est_geo.errors import EstGeoError
from est_geo.indicators import (
    PALETTES,
    Method,
    bivariate,
    class_colors,
    classify,
    correlate,
    definition_from_mapping,
    indicator_layer,
    periods_of,
    save_definition,
)
from est_geo.indicators.derived import RATE_KEY
from est_geo.indicators.derived_layers import add_derived_layers
from est_geo.indicators.export import (
    joined_table,
    layer_geojson,
    layer_gpkg,
    table_csv,
    table_xlsx,
)
from est_geo.indicators.join import IndicatorLayer, levels_with_values, pair_layers
from est_geo.indicators.rollup import aggregation_for
from est_geo.mapdata import default_view
from est_geo.maps import TileConfig, area_outlines, base_map
from est_geo.maps.choropleth import bivariate_layer, choropleth_layer, dual_map
from est_geo.model import AreaLevel
from est_geo.store import IncidentQuery
from ui import auth, banner, context, data, indicator_data, page

role = page.open_page("indikatorer")
cfg = context.config()
t = context.t
lang = cfg.language

st.title(t("page.indikatorer"))
st.caption(t("indikatorer.intro"))

loaded = indicator_data.load()
areas = loaded.areas  # stored areas + RegSO made from DeSO by the stored key
values = loaded.values
defs = {d.key: d for d in loaded.definitions}
# Derived layers (shares by category, change vs previous period; est_geo decides).
derived = add_derived_layers(
    values,
    defs,
    incidents=(
        data.incidents(
            IncidentQuery(start=date.fromisoformat(f"{min(loaded.derived_periods)[:4]}-01-01"))
        )
        if loaded.derived_periods and not areas.empty
        else None
    ),
    areas=areas,
    tree=context.store().category_tree(),
    periods=loaded.derived_periods,
    hidden={RATE_KEY: loaded.suppressed},
    public_k=cfg.min_public_count if cfg.public else None,
    incident_keys=(RATE_KEY,),
)
values, defs, hidden_by_key = derived.values, derived.definitions, derived.hidden
available = [k for k in defs if periods_of(values, k)]
if not available or areas.empty:
    st.info(t("indikatorer.none"))
    banner.data_footer()
    st.stop()


def label(key: str) -> str:
    d = defs[key]
    return d.name_en if lang == "en" else d.name_sv


# ---------------------------------------------------------------- choices
mode = st.radio(
    t("indikatorer.mode"),
    ["one", "side", "bivariate"],
    format_func=lambda m: t(f"indikatorer.mode.{m}"),
    horizontal=True,
    key="ind_mode",
)
two = mode != "one"
c1, c2, c3 = st.columns(3)
preferred = [k for k in ("trygghetsindex", "rapporter_per_1000") if k in available]
key_a = c1.selectbox(
    t("indikatorer.layer_a"),
    available,
    index=available.index(preferred[0]) if preferred else 0,
    format_func=label,
    key="ind_a",
)
periods_a = periods_of(values, key_a)
period_a = c1.selectbox(t("indikatorer.period"), periods_a[::-1], key="ind_period_a")
key_b = period_b = None
if two:
    rest = [k for k in available if k != key_a] or available
    b_first = [k for k in ("rapporter_per_1000", "kundnojdhet") if k in rest]
    key_b = c2.selectbox(
        t("indikatorer.layer_b"),
        rest,
        index=rest.index(b_first[0]) if b_first else 0,
        format_func=label,
        key="ind_b",
    )
    periods_b = periods_of(values, key_b)
    period_b = c2.selectbox(
        t("indikatorer.period"),
        periods_b[::-1],
        index=periods_b[::-1].index(period_a) if period_a in periods_b else 0,
        key="ind_period_b",
    )
levels = levels_with_values(areas, values, key_a)
chosen_levels = c3.multiselect(
    t("indikatorer.levels"),
    levels,
    default=[lv for lv in levels if lv != AreaLevel.KOMMUN] or levels,
    format_func=lambda lv: t(f"indikatorer.level.{lv}"),
    key="ind_levels",
)
with st.expander(t("indikatorer.settings"), expanded=False):
    s1, s2, s3, s4 = st.columns(4)
    method = s1.selectbox(
        t("indikatorer.method"),
        list(Method),
        format_func=lambda m: t(f"indikatorer.method.{m.value}"),
        key="ind_method",
    )
    k = s2.slider(t("indikatorer.classes"), 3, 7, 5, key="ind_k")
    palette = s3.selectbox(
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

if not chosen_levels:
    st.info(t("indikatorer.pick_level"))
    banner.data_footer()
    st.stop()


def build(key: str, period: str) -> IndicatorLayer:
    layer = indicator_layer(
        areas, values, defs[key], period, levels=chosen_levels, min_n=float(min_n)
    )
    hidden = {c for c, p in hidden_by_key.get(key, frozenset()) if p == period}
    if hidden:  # public mode: fewer than k reports, shown as "för få underlag", never a value
        mask = layer.frame["code"].isin(hidden)
        layer.frame.loc[mask, "small_n"] = True
        layer.frame.loc[mask, ["value", "n", "rank"]] = float("nan")
    return layer


layer_a = build(key_a, period_a)
layer_b = build(key_b, period_b) if two and key_b and period_b else None


def title(layer: IndicatorLayer) -> str:
    return f"{label(layer.definition.key)} {layer.period}"


def choropleth(layer: IndicatorLayer, name: str) -> object:
    d = layer.definition
    reliable = layer.frame["value"].where(~layer.frame["small_n"])
    frame = layer.frame.to_crs(epsg=4326)
    # Small-n values do not shape the classes: they are drawn hatched, not coloured.
    cls = classify(reliable.to_numpy(), method, k) if reliable.notna().any() else None
    colors = (
        class_colors(cls.k, higher_is_better=d.higher_is_better, palette=palette) if cls else []
    )
    return choropleth_layer(
        frame,
        cls,
        colors,
        title=title(layer),
        unit=d.unit,
        subtitle=f"{t(f'indikatorer.method.{Method(method).value}')} · {t('indikatorer.darker_worse')}",
        small_n_label=t("indikatorer.small_n"),
        missing_label=t("indikatorer.missing"),
        name=name,
    )


tiles = TileConfig(cfg.tile_url, cfg.tile_attribution) if cfg.tile_url else None
# Fit every area shown: comparing areas needs them all on screen.
view = default_view(areas[areas["level"].isin(chosen_levels)], "", margin_m=300)
(south, west), (north, east) = view
outline_areas = areas[areas["level"] == AreaLevel.KOMMUN].to_crs(epsg=4326)[
    ["code", "name", "level", "geometry"]
]


def single_map(layer_group: object, key: str) -> None:
    fmap = base_map(
        (south + north) / 2,
        (west + east) / 2,
        14,
        tiles,
        bounds=view,
        plugins=(),
        asset_base_url=cfg.static_url,
    )
    if len(outline_areas):
        area_outlines(outline_areas, name=t("map.legend.areas")).add_to(fmap)
    st_folium(
        fmap,
        feature_group_to_add=[layer_group],
        key=key,
        height=560,
        use_container_width=True,
        returned_objects=[],
    )


try:
    if mode == "one":
        single_map(choropleth(layer_a, "a"), "ind_map")
    elif mode == "side" and layer_b is not None:
        st.caption(t("indikatorer.side.caption", a=title(layer_a), b=title(layer_b)))
        dm = dual_map(
            choropleth(layer_a, "a"),
            choropleth(layer_b, "b"),
            bounds=view,
            tiles=tiles,
            asset_base_url=cfg.static_url,
        )
        st_folium(dm, key="ind_dual", height=520, use_container_width=True, returned_objects=[])
    elif layer_b is not None:
        pair = pair_layers(layer_a, layer_b)
        shown = pair["value_a"].notna() & pair["value_b"].notna() & ~pair["small_n"]
        if shown.sum() < 3:
            st.warning(t("indikatorer.bivariate.too_few"))
        else:
            biv = bivariate(
                pair["value_a"].where(shown).to_numpy(),
                pair["value_b"].where(shown).to_numpy(),
                a_higher_is_better=layer_a.definition.higher_is_better,
                b_higher_is_better=layer_b.definition.higher_is_better,
            )
            group = bivariate_layer(
                pair.to_crs(epsg=4326),
                biv,
                a_title=title(layer_a),
                b_title=title(layer_b),
                a_unit=layer_a.definition.unit,
                b_unit=layer_b.definition.unit,
                small_n_label=t("indikatorer.small_n"),
                missing_label=t("indikatorer.missing"),
            )
            single_map(group, "ind_bivariate")
except EstGeoError as exc:
    context.fail(exc)

# ---------------------------------------------------------------- join report and notes
for layer in (layer_a, layer_b):
    if layer is None:
        continue
    rep = layer.report
    if rep.codes_without_area:
        st.warning(
            t(
                "indikatorer.report.codes_without_area",
                name=title(layer),
                n=len(rep.codes_without_area),
                codes=", ".join(rep.codes_without_area[:20]),
            )
        )
    if rep.areas_without_value:
        names = layer.frame.set_index("code").loc[list(rep.areas_without_value), "name"]
        st.info(
            t(
                "indikatorer.report.areas_without_value",
                name=title(layer),
                n=len(rep.areas_without_value),
                areas=", ".join(names.astype(str).tolist()[:20]),
            )
        )
    n_small = int(layer.frame["small_n"].sum())
    if n_small:
        st.caption(t("indikatorer.small_n.note", name=title(layer), n=n_small, min_n=int(min_n)))
    if layer.definition.key == "rapporter_per_1000":
        st.caption(t("indikatorer.derived.note", periods=", ".join(loaded.derived_periods)))
    rolled_here = [
        c for c in layer.frame["code"] if (layer.definition.key, c, layer.period) in loaded.rolled
    ]
    if rolled_here:
        how = t(f"indikatorer.rollup.{aggregation_for(layer.definition)}")
        st.caption(t("indikatorer.rollup.note", name=title(layer), n=len(rolled_here), how=how))
    for note in loaded.rollup_notes:
        if note.indicator_key == layer.definition.key and note.period == layer.period:
            st.caption(
                t(
                    "indikatorer.rollup.skipped",
                    name=title(layer),
                    codes=", ".join(note.parents[:20]),
                    reason=t(f"indikatorer.rollup.reason.{note.reason}"),
                )
            )
    if cfg.public and (
        layer.definition.key in derived.from_incidents or layer.definition.key in hidden_by_key
    ):
        st.caption(t("indikatorer.public.suppressed", k=cfg.min_public_count))

# ---------------------------------------------------------------- tabs
tab_names = [t("indikatorer.tab.table"), t("indikatorer.tab.trend")]
if layer_b is not None:
    tab_names.insert(1, t("indikatorer.tab.scatter"))
tab_names.append(t("indikatorer.tab.download"))
tabs = dict(zip(tab_names, st.tabs(tab_names), strict=True))

table = joined_table(layer_a, layer_b)
with tabs[t("indikatorer.tab.table")]:
    view_cols = {
        "name": t("indikatorer.col.area"),
        "code": t("indikatorer.col.code"),
        key_a: f"{label(key_a)} {period_a}",
        f"{key_a}_n": "n",
        f"{key_a}_rang": t("indikatorer.col.rank"),
        f"{key_a}_fa_underlag": t("indikatorer.col.small_n"),
    }
    if layer_b is not None and key_b:
        kb = key_b if key_b != key_a else f"{key_b}_b"
        view_cols |= {
            kb: f"{label(key_b)} {period_b}",
            f"{kb}_n": "n (B)",
            f"{kb}_rang": f"{t('indikatorer.col.rank')} (B)",
        }
    shown_table = pd.DataFrame(table.drop(columns="geometry"))[list(view_cols)].rename(
        columns=view_cols
    )
    st.dataframe(
        shown_table.sort_values(t("indikatorer.col.rank"), na_position="last"),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("indikatorer.table.help"))

if layer_b is not None:
    with tabs[t("indikatorer.tab.scatter")]:
        pair = pair_layers(layer_a, layer_b)
        reliable = pair[pair["value_a"].notna() & pair["value_b"].notna() & ~pair["small_n"]]
        try:
            corr = correlate(reliable["value_a"].to_numpy(), reliable["value_b"].to_numpy())
            st.markdown(
                t(
                    "indikatorer.corr",
                    r=f"{corr.pearson_r:.2f}".replace(".", ","),
                    rp=f"{corr.pearson_p:.3f}".replace(".", ","),
                    rho=f"{corr.spearman_rho:.2f}".replace(".", ","),
                    sp=f"{corr.spearman_p:.3f}".replace(".", ","),
                    n=corr.n,
                )
            )
        except EstGeoError as exc:
            st.info(str(exc))
        fig = px.scatter(
            reliable,
            x="value_a",
            y="value_b",
            text="name",
            labels={"value_a": title(layer_a), "value_b": title(layer_b)},
        )
        fig.update_traces(textposition="top center", marker={"size": 10, "color": "#0072B2"})
        fig.update_layout(height=480, margin={"l": 10, "r": 10, "t": 30, "b": 10})
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
        excluded = len(pair) - len(reliable)
        if excluded:
            st.caption(t("indikatorer.scatter.excluded", n=excluded))

with tabs[t("indikatorer.tab.trend")]:
    series = values[values["indicator_key"] == key_a]
    names = areas.set_index("code")["name"]
    in_levels = set(areas.loc[areas["level"].isin(chosen_levels), "code"])
    series = series[series["area_code"].isin(in_levels)].copy()
    hidden_pairs = hidden_by_key.get(key_a, frozenset())
    series = series[
        [
            (a, p) not in hidden_pairs
            for a, p in zip(series["area_code"], series["period"], strict=True)
        ]
    ]
    series["area"] = series["area_code"].map(names)
    options = sorted(series["area"].dropna().unique())
    highlight = st.multiselect(
        t("indikatorer.trend.highlight"),
        options,
        default=[a for a in options if a.startswith("Klockaretorpet")][:2],
        key="ind_highlight",
    )
    fig = go.Figure()
    for area_name, part in series.sort_values("period").groupby("area"):
        strong = area_name in highlight
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["value"],
                mode="lines+markers",
                name=str(area_name),
                line={"width": 3.5 if strong else 1.2, "color": None if strong else "#b0b0b0"},
                opacity=1.0 if strong else 0.7,
                showlegend=strong,
            )
        )
    fig.update_layout(
        height=420,
        yaxis_title=f"{label(key_a)} ({defs[key_a].unit})",
        xaxis={"type": "category"},
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
    )
    st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
    st.caption(t("indikatorer.trend.help"))

with tabs[t("indikatorer.tab.download")]:
    stem = f"{key_a}_{period_a}" + (f"_{key_b}_{period_b}" if layer_b is not None else "")
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

# ---------------------------------------------------------------- catalogue (admins)
if allowed(role, Action.ADMINISTER) and not cfg.public:
    with st.expander(t("indikatorer.catalogue")):
        st.dataframe(
            pd.DataFrame([d.__dict__ for d in loaded.definitions]),
            hide_index=True,
            width="stretch",
        )
        keys = [*defs, "__new__"]
        pick = st.selectbox(
            t("indikatorer.catalogue.pick"),
            keys,
            format_func=lambda k_: t("indikatorer.catalogue.new") if k_ == "__new__" else label(k_),
            key="ind_cat_pick",
        )
        cur = defs.get(pick)
        with st.form("ind_cat_form"):
            f_key = st.text_input(
                t("indikatorer.catalogue.key"), cur.key if cur else "", disabled=cur is not None
            )
            f_sv = st.text_input(t("indikatorer.catalogue.name_sv"), cur.name_sv if cur else "")
            f_en = st.text_input(t("indikatorer.catalogue.name_en"), cur.name_en if cur else "")
            f_unit = st.text_input(t("indikatorer.catalogue.unit"), cur.unit if cur else "")
            f_hib = st.checkbox(
                t("indikatorer.catalogue.hib"), cur.higher_is_better if cur else True
            )
            f_src = st.text_input(t("indikatorer.catalogue.source"), cur.source if cur else "")
            lv = [lv.value for lv in AreaLevel]
            f_lv = st.selectbox(
                t("indikatorer.catalogue.level"), lv, index=lv.index(cur.area_level) if cur else 1
            )
            f_notes = st.text_area(t("indikatorer.catalogue.notes"), cur.notes if cur else "")
            if st.form_submit_button(t("indikatorer.catalogue.save")):
                try:
                    saved = save_definition(
                        context.store(),
                        definition_from_mapping(
                            {
                                "key": cur.key if cur else f_key,
                                "name_sv": f_sv,
                                "name_en": f_en,
                                "unit": f_unit,
                                "higher_is_better": f_hib,
                                "source": f_src,
                                "area_level": f_lv,
                                "notes": f_notes,
                            }
                        ),
                        role=role,
                        user=auth.current_user_name(),
                    )
                except EstGeoError as exc:
                    st.error(str(exc))
                else:
                    indicator_data.clear()
                    st.success(t("indikatorer.catalogue.saved", name=saved.key))

banner.data_footer()
