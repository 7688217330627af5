"""Stand-in for SCB's two services on loopback, speaking their formats in shape.

* ``GET /geoserver/stat/wfs`` — WFS 2.0 GetFeature with ``outputFormat=application/json``
  answers a GeoJSON FeatureCollection as GeoServer writes it (``crs`` named
  ``urn:ogc:def:crs:EPSG::3006``, attributes ``desokod``, ``regsokod``, ``kommunkod``),
  filtered by the ``CQL_FILTER`` on ``kommunkod``. Layers of another year than 2025
  (``stat:DeSO_2018``, ``stat:RegSO_2020``) have the same codes, shifted east by
  :data:`OLD_LAYER_SHIFT`; codes in ``Handler.gone`` are not delivered.
* ``GET /api/v2/tables/{id}/metadata`` — PxWebApi 2 metadata (JSON-stat 2 without
  values, roles ``time`` and ``geo``). As in SCB's DeSO tables the region variable lists
  the municipality, the DeSO 2018 codes bare (``0581A0010``) *and* the DeSO 2025 codes with
  their suffix (``0581A0010_DeSO2025``), and RegSO 2025 codes (``0581R001_RegSO2025``);
  a DeSO 2018 cell differs from its 2025 namesake, so mixing versions shows. Tables and
  value codes as SCB publishes them (sources in est_geo/indicators/scb/pxweb.py):
  TAB6574 age × sex, TAB6571 foreign/Swedish background, TAB6572 region of birth,
  TAB6685 low/high economic standard, TAB6534 education level, TAB6680 labour-market
  status.
* ``POST /api/v2/tables/{id}/data?outputFormat=json-stat2`` — the selected cells.

``mode`` switches behaviour: ``"ok"``, ``"429"`` (the first two calls get 429 with
Retry-After 0), ``"down"`` (503 always), ``"changed"`` (the table lost ``Kon``),
``"error"`` (400 with a problem document). No test calls scb.se.
"""

from __future__ import annotations

import http.server
import itertools
import json
import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from est_geo.indicators.scb.jsonstat import Cube, cube_to_jsonstat

E0, N0 = 567_000.0, 6_494_000.0  # Norrköping, SWEREF 99 TM
#: DeSO → (RegSO code, RegSO name, column, row of a 1 km square).
DESO = {
    "0581A0010": ("0581R001", "Centrum", 0, 0),
    "0581A0020": ("0581R001", "Centrum", 1, 0),
    "0581C0030": ("0581R002", "Hageby", 0, 1),
    "0581C0040": ("0581R002", "Hageby", 1, 1),
}
OTHER_KOMMUN = {"0580A0010": ("0580R001", "Linköping C", 5, 5)}
AGES = ("totalt", "-4", "5-9", "10-14", "15-19", "65-69", "70-74", "75-79", "80-")
YEARS = ("2023", "2024")
BACKGROUNDS = ("1", "2", "SA")  # utländsk, svensk bakgrund, samtliga
EDUCATION = ("21", "3+4", "5", "6", "US")  # förgymnasial … eftergymnasial 3+ år, uppgift saknas
SEXES = ("1", "2", "1+2")
#: Table → its variables between Region and Tid (value codes as SCB publishes them).
TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "TAB6574": {"Alder": AGES, "Kon": SEXES, "ContentsCode": ("000007Y7",)},
    "TAB6571": {"UtlBakgrund": BACKGROUNDS, "Kon": SEXES, "ContentsCode": ("000007Y4",)},
    "TAB6572": {"Fodelseregion": ("sv", "tot"), "Kon": SEXES, "ContentsCode": ("000007Y5",)},
    "TAB6685": {"Alder": ("tot",), "ContentsCode": ("000008AC", "000008AD")},
    "TAB6534": {"UtbildningsNiva": EDUCATION, "ContentsCode": ("000007Z6",)},
    "TAB6680": {"Kon": SEXES, "Alder": ("16-64", "20-64"),
                "ContentsCode": ("0000089W", "0000089X", "0000089Y")},
    # Tab2InkDesoRegso: only the codes public sources confirm (see INCOME_LABELS).
    "TAB6683": {"Inkomstkomponenter": ("170", "240"), "Kon": SEXES,
                "ContentsCode": ("000008A4",)},
}  # fmt: skip
#: TAB6683's value texts as public code reads them from SCB: component 240 =
#: "nettoinkomst" and ContentsCode 000008A4 = "Medelvärde tkr" (a fixture recorded from
#: the live table); 170 is the component Region Uppsala's socioindex selects for
#: ekonomiskt bistånd. The code of the share of persons with an income type ("Andel med
#: inkomstslag, procent") is named by no public source found, so it is not here.
INCOME_LABELS = {
    "Inkomstkomponenter": {"170": "ekonomiskt bistånd", "240": "nettoinkomst"},
    "ContentsCode": {"000008A4": "Medelvärde tkr"},
}
_TABLE = re.compile(r"^/api/v2/tables/(TAB\d+)/(metadata|data)$")
#: What a DeSO 2018 cell adds to its DeSO 2025 namesake (a version mix-up shows).
OLD_VERSION_OFFSET = 7


#: How far east (m) a DeSO 2018 / RegSO 2020 square lies from its 2025 namesake, so the
#: two versions of one code have different shapes, as SCB's revisions do.
OLD_LAYER_SHIFT = 100.0


def _square(col: int, row: int, shift: float = 0.0) -> list[list[list[float]]]:
    e, n = E0 + col * 1000 + shift, N0 + row * 1000
    return [[[e, n], [e + 1000, n], [e + 1000, n + 1000], [e, n + 1000], [e, n]]]


def population(deso: str, age: str, year: str) -> int | None:
    """The stand-in's cell; 0581C0040's 80- cell is suppressed in 2024 (status '..').
    A RegSO's cell is the sum over its DeSO."""
    if deso in {regso for regso, *_ in DESO.values()}:
        parts = [population(c, age, year) for c, (r, *_) in DESO.items() if r == deso]
        return None if None in parts else sum(p or 0 for p in parts)
    i = sorted(DESO | OTHER_KOMMUN).index(deso)
    if deso == "0581C0040" and age == "80-" and year == "2024":
        return None
    if age == "totalt":
        return 1000 + 500 * i + (10 if year == "2024" else 0)
    return 40 + 10 * i + AGES.index(age)


def background(deso: str, code: str, year: str) -> int:
    """The stand-in's TAB6571 cell: persons with foreign (1) or Swedish (2) background."""
    i = sorted(DESO | OTHER_KOMMUN).index(deso)
    foreign, swedish = 100 + 20 * i + int(year) % 10, 800 + 10 * i
    return {"1": foreign, "2": swedish, "SA": foreign + swedish}[code]


def _index(deso: str) -> int:
    return sorted(DESO | OTHER_KOMMUN).index(deso)


def birth(deso: str, code: str, year: str) -> int:
    """TAB6572: persons born in Sweden (``sv``) and all persons (``tot``)."""
    i = _index(deso)
    total = 900 + 30 * i + int(year) % 10
    return {"sv": total - (120 + 15 * i), "tot": total}[code]


def economic_standard(deso: str, content: str, year: str) -> float:
    """TAB6685: per cent with low (000008AC) or high (000008AD) economic standard."""
    i = _index(deso)
    return {"000008AC": 8.5 + 2 * i, "000008AD": 30.0 - i}[content] + (int(year) % 10) / 10


def education(deso: str, level: str, year: str) -> int:
    """TAB6534: persons aged 25–64 by education level."""
    i = _index(deso)
    return {"21": 100 + i, "3+4": 300 + 2 * i, "5": 150 + 3 * i, "6": 200 + 4 * i + int(year) % 10,
            "US": 10}[level]  # fmt: skip


def labour(deso: str, content: str, age: str, year: str) -> int:
    """TAB6680: unemployed (W), employed (X) and all persons (Y) of an age group."""
    i = _index(deso)
    scale = 1 if age == "20-64" else 2
    return scale * {"0000089W": 30 + i, "0000089X": 450 + 5 * i + int(year) % 10,
                    "0000089Y": 600 + 10 * i}[content]  # fmt: skip


def net_income(deso: str, component: str, year: str) -> float:
    """TAB6683: a DeSO's mean amount (tkr) of one income component."""
    i = _index(deso)
    return {"170": 3.0 + i, "240": 250.0 + 5 * i}[component] + (int(year) % 10) / 10


def cell(table: str, rec: dict[str, str]) -> float | None:
    """The stand-in's value of one cell of ``table`` for DeSO 2025 code ``rec['Region']``
    (bare area code); a RegSO's cell is the sum over its DeSO (None if any part is)."""
    area, year = rec["Region"], rec["Tid"]
    if area in {regso for regso, *_ in DESO.values()}:
        parts = [cell(table, {**rec, "Region": c}) for c, (r, *_) in DESO.items() if r == area]
        return None if None in parts else float(sum(p or 0 for p in parts))
    if table == "TAB6574":
        got = population(area, rec["Alder"], year)
        return None if got is None else float(got)
    if table == "TAB6571":
        return float(background(area, rec["UtlBakgrund"], year))
    if table == "TAB6572":
        return float(birth(area, rec["Fodelseregion"], year))
    if table == "TAB6685":
        return economic_standard(area, rec["ContentsCode"], year)
    if table == "TAB6534":
        return float(education(area, rec["UtbildningsNiva"], year))
    if table == "TAB6683":
        return net_income(area, rec["Inkomstkomponenter"], year)
    return float(labour(area, rec["ContentsCode"], rec["Alder"], year))


class Handler(http.server.BaseHTTPRequestHandler):
    mode: ClassVar[str] = "ok"
    calls: ClassVar[list[tuple[str, str, str]]] = []
    bodies: ClassVar[list[Any]] = []
    #: Codes the WFS no longer delivers (an area SCB dropped or renamed in a re-delivery).
    gone: ClassVar[frozenset[str]] = frozenset()

    def _send(self, status: int, doc: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(doc).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self) -> bool:
        mode = type(self).mode
        if mode == "down":
            self._send(503, {"title": "Service Unavailable"})
            return True
        if mode == "429" and len(type(self).calls) <= 2:
            self._send(429, {"title": "Too many requests"}, {"Retry-After": "0"})
            return True
        if mode == "error":
            self._send(400, {"title": "Bad Request", "detail": "Ogiltig tabell"})
            return True
        return False

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        type(self).calls.append(("GET", url.path, self.headers.get("User-Agent", "")))
        if self._refuse():
            return
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/geoserver/stat/wfs":
            self._send(200, self._features(query))
        elif (found := _TABLE.match(url.path)) and found[1] in TABLES and found[2] == "metadata":
            self._send(200, self._metadata(found[1]))
        else:
            self._send(404, {"title": "Not Found"})

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        type(self).calls.append(("POST", url.path, self.headers.get("User-Agent", "")))
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).bodies.append(body)
        if self._refuse():
            return
        found = _TABLE.match(url.path)
        if not found or found[1] not in TABLES or found[2] != "data":
            self._send(404, {"title": "Not Found"})
            return
        self._send(200, self._data(found[1], body))

    def _features(self, query: dict[str, str]) -> dict[str, Any]:
        kommun = re.sub(r"\D", "", query.get("CQL_FILTER", ""))
        layer = query.get("typeNames", "")
        deso_layer = layer.startswith("stat:DeSO")
        shift = 0.0 if layer.endswith("_2025") else OLD_LAYER_SHIFT
        feats = []
        for code, (regso, name, col, row) in {**DESO, **OTHER_KOMMUN}.items():
            if not code.startswith(kommun) or code in type(self).gone:
                continue
            props = {"kommunkod": code[:4], "kommunnamn": "Norrköping"}
            if deso_layer:
                props |= {"desokod": code, "regsokod": regso, "regsonamn": name}
            else:
                props |= {"regsokod": regso, "regsonamn": name}
            geometry = {"type": "Polygon", "coordinates": _square(col, row, shift)}
            feats.append(
                {"type": "Feature", "id": f"x.{code}", "properties": props, "geometry": geometry}
            )
        if not deso_layer:  # one feature per RegSO
            seen: dict[str, dict[str, Any]] = {}
            for f in feats:
                seen.setdefault(f["properties"]["regsokod"], f)
            feats = list(seen.values())
        crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3006"}}
        return {"type": "FeatureCollection", "features": feats, "totalFeatures": len(feats),
                "crs": crs}  # fmt: skip

    def _dims(self, table: str) -> dict[str, tuple[str, ...]]:
        codes = sorted(DESO | OTHER_KOMMUN)
        regsos = sorted({r for r, *_ in (DESO | OTHER_KOMMUN).values()})
        regions = ("0581", *codes, *(f"{c}_DeSO2025" for c in codes),
                   *(f"{r}_RegSO2025" for r in regsos))  # fmt: skip
        dims = {"Region": regions, **TABLES[table], "Tid": YEARS}
        if type(self).mode == "changed":
            dims.pop("Kon", None)
        return dims

    def _metadata(self, table: str) -> dict[str, Any]:
        dims = self._dims(table)
        labels = INCOME_LABELS if table == "TAB6683" else {}
        doc = cube_to_jsonstat(
            Cube(tuple(dims), dict(dims), (None,) * 0, label=table, labels=labels)
        )
        doc.pop("value")
        doc["size"] = [len(v) for v in dims.values()]
        doc["role"] = {"time": ["Tid"], "geo": ["Region"], "metric": ["ContentsCode"]}
        return doc

    def _data(self, table: str, body: dict[str, Any]) -> dict[str, Any]:
        chosen = {s["variableCode"]: tuple(s["valueCodes"]) for s in body["selection"]}
        dims = {d: chosen.get(d, codes[:1]) for d, codes in self._dims(table).items()}
        values: list[float | None] = []
        status: dict[int, str] = {}
        for i, combo in enumerate(itertools.product(*dims.values())):
            rec = dict(zip(dims, combo, strict=True))
            region = rec["Region"]
            area = region.split("_")[0]
            v = cell(table, {**rec, "Region": area}) if area != "0581" else None
            if v is not None and "_" not in region:  # DeSO 2018 / RegSO 2020
                v += OLD_VERSION_OFFSET
            if v is None:
                status[i] = ".."
            values.append(v)
        return cube_to_jsonstat(Cube(tuple(dims), dims, tuple(values), status=status))

    def log_message(self, *args: Any) -> None:
        return


@contextmanager
def standin(mode: str = "ok") -> Iterator[str]:
    """Run the stand-in on a free loopback port; yields its root URL."""
    Handler.mode, Handler.calls, Handler.bodies, Handler.gone = mode, [], [], frozenset()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
