"""Getting data in and out: file readers, column/category mapping, CRS detection,
validated incident import, Polisen context events and exports.

Data flows one way (import → validate → store); everything here reaches the database only
through the :class:`~est_geo.store.base.Store` protocol, so it works on every backend.
"""

from __future__ import annotations

from est_geo.io.crsdetect import CrsGuess, detect_crs, parse_epsg, to_store_crs
from est_geo.io.export import (
    FORMATS,
    TABLE_FORMATS,
    WHATS,
    export_layer,
    export_table,
    incident_export_frame,
    table_to_xlsx,
)
from est_geo.io.incidents import (
    IncidentImportReport,
    IncidentPlan,
    import_incidents,
    parse_datetimes,
    parse_numbers,
    plan_incident_import,
    problems_to_csv,
)
from est_geo.io.labels import actor_matcher, category_matcher
from est_geo.io.mapping import ColumnMapping, detect_columns, load_mapping_toml, normalise
from est_geo.io.polisen import (
    AreaLinker,
    PolisenImportReport,
    fetch_and_import_polisen,
    fetch_polisen_events,
    import_polisen_events,
    parse_polisen_events,
)
from est_geo.io.readers import RawTable, read_table

__all__ = [
    "FORMATS",
    "TABLE_FORMATS",
    "WHATS",
    "AreaLinker",
    "ColumnMapping",
    "CrsGuess",
    "IncidentImportReport",
    "IncidentPlan",
    "PolisenImportReport",
    "RawTable",
    "actor_matcher",
    "category_matcher",
    "detect_columns",
    "detect_crs",
    "export_layer",
    "export_table",
    "fetch_and_import_polisen",
    "fetch_polisen_events",
    "import_incidents",
    "import_polisen_events",
    "incident_export_frame",
    "load_mapping_toml",
    "normalise",
    "parse_datetimes",
    "parse_epsg",
    "parse_numbers",
    "parse_polisen_events",
    "plan_incident_import",
    "problems_to_csv",
    "read_table",
    "table_to_xlsx",
    "to_store_crs",
]
