"""A small JSON-stat 2.0 reader and writer (the format of SCB's PxWebApi 2).

Why not pyjstat: it is not among the pinned dependencies, it returns labels or codes but
drops the per-cell ``status`` symbols SCB uses for suppressed values (``..``), and a data
cube needs only the rule below, which is tested here against random cubes. The reader
checks the shape before building anything, so a changed response is a clear
:class:`ScbFormatError`, not a wrong table.

A JSON-stat dataset stores its values in one flat array in row-major order: the *last*
dimension of ``id`` varies fastest. A category's position comes from ``category.index``
(a list of codes or a code → position mapping); ``value`` and ``status`` may be arrays or
sparse mappings from the flat position (as text) to the cell.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from est_geo.core.errors import EstGeoError, keyed_error

__all__ = [
    "Cube",
    "Dimensions",
    "ScbFormatError",
    "cube_frame",
    "cube_to_jsonstat",
    "parse_dimensions",
    "parse_jsonstat",
]

#: A bound on the cells a single response may hold (SCB's own limit is 150,000).
MAX_CELLS = 1_000_000


class ScbFormatError(EstGeoError):
    """A response from SCB is not in the shape EST Geo reads (the service has changed)."""


@dataclass(frozen=True)
class Cube:
    """A decoded JSON-stat dataset: dimension codes in index order and the flat values."""

    ids: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    values: tuple[float | None, ...]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    status: dict[int, str] = field(default_factory=dict)
    label: str = ""

    @property
    def sizes(self) -> tuple[int, ...]:
        """Number of categories per dimension, in ``ids`` order."""
        return tuple(len(self.categories[d]) for d in self.ids)


def _bad(reason: str, **params: object) -> ScbFormatError:
    """The error for an answer that is not the JSON-stat SCB gives, ``reason`` the
    catalogue's ``scb.format.<reason>``."""
    return keyed_error(ScbFormatError, f"scb.format.{reason}", **params)


def _category_codes(dim_id: str, dim: Any, size: int) -> tuple[str, ...]:
    if not isinstance(dim, Mapping) or not isinstance(dim.get("category"), Mapping):
        raise _bad("no_category", dim=repr(dim_id))
    cat = dim["category"]
    index = cat.get("index")
    if index is None:  # allowed for a single category: take the label's key
        index = list((cat.get("label") or {}).keys())
    if isinstance(index, Mapping):
        order = sorted(index.items(), key=lambda kv: kv[1])
        if [pos for _, pos in order] != list(range(len(order))):
            raise _bad("index_gaps", dim=repr(dim_id))
        codes = tuple(str(code) for code, _ in order)
    elif isinstance(index, list):
        codes = tuple(str(code) for code in index)
    else:
        raise _bad("no_index", dim=repr(dim_id))
    if len(codes) != size or len(set(codes)) != len(codes):
        raise _bad("size_mismatch", dim=repr(dim_id), n=len(codes), size=size)
    return codes


def _cells(raw: Any, n: int, what: str) -> dict[int, Any]:
    """Position → cell from an array or a sparse mapping."""
    if isinstance(raw, list):
        if len(raw) != n:
            raise _bad("cell_count", what=what, got=len(raw), n=n)
        return dict(enumerate(raw))
    if isinstance(raw, Mapping):
        out: dict[int, Any] = {}
        for key, cell in raw.items():
            try:
                pos = int(key)
            except ValueError:
                raise _bad("bad_position", what=what, pos=repr(key)) from None
            if not 0 <= pos < n:
                raise _bad("position_outside", what=what, pos=pos, last=n - 1)
            out[pos] = cell
        return out
    raise _bad("missing", what=what)


def _number(cell: Any, pos: int) -> float | None:
    if cell is None:
        return None
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise _bad("not_number", pos=pos, cell=repr(cell))
    value = float(cell)
    if not math.isfinite(value):
        raise _bad("not_finite", pos=pos)
    return value


def parse_jsonstat(doc: Any, *, max_cells: int = MAX_CELLS) -> Cube:
    """Decode one JSON-stat 2.0 dataset; raise :class:`ScbFormatError` on any other shape."""
    if not isinstance(doc, Mapping) or doc.get("class", "dataset") != "dataset":
        raise _bad("not_dataset")
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, Mapping)):
        raise _bad("no_id_size")
    if len(ids) != len(sizes) or not all(isinstance(s, int) and s >= 0 for s in sizes):
        raise _bad("id_size")
    n = math.prod(sizes)
    if n > max_cells:
        raise _bad("too_many", n=n, max=max_cells)
    categories: dict[str, tuple[str, ...]] = {}
    labels: dict[str, dict[str, str]] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        dim: Any = dims.get(dim_id)
        categories[str(dim_id)] = _category_codes(str(dim_id), dim, size)
        raw_labels = dim["category"].get("label") or {}
        labels[str(dim_id)] = {str(k): str(v) for k, v in dict(raw_labels).items()}
    cells = _cells(doc.get("value"), n, "value")
    values = tuple(_number(cells.get(i), i) for i in range(n))
    raw_status = doc.get("status")
    status: dict[int, str] = {}
    if isinstance(raw_status, str):
        status = dict.fromkeys(range(n), raw_status)
    elif raw_status is not None:
        status = {i: str(s) for i, s in _cells(raw_status, n, "status").items() if s}
    return Cube(
        tuple(str(i) for i in ids), categories, values, labels, status, str(doc.get("label", ""))
    )


def cube_frame(cube: Cube) -> pd.DataFrame:
    """One row per cell: a column per dimension (codes), ``value`` (None = missing), ``status``."""
    # itertools.product varies its last argument fastest: JSON-stat's row-major order.
    rows = list(itertools.product(*(cube.categories[d] for d in cube.ids)))
    frame = pd.DataFrame(rows, columns=list(cube.ids), dtype=object)
    frame["value"] = pd.Series(list(cube.values), dtype=object)
    frame["status"] = pd.Series([cube.status.get(i) for i in range(len(cube.values))], dtype=object)
    return frame


def cube_to_jsonstat(cube: Cube, *, sparse: Sequence[str] = ()) -> dict[str, Any]:
    """Encode a cube as JSON-stat 2.0 (the stand-in servers of the tests answer with it).

    ``sparse`` names parts written as position mappings instead of arrays
    (``"value"``, ``"status"``, ``"index"``), as the format allows.
    """
    dims: dict[str, Any] = {}
    for d in cube.ids:
        codes = cube.categories[d]
        index: Any = {c: i for i, c in enumerate(codes)} if "index" in sparse else list(codes)
        dims[d] = {"label": d, "category": {"index": index, "label": cube.labels.get(d, {})}}
    value: Any = list(cube.values)
    if "value" in sparse:
        value = {str(i): v for i, v in enumerate(cube.values) if v is not None}
    doc: dict[str, Any] = {
        "version": "2.0",
        "class": "dataset",
        "label": cube.label,
        "id": list(cube.ids),
        "size": list(cube.sizes),
        "dimension": dims,
        "value": value,
    }
    if cube.status:
        doc["status"] = {str(i): s for i, s in cube.status.items()}
    return doc


@dataclass(frozen=True)
class Dimensions:
    """The variables of a table (PxWebApi 2 ``/metadata`` answers JSON-stat 2 without values)."""

    ids: tuple[str, ...]
    categories: dict[str, tuple[str, ...]]
    roles: dict[str, tuple[str, ...]]
    #: Per variable, the text of each value code the table gives (e.g. ``ContentsCode``
    #: ``000008A4`` → "Medelvärde, tkr"): what a person writing a recipe needs to tell
    #: codes apart that the catalogue does not name.
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def parse_dimensions(doc: Any) -> Dimensions:
    """The dimension codes and roles (``time``, ``geo``, ``metric``) of a JSON-stat document."""
    if not isinstance(doc, Mapping):
        raise _bad("not_object")
    ids, dims = doc.get("id"), doc.get("dimension")
    if not isinstance(ids, list) or not isinstance(dims, Mapping):
        raise _bad("no_id")
    sizes = doc.get("size")
    categories: dict[str, tuple[str, ...]] = {}
    for pos, dim_id in enumerate(ids):
        dim = dims.get(dim_id)
        index = (dim or {}).get("category", {}).get("index") if isinstance(dim, Mapping) else None
        size = sizes[pos] if isinstance(sizes, list) and pos < len(sizes) else len(index or ())
        categories[str(dim_id)] = _category_codes(str(dim_id), dim, int(size))
    raw_roles = doc.get("role") if isinstance(doc.get("role"), Mapping) else {}
    roles = {str(k): tuple(str(v) for v in vs) for k, vs in dict(raw_roles or {}).items()}
    return Dimensions(tuple(str(i) for i in ids), categories, roles, _labels(dims, categories))


def _labels(
    dims: Mapping[str, Any], categories: dict[str, tuple[str, ...]]
) -> dict[str, dict[str, str]]:
    """The texts of the value codes, where the document gives them (never required)."""
    out: dict[str, dict[str, str]] = {}
    for dim_id, codes in categories.items():
        dim = dims.get(dim_id)
        cat = dim.get("category") if isinstance(dim, Mapping) else None
        raw = cat.get("label") if isinstance(cat, Mapping) else None
        if isinstance(raw, Mapping):
            out[dim_id] = {c: str(raw[c]) for c in codes if c in raw and str(raw[c]) != c}
    return out
