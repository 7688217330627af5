"""Fetching DeSO/RegSO areas and indicators from SCB — against the stand-in servers of
tests/scb_standin.py on loopback (never scb.se): what is asked, what is stored, the
rate limit, retries, cell-limit splitting, a changed table, a service that is down, and
the roll-up DeSO → RegSO of the fetched values with the stored key."""

from __future__ import annotations

import threading
from collections import deque
from pathlib import Path

import pandas as pd
import pytest

from est_geo.cli import main as cli_main
from est_geo.core.errors import EstGeoError, ValidationError, error_text
from est_geo.i18n import definition_text
from est_geo.indicators.rollup import key_from_frame, roll_up
from est_geo.indicators.scb import (
    CATALOGUE,
    RateLimit,
    ScbClient,
    ScbServiceError,
    fetch_areas,
    fetch_indicator,
    load_recipe,
    pxweb,
)
from est_geo.indicators.scb.client import PROCESS_RATE, USER_AGENT
from est_geo.indicators.scb.jsonstat import ScbFormatError
from est_geo.store import create_store, open_store
from tests.scb_standin import DESO, Handler, background, population, standin


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    path = str(tmp_path / "scb.gpkg")
    create_store(path)
    return path


def _settings(monkeypatch: pytest.MonkeyPatch, root: str) -> None:
    monkeypatch.setenv("EST_GEO_SCB_GEODATA_URL", f"{root}/geoserver/stat/wfs")
    monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")


def _fetch(db: str, what: str, *extra: str) -> None:
    """``est-geo fetch scb-<what>`` for Norrköping (0581) against the stand-in; it succeeds."""
    assert cli_main(["fetch", f"scb-{what}", "--db", db, "--kommun", "0581", *extra]) == 0


def _quiet_client() -> ScbClient:
    slept: list[float] = []
    return ScbClient(rate=RateLimit(sleep=slept.append), sleep=slept.append)


def test_two_commands_give_real_areas_a_key_and_an_indicator(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with standin() as root:
        _settings(monkeypatch, root)
        _fetch(db, "areas")
        _fetch(db, "indicators", "--indicator", "befolkning", "--period", "2024")
        calls = list(Handler.calls)
    out = capsys.readouterr().out
    assert "Nya:                 4" in out and "Områden med värde:   4" in out
    assert {agent for _, _, agent in calls} == {USER_AGENT}
    store = open_store(db)
    areas = store.areas(levels=["deso"]).set_index("code")
    assert sorted(areas.index) == sorted(DESO)  # Linköping's DeSO left out by the filter
    assert areas.loc["0581C0030", "parent_code"] is None  # no RegSO polygon stored yet
    assert areas.crs.to_epsg() == 3006
    key = store.area_key(child_level="deso", parent_level="regso", version=2025)
    assert dict(zip(key["child_code"], key["parent_code"], strict=True))["0581A0020"] == "0581R001"
    values = store.indicator_values("befolkning").set_index("area_code")
    for code in DESO:  # the stand-in's own numbers, per DeSO
        assert values.loc[code, "value"] == population(code, "totalt", "2024")
        assert values.loc[code, "n"] == population(code, "totalt", "2024")
        assert values.loc[code, "area_version"] == 2025
    definition = next(d for d in store.indicator_definitions() if d.key == "befolkning")
    assert "TAB6574" in definition.source and "hämtad" in definition.source
    english = definition_text(definition.source, "en")  # worded for an English reader
    assert english.startswith("Statistics Sweden (SCB) table TAB6574, http")
    assert "fetched" in english and "hämtad" not in english
    record = store.area_deliveries().iloc[0]  # type: ignore[attr-defined]
    assert (record["level"], record["version"], record["kommun"], record["areas"]) == (
        "deso",
        2025,
        "0581",
        4,
    )
    assert "typeNames=stat%3ADeSO_2025" in record["source_url"] and record["fetched_at"]


def test_refetch_replaces_the_delivery_in_place(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A corrected boundary from SCB replaces the stored shape of the same code; the
    values keyed to the code stay, nothing is duplicated."""
    with standin() as root:
        _settings(monkeypatch, root)
        _fetch(db, "areas")
        _fetch(db, "indicators", "--indicator", "befolkning")
        monkeypatch.setattr("tests.scb_standin.E0", 567_500.0)  # SCB moved the boundaries
        _fetch(db, "areas")
    assert "Nya:                 0" in capsys.readouterr().out.split("Hämtade")[-1]
    store = open_store(db)
    areas = store.areas(levels=["deso"]).set_index("code")
    assert len(areas) == 4
    assert areas.loc["0581A0010"].geometry.bounds[0] == 567_500.0
    assert len(store.indicator_values("befolkning")) == 4


def test_a_delivery_with_a_code_of_another_municipality_writes_nothing(
    store_factory: object,
) -> None:
    """A delivery names its municipality; a code outside it (which the removal of
    codes SCB no longer delivers is scoped by) is refused before anything is written."""
    import geopandas as gpd
    from shapely.geometry import box

    from est_geo.store.area_versions import AreaDelivery

    store = store_factory()  # type: ignore[operator]
    deso = gpd.GeoDataFrame(
        {"code": ["0581A0010", "0580A0010"], "name": ["x", "y"], "level": ["deso"] * 2,
         "parent_code": [None, None]},
        geometry=[box(567_000, 6_494_000, 568_000, 6_495_000),
                  box(568_000, 6_494_000, 569_000, 6_495_000)], crs="EPSG:3006",
    )  # fmt: skip
    delivery = AreaDelivery(deso, "deso", 2025, "0581", "http://x", "2026-01-01T00:00:00Z")
    with pytest.raises(ValidationError, match="ligger inte i kommun 0581"):
        store.replace_area_delivery(delivery, user="t")
    assert store.areas(levels=["deso"]).empty and store.area_deliveries().empty
    first = AreaDelivery(deso.iloc[:1], "deso", 2025, "0581", "http://x", "2026-01-01T00:00:00Z")
    assert store.replace_area_delivery(first, user="t").inserted == 1
    renamed = AreaDelivery(first.areas.assign(name="z"), "deso", 2025, "0581", "http://x", "t")
    assert store.replace_area_delivery(renamed, user="t").replaced == 1
    assert store.areas().set_index("code").loc["0581A0010", "name"] == "z"


def test_regso_layer_carries_names(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with standin() as root:
        _settings(monkeypatch, root)
        _fetch(db, "areas", "--level", "regso")
        _fetch(db, "areas")
    regso = open_store(db).areas(levels=["regso"]).set_index("code")
    assert regso.loc["0581R002", "name"] == "Hageby"
    deso = open_store(db).areas(levels=["deso"]).set_index("code")
    assert deso.loc["0581C0030", "parent_code"] == "0581R002"  # RegSO fetched first


def test_share_indicator_and_suppressed_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    """andel_65_plus: 100 × (65–69 … 80-) / totalt per DeSO, n = totalt; the DeSO whose
    80- cell SCB suppressed ('..') gets no value rather than a too-low share."""
    with standin() as root, _quiet_client() as client:
        got = fetch_indicator(client, f"{root}/api/v2", CATALOGUE["andel_65_plus"],
                              kommun="0581", period="2024")  # fmt: skip
    values = got.values.set_index("area_code")
    code = "0581A0010"
    olds = sum(population(code, a, "2024") or 0 for a in ("65-69", "70-74", "75-79", "80-"))
    total = population(code, "totalt", "2024")
    assert total is not None
    assert values.loc[code, "value"] == pytest.approx(100 * olds / total)
    assert values.loc[code, "n"] == total
    assert got.missing == ("0581C0040",) and "0581C0040" not in values.index


def test_large_queries_are_split_by_area_under_the_cell_limit() -> None:
    with standin() as root, _quiet_client() as client:
        recipe = CATALOGUE["andel_0_19"]  # 5 ages × 1 sex = 5 cells per DeSO
        got = fetch_indicator(client, f"{root}/api/v2", recipe, kommun="0581", max_cells=10)
        bodies = list(Handler.bodies)
    assert got.queries == 2 and len(got.values) == 4
    for body in bodies:
        regions = next(s for s in body["selection"] if s["variableCode"] == "Region")
        assert len(regions["valueCodes"]) * 5 <= 10
    assert got.period == "2024"  # the latest, when no period is named


def test_429_is_retried_after_the_servers_wait() -> None:
    with standin("429") as root, _quiet_client() as client:
        got = fetch_indicator(client, f"{root}/api/v2", CATALOGUE["befolkning"], kommun="0581")
    assert len(got.values) == 4 and client.calls == 4  # 2 × 429, metadata, data


def test_service_down_is_a_clear_error_and_nothing_is_written(db: str) -> None:
    with (
        standin("down") as root,
        _quiet_client() as client,
        pytest.raises(ScbServiceError, match=r"svarar inte efter 5 försök.*HTTP 503"),
    ):
        fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso", year=2025)
    assert open_store(db).areas(levels=["deso"]).empty


def test_error_answer_is_not_retried_and_names_the_reason() -> None:
    with standin("error") as root, _quiet_client() as client:
        with pytest.raises(ScbServiceError, match="HTTP 400: Ogiltig tabell"):
            fetch_indicator(client, f"{root}/api/v2", CATALOGUE["befolkning"], kommun="0581")
        assert client.calls == 1


def test_changed_table_lists_what_is_missing_and_writes_nothing(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with standin("changed") as root:
        _settings(monkeypatch, root)
        args = ["fetch", "scb-indicators", "--db", db, "--kommun", "0581",
                "--indicator", "befolkning"]  # fmt: skip
        assert cli_main(args) == 2
        assert all(method == "GET" for method, _, _ in Handler.calls)  # no data asked
    err = capsys.readouterr().err
    assert "TAB6574" in err and "'Kon'" in err and "Region, Alder, ContentsCode, Tid" in err
    assert open_store(db).indicator_values().empty


def test_an_answer_without_the_region_variable_is_worded_for_the_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The error was the Swedish literal 'SCB:s svar saknar variabeln …' for every reader."""
    monkeypatch.setattr(pxweb, "cube_frame", lambda _cube: pd.DataFrame({"Tid": ["2024"]}))
    with standin() as root, _quiet_client() as client, pytest.raises(ScbFormatError) as err:
        fetch_indicator(client, f"{root}/api/v2", CATALOGUE["befolkning"], kommun="0581")
    assert str(err.value) == "SCB:s svar saknar variabeln Region."  # as it was
    assert error_text(err.value, "en") == "SCB's answer lacks the variable Region."


def test_unknown_period_and_bad_kommun_are_refused() -> None:
    with standin() as root, _quiet_client() as client:
        with pytest.raises(ValidationError, match="2019"):
            fetch_indicator(client, f"{root}/api/v2", CATALOGUE["befolkning"], kommun="0581",
                            period="2019")  # fmt: skip
        with pytest.raises(EstGeoError, match="fyra siffror"):
            fetch_areas(client, f"{root}/x", kommun="581", level="deso", year=2025)
        assert client.calls == 1


def test_rate_limit_keeps_thirty_calls_per_ten_seconds() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    rate = RateLimit(calls=30, seconds=10.0, clock=lambda: now[0], sleep=sleep)
    stamps = []
    for _ in range(95):
        rate.wait()
        stamps.append(now[0])
        now[0] += 0.01
    for i in range(len(stamps) - 30):
        assert stamps[i + 30] - stamps[i] >= 10.0 - 1e-9
    # …and no longer than needed: 95 calls fit in four windows (30 s of waiting).
    assert stamps[-1] == pytest.approx(30.0 + 0.01 * 5, abs=0.05)


def _fake_time(monkeypatch: pytest.MonkeyPatch, rate: RateLimit) -> list[float]:
    """Give ``rate`` a clean window and a clock that only moves when it sleeps."""
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    monkeypatch.setattr(rate, "clock", lambda: now[0])
    monkeypatch.setattr(rate, "sleep", sleep)
    monkeypatch.setattr(rate, "_sent", deque())
    return slept


def test_clients_of_one_process_share_scbs_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """SCB counts calls per IP address, so two clients (two sessions, a session and a CLI
    command) together get 30 calls per 10 s, not 30 each: the 31st waits a window."""
    slept = _fake_time(monkeypatch, PROCESS_RATE)
    with standin() as root, ScbClient() as first, ScbClient() as second:
        assert first.rate is second.rate is PROCESS_RATE
        for i in range(31):
            (first if i % 2 else second).get_json(f"{root}/api/v2/tables/TAB6574/metadata")
    assert slept == [pytest.approx(10.0)]


def test_the_shared_window_holds_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit runs sessions in threads of one process: the window is kept under a lock."""
    _fake_time(monkeypatch, PROCESS_RATE)
    stamps: list[float] = []

    def calls() -> None:
        for _ in range(40):
            PROCESS_RATE.wait()
            stamps.append(PROCESS_RATE.clock())

    threads = [threading.Thread(target=calls) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    stamps.sort()
    assert len(stamps) == 120
    for i in range(len(stamps) - 30):
        assert stamps[i + 30] - stamps[i] >= 10.0 - 1e-9


def test_recipe_toml_for_any_table(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'key = "kvinnor"\nname_sv = "Kvinnor"\nname_en = "Women"\nunit = "personer"\n'
        'higher_is_worse = false\ntable = "TAB6574"\nkind = "count"\n'
        '[selection]\nAlder = ["totalt"]\nKon = ["2"]\n',
        encoding="utf-8",
    )
    recipe = load_recipe(path)
    with standin() as root, _quiet_client() as client:
        got = fetch_indicator(client, f"{root}/api/v2", recipe, kommun="0581")
    assert len(got.values) == 4
    path.write_text('key = "x"\nkind = "share"\nfoo = 1\n', encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_recipe(path)
    fields = {p.field for p in info.value.problems}
    assert {"name_sv", "table", "foo"} <= fields


def test_fetched_values_roll_up_to_regso_with_the_fetched_key(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with standin() as root:
        _settings(monkeypatch, root)
        _fetch(db, "areas")
        _fetch(db, "indicators", "--indicator", "befolkning", "--period", "2024")
    store = open_store(db)
    key = key_from_frame(store.area_key(child_level="deso", parent_level="regso", version=2025))
    rolled = roll_up(store.indicator_values(), store.indicator_definitions(), key,
                     areas=store.areas(), parent_level="regso")  # fmt: skip
    got = rolled.values.set_index("area_code")["value"]
    expected = sum(population(c, "totalt", "2024") or 0 for c in ("0581A0010", "0581A0020"))
    assert got["0581R001"] == expected  # a count is summed over the RegSO's DeSOs


def test_foreign_background_share_from_its_own_table() -> None:
    """100 × utländsk / (utländsk + svensk) bakgrund, n = both, from TAB6571."""
    with standin() as root, _quiet_client() as client:
        got = fetch_indicator(client, f"{root}/api/v2", CATALOGUE["utlandsk_bakgrund_andel"],
                              kommun="0581", period="2023")  # fmt: skip
    values = got.values.set_index("area_code")
    for code in DESO:
        foreign, total = background(code, "1", "2023"), background(code, "SA", "2023")
        assert values.loc[code, "value"] == pytest.approx(100 * foreign / total)
        assert values.loc[code, "n"] == total


def test_an_oversized_answer_is_refused_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    from est_geo.indicators.scb import client as client_module

    monkeypatch.setattr(client_module, "MAX_BYTES", 500)
    with (
        standin() as root,
        _quiet_client() as client,
        pytest.raises(ScbServiceError, match="mer än"),
    ):
        fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso", year=2025)


def test_a_truncated_wfs_answer_writes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """GeoServer caps features per call: fewer features than numberMatched is refused."""
    original = Handler._features

    def capped(self: Handler, query: dict[str, str]) -> dict[str, object]:
        doc = original(self, query)
        doc["numberMatched"] = len(doc["features"]) + 1  # type: ignore[arg-type]
        return doc

    monkeypatch.setattr(Handler, "_features", capped)
    with (
        standin() as root,
        _quiet_client() as client,
        pytest.raises(EstGeoError, match="4 av 5"),
    ):
        fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso", year=2025)


def test_both_backends_store_areas_key_and_values(store_factory: object) -> None:
    from est_geo.indicators.scb import store_fetched_areas, store_fetched_indicator

    store = store_factory()  # type: ignore[operator]
    with standin() as root, _quiet_client() as client:
        areas = fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso",
                            year=2025)  # fmt: skip
        ind = fetch_indicator(client, f"{root}/api/v2", CATALOGUE["befolkning"], kommun="0581",
                              period="2024")  # fmt: skip
    assert store_fetched_areas(store, areas, user="t").inserted == 4
    again = store_fetched_areas(store, areas, user="t")
    assert (again.inserted, again.replaced) == (0, 4)
    stored = store_fetched_indicator(store, ind, user="t")
    assert stored.written == 4 and stored.report.matched == 4
    key = store.area_key(child_level="deso", parent_level="regso", version=2025)
    assert sorted(set(key["parent_code"])) == ["0581R001", "0581R002"]


def test_a_second_municipality_keeps_the_first_ones_key(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with standin() as root:
        _settings(monkeypatch, root)
        _fetch(db, "areas")
        assert cli_main(["fetch", "scb-areas", "--db", db, "--kommun", "0580"]) == 0
    key = open_store(db).area_key(child_level="deso", parent_level="regso", version=2025)
    parent_of = dict(zip(key["child_code"], key["parent_code"], strict=True))
    assert parent_of["0581A0010"] == "0581R001" and parent_of["0580A0010"] == "0580R001"
    names = dict(zip(key["parent_code"], key["parent_name"], strict=False))
    assert names["0581R002"] == "Hageby"


def test_regso_level_and_a_recipe_through_the_cli(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    recipe = tmp_path / "kvinnor.toml"
    recipe.write_text(
        'key = "kvinnor"\nname_sv = "Kvinnor"\nname_en = "Women"\nunit = "personer"\n'
        'higher_is_worse = false\ntable = "TAB6574"\nkind = "count"\n'
        '[selection]\nAlder = ["totalt"]\nKon = ["2"]\n',
        encoding="utf-8",
    )
    with standin() as root:
        _settings(monkeypatch, root)
        args = ["fetch", "scb-indicators", "--db", db, "--kommun", "0581", "--level", "regso",
                "--recipe", str(recipe), "--period", "2023"]  # fmt: skip
        assert cli_main(args) == 0
        data_bodies = [b for b in Handler.bodies if "selection" in b]
    regions = next(s for s in data_bodies[0]["selection"] if s["variableCode"] == "Region")
    # only the municipality's RegSO, of the newest version (the bare RegSO 2020 code is not)
    assert regions["valueCodes"] == ["0581R001_RegSO2025", "0581R002_RegSO2025"]
    values = open_store(db).indicator_values("kvinnor").sort_values("area_code")
    assert values["area_code"].tolist() == ["0581R001", "0581R002"]
    assert values["period"].tolist() == ["2023", "2023"]
    assert "Koder utan område:   0581R001, 0581R002" in capsys.readouterr().out  # no polygon yet


def test_northing_first_coordinates_are_put_in_easting_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A WFS 2.0 server may follow EPSG:3006's official axis order (northing first)."""
    original = Handler._features

    def northing_first(self: Handler, query: dict[str, str]) -> dict[str, object]:
        doc = original(self, query)
        for f in doc["features"]:  # type: ignore[attr-defined]
            ring = f["geometry"]["coordinates"][0]
            f["geometry"]["coordinates"] = [[[n, e] for e, n in ring]]
        return doc

    with standin() as root, _quiet_client() as client:
        plain = fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso",
                            year=2025)  # fmt: skip
        monkeypatch.setattr(Handler, "_features", northing_first)
        swapped = fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun="0581", level="deso",
                              year=2025)  # fmt: skip
    a = plain.areas.set_index("code").geometry
    b = swapped.areas.set_index("code").geometry
    assert all(a[c].equals(b[c]) for c in DESO)
    assert a["0581A0010"].bounds == (567_000.0, 6_494_000.0, 568_000.0, 6_495_000.0)


def test_the_fetch_report_takes_singular_and_plural_forms() -> None:
    from est_geo.i18n import translate

    one = translate("scb.areas_done", "sv", total=1, new=1, old=1)
    assert one == "1 område hämtat: 1 ny, 1 ersatt."
    many = translate("scb.areas_done", "sv", total=4, new=0, old=4)
    assert many == "4 områden hämtade: 0 nya, 4 ersatta."


def test_scb_table_lists_variables_codes_and_periods(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with standin() as root:
        _settings(monkeypatch, root)
        assert cli_main(["fetch", "scb-table", "andel_65_plus", "--codes", "3"]) == 0
        assert cli_main(["fetch", "scb-table", "TAB6571"]) == 0
        assert cli_main(["fetch", "scb-table", "../etc"]) == 2
        assert len(Handler.calls) == 2  # the bad id never left the machine
    out = capsys.readouterr().out
    assert "Tabell TAB6574" in out and "  Alder: totalt, -4, 5-9 … (9 koder)" in out
    assert "Perioder (Tid): 2023, 2024" in out
    assert "  UtlBakgrund: 1, 2, SA" in out


def _fetched(root: str, kommun: str, level: str, year: int) -> object:
    with _quiet_client() as client:
        return fetch_areas(client, f"{root}/geoserver/stat/wfs", kommun=kommun, level=level,
                           year=year)  # fmt: skip


def test_refetch_removes_the_codes_scb_no_longer_delivers(store_factory: object) -> None:
    """A re-delivery replaces the municipality's areas of that version all or nothing: a
    code SCB no longer delivers is removed (and its key pair), while the other
    municipality and the other version keep theirs."""
    from est_geo.indicators.scb import store_fetched_areas

    store = store_factory()  # type: ignore[operator]
    with standin() as root:
        for kommun, year in (("0581", 2025), ("0580", 2025), ("0581", 2018)):
            store_fetched_areas(store, _fetched(root, kommun, "deso", year), user="t")  # type: ignore[arg-type]
        Handler.gone = frozenset({"0581C0040"})
        again = store_fetched_areas(store, _fetched(root, "0581", "deso", 2025), user="t")  # type: ignore[arg-type]
    assert again.removed == ("0581C0040",) and (again.inserted, again.replaced) == (0, 3)
    now = sorted(store.areas(levels=["deso"], version=2025)["code"])
    assert now == ["0580A0010", *sorted(set(DESO) - {"0581C0040"})]
    assert sorted(store.areas(levels=["deso"], version=2018)["code"]) == sorted(DESO)
    key = store.area_key(child_level="deso", parent_level="regso", version=2025)
    assert "0581C0040" not in set(key["child_code"]) and "0580A0010" in set(key["child_code"])
    records = store.area_deliveries().set_index(["version", "kommun"])
    assert records.loc[(2025, "0581"), "areas"] == 3 and records.loc[(2018, "0581"), "areas"] == 4


def test_a_failure_between_the_areas_and_their_record_changes_nothing(
    store_factory: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The areas, the removals, the key pairs and the version record are one transaction:
    if writing the record fails after the areas were written, none of it is kept."""
    from est_geo.indicators.scb import store_fetched_areas
    from est_geo.store.sql_core import SQLCoreMixin

    store = store_factory()  # type: ignore[operator]
    with standin() as root:
        store_fetched_areas(store, _fetched(root, "0581", "deso", 2025), user="t")  # type: ignore[arg-type]
        before = store.areas(levels=["deso"]).sort_values("code").reset_index(drop=True)
        key_before = store.area_key(child_level="deso", parent_level="regso", version=2025)
        record_before = store.area_deliveries()
        Handler.gone = frozenset({"0581C0040"})
        monkeypatch.setattr("tests.scb_standin.E0", 567_500.0)
        moved = _fetched(root, "0581", "deso", 2025)

    def broken(self: object, con: object, delivery: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(SQLCoreMixin, "_record_delivery", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        store_fetched_areas(store, moved, user="t")  # type: ignore[arg-type]
    after = store.areas(levels=["deso"]).sort_values("code").reset_index(drop=True)
    assert after["code"].tolist() == before["code"].tolist()  # nothing removed
    assert after.geometry.geom_equals(before.geometry).all()  # nothing replaced
    key_after = store.area_key(child_level="deso", parent_level="regso", version=2025)
    assert key_after.equals(key_before)
    assert store.area_deliveries().equals(record_before)
