"""User-given names are inert wherever Streamlit renders markdown (issue 14, item 8).

An area, a saved view, an agenda and an indicator are named with markdown that would
fetch an outside image or show a link that looks like ours. Every element of the pages
that render those names as markdown (Lägesbild title and its saved views, Möte, the
Indikatorer notes) must show the name as text: its source holds the escaped name and
never the live syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.markup import WORD_JOINER, escape_markdown
from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore
from tests.conftest import log_in_locally
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")

IMAGE = "![x](http://203.0.113.5/track.png)"
LINK = "[LOGGA IN HÄR](http://evil.example/login)"
EVIL_AREA = "NKP-EVIL"

#: Element kinds whose text Streamlit renders as markdown.
MARKDOWN_KINDS = ("markdown", "caption", "title", "header", "subheader", "info", "warning",
                  "error", "success")  # fmt: skip


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Demo data plus an area, a view, an agenda and an indicator named with markdown."""
    path = tmp_path_factory.mktemp("inject") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=3_000, end_date=date(2026, 11, 1))
    store = open_store(str(path))
    assert isinstance(store, MeetingStore)
    areas = store.areas()
    evil = areas[areas["code"] == "NKP-NAV"].copy()
    evil["code"] = EVIL_AREA
    evil["name"] = IMAGE
    store.add_areas(evil, user="test")
    view_id = store.add_saved_view(
        SavedView(LINK, ViewState(area=EVIL_AREA, period="2026-Q3"), area_code=EVIL_AREA),
        user="test",
    )
    store.save_agenda(Agenda(IMAGE + " " + LINK, (view_id,)), user="test")
    (trygg,) = [d for d in store.indicator_definitions() if d.key == "trygghetsindex"]
    store.upsert_indicator_definition(replace(trygg, name_sv=LINK), user="test")
    return str(path)


@pytest.fixture
def env(point_app: Callable[[str], pytest.MonkeyPatch], evil_db: str) -> pytest.MonkeyPatch:
    return point_app(evil_db)


def _page(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    # Adding the areas ended demo mode (real data): an analyst with a local account.
    log_in_locally(at, Role.ANALYTIKER)
    at.run()
    at.query_params.clear()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / PAGE_FILES[page][0]))
    at.run()
    assert not at.exception, at.exception
    return at


def _markdown_sources(at: AppTest) -> list[str]:
    """The markdown source of every element (and label) that Streamlit renders as markdown."""
    out = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    out += [str(m.label) for m in at.metric]
    out += [str(b.label) for b in at.button]
    out += [str(x.label) for x in at.expander]
    out += [str(x.label) for x in at.tabs]
    return out


def _assert_inert(at: AppTest, *names: str) -> None:
    sources = _markdown_sources(at)
    for source in sources:
        assert "](http" not in source, source  # no live link or image syntax
        assert "://" not in source, source  # no bare address GFM would link
    joined = "\n".join(sources)
    for name in names:
        # Shown, escaped: the test would notice a page that stopped showing the name.
        assert escape_markdown(name) in joined, (name, sources)


def test_lagesbild_title_and_saved_views(env: pytest.MonkeyPatch) -> None:
    at = _page("lagesbild", area=EVIL_AREA, period="2026-Q3")
    assert at.title[0].value == "Lägesbild – " + escape_markdown(IMAGE)
    _assert_inert(at, IMAGE, LINK)


def test_mote_agenda_and_view_titles(env: pytest.MonkeyPatch) -> None:
    at = _page("mote")
    assert at.title[0].value == escape_markdown(LINK)
    _assert_inert(at, IMAGE, LINK)


def test_indikatorer_notes(env: pytest.MonkeyPatch) -> None:
    at = _page("indikatorer")
    _assert_inert(at, IMAGE, LINK)


def test_escaping_shows_the_same_text() -> None:
    """What a reader sees is the name itself: the escapes are only backslashes."""
    for name in (IMAGE, LINK):
        assert escape_markdown(name).replace("\\", "").replace(WORD_JOINER, "") == name
