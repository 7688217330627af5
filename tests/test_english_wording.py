"""English wording of the catalogue as an English reader expects it (found walking the app).

The walk through the English interface in a browser (every page and its non-default
states) found texts that were translated but written the Swedish way; each rule here is
one such finding, checked over every English text in the catalogue.
"""

from __future__ import annotations

import re

import pytest

from est_geo.i18n import CATALOGUES, translate

#: A number (or a placeholder for one) followed by a space before "%": Swedish style
#: ("90 %"); English writes "90%", as the app's own number formatting does ("+52.4%").
_SPACED_PERCENT = re.compile(r"(?:\d|\})[ \u00a0\u202f]%")


def _english_texts() -> dict[str, str]:
    return {key: entry["en"] for module in CATALOGUES for key, entry in module.MESSAGES.items()}


def test_english_percentages_have_no_space_before_the_sign() -> None:
    """'Hot spot, 90% confidence' on the legend but '(Gi*, 90 % or more)' in the summary
    and '95 % CI' in the evaluation table: English writes the sign right after the number."""
    spaced = {k: t for k, t in _english_texts().items() if _SPACED_PERCENT.search(t)}
    assert spaced == {}


def test_the_percentage_rule_finds_the_swedish_style() -> None:
    assert _SPACED_PERCENT.search("at the 95 % level")
    assert _SPACED_PERCENT.search("{share} %")
    assert not _SPACED_PERCENT.search("at the 95% level (+52.4%)")


#: Counted sentences whose verb did not follow the count: "1 incidents have", "1 area are".
#: (key, values, the English sentence for one).
_ONE = [
    ("hotspots.cell.no_time", {}, "1 incident has no time of day and is left out of the chart."),
    ("atgarder.without_time", {}, "1 incident without a known time is left out of weekday × hour."),
    (
        "areas.unusable",
        {"codes": "X"},
        "1 area is not shown because its coordinates are implausible (e.g. the wrong coordinate "
        "system at import): X. Import it again with the right coordinate system.",
    ),
    (
        "indikatorer.report.areas_without_value",
        {"name": "N", "areas": "A"},
        "N: 1 area has no value: A",
    ),
    (
        "indikatorer.report.codes_without_area",
        {"name": "N", "codes": "C"},
        "N: 1 code in the table has no area: C",
    ),
    (
        "indikatorer.scatter.excluded",
        {},
        "1 area lacks a value or has too small a base and is left out.",
    ),
    (
        "indikatorer.small_n.note",
        {"name": "N", "min_n": 30},
        "N: 1 area rests on fewer than 30 and is shown as 'too small a base'.",
    ),
    (
        "area_import.areas_without_value",
        {"codes": "C"},
        "1 area in the database has no value in the table: C",
    ),
    ("lagesbild.priorities", {"count": "One"}, "One place that most needs action"),
]


@pytest.mark.parametrize(("key", "values", "one"), _ONE, ids=[c[0] for c in _ONE])
def test_a_count_of_one_takes_a_singular_verb(
    key: str, values: dict[str, object], one: str
) -> None:
    assert translate(key, "en", n=1, **values) == one
    assert translate(key, "en", n=2, **values) != one  # the plural keeps its own verb


def test_code_without_area_after_an_import_of_one() -> None:
    text = translate("area_import.codes_without_area", "en", n=1, codes="C")
    assert text.startswith("1 code in the table has no area. The values are saved but do not")


def test_the_swedish_unusable_area_sentence_agrees_with_one() -> None:
    text = translate("areas.unusable", "sv", n=1, codes="X")
    assert "1 område visas inte eftersom dess koordinater" in text
    assert "Importera det på nytt" in text


def test_counted_nouns_have_a_singular() -> None:
    """'1 features', 'only 1 steps', '1 tiles': a count that can be one needs the plural form."""
    assert translate(
        "area_import.file_info", "en", name="a.gpkg", layer="x", n=1, geometry="Polygon"
    ) == ("a.gpkg: layer x, 1 feature, geometry type Polygon.")
    assert translate("hotspots.note.few_steps", "en", n=1, least=4).startswith(
        "The time series has only 1 step (at least 4 recommended)"
    )
    assert translate(
        "cli.basemap.written", "en", path="p", tiles=1, zooms="0–0", mb="0.1", box="b"
    ).startswith("Wrote p: 1 tile, zoom")
