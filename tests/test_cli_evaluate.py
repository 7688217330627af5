"""``est-geo evaluate``: the evaluation of a stored intervention from the command line.

Runs on a demo database (fictive data, fixed end date). The JSON must carry every key of
``evaluate-counts --json`` plus the periods and areas used, and user errors must give
exit code 2 with a Swedish message, never a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from est_geo.cli import main
from est_geo.demo.bootstrap import create_demo_database
from tests.english import data_strings, swedish_words

REPO = Path(__file__).resolve().parents[1]
COUNTS_ARGS = [
    "evaluate-counts",
    "--target-before", "10", "--target-after", "5",
    "--control-before", "10", "--control-after", "10",
    "--buffer-before", "10", "--buffer-after", "10",
]  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli-eval") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=8_000, end_date=date(2026, 11, 1))
    return str(path)


def _json(capsys: pytest.CaptureFixture[str], args: list[str]) -> dict[str, object]:
    assert main(args) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_json_has_evaluate_counts_keys_plus_periods_and_areas(
    demo_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    reference = _json(capsys, [*COUNTS_ARGS, "--json"])
    data = _json(capsys, ["evaluate", "--db", demo_db, "--intervention", "1", "--json"])
    assert set(reference) <= set(data)
    assert data["intervention_name"] == "Bommar Klockaretorpet centrum"
    periods = data["periods"]
    assert isinstance(periods, dict)
    assert periods["before_days"] == periods["after_days"]
    assert periods["before_to"] < periods["after_from"]
    areas = data["areas"]
    assert isinstance(areas, dict)
    assert areas["buffer_m"] == 200.0 and areas["control_source"] == "ring"
    assert areas["control_ring_m"][0] == 200.0  # type: ignore[index]
    assert isinstance(data["headline_sv"], str)
    assert isinstance(data["wdd"], int) and isinstance(data["verdict_sv"], str)
    assert data["target_after"] < data["target_before"]  # type: ignore[operator]


def test_custom_periods_and_buffer(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(
        capsys,
        [
            "evaluate", "--db", demo_db, "--intervention", "1", "--json", "--buffer", "100",
            "--before-from", "2024-05-02", "--before-to", "2025-05-01",
            "--after-from", "2025-05-02", "--after-to", "2026-05-01",
        ],
    )  # fmt: skip
    assert data["periods"] == {
        "before_from": "2024-05-02",
        "before_to": "2025-05-01",
        "before_days": 365,
        "after_from": "2025-05-02",
        "after_to": "2026-05-01",
        "after_days": 365,
        "implementation_days": 0,
    }
    assert data["areas"]["buffer_m"] == 100.0  # type: ignore[index]


def test_text_output(demo_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--db", demo_db, "--intervention", "2"]) == 0
    out = capsys.readouterr().out
    assert "Åtgärd 2: Väktarrondering Navestad" in out
    assert "WDD totalt" in out and "Kontroll" in out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--intervention", "99"], "finns inte"),
        (["--intervention", "5"], "kan inte utvärderas ännu"),
        (["--intervention", "1", "--before-from", "2024-01-01"], "ange alla fyra datum"),
        (
            ["--intervention", "1", "--before-from", "2025-01-01", "--before-to", "2024-01-01",
             "--after-from", "2025-06-01", "--after-to", "2025-12-01"],
            "slutar före sin början",
        ),
        (
            ["--intervention", "1", "--before-from", "2025-01-01", "--before-to", "2025-06-01",
             "--after-from", "2025-03-01", "--after-to", "2025-12-01"],
            "före-perioden måste sluta",
        ),
    ],
)  # fmt: skip
def test_user_errors_exit_2_with_message(
    demo_db: str, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["evaluate", "--db", demo_db, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_bad_arguments_are_refused_by_argparse(demo_db: str) -> None:
    for bad in (["--buffer", "-5"], ["--before-from", "igår"]):
        with pytest.raises(SystemExit) as exc:
            main(["evaluate", "--db", demo_db, "--intervention", "1", *bad])
        assert exc.value.code == 2


def test_as_a_process_never_writes(demo_db: str) -> None:
    before = Path(demo_db).stat().st_mtime_ns
    proc = subprocess.run(
        [sys.executable, "-m", "est_geo", "evaluate", "--db", demo_db, "--intervention", "3",
         "--json"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["intervention_id"] == 3
    assert Path(demo_db).stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--intervention", "5"], "the effect cannot be evaluated yet"),
        (
            ["--intervention", "1", "--before-from", "2025-01-01", "--before-to", "2025-06-01",
             "--after-from", "2025-03-01", "--after-to", "2025-12-01"],
            "the before period must end before the after period begins",
        ),
    ],
)  # fmt: skip
def test_user_errors_in_english(
    demo_db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    message: str,
) -> None:
    """With EST_GEO_LANGUAGE=en the evaluation's errors and their reasons are English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert main(["evaluate", "--db", demo_db, *extra]) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert swedish_words(err, data_strings(demo_db)) == [], err
