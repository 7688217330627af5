"""Deterministic synthetic demo data for Norrköping: areas, incidents, interventions, indicators.

Why this exists: an EST tool is only convincing when its maps show the structure real EST
data has — a few micro-places holding a large share of all reports, evening and weekend
peaks, seasons, and interventions after which something visibly changes. Real reports
describe real people and may never be shipped, so the demo is generated: every incident
is fictive, and the area outlines are rough shapes drawn by hand around public place-name
points (see ``data/README.md``). Nothing here is a fact about any neighbourhood.

The generator is pure library code (no Streamlit), fully vectorised with numpy so that a
million incidents take seconds, and deterministic: the same ``seed`` and ``end_date`` give
byte-for-byte identical frames, so tests and screenshots are reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import (
    STORE_EPSG,
    Actor,
    AreaLevel,
    InterventionKind,
    InterventionStatus,
    LocationPrecision,
)

__all__ = ["DEMO_SOURCE", "DemoData", "generate_demo"]

#: Value of ``incidents.source`` for every generated incident.
DEMO_SOURCE = "demo"

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Coords = Sequence[tuple[float, float]]


@dataclass(frozen=True, eq=False)
class DemoData:
    """Everything the demo store is filled with.

    ``eq=False`` because frames do not compare with ``==``; compare the frames themselves
    (``pandas.testing``) instead.

    Attributes
    ----------
    areas
        ``code, name, level, parent_code, geometry`` in EPSG:3006; one kommun, seven
        områden and two delområden.
    incidents
        ``x, y, occurred_at, has_time, category, actor, precision, description, source,
        source_id``; sorted by ``occurred_at``. ``description`` is ``None`` on most rows.
    interventions
        ``name, kind, status, owner_actor, start_date, end_date, description, public, cost,
        buffer_m, geometry`` in EPSG:3006. ``end_date`` and ``cost`` may be ``None``.
    indicator_values
        ``indicator_key, area_code, period, value, n``; ``n`` is ``None`` for population.
    end_date
        Last day covered by the incidents.
    seed
        Seed the data was generated from.
    """

    areas: gpd.GeoDataFrame
    incidents: pd.DataFrame
    interventions: gpd.GeoDataFrame
    indicator_values: pd.DataFrame
    end_date: dt.date
    seed: int


# ---------------------------------------------------------------------------------------
# Areas. Outlines are drawn by hand (EPSG:3006, metres) around public place-name points
# (Lantmäteriet Ortnamn CC BY 4.0, GeoNames, the police's area representative points); they
# are approximations made for the demo, not boundaries of anything.
# ---------------------------------------------------------------------------------------

KOMMUN_CODE = "0581"

_KOMMUN_OUTLINE: Coords = (
    (521000, 6497000), (526000, 6508000), (533000, 6516000), (541000, 6523000),
    (552000, 6528500), (563000, 6529500), (574000, 6527000), (584000, 6524500),
    (593000, 6521000), (599000, 6514000), (599500, 6503000), (597000, 6492000),
    (598500, 6481000), (592000, 6473500), (581000, 6470500), (569000, 6471500),
    (558000, 6474000), (548000, 6478500), (538000, 6481000), (529000, 6485500),
    (523000, 6490500),
)  # fmt: skip


@dataclass(frozen=True)
class _AreaSpec:
    code: str
    name: str
    level: AreaLevel
    parent: str | None
    outline: Coords
    population: int  # fictive, plausible order of magnitude
    report_rate: float  # relative EST reports per inhabitant (vulnerable areas report more)
    trygghet: float  # police's safety index 0–6, higher = more problems
    nki: float  # housing company customer satisfaction 0–100
    forening: float  # % of children active in associations
    #: Where a report that only names the area is placed: away from the micro-places and
    #: delområden, so such coarse points never inflate a real hot spot.
    area_point: tuple[float, float] | None = None


_OMRADEN: tuple[_AreaSpec, ...] = (
    # Around Lantmäteriet's Klockaretorpet point (564892, 6493160).
    _AreaSpec(
        "NKP-KLO", "Klockaretorpet", AreaLevel.OMRADE, KOMMUN_CODE,
        ((564250, 6492800), (564700, 6492550), (565250, 6492600), (565650, 6492900),
         (565600, 6493450), (565200, 6493800), (564650, 6493750), (564300, 6493400)),
        4500, 1.6, 2.7, 66.0, 41.0,
        area_point=(564650, 6493050),
    ),
    # Around Navestad (570704, 6491969) and the police area's representative point.
    _AreaSpec(
        "NKP-NAV", "Navestad", AreaLevel.OMRADE, KOMMUN_CODE,
        ((570100, 6491700), (570350, 6491350), (570900, 6491250), (571450, 6491400),
         (571600, 6491800), (571400, 6492250), (570900, 6492450), (570400, 6492400),
         (570150, 6492100)),
        7000, 1.7, 2.9, 63.0, 37.0,
        area_point=(570400, 6491700),
    ),
    # Around the police area's representative point for Hageby (570000, 6493043).
    _AreaSpec(
        "NKP-HAG", "Hageby", AreaLevel.OMRADE, KOMMUN_CODE,
        ((569500, 6492650), (569950, 6492550), (570500, 6492600), (570700, 6492900),
         (570600, 6493350), (570250, 6493500), (569750, 6493480), (569450, 6493150)),
        6000, 1.5, 2.6, 65.0, 40.0,
        area_point=(570300, 6492850),
    ),
    # Around Lantmäteriet's Ljura point (569982, 6493971).
    _AreaSpec(
        "NKP-LJU", "Ljura", AreaLevel.OMRADE, KOMMUN_CODE,
        ((569450, 6493600), (569900, 6493550), (570450, 6493600), (570600, 6493900),
         (570500, 6494300), (570050, 6494450), (569600, 6494350), (569400, 6494000)),
        5200, 1.0, 1.7, 74.0, 52.0,
        area_point=(570050, 6494100),
    ),
    # Around Lantmäteriet's Marielund point (567876, 6495429), west of the centre.
    _AreaSpec(
        "NKP-MAR", "Marielund", AreaLevel.OMRADE, KOMMUN_CODE,
        ((567100, 6495000), (567500, 6494850), (567980, 6494850), (567990, 6495300),
         (567960, 6495750), (567550, 6495850), (567150, 6495700), (567050, 6495350)),
        4000, 0.7, 1.3, 80.0, 61.0,
        area_point=(567500, 6495500),
    ),
    # No reference point: placed by hand west of Hageby and Navestad.
    _AreaSpec(
        "NKP-VIL", "Vilbergen", AreaLevel.OMRADE, KOMMUN_CODE,
        ((568700, 6492000), (569150, 6491850), (569750, 6491950), (569950, 6492250),
         (569800, 6492500), (569350, 6492600), (568900, 6492650), (568600, 6492400)),
        3800, 0.9, 1.6, 76.0, 55.0,
        area_point=(569000, 6492300),
    ),
    # Around the Norrköping tätort point (568234, 6495120).
    _AreaSpec(
        "NKP-INN", "Innerstaden", AreaLevel.OMRADE, KOMMUN_CODE,
        ((568050, 6494750), (568450, 6494650), (568950, 6494700), (569450, 6494850),
         (569500, 6495350), (569300, 6495800), (568800, 6495950), (568300, 6495900),
         (568050, 6495600), (568020, 6495150)),
        9000, 1.1, 1.8, 78.0, 58.0,
        area_point=(568900, 6495600),
    ),
)  # fmt: skip

_DELOMRADEN: tuple[_AreaSpec, ...] = (
    _AreaSpec(
        "NKP-KLO-C", "Klockaretorpet centrum", AreaLevel.DELOMRADE, "NKP-KLO",
        ((564820, 6493060), (565070, 6493070), (565060, 6493270), (564810, 6493255)),
        600, 1.0, 3.1, 60.0, 36.0,
    ),
    _AreaSpec(
        "NKP-NAV-R", "Ringdansen", AreaLevel.DELOMRADE, "NKP-NAV",
        ((570550, 6491600), (570950, 6491500), (571150, 6491750), (571050, 6492050),
         (570650, 6492100), (570500, 6491850)),
        2300, 1.0, 3.2, 58.0, 34.0,
    ),
)  # fmt: skip

_KOMMUN = _AreaSpec(
    KOMMUN_CODE, "Norrköping", AreaLevel.KOMMUN, None, _KOMMUN_OUTLINE,
    146000, 1.0, 1.5, 74.0, 54.0,
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Categories: when they happen, who reports them, what a report may say.
# ---------------------------------------------------------------------------------------

_ACTORS: tuple[Actor, ...] = (
    Actor.POLIS,
    Actor.KOMMUN,
    Actor.BOSTADSBOLAG,
    Actor.RADDNINGSTJANST,
    Actor.SKOLA,
    Actor.VAKTARBOLAG,
    Actor.CIVILSAMHALLE,
    Actor.ANNAN,
)
_A = {a: i for i, a in enumerate(_ACTORS)}


def _hour_profile(peaks: Sequence[tuple[float, float, float]], base: float) -> FloatArray:
    """Hour-of-day weights as a floor plus circular Gaussian bumps ``(hour, width, amp)``."""
    h = np.arange(24, dtype=np.float64)
    w = np.full(24, base)
    for centre, width, amp in peaks:
        d = np.abs(h - centre)
        d = np.minimum(d, 24.0 - d)
        w += amp * np.exp(-0.5 * (d / width) ** 2)
    return np.asarray(w / w.sum(), dtype=np.float64)


_HOURS: Mapping[str, FloatArray] = {
    "evening": _hour_profile([(21.5, 2.5, 1.0)], 0.04),
    "late": _hour_profile([(0.0, 2.2, 1.0), (20.0, 2.0, 0.35)], 0.03),
    "night": _hour_profile([(2.0, 2.5, 1.0)], 0.04),
    "evening_night": _hour_profile([(22.5, 3.0, 1.0), (3.0, 2.0, 0.4)], 0.04),
    "day": _hour_profile([(11.5, 3.0, 1.0)], 0.03),
    "afternoon": _hour_profile([(16.5, 2.5, 1.0), (20.0, 1.5, 0.4)], 0.03),
    "dusk": _hour_profile([(18.0, 3.0, 1.0), (7.5, 1.5, 0.35)], 0.03),
}
_WEEKDAYS: Mapping[str, FloatArray] = {  # Monday … Sunday
    "weekend": np.array([0.8, 0.8, 0.9, 1.0, 1.45, 1.65, 1.1]),
    "weekday": np.array([1.2, 1.2, 1.2, 1.2, 1.1, 0.6, 0.5]),
    "flat": np.ones(7),
}
_SEASONS: Mapping[str, FloatArray] = {  # January … December
    "summer": np.array([0.6, 0.6, 0.75, 0.9, 1.2, 1.45, 1.5, 1.4, 1.1, 0.9, 0.75, 0.7]),
    "indoor": np.array([1.35, 1.3, 1.15, 1.0, 0.85, 0.7, 0.7, 0.75, 0.9, 1.05, 1.2, 1.3]),
    "dark": np.array([1.5, 1.3, 1.0, 0.7, 0.5, 0.4, 0.4, 0.6, 0.9, 1.3, 1.6, 1.7]),
    "flat": np.ones(12),
}


@dataclass(frozen=True)
class _CatSpec:
    hours: str
    weekdays: str
    season: str
    new_year: float  # multiplier on 31 December and 1 January (fireworks)
    actors: Mapping[Actor, float]
    phrases: tuple[str, ...]


_P, _K, _B, _R = Actor.POLIS, Actor.KOMMUN, Actor.BOSTADSBOLAG, Actor.RADDNINGSTJANST
_S, _V, _C, _O = Actor.SKOLA, Actor.VAKTARBOLAG, Actor.CIVILSAMHALLE, Actor.ANNAN

_CATEGORIES: Mapping[str, _CatSpec] = {
    "skadegorelse.klotter": _CatSpec(
        "night", "flat", "summer", 1.0, {_B: 0.45, _K: 0.25, _V: 0.1, _S: 0.1, _P: 0.05, _O: 0.05},
        ("Klotter på fasad vid entré", "Nytt klotter i gångtunnel", "Taggar på elskåp",
         "Klotter på lekplatsens plank"),
    ),
    "skadegorelse.glaskross": _CatSpec(
        "night", "weekend", "flat", 1.5,
        {_B: 0.45, _K: 0.15, _V: 0.15, _S: 0.1, _P: 0.1, _O: 0.05},
        ("Krossad ruta i entrédörr", "Glaskross vid busshållplats",
         "Sönderslagen ruta i tvättstuga"),
    ),
    "skadegorelse.brand": _CatSpec(
        "evening_night", "weekend", "summer", 6.0,
        {_R: 0.45, _B: 0.2, _P: 0.15, _V: 0.1, _K: 0.1},
        ("Brand i soptunna", "Anlagd brand i container", "Brand i barnvagnsrum",
         "Fyrverkerier mot fasad"),
    ),
    "samling.trapphus": _CatSpec(
        "evening", "weekend", "indoor", 1.0, {_B: 0.6, _V: 0.2, _P: 0.1, _C: 0.05, _O: 0.05},
        ("Grupp uppehåller sig i trapphus", "Nedskräpat trapphus efter samling"),
    ),
    "samling.kallare": _CatSpec(
        "evening", "weekend", "indoor", 1.0, {_B: 0.65, _V: 0.2, _P: 0.1, _O: 0.05},
        ("Uppbruten källardörr, spår av vistelse", "Personer i källargång sent"),
    ),
    "samling.garage": _CatSpec(
        "late", "weekend", "indoor", 1.0, {_B: 0.4, _V: 0.35, _P: 0.2, _O: 0.05},
        ("Samling i garaget, bilar blockerar in- och utfart", "Grupp i garage, hög musik"),
    ),
    "samling.utomhus": _CatSpec(
        "evening", "weekend", "summer", 1.5,
        {_P: 0.25, _B: 0.2, _K: 0.15, _C: 0.2, _V: 0.15, _O: 0.05},
        ("Stor grupp på torget sent på kvällen", "Samling vid kiosken",
         "Ungdomar samlas vid skolan"),
    ),
    "ordning.brak": _CatSpec(
        "late", "weekend", "flat", 3.0, {_P: 0.55, _V: 0.2, _B: 0.15, _C: 0.05, _O: 0.05},
        ("Högljutt bråk utanför restaurang", "Bråk vid busshållplats"),
    ),
    "ordning.vald": _CatSpec(
        "late", "weekend", "flat", 1.5, {_P: 0.85, _V: 0.1, _O: 0.05},
        ("Misshandel anmäld i området",),
    ),
    "ordning.inbrott": _CatSpec(
        "night", "flat", "indoor", 1.0, {_P: 0.5, _B: 0.35, _V: 0.1, _O: 0.05},
        ("Inbrott i förråd", "Uppbrutet källarförråd", "Inbrottsförsök i lokal"),
    ),
    "ordning.ran": _CatSpec(
        "late", "weekend", "flat", 1.0, {_P: 0.95, _O: 0.05},
        ("Rån anmält vid gångväg",),
    ),
    "ordning.narkotika": _CatSpec(
        "evening", "weekend", "flat", 1.0, {_P: 0.6, _B: 0.15, _V: 0.15, _C: 0.05, _O: 0.05},
        ("Misstänkt langning vid entré", "Kanyler hittade i buskage",
         "Misstänkt försäljning i bil"),
    ),
    "ordning.olovligt_boende": _CatSpec(
        "day", "weekday", "indoor", 1.0, {_B: 0.7, _K: 0.15, _V: 0.1, _O: 0.05},
        ("Spår av övernattning i förråd", "Madrass och sovsäck i källare"),
    ),
    "ordning.olovlig_trafik": _CatSpec(
        "evening", "weekend", "summer", 1.0,
        {_P: 0.35, _B: 0.3, _K: 0.15, _V: 0.1, _C: 0.05, _O: 0.05},
        ("Mopeder kör på torget", "Bil kör på gångväg", "Cross på gång- och cykelbana"),
    ),
    "otrygg_plats.belysning": _CatSpec(
        "dusk", "weekday", "dark", 1.0, {_K: 0.55, _B: 0.25, _C: 0.1, _S: 0.05, _O: 0.05},
        ("Trasig belysning i gångtunnel", "Mörk gångväg, flera lampor ur funktion"),
    ),
    "otrygg_plats.insyn": _CatSpec(
        "day", "weekday", "summer", 1.0, {_K: 0.5, _B: 0.3, _C: 0.15, _O: 0.05},
        ("Buskage skymmer sikt vid gångväg", "Dålig insyn vid cykelparkering"),
    ),
    "otrygg_plats.nedskrapning": _CatSpec(
        "day", "weekday", "summer", 2.0, {_K: 0.45, _B: 0.35, _S: 0.05, _C: 0.1, _O: 0.05},
        ("Nedskräpning vid återvinningsstation", "Skräp och glas på lekplats",
         "Överfulla papperskorgar på torget"),
    ),
    "otrygg_plats.odslig": _CatSpec(
        "dusk", "flat", "dark", 1.0, {_K: 0.4, _C: 0.3, _B: 0.2, _O: 0.1},
        ("Öde gångstråk kvällstid", "Tomma lokaler upplevs otrygga"),
    ),
    "arrangemang": _CatSpec(
        "afternoon", "weekend", "summer", 1.0, {_K: 0.5, _C: 0.3, _P: 0.1, _O: 0.1},
        ("Sommarfest i parken", "Konsert med mycket folk", "Marknad på torget"),
    ),
}  # fmt: skip

_CAT_KEYS: tuple[str, ...] = tuple(_CATEGORIES)
_CAT_INDEX: Mapping[str, int] = {k: i for i, k in enumerate(_CAT_KEYS)}


# ---------------------------------------------------------------------------------------
# Where incidents come from: micro-places (hot spots) and diffuse backgrounds.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hotspot:
    name: str
    x: float
    y: float
    sigma: float  # metres of Gaussian scatter
    share: float  # share of all incidents
    mix: Mapping[str, float]


_HOTSPOTS: tuple[_Hotspot, ...] = (
    _Hotspot("Klockaretorpet centrum, torget", 564940, 6493165, 25, 0.09,
             {"samling.utomhus": 0.28, "ordning.olovlig_trafik": 0.18, "ordning.narkotika": 0.12,
              "ordning.brak": 0.10, "otrygg_plats.nedskrapning": 0.10,
              "skadegorelse.klotter": 0.08, "skadegorelse.glaskross": 0.06,
              "ordning.vald": 0.04, "otrygg_plats.odslig": 0.04}),
    _Hotspot("Klockaretorpet, busshållplats öster om torget", 565200, 6493120, 30, 0.02,
             {"samling.utomhus": 0.30, "ordning.olovlig_trafik": 0.20, "ordning.brak": 0.15,
              "otrygg_plats.nedskrapning": 0.20, "skadegorelse.klotter": 0.15}),
    _Hotspot("Ringdansen, parkeringsgarage", 570820, 6491760, 20, 0.07,
             {"samling.garage": 0.35, "skadegorelse.brand": 0.15, "skadegorelse.glaskross": 0.15,
              "ordning.narkotika": 0.15, "skadegorelse.klotter": 0.10,
              "ordning.olovligt_boende": 0.05, "otrygg_plats.belysning": 0.05}),
    _Hotspot("Hageby, skolgård", 570080, 6493080, 30, 0.05,
             {"skadegorelse.klotter": 0.30, "skadegorelse.glaskross": 0.20,
              "samling.utomhus": 0.25, "skadegorelse.brand": 0.10,
              "otrygg_plats.nedskrapning": 0.10, "ordning.brak": 0.05}),
    _Hotspot("Ljura, gångtunnel", 569800, 6493700, 15, 0.03,
             {"otrygg_plats.belysning": 0.25, "skadegorelse.klotter": 0.30, "ordning.ran": 0.10,
              "otrygg_plats.odslig": 0.15, "samling.utomhus": 0.10,
              "otrygg_plats.nedskrapning": 0.10}),
    _Hotspot("Navestad, torget", 570450, 6492150, 40, 0.05,
             {"samling.utomhus": 0.30, "ordning.narkotika": 0.20, "ordning.brak": 0.15,
              "ordning.olovlig_trafik": 0.10, "otrygg_plats.nedskrapning": 0.15,
              "ordning.vald": 0.10}),
    _Hotspot("Innerstaden, nattlivsstråk", 568600, 6495300, 60, 0.06,
             {"ordning.brak": 0.35, "ordning.vald": 0.25, "otrygg_plats.nedskrapning": 0.15,
              "skadegorelse.glaskross": 0.10, "ordning.ran": 0.05, "samling.utomhus": 0.10}),
    _Hotspot("Vilbergen, centrum", 569300, 6492250, 35, 0.03,
             {"samling.utomhus": 0.30, "skadegorelse.klotter": 0.20,
              "skadegorelse.glaskross": 0.15, "ordning.brak": 0.15,
              "otrygg_plats.nedskrapning": 0.20}),
    _Hotspot("Marielund, parken", 567450, 6495350, 50, 0.02,
             {"arrangemang": 0.40, "samling.utomhus": 0.30, "otrygg_plats.nedskrapning": 0.30}),
    _Hotspot("Klockaretorpet, trapphus och källare", 564550, 6493450, 45, 0.03,
             {"samling.trapphus": 0.45, "samling.kallare": 0.35,
              "ordning.olovligt_boende": 0.10, "skadegorelse.klotter": 0.10}),
)  # fmt: skip


@dataclass(frozen=True)
class _Emerging:
    """A place that only lately draws reports, more each week (a new or growing hot spot).

    Scattered reports of the last ``weeks`` — the rest of the town's, and the område's
    own diffuse ones away from every intervention (so no intervention zone or
    displacement ring loses any) — are moved here with a probability that rises linearly
    from 0 to ``final_share`` over ``ramp_weeks`` and then stays there. The total, the
    days, hours and categories of all reports stay as drawn; only a growing share of
    scattered reports now happens at this place (the område, and so a default control
    area, gains the rest-of-town ones). Only reports with an exact or address position
    move (an area-level report stays on its area's point). The lägesbild's weekly trend
    sees it as a new or consecutive hot spot when its last week is a whole one.
    """

    name: str
    x: float
    y: float
    sigma: float
    weeks: int
    ramp_weeks: int
    final_share: float


_EMERGING: tuple[_Emerging, ...] = (
    # South-west Klockaretorpet, away from the Bommar zone and its displacement ring.
    _Emerging("Klockaretorpet, gångvägen vid förskolan", 564550, 6492750, 15, 4, 1, 1.0),
)

_BACKGROUND_SHARE = 0.47  # diffuse, inside the områden, in proportion to population × rate
_REST_SHARE = 1.0 - _BACKGROUND_SHARE - sum(h.share for h in _HOTSPOTS)

_RESIDENTIAL_MIX: Mapping[str, float] = {
    "samling.trapphus": 0.12, "samling.kallare": 0.08, "samling.utomhus": 0.10,
    "skadegorelse.klotter": 0.12, "skadegorelse.glaskross": 0.07, "skadegorelse.brand": 0.04,
    "ordning.inbrott": 0.09, "ordning.brak": 0.05, "ordning.narkotika": 0.04,
    "ordning.olovligt_boende": 0.03, "ordning.olovlig_trafik": 0.05,
    "otrygg_plats.belysning": 0.06, "otrygg_plats.insyn": 0.04,
    "otrygg_plats.nedskrapning": 0.08, "otrygg_plats.odslig": 0.02, "arrangemang": 0.01,
}  # fmt: skip
_CENTRE_MIX: Mapping[str, float] = {
    "ordning.brak": 0.18, "ordning.vald": 0.10, "skadegorelse.klotter": 0.14,
    "skadegorelse.glaskross": 0.10, "otrygg_plats.nedskrapning": 0.14, "ordning.ran": 0.04,
    "samling.utomhus": 0.08, "ordning.inbrott": 0.08, "ordning.narkotika": 0.05,
    "arrangemang": 0.04, "otrygg_plats.belysning": 0.03, "otrygg_plats.odslig": 0.02,
}  # fmt: skip
_REST_MIX: Mapping[str, float] = {
    "ordning.inbrott": 0.25, "skadegorelse.brand": 0.12, "otrygg_plats.nedskrapning": 0.15,
    "ordning.olovlig_trafik": 0.12, "skadegorelse.klotter": 0.10, "skadegorelse.glaskross": 0.06,
    "ordning.brak": 0.08, "otrygg_plats.belysning": 0.05, "otrygg_plats.odslig": 0.04,
    "arrangemang": 0.03,
}  # fmt: skip

_PRECISIONS: tuple[LocationPrecision, ...] = (
    LocationPrecision.EXACT,
    LocationPrecision.ADDRESS,
    LocationPrecision.STREET,
    LocationPrecision.AREA,
)
_PREC_HOTSPOT = np.array([0.60, 0.33, 0.05, 0.02])
_PREC_BACKGROUND = np.array([0.45, 0.42, 0.09, 0.04])
_PREC_REST = np.array([0.30, 0.45, 0.15, 0.10])

_DATE_ONLY_SHARE = 0.05
_DESCRIPTION_SHARE = 0.12
_BASE_KEEP = 0.85  # thinning floor; intervention factors multiply this (max 0.85 × 1.12 < 1)


# ---------------------------------------------------------------------------------------
# Interventions, and the effect each one has on the generated incidents.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _InterventionSpec:
    name: str
    kind: InterventionKind
    status: InterventionStatus
    owner: Actor
    start_offset_days: int  # relative to end_date (negative = in the past)
    duration_days: int | None  # None = open-ended
    description: str
    public: bool
    cost: float | None
    buffer_m: float
    geometry: BaseGeometry
    effect: Mapping[str, float]  # category → multiplier inside the zone while active
    effect_persists: bool = False  # physical changes keep working after the project ends
    night_only: bool = False
    displacement_ring_m: float = 0.0
    displacement_factor: float = 1.0


def _intervention_specs() -> tuple[_InterventionSpec, ...]:
    """The demo's interventions: two ongoing with effects, two finished, one planned."""
    centrum = Polygon(_DELOMRADEN[0].outline)
    hageby = Polygon(_OMRADEN[2].outline)
    return (
        _InterventionSpec(
            "Bommar Klockaretorpet centrum",
            InterventionKind.BOM,
            InterventionStatus.PAGAR,
            Actor.BOSTADSBOLAG,
            -548,
            None,
            "Bommar vid torgets in- och utfarter mot mopeder och bilar. Syfte: minska "
            "olovlig trafik och otrygghetsskapande samlingar på torget.",
            True,
            180_000.0,
            0.0,
            centrum,
            {"ordning.olovlig_trafik": 0.45, "samling.utomhus": 0.6, "ordning.narkotika": 0.8},
            displacement_ring_m=200.0,
            displacement_factor=1.12,
        ),
        _InterventionSpec(
            "Väktarrondering Navestad",
            InterventionKind.VAKTARRONDERING,
            InterventionStatus.PAGAR,
            Actor.BOSTADSBOLAG,
            -300,
            None,
            "Väktare går en fast runda kvällar och nätter förbi torget och garaget vid Ringdansen.",
            False,
            420_000.0,
            50.0,
            LineString(
                [
                    (570250, 6492200),
                    (570450, 6492150),
                    (570650, 6491950),
                    (570820, 6491760),
                    (571100, 6491600),
                    (571350, 6491550),
                ]
            ),
            {
                "samling.garage": 0.75,
                "samling.utomhus": 0.8,
                "skadegorelse.glaskross": 0.75,
                "skadegorelse.brand": 0.8,
                "skadegorelse.klotter": 0.8,
                "ordning.inbrott": 0.75,
            },
            night_only=True,
        ),
        _InterventionSpec(
            "Ny belysning i gångtunneln vid Ljura",
            InterventionKind.BELYSNING,
            InterventionStatus.AVSLUTAD,
            Actor.KOMMUN,
            -480,
            45,
            "Byte till ljusare och vandalsäkra armaturer i gångtunneln.",
            True,
            95_000.0,
            60.0,
            Point(569800, 6493700),
            {"otrygg_plats.belysning": 0.4, "ordning.ran": 0.7, "otrygg_plats.odslig": 0.7},
            effect_persists=True,
        ),
        _InterventionSpec(
            "Hundpatrull Hageby",
            InterventionKind.POLISNARVARO,
            InterventionStatus.AVSLUTAD,
            Actor.POLIS,
            -790,
            183,
            "Polisens hundförare rastade hundar i området kvällstid under ett halvår.",
            False,
            None,
            0.0,
            hageby,
            {"ordning.narkotika": 0.75, "ordning.brak": 0.85},
        ),
        _InterventionSpec(
            "Kamerabevakning Navestad torg",
            InterventionKind.KAMERA,
            InterventionStatus.PLANERAD,
            Actor.POLIS,
            75,
            None,
            "Planerad kamerabevakning av torget efter beslut om tillstånd.",
            True,
            350_000.0,
            75.0,
            Point(570450, 6492150),
            {},
        ),
    )


# ---------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------


def generate_demo(
    *, seed: int = 2017, n_incidents: int = 20_000, end_date: dt.date | None = None
) -> DemoData:
    """Generate the Norrköping demo data set.

    Parameters
    ----------
    seed
        Seed of every random draw; the same seed and ``end_date`` give identical output.
    n_incidents
        Exact number of incident rows (0 or more).
    end_date
        Last day of the roughly three years of incidents. Defaults to today so that the
        app's "this week" always shows data; pass a date for reproducible output.

    Returns
    -------
    DemoData
        Areas, incidents, interventions and indicator values, all fictive.
    """
    if n_incidents < 0:
        raise ValueError(f"n_incidents must be >= 0, got {n_incidents}")
    end = end_date if end_date is not None else dt.date.today()
    start = _years_before(end, 3) + dt.timedelta(days=1)
    areas = _build_areas()
    specs = _intervention_specs()
    incidents, profile = _generate_incidents(
        np.random.default_rng([seed, 1]), n_incidents, start, end, areas, specs
    )
    _grow_emerging(np.random.default_rng([seed, 3]), incidents, profile, end, specs)
    return DemoData(
        areas=areas,
        incidents=incidents,
        interventions=_build_interventions(specs, end),
        indicator_values=_indicator_values(np.random.default_rng([seed, 2]), start, end),
        end_date=end,
        seed=seed,
    )


# ---------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------


def _years_before(d: dt.date, years: int) -> dt.date:
    """Same calendar day ``years`` earlier (28 February for a 29 February)."""
    try:
        return d.replace(year=d.year - years)
    except ValueError:
        return d.replace(year=d.year - years, day=28)


def _build_areas() -> gpd.GeoDataFrame:
    """The kommun, its områden and delområden as one frame, parents before children."""
    specs = (_KOMMUN, *_OMRADEN, *_DELOMRADEN)
    return gpd.GeoDataFrame(
        {
            "code": [s.code for s in specs],
            "name": [s.name for s in specs],
            "level": [s.level.value for s in specs],
            "parent_code": pd.Series([s.parent for s in specs], dtype=object),
            "geometry": [Polygon(s.outline) for s in specs],
        },
        geometry="geometry",
        crs=f"EPSG:{STORE_EPSG}",
    )


def _build_interventions(specs: Sequence[_InterventionSpec], end: dt.date) -> gpd.GeoDataFrame:
    """Interventions with dates placed relative to ``end``."""
    starts = [end + dt.timedelta(days=s.start_offset_days) for s in specs]
    ends = [
        None if s.duration_days is None else st + dt.timedelta(days=s.duration_days)
        for s, st in zip(specs, starts, strict=True)
    ]
    return gpd.GeoDataFrame(
        {
            "name": [s.name for s in specs],
            "kind": [s.kind.value for s in specs],
            "status": [s.status.value for s in specs],
            "owner_actor": [s.owner.value for s in specs],
            "start_date": pd.Series(starts, dtype=object),
            "end_date": pd.Series(ends, dtype=object),
            "description": [s.description for s in specs],
            "public": np.array([s.public for s in specs], dtype=bool),
            "cost": pd.Series([s.cost for s in specs], dtype=object),
            "buffer_m": np.array([s.buffer_m for s in specs], dtype=np.float64),
            "geometry": [s.geometry for s in specs],
        },
        geometry="geometry",
        crs=f"EPSG:{STORE_EPSG}",
    )


def _sample_in(
    rng: np.random.Generator, geom: BaseGeometry, k: int
) -> tuple[FloatArray, FloatArray]:
    """``k`` uniform points inside ``geom`` by vectorised rejection sampling."""
    xmin, ymin, xmax, ymax = geom.bounds
    ratio = max(geom.area / ((xmax - xmin) * (ymax - ymin)), 0.05)
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    got = 0
    while got < k:
        m = int((k - got) / ratio * 1.2) + 16
        x = rng.uniform(xmin, xmax, m)
        y = rng.uniform(ymin, ymax, m)
        inside = shapely.contains_xy(geom, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        got += int(inside.sum())
    return np.concatenate(xs)[:k], np.concatenate(ys)[:k]


def _draw_categories(rng: np.random.Generator, mix: Mapping[str, float], k: int) -> IntArray:
    """Category indices for ``k`` incidents drawn from a category mix."""
    idx = np.array([_CAT_INDEX[c] for c in mix], dtype=np.int64)
    p = np.array(list(mix.values()), dtype=np.float64)
    return idx[rng.choice(len(idx), size=k, p=p / p.sum())]


def _day_weights(start: dt.date, n_days: int, phase: float) -> tuple[FloatArray, IntArray]:
    """Per-category weights of every day (weekday × season × trend × New Year).

    The trend is common to all categories and places so that a control area cancels it
    when an intervention is evaluated.
    """
    days = np.datetime64(start, "D") + np.arange(n_days)
    dow = (start.weekday() + np.arange(n_days)) % 7
    months = days.astype("datetime64[M]")
    month = months.astype(np.int64) % 12
    dom = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    new_year = ((month == 11) & (dom == 31)) | ((month == 0) & (dom == 1))
    t = np.arange(n_days) / max(n_days - 1, 1)
    trend = 1.0 + 0.10 * np.sin(2 * np.pi * 1.3 * t + phase) - 0.08 * (t - 0.5)
    w = np.empty((len(_CAT_KEYS), n_days))
    for i, key in enumerate(_CAT_KEYS):
        spec = _CATEGORIES[key]
        w[i] = (
            _WEEKDAYS[spec.weekdays][dow]
            * _SEASONS[spec.season][month]
            * trend
            * np.where(new_year, spec.new_year, 1.0)
        )
    return w, np.asarray(dow, dtype=np.int64)


def _spring_forward_days(start: dt.date, end: dt.date) -> list[int]:
    """Day indices of the last Sunday of March (02:00–03:00 does not exist in Sweden)."""
    out: list[int] = []
    for year in range(start.year, end.year + 1):
        d = dt.date(year, 3, 31)
        d -= dt.timedelta(days=(d.weekday() - 6) % 7)
        if start <= d <= end:
            out.append((d - start).days)
    return out


def _generate_incidents(
    rng: np.random.Generator,
    n: int,
    start: dt.date,
    end: dt.date,
    areas: gpd.GeoDataFrame,
    specs: Sequence[_InterventionSpec],
) -> tuple[pd.DataFrame, IntArray]:
    """Candidates → times → intervention thinning → exactly ``n`` rows → attributes.

    Also returns each row's origin: 0 hot spot, 1 område background, 2 rest of town.
    """
    n_days = (end - start).days + 1
    day_w, dow_of_day = _day_weights(start, n_days, float(rng.uniform(0, 2 * np.pi)))
    day_cdf = np.cumsum(day_w, axis=1)
    kommun = areas.geometry.iloc[0]
    omraden = [Polygon(s.outline) for s in _OMRADEN]
    end_offsets = {s.name: (end - start).days for s in specs}

    factor = 1.0 / _BASE_KEEP * 1.06
    while True:
        n_cand = int(n * factor) + 64
        x, y, cat, prec_p_idx = _candidate_places(rng, n_cand, kommun, omraden)
        day = np.empty(n_cand, dtype=np.int64)
        hour = np.empty(n_cand, dtype=np.int64)
        for i in range(len(_CAT_KEYS)):
            sel = np.flatnonzero(cat == i)
            u = rng.random(sel.size) * day_cdf[i, -1]
            day[sel] = np.minimum(np.searchsorted(day_cdf[i], u, side="right"), n_days - 1)
            hour[sel] = rng.choice(24, size=sel.size, p=_HOURS[_CATEGORIES[_CAT_KEYS[i]].hours])
        keep_p = np.full(n_cand, _BASE_KEEP)
        for spec in specs:
            keep_p *= _effect(spec, x, y, cat, day, hour, start, end_offsets[spec.name])
        survivors = np.flatnonzero(rng.random(n_cand) < keep_p)
        if survivors.size >= n:
            break
        factor *= 1.25  # practically never; keeps the count exact whatever the effects
    chosen = np.sort(rng.choice(survivors, size=n, replace=False))
    x, y, cat, day, hour = x[chosen], y[chosen], cat[chosen], day[chosen], hour[chosen]
    prec_p_idx = prec_p_idx[chosen]
    minute = rng.integers(0, 60, size=n)
    hour = np.where(np.isin(day, _spring_forward_days(start, end)) & (hour == 2), 3, hour)
    # Date-only reports keep their true hour for who reported them, but show 00:00.
    has_time = rng.random(n) >= _DATE_ONLY_SHARE
    shown_h = np.where(has_time, hour, 0)
    shown_m = np.where(has_time, minute, 0)

    order = np.lexsort((shown_m, shown_h, day))  # chronological; ties keep candidate order
    x, y, cat, day, hour = x[order], y[order], cat[order], day[order], hour[order]
    shown_h, shown_m, has_time = shown_h[order], shown_m[order], has_time[order]
    prec_p_idx = prec_p_idx[order]

    actor = _draw_actors(rng, cat, hour, x, y, dow_of_day[day])
    precision = _draw_precision(rng, prec_p_idx)
    x, y = _coarsen_area_points(x, y, precision, kommun, omraden)
    occurred = (np.datetime64(start, "D") + day).astype("datetime64[ns]") + (
        (shown_h * 3600 + shown_m * 60) * 1_000_000_000
    ).astype("timedelta64[ns]")

    width = max(6, len(str(n)))
    numbers = np.arange(1, n + 1).astype(f"U{width}")
    ids = np.char.add("demo-", np.char.zfill(numbers, width)) if n else np.array([], dtype=str)
    frame = pd.DataFrame(
        {
            "x": np.round(x, 1),
            "y": np.round(y, 1),
            "occurred_at": pd.Series(occurred, dtype="datetime64[ns]"),
            "has_time": has_time,
            "category": np.asarray(_CAT_KEYS, dtype=object)[cat],
            "actor": np.asarray([a.value for a in _ACTORS], dtype=object)[actor],
            "precision": np.asarray([p.value for p in _PRECISIONS], dtype=object)[precision],
            "description": pd.Series(_draw_descriptions(rng, cat), dtype=object),
            "source": np.full(n, DEMO_SOURCE, dtype=object),
            "source_id": ids.astype(object),
        }
    )
    return frame, prec_p_idx


def _grow_emerging(
    rng: np.random.Generator,
    incidents: pd.DataFrame,
    profile: IntArray,
    end: dt.date,
    specs: Sequence[_InterventionSpec],
) -> None:
    """Move late scattered reports to the :data:`_EMERGING` places (in place).

    ``profile`` is each row's origin (0 hot spot, 1 område background, 2 rest of town).

    A separate random stream, so every other draw of the demo is unchanged.
    """
    if incidents.empty:
        return
    age = (pd.Timestamp(end) - incidents["occurred_at"].dt.normalize()).dt.days.to_numpy()
    precise = (
        incidents["precision"]
        .isin([LocationPrecision.EXACT.value, LocationPrecision.ADDRESS.value])
        .to_numpy()
    )
    x = incidents["x"].to_numpy(float)
    y = incidents["y"].to_numpy(float)
    near_interventions = shapely.union_all(
        [s.geometry.buffer(s.buffer_m + s.displacement_ring_m + 100.0) for s in specs]
    )
    free = precise & ~shapely.contains_xy(near_interventions, x, y)
    for place in _EMERGING:
        home = next(
            Polygon(a.outline)
            for a in _OMRADEN
            if Polygon(a.outline).contains(shapely.Point(place.x, place.y))
        )
        source = free & ((profile == 2) | ((profile == 1) & shapely.contains_xy(home, x, y)))
        since = place.weeks * 7 - age  # days since the place started drawing reports
        p = place.final_share * np.clip(since / (place.ramp_weeks * 7), 0.0, 1.0)
        moved = np.flatnonzero(source & (rng.random(len(incidents)) < p))
        free[moved] = False
        incidents.loc[moved, "x"] = np.round(place.x + rng.normal(0.0, place.sigma, moved.size), 1)
        incidents.loc[moved, "y"] = np.round(place.y + rng.normal(0.0, place.sigma, moved.size), 1)


def _candidate_places(
    rng: np.random.Generator, n_cand: int, kommun: BaseGeometry, omraden: Sequence[Polygon]
) -> tuple[FloatArray, FloatArray, IntArray, IntArray]:
    """Points, categories and precision profile (0 hot spot, 1 background, 2 rest)."""
    weights = [h.share for h in _HOTSPOTS]
    rates = np.array([s.population * s.report_rate for s in _OMRADEN], dtype=np.float64)
    weights += list(_BACKGROUND_SHARE * rates / rates.sum())
    weights.append(_REST_SHARE)
    counts = rng.multinomial(n_cand, np.array(weights) / sum(weights))
    xs: list[FloatArray] = []
    ys: list[FloatArray] = []
    cats: list[IntArray] = []
    profile: list[IntArray] = []
    for h, k in zip(_HOTSPOTS, counts[: len(_HOTSPOTS)], strict=True):
        xs.append(h.x + rng.normal(0.0, h.sigma, k))
        ys.append(h.y + rng.normal(0.0, h.sigma, k))
        cats.append(_draw_categories(rng, h.mix, int(k)))
        profile.append(np.zeros(k, dtype=np.int64))
    bg_counts = counts[len(_HOTSPOTS) : len(_HOTSPOTS) + len(_OMRADEN)]
    for spec, poly, k in zip(_OMRADEN, omraden, bg_counts, strict=True):
        px, py = _sample_in(rng, poly, int(k))
        xs.append(px)
        ys.append(py)
        mix = _CENTRE_MIX if spec.code == "NKP-INN" else _RESIDENTIAL_MIX
        cats.append(_draw_categories(rng, mix, int(k)))
        profile.append(np.ones(k, dtype=np.int64))
    # Rest of the kommun: mostly the rest of the town, some countryside.
    k_rest = int(counts[-1])
    k_town = int(rng.binomial(k_rest, 0.75))
    town_x = 568500 + rng.normal(0.0, 3500.0, k_town)
    town_y = 6494500 + rng.normal(0.0, 2500.0, k_town)
    rx, ry = _sample_in(rng, kommun, k_rest - k_town)
    xs += [town_x, rx]
    ys += [town_y, ry]
    cats.append(_draw_categories(rng, _REST_MIX, k_rest))
    profile.append(np.full(k_rest, 2, dtype=np.int64))
    x = np.concatenate(xs)
    y = np.concatenate(ys)
    # Any tail point that left the kommun is redrawn uniformly inside it.
    outside = np.flatnonzero(~shapely.contains_xy(kommun, x, y))
    if outside.size:
        x[outside], y[outside] = _sample_in(rng, kommun, outside.size)
    return x, y, np.concatenate(cats), np.concatenate(profile)


def _effect(
    spec: _InterventionSpec,
    x: FloatArray,
    y: FloatArray,
    cat: IntArray,
    day: IntArray,
    hour: IntArray,
    start: dt.date,
    last_day: int,
) -> FloatArray:
    """Multiplier on each candidate's keep probability caused by one intervention."""
    out = np.ones(x.size)
    if not spec.effect:
        return out
    s = last_day + spec.start_offset_days  # day index of the start
    active = day >= s
    if spec.duration_days is not None and not spec.effect_persists:
        active &= day < s + spec.duration_days
    if spec.night_only:
        active &= (hour >= 20) | (hour < 5)
    zone = spec.geometry.buffer(spec.buffer_m) if spec.buffer_m > 0 else spec.geometry
    in_zone = shapely.contains_xy(zone, x, y)
    mult = np.ones(len(_CAT_KEYS))
    for key, f in spec.effect.items():
        mult[_CAT_INDEX[key]] = f
    out = np.where(active & in_zone, mult[cat], out)
    if spec.displacement_ring_m > 0:
        ring = shapely.contains_xy(zone.buffer(spec.displacement_ring_m), x, y) & ~in_zone
        affected = mult[cat] != 1.0
        out = np.where(active & ring & affected, spec.displacement_factor, out)
    return out


def _draw_actors(
    rng: np.random.Generator,
    cat: IntArray,
    hour: IntArray,
    x: FloatArray,
    y: FloatArray,
    dow: IntArray,
) -> IntArray:
    """Reporting actor per incident: a per-category mix, väktare at night, schools by day."""
    n = cat.size
    table = np.zeros((len(_CAT_KEYS), len(_ACTORS)))
    for i, key in enumerate(_CAT_KEYS):
        for who, p in _CATEGORIES[key].actors.items():
            table[i, _A[who]] = p
    cdf = np.cumsum(table / table.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(n)
    actor = np.minimum((u[:, None] > cdf[cat]).sum(axis=1), len(_ACTORS) - 1).astype(np.int64)
    # Security guards are out at night: they file a share of night reports.
    night = (hour >= 22) | (hour < 5)
    guard_ok = ~np.isin(
        cat, [_CAT_INDEX["ordning.vald"], _CAT_INDEX["ordning.ran"], _CAT_INDEX["arrangemang"]]
    )
    actor = np.where(night & guard_ok & (rng.random(n) < 0.15), _A[Actor.VAKTARBOLAG], actor)
    # Staff at the Hageby school report what they find on the school yard on weekdays.
    school = next(h for h in _HOTSPOTS if h.name == "Hageby, skolgård")
    near_school = (x - school.x) ** 2 + (y - school.y) ** 2 < (3 * school.sigma) ** 2
    school_day = near_school & (dow < 5) & (hour >= 7) & (hour < 17)
    actor = np.where(school_day & (rng.random(n) < 0.5), _A[Actor.SKOLA], actor)
    return np.asarray(actor, dtype=np.int64)


def _draw_precision(rng: np.random.Generator, profile: IntArray) -> IntArray:
    """Location precision per incident, mostly exact or address."""
    cdfs = np.cumsum(np.vstack([_PREC_HOTSPOT, _PREC_BACKGROUND, _PREC_REST]), axis=1)
    u = rng.random(profile.size)
    prec = (u[:, None] > cdfs[profile]).sum(axis=1)
    return np.asarray(np.minimum(prec, len(_PRECISIONS) - 1), dtype=np.int64)


def _coarsen_area_points(
    x: FloatArray,
    y: FloatArray,
    precision: IntArray,
    kommun: BaseGeometry,
    omraden: Sequence[Polygon],
) -> tuple[FloatArray, FloatArray]:
    """Move area-precision points to where a real system would put them.

    Only the area is known for these reports, so their point is the område's
    representative point (or the centre of a 1 km grid cell outside the områden). This
    deliberately creates fake spikes that the analysis must not treat as micro-places.
    """
    x = x.copy()
    y = y.copy()
    is_area = precision == _PRECISIONS.index(LocationPrecision.AREA)
    placed = np.zeros(x.size, dtype=bool)
    for spec, poly in zip(_OMRADEN, omraden, strict=True):
        m = is_area & ~placed & shapely.contains_xy(poly, x, y)
        px, py = spec.area_point if spec.area_point else (poly.centroid.x, poly.centroid.y)
        x[m], y[m] = px, py
        placed |= m
    rest = np.flatnonzero(is_area & ~placed)
    gx = np.floor(x[rest] / 1000.0) * 1000.0 + 500.0
    gy = np.floor(y[rest] / 1000.0) * 1000.0 + 500.0
    ok = shapely.contains_xy(kommun, gx, gy)
    x[rest[ok]] = gx[ok]
    y[rest[ok]] = gy[ok]
    return x, y


def _draw_descriptions(rng: np.random.Generator, cat: IntArray) -> npt.NDArray[np.object_]:
    """Short fictive Swedish report texts on a minority of rows, ``None`` elsewhere."""
    out = np.full(cat.size, None, dtype=object)
    has = rng.random(cat.size) < _DESCRIPTION_SHARE
    pick = rng.random(cat.size)
    for i, key in enumerate(_CAT_KEYS):
        phrases = np.asarray(_CATEGORIES[key].phrases, dtype=object)
        m = np.flatnonzero(has & (cat == i))
        out[m] = phrases[(pick[m] * len(phrases)).astype(np.int64)]
    return out


# ---------------------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------------------

_SURVEY_N: Mapping[str, tuple[int, int]] = {  # (trygghetsindex n, kundnöjdhet n) per year
    KOMMUN_CODE: (2400, 1800),
    "NKP-KLO": (210, 160),
    "NKP-NAV": (320, 240),
    "NKP-HAG": (260, 200),
    "NKP-LJU": (190, 140),
    "NKP-MAR": (150, 90),
    "NKP-VIL": (140, 110),
    "NKP-INN": (380, 120),
    "NKP-KLO-C": (24, 19),  # deliberately small: exercises small-area warnings
    "NKP-NAV-R": (85, 60),
}


def _indicator_values(rng: np.random.Generator, start: dt.date, end: dt.date) -> pd.DataFrame:
    """Yearly fictive indicator values for the kommun, områden and delområden.

    Vulnerable areas have a worse safety index and lower satisfaction; Klockaretorpet
    (and its centrum) improve year by year, as the EST story of the demo has it.
    """
    rows: list[tuple[str, str, str, float, float | None]] = []
    years = list(range(start.year, end.year + 1))
    for spec in (_KOMMUN, *_OMRADEN, *_DELOMRADEN):
        improving = spec.code.startswith("NKP-KLO")
        n_tr, n_nki = _SURVEY_N[spec.code]
        pop = float(spec.population)
        for j, year in enumerate(years):
            period = str(year)
            pop *= 1.0 + (0.008 if j else 0.0) + rng.normal(0.0, 0.006)
            rows.append(("befolkning", spec.code, period, float(round(pop)), None))
            trend = -0.25 * j if improving else 0.0
            tr = float(np.clip(spec.trygghet + trend + rng.normal(0.0, 0.08), 0.0, 6.0))
            n = float(max(10, round(n_tr * (1.0 + rng.normal(0.0, 0.08)))))
            rows.append(("trygghetsindex", spec.code, period, round(tr, 2), n))
            nki = spec.nki + (2.0 * j if improving else 0.0) + rng.normal(0.0, 1.2)
            n = float(max(10, round(n_nki * (1.0 + rng.normal(0.0, 0.08)))))
            rows.append(
                ("kundnojdhet", spec.code, period, round(float(np.clip(nki, 0, 100)), 1), n)
            )
            fb = spec.forening + (1.5 * j if improving else 0.0) + rng.normal(0.0, 1.0)
            children = float(round(pop * 0.17))
            rows.append(
                ("foreningsaktiva_barn", spec.code, period, round(float(np.clip(fb, 0, 100)), 1),
                 children)
            )  # fmt: skip
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return pd.DataFrame(
        {
            "indicator_key": [r[0] for r in rows],
            "area_code": [r[1] for r in rows],
            "period": [r[2] for r in rows],
            "value": np.array([r[3] for r in rows], dtype=np.float64),
            "n": pd.Series([r[4] for r in rows], dtype=object),
        }
    )
