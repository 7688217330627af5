"""Crime concentration and PAI on hand-computed examples."""

from __future__ import annotations

import numpy as np
import pytest

from est_geo.core.errors import AnalysisError, ValidationError
from est_geo.hotspots import concentration, pai

# Ten cells of a 2×5 study area, N = 20 incidents:
#   sorted counts 6 4 3 3 2 1 1 0 0 0, cumulative 6 10 13 16 18 19 20 20 20 20.
#   25 % of 20 = 5  → reached by the first cell (6)      → 1 cell  = 10 % of cells.
#   50 % of 20 = 10 → reached by the first two (6+4=10)  → 2 cells = 20 % of cells.
#   75 % of 20 = 15 → first four (16 ≥ 15)               → 4 cells = 40 % of cells.
#   Cells with ≥ 1 incident: 7 of 10 = 70 %.
COUNTS = np.array([[0, 3, 6, 1, 0], [2, 4, 0, 3, 1]])


def test_weisburd_shares_hand_computed() -> None:
    res = concentration(COUNTS, shares=(0.25, 0.5, 0.75))
    assert [lvl.cells_needed for lvl in res.levels] == [1, 2, 4]
    assert [lvl.share_of_cells for lvl in res.levels] == [0.1, 0.2, 0.4]
    assert [lvl.share_of_area for lvl in res.levels] == pytest.approx([0.1, 0.2, 0.4])
    assert res.n_incidents == 20
    assert res.n_cells == 10
    assert res.share_of_cells_with_incidents == pytest.approx(0.7)
    assert res.level(0.5).cells_needed == 2


def test_study_area_mask_and_unequal_areas() -> None:
    # Drop the right-most column (counts 0 and 1) from the study area: 8 cells, N = 19.
    # 50 % of 19 = 9.5 → 6 + 4 = 10 ≥ 9.5 → 2 of 8 cells = 25 %.
    # Cell areas: the 6-cell is a clipped half cell (0.5), others 1 → total area 7.5;
    # the two cells hold 0.5 + 1 = 1.5 of 7.5 = 20 % of the area.
    in_area = np.ones_like(COUNTS, dtype=bool)
    in_area[:, 4] = False
    area = np.ones(COUNTS.shape)
    area[0, 2] = 0.5
    res = concentration(COUNTS, in_area=in_area, cell_area=area)
    half = res.level(0.5)
    assert (res.n_cells, res.n_incidents, res.total_area) == (8, 19, 7.5)
    assert half.cells_needed == 2
    assert half.share_of_cells == 0.25
    assert half.share_of_area == pytest.approx(0.2)


def test_ties_prefer_smaller_area() -> None:
    # Two cells with 5 incidents each; the smaller one is taken first for 50 %.
    res = concentration(np.array([5, 5, 0, 0]), cell_area=np.array([2.0, 1.0, 1.0, 1.0]))
    assert res.level(0.5).share_of_area == pytest.approx(1 / 5)


def test_pai_hand_computed() -> None:
    # Hot spot set = the 6- and 4-cells: 10 of 20 incidents (0.5) on 2 of 10 cells (0.2)
    # → PAI = 0.5 / 0.2 = 2.5 (Chainey, Tompson & Uhlig 2008).
    hot = COUNTS >= 4
    assert pai(COUNTS, hot) == pytest.approx(2.5)
    # Everything is the hot spot set → PAI 1 (no better than the whole area).
    assert pai(COUNTS, np.ones_like(hot)) == pytest.approx(1.0)


def test_errors() -> None:
    with pytest.raises(AnalysisError):
        concentration(np.zeros((3, 3)))
    with pytest.raises(AnalysisError):
        pai(COUNTS, np.zeros_like(COUNTS, dtype=bool))
    with pytest.raises(ValidationError) as info:
        concentration(np.array([1.0, -1.0]), cell_area=0.0)
    assert len(info.value.problems) == 2
    with pytest.raises(ValidationError):
        concentration(COUNTS, shares=(0.0,))
