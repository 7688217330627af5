"""The Hotspots page's settings in a shared view: to option pairs, through a link, back."""

from __future__ import annotations

import pytest

from est_geo.core.errors import ValidationError
from est_geo.core.views import ViewState, decode_state, encode_state
from est_geo.hotspots.view import HotspotViewOptions

FULL = HotspotViewOptions(
    cell_size=250,
    fdr=True,
    weekdays=(5, 4),
    hours=(18, 23),
    comparison="last_year",
    bandwidth=300,
)


def test_defaults_are_left_out_of_the_link() -> None:
    assert HotspotViewOptions().to_options() == ()
    assert HotspotViewOptions(weekdays=(6, 0, 6)).to_options() == (("days", "0,6"),)


def test_round_trip_through_a_link() -> None:
    state = ViewState(page="hotspots", area="A", period="2026-10", options=FULL.to_options())
    params = encode_state(state)
    assert params["o.cell"] == "250" and params["o.hours"] == "18-23"
    back = decode_state({**params, "vy": "3"})  # other parameters are ignored
    assert back == state.normalised()
    assert HotspotViewOptions.from_options(back.options) == HotspotViewOptions(
        250, True, (4, 5), (18, 23), "last_year", 300
    )


def test_every_bad_setting_is_named() -> None:
    bad = {"cell": "7", "days": "1,9", "hours": "22-3", "cmp": "igår", "bw": "-5", "fdr": "ja"}
    with pytest.raises(ValidationError) as info:
        HotspotViewOptions.from_options(bad.items())
    assert {p.field for p in info.value.problems} == {f"o.{k}" for k in bad}
    # Another page's option is not ours to judge.
    assert HotspotViewOptions.from_options([("layer_b", "x")]) == HotspotViewOptions()


def test_option_text_is_checked_in_the_view() -> None:
    with pytest.raises(ValidationError, match=r"o\.cell"):
        decode_state({"page": "hotspots", "o.cell": "<script>"})
    with pytest.raises(ValidationError, match="inställningsnamn"):
        encode_state(ViewState(options=(("Bad Key", "1"),)))
