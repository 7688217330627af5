"""Units of the indicators EST Geo writes itself, Swedish and English.

An indicator's unit is stored as text (``indicator_definitions.unit``). The units the app
writes — the built-in catalogue, the SCB recipes, the derived share and change layers —
form a closed vocabulary: each is one key here and is stored as its Swedish text, so
:func:`est_geo.i18n.unit_text` finds the key from the stored text and shows the unit in
the reader's language. A unit someone typed that is not here is shown as written.

The Swedish texts are what stores already hold: never reword one (a store written before
would no longer match it); add a new key instead. The English texts may be reworded.
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "unit.persons": {"sv": "personer", "en": "persons"},
    "unit.percent": {"sv": "procent", "en": "per cent"},
    "unit.percent_sign": {"sv": "%", "en": "%"},
    "unit.share_pct": {"sv": "andel %", "en": "% share"},
    "unit.eligible_pct": {"sv": "andel behöriga %", "en": "% eligible"},
    "unit.safety_index": {"sv": "index 0–6", "en": "index 0–6"},
    "unit.nki": {"sv": "NKI 0–100", "en": "CSI 0–100"},
    "unit.per_1000_inhabitants": {"sv": "per 1 000 inv.", "en": "per 1,000 inhabitants"},
}
