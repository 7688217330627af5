"""The app on PostGIS: it starts, the map renders, and every page works for an admin.

The database is made the way a municipality would: an empty PostgreSQL database (with
PostGIS) filled by the real command line, ``python -m est_geo demo --db postgresql://…``,
then the app is pointed at it with ``EST_GEO_DATABASE_URL`` alone. The same demo as a
GeoPackage, made by the same command, must give the map the same counts.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role, visible_pages
from est_geo.store.postgis import close_all_pools
from tests.conftest import ThrowawayCluster
from ui.page_files import PAGE_FILES

pytestmark = pytest.mark.postgis

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEMO = ["--incidents", "3000", "--seed", "5", "--end-date", "2026-11-01"]


def _cli_demo(db: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "est_geo", "demo", "--db", db, *DEMO],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "3000 händelser" in done.stdout


@pytest.fixture(scope="module")
def pg_demo(postgis_cluster: ThrowawayCluster) -> Iterator[str]:
    """A PostgreSQL demo database made by ``est-geo demo`` in a separate process."""
    url = postgis_cluster.new_database()
    _cli_demo(url)
    try:
        yield url
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)


@pytest.fixture(scope="module")
def gpkg_demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same demo as a GeoPackage, for comparing what the map shows."""
    path = str(tmp_path_factory.mktemp("app-pg") / "demo.gpkg")
    _cli_demo(path)
    return path


@pytest.fixture
def app_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No basemap, empty Streamlit caches before and after (stores are cached per URL)."""
    monkeypatch.setenv("EST_GEO_TILE_URL", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield monkeypatch
    st.cache_resource.clear()
    st.cache_data.clear()


def _run(db: str, env: pytest.MonkeyPatch, role: Role | None, page: str | None = None) -> AppTest:
    env.setenv("EST_GEO_DATABASE_URL", db)
    at = AppTest.from_file(APP, default_timeout=90)
    if role is not None:
        at.session_state["est_geo_role"] = role.value
    at.run()
    if page is not None:
        at.switch_page(str(ROOT / PAGE_FILES[page][0]))
        at.run()
    return at


def _count_text(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "händelser visas" in m.value)


def test_karta_renders_on_postgis_as_on_gpkg(
    pg_demo: str, gpkg_demo: str, app_env: pytest.MonkeyPatch
) -> None:
    at = _run(pg_demo, app_env, None)  # demo data: starts as analyst on the map
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    assert at.title[0].value == "Karta"
    assert any("Demodata – fiktiva händelser" in w.value for w in at.warning)
    on_postgis = _count_text(at)
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    assert not at.exception and _count_text(at) != on_postgis
    year_on_postgis = _count_text(at)

    st.cache_resource.clear()
    st.cache_data.clear()
    at = _run(gpkg_demo, app_env, None)
    assert _count_text(at) == on_postgis
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    assert _count_text(at) == year_on_postgis


@pytest.mark.parametrize("page", visible_pages(Role.ADMIN, public_mode=False))
def test_every_admin_page_renders_on_postgis(
    pg_demo: str, app_env: pytest.MonkeyPatch, page: str
) -> None:
    at = _run(pg_demo, app_env, Role.ADMIN, page)
    assert not at.exception, at.exception
    assert at.title


def test_public_mode_on_postgis_is_read_only(pg_demo: str, app_env: pytest.MonkeyPatch) -> None:
    app_env.setenv("EST_GEO_MODE", "public")
    at = _run(pg_demo, app_env, None)
    assert not at.exception, at.exception
    assert at.title[0].value == "Läget i området"


def test_empty_postgis_database_shows_what_to_run(
    postgis_cluster: ThrowawayCluster, app_env: pytest.MonkeyPatch
) -> None:
    url = postgis_cluster.new_database()
    try:
        at = _run(url, app_env, None)
        assert not at.exception
        errors = " ".join(e.value for e in at.error).replace("\\", "")  # markdown escapes
        assert "har inga EST Geo-tabeller" in errors and "est-geo demo --db" in errors, errors
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)
