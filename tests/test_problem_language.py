"""Validation problems and errors are worded in the reader's language where they are shown.

A problem raised with a catalogue key keeps its Swedish text as ``reason`` (logs, old
callers) and is worded anew in English by :meth:`Problem.reason_in`, :func:`error_text`
and the downloadable error report.
"""

from __future__ import annotations

from est_geo.core.errors import Problem, ValidationError, error_text
from est_geo.io import problems_to_csv
from est_geo.io.upload import problems_frame


def _problem() -> Problem:
    return Problem.keyed(3, "datum", "x", "problem.summary")


def test_a_keyed_problem_is_swedish_by_default_and_english_on_request() -> None:
    problem = _problem()
    assert problem.reason == "Ogiltig indata"
    assert problem.reason_in("en") == "Invalid input"
    assert str(problem) == "rad 3, fält 'datum' = 'x': Ogiltig indata"
    assert problem.text("en") == "row 3, field 'datum' = 'x': Invalid input"
    assert Problem(None, "fil", "", "tom").text("en") == "field 'fil' = '': tom"  # no key


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
