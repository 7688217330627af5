"""Grid binning on the fixed EPSG:3006 lattice."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from est_geo.core.errors import ValidationError
from est_geo.hotspots import Grid, count_points


def test_covering_aligns_to_fixed_origin() -> None:
    grid = Grid.covering((564_850.0, 6_493_120.0, 565_010.0, 6_493_300.0), 100)
    # floor(564850/100)=5648 … floor(565010/100)=5650 → 3 columns; 64931 … 64933 → 3 rows.
    assert (grid.ix0, grid.iy0, grid.nx, grid.ny) == (5648, 64931, 3, 3)
    assert grid.bounds == (564_800.0, 6_493_100.0, 565_100.0, 6_493_400.0)


def test_cell_ids_are_stable_across_queries() -> None:
    small = Grid.covering((564_850.0, 6_493_150.0, 564_860.0, 6_493_160.0), 100)
    large = Grid.covering((560_000.0, 6_490_000.0, 570_000.0, 6_500_000.0), 100)
    cell = small.cell_ids()[0, 0]
    assert cell == "100m_E5648_N64931"
    row, col = 64931 - large.iy0, 5648 - large.ix0
    assert large.cell_ids()[row, col] == cell


def test_polygons_and_centroids_match() -> None:
    grid = Grid(250, -2, 3, 4, 2)
    polys = grid.cell_polygons()
    cx, cy = grid.centroids()
    assert polys.shape == cx.shape == (2, 4)
    assert polys[0, 0].equals(shapely.box(-500, 750, -250, 1000))
    assert (cx[0, 0], cy[0, 0]) == (-375.0, 875.0)
    assert all(p.area == 250.0**2 for p in polys.ravel())


def test_count_points_ignores_and_reports_outside_points() -> None:
    grid = Grid(100, 0, 0, 3, 2)
    x = np.array([10.0, 150.0, 150.0, 299.9, 300.0, -0.1, np.nan])
    y = np.array([10.0, 50.0, 150.0, 199.9, 50.0, 50.0, 50.0])
    binned = count_points(grid, x, y)
    expected = np.array([[1, 1, 0], [0, 1, 1]])
    np.testing.assert_array_equal(binned.counts, expected)
    assert binned.n_outside == 3
    assert binned.counts.dtype == np.int64


def test_count_points_with_weights() -> None:
    grid = Grid(100, 0, 0, 2, 1)
    binned = count_points(grid, [10, 20, 150], [5, 5, 5], weights=[0.5, 2.0, 1.0])
    np.testing.assert_allclose(binned.counts, [[2.5, 1.0]])


@pytest.mark.parametrize("cell_size", [0, 24, 1001, 100.5, True])
def test_bad_cell_size_is_rejected(cell_size: object) -> None:
    with pytest.raises(ValidationError, match="cell_size"):
        Grid(cell_size, 0, 0, 1, 1)  # type: ignore[arg-type]


def test_grid_collects_all_problems() -> None:
    with pytest.raises(ValidationError) as info:
        Grid(10, 0, 0, 0, -1)
    assert {p.field for p in info.value.problems} == {"cell_size", "nx", "ny"}


def test_bad_bbox_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Grid.covering((10.0, 0.0, 0.0, 5.0), 100)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.floats(-50_000, 950_000, allow_nan=False),
            st.floats(6_100_000, 7_700_000, allow_nan=False),
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from([25, 100, 250, 1000]),
)
def test_covering_grid_holds_every_point(pts: list[tuple[float, float]], cell_size: int) -> None:
    x = np.array([p[0] for p in pts])
    y = np.array([p[1] for p in pts])
    bbox = (float(x.min()), float(y.min()), float(x.max()), float(y.max()))
    if (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]) / cell_size**2 > 4e6:
        return  # grid would be huge; covered by the MAX_CELLS check
    binned = count_points(Grid.covering(bbox, cell_size), x, y)
    assert binned.n_outside == 0
    assert binned.total == len(pts)


@settings(max_examples=40, deadline=None)
@given(
    st.integers(25, 1000),
    st.integers(-50, 50),
    st.integers(-50, 50),
    st.integers(1, 30),
    st.integers(1, 30),
    st.data(),
)
def test_ids_and_centroids_at_match_the_whole_grid(
    cell_size: int, ix0: int, iy0: int, nx: int, ny: int, data: st.DataObject
) -> None:
    """Per-cell ids and centres equal the whole-grid arrays at the same cells."""
    grid = Grid(cell_size, ix0, iy0, nx, ny)
    flat = data.draw(st.lists(st.integers(0, grid.n_cells - 1), max_size=20))
    rows, cols = np.divmod(np.asarray(flat, dtype=np.int64), nx)
    assert grid.ids_at(rows, cols) == grid.cell_ids()[rows, cols].tolist()
    cx, cy = grid.centroids_at(rows, cols)
    full_x, full_y = grid.centroids()
    np.testing.assert_array_equal(cx, full_x[rows, cols])
    np.testing.assert_array_equal(cy, full_y[rows, cols])


def test_ids_at_refuses_cells_outside_the_grid() -> None:
    grid = Grid(100, 0, 0, 3, 2)
    with pytest.raises(ValidationError):
        grid.ids_at([2], [0])  # row 2 of a 2-row grid
    with pytest.raises(ValidationError):
        grid.centroids_at([0], [-1])
