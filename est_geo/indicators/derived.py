"""Indicators derived from incidents: reports per 1,000 inhabitants, shares, change.

Incidents are counted per area by point-in-polygon on their SWEREF 99 TM coordinates;
areas of different levels may overlap (a område inside the kommun), so one incident counts
in every area that contains it. Everything returned is an aggregate per area and period
with the count it rests on (``n``), so the public view can suppress small counts
(:func:`suppress_small_counts`) and nothing about an individual incident leaves here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from est_geo.access.disclosure import published_count
from est_geo.core.model import CategoryTree
from est_geo.core.periods import parse_indicator_period

__all__ = [
    "RATE_KEY",
    "RateResult",
    "area_membership",
    "category_shares",
    "change_vs_previous",
    "covered_periods",
    "incident_counts",
    "published_rates",
    "rate_per_1000",
    "suppress_small_counts",
]

#: Catalogue key of the derived rate.
RATE_KEY = "rapporter_per_1000"
_POPULATION_KEY = "befolkning"


def area_membership(x: np.ndarray, y: np.ndarray, areas: gpd.GeoDataFrame) -> np.ndarray:
    """Boolean matrix (areas × incidents): incident j lies in area i (boundary included).

    ``areas`` must be in the same CRS as the coordinates (the store CRS).
    """
    xs = np.asarray(x, dtype=np.float64)
    ys = np.asarray(y, dtype=np.float64)
    out = np.zeros((len(areas), xs.size), dtype=bool)
    for i, geom in enumerate(areas.geometry.to_numpy()):
        if geom is None or geom.is_empty:
            continue
        shapely.prepare(geom)
        out[i] = shapely.intersects_xy(geom, xs, ys)
    return out


def incident_counts(
    incidents: pd.DataFrame, areas: gpd.GeoDataFrame, periods: Sequence[str]
) -> pd.DataFrame:
    """Number of incidents per area and period, zeros included.

    Returns ``area_code, period, count`` with one row per area × period, so "no reports"
    is a 0, not a missing row.
    """
    codes = areas["code"].astype(str).to_numpy()
    if len(incidents):
        member = area_membership(incidents["x"].to_numpy(), incidents["y"].to_numpy(), areas)
        when = pd.to_datetime(incidents["occurred_at"]).to_numpy()
    else:
        member = np.zeros((len(areas), 0), dtype=bool)
        when = np.array([], dtype="datetime64[ns]")
    rows = []
    for text in periods:
        p = parse_indicator_period(text)
        in_period = (when >= np.datetime64(p.start)) & (when < np.datetime64(p.end))
        counts = (member & in_period[np.newaxis, :]).sum(axis=1)
        rows += [(c, text, int(k)) for c, k in zip(codes, counts, strict=True)]
    return pd.DataFrame(rows, columns=["area_code", "period", "count"])


@dataclass(frozen=True)
class RateResult:
    """Reports per 1,000 inhabitants, plus the area × period pairs that lacked a population."""

    values: pd.DataFrame
    missing_population: tuple[tuple[str, str], ...]


def rate_per_1000(counts: pd.DataFrame, values: pd.DataFrame) -> RateResult:
    """Reports per 1,000 inhabitants = 1000 · count / befolkning, same area and period.

    ``values`` are stored indicator values (the ``befolkning`` rows are used). ``n`` of
    the result is the number of reports, the base the rate rests on. Pairs without a
    population (or a population of 0) are not given a rate; they are listed.
    """
    pop = values[values["indicator_key"] == _POPULATION_KEY][["area_code", "period", "value"]]
    pop = pop.assign(area_code=pop["area_code"].astype(str), period=pop["period"].astype(str))
    merged = counts.merge(pop, on=["area_code", "period"], how="left")
    has_pop = merged["value"].notna() & (merged["value"] > 0)
    missing = tuple(
        (str(a), str(p))
        for a, p in merged.loc[~has_pop, ["area_code", "period"]].itertuples(index=False)
    )
    ok = merged[has_pop]
    out = pd.DataFrame(
        {
            "indicator_key": RATE_KEY,
            "area_code": ok["area_code"].to_numpy(),
            "period": ok["period"].to_numpy(),
            "value": 1000.0 * ok["count"].to_numpy(float) / ok["value"].to_numpy(float),
            "n": ok["count"].to_numpy(float),
        }
    )
    return RateResult(out.reset_index(drop=True), missing)


def category_shares(
    incidents: pd.DataFrame,
    areas: gpd.GeoDataFrame,
    period: str,
    tree: CategoryTree,
) -> pd.DataFrame:
    """Share of each main category among an area's incidents in ``period``.

    Returns ``area_code, category, count, total, share`` (share in percent, 0–100), one
    row per area × main category of the tree; areas without incidents have share NaN.
    """
    p = parse_indicator_period(period)
    when = pd.to_datetime(incidents["occurred_at"])
    sel = incidents[(when >= pd.Timestamp(p.start)) & (when < pd.Timestamp(p.end))]
    mains = [c.key for c in tree.main_categories()]
    main_of = np.array(
        [tree.main_of(c) if c in tree else c for c in sel["category"].astype(str)], dtype=object
    )
    member = area_membership(sel["x"].to_numpy(), sel["y"].to_numpy(), areas)
    rows = []
    for i, code in enumerate(areas["code"].astype(str)):
        cats = main_of[member[i]]
        total = int(cats.size)
        for key in mains:
            count = int((cats == key).sum())
            share = 100.0 * count / total if total else float("nan")
            rows.append((code, key, count, total, share))
    return pd.DataFrame(rows, columns=["area_code", "category", "count", "total", "share"])


def change_vs_previous(values: pd.DataFrame) -> pd.DataFrame:
    """Change of each value against the previous period of the same kind and area.

    Input: ``area_code, period, value`` (one indicator). Output adds ``previous_period,
    previous_value, change`` (absolute) and ``change_pct`` (percent of the previous value,
    NaN when the previous value is 0 or missing).
    """
    frame = values[["area_code", "period", "value"]].copy()
    frame["period"] = frame["period"].astype(str)
    frame["previous_period"] = [parse_indicator_period(p).previous().text for p in frame["period"]]
    prev = frame[["area_code", "period", "value"]].rename(
        columns={"period": "previous_period", "value": "previous_value"}
    )
    out = frame.merge(prev, on=["area_code", "previous_period"], how="left")
    out["change"] = out["value"] - out["previous_value"]
    base = out["previous_value"].where(out["previous_value"] != 0)
    out["change_pct"] = 100.0 * out["change"] / base
    return out


def suppress_small_counts(frame: pd.DataFrame, *, count_column: str, k: int) -> pd.DataFrame:
    """Public view: blank every value resting on fewer than ``k`` events.

    Returns a copy with ``value`` (and the count itself) set to NaN where the count is
    below ``k`` and a boolean ``suppressed`` column, so the page can say "färre än k"
    rather than draw a value that could point at one household.
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    out = frame.copy()
    counts = pd.to_numeric(out[count_column], errors="coerce")
    small = counts.notna() & (counts < k)
    out["suppressed"] = small.to_numpy()
    if "value" in out.columns:
        out.loc[small, "value"] = np.nan
    out[count_column] = counts.where(~small).astype(np.float64)
    return out


def published_rates(rates: pd.DataFrame, *, k: int) -> pd.DataFrame:
    """Public view of a rate: computed from the *published* count, never the exact one.

    The count ``n`` becomes :func:`est_geo.access.disclosure.published_count` (rounded to a
    multiple of ``k``, NaN below ``k``) and ``value`` is rescaled to it, so rate × the
    (public) population gives back only a published count, and a region's count minus its
    parts' counts gives no exact number (issue 14). Adds a boolean ``suppressed`` column.
    """
    out = rates.copy()
    counts = pd.to_numeric(out["n"], errors="coerce")
    published = [
        np.nan if not np.isfinite(c) else published_count(int(c), k) for c in counts.to_numpy()
    ]
    pub = pd.Series(published, index=out.index, dtype="float64")
    out["suppressed"] = (counts.notna() & pub.isna()).to_numpy()
    ratio = out["value"] / counts.where(counts > 0)
    out["value"] = (ratio * pub).where(pub.notna())
    out["n"] = pub
    return out


def covered_periods(periods: Sequence[str], first_day: date, last_day: date) -> list[str]:
    """Periods lying wholly within the incident data (``first_day``..``last_day`` inclusive).

    A rate for a year of which only three months were recorded would look like a fall
    in crime; only complete periods get a derived value.
    """
    out = []
    for text in periods:
        p = parse_indicator_period(text)
        if p.start >= first_day and p.end <= last_day + timedelta(days=1):
            out.append(text)
    return out
