"""Contract tests of the Store, run against every backend (``backend`` fixture).

Most tests use only the Store protocol. The few that must reach below it (a corrupt
file, a raw write through a read-only connection, a bumped schema version) do so through
small per-backend helpers here, or are pinned to one backend with ``only_gpkg`` /
``only_postgis`` and have an equivalent for the other.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from est_geo.core.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    NotFoundError,
    ReadOnlyError,
    SchemaVersionError,
    StoreError,
    ValidationError,
)
from est_geo.core.model import Intervention
from est_geo.store import IncidentQuery, Store, open_store, path_of, postgis_schema
from est_geo.store import schema as gpkg_schema
from est_geo.store.postgis import PostGISStore, create_readonly_role, redact_url
from est_geo.store.postgis_schema import PG_MIGRATIONS
from est_geo.store.schema import MIGRATIONS, SCHEMA_VERSION
from est_geo.store.tables import ADDED

from .conftest import ThrowawayCluster, small_areas, small_incidents

only_gpkg = pytest.mark.parametrize("backend", ["gpkg"])
only_postgis = pytest.mark.parametrize(
    "backend", [pytest.param("postgis", marks=pytest.mark.postgis)]
)


def _raw_write(store: Store, statement: str) -> None:
    """Run one write statement on the store's own connection, bypassing its checks."""
    if isinstance(store, PostGISStore):
        with store._connect() as con:
            con.execute(statement.encode())
    else:
        with store._connect() as con:  # type: ignore[attr-defined]
            con.execute(statement)
            con.commit()


def _set_schema_version(store: Store, version: int) -> None:
    if isinstance(store, PostGISStore):
        _raw_write(store, f"INSERT INTO est_schema_version (version) VALUES ({version})")
    else:
        with sqlite3.connect(store.url) as con:
            con.execute(
                "UPDATE est_meta SET value = ? WHERE key = 'schema_version'", (str(version),)
            )


@only_gpkg
def test_new_store_is_a_geopackage_gdal_can_read(store: Store) -> None:
    store.add_incidents(small_incidents(), user="test")
    layers = {name for name, _ in pyogrio.list_layers(store.url)}
    assert {"areas", "incidents", "interventions"} <= layers
    gdf = gpd.read_file(store.url, layer="incidents")
    assert gdf.crs.to_epsg() == 3006
    assert len(gdf) == 10
    assert gdf.geometry.iloc[0].x == pytest.approx(564_900.0)
    areas = gpd.read_file(store.url, layer="areas")
    assert areas.geometry.iloc[1].area == pytest.approx(2000 * 1500)


def test_areas_round_trip(store: Store) -> None:
    areas = store.areas()
    assert list(areas["code"]) == ["0581", "T-OMR", "T-OMR-C"]
    assert areas.crs.to_epsg() == 3006
    assert areas.geometry.iloc[2].area == pytest.approx(250 * 200)
    assert list(store.areas(levels=["delomrade"])["name"]) == ["Testområdet centrum"]


def test_bad_areas_report_every_problem_and_write_nothing(store: Store) -> None:
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10)])
    bad = gpd.GeoDataFrame(
        {
            "code": ["T-OMR", "", "X"],
            "name": ["dup", "no code", ""],
            "level": ["omrade"] * 3,
            "parent_code": [None, "NOPE", None],
        },
        geometry=[bowtie, Point(1, 1), bowtie],
        crs="EPSG:3006",
    )
    with pytest.raises(ValidationError) as err:
        store.add_areas(bad, user="test")
    fields = {(p.row, p.field) for p in err.value.problems}
    assert {
        (1, "code"),
        (1, "geometry"),
        (2, "code"),
        (2, "parent_code"),
        (2, "geometry"),
        (3, "name"),
        (3, "geometry"),
    } <= fields
    assert len(store.areas()) == 3


def test_incidents_round_trip_and_dedup(store: Store) -> None:
    first = store.add_incidents(small_incidents(), user="test")
    assert (first.inserted, first.duplicates) == (10, 0)
    again = store.add_incidents(small_incidents(12), user="test")
    assert (again.inserted, again.duplicates) == (2, 10)
    df = store.incidents()
    assert len(df) == 12
    assert df["occurred_at"].iloc[0] == pd.Timestamp("2025-01-06 21:00")
    assert "description" not in df.columns
    assert store.incidents(IncidentQuery(with_text=True))["description"].iloc[0] == "beskrivning 0"


def test_incident_query_filters(store: Store) -> None:
    store.add_incidents(small_incidents(14), user="test")  # 2025-01-06 (Mon) .. 01-19
    q = IncidentQuery(start=date(2025, 1, 8), end=date(2025, 1, 10))
    assert store.count_incidents(q) == 2
    assert store.count_incidents(IncidentQuery(categories=frozenset({"ordning.brak"}))) == 7
    assert store.count_incidents(IncidentQuery(categories=frozenset())) == 0
    assert store.count_incidents(IncidentQuery(actors=frozenset({"polis"}))) == 0
    assert store.count_incidents(IncidentQuery(weekdays=frozenset({0}))) == 2  # two Mondays
    assert store.count_incidents(IncidentQuery(hours=frozenset({21}))) == 14
    assert store.count_incidents(IncidentQuery(hours=frozenset({20}))) == 0
    bbox = (564_900.0, 6_493_100.0, 564_902.0, 6_493_102.0)
    assert store.count_incidents(IncidentQuery(bbox=bbox)) == 3
    q2 = IncidentQuery(start=datetime(2025, 1, 6, 21, 0), end=datetime(2025, 1, 6, 21, 1))
    assert len(store.incidents(q2)) == 1


def test_invalid_incidents_list_all_problems_and_write_nothing(store: Store) -> None:
    df = small_incidents(4)
    df["occurred_at"] = df["occurred_at"].astype(object)
    df.loc[0, "category"] = "påhittad"
    df.loc[1, "x"] = float("nan")
    df.loc[2, "occurred_at"] = "inte ett datum"
    df.loc[3, "source_id"] = "id-0"
    with pytest.raises(ValidationError) as err:
        store.add_incidents(df, user="test")
    got = {(p.row, p.field) for p in err.value.problems}
    assert got == {(1, "category"), (2, "x"), (3, "occurred_at"), (4, "source_id")}
    assert store.count_incidents() == 0
    assert "rad 1, fält 'category'" in str(err.value)


def test_intervention_crud_and_audit(store: Store, square: Polygon) -> None:
    iv = Intervention(
        name="Bommar <b>",
        kind="bom",
        status="pagar",
        owner_actor="bostadsbolag",
        start_date=date(2025, 3, 1),
        end_date=None,
        geometry=square,
        public=True,
    )
    new_id = store.add_intervention(iv, user="anna")
    got = store.get_intervention(new_id)
    assert got.name == "Bommar <b>" and got.geometry.equals(square) and got.public
    got.status = "avslutad"
    got.geometry = LineString([(564_850, 6_493_050), (564_950, 6_493_150)])
    store.update_intervention(got, user="bertil")
    assert store.get_intervention(new_id).geometry.geom_type == "LineString"
    assert store.interventions()["status"].tolist() == ["avslutad"]
    store.delete_intervention(new_id, user="anna")
    with pytest.raises(NotFoundError):
        store.get_intervention(new_id)
    log = store.audit_log()
    trail = log[log["entity"] == "interventions"]
    assert trail["action"].tolist() == ["delete", "update", "insert"]
    assert trail["user"].tolist() == ["anna", "bertil", "anna"]
    assert '"status": "pagar"' in trail.iloc[1]["before"]
    assert '"status": "avslutad"' in trail.iloc[1]["after"]


def test_invalid_intervention_is_refused(store: Store, square: Polygon) -> None:
    iv = Intervention(
        name="",
        kind="trollspö",
        status="?",
        owner_actor="polis",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 1, 1),
        geometry=square,
    )
    with pytest.raises(ValidationError) as err:
        store.add_intervention(iv, user="x")
    assert {p.field for p in err.value.problems} == {"name", "kind", "status", "end_date"}
    assert len(store.interventions()) == 0


def test_read_only_store_refuses_writes(store: Store, square: Polygon) -> None:
    ro = open_store(store.url, read_only=True)
    assert len(ro.areas()) == 3
    with pytest.raises(ReadOnlyError):
        ro.add_incidents(small_incidents(), user="x")
    with pytest.raises(ReadOnlyError):
        ro.set_meta({"a": "b"}, user="x")
    # Also at the connection level: raw SQL through the read-only connection fails.
    refused: tuple[type[Exception], ...] = (sqlite3.OperationalError, ReadOnlyError)
    with pytest.raises(refused):
        _raw_write(ro, "DELETE FROM areas")
    assert len(store.areas()) == 3


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.gpkg"
    with pytest.raises(DatabaseMissingError, match="est-geo demo"):
        open_store(str(path))
    assert not path.exists()


def test_corrupt_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.gpkg"
    path.write_bytes(b"this is not sqlite at all" * 100)
    before = path.read_bytes()
    with pytest.raises(CorruptDatabaseError, match="inte en EST Geo-databas"):
        open_store(str(path))
    assert path.read_bytes() == before
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(CorruptDatabaseError):
        open_store(str(other))


def test_newer_schema_is_refused(store: Store) -> None:
    _set_schema_version(store, SCHEMA_VERSION + 1)
    with pytest.raises(SchemaVersionError, match="nyare"):
        open_store(store.url)


def test_an_older_schema_opened_read_only_is_refused_and_left_as_it_was(store: Store) -> None:
    """Both backends refuse in one wording (``common.refuse_schema``): a read-only
    store cannot upgrade an older schema, and says so instead of failing on a missing
    table later; nothing is migrated."""
    older = SCHEMA_VERSION - 1
    if isinstance(store, PostGISStore):
        _raw_write(store, f"DELETE FROM est_schema_version WHERE version > {older}")
    else:
        _set_schema_version(store, older)
    with pytest.raises(SchemaVersionError, match="skrivrätt") as err:
        open_store(store.url, read_only=True)
    assert str(older) in str(err.value) and "geheim" not in str(err.value)
    if isinstance(store, PostGISStore):
        assert store.schema_version() == older
    else:
        with sqlite3.connect(store.url) as con:
            row = con.execute("SELECT value FROM est_meta WHERE key = 'schema_version'")
            assert row.fetchone()[0] == str(older)


def test_create_refuses_to_overwrite(store: Store) -> None:
    from est_geo.store import create_store

    with pytest.raises(StoreError, match="finns redan"):
        create_store(store.url)


def test_unsupported_url_scheme() -> None:
    with pytest.raises(StoreError, match="stöds inte"):
        open_store("mysql://x/y")


def test_indicators(store: Store) -> None:
    from est_geo.core.model import DEFAULT_INDICATORS

    for d in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(d, user="t")
    assert [d.key for d in store.indicator_definitions()][:2] == ["befolkning", "trygghetsindex"]
    vals = pd.DataFrame(
        {
            "indicator_key": ["befolkning", "okand"],
            "area_code": ["T-OMR"] * 2,
            "period": ["2024"] * 2,
            "value": [4500, "x"],
            "n": [None, None],
        }
    )
    with pytest.raises(ValidationError) as err:
        store.add_indicator_values(vals, user="t")
    assert {(p.row, p.field) for p in err.value.problems} == {(2, "indicator_key"), (2, "value")}
    assert store.add_indicator_values(vals.iloc[:1], user="t") == 1
    assert store.indicator_values("befolkning")["value"].tolist() == [4500.0]


def test_info_counts(store: Store) -> None:
    store.add_incidents(small_incidents(), user="test")
    info = store.info()
    assert info.counts["incidents"] == 10 and info.counts["areas"] == 3
    assert info.crs == "EPSG:3006" and info.schema_version == SCHEMA_VERSION
    assert info.incident_range[0] == "2025-01-06T21:00:00"
    assert not info.demo


# -- one frame shape for both backends --------------------------------------------------


def _fill(store: Store, square: Polygon) -> None:
    store.add_incidents(small_incidents(6), user="test", batch_id="b1")
    store.add_intervention(
        Intervention(
            name="Belysning",
            kind="belysning",
            status="planerad",
            owner_actor="kommun",
            start_date=date(2025, 2, 1),
            end_date=None,
            geometry=square,
            cost=1200.0,
        ),
        user="test",
    )
    from est_geo.core.model import DEFAULT_INDICATORS

    store.upsert_indicator_definition(DEFAULT_INDICATORS[0], user="test")
    store.add_indicator_values(
        pd.DataFrame(
            {
                "indicator_key": ["befolkning"],
                "area_code": ["T-OMR"],
                "period": ["2024"],
                "value": [4500],
                "n": [None],
            }
        ),
        user="test",
    )


def _frames(store: Store) -> dict[str, pd.DataFrame]:
    return {
        "incidents": store.incidents(IncidentQuery(with_text=True)),
        "areas": pd.DataFrame(store.areas().drop(columns="geometry")),
        "interventions": pd.DataFrame(store.interventions().drop(columns="geometry")),
        "indicator_values": store.indicator_values(),
        "audit_log": store.audit_log().drop(columns=["id", "at"]),
        "empty": store.incidents(IncidentQuery(categories=frozenset())),
    }


@pytest.mark.postgis
def test_backends_return_identical_frames(
    postgis_cluster: ThrowawayCluster, tmp_path: Path, square: Polygon
) -> None:
    """Same writes, same frames: columns, dtypes, order and values (ids and times aside)."""
    from est_geo.store import create_store

    gpkg = create_store(str(tmp_path / "a.gpkg"))
    url = postgis_cluster.new_database()
    pg = create_store(url)
    try:
        results: list[dict[str, pd.DataFrame]] = []
        for s in (gpkg, pg):
            s.add_areas(small_areas(), user="test")
            _fill(s, square)
            results.append(_frames(s))
        for name, frame in results[0].items():
            other = results[1][name]
            pd.testing.assert_frame_equal(frame, other, obj=name)
        assert gpkg.info().counts == pg.info().counts
        assert gpkg.info().incident_range == pg.info().incident_range
        assert gpkg.category_tree() == pg.category_tree()
        assert gpkg.indicator_definitions() == pg.indicator_definitions()
        assert gpkg.meta().keys() == pg.meta().keys()
        for a, b in zip(gpkg.areas().geometry, pg.areas().geometry, strict=True):
            assert a.equals_exact(b, 0.0)
    finally:
        pg.close()  # type: ignore[attr-defined]
        postgis_cluster.drop_database(url)


# -- PostGIS-specific equivalents -----------------------------------------------------


def _pg(store: Store) -> PostGISStore:
    assert isinstance(store, PostGISStore)
    return store


def _scalar(store: Store, query: str, *params: Any) -> Any:
    with _pg(store)._connect() as con:
        row = con.execute(query.encode(), params).fetchone()
    return row[0] if row else None


@only_postgis
def test_postgis_geometry_is_typed_indexed_and_checked(store: Store) -> None:
    """The PostGIS equivalent of the GDAL test: what other GIS tools see, and what the
    database itself refuses even when our validation is bypassed."""
    store.add_incidents(small_incidents(), user="test")
    with _pg(store)._connect() as con:
        cols = dict(
            con.execute("SELECT f_table_name, type || ':' || srid FROM geometry_columns").fetchall()
        )
        gist = {
            r[0]
            for r in con.execute(
                "SELECT tablename FROM pg_indexes WHERE indexdef LIKE '%USING gist%'"
            ).fetchall()
        }
    assert cols == {
        "areas": "MULTIPOLYGON:3006",
        "incidents": "POINT:3006",
        "interventions": "GEOMETRY:3006",
    }
    assert gist == {"areas", "incidents", "interventions"}
    assert _scalar(store, "SELECT ST_Area(geom) FROM areas WHERE code = 'T-OMR'") == (
        pytest.approx(2000 * 1500)
    )
    bowtie = "MULTIPOLYGON(((0 0,10 10,10 0,0 10,0 0)))"
    with pytest.raises(ValidationError, match="areas_geom_valid"):
        _raw_write(
            store,
            "INSERT INTO areas (geom, code, name, level) "
            f"VALUES (ST_GeomFromText('{bowtie}', 3006), 'X', 'x', 'omrade')",
        )
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="SRID"):
        _raw_write(
            store,
            "INSERT INTO areas (geom, code, name, level) VALUES "
            "(ST_GeomFromText('MULTIPOLYGON(((0 0,1 0,1 1,0 0)))', 4326), 'Y', 'y', 'omrade')",
        )
    assert len(store.areas()) == 3


@only_postgis
def test_postgis_missing_and_foreign_databases(
    store: Store, postgis_cluster: ThrowawayCluster
) -> None:
    missing = postgis_cluster.url("est_no_such_db")
    with pytest.raises(DatabaseMissingError, match="finns inte"):
        open_store(missing)
    with pytest.raises(DatabaseMissingError):
        open_store(missing)  # still missing: opening never creates it
    empty = postgis_cluster.new_database()
    try:
        with pytest.raises(DatabaseMissingError, match="inga EST Geo-tabeller"):
            open_store(empty)
        postgis_cluster.admin_sql("CREATE TABLE est_meta (key text)", dbname=empty.rsplit("/")[-1])
        with pytest.raises(CorruptDatabaseError, match="schemaversion saknas"):
            open_store(empty)
    finally:
        postgis_cluster.drop_database(empty)
    bad_password = postgis_cluster.url("postgres", password="wrong")
    with pytest.raises(StoreError, match="Kan inte ansluta") as err:
        open_store(bad_password)
    assert "wrong" not in str(err.value)  # the password never reaches a message


@only_postgis
def test_postgis_read_only_role(store: Store, postgis_cluster: ThrowawayCluster) -> None:
    """The public instance's role can read the map data and nothing else."""
    store.add_incidents(small_incidents(), user="test")
    create_readonly_role(store.url, "est_public", "s3cret-publik")
    create_readonly_role(store.url, "est_public", "s3cret-publik2")  # idempotent: new password
    dbname = store.url.rsplit("/", 1)[1]
    url = postgis_cluster.url(dbname, user="est_public", password="s3cret-publik2")
    public = open_store(url)  # not even read_only=True: the role alone must suffice
    try:
        assert public.count_incidents() == 10
        assert public.info().counts["incidents"] == 10
        with pytest.raises(ReadOnlyError):
            public.add_incidents(small_incidents(12), user="x")
        with pytest.raises(ReadOnlyError):
            public.set_meta({"demo": "true"}, user="x")
        for statement in (
            "DELETE FROM incidents",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE; DELETE FROM incidents",
            "CREATE TABLE mine (a int)",
            "SELECT password_hash FROM users",
        ):
            with pytest.raises(ReadOnlyError):
                _raw_write(public, statement)
    finally:
        _pg(public).close()
    assert store.count_incidents() == 10
    with pytest.raises(StoreError, match="Kan inte ansluta"):
        open_store(postgis_cluster.url(dbname, user="est_public", password="s3cret-publik"))
    with pytest.raises(ValidationError):
        create_readonly_role(store.url, "x; DROP TABLE areas", "pw")


@only_postgis
def test_postgis_upgrade_to_6_lets_the_public_role_read_the_key(
    store: Store, postgis_cluster: ThrowawayCluster
) -> None:
    """A public site's read-only role made at version 5 can read the DeSO → RegSO key
    right after the upgrade to 6, without running create_readonly_role again."""
    import pandas as pd

    from est_geo.store.area_keys import AreaKeyStore

    create_readonly_role(store.url, "est_public5", "pw-publik")
    for statement in (
        "DROP TABLE area_keys",
        "DROP TABLE area_versions",  # version 10
        "DELETE FROM est_schema_version WHERE version > 5",
    ):
        _raw_write(store, statement)
    _pg(store).close()
    upgraded = open_store(store.url)
    assert upgraded.info().schema_version == SCHEMA_VERSION
    assert isinstance(upgraded, AreaKeyStore)
    key = pd.DataFrame({"child_code": ["0581C1010"], "parent_code": ["0581R001"]})
    upgraded.replace_area_key(key, child_level="deso", parent_level="regso", user="t")
    dbname = store.url.rsplit("/", 1)[1]
    public = open_store(postgis_cluster.url(dbname, user="est_public5", password="pw-publik"))
    try:
        assert isinstance(public, AreaKeyStore)
        got = public.area_key(child_level="deso", parent_level="regso")
        assert got["parent_code"].tolist() == ["0581R001"]
    finally:
        _pg(public).close()


@only_postgis
def test_postgis_statement_timeout(store: Store) -> None:
    slow = PostGISStore.open(store.url, statement_timeout_ms=200)
    try:
        with pytest.raises(StoreError, match="statement_timeout"), slow._connect() as con:
            con.execute("SELECT pg_sleep(2)")
        assert slow.count_incidents() == 0  # the pool hands out a working connection again
    finally:
        slow.close()


@only_postgis
def test_postgis_migrates_an_old_database_once(store: Store) -> None:
    """A version-1 database is upgraded on open (by one replica), audited, and readable."""
    for v in sorted(PG_MIGRATIONS, reverse=True):
        for statement in PG_MIGRATIONS[v]:
            if statement.lstrip().upper().startswith("CREATE TABLE"):
                table = statement.replace("IF NOT EXISTS ", "").split()[2]
                _raw_write(store, f"DROP TABLE {table}")
    _raw_write(store, "DELETE FROM est_schema_version WHERE version > 1")
    assert _pg(store).schema_version() == 1
    with pytest.raises(SchemaVersionError, match="skrivrätt"):
        open_store(store.url, read_only=True)
    upgraded = open_store(store.url)
    assert upgraded.info().schema_version == SCHEMA_VERSION
    assert open_store(store.url).info().schema_version == SCHEMA_VERSION  # no second run
    log = upgraded.audit_log()
    assert (log["action"] == "migrate").sum() == (1 if SCHEMA_VERSION > 1 else 0)


def test_every_declared_schema_step_is_run() -> None:
    """Both backends build their steps from one table declaration up to SCHEMA_VERSION, so
    a table or a backend's own statements declared for a later version would silently
    never run: the version must be raised with them."""
    assert max(ADDED) <= SCHEMA_VERSION
    assert max(gpkg_schema._OWN_STEPS) < SCHEMA_VERSION
    assert max(postgis_schema._OWN_STEPS) < SCHEMA_VERSION
    assert sorted(PG_MIGRATIONS) == sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION))


def test_postgres_url_selects_backend_and_hides_password() -> None:
    assert redact_url("postgresql://u:geheim@db.example:5433/est") == (
        "postgresql://u@db.example:5433/est"
    )
    with pytest.raises(StoreError, match="ingen filsökväg"):
        path_of("postgresql://u@h/db")


@only_postgis
def test_postgis_grid_counts_equal_counting_pulled_rows(store: Store) -> None:
    """The pushed-down grid aggregation gives exactly what the Python path gives."""
    from est_geo.hotspots.grid import Grid, count_points

    store.add_incidents(small_incidents(14), user="test")
    store.add_incidents(small_incidents(5, source="b", start="2025-03-01"), user="test")
    grid = Grid.covering((564_000.0, 6_492_500.0, 566_000.0, 6_494_000.0), 25)
    for query in (IncidentQuery(), IncidentQuery(categories=frozenset({"ordning.brak"}))):
        rows = store.incidents(query)
        want = count_points(grid, rows["x"], rows["y"]).counts
        got = _pg(store).grid_counts(
            cell_size=grid.cell_size,
            ix0=grid.ix0,
            iy0=grid.iy0,
            nx=grid.nx,
            ny=grid.ny,
            query=query,
        )
        np.testing.assert_array_equal(got, want)
        assert got.sum() == len(rows)


def _grid_incidents() -> pd.DataFrame:
    """Incidents over two years, on and next to cell edges of 25/100/200/400 m."""
    edge = 564_800.0  # a multiple of 25, 100, 200 and 400
    xs = [edge, np.nextafter(edge, 0.0), np.nextafter(edge, 1e9), edge + 99.99, edge - 0.05]
    ys = [6_493_200.0, np.nextafter(6_493_200.0, 0.0), 6_493_399.9, 6_492_999.95, 6_493_123.4]
    n = 60
    frame = small_incidents(n)
    frame["x"] = [xs[i % len(xs)] + 37.0 * (i // 10) for i in range(n)]
    frame["y"] = [ys[i % len(ys)] + 53.0 * (i // 12) for i in range(n)]
    frame["occurred_at"] = pd.Timestamp("2024-01-01 08:00") + pd.to_timedelta(
        [12 * i for i in range(n)], unit="D"
    )
    return frame


@only_postgis
def test_postgis_grid_counts_both_routes_equal_the_embedded_store(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per-cell totals (with the period's complement subtracted) and the row scan give
    exactly the embedded store's counts, also after rows are deleted and moved."""
    from est_geo.hotspots.grid import Grid, count_points
    from est_geo.store import create_store

    gpkg = create_store(str(tmp_path / "ref.gpkg"))
    frame = _grid_incidents()
    for s in (store, gpkg):
        s.add_incidents(frame, user="test")
    queries = [
        IncidentQuery(),
        IncidentQuery(start=date(2024, 3, 1)),
        IncidentQuery(end=datetime(2025, 6, 1, 12)),
        IncidentQuery(start=date(2024, 2, 1), end=date(2025, 11, 1)),
        IncidentQuery(start=date(2024, 5, 1), end=date(2024, 8, 1)),
        IncidentQuery(start=date(2024, 2, 1), categories=frozenset({"ordning.brak"})),
        IncidentQuery(actors=frozenset({"bostadsbolag"})),
    ]

    def check() -> None:
        for cell in (25, 100, 200, 400, 300):
            grid = Grid.covering((564_600.0, 6_492_900.0, 565_300.0, 6_493_900.0), cell)
            for query in queries:
                rows = gpkg.incidents(query)
                want = count_points(grid, rows["x"], rows["y"]).counts
                for mostly_inside in (True, False):
                    route = staticmethod(lambda *_, inside=mostly_inside: inside)
                    monkeypatch.setattr(PostGISStore, "_mostly_inside", route)
                    got = _pg(store).grid_counts(
                        cell_size=cell,
                        ix0=grid.ix0,
                        iy0=grid.iy0,
                        nx=grid.nx,
                        ny=grid.ny,
                        query=query,
                    )
                    np.testing.assert_array_equal(got, want, err_msg=f"{cell} m, {query}")

    check()
    moved = "UPDATE incidents SET geom = ST_Translate(geom, 150, -40) WHERE source_id LIKE 'id-1%'"
    _raw_write(store, moved)
    _raw_write(gpkg, "UPDATE incidents SET x = x + 150, y = y - 40 WHERE source_id LIKE 'id-1%'")
    for s in (store, gpkg):
        _raw_write(s, "DELETE FROM incidents WHERE source_id LIKE 'id-2%'")
    check()
    assert _scalar(store, "SELECT count(*) FROM incident_cells WHERE n = 0") == 0
    assert _scalar(store, "SELECT sum(n) FROM incident_cells") == store.count_incidents()


@only_postgis
def test_postgis_migration_counts_existing_incidents_per_cell(store: Store) -> None:
    """A database upgraded from version 4 gets x/y and per-cell totals of what it held."""
    store.add_incidents(_grid_incidents(), user="test")
    for statement in (
        "DROP TABLE incident_cells",
        "DROP INDEX incidents_time_xy",
        "ALTER TABLE incidents DROP COLUMN x, DROP COLUMN y",
        "DROP TABLE area_keys",  # version 6
        "DROP TABLE area_versions",  # version 10
        "ALTER TABLE areas DROP COLUMN version, ADD CONSTRAINT areas_code_key UNIQUE (code)",
        "DELETE FROM est_schema_version WHERE version > 4",
    ):
        _raw_write(store, statement)
    upgraded = open_store(store.url)
    assert upgraded.info().schema_version == SCHEMA_VERSION
    assert _scalar(store, "SELECT sum(n) FROM incident_cells") == 60
    assert _scalar(store, "SELECT count(*) FROM incidents WHERE x = ST_X(geom)") == 60


def test_audit_trail_of_a_schema_8_database_reads_the_same_after_upgrade(store: Store) -> None:
    """Up to schema 8 the GeoPackage kept the writing user in a column ``user``
    (``username`` in PostgreSQL); schema 9 names it ``username`` in both, and a
    database of the old schema keeps its trail and mappings when opened."""
    store.save_import_mapping("polisen", "incidents", {"crs": "EPSG:3006"}, user="anna")
    store.set_meta({"kommun": "Norrköping"}, user="bertil")
    if isinstance(store, PostGISStore):
        _raw_write(store, "DROP TABLE area_versions")  # version 10
        _raw_write(store, f"DELETE FROM est_schema_version WHERE version > {8}")
    else:
        for table in ("audit_log", "import_batches", "import_mappings"):
            _raw_write(store, f"ALTER TABLE {table} RENAME COLUMN username TO user")
        _set_schema_version(store, 8)
        with sqlite3.connect(store.url) as con:
            columns = {r[1] for r in con.execute("PRAGMA table_info(audit_log)")}
        assert "user" in columns and "username" not in columns
    upgraded = open_store(store.url)
    assert upgraded.info().schema_version == SCHEMA_VERSION
    log = upgraded.audit_log()
    assert {"anna", "bertil"} <= set(log["user"])
    assert log["action"].iloc[0] == "migrate" and log["user"].iloc[0] == "system"
    assert upgraded.import_mapping("polisen", "incidents") == {"crs": "EPSG:3006"}
    upgraded.save_import_mapping("polisen", "incidents", {"crs": "EPSG:4326"}, user="cecilia")
    assert upgraded.audit_log()["user"].iloc[0] == "cecilia"
    assert upgraded.import_mapping("polisen", "incidents") == {"crs": "EPSG:4326"}


#: Schema 9's areas, values and key tables (code-only identity), to build an old file.
_SCHEMA_9_GPKG = """
CREATE TABLE areas_9 (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, geom MULTIPOLYGON NOT NULL,
  code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, level TEXT NOT NULL, parent_code TEXT,
  minx REAL NOT NULL, miny REAL NOT NULL, maxx REAL NOT NULL, maxy REAL NOT NULL);
INSERT INTO areas_9 SELECT fid, geom, code, name, level, parent_code, minx, miny, maxx, maxy
  FROM areas;
DROP TABLE areas; ALTER TABLE areas_9 RENAME TO areas;
CREATE TABLE iv_9 (
  indicator_key TEXT NOT NULL REFERENCES indicator_definitions(key),
  area_code TEXT NOT NULL, period TEXT NOT NULL, value REAL NOT NULL, n REAL,
  PRIMARY KEY (indicator_key, area_code, period));
INSERT INTO iv_9 SELECT indicator_key, area_code, period, value, n FROM indicator_values;
DROP TABLE indicator_values; ALTER TABLE iv_9 RENAME TO indicator_values;
CREATE TABLE ak_9 (
  child_level TEXT NOT NULL, child_code TEXT NOT NULL, parent_level TEXT NOT NULL,
  parent_code TEXT NOT NULL, parent_name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (child_level, child_code, parent_level));
INSERT INTO ak_9 SELECT child_level, child_code, parent_level, parent_code, parent_name
  FROM area_keys;
DROP TABLE area_keys; ALTER TABLE ak_9 RENAME TO area_keys;
DROP TABLE area_versions; DELETE FROM gpkg_contents WHERE table_name = 'area_versions';
UPDATE est_meta SET value = '9' WHERE key = 'schema_version';
"""
_SCHEMA_9_PG = (
    "ALTER TABLE areas DROP COLUMN version, ADD CONSTRAINT areas_code_key UNIQUE (code)",
    "ALTER TABLE indicator_values DROP COLUMN area_version, "
    "ADD PRIMARY KEY (indicator_key, area_code, period)",
    "ALTER TABLE area_keys DROP COLUMN version, "
    "ADD PRIMARY KEY (child_level, child_code, parent_level)",
    "DROP TABLE area_versions",
    "DELETE FROM est_schema_version WHERE version > 9",
)


def test_a_schema_9_database_keeps_its_areas_values_and_key_without_a_version(
    store: Store,
) -> None:
    """Schema 10 identifies an area by (level, code, version): the areas, values and key
    of an older database become version 0 and read as before, and a fetched DeSO version
    can then be stored beside a same-coded area without a version."""
    from shapely.geometry import box

    from est_geo.core.model import IndicatorDefinition
    from est_geo.store.area_versions import AreaDelivery

    store.upsert_indicator_definition(
        IndicatorDefinition("befolkning", "Befolkning", "Population", "personer", True, "SCB"),
        user="t",
    )
    store.add_indicator_values(
        pd.DataFrame({"indicator_key": ["befolkning"], "area_code": ["T-OMR"],
                      "period": ["2024"], "value": [1200.0], "n": [1200.0]}), user="t",
    )  # fmt: skip
    key = pd.DataFrame({"child_code": ["0581A0010"], "parent_code": ["0581R001"]})
    store.replace_area_key(key, child_level="deso", parent_level="regso", user="t")  # type: ignore[attr-defined]
    if isinstance(store, PostGISStore):
        for statement in _SCHEMA_9_PG:
            _raw_write(store, statement)
    else:
        with sqlite3.connect(store.url) as con:
            con.executescript(_SCHEMA_9_GPKG)
    old = open_store(store.url)
    assert old.info().schema_version == SCHEMA_VERSION
    areas = old.areas()
    assert list(areas["code"]) == ["0581", "T-OMR", "T-OMR-C"] and set(areas["version"]) == {0}
    values = old.indicator_values()
    assert values[["area_code", "value", "area_version"]].values.tolist() == [["T-OMR", 1200.0, 0]]
    got = old.area_key(child_level="deso", parent_level="regso")  # type: ignore[attr-defined]
    assert got["parent_code"].tolist() == ["0581R001"]
    assert old.area_versions() == [0]  # type: ignore[attr-defined]
    deso = gpd.GeoDataFrame(
        {"code": ["0581A0010"], "name": ["x"], "level": ["deso"], "parent_code": [None]},
        geometry=[box(564_000, 6_492_000, 565_000, 6_493_000)], crs="EPSG:3006",
    )  # fmt: skip
    old.add_areas(deso, user="t")  # a DeSO without a version …
    delivery = AreaDelivery(deso, "deso", 2025, "0581", "http://x", "2026-01-01T00:00:00Z")
    old.replace_area_delivery(delivery, user="t")  # type: ignore[attr-defined]
    assert old.area_versions() == [2025, 0]  # type: ignore[attr-defined]  # … and one of 2025
    assert old.areas(levels=["deso"], version=0)["code"].tolist() == ["0581A0010"]
    assert old.areas(levels=["deso"])["version"].tolist() == [2025]
