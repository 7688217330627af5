"""Every ``est-geo`` command that reads or writes a database, on both backends.

``--db`` takes a file path or a ``postgresql://`` URL; the commands must not care which
(issue 9: "--db postgresql://… works for every est-geo command"). One small demo
database per backend is made *through the CLI* (``est-geo demo``), then the commands run
against it and, where their output is data, give the same result on both backends.
``import`` and ``user`` have their own suites over both backends
(``test_cli_import_export.py`` uses ``store_factory``; ``user list`` is below).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import psycopg
import pytest

from est_geo.cli import main
from est_geo.store import open_store
from est_geo.store.postgis import close_all_pools
from tests.conftest import BACKENDS, ThrowawayCluster

DEMO = ["--incidents", "1500", "--seed", "11", "--end-date", "2026-10-31"]
AREA = "NKP-KLO"


def _demo(db: str, *extra: str) -> int:
    return main(["demo", "--db", db, *DEMO, *extra])


@pytest.fixture(scope="module")
def gpkg_demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small demo GeoPackage made by ``est-geo demo``."""
    db = str(tmp_path_factory.mktemp("cli-gpkg") / "demo.gpkg")
    assert _demo(db) == 0
    return db


@pytest.fixture(scope="module")
def postgis_demo(postgis_cluster: ThrowawayCluster) -> Iterator[str]:
    """The same demo made by ``est-geo demo`` in a fresh PostgreSQL database."""
    url = postgis_cluster.new_database()
    assert _demo(url) == 0
    try:
        yield url
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)


@pytest.fixture(params=BACKENDS)
def demo_db(request: pytest.FixtureRequest) -> str:
    """The demo database of the backend under test (its path or URL)."""
    db: str = request.getfixturevalue(f"{request.param}_demo")
    return db


@pytest.fixture
def fresh_db(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], str]]:
    """Addresses of databases with nothing of EST Geo's in them yet."""
    if backend == "gpkg":
        names = iter(range(100))
        yield lambda: str(tmp_path / f"fresh{next(names)}.gpkg")
        return
    cluster: ThrowawayCluster = request.getfixturevalue("postgis_cluster")
    urls: list[str] = []

    def make() -> str:
        urls.append(cluster.new_database())
        return urls[-1]

    try:
        yield make
    finally:
        close_all_pools()
        for url in urls:
            cluster.drop_database(url)


def _info(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["info", "--db", db, "--json"]) == 0
    info: dict[str, Any] = json.loads(capsys.readouterr().out)
    return info


def test_demo_then_info(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    info = _info(demo_db, capsys)
    assert info["backend"] == ("postgis" if demo_db.startswith("postgresql") else "geopackage")
    assert info["counts"]["incidents"] == 1500 and info["counts"]["areas"] >= 9
    assert info["demo"] is True and info["crs"] == "EPSG:3006"
    assert info["incident_range"][1].startswith("2026-10-31")
    assert urlsplit(info["url"]).password is None  # never printed
    assert main(["info", "--db", demo_db]) == 0
    assert "Demodata:      ja" in capsys.readouterr().out


def test_demo_refuses_data_and_replace_makes_it_anew(
    fresh_db: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    db = fresh_db()
    assert _demo(db) == 0
    capsys.readouterr()
    assert _demo(db) == 2
    assert "finns redan" in capsys.readouterr().err
    assert main(["demo", "--db", db, "--incidents", "300", "--replace"]) == 0
    assert _info(db, capsys)["counts"]["incidents"] == 300


def test_postgis_replace_drops_only_est_geo_tables(
    postgis_cluster: ThrowawayCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    url = postgis_cluster.new_database()
    try:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute("CREATE TABLE kommunens_egen (id int)")
            con.execute("INSERT INTO kommunens_egen VALUES (42)")
        assert main(["demo", "--db", url, "--incidents", "200"]) == 0
        assert main(["demo", "--db", url, "--incidents", "100", "--replace"]) == 0
        with psycopg.connect(url) as con:
            assert con.execute("SELECT id FROM kommunens_egen").fetchall() == [(42,)]
            assert con.execute("SELECT count(*) FROM incidents").fetchone() == (100,)
            assert con.execute("SELECT count(*) FROM spatial_ref_sys").fetchone() != (0,)
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)


def test_postgis_demo_fills_an_empty_schema_but_not_foreign_tables(
    postgis_cluster: ThrowawayCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    from est_geo.store import create_store

    empty, foreign = postgis_cluster.new_database(), postgis_cluster.new_database()
    try:
        create_store(empty)  # what docs/deployment.md tells an administrator to run
        assert main(["demo", "--db", empty, "--incidents", "100"]) == 0
        assert _info(empty, capsys)["counts"]["incidents"] == 100
        with psycopg.connect(foreign, autocommit=True) as con:
            con.execute("CREATE TABLE users (name text)")
        capsys.readouterr()
        assert main(["demo", "--db", foreign, "--incidents", "100", "--replace"]) == 2
        assert "ingen EST Geo-databas" in capsys.readouterr().err
        with psycopg.connect(foreign) as con:
            assert con.execute("SELECT to_regclass('users') IS NOT NULL").fetchone() == (True,)
            assert con.execute("SELECT to_regclass('est_meta')").fetchone() == (None,)
    finally:
        close_all_pools()
        postgis_cluster.drop_database(empty)
        postgis_cluster.drop_database(foreign)


def test_info_on_a_database_without_est_geo_says_what_to_run(
    fresh_db: Callable[[], str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", "--db", fresh_db()]) == 2
    err = capsys.readouterr().err
    assert "est-geo demo --db" in err and "Traceback" not in err


# -- commands on the demo database: same results on both backends -----------------------


def _export(db: str, what: str, out: Path) -> pd.DataFrame:
    assert main(["export", "--db", db, "--what", what, "--format", "csv", str(out)]) == 0
    return pd.read_csv(out)


def _hotspots(db: str, out: Path) -> dict[str, Any]:
    args = ["hotspots", "--db", db, "--area", AREA, "--from", "2026-01-01", "--to", "2026-10-31"]
    assert main([*args, "--cell-size", "250", "--out", str(out)]) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def _evaluate(db: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["evaluate", "--db", db, "--intervention", "1", "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def _lagesbild(db: str, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    assert (
        main(["lagesbild", "--db", db, "--area", AREA, "--period", "2026-10", "--out", str(out)])
        == 0
    )
    assert out.read_bytes().startswith(b"%PDF")
    return capsys.readouterr().out


@pytest.mark.parametrize("what", ["incidents", "areas", "interventions"])
def test_export(demo_db: str, tmp_path: Path, what: str) -> None:
    frame = _export(demo_db, what, tmp_path / f"{what}.csv")
    assert len(frame) == len(getattr(open_store(demo_db), what)())


def test_hotspots(demo_db: str, tmp_path: Path) -> None:
    data = _hotspots(demo_db, tmp_path / "hs.geojson")
    assert data["type"] == "FeatureCollection" and data["features"]


def test_evaluate(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = _evaluate(demo_db, capsys)
    assert {"periods", "areas"} <= data.keys()


def test_lagesbild(demo_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "Klockaretorpet, oktober 2026" in _lagesbild(demo_db, tmp_path / "l.pdf", capsys)


def test_read_commands_never_write(demo_db: str, tmp_path: Path) -> None:
    before = len(open_store(demo_db).audit_log(limit=100_000))
    _export(demo_db, "incidents", tmp_path / "i.csv")
    _hotspots(demo_db, tmp_path / "h.geojson")
    assert len(open_store(demo_db).audit_log(limit=100_000)) == before


@pytest.mark.postgis
def test_same_output_on_both_backends(
    gpkg_demo: str, postgis_demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for what in ("incidents", "areas", "interventions"):
        g = _export(gpkg_demo, what, tmp_path / f"g-{what}.csv")
        p = _export(postgis_demo, what, tmp_path / f"p-{what}.csv")
        pd.testing.assert_frame_equal(g, p, check_exact=False, rtol=1e-9)
    assert _hotspots(gpkg_demo, tmp_path / "g.geojson") == _hotspots(
        postgis_demo, tmp_path / "p.geojson"
    )
    assert _evaluate(gpkg_demo, capsys) == _evaluate(postgis_demo, capsys)
    g_text = _lagesbild(gpkg_demo, tmp_path / "g.pdf", capsys)
    p_text = _lagesbild(postgis_demo, tmp_path / "p.pdf", capsys)
    assert g_text.replace("g.pdf", "x.pdf") == p_text.replace("p.pdf", "x.pdf")


def test_user_list(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["user", "list", "--db", demo_db]) == 0


@pytest.mark.postgis
def test_app_start_never_fills_a_postgis_database(postgis_cluster: ThrowawayCluster) -> None:
    """The app's start-up opens a PostgreSQL database, even with demo on, and never fills it."""
    from est_geo.core.config import load_config
    from est_geo.core.errors import DatabaseMissingError
    from est_geo.demo.bootstrap import open_configured_store

    url = postgis_cluster.new_database()
    try:
        cfg = load_config({"EST_GEO_DATABASE_URL": url, "EST_GEO_DEMO": "true"})
        with pytest.raises(DatabaseMissingError, match="est-geo demo --db"):
            open_configured_store(cfg)
        with psycopg.connect(url) as con:
            assert con.execute("SELECT to_regclass('est_meta')").fetchone() == (None,)
        assert main(["demo", "--db", url, "--incidents", "100"]) == 0
        assert open_configured_store(cfg).count_incidents() == 100
        public = load_config({"EST_GEO_DATABASE_URL": url, "EST_GEO_MODE": "public"})
        assert open_configured_store(public).read_only  # type: ignore[attr-defined]
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)


@pytest.mark.postgis
def test_failed_postgis_demo_leaves_the_database_as_it_was(
    postgis_cluster: ThrowawayCluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No "move into place" on a server: a load that fails is undone instead."""
    import est_geo.demo.bootstrap
    from est_geo.demo.bootstrap import create_demo_database
    from est_geo.store import create_store

    def broken(**_: object) -> None:
        raise RuntimeError("generator broke")

    monkeypatch.setattr(est_geo.demo.bootstrap, "generate_demo", broken)
    fresh, empty = postgis_cluster.new_database(), postgis_cluster.new_database()
    try:
        create_store(empty)
        for url in (fresh, empty):
            with pytest.raises(RuntimeError, match="generator broke"):
                create_demo_database(url, n_incidents=50)
        with psycopg.connect(fresh) as con:
            assert con.execute("SELECT to_regclass('est_meta')").fetchone() == (None,)
        assert open_store(empty).info().counts["incidents"] == 0  # the empty schema is back
    finally:
        close_all_pools()
        postgis_cluster.drop_database(fresh)
        postgis_cluster.drop_database(empty)


def _demo_backends(url: str) -> dict[int, int]:
    """Server pids COPYing into the database at ``url``, with the rows taken so far."""
    with psycopg.connect(url, autocommit=True) as con:
        rows = con.execute(
            "SELECT pid, tuples_processed FROM pg_stat_progress_copy "
            "WHERE datname = current_database()"
        ).fetchall()
    return {int(pid): int(n) for pid, n in rows}


def _backends_alive(url: str, pids: set[int]) -> bool:
    with psycopg.connect(url, autocommit=True) as con:
        row = con.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ANY(%s)", (list(pids),)
        ).fetchone()
    return bool(row and row[0])


@pytest.mark.slow
@pytest.mark.postgis
@pytest.mark.parametrize("case", ["fresh", "replace"])
def test_kill_9_during_postgis_demo_leaves_it_complete_or_absent(
    postgis_cluster: ThrowawayCluster, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """``est-geo demo --db postgresql://…`` killed with SIGKILL while it writes rows: the
    database is as before (no EST Geo tables, or the previous complete demo for
    ``--replace``), opening it says what to run or works, and a new run completes."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from est_geo.core.errors import DatabaseMissingError
    from est_geo.store.postgis import existing_est_tables

    url = postgis_cluster.new_database()
    try:
        extra: list[str] = []
        before: dict[str, Any] = {}
        if case == "replace":
            assert _demo(url) == 0
            before = _info(url, capsys)
            extra = ["--replace"]
        cmd = [sys.executable, "-m", "est_geo", "demo", "--db", url, "--incidents", "300000"]
        child = subprocess.Popen(
            [*cmd, *extra], cwd=Path(__file__).resolve().parent.parent, stdout=subprocess.PIPE
        )
        copying: set[int] = set()
        try:
            # Kill once the incidents are demonstrably streaming into the transaction
            # (schema, categories and areas are written by then).
            deadline = time.monotonic() + 240
            while time.monotonic() < deadline and child.poll() is None:
                progress = _demo_backends(url)
                if any(n > 30_000 for n in progress.values()):
                    copying = set(progress)
                    break
                time.sleep(0.02)
            assert child.poll() is None, "est-geo demo ended before it could be killed"
            assert copying
            os.kill(child.pid, signal.SIGKILL)
            assert child.wait(timeout=30) == -signal.SIGKILL
        finally:
            if child.poll() is None:
                child.kill()
            if child.stdout is not None:
                child.stdout.close()
        # The server rolls the transaction back once it notices the client is gone.
        deadline = time.monotonic() + 60
        while _backends_alive(url, copying) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _backends_alive(url, copying)

        if case == "fresh":
            assert existing_est_tables(url) == []
            with pytest.raises(DatabaseMissingError, match="est-geo demo --db"):
                open_store(url)
            capsys.readouterr()
            assert main(["info", "--db", url]) == 2
            assert "est-geo demo --db" in capsys.readouterr().err
            assert _demo(url) == 0  # nothing left over blocks a new run
            assert _info(url, capsys)["counts"]["incidents"] == 1500
        else:
            assert _info(url, capsys) == before  # the previous demo, whole and unchanged
    finally:
        close_all_pools()
        postgis_cluster.drop_database(url)
