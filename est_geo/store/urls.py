"""Which backend a database URL selects, and the file path of an embedded one.

Separate from :mod:`est_geo.store` so that a backend module can read URLs without
importing the package that opens backends (which would make an import cycle).
"""

from __future__ import annotations

from pathlib import Path

from est_geo.core.errors import StoreError

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
        raise StoreError("En PostgreSQL-databas har ingen filsökväg (den är en server).")
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreError(
            f"Databastypen '{scheme}' stöds inte. Använd en filsökväg (inbyggd "
            "GeoPackage-databas) eller postgresql://… (delad PostGIS-databas)."
        )
    return Path(url)
