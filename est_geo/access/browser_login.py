"""Bind a local login to the browser that made it, so a leaked session id is worth nothing.

Streamlit keeps a session's state on the server under a session id, and the id travels in
URLs (``/_stcore/upload_file/<session id>/…``), so it reaches proxy logs. Whoever opens a
websocket with that id resumes the session. A login must therefore rest on something the
browser holds and never puts in a URL: Streamlit's XSRF cookie (``_streamlit_xsrf``,
``server.enableXsrfProtection``, on by default), which every browser gets with the page
and sends with the websocket handshake. Its value is ``2|mask|masked token|timestamp``:
the mask changes with every response, the token stays, so the key is a hash of the
unmasked token.

A local login is remembered in a :class:`LoginRegistry` under that key. Every run asks
the registry with the key of the current connection's cookie (:func:`bound_login`): a
reload (new session, same cookie) is logged in again, a resumed session id from another
browser (other or no cookie) is not, and logging out forgets the key. Without a cookie
(Streamlit's AppTest, XSRF protection switched off) a login lives in the session alone and
is never restored; a session that was logged in with a cookie is never used without it.

This module does not import Streamlit; ``ui.auth`` reads the cookie and holds the registry.
"""

from __future__ import annotations

import binascii
import hashlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

XSRF_COOKIE = "_streamlit_xsrf"
_MIN_TOKEN_BYTES = 16  # Streamlit's tokens are 16 random bytes
MAX_REMEMBERED = 10_000  # bounds the registry's memory: 10,000 browsers logged in at once


def browser_key(cookie_value: str | None) -> str | None:
    """SHA-256 (hex) of the token inside a version-2 XSRF cookie, or ``None``.

    Hashing keeps the token itself out of memory dumps and logs; unmasking first makes
    the key survive the new mask Streamlit puts on the cookie with each page load.
    Anything else (missing, version 1, malformed, short) gives ``None``: no binding.
    """
    if not cookie_value:
        return None
    parts = cookie_value.strip("\"'").split("|")
    if len(parts) != 4 or parts[0] != "2":
        return None
    try:
        mask = binascii.a2b_hex(parts[1])
        masked = binascii.a2b_hex(parts[2])
    except (binascii.Error, ValueError):
        return None
    if len(mask) != 4 or len(masked) < _MIN_TOKEN_BYTES:
        return None
    token = bytes(b ^ mask[i % 4] for i, b in enumerate(masked))
    return hashlib.sha256(token).hexdigest()


def credential_fingerprint(password_hash: str | None) -> str:
    """A short digest of an account's stored password hash.

    Kept with a login so that a password change (admin page or ``est-geo user
    set-password``, even in another process) ends that login at the next run.
    """
    return hashlib.sha256((password_hash or "").encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class RememberedLogin:
    """A local login as remembered for one browser."""

    username: str
    login_at: float
    credential: str
    expires_at: float

    def as_session(self, browser: str | None) -> dict[str, Any]:
        """The session-state form used by ``ui.auth`` (``est_geo_session``)."""
        return {
            "username": self.username,
            "login_at": self.login_at,
            "method": "local",
            "browser": browser,
            "credential": self.credential,
        }


class LoginRegistry:
    """Process-wide memory of local logins, keyed by :func:`browser_key`; thread-safe.

    In memory on purpose: Streamlit's sessions live in one process too (a deployment
    with several replicas needs sticky sessions anyway), and a restart logs everyone out,
    as it always did. Entries end at their expiry, on logout and when the account's
    password changes (checked by ``ui.auth`` against :func:`credential_fingerprint`).
    """

    def __init__(self, max_entries: int = MAX_REMEMBERED) -> None:
        self._entries: dict[str, RememberedLogin] = {}
        self._lock = threading.Lock()
        self._max = max_entries

    def remember(self, browser: str, login: RememberedLogin, *, now: float) -> None:
        """Remember ``login`` for ``browser`` (replacing an earlier one of that browser)."""
        with self._lock:
            self._prune(now)
            self._entries.pop(browser, None)
            while len(self._entries) >= self._max:
                oldest = min(self._entries, key=lambda k: self._entries[k].expires_at)
                del self._entries[oldest]
            self._entries[browser] = login

    def get(self, browser: str, *, now: float) -> RememberedLogin | None:
        """The unexpired login remembered for ``browser``, if any."""
        with self._lock:
            login = self._entries.get(browser)
            if login is not None and login.expires_at <= now:
                del self._entries[browser]
                return None
            return login

    def forget(self, browser: str) -> None:
        """Forget the login of ``browser`` (logout, or a login that no longer holds)."""
        with self._lock:
            self._entries.pop(browser, None)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def _prune(self, now: float) -> None:
        for key in [k for k, v in self._entries.items() if v.expires_at <= now]:
            del self._entries[key]


def bound_login(
    session_login: Mapping[str, Any] | None,
    browser: str | None,
    registry: LoginRegistry,
    *,
    now: float,
) -> dict[str, Any] | None:
    """The local login this run may use, given the session's and the connection's browser.

    With a cookie the registry decides alone: a login the session holds for another (or
    no) browser does not count, and one made in this browser counts in every session of
    it (reloads, other tabs) until it is forgotten. Without a cookie only a login that
    was itself made without one counts, and nothing is restored.
    """
    if browser is None:
        if session_login and session_login.get("browser") is None:
            return dict(session_login)
        return None
    remembered = registry.get(browser, now=now)
    return remembered.as_session(browser) if remembered is not None else None
