"""The catalogue's gettext round-trip: ``est-geo i18n export-po`` / ``import-po`` (issue 17).

The Python catalogue stays the source of truth; a translator edits a .po file in standard
tools and the import writes the changed texts back into the catalogue modules.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from est_geo.cli import main
from est_geo.cli.po import (
    apply_translations,
    catalogue_paths,
    export_po,
    read_translations,
    read_translations_file,
)
from est_geo.core.errors import EstGeoError, ValidationError, error_text, keyed_error
from est_geo.i18n import MESSAGES


def _exported(lang: str) -> bytes:
    out = io.BytesIO()
    assert export_po(lang, out) == len(MESSAGES)
    return out.getvalue()


def _edited(data: bytes, changes: dict[str, str]) -> bytes:
    """The .po file after a translator changed some msgstr (as Poedit would save it)."""
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context in changes:
            message.string = changes[message.context]
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_export_then_read_gives_back_every_text(lang: str) -> None:
    found = read_translations(_exported(lang), lang)
    assert found.empty == 0
    assert dict(found.translations) == {k: v[lang] for k, v in MESSAGES.items()}


def test_export_has_key_as_context_and_swedish_as_source() -> None:
    catalog = read_po(io.BytesIO(_exported("en")))
    message = next(m for m in catalog if m.context == "app.tagline")
    assert message.id == MESSAGES["app.tagline"]["sv"]
    assert message.string == MESSAGES["app.tagline"]["en"]


def _load(path: Path) -> dict[str, dict[str, str]]:
    spec = importlib.util.spec_from_file_location(f"copy_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {k: dict(v) for k, v in module.MESSAGES.items()}


def test_import_writes_only_the_changed_texts_into_the_catalogue(tmp_path: Path) -> None:
    copies = []
    for path in catalogue_paths():
        copies.append(tmp_path / path.name)
        shutil.copy(path, copies[-1])
    # long enough to be wrapped over several literals; quotes and a backslash survive
    long = "A shared picture of the situation " * 5 + '(“curly”, "straight", a \\)'
    changes = {"app.tagline": long, "page.no_access": "No."}
    found = read_translations(_edited(_exported("en"), changes), "en")
    assert apply_translations(found.translations, "en", copies) == 2
    core = _load(tmp_path / "core.py")
    assert core["app.tagline"]["en"] == changes["app.tagline"]
    assert core["page.no_access"] == {"sv": MESSAGES["page.no_access"]["sv"], "en": "No."}
    before = {p.name: p.read_text(encoding="utf-8") for p in catalogue_paths()}
    assert all(
        c.read_text(encoding="utf-8") == before[c.name] for c in copies if c.name != "core.py"
    )
    # a second import of the same file changes nothing
    assert apply_translations(found.translations, "en", copies) == 0


def test_a_bad_file_names_every_bad_entry_and_writes_nothing(tmp_path: Path) -> None:
    data = _edited(_exported("en"), {"data.problems": "{n} problems"})  # {rows} dropped
    data += b'\nmsgctxt "no.such.key"\nmsgid "x"\nmsgstr "y"\n'
    with pytest.raises(ValidationError) as caught:
        read_translations(data, "en", "en")
    reasons = [(p.field, p.value) for p in caught.value.problems]
    assert reasons == [("msgstr", "data.problems"), ("msgctxt", "no.such.key")]
    assert "placeholders must be {n} {rows}" in str(caught.value)
    assert all(p.row for p in caught.value.problems)  # the .po line of each entry


def test_oversized_or_unknown_language_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.po"
    big.write_bytes(b"#" * 5_000_001)
    with pytest.raises(EstGeoError) as too_big:
        read_translations_file(big, "en", "en")
    assert error_text(too_big.value, "en") == "the .po file is larger than 5 MB"
    with pytest.raises(EstGeoError) as caught:
        export_po("de", io.BytesIO())
    assert error_text(caught.value, "en").startswith("unknown language ”de”")


def test_keyed_errors_are_swedish_by_default_and_translated_where_shown() -> None:
    exc = keyed_error(EstGeoError, "po.error.unreadable", reason="x")
    assert str(exc) == "ingen läsbar .po-fil: x"
    assert error_text(exc, "en") == "not a readable .po file: x"
    assert error_text(EstGeoError("utan nyckel"), "en") == "utan nyckel"


def test_cli_round_trip_and_english_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    po = tmp_path / "en.po"
    assert main(["i18n", "export-po", "--lang", "en", str(po)]) == 0
    assert main(["i18n", "import-po", "--lang", "en", "--check", str(po)]) == 0
    out = capsys.readouterr().out
    assert f"{len(MESSAGES)} texts written to {po} (en)." in out
    assert f"The file is valid: {len(MESSAGES)} translations, nothing was written." in out
    assert main(["i18n", "import-po", "--lang", "en", str(tmp_path / "missing.po")]) == 2
    assert capsys.readouterr().err.startswith("est-geo: error: not a readable .po file")


def test_the_app_shows_a_keyed_error_in_the_configured_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ui.context.fail translates with EST_GEO_LANGUAGE (it used Swedish always)."""
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        from est_geo.core.errors import EstGeoError, keyed_error
        from ui.context import fail

        fail(keyed_error(EstGeoError, "po.error.unreadable", reason="x"))

    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    at = AppTest.from_function(script).run()
    assert "not a readable \\.po file\\: x" in at.error[0].value  # markdown-escaped
    assert "ingen läsbar" not in at.error[0].value
