"""Which coordinate system plain x/y numbers are in, and conversion to the store CRS.

Sweden's three common systems occupy disjoint number ranges, so for a table without a
declared CRS the values themselves tell: WGS84 degrees (lat 55–69.1, lon 10.5–24.2),
SWEREF 99 TM metres (E 250k–930k, N 6.1M–7.7M) and RT 90 2.5 gon V (X/north 6.1M–7.7M,
Y/east 1.2M–1.9M). The same ranges reveal swapped axes (lat in the "x" column, or the
Swedish surveying habit of calling northing "X"). Whatever is decided is reported back
(:class:`CrsGuess`) so the user can confirm it before anything is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import STORE_EPSG
from est_geo.core.text import Text, worded
from est_geo.i18n import MESSAGES, label, translate
from est_geo.i18n.numbers import percent

WGS84 = 4326
SWEREF99TM = 3006
RT90 = 3021

#: (easting/lon range, northing/lat range) per EPSG code, in the order x, y.
RANGES: dict[int, tuple[tuple[float, float], tuple[float, float]]] = {
    WGS84: ((10.5, 24.2), (55.0, 69.1)),
    SWEREF99TM: ((250_000.0, 930_000.0), (6_100_000.0, 7_700_000.0)),
    RT90: ((1_200_000.0, 1_900_000.0), (6_100_000.0, 7_700_000.0)),
}
#: Sweden's extent in SWEREF 99 TM, used for the "outside Sweden" check.
SWEDEN_BOUNDS = (250_000.0, 6_100_000.0, 930_000.0, 7_700_000.0)


@dataclass(frozen=True)
class CrsGuess:
    """The CRS used for an import and how it was decided.

    ``origin`` is "user", "file" or "values"; ``swapped`` means the two coordinate
    columns were exchanged; ``share`` is the fraction of rows whose values fit.
    """

    epsg: int
    origin: str
    swapped: bool = False
    share: float = 1.0

    def describe(self, lang: str = "sv") -> str:
        """One sentence in ``lang`` for the confirmation step (and the CLI's summary)."""
        name = worded(crs_name(self.epsg), lang)
        how = label("crs.origin", self.origin, lang)
        text = f"{name} (EPSG:{self.epsg}), {how}"
        if self.origin == "values":
            text += ", " + translate("crs.share_fits", lang, share=percent(self.share, lang))
        if self.swapped:
            text += "; " + translate("crs.swapped", lang)
        return text


def crs_name(epsg: int) -> Text | str:
    """The name of the CRS ``epsg`` as a catalogue text ("RT 90 2,5 gon V" in Swedish,
    "RT 90 2.5 gon V" in English), or "EPSG:n" for one the catalogue does not name."""
    key = f"crs.name.{epsg}"
    return Text.of(key) if key in MESSAGES else f"EPSG:{epsg}"


def parse_epsg(value: str | int) -> int:
    """``"EPSG:3006"``, ``"3006"`` or ``3006`` → 3006 (ValidationError otherwise)."""
    text = str(value).strip().upper().removeprefix("EPSG:")
    if text.isdigit():
        code = int(text)
        try:
            CRS.from_epsg(code)
        except CRSError:
            pass
        else:
            return code
    problem = Problem.keyed(None, "crs", str(value), "io.crs.unknown")
    raise ValidationError([problem], key="io.crs.summary")


def _share(a: NDArray[np.float64], b: NDArray[np.float64], epsg: int, swapped: bool) -> float:
    (x0, x1), (y0, y1) = RANGES[epsg]
    xs, ys = (b, a) if swapped else (a, b)
    if len(a) == 0:
        return 0.0
    return float(np.mean((xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)))


def detect_crs(
    a: NDArray[np.float64], b: NDArray[np.float64], *, given: int | None = None, origin: str = ""
) -> CrsGuess | None:
    """Decide CRS and axis order from the values in the x (``a``) and y (``b``) columns.

    With ``given`` (from the user or the file) only the axis order is checked, for the
    three Swedish systems. Returns ``None`` when no system fits any row.
    """
    ok = np.isfinite(a) & np.isfinite(b)
    a, b = a[ok], b[ok]
    if given is not None:
        if given in RANGES and _share(a, b, given, True) > _share(a, b, given, False):
            return CrsGuess(given, origin or "user", True, _share(a, b, given, True))
        share = _share(a, b, given, False) if given in RANGES else 1.0
        return CrsGuess(given, origin or "user", False, share)
    scored = [
        (_share(a, b, epsg, swapped), epsg, swapped) for epsg in RANGES for swapped in (False, True)
    ]
    share, epsg, swapped = max(scored, key=lambda t: (t[0], not t[2]))
    if share == 0.0:
        return None
    return CrsGuess(epsg, "values", swapped, share)


@cache
def _transformer(src: int) -> Transformer:
    return Transformer.from_crs(src, STORE_EPSG, always_xy=True)


def to_store_crs(
    x: NDArray[np.float64], y: NDArray[np.float64], guess: CrsGuess
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Easting/northing in SWEREF 99 TM from the file's columns (swap applied)."""
    if guess.swapped:
        x, y = y, x
    if guess.epsg == STORE_EPSG:
        return x.astype(float), y.astype(float)
    try:
        with np.errstate(all="ignore"):
            ex, ny = _transformer(guess.epsg).transform(x, y, errcheck=False)
    except (CRSError, ProjError) as exc:
        problem = Problem.keyed(
            None, "crs", f"EPSG:{guess.epsg}", "io.crs.transform", reason=str(exc)
        )
        raise ValidationError([problem], key="io.crs.summary") from exc
    return np.asarray(ex, float), np.asarray(ny, float)


def inside_sweden(x: NDArray[np.float64], y: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Points within Sweden's extent (SWEREF 99 TM bounds, a generous rectangle)."""
    x0, y0, x1, y1 = SWEDEN_BOUNDS
    with np.errstate(invalid="ignore"):
        return np.asarray((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1), dtype=bool)


#: GeoJSON documents up to this size are parsed whole to find their ``crs`` member;
#: bigger ones are searched in their first and last :data:`_CRS_SCAN_BYTES`.
_CRS_PARSE_MAX_BYTES = 16 * 1024 * 1024
_CRS_SCAN_BYTES = 1024 * 1024
_CRS_MEMBER = re.compile(rb'"crs"\s*:\s*')


def _crs_member(data: bytes) -> object:
    """The top-level ``crs`` member of a GeoJSON document (``None`` when absent)."""
    if len(data) <= _CRS_PARSE_MAX_BYTES:
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            return None  # not JSON: GDAL gives the reading error
        return doc.get("crs") if isinstance(doc, dict) else None
    decoder = json.JSONDecoder()
    for part in (data[:_CRS_SCAN_BYTES], data[-_CRS_SCAN_BYTES:]):
        match = _CRS_MEMBER.search(part)
        if match is None:
            continue
        try:
            value, _ = decoder.raw_decode(part[match.end() :].decode("utf-8", "replace"))
        except ValueError:
            continue
        return value
    return None


def geojson_crs_problem(data: bytes) -> Problem | None:
    """A problem when a GeoJSON file declares a CRS that PROJ does not know.

    GDAL reads such a file as WGS84 without a word, so points declared in, say, a local
    system would land somewhere else entirely. The old GeoJSON ``crs`` member forms are
    understood: ``{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}``
    and ``{"type": "EPSG", "properties": {"code": 3006}}``; a ``link`` CRS cannot be
    checked offline and is refused too.
    """
    member = _crs_member(data)
    if member is None:
        return None
    props = member.get("properties") if isinstance(member, dict) else None
    kind = str(member.get("type", "")).lower() if isinstance(member, dict) else ""
    if isinstance(props, dict) and kind == "name":
        declared: object = props.get("name")
    elif isinstance(props, dict) and kind == "epsg":
        declared = f"EPSG:{props.get('code')}"
    else:
        declared = None
    text = json.dumps(member, ensure_ascii=False)[:200]
    if isinstance(declared, str):
        try:
            CRS.from_user_input(declared)
        except CRSError:
            pass
        else:
            return None
    return Problem.keyed(None, "crs", text, "io.read.crs_unknown")
