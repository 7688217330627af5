"""docs/architecture.md's layer list is exactly the import-linter contract.

Like datasette's test that its docs list every setting: the picture a newcomer reads and
the rule CI enforces (pyproject.toml ``[tool.importlinter]``) cannot drift apart.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_MARKER = "<!-- layers: the contract's `layers`, one line each -->"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _contract_layers() -> list[str]:
    (layers,) = [c for c in _contracts() if c["type"] == "layers"]
    assert layers["containers"] == ["est_geo"]
    return [" | ".join(p.strip() for p in str(line).split("|")) for line in layers["layers"]]


def _documented_layers(text: str) -> list[str]:
    after = text.split(_MARKER, 1)[1]
    block = re.match(r"\s*```text\n(.*?)\n```", after, re.DOTALL)
    assert block, "the layer list must follow the marker as a ```text block"
    return [" | ".join(p.strip() for p in line.split("|")) for line in block[1].splitlines()]


def test_docs_list_the_contract_layers() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert _MARKER in text
    assert _documented_layers(text) == _contract_layers()


def test_every_top_level_package_is_in_a_layer() -> None:
    """A new package must be placed in the rule (the contract is exhaustive too)."""
    named = {p.strip() for line in _contract_layers() for p in line.split("|")}
    packages = {p.name for p in (ROOT / "est_geo").iterdir() if (p / "__init__.py").is_file()}
    assert packages == named


def test_doc_check_sees_a_difference() -> None:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    swapped = text.replace("\nstore\ni18n\n", "\ni18n\nstore\n", 1)
    assert swapped != text
    assert _documented_layers(swapped) != _contract_layers()


def test_the_contracts_hold() -> None:
    """The same check `make lint` runs, so a plain pytest run sees a broken layer too."""
    done = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 kept, 0 broken" in done.stdout
