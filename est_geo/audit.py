"""Reading the audit trail: filters for the admin page (who, what, when, before/after).

Pure pandas so the filters are tested without a browser and behave the same in a
notebook. The trail itself is written by the store (every write, one transaction).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import pandas as pd

__all__ = ["filter_audit"]


def filter_audit(
    log: pd.DataFrame,
    *,
    users: Collection[str] | None = None,
    entities: Collection[str] | None = None,
    actions: Collection[str] | None = None,
    start: date | None = None,
    end: date | None = None,
    text: str | None = None,
) -> pd.DataFrame:
    """Rows of ``log`` (as from ``Store.audit_log``) matching every given filter.

    ``start``/``end`` are inclusive days (UTC, as stored); ``text`` is a case-insensitive
    literal (not a pattern) searched in entity id, before and after. Empty collections and
    ``None`` mean "no restriction", so an untouched filter widget filters nothing.
    """
    keep = pd.Series(True, index=log.index)
    for column, wanted in (("user", users), ("entity", entities), ("action", actions)):
        if wanted:
            keep &= log[column].isin(list(wanted))
    day = log["at"].astype(str).str.slice(0, 10)
    if start is not None:
        keep &= day >= start.isoformat()
    if end is not None:
        keep &= day < (end + timedelta(days=1)).isoformat()
    if text:
        needle = text.strip().lower()
        haystack = (
            log["entity_id"].fillna("").astype(str)
            + "\n"
            + log["before"].fillna("").astype(str)
            + "\n"
            + log["after"].fillna("").astype(str)
        ).str.lower()
        keep &= haystack.str.contains(needle, regex=False)
    return log[keep]
