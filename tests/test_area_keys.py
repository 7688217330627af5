"""Stored code keys between area levels (DeSO → RegSO), on both backends."""

from __future__ import annotations

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
