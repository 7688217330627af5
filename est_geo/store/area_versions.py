"""Versions of SCB's divisions side by side, and one delivery replaced all or nothing.

SCB revises DeSO and RegSO as a whole (DeSO 2018 → 2025), and the versions share most
codes with different shapes. A stored area is therefore identified by (level, code,
version year) (schema 10); an area without a version (a file import, a hand-drawn area)
has version :data:`~est_geo.core.model.UNVERSIONED`. Which version is shown is one
choice, the DeSO version (:func:`~est_geo.core.model.level_version` gives the RegSO
version that belongs with it), so a map, its roll-up and its key never mix versions.

A fetched delivery (one municipality, level and version) replaces the stored areas of
that municipality, level and version in one transaction
(:meth:`AreaDeliveryStore.replace_area_delivery`): codes delivered again get the new
shape, name and parent in place (indicator values stay keyed to them), new codes are
added, codes SCB no longer delivers are removed, and the delivery's record (version
year, source address, fetch date) and its DeSO → RegSO pairs are written in the same
transaction. A municipality's DeSO and RegSO codes begin with its four-digit code
(``0581A0010``, ``0581R001``), which scopes the removal to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import geopandas as gpd
import pandas as pd
from shapely.geometry import MultiPolygon

from est_geo.core.errors import EstGeoError, Problem, ValidationError, keyed_error
from est_geo.core.model import VERSIONED_LEVELS
from est_geo.store.base import Store
from est_geo.store.common import area_rows

__all__ = [
    "DELIVERY_COLUMNS",
    "AreaDelivery",
    "AreaDeliveryStore",
    "AreaRow",
    "DeliveryResult",
    "replacement_rows",
]

#: (multipolygon, code, name, level, parent_code), as :func:`area_rows` gives them.
AreaRow = tuple[MultiPolygon, str, str, str, str | None]
#: Columns of :meth:`AreaDeliveryStore.area_deliveries`.
DELIVERY_COLUMNS = ("level", "version", "kommun", "source_url", "fetched_at", "areas")


@dataclass(frozen=True)
class AreaDelivery:
    """One fetched delivery: the areas of one municipality, level and version.

    ``key`` holds the DeSO → RegSO pairs of a DeSO delivery (``child_code``,
    ``parent_code``, ``parent_name``), stored under the DeSO version.
    """

    areas: gpd.GeoDataFrame
    level: str
    version: int
    kommun: str
    source_url: str
    fetched_at: str
    key: pd.DataFrame | None = None

    def problems(self) -> list[Problem]:
        """What makes the delivery unstorable before anything is read or written."""
        out: list[Problem] = []
        if self.level not in VERSIONED_LEVELS:
            out.append(Problem.keyed(None, "level", self.level, "scb.delivery.not_versioned"))
        if self.version <= 0:
            out.append(Problem.keyed(None, "version", str(self.version), "scb.delivery.no_year"))
        if not (len(self.kommun) == 4 and self.kommun.isdigit()):
            out.append(Problem.keyed(None, "kommun", self.kommun, "scb.delivery.kommun"))
        if len(self.areas) and set(self.areas["level"].astype(str)) != {self.level}:
            out.append(Problem.keyed(None, "level", self.level, "scb.delivery.other_level"))
        outside = [c for c in self.areas["code"].astype(str) if not c.startswith(self.kommun)]
        out += [
            Problem.keyed(None, "code", c, "scb.delivery.outside", kommun=self.kommun)
            for c in outside
        ]
        return out


@dataclass(frozen=True)
class DeliveryResult:
    """What :meth:`AreaDeliveryStore.replace_area_delivery` wrote."""

    inserted: int
    replaced: int
    removed: tuple[str, ...]
    key_rows: int


@runtime_checkable
class AreaDeliveryStore(Store, Protocol):
    """A store that keeps versioned SCB deliveries."""

    def replace_area_delivery(self, delivery: AreaDelivery, *, user: str) -> DeliveryResult:
        """Replace the stored areas of the delivery's municipality, level and version,
        its key pairs and its record, in one transaction."""
        ...

    def area_deliveries(self) -> pd.DataFrame:
        """The recorded deliveries (:data:`DELIVERY_COLUMNS`), newest version first."""
        ...

    def area_versions(self) -> list[int]:
        """The DeSO versions stored (areas, values or keys), newest first; 0 = none."""
        ...

    def newest_area_version(self) -> int:
        """The newest DeSO version among the stored DeSO/RegSO areas (0 if none)."""
        ...

    def area_codes(self, level: str, version: int) -> set[str]:
        """The stored codes of one level and version, read without their shapes."""
        ...


def check_delivery(delivery: AreaDelivery) -> None:
    """Refuse a malformed delivery (every problem at once); nothing is written."""
    if problems := delivery.problems():
        raise ValidationError(problems, key="scb.delivery.refused")


def replacement_rows(
    areas: gpd.GeoDataFrame, stored: set[str], parents: set[str]
) -> tuple[list[AreaRow], list[AreaRow]]:
    """Validated rows split into (to insert, to update).

    ``stored`` holds the codes of the stored areas of the same level and version;
    ``parents`` the codes a parent may name (the RegSO of the same division). Every
    problem is raised at once.
    """
    rows = area_rows(areas, parents - set(areas["code"].astype(str)))
    new = [r for r in rows if r[1] not in stored]
    old = [r for r in rows if r[1] in stored]
    return new, old


def removed_codes(stored: set[str], areas: gpd.GeoDataFrame, kommun: str) -> list[str]:
    """The municipality's stored codes (of ``stored``) the delivery no longer has (to be
    removed)."""
    incoming = set(areas["code"].astype(str))
    return sorted(c for c in stored if c.startswith(kommun) and c not in incoming)


def refuse_unknown_store(store: Store) -> AreaDeliveryStore:
    """The store as an :class:`AreaDeliveryStore`, or a clear error."""
    if not isinstance(store, AreaDeliveryStore):
        raise keyed_error(EstGeoError, "scb.delivery.no_versions")
    return store
