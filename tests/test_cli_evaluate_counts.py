"""Tests for ``est-geo evaluate-counts`` (in-process via est_geo.cli.main and as a process).

Expected numbers are the Wheeler & Ratcliffe (2018) worked example as reproduced in the
``apwheele/ptools`` test ``tests/testthat/test-wdd.R`` ("Est & Variance Paper"); see
tests/test_evaluation.py for the full provenance notes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from est_geo.cli import main

REPO = Path(__file__).resolve().parents[1]

WR2018_ARGS = [
    "evaluate-counts",
    "--target-before", "207",
    "--target-after", "110",
    "--control-before", "308",
    "--control-after", "318",
    "--buffer-before", "178",
    "--buffer-after", "157",
    "--buffer-control-before", "150",
    "--buffer-control-after", "140",
]  # fmt: skip


def test_json_output_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*WR2018_ARGS, "--json"]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert data["wdd"] == -118  # Wheeler & Ratcliffe 2018
    assert round(data["wdd_z"], 2) == -2.98  # Wheeler & Ratcliffe 2018
    assert round(data["wdd_ci_low"]) == -196
    assert round(data["wdd_ci_high"]) == -40
    assert data["buffer_control_from_control"] is False
    assert data["wdq_band"] == "diffusion"
    assert isinstance(data["verdict_sv"], str)
    assert out.count("\n") == 1  # exactly one JSON object on one line


def test_readable_swedish_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(WR2018_ARGS) == 0
    out = capsys.readouterr().out
    assert "WDD totalt:" in out
    assert "WDD totalt:       −118 " in out
    assert out.startswith("Förbättrat (statistiskt säkert på 95 %-nivån)")
    assert "Målområde:" in out


def test_issue_13_case_reads_no_clear_change_and_marks_wdd(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Issue 13: target 12 -> 16 against a control with 33.9 x its crimes.
    args = ["evaluate-counts", "--target-before", "12", "--target-after", "16",
            "--control-before", "407", "--control-after", "507",
            "--buffer-before", "60", "--buffer-after", "32"]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ingen tydlig förändring: i målområdet ökade antalet brott från 12")
    assert "WDD lokalt:       −96 (SE 30,69) – inget resultat" in out
    assert "Förbättrat" not in out


def test_missing_buffer_control_uses_control(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*WR2018_ARGS[:13], "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["buffer_control_from_control"] is True
    assert data["buffer_control_before"] == 308


def test_negative_count_names_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    args = list(WR2018_ARGS)
    args[args.index("--control-after") + 1] = "-3"
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "--control-after" in err
    assert "negativt" in err


def test_non_integer_count_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    args = list(WR2018_ARGS)
    args[args.index("--target-after") + 1] = "2.5"
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2
    assert "--target-after" in capsys.readouterr().err


def test_missing_required_count_is_an_argparse_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["evaluate-counts", "--target-before", "5"])
    assert info.value.code == 2
    assert "--control-before" in capsys.readouterr().err


def test_half_a_buffer_control_pair_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*WR2018_ARGS[:13], "--buffer-control-before", "4"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("est-geo: fel:")
    assert "buffer_control_after" in err


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "est_geo", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_subprocess_json_and_errors() -> None:
    ok = _run(*WR2018_ARGS, "--json")
    assert ok.returncode == 0, ok.stderr
    data = json.loads(ok.stdout)
    assert data["wdd"] == -118
    assert data["res"] == pytest.approx((207 * 318) / (110 * 308))

    bad = _run(*[("-1" if a == "207" else a) for a in WR2018_ARGS])
    assert bad.returncode != 0
    assert "--target-before" in bad.stderr
    assert bad.stdout == ""
