"""Finding Swedish interface text in what a reader of the English interface sees (issue 17).

Shared by the English-interface tests of the pages, the PDF and the CLI. Data is not
interface text: every text value stored in the (demo) database - area, category and place
names, incident descriptions, action items - is removed before the check, so a Swedish
area name on an English page is fine, a Swedish label is not.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from google.protobuf.message import Message

from est_geo.i18n import definition_text_key, unit_key

#: Swedish words that English text never contains (besides any word with å, ä or ö).
SWEDISH_WORDS = frozenset(
    [
        "och",
        "inte",
        "eller",
        "för",
        "med",
        "som",
        "till",
        "saknas",
        "finns",
        "kan",
        "ska",
        "vid",
        "utan",
        "alla",
        "ingen",
        "inga",
        "inget",
        "rad",
        "rader",
        "fel",
        "kolumn",
        "område",
        "områden",
        "händelser",
        "händelse",
        "vecka",
        "veckor",
        "dag",
        "dagar",
        "timme",
        "timmar",
        "ruta",
        "rutor",
        "antal",
        "välj",
        "visa",
        "sidan",
        "den",
        "det",
        "är",
        "var",
        "har",
        "blir",
        "mot",
        "från",
        "efter",
        "före",
        "under",
        "över",
        "senaste",
        "perioden",
        "kategori",
        "kategorier",
        "karta",
        "kartan",
        "sök",
        "spara",
        "avbryt",
        "ladda",
        "ned",
        "ner",
        "hämta",
        "totalt",
        "varav",
        "andel",
        "ökning",
        "minskning",
        "åtgärd",
        "åtgärder",
        "aktör",
        "aktörer",
        "datum",
        "tid",
        "vardag",
        "helg",
        "kväll",
        "natt",
        "morgon",
        "eftermiddag",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lördag",
        "söndag",
        "januari",
        "februari",
        "maj",
        "juni",
        "juli",
        "augusti",
        "oktober",
        "kvartal",
        "skolorna",
        "polisens",
        "kommunens",
        "tabell",
    ]
)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!:|>~<])")
_LINK_OR_PATH = re.compile(r"\S*[/=?]\S*")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]+")
_TEXT_FIELDS = frozenset(
    {"body", "label", "options", "help", "placeholder", "text", "caption", "title", "alt",
     "value", "formatted_value", "display_value", "default_value", "tooltip", "name"}
)  # fmt: skip


#: Numbers as Babel writes them for sv_SE: a no-break space before "%", the true minus.
_SWEDISH_NUMBER = re.compile(r"\u2212?\d[\d\u00a0]*(?:,\d+)?\u00a0%|\u2212\d[\d\u00a0]*(?:,\d+)?")

#: Proper names that English text keeps as they are.
PROPER_NAMES = frozenset({"Brå", "Norrköping"})


def data_strings(db: str | Path) -> list[str]:
    """Every text value stored in a GeoPackage database, longest first.

    Except the indicator units, sources and notes EST Geo writes itself (``"andel %"``,
    ``"EST Geo (härledd)"``, ``"SCB tabell …, hämtad …"``): they are vocabularies worded in
    the reader's language (:func:`est_geo.i18n.unit_text`,
    :func:`est_geo.i18n.definition_text`), not data, so an English page or PDF that still
    shows one in Swedish fails the check.
    """
    found: set[str] = set()
    with sqlite3.connect(str(db)) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            if table.startswith(("gpkg_", "rtree_", "sqlite_")):
                continue
            for row in con.execute(f'SELECT * FROM "{table}"'):
                found.update(v.strip() for v in row if isinstance(v, str) and len(v) > 1)
    written = {v for v in found if unit_key(v) is not None or definition_text_key(v) is not None}
    return sorted(found - written, key=len, reverse=True)


def swedish_words(text: str, data: Iterable[str] = ()) -> list[str]:
    """The Swedish words in ``text`` once the data strings are taken out."""
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _LINK_OR_PATH.sub(" ", text)  # URLs and query strings hold page ids, not words
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    return [
        w
        for w in _WORD.findall(text)
        if w not in PROPER_NAMES and (re.search("[åäöÅÄÖ]", w) or w.lower() in SWEDISH_WORDS)
    ]


def swedish_numbers(text: str) -> list[str]:
    """Numbers in ``text`` written the Swedish way: '−3', '10,3 %' (English: '-3', '10.3%')."""
    return _SWEDISH_NUMBER.findall(text)


def _plotly_texts(spec: str) -> Iterator[str]:
    """Titles, axis titles, trace names and hover templates of a plotly figure."""
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    for key, part in layout.items():
        if isinstance(part, dict) and (key.startswith(("xaxis", "yaxis")) or key == "title"):
            title = part.get("title", part.get("text")) if key != "title" else part
            yield str(title.get("text", "")) if isinstance(title, dict) else str(title or "")
    if isinstance(layout.get("title"), str):
        yield layout["title"]
    traces = figure.get("data", [])
    for trace in traces if isinstance(traces, list) else []:
        if isinstance(trace, dict):
            yield str(trace.get("name") or "")
            yield str(trace.get("hovertemplate") or "")


def proto_texts(message: Message) -> Iterator[str]:
    """The user-visible strings of one element's protobuf (recursively)."""
    for field, value in message.ListFields():
        if field.name == "spec" and isinstance(value, str):
            yield from _plotly_texts(value)
        elif field.message_type is not None:
            items = value if field.is_repeated else [value]
            for item in items:
                if isinstance(item, Message):
                    yield from proto_texts(item)
        elif field.name in _TEXT_FIELDS:
            items = value if field.is_repeated else [value]
            yield from (v for v in items if isinstance(v, str))
