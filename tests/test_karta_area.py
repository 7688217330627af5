"""AppTest: Karta's counts and table cover the chosen area, not the whole municipality.

Issue 13 item 2: with "Klockaretorpet centrum" chosen the page said "401 av 401 händelser
visas" and "Per kategori" counted the whole municipality, while the map only moved. The
expected figures are computed here independently of the page (shapely over the stored
incidents and the stored polygon).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

import pytest
import shapely
from streamlit.testing.v1 import AppTest

from est_geo.store import IncidentQuery, open_store
from tests.test_app_smoke import APP, demo_db  # noqa: F401  (session fixture)

PERIOD = "2026-10-01..2026-10-31"


@pytest.fixture
def app_env(point_app: Callable[[str], pytest.MonkeyPatch], demo_db: str) -> pytest.MonkeyPatch:  # noqa: F811
    return point_app(demo_db)


def _expected(db: str, code: str) -> tuple[int, int, Counter[str]]:
    """Incidents of October 2026: in the area's polygon, in all, and per main category."""
    store = open_store(db)
    frame = store.incidents(IncidentQuery(start=datetime(2026, 10, 1), end=datetime(2026, 11, 1)))
    areas = store.areas()
    polygon = areas.geometry[areas["code"] == code].iloc[0]
    inside = shapely.intersects_xy(polygon, frame["x"].to_numpy(), frame["y"].to_numpy())
    tree = store.category_tree()
    mains = Counter(tree.main_of(c) for c in frame.loc[inside, "category"])
    labelled = Counter({tree.label(k, "sv"): n for k, n in mains.items()})
    return int(inside.sum()), len(frame), labelled


@pytest.mark.parametrize("code", ["NKP-KLO-C", "NKP-NAV"])
def test_counts_and_table_follow_the_chosen_area(
    app_env: pytest.MonkeyPatch,
    demo_db: str,  # noqa: F811
    code: str,
) -> None:
    n_in, n_all, by_category = _expected(demo_db, code)
    assert 0 < n_in < n_all  # the case of the issue: the area holds part of the incidents
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"page": "karta", "area": code, "period": PERIOD})
    at.run()
    assert not at.exception, at.exception
    assert at.sidebar.selectbox(key="karta_area").value == code
    sentence = next(m.value for m in at.markdown if "händelser visas" in m.value)
    assert sentence.startswith(f"{n_in} av {n_all} händelser visas"), sentence
    table = at.dataframe[0].value
    shown = dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
    assert shown == dict(by_category)

    # Another area: the figures follow it.
    at.sidebar.selectbox(key="karta_area").set_value("0581").run()
    n_kommun, _, _ = _expected(demo_db, "0581")
    sentence = next(m.value for m in at.markdown if "händelser visas" in m.value)
    assert sentence.startswith(f"{n_kommun} av {n_all} händelser visas"), sentence
