"""The demo's scenario: Norrköping's areas, categories with their rhythms, hot spots,
emerging places and interventions, as fixed tables the generator samples from.

Every value here is invented for the demo (see ``data/README.md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from est_geo.core.model import (
    Actor,
    AreaLevel,
    InterventionKind,
    InterventionStatus,
    LocationPrecision,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Coords = Sequence[tuple[float, float]]
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
