"""Top-N hot spot cells and place names from areas."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from est_geo.core.errors import ValidationError
from est_geo.hotspots import Grid, gistar_grid, place_names, top_cells

AREAS = [
    ("Norrköping", shapely.box(0, 0, 2000, 2000)),
    ("Klockaretorpet", shapely.box(0, 0, 1000, 1000)),
    ("Rektorsgatan", shapely.box(200, 200, 400, 400)),
]


def test_smallest_containing_area_wins() -> None:
    names = place_names([250.0, 700.0, 1500.0, 5000.0], [250.0, 700.0, 1500.0, 5.0], AREAS)
    assert names == ["Rektorsgatan", "Klockaretorpet", "Norrköping", None]


def test_boundary_point_gets_a_name_and_geodataframe_works() -> None:
    gdf = gpd.GeoDataFrame(
        {"namn": [n for n, _ in AREAS]}, geometry=[g for _, g in AREAS], crs=3006
    )
    assert place_names([400.0], [300.0], gdf, name_column="namn") == ["Rektorsgatan"]


def test_an_area_without_geometry_is_named_in_the_readers_language() -> None:
    """The reason was the Swedish literal 'saknar giltig geometri' outside the catalogue,
    so an English reader saw Swedish; it is a catalogue text worded where it is shown."""
    areas = [*AREAS, ("Tomt", shapely.Polygon()), ("Inget", None)]
    with pytest.raises(ValidationError) as err:
        place_names([250.0], [250.0], areas)
    assert [str(p) for p in err.value.problems] == [  # the Swedish text as it was
        "rad 3, fält 'geometry' = 'Tomt': saknar giltig geometri",
        "rad 4, fält 'geometry' = 'Inget': saknar giltig geometri",
    ]
    assert [p.text("en") for p in err.value.problems] == [
        "row 3, field 'geometry' = 'Tomt': has no valid geometry",
        "row 4, field 'geometry' = 'Inget': has no valid geometry",
    ]


def test_top_cells_by_z_and_count() -> None:
    grid = Grid(100, 0, 0, 20, 20)
    counts = np.zeros(grid.shape)
    counts[2:5, 2:5] = 3  # a block inside Rektorsgatan's square
    counts[15, 15] = 9  # one busy cell far away
    res = gistar_grid(counts, grid=grid)
    by_z = top_cells(res, counts, n=3, areas=AREAS)
    assert [c.rank for c in by_z] == [1, 2, 3]
    assert by_z[0].cell_id == "100m_E3_N3"  # centre of the block has the largest z
    assert by_z[0].place == "Rektorsgatan"
    assert by_z[0].z >= by_z[1].z >= by_z[2].z
    assert all(c.hot_class.startswith("hot_") for c in by_z)
    by_count = top_cells(res, counts, n=1, by="count", areas=AREAS)
    assert by_count[0].cell_id == "100m_E15_N15"
    assert by_count[0].count == 9
    assert by_count[0].place == "Norrköping"


def test_only_hot_filters_and_needs_grid() -> None:
    counts = np.zeros((10, 10))
    counts[5, 5] = 1
    res = gistar_grid(counts, grid=Grid(100, 0, 0, 10, 10))
    assert len(top_cells(res, counts, n=50)) == res.count("hot_99") + res.count(
        "hot_95"
    ) + res.count("hot_90")
    assert len(top_cells(res, counts, n=50, only_hot=False)) == 50
    with pytest.raises(ValidationError):
        top_cells(gistar_grid(counts), counts)


def test_top_cells_builds_ids_and_centres_of_the_listed_cells_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A top 10 of a municipality's 464,000 cells used to build every cell's id and
    centre; now only the listed ones (same ids and centres as the whole grid's)."""
    grid = Grid(100, 5600, 64900, 300, 200)
    rng = np.random.default_rng(3)
    counts = rng.poisson(0.3, grid.shape).astype(float)
    counts[50:53, 120:124] += 12
    res = gistar_grid(counts, grid=grid)
    ids, (cx, cy) = grid.cell_ids(), grid.centroids()

    def whole_grid(self: Grid) -> None:
        raise AssertionError("whole-grid ids or centres built for a top list")

    monkeypatch.setattr(Grid, "cell_ids", whole_grid)
    monkeypatch.setattr(Grid, "centroids", whole_grid)
    top = top_cells(res, counts, n=10)
    assert len(top) == 10
    for cell in top:
        assert cell.cell_id == ids[cell.row, cell.col]
        assert (cell.x, cell.y) == (cx[cell.row, cell.col], cy[cell.row, cell.col])
    assert [c.z for c in top] == sorted((c.z for c in top), reverse=True)
