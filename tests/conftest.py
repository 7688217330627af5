"""Shared fixtures: fresh databases built from code in a temp dir, per test.

Store fixtures are parametrised over both backends, so every contract test runs against
the embedded GeoPackage store *and* PostGIS. The PostGIS side needs a server: a
throwaway cluster (:class:`ThrowawayCluster`) is started once per test session from
Debian's PostgreSQL binaries, in a temp dir, on a free loopback port, and removed at the
end. Without PostgreSQL/PostGIS those tests are skipped, except under ``CI=true``, where a
skipped backend would be a silent pass and so fails instead.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from est_geo.store import Store, create_store

# A small synthetic world in SWEREF 99 TM around Klockaretorpet (values chosen by hand).
KOMMUN = box(560_000, 6_488_000, 575_000, 6_500_000)
OMRADE = box(564_000, 6_492_500, 566_000, 6_494_000)
CENTRUM = box(564_800, 6_493_000, 565_050, 6_493_200)


def small_areas() -> gpd.GeoDataFrame:
    """Kommun → område → delområde, in EPSG:3006."""
    return gpd.GeoDataFrame(
        {
            "code": ["0581", "T-OMR", "T-OMR-C"],
            "name": ["Testkommun", "Testområdet", "Testområdet centrum"],
            "level": ["kommun", "omrade", "delomrade"],
            "parent_code": [None, "0581", "T-OMR"],
        },
        geometry=[KOMMUN, OMRADE, CENTRUM],
        crs="EPSG:3006",
    )


def small_incidents(
    n: int = 10, *, source: str = "test", start: str = "2025-01-06"
) -> pd.DataFrame:
    """``n`` incidents inside the centrum, one per day from ``start`` at 21:00."""
    times = pd.date_range(f"{start} 21:00", periods=n, freq="D")
    return pd.DataFrame(
        {
            "x": [564_900.0 + i for i in range(n)],
            "y": [6_493_100.0 + i for i in range(n)],
            "occurred_at": times,
            "has_time": [True] * n,
            "category": ["skadegorelse.klotter"] * (n - n // 2) + ["ordning.brak"] * (n // 2),
            "actor": ["bostadsbolag"] * n,
            "precision": ["exact"] * n,
            "description": [f"beskrivning {i}" for i in range(n)],
            "source": [source] * n,
            "source_id": [f"id-{i}" for i in range(n)],
        }
    )


class _LoggedCursor:
    """A cursor that notes every statement it runs in ``log``."""

    def __init__(self, cursor: Any, log: list[str]) -> None:
        self._cursor, self._log = cursor, log

    def execute(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        self._log.append(str(statement))
        return self._cursor.execute(statement, *args, **kwargs)

    def executemany(self, statement: Any, *args: Any, **kwargs: Any) -> Any:
        self._log.append(str(statement))
        return self._cursor.executemany(statement, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


class _LoggedConnection(_LoggedCursor):
    """A connection whose statements, its cursors' too, are noted in ``log``."""

    def cursor(self, *args: Any, **kwargs: Any) -> _LoggedCursor:
        return _LoggedCursor(self._cursor.cursor(*args, **kwargs), self._log)


def statement_log(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every statement ``store`` runs from now on, in order, on either backend.

    Why: a test that claims a method reads less says so by what it asks the database
    (statements counted), not by a timing. Every read and write of both backends goes
    through their ``_connect``, which this wraps on the store object alone.
    """
    log: list[str] = []
    connect = store._connect  # type: ignore[attr-defined]

    @contextmanager
    def logged() -> Iterator[_LoggedConnection]:
        with connect() as con:
            yield _LoggedConnection(con, log)

    monkeypatch.setattr(store, "_connect", logged)
    return log


BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]


def skip_or_fail(reason: str) -> NoReturn:
    """Skip a test, or fail it under ``CI=true`` (a skipped backend is not a pass)."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a skipped PostGIS test fails the run)")
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under ``CI=true`` any skipped PostGIS test fails, whoever called ``pytest.skip``.

    :func:`skip_or_fail` covers a missing server; this also catches a test (or fixture)
    that skips the PostGIS side itself, e.g. "not implemented on this backend", which
    would otherwise pass CI with one backend untested.
    """
    report: pytest.TestReport = yield
    in_ci = os.environ.get("CI", "").lower() == "true"
    postgis = item.get_closest_marker("postgis") is not None
    if in_ci and postgis and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"CI=true: a skipped PostGIS test fails the run ({report.longrepr!r})"
    return report


class ThrowawayCluster:
    """A PostgreSQL cluster with PostGIS in a temp dir, listening only on 127.0.0.1.

    PostgreSQL refuses to run as root, so when the tests run as root, ``initdb`` and
    ``pg_ctl`` run as the ``postgres`` user (``runuser``). Binaries are found under
    Debian's ``/usr/lib/postgresql/<version>/bin`` (never via ``PATH``: a wrapper there may
    be absent on a fresh machine). Durability is switched off (``fsync=off``): the data
    dies with the session, and crash tests kill clients, not the server. Password
    authentication (scram) is on for TCP, as in a real deployment, so the read-only role
    is tested with its own password.
    """

    TEMPLATE = "est_template"

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="est-geo-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.password = secrets.token_hex(16)
        self._counter = 0

    @staticmethod
    def find_bindir() -> Path | None:
        """Newest installed server version that also has the PostGIS extension."""
        found = []
        for initdb in Path("/usr/lib/postgresql").glob("*/bin/initdb"):
            version = initdb.parent.parent.name
            control = Path(f"/usr/share/postgresql/{version}/extension/postgis.control")
            if control.exists() and re.fullmatch(r"\d+", version):
                found.append((int(version), initdb.parent))
        return max(found)[1] if found else None

    def _run(self, *args: str) -> None:
        cmd = [str(a) for a in args]
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> None:
        """initdb, start, and prepare a template database with PostGIS."""
        pwfile = self.root / "pw"
        pwfile.write_text(self.password)
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres")
            shutil.chown(pwfile, "postgres")
        self._run(
            self.bindir / "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            f"--pwfile={pwfile}",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} "
            f"-c unix_socket_directories={self.root} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
        )
        self._run(
            self.bindir / "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        self.admin_sql(f"CREATE DATABASE {self.TEMPLATE}")
        self.admin_sql("CREATE EXTENSION postgis", dbname=self.TEMPLATE)

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is kept) and delete its files."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(self.bindir / "pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, dbname: str = "postgres", *, user: str = "postgres", password: str = "") -> str:
        """Connection URL for ``dbname`` (as the superuser unless told otherwise)."""
        return f"postgresql://{user}:{password or self.password}@127.0.0.1:{self.port}/{dbname}"

    def admin_sql(self, statement: str, *, dbname: str = "postgres") -> None:
        """Run one statement as the superuser, outside a transaction (CREATE DATABASE …)."""
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True) as con:
            con.execute(statement.encode())

    def new_database(self) -> str:
        """A fresh database with PostGIS (a copy of the template); returns its URL."""
        self._counter += 1
        name = f"est_test_{os.getpid()}_{self._counter}"
        self.admin_sql(f"CREATE DATABASE {name} TEMPLATE {self.TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test database, disconnecting whoever still uses it."""
        name = url.rsplit("/", 1)[1]
        self.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def free_port() -> int:
    """A loopback TCP port free right now (for a throwaway server: PostgreSQL, Streamlit)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Stop a server a test started: terminate, and kill it if it has not exited in 10 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def venv_python() -> str:
    """The repository's ``.venv`` interpreter if there is one, else this one.

    Servers started by tests run the checkout's own code with its own packages.
    """
    venv = Path(__file__).resolve().parents[1] / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


@pytest.fixture(scope="session")
def postgis_cluster() -> Iterator[ThrowawayCluster]:
    """One throwaway PostgreSQL+PostGIS server for the whole test session."""
    bindir = ThrowawayCluster.find_bindir()
    if bindir is None:
        skip_or_fail(
            "PostgreSQL with PostGIS is not installed (`make postgis` installs Debian's packages)"
        )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        skip_or_fail("running as root without runuser: cannot start PostgreSQL")
    cluster = ThrowawayCluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        cluster.stop()
        skip_or_fail(f"could not start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend under test: ``gpkg`` (embedded) or ``postgis`` (shared)."""
    name: str = request.param
    return name


@pytest.fixture
def store_factory(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Store]]:
    """Create fresh empty stores of the backend under test.

    Embedded: one file each in the test's temp dir. PostGIS: one database each (a copy of
    a template that already has the extension), closed and dropped after the test.
    """
    counter = iter(range(1000))
    if backend == "gpkg":

        def make_gpkg() -> Store:
            return create_store(str(tmp_path / f"store{next(counter)}.gpkg"))

        yield make_gpkg
        return

    cluster: ThrowawayCluster = request.getfixturevalue("postgis_cluster")
    made: list[Store] = []
    urls: list[str] = []

    def make_pg() -> Store:
        url = cluster.new_database()
        urls.append(url)
        made.append(create_store(url))
        return made[-1]

    try:
        yield make_pg
    finally:
        from est_geo.store.postgis import close_all_pools

        for s in made:
            close = getattr(s, "close", None)
            if close is not None:
                close()
        # Stores a test opened itself (open_store(url)) share pools per URL: close them
        # all, or their threads keep retrying the dropped database for minutes.
        close_all_pools()
        for url in urls:
            cluster.drop_database(url)


@pytest.fixture
def store(store_factory: Callable[[], Store]) -> Store:
    """A fresh store with the small areas loaded."""
    s = store_factory()
    s.add_areas(small_areas(), user="test")
    return s


@pytest.fixture
def square() -> Polygon:
    """A 100 m square inside the test centrum."""
    return box(564_850, 6_493_050, 564_950, 6_493_150)


@pytest.fixture
def point_app(
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[[str | Path], pytest.MonkeyPatch]]:
    """Point AppTest runs at a database: its URL, no tiles, and fresh Streamlit caches.

    The caches are process-wide, so a store or query cached by one test module would
    otherwise leak into the next; they are cleared again after the test.
    """
    import streamlit as st

    def point(db: str | Path) -> pytest.MonkeyPatch:
        monkeypatch.setenv("EST_GEO_DATABASE_URL", str(db))
        monkeypatch.setenv("EST_GEO_TILE_URL", "none")
        st.cache_resource.clear()
        st.cache_data.clear()
        return monkeypatch

    yield point
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    """Demo databases (end 2026-11-01) built once per size for the whole session."""
    from datetime import date

    from est_geo.demo.bootstrap import create_demo_database

    made: dict[int, Path] = {}

    def make(n_incidents: int) -> Path:
        if n_incidents not in made:
            path = tmp_path_factory.mktemp(f"demo{n_incidents}") / "demo.gpkg"
            create_demo_database(str(path), n_incidents=n_incidents, end_date=date(2026, 11, 1))
            made[n_incidents] = path
        return made[n_incidents]

    return make


@pytest.fixture
def demo_copy(
    demo_template: Callable[[int], Path],
    tmp_path: Path,
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> Callable[[int], Path]:
    """A private, writable copy of a demo database, with AppTest runs pointed at it."""

    def make(n_incidents: int) -> Path:
        path = tmp_path / "demo.gpkg"
        shutil.copy(demo_template(n_incidents), path)
        point_app(path)
        return path

    return make


def log_in_locally(at: Any, role: Any) -> None:
    """Log the AppTest ``at`` in with a local account of ``role`` in the app's database.

    For tests that import real data into a copy of the demo database: the import ends
    demo mode (``est_geo.store.demo_mode``) and with it every demo account, so such tests
    act as a local user, as a real analyst would. The account is made on first use.
    """
    import time

    from est_geo.access.accounts import create_user
    from est_geo.store import open_store
    from est_geo.store.base import UserStore

    store = open_store(os.environ["EST_GEO_DATABASE_URL"])
    assert isinstance(store, UserStore)
    name = f"test-{role.value}"
    if store.get_user(name) is None:
        create_user(store, name, role=role, password=secrets.token_urlsafe(16), actor="test")
    at.session_state["est_geo_session"] = {
        "username": name,
        "login_at": time.time(),
        "method": "local",
    }
