"""AppTest smoke tests: every page × role × mode renders without an exception."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role, visible_pages
from est_geo.demo.bootstrap import create_demo_database
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=5_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture
def app_env(point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str) -> pytest.MonkeyPatch:
    """A clean environment and empty Streamlit caches for each test."""
    return point_app(demo_db)


def _run(role: Role | None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if role is not None:
        at.session_state["est_geo_role"] = role.value
    at.run()
    if page is not None:
        at.switch_page(str(ROOT / PAGE_FILES[page][0]))
        at.run()
    return at


INTERNAL_CASES = [(r, p) for r in Role for p in visible_pages(r, public_mode=False)]


@pytest.mark.parametrize(("role", "page"), INTERNAL_CASES)
def test_internal_pages_render(app_env: pytest.MonkeyPatch, role: Role, page: str) -> None:
    at = _run(role, page)
    assert not at.exception, at.exception
    assert any("Demodata – fiktiva händelser" in w.value for w in at.warning)
    assert at.title


@pytest.mark.parametrize("role", list(Role))
def test_public_mode_has_only_public_pages(app_env: pytest.MonkeyPatch, role: Role) -> None:
    app_env.setenv("EST_GEO_MODE", "public")
    at = _run(role)
    assert not at.exception
    assert at.title[0].value == "Läget i området"
    text = " ".join(m.value for m in at.markdown)
    assert "händelser visas" not in text
    # A gated page cannot be reached: it is not registered, so switching fails.
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(ROOT / PAGE_FILES["karta"][0])).run()


def test_karta_default_shows_counts(app_env: pytest.MonkeyPatch) -> None:
    at = _run(None)  # demo data: starts as analyst on the map
    assert not at.exception
    assert at.title[0].value == "Karta"
    assert any("händelser visas" in m.value for m in at.markdown)
    # Changing the period filter reruns without error and changes the count text.
    before = next(m.value for m in at.markdown if "händelser visas" in m.value)
    at.sidebar.selectbox(key="f_period").set_value("ar").run()
    after = next(m.value for m in at.markdown if "händelser visas" in m.value)
    assert not at.exception and before != after


def test_bad_config_shows_message_not_traceback(app_env: pytest.MonkeyPatch) -> None:
    app_env.setenv("EST_GEO_MODE", "hemligt")
    at = _run(None)
    assert not at.exception
    assert any("Felaktig konfiguration" in e.value for e in at.error)


def test_missing_database_shows_message(app_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    app_env.setenv("EST_GEO_DATABASE_URL", str(tmp_path / "saknas.gpkg"))
    at = _run(None)
    assert not at.exception
    assert any("finns inte" in e.value for e in at.error)
    assert not (tmp_path / "saknas.gpkg").exists()


def test_corrupt_database_shows_message(app_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "trasig.gpkg"
    bad.write_bytes(b"garbage" * 50)
    app_env.setenv("EST_GEO_DATABASE_URL", str(bad))
    at = _run(None)
    assert not at.exception
    assert any("skadad" in e.value or "inte en EST Geo" in e.value for e in at.error)
    assert bad.read_bytes() == b"garbage" * 50


@pytest.mark.parametrize(("role", "page"), [(Role.MEDLEM, "data"), (Role.PUBLIC, "karta")])
def test_page_refuses_a_role_even_when_run_directly(
    app_env: pytest.MonkeyPatch, role: Role, page: str
) -> None:
    """Defence in depth: a page run without the navigation still checks the role."""
    at = AppTest.from_file(str(ROOT / PAGE_FILES[page][0]), default_timeout=60)
    at.session_state["est_geo_role"] = role.value
    if role is Role.PUBLIC:
        at.session_state["est_geo_demo_logged_out"] = True
    at.run()
    assert not at.exception
    assert any("behörighet" in e.value for e in at.error)
    assert not at.title


@pytest.mark.parametrize("page", ["login", "admin"])
def test_no_deprecated_streamlit_arguments(
    app_env: pytest.MonkeyPatch, page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No page logs Streamlit deprecation warnings (``use_container_width`` et al.)."""
    from streamlit import deprecation_util

    logged: list[str] = []
    monkeypatch.setattr(deprecation_util._LOGGER, "warning", lambda msg, *a: logged.append(msg))
    if page == "login":
        at = AppTest.from_file(APP, default_timeout=60)
        at.session_state["est_geo_demo_logged_out"] = True
        at.run()
        assert any(b.label.startswith("Demokonto:") for b in at.button), at.button
    else:
        at = _run(Role.ADMIN, page)
    assert not at.exception, at.exception
    assert logged == []


def test_public_area_table_is_sorted_by_count(app_env: pytest.MonkeyPatch) -> None:
    """Läget i området lists areas with the most incidents first and the suppressed ones
    ("färre än k") last (issue 15 item 4); before, they came in the store's order."""
    app_env.setenv("EST_GEO_MODE", "public")
    at = _run(None)
    assert not at.exception, at.exception
    table = at.table[0].value
    shown = [str(v).replace("\u00a0", "") for v in table.iloc[:, 1]]  # "1 620" → "1620"
    published = [int(v) for v in shown if v.isdigit()]
    assert len(published) >= 3
    assert published == sorted(published, reverse=True)
    suppressed = [not v.isdigit() for v in shown]
    assert suppressed == sorted(suppressed), shown  # every "färre än k" after the counts


def test_internal_server_skips_the_full_collection_after_each_run(
    app_env: pytest.MonkeyPatch,
) -> None:
    """An internal run does not end in ``gc.collect(2)`` either (issue 18: a third of the
    script threads' samples in py-spy of returning Hotspots visits on 1M incidents, three
    runs a visit); the public server's own test is in ``test_public_page.py``."""
    from streamlit import config as streamlit_config

    before = streamlit_config.get_option("runner.postScriptGC")
    try:
        streamlit_config.set_option("runner.postScriptGC", True)
        at = _run(Role.ANALYTIKER)
        assert not at.exception, at.exception
        assert streamlit_config.get_option("runner.postScriptGC") is False
    finally:
        streamlit_config.set_option("runner.postScriptGC", before)
