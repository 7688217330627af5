"""Who is using this session: local login, identity-provider login (OIDC) or demo account.

Public mode is always the ``public`` role: a public deployment has no accounts at all.

In internal mode the role comes from, in this order:

1. a local login (``est_geo_session`` in the session state): the account is re-read from
   the store on every run, so disabling it or changing its role takes effect at once. It
   is bound to the browser's XSRF cookie (:mod:`est_geo.access.browser_login`): a reload keeps
   it, a leaked session id used from another browser does not;
2. Streamlit's built-in OIDC login (``st.user``) when an identity provider is configured
   in ``.streamlit/secrets.toml`` (``[auth]``); the role comes from the users table or a
   claim (:func:`est_geo.access.accounts.role_from_claims`);
3. on demo data only, a demo account (``est_geo_role``). A new session on demo data is
   logged in as the demo analyst at once, so ``make run`` lands on the map; the sidebar
   says "Demokonto" and lets the visitor switch demo role or log out, and the login page
   then offers one-click demo accounts for every role. Never on real data.

Every kind of login expires after ``session_hours``.
"""

from __future__ import annotations

import time

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from est_geo.access.accounts import (
    AuthError,
    LoginThrottledError,
    Session,
    role_from_claims,
    session_expired,
    verify_login,
)
from est_geo.access.browser_login import (
    XSRF_COOKIE,
    LoginRegistry,
    RememberedLogin,
    bound_login,
    browser_key,
    credential_fingerprint,
)
from est_geo.access.roles import Role
from est_geo.core.errors import keyed_error
from est_geo.store.base import UserStore
from ui import context, page_files

_KEY = "est_geo_role"  # demo account role (demo data only)
_DEMO_SINCE = "est_geo_demo_since"
_DEMO_OFF = "est_geo_demo_logged_out"
_SESSION = "est_geo_session"  # local login: dict of est_geo.access.accounts.Session fields
_OIDC_SEEN = "est_geo_oidc_seen"
_NOTICE = "est_geo_auth_notice"
_LOGOUT = "est_geo_logout_requested"


def demo_allowed() -> bool:
    """Demo accounts exist only on demo data, with demo enabled, in internal mode."""
    cfg = context.config()
    return not cfg.public and cfg.demo and context.store().is_demo()


def oidc_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section for ``st.login``."""
    try:
        return "auth" in st.secrets
    except (StreamlitSecretNotFoundError, FileNotFoundError):
        return False


def _user_store() -> UserStore | None:
    store = context.store()
    return store if isinstance(store, UserStore) else None


def _notice(key: str) -> None:
    st.session_state[_NOTICE] = key


def pop_notice() -> str | None:
    """Translation key of a pending message (expired session, no access …), once."""
    value = st.session_state.pop(_NOTICE, None)
    return str(value) if value else None


@st.cache_resource
def _login_registry() -> LoginRegistry:
    """The process-wide registry of local logins per browser (survives reruns)."""
    return LoginRegistry()


def _browser() -> str | None:
    """Key of this connection's browser: hash of its XSRF cookie token (not in any URL)."""
    value = st.context.cookies.get(XSRF_COOKIE)
    return browser_key(value if isinstance(value, str) else None)


def _end_local(browser: str | None, notice: str | None) -> None:
    st.session_state.pop(_SESSION, None)
    if browser is not None:
        _login_registry().forget(browser)
    if notice:
        _notice(notice)


def _local_session(now: float) -> Session | None:
    browser = _browser()
    data = bound_login(st.session_state.get(_SESSION), browser, _login_registry(), now=now)
    if not data:
        # Another browser resuming this session id, or a logout in another tab.
        st.session_state.pop(_SESSION, None)
        return None
    st.session_state[_SESSION] = data
    hours = context.config().session_hours
    if session_expired(float(data["login_at"]), hours=hours, now=now):
        _end_local(browser, "auth.expired")
        return None
    users = _user_store()
    record = users.get_user(str(data["username"])) if users else None
    if record is None or record.disabled:
        _end_local(browser, "auth.account_gone")
        return None
    credential = data.get("credential")
    if credential is not None and credential != credential_fingerprint(record.password_hash):
        _end_local(browser, "auth.password_changed")
        return None
    return Session(
        username=record.username,
        role=Role(record.role),
        method="local",
        login_at=float(data["login_at"]),
        display_name=record.display_name,
    )


def _oidc_session(now: float) -> Session | None:
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    claims = st.user.to_dict()
    users = _user_store()
    if users is None:
        return None
    mapped = role_from_claims(claims, store=users, role_claim=context.config().oidc_role_claim)
    if mapped is None:
        _notice("auth.no_access")
        return None
    username, role = mapped
    issued = claims.get("iat")
    login_at = float(issued) if isinstance(issued, int | float) else None
    if login_at is None:
        login_at = float(st.session_state.setdefault(_OIDC_SEEN, now))
    if session_expired(login_at, hours=context.config().session_hours, now=now):
        _notice("auth.expired_oidc")
        return None
    name = claims.get("name")
    return Session(username, role, "oidc", login_at, str(name) if name else "")


def _demo_session(now: float) -> Session | None:
    if not demo_allowed():
        if st.session_state.get(_KEY) is not None:
            # This session was a demo account: demo mode ended under it (real data came).
            _clear_demo()
            st.session_state[_DEMO_OFF] = True
            _notice("auth.demo_ended")
        return None
    stored = st.session_state.get(_KEY)
    if stored is None:
        if st.session_state.get(_DEMO_OFF):
            return None
        stored = st.session_state[_KEY] = Role.ANALYTIKER.value
    since = float(st.session_state.setdefault(_DEMO_SINCE, now))
    if session_expired(since, hours=context.config().session_hours, now=now):
        _clear_demo()
        st.session_state[_DEMO_OFF] = True
        _notice("auth.expired")
        return None
    role = Role(stored)
    if role is Role.PUBLIC:
        return None
    return Session(f"demo-{role.value}", role, "demo", since)


def current_session() -> Session | None:
    """The logged-in session, or ``None`` for an anonymous visitor (role ``public``)."""
    if context.config().public:
        return None
    now = time.time()
    return _local_session(now) or _oidc_session(now) or _demo_session(now)


def current_role() -> Role:
    """The role for this session."""
    session = current_session()
    return session.role if session else Role.PUBLIC


def current_user_name() -> str:
    """Name recorded in the audit trail for writes from this session."""
    session = current_session()
    return session.username if session else f"roll:{Role.PUBLIC.value}"


def _clear_demo() -> None:
    for key in (_KEY, _DEMO_SINCE):
        st.session_state.pop(key, None)


def _client_address() -> str | None:
    """The client's address, which limits guessing per source; ``None`` (localhost, no
    client context) puts the attempt in the one shared bucket of unknown sources."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


def login_local(username: str, password: str) -> Session:
    """Check a local login and start the session; raises AuthError on failure."""
    users = _user_store()
    if users is None:
        raise keyed_error(AuthError, "auth.error.no_local_accounts")
    session = verify_login(users, username, password, source=_client_address())
    _clear_demo()
    record = users.get_user(session.username)
    remembered = RememberedLogin(
        username=session.username,
        login_at=session.login_at,
        credential=credential_fingerprint(record.password_hash if record else None),
        expires_at=session.login_at + context.config().session_hours * 3600,
    )
    browser = _browser()
    if browser is not None:
        _login_registry().remember(browser, remembered, now=session.login_at)
    st.session_state[_SESSION] = remembered.as_session(browser)
    return session


USERNAME_KEY = "login_username"
PASSWORD_KEY = "login_password"  # noqa: S105 - a widget key, not a password
_FAILED = "est_geo_login_failed"


def submit_login_form() -> None:
    """Form callback: try the local login with the form's values, then forget the password."""
    username = str(st.session_state.get(USERNAME_KEY) or "")
    password = str(st.session_state.get(PASSWORD_KEY) or "")
    st.session_state[PASSWORD_KEY] = ""
    try:
        login_local(username, password)
    except LoginThrottledError:
        st.session_state[_FAILED] = "auth.throttled"
    except AuthError:
        st.session_state[_FAILED] = "auth.failed"


def pop_login_failed() -> str | None:
    """Once after a failed login attempt: the message key to show, else None."""
    key = st.session_state.pop(_FAILED, None)
    return str(key) if key else None


def login_demo(role: Role) -> None:
    """Log in as the demo account of ``role`` (demo data only)."""
    if not demo_allowed():
        raise keyed_error(AuthError, "auth.error.demo_only")
    _end_local(_browser(), None)
    st.session_state.pop(_DEMO_OFF, None)
    st.session_state[_KEY] = role.value
    st.session_state[_DEMO_SINCE] = time.time()


def logout() -> None:
    """End every kind of session; an OIDC login also drops Streamlit's identity cookie.

    :func:`sidebar` calls it when the logout button was pressed and then switches to
    the login page, which stays registered (hidden) for logged-in users.
    """
    session = current_session()
    _end_local(_browser(), None)
    _clear_demo()
    st.session_state[_DEMO_OFF] = True
    if session is not None and session.method == "oidc":
        st.logout()


def _switch_demo_role() -> None:
    login_demo(Role(st.session_state["demo_role_select"]))


def _role_label(role: Role) -> str:
    return context.t(f"role.{role.value}")


def sidebar() -> None:
    """Who is logged in, a "Demokonto" badge and role switch on demo accounts, and logout.

    Called once per run from ``app.py`` so every page has it.
    """
    if st.session_state.pop(_LOGOUT, False):
        # Requested by the logout button's callback. Done here, after st.navigation
        # registered this run's pages (the hidden login page among them), so the switch
        # lands on the login page instead of an unregistered URL.
        logout()
        st.switch_page(page_files.login_page())
    session = current_session()
    if session is None:
        return
    box = st.sidebar.container(border=True)
    if session.method == "demo":
        box.markdown(f":orange-badge[{context.t('auth.demo_badge')}]")
        # The widget mirrors the session (which the login page may have changed) and
        # switches through a callback, so a stale widget value never flips the role back.
        st.session_state["demo_role_select"] = session.role
        box.selectbox(
            context.t("role.demo_switch"),
            [r for r in Role if r is not Role.PUBLIC],
            format_func=_role_label,
            key="demo_role_select",
            on_change=_switch_demo_role,
        )
    else:
        box.caption(context.t("auth.logged_in_as"))
        box.text(f"{session.display_name or session.username} ({_role_label(session.role)})")
    box.button(
        context.t("auth.logout"),
        key="auth_logout",
        icon=":material/logout:",
        on_click=st.session_state.__setitem__,
        args=(_LOGOUT, True),
    )


def demo_role_switch() -> None:
    """Kept for pages written before login existed: the switch now lives in :func:`sidebar`."""
    return
