"""The data footer and the public page's "last updated" line speak the reader's language.

The footer said 'Data: demodata (fiktiv)' / 'EST-rapporter' and an unknown update time
'okänt' to every reader: three Swedish literals in ui/ beside the catalogue texts they were
put into. They are catalogue texts; the Swedish footer is unchanged.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ui import banner, context
from ui.oversikt import sections


def _shown(monkeypatch: pytest.MonkeyPatch, lang: str, meta: dict[str, str]) -> list[str]:
    captions: list[str] = []
    store = SimpleNamespace(meta=lambda: meta)
    monkeypatch.setattr(context, "config", lambda: SimpleNamespace(language=lang))
    monkeypatch.setattr(context, "store", lambda: store)
    for module in (banner, sections):
        monkeypatch.setattr(module.st, "caption", captions.append)
        monkeypatch.setattr(module.st, "subheader", lambda _text: None)
        monkeypatch.setattr(module.st, "markdown", lambda _text: None)
    banner.data_footer()
    sections.caveats(store, 5)  # type: ignore[arg-type]
    return captions


@pytest.mark.parametrize(
    ("lang", "meta", "said"),
    [
        (
            "sv",
            {"demo": "true", "last_update": "2026-11-01 10:00"},
            [
                "Data: demodata (fiktiv). Senast uppdaterad 2026-11-01 10:00.",
                "Senast uppdaterad: 2026-11-01 10:00.",
            ],
        ),
        ("sv", {}, ["Data: EST-rapporter. Senast uppdaterad okänt.", "Senast uppdaterad: okänt."]),
        (
            "en",
            {"demo": "true", "last_update": "2026-11-01 10:00"},
            [
                "Data: demo data (fictitious). Last updated 2026-11-01 10:00.",
                "Last updated: 2026-11-01 10:00.",
            ],
        ),
        ("en", {}, ["Data: EST reports. Last updated unknown.", "Last updated: unknown."]),
    ],
)
def test_the_footer_is_worded_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, meta: dict[str, str], said: list[str]
) -> None:
    assert _shown(monkeypatch, lang, meta) == said
