"""Storage: the :class:`Store` contract and :func:`open_store`, which picks a backend by URL."""

from __future__ import annotations

from pathlib import Path

from est_geo.errors import StoreError
from est_geo.store.base import ImportResult, IncidentQuery, Store, StoreInfo
from est_geo.store.gpkg import GeoPackageStore

__all__ = [
    "ImportResult",
    "IncidentQuery",
    "Store",
    "StoreInfo",
    "create_store",
    "open_store",
    "path_of",
]


def path_of(url: str) -> Path:
    """File path of an embedded-store URL (``sqlite:///path``, ``gpkg:path`` or a plain path)."""
    for prefix in ("sqlite:///", "gpkg:///", "gpkg:", "file://"):
        if url.startswith(prefix):
            return Path(url[len(prefix) :])
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"Databastypen '{scheme}' stöds inte ännu. Använd en filsökväg "
            "(inbyggd GeoPackage-databas)."
        )
    return Path(url)


def open_store(url: str, *, read_only: bool = False) -> Store:
    """Open an existing database; never creates or replaces one implicitly."""
    return GeoPackageStore.open(path_of(url), read_only=read_only)


def create_store(url: str) -> Store:
    """Create a new, empty database (refuses to overwrite)."""
    return GeoPackageStore.create(path_of(url))
