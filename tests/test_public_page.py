"""Läget i området as a visitor sees it (AppTest): what is done per area, never an
internal intervention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from est_geo.model import Intervention
from est_geo.public import public_areas
from est_geo.store import open_store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _add(db: Path, kind: str, *, public: bool) -> str:
    """Add an intervention of ``kind`` inside the first public area; return that area."""
    store = open_store(str(db))
    area = public_areas(store.areas()).sort_values("name").iloc[0]
    store.add_intervention(
        Intervention(
            name=f"Namn som inte får synas {kind}",
            kind=kind,
            status="pagar",
            owner_actor="kommun",
            start_date=date(2026, 1, 1),
            end_date=None,
            geometry=area.geometry.representative_point(),
            description="intern text",
            public=public,
        ),
        user="test",
    )
    return str(area["name"])


def test_public_page_says_what_is_done_per_area_never_internal(
    demo_copy: Callable[[int], Path], point_app: Callable[[str | Path], pytest.MonkeyPatch]
) -> None:
    """A public meeting place shows on its area's line; an internal "Annat" nowhere."""
    db = demo_copy(5_000)
    area = _add(db, "motesplats", public=True)
    _add(db, "annat", public=False)
    point_app(db).setenv("EST_GEO_MODE", "public")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    tables = [d.value for d in at.dataframe]
    done = next(t for t in tables if "Vad görs här" in t.columns)
    lines = dict(zip(done["Område"], done["Vad görs här"], strict=True))
    assert "Mötesplats/verksamhetshus (pågår)" in lines[area]
    everything = " ".join(t.to_string() for t in tables)
    assert "Annat" not in everything
    assert "får synas" not in everything
    assert "intern text" not in everything
