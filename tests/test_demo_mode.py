"""Real data ends demo mode for good (issue 14, item 4), on both store backends.

Before: ``est-geo demo`` then ``est-geo import real.csv`` left ``est_meta.demo = true``,
so every new browser was logged in as the demo analyst and could read and export the
real rows. Now each import-like write switches demo mode off in its own transaction,
the CLI says so, ``est-geo info`` says so, and the app has no demo accounts any more.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from est_geo.cli import main
from est_geo.core.errors import ValidationError
from est_geo.store import Store, open_store
from est_geo.store.demo_mode import demo_ended
from tests.conftest import small_incidents
from tests.test_area_keys import _key, _keyed
from tests.test_cli_backends import fresh_db  # noqa: F401 - the fixture
from tests.test_store_io import _events

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
DEMO = ["--incidents", "300", "--seed", "5", "--end-date", "2026-10-31"]
REAL = (
    "id;x;y;datum;kategori;aktör;beskrivning\n"
    "R1;568300;6493100;2026-11-01 21:30;Klotter;Bostadsbolag;riktig händelse\n"
)


def _as_demo(store: Store) -> Store:
    store.set_meta({"demo": "true"}, user="demo-generator")
    assert store.is_demo()
    return store


def _values() -> pd.DataFrame:
    return pd.DataFrame(
        {"indicator_key": ["befolkning"], "area_code": ["T-OMR"], "period": ["2024"],
         "value": [4500], "n": [None]}
    )  # fmt: skip


WRITES: dict[str, Callable[[Store], object]] = {
    "incidents": lambda s: s.add_incidents(small_incidents(2, source="riktig"), user="anna"),
    "context_events": lambda s: s.add_context_events(_events(), user="anna"),
    "indicator_values": lambda s: s.add_indicator_values(_values(), user="anna"),
}


@pytest.mark.parametrize("what", list(WRITES))
def test_each_import_ends_demo_mode(store: Store, what: str) -> None:
    from est_geo.core.model import DEFAULT_INDICATORS

    for d in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(d, user="t")
    _as_demo(store)
    WRITES[what](store)
    assert not store.is_demo()
    ended = demo_ended(store.meta())
    assert ended is not None and ended["by"] == "anna" and ended["with"] == what
    log = store.audit_log()
    assert (log["action"] == "end_demo").sum() == 1
    WRITES["incidents"](store)  # a second import: already ended, recorded once
    assert (store.audit_log()["action"] == "end_demo").sum() == 1


def test_areas_and_area_key_end_demo_mode(store_factory: Callable[[], Store]) -> None:
    store = _as_demo(_keyed(store_factory))
    store.replace_area_key(
        _key(("0581C1010", "0581R001", "Norr")), child_level="deso", parent_level="regso",
        user="anna",
    )  # fmt: skip
    assert not store.is_demo()
    assert demo_ended(store.meta())["with"] == "area_keys"  # type: ignore[index]


def test_a_refused_import_leaves_demo_mode_on(store: Store) -> None:
    _as_demo(store)
    bad = small_incidents(2)
    bad.loc[1, "category"] = "finns.inte"
    with pytest.raises(ValidationError):
        store.add_incidents(bad, user="anna")
    assert store.is_demo() and demo_ended(store.meta()) is None


def test_cli_import_into_demo_ends_it_and_says_so(
    fresh_db: Callable[[], str],  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = fresh_db()
    assert main(["demo", "--db", db, *DEMO]) == 0
    assert main(["info", "--db", db]) == 0
    assert "Demodata:      ja" in capsys.readouterr().out
    real = tmp_path / "riktiga.csv"
    real.write_text(REAL, encoding="utf-8")
    assert main(["import", str(real), "--db", db, "--kind", "incidents"]) == 0
    out = capsys.readouterr().out
    assert "avslutade demoläget för gott" in out
    assert not open_store(db).is_demo()
    assert main(["info", "--db", db]) == 0
    assert "Demodata:      nej – demoläget avslutades" in capsys.readouterr().out
    # A second import says nothing more: demo mode was already over.
    assert main(["import", str(real), "--db", db, "--kind", "incidents"]) == 0
    assert "demoläget" not in capsys.readouterr().out


def test_app_has_no_demo_account_after_real_data(
    demo_copy: Callable[[int], Path], point_app: Callable[[Path], pytest.MonkeyPatch]
) -> None:
    db = demo_copy(500)
    point_app(db)
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    assert at.session_state["est_geo_role"] == "analytiker"  # demo: logged in at once

    store = open_store(str(db))
    store.add_incidents(small_incidents(2, source="riktig", start="2026-10-01"), user="cli")
    at.run()  # the same browser session: the demo account is gone, and it is told why
    assert not at.exception
    assert "est_geo_role" not in at.session_state
    texts = " ".join(w.value for w in at.warning)
    assert "Demoläget är avslutat" in texts
    assert "Demoläget avslutades" in texts  # the banner: the fictitious rows remain

    fresh = AppTest.from_file(APP, default_timeout=90).run()  # a new browser
    assert not fresh.exception
    assert "est_geo_role" not in fresh.session_state
    assert not [b for b in fresh.button if str(b.key).startswith("demo_login_")]
