"""Text and coordinate hygiene for everything sent to the browser map."""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray

__all__ = ["DEFAULT_PRECISION", "MAX_PRECISION", "escape_text", "round_coords", "round_geometry"]

#: Decimals kept in map coordinates: 5 decimals of a degree is about 1 m.
DEFAULT_PRECISION = 5
#: More than 6 decimals (about 0.1 m) only makes the payload bigger.
MAX_PRECISION = 6

# Characters that html.escape leaves alone but that end or interpolate a JavaScript
# template literal (folium.Tooltip puts its text inside `...`).
_JS_TEMPLATE = str.maketrans({"`": "&#96;", "$": "&#36;", "\\": "&#92;"})


def escape_text(text: object) -> str:
    """Return ``text`` as HTML-safe text (``None`` becomes an empty string).

    ``html.escape`` (``& < > " '``) plus the backtick, ``$`` and backslash, so the result
    is inert in HTML text, in a quoted attribute and inside a JavaScript template literal.
    Every name, label and title shown on a map goes through this.
    """
    if text is None:
        return ""
    return html.escape(str(text), quote=True).translate(_JS_TEMPLATE)


def _check_precision(precision: int) -> None:
    if not 0 <= precision <= MAX_PRECISION:
        raise ValueError(f"precision must be 0..{MAX_PRECISION} decimals, got {precision}")


def round_coords(values: Any, precision: int = DEFAULT_PRECISION) -> NDArray[np.float64]:
    """Round an array of coordinates to ``precision`` decimals (at most 6)."""
    _check_precision(precision)
    arr: NDArray[np.float64] = np.asarray(values, dtype=np.float64)
    return arr.round(precision)


def round_geometry(geometries: Any, precision: int = DEFAULT_PRECISION) -> Any:
    """Round every vertex of a shapely geometry or array of geometries.

    Rounding can make a tiny ring degenerate; such a geometry stays as shapely leaves it
    (it may be invalid but still draws), it is not dropped silently.
    """
    _check_precision(precision)
    return shapely.transform(geometries, lambda xy: np.round(xy, precision))
