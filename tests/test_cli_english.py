"""The CLI's ``--help`` texts in English carry no Swedish (issue 17, item 4).

Every sub-command (and every sub-sub-command: ``user add``, ``fetch scb-areas`` …) is run
with ``--help`` through :func:`est_geo.cli.main` in-process, with
``EST_GEO_LANGUAGE=en``; the printed help is checked with :func:`english.swedish_words`.
Proper names the help shows as examples (the Norrköping demo area code) are not words.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from est_geo.cli import build_parser, main
from est_geo.cli.cmd_info import _demo_line
from est_geo.store import create_store
from tests.conftest import small_areas
from tests.english import data_strings, swedish_words
from tests.pmtiles_archives import protomaps_2023_archive, protomaps_v4_archive, raster_archive


def _command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every path of sub-command names under ``parser`` (the parser's own path first)."""
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _command_paths(sub, (*prefix, name))


COMMANDS = [path for path in _command_paths(build_parser()) if path]


def _help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*path, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_in_english_has_no_swedish(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    text = _help(path, capsys)
    assert text.startswith("usage: est-geo")
    assert swedish_words(text) == [], text


def test_top_level_help_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert swedish_words(_help((), capsys)) == []


def test_help_in_swedish_stays_swedish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "sv")
    assert "databas" in _help(("info",), capsys)


def test_demo_info_and_export_print_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``demo``, ``info`` and ``export`` print; stored data (area names …) excepted."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "demo.gpkg")
    assert main(["demo", "--db", db, "--incidents", "200"]) == 0
    assert main(["info", "--db", db]) == 0
    assert main(["export", str(tmp_path / "a.csv"), "--db", db, "--what", "areas",
                 "--format", "csv"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Demo database created" in out and "Demo data:" in out and "Wrote 10 rows" in out
    assert swedish_words(out, data_strings(db)) == [], out


def test_info_demo_line_in_both_languages() -> None:
    ended = {"at": "2026-01-02", "by": "cli:anna", "with": "est-geo import"}
    assert swedish_words(_demo_line(False, ended, "en")) == []
    assert _demo_line(False, ended, "sv").startswith("nej – demoläget avslutades 2026-01-02")
    assert _demo_line(True, None, "en").startswith("yes")


def test_demo_incidents_must_be_positive_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    with pytest.raises(SystemExit):
        main(["demo", "--incidents", "0"])
    err = capsys.readouterr().err
    assert "must be at least 1" in err and swedish_words(err) == []


def test_user_commands_print_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``user`` action's output, and its password errors, in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "users.gpkg")
    assert main(["demo", "--db", db, "--incidents", "50"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-pass-phrase-42\n"))
    assert main(["user", "add", "anna", "--role", "analytiker", "--password-stdin",
                 "--db", db]) == 0  # fmt: skip
    assert main(["user", "add", "eva", "--role", "admin", "--no-password", "--db", db]) == 0
    assert main(["user", "list", "--db", db]) == 0
    assert main(["user", "set-role", "anna", "medlem", "--db", db]) == 0
    assert main(["user", "disable", "anna", "--db", db]) == 0
    assert main(["user", "enable", "anna", "--db", db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another-long-phrase-43\n"))
    assert main(["user", "set-password", "anna", "--password-stdin", "--db", db]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["user", "set-password", "anna", "--db", db]) == 2  # no terminal
    captured = capsys.readouterr()
    out = captured.out + captured.err
    assert "last login" in out and "no (IdP)" in out and "anna is active." in out
    assert "use --password-stdin" in captured.err
    assert swedish_words(out, data_strings(db)) == [], out


def test_import_summary_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The incident import's summary, the guessed CRS and the demo-ended notice."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "import.gpkg")
    assert main(["demo", "--db", db, "--incidents", "50"]) == 0
    f = tmp_path / "reports.csv"
    f.write_text("Date;Category;Actor;X;Y\n2025-01-06 21:00;klotter;polis;564900;6493100\n")
    capsys.readouterr()
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 0
    out = capsys.readouterr().out
    assert "Rows read:           1" in out and "guessed from the values" in out
    assert "ended demo mode" in out
    assert swedish_words(out, data_strings(db)) == [], out


def test_evaluate_counts_summary_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The summary's labels, intervals, headline and verdict (a case without warnings)."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    counts = {"target": (40, 20), "control": (45, 50), "buffer": (30, 28),
              "buffer-control": (31, 30)}  # fmt: skip
    argv = ["evaluate-counts"]
    for name, (before, after) in counts.items():
        argv += [f"--{name}-before", str(before), f"--{name}-after", str(after)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "  Target area:               40 → 20" in out
    assert "95% CI -58.4 to 6.4" in out and "Total net effect: -38.3%" in out
    assert swedish_words(out) == [], out


def test_evaluate_counts_warnings_and_reasons_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small counts, a zero control and no buffer control: every warning and reason line."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    argv = ["evaluate-counts", "--target-before", "3", "--target-after", "4"]
    argv += ["--control-before", "0", "--control-after", "2"]
    argv += ["--buffer-before", "6", "--buffer-after", "7"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "Fewer than 5 crimes in: the target area before (3)" in out
    assert "WDQ undefined: the control area has 0 crimes in a period" in out
    assert "RES undefined: 0 crimes before in the control area" in out
    assert swedish_words(out) == [], out


def test_lagesbild_prints_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line saying what was written, and the bad-file error, in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "lb.gpkg")
    assert main(["demo", "--db", db, "--incidents", "300", "--end-date", "2026-11-30"]) == 0
    capsys.readouterr()
    argv = ["lagesbild", "--db", db, "--area", "NKP-KLO", "--period", "2026-10", "--out"]
    assert main([*argv, str(tmp_path / "lb.pdf")]) == 0
    assert main([*argv, str(tmp_path / "lb.txt")]) == 2
    captured = capsys.readouterr()
    assert "October 2026" in captured.out and "must end in .pdf" in captured.err
    assert swedish_words(captured.out + captured.err, data_strings(db)) == []


def test_basemap_prints_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``basemap check`` and ``extract``: every line, and a bad ``--bbox``, in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = tmp_path / "a.gpkg"
    create_store(str(db)).add_areas(small_areas(), user="test")
    archive = raster_archive(tmp_path / "r.pmtiles")
    assert main(["basemap", "check", str(archive), "--db", str(db)]) == 0
    out = tmp_path / "k.pmtiles"
    assert main(["basemap", "extract", str(archive), str(out), "--kommun", "--db", str(db)]) == 0
    assert main(["basemap", "extract", str(archive), str(out), "--bbox", "16,58"]) == 2
    # The schema line of vector archives: today's builds, and a file from before v4.
    for build, code in ((protomaps_v4_archive, 0), (protomaps_2023_archive, 1)):
        vector = build(tmp_path / f"{code}.pmtiles")
        assert main(["basemap", "check", str(vector), "--db", str(db)]) == code
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Areas:        covered" in text and "Wrote " in text and "four numbers" in text
    assert "streets, water, buildings and names are drawn" in text
    assert "no streets and no names" in text
    assert swedish_words(text, data_strings(db)) == [], text


def test_hotspots_prints_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The written-grid line, its notes, and the error when Gi* cannot be computed."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "hs.gpkg")
    assert main(["demo", "--db", db, "--incidents", "300"]) == 0
    out = str(tmp_path / "hs.geojson")
    assert main(["hotspots", "--db", db, "--out", out, "--cell-size", "250"]) == 0
    assert main(["hotspots", "--db", db, "--out", out, "--from", "2030-01-01"]) == 2
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Wrote " in text and "Gi* cannot be computed: 0 incidents" in text
    assert swedish_words(text, data_strings(db)) == [], text


def test_evaluate_prints_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stored intervention's head lines and a bad count in English.

    The control ring's description is the evaluation's own (Swedish) text, so only the
    lines the command writes itself are checked here; the statistics' warnings are checked
    in test_evaluate_counts_warnings_and_reasons_in_english.
    """
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "ev.gpkg")
    assert main(["demo", "--db", db, "--incidents", "2000"]) == 0
    capsys.readouterr()
    assert main(["evaluate", "--db", db, "--intervention", "2"]) == 0
    head = capsys.readouterr().out.splitlines()[:3]
    assert head[0].startswith("Intervention 2: ") and head[1].startswith("  Before: ")
    assert swedish_words("\n".join(head), data_strings(db)) == []
    with pytest.raises(SystemExit):
        main(["evaluate-counts", "--target-before", "-1"])
    err = capsys.readouterr().err
    assert "is negative" in err and swedish_words(err) == []


def test_area_and_indicator_import_print_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``import --kind areas`` and ``--kind indicators`` with their join report."""
    import geopandas as gpd
    from shapely.geometry import box

    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = tmp_path / "x.gpkg"
    create_store(str(db))
    areas = gpd.GeoDataFrame(
        {"KOD": ["0581C1010", "0581C1020"], "NAMN": ["Norr", "Söder"]},
        geometry=[box(568_000, 6_494_000, 569_000, 6_495_000),
                  box(568_000, 6_493_000, 569_000, 6_494_000)],
        crs="EPSG:3006",
    )  # fmt: skip
    path = tmp_path / "deso.geojson"
    areas.to_file(path)
    assert main(["import", str(path), "--db", str(db), "--kind", "areas", "--code-column",
                 "KOD", "--name-column", "NAMN", "--level", "deso"]) == 0  # fmt: skip
    values = tmp_path / "befolkning.csv"
    values.write_text("deso;ar;varde\n0581C1010;2024;1200\n0581C9999;2024;5\n")
    assert main(["import", str(values), "--db", str(db), "--kind", "indicators",
                 "--indicator", "befolkning", "--area-column", "deso", "--period-column", "ar",
                 "--value-column", "varde"]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "Imported 2 areas (level deso)" in out and "1 code in the file has no area" in out
    assert "1 area has no value: 0581C1020" in out
    assert swedish_words(out, data_strings(db)) == [], out


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_fetch_prints_in_the_configured_language(
    lang: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``fetch scb-areas|scb-indicators|scb-table`` against the loopback SCB stand-in."""
    from tests.scb_standin import standin

    monkeypatch.setenv("EST_GEO_LANGUAGE", lang)
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "scb.gpkg")
    create_store(db)
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_GEODATA_URL", f"{root}/geoserver/stat/wfs")
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        common = ["--db", db, "--kommun", "0581"]
        assert main(["fetch", "scb-areas", *common]) == 0
        assert main(["fetch", "scb-indicators", *common, "--indicator", "befolkning"]) == 0
        assert main(["fetch", "scb-table", "andel_65_plus", "--codes", "3"]) == 0
    out = capsys.readouterr().out
    if lang == "sv":  # the Swedish layout as before
        assert "Nya:                 4" in out and "Områden med värde:   4" in out
        assert "Tabell TAB6574" in out and "… (9 koder)" in out
    else:
        assert "New:                 4" in out and "Areas with a value:  4" in out
        assert "Table TAB6574" in out and "… (9 codes)" in out
        scb_codes = ["totalt", "Tid"]  # SCB's own value codes and variable names: data
        assert swedish_words(out, [*data_strings(db), *scb_codes]) == [], out


def test_polisen_without_user_agent_says_so_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    monkeypatch.delenv("EST_GEO_POLISEN_USER_AGENT", raising=False)
    monkeypatch.chdir(tmp_path)  # no est_geo.toml with a user agent
    db = str(tmp_path / "p.gpkg")
    create_store(db)
    assert main(["polisen", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "Give --user-agent" in err and swedish_words(err) == []


def test_argument_problems_of_hotspots_and_evaluate_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands' own problem texts and summaries (the frame around them is core's)."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "a.gpkg")
    assert main(["demo", "--db", db, "--incidents", "50"]) == 0
    out = str(tmp_path / "h.geojson")
    assert main(["hotspots", "--db", db, "--out", out, "--from", "2025-13-01"]) == 2
    assert main(["hotspots", "--db", db, "--out", out, "--category", "nope"]) == 2
    assert main(["hotspots", "--db", db, "--out", out, "--actor", "nobody"]) == 2
    assert main(["evaluate", "--db", db, "--intervention", "1", "--before-from", "2024-01-01"]) == 2
    err = capsys.readouterr().err
    for text in ("Invalid arguments", "dates are written YYYY-MM-DD", "Unknown category.",
                 "unknown actor", "Incomplete periods", "give all four dates"):  # fmt: skip
        assert text in err, err


def test_bad_indicator_file_is_reported_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every problem of a bad indicator table, and the summary, in English; nothing written."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "ind.gpkg")
    store = create_store(db)
    store.add_areas(small_areas(), user="test")
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator_key,area_code,period,value,n\n"
        "trygghetsindex,0581C1010,2024,2.1,50\n"
        "trygghetsindex,581C1020,2024,2.2,50\n"
        "okand,0581C1030,2024,x,-1\n"
        "trygghetsindex,0581C1010,2024,2.3,50\n"
        "rapporter_per_1000,0581C1040,2024,1,\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--db", db, "--kind", "indicators"]) == 2
    err = capsys.readouterr().err
    assert "Invalid indicator values in bad.csv (6 problems)" in err
    assert "8 characters: the municipality code has lost its leading zero" in err
    assert "unknown indicator (add it to the catalogue)" in err
    assert "same area and period as row 2" in err
    assert "computed by EST Geo, not imported" in err
    assert swedish_words(err, data_strings(db)) == [], err
    assert store.indicator_values("trygghetsindex").empty


def test_unreadable_area_file_is_reported_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "areas.gpkg")
    create_store(db)
    path = tmp_path / "broken.geojson"
    path.write_text("this is no geojson", encoding="utf-8")
    argv = ["import", str(path), "--db", db, "--kind", "areas", "--code-column", "kod"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Cannot read the areas" in err, err
    assert swedish_words(err) == [], err


def test_bad_periods_are_reported_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report period and an indicator table's period that are not periods, in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "p.gpkg")
    store = create_store(db)
    store.add_areas(small_areas(), user="test")
    argv = ["lagesbild", "--db", db, "--area", "T-OMR", "--period", "2026-13"]
    assert main([*argv, "--out", str(tmp_path / "lb.pdf")]) == 2
    err = capsys.readouterr().err
    assert "Invalid period '2026-13' (month 01–12). Write YYYY-Www (ISO week" in err, err
    assert swedish_words(err) == [], err
    path = tmp_path / "periods.csv"
    path.write_text(
        "indicator_key,area_code,period,value,n\n"
        "trygghetsindex,0581C1010,2024-5,2.1,50\n"
        "trygghetsindex,0581C1020,1850,2.2,50\n",
        encoding="utf-8",
    )
    assert main(["import", str(path), "--db", db, "--kind", "indicators"]) == 2
    err = capsys.readouterr().err
    assert "invalid period; use a year (2024), quarter (2024-Q1) or month (2024-05)" in err, err
    assert "the year must be between 1900 and 2100" in err, err
    assert swedish_words(err, data_strings(db)) == [], err


def test_database_errors_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing database, an unknown database type and a damaged file, read in English."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    missing = tmp_path / "missing.gpkg"
    assert main(["info", "--db", str(missing)]) == 2
    damaged = tmp_path / "damaged.gpkg"
    damaged.write_bytes(b"not a database at all" * 100)
    assert main(["info", "--db", str(damaged)]) == 2
    assert main(["info", "--db", "ftp://example.invalid/x"]) == 2
    err = capsys.readouterr().err
    assert f"The database {missing} does not exist" in err, err
    assert f"The file {damaged} is not an EST Geo database or is damaged" in err, err
    assert "The database type 'ftp' is not supported" in err, err
    assert swedish_words(err) == [], err


def test_scb_fetch_request_errors_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad municipality code or version year is refused, in English, before any call."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "scb.gpkg")
    create_store(db)
    assert main(["fetch", "scb-areas", "--db", db, "--kommun", "581"]) == 2
    assert main(["fetch", "scb-areas", "--db", db, "--kommun", "0581", "--year", "2010"]) == 2
    err = capsys.readouterr().err
    assert "The municipality code must be four digits, e.g. 0581 (got '581')." in err, err
    assert "The version year must be 2018 or later (got 2010)." in err, err
    assert swedish_words(err) == [], err


def test_bad_incident_file_is_refused_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every problem of a refused import, and the heading, in the reader's language."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    db = str(tmp_path / "bad.gpkg")
    assert main(["demo", "--db", db, "--incidents", "50"]) == 0
    f = tmp_path / "bad.csv"
    f.write_text(
        "Date;Category;Actor;X;Y\n"
        "2025-01-06 21:00;klotter;polis;564900;6493100\n"
        "igår;klotter;polis;abc;6493100\n"
        ";okänd sak;vem;564900;6493100\n"
    )
    capsys.readouterr()
    assert main(["import", str(f), "--db", db, "--kind", "incidents"]) == 2
    err = capsys.readouterr().err
    for text in ("The file cannot be imported", "row 3, field 'X' = 'abc': not a number",
                 "the date cannot be read", "row 4, field 'Date' = '': date missing",
                 "unknown category (map it to an EST category)", "unknown actor"):  # fmt: skip
        assert text in err, err
    file_values = ["igår", "okänd sak", "vem"]  # the file's own cells are data
    assert swedish_words(err, [*data_strings(db), *file_values]) == [], err


def test_demo_refuses_an_existing_database_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusal was a Swedish literal ('Databasen … finns redan. Använd --replace …')."""
    db = tmp_path / "demo.gpkg"
    assert main(["demo", "--db", str(db), "--incidents", "100"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert main(["demo", "--db", str(db), "--incidents", "100"]) == 2
    err = capsys.readouterr().err
    assert f"The database {db} already exists. Use --replace to replace it." in err, err
    assert swedish_words(err, [str(db)]) == [], err
    monkeypatch.setenv("EST_GEO_LANGUAGE", "sv")
    assert main(["demo", "--db", str(db), "--incidents", "100"]) == 2
    said = f"Databasen {db} finns redan. Använd --replace för att ersätta den."
    assert said in capsys.readouterr().err  # the Swedish text as it was
