"""Column detection, TOML mapping files, CRS detection and label mapping."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from est_geo.core.errors import ValidationError
from est_geo.core.model import CategoryTree
from est_geo.io.crsdetect import detect_crs, parse_epsg, to_store_crs
from est_geo.io.labels import actor_matcher, category_matcher
from est_geo.io.mapping import ColumnMapping, detect_columns, load_mapping_toml, normalise


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            ["Latitud", "Longitud", "Datum", "Kategori"],
            ("Longitud", "Latitud", "Datum", "Kategori"),
        ),
        (["lat", "lon", "datetime", "typ"], ("lon", "lat", "datetime", "typ")),
        (["X", "Y", "Tidpunkt", "Brottstyp"], ("X", "Y", "Tidpunkt", "Brottstyp")),
        (["N", "E", "date", "category"], ("E", "N", "date", "category")),
        (
            ["x_sweref99tm", "y_sweref99tm", "Tid", "Händelsetyp"],
            (
                "x_sweref99tm",
                "y_sweref99tm",
                "Tid",
                "Händelsetyp",
            ),
        ),
    ],
)
def test_detect_columns(columns: list[str], expected: tuple[str, str, str, str]) -> None:
    m = detect_columns(columns)
    assert (m.x, m.y, m.datetime, m.category) == expected


def test_detect_actor_description_id_and_time() -> None:
    m = detect_columns(["ID", "Datum", "Klockslag", "Aktör", "Beskrivning", "x", "y", "lat", "lon"])
    assert (m.id, m.time, m.actor, m.description) == ("ID", "Klockslag", "Aktör", "Beskrivning")
    assert (m.x, m.y) == ("x", "y")  # projected metres preferred over lat/lon


def test_mapping_toml_and_merge(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        'crs = "EPSG:3006"\ndefault_actor = "bostadsbolag"\n[columns]\nx = "Öst"\ny = "Nord"\n'
        '[categories]\n"Sprayfärg" = "skadegorelse.klotter"\n',
        encoding="utf-8",
    )
    m = load_mapping_toml(path)
    assert (m.x, m.y, m.crs, m.default_actor) == ("Öst", "Nord", "EPSG:3006", "bostadsbolag")
    merged = ColumnMapping(x="a", datetime="d", categories={"a": "b"}).merged(m)
    assert (merged.x, merged.datetime) == ("Öst", "d")
    assert merged.categories == {"a": "b", "Sprayfärg": "skadegorelse.klotter"}
    assert ColumnMapping.from_dict(m.to_dict()) == m


def test_bad_mapping_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text('foo = 1\ncrs = 5\n[columns]\nbar = "x"\n', encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_mapping_toml(path)
    assert {p.field for p in err.value.problems} == {"foo", "crs", "columns.bar"}
    path.write_text("not toml = = =", encoding="utf-8")
    with pytest.raises(ValidationError, match="TOML"):
        load_mapping_toml(path)


# -- CRS -------------------------------------------------------------------------------------
WGS = (np.array([16.11, 16.12]), np.array([58.57, 58.58]))
SWEREF = (np.array([564_900.0, 565_000.0]), np.array([6_493_100.0, 6_493_200.0]))
RT90 = (np.array([1_490_000.0, 1_490_100.0]), np.array([6_495_000.0, 6_495_100.0]))


@pytest.mark.parametrize(("values", "epsg"), [(WGS, 4326), (SWEREF, 3006), (RT90, 3021)])
@pytest.mark.parametrize("swap", [False, True])
def test_detect_crs_and_swapped_axes(
    values: tuple[np.ndarray, np.ndarray], epsg: int, swap: bool
) -> None:
    a, b = values
    guess = detect_crs(b, a) if swap else detect_crs(a, b)
    assert guess is not None
    assert (guess.epsg, guess.swapped, guess.origin) == (epsg, swap, "values")
    assert ("OMKASTADE" in guess.describe()) == swap


def test_given_crs_still_checks_axis_order() -> None:
    guess = detect_crs(WGS[1], WGS[0], given=4326)
    assert guess is not None and guess.swapped
    x, y = to_store_crs(WGS[1], WGS[0], guess)
    assert 560_000 < x[0] < 570_000 and 6_490_000 < y[0] < 6_500_000


def test_rt90_converts_near_sweref() -> None:
    guess = detect_crs(*RT90)
    assert guess is not None
    x, y = to_store_crs(*RT90, guess)
    assert 500_000 < x[0] < 600_000 and 6_400_000 < y[0] < 6_600_000


def test_no_crs_fits() -> None:
    assert detect_crs(np.array([1.0]), np.array([2.0])) is None


def test_parse_epsg() -> None:
    assert parse_epsg("EPSG:3006") == 3006
    assert parse_epsg(3021) == 3021
    with pytest.raises(ValidationError):
        parse_epsg("sweref")


# -- labels ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Klotter", "skadegorelse.klotter"),
        ("KLOTTER", "skadegorelse.klotter"),
        ("skadegorelse.klotter", "skadegorelse.klotter"),
        ("Skadegörelse › Klotter", "skadegorelse.klotter"),
        ("skadegörelse/glaskross", "skadegorelse.glaskross"),
        ("Brand", "skadegorelse.brand"),
        ("Skadegörelse", "skadegorelse"),
        ("Misstänkt droghantering", "ordning.narkotika"),
        ("odslig plats", "otrygg_plats.odslig"),
        ("Graffiti", "skadegorelse.klotter"),
        ("Påhittad", None),
        ("", None),
    ],
)
def test_category_matching(label: str, key: str | None) -> None:
    assert category_matcher(CategoryTree.default()).match(label) == key


def test_explicit_category_mapping_wins_and_is_checked() -> None:
    m = category_matcher(CategoryTree.default(), {"Sprayfärg på vägg": "skadegorelse.klotter"})
    assert m.match("sprayfarg pa vagg") == "skadegorelse.klotter"
    with pytest.raises(ValidationError):
        category_matcher(CategoryTree.default(), {"x": "finns.inte"})


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Polisen", "polis"),
        ("Hyresbostäder", "bostadsbolag"),
        ("väktare", "vaktarbolag"),
        ("Räddningstjänsten", "raddningstjanst"),
        ("kommun", "kommun"),
        ("Okänd", None),
    ],
)
def test_actor_matching(label: str, key: str | None) -> None:
    assert actor_matcher().match(label) == key


def test_normalise() -> None:
    assert normalise("  SKADEGÖRELSE - Klotter ") == "skadegorelse klotter"


def test_unset_wins_over_detection_and_is_cancelled_by_a_column() -> None:
    detected = detect_columns(["x", "y", "Datum", "Kategori", "Beskrivning"])
    assert detected.description == "Beskrivning"
    dropped = detected.merged(ColumnMapping(unset=frozenset({"description"})))
    assert dropped.description is None
    assert dropped.unset == frozenset({"description"})
    assert (dropped.x, dropped.datetime) == ("x", "Datum")  # the rest untouched
    # A later layer (the user) that sets the column again cancels the unset.
    again = dropped.merged(ColumnMapping(description="Beskrivning"))
    assert (again.description, again.unset) == ("Beskrivning", frozenset())
    # An override that says nothing about the field keeps the unset.
    assert detected.merged(dropped).merged(ColumnMapping(x="x")).description is None


def test_unset_round_trips_through_dict_and_toml(tmp_path: Path) -> None:
    m = ColumnMapping(x="Öst", unset=frozenset({"description", "id"}))
    assert m.to_dict() == {"columns": {"x": "Öst"}, "unset": ["description", "id"]}
    assert ColumnMapping.from_dict(m.to_dict()) == m
    path = tmp_path / "m.toml"
    path.write_text('[columns]\nx = "Öst"\ndescription = ""\n', encoding="utf-8")
    assert load_mapping_toml(path).unset == frozenset({"description"})


def test_bad_unset_is_reported() -> None:
    with pytest.raises(ValidationError) as err:
        ColumnMapping.from_dict({"unset": ["beskrivning"], "columns": {"x": "a"}})
    assert [p.value for p in err.value.problems] == ["beskrivning"]
    with pytest.raises(ValidationError) as err:
        ColumnMapping.from_dict({"unset": ["x"], "columns": {"x": "a"}})
    assert [p.field for p in err.value.problems] == ["columns.x"]
    with pytest.raises(ValidationError):
        ColumnMapping(x="a", unset=frozenset({"x"}))


def test_declared_misfit_names_rt90_whole() -> None:
    """RT 90 values declared as SWEREF 99 TM: the problem names 'RT 90 2,5 gon V', whose
    decimal comma once cut the name to 'RT 90 2'."""
    from est_geo.io.crsdetect import CrsGuess
    from est_geo.io.incidents import _declared_misfit

    east = np.array([1_490_000.0, 1_491_000.0, 1_492_000.0])
    north = np.array([6_490_000.0, 6_491_000.0, 6_492_000.0])
    problem = _declared_misfit(east, north, CrsGuess(3006, "user", share=0.0))
    assert problem is not None
    assert "passar RT 90 2,5 gon V (EPSG:3021);" in problem.reason, problem.reason


def test_declared_misfit_is_worded_for_the_reader() -> None:
    """The CRS name and the share were worded in Swedish where the problem was found, so an
    English reader got '100 %' and 'RT 90 2,5 gon V'; they are params worded where shown."""
    from est_geo.core.text import Share, Text
    from est_geo.io.crsdetect import CrsGuess
    from est_geo.io.incidents import _declared_misfit

    east = np.array([1_490_000.0, 1_491_000.0, 1_492_000.0, 600_000.0])
    north = np.array([6_490_000.0, 6_491_000.0, 6_492_000.0, 6_490_000.0])
    problem = _declared_misfit(east, north, CrsGuess(3006, "user", share=0.0))
    assert problem is not None and problem.key == "io.incidents.crs_misfit"
    assert problem.reason == (  # the Swedish text as it was ('75 %' with a no-break space)
        "inga koordinater passar det angivna koordinatsystemet, men 75\u00a0% passar "
        "RT 90 2,5 gon V (EPSG:3021); ändra koordinatsystemet"
    )
    assert problem.reason_in("en") == (
        "no coordinates fit the given coordinate system, but 75% fit RT 90 2.5 gon V "
        "(EPSG:3021); change the coordinate system"
    )
    assert isinstance(problem.message, Text)
    assert problem.message.params["share"] == Share(0.75)
