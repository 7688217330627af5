"""With the interface in English the lägesbild PDF holds no Swedish interface text (issue 17).

The PDF of every demo area is built with ``lang="en"`` and its extracted text is searched
for Swedish words once the stored data (area, category and place names, intervention
names, action items) is taken out, as the page test does. The map and the chart are
images in the PDF, so their texts are read from the matplotlib figures themselves.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from matplotlib.figure import Figure
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.periods import parse_report_period
from est_geo.demo.bootstrap import create_demo_database
from est_geo.meeting.lagesbild import Lagesbild, build_lagesbild
from est_geo.meeting.pdf import lagesbild_pdf, map_figure, series_figure
from est_geo.store import open_store
from tests.english import data_strings, swedish_words
from ui.navigation import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

AREAS = ("NKP-KLO", "NKP-NAV", "NKP-INN", "NKP-KLO-C", "0581")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo_pdf_en") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=3_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture(scope="module")
def data(demo_db: str) -> list[str]:
    return data_strings(demo_db)


def _lagesbild(db: str, area: str, period: str = "2026-10") -> Lagesbild:
    store = open_store(db, read_only=True)
    return build_lagesbild(store, area, parse_report_period(period), today=date(2026, 11, 1))


def _text(pdf: bytes) -> str:
    """The PDF's text on one line: a table cell's text wraps over several lines of it."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def _figure_texts(fig: Figure) -> list[str]:
    """Axis labels, legend entries and annotations of a matplotlib figure."""
    texts: list[str] = []
    for ax in fig.axes:
        texts += [ax.get_xlabel(), ax.get_ylabel(), ax.get_title()]
        texts += [t.get_text() for t in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
    return [t for t in texts if t.strip()]


def _swedish(texts: list[str], data: list[str]) -> dict[str, list[str]]:
    data = [" ".join(d.split()) for d in data]  # as wrapped in a table cell and joined again
    found: dict[str, list[str]] = {}
    for line in texts:
        words = swedish_words(line, data)
        if words:
            found[line[:120]] = words
    return found


@pytest.mark.parametrize("area", AREAS)
def test_pdf_in_english(demo_db: str, data: list[str], area: str) -> None:
    store = open_store(demo_db, read_only=True)
    lb = _lagesbild(demo_db, area)
    text = _text(lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2026, 11, 1), lang="en"))
    assert "Situation picture" in text
    assert _swedish([text], data) == {}


@pytest.mark.parametrize("period", ["2026-W43", "2026-10", "2026-Q3", "2026"])
def test_pdf_figures_in_english(demo_db: str, data: list[str], period: str) -> None:
    """Daily, weekly and four-weekly charts and the map legend: English words only."""
    store = open_store(demo_db, read_only=True)
    lb = _lagesbild(demo_db, "NKP-KLO", period)
    texts = _figure_texts(map_figure(lb, store.areas(), lang="en"))
    texts += _figure_texts(series_figure(lb, "en"))
    assert any("Reports per" in t for t in texts), texts
    assert _swedish(texts, data) == {}


def test_pdf_series_days_as_each_language_writes_them(demo_db: str) -> None:
    """Tick labels name the month: '03/10' is 3 October in Sweden but March 10 in the US."""
    lb = _lagesbild(demo_db, "NKP-KLO", "2026-10")
    first = lb.series["start"].iloc[0]
    ticks = {
        lang: [t.get_text() for t in series_figure(lb, lang).axes[0].get_xticklabels()]
        for lang in ("sv", "en")
    }
    assert first.month == 10 and first.day == 1
    assert ticks["sv"][0] == "1 okt." and ticks["en"][0] == "Oct 1", ticks


def test_the_check_sees_the_swedish_pdf(demo_db: str, data: list[str]) -> None:
    """Proof the same check reads the PDF: the Swedish PDF is found Swedish."""
    store = open_store(demo_db, read_only=True)
    lb = _lagesbild(demo_db, "NKP-KLO")
    text = _text(lagesbild_pdf(lb, areas=store.areas(), exported_on=date(2026, 11, 1)))
    assert len(_swedish([text], data)[text[:120]]) >= 20
    figures = _figure_texts(map_figure(lb, store.areas())) + _figure_texts(series_figure(lb))
    assert _swedish(figures, data)


def test_english_page_builds_the_pdf_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str
) -> None:
    """The Lägesbild page of the English interface hands its language to the PDF."""
    import ui.lagesbild.view as view

    langs: list[str] = []

    def recording_pdf(lb: object, **kwargs: object) -> bytes:
        langs.append(str(kwargs.get("lang")))
        return b"%PDF-1.4"

    env = point_app(demo_db)
    env.setenv("EST_GEO_LANGUAGE", "en")
    builders: list[Callable[[], bytes]] = []
    real_builder = view.pdf_builder

    def keeping_builder(*args: object, **kwargs: object) -> Callable[[], bytes]:
        builder = real_builder(*args, **kwargs)  # type: ignore[arg-type]
        builders.append(builder)
        return builder

    env.setattr(view, "lagesbild_pdf", recording_pdf)
    env.setattr(view, "pdf_builder", keeping_builder)
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES["lagesbild"][0])).run()
    assert not at.exception, at.exception
    assert builders, "the page made no PDF button"
    builders[-1]()  # what Streamlit does when the button is clicked
    assert langs == ["en"]


@pytest.mark.parametrize(
    ("code", "today", "sv", "en"),
    [
        ("2026-W01", date(2026, 11, 1), "vecka 1 2026", "week 1 2026"),
        ("2026-W53", date(2026, 12, 30), "vecka 53 2026 t.o.m. 2026-12-30",
         "week 53 2026 up to 2026-12-30"),
        ("2026-10", date(2026, 11, 1), "oktober 2026", "October 2026"),
        ("2026-01", date(2026, 11, 1), "januari 2026", "January 2026"),
        ("2026-Q4", date(2026, 11, 1), "kvartal 4 2026 t.o.m. 2026-11-01",
         "quarter 4 2026 up to 2026-11-01"),
        ("2026", date(2028, 1, 1), "2026", "2026"),
        ("2026-10-05..2026-11-20", date(2026, 11, 1),
         "2026-10-05 – 2026-11-20 t.o.m. 2026-11-01", "2026-10-05 – 2026-11-20 up to 2026-11-01"),
    ],
)  # fmt: skip
def test_period_names_in_both_languages(code: str, today: date, sv: str, en: str) -> None:
    """Swedish names as the parser labelled them before names moved out of core."""
    from est_geo.meeting.lagesbild import so_far
    from est_geo.meeting.period_names import period_label

    period = so_far(parse_report_period(code), today)
    assert period_label(period, "sv") == sv
    assert period_label(period, "en") == en
    assert swedish_words(en) == [], en


def test_english_page_tables_label_codes_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    """The page's tables (interventions' kind, status and owner; the growing places'
    pattern) show stored codes by their English names, as the PDF does."""
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.query_params.clear()
    at.query_params["area"] = "NKP-KLO"
    at.query_params["period"] = "2026-10"
    at.switch_page(str(ROOT / PAGE_FILES["lagesbild"][0])).run()
    assert not at.exception, at.exception
    cells = [
        str(v) for frame in at.dataframe for v in frame.value.to_numpy().ravel() if str(v).strip()
    ]
    assert "Ongoing" in cells, cells  # Bommar Klockaretorpet centrum runs (demo data)
    assert _swedish(cells, data) == {}
