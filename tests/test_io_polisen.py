"""Polisen's events API: parsing, categories, area links, import, rate-limited fetch."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pandas as pd
import pytest

from est_geo.core.errors import EstGeoError, ValidationError
from est_geo.core.model import CategoryTree
from est_geo.io import polisen
from est_geo.io.polisen import (
    AreaLinker,
    event_category,
    fetch_polisen_events,
    import_polisen_events,
    parse_polisen_datetime,
    parse_polisen_events,
)
from est_geo.store import Store


def _event(i: int, **over: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "id": 1000 + i,
        "datetime": "2025-06-07 7:32:06 +02:00",
        "name": "07 juni 07:30, Bråk, Norrköping",
        "summary": "Bråk vid centrum i Hageby",
        "url": "/aktuellt/handelser/2025/juni/7/x/",
        "type": "Bråk",
        "location": {"name": "Norrköping", "gps": "58.587745,16.192421"},
    }
    ev.update(over)
    return ev


AREAS = [
    ("NAV", "Navestad"),
    ("HAG", "Hageby"),
    ("KT", "Klockaretorpet"),
    ("KTC", "Klockaretorpet centrum"),
]


def test_datetime_with_unpadded_hour() -> None:
    assert parse_polisen_datetime("2025-06-07 7:32:06 +02:00") == pd.Timestamp(
        "2025-06-07 07:32:06"
    )
    assert parse_polisen_datetime("2025-01-09 17:23:55 +01:00") == pd.Timestamp(
        "2025-01-09 17:23:55"
    )
    assert parse_polisen_datetime("2025-02-30 7:00:00 +01:00") is None
    assert parse_polisen_datetime("igår") is None


def test_parse_events() -> None:
    data = json.dumps([_event(1), _event(2, type="Trafikolycka", summary="Singelolycka")])
    df = parse_polisen_events(data, areas=AREAS)
    assert df["source_id"].tolist() == ["1001", "1002"]
    assert df["category"].iloc[0] == "ordning.brak"
    assert pd.isna(df["category"].iloc[1])
    assert df["area_codes"].tolist() == [("HAG",), ()]
    assert df["occurred_at"].iloc[0] == pd.Timestamp("2025-06-07 07:32:06")
    assert df["lat"].iloc[0] == pytest.approx(58.587745)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Brand i Klockaretorp", ("KT",)),
        ("Skadegörelse, Klockaretorpets centrum", ("KT", "KTC")),
        ("Bråk vid Hagebyskolan", ("HAG",)),
        ("NAVESTAD: rån", ("NAV",)),
        ("Klocka stulen", ()),
        ("Hagen", ()),
    ],
)
def test_area_linking(text: str, codes: tuple[str, ...]) -> None:
    assert AreaLinker(AREAS).codes(text) == codes


def test_type_to_category() -> None:
    tree = CategoryTree.default()
    assert event_category("Skadegörelse", "", tree) == "skadegorelse"
    assert event_category("Misshandel, grov", "", tree) == "ordning.vald"
    assert event_category("Brand", "Brand i lägenhet", tree) is None
    assert event_category("Brand", "Anlagd brand i container", tree) == "skadegorelse.brand"
    small = CategoryTree.from_records([("ordning", "Ordning", "Order", None)])
    assert event_category("Bråk", "", small) == "ordning"  # falls back to the main category


def test_bad_events_are_all_reported() -> None:
    data = json.dumps(
        [
            _event(1, datetime="nonsense"),
            "not an object",
            _event(3, location={"name": "", "gps": "x"}),
            _event(4, id=None, type=""),
        ]
    )
    with pytest.raises(ValidationError) as err:
        parse_polisen_events(data)
    got = {(p.row, p.field) for p in err.value.problems}
    assert got == {
        (1, "datetime"),
        (2, "händelse"),
        (3, "location.gps"),
        (3, "location.name"),
        (4, "id"),
        (4, "type"),
    }
    # The event as a whole is no field of Polisen's API: worded for the reader (it was the
    # Swedish 'händelse' for everyone).
    (whole,) = [p for p in err.value.problems if p.row == 2]
    assert whole.text("sv").startswith("rad 2, fält 'händelse' = 'not an object': ")
    assert whole.text("en").startswith("row 2, field 'event' = 'not an object': "), whole.text("en")


@pytest.mark.parametrize("data", [b"", b"{", b"42", b'{"a": 1}', b"\xff\xfe"])
def test_not_an_event_list(data: bytes) -> None:
    with pytest.raises(ValidationError):
        parse_polisen_events(data)


def test_import_links_store_areas_and_never_creates_incidents(store: Store) -> None:
    events = [_event(1, summary="Bråk i Testområdet"), _event(2), _event(3, type="Narkotikabrott")]
    data = json.dumps(events).encode()
    report = import_polisen_events(store, data, user="t")
    assert (report.imported, report.duplicates, report.linked, report.categorised) == (3, 0, 1, 3)
    again = import_polisen_events(store, data, user="t")
    assert (again.imported, again.duplicates) == (0, 3)
    assert store.count_incidents() == 0
    linked = store.context_events(area_codes=["T-OMR"])
    assert linked["source_id"].tolist() == ["1001"]


def test_fetch_waits_ten_seconds_between_calls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(polisen, "_last_call", 0.0)
    now = [1000.0]
    slept: list[float] = []
    seen: list[urllib.request.Request] = []

    def opener(req: urllib.request.Request, timeout: float) -> bytes:
        seen.append(req)
        return b"[]"

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    kw = {"user_agent": "EST Geo test", "opener": opener, "clock": lambda: now[0], "sleep": sleep}
    assert fetch_polisen_events(location="Norrköping", **kw) == b"[]"  # type: ignore[arg-type]
    now[0] += 3
    fetch_polisen_events(**kw)  # type: ignore[arg-type]
    assert slept == [pytest.approx(7.0)]
    assert seen[0].get_header("User-agent") == "EST Geo test"
    assert "locationname=Norrk%C3%B6ping" in seen[0].full_url
    with pytest.raises(EstGeoError):
        fetch_polisen_events(user_agent=" ", opener=opener)
