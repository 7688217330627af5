"""Indicator values per DeSO/RegSO from SCB's statistical database (PxWebApi 2).

A :class:`Recipe` says which table, which value codes of each variable, and how the cells
of one area and period become one indicator value:

* ``count``: the sum of the selected cells (e.g. population); ``n`` is that count.
* ``share``: 100 × (cells whose ``share_variable`` code is in ``numerator``) / (cells
  whose code is in ``denominator``); ``n`` is the denominator (persons behind the share).
* ``value``: exactly one cell per area and period (e.g. a median); no ``n``.

Before asking for data the table's metadata is read, and every variable and value code of
the recipe is checked against it; a table SCB has changed gives one error listing what is
missing and what the table offers, and nothing is written. Queries larger than SCB's cell
limit are split by area. A cell SCB publishes without a number (status ``..``, e.g.
suppressed for confidentiality) makes that area's value missing, never zero.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from est_geo.errors import EstGeoError, Problem, ValidationError
from est_geo.indicators.catalogue import ensure_default_catalogue, validate_definition
from est_geo.indicators.codes import DESO_PATTERN, REGSO_PATTERN
from est_geo.indicators.join import JoinReport, join_report
from est_geo.indicators.scb.client import ScbClient
from est_geo.indicators.scb.jsonstat import (
    Dimensions,
    ScbFormatError,
    cube_frame,
    parse_dimensions,
    parse_jsonstat,
)
from est_geo.model import IndicatorDefinition
from est_geo.store import Store

__all__ = [
    "CATALOGUE",
    "SCB_MAX_CELLS",
    "IndicatorFetch",
    "Recipe",
    "describe_table",
    "fetch_indicator",
    "load_recipe",
    "store_fetched_indicator",
]

#: SCB: at most 150,000 cells per query (PxWebApi 2 configuration ``maxDataCells``).
SCB_MAX_CELLS = 150_000
_KINDS = ("count", "share", "value")
_SUFFIX = re.compile(r"_(DeSO|RegSO)\d{4}$", re.IGNORECASE)


@dataclass(frozen=True)
class Recipe:
    """How one indicator is read from one SCB table (see the module docstring)."""

    key: str
    name_sv: str
    name_en: str
    unit: str
    higher_is_worse: bool
    table: str
    kind: str
    selection: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    share_variable: str | None = None
    numerator: tuple[str, ...] = ()
    denominator: tuple[str, ...] = ()
    region_variable: str = "Region"
    time_variable: str = "Tid"

    def problems(self) -> list[Problem]:
        """Everything wrong with the recipe itself (before any call)."""
        out: list[Problem] = []
        if self.kind not in _KINDS:
            out.append(Problem(None, "kind", self.kind, f"välj en av {', '.join(_KINDS)}"))
        if not self.table.strip():
            out.append(Problem(None, "table", "", "tabell-id saknas"))
        if self.kind == "share":
            if not self.share_variable:
                out.append(Problem(None, "share_variable", "", "krävs för kind = share"))
            if not self.numerator or not self.denominator:
                out.append(Problem(None, "numerator", "", "täljare och nämnare krävs"))
        for var in (self.region_variable, self.time_variable):
            if var in self.selection:
                out.append(Problem(None, "selection", var, "väljs av EST Geo, inte i receptet"))
        return out

    def definition(self, source: str) -> IndicatorDefinition:
        """The catalogue entry the values are stored under."""
        return validate_definition(
            IndicatorDefinition(
                key=self.key,
                name_sv=self.name_sv,
                name_en=self.name_en,
                unit=self.unit,
                higher_is_better=not self.higher_is_worse,
                source=source,
                area_level="deso",
            )
        )


_AGE_FIVE = tuple(f"{a}-{a + 4}" for a in range(0, 80, 5))

#: Ready indicators. Table ids and value codes as SCB publishes them for the DeSO/RegSO
#: population tables "Folkmängden per region efter ålder och kön" (FolkmDesoAldKon, TAB6574
#: in PxWebApi 2) and "… efter utländsk/svensk bakgrund och kön" (FolkmDesoBakgrKon,
#: TAB6571; UtlBakgrund 1 = utländsk, 2 = svensk bakgrund); checked against the table's
#: metadata at every fetch. "Higher is worse" is False throughout: these describe the
#: population, they are no problem measures (direction only sets the palette).
CATALOGUE: dict[str, Recipe] = {
    r.key: r
    for r in (
        Recipe(
            "befolkning",
            "Befolkning",
            "Population",
            "personer",
            False,
            "TAB6574",
            "count",
            {"Alder": ("totalt",), "Kon": ("1+2",)},
        ),
        Recipe(
            "andel_0_19",
            "Andel 0–19 år",
            "Share aged 0–19",
            "procent",
            False,
            "TAB6574",
            "share",
            {"Alder": ("totalt", *_AGE_FIVE[:4]), "Kon": ("1+2",)},
            share_variable="Alder",
            numerator=_AGE_FIVE[:4],
            denominator=("totalt",),
        ),
        Recipe(
            "andel_65_plus",
            "Andel 65 år och äldre",
            "Share aged 65 and over",
            "procent",
            False,
            "TAB6574",
            "share",
            {"Alder": ("totalt", "65-69", "70-74", "75-79", "80-"), "Kon": ("1+2",)},
            share_variable="Alder",
            numerator=("65-69", "70-74", "75-79", "80-"),
            denominator=("totalt",),
        ),
        Recipe(
            "utlandsk_bakgrund_andel",
            "Andel med utländsk bakgrund",
            "Share with a foreign background",
            "procent",
            False,
            "TAB6571",
            "share",
            {"UtlBakgrund": ("1", "2"), "Kon": ("1+2",)},
            share_variable="UtlBakgrund",
            numerator=("1",),
            denominator=("1", "2"),
        ),
    )
}


def _bad_recipe(problems: list[Problem], name: str) -> ValidationError:
    return ValidationError(problems, f"Receptet {name} kan inte användas")


def load_recipe(path: str | Path) -> Recipe:
    """A recipe from a TOML file (the format is in docs/import.md); every problem at once."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _bad_recipe([Problem(None, "fil", p.name, str(exc))], p.name) from exc
    problems: list[Problem] = []
    required = ("key", "name_sv", "name_en", "unit", "higher_is_worse", "table", "kind")
    problems += [Problem(None, k, "", "saknas") for k in required if k not in raw]
    known = {*required, "selection", "share_variable", "numerator", "denominator"}
    known |= {"region_variable", "time_variable"}
    problems += [Problem(None, k, "", "okänd nyckel") for k in raw if k not in known]
    selection = raw.get("selection", {})
    if not isinstance(selection, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in selection.values()
    ):
        problems.append(Problem(None, "selection", "", 'variabel = ["kod", …]'))
        selection = {}
    if not isinstance(raw.get("higher_is_worse", False), bool):
        problems.append(Problem(None, "higher_is_worse", "", "true eller false"))
    if problems:
        raise _bad_recipe(problems, p.name)
    recipe = Recipe(
        key=str(raw["key"]),
        name_sv=str(raw["name_sv"]),
        name_en=str(raw["name_en"]),
        unit=str(raw["unit"]),
        higher_is_worse=bool(raw["higher_is_worse"]),
        table=str(raw["table"]),
        kind=str(raw["kind"]),
        selection={str(k): tuple(v) for k, v in selection.items()},
        share_variable=raw.get("share_variable"),
        numerator=tuple(raw.get("numerator", ())),
        denominator=tuple(raw.get("denominator", ())),
        region_variable=str(raw.get("region_variable", "Region")),
        time_variable=str(raw.get("time_variable", "Tid")),
    )
    if found := recipe.problems():
        raise _bad_recipe(found, p.name)
    return recipe


@dataclass(frozen=True)
class IndicatorFetch:
    """Values read from SCB, ready for the store, and where they came from."""

    recipe: Recipe
    values: pd.DataFrame
    period: str
    source_url: str
    fetched_at: str
    missing: tuple[str, ...]
    queries: int


def describe_table(client: ScbClient, base_url: str, table: str) -> Dimensions:
    """A table's variables and value codes (one metadata call), for writing a recipe and
    seeing which periods a catalogue indicator has."""
    if not re.fullmatch(r"[A-Za-z0-9_]{1,40}", table):
        raise EstGeoError(f"Tabell-id ska vara bokstäver och siffror, t.ex. TAB6574 ({table!r}).")
    url = f"{base_url.rstrip('/')}/tables/{table}/metadata"
    return parse_dimensions(client.get_json(url, {"lang": "sv"}))


def area_code(region: str) -> str:
    """SCB's region value code without its version suffix (``0581A0010_DeSO2025``)."""
    return _SUFFIX.sub("", region)


def _regions(dims: Dimensions, variable: str, kommun: str, level: str) -> list[str]:
    pattern = DESO_PATTERN if level == "deso" else REGSO_PATTERN
    return [
        code
        for code in dims.categories[variable]
        if code.startswith(kommun) and pattern.match(area_code(code))
    ]


def _check_against(recipe: Recipe, dims: Dimensions, period: str | None) -> list[Problem]:
    """What the recipe asks for that the table (no longer) has."""
    out: list[Problem] = []
    for var in (recipe.region_variable, recipe.time_variable, *recipe.selection):
        if var not in dims.categories:
            have = ", ".join(dims.ids)
            out.append(Problem(None, "variabel", var, f"finns inte i tabellen; den har {have}"))
    for var, codes in recipe.selection.items():
        offered = dims.categories.get(var, ())
        for code in codes:
            if offered and code not in offered:
                sample = ", ".join(offered[:12])
                out.append(Problem(None, var, code, f"finns inte i tabellen; den har {sample}"))
    times = dims.categories.get(recipe.time_variable, ())
    if period is not None and times and period not in times:
        out.append(Problem(None, "period", period, f"finns inte; tabellen har {', '.join(times)}"))
    return out


def _chunks(regions: Sequence[str], per_region: int, max_cells: int) -> list[list[str]]:
    size = max(1, max_cells // max(per_region, 1))
    return [list(regions[i : i + size]) for i in range(0, len(regions), size)]


def _combine(recipe: Recipe, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """One value (and n) per area from the cells of one period; the areas left without."""
    rows: list[tuple[str, float, float | None]] = []
    missing: list[str] = []
    for region, cells in frame.groupby(recipe.region_variable, sort=True):
        code = area_code(str(region))
        if cells["value"].isna().any():
            missing.append(code)
            continue
        if recipe.kind == "share":
            var = str(recipe.share_variable)
            num = float(cells[cells[var].isin(recipe.numerator)]["value"].sum())
            den = float(cells[cells[var].isin(recipe.denominator)]["value"].sum())
            if den <= 0:
                missing.append(code)
                continue
            rows.append((code, 100.0 * num / den, den))
        elif recipe.kind == "count":
            total = float(cells["value"].sum())
            rows.append((code, total, total))
        else:
            if len(cells) != 1:
                raise ScbFormatError(
                    f"Receptet {recipe.key} ger {len(cells)} celler för {code}; kind = value "
                    "kräver exakt en (välj en kod per variabel)."
                )
            rows.append((code, float(cells["value"].iloc[0]), None))
    return pd.DataFrame(rows, columns=["area_code", "value", "n"]), missing


def fetch_indicator(
    client: ScbClient,
    base_url: str,
    recipe: Recipe,
    *,
    kommun: str,
    level: str = "deso",
    period: str | None = None,
    max_cells: int = SCB_MAX_CELLS,
    progress: Callable[[float], object] | None = None,
) -> IndicatorFetch:
    """Read one indicator for the municipality's DeSO (or RegSO) from SCB (nothing stored).

    ``progress`` is told the share of queries done (0–1), for the Data page's bar.
    """
    report: Callable[[float], object] = progress or (lambda share: None)
    if found := recipe.problems():
        raise _bad_recipe(found, recipe.key)
    table_url = f"{base_url.rstrip('/')}/tables/{recipe.table}"
    dims = describe_table(client, base_url, recipe.table)
    if problems := _check_against(recipe, dims, period):
        raise ValidationError(
            problems, f"SCB-tabellen {recipe.table} passar inte receptet {recipe.key} (ändrad?)"
        )
    regions = _regions(dims, recipe.region_variable, kommun, level)
    if not regions:
        raise EstGeoError(
            f"SCB-tabellen {recipe.table} har inga {level}-områden i kommun {kommun}."
        )
    chosen = period or dims.categories[recipe.time_variable][-1]
    per_region = math.prod(len(v) for v in recipe.selection.values())
    frames = []
    queries = 0
    chunks = _chunks(regions, per_region, max_cells)
    report(1 / (len(chunks) + 1))
    for chunk in chunks:
        body = {
            "selection": [
                {"variableCode": recipe.region_variable, "valueCodes": chunk},
                {"variableCode": recipe.time_variable, "valueCodes": [chosen]},
                *({"variableCode": v, "valueCodes": list(c)} for v, c in recipe.selection.items()),
            ]
        }
        params = {"lang": "sv", "outputFormat": "json-stat2"}
        doc = client.post_json(f"{table_url}/data", body, params)
        frames.append(cube_frame(parse_jsonstat(doc, max_cells=max_cells)))
        queries += 1
        report((queries + 1) / (len(chunks) + 1))
    cells = pd.concat(frames, ignore_index=True)
    if recipe.region_variable not in cells.columns:
        raise ScbFormatError(f"SCB:s svar saknar variabeln {recipe.region_variable}.")
    values, missing = _combine(recipe, cells)
    values.insert(0, "indicator_key", recipe.key)
    values.insert(2, "period", chosen)
    values["n"] = values["n"].astype(object).where(values["n"].notna(), None)
    return IndicatorFetch(
        recipe=recipe,
        values=values,
        period=chosen,
        source_url=table_url,
        fetched_at=datetime.now(UTC).strftime("%Y-%m-%d"),
        missing=tuple(missing),
        queries=queries,
    )


@dataclass(frozen=True)
class IndicatorStored:
    """What :func:`store_fetched_indicator` wrote and which areas got a value."""

    written: int
    report: JoinReport


def store_fetched_indicator(store: Store, fetched: IndicatorFetch, *, user: str) -> IndicatorStored:
    """Add the catalogue entry (source: table, address and fetch date) and the values."""
    recipe = fetched.recipe
    source = f"SCB tabell {recipe.table}, {fetched.source_url}, hämtad {fetched.fetched_at}"
    ensure_default_catalogue(store, user=user)
    store.upsert_indicator_definition(recipe.definition(source), user=user)
    written = store.add_indicator_values(fetched.values, user=user) if len(fetched.values) else 0
    report = join_report(store.areas()["code"], fetched.values["area_code"])
    return IndicatorStored(written=written, report=report)
