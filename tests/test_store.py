"""Contract tests of the Store. Backend-agnostic: they use only the Store protocol."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from est_geo.errors import (
    CorruptDatabaseError,
    DatabaseMissingError,
    NotFoundError,
    ReadOnlyError,
    SchemaVersionError,
    StoreError,
    ValidationError,
)
from est_geo.model import Intervention
from est_geo.store import IncidentQuery, Store, open_store
from est_geo.store.schema import SCHEMA_VERSION

from .conftest import small_incidents


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
    # Also at the connection level: raw SQL through the read-only URI fails.
    with pytest.raises(sqlite3.OperationalError), ro._connect() as con:  # type: ignore[attr-defined]
        con.execute("DELETE FROM areas")


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
    with sqlite3.connect(store.url) as con:
        con.execute(
            "UPDATE est_meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(SchemaVersionError, match="nyare"):
        open_store(store.url)


def test_create_refuses_to_overwrite(store: Store) -> None:
    from est_geo.store import create_store

    with pytest.raises(StoreError, match="finns redan"):
        create_store(store.url)


def test_unsupported_url_scheme() -> None:
    with pytest.raises(StoreError, match="stöds inte"):
        open_store("mysql://x/y")


def test_indicators(store: Store) -> None:
    from est_geo.model import DEFAULT_INDICATORS

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
