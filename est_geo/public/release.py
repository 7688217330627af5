"""What the public deployment may show: one protected release per closed period.

Why a module of its own: the public site exists for transparency, and it must never let
anyone work out where a single incident happened, what was written about it or who
reported it (EST.md, "Publishing for the public"). Every number the public pages show is
computed *here, on the server*, from incidents that never leave this module; the page
receives only published counts per area, per month or per grid cell of at least
:data:`MIN_CELL_SIZE` metres. No coordinates of incidents, no free text, no actors, no
intervention names or descriptions cross this boundary.

How the counts are protected is :mod:`est_geo.access.disclosure` (closed calendar periods,
primary and secondary suppression, rounding to base k). :func:`build_release` applies it
to *everything* a period publishes at once — areas × (main categories and "Alla"), months
× (main categories and "Alla"), grid cells of every offered size × category — so that no
combination of the page's choices, nor two visits on two days, yields a count below k.

Decisions
---------
- A release is computed once per closed period and store change (``ui/public_data.py``
  keeps it for every visitor), so a visit only picks tables out of it.
- Areas are always all listed, so "färre än k" (which includes zero) says nothing about
  whether anything happened there.
- Grid cells below ``k`` are *left out* instead of being drawn as "färre än k": a drawn
  100 m cell with "färre än 5" would tell that at least one incident happened in that
  square. The legend says so; how many cells were left out is not shown.
- Grid cells lie on a fixed lattice (multiples of the cell size in SWEREF 99 TM), so a cell
  corner is never an incident's position.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from est_geo.access.disclosure import (
    ClosedPeriod,
    check_k,
    published_count,
    secondary_suppression,
)
from est_geo.core.model import (
    DISPLAY_EPSG,
    STORE_EPSG,
    CategoryTree,
    InterventionKind,
    InterventionStatus,
)
from est_geo.hotspots.grid import Grid, count_points
from est_geo.i18n import label_map, translate
from est_geo.i18n.numbers import number
from est_geo.indicators.derived import area_membership
from est_geo.maps.colors import class_ranges

__all__ = [
    "ALL",
    "CELL_SIZES",
    "MIN_CELL_SIZE",
    "PUBLIC_LEVEL",
    "PublicCounts",
    "PublicRelease",
    "area_view",
    "build_release",
    "by_count",
    "done_here",
    "grid_view",
    "legend_words",
    "marked_public",
    "month_view",
    "public_areas",
    "public_interventions",
    "public_view",
    "suppressed_label",
]

#: Smallest grid cell the public may see, in metres (issue 7).
MIN_CELL_SIZE: Final = 100
#: Cell sizes the public page offers.
CELL_SIZES: Final = (250, 500, 100)
#: Key of "Alla" (every category) in a release's tables.
ALL: Final = ""
#: Area level counted on the public map ("områden" as the EST group names them).
PUBLIC_LEVEL: Final = "omrade"
#: Main category of incidents whose category is not in the tree (counted in "Alla" only).
_OTHER: Final = "\x00other"

Cell = tuple[str, str]  # (area code or month key, category key or ALL)


def suppressed_label(k: int, lang: str = "sv") -> str:
    """The text shown instead of a count below ``k``."""
    return translate("public.suppressed", lang, k=k)


@dataclass(frozen=True)
class PublicCounts:
    """Counts that may be published. ``shown`` is the text for each count."""

    frame: gpd.GeoDataFrame  # columns: label, count (None if suppressed), shown, geometry
    k: int
    n_suppressed: int  # how many units are suppressed or left out


@dataclass(frozen=True)
class PublicRelease:
    """Everything the public site shows for one closed period, protected as one whole.

    ``area_counts`` and ``month_counts`` map (area code / month key, category) to the
    published count, None where suppressed; ``cells`` maps (cell size, category) to the
    published cells (label, count, geometry in WGS84). Category :data:`ALL` is "Alla".
    """

    period: ClosedPeriod
    k: int
    categories: tuple[str, ...]
    areas: gpd.GeoDataFrame  # code, label, geometry (WGS84)
    area_counts: Mapping[Cell, int | None]
    months: tuple[str, ...]
    month_counts: Mapping[Cell, int | None]
    cells: Mapping[tuple[int, str], gpd.GeoDataFrame]


def public_areas(areas: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The areas counted on the public site: level ``omrade``, else all but the kommun."""
    chosen = areas[areas["level"] == PUBLIC_LEVEL]
    return chosen if not chosen.empty else areas[areas["level"] != "kommun"]


def public_view(
    areas: gpd.GeoDataFrame,
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """WGS84 bounds ((south, west), (north, east)) of every public area.

    The public map opens on exactly these, so no counted area is cut off at the edge
    (a view around one area with a fixed margin cut off the others). ``areas`` are in any
    CRS with level and geometry; only :func:`public_areas` count. None without any.
    """
    shown = public_areas(areas).to_crs(epsg=DISPLAY_EPSG)
    if shown.empty:
        return None
    west, south, east, north = (float(v) for v in shown.total_bounds)
    return (south, west), (north, east)


def _main_keys(incidents: pd.DataFrame, tree: CategoryTree) -> np.ndarray:
    keys = incidents["category"].astype(str)
    return np.array([tree.main_of(c) if c in tree else _OTHER for c in keys], dtype=object)


def _protect(
    true: Mapping[Cell, int], rows: list[str], categories: tuple[str, ...], k: int
) -> dict[Cell, int | None]:
    """Primary and secondary suppression over a rows × categories table, then rounding.

    Lines: the main categories of each row (their total is the row's "Alla"), and the
    rows of each category (their total, the category's period total, is assumed known).
    """
    mains = [c for c in categories if c != ALL]
    lines = [[(r, c) for c in mains] for r in rows] + [[(r, c) for r in rows] for c in categories]
    hidden = secondary_suppression(true, [cell for cell, n in true.items() if n < k], lines)
    return {cell: None if cell in hidden else published_count(n, k) for cell, n in true.items()}


def _grid_cells(x: np.ndarray, y: np.ndarray, *, cell_size: int, k: int) -> gpd.GeoDataFrame:
    """Published lattice cells of one size: those with ≥ k incidents, counts rounded."""
    columns: dict[str, object] = {"label": [], "count": pd.array([], dtype="Int64")}
    if len(x) == 0:
        return gpd.GeoDataFrame(columns, geometry=[], crs=f"EPSG:{DISPLAY_EPSG}")
    grid = Grid.covering((x.min(), y.min(), x.max(), y.max()), cell_size)
    counts = count_points(grid, x, y).counts.ravel().astype(int)
    keep = np.flatnonzero(counts >= k)
    # Ids and squares of the kept cells only (a whole 100 m grid is ~10^5 squares).
    ix = grid.ix0 + keep % grid.nx
    iy = grid.iy0 + keep // grid.nx
    size = float(cell_size)
    return gpd.GeoDataFrame(
        {
            "label": [f"{cell_size}m_E{a}_N{b}" for a, b in zip(ix, iy, strict=True)],
            "count": pd.array([published_count(int(c), k) for c in counts[keep]], dtype="Int64"),
        },
        geometry=shapely.box(ix * size, iy * size, (ix + 1) * size, (iy + 1) * size),
        crs=f"EPSG:{STORE_EPSG}",
    ).to_crs(epsg=DISPLAY_EPSG)


def build_release(
    incidents: pd.DataFrame,
    areas: gpd.GeoDataFrame,
    tree: CategoryTree,
    period: ClosedPeriod,
    *,
    k: int,
    cell_sizes: tuple[int, ...] = CELL_SIZES,
) -> PublicRelease:
    """The protected tables of ``period`` (incidents and areas in EPSG:3006).

    Incidents outside the period are ignored, so a caller may pass a wider selection.
    """
    check_k(k)
    if any(size < MIN_CELL_SIZE for size in cell_sizes):
        raise ValueError(f"public grid cells must be at least {MIN_CELL_SIZE} m, got {cell_sizes}")
    when = pd.to_datetime(incidents["occurred_at"])
    inside = (when >= pd.Timestamp(period.start)) & (when < pd.Timestamp(period.end))
    sel = incidents[inside.to_numpy()]
    x, y = sel["x"].to_numpy(float), sel["y"].to_numpy(float)
    main = _main_keys(sel, tree)
    categories = (ALL, *(c.key for c in tree.main_categories()))
    of: dict[str, np.ndarray] = {
        c: (main == c) if c != ALL else np.ones(len(sel), bool) for c in categories
    }

    codes = [str(c) for c in areas["code"]]
    member = area_membership(x, y, areas)
    area_true = {
        (a, c): int(np.count_nonzero(member[i] & of[c]))
        for i, a in enumerate(codes)
        for c in categories
    }
    months = tuple(m.key for m in period.months())
    month_of = pd.to_datetime(sel["occurred_at"]).dt.strftime("%Y-%m").to_numpy()
    month_true = {
        (m, c): int(np.count_nonzero((month_of == m) & of[c])) for m in months for c in categories
    }
    cells = {
        (size, c): _grid_cells(x[of[c]], y[of[c]], cell_size=size, k=k)
        for size in cell_sizes
        for c in categories
    }
    shapes = gpd.GeoDataFrame(
        {"code": codes, "label": [str(n) for n in areas["name"]]},
        geometry=list(areas.geometry),
        crs=areas.crs or f"EPSG:{STORE_EPSG}",
    ).to_crs(epsg=DISPLAY_EPSG)
    return PublicRelease(
        period=period,
        k=k,
        categories=categories,
        areas=shapes,
        area_counts=_protect(area_true, codes, categories, k),
        months=months,
        month_counts=_protect(month_true, list(months), categories, k),
        cells=cells,
    )


def legend_words(breaks: list[float], lang: str = "sv") -> list[str]:
    """The map's classes in words ("upp till 20", "fler än 20, högst 45", "fler än 45").

    Why words next to the colours: a reader who cannot tell the shades apart (or prints
    the page in grey) still reads which counts each class holds; the same words in the
    legend and the text keep the two from disagreeing.
    """
    words = []
    for low, high in class_ranges(breaks):
        if high is not None and low is None:
            words.append(translate("public.legend.up_to", lang, high=_count(high, lang)))
        elif high is None and low is not None:
            words.append(translate("public.legend.above", lang, low=_count(low, lang)))
        elif high is not None and low is not None:
            words.append(
                translate(
                    "public.legend.between", lang, low=_count(low, lang), high=_count(high, lang)
                )
            )
    return words


def count_words(value: float, lang: str = "sv") -> str:
    """A published count in words for the map's tooltip ("1 620 händelser", "1 händelse"),
    written like the legend and the table beside it."""
    return translate("public.tooltip", lang, shown=_count(value, lang), n=value)


def _count(value: float, lang: str) -> str:
    """A published count as the reader's language writes it ("1 620" in Swedish, with a
    non-breaking space: :func:`est_geo.i18n.numbers.number`), so the legend and the table
    agree with each other and with the rest of the app."""
    return number(value, lang, digits=0)


def _shown(count: int | None, k: int, lang: str) -> str:
    return suppressed_label(k, lang) if count is None else _count(count, lang)


def area_view(release: PublicRelease, category: str = ALL, lang: str = "sv") -> PublicCounts:
    """Every public area with its published count of ``category`` (None if suppressed)."""
    counts = [release.area_counts[(a, category)] for a in release.areas["code"]]
    frame = gpd.GeoDataFrame(
        {
            "label": release.areas["label"].tolist(),
            "count": pd.array(counts, dtype="Int64"),
            "shown": [_shown(c, release.k, lang) for c in counts],
        },
        geometry=list(release.areas.geometry),
        crs=release.areas.crs,
    )
    return PublicCounts(frame, release.k, sum(1 for c in counts if c is None))


def by_count(counts: PublicCounts) -> pd.DataFrame:
    """``label`` and ``shown`` ordered as a reader scans a table: most incidents first.

    Published counts descending, ties by name; suppressed rows ("färre än k") last, by
    name, since their order would say nothing (and must not hint at their size).
    """
    frame = pd.DataFrame(
        {
            "label": counts.frame["label"].astype(str).to_numpy(),
            "count": counts.frame["count"].to_numpy(),
            "shown": counts.frame["shown"].to_numpy(),
        }
    )
    frame["suppressed"] = frame["count"].isna()
    frame["sort_key"] = -frame["count"].fillna(0).astype("int64")
    ordered = frame.sort_values(["suppressed", "sort_key", "label"], kind="stable")
    return ordered[["label", "shown"]].reset_index(drop=True)


def grid_view(
    release: PublicRelease, cell_size: int, category: str = ALL, lang: str = "sv"
) -> PublicCounts:
    """The published cells of one size and category (cells below k are left out)."""
    cells = release.cells[(cell_size, category)]
    frame = cells.assign(shown=[str(int(c)) for c in cells["count"]])
    return PublicCounts(frame[["label", "count", "shown", "geometry"]], release.k, 0)


def month_view(release: PublicRelease, category: str = ALL, lang: str = "sv") -> pd.DataFrame:
    """The period's months (``month``, ``count`` or None, ``shown``): all of them closed."""
    counts = [release.month_counts[(m, category)] for m in release.months]
    return pd.DataFrame(
        {
            "month": list(release.months),
            "count": pd.array(counts, dtype="Int64"),
            "shown": [_shown(c, release.k, lang) for c in counts],
        }
    )


def _period(start: object, end: object) -> str:
    def fmt(value: object) -> str:
        if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
            return "…"
        return value.isoformat() if isinstance(value, date) else str(value)[:10]

    return f"{fmt(start)} – {fmt(end)}"


def marked_public(interventions: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Only the interventions whose ``public`` flag is a true boolean (or integer 1).

    Why strict: a flag that is missing (NULL from a GeoPackage edited in QGIS, NaN after a
    frame was joined) means nobody chose to publish; ``astype(bool)`` would read NaN as
    true and publish an internal intervention.
    """
    flags = interventions["public"].tolist() if "public" in interventions else []
    keep = [isinstance(v, bool | np.bool_ | int | np.integer) and bool(v) for v in flags]
    return interventions[np.asarray(keep, dtype=bool)] if keep else interventions.iloc[0:0]


#: Order of statuses in a "what is done here" line: what happens now first.
_STATUS_ORDER: Final = {"pagar": 0, "planerad": 1, "avslutad": 2}


def done_here(
    interventions: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    *,
    lang: str = "sv",
) -> pd.DataFrame:
    """Per area, one short line of what is published as done there ("vad görs här").

    Columns ``area`` (the area's name) and ``done`` ("Kamerabevakning (pågår),
    Belysning (planerad)"): each public intervention's kind and status, once per area its
    shape touches, ongoing first; areas without any are left out, ordered by name. Only
    kinds and statuses cross: no names, descriptions, owners, dates or shapes (see
    :func:`public_interventions`). ``areas`` are in the interventions' CRS.
    """
    kind_labels = label_map("intervention.kind", InterventionKind, lang)
    status_labels = label_map("intervention.status", InterventionStatus, lang)
    public = marked_public(interventions) if not interventions.empty else interventions
    public = public[public.geometry.notna() & ~public.geometry.is_empty] if len(public) else public
    rows = []
    for area in areas.sort_values("name").itertuples(index=False):
        here = public[public.geometry.intersects(area.geometry)] if len(public) else public
        pairs = sorted(
            {(str(rec.status), str(rec.kind)) for rec in here.itertuples(index=False)},
            key=lambda p: (_STATUS_ORDER.get(p[0], 9), kind_labels.get(p[1], p[1])),
        )
        if pairs:
            words = [
                f"{kind_labels.get(kind, kind)} ({status_labels.get(status, status).lower()})"
                for status, kind in pairs
            ]
            rows.append({"area": str(area.name), "done": ", ".join(words)})
    return pd.DataFrame(rows, columns=["area", "done"])


def public_interventions(
    interventions: gpd.GeoDataFrame,
    areas: gpd.GeoDataFrame,
    *,
    lang: str = "sv",
) -> pd.DataFrame:
    """The interventions marked public, as kind, area, period and status ("vad görs").

    Names, descriptions, owners, costs and geometries are *not* returned: names and
    descriptions are free text that may identify people or places, and owners are actor
    identities. The area is the smallest given area containing the intervention's
    representative point ("–" when none does).
    """
    kind_labels = label_map("intervention.kind", InterventionKind, lang)
    status_labels = label_map("intervention.status", InterventionStatus, lang)
    columns = ["kind", "area", "period", "status"]
    if interventions.empty:
        return pd.DataFrame({c: [] for c in columns})
    public = marked_public(interventions)
    order = areas.assign(_size=areas.geometry.area).sort_values("_size")
    rows = []
    for rec in public.itertuples(index=False):
        point = rec.geometry.representative_point() if rec.geometry is not None else None
        area = "–"
        if point is not None:
            inside = order[order.geometry.contains(point)]
            if not inside.empty:
                area = str(inside["name"].iloc[0])
        rows.append(
            {
                "kind": kind_labels.get(str(rec.kind), str(rec.kind)),
                "area": area,
                "period": _period(rec.start_date, rec.end_date),
                "status": status_labels.get(str(rec.status), str(rec.status)),
            }
        )
    return pd.DataFrame(rows, columns=columns)
