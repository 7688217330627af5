"""The ready SCB catalogue against the stand-in that speaks SCB's shape (tests/scb_standin.py):
each indicator's table, selection, unit, direction and value per DeSO, computed here from
the stand-in's cells; one area version per fetch (SCB's DeSO tables list DeSO 2018 codes
bare beside DeSO 2025 codes with a suffix); ``*`` selections and complement shares from a
recipe. No call leaves the machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from est_geo.cli import main as cli_main
from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.indicators.scb import CATALOGUE, RateLimit, ScbClient, fetch_indicator, load_recipe
from est_geo.indicators.scb.pxweb import region_version
from est_geo.store import create_store, open_store
from tests.scb_standin import (
    DESO,
    EDUCATION,
    OLD_VERSION_OFFSET,
    TABLES,
    Handler,
    birth,
    economic_standard,
    education,
    labour,
    net_income,
    population,
    standin,
)

NORRKOPING = sorted(DESO)


def _client() -> ScbClient:
    slept: list[float] = []
    return ScbClient(rate=RateLimit(sleep=slept.append), sleep=slept.append)


def _fetch(key: str, **kwargs: object) -> object:
    with standin() as root, _client() as client:
        return fetch_indicator(client, f"{root}/api/v2", CATALOGUE[key], kommun="0581", **kwargs)  # type: ignore[arg-type]


def _values(key: str, period: str = "2024") -> dict[str, tuple[float, float | None]]:
    got = _fetch(key, period=period)
    frame = got.values  # type: ignore[attr-defined]
    return {
        str(r.area_code): (float(r.value), None if r.n is None else float(r.n))
        for r in frame.itertuples()
    }


def test_every_entry_names_its_table_unit_direction_and_a_valid_selection() -> None:
    for key, recipe in CATALOGUE.items():
        assert recipe.key == key and recipe.problems() == []
        assert recipe.unit in {"personer", "procent"}
        # the stand-in publishes each table with the codes the recipe asks for
        for var, codes in recipe.selection.items():
            assert set(codes) <= set(TABLES[recipe.table][var]), (key, var)
    assert {"utrikes_fodda_andel", "lag_ekonomisk_standard_andel", "eftergymnasial_andel",
            "sysselsatta_andel"} <= set(CATALOGUE)  # fmt: skip
    assert [k for k, r in CATALOGUE.items() if r.higher_is_worse] == [
        "lag_ekonomisk_standard_andel"
    ]


def test_foreign_born_share_is_all_less_born_in_sweden() -> None:
    """TAB6572: 100 × (tot − sv) / tot, n = tot (SCB publishes ``sv`` and ``tot``)."""
    got = _values("utrikes_fodda_andel")
    assert sorted(got) == NORRKOPING
    for code in NORRKOPING:
        tot, sv = birth(code, "tot", "2024"), birth(code, "sv", "2024")
        assert got[code] == (pytest.approx(100 * (tot - sv) / tot), tot)


def test_low_economic_standard_is_scbs_own_per_cent_without_n() -> None:
    """TAB6685, ContentsCode 000008AC (low), never 000008AD (high)."""
    got = _values("lag_ekonomisk_standard_andel", period="2023")
    for code in NORRKOPING:
        assert got[code] == (pytest.approx(economic_standard(code, "000008AC", "2023")), None)
    body = next(b for b in Handler.bodies if "selection" in b)
    contents = next(s for s in body["selection"] if s["variableCode"] == "ContentsCode")
    assert contents["valueCodes"] == ["000008AC"]


def test_post_secondary_share_over_every_education_level() -> None:
    """TAB6534: (5 + 6) / (21 + 3+4 + 5 + 6 + US), persons 25–64."""
    got = _values("eftergymnasial_andel")
    for code in NORRKOPING:
        levels = {lvl: education(code, lvl, "2024") for lvl in EDUCATION}
        den = sum(levels.values())
        assert got[code] == (pytest.approx(100 * (levels["5"] + levels["6"]) / den), den)


def test_employment_share_of_persons_20_to_64() -> None:
    """TAB6680: 0000089X (sysselsatta) / 0000089Y (totalt), Alder 20-64, Kon 1+2."""
    got = _values("sysselsatta_andel")
    for code in NORRKOPING:
        employed = labour(code, "0000089X", "20-64", "2024")
        total = labour(code, "0000089Y", "20-64", "2024")
        assert got[code] == (pytest.approx(100 * employed / total), total)


def test_a_fetch_takes_one_area_version_the_newest_unless_named() -> None:
    """SCB lists 0581A0010 (DeSO 2018) beside 0581A0010_DeSO2025: without a choice both
    were asked for and the two versions' figures landed on one code."""
    newest = _fetch("befolkning", period="2024")
    regions = next(
        s["valueCodes"] for s in Handler.bodies[-1]["selection"] if s["variableCode"] == "Region"
    )
    assert regions == [f"{c}_DeSO2025" for c in NORRKOPING]
    assert newest.version == 2025  # type: ignore[attr-defined]
    frame = newest.values  # type: ignore[attr-defined]
    assert frame["area_code"].tolist() == NORRKOPING
    assert frame["value"].tolist() == [population(c, "totalt", "2024") for c in NORRKOPING]

    older = _fetch("befolkning", period="2024", version=2018)
    assert older.version == 2018  # type: ignore[attr-defined]
    expected = [(population(c, "totalt", "2024") or 0) + OLD_VERSION_OFFSET for c in NORRKOPING]
    assert older.values["value"].tolist() == expected  # type: ignore[attr-defined]

    with pytest.raises(EstGeoError, match="av version 2019"):
        _fetch("befolkning", version=2019)


def test_region_versions_follow_scbs_suffixes() -> None:
    assert region_version("0581A0010_DeSO2025", "deso") == 2025
    assert region_version("0581A0010", "deso") == 2018
    assert region_version("0581R001_RegSO2025", "regso") == 2025
    assert region_version("0581R001", "regso") == 2020


def test_a_recipe_may_select_every_code_and_take_a_complement(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'key = "utan_eftergymnasial"\nname_sv = "Utan eftergymnasial"\nname_en = "No tertiary"\n'
        'unit = "procent"\nhigher_is_worse = true\ntable = "TAB6534"\nkind = "share"\n'
        'share_variable = "UtbildningsNiva"\nnumerator = ["5", "6"]\n'
        'denominator = ["21", "3+4", "5", "6", "US"]\n'
        "complement = true\n"
        '[selection]\nUtbildningsNiva = ["*"]\nContentsCode = ["000007Z6"]\n',
        encoding="utf-8",
    )
    recipe = load_recipe(path)
    with standin() as root, _client() as client:
        got = fetch_indicator(client, f"{root}/api/v2", recipe, kommun="0581", period="2024")
        body = next(b for b in Handler.bodies if "selection" in b)
    levels = next(s for s in body["selection"] if s["variableCode"] == "UtbildningsNiva")
    assert levels["valueCodes"] == list(EDUCATION)
    code = NORRKOPING[0]
    cells = {lvl: education(code, lvl, "2024") for lvl in EDUCATION}
    value = got.values.set_index("area_code").loc[code, "value"]
    assert value == pytest.approx(
        100 * (cells["21"] + cells["3+4"] + cells["US"]) / sum(cells.values())
    )


def test_complement_is_refused_outside_a_share(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(
        'key = "k"\nname_sv = "K"\nname_en = "K"\nunit = "personer"\nhigher_is_worse = false\n'
        'table = "TAB6574"\nkind = "count"\ncomplement = true\n',
        encoding="utf-8",
    )
    with pytest.raises(ValidationError) as err:
        load_recipe(path)
    assert any(p.field == "complement" for p in err.value.problems)


def test_the_cli_fetches_the_named_area_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "scb.gpkg")
    create_store(db)
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        args = ["fetch", "scb-indicators", "--db", db, "--kommun", "0581",
                "--indicator", "befolkning", "--period", "2024", "--year", "2018"]  # fmt: skip
        assert cli_main(args) == 0
    assert "Områdesversion:      deso 2018" in capsys.readouterr().out
    values = open_store(db).indicator_values("befolkning").sort_values("area_code")
    expected = [(population(c, "totalt", "2024") or 0) + OLD_VERSION_OFFSET for c in NORRKOPING]
    assert values["value"].tolist() == expected


def test_a_newer_deso_version_sits_beside_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """DeSO 2018 and DeSO 2025 share codes with different shapes: both are kept, keyed by
    (level, code, version); each version's values and key stay with it, the newest is
    shown unless another is asked for, and nothing mixes the two."""
    from est_geo.indicators.versions import values_of_version

    db = str(tmp_path / "scb.gpkg")
    create_store(db)
    base = ["fetch", "scb-areas", "--db", db, "--kommun", "0581"]
    values_cmd = ["fetch", "scb-indicators", "--db", db, "--kommun", "0581",
                  "--indicator", "befolkning", "--period", "2024"]  # fmt: skip
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_GEODATA_URL", f"{root}/geoserver/stat/wfs")
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        assert cli_main([*base, "--year", "2018"]) == 0
        assert cli_main([*values_cmd, "--year", "2018"]) == 0
        assert cli_main([*base, "--year", "2025"]) == 0
        assert cli_main(values_cmd) == 0  # the newest stored version unless named
        capsys.readouterr()
        assert cli_main([*base, "--year", "2018"]) == 0  # the old one again: in place
    out = capsys.readouterr().out
    assert "Nya:                 0" in out and "Ersatta:             4" in out
    store = open_store(db)
    assert store.area_versions() == [2025, 2018]  # type: ignore[attr-defined]
    old = store.areas(levels=["deso"], version=2018).set_index("code")
    new = store.areas(levels=["deso"], version=2025).set_index("code")
    shown = store.areas(levels=["deso"]).set_index("code")
    assert sorted(old.index) == sorted(new.index) == sorted(shown.index) == NORRKOPING
    assert (shown["version"] == 2025).all()  # the newest, each code once
    for code in NORRKOPING:  # two shapes of one code, one per version
        assert old.loc[code].geometry.bounds[0] == new.loc[code].geometry.bounds[0] + 100
    values = store.indicator_values("befolkning")
    assert len(values) == 8
    for version, offset in ((2018, OLD_VERSION_OFFSET), (2025, 0)):
        mine = values_of_version(values, version).sort_values("area_code")
        expected = [(population(c, "totalt", "2024") or 0) + offset for c in NORRKOPING]
        assert mine["value"].tolist() == expected
        key = store.area_key(child_level="deso", parent_level="regso", version=version)
        assert sorted(key["child_code"]) == NORRKOPING


def test_indicators_follow_the_stored_area_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "scb.gpkg")
    create_store(db)
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_GEODATA_URL", f"{root}/geoserver/stat/wfs")
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        common = ["--db", db, "--kommun", "0581"]
        assert cli_main(["fetch", "scb-areas", *common, "--year", "2018"]) == 0
        args = ["fetch", "scb-indicators", *common, "--indicator", "befolkning", "--period", "2024"]
        assert cli_main(args) == 0
    assert "Områdesversion:      deso 2018" in capsys.readouterr().out
    values = open_store(db).indicator_values("befolkning").sort_values("area_code")
    expected = [(population(c, "totalt", "2024") or 0) + OLD_VERSION_OFFSET for c in NORRKOPING]
    assert values["value"].tolist() == expected


def test_income_support_is_not_offered_and_the_table_shows_its_codes_texts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Households on income support are published per DeSO only as the share of persons
    with the income type in TAB6683, whose content code no public source names: the
    catalogue does not offer it. ``fetch scb-table TAB6683`` shows each code with the
    table's own text, so a recipe's writer can pick that share's code from SCB's
    metadata; the codes public sources do confirm then fetch like any recipe."""
    from est_geo.indicators.scb.pxweb import Recipe

    assert all(recipe.table != "TAB6683" for recipe in CATALOGUE.values())
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        assert cli_main(["fetch", "scb-table", "TAB6683"]) == 0
        recipe = Recipe("bistand_medel", "Ekonomiskt bistånd, medelbelopp", "Income support, mean",
                        "tkr", True, "TAB6683", "value",
                        {"Inkomstkomponenter": ("170",), "Kon": ("1+2",),
                         "ContentsCode": ("000008A4",)})  # fmt: skip
        with _client() as client:
            got = fetch_indicator(client, f"{root}/api/v2", recipe, kommun="0581", period="2024")
    out = capsys.readouterr().out
    assert "Inkomstkomponenter: 170 (ekonomiskt bistånd), 240 (nettoinkomst)" in out
    assert "ContentsCode: 000008A4 (Medelvärde tkr)" in out
    values = got.values.set_index("area_code")["value"]
    for code in NORRKOPING:  # the stand-in's own mean amounts
        assert values[code] == pytest.approx(net_income(code, "170", "2024"))
