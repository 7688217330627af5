"""Coordinate conversion at the edges: SWEREF 99 TM (store, analysis) ↔ WGS84 (display)."""

from __future__ import annotations

from functools import cache

import numpy as np
from numpy.typing import NDArray
from pyproj import Transformer

from est_geo.model import DISPLAY_EPSG, STORE_EPSG


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
