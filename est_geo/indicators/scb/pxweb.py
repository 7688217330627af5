"""Indicator values per DeSO/RegSO from SCB's statistical database (PxWebApi 2).

A :class:`Recipe` says which table, which value codes of each variable, and how the cells
of one area and period become one indicator value:

* ``count``: the sum of the selected cells (e.g. population); ``n`` is that count.
* ``share``: 100 × (cells whose ``share_variable`` code is in ``numerator``) / (cells
  whose code is in ``denominator``); ``n`` is the denominator (persons behind the share).
* ``value``: exactly one cell per area and period (e.g. a median); no ``n``.

A share with ``complement = true`` is 100 × (denominator − numerator) / denominator: the
foreign-born share is "all persons less those born in Sweden", as SCB's birth-region
table publishes ``sv`` and ``tot`` (its other codes are no complete list of countries).
A selection of ``["*"]`` means every value code the table's metadata lists.

SCB's DeSO tables list every region version in one variable: DeSO 2018 codes bare
(``0581A0010``), DeSO 2025 codes with a suffix (``0581A0010_DeSO2025``), likewise RegSO
2025 (``0581R001_RegSO2025``); bare RegSO codes are the RegSO 2020 version. One fetch
takes one version (the newest the table has for the municipality, or the one asked for),
so a DeSO never gets two values from two versions.

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

from est_geo.core.errors import EstGeoError, Problem, ValidationError, keyed_error
from est_geo.core.model import UNVERSIONED, IndicatorDefinition, deso_version_of
from est_geo.i18n import stored_definition_text, stored_unit
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
    complement: bool = False

    def problems(self) -> list[Problem]:
        """Everything wrong with the recipe itself (before any call)."""
        out: list[Problem] = []
        if self.kind not in _KINDS:
            choices = ", ".join(_KINDS)
            out.append(
                Problem.keyed(None, "kind", self.kind, "scb.problem.choose_one", choices=choices)
            )
        if not self.table.strip():
            out.append(Problem.keyed(None, "table", "", "scb.problem.no_table"))
        if self.kind == "share":
            if not self.share_variable:
                out.append(Problem.keyed(None, "share_variable", "", "scb.problem.share_variable"))
            if not self.numerator or not self.denominator:
                out.append(Problem.keyed(None, "numerator", "", "scb.problem.share_parts"))
        elif self.complement:
            out.append(Problem.keyed(None, "complement", "true", "scb.problem.share_only"))
        for var in (self.region_variable, self.time_variable):
            if var in self.selection:
                out.append(Problem.keyed(None, "selection", var, "scb.problem.chosen_by_est_geo"))
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


#: TAB6574's five-year age codes: the first is "-4", not "0-4" (as SCB publishes it; see
#: the sources above CATALOGUE).
_AGE_FIVE = ("-4", *(f"{a}-{a + 4}" for a in range(5, 80, 5)))
_OLD = ("65-69", "70-74", "75-79", "80-")

#: Ready indicators, one SCB table each, every table published per DeSO and RegSO. Table
#: ids, variable codes and value codes are checked against the table's metadata at every
#: fetch (a changed table is one clear error); where they were verified from is noted at
#: each entry. Public code read for it (no call to scb.se):
#:
#: * [A] PxWebApi 2 specification, https://github.com/PxTools/PxApiSpecs/blob/main/PxAPI-2.yml
#:   (``/tables/{id}/metadata``, ``POST /tables/{id}/data`` with ``outputFormat=json-stat2``
#:   and a body ``{"selection": [{"variableCode", "codelist", "valueCodes"}]}``).
#: * [B] Region Uppsala, socioindex (R, pxweb): TAB6680, TAB6685 (``Alder`` ``tot``,
#:   ``ContentsCode`` ``000008AC`` = "Låg ekonomisk standard, procent"), TAB6534, TAB6572,
#:   region codes ``<desokod>_DeSO2025``.
#: * [C] a Python client of PxWebApi 2 ("headroom", locations snapshot): TAB6574 ``Alder``
#:   ``totalt``/``20-24``…, ``Kon`` ``1+2``; TAB6685 ``000008AC``/``000008AD``; TAB6534
#:   ``UtbildningsNiva`` ``6``; TAB6680 ``Kon`` ``1+2``, ``Alder`` ``20-64``,
#:   ``ContentsCode`` ``0000089X`` (sysselsatta) / ``0000089Y`` (totalt).
#: * [D] a DeSO download script (Python): UtlBakgrund ``1``/``SA``, Fodelseregion
#:   ``sv``/``tot``, UtbildningsNiva ``21``, ``3+4``, ``5``, ``6``, ``US``.
#: * [E] TAB6574 age codes ``-4``, ``5-9`` … ``80-`` and ``ContentsCode`` ``000007Y7``
#:   (Region Dalarna's fetch script, PxWebApi 2 GET URL; a Python DeSO city model);
#:   TAB6571 ``ContentsCode`` ``000007Y4``, ``UtlBakgrund`` ``1`` = utländsk, ``2`` = svensk
#:   bakgrund (two TypeScript/Python clients).
#: * [F] table titles and PxWeb paths: TAB6571 FolkmDesoBakgrKon, TAB6572 FolkmDesoLandKon,
#:   TAB6574 FolkmDesoAldKon (BE0101Y), TAB6685 Tab4InkDesoRegso (HE0110I), TAB6534
#:   UtbSUNBefDesoRegsoN (UF0506D), TAB6680 ArRegDesoStatusN (AM0210G); TAB6572's and
#:   TAB6534's ``ContentsCode`` ``000007Y5``/``000007Z6`` from two data catalogues.
#:
#: "Higher is worse" sets only the palette; it is True only for low economic standard.
#: Households with income support (ekonomiskt bistånd) are not here: SCB publishes no
#: household count per DeSO, only the share of *persons* with the income type in TAB6683
#: (Tab2InkDesoRegso: Region, Inkomstkomponenter, Kon, ContentsCode, Tid; component 170
#: as Region Uppsala's socioindex selects it, content "Andel med inkomstslag, procent").
#: Public sources confirm ``000008A4`` = "Medelvärde tkr" of that table, but none names
#: the share's content code, so no entry is offered; ``est-geo fetch scb-table TAB6683``
#: shows every code with its text for a recipe (docs/import.md).
CATALOGUE: dict[str, Recipe] = {
    r.key: r
    for r in (
        Recipe(  # TAB6574 [C][E][F]
            "befolkning",
            "Befolkning",
            "Population",
            stored_unit("unit.persons"),
            False,
            "TAB6574",
            "count",
            {"Alder": ("totalt",), "Kon": ("1+2",), "ContentsCode": ("000007Y7",)},
        ),
        Recipe(  # TAB6574 [C][E][F]
            "andel_0_19",
            "Andel 0–19 år",
            "Share aged 0–19",
            stored_unit("unit.percent"),
            False,
            "TAB6574",
            "share",
            {
                "Alder": ("totalt", *_AGE_FIVE[:4]),
                "Kon": ("1+2",),
                "ContentsCode": ("000007Y7",),
            },
            share_variable="Alder",
            numerator=_AGE_FIVE[:4],
            denominator=("totalt",),
        ),
        Recipe(  # TAB6574 [C][E][F]
            "andel_65_plus",
            "Andel 65 år och äldre",
            "Share aged 65 and over",
            stored_unit("unit.percent"),
            False,
            "TAB6574",
            "share",
            {"Alder": ("totalt", *_OLD), "Kon": ("1+2",), "ContentsCode": ("000007Y7",)},
            share_variable="Alder",
            numerator=_OLD,
            denominator=("totalt",),
        ),
        Recipe(  # TAB6571 [D][E][F]
            "utlandsk_bakgrund_andel",
            "Andel med utländsk bakgrund",
            "Share with a foreign background",
            stored_unit("unit.percent"),
            False,
            "TAB6571",
            "share",
            {"UtlBakgrund": ("1", "2"), "Kon": ("1+2",), "ContentsCode": ("000007Y4",)},
            share_variable="UtlBakgrund",
            numerator=("1",),
            denominator=("1", "2"),
        ),
        Recipe(  # TAB6572 [B][D][F]: foreign-born = tot − born in Sweden (sv)
            "utrikes_fodda_andel",
            "Andel utrikes födda",
            "Share born abroad",
            stored_unit("unit.percent"),
            False,
            "TAB6572",
            "share",
            {"Fodelseregion": ("sv", "tot"), "Kon": ("1+2",), "ContentsCode": ("000007Y5",)},
            share_variable="Fodelseregion",
            numerator=("sv",),
            denominator=("tot",),
            complement=True,
        ),
        Recipe(  # TAB6685 [B][C][F]: SCB's own per cent (60 % of the national median)
            "lag_ekonomisk_standard_andel",
            "Andel med låg ekonomisk standard",
            "Share with low economic standard",
            stored_unit("unit.percent"),
            True,
            "TAB6685",
            "value",
            {"Alder": ("tot",), "ContentsCode": ("000008AC",)},
        ),
        Recipe(  # TAB6534 [B][C][D][F]: persons 25–64, post-secondary (5 + 6) / all levels
            "eftergymnasial_andel",
            "Andel med eftergymnasial utbildning",
            "Share with post-secondary education",
            stored_unit("unit.percent"),
            False,
            "TAB6534",
            "share",
            {"UtbildningsNiva": ("21", "3+4", "5", "6", "US"), "ContentsCode": ("000007Z6",)},
            share_variable="UtbildningsNiva",
            numerator=("5", "6"),
            denominator=("21", "3+4", "5", "6", "US"),
        ),
        Recipe(  # TAB6680 [B][C][F]: employed 20–64 / all 20–64 (BAS, by residence)
            "sysselsatta_andel",
            "Andel förvärvsarbetande 20–64 år",
            "Share employed aged 20–64",
            stored_unit("unit.percent"),
            False,
            "TAB6680",
            "share",
            {"Kon": ("1+2",), "Alder": ("20-64",), "ContentsCode": ("0000089X", "0000089Y")},
            share_variable="ContentsCode",
            numerator=("0000089X",),
            denominator=("0000089Y",),
        ),
    )
}


def _bad_recipe(problems: list[Problem], name: str) -> ValidationError:
    return ValidationError(problems, None, key="scb.error.recipe_unusable", name=name)


def load_recipe(path: str | Path) -> Recipe:
    """A recipe from a TOML file (the format is in docs/import.md); every problem at once."""
    p = Path(path)
    try:
        raw = tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _bad_recipe([Problem(None, "fil", p.name, str(exc))], p.name) from exc
    problems: list[Problem] = []
    required = ("key", "name_sv", "name_en", "unit", "higher_is_worse", "table", "kind")
    problems += [
        Problem.keyed(None, k, "", "scb.problem.missing") for k in required if k not in raw
    ]
    known = {*required, "selection", "share_variable", "numerator", "denominator"}
    known |= {"region_variable", "time_variable", "complement"}
    problems += [
        Problem.keyed(None, k, "", "scb.problem.unknown_key") for k in raw if k not in known
    ]
    selection = raw.get("selection", {})
    if not isinstance(selection, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in selection.values()
    ):
        problems.append(Problem.keyed(None, "selection", "", "scb.problem.selection"))
        selection = {}
    for flag in ("higher_is_worse", "complement"):
        if not isinstance(raw.get(flag, False), bool):
            problems.append(Problem.keyed(None, flag, "", "scb.problem.true_false"))
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
        complement=bool(raw.get("complement", False)),
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
    version: int | None = None
    level: str = "deso"


def describe_table(client: ScbClient, base_url: str, table: str) -> Dimensions:
    """A table's variables and value codes (one metadata call), for writing a recipe and
    seeing which periods a catalogue indicator has."""
    if not re.fullmatch(r"[A-Za-z0-9_]{1,40}", table):
        raise keyed_error(EstGeoError, "scb.error.table_id", given=repr(table))
    url = f"{base_url.rstrip('/')}/tables/{table}/metadata"
    return parse_dimensions(client.get_json(url, {"lang": "sv"}))


def area_code(region: str) -> str:
    """SCB's region value code without its version suffix (``0581A0010_DeSO2025``)."""
    return _SUFFIX.sub("", region)


#: The version of a bare code in SCB's tables (the first of each level).
BASE_VERSION = {"deso": 2018, "regso": 2020}


def region_version(region: str, level: str) -> int:
    """The area version a region code belongs to: its suffix's year, else the first one."""
    found = _SUFFIX.search(region)
    return int(region[-4:]) if found else BASE_VERSION[level]


def _regions(
    dims: Dimensions, variable: str, kommun: str, level: str, version: int | None
) -> tuple[list[str], int | None]:
    """The municipality's region codes of one version (the newest unless named)."""
    pattern = DESO_PATTERN if level == "deso" else REGSO_PATTERN
    codes = [
        code
        for code in dims.categories[variable]
        if code.startswith(kommun) and pattern.match(area_code(code))
    ]
    versions = {region_version(c, level) for c in codes}
    chosen = version if version is not None else max(versions, default=None)
    return [c for c in codes if region_version(c, level) == chosen], chosen


def _resolved(recipe: Recipe, dims: Dimensions) -> dict[str, tuple[str, ...]]:
    """The selection with ``["*"]`` replaced by every code the table lists."""
    return {
        var: tuple(dims.categories.get(var, ())) if codes == ("*",) else codes
        for var, codes in recipe.selection.items()
    }


def _check_against(recipe: Recipe, dims: Dimensions, period: str | None) -> list[Problem]:
    """What the recipe asks for that the table (no longer) has."""
    out: list[Problem] = []
    for var in (recipe.region_variable, recipe.time_variable, *recipe.selection):
        if var not in dims.categories:
            have = ", ".join(dims.ids)
            out.append(Problem.keyed(None, "variabel", var, "scb.problem.no_variable", have=have))
    for var, codes in _resolved(recipe, dims).items():
        offered = dims.categories.get(var, ())
        for code in codes:
            if offered and code not in offered:
                sample = ", ".join(offered[:12])
                out.append(Problem.keyed(None, var, code, "scb.problem.no_variable", have=sample))
    times = dims.categories.get(recipe.time_variable, ())
    if period is not None and times and period not in times:
        have = ", ".join(times)
        out.append(Problem.keyed(None, "period", period, "scb.problem.no_period", have=have))
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
            part = den - num if recipe.complement else num
            rows.append((code, 100.0 * part / den, den))
        elif recipe.kind == "count":
            total = float(cells["value"].sum())
            rows.append((code, total, total))
        else:
            if len(cells) != 1:
                raise keyed_error(
                    ScbFormatError,
                    "scb.error.value_cells",
                    recipe=recipe.key,
                    n=len(cells),
                    code=code,
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
    version: int | None = None,
    max_cells: int = SCB_MAX_CELLS,
    progress: Callable[[float], object] | None = None,
) -> IndicatorFetch:
    """Read one indicator for the municipality's DeSO (or RegSO) from SCB (nothing stored).

    ``version`` is the area version (DeSO 2018 or 2025 …; the newest in the table unless
    named). ``progress`` is told the share of queries done (0–1), for the Data page's bar.
    """
    report: Callable[[float], object] = progress or (lambda share: None)
    if found := recipe.problems():
        raise _bad_recipe(found, recipe.key)
    table_url = f"{base_url.rstrip('/')}/tables/{recipe.table}"
    dims = describe_table(client, base_url, recipe.table)
    if problems := _check_against(recipe, dims, period):
        raise ValidationError(
            problems, None, key="scb.error.table_mismatch", table=recipe.table, recipe=recipe.key
        )
    regions, area_version = _regions(dims, recipe.region_variable, kommun, level, version)
    if not regions:
        key = "scb.error.no_table_areas" + ("_version" if version is not None else "")
        raise keyed_error(
            EstGeoError, key, table=recipe.table, level=level, version=version, kommun=kommun
        )
    chosen = period or dims.categories[recipe.time_variable][-1]
    selection = _resolved(recipe, dims)
    per_region = math.prod(len(v) for v in selection.values())
    frames = []
    queries = 0
    chunks = _chunks(regions, per_region, max_cells)
    report(1 / (len(chunks) + 1))
    for chunk in chunks:
        body = {
            "selection": [
                {"variableCode": recipe.region_variable, "valueCodes": chunk},
                {"variableCode": recipe.time_variable, "valueCodes": [chosen]},
                *({"variableCode": v, "valueCodes": list(c)} for v, c in selection.items()),
            ]
        }
        params = {"lang": "sv", "outputFormat": "json-stat2"}
        doc = client.post_json(f"{table_url}/data", body, params)
        frames.append(cube_frame(parse_jsonstat(doc, max_cells=max_cells)))
        queries += 1
        report((queries + 1) / (len(chunks) + 1))
    cells = pd.concat(frames, ignore_index=True)
    if recipe.region_variable not in cells.columns:
        raise keyed_error(ScbFormatError, "scb.error.no_variable", variable=recipe.region_variable)
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
        version=area_version,
        level=level,
    )


@dataclass(frozen=True)
class IndicatorStored:
    """What :func:`store_fetched_indicator` wrote and which areas got a value."""

    written: int
    report: JoinReport


def store_fetched_indicator(store: Store, fetched: IndicatorFetch, *, user: str) -> IndicatorStored:
    """Add the catalogue entry (source: table, address and fetch date) and the values.

    The values are stored under the area version they were fetched for
    (``area_version``): SCB's region codes name their version, and a DeSO 2018 value is
    no value of the DeSO 2025 area with the same code. The join report compares them with
    the stored areas of that version only.
    """
    recipe = fetched.recipe
    source = stored_definition_text(
        "definition.source.scb_table",
        table=recipe.table,
        url=fetched.source_url,
        fetched=fetched.fetched_at,
    )
    ensure_default_catalogue(store, user=user)
    store.upsert_indicator_definition(recipe.definition(source), user=user)
    level = fetched.level
    version = fetched.version if fetched.version is not None else UNVERSIONED
    values = fetched.values.assign(area_version=version)
    written = store.add_indicator_values(values, user=user) if len(values) else 0
    areas = store.areas(levels=[level], version=deso_version_of(level, version))
    report = join_report(areas["code"], fetched.values["area_code"])
    return IndicatorStored(written=written, report=report)
