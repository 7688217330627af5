"""The mock OIDC provider (tests/oidc_mock.py) speaks the protocol and refuses misuse.

No browser: the authorization-code flow by hand with urllib, the ID token checked with
joserfc against /jwks. The browser test (tests/browser/test_oidc_login.py) relies on
these refusals being real, so a wrong secret, PKCE verifier or replayed code must fail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import KeySet

from tests.oidc_mock import DEFAULT_CLAIMS, MockOIDCProvider

REDIRECT = "http://127.0.0.1:8501/oauth2callback"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@pytest.fixture
def idp() -> Iterator[MockOIDCProvider]:
    with MockOIDCProvider() as provider:
        yield provider


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with _OPENER.open(url, timeout=5) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        with err:
            return err.code, dict(err.headers), err.read()


def _token(idp: MockOIDCProvider, form: dict[str, str], secret: str | None = None) -> Any:
    basic = base64.b64encode(f"{idp.client_id}:{secret or idp.client_secret}".encode()).decode()
    request = urllib.request.Request(
        f"{idp.issuer}/token",
        data=urlencode(form).encode(),
        headers={"Authorization": f"Basic {basic}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as err:
        with err:
            return err.code, json.loads(err.read())


def _authorize(idp: MockOIDCProvider, verifier: str, **extra: str) -> dict[str, str]:
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    params = {
        "client_id": idp.client_id,
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": REDIRECT,
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": challenge.rstrip(b"=").decode(),
        "code_challenge_method": "S256",
        **extra,
    }
    status, headers, _ = _get(f"{idp.issuer}/authorize?{urlencode(params)}")
    assert status == 302
    location = headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return {k: v[-1] for k, v in parse_qs(urlsplit(location).query).items()}


def test_discovery_and_code_flow_give_a_verifiable_id_token(idp: MockOIDCProvider) -> None:
    status, _, body = _get(idp.metadata_url)
    meta = json.loads(body)
    assert status == 200 and meta["issuer"] == idp.issuer
    assert meta["code_challenge_methods_supported"] == ["S256"]

    verifier = secrets.token_urlsafe(48)
    reply = _authorize(idp, verifier)
    assert reply["state"] == "st-1"
    form = {
        "grant_type": "authorization_code",
        "code": reply["code"],
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
    }
    status, tokens = _token(idp, form)
    assert status == 200, tokens

    _, _, jwks = _get(f"{idp.issuer}/jwks")
    assert "d" not in json.loads(jwks)["keys"][0]  # the public part only
    token = jwt.decode(tokens["id_token"], KeySet.import_key_set(json.loads(jwks)))
    assert token.header["alg"] == "RS256"
    claims = token.claims
    assert claims["iss"] == idp.issuer and claims["aud"] == idp.client_id
    assert claims["nonce"] == "n-1"
    assert claims["roles"] == DEFAULT_CLAIMS["roles"]
    assert claims["email"] == DEFAULT_CLAIMS["email"]

    request = urllib.request.Request(
        f"{idp.issuer}/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    with urllib.request.urlopen(request, timeout=5) as resp:
        assert json.loads(resp.read())["sub"] == DEFAULT_CLAIMS["sub"]
    assert idp.errors == []

    # A code is single use.
    status, error = _token(idp, form)
    assert status == 400 and error["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"code_verifier": "wrong"}, "invalid_grant"),
        ({"redirect_uri": "http://127.0.0.1:9/oauth2callback"}, "invalid_grant"),
        ({"secret": "wrong-secret"}, "invalid_client"),
    ],
)
def test_token_endpoint_refuses_misuse(
    idp: MockOIDCProvider, change: dict[str, str], expected: str
) -> None:
    verifier = secrets.token_urlsafe(48)
    reply = _authorize(idp, verifier)
    form = {
        "grant_type": "authorization_code",
        "code": reply["code"],
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
    }
    secret = change.pop("secret", None)
    form.update(change)
    status, error = _token(idp, form, secret=secret)
    assert status in {400, 401}
    assert error["error"] == expected
    assert idp.errors


def test_authorize_never_redirects_to_a_foreign_host(idp: MockOIDCProvider) -> None:
    params = {
        "client_id": idp.client_id,
        "response_type": "code",
        "scope": "openid",
        "redirect_uri": "https://evil.example/cb",
        "state": "s",
    }
    status, headers, _ = _get(f"{idp.issuer}/authorize?{urlencode(params)}")
    assert status == 400
    assert "Location" not in headers
