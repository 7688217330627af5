"""Choropleth, bivariate and side-by-side maps of indicator layers.

One builder per layer, each returning a ``folium.FeatureGroup`` that carries its own legend
(drawn by us in the reader's language, units included; no branca colormap). Areas whose
value rests on too few persons or events are drawn hatched grey and say "för få underlag"
instead of taking a class colour that would look as certain as any other; areas without
a value are drawn white.
:func:`dual_map` puts two layers side by side with synchronised pan and zoom (folium's
``DualMap`` with the vendored Leaflet.Sync), everything served from our own server.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import folium
import folium.plugins
import geopandas as gpd
import numpy as np
from branca.element import MacroElement
from folium.template import Template

from est_geo.i18n import translate, unit_text
from est_geo.i18n.numbers import number_or_dash
from est_geo.indicators.classify import BIVARIATE_COLORS, Bivariate, Classification
from est_geo.maps.base import NO_TILES_BACKGROUND, KeepFitted, TileConfig, tile_layer
from est_geo.maps.base import _MapStyle as _DualStyle
from est_geo.maps.layers import check_frame, feature_collection
from est_geo.maps.legend import Legend
from est_geo.maps.offline import DEFAULT_ASSET_BASE_URL, use_local_assets
from est_geo.maps.text import DEFAULT_PRECISION, escape_text

__all__ = [
    "HATCH_FILL",
    "MISSING_FILL",
    "bivariate_layer",
    "choropleth_layer",
    "dual_map",
]

#: SVG paint of a small-n area: the hatch pattern, grey where patterns are unsupported.
HATCH_FILL = "url(#est-hatch) #bdbdbd"
#: Fill of an area without a value.
MISSING_FILL = "#ffffff"
_HATCH_CSS = "repeating-linear-gradient(45deg, #bdbdbd 0 3px, #f0f0f0 3px 6px)"
_LEGEND_CSS = (
    "background: rgba(255,255,255,0.94); padding: 6px 8px; border-radius: 4px;"
    " box-shadow: 0 1px 4px rgba(0,0,0,0.3); font-size: 0.8rem; line-height: 1.4;"
    " max-width: 18rem; color: #222;"
)
_SWATCH = (
    "display:inline-block; width:14px; height:14px; margin-right:6px;"
    " vertical-align:middle; border:1px solid #555; background:{bg};"
)


class _HatchPattern(MacroElement):  # type: ignore[misc]
    """Defines the SVG pattern ``#est-hatch`` in every SVG renderer of the map.

    Leaflet draws vector layers into an ``<svg>`` it creates lazily; the pattern must live
    in that document for ``fill="url(#est-hatch)"`` to work, so it is (re)inserted
    whenever a layer is added.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (parent) {
                function install(map) {
                    if (map._estHatch) { return; }
                    map._estHatch = true;
                    function ensure() {
                        map.getPanes().overlayPane.querySelectorAll("svg").forEach(function (svg) {
                            if (svg.querySelector("#est-hatch")) { return; }
                            var ns = svg.namespaceURI;
                            var defs = document.createElementNS(ns, "defs");
                            var p = document.createElementNS(ns, "pattern");
                            p.setAttribute("id", "est-hatch");
                            p.setAttribute("patternUnits", "userSpaceOnUse");
                            p.setAttribute("width", "6");
                            p.setAttribute("height", "6");
                            p.setAttribute("patternTransform", "rotate(45)");
                            var bg = document.createElementNS(ns, "rect");
                            bg.setAttribute("width", "6");
                            bg.setAttribute("height", "6");
                            bg.setAttribute("fill", "#f0f0f0");
                            var line = document.createElementNS(ns, "rect");
                            line.setAttribute("width", "3");
                            line.setAttribute("height", "6");
                            line.setAttribute("fill", "#9e9e9e");
                            p.appendChild(bg); p.appendChild(line); defs.appendChild(p);
                            svg.insertBefore(defs, svg.firstChild);
                        });
                    }
                    map.on("layeradd", ensure);
                    ensure();
                }
                // In a FeatureGroup (streamlit-folium's feature_group_to_add, DualMap)
                // the group is not on a map yet when this runs: install once it is.
                if (parent instanceof L.Map) { install(parent); return; }
                if (parent._map) { install(parent._map); }
                parent.on("add", function () { install(parent._map); });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "HatchPattern"


def _style(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "fillColor": feature["properties"]["fill"],
        "fillOpacity": 0.8,
        "color": "#444444",
        "weight": 1.0,
        "opacity": 0.9,
        "dashArray": "4 3" if feature["properties"]["kind"] == "small" else None,
    }


def _geojson(data: dict[str, Any], name: str) -> folium.GeoJson:
    tooltip = folium.GeoJsonTooltip(fields=["tooltip"], labels=False, style="font-size:0.85rem;")
    return folium.GeoJson(
        data,
        name=name,
        style_function=_style,
        highlight_function=lambda _f: {"weight": 3, "color": "#000000"},
        tooltip=tooltip if data["features"] else None,
        zoom_on_click=False,
    )


def _legend_html(title: str, subtitle: str, rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(
        f'<div><span style="{_SWATCH.format(bg=bg)}"></span>{escape_text(label)}</div>'
        for bg, label in rows
    )
    sub = f'<div style="color:#555;">{escape_text(subtitle)}</div>' if subtitle else ""
    return (
        f'<div style="{_LEGEND_CSS}"><div style="font-weight:600;">{escape_text(title)}</div>'
        f"{sub}{body}</div>"
    )


def choropleth_layer(
    frame: gpd.GeoDataFrame,
    classification: Classification | None,
    colors: Sequence[str],
    *,
    title: str,
    unit: str,
    subtitle: str = "",
    small_n_label: str | None = None,
    missing_label: str | None = None,
    rank_total: int | None = None,
    decimals: int = 1,
    name: str = "Indikator",
    legend_position: str = "bottomright",
    simplify_tolerance: float | None = 0.00005,
    precision: int = DEFAULT_PRECISION,
    lang: str = "sv",
) -> folium.FeatureGroup:
    """Areas coloured by class, with tooltips (name, value, unit, rank) and a legend.

    Parameters
    ----------
    frame
        EPSG:4326 areas with ``name, value, n, small_n, rank`` (see
        :func:`est_geo.indicators.indicator_layer`), in the order of
        ``classification.yb``.
    classification
        Classes of ``frame["value"]`` (small-n values may be classified; they are not
        drawn in a class colour anyway). ``None`` when no area has a reliable value:
        then every area must be small-n or missing, and the legend has no classes.
    colors
        One colour per class in increasing value order
        (:func:`est_geo.indicators.class_colors`).
    title, subtitle, unit
        Legend heading (e.g. ``"Trygghetsindex 2024"``), a second line (e.g. the method
        and "mörkare = sämre") and the unit as stored (``"andel %"``), shown after each
        value and in the legend in ``lang`` (:func:`est_geo.i18n.unit_text`). All escaped.
    small_n_label, missing_label
        Legend and tooltip wording for flagged and missing areas (default: the
        catalogue's, in ``lang``).
    rank_total
        Number of ranked areas, for "rang 3 av 12"; default: the count of ranks.
    decimals
        Decimals shown in tooltips and legend.
    lang
        Language of the numbers, class labels and rank in tooltips and legend.
    """
    small_n_label = small_n_label or translate("indikatorer.small_n", lang)
    missing_label = missing_label or translate("indikatorer.missing", lang)
    unit = unit_text(unit, lang)
    check_frame(frame, "frame", ("name", "value", "n", "small_n", "rank"))
    if classification is None:
        drawn = frame["value"].notna() & ~frame["small_n"].astype(bool)
        if drawn.any():
            raise ValueError("classification is None but some areas have a reliable value")
        yb: Sequence[int] = [-1] * len(frame)
        class_rows: list[tuple[str, str]] = []
    else:
        if len(colors) != classification.k:
            raise ValueError(f"need {classification.k} colours, got {len(colors)}")
        if len(classification.yb) != len(frame):
            raise ValueError(
                f"classification has {len(classification.yb)} values, frame {len(frame)} rows"
            )
        yb = [int(v) for v in classification.yb]
        class_rows = list(zip(colors, classification.labels(lang=lang), strict=True))
    ranks = frame["rank"].to_numpy(dtype=np.float64)
    total = rank_total if rank_total is not None else int(np.isfinite(ranks).sum())
    props: list[dict[str, Any]] = []
    for (name_, value, n, small, rank), cls in zip(
        frame[["name", "value", "n", "small_n", "rank"]].itertuples(index=False, name=None),
        yb,
        strict=True,
    ):
        head = f"<b>{escape_text(name_)}</b>"
        if bool(small):  # before "missing": a suppressed public value is small, not absent
            kind, fill = "small", HATCH_FILL
            n_text = (
                f" (n = {number_or_dash(float(n), lang, digits=0)})"
                if math.isfinite(float(n))
                else ""
            )
            text = escape_text(f"{small_n_label}{n_text}")
        elif not math.isfinite(float(value)):
            kind, fill, text = "missing", MISSING_FILL, escape_text(missing_label)
        else:
            kind, fill = "value", colors[int(cls)]
            shown = number_or_dash(float(value), lang, digits=decimals)
            text = escape_text(f"{shown} {unit}".strip())
            if math.isfinite(float(rank)):
                rank_text = translate("indicators.map.rank", lang, rank=int(rank), total=total)
                text += f"<br>{escape_text(rank_text)}"
            if math.isfinite(float(n)):
                text += f"<br><small>n = {number_or_dash(float(n), lang, digits=0)}</small>"
        props.append({"tooltip": f"{head}<br>{text}", "fill": fill, "kind": kind})
    data = feature_collection(frame, props, precision, simplify_tolerance)
    rows = class_rows
    if frame["small_n"].any():
        rows.append((_HATCH_CSS, small_n_label))
    if (frame["value"].isna() & ~frame["small_n"].astype(bool)).any():
        rows.append((MISSING_FILL, missing_label))
    group = folium.FeatureGroup(name=escape_text(name))
    _HatchPattern().add_to(group)
    _geojson(data, escape_text(name)).add_to(group)
    sub = subtitle if not unit else (f"{subtitle} · {unit}" if subtitle else unit)
    Legend(_legend_html(title, sub, rows), legend_position).add_to(group)
    return group


def _bivariate_legend(a_title: str, b_title: str, lang: str = "sv") -> str:
    cells = []
    for b_cls in (2, 1, 0):  # B worse on top
        for a_cls in (0, 1, 2):  # A worse to the right
            color = BIVARIATE_COLORS[3 * a_cls + b_cls]
            cells.append(f'<div style="width:18px;height:18px;background:{color};"></div>')
    grid = (
        '<div style="display:grid;grid-template-columns:repeat(3,18px);gap:1px;'
        'margin:4px 6px 2px 0;">' + "".join(cells) + "</div>"
    )
    # Axis titles run horizontally (a long title turned on its side made the legend as
    # tall as the map): B above the grid pointing up, A below pointing right.
    small = "font-size:0.7rem;max-width:220px;"
    heading = escape_text(translate("indicators.map.bivariate_title", lang))
    up = escape_text(translate("indicators.map.worse_up", lang, title=b_title))
    right = escape_text(translate("indicators.map.worse_right", lang, title=a_title))
    thirds = escape_text(translate("indicators.map.thirds", lang))
    return (
        f'<div style="{_LEGEND_CSS}"><div style="font-weight:600;">{heading}</div>'
        f'<div style="{small}">{up}</div>{grid}'
        f'<div style="{small}">{right}</div>'
        f'<div style="color:#555;{small}">{thirds}</div></div>'
    )


def bivariate_layer(
    frame: gpd.GeoDataFrame,
    classes: Bivariate,
    *,
    a_title: str,
    b_title: str,
    a_unit: str = "",
    b_unit: str = "",
    small_n_label: str | None = None,
    missing_label: str | None = None,
    decimals: int = 1,
    name: str | None = None,
    simplify_tolerance: float | None = 0.00005,
    precision: int = DEFAULT_PRECISION,
    lang: str = "sv",
) -> folium.FeatureGroup:
    """3 × 3 bivariate map of layers A and B with a grid legend.

    ``frame`` (EPSG:4326) has ``name, value_a, value_b, small_n`` (True when either
    layer's value rests on too few), in the order of ``classes``. An area lacking either
    value is drawn white; a small-n area hatched. ``a_unit``/``b_unit`` are the units as
    stored, shown in ``lang`` (:func:`est_geo.i18n.unit_text`).
    """
    small_n_label = small_n_label or translate("indikatorer.small_n", lang)
    missing_label = missing_label or translate("indikatorer.missing", lang)
    a_unit, b_unit = unit_text(a_unit, lang), unit_text(b_unit, lang)
    check_frame(frame, "frame", ("name", "value_a", "value_b", "small_n"))
    if len(classes.code) != len(frame):
        raise ValueError(f"classes has {len(classes.code)} values, frame {len(frame)} rows")
    props: list[dict[str, Any]] = []
    for (name_, va, vb, small), code in zip(
        frame[["name", "value_a", "value_b", "small_n"]].itertuples(index=False, name=None),
        classes.code,
        strict=True,
    ):
        a_text = f"{a_title}: {number_or_dash(float(va), lang, digits=decimals)} {a_unit}".strip()
        b_text = f"{b_title}: {number_or_dash(float(vb), lang, digits=decimals)} {b_unit}".strip()
        if code < 0:
            kind, fill, extra = "missing", MISSING_FILL, missing_label
        elif bool(small):
            kind, fill, extra = "small", HATCH_FILL, small_n_label
        else:
            kind, fill, extra = "value", BIVARIATE_COLORS[int(code)], ""
        text = f"<b>{escape_text(name_)}</b><br>{escape_text(a_text)}<br>{escape_text(b_text)}"
        if extra:
            text += f"<br><i>{escape_text(extra)}</i>"
        props.append({"tooltip": text, "fill": fill, "kind": kind})
    data = feature_collection(frame, props, precision, simplify_tolerance)
    name = name if name is not None else translate("indicators.map.two_layers", lang)
    group = folium.FeatureGroup(name=escape_text(name))
    _HatchPattern().add_to(group)
    _geojson(data, escape_text(name)).add_to(group)
    Legend(_bivariate_legend(a_title, b_title, lang), "bottomright").add_to(group)
    return group


class _Background(MacroElement):  # type: ignore[misc]
    """Light background for tile-less maps (one ``<style>`` in the page header)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>.leaflet-container { background: {{ this.color }}; }</style>
        {% endmacro %}
        """
    )

    def __init__(self, color: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Background"
        self.color = color


def dual_map(
    left: folium.FeatureGroup,
    right: folium.FeatureGroup,
    *,
    bounds: Sequence[Sequence[float]],
    tiles: TileConfig | None,
    min_zoom: int = 4,
    asset_base_url: str = DEFAULT_ASSET_BASE_URL,
) -> folium.plugins.DualMap:
    """Two maps side by side whose pan and zoom follow each other (Leaflet.Sync).

    ``left`` goes on the first map, ``right`` on the second; both fit ``bounds``
    (``((south, west), (north, east))``, WGS84). Assets come from ``asset_base_url``
    (the vendored Leaflet and Leaflet.Sync), so nothing is loaded from a CDN.
    """
    use_local_assets(asset_base_url)
    (south, west), (north, east) = bounds
    max_zoom = tiles.max_zoom if tiles is not None else 19
    dm = folium.plugins.DualMap(  # type: ignore[no-untyped-call]
        location=((south + north) / 2, (west + east) / 2),
        tiles=None,
        zoom_start=14,
        min_zoom=min_zoom,
        max_zoom=max_zoom,
        attribution_control=tiles is not None,
    )
    for m in (dm.m1, dm.m2):
        m.options["min_zoom"] = min_zoom
        m.options["max_zoom"] = max_zoom
        if tiles is not None and tiles.url is not None:
            tile_layer(tiles, min_zoom).add_to(m)
    if tiles is None or tiles.url is None:
        _Background(NO_TILES_BACKGROUND).add_to(dm.m1)
    left.add_to(dm.m1)
    right.add_to(dm.m2)
    dm.fit_bounds([[south, west], [north, east]])  # type: ignore[no-untyped-call]
    for m in (dm.m1, dm.m2):
        KeepFitted(bounds).add_to(m)
    # Half-width maps: the attribution wraps inside its map instead of being clipped.
    _DualStyle(
        ".leaflet-control-attribution { white-space: normal; max-width: 70%; "
        "font-size: 10px; line-height: 1.3; }"
    ).add_to(dm.m1)
    return dm
