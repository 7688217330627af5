"""XLSX export speed: ``est_geo.io.export.table_to_xlsx`` (xlsxwriter, constant memory)
against openpyxl's write-only mode — the writer it replaced — on the same table.

Run: ``.venv/bin/python bench/bench_export.py``. The table is what an analyst exports
from the Data page: 100,000 incidents with id, coordinates, category, time text and a
description. Both writers write every row; times are medians of three runs after a
warm-up, wall time and process CPU time (the machine may be shared).
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
from openpyxl import Workbook

from est_geo.io.export import table_to_xlsx

ROWS = 100_000


def _table() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame(
        {
            "id": np.arange(ROWS),
            "x": 560_000 + rng.random(ROWS) * 20_000,
            "y": 6_490_000 + rng.random(ROWS) * 10_000,
            "category": rng.choice(["skadegorelse.klotter", "ordning.brak", "brand.anlagd"], ROWS),
            "occurred_at": pd.date_range("2024-01-01", periods=ROWS, freq="7min").astype(str),
            "description": [f"rapport {i}" for i in range(ROWS)],
        }
    )


def _openpyxl(table: pd.DataFrame) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")
    ws.append([str(c) for c in table.columns])
    columns = [table[c].astype(object).tolist() for c in table.columns]
    for row in zip(*columns, strict=True):
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _time(fn: Callable[[], bytes], runs: int = 3) -> tuple[float, float, int]:
    fn()  # warm-up
    walls, cpus = [], []
    size = 0
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        size = len(fn())
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return statistics.median(walls), statistics.median(cpus), size


def main() -> None:
    table = _table()
    ours = _time(lambda: table_to_xlsx(table))
    peer = _time(lambda: _openpyxl(table))
    print(f"XLSX, {ROWS:,} rows × {table.shape[1]} columns")
    print(f"  est_geo table_to_xlsx (xlsxwriter): {ours[0]:6.2f} s wall, {ours[1]:6.2f} s CPU, "
          f"{ours[2] / 1e6:.1f} MB")  # fmt: skip
    print(f"  openpyxl write-only (peer):         {peer[0]:6.2f} s wall, {peer[1]:6.2f} s CPU, "
          f"{peer[2] / 1e6:.1f} MB")  # fmt: skip
    print(f"  ratio peer / est_geo: {peer[0] / ours[0]:.1f}× wall, {peer[1] / ours[1]:.1f}× CPU")


if __name__ == "__main__":
    main()
