"""A tiny OpenID Connect provider for tests, on 127.0.0.1, stdlib ``http.server`` only.

Enough of OIDC's authorization-code flow for Streamlit's ``st.login`` (Authlib):

- ``/.well-known/openid-configuration`` — the discovery document;
- ``/authorize`` — no login form: checks the request and redirects straight back to
  ``redirect_uri`` with a fresh ``code`` and the client's ``state`` (the ``nonce`` and
  the PKCE ``code_challenge`` are kept with the code);
- ``/token`` — checks client secret (basic or post), code (single use, 60 s), redirect URI
  and PKCE, then returns an access token and an ID token signed RS256 with a key made at
  start (``joserfc``, which Authlib already depends on);
- ``/jwks`` — the public key; ``/userinfo`` — the claims for a Bearer access token;
- ``/logout`` — RP-initiated logout: records the request, redirects to
  ``post_logout_redirect_uri``.

The claims of the next login are ``provider.claims`` (``sub``, ``email``, ``name`` and
e.g. ``"roles": ["analytiker"]``); change them between logins. Everything the provider
saw is recorded (``authorize_requests``, ``token_requests``, ``logout_requests``) and
every request it refused is in ``errors``, so a test can assert the flow was clean.

Usage::

    with MockOIDCProvider(claims={"sub": "u1", "roles": ["analytiker"]}) as idp:
        idp.issuer, idp.metadata_url, idp.client_id, idp.client_secret
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit, urlunsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

__all__ = ["DEFAULT_CLAIMS", "MockOIDCProvider"]

DEFAULT_CLAIMS: Mapping[str, Any] = {
    "sub": "anna-0001",
    "email": "anna.analys@kommun.example",
    "name": "Anna Analys",
    "roles": ["analytiker"],
}
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_CODE_LIFETIME_S = 60


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _with_query(url: str, params: Mapping[str, str]) -> str:
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(params)) if q)
    return urlunsplit(parts._replace(query=query))


@dataclass
class _Grant:
    claims: dict[str, Any]
    nonce: str | None
    redirect_uri: str
    code_challenge: str | None
    code_challenge_method: str | None
    scope: str
    issued: float = field(default_factory=time.time)


class MockOIDCProvider:
    """An OIDC provider in a background thread; use as a context manager.

    ``redirect_uris`` (optional) is the list of registered redirect URIs; if empty, any
    http(s) redirect URI on a loopback host is accepted (the port of a test server is
    not known in advance). ``id_token_lifetime`` is in seconds.
    """

    def __init__(
        self,
        claims: Mapping[str, Any] | None = None,
        *,
        client_id: str = "est-geo-test",
        client_secret: str | None = None,
        redirect_uris: list[str] | None = None,
        id_token_lifetime: int = 300,
    ) -> None:
        self.claims: dict[str, Any] = dict(DEFAULT_CLAIMS if claims is None else claims)
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.redirect_uris = list(redirect_uris or [])
        self.id_token_lifetime = id_token_lifetime
        self.kid = secrets.token_hex(8)
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": self.kid, "use": "sig", "alg": "RS256"}, private=True
        )
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self.userinfo_requests: int = 0
        self.logout_requests: list[dict[str, str]] = []
        self.issued_id_tokens: list[str] = []
        self.errors: list[str] = []
        #: For negative tests: merged into the next ID tokens' claims (e.g. a wrong
        #: ``aud`` or ``nonce``), and a key to sign them with instead of the published one.
        self.id_token_overrides: dict[str, Any] = {}
        self.sign_with: RSAKey | None = None
        self._grants: dict[str, _Grant] = {}
        self._access_tokens: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])
        self.issuer = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="mock-oidc", daemon=True
        )

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> MockOIDCProvider:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> MockOIDCProvider:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "userinfo_endpoint": f"{base}/userinfo",
            "end_session_endpoint": f"{base}/logout",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": [
                "client_secret_basic",
                "client_secret_post",
            ],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": sorted({"sub", "iss", "aud", "exp", "iat", "nonce", *self.claims}),
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    # ------------------------------------------------------------------ protocol

    def _redirect_allowed(self, uri: str) -> bool:
        if self.redirect_uris:
            return uri in self.redirect_uris
        parts = urlsplit(uri)
        return parts.scheme in {"http", "https"} and (parts.hostname or "") in _LOOPBACK

    def authorize(self, params: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        """Answer ``/authorize``: (status, headers, body)."""
        with self._lock:
            self.authorize_requests.append(dict(params))
        redirect_uri = params.get("redirect_uri", "")
        if params.get("client_id") != self.client_id or not self._redirect_allowed(redirect_uri):
            # Never redirect to an unknown client or URI (open redirect): show an error.
            return self._fail(400, "invalid_request", "unknown client_id or redirect_uri")
        problem = None
        if params.get("response_type") != "code":
            problem = "unsupported_response_type"
        elif "openid" not in params.get("scope", "").split():
            problem = "invalid_scope"
        elif params.get("code_challenge") and params.get("code_challenge_method") != "S256":
            problem = "invalid_request"
        if problem:
            self.errors.append(f"/authorize: {problem}")
            target = _with_query(redirect_uri, {"error": problem, "state": params.get("state", "")})
            return 302, {"Location": target}, b""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = _Grant(
                claims=dict(self.claims),
                nonce=params.get("nonce"),
                redirect_uri=redirect_uri,
                code_challenge=params.get("code_challenge"),
                code_challenge_method=params.get("code_challenge_method"),
                scope=params.get("scope", ""),
            )
        reply = {"code": code}
        if "state" in params:
            reply["state"] = params["state"]
        return 302, {"Location": _with_query(redirect_uri, reply)}, b""

    def _client_ok(self, headers: Mapping[str, str], form: Mapping[str, str]) -> bool:
        auth = headers.get("Authorization", "")
        if auth.startswith("Basic "):
            try:
                raw = base64.b64decode(auth[6:]).decode()
            except ValueError:
                return False
            client_id, _, client_secret = raw.partition(":")
            client_id, client_secret = unquote(client_id), unquote(client_secret)
        else:
            client_id = form.get("client_id", "")
            client_secret = form.get("client_secret", "")
        return client_id == self.client_id and secrets.compare_digest(
            client_secret, self.client_secret
        )

    def token(
        self, headers: Mapping[str, str], form: Mapping[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """Answer ``POST /token`` (authorization_code grant only)."""
        with self._lock:
            self.token_requests.append(dict(form))
            grant = self._grants.pop(form.get("code", ""), None)  # single use
        if not self._client_ok(headers, form):
            return self._fail(401, "invalid_client", "bad client credentials")
        if form.get("grant_type") != "authorization_code":
            return self._fail(400, "unsupported_grant_type", form.get("grant_type", ""))
        if grant is None or time.time() - grant.issued > _CODE_LIFETIME_S:
            return self._fail(400, "invalid_grant", "unknown, used or expired code")
        if form.get("redirect_uri") != grant.redirect_uri:
            return self._fail(400, "invalid_grant", "redirect_uri differs from /authorize")
        if grant.code_challenge:
            verifier = form.get("code_verifier", "")
            expected = _b64url(hashlib.sha256(verifier.encode("ascii")).digest())
            if not verifier or not secrets.compare_digest(expected, grant.code_challenge):
                return self._fail(400, "invalid_grant", "PKCE verification failed")
        access_token = secrets.token_urlsafe(32)
        now = int(time.time())
        claims: dict[str, Any] = {
            **grant.claims,
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "auth_time": now,
            "exp": now + self.id_token_lifetime,
            # at_hash: left half of SHA-256 of the access token (OIDC Core 3.1.3.6).
            "at_hash": _b64url(hashlib.sha256(access_token.encode("ascii")).digest()[:16]),
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        claims.update(self.id_token_overrides)
        header = {"alg": "RS256", "kid": self.kid, "typ": "JWT"}
        id_token = jwt.encode(header, claims, self.sign_with or self.key)
        with self._lock:
            self._access_tokens[access_token] = dict(grant.claims)
            self.issued_id_tokens.append(id_token)
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": self.id_token_lifetime,
            "id_token": id_token,
            "scope": grant.scope,
        }
        return 200, {"Content-Type": "application/json", "Cache-Control": "no-store"}, _json(body)

    def userinfo(self, headers: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        auth = headers.get("Authorization", "")
        with self._lock:
            self.userinfo_requests += 1
            claims = self._access_tokens.get(auth[7:]) if auth.startswith("Bearer ") else None
        if claims is None:
            return self._fail(401, "invalid_token", "unknown access token")
        return 200, {"Content-Type": "application/json"}, _json(claims)

    def logout(self, params: Mapping[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.logout_requests.append(dict(params))
        target = params.get("post_logout_redirect_uri", "")
        if target and self._redirect_allowed(target):
            extra = {"state": params["state"]} if "state" in params else {}
            return 302, {"Location": _with_query(target, extra) if extra else target}, b""
        return 200, {"Content-Type": "text/plain"}, b"logged out"

    def _fail(self, status: int, error: str, description: str) -> tuple[int, dict[str, str], bytes]:
        self.errors.append(f"{error}: {description}")
        body = _json({"error": error, "error_description": description})
        return status, {"Content-Type": "application/json"}, body

    # ------------------------------------------------------------------ HTTP

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "MockOIDC/1"

            def log_message(self, format: str, *args: Any) -> None:
                return  # keep test output quiet

            def _send(self, reply: tuple[int, dict[str, str], bytes]) -> None:
                status, headers, body = reply
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _query(self) -> dict[str, str]:
                return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                if path == "/.well-known/openid-configuration":
                    self._send(
                        (200, {"Content-Type": "application/json"}, _json(provider.metadata()))
                    )
                elif path == "/jwks":
                    self._send((200, {"Content-Type": "application/json"}, _json(provider.jwks())))
                elif path == "/authorize":
                    self._send(provider.authorize(self._query()))
                elif path == "/userinfo":
                    self._send(provider.userinfo(dict(self.headers.items())))
                elif path == "/logout":
                    self._send(provider.logout(self._query()))
                else:
                    self._send(provider._fail(404, "not_found", path))

            def do_POST(self) -> None:
                path = urlsplit(self.path).path
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8", "replace")
                form = {k: v[-1] for k, v in parse_qs(raw).items()}
                if path == "/token":
                    self._send(provider.token(dict(self.headers.items()), form))
                elif path == "/userinfo":
                    self._send(provider.userinfo(dict(self.headers.items())))
                else:
                    self._send(provider._fail(404, "not_found", path))

        return Handler


def _json(value: Any) -> bytes:
    return json.dumps(value).encode("utf-8")
