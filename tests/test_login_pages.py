"""Login, logout, expiry, demo accounts, OIDC role mapping and the admin page (AppTest).

Real-data tests use a small non-demo database with local accounts, so no demo account
can exist there; demo tests use the session demo database of the smoke tests.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from est_geo.access import accounts as auth
from est_geo.access.roles import PAGES, Role, allowed, visible_pages
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import create_store, open_store
from est_geo.store.base import UserStore
from tests.conftest import small_areas, small_incidents
from tests.english import swedish_words
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PASSWORD = "ett långt lösenord"
ROLE_USERS = {Role.MEDLEM: "medlem1", Role.ANALYTIKER: "analys1", Role.ADMIN: "admin1"}


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("real") / "real.gpkg"
    store = create_store(str(path))
    store.add_areas(small_areas(), user="test")
    store.add_incidents(small_incidents(30, start="2026-10-01"), user="test")
    assert isinstance(store, UserStore)
    for role, name in ROLE_USERS.items():
        auth.create_user(store, name, role=role, password=PASSWORD, actor="test")
    auth.create_user(store, "eva@kommun.se", role="admin", password=None, actor="test")
    return str(path)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=2_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("EST_GEO_TILE_URL", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield monkeypatch
    st.cache_resource.clear()
    st.cache_data.clear()


def _app(db: str, env: pytest.MonkeyPatch) -> AppTest:
    env.setenv("EST_GEO_DATABASE_URL", db)
    return AppTest.from_file(APP, default_timeout=60)


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [w.value for w in at.warning]
    return "\n".join(str(p) for p in parts)


def _login(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click()  # the form's submit button
    return at.run()


def _buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def _sidebar_text(at: AppTest) -> str:
    return " ".join(str(t.value) for t in at.get("text"))


# ------------------------------------------------------------------ real data, local


def test_real_data_starts_on_login_without_demo_accounts(
    real_db: str, env: pytest.MonkeyPatch
) -> None:
    at = _app(real_db, env).run()
    assert not at.exception
    assert at.title[0].value == "Logga in"
    assert not any("Demokonto" in label for label in _buttons(at))
    assert "Demokonto" not in _texts(at)


def test_wrong_password_then_login(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _login(_app(real_db, env).run(), "analys1", "fel lösenord 123")
    assert not at.exception
    assert any("Fel användarnamn eller lösenord" in e.value for e in at.error)
    assert at.title[0].value == "Logga in"
    assert "login_password" not in at.session_state or not at.session_state["login_password"]

    at = _login(at, "analys1", PASSWORD)
    assert not at.exception
    assert at.title[0].value == "Karta"
    assert at.session_state["est_geo_session"]["username"] == "analys1"


def test_sidebar_shows_user_and_logout_ends_session(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _app(real_db, env)
    _session(at, Role.ANALYTIKER)
    at.run()
    assert "analys1 (Analytiker)" in _sidebar_text(at)
    assert at.sidebar.button(key="auth_logout").label == "Logga ut"
    # What the button's callback does (AppTest reruns only the map fragment on map pages,
    # so the click itself is exercised in the browser test).
    at2 = _app(real_db, env)
    _session(at2, Role.ANALYTIKER)
    at2.session_state["est_geo_logout_requested"] = True
    at2.run()
    assert not at2.exception
    assert at2.title[0].value == "Logga in"
    assert "est_geo_session" not in at2.session_state


def test_session_expires(real_db: str, env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_SESSION_HOURS", "8")
    at = _app(real_db, env)
    at.session_state["est_geo_session"] = {
        "username": "admin1",
        "login_at": time.time() - 8 * 3600 - 5,
        "method": "local",
    }
    at.run()
    assert not at.exception
    assert at.title[0].value == "Logga in"
    assert any("gått ut" in w.value for w in at.warning)


def test_disabled_account_is_logged_out_at_once(real_db: str, env: pytest.MonkeyPatch) -> None:
    store = open_store(real_db)
    assert isinstance(store, UserStore)
    auth.disable_user(store, "medlem1", actor="test", actor_role=Role.ADMIN)
    try:
        at = _app(real_db, env)
        _session(at, Role.MEDLEM)  # a session that started before the account was disabled
        at.run()
        assert at.title[0].value == "Logga in"
        assert any("avstängt" in w.value for w in at.warning)
        assert "est_geo_session" not in at.session_state
    finally:
        auth.disable_user(store, "medlem1", actor="test", actor_role=Role.ADMIN, disabled=False)


def test_session_bound_to_a_browser_is_not_used_without_its_cookie(
    real_db: str, env: pytest.MonkeyPatch
) -> None:
    """Issue 14 item 6: a login made in a browser (bound to its XSRF cookie) is worth
    nothing on a connection without that cookie, e.g. a leaked session id replayed."""
    at = _app(real_db, env)
    at.session_state["est_geo_session"] = {
        "username": "analys1",
        "login_at": time.time(),
        "method": "local",
        "browser": "0" * 64,  # the key of another browser's cookie; AppTest sends none
    }
    at.run()
    assert not at.exception
    assert at.title[0].value == "Logga in"
    assert "est_geo_session" not in at.session_state


def test_password_change_ends_the_login(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _login(_app(real_db, env).run(), "medlem1", PASSWORD)
    assert at.title[0].value != "Logga in"
    store = open_store(real_db)
    assert isinstance(store, UserStore)
    auth.set_password(store, "medlem1", PASSWORD + "!", actor="test", actor_role=Role.ADMIN)
    try:
        at.run()
        assert at.title[0].value == "Logga in"
        assert any("Lösenordet har ändrats" in w.value for w in at.warning)
        assert "est_geo_session" not in at.session_state
    finally:
        auth.set_password(store, "medlem1", PASSWORD, actor="test", actor_role=Role.ADMIN)


def _session(at: AppTest, role: Role) -> None:
    at.session_state["est_geo_session"] = {
        "username": ROLE_USERS[role],
        "login_at": time.time(),
        "method": "local",
    }


@pytest.mark.parametrize("role", [Role.MEDLEM, Role.ANALYTIKER, Role.ADMIN])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_role_page_matrix_local_accounts(
    real_db: str, env: pytest.MonkeyPatch, role: Role, page: str
) -> None:
    """Every logged-in role × page: visible pages render, others do not exist."""
    at = _app(real_db, env)
    _session(at, role)
    at.run()
    assert not at.exception
    script = str(ROOT / PAGE_FILES[page][0])
    if page in visible_pages(role, public_mode=False):
        at.switch_page(script).run()
        assert not at.exception, at.exception
        assert not at.error, [e.value for e in at.error]
    elif page == "login":  # registered hidden: a logged-in user is sent to the start page
        at.switch_page(script).run()
        assert at.title[0].value == "Karta"
    else:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(script).run()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_anonymous_visitor_matrix(real_db: str, env: pytest.MonkeyPatch, page: str) -> None:
    at = _app(real_db, env).run()
    script = str(ROOT / PAGE_FILES[page][0])
    if allowed(Role.PUBLIC, PAGES[page]):
        at.switch_page(script).run()
        assert not at.exception
    else:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(script).run()


def test_admin_page_refuses_non_admin_even_if_run_directly(
    real_db: str, env: pytest.MonkeyPatch
) -> None:
    env.setenv("EST_GEO_DATABASE_URL", real_db)
    at = AppTest.from_file(str(ROOT / "app_pages" / "admin.py"), default_timeout=60)
    _session(at, Role.ANALYTIKER)
    at.run()
    assert not at.exception
    assert any("får inte" in e.value for e in at.error)
    assert not at.dataframe


def test_admin_creates_user_and_sees_audit(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _app(real_db, env)
    _session(at, Role.ADMIN)
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "admin.py")).run()
    assert not at.exception
    assert at.title[0].value == "Administration"
    form_inputs = at.text_input
    form_inputs[0].input("ny.person")
    form_inputs[1].input("<b>Ny</b> Person")
    form_inputs[2].input(PASSWORD)
    next(b for b in at.button if b.label == "Skapa konto").click()
    at.run()
    assert not at.exception
    assert any("ny.person" in s.value.replace("\\", "") for s in at.success)
    store = open_store(real_db)
    assert isinstance(store, UserStore)
    record = store.get_user("ny.person")
    assert record is not None and record.role == "medlem"
    log = store.audit_log()
    assert ((log["user"] == "admin1") & (log["entity"] == "users")).any()
    # The audit tab lists entries; the user filter narrows them.
    assert len(at.dataframe) >= 2
    at.multiselect[0].select("admin1").run()
    assert not at.exception
    # Codes in words, no raw JSON or "None" (issue 13 item 11).
    audit = at.dataframe[-1].value
    text = " ".join(str(v) for v in audit.to_numpy().ravel())
    assert "skapad" in text and "användare" in text, text
    assert "insert" not in text and "upsert" not in text and '{"' not in text
    assert "None" not in text and "nan" not in text.split()


def test_admin_refusals_and_account_problems_in_english(
    real_db: str, env: pytest.MonkeyPatch
) -> None:
    """An English reader is told in English why a page or an account is refused."""
    env.setenv("EST_GEO_LANGUAGE", "en")
    env.setenv("EST_GEO_DATABASE_URL", real_db)
    at = AppTest.from_file(str(ROOT / "app_pages" / "admin.py"), default_timeout=60)
    _session(at, Role.ANALYTIKER)
    at.run()
    assert any("may not do" in e.value for e in at.error), [e.value for e in at.error]
    at = _app(real_db, env)
    _session(at, Role.ADMIN)
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "admin.py")).run()
    at.text_input[0].input("two words")
    at.text_input[2].input("short")
    next(b for b in at.button if b.label == "Create account").click()
    at.run()
    (error,) = [e.value.replace("\\", "") for e in at.error]
    assert "Cannot create the user (2 problems)" in error, error
    assert "must not contain spaces" in error and "must have at least" in error, error
    assert swedish_words(error, ["two words"]) == [], error


def test_admin_cannot_lock_themselves_out(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _app(real_db, env)
    _session(at, Role.ADMIN)
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "admin.py")).run()
    at.selectbox[1].select("admin1").run()  # the edit form's account selector
    at.checkbox[0].check()
    next(b for b in at.button if b.label == "Spara ändringar").click()
    at.run()
    assert any("eget konto" in e.value for e in at.error)
    store = open_store(real_db)
    assert isinstance(store, UserStore)
    record = store.get_user("admin1")
    assert record is not None and not record.disabled


# ------------------------------------------------------------------ OIDC (st.user)


def _oidc_app(db: str, env: pytest.MonkeyPatch, claims: dict[str, object]) -> AppTest:
    at = _app(db, env)
    at.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "test-only-not-a-secret",
        "client_id": "est-geo",
        "client_secret": "test-only",
        "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration",
    }
    at.user = {"is_logged_in": True, **claims}
    return at


def test_oidc_user_from_table_gets_its_role(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _oidc_app(real_db, env, {"email": "eva@kommun.se", "name": "Eva", "iat": time.time()})
    at.run()
    assert not at.exception
    assert at.title[0].value == "Karta"
    assert "Eva (Administratör)" in _sidebar_text(at)


def test_oidc_role_from_claim(real_db: str, env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_OIDC_ROLE_CLAIM", "groups")
    at = _oidc_app(
        real_db, env, {"email": "ny@polisen.se", "groups": ["est-geo-medlem"], "iat": time.time()}
    )
    at.run()
    assert at.title[0].value == "Karta"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(ROOT / "app_pages" / "admin.py")).run()


def test_oidc_without_role_sees_login_with_notice(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _oidc_app(real_db, env, {"email": "okand@example.org", "iat": time.time()})
    at.run()
    assert not at.exception
    assert at.title[0].value == "Logga in"
    assert any("ingen roll" in w.value for w in at.warning)
    assert "Logga in med organisationens konto" in _buttons(at)


def test_oidc_login_expires(real_db: str, env: pytest.MonkeyPatch) -> None:
    at = _oidc_app(real_db, env, {"email": "eva@kommun.se", "iat": time.time() - 9 * 3600})
    at.run()
    assert at.title[0].value == "Logga in"
    assert any("gått ut" in w.value for w in at.warning)


# ------------------------------------------------------------------ demo data


def test_demo_lands_on_map_as_marked_demo_analyst(demo_db: str, env: pytest.MonkeyPatch) -> None:
    at = _app(demo_db, env).run()
    assert not at.exception
    assert at.title[0].value == "Karta"
    assert any("Demokonto" in m.value for m in at.sidebar.markdown)


def test_demo_logout_offers_every_demo_role(demo_db: str, env: pytest.MonkeyPatch) -> None:
    at = _app(demo_db, env)
    at.session_state["est_geo_logout_requested"] = True  # as the logout button's callback
    at.run()
    assert at.title[0].value == "Logga in"
    labels = _buttons(at)
    for role in ("Chefssamråd (medlem)", "Analytiker", "Administratör"):
        assert f"Demokonto: {role}" in labels
    at.button(key="demo_login_admin").click().run()
    assert not at.exception
    assert at.title[0].value == "Karta"
    at.switch_page(str(ROOT / "app_pages" / "admin.py")).run()
    assert at.title[0].value == "Administration"
    assert any("demokonto" in i.value for i in at.info)


def test_demo_accounts_never_on_demo_disabled(demo_db: str, env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_DEMO", "false")
    at = _app(demo_db, env).run()
    assert at.title[0].value == "Logga in"
    assert not any("Demokonto" in label for label in _buttons(at))
