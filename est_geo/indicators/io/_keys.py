"""The DeSO -> RegSO key: read, recognised by its columns or content, stored; RegSO values.

Never imports streamlit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from est_geo.core.errors import Problem, ValidationError
from est_geo.core.model import DEFAULT_INDICATORS, AreaLevel, IndicatorDefinition, level_version
from est_geo.indicators.catalogue import DERIVED_KEYS, find_definition
from est_geo.indicators.codes import (
    DESO_PATTERN,
    REGSO_PATTERN,
    AreaKey,
    aggregate_upwards,
    is_deso,
)
from est_geo.indicators.io._areas import _problem_error
from est_geo.indicators.io._values import _missing_columns, _pick, read_table
from est_geo.indicators.join import JoinReport, join_report
from est_geo.indicators.rollup import aggregation_for
from est_geo.indicators.versions import shown_version, values_of_version
from est_geo.store import Store
from est_geo.store.area_keys import AreaKeyStore

__all__ = [
    "AreaKeyImport",
    "RegsoImportResult",
    "import_area_key",
    "import_regso_values",
    "key_columns",
    "read_area_key",
    "read_regso_key",
    "store_area_key",
]


def read_area_key(
    path: str | Path,
    *,
    child_column: str,
    parent_column: str,
    parent_name_column: str | None = None,
    child_level: str = AreaLevel.DESO.value,
) -> AreaKey:
    """Read a child → parent code key such as SCB's DeSO → RegSO table.

    SCB's key repeats the RegSO name per DeSO; ``parent_name_column`` keeps it. DeSO
    codes are validated; a child listed with two parents is an error.
    """
    frame = read_table(path)
    missing = [
        Problem.keyed(
            None, role, col, "indicators.problem.no_column_table", columns=", ".join(frame.columns)
        )
        for role, col in (
            ("child", child_column),
            ("parent", parent_column),
            ("parent_name", parent_name_column),
        )
        if col is not None and col not in frame.columns
    ]
    if missing:
        raise _problem_error(missing, "indicators.error.key_unusable")
    names = frame[parent_name_column].tolist() if parent_name_column else None
    return AreaKey.from_pairs(
        frame[child_column].tolist(),
        frame[parent_column].tolist(),
        parent_names=names,
        child_level=child_level,
    )


_DESO_KEY_NAMES = ("deso", "desokod", "deso_kod", "deso_code")
_REGSO_KEY_NAMES = ("regso", "regsokod", "regso_kod", "regso_code")
_REGSO_NAME_NAMES = ("regsonamn", "regso_namn", "regso-namn", "regsoname", "regso_name")


@dataclass(frozen=True)
class AreaKeyImport:
    """What ``import_area_key`` stored: key rows, parents, and named parents."""

    rows: int
    parents: int
    named: int


def _share_matching(series: pd.Series, pattern: re.Pattern[str]) -> float:
    text = series.dropna().astype(str).str.strip()
    return float(text.map(lambda v: bool(pattern.match(v))).mean()) if len(text) else 0.0


def _by_content(frame: pd.DataFrame, pattern: re.Pattern[str]) -> str | None:
    """The column whose values most often match ``pattern`` (at least 80 %), if any.

    Real keys name their columns freely (``DeSO_2018``, ``RegSOkod_2020``, and
    ``RegSO_2020`` holding *names*), but the codes themselves have SCB's fixed formats.
    """
    best, share = None, 0.8
    for col in frame.columns:
        found = _share_matching(frame[col], pattern)
        if found >= share:
            best, share = str(col), found
    return best


def key_columns(frame: pd.DataFrame) -> dict[str, str | None]:
    """The columns :func:`read_regso_key` uses when none are given: SCB's names first
    (``deso``, ``regso``, ``regsonamn``), else the columns whose values are DeSO and
    RegSO codes, and as the name a ``regso…`` column that holds no codes."""
    deso = _pick(frame, None, _DESO_KEY_NAMES) or _by_content(frame, DESO_PATTERN)
    regso = _pick(frame, None, _REGSO_KEY_NAMES) or _by_content(frame, REGSO_PATTERN)
    name = _pick(frame, None, _REGSO_NAME_NAMES)
    if name is None:
        name = next(
            (
                str(c)
                for c in frame.columns
                if str(c).lower().startswith("regso")
                and str(c) not in {deso, regso}
                and _share_matching(frame[c], REGSO_PATTERN) == 0.0
            ),
            None,
        )
    return {"deso": deso, "regso": regso, "regso_name": name}


def read_regso_key(
    path: str | Path,
    *,
    deso_column: str | None = None,
    regso_column: str | None = None,
    name_column: str | None = None,
) -> AreaKey:
    """Read and validate a DeSO → RegSO key file (columns found by SCB's names).

    Raises one ValidationError with every problem: missing columns (naming the columns
    the file has), an empty file, malformed DeSO codes, a DeSO with two RegSOs.
    """
    problems: list[Problem] = []
    frame = read_table(path)
    guessed = key_columns(frame)
    d_col = _pick(frame, deso_column, ()) if deso_column else guessed["deso"]
    r_col = _pick(frame, regso_column, ()) if regso_column else guessed["regso"]
    n_col = _pick(frame, name_column, ()) if name_column else guessed["regso_name"]
    problems += _missing_columns(
        frame,
        [
            ("deso", d_col, deso_column or ""),
            ("regso", r_col, regso_column or ""),
            ("regso_name", n_col if name_column else "", name_column or ""),
        ],
    )
    if not problems and frame.empty:
        problems.append(Problem.keyed(None, "fil", str(path), "indicators.problem.key_no_rows"))
    if problems:
        raise _problem_error(problems, "indicators.error.cannot_read_key", file=Path(path).name)
    names = frame[n_col].tolist() if n_col else None
    return AreaKey.from_pairs(
        frame[str(d_col)].tolist(), frame[str(r_col)].tolist(), parent_names=names
    )


def import_area_key(
    store: Store,
    path: str | Path,
    *,
    deso_column: str | None = None,
    regso_column: str | None = None,
    name_column: str | None = None,
    user: str,
) -> AreaKeyImport:
    """Store a DeSO → RegSO key file, replacing the stored key (all or nothing).

    The key is what lets the Indikatorer page roll DeSO values up to RegSO
    (:mod:`est_geo.indicators.rollup`); RegSO names from SCB's key name RegSO polygons
    the page makes from DeSO polygons.
    """
    key = read_regso_key(
        path, deso_column=deso_column, regso_column=regso_column, name_column=name_column
    )
    return store_area_key(store, key, user=user)


def store_area_key(store: Store, key: AreaKey, *, user: str) -> AreaKeyImport:
    """Store a validated DeSO → RegSO key, replacing the stored one."""
    if not isinstance(store, AreaKeyStore):
        raise ValidationError(
            [Problem.keyed(None, "db", store.url, "indicators.problem.store_no_keys")],
            key="indicators.error.key_not_saved",
        )
    codes = sorted(key.parent_of)
    frame = pd.DataFrame(
        {
            "child_code": codes,
            "parent_code": [key.parent_of[c] for c in codes],
            "parent_name": [key.parent_names.get(key.parent_of[c], "") for c in codes],
        }
    )
    rows = store.replace_area_key(
        frame,
        child_level=AreaLevel.DESO.value,
        parent_level=AreaLevel.REGSO.value,
        user=user,
        version=shown_version(store),  # a key file names no version: the one shown
    )
    parents = set(key.parent_of.values())
    return AreaKeyImport(rows, len(parents), len(parents & set(key.parent_names)))


@dataclass(frozen=True)
class RegsoImportResult:
    """What ``--kind regso-key`` wrote, and the RegSO codes that had no area (not written)."""

    written: int
    how: str
    key_rows: int
    periods: tuple[str, ...]
    report: JoinReport


def import_regso_values(
    store: Store,
    path: str | Path,
    *,
    indicator: str | None,
    deso_column: str | None = None,
    regso_column: str | None = None,
    user: str,
) -> RegsoImportResult:
    """Aggregate an indicator's stored DeSO values to RegSO with a DeSO → RegSO key file.

    Counts are summed, other indicators averaged weighted by ``n``
    (:func:`~est_geo.indicators.codes.aggregate_upwards`, :func:`aggregation_for`). Values
    are written only for RegSO codes that exist as areas of level ``regso``; the other
    codes are listed in the report. Every problem (missing flag or column, bad key row,
    unknown or derived indicator, DeSO values missing from the key or without ``n`` for a
    weighted mean) is collected into one ValidationError and nothing is written.
    """
    problems: list[Problem] = []
    definition: IndicatorDefinition | None = None
    if not indicator:
        problems.append(
            Problem.keyed(None, "--indicator", "", "indicators.problem.regso_key_needs")
        )
    else:
        definitions = [*store.indicator_definitions()]
        have = {d.key for d in definitions}
        definitions += [d for d in DEFAULT_INDICATORS if d.key not in have]
        try:
            definition = find_definition(definitions, indicator)
        except ValidationError as exc:
            problems.extend(exc.problems)
        if indicator in DERIVED_KEYS:
            problems.append(
                Problem.keyed(
                    None, "--indicator", indicator, "indicators.problem.derived_aggregate"
                )
            )
            definition = None
    version = shown_version(store)
    key: AreaKey | None = None
    try:
        frame = read_table(path)
    except ValidationError as exc:
        problems.extend(exc.problems)
    else:
        guessed = key_columns(frame)
        d_col = _pick(frame, deso_column, ()) if deso_column else guessed["deso"]
        r_col = _pick(frame, regso_column, ()) if regso_column else guessed["regso"]
        problems += _missing_columns(
            frame, [("deso", d_col, deso_column or ""), ("regso", r_col, regso_column or "")]
        )
        if d_col is not None and r_col is not None:
            if frame.empty:
                problems.append(
                    Problem.keyed(None, "fil", str(path), "indicators.problem.key_no_rows")
                )
            try:
                key = AreaKey.from_pairs(frame[d_col].tolist(), frame[r_col].tolist())
            except ValidationError as exc:
                problems.extend(exc.problems)
    aggregated = pd.DataFrame()
    how = "sum"
    if definition is not None and key is not None:
        how = aggregation_for(definition)
        # The DeSO values of the version shown only: two versions' values of one code
        # are two areas, never summed together.
        values = values_of_version(store.indicator_values(definition.key), version)
        values = values[[is_deso(c) for c in values["area_code"].astype(str)]]
        if values.empty:
            problems.append(
                Problem.keyed(
                    None, "--indicator", definition.key, "indicators.problem.no_deso_values"
                )
            )
        else:
            try:
                aggregated = aggregate_upwards(
                    values[["area_code", "period", "value", "n"]], key, how=how
                )
            except ValidationError as exc:
                problems.extend(exc.problems)
    if problems:
        raise _problem_error(problems, "indicators.error.cannot_aggregate", file=Path(path).name)
    assert definition is not None
    assert key is not None
    regso_areas = store.areas(levels=[AreaLevel.REGSO.value], version=version)["code"]
    regso_areas = regso_areas.astype(str)
    report = join_report(regso_areas, aggregated["area_code"])
    keep = aggregated[aggregated["area_code"].isin(set(regso_areas))]
    out = pd.DataFrame(
        {
            "indicator_key": definition.key,
            "area_code": keep["area_code"].astype(str).to_numpy(),
            "period": keep["period"].astype(str).to_numpy(),
            "value": keep["value"].to_numpy(float),
            "n": [None if pd.isna(v) else float(v) for v in keep["n"]],
            "area_version": level_version(AreaLevel.REGSO.value, version),
        }
    )
    written = store.add_indicator_values(out, user=user) if len(out) else 0
    return RegsoImportResult(
        written=written,
        how=how,
        key_rows=len(key.parent_of),
        periods=tuple(sorted(set(out["period"]))),
        report=report,
    )
