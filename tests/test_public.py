"""The public aggregates: suppression below k, cell size floor, no text or actors out;
and the public-mode store refusing writes at the connection level."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point, box

from est_geo.errors import ReadOnlyError
from est_geo.public import (
    MIN_CELL_SIZE,
    area_counts,
    grid_counts,
    monthly_counts,
    public_interventions,
)
from est_geo.store import create_store, open_store
from est_geo.store.gpkg import GeoPackageStore
from tests.conftest import small_areas, small_incidents

A = box(564_000, 6_492_000, 564_500, 6_492_500)
B = box(565_000, 6_492_000, 565_500, 6_492_500)


def _areas() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": ["A", "B"], "name": ["Område A", "Område B"], "level": ["omrade"] * 2},
        geometry=[A, B],
        crs="EPSG:3006",
    )


def _incidents(n_a: int, n_b: int) -> pd.DataFrame:
    xs = [564_123.4 + i for i in range(n_a)] + [565_321.7 + i for i in range(n_b)]
    ys = [6_492_111.1] * n_a + [6_492_222.2] * n_b
    return pd.DataFrame(
        {
            "x": xs,
            "y": ys,
            "occurred_at": pd.date_range("2026-01-01", periods=len(xs), freq="D"),
            "description": ["hemlig text"] * len(xs),
            "actor": ["polis"] * len(xs),
        }
    )


def test_area_counts_suppress_below_k() -> None:
    result = area_counts(_incidents(7, 3), _areas(), k=5)
    frame = result.frame
    assert frame["shown"].tolist() == ["7", "färre än 5"]
    assert frame["count"].isna().tolist() == [False, True]
    assert result.total_shown == 7 and result.n_suppressed == 1
    assert set(frame.columns) == {"label", "count", "shown", "geometry"}
    assert frame.crs.to_epsg() == 4326
    # Zero is suppressed too, so an area without "färre än" says nothing about presence.
    none = area_counts(_incidents(0, 0), _areas(), k=5)
    assert none.frame["shown"].tolist() == ["färre än 5", "färre än 5"]
    assert area_counts(_incidents(3, 0), _areas(), k=3, lang="en").frame["shown"][1] == (
        "fewer than 3"
    )


def test_grid_counts_floor_and_left_out_cells() -> None:
    with pytest.raises(ValueError, match="at least 100 m"):
        grid_counts(_incidents(7, 3), cell_size=50, k=5)
    result = grid_counts(_incidents(7, 3), cell_size=MIN_CELL_SIZE, k=5)
    assert result.frame["count"].tolist() == [7]
    assert result.n_suppressed == 1  # the cell with 3 is left out, not drawn
    # Cell corners are on the 100 m lattice, never an incident position.
    minx, miny, _, _ = gpd.GeoSeries(result.frame.geometry, crs=4326).to_crs(3006).total_bounds
    assert round(minx) % 100 == 0 and round(miny) % 100 == 0
    assert grid_counts(_incidents(0, 0), cell_size=250, k=5).frame.empty


def test_k_is_validated() -> None:
    for bad in (0, -1, True):
        with pytest.raises(ValueError):
            area_counts(_incidents(1, 1), _areas(), k=bad)


def test_monthly_counts() -> None:
    frame = monthly_counts(_incidents(40, 0), k=5)
    assert frame["month"].tolist() == ["2026-01", "2026-02"]
    assert frame["shown"].tolist() == ["31", "9"]
    small = monthly_counts(_incidents(33, 0), k=5)
    assert small["shown"].tolist() == ["31", "färre än 5"]


def test_public_interventions_only_public_and_no_free_text() -> None:
    ivs = gpd.GeoDataFrame(
        {
            "name": ["Hemligt namn", "Bommar vid <script>"],
            "kind": ["kamerabevakning", "bom"],
            "status": ["pagar", "planerad"],
            "owner_actor": ["polis", "bostadsbolag"],
            "start_date": [date(2026, 1, 1), None],
            "end_date": [None, date(2026, 6, 30)],
            "description": ["intern beskrivning", "text"],
            "public": [False, True],
            "cost": [1.0, 2.0],
        },
        geometry=[Point(564_100, 6_492_100), Point(565_100, 6_492_100)],
        crs="EPSG:3006",
    )
    out = public_interventions(ivs, _areas())
    assert out.to_dict("records") == [
        {
            "kind": "Bom/barriär",
            "area": "Område B",
            "period": "… – 2026-06-30",
            "status": "Planerad",
        }
    ]
    text = out.to_string()
    for secret in ("Hemligt", "<script>", "bostadsbolag", "beskrivning"):
        assert secret not in text


def test_public_store_refuses_writes_even_raw_sql(tmp_path: Path) -> None:
    """The embedded store; PostGIS relies on a SELECT-only role (its own tests)."""
    writable = create_store(str(tmp_path / "pub.gpkg"))
    writable.add_areas(small_areas(), user="test")
    writable.add_incidents(small_incidents(3), user="test")
    ro = open_store(writable.url, read_only=True)
    assert isinstance(ro, GeoPackageStore) and ro.read_only
    with pytest.raises(ReadOnlyError):
        ro.set_meta({"x": "y"}, user="attacker")
    statements = [
        "INSERT INTO est_meta VALUES ('hacked', 'yes')",
        "UPDATE incidents SET description = 'x'",
        "DELETE FROM audit_log",
        "DROP TABLE incidents",
        "CREATE TABLE evil (x)",
        "PRAGMA user_version = 1",
    ]
    for sql in statements:
        with ro._connect() as con, pytest.raises(sqlite3.OperationalError, match="readonly"):
            con.execute(sql)
    assert "hacked" not in ro.meta()
    assert ro.count_incidents() == 3
