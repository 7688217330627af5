"""Shared fixtures: fresh databases built from code in a temp dir, per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from est_geo.store import Store, create_store

# A small synthetic world in SWEREF 99 TM around Klockaretorpet (values chosen by hand).
KOMMUN = box(560_000, 6_488_000, 575_000, 6_500_000)
OMRADE = box(564_000, 6_492_500, 566_000, 6_494_000)
CENTRUM = box(564_800, 6_493_000, 565_050, 6_493_200)


def small_areas() -> gpd.GeoDataFrame:
    """Kommun → område → delområde, in EPSG:3006."""
    return gpd.GeoDataFrame(
        {
            "code": ["0581", "T-OMR", "T-OMR-C"],
            "name": ["Testkommun", "Testområdet", "Testområdet centrum"],
            "level": ["kommun", "omrade", "delomrade"],
            "parent_code": [None, "0581", "T-OMR"],
        },
        geometry=[KOMMUN, OMRADE, CENTRUM],
        crs="EPSG:3006",
    )


def small_incidents(
    n: int = 10, *, source: str = "test", start: str = "2025-01-06"
) -> pd.DataFrame:
    """``n`` incidents inside the centrum, one per day from ``start`` at 21:00."""
    times = pd.date_range(f"{start} 21:00", periods=n, freq="D")
    return pd.DataFrame(
        {
            "x": [564_900.0 + i for i in range(n)],
            "y": [6_493_100.0 + i for i in range(n)],
            "occurred_at": times,
            "has_time": [True] * n,
            "category": ["skadegorelse.klotter"] * (n - n // 2) + ["ordning.brak"] * (n // 2),
            "actor": ["bostadsbolag"] * n,
            "precision": ["exact"] * n,
            "description": [f"beskrivning {i}" for i in range(n)],
            "source": [source] * n,
            "source_id": [f"id-{i}" for i in range(n)],
        }
    )


@pytest.fixture
def store_factory(tmp_path: Path) -> Callable[[], Store]:
    """Create fresh empty stores (one file each) in the test's temp dir."""
    counter = iter(range(1000))

    def make() -> Store:
        return create_store(str(tmp_path / f"store{next(counter)}.gpkg"))

    return make


@pytest.fixture
def store(store_factory: Callable[[], Store]) -> Store:
    """A fresh store with the small areas loaded."""
    s = store_factory()
    s.add_areas(small_areas(), user="test")
    return s


@pytest.fixture
def square() -> Polygon:
    """A 100 m square inside the test centrum."""
    return box(564_850, 6_493_050, 564_950, 6_493_150)
