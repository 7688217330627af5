"""The JSON-stat 2 reader: SCB's documented example shape, row-major order, sparse
values, missing values and status symbols, and round trips of random cubes."""

from __future__ import annotations

import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from est_geo.core.errors import error_text
from est_geo.indicators.scb.jsonstat import (
    Cube,
    ScbFormatError,
    cube_frame,
    cube_to_jsonstat,
    parse_dimensions,
    parse_jsonstat,
)

# Shape of a PxWebApi 2 answer (json-stat2): two regions × two years, one suppressed cell.
EXAMPLE = {
    "version": "2.0",
    "class": "dataset",
    "label": "Folkmängden per region efter år",
    "source": "SCB",
    "id": ["Region", "Tid"],
    "size": [2, 2],
    "dimension": {
        "Region": {"label": "region", "category": {
            "index": {"0581A0010_DeSO2025": 0, "0581A0020_DeSO2025": 1},
            "label": {"0581A0010_DeSO2025": "0581A0010", "0581A0020_DeSO2025": "0581A0020"}}},
        "Tid": {"label": "år", "category": {"index": {"2023": 0, "2024": 1},
                                             "label": {"2023": "2023", "2024": "2024"}}},
    },
    "value": [1510, 1522, 2120, None],
    "status": {"3": ".."},
    "role": {"time": ["Tid"], "geo": ["Region"]},
}  # fmt: skip


def test_example_is_read_row_major_with_the_missing_cell_and_its_status() -> None:
    frame = cube_frame(parse_jsonstat(EXAMPLE))
    rows = frame.to_dict("records")
    assert [(r["Region"][:9], r["Tid"], r["value"], r["status"]) for r in rows] == [
        ("0581A0010", "2023", 1510.0, None),
        ("0581A0010", "2024", 1522.0, None),
        ("0581A0020", "2023", 2120.0, None),
        ("0581A0020", "2024", None, ".."),
    ]


def test_index_given_as_a_list_and_sparse_values_read_the_same() -> None:
    doc = json.loads(json.dumps(EXAMPLE))
    doc["dimension"]["Tid"]["category"]["index"] = ["2023", "2024"]
    doc["value"] = {"0": 1510, "1": 1522, "2": 2120}
    assert cube_frame(parse_jsonstat(doc)).equals(cube_frame(parse_jsonstat(EXAMPLE)))


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d.update(value=[1, 2, 3]), "3 celler"),
        (lambda d: d.update(size=[2, 3]), "size 3"),
        (lambda d: d["dimension"].pop("Tid"), "'Tid' saknar category"),
        (lambda d: d.update(value=[1, 2, 3, "x"]), "inte ett tal"),
        (lambda d: d.update(value={"9": 1}), "utanför"),
        (lambda d: d.pop("id"), "id, size"),
    ],
)
def test_a_changed_response_is_a_clear_format_error(change: object, words: str) -> None:
    doc = json.loads(json.dumps(EXAMPLE))
    change(doc)  # type: ignore[operator]
    with pytest.raises(ScbFormatError, match=words):
        parse_jsonstat(doc)


def test_cell_bound_is_checked_before_any_cell_is_read() -> None:
    with pytest.raises(ScbFormatError, match="fler än gränsen 3"):
        parse_jsonstat(EXAMPLE, max_cells=3)


def test_dimensions_and_roles_from_metadata() -> None:
    dims = parse_dimensions({k: v for k, v in EXAMPLE.items() if k not in {"value", "status"}})
    assert dims.ids == ("Region", "Tid")
    assert dims.categories["Tid"] == ("2023", "2024")
    assert dims.roles["time"] == ("Tid",)


_codes = st.lists(st.from_regex(r"[A-Za-z0-9+_-]{1,6}", fullmatch=True), min_size=1,
                  max_size=4, unique=True)  # fmt: skip


@st.composite
def cubes(draw: st.DrawFn) -> Cube:
    ids = draw(st.lists(st.sampled_from(["Region", "Tid", "Kon", "Alder"]), min_size=1,
                        max_size=4, unique=True))  # fmt: skip
    cats = {d: tuple(draw(_codes)) for d in ids}
    n = 1
    for d in ids:
        n *= len(cats[d])
    cell = st.one_of(st.none(), st.integers(-(10**6), 10**6).map(float))
    values = tuple(draw(st.lists(cell, min_size=n, max_size=n)))
    status = {i: ".." for i, v in enumerate(values) if v is None and draw(st.booleans())}
    return Cube(tuple(ids), cats, values, status=status)


@settings(max_examples=150, deadline=None)
@given(cubes(), st.sets(st.sampled_from(["value", "index"])))
def test_round_trip_of_random_cubes(cube: Cube, sparse: set[str]) -> None:
    doc = json.loads(json.dumps(cube_to_jsonstat(cube, sparse=sorted(sparse))))
    back = parse_jsonstat(doc)
    assert back.ids == cube.ids
    assert back.categories == cube.categories
    assert back.values == cube.values
    assert back.status == cube.status


@settings(max_examples=100, deadline=None)
@given(cubes())
def test_each_row_carries_the_codes_of_its_cell_in_row_major_order(cube: Cube) -> None:
    """Cell i belongs to the i-th combination with the last dimension varying fastest."""
    frame = cube_frame(cube)
    combos = list(itertools.product(*(cube.categories[d] for d in cube.ids)))
    assert len(frame) == len(cube.values) == len(combos)
    for i, combo in enumerate(combos):
        assert tuple(frame.loc[i, list(cube.ids)]) == combo
        assert frame.loc[i, "value"] == cube.values[i] or (
            frame.loc[i, "value"] is None and cube.values[i] is None
        )
        assert frame.loc[i, "status"] == cube.status.get(i)


def test_an_unexpected_shape_is_named_in_the_readers_language() -> None:
    """The format error keeps its Swedish text and reads in English where it is shown."""
    with pytest.raises(ScbFormatError) as err:
        parse_jsonstat({"class": "dataset", "id": ["a"], "size": [2], "dimension": {}})
    assert (
        str(err.value)
        == "SCB:s svar har oväntad form (JSON-stat 2): dimensionen 'a' saknar category"
    )
    assert error_text(err.value, "en") == (
        "SCB's answer has an unexpected shape (JSON-stat 2): the dimension 'a' has no category"
    )
