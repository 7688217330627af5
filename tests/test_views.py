"""Shared views: state ↔ link round trip, saved views and agendas in the store."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from est_geo.core.errors import NotFoundError, ValidationError
from est_geo.core.views import (
    LAYERS,
    MODES,
    Agenda,
    SavedView,
    ViewState,
    decode_state,
    encode_state,
    meeting_state,
    view_link,
)
from est_geo.store import Store
from est_geo.store.meeting import MeetingStore

FULL = ViewState(
    page="mote",
    area="NKP-KLO",
    period="2026-W44",
    categories=("skadegorelse", "ordning.brak"),
    actors=("polis",),
    layers=("hotspots", "omraden"),
    mode="hotspots",
    center=(58.566_123_4, 16.139_876_5),
    zoom=16,
)


def _open(link: str) -> ViewState:
    """What a page does with a link: its path names the page, its query the state."""
    parts = urlsplit(link)
    return decode_state(dict(parse_qsl(parts.query)), page=parts.path.strip("/"))


def test_link_round_trip_reproduces_the_view() -> None:
    link = view_link(FULL, view_id=7)
    assert link.startswith("/mote?")
    opened = _open(link)
    assert opened == FULL.normalised()
    assert opened.center == (58.56612, 16.13988)  # rounded to ≈ 1 m, as on the maps
    assert opened.categories == ("ordning.brak", "skadegorelse")
    assert opened.layers == ("omraden", "hotspots")  # drawing order
    assert dict(parse_qsl(urlsplit(link).query))["vy"] == "7"
    # Opening the link, then making a link of what is shown, gives the same link.
    assert view_link(opened, view_id=7) == link


def test_defaults_give_a_short_link() -> None:
    assert encode_state(ViewState()) == {
        "page": "lagesbild",
        "layers": "omraden,hotspots",
        "mode": "hotspots",
    }
    assert decode_state({}) == ViewState()
    assert decode_state({}, page="mote").page == "mote"


def test_rolling_periods_are_kept_as_dates() -> None:
    state = ViewState(period="2026-10-05..2026-11-01")
    assert _open(view_link(state)).period == "2026-10-05..2026-11-01"
    assert ViewState(period="2026-w1").normalised().period == "2026-W01"


def test_bad_links_list_every_problem() -> None:
    with pytest.raises(ValidationError) as info:
        decode_state(
            {
                "page": "../admin",
                "period": "vecka 44",
                "layers": "omraden,satellit",
                "mode": "3d",
                "lat": "norr",
                "lon": "16.1",
                "z": "40",
            }
        )
    fields = {p.field for p in info.value.problems}
    assert fields == {"page", "period", "layers", "mode", "lat", "lat/lon", "z"}
    with pytest.raises(ValidationError):
        encode_state(ViewState(center=(91.0, 0.0)))


_keys = st.from_regex(r"[a-z][a-z0-9_.]{0,12}", fullmatch=True)


@given(
    area=st.one_of(st.none(), st.from_regex(r"[A-Z0-9][A-Z0-9\-]{0,10}", fullmatch=True)),
    period=st.one_of(
        st.none(),
        st.builds(lambda y, w: f"{y}-W{w:02d}", st.integers(2000, 2030), st.integers(1, 52)),
        st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2030), st.integers(1, 12)),
        st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2000, 2030), st.integers(1, 4)),
        st.builds(str, st.integers(2000, 2030)),
    ),
    areas=st.lists(_keys, max_size=3),
    categories=st.lists(_keys, max_size=4),
    actors=st.lists(_keys, max_size=3),
    layers=st.lists(st.sampled_from(LAYERS), max_size=4),
    mode=st.sampled_from(MODES),
    center=st.one_of(
        st.none(),
        st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)),
    ),
    zoom=st.one_of(st.none(), st.integers(1, 22)),
)
def test_round_trip_property(
    area: str | None,
    period: str | None,
    areas: list[str],
    categories: list[str],
    actors: list[str],
    layers: list[str],
    mode: str,
    center: tuple[float, float] | None,
    zoom: int | None,
) -> None:
    state = ViewState(
        page="lagesbild",
        area=area,
        areas=tuple(areas),
        period=period,
        categories=tuple(categories),
        actors=tuple(actors),
        layers=tuple(layers),
        mode=mode,
        center=center,
        zoom=zoom,
    )
    assert _open(view_link(state)) == state.normalised()


@pytest.fixture
def mstore(store: Store) -> MeetingStore:
    if not isinstance(store, MeetingStore):
        pytest.fail(f"{type(store).__name__} does not implement MeetingStore")
    return store


def test_saved_views_per_area_and_agendas(mstore: MeetingStore) -> None:
    first = mstore.add_saved_view(
        SavedView("Centrum, vecka 44", FULL, area_code="T-OMR-C"), user="anna"
    )
    second = mstore.add_saved_view(
        SavedView("Hela området", ViewState(area="T-OMR", period="2026-10"), area_code="T-OMR"),
        user="anna",
    )
    assert [v.name for v in mstore.saved_views()] == ["Centrum, vecka 44", "Hela området"]
    (only,) = mstore.saved_views(area_code="T-OMR-C")
    assert only.id == first and only.state == FULL.normalised()  # stored = linked state
    assert only.created_by == "anna"

    agenda_id = mstore.save_agenda(
        Agenda("Chefssamråd november", (second, first), area_code="T-OMR"), user="anna"
    )
    assert mstore.get_agenda(agenda_id).view_ids == (second, first)
    mstore.save_agenda(Agenda("Chefssamråd nov.", (first,), id=agenda_id), user="bo")
    assert mstore.get_agenda(agenda_id).view_ids == (first,)
    assert [a.name for a in mstore.agendas()] == ["Chefssamråd nov."]
    with pytest.raises(ValidationError, match="okänd vy"):
        mstore.save_agenda(Agenda("Fel", (first, 999)), user="anna")
    with pytest.raises(ValidationError, match="namn saknas"):
        mstore.add_saved_view(SavedView(" ", FULL), user="anna")

    mstore.delete_saved_view(second, user="anna")
    with pytest.raises(NotFoundError):
        mstore.get_saved_view(second)
    audit = mstore.audit_log(limit=20)
    assert {"saved_views", "agendas"} <= set(audit["entity"])


def test_meeting_state_draws_hotspot_and_report_maps_only() -> None:
    # Gi* classes and reports are what the meeting's lägesbild map draws; the rest links.
    karta = ViewState(page="karta", area="A", period="2026-10", mode="handelser", zoom=15)
    assert meeting_state(karta) == replace(karta, page="lagesbild")
    # Hotspots views are drawn by the Hotspots analysis itself (issue 13 item 12: a Gi*
    # view of the area's month showed as a copy of the lägesbild step before it).
    gistar = ViewState(page="hotspots", area="A", areas=("B",), period="2026-10", mode="gistar")
    for mode in ("gistar", "tathet", "rutnat", "emerging"):
        assert meeting_state(replace(gistar, mode=mode)) is None
    gi_karta = replace(karta, mode="hotspots")
    assert meeting_state(gi_karta) == replace(gi_karta, page="lagesbild")
    assert meeting_state(replace(karta, area=None)) is None
    assert meeting_state(replace(karta, period=None)) is None
    lagesbild = ViewState(area="A", period="2026-10")
    assert meeting_state(lagesbild) is lagesbild
