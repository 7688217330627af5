"""Replacing stored areas by code: a re-fetched boundary version, all or nothing.

Areas are keyed by code (indicator values, saved views and agendas refer to them by
code), so a new delivery of the same DeSO version — a corrected boundary from SCB — must
update the shape, name and parent of the stored code in place rather than add a second
area. :func:`replacement_rows` validates the whole delivery with the same rules as a new
import and splits it into rows to insert and rows to update; each backend writes both in
one transaction. A code stored at another level is refused (a RegSO code never becomes a
DeSO by replacement).
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import geopandas as gpd
from shapely.geometry import MultiPolygon

from est_geo.core.errors import Problem, ValidationError
from est_geo.store.base import Store
from est_geo.store.common import area_rows

__all__ = ["AreaReplaceStore", "AreaRow", "replacement_rows"]

#: (multipolygon, code, name, level, parent_code), as :func:`area_rows` gives them.
AreaRow = tuple[MultiPolygon, str, str, str, str | None]


@runtime_checkable
class AreaReplaceStore(Store, Protocol):
    """A store that can replace areas by code."""

    def replace_areas(self, areas: gpd.GeoDataFrame, *, user: str) -> tuple[int, int]:
        """Insert new codes and replace the stored ones (one transaction): (new, replaced)."""
        ...


def replacement_rows(
    areas: gpd.GeoDataFrame, stored: gpd.GeoDataFrame
) -> tuple[list[AreaRow], list[AreaRow]]:
    """Validated rows split into (to insert, to update); every problem raised at once."""
    level_of = dict(zip(stored["code"].astype(str), stored["level"].astype(str), strict=True))
    incoming = set(areas["code"].astype(str))
    problems = [
        Problem(i, "level", str(level), f"koden {code} finns redan som {level_of[str(code)]}")
        for i, (code, level) in enumerate(zip(areas["code"], areas["level"], strict=True), 1)
        if str(code) in level_of and level_of[str(code)] != str(level)
    ]
    if problems:
        raise ValidationError(problems, "Områdena kan inte ersättas")
    rows = area_rows(areas, set(level_of) - incoming)
    new = [r for r in rows if r[1] not in level_of]
    old = [r for r in rows if r[1] in level_of]
    return new, old
