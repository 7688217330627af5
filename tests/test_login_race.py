"""Parallel guesses cannot beat the login lockout (issue 14, item 5), on both backends.

Before: the limit was checked before the verification and the failure recorded after,
so 12 concurrent tabs got 12 verified guesses (limit 5), and 30 parallel guesses after
4 failures let the last, right one in. Now the attempt is counted and recorded in one
serialised transaction before any verification: exactly as many guesses are verified
as the limit leaves, whether they come from threads (one app process, many sessions)
or from processes (several app replicas on one database).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from est_geo.access import accounts as auth
from est_geo.store import Store, open_store
from est_geo.store.base import UserStore
from est_geo.store.postgis import close_all_pools
from tests.processes import report, run_together, wait_for_go

PASSWORD = "rätt-lösenord-123"
WRONG = "gissning-123"


def _account(store_factory: Callable[[], Store]) -> tuple[Store, str]:
    store = store_factory()
    assert isinstance(store, UserStore)
    auth.create_user(store, "anna", role="analytiker", password=PASSWORD, actor="t")
    return store, store.url


def _guess(store: Any, password: str, source: str | None = "198.51.100.7") -> str:
    """One login attempt: 'throttled', 'refused' (verified, wrong) or 'ok'."""
    try:
        auth.verify_login(store, "anna", password, source=source)
    except auth.LoginThrottledError:
        return "throttled"
    except auth.AuthError:
        return "refused"
    return "ok"


def _parallel(store: Store, passwords: list[str]) -> list[str]:
    """All guesses released at once from their own threads (Streamlit sessions)."""
    barrier = threading.Barrier(len(passwords))

    def one(password: str) -> str:
        barrier.wait(timeout=60)
        return _guess(store, password)

    with ThreadPoolExecutor(max_workers=len(passwords)) as pool:
        return list(pool.map(one, passwords))


def test_twelve_parallel_guesses_get_five_verifications(
    store_factory: Callable[[], Store],
) -> None:
    store, _ = _account(store_factory)
    outcomes = _parallel(store, [WRONG] * 12)
    assert outcomes.count("refused") == auth.LOCKOUT_FAILURES
    assert outcomes.count("throttled") == 12 - auth.LOCKOUT_FAILURES
    failed = (store.audit_log()["action"] == "login_failed").sum()
    assert failed == auth.LOCKOUT_FAILURES


def test_thirty_parallel_guesses_after_four_failures_get_one(
    store_factory: Callable[[], Store],
) -> None:
    store, _ = _account(store_factory)
    for _ in range(auth.LOCKOUT_FAILURES - 1):
        assert _guess(store, WRONG) == "refused"
    outcomes = _parallel(store, [WRONG] * 29 + [PASSWORD])
    verified = [o for o in outcomes if o != "throttled"]
    assert len(verified) == 1, outcomes
    # The right password only got in if it was that one guess; then the lock is lifted.
    if verified == ["ok"]:
        assert _guess(store, WRONG) == "refused"
    else:
        assert _guess(store, PASSWORD) == "throttled"


def _process_guess(url: str, password: str) -> None:
    """One app replica's guess, in its own interpreter (see :mod:`tests.processes`)."""
    store = open_store(url)
    wait_for_go()
    report(_guess(store, password))


def test_parallel_processes_share_the_limit(store_factory: Callable[[], Store]) -> None:
    """Twelve processes (app replicas) guessing at once on the same database."""
    _, url = _account(store_factory)
    close_all_pools()
    outcomes = run_together(__name__, [[url, WRONG]] * 12, timeout=240)
    assert outcomes.count("refused") == auth.LOCKOUT_FAILURES, outcomes


def test_one_source_is_limited_across_accounts(
    store_factory: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guesser spreading over many names is stopped per address, not per account."""
    limit = 3  # the real limit (20) works the same; a small one keeps the test quick
    monkeypatch.setattr(auth, "LOCKOUT_SOURCE_FAILURES", limit)
    store, _ = _account(store_factory)
    messages = []
    for i in range(limit + 3):
        with pytest.raises(auth.AuthError) as err:
            auth.verify_login(store, f"namn{i}", WRONG, source="203.0.113.9")
        messages.append(str(err.value))
    throttled = [m for m in messages if "härifrån" in m]
    assert len(throttled) == 3 and len(messages) - len(throttled) == limit
    # Another address is not affected, and successes do not count against a source.
    for _ in range(limit + 2):
        assert _guess(store, PASSWORD, source="198.51.100.1") == "ok"


@pytest.mark.parametrize("n", [12])
def test_unknown_source_is_one_bucket(store_factory: Callable[[], Store], n: int) -> None:
    store, _ = _account(store_factory)
    for i in range(n):
        with pytest.raises(auth.AuthError):
            auth.verify_login(store, f"x{i}", WRONG, source=None)
    log = store.audit_log()
    rows = log[(log["entity"] == "login_source") & (log["action"] == "login_attempt")]
    assert set(rows["entity_id"]) == {"okänd"} and len(rows) == n


if __name__ == "__main__":
    _process_guess(*sys.argv[1:3])
