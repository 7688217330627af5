"""The in-memory read path (:mod:`est_geo.store.columns`) against the store's own answers.

For random queries (period bounds to the second, categories, actors, boxes whose edges
sit on stored points, weekdays, hours) and polygons, the columns must keep exactly the
rows :meth:`Store.incidents` returns and count exactly as :meth:`Store.counts_within`
and :meth:`Store.weekday_hour_profile` — on both backends. The cache must see every
write and only writes.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import Polygon, box

from est_geo.hotspots.grid import Grid, count_points
from est_geo.store import IncidentQuery, Store, create_store, open_store
from est_geo.store import columns as columns_module
from est_geo.store.columns import (
    IncidentColumns,
    clear_cache,
    incident_columns,
    load_columns,
)
from tests.conftest import small_areas
from tests.test_store_pushdown import POLYGON, constructed

CATEGORIES = ("skadegorelse.klotter", "ordning.brak", "samling.trapphus", "ordning.vald")
ACTORS = ("bostadsbolag", "kommun", "polis")
T0 = datetime(2025, 1, 1)
N_RANDOM = 300


def random_incidents(n: int = N_RANDOM, seed: int = 7) -> pd.DataFrame:
    """Incidents spread over a year and a 2 × 2 km square, some on whole metres and
    at midnight so bounds land exactly on them."""
    rng = np.random.default_rng(seed)
    seconds = rng.integers(0, 365 * 86_400, n)
    seconds[::5] = (seconds[::5] // 86_400) * 86_400  # every fifth at midnight
    x = 564_000 + rng.uniform(0, 2_000, n)
    y = 6_492_000 + rng.uniform(0, 2_000, n)
    x[::3] = np.round(x[::3])
    y[::3] = np.round(y[::3])
    return pd.DataFrame(
        {
            "x": x,
            "y": y,
            "occurred_at": pd.to_datetime(T0) + pd.to_timedelta(seconds, unit="s"),
            "has_time": rng.random(n) > 0.2,
            "category": rng.choice(CATEGORIES, n),
            "actor": rng.choice(ACTORS, n),
            "precision": rng.choice(("exact", "street", "area"), n),
            "description": [f"r{i}" for i in range(n)],
            "source": ["random"] * n,
            "source_id": [f"r{i}" for i in range(n)],
        }
    )


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_incidents(random_incidents(), user="test")
    store.add_incidents(constructed(), user="test")
    clear_cache()
    return store


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    cols = ["x", "y", "occurred_at", "has_time", "category", "actor", "precision"]
    picked = frame[cols].copy()
    picked["occurred_at"] = picked["occurred_at"].astype("datetime64[s]")
    return sorted(picked.itertuples(index=False, name=None))


_COORDS = random_incidents()


@st.composite
def queries(draw: st.DrawFn) -> IncidentQuery:
    def bound() -> date | datetime | None:
        kind = draw(st.sampled_from(("none", "date", "second")))
        if kind == "none":
            return None
        offset = draw(st.integers(-10, 400 * 86_400))
        moment = T0 + timedelta(seconds=offset)
        return moment.date() if kind == "date" else moment

    bbox = None
    if draw(st.booleans()):
        i, j = draw(st.integers(0, N_RANDOM - 1)), draw(st.integers(0, N_RANDOM - 1))
        xs = sorted((float(_COORDS["x"][i]), float(_COORDS["x"][j])))
        ys = sorted((float(_COORDS["y"][i]), float(_COORDS["y"][j])))
        bbox = (xs[0], ys[0], xs[1], ys[1])
    names = st.frozensets(st.sampled_from((*CATEGORIES, "okand.kategori")), max_size=3)
    return IncidentQuery(
        start=bound(),
        end=bound(),
        categories=draw(st.none() | names),
        actors=draw(st.none() | st.frozensets(st.sampled_from(ACTORS), max_size=2)),
        bbox=bbox,
        weekdays=draw(st.none() | st.frozensets(st.integers(0, 6), max_size=4)),
        hours=draw(st.none() | st.frozensets(st.integers(0, 23), max_size=6)),
    )


_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_SETTINGS
@given(query=queries())
def test_select_keeps_the_rows_the_store_returns(filled: Store, query: IncidentQuery) -> None:
    selection = incident_columns(filled).select(query)
    expected = filled.incidents(query)
    assert len(selection) == len(expected) == filled.count_incidents(query)
    assert _rows(selection.frame()) == _rows(expected)


@_SETTINGS
@given(
    query=queries(),
    by=st.sampled_from(
        [(), ("category",), ("month",), ("category", "month"), ("month", "category")]
    ),
    shape=st.sampled_from(["pentagon", "square"]),
)
def test_counts_within_equal_the_store(
    filled: Store, query: IncidentQuery, by: tuple[str, ...], shape: str
) -> None:
    polygon: Polygon = (
        POLYGON if shape == "pentagon" else box(564_500, 6_492_500, 565_500, 6_493_700)
    )
    selection = incident_columns(filled).select(query, within=polygon)
    got = selection.counts(by)
    pd.testing.assert_frame_equal(got, filled.counts_within(polygon, by=by, query=query))
    profile = selection.weekday_hour_profile()
    reference = filled.weekday_hour_profile(polygon, query=query)
    assert profile.matrix.tolist() == reference.matrix.tolist()
    assert profile.by_weekday.tolist() == reference.by_weekday.tolist()
    assert (profile.n_total, profile.n_without_time) == (
        reference.n_total,
        reference.n_without_time,
    )


def test_profile_everywhere_and_cells_and_summaries(filled: Store) -> None:
    query = IncidentQuery(start=date(2025, 3, 1), end=date(2025, 9, 1))
    selection = incident_columns(filled).select(query)
    frame = filled.incidents(query)
    reference = filled.weekday_hour_profile(query=query)
    assert selection.weekday_hour_profile().matrix.tolist() == reference.matrix.tolist()
    grid = Grid.covering((563_900, 6_491_900, 566_100, 6_494_100), 100)
    expected = count_points(grid, frame["x"], frame["y"]).counts
    assert selection.cell_counts(grid).tolist() == expected.tolist()
    assert selection.by_category() == frame["category"].value_counts().to_dict()
    months = frame["occurred_at"].dt.strftime("%Y-%m").value_counts().to_dict()
    assert selection.by_month() == months


def test_empty_store_and_empty_selection(store: Store) -> None:
    clear_cache()
    cols = incident_columns(store)
    assert len(cols) == 0
    selection = cols.select(IncidentQuery(categories=frozenset({"ordning.brak"})))
    assert len(selection) == 0
    assert selection.counts(()).to_dict("list") == {"n": [0]}
    assert selection.counts(("category", "month")).empty
    assert selection.by_month() == {}
    assert selection.frame().empty


def test_cache_is_shared_and_reloaded_after_a_write(store: Store) -> None:
    clear_cache()
    store.add_incidents(random_incidents(50), user="test")
    first = incident_columns(store)
    assert incident_columns(open_store(store.url)) is first  # one copy per URL and state
    stamp = store.data_stamp()
    duplicates = store.add_incidents(random_incidents(50), user="test")
    assert duplicates.inserted == 0
    assert store.data_stamp() == stamp  # nothing written, nothing to reload
    assert incident_columns(store) is first
    more = random_incidents(20, seed=8).assign(source="more")
    store.add_incidents(more, user="test")
    assert store.data_stamp() != stamp
    second = incident_columns(store)
    assert second is not first
    assert len(second) == 70
    assert len(second.select(IncidentQuery(bbox=(0, 0, 1e7, 1e7)))) == 70


def test_a_replaced_file_is_never_taken_for_the_old_one(tmp_path: Path) -> None:
    """``est-geo demo --replace`` renames a new file over the old: same URL, same row
    count and fids, other incidents. The random write token tells them apart."""
    clear_cache()
    paths = [tmp_path / "a.gpkg", tmp_path / "b.gpkg"]
    for seed, path in enumerate(paths):
        s = create_store(str(path))
        s.add_areas(small_areas(), user="test")
        s.add_incidents(random_incidents(30, seed=seed), user="test")
    live = tmp_path / "live.gpkg"
    shutil.copy(paths[0], live)
    before = incident_columns(open_store(str(live)))
    shutil.copy(paths[1], live)
    after = incident_columns(open_store(str(live)))
    assert after is not before
    assert after.x.tolist() != before.x.tolist()


def test_load_reads_what_the_store_holds(filled: Store) -> None:
    cols = load_columns(filled)
    assert len(cols) == filled.count_incidents()
    assert np.all(np.diff(cols.t) >= 0)  # sorted by time: periods are binary searches
    assert cols.nbytes / len(cols) <= 30
    assert set(cols.categories) == set(filled.incidents()["category"])


def _same(a: IncidentColumns, b: IncidentColumns) -> None:
    """Same incidents in the same time order (ties may differ: compare sorted rows)."""

    def rows(c: IncidentColumns) -> list[tuple[object, ...]]:
        return sorted(
            zip(
                c.t.tolist(),
                c.x.tolist(),
                c.y.tolist(),
                c.has_time.tolist(),
                [c.categories[i] for i in c.category],
                [c.actors[i] for i in c.actor],
                [c.precisions[i] for i in c.precision],
                strict=True,
            )
        )

    assert np.all(np.diff(a.t) >= 0)
    assert rows(a) == rows(b)


def test_a_write_adds_only_its_rows(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a write the cache reads the new rows only (one reported incident must not
    cost the next visitor a reload of a million rows) and equals a full load."""
    clear_cache()
    store.add_incidents(random_incidents(200), user="test")
    first = incident_columns(store)

    def no_full_load(*args: object, **kwargs: object) -> None:
        raise AssertionError("full load after an append")

    monkeypatch.setattr(columns_module, "load_columns", no_full_load)
    new = random_incidents(7, seed=11).assign(source="rapport", category="skadegorelse.brand")
    store.add_incidents(new, user="test")
    second = incident_columns(store)
    assert len(second) == 207
    assert "skadegorelse.brand" in second.categories
    monkeypatch.undo()
    _same(second, load_columns(store))
    assert len(second.select(IncidentQuery(categories=frozenset({"skadegorelse.brand"})))) == 7
    assert first.max_fid < second.max_fid


def test_two_writes_or_a_deletion_load_everything_again(tmp_path: Path) -> None:
    clear_cache()
    store = create_store(str(tmp_path / "s.gpkg"))
    store.add_incidents(random_incidents(100), user="test")
    incident_columns(store)
    for i in range(2):  # two writes since the cached state: the chain is broken
        store.add_incidents(random_incidents(5, seed=20 + i).assign(source=f"w{i}"), user="t")
    _same(incident_columns(store), load_columns(store))
    # Another tool deletes a row, then the app writes: the count tells.
    with sqlite3.connect(tmp_path / "s.gpkg") as con:
        con.execute("DELETE FROM incidents WHERE fid = 3")
    store.add_incidents(random_incidents(4, seed=30).assign(source="after"), user="test")
    after = incident_columns(store)
    assert len(after) == 100 + 10 - 1 + 4
    _same(after, load_columns(store))


def _row_path(store: Store) -> object:
    """``store`` without its whole-column reader: the rows of ``incident_column_chunks``."""

    class RowsOnly:
        def __getattr__(self, name: str) -> object:
            if name == "incident_column_batches":
                raise AttributeError(name)
            return getattr(store, name)

    return RowsOnly()


def test_column_reader_equals_the_row_reader(filled: Store) -> None:
    """GDAL's Arrow reader (GeoPackage) gives exactly what the sqlite3 rows give."""
    fast, rows = load_columns(filled), load_columns(_row_path(filled))  # type: ignore[arg-type]
    for name in ("x", "y", "t", "has_time", "category", "actor", "precision"):
        assert np.array_equal(getattr(fast, name), getattr(rows, name)), name
    assert (fast.categories, fast.actors, fast.precisions, fast.max_fid) == (
        rows.categories,
        rows.actors,
        rows.precisions,
        rows.max_fid,
    )


def test_column_reader_falls_back_to_rows_when_gdal_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyogrio.errors import DataSourceError

    from est_geo.store import gpkg

    store = create_store(str(tmp_path / "s.gpkg"))
    store.add_incidents(random_incidents(40), user="test")
    expected = load_columns(store)

    def refuse(*args: object, **kwargs: object) -> None:
        raise DataSourceError("no such function: unixepoch")

    monkeypatch.setattr(gpkg.pyogrio.raw, "open_arrow", refuse)
    _same(load_columns(store), expected)


def test_warm_up_loads_once_while_sessions_ask(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The background warm-up and two sessions asking at the same moment share one
    load (they wait on it, none starts a second), and the result is a normal load's."""
    import threading

    clear_cache()
    store = create_store(str(tmp_path / "s.gpkg"))
    store.add_incidents(random_incidents(120), user="test")
    real_load = columns_module.load_columns
    started, release = threading.Event(), threading.Event()
    loads: list[int] = []

    def slow_load(s: Store, *, stamp: str | None = None) -> IncidentColumns:
        loads.append(1)
        started.set()
        release.wait(10)
        return real_load(s, stamp=stamp)

    monkeypatch.setattr(columns_module, "load_columns", slow_load)
    warmer = columns_module.warm_columns(store)
    assert warmer is not None
    assert started.wait(10)
    assert columns_module.warm_columns(store) is None  # one warmer per store
    got: list[IncidentColumns] = []
    sessions = [
        threading.Thread(target=lambda: got.append(incident_columns(store))) for _ in range(2)
    ]
    for session in sessions:
        session.start()
    release.set()
    for thread in (warmer, *sessions):
        thread.join(10)
    assert len(loads) == 1
    assert len(got) == 2 and got[0] is got[1] is incident_columns(store)
    monkeypatch.undo()
    _same(got[0], load_columns(store))


def test_warmer_reloads_after_another_process_writes(tmp_path: Path) -> None:
    """With ``every``, a change made elsewhere (here a deletion, not an append) is
    loaded in the background, so the next visitor finds it ready."""
    import time

    clear_cache()
    path = tmp_path / "s.gpkg"
    store = create_store(str(path))
    store.add_incidents(random_incidents(60), user="test")
    warmer = columns_module.warm_columns(store, every=0.05)
    assert warmer is not None
    deadline = time.monotonic() + 20
    while columns_module._CACHE.get(store.url) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    with sqlite3.connect(path) as con:
        con.execute("DELETE FROM incidents WHERE fid = 3")
    stamp = store.data_stamp()
    while time.monotonic() < deadline:
        cached = columns_module._CACHE.get(store.url)
        if cached is not None and cached.stamp == stamp:
            break
        time.sleep(0.02)
    assert cached is not None and cached.stamp == stamp and len(cached) == 59
    del store, cached  # the warmer holds the store weakly: it stops
    warmer.join(5)
    assert not warmer.is_alive()


def _foreign_write(store: Store, statement: str) -> None:
    """``statement`` run by another tool: plain sqlite3 on the file (QGIS, DB Browser)
    or its own PostgreSQL connection (psql), committed."""
    if store.url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(store.url, autocommit=True) as con:
            con.execute(statement.encode())
        return
    con = sqlite3.connect(store.url)
    try:
        con.execute(statement)
        con.commit()
    finally:
        con.close()


def _move(store: Store, metres: int, fid: str) -> str:
    """SQL moving incident ``fid`` east (PostGIS derives x/y from the geometry)."""
    if store.url.startswith("postgresql"):
        return f"UPDATE incidents SET geom = ST_Translate(geom, {metres}, 0) WHERE fid = {fid}"
    return f"UPDATE incidents SET x = x + {metres} WHERE fid = {fid}"


def test_edits_in_place_by_another_tool_reload_the_columns(store: Store) -> None:
    """A row changed in place by another tool leaves the count and the highest fid as
    they were; the edit count the triggers keep (schema 8) changes the stamp, so the
    columns are read again (issue 18), and an append after it is no plain append."""
    clear_cache()
    store.add_incidents(random_incidents(40), user="test")
    first = incident_columns(store)
    stamp = store.data_stamp()
    _foreign_write(
        store,
        "UPDATE incidents SET category = 'skadegorelse.brand' "
        "WHERE fid = (SELECT min(fid) FROM incidents)",
    )
    assert store.data_stamp() != stamp
    second = incident_columns(store)
    assert second is not first
    _same(second, load_columns(store))
    assert len(second.select(IncidentQuery(categories=frozenset({"skadegorelse.brand"})))) >= 1
    # Edited in place, then the app appends: the token chain holds, the edit count not.
    _foreign_write(store, _move(store, 250, "(SELECT max(fid) FROM incidents) - 3"))
    store.add_incidents(random_incidents(3, seed=31).assign(source="after"), user="test")
    third = incident_columns(store)
    _same(third, load_columns(store))
    assert len(third) == 43
    # After a deletion by the other tool, a row moved: the stamp changes again.
    _foreign_write(store, "DELETE FROM incidents WHERE fid = (SELECT min(fid) FROM incidents)")
    stamp = store.data_stamp()
    _foreign_write(store, _move(store, 1, "(SELECT min(fid) FROM incidents)"))
    assert store.data_stamp() != stamp
    _same(incident_columns(store), load_columns(store))


def test_upgrade_from_schema_7_counts_edits(tmp_path: Path) -> None:
    """A file made before schema 8 gets the edit triggers and count on opening."""
    path = tmp_path / "old.gpkg"
    store = create_store(str(path))
    store.add_incidents(random_incidents(10), user="test")
    with sqlite3.connect(path) as con:
        for event in ("update", "delete"):
            con.execute(f"DROP TRIGGER incidents_edits_{event}")
        con.execute("DELETE FROM est_meta WHERE key = 'incidents_edits'")
        con.execute("UPDATE est_meta SET value = '7' WHERE key = 'schema_version'")
    con.close()
    upgraded = open_store(str(path))
    assert upgraded.meta()["incidents_edits"] == "0"
    stamp = upgraded.data_stamp()
    _foreign_write(upgraded, _move(upgraded, 5, "(SELECT min(fid) FROM incidents)"))
    assert upgraded.meta()["incidents_edits"] == "1"
    assert upgraded.data_stamp() != stamp


def test_a_box_edge_is_exact_on_both_backends(store: Store) -> None:
    """Points 1 cm beyond a box's edge are outside it for the store and the columns
    alike (PostGIS's ``&&`` alone compares float4 boxes rounded outwards: it kept them;
    found by hypothesis in the contract tests above)."""
    clear_cache()
    frame = random_incidents(4)
    frame["x"] = [565_000.0, 565_000.01, 564_999.99, 565_000.0]
    frame["y"] = [6_493_000.0, 6_493_000.0, 6_493_000.0, 6_493_000.01]
    store.add_incidents(frame, user="test")
    query = IncidentQuery(bbox=(564_000.0, 6_492_000.0, 565_000.0, 6_493_000.0))
    assert store.count_incidents(query) == 2
    assert len(store.incidents(query)) == 2
    assert len(incident_columns(store).select(query)) == 2
