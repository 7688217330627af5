"""A database of schema version 1 upgrades to exactly the schema of a new one, on both backends.

Why: both backends render their tables from one declaration (``est_geo.store.ddl``)
and reach today's version through numbered steps. A file or database made by the
first release must keep opening, and after its upgrade have the very tables, columns,
types, defaults, keys, indexes, constraints and triggers a new one has; otherwise a
declaration and a step have drifted apart. ``tests/schema_v1/`` holds version 1 as it
was released (the GeoPackage as ``sqlite3``'s dump, with the writing user in a column
``user``; the PostgreSQL statements as they were), plus one audit entry, which must
read the same after the upgrade.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from est_geo.store import Store, open_store
from est_geo.store.postgis import PostGISStore, close_all_pools
from est_geo.store.schema import SCHEMA_VERSION

from .conftest import ThrowawayCluster

V1 = Path(__file__).parent / "schema_v1"
_AUDIT_V1 = (
    "('2025-01-02T03:04:05Z', 'anna', 'update', 'meta', NULL, NULL, '{\"kommun\": \"Ystad\"}')"
)


def _squeeze(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def gpkg_schema(path: Path) -> dict[str, Any]:
    """Every table's columns, keys, indexes and foreign keys, every trigger and the
    GeoPackage registration of a file, comparable between two files."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, Any] = {
            "pragma": [con.execute(f"PRAGMA {p}").fetchone()[0] for p in ("application_id",)],
        }
        master = con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "ORDER BY type, name"
        ).fetchall()
        for kind, name, sql in master:
            if kind == "table":
                out[f"table {name}"] = {
                    "columns": con.execute(f"PRAGMA table_xinfo({name})").fetchall(),
                    "foreign": con.execute(f"PRAGMA foreign_key_list({name})").fetchall(),
                    "indexes": sorted(
                        (row[2:], con.execute(f"PRAGMA index_info({row[1]})").fetchall())
                        for row in con.execute(f"PRAGMA index_list({name})")
                    ),
                    "virtual": _squeeze(sql) if sql.startswith("CREATE VIRTUAL") else "",
                }
            elif kind == "index":
                out[f"index {name}"] = con.execute(f"PRAGMA index_info({name})").fetchall()
            else:
                out[f"{kind} {name}"] = _squeeze(sql)
        for table, columns in (
            ("gpkg_contents", "table_name, data_type, identifier, description, srs_id"),
            ("gpkg_geometry_columns", "*"),
            ("gpkg_spatial_ref_sys", "*"),
        ):
            out[table] = con.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2").fetchall()
        return out
    finally:
        con.close()


_PG_QUERIES = {
    "columns": """SELECT table_name, ordinal_position, column_name, data_type, udt_name,
        is_nullable, column_default, is_identity, identity_generation, is_generated,
        generation_expression FROM information_schema.columns
        WHERE table_schema = current_schema() ORDER BY 1, 2""",
    "geometry": "SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns "
    "ORDER BY 1, 2",
    "indexes": "SELECT tablename, indexname, indexdef FROM pg_indexes "
    "WHERE schemaname = current_schema() ORDER BY 1, 2",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
    "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2",
    "triggers": "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) "
    "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2",
    "functions": "SELECT proname, prosrc FROM pg_proc "
    "WHERE pronamespace = current_schema()::regnamespace AND proname LIKE 'est%' ORDER BY 1",
}


def postgis_schema(url: str) -> dict[str, Any]:
    """Columns, geometry types, indexes, constraints, triggers and EST Geo's functions."""
    with psycopg.connect(url) as con:
        return {
            key: [tuple(_squeeze(str(v)) for v in row) for row in con.execute(query.encode())]
            for key, query in _PG_QUERIES.items()
        }


def _v1_gpkg(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript((V1 / "gpkg_v1.sql").read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO audit_log (at, user, action, entity, entity_id, before, after) "
        f"VALUES {_AUDIT_V1}"
    )
    con.commit()
    con.close()


def _v1_postgis(url: str) -> None:
    with psycopg.connect(url) as con:
        con.execute((V1 / "postgis_v1.sql").read_text(encoding="utf-8").encode())
        con.execute(
            "INSERT INTO audit_log (at, username, action, entity, entity_id, before, after) "
            f"VALUES {_AUDIT_V1}".encode()
        )


def test_a_version_1_database_upgrades_to_the_schema_of_a_new_one(
    backend: str,
    store_factory: Callable[[], Store],
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    fresh = store_factory()
    if backend == "gpkg":
        old_url = str(tmp_path / "v1.gpkg")
        _v1_gpkg(Path(old_url))
        describe: Callable[[str], dict[str, Any]] = lambda url: gpkg_schema(Path(url))  # noqa: E731
    else:
        cluster: ThrowawayCluster = request.getfixturevalue("postgis_cluster")
        old_url = cluster.new_database()
        _v1_postgis(old_url)
        describe = postgis_schema
    try:
        upgraded = open_store(old_url)
        assert upgraded.info().schema_version == SCHEMA_VERSION
        log = upgraded.audit_log()
        assert log["action"].iloc[0] == "migrate"
        assert "anna" in set(log["user"])
        want, got = describe(fresh.url), describe(old_url)
        assert sorted(want) == sorted(got)
        for key in want:
            assert got[key] == want[key], key
    finally:
        if isinstance(fresh, PostGISStore):
            close_all_pools()
            request.getfixturevalue("postgis_cluster").drop_database(old_url)


def test_a_file_whose_version_was_set_back_reruns_every_step_unharmed(tmp_path: Path) -> None:
    """Every GeoPackage step is rerunnable: a file at today's schema whose version
    number is set back to 1 (by hand, or by another tool) runs every step again and
    ends with exactly the schema and rows it had. The steps' new tables and layer
    entries skip themselves (``IF NOT EXISTS``, ``INSERT OR IGNORE``); the renames of
    version 9 and the rebuilds of version 10 are skipped where done already."""
    from est_geo.store import create_store

    from .conftest import small_areas

    fresh, old = tmp_path / "fresh.gpkg", tmp_path / "old.gpkg"
    create_store(str(fresh))
    store = create_store(str(old))
    store.add_areas(small_areas(), user="t")
    con = sqlite3.connect(old)
    con.execute("UPDATE est_meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    upgraded = open_store(str(old))
    assert upgraded.info().schema_version == SCHEMA_VERSION
    assert upgraded.audit_log()["action"].iloc[0] == "migrate"
    assert upgraded.areas()["code"].tolist() == ["0581", "T-OMR", "T-OMR-C"]
    want, got = gpkg_schema(fresh), gpkg_schema(old)
    assert sorted(want) == sorted(got)
    for key in want:
        assert got[key] == want[key], key
