"""Stored code keys between area levels (DeSO → RegSO), on both backends."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from est_geo.core.errors import ReadOnlyError, ValidationError
from est_geo.store import Store, open_store
from est_geo.store.area_keys import AreaKeyStore


def _key(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["child_code", "parent_code", "parent_name"])


def _keyed(store_factory: Callable[[], Store]) -> AreaKeyStore:
    store = store_factory()
    assert isinstance(store, AreaKeyStore)
    return store


def test_a_key_round_trips_and_is_replaced_as_a_whole(
    store_factory: Callable[[], Store],
) -> None:
    store = _keyed(store_factory)
    empty = store.area_key(child_level="deso", parent_level="regso")
    assert empty.empty and list(empty.columns) == ["child_code", "parent_code", "parent_name"]
    first = _key(
        ("0581C1020", "0581R002", "Söder"),
        ("0581C1010", "0581R001", "Norr"),
        ("0581C1030", "0581R001", "Norr"),
    )
    assert store.replace_area_key(first, child_level="deso", parent_level="regso", user="t") == 3
    got = store.area_key(child_level="deso", parent_level="regso")
    assert got.values.tolist() == [
        ["0581C1010", "0581R001", "Norr"],
        ["0581C1020", "0581R002", "Söder"],
        ["0581C1030", "0581R001", "Norr"],
    ]
    # Another pair of levels is a separate key.
    store.replace_area_key(
        _key(("NKP-KLO-C", "NKP-KLO", "")), child_level="delomrade", parent_level="omrade", user="t"
    )
    # A revised key replaces the old one completely: 0581C1030 is gone, not kept.
    second = _key(("0581C1010", "0581R003", "Väst"))
    store.replace_area_key(second, child_level="deso", parent_level="regso", user="t")
    got = store.area_key(child_level="deso", parent_level="regso")
    assert got.values.tolist() == [["0581C1010", "0581R003", "Väst"]]
    assert len(store.area_key(child_level="delomrade", parent_level="omrade")) == 1
    audit = store.audit_log()
    entries = audit[audit["entity"] == "area_keys"]
    assert len(entries) == 3 and set(entries["action"]) == {"replace"}


def test_a_bad_key_names_every_row_and_leaves_the_stored_key(
    store_factory: Callable[[], Store],
) -> None:
    store = _keyed(store_factory)
    good = _key(("0581C1010", "0581R001", "Norr"))
    store.replace_area_key(good, child_level="deso", parent_level="regso", user="t")
    bad = _key(
        ("0581C1010", "0581R001", ""),
        ("0581C1010", "0581R002", ""),  # row 2: the same DeSO again
        ("0581C1020", "", ""),  # row 3: no parent
        ("", "0581R001", ""),  # row 4: no child
    )
    with pytest.raises(ValidationError) as err:
        store.replace_area_key(bad, child_level="deso", parent_level="regso", user="t")
    found = {(p.row, p.field) for p in err.value.problems}
    assert found == {(2, "child_code"), (3, "parent_code"), (4, "child_code")}
    with pytest.raises(ValidationError, match="två olika nivåer"):
        store.replace_area_key(good, child_level="deso", parent_level="deso", user="t")
    got = store.area_key(child_level="deso", parent_level="regso")
    assert got.values.tolist() == [["0581C1010", "0581R001", "Norr"]]


def test_a_read_only_store_refuses_to_replace_a_key(tmp_path: Path) -> None:
    from est_geo.store import create_store

    url = str(tmp_path / "ro.gpkg")
    create_store(url)
    ro = open_store(url, read_only=True)
    assert isinstance(ro, AreaKeyStore)
    with pytest.raises(ReadOnlyError):
        ro.replace_area_key(
            _key(("0581C1010", "0581R001", "")), child_level="deso", parent_level="regso", user="t"
        )
    assert ro.area_key(child_level="deso", parent_level="regso").empty


def test_a_key_file_and_a_delivery_write_their_pairs_through_one_function(
    store_factory: Callable[[], Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The DeSO → RegSO pairs were inserted in two places (a key file's replace and a
    fetched delivery's), free to drift apart; both go through ``_replace_key_rows`` now.
    A file replaces the whole key of its version; a delivery only its municipality's
    pairs, and the audit counts the pairs that went."""
    import geopandas as gpd
    from shapely.geometry import box

    from est_geo.store.area_keys import SQLAreaKeyMixin
    from est_geo.store.area_versions import AreaDelivery

    store = _keyed(store_factory)
    calls: list[tuple[str | None, int]] = []
    replace_rows = SQLAreaKeyMixin._replace_key_rows

    def spy(self: SQLAreaKeyMixin, con: object, rows: list[tuple[str, ...]], **kw: object) -> int:
        calls.append((kw.get("kommun"), len(rows)))  # type: ignore[arg-type]
        return replace_rows(self, con, rows, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(SQLAreaKeyMixin, "_replace_key_rows", spy)
    both = _key(("0580C1010", "0580R001", "Väst"), ("0581C1010", "0581R001", "Norr"),
                ("0581C1020", "0581R001", "Norr"))  # fmt: skip
    store.replace_area_key(both, child_level="deso", parent_level="regso", user="t", version=2025)
    deso = gpd.GeoDataFrame(
        {"code": ["0581C1010"], "name": ["x"], "level": ["deso"], "parent_code": [None]},
        geometry=[box(567_000, 6_494_000, 568_000, 6_495_000)], crs="EPSG:3006",
    )  # fmt: skip
    delivery = AreaDelivery(deso, "deso", 2025, "0581", "http://x", "2026-01-01T00:00:00Z",
                            key=_key(("0581C1010", "0581R002", "Söder")))  # fmt: skip
    assert store.replace_area_delivery(delivery, user="t").key_rows == 1  # type: ignore[attr-defined]
    assert calls == [(None, 3), ("0581", 1)]
    got = store.area_key(child_level="deso", parent_level="regso", version=2025)
    assert got.values.tolist() == [["0580C1010", "0580R001", "Väst"],
                                   ["0581C1010", "0581R002", "Söder"]]  # fmt: skip
    again = _key(("0581C1010", "0581R003", "Öst"))
    store.replace_area_key(again, child_level="deso", parent_level="regso", user="t", version=2025)
    audit = store.audit_log()
    last = audit[audit["entity"] == "area_keys"].iloc[0]
    assert (json.loads(last["before"]), json.loads(last["after"])) == ({"rows": 2}, {"rows": 1})
