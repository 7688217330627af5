"""The small pure pieces of the Data page's upload flow (no streamlit here).

Why a module: the page must stay a thin script (widgets → est_geo → render), and these
rules deserve tests of their own — which uploads are refused before any byte is parsed,
what the CRS override choices mean, and how the user's selectbox choices become the
:class:`ColumnMapping` handed to :func:`~est_geo.io.incidents.import_incidents`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from est_geo.core.errors import Problem
from est_geo.io.crsdetect import RT90, SWEREF99TM, WGS84
from est_geo.io.incidents import problem_columns
from est_geo.io.mapping import COLUMN_FIELDS, ColumnMapping

#: File types the incident upload accepts (the reader knows more; these are what
#: analysts are asked for, and ``st.file_uploader`` refuses the rest in the browser).
INCIDENT_TYPES: tuple[str, ...] = ("csv", "xlsx", "geojson", "json", "gpkg", "zip")
#: Largest upload accepted, in MB. Bigger files belong to ``est-geo import`` (no browser
#: round trip, no copy in the server's memory). Keep ``server.maxUploadSize`` in
#: ``.streamlit/config.toml`` at this value so the browser refuses them first.
MAX_UPLOAD_MB = 100

#: CRS override choices: key → EPSG code (``None`` = what was detected).
CRS_CHOICES: dict[str, int | None] = {
    "auto": None,
    "wgs84": WGS84,
    "sweref": SWEREF99TM,
    "rt90": RT90,
}

#: Column fields shown for mapping, in the order the page shows them. ``x``/``y`` are
#: easting/longitude and northing/latitude; the rest are optional except date and
#: category.
MAPPED_FIELDS: tuple[str, ...] = (
    "x",
    "y",
    "datetime",
    "time",
    "category",
    "actor",
    "description",
    "id",
    "precision",
)
#: Fields without which nothing can be imported.
REQUIRED_FIELDS: frozenset[str] = frozenset({"x", "y", "datetime", "category"})


def check_upload(name: str, size: int, *, types: Sequence[str], max_mb: int) -> list[Problem]:
    """Problems with an upload before it is read: wrong type or too big.

    Checked in code as well as by the widget: ``st.file_uploader``'s own limits live in
    the browser and in a config file, and a file that gets past them must still get a
    clear answer instead of a slow parse or an out-of-memory server.
    """
    problems: list[Problem] = []
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in types:
        problems.append(Problem.keyed(None, "fil", name, "io.upload.type", types=", ".join(types)))
    if size > max_mb * 1024 * 1024:
        problems.append(
            Problem.keyed(None, "fil", name, "io.upload.size", mb=size / 1024 / 1024, most=max_mb)
        )
    return problems


def default_source(filename: str) -> str:
    """The source name an import gets by default: the file name without suffix.

    Mirrors :func:`~est_geo.io.incidents.import_incidents` (spaces become ``_``), so the
    page looks up the same remembered mapping the import will save.
    """
    return "_".join(Path(filename).stem.split()) or "import"


def user_mapping(
    columns: Mapping[str, str | None],
    *,
    base: ColumnMapping,
    categories: Mapping[str, str] | None = None,
    actors: Mapping[str, str] | None = None,
    default_actor: str | None = None,
) -> ColumnMapping | None:
    """The user's changes as a mapping to pass on, or ``None`` when nothing differs.

    ``columns`` are the selectbox values per field (``None`` = no column); ``base`` is
    what detection and the remembered mapping already give. Only fields the user set to
    a different column are passed, so detection keeps working for the rest; a field the
    user empties although ``base`` has a column becomes an explicit unset (``None``
    alone would let detection fill it again). A label mapped to an empty key is ignored
    (not decided yet).
    """
    changes: dict[str, str] = {
        f: col
        for f, col in columns.items()
        if f in COLUMN_FIELDS and col is not None and col != getattr(base, f)
    }
    unset = frozenset(
        f
        for f, col in columns.items()
        if f in COLUMN_FIELDS and col is None and getattr(base, f) is not None
    )
    cats = {k: v for k, v in (categories or {}).items() if v}
    acts = {k: v for k, v in (actors or {}).items() if v}
    if not changes and not unset and not cats and not acts and default_actor is None:
        return None
    return ColumnMapping(
        default_actor=default_actor, categories=cats, actors=acts, unset=unset, **changes
    )


def problems_frame(problems: Sequence[Problem], lang: str = "sv") -> pd.DataFrame:
    """Problems as a table with the columns of the downloadable error report, in ``lang``."""
    row, field, value, reason = problem_columns(lang)
    return pd.DataFrame(
        {
            row: pd.array([p.row for p in problems], dtype="Int64"),
            field: [p.field_in(lang) for p in problems],
            value: [p.value_in(lang) for p in problems],
            reason: [p.reason_in(lang) for p in problems],
        }
    )
