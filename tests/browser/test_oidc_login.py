"""Streamlit's OIDC login end to end in Chromium, against a mock provider on loopback.

The real app (``app.py``) runs on a fresh non-demo database with an ``[auth]`` section
in a secrets file of its own (``--secrets.files``, so the repository's
``.streamlit/secrets.toml``, if any, is never read). The provider is
:class:`tests.oidc_mock.MockOIDCProvider` on 127.0.0.1; the browser follows the real
redirects (app → ``/auth/login`` → provider ``/authorize`` → app ``/oauth2callback``),
Streamlit's server exchanges the code at the provider's ``/token`` (PKCE, client
secret) and verifies the RS256 ID token against ``/jwks``. ``browser_page`` fails the
test on any request that leaves loopback.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, is_loopback, wait_until_idle
from joserfc.jwk import RSAKey

from est_geo.store import create_store
from tests.conftest import small_areas
from tests.oidc_mock import DEFAULT_CLAIMS, MockOIDCProvider

pytestmark = pytest.mark.browser

OIDC_BUTTON = "Logga in med organisationens konto"
NAV_LINK = '[data-testid="stSidebarNav"] a'
USER_COOKIE = "_streamlit_user"
TIMEOUT_MS = 60_000


@pytest.fixture
def every_request(browser_page: Any) -> Iterator[list[str]]:
    """Every request URL the page makes, redirect hops included.

    ``browser_page``'s route handler sees only the first URL of a redirect chain
    (Playwright does not route redirect hops), so the OIDC redirects (to the provider
    and back) are recorded here from the ``request`` event, which fires for each hop,
    and checked for loopback at teardown.
    """
    urls: list[str] = []
    browser_page.on("request", lambda request: urls.append(request.url))
    yield urls
    outside = sorted({u for u in urls if not is_loopback(u)})
    assert outside == [], f"request(s) left loopback: {outside}"


@pytest.fixture
def idp() -> Iterator[MockOIDCProvider]:
    with MockOIDCProvider() as provider:
        yield provider


@pytest.fixture
def oidc_app(streamlit_server: Any, idp: MockOIDCProvider, tmp_path: Path) -> str:
    """The app on a fresh non-demo database, configured for the mock provider."""
    db = tmp_path / "real.gpkg"
    store = create_store(str(db))
    store.add_areas(small_areas(), user="test")
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        # {port} is filled in by Streamlit with server.port (chosen by the harness).
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(48)}"\n'
        f'client_id = "{idp.client_id}"\n'
        f'client_secret = "{idp.client_secret}"\n'
        f'server_metadata_url = "{idp.metadata_url}"\n'
        'client_kwargs = { scope = "openid profile email", prompt = "login" }\n',
        encoding="utf-8",
    )
    env = {
        "EST_GEO_DATABASE_URL": str(db),
        "EST_GEO_TILE_URL": "none",
        "EST_GEO_DEMO": "false",
        "EST_GEO_OIDC_ROLE_CLAIM": "roles",
        # The server's token/JWKS requests (httpx) must not go through a proxy.
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }
    return streamlit_server("app.py", env=env, args=["--secrets.files", str(secrets_file)])


def _nav_titles(page: Any) -> list[str]:
    # A link's text is "<material icon name>\n\n<title>".
    return [
        t.strip().splitlines()[-1] for t in page.locator(NAV_LINK).all_inner_texts() if t.strip()
    ]


def _login_at_provider(page: Any, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    button = page.get_by_role("button", name=OIDC_BUTTON)
    button.wait_for(timeout=TIMEOUT_MS)
    assert "Karta" not in _nav_titles(page)
    # The browser goes to the provider and back to /oauth2callback, whose response
    # sets (or, for a refused token, does not set) the identity cookie and redirects
    # to "/".
    callback = f"{url}/oauth2callback?"
    with page.expect_response(lambda r: r.url.startswith(callback), timeout=TIMEOUT_MS):
        button.click()
    page.wait_for_load_state("load")


def _sidebar_text(page: Any) -> str:
    sidebar = page.get_by_test_id("stSidebar")
    return str(sidebar.inner_text()) if sidebar.count() else ""


def _wait_until(page: Any, condition: Callable[[], bool], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout_s:.0f} s")
        page.wait_for_timeout(200)


def _user_cookies(page: Any) -> list[str]:
    return [c["name"] for c in page.context.cookies() if c["name"].startswith(USER_COOKIE)]


def _assert_clean_flow(
    idp: MockOIDCProvider, url: str, log: BrowserLog, requests: list[str]
) -> None:
    assert idp.errors == []
    assert len(idp.authorize_requests) == 1
    auth = idp.authorize_requests[0]
    assert auth["redirect_uri"] == f"{url}/oauth2callback"
    assert auth["nonce"] and auth["state"]
    assert auth["code_challenge_method"] == "S256"  # PKCE, as the metadata offers it
    assert len(idp.token_requests) == 1
    assert idp.token_requests[0]["code_verifier"]
    assert "client_secret" not in idp.token_requests[0]  # sent as HTTP Basic, not in the body
    # The browser's hops: app /auth/login → provider /authorize → app /oauth2callback.
    assert any(r.startswith(f"{url}/auth/login?") for r in log.requests)
    assert any(r.startswith(f"{idp.issuer}/authorize?") for r in requests)
    assert any(r.startswith(f"{url}/oauth2callback?") for r in requests)
    # The code exchange and the key fetch are the app server's, never the browser's.
    assert not any(r.startswith((f"{idp.issuer}/token", f"{idp.issuer}/jwks")) for r in requests)
    assert log.blocked == []


def test_oidc_login_with_role_claim_then_logout(
    oidc_app: str,
    idp: MockOIDCProvider,
    browser_page: Any,
    browser_log: BrowserLog,
    every_request: list[str],
    screenshot: Any,
) -> None:
    url = oidc_app
    page = browser_page
    _login_at_provider(page, url)

    page.locator(NAV_LINK, has_text="Karta").first.wait_for(timeout=TIMEOUT_MS)
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Inloggad som").wait_for(timeout=TIMEOUT_MS)
    # The login page's elements stay until the logged-in run ends: check absences then
    # (and click "Logga ut" of the run that stays).
    wait_until_idle(page)
    assert f"{DEFAULT_CLAIMS['name']} (" in sidebar.inner_text()
    titles = _nav_titles(page)
    assert "Karta" in titles
    assert "Administration" not in titles  # analytiker, not admin
    assert page.get_by_role("button", name=OIDC_BUTTON).count() == 0
    assert _user_cookies(page), "Streamlit's identity cookie was not set"
    _assert_clean_flow(idp, url, browser_log, every_request)
    screenshot(page, "logged-in")

    # Log out: Streamlit clears its cookie and sends the browser to the provider's
    # end_session_endpoint, which redirects back to the app.
    sidebar.get_by_role("button", name="Logga ut").click()
    page.get_by_role("button", name=OIDC_BUTTON).wait_for(timeout=TIMEOUT_MS)
    _wait_until(page, lambda: "Inloggad som" not in _sidebar_text(page))
    assert "Karta" not in _nav_titles(page)
    # The cookie's removal and the provider's logout can land after the page has redrawn
    # (seen under load): wait for them rather than read them once.
    _wait_until(page, lambda: _user_cookies(page) == [] and len(idp.logout_requests) >= 1)
    assert _user_cookies(page) == []
    assert len(idp.logout_requests) == 1
    logout = idp.logout_requests[0]
    assert logout["client_id"] == idp.client_id
    assert logout["id_token_hint"] == idp.issued_id_tokens[-1]
    assert logout["post_logout_redirect_uri"] == f"{url}/oauth2callback"
    assert idp.errors == []
    assert browser_log.page_errors == []
    screenshot(page, "logged-out")


def test_oidc_login_without_role_claim_gets_no_internal_pages(
    oidc_app: str,
    idp: MockOIDCProvider,
    browser_page: Any,
    browser_log: BrowserLog,
    every_request: list[str],
    screenshot: Any,
) -> None:
    idp.claims = {k: v for k, v in DEFAULT_CLAIMS.items() if k != "roles"}
    url = oidc_app
    page = browser_page
    _login_at_provider(page, url)

    page.get_by_text("ingen roll i EST Geo").wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page)  # absences below are read once the run has ended
    assert _user_cookies(page), "the provider login itself should have succeeded"
    titles = _nav_titles(page)
    assert "Karta" not in titles
    assert "Administration" not in titles
    assert "Inloggad som" not in _sidebar_text(page)
    _assert_clean_flow(idp, url, browser_log, every_request)
    screenshot(page, "no-role")

    # The page offers a logout from the provider; afterwards the identity cookie is gone.
    page.get_by_role("button", name="Logga ut från identitetsleverantören").click()
    _wait_until(page, lambda: bool(idp.logout_requests) and not _user_cookies(page))
    page.get_by_role("button", name=OIDC_BUTTON).wait_for(timeout=TIMEOUT_MS)
    page.get_by_text("ingen roll i EST Geo").wait_for(state="detached", timeout=TIMEOUT_MS)
    assert len(idp.logout_requests) == 1
    assert "Karta" not in _nav_titles(page)


BAD_ID_TOKENS = {
    "foreign-signature": None,  # signed with a key that is not in /jwks
    "wrong-audience": {"aud": "another-client"},
    "wrong-nonce": {"nonce": "not-the-one-sent"},
    "wrong-issuer": {"iss": "http://127.0.0.1:1/evil"},
    "expired": {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200},
}


@pytest.mark.parametrize("case", sorted(BAD_ID_TOKENS))
def test_oidc_login_with_bad_id_token_is_refused(
    case: str,
    oidc_app: str,
    idp: MockOIDCProvider,
    browser_page: Any,
    every_request: list[str],
    tmp_path: Path,
) -> None:
    """Streamlit (Authlib) must reject an ID token that is forged, replayed or stale."""
    overrides = BAD_ID_TOKENS[case]
    if overrides is None:
        idp.sign_with = RSAKey.generate_key(2048, private=True)
    else:
        idp.id_token_overrides = dict(overrides)
    url = oidc_app
    page = browser_page
    _login_at_provider(page, url)
    assert len(idp.token_requests) == 1
    page.get_by_role("button", name=OIDC_BUTTON).wait_for(timeout=TIMEOUT_MS)
    wait_until_idle(page)  # absences below are read once the run has ended
    # Refused for the right reason: Authlib's ID-token check failed in the exchange.
    log = (tmp_path / "streamlit-0.log").read_text(errors="replace")  # the harness's log
    assert "OAuth token exchange failed" in log
    assert idp.errors == []  # the provider was content; the app refused the token
    assert _user_cookies(page) == []
    assert "Karta" not in _nav_titles(page)
    assert "Inloggad som" not in _sidebar_text(page)
