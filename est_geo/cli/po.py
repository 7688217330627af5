"""The catalogue as a gettext ``.po`` file and back, for translators' standard tools.

Why the Python catalogue stays the source of truth and ``.po`` is only an exchange format:
the catalogue is typed and checked by the tests (every key in both languages, every key
the UI uses present, plural forms complete), keeps Swedish and English side by side for a
reviewer, and needs no compile step (``.mo``) between an edit and the running app. A
municipal translator still works in Poedit, Weblate or Lokalise: ``est-geo i18n
export-po --lang en FILE.po`` writes each message with its key as ``msgctxt``, the
Swedish text as ``msgid`` (the source language) and the current translation as
``msgstr``; ``est-geo i18n import-po --lang en FILE.po`` checks the file (known keys, the
same ``{placeholders}`` as the Swedish text) and writes the changed translations back into
the catalogue modules, touching only those string literals.

The reading and writing of ``.po`` is Babel's (``babel.messages.pofile``).
"""

from __future__ import annotations

import ast
import io
import json
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import BinaryIO

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from est_geo.core.errors import EstGeoError, Problem, ValidationError, keyed_error
from est_geo.i18n import CATALOGUES, LANGUAGES, MESSAGES, translate
from est_geo.i18n.numbers import locale_of

__all__ = [
    "PoImport",
    "apply_translations",
    "catalogue_paths",
    "export_po",
    "read_translations",
    "read_translations_file",
]

#: A .po file larger than this is refused before parsing (the whole catalogue is ~0.3 MB).
MAX_PO_BYTES = 5_000_000

_SOURCE = "sv"

_HEADER = (
    "# EST Geo interface texts. msgctxt is the catalogue key, msgid the Swedish source,\n"
    "# msgstr the translation. Keep every {placeholder}; {n:one|other} holds the singular\n"
    "# and plural word for the count n. Import with: est-geo i18n import-po --lang LANG FILE"
)


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise keyed_error(EstGeoError, "po.error.lang", language=lang, known=", ".join(LANGUAGES))


def export_po(lang: str, out: BinaryIO) -> int:
    """Write the catalogue for ``lang`` as a .po file; returns the number of messages."""
    _check_lang(lang)
    catalog = Catalog(
        locale=locale_of(lang),
        project="EST Geo",
        header_comment=_HEADER,
        copyright_holder="EST Geo contributors",
        fuzzy=False,
    )
    for key, entry in MESSAGES.items():
        catalog.add(entry[_SOURCE], string=entry.get(lang, ""), context=key)
    write_po(out, catalog, width=0, omit_header=False, sort_output=False)
    return len(MESSAGES)


def _placeholders(text: str) -> set[str]:
    """``{name}`` fields of a message (a plural form ``{n:a|b}`` counts as ``n``)."""
    names: set[str] = set()
    for _, field, _, _ in string.Formatter().parse(text):
        if field is not None:
            names.add(field)
    return names


@dataclass(frozen=True)
class PoImport:
    """The translations a .po file holds: key → text, and how many it left empty."""

    translations: Mapping[str, str]
    empty: int


def read_translations(data: bytes, lang: str, ui_lang: str = "sv") -> PoImport:
    """Parse and check a .po file for ``lang``; a ValidationError names every bad entry.

    Checked: the size before parsing, that every ``msgctxt`` is a catalogue key, and that a
    translation has exactly the placeholders of the Swedish text (a missing ``{n}`` would
    crash the page that shows it). Empty and fuzzy entries are not imported. The problems
    are worded in ``ui_lang``, the language of whoever runs the import.
    """
    _check_lang(lang)
    if len(data) > MAX_PO_BYTES:
        raise keyed_error(EstGeoError, "po.error.size", mb=MAX_PO_BYTES // 1_000_000)
    try:
        catalog = read_po(io.BytesIO(data), locale=locale_of(lang), abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise keyed_error(EstGeoError, "po.error.unreadable", reason=str(exc)) from exc
    problems: list[Problem] = []
    found: dict[str, str] = {}
    empty = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        key = message.context or ""
        text = message.string if isinstance(message.string, str) else ""
        if key not in MESSAGES:
            reason = translate("po.error.unknown_key", ui_lang)
            problems.append(Problem(message.lineno, "msgctxt", key, reason))
        elif not text or message.fuzzy:
            empty += 1
        elif _placeholders(text) != _placeholders(MESSAGES[key][_SOURCE]):
            want = " ".join(f"{{{n}}}" for n in sorted(_placeholders(MESSAGES[key][_SOURCE])))
            reason = translate("po.error.placeholders", ui_lang, want=want or "–")
            problems.append(Problem(message.lineno, "msgstr", key, reason))
        else:
            found[key] = text
    if problems:
        raise ValidationError(problems, translate("po.error.summary", ui_lang))
    return PoImport(found, empty)


def read_translations_file(path: Path, lang: str, ui_lang: str = "sv") -> PoImport:
    """:func:`read_translations` for a file, its size checked before it is read."""
    try:
        size = path.stat().st_size
        if size > MAX_PO_BYTES:
            raise keyed_error(EstGeoError, "po.error.size", mb=MAX_PO_BYTES // 1_000_000)
        data = path.read_bytes()
    except OSError as exc:
        raise keyed_error(EstGeoError, "po.error.unreadable", reason=str(exc)) from exc
    return read_translations(data, lang, ui_lang)


def catalogue_paths(modules: Iterable[ModuleType] = CATALOGUES) -> list[Path]:
    """The source files of the catalogue modules."""
    return [Path(str(m.__file__)) for m in modules]


def _literal(text: str, indent: str) -> str:
    """Python source for ``text``: one literal, or a parenthesised run of short ones."""
    if len(text) <= 60:
        return json.dumps(text, ensure_ascii=False)
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if len(candidate) > 70 and current:
            pieces.append(current + " ")
            current = word
        else:
            current = candidate
    pieces.append(current)
    inner = "\n".join(f"{indent}    {json.dumps(p, ensure_ascii=False)}" for p in pieces)
    return f"(\n{inner}\n{indent})"


def _edits(source: str, updates: Mapping[str, str], lang: str) -> list[tuple[int, int, str]]:
    """(start, end, new source) byte spans of the ``lang`` literals that change."""
    raw = source.encode("utf-8")
    starts = [0]
    for raw_line in raw.splitlines(keepends=True):
        starts.append(starts[-1] + len(raw_line))
    lines = source.splitlines()
    out: list[tuple[int, int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Dict):
            continue
        for key_node, value in zip(node.keys, node.values, strict=True):
            if not (
                isinstance(key_node, ast.Constant)
                and key_node.value in updates
                and isinstance(value, ast.Dict)
            ):
                continue
            for inner_key, literal in zip(value.keys, value.values, strict=True):
                if not (isinstance(inner_key, ast.Constant) and inner_key.value == lang):
                    continue
                new = updates[str(key_node.value)]
                if ast.literal_eval(literal) == new or literal.end_lineno is None:
                    continue
                line = lines[literal.lineno - 1]
                indent = line[: len(line) - len(line.lstrip())]
                start = starts[literal.lineno - 1] + literal.col_offset
                end = starts[literal.end_lineno - 1] + (literal.end_col_offset or 0)
                out.append((start, end, _literal(new, indent)))
    return out


def apply_translations(updates: Mapping[str, str], lang: str, paths: Sequence[Path]) -> int:
    """Write changed ``lang`` texts into the catalogue sources; returns how many changed.

    Only the changed string literals are replaced, so comments, order and the other
    language stay exactly as they were and the diff shows just the new translations.
    """
    _check_lang(lang)
    changed = 0
    for path in paths:
        source = path.read_text(encoding="utf-8")
        edits = _edits(source, updates, lang)
        if not edits:
            continue
        raw = source.encode("utf-8")
        for start, end, new in sorted(edits, reverse=True):
            raw = raw[:start] + new.encode("utf-8") + raw[end:]
        ast.parse(raw)  # never leave a catalogue that does not compile
        path.write_bytes(raw)
        changed += len(edits)
    return changed
