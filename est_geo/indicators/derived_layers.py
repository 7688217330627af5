"""The derived layers of the Indikatorer page: share by category and change vs before.

Why here and not in the page: which layers exist, what they are called (in Swedish and
English, from the i18n catalogue) and which values the public may not see are decisions
about data, the same in the app, a test or a notebook. The page only draws them.

Layers added to the indicator values (``indicator_key, area_code, period, value, n``):

- ``andel:<main category>`` — the main category's share (%) of the area's reports in a
  period, resting on the area's report count;
- ``forandring:<key>`` — the change of an indicator against its previous period, in the
  indicator's unit (stored as the base's, so a reader sees it in their language wherever
  the base's is: :func:`est_geo.i18n.unit_text`);
- ``forandring_pct:<key>`` — the same change in percent of the previous value; no value
  where the previous value is 0 (a percentage of nothing is not a number to colour).

In public mode (``public_k``) a share is computed from published counts only — its
numerator at least k after complementary suppression across the area's categories, both
counts rounded to a multiple of k (:mod:`est_geo.access.disclosure`) — and a change that rests
on a blanked value in either period is blanked too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from est_geo.access.disclosure import published_count, secondary_suppression
from est_geo.core.model import CategoryTree, IndicatorDefinition
from est_geo.i18n import stored_definition_text, stored_unit, translate
from est_geo.indicators.derived import category_shares, change_vs_previous

__all__ = ["SOURCE", "DerivedLayers", "add_derived_layers", "change_layers", "share_layers"]

#: Source named for every derived layer.
SOURCE = stored_definition_text("definition.source.derived")
Hidden = dict[str, frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class DerivedLayers:
    """Values with the derived rows added, their definitions, and what the public loses.

    ``hidden`` maps a layer key to the ``(area_code, period)`` pairs blanked for the
    public (shown as "för få underlag", never as a value); ``from_incidents`` are the
    layers whose values rest on report counts (the public page says so).
    """

    values: pd.DataFrame
    definitions: dict[str, IndicatorDefinition]
    hidden: Hidden
    from_incidents: frozenset[str] = frozenset()


def share_layers(
    incidents: pd.DataFrame,
    areas: gpd.GeoDataFrame,
    tree: CategoryTree,
    periods: Iterable[str],
    *,
    public_k: int | None,
) -> DerivedLayers:
    """One ``andel:<category>`` layer per main category, for each complete period."""
    rows: list[pd.DataFrame] = []
    definitions: dict[str, IndicatorDefinition] = {}
    hidden: Hidden = {}
    for period in periods:
        shares = category_shares(incidents, areas, period, tree)
        if public_k is not None:
            shares = _protected_shares(shares, public_k)
        for cat in tree.main_categories():
            part = shares[shares["category"] == cat.key]
            key = f"andel:{cat.key}"
            frame = pd.DataFrame(
                {
                    "indicator_key": key,
                    "area_code": part["area_code"].to_numpy(),
                    "period": period,
                    "value": part["share"].to_numpy(float),
                    "n": part["total"].to_numpy(float),
                }
            )
            if public_k is not None:
                mask = part["hidden"].to_numpy(bool)
                pairs = zip(frame.loc[mask, "area_code"], frame.loc[mask, "period"], strict=True)
                hidden[key] = hidden.get(key, frozenset()) | frozenset(pairs)
            rows.append(frame)
            sv = translate("indikatorer.derived.share", "sv", category=cat.label("sv"))
            en = translate("indikatorer.derived.share", "en", category=cat.label("en"))
            share = stored_unit("unit.share_pct")
            definitions[key] = IndicatorDefinition(key, sv, en, share, False, SOURCE)
    values = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    return DerivedLayers(values, definitions, hidden, frozenset(definitions))


def _protected_shares(shares: pd.DataFrame, k: int) -> pd.DataFrame:
    """Public shares: from published counts only, the numerator itself at least ``k``.

    Share × n must never give a count below k (issue 14: 0.2331 % of 429 was one report).
    The categories of an area add up to its total, so a suppressed category never stands
    alone (:func:`est_geo.access.disclosure.secondary_suppression`); the numerator and the total
    are then rounded to a multiple of k and the share is their ratio. ``hidden`` marks
    the rows the public sees as "för få underlag"; ``count``/``total`` are the published
    counts (NaN where hidden).
    """
    counts = {
        (str(a), str(c)): int(n)
        for a, c, n in zip(shares["area_code"], shares["category"], shares["count"], strict=True)
    }
    lines = [
        [(str(a), str(c)) for c in group["category"]]
        for a, group in shares.groupby("area_code", sort=False)
    ]
    hidden = secondary_suppression(counts, [cell for cell, n in counts.items() if n < k], lines)
    out = shares.copy()
    keys = list(zip(out["area_code"].astype(str), out["category"].astype(str), strict=True))
    num = [np.nan if key in hidden else published_count(counts[key], k) for key in keys]
    total = [published_count(int(t), k) for t in out["total"]]
    out["count"] = pd.Series(num, index=out.index, dtype="float64")
    out["total"] = pd.Series(total, index=out.index, dtype="float64")
    out["share"] = 100.0 * out["count"] / out["total"]
    out["hidden"] = out["share"].isna().to_numpy()
    out.loc[out["hidden"], "total"] = np.nan
    return out


def change_layers(
    values: pd.DataFrame,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    hidden: Hidden,
) -> DerivedLayers:
    """Absolute and percent change vs the previous period, for every layer with two."""
    rows: list[pd.DataFrame] = []
    new_defs: dict[str, IndicatorDefinition] = {}
    new_hidden: Hidden = {}
    for base_key, base_def in definitions.items():
        base = values[(values["indicator_key"] == base_key) & values["value"].notna()]
        if base["period"].nunique() < 2:
            continue
        change = change_vs_previous(base).dropna(subset=["change"])
        if change.empty:
            continue
        n_of = base.set_index(["area_code", "period"])["n"]
        counts = [
            n_of.get((a, p)) for a, p in zip(change["area_code"], change["period"], strict=True)
        ]
        gone = _resting_on_hidden(change, hidden.get(base_key, frozenset()))
        for prefix, column, unit, i18n_key in (
            ("forandring", "change", base_def.unit, "indikatorer.derived.change"),
            (
                "forandring_pct",
                "change_pct",
                stored_unit("unit.percent_sign"),
                "indikatorer.derived.change_pct",
            ),
        ):
            key = f"{prefix}:{base_key}"
            rows.append(
                pd.DataFrame(
                    {
                        "indicator_key": key,
                        "area_code": change["area_code"].to_numpy(),
                        "period": change["period"].to_numpy(),
                        "value": change[column].to_numpy(float),
                        "n": counts,
                    }
                )
            )
            if gone:
                new_hidden[key] = gone
            sv = translate(i18n_key, "sv", name=base_def.name_sv)
            en = translate(i18n_key, "en", name=base_def.name_en)
            new_defs[key] = IndicatorDefinition(
                key, sv, en, unit, base_def.higher_is_better, SOURCE
            )
    frame = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    return DerivedLayers(frame, new_defs, new_hidden)


def _resting_on_hidden(
    change: pd.DataFrame, hidden: frozenset[tuple[str, str]]
) -> frozenset[tuple[str, str]]:
    """Changes whose value in this or the previous period is blanked for the public."""
    if not hidden:
        return frozenset()
    return frozenset(
        (a, p)
        for a, p, q in zip(
            change["area_code"], change["period"], change["previous_period"], strict=True
        )
        if (a, p) in hidden or (a, q) in hidden
    )


def add_derived_layers(
    values: pd.DataFrame,
    definitions: Mapping[str, IndicatorDefinition],
    *,
    incidents: pd.DataFrame | None,
    areas: gpd.GeoDataFrame,
    tree: CategoryTree,
    periods: Iterable[str],
    hidden: Hidden,
    public_k: int | None,
    incident_keys: Iterable[str] = (),
) -> DerivedLayers:
    """All derived layers: shares (when ``incidents`` are given), then every change.

    ``incident_keys`` are the given layers that rest on report counts (e.g. reports per
    1,000 inhabitants); they, the shares and the changes of any of them are returned as
    ``from_incidents``.
    """
    defs = dict(definitions)
    all_hidden = dict(hidden)
    from_incidents = set(incident_keys)
    frames = [values]
    if incidents is not None and not areas.empty:
        shares = share_layers(incidents, areas, tree, periods, public_k=public_k)
        frames.append(shares.values)
        defs.update(shares.definitions)
        all_hidden.update(shares.hidden)
        from_incidents |= shares.from_incidents
    filled = [f for f in frames if not f.empty]
    combined = pd.concat(filled, ignore_index=True) if filled else values
    changes = change_layers(combined, defs, hidden=all_hidden)
    if not changes.values.empty:
        combined = pd.concat([combined, changes.values], ignore_index=True)
    defs.update(changes.definitions)
    all_hidden.update(changes.hidden)
    from_incidents |= {k for k in changes.definitions if k.split(":", 1)[1] in from_incidents}
    return DerivedLayers(combined, defs, all_hidden, frozenset(from_incidents))
