"""Cached reads from the store for pages (keyed by database URL and data version)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from est_geo.store import IncidentQuery
from ui import context


@st.cache_data(ttl=60, show_spinner=False, max_entries=64)
def _incidents(url: str, query: IncidentQuery) -> pd.DataFrame:
    return context.store().incidents(query)


def incidents(query: IncidentQuery) -> pd.DataFrame:
    """Incidents for ``query`` (cached for a minute per query)."""
    return _incidents(context.config().database_url, query)


@st.cache_data(ttl=300, show_spinner=False)
def _areas(url: str) -> gpd.GeoDataFrame:
    return context.store().areas()


def areas() -> gpd.GeoDataFrame:
    """All areas in EPSG:3006 (cached)."""
    return _areas(context.config().database_url)


def clear_areas() -> None:
    """Forget the cached areas (after an area import)."""
    _areas.clear()
