"""What streamlit-folium sends to the browser for our maps: only local assets, no CDN.

``streamlit_folium._component_func`` is replaced by a recorder, so ``st_folium`` runs its
real code (walk for ``default_js``/``default_css``, header, map script, feature-group
script) without a Streamlit server.
"""

from __future__ import annotations

from typing import Any

import folium
import geopandas as gpd
import pytest
import streamlit_folium
from shapely.geometry import box

from est_geo.maps import (
    area_outlines,
    base_map,
    count_cells,
    draw_control,
    external_urls,
    incident_points,
    legend,
)

LOCAL = "/app/static/vendor/"


@pytest.fixture
def sent(monkeypatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def record(**kwargs: Any) -> dict[str, Any]:
        calls.append(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", record)
    return calls


def _layers(variant: int) -> list[folium.FeatureGroup]:
    areas = gpd.GeoDataFrame(
        {"name": ["<b>A</b>"], "code": ["A"], "level": ["omrade"]},
        geometry=[box(16.1, 58.5, 16.2, 58.6)],
        crs=4326,
    )
    cells = gpd.GeoDataFrame(
        {"count": [1 + variant, 5]},
        geometry=[box(16.1, 58.5, 16.11, 58.51), box(16.11, 58.5, 16.12, 58.51)],
        crs=4326,
    )
    points = incident_points(
        [58.55] * (1 + variant), [16.15] * (1 + variant), None, "#d62728", max_points=10
    )
    legend("Händelser", [("#d62728", "Klotter")]).add_to(points)
    return [area_outlines(areas), count_cells(cells), points]


def _base() -> folium.Map:
    m = base_map(58.59, 16.18, 12, None, plugins=("markercluster", "heat"))
    draw_control().add_to(m)
    return m


def test_everything_sent_is_local(sent):
    streamlit_folium.st_folium(
        _base(), key="k", feature_group_to_add=_layers(0), returned_objects=[]
    )
    (args,) = sent
    links = args["js_links"] + args["css_links"]
    assert links
    assert all(url.startswith(LOCAL) for url in links), links
    assert f"{LOCAL}leaflet-draw/leaflet.draw.js" in args["js_links"]
    assert f"{LOCAL}leaflet.heat/leaflet-heat.js" in args["js_links"]
    assert external_urls(args["header"]) == []
    assert external_urls(args["html"]) == []
    for script in (args["script"], args["feature_group"]):
        assert external_urls(script, script=True) == []
    assert "$(" not in args["script"] + args["feature_group"]  # no jQuery needed


def test_changing_layers_keeps_the_component_key(sent):
    """The key is a hash of the base map script: equal keys mean no remount."""
    for variant in (0, 1):
        streamlit_folium.st_folium(
            _base(), key="k", feature_group_to_add=_layers(variant), returned_objects=[]
        )
    first, second = sent
    assert first["key"] == second["key"]
    assert first["feature_group"] != second["feature_group"]


def test_reusing_one_map_object_changes_the_key(sent):
    """Pitfall: st_folium adds the feature groups to the map it is given, so a cached map
    carries the previous run's layers into its own script and the map remounts."""
    m = _base()
    for variant in (0, 1):
        streamlit_folium.st_folium(
            m, key="k", feature_group_to_add=_layers(variant), returned_objects=[]
        )
    first, second = sent
    assert first["key"] != second["key"]
