"""Attacks on the public site's promise: no count below k from any combination (issue 14).

The adversary of issue 14 recovered counts below k from the public aggregates in three
ways; each is played here against what :mod:`est_geo.public.release` now publishes, followed by a
generic differencing search and an LP audit over everything one day publishes, and over
two consecutive days:

1. complementary differencing — "Alla" minus the shown main categories of an area (the
   issue's Vilbergen "Arrangemang färre än 5" → 1);
2. share × n — the public Indikatorer share of a category times its n;
3. rolling windows — two days' visits differing by single incidents.

What an attacker knows of a published cell: a shown count ``p`` means a true count in
:func:`est_geo.access.disclosure.rounding_interval`; a hidden one means only "≥ 0" (they cannot
tell a primary from a complementary suppression). A *disclosure* is a linear combination
of published cells whose true value is pinned to one number in 1..k−1 (an exact zero is
not an incident and is not counted). Each search is also run against a naive publication
(exact counts, primary suppression only — the design issue 14 broke), where it must find
disclosures: so the searches can fail.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from est_geo.access.disclosure import ClosedPeriod, closed_periods, rounding_interval
from est_geo.core.model import CategoryTree
from est_geo.demo.generate import generate_demo
from est_geo.indicators.derived_layers import share_layers
from est_geo.public.release import ALL, CELL_SIZES, PublicRelease, build_release, public_areas

K = 5
DEMO_END = dt.date(2026, 12, 6)
TODAY = dt.date(2026, 12, 7)
INF = math.inf
Interval = tuple[float, float]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class World:
    incidents: pd.DataFrame
    areas: gpd.GeoDataFrame  # the public areas, EPSG:3006
    tree: CategoryTree


def _sparse_rows(areas: gpd.GeoDataFrame) -> pd.DataFrame:
    """21 rare reports like the issue's: a few 'arrangemang' and 'otrygg plats' per area."""
    rows = []
    rng = np.random.default_rng(21)
    for i in range(21):
        geom = areas.geometry.iloc[i % len(areas)]
        point = geom.representative_point()
        day = dt.datetime(2026, 7, 1) + dt.timedelta(days=int(rng.integers(0, 150)), hours=20)
        rows.append(
            {
                "x": point.x + float(rng.uniform(-30, 30)),
                "y": point.y + float(rng.uniform(-30, 30)),
                "occurred_at": day,
                "category": "arrangemang" if i % 3 else "otrygg_plats.insyn",
            }
        )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def world() -> World:
    demo = generate_demo(seed=2017, n_incidents=3_000, end_date=DEMO_END)
    areas = public_areas(demo.areas)
    base = demo.incidents[["x", "y", "occurred_at", "category"]]
    incidents = pd.concat([base, _sparse_rows(areas)], ignore_index=True)
    return World(incidents, areas, CategoryTree.default())


def _periods(today: dt.date, first: dt.date) -> list[ClosedPeriod]:
    """What the page offers (ui.public_data.PERIOD_LIMITS)."""
    return closed_periods("kvartal", today=today, first_day=first, limit=8) + closed_periods(
        "ar", today=today, first_day=first, limit=5
    )


def _publish(world: World, today: dt.date) -> dict[ClosedPeriod, PublicRelease]:
    """Everything the public site shows on ``today``: one release per offered period."""
    first = pd.Timestamp(world.incidents["occurred_at"].min()).date()
    return {
        p: build_release(world.incidents, world.areas, world.tree, p, k=K)
        for p in _periods(today, first)
    }


def _naive(release: PublicRelease, world: World) -> PublicRelease:
    """The design issue 14 broke: exact counts, primary suppression only (a control)."""
    period = release.period
    when = pd.to_datetime(world.incidents["occurred_at"])
    sel = world.incidents[
        ((when >= pd.Timestamp(period.start)) & (when < pd.Timestamp(period.end))).to_numpy()
    ]
    true = _true_area_counts(sel, world)
    month_key = pd.to_datetime(sel["occurred_at"]).dt.strftime("%Y-%m")
    main = _mains(sel, world.tree)
    months = {
        (m, c): int(((month_key == m) & ((main == c) | (c == ALL))).sum())
        for m in release.months
        for c in release.categories
    }
    return replace(
        release,
        area_counts={cell: (n if n >= K else None) for cell, n in true.items()},
        month_counts={cell: (n if n >= K else None) for cell, n in months.items()},
    )


def _mains(sel: pd.DataFrame, tree: CategoryTree) -> pd.Series:
    return sel["category"].map(lambda c: tree.main_of(c) if c in tree else "?")


def _true_area_counts(sel: pd.DataFrame, world: World) -> dict[tuple[str, str], int]:
    main = _mains(sel, world.tree)
    out = {}
    for code, geom in zip(world.areas["code"], world.areas.geometry, strict=True):
        inside = pd.Series(
            [
                geom.covers(gpd.points_from_xy([x], [y])[0])
                for x, y in zip(sel["x"], sel["y"], strict=True)
            ],
            index=sel.index,
            dtype=bool,
        )
        out[(str(code), ALL)] = int(inside.sum())
        for cat in world.tree.main_categories():
            out[(str(code), cat.key)] = int((inside & (main == cat.key)).sum())
    return out


# --------------------------------------------------------------------------- intervals


def _known(value: int | None) -> Interval:
    """What a published cell tells about its true count."""
    if value is None:
        return (0.0, INF)
    lo, hi = rounding_interval(value, K)
    return (float(lo), float(hi))


def _exact(value: int | None) -> Interval:
    """The naive publication's cells: exact when shown, below k when hidden."""
    return (0.0, float(K - 1)) if value is None else (float(value), float(value))


def _difference(total: Interval, parts: Iterable[Interval]) -> Interval:
    lo, hi = total
    for p_lo, p_hi in parts:
        lo, hi = lo - p_hi, hi - p_lo
    return (max(lo, 0.0), hi)


def _pinned_below_k(interval: Interval) -> bool:
    lo, hi = interval
    return math.isfinite(hi) and math.ceil(lo) == math.floor(hi) and 1 <= math.ceil(lo) < K


def _subsets(items: Sequence[int], limit: int = 12) -> Iterator[tuple[int, ...]]:
    """Every non-empty subset of a line's shown parts (pairs only for long lines)."""
    sizes = range(1, len(items) + 1) if len(items) <= limit else range(1, 3)
    for size in sizes:
        yield from itertools.combinations(items, size)


# --------------------------------------------------------------------------- the searches


def _line_findings(
    total: int | None, parts: Sequence[int | None], know: object, where: str
) -> list[str]:
    """Total minus every subset of shown parts: the rest must not be pinned below k."""
    read = _known if know is _known else _exact
    if total is None:
        return []
    shown = [i for i, p in enumerate(parts) if p is not None]
    found = []
    for subset in _subsets(shown):
        rest = _difference(read(total), [read(parts[i]) for i in subset])
        if _pinned_below_k(rest) and len(subset) < len(parts):
            found.append(f"{where}: total − parts {subset} = {rest}")
    return found


def _margin_search(release: PublicRelease, know: object = _known) -> list[str]:
    """Each area's "Alla" vs its categories; each month's "Alla" vs its categories."""
    mains = [c for c in release.categories if c != ALL]
    found = []
    for code in release.areas["code"]:
        found += _line_findings(
            release.area_counts[(code, ALL)],
            [release.area_counts[(code, c)] for c in mains],
            know,
            f"{release.period.key} area {code}",
        )
    for month in release.months:
        found += _line_findings(
            release.month_counts[(month, ALL)],
            [release.month_counts[(month, c)] for c in mains],
            know,
            f"{release.period.key} month {month}",
        )
    return found


def _cross_table_search(release: PublicRelease, know: object = _known) -> list[str]:
    """The months of a category add up to the same total as its areas (+ outside ≥ 0).

    An attacker who knows the areas cover everything (outside = 0) can take the months'
    sum as the areas' total, and the other way round.
    """
    read = _known if know is _known else _exact
    found = []
    for cat in release.categories:
        months = [release.month_counts[(m, cat)] for m in release.months]
        areas = [release.area_counts[(a, cat)] for a in release.areas["code"]]
        for total_side, parts_side, name in ((months, areas, "areas"), (areas, months, "months")):
            if any(v is None for v in total_side):
                continue
            total = (sum(read(v)[0] for v in total_side), sum(read(v)[1] for v in total_side))
            shown = [v for v in parts_side if v is not None]
            if len(shown) == len(parts_side):
                continue
            rest = _difference(total, [read(v) for v in shown])
            if _pinned_below_k(rest):
                found.append(f"{release.period.key} {cat or 'Alla'}: hidden {name} = {rest}")
    return found


def _year_vs_quarters(releases: Mapping[ClosedPeriod, PublicRelease]) -> list[str]:
    """A year's cell minus its shown quarters' cells (same area and category)."""
    found = []
    for year, rel in releases.items():
        if year.kind != "ar":
            continue
        quarters = [p for p in releases if p.kind == "kvartal" and p.start.year == year.start.year]
        if len(quarters) != 4:
            continue
        for cell, total in rel.area_counts.items():
            parts = [releases[q].area_counts[cell] for q in quarters]
            found += _line_findings(total, parts, _known, f"{year.key} vs quarters {cell}")
    return found


_CELL_ID = re.compile(r"(\d+)m_E(-?\d+)_N(-?\d+)")


def _cells(release: PublicRelease, size: int, cat: str) -> dict[tuple[int, int], int]:
    frame = release.cells[(size, cat)]
    out = {}
    for label, count in zip(frame["label"], frame["count"], strict=True):
        _, ix, iy = map(int, _CELL_ID.fullmatch(label).groups())  # type: ignore[union-attr]
        out[(ix, iy)] = int(count)
    return out


def _grid_search(
    release: PublicRelease, areas: gpd.GeoDataFrame, know: object = _known
) -> list[str]:
    """A 500 m cell minus its shown 250 m / 100 m children; an area minus its shown cells.

    Cells below k are left out, so a missing child is hidden (true value 0..k−1).
    """
    read = _known if know is _known else _exact
    found = []
    for cat in release.categories:
        big = _cells(release, 500, cat)
        for child_size in (250, 100):
            small = _cells(release, child_size, cat)
            n = 500 // child_size
            for (ix, iy), value in big.items():
                kids = [small.get((ix * n + i, iy * n + j)) for i in range(n) for j in range(n)]
                shown = [read(v) for v in kids if v is not None]
                if len(shown) == len(kids):
                    continue
                rest = _difference(read(value), shown)
                if _pinned_below_k(rest):
                    found.append(
                        f"{release.period.key} {cat}: 500 m cell {ix},{iy} − {child_size} m"
                    )
        for code, geom in zip(areas["code"], areas.geometry, strict=True):
            total = release.area_counts[(str(code), cat)]
            if total is None:
                continue
            for size in CELL_SIZES:
                inside = [
                    v
                    for (ix, iy), v in _cells(release, size, cat).items()
                    if geom.contains(_box(ix, iy, size))
                ]
                rest = _difference(read(total), [read(v) for v in inside])
                if _pinned_below_k(rest):
                    found.append(f"{release.period.key} {cat}: area {code} − {size} m cells")
    return found


def _box(ix: int, iy: int, size: int) -> object:
    from shapely.geometry import box

    return box(ix * size, iy * size, (ix + 1) * size, (iy + 1) * size)


def _two_day_search(
    day1: Mapping[ClosedPeriod, PublicRelease], day2: Mapping[ClosedPeriod, PublicRelease]
) -> list[str]:
    """Every cell published on both days: day 2 minus day 1 must not pin a small count."""
    found = []
    for period in day1.keys() & day2.keys():
        a, b = day1[period], day2[period]
        # (name, day 1, day 2, a missing value is a left-out grid cell: below k)
        pairs: list[tuple[str, int | None, int | None, bool]] = []
        for cell in a.area_counts:
            pairs.append((f"area {cell}", a.area_counts[cell], b.area_counts[cell], False))
        for cell in a.month_counts:
            pairs.append((f"month {cell}", a.month_counts[cell], b.month_counts[cell], False))
        for size, cat in a.cells:
            one, two = _cells(a, size, cat), _cells(b, size, cat)
            for key in one.keys() | two.keys():
                pairs.append((f"{size} m {cat} {key}", one.get(key), two.get(key), True))
        for name, v1, v2, left_out in pairs:
            (lo1, hi1), (lo2, hi2) = _known(v1), _known(v2)
            if left_out:
                hi1 = K - 1 if v1 is None else hi1
                hi2 = K - 1 if v2 is None else hi2
            diff = (lo2 - hi1, hi2 - lo1)
            if _pinned_below_k(diff) or _pinned_below_k((-diff[1], -diff[0])):
                found.append(f"{period.key} {name}: day 2 − day 1 = {diff}")
    return found


# --------------------------------------------------------------------------- LP audit


def _lp_audit(releases: Sequence[PublicRelease], world: World, know: object = _known) -> list[str]:
    """Min and max of every hidden area/month cell over all counts consistent with the tables.

    Unknowns are the counts of (area or outside, main category or other, month) over the
    months the releases cover; each published cell bounds the sum of its unknowns. A hidden
    cell whose min and max enclose a single whole number in 1..k−1 is disclosed. (LP
    relaxation: an outer bound of what integer reasoning can reach.)
    """
    read = _known if know is _known else _exact
    months = sorted({m for r in releases for m in r.months})
    regions = [*map(str, world.areas["code"]), "~outside"]
    # Every category is in the tree (true of this data; the strongest attacker knows it).
    cats = [c.key for c in world.tree.main_categories()]
    index = {atom: i for i, atom in enumerate(itertools.product(regions, cats, months))}
    rows, lows, highs, labels, hidden_rows = [], [], [], [], []

    def expr(region: str | None, cat: str, in_months: Iterable[str]) -> np.ndarray:
        vec = np.zeros(len(index))
        for r in regions if region is None else [region]:
            for c in cats if cat == ALL else [cat]:
                for m in in_months:
                    vec[index[(r, c, m)]] = 1.0
        return vec

    for rel in releases:
        for (code, cat), value in rel.area_counts.items():
            rows.append(expr(code, cat, rel.months))
            lows.append(read(value)[0])
            highs.append(read(value)[1])
            labels.append(f"{rel.period.key} area {code} {cat or 'Alla'}")
            hidden_rows.append(value is None)
        for (month, cat), value in rel.month_counts.items():
            rows.append(expr(None, cat, [month]))
            lows.append(read(value)[0])
            highs.append(read(value)[1])
            labels.append(f"{rel.period.key} month {month} {cat or 'Alla'}")
            hidden_rows.append(value is None)
    a = np.array(rows)
    finite = [i for i, h in enumerate(highs) if math.isfinite(h)]
    a_ub = np.vstack([a[finite], -a])
    b_ub = np.concatenate([np.array(highs)[finite], -np.array(lows)])
    found = []
    for i, is_hidden in enumerate(hidden_rows):
        if not is_hidden:
            continue
        low = linprog(a[i], A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        high = linprog(-a[i], A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
        assert low.status == 0, f"the published tables are infeasible: {low.message}"
        top = -high.fun if high.status == 0 else INF
        if _pinned_below_k((low.fun - 1e-6, top + 1e-6)):
            found.append(f"{labels[i]} ∈ [{low.fun:.2f}, {top:.2f}]")
    return found


# --------------------------------------------------------------------------- tests


def test_closed_periods_only(world: World) -> None:
    releases = _publish(world, TODAY)
    assert releases, "nothing published"
    for period in releases:
        assert period.end <= TODAY, period.key  # published after it ends
        assert all(m.end <= TODAY for m in period.months())
    assert {p.key for p in releases} >= {"2026-Q3", "2025"}
    assert "2026-Q4" not in {p.key for p in releases}  # the running quarter


def test_attack_1_complementary_differencing(world: World) -> None:
    releases = _publish(world, TODAY)
    last_quarter = releases[ClosedPeriod(dt.date(2026, 7, 1), "kvartal")]
    # The data has what the attack needs: areas with a hidden category.
    hidden = [cell for cell, v in last_quarter.area_counts.items() if v is None and cell[1]]
    assert hidden
    assert _margin_search(_naive(last_quarter, world), know=_exact), "control found nothing"
    for release in releases.values():
        assert _margin_search(release) == []


def test_attack_2_share_times_n(world: World) -> None:
    """Public shares: share × n is a published count (a multiple of k ≥ k), or blank."""
    areas = world.areas
    out = share_layers(world.incidents, areas, world.tree, ["2025"], public_k=K)
    values = out.values.dropna(subset=["value"])
    assert not values.empty and any(out.hidden.values())
    numerators = values["value"] / 100.0 * values["n"]
    assert (numerators.round(6) % K == 0).all()
    assert (numerators.round(6) >= K).all()
    assert (values["n"] % K == 0).all()
    # Within an area, n minus the shown numerators is never one hidden category alone.
    for code, group in out.values.groupby("area_code"):
        shown = group["value"].notna().sum()
        assert shown == 0 or shown != len(group) - 1, code
    # Control: the exact shares of the old design give counts below k.
    exact = share_layers(world.incidents, areas, world.tree, ["2025"], public_k=None).values
    small = exact["value"] / 100.0 * exact["n"]
    assert ((small.round(6) >= 1) & (small.round(6) < K)).any()


def _rolling_window_counts(world: World, day: dt.date) -> dict[tuple[str, str], int]:
    """The old public page: the 91 days ending ``day``, exact per area × category."""
    when = pd.to_datetime(world.incidents["occurred_at"])
    end = pd.Timestamp(day + dt.timedelta(days=1))
    sel = world.incidents[((when >= end - pd.Timedelta(days=91)) & (when < end)).to_numpy()]
    return _true_area_counts(sel, world)


def test_attack_3_rolling_windows_over_fourteen_days(world: World) -> None:
    """Fourteen consecutive days (across a quarter's and a year's end) publish closed
    periods only, each period's figures the same every day it is shown."""
    days = [dt.date(2026, 12, 25) + dt.timedelta(days=i) for i in range(14)]
    first = pd.Timestamp(world.incidents["occurred_at"].min()).date()
    built: dict[ClosedPeriod, PublicRelease] = {}
    for day in days:
        offered = set(_periods(day, first))
        assert all(p.end <= day for p in offered)  # nothing still running
        for period in offered:
            if period not in built:
                built[period] = build_release(world.incidents, world.areas, world.tree, period, k=K)
    # A release depends on its period and the data only: built again, it is identical.
    again = build_release(world.incidents, world.areas, world.tree, min(built), k=K)
    assert again.area_counts == built[min(built)].area_counts
    assert again.month_counts == built[min(built)].month_counts
    assert ClosedPeriod(dt.date(2026, 10, 1), "kvartal") in built  # published on 1 January
    assert ClosedPeriod(dt.date(2026, 1, 1), "ar") in built
    # Control: the old 91-day window changes by exactly one between consecutive days.
    ones = 0
    previous = _rolling_window_counts(world, days[0])
    for day in days[1:4]:
        current = _rolling_window_counts(world, day)
        ones += sum(abs(current[c] - previous[c]) == 1 for c in current)
        previous = current
    assert ones > 0


def test_two_days_with_a_late_report(world: World) -> None:
    """Day 2 adds one late report to the last closed quarter: no small count appears."""
    day1 = _publish(world, TODAY)
    late = pd.DataFrame(
        [{"x": world.incidents["x"].iloc[-1], "y": world.incidents["y"].iloc[-1],
          "occurred_at": dt.datetime(2026, 8, 14, 21), "category": "arrangemang"}]
    )  # fmt: skip
    world2 = World(pd.concat([world.incidents, late], ignore_index=True), world.areas, world.tree)
    day2 = _publish(world2, TODAY + dt.timedelta(days=1))
    assert _two_day_search(day1, day2) == []


def _naive_with_cells(release: PublicRelease, world: World) -> PublicRelease:
    """The naive tables plus exact cell counts (cells below k left out): a control."""
    exact = build_release(world.incidents, world.areas, world.tree, release.period, k=1)
    cells = {key: frame[frame["count"] >= K] for key, frame in exact.cells.items()}
    return replace(_naive(release, world), cells=cells)


def test_generic_differencing_search_finds_nothing(world: World) -> None:
    releases = _publish(world, TODAY)
    # Control: on the naive tables (exact counts) the grid search finds small counts.
    naive = _naive_with_cells(releases[ClosedPeriod(dt.date(2026, 7, 1), "kvartal")], world)
    assert _grid_search(naive, world.areas, know=_exact)
    findings: list[str] = []
    for release in releases.values():
        findings += _margin_search(release)
        findings += _cross_table_search(release)
        findings += _grid_search(release, world.areas)
    findings += _year_vs_quarters(releases)
    assert findings == [], "\n".join(findings[:20])


def test_search_arithmetic_by_hand() -> None:
    # Exact 12 minus exact 11 pins 1; published 10 minus published 10 pins nothing (k = 5).
    assert _pinned_below_k(_difference(_exact(12), [_exact(11)]))
    assert not _pinned_below_k(_difference(_known(10), [_known(10)]))  # [0, 4]
    assert _difference(_known(15), [_known(10)]) == (1.0, 9.0)  # 13..17 − 8..12
    assert not _pinned_below_k((1.0, 9.0))
    assert not _pinned_below_k((0.0, 0.0))  # an exact zero is not an incident


def test_lp_audit_of_a_year_and_its_quarters(world: World) -> None:
    releases = _publish(world, TODAY)
    year = [r for p, r in releases.items() if p.key == "2025"]
    quarters = [r for p, r in releases.items() if p.kind == "kvartal" and p.start.year == 2025]
    assert len(year) == 1 and len(quarters) == 4
    assert _lp_audit(year + quarters, world) == []
    this_year = [r for p, r in releases.items() if p.kind == "kvartal" and p.start.year == 2026]
    assert len(this_year) == 3 and _lp_audit(this_year, world) == []
    # Control: the naive tables of the last quarter are broken by the same audit.
    last = releases[ClosedPeriod(dt.date(2026, 7, 1), "kvartal")]
    assert _lp_audit([_naive(last, world)], world, know=_exact)
