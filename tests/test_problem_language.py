"""Validation problems and errors are worded in the reader's language where they are shown.

A problem, an error and a note about a file each hold one :class:`Text` (a catalogue key
and its values); its Swedish wording is ``reason`` / ``str()`` (logs, old callers), and
it is worded anew in English by :meth:`Problem.reason_in`, :func:`error_text`,
:meth:`Note.text` and the downloadable error report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import Polygon

from est_geo.access.accounts import hash_password
from est_geo.access.roles import Action, Role, require
from est_geo.core.config import load_config
from est_geo.core.errors import (
    ConfigError,
    EstGeoError,
    Problem,
    ValidationError,
    error_text,
    keyed_error,
)
from est_geo.core.model import ActionItem, CategoryTree, Intervention
from est_geo.core.text import Joined, Text
from est_geo.core.validate import invalid_reason, validate_areas
from est_geo.core.views import SavedView, ViewState, decode_state
from est_geo.indicators.area_upload import preview_area_file
from est_geo.io import problems_to_csv
from est_geo.io.limits import ReadLimits
from est_geo.io.manual import parse_coordinate
from est_geo.io.mapping import ColumnMapping
from est_geo.io.readers import Note, read_table
from est_geo.io.upload import check_upload, problems_frame
from est_geo.maps.basemap import read_archive
from est_geo.meeting.handlingsplan import update_item
from est_geo.store import Store
from tests.english import swedish_words


def _problem() -> Problem:
    return Problem.keyed(3, "datum", "x", "problem.summary")


def test_a_keyed_problem_is_swedish_by_default_and_english_on_request() -> None:
    problem = _problem()
    assert problem.reason == "Ogiltig indata"
    assert problem.reason_in("en") == "Invalid input"
    assert str(problem) == "rad 3, fält 'datum' = 'x': Ogiltig indata"
    assert problem.text("en") == "row 3, field 'datum' = 'x': Invalid input"
    assert Problem(None, "fil", "", "tom").text("en") == "field 'file' = '': tom"  # no key


def test_problems_are_equal_by_what_they_say() -> None:
    assert _problem() == Problem(3, "datum", "x", "Ogiltig indata")


def test_a_validation_error_keeps_its_swedish_text_and_has_an_english_one() -> None:
    problems = [Problem(3, "datum", "x", "ogiltig"), _problem()]
    assert str(ValidationError(problems, "Fel")) == (
        "Fel (2 problem):\n  - rad 3, fält 'datum' = 'x': ogiltig\n"
        "  - rad 3, fält 'datum' = 'x': Ogiltig indata"
    )
    english = error_text(ValidationError(problems), "en")
    assert english.splitlines() == [
        "Invalid input (2 problems):",
        "  - row 3, field 'datum' = 'x': ogiltig",  # a text without a key stays as it is
        "  - row 3, field 'datum' = 'x': Invalid input",
    ]


def test_a_long_list_is_cut_after_fifty_in_the_readers_language() -> None:
    problems = [Problem(i, "f", "v", "r") for i in range(1, 53)]
    assert str(ValidationError(problems)).splitlines()[-1] == "  … och 2 till"
    assert error_text(ValidationError(problems), "en").splitlines()[-1] == "  … and 2 more"


def test_the_error_report_has_english_columns_and_reasons() -> None:
    frame = problems_frame([_problem()], "en")
    assert list(frame.columns) == ["row", "field", "value", "reason"]
    assert frame["reason"].tolist() == ["Invalid input"]
    csv = problems_to_csv([_problem()], "en").decode("utf-8-sig")
    assert csv.splitlines()[:2] == ["row;field;value;reason", "3;datum;x;Invalid input"]
    assert problems_to_csv([_problem()]).decode("utf-8-sig").startswith("rad;fält;värde;orsak")


# -- the errors a user meets, worded in English where they are shown (issue 17 item 4) --


def _raised(call: Callable[[], object]) -> EstGeoError:
    with pytest.raises(EstGeoError) as caught:
        call()
    return caught.value


def _bad_config() -> object:
    return load_config({"EST_GEO_LANGUAGE": "klingon", "EST_GEO_NOPE": "1"}, cwd=Path("/"))


ERRORS: dict[str, tuple[Callable[[], object], str, str]] = {
    # name: (what raises, a piece of the Swedish text, the same piece in English)
    "empty file": (lambda: read_table(b"", filename="a.csv"), "filen är tom", "the file is empty"),
    "unknown format": (
        lambda: read_table(b"x", filename="a.doc"),
        "okänt filformat",
        "unknown file format",
    ),
    "too many columns": (
        lambda: read_table(b"a;b;c\n1;2;3\n", filename="a.csv", limits=ReadLimits(max_columns=2)),
        "filen har 3 kolumner, högst 2 tillåts",
        "the file has 3 columns, at most 2 are allowed",
    ),
    "bad mapping": (
        lambda: ColumnMapping.from_dict({"columns": {"nope": "x"}, "colour": 1}),
        "Ogiltig mappning (2 problem)",
        "Invalid mapping (2 problems)",
    ),
    "typed coordinate": (
        lambda: parse_coordinate("norr om kyrkan"),
        "skriv två tal",
        "type two numbers",
    ),
    "configuration": (
        _bad_config,
        "okänd miljövariabel EST_GEO_NOPE",
        "unknown environment variable EST_GEO_NOPE",
    ),
    "view link": (
        lambda: decode_state({"z": ["99"], "lat": ["x"]}),
        "Länken till vyn är ogiltig",
        "The link to the view is invalid",
    ),
    "password": (lambda: hash_password("kort"), "måste ha minst", "must have at least"),
    "role": (
        lambda: require(Role.PUBLIC, Action.ADMINISTER),
        "får inte utföra",
        "may not do",
    ),
    "basemap": (
        lambda: read_archive(Path("/nonexistent/x.pmtiles")),
        "filen finns inte",
        "the file does not exist",
    ),
    "action item without id": (
        lambda: update_item(
            None,  # type: ignore[arg-type]  # refused before the store is asked
            ActionItem("t", "kommun"),
            role=Role.ADMIN,
            user="x",
        ),
        "Punkten i handlingsplanen saknar id.",
        "The action plan item has no id.",
    ),
    "category tree": (
        lambda: CategoryTree.from_records([("a", "A", "A", "nope"), ("a", "A", "A", None)]),
        "nyckeln finns redan",
        "the key already exists",
    ),
}


@pytest.mark.parametrize("name", list(ERRORS))
def test_user_errors_are_swedish_by_default_and_english_on_request(name: str) -> None:
    call, swedish, english = ERRORS[name]
    exc = _raised(call)
    assert swedish in str(exc) and swedish in error_text(exc, "sv")
    text = error_text(exc, "en")
    assert english in text, text
    assert swedish_words(text, ["klingon", "norr om kyrkan", "kort"]) == [], text


def test_a_text_inside_a_text_follows_the_language() -> None:
    """A configuration problem is built of several catalogue texts; each is translated."""
    exc = _raised(lambda: load_config({"EST_GEO_MIN_PUBLIC_COUNT": "0"}, cwd=Path("/")))
    assert "(standardvärde)" not in str(exc) and "måste vara minst 1" in str(exc)
    assert "must be at least 1" in error_text(exc, "en")
    assert Text.of("config.origin_default").text("en") == "default"


# -- one Text held by problems, errors and notes, worded in one place --

#: A text with a text inside it: each part must follow the reader's language.
_NESTED = Text.of("io.note.no_geometry", layer=Text.of("crs.origin.file"))


def test_problems_errors_and_notes_hold_one_text() -> None:
    problem = Problem.keyed(
        None, "fil", "", "io.note.no_geometry", layer=Text.of("crs.origin.file")
    )
    error = keyed_error(ConfigError, "io.note.no_geometry", layer=Text.of("crs.origin.file"))
    note = Note.keyed("io.note.no_geometry", layer=Text.of("crs.origin.file"))
    assert problem.message == error.message == note.message == _NESTED
    assert problem.key == note.key == "io.note.no_geometry"


def test_a_note_words_the_texts_inside_it_in_the_readers_language() -> None:
    """A note went past the wording of the values inside it (a Text stayed Swedish)."""
    note = Note.keyed("io.note.no_geometry", layer=Text.of("crs.origin.file"))
    english = note.text("en")
    assert english == _NESTED.text("en") and "from the file" in english, english
    assert "från filen" in str(note) and "från filen" in note.text("sv")
    assert Note("GDAL said so").text("en") == "GDAL said so"  # a library's words as they are


def test_the_same_text_reads_the_same_in_a_problem_an_error_and_a_note() -> None:
    listed = Joined((Text.of("crs.origin.user"), Text.of("crs.origin.file")))
    problem = Problem.keyed(None, "crs", "", "io.note.no_geometry", layer=listed)
    error = ValidationError([problem], key="io.note.no_geometry", layer=listed)
    note = Note.keyed("io.note.no_geometry", layer=listed)
    for lang in ("sv", "en"):
        said = Text.of("io.note.no_geometry", layer=listed).text(lang)
        assert problem.reason_in(lang) == note.text(lang) == said
        assert error_text(error, lang).splitlines()[0].startswith(said)


# -- an area's shape: what it is and why GEOS finds it invalid, in the reader's language --

_BOWTIE = Polygon([(565_000, 6_493_000), (565_010, 6_493_010), (565_010, 6_493_000),
                   (565_000, 6_493_010)])  # fmt: skip


def _area_problems(shapes: list[object]) -> list[Problem]:
    areas = gpd.GeoDataFrame(
        {
            "code": [f"T{i}" for i in range(len(shapes))],
            "name": ["t"] * len(shapes),
            "level": ["omrade"] * len(shapes),
            "parent_code": [None] * len(shapes),
        },
        geometry=shapes,
        crs="EPSG:3006",
    )
    with pytest.raises(ValidationError) as err:
        validate_areas(areas, existing_codes=set())
    return [p for p in err.value.problems if p.field == "geometry"]


def test_an_invalid_area_is_worded_for_the_reader_not_as_shapely_said() -> None:
    """The value was the Swedish 'ogiltig' (and 'tom') for every reader, next to shapely's
    English reason 'Self-intersection[565005 6493005]' for every reader too."""
    bowtie, empty = _area_problems([_BOWTIE, None])
    assert str(bowtie) == (
        "rad 1, fält 'geometry' = 'ogiltig': gränsen korsar sig själv vid (565005, 6493005)"
    )
    assert bowtie.text("en") == (
        "row 1, field 'geometry' = 'invalid': the boundary crosses itself at (565005, 6493005)"
    )
    assert str(empty) == "rad 2, fält 'geometry' = 'tom': måste vara en polygon"  # as it was
    assert empty.text("en") == "row 2, field 'geometry' = 'empty': must be a polygon"


def test_a_reason_the_catalogue_does_not_know_is_said_to_be_shapelys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(shapely, "is_valid_reason", lambda _shape: "Something new[1 2]")
    (problem,) = _area_problems([_BOWTIE])
    assert problem.reason == "ogiltig enligt shapely: Something new[1 2]"
    assert problem.reason_in("en") == "invalid according to shapely: Something new[1 2]"
    assert invalid_reason(_BOWTIE) == Text.of("core.geometry.shapely_said",
                                              reason="Something new[1 2]")  # fmt: skip


def test_an_intervention_without_a_shape_is_worded_for_the_reader() -> None:
    """Its value was the Swedish 'tom' for every reader."""
    drawn = Intervention("x", "belysning", "planerad", "kommun", None, None, Polygon())
    with pytest.raises(ValidationError) as err:
        drawn.validate()
    (problem,) = err.value.problems
    assert str(problem) == "fält 'geometry' = 'tom': geometri saknas"  # as it was
    assert problem.text("en") == "field 'geometry' = 'empty': geometry missing"


def test_a_problem_with_the_file_as_its_field_names_it_in_the_readers_language() -> None:
    """The field of a problem with a whole file was the Swedish 'fil' for every reader
    ("field 'fil' = 'a.doc': …"); a column of the file keeps its own name."""
    (problem,) = check_upload("a.doc", 10, types=["csv"], max_mb=1)
    assert problem.field == "fil" and problem.field_in("sv") == "fil"
    assert str(problem).startswith("fält 'fil' = 'a.doc': ")  # as it was
    assert problem.text("en").startswith("field 'file' = 'a.doc': "), problem.text("en")
    assert problems_frame([problem], "en")["field"].tolist() == ["file"]
    assert (
        problems_to_csv([problem], "en")
        .decode("utf-8-sig")
        .splitlines()[1]
        .startswith(";file;a.doc;")
    )
    column = Problem.keyed(2, "Datum", "x", "problem.summary")
    assert column.field_in("en") == "Datum"  # the file's own column, as it is


def test_an_invalid_saved_view_is_summed_up_in_the_readers_language(store: Store) -> None:
    """Its summary was the Swedish literal 'Ogiltig vy' for every reader."""
    exc = _raised(lambda: store.add_saved_view(SavedView(" ", ViewState()), user="a"))
    assert str(exc).startswith("Ogiltig vy (1 problem):")  # as it was
    assert error_text(exc, "en").startswith("Invalid view (1 problem):"), error_text(exc, "en")


def test_an_area_file_outside_its_crs_is_summed_up_in_the_readers_language(
    tmp_path: Path,
) -> None:
    """The summary was the Swedish 'Orimliga koordinater i <file>' for every reader."""
    path = tmp_path / "far.gpkg"
    far = shapely.box(1e12, 1e12, 1e12 + 10, 1e12 + 10)
    gpd.GeoDataFrame({"kod": ["A"]}, geometry=[far], crs="EPSG:3006").to_file(path, layer="a")
    exc = _raised(lambda: preview_area_file(path, "a"))
    assert str(exc).startswith("Orimliga koordinater i far.gpkg (1 problem):")  # as it was
    english = error_text(exc, "en")
    assert english.startswith("Implausible coordinates in far.gpkg (1 problem):"), english


def test_an_action_item_without_a_place_names_the_field_for_the_reader() -> None:
    """The field was the Swedish 'var' ('where') for every reader."""
    (problem,) = ActionItem("t", "kommun").problems()
    assert str(problem).startswith("fält 'var' = '': ")  # as it was
    assert problem.text("en").startswith("field 'where' = '': "), problem.text("en")
