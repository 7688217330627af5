"""The indicator catalogue: which indicators exist, their unit and which direction is better.

The catalogue decides how every layer is drawn (the palette direction follows
``higher_is_better``) and labelled (name, unit), so an entry is validated as a whole before
it is stored, and the defaults from EST.md are added to a store that lacks them rather than
overwriting what an administrator changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from est_geo.access.roles import Action, Role, require
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import DEFAULT_INDICATORS, AreaLevel, IndicatorDefinition
from est_geo.store import Store

__all__ = [
    "DERIVED_KEYS",
    "definition_from_mapping",
    "ensure_default_catalogue",
    "find_definition",
    "save_definition",
    "validate_definition",
]

_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Indicators EST Geo computes itself from incidents (never imported from a file).
DERIVED_KEYS: frozenset[str] = frozenset({"rapporter_per_1000"})


def validate_definition(definition: IndicatorDefinition) -> IndicatorDefinition:
    """Return the definition with trimmed texts, or raise listing every bad field."""
    d = definition
    problems: list[Problem] = []
    key = d.key.strip()
    if not _KEY_RE.match(key):
        problems.append(Problem.keyed(None, "key", d.key, "indicators.catalogue.key_format"))
    for name in ("name_sv", "name_en", "unit", "source"):
        if not str(getattr(d, name)).strip():
            problems.append(Problem.keyed(None, name, "", "indicators.catalogue.empty_field"))
    levels = {lv.value for lv in AreaLevel}
    if d.area_level not in levels:
        problems.append(
            Problem.keyed(
                None,
                "area_level",
                d.area_level,
                "indicators.catalogue.unknown_level",
                levels=", ".join(sorted(levels)),
            )
        )
    if not isinstance(d.higher_is_better, bool):
        problems.append(
            Problem.keyed(
                None, "higher_is_better", str(d.higher_is_better), "indicators.catalogue.yes_no"
            )
        )
    if problems:
        raise ValidationError(problems, key="indicators.error.invalid_indicator")
    return IndicatorDefinition(
        key=key,
        name_sv=d.name_sv.strip(),
        name_en=d.name_en.strip(),
        unit=d.unit.strip(),
        higher_is_better=d.higher_is_better,
        source=d.source.strip(),
        area_level=d.area_level,
        notes=d.notes.strip(),
    )


def definition_from_mapping(record: Mapping[str, object]) -> IndicatorDefinition:
    """Build a definition from a form or a table row (``higher_is_better`` as bool or text)."""
    hib = record.get("higher_is_better", True)
    if isinstance(hib, str):
        hib = hib.strip().lower() in {"1", "true", "ja", "yes", "sant"}
    return validate_definition(
        IndicatorDefinition(
            key=str(record.get("key", "")),
            name_sv=str(record.get("name_sv", "")),
            name_en=str(record.get("name_en", "")),
            unit=str(record.get("unit", "")),
            higher_is_better=bool(hib),
            source=str(record.get("source", "")),
            area_level=str(record.get("area_level", "omrade")),
            notes=str(record.get("notes", "") or ""),
        )
    )


def ensure_default_catalogue(store: Store, *, user: str) -> list[str]:
    """Add the default indicators the store lacks; return the keys added.

    Existing entries are left alone: an administrator's edits win over the defaults.
    """
    have = {d.key for d in store.indicator_definitions()}
    added = []
    for definition in DEFAULT_INDICATORS:
        if definition.key not in have:
            store.upsert_indicator_definition(definition, user=user)
            added.append(definition.key)
    return added


def save_definition(
    store: Store, definition: IndicatorDefinition, *, role: Role, user: str
) -> IndicatorDefinition:
    """Validate and store one catalogue entry; only administrators may edit the catalogue."""
    require(role, Action.ADMINISTER)
    clean = validate_definition(definition)
    store.upsert_indicator_definition(clean, user=user)
    return clean


def find_definition(definitions: Iterable[IndicatorDefinition], key: str) -> IndicatorDefinition:
    """The definition with ``key``; ValidationError naming the known keys if missing."""
    defs = list(definitions)
    for d in defs:
        if d.key == key:
            return d
    known = ", ".join(d.key for d in defs)
    problem = (
        Problem.keyed(None, "indicator", key, "indicators.catalogue.not_found", known=known)
        if known
        else Problem.keyed(None, "indicator", key, "indicators.catalogue.not_found_empty")
    )
    raise ValidationError([problem], key="indicators.error.unknown_indicator")
