"""Incident import: file → mapping → CRS → validation → one all-or-nothing store write.

The work is split in two so a page can show what *would* happen before anything is
written: :func:`plan_incident_import` reads nothing from disk and writes nothing, it
turns a :class:`~est_geo.io.readers.RawTable` into clean incident rows plus every
problem found; :func:`import_incidents` runs the plan and hands the clean rows to
:meth:`Store.add_incidents` (one transaction). Every step is vectorised over pandas
columns; per-value Python runs only over *distinct* labels.

Deduplication: rows carry ``(source, source_id)``. The id comes from the file's id
column when there is one, otherwise from a stable hash of the normalised row (position
to the centimetre, time, category, actor, description), so importing the same file
twice — or an overlapping export from the same system — adds nothing the second time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely
from numpy.typing import NDArray

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import MAX_TEXT_CHARS, LocationPrecision
from est_geo.core.text import Share, Text
from est_geo.i18n import translate
from est_geo.io.crsdetect import (
    RANGES,
    CrsGuess,
    crs_name,
    detect_crs,
    inside_sweden,
    parse_epsg,
    to_store_crs,
)
from est_geo.io.csvout import rows_to_csv
from est_geo.io.labels import actor_matcher, category_matcher
from est_geo.io.mapping import COLUMN_FIELDS, ColumnMapping, detect_columns
from est_geo.io.readers import Note, RawTable, read_table
from est_geo.store.base import INCIDENT_COLUMNS, RememberedMapping, Store

#: Kind under which incident mappings are remembered in the store.
MAPPING_KIND = "incidents"
#: Largest coordinate magnitude accepted before CRS conversion (anything larger is junk).
MAX_COORDINATE = 1e8
_EARLIEST = pd.Timestamp("1900-01-01")
_TIME_RE = r"\d{1,2}:\d{2}"
_TZ_RE = r"(?:[+-]\d{2}:?\d{2}|Z)$"
_FALLBACK_FORMATS = (
    "%Y-%m-%d %H.%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%Y%m%d",
)
_MINUS = "\u2212"
_SPACES = "[\\s\u00a0]"
_SPACES_MINUS = "[\\s\u00a0\u2212]"
_TRUE = {"1", "true", "ja", "sant", "yes", "y", "j", "x"}

#: Called with the share done and the catalogue key of the stage (``io.stage.*``).
Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class IncidentPlan:
    """What an import would write, and everything wrong with the file.

    ``incidents`` holds the valid rows in :data:`INCIDENT_COLUMNS`; ``rejected`` the
    file's rows that have problems, as read, and ``rejected_problems`` the problems of
    each: the one source :meth:`rejected_in` words the download from, in the reader's
    language.
    ``fatal`` problems (missing columns, unknown CRS, no rows) make the file unusable
    even when only valid rows are wanted.
    """

    incidents: pd.DataFrame
    problems: tuple[Problem, ...]
    rejected: pd.DataFrame
    rows_read: int
    mapping: ColumnMapping
    crs: CrsGuess | None
    unknown_categories: dict[str, int] = field(default_factory=dict)
    unknown_actors: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Note, ...] = ()
    fatal: bool = False
    #: The problems of each rejected row (at least one), in the order of ``rejected``.
    rejected_problems: tuple[tuple[Problem, ...], ...] = ()

    def __post_init__(self) -> None:
        if len(self.rejected_problems) != len(self.rejected) or not all(self.rejected_problems):
            raise ValueError("an IncidentPlan needs the problems of every rejected row")

    def rejected_in(self, lang: str = "sv") -> pd.DataFrame:
        """The rejected rows as a download in ``lang``: the row number in the file, the
        file's own columns as read, then the row's problems on one line."""
        frame = self.rejected.copy()
        rows = np.array([found[0].row for found in self.rejected_problems], dtype=np.int64)
        said = [_row_problems(found, lang) for found in self.rejected_problems]
        # allow_duplicates: a file may have a column of either name itself.
        frame.insert(0, problem_columns(lang)[0], rows, allow_duplicates=True)
        problem = translate("io.rejected.problem", lang)
        frame.insert(len(frame.columns), problem, said, allow_duplicates=True)
        return frame


def _row_problems(problems: tuple[Problem, ...], lang: str) -> str:
    """One rejected row's problems on one line: 'field: reason; field: reason'."""
    return "; ".join(f"{p.field_in(lang)}: {p.reason_in(lang)}" for p in problems)


@dataclass(frozen=True)
class IncidentImportReport:
    """Outcome of :func:`import_incidents` (what the CLI and the Data page print)."""

    source: str
    batch_id: str
    rows_read: int
    imported: int
    duplicates: int
    rejected: int
    plan: IncidentPlan


def problem_columns(lang: str = "sv") -> list[str]:
    """The error report's column names in ``lang``: row, field, value, reason."""
    return [translate(f"problem.column.{name}", lang) for name in _PROBLEM_COLUMNS]


_PROBLEM_COLUMNS = ("row", "field", "value", "reason")


def problems_to_csv(problems: tuple[Problem, ...] | list[Problem], lang: str = "sv") -> bytes:
    """Error report as CSV bytes that Swedish Excel opens correctly (BOM, semicolons).

    The values are the file's own cells, so they go through the formula-safe writer.
    """
    return rows_to_csv(
        problem_columns(lang),
        (
            ["" if p.row is None else p.row, p.field_in(lang), p.value_in(lang), p.reason_in(lang)]
            for p in problems
        ),
    )


# -- parsing helpers -----------------------------------------------------------------------
def _col(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as stripped text ("" for empty), whatever the reader produced."""
    col = frame[column]
    if col.dtype.kind == "f":
        return col.map(lambda v: "" if np.isnan(v) else repr(float(v))).astype(str)
    return col.astype(str).str.strip()


def _text(frame: pd.DataFrame, column: str | None) -> pd.Series | None:
    return None if column is None else _col(frame, column)


def parse_numbers(text: pd.Series) -> NDArray[np.float64]:
    """Numbers written the Swedish or the international way ("6 493 100,5" or "6493100.5")."""
    try:  # fast path: Arrow casts a clean column of numbers in one vectorised pass
        cast = pc.cast(pa.array(text, type=pa.string()), pa.float64())
        if cast.null_count == 0:
            return np.asarray(cast.to_numpy(zero_copy_only=False), dtype=float)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    s = text
    # Real characters, not \u escapes: Arrow's RE2 engine does not know "\u00a0" and
    # pandas would then fall back to a per-value Python regex.
    if s.str.contains(_SPACES_MINUS, regex=True).any():
        s = s.str.replace(_SPACES, "", regex=True).str.replace(_MINUS, "-", regex=False)
    has_comma = s.str.contains(",", regex=False)
    if has_comma.any():
        s = s.where(
            ~has_comma | s.str.contains(".", regex=False), s.str.replace(",", ".", regex=False)
        )
    with np.errstate(all="ignore"):
        return np.asarray(pd.to_numeric(s, errors="coerce"), dtype=float)


def parse_datetimes(
    text: pd.Series, time_text: pd.Series | None = None
) -> tuple[pd.Series, NDArray[np.bool_]]:
    """Parse dates (ISO 8601 first, then common Swedish/European forms) to naive local time.

    Returns the timestamps (NaT where unparseable) and whether each had a time of day.
    A stamp with a UTC offset is converted to Swedish local time. "00:00:00" exactly,
    which Excel writes for date-only cells, counts as no time of day.
    """
    s = text.astype(str).str.strip()
    if time_text is not None:
        t = time_text.astype(str).str.strip()
        s = s.where(t == "", s + " " + t)
    has_time = s.str.contains(_TIME_RE, regex=True) & ~s.str.endswith(" 00:00:00")
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[s]")
    tz = s.str.contains(_TZ_RE, regex=True) & s.str.contains(_TIME_RE, regex=True)
    plain = ~tz & (s != "")
    if plain.any():
        parsed = pd.to_datetime(s[plain], format="ISO8601", errors="coerce")
        out[plain] = parsed.astype("datetime64[s]")
    if tz.any():
        parsed = pd.to_datetime(s[tz], format="ISO8601", errors="coerce", utc=True)
        local = parsed.dt.tz_convert("Europe/Stockholm").dt.tz_localize(None)
        out[tz] = local.astype("datetime64[s]")
    for fmt in _FALLBACK_FORMATS:
        todo = out.isna() & (s != "")
        if not todo.any():
            break
        parsed = pd.to_datetime(s[todo], format=fmt, errors="coerce")
        out[todo] = parsed.astype("datetime64[s]")
    return out, has_time.to_numpy(dtype=bool)


def content_ids(frame: pd.DataFrame) -> list[str]:
    """Stable ids from normalised content; repeated identical rows get ``-2``, ``-3`` …

    SHA-1 over a fixed text form (coordinates to the centimetre) rather than pandas'
    hash, whose algorithm may change between versions: the ids live in the database.
    """
    key = (
        frame["x"].round(2).map("{:.2f}".format)
        + "|"
        + frame["y"].round(2).map("{:.2f}".format)
        + "|"
        + frame["occurred_at"].dt.strftime("%Y-%m-%dT%H:%M:%S")
        + "|"
        + frame["has_time"].astype(int).astype(str)
        + "|"
        + frame["category"]
        + "|"
        + frame["actor"]
        + "|"
        + frame["description"].fillna("")
    )
    digests = pd.Series(
        ["h" + hashlib.sha1(k.encode("utf-8")).hexdigest()[:20] for k in key],  # noqa: S324
        index=frame.index,
    )
    nth = digests.groupby(digests).cumcount()
    return digests.where(nth == 0, digests + "-" + (nth + 1).astype(str)).tolist()


# -- the plan ------------------------------------------------------------------------------
def _effective_mapping(
    table: RawTable, remembered: ColumnMapping | None, user: ColumnMapping | None
) -> tuple[ColumnMapping, list[Problem]]:
    """Auto-detected < remembered < user; columns missing from this file fall back."""
    columns = set(map(str, table.frame.columns))
    detected = detect_columns(columns)
    problems: list[Problem] = []
    base = detected
    if remembered is not None:
        keep = {
            f: getattr(remembered, f)
            for f in COLUMN_FIELDS
            if getattr(remembered, f) is not None and getattr(remembered, f) not in columns
        }
        base = base.merged(remembered)
        for f in keep:  # remembered column not in this file: use what detection found
            base = replace(base, **{f: getattr(detected, f)})
    if user is not None:
        for f in COLUMN_FIELDS:
            col = getattr(user, f)
            if col is not None and col not in columns:
                listed = ", ".join(sorted(columns))[:200]
                problems.append(
                    Problem.keyed(None, f, col, "io.incidents.no_such_column", columns=listed)
                )
        base = base.merged(user)
    return base, problems


def _fatal_plan(
    table: RawTable, mapping: ColumnMapping, problems: list[Problem], crs: CrsGuess | None = None
) -> IncidentPlan:
    return IncidentPlan(
        incidents=pd.DataFrame(columns=list(INCIDENT_COLUMNS)),
        problems=tuple(problems),
        rejected=table.frame.iloc[0:0],
        rows_read=len(table.frame),
        mapping=mapping,
        crs=crs,
        warnings=table.warnings,
        fatal=True,
    )


def plan_incident_import(
    table: RawTable,
    *,
    store: Store,
    source: str,
    mapping: ColumnMapping | None = None,
    crs: str | int | None = None,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> IncidentPlan:
    """Map, convert and validate ``table``; nothing is written.

    ``mapping`` (user) wins over the mapping remembered for ``source``, which wins over
    auto-detection. ``crs`` (user) wins over the file's CRS, which wins over guessing
    from the values.
    """
    report = progress or (lambda _f, _m: None)
    remembered_raw = store.import_mapping(source, MAPPING_KIND)
    remembered = ColumnMapping.from_dict(remembered_raw) if remembered_raw else None
    m, problems = _effective_mapping(table, remembered, mapping)
    frame = table.frame.reset_index(drop=True)
    n = len(frame)
    for name in ("x", "y", "datetime", "category"):
        if getattr(m, name) is None:
            problems.append(Problem.keyed(None, name, "", f"io.incidents.no_{name}"))
    if m.actor is None and m.default_actor is None:
        problems.append(Problem.keyed(None, "actor", "", "io.incidents.no_actor"))
    if m.default_actor is not None and actor_matcher(m.actors).match(m.default_actor) is None:
        problems.append(
            Problem.keyed(None, "default_actor", m.default_actor, "io.incidents.unknown_actor")
        )
    if n == 0:
        problems.append(Problem.keyed(None, "fil", "", "io.incidents.no_rows"))
    if problems or not (m.x and m.y and m.datetime and m.category):
        return _fatal_plan(table, m, problems)
    xcol, ycol, dcol, ccol = m.x, m.y, m.datetime, m.category

    rows = np.arange(n) + table.first_row
    bad: dict[int, list[Problem]] = {}
    row_problems: list[Problem] = []

    def flag(
        mask: NDArray[np.bool_], col: str, values: pd.Series | None, key: str, **params: object
    ) -> None:
        for i in np.flatnonzero(mask):
            value = "" if values is None else str(values.iloc[i])[:200]
            problem = Problem.keyed(int(rows[i]), col, value, key, **params)
            row_problems.append(problem)
            bad.setdefault(int(i), []).append(problem)

    # coordinates
    report(0.1, "io.stage.coordinates")
    xt, yt = _col(frame, xcol), _col(frame, ycol)
    a, b = parse_numbers(xt), parse_numbers(yt)
    for values, col, text in ((a, xcol, xt), (b, ycol, yt)):
        empty = (text == "").to_numpy()
        notnum = np.isnan(values) & ~empty & ~text.str.lower().isin(["nan", "na"]).to_numpy()
        nonfinite = ~np.isfinite(values) & ~empty & ~notnum
        with np.errstate(invalid="ignore"):
            huge = np.isfinite(values) & (np.abs(values) > MAX_COORDINATE)
        flag(empty, col, text, "io.incidents.missing")
        flag(notnum, col, text, "io.incidents.not_a_number")
        flag(nonfinite, col, text, "io.incidents.not_finite")
        flag(huge, col, text, "io.incidents.huge")
    usable = (
        np.isfinite(a)
        & np.isfinite(b)
        & (np.abs(a) <= MAX_COORDINATE)
        & (np.abs(b) <= MAX_COORDINATE)
    )
    given: int | None = None
    origin = ""
    if crs is not None:
        given, origin = parse_epsg(crs), "user"
    elif m.crs is not None:
        given, origin = parse_epsg(m.crs), "user"
    elif table.crs_epsg is not None:
        given, origin = table.crs_epsg, "file"
    guess = detect_crs(a[usable], b[usable], given=given, origin=origin)
    if (
        given is not None
        and usable.any()
        and (misfit := _declared_misfit(a[usable], b[usable], guess))
    ):
        problems.append(misfit)
        return _fatal_plan(table, m, problems, guess)
    warnings = list(table.warnings)
    if guess is None:
        if usable.any():
            example = Text.of("io.incidents.example", a=a[usable][0], b=b[usable][0])
            problems.append(
                Problem.keyed(None, f"{xcol}/{ycol}", example, "io.incidents.no_crs_fits")
            )
            return _fatal_plan(table, m, problems)
        guess = CrsGuess(3006, "values", False, 0.0)
    if guess.swapped:
        warnings.append(Note.keyed("io.note.swapped", x=xcol, y=ycol))
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    if usable.any():
        x[usable], y[usable] = to_store_crs(a[usable], b[usable], guess)
    in_sweden = inside_sweden(x, y)
    coord_text = xt + ", " + yt
    flag(usable & ~in_sweden, f"{xcol}/{ycol}", coord_text, "io.incidents.outside_sweden")
    kommun = store.areas(levels=["kommun"])
    if len(kommun) and (usable & in_sweden).any():
        shape = shapely.union_all(kommun.geometry.to_numpy())
        shapely.prepare(shape)
        check = usable & in_sweden
        inside = np.zeros(n, dtype=bool)
        inside[check] = shapely.contains_xy(shape, x[check], y[check])
        flag(check & ~inside, f"{xcol}/{ycol}", coord_text, "io.incidents.outside_municipality")

    # date and time
    report(0.35, "io.stage.dates")
    dt_text = _col(frame, dcol)
    occurred, has_time = parse_datetimes(dt_text, _text(frame, m.time))
    if m.has_time is not None:
        ht = _col(frame, m.has_time)
        has_time = ht.str.lower().isin(_TRUE).to_numpy(dtype=bool)
    empty = (dt_text == "").to_numpy()
    nat = occurred.isna().to_numpy()
    flag(empty, dcol, dt_text, "io.incidents.no_date")
    flag(nat & ~empty, m.datetime, dt_text, "io.incidents.bad_date")
    today = pd.Timestamp(now or datetime.now()) + timedelta(days=1)
    with np.errstate(invalid="ignore"):
        future = (~nat) & (occurred > today).to_numpy()
        ancient = (~nat) & (occurred < _EARLIEST).to_numpy()
    flag(future, dcol, dt_text, "io.incidents.future")
    flag(ancient, dcol, dt_text, "io.incidents.too_early")

    # category, actor, precision
    report(0.5, "io.stage.categories")
    tree = store.category_tree()
    cat_text = _col(frame, ccol)
    cmatch = category_matcher(tree, m.categories)
    cat_keys = _map_labels(cat_text, cmatch.match)
    unknown_cat = cat_keys.isna().to_numpy() & (cat_text != "").to_numpy()
    flag((cat_text == "").to_numpy(), ccol, cat_text, "io.incidents.no_category_value")
    flag(unknown_cat, ccol, cat_text, "io.incidents.unknown_category")
    unknown_categories = cat_text[unknown_cat].value_counts().to_dict()

    amatch = actor_matcher(m.actors)
    unknown_actors: dict[str, int] = {}
    if m.actor is None:
        actor = pd.Series([amatch.match(m.default_actor or "")] * n, dtype=object)
    else:
        acol = m.actor
        act_text = _col(frame, acol)
        actor = _map_labels(act_text, amatch.match)
        if m.default_actor is not None:
            actor = actor.where((act_text != "").to_numpy(), amatch.match(m.default_actor))
        unknown_act = actor.isna().to_numpy() & (act_text != "").to_numpy()
        missing_act = actor.isna().to_numpy() & (act_text == "").to_numpy()
        flag(missing_act, acol, act_text, "io.incidents.no_actor_value")
        flag(unknown_act, acol, act_text, "io.incidents.unknown_actor")
        unknown_actors = {str(k): int(v) for k, v in act_text[unknown_act].value_counts().items()}

    default_precision = m.default_precision or LocationPrecision.EXACT.value
    pcol = m.precision
    valid_prec = {p.value for p in LocationPrecision}
    if default_precision not in valid_prec:
        problems.append(
            Problem.keyed(
                None, "default_precision", default_precision, "io.incidents.unknown_precision"
            )
        )
        return _fatal_plan(table, m, problems, guess)
    if pcol is None:
        precision = pd.Series([default_precision] * n, dtype=object)
    else:
        prec_text = _col(frame, pcol)
        precision = prec_text.str.lower().where(prec_text != "", default_precision)
        unknown_prec = ~precision.isin(valid_prec).to_numpy()
        flag(unknown_prec, pcol, prec_text, "io.incidents.unknown_precision")

    desc_text = _text(frame, m.description)
    if desc_text is not None and m.description is not None:
        long_text = (desc_text.str.len() > MAX_TEXT_CHARS).to_numpy()
        flag(long_text, m.description, desc_text, "io.incidents.too_long", most=MAX_TEXT_CHARS)
    description = (
        pd.Series([None] * n, dtype=object)
        if desc_text is None
        else desc_text.astype(object).where(desc_text != "", None)
    )
    src_text = _text(frame, m.source)
    sources = (
        pd.Series([source] * n, dtype=object)
        if src_text is None
        else src_text.astype(object).where(src_text != "", source)
    )

    # Text columns stay Python objects: the store hands them to sqlite3 as Python
    # strings anyway, and letting pandas infer its Arrow string type here would convert
    # a million values there and back again (~0.5 s per import of 10^6 rows).
    out = pd.DataFrame(
        {
            "x": x,
            "y": y,
            "occurred_at": occurred.to_numpy(),
            "has_time": has_time,
            **{
                name: pd.Series(values.to_numpy(dtype=object), dtype=object)
                for name, values in (
                    ("category", cat_keys),
                    ("actor", actor),
                    ("precision", precision),
                    ("description", description),
                    ("source", sources),
                )
            },
            "source_id": pd.Series([None] * n, dtype=object),
        }
    )

    # ids: the file's own, else a content hash; duplicates within the file are problems
    report(0.65, "io.stage.ids")
    ok_so_far = np.ones(n, dtype=bool)
    ok_so_far[list(bad)] = False
    if m.id is not None:
        icol = m.id
        id_text = _col(frame, icol)
        out["source_id"] = id_text.where(id_text != "", None).to_numpy()
        keyed = id_text if m.source is None else sources.astype(str) + "\x1f" + id_text
        dup = keyed.duplicated(keep="first").to_numpy() & (id_text != "").to_numpy()
        flag(dup, icol, id_text, "io.incidents.duplicate_id")
    need_hash = out["source_id"].isna().to_numpy() & ok_so_far
    if need_hash.any():
        out.loc[need_hash, "source_id"] = content_ids(out.loc[need_hash])

    row_problems.sort(key=lambda p: (p.row or 0, p.field))
    valid = np.ones(n, dtype=bool)
    valid[list(bad)] = False
    rejected = frame.loc[~valid]
    rejected_problems = tuple(tuple(bad[int(i)]) for i in np.flatnonzero(~valid))
    report(0.75, "io.stage.ready")
    return IncidentPlan(
        incidents=out if valid.all() else out.loc[valid].reset_index(drop=True),
        problems=tuple(row_problems),
        rejected=rejected.reset_index(drop=True),
        rejected_problems=rejected_problems,
        rows_read=n,
        mapping=m,
        crs=guess,
        unknown_categories={str(k): int(v) for k, v in unknown_categories.items()},
        unknown_actors={str(k): int(v) for k, v in unknown_actors.items()},
        warnings=tuple(warnings),
    )


def _declared_misfit(
    a: NDArray[np.float64], b: NDArray[np.float64], declared: CrsGuess | None
) -> Problem | None:
    """A problem when no value fits the declared CRS but most fit another Swedish one.

    Degrees declared as SWEREF 99 TM would otherwise be reported as thousands of points
    "outside Sweden"; the one sentence that helps is "these look like WGS84".
    """
    if declared is None or declared.share > 0.0 or declared.epsg not in RANGES:
        return None
    fits = detect_crs(a, b)
    if fits is None or fits.epsg == declared.epsg or fits.share < 0.5:
        return None
    return Problem.keyed(
        None,
        "crs",
        f"EPSG:{declared.epsg}",
        "io.incidents.crs_misfit",
        share=Share(fits.share),
        crs=crs_name(fits.epsg),
        epsg=fits.epsg,
    )


def _map_labels(text: pd.Series, match: Callable[[str], str | None]) -> pd.Series:
    """Apply ``match`` once per distinct label (labels repeat a lot)."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    keys = np.array([match(str(label)) for label in uniques] + [None], dtype=object)
    return pd.Series(keys[codes], index=text.index, dtype=object)


def import_incidents(
    store: Store,
    file: Path | str | bytes,
    *,
    user: str,
    filename: str | None = None,
    source: str | None = None,
    mapping: ColumnMapping | None = None,
    crs: str | int | None = None,
    valid_rows_only: bool = False,
    remember: bool = True,
    progress: Progress | None = None,
) -> IncidentImportReport:
    """Read, validate and write a file of incidents in one transaction.

    Raises :class:`ValidationError` listing *every* problem unless ``valid_rows_only``
    (then the valid rows are written and the rejected ones come back in the report).
    Problems that make the whole file unusable always raise. Nothing is written when
    an error is raised. The mapping that worked is remembered for ``source`` (default:
    the file's name without suffix).
    """
    report = progress or (lambda _f, _m: None)
    report(0.0, "io.stage.reading")
    table = read_table(file, filename=filename)
    name = filename or (file if isinstance(file, str | Path) else "upload")
    src = source or re.sub(r"\s+", "_", Path(str(name)).stem) or "import"
    plan = plan_incident_import(
        table, store=store, source=src, mapping=mapping, crs=crs, progress=report
    )
    if plan.fatal or (plan.problems and not valid_rows_only):
        raise ValidationError(plan.problems, key="io.incidents.summary")
    report(0.8, "io.stage.writing")
    saved: RememberedMapping | None = None
    if remember:
        as_dict = plan.mapping.to_dict()
        if crs is None and plan.mapping.crs is None:
            as_dict.pop("crs", None)
        saved = RememberedMapping(src, MAPPING_KIND, as_dict)
    # Rows and mapping in one transaction: killed in between, neither is kept.
    result = store.add_incidents(plan.incidents, user=user, remember=saved)
    report(1.0, "io.stage.done")
    return IncidentImportReport(
        source=src,
        batch_id=result.batch_id,
        rows_read=plan.rows_read,
        imported=result.inserted,
        duplicates=result.duplicates,
        rejected=len(plan.rejected),
        plan=plan,
    )
