"""Deterministic synthetic demo data for Norrköping: areas, incidents, interventions, indicators.

Why this exists: an EST tool is only convincing when its maps show the structure real EST
data has — a few micro-places holding a large share of all reports, evening and weekend
peaks, seasons, and interventions after which something visibly changes. Real reports
describe real people and may never be shipped, so the demo is generated: every incident
is fictive, and the area outlines are rough shapes drawn by hand around public place-name
points (see ``data/README.md``). Nothing here is a fact about any neighbourhood.

The generator is pure library code (no Streamlit), fully vectorised with numpy so that a
million incidents take seconds, and deterministic: the same ``seed`` and ``end_date`` give
byte-for-byte identical frames, so tests and screenshots are reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import (
    STORE_EPSG,
    Actor,
    LocationPrecision,
)
from est_geo.demo._scenario import (
    _A,
    _ACTORS,
    _BACKGROUND_SHARE,
    _BASE_KEEP,
    _CAT_INDEX,
    _CAT_KEYS,
    _CATEGORIES,
    _CENTRE_MIX,
    _DATE_ONLY_SHARE,
    _DELOMRADEN,
    _DESCRIPTION_SHARE,
    _EMERGING,
    _HOTSPOTS,
    _HOURS,
    _KOMMUN,
    _OMRADEN,
    _PREC_BACKGROUND,
    _PREC_HOTSPOT,
    _PREC_REST,
    _PRECISIONS,
    _RESIDENTIAL_MIX,
    _REST_MIX,
    _REST_SHARE,
    _SEASONS,
    _WEEKDAYS,
    KOMMUN_CODE,
    FloatArray,
    IntArray,
    _intervention_specs,
    _InterventionSpec,
)

__all__ = [
    "DEMO_SOURCE",
    "DemoData",
    "generate_demo",
]


#: Value of ``incidents.source`` for every generated incident.
DEMO_SOURCE = "demo"


@dataclass(frozen=True, eq=False)
class DemoData:
    """Everything the demo store is filled with.

    ``eq=False`` because frames do not compare with ``==``; compare the frames themselves
    (``pandas.testing``) instead.

    Attributes
    ----------
    areas
        ``code, name, level, parent_code, geometry`` in EPSG:3006; one kommun, seven
        områden and two delområden.
    incidents
        ``x, y, occurred_at, has_time, category, actor, precision, description, source,
        source_id``; sorted by ``occurred_at``. ``description`` is ``None`` on most rows.
    interventions
        ``name, kind, status, owner_actor, start_date, end_date, description, public, cost,
        buffer_m, geometry`` in EPSG:3006. ``end_date`` and ``cost`` may be ``None``.
    indicator_values
        ``indicator_key, area_code, period, value, n``; ``n`` is ``None`` for population.
    end_date
        Last day covered by the incidents.
    seed
        Seed the data was generated from.
    """

    areas: gpd.GeoDataFrame
    incidents: pd.DataFrame
    interventions: gpd.GeoDataFrame
    indicator_values: pd.DataFrame
    end_date: dt.date
    seed: int


# ---------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------


def generate_demo(
    *, seed: int = 2017, n_incidents: int = 20_000, end_date: dt.date | None = None
) -> DemoData:
    """Generate the Norrköping demo data set.

    Parameters
    ----------
    seed
        Seed of every random draw; the same seed and ``end_date`` give identical output.
    n_incidents
        Exact number of incident rows (0 or more).
    end_date
        Last day of the roughly three years of incidents. Defaults to today so that the
        app's "this week" always shows data; pass a date for reproducible output.

    Returns
    -------
    DemoData
        Areas, incidents, interventions and indicator values, all fictive.
    """
    if n_incidents < 0:
        raise ValueError(f"n_incidents must be >= 0, got {n_incidents}")
    end = end_date if end_date is not None else dt.date.today()
    start = _years_before(end, 3) + dt.timedelta(days=1)
    areas = _build_areas()
    specs = _intervention_specs()
    incidents, profile = _generate_incidents(
        np.random.default_rng([seed, 1]), n_incidents, start, end, areas, specs
    )
    _grow_emerging(np.random.default_rng([seed, 3]), incidents, profile, end, specs)
    return DemoData(
        areas=areas,
        incidents=incidents,
        interventions=_build_interventions(specs, end),
        indicator_values=_indicator_values(np.random.default_rng([seed, 2]), start, end),
        end_date=end,
        seed=seed,
    )


# ---------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------


def _years_before(d: dt.date, years: int) -> dt.date:
    """Same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


def _build_areas() -> gpd.GeoDataFrame:
    """The kommun, its områden and delområden as one frame, parents before children."""
    specs = (_KOMMUN, *_OMRADEN, *_DELOMRADEN)
    return gpd.GeoDataFrame(
        {
            "code": [s.code for s in specs],
            "name": [s.name for s in specs],
            "level": [s.level.value for s in specs],
            "parent_code": pd.Series([s.parent for s in specs], dtype=object),
            "geometry": [Polygon(s.outline) for s in specs],
        },
        geometry="geometry",
        crs=f"EPSG:{STORE_EPSG}",
    )


def _build_interventions(specs: Sequence[_InterventionSpec], end: dt.date) -> gpd.GeoDataFrame:
    """Interventions with dates placed relative to ``end``."""
    starts = [end + dt.timedelta(days=s.start_offset_days) for s in specs]
    ends = [
        None if s.duration_days is None else st + dt.timedelta(days=s.duration_days)
        for s, st in zip(specs, starts, strict=True)
    ]
    return gpd.GeoDataFrame(
        {
            "name": [s.name for s in specs],
            "kind": [s.kind.value for s in specs],
            "status": [s.status.value for s in specs],
            "owner_actor": [s.owner.value for s in specs],
            "start_date": pd.Series(starts, dtype=object),
            "end_date": pd.Series(ends, dtype=object),
            "description": [s.description for s in specs],
            "public": np.array([s.public for s in specs], dtype=bool),
            "cost": pd.Series([s.cost for s in specs], dtype=object),
            "buffer_m": np.array([s.buffer_m for s in specs], dtype=np.float64),
            "geometry": [s.geometry for s in specs],
        },
        geometry="geometry",
        crs=f"EPSG:{STORE_EPSG}",
    )


def _sample_in(
    rng: np.random.Generator, geom: BaseGeometry, k: int
) -> tuple[FloatArray, FloatArray]:
    """``k`` uniform points inside ``geom`` by vectorised rejection sampling."""
    xmin, ymin, xmax, ymax = geom.bounds
    ratio = max(geom.area / ((xmax - xmin) * (ymax - ymin)), 0.05)
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    got = 0
    while got < k:
        m = int((k - got) / ratio * 1.2) + 16
        x = rng.uniform(xmin, xmax, m)
        y = rng.uniform(ymin, ymax, m)
        inside = shapely.contains_xy(geom, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        got += int(inside.sum())
    return np.concatenate(xs)[:k], np.concatenate(ys)[:k]


def _draw_categories(rng: np.random.Generator, mix: Mapping[str, float], k: int) -> IntArray:
    """Category indices for ``k`` incidents drawn from a category mix."""
    idx = np.array([_CAT_INDEX[c] for c in mix], dtype=np.int64)
    p = np.array(list(mix.values()), dtype=np.float64)
    return idx[rng.choice(len(idx), size=k, p=p / p.sum())]


def _day_weights(start: dt.date, n_days: int, phase: float) -> tuple[FloatArray, IntArray]:
    """Per-category weights of every day (weekday × season × trend × New Year).

    The trend is common to all categories and places so that a control area cancels it
    when an intervention is evaluated.
    """
    days = np.datetime64(start, "D") + np.arange(n_days)
    dow = (start.weekday() + np.arange(n_days)) % 7
    months = days.astype("datetime64[M]")
    month = months.astype(np.int64) % 12
    dom = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    new_year = ((month == 11) & (dom == 31)) | ((month == 0) & (dom == 1))
    t = np.arange(n_days) / max(n_days - 1, 1)
    trend = 1.0 + 0.10 * np.sin(2 * np.pi * 1.3 * t + phase) - 0.08 * (t - 0.5)
    w = np.empty((len(_CAT_KEYS), n_days))
    for i, key in enumerate(_CAT_KEYS):
        spec = _CATEGORIES[key]
        w[i] = (
            _WEEKDAYS[spec.weekdays][dow]
            * _SEASONS[spec.season][month]
            * trend
            * np.where(new_year, spec.new_year, 1.0)
        )
    return w, np.asarray(dow, dtype=np.int64)


def _spring_forward_days(start: dt.date, end: dt.date) -> list[int]:
    """Day indices of the last Sunday of March (02:00–03:00 does not exist in Sweden)."""
    out: list[int] = []
    for year in range(start.year, end.year + 1):
        d = dt.date(year, 3, 31)
        d -= dt.timedelta(days=(d.weekday() - 6) % 7)
        if start <= d <= end:
            out.append((d - start).days)
    return out


def _generate_incidents(
    rng: np.random.Generator,
    n: int,
    start: dt.date,
    end: dt.date,
    areas: gpd.GeoDataFrame,
    specs: Sequence[_InterventionSpec],
) -> tuple[pd.DataFrame, IntArray]:
    """Candidates → times → intervention thinning → exactly ``n`` rows → attributes.

    Also returns each row's origin: 0 hot spot, 1 område background, 2 rest of town.
    """
    n_days = (end - start).days + 1
    day_w, dow_of_day = _day_weights(start, n_days, float(rng.uniform(0, 2 * np.pi)))
    day_cdf = np.cumsum(day_w, axis=1)
    kommun = areas.geometry.iloc[0]
    omraden = [Polygon(s.outline) for s in _OMRADEN]
    end_offsets = {s.name: (end - start).days for s in specs}

    factor = 1.0 / _BASE_KEEP * 1.06
    while True:
        n_cand = int(n * factor) + 64
        x, y, cat, prec_p_idx = _candidate_places(rng, n_cand, kommun, omraden)
        day = np.empty(n_cand, dtype=np.int64)
        hour = np.empty(n_cand, dtype=np.int64)
        for i in range(len(_CAT_KEYS)):
            sel = np.flatnonzero(cat == i)
            u = rng.random(sel.size) * day_cdf[i, -1]
            day[sel] = np.minimum(np.searchsorted(day_cdf[i], u, side="right"), n_days - 1)
            hour[sel] = rng.choice(24, size=sel.size, p=_HOURS[_CATEGORIES[_CAT_KEYS[i]].hours])
        keep_p = np.full(n_cand, _BASE_KEEP)
        for spec in specs:
            keep_p *= _effect(spec, x, y, cat, day, hour, start, end_offsets[spec.name])
        survivors = np.flatnonzero(rng.random(n_cand) < keep_p)
        if survivors.size >= n:
            break
        factor *= 1.25  # practically never; keeps the count exact whatever the effects
    chosen = np.sort(rng.choice(survivors, size=n, replace=False))
    x, y, cat, day, hour = x[chosen], y[chosen], cat[chosen], day[chosen], hour[chosen]
    prec_p_idx = prec_p_idx[chosen]
    minute = rng.integers(0, 60, size=n)
    hour = np.where(np.isin(day, _spring_forward_days(start, end)) & (hour == 2), 3, hour)
    # Date-only reports keep their true hour for who reported them, but show 00:00.
    has_time = rng.random(n) >= _DATE_ONLY_SHARE
    shown_h = np.where(has_time, hour, 0)
    shown_m = np.where(has_time, minute, 0)

    order = np.lexsort((shown_m, shown_h, day))  # chronological; ties keep candidate order
    x, y, cat, day, hour = x[order], y[order], cat[order], day[order], hour[order]
    shown_h, shown_m, has_time = shown_h[order], shown_m[order], has_time[order]
    prec_p_idx = prec_p_idx[order]

    actor = _draw_actors(rng, cat, hour, x, y, dow_of_day[day])
    precision = _draw_precision(rng, prec_p_idx)
    x, y = _coarsen_area_points(x, y, precision, kommun, omraden)
    occurred = (np.datetime64(start, "D") + day).astype("datetime64[ns]") + (
        (shown_h * 3600 + shown_m * 60) * 1_000_000_000
    ).astype("timedelta64[ns]")

    width = max(6, len(str(n)))
    numbers = np.arange(1, n + 1).astype(f"U{width}")
    ids = np.char.add("demo-", np.char.zfill(numbers, width)) if n else np.array([], dtype=str)
    frame = pd.DataFrame(
        {
            "x": np.round(x, 1),
            "y": np.round(y, 1),
            "occurred_at": pd.Series(occurred, dtype="datetime64[ns]"),
            "has_time": has_time,
            "category": np.asarray(_CAT_KEYS, dtype=object)[cat],
            "actor": np.asarray([a.value for a in _ACTORS], dtype=object)[actor],
            "precision": np.asarray([p.value for p in _PRECISIONS], dtype=object)[precision],
            "description": pd.Series(_draw_descriptions(rng, cat), dtype=object),
            "source": np.full(n, DEMO_SOURCE, dtype=object),
            "source_id": ids.astype(object),
        }
    )
    return frame, prec_p_idx


def _grow_emerging(
    rng: np.random.Generator,
    incidents: pd.DataFrame,
    profile: IntArray,
    end: dt.date,
    specs: Sequence[_InterventionSpec],
) -> None:
    """Move late scattered reports to the :data:`_EMERGING` places (in place).

    ``profile`` is each row's origin (0 hot spot, 1 område background, 2 rest of town).

    A separate random stream, so every other draw of the demo is unchanged.
    """
    if incidents.empty:
        return
    age = (pd.Timestamp(end) - incidents["occurred_at"].dt.normalize()).dt.days.to_numpy()
    precise = (
        incidents["precision"]
        .isin([LocationPrecision.EXACT.value, LocationPrecision.ADDRESS.value])
        .to_numpy()
    )
    x = incidents["x"].to_numpy(float)
    y = incidents["y"].to_numpy(float)
    near_interventions = shapely.union_all(
        [s.geometry.buffer(s.buffer_m + s.displacement_ring_m + 100.0) for s in specs]
    )
    free = precise & ~shapely.contains_xy(near_interventions, x, y)
    for place in _EMERGING:
        home = next(
            Polygon(a.outline)
            for a in _OMRADEN
            if Polygon(a.outline).contains(shapely.Point(place.x, place.y))
        )
        source = free & ((profile == 2) | ((profile == 1) & shapely.contains_xy(home, x, y)))
        since = place.weeks * 7 - age  # days since the place started drawing reports
        p = place.final_share * np.clip(since / (place.ramp_weeks * 7), 0.0, 1.0)
        moved = np.flatnonzero(source & (rng.random(len(incidents)) < p))
        free[moved] = False
        incidents.loc[moved, "x"] = np.round(place.x + rng.normal(0.0, place.sigma, moved.size), 1)
        incidents.loc[moved, "y"] = np.round(place.y + rng.normal(0.0, place.sigma, moved.size), 1)


def _candidate_places(
    rng: np.random.Generator, n_cand: int, kommun: BaseGeometry, omraden: Sequence[Polygon]
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Points, categories and precision profile (0 hot spot, 1 background, 2 rest)."""
    weights = [h.share for h in _HOTSPOTS]
    rates = np.array([s.population * s.report_rate for s in _OMRADEN], dtype=np.float64)
    weights += list(_BACKGROUND_SHARE * rates / rates.sum())
    weights.append(_REST_SHARE)
    counts = rng.multinomial(n_cand, np.array(weights) / sum(weights))
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    cats: list[IntArray] = []
    profile: list[IntArray] = []
    for h, k in zip(_HOTSPOTS, counts[: len(_HOTSPOTS)], strict=True):
        xs.append(h.x + rng.normal(0.0, h.sigma, k))
        ys.append(h.y + rng.normal(0.0, h.sigma, k))
        cats.append(_draw_categories(rng, h.mix, int(k)))
        profile.append(np.zeros(k, dtype=np.int64))
    bg_counts = counts[len(_HOTSPOTS) : len(_HOTSPOTS) + len(_OMRADEN)]
    for spec, poly, k in zip(_OMRADEN, omraden, bg_counts, strict=True):
        px, py = _sample_in(rng, poly, int(k))
        xs.append(px)
        ys.append(py)
        mix = _CENTRE_MIX if spec.code == "NKP-INN" else _RESIDENTIAL_MIX
        cats.append(_draw_categories(rng, mix, int(k)))
        profile.append(np.ones(k, dtype=np.int64))
    # Rest of the kommun: mostly the rest of the town, some countryside.
    k_rest = int(counts[-1])
    k_town = int(rng.binomial(k_rest, 0.75))
    town_x = 568500 + rng.normal(0.0, 3500.0, k_town)
    town_y = 6494500 + rng.normal(0.0, 2500.0, k_town)
    rx, ry = _sample_in(rng, kommun, k_rest - k_town)
    xs += [town_x, rx]
    ys += [town_y, ry]
    cats.append(_draw_categories(rng, _REST_MIX, k_rest))
    profile.append(np.full(k_rest, 2, dtype=np.int64))
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    # Any tail point that left the kommun is redrawn uniformly inside it.
    outside = np.flatnonzero(~shapely.contains_xy(kommun, x, y))
    if outside.size:
        x[outside], y[outside] = _sample_in(rng, kommun, outside.size)
    return x, y, np.concatenate(cats), np.concatenate(profile)


def _effect(
    spec: _InterventionSpec,
    x: FloatArray,
    y: FloatArray,
    cat: IntArray,
    day: IntArray,
    hour: IntArray,
    start: dt.date,
    last_day: int,
) -> FloatArray:
    """Multiplier on each candidate's keep probability caused by one intervention."""
    out = np.ones(x.size)
    if not spec.effect:
        return out
    s = last_day + spec.start_offset_days  # day index of the start
    active = day >= s
    if spec.duration_days is not None and not spec.effect_persists:
        active &= day < s + spec.duration_days
    if spec.night_only:
        active &= (hour >= 20) | (hour < 5)
    zone = spec.geometry.buffer(spec.buffer_m) if spec.buffer_m > 0 else spec.geometry
    in_zone = shapely.contains_xy(zone, x, y)
    mult = np.ones(len(_CAT_KEYS))
    for key, f in spec.effect.items():
        mult[_CAT_INDEX[key]] = f
    out = np.where(active & in_zone, mult[cat], out)
    if spec.displacement_ring_m > 0:
        ring = shapely.contains_xy(zone.buffer(spec.displacement_ring_m), x, y) & ~in_zone
        affected = mult[cat] != 1.0
        out = np.where(active & ring & affected, spec.displacement_factor, out)
    return out


def _draw_actors(
    rng: np.random.Generator,
    cat: IntArray,
    hour: IntArray,
    x: FloatArray,
    y: FloatArray,
    dow: IntArray,
) -> IntArray:
    """Reporting actor per incident: a per-category mix, väktare at night, schools by day."""
    n = cat.size
    table = np.zeros((len(_CAT_KEYS), len(_ACTORS)))
    for i, key in enumerate(_CAT_KEYS):
        for who, p in _CATEGORIES[key].actors.items():
            table[i, _A[who]] = p
    cdf = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(n)
    actor = np.minimum((u[:, None] > cdf[cat]).sum(axis=1), len(_ACTORS) - 1).astype(np.int64)
    # Security guards are out at night: they file a share of night reports.
    night = (hour >= 22) | (hour < 5)
    guard_ok = ~np.isin(
        cat, [_CAT_INDEX["ordning.vald"], _CAT_INDEX["ordning.ran"], _CAT_INDEX["arrangemang"]]
    )
    actor = np.where(night & guard_ok & (rng.random(n) < 0.15), _A[Actor.VAKTARBOLAG], actor)
    # Staff at the Hageby school report what they find on the school yard on weekdays.
    school = next(h for h in _HOTSPOTS if h.name == "Hageby, skolgård")
    near_school = (x - school.x) ** 2 + (y - school.y) ** 2 < (3 * school.sigma) ** 2
    school_day = near_school & (dow < 5) & (hour >= 7) & (hour < 17)
    actor = np.where(school_day & (rng.random(n) < 0.5), _A[Actor.SKOLA], actor)
    return np.asarray(actor, dtype=np.int64)


def _draw_precision(rng: np.random.Generator, profile: IntArray) -> IntArray:
    """Location precision per incident, mostly exact or address."""
    cdfs = np.cumsum(np.vstack([_PREC_HOTSPOT, _PREC_BACKGROUND, _PREC_REST]), axis=1)
    u = rng.random(profile.size)
    prec = (u[:, None] > cdfs[profile]).sum(axis=1)
    return np.asarray(np.minimum(prec, len(_PRECISIONS) - 1), dtype=np.int64)


def _coarsen_area_points(
    x: FloatArray,
    y: FloatArray,
    precision: IntArray,
    kommun: BaseGeometry,
    omraden: Sequence[Polygon],
) -> tuple[FloatArray, FloatArray]:
    """Move area-precision points to where a real system would put them.

    Only the area is known for these reports, so their point is the område's
    representative point (or the centre of a 1 km grid cell outside the områden). This
    deliberately creates fake spikes that the analysis must not treat as micro-places.
    """
    x = x.copy()
    y = y.copy()
    is_area = precision == _PRECISIONS.index(LocationPrecision.AREA)
    placed = np.zeros(x.size, dtype=bool)
    for spec, poly in zip(_OMRADEN, omraden, strict=True):
        m = is_area & ~placed & shapely.contains_xy(poly, x, y)
        px, py = spec.area_point if spec.area_point else (poly.centroid.x, poly.centroid.y)
        x[m], y[m] = px, py
        placed |= m
    rest = np.flatnonzero(is_area & ~placed)
    gx = np.floor(x[rest] / 1000.0) * 1000.0 + 500.0
    gy = np.floor(y[rest] / 1000.0) * 1000.0 + 500.0
    ok = shapely.contains_xy(kommun, gx, gy)
    x[rest[ok]] = gx[ok]
    y[rest[ok]] = gy[ok]
    return x, y


def _draw_descriptions(rng: np.random.Generator, cat: IntArray) -> npt.NDArray[np.object_]:
    """Short fictive Swedish report texts on a minority of rows, ``None`` elsewhere."""
    out = np.full(cat.size, None, dtype=object)
    has = rng.random(cat.size) < _DESCRIPTION_SHARE
    pick = rng.random(cat.size)
    for i, key in enumerate(_CAT_KEYS):
        phrases = np.asarray(_CATEGORIES[key].phrases, dtype=object)
        m = np.flatnonzero(has & (cat == i))
        out[m] = phrases[(pick[m] * len(phrases)).astype(np.int64)]
    return out


# ---------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------

_SURVEY_N: Mapping[str, tuple[int, int]] = {  # (trygghetsindex n, kundnöjdhet n) per year
    KOMMUN_CODE: (2400, 1800),
    "NKP-KLO": (210, 160),
    "NKP-NAV": (320, 240),
    "NKP-HAG": (260, 200),
    "NKP-LJU": (190, 140),
    "NKP-MAR": (150, 90),
    "NKP-VIL": (140, 110),
    "NKP-INN": (380, 120),
    "NKP-KLO-C": (24, 19),  # deliberately small: exercises small-area warnings
    "NKP-NAV-R": (85, 60),
}


def _indicator_values(rng: np.random.Generator, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Yearly fictive indicator values for the kommun, områden and delområden.

    Vulnerable areas have a worse safety index and lower satisfaction; Klockaretorpet
    (and its centrum) improve year by year, as the EST story of the demo has it.
    """
    rows: list[tuple[str, str, str, float, float | None]] = []
    years = list(range(start.year, end.year + 1))
    for spec in (_KOMMUN, *_OMRADEN, *_DELOMRADEN):
        improving = spec.code.startswith("NKP-KLO")
        n_tr, n_nki = _SURVEY_N[spec.code]
        pop = float(spec.population)
        for j, year in enumerate(years):
            period = str(year)
            pop *= 1.0 + (0.008 if j else 0.0) + rng.normal(0.0, 0.006)
            rows.append(("befolkning", spec.code, period, float(round(pop)), None))
            trend = -0.25 * j if improving else 0.0
            tr = float(np.clip(spec.trygghet + trend + rng.normal(0.0, 0.08), 0.0, 6.0))
            n = float(max(10, round(n_tr * (1.0 + rng.normal(0.0, 0.08)))))
            rows.append(("trygghetsindex", spec.code, period, round(tr, 2), n))
            nki = spec.nki + (2.0 * j if improving else 0.0) + rng.normal(0.0, 1.2)
            n = float(max(10, round(n_nki * (1.0 + rng.normal(0.0, 0.08)))))
            rows.append(
                ("kundnojdhet", spec.code, period, round(float(np.clip(nki, 0, 100)), 1), n)
            )
            fb = spec.forening + (1.5 * j if improving else 0.0) + rng.normal(0.0, 1.0)
            children = float(round(pop * 0.17))
            rows.append(
                ("foreningsaktiva_barn", spec.code, period, round(float(np.clip(fb, 0, 100)), 1),
                 children)
            )  # fmt: skip
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return pd.DataFrame(
        {
            "indicator_key": [r[0] for r in rows],
            "area_code": [r[1] for r in rows],
            "period": [r[2] for r in rows],
            "value": np.array([r[3] for r in rows], dtype=np.float64),
            "n": pd.Series([r[4] for r in rows], dtype=object),
        }
    )
