"""Element trees and session state of a page run, compared with a recorded fixture.

Why: pages are reshaped into thin wiring over ``ui/`` (issue 17 item 5) and must behave
exactly as before. The old script's tree (every element's protobuf: widget ids, labels,
options, defaults, texts, tables, charts, map payload) and its session state were
recorded once per role × scenario, from the page as it was on main before the move, into
``tests/page_trees/<page>.json``. The test drives the current page through the same
scenarios and compares, so it keeps proving equality after the old script is gone.

Only what changes between two runs of the *same* code is normalised away: the
download buttons' file ids, folium's random element ids, uuids, the data footer's
"last updated" clock time, and widget ids' hashes are kept (they hash a widget's label,
options and defaults, so they are a check in themselves).

To record after an intended change of a page's behaviour:
``RECORD_PAGE_TREES=1 .venv/bin/python -m pytest tests/test_page_equivalence.py -k <page>``
and review the fixture's diff.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import time_machine
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

FIXTURES = Path(__file__).resolve().parent / "page_trees"
RECORD = os.environ.get("RECORD_PAGE_TREES") == "1"

#: Long strings (a map's script) are kept as a prefix and a hash of the whole.
_LONG = 400
#: When the trees were recorded: the equivalence tests run the pages on this day (see
#: tests/test_page_equivalence.py), so a tree holds no date that moves with the calendar.
RECORDED_AT = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
_TODAY = RECORDED_AT.date()
_E = r"\\?"  # markdown escapes a date's "-" and ":" in some texts


def _clock_time(day: date) -> re.Pattern[str]:
    """A clock time on ``day`` (the data footer's "updated", an audit or demo-end stamp)."""
    return re.compile(
        f"{day:%Y}{_E}-{day:%m}{_E}-{day:%d}"
        rf"[T ]\d{{2}}{_E}:\d{{2}}({_E}:\d{{2}}(\.\d+)?)?(Z|\+00{_E}:00)?"
    )


def _volatile() -> list[tuple[re.Pattern[str], str]]:
    """What changes from run to run, and what it is replaced with.

    A clock time is volatile on the recording day and on the real day of this run: the
    test database is written before the clock is stood still (see ``RECORDED_AT``).
    """
    return _patterns(time_machine.escape_hatch.datetime.date.today())


@functools.cache
def _patterns(real_today: date) -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r"\b[0-9a-f]{32}\b"), "<hex32>"),  # folium element ids, uuid4().hex
        (re.compile(r"\b1[0-9]{9}\.[0-9]+\b"), "<clock>"),  # time.time() of a login
        *((_clock_time(day), "<now>") for day in sorted({_TODAY, real_today})),
        # ... and today's date (a date field's default).
        (re.compile(f"{_TODAY:%Y}{_E}[-/]{_TODAY:%m}{_E}[-/]{_TODAY:%d}"), "<today>"),
    ]


_DROP = {"deferredFileId"}


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in _DROP:
                continue
            if k == "arrowData" and isinstance(v, dict) and "data" in v:
                out[k] = _arrow_rows(v["data"])
                continue
            out[k] = _normalise(v)
        return out
    if isinstance(value, list):
        return [_normalise(v) for v in value]
    if isinstance(value, str):
        for pattern, repl in _volatile():
            value = pattern.sub(repl, value)
        if len(value) > _LONG:
            digest = hashlib.sha256(value.encode()).hexdigest()[:16]
            return f"{value[:120]}…<{len(value)} chars sha256 {digest}>"
        return value
    return value


def _arrow_rows(data_b64: str) -> Any:
    """A dataframe's Arrow bytes as column names and rows (the bytes carry library versions)."""
    import base64

    table = pa.ipc.open_stream(base64.b64decode(data_b64)).read_all()
    return {
        "columns": table.column_names,
        "rows": _normalise(json.loads(json.dumps(table.to_pylist(), default=str))),
    }


def _walk(node: Any, out: list[Any]) -> list[Any]:
    if isinstance(node, Block):
        proto = getattr(node, "proto", None)
        out.append({"block": node.type, "proto": _normalise(MessageToDict(proto) if proto else {})})
        children: list[Any] = []
        for child in node.children.values():
            _walk(child, children)
        out[-1]["children"] = children
    else:
        out.append({node.type: _normalise(MessageToDict(node.proto))})
    return out


def _state(at: AppTest) -> dict[str, str]:
    """The user-facing session state: every key not Streamlit's own, values as text."""
    state = at.session_state._state.filtered_state  # private: no public listing
    return {
        str(key): _normalise(_text(state[key]))
        for key in sorted(state, key=str)
        if not str(key).startswith("$$")
    }


def _text(value: Any) -> str:
    """A value as stable text: containers by their items, objects by their repr without ids."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    text = repr(value)
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def snapshot(at: AppTest) -> dict[str, Any]:
    """The element tree and session state of the last run, normalised."""
    return {
        "exception": [e.value for e in at.exception],
        "tree": _walk(at._tree, []),
        "state": _state(at),
    }


def check(page: str, case: str, at: AppTest) -> None:
    """Compare the run with the recorded case (or record it when asked to)."""
    path = FIXTURES / f"{page}.json"
    recorded: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else {}
    now = json.loads(json.dumps(snapshot(at), default=str))
    if RECORD:
        recorded[case] = now
        FIXTURES.mkdir(exist_ok=True)
        path.write_text(
            json.dumps(recorded, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
        )
        return
    if case not in recorded:
        raise AssertionError(f"no recorded tree for {page}/{case} in {path}")
    for part in ("exception", "state", "tree"):
        where = _difference(recorded[case][part], now[part], part)
        if where is not None:
            raise AssertionError(f"{page}/{case} differs from the recording at {where}")


def _difference(old: Any, new: Any, path: str) -> str | None:
    """Where ``new`` first differs from ``old``, with both values there (None if equal)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new)):
            if key not in old or key not in new:
                return f"{path}.{key}: recorded {old.get(key)!r}, now {new.get(key)!r}"
            found = _difference(old[key], new[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for i, (a, b) in enumerate(zip(old, new, strict=False)):
            found = _difference(a, b, f"{path}[{i}]")
            if found:
                return found
        if len(old) != len(new):
            return f"{path}: recorded {len(old)} items, now {len(new)}: {new[len(old) :]!r:.300}"
        return None
    if old != new:
        return f"{path}: recorded {old!r:.300}, now {new!r:.300}"
    return None


Scenario = Callable[[AppTest], None]
