"""Storage: the :class:`Store` contract and :func:`open_store`, which picks a backend by URL.

A file path (or ``sqlite:///``, ``gpkg:``) selects the embedded GeoPackage store; a
``postgresql://`` URL selects the shared PostGIS store. The PostGIS module is imported
only when such a URL is used, so the embedded path never needs the database driver.
"""

from __future__ import annotations

from est_geo.store.base import ImportResult, IncidentQuery, Store, StoreInfo
from est_geo.store.gpkg import GeoPackageStore
from est_geo.store.urls import is_postgres_url, path_of

__all__ = [
    "ImportResult",
    "IncidentQuery",
    "Store",
    "StoreInfo",
    "create_store",
    "is_postgres_url",
    "open_store",
    "path_of",
]


def open_store(url: str, *, read_only: bool = False) -> Store:
    """Open an existing database; never creates or replaces one implicitly."""
    if is_postgres_url(url):
        from est_geo.store.postgis import PostGISStore

        return PostGISStore.open(url, read_only=read_only)
    return GeoPackageStore.open(path_of(url), read_only=read_only)


def create_store(url: str) -> Store:
    """Create a new, empty database (refuses to overwrite)."""
    if is_postgres_url(url):
        from est_geo.store.postgis import PostGISStore

        return PostGISStore.create(url)
    return GeoPackageStore.create(path_of(url))
