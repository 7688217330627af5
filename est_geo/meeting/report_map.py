"""Map layer of the Rapportera page: the one place being reported, as a marker.

A circle marker (SVG) rather than Leaflet's default pin: the pin is a PNG that Leaflet
looks for relative to its stylesheet, and a vector marker needs no asset at all. The
layer goes to ``st_folium(feature_group_to_add=...)`` so moving the point does not
remount the base map. Never imports streamlit.
"""

from __future__ import annotations

import folium

from est_geo.maps import escape_text, round_coords

__all__ = ["REPORT_COLOR", "report_marker"]

#: Colour of the reported place (distinct from the area outlines and category colours).
REPORT_COLOR = "#d62f27"


def report_marker(
    lat: float, lon: float, label: str, *, name: str = "Rapport"
) -> folium.FeatureGroup:
    """A feature group holding one marker at (``lat``, ``lon``) with ``label`` as tooltip.

    ``label`` is escaped (it may quote what the user typed); the position is rounded to
    about 0.1 m, which is all a browser map needs.
    """
    rlon, rlat = (float(v) for v in round_coords([lon, lat], precision=6))
    group = folium.FeatureGroup(name=name)
    folium.CircleMarker(
        location=(rlat, rlon),
        radius=9,
        color="#ffffff",
        weight=2,
        fill=True,
        fill_color=REPORT_COLOR,
        fill_opacity=0.95,
        tooltip=escape_text(label),
    ).add_to(group)
    return group
