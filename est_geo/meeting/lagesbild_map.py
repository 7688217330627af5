"""Map layers of the lägesbild for the browser: hot spot classes and the three priorities.

Built from the same :class:`~est_geo.meeting.lagesbild.Lagesbild` as the PDF's static map, with
the shared builders of :mod:`est_geo.maps` (cells via :func:`~est_geo.maps.count_cells`,
own legend), in WGS84 at the edge. Never imports streamlit.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
from shapely.geometry import box

from est_geo.core.crs import to_wgs84
from est_geo.core.model import DISPLAY_EPSG, STORE_EPSG
from est_geo.i18n import translate
from est_geo.maps import Legend, count_cells, legend
from est_geo.meeting.lagesbild import Lagesbild

__all__ = ["HOT_LEVELS", "area_view", "hotspot_layer", "hotspot_legend"]

#: Hot spot class → (level 1–3, colour, Swedish label); colours as in the PDF.
HOT_LEVELS: dict[str, tuple[int, str, str]] = {
    "hot_90": (1, "#fab984", "Hot spot 90 %"),
    "hot_95": (2, "#ed7551", "Hot spot 95 %"),
    "hot_99": (3, "#d62f27", "Hot spot 99 %"),
}


def _cells(lb: Lagesbild) -> gpd.GeoDataFrame:
    size = float(lb.grid.cell_size) if lb.grid is not None else 100.0
    kept = [c for c in lb.hotspots if c.hot_class in HOT_LEVELS]
    frame = gpd.GeoDataFrame(
        {"level": [HOT_LEVELS[c.hot_class][0] for c in kept]},
        geometry=[
            box(c.x - size / 2, c.y - size / 2, c.x + size / 2, c.y + size / 2) for c in kept
        ],
        crs=f"EPSG:{STORE_EPSG}",
    )
    return frame.to_crs(epsg=DISPLAY_EPSG)


def hotspot_layer(
    lb: Lagesbild, *, name: str = "Hot spots", lang: str = "sv"
) -> folium.FeatureGroup:
    """Hot spot cells coloured by class plus numbered markers on the priorities; the
    tooltips in ``lang``."""
    group = count_cells(
        _cells(lb),
        value_column="level",
        breaks=[1, 2, 3],
        palette=[v[1] for v in HOT_LEVELS.values()],
        tooltip=lambda level: translate("lagesbild.map.cell_tooltip", lang, value=level),
        name=name,
        fill_opacity=0.6,
    )
    if lb.priorities:
        xs = np.array([c.x for c in lb.priorities])
        ys = np.array([c.y for c in lb.priorities])
        lon, lat = to_wgs84(xs, ys)
        for rank, (la, lo) in enumerate(zip(lat, lon, strict=True), start=1):
            html = (
                '<div style="background:#222;color:#fff;border:2px solid #fff;'
                "border-radius:50%;width:26px;height:26px;line-height:22px;"
                f'text-align:center;font:bold 15px sans-serif;">{rank}</div>'
            )
            folium.Marker(
                (round(float(la), 5), round(float(lo), 5)),
                icon=folium.DivIcon(html=html, icon_size=(26, 26), icon_anchor=(13, 13)),
                tooltip=translate("lagesbild.map.priority", lang, rank=rank),
            ).add_to(group)
    return group


def hotspot_legend() -> Legend:
    """Legend of the hot spot classes (strongest first)."""
    items = [(color, label) for _, color, label in reversed(HOT_LEVELS.values())]
    return legend("Hot spots (Gi*)", items)


def area_view(
    lb: Lagesbild, *, margin_m: float = 200.0
) -> tuple[tuple[float, float], tuple[float, float]]:
    """WGS84 bounds ``((south, west), (north, east))`` of the area plus a margin."""
    minx, miny, maxx, maxy = lb.area_geometry.bounds
    lon, lat = to_wgs84(
        np.array([minx - margin_m, maxx + margin_m]), np.array([miny - margin_m, maxy + margin_m])
    )
    return (float(lat[0]), float(lon[0])), (float(lat[1]), float(lon[1]))
