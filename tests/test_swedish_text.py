"""Swedish grammar and numbers in the interface (issue 13 item 12).

Plural forms come from the catalogue (``{n:rad|rader}``), numbers from one formatter
(decimal comma, U+2212 minus, a non-breaking space before %; Språkrådet, *Svenska
skrivregler*), and an unchanged figure is not painted as a rise.
"""

from __future__ import annotations

import datetime
import re
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from est_geo.i18n import LANGUAGES, MESSAGES, translate
from est_geo.i18n.numbers import (
    MINUS,
    date_text,
    month_text,
    number,
    number_or_dash,
    percent,
)
from est_geo.io.crsdetect import CrsGuess

NBSP = "\u00a0"
PLURAL = re.compile(r"\{(\w+):([^|{}]+)\|([^{}]+)\}")


@pytest.mark.parametrize(
    ("key", "values", "sv", "en"),
    [
        ("data.problems", {"n": 1, "rows": 1}, "1 problem på 1 rad.", "1 problem on 1 row."),
        ("data.problems", {"n": 3, "rows": 2}, "3 problem på 2 rader.", "3 problems on 2 rows."),
        ("hotspots.cell.total", {"n": 1, "place": ""}, "1 händelse i rutan", "1 incident in"),
        ("hotspots.cell.total", {"n": 0, "place": ""}, "0 händelser i rutan", "0 incidents in"),
    ],
)
def test_counts_take_the_right_form(key: str, values: dict[str, int], sv: str, en: str) -> None:
    assert translate(key, "sv", **values).startswith(sv)
    assert translate(key, "en", **values).startswith(en)


def test_the_count_may_arrive_formatted() -> None:
    assert translate("data.problems", "sv", n="1", rows="1 234") == "1 problem på 1 234 rader."


def test_no_message_says_one_with_a_plural() -> None:
    """Every '{n} <plural noun>' in the catalogue has its singular (found by a scan)."""
    nouns = (
        r"(områden|händelser|rader|rapporter|rutor|platser|åtgärder|värden|areas|incidents|rows)"
    )
    for key, entry in MESSAGES.items():
        for lang in LANGUAGES:
            assert not re.search(r"\{\w+\} " + nouns + r"\b", entry[lang]), (key, lang)


def test_every_plural_form_picks_singular_for_one_and_plural_otherwise() -> None:
    checked = 0
    for key, entry in MESSAGES.items():
        for lang in LANGUAGES:
            names = set(re.findall(r"\{(\w+)", entry[lang]))
            for var, one, other in PLURAL.findall(entry[lang]):
                base = dict.fromkeys(names, 7)
                assert f"{one}" in translate(key, lang, **{**base, var: 1}), (key, lang)
                assert f"{other}" in translate(key, lang, **{**base, var: 2}), (key, lang)
                checked += 1
    assert checked >= 40


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 3))
def test_numbers_use_comma_and_true_minus(value: float, digits: int) -> None:
    text = number(value, "sv", digits)
    assert "-" not in text and "." not in text
    back = Decimal(text.replace(MINUS, "-").replace(NBSP, "").replace(",", "."))
    # Babel rounds the decimal form (repr) half to even: 0.35 -> '0,4', not binary's 0.3
    assert back == Decimal(repr(value)).quantize(Decimal(10) ** -digits, ROUND_HALF_EVEN)
    signed = number(value, "sv", digits, signed=True)
    assert signed[0] in {"+", MINUS, "±"}


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), st.integers(0, 3))
def test_english_numbers_read_back(value: float, digits: int) -> None:
    text = number(value, "en", digits)
    back = Decimal(text.replace(",", ""))
    assert back == Decimal(repr(value)).quantize(Decimal(10) ** -digits, ROUND_HALF_EVEN)


def test_number_examples() -> None:
    """Babel (CLDR) formats; Swedish groups with U+00A0 and writes the minus U+2212."""
    assert number(-1.74) == "−1,7"
    assert number(1.74, signed=True) == "+1,7"
    assert number(-0.01, signed=True) == "±0,0"  # rounds to zero: no sign
    assert number(-1234567.891, "sv", 2) == f"{MINUS}1{NBSP}234{NBSP}567,89"
    assert number(-1234567.891, "en", 2) == "-1,234,567.89"
    assert percent(1.0) == f"100{NBSP}%"
    assert percent(0.176, "sv", 1) == f"17,6{NBSP}%"
    assert percent(0.176, "en", 1) == "17.6%"
    assert number_or_dash(None) == number_or_dash(float("nan")) == "–"


def test_dates_follow_the_language() -> None:
    day = datetime.date(2026, 3, 2)
    assert date_text(day, "sv") == "2 mars 2026"
    assert date_text(day, "en") == "March 2, 2026"
    assert month_text(day, "sv") == "mars 2026"
    assert month_text(day, "en") == "March 2026"


def test_the_pdf_font_has_the_swedish_number_glyphs() -> None:
    """The report prints U+2212 and U+00A0: DejaVu Sans (the PDF's font) has both."""
    from fontTools.ttLib import TTFont

    from est_geo.meeting.pdf import font_dir

    cmap = TTFont(font_dir() / "DejaVuSans.ttf").getBestCmap()
    assert ord(MINUS) in cmap and ord(NBSP) in cmap


def test_crs_guess_says_100_space_percent() -> None:
    text = CrsGuess(3006, "values", share=1.0).describe()
    assert "100\u00a0% av raderna" in text and "100%" not in text


def test_crs_guess_in_english_names_the_system_in_english() -> None:
    guess = CrsGuess(3021, "values", share=0.5)
    assert (
        guess.describe("en")
        == "RT 90 2.5 gon V (EPSG:3021), guessed from the values, 50% of the rows fit"
    )
    assert guess.describe("sv").startswith("RT 90 2,5 gon V (EPSG:3021), gissat från värdena")


def test_last_year_line_has_no_nested_parentheses() -> None:
    text = translate("lagesbild.vs_last_year", "sv", value=102, change="+18 (+17,6 %)")
    assert "((" not in text.replace(" ", "") and "))" not in text.replace(" ", "")
    assert text.count("(") == 1


def _metrics_app() -> None:
    from types import SimpleNamespace

    from ui.lagesbild import view as lagesbild_view

    rows = [
        SimpleNamespace(key="total", label="Totalt", current=5, change_previous=0, pct_previous=0.0,
                        last_year=5, change_last_year=0, pct_last_year=0.0),
        SimpleNamespace(key="klotter", label="Klotter", current=6, change_previous=2,
                        pct_previous=50.0, last_year=4, change_last_year=2, pct_last_year=50.0),
    ]  # fmt: skip
    lagesbild_view.figures(SimpleNamespace(figures=rows))  # type: ignore[arg-type]


def test_no_change_is_not_painted_as_a_rise(point_app: object, tmp_path: object) -> None:
    at = AppTest.from_function(_metrics_app, default_timeout=60).run()
    assert not at.exception, at.exception
    unchanged, risen = at.metric
    gray, red = MetricProto.MetricColor.GRAY, MetricProto.MetricColor.RED
    no_arrow = MetricProto.MetricDirection.NONE
    assert unchanged.delta == "±0 (±0\u00a0%)" and unchanged.color == gray
    assert unchanged.proto.direction == no_arrow
    assert risen.color == red  # more reports than before: red, up


def test_empty_heat_map_says_no_incidents() -> None:
    """An all-zero weekday × hour matrix is not drawn as one solid block."""
    from est_geo.interventions.charts import heatmap_figure

    empty = heatmap_figure([[0] * 24 for _ in range(7)], "Inne", empty="Inga händelser")
    assert not [tr for tr in empty.data if tr.type == "heatmap"]
    assert empty.layout.annotations[0].text == "Inga händelser"
    some = heatmap_figure([[1] + [0] * 23] + [[0] * 24] * 6, "Inne")
    assert some.data[0].type == "heatmap"
    assert some.layout.xaxis.title.text == "Timme"
    english = heatmap_figure([[1] + [0] * 23] + [[0] * 24] * 6, "Inside", lang="en")
    assert english.layout.xaxis.title.text == "Hour"
    assert english.data[0].colorbar.title.text == "count"
    nothing = heatmap_figure([[0] * 24 for _ in range(7)], "Inside", lang="en")
    assert nothing.layout.annotations[0].text == "No incidents"


@pytest.mark.parametrize(
    ("n", "heading"), [(1, "En plats som"), (2, "Två platser som"), (3, "Tre platser som")]
)
def test_priorities_heading_counts_the_places(n: int, heading: str) -> None:
    text = translate("lagesbild.priorities", "sv", n=n, count=translate(f"number.word.{n}"))
    assert text.startswith(heading)


def test_audit_codes_and_changes_in_words() -> None:
    from est_geo.access.audit import changes_text, code_label

    assert code_label("action", "upsert") == "sparad (ny eller ändrad)"
    assert code_label("action", "insert", "en") == "created"
    assert code_label("entity", "action_items") == "handlingsplan"
    assert code_label("action", "something_new") == "something_new"  # a newer store's code
    assert code_label("entity", float("nan")) == "–"
    before = '{"title": "Klotter", "status": "ej_paborjad", "due_date": null, "id": 3}'
    after = '{"title": "Klotter", "status": "pagar", "due_date": "2026-11-15", "id": 3}'
    labels = {"ej_paborjad": "ej påbörjad", "pagar": "pågår"}
    text = changes_text(before, after, shown=lambda f, v: labels.get(str(v), str(v)))
    assert text == "Status: ej påbörjad → pågår; Klart senast: – → 2026-11-15"
    assert changes_text(None, {"title": "Ny", "notes": ""}) == "Vad: Ny"
    assert changes_text(None, None) == "–"
