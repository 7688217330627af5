"""The meeting data (handlingsplan, saved views, agendas) is identical on both backends.

The contract tests check each backend against expected values; this runs one scenario on
the embedded store and on PostGIS side by side and compares everything they return,
including orderings (names differing only in case, Swedish letters) and audit histories.
Only the wall-clock times differ between two runs, so they are compared for form only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from est_geo.core.model import ActionItem
from est_geo.core.views import Agenda, SavedView, ViewState
from est_geo.store import create_store
from est_geo.store.meeting import MeetingStore
from tests.conftest import ThrowawayCluster, small_areas

pytestmark = pytest.mark.postgis

UTC_TEXT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
TIME_FIELDS = {"created_at", "updated_at", "at"}


def _scenario(store: MeetingStore) -> dict[str, Any]:
    """Write the same things through the store and collect everything it gives back."""
    item = ActionItem(
        title="  Röj buskage vid gångtunneln ",
        actor="bostadsbolag",
        status="ej_paborjad",
        due_date=date(2025, 3, 14),
        area_code="T-OMR-C",
        meeting=" Chefssamråd 2025-03-05 ",
        meeting_date=date(2025, 3, 5),
        notes="Åtgärdas före vårstädningen.",
    )
    first = store.add_action_item(item, user="anna")
    second = store.add_action_item(
        replace(
            item,
            title="Belysning",
            area_code=None,
            shape_wkt="POLYGON ((564850 6493050, 564950 6493050, 564950 6493150, 564850 6493050))",
            due_date=None,
        ),
        user="bo",
    )
    store.update_action_item(
        replace(store.get_action_item(first), status="pagar", notes="Beställt."), user="bo"
    )
    views = [
        store.add_saved_view(
            SavedView(name, ViewState(area=code, period="2025-03"), code), user="a"
        )
        for name, code in (
            ("b-vy", "T-OMR"),
            ("Ängen", "T-OMR-C"),
            ("A-vy", "T-OMR"),
            ("a-vy", None),
            ("Öster", "T-OMR-C"),
        )
    ]
    agenda = store.save_agenda(Agenda("Samråd", (views[2], views[0]), area_code="T-OMR"), user="a")
    store.save_agenda(Agenda("samråd mars", (views[1],), id=agenda, notes="Punkt 3"), user="b")
    store.save_agenda(Agenda("Alla", tuple(views)), user="a")
    store.delete_saved_view(views[3], user="a")
    return {
        "items": [asdict(i) for i in store.action_items()],
        "items_area": [i.id for i in store.action_items(area_codes=["T-OMR-C", "X"])],
        "items_none": store.action_items(area_codes=[]),
        "one": asdict(store.get_action_item(second)),
        "history": store.action_item_history(first).to_dict("records"),
        "views": [asdict(v) for v in store.saved_views()],
        "views_area": [v.id for v in store.saved_views(area_code="T-OMR-C")],
        "agendas": [asdict(a) for a in store.agendas()],
        "agenda": asdict(store.get_agenda(agenda)),
    }


def _without_times(value: Any) -> Any:
    """``value`` with every time field checked for form and then blanked."""
    if isinstance(value, dict):
        out = {}
        for key, inner in value.items():
            if key in TIME_FIELDS:
                assert isinstance(inner, str) and UTC_TEXT.fullmatch(inner), (key, inner)
                out[key] = "<time>"
            else:
                out[key] = _without_times(inner)
        return out
    if isinstance(value, list | tuple):
        return type(value)(_without_times(v) for v in value)
    return value


@pytest.fixture
def both(postgis_cluster: ThrowawayCluster, tmp_path: Path) -> Iterator[list[MeetingStore]]:
    """An embedded and a PostGIS store, each with the small test areas."""
    url = postgis_cluster.new_database()
    stores = [create_store(str(tmp_path / "parity.gpkg")), create_store(url)]
    try:
        for s in stores:
            assert isinstance(s, MeetingStore)
            s.add_areas(small_areas(), user="test")
        yield [s for s in stores if isinstance(s, MeetingStore)]
    finally:
        close = getattr(stores[1], "close", None)
        if close is not None:
            close()
        postgis_cluster.drop_database(url)


def test_same_scenario_same_results(both: list[MeetingStore]) -> None:
    gpkg, postgis = (_without_times(_scenario(s)) for s in both)
    assert gpkg["views"][0]["name"] == "A-vy"  # ASCII case folded, Å/Ä/Ö after z
    assert [v["name"] for v in gpkg["views"]] == ["A-vy", "b-vy", "Ängen", "Öster"]
    assert gpkg["history"][1]["before"]["status"] == "ej_paborjad"
    assert gpkg == postgis
