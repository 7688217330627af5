"""Hostile small files: how long and how much memory until the reader refuses them.

Run: ``.venv/bin/python bench/bench_bad_input.py``

Each case runs in a fresh process (so its peak memory is its own) at the default
limits (:mod:`est_geo.io.limits`). The peer, measured in the same run, is a well-formed
CSV of the same size (12 columns, about 10,000 rows) read to the end. Before the limits
the first three cases cost > 300 s and 1.6 GB, 53 s, and 117 s (issue 14, item 11).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_line_csv() -> bytes:
    """1 MB on one line: every value a column."""
    return (";".join(["1234"] * 200_000)).encode()[:1_000_000]


def wide_header_csv() -> bytes:
    """A 1 MB header of 150,000 names."""
    return (",".join(f"k{i:05d}" for i in range(150_000)) + "\n1\n").encode()


def xlsx_rows(dimension: bool) -> bytes:
    """A workbook of 2,000,000 empty rows (about 600 kB), with or without <dimension>."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["x", "y", "datum"])
    buf = io.BytesIO()
    book.save(buf)
    rows = b"".join(b'<row r="%d"/>' % i for i in range(1, 2_000_001))
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb"<sheetData>.*</sheetData>", b"<sheetData>" + rows + b"</sheetData>", data
                )
                dim = b'<dimension ref="A1:C2000000"/>' if dimension else b""
                data = re.sub(rb"<dimension [^>]*/>", dim, data)
            dst.writestr(info.filename, data)
    return out.getvalue()


def normal_csv(size: int) -> bytes:
    """A well-formed incident CSV of about ``size`` bytes (the peer)."""
    head = "id;x;y;datum;tid;kategori;aktör;beskrivning;a;b;c;d\n"
    row = "{i};564900;6493100;2025-03-01;21:15;Klotter;Polisen;Klotter på vägg;1;2;3;4\n"
    rows: list[str] = [head]
    total = len(head)
    i = 0
    while total < size:
        line = row.format(i=i)
        rows.append(line)
        total += len(line.encode())
        i += 1
    return "".join(rows).encode()


CASES = {
    "1 MB CSV on one line": (one_line_csv, "x.csv"),
    "1 MB header, 150,000 names": (wide_header_csv, "x.csv"),
    "XLSX 2,000,000 rows, with dimension": (lambda: xlsx_rows(True), "x.xlsx"),
    "XLSX 2,000,000 rows, no dimension": (lambda: xlsx_rows(False), "x.xlsx"),
    "peer: well-formed 1 MB CSV": (lambda: normal_csv(1_000_000), "x.csv"),
}


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss survives exec on Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _child(name: str, path: Path) -> None:
    sys.path.insert(0, str(ROOT))  # this checkout's est_geo, not an installed one
    from est_geo.core.errors import ValidationError
    from est_geo.io.readers import read_table

    data = path.read_bytes()
    filename = CASES[name][1]
    base_mb = _peak_mb()
    start = time.perf_counter()
    try:
        table = read_table(data, filename=filename)
        outcome = f"read {len(table.frame):,} rows"
    except ValidationError as exc:
        outcome = "refused: " + exc.problems[0].reason[:70]
    elapsed = time.perf_counter() - start
    peak_mb = _peak_mb()
    print(
        f"{name:38s} {len(data) / 1e3:8.0f} kB {elapsed:8.3f} s {peak_mb:7.0f} MB"
        f" (+{peak_mb - base_mb:4.0f})  {outcome}"
    )


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--case":
        _child(sys.argv[2], Path(sys.argv[3]))
        return
    print(f"load average: {os.getloadavg()[0]:.2f} (nproc {os.cpu_count()})")
    print(f"{'case':38s} {'size':>11s} {'time':>10s} {'peak RSS (+ while reading)':>28s}")
    with tempfile.TemporaryDirectory(prefix="bench_bad_input_") as tmp:
        for i, (name, (make, filename)) in enumerate(CASES.items()):
            path = Path(tmp) / f"{i}{Path(filename).suffix}"
            path.write_bytes(make())
            subprocess.run(
                [sys.executable, __file__, "--case", name, str(path)],
                check=True,
                cwd=ROOT,
                timeout=600,
            )
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
