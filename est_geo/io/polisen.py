"""Polisen's open events API (``/api/events``) as a municipality-level context layer.

An event's ``location.gps`` is the centre of the municipality (or county), not where it
happened, so events are stored in ``context_events`` without geometry and never become
points on a hotspot map. What makes them useful locally is their text: "Bråk i Hageby",
"Brand i Navestad" — area names found in ``name``/``summary`` link an event to the
store's areas. Types are mapped to EST categories where the meaning fits; the rest keep
only Polisen's own type.

The live API asks clients to identify themselves and not to poll often; the fetch
function sends a User-Agent and waits at least 10 s between calls. It is never used by
the tests (no network at run time); saved responses are imported with
:func:`import_polisen_events`.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from est_geo.core.errors import EstGeoError, Problem, ValidationError, keyed_error
from est_geo.core.model import AreaLevel, CategoryTree
from est_geo.io.mapping import normalise
from est_geo.store.base import CONTEXT_EVENT_COLUMNS, Store

API_URL = "https://polisen.se/api/events"
#: Minimum seconds between two calls to the live API (its usage rules).
MIN_INTERVAL_S = 10.0
SOURCE = "polisen"

#: Polisen event type → EST category key, only where the meaning matches.
TYPE_CATEGORIES: dict[str, str] = {
    "skadegörelse": "skadegorelse",
    "bråk": "ordning.brak",
    "ordningslagen": "ordning",
    "fylleri/lob": "ordning",
    "ofredande/förargelse": "ordning",
    "misshandel": "ordning.vald",
    "misshandel, grov": "ordning.vald",
    "våld/hot mot tjänsteman": "ordning.vald",
    "olaga hot": "ordning.vald",
    "skottlossning": "ordning.vald",
    "skottlossning, misstänkt": "ordning.vald",
    "mord/dråp": "ordning.vald",
    "mord/dråp, försök": "ordning.vald",
    "inbrott": "ordning.inbrott",
    "inbrott, försök": "ordning.inbrott",
    "stöld/inbrott": "ordning.inbrott",
    "rån": "ordning.ran",
    "rån, försök": "ordning.ran",
    "rån övrigt": "ordning.ran",
    "rån väpnat": "ordning.ran",
    "narkotikabrott": "ordning.narkotika",
    "trafikbrott": "ordning.olovlig_trafik",
    "olovlig körning": "ordning.olovlig_trafik",
}
_ARSON = re.compile(r"\banlag(d|da|t)\b", re.IGNORECASE)
# "2025-06-07 7:32:06 +02:00": the hour is not zero-padded.
_DATETIME = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|Z)?\s*$"
)


@dataclass(frozen=True)
class PolisenImportReport:
    """Outcome of an events import."""

    batch_id: str
    rows_read: int
    imported: int
    duplicates: int
    linked: int
    categorised: int


def parse_polisen_datetime(text: str) -> pd.Timestamp | None:
    """Wall-clock Swedish time of an event (the offset only says summer or winter time)."""
    match = _DATETIME.match(text)
    if match is None:
        return None
    y, mo, d, h, mi, s = (int(g) if g else 0 for g in match.groups()[:6])
    try:
        return pd.Timestamp(year=y, month=mo, day=d, hour=h, minute=mi, second=s)
    except ValueError:
        return None


def event_category(event_type: str, text: str, tree: CategoryTree) -> str | None:
    """EST category for a Polisen type, or ``None`` when none fits.

    "Brand" is any fire; only when the text says it was set ("anlagd") is it arson.
    """
    key = TYPE_CATEGORIES.get(event_type.strip().casefold())
    if key is None and event_type.strip().casefold() == "brand" and _ARSON.search(text):
        key = "skadegorelse.brand"
    while key is not None and key not in tree:
        key = key.rsplit(".", 1)[0] if "." in key else None
    return key


class AreaLinker:
    """Finds the store's area names in free text, case-insensitive and prefix-tolerant.

    "Klockaretorp" links "Klockaretorpet" and "Hagebyskolan" links "Hageby": a word
    matches a name word when one starts with the other and the shorter has at least
    five letters (or is the whole name word). Multi-word names ("Klockaretorpet
    centrum") need all their words in sequence. Municipalities are skipped: every event
    already belongs to one.
    """

    def __init__(self, areas: Iterable[tuple[str, str]]):
        self._names = [(code, normalise(name).split()) for code, name in areas]
        self._names = [(c, w) for c, w in self._names if w]

    @staticmethod
    def _word_match(text_word: str, name_word: str) -> bool:
        if text_word == name_word:
            return True
        if text_word.startswith(name_word):
            return len(name_word) >= 4
        if name_word.startswith(text_word):
            return len(text_word) >= 5 and len(text_word) >= len(name_word) - 3
        return False

    def codes(self, text: str) -> tuple[str, ...]:
        """Codes of every area named in ``text``, sorted."""
        words = normalise(text).split()
        found: set[str] = set()
        for code, name_words in self._names:
            k = len(name_words)
            for i in range(len(words) - k + 1):
                if all(self._word_match(words[i + j], name_words[j]) for j in range(k)):
                    found.add(code)
                    break
        return tuple(sorted(found))


def _load_json(data: bytes | str) -> list[Any]:
    try:
        value = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        problem = Problem.keyed(None, "fil", "", "io.read.json", reason=str(exc))
        raise ValidationError([problem], key="io.read.summary") from exc
    if isinstance(value, dict) and isinstance(value.get("events"), list):
        value = value["events"]
    if not isinstance(value, list):
        problem = Problem.keyed(None, "fil", type(value).__name__, "io.polisen.not_a_list")
        raise ValidationError([problem], key="io.read.summary")
    return value


def parse_polisen_events(
    data: bytes | str,
    *,
    tree: CategoryTree | None = None,
    areas: Iterable[tuple[str, str]] = (),
) -> pd.DataFrame:
    """Parse an API response into rows of :data:`CONTEXT_EVENT_COLUMNS`.

    Every bad event is reported (row = position in the list, 1-based); a
    :class:`ValidationError` lists them all.
    """
    events = _load_json(data)
    tree = tree or CategoryTree.default()
    linker = AreaLinker(areas)
    problems: list[Problem] = []
    rows: list[dict[str, Any]] = []
    for i, ev in enumerate(events, start=1):
        if not isinstance(ev, dict):
            problems.append(Problem.keyed(i, "händelse", str(ev)[:80], "io.polisen.not_an_object"))
            continue
        ev_id = ev.get("id")
        if not isinstance(ev_id, int | str) or isinstance(ev_id, bool) or str(ev_id).strip() == "":
            problems.append(Problem.keyed(i, "id", str(ev_id), "io.polisen.no_id"))
        raw_dt = ev.get("datetime")
        when = parse_polisen_datetime(raw_dt) if isinstance(raw_dt, str) else None
        if when is None:
            problems.append(Problem.keyed(i, "datetime", str(raw_dt)[:80], "io.polisen.bad_time"))
        texts = {k: ev.get(k) for k in ("name", "summary", "url", "type")}
        for key in ("name", "type"):
            if not isinstance(texts[key], str) or not str(texts[key]).strip():
                problems.append(Problem.keyed(i, key, str(texts[key])[:80], "io.incidents.missing"))
        for key in ("summary", "url"):
            if texts[key] is not None and not isinstance(texts[key], str):
                problems.append(Problem.keyed(i, key, str(texts[key])[:80], "io.mapping.not_text"))
        loc = ev.get("location")
        loc_name: Any = None
        lat = lon = np.nan
        if isinstance(loc, dict):
            loc_name = loc.get("name")
            gps = loc.get("gps")
            if isinstance(gps, str) and gps.strip():
                parts = gps.split(",")
                try:
                    lat, lon = float(parts[0]), float(parts[1])
                except (ValueError, IndexError):
                    problems.append(
                        Problem.keyed(i, "location.gps", gps[:80], "io.polisen.not_lat_lon")
                    )
                if not (np.isfinite(lat) and np.isfinite(lon)):
                    lat = lon = np.nan
        if not isinstance(loc_name, str) or not loc_name.strip():
            problems.append(
                Problem.keyed(i, "location.name", str(loc_name)[:80], "io.incidents.missing")
            )
        if problems and problems[-1].row == i:
            continue
        name, summary = str(texts["name"]), str(texts["summary"] or "")
        rows.append(
            {
                "source": SOURCE,
                "source_id": str(ev_id).strip(),
                "occurred_at": when,
                "type": str(texts["type"]).strip(),
                "category": event_category(str(texts["type"]), f"{name} {summary}", tree),
                "name": name,
                "summary": summary,
                "url": texts["url"],
                "location_name": str(loc_name).strip(),
                "lat": lat,
                "lon": lon,
                "area_codes": linker.codes(f"{name} {summary}"),
            }
        )
    if problems:
        raise ValidationError(problems, key="io.polisen.summary")
    return pd.DataFrame(rows, columns=list(CONTEXT_EVENT_COLUMNS))


def _linkable_areas(store: Store) -> list[tuple[str, str]]:
    areas = store.areas()
    keep = areas[areas["level"] != AreaLevel.KOMMUN.value]
    return list(zip(keep["code"].astype(str), keep["name"].astype(str), strict=True))


def import_polisen_events(
    store: Store, file: Path | str | bytes, *, user: str
) -> PolisenImportReport:
    """Import a saved API response into the context layer (all or nothing, no duplicates)."""
    if isinstance(file, bytes):
        data = file
    else:
        try:
            data = Path(file).read_bytes()
        except OSError as exc:
            reason = str(exc.strerror)
            problem = Problem.keyed(None, "fil", str(file), "io.read.cannot_open", reason=reason)
            raise ValidationError([problem], key="io.read.summary") from exc
    frame = parse_polisen_events(data, tree=store.category_tree(), areas=_linkable_areas(store))
    result = store.add_context_events(frame, user=user)
    return PolisenImportReport(
        batch_id=result.batch_id,
        rows_read=result.rows_read,
        imported=result.inserted,
        duplicates=result.duplicates,
        linked=int(sum(bool(c) for c in frame["area_codes"])),
        categorised=int(frame["category"].notna().sum()),
    )


_last_call = 0.0
_lock = threading.Lock()


def fetch_polisen_events(
    *,
    location: str | None = None,
    user_agent: str,
    api_url: str = API_URL,
    timeout: float = 30.0,
    opener: Callable[[urllib.request.Request, float], bytes] | None = None,
    clock: Callable[[], float] | None = None,
    sleep: Callable[[float], None] | None = None,
) -> bytes:
    """Fetch events from the live API, waiting so calls are ≥ 10 s apart.

    ``user_agent`` should name the municipality and a contact address, as Polisen asks.
    ``opener``/``clock``/``sleep`` exist so the rate limit can be tested offline.
    """
    global _last_call
    clock = clock or time.monotonic
    sleep = sleep or time.sleep
    if not user_agent.strip():
        raise keyed_error(EstGeoError, "io.polisen.no_user_agent")
    url = api_url
    if location:
        url += "?" + urllib.parse.urlencode({"locationname": location})
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})  # noqa: S310
    with _lock:
        wait = _last_call + MIN_INTERVAL_S - clock()
        if _last_call and wait > 0:
            sleep(wait)
        _last_call = clock()
        try:
            if opener is not None:
                return opener(request, timeout)
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body: bytes = response.read()
                return body
        except OSError as exc:
            raise keyed_error(EstGeoError, "io.polisen.no_answer", reason=str(exc)) from exc


def fetch_and_import_polisen(
    store: Store,
    *,
    user_agent: str,
    user: str,
    location: str | None = None,
    api_url: str = API_URL,
) -> PolisenImportReport:
    """Fetch the API's latest events once (rate-limited) and import them as a saved
    response would be: all or nothing, events already stored skipped by their id.

    The API returns only the latest 500 events, so an EST group that fetches every week
    keeps a continuous record; this is what the Data page's button and ``est-geo
    polisen`` call.
    """
    data = fetch_polisen_events(location=location, user_agent=user_agent, api_url=api_url)
    return import_polisen_events(store, data, user=user)
