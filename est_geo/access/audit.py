"""Reading the audit trail: filters for the admin page (who, what, when, before/after).

Pure pandas so the filters are tested without a browser and behave the same in a
notebook. The trail itself is written by the store (every write, one transaction).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from datetime import date, timedelta
from typing import Any

import pandas as pd

from est_geo.i18n import MESSAGES, translate

__all__ = ["changes_text", "code_label", "filter_audit"]

#: Fields an audit entry keeps only for bookkeeping: not shown as a change.
_BOOKKEEPING = frozenset({"id", "created_at", "created_by", "updated_at"})
_MAX_VALUE_CHARS = 80


def code_label(kind: str, code: object, lang: str = "sv") -> str:
    """A stored code in words: ``code_label("action", "upsert")`` → 'sparad (ny eller ändrad)'.

    ``kind`` is ``action``, ``entity`` or ``field``; an unknown code is shown as it is
    (a newer store may write codes this version does not know), never as an error.
    """
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return "–"
    key = f"audit.{kind}.{code}"
    return translate(key, lang) if key in MESSAGES else str(code)


def _as_dict(value: object) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, str) and value.strip():
        try:
            parsed = json.loads(value)
        except ValueError:
            return {"": value}
        return parsed if isinstance(parsed, dict) else {"": parsed}
    return {}


def _value_text(value: object, shown: Callable[[str, object], str] | None, field: str) -> str:
    if value is None or value == "":
        return "–"
    text = shown(field, value) if shown is not None else str(value)
    return text if len(text) <= _MAX_VALUE_CHARS else text[: _MAX_VALUE_CHARS - 1] + "…"


def changes_text(
    before: object,
    after: object,
    *,
    lang: str = "sv",
    shown: Callable[[str, object], str] | None = None,
) -> str:
    """What an audit entry changed, in words.

    E.g. 'Status: ej påbörjad → pågår; Klart senast: – → 2026-11-15'.

    ``before``/``after`` are the stored JSON texts (or dicts). A new record lists its
    filled fields, a deleted one what it held. ``shown(field, value)`` may turn a code
    into its label (an actor code into "Bostadsbolag"). Why: the raw JSON is unreadable
    for the meeting that asks "who moved the deadline".
    """
    old, new = _as_dict(before), _as_dict(after)
    parts: list[str] = []
    for field in [*old, *(k for k in new if k not in old)]:
        if field in _BOOKKEEPING:
            continue
        a, b = old.get(field), new.get(field)
        if a == b or (not old and b in (None, "")):
            continue
        name = code_label("field", field, lang) if field else ""
        prefix = f"{name}: " if name else ""
        if not old:
            parts.append(prefix + _value_text(b, shown, field))
        elif not new:
            parts.append(prefix + _value_text(a, shown, field))
        else:
            parts.append(f"{prefix}{_value_text(a, shown, field)} → {_value_text(b, shown, field)}")
    return "; ".join(parts) or "–"


def date_bounds(days: object) -> tuple[date | None, date | None]:
    """First and last day of a date-range widget's value: both, only the first, or neither.

    A range widget returns ``()`` untouched, ``(start,)`` while the second day is being
    picked and ``(start, end)`` when done; anything else restricts nothing.
    """
    if isinstance(days, tuple) and len(days) == 2:
        return days[0], days[1]
    if isinstance(days, tuple) and len(days) == 1:
        return days[0], None
    return None, None


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
