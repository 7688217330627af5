"""Indicator values of one DeSO version, so no join or roll-up mixes two versions.

Values carry the version of the areas they belong to (``area_version``, schema 10): a
DeSO 2018 value and a DeSO 2025 value of the same code are values of two different
areas. The Indikatorer page shows one DeSO version at a time (the newest stored unless
the user picks another) and keeps the values of that version's DeSO and RegSO
(:func:`~est_geo.core.model.level_version`). Values without a version belong to areas
without one: those of DeSO/RegSO codes to the unversioned division, kept only when it is
the one chosen; those of other areas (a municipality, an own area), which SCB does not
revise, always.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from est_geo.core.model import UNVERSIONED, AreaLevel, level_version
from est_geo.indicators.codes import DESO_PATTERN, REGSO_PATTERN
from est_geo.store import Store
from est_geo.store.area_versions import AreaDeliveryStore

__all__ = ["area_versions_of", "shown_version", "values_of_version"]


def _scb_code(code: str) -> bool:
    return bool(DESO_PATTERN.match(code) or REGSO_PATTERN.match(code))


def values_of_version(values: pd.DataFrame, deso_version: int) -> pd.DataFrame:
    """The rows of ``values`` that belong with DeSO version ``deso_version``.

    A frame without ``area_version`` (values from before schema 10) counts as
    unversioned throughout.
    """
    versions = (
        values["area_version"].astype(int)
        if "area_version" in values.columns
        else pd.Series(UNVERSIONED, index=values.index)
    )
    wanted = {
        level_version(AreaLevel.DESO.value, deso_version),
        level_version(AreaLevel.REGSO.value, deso_version),
    }
    scb = values["area_code"].astype(str).map(_scb_code).astype(bool)
    keep = versions.isin(wanted) | ((versions == UNVERSIONED) & ~scb)
    return values.loc[keep].reset_index(drop=True)


def shown_version(store: Store) -> int:
    """The DeSO version shown unless another is picked: that of the newest stored DeSO
    or RegSO areas (0, "without a version", when none has one)."""
    return store.newest_area_version() if isinstance(store, AreaDeliveryStore) else UNVERSIONED


def area_versions_of(codes: Iterable[str], deso_version: int) -> list[int]:
    """The version of each code's area in DeSO version ``deso_version``: a DeSO code
    that of the DeSO, a RegSO code that of the RegSO built on it, any other code none.

    A file of values or a key file names no version; it is stored under the version
    shown, the one its join report was made against, so what the report promised is
    what the Indikatorer page then draws.
    """
    deso = level_version(AreaLevel.DESO.value, deso_version)
    regso = level_version(AreaLevel.REGSO.value, deso_version)
    return [
        deso if DESO_PATTERN.match(c) else regso if REGSO_PATTERN.match(c) else UNVERSIONED
        for c in (str(code) for code in codes)
    ]
