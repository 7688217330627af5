"""Lägesbild: the situation picture an EST group or chefssamråd agrees on for one area.

For an area and a period it answers the questions of the meeting (``shared/domain/EST.md``):
how many reports, of what, compared with the period before and the same period last
year; where this period's hot spots are (Gi*), which hot spots are new or growing
(emerging hot spot analysis); which three places most need action; which interventions
are under way; what the indicators say. Everything is computed here, without Streamlit,
so the page, the PDF and the CLI show the very same figures.

Periods are calendar units a meeting talks about — ``2026-W44`` (ISO week), ``2026-10``
(month), ``2026-Q3`` (quarter), ``2026`` (year) — or a rolling preset ending on a given
day (``vecka``, ``4veckor``, ``kvartal``, ``ar``), written ``2026-10-05..2026-11-01``
(inclusive dates) so a saved view or a link names exactly the same days for everyone.

How the three places that most need action are ranked
------------------------------------------------------
Candidates are the grid cells that are significant Gi* hot spots this period (90 % or
more) and had at least one report themselves (Gi* also marks quiet cells beside a busy
one; a place to act on is where things happened). Each gets the score ``z + max(0,
trend_z)``: its Gi* z-score this period (how strongly incidents cluster there) plus,
when it is rising, the Mann–Kendall z of its Gi* series over the recent weeks or months
(how fast it is getting worse). A falling trend does not lower the score: a strong hot
spot still needs action. Cells are taken in order of score (ties: more incidents first),
skipping any cell that touches one already taken (in its 3×3 block), so the three are
three different places, not one cluster three times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from numpy.typing import NDArray
from shapely.geometry.base import BaseGeometry

from est_geo.core.errors import AnalysisError, NotFoundError, keyed_error
from est_geo.core.model import ActionItem, CategoryTree, IndicatorDefinition
from est_geo.core.periods import Period, ReportPeriod, incomplete_flags, shift_months
from est_geo.hotspots import (
    DEFAULT_CELL_SIZE,
    EmergingResult,
    GiStarResult,
    Grid,
    emerging_hotspots,
    gistar_grid,
    place_names,
)
from est_geo.hotspots.emerging import Step
from est_geo.i18n import label, translate, unit_text
from est_geo.i18n.numbers import number, percent
from est_geo.meeting.handlingsplan import items_for_report
from est_geo.store.base import IncidentQuery, Store
from est_geo.store.columns import Selection, incident_columns
from est_geo.store.meeting import MeetingStore

__all__ = [
    "GROWING_CATEGORIES",
    "FigureRow",
    "HotspotCell",
    "IndicatorHighlight",
    "InterventionRow",
    "Lagesbild",
    "build_lagesbild",
    "find_area",
    "format_change",
    "so_far",
]

#: Emerging hot spot categories shown as "new and growing".
GROWING_CATEGORIES: tuple[str, ...] = ("new_hot", "consecutive_hot", "intensifying_hot")
#: Number of main categories shown with their own key figures.
DEFAULT_TOP_CATEGORIES = 3
#: Number of places that most need action.
DEFAULT_PRIORITIES = 3
#: Length of the series' buckets in days → the unit a bucket is named by (the chart's
#: axis, its running-bucket note); the 28-day buckets of longer periods are "period".
BUCKET_UNITS = {1: "day", 7: "week"}


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True)
class FigureRow:
    """Reports in total (``key == "total"``) or of one main category, in three periods."""

    key: str
    label: str
    current: int
    previous: int
    last_year: int

    @property
    def change_previous(self) -> int:
        """Absolute change against the previous period."""
        return self.current - self.previous

    @property
    def change_last_year(self) -> int:
        """Absolute change against the same period last year."""
        return self.current - self.last_year

    @property
    def pct_previous(self) -> float | None:
        """Change in % against the previous period (``None`` when that was 0)."""
        return _pct(self.current, self.previous)

    @property
    def pct_last_year(self) -> float | None:
        """Change in % against the same period last year (``None`` when that was 0)."""
        return _pct(self.current, self.last_year)


def _pct(current: int, base: int) -> float | None:
    return None if base == 0 else round(100.0 * (current - base) / base, 1)


def format_change(absolute: int, pct: float | None, lang: str = "sv") -> str:
    """Swedish change text: ``+3 (+25 %)``, ``−2 (−10 %)``, ``+4 (ny)``, ``±0 (±0 %)``."""
    change = number(absolute, lang, 0, signed=True)
    if pct is None:
        return change + (f" ({translate('lagesbild.change_new', lang)})" if absolute > 0 else "")
    digits = 0 if float(pct).is_integer() else 1
    return f"{change} ({percent(pct / 100, lang, digits, signed=True)})"


@dataclass(frozen=True)
class HotspotCell:
    """One grid cell of the lägesbild: where, how hot, how it changes, what it is near."""

    cell_id: str
    row: int
    col: int
    x: float
    y: float
    z: float
    p: float
    hot_class: str
    count: int
    previous_count: int
    place: str | None
    trend_z: float | None
    emerging: str | None
    score: float

    def emerging_label(self, lang: str = "sv") -> str:
        """The emerging category in ``lang`` ("" when unknown)."""
        return label("hotspots.class", self.emerging, lang) if self.emerging else ""


@dataclass(frozen=True)
class InterventionRow:
    """An intervention in or touching the area, its kind, status and owner as the stored
    codes (as :class:`~est_geo.core.model.Intervention`).

    Codes, not words: each page, the PDF and the CLI word them in their reader's
    language from the catalogue (:func:`est_geo.i18n.label`).
    """

    id: int | None
    name: str
    kind: str
    status: str
    owner_actor: str
    start_date: date | None
    end_date: date | None


@dataclass(frozen=True)
class IndicatorHighlight:
    """Latest value of one indicator for the area, with the one before and the verdict.

    ``name`` is the catalogue's Swedish name and ``name_en`` its English one; ``unit`` is
    stored as written. The page and the PDF show :meth:`name_in` and :meth:`unit_in` the
    reader's language.
    """

    key: str
    name: str
    unit: str
    period: str
    value: float
    previous_period: str | None
    previous_value: float | None
    better: bool | None
    name_en: str = ""

    def name_in(self, lang: str) -> str:
        """The indicator's name in ``lang`` (the Swedish one where no English is stored)."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def unit_in(self, lang: str) -> str:
        """The unit in ``lang`` (:func:`est_geo.i18n.unit_text`: a typed one as written)."""
        return unit_text(self.unit, lang)

    @property
    def change(self) -> float | None:
        """Change against the previous value (``None`` without one)."""
        if self.previous_value is None:
            return None
        return round(self.value - self.previous_value, 2)


@dataclass(frozen=True)
class Lagesbild:
    """Everything shown on the Lägesbild page and in the PDF (see module docstring)."""

    area_code: str
    area_name: str
    area_geometry: BaseGeometry
    period: ReportPeriod
    figures: tuple[FigureRow, ...]
    hotspots: tuple[HotspotCell, ...]
    growing: tuple[HotspotCell, ...]
    priorities: tuple[HotspotCell, ...]
    interventions: tuple[InterventionRow, ...]
    indicators: tuple[IndicatorHighlight, ...]
    series: pd.DataFrame
    demo: bool
    generated_on: date
    grid: Grid | None = None
    gistar: GiStarResult | None = None
    emerging: EmergingResult | None = None
    notes: tuple[str, ...] = ()
    parameters: dict[str, Any] = field(default_factory=dict)
    action_items: tuple[ActionItem, ...] = ()

    @property
    def total(self) -> FigureRow:
        """The row of all reports."""
        return self.figures[0]

    @property
    def bucket_unit(self) -> str:
        """What one bucket of :attr:`series` counts: ``day``, ``week`` or ``period``."""
        return BUCKET_UNITS.get(int(self.series["bucket_days"].iloc[0]), "period")


# ------------------------------------------------------------------------------ areas
def find_area(areas: gpd.GeoDataFrame, name_or_code: str) -> pd.Series:
    """The area whose code or name equals ``name_or_code`` (case-insensitive).

    Raises
    ------
    NotFoundError
        Listing every valid area, so a typo on the command line is easy to fix.
    """
    wanted = name_or_code.strip().casefold()
    codes = areas["code"].astype(str).str.casefold()
    names = areas["name"].astype(str).str.casefold()
    hits = areas[(codes == wanted) | (names == wanted)]
    if hits.empty:
        valid = ", ".join(f"{n} ({c})" for c, n in zip(areas["code"], areas["name"], strict=True))
        if not valid:
            raise keyed_error(NotFoundError, "lagesbild.error.no_areas", area=name_or_code)
        raise keyed_error(NotFoundError, "lagesbild.error.no_area", area=name_or_code, valid=valid)
    first: pd.Series = hits.iloc[0]
    return first


def _seconds(day: date) -> int:
    """Seconds since 1970 of midnight at ``day`` (the columns' wall-clock time scale)."""
    return int(np.datetime64(day, "s").astype(np.int64))


def _between(selection: Selection, start: date, end: date) -> Selection:
    """The selected incidents with ``start <= time < end`` (rows are in time order)."""
    t = selection.t
    lo, hi = np.searchsorted(t, [_seconds(start), _seconds(end)], side="left")
    return Selection(selection.columns, selection.rows[int(lo) : int(hi)])


# ------------------------------------------------------------------------------ build
def build_lagesbild(
    store: Store,
    area: str,
    period: ReportPeriod,
    *,
    categories: frozenset[str] | None = None,
    actors: frozenset[str] | None = None,
    cell_size: int = DEFAULT_CELL_SIZE,
    n_top: int = DEFAULT_TOP_CATEGORIES,
    n_priorities: int = DEFAULT_PRIORITIES,
    today: date | None = None,
) -> Lagesbild:
    """Compute the lägesbild of ``area`` (code or name) for ``period`` from ``store``.

    Incidents count when their point lies in the area's polygon (boundary included).
    Hot spots are Gi* on ``cell_size`` cells covering the area (k = 1, raw p-values as on
    a hot spot map); "new and growing" comes from the emerging hot spot analysis of the
    weeks (periods up to a month) or months (longer periods) up to the period's end.
    ``categories``/``actors`` restrict the incidents as in the map filters. A period
    that has not ended by ``today`` is compared over its days so far (:func:`so_far`).
    """
    areas = store.areas()
    row = find_area(areas, area)
    geometry: BaseGeometry = row["geometry"]
    tree = store.category_tree()
    period = so_far(period, today or date.today())
    window_start, step = _emerging_window(period)
    first = min(period.last_year.start, period.previous.start, window_start)
    minx, miny, maxx, maxy = geometry.bounds
    query = IncidentQuery(
        start=datetime.combine(first, datetime.min.time()),
        end=datetime.combine(period.period.end, datetime.min.time()),
        categories=categories,
        actors=actors,
        bbox=(minx, miny, maxx, maxy),
    )
    incidents = incident_columns(store).select(query, within=geometry)
    current = _between(incidents, period.period.start, period.period.end)
    previous = _between(incidents, period.previous.start, period.previous.end)
    last_year = _between(incidents, period.last_year.start, period.last_year.end)
    figures = _figures(tree, current, previous, last_year, n_top)
    notes: list[str] = []

    grid = Grid.covering((minx, miny, maxx, maxy), cell_size)
    counts = current.cell_counts(grid)
    prev_counts = previous.cell_counts(grid)
    filters = {"område": str(row["code"]), "period": period.code}
    gi: GiStarResult | None = None
    try:
        gi = gistar_grid(counts, grid=grid, k=1, fdr=False, filters=filters)
    except AnalysisError as exc:
        notes.append(str(exc))
    emerging: EmergingResult | None = None
    window = _between(incidents, window_start, period.period.end)
    try:
        emerging = emerging_hotspots(
            grid,
            window.x,
            window.y,
            window.t.astype("datetime64[s]"),
            step=step,
            start=np.datetime64(window_start, "D"),
            end=np.datetime64(period.period.last_day, "D"),
            filters=filters,
        )
    except AnalysisError as exc:
        notes.append(translate("pdf.note.emerging", "sv", error=exc))
    cells = _hot_cells(gi, emerging, counts, prev_counts, areas) if gi is not None else []
    growing = (
        _growing_cells(gi, emerging, counts, prev_counts, areas) if emerging is not None else []
    )
    return Lagesbild(
        action_items=tuple(_action_items(store, areas, str(row["code"]), period.period)),
        area_code=str(row["code"]),
        area_name=str(row["name"]),
        area_geometry=geometry,
        period=period,
        figures=tuple(figures),
        hotspots=tuple(sorted(cells, key=lambda c: (-c.z, -c.count))),
        growing=tuple(growing),
        priorities=tuple(_priorities(cells, n_priorities)),
        interventions=tuple(_interventions(store.interventions(), geometry, period.period)),
        indicators=tuple(
            _indicators(
                store.indicator_definitions(), store.indicator_values(), str(row["code"]), period
            )
        ),
        series=_series(current, previous, period, today or date.today()),
        demo=store.is_demo(),
        generated_on=today or date.today(),
        grid=grid,
        gistar=gi,
        emerging=emerging,
        notes=tuple(notes),
        parameters={
            "cell_size": cell_size,
            "k": 1,
            "fdr": False,
            "emerging_step": step,
            "emerging_start": window_start.isoformat(),
            "categories": sorted(categories) if categories is not None else None,
            "actors": sorted(actors) if actors is not None else None,
        },
    )


def so_far(period: ReportPeriod, today: date) -> ReportPeriod:
    """A period that has not ended yet, cut to ``today``, with its comparisons cut alike.

    Why: on 23 November, "november 2026" holds 23 days of reports while October holds 31;
    comparing them shows a fall that is only the calendar. The current period runs to
    ``today`` and the previous period and last year's period keep their first as many
    days, so every figure compares like with like. The code stays the calendar unit, so
    a link shows the whole month once it is over. Periods already over are unchanged.
    """
    p = period.period
    if not p.start <= today < p.last_day:
        return period
    days = timedelta(days=(today - p.start).days + 1)

    def cut(q: Period) -> Period:
        return Period(q.start, min(q.end, q.start + days))

    return ReportPeriod(
        kind=period.kind,
        code=period.code,
        period=cut(p),
        previous=cut(period.previous),
        last_year=cut(period.last_year),
    )


def _action_items(
    store: Store, areas: gpd.GeoDataFrame, code: str, period: Period
) -> list[ActionItem]:
    """The handlingsplan items of the area and its sub-areas (none if the store has none)."""
    if not isinstance(store, MeetingStore):
        return []
    codes = {code, *areas.loc[areas["parent_code"] == code, "code"].astype(str)}
    return items_for_report(store.action_items(), codes, start=period.start, end=period.end)


def _emerging_window(period: ReportPeriod) -> tuple[date, Step]:
    """Start of the emerging-hot-spot series and its step ("7d" or "month").

    7-day steps for periods up to a month (at least 8 weeks, or three periods), monthly
    steps for longer ones (at least 12 months, or two periods), so the trend test has
    enough steps to say something.
    """
    p = period.period
    if p.days <= 31:
        # Whole 7-day steps ending on the period's last day: ISO weeks would end a
        # period that closes on a Monday with a one-day step that hides any growth.
        n_weeks = max(8, -(-3 * p.days // 7))
        return p.last_day - timedelta(weeks=n_weeks) + timedelta(days=1), "7d"
    n_months = max(12, -(-2 * p.days // 30))
    year, month = shift_months(p.last_day.year, p.last_day.month, -(n_months - 1))
    return date(year, month, 1), "month"


def _figures(
    tree: CategoryTree,
    current: Selection,
    previous: Selection,
    last_year: Selection,
    n_top: int,
) -> list[FigureRow]:
    def by_main(selection: Selection) -> dict[str, int]:
        """Reports per main category: counted per stored category, then summed."""
        out: dict[str, int] = {}
        for category, n in selection.by_category().items():
            main = tree.main_of(category) if category in tree else category
            out[main] = out.get(main, 0) + n
        return out

    now, before, year = by_main(current), by_main(previous), by_main(last_year)
    total = translate("lagesbild.all_reports", "sv")  # pages show the key in their language
    rows = [FigureRow("total", total, len(current), len(previous), len(last_year))]
    order = {c.key: i for i, c in enumerate(tree.main_categories())}
    keys = [k for k in set(now) | set(before) if now.get(k, 0) > 0]
    keys.sort(key=lambda k: (-now.get(k, 0), -before.get(k, 0), order.get(k, len(order)), k))
    for key in keys[:n_top]:
        label = tree.label(key) if key in tree else key
        rows.append(FigureRow(key, label, now.get(key, 0), before.get(key, 0), year.get(key, 0)))
    return rows


def _hot_cells(
    gi: GiStarResult,
    emerging: EmergingResult | None,
    counts: NDArray[Any],
    prev_counts: NDArray[Any],
    areas: gpd.GeoDataFrame,
) -> list[HotspotCell]:
    grid = gi.grid
    if grid is None:
        return []
    rows, cols = np.nonzero(np.char.startswith(gi.classes, "hot_"))
    return _cells_at(rows, cols, grid, gi, emerging, counts, prev_counts, areas)


def _growing_cells(
    gi: GiStarResult | None,
    emerging: EmergingResult,
    counts: NDArray[Any],
    prev_counts: NDArray[Any],
    areas: gpd.GeoDataFrame,
) -> list[HotspotCell]:
    rows, cols = np.nonzero(np.isin(emerging.categories, GROWING_CATEGORIES) & emerging.has_data)
    cells = _cells_at(rows, cols, emerging.grid, gi, emerging, counts, prev_counts, areas)
    rank = {k: i for i, k in enumerate(GROWING_CATEGORIES)}
    return sorted(cells, key=lambda c: (rank[c.emerging or ""], -(c.trend_z or 0.0), -c.count))


def _cells_at(
    rows: NDArray[Any],
    cols: NDArray[Any],
    grid: Grid,
    gi: GiStarResult | None,
    emerging: EmergingResult | None,
    counts: NDArray[Any],
    prev_counts: NDArray[Any],
    areas: gpd.GeoDataFrame,
) -> list[HotspotCell]:
    """The listed cells only: ids, centres and values indexed at ``(rows, cols)``.

    Why: a municipality grid has ~464,000 cells and a year ~1,000 hot ones; anything
    built over the whole grid once per listed cell took minutes.
    """
    if len(rows) == 0:
        return []
    at = (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))
    xs, ys = grid.centroids_at(*at)
    names = place_names(xs, ys, areas)
    n = len(at[0])
    z = gi.z[at] if gi is not None else np.zeros(n)
    p = gi.p[at] if gi is not None else np.ones(n)
    classes = gi.classes[at] if gi is not None else np.full(n, "none")
    trend = emerging.trend.z[at] if emerging is not None else None
    trend = None if trend is None else np.where(np.isfinite(trend), trend, 0.0)
    kinds = emerging.categories[at] if emerging is not None else None
    now, before = counts[at], prev_counts[at]
    return [
        HotspotCell(
            cell_id=cell_id,
            row=int(at[0][i]),
            col=int(at[1][i]),
            x=float(xs[i]),
            y=float(ys[i]),
            z=round(float(z[i]), 3),
            p=float(p[i]),
            hot_class=str(classes[i]),
            count=int(now[i]),
            previous_count=int(before[i]),
            place=names[i],
            trend_z=None if trend is None else round(float(trend[i]), 3),
            emerging=None if kinds is None else str(kinds[i]),
            score=round(float(z[i]) + max(0.0, 0.0 if trend is None else float(trend[i])), 3),
        )
        for i, cell_id in enumerate(grid.ids_at(*at))
    ]


def _priorities(cells: Sequence[HotspotCell], n: int) -> list[HotspotCell]:
    """The ``n`` places that most need action (rule in the module docstring)."""
    chosen: list[HotspotCell] = []
    for cell in sorted(cells, key=lambda c: (-c.score, -c.count, c.cell_id)):
        if len(chosen) == n:
            break
        if cell.count == 0:
            continue
        if any(abs(cell.row - o.row) <= 1 and abs(cell.col - o.col) <= 1 for o in chosen):
            continue
        chosen.append(cell)
    return chosen


_STATUS_ORDER = {"pagar": 0, "planerad": 1, "avslutad": 2}


def _interventions(
    frame: gpd.GeoDataFrame, area: BaseGeometry, period: Period
) -> list[InterventionRow]:
    """Interventions touching the area that run, are planned, or ended in the period."""
    rows: list[InterventionRow] = []
    for rec in frame.to_dict("records"):
        geom: BaseGeometry = rec["geometry"]
        buffer_m = float(rec.get("buffer_m") or 0.0)
        scope = geom if geom.geom_type in {"Polygon", "MultiPolygon"} else geom.buffer(buffer_m)
        if not scope.intersects(area):
            continue
        status = str(rec["status"])
        end = _as_date(rec.get("end_date"))
        if status == "avslutad" and (end is None or end < period.start):
            continue
        rows.append(
            InterventionRow(
                id=None if rec.get("id") is None else int(rec["id"]),
                name=str(rec["name"]),
                kind=str(rec["kind"]),
                status=status,
                owner_actor=str(rec["owner_actor"]),
                start_date=_as_date(rec.get("start_date")),
                end_date=end,
            )
        )
    return sorted(rows, key=lambda r: (_STATUS_ORDER.get(r.status, 9), r.name))


def _as_date(value: object) -> date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(str(value)).date()


def _indicators(
    definitions: Sequence[IndicatorDefinition],
    values: pd.DataFrame,
    area_code: str,
    period: ReportPeriod,
) -> list[IndicatorHighlight]:
    """Latest value (period not after the report's year) and the one before it."""
    mine = values[values["area_code"].astype(str) == area_code]
    last_year_text = str(period.period.last_day.year)
    out: list[IndicatorHighlight] = []
    for d in definitions:
        rows = mine[mine["indicator_key"] == d.key]
        rows = rows[rows["period"].astype(str).str[:4] <= last_year_text]
        rows = rows.sort_values("period")
        if rows.empty:
            continue
        latest = rows.iloc[-1]
        before = rows.iloc[-2] if len(rows) > 1 else None
        value = float(latest["value"])
        prev_value = None if before is None else float(before["value"])
        better = None
        if prev_value is not None and value != prev_value:
            better = (value > prev_value) == d.higher_is_better
        out.append(
            IndicatorHighlight(
                key=d.key,
                name=d.name_sv,
                name_en=d.name_en,
                unit=d.unit,
                period=str(latest["period"]),
                value=value,
                previous_period=None if before is None else str(before["period"]),
                previous_value=prev_value,
                better=better,
            )
        )
    return out


def _series(
    current: Selection, previous: Selection, period: ReportPeriod, today: date
) -> pd.DataFrame:
    """Reports per day (≤ 31 days), per 7 days (≤ 120 days) or per 28 days, both periods.

    Buckets count from each period's first day, so bucket ``i`` of this period lines up
    with bucket ``i`` of the previous one; the last bucket takes the few days left over.
    ``incomplete`` marks this period's buckets that have not ended by ``today`` (their
    count is still growing; charts hatch them, :mod:`est_geo.maps.charts`).
    """
    days = period.period.days
    size = 1 if days <= 31 else (7 if days <= 120 else 28)
    n = max(1, days // size)

    def bucket(selection: Selection, start: date) -> NDArray[np.int64]:
        offsets = (selection.t - _seconds(start)) // 86_400
        idx = np.minimum(offsets // size, n - 1)
        return np.bincount(idx[idx >= 0], minlength=n).astype(np.int64)

    starts = [period.period.start + timedelta(days=i * size) for i in range(n)]
    ends = [*starts[1:], period.period.end]
    return pd.DataFrame(
        {
            "start": starts,
            "current": bucket(current, period.period.start),
            "previous": bucket(previous, period.previous.start),
            "bucket_days": size,
            "incomplete": incomplete_flags(ends, today=today),
        }
    )
