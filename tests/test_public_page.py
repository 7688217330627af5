"""Läget i området as a visitor sees it (AppTest): what is done per area, never an
internal intervention."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.core.model import Intervention
from est_geo.public.release import public_areas
from est_geo.store import open_store
from est_geo.store.gpkg import GeoPackageStore
from tests.conftest import small_incidents

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _add(db: Path, kind: str, *, public: bool) -> str:
    """Add an intervention of ``kind`` inside the first public area; return that area."""
    store = open_store(str(db))
    area = public_areas(store.areas()).sort_values("name").iloc[0]
    store.add_intervention(
        Intervention(
            name=f"Namn som inte får synas {kind}",
            kind=kind,
            status="pagar",
            owner_actor="kommun",
            start_date=date(2026, 1, 1),
            end_date=None,
            geometry=area.geometry.representative_point(),
            description="intern text",
            public=public,
        ),
        user="test",
    )
    return str(area["name"])


def test_public_page_says_what_is_done_per_area_never_internal(
    demo_copy: Callable[[int], Path], point_app: Callable[[str | Path], pytest.MonkeyPatch]
) -> None:
    """A public meeting place shows on its area's line; an internal "Annat" nowhere."""
    db = demo_copy(5_000)
    area = _add(db, "motesplats", public=True)
    _add(db, "annat", public=False)
    point_app(db).setenv("EST_GEO_MODE", "public")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    tables = [d.value for d in at.dataframe]
    done = next(t for t in tables if "Vad görs här" in t.columns)
    lines = dict(zip(done["Område"], done["Vad görs här"], strict=True))
    assert "Mötesplats/verksamhetshus (pågår)" in lines[area]
    everything = " ".join(t.to_string() for t in tables)
    assert "Annat" not in everything
    assert "får synas" not in everything
    assert "intern text" not in everything


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_fewer_than_k_explained_only_where_a_count_is_hidden(
    demo_copy: Callable[[int], Path], point_app: Callable[[str | Path], pytest.MonkeyPatch]
) -> None:
    """Demo data, 2026 Q3, k = 5: "Alla" hides no area and no month, so no "färre än 5"
    note; "Samling" hides areas (2) and months (2), so the map, the table and the trend
    each say what "färre än 5" means. Before, the notes showed whatever was chosen. The
    map's own legend names its uncoloured areas too (it listed only the colours)."""
    from ui import folium_payload
    from ui.oversikt import public_map

    env = point_app(demo_copy(5_000))
    env.setenv("EST_GEO_MODE", "public")
    drawn: list[str] = []
    real = folium_payload.draw

    def recorded(payload: dict[str, object]) -> object:
        # The legend's HTML sits in the map's script as a JSON string (ä as \u00e4).
        text = " ".join(str(v) for v in payload.values())
        drawn.append(text.encode("ascii", "backslashreplace").decode("unicode_escape"))
        return real(payload)

    env.setattr(public_map.folium_payload, "draw", recorded)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    assert "2026 kvartal 3" in _captions(at)
    assert "färre än 5" not in _captions(at).lower()
    assert "upp till" in drawn[-1] and "utan färg" not in drawn[-1]
    table = next(d.value for d in at.table if "Antal" in d.value.columns)
    assert not any("färre" in str(v) for v in table["Antal"])

    at.selectbox(key="pub_category").set_value("samling").run()
    assert not at.exception, at.exception
    notes = _captions(at)
    assert "Områden utan färg har färre än 5 händelser" in notes
    assert '"Färre än 5" betyder färre än 5 händelser i området' in notes
    assert "Månader med färre än 5 händelser visas utan stapel" in notes
    table = next(d.value for d in at.table if "Antal" in d.value.columns)
    assert sum("färre än 5" in str(v) for v in table["Antal"]) == 2
    assert "utan färg: färre än 5 eller dolt" in drawn[-1]


def test_interventions_read_once_for_all_visitors_until_a_change(
    demo_copy: Callable[[int], Path],
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> None:
    """Three visits read the interventions from the store once (issue 18: they were a
    quarter of a warm visit's CPU, read and placed per visit); a new public intervention
    shows at the next visit."""
    db = demo_copy(5_000)
    env = point_app(db)
    env.setenv("EST_GEO_MODE", "public")
    reads: list[int] = []
    real = GeoPackageStore.interventions

    def counted(self: GeoPackageStore) -> object:
        reads.append(1)
        return real(self)

    env.setattr(GeoPackageStore, "interventions", counted)

    def done_lines() -> str:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        return next(d.value for d in at.dataframe if "Vad görs här" in d.value.columns).to_string()

    first = [done_lines() for _ in range(3)]
    assert len(reads) == 1
    assert "Mötesplats" not in first[0] and first == [first[0]] * 3
    _add(db, "motesplats", public=True)
    assert "Mötesplats/verksamhetshus (pågår)" in done_lines()
    assert len(reads) == 2


def test_map_built_once_per_published_table_for_every_visitor(
    demo_copy: Callable[[int], Path],
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> None:
    """Three visits of the same period, category and unit build the folium map once; a
    new choice builds its own (issue 18: building and rendering the map per visit was
    over half of a warm visit's server CPU)."""
    from ui.oversikt import public_map

    env = point_app(demo_copy(5_000))
    env.setenv("EST_GEO_MODE", "public")
    built: list[int] = []
    real = public_map.fitted_map

    def counted(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    env.setattr(public_map, "fitted_map", counted)
    for _ in range(3):
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, at.exception
    assert len(built) == 1
    at.selectbox(key="pub_category").set_value("samling").run()
    assert not at.exception, at.exception
    assert len(built) == 2


MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _months(chart: object) -> list[str]:
    """The month labels a Vega-Lite chart element was sent (its data as Arrow)."""
    import pyarrow as pa

    proto = chart.proto  # type: ignore[attr-defined]
    table = pa.ipc.open_stream(proto.data.data).read_all()
    return [str(v) for v in table.column("month").to_pylist()]


def test_monthly_chart_without_altair(
    demo_copy: Callable[[int], Path],
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> None:
    """The monthly chart is sent as a Vega-Lite spec of our own: building and validating
    an Altair chart (``st.bar_chart``) was a third of a warm visit's remaining CPU."""
    import altair

    env = point_app(demo_copy(5_000))
    env.setenv("EST_GEO_MODE", "public")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Altair chart built on the public page")

    env.setattr(altair.TopLevelMixin, "to_dict", refuse)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    encoding = json.loads(charts[0].proto.spec)["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["title"]) == ("month", "Månad 2026")
    assert (encoding["y"]["field"], encoding["y"]["title"]) == ("count", "Antal")
    # The quarter's months by name, in calendar order and level ("2026-07" stood on
    # end); a year's twelve keep their order, though "apr" sorts before "jan".
    assert encoding["x"]["sort"] is None and encoding["x"]["axis"]["labelAngle"] == 0
    assert _months(charts[0]) == MONTHS[6:9]
    at.radio(key="pub_period_kind").set_value("ar").run()
    assert not at.exception, at.exception
    chart = at.get("vega_lite_chart")[0]
    assert json.loads(chart.proto.spec)["encoding"]["x"]["title"] == "Månad 2025"
    assert _months(chart) == MONTHS


def test_public_server_skips_the_full_collection_after_each_run(
    demo_copy: Callable[[int], Path],
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> None:
    """A public visit does not end in ``gc.collect(2)`` (0.12 s CPU each with 1M
    incidents' caches, two per visit in the browser: issue 18)."""
    from streamlit import config as streamlit_config

    before = streamlit_config.get_option("runner.postScriptGC")
    try:
        streamlit_config.set_option("runner.postScriptGC", True)
        point_app(demo_copy(5_000)).setenv("EST_GEO_MODE", "public")
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        assert streamlit_config.get_option("runner.postScriptGC") is False
    finally:
        streamlit_config.set_option("runner.postScriptGC", before)


def test_om_page_counts_the_store_once_per_data_change(
    demo_copy: Callable[[int], Path],
    point_app: Callable[[str | Path], pytest.MonkeyPatch],
) -> None:
    """Three visits of the Om page on the public site count the store's rows once
    (``Store.info``: 0.12 s of CPU on a million incidents, per visit before; issue 18);
    new incidents are counted at the next visit."""
    db = demo_copy(5_000)
    env = point_app(db)
    env.setenv("EST_GEO_MODE", "public")
    counted: list[int] = []
    real = GeoPackageStore.info

    def info(self: GeoPackageStore) -> object:
        counted.append(1)
        return real(self)

    env.setattr(GeoPackageStore, "info", info)

    def database_line() -> str:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(str(Path(APP).parent / "app_pages" / "om.py")).run()
        assert not at.exception, at.exception
        return next(c.value for c in at.caption if c.value.startswith("Databas:"))

    first = database_line()
    calls = len(counted)  # the first visit: the Om page and the public periods, once each
    assert "5\xa0000 händelser" in first
    assert [database_line(), database_line()] == [first, first]
    assert len(counted) == calls
    open_store(str(db)).add_incidents(small_incidents(2), user="test")
    assert "5\xa0002 händelser" in database_line()
    assert len(counted) > calls
