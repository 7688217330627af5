"""Starting the server contacts no third party (issue 13, item 13).

With ``server.headless = true`` Streamlit prints an "External URL" banner and, for that,
asks ``checkip.amazonaws.com`` for the machine's address (and "connects" a UDP socket to
8.8.8.8 for the "Network URL"), unless ``browser.serverAddress`` is set. The server is
started the way ``make run`` and docs/deployment.md start it (``streamlit run app.py``,
only ``.streamlit/config.toml`` deciding the rest) with ``tests/netguard/sitecustomize.py``
on its ``PYTHONPATH``: every lookup or connection off loopback is refused and recorded,
and binds to a wildcard address are narrowed to 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest

from est_geo.demo.bootstrap import create_demo_database
from tests.conftest import free_port, stop_process, venv_python

REPO_ROOT = Path(__file__).resolve().parents[1]
GUARD_DIR = Path(__file__).resolve().parent / "netguard"
START_TIMEOUT_S = 90.0


def _get(port: int, path: str) -> int | None:
    """Status of ``path`` on the server (the guard binds it to 127.0.0.1 or ::1)."""
    for host in ("127.0.0.1", "[::1]"):
        try:
            with urllib.request.urlopen(f"http://{host}:{port}{path}", timeout=2) as resp:
                return int(resp.status)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            continue
    return None


def _wait_started(process: subprocess.Popen[bytes], port: int, log_path: Path) -> str:
    """Wait until the server answers its health check and has printed its URL banner."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"streamlit exited early:\n{log_path.read_text(errors='replace')}")
        log = log_path.read_text(errors="replace")
        healthy = _get(port, "/_stcore/health") == 200
        if healthy and re.search(r"URL: ", log):
            return log
        time.sleep(0.25)
    pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')}")


@pytest.mark.parametrize("mode", ["internal", "public"])
def test_server_start_makes_no_outside_lookup(mode: str, tmp_path: Path) -> None:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=300, end_date=date(2026, 11, 1))
    netlog = tmp_path / "netguard.log"
    log_path = tmp_path / "streamlit.log"
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": os.pathsep.join([str(GUARD_DIR), str(REPO_ROOT)]),
            "EST_GEO_NETGUARD_LOG": str(netlog),
            "EST_GEO_DATABASE_URL": str(db),
            "EST_GEO_TILE_URL": "none",
            "EST_GEO_MODE": mode,
        }
    )
    command = [venv_python(), "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    command += ["--server.fileWatcherType", "none"]
    with log_path.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_started(process, port, log_path)
        assert _get(port, "/") == 200
    finally:
        stop_process(process)
    attempts = netlog.read_text() if netlog.exists() else ""
    log = log_path.read_text(errors="replace")
    assert attempts == "", f"outside lookups at start ({mode}):\n{attempts}\n{log}"
    assert "external IP" not in log
    assert "External URL" not in log


def test_guard_records_an_outside_lookup(tmp_path: Path) -> None:
    """The guard itself works: a lookup of a public name is refused and recorded."""
    netlog = tmp_path / "netguard.log"
    env = dict(os.environ, PYTHONPATH=str(GUARD_DIR), EST_GEO_NETGUARD_LOG=str(netlog))
    code = (
        "import socket\n"
        "try:\n    socket.getaddrinfo('checkip.amazonaws.com', 80)\n"
        "except socket.gaierror:\n    print('refused')\n"
    )
    out = subprocess.run(
        [venv_python(), "-c", code], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.strip() == "refused"
    assert netlog.read_text() == "resolve checkip.amazonaws.com\n"
