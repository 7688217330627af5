"""The one translation layer: every UI string is a key here, Swedish first, English second.

Strings live in one catalogue module per feature (``core``, ``hotspots``, …) so features
can be added without editing one shared file; this module merges them and refuses
duplicate keys. A test checks that every key has both languages and that the UI uses no
key missing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import ModuleType

from est_geo.i18n import (
    area_import,
    atgarder,
    auth,
    core,
    data,
    hotspots,
    indikatorer,
    meeting,
    public,
)

LANGUAGES = ("sv", "en")

#: Catalogue modules, each with a ``MESSAGES`` mapping key → {"sv": …, "en": …}.
CATALOGUES: tuple[ModuleType, ...] = (
    core,
    auth,
    atgarder,
    indikatorer,
    public,
    hotspots,
    meeting,
    data,
    area_import,
)


def _merge(modules: tuple[ModuleType, ...]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for module in modules:
        for key, entry in module.MESSAGES.items():
            if key in merged:
                raise KeyError(f"translation key {key!r} defined twice ({module.__name__})")
            merged[key] = entry
    return merged


MESSAGES: Mapping[str, Mapping[str, str]] = _merge(CATALOGUES)


def translate(key: str, lang: str = "sv", **values: object) -> str:
    """Look up ``key`` in ``lang`` (falling back to Swedish) and format ``values`` in."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["sv"]
    return text.format(**values) if values else text
