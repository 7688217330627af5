"""Settings, translation, roles and periods."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pyproj.exceptions import ProjError

import est_geo
from est_geo.access.roles import PAGES, PUBLIC_PAGES, Action, Role, allowed, require, visible_pages
from est_geo.core import crs
from est_geo.core.config import SETTINGS, load_config, settings_markdown
from est_geo.core.errors import ConfigError, EstGeoError, PermissionDeniedError
from est_geo.core.model import CategoryTree
from est_geo.core.periods import Period, preset_period
from est_geo.i18n import LANGUAGES, MESSAGES, translate

ROOT = Path(__file__).resolve().parent.parent


def test_core_never_imports_streamlit() -> None:
    code = (
        "import importlib, pkgutil, sys, est_geo\n"
        "for m in pkgutil.walk_packages(est_geo.__path__, 'est_geo.'):\n"
        "    if m.name != 'est_geo.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')]\n"
        "print(len(list(pkgutil.walk_packages(est_geo.__path__))))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > 10  # really walked the package


def test_every_core_module_imports() -> None:
    for m in pkgutil.walk_packages(est_geo.__path__, "est_geo."):
        if m.name != "est_geo.__main__":
            importlib.import_module(m.name)


def test_config_defaults() -> None:
    cfg = load_config({}, cwd=ROOT / "tests")
    assert cfg.mode == "internal" and not cfg.public
    assert cfg.min_public_count == 5 and cfg.language == "sv" and cfg.demo
    assert cfg.indicator_min_n == 30
    assert cfg.database_url.endswith("data/est_geo.gpkg")
    assert cfg.tile_url
    assert "openstreetmap" in cfg.tile_url
    # The public site sends visitors to no tile server unless the operator sets one.
    assert load_config({"EST_GEO_MODE": "public"}, cwd=ROOT / "tests").tile_url is None
    explicit = {
        "EST_GEO_MODE": "public",
        "EST_GEO_TILE_URL": "https://tiles.example.se/{z}/{x}/{y}.png",
    }
    assert load_config(explicit, cwd=ROOT / "tests").tile_url == explicit["EST_GEO_TILE_URL"]


def test_config_env_overrides_file(tmp_path: Path) -> None:
    (tmp_path / "est_geo.toml").write_text('mode = "public"\nmin_public_count = 8\n')
    cfg = load_config({"EST_GEO_MIN_PUBLIC_COUNT": "10", "EST_GEO_TILE_URL": "none"}, cwd=tmp_path)
    assert cfg.public and cfg.min_public_count == 10 and cfg.tile_url is None


def test_config_reports_every_problem(tmp_path: Path) -> None:
    (tmp_path / "est_geo.toml").write_text('colour = "red"\nlanguage = "de"\n')
    env = {
        "EST_GEO_MODE": "secret",
        "EST_GEO_MIN_PUBLIC_COUNT": "0",
        "EST_GEO_TYPO": "1",
        "EST_GEO_DEMO": "kanske",
        "EST_GEO_INDICATOR_MIN_N": "tio",
    }
    with pytest.raises(ConfigError) as err:
        load_config(env, cwd=tmp_path)
    msg = str(err.value)
    for needle in (
        "colour",
        "language = 'de'",
        "mode = 'secret'",
        "min_public_count",
        "EST_GEO_TYPO",
        "demo = 'kanske'",
        "indicator_min_n = 'tio'",
    ):
        assert needle in msg


def test_config_bad_toml(tmp_path: Path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text("mode = ")
    with pytest.raises(ConfigError, match="inte giltig TOML"):
        load_config({"EST_GEO_CONFIG": str(bad)}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="finns inte"):
        load_config({"EST_GEO_CONFIG": str(tmp_path / "missing.toml")}, cwd=tmp_path)


def test_every_setting_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for s in SETTINGS:
        assert s.env in readme, f"{s.env} missing from README"
        assert s.help
    assert settings_markdown().count("\n") == len(SETTINGS) + 1
    assert settings_markdown() in readme, (
        "README settings table is stale: paste settings_markdown()"
    )


def test_translations_complete() -> None:
    for key, entry in MESSAGES.items():
        for lang in LANGUAGES:
            assert entry.get(lang), f"{key} lacks {lang}"
    assert translate("page.karta", "en") == "Map"
    shown = translate("map.shown", "sv", shown=3, total=4, area="Ljura", period="p")
    assert shown.startswith("3 av 4") and "Ljura" in shown


def test_ui_uses_only_known_translation_keys() -> None:
    used: set[str] = set()
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                used.add(str(node.args[0].value))
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing
    assert used  # the scan found calls


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_permission_matrix(role: Role, action: Action) -> None:
    expected = {
        Role.PUBLIC: {Action.VIEW_PUBLIC},
        Role.MEDLEM: {Action.VIEW_PUBLIC, Action.VIEW_INTERNAL, Action.SAVE_VIEWS},
    }.get(role)
    if role is Role.ADMIN:
        assert allowed(role, action)
    elif role is Role.ANALYTIKER:
        assert allowed(role, action) == (action is not Action.ADMINISTER)
    else:
        assert expected is not None
        assert allowed(role, action) == (action in expected)
    if not allowed(role, action):
        with pytest.raises(PermissionDeniedError):
            require(role, action)


def test_public_mode_registers_only_public_pages() -> None:
    for role in Role:
        assert set(visible_pages(role, public_mode=True)) <= PUBLIC_PAGES
    admin_only = {p for p, a in PAGES.items() if a is Action.ADMINISTER}
    assert admin_only <= set(visible_pages(Role.ADMIN, public_mode=False))
    for role in (Role.PUBLIC, Role.MEDLEM, Role.ANALYTIKER):
        assert not admin_only & set(visible_pages(role, public_mode=False))
    assert "karta" in visible_pages(Role.MEDLEM, public_mode=False)
    assert "karta" not in visible_pages(Role.PUBLIC, public_mode=False)


def test_periods() -> None:
    p = preset_period("vecka", today=date(2026, 11, 23))
    assert (p.start, p.end, p.days) == (date(2026, 11, 17), date(2026, 11, 24), 7)
    assert p.previous() == Period(date(2026, 11, 10), date(2026, 11, 17))
    assert p.same_last_year().start.weekday() == p.start.weekday()
    assert p.label() == "2026-11-17 – 2026-11-23"
    with pytest.raises(EstGeoError):
        Period(date(2026, 1, 2), date(2026, 1, 1))
    with pytest.raises(EstGeoError, match="Okänd period"):
        preset_period("dekad", today=date(2026, 1, 1))


def test_category_tree() -> None:
    tree = CategoryTree.default()
    assert [c.key for c in tree.main_categories()] == [
        "skadegorelse",
        "samling",
        "ordning",
        "otrygg_plats",
        "arrangemang",
    ]
    assert tree.expand(["skadegorelse"]) == {
        "skadegorelse",
        "skadegorelse.klotter",
        "skadegorelse.glaskross",
        "skadegorelse.brand",
    }
    assert tree.label("samling.garage") == "Otrygghetsskapande samling › Garage"
    assert tree.main_of("ordning.vald") == "ordning"
    with pytest.raises(EstGeoError) as err:
        CategoryTree.from_records(
            [
                ("a", "A", "A", None),
                ("a", "B", "B", "x"),
                ("b.c", "C", "C", "a"),
                ("d", "D", "D", "b.c"),
            ]
        )
    assert "okänd överkategori" in str(err.value) and "högst två nivåer" in str(err.value)


def test_a_broken_proj_says_so_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The guard for a PROJ without EPSG:3006's area is for whoever installed the app, a
    traceback's message, so it is English like the code (it was Swedish, outside the
    catalogue)."""
    monkeypatch.setattr(crs, "crs_extent", lambda _crs: None)
    with pytest.raises(ProjError, match="PROJ has no area of use for EPSG:3006"):
        crs.store_extent()
