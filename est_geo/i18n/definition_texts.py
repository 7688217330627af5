"""Sources and notes of the indicators EST Geo writes itself, Swedish and English.

An indicator's source and notes are stored as text (``indicator_definitions.source`` and
``.notes``). The ones the app writes — the built-in catalogue, the derived share and
change layers, an indicator fetched from SCB — form a closed vocabulary like the units
(:mod:`est_geo.i18n.units`): each is one key here and is stored as its Swedish text, so
:func:`est_geo.i18n.definition_text` finds the key from the stored text and shows it in
the reader's language. A key with fields (``{table}``) is a pattern: the stored text is
the Swedish message with the fields filled in, and the fields (a table id, an address, a
date) are shown as stored. A source or note someone typed that is not here is shown as
written.

The Swedish texts are what stores already hold: never reword one (a store written before
would no longer match it); add a new key instead. The English texts may be reworded.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "definition.source.scb": {"sv": "SCB", "en": "Statistics Sweden (SCB)"},
    "definition.source.police_survey": {
        "sv": "Polisens trygghetsmätning",
        "en": "Police safety survey",
    },
    "definition.source.housing_survey": {
        "sv": "Bostadsbolagets kundenkät",
        "en": "Housing company customer survey",
    },
    "definition.source.association_register": {
        "sv": "Kommunens föreningsregister",
        "en": "Municipal register of associations",
    },
    "definition.source.skolverket": {
        "sv": "Skolverket",
        "en": "Swedish National Agency for Education (Skolverket)",
    },
    "definition.source.schools": {"sv": "Skolorna", "en": "The schools"},
    "definition.source.computed": {"sv": "Beräknad i EST Geo", "en": "Computed in EST Geo"},
    "definition.source.derived": {"sv": "EST Geo (härledd)", "en": "EST Geo (derived)"},
    "definition.source.scb_table": {
        "sv": "SCB tabell {table}, {url}, hämtad {fetched}",
        "en": "Statistics Sweden (SCB) table {table}, {url}, fetched {fetched}",
    },
    "definition.note.police_index": {
        "sv": "Polisens index: högre värde = större problem",
        "en": "The police's index: higher value = bigger problem",
    },
}
