"""Tiny Streamlit app for tests/browser/test_offline_map_harness.py (not part of the app).

A base map without tiles, a Draw toolbar, and two layers passed as ``feature_group_to_add``
(area outlines; clustered incidents with a legend). The button swaps the incident data, so
the test can check that changing a layer does not remount the map.
"""

from __future__ import annotations

import geopandas as gpd
import streamlit as st
from shapely.geometry import Polygon
from streamlit_folium import st_folium

from est_geo.maps import area_outlines, base_map, draw_control, incident_points, legend

EVIL = "<script>alert(1)</script>"

st.set_page_config(page_title="Kartprov", layout="wide")
st.title("Kartprov")

if "variant" not in st.session_state:
    st.session_state.variant = 0
if st.button("Byt data"):
    st.session_state.variant += 1
variant: int = st.session_state.variant

# Stable base map: rebuilt every run (never cached: st_folium mutates it), same content.
m = base_map(58.59, 16.18, 13, None, plugins=("markercluster",))
draw_control().add_to(m)

areas = gpd.GeoDataFrame(
    {"name": [f"Centrum {EVIL}", "Söder"], "code": ["T1", "T2"], "level": ["omrade", "kommun"]},
    geometry=[
        Polygon([(16.16, 58.58), (16.19, 58.58), (16.19, 58.60), (16.16, 58.60)]),
        Polygon([(16.15, 58.57), (16.21, 58.57), (16.21, 58.605), (16.15, 58.605)]),
    ],
    crs=4326,
)
n = 40 + 20 * variant
lat = [58.582 + 0.0004 * (i % 40) for i in range(n)]
lon = [16.165 + 0.0006 * (i // 2 % 40) for i in range(n)]
colors = ["#d62728" if i % 2 else "#1f77b4" for i in range(n)]
points = incident_points(
    lat, lon, [f"Händelse {i} {EVIL}" for i in range(n)], colors, max_points=500
)
legend(f"Händelser {EVIL}", [("#d62728", "Klotter"), ("#1f77b4", f"Bråk {EVIL}")]).add_to(points)

st_folium(
    m,
    key="harness",
    height=520,
    use_container_width=True,
    feature_group_to_add=[area_outlines(areas), points],
    returned_objects=[],
)
st.write(f"Variant {variant}: {n} punkter")
