"""Counting login attempts atomically, per account and per source (both backends).

Why: the lockout used to be checked before the password was verified and the failure
recorded after, so twelve parallel guesses all saw "4 failures so far" and all got a
verification (issue 14, item 5). Now an attempt is *recorded first*, in the same
transaction that counts the earlier ones, so the count a guess sees includes every
guess that started before it, finished or not:

- SQLite: the write transaction starts with ``BEGIN IMMEDIATE``, so count-and-insert
  runs for one attempt at a time across threads and processes;
- PostgreSQL: the transaction takes a transaction-scoped advisory lock first
  (``pg_advisory_xact_lock``), which serialises the same few statements.

The rows are audit entries: ``login_attempt`` for the account (``entity = 'session'``)
and for the source (``entity = 'login_source'``, the client address or one shared
bucket when none is known). The outcome is appended afterwards as before (``login`` /
``login_failed``); a success is also written for the source so it cancels its own
attempt there. An attempt that never reports back (a crash) keeps counting as a
failure, which errs on the safe side.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import ClassVar, Literal

from est_geo.store.sql_mixin import SQLMixin

__all__ = ["SOURCE_ENTITY", "UNKNOWN_SOURCE", "LoginThrottleMixin", "LoginVerdict"]

#: Audit entity of the per-source rows.
SOURCE_ENTITY = "login_source"
#: The bucket for attempts whose client address is unknown (local use, tests).
UNKNOWN_SOURCE = "okänd"

LoginVerdict = Literal["ok", "account", "source"]


class LoginThrottleMixin(SQLMixin):
    """``begin_login_attempt`` on top of a backend's ``_write``, ``_q`` and ``_audit``."""

    #: Run first in the counting transaction (PostgreSQL: the advisory lock).
    _LOGIN_LOCK: ClassVar[str] = ""
    #: How the backend's ``audit_log.at`` compares with a moment (text or timestamptz).
    _TEXT_TIMES: ClassVar[bool] = True

    def _moment(self, since: datetime) -> object:
        if self._TEXT_TIMES:
            return since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return since

    def begin_login_attempt(
        self,
        username: str,
        source: str,
        *,
        since: datetime,
        max_account: int,
        max_source: int,
    ) -> LoginVerdict:
        """Count, then record, one login attempt; all in one serialised transaction.

        ``"account"``: ``username`` has ``max_account`` unsuccessful attempts since
        ``since`` and its last success; ``"source"``: ``source`` has ``max_source``
        unsuccessful attempts since ``since``. A refused attempt records nothing (a
        guesser cannot keep the real user locked out by trying on); ``"ok"`` records it.
        """
        moment = self._moment(since)
        with self._write() as con:
            if self._LOGIN_LOCK:
                con.execute(self._LOGIN_LOCK)
            account = con.execute(
                self._q(
                    "SELECT count(*) FROM audit_log WHERE action = 'login_attempt' "
                    "AND entity = 'session' AND entity_id = ? AND at >= ? AND id > coalesce(("
                    "SELECT max(id) FROM audit_log WHERE action = 'login' "
                    "AND entity = 'session' AND entity_id = ?), 0)"
                ),
                (username, moment, username),
            ).fetchone()[0]
            if int(account) >= max_account:
                return "account"
            by_source = con.execute(
                self._q(
                    "SELECT coalesce(sum(CASE action WHEN 'login_attempt' THEN 1 ELSE -1 END), 0) "
                    "FROM audit_log WHERE entity = ? AND entity_id = ? AND at >= ? "
                    "AND action IN ('login_attempt', 'login')"
                ),
                (SOURCE_ENTITY, source, moment),
            ).fetchone()[0]
            if int(by_source) >= max_source:
                return "source"
            self._audit(con, username, "login_attempt", "session", username, None, None)
            self._audit(con, username, "login_attempt", SOURCE_ENTITY, source, None, None)
        return "ok"

    def record_login_source(self, username: str, source: str) -> None:
        """A successful login from ``source``: it cancels its own attempt there."""
        with self._write() as con:
            self._audit(con, username, "login", SOURCE_ENTITY, source, None, None)
