"""AppTest of the Indikatorer page: one layer, two layers (side by side, 3 × 3), public mode."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from est_geo.core.markup import escape_markdown as md
from est_geo.core.model import DEFAULT_INDICATORS
from est_geo.demo.bootstrap import create_demo_database
from est_geo.i18n import stored_definition_text
from est_geo.indicators import Method
from est_geo.indicators.scb.pxweb import CATALOGUE
from est_geo.store import open_store

PAGE = str(Path(__file__).resolve().parent.parent / "app_pages" / "indikatorer.py")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("ind") / "demo.gpkg"
    create_demo_database(str(path), n_incidents=4_000, end_date=date(2026, 11, 1))
    return str(path)


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, demo_db: str) -> Iterator[pytest.MonkeyPatch]:
    monkeypatch.setenv("EST_GEO_DATABASE_URL", demo_db)
    monkeypatch.setenv("EST_GEO_TILE_URL", "none")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield monkeypatch
    st.cache_resource.clear()
    st.cache_data.clear()


def _page(role: str = "analytiker") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["est_geo_role"] = role
    at.run()
    assert not at.exception, at.exception
    return at


def _table(at: AppTest) -> object:
    return at.dataframe[0].value


def test_one_layer(env: pytest.MonkeyPatch) -> None:
    at = _page()
    assert at.title[0].value == "Indikatorer"
    assert at.selectbox(key="ind_a").value == "trygghetsindex"
    captions = " ".join(c.value for c in at.caption)
    # The demo's Klockaretorpet centrum has about 24 respondents: below the default 30.
    assert "1 område bygger på färre än 30" in captions
    table = _table(at)
    row = table[table["Område"] == "Klockaretorpet centrum"].iloc[0]
    assert bool(row["För få underlag"]) and row["Rang"] == "–"  # no rank (not "None")
    ranks = sorted(int(r) for r in table["Rang"] if r != "–")
    assert ranks[0] == 1 and ranks[-1] <= len(ranks)  # ties share the better rank
    assert "Norrköping" not in set(table["Område"])  # kommun level not preselected
    # A different classification and threshold rerun without error.
    at.selectbox(key="ind_method").set_value(Method.NATURAL_BREAKS).run()
    at.number_input(key="ind_min_n").set_value(0).run()
    assert not at.exception
    assert "bygger på färre än" not in " ".join(c.value for c in at.caption)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["CSV", "XLSX", "GeoPackage", "GeoJSON"]


@pytest.mark.parametrize("mode", ["side", "bivariate"])
def test_two_layers(env: pytest.MonkeyPatch, mode: str) -> None:
    at = _page()
    at.radio(key="ind_mode").set_value(mode).run()
    assert not at.exception, at.exception
    assert at.selectbox(key="ind_b").value == "rapporter_per_1000"
    corr = [m.value for m in at.markdown if "Pearson r =" in m.value]
    assert corr and "Spearman ρ" in corr[0] and "tvåsidigt" in corr[0]
    columns = list(_table(at).columns)
    assert any(c.startswith("EST-rapporter per 1 000 invånare") for c in columns)
    if mode == "side":
        assert any("Kartorna följer varandra" in c.value for c in at.caption)


def test_public_mode_suppresses_small_counts(env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_MODE", "public")
    env.setenv("EST_GEO_MIN_PUBLIC_COUNT", "100000")  # every area below k
    at = _page("public")
    at.selectbox(key="ind_a").set_value("rapporter_per_1000").run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "färre än 100000 rapporter" in captions
    table = _table(at)
    value_col = next(c for c in table.columns if c.startswith("EST-rapporter"))
    assert (table[value_col] == "–").all()  # suppressed: a dash, never "None"
    assert table["För få underlag"].all()
    assert not at.expander or all("Indikatorkatalog" not in e.label for e in at.expander)


def test_catalogue_only_for_admin(env: pytest.MonkeyPatch) -> None:
    analyst = _page("analytiker")
    assert all("Indikatorkatalog" not in e.label for e in analyst.expander)
    admin = _page("admin")
    assert any("Indikatorkatalog" in e.label for e in admin.expander)
    # The list is headed by the form's labels and says levels and yes/no in words.
    table = next(d.value for d in admin.dataframe if "Källa" in d.value.columns)
    assert list(table.columns) == [
        "Nyckel (a–z, 0–9, _)", "Namn (svenska)", "Namn (engelska)", "Enhet",
        "Högre värde är bättre", "Källa", "Områdesnivå", "Licens och anteckningar",
    ]  # fmt: skip
    assert set(table["Högre värde är bättre"]) == {"ja", "nej"}
    assert "Område" in set(table["Områdesnivå"]) and "omrade" not in set(table["Områdesnivå"])
    admin.selectbox(key="ind_cat_pick").set_value("kundnojdhet").run()
    admin.text_input[2].set_value("NKI 0–100 (enkät)")  # unit field
    admin.button[0].click().run()
    assert not admin.exception, admin.exception
    assert any("Sparade kundnojdhet" in s.value for s in admin.success)


def _pick(at: AppTest, prefix: str) -> str:
    """Select the first layer A whose label starts with ``prefix``; return the label."""
    box = at.selectbox(key="ind_a")
    index = next(i for i, o in enumerate(box.options) if o.startswith(prefix))
    box.select_index(index).run()
    assert not at.exception, at.exception
    return str(box.options[index])


def test_derived_share_and_change_layers(env: pytest.MonkeyPatch) -> None:
    at = _page()
    for prefix in ("Andel ", "Förändring "):
        name = _pick(at, prefix)
        assert at.selectbox(key="ind_a").value.split(":")[0] in {"andel", "forandring"}
        table = _table(at)
        col = next(c for c in table.columns if c.startswith(name))
        assert table[col].notna().any()


def test_public_mode_suppresses_derived_shares(env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_MODE", "public")
    env.setenv("EST_GEO_MIN_PUBLIC_COUNT", "100000")  # every area below k
    at = _page("public")
    name = _pick(at, "Andel ")
    assert "färre än 100000 rapporter" in " ".join(c.value for c in at.caption)
    table = _table(at)
    col = next(c for c in table.columns if c.startswith(name))
    assert (table[col] == "–").all()
    assert table["För få underlag"].all()


def test_small_n_threshold_comes_from_the_setting(env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_INDICATOR_MIN_N", "45")
    analyst = _page("analytiker")
    box = analyst.number_input(key="ind_min_n")
    assert box.value == 45 and box.min == 0  # analysts may lower it while exploring


def test_public_small_n_threshold_cannot_go_below_the_setting(env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_INDICATOR_MIN_N", "45")
    env.setenv("EST_GEO_MODE", "public")
    public = _page("public")
    box = public.number_input(key="ind_min_n")
    assert box.value == 45 and box.min == 45  # the public site never goes below it


def test_regso_rolled_up_from_deso_with_the_stored_key(
    tmp_path: Path, point_app: Callable[[str | Path], pytest.MonkeyPatch]
) -> None:
    """DeSO values + a stored DeSO → RegSO key: the page offers RegSO, draws the RegSO
    made from its DeSO (named from the key) with the weighted mean, and names the RegSO
    left out because one of its DeSO has no value."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import box

    from est_geo.store import open_store
    from est_geo.store.area_keys import AreaKeyStore

    db = tmp_path / "deso.gpkg"
    create_demo_database(str(db), n_incidents=1_000, end_date=date(2026, 11, 1))
    store = open_store(str(db))
    codes = ["0581C1010", "0581C1020", "0581C1030", "0581C1040"]
    x0, y0 = 564_400, 6_492_700  # inside the demo's Klockaretorpet
    store.add_areas(
        gpd.GeoDataFrame(
            {"code": codes, "name": codes, "level": "deso", "parent_code": None},
            geometry=[box(x0 + 250 * i, y0, x0 + 250 * (i + 1), y0 + 250) for i in range(4)],
            crs="EPSG:3006",
        ),
        user="t",
    )
    period = str(store.indicator_values("trygghetsindex")["period"].max())
    rows = [
        ("trygghetsindex", "0581C1010", period, 2.0, 100.0),
        ("trygghetsindex", "0581C1020", period, 3.0, 50.0),
        ("trygghetsindex", "0581C1030", period, 1.0, 80.0),  # C1040 has none
    ]
    store.add_indicator_values(
        pd.DataFrame(rows, columns=["indicator_key", "area_code", "period", "value", "n"]),
        user="t",
    )
    assert isinstance(store, AreaKeyStore)
    key = pd.DataFrame(
        {
            "child_code": codes,
            "parent_code": ["0581R001", "0581R001", "0581R002", "0581R002"],
            "parent_name": ["Klockaretorpet norr"] * 2 + ["Klockaretorpet syd"] * 2,
        }
    )
    store.replace_area_key(key, child_level="deso", parent_level="regso", user="t")
    point_app(db)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state["est_geo_role"] = "analytiker"
    at.run()
    assert not at.exception, at.exception
    assert "RegSO" in at.multiselect(key="ind_levels").options  # only made, never imported
    at.multiselect(key="ind_levels").set_value(["regso"]).run()
    at.selectbox(key="ind_period_a").set_value(period).run()
    at.number_input(key="ind_min_n").set_value(0).run()
    assert not at.exception, at.exception
    table = _table(at)
    row = table[table["Område"] == "Klockaretorpet norr"].iloc[0]
    # (2.0 · 100 + 3.0 · 50) / 150, the n-weighted mean of its two DeSO
    value_col = next(c for c in table.columns if c.startswith("Trygghetsindex"))
    assert float(row[value_col]) == pytest.approx(350 / 150, abs=0.01)
    captions = " ".join(c.value for c in at.caption)
    assert "1 RegSO-värden är beräknade från DeSO" in captions
    assert "inget RegSO-värde för 0581R002" in captions


def test_table_shows_no_english_none(env: pytest.MonkeyPatch) -> None:
    """Issue 13 item 11: missing ranks were shown as Streamlit's "None"."""
    at = _page()
    assert not at.exception
    frame = at.dataframe[0].value
    assert not frame.isna().any().any(), frame[frame.isna().any(axis=1)]
    ranks = frame["Rang"].astype(str).tolist()
    assert "–" in ranks and ranks[0] == "1"


def test_charts_use_the_decimal_comma(env: pytest.MonkeyPatch) -> None:
    """Issue 13 item 11: plotly wrote 1.5 on Swedish axes."""
    at = _page()
    charts = at.get("plotly_chart")
    assert charts
    for chart in charts:
        assert '"separators":", "' in chart.proto.spec.replace(": ", ":")


def _holds(blob: str, text: str) -> bool:
    """``text`` in ``blob`` as written, JSON-escaped once (a tooltip in the map's script)
    or twice (that script inside the component's JSON arguments)."""
    once = json.dumps(text)[1:-1]
    return any(form in blob for form in (text, once, json.dumps(once)[1:-1]))


def _map_and_chart_texts(at: AppTest) -> str:
    """The maps' component arguments (tooltips, legends) and the charts' specs of a run."""
    maps = [str(c.proto.json_args) for c in at.get("component_instance")]
    charts = [c.proto.spec for c in at.get("plotly_chart")]
    return " ".join(maps + charts)


@pytest.mark.parametrize(
    ("lang", "key", "shown", "hidden"),
    [
        ("en", "foreningsaktiva_barn", "% share", "andel %"),
        ("en", "andel:skadegorelse", "% share", "andel %"),
        ("en", "befolkning", "persons", "personer"),
        ("sv", "foreningsaktiva_barn", "andel %", "% share"),
    ],
)
def test_units_on_the_map_and_trend_chart_in_the_readers_language(
    env: pytest.MonkeyPatch, lang: str, key: str, shown: str, hidden: str
) -> None:
    """The unit after each value in the map's tooltips, in its legend and on the trend
    chart's axis is worded in the interface language (it was Swedish in English too)."""
    env.setenv("EST_GEO_LANGUAGE", lang)
    at = _page()
    at.selectbox(key="ind_a").set_value(key).run()
    assert not at.exception, at.exception
    texts = _map_and_chart_texts(at)
    assert _holds(texts, shown) and not _holds(texts, hidden)
    at.radio(key="ind_mode").set_value("side").run()  # the side-by-side maps too
    assert not at.exception, at.exception
    texts = " ".join(str(c.proto.json_args) for c in at.get("component_instance"))
    assert _holds(texts, shown) and not _holds(texts, hidden)


@pytest.mark.parametrize(
    ("lang", "key", "shown", "hidden"),
    [
        ("en", "trygghetsindex", "Police safety survey", "Polisens trygghetsmätning"),
        ("en", "andel:skadegorelse", "EST Geo (derived)", "EST Geo (härledd)"),
        ("en", "rapporter_per_1000", "Computed in EST Geo", "Beräknad i EST Geo"),
        ("sv", "trygghetsindex", "Polisens trygghetsmätning", "Police safety survey"),
    ],
)
def test_source_under_the_map_in_the_readers_language(
    env: pytest.MonkeyPatch, lang: str, key: str, shown: str, hidden: str
) -> None:
    """Each layer's notes name its source, worded in the interface language for the
    sources EST Geo writes (built-in and derived layers); no page named it before."""
    env.setenv("EST_GEO_LANGUAGE", lang)
    at = _page()
    at.selectbox(key="ind_a").set_value(key).run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert md(shown) in captions and md(hidden) not in captions


def test_side_by_side_names_both_sources_in_english(env: pytest.MonkeyPatch) -> None:
    env.setenv("EST_GEO_LANGUAGE", "en")
    at = _page()
    at.radio(key="ind_mode").set_value("side").run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert md("Police safety survey") in captions and md("Computed in EST Geo") in captions
    assert "Polisens" not in captions and "Beräknad" not in captions


def test_catalogue_in_english_and_an_unchanged_save_keeps_the_stored_texts(
    env: pytest.MonkeyPatch, demo_db: str
) -> None:
    """The admin's catalogue lists the sources and notes EST Geo wrote in English (built-in
    and an SCB fetch's); saving the form untouched in English leaves the Swedish stored."""
    recipe = CATALOGUE["andel_0_19"]
    fetched = stored_definition_text(
        "definition.source.scb_table",
        table=recipe.table,
        url="https://scb.test/t",
        fetched="2026-12-07",
    )
    open_store(demo_db).upsert_indicator_definition(recipe.definition(fetched), user="test")
    env.setenv("EST_GEO_LANGUAGE", "en")
    at = _page("admin")
    table = next(d.value for d in at.dataframe if "Source" in d.value.columns)
    table = table.set_index("Key (a–z, 0–9, _)")
    assert table.loc["trygghetsindex", "Source"] == "Police safety survey"
    assert table.loc["trygghetsindex", "Licence and notes"].startswith("The police's index")
    assert table.loc["trygghetsindex", "Higher is better"] == "no"
    assert table.loc["trygghetsindex", "Area level"] == "Area"
    assert table.loc["rapporter_per_1000", "Source"] == "Computed in EST Geo"
    assert table.loc["andel_0_19", "Area level"] == "DeSO"
    assert table.loc["andel_0_19", "Source"] == (
        "Statistics Sweden (SCB) table TAB6574, https://scb.test/t, fetched 2026-12-07"
    )
    at.selectbox(key="ind_cat_pick").set_value("trygghetsindex").run()
    source = next(x for x in at.text_input if x.label == "Source")
    assert source.value == "Police safety survey"
    at.button[0].click().run()
    assert not at.exception, at.exception
    assert any("Saved trygghetsindex" in s.value for s in at.success)
    saved = next(
        d for d in open_store(demo_db).indicator_definitions() if d.key == "trygghetsindex"
    )
    assert saved == next(d for d in DEFAULT_INDICATORS if d.key == "trygghetsindex")


def test_english_charts_use_the_decimal_point(env: pytest.MonkeyPatch) -> None:
    """In English the trend and scatter axes read '2.5', not the Swedish '2,5' (found walking
    the English Indikatorer page in a browser: the trend's y axis said 1,5 / 2 / 2,5)."""
    env.setenv("EST_GEO_LANGUAGE", "en")
    at = _page()
    at.radio(key="ind_mode").set_value("side").run()
    assert not at.exception, at.exception
    specs = [c.proto.spec.replace(": ", ":") for c in at.get("plotly_chart")]
    assert len(specs) >= 2  # the trend and the scatter of two layers
    for spec in specs:
        assert '"separators":".,"' in spec
