"""``est-geo import`` and ``est-geo export``: summaries, exit codes, nothing written on error."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from est_geo.cli import main
from est_geo.cli.cmd_import import IMPORTERS
from est_geo.store import Store, open_store
from tests.conftest import small_areas

GOOD = (
    "Datum;Kategori;Aktör;X;Y\n"
    "2025-01-06 21:00;Klotter;Polisen;564900;6493100\n"
    "2025-01-07 22:00;Bråk;Polisen;564901;6493101\n"
)


@pytest.fixture
def db(store_factory: Callable[[], Store]) -> str:
    s = store_factory()
    s.add_areas(small_areas(), user="t")
    return s.url


def test_import_prints_summary_and_is_idempotent(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "rapporter.csv"
    f.write_text(GOOD, encoding="cp1252")
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 0
    out = capsys.readouterr().out
    assert "Lästa rader:         2" in out and "Importerade:         2" in out
    assert "SWEREF 99 TM" in out
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 0
    assert "Dubbletter (hoppade):      2" in capsys.readouterr().out
    assert open_store(db).count_incidents() == 2


def test_bad_file_exits_2_lists_every_problem_writes_nothing(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "bad.csv"
    f.write_text(GOOD + "igår;Påhittad;Polisen;564902;6493102\n", encoding="utf-8")
    before = open_store(db).info().counts
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 2
    err = capsys.readouterr().err
    assert "rad 4, fält 'Datum'" in err and "rad 4, fält 'Kategori'" in err
    assert "inget har skrivits" in err
    assert open_store(db).info().counts == before
    assert main(["import", str(f), "--db", db, "--kind", "incidents", "--valid-rows-only"]) == 0
    assert "Avvisade:            1" in capsys.readouterr().out


def test_mapping_crs_and_source_options(db: str, tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("Öst,Nord,När,Vad\n564900,6493100,2025-01-06,Sprayat\n", encoding="utf-8")
    m = tmp_path / "m.toml"
    m.write_text(
        'default_actor = "bostadsbolag"\n[columns]\nx = "Öst"\ny = "Nord"\ndatetime = "När"\n'
        'category = "Vad"\n[categories]\nSprayat = "skadegorelse.klotter"\n',
        encoding="utf-8",
    )
    args = ["import", str(f), "--db", db, "--kind", "incidents", "--mapping", str(m)]
    assert main([*args, "--crs", "EPSG:3006", "--source", "hb"]) == 0
    store = open_store(db)
    assert store.incidents()["source"].tolist() == ["hb"]
    assert store.import_mapping("hb", "incidents") is not None
    assert (
        main(["import", str(f), "--db", db, "--kind", "incidents", "--mapping", "/nope.toml"]) == 2
    )


def test_polisen_import(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "events.json"
    event = {
        "id": 1,
        "datetime": "2025-06-07 7:32:06 +02:00",
        "name": "07 juni, Bråk, Norrköping",
        "summary": "Bråk i Testområdet",
        "url": "/x",
        "type": "Bråk",
        "location": {"name": "Norrköping", "gps": "58.587745,16.192421"},
    }
    f.write_text(json.dumps([event]), encoding="utf-8")
    assert main(["import", str(f), "--db", db, "--kind", "polisen"]) == 0
    assert "Kopplade till område:      1" in capsys.readouterr().out
    f.write_text("[{}]", encoding="utf-8")
    assert main(["import", str(f), "--db", db, "--kind", "polisen"]) == 2


def test_kinds_are_a_registry() -> None:
    assert {"incidents", "polisen"} <= set(IMPORTERS)


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv", "xlsx"])
@pytest.mark.parametrize("what", ["incidents", "areas", "interventions"])
def test_export(db: str, tmp_path: Path, fmt: str, what: str) -> None:
    f = tmp_path / "in.csv"
    f.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 0
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", db, "--what", what, "--format", fmt, str(out)]) == 0
    assert out.exists()
