"""Map data for Karta: counts per cell bounded for the browser at any scale."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import streamlit_folium

from est_geo.core.model import CategoryTree
from est_geo.hotspots.grid import Grid, count_points
from est_geo.hotspots.map import count_cell_group
from est_geo.maps import base_map, class_breaks, legend, ramp, range_labels
from est_geo.maps.mapdata import (
    MAX_DRAWN_CELLS,
    CellData,
    PointData,
    cell_display,
    counts_by_main_category,
    incident_display,
)
from tests.test_store_columns import random_incidents

#: A municipality the size of Norrköping's (about 60 × 50 km) in SWEREF 99 TM.
MUNICIPALITY = (540_000.0, 6_470_000.0, 600_000.0, 6_520_000.0)


def _spread(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = MUNICIPALITY
    return rng.uniform(minx, maxx, n), rng.uniform(miny, maxy, n)


@pytest.mark.parametrize("size", [100, 500])
def test_cell_counts_equal_the_grid_counts(size: int) -> None:
    x, y = _spread(20_000)
    shown = cell_display(x, y, sizes=(size,), max_cells=10**9)
    grid = Grid.covering(MUNICIPALITY, size)
    dense = count_points(grid, x, y).counts
    assert shown.cell_size == size
    assert len(shown.cells) == np.count_nonzero(dense)
    assert int(shown.cells["count"].sum()) == 20_000
    ids = grid.cell_ids()
    expected = {str(ids[r, c]): int(dense[r, c]) for r, c in zip(*np.nonzero(dense), strict=True)}
    got = dict(zip(shown.cells["cell_id"], shown.cells["count"].astype(int), strict=True))
    assert got == expected


def test_cells_are_the_squares_of_their_ids() -> None:
    x = np.array([564_850.0, 564_850.0, 564_999.9, 565_000.0])
    y = np.array([6_493_150.0, 6_493_160.0, 6_493_100.0, 6_493_100.0])
    shown = cell_display(x, y, sizes=(100,))
    assert shown.cells["cell_id"].tolist() == [
        "100m_E5648_N64931",
        "100m_E5649_N64931",
        "100m_E5650_N64931",
    ]
    assert shown.cells["count"].tolist() == [2, 1, 1]
    back = shown.cells.to_crs(3006).geometry.iloc[0].bounds
    assert back == pytest.approx((564_800, 6_493_100, 564_900, 6_493_200), abs=0.01)


def test_coarser_cells_until_they_fit() -> None:
    x, y = _spread(330_000)
    shown = cell_display(x, y)
    assert len(shown.cells) <= MAX_DRAWN_CELLS
    assert shown.cell_size > 100  # 100 m would be ~280,000 cells
    assert int(shown.cells["count"].sum()) == 330_000


def test_a_stray_incident_far_away_costs_no_dense_grid() -> None:
    """A dense grid over Kiruna–Ystad at 100 m would exceed Grid.MAX_CELLS."""
    x, y = _spread(5_000)
    x = np.append(x, 850_000.0)
    y = np.append(y, 7_600_000.0)
    shown = cell_display(x, y)
    assert int(shown.cells["count"].sum()) == 5_001


def test_few_incidents_are_points_many_are_cells() -> None:
    tree = CategoryTree.default()
    few = random_incidents(50)
    assert isinstance(incident_display(few, tree, max_points=100), PointData)
    assert isinstance(incident_display(few, tree, max_points=10), CellData)


def test_whole_municipality_layer_sent_is_under_two_megabytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What st_folium sends for Karta's count layer of 330,000 incidents spread over a
    municipality (the worst case: every cell occupied), base map included."""
    calls: list[dict[str, Any]] = []

    def record(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return kwargs["default"]

    monkeypatch.setattr(streamlit_folium, "_component_func", record)
    x, y = _spread(330_000)
    shown = cell_display(x, y)
    breaks = class_breaks(shown.cells["count"].tolist())
    labels = range_labels(breaks, int(shown.cells["count"].min()))
    layer = count_cell_group(shown.cells, breaks, labels, name="Antal per ruta", unit="st")
    fmap = base_map(58.59, 16.18, 10, None, prefer_canvas=True)
    legend("Händelser", [("#d62728", "Klotter")]).add_to(fmap)
    streamlit_folium.st_folium(fmap, key="k", feature_group_to_add=[layer], returned_objects=[])
    (args,) = calls
    sent = sum(len(str(v).encode()) for v in args.values() if isinstance(v, str))
    assert sent <= 2_000_000
    assert len(args["feature_group"].encode()) / len(shown.cells) <= 130  # compact rows
    assert "preferCanvas" in args["script"]


def test_count_cells_are_classed_as_the_legend_says() -> None:
    x = np.array([564_850.0] * 5 + [564_950.0] * 2 + [565_050.0])
    y = np.full(x.size, 6_493_150.0)
    shown = cell_display(x, y, sizes=(100,))
    breaks = [1.0, 2.0, 5.0]
    group = count_cell_group(shown.cells, breaks, ["1", "2", "3–5"], name="n", unit="st")
    (cell_layer,) = group._children.values()
    by_id = {row[10]: (row[8], row[9]) for row in cell_layer.rows}
    assert by_id == {
        "100m_E5648_N64931": (2, 5),
        "100m_E5649_N64931": (1, 2),
        "100m_E5650_N64931": (0, 1),
    }
    assert cell_layer.colors == ramp(3)


def test_counts_by_main_category_sum_subcategories_most_first() -> None:
    """Karta's table: sub-category counts summed into their main category, most first;
    a tie keeps the order the categories were first met (the store's order)."""
    tree = CategoryTree.default()
    by_category = {
        "skadegorelse.klotter": 2,
        "ordning.brak": 3,
        "samling": 1,
        "skadegorelse.glaskross": 1,
        "ordning": 0,
        "samling.garage": 2,
    }
    assert counts_by_main_category(by_category, tree) == [
        ("skadegorelse", 3),
        ("ordning", 3),
        ("samling", 3),
    ]
    assert counts_by_main_category({"ordning.ran": 1, "samling.kallare": 4}, tree) == [
        ("samling", 4),
        ("ordning", 1),
    ]
    assert counts_by_main_category({}, tree) == []
