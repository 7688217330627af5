"""The project root the library derives from its own file must be the checkout's root.

Moving config.py into est_geo/core/ once left PROJECT_ROOT at est_geo/: the default
database went to est_geo/data/ and the self-hosted basemap was published where Streamlit
does not serve it (404 for every tile).
"""

from __future__ import annotations

from pathlib import Path

from est_geo.core.config import DEFAULT_DATABASE_PATH, PROJECT_ROOT
from est_geo.maps.basemap import STATIC_DIR

CHECKOUT = Path(__file__).resolve().parent.parent


def test_project_root_is_the_folder_of_app_py() -> None:
    assert PROJECT_ROOT == CHECKOUT
    assert (PROJECT_ROOT / "app.py").is_file()


def test_default_database_and_static_folder_sit_at_the_root() -> None:
    assert DEFAULT_DATABASE_PATH == CHECKOUT / "data" / "est_geo.gpkg"
    assert STATIC_DIR == CHECKOUT / "static"
    assert (STATIC_DIR / "vendor").is_dir() or any(STATIC_DIR.iterdir())
