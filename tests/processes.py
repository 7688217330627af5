"""Child processes that start together, for the tests of what several app replicas do at once.

Each child is a fresh interpreter started with ``python -m <module> <args>``, not a
``multiprocessing`` child:

* a *forked* child inherits every lock another thread of the test process holds at that
  moment (Playwright's threads, a pool thread inside libpq), and one of twelve hung on
  such a lock in a full run;
* a *spawned* child re-runs the parent's ``__main__`` first, and after an ``AppTest`` that
  is ``app.py``, which opened (and created) the demo database in every child of a full
  run in CI until the test timed out.

The start line is a condition, not a sleep: a child prints ``ready`` once it has opened
what it needs, waits for ``go`` on its standard input, does its work and prints one JSON
line as its last line of output. The parent sends ``go`` to all of them once every one
is ready.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parent.parent
READY = "ready"
GO = "go"


def wait_for_go() -> None:
    """In a child: say it is ready, then block until the parent releases everyone."""
    print(READY, flush=True)
    if sys.stdin.readline().strip() != GO:
        raise SystemExit("the parent went away before the start")


def report(result: Any) -> None:
    """In a child: the one JSON line the parent reads as this child's result."""
    print(json.dumps(result), flush=True)


def _read_line(stream: IO[str], deadline: float) -> str:
    ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
    return stream.readline() if ready else ""


def run_together(module: str, argvs: list[list[str]], timeout: float) -> list[Any]:
    """Run one child per argv, release them at once, and return each one's JSON result.

    Fails with the child's own error output when one dies, is not ready or does not end
    before ``timeout`` seconds; every child still running is killed on the way out.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    # Error output goes to files: a pipe nobody reads until the end could fill and stop
    # a chatty child before it ever says it is ready.
    with contextlib.ExitStack() as files:
        errs = [files.enter_context(tempfile.TemporaryFile(mode="w+")) for _ in argvs]
        return _run([sys.executable, "-m", module], argvs, errs, env, timeout)


def _run(
    cmd: list[str], argvs: list[list[str]], errs: list[IO[str]], env: dict[str, str], timeout: float
) -> list[Any]:
    """Start the children, release them once all are ready, collect their results."""
    kids = [
        subprocess.Popen(
            [*cmd, *argv],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        for argv, err in zip(argvs, errs, strict=True)
    ]
    deadline = time.monotonic() + timeout
    try:
        for kid, err in zip(kids, errs, strict=True):
            assert kid.stdout is not None
            if _read_line(kid.stdout, deadline).strip() != READY:
                raise AssertionError(f"a child was not ready: {_tail(kid, err)}")
        for kid in kids:
            assert kid.stdin is not None
            kid.stdin.write(GO + "\n")
            kid.stdin.flush()
        results = []
        for kid, err in zip(kids, errs, strict=True):
            out, _ = kid.communicate(timeout=max(1.0, deadline - time.monotonic()))
            lines = out.strip().splitlines()
            if kid.returncode != 0 or not lines:
                raise AssertionError(f"a child failed ({kid.returncode}): {_tail(kid, err)}")
            results.append(json.loads(lines[-1]))
        return results
    finally:
        for kid in kids:
            if kid.poll() is None:
                kid.kill()
                kid.wait()


def _tail(kid: subprocess.Popen[str], err: IO[str]) -> str:
    """The end of a child's error output, after ending it if it still runs."""
    if kid.poll() is None:
        kid.kill()
        kid.wait()
    err.seek(0)
    return err.read()[-3000:]
