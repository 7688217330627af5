"""Accounts and logins, without Streamlit: hashing, verifying, roles, session expiry.

Why this lives in the core: the CLI (``est-geo user …``), the login page and the tests
must apply exactly the same rules, and a notebook user creating accounts must not need a
browser.

Passwords are hashed with argon2id (RFC 9106; the PHC string holds salt and cost, so the
cost can be raised later and old hashes still verify and are re-hashed on next login).
Verification takes the same time whether or not the user exists — an unknown or disabled
user is checked against a dummy hash — so response time does not tell which usernames
exist.

Roles for identity-provider (OIDC) logins come from the ``users`` table when the e-mail
has an account there, else from a configured claim of the ID token.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import (
    EstGeoError,
    NotFoundError,
    Problem,
    ValidationError,
    keyed_error,
)
from est_geo.store.base import UserRecord, UserStore
from est_geo.store.login_throttle import UNKNOWN_SOURCE

__all__ = [
    "LOCKOUT_FAILURES",
    "LOCKOUT_MINUTES",
    "LOCKOUT_SOURCE_FAILURES",
    "MAX_PASSWORD_LENGTH",
    "MIN_PASSWORD_LENGTH",
    "AuthError",
    "LoginThrottledError",
    "Session",
    "create_user",
    "disable_user",
    "hash_password",
    "role_from_claims",
    "session_expired",
    "set_password",
    "set_role",
    "verify_login",
    "verify_password",
]

#: NIST SP 800-63B: at least 8 characters; long passphrases are welcome.
MIN_PASSWORD_LENGTH: Final = 10
#: Upper bound so a megabyte "password" cannot be used to burn CPU.
MAX_PASSWORD_LENGTH: Final = 1024
_MAX_USERNAME_LENGTH: Final = 200
#: OWASP's authentication cheat sheet: lock out after a few failures for a while. Five
#: failures within 15 minutes block that username for the rest of the window, so a
#: guesser gets at most ~20 tries an hour per account while a user who mistypes a few
#: times is not locked out for long. Counted per username in the shared audit trail, so
#: it holds across replicas; unknown usernames are limited the same way (no hint which
#: accounts exist).
LOCKOUT_FAILURES: Final = 5
LOCKOUT_MINUTES: Final = 15
#: Unsuccessful attempts from one client address (or from all without one) per window.
LOCKOUT_SOURCE_FAILURES: Final = 20

#: argon2-cffi's defaults are RFC 9106's "second recommended option" (argon2id, t=3,
#: m=64 MiB, p=4): about 50 ms a hash here — slow for a guesser, fine for one login.
_HASHER: Final = PasswordHasher()
#: Hash of a random password, verified for unknown users so they cost the same time.
_DUMMY_HASH: Final = _HASHER.hash("dummy-password-for-unknown-users")


class AuthError(EstGeoError):
    """A login failed. The message never says whether the user exists."""


class LoginThrottledError(AuthError):
    """Too many failed logins for one username: wait before trying again."""


@dataclass(frozen=True)
class Session:
    """Who is logged in, how, and since when (epoch seconds)."""

    username: str
    role: Role
    method: str  # "local", "oidc" or "demo"
    login_at: float
    display_name: str = ""


def _normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().lower()


def _check_username(username: str) -> list[Problem]:
    problems: list[Problem] = []
    if not username:
        problems.append(Problem.keyed(None, "username", username, "accounts.username.empty"))
    elif len(username) > _MAX_USERNAME_LENGTH:
        shown = username[:20] + "…"
        problems.append(Problem.keyed(None, "username", shown, "accounts.username.too_long"))
    elif any(c.isspace() or not c.isprintable() for c in username):
        problems.append(Problem.keyed(None, "username", username, "accounts.username.spaces"))
    return problems


def _check_password(password: str) -> list[Problem]:
    problems: list[Problem] = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            Problem.keyed(None, "password", "***", "accounts.password.short", n=MIN_PASSWORD_LENGTH)
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(
            Problem.keyed(None, "password", "***", "accounts.password.long", n=MAX_PASSWORD_LENGTH)
        )
    return problems


def _role(value: str | Role) -> Role:
    try:
        return Role(value)
    except ValueError as exc:
        allowed = ", ".join(r.value for r in Role)
        problem = Problem.keyed(None, "role", str(value), "accounts.role.unknown", known=allowed)
        raise ValidationError([problem]) from exc


def hash_password(password: str) -> str:
    """argon2id PHC string of ``password`` with a fresh random salt."""
    problems = _check_password(password)
    if problems:
        raise ValidationError(problems, key="accounts.password.summary")
    return _HASHER.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True if ``password`` matches ``password_hash``; always does one full verification.

    A missing hash (OIDC-only account) is checked against the dummy hash and fails, so
    it takes as long as a real check. argon2 compares the digests in constant time.
    """
    if len(password) > MAX_PASSWORD_LENGTH:
        password = password[:MAX_PASSWORD_LENGTH]
    target = password_hash or _DUMMY_HASH
    try:
        ok = _HASHER.verify(target, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return ok and password_hash is not None


def create_user(
    store: UserStore,
    username: str,
    *,
    role: str | Role,
    password: str | None,
    display_name: str = "",
    actor: str,
    actor_role: Role = Role.ADMIN,
) -> UserRecord:
    """Create an account; every problem with the input is reported at once.

    ``password=None`` creates an account that can only log in through the identity
    provider (its role is then taken from here). ``actor``/``actor_role`` are who asks:
    only an administrator may create accounts (the CLI runs as the operator = admin).
    """
    require(actor_role, Action.ADMINISTER)
    name = _normalise_username(username)
    problems = _check_username(name)
    if password is not None:
        problems += _check_password(password)
    try:
        parsed_role = _role(role)
    except ValidationError as exc:
        problems += list(exc.problems)
        parsed_role = Role.PUBLIC
    if problems:
        raise ValidationError(problems, key="accounts.create.summary")
    record = UserRecord(
        username=name,
        role=parsed_role.value,
        display_name=display_name.strip(),
        password_hash=hash_password(password) if password is not None else None,
    )
    store.add_user(record, user=actor)
    return record


def _existing(store: UserStore, username: str) -> UserRecord:
    record = store.get_user(_normalise_username(username))
    if record is None:
        raise keyed_error(NotFoundError, "accounts.no_such_user", user=username)
    return record


def set_role(
    store: UserStore, username: str, role: str | Role, *, actor: str, actor_role: Role
) -> UserRecord:
    """Change an account's role (administrators only)."""
    require(actor_role, Action.ADMINISTER)
    record = _existing(store, username)
    return store.update_user(record.username, user=actor, role=_role(role).value)


def set_password(
    store: UserStore, username: str, password: str, *, actor: str, actor_role: Role
) -> UserRecord:
    """Set a new password (administrators, or the user for their own account)."""
    record = _existing(store, username)
    if actor != record.username:
        require(actor_role, Action.ADMINISTER)
    return store.update_user(record.username, user=actor, password_hash=hash_password(password))


def disable_user(
    store: UserStore,
    username: str,
    *,
    actor: str,
    actor_role: Role,
    disabled: bool = True,
) -> UserRecord:
    """Disable (or re-enable) an account; it is kept for the audit trail, never deleted."""
    require(actor_role, Action.ADMINISTER)
    record = _existing(store, username)
    return store.update_user(record.username, user=actor, disabled=disabled)


def edit_user(
    store: UserStore,
    current: UserRecord,
    *,
    role: str | Role,
    disabled: bool,
    password: str | None,
    actor: str,
    actor_role: Role,
) -> None:
    """Apply an administrator's edit of one account: only what changed is written.

    Why one function: the Admin page's form changes role, state and password together;
    each change is checked and audited on its own (:func:`set_role`,
    :func:`disable_user`, :func:`set_password`), in that order, and an empty password
    keeps the old one.
    """
    if _role(role).value != current.role:
        set_role(store, current.username, role, actor=actor, actor_role=actor_role)
    if disabled != current.disabled:
        disable_user(store, current.username, actor=actor, actor_role=actor_role, disabled=disabled)
    if password:
        set_password(store, current.username, password, actor=actor, actor_role=actor_role)


def verify_login(
    store: UserStore,
    username: str,
    password: str,
    *,
    source: str | None = None,
    now: float | None = None,
) -> Session:
    """Check a local login and return the new session; raise AuthError otherwise.

    Unknown, disabled and OIDC-only accounts and wrong passwords all take one argon2
    verification and give the same message. The attempt is counted *before* the
    verification, atomically in the store (:func:`_admit`), so parallel guesses cannot
    all slip under the limit. ``source`` is the client's address (``None``: one bucket
    for every attempt without one). Hashes made with older argon2 parameters are
    re-hashed.
    """
    name = _normalise_username(username)[:_MAX_USERNAME_LENGTH]
    origin = (source or UNKNOWN_SOURCE)[:_MAX_USERNAME_LENGTH]
    _admit(store, name, origin, now)
    record = store.get_user(name) if name else None
    usable = record is not None and not record.disabled
    ok = verify_password(record.password_hash if usable and record else None, password)
    if not store.read_only and name:
        store.record_login(name, success=ok, method="local")
        if ok:
            store.record_login_source(name, origin)
    if not ok or record is None:
        raise keyed_error(AuthError, "accounts.login.failed")
    if record.password_hash and _HASHER.check_needs_rehash(record.password_hash):
        store.update_user(record.username, user="system", password_hash=_HASHER.hash(password))
    return Session(
        username=record.username,
        role=Role(record.role),
        method="local",
        login_at=time.time() if now is None else now,
        display_name=record.display_name,
    )


def _admit(store: UserStore, name: str, source: str, now: float | None) -> None:
    """Record the attempt, or raise LoginThrottledError after too many recent failures.

    Per account (OWASP's lockout) and per source address (a guesser spreading over many
    accounts). A refused attempt is not recorded: otherwise a guesser could keep the
    real user locked out for ever by trying every few minutes.
    """
    if store.read_only or not name:
        return
    current = time.time() if now is None else now
    since = datetime.fromtimestamp(current - LOCKOUT_MINUTES * 60, UTC)
    verdict = store.begin_login_attempt(
        name, source, since=since, max_account=LOCKOUT_FAILURES, max_source=LOCKOUT_SOURCE_FAILURES
    )
    if verdict == "account":
        raise keyed_error(
            LoginThrottledError, "accounts.login.throttled_account", n=LOCKOUT_MINUTES
        )
    if verdict == "source":
        raise keyed_error(LoginThrottledError, "accounts.login.throttled_source", n=LOCKOUT_MINUTES)


def session_expired(login_at: float, *, hours: int, now: float | None = None) -> bool:
    """True when a session started at ``login_at`` is older than ``hours``."""
    current = time.time() if now is None else now
    return current - login_at >= hours * 3600 or login_at > current + 60


def _claim_values(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split() if v]
    if isinstance(value, Iterable):
        return [str(v) for v in value]
    return [str(value)]


_RANK: Final = {r: i for i, r in enumerate(Role)}


def role_from_claims(
    claims: Mapping[str, object],
    *,
    store: UserStore,
    role_claim: str | None,
) -> tuple[str, Role] | None:
    """Username and role for an identity-provider login, or ``None`` if it has no access.

    The account is looked up by ``email`` (then ``sub``); a table entry wins and a
    disabled one refuses access even if the claim would allow it. Otherwise the values of
    ``role_claim`` that name a role (``analytiker`` or ``est-geo-analytiker``) count and
    the highest wins. ``public`` is no access: a logged-in stranger sees no more than an
    anonymous visitor.
    """
    ident = claims.get("email") or claims.get("sub")
    if not ident:
        return None
    username = _normalise_username(str(ident))
    record = store.get_user(username)
    if record is not None:
        if record.disabled:
            return None
        role = Role(record.role)
        return (username, role) if role is not Role.PUBLIC else None
    if not role_claim:
        return None
    found: list[Role] = []
    for raw in _claim_values(claims.get(role_claim)):
        text = raw.strip().lower().removeprefix("est-geo-").removeprefix("est_geo_")
        if text in {r.value for r in Role}:
            found.append(Role(text))
    if not found:
        return None
    best = max(found, key=_RANK.__getitem__)
    return (username, best) if best is not Role.PUBLIC else None
