"""Real Swedish data in one step: DeSO/RegSO boundaries and statistics fetched from SCB.

``areas`` reads the geodata WFS, ``pxweb`` the statistical database (PxWebApi 2,
JSON-stat 2 via ``jsonstat``); ``client`` is the polite HTTP underneath (User-Agent, rate
and cell limits, retries). Nothing here runs unless a user asks: no call to scb.se is made
at start-up, in the build or in a test (the tests use stand-in servers on loopback).
"""

from est_geo.indicators.scb.areas import AreasFetch, fetch_areas, store_fetched_areas
from est_geo.indicators.scb.client import RateLimit, ScbClient, ScbServiceError
from est_geo.indicators.scb.jsonstat import Cube, ScbFormatError, cube_frame, parse_jsonstat
from est_geo.indicators.scb.pxweb import (
    CATALOGUE,
    IndicatorFetch,
    Recipe,
    describe_table,
    fetch_indicator,
    load_recipe,
    store_fetched_indicator,
)

__all__ = [
    "CATALOGUE",
    "AreasFetch",
    "Cube",
    "IndicatorFetch",
    "RateLimit",
    "Recipe",
    "ScbClient",
    "ScbFormatError",
    "ScbServiceError",
    "cube_frame",
    "describe_table",
    "fetch_areas",
    "fetch_indicator",
    "load_recipe",
    "parse_jsonstat",
    "store_fetched_areas",
    "store_fetched_indicator",
]
