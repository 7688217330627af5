"""What every section of the Indikatorer page shares: the layers, the choices, the joins.

The page (``app_pages/indikatorer.py``) is wiring only; its sections live in
``ui.indikatorer.choices`` (widgets), ``ui.indikatorer.maps`` (the map of the chosen
mode), ``ui.indikatorer.notes`` (join report and notes), ``ui.indikatorer.tabs``
(table, scatter, trend, download) and ``ui.indikatorer.catalogue`` (admins). They all
read the same stored and derived values and the same choices, so those are loaded once
per run here and passed as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import geopandas as gpd
import pandas as pd

from est_geo.core.config import Config
from est_geo.core.model import IndicatorDefinition
from est_geo.i18n import definition_text, unit_text
from est_geo.indicators import Method, indicator_layer, periods_of
from est_geo.indicators.derived import RATE_KEY
from est_geo.indicators.derived_layers import DerivedLayers, Hidden, add_derived_layers
from est_geo.indicators.join import IndicatorLayer
from est_geo.store import IncidentQuery
from ui import context, indicator_data, queries
from ui.indicator_data import IndicatorData


@dataclass(frozen=True)
class IndikatorerData:
    """Stored values plus the derived layers, and the layers that have any value.

    ``loaded`` keeps what ``ui.indicator_data`` read (catalogue, roll-up notes, derived
    periods); ``values``/``defs``/``hidden`` include the derived layers (shares by
    category, change vs previous period), which est_geo decides.
    """

    cfg: Config
    loaded: IndicatorData
    #: Stored areas plus RegSO made from DeSO by the stored key.
    areas: gpd.GeoDataFrame
    values: pd.DataFrame
    defs: dict[str, IndicatorDefinition]
    hidden: Hidden
    #: Layers whose values rest on report counts (the public page says so).
    from_incidents: frozenset[str]
    available: list[str]

    def label(self, key: str) -> str:
        """A layer's name in the configured language (the Swedish one where no English
        name is stored)."""
        return self.defs[key].label(self.cfg.language)

    def unit(self, key: str) -> str:
        """A layer's unit in the configured language (a typed one as written)."""
        return unit_text(self.defs[key].unit, self.cfg.language)

    def source(self, key: str) -> str:
        """A layer's source in the configured language (a typed one as written)."""
        return definition_text(self.defs[key].source, self.cfg.language)

    def title(self, layer: IndicatorLayer) -> str:
        """A layer's name and period: how maps, notes and charts name it."""
        return f"{self.label(layer.definition.key)} {layer.period}"


@dataclass(frozen=True)
class Choices:
    """What the user chose above the map; ``key_b``/``period_b`` only when comparing."""

    mode: str
    key_a: str
    period_a: str
    key_b: str | None
    period_b: str | None
    levels: list[str]
    method: Method
    k: int
    palette: str
    min_n: int


def _derived(loaded: IndicatorData, cfg: Config) -> DerivedLayers:
    """Stored values with the derived layers added (incidents read only when needed)."""
    areas = loaded.areas
    incidents = (
        queries.incidents(
            IncidentQuery(start=date.fromisoformat(f"{min(loaded.derived_periods)[:4]}-01-01"))
        )
        if loaded.derived_periods and not areas.empty
        else None
    )
    return add_derived_layers(
        loaded.values,
        {d.key: d for d in loaded.definitions},
        incidents=incidents,
        areas=areas,
        tree=context.store().category_tree(),
        periods=loaded.derived_periods,
        hidden={RATE_KEY: loaded.suppressed},
        public_k=cfg.min_public_count if cfg.public else None,
        incident_keys=(RATE_KEY,),
    )


def load(version: int | None = None) -> IndikatorerData:
    """Stored and derived values of one DeSO version (default the newest) of the
    configured database, read once per run."""
    cfg = context.config()
    loaded = indicator_data.load(version)
    derived = _derived(loaded, cfg)
    values, defs = derived.values, derived.definitions
    return IndikatorerData(
        cfg=cfg,
        loaded=loaded,
        areas=loaded.areas,
        values=values,
        defs=defs,
        hidden=derived.hidden,
        from_incidents=derived.from_incidents,
        available=[k for k in defs if periods_of(values, k)],
    )


def build_layer(ind: IndikatorerData, choices: Choices, key: str, period: str) -> IndicatorLayer:
    """One indicator in one period joined to the chosen levels, public blanks applied."""
    layer = indicator_layer(
        ind.areas,
        ind.values,
        ind.defs[key],
        period,
        levels=choices.levels,
        min_n=float(choices.min_n),
    )
    hidden = {c for c, p in ind.hidden.get(key, frozenset()) if p == period}
    if hidden:  # public mode: fewer than k reports, shown as "för få underlag", never a value
        mask = layer.frame["code"].isin(hidden)
        layer.frame.loc[mask, "small_n"] = True
        layer.frame.loc[mask, ["value", "n", "rank"]] = float("nan")
    return layer


def build_layers(
    ind: IndikatorerData, choices: Choices
) -> tuple[IndicatorLayer, IndicatorLayer | None]:
    """Layer A, and layer B when two layers are compared."""
    layer_a = build_layer(ind, choices, choices.key_a, choices.period_a)
    two = choices.mode != "one"
    layer_b = (
        build_layer(ind, choices, choices.key_b, choices.period_b)
        if two and choices.key_b and choices.period_b
        else None
    )
    return layer_a, layer_b
