"""Display names of stored codes: actors, intervention kinds and statuses, action statuses.

The codes (``"polis"``, ``"pagar"``) are what the database keeps; these are what a reader
sees, through :func:`est_geo.i18n.label` (``label("actor", "polis", "en")``).
"""

from __future__ import annotations

from collections.abc import Mapping

MESSAGES: Mapping[str, Mapping[str, str]] = {
    "actor.polis": {"sv": "Polisen", "en": "Police"},
    "actor.kommun": {"sv": "Kommunen", "en": "Municipality"},
    "actor.bostadsbolag": {"sv": "Bostadsbolag", "en": "Housing company"},
    "actor.raddningstjanst": {"sv": "Räddningstjänsten", "en": "Fire and rescue"},
    "actor.skola": {"sv": "Skola", "en": "School"},
    "actor.vaktarbolag": {"sv": "Väktarbolag", "en": "Security company"},
    "actor.civilsamhalle": {"sv": "Civilsamhälle", "en": "Civil society"},
    "actor.annan": {"sv": "Annan", "en": "Other"},
    "intervention.kind.bom": {"sv": "Bom/barriär", "en": "Barrier/gate"},
    "intervention.kind.vaktarrondering": {"sv": "Väktarrondering", "en": "Security patrol"},
    "intervention.kind.kamerabevakning": {"sv": "Kamerabevakning", "en": "Camera surveillance"},
    "intervention.kind.belysning": {"sv": "Belysning", "en": "Lighting"},
    "intervention.kind.polisnarvaro": {
        "sv": "Hundpatrull/polisnärvaro",
        "en": "Dog patrol/police presence",
    },
    "intervention.kind.stadning": {
        "sv": "Städning/klottersanering",
        "en": "Cleaning/graffiti removal",
    },
    "intervention.kind.trygghetsvandring": {"sv": "Trygghetsvandring", "en": "Safety walk"},
    "intervention.kind.ombyggnad": {"sv": "Ombyggnad/rivning", "en": "Rebuilding/demolition"},
    "intervention.kind.motesplats": {
        "sv": "Mötesplats/verksamhetshus",
        "en": "Meeting place/activity centre",
    },
    "intervention.kind.annat": {"sv": "Annat", "en": "Other"},
    "intervention.status.planerad": {"sv": "Planerad", "en": "Planned"},
    "intervention.status.pagar": {"sv": "Pågår", "en": "Ongoing"},
    "intervention.status.avslutad": {"sv": "Avslutad", "en": "Finished"},
    "action.status.ej_paborjad": {"sv": "Ej påbörjad", "en": "Not started"},
    "action.status.pagar": {"sv": "Pågår", "en": "In progress"},
    "action.status.klar": {"sv": "Klar", "en": "Done"},
    "action.status.avbruten": {"sv": "Avbruten", "en": "Cancelled"},
}
