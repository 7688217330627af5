"""Shared views: a map state that can be saved with a name and opened by a link.

In a meeting everyone must look at *the same* picture: the same area, period, filters,
layers, map centre and zoom. A :class:`ViewState` is that picture, and
:func:`encode_state` / :func:`decode_state` turn it into URL query parameters and back
(``/lagesbild?area=NKP-KLO&period=2026-W44&lat=58.56&lon=16.17&z=15``). The encoding is
the whole state, so a link reproduces the view even for someone who has not opened the
saved view list; a saved view (:class:`SavedView`) just gives a state a name and an area.
An :class:`Agenda` is an ordered list of saved views stepped through in meeting mode.

Periods are stored as codes of :func:`est_geo.core.periods.parse_report_period`; a rolling period
("the last 4 weeks") is saved as its explicit dates, so a link opened next week still
shows the same days. Never imports streamlit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from est_geo.core.errors import EstGeoError, Problem, ValidationError
from est_geo.core.model import MAX_NAME_CHARS, length_problems
from est_geo.core.periods import parse_report_period

__all__ = [
    "LAYERS",
    "MODES",
    "Agenda",
    "SavedView",
    "ViewState",
    "decode_state",
    "encode_state",
    "fit_view",
    "meeting_state",
    "view_link",
]

#: Map layers a view can switch on, in drawing order.
LAYERS: tuple[str, ...] = ("omraden", "hotspots", "handelser", "atgarder")
#: What the map shows: Gi* hot spot classes or the reports themselves (Lägesbild,
#: Karta), or one of the Hotspots page's modes (``est_geo.hotspots.layers.MODES``).
MODES: tuple[str, ...] = (
    "hotspots",
    "handelser",
    "punkter",
    "tathet",
    "rutnat",
    "gistar",
    "emerging",
)
_PAGE_RE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
_KEY_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,60}$")
_NO_LAYERS = "none"
_COORD_DECIMALS = 5  # ≈ 1 m, as on the maps
#: Page-specific settings (the Hotspots page's cell size, hours …) travel as ``o.<key>``;
#: the page that owns them gives them meaning and checks their values.
_OPTION_PREFIX = "o."
_OPTION_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,20}$")
_OPTION_VALUE_RE = re.compile(r"^[A-Za-z0-9_.,\-]{1,60}$")
_MAX_NAME = MAX_NAME_CHARS


@dataclass(frozen=True)
class ViewState:
    """Everything that makes two people see the same map.

    ``categories``/``actors`` are empty for "all"; ``center`` is WGS84 ``(lat, lon)``;
    ``None`` for centre/zoom means "fit the area". ``areas`` are further areas shown
    together with ``area`` (the Hotspots page analyses several at once); ``area`` stays
    the one the view is listed under. ``options`` are the owning page's own settings as
    ``(key, value)`` text pairs (e.g. the Hotspots page's cell size and hours).
    """

    page: str = "lagesbild"
    area: str | None = None
    areas: tuple[str, ...] = ()
    period: str | None = None
    categories: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    layers: tuple[str, ...] = ("omraden", "hotspots")
    mode: str = "hotspots"
    center: tuple[float, float] | None = None
    zoom: int | None = None
    options: tuple[tuple[str, str], ...] = ()

    def normalised(self) -> ViewState:
        """Same state with sorted filters, ordered layers and rounded centre.

        Two states that show the same map compare equal after this, and encoding a
        normalised state and decoding it again gives it back exactly.
        """
        center = None
        if self.center is not None:
            center = (
                round(float(self.center[0]), _COORD_DECIMALS),
                round(float(self.center[1]), _COORD_DECIMALS),
            )
        return ViewState(
            page=self.page,
            area=self.area or None,
            areas=tuple(sorted(set(self.areas) - {self.area})),
            period=parse_report_period(self.period).code if self.period else None,
            categories=tuple(sorted(set(self.categories))),
            actors=tuple(sorted(set(self.actors))),
            layers=tuple(layer for layer in LAYERS if layer in set(self.layers)),
            mode=self.mode,
            center=center,
            zoom=self.zoom,
            options=tuple(sorted(dict(self.options).items())),
        )


def _problems(state: ViewState) -> list[Problem]:
    out: list[Problem] = []
    if not _PAGE_RE.match(state.page):
        out.append(Problem.keyed(None, "page", state.page, "core.view.bad_page"))
    if state.area is not None and not _KEY_RE.match(state.area):
        out.append(Problem.keyed(None, "area", state.area, "core.view.bad_area"))
    if state.period:
        try:
            parse_report_period(state.period)
        except EstGeoError as exc:
            out.append(Problem(None, "period", state.period, exc.message or str(exc)))
    for name, values in (
        ("areas", state.areas),
        ("cat", state.categories),
        ("actor", state.actors),
    ):
        out += [
            Problem.keyed(None, name, v, "core.problem.invalid_value")
            for v in values
            if not _KEY_RE.match(v)
        ]
    out += [
        Problem.keyed(None, "layers", v, "core.view.unknown_layer", known=", ".join(LAYERS))
        for v in state.layers
        if v not in LAYERS
    ]
    if state.mode not in MODES:
        known = ", ".join(MODES)
        out.append(Problem.keyed(None, "mode", state.mode, "core.view.unknown_mode", known=known))
    if state.center is not None:
        lat, lon = state.center
        if not (math.isfinite(lat) and -90 <= lat <= 90):
            out.append(Problem.keyed(None, "lat", str(lat), "core.view.bad_lat"))
        if not (math.isfinite(lon) and -180 <= lon <= 180):
            out.append(Problem.keyed(None, "lon", str(lon), "core.view.bad_lon"))
    if state.zoom is not None and not 1 <= state.zoom <= 22:
        out.append(Problem.keyed(None, "z", str(state.zoom), "core.view.bad_zoom"))
    for key, value in state.options:
        if not _OPTION_KEY_RE.match(key):
            out.append(Problem.keyed(None, _OPTION_PREFIX + key, value, "core.view.bad_option"))
        elif not _OPTION_VALUE_RE.match(value):
            out.append(
                Problem.keyed(None, _OPTION_PREFIX + key, value, "core.problem.invalid_value")
            )
    return out


def encode_state(state: ViewState) -> dict[str, str]:
    """Query parameters for ``state`` (validated and normalised; defaults left out)."""
    found = _problems(state)
    if found:
        raise ValidationError(found, key="core.view.summary")
    s = state.normalised()
    params: dict[str, str] = {"page": s.page}
    if s.area:
        params["area"] = s.area
    if s.areas:
        params["areas"] = ",".join(s.areas)
    if s.period:
        params["period"] = s.period
    if s.categories:
        params["cat"] = ",".join(s.categories)
    if s.actors:
        params["actor"] = ",".join(s.actors)
    # "none" rather than an empty value: URL parsers drop blank parameters by default.
    params["layers"] = ",".join(s.layers) or _NO_LAYERS
    params["mode"] = s.mode
    if s.center is not None:
        params["lat"] = f"{s.center[0]:.{_COORD_DECIMALS}f}"
        params["lon"] = f"{s.center[1]:.{_COORD_DECIMALS}f}"
    if s.zoom is not None:
        params["z"] = str(s.zoom)
    for key, value in s.options:
        params[_OPTION_PREFIX + key] = value
    return params


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v for v in (value or "").split(",") if v)


def decode_state(
    params: Mapping[str, str | Sequence[str]], *, page: str | None = None
) -> ViewState:
    """The view described by query parameters (as from ``st.query_params``).

    ``page`` is used when the parameters name none (the link's own path names the page).
    Unknown parameters are ignored (a link may carry others, e.g. ``vy``); bad values
    raise one :class:`ValidationError` listing all of them.

    Raises
    ------
    ValidationError
        Every bad parameter (a half-broken link must not silently show another map).
    """

    def one(key: str) -> str | None:
        value = params.get(key)
        if value is None or isinstance(value, str):
            return value
        return value[-1] if value else None

    problems: list[Problem] = []

    def number(key: str, kind: type[float] | type[int]) -> float | None:
        text = one(key)
        if text is None or text == "":
            return None
        try:
            return kind(text)
        except ValueError:
            problems.append(Problem.keyed(None, key, text, "core.view.not_a_number"))
            return None

    lat, lon = number("lat", float), number("lon", float)
    zoom = number("z", int)
    if (lat is None) != (lon is None):
        problems.append(Problem.keyed(None, "lat/lon", f"{lat}/{lon}", "core.view.lat_and_lon"))
    layers = one("layers")
    state = ViewState(
        page=one("page") or page or "lagesbild",
        area=one("area") or None,
        areas=_split(one("areas")),
        period=one("period") or None,
        categories=_split(one("cat")),
        actors=_split(one("actor")),
        layers=ViewState().layers if layers is None else _split(layers.replace(_NO_LAYERS, "")),
        mode=one("mode") or "hotspots",
        center=(lat, lon) if lat is not None and lon is not None else None,
        zoom=None if zoom is None else int(zoom),
        options=tuple(
            (key[len(_OPTION_PREFIX) :], value)
            for key in params
            if key.startswith(_OPTION_PREFIX) and (value := one(key)) is not None
        ),
    )
    problems += _problems(state)
    if problems:
        raise ValidationError(problems, key="core.view.link_summary")
    return state.normalised()


def fit_view(
    bounds: tuple[tuple[float, float], tuple[float, float]],
) -> tuple[tuple[float, float], int]:
    """Centre ``(lat, lon)`` and zoom that show WGS84 ``((south, west), (north, east))``.

    Pages tell an existing map where to look with a centre and zoom (a ``setView`` in
    the browser) instead of rebuilding it around new bounds, which would remount it; the
    zoom assumes a map roughly 600 px high and is kept to 8–17 (town to block).
    """
    (south, west), (north, east) = bounds
    span = max(east - west, (north - south) * 1.9, 1e-4)
    zoom = int(max(8, min(17, math.floor(math.log2(360 * 3.0 / span)))))
    return ((south + north) / 2, (west + east) / 2), zoom


def view_link(state: ViewState, *, base_url: str = "", view_id: int | None = None) -> str:
    """Relative (or ``base_url``-prefixed) link opening ``state`` on its page.

    ``view_id`` adds ``vy=<id>`` so the page can show the saved view's name; the state
    itself is in the other parameters, so the link works even without it.
    """
    params = encode_state(state)
    page = params.pop("page")
    if view_id is not None:
        params["vy"] = str(view_id)
    return f"{base_url.rstrip('/')}/{page}?{urlencode(params)}"


@dataclass(frozen=True)
class SavedView:
    """A named view, listed per area (``area_code`` ``None`` = not tied to an area)."""

    name: str
    state: ViewState
    area_code: str | None = None
    id: int | None = None
    created_at: str | None = None
    created_by: str | None = None

    def problems(self) -> list[Problem]:
        """Every problem with the name and the state."""
        out = _problems(self.state)
        if not self.name.strip():
            out.append(Problem.keyed(None, "name", self.name, "core.problem.name_missing"))
        elif len(self.name) > _MAX_NAME:
            out.append(
                Problem.keyed(
                    None, "name", self.name[:40], "core.problem.at_most_chars", most=_MAX_NAME
                )
            )
        return out


@dataclass(frozen=True)
class Agenda:
    """An ordered list of saved views for a meeting (meeting mode steps through it)."""

    name: str
    view_ids: tuple[int, ...]
    area_code: str | None = None
    id: int | None = None
    updated_at: str | None = None
    updated_by: str | None = None
    notes: str = field(default="")

    def problems(self) -> list[Problem]:
        """Every problem with the name and the list."""
        out: list[Problem] = []
        if not self.name.strip():
            out.append(Problem.keyed(None, "name", self.name, "core.problem.name_missing"))
        out += length_problems({"name": self.name}, {"notes": self.notes})
        if not self.view_ids:
            out.append(Problem.keyed(None, "view_ids", "", "core.view.no_views"))
        return out


#: Hotspots/Karta modes the meeting's lägesbild map can draw, and as what.
_MEETING_MODES: Mapping[str, str] = {
    "hotspots": "hotspots",
    "gistar": "hotspots",
    "handelser": "handelser",
    "punkter": "handelser",
}


def meeting_state(state: ViewState) -> ViewState | None:
    """The view as meeting mode draws it, or ``None`` when only its own page can.

    Meeting mode shows one big lägesbild map. A Karta view of one area and period whose
    map is Gi* hot spot classes or the reports is the same picture there (same area,
    period, filters, centre and zoom), so the room keeps stepping instead of leaving the
    presentation. Every Hotspots view returns ``None``: the meeting draws it with the
    Hotspots page's own analysis (``est_geo.hotspots.run``: its cell size, FDR, weekdays),
    so a Gi* view saved next to the area's lägesbild is not shown as a second copy of it.
    """
    if state.page == "lagesbild":
        return state
    if state.page == "hotspots":
        return None
    if state.area is None or state.period is None or state.mode not in _MEETING_MODES:
        return None
    return replace(state, page="lagesbild", areas=(), mode=_MEETING_MODES[state.mode])
