"""What the store asks the database when it reads areas, on both backends.

Why statements and not timings: a replaced delivery or a map's outline should read the
rows it needs and no more, and the statement log (``conftest.statement_log``) says so
exactly on a loaded machine. The results are checked too, so fewer reads never means
other answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import box

from est_geo.core.errors import ValidationError
from est_geo.store import Store
from est_geo.store.area_versions import AreaDelivery

from .conftest import small_areas, statement_log

_WHEN = "2026-01-01T00:00:00Z"


def _areas(level: str, codes: list[str], parents: list[str | None]) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"code": codes, "name": codes, "level": [level] * len(codes), "parent_code": parents},
        geometry=[box(567_000 + 1000 * i, 6_494_000, 568_000 + 1000 * i, 6_495_000)
                  for i in range(len(codes))],
        crs="EPSG:3006",
    )  # fmt: skip


def _area_reads(log: list[str]) -> list[str]:
    """The statements of ``log`` that read areas by code (not the GeoPackage's update of
    the layer's extent, ``SELECT min(minx) … FROM areas``, after a write)."""
    return [s for s in log if re.match(r"\s*SELECT\b.*\bcode\b.*\bFROM areas\b", s, re.S)]


@pytest.fixture
def versions(store_factory: Callable[[], Store]) -> Store:
    """Own areas without a version, RegSO 2020 + DeSO 2018 and RegSO + DeSO 2025 of 0581."""
    store = store_factory()
    store.add_areas(small_areas(), user="t")
    for deso_year, regso_year in ((2018, 2020), (2025, 2025)):
        regso = _areas("regso", ["0581R001", "0581R002"], [None, None])
        deso = _areas("deso", ["0581A0010", "0581A0020"], ["0581R001", "0581R002"])
        for level, year, areas in (("regso", regso_year, regso), ("deso", deso_year, deso)):
            delivery = AreaDelivery(areas, level, year, "0581", "http://x", _WHEN)
            store.replace_area_delivery(delivery, user="t")  # type: ignore[attr-defined]
    return store


@pytest.mark.parametrize(
    ("level", "codes", "parents", "gone"),
    [("regso", ["0581R001", "0581R003"], [None, None], "0581R002"),
     ("deso", ["0581A0010", "0581A0030"], ["0581R002", "0581R001"], "0581A0020")],
)  # fmt: skip
def test_a_delivery_reads_only_the_codes_it_replaces_in_one_query(
    versions: Store,
    monkeypatch: pytest.MonkeyPatch,
    level: str,
    codes: list[str],
    parents: list[str | None],
    gone: str,
) -> None:
    """Replacing a delivery read its level's areas and the RegSO areas, every version
    with every shape, only for their codes (a RegSO delivery read RegSO twice); now one
    query reads the codes of this level and version and of the RegSO its parents name."""
    delivery = AreaDelivery(_areas(level, codes, parents), level, 2025, "0581", "u", _WHEN)
    log = statement_log(versions, monkeypatch)
    result = versions.replace_area_delivery(delivery, user="t")  # type: ignore[attr-defined]
    reads = _area_reads(log)
    assert len(reads) == 1, reads
    assert "geom" not in reads[0]
    assert (result.inserted, result.replaced) == (1, 1)
    assert result.removed == (gone,)
    now = versions.areas(levels=[level], version=2025)
    assert sorted(now["code"]) == sorted(codes)
    older = versions.areas(levels=[level], version=2018)  # the other version is untouched
    assert sorted(older["code"]) == sorted(["0581R001", "0581R002"] if level == "regso"
                                           else ["0581A0010", "0581A0020"])  # fmt: skip


def _version_reads(log: list[str]) -> list[str]:
    return [s for s in log if "DISTINCT level, version" in s]


def test_the_newest_version_is_asked_for_only_when_a_versioned_level_is(
    versions: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Areas of other levels have no version, yet ``areas(levels=["kommun"])`` asked
    for the newest DeSO version first (a second query on every outline drawn); only a
    DeSO or RegSO level, or all levels, needs it."""
    log = statement_log(versions, monkeypatch)
    own = versions.areas(levels=iter(["kommun", "omrade"]))  # any iterable, read once
    assert _version_reads(log) == [] and len(_area_reads(log)) == 1
    assert own["code"].tolist() == ["0581", "T-OMR"]
    assert versions.areas(levels=[])["code"].tolist() == []
    assert _version_reads(log) == []
    for levels, codes in (
        (["kommun", "regso"], ["0581", "0581R001", "0581R002"]),
        (None, ["0581", "T-OMR", "T-OMR-C", "0581R001", "0581R002", "0581A0010", "0581A0020"]),
    ):
        log.clear()
        got = versions.areas(levels=levels)
        assert len(_version_reads(log)) == 1
        assert got["code"].tolist() == codes and set(got["version"]) <= {0, 2025}


def test_an_import_of_own_areas_reads_only_the_codes_without_a_version(
    versions: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``add_areas`` read every area without a version, shapes and all, to learn which
    codes are taken; it reads their codes alone now, in one query, and still refuses a
    taken code and accepts a parent among them."""
    log = statement_log(versions, monkeypatch)
    taken = small_areas().iloc[[1]]  # T-OMR, stored already
    with pytest.raises(ValidationError) as err:
        versions.add_areas(taken, user="t")
    assert [p.field for p in err.value.problems] == ["code"]
    new = small_areas().iloc[[2]].assign(code="T-OMR-D", parent_code="T-OMR")
    assert versions.add_areas(new, user="t") == 1
    reads = _area_reads(log)
    assert len(reads) == 2 and not any("geom" in s for s in reads), reads
    assert "T-OMR-D" in set(versions.areas(levels=["delomrade"])["code"])


def test_storing_a_fetched_regso_layer_reads_regso_codes_twice_and_no_shape(
    versions: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fetched RegSO layer read RegSO three times with every shape (the parents its
    DeSO may name, then the store's two reads of the same level); now the fetch asks
    for the codes of the RegSO of its division and the store for the codes it replaces,
    and the parent of a fetched DeSO is still kept only where its RegSO is stored."""
    from est_geo.indicators.scb import store_fetched_areas
    from est_geo.indicators.scb.areas import AreasFetch

    log = statement_log(versions, monkeypatch)
    regso = _areas("regso", ["0581R001", "0581R002"], [None, None])
    fetched = AreasFetch(regso, "regso", "0581", 2025, "http://x", _WHEN)
    stored = store_fetched_areas(versions, fetched, user="t")
    assert (stored.inserted, stored.replaced) == (0, 2)
    reads = _area_reads(log)
    assert len(reads) == 2 and not any("geom" in s for s in reads), reads
    deso = _areas("deso", ["0581A0010", "0581A0020"], ["0581R001", "0581R009"])
    deso["regso_name"] = ""  # R009 is no stored RegSO 2020: the parent is dropped
    fetched = AreasFetch(deso, "deso", "0581", 2018, "http://x", _WHEN)
    store_fetched_areas(versions, fetched, user="t")
    got = versions.areas(levels=["deso"], version=2018).set_index("code")["parent_code"]
    assert got["0581A0010"] == "0581R001" and pd.isna(got["0581A0020"])
