"""Handlingsplan: items in the store with history, role checks, filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from est_geo.access.roles import Role
from est_geo.core.errors import NotFoundError, PermissionDeniedError, ValidationError
from est_geo.core.model import ActionItem
from est_geo.i18n import label
from est_geo.meeting.handlingsplan import (
    DrawnShape,
    add_item,
    drawn_shapes,
    filter_items,
    item_history,
    items_for_report,
    shape_label,
    update_item,
)
from est_geo.store import Store
from est_geo.store.meeting import MeetingStore


def _item(**kw: object) -> ActionItem:
    base: dict[str, object] = {
        "title": "Byt trasig belysning i gångtunneln",
        "actor": "kommun",
        "status": "ej_paborjad",
        "due_date": date(2025, 3, 14),
        "area_code": "T-OMR-C",
        "meeting": "Chefssamråd 2025-03-05",
        "meeting_date": date(2025, 3, 5),
        "notes": "Fastighetsägaren informeras.",
    }
    base.update(kw)
    return ActionItem(**base)  # type: ignore[arg-type]


@pytest.fixture
def mstore(store: Store) -> MeetingStore:
    if not isinstance(store, MeetingStore):
        pytest.fail(f"{type(store).__name__} does not implement MeetingStore")
    return store


def test_add_update_and_history(mstore: MeetingStore) -> None:
    item_id = add_item(mstore, _item(), role=Role.ANALYTIKER, user="anna")
    stored = mstore.get_action_item(item_id)
    assert stored.title == "Byt trasig belysning i gångtunneln"
    assert (stored.created_by, stored.updated_by) == ("anna", "anna")
    assert (
        label("action.status", stored.status) == "Ej påbörjad"
        and label("actor", stored.actor) == "Kommunen"
    )

    update_item(
        mstore, replace(stored, status="pagar", notes="Beställt."), role=Role.ADMIN, user="bo"
    )
    after = mstore.get_action_item(item_id)
    assert (after.status, after.notes, after.updated_by) == ("pagar", "Beställt.", "bo")
    assert after.created_by == "anna"

    history = item_history(mstore, item_id)
    assert history["action"].tolist() == ["insert", "update"]
    assert history["user"].tolist() == ["anna", "bo"]
    assert history["before"].iloc[1]["status"] == "ej_paborjad"
    assert history["after"].iloc[1]["status"] == "pagar"
    assert history["after"].iloc[0]["due_date"] == "2025-03-14"


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.MEDLEM])
def test_readers_cannot_write(mstore: MeetingStore, role: Role) -> None:
    with pytest.raises(PermissionDeniedError):
        add_item(mstore, _item(), role=role, user="x")
    item_id = add_item(mstore, _item(), role=Role.ANALYTIKER, user="anna")
    with pytest.raises(PermissionDeniedError):
        update_item(mstore, replace(_item(), id=item_id), role=role, user="x")
    assert mstore.get_action_item(item_id).status == "ej_paborjad"


def test_every_problem_is_reported(mstore: MeetingStore) -> None:
    bad = _item(
        title=" ",
        actor="marsianer",
        status="kanske",
        area_code="FINNS-EJ",
        intervention_id=999,
        shape_wkt="POLYGON((",
    )
    with pytest.raises(ValidationError) as info:
        add_item(mstore, bad, role=Role.ANALYTIKER, user="anna")
    fields = {p.field for p in info.value.problems}
    assert fields == {"title", "actor", "status", "area_code", "intervention_id", "shape_wkt"}
    nowhere = _item(area_code=None)
    with pytest.raises(ValidationError, match="ritad yta"):
        add_item(mstore, nowhere, role=Role.ANALYTIKER, user="anna")
    assert mstore.action_items() == []


def test_drawn_shape_and_missing_item(mstore: MeetingStore) -> None:
    wkt = "POLYGON ((564850 6493050, 564950 6493050, 564950 6493150, 564850 6493050))"
    item_id = add_item(mstore, _item(area_code=None, shape_wkt=wkt), role=Role.ADMIN, user="a")
    assert mstore.get_action_item(item_id).shape_wkt == wkt
    with pytest.raises(NotFoundError):
        mstore.get_action_item(item_id + 100)
    with pytest.raises(NotFoundError):
        update_item(mstore, _item(id=item_id + 100), role=Role.ADMIN, user="a")


def test_filters_and_overdue() -> None:
    today = date(2025, 3, 20)
    items = [
        _item(id=1, due_date=date(2025, 3, 14)),  # overdue
        _item(id=2, due_date=date(2025, 3, 14), status="klar"),  # done: never overdue
        _item(id=3, due_date=date(2025, 4, 1), actor="polis", area_code="T-OMR"),
        _item(id=4, due_date=None, status="pagar"),
    ]
    assert [i.id for i in filter_items(items, today=today)] == [1, 2, 3, 4]
    assert [i.id for i in filter_items(items, today=today, overdue_only=True)] == [1]
    assert [i.id for i in filter_items(items, today=today, actors=["polis"])] == [3]
    assert [i.id for i in filter_items(items, today=today, area_codes=["T-OMR-C"])] == [1, 2, 4]
    assert [i.id for i in filter_items(items, today=today, statuses=["pagar"])] == [4]
    # Report of 10–16 March for the centrum: open items + item 2 (closed, due that week).
    report = items_for_report(items, ["T-OMR-C"], start=date(2025, 3, 10), end=date(2025, 3, 17))
    assert [i.id for i in report] == [1, 2, 4]
    report = items_for_report(items, ["T-OMR-C"], start=date(2025, 3, 17), end=date(2025, 3, 24))
    assert [i.id for i in report] == [1, 4]


def test_action_items_by_area(mstore: MeetingStore) -> None:
    a = add_item(mstore, _item(), role=Role.ADMIN, user="a")
    b = add_item(mstore, _item(area_code="T-OMR"), role=Role.ADMIN, user="a")
    assert [i.id for i in mstore.action_items(area_codes=["T-OMR"])] == [b]
    assert [i.id for i in mstore.action_items()] == [a, b]
    assert mstore.action_items(area_codes=[]) == []


def test_fresh_and_migrated_databases_have_the_tables(tmp_path: object) -> None:
    """A version-3 file is upgraded to the meeting tables; a fresh file has them too."""
    import sqlite3
    from pathlib import Path

    from est_geo.store import create_store, open_store
    from est_geo.store.schema import MIGRATIONS, SCHEMA_VERSION

    path = Path(str(tmp_path)) / "old.gpkg"
    create_store(str(path))
    con = sqlite3.connect(path)
    for table in ("action_items", "saved_views", "agendas", "area_keys"):
        con.execute(f"DROP TABLE {table}")
    con.execute("DELETE FROM gpkg_contents WHERE table_name IN ('action_items', 'area_keys')")
    con.execute("UPDATE est_meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    assert 3 in MIGRATIONS and SCHEMA_VERSION >= 4
    upgraded = open_store(str(path))
    assert isinstance(upgraded, MeetingStore)
    assert upgraded.action_items() == [] and upgraded.saved_views() == []
    assert upgraded.info().schema_version == SCHEMA_VERSION


def test_a_drawn_shape_from_atgarder_is_stored_and_named(mstore: MeetingStore) -> None:
    """An item placed on a saved drawing keeps a copy of it and is shown with its name."""
    from shapely.geometry import LineString, Polygon

    from est_geo.core.model import Intervention

    polygon = Polygon([(564500, 6492700), (564600, 6492700), (564600, 6492800), (564500, 6492800)])
    route = LineString([(565000, 6493000), (565200, 6493000)])
    ivs = [
        Intervention("Trygghetsvandring", "trygghetsvandring", "planerad", "kommun", None, None,
                     route, buffer_m=25.0, id=2),
        Intervention("Ny belysning", "belysning", "planerad", "kommun", None, None, polygon, id=1),
        Intervention("Ej sparad", "belysning", "planerad", "kommun", None, None, polygon),
    ]  # fmt: skip
    shapes = drawn_shapes(ivs)
    assert [(s.intervention_id, s.label) for s in shapes] == [
        (1, "Ny belysning"),
        (2, "Trygghetsvandring"),
    ]
    # A route covers its buffer: the item gets the area, not the line.
    assert shapes[1].wkt.startswith("POLYGON")

    item_id = add_item(
        mstore, _item(area_code=None, shape_wkt=shapes[0].wkt), role=Role.ANALYTIKER, user="a"
    )
    stored = mstore.get_action_item(item_id)
    assert stored.shape_wkt == shapes[0].wkt
    assert shape_label(stored.shape_wkt, shapes) == "Ny belysning"
    # A drawing that has changed since (or another shape) no longer names the item's shape.
    moved = DrawnShape(1, "Ny belysning", "POLYGON ((0 0, 1 0, 1 1, 0 0))")
    assert shape_label(stored.shape_wkt, [moved]) is None
    assert shape_label(None, shapes) is None
