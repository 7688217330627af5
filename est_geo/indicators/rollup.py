"""Roll indicator values up a code key (DeSO → RegSO) so a coarser level can be mapped.

SCB, the police and the housing companies publish many indicators per DeSO, while a
chefssamråd often discusses RegSO-sized neighbourhoods. With the DeSO → RegSO key stored
(:mod:`est_geo.store.area_keys`) the Indikatorer page computes RegSO values on the fly:

* **How.** Counts (population, number of …) are summed; every other indicator (index,
  percent, rate) is a mean weighted by its ``n`` — or, where ``n`` is missing, by the
  DeSO's population of the same period. An unweighted mean would let a DeSO of 700
  people count as much as one of 2,700, so there is none (:func:`aggregation_for`).
* **Only complete parents.** A RegSO gets a value for a period only when *every* DeSO
  the key puts in it has one: a sum over half the DeSOs would paint a false low. The
  parents left out are listed in :attr:`Rollup.notes`, never dropped silently.
* **Stored values win.** Where a value for the RegSO itself was imported (e.g. SCB's own
  RegSO table), it is kept and the rolled-up one is not added.
* **Polygons.** A RegSO without a stored polygon gets the union of its DeSO polygons,
  when every one of them is stored; values are only produced for parents with a polygon,
  so the map's join report does not fill up with the rest of Sweden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from est_geo.core.model import STORE_EPSG, IndicatorDefinition
from est_geo.indicators.catalogue import DERIVED_KEYS
from est_geo.indicators.codes import AreaKey, aggregate_upwards

__all__ = [
    "COUNT_UNITS",
    "POPULATION_KEY",
    "Rollup",
    "RollupNote",
    "aggregation_for",
    "key_from_frame",
    "roll_up",
]

#: Units whose values are counts and are summed when aggregated upwards; every other
#: unit (index, percent, rate) is a mean weighted by ``n``.
COUNT_UNITS = ("personer", "antal", "st", "invånare", "hushåll")
#: The indicator whose values weigh a mean where a value has no ``n``.
POPULATION_KEY = "befolkning"
VALUE_COLUMNS = ["indicator_key", "area_code", "period", "value", "n"]


def aggregation_for(definition: IndicatorDefinition) -> str:
    """``"sum"`` for count indicators (``befolkning``), else ``"weighted_mean"``."""
    unit = definition.unit.strip().lower()
    return "sum" if unit in COUNT_UNITS or unit.startswith("antal") else "weighted_mean"


@dataclass(frozen=True)
class RollupNote:
    """Why some parents got no value for an indicator and period.

    ``reason`` is ``"incomplete"`` (some DeSO of the parent has no value) or
    ``"no_weight"`` (a mean's DeSO has neither ``n`` nor a population to weigh by);
    the catalogue words each code (``indikatorer.rollup.reason.<reason>``) in the
    reader's language.
    """

    indicator_key: str
    period: str
    parents: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Rollup:
    """Rolled-up values and the parent polygons made for them.

    Attributes
    ----------
    values
        New rows ``indicator_key, area_code, period, value, n`` (never one that is stored).
    areas
        ``code, name, level, parent_code, geometry`` (EPSG:3006) of parents that had no
        stored polygon, each the union of its children's polygons.
    notes
        Parents left without a value, grouped by indicator, period and reason.
    """

    values: pd.DataFrame
    areas: gpd.GeoDataFrame
    notes: tuple[RollupNote, ...]

    @property
    def empty(self) -> bool:
        """True when nothing was rolled up."""
        return self.values.empty


def key_from_frame(frame: pd.DataFrame) -> AreaKey:
    """An :class:`AreaKey` from a stored key (``child_code, parent_code, parent_name``)."""
    parent_of = dict(
        zip(frame["child_code"].astype(str), frame["parent_code"].astype(str), strict=True)
    )
    names = {
        str(p): str(n)
        for p, n in zip(frame["parent_code"], frame.get("parent_name", []), strict=False)
        if isinstance(n, str) and n.strip()
    }
    return AreaKey(parent_of, names)


def _parent_polygons(areas: gpd.GeoDataFrame, key: AreaKey, parent_level: str) -> gpd.GeoDataFrame:
    """Union of the children's polygons for parents without a stored polygon."""
    stored = set(areas["code"].astype(str))
    children = areas[areas["code"].astype(str).isin(key.parent_of)]
    children = children.to_crs(epsg=STORE_EPSG) if children.crs else children
    expected = pd.Series(key.parent_of).value_counts()
    rows: list[tuple[str, str, object]] = []
    if not children.empty:
        parents = children["code"].astype(str).map(key.parent_of)
        for parent, group in children.groupby(parents.to_numpy(), sort=True):
            code = str(parent)
            if code in stored or len(group) != int(expected.get(code, 0)):
                continue
            geom = shapely.union_all(group.geometry.to_numpy())
            if geom.geom_type == "Polygon":
                geom = shapely.MultiPolygon([geom])
            rows.append((code, key.parent_names.get(code, code), geom))
    return gpd.GeoDataFrame(
        {
            "code": [r[0] for r in rows],
            "name": [r[1] for r in rows],
            "level": parent_level,
            "parent_code": [None] * len(rows),
        },
        geometry=[r[2] for r in rows],
        crs=f"EPSG:{STORE_EPSG}",
    )


def _pairs(frame: pd.DataFrame, a: str, b: str) -> pd.MultiIndex:
    """(``a``, ``b``) of every row, for membership tests against sets of pairs."""
    return pd.MultiIndex.from_arrays([frame[a].astype(str), frame[b].astype(str)])


def _weights(rows: pd.DataFrame, population: pd.Series) -> pd.Series:
    """``n`` where present, else the child's population in that period (NaN if neither)."""
    n = pd.to_numeric(rows["n"], errors="coerce") if "n" in rows else pd.Series(np.nan)
    fallback = pd.Series(
        population.reindex(_pairs(rows, "area_code", "period")).to_numpy(float),
        index=rows.index,
    )
    return n.reindex(rows.index).fillna(fallback)


def _one_indicator(
    values: pd.DataFrame,
    definition: IndicatorDefinition,
    key: AreaKey,
    population: pd.Series,
    parents_with_area: set[str],
) -> tuple[pd.DataFrame, list[RollupNote]]:
    how = aggregation_for(definition)
    mine = values[values["indicator_key"] == definition.key]
    stored = set(zip(mine["area_code"], mine["period"], strict=True))
    rows = mine[mine["area_code"].isin(key.parent_of)].copy()
    rows = rows[rows["area_code"].map(key.parent_of).isin(parents_with_area)]
    if rows.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS), []
    rows["parent"] = rows["area_code"].map(key.parent_of)
    expected = pd.Series(key.parent_of).value_counts()
    notes: list[RollupNote] = []
    if how == "weighted_mean":
        rows["w"] = _weights(rows, population)
        no_weight = rows[rows["w"].isna() | (rows["w"] < 0)]
        for period, group in no_weight.groupby("period", sort=True):
            notes.append(
                RollupNote(
                    definition.key,
                    str(period),
                    tuple(sorted(set(group["parent"]))),
                    "no_weight",
                )
            )
        bad = _pairs(no_weight, "parent", "period")
        rows = rows[~_pairs(rows, "parent", "period").isin(bad)]
    have = rows.groupby(["parent", "period"])["area_code"].nunique()
    complete = have[have.to_numpy() == expected.reindex(have.index.get_level_values(0)).to_numpy()]
    for period, group in have.drop(complete.index).groupby(level=1, sort=True):
        notes.append(
            RollupNote(
                definition.key,
                str(period),
                tuple(sorted(group.index.get_level_values(0))),
                "incomplete",
            )
        )
    keep = set(complete.index) - stored
    rows = rows[_pairs(rows, "parent", "period").isin(list(keep))]
    if rows.empty:
        return pd.DataFrame(columns=VALUE_COLUMNS), notes
    weights = rows["w"] if how == "weighted_mean" else None
    out = aggregate_upwards(rows[["area_code", "period", "value", "n"]], key, how=how,
                            weights=weights)  # fmt: skip
    # ``n`` is what the small-n warning reads: the children's n summed, and unknown when
    # any child had none (a population used as weight is not a number of respondents).
    n = pd.to_numeric(rows["n"], errors="coerce")
    n_sum = n.groupby([rows["parent"], rows["period"]]).sum(min_count=1)
    n_known = n.notna().groupby([rows["parent"], rows["period"]]).all()
    n_sum = n_sum.where(n_known)
    out["n"] = n_sum.reindex(_pairs(out, "area_code", "period")).to_numpy(float)
    out.insert(0, "indicator_key", definition.key)
    return out[VALUE_COLUMNS], notes


def roll_up(
    values: pd.DataFrame,
    definitions: Iterable[IndicatorDefinition],
    key: AreaKey,
    *,
    areas: gpd.GeoDataFrame,
    parent_level: str,
) -> Rollup:
    """Values of every stored indicator rolled up ``key`` (see the module notes).

    Parameters
    ----------
    values
        Stored values ``indicator_key, area_code, period, value, n``.
    definitions
        The catalogue; derived indicators (computed from incidents) are skipped — they
        are computed for the parent polygons directly.
    key
        Child → parent codes.
    areas
        Stored areas; children's polygons make the parents' where these lack one.
    parent_level
        Level given to made parent polygons (``"regso"``).
    """
    vals = values.assign(
        area_code=values["area_code"].astype(str), period=values["period"].astype(str)
    )
    made = _parent_polygons(areas, key, parent_level)
    with_area = set(areas["code"].astype(str)) | set(made["code"])
    pop = vals[vals["indicator_key"] == POPULATION_KEY]
    population = pd.Series(pop["value"].to_numpy(float), index=pd.MultiIndex.from_arrays(
        [pop["area_code"], pop["period"]]))  # fmt: skip
    frames: list[pd.DataFrame] = []
    notes: list[RollupNote] = []
    for definition in definitions:
        if definition.key in DERIVED_KEYS:
            continue
        frame, why = _one_indicator(vals, definition, key, population, with_area)
        frames.append(frame)
        notes += why
    rolled = [f for f in frames if not f.empty]
    out = pd.concat(rolled, ignore_index=True) if rolled else pd.DataFrame(columns=VALUE_COLUMNS)
    out["n"] = out["n"].astype(object).where(out["n"].notna(), None)
    used = set(out["area_code"])
    return Rollup(out, made[made["code"].isin(used)].reset_index(drop=True), tuple(notes))
