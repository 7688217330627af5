"""The Lägesbild's chart as SVG: the PDF's own figure, self-contained, in the reader's
language, with its content in words (issue 18: the page no longer loads Plotly)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from est_geo.core.periods import parse_report_period
from est_geo.demo.bootstrap import create_demo_database
from est_geo.i18n.numbers import number
from est_geo.maps.charts import incomplete_note
from est_geo.meeting.lagesbild import Lagesbild, build_lagesbild
from est_geo.meeting.pdf import series_alt, series_figure, series_svg
from est_geo.store import open_store
from tests.english import swedish_words

#: The only addresses an SVG may name: its own and XLink's namespace (names, not fetched).
NAMESPACES = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("series_svg") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=3_000, end_date=date(2026, 11, 1))
    return str(path)


def _lagesbild(db: str, period: str, today: date = date(2026, 11, 1)) -> Lagesbild:
    store = open_store(db, read_only=True)
    return build_lagesbild(store, "NKP-KLO", parse_report_period(period), today=today)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("period", ["2026-W43", "2026-10", "2026"])
def test_the_svg_fetches_nothing(demo_db: str, period: str, lang: str) -> None:
    """No font, no DTD, no metadata addresses: the browser fetches nothing for it."""
    svg = series_svg(_lagesbild(demo_db, period, today=date(2026, 10, 22)), lang)
    assert svg.startswith("<svg ") and svg.rstrip().endswith("</svg>")
    assert set(re.findall(r"https?://[^\"'\s<>)]*", svg)) <= NAMESPACES
    assert "<text" not in svg and "font-family" not in svg and "@font-face" not in svg
    assert not re.search(r"href=\"(?!#)", svg)


def test_the_same_lagesbild_gives_the_same_svg(demo_db: str) -> None:
    lb = _lagesbild(demo_db, "2026-10")
    assert series_svg(lb) == series_svg(lb)
    assert series_svg(lb, "en") != series_svg(lb, "sv")  # the words are drawn, in each language


def test_day_labels_in_the_readers_language(demo_db: str) -> None:
    """The x axis named days '19/10' in every language; now Babel's '19 okt.' / 'Oct 19'."""
    lb = _lagesbild(demo_db, "2026-W43", today=date(2026, 10, 22))

    def ticks(lang: str) -> list[str]:
        return [t.get_text() for t in series_figure(lb, lang).axes[0].get_xticklabels()]

    assert ticks("sv") == ["19 okt.", "20 okt.", "21 okt.", "22 okt."]
    assert ticks("en") == ["Oct 19", "Oct 20", "Oct 21", "Oct 22"]


@pytest.mark.parametrize("period", ["2026-W43", "2026-10", "2026-Q3", "2026"])
def test_the_alt_text_says_what_the_chart_shows(demo_db: str, period: str) -> None:
    """The figure's axis and legend words with the totals of both periods (the page's
    figures), and the running-bucket note when the figure hatches a bar."""
    lb = _lagesbild(demo_db, period, today=date(2026, 10, 22))
    totals = (lb.total.current, lb.total.previous)
    assert (int(lb.series["current"].sum()), int(lb.series["previous"].sum())) == totals
    for lang in ("sv", "en"):
        alt = series_alt(lb, lang)
        ax = series_figure(lb, lang).axes[0]
        previous, current = (t.get_text() for t in ax.get_legend().get_texts())
        word = "rapport" if lang == "sv" else "report"
        for name, n in ((current, totals[0]), (previous, totals[1])):
            assert f"{name}: {number(n, lang, 0)} {word}" in alt, alt
        assert ax.get_ylabel().lower() in alt.lower()
        note = ax.get_xlabel()  # the hatching's note, under a figure with a running bar
        assert bool(note) == bool(lb.series["incomplete"].any())
        assert note in alt
        if note:  # the charts' one note, not a second wording of it for the PDF
            assert note == incomplete_note(lb.bucket_unit, lang, mark="bar")
            assert alt.count(note) == 1
    assert swedish_words(series_alt(lb, "en")) == []
    assert swedish_words(series_alt(lb, "sv"))  # the same check sees the Swedish text


@pytest.mark.parametrize(
    ("period", "unit"), [("2026-W43", "day"), ("2026-Q3", "week"), ("2026", "period")]
)
def test_a_bucket_is_named_by_its_length(demo_db: str, period: str, unit: str) -> None:
    """Days up to a month, weeks up to 120 days, 28-day 'periods' beyond."""
    assert _lagesbild(demo_db, period).bucket_unit == unit


def test_report_counts_are_whole_and_in_the_readers_format(demo_db: str) -> None:
    """The y axis wrote '0.5' reports (and a Swedish reader's '2.5' with a point)."""
    lb = _lagesbild(demo_db, "2026-W43", today=date(2026, 10, 22))
    for lang, thousands in (("sv", "12\u00a0000"), ("en", "12,000")):
        ax = series_figure(lb, lang).axes[0]
        ticks = ax.get_yticks()
        assert len(ticks) >= 2 and all(float(v).is_integer() for v in ticks), ticks
        assert ax.yaxis.get_major_formatter()(12_000, 0) == thousands
