"""A packed SQLite R*Tree built in numpy and written straight into its shadow tables.

Why: SQLite has no bulk loader for its R*Tree module. Filling ``incidents_rtree`` with
one ``INSERT … SELECT`` makes a million separate R*Tree inserts, each choosing a leaf,
splitting nodes and rewriting three shadow tables: 15–16 s of CPU, two thirds of a
1M-row import (bench/README.md, Import). A Sort-Tile-Recursive packing (Leutenegger,
Lopez & Edgington, 1997) sorts the points into full, compact nodes in a few array sorts
and writes each node once: the tree is smaller (every node full instead of ~60 %) and
answers box queries at least as well.

The layout written is SQLite's own (``ext/rtree/rtree.c``, the header comment): table
``<name>_node(nodeno, data)`` holds one blob per node, all of the root's size; the root
is node 1 and its first two bytes are the tree's depth (0: the root is a leaf), the next
two the number of cells; a cell is an 8-byte big-endian id (the rowid in a leaf, a child
node number above) and, per dimension, a 32-bit big-endian float minimum and maximum.
``<name>_rowid(rowid, nodeno)`` says which leaf holds a row, ``<name>_parent(nodeno,
parentnode)`` each non-root node's parent. Coordinates are rounded to 32-bit floats
outwards exactly as SQLite rounds them (``rtreeValueDown``/``rtreeValueUp``), so a
point is always inside its box. ``SELECT rtreecheck(name)`` checks the result
(``tests/test_store_spatial_index.py``).
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "PackedRtree",
    "float32_down",
    "float32_up",
    "pack_rtree",
    "rtree_node_size",
    "write_packed_rtree",
]

#: SQLite's factors for rounding a double outwards to a float (rtree.c RNDTOWARDS/RNDAWAY).
_RND_TOWARDS: Final = 1.0 - 1.0 / 8388608.0
_RND_AWAY: Final = 1.0 + 1.0 / 8388608.0
#: Header of a node: two bytes depth (root only), two bytes cell count.
_HEADER_BYTES: Final = 4
#: SQLite's most cells in a node (rtree.c RTREE_MAXCELLS).
_MAX_CELLS: Final = 51
#: Row ids below this go into ``<name>_rowid`` packed with their leaf in one integer.
_PACK_LIMIT: Final = 1 << 31
_LOW_BITS: Final = (1 << 32) - 1


def float32_down(values: NDArray[np.float64]) -> NDArray[np.float32]:
    """``values`` as 32-bit floats no larger than them (SQLite's ``rtreeValueDown``)."""
    out = values.astype(np.float32)
    high = out.astype(np.float64) > values
    factor = np.where(values < 0, _RND_AWAY, _RND_TOWARDS)
    out[high] = (values[high] * factor[high]).astype(np.float32)
    return out


def float32_up(values: NDArray[np.float64]) -> NDArray[np.float32]:
    """``values`` as 32-bit floats no smaller than them (SQLite's ``rtreeValueUp``)."""
    out = values.astype(np.float32)
    low = out.astype(np.float64) < values
    factor = np.where(values < 0, _RND_TOWARDS, _RND_AWAY)
    out[low] = (values[low] * factor[low]).astype(np.float32)
    return out


def _str_groups(
    centres: NDArray[np.float64], idx: NDArray[np.intp], dims: Sequence[int], cap: int
) -> list[NDArray[np.intp]]:
    """Sort-Tile-Recursive: ``idx`` cut into groups of at most ``cap`` near entries.

    Slabs along the first dimension, each cut along the next, the last sorted and split
    into groups of (nearly) equal size so no node but a lone one is left almost empty.
    """
    count = len(idx)
    groups = math.ceil(count / cap)
    order = idx[np.argsort(centres[idx, dims[0]], kind="stable")]
    if len(dims) == 1 or groups == 1:
        return list(np.array_split(order, groups))
    slabs = math.ceil(groups ** (1.0 / len(dims)))
    per_slab = math.ceil(groups / slabs) * cap
    out: list[NDArray[np.intp]] = []
    for start in range(0, count, per_slab):
        out += _str_groups(centres, order[start : start + per_slab], dims[1:], cap)
    return out


@dataclass(frozen=True)
class PackedRtree:
    """A whole packed R*Tree, ready to be written into its shadow tables.

    Computed without a database connection (:func:`pack_rtree`), so a bulk load can
    build it in a second thread while SQLite inserts the rows and builds the B-trees.
    """

    #: (node number, node blob) of every node, the root (1) last.
    nodes: list[tuple[int, bytes]]
    #: (node number, parent node number) of every non-root node above the leaves.
    parents: list[tuple[int, int]]
    #: Every indexed row id in ascending order, and the leaf that holds it.
    rows: NDArray[np.int64]
    leaves: NDArray[np.int64]


def rtree_node_size(con: sqlite3.Connection, name: str) -> int:
    """The node size of R*Tree ``name`` (the root's: SQLite fixes it at creation)."""
    row = con.execute(f'SELECT length(data) FROM "{name}_node" WHERE nodeno = 1').fetchone()
    return int(row[0])


def _node_blobs(
    ids: NDArray[np.int64],
    lo: NDArray[np.float32],
    hi: NDArray[np.float32],
    sizes: NDArray[np.intp],
    depth: int,
    node_size: int,
) -> list[bytes]:
    """One blob per node: ``sizes[i]`` consecutive cells of ``ids``/``lo``/``hi`` each.

    Every node is a row of one zeroed byte matrix (header, cells in SQLite's
    big-endian layout, zero padding) written in a few array assignments.
    """
    dims = lo.shape[1]
    cell = np.empty(len(ids), dtype=[("id", ">i8"), ("c", ">f4", (2 * dims,))])
    cell["id"] = ids
    cell["c"][:, 0::2] = lo
    cell["c"][:, 1::2] = hi
    cell_bytes = cell.dtype.itemsize
    cap = int(sizes.max())
    node = np.repeat(np.arange(len(sizes)), sizes)
    slot = np.arange(len(ids)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    cells = np.zeros((len(sizes), cap, cell_bytes), dtype=np.uint8)
    cells[node, slot] = cell.view(np.uint8).reshape(len(ids), cell_bytes)
    out = np.zeros((len(sizes), node_size), dtype=np.uint8)
    out[:, :_HEADER_BYTES].view(">u2")[:, 0] = depth
    out[:, :_HEADER_BYTES].view(">u2")[:, 1] = sizes
    out[:, _HEADER_BYTES : _HEADER_BYTES + cap * cell_bytes] = cells.reshape(len(sizes), -1)
    # A void ("V") record converts to bytes as it is; "S" would drop trailing zeros.
    return list(out.view(f"V{node_size}").ravel().tolist())


def pack_rtree(
    ids: NDArray[np.int64], lo: NDArray[np.float64], hi: NDArray[np.float64], node_size: int
) -> PackedRtree:
    """The packed R*Tree of the boxes ``lo``–``hi`` (n × dimensions, in the R*Tree's
    column order) of rows ``ids``, with nodes of ``node_size`` bytes."""
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return PackedRtree([(1, bytes(node_size))], [], empty, empty)
    dims = lo.shape[1]
    cap = min(_MAX_CELLS, (node_size - _HEADER_BYTES) // (8 + 8 * dims))
    level_ids = np.asarray(ids, dtype=np.int64)
    level_lo, level_hi = float32_down(lo), float32_up(hi)
    nodes: list[tuple[int, bytes]] = []
    parents: list[tuple[int, int]] = []
    rowids: tuple[NDArray[np.int64], NDArray[np.int64]] | None = None
    next_node, depth = 2, 0
    while True:
        centres = (level_lo.astype(np.float64) + level_hi.astype(np.float64)) / 2
        groups = _str_groups(centres, np.arange(len(level_ids)), range(dims), cap)
        is_root = len(groups) == 1
        numbers = (
            np.array([1], dtype=np.int64)
            if is_root
            else np.arange(next_node, next_node + len(groups), dtype=np.int64)
        )
        next_node += 0 if is_root else len(groups)
        order = np.concatenate(groups)
        sizes = np.array([len(g) for g in groups], dtype=np.intp)
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        owner = np.repeat(numbers, sizes)
        if rowids is None:
            rowids = (level_ids[order], owner)
        else:
            parents += zip(level_ids[order].tolist(), owner.tolist(), strict=True)
        blobs = _node_blobs(
            level_ids[order],
            level_lo[order],
            level_hi[order],
            sizes,
            depth if is_root else 0,
            node_size,
        )
        nodes += zip(numbers.tolist(), blobs, strict=True)
        if is_root:
            break
        level_ids = numbers
        level_lo = np.minimum.reduceat(level_lo[order], starts)
        level_hi = np.maximum.reduceat(level_hi[order], starts)
        depth += 1
    rows, leaves = rowids
    by_row = np.argsort(rows, kind="stable")
    return PackedRtree(nodes, parents, rows[by_row], leaves[by_row])


def write_packed_rtree(con: sqlite3.Connection, name: str, tree: PackedRtree) -> None:
    """Replace the whole content of R*Tree ``name`` by ``tree``.

    Runs inside the caller's transaction: on an error nothing of it stays.
    """
    for table in ("node", "parent", "rowid"):
        con.execute(f'DELETE FROM "{name}_{table}"')
    con.executemany(f'INSERT INTO "{name}_node" VALUES (?, ?)', tree.nodes)
    con.executemany(f'INSERT INTO "{name}_parent" VALUES (?, ?)', tree.parents)
    if len(tree.rows):
        _write_rowids(con, name, tree.rows, tree.leaves)


def _write_rowids(
    con: sqlite3.Connection, name: str, rows: NDArray[np.int64], leaves: NDArray[np.int64]
) -> None:
    """Fill ``<name>_rowid`` (row → leaf), one row per indexed row, in rowid order.

    A million ``executemany`` rows cost ~0.8 s, nearly all of it binding two Python ints
    per row; one JSON array of ``rowid · 2³² + leaf`` read by ``json_each`` in SQLite
    costs a fraction. Row ids that do not fit in 31 bits take the ``executemany`` path.
    """
    if len(rows) and int(rows.min()) >= 0 and int(rows.max()) < _PACK_LIMIT:
        packed = (rows << 32) | leaves
        con.execute(
            f'INSERT INTO "{name}_rowid" SELECT value >> 32, value & {_LOW_BITS} FROM json_each(?)',
            (json.dumps(packed.tolist()),),
        )
        return
    con.executemany(
        f'INSERT INTO "{name}_rowid" VALUES (?, ?)',
        zip(rows.tolist(), leaves.tolist(), strict=True),
    )
