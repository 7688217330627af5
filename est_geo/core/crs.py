"""Coordinate conversion at the edges: SWEREF 99 TM (store, analysis) ↔ WGS84 (display)."""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from est_geo.core.model import DISPLAY_EPSG, STORE_EPSG


@cache
def _transformer(src: int, dst: int) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def to_wgs84(
    x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """SWEREF 99 TM metres → (lon, lat) degrees."""
    lon, lat = _transformer(STORE_EPSG, DISPLAY_EPSG).transform(x, y)
    return np.asarray(lon, float), np.asarray(lat, float)


def from_wgs84(
    lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(lon, lat) degrees → SWEREF 99 TM metres."""
    x, y = _transformer(DISPLAY_EPSG, STORE_EPSG).transform(lon, lat)
    return np.asarray(x, float), np.asarray(y, float)


#: Sweden's bounding box in WGS84 (west, south, east, north), the place every EST Geo
#: coordinate belongs to whatever its CRS.
SWEDEN_LONLAT = (10.5, 55.0, 24.2, 69.1)
#: Slack around an extent, as a share of its width and height (a border area, a buffer).
_EXTENT_MARGIN = 0.1

Extent = tuple[float, float, float, float]


@cache
def crs_extent(crs: str) -> Extent | None:
    """Where coordinates in ``crs`` can plausibly lie: ``(xmin, ymin, xmax, ymax)``.

    The box around the CRS's area of use (as PROJ records it) and Sweden, in the CRS's
    own x (easting/longitude) and y (northing/latitude), plus 10 % on every side. A value
    outside it is junk (1e12 m) or in another CRS than declared (degrees read as metres).
    ``None`` when PROJ cannot say (no area of use, a local engineering CRS).
    """
    try:
        parsed = CRS.from_user_input(crs)
        area = parsed.area_of_use
        west, south, east, north = SWEDEN_LONLAT
        if area is not None:
            west, south = min(west, area.west), min(south, area.south)
            east, north = max(east, area.east), max(north, area.north)
        to_crs = Transformer.from_crs(DISPLAY_EPSG, parsed, always_xy=True)
        x0, y0, x1, y1 = to_crs.transform_bounds(west, south, east, north, densify_pts=21)
    except (CRSError, ProjError):
        return None
    if not all(np.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    margin = 0.0 if parsed.is_geographic else _EXTENT_MARGIN  # degrees end at ±180/±90
    dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
    return float(x0 - dx), float(y0 - dy), float(x1 + dx), float(y1 + dy)


def store_extent() -> Extent:
    """:func:`crs_extent` of the store CRS (SWEREF 99 TM): where a stored shape may lie."""
    extent = crs_extent(f"EPSG:{STORE_EPSG}")
    if extent is None:  # PROJ always knows EPSG:3006; this guards a broken installation
        raise ProjError("PROJ has no area of use for EPSG:3006 (a broken PROJ database)")
    return extent


def outside_extent(bounds: NDArray[np.float64], extent: Extent | None) -> NDArray[np.bool_]:
    """Rows of ``bounds`` (n × 4: minx, miny, maxx, maxy) that are not finite or leave
    ``extent`` (only the finiteness check when ``extent`` is ``None``)."""
    values = np.asarray(bounds, dtype=float).reshape(-1, 4)
    bad = ~np.isfinite(values).all(axis=1)
    if extent is not None:
        x0, y0, x1, y1 = extent
        with np.errstate(invalid="ignore"):
            bad |= (values[:, 0] < x0) | (values[:, 1] < y0)
            bad |= (values[:, 2] > x1) | (values[:, 3] > y1)
    return np.asarray(bad, dtype=bool)
