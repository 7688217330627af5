"""Accounts: hashing, login verification, roles from OIDC claims, expiry, CLI, audit."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pytest

from est_geo.access import accounts as auth
from est_geo.access.roles import Role
from est_geo.cli import main
from est_geo.core.errors import NotFoundError, PermissionDeniedError, StoreError, ValidationError
from est_geo.store import Store, open_store
from est_geo.store.base import UserStore

PASSWORD = "korrekt häst batteri"


def _user_store(store: Store) -> UserStore:
    if not isinstance(store, UserStore):
        # Reported in issue 7: the PostGIS backend must mirror the users table and the
        # UserStore methods; until then its account tests are expected failures.
        pytest.xfail(f"{type(store).__name__} has no users table yet")
    return store


@pytest.fixture
def users(store_factory: Callable[[], Store]) -> UserStore:
    return _user_store(store_factory())


def test_hash_is_salted_argon2id_and_verifies() -> None:
    a = auth.hash_password(PASSWORD)
    b = auth.hash_password(PASSWORD)
    assert a.startswith("$argon2id$")
    assert a != b  # fresh salt each time
    assert PASSWORD not in a
    assert auth.verify_password(a, PASSWORD)
    assert not auth.verify_password(a, PASSWORD + "x")
    assert not auth.verify_password(None, PASSWORD)
    assert not auth.verify_password("not a hash", PASSWORD)


def test_hash_is_slow() -> None:
    # RFC 9106 parameters: tens of milliseconds, never microseconds like a plain SHA-256.
    started = time.perf_counter()
    auth.verify_password(auth.hash_password(PASSWORD), PASSWORD)
    assert time.perf_counter() - started > 0.01


def test_password_rules_collect_every_problem(users: UserStore) -> None:
    with pytest.raises(ValidationError) as err:
        auth.create_user(users, "", role="boss", password="kort", actor="t")
    fields = {p.field for p in err.value.problems}
    assert fields == {"username", "password", "role"}
    assert "kort" not in str(err.value)  # the password is never echoed


def test_create_and_login(users: UserStore) -> None:
    auth.create_user(users, "Anna", role="analytiker", password=PASSWORD, actor="t")
    session = auth.verify_login(users, " anna ", PASSWORD, now=100.0)
    assert session == auth.Session("anna", Role.ANALYTIKER, "local", 100.0, "")
    with pytest.raises(auth.AuthError) as wrong:
        auth.verify_login(users, "anna", "fel lösenord!!")
    with pytest.raises(auth.AuthError) as unknown:
        auth.verify_login(users, "okand", PASSWORD)
    assert str(wrong.value) == str(unknown.value)  # no hint whether the user exists
    with pytest.raises(StoreError, match="finns redan"):
        auth.create_user(users, "anna", role="medlem", password=PASSWORD, actor="t")


def test_unknown_user_costs_a_full_verification(users: UserStore) -> None:
    auth.create_user(users, "anna", role="medlem", password=PASSWORD, actor="t")

    def timed(name: str) -> float:
        started = time.perf_counter()
        with pytest.raises(auth.AuthError):
            auth.verify_login(users, name, "fel lösenord!!")
        return time.perf_counter() - started

    known = min(timed("anna") for _ in range(3))
    unknown = min(timed("okand") for _ in range(3))
    assert unknown > known * 0.5  # dummy hash verified: same order of magnitude


def test_disable_and_set_role(users: UserStore) -> None:
    auth.create_user(users, "bo", role="medlem", password=PASSWORD, actor="t")
    auth.set_role(users, "bo", "admin", actor="t", actor_role=Role.ADMIN)
    assert auth.verify_login(users, "bo", PASSWORD).role is Role.ADMIN
    auth.disable_user(users, "bo", actor="t", actor_role=Role.ADMIN)
    with pytest.raises(auth.AuthError):
        auth.verify_login(users, "bo", PASSWORD)
    auth.disable_user(users, "bo", actor="t", actor_role=Role.ADMIN, disabled=False)
    assert auth.verify_login(users, "bo", PASSWORD).username == "bo"
    with pytest.raises(NotFoundError):
        auth.set_role(users, "saknas", "admin", actor="t", actor_role=Role.ADMIN)


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.MEDLEM, Role.ANALYTIKER])
def test_only_admins_manage_accounts(users: UserStore, role: Role) -> None:
    auth.create_user(users, "bo", role="medlem", password=PASSWORD, actor="t")
    with pytest.raises(PermissionDeniedError):
        auth.create_user(users, "x", role="admin", password=PASSWORD, actor="m", actor_role=role)
    with pytest.raises(PermissionDeniedError):
        auth.set_role(users, "bo", "admin", actor="m", actor_role=role)
    with pytest.raises(PermissionDeniedError):
        auth.disable_user(users, "bo", actor="m", actor_role=role)
    with pytest.raises(PermissionDeniedError):
        auth.set_password(users, "bo", PASSWORD, actor="m", actor_role=role)
    # ... but everyone may change their own password.
    auth.set_password(users, "bo", PASSWORD + "2", actor="bo", actor_role=Role.MEDLEM)
    assert auth.verify_login(users, "bo", PASSWORD + "2")


def test_audit_never_holds_the_hash(users: UserStore) -> None:
    record = auth.create_user(users, "anna", role="medlem", password=PASSWORD, actor="admin1")
    auth.set_password(users, "anna", PASSWORD + "!", actor="admin1", actor_role=Role.ADMIN)
    with pytest.raises(auth.AuthError):
        auth.verify_login(users, "anna", "gissning-123")
    assert isinstance(users, Store)
    log = users.audit_log()
    text = log.to_string() + "".join(str(v) for v in log["before"]) + str(list(log["after"]))
    assert record.password_hash and record.password_hash not in text
    assert "$argon2" not in text and PASSWORD not in text
    assert {"insert", "update", "login_failed"} <= set(log["action"])
    assert "password" not in repr(record) or "argon2" not in repr(record)


def test_session_expiry() -> None:
    assert not auth.session_expired(1000.0, hours=8, now=1000.0 + 8 * 3600 - 1)
    assert auth.session_expired(1000.0, hours=8, now=1000.0 + 8 * 3600)
    assert auth.session_expired(1000.0 + 3600, hours=8, now=1000.0)  # from the future


def test_role_from_claims(users: UserStore) -> None:
    auth.create_user(users, "eva@kommun.se", role="admin", password=None, actor="t")
    auth.create_user(users, "stoppad@kommun.se", role="admin", password=None, actor="t")
    auth.disable_user(users, "stoppad@kommun.se", actor="t", actor_role=Role.ADMIN)
    claims = {"email": "Eva@Kommun.se", "roles": ["medlem"]}
    assert auth.role_from_claims(claims, store=users, role_claim="roles") == (
        "eva@kommun.se",
        Role.ADMIN,  # the table wins over the claim
    )
    off = {"email": "stoppad@kommun.se", "roles": ["admin"]}
    assert auth.role_from_claims(off, store=users, role_claim="roles") is None
    other = {"email": "ny@polisen.se", "groups": ["x", "est-geo-analytiker", "medlem"]}
    assert auth.role_from_claims(other, store=users, role_claim="groups") == (
        "ny@polisen.se",
        Role.ANALYTIKER,
    )
    assert auth.role_from_claims(other, store=users, role_claim=None) is None
    assert (
        auth.role_from_claims({"email": "a@b", "roles": "public"}, store=users, role_claim="roles")
        is None
    )
    assert auth.role_from_claims({}, store=users, role_claim="roles") is None


def test_oidc_only_account_cannot_log_in_locally(users: UserStore) -> None:
    auth.create_user(users, "eva@kommun.se", role="admin", password=None, actor="t")
    with pytest.raises(auth.AuthError):
        auth.verify_login(users, "eva@kommun.se", "")


def test_read_only_store_logs_in_without_writing(
    users: UserStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    auth.create_user(users, "anna", role="medlem", password=PASSWORD, actor="t")
    assert isinstance(users, Store)
    ro = open_store(users.url, read_only=True)
    assert isinstance(ro, UserStore)
    assert auth.verify_login(ro, "anna", PASSWORD).role is Role.MEDLEM


def test_cli_user_commands(
    store_factory: Callable[[], Store],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = _user_store(store_factory()).url
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert (
        main(["user", "add", "anna", "--role", "analytiker", "--password-stdin", "--db", db]) == 0
    )
    assert (
        main(["user", "add", "eva@kommun.se", "--role", "admin", "--no-password", "--db", db]) == 0
    )
    assert main(["user", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "anna" in out and "analytiker" in out and "nej (IdP)" in out
    assert PASSWORD not in out and "argon2" not in out
    assert main(["user", "set-role", "anna", "medlem", "--db", db]) == 0
    assert main(["user", "disable", "anna", "--db", db]) == 0
    store = open_store(db)
    assert isinstance(store, UserStore)
    record = store.get_user("anna")
    assert record is not None and record.role == "medlem" and record.disabled
    assert main(["user", "enable", "anna", "--db", db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["user", "set-password", "anna", "--password-stdin", "--db", db]) == 2
    assert "minst" in capsys.readouterr().err
    # Audit says who: the CLI operator.
    assert isinstance(store, Store)
    assert store.audit_log()["user"].str.startswith("cli:").any()


def test_cli_refuses_password_argument_and_needs_a_terminal(
    store_factory: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _user_store(store_factory()).url
    with pytest.raises(SystemExit):
        main(["user", "add", "anna", "--role", "admin", "--password", PASSWORD, "--db", db])
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "add", "anna", "--role", "admin", "--db", db]) == 2


def test_repeated_failures_throttle_the_username(users: UserStore) -> None:
    # OWASP authentication cheat sheet: lock an account for a while after a few failures.
    auth.create_user(users, "anna", role="medlem", password=PASSWORD, actor="t")
    for _ in range(auth.LOCKOUT_FAILURES - 1):
        with pytest.raises(auth.AuthError) as err:
            auth.verify_login(users, "anna", "gissning-123")
        assert not isinstance(err.value, auth.LoginThrottledError)
    assert auth.verify_login(users, "anna", PASSWORD).username == "anna"  # success resets
    for _ in range(auth.LOCKOUT_FAILURES):
        with pytest.raises(auth.AuthError):
            auth.verify_login(users, "Anna ", "gissning-123")
    # Now even the right password is refused, without a verification or a new failure.
    with pytest.raises(auth.LoginThrottledError, match="15 minuter"):
        auth.verify_login(users, "anna", PASSWORD)
    assert isinstance(users, Store)
    failures = (users.audit_log()["action"] == "login_failed").sum()
    assert failures == 2 * auth.LOCKOUT_FAILURES - 1
    # Other accounts are unaffected; an unknown name is limited the same way.
    auth.create_user(users, "bo", role="medlem", password=PASSWORD, actor="t")
    assert auth.verify_login(users, "bo", PASSWORD).username == "bo"
    for _ in range(auth.LOCKOUT_FAILURES):
        with pytest.raises(auth.AuthError):
            auth.verify_login(users, "okand", "gissning-123")
    with pytest.raises(auth.LoginThrottledError):
        auth.verify_login(users, "okand", "gissning-123")
    # After the window the account opens again (clock moved 16 minutes ahead).
    later = time.time() + (auth.LOCKOUT_MINUTES + 1) * 60
    assert auth.verify_login(users, "anna", PASSWORD, now=later).username == "anna"


def test_edit_user_writes_only_what_changed(users: UserStore) -> None:
    """The Admin form's edit: an unchanged field writes nothing, each change is audited."""
    record = auth.create_user(users, "bo", role="medlem", password=PASSWORD, actor="t")
    assert isinstance(users, Store)
    before = len(users.audit_log())
    auth.edit_user(
        users, record, role="medlem", disabled=False, password="", actor="a", actor_role=Role.ADMIN
    )
    assert len(users.audit_log()) == before
    auth.edit_user(
        users, record, role="analytiker", disabled=True, password=None, actor="a",
        actor_role=Role.ADMIN,
    )  # fmt: skip
    edited = users.get_user("bo")
    assert edited is not None and edited.role == "analytiker" and edited.disabled
    assert len(users.audit_log()) == before + 2
    with pytest.raises(PermissionDeniedError):
        auth.edit_user(
            users, edited, role="admin", disabled=True, password=None, actor="m",
            actor_role=Role.ANALYTIKER,
        )  # fmt: skip
