"""AppTest tests of the Åtgärder page: form validation, save, repair consent, delete, roles.

AppTest cannot draw on a Leaflet map, so a drawing is put where the page also accepts
one: ``st.session_state["atgarder_draft"]``, a GeoJSON feature in WGS84 exactly like
those streamlit-folium returns in ``all_drawings``. The real drawing is covered by
``tests/browser/test_atgarder_draw.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import Polygon, box
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.core.crs import to_wgs84
from est_geo.store import open_store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = str(ROOT / "app_pages" / "atgarder.py")

# Inside Klockaretorpet (demo område), away from the demo interventions.
SQUARE = box(564_400, 6_493_300, 564_500, 6_493_400)
BOWTIE = Polygon([(564_400, 6_493_300), (564_500, 6_493_400), (564_500, 6_493_300),
                  (564_400, 6_493_400)])  # fmt: skip


def _feature(geom: shapely.Geometry) -> dict[str, object]:
    wgs = shapely.transform(geom, lambda xy: np.column_stack(to_wgs84(xy[:, 0], xy[:, 1])))
    return {"type": "Feature", "properties": {}, "geometry": wgs.__geo_interface__}


@pytest.fixture
def db(demo_copy: Callable[[int], Path]) -> Path:
    """A private copy of the demo database per test (the tests write)."""
    return demo_copy(6_000)


def _page(role: Role, **state: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.session_state["est_geo_role"] = role.value
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page(PAGE)
    at.run()
    assert not at.exception, at.exception
    return at


def _texts(elements: object) -> str:
    return " ".join(str(e.value) for e in elements)  # type: ignore[attr-defined]


def test_analyst_without_drawing_is_asked_to_draw(db: Path) -> None:
    at = _page(Role.ANALYTIKER)
    assert at.title[0].value == "Åtgärder"
    assert "Rita först" in _texts(at.info)
    assert not [b for b in at.button if b.label == "Spara åtgärd"]


def test_form_validation_names_missing_name(db: Path) -> None:
    at = _page(Role.ANALYTIKER, atgarder_draft=_feature(SQUARE))
    before = len(open_store(str(db)).interventions())
    at.button(key="FormSubmitter:iv_form_0-Spara åtgärd").click().run()
    assert "namn saknas" in _texts(at.error)
    assert len(open_store(str(db)).interventions()) == before


def test_save_from_form_stores_geometry_and_audit(db: Path) -> None:
    at = _page(Role.ANALYTIKER, atgarder_draft=_feature(SQUARE))
    at.text_input(key="iv_name_0").input("Belysning <script>x</script> *fet*")
    at.selectbox(key="iv_kind_0").set_value("belysning")
    at.date_input(key="iv_start_0").set_value(date(2026, 1, 15))
    at.button(key="FormSubmitter:iv_form_0-Spara åtgärd").click().run()
    assert not at.exception, at.exception
    assert not at.error, _texts(at.error)
    store = open_store(str(db))
    ivs = store.interventions()
    saved = ivs[ivs["name"] == "Belysning <script>x</script> *fet*"]
    assert len(saved) == 1
    iv = store.get_intervention(int(saved["id"].iloc[0]))
    assert iv.kind == "belysning" and iv.start_date == date(2026, 1, 15)
    assert shapely.hausdorff_distance(iv.geometry, SQUARE) < 0.01
    log = store.audit_log(limit=5)
    assert (log["user"] == "demo-analytiker").any()
    # The page now edits the new intervention; user text is escaped in markdown.
    assert at.selectbox(key="atgarder_pick").value == iv.id
    success = _texts(at.success)
    assert "\\*fet\\*" in success and "<script>" not in success


def test_self_intersecting_drawing_needs_consent_to_repair(db: Path) -> None:
    at = _page(Role.ANALYTIKER, atgarder_draft=_feature(BOWTIE))
    assert "korsar sig själv" in _texts(at.error)
    repair = [b for b in at.button if b.label.startswith("Reparera formen")]
    assert repair
    at.text_input(key="iv_name_0").input("Fluga")
    at.button(key="FormSubmitter:iv_form_0-Spara åtgärd").click().run()
    assert "korsar sig själv" in _texts(at.error)  # not saved, not silently repaired
    assert "Fluga" not in set(open_store(str(db)).interventions()["name"])
    at.button(key="iv_repair").click().run()
    assert "reparerad" in _texts(at.success)
    assert "korsar sig själv" not in _texts(at.error)


def test_evaluation_panel_for_demo_bommar(db: Path) -> None:
    at = _page(Role.ANALYTIKER, atgarder_pick=1)
    text = _texts(at.markdown)
    assert "Bedömning" in text and "I målområdet minskade antalet brott från" in text
    # The meeting's one-line reading: outcome, confidence, the target's own change.
    boxes = [str(e.value) for e in [*at.success, *at.info, *at.error]]
    lines = [b for b in boxes if ": i målområdet " in b]
    assert len(lines) == 1, boxes
    assert lines[0].startswith(("Förbättrat", "Ingen tydlig förändring", "Försämrat"))
    assert "flest händelser" in text
    assert len(at.dataframe) >= 2  # interventions table, categories, results


def test_evaluation_verdict_in_the_readers_language(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With EST_GEO_LANGUAGE=en the verdict is English, not the stored Swedish text."""
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    at = _page(Role.ANALYTIKER, atgarder_pick=1)
    verdicts = [str(e.value) for e in at.markdown if str(e.value).startswith("**Verdict:**")]
    assert len(verdicts) == 1, _texts(at.markdown)
    assert verdicts[0].startswith("**Verdict:** In the target area crimes ")
    for swedish in ("målområdet", "brott", "Buffertområdet", "statistiskt", "Jämförelsen"):
        assert swedish not in verdicts[0], swedish
    assert "The comparison shows an association in time and place" in verdicts[0]
    results = [d.value for d in at.dataframe if "Measure" in d.value.columns]
    assert len(results) == 1
    assert list(results[0].columns) == ["Measure", "Value", "SE", "z", "95% CI", "p", "Reading"]
    assert "RES (odds ratio)" in set(results[0]["Measure"])
    captions = _texts(at.caption)
    assert "runt åtgärden" not in captions and "ritat kontrollområde" not in captions
    for warning in at.warning:
        for swedish in ("brott", "kontrollområde", "bufferten"):
            assert swedish not in str(warning.value), warning.value


def test_delete_asks_for_confirmation(db: Path) -> None:
    at = _page(Role.ANALYTIKER, atgarder_pick=3)
    at.button(key="iv_delete_3").click().run()
    assert "Vill du verkligen ta bort" in _texts(at.warning)
    at.button(key="iv_delete_no_3").click().run()
    assert 3 in set(open_store(str(db)).interventions()["id"])
    at.button(key="iv_delete_3").click().run()
    at.button(key="iv_delete_yes_3").click().run()
    assert not at.exception
    assert 3 not in set(open_store(str(db)).interventions()["id"])
    assert "borttagen" in _texts(at.success)


def test_member_sees_but_cannot_edit(db: Path) -> None:
    at = _page(Role.MEDLEM, atgarder_pick=1, atgarder_draft=_feature(SQUARE))
    assert not [b for b in at.button if "Spara" in str(b.label) or "Ta bort" in str(b.label)]
    assert "Bommar Klockaretorpet centrum" in _texts(at.markdown)


def _map_script(at: AppTest) -> str:
    """The Leaflet script st_folium was given (AppTest shows the component's arguments)."""
    maps = [str(e.proto.json_args) for e in at.get("component_instance")]
    assert len(maps) == 1
    return maps[0]


@pytest.mark.parametrize(("role", "tools"), [(Role.MEDLEM, False), (Role.ANALYTIKER, True)])
def test_drawing_tools_only_for_roles_that_may_save(db: Path, role: Role, tools: bool) -> None:
    # Issue 13 item 7: a medlem was given the Draw toolbar and then told to save.
    at = _page(role)
    assert ("L.Control.Draw" in _map_script(at)) is tools
    shown = " ".join(
        [_texts(at.info), _texts(at.caption), _texts(at.markdown), _texts(at.subheader)]
    )
    assert ("Rita" in shown) is tools
    assert ("Verktygen uppe till vänster" in shown) is tools
    pick_labels = at.selectbox(key="atgarder_pick").options
    assert ("Ny åtgärd (rita den på kartan)" in pick_labels) is tools
    if not tools:
        assert "Välj en åtgärd i tabellen" in _texts(at.info)
        assert "Kartan visar de sparade åtgärderna" in _texts(at.caption)
        # the saved interventions are still on the map, read-only
        assert "intervention_id" in _map_script(at)
