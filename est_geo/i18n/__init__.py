"""The one translation layer: every UI string is a key here, Swedish first, English second.

Strings live in one catalogue module per feature (``core``, ``hotspots``, …) so features
can be added without editing one shared file; this module merges them and refuses
duplicate keys. A test checks that every key has both languages and that the UI uses no
key missing here.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from types import ModuleType

from est_geo.i18n import (
    area_import,
    atgarder,
    audit,
    auth,
    cli,
    cli_help,
    cli_output,
    core,
    data,
    definition_texts,
    evaluation,
    hotspots,
    indikatorer,
    io,
    labels,
    maps,
    meeting,
    om,
    pdf,
    periods,
    public,
    scb,
    store,
    units,
)

LANGUAGES = ("sv", "en")

#: Catalogue modules, each with a ``MESSAGES`` mapping key → {"sv": …, "en": …}.
CATALOGUES: tuple[ModuleType, ...] = (
    core,
    auth,
    atgarder,
    evaluation,
    indikatorer,
    public,
    hotspots,
    meeting,
    data,
    area_import,
    audit,
    scb,
    cli,
    cli_help,
    cli_output,
    labels,
    om,
    pdf,
    periods,
    store,
    io,
    maps,
    units,
    definition_texts,
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


def _is_one(value: object) -> bool:
    """True for a count of exactly one (also given as text, e.g. an already formatted '1')."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return abs(value) == 1
    text = str(value).replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    return text.lstrip("+-") == "1"


class _PluralFormatter(string.Formatter):
    """``str.format`` plus plural forms: ``{n:rad|rader}`` gives 'rad' when n is one.

    Why in the format string: one message may hold several counts ("{n} problem på
    {rows} {rows:rad|rader}"), and each language picks its own forms.
    """

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec:
            one, other = format_spec.split("|", 1)
            return one if _is_one(value) else other
        return str(super().format_field(value, format_spec))


_FORMATTER = _PluralFormatter()


def translate(key: str, lang: str = "sv", **values: object) -> str:
    """Look up ``key`` in ``lang`` (falling back to Swedish) and format ``values`` in.

    ``{n:one|other}`` in a message picks the singular or plural word for the count ``n``.
    """
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["sv"]
    return _FORMATTER.format(text, **values) if values else text


def label(group: str, code: str, lang: str = "sv") -> str:
    """The display name of a stored code: ``label("actor", "polis", "en")`` → 'Police'.

    Groups: ``actor``, ``intervention.kind``, ``intervention.status``, ``action.status``.
    A code the catalogue does not know (a custom value in imported data) is shown as is.
    """
    key = f"{group}.{code}"
    return translate(key, lang) if key in MESSAGES else code


def label_map(group: str, codes: Iterable[str], lang: str = "sv") -> dict[str, str]:
    """:func:`label` for several codes: code → display name (for ``format_func``)."""
    return {code: label(group, code, lang) for code in codes}


class _StoredVocabulary:
    """Texts EST Geo writes into the data (indicator units, sources, notes), stored as
    their Swedish text and shown in the reader's language.

    Found from the stored text: its Swedish form, else its English one (a text typed in
    English is the same one); a message with fields (``"SCB tabell {table}, …"``) is
    matched as a pattern and its fields' values kept as stored. A text not in the
    vocabulary is one someone typed.
    """

    def __init__(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        self.messages = messages
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for lang in LANGUAGES:
            for key, entry in messages.items():
                if "{" in entry[lang]:
                    self.patterns.append((_pattern(entry[lang]), key))
                else:
                    self.exact.setdefault(entry[lang], key)

    def key(self, text: str) -> tuple[str, dict[str, str]] | None:
        """The key of a stored text and its fields' values, or ``None`` for a typed one."""
        text = text.strip()
        key = self.exact.get(text)
        if key is not None:
            return key, {}
        for pattern, key in self.patterns:
            found = pattern.match(text)
            if found is not None:
                return key, found.groupdict()
        return None

    def shown(self, text: str, lang: str) -> str:
        """A stored text as a reader of ``lang`` sees it; a typed one as written."""
        found = self.key(text)
        if found is None:
            return text
        key, fields = found
        return translate(key, lang, **fields)

    def stored(self, key: str, **fields: str) -> str:
        """The text ``key`` is stored as (its Swedish text, fields filled in); KeyError for
        a key not in the vocabulary or a field left out, so a writer cannot store a
        misspelt key."""
        return self.messages[key]["sv"].format(**fields)


def _pattern(message: str) -> re.Pattern[str]:
    """A message with fields as an anchored pattern: ``"SCB tabell {table}, …"`` matches
    a stored ``"SCB tabell TAB6574, …"`` and names the fields' values."""
    parts = []
    for literal, field, _spec, _conv in _FORMATTER.parse(message):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append(f"(?P<{field}>.+?)")
    return re.compile("^" + "".join(parts) + "$", re.DOTALL)


_UNITS = _StoredVocabulary(units.MESSAGES)
_DEFINITION_TEXTS = _StoredVocabulary(definition_texts.MESSAGES)


def unit_key(unit: str) -> str | None:
    """The vocabulary key of a stored unit text (``"andel %"`` → ``"unit.share_pct"``), or
    ``None`` for a unit someone typed that is not in :mod:`est_geo.i18n.units`."""
    found = _UNITS.key(unit)
    return None if found is None else found[0]


def unit_text(unit: str, lang: str = "sv") -> str:
    """An indicator's unit as a reader of ``lang`` sees it: ``unit_text("andel %", "en")``
    → '% share'.

    Every place that shows a unit goes through here. A unit of the vocabulary is worded
    from the catalogue (in Swedish exactly as stored); any other unit is what its author
    typed and is returned as written.
    """
    return _UNITS.shown(unit, lang)


def stored_unit(key: str) -> str:
    """The text a vocabulary unit is stored as (its Swedish text); KeyError for a key
    that is not a unit, so a writer cannot store a misspelt key as a unit."""
    return _UNITS.stored(key)


def definition_text_key(text: str) -> tuple[str, dict[str, str]] | None:
    """The vocabulary key of a stored source or note and its fields' values
    (``"EST Geo (härledd)"`` → ``("definition.source.derived", {})``), or ``None`` for a
    text someone typed that is not in :mod:`est_geo.i18n.definition_texts`."""
    return _DEFINITION_TEXTS.key(text)


def definition_text(text: str, lang: str = "sv") -> str:
    """An indicator's source or note as a reader of ``lang`` sees it:
    ``definition_text("EST Geo (härledd)", "en")`` → 'EST Geo (derived)'.

    Every place that shows a source or a note goes through here. A text of the vocabulary
    is worded from the catalogue (in Swedish exactly as stored, its fields as stored); any
    other text is what its author typed and is returned as written (escape it where shown).
    """
    return _DEFINITION_TEXTS.shown(text, lang)


def stored_definition_text(key: str, **fields: str) -> str:
    """The text a vocabulary source or note is stored as (its Swedish text, fields filled
    in); KeyError for a key that is not in the vocabulary or a field left out, so a writer
    cannot store a misspelt key."""
    return _DEFINITION_TEXTS.stored(key, **fields)
