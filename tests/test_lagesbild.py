"""Lägesbild: period parsing, and figures on a hand-built store checked by hand."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import folium
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from shapely.geometry import box

from est_geo.core.errors import EstGeoError, NotFoundError
from est_geo.core.model import Intervention
from est_geo.core.periods import Period, parse_report_period, rolling_period
from est_geo.hotspots import Grid, count_points, gistar_grid
from est_geo.meeting.lagesbild import (
    GROWING_CATEGORIES,
    build_lagesbild,
    find_area,
    format_change,
    so_far,
)
from est_geo.meeting.lagesbild_map import hotspot_layer
from est_geo.meeting.pdf import lagesbild_pdf
from est_geo.meeting.period_names import period_label
from est_geo.store import Store
from tests.conftest import small_areas


# ------------------------------------------------------------------------------ periods
@pytest.mark.parametrize(
    ("text", "code", "label", "period", "previous", "last_year"),
    [
        # ISO week 44 of 2026 starts Monday 26 October (date.fromisocalendar).
        (
            "2026-W44",
            "2026-W44",
            "vecka 44 2026",
            (date(2026, 10, 26), date(2026, 11, 2)),
            (date(2026, 10, 19), date(2026, 10, 26)),
            (date(2025, 10, 27), date(2025, 11, 3)),
        ),
        # Week 1 of 2026 starts 29 Dec 2025; the week before is week 1's predecessor.
        (
            "2026-w1",
            "2026-W01",
            "vecka 1 2026",
            (date(2025, 12, 29), date(2026, 1, 5)),
            (date(2025, 12, 22), date(2025, 12, 29)),
            (date(2024, 12, 30), date(2025, 1, 6)),
        ),
        (
            "2026-03",
            "2026-03",
            "mars 2026",
            (date(2026, 3, 1), date(2026, 4, 1)),
            (date(2026, 2, 1), date(2026, 3, 1)),
            (date(2025, 3, 1), date(2025, 4, 1)),
        ),
        (
            "2026-01",
            "2026-01",
            "januari 2026",
            (date(2026, 1, 1), date(2026, 2, 1)),
            (date(2025, 12, 1), date(2026, 1, 1)),
            (date(2025, 1, 1), date(2025, 2, 1)),
        ),
        (
            "2026-Q1",
            "2026-Q1",
            "kvartal 1 2026",
            (date(2026, 1, 1), date(2026, 4, 1)),
            (date(2025, 10, 1), date(2026, 1, 1)),
            (date(2025, 1, 1), date(2025, 4, 1)),
        ),
        (
            "2026",
            "2026",
            "2026",
            (date(2026, 1, 1), date(2027, 1, 1)),
            (date(2025, 1, 1), date(2026, 1, 1)),
            (date(2025, 1, 1), date(2026, 1, 1)),
        ),
        (
            "2026-10-05..2026-11-01",
            "2026-10-05..2026-11-01",
            "2026-10-05 – 2026-11-01",
            (date(2026, 10, 5), date(2026, 11, 2)),
            (date(2026, 9, 7), date(2026, 10, 5)),
            (date(2025, 10, 6), date(2025, 11, 3)),
        ),
    ],
)
def test_parse_report_period(
    text: str,
    code: str,
    label: str,
    period: tuple[date, date],
    previous: tuple[date, date],
    last_year: tuple[date, date],
) -> None:
    rp = parse_report_period(text)
    assert (rp.code, period_label(rp, "sv")) == (code, label)
    assert rp.period == Period(*period)
    assert rp.previous == Period(*previous)
    assert rp.last_year == Period(*last_year)
    assert parse_report_period(rp.code) == rp  # the code is canonical


@given(year=st.integers(1901, 2998), week=st.integers(1, 53), quarter=st.integers(1, 4))
def test_a_week_or_quarter_is_named_by_its_code(year: int, week: int, quarter: int) -> None:
    """The name is the number and year the code is written with (read by core's
    calendar_unit), also for a week that starts in December (2026-W01 on 2025-12-29)
    or ends in January; cut to a day inside it, the same name '… t.o.m. <day>'."""
    week = min(week, date(year, 12, 28).isocalendar().week)  # 52 or 53 ISO weeks
    names = {
        f"{year}-W{week:02d}": f"vecka {week} {year}",
        f"{year}-Q{quarter}": f"kvartal {quarter} {year}",
    }
    for code, name in names.items():
        whole = parse_report_period(code)
        assert period_label(whole, "sv") == name
        first = whole.period.start
        assert period_label(so_far(whole, first), "sv") == f"{name} t.o.m. {first}"


def test_week_53_without_a_week_53_last_year() -> None:
    # 2026 has 53 ISO weeks (28 Dec 2026 is in week 53), 2025 has 52.
    rp = parse_report_period("2026-W53")
    assert rp.period == Period(date(2026, 12, 28), date(2027, 1, 4))
    assert rp.last_year == Period(date(2025, 12, 29), date(2026, 1, 5))  # 364 days back


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-W54", "veckorna 1–53"),
        ("2025-W53", "veckorna 1–52"),
        ("2026-13", "månad 01–12"),
        ("2026-Q5", "kvartal 1–4"),
        ("vecka 44", ""),
        ("26-10", ""),
        ("", ""),
        ("2026-11-01..2026-10-01", "slutdatum före startdatum"),
        ("2026-02-30..2026-03-01", "ogiltigt datum"),
        ("0999", "utanför"),
    ],
)
def test_malformed_periods_say_what_is_accepted(text: str, reason: str) -> None:
    with pytest.raises(EstGeoError) as info:
        parse_report_period(text)
    message = str(info.value)
    assert "YYYY-Www" in message and "YYYY-Qn" in message
    assert reason in message


def test_rolling_period_is_an_explicit_range() -> None:
    rp = rolling_period("vecka", today=date(2026, 11, 1))
    assert rp.kind == "vecka"
    assert rp.code == "2026-10-26..2026-11-01"
    assert rp.period == Period(date(2026, 10, 26), date(2026, 11, 2))
    assert parse_report_period(rp.code).period == rp.period
    with pytest.raises(EstGeoError):
        rolling_period("decennium", today=date(2026, 11, 1))


def test_format_change() -> None:
    assert format_change(3, 75.0) == "+3 (+75\u00a0%)"
    assert format_change(-2, -12.5) == "−2 (−12,5\u00a0%)"
    assert format_change(0, 0.0) == "±0 (±0\u00a0%)"
    assert format_change(4, None) == "+4 (ny)"


# ------------------------------------------------------------------------------ figures
def _incidents(rows: list[tuple[float, float, str, str]], prefix: str) -> pd.DataFrame:
    """Incidents from (x, y, ISO time, category) rows."""
    n = len(rows)
    return pd.DataFrame(
        {
            "x": [r[0] for r in rows],
            "y": [r[1] for r in rows],
            "occurred_at": pd.to_datetime([r[2] for r in rows]),
            "has_time": [True] * n,
            "category": [r[3] for r in rows],
            "actor": ["polis"] * n,
            "precision": ["exact"] * n,
            "description": [None] * n,
            "source": ["test"] * n,
            "source_id": [f"{prefix}-{i}" for i in range(n)],
        }
    )


# Inside the test centrum box(564_800, 6_493_000, 565_050, 6_493_200).
CX, CY = 564_900.0, 6_493_100.0
# Inside Testområdet but outside its centrum.
OX, OY = 565_500.0, 6_493_700.0


@pytest.fixture
def hand_store(store: Store) -> Store:
    """Reports around ISO week 10 of 2025 (3–9 March), by hand.

    Centrum, week 10 of 2025:  5 klotter + 2 bråk             → 7
    Centrum, week 9 of 2025:   4 klotter                      → 4
    Centrum, week 10 of 2024:  2 bråk (4–10 March 2024)        → 2
    Testområdet outside the centrum, week 10 of 2025: 3 glaskross (only in T-OMR).
    Centrum, week 11 of 2025:  1 klotter (after the period: never counted).
    """
    rows = (
        [(CX + i, CY, f"2025-03-0{3 + i} 20:00", "skadegorelse.klotter") for i in range(5)]
        + [(CX, CY + i, f"2025-03-0{8 + i} 22:00", "ordning.brak") for i in range(2)]
        + [(CX - i, CY, f"2025-02-2{4 + i} 12:00", "skadegorelse.klotter") for i in range(4)]
        + [(CX, CY - i, f"2024-03-0{4 + i} 12:00", "ordning.brak") for i in range(2)]
        + [(OX + i, OY, "2025-03-05 10:00", "skadegorelse.glaskross") for i in range(3)]
        + [(CX, CY, "2025-03-10 00:00", "skadegorelse.klotter")]
    )
    store.add_incidents(_incidents(rows, "hand"), user="test")
    return store


def test_key_figures_by_hand(hand_store: Store) -> None:
    lb = build_lagesbild(hand_store, "Testområdet centrum", parse_report_period("2025-W10"))
    assert lb.area_code == "T-OMR-C"
    total, first, second = lb.figures
    assert (total.current, total.previous, total.last_year) == (7, 4, 2)
    assert (total.change_previous, total.pct_previous) == (3, 75.0)  # (7 − 4) / 4
    assert (total.change_last_year, total.pct_last_year) == (5, 250.0)  # (7 − 2) / 2
    assert (first.key, first.label) == ("skadegorelse", "Skadegörelse")
    assert (first.current, first.previous, first.last_year) == (5, 4, 0)
    assert (first.pct_previous, first.pct_last_year) == (25.0, None)  # (5 − 4) / 4; base 0
    assert (second.key, second.current, second.previous, second.last_year) == (
        "ordning",
        2,
        0,
        2,
    )
    assert second.pct_last_year == 0.0
    # Daily series of the week: Mon 3 March … Sun 9 March; previous week 24 Feb … 2 March.
    assert lb.series["current"].tolist() == [1, 1, 1, 1, 1, 1, 1]
    assert lb.series["previous"].tolist() == [1, 1, 1, 1, 0, 0, 0]
    assert not lb.demo


def test_a_running_period_compares_its_days_so_far(hand_store: Store) -> None:
    # On Wednesday 5 March 2025, week 10 has had three days (3–5 March); the previous
    # week and last year's week 10 are compared over their first three days too.
    # By hand (hand_store): klotter on 3, 4, 5 March → 3; klotter on 24, 25, 26 February
    # → 3 of the previous week's 4; bråk on 4 and 5 March 2024 → 2.
    today = date(2025, 3, 5)
    lb = build_lagesbild(hand_store, "T-OMR-C", parse_report_period("2025-W10"), today=today)
    assert lb.period.period == Period(date(2025, 3, 3), date(2025, 3, 6))
    assert lb.period.previous == Period(date(2025, 2, 24), date(2025, 2, 27))
    assert lb.period.last_year == Period(date(2024, 3, 4), date(2024, 3, 7))
    assert (
        lb.period.code == "2025-W10"
        and period_label(lb.period, "sv") == "vecka 10 2025 t.o.m. 2025-03-05"
    )
    total = lb.figures[0]
    assert (total.current, total.previous, total.last_year) == (3, 3, 2)
    # A period that is over, or not begun, is left as it is.
    week = parse_report_period("2025-W10")
    assert so_far(week, date(2025, 3, 9)) == week
    assert so_far(week, date(2025, 3, 1)) == week


def test_area_by_code_counts_its_whole_polygon(hand_store: Store) -> None:
    lb = build_lagesbild(hand_store, "t-omr", parse_report_period("2025-W10"))
    assert lb.area_name == "Testområdet"
    assert lb.total.current == 10  # 7 in the centrum + 3 glaskross elsewhere in it
    assert [f.key for f in lb.figures[1:]] == ["skadegorelse", "ordning"]
    assert lb.figures[1].current == 8  # 5 klotter + 3 glaskross


def test_filters_restrict_the_figures(hand_store: Store) -> None:
    lb = build_lagesbild(
        hand_store,
        "T-OMR-C",
        parse_report_period("2025-W10"),
        categories=frozenset({"ordning.brak"}),
    )
    assert (lb.total.current, lb.total.previous, lb.total.last_year) == (2, 0, 2)


def test_unknown_area_lists_valid_ones(hand_store: Store) -> None:
    with pytest.raises(NotFoundError) as info:
        build_lagesbild(hand_store, "Atlantis", parse_report_period("2025-W10"))
    assert "Atlantis" in str(info.value)
    assert "Testområdet centrum (T-OMR-C)" in str(info.value)
    assert find_area(small_areas(), "testkommun")["code"] == "0581"


# ------------------------------------------------------------------------------ hotspots
def test_hotspots_and_priorities_match_gistar(store: Store) -> None:
    """Two clusters in Testområdet: A (8 reports in one cell) and B (5 in another).

    The lägesbild's z-scores must be those of ``gistar_grid`` on the same 100 m grid
    (covering the area's bounds), and the three priorities must be A, then B, never a
    neighbour of A; a quiet cell beside A may be a hot spot but is never a priority.
    """
    ax, ay = 564_550.0, 6_492_650.0  # cell 100m_E5645_N64926
    bx, by = 565_750.0, 6_493_850.0  # cell 100m_E5657_N64938
    rows = [(ax + i, ay, f"2025-03-0{3 + i % 7} 20:00", "ordning.vald") for i in range(8)]
    rows += [(bx, by + i, f"2025-03-0{3 + i} 20:00", "ordning.vald") for i in range(5)]
    store.add_incidents(_incidents(rows, "hot"), user="test")

    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    grid = Grid.covering((564_000, 6_492_500, 566_000, 6_494_000), 100)
    assert lb.grid == grid
    xs = np.array([r[0] for r in rows])
    ys = np.array([r[1] for r in rows])
    expected = gistar_grid(count_points(grid, xs, ys).counts, grid=grid, k=1)
    assert lb.gistar is not None
    np.testing.assert_allclose(lb.gistar.z, expected.z)
    hot_ids = {c.cell_id for c in lb.hotspots}
    assert "100m_E5645_N64926" in hot_ids and "100m_E5657_N64938" in hot_ids
    assert all(c.hot_class.startswith("hot_") for c in lb.hotspots)

    top = lb.priorities
    assert [c.cell_id for c in top[:2]] == ["100m_E5645_N64926", "100m_E5657_N64938"]
    assert [c.count for c in top[:2]] == [8, 5]
    assert all(c.count > 0 for c in top)
    assert top[0].place == "Testområdet"
    for c in top:  # the score is z plus a rising trend only
        assert c.score == pytest.approx(c.z + max(0.0, c.trend_z or 0.0), abs=2e-3)
    z_a = expected.z[top[0].row, top[0].col]
    assert top[0].z == pytest.approx(z_a, abs=1e-3)


def test_hot_cells_are_listed_without_whole_grid_arrays(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Listing hot cells must not build every id or centre of the grid (once per cell).

    A municipality grid has ~464,000 cells; building them per hot cell took minutes
    (issue 18). Ids and centres come from ``Grid.ids_at``/``Grid.centroids_at``.
    """
    ax, ay = 564_550.0, 6_492_650.0
    rows = [(ax + i, ay, f"2025-03-0{3 + i % 7} 20:00", "ordning.vald") for i in range(8)]
    store.add_incidents(_incidents(rows, "hot"), user="test")

    def whole_grid(self: Grid) -> None:
        raise AssertionError("whole-grid array built")

    monkeypatch.setattr(Grid, "cell_ids", whole_grid)
    monkeypatch.setattr(Grid, "centroids", whole_grid)
    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    hot = next(c for c in lb.hotspots if c.cell_id == "100m_E5645_N64926")
    assert (hot.x, hot.y, hot.count) == (564_550.0, 6_492_650.0, 8)


def test_lagesbild_reads_the_shared_columns_not_the_store_rows(
    hand_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The figures come from the in-memory columns (one load per process), not a row read.

    ``Store.incidents`` fetched every column of the period sorted, as pandas objects:
    31 s of a 70 s municipality-year lägesbild on 1M incidents (issue 18).
    """
    expected = build_lagesbild(hand_store, "T-OMR", parse_report_period("2025-W10")).figures

    def no_rows(*args: object, **kwargs: object) -> None:
        raise AssertionError("row read from the store")

    monkeypatch.setattr(type(hand_store), "incidents", no_rows)
    assert build_lagesbild(hand_store, "T-OMR", parse_report_period("2025-W10")).figures == expected


def test_no_incidents_gives_a_note_not_an_error(store: Store) -> None:
    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    assert lb.total.current == 0
    assert lb.hotspots == () and lb.priorities == ()
    assert lb.notes  # says why there are no hot spots


def test_interventions_and_indicators(store: Store) -> None:
    iv = Intervention(
        name="Belysning vid torget",
        kind="belysning",
        status="pagar",
        owner_actor="kommun",
        start_date=date(2025, 1, 1),
        end_date=None,
        geometry=box(564_850, 6_493_050, 564_950, 6_493_150),
    )
    store.add_intervention(iv, user="test")
    far = Intervention(
        name="Långt bort",
        kind="annat",
        status="pagar",
        owner_actor="polis",
        start_date=None,
        end_date=None,
        geometry=box(570_000, 6_498_000, 570_100, 6_498_100),
    )
    store.add_intervention(far, user="test")
    ended = replace(iv, name="Avslutad städning", kind="stadning", status="avslutad")
    ended = replace(ended, owner_actor="bostadsbolag", end_date=date(2025, 3, 5))
    store.add_intervention(ended, user="test")
    from est_geo.core.model import DEFAULT_INDICATORS

    for d in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(d, user="test")
    store.add_indicator_values(
        pd.DataFrame(
            {
                "indicator_key": ["trygghetsindex"] * 3,
                "area_code": ["T-OMR-C"] * 3,
                "period": ["2023", "2024", "2026"],
                "value": [3.0, 2.5, 1.0],
                "n": [100.0, 100.0, 100.0],
            }
        ),
        user="test",
    )
    lb = build_lagesbild(store, "T-OMR-C", parse_report_period("2025-W10"))
    # The stored codes, worded only where shown (in each reader's language); running first.
    assert [(r.name, r.status, r.owner_actor, r.kind) for r in lb.interventions] == [
        ("Belysning vid torget", "pagar", "kommun", "belysning"),
        ("Avslutad städning", "avslutad", "bostadsbolag", "stadning"),
    ]
    (ind,) = lb.indicators
    # 2026 is after the report's year: the latest value is 2024's, compared with 2023's.
    assert (ind.period, ind.value, ind.previous_period, ind.previous_value) == (
        "2024",
        2.5,
        "2023",
        3.0,
    )
    assert ind.change == -0.5
    assert ind.better is True  # trygghetsindex: lower is better
    # Named in the reader's language: the highlight kept only the Swedish name, so the
    # English page and PDF said 'Trygghetsindex'.
    assert (ind.name_in("sv"), ind.name_in("en")) == ("Trygghetsindex", "Safety index")
    pdf = lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2025, 3, 9), lang="en")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Safety index (index 0–6)" in " ".join(text.split())


def test_demo_lagesbild_lists_a_new_or_growing_hot_spot(tmp_path: Path) -> None:
    """The demo has an honestly generated emerging place, so the list is not empty.

    Scattered reports of the demo's last four weeks move to one path in south-west
    Klockaretorpet (``est_geo.demo._scenario._EMERGING``): from nothing to about 15 a week. The
    trend uses whole 7-day steps ending on the period's last day, so the place is found
    whichever weekday the period ends on (a Sunday and a Monday here).
    """
    for end in (date(2026, 11, 1), date(2026, 11, 23)):
        _check_demo_growing(tmp_path / f"demo-{end}.gpkg", end)


def _check_demo_growing(path: Path, end: date) -> None:
    from est_geo.demo.bootstrap import create_demo_database
    from est_geo.store import open_store

    create_demo_database(str(path), end_date=end)
    store = open_store(str(path))
    lb = build_lagesbild(store, "NKP-KLO", rolling_period("4veckor", today=end), today=end)
    assert lb.growing, "no new or growing hot spot on the demo data"
    assert {c.emerging for c in lb.growing} <= set(GROWING_CATEGORIES)
    # The place itself (cell 564500–564600 E, 6492700–6492800 N) is among them.
    place = next(c for c in lb.growing if c.cell_id == "100m_E5645_N64927")
    assert place.count >= 20 and place.previous_count <= 3


def test_series_marks_the_running_day(hand_store: Store) -> None:
    """Issue 13 item 4: a bucket that has not ended (today) is flagged, so charts hatch it."""
    # Wednesday 5 March 2025: week 10 so far is 3, 4 and 5 March; the 5th is still running.
    running = build_lagesbild(
        hand_store, "T-OMR-C", parse_report_period("2025-W10"), today=date(2025, 3, 5)
    )
    assert running.series["start"].tolist() == [date(2025, 3, d) for d in (3, 4, 5)]
    assert running.series["incomplete"].tolist() == [False, False, True]
    over = build_lagesbild(
        hand_store, "T-OMR-C", parse_report_period("2025-W10"), today=date(2025, 3, 10)
    )
    assert not over.series["incomplete"].any()


def test_map_tooltips_in_the_readers_language(store: Store) -> None:
    """The hot spot cells' and priorities' tooltips follow the language (Swedish default)."""
    ax, ay = 564_550.0, 6_492_650.0
    rows = [(ax + i, ay, f"2025-03-0{3 + i % 7} 20:00", "ordning.vald") for i in range(8)]
    store.add_incidents(_incidents(rows, "hot"), user="test")
    lb = build_lagesbild(store, "T-OMR", parse_report_period("2025-W10"))
    assert lb.hotspots and lb.priorities
    swedish = folium.Map().add_child(hotspot_layer(lb)).get_root().render()
    english = folium.Map().add_child(hotspot_layer(lb, lang="en")).get_root().render()
    # the page's script holds the texts as JSON, where å and ä are \u escapes
    assert "kerhetsniv" in swedish and "Prioritet 1" in swedish
    assert "confidence level" in english and "Priority 1" in english
    assert "kerhetsniv" not in english and "Prioritet" not in english
