"""Binding a local login to the browser's XSRF cookie (issue 14 item 6), without Streamlit.

The cookie values are made by Streamlit's own generator (``generate_xsrf_token_string``),
so the decoding is checked against the format the server really sends. The app's use of
the binding is tested in ``tests/test_login_pages.py`` (AppTest, no cookie) and in
``tests/browser/test_login_binding.py`` (Chromium: reload, replayed session id, logout).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

from est_geo.access.browser_login import (
    LoginRegistry,
    RememberedLogin,
    bound_login,
    browser_key,
    credential_fingerprint,
)

NOW = 1_800_000_000.0
TOKEN_A = bytes(range(16))
TOKEN_B = bytes(range(1, 17))


def _login(name: str = "anna", *, expires_at: float = NOW + 3600) -> RememberedLogin:
    return RememberedLogin(name, NOW - 60, credential_fingerprint("$argon2id$x"), expires_at)


@given(st.binary(min_size=16, max_size=32))
def test_key_is_the_same_under_every_new_mask(token: bytes) -> None:
    # Streamlit re-masks the cookie with each page load; the key must survive a reload.
    first = generate_xsrf_token_string(token, 1)
    second = generate_xsrf_token_string(token, 2)
    assert browser_key(first) == browser_key(second) is not None


def test_different_tokens_give_different_keys_and_the_key_is_not_the_token() -> None:
    a = browser_key(generate_xsrf_token_string(TOKEN_A))
    b = browser_key(generate_xsrf_token_string(TOKEN_B))
    assert a is not None and b is not None and a != b
    assert TOKEN_A.hex() not in a


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        TOKEN_A.hex(),  # version 1: no mask, never issued by Streamlit 1.67
        "2|zz|" + TOKEN_A.hex() + "|1",
        "2|00000000|abcd|1",  # too short to be a token
        "3|00000000|" + TOKEN_A.hex() + "|1",
        "2|00000000|" + TOKEN_A.hex(),
    ],
)
def test_malformed_cookies_bind_nothing(value: str | None) -> None:
    assert browser_key(value) is None


def test_a_new_session_of_the_same_browser_is_logged_in_again() -> None:
    registry = LoginRegistry()
    registry.remember("browser-a", _login(), now=NOW)
    restored = bound_login(None, "browser-a", registry, now=NOW)
    assert restored is not None
    assert restored["username"] == "anna" and restored["browser"] == "browser-a"


def test_a_resumed_session_id_from_another_browser_is_not_logged_in() -> None:
    registry = LoginRegistry()
    registry.remember("browser-a", _login(), now=NOW)
    session = _login().as_session("browser-a")
    assert bound_login(session, "browser-b", registry, now=NOW) is None
    assert bound_login(session, None, registry, now=NOW) is None  # no cookie at all


def test_without_a_cookie_only_a_login_made_without_one_counts_and_nothing_is_restored() -> None:
    registry = LoginRegistry()
    session = _login().as_session(None)
    assert bound_login(session, None, registry, now=NOW) == session
    assert bound_login(None, None, registry, now=NOW) is None


def test_logout_and_expiry_forget_the_browser() -> None:
    registry = LoginRegistry()
    registry.remember("browser-a", _login(), now=NOW)
    session = _login().as_session("browser-a")
    registry.forget("browser-a")
    assert bound_login(session, "browser-a", registry, now=NOW) is None
    registry.remember("browser-a", _login(expires_at=NOW + 10), now=NOW)
    assert bound_login(None, "browser-a", registry, now=NOW + 9) is not None
    assert bound_login(None, "browser-a", registry, now=NOW + 10) is None
    assert len(registry) == 0


def test_registry_is_bounded_dropping_the_soonest_to_expire() -> None:
    registry = LoginRegistry(max_entries=3)
    for i in range(5):
        registry.remember(f"b{i}", _login(expires_at=NOW + 100 + i), now=NOW)
    assert len(registry) == 3
    assert registry.get("b0", now=NOW) is None and registry.get("b1", now=NOW) is None
    assert registry.get("b4", now=NOW) is not None


def test_credential_fingerprint_changes_with_the_password_hash() -> None:
    salt = os.urandom(8).hex()
    assert credential_fingerprint(f"$argon2id${salt}a") != credential_fingerprint(
        f"$argon2id${salt}b"
    )
    assert credential_fingerprint(None) == credential_fingerprint("")
