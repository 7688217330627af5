"""AppTest of the Data page's tab "Hämta från SCB" against the stand-in servers: areas
then an indicator fetched by two clicks, the join report, and the layer offered on the
Indikatorer page with its RegSO roll-up. No test calls scb.se."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.store import open_store
from tests.conftest import log_in_locally
from tests.scb_standin import DESO, Handler, standin

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DATA = str(ROOT / "app_pages" / "data.py")
INDIKATORER = str(ROOT / "app_pages" / "indikatorer.py")


def test_two_clicks_give_areas_and_an_indicator_on_indikatorer(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = demo_copy(300)
    with standin() as root:
        monkeypatch.setenv("EST_GEO_SCB_GEODATA_URL", f"{root}/geoserver/stat/wfs")
        monkeypatch.setenv("EST_GEO_SCB_PXWEB_URL", f"{root}/api/v2")
        at = AppTest.from_file(APP, default_timeout=120)
        log_in_locally(at, Role.ANALYTIKER)
        at.run()
        at.switch_page(DATA)
        at.run()
        assert not at.exception, at.exception
        assert not Handler.calls  # nothing is fetched before a click
        at.text_input(key="data_scb_kommun").set_value("0581").run()
        at.button(key="data_scb_fetch_areas").click().run()
        assert not at.exception, at.exception
        done = " ".join(s.value for s in at.success)
        assert "4 områden hämtade: 4 nya, 0 ersatta" in done
        assert "Kodnyckeln DeSO → RegSO har 4 rader (2 RegSO)" in done
        at.selectbox(key="data_scb_indicator").set_value("andel_65_plus").run()
        # The period list comes from the table's metadata, read on its own click.
        assert at.selectbox(key="data_scb_period_TAB6574").options == ["senaste"]
        metadata_calls = [c for c in Handler.calls if c[1].endswith("/metadata")]
        at.button(key="data_scb_load_periods").click().run()
        assert not at.exception, at.exception
        assert (
            len([c for c in Handler.calls if c[1].endswith("/metadata")]) == len(metadata_calls) + 1
        )
        assert at.selectbox(key="data_scb_period_TAB6574").options == ["senaste", "2024", "2023"]
        at.selectbox(key="data_scb_period_TAB6574").set_value("2023").run()
        at.button(key="data_scb_fetch_indicator").click().run()
        assert not at.exception, at.exception
        done = " ".join(s.value for s in at.success)
        assert "andel_65_plus, period 2023: 4 värden sparade, 4 områden fick ett värde" in done
        at.selectbox(key="data_scb_period_TAB6574").set_value("2024").run()
        at.button(key="data_scb_fetch_indicator").click().run()
        done = " ".join(s.value for s in at.success)
        assert "andel_65_plus, period 2024: 3 värden sparade, 3 områden fick ett värde" in done
        warned = " ".join(w.value for w in at.warning)
        assert "0581C0040" in warned  # SCB's suppressed cell, named in the join report
    values = open_store(str(db)).indicator_values("andel_65_plus")
    got = values[values["period"] == "2024"]
    assert sorted(got["area_code"]) == sorted(set(DESO) - {"0581C0040"})
    at.switch_page(INDIKATORER)
    at.run()
    assert not at.exception, at.exception
    assert "Andel 65 år och äldre" in at.selectbox(key="ind_a").options
    at.selectbox(key="ind_a").set_value("andel_65_plus").run()
    assert not at.exception, at.exception
    levels = at.multiselect(key="ind_levels").options
    assert "DeSO" in levels and "RegSO" in levels  # RegSO rolled up by the fetched key
