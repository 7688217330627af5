"""Joining indicator values to areas, with a report of what did not match.

A choropleth that quietly leaves areas empty, or a table row whose code matches no area,
is the classic way a wrong DeSO file goes unnoticed. :func:`join_report` returns both lists
as data; the page and the CLI show them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from est_geo.core.model import IndicatorDefinition
from est_geo.i18n import translate
from est_geo.indicators.classify import rank_values
from est_geo.indicators.stats import small_n_mask

__all__ = [
    "IndicatorLayer",
    "JoinReport",
    "indicator_layer",
    "join_report",
    "levels_with_values",
    "pair_layers",
    "periods_of",
]


@dataclass(frozen=True)
class JoinReport:
    """How a value table matched a set of areas.

    Attributes
    ----------
    codes_without_area
        Codes in the table that no area has (sorted).
    areas_without_value
        Codes of the areas that got no value (sorted).
    matched
        Number of areas with a value.
    """

    codes_without_area: tuple[str, ...]
    areas_without_value: tuple[str, ...]
    matched: int

    @property
    def complete(self) -> bool:
        """True when every code matched and every area has a value."""
        return not self.codes_without_area and not self.areas_without_value

    def to_frame(self, lang: str = "sv") -> pd.DataFrame:
        """One row per unmatched code, column ``problem`` in ``lang`` (display/download)."""
        no_area = translate("indicators.join.code_without_area", lang)
        no_value = translate("indicators.join.area_without_value", lang)
        rows = [(c, no_area) for c in self.codes_without_area]
        rows += [(c, no_value) for c in self.areas_without_value]
        return pd.DataFrame(rows, columns=["code", "problem"])


def join_report(area_codes: Iterable[object], value_codes: Iterable[object]) -> JoinReport:
    """Compare the codes of the areas with the codes of a value table."""
    areas = {str(c).strip() for c in area_codes}
    values = {str(c).strip() for c in value_codes}
    return JoinReport(
        codes_without_area=tuple(sorted(values - areas)),
        areas_without_value=tuple(sorted(areas - values)),
        matched=len(areas & values),
    )


def periods_of(values: pd.DataFrame, indicator_key: str) -> list[str]:
    """Periods with values of ``indicator_key``, oldest first."""
    sel = values.loc[values["indicator_key"] == indicator_key, "period"].astype(str)
    return sorted(set(sel))


@dataclass(frozen=True)
class IndicatorLayer:
    """One indicator in one period joined to the areas of one level.

    ``frame`` keeps every area (value NaN where missing), in the areas' CRS, with columns
    ``code, name, level, value, n, small_n, rank, geometry``. ``rank`` is 1 = best among
    areas with a reliable value (small-n areas have no rank: ranking noise misleads).
    ``report`` compares the period's value codes with *all* known areas and with the
    areas of the shown level.
    """

    definition: IndicatorDefinition
    period: str
    frame: gpd.GeoDataFrame
    report: JoinReport
    min_n: float

    @property
    def reliable(self) -> pd.Series:
        """True where the area has a value that is not flagged small-n."""
        ok: pd.Series = self.frame["value"].notna() & ~self.frame["small_n"]
        return ok


def indicator_layer(
    areas: gpd.GeoDataFrame,
    values: pd.DataFrame,
    definition: IndicatorDefinition,
    period: str,
    *,
    levels: Iterable[str] | None = None,
    min_n: float,
) -> IndicatorLayer:
    """Join the values of ``definition`` for ``period`` to the areas of ``levels``.

    Parameters
    ----------
    areas
        Areas (``code, name, level, geometry``), any CRS.
    values
        ``indicator_key, area_code, period, value, n`` (all indicators may be present).
    definition
        The indicator; its ``higher_is_better`` decides the rank order.
    period
        Period text (``"2024"``, ``"2024-Q1"``, ``"2024-05"``).
    levels
        Area levels to show; ``None`` shows all.
    min_n
        Values with ``n`` below this are flagged ``small_n``.
    """
    sel = values[
        (values["indicator_key"] == definition.key) & (values["period"].astype(str) == period)
    ]
    shown = areas if levels is None else areas[areas["level"].isin(list(levels))]
    shown = shown[["code", "name", "level", "geometry"]].reset_index(drop=True)
    codes_without_area = sorted(set(sel["area_code"].astype(str)) - set(areas["code"].astype(str)))
    level_report = join_report(shown["code"], sel["area_code"])
    report = JoinReport(
        codes_without_area=tuple(codes_without_area),
        areas_without_value=level_report.areas_without_value,
        matched=level_report.matched,
    )
    by_code = sel.assign(area_code=sel["area_code"].astype(str)).set_index("area_code")
    frame = shown.copy()
    frame["value"] = frame["code"].map(by_code["value"]).astype(np.float64)
    n = frame["code"].map(by_code["n"]) if "n" in by_code.columns else np.nan
    frame["n"] = pd.to_numeric(pd.Series(n, index=frame.index), errors="coerce").astype(np.float64)
    frame["small_n"] = small_n_mask(frame["n"].to_numpy(), min_n)
    reliable = frame["value"].where(~frame["small_n"])
    frame["rank"] = rank_values(reliable.to_numpy(), higher_is_better=definition.higher_is_better)
    frame = gpd.GeoDataFrame(frame, geometry="geometry", crs=areas.crs)
    return IndicatorLayer(definition, period, frame, report, float(min_n))


def levels_with_values(areas: gpd.GeoDataFrame, values: pd.DataFrame, key: str) -> list[str]:
    """Area levels that have values of ``key``, finest first by typical area size.

    The page offers these and preselects all but the kommun level: a kommun polygon
    drawn under its own neighbourhoods would hide them.
    """
    codes = set(values.loc[values["indicator_key"] == key, "area_code"].astype(str))
    present = areas[areas["code"].astype(str).isin(codes)]
    order = ["kommun", "district", "regso", "omrade", "deso", "delomrade", "custom"]
    found = list(dict.fromkeys(present["level"].astype(str)))
    return sorted(found, key=lambda lv: order.index(lv) if lv in order else len(order))


def pair_layers(a: IndicatorLayer, b: IndicatorLayer) -> gpd.GeoDataFrame:
    """Areas of layer A with both values side by side (for scatter and bivariate maps).

    Columns ``code, name, value_a, value_b, n_a, n_b, small_n, geometry``; ``small_n``
    is true when either value rests on too few. Areas are A's; B's values are matched
    by code.
    """
    fb = b.frame.set_index("code")
    out = a.frame[["code", "name", "geometry"]].copy()
    out["value_a"] = a.frame["value"].to_numpy()
    out["n_a"] = a.frame["n"].to_numpy()
    out["value_b"] = out["code"].map(fb["value"]).astype(np.float64)
    out["n_b"] = out["code"].map(fb["n"]).astype(np.float64)
    small_b = out["code"].map(fb["small_n"]).fillna(False).astype(bool)
    out["small_n"] = a.frame["small_n"].to_numpy() | small_b.to_numpy()
    return gpd.GeoDataFrame(out, geometry="geometry", crs=a.frame.crs)
