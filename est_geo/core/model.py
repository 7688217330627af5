"""Domain vocabulary of EST: category tree, actors, area levels, interventions, indicators.

Keys are stable ASCII identifiers stored in the database; Swedish and English labels are
for display only, so renaming a label never breaks stored data. Defaults follow
``shared/domain/EST.md`` (the categories commonly used in EST reporting) and can be
replaced per municipality (see :func:`CategoryTree.from_records`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import shapely
from shapely.errors import ShapelyError
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.text import Text
from est_geo.i18n import stored_definition_text, stored_unit

#: CRS every geometry is stored and analysed in: SWEREF 99 TM (metres).
STORE_EPSG = 3006
#: CRS of everything sent to a browser map.
DISPLAY_EPSG = 4326
#: Longest name a user may give (area, saved view, agenda, intervention, indicator), in
#: characters: a name is shown in titles, lists and PDF headings, where 1 MB of it
#: would break every page that lists it.
MAX_NAME_CHARS = 200
#: Longest free text (an incident's description, notes, an intervention's description).
MAX_TEXT_CHARS = 10_000


def length_problems(
    names: Mapping[str, str] | None = None, texts: Mapping[str, str] | None = None
) -> list[Problem]:
    """One problem per field longer than :data:`MAX_NAME_CHARS` (``names``) or
    :data:`MAX_TEXT_CHARS` (``texts``), showing the text's beginning."""
    out: list[Problem] = []
    for fields, limit in ((names or {}, MAX_NAME_CHARS), (texts or {}, MAX_TEXT_CHARS)):
        for field_name, text in fields.items():
            if len(text) > limit:
                out.append(
                    Problem.keyed(
                        None,
                        field_name,
                        text[:40] + "…",
                        "core.problem.too_long_count",
                        n=len(text),
                        most=limit,
                    )
                )
    return out


@dataclass(frozen=True)
class Category:
    """One node of the two-level EST category tree (``parent`` is None for main categories)."""

    key: str
    name_sv: str
    name_en: str
    parent: str | None = None

    def label(self, lang: str = "sv") -> str:
        """Display label in the requested language."""
        return self.name_en if lang == "en" else self.name_sv


_DEFAULT_CATEGORIES: tuple[tuple[str, str, str, str | None], ...] = (
    ("skadegorelse", "Skadegörelse", "Vandalism", None),
    ("skadegorelse.klotter", "Klotter", "Graffiti", "skadegorelse"),
    ("skadegorelse.glaskross", "Glaskross", "Broken glass", "skadegorelse"),
    ("skadegorelse.brand", "Brand (anlagd)", "Arson", "skadegorelse"),
    ("samling", "Otrygghetsskapande samling", "Intimidating gathering", None),
    ("samling.trapphus", "Trapphus", "Stairwell", "samling"),
    ("samling.kallare", "Källare", "Basement", "samling"),
    ("samling.garage", "Garage", "Garage", "samling"),
    ("samling.utomhus", "Utomhus", "Outdoors", "samling"),
    ("ordning", "Annat ordningsstörande", "Other disorder", None),
    ("ordning.brak", "Bråk", "Disturbance", "ordning"),
    ("ordning.vald", "Våld", "Violence", "ordning"),
    ("ordning.inbrott", "Inbrott", "Burglary", "ordning"),
    ("ordning.ran", "Rån", "Robbery", "ordning"),
    ("ordning.narkotika", "Misstänkt droghantering", "Suspected drug dealing", "ordning"),
    ("ordning.olovligt_boende", "Olovligt boende", "Unauthorised dwelling", "ordning"),
    ("ordning.olovlig_trafik", "Olovlig trafik", "Illegal traffic", "ordning"),
    ("otrygg_plats", "Otrygg plats", "Unsafe place", None),
    ("otrygg_plats.belysning", "Belysning", "Lighting", "otrygg_plats"),
    ("otrygg_plats.insyn", "Insyn", "Visibility", "otrygg_plats"),
    ("otrygg_plats.nedskrapning", "Nedskräpning", "Littering", "otrygg_plats"),
    ("otrygg_plats.odslig", "Ödslig plats", "Deserted place", "otrygg_plats"),
    ("arrangemang", "Arrangemang", "Event", None),
)


@dataclass(frozen=True)
class CategoryTree:
    """A validated two-level category tree, ordered as given."""

    categories: tuple[Category, ...]
    _by_key: Mapping[str, Category] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {c.key: c for c in self.categories})

    @classmethod
    def default(cls) -> CategoryTree:
        """The default EST categories from EST.md."""
        return cls.from_records(_DEFAULT_CATEGORIES)

    @classmethod
    def from_records(cls, records: Iterable[tuple[str, str, str, str | None]]) -> CategoryTree:
        """Build and validate a tree from ``(key, name_sv, name_en, parent)`` records.

        Every problem (duplicate key, unknown parent, third level) is collected and
        reported at once.
        """
        cats = [Category(k, sv, en, p) for k, sv, en, p in records]
        problems: list[Problem] = []
        seen: dict[str, Category] = {}
        for i, c in enumerate(cats, start=1):
            if not c.key or not c.key.replace(".", "").replace("_", "").isalnum():
                problems.append(Problem.keyed(i, "key", c.key, "core.category.bad_key"))
            if c.key in seen:
                problems.append(Problem.keyed(i, "key", c.key, "core.category.duplicate_key"))
            seen[c.key] = c
        for i, c in enumerate(cats, start=1):
            if c.parent is None:
                continue
            parent = seen.get(c.parent)
            if parent is None:
                problems.append(
                    Problem.keyed(i, "parent", c.parent, "core.category.unknown_parent")
                )
            elif parent.parent is not None:
                problems.append(Problem.keyed(i, "parent", c.parent, "core.category.too_deep"))
        if problems:
            raise ValidationError(problems, key="core.category.summary")
        return cls(tuple(cats))

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> Category:
        """Return a category by key (KeyError if unknown)."""
        return self._by_key[key]

    def main_categories(self) -> list[Category]:
        """Top-level categories in order."""
        return [c for c in self.categories if c.parent is None]

    def children(self, key: str) -> list[Category]:
        """Sub-categories of a main category, in order."""
        return [c for c in self.categories if c.parent == key]

    def main_of(self, key: str) -> str:
        """Key of the main category a (sub)category belongs to."""
        cat = self._by_key[key]
        return cat.parent or cat.key

    def expand(self, keys: Iterable[str]) -> set[str]:
        """Keys plus all sub-categories of the main categories among them."""
        out: set[str] = set()
        for k in keys:
            out.add(k)
            out.update(c.key for c in self.children(k))
        return out

    def label(self, key: str, lang: str = "sv") -> str:
        """Label such as 'Skadegörelse › Klotter' for display."""
        cat = self._by_key.get(key)
        if cat is None:
            return key
        if cat.parent is None:
            return cat.label(lang)
        return f"{self._by_key[cat.parent].label(lang)} › {cat.label(lang)}"


class Actor(StrEnum):
    """Reporting / owning actors in an EST collaboration."""

    POLIS = "polis"
    KOMMUN = "kommun"
    BOSTADSBOLAG = "bostadsbolag"
    RADDNINGSTJANST = "raddningstjanst"
    SKOLA = "skola"
    VAKTARBOLAG = "vaktarbolag"
    CIVILSAMHALLE = "civilsamhalle"
    ANNAN = "annan"


class AreaLevel(StrEnum):
    """Levels of the area hierarchy. Own levels plus SCB's statistical units."""

    KOMMUN = "kommun"
    OMRADE = "omrade"
    DELOMRADE = "delomrade"
    DESO = "deso"
    REGSO = "regso"
    DISTRICT = "district"
    CUSTOM = "custom"


#: The version of an area without one (imported from a file, drawn by hand): every area
#: stored before schema 10, and every area of a level SCB does not revise.
UNVERSIONED = 0
#: Levels SCB revises as a whole (DeSO 2018 → 2025), whose areas carry a version year.
VERSIONED_LEVELS = (AreaLevel.DESO.value, AreaLevel.REGSO.value)
#: The RegSO division built on a DeSO division, where their years differ: RegSO 2020 was
#: made from DeSO 2018 (SCB's WFS layers ``DeSO_2018`` and ``RegSO_2020``); from 2025 on
#: both share a year (``DeSO_2025``, ``RegSO_2025``).
_REGSO_OF_DESO = {2018: 2020}


def level_version(level: str, deso_version: int) -> int:
    """The version of ``level``'s areas that belongs with DeSO version ``deso_version``.

    One choice of DeSO version fixes the version of every level, so a DeSO map, its
    RegSO roll-up and the key between them are never from two divisions at once.
    """
    if level == AreaLevel.REGSO.value:
        return _REGSO_OF_DESO.get(deso_version, deso_version)
    return deso_version if level == AreaLevel.DESO.value else UNVERSIONED


def deso_version_of(level: str, version: int) -> int:
    """The DeSO version an area of ``level`` and ``version`` belongs with (inverse of
    :func:`level_version`)."""
    if level == AreaLevel.REGSO.value:
        return next((d for d, r in _REGSO_OF_DESO.items() if r == version), version)
    return version if level == AreaLevel.DESO.value else UNVERSIONED


class LocationPrecision(StrEnum):
    """How exact an incident's point is; coarse points must not be used as micro-places."""

    EXACT = "exact"  # GPS / clicked on map, metres
    ADDRESS = "address"  # geocoded address or building
    STREET = "street"  # street segment
    AREA = "area"  # only the area is known (point is a representative point)


class InterventionKind(StrEnum):
    """Kinds of interventions seen in EST work (EST.md)."""

    BOM = "bom"
    VAKTARRONDERING = "vaktarrondering"
    KAMERA = "kamerabevakning"
    BELYSNING = "belysning"
    POLISNARVARO = "polisnarvaro"
    STADNING = "stadning"
    TRYGGHETSVANDRING = "trygghetsvandring"
    OMBYGGNAD = "ombyggnad"
    MOTESPLATS = "motesplats"
    ANNAT = "annat"


class InterventionStatus(StrEnum):
    """Life-cycle status of an intervention."""

    PLANERAD = "planerad"
    PAGAR = "pagar"
    AVSLUTAD = "avslutad"


@dataclass(frozen=True)
class IndicatorDefinition:
    """An indicator the actors follow per area and period."""

    key: str
    name_sv: str
    name_en: str
    unit: str
    higher_is_better: bool
    source: str
    area_level: str = "omrade"
    notes: str = ""

    def label(self, lang: str = "sv") -> str:
        """The indicator's name in ``lang``: the Swedish one where no English is stored
        (an indicator typed in by an administrator may have none)."""
        return self.name_en if lang == "en" and self.name_en else self.name_sv


DEFAULT_INDICATORS: tuple[IndicatorDefinition, ...] = (
    IndicatorDefinition(
        "befolkning",
        "Befolkning",
        "Population",
        stored_unit("unit.persons"),
        True,
        stored_definition_text("definition.source.scb"),
    ),
    IndicatorDefinition(
        "trygghetsindex",
        "Trygghetsindex",
        "Safety index",
        stored_unit("unit.safety_index"),
        False,
        stored_definition_text("definition.source.police_survey"),
        notes=stored_definition_text("definition.note.police_index"),
    ),
    IndicatorDefinition(
        "kundnojdhet",
        "Kundnöjdhet",
        "Customer satisfaction",
        stored_unit("unit.nki"),
        True,
        stored_definition_text("definition.source.housing_survey"),
    ),
    IndicatorDefinition(
        "foreningsaktiva_barn",
        "Föreningsaktiva barn",
        "Children active in associations",
        stored_unit("unit.share_pct"),
        True,
        stored_definition_text("definition.source.association_register"),
    ),
    IndicatorDefinition(
        "kunskapsresultat",
        "Kunskapsresultat",
        "School results",
        stored_unit("unit.eligible_pct"),
        True,
        stored_definition_text("definition.source.skolverket"),
    ),
    IndicatorDefinition(
        "elevnarvaro",
        "Elevnärvaro",
        "School attendance",
        stored_unit("unit.share_pct"),
        True,
        stored_definition_text("definition.source.schools"),
    ),
    IndicatorDefinition(
        "rapporter_per_1000",
        "EST-rapporter per 1 000 invånare",
        "EST reports per 1,000 inhabitants",
        stored_unit("unit.per_1000_inhabitants"),
        False,
        stored_definition_text("definition.source.computed"),
    ),
)


@dataclass
class Intervention:
    """An intervention drawn on the map: where, what, who, when.

    ``geometry`` is a shapely geometry in the store CRS (EPSG:3006). Routes (lines) and
    points get their scope from ``buffer_m``.
    """

    name: str
    kind: str
    status: str
    owner_actor: str
    start_date: date | None
    end_date: date | None
    geometry: BaseGeometry
    description: str = ""
    public: bool = False
    cost: float | None = None
    buffer_m: float = 50.0
    id: int | None = None

    def validate(self) -> None:
        """Raise ValidationError listing every bad field."""
        problems: list[Problem] = []
        if not self.name.strip():
            problems.append(Problem.keyed(None, "name", self.name, "core.problem.name_missing"))
        problems += length_problems({"name": self.name}, {"description": self.description})
        if self.kind not in set(InterventionKind):
            problems.append(
                Problem.keyed(None, "kind", self.kind, "core.intervention.unknown_kind")
            )
        if self.status not in set(InterventionStatus):
            problems.append(
                Problem.keyed(None, "status", self.status, "core.problem.unknown_status")
            )
        if self.owner_actor not in set(Actor):
            problems.append(
                Problem.keyed(None, "owner_actor", self.owner_actor, "core.problem.unknown_actor")
            )
        if self.start_date and self.end_date and self.end_date < self.start_date:
            end = str(self.end_date)
            problems.append(
                Problem.keyed(None, "end_date", end, "core.intervention.end_before_start")
            )
        if self.cost is not None and self.cost < 0:
            cost = str(self.cost)
            problems.append(Problem.keyed(None, "cost", cost, "core.intervention.negative_cost"))
        if self.buffer_m < 0:
            buffer = str(self.buffer_m)
            problems.append(
                Problem.keyed(None, "buffer_m", buffer, "core.intervention.negative_buffer")
            )
        if self.geometry.is_empty:
            empty = Text.of("core.geometry.empty")  # 'tom', 'empty'
            problems.append(Problem.keyed(None, "geometry", empty, "core.intervention.no_geometry"))
        if problems:
            raise ValidationError(problems, key="core.intervention.summary")

    def scope(self) -> BaseGeometry:
        """The area the intervention covers: polygons as drawn, lines/points buffered."""
        if self.geometry.geom_type in {"Polygon", "MultiPolygon"}:
            return self.geometry
        return self.geometry.buffer(self.buffer_m)


# ------------------------------------------------------------------------------ handlingsplan
# The action item is a record the store keeps (store.meeting) and the meeting edits
# (meeting.handlingsplan), so it lives here, below both.


class ActionStatus(StrEnum):
    """Where an action item stands."""

    EJ_PABORJAD = "ej_paborjad"
    PAGAR = "pagar"
    KLAR = "klar"
    AVBRUTEN = "avbruten"


#: Statuses that close an item: a closed item is never overdue.
DONE_STATUSES: frozenset[str] = frozenset({ActionStatus.KLAR, ActionStatus.AVBRUTEN})
_MAX_TEXT = 2_000


@dataclass(frozen=True)
class ActionItem:
    """One row of the handlingsplan.

    ``shape_wkt`` is a drawn shape in the store CRS (SWEREF 99 TM, EPSG:3006) as WKT;
    ``area_code`` / ``intervention_id`` link to stored rows. At least one "where" is
    required, so an item can always be found on the map. ``created_*``/``updated_*`` are
    set by the store.
    """

    title: str
    actor: str
    status: str = ActionStatus.EJ_PABORJAD
    due_date: date | None = None
    area_code: str | None = None
    shape_wkt: str | None = None
    intervention_id: int | None = None
    meeting: str = ""
    meeting_date: date | None = None
    notes: str = ""
    id: int | None = None
    created_at: str | None = None
    created_by: str | None = None
    updated_at: str | None = None
    updated_by: str | None = None

    def problems(self) -> list[Problem]:
        """Every problem with the item's own fields (links are checked against a store)."""
        out: list[Problem] = []
        if not self.title.strip():
            out.append(Problem.keyed(None, "title", self.title, "core.action.no_title"))
        if self.actor not in set(Actor):
            out.append(Problem.keyed(None, "actor", self.actor, "core.problem.unknown_actor"))
        if self.status not in set(ActionStatus):
            out.append(Problem.keyed(None, "status", self.status, "core.problem.unknown_status"))
        if not (self.area_code or self.shape_wkt or self.intervention_id is not None):
            out.append(Problem.keyed(None, "var", "", "core.action.no_place"))
        if self.shape_wkt:
            try:
                shape = shapely.from_wkt(self.shape_wkt)
            except ShapelyError:
                out.append(
                    Problem.keyed(None, "shape_wkt", self.shape_wkt[:40], "core.action.bad_shape")
                )
            else:
                if shape is None or shape.is_empty:
                    shape_text = self.shape_wkt[:40]
                    out.append(
                        Problem.keyed(None, "shape_wkt", shape_text, "core.action.empty_shape")
                    )
        for name, text in (("title", self.title), ("meeting", self.meeting), ("notes", self.notes)):
            if len(text) > _MAX_TEXT:
                out.append(
                    Problem.keyed(
                        None, name, text[:40], "core.problem.at_most_chars", most=_MAX_TEXT
                    )
                )
        return out

    def validate(self) -> None:
        """Raise one ValidationError listing every problem."""
        found = self.problems()
        if found:
            raise ValidationError(found, key="core.action.summary")

    def is_overdue(self, today: date) -> bool:
        """Past its due date and still open."""
        return (
            self.due_date is not None and self.due_date < today and self.status not in DONE_STATUSES
        )
