"""``est-geo basemap``: check a PMTiles archive, or cut a municipality's box out of one.

An operator downloads a large extract (Protomaps' builds of OpenStreetMap, or a Sweden
file) and ships only the 20–60 MB the municipality needs: ``extract`` cuts a box and a
zoom range, ``check`` says what a file holds and whether it covers the stored areas.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from est_geo.core.config import DEFAULT_DATABASE_PATH, configured_language
from est_geo.core.errors import EstGeoError, error_text, keyed_error
from est_geo.i18n import translate

if TYPE_CHECKING:
    from est_geo.maps.basemap import ArchiveInfo

#: Margin (degrees) around the stored areas' box for ``extract --kommun``: about 2 km.
KOMMUN_MARGIN_DEG = (0.04, 0.02)  # longitude, latitude


def register(sub: Any) -> None:
    """Attach ``basemap check`` and ``basemap extract``."""
    lang = configured_language()
    p: argparse.ArgumentParser = sub.add_parser("basemap", help=translate("cli.basemap.help", lang))
    cmds = p.add_subparsers(dest="basemap_command", required=True)
    check = cmds.add_parser("check", help=translate("cli.basemap.check.help", lang))
    check.add_argument("file", type=Path, help=translate("cli.basemap.file.help", lang))
    check.add_argument(
        "--db",
        default=str(DEFAULT_DATABASE_PATH),
        help=translate("cli.basemap.check.db.help", lang),
    )
    check.set_defaults(func=run_check)
    ext = cmds.add_parser("extract", help=translate("cli.basemap.extract.help", lang))
    ext.add_argument("input", type=Path, help=translate("cli.basemap.input.help", lang))
    ext.add_argument("output", type=Path, help=translate("cli.basemap.output.help", lang))
    box = ext.add_mutually_exclusive_group(required=True)
    box.add_argument("--bbox", help=translate("cli.basemap.bbox.help", lang))
    box.add_argument(
        "--kommun", action="store_true", help=translate("cli.basemap.kommun.help", lang)
    )
    ext.add_argument(
        "--db",
        default=str(DEFAULT_DATABASE_PATH),
        help=translate("cli.basemap.extract.db.help", lang),
    )
    ext.add_argument(
        "--minzoom", type=int, default=0, help=translate("cli.basemap.minzoom.help", lang)
    )
    ext.add_argument(
        "--maxzoom", type=int, default=15, help=translate("cli.basemap.maxzoom.help", lang)
    )
    ext.set_defaults(func=run_extract)


def _areas_box(db: str) -> tuple[float, float, float, float] | None:
    """Box (west, south, east, north, degrees) of every stored area, or None if none."""
    from est_geo.store import open_store

    areas = open_store(db, read_only=True).areas()
    if areas.empty:
        return None
    west, south, east, north = (float(v) for v in areas.to_crs(4326).total_bounds)
    return west, south, east, north


def _parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise keyed_error(EstGeoError, "cli.basemap.bad_bbox", text=repr(text)) from exc
    return west, south, east, north


def _fmt_box(box: tuple[float, float, float, float]) -> str:
    return ", ".join(f"{v:.4f}" for v in box)


def run_check(args: argparse.Namespace) -> int:
    """Print what the archive holds; exit 1 if it does not cover the stored areas."""
    from est_geo.maps.basemap import MAX_SERVED_BYTES, read_archive

    lang = configured_language()
    info = read_archive(args.file)
    if info.vector:
        kind = translate("cli.basemap.vector", lang)
    else:
        kind = translate("cli.basemap.raster", lang, kind=info.tile_type)
    bounds = translate("cli.basemap.bounds.value", lang, box=_fmt_box(info.bounds))
    attribution = info.attribution or translate("cli.basemap.no_attribution", lang)
    lines = [("file", str(info.path)), ("type", kind)]
    if info.schema is not None:
        lines.append(("schema", _schema_text(info, lang)))
    lines += [
        ("bounds", bounds),
        ("zooms", f"{info.min_zoom}–{info.max_zoom}"),
        ("tiles", str(info.tiles)),
        ("size", f"{info.size / 1e6:.1f} MB"),
        ("attribution", attribution),
    ]
    _print_lines(lines, lang)
    # A vector file the style cannot draw streets from is as unusable as one too large.
    code = 1 if info.schema in ("protomaps-old", "other") else 0
    if info.size > MAX_SERVED_BYTES:
        print(translate("cli.basemap.too_big", lang))
        code = 1
    try:
        box = _areas_box(args.db)
    except EstGeoError as exc:
        reason = error_text(exc, lang)
        _print_lines(
            [("areas", translate("cli.basemap.areas.unreadable", lang, reason=reason))], lang
        )
        return code
    if box is None:
        areas = translate("cli.basemap.areas.none", lang)
    elif info.covers(*box):
        areas = translate("cli.basemap.areas.covered", lang, box=_fmt_box(box))
    else:
        areas = translate("cli.basemap.areas.not_covered", lang, box=_fmt_box(box))
        code = 1
    _print_lines([("areas", areas)], lang)
    return code


def _schema_text(info: ArchiveInfo, lang: str) -> str:
    """What the map style makes of a vector archive's schema, in words."""
    from est_geo.maps.basemap import PRE_V4_LAYERS

    version = f"{info.schema_version} " if info.schema_version else ""
    shown = list(info.layers)
    if info.schema == "protomaps-old":  # name the layers v4 removed, if that is the sign
        shown = [name for name in shown if name in PRE_V4_LAYERS] or shown
    layers = ", ".join(shown[:10]) + (" …" if len(shown) > 10 else "")
    return translate(f"cli.basemap.schema.{info.schema}", lang, version=version, layers=layers)


def _print_lines(lines: list[tuple[str, str]], lang: str) -> None:
    """``Label: value`` lines, the values in one column (13 wide, or the longest label's)."""
    labels = [translate(f"cli.basemap.{key}", lang) + ":" for key, _ in lines]
    width = max(13, *(len(label) + 1 for label in labels))
    for label, (_, value) in zip(labels, lines, strict=True):
        print(f"{label:<{width}} {value}")


def run_extract(args: argparse.Namespace) -> int:
    """Cut the box and zoom range into a new archive and print what it holds."""
    from est_geo.maps.basemap import extract

    if args.kommun:
        box = _areas_box(args.db)
        if box is None:
            raise keyed_error(EstGeoError, "cli.basemap.no_areas", db=args.db)
        dlon, dlat = KOMMUN_MARGIN_DEG
        box = (box[0] - dlon, box[1] - dlat, box[2] + dlon, box[3] + dlat)
    else:
        box = _parse_bbox(args.bbox)
    if not 0 <= args.minzoom <= args.maxzoom <= 24:
        raise keyed_error(EstGeoError, "cli.basemap.bad_zoom")
    info = extract(args.input, args.output, box, args.minzoom, args.maxzoom)
    print(
        translate(
            "cli.basemap.written",
            configured_language(),
            path=info.path,
            tiles=info.tiles,
            zooms=f"{info.min_zoom}–{info.max_zoom}",
            mb=f"{info.size / 1e6:.1f}",
            box=_fmt_box(info.bounds),
        )
    )
    return 0
