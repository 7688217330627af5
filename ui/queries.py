"""Cached reads from the store for pages.

Incidents come from one in-memory copy of their analysis columns per process
(:mod:`est_geo.store.columns`), shared by every session and reloaded when the store's
data stamp changes; areas are cached per database URL.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import CategoryTree
from est_geo.hotspots.run import HotspotRequest, HotspotRun, run_request
from est_geo.store import IncidentQuery, StoreInfo
from est_geo.store.columns import IncidentColumns, Selection, incident_columns
from ui import context


def columns() -> IncidentColumns:
    """Every incident's analysis columns: one copy per process, never per session.

    Kept by :func:`est_geo.store.columns.incident_columns` (keyed by URL and data stamp,
    so a write by anyone is seen on the next run), not by ``st.cache_data``, which
    would hand each session its own unpickled copy.
    """
    return incident_columns(context.store())


def selection(query: IncidentQuery, *, within: BaseGeometry | None = None) -> Selection:
    """The incidents matching ``query`` (and inside ``within``) for counting."""
    return columns().select(query, within=within)


def incidents(query: IncidentQuery) -> pd.DataFrame:
    """Incidents for ``query`` as a frame (x, y, occurred_at, has_time, category, actor,
    precision), built from the shared columns (no store read)."""
    return selection(query).frame()


@st.cache_resource(max_entries=4, ttl=900, show_spinner=False)
def _hotspot_run(key: str, _request: HotspotRequest, _tree: CategoryTree) -> HotspotRun:
    return run_request(_request, fetch=incidents, tree=_tree)


def hotspot_run(request: HotspotRequest, tree: CategoryTree) -> HotspotRun:
    """One Hotspots analysis, shared by every session that asks for it on the same data.

    Why: a session keeps its run alive until it ends (the download buttons' deferred
    exports hold the layer: about 40 MB for a municipality's Gi* at 100 m), so ten
    sessions held ten copies; shared, it is one per view, and the next visitor of a
    shared link does not compute it again. Keyed by database, data stamp, request and
    category tree; the result must not be changed by its callers.
    """
    key = f"{context.config().database_url}|{columns().stamp}|{request!r}|{tree!r}"
    return _hotspot_run(key, request, tree)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store_info(url: str, stamp: str) -> StoreInfo:
    return context.store().info()


def store_info(stamp: str) -> StoreInfo:
    """The store's counts, version and CRS, read once per data change for every session.

    Why cached: :meth:`~est_geo.store.base.Store.info` counts every table's rows, 0.12 s
    of CPU on a million incidents, and the Om page (on the public site too) asked for it
    on every visit: 0.15 s of server CPU a visit, against 0.06 s for Läget i området
    (issue 18, the peer of ``bench/bench_public_crowd.py``). ``stamp`` is the run's
    :func:`ui.public_data.change_stamp`: it changes with the incidents and with every
    write through EST Geo (areas, interventions). Callers must not modify the result.
    """
    return _store_info(context.config().database_url, stamp)


@st.cache_data(ttl=300, show_spinner=False)
def _areas(url: str) -> gpd.GeoDataFrame:
    return context.store().areas()


def areas() -> gpd.GeoDataFrame:
    """All areas in EPSG:3006 (cached)."""
    return _areas(context.config().database_url)


#: How many times this process has forgotten its cached areas (:func:`clear_areas`).
_areas_generation = 0


def areas_generation() -> int:
    """A number that changes when the areas are read anew after an import: part of the
    key of anything cached from them (the Lägesbild), so that an import is seen on the
    next run without re-reading or hashing the areas on every run."""
    return _areas_generation


def clear_areas() -> None:
    """Forget the cached areas (after an area import), and what was drawn from them."""
    global _areas_generation
    _areas.clear()
    _areas_generation += 1
