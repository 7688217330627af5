"""Indicator units in the reader's language: a closed vocabulary of the units EST Geo writes.

Before the vocabulary every unit was stored and shown in Swedish: an English reader's map
tooltip said "12.5 andel %", the legend "andel %", the lägesbild PDF "(andel %)". The
units the app writes (built-in catalogue, SCB recipes, derived share and change layers)
are stored as their Swedish text and shown through :func:`est_geo.i18n.unit_text`; a unit
someone typed is shown as written (and escaped in HTML).
"""

from __future__ import annotations

import io
import json
from datetime import date

import folium
import pandas as pd
import pytest
from pypdf import PdfReader

from est_geo.core.model import DEFAULT_INDICATORS, CategoryTree, IndicatorDefinition
from est_geo.core.periods import parse_report_period
from est_geo.i18n import stored_unit, unit_key, unit_text, units
from est_geo.indicators import bivariate, class_colors, classify
from est_geo.indicators.choropleth import bivariate_layer, choropleth_layer, dual_map
from est_geo.indicators.derived_layers import add_derived_layers
from est_geo.indicators.scb.pxweb import CATALOGUE
from est_geo.meeting.lagesbild import IndicatorHighlight, build_lagesbild
from est_geo.meeting.pdf import lagesbild_pdf
from est_geo.store import Store
from tests.english import swedish_words
from tests.test_indicators import _areas, _incidents, _map_frame

#: What the app writes → what an English reader sees (the source: est_geo/i18n/units.py).
ENGLISH = {
    "personer": "persons",
    "procent": "per cent",
    "%": "%",
    "andel %": "% share",
    "andel behöriga %": "% eligible",
    "index 0–6": "index 0–6",
    "NKI 0–100": "CSI 0–100",
    "per 1 000 inv.": "per 1,000 inhabitants",
}


def _derived() -> dict[str, IndicatorDefinition]:
    """The share layers and the change layers of a share, as the Indikatorer page makes them."""
    values = pd.DataFrame(
        [("foreningsaktiva_barn", "A", p, v, 40.0) for p, v in (("2023", 40.0), ("2024", 45.0))],
        columns=["indicator_key", "area_code", "period", "value", "n"],
    )
    barn = next(d for d in DEFAULT_INDICATORS if d.key == "foreningsaktiva_barn")
    out = add_derived_layers(
        values,
        {barn.key: barn},
        incidents=_incidents(),
        areas=_areas(),
        tree=CategoryTree.default(),
        periods=["2024"],
        hidden={},
        public_k=None,
    )
    return out.definitions


def _written_units() -> list[str]:
    """Every unit EST Geo itself writes into a definition."""
    found = [d.unit for d in DEFAULT_INDICATORS]
    found += [r.unit for r in CATALOGUE.values()]
    found += [d.unit for d in _derived().values()]
    return sorted(set(found))


def test_every_unit_the_app_writes_is_in_the_vocabulary() -> None:
    written = _written_units()
    assert written == sorted(ENGLISH)
    assert all(unit_key(u) is not None for u in written)


@pytest.mark.parametrize(("sv", "en"), sorted(ENGLISH.items()))
def test_a_written_unit_reads_in_each_language(sv: str, en: str) -> None:
    assert unit_text(sv, "sv") == sv  # Swedish exactly as stored: pages unchanged
    assert unit_text(sv, "en") == en
    assert swedish_words(unit_text(sv, "en")) == []
    assert unit_text(en, "sv") == sv  # typed in English, it is the same unit


def test_every_vocabulary_key_is_stored_as_its_swedish_text() -> None:
    for key, entry in units.MESSAGES.items():
        assert stored_unit(key) == entry["sv"]
        assert unit_key(entry["sv"]) == key
    with pytest.raises(KeyError):
        stored_unit("unit.no_such_unit")


@pytest.mark.parametrize("typed", ["kr/mån", "st per 100 elever", "<b>x</b>"])
def test_a_typed_unit_is_shown_as_written(typed: str) -> None:
    assert unit_key(typed) is None
    assert unit_text(typed, "en") == typed
    assert unit_text(typed, "sv") == typed


def _choropleth_html(unit: str, lang: str) -> str:
    frame = _map_frame()
    cls = classify(frame["value"].to_numpy(), "quantiles", 3)
    colors = class_colors(cls.k, higher_is_better=True)
    m = folium.Map()
    choropleth_layer(frame, cls, colors, title="T", unit=unit, lang=lang).add_to(m)
    return str(m.get_root().render())


def _in(text: str, html: str) -> bool:
    """``text`` in the rendered map, as written in its HTML or in its JSON (tooltips)."""
    return text in html or json.dumps(text)[1:-1] in html


def _legend_line(html: str) -> str:
    """The legend's second line (method, direction, unit) of a rendered choropleth: the
    legend sits in the page as JSON with ``<`` and ``>`` written as ``\\u003c``/``\\u003e``."""
    plain = html.replace("\\u003c", "<").replace("\\u003e", ">").replace('\\"', '"')
    start = plain.index('<div style="color:#555;">') + len('<div style="color:#555;">')
    return json.loads(f'"{plain[start : plain.index("</div>", start)]}"')


@pytest.mark.parametrize("key", ["foreningsaktiva_barn", "kunskapsresultat", "rapporter_per_1000"])
def test_builtin_unit_in_the_map_tooltip_and_legend(key: str) -> None:
    unit = next(d for d in DEFAULT_INDICATORS if d.key == key).unit
    english = _choropleth_html(unit, "en")
    assert _in(f"2.5 {ENGLISH[unit]}", english)  # tooltip: value and unit
    assert _legend_line(english) == ENGLISH[unit]
    assert not _in(unit, english)
    swedish = _choropleth_html(unit, "sv")
    assert _in(f"2,5 {unit}", swedish) and _legend_line(swedish) == unit
    assert not _in(ENGLISH[unit], swedish)


@pytest.mark.parametrize("key", ["andel:skadegorelse", "forandring:foreningsaktiva_barn"])
def test_derived_unit_in_the_map_tooltip_and_legend(key: str) -> None:
    unit = _derived()[key].unit
    assert unit == "andel %"
    english = _choropleth_html(unit, "en")
    assert _in("2.5 % share", english) and not _in("andel", english)
    assert _legend_line(english) == "% share"
    assert _in("2,5 andel %", _choropleth_html(unit, "sv"))


def test_a_typed_unit_is_escaped_on_the_map() -> None:
    html = _choropleth_html("<b>kr</b>", "en")
    assert "<b>kr</b>" not in html and not _in("<b>kr</b>", html)


def test_side_by_side_and_bivariate_maps_in_english() -> None:
    frame = _map_frame()
    cls = classify(frame["value"].to_numpy(), "quantiles", 3)
    colors = class_colors(cls.k, higher_is_better=True)
    left = choropleth_layer(frame, cls, colors, title="A", unit="andel %", lang="en")
    right = choropleth_layer(frame, cls, colors, title="B", unit="NKI 0–100", lang="en")
    dm = dual_map(left, right, bounds=((58.5, 16.0), (58.6, 16.3)), tiles=None)
    html = dm.get_root().render()
    assert _in("2.5 % share", html) and _in("2.5 CSI 0–100", html)
    assert not _in("andel", html) and not _in("NKI", html)
    biv = bivariate(frame["value_a"], frame["value_b"], a_higher_is_better=True,
                    b_higher_is_better=True)  # fmt: skip
    m = folium.Map()
    bivariate_layer(frame, biv, a_title="A", b_title="B", a_unit="per 1 000 inv.",
                    b_unit="andel behöriga %", lang="en").add_to(m)  # fmt: skip
    html = m.get_root().render()
    assert _in("A: 2.0 per 1,000 inhabitants", html) and _in("B: 2.0 % eligible", html)
    assert not _in("inv.", html) and not _in("behöriga", html)


def _highlight(unit: str) -> IndicatorHighlight:
    return IndicatorHighlight(
        key="elevnarvaro",
        name="Elevnärvaro",
        name_en="School attendance",
        unit=unit,
        period="2024",
        value=91.5,
        previous_period="2023",
        previous_value=90.0,
        better=True,
    )


def test_lagesbild_indicator_unit_in_the_readers_language() -> None:
    ind = _highlight("andel %")
    assert (ind.unit_in("sv"), ind.unit_in("en")) == ("andel %", "% share")
    assert _highlight("elever/lärare").unit_in("en") == "elever/lärare"


@pytest.mark.parametrize(("lang", "shown"), [("sv", "Elevnärvaro (andel %)"),
                                             ("en", "School attendance (% share)")])  # fmt: skip
def test_lagesbild_pdf_shows_the_unit_in_the_readers_language(
    store: Store, lang: str, shown: str
) -> None:
    for d in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(d, user="test")
    values = pd.DataFrame(
        {
            "indicator_key": ["elevnarvaro"] * 2,
            "area_code": ["T-OMR-C"] * 2,
            "period": ["2023", "2024"],
            "value": [90.0, 91.5],
            "n": [100.0, 100.0],
        }
    )
    store.add_indicator_values(values, user="test")
    lb = build_lagesbild(store, "T-OMR-C", parse_report_period("2025-W10"))
    pdf = lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2025, 3, 9), lang=lang)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert shown in " ".join(text.split())
