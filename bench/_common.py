"""Helpers the benchmarks share: timing, memory, the demo database.

Why one place: every benchmark reports the median wall *and* CPU time after a warm-up
(on 2 shared, loaded cores wall time includes waiting for a CPU, CPU time does not), so
the figures in bench/README.md are measured the same way in every script.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from est_geo.store import Store, open_store

__all__ = ["demo_parser", "ensure_demo", "open_demo", "rss_mb", "timed"]

#: The 1M-incident demo database the read benchmarks share (created once, then reused).
DEMO_DB = Path("/tmp/bench1m.gpkg")


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``repeats`` calls after one warm-up call."""
    fn()
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def rss_mb() -> float:
    """Resident memory of this process (MB), from /proc."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ensure_demo(db: Path, n: int) -> None:
    """Create the demo database, or bring an existing one to the current schema (the
    benchmarks then open it read-only, which refuses an older schema)."""
    if db.exists():
        open_store(str(db))  # migrates an older schema once
        return
    print(f"creating {db} with {n:,} incidents (est-geo demo) …", flush=True)
    cmd = [sys.executable, "-m", "est_geo", "demo", "--incidents", str(n), "--db", str(db)]
    subprocess.run(cmd, check=True)


def demo_parser(doc: str) -> argparse.ArgumentParser:
    """Arguments ``--db`` and ``--incidents`` of the benchmarks on the shared demo database.

    One default for all of them, so they reuse one database instead of building several.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEMO_DB)
    parser.add_argument("--incidents", type=int, default=1_000_000)
    return parser


def open_demo(args: argparse.Namespace) -> Store:
    """The demo database of :func:`demo_parser`'s arguments, made or upgraded first, opened
    read-only after printing the load average the figures are measured under."""
    ensure_demo(args.db, args.incidents)
    print(f"load average before: {os.getloadavg()}")
    return open_store(str(args.db), read_only=True)
