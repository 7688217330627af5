"""Reading area layers, indicator tables and code keys from the files users bring.

Areas: GeoPackage, GeoJSON or a (zipped) Shapefile, CRS taken from the file, a chosen code
and name column, an area level; DeSO/RegSO codes are checked against SCB's format.
Indicator values: CSV (any common encoding and delimiter) or XLSX keyed by area code and
period. Every reader collects *every* problem and raises one
:class:`~est_geo.core.errors.ValidationError`, so an analyst fixes a file in one go, and the
import functions write nothing unless the whole file is usable.
"""

from est_geo.indicators.io._areas import (
    AREA_FILE_SUFFIXES,
    AREA_NAMES,
    IMPORT_LEVELS,
    KEY_NAMES,
    N_NAMES,
    PERIOD_NAMES,
    TABLE_FILE_SUFFIXES,
    VALUE_NAMES,
    AreasImport,
    check_vector_file,
    import_areas,
    read_areas,
    require_geometry,
    vector_layers,
)
from est_geo.indicators.io._keys import (
    AreaKeyImport,
    RegsoImportResult,
    import_area_key,
    import_regso_values,
    key_columns,
    read_area_key,
    read_regso_key,
    store_area_key,
)
from est_geo.indicators.io._values import (
    ValuesImport,
    ValuesImportResult,
    import_indicator_values,
    read_indicator_values,
    read_table,
)

__all__ = [
    "AREA_FILE_SUFFIXES",
    "AREA_NAMES",
    "IMPORT_LEVELS",
    "KEY_NAMES",
    "N_NAMES",
    "PERIOD_NAMES",
    "TABLE_FILE_SUFFIXES",
    "VALUE_NAMES",
    "AreaKeyImport",
    "AreasImport",
    "RegsoImportResult",
    "ValuesImport",
    "ValuesImportResult",
    "check_vector_file",
    "import_area_key",
    "import_areas",
    "import_indicator_values",
    "import_regso_values",
    "key_columns",
    "read_area_key",
    "read_areas",
    "read_indicator_values",
    "read_regso_key",
    "read_table",
    "require_geometry",
    "store_area_key",
    "vector_layers",
]
