"""The CLI's ``--help`` texts in English carry no Swedish (issue 17, item 4).

Every sub-command (and every sub-sub-command: ``user add``, ``fetch scb-areas`` …) is run
with ``--help`` through :func:`est_geo.cli.main` in-process, with
``EST_GEO_LANGUAGE=en``; the printed help is checked with :func:`english.swedish_words`.
Proper names the help shows as examples (the Norrköping demo area code) are not words.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from est_geo.cli import build_parser, main
from tests.english import swedish_words


def _command_paths(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Every path of sub-command names under ``parser`` (the parser's own path first)."""
    yield prefix
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _command_paths(sub, (*prefix, name))


COMMANDS = [path for path in _command_paths(build_parser()) if path]


def _help(path: tuple[str, ...], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        main([*path, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_help_in_english_has_no_swedish(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    text = _help(path, capsys)
    assert text.startswith("usage: est-geo")
    assert swedish_words(text) == [], text


def test_top_level_help_in_english(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "en")
    assert swedish_words(_help((), capsys)) == []


def test_help_in_swedish_stays_swedish(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EST_GEO_LANGUAGE", "sv")
    assert "databas" in _help(("info",), capsys)
