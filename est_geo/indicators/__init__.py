"""Indicator layers: catalogue, area and value import, joins, derived rates, classes, statistics.

Pure library code (never imports streamlit) used by the "Indikatorer" page and the CLI.
Everything is in the store CRS (EPSG:3006) until a map builder converts it for display.
"""

from est_geo.core.periods import (
    IndicatorPeriod,
    PeriodKind,
    parse_indicator_period,
    previous_indicator_period,
)
from est_geo.indicators.catalogue import (
    DERIVED_KEYS,
    definition_from_mapping,
    ensure_default_catalogue,
    find_definition,
    save_definition,
    validate_definition,
)
from est_geo.indicators.classify import (
    BIVARIATE_COLORS,
    PALETTES,
    Bivariate,
    Classification,
    Method,
    bivariate,
    class_colors,
    classify,
    rank_values,
)
from est_geo.indicators.codes import (
    AreaKey,
    aggregate_upwards,
    code_problems,
    deso_problem,
    is_deso,
)
from est_geo.indicators.derived import (
    RATE_KEY,
    RateResult,
    category_shares,
    change_vs_previous,
    incident_counts,
    rate_per_1000,
    suppress_small_counts,
)
from est_geo.indicators.join import (
    IndicatorLayer,
    JoinReport,
    indicator_layer,
    join_report,
    periods_of,
)
from est_geo.indicators.stats import DEFAULT_MIN_N, Correlation, correlate, small_n_mask

__all__ = [
    "BIVARIATE_COLORS",
    "DEFAULT_MIN_N",
    "DERIVED_KEYS",
    "PALETTES",
    "RATE_KEY",
    "AreaKey",
    "Bivariate",
    "Classification",
    "Correlation",
    "IndicatorLayer",
    "IndicatorPeriod",
    "JoinReport",
    "Method",
    "PeriodKind",
    "RateResult",
    "aggregate_upwards",
    "bivariate",
    "category_shares",
    "change_vs_previous",
    "class_colors",
    "classify",
    "code_problems",
    "correlate",
    "definition_from_mapping",
    "deso_problem",
    "ensure_default_catalogue",
    "find_definition",
    "incident_counts",
    "indicator_layer",
    "is_deso",
    "join_report",
    "parse_indicator_period",
    "periods_of",
    "previous_indicator_period",
    "rank_values",
    "rate_per_1000",
    "save_definition",
    "small_n_mask",
    "suppress_small_counts",
    "validate_definition",
]
