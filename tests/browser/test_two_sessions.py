"""Two browser sessions edit different interventions at once on the embedded store.

One Streamlit server on a fresh demo GeoPackage (no tiles), two independent Chromium
contexts (two Streamlit sessions, two cookie jars). Session A selects intervention X,
session B intervention Y; each changes the description and status in the Åtgärder form;
both "Spara ändringar" buttons are clicked back to back, so the two writes reach the
store from two server threads at nearly the same moment. Afterwards both edits must be
in the store and in the audit trail, and a reload of each page must show them.

Both contexts follow the harness rule of ``browser_page``: every request is recorded and
anything leaving loopback is blocked and fails the test.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserLog, choose_in, new_recorded_page

from est_geo.demo.bootstrap import create_demo_database
from est_geo.store import open_store

pytestmark = pytest.mark.browser

X_NAME = "Bommar Klockaretorpet centrum"  # demo: pågår
Y_NAME = "Kamerabevakning Navestad torg"  # demo: planerad
X_EDIT = ("Session A: bommarna flyttade till norra infarten.", "avslutad", "Avslutad")
Y_EDIT = ("Session B: tillstånd beviljat, kamerorna uppe.", "pagar", "Pågår")


@pytest.fixture
def second_page(_browser: Any, browser_log: BrowserLog) -> Iterator[Any]:
    """A page in a second browser context: its own cookies, so its own Streamlit session.

    Same rule as ``browser_page`` (requests recorded in the shared ``browser_log``, any
    request off loopback aborted, listed and fails the test in ``browser_page``'s
    teardown, which runs after this one).
    """
    context, page = new_recorded_page(_browser, browser_log)
    try:
        yield page
    finally:
        context.close()


def _wait(condition: Callable[[], Any], timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("condition not met in time")


def _ids(db: Path) -> dict[str, int]:
    ivs = open_store(str(db), read_only=True).interventions()
    return {str(n): int(i) for n, i in zip(ivs["name"], ivs["id"], strict=True)}


def _select(page: Any, label: str, option: str, *, scope: Any = None) -> None:
    """Pick ``option`` in the Streamlit selectbox labelled ``label`` (inside ``scope``).

    The map's report of its view reruns Åtgärder and closes an open list: reopened then.
    """
    root = scope if scope is not None else page
    box = root.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.wait_for(timeout=60_000)
    choose_in(
        page,
        box.locator('[role="combobox"]').first,
        page.get_by_role("option", name=option, exact=True),
    )


def _open_for_edit(page: Any, url: str, name: str) -> Any:
    """Load Åtgärder, pick intervention ``name``; return its edit form once shown."""
    page.goto(f"{url}/atgarder", wait_until="domcontentloaded")
    _select(page, "Vald åtgärd", name)
    form = page.locator('[data-testid="stForm"]').filter(
        has=page.get_by_role("button", name="Spara ändringar")
    )
    form.get_by_label("Namn").wait_for(timeout=60_000)
    _wait(lambda: form.get_by_label("Namn").input_value() == name)
    return form


def _fill(page: Any, form: Any, description: str, status_label: str) -> None:
    area = form.get_by_label("Beskrivning")
    area.fill(description)
    _select(page, "Status", status_label, scope=form)
    area.click()  # keep focus inside the form; nothing is sent before submit


def test_two_sessions_edit_different_interventions(
    streamlit_server: Any,
    browser_page: Any,
    second_page: Any,
    browser_log: BrowserLog,
    screenshot: Any,
    tmp_path: Path,
) -> None:
    db = tmp_path / "demo.gpkg"
    create_demo_database(str(db), n_incidents=3_000, end_date=date(2026, 11, 1))
    ids = _ids(db)
    x_id, y_id = ids[X_NAME], ids[Y_NAME]
    before = open_store(str(db)).interventions().set_index("id")
    assert before.loc[x_id, "status"] != X_EDIT[1]
    assert before.loc[y_id, "status"] != Y_EDIT[1]
    base_url = streamlit_server(
        "app.py", env={"EST_GEO_DATABASE_URL": str(db), "EST_GEO_TILE_URL": "none"}
    )
    a, b = browser_page, second_page

    form_a = _open_for_edit(a, base_url, X_NAME)
    form_b = _open_for_edit(b, base_url, Y_NAME)
    _fill(a, form_a, X_EDIT[0], X_EDIT[2])
    _fill(b, form_b, Y_EDIT[0], Y_EDIT[2])
    screenshot(a, "a-filled")
    screenshot(b, "b-filled")

    # Both submits back to back: the two reruns and writes overlap on the server.
    save_a = form_a.get_by_role("button", name="Spara ändringar")
    save_b = form_b.get_by_role("button", name="Spara ändringar")
    save_a.click(no_wait_after=True)
    save_b.click(no_wait_after=True)
    a.get_by_text(f"«{X_NAME}» är sparad").wait_for(timeout=60_000)
    b.get_by_text(f"«{Y_NAME}» är sparad").wait_for(timeout=60_000)

    # --- the store has both edits, and nothing else changed
    after = open_store(str(db), read_only=True).interventions().set_index("id")
    assert (after.loc[x_id, "description"], after.loc[x_id, "status"]) == X_EDIT[:2]
    assert (after.loc[y_id, "description"], after.loc[y_id, "status"]) == Y_EDIT[:2]
    others = [i for i in before.index if i not in (x_id, y_id)]
    cols = ["name", "status", "description"]
    assert after.loc[others, cols].equals(before.loc[others, cols])
    assert len(after) == len(before)

    # --- the audit trail has one update per session, with the session's user
    log = open_store(str(db), read_only=True).audit_log()
    updates = log[(log["entity"] == "interventions") & (log["action"] == "update")]
    by_entity = {str(e): r for e, r in zip(updates["entity_id"], updates.itertuples(), strict=True)}
    assert set(by_entity) == {str(x_id), str(y_id)}
    assert X_EDIT[0] in str(by_entity[str(x_id)].after)
    assert Y_EDIT[0] in str(by_entity[str(y_id)].after)
    assert all(str(u).startswith("demo-") for u in updates["user"])

    # --- a reload of each session shows both edits (reading the other session's write)
    for page, name, edit in ((a, Y_NAME, Y_EDIT), (b, X_NAME, X_EDIT)):
        form = _open_for_edit(page, base_url, name)
        # The form's fields refresh one after the other: wait for the description too.
        description = form.get_by_label("Beskrivning")
        _wait(lambda d=description, e=edit[0]: d.input_value() == e)
        assert description.input_value() == edit[0]
        status_box = form.locator('[data-testid="stSelectbox"]').filter(has_text="Status")
        combo = status_box.locator('[role="combobox"]').first
        shown = " ".join(
            [status_box.inner_text(), combo.input_value(), combo.get_attribute("aria-label") or ""]
        )
        assert edit[2] in shown
    screenshot(a, "a-reloaded")

    assert browser_log.page_errors == []
    assert browser_log.dialogs == []
