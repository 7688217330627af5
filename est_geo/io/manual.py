"""One incident reported by hand (the Rapportera page): coordinate parsing and a one-row import.

Why a module of its own: a hand-entered report must meet exactly the same rules as a
file import — inside Sweden and the municipality, a known category and actor, a date
that is not in the future — so it is turned into a one-row :class:`RawTable` and sent
through :func:`~est_geo.io.incidents.plan_incident_import` and
:meth:`Store.add_incidents`. Only what a file does not have lives here: reading one typed
coordinate ("58,5876, 16,1824" or "6493100 568300") and a per-form report id that makes a
double-clicked "Spara" harmless (the second write is a duplicate of the first).

Never imports streamlit; the page only collects widget values into a :class:`ManualReport`.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from est_geo.access.roles import Action, Role, require
from est_geo.core.crs import to_wgs84
from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import LocationPrecision
from est_geo.io.crsdetect import RT90, SWEREF99TM, WGS84, CrsGuess, detect_crs, to_store_crs
from est_geo.io.incidents import IncidentPlan, plan_incident_import
from est_geo.io.mapping import ColumnMapping
from est_geo.io.readers import RawTable
from est_geo.store.base import Store

#: ``source`` of every hand-entered incident (its ``source_id`` is the report id).
MANUAL_SOURCE = "rapportera"
#: Longest internal description accepted: a short note, not a case file.
MAX_DESCRIPTION = 500

# Column names of the one-row table. They are what a problem's ``field`` says, so they
# are the Swedish words the form uses.
COL_E = "östlig"
COL_N = "nordlig"
COL_COORD = "koordinat"
COL_DATE = "datum"
COL_CATEGORY = "kategori"
COL_ACTOR = "aktör"
COL_DESCRIPTION = "beskrivning"
COL_PRECISION = "noggrannhet"
COL_HAS_TIME = "har_tid"
COL_ID = "id"

_MAPPING = ColumnMapping(
    x=COL_E,
    y=COL_N,
    datetime=COL_DATE,
    has_time=COL_HAS_TIME,
    category=COL_CATEGORY,
    actor=COL_ACTOR,
    description=COL_DESCRIPTION,
    id=COL_ID,
    precision=COL_PRECISION,
)
# A number with an optional decimal point or comma. "58,5876, 16,1824" → two numbers,
# because the separator comma is followed by a space or is the second comma.
_NUMBER = re.compile(r"[-+\u2212]?\d+(?:[.,]\d+)?")


class CoordinateSystem(StrEnum):
    """How a typed coordinate is read. ``auto`` decides from the values (Sweden only)."""

    AUTO = "auto"
    WGS84 = "wgs84"  # latitude, longitude in degrees (the order map apps show)
    SWEREF = "sweref"  # easting, northing in metres (either order is recognised)


@dataclass(frozen=True)
class ParsedPoint:
    """A typed coordinate in the store CRS, with what it was read as.

    ``epsg`` is the system the numbers were taken to be in; ``x``/``y`` are SWEREF 99 TM
    metres and ``lat``/``lon`` WGS84 degrees (for the confirmation and the map marker).
    """

    x: float
    y: float
    lat: float
    lon: float
    epsg: int


def _problem(value: str, key: str) -> ValidationError:
    """An invalid typed coordinate: one problem, the catalogue text ``key``."""
    problem = Problem.keyed(None, COL_COORD, value, key)
    return ValidationError([problem], key="io.manual.coordinate_summary")


def _numbers(text: str) -> list[float]:
    found = _NUMBER.findall(text)
    return [float(n.replace("\u2212", "-").replace(",", ".")) for n in found]


def parse_coordinate(
    text: str, system: CoordinateSystem | str = CoordinateSystem.AUTO
) -> ParsedPoint:
    """Read "lat, lon" in WGS84 or "E, N" in SWEREF 99 TM and convert to the store CRS.

    Decimal commas are understood ("58,5876, 16,1824"). With ``system="auto"`` the value
    ranges decide (WGS84, SWEREF 99 TM or RT 90, and which number is which): the three
    systems do not overlap inside Sweden. With an explicit system only the order of the
    two numbers is decided from the values, so "16.18, 58.59" is also read as lon, lat.
    A point that fits no system is still converted when the system was given, so the
    import's own "outside Sweden" check reports it like it would for a file.

    Raises :class:`ValidationError` (field ``koordinat``) when the text is not two numbers
    or, in ``auto``, when no Swedish system fits.
    """
    raw = (text or "").strip()
    if not raw:
        raise _problem("", "io.manual.no_coordinate")
    values = _numbers(raw)
    letters = re.sub(r"(?i)\b(lat|lon|lng|n|e|x|y|ö)\b|[\d\s.,;:+\-\u2212°]", "", raw)
    if len(values) != 2 or letters:
        raise _problem(raw, "io.manual.example")
    first, second = values
    if not all(np.isfinite(values)):
        raise _problem(raw, "io.manual.not_finite")
    chosen = CoordinateSystem(system)
    guess: CrsGuess | None
    if chosen is CoordinateSystem.WGS84:
        # Typed as lat, lon: the x (lon) column is the second number.
        guess = detect_crs(np.array([second]), np.array([first]), given=WGS84, origin="user")
        a, b = second, first
    else:
        a, b = first, second
        given = SWEREF99TM if chosen is CoordinateSystem.SWEREF else None
        guess = detect_crs(np.array([a]), np.array([b]), given=given, origin="user")
    if guess is None:
        raise _problem(raw, "io.manual.no_system")
    xs, ys = to_store_crs(np.array([a]), np.array([b]), guess)
    lon, lat = to_wgs84(xs, ys)
    return ParsedPoint(float(xs[0]), float(ys[0]), float(lat[0]), float(lon[0]), guess.epsg)


def preview_point(text: str, system: CoordinateSystem | str) -> ParsedPoint | None:
    """The point a coordinate field shows on the map, ``None`` while it is blank or unreadable.

    Why not raise: while typing, the field is often half a coordinate; the form says what
    is wrong when the report is saved (:func:`parse_coordinate`'s problem).
    """
    if not text.strip():
        return None
    try:
        return parse_coordinate(text, system)
    except ValidationError:
        return None


def click_coordinate(lat: float, lng: float) -> str:
    """A map click as the coordinate field's text ("lat, lon" in WGS84, six decimals: ~0.1 m)."""
    return f"{float(lat):.6f}, {float(lng):.6f}"


def describe_system(epsg: int) -> str:
    """Swedish name of the system a coordinate was read in (for the confirmation)."""
    return {WGS84: "WGS84 (lat, lon)", SWEREF99TM: "SWEREF 99 TM (E, N)", RT90: "RT 90"}.get(
        epsg, f"EPSG:{epsg}"
    )


def new_report_id() -> str:
    """A fresh id for one report form; the same id twice means the same report."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ManualReport:
    """What the reporter entered. ``time_of_day`` ``None`` means the time is unknown."""

    coordinate: str
    category: str
    actor: str
    day: date | None
    time_of_day: time | None = None
    description: str = ""
    system: CoordinateSystem | str = CoordinateSystem.AUTO
    precision: str = LocationPrecision.EXACT.value
    report_id: str = field(default_factory=new_report_id)


@dataclass(frozen=True)
class ManualPlan:
    """Everything wrong with a report (empty = it can be saved) and the row that would be."""

    problems: tuple[Problem, ...]
    point: ParsedPoint | None
    plan: IncidentPlan | None

    @property
    def ok(self) -> bool:
        """True when the report can be saved as it is."""
        return not self.problems and self.plan is not None and len(self.plan.incidents) == 1


def report_frame(report: ManualReport, point: ParsedPoint | None) -> pd.DataFrame:
    """The report as a one-row table of text, the shape every file reader produces.

    Coordinates are written in SWEREF 99 TM (already converted); an unparseable point
    becomes empty cells, which the import path reports — the page shows the parse
    problem instead.
    """
    stamp = ""
    if report.day is not None:
        stamp = report.day.isoformat()
        if report.time_of_day is not None:
            stamp += " " + report.time_of_day.strftime("%H:%M")
    return pd.DataFrame(
        {
            COL_E: ["" if point is None else repr(point.x)],
            COL_N: ["" if point is None else repr(point.y)],
            COL_DATE: [stamp],
            COL_HAS_TIME: ["1" if report.day and report.time_of_day is not None else "0"],
            COL_CATEGORY: [report.category or ""],
            COL_ACTOR: [report.actor or ""],
            COL_DESCRIPTION: [(report.description or "").strip()],
            COL_PRECISION: [report.precision or ""],
            COL_ID: [report.report_id],
        },
        dtype=object,
    )


def plan_manual_report(
    store: Store, report: ManualReport, *, now: datetime | None = None
) -> ManualPlan:
    """Validate a report through the import path; nothing is written.

    All problems come back together: the coordinate (parsing), the description length,
    and whatever :func:`plan_incident_import` finds (date, category, actor, outside
    Sweden or the municipality).
    """
    problems: list[Problem] = []
    point: ParsedPoint | None = None
    try:
        point = parse_coordinate(report.coordinate, report.system)
    except ValidationError as exc:
        problems.extend(exc.problems)
    description = (report.description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        problems.append(
            Problem.keyed(
                None,
                COL_DESCRIPTION,
                description[:40] + "…",
                "io.manual.too_long",
                most=MAX_DESCRIPTION,
                n=len(description),
            )
        )
    table = RawTable(report_frame(report, point), format="manual", first_row=1)
    plan = plan_incident_import(
        table, store=store, source=MANUAL_SOURCE, mapping=_MAPPING, crs=SWEREF99TM, now=now
    )
    coordinate_fields = {COL_E, COL_N, f"{COL_E}/{COL_N}"}
    for p in plan.problems:
        if p.field in coordinate_fields:
            if point is None:
                continue  # already reported as one coordinate problem
            # Name what the reporter typed (or clicked), not the converted metres.
            problems.append(replace(p, row=None, field=COL_COORD, value=report.coordinate))
        else:
            # One report, no rows: a row number would only confuse.
            problems.append(replace(p, row=None))
    return ManualPlan(tuple(problems), point, None if plan.fatal else plan)


@dataclass(frozen=True)
class SavedReport:
    """What was written: the stored row (plus lat/lon) and whether it already existed."""

    row: dict[str, Any]
    inserted: bool
    batch_id: str


def save_manual_report(
    store: Store,
    report: ManualReport,
    *,
    user: str,
    role: Role,
    now: datetime | None = None,
) -> SavedReport:
    """Check the role, validate, and write one incident (audited like any import batch).

    Raises :class:`~est_geo.core.errors.PermissionDeniedError` for a role that may not report
    and :class:`ValidationError` with every problem when the report is not valid;
    nothing is written then. Saving the same ``report_id`` twice writes once.
    """
    require(role, Action.REPORT_INCIDENT)
    checked = plan_manual_report(store, report, now=now)
    if not checked.ok or checked.plan is None or checked.point is None:
        raise ValidationError(checked.problems, key="io.manual.summary")
    result = store.add_incidents(checked.plan.incidents, user=user)
    row = {str(k): _plain(v) for k, v in checked.plan.incidents.iloc[0].items()}
    row["lat"], row["lon"] = checked.point.lat, checked.point.lon
    return SavedReport(row=row, inserted=result.inserted == 1, batch_id=result.batch_id)


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as Python values (for display and JSON)."""
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value
