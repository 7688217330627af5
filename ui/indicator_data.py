"""Cached indicator data for the Indikatorer page: catalogue, stored and derived values.

Values of DeSO are rolled up to RegSO here when the store holds a DeSO → RegSO key
(:mod:`est_geo.indicators.rollup`), with RegSO polygons made from DeSO polygons where
none were imported. The derived rate (reports per 1,000 inhabitants) is then computed
from incidents for every area, made ones included, once per database and minute; in
public mode the rate rests on the published report count (rounded to a multiple of
``min_public_count``, blanked below it: :func:`est_geo.indicators.derived.published_rates`)
before it reaches the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import geopandas as gpd
import pandas as pd
import streamlit as st

from est_geo.core.model import (
    DEFAULT_INDICATORS,
    UNVERSIONED,
    AreaLevel,
    IndicatorDefinition,
)
from est_geo.indicators.derived import (
    covered_periods,
    incident_counts,
    published_rates,
    rate_per_1000,
)
from est_geo.indicators.join import periods_of
from est_geo.indicators.rollup import Rollup, RollupNote, key_from_frame, roll_up
from est_geo.indicators.versions import shown_version, values_of_version
from est_geo.store import IncidentQuery, Store
from est_geo.store.area_keys import AreaKeyStore
from est_geo.store.area_versions import AreaDeliveryStore
from ui import context, queries


@dataclass(frozen=True)
class IndicatorData:
    """Everything the page draws from: definitions, values (stored + derived)."""

    definitions: list[IndicatorDefinition]
    values: pd.DataFrame
    #: (area_code, period) pairs of the derived rate blanked for the public (< k reports).
    suppressed: frozenset[tuple[str, str]]
    #: Periods for which the rate is computed (complete periods of incident data).
    derived_periods: tuple[str, ...]
    #: Stored areas plus RegSO polygons made from DeSO polygons by the stored key.
    areas: gpd.GeoDataFrame
    #: (indicator_key, area_code, period) of values rolled up from DeSO, not stored.
    rolled: frozenset[tuple[str, str, str]]
    #: Parents left without a rolled-up value, and why.
    rollup_notes: tuple[RollupNote, ...]


def _rollup(
    store: Store,
    values: pd.DataFrame,
    definitions: list[IndicatorDefinition],
    areas: gpd.GeoDataFrame,
    version: int,
) -> Rollup | None:
    """DeSO values rolled up the stored DeSO → RegSO key of the same DeSO version, or
    None without one."""
    if not isinstance(store, AreaKeyStore):
        return None
    stored = store.area_key(
        child_level=AreaLevel.DESO.value, parent_level=AreaLevel.REGSO.value, version=version
    )
    if stored.empty:
        return None
    key = key_from_frame(stored)
    return roll_up(values, definitions, key, areas=areas, parent_level=AreaLevel.REGSO.value)


@st.cache_data(ttl=60, show_spinner=False)
def _load(url: str, public: bool, k: int, version: int | None) -> IndicatorData:
    store = context.store()
    definitions = store.indicator_definitions() or list(DEFAULT_INDICATORS)
    chosen = version if version is not None else shown_version(store)
    areas = store.areas(version=chosen)
    # One DeSO version throughout: its areas, its values, its key (nothing mixed).
    values = values_of_version(store.indicator_values(), chosen).drop(columns="area_version")
    values["area_code"] = values["area_code"].astype(str)
    values["period"] = values["period"].astype(str)
    rolled: frozenset[tuple[str, str, str]] = frozenset()
    notes: tuple[RollupNote, ...] = ()
    rollup = _rollup(store, values, definitions, areas, chosen)
    if rollup is not None:
        if not rollup.areas.empty:
            areas = gpd.GeoDataFrame(
                pd.concat([areas, rollup.areas.to_crs(areas.crs)], ignore_index=True),
                crs=areas.crs,
            )
        rolled = frozenset(
            zip(
                rollup.values["indicator_key"],
                rollup.values["area_code"],
                rollup.values["period"],
                strict=True,
            )
        )
        notes = rollup.notes
        values = pd.concat([values, rollup.values], ignore_index=True)
    suppressed: frozenset[tuple[str, str]] = frozenset()
    derived_periods: list[str] = []
    lo, hi = store.info().incident_range
    keys = {d.key for d in definitions}
    if lo and hi and "rapporter_per_1000" in keys:
        first, last = datetime.fromisoformat(lo).date(), datetime.fromisoformat(hi).date()
        derived_periods = covered_periods(periods_of(values, "befolkning"), first, last)
    if derived_periods:
        incidents = queries.incidents(
            IncidentQuery(start=date.fromisoformat(f"{min(derived_periods)[:4]}-01-01"))
        )
        counts = incident_counts(incidents, areas, derived_periods)
        rates = rate_per_1000(counts, values).values
        if public:
            rates = published_rates(rates, k=k)
            mask = rates["suppressed"].to_numpy(bool)
            suppressed = frozenset(
                zip(rates.loc[mask, "area_code"], rates.loc[mask, "period"], strict=True)
            )
            rates = rates.drop(columns="suppressed")
        values = pd.concat([values, rates], ignore_index=True)
    return IndicatorData(
        definitions, values, suppressed, tuple(derived_periods), areas, rolled, notes
    )


def versions() -> list[int]:
    """The DeSO versions a user can pick on the Indikatorer page, newest first."""
    store = context.store()
    return store.area_versions() if isinstance(store, AreaDeliveryStore) else [UNVERSIONED]


def load(version: int | None = None) -> IndicatorData:
    """Indicator data of one DeSO version (default the newest) for the configured
    database and mode."""
    cfg = context.config()
    return _load(cfg.database_url, cfg.public, cfg.min_public_count, version)


def clear() -> None:
    """Forget cached indicator data (after a catalogue edit)."""
    _load.clear()
