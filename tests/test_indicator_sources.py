"""Indicator sources and notes in the reader's language: a closed vocabulary of the texts
EST Geo writes into a definition besides its name and unit.

Before the vocabulary an English reader of the indicator catalogue saw the sources the
app writes in Swedish ("Polisens trygghetsmätning", "EST Geo (härledd)", "SCB tabell
TAB6574, …, hämtad 2026-12-07") and the built-in note "Polisens index: högre värde =
större problem". They are stored as their Swedish text, as before (no schema or data
change), and shown through :func:`est_geo.i18n.definition_text`; a source someone typed
is shown as written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from est_geo.core.model import DEFAULT_INDICATORS, IndicatorDefinition
from est_geo.i18n import (
    definition_text,
    definition_text_key,
    definition_texts,
    stored_definition_text,
)
from tests.english import data_strings, swedish_words
from tests.test_indicator_units import _derived as derived_layers

#: What the app writes → what an English reader sees (the source:
#: est_geo/i18n/definition_texts.py).
ENGLISH = {
    "SCB": "Statistics Sweden (SCB)",
    "Polisens trygghetsmätning": "Police safety survey",
    "Bostadsbolagets kundenkät": "Housing company customer survey",
    "Kommunens föreningsregister": "Municipal register of associations",
    "Skolverket": "Swedish National Agency for Education (Skolverket)",
    "Skolorna": "The schools",
    "Beräknad i EST Geo": "Computed in EST Geo",
    "EST Geo (härledd)": "EST Geo (derived)",
    "Polisens index: högre värde = större problem": (
        "The police's index: higher value = bigger problem"
    ),
}

#: An SCB fetch's source as the store holds it (est_geo.indicators.scb.pxweb) and in English.
SCB_URL = "https://api.scb.se/ov0104/v2beta/api/v2/tables/TAB6574/data?lang=sv"
SCB_SV = f"SCB tabell TAB6574, {SCB_URL}, hämtad 2026-12-07"
SCB_EN = f"Statistics Sweden (SCB) table TAB6574, {SCB_URL}, fetched 2026-12-07"


def _derived() -> dict[str, IndicatorDefinition]:
    """The share and change layers the Indikatorer page makes (their base left out)."""
    return {k: d for k, d in derived_layers().items() if k != "foreningsaktiva_barn"}


def _written() -> list[str]:
    """Every source and note the built-in catalogue and the derived layers write."""
    found = [d.source for d in DEFAULT_INDICATORS] + [d.notes for d in DEFAULT_INDICATORS]
    found += [d.source for d in _derived().values()]
    return sorted({text for text in found if text})


def test_every_source_and_note_the_app_writes_is_in_the_vocabulary() -> None:
    assert _written() == sorted(ENGLISH)
    assert {d.source for d in _derived().values()} == {"EST Geo (härledd)"}
    assert all(definition_text_key(text) is not None for text in _written())


@pytest.mark.parametrize(("sv", "en"), [*sorted(ENGLISH.items()), (SCB_SV, SCB_EN)])
def test_a_written_text_reads_in_each_language(sv: str, en: str) -> None:
    assert definition_text(sv, "sv") == sv  # Swedish exactly as stored: pages unchanged
    assert definition_text(sv, "en") == en
    assert swedish_words(en) == []
    assert definition_text(en, "sv") == sv  # typed in English, it is the same text
    assert definition_text(f"  {sv} ", "en") == en  # stored texts are trimmed


def test_an_scb_source_keeps_its_table_address_and_date() -> None:
    stored = stored_definition_text(
        "definition.source.scb_table", table="TAB6574", url=SCB_URL, fetched="2026-12-07"
    )
    assert stored == SCB_SV
    assert definition_text_key(stored) == (
        "definition.source.scb_table",
        {"table": "TAB6574", "url": SCB_URL, "fetched": "2026-12-07"},
    )
    with_comma = stored.replace("lang=sv", "a=1,2")  # an address with a comma
    assert definition_text(with_comma, "en") == SCB_EN.replace("lang=sv", "a=1,2")


def test_every_vocabulary_key_is_stored_as_its_swedish_text() -> None:
    for key, entry in definition_texts.MESSAGES.items():
        if "{" not in entry["sv"]:
            assert stored_definition_text(key) == entry["sv"]
            assert definition_text_key(entry["sv"]) == (key, {})
    with pytest.raises(KeyError):
        stored_definition_text("definition.source.no_such_source")
    with pytest.raises(KeyError):
        stored_definition_text("definition.source.scb_table", table="TAB6574")


@pytest.mark.parametrize(
    "typed",
    ["Stadsdelens enkät", "SCB tabell", "Egen mätning, hämtad i går", "<b>x</b>", "", "SCB 2024"],
)
def test_a_typed_source_is_shown_as_written(typed: str) -> None:
    assert definition_text_key(typed) is None
    assert definition_text(typed, "en") == typed
    assert definition_text(typed, "sv") == typed


def test_the_english_check_no_longer_takes_written_texts_for_data(tmp_path: Path) -> None:
    """tests/english.py drops stored vocabulary texts from the data it ignores, so an
    English page showing "Polisens trygghetsmätning" fails; a typed source is still data."""
    db = tmp_path / "t.gpkg"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE indicator_definitions (key TEXT, source TEXT, notes TEXT)")
        con.execute(
            "INSERT INTO indicator_definitions VALUES (?, ?, ?)",
            ("trygghetsindex", "Polisens trygghetsmätning", "Stadsdelens egen enkät"),
        )
        con.execute("INSERT INTO indicator_definitions VALUES (?, ?, ?)", ("x", SCB_SV, ""))
    data = data_strings(db)
    assert "Polisens trygghetsmätning" not in data and SCB_SV not in data
    assert "Stadsdelens egen enkät" in data
    assert swedish_words("Source: Polisens trygghetsmätning", data)
    assert swedish_words("Source: Skolorna", data)
    assert not swedish_words("Source: Stadsdelens egen enkät", data)
