"""Which backend a database URL selects, and the file path of an embedded one.

Separate from :mod:`est_geo.store` so that a backend module can read URLs without
importing the package that opens backends (which would make an import cycle).
"""

from __future__ import annotations

from pathlib import Path

from est_geo.core.errors import StoreError, keyed_error

_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(url: str) -> bool:
    """True when ``url`` selects the PostGIS backend (``postgresql://…``)."""
    return url.startswith(_POSTGRES_SCHEMES)


def path_of(url: str) -> Path:
    """File path of an embedded-store URL (``sqlite:///path``, ``gpkg:path`` or a plain path)."""
    for prefix in ("sqlite:///", "gpkg:///", "gpkg:", "file://"):
        if url.startswith(prefix):
            return Path(url[len(prefix) :])
    if is_postgres_url(url):
        raise keyed_error(StoreError, "store.error.no_file_path")
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise keyed_error(StoreError, "store.error.unsupported_scheme", scheme=scheme)
    return Path(url)
