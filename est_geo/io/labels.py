"""Mapping a source's own labels to EST category keys and actors.

Sources write "Klotter", "skadegörelse/klotter", "SKADEGÖRELSE › Klotter" or their own
words ("Sprayfärg på vägg"). Built-in matching is case-, accent- and punctuation-
insensitive over keys, Swedish and English labels and "main sub" pairs; an explicit
mapping (from the user, remembered per source) wins. Matching runs once per *distinct*
label, so a million rows with twenty labels cost twenty lookups.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import Actor, CategoryTree
from est_geo.i18n import label as code_label
from est_geo.io.mapping import normalise

_ACTOR_SYNONYMS: dict[str, str] = {
    "polisen": "polis",
    "lokalpolisen": "polis",
    "lokalpolisomradet": "polis",
    "kommunen": "kommun",
    "bostadsbolaget": "bostadsbolag",
    "hyresvard": "bostadsbolag",
    "hyresbostader": "bostadsbolag",
    "fastighetsagare": "bostadsbolag",
    "raddningstjanst": "raddningstjanst",
    "brandkaren": "raddningstjanst",
    "skolan": "skola",
    "vaktare": "vaktarbolag",
    "vaktarna": "vaktarbolag",
    "sakerhetsbolag": "vaktarbolag",
    "civilsamhallet": "civilsamhalle",
    "forening": "civilsamhalle",
    "ovrig": "annan",
    "ovrigt": "annan",
    "other": "annan",
}


class LabelMatcher:
    """Label → key lookup built from a vocabulary plus explicit overrides."""

    def __init__(self, index: Mapping[str, str], explicit: Mapping[str, str], valid: set[str]):
        self._index = dict(index)
        problems = [
            Problem.keyed(None, f"mappning '{label}'", key, "io.mapping.unknown_key")
            for label, key in explicit.items()
            if key not in valid
        ]
        if problems:
            raise ValidationError(problems, key="io.mapping.summary")
        self._explicit = {normalise(k): v for k, v in explicit.items()}
        self._explicit_exact = dict(explicit)

    def match(self, label: str) -> str | None:
        """The key for ``label``, or ``None`` when unknown (empty labels are unknown)."""
        if label in self._explicit_exact:
            return self._explicit_exact[label]
        norm = normalise(label)
        if not norm:
            return None
        return self._explicit.get(norm) or self._index.get(norm)


def category_matcher(tree: CategoryTree, explicit: Mapping[str, str] | None = None) -> LabelMatcher:
    """Matcher for the store's category tree (configurable per municipality)."""
    return LabelMatcher(_category_index(tree), explicit or {}, {c.key for c in tree.categories})


@lru_cache(maxsize=16)
def _category_index(tree: CategoryTree) -> dict[str, str]:
    """Normalised label → key; cached because every import rebuilds it otherwise."""
    index: dict[str, str] = {}

    def add(label: str, key: str) -> None:
        norm = normalise(label)
        if norm:
            index.setdefault(norm, key)

    for cat in tree.categories:
        add(cat.key, cat.key)
    for cat in tree.categories:
        parent = tree.get(cat.parent) if cat.parent else None
        for label in (cat.name_sv, cat.name_en):
            without_parens = re.sub(r"\(.*?\)", " ", label)
            if parent is not None:
                for plabel in (parent.name_sv, parent.name_en):
                    add(f"{plabel} {label}", cat.key)
                    add(f"{plabel} {without_parens}", cat.key)
            add(label, cat.key)
            add(without_parens, cat.key)
        add(cat.key.rsplit(".", 1)[-1].replace("_", " "), cat.key)
    return index


def actor_matcher(explicit: Mapping[str, str] | None = None) -> LabelMatcher:
    """Matcher for the actor vocabulary (keys, Swedish/English labels, common synonyms)."""
    index: dict[str, str] = {}
    for actor in Actor:
        for name in (
            actor.value,
            code_label("actor", actor.value),
            code_label("actor", actor.value, "en"),
        ):
            index.setdefault(normalise(name), actor.value)
    for synonym, key in _ACTOR_SYNONYMS.items():
        index.setdefault(normalise(synonym), key)
    return LabelMatcher(index, explicit or {}, {a.value for a in Actor})
