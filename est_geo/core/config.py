"""Settings: one declared, documented list, read from an optional TOML file and the environment.

Every setting has a name, an environment variable (``EST_GEO_<NAME>``), a type, a default
and a help text (:data:`SETTINGS`). Precedence: environment > TOML file > default. The TOML
file is ``$EST_GEO_CONFIG`` if set, else ``est_geo.toml`` in the working directory if it
exists. Unknown keys (in the file or as ``EST_GEO_*`` variables) and bad values raise one
:class:`ConfigError` listing every problem, so a deployment fails at start-up rather than
running with a typo'd setting silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from est_geo.core.errors import ConfigError, keyed_error
from est_geo.core.text import Joined, Text

#: Repository root (the folder holding ``data/``); the default database lives under it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]  # est_geo/core/config.py
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "est_geo.gpkg"
OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
ENV_PREFIX = "EST_GEO_"
CONFIG_FILE_ENV = "EST_GEO_CONFIG"


def _parse_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "yes", "ja", "on"}:
        return True
    if text in {"0", "false", "no", "nej", "off"}:
        return False
    raise ValueError(Text.of("config.expected_bool"))


def _parse_choice(*choices: str) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        text = str(raw).strip().lower()
        if text not in choices:
            raise ValueError(Text.of("config.choices", known=", ".join(choices)))
        return text

    return parse


def _parse_positive_int(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(Text.of("config.expected_int"))
    value = int(str(raw).strip())
    if value < 1:
        raise ValueError(Text.of("config.at_least_one"))
    return value


def _parse_optional_text(raw: object) -> str | None:
    text = str(raw).strip()
    return None if text.lower() in {"", "none", "ingen"} else text


def _parse_text(raw: object) -> str:
    text = str(raw).strip()
    if not text:
        raise ValueError(Text.of("config.empty"))
    return text


@dataclass(frozen=True)
class Setting:
    """Declaration of one setting: how it is named, parsed, defaulted and documented."""

    name: str
    parse: Callable[[object], Any]
    default: Any
    help: str

    @property
    def env(self) -> str:
        """Environment variable name."""
        return ENV_PREFIX + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "database_url",
        _parse_text,
        str(DEFAULT_DATABASE_PATH),
        "Database: a file path or sqlite:///path for the embedded GeoPackage store "
        "(default data/est_geo.gpkg, created with demo data on first run), or "
        "postgresql://… for PostGIS.",
    ),
    Setting(
        "mode",
        _parse_choice("internal", "public"),
        "internal",
        "internal: logged-in EST users; public: read-only transparency site with aggregates only.",
    ),
    Setting(
        "basemap",
        _parse_text,
        "auto",
        "Basemap of every map: 'osm' (OpenStreetMap's tiles, also in public mode), 'none', "
        "a tile URL template (https://…/{z}/{x}/{y}.png), or the path of a PMTiles archive "
        "(*.pmtiles, at most 200 MB) that the app serves itself: no tile server, no third "
        "party (docs/deployment.md, `est-geo basemap`). 'auto': as EST_GEO_TILE_URL says; "
        "set only one of the two.",
    ),
    Setting(
        "tile_url",
        _parse_optional_text,
        "auto",
        "Basemap tile URL template, or 'none' for no basemap (air-gapped deployments, tests). "
        "'auto': OpenStreetMap's standard tiles internally, none in public mode (visitors of "
        "the public site are never sent to a third party unless the operator sets a URL).",
    ),
    Setting(
        "tile_attribution",
        _parse_optional_text,
        OSM_ATTRIBUTION,
        "Attribution shown for the basemap tiles.",
    ),
    Setting(
        "min_public_count",
        _parse_positive_int,
        5,
        "k: in public mode counts below k are suppressed ('färre än k'), a suppressed "
        "count never stands alone in a row or column, and every shown count is rounded to a "
        "multiple of k (docs/auth.md).",
    ),
    Setting(
        "indicator_min_n",
        _parse_positive_int,
        30,
        "Indicator values resting on fewer persons or events than this are shown as "
        "'för få underlag' (hatched), not as a colour. The default of the Indikatorer "
        "page's control; on the public site it can only be raised.",
    ),
    Setting("language", _parse_choice("sv", "en"), "sv", "User interface language."),
    Setting(
        "demo",
        _parse_bool,
        True,
        "Allow creating the default database with demo data on first start, and the "
        "demo accounts on demo data.",
    ),
    Setting(
        "session_hours",
        _parse_positive_int,
        8,
        "Hours a login lasts (local accounts, demo accounts and identity-provider logins) "
        "before the user must log in again.",
    ),
    Setting(
        "oidc_role_claim",
        _parse_optional_text,
        None,
        "Claim of the identity provider's ID token whose value(s) name the role (public, "
        "medlem, analytiker, admin), e.g. 'roles' or 'groups'; 'none': roles come only "
        "from the users table (est-geo user add/set-role).",
    ),
    Setting(
        "polisen_user_agent",
        _parse_optional_text,
        None,
        "User-Agent sent to Polisen's events API, naming the municipality and a contact "
        "(Polisen asks for it); 'none' switches off fetching live events (saved JSON "
        "files can still be imported).",
    ),
    Setting(
        "polisen_location",
        _parse_optional_text,
        None,
        "Default location name asked of Polisen's events API (e.g. Norrköping); 'none': "
        "all of Sweden.",
    ),
    Setting(
        "polisen_api_url",
        _parse_text,
        "https://polisen.se/api/events",
        "Address of Polisen's events API (a proxy or a test server may stand in).",
    ),
    Setting(
        "scb_geodata_url",
        _parse_text,
        "https://geodata.scb.se/geoserver/stat/wfs",
        "SCB's geodata WFS for DeSO/RegSO boundaries (`est-geo fetch scb-areas`); only "
        "called when a user asks. A proxy or a test server may stand in.",
    ),
    Setting(
        "scb_pxweb_url",
        _parse_text,
        "https://statistikdatabasen.scb.se/api/v2",
        "Base address of SCB's statistical database API, PxWebApi 2 "
        "(`est-geo fetch scb-indicators`); only called when a user asks.",
    ),
    Setting(
        "static_url",
        _parse_text,
        "/app/static/vendor",
        "URL path under which the vendored Leaflet assets are served by the app.",
    ),
)
_BY_NAME: Mapping[str, Setting] = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """Validated settings. Build with :func:`load_config`."""

    database_url: str
    mode: str
    #: Resolved: the PMTiles archive's absolute path, or None (``tile_url`` says the rest).
    basemap: str | None
    tile_url: str | None
    tile_attribution: str | None
    min_public_count: int
    indicator_min_n: int
    language: str
    demo: bool
    static_url: str
    session_hours: int
    oidc_role_claim: str | None
    polisen_user_agent: str | None
    polisen_location: str | None
    polisen_api_url: str
    scb_geodata_url: str
    scb_pxweb_url: str

    @property
    def public(self) -> bool:
        """True for the read-only public deployment."""
        return self.mode == "public"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise keyed_error(
            ConfigError, "config.file_missing", path=path, env=CONFIG_FILE_ENV
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise keyed_error(ConfigError, "config.file_toml", path=path, reason=str(exc)) from exc


def _config_file(env: Mapping[str, str], cwd: Path) -> Path | None:
    if env.get(CONFIG_FILE_ENV):
        return Path(env[CONFIG_FILE_ENV])
    candidate = cwd / "est_geo.toml"
    return candidate if candidate.exists() else None


def load_config(env: Mapping[str, str] | None = None, *, cwd: Path | None = None) -> Config:
    """Read and validate all settings; raise one ConfigError listing every problem."""
    env = dict(os.environ if env is None else env)
    path = _config_file(env, cwd or Path.cwd())
    file_values = _read_toml(path) if path else {}
    problems: list[Text] = []
    for key in file_values:
        if key not in _BY_NAME:
            problems.append(Text.of("config.unknown_setting", name=key, path=path))
    for var in env:
        name = var[len(ENV_PREFIX) :].lower()
        if var.startswith(ENV_PREFIX) and var != CONFIG_FILE_ENV and name not in _BY_NAME:
            problems.append(Text.of("config.unknown_env", var=var))
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw: object = setting.default
        origin: object = Text.of("config.origin_default")
        if setting.name in file_values:
            raw, origin = file_values[setting.name], str(path)
        if setting.env in env:
            raw, origin = env[setting.env], setting.env
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], Text) else str(exc)
            problems.append(
                Text.of(
                    "config.bad_value",
                    name=setting.name,
                    raw=repr(raw),
                    origin=origin,
                    reason=reason,
                )
            )
    if not problems:
        problems += _resolve_basemap(values)
    if problems:
        raise keyed_error(ConfigError, "config.invalid", problems=Joined(tuple(problems), "\n  - "))
    return Config(**values)


def _resolve_basemap(values: dict[str, Any]) -> list[Text]:
    """Fold ``basemap`` and the older ``tile_url`` into ``basemap`` (archive) + ``tile_url``.

    Why one setting decides: an operator who names a basemap must get exactly that, and
    the public site must never reach a third party unless the operator named one
    ('auto' gives none there). Returns problems instead of raising, like the parsers.
    """
    raw = str(values["basemap"]).strip()
    if raw == "auto":
        values["basemap"] = None
        if values["tile_url"] == "auto":
            values["tile_url"] = None if values["mode"] == "public" else OSM_TILES
        return []
    if values["tile_url"] != "auto":
        return [
            Text.of("config.basemap_and_tile_url", raw=repr(raw), tile_url=repr(values["tile_url"]))
        ]
    values["basemap"] = None
    if raw.lower() == "osm":
        values["tile_url"] = OSM_TILES
    elif raw.lower() == "none":
        values["tile_url"] = None
    elif raw.startswith(("https://", "http://", "/")) and "{z}" in raw:
        values["tile_url"] = raw
    elif raw.lower().endswith(".pmtiles"):
        path = Path(raw).expanduser().resolve()
        if not path.is_file():
            return [Text.of("config.basemap_missing", raw=repr(raw))]
        values["basemap"], values["tile_url"] = str(path), None
    else:
        return [Text.of("config.basemap_bad", raw=repr(raw))]
    return []


def settings_markdown() -> str:
    """Documentation table of every setting (used in README and checked by a test)."""
    rows = ["| variable | default | meaning |", "|---|---|---|"]
    for s in SETTINGS:
        default = s.default if s.name != "database_url" else "data/est_geo.gpkg"
        rows.append(f"| `{s.env}` | `{default}` | {s.help} |")
    return "\n".join(rows)


def configured_language(env: Mapping[str, str] | None = None) -> str:
    """The configured interface language, for the CLI and for error pages.

    Swedish when the configuration itself cannot be read, so that ``--help`` still works
    and the bad setting is reported (in Swedish) rather than hidden behind a second error.
    """
    try:
        return load_config(env).language
    except ConfigError:
        return "sv"
