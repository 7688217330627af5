"""``table_to_xlsx`` cell by cell: what Excel gets for every kind of value."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from est_geo.io.export import table_to_xlsx


def test_every_kind_of_cell() -> None:
    table = pd.DataFrame(
        {
            "tal": [1.5, np.nan, np.inf, -np.inf],
            "heltal": pd.array([1, None, 3, 4], dtype="Int64"),
            "text": ['=HYPERLINK("http://x")', "a\x00b\x1fc", None, "Söder"],
            "blandat": [1, "två", float("inf"), None],
            "tid": pd.to_datetime(
                ["2026-11-01 07:30", None, "2026-11-02 00:00", "2026-11-03 00:00"]
            ),
            "ja": [True, False, True, False],
        }
    )
    sheet = load_workbook(io.BytesIO(table_to_xlsx(table, sheet="rapporter")))["rapporter"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["tal", "heltal", "text", "blandat", "tid", "ja"]
    # NaN and ±inf become empty cells (Excel has no such numbers).
    assert [r[0] for r in rows[1:]] == [1.5, None, None, None]
    assert [r[1] for r in rows[1:]] == [1, None, 3, 4]
    # Formula-like user text stays text; XML-illegal control characters are dropped.
    assert rows[1][2] == '=HYPERLINK("http://x")' and sheet["C2"].data_type == "s"
    assert rows[2][2] == "abc" and rows[3][2] is None and rows[4][2] == "Söder"
    assert [r[3] for r in rows[1:]] == [1, "två", None, None]
    assert rows[1][4] == datetime(2026, 11, 1, 7, 30) and rows[2][4] is None
    assert [r[5] for r in rows[1:]] == [True, False, True, False]
