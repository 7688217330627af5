"""Concurrency and crash safety of both store backends.

* Eight writer *processes* (true parallelism, and cross-process locking — the harder
  case for the embedded file) each make 500 writes: small incident batches, some racing
  each other on the same (source, source_id), plus intervention inserts and updates.
  Afterwards no row may be lost, duplicated or altered, and the audit trail must count
  every write exactly once.
* A process importing a large file is killed with SIGKILL in the middle of its
  transaction. The store must open cleanly afterwards, hold none of that import, and
  take the same import again in full.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from est_geo.core.model import Intervention
from est_geo.store import IncidentQuery, Store, create_store, open_store
from est_geo.store.postgis import PostGISStore, close_all_pools
from tests.processes import report, run_together, wait_for_go

WRITERS = 8
WRITES = 500
#: Writes per writer: an incident batch on every fifth step, interventions on the others
#: (every fourth of those updates the writer's previous intervention instead of
#: inserting). Incident batches cost ~15 ms of pandas validation each, so they are the
#: minority that keeps the test within its time budget on a two-core machine.
INCIDENT_EVERY = 5
BATCH_ROWS = 3
#: Every fifth incident batch is the *same* rows for all writers, so eight processes race
#: to insert identical (source, source_id) pairs; exactly one copy may survive.
SHARED_EVERY = 5
KILL_ROWS = 100_000
REPO = Path(__file__).resolve().parent.parent

CATEGORIES = ("skadegorelse.klotter", "ordning.brak")


def incident_rows(source: str, ids: list[str]) -> pd.DataFrame:
    """Incidents whose every field is a function of (source, id), so corruption shows."""
    codes = np.array([sum(map(ord, f"{source}/{i}")) for i in ids], dtype=np.int64)
    n = len(ids)
    return pd.DataFrame(
        {
            "x": 560_000.0 + (codes % 10_000),
            "y": 6_490_000.0 + (codes % 7_000),
            "occurred_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(codes % 500_000, "min"),
            "has_time": [True] * n,
            "category": [CATEGORIES[int(c) % 2] for c in codes],
            "actor": ["bostadsbolag"] * n,
            "precision": ["exact"] * n,
            "description": [f"{source}/{i}" for i in ids],
            "source": [source] * n,
            "source_id": ids,
        }
    )


def intervention(writer: int, step: int) -> Intervention:
    """An intervention whose geometry and name encode who wrote it when."""
    x0 = 560_000 + writer * 1_000 + step
    return Intervention(
        name=f"w{writer}-{step}",
        kind="bom",
        status="planerad",
        owner_actor="kommun",
        start_date=None,
        end_date=None,
        geometry=box(x0, 6_490_000, x0 + 10, 6_490_010),
        description="",
    )


def _writer(url: str, writer: int) -> None:
    """One writer process: 500 writes, then report what the store said it did.

    Run in its own interpreter by :func:`tests.processes.run_together`; an error ends
    it with its traceback, which fails the test.
    """
    store = open_store(url)
    inserted = 0
    last_id: int | None = None
    updates: dict[int, str] = {}
    wait_for_go()
    for step in range(WRITES):
        if step % INCIDENT_EVERY == 0:
            batch = step // INCIDENT_EVERY
            if batch % SHARED_EVERY == 0:
                source, ids = "shared", [f"{batch}-{k}" for k in range(BATCH_ROWS)]
            else:
                source, ids = f"w{writer}", [f"{batch}-{k}" for k in range(BATCH_ROWS)]
            result = store.add_incidents(incident_rows(source, ids), user=f"w{writer}")
            inserted += result.inserted
        elif _is_update(step) and last_id is not None:
            iv = store.get_intervention(last_id)
            iv.description = f"updated by w{writer} at {step}"
            store.update_intervention(iv, user=f"w{writer}")
            updates[last_id] = iv.description
        else:
            last_id = store.add_intervention(intervention(writer, step), user=f"w{writer}")
    close = getattr(store, "close", None)
    if close is not None:
        close()
    report([writer, inserted, sorted(updates.items())])


def _is_update(step: int) -> bool:
    return step % INCIDENT_EVERY == 4


def _expected() -> tuple[int, int, int, int]:
    """(incident rows, intervention inserts, updates, incident batches per writer)."""
    batches = len(range(0, WRITES, INCIDENT_EVERY))
    shared = len(range(0, batches, SHARED_EVERY))
    own_rows = (batches - shared) * BATCH_ROWS
    other = [s for s in range(WRITES) if s % INCIDENT_EVERY != 0]
    updates = sum(1 for s in other if _is_update(s))
    inserts = len(other) - updates
    return own_rows * WRITERS + shared * BATCH_ROWS, inserts * WRITERS, updates * WRITERS, batches


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_eight_concurrent_writers_lose_and_duplicate_nothing(
    backend: str, store_factory: Callable[[], Store]
) -> None:
    """The embedded file lives on tmpfs when there is one: what is tested here is
    locking (WAL, busy timeout, BEGIN IMMEDIATE), and 4,000 fsyncs on a slow disk would
    only make the test a minute longer. The kill test below uses the real disk."""
    shm = Path("/dev/shm")
    if backend == "gpkg" and shm.is_dir() and os.access(shm, os.W_OK):
        tmp = Path(tempfile.mkdtemp(dir=shm, prefix="est-geo-conc-"))
        store = create_store(str(tmp / "conc.gpkg"))
    else:
        tmp = None
        store = store_factory()
    try:
        _run_writers(store)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


def _run_writers(store: Store) -> None:
    url = store.url
    if isinstance(store, PostGISStore):
        store.close()  # the writers open their own pools
    # Fresh interpreters, not forked or spawned children: see tests/processes.py.
    close_all_pools()
    reports = run_together(__name__, [[url, str(w)] for w in range(WRITERS)], timeout=480)

    n_incidents, n_inserts, n_updates, batches = _expected()
    df = store.incidents(IncidentQuery(with_text=True))
    # Nothing lost, nothing duplicated, and each store-reported insert is a real row.
    assert len(df) == n_incidents
    assert not df.duplicated(["source", "source_id"]).any()
    assert sum(r[1] for r in reports) == n_incidents
    # Nothing corrupt: every row equals what its (source, id) says it must be.
    for source, group in df.groupby("source"):
        want = incident_rows(str(source), list(group["source_id"]))
        np.testing.assert_array_equal(group["x"].to_numpy(), want["x"].to_numpy())
        np.testing.assert_array_equal(group["y"].to_numpy(), want["y"].to_numpy())
        assert list(group["occurred_at"]) == list(want["occurred_at"])
        assert list(group["category"]) == list(want["category"])
        assert list(group["description"]) == list(want["description"])

    ivs = store.interventions()
    assert len(ivs) == n_inserts
    assert ivs["name"].is_unique
    for rec in ivs.itertuples():
        writer, step = (int(v) for v in str(rec.name)[1:].split("-"))
        assert rec.geometry.equals(intervention(writer, step).geometry)
    final = dict(zip(ivs["id"], ivs["description"], strict=True))
    for _, _, updates in reports:
        for iv_id, text in updates:
            assert final[iv_id] == text

    log = store.audit_log(limit=100_000)
    imports = log[(log["action"] == "import") & (log["entity"] == "incidents")]
    assert len(imports) == WRITERS * batches
    iv_log = log[log["entity"] == "interventions"]
    assert (iv_log["action"] == "insert").sum() == n_inserts
    assert (iv_log["action"] == "update").sum() == n_updates
    if not isinstance(store, PostGISStore):
        with sqlite3.connect(url) as con:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- kill -9 in the middle of a large import -------------------------------------------

_CHILD = """
import sys
sys.path.insert(0, {repo!r})
from tests.test_store_concurrency import big_import
from est_geo.store import open_store
store = open_store({url!r})
print("ready", flush=True)
store.add_incidents(big_import(), user="import", batch_id="big")
print("committed", flush=True)
"""


def big_import(n: int = KILL_ROWS) -> pd.DataFrame:
    """A large, valid import (one minute apart, unique ids)."""
    i = np.arange(n)
    return pd.DataFrame(
        {
            "x": 560_000.0 + (i % 10_000),
            "y": 6_490_000.0 + (i % 9_000),
            "occurred_at": pd.Timestamp("2020-01-01") + pd.to_timedelta(i, "min"),
            "has_time": True,
            "category": np.where(i % 2 == 0, CATEGORIES[0], CATEGORIES[1]),
            "actor": "polis",
            "precision": "exact",
            "description": None,
            "source": "stor-import",
            "source_id": pd.Series(i).astype(str),
        }
    )


def _wal_bytes(url: str) -> int:
    # SQLite deletes the WAL when its last connection closes, so the file can vanish
    # between any check and the stat: ask once and treat "gone" as empty.
    try:
        return Path(url + "-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _copying_backends(store: PostGISStore) -> dict[int, int]:
    """Server pids running a COPY in this database, with the rows they have taken so far."""
    with store._connect() as con:
        rows = con.execute(
            "SELECT pid, tuples_processed FROM pg_stat_progress_copy "
            "WHERE datname = current_database()"
        ).fetchall()
    return {int(pid): int(n) for pid, n in rows}


def _alive(store: PostGISStore, pids: set[int]) -> bool:
    with store._connect() as con:
        row = con.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", (list(pids),)
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.slow
def test_kill_9_during_large_import_leaves_all_or_nothing(
    store_factory: Callable[[], Store],
) -> None:
    store = store_factory()
    store.add_incidents(incident_rows("before", ["a", "b"]), user="test")
    url = store.url
    code = _CHILD.format(repo=str(REPO), url=url)
    child = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        # Kill only once the import is demonstrably inside its write transaction:
        # the embedded store's WAL grows, PostGIS reports COPY progress.
        deadline = time.monotonic() + 120
        copying: set[int] = set()
        while time.monotonic() < deadline and child.poll() is None:
            if isinstance(store, PostGISStore):
                progress = _copying_backends(store)
                if any(n > KILL_ROWS // 10 for n in progress.values()):
                    copying = set(progress)
                    break
            elif _wal_bytes(url) > 1_000_000:
                break
            time.sleep(0.01)
        assert child.poll() is None, "the import finished before it could be killed"
        assert copying or not isinstance(store, PostGISStore)
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        if child.stdout is not None:
            child.stdout.close()

    if isinstance(store, PostGISStore):
        # The server rolls back when it sees the client gone; wait for that backend.
        deadline = time.monotonic() + 30
        while _alive(store, copying) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(store, copying)
    reopened = open_store(url)
    try:
        # Killed before commit: none of it. (Never a part of it, whatever the timing.)
        assert reopened.count_incidents() == 2
        assert "big" not in set(reopened.audit_log()["entity_id"].dropna())
        if not isinstance(reopened, PostGISStore):
            with sqlite3.connect(url) as con:
                assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                left = con.execute("SELECT count(*) FROM import_batches WHERE batch_id='big'")
                assert left.fetchone()[0] == 0
        # No lock or half-written state is left: the same import now goes through whole.
        result = reopened.add_incidents(big_import(), user="import", batch_id="big")
        assert (result.inserted, result.duplicates) == (KILL_ROWS, 0)
        assert reopened.count_incidents() == KILL_ROWS + 2
    finally:
        close = getattr(reopened, "close", None)
        if close is not None:
            close()


def test_incident_rows_are_deterministic() -> None:
    """The corruption check relies on rows being a pure function of (source, id)."""
    a = incident_rows("s", ["1", "2"])
    b = incident_rows("s", ["1", "2"])
    pd.testing.assert_frame_equal(a, b)
    assert Point(a["x"].iloc[0], a["y"].iloc[0]).is_valid


if __name__ == "__main__":
    _writer(sys.argv[1], int(sys.argv[2]))
