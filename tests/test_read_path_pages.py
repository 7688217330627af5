"""Pages on the shared in-memory read path: a write is seen on the next run, and sessions
share one copy of the columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from est_geo.access.roles import Role
from est_geo.store import open_store
from est_geo.store.columns import incident_columns
from tests.conftest import log_in_locally

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def _shown(at: AppTest) -> int:
    text = next(m.value for m in at.markdown if "händelser visas" in m.value)
    return int(text.split()[0].replace("\u00a0", "").replace(",", ""))


def _karta(*, local: bool = False) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    if local:  # a write of real incidents ends demo mode and its accounts
        log_in_locally(at, Role.ANALYTIKER)
    at.run()  # demo data: an analyst starts on the map
    at.switch_page(str(ROOT / "app_pages" / "karta.py"))
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Karta"
    return at


def _report(db: Path, ids: list[str]) -> None:
    """Incidents reported now, inside Karta's default area (the page counts the chosen
    area's incidents; real data ends demo mode, so the period ends today)."""
    store = open_store(str(db))
    areas = store.areas()
    area = areas.geometry[areas["name"] == "Klockaretorpet centrum"].iloc[0].representative_point()
    n = len(ids)
    store.add_incidents(
        pd.DataFrame(
            {
                "x": [area.x] * n,
                "y": [area.y] * n,
                "occurred_at": [datetime.now().replace(microsecond=0) - timedelta(hours=1)] * n,
                "has_time": [True] * n,
                "category": ["skadegorelse.klotter"] * n,
                "actor": ["kommun"] * n,
                "precision": ["exact"] * n,
                "description": [None] * n,
                "source": ["rapport"] * n,
                "source_id": ids,
            }
        ),
        user="test",
    )


def test_karta_sees_a_write_on_the_next_run(demo_copy: Callable[[int], Path]) -> None:
    """Before: incidents were cached per query for a minute, so a reported incident
    appeared on the map up to a minute later (and only in that query)."""
    db = demo_copy(2_000)
    _report(db, ["a", "b", "c"])  # ends demo mode: from here the period ends today
    at = _karta(local=True)
    before = _shown(at)
    assert before >= 3
    _report(db, ["d", "e"])
    at.run()
    assert not at.exception, at.exception
    assert _shown(at) == before + 2


def test_sessions_share_one_copy_of_the_columns(demo_copy: Callable[[int], Path]) -> None:
    db = demo_copy(2_000)
    first, second = _karta(), _karta()
    assert _shown(first) == _shown(second)
    store = open_store(str(db))
    shared = incident_columns(store)
    third = _karta()
    assert not third.exception
    assert incident_columns(store) is shared


def test_sessions_share_one_hotspots_run(
    demo_copy: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each session kept its own Hotspots run alive (the download buttons' deferred
    exports hold the layer); the same view on the same data is now computed once."""
    from est_geo.hotspots import layers as hotspot_layers

    calls: list[object] = []
    real = hotspot_layers.run_layer

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(hotspot_layers, "run_layer", counting)
    demo_copy(2_000)
    for _ in range(2):
        at = AppTest.from_file(APP, default_timeout=90)
        at.run()
        at.switch_page(str(ROOT / "app_pages" / "hotspots.py"))
        at.run()
        assert not at.exception, at.exception
        assert at.title[0].value == "Hotspots"
    assert len(calls) == 1
