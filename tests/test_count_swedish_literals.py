"""The Swedish-literal counter counts interface text and skips docstrings, keys and data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "count_swedish_literals", ROOT / "scripts" / "count_swedish_literals.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_counts_prose_and_skips_docstrings_keys_and_identifiers(tmp_path: Path) -> None:
    counter = _script()
    source = tmp_path / "sample.py"
    source.write_text(
        '"""Modulens dokumentation på svenska."""\n'
        "def f(n):\n"
        '    """Gör något för alla."""\n'
        '    row = {"brottskategori": 1}\n'
        '    log.info("kunde inte läsa %s", n)\n'
        '    x = row["område"]\n'
        '    return f"{n} händelser saknas", "kolumn_namn", "Välj område"\n',
        encoding="utf-8",
    )
    counter.ROOT = tmp_path
    texts = [lit.text for lit in counter.literals_in(source)]
    assert texts == ["{} händelser saknas", "Välj område"]


def test_the_catalogue_and_demo_data_are_not_scanned() -> None:
    scanned = {p.relative_to(ROOT).as_posix() for p in _script().sources()}
    assert "ui/context.py" in scanned
    assert not any(p.startswith("est_geo/i18n/") for p in scanned)
    assert "est_geo/demo/generate.py" not in scanned
