"""The est-geo CLI: demo and info, through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from est_geo.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.gpkg"
    assert main(["demo", "--db", str(db), "--incidents", "2000", "--end-date", "2026-01-31"]) == 0
    assert "2000 händelser" in capsys.readouterr().out
    assert main(["info", "--db", str(db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["incidents"] == 2000
    assert info["counts"]["areas"] >= 9
    assert info["demo"] is True and info["crs"] == "EPSG:3006"
    assert info["incident_range"][1].startswith("2026-01-31")


def test_demo_refuses_to_overwrite_without_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.gpkg"
    assert main(["demo", "--db", str(db), "--incidents", "100"]) == 0
    assert main(["demo", "--db", str(db), "--incidents", "100"]) == 2
    assert "finns redan" in capsys.readouterr().err
    assert main(["demo", "--db", str(db), "--incidents", "300", "--replace"]) == 0
    assert main(["info", "--db", str(db)]) == 0
    assert "300" in capsys.readouterr().out


def test_demo_is_deterministic(tmp_path: Path) -> None:
    from est_geo.store import open_store

    for name in ("a", "b"):
        args = [
            "demo",
            "--db",
            str(tmp_path / f"{name}.gpkg"),
            "--incidents",
            "500",
            "--seed",
            "7",
            "--end-date",
            "2025-06-30",
        ]
        assert main(args) == 0
    a = open_store(str(tmp_path / "a.gpkg")).incidents()
    b = open_store(str(tmp_path / "b.gpkg")).incidents()
    assert a.drop(columns="fid").equals(b.drop(columns="fid"))


def test_info_on_missing_db_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "est_geo", "info", "--db", str(tmp_path / "x.gpkg")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "finns inte" in done.stderr and "Traceback" not in done.stderr
