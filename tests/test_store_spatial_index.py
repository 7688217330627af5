"""The incidents' spatial index and the scope queries that use it (issue 13 item 8).

The Åtgärder scope analysis asks six ``counts_within`` / ``weekday_hour_profile``
questions per closed shape. On the GeoPackage they used only the (x, y) B-tree, which
can narrow x but not y, so every query walked a strip the full height of the
municipality over all time. Schema 7 gives the file an R*Tree over x, y and time,
kept current by triggers (and filled in one pass by a bulk import); PostGIS has its
GiST index. These tests check, on both backends, that the scope statement *can* use the
index (its plan names it), and on the GeoPackage that the R*Tree follows every kind of
write and is built by the upgrade. That the answers stay identical is the push-down
contract (``tests/test_store_pushdown.py``). Speed is measured by
``bench/bench_scope.py``, not here.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from est_geo.store import IncidentQuery, Store, create_store, geom, gpkg_bulk, open_store
from est_geo.store import gpkg as gpkg_module
from est_geo.store.gpkg import GeoPackageStore
from est_geo.store.postgis import PostGISStore
from est_geo.store.rtree_pack import pack_rtree, rtree_node_size, write_packed_rtree
from est_geo.store.schema import SCHEMA_VERSION
from tests.conftest import small_areas, small_incidents

SHAPE = box(564_800, 6_493_000, 565_050, 6_493_200)
YEAR = IncidentQuery(start=datetime(2025, 1, 1), end=datetime(2026, 1, 1))


def _rtree(store: GeoPackageStore) -> pd.DataFrame:
    with store._connect() as con:
        rows = con.execute("SELECT id, minx, maxx, miny, maxy, mint, maxt FROM incidents_rtree")
        return pd.DataFrame(
            rows.fetchall(), columns=["id", "minx", "maxx", "miny", "maxy", "mint", "maxt"]
        )


def _stored(store: GeoPackageStore) -> pd.DataFrame:
    with store._connect() as con:
        rows = con.execute(
            "SELECT fid, x, y, julianday(occurred_at) - 2451545.0 FROM incidents"
        ).fetchall()
    return pd.DataFrame(rows, columns=["id", "x", "y", "t"])


def _assert_index_matches(store: GeoPackageStore) -> None:
    """One box per incident, holding its exact x, y and time (boxes round outwards)."""
    index, rows = _rtree(store), _stored(store)
    assert sorted(index["id"]) == sorted(rows["id"])
    both = rows.merge(index, on="id")
    assert (both["minx"] <= both["x"]).all() and (both["x"] <= both["maxx"]).all()
    assert (both["miny"] <= both["y"]).all() and (both["y"] <= both["maxy"]).all()
    assert (both["mint"] <= both["t"]).all() and (both["t"] <= both["maxt"]).all()
    assert ((both["maxx"] - both["minx"]) < 1.0).all()  # float32 at 6.5e6 m: < 1 m
    with store._connect() as con:  # SQLite's own check of nodes, parents and rowids
        assert con.execute("SELECT rtreecheck('incidents_rtree')").fetchone()[0] == "ok"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture
def gpkg(tmp_path: Path) -> GeoPackageStore:
    store = create_store(str(tmp_path / "index.gpkg"))
    assert isinstance(store, GeoPackageStore)
    store.add_areas(small_areas(), user="test")
    return store


# --------------------------------------------------------------------------- both backends


def _plan(store: Store) -> str:
    """The plan of the scope statement for SHAPE and a year, as text."""
    if isinstance(store, GeoPackageStore):
        sql, params = store._within_sql(SHAPE, "category", YEAR)
        with store._connect() as con:
            rows = con.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        return "\n".join(str(r[-1]) for r in rows)
    assert isinstance(store, PostGISStore)
    sql, params = store._counts_within_sql(SHAPE, ("category",), YEAR)
    with store._connect() as con:
        # A handful of rows would be scanned whatever the indexes; forbid the scan to
        # see whether the statement can use the index at all.
        con.execute("SET enable_seqscan = off")
        rows = con.execute(f"EXPLAIN {sql}", params).fetchall()  # type: ignore[arg-type]
    return "\n".join(str(r[0]) for r in rows)


def test_scope_queries_use_the_spatial_index(store: Store) -> None:
    store.add_incidents(small_incidents(50), user="test")
    plan = _plan(store)
    if isinstance(store, GeoPackageStore):
        # the R*Tree is the outer loop, each hit one rowid lookup: no strip on incidents_xy
        assert "SCAN r VIRTUAL TABLE INDEX" in plan, plan
        assert "INTEGER PRIMARY KEY (rowid=?)" in plan, plan
        assert "incidents_xy" not in plan and "incidents_time" not in plan, plan
    else:
        assert "incidents_geom_gist" in plan, plan


def test_scope_counts_see_new_and_moved_incidents(store: Store) -> None:
    inside = small_incidents(3).assign(x=564_900.0, y=6_493_100.0)
    store.add_incidents(inside, user="test")
    assert int(store.counts_within(SHAPE, by=())["n"].iloc[0]) == 3
    later = small_incidents(5).assign(
        x=565_000.0, y=6_493_000.0, source_id=[f"later-{i}" for i in range(5)]
    )
    store.add_incidents(later, user="test")
    assert int(store.counts_within(SHAPE, by=())["n"].iloc[0]) == 8


# --------------------------------------------------------------------------- GeoPackage


def test_rtree_follows_inserts_updates_and_deletes(gpkg: GeoPackageStore) -> None:
    gpkg.add_incidents(small_incidents(40), user="test")
    _assert_index_matches(gpkg)
    # Another tool (QGIS, sqlite3) moves one incident and deletes another: the triggers
    # keep the index exact without any EST Geo code running.
    con = sqlite3.connect(gpkg.path)
    con.execute("UPDATE incidents SET x = 570000.5, y = 6495000.25 WHERE fid = 3")
    con.execute("UPDATE incidents SET occurred_at = '2031-05-05T05:05:05' WHERE fid = 4")
    con.execute("DELETE FROM incidents WHERE fid = 7")
    con.commit()
    con.close()
    _assert_index_matches(gpkg)
    moved = box(569_999, 6_494_999, 570_001, 6_495_001)
    assert int(gpkg.counts_within(moved, by=())["n"].iloc[0]) == 1
    future = IncidentQuery(start=datetime(2031, 1, 1))
    assert gpkg.count_incidents(future) == 1


def test_bulk_import_indexes_its_rows_in_one_pass(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    gpkg.add_incidents(small_incidents(30), user="test")
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 20)
    # a bulk batch smaller than the table, then one larger (the B-tree rebuild path),
    # with duplicates that are skipped
    big = small_incidents(60)
    first = gpkg.add_incidents(big.iloc[:25], user="test")
    assert (first.inserted, first.duplicates) == (0, 25)  # same source ids as before
    second = gpkg.add_incidents(big.assign(source_id=[f"b{i}" for i in range(60)]), user="test")
    assert (second.inserted, second.duplicates) == (60, 0)
    _assert_index_matches(gpkg)
    with gpkg._connect() as con:
        triggers = {
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        stats = con.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'incidents'").fetchone()
    assert {
        "incidents_rtree_insert",
        "incidents_rtree_update",
        "incidents_rtree_delete",
    } <= triggers
    assert stats[0] > 0  # ANALYZE ran: the planner has statistics
    gpkg.add_incidents(small_incidents(3).assign(source_id=["s1", "s2", "s3"]), user="test")
    _assert_index_matches(gpkg)  # the insert trigger is back after the bulk path


def _set_back(path: Path, version: int, *statements: str) -> None:
    """Make ``path`` a file of schema ``version`` by hand: ``statements`` undo what the
    later steps built, then the version number is set back."""
    con = sqlite3.connect(path)
    for sql in statements:
        con.execute(sql)
    con.execute("UPDATE est_meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    con.commit()
    con.close()


def _upgraded(path: Path, version: int) -> GeoPackageStore:
    """``path``, a file of schema ``version``, opened for writing and so upgraded, after
    a read-only open refused it (a read-only store is never upgraded)."""
    with pytest.raises(Exception, match=f"schemaversion {version}"):
        open_store(str(path), read_only=True)
    upgraded = open_store(str(path))
    assert isinstance(upgraded, GeoPackageStore)
    assert upgraded.info().schema_version == SCHEMA_VERSION
    return upgraded


def test_upgrade_from_schema_6_builds_the_index(tmp_path: Path) -> None:
    path = tmp_path / "old.gpkg"
    store = create_store(str(path))
    store.add_incidents(small_incidents(25), user="test")
    triggers = [f"DROP TRIGGER incidents_rtree_{t}" for t in ("insert", "update", "delete")]
    _set_back(path, 6, *triggers, "DROP TABLE incidents_rtree", "DROP TABLE sqlite_stat1")
    upgraded = _upgraded(path, 6)
    _assert_index_matches(upgraded)
    # rerunning the step (a version number set back by hand) leaves one exact index
    _set_back(path, 6)
    _assert_index_matches(open_store(str(path)))  # type: ignore[arg-type]


def test_scope_query_answers_like_a_full_scan_near_float32_edges(gpkg: GeoPackageStore) -> None:
    # The R*Tree rounds boxes to 32-bit floats (≈ 0.5 m here); points a few centimetres
    # either side of the shape's edges and of the period's ends must still be decided
    # exactly, as the full scan decides them.
    rng = np.random.default_rng(11)
    n = 400
    edge_x = rng.choice([564_800.0, 565_050.0], n) + rng.choice([-0.03, 0.0, 0.03], n)
    y = rng.uniform(6_492_990, 6_493_210, n)
    times = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.choice([-1, 0, 1], n), unit="s")
    frame = small_incidents(n).assign(
        x=edge_x, y=y, occurred_at=times, source_id=[f"e{i}" for i in range(n)]
    )
    gpkg.add_incidents(frame, user="test")
    query = IncidentQuery(start=datetime(2025, 1, 1), end=datetime(2026, 1, 1))
    got = int(gpkg.counts_within(SHAPE, by=(), query=query)["n"].iloc[0])
    rows = gpkg.incidents(query)
    expected = int(
        ((rows["x"] >= 564_800) & (rows["x"] <= 565_050) & (rows["y"] >= 6_493_000)
         & (rows["y"] <= 6_493_200)).sum()
    )  # fmt: skip
    assert got == expected > 0


def _scattered(n: int, seed: int, *, prefix: str) -> pd.DataFrame:
    """``n`` incidents at random places and random seconds from 1990 to 2030."""
    rng = np.random.default_rng(seed)
    seconds = rng.integers(631_152_000, 1_893_456_000, n)  # 1990-01-01 .. 2030-01-01
    return small_incidents(n).assign(
        x=rng.uniform(560_000, 575_000, n).round(2),
        y=rng.uniform(6_488_000, 6_500_000, n).round(2),
        occurred_at=pd.to_datetime(seconds, unit="s"),
        source_id=[f"{prefix}{i}" for i in range(n)],
    )


def test_packed_bulk_index_is_exact_deep_and_queryable(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 rows make a three-level tree (51 cells a node); times on both sides of the
    # R*Tree's day zero (2000-01-01 12:00) check the days computed from the batch's
    # arrays against SQLite's julianday of the stored text, to the float32 box.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    frame = _scattered(3000, 5, prefix="p")
    gpkg.add_incidents(frame, user="test")
    _assert_index_matches(gpkg)
    with gpkg._connect() as con:
        depth = con.execute(
            "SELECT hex(substr(data, 1, 2)) FROM incidents_rtree_node WHERE nodeno = 1"
        ).fetchone()[0]
    assert int(depth, 16) == 2
    shape = box(565_000, 6_490_000, 567_500, 6_493_000)
    query = IncidentQuery(start=datetime(2001, 1, 1), end=datetime(2011, 1, 1))
    got = int(gpkg.counts_within(shape, by=(), query=query)["n"].iloc[0])
    stamps = frame["occurred_at"]
    expected = int(
        (frame["x"].between(565_000, 567_500) & frame["y"].between(6_490_000, 6_493_000)
         & (stamps >= "2001-01-01") & (stamps < "2011-01-01")).sum()
    )  # fmt: skip
    assert got == expected > 0
    # the packed tree takes ordinary inserts, updates and deletes afterwards
    gpkg.add_incidents(_scattered(30, 6, prefix="q"), user="test")
    con = sqlite3.connect(gpkg.path)
    con.execute("DELETE FROM incidents WHERE fid % 3 = 0")
    con.execute("UPDATE incidents SET x = x + 7 WHERE fid % 5 = 0")
    con.commit()
    con.close()
    _assert_index_matches(gpkg)


def test_bulk_index_of_zoned_times_and_a_table_with_rows(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A zoned batch is stored as its wall-clock time; rows already stored (with a gap
    # in the fids) go into the rebuilt tree with the batch's.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    gpkg.add_incidents(_scattered(80, 7, prefix="old"), user="test")
    with gpkg._write() as con:
        con.execute("DELETE FROM incidents WHERE fid > 70")
    zoned = _scattered(500, 8, prefix="z")
    zoned["occurred_at"] = zoned["occurred_at"].dt.tz_localize("Europe/Stockholm")
    result = gpkg.add_incidents(zoned, user="test")
    assert result.inserted == 500
    _assert_index_matches(gpkg)
    with gpkg._connect() as con:
        first = con.execute("SELECT occurred_at FROM incidents WHERE source_id = 'z0'").fetchone()[
            0
        ]
    assert first == zoned["occurred_at"].iloc[0].strftime("%Y-%m-%dT%H:%M:%S")


def test_failed_bulk_import_leaves_table_index_and_triggers_as_they_were(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    gpkg.add_incidents(_scattered(40, 9, prefix="a"), user="test")

    def broken(*args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(gpkg_bulk, "write_packed_rtree", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        gpkg.add_incidents(_scattered(300, 10, prefix="b"), user="test")
    assert gpkg.count_incidents() == 40
    with gpkg._connect() as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    assert {"incidents_time", "incidents_rtree_insert"} <= names
    _assert_index_matches(gpkg)


def test_whole_bulk_batch_with_stored_duplicates_indexes_every_row(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bulk batch larger than the table whose first rows are stored already: the tree
    # planned beside the insert (the batch's fids assumed consecutive) does not fit, and
    # the tree must be built from the rows actually stored, none missing, none extra.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    gpkg.add_incidents(_scattered(150, 12, prefix="d"), user="test")
    again = pd.concat([_scattered(150, 12, prefix="d").iloc[:40], _scattered(400, 13, prefix="n")])
    result = gpkg.add_incidents(again.reset_index(drop=True), user="test")
    assert (result.inserted, result.duplicates) == (400, 40)
    assert gpkg.count_incidents() == 550
    _assert_index_matches(gpkg)


def test_packed_tree_failing_in_its_thread_writes_nothing(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    gpkg.add_incidents(_scattered(40, 14, prefix="a"), user="test")

    def broken(*args: object) -> None:
        raise MemoryError("no room for the tree")

    monkeypatch.setattr(gpkg_bulk, "pack_rtree", broken)
    with pytest.raises(MemoryError, match="no room"):
        gpkg.add_incidents(_scattered(300, 15, prefix="b"), user="test")
    assert gpkg.count_incidents() == 40
    with gpkg._connect() as con:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        batches = con.execute("SELECT count(*) FROM import_batches").fetchone()[0]
    assert {"incidents_time", "incidents_rtree_insert"} <= names
    assert batches == 1
    _assert_index_matches(gpkg)


def test_point_blobs_keep_trailing_zero_bytes() -> None:
    # The vectorised blobs must equal the one-by-one encoding byte for byte, also where
    # a coordinate's last byte is zero (0.0, 2.0): a byte-string conversion would drop it.
    x = np.array([0.0, 2.0, 564_800.25, -1.5])
    y = np.array([0.0, 0.0, 6_493_000.0, 2.0])
    blobs = geom.encode_points(x, y, 3006)
    assert blobs == [geom.encode(Point(a, b), 3006) for a, b in zip(x, y, strict=True)]
    assert [geom.decode(b).coords[0] for b in blobs] == list(zip(x, y, strict=True))


def test_block_inserts_keep_file_order_and_skip_stored_keys(gpkg: GeoPackageStore) -> None:
    # Rows go in 64 to a statement plus a remainder row by row: the fids must follow the
    # file's order across blocks and remainder, and keys already stored (here inside
    # the second block and in the remainder) are skipped without shifting the others.
    gpkg.add_incidents(
        _scattered(3, 16, prefix="k").assign(source_id=["k70", "k130", "x"]), user="t"
    )
    frame = _scattered(131, 17, prefix="k")
    result = gpkg.add_incidents(frame, user="test")
    assert (result.inserted, result.duplicates) == (129, 2)
    with gpkg._connect() as con:
        stored = [r[0] for r in con.execute("SELECT source_id FROM incidents ORDER BY fid")]
    expected = [f"k{i}" for i in range(131) if i not in (70, 130)]
    assert stored == ["k70", "k130", "x", *expected]
    _assert_index_matches(gpkg)


# --------------------------------------------------------------------------- schema 11

_BOXES = (
    (564_000.0, 6_490_000.0, 566_000.0, 6_492_000.0),  # a small part of the points
    (560_000.0, 6_488_000.0, 575_000.0, 6_500_000.0),  # all of them
    (570_100.25, 6_499_000.0, 570_100.25, 6_499_000.0),  # a box of no area
)
_PERIODS = (
    IncidentQuery(),
    IncidentQuery(start=datetime(2001, 1, 1), end=datetime(2011, 1, 1)),
    IncidentQuery(start=datetime(2019, 6, 1, 12, 30)),
)


def _box_plan(store: GeoPackageStore, query: IncidentQuery) -> str:
    where, params = store._where(query)
    with store._connect() as con:
        rows = con.execute(f"EXPLAIN QUERY PLAN SELECT fid FROM incidents{where}", params)
        return "\n".join(str(r[-1]) for r in rows.fetchall())


def _assert_boxes_answer_exactly(store: GeoPackageStore, frame: pd.DataFrame) -> None:
    """Every box × period gives exactly the rows an x/y/time mask of ``frame`` keeps."""
    stamps = frame["occurred_at"]
    for bbox in _BOXES:
        for period in _PERIODS:
            query = IncidentQuery(start=period.start, end=period.end, bbox=bbox)
            keep = (
                frame["x"].between(bbox[0], bbox[2]) & frame["y"].between(bbox[1], bbox[3])
                & (stamps >= (period.start or datetime.min))
                & (stamps < (period.end or datetime.max))
            )  # fmt: skip
            got = store.incidents(query)
            assert sorted(got["source_id"]) == sorted(frame.loc[keep, "source_id"]), query
            assert store.count_incidents(query) == int(keep.sum())


def test_upgrade_from_schema_10_drops_the_xy_btree(tmp_path: Path) -> None:
    # A file of schema 10 had a B-tree on (x, y) beside the R*Tree; version 11 drops it
    # (every box is asked of the R*Tree), and the file answers boxes as before.
    path = tmp_path / "v10.gpkg"
    store = create_store(str(path))
    frame = _scattered(400, 21, prefix="v")
    store.add_incidents(frame, user="test")
    _set_back(path, 10, "CREATE INDEX incidents_xy ON incidents (x, y)", "ANALYZE")
    upgraded = _upgraded(path, 10)
    assert upgraded.info().schema_version == SCHEMA_VERSION == 11
    assert upgraded.audit_log()["action"].iloc[0] == "migrate"
    with upgraded._connect() as con:
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        stats = {r[0] for r in con.execute("SELECT idx FROM sqlite_stat1")}
    assert "incidents_xy" not in indexes | stats
    assert "incidents_time" in indexes
    _assert_index_matches(upgraded)  # rtreecheck and integrity_check
    _assert_boxes_answer_exactly(upgraded, frame)
    assert "incidents_rtree" in _box_plan(upgraded, IncidentQuery(bbox=_BOXES[0]))
    # the step reruns unharmed (a version number set back by hand)
    _set_back(path, 10)
    again = open_store(str(path))
    assert isinstance(again, GeoPackageStore)
    _assert_boxes_answer_exactly(again, frame)


def test_box_filter_through_the_tree_or_the_rows_gives_the_same_rows(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A box with few candidates is looked up in the R*Tree; one holding many of the rows
    # is tested on x/y beside the time index or a scan. Both decide on the stored x/y,
    # at float32 edges too, so the rows are the same.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    frame = _scattered(3000, 22, prefix="r")
    edge = frame.iloc[:40].assign(
        x=_BOXES[0][0] + np.tile([-0.02, 0.0, 0.02, 0.5], 10),
        y=6_491_000.0,
        source_id=[f"edge{i}" for i in range(40)],
    )
    frame = pd.concat([frame, edge], ignore_index=True)
    gpkg.add_incidents(frame, user="test")  # bulk: ANALYZE gives the row count
    small = IncidentQuery(bbox=_BOXES[0])
    # (least probe limit, share): a limit above every row count, or of one row
    for limits, routed in (((10**9, 1), True), ((1, 10**9), False)):
        monkeypatch.setattr(gpkg_module, "_MIN_TREE_PROBE", limits[0])
        monkeypatch.setattr(gpkg_module, "_TREE_SHARE", limits[1])
        plan = _box_plan(gpkg, small)
        assert ("incidents_rtree" in plan) is routed, plan
        assert "incidents_xy" not in plan
        _assert_boxes_answer_exactly(gpkg, frame)
    # a limit of a 32nd of the rows (no period): the small box through the tree, all not
    monkeypatch.setattr(gpkg_module, "_MIN_TREE_PROBE", 10)
    monkeypatch.setattr(gpkg_module, "_TREE_SHARE", 32)
    assert "incidents_rtree" in _box_plan(gpkg, small)
    assert "incidents_rtree" not in _box_plan(gpkg, IncidentQuery(bbox=_BOXES[1]))


def test_stamp_texts_equal_numpy_iso_text() -> None:
    # Arrow formats the stored times; the text must be numpy's ISO form to the second,
    # before and after 1970, on leap days and at the ends of days.
    rng = np.random.default_rng(23)
    seconds = rng.integers(-2_208_988_800, 4_102_444_800, 5000)  # 1900 .. 2100
    fixed = [0, -1, 951_782_400, 951_868_799, 1_709_164_800, 86_399]  # 2000-02-29, 2024-02-29
    stamps = np.concatenate((seconds, fixed)).astype("datetime64[s]")
    assert gpkg_bulk.stamp_texts(stamps) == np.datetime_as_string(stamps, unit="s").tolist()


@pytest.mark.parametrize("mixed", [False, True])
def test_block_inserts_store_shared_and_varying_columns_exactly(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch, mixed: bool
) -> None:
    # Columns with one value for the whole batch are bound once per statement (?1, ?2 …
    # in every row); the stored rows must be the frame's, whether a column is shared
    # (one source) or varies in a single row, in the blocks and in the remainder.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    frame = _scattered(131, 24, prefix="s").assign(precision="address", actor="polis")
    if mixed:
        frame.loc[130, "source"] = "annan"
        frame.loc[3, "precision"] = "exact"
        frame.loc[64, "has_time"] = False
    frame.loc[5, "description"] = None
    result = gpkg.add_incidents(frame, user="test")
    assert result.inserted == 131
    with gpkg._connect() as con:
        stored = con.execute(
            "SELECT x, y, occurred_at, has_time, category, actor, precision, description, "
            "source, source_id, batch_id FROM incidents ORDER BY fid"
        ).fetchall()
    expected = [
        (r.x, r.y, r.occurred_at.strftime("%Y-%m-%dT%H:%M:%S"), int(r.has_time), r.category,
         r.actor, r.precision, None if pd.isna(r.description) else r.description, r.source,
         r.source_id, result.batch_id)
        for r in frame.itertuples()
    ]  # fmt: skip
    assert stored == expected
    _assert_index_matches(gpkg)


def test_an_empty_batch_inserts_nothing(gpkg: GeoPackageStore) -> None:
    # Every row rejected (valid rows only): the store gets a frame with no rows, which
    # has no shared values to bind and must still record an empty batch.
    result = gpkg.add_incidents(small_incidents(3).iloc[:0], user="test")
    assert (result.inserted, result.duplicates) == (0, 0)
    assert gpkg.count_incidents() == 0


@pytest.mark.parametrize("first_id", [1, 2**31 - 10, 2**40])
def test_packed_rowids_of_small_and_large_ids(first_id: int) -> None:
    # Row ids of 31 bits go into <rtree>_rowid as one JSON array read by json_each;
    # larger ones row by row. Either way SQLite's own check passes and a box finds them.
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING rtree(id, minx, maxx, miny, maxy)")
    rng = np.random.default_rng(25)
    ids = np.arange(first_id, first_id + 700, dtype=np.int64)
    xy = rng.uniform(0, 1000, (700, 2))
    tree = pack_rtree(ids, xy, xy, rtree_node_size(con, "t"))
    write_packed_rtree(con, "t", tree)
    assert con.execute("SELECT rtreecheck('t')").fetchone()[0] == "ok"
    inside = ids[(xy[:, 0] <= 500) & (xy[:, 1] <= 500)]
    got = [r[0] for r in con.execute("SELECT id FROM t WHERE minx <= 500 AND miny <= 500")]
    assert sorted(got) == inside.tolist()


def test_a_short_period_lowers_the_tree_limit(
    gpkg: GeoPackageStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit is a share of the period's rows (estimated from the stored time span),
    # which the other route reads by the time index: over a tenth of the span, a box
    # holding every point has a tenth of the candidates but is still no use to look up
    # in the R*Tree (against a share of all rows it would have been); a small box is.
    monkeypatch.setattr(gpkg_bulk, "BULK_MIN_ROWS", 100)
    frame = _scattered(3000, 26, prefix="t")  # 1990 .. 2030, evenly
    gpkg.add_incidents(frame, user="test")
    monkeypatch.setattr(gpkg_module, "_MIN_TREE_PROBE", 1)
    monkeypatch.setattr(gpkg_module, "_TREE_SHARE", 8)
    short = {"start": datetime(2010, 1, 1), "end": datetime(2014, 1, 1)}  # ~300 rows
    every = IncidentQuery(bbox=_BOXES[1], **short)
    small = IncidentQuery(bbox=(560_000.0, 6_488_000.0, 563_000.0, 6_490_000.0), **short)
    assert "incidents_rtree" not in _box_plan(gpkg, every)
    assert "incidents_rtree" in _box_plan(gpkg, small)
    with gpkg._connect() as con:
        share = gpkg_module._period_share(con, every)
    assert 0.09 < share < 0.11
    _assert_boxes_answer_exactly(gpkg, frame)
