"""AppTest of the meeting pages: Lägesbild (figures, link state), Handlingsplan, Möte."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.periods import parse_report_period
from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.demo.bootstrap import create_demo_database
from est_geo.meeting.lagesbild import build_lagesbild
from est_geo.store import open_store
from est_geo.store.meeting import MeetingStore
from ui.page_files import PAGE_FILES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def meeting_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Demo data plus two saved views and an agenda of them."""
    path = tmp_path_factory.mktemp("meeting") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=5_000, end_date=date(2026, 11, 1))
    store = open_store(str(path))
    assert isinstance(store, MeetingStore)
    a = store.add_saved_view(
        SavedView("Klockaretorpet oktober", ViewState(area="NKP-KLO", period="2026-10")),
        user="test",
    )
    b = store.add_saved_view(
        SavedView("Navestad kvartal 3", ViewState(area="NKP-NAV", period="2026-Q3")),
        user="test",
    )
    store.save_agenda(Agenda("Chefssamråd", (a, b)), user="test")
    return str(path)


@pytest.fixture
def env(point_app: Callable[[str], pytest.MonkeyPatch], meeting_db: str) -> pytest.MonkeyPatch:
    return point_app(meeting_db)


def _page(page: str, role: Role = Role.ANALYTIKER, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = role.value
    at.run()
    at.query_params.clear()  # a link opened fresh: not the start page's own parameters
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / PAGE_FILES[page][0]))
    at.run()
    assert not at.exception, at.exception
    return at


def test_lagesbild_link_opens_the_same_view(env: pytest.MonkeyPatch, meeting_db: str) -> None:
    at = _page("lagesbild", area="NKP-NAV", period="2026-Q3", cat="ordning")
    assert at.title[0].value == "Lägesbild – Navestad"
    assert at.sidebar.selectbox(key="lb_area").value == "NKP-NAV"
    assert at.sidebar.text_input(key="lb_code").value == "2026-Q3"
    expected = build_lagesbild(
        open_store(meeting_db),
        "NKP-NAV",
        parse_report_period("2026-Q3"),
        categories=frozenset(open_store(meeting_db).category_tree().expand(["ordning"])),
    )
    total = next(m for m in at.metric if m.label == "Alla rapporter")
    assert int(total.value) == expected.total.current
    # The URL now holds the whole state: the link shown reproduces it.
    assert at.query_params["area"] == "NKP-NAV"
    assert at.query_params["period"] == "2026-Q3"
    assert any("/lagesbild?area=NKP-NAV&period=2026-Q3&cat=ordning" in c.value for c in at.caption)
    assert any("kvartal 3 2026" in m.value for m in at.markdown)


def test_lagesbild_saves_a_view(env: pytest.MonkeyPatch, meeting_db: str) -> None:
    at = _page("lagesbild", area="NKP-KLO", period="2026-W44")
    at.text_input(key="lb_view_name").input("Vecka 44 i Klockaretorpet")
    at.button(key="FormSubmitter:save_view-Spara vyn").click()
    at.run()
    assert not at.exception
    names = [v.name for v in open_store(meeting_db).saved_views(area_code="NKP-KLO")]
    assert "Vecka 44 i Klockaretorpet" in names


def test_lagesbild_builds_its_pdf_only_when_asked(env: pytest.MonkeyPatch, meeting_db: str) -> None:
    """A page run does not build the PDF; the download button's callable does (issue 18).

    Building the PDF on every run made each filter change wait for a file nobody asked
    for; Streamlit calls the button's callable when the button is clicked.
    """
    import ui.lagesbild.view as view

    built: list[str] = []

    def counting_pdf(lb: object, **kwargs: object) -> bytes:
        built.append(str(getattr(lb, "area_code", "")))
        return b"%PDF-1.4 counted"

    env.setattr(view, "lagesbild_pdf", counting_pdf)
    at = _page("lagesbild", area="NKP-KLO", period="2026-09")
    assert at.title[0].value == "Lägesbild – Klockaretorpet"
    assert built == []
    lb = build_lagesbild(open_store(meeting_db), "NKP-KLO", parse_report_period("2026-09"))
    assert view.pdf_builder(lb, open_store(meeting_db).areas(), date(2026, 11, 1))() == (
        b"%PDF-1.4 counted"
    )
    assert built == ["NKP-KLO"]


def test_bad_link_falls_back_with_a_warning(env: pytest.MonkeyPatch) -> None:
    at = _page("lagesbild", period="vecka 44")
    assert any("Länken kunde inte öppnas" in w.value for w in at.warning)
    assert at.title[0].value.startswith("Lägesbild – ")


def test_mote_steps_through_the_agenda(env: pytest.MonkeyPatch) -> None:
    at = _page("mote")
    assert at.title[0].value == "Klockaretorpet oktober"
    assert any("Punkt 1 av 2" in m.value for m in at.markdown)
    at.button(key="mote_next").click().run()
    assert not at.exception
    assert at.title[0].value == "Navestad kvartal 3"
    assert at.query_params["steg"] == "2"
    assert at.button(key="mote_next").disabled
    at.button(key="mote_prev").click().run()
    assert at.title[0].value == "Klockaretorpet oktober"


def test_mote_opens_at_the_linked_step(env: pytest.MonkeyPatch, meeting_db: str) -> None:
    (agenda,) = [a for a in open_store(meeting_db).agendas() if a.name == "Chefssamråd"]  # type: ignore[attr-defined]
    at = _page("mote", agenda=str(agenda.id), steg="2")
    assert at.title[0].value == "Navestad kvartal 3"


def test_handlingsplan_analyst_adds_member_reads(env: pytest.MonkeyPatch, meeting_db: str) -> None:
    at = _page("handlingsplan")
    at.text_input[0].input("Ny belysning vid Rektorsgatan")
    at.button[0].click()
    at.run()
    assert not at.exception
    items = open_store(meeting_db).action_items()  # type: ignore[attr-defined]
    assert [i.title for i in items][-1] == "Ny belysning vid Rektorsgatan"

    # "Where" may be a drawing saved on the Åtgärder page: stored, and named in the table.
    at.text_input[0].input("Bommar vid centrum: följ upp")
    shape_box = next(s for s in at.selectbox if s.label == "Var: ritad yta")
    shape_box.select(shape_box.options[1])
    at.button[0].click()
    at.run()
    assert not at.exception
    item = open_store(meeting_db).action_items()[-1]  # type: ignore[attr-defined]
    assert item.title == "Bommar vid centrum: följ upp" and item.shape_wkt
    cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    assert any(f"ritad yta: {shape_box.options[1]}" in c for c in cells), cells

    member = _page("handlingsplan", role=Role.MEDLEM)
    assert any("Analytiker och administratörer ändrar" in i.value for i in member.info)
    assert not member.text_input  # no edit form for readers
    shown = {str(v) for df in member.dataframe for v in df.value.to_numpy().ravel()}
    assert "Ny belysning vid Rektorsgatan" in shown


def test_mote_draws_density_grid_and_emerging_views_like_the_hotspots_page(
    env: pytest.MonkeyPatch, meeting_db: str
) -> None:
    """A Hotspots view of density, grid or emerging hot spots is drawn in the meeting by
    the page's own analysis: the summary (incidents, period, cell size, hot spots) is the
    one the Hotspots page shows for the same link."""
    from est_geo.core.views import encode_state

    store = open_store(meeting_db)
    assert isinstance(store, MeetingStore)
    states = [
        ViewState(page="hotspots", area="NKP-KLO", period="2026-10", mode="tathet",
                  options=(("bw", "150"),)),
        ViewState(page="hotspots", area="NKP-NAV", period="2026-Q3", mode="rutnat",
                  options=(("cell", "200"), ("days", "4,5"))),
        ViewState(page="hotspots", area="NKP-KLO", period="2026-10", mode="emerging"),
    ]  # fmt: skip
    ids = tuple(
        store.add_saved_view(SavedView(f"Hotspots {s.mode}", s), user="test") for s in states
    )
    agenda_id = store.save_agenda(Agenda("Hotspots i mötet", ids), user="test")
    at = _page("mote", agenda=str(agenda_id), steg="1")
    for step, state in enumerate(states, start=1):
        assert not at.exception, at.exception
        assert at.title[0].value == f"Hotspots {state.mode}"
        text = " ".join(m.value for m in at.markdown)
        assert "Den här punkten är en vy på sidan" not in text  # drawn, not only linked
        (summary,) = [m.value for m in at.markdown if "händelser i analysområdet" in m.value]
        params = encode_state(state)
        params.pop("page")
        page = _page("hotspots", **params)
        assert summary in [m.value for m in page.markdown], (step, summary)
        if step < len(states):
            at.button(key="mote_next").click().run()


def test_handlingsplan_add_confirms_by_name_and_history_is_words(
    env: pytest.MonkeyPatch, meeting_db: str
) -> None:
    """Issue 13 items 11–12: 'Lägg till' names what was added; the linked intervention by
    its name (not 'åtgärd 6'); the history in words, not column names and JSON."""
    at = _page("handlingsplan")
    store = open_store(meeting_db)
    interventions = store.interventions()  # type: ignore[attr-defined]
    iv_name = str(interventions["name"].iloc[0])
    at.text_input[0].input("Trygghetsvandring i centrum")
    iv_box = next(s for s in at.selectbox if s.options and iv_name in s.options)
    iv_box.select(iv_name)
    at.button[0].click()
    at.run()
    assert not at.exception, at.exception
    assert any("”Trygghetsvandring i centrum” lades till" in s.value for s in at.success)
    cells = [str(v) for df in at.dataframe for v in df.value.to_numpy().ravel()]
    row = next(c for c in cells if iv_name in c)
    assert not re.search(r"åtgärd \d", row), row
    # The history of an item, in words.
    history = at.dataframe[-1].value
    assert list(history.columns) == ["När", "Vem", "Vad hände", "Ändringar"], history.columns
    text = " ".join(str(v) for v in history.to_numpy().ravel())
    assert "skapad" in text and "{" not in text and "insert" not in text, text


def test_lagesbild_sees_an_edit_by_another_tool(
    point_app: Callable[[str], pytest.MonkeyPatch], meeting_db: str, tmp_path: Path
) -> None:
    """October's reports moved to 2020 in the file by plain sqlite3 (as QGIS would):
    the next run of the same view shows the new figures, not the cached ones (issue 18)."""
    import shutil
    import sqlite3

    path = tmp_path / "edited.gpkg"
    shutil.copy(meeting_db, path)
    point_app(str(path))
    at = _page("lagesbild", area="NKP-KLO", period="2026-10")
    before = next(m for m in at.metric if m.label == "Alla rapporter")
    assert int(before.value) > 0
    with sqlite3.connect(path) as con:
        con.execute(
            "UPDATE incidents SET occurred_at = '2020-01-15T12:00:00' "
            "WHERE occurred_at >= '2026-10-01' AND occurred_at < '2026-11-01'"
        )
    con.close()
    at.run()
    assert not at.exception, at.exception
    after = next(m for m in at.metric if m.label == "Alla rapporter")
    assert int(after.value) == 0


def _lagesbild_link() -> AppTest:
    """The Lägesbild of Klockaretorpet in October 2026 as a new visitor's link opens it."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.query_params.clear()
    at.query_params["area"] = "NKP-KLO"
    at.query_params["period"] = "2026-10"
    at.switch_page(str(ROOT / PAGE_FILES["lagesbild"][0]))
    at.run()
    assert not at.exception, at.exception
    return at


def _lagesbild_map_args(db: Path) -> dict[str, Any]:
    """The Lägesbild map's component arguments as a new visitor's link opens them."""
    at = _lagesbild_link()
    maps = [c for c in at.get("component_instance") if "st_folium" in c.proto.component_name]
    assert len(maps) == 1
    args: dict[str, Any] = json.loads(maps[0].proto.json_args)
    return args


def test_lagesbild_map_built_once_per_view_until_the_data_change(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three visitors of one Lägesbild link get the map built and rendered once (issue 18:
    building the folium map and rendering it to Leaflet script was two thirds of a warm
    run's server CPU for the municipality); another tool deleting the incidents gives the
    next visitor a new map, and an area renamed (then re-read, as after an import) too."""
    from ui import queries
    from ui.lagesbild import view

    built: list[int] = []
    real = view.hotspot_layer

    def counted(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(view, "hotspot_layer", counted)
    db = demo_copy(5_000)
    first = [_lagesbild_map_args(db) for _ in range(3)]
    assert len(built) == 1 and first == [first[0]] * 3
    assert '"Feature"' in first[0]["feature_group"]  # the hot cells

    with sqlite3.connect(db) as con:  # another tool (QGIS) empties the layer
        con.execute("DELETE FROM incidents")
    emptied = _lagesbild_map_args(db)
    assert len(built) == 2 and emptied != first[0]
    assert '"Feature"' not in (emptied["feature_group"] or "")

    with sqlite3.connect(db) as con:
        con.execute("UPDATE areas SET name = 'Klockaretorpet nytt namn' WHERE code = 'NKP-KLO'")
    queries.clear_areas()  # what an area import does
    renamed = _lagesbild_map_args(db)
    assert "Klockaretorpet nytt namn" in renamed["script"]
    assert "Klockaretorpet nytt namn" not in emptied["script"]


def test_a_lagesbild_rerun_reads_no_areas_for_its_map_and_the_caches_follow_the_data(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rerun (a map pan, any widget) read the areas again and hashed every shape and
    column, only to key the cached map. The map and the chart are now keyed as their
    lägesbild (data stamp and areas' generation included): a rerun reads the areas once,
    for the page's own list of areas, and draws nothing; a write by another tool gives a
    new map and chart on the next run."""
    from ui import queries
    from ui.lagesbild import view

    reads: list[int] = []
    built: list[int] = []
    drawn: list[int] = []
    real_areas, real_layer, real_svg = queries.areas, view.hotspot_layer, view.series_svg

    def counted_areas() -> Any:  # the areas read by the Lägesbild's map code
        if sys._getframe(1).f_code.co_filename == view.__file__:
            reads.append(1)
        return real_areas()

    def counted_layer(*args: Any, **kwargs: Any) -> Any:
        built.append(1)
        return real_layer(*args, **kwargs)

    def counted_svg(*args: Any, **kwargs: Any) -> str:
        drawn.append(1)
        return real_svg(*args, **kwargs)

    monkeypatch.setattr(queries, "areas", counted_areas)
    monkeypatch.setattr(view, "hotspot_layer", counted_layer)
    monkeypatch.setattr(view, "series_svg", counted_svg)
    db = demo_copy(5_000)
    at = _lagesbild_link()
    assert (len(reads), len(built), len(drawn)) == (1, 1, 1)  # outlines of the new map
    at.run()  # a rerun, as after a map pan
    assert not at.exception, at.exception
    assert (len(reads), len(built), len(drawn)) == (1, 1, 1)

    with sqlite3.connect(db) as con:  # another tool (QGIS) empties the layer
        con.execute("DELETE FROM incidents")
    con.close()
    at.run()
    assert not at.exception, at.exception
    assert (len(reads), len(built), len(drawn)) == (2, 2, 2)
    assert int(next(m for m in at.metric if m.label == "Alla rapporter").value) == 0


def test_a_running_bucket_is_named_once_under_the_chart(
    env: pytest.MonkeyPatch, meeting_db: str
) -> None:
    """The page said the running-bucket note twice: in the figure under its axis and in
    a caption below it. Now once, in the figure (the PDF's too, which has no caption),
    and in the image's alt text for those who do not see it."""
    from est_geo.maps.charts import incomplete_note

    this_week = date.today().strftime("%G-W%V")  # today's bar is always still running
    at = _page("lagesbild", area="NKP-KLO", period=this_week)
    (images,) = at.get("image")
    (image,) = images.proto.imgs
    assert [c.value for c in at.caption if "ofullständig" in c.value] == []
    assert image.alt.count("ofullständig") == 1
    assert image.alt.endswith(incomplete_note("day", "sv", mark="bar"))


def test_lagesbild_chart_is_the_pdf_figure_drawn_once(
    env: pytest.MonkeyPatch, meeting_db: str
) -> None:
    """The chart is the PDF's figure as an SVG image with its content in words, no Plotly
    chart (issue 18: Plotly's chunk held up the whole page); drawn once per lägesbild."""
    import base64

    from est_geo.meeting.pdf import series_alt, series_svg
    from ui.lagesbild import view

    drawn: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> str:
        drawn.append(1)
        return series_svg(*args, **kwargs)

    env.setattr(view, "series_svg", counted)
    pages = [_page("lagesbild", area="NKP-KLO", period="2026-08") for _ in range(2)]
    assert len(drawn) == 1
    lb = build_lagesbild(open_store(meeting_db), "NKP-KLO", parse_report_period("2026-08"))
    for at in pages:
        assert at.get("plotly_chart") == []
        (images,) = at.get("image")
        (image,) = images.proto.imgs
        prefix = "data:image/svg+xml;base64,"
        assert image.url.startswith(prefix)
        assert base64.b64decode(image.url[len(prefix) :]).decode() == series_svg(lb, "sv")
        assert image.alt == series_alt(lb, "sv")
        assert f"Denna period: {lb.total.current} rapporter" in image.alt
