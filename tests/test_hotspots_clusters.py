"""Hot spot places: touching significant Gi* cells grouped, ranked by incidents, named."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from est_geo.core.errors import ValidationError
from est_geo.hotspots import (
    GiStarResult,
    Grid,
    count_hot_cells,
    count_places,
    gistar_grid,
    hot_clusters,
    nearest_places,
    place_changes,
)

AREAS = [
    ("Norrköping", shapely.box(0, 0, 2000, 2000)),
    ("Klockaretorpet", shapely.box(0, 0, 1000, 1000)),
    ("Rektorsgatan", shapely.box(200, 200, 400, 400)),
    ("Ringdansen", shapely.box(1500, 1500, 1700, 1700)),
]


def _result(counts: np.ndarray) -> GiStarResult:
    ny, nx = counts.shape
    return gistar_grid(counts, grid=Grid(100, 0, 0, nx, ny))


def test_empty_neighbours_join_their_busy_cell_and_places_rank_by_incidents() -> None:
    """The issue's case: an empty cell is "hot, 99 %" because its neighbour is busy. As a
    place it joins that neighbour; the list ranks places by incidents, not by z."""
    counts = np.zeros((20, 20))
    counts[2:5, 2:5] = 3  # 27 incidents spread over Rektorsgatan's block
    counts[15, 15] = 40  # 40 incidents in one cell near Ringdansen
    result = _result(counts)
    # Gi* marks the busy cell's empty neighbours too (the neighbourhood includes it).
    assert result.classes[14, 14].startswith("hot_") and counts[14, 14] == 0
    places = hot_clusters(result, counts, areas=AREAS)
    assert [p.rank for p in places] == [1, 2]
    busy, block = places
    assert busy.count == 40 and block.count == 27
    assert busy.cell_ids[0] == "100m_E15_N15"  # busiest cell first
    assert (busy.x, busy.y) == (1550.0, 1550.0)
    assert busy.area == "Ringdansen" and busy.near == "Klockaretorpet"
    assert busy.near_m == pytest.approx(round(float(np.hypot(550, 550)), -1))
    assert block.area == "Rektorsgatan" and block.near == "Ringdansen"
    assert busy.n_cells == len(busy.cell_ids) and busy.area_m2 == busy.n_cells * 100 * 100
    assert busy.hot_class == "hot_99"
    # Every empty hot cell belongs to a place; none is listed on its own.
    hot = {
        (r, c) for r, c in zip(*np.nonzero(np.char.startswith(result.classes, "hot_")), strict=True)
    }
    assert hot == {rc for p in places for rc in zip(p.rows, p.cols, strict=True)}


def test_diagonal_neighbours_are_one_place_and_n_limits() -> None:
    """Queen contiguity (Gi*'s own neighbourhood): cells touching at a corner are one place."""
    classes = np.full((5, 5), "none", dtype="<U7")
    classes[1, 1] = classes[2, 2] = "hot_95"
    classes[4, 4] = "hot_90"
    z = np.where(classes == "none", 0.0, 2.5)
    counts = np.zeros((5, 5))
    counts[1, 1], counts[2, 2], counts[4, 4] = 1, 2, 5
    base = _result(counts)
    fake = GiStarResult(
        **{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "z": z, "classes": classes}
    )
    places = hot_clusters(fake, counts)
    assert [(p.count, p.n_cells) for p in places] == [(5, 1), (3, 2)]
    assert places[1].cell_ids == ("100m_E2_N2", "100m_E1_N1")
    assert places[0].area is None and places[0].near is None
    assert len(hot_clusters(fake, counts, n=1)) == 1
    with pytest.raises(ValidationError):
        hot_clusters(fake, counts, n=0)
    with pytest.raises(ValidationError):
        hot_clusters(gistar_grid(counts), counts)


def test_nearest_places_skip_areas_covering_the_point() -> None:
    found = nearest_places([300.0, 5000.0], [300.0, 5000.0], AREAS)
    assert found[0] == ("Ringdansen", round(float(np.hypot(1200, 1200)), -1))
    assert found[1][0] == "Norrköping"  # outside everything: the nearest edge
    assert nearest_places([300.0], [300.0], AREAS[:3]) == [(None, None)]


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(3, 12), st.integers(3, 12)), elements=st.integers(0, 30))
)
def test_places_partition_the_hot_cells(counts: np.ndarray) -> None:
    """For any counts: places are disjoint, cover exactly the hot cells, never touch each
    other, are each connected, and are listed by incidents (most first)."""
    assume(counts.min() != counts.max())  # Gi* is undefined for a constant surface
    result = _result(counts.astype(np.float64))
    places = hot_clusters(result, counts, n=None)
    hot = set(zip(*np.nonzero(np.char.startswith(result.classes, "hot_")), strict=True))
    cells = [set(zip(p.rows, p.cols, strict=True)) for p in places]
    assert set().union(*cells) == hot
    assert sum(len(c) for c in cells) == len(hot)
    assert [p.count for p in places] == sorted((p.count for p in places), reverse=True)
    assert count_places(result) == len(places)
    for p, own in zip(places, cells, strict=True):
        assert p.count == int(sum(counts[r, c] for r, c in own))
        assert p.hot_class in {str(result.classes[r, c]) for r, c in own}
        assert _connected(own)
    for i, a in enumerate(cells):
        for b in cells[i + 1 :]:
            assert not any(abs(r1 - r2) <= 1 and abs(c1 - c2) <= 1 for r1, c1 in a for r2, c2 in b)


def _connected(cells: set[tuple[int, int]]) -> bool:
    start = next(iter(cells))
    seen, todo = {start}, [start]
    while todo:
        r, c = todo.pop()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                nb = (r + dr, c + dc)
                if nb in cells and nb not in seen:
                    seen.add(nb)
                    todo.append(nb)
    return seen == cells


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.int64, st.tuples(st.integers(3, 10), st.integers(3, 10)), elements=st.integers(0, 9)),
    st.integers(-5, 5),
)
def test_hot_cells_and_changes_per_place(counts: np.ndarray, shift: int) -> None:
    """Hot cells counted are the places' cells; a place's change is its own cells' sum."""
    assume(counts.min() != counts.max())
    result = _result(counts.astype(np.float64))
    places = hot_clusters(result, counts, n=None)
    assert count_hot_cells(result) == sum(p.n_cells for p in places)
    reference = np.clip(counts + shift, 0, None)
    expected = [
        int(sum(counts[r, c] - reference[r, c] for r, c in zip(p.rows, p.cols, strict=True)))
        for p in places
    ]
    assert place_changes(counts, reference, places) == expected
