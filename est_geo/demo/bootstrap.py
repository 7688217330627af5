"""Creating databases: the demo database, and the default database on first start.

The app and the CLI share this, so "first start creates the demo database" behaves the
same everywhere. An existing file is never replaced implicitly: only ``est-geo demo
--replace`` (an explicit user request) removes one.

A PostgreSQL database (``postgresql://…``) is a shared server that an administrator
created, not a file of ours: it is never filled implicitly (not even the default
configuration's demo data), ``est-geo demo`` creates EST Geo's tables in it or fills an
empty EST Geo schema, and ``--replace`` drops EST Geo's tables only, never the database
or anything else in it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from est_geo.core.config import DEFAULT_DATABASE_PATH, Config
from est_geo.core.errors import StoreError, keyed_error
from est_geo.core.model import DEFAULT_INDICATORS, Intervention
from est_geo.demo.generate import generate_demo
from est_geo.demo.meeting import add_demo_meeting
from est_geo.store import Store, create_store, is_postgres_url, open_store, path_of
from est_geo.store.meeting import MeetingStore

DEMO_USER = "demo-generator"


def load_demo(store: Store, *, seed: int, n_incidents: int, end_date: date | None) -> None:
    """Fill an empty store with generated demo data and mark it as demo."""
    demo = generate_demo(seed=seed, n_incidents=n_incidents, end_date=end_date)
    store.add_areas(demo.areas, user=DEMO_USER)
    incidents = demo.incidents.assign(source="demo")
    store.add_incidents(incidents, user=DEMO_USER, batch_id=f"demo-{seed}")
    for rec in demo.interventions.to_dict("records"):
        store.add_intervention(_intervention(rec), user=DEMO_USER)
    for definition in DEFAULT_INDICATORS:
        store.upsert_indicator_definition(definition, user=DEMO_USER)
    values = demo.indicator_values
    store.add_indicator_values(values, user=DEMO_USER)
    if isinstance(store, MeetingStore):
        add_demo_meeting(store, demo.end_date, user=DEMO_USER)
    store.set_meta(
        {
            "demo": "true",
            "demo_seed": str(seed),
            "demo_end_date": demo.end_date.isoformat(),
            "last_update": pd.Timestamp.now().strftime("%Y-%m-%d %H:%M"),
        },
        user=DEMO_USER,
    )


def _opt_date(value: object) -> date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return pd.Timestamp(str(value)).date()


def _intervention(rec: dict[str, Any]) -> Intervention:
    cost = rec.get("cost")
    return Intervention(
        name=str(rec["name"]),
        kind=str(rec["kind"]),
        status=str(rec["status"]),
        owner_actor=str(rec["owner_actor"]),
        start_date=_opt_date(rec["start_date"]),
        end_date=_opt_date(rec["end_date"]),
        geometry=rec["geometry"],
        description=str(rec["description"]),
        public=bool(rec["public"]),
        cost=None if cost is None or cost != cost else float(cost),
        buffer_m=float(rec["buffer_m"]),
    )


def create_demo_database(
    url: str,
    *,
    seed: int = 2017,
    n_incidents: int = 20_000,
    end_date: date | None = None,
    replace: bool = False,
) -> Store:
    """Create a database at ``url`` holding the demo data.

    The data is built in a temporary file first and moved into place only when complete,
    so an interrupted run never leaves a half-filled database behind. For PostgreSQL see
    :func:`_create_demo_postgis`.
    """
    if is_postgres_url(url):
        return _create_demo_postgis(
            url, seed=seed, n_incidents=n_incidents, end_date=end_date, replace=replace
        )
    path = path_of(url)
    if path.exists() and not replace:
        raise keyed_error(StoreError, "store.error.demo_exists", path=str(path))
    tmp = path.with_name(path.name + ".tmp-demo")
    _remove_db_files(tmp)
    try:
        store = create_store(str(tmp))
        load_demo(store, seed=seed, n_incidents=n_incidents, end_date=end_date)
    except BaseException:
        _remove_db_files(tmp)
        raise
    _checkpoint(tmp)
    _remove_db_files(path)
    tmp.rename(path)
    return open_store(str(path))


def _create_demo_postgis(
    url: str, *, seed: int, n_incidents: int, end_date: date | None, replace: bool
) -> Store:
    """Put the demo data into the PostgreSQL database at ``url``, all or nothing.

    A database without EST Geo's tables gets them; an EST Geo schema without data (as
    ``create_store`` leaves it) is filled as it is; one holding data is refused unless
    ``replace``, which drops EST Geo's tables only and creates them afresh. Tables of the
    same names that are not EST Geo's are never touched. The server has no "move into
    place", so the whole write (dropping, creating, every row) is one transaction
    (:meth:`PostGISStore.one_transaction`): an error, Ctrl-C or ``kill -9`` half-way
    leaves the database exactly as it was before, never a half-filled demo.
    """
    from est_geo.store.postgis import PostGISStore, existing_est_tables, redact_url

    present = existing_est_tables(url)
    if present and "est_meta" not in present:
        raise keyed_error(
            StoreError, "store.error.demo_foreign", url=redact_url(url), tables=", ".join(present)
        )
    filled: list[str] = []
    if present:
        existing = PostGISStore.open(url)  # migrates an older schema first
        filled = existing.tables_with_data()
        existing.close()
        if filled and not replace:
            raise keyed_error(
                StoreError, "store.error.demo_data", url=redact_url(url), tables=", ".join(filled)
            )
    with PostGISStore.one_transaction(url) as store:
        if filled:
            store.drop_est_tables_here()
        if filled or not present:
            store.create_schema_here()
        load_demo(store, seed=seed, n_incidents=n_incidents, end_date=end_date)
    return PostGISStore.open(url)


def _checkpoint(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _remove_db_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def open_configured_store(config: Config) -> Store:
    """Open the configured database; create the demo database if it is the default one.

    Only the *default* file is created implicitly (first start of ``make run``); a
    configured path that does not exist is an error, since silently creating an empty
    database there would hide a typo. A PostgreSQL database is only ever opened: fictive
    incidents must never appear in a municipality's shared database unasked, so an empty
    one gives the error that says to run ``est-geo demo --db …`` (or ``create_store``).
    """
    if is_postgres_url(config.database_url):
        return open_store(config.database_url, read_only=config.public)
    path = path_of(config.database_url)
    is_default = path.resolve() == DEFAULT_DATABASE_PATH.resolve()
    if not path.exists() and is_default and config.demo and not config.public:
        create_demo_database(config.database_url)
    return open_store(config.database_url, read_only=config.public)
