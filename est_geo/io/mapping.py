"""Which column of a file means what: auto-detection, user overrides, TOML mapping files.

Each actor's system exports its own column names ("Datum", "Händelsetyp", "X_SWEREF"…).
Detection handles the common ones; a :class:`ColumnMapping` from the user (the Data page
or a ``--mapping`` TOML file) overrides it, and the mapping that worked is remembered per
source in the store so next week's file from the same system imports without questions.
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from est_geo.core.errors import Problem, ValidationError
from est_geo.io.readers import GEOM_X, GEOM_Y

#: Fields of :class:`ColumnMapping` that name a column of the file.
COLUMN_FIELDS: tuple[str, ...] = (
    "x",
    "y",
    "datetime",
    "time",
    "has_time",
    "category",
    "actor",
    "description",
    "id",
    "source",
    "precision",
)
_SETTING_FIELDS: tuple[str, ...] = ("crs", "default_actor", "default_precision")
_DICT_FIELDS: tuple[str, ...] = ("categories", "actors")


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a label or column name.

    "Skadegörelse › Klotter", "skadegorelse/klotter" and "SKADEGÖRELSE - klotter" all
    become "skadegorelse klotter".
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = "".join(ch if ch.isalnum() else " " for ch in plain)
    return " ".join(words.split())


def _key(name: str) -> str:
    return normalise(name).replace(" ", "")


@dataclass(frozen=True)
class ColumnMapping:
    """Column names for each incident field, plus per-source settings.

    ``x``/``y`` are the easting/longitude and northing/latitude columns (their CRS is
    detected unless ``crs`` is set). ``datetime`` holds a date or date and time;
    ``time`` an optional separate time of day. ``categories``/``actors`` map the
    source's own labels to EST keys and win over the built-in label matching.

    ``unset`` names column fields deliberately left without a column. ``None`` alone
    means "not decided" and lets detection fill the field; a field in ``unset`` stays
    empty even when detection (or a remembered mapping) found a column for it, so a
    user can drop a wrongly detected column and the choice is remembered per source.
    """

    x: str | None = None
    y: str | None = None
    datetime: str | None = None
    time: str | None = None
    has_time: str | None = None
    category: str | None = None
    actor: str | None = None
    description: str | None = None
    id: str | None = None
    source: str | None = None
    precision: str | None = None
    crs: str | None = None
    default_actor: str | None = None
    default_precision: str | None = None
    categories: Mapping[str, str] = field(default_factory=dict)
    actors: Mapping[str, str] = field(default_factory=dict)
    unset: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        """Refuse an ``unset`` that names no column field or a field that is also set.

        Both would make the mapping mean two things at once; the check runs here so
        every way of building one (page, TOML, remembered JSON) gets the same answer.
        """
        problems = [
            Problem.keyed(None, "unset", name, "io.mapping.unknown_field")
            for name in sorted(self.unset)
            if name not in COLUMN_FIELDS
        ]
        problems += [
            Problem.keyed(None, "unset", name, "io.mapping.also_column", column=getattr(self, name))
            for name in sorted(self.unset)
            if name in COLUMN_FIELDS and getattr(self, name) is not None
        ]
        if problems:
            raise ValidationError(problems, key="io.mapping.summary")

    def merged(self, override: ColumnMapping | None) -> ColumnMapping:
        """This mapping with every field ``override`` sets (or unsets) taken from it.

        A column the override sets replaces this mapping's column and cancels an earlier
        unset; a field the override unsets loses its column here too. So the order
        detection < remembered < user holds for "no column" as well.
        """
        if override is None:
            return self
        changes: dict[str, Any] = {
            f.name: getattr(override, f.name)
            for f in fields(self)
            if f.name not in (*_DICT_FIELDS, "unset") and getattr(override, f.name) is not None
        }
        for name in override.unset:
            changes[name] = None
        changes["unset"] = (self.unset - changes.keys()) | override.unset
        changes["categories"] = {**self.categories, **override.categories}
        changes["actors"] = {**self.actors, **override.actors}
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON/TOML-friendly form (only fields that are set, plus the unset list)."""
        out: dict[str, Any] = {}
        columns = {f: getattr(self, f) for f in COLUMN_FIELDS if getattr(self, f) is not None}
        if columns:
            out["columns"] = columns
        if self.unset:
            out["unset"] = sorted(self.unset)
        for f in _SETTING_FIELDS:
            if getattr(self, f) is not None:
                out[f] = getattr(self, f)
        for f in _DICT_FIELDS:
            if getattr(self, f):
                out[f] = dict(getattr(self, f))
        return out

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any], *, summary: str = "io.mapping.summary"
    ) -> ColumnMapping:
        """Build from :meth:`to_dict` form, listing every unknown key or wrong type.

        ``summary`` is the catalogue key of the error's heading (a mapping, a mapping file).
        """
        problems: list[Problem] = []
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key == "columns" and isinstance(value, Mapping):
                for col_field, col in value.items():
                    if col_field not in COLUMN_FIELDS:
                        problems.append(
                            Problem.keyed(
                                None, f"columns.{col_field}", str(col), "io.mapping.unknown_field"
                            )
                        )
                    elif not isinstance(col, str):
                        problems.append(
                            Problem.keyed(
                                None, f"columns.{col_field}", str(col), "io.mapping.not_text"
                            )
                        )
                    elif not col.strip():  # `x = ""` in a TOML file: no column
                        values.setdefault("unset", set()).add(col_field)
                    else:
                        values[col_field] = col
            elif key == "unset" and isinstance(value, list):
                for name in value:
                    if name in COLUMN_FIELDS:
                        values.setdefault("unset", set()).add(name)
                    else:
                        problems.append(
                            Problem.keyed(None, "unset", str(name), "io.mapping.unknown_field")
                        )
            elif key in _SETTING_FIELDS:
                if isinstance(value, str):
                    values[key] = value
                else:
                    problems.append(Problem.keyed(None, key, str(value), "io.mapping.not_text"))
            elif key in _DICT_FIELDS and isinstance(value, Mapping):
                bad = [k for k, v in value.items() if not isinstance(v, str)]
                problems += [
                    Problem.keyed(None, f"{key}.{k}", str(value[k]), "io.mapping.not_text")
                    for k in bad
                ]
                values[key] = {str(k): str(v) for k, v in value.items() if k not in bad}
            else:
                problems.append(
                    Problem.keyed(None, str(key), str(value)[:80], "io.mapping.unknown_setting")
                )
        conflicting = sorted(set(values.get("unset", ())) & values.keys())
        problems += [
            Problem.keyed(None, f"columns.{name}", values[name], "io.mapping.also_unset")
            for name in conflicting
        ]
        if problems:
            raise ValidationError(problems, key=summary)
        if "unset" in values:
            values["unset"] = frozenset(values["unset"])
        return cls(**values)


def load_mapping_toml(path: Path | str) -> ColumnMapping:
    """Read a mapping file (see ``docs/import.md`` for the format)."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        reason = str(exc.strerror or exc)
        problem = Problem.keyed(None, "mapping", str(p), "io.mapping.cannot_read", reason=reason)
        raise ValidationError([problem], key="io.mapping.file_summary") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problem = Problem.keyed(None, "mapping", str(p), "io.mapping.toml", reason=str(exc))
        raise ValidationError([problem], key="io.mapping.file_summary") from exc
    return ColumnMapping.from_dict(data, summary="io.mapping.file_summary")


# Candidate column names, normalised (no spaces), in priority order. Coordinate columns
# come in pairs so that x and y are always taken from the same convention; projected
# pairs come before lat/lon so a file with both (our own CSV export) keeps exact metres.
_XY_PAIRS: tuple[tuple[str, str], ...] = (
    ("x", "y"),
    ("xsweref99tm", "ysweref99tm"),
    ("xsweref", "ysweref"),
    ("sweref99e", "sweref99n"),
    ("e", "n"),
    ("east", "north"),
    ("easting", "northing"),
    ("ost", "nord"),
    ("ostlig", "nordlig"),
    ("xkoordinat", "ykoordinat"),
    ("xkoord", "ykoord"),
    ("lon", "lat"),
    ("lng", "lat"),
    ("long", "lat"),
    ("longitude", "latitude"),
    ("longitud", "latitud"),
    ("lonwgs84", "latwgs84"),
)
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "datetime": (
        "occurredat",
        "datetime",
        "datumtid",
        "datumochtid",
        "tidpunkt",
        "datum",
        "date",
        "handelsedatum",
        "rapportdatum",
        "timestamp",
    ),
    "time": ("klockslag", "klocka", "tid", "time", "tidpunkt"),
    "has_time": ("hastime",),
    "category": (
        "category",
        "kategori",
        "underkategori",
        "handelsetyp",
        "brottstyp",
        "typ",
        "type",
        "handelse",
    ),
    "actor": ("actor", "aktor", "rapportor", "rapporterandeaktor", "organisation", "reporter"),
    "description": (
        "description",
        "beskrivning",
        "kommentar",
        "fritext",
        "notering",
        "anteckning",
        "text",
    ),
    "id": ("sourceid", "id", "rapportid", "lopnummer", "lopnr", "arendenummer", "arendenr"),
    "source": ("source",),
    "precision": ("precision", "noggrannhet", "lagesnoggrannhet"),
}


def detect_columns(columns: Iterable[str]) -> ColumnMapping:
    """Guess a mapping from column names alone (values are checked later)."""
    by_key: dict[str, str] = {}
    for col in columns:
        if str(col) in (GEOM_X, GEOM_Y):
            by_key[str(col)] = str(col)
        else:
            by_key.setdefault(_key(str(col)), str(col))
    found: dict[str, Any] = {}
    if GEOM_X in by_key.values() and GEOM_Y in by_key.values():
        # A geo file's own point geometry is authoritative over attribute columns.
        found["x"], found["y"] = GEOM_X, GEOM_Y
    for kx, ky in () if found else _XY_PAIRS:
        if kx in by_key and ky in by_key:
            found["x"], found["y"] = by_key[kx], by_key[ky]
            break
    used = {found.get("x"), found.get("y")}
    for name, candidates in _CANDIDATES.items():
        for cand in candidates:
            hit = by_key.get(cand)
            if hit is not None and hit not in used:
                found[name] = hit
                used.add(hit)
                break
    if "datetime" not in found and "time" in found:
        # A lone "tid"/"tidpunkt" column holds the whole timestamp.
        found["datetime"] = found.pop("time")
    return ColumnMapping(**found)
