"""The Indikatorer page's map: one choropleth, two side by side, or a 3 × 3 bivariate map.

Stability rule (docs/architecture.md, "Stable maps"): the base map — tiles, the view
that fits every area shown, the municipality outline — depends only on the stored areas
and the chosen levels, so it stays identical between reruns; the coloured layer goes
through ``feature_group_to_add`` and a new classification or palette does not remount
the map. Nothing comes back from the map (``returned_objects=[]``): it is only looked at.
"""

from __future__ import annotations

import folium
import streamlit as st

from est_geo.core.errors import EstGeoError
from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import AreaLevel
from est_geo.indicators import Method, bivariate, class_colors, classify
from est_geo.indicators.choropleth import bivariate_layer, choropleth_layer, dual_map
from est_geo.indicators.join import IndicatorLayer, pair_layers
from est_geo.maps import TileConfig, area_outlines, tiles_for
from est_geo.maps.mapdata import default_view
from ui import context
from ui.context import t
from ui.indikatorer.state import Choices, IndikatorerData
from ui.maps import Bounds, draw_map, fitted_map


def _choropleth(
    ind: IndikatorerData, choices: Choices, layer: IndicatorLayer, name: str
) -> folium.FeatureGroup:
    """One layer coloured by class; strongest colour = worse, whichever way is better."""
    d = layer.definition
    reliable = layer.frame["value"].where(~layer.frame["small_n"])
    frame = layer.frame.to_crs(epsg=4326)
    # Small-n values do not shape the classes: they are drawn hatched, not coloured.
    cls = (
        classify(reliable.to_numpy(), choices.method, choices.k) if reliable.notna().any() else None
    )
    colors = (
        class_colors(cls.k, higher_is_better=d.higher_is_better, palette=choices.palette)
        if cls
        else []
    )
    method = t(f"indikatorer.method.{Method(choices.method).value}")
    return choropleth_layer(
        frame,
        cls,
        colors,
        title=ind.title(layer),
        unit=d.unit,
        subtitle=f"{method} · {t('indikatorer.darker_worse')}",
        small_n_label=t("indikatorer.small_n"),
        missing_label=t("indikatorer.missing"),
        name=name,
        lang=ind.cfg.language,
    )


def _tiles(ind: IndikatorerData) -> TileConfig | None:
    """The configured tile server, or ``None``: a plain background without tiles."""
    cfg = ind.cfg
    return tiles_for(cfg)


def _view(ind: IndikatorerData, choices: Choices) -> Bounds:
    """Bounds that fit every area shown: comparing areas needs them all on screen."""
    view: Bounds = default_view(
        ind.areas[ind.areas["level"].isin(choices.levels)], "", margin_m=300
    )
    return view


def _single_map(ind: IndikatorerData, view: Bounds, layer: folium.FeatureGroup, key: str) -> None:
    """The base map (see module doc) with ``layer`` added without a remount."""
    fmap = fitted_map(ind.cfg, view, 14, plugins=(), keep_fitted=True)
    outline_areas = ind.areas[ind.areas["level"] == AreaLevel.KOMMUN].to_crs(epsg=4326)[
        ["code", "name", "level", "geometry"]
    ]
    if len(outline_areas):
        area_outlines(outline_areas, name=t("map.legend.areas")).add_to(fmap)
    draw_map(fmap, key=key, height=560, layers=[layer])


def _side_by_side(
    ind: IndikatorerData, choices: Choices, view: Bounds, a: IndicatorLayer, b: IndicatorLayer
) -> None:
    """Two synchronised maps (pan one, the other follows)."""
    st.caption(t("indikatorer.side.caption", a=md(ind.title(a)), b=md(ind.title(b))))
    dm = dual_map(
        _choropleth(ind, choices, a, "a"),
        _choropleth(ind, choices, b, "b"),
        bounds=view,
        tiles=_tiles(ind),
        asset_base_url=ind.cfg.static_url,
    )
    draw_map(dm, key="ind_dual", height=520)


def _bivariate(ind: IndikatorerData, view: Bounds, a: IndicatorLayer, b: IndicatorLayer) -> None:
    """A 3 × 3 bivariate map of the areas with reliable values of both layers."""
    pair = pair_layers(a, b)
    shown = pair["value_a"].notna() & pair["value_b"].notna() & ~pair["small_n"]
    if shown.sum() < 3:
        st.warning(t("indikatorer.bivariate.too_few"))
        return
    biv = bivariate(
        pair["value_a"].where(shown).to_numpy(),
        pair["value_b"].where(shown).to_numpy(),
        a_higher_is_better=a.definition.higher_is_better,
        b_higher_is_better=b.definition.higher_is_better,
    )
    group = bivariate_layer(
        pair.to_crs(epsg=4326),
        biv,
        a_title=ind.title(a),
        b_title=ind.title(b),
        a_unit=a.definition.unit,
        b_unit=b.definition.unit,
        small_n_label=t("indikatorer.small_n"),
        missing_label=t("indikatorer.missing"),
        lang=ind.cfg.language,
    )
    _single_map(ind, view, group, "ind_bivariate")


def show_map(
    ind: IndikatorerData,
    choices: Choices,
    layer_a: IndicatorLayer,
    layer_b: IndicatorLayer | None,
) -> None:
    """The map of the chosen mode; a user error stops the page with its message."""
    view = _view(ind, choices)
    try:
        if choices.mode == "one":
            _single_map(ind, view, _choropleth(ind, choices, layer_a, "a"), "ind_map")
        elif choices.mode == "side" and layer_b is not None:
            _side_by_side(ind, choices, view, layer_a, layer_b)
        elif layer_b is not None:
            _bivariate(ind, view, layer_a, layer_b)
    except EstGeoError as exc:
        context.fail(exc)
