"""What ``st_folium`` sends for a map, recorded once so that a cached map is only sent.

Why: ``st_folium`` renders the whole folium map to Leaflet script on every page run
(branca compiles each rendered piece as a Jinja template again): for the public map and
the municipality's Lägesbild (1,031 hot cells) that was most of a warm run's server CPU
(issue 18, cProfile on 1M incidents). Pages whose map depends only on cached data record
the component's arguments once (:func:`record`), cache them with the data's key (for the
incidents, the store's data stamp) and send them on each run (:func:`draw`): the browser
receives exactly what ``st_folium`` would have sent.
"""

from __future__ import annotations

import threading
from typing import Any

import folium
import streamlit_folium

from ui.maps import draw_map

__all__ = ["draw", "record"]

#: streamlit-folium's component (pinned in requirements.txt: 0.27.4). ``st_folium``
#: builds its arguments and calls it; :func:`record` catches them instead, in this
#: thread only, so every other map of the app is drawn as usual.
_COMPONENT = streamlit_folium._component_func
_RECORDING = threading.local()


def _component(**kwargs: Any) -> Any:
    sink = getattr(_RECORDING, "sink", None)
    if sink is None:
        return _COMPONENT(**kwargs)
    sink.update(kwargs)
    return None


streamlit_folium._component_func = _component


def record(fmap: folium.Map, **draw_args: Any) -> dict[str, Any]:
    """The component arguments :func:`ui.maps.draw_map` ``(fmap, **draw_args)`` would
    send (nothing is drawn); pass them to :func:`draw`."""
    sink: dict[str, Any] = {}
    _RECORDING.sink = sink
    try:
        draw_map(fmap, **draw_args)
    finally:
        _RECORDING.sink = None
    return sink


def draw(payload: dict[str, Any]) -> Any:
    """Send a recorded map; returns what ``st_folium`` returns (the map's reported state)."""
    return _COMPONENT(**payload)
