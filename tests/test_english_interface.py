"""With EST_GEO_LANGUAGE=en no page shows Swedish interface text, for any role (issue 17).

Every page that a role may open is rendered with AppTest on a demo database whose data is
known; the texts of every element (headings, markdown, captions, alerts, widget labels and
options, metrics, tabs, expanders, chart titles) are searched for Swedish words after the
stored data (area, category and place names, descriptions) is taken out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block, Node

from est_geo.access.roles import Role, visible_pages
from est_geo.demo.bootstrap import create_demo_database
from tests.english import data_strings, proto_texts, swedish_numbers, swedish_words
from ui.navigation import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("demo_en") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=3_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture(scope="module")
def data(demo_db: str) -> list[str]:
    return data_strings(demo_db)


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Block):
        for child in node.children.values():
            yield from _nodes(child)


def page_texts(at: AppTest) -> list[str]:
    """Every user-visible string AppTest holds for the rendered page."""
    texts: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            texts.extend(proto_texts(proto))
    return [t for t in texts if t.strip()]


def _swedish(at: AppTest, data: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in page_texts(at):
        words = swedish_words(text, data) + swedish_numbers(text)
        if words:
            found[text[:120]] = words
    return found


CASES = [(r, p) for r in Role for p in visible_pages(r, public_mode=False)]


@pytest.mark.parametrize(("role", "page"), CASES)
def test_internal_page_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch],
    demo_db: str,
    data: list[str],
    role: Role,
    page: str,
) -> None:
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = role.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES[page][0])).run()
    assert not at.exception, at.exception
    assert page_texts(at), "the page showed nothing to check"
    assert _swedish(at, data) == {}


def test_public_page_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    env = point_app(demo_db)
    env.setenv("EST_GEO_LANGUAGE", "en")
    env.setenv("EST_GEO_MODE", "public")
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, at.exception
    assert _swedish(at, data) == {}


def test_the_check_finds_swedish_and_spares_data() -> None:
    assert swedish_words("Välj område och period") == ["Välj", "område", "och"]
    assert swedish_words("Choose an area (Brå, Norrköping)") == []
    assert swedish_words("Klockaretorpet centrum: 4 reports", ["Klockaretorpet centrum"]) == []
    assert swedish_words("Link: /?page=karta&area=NKP") == []  # a URL's page id
    assert swedish_numbers("nu \u22127 (\u221250,5\u00a0%)") == ["\u22127", "\u221250,5\u00a0%"]
    assert swedish_numbers("now -7 (-50.5%), 1,234 reports") == []


def test_the_same_walk_sees_the_swedish_interface(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    """Proof the page walk reads the interface: in Swedish it finds Swedish words."""
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "sv")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    assert len(_swedish(at, data)) >= 5


#: Incidents without a declared coordinate system (SWEREF 99 TM values, detected).
_UPLOAD = (
    b"id;x;y;date;category;actor;description\n"
    b"A1;568300;6493100;2026-10-01 21:30;Klotter;Bostadsbolag;wall\n"
    b"A2;568310;6493110;2026-10-02;Glaskross;Polisen;window\n"
)


def test_data_upload_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    """After an upload the Data page explains the file, its columns and the detected CRS."""
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES["data"][0])).run()
    at.file_uploader(key="data_upload").set_value(("upload.csv", _UPLOAD, "text/csv")).run()
    assert not at.exception, at.exception
    assert any("SWEREF 99 TM" in str(i.value) for i in at.info), "no CRS sentence shown"
    assert _swedish(at, data) == {}


@pytest.mark.parametrize("code", ["2026-10", "2026-W44", "2026-Q4"])
def test_lagesbild_calendar_period_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str], code: str
) -> None:
    """A calendar period is named in English above the key figures (a month, week, quarter)."""
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES["lagesbild"][0])).run()
    at.sidebar.selectbox(key="lb_kind").set_value("kalender").run()
    at.sidebar.text_input(key="lb_code").set_value(code).run()
    assert not at.exception, at.exception
    assert at.metric, "no key figures shown"
    assert _swedish(at, data) == {}


def test_lagesbild_bad_period_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    """A period code that is not one is refused in English, naming the formats."""


#: One good row, then a coordinate that is no number, a date nobody can read and an
#: unknown category and actor: four problems an English reader must be told of.
_BAD_UPLOAD = (
    "id;x;y;date;category;actor\n"
    "B1;568300;6493100;2026-10-01 21:30;Klotter;Polisen\n"
    "B2;abc;6493110;2026-10-02;Klotter;Polisen\n"
    "B3;568320;6493120;igår;Klotter;Polisen\n"
    "B4;568330;6493130;2026-10-03;okänd sak;vem\n"
).encode()


def test_data_upload_with_problems_in_english(
    point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str, data: list[str]
) -> None:
    """The problems of an uploaded file: English reasons under English column names."""
    point_app(demo_db).setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = Role.ANALYTIKER.value
    at.run()
    at.switch_page(str(ROOT / PAGE_FILES["lagesbild"][0])).run()
    at.sidebar.selectbox(key="lb_kind").set_value("kalender").run()
    at.sidebar.text_input(key="lb_code").set_value("2026-13").run()
    assert "Invalid period" in " ".join(str(e.value) for e in at.error)
    assert _swedish(at, data) == {}

    at.switch_page(str(ROOT / PAGE_FILES["data"][0])).run()
    at.file_uploader(key="data_upload").set_value(("bad.csv", _BAD_UPLOAD, "text/csv")).run()
    assert not at.exception, at.exception
    (frame,) = [f.value for f in at.dataframe]
    assert list(frame.columns) == ["row", "field", "value", "reason"]
    assert set(frame["reason"]) >= {
        "not a number",
        "the date cannot be read (use e.g. 2025-06-07 21:30)",
        "unknown category (map it to an EST category)",
        "unknown actor",
    }, frame
    file_values = ["igår", "okänd sak", "vem"]  # the file's own cells are data
    assert _swedish(at, [*data, *file_values]) == {}
