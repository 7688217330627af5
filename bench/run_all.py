"""Run every benchmark in bench/ (``make bench``), one process each, and report failures.

Each ``bench_*.py`` prints its own figures and the ratio against the peer it names,
measured in the same run on the same machine.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run the benchmarks given as arguments (names without .py), or all of them."""
    wanted = set(sys.argv[1:])
    scripts = sorted(p for p in HERE.glob("bench_*.py") if not wanted or p.stem in wanted)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    failed = []
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    for script in scripts:
        print(f"\n===== {script.name} =====", flush=True)
        done = subprocess.run([sys.executable, str(script)], env=env, check=False)
        if done.returncode:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
