"""Store contract for the io additions: context events and remembered import mappings.

Runs against every backend through the ``store``/``store_factory`` fixtures.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from est_geo.core.errors import ReadOnlyError, ValidationError
from est_geo.store import Store
from est_geo.store.base import CONTEXT_EVENT_COLUMNS


def _events(n: int = 3) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": ["polisen"] * n,
            "source_id": [str(100 + i) for i in range(n)],
            "occurred_at": pd.date_range("2025-06-01 07:32:06", periods=n, freq="D"),
            "type": ["Bråk"] * n,
            "category": ["ordning.brak"] + [None] * (n - 1),
            "name": [f"Händelse {i}" for i in range(n)],
            "summary": ["Bråk i Testområdet"] + [""] * (n - 1),
            "url": ["/x"] * n,
            "location_name": ["Norrköping"] * n,
            "lat": [58.587745] * n,
            "lon": [16.192421] * n,
            "area_codes": [("T-OMR", "T-OMR-C")] + [()] * (n - 1),
        }
    )


def test_context_events_round_trip_and_dedup(store: Store) -> None:
    first = store.add_context_events(_events(), user="t")
    assert (first.rows_read, first.inserted, first.duplicates) == (3, 3, 0)
    again = store.add_context_events(_events(4), user="t")
    assert (again.inserted, again.duplicates) == (1, 3)
    df = store.context_events()
    assert list(df.columns) == ["fid", *CONTEXT_EVENT_COLUMNS, "batch_id"]
    assert df["source_id"].tolist() == ["103", "102", "101", "100"]  # newest first
    assert df["occurred_at"].iloc[-1] == pd.Timestamp("2025-06-01 07:32:06")
    assert df["area_codes"].iloc[-1] == ("T-OMR", "T-OMR-C")
    assert df["area_codes"].iloc[0] == ()
    assert pd.isna(df["category"].iloc[0])
    assert store.count_incidents() == 0


def test_context_event_filters(store: Store) -> None:
    store.add_context_events(_events(), user="t")
    assert len(store.context_events(start=date(2025, 6, 2))) == 2
    assert len(store.context_events(end=date(2025, 6, 2))) == 1
    assert store.context_events(area_codes=["T-OMR-C"])["source_id"].tolist() == ["100"]
    assert store.context_events(area_codes=[]).empty


def test_bad_context_events_write_nothing(store: Store) -> None:
    bad = _events()
    bad["occurred_at"] = bad["occurred_at"].astype(object)
    bad.loc[0, "occurred_at"] = "inte en tid"
    bad.loc[1, "source_id"] = "100"
    bad.loc[2, "name"] = ""
    with pytest.raises(ValidationError) as err:
        store.add_context_events(bad, user="t")
    assert {(p.row, p.field) for p in err.value.problems} == {
        (1, "occurred_at"),
        (2, "source_id"),
        (3, "name"),
    }
    assert store.context_events().empty
    with pytest.raises(ValidationError):
        store.add_context_events(_events().drop(columns=["type"]), user="t")


def test_import_mappings(store: Store) -> None:
    assert store.import_mapping("hb", "incidents") is None
    mapping = {"columns": {"x": "Öst"}, "categories": {"Sprayat": "skadegorelse.klotter"}}
    store.save_import_mapping("hb", "incidents", mapping, user="t")
    assert store.import_mapping("hb", "incidents") == mapping
    store.save_import_mapping("hb", "incidents", {"crs": "EPSG:3006"}, user="t")
    assert store.import_mapping("hb", "incidents") == {"crs": "EPSG:3006"}
    assert store.import_mapping("hb", "polisen") is None
    log = store.audit_log()
    assert "import_mappings" in set(log["entity"])


def test_incidents_carry_source_id(store: Store) -> None:
    from tests.conftest import small_incidents

    store.add_incidents(small_incidents(3), user="t")
    assert sorted(store.incidents()["source_id"]) == ["id-0", "id-1", "id-2"]


def test_large_batch_rebuilds_indexes_inside_the_transaction(store: Store) -> None:
    from tests.conftest import small_incidents

    big = small_incidents(60_000)
    big["occurred_at"] = pd.Timestamp("2025-01-06 21:00")
    result = store.add_incidents(big, user="t")
    assert (result.inserted, result.duplicates) == (60_000, 0)
    again = store.add_incidents(big, user="t")
    assert (again.inserted, again.duplicates) == (0, 60_000)
    assert store.count_incidents() == 60_000


def test_gpkg_indexes_survive_bulk_insert(tmp_path: Path) -> None:
    """Embedded backend only: the dropped-and-rebuilt indexes exist after a bulk write."""
    from est_geo.store.gpkg import GeoPackageStore
    from tests.conftest import small_incidents

    s = GeoPackageStore.create(tmp_path / "a.gpkg")
    s.add_incidents(small_incidents(60_000), user="t")
    con = sqlite3.connect(tmp_path / "a.gpkg")
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    con.close()
    assert {"incidents_time", "context_events_time"} <= names
    assert "incidents_xy" not in names  # the R*Tree answers boxes since schema 11


def test_gpkg_bulk_insert_keeps_extent_exact_and_file_readable(tmp_path: Path) -> None:
    """Embedded backend only: the extent is grown from each batch, not rescanned."""
    import pyogrio

    from est_geo.store.gpkg import GeoPackageStore
    from tests.conftest import small_incidents

    s = GeoPackageStore.create(tmp_path / "a.gpkg")

    def extent() -> tuple[float, ...]:
        con = sqlite3.connect(tmp_path / "a.gpkg")
        row = con.execute(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name='incidents'"
        ).fetchone()
        con.close()
        return tuple(row)

    first = small_incidents(60_000).sample(frac=1.0, random_state=1)  # ids out of order
    s.add_incidents(first, user="t")
    assert extent() == (564_900.0, 6_493_100.0, 564_900.0 + 59_999, 6_493_100.0 + 59_999)
    # An extent another tool left empty on a filled table is measured, not grown.
    con = sqlite3.connect(tmp_path / "a.gpkg")
    con.execute("UPDATE gpkg_contents SET max_x = NULL WHERE table_name = 'incidents'")
    con.commit()
    con.close()
    second = small_incidents(50_000, source="andra")
    second["x"] -= 1_000.0
    s.add_incidents(second, user="t")
    assert extent() == (563_900.0, 6_493_100.0, 564_900.0 + 59_999, 6_493_100.0 + 59_999)
    # Duplicates are skipped, so their (moved) points must not widen the extent.
    moved = small_incidents(10, source="andra")
    moved["y"] += 1_000_000.0
    extra = small_incidents(1, source="tredje")
    s.add_incidents(pd.concat([moved, extra], ignore_index=True), user="t")
    assert extent() == (563_900.0, 6_493_100.0, 564_900.0 + 59_999, 6_493_100.0 + 59_999)
    # A bulk batch of two sources, non-ASCII ids included: all duplicates of what is
    # stored except the ten new "å" rows.
    both = pd.concat([second, first], ignore_index=True)
    fresh = small_incidents(10, source="andra")
    fresh["source_id"] = [f"å-{i}" for i in range(10)]
    result = s.add_incidents(pd.concat([both, fresh], ignore_index=True), user="t")
    assert (result.inserted, result.duplicates) == (10, 110_000)
    info = pyogrio.read_info(tmp_path / "a.gpkg", layer="incidents")
    assert info["features"] == 110_011
    frame = pyogrio.read_dataframe(tmp_path / "a.gpkg", layer="incidents", max_features=5)
    assert frame.crs.to_epsg() == 3006
    assert (frame.geometry.x == frame["x"]).all()


def test_gpkg_migration_from_version_2_adds_io_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file written at schema version 2 gains context_events/import_mappings on open."""
    from est_geo.store import gpkg, schema
    from est_geo.store.gpkg import GeoPackageStore

    latest = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(gpkg, "SCHEMA_VERSION", 2)
    # the category tree is written with an audit entry in today's audit columns (9)
    monkeypatch.setattr(GeoPackageStore, "replace_categories", lambda *a, **k: None)
    GeoPackageStore.create(tmp_path / "old.gpkg")
    monkeypatch.undo()
    con = sqlite3.connect(tmp_path / "old.gpkg")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "context_events" not in tables
    upgraded = GeoPackageStore.open(tmp_path / "old.gpkg")
    assert upgraded.info().schema_version == latest
    assert upgraded.context_events().empty
    upgraded.save_import_mapping("a", "incidents", {"crs": "EPSG:3006"}, user="t")
    assert upgraded.import_mapping("a", "incidents") == {"crs": "EPSG:3006"}


def test_read_only_refuses_context_writes(store_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from est_geo.store import open_store

    s = store_factory()
    # Both backends reopen by URL: a file path, or postgresql://… (read-only connection).
    ro = open_store(s.url, read_only=True)
    with pytest.raises(ReadOnlyError):
        ro.add_context_events(_events(), user="t")
    with pytest.raises(ReadOnlyError):
        ro.save_import_mapping("a", "b", {}, user="t")
