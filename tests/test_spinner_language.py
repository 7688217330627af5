"""The spinners of the app's two slow first steps speak the configured language.

Streamlit takes a cache's spinner text when the function is decorated, before the
configuration is read; ``ui.context.cache_with_spinner`` makes the cached function at
its first call instead, in the configured language.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from ui import context


@pytest.mark.parametrize(
    ("lang", "text"), [("sv", "Förbereder databasen …"), ("en", "Preparing the database …")]
)
def test_the_spinner_is_worded_in_the_configured_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, text: str
) -> None:
    spinners: list[str] = []

    def cache_resource(*, show_spinner: str, **options: Any) -> Any:
        spinners.append(show_spinner)
        return lambda func: func

    monkeypatch.setattr(context, "config", lambda: SimpleNamespace(language=lang))
    monkeypatch.setattr(context.st, "cache_resource", cache_resource)

    @context.cache_with_spinner("context.preparing")
    def double(n: int) -> int:
        return 2 * n

    assert (double(2), double(3)) == (4, 6)
    assert spinners == [text]  # made once per language, at the first call
