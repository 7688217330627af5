"""Layer builders: escaping, rounding, empty layers, bounded payload, input checks."""

from __future__ import annotations

import json
import re

import folium
import geopandas as gpd
import pytest
from shapely.geometry import Polygon, box

from est_geo.maps import (
    area_outlines,
    base_map,
    count_cells,
    escape_text,
    external_urls,
    incident_points,
    legend,
    round_coords,
    round_geometry,
)

EVIL = "<script>alert(1)</script>"
EVIL_JS = "`${alert(1)}`\\"


def render(*layers: folium.Element) -> str:
    m = base_map(58.59, 16.18, 12, None)
    for layer in layers:
        layer.add_to(m)
    return m.get_root().render()


def areas(names=("Centrum", "Söder"), crs=4326) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": list(names),
            "code": ["T1", "T2"][: len(names)],
            "level": ["omrade", "kommun"][: len(names)],
        },
        geometry=[
            Polygon([(16.1612345678, 58.5812345678), (16.19, 58.58), (16.19, 58.60)]),
            box(16.15, 58.57, 16.21, 58.605),
        ][: len(names)],
        crs=crs,
    )


def cells(counts=(1, 4, 9, 30)) -> gpd.GeoDataFrame:
    geoms = [box(16.1 + i * 0.01, 58.5, 16.11 + i * 0.01, 58.51) for i in range(len(counts))]
    return gpd.GeoDataFrame({"count": list(counts)}, geometry=geoms, crs=4326)


def _script_strings(html: str) -> str:
    """All scripts of the page, where a raw ``<script>`` from data must never appear."""
    return "".join(re.findall(r"<script>(.*?)</script>", html, flags=re.DOTALL))


# --- escaping -----------------------------------------------------------------------------


def test_escape_text_is_inert_in_html_attributes_and_js_template_literals():
    assert escape_text(EVIL) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert escape_text(EVIL_JS) == "&#96;&#36;{alert(1)}&#96;&#92;"
    assert escape_text("\"'&") == "&quot;&#x27;&amp;"
    assert escape_text(None) == ""
    assert escape_text(12) == "12"


def test_area_names_and_codes_are_escaped():
    frame = areas(names=(EVIL, EVIL_JS))
    frame.loc[0, "code"] = EVIL
    html = render(area_outlines(frame))
    assert EVIL not in html
    assert "alert(1)" in html  # the text is there, inert
    assert "`${alert" not in html
    assert "<script>alert" not in _script_strings(html)


def test_incident_labels_and_colours_are_escaped():
    group = incident_points([58.59], [16.18], [EVIL + EVIL_JS], [EVIL], max_points=10)
    html = render(group)
    assert EVIL not in html
    assert "`${alert" not in html


def test_cell_tooltip_is_escaped():
    html = render(count_cells(cells(), tooltip=lambda v: f"{v:g} {EVIL}"))
    assert EVIL not in html
    assert "&lt;script&gt;" in html.replace("\\u0026", "&")


def test_legend_title_and_labels_are_escaped():
    html = render(legend(EVIL, [("#ffffcc", EVIL), ("#800026", EVIL_JS)]))
    assert EVIL not in html
    assert "`${alert" not in html
    assert "\\u003cscript\\u003e" not in html  # escaped before, not only JSON-encoded


@pytest.mark.parametrize("colour", ["red;background:url(https://x.example)", "#12", "<b>"])
def test_legend_refuses_non_colours(colour):
    with pytest.raises(ValueError, match="bad colour"):
        legend("Titel", [(colour, "a")])


def test_legend_follows_its_feature_group():
    group = folium.FeatureGroup()
    legend("Titel", [("#ffffcc", "1–3")]).add_to(group)
    html = render(group)
    assert "parent.on('remove'" in html
    assert 'position: "bottomright"' in html


# --- rounding and payload ---------------------------------------------------------------------


def test_round_coords_and_geometry():
    assert round_coords([58.123456789], 5).tolist() == [58.12346]
    poly = round_geometry(Polygon([(16.1234567, 58.7654321), (16.2, 58.7), (16.2, 58.8)]), 4)
    assert poly.exterior.coords[0] == (16.1235, 58.7654)
    with pytest.raises(ValueError, match="precision"):
        round_coords([1.0], 7)


def _numbers(html: str) -> list[str]:
    return re.findall(r"-?\d+\.\d+", _script_strings(html))


@pytest.mark.parametrize(
    ("precision", "expected"), [(4, "16.1612"), (5, "16.16123"), (6, "16.161235")]
)
def test_area_coordinates_are_rounded(precision, expected):
    html = render(area_outlines(areas(), precision=precision, simplify_tolerance=None))
    coords = [n for n in _numbers(html) if n.startswith(("16.", "58."))]
    assert coords
    assert max(len(n.split(".")[1]) for n in coords) <= precision
    assert f"[{expected}, " in html


def test_point_coordinates_are_rounded():
    html = render(incident_points([58.5912345678], [16.1812345678], None, "#d62728", max_points=1))
    assert "[58.59123, 16.18123, 0, -1]" in html


def test_points_payload_is_compact():
    n = 2000
    lat = [58.5 + i * 1e-4 for i in range(n)]
    lon = [16.1 + i * 1e-4 for i in range(n)]
    labels = [f"Klotter {i % 5}" for i in range(n)]
    html = render(incident_points(lat, lon, labels, "#d62728", max_points=n))
    assert len(html) < 120 * n  # ~40 bytes a point, not one folium element each
    assert html.count("Klotter 3") == 1  # labels interned


def test_incident_points_refuse_more_than_max_points():
    with pytest.raises(ValueError, match="max_points=2"):
        incident_points([58.5] * 3, [16.1] * 3, None, "#000000", max_points=2)


def test_incident_points_report_every_problem_at_once():
    with pytest.raises(ValueError) as err:
        incident_points([58.5, 58.6], [16.1], ["a"], ["#000"] * 3, max_points=10)
    message = str(err.value)
    assert "lon has 1 values" in message
    assert "labels has 1 values" in message
    assert "colors has 3 values" in message


def test_incident_points_reject_bad_coordinates():
    with pytest.raises(ValueError, match=r"2 points have invalid coordinates \(rows 1, 2\)"):
        incident_points([58.5, float("nan"), 91.0], [16.1, 16.2, 16.3], None, "#000", max_points=5)


# --- empty layers and input checks ------------------------------------------------------------


def test_layers_with_zero_features_render():
    empty_areas = areas().iloc[0:0]
    empty_cells = cells().iloc[0:0]
    html = render(
        area_outlines(empty_areas),
        incident_points([], [], [], [], max_points=10),
        count_cells(empty_cells),
        legend("Tom", []),
    )
    assert external_urls(html) == []
    assert '"features": []' in html
    assert "var rows = [];" in html


def test_frames_must_be_wgs84_with_the_needed_columns():
    with pytest.raises(ValueError, match=r"EPSG:4326.*missing columns \['level'\]"):
        area_outlines(areas(crs=3006).drop(columns=["level"]))
    with pytest.raises(TypeError, match="GeoDataFrame"):
        count_cells({"count": [1]})  # type: ignore[arg-type]


def test_area_style_follows_level():
    html = render(area_outlines(areas(), simplify_tolerance=None))
    assert '"color": "#222222"' in html  # kommun
    assert '"color": "#1f4e79"' in html  # omrade


def test_count_cells_colours_by_class():
    group = count_cells(
        cells((1, 4, 9, 30)),
        breaks=[1, 4, 9, 30],
        palette=("#000001", "#000002", "#000003", "#000004"),
    )
    html = render(group)
    data = json.loads(re.search(r"_add\((\{.*?\})\);", html, flags=re.DOTALL).group(1))
    colours = [f["properties"]["color"] for f in data["features"]]
    assert colours == ["#000001", "#000002", "#000003", "#000004"]


def test_count_cells_rejects_non_finite_values():
    with pytest.raises(ValueError, match="rows \\[1\\]"):
        count_cells(cells((1, float("nan"))))


def test_attribution_entities_show_as_characters_and_markup_stays_text() -> None:
    """Issue 13 item 10: '&copy;' was shown literally in every attribution."""
    from est_geo.core.config import OSM_ATTRIBUTION
    from est_geo.maps import TileConfig, base_map

    assert "&" not in OSM_ATTRIBUTION
    tiles = TileConfig("https://tiles.example/{z}/{x}/{y}.png", "&copy; OSM <b>x</b>")
    html = base_map(58.59, 16.18, 12, tiles).get_root().render()
    assert '"attribution": "\\u00a9 OSM \\u0026lt;b\\u0026gt;x' in html
    assert "copy;" not in html


def test_point_clusters_are_neutral_grey_not_leaflets_green_yellow() -> None:
    from est_geo.maps import base_map, incident_points

    fmap = base_map(58.59, 16.18, 12, None)
    incident_points([58.59, 58.591], [16.18, 16.181], None, "#d55e00", max_points=10).add_to(fmap)
    html = fmap.get_root().render()
    assert '"iconCreateFunction": function (cluster)' in html
    assert "rgba(55,55,55,0.78)" in html


def test_side_by_side_maps_wrap_attribution_and_keep_areas_fitted() -> None:
    """Issue 13 item 10: half-width maps clipped the tile attribution."""
    import folium

    from est_geo.indicators.choropleth import dual_map
    from est_geo.maps import TileConfig

    tiles = TileConfig("https://tiles.example/{z}/{x}/{y}.png", "© Lantmäteriet, OpenStreetMap")
    dm = dual_map(
        folium.FeatureGroup(name="a"),
        folium.FeatureGroup(name="b"),
        bounds=((58.55, 16.10), (58.60, 16.24)),
        tiles=tiles,
    )
    html = dm.get_root().render()
    assert ".leaflet-control-attribution { white-space: normal; max-width: 70%;" in html
    assert html.count("new ResizeObserver(fit)") == 2  # both halves refit until touched
